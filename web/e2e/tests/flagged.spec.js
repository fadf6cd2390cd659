// 建议管理 · 问题人员 (§9.3): a company hires a guard who is on the watch list; the server's background
// screening flags the guard (no request waits for it); the officer finds the person with the report, gives
// 责令辞退; the company sees the opinion (never the screening detail) on its portal and confirms 已辞退 with
// the date, which ends the employment.
import {
  test, expect, field, expectSuccess, ADMIN, shot, login, logout, goMenu, apiAs, makeIdNo, makeMobile, makeCreditCode, runTag,
  latestSmsCode, fillDate,
} from './fixtures.js'

const PASSWORD = 'Xianyang#2026'

function chinaToday() {
  return new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10)
}

test('a flagged person handled: screened in the background, opinion given, seen and confirmed on the portal', async ({ page, baseURL }) => {
  const tag = runTag()
  const admin = await apiAs(baseURL, ADMIN.account, ADMIN.password)
  // A company of 渭城 with an active portal account, and a guard whose ID number is on the watch list.
  const company = { name: `问题人员测试保安公司${tag}`, creditCode: makeCreditCode(), legalMobile: makeMobile() }
  let res = await admin.post('/api/v1/companies', {
    data: {
      name: company.name, creditCode: company.creditCode, regAddress: '咸阳市渭城区文汇路8号', regionCode: '610404', regCapital: 500,
      foundedOn: '2016-06-01', serviceScope: ['door'], legalName: '周法人', legalIdNo: makeIdNo('19800101'), legalMobile: company.legalMobile,
    },
  })
  expect(res.status(), await res.text()).toBe(201)
  const first = await apiAs(baseURL, company.creditCode, '123456')
  expect((await first.post('/api/v1/auth/sms-code', { data: { purpose: 'change_password' } })).status()).toBe(200)
  const smsCode = await latestSmsCode(baseURL, company.legalMobile)
  res = await first.post('/api/v1/auth/change-password', { data: { oldPassword: '123456', newPassword: PASSWORD, smsCode } })
  expect(res.status(), await res.text()).toBe(200)
  const portal = await apiAs(baseURL, company.creditCode, PASSWORD)
  // the first-login guide done, so that the portal opens on its menus
  res = await portal.post('/api/v1/portal/company/initialize', { data: {} })
  expect(res.status(), await res.text()).toBe(200)
  const guard = { name: `追逃测试${tag}`, idNo: makeIdNo('19880808') }
  res = await admin.post('/api/v1/watch-list', { data: { ...guard, database: 'fugitive', situation: '网上追逃人员', source: '公安部通报' } })
  expect(res.status(), await res.text()).toBe(201)
  res = await portal.post('/api/v1/portal/guards', { data: { ...guard, mobile: makeMobile(), hiredOn: '2024-03-01' } })
  expect(res.status(), await res.text()).toBe(201)
  // The screening runs in the server's worker: wait until the person is flagged.
  await expect(async () => {
    const r = await admin.get('/api/v1/flagged-persons', { params: { idNo: guard.idNo } })
    expect((await r.json()).total).toBe(1)
  }).toPass({ timeout: 20_000 })

  // The officer: the list with the screening progress, the report, 处理意见 责令辞退.
  await login(page, ADMIN.account, ADMIN.password)
  await goMenu(page, '问题人员', '/supervision/flagged-persons')
  await expect(page.locator('[data-test=screening-status]')).toContainText('背景筛查')
  await field(page, 'search-idNo').fill(guard.idNo)
  await page.locator('[data-test=search-btn]').click()
  const table = page.locator('[data-test=flagged-table]')
  await expect(table.locator('.el-table__row')).toHaveCount(1)
  await expect(table).toContainText(guard.name)
  await expect(table).toContainText(company.name)
  await expect(table).toContainText('待处理')
  await table.locator('[data-test=flagged-view]').click()
  const detail = page.locator('[data-test=flagged-detail]')
  await expect(detail.locator('[data-test=flagged-report]')).toContainText('网上追逃人员')
  await expect(detail.locator('[data-test=flagged-report]')).toContainText('全国在逃人员信息库')
  await shot(page, 'flagged-01-report')
  await page.keyboard.press('Escape')
  await expect(detail).toBeHidden()

  await table.locator('[data-test=flagged-opinion]').click()
  const dialog = page.locator('[data-test=opinion-dialog]')
  await dialog.getByText('误报', { exact: true }).click()
  await dialog.locator('[data-test=opinion-save]').click()
  await expect(dialog.locator('.el-form-item__error')).toContainText('误报')
  await dialog.getByText('责令辞退', { exact: true }).click()
  await dialog.locator('textarea').fill('依据《保安服务管理条例》第十七条,责令辞退')
  await dialog.locator('[data-test=opinion-save]').click()
  await expectSuccess(page, '处理意见已保存')
  await expect(table).toContainText('责令辞退')
  await shot(page, 'flagged-02-opinion')
  await logout(page)

  // The company: its 问题人员 page shows the opinion, not the police databases; it confirms 已辞退.
  await login(page, company.creditCode, PASSWORD)
  await goMenu(page, '问题人员', '/portal/flagged-guards')
  const mine = page.locator('[data-test=portal-flagged-table]')
  await expect(mine).toContainText(guard.name)
  await expect(mine).toContainText('依据《保安服务管理条例》第十七条,责令辞退')
  await expect(page.locator('[data-test=portal-flagged]')).not.toContainText('网上追逃')
  await expect(page.locator('[data-test=portal-flagged]')).not.toContainText('在逃人员')
  await mine.locator('[data-test=portal-flagged-confirm]').click()
  const confirm = page.locator('[data-test=portal-confirm-dialog]')
  await fillDate(page, confirm, chinaToday()) // the dialog's only input: 辞退日期
  await confirm.locator('[data-test=portal-confirm-save]').click()
  await expectSuccess(page, '已确认辞退')
  await expect(mine.locator('[data-test=portal-flagged-confirmed]')).toContainText(chinaToday())
  await expect(mine).toContainText('离职')
  await shot(page, 'flagged-03-portal-confirmed')
})

test('the exam registration list marks a registered person who is a 问题人员 (police side)', async ({ page, baseURL }) => {
  // The demo person 石晓峰 registered for the exam; a company hires him and his ID number is on the watch list.
  const person = { name: '石晓峰', idNo: '610404198001051000' }
  const admin = await apiAs(baseURL, ADMIN.account, ADMIN.password)
  const tag = runTag()
  const company = { name: `报名标记测试保安公司${tag}`, creditCode: makeCreditCode(), legalMobile: makeMobile() }
  let res = await admin.post('/api/v1/companies', {
    data: {
      name: company.name, creditCode: company.creditCode, regAddress: '咸阳市渭城区文汇路9号', regionCode: '610404', regCapital: 500,
      foundedOn: '2016-06-01', serviceScope: ['door'], legalName: '吴法人', legalIdNo: makeIdNo('19810101'), legalMobile: company.legalMobile,
    },
  })
  expect(res.status(), await res.text()).toBe(201)
  const first = await apiAs(baseURL, company.creditCode, '123456')
  expect((await first.post('/api/v1/auth/sms-code', { data: { purpose: 'change_password' } })).status()).toBe(200)
  const smsCode = await latestSmsCode(baseURL, company.legalMobile)
  res = await first.post('/api/v1/auth/change-password', { data: { oldPassword: '123456', newPassword: PASSWORD, smsCode } })
  expect(res.status(), await res.text()).toBe(200)
  const portal = await apiAs(baseURL, company.creditCode, PASSWORD)
  res = await admin.post('/api/v1/watch-list', { data: { ...person, database: 'criminal', situation: '受过刑事处罚', source: '渭城分局' } })
  expect(res.status(), await res.text()).toBe(201)

  // before the screening flags him: no mark
  await login(page, ADMIN.account, ADMIN.password)
  await goMenu(page, '保安员资格证考试报名', '/exam/registrations')
  await field(page, 'search-idNo').fill(person.idNo)
  await page.locator('[data-test=search-btn]').click()
  const table = page.locator('[data-test=registration-table]')
  await expect(table.locator('.el-table__row').first()).toContainText(person.name)
  await expect(table.locator('[data-test=registration-flagged]')).toHaveCount(0)

  res = await portal.post('/api/v1/portal/guards', { data: { ...person, mobile: makeMobile(), hiredOn: '2024-03-01' } })
  expect(res.status(), await res.text()).toBe(201)
  await expect(async () => {
    const r = await admin.get('/api/v1/flagged-persons', { params: { idNo: person.idNo } })
    expect((await r.json()).total).toBeGreaterThan(0)
  }).toPass({ timeout: 20_000 })

  await page.locator('[data-test=search-btn]').click()
  await expect(table.locator('[data-test=registration-flagged]').first()).toHaveText('问题人员')
  await shot(page, 'registrations-flagged')
})
