// 地图可视化 (manual §7, issue 14): the offline map's outlines, 一键搜, the statistics of guards,
// companies and tasks, and the emergency tasks. The shapes follow the Contract; fields beyond
// it are optional (the server may leave them out).
import http, { type RequestOptions } from './http'
import type { Page } from '@/types/api'

export type Params = Record<string, string | number | boolean | undefined | null>

// ---- outlines ------------------------------------------------------------------------------------

export interface GeoFeature {
  type: 'Feature'
  properties: { adcode: string | number; name: string; center?: [number, number]; [k: string]: unknown }
  geometry: unknown
}
export interface GeoCollection {
  type: 'FeatureCollection'
  features: GeoFeature[]
}

/** GET /geo/{regionCode}: the outlines of the region's children (the province's cities, a city's counties). */
export const getGeo = (regionCode: string, opts: RequestOptions = {}) => http.get<GeoCollection>(`/geo/${regionCode}`, opts)

// ---- 一键搜 ---------------------------------------------------------------------------------------

export interface SearchGuard {
  id: number
  name: string
  idNo: string
  mobile?: string | null
  employerName?: string | null
  /** a 问题人员 (§9.3) */
  flagged?: boolean
}
export interface SearchCompany {
  id: number
  name: string
  creditCode?: string | null
  address?: string | null
}
export interface SearchTask {
  id: number
  name: string
  place?: string | null
  kind: 'task' | 'emergency'
}
export interface SearchAnswer {
  guards: SearchGuard[]
  companies: SearchCompany[]
  tasks: SearchTask[]
}

export const search = (q: string, size = 10) => http.get<SearchAnswer>('/search', { params: { q, size } })

// ---- statistics ----------------------------------------------------------------------------------

export type StatsSubject = 'guards' | 'companies' | 'tasks'

export interface StatsGroup {
  key: string
  label: string
  count: number
}
export interface StatsAnswer {
  total: number
  groups: StatsGroup[]
}

/** GET /stats/{subject}?groupBy=…&<the list's filters> */
export const getStats = (subject: StatsSubject, groupBy: string, filters: Params) =>
  http.get<StatsAnswer>(`/stats/${subject}`, { params: { ...clean(filters), groupBy } })

/** The registry list the figures count (GET /guards, /companies, /tasks) with the same filters. */
export const listOf = <T = Record<string, unknown>>(subject: StatsSubject, filters: Params, page = 1, size = 20) =>
  http.get<Page<T>>(`/${subject}`, { params: { ...clean(filters), page, size } })

/** Drop the empty filters (an empty string would be a filter of its own on the server). */
export function clean(p: Params): Params {
  const out: Params = {}
  for (const [k, v] of Object.entries(p)) if (v !== undefined && v !== null && v !== '') out[k] = v
  return out
}

// ---- tasks and emergency tasks -------------------------------------------------------------------

export interface MapTask {
  id: number
  name: string
  type?: string
  typeName?: string
  status?: string
  statusName?: string
  companyName?: string
  address?: string
  regionCode?: string
  lng?: number | null
  lat?: number | null
  startAt?: string
  endAt?: string
  needed?: number
  guards?: { id: number; name: string; idNo?: string; mobile?: string | null }[]
}

export const getTask = (id: number) => http.get<MapTask>(`/tasks/${id}`)

/** needed and checkedIn (and assigned) count guards; notified and accepted count companies */
export interface EmergencyCounts {
  needed: number
  notified: number
  accepted: number
  assigned?: number
  checkedIn: number
}

/** A company asked to an emergency task: its answer (accepted / refused / none yet) and when. */
export interface EmergencyCompany {
  companyId: number
  companyName: string
  notifiedAt?: string | null
  response?: 'accepted' | 'refused' | null
  respondedAt?: string | null
  respondedByName?: string | null
}

/** A guard a company sent: when assigned, when (and how far from the place) checked in. */
export interface EmergencyGuard {
  guardId: number
  name: string
  idNo?: string
  mobile?: string | null
  companyId: number
  companyName?: string
  assignedAt?: string | null
  checkedInAt?: string | null
  distanceKm?: number | null
}

export interface EmergencyTask {
  id: number
  title: string
  detail?: string
  address?: string
  regionCode?: string
  regionName?: string
  lng: number
  lat: number
  startAt?: string
  endAt?: string
  needed?: number
  /** pending / running / ended */
  status?: string
  statusName?: string
  ended?: boolean
  orgId?: number
  orgName?: string
  createdAt?: string
  createdByName?: string
  endedAt?: string | null
  endedByName?: string | null
  summary?: string | null
  radiusKm?: number | null
  counts?: EmergencyCounts
  companies?: EmergencyCompany[]
  guards?: EmergencyGuard[]
}

export interface EmergencyBody {
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

export interface NearbyGuard {
  id: number
  name: string
  companyName?: string
  employerName?: string
  mobile?: string | null
  distanceKm: number
}

export const listEmergencyTasks = (params: Params) => http.get<Page<EmergencyTask>>('/emergency-tasks', { params: clean(params) })
export const getEmergencyTask = (id: number) => http.get<EmergencyTask>(`/emergency-tasks/${id}`)
export const createEmergencyTask = (body: EmergencyBody) => http.post<EmergencyTask>('/emergency-tasks', body)
export const endEmergencyTask = (id: number, summary: string) => http.post<EmergencyTask>(`/emergency-tasks/${id}/end`, { summary })
export const nearbyGuards = (id: number, km: number) =>
  http.get<NearbyGuard[] | { items: NearbyGuard[] }>(`/emergency-tasks/${id}/nearby-guards`, { params: { km } })
    .then((r) => (Array.isArray(r) ? r : r.items || []))

/**
 * Who a radius reaches before the task exists (the create dialog's preview): the companies of the
 * caller's scope with guards within `radiusKm` of the place, and how many guards that is.
 */
export interface Reach {
  radiusKm: number
  companyCount: number
  guardCount: number
  companies: { companyId: number; companyName: string; guards: number; nearestKm: number }[]
}
export const emergencyReach = (lng: number, lat: number, radiusKm: number) =>
  http.get<Reach>('/emergency-tasks/reach', { params: { lng, lat, radiusKm }, quiet: true })
