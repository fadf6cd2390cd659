// Issue 15 §9.2 in the browser: from the login page's link a citizen files a complaint on the public page
// (SMS code read from the SMS log, as other specs read codes) and gets a 查询码; the 秦都 officer finds it in
// 建议管理 → 市民意见建议, assigns it to a 派出所 (the stored 处理记录 names both orgs and the officer) and
// replies; the citizen's lookup (查询码 + mobile) shows the reply and the 办理记录 without officer names.
import { test, expect, field, expectSuccess, latestSmsCode, login, logout, goMenu, makeMobile, pickRegion, shot, runTag } from './fixtures.js'

/** The <textarea> of an el-input of type textarea. */
const area = (scope, name) => scope.locator(`textarea[data-test="${name}"], [data-test="${name}"] textarea`).first()

test('a citizen files a complaint from the login page, the officer replies, the lookup shows the reply', async ({ page, baseURL }) => {
  const mobile = makeMobile()
  const content = `保安员值勤时态度粗暴 ${runTag()}`

  // ---- the public page, reached from the login page without signing in
  await page.goto('/')
  await expect(page).toHaveURL(/#\/login$/)
  await page.locator('[data-test=login-feedback]').click()
  await expect(page).toHaveURL(/#\/feedback$/)
  const form = page.locator('[data-test=feedback-public]')
  await form.locator('[data-test=feedback-type-complaint]').click()
  await area(form, 'feedback-content').fill(content)
  await pickRegion(page, form.locator('[data-test=feedback-region]'), '秦都区')
  await field(form, 'feedback-name').fill('市民乙')
  // the mobile is required (the SMS code proves the person): marked * like the other required fields
  await expect(form.locator('.el-form-item', { has: page.locator('[data-test=feedback-mobile]') })).toHaveClass(/is-required/)
  await field(form, 'feedback-mobile').fill(mobile)
  await form.locator('[data-test=feedback-send-sms]').click()
  await expectSuccess(page, '验证码已发送')
  await field(form, 'feedback-smsCode').fill(await latestSmsCode(baseURL, mobile))
  await form.locator('[data-test=feedback-submit]').click()
  const codeEl = form.locator('[data-test=feedback-code]')
  await expect(codeEl).toHaveText(/^\d{12}$/)
  const code = (await codeEl.textContent()).trim()
  await shot(page, 'feedback-01-filed')

  // ---- the 秦都 officer replies
  await login(page, 'qd_jb', 'Baoan@2026')
  await expect(page.locator('[data-test=side-menu]')).toBeVisible()
  await goMenu(page, '市民意见建议', '/supervision/feedback')
  // 办理期限 reads whole, the yellow mark's days left included (was cut off: "剩 2…")
  const due = page.locator('[data-test=feedback-table] [data-test=feedback-mark-yellow]').first()
  await expect(due).toContainText('剩')
  expect(await due.evaluate((e) => { const c = e.closest('.cell'); return c.scrollWidth <= c.clientWidth })).toBe(true)
  await page.locator(`[data-test=feedback-open-${code}]`).click()
  const drawer = page.locator('.el-drawer', { hasText: '投诉建议详情' })
  await expect(drawer).toContainText(content)
  await expect(drawer.locator('[data-test=feedback-state]')).toHaveText('受理')
  // 分派 to a 派出所 of 秦都: the stored 处理记录 keeps 收到 by 秦都分局 and names the officer of the 分派
  await drawer.locator('[data-test=org-tree-select] input').click()
  await drawer.locator('[data-test=org-tree-select] input').fill('人民路派出所')
  await page.getByRole('option', { name: '人民路派出所', exact: true }).click()
  await drawer.locator('[data-test=feedback-assign]').click()
  await expectSuccess(page, '已分派')
  await expect(drawer.locator('[data-test=feedback-state]')).toHaveText('已分派')
  const history = drawer.locator('[data-test=feedback-history]')
  await expect(history.locator('.el-timeline-item').nth(0)).toContainText('由秦都分局受理')
  await expect(history.locator('.el-timeline-item').nth(1)).toContainText('秦都分局 分派至人民路派出所(经办人:冯国栋)')
  await area(drawer, 'feedback-reply-text').fill('已责令该公司对保安员进行教育整改,感谢您的监督。')
  await drawer.locator('[data-test=feedback-reply]').click()
  await expectSuccess(page, '已回复')
  await expect(drawer.locator('[data-test=feedback-state]')).toHaveText('已回复')
  await shot(page, 'feedback-02-replied')
  await drawer.locator('.el-drawer__close-btn').click()
  await expect(drawer).toBeHidden()
  await logout(page)

  // ---- the citizen's lookup
  await page.locator('[data-test=login-feedback]').click()
  await page.getByRole('tab', { name: '查询办理情况' }).click()
  await field(page, 'feedback-lookup-code').fill(code)
  await field(page, 'feedback-lookup-mobile').fill(mobile)
  await page.locator('[data-test=feedback-lookup]').click()
  const result = page.locator('[data-test=feedback-lookup-result]')
  await expect(result.locator('[data-test=feedback-lookup-state]')).toHaveText('已回复')
  await expect(result.locator('[data-test=feedback-lookup-reply]')).toHaveText('已责令该公司对保安员进行教育整改,感谢您的监督。')
  // the citizen's 办理记录: the steps and the public bodies, never the officer
  const steps = page.locator('[data-test=feedback-lookup-history] .el-timeline-item')
  await expect(steps).toHaveCount(3)
  await expect(steps.nth(0)).toContainText('由秦都分局受理')
  await expect(steps.nth(1)).toContainText('转由人民路派出所办理')
  await expect(steps.nth(2)).toContainText('公安机关已回复')
  await expect(page.locator('[data-test=feedback-lookup-history]')).not.toContainText('冯国栋')
  await shot(page, 'feedback-03-lookup')
})
