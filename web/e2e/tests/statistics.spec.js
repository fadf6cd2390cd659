// 统计管理 (manual §8, issue 14): a city officer signs in at the bare address, opens each of the seven
// pages from the side menu, sees the chart and the table behind it (with the demo's 12 months of
// history), opens a 详情 whose list total equals the figure clicked, and each page is photographed at
// 1440×900 and 1920×1080 (web/e2e/screenshots/stats-*.png).
import { test, expect, shot, login, goMenu } from './fixtures.js'

const OFFICER_PASSWORD = 'Baoan@2026'
const PAGES = [
  ['审批情况分析', '/stats/approvals', 'stats-approvals'],
  ['保安员资格证考试报名分析', '/stats/exam-registrations', 'stats-exam-registrations'],
  ['考试报名数据统计', '/stats/exam-figures', 'stats-exam-figures'],
  ['保安服务公司分析', '/stats/companies', 'stats-companies'],
  ['保安员分析', '/stats/guards', 'stats-guards'],
  ['保安服务公司管理数据查询', '/stats/company-query', 'stats-company-query'],
  ['保安员数据查询', '/stats/guard-query', 'stats-guard-query'],
]

test('each 统计管理 page opens from the menu with its chart, table and 详情', async ({ page }) => {
  test.setTimeout(150000)
  await login(page, 'xy_jb', OFFICER_PASSWORD)
  for (const [title, path, name] of PAGES) {
    await goMenu(page, title, path)
    if (path.endsWith('-query')) {
      await expect(page.locator('[data-test=stats-list-table] .el-table__row').first()).toBeVisible()
      await expect(page.locator('[data-test=stats-list-total]')).toContainText(/共 [1-9]\d* 条/)
      // the total once (the head's 共 N 条), not again in the pager
      await expect(page.locator('.stats-list-pager .el-pagination__total')).toHaveCount(0)
    } else {
      await expect(page.locator('[data-test=stats-chart] canvas').first()).toBeVisible()
      await expect(page.locator('[data-test=stats-table] .el-table__row').first()).toBeVisible()
      await expect(page.locator('[data-test=stats-scope]')).toContainText('咸阳市')
    }
    await shot(page, name)
    // 详情: the list it opens counts exactly the figure clicked.
    const link = page.locator('[data-test=stats-detail-link]').first()
    if (!path.endsWith('-query') && await link.isEnabled()) {
      const figure = (await link.innerText()).trim()
      await link.click()
      const dialog = page.locator('[data-test=stats-detail]')
      await expect(dialog.locator('[data-test=stats-list-total]')).toHaveText(`共 ${figure} 条`)
      if (name === 'stats-approvals') await shot(page, 'stats-approvals-detail')
      await dialog.locator('.el-dialog__headerbtn').click()
      await expect(dialog).toBeHidden()
    }
  }
  // 8.5: every 在职 / 新增 / 离职 / 持证 / 实名认证 / App初始化 figure of a region row opens the guards it counts, and the KPIs still
  // drill once a region is picked (渭城区's row, then the page narrowed to 渭城区).
  await goMenu(page, '保安员分析', '/stats/guards')
  const row = page.locator('[data-test=stats-table] .el-table__row', { hasText: '渭城区' })
  await expect(row).toBeVisible()
  const dialog = page.locator('[data-test=stats-detail]')
  const drills = ['stats-guards-row-employed', 'stats-guards-row-newhires', 'stats-guards-row-leavers', 'stats-guards-row-certified',
    'stats-guards-row-realname', 'stats-guards-row-app']
  const figures = {}
  for (const which of drills) {
    const link = row.locator(`[data-test=${which}]`)
    figures[which] = (await link.innerText()).trim()
    await link.click()
    await expect(dialog).toContainText('渭城区')
    await expect(dialog.locator('[data-test=stats-list-total]')).toHaveText(`共 ${figures[which]} 条`)
    await dialog.locator('.el-dialog__headerbtn').click()
    await expect(dialog).toBeHidden()
  }
  await page.locator('[data-test=stats-region]').click()
  const cascader = page.locator('.el-cascader__dropdown:visible')
  await cascader.locator('.el-cascader-node', { hasText: '陕西省' }).click()
  await cascader.locator('.el-cascader-node', { hasText: '咸阳市' }).click()
  await cascader.locator('.el-cascader-node', { hasText: '渭城区' }).locator('.el-radio').click()
  await page.keyboard.press('Escape')
  await page.locator('[data-test=stats-query]').click()
  await expect(page.locator('[data-test=stats-scope]')).toContainText('渭城区')
  for (const [kpi, which] of [['stats-detail-link', 'stats-guards-row-employed'], ['stats-guards-newhires', 'stats-guards-row-newhires']]) {
    const link = page.locator(`[data-test=stats-kpis] [data-test=${kpi}]`)
    await expect(link).toHaveText(figures[which])
    await link.click()
    await expect(dialog.locator('[data-test=stats-list-total]')).toHaveText(`共 ${figures[which]} 条`)
    await dialog.locator('.el-dialog__headerbtn').click()
    await expect(dialog).toBeHidden()
  }

  // 8.7 保安员数据查询 narrowed to 渭城区 and 在职 lists exactly the guards 8.5 counts there.
  await goMenu(page, '保安员数据查询', '/stats/guard-query')
  await page.locator('[data-test=stats-query-region]').click()
  const regions = page.locator('.el-cascader__dropdown:visible')
  await regions.locator('.el-cascader-node', { hasText: '陕西省' }).click()
  await regions.locator('.el-cascader-node', { hasText: '咸阳市' }).click()
  await regions.locator('.el-cascader-node', { hasText: '渭城区' }).locator('.el-radio').click()
  await page.keyboard.press('Escape')
  await page.locator('[data-test=stats-query-employed]').click()
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '在职' }).first().click()
  await page.locator('[data-test=stats-query]').click()
  await expect(page.locator('[data-test=stats-list-total]')).toHaveText(`共 ${figures['stats-guards-row-employed']} 条`)
  await expect(page.locator('[data-test=stats-list-table] .el-table__row').first()).toContainText('在职')

  // 8.1 by region (时间和区域两个维度): each district's received cases, and 详情 lists exactly them.
  await goMenu(page, '审批情况分析', '/stats/approvals')
  const district = page.locator('[data-test=stats-region-table] .el-table__row', { hasText: '渭城区' })
  const received = district.locator('[data-test=stats-region-received]')
  const count = (await received.innerText()).trim()
  expect(Number(count)).toBeGreaterThan(0)
  await received.click()
  await expect(dialog.locator('[data-test=stats-list-total]')).toHaveText(`共 ${count} 条`)
  await dialog.locator('.el-dialog__headerbtn').click()
  await expect(dialog).toBeHidden()

  // 8.1.2 is a tab of 审批情况分析.
  await goMenu(page, '审批情况分析', '/stats/approvals')
  await page.getByRole('tab', { name: '审批状态分析' }).click()
  await expect(page.locator('[data-test=stats-status-table] .el-table__row').first()).toBeVisible()
  await shot(page, 'stats-approvals-status')

  // The wide screen of a command centre: the same pages at 1920×1080, the chart laid out again.
  await page.getByRole('tab', { name: '审批时效分析' }).click()
  await page.setViewportSize({ width: 1920, height: 1080 })
  for (const [title, path, name] of PAGES) {
    await goMenu(page, title, path)
    const filled = path.endsWith('-query') ? '[data-test=stats-list-table] .el-table__row' : '[data-test=stats-chart] canvas'
    await expect(page.locator(filled).first()).toBeVisible()
    await shot(page, `${name}-1920`)
  }
})
