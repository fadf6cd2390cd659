import http, { type RequestOptions } from './http'
import type { LoginAnswer, Me, SmsCodeAnswer } from '@/types/api'

export const login = (account: string, password: string) =>
  http.post<LoginAnswer>('/auth/login', { account, password }, { quiet: true, skipAuthRedirect: true })
export const logout = () => http.post<void>('/auth/logout', null, { quiet: true, skipAuthRedirect: true })
export const fetchMe = (opts: RequestOptions = {}) => http.get<Me>('/auth/me', opts)
export const sendSmsCode = (purpose = 'change_password') => http.post<SmsCodeAnswer>('/auth/sms-code', { purpose })
export const changePassword = (body: { oldPassword: string; newPassword: string; smsCode: string }) =>
  http.post<{ changed: boolean }>('/auth/change-password', body)
