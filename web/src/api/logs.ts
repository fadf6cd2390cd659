// 操作日志, 登录日志, 短信记录.
import http from './http'
import type { ListParams } from './industry'
import type { AuditLog, LoginLog, Page, SmsMessage } from '@/types/api'

export const listAuditLogs = (params: ListParams) => http.get<Page<AuditLog>>('/audit-logs', { params })
export const listLoginLogs = (params: ListParams) => http.get<Page<LoginLog>>('/login-logs', { params })
export const listSmsMessages = (params: ListParams) => http.get<Page<SmsMessage>>('/sms-messages', { params })
