// 建议管理 · 监督检查情况管理 (manual §9.1): inspections (GET/POST /inspections, GET/PUT/DELETE
// /inspections/{id}, 复查 POST /inspections/{id}/review, import/export), the checklist template
// (/inspection-items), the form's pickers, and the unit's portal side (/portal/rectifications).
import http from './http'
import type { ImportAnswer, Page } from '@/types/api'

export type UnitKind = 'company' | 'branch' | 'inhouse_unit' | 'training_unit' | 'other'
export type InspectionKind = 'daily' | 'special' | 'annual' | 'complaint_check'
export type Conclusion = 'pass' | 'rectify' | 'refer'
export type RectState = 'pending' | 'reported' | 'accepted' | 'returned'
export type ItemResult = 'pass' | 'fail' | 'na'

export const UNIT_KINDS: { code: UnitKind; name: string }[] = [
  { code: 'company', name: '保安服务公司' },
  { code: 'branch', name: '分公司' },
  { code: 'inhouse_unit', name: '自行招用保安员单位' },
  { code: 'training_unit', name: '保安培训单位' },
  { code: 'other', name: '其他单位' },
]
export const INSPECTION_KINDS: { code: InspectionKind; name: string }[] = [
  { code: 'daily', name: '日常检查' },
  { code: 'special', name: '专项检查' },
  { code: 'annual', name: '年度检查' },
  { code: 'complaint_check', name: '投诉核查' },
]
export const CONCLUSIONS: { code: Conclusion; name: string }[] = [
  { code: 'pass', name: '合格' },
  { code: 'rectify', name: '责令整改' },
  { code: 'refer', name: '移交处罚' },
]
export const RECT_STATES: { code: RectState | 'overdue'; name: string }[] = [
  { code: 'pending', name: '待提交整改报告' },
  { code: 'reported', name: '待复查' },
  { code: 'returned', name: '已退回' },
  { code: 'accepted', name: '整改通过' },
  { code: 'overdue', name: '已逾期' },
]
export const ITEM_RESULTS: { code: ItemResult; name: string }[] = [
  { code: 'pass', name: '合格' },
  { code: 'fail', name: '不合格' },
  { code: 'na', name: '不涉及' },
]
export const EVENT_NAMES: Record<string, string> = {
  ordered: '责令整改',
  reported: '提交整改报告',
  returned: '复查退回',
  accepted: '复查通过',
  deadline: '调整整改期限',
}
export const nameOf = (list: { code: string; name: string }[], code: string | null | undefined) =>
  list.find((x) => x.code === code)?.name ?? (code || '')

export interface InspectionItemResult {
  code: string
  name?: string
  result: ItemResult
  remark: string
}

export interface NamedFile {
  id: string
  name: string
}

export interface InspectionEvent {
  id: number
  kind: string
  content: string | null
  fileIds: string[]
  files: NamedFile[]
  byName: string
  at: string
}

export interface Inspection {
  id: number
  unitKind: UnitKind
  unitId: number | null
  unitName: string
  inspectedOn: string
  kind: InspectionKind
  inspectorIds?: number[]
  inspectorNames: string
  items: InspectionItemResult[]
  findings: string
  requirement: string
  deadline: string | null
  conclusion: Conclusion
  fileIds: string[]
  files?: NamedFile[]
  rectState: RectState | null
  overdue: boolean
  /** 转检查: the complaint it was opened from */
  feedbackId: number | null
  /** on a single record: the complaint's 查询码 and type */
  feedback?: { id: number; code: string; type: string; typeName: string } | null
  orgId: number
  orgName: string
  createdAt: string
  updatedAt: string
  events?: InspectionEvent[]
}

export interface InspectionBody {
  unitKind: UnitKind
  unitId?: number | null
  unitName: string
  inspectedOn: string
  inspectorIds: number[]
  kind: InspectionKind | string
  items: { code: string; result: ItemResult; remark: string }[]
  findings: string
  requirement: string
  deadline?: string | null
  conclusion: Conclusion | string
  fileIds: string[]
  feedbackId?: number | null
}

export interface ChecklistItem {
  code: string
  name: string
  enabled: boolean
  sortOrder: number
}

export interface UnitOption {
  id: number
  kind: string
  name: string
  orgId: number
}

export interface InspectorOption {
  id: number
  name: string
  orgName: string
}

export const listInspections = (params: Record<string, unknown>) => http.get<Page<Inspection>>('/inspections', { params })
export const getInspection = (id: number) => http.get<Inspection>(`/inspections/${id}`)
/** Also used by 市民投诉建议 (§9.2): a complaint opens an inspection of kind complaint_check. */
export const createInspection = (body: InspectionBody) => http.post<Inspection>('/inspections', body)
export const updateInspection = (id: number, body: InspectionBody) => http.put<Inspection>(`/inspections/${id}`, body)
export const deleteInspection = (id: number) => http.delete(`/inspections/${id}`)
export const reviewInspection = (id: number, body: { accept: boolean; opinion: string; deadline?: string }) =>
  http.post<Inspection>(`/inspections/${id}/review`, body)
export const importInspections = (file: File) =>
  http.post<ImportAnswer>('/inspections/import', file, {
    headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    timeout: 120000,
    quiet: true,
  })
export const listChecklistItems = () => http.get<{ items: ChecklistItem[] }>('/inspection-items')
export const saveChecklistItems = (items: { code?: string; name: string; enabled: boolean }[]) =>
  http.put<{ items: ChecklistItem[] }>('/inspection-items', { items })
export const searchInspectionUnits = (kind: string, name: string) =>
  http.get<{ items: UnitOption[] }>('/inspections/units', { params: { kind, name } })
export const listInspectors = (name = '') => http.get<{ items: InspectorOption[] }>('/inspections/inspectors', { params: { name } })

export const listPortalRectifications = (params: Record<string, unknown>) =>
  http.get<Page<Inspection>>('/portal/rectifications', { params })
export const reportRectification = (id: number, body: { content: string; fileIds: string[] }) =>
  http.post<Inspection>(`/portal/rectifications/${id}/report`, body)
