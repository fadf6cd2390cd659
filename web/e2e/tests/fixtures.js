// Shared fixtures: every page may only talk to 127.0.0.1 (the pages must work
// offline); any other request is aborted and fails the test.
import { test as base, expect, request as pwRequest } from '@playwright/test'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
export const SHOT_DIR = path.resolve(here, '..', 'screenshots')
fs.mkdirSync(SHOT_DIR, { recursive: true })

export const ADMIN = { account: 'admin', password: 'Admin@2026' }

export const test = base.extend({
  context: async ({ context }, use) => {
    const foreign = []
    await context.route('**/*', (route) => {
      const url = route.request().url()
      // the browser's own PDF viewer (a frame showing a PDF material) loads chrome:// and chrome-extension:// parts
      if (/^chrome(-extension)?:/.test(url)) return route.continue()
      let host = ''
      try { host = new URL(url).hostname } catch { /* data: etc. */ }
      if (host && host !== '127.0.0.1') {
        foreign.push(url)
        return route.abort('blockedbyclient')
      }
      return route.continue()
    })
    await use(context)
    expect(foreign, 'requests to hosts other than 127.0.0.1').toEqual([])
  },
  page: async ({ page }, use) => {
    const errors = []
    page.on('pageerror', (e) => errors.push(String(e)))
    await use(page)
    expect(errors, 'uncaught errors in the page').toEqual([])
  },
})
export { expect }

/** Screenshot into web/e2e/screenshots/<name>.png once the page settled. */
export async function shot(page, name) {
  await page.waitForLoadState('networkidle').catch(() => {})
  await page.waitForTimeout(300) // let Element Plus transitions finish
  await page.screenshot({ path: path.join(SHOT_DIR, `${name}.png`), fullPage: false })
}

/** The <input> of an el-input (Element Plus puts extra attributes on the input itself). */
export function field(scope, name) {
  return scope.locator(`input[data-test="${name}"], [data-test="${name}"] input`).first()
}

/** An ElMessage success toast with this text (older toasts may still be fading out). */
export async function expectSuccess(page, text) {
  await expect(page.locator('.el-message--success', { hasText: text }).last()).toBeVisible()
}

/**
 * Sign in the way a user does: open the bare address (BASE_URL + '/'), which shows the login form
 * when there is no session, and submit it. Never opens #/login directly: the router must get there itself.
 */
export async function login(page, account, password) {
  await page.goto('/')
  await expect(page).toHaveURL(/#\/login$/)
  await field(page, 'login-account').fill(account)
  await field(page, 'login-password').fill(password)
  await field(page, 'login-password').press('Enter')
}

export async function logout(page) {
  await page.locator('[data-test=user-menu]').click()
  await page.locator('[data-test=menu-logout]').click()
  await page.locator('.el-message-box').getByRole('button', { name: '退出' }).click()
  await expect(page).toHaveURL(/#\/login/)
}

/** Click a side-menu entry and wait until its page (at #<path>, lazy-loaded) replaced the old one. */
export async function goMenu(page, title, path) {
  await page.locator('[data-test=side-menu]').getByText(title, { exact: true }).click()
  await expect(page).toHaveURL(new RegExp(`#${path}$`))
  await expect(page.locator('[data-test=breadcrumb]')).toContainText(title)
}

/** Fill the PasswordChangeForm inside `scope`: the old password, the new one twice, the SMS code. */
export async function fillPasswordChange(scope, { old, password, code }) {
  await field(scope, 'pwd-old').fill(old)
  await field(scope, 'pwd-new').fill(password)
  await field(scope, 'pwd-confirm').fill(password)
  await field(scope, 'pwd-sms').fill(code)
}

/** Pick an option of an el-select (the dropdown is teleported to body). */
export async function pickOption(page, selectLocator, label) {
  await selectLocator.click()
  const option = page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: label }).first()
  await option.click()
}

/** An API client signed in with Bearer auth (no cookie, no CSRF). */
export async function apiAs(baseURL, account, password) {
  const anon = await pwRequest.newContext({ baseURL })
  const res = await anon.post('/api/v1/auth/login', { data: { account, password } })
  expect(res.status(), await res.text()).toBe(200)
  const { token } = await res.json()
  await anon.dispose()
  return pwRequest.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } })
}

// ---- test data -------------------------------------------------------------

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
/** A GB 11643-valid ID number for region 610404 (渭城区). */
export function makeIdNo(birth = '19900101', seq = Math.floor(100 + Math.random() * 899)) {
  const first17 = `610404${birth}${seq}`
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]
  return first17 + '10X98765432'[sum % 11]
}
export const makeMobile = () => '139' + String(Math.floor(Math.random() * 1e8)).padStart(8, '0')
export const runTag = () => Date.now().toString(36).slice(-5).toUpperCase()

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
/** A GB 32100-valid 统一社会信用代码 (9 工商 · 1 企业 · 610404 渭城区 · 9 random chars · check character). */
export function makeCreditCode() {
  let first17 = '91610404'
  for (let i = 0; i < 9; i++) first17 += CREDIT_ALPHABET[Math.floor(Math.random() * CREDIT_ALPHABET.length)]
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CREDIT_ALPHABET.indexOf(first17[i]) * CREDIT_WEIGHTS[i]
  const c = 31 - (sum % 31)
  return first17 + CREDIT_ALPHABET[c === 31 ? 0 : c]
}

/** Filter the org tree panel by name and select that org. */
export async function selectTreeOrg(page, name) {
  const panel = page.locator('[data-test=org-tree-panel]')
  await field(panel, 'org-tree-filter').fill(name)
  const node = panel.locator('.el-tree-node__content', { hasText: name }).first()
  await expect(node).toBeVisible()
  await node.click()
  await expect(panel.locator('.el-tree-node.is-current > .el-tree-node__content').first()).toContainText(name)
}

/** Pick 陕西省 / 咸阳市 / <county> in a RegionCascader inside `scope`. */
export async function pickRegion(page, scope, county) {
  await scope.locator('[data-test=region-cascader]').click()
  const panel = page.locator('.el-cascader__dropdown:visible')
  await panel.locator('.el-cascader-node', { hasText: '陕西省' }).click()
  await panel.locator('.el-cascader-node', { hasText: '咸阳市' }).click()
  await panel.locator('.el-cascader-node', { hasText: county }).locator('.el-radio').click()
  await page.keyboard.press('Escape')
}

/** Type a date into an el-date-picker (value-format YYYY-MM-DD). */
export async function fillDate(page, locator, value) {
  const input = locator.locator('input').first()
  await input.click()
  await input.fill(value)
  await input.press('Enter') // closes the panel (Escape would close the surrounding dialog)
}

/** The 6-digit code of the latest SMS with 验证码 sent to `mobile`, read as admin over the API. */
export async function latestSmsCode(baseURL, mobile) {
  const admin = await apiAs(baseURL, ADMIN.account, ADMIN.password)
  let code = ''
  try {
    await expect(async () => {
      const res = await admin.get('/api/v1/sms-messages', { params: { mobile, page: 1, size: 20 } })
      expect(res.status()).toBe(200)
      const { items } = await res.json()
      const msg = items.find((m) => /验证码/.test(m.content))
      expect(msg, JSON.stringify(items)).toBeTruthy()
      code = /验证码[^\d]{0,4}(\d{6})/.exec(msg.content)[1]
    }).toPass({ timeout: 10_000 })
  } finally {
    await admin.dispose()
  }
  return code
}
