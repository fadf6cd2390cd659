// The working calendar on the client (系统管理 → 工作日历): the rules the server applies to a year's list
// (server/src/modules/calendar/calendar_service.cpp) checked before saving, so the operator hears them
// in the dialog; and the working-day test the pages use to show a day (core::WorkingCalendar's rule:
// Monday–Friday unless a holiday, Saturday and Sunday only when listed as 调休 working days).
import type { CalendarDay, CalendarKind } from '@/api/calendar'

export const KIND_NAMES: Record<CalendarKind, string> = { holiday: '节假日', workday: '调休上班' }
export const NAME_MAX = 20
const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']

/** "YYYY-MM-DD" → its parts when it is a real date, else null. */
function parse(date: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) return null
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? d : null
}

export const isValidDate = (date: string): boolean => parse(date) !== null

/** 0 = Sunday … 6 = Saturday; -1 for a malformed date. */
export function weekday(date: string): number {
  const d = parse(date)
  return d ? d.getUTCDay() : -1
}
export const weekdayName = (date: string): string => WEEKDAYS[weekday(date)] ?? ''
export const isWeekend = (date: string): boolean => weekday(date) === 0 || weekday(date) === 6

/** Whether people work on that date under the listed days. */
export function isWorkingDay(date: string, byDate: ReadonlyMap<string, CalendarDay>): boolean {
  const entry = byDate.get(date)
  if (entry) return entry.kind === 'workday'
  return !isWeekend(date)
}

/** The Date's local calendar day as "YYYY-MM-DD" (el-calendar hands out local dates). */
export function ymd(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

export interface DayErrors {
  date?: string
  kind?: string
  name?: string
}

/**
 * The problems of one day of `year`'s list, in the server's words; `others` are the other days of
 * the list (a date may appear once). Empty when the day is fine.
 */
export function dayErrors(day: CalendarDay, year: number, others: readonly CalendarDay[]): DayErrors {
  const e: DayErrors = {}
  const date = day.date.trim()
  if (!date) e.date = '请选择日期'
  else if (!isValidDate(date)) e.date = '日期不是有效日期,应为 YYYY-MM-DD'
  else if (!date.startsWith(`${year}-`)) e.date = `日期不在 ${year} 年内`
  else if (others.some((o) => o.date === date)) e.date = `日期 ${date} 已在列表中`
  if (day.kind !== 'holiday' && day.kind !== 'workday') e.kind = '请选择类型'
  else if (day.kind === 'workday' && isValidDate(date) && !isWeekend(date)) e.kind = `调休上班日应为周六或周日(${date} 本就是工作日)`
  const name = day.name.trim()
  if (!name) e.name = '请输入名称'
  else if ([...name].length > NAME_MAX) e.name = `名称不能超过${NAME_MAX}个字符`
  return e
}

/** A list in date order, names trimmed. */
export const sortDays = (days: readonly CalendarDay[]): CalendarDay[] =>
  days.map((d) => ({ ...d, name: d.name.trim() })).sort((a, b) => a.date.localeCompare(b.date))

/** How many days differ between the stored list and the edited one (added, removed or changed). */
export function countChanges(stored: readonly CalendarDay[], edited: readonly CalendarDay[]): number {
  const before = new Map(stored.map((d) => [d.date, d]))
  const after = new Map(edited.map((d) => [d.date, d]))
  let n = 0
  for (const [date, d] of after) {
    const b = before.get(date)
    if (!b || b.kind !== d.kind || b.name !== d.name.trim()) n++
  }
  for (const date of before.keys()) if (!after.has(date)) n++
  return n
}

/** The row of a server error key "days[3].name" → {index: 3, field: 'name'}. */
export function errorRow(key: string): { index: number; field: string } | null {
  const m = /^days\[(\d+)\](?:\.(\w+))?$/.exec(key)
  return m ? { index: Number(m[1]), field: m[2] ?? '' } : null
}
