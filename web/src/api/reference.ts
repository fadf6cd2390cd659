// Reference data: regions (GB/T 2260), the permission catalog, approval posts, org types, dictionaries.
// The catalogs are read once per session (cleared on sign-in and sign-out).
import http from './http'
import type { ApprovalPosts, CodeName, Dictionaries, Items, PermissionCatalog, Region, RegionDetail } from '@/types/api'

let cache = new Map<string, Promise<unknown>>()
function once<T>(key: string, fn: () => Promise<T>): Promise<T> {
  let p = cache.get(key) as Promise<T> | undefined
  if (!p) {
    p = fn().catch((e: unknown) => {
      cache.delete(key)
      throw e
    })
    cache.set(key, p)
  }
  return p
}
export const clearReferenceCache = (): void => {
  cache = new Map()
}

export const listRegions = (parent?: string) => http.get<Items<Region>>('/regions', { params: parent ? { parent } : {} })
export const getRegion = (code: string) => http.get<RegionDetail>(`/regions/${encodeURIComponent(code)}`)
export const getPermissionCatalog = () => once('permissions', () => http.get<PermissionCatalog>('/permissions'))
export const getApprovalPosts = () => once('approvalPosts', () => http.get<ApprovalPosts>('/approval-posts'))
export const getOrgTypes = () => once('orgTypes', () => http.get<Items<CodeName>>('/org-types'))
/** Every dictionary `{key: [{code, name, tag}]}`; pages read them through the dict store (DictTag, selects). */
export const getDictionaries = () => once('dictionaries', () => http.get<Dictionaries>('/dictionaries'))
