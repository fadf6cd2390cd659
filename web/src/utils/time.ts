// Times arrive as ISO-8601 with offset; the UI always shows Asia/Shanghai.
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'
import 'dayjs/locale/zh-cn'

dayjs.extend(utc)
dayjs.extend(timezone)
dayjs.locale('zh-cn')

export const TZ = 'Asia/Shanghai'

/** today in Asia/Shanghai, YYYY-MM-DD */
export const today = (): string => dayjs().tz(TZ).format('YYYY-MM-DD')
/** el-date-picker :disabled-date for days that may not lie in the future */
export const afterToday = (d: Date): boolean => dayjs(d).format('YYYY-MM-DD') > today()

export function formatTime(value: string | number | Date | null | undefined, pattern = 'YYYY-MM-DD HH:mm:ss'): string {
  if (value === null || value === undefined || value === '') return ''
  const d = dayjs(value)
  if (!d.isValid()) return String(value)
  return d.tz(TZ).format(pattern)
}

/** ['2026-11-01','2026-11-29'] (el-date-picker daterange, value-format YYYY-MM-DD) → {from,to} ISO with +08:00 */
export function dateRangeParams(range: unknown): { from?: string; to?: string } {
  if (!Array.isArray(range) || range.length !== 2 || !range[0]) return {}
  return {
    from: dayjs.tz(String(range[0]), TZ).startOf('day').format(),
    to: dayjs.tz(String(range[1]), TZ).endOf('day').format(),
  }
}

/** useList transform of a search whose `range` is such a date range: the rest as it is, plus from/to */
export const withDateRange = ({ range, ...q }: Record<string, unknown>): Record<string, unknown> => ({ ...q, ...dateRangeParams(range) })

export default dayjs
