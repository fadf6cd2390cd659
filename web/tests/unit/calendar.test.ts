// The working calendar's client rules (utils/calendar): the same verdicts and words as the server's
// PUT /calendar/{year} (server/tests/api/calendar.test.mjs), and the working-day test of the page.
import { describe, expect, test } from 'vitest'
import type { CalendarDay } from '@/api/calendar'
import { countChanges, dayErrors, errorRow, isWeekend, isWorkingDay, sortDays, weekdayName, ymd } from '@/utils/calendar'

const day = (date: string, kind: 'holiday' | 'workday', name: string): CalendarDay => ({ date, kind, name })
// 2026 around 国庆节 as the State Council published it
const GOLDEN_WEEK = [
  day('2026-09-20', 'workday', '国庆节调休'),
  day('2026-10-01', 'holiday', '国庆节'),
  day('2026-10-10', 'workday', '国庆节调休'),
]

describe('days of the week', () => {
  test('weekdays and weekends, whatever the browser time zone', () => {
    expect(weekdayName('2026-12-07')).toBe('星期一')
    expect(weekdayName('2026-10-10')).toBe('星期六')
    expect(isWeekend('2026-10-11')).toBe(true)
    expect(isWeekend('2026-10-09')).toBe(false)
    expect(weekdayName('2026-02-30')).toBe('')
  })
  test('ymd of a local date', () => {
    expect(ymd(new Date(2026, 0, 4))).toBe('2026-01-04')
  })
  test('holidays are off, 调休 weekends are working days, other days by the week', () => {
    const byDate = new Map(GOLDEN_WEEK.map((d) => [d.date, d]))
    expect(isWorkingDay('2026-10-01', byDate)).toBe(false)
    expect(isWorkingDay('2026-10-10', byDate)).toBe(true)
    expect(isWorkingDay('2026-10-11', byDate)).toBe(false)
    expect(isWorkingDay('2026-10-12', byDate)).toBe(true)
  })
})

describe('the rules of one day (the server’s words)', () => {
  test('a good holiday and a good 调休 Saturday', () => {
    expect(dayErrors(day('2026-10-02', 'holiday', '国庆节'), 2026, GOLDEN_WEEK)).toEqual({})
    expect(dayErrors(day('2026-02-14', 'workday', '春节调休'), 2026, GOLDEN_WEEK)).toEqual({})
  })
  test('date: required, real, inside the year, once', () => {
    expect(dayErrors(day('', 'holiday', '国庆节'), 2026, []).date).toBe('请选择日期')
    expect(dayErrors(day('2026-02-30', 'holiday', '春节'), 2026, []).date).toMatch('不是有效日期')
    expect(dayErrors(day('2027-01-01', 'holiday', '元旦'), 2026, []).date).toBe('日期不在 2026 年内')
    expect(dayErrors(day('2026-10-01', 'holiday', '国庆节'), 2026, GOLDEN_WEEK).date).toMatch('已在列表中')
  })
  test('kind: a 调休 working day must be a Saturday or Sunday', () => {
    expect(dayErrors(day('2026-10-09', 'workday', '调休'), 2026, []).kind).toBe('调休上班日应为周六或周日(2026-10-09 本就是工作日)')
    expect(dayErrors({ date: '2026-10-09', kind: 'x' as 'holiday', name: 'a' }, 2026, []).kind).toBe('请选择类型')
  })
  test('name: required, at most 20 characters (counted as characters, not bytes)', () => {
    expect(dayErrors(day('2026-10-02', 'holiday', '  '), 2026, []).name).toBe('请输入名称')
    expect(dayErrors(day('2026-10-02', 'holiday', '节'.repeat(20)), 2026, []).name).toBeUndefined()
    expect(dayErrors(day('2026-10-02', 'holiday', '节'.repeat(21)), 2026, []).name).toBe('名称不能超过20个字符')
  })
})

describe('the list', () => {
  test('sorted by date with names trimmed', () => {
    expect(sortDays([day('2026-10-10', 'workday', ' 调休 '), day('2026-10-01', 'holiday', '国庆节')]).map((d) => [d.date, d.name])).toEqual([
      ['2026-10-01', '国庆节'],
      ['2026-10-10', '调休'],
    ])
  })
  test('changes: added, removed and changed days each count once', () => {
    expect(countChanges(GOLDEN_WEEK, GOLDEN_WEEK)).toBe(0)
    const edited = [day('2026-09-20', 'workday', '调休'), day('2026-10-01', 'holiday', '国庆节'), day('2026-10-02', 'holiday', '国庆节')]
    expect(countChanges(GOLDEN_WEEK, edited)).toBe(3) // 09-20 renamed, 10-02 added, 10-10 removed
  })
  test('server error keys name a row and a field', () => {
    expect(errorRow('days[3].name')).toEqual({ index: 3, field: 'name' })
    expect(errorRow('days[0]')).toEqual({ index: 0, field: '' })
    expect(errorRow('days')).toBeNull()
  })
})
