// The lists the §8 figures count, with the columns the 详情 dialog shows (StatsList).
import type { ListColumn } from '@/components/statistics/StatsList.vue'

const yesNo = (key: string, yes: string, no: string) => (row: Record<string, unknown>) => (row[key] ? yes : no)
const time = (key: string) => (row: Record<string, unknown>) => String(row[key] ?? '').replace('T', ' ').slice(0, 16) || '—'

export const CASE_COLUMNS: ListColumn[] = [
  { prop: 'caseNo', label: '办件编号', width: 140 },
  { prop: 'businessTypeName', label: '业务类型', width: 160 },
  { prop: 'applicantName', label: '申请人', width: 160 },
  { prop: 'regionName', label: '所属区域', width: 130 },
  { prop: 'statusName', label: '状态', width: 90 },
  { prop: 'stepName', label: '当前步骤', width: 120 },
  { prop: 'submittedAt', label: '提交时间', width: 130, format: time('submittedAt') },
]
export const REGISTRATION_COLUMNS: ListColumn[] = [
  { prop: 'caseNo', label: '办件编号', width: 140 },
  { prop: 'name', label: '姓名', width: 80 },
  { prop: 'idNo', label: '身份证号', width: 160 },
  { prop: 'householdRegionName', label: '户籍地', width: 150 },
  { prop: 'statusName', label: '状态', width: 100 },
  { prop: 'submittedAt', label: '报名时间', width: 130, format: time('submittedAt') },
]
export const COMPANY_COLUMNS: ListColumn[] = [
  { prop: 'name', label: '公司名称', width: 200 },
  { prop: 'creditCode', label: '统一社会信用代码', width: 170 },
  { prop: 'regionName', label: '所属区域', width: 130, format: (r) => String(r.regionName ?? r.regionCode ?? '—') },
  { prop: 'legalName', label: '法人', width: 80 },
  { prop: 'guardCount', label: '在职保安员', width: 90 },
  { prop: 'initialized', label: '初始化', width: 80, format: yesNo('initialized', '已初始化', '未初始化') },
  { prop: 'initializedAt', label: '初始化时间', width: 130, format: time('initializedAt') },
]
export const GUARD_COLUMNS: ListColumn[] = [
  { prop: 'name', label: '姓名', width: 80 },
  { prop: 'idNo', label: '身份证号', width: 160 },
  { prop: 'mobile', label: '手机号', width: 110 },
  { prop: 'employerName', label: '所在单位', width: 190 },
  { prop: 'employed', label: '在职', width: 60, format: yesNo('employed', '在职', '离职') },
  { prop: 'certificateNo', label: '保安员证号', width: 130 },
  { prop: 'realNameVerified', label: '实名认证', width: 80, format: yesNo('realNameVerified', '已认证', '未认证') },
  { prop: 'appInitialized', label: 'App初始化', width: 90, format: yesNo('appInitialized', '已初始化', '未初始化') },
]

/** A bar/line chart's shared look: labels, legend at the top, the unit in the axis name. */
export const baseGrid = { left: 56, right: 56, top: 56, bottom: 64, containLabel: true }
export const pct = (r: number | null | undefined) => (r === null || r === undefined ? null : Math.round(r * 1000) / 10)

/** A bar's value label that hides 0: a stacked bar's empty part would float a "0" over its neighbour. */
export const nonZeroLabel = (p: { value?: unknown }) => (Number(p.value) ? String(p.value) : '')

/** Value labels on grouped bars only while they fit: with many categories × series they overlap. */
export const barLabelsFit = (categories: number, series: number) => categories * series <= 18

/** The category axis of regions: every name shown, tilted and cut short once there are many. */
export function regionAxisLabel(n: number) {
  return n > 6 ? { interval: 0, rotate: 40, width: 72, overflow: 'truncate' as const } : { interval: 0, rotate: 0 }
}
