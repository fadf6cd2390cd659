import { ref } from 'vue'
import { useList } from './useList'
import { downloadFile } from '@/utils/download'

/** The empty query of ListSearch fields: '' each, [] for a date range. */
export function searchQuery(fields) {
  return Object.fromEntries(fields.map((f) => [f.key, f.type === 'daterange' ? [] : '']))
}

/**
 * What the list pages share around useList():
 *   const { list, current, selectOrg, exporting, exportFile } = useListPage(api.listThings, {
 *     search: SEARCH,                           // the ListSearch fields: the query starts empty for each
 *     scope: (org) => ({ orgId: org && org.id }), // params of the org chosen in the OrgTreePanel (`current`)
 *     ...useList options (query, extra, transform, immediate)
 *   })
 *   selectOrg(org)      the tree's @select: the list of that org, from page 1
 *   treeUnavailable()   the tree's @unavailable (the caller may not read it): no tree, the whole visible scope
 *   exportFile(url, fallbackName)   GET url with the list's current filters and save the file (`exporting` meanwhile)
 */
export function useListPage(fetcher, { search = [], scope, ...options } = {}) {
  const current = ref(null)
  const treeShown = ref(true)
  const exporting = ref(false)
  const list = useList(fetcher, {
    query: searchQuery(search),
    ...(scope ? { extra: () => scope(current.value) } : {}),
    ...options,
  })

  function selectOrg(org) {
    current.value = org
    list.search()
  }
  function treeUnavailable() {
    treeShown.value = false
    current.value = null
    list.search()
  }
  async function exportFile(url, fallbackName) {
    exporting.value = true
    try {
      await downloadFile(url, list.filters(), { fallbackName })
    } finally {
      exporting.value = false
    }
  }
  return { list, current, treeShown, selectOrg, treeUnavailable, exporting, exportFile }
}
