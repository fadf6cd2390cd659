// 系统管理 · 名单管理: the administrator sees the demo watch list (entries that hit demo persons), adds
// a person (the server's field error shows on the form first), finds it by ID number and 库, edits and
// removes it; the import dialog offers the template.
import { test, expect, field, expectSuccess, ADMIN, shot, login, goMenu, pickOption, makeIdNo, runTag } from './fixtures.js'

test('admin keeps the watch list: demo entries, add with a server error shown, search, edit, delete, import dialog', async ({ page }) => {
  const tag = runTag()
  const idNo = makeIdNo('19850505')
  const name = `名单测试${tag}`
  await login(page, ADMIN.account, ADMIN.password)
  await goMenu(page, '名单管理', '/system/watch-list')
  const table = page.locator('[data-test=watch-list-table]')
  await expect(table.locator('.el-table__row').first()).toBeVisible()
  await expect(table).toContainText('全国在逃人员信息库')
  await expect(table).toContainText('网上追逃人员')
  await shot(page, 'watch-list-01-list')

  await page.locator('[data-test=watch-list-add]').click()
  const dialog = page.locator('[data-test=watch-list-dialog]')
  await expect(dialog).toBeVisible()
  // A number of the right shape with a wrong check character: the server's message on the field.
  const wrong = idNo.slice(0, 17) + (idNo[17] === '1' ? '2' : '1')
  await field(dialog, 'watch-list-idno').fill(wrong)
  await field(dialog, 'watch-list-name').fill(name)
  await pickOption(page, dialog.locator('[data-test=watch-list-database]'), '全国吸毒人员信息库')
  await dialog.locator('textarea[data-test=watch-list-situation], [data-test=watch-list-situation] textarea').first().fill('曾被强制隔离戒毒')
  await field(dialog, 'watch-list-source').fill('咸阳市公安局禁毒支队')
  await dialog.locator('[data-test=watch-list-save]').click()
  await expect(dialog.locator('.el-form-item__error')).toContainText('身份证号')
  await shot(page, 'watch-list-02-server-error')
  await field(dialog, 'watch-list-idno').fill(idNo)
  await dialog.locator('[data-test=watch-list-save]').click()
  await expectSuccess(page, '新增成功')
  await expect(dialog).toBeHidden()

  await field(page, 'search-idNo').fill(idNo)
  await pickOption(page, page.locator('[data-test=search-database]'), '全国吸毒人员信息库')
  await page.locator('[data-test=search-btn]').click()
  await expect(table.locator('.el-table__row')).toHaveCount(1)
  await expect(table).toContainText(name)
  await expect(table).toContainText(idNo)
  await shot(page, 'watch-list-03-found')

  await table.getByRole('button', { name: '编辑' }).click()
  await expect(field(dialog, 'watch-list-name')).toHaveValue(name)
  await field(dialog, 'watch-list-source').fill('公安部通报')
  await dialog.locator('[data-test=watch-list-save]').click()
  await expectSuccess(page, '修改成功')
  await expect(table).toContainText('公安部通报')

  await table.getByRole('button', { name: '删除' }).click()
  await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click()
  await expectSuccess(page, '删除成功')
  await expect(table.locator('.el-table__row')).toHaveCount(0)

  await page.locator('[data-test=watch-list-import]').click()
  const importer = page.locator('[data-test=import-dialog]')
  await expect(importer).toContainText('批量导入名单')
  await expect(importer.locator('[data-test=import-template]')).toBeVisible()
  await shot(page, 'watch-list-04-import')
})
