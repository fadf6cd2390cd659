// 待办事项 → 通用审批 (manual §4.1, §4.1.1, §4.1.2), the officer side: a unit signs up on the portal and
// submits a 保安服务公司许可证 application over the API (a PDF and a PNG among its materials). The 咸阳
// city handler finds it in 待办, opens 审批, reads the materials in the browser, runs 背景审查 (all four
// databases pass), writes an opinion (picked from 常用语 when the server has them), 受理 then 同意; the
// case leaves his 待办 for 已办, and 审批进度 shows his line 王建国[市经办民警] and the next step in red.
// 许可管理 → 保安服务公司许可证审批 lists the case, 查看 opens it without the action panel.
import { test, expect, field, shot, login, goMenu, runTag } from './fixtures.js'
import { submittedApplication } from './applications.js'

const HANDLER = { account: 'xy_jb', password: 'Baoan@2026', name: '王建国' }

test('the city handler approves a new application from 待办: materials, 背景审查, 受理, 同意, 已办 and 审批进度', async ({ page, baseURL }) => {
  const app = await submittedApplication(baseURL)

  await login(page, HANDLER.account, HANDLER.password)
  await expect(page.locator('[data-test=home-welcome]')).toBeVisible()
  await goMenu(page, '通用审批', '/approval/todo')
  const table = page.locator('[data-test=todo-table]')
  const rows = table.locator('.el-table__body-wrapper .el-table__row')
  await field(page, 'search-caseNo').fill(app.caseNo)
  await page.locator('[data-test=search-btn]').click()
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText(app.who.name)
  await expect(rows.first()).toContainText('市经办民警审查')
  await expect(rows.first()).toContainText('保安服务公司许可证')
  await shot(page, 'approval-officer-01-todo')

  // 审批: the header and the read-only form
  await rows.first().locator('[data-test=todo-approve]').click()
  await expect(page).toHaveURL(new RegExp(`#/approval/cases/${app.id}$`))
  await expect(page.locator('[data-test=case-no]')).toHaveText(app.caseNo)
  await expect(page.locator('[data-test=case-status]')).toHaveText('待受理')
  const form = page.locator('[data-test=app-form-view]')
  await expect(form.locator('[data-test=afv-name]')).toHaveText(app.who.name)
  await expect(form.locator('[data-test=afv-serviceScope]')).toContainText('门卫')
  await expect(form.locator('[data-test=afv-regionCode]')).toContainText('渭城区')
  await expect(form.locator('[data-test=afv-legalPerson]')).toContainText(app.who.legalIdNo)
  await expect(form.locator('[data-test=afv-businessLicenceFiles]')).toContainText('营业执照照片.png')
  await shot(page, 'approval-officer-02-case')

  // the materials in the browser: the PDF in a frame, the image as an image
  await page.getByRole('tab', { name: /审批材料/ }).click()
  const viewer = page.locator('[data-test=materials]')
  await expect(viewer.locator('[data-test=material-title]')).toHaveText('Business licence.pdf')
  const frame = viewer.locator('[data-test=material-pdf]')
  await expect(frame).toBeVisible()
  const pdfRes = await page.request.get(await frame.getAttribute('src'))
  expect(pdfRes.status()).toBe(200)
  expect(pdfRes.headers()['content-type']).toBe('application/pdf')
  expect(pdfRes.headers()['x-frame-options']).toBe('SAMEORIGIN')
  await shot(page, 'approval-officer-03-materials-pdf')
  await viewer.locator('.m-item', { hasText: '营业执照照片.png' }).click()
  await expect(viewer.locator('[data-test=material-image] img')).toBeVisible()
  await expect(viewer.locator('[data-test=material-download]')).toHaveAttribute('href', /\/api\/v1\/files\/.+\?download=1$/)

  // 背景审查: each person × four databases, all pass
  await page.getByRole('tab', { name: '背景审查' }).click()
  const bg = page.locator('[data-test=bg-panel]')
  await bg.locator('[data-test=bg-run]').click()
  await expect(bg.locator('[data-test=bg-verdict]')).toHaveText('全部通过')
  await expect(bg.locator('[data-result=pass]')).toHaveCount(8) // 2 persons × 4 databases
  await expect(bg.locator('[data-test=bg-table]')).toContainText(app.who.legalName)
  await shot(page, 'approval-officer-04-background')

  // 受理 (an opinion is optional here)
  const panel = page.locator('[data-test=action-panel]')
  await panel.locator('[data-test=act-accept]').click()
  await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
  await expect(page.locator('[data-test=case-status]')).toHaveText('审查中')
  await expect(panel.locator('[data-test=act-approve]')).toBeVisible()

  // the opinion: from 常用语 when the server keeps them, typed otherwise
  const opinion = `材料齐全,背景审查通过,同意上报${runTag()}`
  const opinionBox = panel.locator('textarea[data-test=opinion], [data-test=opinion] textarea').first()
  const phrasesServed = (await page.request.get('/api/v1/opinion-phrases')).status() === 200
  await opinionBox.fill(opinion)
  if (phrasesServed) {
    await panel.locator('[data-test=phrase-save]').click()
    await expect(page.locator('.el-message--success', { hasText: '已存为常用语' }).last()).toBeVisible()
    await opinionBox.fill('')
    await panel.locator('[data-test=phrases-btn]').click()
    const item = page.locator('[data-test=phrase-item]', { hasText: opinion })
    await expect(item).toBeVisible()
    await shot(page, 'approval-officer-05-phrases')
    await item.locator('.ph-text').click()
    await expect(opinionBox).toHaveValue(opinion)
  }

  // 同意: back to 待办, where the case is gone
  await panel.locator('[data-test=act-approve]').click()
  await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
  await expect(page).toHaveURL(/#\/approval\/todo$/)
  await field(page, 'search-caseNo').fill(app.caseNo)
  await page.locator('[data-test=search-btn]').click()
  await expect(table.locator('.el-table__empty-text')).toBeVisible()
  await expect(rows).toHaveCount(0)

  // 已办 holds it, now at the next step
  await page.getByRole('tab', { name: '已办' }).click()
  await field(page, 'search-caseNo').fill(app.caseNo)
  await page.locator('[data-test=search-btn]').click()
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('市保安处领导审核')
  await shot(page, 'approval-officer-06-done')

  // 审批进度: his line as 姓名[岗位] with his opinion; the chain's next step is the red one
  await rows.first().locator('[data-test=todo-progress]').click()
  const progress = page.locator('[data-test=case-progress]')
  const log = progress.locator('[data-test=progress-log]')
  await expect(log).toContainText(`${HANDLER.name}[市经办民警]`)
  await expect(log.locator('.el-table__row', { hasText: `${HANDLER.name}[市经办民警]` }).last()).toContainText(opinion)
  const chain = progress.locator('[data-test=progress-chain] li')
  await expect(chain.first()).toHaveAttribute('data-state', 'done')
  const pending = progress.locator('[data-test=progress-chain] li[data-state=pending]')
  await expect(pending).toHaveCount(1)
  await expect(pending).toContainText('市保安处领导审核')
  await expect(pending).toHaveCSS('color', 'rgb(245, 108, 108)')
  await expect(chain.first()).toHaveCSS('color', 'rgb(48, 49, 51)')
  await shot(page, 'approval-officer-07-progress')
  await progress.getByRole('button', { name: '关闭', exact: true }).click()

  // 许可管理 → 保安服务公司许可证审批: the case in the list; 查看 shows it without the action panel
  await goMenu(page, '保安服务公司许可证审批', '/licensing/company-licence-cases')
  await field(page, 'search-caseNo').fill(app.caseNo)
  await page.locator('[data-test=search-btn]').click()
  const caseRows = page.locator('[data-test=cases-table] .el-table__body-wrapper .el-table__row')
  await expect(caseRows).toHaveCount(1)
  await expect(caseRows.first()).toContainText('审查中')
  await shot(page, 'approval-officer-08-case-list')
  await caseRows.first().locator('[data-test=case-view]').click()
  await expect(page.locator('[data-test=case-no]')).toHaveText(app.caseNo)
  await expect(page.locator('[data-test=app-form-view]')).toBeVisible()
  await expect(page.locator('[data-test=action-panel]')).toHaveCount(0)
})

test('the administrator edits a chain in 系统管理 → 审批流程: the server refuses a bad step, a good save is a new version', async ({ page }) => {
  await login(page, 'admin', 'Admin@2026')
  await expect(page.locator('[data-test=home-welcome]')).toBeVisible()
  await goMenu(page, '审批流程', '/system/workflows')
  const table = page.locator('[data-test=workflows-table]')
  await expect(table).toContainText('保安服务公司许可证')
  await expect(table).toContainText('省厅保安处副处长审批')
  const version = page.locator('[data-test=wf-version-inhouse_revocation]')
  const before = Number(/第(\d+)版/.exec(await version.innerText())[1])

  await page.locator('[data-test=wf-edit-inhouse_revocation]').click()
  const editor = page.locator('[data-test=workflow-editor]')
  await expect(editor.locator('[data-test=wf-current-version]')).toHaveText(String(before))
  await expect(editor.locator('[data-test=wf-steps] .el-table__row')).toHaveCount(2)
  // a promised limit over the legal one and an empty new step: the server's messages on the steps
  const promised = editor.locator('[data-test=wf-promised-1] input')
  await promised.fill('9')
  await promised.press('Tab')
  await editor.locator('[data-test=wf-add]').click()
  await editor.locator('[data-test=wf-save]').click()
  await expect(editor).toContainText('第2步:承诺时限不能超过法定时限')
  await expect(editor).toContainText('第3步:步骤名称不能为空')
  await shot(page, 'approval-officer-09-workflow-errors')

  // remove the new step, promise 4 days: saved as the next version
  await editor.locator('[data-test=wf-remove-2]').click()
  await promised.fill('4')
  await promised.press('Tab')
  await editor.locator('[data-test=wf-save]').click()
  await expect(page.locator('.el-message--success', { hasText: `已保存为第${before + 1}版` }).last()).toBeVisible()
  await expect(editor).toBeHidden()
  await expect(version).toHaveText(`第${before + 1}版`)
  const res = await page.request.get('/api/v1/workflows/inhouse_revocation')
  expect(res.status()).toBe(200)
  const wf = await res.json()
  expect(wf.version).toBe(before + 1)
  expect(wf.steps.map((s) => s.promisedDays)).toEqual([10, 4])
})
