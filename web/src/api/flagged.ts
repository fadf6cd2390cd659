// 问题人员 (§9.3): the police list of flagged persons with the screening report, 处理意见, export and the
// import of opinions, the screening's progress, and the company portal's own flagged guards.
import http from './http'
import type { ListParams } from './industry'
import type { ImportAnswer, Page } from '@/types/api'

export type FlaggedState = 'pending' | 'dismiss' | 'observe' | 'false_positive'
export type OpinionAction = 'dismiss' | 'observe' | 'false_positive'

export interface FlaggedPerson {
  id: number
  guardId: number
  name: string
  idNo: string
  companyName: string
  employed: boolean
  orgId: number
  reason: string
  database: string
  flaggedAt: string
  state: FlaggedState
  stateName: string
  opinion: string | null
  opinionBy: string | null
  opinionAt: string | null
  confirmation: string | null
  confirmedOn: string | null
  report?: { database: string; databaseName: string; detail: string; checkedAt: string }[]
}

export interface ScreeningStatus {
  pending: number
  done: number
  errors: number
}

export interface PortalFlaggedGuard {
  id: number
  guardId: number
  name: string
  idNo: string
  employed: boolean
  state: 'dismiss' | 'observe'
  stateName: string
  opinion: string | null
  opinionAt: string | null
  confirmation: string | null
  confirmedOn: string | null
}

export const STATE_OPTIONS = [
  { code: 'pending', name: '待处理' },
  { code: 'dismiss', name: '责令辞退' },
  { code: 'observe', name: '继续观察' },
  { code: 'false_positive', name: '误报' },
]
export const STATE_TAG: Record<string, 'danger' | 'warning' | 'info' | 'success'> = {
  pending: 'danger', dismiss: 'warning', observe: 'info', false_positive: 'success',
}

export const listFlaggedPersons = (params: ListParams) => http.get<Page<FlaggedPerson>>('/flagged-persons', { params })
export const getFlaggedPerson = (id: number) => http.get<FlaggedPerson>(`/flagged-persons/${id}`)
export const giveOpinion = (id: number, body: { action: OpinionAction; opinion: string }) =>
  http.post<FlaggedPerson>(`/flagged-persons/${id}/opinion`, body)
export const screeningStatus = () => http.get<ScreeningStatus>('/screening/status', { quiet: true })
export const importOpinions = (file: File) =>
  http.post<ImportAnswer>('/flagged-persons/opinions/import', file, {
    headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    timeout: 120000,
    quiet: true,
  })

export const listPortalFlaggedGuards = (params: ListParams) => http.get<Page<PortalFlaggedGuard>>('/portal/flagged-guards', { params })
export const confirmDismissed = (id: number, on: string) =>
  http.post<PortalFlaggedGuard>(`/portal/flagged-guards/${id}/confirm`, { action: 'dismissed', on })
