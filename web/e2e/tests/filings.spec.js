// 备案管理 (manual §5.4–5.7, issue 12) in the browser: a licensed company applies for a 分公司备案 on the
// portal (the 新建申请 choice lists every type; those it may not apply for are disabled with the reason),
// the city's officers approve it from 待办, the case shows on 保安服务公司设立分公司备案 (查看: form,
// materials, 审批进度) and the branch on the company's details. Then 批量同意 in 待办: three filings
// ticked, one of them moved on meanwhile — two move, the third is named with the server's reason.
import { test, expect, field, shot, login, logout, goMenu } from './fixtures.js'
import { APPLICANT_PASSWORD, actOnce, licensedCompany, submitApplication, OFFICER_PASSWORD } from './applications.js'
import { approveInBrowser } from './approvalUi.js'
import { fillForm, submitForm } from './formFill.js'

test('a licensed company files a branch on the portal; the city approves it from 待办; the case and the branch show', async ({ page, baseURL }) => {
  test.setTimeout(8 * 60 * 1000)
  const company = await licensedCompany(baseURL)

  // ---- the portal: 新建申请 lists every type, the ones not open to this company disabled with why
  await login(page, company.who.creditCode, APPLICANT_PASSWORD)
  await expect(page.locator('[data-test=home-welcome]')).toBeVisible()
  await goMenu(page, '业务申请', '/portal/applications')
  await page.locator('[data-test=application-new]').click()
  const dialog = page.locator('[data-test=type-dialog]')
  await expect(dialog.locator('[data-test=type-branch_filing-apply]')).toBeVisible()
  // it holds a licence: 设立许可 is not offered again, and says why
  await expect(dialog.locator('[data-test=type-company_licence-disabled]')).toBeDisabled()
  await expect(dialog.locator('[data-test=type-company_licence-reason]')).not.toBeEmpty()
  await shot(page, 'filings-01-portal-types')
  await dialog.locator('[data-test=type-branch_filing-apply]').click()
  await expect(page).toHaveURL(/#\/portal\/applications\/new\/branch_filing$/)

  const definition = await (await page.request.get('/api/v1/business-types/branch_filing/form')).json()
  const licenceField = definition.fields.find((f) => f.type === 'licence')
  expect(licenceField, 'branch_filing picks the parent licence').toBeTruthy()
  const keyField = (await (await page.request.get('/api/v1/business-types')).json()).find((t) => t.code === 'branch_filing').keyField
  const branchName = `咸阳${Date.now().toString(36).slice(-4)}分公司`
  await fillForm(page, definition, { values: { [licenceField.key]: company.licence.number, ...(keyField ? { [keyField.key]: branchName } : {}) } })
  await shot(page, 'filings-02-portal-form')
  const app = await submitForm(page)
  await expect(page.locator('[data-test=detail-status]')).toHaveText('待受理')
  await shot(page, 'filings-03-portal-submitted')
  await logout(page)

  // ---- the city's officers, from 待办 (the filing chain: 市经办民警 → 市保安处领导)
  const acted = await approveInBrowser(page, baseURL, app.caseNo)
  expect(acted[0]).toBe('xy_jb')
  expect(acted.length).toBeGreaterThanOrEqual(2)

  // ---- 备案管理 → 保安服务公司设立分公司备案: searched by 办件编号 and the type's own key field; 查看
  await login(page, 'xy_jb', OFFICER_PASSWORD)
  await expect(page.locator('[data-test=home-welcome]')).toBeVisible()
  await page.goto('./#/filing/branch-filing-cases')
  const list = page.locator('[data-test=cases-branch_filing]')
  await expect(list).toBeVisible()
  if (keyField) await field(page, `search-key-${keyField.key}`).fill(branchName)
  await field(page, 'search-caseNo').fill(app.caseNo)
  await page.locator('[data-test=search-btn]').click()
  const rows = list.locator('[data-test=cases-table] .el-table__body-wrapper .el-table__row')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText(company.who.name)
  await shot(page, 'filings-04-case-list')
  await rows.first().locator('[data-test=case-view]').click()
  await expect(page).toHaveURL(new RegExp(`#/filing/branch-filing-cases/${app.id}$`))
  await expect(page.locator('[data-test=case-no]')).toHaveText(app.caseNo)
  await expect(page.locator('[data-test=action-panel]')).toHaveCount(0)
  await expect(page.locator(`[data-test=afv-${licenceField.key}]`)).toContainText(company.licence.number)
  await expect(page.locator('[data-test=breadcrumb]')).toContainText('备案')
  await shot(page, 'filings-05-case-view')
  await page.locator('[data-test=case-progress-btn]').click()
  await expect(page.locator('.el-dialog:visible')).toContainText('王建国')
  await shot(page, 'filings-06-case-progress')
  await page.locator('.el-dialog:visible .el-dialog__footer').getByRole('button', { name: '关闭' }).click()
  await expect(page.locator('.el-dialog:visible')).toHaveCount(0)

  // ---- the branch on the company's details (行业信息 → 保安服务公司管理 → 查看 → 分公司), same officer
  await page.goto('./#/industry/companies')
  await field(page, 'search-name').fill(company.who.name)
  await page.locator('[data-test=search-btn]').click()
  await page.locator('[data-test=companies-table] .el-table__row').first().getByRole('button', { name: '查看' }).click()
  const drawer = page.locator('[data-test=companies-details]')
  await drawer.getByRole('tab', { name: '分公司' }).click()
  await expect(drawer.locator('[data-test=company-branches] .el-table__row')).toHaveCount(1)
  if (keyField) await expect(drawer.locator('[data-test=company-branches]')).toContainText(branchName)
  await shot(page, 'filings-07-company-branches')
  await drawer.getByRole('tab', { name: '许可证及历史' }).click()
  await expect(drawer.locator('[data-test=company-licence-number]')).toHaveText(company.licence.number)
})

test('批量同意 in 待办: three filings ticked, one moved on meanwhile; two move, the third is named', async ({ page, baseURL }) => {
  test.setTimeout(6 * 60 * 1000)
  const company = await licensedCompany(baseURL)
  const unit = await company.client()
  const cases = []
  for (let i = 0; i < 3; i++) cases.push(await submitApplication(unit, 'branch_filing'))
  await unit.dispose()
  // 受理 of all three (over the API): the batch is about 同意
  for (const c of cases) await actOnce(baseURL, c.id, c.caseNo, { acceptOnly: true })

  await login(page, 'xy_jb', OFFICER_PASSWORD)
  await expect(page.locator('[data-test=home-welcome]')).toBeVisible()
  await goMenu(page, '通用审批', '/approval/todo')
  // no type searched: no selection
  await expect(page.locator('[data-test=todo-batch-approve]')).toHaveCount(0)
  const typeSelect = page.locator('[data-test=sf-businessType] .el-select')
  await typeSelect.click()
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '分公司' }).first().click()
  await field(page, 'search-applicant').fill(company.who.name)
  await page.locator('[data-test=search-btn]').click()
  const rows = page.locator('[data-test=todo-table] .el-table__body-wrapper .el-table__row')
  await expect(rows).toHaveCount(3)
  await expect(page.locator('[data-test=todo-batch-approve]')).toBeDisabled()
  for (let i = 0; i < 3; i++) await rows.nth(i).locator('.el-checkbox').click()
  await expect(page.locator('[data-test=todo-batch-approve]')).toContainText('(3)')
  await shot(page, 'filings-10-batch-selected')

  // meanwhile the third is approved by the same officer elsewhere (over the API): it is no longer his
  const moved = cases[2]
  await actOnce(baseURL, moved.id, moved.caseNo)

  await page.locator('[data-test=todo-batch-approve]').click()
  const dialog = page.locator('[data-test=batch-dialog]')
  await expect(dialog.locator('[data-test=batch-cases]')).toContainText(moved.caseNo)
  await dialog.locator('[data-test=batch-confirm]').click()
  await expect(page.locator('.el-message--warning', { hasText: '请填写审批意见' }).last()).toBeVisible()
  await dialog.locator('textarea[data-test=batch-opinion], [data-test=batch-opinion] textarea').first().fill('材料齐全,同意备案')
  await dialog.locator('[data-test=batch-confirm]').click()
  const result = page.locator('[data-test=batch-result]')
  await expect(result.locator('[data-test=batch-summary]')).toContainText('已同意 2 件')
  await expect(result.locator('[data-test=batch-failed]')).toContainText(moved.caseNo)
  await shot(page, 'filings-11-batch-result')
  await result.locator('[data-test=batch-result-close]').click()
  await expect(rows).toHaveCount(0)

  // each case was logged on its own
  for (const c of cases.slice(0, 2)) {
    const log = await (await page.request.get(`/api/v1/applications/${c.id}/log`)).json()
    expect(log.some((e) => e.opinion === '材料齐全,同意备案'), JSON.stringify(log)).toBe(true)
  }
  await logout(page)
})
