// A look at every page of manual §5 (许可管理, 备案管理, 变更管理) on the demo data, as the province
// administrator: each list with its search (the type's own key field where it has one), the first
// case's 查看 (form, materials, 审批进度), the licence lists with a licence's history and the 吊销/注销
// dialog; the company details' tabs; the portal's 单位注册 and 新建申请. Screenshots to look at.
import { test, expect, field, shot, login, ADMIN, apiAs } from './fixtures.js'
import { submitApplication } from './applications.js'

const CASE_LISTS = [
  ['/licensing/company-licence-cases', 'company_licence'],
  ['/licensing/training-licence-cases', 'training_licence'],
  ['/filing/branch-filing-cases', 'branch_filing'],
  ['/filing/inhouse-filing-cases', 'inhouse_filing'],
  ['/filing/cross-region-filing-cases', 'cross_region_filing'],
  ['/filing/annual-report-cases', 'annual_report'],
  ['/change/licence-change-cases', 'licence_change'],
  ['/change/inhouse-revocation-cases', 'inhouse_revocation'],
]

// `baoan seed --demo` makes cases of 保安服务公司设立许可 only. A licensed demo company (its applicant account
// has the demo's password) files what it may over the API first: a 分公司备案 set up two months ago (late),
// an annual report and a licence change. The other lists show a case when an earlier spec left one.
const DEMO_APPLICANT = { name: '咸阳中盾保安服务有限公司', password: 'Apply@2026' }
const WITH_CASES = new Set(['company_licence', 'branch_filing', 'annual_report', 'licence_change'])

test('every §5 case list and a case of each, read only', async ({ page, baseURL }) => {
  test.setTimeout(5 * 60 * 1000)
  await login(page, ADMIN.account, ADMIN.password)
  await expect(page.locator('[data-test=home-welcome]')).toBeVisible()
  const { items: [holder] } = await (await page.request.get('/api/v1/companies', { params: { name: DEMO_APPLICANT.name, page: 1, size: 1 } })).json()
  expect(holder?.creditCode, DEMO_APPLICANT.name).toBeTruthy()
  const unit = await apiAs(baseURL, holder.creditCode, DEMO_APPLICANT.password)
  const twoMonthsAgo = new Date(Date.now() - 60 * 864e5).toISOString().slice(0, 10)
  const late = await submitApplication(unit, 'branch_filing', { setUpOn: twoMonthsAgo })
  expect(late.lateFiling, JSON.stringify(late)).toBe(true)
  await submitApplication(unit, 'annual_report', { year: new Date().getFullYear() - 1 })
  await submitApplication(unit, 'licence_change')
  await unit.dispose()

  const types = await (await page.request.get('/api/v1/business-types')).json()
  for (const [path, code] of CASE_LISTS) {
    const type = types.find((t) => t.code === code)
    await page.goto(`./#${path}`)
    const list = page.locator(`[data-test=cases-${code}]`)
    await expect(list).toBeVisible()
    // the menu entry names the page; the type's own key field is a search field
    await expect(page.locator('[data-test=breadcrumb]')).not.toBeEmpty()
    if (type?.keyField) await expect(page.locator(`[data-test=sf-key]`)).toContainText(type.keyField.label)
    const table = list.locator('[data-test=cases-table]')
    await expect(table.locator('.el-table__body-wrapper .el-table__row, .el-table__empty-text').first()).toBeVisible()
    const rows = table.locator('.el-table__body-wrapper .el-table__row')
    if (WITH_CASES.has(code)) await expect(rows.first()).toBeVisible()
    await shot(page, `section5-list-${code}`)
    if (!(await rows.count())) continue
    await rows.first().locator('[data-test=case-view]').click()
    await expect(page).toHaveURL(new RegExp(`#${path}/\\d+$`))
    await expect(page.locator('[data-test=case-no]')).not.toBeEmpty()
    await expect(page.locator('[data-test=app-form-view]')).toBeVisible()
    await expect(page.locator('[data-test=action-panel]')).toHaveCount(0)
    await shot(page, `section5-case-${code}`)
    await page.getByRole('tab', { name: /审批材料/ }).click()
    await shot(page, `section5-case-${code}-materials`)
  }
  // the late filing is marked on its list
  await page.goto('./#/filing/branch-filing-cases')
  await expect(page.locator('[data-test=cases-branch_filing] [data-test=late-filing]').first()).toBeVisible()
})

test('the licence lists, a licence with its history, the 吊销/注销 dialog; the company details tabs', async ({ page }) => {
  await login(page, ADMIN.account, ADMIN.password)
  await expect(page.locator('[data-test=home-welcome]')).toBeVisible()
  for (const [path, code] of [['/licensing/licences', 'company_licence'], ['/licensing/training-licences', 'training_licence']]) {
    await page.goto(`./#${path}`)
    const pageCard = page.locator(`[data-test=licence-page-${code}]`)
    await expect(pageCard).toBeVisible()
    const rows = pageCard.locator('[data-test=licence-table] .el-table__body-wrapper .el-table__row')
    await expect(rows.first()).toBeVisible()
    await shot(page, `section5-licences-${code}`)
    await rows.first().locator('[data-test=licence-view]').click()
    const details = page.locator('[data-test=licence-details]')
    await expect(details.locator('[data-test=licence-history]')).toBeVisible()
    await shot(page, `section5-licence-${code}-details`)
    await details.locator('.el-dialog__footer').getByRole('button', { name: '关闭' }).click()
  }
  await page.goto('./#/licensing/licences')
  const valid = page.locator('[data-test=licence-table] .el-table__body-wrapper .el-table__row', {
    has: page.locator('[data-dict=licenceStatuses][data-code=valid]'),
  }).first()
  await valid.locator('[data-test=licence-revoke]').click()
  const dialog = page.locator('[data-test=revoke-dialog]')
  await expect(dialog).toContainText('吊销')
  await shot(page, 'section5-licence-revoke-dialog')
  await dialog.getByRole('button', { name: '取消' }).click()

  // the demo company with branches (one in 西安), a filing to serve in 西安 and its annual report
  await page.goto('./#/industry/companies')
  await field(page, 'search-name').fill('咸阳天诚保安服务有限公司')
  await page.locator('[data-test=search-btn]').click()
  await expect(page.locator('[data-test=companies-table] .el-table__body-wrapper .el-table__row')).toHaveCount(1)
  await page.locator('[data-test=companies-table] .el-table__row').first().getByRole('button', { name: '查看' }).click()
  const drawer = page.locator('[data-test=companies-details]')
  await drawer.getByRole('tab', { name: '许可证及历史' }).click()
  await expect(drawer.locator('[data-test=licence-history]')).toBeVisible()
  await shot(page, 'section5-company-tab-许可证及历史')
  for (const [tab, kind, text] of [['分公司', 'branches', '西安分公司'], ['跨区域服务', 'cross-region-filings', '西安市'], ['年度报告', 'annual-reports', '2025']]) {
    await drawer.getByRole('tab', { name: tab }).click()
    await expect(drawer.locator(`[data-test=company-${kind}] .el-table__body-wrapper .el-table__row`).first()).toContainText(text)
    await shot(page, `section5-company-tab-${tab}`)
  }
})

test('the portal side: 单位注册 with its 单位类型, 新建申请 with every type', async ({ page }) => {
  await page.goto('./#/sign-up')
  await expect(page.locator('[data-test=signup-unitKind]')).toContainText('保安培训单位')
  await page.locator('[data-test=signup-unitKind-inhouse_unit]').click()
  await expect(page.locator('[data-test=signup-intro]')).toContainText('自行招用保安员')
  await shot(page, 'section5-sign-up')
})
