// The officers' side in the browser, for any business type: whoever holds a case (found over the API)
// signs in, finds it in 待办 by its 办件编号 and acts on it the way its step asks (受理, 指派, 同意).
import { expect, field, login, logout, goMenu, pickOption } from './fixtures.js'
import { holderOf, OFFICER_PASSWORD } from './applications.js'

export async function openFromTodo(page, caseNo) {
  await goMenu(page, '通用审批', '/approval/todo')
  await field(page, 'search-caseNo').fill(caseNo)
  await page.locator('[data-test=search-btn]').click()
  const rows = page.locator('[data-test=todo-table] .el-table__body-wrapper .el-table__row')
  await expect(rows).toHaveCount(1)
  return rows.first()
}

const confirmBox = (page) => page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()

/** One step in the browser by the case's holder; resolves to that officer's account. `onCase(page)` runs on the open case first. */
export async function stepInBrowser(page, baseURL, caseNo, { opinion = '经审查,同意', onCase } = {}) {
  const account = await holderOf(baseURL, caseNo)
  expect(account, `nobody holds ${caseNo}`).toBeTruthy()
  await login(page, account, OFFICER_PASSWORD)
  await expect(page.locator('[data-test=home-welcome]')).toBeVisible()
  const row = await openFromTodo(page, caseNo)
  await row.locator('[data-test=todo-approve]').click()
  await expect(page.locator('[data-test=case-no]')).toHaveText(caseNo)
  if (onCase) await onCase(page, account)
  const panel = page.locator('[data-test=action-panel]')
  if (await page.getByRole('tab', { name: '背景审查' }).isVisible() && await page.locator('.bg-note').isVisible()) {
    await page.getByRole('tab', { name: '背景审查' }).click()
    await page.locator('[data-test=bg-run]').click()
    await expect(page.locator('[data-test=bg-verdict]')).toHaveText('全部通过')
  }
  if (await panel.locator('[data-test=act-accept]').isVisible()) {
    await panel.locator('[data-test=act-accept]').click()
    await confirmBox(page)
    await expect(page.locator('[data-test=case-status]')).not.toHaveText('待受理')
  }
  if (await panel.locator('[data-test=act-assign]').isVisible()) {
    await panel.locator('[data-test=act-assign]').click()
    const dialog = page.locator('[data-test=action-dialog]')
    await pickOption(page, dialog.locator('[data-test=act-user]'), '')
    await dialog.locator('[data-test=act-confirm]').click()
  } else {
    await panel.locator('textarea[data-test=opinion], [data-test=opinion] textarea').first().fill(opinion)
    await panel.locator('[data-test=act-approve]').click()
    await confirmBox(page)
  }
  await expect(page).toHaveURL(/#\/approval\/todo$/)
  await logout(page)
  return account
}

/** Every step of the case in the browser until nobody holds it; resolves to the accounts that acted. */
export async function approveInBrowser(page, baseURL, caseNo, opts = {}) {
  const acted = []
  for (let i = 0; i < 12 && (await holderOf(baseURL, caseNo)); i++) acted.push(await stepInBrowser(page, baseURL, caseNo, opts))
  return acted
}
