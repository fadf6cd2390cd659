// The §8 charts' label rules (views/statistics/detailLists.ts): no "0" floating on a stacked bar, and
// no value labels piling up when many regions stand side by side (8.5 at a city's 14 regions).
import { describe, expect, test } from 'vitest'
import { barLabelsFit, nonZeroLabel, regionAxisLabel } from '@/views/statistics/detailLists'

describe('statistics chart labels', () => {
  test('a zero part of a stacked bar has no label; other values keep theirs', () => {
    expect(nonZeroLabel({ value: 0 })).toBe('')
    expect(nonZeroLabel({ value: null })).toBe('')
    expect(nonZeroLabel({ value: 7 })).toBe('7')
  })
  test('grouped bar values show while they fit, not at 14 regions × 3 series', () => {
    expect(barLabelsFit(4, 3)).toBe(true)
    expect(barLabelsFit(14, 3)).toBe(false)
  })
  test('many region names are tilted and cut short rather than overlapping', () => {
    expect(regionAxisLabel(3)).toEqual({ interval: 0, rotate: 0 })
    expect(regionAxisLabel(14)).toMatchObject({ interval: 0, rotate: 40, overflow: 'truncate' })
  })
})
