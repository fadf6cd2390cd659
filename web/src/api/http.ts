// One axios instance for the whole SPA.
// - the session cookie (HttpOnly) goes along automatically (same origin);
// - every state-changing request carries X-CSRF-Token;
// - errors are normalised into ApiError {status, code, message, fields};
// - 401 and 403 password_change_required are routed centrally (see main.ts).
import axios, { type AxiosError, type AxiosRequestConfig, type AxiosResponse } from 'axios'
import { ElMessage } from 'element-plus'

declare module 'axios' {
  interface AxiosRequestConfig {
    /** no error toast: the caller shows the message where it belongs */
    quiet?: boolean
    /** a 401 is the caller's business (login, logout, the router's first /auth/me) */
    skipAuthRedirect?: boolean
    /** resolve to the whole response (headers of a download), not its body */
    fullResponse?: boolean
  }
}

/** Options of one request: axios' config with the three flags above. */
export type RequestOptions = AxiosRequestConfig

const CSRF_KEY = 'baoan.csrfToken'

export function getCsrfToken(): string {
  return sessionStorage.getItem(CSRF_KEY) || ''
}
export function setCsrfToken(token: string | null | undefined): void {
  if (token) sessionStorage.setItem(CSRF_KEY, token)
  else sessionStorage.removeItem(CSRF_KEY)
}

/** The server's error answer `{error: {code, message, fields, requestId}}`, or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly fields: Record<string, string>
  readonly requestId?: string
  /** the whole response body (e.g. an import's per-row `errors`) */
  readonly data?: unknown

  constructor(status: number, code: string, message: string, fields?: Record<string, string> | null, requestId?: string, data?: unknown) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.fields = fields || {}
    this.requestId = requestId
    this.data = data
  }
}

/** `e` as an ApiError when it is one (catch clauses receive `unknown`). */
export const apiError = (e: unknown): ApiError | null => (e instanceof ApiError ? e : null)

interface AuthHandlers {
  unauthenticated: ((e: ApiError) => void) | null
  passwordChangeRequired: ((e: ApiError) => void) | null
}
const handlers: AuthHandlers = { unauthenticated: null, passwordChangeRequired: null }
/** main.ts wires these to the router so this module does not import it. */
export function setAuthHandlers(h: Partial<AuthHandlers>): void {
  Object.assign(handlers, h)
}

export const BASE_URL = '/api/v1'

const instance = axios.create({
  baseURL: BASE_URL,
  timeout: 30000,
  withCredentials: true,
  headers: { Accept: 'application/json' },
})

instance.interceptors.request.use((config) => {
  const method = (config.method || 'get').toLowerCase()
  if (!['get', 'head', 'options'].includes(method)) {
    const token = getCsrfToken()
    if (token) config.headers.set('X-CSRF-Token', token)
  }
  return config
})

const STATUS_TEXT: Record<number, string> = {
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

interface ErrorBody {
  error?: { code?: string; message?: string; fields?: Record<string, string>; requestId?: string }
}

/** The ApiError of a failed axios request. */
export function toApiError(err: AxiosError<ErrorBody>): ApiError {
  const res = err.response
  if (!res) return new ApiError(0, 'network', err.code === 'ECONNABORTED' ? '请求超时,请稍后重试' : '无法连接服务器')
  const body = res.data && typeof res.data === 'object' ? res.data : {}
  const e = body.error || {}
  const message = e.message || STATUS_TEXT[res.status] || `请求失败(${res.status})`
  return new ApiError(res.status, e.code || String(res.status), e.requestId ? `${message}(请求编号 ${e.requestId})` : message,
    e.fields, e.requestId, res.data)
}

instance.interceptors.response.use(
  (res: AxiosResponse) => (res.config.fullResponse ? res : res.data),
  (err: AxiosError<ErrorBody>) => {
    const config = err.config
    const apiErr = toApiError(err)
    if (apiErr.status === 401 && !config?.skipAuthRedirect) {
      handlers.unauthenticated?.(apiErr)
      return Promise.reject(apiErr)
    }
    if (apiErr.status === 403 && apiErr.code === 'password_change_required') {
      handlers.passwordChangeRequired?.(apiErr)
      return Promise.reject(apiErr)
    }
    if (!config?.quiet) ElMessage.error({ message: apiErr.message, grouping: true })
    return Promise.reject(apiErr)
  },
)

// The response interceptor unwraps the body: each call resolves to T, the answer's JSON.
const http = {
  get: <T>(url: string, config?: RequestOptions) => instance.get<T, T>(url, config),
  post: <T>(url: string, body?: unknown, config?: RequestOptions) => instance.post<T, T>(url, body, config),
  put: <T>(url: string, body?: unknown, config?: RequestOptions) => instance.put<T, T>(url, body, config),
  delete: <T = void>(url: string, config?: RequestOptions) => instance.delete<T, T>(url, config),
  /** GET a file: the whole response (Content-Disposition) with the body as a Blob */
  download: (url: string, config?: RequestOptions) =>
    instance.get<Blob, AxiosResponse<Blob>>(url, { ...config, responseType: 'blob', fullResponse: true }),
}

export default http
