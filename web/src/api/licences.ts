// 许可管理 (§5.1, §5.3): the issued licences of one business type (保安服务许可证, 保安培训许可证), their PDF,
// the xlsx export, their history and 吊销 / 注销 (licence:revoke).
import http from './http'
import type { ListParams } from './industry'
import type { Licence, LicenceHistoryEntry, Page } from '@/types/api'

export const listLicences = (params: ListParams) => http.get<Page<Licence>>('/licences', { params })
export const getLicence = (id: number) => http.get<Licence>(`/licences/${id}`)
/** The licence PDF, shown by the browser (the session cookie goes along). */
export const licenceDocumentUrl = (id: number) => `/api/v1/licences/${id}/document`

export type RevokeKind = 'revoked' | 'cancelled'
export interface RevokeBody {
  kind: RevokeKind
  decisionNo: string
  reason: string
  date: string
  fileId?: string
}
/** 吊销 / 注销 (the dialog shows the server's field messages by their fields). */
export const revokeLicence = (id: number, body: RevokeBody) => http.post<Licence>(`/licences/${id}/revoke`, body)
export type { LicenceHistoryEntry }
