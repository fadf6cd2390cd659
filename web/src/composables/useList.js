import { reactive } from 'vue'

/**
 * State for a server-paged list: `{items,total,page,size}` answers.
 *   const list = useList((params) => api.listThings(params), { query: { name: '' }, extra: () => ({ orgId }) })
 * `query` holds the search form; `extra()` adds params that are not in the form
 * (e.g. the selected org); `transform(query)` maps form fields to API params.
 */
export function useList(fetcher, { query = {}, size = 10, extra, transform, immediate = false } = {}) {
  const initialQuery = JSON.parse(JSON.stringify(query))
  const list = reactive({
    items: [],
    total: 0,
    page: 1,
    size,
    loading: false,
    query: reactive({ ...query }),
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
      } catch (e) {
        if (seq === loadSeq) {
          list.items = []
          list.total = 0
        }
      } finally {
        if (seq === loadSeq) list.loading = false
      }
    },
    /** the current filters as API params (no paging): what an export repeats */
    filters() {
      const q = transform ? transform({ ...list.query }) : { ...list.query }
      return { ...clean(q), ...clean(extra ? extra() : {}) }
    },
    search() {
      list.page = 1
      return list.load()
    },
    reset() {
      for (const k of Object.keys(list.query)) list.query[k] = JSON.parse(JSON.stringify(initialQuery[k] ?? ''))
      return list.search()
    },
  })
  let loadSeq = 0
  if (immediate) list.load()
  return list
}

function clean(obj) {
  const out = {}
  for (const [k, v] of Object.entries(obj || {})) {
    if (v === '' || v === null || v === undefined) continue
    if (Array.isArray(v) && !v.length) continue
    out[k] = typeof v === 'string' ? v.trim() : v
  }
  return out
}
