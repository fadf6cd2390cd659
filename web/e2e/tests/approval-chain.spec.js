// The whole 保安服务公司设立许可 in the browser (issue 11, "Done when"): a unit's application goes through
// the eight steps of the chain, each officer signing in from the bare address and acting from 待办 —
// the city handler runs 背景审查 and accepts, the 省厅科长 指派 the 省厅民警 — until the 省厅保安处副处长's
// 同意 grants it. The applicant then downloads its licence (the PDF names the number the officers see
// on 保安服务许可证), the licence's QR page answers without a session, and the city handler prints the
// case from 保安服务公司许可证审批 (a PDF).
import { test, expect, field, shot, login, logout, goMenu, pickOption, apiAs } from './fixtures.js'
import { submittedApplication, APPLICANT_PASSWORD } from './applications.js'

const PASSWORD = 'Baoan@2026'
// Who acts at each step of the default chain, and how.
const CHAIN = [
  { account: 'xy_jb', step: '市经办民警审查', first: true },
  { account: 'xy_bac', step: '市保安处领导审核' },
  { account: 'xy_zaj', step: '市治安局领导审核' },
  { account: 'xy_sj', step: '市局领导审核' },
  { account: 'st_kz', step: '省厅科长指派', assignTo: '陈晓峰' },
  { account: 'st_mj', step: '省厅民警审查' },
  { account: 'st_kz', step: '省厅科长审核' },
  { account: 'st_fcz', step: '省厅保安处副处长审批' },
]

async function openFromTodo(page, caseNo) {
  await goMenu(page, '通用审批', '/approval/todo')
  await field(page, 'search-caseNo').fill(caseNo)
  await page.locator('[data-test=search-btn]').click()
  const rows = page.locator('[data-test=todo-table] .el-table__body-wrapper .el-table__row')
  await expect(rows).toHaveCount(1)
  return rows.first()
}

async function confirmBox(page) {
  await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
}

test('a company licence through all eight steps from 待办, one 指派; the applicant downloads the licence; the case prints', async ({ page, baseURL }) => {
  test.setTimeout(8 * 60 * 1000)
  const app = await submittedApplication(baseURL)
  const panel = page.locator('[data-test=action-panel]')

  for (const [i, s] of CHAIN.entries()) {
    await login(page, s.account, PASSWORD)
    await expect(page.locator('[data-test=home-welcome]')).toBeVisible()
    const row = await openFromTodo(page, app.caseNo)
    await expect(row).toContainText(s.step)
    await row.locator('[data-test=todo-approve]').click()
    await expect(page.locator('[data-test=case-no]')).toHaveText(app.caseNo)
    await expect(page.locator('[data-test=case-step]')).toContainText(s.step)
    if (s.first) {
      await page.getByRole('tab', { name: '背景审查' }).click()
      await page.locator('[data-test=bg-run]').click()
      await expect(page.locator('[data-test=bg-verdict]')).toHaveText('全部通过')
      await panel.locator('[data-test=act-accept]').click()
      await confirmBox(page)
      await expect(page.locator('[data-test=case-status]')).toHaveText('审查中')
    }
    if (s.assignTo) {
      await panel.locator('[data-test=act-assign]').click()
      const dialog = page.locator('[data-test=action-dialog]')
      await pickOption(page, dialog.locator('[data-test=act-user]'), s.assignTo)
      await dialog.locator('[data-test=act-confirm]').click()
    } else {
      await panel.locator('textarea[data-test=opinion], [data-test=opinion] textarea').first().fill(`第${i + 1}步:经审查,同意`)
      await panel.locator('[data-test=act-approve]').click()
      await confirmBox(page)
    }
    await expect(page).toHaveURL(/#\/approval\/todo$/)
    if (i === CHAIN.length - 1) await shot(page, 'approval-chain-01-granted')
    await logout(page)
  }

  // the case is granted and its licence issued: on 保安服务许可证 for the province
  const province = await apiAs(baseURL, 'st_fcz', PASSWORD)
  const licences = await (await province.get('/api/v1/licences', { params: { holderName: app.who.name } })).json()
  expect(licences.total).toBe(1)
  const licence = licences.items[0]
  await province.dispose()

  // the applicant (now the company's account) sees 准予许可 and downloads the licence
  const applicant = await apiAs(baseURL, app.who.creditCode, APPLICANT_PASSWORD)
  const view = await (await applicant.get(`/api/v1/portal/applications/${app.id}`)).json()
  expect(view.status).toBe('granted')
  expect(view.licence.number).toBe(licence.number)
  const pdf = await applicant.get(`/api/v1/portal/applications/${app.id}/licence?download=1`)
  expect(pdf.status()).toBe(200)
  expect(pdf.headers()['content-type']).toBe('application/pdf')
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-')
  await applicant.dispose()

  // the QR code's page needs no session
  await page.goto(licence.verifyUrl)
  await expect(page.locator('body')).toContainText(licence.number)
  await expect(page.locator('body')).toContainText('有效')
  await shot(page, 'approval-chain-02-verify')

  // 打印 from 保安服务公司许可证审批
  await login(page, 'xy_jb', PASSWORD)
  await expect(page.locator('[data-test=home-welcome]')).toBeVisible()
  await goMenu(page, '保安服务公司许可证审批', '/licensing/company-licence-cases')
  await field(page, 'search-caseNo').fill(app.caseNo)
  await page.locator('[data-test=search-btn]').click()
  const caseRow = page.locator('[data-test=cases-table] .el-table__body-wrapper .el-table__row').first()
  await expect(caseRow).toContainText('准予许可')
  await shot(page, 'approval-chain-03-case-list')
  const printed = page.context().waitForEvent('page')
  await caseRow.locator('[data-test=case-print]').click()
  const tab = await printed
  await expect(tab).toHaveURL(new RegExp(`/api/v1/applications/${app.id}/print`))
  const res = await page.request.get(`/api/v1/applications/${app.id}/print`)
  expect(res.status()).toBe(200)
  expect(res.headers()['content-type']).toBe('application/pdf')
})
