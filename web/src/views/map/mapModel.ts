// The map view's pure rules (tested in tests/unit/mapModel.test.ts): region levels and the user's
// jurisdiction, where a region's outline comes from, how the statistics' groups shade the regions, and
// the filters a click on a bar, slice or region adds.
import type { GeoCollection, Params, StatsGroup, StatsSubject } from '@/api/map'

export type RegionLevel = 'province' | 'city' | 'county'

/** The 6-digit division of a region code (a 12-digit town code belongs to its county). */
export const division = (code: string | null | undefined): string => String(code || '').slice(0, 6)

export function regionLevel(code: string): RegionLevel {
  const c = division(code)
  if (c.endsWith('0000')) return 'province'
  if (c.endsWith('00')) return 'city'
  return 'county'
}

export const parentRegion = (code: string): string | null => {
  const c = division(code)
  const level = regionLevel(c)
  if (level === 'province') return null
  if (level === 'city') return `${c.slice(0, 2)}0000`
  return `${c.slice(0, 4)}00`
}

/** The province for the whole system; otherwise the region the map opens on for an org's region code. */
export const PROVINCE = '610000'

/**
 * The region the map opens on: the province for 省厅 (or an org without a region), the city for 市局
 * (and its 支队/科), the county for a 分局, 县局 or 派出所 (a station's town code names its county).
 */
export function jurisdictionOf(orgRegionCode: string | null | undefined): string {
  const c = division(orgRegionCode)
  return /^\d{6}$/.test(c) ? c : PROVINCE
}

/**
 * The name of the user's own jurisdiction when it is smaller than the region the map draws: a 派出所
 * (its org type, or a town code below its county) sees only its station's guards, so the county's
 * outline must not be labelled with the county's name (the figure is the station's share). `null`
 * when the region drawn is the user's scope (省厅, 市局, 分局/县局).
 */
export function narrowScopeName(org: { name?: string; type?: string; regionCode?: string } | null | undefined): string | null {
  if (!org) return null
  const code = String(org.regionCode || '')
  const belowCounty = /^\d{12}$/.test(code) && !/^0+$/.test(code.slice(6))
  if (org.type !== 'police_station' && !belowCounty) return null
  return org.name ? `${org.name}辖区` : '本辖区'
}

/**
 * Where a region's map comes from: the server ships the province (its cities) and each city (its
 * counties); a county is drawn as its own outline, taken from its city's map.
 */
export function geoSource(code: string): { fetch: string; only?: string } {
  const c = division(code)
  return regionLevel(c) === 'county' ? { fetch: `${c.slice(0, 4)}00`, only: c } : { fetch: c }
}

/** The collection with only the feature of `only` (a county), or unchanged. */
export function pickFeature(geo: GeoCollection, only?: string): GeoCollection {
  if (!only) return geo
  return { ...geo, features: geo.features.filter((f) => String(f.properties.adcode) === only) }
}

/** The regions from the jurisdiction down to `current` (the breadcrumb): codes, root first. */
export function regionTrail(root: string, current: string): string[] {
  const trail: string[] = []
  let c: string | null = division(current)
  while (c) {
    trail.unshift(c)
    if (c === division(root)) return trail
    c = parentRegion(c)
  }
  return [division(root)]
}

/** Can a region be drilled into (one level down, within the outlines the server ships)? */
export const canDrill = (code: string): boolean => regionLevel(code) !== 'county'

/**
 * The count of each map region (by adcode) from the statistics' region groups, whatever level the
 * server groups at: a group counts towards the region whose code it starts with (city XXXX00 → XXXX,
 * county → its 6 digits; a town's 12-digit code → its county).
 */
export function countsByFeature(groups: StatsGroup[], adcodes: string[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const a of adcodes) out[a] = 0
  for (const g of groups) {
    const key = String(g.key || '')
    for (const a of adcodes) {
      const prefix = regionLevel(a) === 'city' ? a.slice(0, 4) : regionLevel(a) === 'province' ? a.slice(0, 2) : a
      if (key.startsWith(prefix)) {
        out[a] += g.count
        break
      }
    }
  }
  return out
}

// ---- the statistics of each subject --------------------------------------------------------------

export interface Dimension {
  /** the `groupBy` of /stats/{subject} */
  groupBy: string
  title: string
  chart: 'bar' | 'pie'
  /** the list filter a group of this dimension adds: `{[param]: group.key}` */
  param: string
  /** beside the chart's title (what the groups are) */
  note?: string
}

export interface Subject {
  subject: StatsSubject
  title: string
  /** the unit of a count (人 / 家 / 个) */
  unit: string
  dimensions: Dimension[]
}

export const SUBJECTS: Record<StatsSubject, Subject> = {
  guards: {
    subject: 'guards',
    title: '保安员',
    unit: '人',
    dimensions: [
      { groupBy: 'employed', title: '在职/离职', chart: 'pie', param: 'employed' },
      { groupBy: 'certified', title: '持证情况', chart: 'pie', param: 'certified' },
      { groupBy: 'gender', title: '性别', chart: 'pie', param: 'gender' },
      { groupBy: 'ageBand', title: '年龄段', chart: 'bar', param: 'ageBand' },
      { groupBy: 'education', title: '文化程度', chart: 'bar', param: 'education' },
      { groupBy: 'employerKind', title: '单位类型', chart: 'pie', param: 'employerKind' },
      { groupBy: 'employer', title: '用工单位', chart: 'bar', param: 'employer', note: '保安员最多的10家,其余为其他' },
    ],
  },
  companies: {
    subject: 'companies',
    title: '保安服务公司',
    unit: '家',
    dimensions: [
      { groupBy: 'licenceStatus', title: '许可状态', chart: 'pie', param: 'licenceStatus' },
      { groupBy: 'initialized', title: '初始化', chart: 'pie', param: 'initialized' },
      { groupBy: 'capitalBand', title: '注册资本', chart: 'bar', param: 'capitalBand' },
      { groupBy: 'guardBand', title: '保安员人数', chart: 'bar', param: 'guardBand' },
      { groupBy: 'hasRunningTask', title: '进行中任务', chart: 'pie', param: 'hasRunningTask' },
    ],
  },
  tasks: {
    subject: 'tasks',
    title: '任务',
    unit: '个',
    dimensions: [
      { groupBy: 'status', title: '任务状态', chart: 'pie', param: 'status' },
      { groupBy: 'type', title: '任务类型', chart: 'bar', param: 'type' },
      { groupBy: 'month', title: '按月', chart: 'bar', param: 'month' },
    ],
  },
}

/** The region dimension (the map's shading and its bar chart) of every subject. */
export const REGION: Dimension = { groupBy: 'region', title: '按区域', chart: 'bar', param: 'regionCode' }

/** The filters after a click on a group: the group's own filter added (a region narrows the region). */
export function narrow(filters: Params, dim: Dimension, key: string): Params {
  return { ...filters, [dim.param]: key }
}

/**
 * The labels of the groups clicked (a filter's key → the label its chart showed): an employer bar's key
 * (company:12) reads as the company's name in the chips and the list's title.
 */
const pickedLabels = new Map<string, string>()
export const rememberLabel = (param: string, key: string, label: string): void => {
  pickedLabels.set(`${param}=${key}`, label)
}
export const pickedLabel = (param: string, key: string): string | undefined => pickedLabels.get(`${param}=${key}`)

/** A filter as the chip above the charts shows it. */
export interface FilterChip {
  param: string
  title: string
  label: string
}

// ---- 紧急任务 -----------------------------------------------------------------------------------------

/** The great-circle distance in km between two points (lng, lat in degrees). */
export function distanceKm(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180
  const dLat = (b[1] - a[1]) * rad
  const dLng = (b[0] - a[0]) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)))
}

export interface PlacedCompany {
  id: number
  lng?: unknown
  lat?: unknown
  guardCount?: unknown
}

/**
 * Who a radius reaches before the task is sent (the dialog's preview): the companies whose place lies
 * within `km` of the point, and how many guards they employ.
 */
export function radiusPreview(companies: PlacedCompany[], at: [number, number], km: number): { companies: number; guards: number } {
  let n = 0
  let guards = 0
  for (const c of companies) {
    if (typeof c.lng !== 'number' || typeof c.lat !== 'number') continue
    if (distanceKm(at, [c.lng, c.lat]) <= km) {
      n++
      guards += typeof c.guardCount === 'number' ? c.guardCount : 0
    }
  }
  return { companies: n, guards }
}
