// Issue 14, tasks: a company publishes a service task on its portal (任务管理: 新增 with the region, the
// coordinates, the times and its guard; the list shows it 未开始), and an emergency task of 咸阳市局
// reaches the company's portal (紧急任务), where it accepts it with its guard; the city sees the answer.
import { test, expect, shot, field, expectSuccess, login, goMenu, pickRegion, pickOption, apiAs, latestSmsCode, makeCreditCode, makeIdNo, makeMobile, runTag, ADMIN } from './fixtures.js'

const PASSWORD = 'Task#2026x'

/** A company of 渭城区 made over the API: account activated (password changed), initialized, one guard. */
async function readyCompany(baseURL) {
  const admin = await apiAs(baseURL, ADMIN.account, ADMIN.password)
  const tag = runTag()
  const body = {
    name: `咸阳${tag}任务保安服务有限公司`, creditCode: makeCreditCode(), regAddress: '咸阳市渭城区文汇路8号', regionCode: '610404',
    bizAddress: '咸阳市渭城区文汇路8号', contactName: '钱志远', contactPhone: '029-33215566', regCapital: 500, foundedOn: '2016-06-01',
    serviceScope: ['door'], legalName: '周法人', legalIdNo: makeIdNo('19800101'), legalMobile: makeMobile(),
  }
  const created = await admin.post('/api/v1/companies', { data: body })
  expect(created.status(), await created.text()).toBe(201)
  const company = await created.json()
  const first = await apiAs(baseURL, body.creditCode, '123456')
  expect((await first.post('/api/v1/auth/sms-code', { data: { purpose: 'change_password' } })).status()).toBe(200)
  const smsCode = await latestSmsCode(baseURL, body.legalMobile)
  const changed = await first.post('/api/v1/auth/change-password', { data: { oldPassword: '123456', newPassword: PASSWORD, smsCode } })
  expect(changed.status(), await changed.text()).toBe(200)
  const api = await apiAs(baseURL, body.creditCode, PASSWORD)
  const init = await api.post('/api/v1/portal/company/initialize', { data: {} })
  expect(init.status(), await init.text()).toBe(200)
  const guard = await api.post('/api/v1/portal/guards', { data: { name: `赵${tag}`, idNo: makeIdNo('19900101'), mobile: makeMobile(), hiredOn: '2024-03-01' } })
  expect(guard.status(), await guard.text()).toBe(201)
  return { account: body.creditCode, id: company.id, name: body.name, guard: await guard.json() }
}

test('a company publishes a task and accepts an emergency task on its portal', async ({ page, baseURL }) => {
  const company = await readyCompany(baseURL)
  await login(page, company.account, PASSWORD)
  await expect(page.locator('[data-test=home-welcome]')).toHaveText(company.name)

  // ---- 任务管理: 新增
  await goMenu(page, '任务管理', '/portal/tasks')
  await page.locator('[data-test=task-add]').click()
  const dlg = page.locator('[data-test=task-dialog]')
  const name = `门岗值守${runTag()}`
  await field(dlg, 'task-name').fill(name)
  await pickOption(page, dlg.locator('[data-test=task-type]'), '门卫')
  await field(dlg, 'task-client').fill('渭城某小区物业')
  await pickRegion(page, dlg, '渭城区')
  await field(dlg, 'task-address').fill('咸阳市渭城区文汇路8号')
  await field(dlg, 'task-lng').fill('108.7376')
  await field(dlg, 'task-lat').fill('34.3617')
  const day = (n) => new Date(Date.now() + n * 86400000 + 8 * 3600000).toISOString().slice(0, 10)
  for (const [key, value] of [['task-start', `${day(2)} 08:00:00`], ['task-end', `${day(3)} 18:00:00`]]) {
    const input = field(dlg, key)
    await input.click()
    await input.fill(value)
    await input.press('Enter')
  }
  await pickOption(page, dlg.locator('[data-test=task-guards]'), company.guard.name)
  await dlg.locator('.el-dialog__title').click() // closes the dropdown (Escape would close the dialog)
  await shot(page, 'tasks-01-portal-task-dialog')
  await dlg.locator('[data-test=task-save]').click()
  await expectSuccess(page, '发布成功')
  const row = page.locator('[data-test=portal-task-table] .el-table__row', { hasText: name })
  await expect(row).toContainText('未开始')
  await expect(row).toContainText('1 / 1')
  await shot(page, 'tasks-02-portal-tasks')
  // 取消: 编辑 is off, 查看 still shows the guard it sent (read only)
  await row.locator('[data-test=task-cancel]').click()
  await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
  await expect(row).toContainText('已取消')
  await row.locator('[data-test=task-view]').click()
  const taskDrawer = page.locator('[data-test=portal-task-drawer]')
  await expect(taskDrawer.locator('[data-test=portal-task-guards]')).toContainText(company.guard.name)
  await expect(taskDrawer).toContainText('已取消')
  await shot(page, 'tasks-02b-portal-task-view')
  await taskDrawer.locator('.el-drawer__close-btn').click()
  await expect(taskDrawer).toBeHidden()

  // ---- 紧急任务: 咸阳市局 asks the company; the company accepts with its guard
  const city = await apiAs(baseURL, 'xy_jb', 'Baoan@2026')
  const title = `应急值守${runTag()}`
  const res = await city.post('/api/v1/emergency-tasks', {
    data: {
      title, detail: '协助维持现场秩序', address: '咸阳市渭城区文汇路8号', regionCode: '610404', lng: 108.7376, lat: 34.3617,
      startAt: new Date(Date.now() - 3600000).toISOString(), endAt: new Date(Date.now() + 86400000).toISOString(), needed: 2,
      companyIds: [company.id],
    },
  })
  expect(res.status(), await res.text()).toBe(201)
  const emergency = await res.json()

  await goMenu(page, '紧急任务', '/portal/emergency-tasks')
  const erow = page.locator('[data-test=portal-emergency-table] .el-table__row', { hasText: title })
  await expect(erow).toContainText('未响应')
  await erow.locator('[data-test=emergency-accept]').click()
  const adlg = page.locator('[data-test=emergency-accept-dialog]')
  await pickOption(page, adlg.locator('[data-test=emergency-guards]'), company.guard.name)
  await adlg.locator('.el-dialog__title').click()
  await adlg.locator('[data-test=emergency-accept-save]').click()
  await expectSuccess(page, '已接受')
  await expect(erow).toContainText('已接受')
  await shot(page, 'tasks-03-portal-emergency')

  const detail = await (await city.get(`/api/v1/emergency-tasks/${emergency.id}`)).json()
  expect(detail.counts.accepted).toBe(1)
  expect(detail.guards.map((g) => g.guardId)).toEqual([company.guard.id])
})
