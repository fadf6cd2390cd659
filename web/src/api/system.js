// 系统管理: orgs, roles, users.
import http from './http'

// Orgs
export const getOrgTree = (opts = {}) => http.get('/orgs/tree', opts)
export const listOrgs = (params) => http.get('/orgs', { params })
export const getOrg = (id) => http.get(`/orgs/${id}`)
export const createOrg = (body) => http.post('/orgs', body)
export const updateOrg = (id, body) => http.put(`/orgs/${id}`, body)
export const deleteOrg = (id) => http.delete(`/orgs/${id}`)

// Roles
export const listRoles = (params) => http.get('/roles', { params })
export const getRole = (id) => http.get(`/roles/${id}`)
export const createRole = (body) => http.post('/roles', body)
export const updateRole = (id, body) => http.put(`/roles/${id}`, body)
export const deleteRole = (id) => http.delete(`/roles/${id}`)
export const listAssignableRoles = (orgId) => http.get('/roles/assignable', { params: { orgId } })

// Users
export const listUsers = (params) => http.get('/users', { params })
export const getUser = (id) => http.get(`/users/${id}`)
export const createUser = (body) => http.post('/users', body)
export const updateUser = (id, body) => http.put(`/users/${id}`, body)
export const resetUserPassword = (id) => http.post(`/users/${id}/reset-password`)
export const enableUser = (id) => http.post(`/users/${id}/enable`)
export const disableUser = (id) => http.post(`/users/${id}/disable`)
export const unlockUser = (id) => http.post(`/users/${id}/unlock`)
