import { reactive } from 'vue'
import type { Page } from '@/types/api'

/** A search form's value: text and selects hold a string, a date range two. */
export type SearchValue = string | string[]
export type SearchQuery = Record<string, SearchValue>
export type ListParams = Record<string, unknown>

export interface UseListOptions {
  /** the search form's fields and their empty values */
  query?: SearchQuery
  size?: number
  /** params that are not in the form (e.g. the selected org) */
  extra?: () => ListParams
  /** maps the form's fields to API params */
  transform?: (query: SearchQuery) => ListParams
  /** load the first page at once */
  immediate?: boolean
}

/** The reactive state of a server-paged list and what a page does with it. */
export interface ListState<T> {
  items: T[]
  total: number
  page: number
  size: number
  loading: boolean
  query: SearchQuery
  /** (re)load the current page; a newer load supersedes an older one still under way */
  load(): Promise<void>
  /** the current filters as API params (no paging): what an export repeats */
  filters(): ListParams
  /** the first page with the current filters */
  search(): Promise<void>
  /** the empty filters, then the first page */
  reset(): Promise<void>
  /** page `page` with the current filters (the pagination's page change) */
  goTo(page: number): Promise<void>
  /** `size` rows a page, from page 1 (the pagination's size change) */
  resize(size: number): Promise<void>
  /** one field of the search form (the search inputs) */
  setQuery(key: string, value: SearchValue): void
}

const copy = <V>(v: V): V => JSON.parse(JSON.stringify(v)) as V

/** Drops empty filters ('' / null / undefined / []) and trims text. */
export function cleanParams(obj: ListParams | null | undefined): ListParams {
  const out: ListParams = {}
  for (const [k, v] of Object.entries(obj || {})) {
    if (v === '' || v === null || v === undefined) continue
    if (Array.isArray(v) && !v.length) continue
    out[k] = typeof v === 'string' ? v.trim() : v
  }
  return out
}

/**
 * State for a server-paged list: `{items,total,page,size}` answers.
 *   const list = useList((params) => api.listThings(params), { query: { name: '' }, extra: () => ({ orgId }) })
 * `query` holds the search form; `extra()` adds params that are not in the form
 * (e.g. the selected org); `transform(query)` maps form fields to API params.
 */
export function useList<T>(
  fetcher: (params: ListParams) => Promise<Page<T>>,
  { query = {}, size = 10, extra, transform, immediate = false }: UseListOptions = {},
): ListState<T> {
  const initialQuery = copy(query)
  let loadSeq = 0
  const list = reactive({
    items: [],
    total: 0,
    page: 1,
    size,
    loading: false,
    query: { ...query },
    async load() {
      list.loading = true
      const seq = ++loadSeq
      try {
        const params = { page: list.page, size: list.size, ...list.filters() }
        const res = await fetcher(params)
        if (seq !== loadSeq) return // a newer request superseded this one
        list.items = res.items || []
        list.total = res.total ?? list.items.length
        // the last page became empty (e.g. after a delete): step back
        if (!list.items.length && list.total > 0 && list.page > 1) {
          list.page = Math.max(1, Math.ceil(list.total / list.size))
          return list.load()
        }
      } catch {
        if (seq === loadSeq) {
          list.items = []
          list.total = 0
        }
      } finally {
        if (seq === loadSeq) list.loading = false
      }
    },
    filters() {
      const q = transform ? transform({ ...list.query }) : { ...list.query }
      return { ...cleanParams(q), ...cleanParams(extra ? extra() : {}) }
    },
    search() {
      list.page = 1
      return list.load()
    },
    reset() {
      for (const k of Object.keys(list.query)) list.query[k] = copy(initialQuery[k] ?? '')
      return list.search()
    },
    goTo(page: number) {
      list.page = page
      return list.load()
    },
    resize(size: number) {
      list.size = size
      return list.search()
    },
    setQuery(key: string, value: SearchValue) {
      list.query[key] = value
    },
  } as ListState<T>) as ListState<T>
  if (immediate) void list.load()
  return list
}
