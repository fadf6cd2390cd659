// The applicant side of the approval engine (issue 11): 注册, the business types an account may apply
// for, its applications (draft → submit → withdraw …), the form definitions and the portal messages.
import http, { type RequestOptions } from './http'
import type { Items, Page, PortalLicence, Region } from '@/types/api'
import type { CaseRow } from './approval'
import type { FormDefinition, FormValues } from '@/components/application/formDefinition'

/** Who signs up: a unit (保安服务公司 / 保安培训单位 / 自行招用保安员单位) or a person (个人: 保安员资格考试报名). */
export type UnitKind = 'company' | 'training_unit' | 'inhouse_unit' | 'person'
export const UNIT_KINDS: { code: UnitKind; name: string }[] = [
  { code: 'company', name: '保安服务公司' },
  { code: 'training_unit', name: '保安培训单位' },
  { code: 'inhouse_unit', name: '自行招用保安员单位' },
  { code: 'person', name: '个人' },
]

/** A person's sign-up: they sign in with the ID number. */
export interface PersonSignUpBody {
  unitKind: 'person'
  idNo: string
  name: string
  mobile: string
  smsCode: string
  password: string
}

export interface SignUpBody {
  unitKind: Exclude<UnitKind, 'person'>
  creditCode: string
  name: string
  regionCode: string
  legalName: string
  legalIdNo: string
  legalMobile: string
  smsCode: string
  password: string
}

/** A business type as the portal offers it: `allowed` false with the `reason` it is not. */
export interface ApplicableType {
  code: string
  name: string
  allowed: boolean
  reason?: string | null
}

/** An application as its applicant sees it (rows of the list; the detail adds form, progress …): the
 * officers' row without whom it waits for (the server leaves out handlerName and postName). */
export interface PortalApplication extends Omit<CaseRow, 'handlerName' | 'postName' | 'arrivedAt' | 'stepIndex'> {
  stepIndex?: number | null
  arrivedAt?: string | null
  createdAt: string
  updatedAt: string
}

/** One applicant-visible entry of the case's history (never an officer's internal opinion). */
export interface ProgressEntry {
  at: string
  stepName: string | null
  actionName: string
  note: string | null
}

/** The licence a granted application issued (the applicant's view of a granted case). */
export interface ApplicationLicence {
  id: number
  number: string
  issuedOn: string
  /** valid | cancelled | revoked */
  status: string
  /** the public verification page (a path on this server) */
  verifyUrl: string
}

export interface PortalApplicationDetail extends PortalApplication {
  /** 逾期备案: why the filing is late (null when it is not) */
  lateFilingNote?: string | null
  licence?: ApplicationLicence | null
  form: FormValues
  correctionItems: string[] | null
  publicReason: string | null
  extensionDays?: number
  progress: ProgressEntry[]
}

export interface PortalMessage {
  id: number
  applicationId: number | null
  title: string
  body: string
  createdAt: string
  readAt: string | null
}

export const sendSignUpCode = (mobile: string) =>
  http.post<{ sent: boolean }>('/portal/sign-up/sms-code', { mobile }, { quiet: true })
/** The region picker of 注册 (public: GET /regions needs a session); it ends at the county level. */
export const listSignUpRegions = async (parent?: string): Promise<Items<Region>> => {
  const res = await http.get<Items<Region>>('/portal/sign-up/regions', { params: parent ? { parent } : {}, quiet: true })
  return { items: res.items.map((r) => ({ ...r, hasChildren: r.hasChildren && r.level !== 'county' })) }
}
export const signUp = (body: SignUpBody | PersonSignUpBody) =>
  http.post<{ id: number; account: string; name: string }>('/portal/sign-up', body, { quiet: true })

export const listApplicableTypes = () => http.get<ApplicableType[]>('/portal/business-types')
/** The unit's valid licences (the `licence` field's choices). */
export const listPortalLicences = () => http.get<PortalLicence[]>('/portal/licences', { quiet: true })
export const getFormDefinition = (code: string) => http.get<FormDefinition>(`/business-types/${encodeURIComponent(code)}/form`)

export const listPortalApplications = (params: Record<string, unknown>) =>
  http.get<Page<PortalApplication>>('/portal/applications', { params })
export const getPortalApplication = (id: number, opts: RequestOptions = {}) =>
  http.get<PortalApplicationDetail>(`/portal/applications/${id}`, opts)
/** Quiet: the form shows the server's field messages where they belong. */
export const createPortalApplication = (body: { businessType: string; form: FormValues; submit: boolean }) =>
  http.post<PortalApplicationDetail>('/portal/applications', body, { quiet: true })
export const updatePortalApplication = (id: number, body: { form: FormValues }) =>
  http.put<PortalApplicationDetail>(`/portal/applications/${id}`, body, { quiet: true })
export const submitPortalApplication = (id: number, opts: RequestOptions = { quiet: true }) =>
  http.post<PortalApplicationDetail>(`/portal/applications/${id}/submit`, {}, opts)
export const withdrawPortalApplication = (id: number) => http.post<PortalApplicationDetail>(`/portal/applications/${id}/withdraw`, {})
/** The licence PDF of a granted application (the session cookie goes along). */
export const portalLicenceUrl = (id: number) => `/api/v1/portal/applications/${id}/licence`

export const listPortalMessages = (opts: RequestOptions = {}) => http.get<PortalMessage[]>('/portal/messages', opts)
