// 行业信息 (manual §3) and the company portal (企业服务): see docs/industry-api.md.
import http from './http'

let dictCache = null
/** {serviceScopes, ethnicities, educations, companyStatuses}: [{code,name}], cached per session. */
export function getDictionaries() {
  if (!dictCache) dictCache = http.get('/dictionaries').catch((e) => { dictCache = null; throw e })
  return dictCache
}
export const clearDictionaries = () => { dictCache = null }

// The four registry resources share one shape: associations, companies, inhouse-units, training-units.
export const listRecords = (res, params) => http.get(`/${res}`, { params })
export const getRecord = (res, id) => http.get(`/${res}/${id}`)
export const createRecord = (res, body) => http.post(`/${res}`, body)
export const updateRecord = (res, id, body) => http.put(`/${res}/${id}`, body)
export const deleteRecord = (res, id) => http.delete(`/${res}/${id}`)

export const deregisterCompany = (id, body) => http.post(`/companies/${id}/deregister`, body)
export const resetCompanyPassword = (id) => http.post(`/companies/${id}/reset-password`)

// Police side, read only.
export const listGuards = (params) => http.get('/guards', { params })
export const getGuard = (id) => http.get(`/guards/${id}`)
export const listGoodDeeds = (params) => http.get('/good-deeds', { params })
export const getGoodDeed = (id) => http.get(`/good-deeds/${id}`)

// Company portal.
export const getPortalCompany = (opts = {}) => http.get('/portal/company', opts)
export const initializePortalCompany = (body) => http.post('/portal/company/initialize', body)
export const updatePortalCompany = (body) => http.put('/portal/company', body)
export const listPortalGuards = (params) => http.get('/portal/guards', { params })
export const getPortalGuard = (id) => http.get(`/portal/guards/${id}`)
export const hirePortalGuard = (body) => http.post('/portal/guards', body)
export const updatePortalGuard = (id, body) => http.put(`/portal/guards/${id}`, body)
export const leavePortalGuard = (id, body) => http.post(`/portal/guards/${id}/leave`, body)
export const importPortalGuards = (file) =>
  http.post('/portal/guards/import', file, {
    headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    timeout: 120000,
    quiet: true,
  })
export const listPortalGoodDeeds = (params) => http.get('/portal/good-deeds', { params })
export const getPortalGoodDeed = (id) => http.get(`/portal/good-deeds/${id}`)
export const createPortalGoodDeed = (body) => http.post('/portal/good-deeds', body)
export const updatePortalGoodDeed = (id, body) => http.put(`/portal/good-deeds/${id}`, body)
