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
}

export interface RegistrationPayment {
  id?: number
  method: string
  methodName?: string
  amount: number | string
  receiptNo?: string | null
  status?: string
  statusName?: string
  paidAt?: string | null
  orderNo?: string | null
  payUrl?: string | null
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
  form?: FormValues
  photoFileId?: string | null
  fee?: number | string | null
  payment?: RegistrationPayment | null
  payments?: RegistrationPayment[]
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
}

export const listRegistrations = (params: ListParams) => http.get<Page<RegistrationRow>>('/exam-registrations', { params })
export const getRegistration = (id: number, opts: RequestOptions = {}) => http.get<RegistrationDetail>(`/exam-registrations/${id}`, opts)
/** a registration (portal person, employer or officer at the window); 422 with field messages (quiet: the form shows them) */
export const createRegistration = (form: FormValues, submit = true) =>
  http.post<CreatedRegistration>('/exam-registrations', { form, submit }, { quiet: true })
export const cancelRegistration = (id: number) => http.post(`/exam-registrations/${id}/cancel`, {})
export const importRegistrations = (file: File) =>
  http.post<ImportAnswer>('/exam-registrations/import', file, {
    headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    timeout: 120000,
    quiet: true,
  })
export const REGISTRATION_TEMPLATE_URL = '/exam-registrations/import-template'

/** 现场缴费 (an officer at the window) */
export const payAtWindow = (id: number, body: { amount: number; receiptNo: string }) =>
  http.post<RegistrationDetail>(`/exam-registrations/${id}/payments`, { method: 'window', ...body }, { quiet: true })
/** 在线缴费: the candidate's pending order (created or the open one) */
export const payOnline = (id: number) =>
  http.post<RegistrationPayment>(`/exam-registrations/${id}/payments`, { method: 'online' })

// ---- exams (§6.2)

export type ExamKind = 'theory' | 'theory_skills'
export const EXAM_KINDS: { code: ExamKind; name: string }[] = [
  { code: 'theory', name: '理论' },
  { code: 'theory_skills', name: '理论+技能' },
]
export const examKindName = (k: string | null | undefined) => EXAM_KINDS.find((x) => x.code === k)?.name || k || ''

export const EXAM_STATUSES: { code: string; name: string; tag: '' | 'success' | 'warning' | 'danger' | 'info' | 'primary' }[] = [
  { code: 'planned', name: '待考试', tag: 'primary' },
  { code: 'notified', name: '已通知', tag: 'primary' },
  { code: 'scored', name: '已录入成绩', tag: 'warning' },
  { code: 'finished', name: '已通知成绩', tag: 'success' },
  { code: 'closed', name: '已结束', tag: 'info' },
]

export interface ExamRoom {
  id?: number
  name: string
  seats: number
  /** seated candidates */
  used?: number
}

export interface ExamRow {
  id: number
  name: string
  kind: ExamKind
  place: string
  startAt: string
  endAt: string
  rooms: ExamRoom[]
  passTheory: number
  passSkills?: number | null
  status: string
  statusName?: string
  candidateCount?: number
  seatCount?: number
  notifiedAt?: string | null
  scoresNotifiedAt?: string | null
  orgName?: string
}

export interface ExamCandidate {
  registrationId: number
  name: string
  idNo: string
  ticketNo?: string | null
  roomName?: string | null
  room?: string | null
  seat?: number | null
  theory?: number | null
  skills?: number | null
  absent?: boolean
  passed?: boolean | null
  result?: string | null
  resultName?: string | null
  householdRegionName?: string
}

export interface ExamDetail extends ExamRow {
  candidates: ExamCandidate[]
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

export const listExams = (params: ListParams) => http.get<Page<ExamRow>>('/exams', { params })
export const getExam = (id: number) => http.get<ExamDetail>(`/exams/${id}`)
export const createExam = (body: ExamBody) => http.post<ExamRow>('/exams', body, { quiet: true })
export const addCandidates = (id: number, registrationIds: number[]) =>
  http.post<{ added?: number }>(`/exams/${id}/candidates`, { registrationIds })
export const seatExam = (id: number, order: 'id' | 'random') => http.post<ExamDetail>(`/exams/${id}/seating`, { order })
/** move one candidate to a room and seat */
export const moveSeat = (id: number, registrationId: number, body: { room: string; seat: number }) =>
  http.put(`/exams/${id}/seating/${registrationId}`, body)
export const ticketsUrl = (id: number, params: { room?: string; registrationId?: number } = {}) => {
  const q = new URLSearchParams()
  if (params.room) q.set('room', params.room)
  if (params.registrationId) q.set('registrationId', String(params.registrationId))
  const s = q.toString()
  return `${BASE_URL}/exams/${id}/tickets${s ? `?${s}` : ''}`
}
export const CANDIDATE_LIST_URL = (id: number) => `/exams/${id}/candidates/export`
export const notifyExam = (id: number, again = false) => http.post(`/exams/${id}/notify`, again ? { again: true } : {})
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
  issuedAt: string
  status: string
  verifyUrl: string
  hasPhoto?: boolean
  examName?: string | null
  printedAt?: string | null
  printCount?: number
  handedOverAt?: string | null
  receiverName?: string | null
  issuingOrgName?: string
  revokedOn?: string | null
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
