// Client-side checks that mirror the server's rules. The server stays the
// authority: its 422 `error.fields` messages are always shown on the form.

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** GB 11643 check character for the first 17 digits. */
export function idCheckChar(first17) {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]
  return ID_CHECK[sum % 11]
}

/** Returns '' when valid, otherwise a Chinese message. */
export function checkIdNo(value) {
  const v = String(value || '').trim().toUpperCase()
  if (!v) return '请输入证件号'
  if (!/^\d{17}[\dX]$/.test(v)) return '公民身份号码应为18位(最后一位可为X)'
  const y = Number(v.slice(6, 10)), m = Number(v.slice(10, 12)), d = Number(v.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return '公民身份号码中的出生日期无效'
  }
  if (idCheckChar(v) !== v[17]) return '公民身份号码校验位错误'
  return ''
}

export const MOBILE_RE = /^1[3-9]\d{9}$/

export function checkMobile(value) {
  const v = String(value || '').trim()
  if (!v) return '请输入联系手机'
  if (!MOBILE_RE.test(v)) return '手机号码格式不正确'
  return ''
}

export const PHONE_RE = /^\d[\d-]{5,18}\d$/ // landline (029-33212345) or mobile, 7–20 chars
export const POLICE_NO_RE = /^[A-Za-z0-9]{4,12}$/
export const ACCOUNT_RE = /^[A-Za-z0-9_.@-]{3,32}$/

export const PASSWORD_RULE_TEXT = '至少8位,包含大写字母、小写字母、数字、符号中的至少三类,不能与账号相同,不能为123456'

export function checkPassword(pw, account) {
  const v = String(pw || '')
  if (!v) return '请输入新密码'
  if (v === '123456') return '新密码不能为123456'
  if (account && v === account) return '新密码不能与账号相同'
  if (v.length < 8) return '新密码至少8位'
  let kinds = 0
  if (/[a-z]/.test(v)) kinds++
  if (/[A-Z]/.test(v)) kinds++
  if (/\d/.test(v)) kinds++
  if (/[^a-zA-Z\d]/.test(v)) kinds++
  if (kinds < 3) return '新密码须包含大写字母、小写字母、数字、符号中的至少三类'
  return ''
}

/** Wrap a message-returning check into an el-form rule validator. */
export function ruleFrom(check, { skipIf } = {}) {
  return {
    trigger: 'blur',
    validator: (_rule, value, cb) => {
      if (skipIf && skipIf(value)) return cb()
      const msg = check(value)
      msg ? cb(new Error(msg)) : cb()
    },
  }
}

// ---- 统一社会信用代码 (GB 32100) ----
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const CREDIT_AUTHORITIES = '123456789ANY'

/** GB 32100 check character for the first 17 characters (upper case). */
export function creditCheckChar(first17) {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CREDIT_ALPHABET.indexOf(first17[i]) * CREDIT_WEIGHTS[i]
  const c = 31 - (sum % 31)
  return CREDIT_ALPHABET[c === 31 ? 0 : c]
}

/** Returns '' when valid, otherwise a Chinese message (the server's wording). */
export function checkCreditCode(value, label = '统一社会信用代码') {
  const v = String(value || '').trim().toUpperCase()
  if (!v) return `请输入${label}`
  if (v.length !== 18) return `${label}应为18位`
  for (const ch of v) if (!CREDIT_ALPHABET.includes(ch)) return `${label}含有无效字符`
  if (!CREDIT_AUTHORITIES.includes(v[0])) return `${label}登记管理部门码无效`
  if (creditCheckChar(v) !== v[17]) return `${label}校验位错误`
  return ''
}

/** Age in whole years on `today` (YYYY-MM-DD) of a person born on `birth` (YYYY-MM-DD). */
export function ageOn(birth, today) {
  const [by, bm, bd] = birth.split('-').map(Number)
  const [ty, tm, td] = today.split('-').map(Number)
  let age = ty - by
  if (tm < bm || (tm === bm && td < bd)) age -= 1
  return age
}
