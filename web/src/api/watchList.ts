// 名单管理: the watch list of the background check (GET/POST /watch-list, PUT/DELETE /watch-list/{id},
// import template, import, export, the configured databases).
import http from './http'
import type { ListParams } from './industry'
import type { CodeName, ImportAnswer, Page } from '@/types/api'

export interface WatchListEntry {
  id: number
  idNo: string
  name: string
  database: string
  databaseName: string
  situation: string
  source: string | null
  orgId: number
  orgName: string
  createdAt: string
  updatedAt: string
}

export interface WatchListBody {
  idNo: string
  name: string
  database: string
  situation: string
  source: string | null
}

export const listWatchList = (params: ListParams) => http.get<Page<WatchListEntry>>('/watch-list', { params })
export const getWatchListEntry = (id: number) => http.get<WatchListEntry>(`/watch-list/${id}`)
export const createWatchListEntry = (body: WatchListBody) => http.post<WatchListEntry>('/watch-list', body)
export const updateWatchListEntry = (id: number, body: WatchListBody) => http.put<WatchListEntry>(`/watch-list/${id}`, body)
export const deleteWatchListEntry = (id: number) => http.delete(`/watch-list/${id}`)
export const listBackgroundDatabases = () => http.get<CodeName[]>('/watch-list/databases')
export const importWatchList = (file: File) =>
  http.post<ImportAnswer>('/watch-list/import', file, {
    headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    timeout: 120000,
    quiet: true,
  })
