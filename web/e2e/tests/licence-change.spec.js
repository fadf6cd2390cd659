// 变更管理 → 保安服务(培训)许可证项目变更 (manual §5.8, issue 12) in the browser: a licensed company
// picks its licence and changes one item on the portal; the officers see 变更项 / 原值 / 新值 and approve
// it from 待办 through its chain; the licence shows its history (换发) and the old document is marked.
import { test, expect, field, shot, login, logout, goMenu, pickOption } from './fixtures.js'
import { APPLICANT_PASSWORD, licensedCompany, OFFICER_PASSWORD } from './applications.js'
import { approveInBrowser } from './approvalUi.js'
import { fillForm, submitForm } from './formFill.js'

test('a licence change: applied on the portal, approved from 待办 with 原值/新值 shown, the licence replaced', async ({ page, baseURL }) => {
  test.setTimeout(10 * 60 * 1000)
  const company = await licensedCompany(baseURL)

  await login(page, company.who.creditCode, APPLICANT_PASSWORD)
  await expect(page.locator('[data-test=home-welcome]')).toBeVisible()
  await goMenu(page, '业务申请', '/portal/applications')
  await page.locator('[data-test=application-new]').click()
  await page.locator('[data-test=type-licence_change-apply]').click()
  await expect(page).toHaveURL(/#\/portal\/applications\/new\/licence_change$/)

  const definition = await (await page.request.get('/api/v1/business-types/licence_change/form')).json()
  const licenceField = definition.fields.find((f) => f.type === 'licence')
  const changesField = definition.fields.find((f) => f.type === 'changes')
  expect(licenceField && changesField, JSON.stringify(definition.fields)).toBeTruthy()
  // an item the city decides (not 法定代表人): the address when there is one
  const item = changesField.options.find((o) => /住所|地址/.test(o.name)) || changesField.options.find((o) => !/法定代表人/.test(o.name))
  const newValue = `咸阳市秦都区人民路${Date.now() % 1000}号`
  await fillForm(page, definition, { values: { [licenceField.key]: company.licence.number, [changesField.key]: [item.name, newValue] } })
  await shot(page, 'licence-change-01-portal-form')
  const app = await submitForm(page)
  // the server filled in the old value
  await expect(page.locator(`[data-test=field-${changesField.key}-changes]`)).toContainText('原值')
  await shot(page, 'licence-change-02-portal-submitted')
  await logout(page)

  // the first officer sees 变更项 / 原值 / 新值 on the case
  await approveInBrowser(page, baseURL, app.caseNo, {
    onCase: async (p, account) => {
      if (account !== 'xy_jb') return
      const view = p.locator(`[data-test=afv-${changesField.key}]`)
      await expect(view).toContainText('原值')
      await expect(view).toContainText(item.name)
      await expect(view).toContainText(newValue)
      await expect(p.locator(`[data-test=afv-${licenceField.key}]`)).toContainText(company.licence.number)
      await shot(p, 'licence-change-03-officer-case')
    },
  })

  // granted: 变更管理 → the case; 许可管理 → the licence's history says 换发
  await login(page, 'xy_jb', OFFICER_PASSWORD)
  await expect(page.locator('[data-test=home-welcome]')).toBeVisible()
  await page.goto('./#/change/licence-change-cases')
  await field(page, 'search-caseNo').fill(app.caseNo)
  await page.locator('[data-test=search-btn]').click()
  const row = page.locator('[data-test=cases-table] .el-table__body-wrapper .el-table__row').first()
  await expect(row).toContainText(company.who.name)
  await shot(page, 'licence-change-04-case-list')

  await page.goto('./#/licensing/licences')
  await field(page, 'search-holderName').fill(company.who.name)
  await page.locator('[data-test=search-btn]').click()
  // the list shows the documents in force (one per number): the new one, valid, whose history says 换发
  const licences = page.locator('[data-test=licence-table] .el-table__body-wrapper .el-table__row')
  await expect(licences).toHaveCount(1)
  await expect(licences.first().locator('[data-dict=licenceStatuses]')).toHaveAttribute('data-code', 'valid')
  await expect(licences.first()).toContainText(company.licence.number)
  await licences.first().locator('[data-test=licence-view]').click()
  const details = page.locator('[data-test=licence-details]')
  await expect(details.locator('[data-test=licence-history]')).toContainText('换发')
  await shot(page, 'licence-change-05-history')
  await details.locator('.el-dialog__footer').getByRole('button', { name: '关闭' }).click()
  // the old document, searched by its status 换发
  await pickOption(page, page.locator('[data-test=sf-status] .el-select'), '换发')
  await page.locator('[data-test=search-btn]').click()
  await expect(licences).toHaveCount(1)
  await expect(licences.first().locator('[data-dict=licenceStatuses]')).toHaveAttribute('data-code', 'replaced')
  await expect(licences.first().locator('[data-test=licence-revoke]')).toHaveCount(0)
})
