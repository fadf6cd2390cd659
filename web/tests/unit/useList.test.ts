// useList: the state of every server-paged list (paging, filters, superseded and failed loads).
import { describe, expect, test, vi } from 'vitest'
import { useList, cleanParams, type ListParams } from '@/composables/useList'
import type { Page } from '@/types/api'
import { deferred } from './deferred'

interface Row {
  id: number
}

/** A fake list endpoint over `total` rows that records the params of each call. */
function endpoint(total: number) {
  const calls: ListParams[] = []
  const fetcher = vi.fn(async (params: ListParams): Promise<Page<Row>> => {
    calls.push(params)
    const page = Number(params.page), size = Number(params.size)
    const items = Array.from({ length: Math.max(0, Math.min(size, total - (page - 1) * size)) }, (_, i) => ({ id: (page - 1) * size + i + 1 }))
    return { items, total, page, size }
  })
  return { fetcher, calls }
}

describe('useList', () => {
  test('loads a page with the paging params and the filters; empty filters are left out', async () => {
    const { fetcher, calls } = endpoint(35)
    const list = useList(fetcher, { query: { name: '', status: '' }, size: 10, extra: () => ({ orgId: 7, none: null }) })
    list.setQuery('name', '  张伟 ')
    await list.load()
    expect(calls[0]).toEqual({ page: 1, size: 10, name: '张伟', orgId: 7 })
    expect(list.items.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(list.total).toBe(35)
    expect(list.loading).toBe(false)
  })

  test('goTo, resize and search: the page and size the user chose; search starts again at page 1', async () => {
    const { fetcher, calls } = endpoint(35)
    const list = useList(fetcher, { query: { name: '' } })
    await list.goTo(4)
    expect(calls.at(-1)).toMatchObject({ page: 4, size: 10 })
    expect(list.items.map((r) => r.id)).toEqual([31, 32, 33, 34, 35])
    await list.resize(20)
    expect(calls.at(-1)).toMatchObject({ page: 1, size: 20 })
    await list.goTo(2)
    list.setQuery('name', '李')
    await list.search()
    expect(calls.at(-1)).toEqual({ page: 1, size: 20, name: '李' })
  })

  test('reset restores the initial filters (a date range to [], text to its initial value) and reloads page 1', async () => {
    const { fetcher, calls } = endpoint(5)
    const list = useList(fetcher, { query: { name: '', range: [], kind: 'all' } })
    list.setQuery('name', 'x')
    list.setQuery('range', ['2026-01-01', '2026-01-31'])
    list.setQuery('kind', 'some')
    await list.goTo(3)
    await list.reset()
    expect(list.query).toEqual({ name: '', range: [], kind: 'all' })
    expect(calls.at(-1)).toEqual({ page: 1, size: 10, kind: 'all' })
  })

  test('filters() are what an export repeats: transformed, cleaned, without paging', () => {
    const { fetcher } = endpoint(0)
    const list = useList(fetcher, {
      query: { range: ['2026-11-01', '2026-11-29'], account: ' admin ' },
      transform: ({ range, ...q }) => ({ ...q, from: Array.isArray(range) ? range[0] : undefined }),
      extra: () => ({ orgId: 3 }),
    })
    expect(list.filters()).toEqual({ account: 'admin', from: '2026-11-01', orgId: 3 })
  })

  test('when the last page became empty (after a delete) it steps back to the new last page', async () => {
    let total = 21
    const calls: number[] = []
    const list = useList(async (p: ListParams): Promise<Page<Row>> => {
      calls.push(Number(p.page))
      const page = Number(p.page)
      const n = Math.max(0, Math.min(10, total - (page - 1) * 10))
      return { items: Array.from({ length: n }, (_, i) => ({ id: i })), total }
    })
    await list.goTo(3)
    expect(list.items).toHaveLength(1)
    total = 20 // the only row of page 3 was deleted
    await list.load()
    expect(calls).toEqual([3, 3, 2])
    expect(list.page).toBe(2)
    expect(list.items).toHaveLength(10)
  })

  test('a newer load supersedes an older one that answers later', async () => {
    const first = deferred<Page<Row>>(), second = deferred<Page<Row>>()
    const answers = [first.promise, second.promise]
    const list = useList(() => answers.shift()!)
    const a = list.load()
    const b = list.load()
    second.resolve({ items: [{ id: 2 }], total: 1 })
    await b
    expect(list.loading).toBe(false)
    first.resolve({ items: [{ id: 1 }], total: 1 })
    await a
    expect(list.items).toEqual([{ id: 2 }])
  })

  test('a failed load empties the list and ends loading (the http layer showed why)', async () => {
    const list = useList<Row>(vi.fn().mockRejectedValueOnce(new Error('boom')))
    list.items = [{ id: 1 }]
    list.total = 1
    await list.load()
    expect(list.items).toEqual([])
    expect(list.total).toBe(0)
    expect(list.loading).toBe(false)
  })

  test('immediate loads the first page at once', async () => {
    const { fetcher } = endpoint(3)
    const list = useList(fetcher, { immediate: true })
    expect(list.loading).toBe(true)
    await vi.waitFor(() => expect(list.items).toHaveLength(3))
    expect(fetcher).toHaveBeenCalledTimes(1)
  })

  test('cleanParams drops empty values and trims text', () => {
    expect(cleanParams({ a: '', b: null, c: undefined, d: [], e: ' x ', f: 0, g: false, h: ['y'] })).toEqual({ e: 'x', f: 0, g: false, h: ['y'] })
  })
})
