// The approval engine, officer side (issue 11 contract, manual §4 and §5): business types and their
// chains, application forms, 待办 / 已办, the §5 case lists, one case, its log, its actions, the
// background checks, 常用语 and the chain configuration (系统管理 → 审批流程).
import http, { BASE_URL } from './http'
import type { ListParams } from './industry'
import type { Page } from '@/types/api'
import type { FormDefinition } from '@/components/application/formDefinition'

// ---- chains and forms --------------------------------------------------------------------------

export type StepLevel = 'province' | 'city' | 'county' | 'station'
export type StepKind = 'review' | 'assign'

/** A step of a chain (GET /workflows/{code}, the case's `steps`). */
export interface WorkflowStep {
  name: string
  post: string
  postName: string
  level: StepLevel | string
  kind?: StepKind
  legalDays?: number
  promisedDays?: number
  backgroundCheck?: boolean
  /** on a case: done (passed), pending (waits here), todo (still ahead), skipped (its condition does not hold) */
  state?: 'done' | 'pending' | 'todo' | 'skipped'
}

/** The manual's menu group of a business type. */
export type BusinessGroup = 'licensing' | 'filing' | 'change' | 'exam'

/** GET /business-types: every business type with the chain in force and what its declaration says. */
export interface BusinessTypeInfo {
  code: string
  name: string
  steps: WorkflowStep[]
  version?: number
  hasForm?: boolean
  group?: BusinessGroup
  /** 待办's 批量同意 takes cases of this type (the filings) */
  batchable?: boolean
  /** the type's own search field of its §5 list (branch_filing: {key: 'branchName', label: '分公司名称'}) */
  keyField?: { key: string; label: string } | null
  /** the final 同意 issues a licence (its PDF can be downloaded) */
  issuesLicence?: boolean
  /** a year's filings are due by a deadline set per year: the §5 list offers 报送情况 (annual_report) */
  yearlyRounds?: boolean
}

export interface Workflow {
  businessType: string
  name: string
  version: number
  legalDays: number
  steps: WorkflowStep[]
}

// the form definition's types live with the form logic (one definition for the editor and the view)
export type { FieldType, FormDefinition, FormFieldDef } from '@/components/application/formDefinition'

/** A case's lateFilingNote without its own leading "逾期备案:" (the pages put their own title before it). */
export const lateFilingReason = (note: string | null | undefined) => (note || '').replace(/^逾期备案\s*[::]\s*/, '')

/** A row of a `people` field. */
export interface FormPerson {
  name: string | null
  idNo: string | null
  mobile: string | null
  role: string | null
}

export const LEVELS: { code: StepLevel; name: string }[] = [
  { code: 'province', name: '省级' },
  { code: 'city', name: '市级' },
  { code: 'county', name: '县级' },
  { code: 'station', name: '派出所' },
]
export const levelName = (code: string | null | undefined) => LEVELS.find((l) => l.code === code)?.name || code || ''

let typesCache: Promise<BusinessTypeInfo[]> | null = null
/** The business types (read once per page load; `fresh` after a chain was saved). */
export function listBusinessTypes(fresh = false): Promise<BusinessTypeInfo[]> {
  if (!typesCache || fresh) {
    typesCache = http.get<BusinessTypeInfo[]>('/business-types').catch((e: unknown) => {
      typesCache = null
      throw e
    })
  }
  return typesCache
}
const formCache = new Map<string, Promise<FormDefinition>>()
export function getFormDefinition(code: string): Promise<FormDefinition> {
  let p = formCache.get(code)
  if (!p) {
    p = http.get<FormDefinition>(`/business-types/${encodeURIComponent(code)}/form`).catch((e: unknown) => {
      formCache.delete(code)
      throw e
    })
    formCache.set(code, p)
  }
  return p
}
export const getWorkflow = (code: string) => http.get<Workflow>(`/workflows/${encodeURIComponent(code)}`)
export const saveWorkflow = (code: string, steps: WorkflowStep[]) =>
  http.put<Workflow>(`/workflows/${encodeURIComponent(code)}`, { steps }, { quiet: true })

// ---- cases -----------------------------------------------------------------------------------------

export type Warning = 'none' | 'yellow' | 'red'

/** A case as the lists show it (待办, 已办, §5 lists). */
export interface CaseRow {
  id: number
  caseNo: string | null
  businessType: string
  businessTypeName: string
  applicantName: string
  applicantCode?: string
  regionName?: string
  status: string
  statusName: string
  stepIndex: number | null
  stepName: string | null
  postName: string | null
  handlerName: string | null
  arrivedAt: string | null
  dueAt: string | null
  remainingWorkingDays: number | null
  warning: Warning
  submittedAt: string | null
  acceptedAt: string | null
  decidedAt: string | null
  /** a filing made after its legal deadline (逾期备案): the server warns, never refuses */
  lateFiling?: boolean
  /** the value of the type's own search field (分公司名称, 客户单位, 年度 …) */
  keyValue?: string | null
}

/** The verbs of POST /applications/{id}/<verb>. */
export type Verb =
  | 'accept' | 'refuse' | 'request-correction' | 'approve' | 'reject' | 'send-back' | 'recall' | 'transfer' | 'assign'
  | 'urge' | 'extend' | 'pause' | 'resume'

/** One case as an officer sees it (GET /applications/{id}). */
export interface CaseDetail extends CaseRow {
  /** 逾期备案: why the filing is late (null when it is not) */
  lateFilingNote?: string | null
  form: Record<string, unknown>
  correctionItems: string[] | null
  publicReason: string | null
  pauseKind: string | null
  extensionDays: number
  workflowVersion: number
  steps: WorkflowStep[]
  /** what the signed-in officer may do now */
  actions: Verb[]
}

export interface LogEntry {
  at: string
  userName: string
  orgName: string
  postName: string | null
  stepName?: string | null
  action: string
  actionName: string
  opinion: string | null
  publicNote?: string | null
  workingDays?: number | null
  naturalDays?: number | null
}

export interface Candidate {
  id: number
  name: string
  orgName: string
  postName: string
}

export interface BackgroundCheck {
  database: string
  databaseName: string
  idNo: string
  name: string
  result: 'pass' | 'hit' | 'error'
  detail: string
  checkedAt?: string
  checkedBy?: string
}

export const CASE_STATUSES = [
  { code: 'submitted', name: '待受理', tag: 'warning' },
  { code: 'correction', name: '待补正', tag: 'warning' },
  { code: 'in_review', name: '审查中', tag: 'primary' },
  { code: 'paused', name: '特别程序中', tag: 'info' },
  { code: 'returned', name: '已退回', tag: 'danger' },
  { code: 'refused', name: '不予受理', tag: 'danger' },
  { code: 'withdrawn', name: '已撤回', tag: 'info' },
  { code: 'granted', name: '准予许可', tag: 'success' },
] as const
export const statusTag = (code: string) => CASE_STATUSES.find((s) => s.code === code)?.tag || 'info'

export const PAUSE_KINDS = [
  { code: 'hearing', name: '听证' },
  { code: 'inspection', name: '检验' },
  { code: 'testing', name: '检测' },
  { code: 'appraisal', name: '鉴定' },
  { code: 'expert_review', name: '专家评审' },
]

/**
 * 打印 of a case (its PDF) per business type: the §5 modules' print permissions (exam registrations have
 * none: 审批 view and export only). Literals, so the SPA test sees every code.
 */
export const PRINT_PERMISSIONS: Record<string, string> = {
  company_licence: 'company_licence:print',
  training_licence: 'training_licence:print',
  branch_filing: 'branch_filing:print',
  inhouse_filing: 'inhouse_filing:print',
  cross_region_filing: 'cross_region_filing:print',
  annual_report: 'annual_report:print',
  licence_change: 'licence_change:print',
  inhouse_revocation: 'inhouse_revocation:print',
}

/** 导出 of a §5 case list (its xlsx) per business type; literals like PRINT_PERMISSIONS. */
export const EXPORT_PERMISSIONS: Record<string, string> = {
  company_licence: 'company_licence:export',
  training_licence: 'training_licence:export',
  branch_filing: 'branch_filing:export',
  inhouse_filing: 'inhouse_filing:export',
  cross_region_filing: 'cross_region_filing:export',
  annual_report: 'annual_report:export',
  licence_change: 'licence_change:export',
  inhouse_revocation: 'inhouse_revocation:export',
  exam_registration: 'exam_registration:export',
}

/** 预警 of the case searches (待办, §5 lists). */
export const WARNING_OPTIONS = [{ code: 'yellow', name: '黄色预警' }, { code: 'red', name: '红色预警' }]

/** The case searches' form → API params: 提交日期 (a range) as submittedFrom / submittedTo. */
export function caseSearchParams({ submitted, ...q }: Record<string, unknown>): Record<string, unknown> {
  const range = Array.isArray(submitted) ? submitted : []
  return { ...q, ...(range.length === 2 ? { submittedFrom: range[0], submittedTo: range[1] } : {}) }
}

/** One business type's declaration (undefined when the server does not know it). */
export const getBusinessType = async (code: string) => (await listBusinessTypes()).find((t) => t.code === code)

export const listTodo = (params: ListParams) => http.get<Page<CaseRow>>('/todo', { params })
export const listDone = (params: ListParams) => http.get<Page<CaseRow>>('/todo/done', { params })
export const listApplications = (params: ListParams) => http.get<Page<CaseRow>>('/applications', { params })
/** 批量同意 (filings only: 400 when a case is not one); each case moves or is reported on its own. */
export interface BatchResult {
  approved: number[]
  failed: { id: number; caseNo?: string | null; message: string }[]
}
export const batchApprove = (ids: number[], opinion: string) =>
  http.post<BatchResult>('/applications/batch/approve', { ids, opinion }, { quiet: true })
export const getCase = (id: number) => http.get<CaseDetail>(`/applications/${id}`)
export const getCaseLog = (id: number) => http.get<LogEntry[]>(`/applications/${id}/log`)
export const listCandidates = (id: number, purpose: 'transfer' | 'assign') =>
  http.get<Candidate[]>(`/applications/${id}/candidates`, { params: purpose === 'assign' ? { for: 'assign' } : {} })
/** One action; resolves to the case as it is afterwards. Quiet: the caller shows the message. */
export const act = (id: number, verb: Verb, body: Record<string, unknown>) =>
  http.post<CaseDetail>(`/applications/${id}/${verb}`, body, { quiet: true })
export const runBackgroundChecks = (id: number) =>
  http.post<{ checks: BackgroundCheck[] }>(`/applications/${id}/background-checks`, {}, { quiet: true, timeout: 120000 })
export const getBackgroundChecks = (id: number) => http.get<{ checks: BackgroundCheck[] }>(`/applications/${id}/background-checks`)
/** The case's PDF (materials list, form, approval log), shown by the browser. */
export const casePrintUrl = (id: number) => `${BASE_URL}/applications/${id}/print`

// ---- 常用语 ----------------------------------------------------------------------------------------

export interface OpinionPhrase {
  id: number
  text: string
  mine: boolean
}
export const listPhrases = () => http.get<OpinionPhrase[]>('/opinion-phrases', { quiet: true })
export const addPhrase = (text: string) => http.post<OpinionPhrase>('/opinion-phrases', { text }, { quiet: true })
export const deletePhrase = (id: number) => http.delete(`/opinion-phrases/${id}`)

// ---- 外出委托 (out-of-office delegation) ----------------------------------------------------------------

export interface Delegation {
  id: number
  deputyId: number
  deputyName: string
  from: string
  to: string
}
export interface DelegationCandidate {
  id: number
  name: string
  orgName: string
}
export const listDelegations = () => http.get<Delegation[]>('/delegations', { quiet: true })
export const listDelegationCandidates = () => http.get<DelegationCandidate[]>('/delegations/candidates', { quiet: true })
export const addDelegation = (body: { deputyId: number; from: string; to: string }) =>
  http.post<Delegation>('/delegations', body, { quiet: true })
export const deleteDelegation = (id: number) => http.delete(`/delegations/${id}`)

// ---- the materials -----------------------------------------------------------------------------------

export interface FileInfo {
  id: string
  name: string
  contentType: string
  /** false when the file cannot be read (deleted, or not visible) */
  ok: boolean
}

const infoCache = new Map<string, Promise<FileInfo>>()
function nameOf(cd: string | null, fallback: string): string {
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(cd || '')
  if (star) {
    try { return decodeURIComponent(star[1].trim().replace(/^"|"$/g, '')) } catch { /* fall through */ }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(cd || '')
  return plain ? plain[1].trim() : fallback
}
/**
 * The name and type of a stored file: the answer's headers of GET /files/{id} (the body is not read;
 * the browser caches the file for the viewer that shows it next).
 */
export function fileInfo(id: string): Promise<FileInfo> {
  let p = infoCache.get(id)
  if (!p) {
    p = (async () => {
      const controller = new AbortController()
      try {
        const res = await fetch(`${BASE_URL}/files/${encodeURIComponent(id)}`, { credentials: 'same-origin', signal: controller.signal })
        const info: FileInfo = {
          id,
          name: nameOf(res.headers.get('content-disposition'), id),
          contentType: (res.headers.get('content-type') || '').split(';')[0].trim(),
          ok: res.ok,
        }
        controller.abort()
        return info
      } catch {
        return { id, name: id, contentType: '', ok: false }
      }
    })()
    infoCache.set(id, p)
  }
  return p
}
