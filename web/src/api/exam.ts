// 保安员资格许可 (manual §6, issue 13): exam registrations (报名, §6.1.1), payments, exams (考试安排,
// 考场编排, 准考证, 考试通知, 成绩, §6.2) and 保安员证 (§6.3). The shapes follow the issue's Contract;
// fields beyond it are optional (the server may leave them out).
import http, { BASE_URL, type RequestOptions } from './http'
import type { ListParams } from '@/composables/useList'
import type { FormValues } from '@/components/application/formDefinition'
import type { ImportAnswer, Page } from '@/types/api'
import { ageOn, birthDateOfId, idNumberError } from '@/utils/validators'

export const EXAM_REGISTRATION_TYPE = 'exam_registration'

/** The pipeline of DOMAIN.md (server: modules/exam/registration_status.cpp) with a tag colour each. */
export const REGISTRATION_STATUSES: { code: string; name: string; tag: '' | 'success' | 'warning' | 'danger' | 'info' | 'primary' }[] = [
  { code: 'background_check', name: '待背景审查', tag: 'warning' },
  { code: 'pending_payment', name: '待缴费', tag: 'warning' },
  { code: 'pending_exam', name: '待安排考试', tag: 'primary' },
  { code: 'scheduled', name: '已安排考试', tag: 'primary' },
  { code: 'passed', name: '合格', tag: 'success' },
  { code: 'failed', name: '不合格', tag: 'danger' },
  { code: 'pending_certificate', name: '待制证审批', tag: 'primary' },
  { code: 'certifying', name: '待制证', tag: 'primary' },
  { code: 'certified', name: '已制证', tag: 'success' },
  { code: 'rejected', name: '审查不通过', tag: 'danger' },
  { code: 'cancelled', name: '已取消', tag: 'info' },
]
export const registrationStatusName = (code: string | null | undefined) =>
  REGISTRATION_STATUSES.find((s) => s.code === code)?.name || code || ''
export const registrationStatusTag = (code: string | null | undefined) =>
  REGISTRATION_STATUSES.find((s) => s.code === code)?.tag || 'info'

/** The steps a registration walks through, as the portal shows them (the closed ends apart). */
export const PIPELINE_STEPS: { name: string; statuses: string[] }[] = [
  { name: '报名审核', statuses: ['background_check'] },
  { name: '缴费', statuses: ['pending_payment'] },
  { name: '安排考试', statuses: ['pending_exam'] },
  { name: '参加考试', statuses: ['scheduled'] },
  { name: '考试成绩', statuses: ['passed', 'failed'] },
  { name: '制证', statuses: ['pending_certificate', 'certifying'] },
  { name: '领取证书', statuses: ['certified'] },
]
/** The index of the step a status is at (the active step of el-steps). */
export function pipelineStep(status: string): number {
  const i = PIPELINE_STEPS.findIndex((s) => s.statuses.includes(status))
  return i < 0 ? 0 : i
}

/**
 * What a 公民身份号码 tells (GB 11643): 性别 (the 17th digit: odd 男), 出生日期, the age on `on`, and the
 * county of 户籍地 (the first six digits). null for a number that is not valid.
 */
export function idFacts(idNo: string, on: string): { gender: '男' | '女'; birthDate: string; age: number; county: string } | null {
  const id = idNo.trim().toUpperCase()
  if (id.length !== 18 || idNumberError(id, on)) return null
  const birthDate = birthDateOfId(id)
  return { gender: Number(id[16]) % 2 === 1 ? '男' : '女', birthDate, age: ageOn(birthDate, on), county: id.slice(0, 6) }
}

export interface RegistrationRow {
  id: number
  applicationId?: number
  caseNo: string
  status: string
  statusName: string
  name: string
  /** masked (110101********1234) */
  idNo: string
  gender: string
  genderName?: string
  birthDate?: string
  householdRegion: string
  householdRegionName: string
  attempt: number
  submittedAt: string | null
  mobile?: string
  orgName?: string
  examId?: number | null
  examName?: string | null
  registeredByKind?: string
  /** police lists: the person is a 问题人员 (§9.3) */
  flagged?: boolean
}

/** A fee order (amounts in fen; amountYuan as text) — modules/exam/payment_service. */
export interface PaymentOrder {
  id: number
  orderNo: string
  registrationId: number
  /** unpaid | paid | closed | refunded … */
  status: string
  statusName: string
  provider: string
  method: string | null
  methodName: string | null
  amount: number
  amountYuan: string
  freeResit?: boolean
  receiptNo: string | null
  tradeNo?: string | null
  payUrl: string | null
  paidAt: string | null
  paidBy?: string | null
  refund?: { state: string; stateName: string; refundNo?: string; at?: string | null } | null
  createdAt: string
}

/** The candidate's order on the portal: the live one (null before it is opened) and the provider (local | gateway). */
export interface PortalPayment {
  registrationId: number
  registrationStatus: string
  order: PaymentOrder | null
  provider: string
}

export interface RegistrationExam {
  id: number
  name: string
  place: string
  startAt: string
  endAt: string
  roomName?: string | null
  seat?: number | string | null
  ticketNo?: string | null
  notifiedAt?: string | null
}

export interface RegistrationScore {
  theory?: number | null
  skills?: number | null
  absent?: boolean
  passed?: boolean | null
  notifiedAt?: string | null
}

export interface RegistrationCertificate {
  id: number
  number: string
  issuedAt?: string | null
  status?: string
  verifyUrl?: string | null
}

export interface RegistrationDetail extends RegistrationRow {
  caseStatus?: string
  caseStatusName?: string
  stationName?: string
  ethnicity?: string
  education?: string
  educationName?: string
  householdAddress?: string
  currentAddress?: string
  photoFileId?: string | null
  photoUrl?: string | null
  materials?: { id: string; name: string; url: string }[]
  certificateId?: number | null
  exam?: RegistrationExam | null
  score?: RegistrationScore | null
  certificate?: RegistrationCertificate | null
  rejectReason?: string | null
  publicReason?: string | null
}

export interface CreatedRegistration {
  id: number
  caseNo: string
  status: string
  statusName?: string
  attempt?: number
  stationName?: string
  applicationId?: number
}

/** police: the registrations in scope; portal: those the account registered (a person: their own) */
export type RegistrationSide = 'police' | 'portal'
const registrationsBase = (side: RegistrationSide) => (side === 'portal' ? '/portal/exam-registrations' : '/exam-registrations')
export const listRegistrations = (side: RegistrationSide) => (params: ListParams) =>
  http.get<Page<RegistrationRow>>(registrationsBase(side), { params })
export const getRegistration = (side: RegistrationSide, id: number, opts: RequestOptions = {}) =>
  http.get<RegistrationDetail>(`${registrationsBase(side)}/${id}`, opts)
/** a registration (portal person, employer or officer at the window); 422 with field messages (quiet: the form shows them) */
export const createRegistration = (form: FormValues, submit = true) =>
  http.post<CreatedRegistration>('/exam-registrations', { form, submit }, { quiet: true })
export const cancelRegistration = (side: RegistrationSide, id: number, reason = '') =>
  http.post(`${registrationsBase(side)}/${id}/cancel`, reason ? { reason } : {})
/** 批量报名 (portal units): the xlsx list; its rows name files the account uploaded before (photos, materials) */
export const importRegistrations = (file: File) =>
  http.post<ImportAnswer>('/portal/exam-registrations/import', file, {
    headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    timeout: 120000,
    quiet: true,
  })
export const REGISTRATION_TEMPLATE_URL = '/portal/exam-registrations/import-template'

/** the orders of a registration (officer) */
export const listPayments = (id: number) => http.get<{ items: PaymentOrder[] }>(`/exam-registrations/${id}/payments`, { quiet: true })
/** 现场缴费 (an officer at the window): the amount in fen */
export const payAtWindow = (id: number, body: { amount: number; receiptNo: string }) =>
  http.post<PaymentOrder>(`/exam-registrations/${id}/payments`, { method: 'window', ...body }, { quiet: true })
/** the candidate's live order, if any (portal) */
export const getPortalPayment = (registrationId: number) =>
  http.get<PortalPayment>('/portal/exam-payments', { params: { registrationId }, quiet: true })
/** 在线缴费: opens (or returns) the candidate's order; with the gateway it carries the payUrl */
export const openPortalPayment = (registrationId: number) => http.post<PortalPayment>('/portal/exam-payments', { registrationId })
/** pays the open order with the local provider (no gateway configured) */
export const payPortalOrder = (registrationId: number) => http.post<PortalPayment>('/portal/exam-payments/pay', { registrationId })
/** fen → "123.00" */
export const yuan = (fen: number | null | undefined) => (typeof fen === 'number' ? (fen / 100).toFixed(2) : '')

// ---- exams (§6.2)

export type ExamKind = 'theory' | 'theory_skills'
export const EXAM_KINDS: { code: ExamKind; name: string }[] = [
  { code: 'theory', name: '理论' },
  { code: 'theory_skills', name: '理论+技能' },
]
export const examKindName = (k: string | null | undefined) => EXAM_KINDS.find((x) => x.code === k)?.name || k || ''

export const EXAM_STATUSES: { code: string; name: string; tag: '' | 'success' | 'warning' | 'danger' | 'info' | 'primary' }[] = [
  { code: 'not_started', name: '未开始', tag: 'primary' },
  { code: 'in_progress', name: '进行中', tag: 'warning' },
  { code: 'finished', name: '已结束', tag: 'info' },
]

export interface ExamRoom {
  id: number
  position?: number
  name: string
  seats: number
  /** seated candidates */
  used?: number
}

export interface ExamRow {
  id: number
  name: string
  kind: ExamKind
  kindName?: string
  place: string
  startAt: string
  endAt: string
  rooms?: ExamRoom[]
  passTheory: number
  passSkills?: number | null
  /** not_started | in_progress | finished */
  status: string
  statusName?: string
  candidateCount?: number
  /** 考场编排 was done */
  seated?: boolean
  notifiedAt?: string | null
  notifyCount?: number
  scoresNotifiedAt?: string | null
  orgName?: string
}

export interface ExamCandidate {
  registrationId: number
  name: string
  /** masked */
  idNo: string
  gender?: string
  hasPhoto?: boolean
  registrationStatus?: string
  registrationStatusName?: string
  ticketNo: string | null
  roomId: number | null
  roomName: string | null
  seat: number | null
  theory: number | null
  skills: number | null
  absent: boolean
  /** passed | failed | absent (decided by the exam's rule) */
  result: string | null
  resultName: string | null
  notified?: boolean
  scoreNotified?: boolean
}

export interface ExamDetail extends ExamRow {
  rooms: ExamRoom[]
  candidates: ExamCandidate[]
  results?: { passed: number; failed: number; absent: number }
}

/** a paid registration that may be added to an exam (GET /exams/{id}/addable) */
export interface AddableCandidate {
  registrationId: number
  name: string
  idNo: string
  gender?: string
  mobile?: string
  attempt: number
  status: string
  statusName: string
  createdAt: string
}

export interface ExamBody {
  name: string
  kind: ExamKind
  place: string
  startAt: string
  endAt: string
  rooms: { name: string; seats: number }[]
  passTheory: number
  passSkills?: number
}

export const listExams = (params: ListParams, opts: RequestOptions = {}) => http.get<Page<ExamRow>>('/exams', { params, ...opts })
export const getExam = (id: number) => http.get<ExamDetail>(`/exams/${id}`)
export const createExam = (body: ExamBody) => http.post<ExamRow>('/exams', body, { quiet: true })
export const listAddable = (id: number) => (params: ListParams) => http.get<Page<AddableCandidate>>(`/exams/${id}/addable`, { params })
export const addCandidates = (id: number, registrationIds: number[]) =>
  http.post<{ added: number; candidateCount: number }>(`/exams/${id}/candidates`, { registrationIds })
export const removeCandidate = (id: number, registrationId: number) => http.delete(`/exams/${id}/candidates/${registrationId}`)
/** 考场编排: seats in ID order or at random */
export const seatExam = (id: number, order: 'id' | 'random') => http.post(`/exams/${id}/seating`, { order })
/** move one candidate to a room and seat */
export const moveSeat = (id: number, registrationId: number, body: { roomId: number; seat: number }) =>
  http.put(`/exams/${id}/candidates/${registrationId}/seat`, body, { quiet: true })
export const ticketsUrl = (id: number, params: { room?: string; registrationId?: number } = {}) => {
  const q = new URLSearchParams()
  if (params.room) q.set('room', params.room)
  if (params.registrationId) q.set('registrationId', String(params.registrationId))
  const s = q.toString()
  return `${BASE_URL}/exams/${id}/tickets${s ? `?${s}` : ''}`
}
/** a candidate's own 准考证 on the portal (the person, or the unit that registered them) */
export const portalTicketUrl = (registrationId: number) => `${BASE_URL}/portal/exam-registrations/${registrationId}/ticket`
/** 考生名单 (xlsx), of one room or all */
export const CANDIDATE_LIST_URL = (id: number) => `/exams/${id}/candidates/export`
/** 考试通知; sending again needs confirm (409 otherwise) */
export const notifyExam = (id: number, confirm = false) =>
  http.post<{ sent: number; notifiedAt: string; notifyCount: number }>(`/exams/${id}/notify`, confirm ? { confirm: true } : {})
export const putScore = (id: number, registrationId: number, body: { theory: number | null; skills?: number | null; absent?: boolean; reason?: string }) =>
  http.put<ExamCandidate>(`/exams/${id}/scores/${registrationId}`, body, { quiet: true })
export const scoreTemplateUrl = (id: number) => `/exams/${id}/score-template`
export const importScores = (id: number) => (file: File) =>
  http.post<ImportAnswer>(`/exams/${id}/scores/import`, file, {
    headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    timeout: 120000,
    quiet: true,
  })
export const notifyScores = (id: number) => http.post(`/exams/${id}/notify-scores`, {})

// ---- 保安员证 (§6.3)

export const CERTIFICATE_STATUSES = [
  { code: 'valid', name: '有效', tag: 'success' as const },
  { code: 'revoked', name: '已吊销', tag: 'danger' as const },
]

export interface CertificateRow {
  id: number
  number: string
  name: string
  idNo?: string
  gender?: string
  genderName?: string
  issuedAt: string
  status: string
  statusName?: string
  verifyUrl: string
  hasPhoto?: boolean
  examId?: number | null
  registrationId?: number | null
  printedAt?: string | null
  printCount?: number
  handedOverAt?: string | null
  receiverName?: string | null
  handedOverByName?: string | null
  issuingOrgName?: string
  revokedOn?: string | null
  revokeDecisionNo?: string | null
  revokeReason?: string | null
}

export const listCertificates = (params: ListParams) => http.get<Page<CertificateRow>>('/certificates', { params })
export const certificateDocumentUrl = (id: number) => `${BASE_URL}/certificates/${id}/document`
export const handOver = (id: number, body: { receiverName: string; at: string }) =>
  http.post(`/certificates/${id}/handover`, body, { quiet: true })
export const revokeCertificate = (id: number, body: { decisionNo: string; reason: string; revokedOn: string }) =>
  http.post(`/certificates/${id}/revoke`, body, { quiet: true })

/** POST /certificates/print {ids} → one PDF (an A4 sheet of cards): opened in a new tab from a blob */
export async function printCertificates(ids: number[]): Promise<void> {
  const win = window.open('', '_blank')
  try {
    const blob = await http.post<Blob>('/certificates/print', { ids }, { responseType: 'blob', timeout: 120000 })
    const url = URL.createObjectURL(blob instanceof Blob ? blob : new Blob([blob], { type: 'application/pdf' }))
    if (win) win.location.href = url
    else window.open(url, '_blank')
    setTimeout(() => URL.revokeObjectURL(url), 60000)
  } catch (e) {
    win?.close()
    throw e
  }
}

/** 男 / 女 of a gender code (male/female, 1/2) or the word itself */
export const genderName = (g: string | null | undefined): string =>
  ({ male: '男', female: '女', '1': '男', '2': '女', M: '男', F: '女' } as Record<string, string>)[g || ''] || g || ''
