// 系统管理 → 工作日历: the statutory holidays and 调休 working days of a year (server/src/modules/calendar).
import http from './http'

export type CalendarKind = 'holiday' | 'workday'
export interface CalendarDay {
  /** YYYY-MM-DD */
  date: string
  kind: CalendarKind
  name: string
}
export interface CalendarYear {
  year: number
  days: CalendarDay[]
}

/** Any signed-in user. */
export const getCalendar = (year: number) => http.get<CalendarYear>('/calendar', { params: { year } })
/** calendar:update — the list replaces the whole year. */
export const replaceCalendar = (year: number, days: CalendarDay[]) => http.put<CalendarYear>(`/calendar/${year}`, { days })
