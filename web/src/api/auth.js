import http from './http'

export const login = (account, password) =>
  http.post('/auth/login', { account, password }, { quiet: true, skipAuthRedirect: true })
export const logout = () => http.post('/auth/logout', null, { quiet: true, skipAuthRedirect: true })
export const fetchMe = (opts = {}) => http.get('/auth/me', opts)
export const sendSmsCode = (purpose = 'change_password') => http.post('/auth/sms-code', { purpose })
export const changePassword = (body) => http.post('/auth/change-password', body)
