// Signing in from the front door: the bare address a user types (BASE_URL + '/'), not #/login.
// A fresh browser opens it, signs in, signs out, signs in as another account, and reloads the page.
import { test, expect, field, ADMIN, login, logout, goMenu, shot } from './fixtures.js'

const XY_ADMIN = { account: 'xy_admin', password: 'Baoan@2026' }

test('a new user signs in from the bare address, signs out, signs in as another account and reloads', async ({ page, baseURL }) => {
  // the address from the README, in a fresh browser: the login form, reached by the router itself
  await page.goto(`${baseURL}/`)
  await expect(page).toHaveURL(/#\/login$/)
  await expect(page.getByRole('heading', { name: '用户登录' })).toBeVisible()

  // admin: the login answers 200 and the page leaves the login form for the home page
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'))
  await field(page, 'login-account').fill(ADMIN.account)
  await field(page, 'login-password').fill(ADMIN.password)
  await page.locator('[data-test=login-submit]').click()
  expect((await answer).status()).toBe(200)
  await expect(page).toHaveURL(/#\/$/)
  await expect(page.locator('[data-test=home-welcome]')).toContainText('系统管理员')
  await expect(page.locator('[data-test=header-org]')).toHaveText('陕西省公安厅')
  await expect(page.locator('[data-test=side-menu]')).toContainText('行业信息')

  // sign out: back on the login form; the bare address stays there (no session left)
  await logout(page)
  await page.goto(`${baseURL}/`)
  await expect(page).toHaveURL(/#\/login$/)

  // another account in the same tab: its own org, its own menus
  await login(page, XY_ADMIN.account, XY_ADMIN.password)
  await expect(page.locator('[data-test=home-welcome]')).toBeVisible()
  await expect(page.locator('[data-test=header-org]')).toHaveText('咸阳市公安局')
  await goMenu(page, '用户管理', '/system/users')
  await expect(page.locator('[data-test=org-tree]')).toContainText('咸阳市公安局')
  await expect(page.locator('[data-test=org-tree]')).not.toContainText('陕西省公安厅')

  // reload: still signed in as xy_admin, on the same page
  await page.reload()
  await expect(page).toHaveURL(/#\/system\/users$/)
  await expect(page.locator('[data-test=header-org]')).toHaveText('咸阳市公安局')
  await expect(page.locator('[data-test=breadcrumb]')).toContainText('用户管理')
  await expect(page.locator('[data-test=user-table]')).toBeVisible()
  await shot(page, '00-signed-in-after-reload')

  // and the bare address again: the home page of the signed-in user, not the login form
  await page.goto(`${baseURL}/`)
  await expect(page.locator('[data-test=home-welcome]')).toBeVisible()
  await expect(page.locator('[data-test=header-org]')).toHaveText('咸阳市公安局')
  await logout(page)
})
