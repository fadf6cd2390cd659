// 系统管理 → 工作日历: the administrator reads the shipped 2026 arrangement (table, month view marking
// holidays red and 调休 days blue, the year's working days), enters a new year's days in the dialog
// (the dialog refuses a 调休 working day on a weekday), saves, finds them again after a reload, and
// empties the year again.
import { test, expect, field, expectSuccess, ADMIN, shot, login, goMenu, fillDate } from './fixtures.js'

test.describe.configure({ mode: 'serial' })

const YEAR = 2027 // not shipped: starts empty on the e2e database

async function pickYear(page, year) {
  const input = page.locator('[data-test=calendar-year] input').first()
  await input.click()
  await input.fill(String(year))
  await input.press('Enter')
  await expect(page.locator('.toolbar-title')).toContainText(`${year} 年`)
}

const row = (page, date) => page.locator('[data-test=calendar-table] .el-table__row', { hasText: date })
const cell = (page, date) => page.locator(`[data-test=calendar-month] .day-cell[data-date="${date}"]`)

test('the shipped 2026 calendar in the table and the month view', async ({ page }) => {
  await login(page, ADMIN.account, ADMIN.password)
  await goMenu(page, '工作日历', '/system/calendar')
  await pickYear(page, 2026)
  await expect(row(page, '2026-10-01')).toContainText('国庆节')
  await expect(row(page, '2026-10-01')).toContainText('节假日')
  await expect(row(page, '2026-10-10')).toContainText('调休上班')
  await expect(row(page, '2026-10-10')).toContainText('星期六')
  await expect(page.locator('[data-test=calendar-summary]')).toContainText('节假日 33 天,调休上班 6 天;全年工作日 248 天')
  await expect(page.locator('[data-test=calendar-save]')).toBeDisabled()
  // A row's date opens its month: October 2026, 国庆节 red, the 调休 Saturday blue, Sundays grey.
  await row(page, '2026-10-01').click()
  await expect(cell(page, '2026-10-01')).toHaveClass(/is-holiday/)
  await expect(cell(page, '2026-10-01')).toContainText('休')
  await expect(cell(page, '2026-10-10')).toHaveClass(/is-workday/)
  await expect(cell(page, '2026-10-10')).toContainText('班')
  await expect(cell(page, '2026-10-11')).toHaveClass(/is-weekend/)
  await expect(cell(page, '2026-10-12')).not.toHaveClass(/is-(holiday|workday|weekend)/)
  await shot(page, 'calendar-2026')
})

test('a new year: add, refuse a weekday 调休, save, reload, empty again', async ({ page }) => {
  await login(page, ADMIN.account, ADMIN.password)
  await goMenu(page, '工作日历', '/system/calendar')
  await pickYear(page, YEAR)
  await expect(page.locator('[data-test=calendar-empty]')).toBeVisible()
  await expect(page.locator('[data-test=calendar-summary]')).toContainText('节假日 0 天')

  const dlg = page.locator('.el-dialog', { hasText: '新增日期' })
  // 国庆节 on Friday 1 October
  await page.locator('[data-test=calendar-add]').click()
  await expect(dlg).toBeVisible()
  await fillDate(page, dlg.locator('[data-test=calendar-day-date]'), `${YEAR}-10-01`)
  await field(dlg, 'calendar-day-name').fill('国庆节')
  await dlg.locator('[data-test=calendar-day-ok]').click()
  await expectSuccess(page, '已加入列表')
  await expect(row(page, `${YEAR}-10-01`)).toContainText('国庆节')
  await expect(page.locator('[data-test=calendar-save]')).toContainText('1 处修改')

  // A 调休 working day on Friday 8 October is refused in the dialog; Saturday the 9th is right.
  await page.locator('[data-test=calendar-add]').click()
  await expect(dlg).toBeVisible()
  await fillDate(page, dlg.locator('[data-test=calendar-day-date]'), `${YEAR}-10-08`)
  await dlg.locator('[data-test=calendar-kind-workday]').click()
  await field(dlg, 'calendar-day-name').fill('国庆节调休')
  await dlg.locator('[data-test=calendar-day-ok]').click()
  await expect(dlg.locator('.el-form-item__error')).toContainText('调休上班日应为周六或周日')
  await fillDate(page, dlg.locator('[data-test=calendar-day-date]'), `${YEAR}-10-09`)
  await dlg.locator('[data-test=calendar-day-ok]').click()
  await expectSuccess(page, '已加入列表')
  await expect(row(page, `${YEAR}-10-09`)).toContainText('调休上班')

  await page.locator('[data-test=calendar-save]').click()
  await expectSuccess(page, `${YEAR} 年工作日历已保存`)
  await expect(page.locator('[data-test=calendar-save]')).toBeDisabled()
  await expect(page.locator('[data-test=calendar-empty]')).toBeHidden()

  // Stored: after a reload the year shows the two days, and the month view marks them.
  await page.reload()
  await pickYear(page, YEAR)
  await expect(row(page, `${YEAR}-10-01`)).toContainText('国庆节')
  await row(page, `${YEAR}-10-09`).click()
  await expect(cell(page, `${YEAR}-10-01`)).toHaveClass(/is-holiday/)
  await expect(cell(page, `${YEAR}-10-09`)).toHaveClass(/is-workday/)
  await expect(page.locator('[data-test=calendar-summary]')).toContainText('节假日 1 天,调休上班 1 天')
  await shot(page, 'calendar-new-year')

  // Clicking a marked day in the month view edits it.
  await cell(page, `${YEAR}-10-01`).click()
  const edit = page.locator('.el-dialog', { hasText: '编辑日期' })
  await expect(edit).toBeVisible()
  await expect(field(edit, 'calendar-day-name')).toHaveValue('国庆节')
  await shot(page, 'calendar-edit-dialog')
  await edit.getByRole('button', { name: '取消' }).click()

  // Empty the year again.
  for (const date of [`${YEAR}-10-01`, `${YEAR}-10-09`]) await row(page, date).locator('[data-test=calendar-delete]').click()
  await page.locator('[data-test=calendar-save]').click()
  await expectSuccess(page, `${YEAR} 年工作日历已保存`)
  await expect(page.locator('[data-test=calendar-empty]')).toBeVisible()
})
