// Tasks (issue 14, manual §7): the company portal's 任务管理 and 紧急任务, the police's 任务中心
// (/tasks), 任务统计 (/stats/tasks) and 紧急任务 (/emergency-tasks). The map view imports these
// functions for its 任务统计 and 紧急任务 modes.
import http from './http'
import type { GuardCurrentTask, Page } from '@/types/api'
import { formatTime } from '@/utils/time'

export type ListParams = Record<string, unknown>

export type TaskType = 'door' | 'patrol' | 'guarding' | 'escort' | 'bodyguard' | 'inspection' | 'event' | 'other'
export type TaskStatus = 'pending' | 'running' | 'ended' | 'cancelled'

/** 任务类型 (dictionary taskTypes) and 任务状态 (taskStatuses), as the server names them. */
export const TASK_TYPES: { code: TaskType; name: string }[] = [
  { code: 'door', name: '门卫' },
  { code: 'patrol', name: '巡逻' },
  { code: 'guarding', name: '守护' },
  { code: 'escort', name: '押运' },
  { code: 'bodyguard', name: '随身护卫' },
  { code: 'inspection', name: '安全检查' },
  { code: 'event', name: '大型活动' },
  { code: 'other', name: '其他' },
]
export const TASK_STATUSES: { code: TaskStatus; name: string; tag: '' | 'success' | 'info' | 'danger' | 'warning' }[] = [
  { code: 'pending', name: '未开始', tag: 'info' },
  { code: 'running', name: '进行中', tag: 'success' },
  { code: 'ended', name: '已结束', tag: '' },
  { code: 'cancelled', name: '已取消', tag: 'danger' },
]
export const taskStatusTag = (s: string) => TASK_STATUSES.find((x) => x.code === s)?.tag ?? 'info'
/** A task's time as the server wrote it (China time), to the minute: 2026-12-08 09:30 */
export const taskTime = (iso: string | null | undefined) => (iso ? iso.slice(0, 16).replace('T', ' ') : '')

/** A guard's current task in words: "紧急任务 名称(地点,开始 ~ 结束)"; 无 when none. */
export function currentTaskText(t: GuardCurrentTask | null | undefined): string {
  if (!t) return '无'
  const when = `${formatTime(t.startAt, 'YYYY-MM-DD HH:mm')} ~ ${formatTime(t.endAt, 'YYYY-MM-DD HH:mm')}`
  return `${t.kind === 'emergency' ? '紧急任务 ' : ''}${t.name}(${[t.address, when].filter(Boolean).join(',')})`
}

export interface TaskGuard {
  id: number
  name: string
  idNo: string
  mobile: string
}

export interface Task {
  id: number
  name: string
  type: TaskType
  typeName: string
  client: string
  address: string
  regionCode: string
  regionName: string
  lng: number
  lat: number
  startAt: string
  endAt: string
  needed: number
  guardCount: number
  status: TaskStatus
  statusName: string
  cancelledAt: string | null
  companyId: number
  companyName: string
  orgId: number
  serviceOrgId: number
  createdAt: string
  updatedAt: string
  /** in the record (GET …/{id}) only */
  guards?: TaskGuard[]
}

export interface TaskBody {
  name: string
  type: TaskType | ''
  client: string
  address: string
  regionCode: string
  lng: number | null
  lat: number | null
  startAt: string
  endAt: string
  needed: number | null
  guardIds: number[]
}

/** The filters of GET /tasks and /stats/tasks. */
export interface TaskFilters {
  regionCode?: string
  type?: string
  status?: string
  month?: string
  companyId?: number | string
  name?: string
}

export interface StatGroup {
  key: string
  label: string
  count: number
}
export interface StatGroups {
  total: number
  groups: StatGroup[]
}
export type TaskGroupBy = 'region' | 'type' | 'status' | 'month'

// Portal: 任务管理.
export const listPortalTasks = (params: ListParams) => http.get<Page<Task>>('/portal/tasks', { params })
export const getPortalTask = (id: number) => http.get<Task>(`/portal/tasks/${id}`)
export const createPortalTask = (body: TaskBody) => http.post<Task>('/portal/tasks', body)
export const updatePortalTask = (id: number, body: TaskBody) => http.put<Task>(`/portal/tasks/${id}`, body)
export const cancelPortalTask = (id: number) => http.post<Task>(`/portal/tasks/${id}/cancel`)

// Police: 任务中心 and 任务统计.
export const listTasks = (params: ListParams) => http.get<Page<Task>>('/tasks', { params })
export const getTask = (id: number) => http.get<Task>(`/tasks/${id}`)
/** For every group, listTasks with the group's filter added reports total == count. */
export const taskStats = (groupBy: TaskGroupBy, filters: TaskFilters = {}) =>
  http.get<StatGroups>('/stats/tasks', { params: { groupBy, ...filters } })
/** The list filter a stats group stands for (drill-down from a chart to the list). */
export const groupFilter = (groupBy: TaskGroupBy, key: string): TaskFilters =>
  ({ region: { regionCode: key }, type: { type: key }, status: { status: key }, month: { month: key } })[groupBy]

// Police: 紧急任务.
export interface EmergencyCounts {
  needed: number
  notified: number
  accepted: number
  assigned: number
  checkedIn: number
}
export interface EmergencyCompany {
  companyId: number
  companyName: string
  notifiedAt: string
  response: 'accepted' | 'refused' | null
  respondedAt: string | null
  respondedByName: string | null
}
export interface EmergencyGuard {
  guardId: number
  name: string
  idNo: string
  mobile: string
  companyId: number
  companyName: string
  assignedAt: string
  checkedInAt: string | null
  checkLng: number | null
  checkLat: number | null
  distanceKm: number | null
}
export interface EmergencyMine {
  response: 'accepted' | 'refused' | null
  respondedAt: string | null
  notifiedAt: string | null
  guards: { guardId: number; name: string; mobile: string; assignedAt: string; checkedInAt: string | null; distanceKm: number | null }[]
}
export interface EmergencyTask {
  id: number
  title: string
  detail: string
  address: string
  regionCode: string
  regionName: string
  lng: number
  lat: number
  startAt: string
  endAt: string
  needed: number
  radiusKm: number | null
  status: 'pending' | 'open' | 'ended'
  statusName: string
  ended: boolean
  endedAt: string | null
  endedByName: string | null
  summary: string | null
  orgId?: number
  orgName: string
  serviceOrgId?: number
  createdAt: string
  createdByName: string
  counts: EmergencyCounts
  /** police record only */
  canEnd?: boolean
  companies?: EmergencyCompany[]
  guards?: EmergencyGuard[]
  /** portal only: the company's answer and guards */
  mine?: EmergencyMine
}
export interface EmergencyTaskBody {
  title: string
  detail: string
  address: string
  regionCode: string
  lng: number
  lat: number
  startAt: string
  endAt: string
  needed: number
  companyIds?: number[]
  radiusKm?: number
}
export interface EmergencyReach {
  radiusKm: number
  companyCount: number
  guardCount: number
  companies: { companyId: number; companyName: string; guards: number; nearestKm: number }[]
}
export interface NearbyGuard {
  id: number
  name: string
  idNo: string
  mobile: string
  employerId: number
  employerName: string
  lng: number
  lat: number
  locatedBy: 'task' | 'check_in' | 'employer'
  distanceKm: number
}

export const listEmergencyTasks = (params: ListParams) => http.get<Page<EmergencyTask>>('/emergency-tasks', { params })
export const getEmergencyTask = (id: number) => http.get<EmergencyTask>(`/emergency-tasks/${id}`)
export const emergencyReach = (lng: number, lat: number, radiusKm: number) =>
  http.get<EmergencyReach>('/emergency-tasks/reach', { params: { lng, lat, radiusKm } })
export const createEmergencyTask = (body: EmergencyTaskBody) => http.post<EmergencyTask>('/emergency-tasks', body)
export const nearbyGuards = (id: number, km = 5) =>
  http.get<{ km: number; items: NearbyGuard[] }>(`/emergency-tasks/${id}/nearby-guards`, { params: { km } })
export const endEmergencyTask = (id: number, summary: string) => http.post<EmergencyTask>(`/emergency-tasks/${id}/end`, { summary })

// Portal: 紧急任务.
export const listPortalEmergencyTasks = (params: ListParams) => http.get<Page<EmergencyTask>>('/portal/emergency-tasks', { params })
export const getPortalEmergencyTask = (id: number) => http.get<EmergencyTask>(`/portal/emergency-tasks/${id}`)
export const respondEmergencyTask = (id: number, accept: boolean, guardIds: number[] = []) =>
  http.post<EmergencyTask>(`/portal/emergency-tasks/${id}/response`, { accept, guardIds })
export const checkInEmergencyTask = (id: number, guardId: number, lng: number, lat: number) =>
  http.post<EmergencyTask>(`/portal/emergency-tasks/${id}/check-ins`, { guardId, lng, lat })
