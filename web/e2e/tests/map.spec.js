// 地图可视化 (manual §7, issue 14): an officer of 咸阳 opens the map view from the menu; the map draws
// 咸阳's districts from the server's GeoJSON and no request leaves 127.0.0.1; 一键搜 finds a guard by
// ID number and shows the panel; 人员统计 drills from a district on the map down to the list of its
// guards (the list's total is the figure); an emergency task is created with its place picked on the
// map; 管理模式 returns home. Screenshots of every mode at 1440×900 and 1920×1080.
import { test, expect, field, login, shot, apiAs, ADMIN, runTag } from './fixtures.js'

test.describe.configure({ mode: 'serial' })

// 咸阳市局 保安管理科: the city's 监管民警 (a custom scope of the whole city)
const OFFICER = { account: 'xy_jb', password: 'Baoan@2026' }
// 渭城分局: the county's officer
const COUNTY_OFFICER = { account: 'wc_jb', password: 'Baoan@2026' }
// 渭城护城河派出所: a station's officer (its county's map, its own guards)
const STATION_OFFICER = { account: 'hc_mj', password: 'Baoan@2026' }

/** Record the host of every request the page makes (the fixture aborts foreign ones; this lists them all). */
function recordHosts(page) {
  const hosts = new Set()
  page.on('request', (r) => {
    try { hosts.add(new URL(r.url()).host.replace(/:\d+$/, '')) } catch { /* data: */ }
  })
  return hosts
}

/** The map's drawn region centres (pixels inside the chart), once the map is ready for `region`. */
async function mapCenters(page, region) {
  const chart = page.locator(`[data-test=map-chart][data-region="${region}"][data-ready="1"]`)
  await expect(chart).toBeVisible()
  await expect.poll(async () => Object.keys(JSON.parse((await chart.getAttribute('data-centers')) || '{}')).length).toBeGreaterThan(0)
  return { chart, centers: JSON.parse(await chart.getAttribute('data-centers')) }
}

/** Click the map at a region's centre (a real click on the canvas). */
async function clickRegion(page, region, code) {
  const { chart, centers } = await mapCenters(page, region)
  const box = await chart.boundingBox()
  const [x, y] = centers[code]
  await page.mouse.click(box.x + x, box.y + y)
}

async function openMap(page, account) {
  await login(page, account.account, account.password)
  await expect(page.locator('[data-test=home-welcome]')).toBeVisible()
  // the menu group 地图可视化 → 地图总览: a full-screen view outside the admin layout
  await expect(page.locator('[data-test=side-menu]')).toContainText('地图可视化')
  await page.locator('[data-test=side-menu]').getByText('地图总览', { exact: true }).click()
  await expect(page).toHaveURL(/#\/map$/)
  await expect(page.locator('[data-test=side-menu]')).toHaveCount(0)
  await expect(page.locator('[data-test=map-screen]')).toBeVisible()
}

test('the map opens on the user\'s region, offline; 一键搜 finds a guard by ID; a district drills down to its list', async ({ page, baseURL }) => {
  const hosts = recordHosts(page)
  // a guard of 渭城 with the full ID number (the admin holds guard:pii)
  const admin = await apiAs(baseURL, ADMIN.account, ADMIN.password)
  const res = await admin.get('/api/v1/guards', { params: { size: 50, employed: true, regionCode: '610404' } })
  expect(res.status()).toBe(200)
  const guards = (await res.json()).items.filter((g) => /^\d{17}[\dX]$/.test(g.idNo))
  expect(guards.length).toBeGreaterThan(0)
  const guard = guards[0]
  await admin.dispose()

  await page.setViewportSize({ width: 1440, height: 900 })
  await openMap(page, OFFICER)
  // 咸阳市: the city's districts and counties, drawn from GET /api/v1/geo/610400
  const { centers } = await mapCenters(page, '610400')
  expect(Object.keys(centers)).toContain('610404')
  expect(Object.keys(centers).length).toBeGreaterThanOrEqual(14)
  await expect(page.locator('[data-test=map-breadcrumb]')).toContainText('咸阳市')
  await expect(page.locator('[data-test=map-modes]')).toContainText('一键搜')
  await expect(page.locator('[data-test=map-modes]')).toContainText('人员统计')
  await shot(page, 'map-search-1440')

  // 一键搜 by the full ID number: the guard, masked as in the lists; a click opens the panel
  await field(page, 'map-search-input').fill(guard.idNo)
  await page.locator('[data-test=map-search-button]').click()
  const hit = page.locator('[data-test=map-hit-guard]').first()
  await expect(hit).toContainText(guard.name)
  await hit.click()
  const detail = page.locator('[data-test=map-detail][data-kind=guard]')
  await expect(detail).toContainText(guard.name)
  await expect(detail).toContainText('所在单位')
  await expect(detail).toContainText('保安员证')
  await expect(detail).toContainText('好人好事')
  await expect(detail.locator('[data-test=map-detail-idno]')).toContainText(guard.idNo.slice(0, 3))
  await shot(page, 'map-search-guard-1440')

  // 人员统计: the figures of the city; a click on 渭城区 drills down, its list has the region's total
  await page.locator('[data-test=map-mode-guards]').click()
  await expect(page.locator('[data-test=map-stats-charts]')).toBeVisible()
  await expect(page.locator('[data-test=map-chart-region] canvas')).toBeVisible()
  await shot(page, 'map-guards-1440')
  await clickRegion(page, '610400', '610404')
  await expect(page.locator('[data-test=map-breadcrumb]')).toContainText('渭城区')
  await mapCenters(page, '610404')
  const total = Number((await page.locator('[data-test=map-stats-total]').innerText()).replace(/\D/g, ''))
  await page.locator('[data-test=map-stats-list]').click()
  const drawer = page.locator('[data-test=map-list-drawer]')
  await expect(drawer.locator('[data-test=map-list-total]')).toHaveText(`共 ${total} 人`)
  await expect(drawer.locator('[data-test=map-list-table] .el-table__row').first()).toBeVisible()
  await shot(page, 'map-guards-list-1440')
  await page.keyboard.press('Escape')
  // the breadcrumb goes back to the city
  await page.locator('[data-test=map-breadcrumb] a', { hasText: '咸阳市' }).click()
  await mapCenters(page, '610400')

  await page.locator('[data-test=map-mode-companies]').click()
  await expect(page.locator('[data-test=map-stats-charts]')).toContainText('保安服务公司')
  await shot(page, 'map-companies-1440')
  await page.locator('[data-test=map-mode-tasks]').click()
  await expect(page.locator('[data-test=map-stats-charts]')).toContainText('任务')
  await shot(page, 'map-tasks-1440')

  // the same modes on a big screen
  await page.setViewportSize({ width: 1920, height: 1080 })
  for (const m of ['search', 'guards', 'companies', 'tasks', 'emergency']) {
    await page.locator(`[data-test=map-mode-${m}]`).click()
    await mapCenters(page, '610400')
    await shot(page, `map-${m}-1920`)
  }

  // 管理模式: back to the admin home
  await page.locator('[data-test=map-admin-mode]').click()
  await expect(page.locator('[data-test=home-welcome]')).toBeVisible()
  expect([...hosts]).toEqual(['127.0.0.1'])
})

test('一键搜: a guard on a running task shows it as 当前任务; a click on it centres the map there', async ({ page, baseURL }) => {
  // a demo guard of 渭城 on a running task (the admin reads the full ID number and the current task)
  const admin = await apiAs(baseURL, ADMIN.account, ADMIN.password)
  const running = await (await admin.get('/api/v1/tasks', { params: { status: 'running', regionCode: '610404', size: 50 } })).json()
  let guard = null
  for (const t of running.items.filter((x) => x.guardCount > 0)) {
    for (const g of (await (await admin.get(`/api/v1/tasks/${t.id}`)).json()).guards) {
      const full = await (await admin.get(`/api/v1/guards/${g.id}`)).json()
      if (full.currentTask?.kind === 'task') guard = full
      if (guard) break
    }
    if (guard) break
  }
  await admin.dispose()
  expect(guard, 'a demo guard on a running task').toBeTruthy()

  await page.setViewportSize({ width: 1440, height: 900 })
  await openMap(page, OFFICER)
  await field(page, 'map-search-input').fill(guard.idNo)
  await page.locator('[data-test=map-search-button]').click()
  await page.locator('[data-test=map-hit-guard]').first().click()
  const current = page.locator('[data-test=map-detail][data-kind=guard] [data-test=map-detail-task]')
  await expect(current).toContainText(guard.currentTask.name)
  await expect(current).toContainText(guard.currentTask.address)
  await current.locator('a').click()
  await shot(page, 'map-search-guard-task-1440')
})

test('人员统计: an 入职日期 range narrows the figures and the list', async ({ page, baseURL }) => {
  const from = '2024-01-01'
  const to = '2024-12-31'
  const officer = await apiAs(baseURL, OFFICER.account, OFFICER.password)
  const stats = await officer.get('/api/v1/stats/guards', { params: { groupBy: 'region', regionCode: '610400', hiredFrom: from, hiredTo: to } })
  expect(stats.status(), await stats.text()).toBe(200)
  const expected = (await stats.json()).total
  await officer.dispose()

  await page.setViewportSize({ width: 1440, height: 900 })
  await openMap(page, OFFICER)
  await page.locator('[data-test=map-mode-guards]').click()
  await expect(page.locator('[data-test=map-stats-charts]')).toBeVisible()
  const range = page.locator('[data-test=map-filter-hired] input, input[data-test=map-filter-hired]')
  await range.first().click()
  await range.first().fill(from)
  await range.nth(1).fill(to)
  await range.nth(1).press('Enter')
  await expect(page.locator('[data-test=map-stats-chips]')).toContainText(`入职日期起:${from}`)
  await expect(page.locator('[data-test=map-stats-total]')).toHaveText(new RegExp(`^${expected}\\D`))
  await shot(page, 'map-guards-hired-1440')
  await page.locator('[data-test=map-stats-list]').click()
  await expect(page.locator('[data-test=map-list-drawer] [data-test=map-list-total]')).toHaveText(`共 ${expected} 人`)
})

test('an emergency task is created with its place picked on the map and opens from its flag', async ({ page }) => {
  const hosts = recordHosts(page)
  const title = `渭城紧急安保${runTag()}`
  await openMap(page, OFFICER)
  await page.locator('[data-test=map-mode-emergency]').click()
  await expect(page.locator('[data-test=map-emergency-list]')).toBeVisible()
  await shot(page, 'map-emergency-1440')

  await page.locator('[data-test=map-emergency-create]').click()
  const dialog = page.locator('[data-test=map-emergency-dialog]')
  await field(dialog, 'em-title').fill(title)
  await dialog.locator('[data-test=em-detail] textarea, textarea[data-test=em-detail]').first().fill('渭城区文化广场大型活动现场秩序维护,请就近单位派员支援。')
  await field(dialog, 'em-address').fill('陕西省咸阳市渭城区文化广场')
  // 地点: picked on the map (a click at 渭城区's centre), which also names the region
  await dialog.locator('[data-test=em-pick]').click()
  await expect(page.locator('[data-test=map-pick-hint]')).toBeVisible()
  // the dialog's closing animation and its overlay are gone before the map takes the click
  await expect(dialog).toBeHidden()
  await expect(page.locator('.el-overlay:visible')).toHaveCount(0)
  await clickRegion(page, '610400', '610404')
  await expect(page.locator('[data-test=map-pick-hint]')).toBeHidden()
  await expect(dialog).toBeVisible()
  await expect(field(dialog, 'em-lng')).not.toHaveValue('')
  await expect(dialog.locator('[data-test=em-preview]')).toContainText('名保安员')
  await shot(page, 'map-emergency-create-1440')
  const start = new Date(Date.now() + 3600_000)
  const end = new Date(Date.now() + 6 * 3600_000)
  const fmt = (d) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')
  await field(dialog, 'em-start').fill(fmt(start))
  await field(dialog, 'em-start').press('Enter')
  await field(dialog, 'em-end').fill(fmt(end))
  await field(dialog, 'em-end').press('Enter')
  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/emergency-tasks') && r.request().method() === 'POST')
  await dialog.locator('[data-test=em-submit]').click()
  const answer = await created
  expect(answer.status(), await answer.text()).toBe(201)
  const task = await answer.json()
  expect(task.regionCode).toMatch(/^610404/)

  // in the list, and its detail with the counts
  await expect(page.locator('[data-test=map-emergency-item]', { hasText: title })).toBeVisible()
  const detail = page.locator('[data-test=map-emergency-detail]')
  await expect(detail).toContainText(title)
  await expect(detail.locator('[data-test=map-emergency-counts]')).toContainText('所需')
  // its actions at the top of the panel, not below the list of nearby guards
  await expect(detail.locator('[data-test=map-emergency-end]')).toBeInViewport()
  await shot(page, 'map-emergency-detail-1440')
  expect([...hosts]).toEqual(['127.0.0.1'])
})

test('a county officer\'s map opens on the county', async ({ page }) => {
  await openMap(page, COUNTY_OFFICER)
  const { centers } = await mapCenters(page, '610404')
  expect(Object.keys(centers)).toEqual(['610404'])
  await expect(page.locator('[data-test=map-breadcrumb]')).toContainText('渭城区')
  await expect(page.locator('[data-test=map-breadcrumb] a')).toHaveCount(0)
})

test('a 派出所 officer\'s map names the station\'s 辖区, not the county, with the station\'s figure', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 })
  await openMap(page, STATION_OFFICER)
  await mapCenters(page, '610404')
  const scope = '渭城护城河派出所辖区'
  await expect(page.locator('[data-test=map-breadcrumb] .here')).toHaveText(scope)
  await page.locator('[data-test=map-mode-guards]').click()
  const filters = page.locator('[data-test=map-stats-filters]')
  await expect(filters.locator('.total .label')).toHaveText(`${scope}保安员总数`)
  const total = Number((await page.locator('[data-test=map-stats-total]').innerText()).replace(/\D/g, ''))
  expect(total).toBeGreaterThan(0)
  await expect(page.locator('[data-test=map-chart-region]')).not.toContainText('渭城区')
  await shot(page, 'map-station-1920')
  // the list behind the figure: the station's guards
  await filters.locator('[data-test=map-stats-list]').click()
  await expect(page.locator('[data-test=map-list-total]')).toContainText(String(total))
})

test('一键搜: a 问题人员 is marked in the hits (§9.3)', async ({ page, baseURL }) => {
  const admin = await apiAs(baseURL, ADMIN.account, ADMIN.password)
  const flagged = (await (await admin.get('/api/v1/flagged-persons', { params: { size: 50 } })).json()).items
    .find((f) => f.state !== 'false_positive')
  expect(flagged, 'a demo 问题人员').toBeTruthy()
  const guard = await (await admin.get(`/api/v1/guards/${flagged.guardId}`)).json()
  await admin.dispose()

  await page.setViewportSize({ width: 1440, height: 900 })
  await openMap(page, OFFICER)
  await field(page, 'map-search-input').fill(guard.idNo)
  await page.locator('[data-test=map-search-button]').click()
  const hit = page.locator('[data-test=map-hit-guard]').first()
  await expect(hit).toContainText(guard.name)
  await expect(hit.locator('[data-test=map-hit-flagged]')).toHaveText('问题人员')
  await shot(page, 'map-search-flagged-1440')
})

test('人员统计: the chart by 用工单位 opens the employer\'s guards; 区域 in 筛选 moves every chart; 公司统计 counts the companies with a task running now', async ({ page, baseURL }) => {
  const officer = await apiAs(baseURL, OFFICER.account, OFFICER.password)
  const byEmployer = await officer.get('/api/v1/stats/guards', { params: { groupBy: 'employer' } })
  expect(byEmployer.status(), await byEmployer.text()).toBe(200)
  const top = (await byEmployer.json()).groups[0]
  const wc = await officer.get('/api/v1/stats/guards', { params: { groupBy: 'gender', regionCode: '610404' } })
  const wcTotal = (await wc.json()).total
  const running = await officer.get('/api/v1/stats/companies', { params: { groupBy: 'hasRunningTask' } })
  const runningCount = (await running.json()).groups.find((g) => g.key === 'true').count
  await officer.dispose()

  await page.setViewportSize({ width: 1440, height: 900 })
  await openMap(page, OFFICER)
  await page.locator('[data-test=map-mode-guards]').click()
  const employerChart = page.locator('[data-test=map-chart-employer]')
  await expect(employerChart).toContainText('用工单位')
  await expect(employerChart).toContainText('其余为其他')
  await employerChart.scrollIntoViewIfNeeded()
  const box = employerChart.locator('[data-bars]')
  await expect.poll(async () => Object.keys(JSON.parse((await box.getAttribute('data-bars')) || '{}')).length).toBeGreaterThan(1)
  await shot(page, 'map-guards-employer-1440')
  // a click on the largest employer's bar: its guards, as many as the bar says
  const bars = JSON.parse(await box.getAttribute('data-bars'))
  const at = await box.boundingBox()
  await page.mouse.click(at.x + bars[top.key][0], at.y + bars[top.key][1])
  const drawer = page.locator('[data-test=map-list-drawer]')
  await expect(drawer.locator('[data-test=map-list-total]')).toHaveText(`共 ${top.count} 人`)
  await expect(drawer).toContainText(top.label)
  await shot(page, 'map-guards-employer-list-1440')
  await page.keyboard.press('Escape')
  await page.locator('[data-test=map-stats-chips] a', { hasText: '清除' }).click()

  // 区域: the jurisdiction (咸阳市) and its districts; 渭城区 moves the map and every chart there
  await page.locator('[data-test=map-filter-region] input').click()
  const panel = page.locator('.el-cascader-panel').last()
  await panel.getByText('咸阳市', { exact: true }).click()
  await panel.getByText('渭城区', { exact: true }).click()
  await expect(page.locator('[data-test=map-breadcrumb]')).toContainText('渭城区')
  await mapCenters(page, '610404')
  await expect(page.locator('[data-test=map-stats-total]')).toHaveText(new RegExp(`^${wcTotal}\\D`))
  await shot(page, 'map-guards-region-filter-1440')

  await page.locator('[data-test=map-breadcrumb] a', { hasText: '咸阳市' }).click()
  await page.locator('[data-test=map-mode-companies]').click()
  const runningChart = page.locator('[data-test=map-chart-hasRunningTask]')
  await expect(runningChart).toContainText('进行中任务')
  await runningChart.scrollIntoViewIfNeeded()
  await expect(runningChart.locator('canvas')).toBeVisible()
  // the same figure as a 筛选 choice: the list of those companies
  await page.locator('[data-test=map-filter-hasRunningTask]').click()
  await page.locator('.el-select-dropdown__item', { hasText: '有进行中任务' }).click()
  await expect(page.locator('[data-test=map-stats-total]')).toHaveText(new RegExp(`^${runningCount}\\D`))
  await page.locator('[data-test=map-stats-list]').click()
  await expect(page.locator('[data-test=map-list-drawer] [data-test=map-list-total]')).toHaveText(`共 ${runningCount} 家`)
  await expect(page.locator('[data-test=map-list-drawer]')).toContainText('进行中任务:有进行中任务')
  // 所属区域 of each listed company (the column read a field the list does not have)
  const firstRow = page.locator('[data-test=map-list-drawer] [data-test=map-list-table] .el-table__row').first()
  await expect(firstRow.locator('td').nth(4)).toContainText('陕西省咸阳市')
  await shot(page, 'map-companies-running-1440')
})
