// 行业信息 (manual §3) and the company portal (企业服务): see docs/industry-api.md.
import http, { type RequestOptions } from './http'
import type {
  CompanyRecordRow, GoodDeed, GoodDeedBody, Guard, GuardBody, GuardRow, ImportAnswer, Page, PortalCompany, RegistryBody, RegistryRecord,
} from '@/types/api'

export type ListParams = Record<string, unknown>

// The four registry resources share one shape: associations, companies, inhouse-units, training-units.
export const listRecords = (res: string, params: ListParams) => http.get<Page<RegistryRecord>>(`/${res}`, { params })
export const getRecord = (res: string, id: number) => http.get<RegistryRecord>(`/${res}/${id}`)
export const createRecord = (res: string, body: RegistryBody) => http.post<RegistryRecord>(`/${res}`, body)
export const updateRecord = (res: string, id: number, body: RegistryBody) => http.put<RegistryRecord>(`/${res}/${id}`, body)
export const deleteRecord = (res: string, id: number) => http.delete(`/${res}/${id}`)

export const deregisterCompany = (id: number, body: { date: string; reason: string }) =>
  http.post<RegistryRecord>(`/companies/${id}/deregister`, body)
/** A company's related records (its details' tabs): branches, cross-region-filings, annual-reports. */
export type CompanyRecordKind = 'branches' | 'cross-region-filings' | 'annual-reports'
export const listCompanyRecords = (id: number, kind: CompanyRecordKind, params: ListParams) =>
  http.get<Page<CompanyRecordRow>>(`/companies/${id}/${kind}`, { params })
export const resetCompanyPassword = (id: number) => http.post<void>(`/companies/${id}/reset-password`)

// Police side, read only.
export const listGuards = (params: ListParams) => http.get<Page<GuardRow>>('/guards', { params })
export const getGuard = (id: number) => http.get<Guard>(`/guards/${id}`)
export const listGoodDeeds = (params: ListParams) => http.get<Page<GoodDeed>>('/good-deeds', { params })
export const getGoodDeed = (id: number) => http.get<GoodDeed>(`/good-deeds/${id}`)

// Company portal.
export const getPortalCompany = (opts: RequestOptions = {}) => http.get<PortalCompany>('/portal/company', opts)
export const initializePortalCompany = (body: RegistryBody) => http.post<PortalCompany>('/portal/company/initialize', body)
export const updatePortalCompany = (body: RegistryBody) => http.put<PortalCompany>('/portal/company', body)
export const listPortalGuards = (params: ListParams) => http.get<Page<GuardRow>>('/portal/guards', { params })
export const getPortalGuard = (id: number) => http.get<Guard>(`/portal/guards/${id}`)
export const hirePortalGuard = (body: GuardBody) => http.post<Guard>('/portal/guards', body)
export const updatePortalGuard = (id: number, body: GuardBody) => http.put<Guard>(`/portal/guards/${id}`, body)
export const leavePortalGuard = (id: number, body: { leftOn: string }) => http.post<Guard>(`/portal/guards/${id}/leave`, body)
export const importPortalGuards = (file: File) =>
  http.post<ImportAnswer>('/portal/guards/import', file, {
    headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    timeout: 120000,
    quiet: true,
  })
export const listPortalGoodDeeds = (params: ListParams) => http.get<Page<GoodDeed>>('/portal/good-deeds', { params })
export const getPortalGoodDeed = (id: number) => http.get<GoodDeed>(`/portal/good-deeds/${id}`)
export const createPortalGoodDeed = (body: GoodDeedBody) => http.post<GoodDeed>('/portal/good-deeds', body)
export const updatePortalGoodDeed = (id: number, body: GoodDeedBody) => http.put<GoodDeed>(`/portal/good-deeds/${id}`, body)

// Annual report rounds (issue 12): the deadline of a year's reports and the companies of the caller's
// scope that have not filed (active, licensed, no report of the year).
export interface ReportRound {
  year: number
  deadline: string
  updatedAt: string
}
export interface MissingReport {
  id: number
  name: string
  creditCode: string
  licenceNo: string
  regionCode: string
  regionName: string
  legalName: string
  contactPhone: string | null
  orgId: number
  orgName: string
}
export interface MissingReportPage extends Page<MissingReport> {
  year: number
  /** null when no deadline is set for the year */
  deadline: string | null
  /** the deadline has passed (China date) */
  overdue: boolean
}
export const listReportRounds = () => http.get<{ items: ReportRound[] }>('/annual-report-rounds')
export const setReportRound = (year: number, deadline: string) => http.put<ReportRound>(`/annual-report-rounds/${year}`, { deadline })
export const listMissingReports = (year: number, params: ListParams) =>
  http.get<MissingReportPage>(`/annual-report-rounds/${year}/missing`, { params })
export const missingReportsExportUrl = (year: number) => `/annual-report-rounds/${year}/missing/export`
