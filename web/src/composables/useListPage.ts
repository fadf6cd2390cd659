import { ref } from 'vue'
import { useList, type ListParams, type SearchQuery, type UseListOptions } from './useList'
import { downloadFile } from '@/utils/download'
import type { Page } from '@/types/api'

/** A field of the search form above a list (ListSearch). */
export interface SearchField {
  key: string
  label: string
  /** text (default) | select | daterange */
  type?: 'text' | 'select' | 'daterange'
  /** text: the placeholder (default 请输入<label>) */
  placeholder?: string
  /** select: the options */
  options?: { code: string; name: string }[]
  /** select: a dictionary of GET /dictionaries gives the options */
  dict?: string
  /** select: filterable, and a typed value is allowed too */
  free?: boolean
  /** daterange: the width (default 260px) */
  width?: string
  /** daterange: the API params of both ends (registry searches) */
  from?: string
  to?: string
  /** data-test of the input (default search-<key>) */
  test?: string
  labelWidth?: number
}

/** The empty query of ListSearch fields: '' each, [] for a date range. */
export function searchQuery(fields: readonly SearchField[]): SearchQuery {
  return Object.fromEntries(fields.map((f) => [f.key, f.type === 'daterange' ? [] : '']))
}

export interface ScopeOrg {
  id: number
  name: string
}

interface UseListPageOptions<O> extends Omit<UseListOptions, 'extra'> {
  search?: readonly SearchField[]
  /** params of the org chosen in the OrgTreePanel (`current`) */
  scope?: (org: O | null) => ListParams
}

/**
 * What the list pages share around useList():
 *   const { list, current, selectOrg, exporting, exportFile } = useListPage(api.listThings, {
 *     search: SEARCH,                           // the ListSearch fields: the query starts empty for each
 *     scope: (org) => ({ orgId: org?.id }),     // params of the org chosen in the OrgTreePanel (`current`)
 *     ...useList options (query, transform, immediate)
 *   })
 *   selectOrg(org)      the tree's @select: the list of that org, from page 1
 *   treeUnavailable()   the tree's @unavailable (the caller may not read it): no tree, the whole visible scope
 *   exportFile(url, fallbackName)   GET url with the list's current filters and save the file (`exporting` meanwhile)
 */
export function useListPage<T, O extends ScopeOrg = ScopeOrg>(
  fetcher: (params: ListParams) => Promise<Page<T>>,
  { search = [], scope, ...options }: UseListPageOptions<O> = {},
) {
  const current = ref<O | null>(null)
  const treeShown = ref(true)
  const exporting = ref(false)
  const list = useList<T>(fetcher, {
    query: searchQuery(search),
    ...(scope ? { extra: () => scope(current.value as O | null) } : {}),
    ...options,
  })

  function selectOrg(org: O) {
    current.value = org
    void list.search()
  }
  function treeUnavailable() {
    treeShown.value = false
    current.value = null
    void list.search()
  }
  async function exportFile(url: string, fallbackName: string) {
    exporting.value = true
    try {
      await downloadFile(url, list.filters(), { fallbackName })
    } finally {
      exporting.value = false
    }
  }
  return { list, current, treeShown, selectOrg, treeUnavailable, exporting, exportFile }
}
