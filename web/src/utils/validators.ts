// Client-side checks that mirror the server's rules (server/src/core/validation.cpp) with the same
// messages, so that a form refuses what the server would refuse before sending it. The server stays the
// authority: its 422 `error.fields` messages are always shown on the form. The unit tests run the
// server's own test vectors (server/tests/unit/validation_test.cpp) against these functions.
import type { FormItemRule } from 'element-plus'
import { today } from './time'

// ---- dates ----

/** The Y-M-D of a 'YYYY-MM-DD' string when it is a real calendar day (year ≥ 1), else null. */
function parseYmd(s: string): { y: number; m: number; d: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!match) return null
  return calendarDay(match[1], match[2], match[3])
}

function calendarDay(ys: string, ms: string, ds: string): { y: number; m: number; d: number } | null {
  const y = Number(ys), m = Number(ms), d = Number(ds)
  if (y < 1 || m < 1 || m > 12 || d < 1) return null
  const date = new Date(Date.UTC(2000, m - 1, d)) // a leap year for the day count; the year is checked below
  date.setUTCFullYear(y)
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return { y, m, d }
}

const ymdKey = (p: { y: number; m: number; d: number }) => p.y * 10000 + p.m * 100 + p.d

/** Whole years on `on` (YYYY-MM-DD) of a person born on `birth`; -1 when either is not a date or `on` is earlier. */
export function ageOn(birth: string, on: string): number {
  const b = parseYmd(birth), o = parseYmd(on)
  if (!b || !o || ymdKey(o) < ymdKey(b)) return -1
  let age = o.y - b.y
  // comparing (month, day): a 02-29 birthday counts as passed only from 03-01 in common years
  if (o.m * 100 + o.d < b.m * 100 + b.d) age -= 1
  return age
}

// ---- 公民身份号码 (GB 11643-1999) ----

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** GB 11643 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]
  return ID_CHECK[sum % 11]
}

/** Only the province part is checked (as on the server); the exact GB/T 2260 lookup needs the table. */
function plausibleProvince(p: number): boolean {
  return (p >= 11 && p <= 15) || (p >= 21 && p <= 23) || (p >= 31 && p <= 37) || (p >= 41 && p <= 46) ||
    (p >= 50 && p <= 54) || (p >= 61 && p <= 65) || p === 71 || p === 81 || p === 82 || p === 83 || p === 91
}

/**
 * What is wrong with an ID number, in the server's words ("校验位错误"), or null when it is valid.
 * `todayYmd` (YYYY-MM-DD, Asia/Shanghai) bounds the birth date.
 */
export function idNumberError(id: string, todayYmd: string = today()): string | null {
  if (id.length !== 18) return '应为18位'
  if (!/^\d{17}$/.test(id.slice(0, 17))) return '前17位应为数字'
  const last = id[17].toUpperCase()
  if (!/[\dX]/.test(last)) return '末位应为数字或X'
  if (!plausibleProvince(Number(id.slice(0, 2)))) return '地区码无效'
  const birth = calendarDay(id.slice(6, 10), id.slice(10, 12), id.slice(12, 14))
  if (!birth) return '出生日期无效'
  if (birth.y < 1900) return '出生日期不能早于1900年'
  const now = parseYmd(todayYmd)
  if (now && ymdKey(birth) > ymdKey(now)) return '出生日期不能晚于今天'
  if (idCheckChar(id) !== last) return '校验位错误'
  return null
}

/** The birth date (YYYY-MM-DD) written in an ID number. */
export const birthDateOfId = (id: string): string => `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`

/** A form's check of an ID number: '' when valid, otherwise a Chinese message naming the field. */
export function checkIdNo(value: unknown, label = '公民身份号码'): string {
  const v = String(value ?? '').trim()
  if (!v) return `请输入${label}`
  const e = idNumberError(v)
  return e ? `${label}${e}` : ''
}

// ---- 统一社会信用代码 (GB 32100-2015) ----

// The code alphabet omits I, O, Z, S, V so they cannot be confused with 1, 0, 2, 5, U.
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
// 登记管理部门码: 1 机构编制 … 9 工商, A 中央军委改革和编制办公室, N 农业, Y 其他
const CREDIT_AUTHORITIES = '123456789ANY'

/** GB 32100 check character of the first 17 characters (upper case). */
export function creditCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CREDIT_ALPHABET.indexOf(first17[i]) * CREDIT_WEIGHTS[i]
  const c = 31 - (sum % 31)
  return CREDIT_ALPHABET[c === 31 ? 0 : c]
}

/** What is wrong with a 统一社会信用代码, in the server's words, or null (lower case is accepted). */
export function creditCodeError(code: string): string | null {
  if (code.length !== 18) return '应为18位'
  const upper = code.toUpperCase()
  for (const ch of upper) if (!CREDIT_ALPHABET.includes(ch)) return '含有无效字符'
  if (!CREDIT_AUTHORITIES.includes(upper[0])) return '登记管理部门码无效'
  if (creditCheckChar(upper) !== upper[17]) return '校验位错误'
  return null
}

/** A form's check of a credit code: '' when valid, otherwise a Chinese message naming the field. */
export function checkCreditCode(value: unknown, label = '统一社会信用代码'): string {
  const v = String(value ?? '').trim()
  if (!v) return `请输入${label}`
  const e = creditCodeError(v)
  return e ? `${label}${e}` : ''
}

// ---- mobiles ----

/**
 * A mainland mobile as the server stores it (11 digits), from what people type: "138 0013 8000",
 * "138-0013-8000", "+86 138…", "86138…". `{error}` in the server's words otherwise.
 */
export function normalizeMobile(input: string): { mobile: string } | { error: string } {
  let s = input.replace(/[ -]/g, '')
  if (s.startsWith('+')) {
    if (!s.startsWith('+86')) return { error: '仅支持中国大陆手机号' }
    s = s.slice(3)
  } else if (s.length === 13 && s.startsWith('86')) {
    s = s.slice(2) // only a bare "86" when what remains has mobile length
  }
  if (!/^\d*$/.test(s)) return { error: '含有无效字符' }
  if (s.length !== 11) return { error: '应为11位' }
  if (s[0] !== '1' || s[1] < '3') return { error: '号码段无效' }
  return { mobile: s }
}

/** What is wrong with a mobile number, or null. */
export function mobileError(input: string): string | null {
  const r = normalizeMobile(input)
  return 'error' in r ? r.error : null
}

/** A form's check of a mobile: '' when valid, otherwise a Chinese message naming the field. */
export function checkMobile(value: unknown, label = '手机号'): string {
  const v = String(value ?? '').trim()
  if (!v) return `请输入${label}`
  const e = mobileError(v)
  return e ? `${label}${e}` : ''
}

export const PHONE_RE = /^\d[\d-]{5,18}\d$/ // landline (029-33212345) or mobile, 7–20 chars
export const POLICE_NO_RE = /^[A-Za-z0-9]{4,12}$/
export const ACCOUNT_RE = /^[A-Za-z0-9_.@-]{3,32}$/

// ---- passwords ----

export const PASSWORD_RULE_TEXT = '8至64位,包含大写字母、小写字母、数字、符号中的至少3类,不能与账号相同,不能为123456'

/** What is wrong with a new password, in the server's words, or null. */
export function passwordError(password: string, account: string): string | null {
  if (password === '123456') return '过于简单'
  for (const ch of password) {
    const c = ch.codePointAt(0) ?? 0
    if (c < 0x21 || c > 0x7e) return '只能包含字母、数字和英文符号'
  }
  if (password.length < 8) return '至少8位'
  if (password.length > 64) return '不能超过64位'
  if (password.toLowerCase() === account.toLowerCase()) return '不能与账号相同'
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(password)).length
  if (kinds < 3) return '需包含大写字母、小写字母、数字、符号中的至少3类'
  return null
}

/** A form's check of a new password: '' when valid, otherwise a Chinese message. */
export function checkPassword(value: unknown, account: string): string {
  const v = String(value ?? '')
  if (!v) return '请输入新密码'
  const e = passwordError(v, account)
  return e ? `新密码${e}` : ''
}

// ---- form rules ----

/** Wrap a message-returning check into an el-form rule validator (on blur). */
export function ruleFrom(check: (value: unknown) => string, { skipIf }: { skipIf?: (value: unknown) => boolean } = {}): FormItemRule {
  return {
    trigger: 'blur',
    validator: (_rule, value: unknown, cb: (error?: Error) => void) => {
      if (skipIf && skipIf(value)) return cb()
      const msg = check(value)
      if (msg) cb(new Error(msg))
      else cb()
    },
  }
}
