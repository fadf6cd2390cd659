// 操作日志, 登录日志, 短信记录.
import http from './http'

export const listAuditLogs = (params) => http.get('/audit-logs', { params })
export const listLoginLogs = (params) => http.get('/login-logs', { params })
export const listSmsMessages = (params) => http.get('/sms-messages', { params })
