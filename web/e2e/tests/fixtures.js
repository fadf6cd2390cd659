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
      let host = ''
      try { host = new URL(url).hostname } catch (_) { /* data: etc. */ }
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

export async function login(page, account, password) {
  await page.goto('./#/login')
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
