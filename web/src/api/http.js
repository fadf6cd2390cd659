// One axios instance for the whole SPA.
// - the session cookie (HttpOnly) goes along automatically (same origin);
// - every state-changing request carries X-CSRF-Token;
// - errors are normalised into ApiError {status, code, message, fields};
// - 401 and 403 password_change_required are routed centrally (see main.js).
import axios from 'axios'
import { ElMessage } from 'element-plus'

const CSRF_KEY = 'baoan.csrfToken'

export function getCsrfToken() {
  return sessionStorage.getItem(CSRF_KEY) || ''
}
export function setCsrfToken(token) {
  if (token) sessionStorage.setItem(CSRF_KEY, token)
  else sessionStorage.removeItem(CSRF_KEY)
}

export class ApiError extends Error {
  constructor(status, code, message, fields, requestId, data) {
    super(message)
    this.status = status
    this.code = code
    this.fields = fields || {}
    this.requestId = requestId
    this.data = data // the whole response body (e.g. an import's per-row `errors`)
  }
}

const handlers = { unauthenticated: null, passwordChangeRequired: null }
/** main.js wires these to the router so this module does not import it. */
export function setAuthHandlers(h) {
  Object.assign(handlers, h)
}

const http = axios.create({
  baseURL: '/api/v1',
  timeout: 30000,
  withCredentials: true,
  headers: { Accept: 'application/json' },
})

http.interceptors.request.use((config) => {
  const method = (config.method || 'get').toLowerCase()
  if (!['get', 'head', 'options'].includes(method)) {
    const token = getCsrfToken()
    if (token) config.headers['X-CSRF-Token'] = token
  }
  return config
})

const STATUS_TEXT = {
  400: '请求格式错误',
  401: '登录已失效,请重新登录',
  403: '无权进行此操作',
  404: '记录不存在或无权访问',
  409: '数据冲突,请刷新后重试',
  413: '提交的数据过大',
  422: '填写的信息有误',
  423: '账号已锁定',
  429: '操作过于频繁,请稍后再试',
  500: '服务器内部错误',
}

http.interceptors.response.use(
  (res) => (res.config && res.config.fullResponse ? res : res.data),
  (err) => {
    const res = err.response
    const config = err.config || {}
    let apiErr
    if (!res) {
      apiErr = new ApiError(0, 'network', err.code === 'ECONNABORTED' ? '请求超时,请稍后重试' : '无法连接服务器')
    } else {
      const e = (res.data && res.data.error) || {}
      const message = e.message || STATUS_TEXT[res.status] || `请求失败(${res.status})`
      apiErr = new ApiError(res.status, e.code || String(res.status), message, e.fields, e.requestId, res.data)
      if (e.requestId) apiErr.message = `${message}(请求编号 ${e.requestId})`
    }
    if (apiErr.status === 401 && !config.skipAuthRedirect) {
      handlers.unauthenticated && handlers.unauthenticated(apiErr)
      return Promise.reject(apiErr)
    }
    if (apiErr.status === 403 && apiErr.code === 'password_change_required') {
      handlers.passwordChangeRequired && handlers.passwordChangeRequired(apiErr)
      return Promise.reject(apiErr)
    }
    if (!config.quiet) ElMessage.error({ message: apiErr.message, grouping: true })
    return Promise.reject(apiErr)
  },
)

export default http
