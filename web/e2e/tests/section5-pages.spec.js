// A look at every page of manual §5 (许可管理, 备案管理, 变更管理) on the demo data, as the province
// administrator: each list with its search (the type's own key field where it has one), the first
// case's 查看 (form, materials, 审批进度), the licence lists with a licence's history and the 吊销/注销
// dialog; the company details' tabs (问题人员 with its drawer); 年度报告's 报送情况 (a year's deadline set, the
// companies that have not filed, exported); the portal's 单位注册 and 新建申请. Screenshots to look at.
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

test('年度报告 报送情况: the deadline of a year and the companies that have not filed; a company\'s 问题人员 tab', async ({ page }) => {
  await login(page, ADMIN.account, ADMIN.password)
  await expect(page.locator('[data-test=home-welcome]')).toBeVisible()
  // only the type whose declaration has yearly rounds offers 报送情况
  await page.goto('./#/filing/branch-filing-cases')
  await expect(page.locator('[data-test=cases-branch_filing]')).toBeVisible()
  await expect(page.locator('[data-test=cases-rounds]')).toHaveCount(0)
  await page.goto('./#/filing/annual-report-cases')
  await page.locator('[data-test=cases-rounds]').click()
  const dialog = page.locator('[data-test=rounds-dialog]')
  await expect(dialog).toBeVisible()
  // the demo's 2025 round: its deadline, and the demo companies that have not filed (as the API lists them)
  const missing = await (await page.request.get('/api/v1/annual-report-rounds/2025/missing', { params: { size: 10 } })).json()
  expect(missing.total).toBeGreaterThan(0)
  await expect(dialog.locator('[data-test=rounds-year]')).toContainText('2025 年度')
  await expect(field(dialog, 'rounds-deadline')).toHaveValue(missing.deadline)
  await expect(dialog.locator('[data-test=rounds-summary]')).toContainText(`${missing.total} 家`)
  const rows = dialog.locator('[data-test=rounds-table] .el-table__body-wrapper .el-table__row')
  await expect(rows).toHaveCount(Math.min(10, missing.total))
  await expect(rows.first()).toContainText(missing.items[0].name)
  await expect(rows.first()).toContainText(missing.items[0].creditCode)
  await expect(rows.first()).toContainText(missing.items[0].orgName)
  await shot(page, 'section5-annual-report-rounds')
  // 导出未报送名单: an xlsx
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.locator('[data-test=rounds-export]').click()])
  expect(download.suggestedFilename()).toMatch(/^2025年度报告未报送公司_\d{8}\.xlsx$/)
  // a year without a deadline: the administrator sets one, and it is passed
  await dialog.locator('[data-test=rounds-year]').click()
  await page.locator('.el-select-dropdown__item', { hasText: '2022 年度' }).click()
  await expect(dialog.locator('[data-test=rounds-state]')).toHaveText('未设置截止日期')
  await field(dialog, 'rounds-deadline').fill('2023-06-30')
  await field(dialog, 'rounds-deadline').press('Enter')
  await dialog.locator('[data-test=rounds-save]').click()
  await expect(dialog.locator('[data-test=rounds-state]')).toHaveText('已过截止日期')
  const rounds = await (await page.request.get('/api/v1/annual-report-rounds')).json()
  expect(rounds.items.find((r) => r.year === 2022)?.deadline).toBe('2023-06-30')
  await shot(page, 'section5-annual-report-rounds-set')
  await dialog.locator('.el-dialog__headerbtn').click()

  // 问题人员 on the details of a company that employs a flagged person (the demo's)
  const flagged = (await (await page.request.get('/api/v1/flagged-persons', { params: { size: 50 } })).json()).items
  let holder
  let person
  for (const f of flagged) {
    const { items } = await (await page.request.get('/api/v1/companies', { params: { name: f.companyName, size: 1 } })).json()
    if (items[0]?.name === f.companyName) {
      holder = items[0]
      person = f
      break
    }
  }
  expect(holder, 'a demo company employs a flagged person').toBeTruthy()
  const ofCompany = await (await page.request.get('/api/v1/flagged-persons', { params: { companyId: holder.id, size: 10 } })).json()
  await page.goto('./#/industry/companies')
  await field(page, 'search-name').fill(holder.name)
  await page.locator('[data-test=search-btn]').click()
  await expect(page.locator('[data-test=companies-table] .el-table__body-wrapper .el-table__row')).toHaveCount(1)
  await page.locator('[data-test=companies-table] .el-table__row').first().getByRole('button', { name: '查看' }).click()
  const drawer = page.locator('[data-test=companies-details]')
  await drawer.getByRole('tab', { name: '问题人员' }).click()
  const tab = drawer.locator('[data-test=company-flagged]')
  const flaggedRows = tab.locator('.el-table__body-wrapper .el-table__row')
  await expect(flaggedRows).toHaveCount(ofCompany.items.length)
  const row = flaggedRows.filter({ hasText: person.name }).first()
  await expect(row).toContainText(person.stateName)
  await expect(row).toContainText(person.idNo)
  await shot(page, 'section5-company-tab-问题人员')
  await row.locator('[data-test=company-flagged-view]').click()
  const detail = page.locator('[data-test=flagged-detail]')
  await expect(detail).toBeVisible()
  await expect(detail).toContainText(person.name)
  await expect(detail.locator('[data-test=flagged-report] .el-table__row').first()).toBeVisible()
  await shot(page, 'section5-company-flagged-detail')
})

test('the portal side: 单位注册 with its 单位类型, 新建申请 with every type', async ({ page }) => {
  await page.goto('./#/sign-up')
  await expect(page.locator('[data-test=signup-unitKind]')).toContainText('保安培训单位')
  await page.locator('[data-test=signup-unitKind-inhouse_unit]').click()
  await expect(page.locator('[data-test=signup-intro]')).toContainText('自行招用保安员')
  await shot(page, 'section5-sign-up')
})
