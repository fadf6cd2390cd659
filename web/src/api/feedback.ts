// 市民投诉建议 (manual §9.2): the citizen's public page (no session) and the police side (/feedback).
import http from './http'
import type { Page } from '@/types/api'

export type FeedbackType = 'complaint' | 'suggestion' | 'inquiry'
export type FeedbackState = 'received' | 'assigned' | 'replied' | 'closed'
export const FEEDBACK_TYPES: { code: FeedbackType; name: string }[] = [
  { code: 'complaint', name: '投诉' },
  { code: 'suggestion', name: '建议' },
  { code: 'inquiry', name: '咨询' },
]
export const FEEDBACK_STATES: { code: FeedbackState; name: string }[] = [
  { code: 'received', name: '受理' },
  { code: 'assigned', name: '已分派' },
  { code: 'replied', name: '已回复' },
  { code: 'closed', name: '已办结' },
]

export interface FeedbackBody {
  type: FeedbackType
  companyId?: number
  guardName?: string
  content: string
  regionCode: string
  name?: string
  mobile: string
  smsCode: string
  fileIds?: string[]
}
export interface FeedbackLookup {
  code: string
  type: FeedbackType
  typeName: string
  state: FeedbackState
  stateName: string
  receivedAt: string
  reply: string | null
  repliedAt: string | null
  closedAt: string | null
  /** the handling record as the citizen sees it, oldest first (no officer names) */
  history: { at: string; action: string; detail: string }[]
}
export interface Feedback {
  id: number
  code: string
  type: FeedbackType
  typeName: string
  companyId: number | null
  companyName: string | null
  guardName: string | null
  content: string
  regionCode: string
  regionName: string
  name: string | null
  mobile: string
  state: FeedbackState
  stateName: string
  orgId: number
  orgName: string
  reply: string | null
  receivedAt: string
  assignedAt: string | null
  repliedAt: string | null
  closedAt: string | null
  limitDays: number
  dueDate: string
  remainingWorkingDays: number
  mark: 'none' | 'yellow' | 'red'
  files?: { id: string; name: string }[]
  /** detail: the inspections opened from it (转检查) that the caller may see */
  inspections?: FeedbackInspection[]
  /** detail: the stored handling record, oldest first (收到 by the receiving org, every 分派, 已转检查, 回复, 办结) */
  history?: {
    at: string
    action: string
    detail: string
    inspectionId: number | null
    orgName: string | null
    fromOrgName: string | null
    byName: string | null
  }[]
}

export interface FeedbackInspection {
  id: number
  unitName: string
  inspectedOn: string
  conclusion: string
  conclusionName: string
  rectState: string | null
  orgName: string
  createdAt: string
}

// Public (quiet: the page shows the server's message where it belongs).
export const sendFeedbackCode = (mobile: string) => http.post<{ sent: boolean }>('/public/feedback/sms-code', { mobile }, { quiet: true })
export const submitFeedback = (body: FeedbackBody) => http.post<{ code: string }>('/public/feedback', body, { quiet: true })
export const lookupFeedback = (code: string, mobile: string) =>
  http.get<FeedbackLookup>(`/public/feedback/${encodeURIComponent(code)}`, { params: { mobile }, quiet: true })
export const searchFeedbackCompanies = (name: string) =>
  http.get<{ items: { id: number; name: string }[] }>('/public/feedback/companies', { params: { name }, quiet: true })
export const uploadFeedbackPhoto = (file: File) =>
  http.post<{ id: string; name: string }>('/public/feedback/photos', file, {
    headers: { 'Content-Type': file.type || 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name || 'photo') },
    timeout: 120000,
    quiet: true,
  })

// Police.
export const listFeedback = (params: Record<string, unknown>, opts: { quiet?: boolean } = {}) =>
  http.get<Page<Feedback>>('/feedback', { params, ...opts })
export const getFeedback = (id: number) => http.get<Feedback>(`/feedback/${id}`)
export const assignFeedback = (id: number, orgId: number) => http.post<Feedback>(`/feedback/${id}/assign`, { orgId })
export const replyFeedback = (id: number, content: string) => http.post<Feedback>(`/feedback/${id}/reply`, { content })
export const closeFeedback = (id: number) => http.post<Feedback>(`/feedback/${id}/close`)
export const getFeedbackSettings = () => http.get<{ limitDays: number }>('/feedback/settings')
export const updateFeedbackSettings = (limitDays: number) => http.put<{ limitDays: number }>('/feedback/settings', { limitDays })
