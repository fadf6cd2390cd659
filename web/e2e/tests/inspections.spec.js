// 建议管理 · 监督检查情况管理 (§9.1): an officer records an inspection of a 渭城 company with a photo and
// 责令整改; the company reads the 整改通知 on its portal and hands in a 整改报告; the officer sends it
// back with an opinion, the company reports again, the officer accepts; the whole history shows on
// the record. Starts at the bare address and signs in, as the other specs do. Then 转检查 from a citizen's
// complaint, linked both ways.
import { test, expect, field, expectSuccess, ADMIN, shot, login, logout, goMenu, pickOption, fillDate, apiAs, makeCreditCode, makeIdNo,
  makeMobile, runTag, latestSmsCode } from './fixtures.js'
import { request as pwRequest } from '@playwright/test'

const PASSWORD = 'Zhenggai#2026'

// A PNG of 4×4 white pixels.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEklEQVR4nGP4//8/AxJgwM0BAMJfCf+0M/0GAAAAAElFTkSuQmCC',
  'base64',
)

/** A 渭城 company whose portal account is active and initialized (over the API). */
async function activeCompany(baseURL, tag) {
  const admin = await apiAs(baseURL, ADMIN.account, ADMIN.password)
  const body = {
    name: `整改测试保安服务有限公司${tag}`, creditCode: makeCreditCode(), regAddress: '咸阳市渭城区文汇路8号', regionCode: '610404',
    regCapital: 500, foundedOn: '2016-06-01', serviceScope: ['door'], legalName: '周法人', legalIdNo: makeIdNo(), legalMobile: makeMobile(),
  }
  const res = await admin.post('/api/v1/companies', { data: body })
  expect(res.status(), await res.text()).toBe(201)
  const rec = await res.json()
  await admin.dispose()
  const first = await apiAs(baseURL, body.creditCode, '123456')
  expect((await first.post('/api/v1/auth/sms-code', { data: { purpose: 'change_password' } })).status()).toBe(200)
  const smsCode = await latestSmsCode(baseURL, body.legalMobile)
  const changed = await first.post('/api/v1/auth/change-password', { data: { oldPassword: '123456', newPassword: PASSWORD, smsCode } })
  expect(changed.status(), await changed.text()).toBe(200)
  await first.dispose()
  const unit = await apiAs(baseURL, body.creditCode, PASSWORD)
  const company = await (await unit.get('/api/v1/portal/company')).json()
  const init = await unit.post('/api/v1/portal/company/initialize', {
    data: { ...company, bizAddress: '陕西省咸阳市渭城区文汇路8号', contactName: '郑经理', contactPhone: '029-33215566' },
  })
  expect(init.status(), await init.text()).toBe(200)
  await unit.dispose()
  return { ...body, id: rec.id }
}

test('an inspection with a photo and its rectification round: 整改通知, 整改报告, 复查 退回, again, 通过', async ({ page, baseURL }) => {
  const tag = runTag()
  const company = await activeCompany(baseURL, tag)
  const findings = `部分保安员未持证上岗${tag}`

  // The officer records the inspection.
  await login(page, ADMIN.account, ADMIN.password)
  await goMenu(page, '监督检查情况管理', '/supervision/inspections')
  const table = page.locator('[data-test=inspection-table]')
  await expect(table.locator('.el-table__row').first()).toBeVisible()
  await expect(table.locator('[data-test=inspection-overdue]').first()).toBeVisible() // the demo's overdue one, in red
  await page.locator('[data-test=inspection-add]').click()
  const dialog = page.locator('[data-test=inspection-dialog]')
  await expect(dialog).toBeVisible()
  const unit = dialog.locator('[data-test=inspection-unit]')
  await unit.click()
  await unit.locator('input').fill(company.name)
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: company.name }).first().click()
  await pickOption(page, dialog.locator('[data-test=inspection-inspectors]'), '系统管理员')
  await dialog.locator('.el-dialog__title').click() // closes the dropdown
  await dialog.locator('[data-test=item-licensed_rate]').getByText('不合格').click()
  await dialog.locator('textarea[data-test=inspection-findings], [data-test=inspection-findings] textarea').first().fill(findings)
  await dialog.locator('[data-test=inspection-conclusion]').getByText('责令整改').click()
  await dialog.locator('textarea[data-test=inspection-requirement], [data-test=inspection-requirement] textarea').first().fill('组织全员持证上岗')
  const deadline = new Date(Date.now() + 8 * 3600e3 + 10 * 86400e3).toISOString().slice(0, 10)
  await fillDate(page, dialog.locator('[data-test=inspection-deadline]'), deadline)
  await dialog.locator('[data-test=field-fileIds-upload] input[type=file]').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG })
  await expect(dialog.locator('[data-test=file-item]')).toContainText('现场照片.png')
  await shot(page, 'inspections-01-form')
  await dialog.locator('[data-test=inspection-save]').click()
  await expectSuccess(page, '新增成功')
  await field(page, 'search-unitName').fill(company.name)
  await page.locator('[data-test=search-btn]').click()
  await expect(table.locator('.el-table__row')).toHaveCount(1)
  await expect(table).toContainText('待提交整改报告')
  await logout(page)

  // The company: 整改通知 on its portal, 提交整改报告 with a file.
  await login(page, company.creditCode, PASSWORD)
  await goMenu(page, '整改通知', '/portal/rectifications')
  const notices = page.locator('[data-test=rectification-table]')
  await expect(notices).toContainText(deadline)
  await expect(notices).toContainText('待提交整改报告')
  const report = async (text) => {
    await notices.locator('[data-test=rectification-report]').first().click()
    const d = page.locator('[data-test=rectification-report-dialog]')
    await d.locator('[data-test=report-content] textarea, textarea[data-test=report-content]').first().fill(text)
    await d.locator('[data-test=field-report-upload] input[type=file]').setInputFiles({ name: '整改照片.png', mimeType: 'image/png', buffer: PNG })
    await expect(d.locator('[data-test=file-item]')).toContainText('整改照片.png')
    await d.locator('[data-test=report-submit]').click()
    await expectSuccess(page, '整改报告已提交')
    await expect(notices).toContainText('待复查')
  }
  await report('已组织全员持证上岗')
  await shot(page, 'inspections-02-portal-reported')
  await logout(page)

  // The officer: 复查 退回 with an opinion.
  const review = async (accept, opinion) => {
    await login(page, ADMIN.account, ADMIN.password)
    await goMenu(page, '监督检查情况管理', '/supervision/inspections')
    await field(page, 'search-unitName').fill(company.name)
    await page.locator('[data-test=search-btn]').click()
    await expect(table.locator('.el-table__row')).toHaveCount(1)
    await table.locator('[data-test=inspection-view]').click()
    const detail = page.locator('[data-test=inspection-detail]')
    await expect(detail.locator('[data-test=iv-state]')).toHaveText('待复查')
    await detail.locator('[data-test=review-opinion] textarea, textarea[data-test=review-opinion]').first().fill(opinion)
    await detail.locator(accept ? '[data-test=review-accept]' : '[data-test=review-return]').click()
    await expectSuccess(page, accept ? '复查通过' : '已退回整改')
    await expect(detail.locator('[data-test=iv-state]')).toHaveText(accept ? '整改通过' : '已退回')
    return detail
  }
  await review(false, '未附培训记录')
  // the detail drawer covers the header: closed before signing out
  const drawer = page.locator('.el-drawer', { hasText: '监督检查详情' })
  await drawer.locator('.el-drawer__close-btn').click()
  await expect(drawer).toBeHidden()
  await logout(page)

  await login(page, company.creditCode, PASSWORD)
  await goMenu(page, '整改通知', '/portal/rectifications')
  await expect(notices).toContainText('已退回')
  await report('已补充培训记录')
  await logout(page)

  const detail = await review(true, '整改到位')
  const history = detail.locator('[data-test=iv-history]')
  await expect(history).toContainText('责令整改')
  await expect(history).toContainText('未附培训记录')
  await expect(history).toContainText('整改到位')
  await expect(history.locator('.el-timeline-item')).toHaveCount(5)
  await expect(detail.locator('[data-test=inspection-view]')).toContainText('现场照片.png')
  await shot(page, 'inspections-03-history')
})

// 转检查 (§9.2 → §9.1): a citizen's complaint about a company opens an inspection (投诉核查) that keeps the
// link: the complaint's 处理记录 shows 已转检查 with the record, and the record links back to the complaint.
test('转检查: the inspection opened from a complaint is linked both ways', async ({ page, baseURL }) => {
  const tag = runTag()
  const company = await activeCompany(baseURL, tag)
  const mobile = makeMobile()
  const pub = await pwRequest.newContext({ baseURL })
  expect((await pub.post('/api/v1/public/feedback/sms-code', { data: { mobile } })).status()).toBe(200)
  const filed = await pub.post('/api/v1/public/feedback', {
    data: { type: 'complaint', companyId: company.id, content: `保安员值勤时态度粗暴${tag}`, regionCode: '610404', mobile,
      smsCode: await latestSmsCode(baseURL, mobile) },
  })
  expect(filed.status(), await filed.text()).toBe(201)
  const { code } = await filed.json()
  await pub.dispose()

  await login(page, ADMIN.account, ADMIN.password)
  await goMenu(page, '市民意见建议', '/supervision/feedback')
  await page.locator(`[data-test=feedback-open-${code}]`).click()
  const complaint = page.locator('.el-drawer', { hasText: '投诉建议详情' })
  await complaint.locator('[data-test=feedback-to-inspection]').click()
  await expect(page).toHaveURL(/#\/supervision\/inspections/)
  const dialog = page.locator('[data-test=inspection-dialog]')
  await expect(dialog.locator('[data-test=inspection-from-complaint]')).toContainText(code)
  await expect(dialog.locator('[data-test=inspection-kind]')).toContainText('投诉核查')
  await pickOption(page, dialog.locator('[data-test=inspection-inspectors]'), '系统管理员')
  await dialog.locator('.el-dialog__title').click() // closes the dropdown
  await dialog.locator('textarea[data-test=inspection-findings], [data-test=inspection-findings] textarea').first().fill(`投诉属实${tag}`)
  await dialog.locator('[data-test=inspection-save]').click()
  await expectSuccess(page, '新增成功')

  // The complaint's side: 已转检查 in its 处理记录, the record opened from there, and its link back.
  await goMenu(page, '市民意见建议', '/supervision/feedback')
  await page.locator(`[data-test=feedback-open-${code}]`).click()
  const history = complaint.locator('[data-test=feedback-history]')
  await expect(history).toContainText('已转检查')
  await expect(history).toContainText(company.name)
  await shot(page, 'inspections-04-complaint-history')
  await history.locator('[data-test^=feedback-inspection-]').click()
  const detail = page.locator('[data-test=inspection-detail]')
  await expect(detail.locator('[data-test=iv-unit]')).toHaveText(company.name)
  const back = detail.locator('[data-test=iv-feedback]')
  await expect(back).toContainText(code)
  await back.click()
  await expect(page).toHaveURL(/#\/supervision\/feedback/)
  await expect(page.locator('.el-drawer', { hasText: '投诉建议详情' })).toContainText(`保安员值勤时态度粗暴${tag}`)
})

test("编辑 a demo inspection as 王建国 (保安管理科): the 支队's 李振华 shows by name and is kept on 保存", async ({ page }) => {
  await login(page, 'xy_jb', 'Baoan@2026')
  await goMenu(page, '监督检查情况管理', '/supervision/inspections')
  const row = page.locator('[data-test=inspection-table] .el-table__row', { hasText: '秦都万达保安服务有限公司' }).first()
  await expect(row).toContainText('王建国、李振华')
  await row.locator('[data-test=inspection-edit]').click()
  const dialog = page.locator('[data-test=inspection-dialog]')
  const chosen = dialog.locator('[data-test=inspection-inspectors]')
  await expect(chosen).toContainText('王建国')
  await expect(chosen).toContainText('李振华')
  await shot(page, 'inspection-edit-kept-inspectors')
  await dialog.locator('[data-test=inspection-save]').click()
  await expectSuccess(page, '修改成功')
  await expect(dialog).toBeHidden()
  await expect(row).toContainText('王建国、李振华')
})
