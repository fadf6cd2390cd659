// Reference data: regions (GB/T 2260), permission catalog, approval posts, org types.
import http from './http'

let cache = {}
function once(key, fn) {
  if (!cache[key]) cache[key] = fn().catch((e) => { delete cache[key]; throw e })
  return cache[key]
}
export const clearReferenceCache = () => { cache = {} }

export const listRegions = (parent) => http.get('/regions', { params: parent ? { parent } : {} })
export const getRegion = (code) => http.get(`/regions/${encodeURIComponent(code)}`)
export const getPermissionCatalog = () => once('permissions', () => http.get('/permissions'))
export const getApprovalPosts = () => once('approvalPosts', () => http.get('/approval-posts'))
export const getOrgTypes = () => once('orgTypes', () => http.get('/org-types'))
