// 许可管理 → 保安服务许可证 (manual §5.1): an officer of 咸阳 lists the licences the demo seed issued,
// searches one by number, opens it (查看), prints it (打印 opens the PDF in a new tab) and a citizen's
// phone opens the verification page of its QR code without signing in.
import path from 'node:path'
import { test, expect, field, shot, login, goMenu as go, SHOT_DIR } from './fixtures.js'

const OFFICER = { account: 'xy_sj', password: 'Baoan@2026' }

test('an officer finds a licence, views and prints it; its verification page needs no sign-in', async ({ page, browser }) => {
  await login(page, OFFICER.account, OFFICER.password)
  await expect(page.locator('[data-test=home-welcome]')).toBeVisible()
  await go(page, '保安服务许可证', '/licensing/licences')
  const rows = page.locator('[data-test=licence-table] .el-table__body-wrapper tr')
  await expect(rows.first()).toBeVisible()
  await expect(rows.first()).toContainText('陕公保服')
  await expect(rows.first()).toContainText('有效')
  await shot(page, 'licences-list')

  const number = (await rows.nth(2).locator('td').nth(1).innerText()).trim()
  await field(page, 'search-number').fill(number)
  await page.locator('[data-test=search-btn]').click()
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText(number)

  await rows.first().locator('[data-test=licence-view]').click()
  const dialog = page.locator('[data-test=licence-details]')
  await expect(dialog.locator('[data-test=licence-d-number]')).toHaveText(`编号:${number}`)
  await expect(dialog).toContainText('陕西省公安厅')
  await expect(dialog.locator('[data-dict=licenceStatuses]')).toHaveText('有效')
  const verifyUrl = (await dialog.locator('[data-test=licence-d-verify]').innerText()).trim()
  expect(verifyUrl).toMatch(/\/verify\/licence\/[0-9a-f]{32}$/)
  await shot(page, 'licences-details')

  // 打印 opens the PDF in a new tab (headless Chromium would download it: record the call instead).
  await page.evaluate(() => {
    globalThis.__opened = []
    globalThis.open = (url, target) => { globalThis.__opened.push([String(url), target]); return null }
  })
  await dialog.getByRole('button', { name: '打印' }).click()
  const [[pdfUrl, target]] = await page.evaluate(() => globalThis.__opened)
  expect(pdfUrl).toMatch(/^\/api\/v1\/licences\/\d+\/document$/)
  expect(target).toBe('_blank')
  const res = await page.request.get(pdfUrl)
  expect(res.status()).toBe(200)
  expect(res.headers()['content-type']).toBe('application/pdf')
  expect(res.headers()['content-disposition']).toMatch(/^inline;/)

  // A phone without any session.
  const phone = await browser.newContext({ viewport: { width: 390, height: 760 } })
  const p = await phone.newPage()
  await p.goto(verifyUrl)
  await expect(p.locator('.verdict')).toHaveText(/该许可证有效/)
  await expect(p.locator('body')).toContainText(number)
  await p.screenshot({ path: path.join(SHOT_DIR, 'licences-verify.png') })
  await phone.close()
})
