// 系统管理: orgs, roles, users.
import http, { type RequestOptions } from './http'
import type { ListParams } from './industry'
import type { AssignableRole, Items, Org, OrgBody, OrgNode, Page, Role, RoleBody, RoleRow, User, UserBody, UserRow } from '@/types/api'

// Orgs
export const getOrgTree = (opts: RequestOptions = {}) => http.get<Items<OrgNode>>('/orgs/tree', opts)
export const listOrgs = (params: ListParams) => http.get<Page<Org>>('/orgs', { params })
export const getOrg = (id: number) => http.get<Org>(`/orgs/${id}`)
export const createOrg = (body: OrgBody) => http.post<Org>('/orgs', body)
export const updateOrg = (id: number, body: OrgBody) => http.put<Org>(`/orgs/${id}`, body)
export const deleteOrg = (id: number) => http.delete(`/orgs/${id}`)

// Roles
export const listRoles = (params: ListParams) => http.get<Page<RoleRow>>('/roles', { params })
export const getRole = (id: number) => http.get<Role>(`/roles/${id}`)
export const createRole = (body: RoleBody) => http.post<Role>('/roles', body)
export const updateRole = (id: number, body: RoleBody) => http.put<Role>(`/roles/${id}`, body)
export const deleteRole = (id: number) => http.delete(`/roles/${id}`)
export const listAssignableRoles = (orgId: number) => http.get<Items<AssignableRole>>('/roles/assignable', { params: { orgId } })

// Users
export const listUsers = (params: ListParams) => http.get<Page<UserRow>>('/users', { params })
export const getUser = (id: number) => http.get<User>(`/users/${id}`)
export const createUser = (body: UserBody) => http.post<User>('/users', body)
export const updateUser = (id: number, body: UserBody) => http.put<User>(`/users/${id}`, body)
export const resetUserPassword = (id: number) => http.post<void>(`/users/${id}/reset-password`)
export const enableUser = (id: number) => http.post<void>(`/users/${id}/enable`)
export const disableUser = (id: number) => http.post<void>(`/users/${id}/disable`)
export const unlockUser = (id: number) => http.post<void>(`/users/${id}/unlock`)
