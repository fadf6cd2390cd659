// 保安服务许可证 (许可管理 §5.1): issued licences, their PDF and the xlsx export.
import http from './http'
import type { ListParams } from './industry'
import type { Licence, Page } from '@/types/api'

export const listLicences = (params: ListParams) => http.get<Page<Licence>>('/licences', { params })
export const getLicence = (id: number) => http.get<Licence>(`/licences/${id}`)
/** The licence PDF, shown by the browser (the session cookie goes along). */
export const licenceDocumentUrl = (id: number) => `/api/v1/licences/${id}/document`
