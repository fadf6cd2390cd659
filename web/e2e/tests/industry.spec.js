// 行业信息 (manual §3) and the company portal: an administrator registers a security company in
// 渭城区; the company signs in for the first time (forced password change, the initialization guide)
// and hires a guard; an officer of 咸阳 finds that guard with the company as employer.
import fs from 'node:fs'
import zlib from 'node:zlib'
import {
  test, expect, field, expectSuccess, ADMIN, shot, login, logout, pickOption, makeIdNo, makeMobile, runTag,
  makeCreditCode, selectTreeOrg, pickRegion, fillDate, latestSmsCode, goMenu as go, fillPasswordChange,
} from './fixtures.js'

test.describe.configure({ mode: 'serial' })

// xy_sj (咸阳市公安局, 监管民警 role, "所在机构及下级机构数据") and xy_jb (保安管理科, the city's 监管民警
// role with a custom scope of the whole city) both see 渭城; both hold <module>:export.
const OFFICER = { account: 'xy_sj', password: 'Baoan@2026' }

const tag = runTag()
const company = {
  name: `渭城测试保安服务有限公司${tag}`,
  creditCode: makeCreditCode(),
  regAddress: '陕西省咸阳市渭城区渭阳西路88号',
  legalName: '赵立民',
  legalIdNo: makeIdNo('19780512'),
  legalMobile: makeMobile(),
  newPassword: `Co@${tag}2026x`,
}
const guard = {
  name: `测保${tag.slice(0, 3)}`,
  idNo: makeIdNo('19950315'),
  mobile: makeMobile(),
  householdAddress: '陕西省咸阳市渭城区窑店街道',
}
const deedTitle = `拾金不昧归还失主钱包${tag}`
let photoId = '' // the guard's photo, uploaded by the company (POST /files)

/** A w×h RGB PNG of one colour, built by hand (zlib for IDAT, CRC-32 per chunk). */
function makePng(w, h, [r, g, b]) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf) => {
    let c = 0xffffffff
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(td))
    return Buffer.concat([len, td, sum])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(w, 0)
  ihdr.writeUInt32BE(h, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: w }, () => [r, g, b]).flat())])
  const raw = Buffer.concat(Array.from({ length: h }, () => row))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/**
 * Click `button` and expect a real xlsx download whose name contains `title`; returns the Download.
 * `urlPart` is the API path the click must call.
 */
async function expectXlsxDownload(page, button, urlPart, title) {
  const response = page.waitForResponse((r) => r.url().includes(urlPart))
  const download = page.waitForEvent('download', { timeout: 15_000 })
  await button.click()
  const res = await response
  expect(res.status()).toBe(200)
  const dl = await download
  const name = dl.suggestedFilename()
  expect(name).toMatch(/\.xlsx$/)
  expect(name).toContain(title)
  expect(fs.statSync(await dl.path()).size).toBeGreaterThan(0)
  return { res, dl }
}

/** The form item of field `key` inside a dialog. */
const item = (dlg, key) => dlg.locator(`[data-test=fi-${key}]`)

test('admin registers a security company in 渭城区; its account is sent by SMS', async ({ page }) => {
  await login(page, ADMIN.account, ADMIN.password)
  await expect(page.locator('[data-test=home-welcome]')).toBeVisible()
  const menu = page.locator('[data-test=side-menu]')
  await expect(menu).toContainText('行业信息')
  await expect(menu).toContainText('保安服务公司管理')

  await go(page, '保安服务公司管理', '/industry/companies')
  await selectTreeOrg(page, '渭城分局')
  await expect(page.locator('.el-pagination__total')).toContainText('共')
  await page.locator('[data-test=registry-add]').click()
  const dlg = page.locator('.el-dialog', { hasText: '新增保安服务公司信息' })
  await expect(dlg).toBeVisible()
  await expect(dlg.locator('.form-section-title', { hasText: '公司基本信息' })).toBeVisible()
  await expect(dlg.locator('.form-section-title', { hasText: '法人信息' })).toBeVisible()

  // required marks, and the client refuses a wrong check character before asking the server
  await dlg.locator('[data-test=registry-save]').click()
  await expect(item(dlg, 'name')).toContainText('请输入公司名称')
  await expect(item(dlg, 'legalIdNo')).toContainText('请输入法人身份证号')
  const badCode = company.creditCode.slice(0, 17) + (company.creditCode[17] === '0' ? '1' : '0')
  await field(dlg, 'f-creditCode').fill(badCode)
  await field(dlg, 'f-name').click()
  await expect(item(dlg, 'creditCode')).toContainText('校验位错误')

  await field(dlg, 'f-name').fill(company.name)
  await field(dlg, 'f-creditCode').fill(company.creditCode)
  await pickRegion(page, item(dlg, 'regionCode'), '渭城区')
  await field(dlg, 'f-regAddress').fill(company.regAddress)
  await field(dlg, 'f-regCapital').fill('500')
  await fillDate(page, item(dlg, 'foundedOn'), '2015-06-18')
  await field(dlg, 'f-licenceNo').fill(`陕公保服${tag}`)
  await item(dlg, 'serviceScope').locator('.el-checkbox', { hasText: '门卫' }).click()
  await item(dlg, 'serviceScope').locator('.el-checkbox', { hasText: '巡逻' }).click()
  await field(dlg, 'f-legalName').fill(company.legalName)
  await field(dlg, 'f-legalIdNo').fill(company.legalIdNo)
  await field(dlg, 'f-legalMobile').fill(company.legalMobile)
  await shot(page, '30-company-dialog')
  await dlg.locator('[data-test=registry-save]').click()
  await expectSuccess(page, '新增成功')

  const row = page.locator('[data-test=companies-table] .el-table__row', { hasText: company.creditCode })
  await expect(row).toContainText(company.name)
  await expect(row).toContainText('正常')
  await expect(row).toContainText('未初始化')
  await expect(row).toContainText('渭城分局') // 监管单位 derived from the region
  await shot(page, '31-companies')

  // the same credit code a second time: 409 on the form item
  await page.locator('[data-test=registry-add]').click()
  const dlg2 = page.locator('.el-dialog', { hasText: '新增保安服务公司信息' })
  await field(dlg2, 'f-name').fill(`${company.name}乙`)
  await field(dlg2, 'f-creditCode').fill(company.creditCode)
  await pickRegion(page, item(dlg2, 'regionCode'), '渭城区')
  await field(dlg2, 'f-regAddress').fill(company.regAddress)
  await field(dlg2, 'f-legalName').fill(company.legalName)
  await field(dlg2, 'f-legalIdNo').fill(company.legalIdNo)
  await field(dlg2, 'f-legalMobile').fill(company.legalMobile)
  await dlg2.locator('[data-test=registry-save]').click()
  await expect(item(dlg2, 'creditCode')).toContainText('已存在')
  await dlg2.getByRole('button', { name: '关闭', exact: true }).click()

  // 查看: read-only details
  await row.getByRole('button', { name: '查看' }).click()
  const drawer = page.locator('[data-test=companies-details]')
  await expect(drawer.locator('[data-test=details-name]')).toHaveText(company.name)
  await expect(drawer.locator('[data-test=d-regionCode]')).toHaveText('陕西省咸阳市渭城区')
  await expect(drawer.locator('[data-test=d-serviceScope]')).toHaveText('门卫、巡逻')
  await expect(drawer).toContainText('未初始化')
  await shot(page, '32-company-details')
  await drawer.locator('.el-drawer__close-btn').click()

  // 短信记录: the account (credit code) and the initial password went to the legal person's mobile
  await page.locator('[data-test=side-menu]').getByText('短信记录', { exact: true }).click()
  await expect(page).toHaveURL(/#\/system\/sms$/)
  await field(page, 'search-mobile').fill(company.legalMobile)
  await page.locator('[data-test=search-btn]').click()
  const sms = page.locator('[data-test=sms-table] .el-table__row').first()
  await expect(sms).toContainText(company.creditCode)
  await expect(sms).toContainText('123456')
  await shot(page, '33-company-sms')
  await logout(page)
})

test('the company signs in, changes the password, completes the guide and hires a guard', async ({ page, baseURL }) => {
  await login(page, company.creditCode, '123456')
  await expect(page).toHaveURL(/#\/change-password/)
  await expect(page.getByText('企业账号,验证码发送至法人手机')).toBeVisible()
  await page.locator('[data-test=pwd-send-sms]').click()
  await expect(page.locator('[data-test=pwd-sms-sent]')).toContainText('****')
  await shot(page, '33a-company-change-password')
  await expect(page.locator('[data-test=pwd-sms-sent]')).toContainText('****')
  const code = await latestSmsCode(baseURL, company.legalMobile)
  await fillPasswordChange(page, { old: '123456', password: company.newPassword, code })
  await page.locator('[data-test=pwd-submit]').click()

  // not initialized yet: the guide, and nothing else
  await expect(page).toHaveURL(/#\/portal\/guide$/)
  const guide = page.locator('[data-test=portal-guide]')
  await expect(guide.locator('[data-test=company-d-name]')).toHaveText(company.name)
  await expect(guide.locator('[data-test=company-registered]')).toContainText(company.legalIdNo) // the company sees its own data in full
  await expect(guide.locator('.el-step__title.is-finish')).toHaveText('确认企业信息') // step 1 of 2
  await expect(guide.locator('.el-step__title.is-wait')).toHaveText('完成')
  await page.goto('./#/portal/guards')
  await expect(page).toHaveURL(/#\/portal\/guide$/)
  await field(guide, 'f-bizAddress').fill('陕西省咸阳市渭城区文汇路12号')
  await field(guide, 'f-contactName').fill('钱志远')
  await field(guide, 'f-contactPhone').fill('029-33215566')
  await guide.locator('[data-test=fi-serviceScope] .el-checkbox', { hasText: '守护' }).click()
  await shot(page, '34-portal-guide')
  await guide.locator('[data-test=guide-submit]').click()
  await expect(guide.locator('[data-test=guide-done]')).toContainText('企业初始化完成')
  await shot(page, '35-portal-guide-done')
  await guide.locator('[data-test=guide-enter]').click()

  // the company's home: its name, the 企业服务 menus only
  await expect(page.locator('[data-test=home-welcome]')).toHaveText(company.name)
  await expect(page.locator('[data-test=header-org]')).toHaveText(company.name)
  const menu = page.locator('[data-test=side-menu]')
  await expect(menu).toContainText('企业服务')
  await expect(menu).not.toContainText('行业信息')
  await expect(menu).not.toContainText('系统管理')
  await expect(page.locator('[data-test=home-shortcuts]')).toContainText('保安员管理')
  await shot(page, '36-portal-home')
  // police pages stay out of reach, whatever the address bar says
  await page.goto('./#/industry/guards')
  await expect(page.locator('[data-test=page-403]')).toBeVisible()
  await page.goto('./#/portal/guide')
  await expect(page.locator('[data-test=home-welcome]')).toBeVisible()

  // 企业信息: the guide's answers are stored
  await go(page, '企业信息', '/portal/company')
  await expect(field(page, 'f-contactName')).toHaveValue('钱志远')
  await expect(page.locator('[data-test=portal-company]')).toContainText('已初始化')
  await page.locator('[data-test=company-edit]').click()
  await field(page, 'f-contactPhone').fill('13700001234')
  await page.locator('[data-test=company-save]').click()
  await expectSuccess(page, '保存成功')
  await shot(page, '37-portal-company')

  // 保安员管理: hire a guard (the client refuses a minor first)
  await go(page, '保安员管理', '/portal/guards')
  await page.locator('[data-test=guard-add]').click()
  const dlg = page.locator('.el-dialog', { hasText: '新增保安员' })
  await expect(dlg).toBeVisible()
  await field(dlg, 'g-name').fill(guard.name)
  await field(dlg, 'g-idNo').fill(makeIdNo('20150101'))
  await field(dlg, 'g-mobile').fill(guard.mobile)
  await expect(dlg).toContainText('保安员须年满18周岁')
  await field(dlg, 'g-idNo').fill(guard.idNo)
  await pickOption(page, dlg.locator('[data-test=g-ethnicity]'), '汉族')
  await pickOption(page, dlg.locator('[data-test=g-education]'), '高中')
  await field(dlg, 'g-householdAddress').fill(guard.householdAddress)
  await field(dlg, 'g-certificateNo').fill(`SX${tag}01`)
  // 照片: uploaded on choose. The client refuses other types; the server refuses a fake PNG (422).
  const photoInput = dlg.locator('[data-test=photo-input] input[type=file]')
  const photoError = dlg.locator('[data-test=photo-error]')
  await expect(dlg.locator('[data-test=fi-photoFileId]')).toContainText('JPG/PNG,不超过2MB,白底证件照')
  await photoInput.setInputFiles({ name: '简历.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') })
  await expect(photoError).toHaveText('照片只能是 JPG 或 PNG 格式')
  const fakeUp = page.waitForResponse((r) => r.url().endsWith('/api/v1/files?accept=image') && r.request().method() === 'POST')
  await photoInput.setInputFiles({ name: '假照片.png', mimeType: 'image/png', buffer: Buffer.from('GIF89a not a png') })
  expect((await fakeUp).status()).toBe(422)
  await expect(photoError).toContainText('只支持 JPG 或 PNG 格式的图片')
  await expect(dlg.locator('[data-test=photo-preview]')).toHaveCount(0)
  const photoUp = page.waitForResponse((r) => r.url().endsWith('/api/v1/files?accept=image') && r.request().method() === 'POST')
  await photoInput.setInputFiles({ name: '证件照.png', mimeType: 'image/png', buffer: makePng(4, 4, [30, 110, 200]) })
  const upRes = await photoUp
  expect(upRes.status()).toBe(201)
  expect(upRes.request().headers()['x-file-name']).toBe(encodeURIComponent('证件照.png'))
  const uploaded = await upRes.json()
  expect(uploaded).toMatchObject({ name: '证件照.png', contentType: 'image/png' })
  photoId = uploaded.id
  expect(photoId).toBeTruthy()
  await expect(photoError).toHaveCount(0)
  await expect(dlg.locator('[data-test=photo-preview] img')).toHaveAttribute('src', new RegExp(`${photoId}$`))
  await shot(page, '38-portal-guard-dialog')
  await dlg.locator('[data-test=guard-save]').click()
  await expectSuccess(page, '新增成功')
  const row = page.locator('[data-test=portal-guard-table] .el-table__row', { hasText: guard.idNo })
  await expect(row).toContainText(guard.name)
  await expect(row).toContainText('在职')
  await expect(row).toContainText('高中')
  await expect(row.locator('[data-test=row-photo] img')).toHaveAttribute('src', new RegExp(`${photoId}$`))

  // the same person again: 409 from the server on the ID field
  await page.locator('[data-test=guard-add]').click()
  await field(dlg, 'g-name').fill(guard.name)
  await field(dlg, 'g-idNo').fill(guard.idNo)
  await field(dlg, 'g-mobile').fill(guard.mobile)
  await dlg.locator('[data-test=guard-save]').click()
  await expect(dlg.locator('.el-form-item__error')).toContainText('已是本公司在职人员')
  await dlg.getByRole('button', { name: '取消' }).click()

  // 编辑 keeps the ID number and the hire date; 离职 of a second guard
  await row.getByRole('button', { name: '编辑' }).click()
  const edit = page.locator('.el-dialog', { hasText: '编辑保安员' })
  await expect(field(edit, 'g-idNo')).toBeDisabled()
  await field(edit, 'g-currentAddress').fill('陕西省咸阳市渭城区渭阳街道')
  await edit.locator('[data-test=guard-save]').click()
  await expectSuccess(page, '修改成功')
  const second = { name: `离保${tag.slice(0, 3)}`, idNo: makeIdNo('19880808'), mobile: makeMobile() }
  await page.locator('[data-test=guard-add]').click()
  await field(dlg, 'g-name').fill(second.name)
  await field(dlg, 'g-idNo').fill(second.idNo)
  await field(dlg, 'g-mobile').fill(second.mobile)
  await dlg.locator('[data-test=guard-save]').click()
  await expectSuccess(page, '新增成功')
  const secondRow = page.locator('[data-test=portal-guard-table] .el-table__row', { hasText: second.idNo })
  await secondRow.getByRole('button', { name: '离职' }).click()
  const leave = page.locator('[data-test=leave-dialog]')
  await expect(leave).toContainText(second.name)
  await leave.locator('[data-test=leave-save]').click()
  await expectSuccess(page, '已办理离职')
  await expect(secondRow).toContainText('离职')
  await expect(secondRow.getByRole('button', { name: '编辑' })).toHaveCount(0)
  await shot(page, '39-portal-guards')
  // 导出: the roster as a file
  await expectXlsxDownload(page, page.locator('[data-test=guard-export]'), '/api/v1/portal/guards/export', '保安员')

  // 导入: the template comes back as a file; uploaded unchanged (no data rows) it yields the
  // per-row report.
  await page.locator('[data-test=guard-import]').click()
  const imp = page.locator('[data-test=import-dialog]')
  await expect(imp).toBeVisible()
  const { dl: tpl } = await expectXlsxDownload(page, imp.locator('[data-test=import-template]'), '/portal/guards/import-template', '保安员导入模板')
  const upload = {
    name: tpl.suggestedFilename(),
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: fs.readFileSync(await tpl.path()),
  }
  await imp.locator('input[type=file]').setInputFiles(upload)
  const upResponse = page.waitForResponse((r) => r.url().endsWith('/portal/guards/import') && r.request().method() === 'POST')
  await imp.locator('[data-test=import-start]').click()
  const up = await upResponse
  expect(up.request().headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  expect(up.status()).toBe(422)
  await expect(imp.locator('[data-test=import-failed]')).toBeVisible()
  await expect(imp.locator('[data-test=import-errors] .el-table__row').first()).toContainText('没有可导入的数据行')
  await shot(page, '40-portal-import')
  await imp.getByRole('button', { name: '关闭', exact: true }).click()

  // 好人好事
  await go(page, '好人好事', '/portal/good-deeds')
  await page.locator('[data-test=deed-add]').click()
  const deed = page.locator('.el-dialog', { hasText: '新增好人好事' })
  await pickOption(page, deed.locator('[data-test=deed-guard]'), guard.name)
  await field(deed, 'deed-title').fill(deedTitle)
  await deed.locator('textarea[data-test=deed-content], [data-test=deed-content] textarea').first()
    .fill('该保安员在巡逻中拾到钱包一个,内有现金及证件,经核实后归还失主。')
  await fillDate(page, deed.locator('.el-form-item', { hasText: '发生日期' }), '2026-10-08')
  await field(deed, 'deed-place').fill('咸阳市渭城区人民广场')
  await shot(page, '41-portal-deed-dialog')
  await deed.locator('[data-test=deed-save]').click()
  await expectSuccess(page, '新增成功')
  await expect(page.locator('[data-test=portal-deed-table] .el-table__row', { hasText: deedTitle })).toContainText(guard.name)
  await logout(page)
})

test('an officer of 咸阳 finds the guard, employed by the company, and the good deed', async ({ page }) => {
  await login(page, OFFICER.account, OFFICER.password)
  await expect(page.locator('[data-test=home-welcome]')).toBeVisible()
  const menu = page.locator('[data-test=side-menu]')
  await expect(menu).not.toContainText('企业服务')

  await go(page, '保安员管理', '/industry/guards')
  // the org tree is on the left for every officer; the first root (咸阳市公安局) holds 渭城
  await expect(page.locator('[data-test=org-tree-panel]')).toBeVisible()
  await expect(page.locator('[data-test=org-tree]')).toContainText('渭城分局')
  await field(page, 'search-name').fill(guard.name)
  await page.locator('[data-test=search-btn]').click()
  const row = page.locator('[data-test=guard-table] .el-table__row', { hasText: guard.name })
  await expect(row).toHaveCount(1)
  await expect(row).toContainText(company.name)
  await expect(row).toContainText('在职')
  // without guard:pii the ID number and mobile come masked
  await expect(row).toContainText(guard.idNo.slice(0, 6))
  await expect(row).not.toContainText(guard.idNo)
  await expect(row).toContainText(guard.mobile.slice(0, 3) + '****' + guard.mobile.slice(7))
  await shot(page, '42-guards-officer')

  await row.getByRole('button', { name: '查看' }).click()
  const drawer = page.locator('[data-test=guard-details]')
  await expect(drawer.locator('[data-test=guard-d-name]')).toHaveText(guard.name)
  await expect(drawer.locator('[data-test=guard-d-employer]')).toHaveText(company.name)
  await expect(drawer.locator('[data-test=guard-employments] .el-table__row').first()).toContainText(company.name)
  await expect(drawer.locator('[data-test=guard-good-deeds]')).toContainText(deedTitle)
  await expect(drawer.locator('[data-test=guard-flags-empty]')).toBeVisible()
  await expect(drawer).toContainText('1995-03-15')
  // the photo the company uploaded, readable by the supervising officer
  const photo = drawer.locator('[data-test=guard-photo] img')
  await expect(photo).toHaveAttribute('src', new RegExp(`/files/${photoId}$`))
  await expect.poll(() => photo.evaluate((img) => img.complete && img.naturalWidth)).toBe(4)
  await shot(page, '43-guard-details')
  await drawer.locator('.el-drawer__close-btn').click()
  // read only, but the supervising role may export
  await expect(page.locator('[data-test=guard-export]')).toBeVisible()

  await go(page, '好人好事管理', '/industry/good-deeds')
  await field(page, 'search-guardName').fill(guard.name)
  await page.locator('[data-test=search-btn]').click()
  const deedRow = page.locator('[data-test=good-deed-table] .el-table__row', { hasText: deedTitle })
  await expect(deedRow).toContainText(company.name)
  await deedRow.getByRole('button', { name: '查看' }).click()
  const details = page.locator('[data-test=good-deed-details]')
  await expect(details.locator('[data-test=deed-d-content]')).toContainText('拾到钱包')
  await shot(page, '44-good-deed-details')
  await details.getByRole('button', { name: '关闭', exact: true }).click()

  // the company registry is read only for this role
  await go(page, '保安服务公司管理', '/industry/companies')
  await field(page, 'search-name').fill(company.name)
  await page.locator('[data-test=search-btn]').click()
  const coRow = page.locator('[data-test=companies-table] .el-table__row', { hasText: company.name })
  await expect(coRow).toContainText('已初始化')
  await expect(page.locator('[data-test=registry-add]')).toBeHidden()
  await expect(coRow.getByRole('button', { name: '编辑' })).toBeHidden()
  await logout(page)
})

test('xy_jb (保安管理科) sees the whole city in the org tree and finds the guard under 渭城分局', async ({ page }) => {
  await login(page, 'xy_jb', OFFICER.password)
  await go(page, '保安员管理', '/industry/guards')
  await expect(page.locator('[data-test=org-tree]')).toContainText('咸阳市公安局')
  await selectTreeOrg(page, '渭城分局')
  await field(page, 'search-name').fill(guard.name)
  await page.locator('[data-test=search-btn]').click()
  await expect(page.locator('[data-test=guard-table] .el-table__row', { hasText: guard.name })).toHaveCount(1)
  await expect(page.locator('[data-test=guard-export]')).toBeVisible()
  await logout(page)
})

test('admin searches guards in the 渭城分局 subtree, opens one and exports', async ({ page }) => {
  await login(page, ADMIN.account, ADMIN.password)
  await go(page, '保安员管理', '/industry/guards')
  await selectTreeOrg(page, '渭城分局')
  await field(page, 'search-idNo').fill(guard.idNo)
  await page.locator('[data-test=search-btn]').click()
  const row = page.locator('[data-test=guard-table] .el-table__row', { hasText: guard.name })
  await expect(row).toContainText(guard.idNo) // admin holds guard:pii
  await expect(page.locator('.el-pagination__total')).toHaveText(/共 1 条/)
  await row.getByRole('button', { name: '查看' }).click()
  await expect(page.locator('[data-test=guard-details] [data-test=guard-d-employer]')).toHaveText(company.name)
  await page.locator('[data-test=guard-details] .el-drawer__close-btn').click()

  // another subtree does not hold the guard
  await selectTreeOrg(page, '秦都分局')
  await expect(page.locator('[data-test=guard-table] .el-table__row', { hasText: guard.name })).toHaveCount(0)
  await selectTreeOrg(page, '渭城分局')
  await expect(row).toBeVisible()

  // 导出 repeats the current filters and saves 保安员_YYYYMMDD.xlsx
  const { res } = await expectXlsxDownload(page, page.locator('[data-test=guard-export]'), '/api/v1/guards/export', '保安员')
  const url = new URL(res.url())
  expect(url.searchParams.get('idNo')).toBe(guard.idNo)
  expect(url.searchParams.get('orgId')).toBeTruthy()
  await shot(page, '45-guards-admin-export')
})

test('admin keeps the other registries: association, in-house unit, training unit', async ({ page }) => {
  await login(page, ADMIN.account, ADMIN.password)

  // ---- 保安协会: create, search by 成立日期 range, delete
  await go(page, '保安协会管理', '/industry/associations')
  await selectTreeOrg(page, '咸阳市公安局')
  await page.locator('[data-test=registry-add]').click()
  let dlg = page.locator('.el-dialog', { hasText: '新增保安协会信息' })
  const assoc = `咸阳市渭城区保安协会${tag}`
  await field(dlg, 'f-name').fill(assoc)
  await fillDate(page, item(dlg, 'foundedOn'), '2012-03-01')
  await pickRegion(page, item(dlg, 'regionCode'), '渭城区')
  await field(dlg, 'f-phone').fill('029-33216688')
  await field(dlg, 'f-memberCount').fill('36')
  await field(dlg, 'f-presidentName').fill('周国华')
  await field(dlg, 'f-presidentIdNo').fill(makeIdNo('19650720'))
  await shot(page, '46-association-dialog')
  await dlg.locator('[data-test=registry-save]').click()
  await expectSuccess(page, '新增成功')
  const assocRow = page.locator('[data-test=associations-table] .el-table__row', { hasText: assoc })
  await expect(assocRow).toContainText('渭城分局')
  // 成立日期 range: type both ends
  const ends = page.locator('[data-test=sf-founded] input')
  await ends.nth(0).fill('2012-01-01')
  await ends.nth(1).fill('2012-12-31')
  await ends.nth(1).press('Enter')
  await page.keyboard.press('Escape')
  await page.locator('[data-test=search-btn]').click()
  await expect(assocRow).toBeVisible()
  await shot(page, '47-associations')
  await assocRow.getByRole('button', { name: '删除' }).click()
  await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click()
  await expectSuccess(page, '删除成功')
  await expect(assocRow).toHaveCount(0)

  // ---- 自行招用保安员单位: four sections; edit keeps the masked legal ID
  await go(page, '自行招用保安员单位管理', '/industry/inhouse-units')
  await selectTreeOrg(page, '咸阳市公安局')
  await page.locator('[data-test=registry-add]').click()
  dlg = page.locator('.el-dialog', { hasText: '新增自行招用保安员单位信息' })
  for (const t of ['单位基本信息', '法人信息', '保安部门基本情况', '单位负责人信息']) {
    await expect(dlg.locator('.form-section-title', { hasText: t })).toBeVisible()
  }
  const unit = `咸阳国际机场候机楼管理处${tag}`
  await field(dlg, 'f-name').fill(unit)
  await field(dlg, 'f-code').fill(makeCreditCode())
  await pickRegion(page, item(dlg, 'regionCode'), '渭城区')
  await field(dlg, 'f-legalName').fill('韩志强')
  await field(dlg, 'f-legalIdNo').fill(makeIdNo('19700101'))
  await field(dlg, 'f-legalMobile').fill(makeMobile())
  await field(dlg, 'f-deptName').fill('安保部')
  await field(dlg, 'f-guardCount').fill('24')
  await shot(page, '48-inhouse-dialog')
  await dlg.locator('[data-test=registry-save]').click()
  await expectSuccess(page, '新增成功')
  const unitRow = page.locator('[data-test=inhouse-units-table] .el-table__row', { hasText: unit })
  await expect(unitRow).toContainText('安保部')
  await unitRow.getByRole('button', { name: '编辑' }).click()
  dlg = page.locator('.el-dialog', { hasText: '编辑自行招用保安员单位信息' })
  await expect(field(dlg, 'f-name')).toHaveValue(unit)
  await field(dlg, 'f-deptName').fill('安全保卫部')
  await dlg.locator('[data-test=registry-save]').click()
  await expectSuccess(page, '修改成功')
  await expect(unitRow).toContainText('安全保卫部')

  // ---- 保安培训单位: the manual's form, cell by cell; revocation rules
  await go(page, '保安培训单位信息管理', '/industry/training-units')
  await selectTreeOrg(page, '渭城分局')
  await page.locator('[data-test=registry-add]').click()
  dlg = page.locator('.el-dialog', { hasText: '新增保安培训单位信息' })
  await expect(dlg.locator('[data-test=form-org-name]')).toHaveText('渭城分局')
  const labels = await dlg.locator('.el-form-item__label').allInnerTexts()
  expect(labels.map((l) => l.trim())).toEqual([
    '单位编码', '单位名称', '跨区经营市县', '注册地址', '主要负责人手机号', '校长公民身份证号码', '校长姓名', '校长手机号',
    '注册资金(万元)', '保安培训许可证编码', '保安培训许可证发证机关编码', '保安培训许可证发证机关名称', '保安培训许可证颁发日期',
    '保安培训许可证吊销机关', '保安培训许可证吊销日期',
  ])
  const school = `咸阳平安保安培训学校${tag}`
  await field(dlg, 'f-code').fill(`PX${tag}`)
  await field(dlg, 'f-name').fill(school)
  await field(dlg, 'f-principalName').fill('冯建设')
  await field(dlg, 'f-licenceNo').fill(`陕公保培${tag}`)
  await fillDate(page, item(dlg, 'revokedOn'), '2020-01-01')
  await dlg.locator('[data-test=registry-save]').click()
  await expect(item(dlg, 'issuedOn')).toContainText('填写吊销日期时必须填写颁发日期')
  await expect(item(dlg, 'revokedBy')).toContainText('必须填写吊销机关')
  await item(dlg, 'revokedOn').locator('input').hover()
  await item(dlg, 'revokedOn').locator('.el-input__clear, .clear-icon').first().click()
  await fillDate(page, item(dlg, 'issuedOn'), '2018-05-20')
  await shot(page, '49-training-dialog')
  await dlg.locator('[data-test=registry-save]').click()
  await expectSuccess(page, '新增成功')
  const schoolRow = page.locator('[data-test=training-units-table] .el-table__row', { hasText: school })
  await expect(schoolRow).toContainText('2018-05-20')
  await expect(schoolRow).toContainText('渭城分局')
  await schoolRow.getByRole('button', { name: '查看' }).click()
  const drawer = page.locator('[data-test=training-units-details]')
  await expect(drawer.locator('[data-test=d-principalName]')).toHaveText('冯建设')
  await shot(page, '50-training-details')
  await drawer.locator('.el-drawer__close-btn').click()

  // 数据导出 with the current filters
  await expectXlsxDownload(page, page.locator('[data-test=registry-export]'), '/api/v1/training-units/export', '保安培训单位')
})

test('admin resets the company password and deregisters it; the company can no longer sign in', async ({ page, baseURL }) => {
  await login(page, ADMIN.account, ADMIN.password)
  await go(page, '保安服务公司管理', '/industry/companies')
  await selectTreeOrg(page, '渭城分局')
  await field(page, 'search-creditCode').fill(company.creditCode)
  await page.locator('[data-test=search-btn]').click()
  const row = page.locator('[data-test=companies-table] .el-table__row', { hasText: company.creditCode })
  await expect(row).toContainText('已初始化')

  // 导出 of the registry with the current filters: 保安服务公司_YYYYMMDD.xlsx
  const exported = await expectXlsxDownload(page, page.locator('[data-test=registry-export]'), '/api/v1/companies/export', '保安服务公司')
  expect(new URL(exported.res.url()).searchParams.get('creditCode')).toBe(company.creditCode)

  // 重置密码 from the toolbar, on the selected row
  await expect(page.locator('[data-test=company-reset-password]')).toBeDisabled()
  await row.locator('td').nth(1).click()
  await page.locator('[data-test=company-reset-password]').click()
  const box = page.locator('.el-message-box')
  await expect(box).toContainText('企业账号密码将重置为123456')
  await box.getByRole('button', { name: '确定' }).click()
  await expectSuccess(page, '密码已重置')

  // 注销
  await row.getByRole('button', { name: '注销' }).click()
  const dlg = page.locator('[data-test=deregister-dialog]')
  await expect(dlg).toBeVisible()
  await dlg.locator('[data-test=deregister-save]').click()
  await expect(dlg).toContainText('请输入注销原因')
  await dlg.locator('[data-test=deregister-reason] textarea, textarea[data-test=deregister-reason]').first().fill('公司申请停业,经核准注销')
  await shot(page, '51-company-deregister')
  await dlg.locator('[data-test=deregister-save]').click()
  await expectSuccess(page, '已注销')
  await expect(row).toContainText('已注销')
  await expect(row.getByRole('button', { name: '注销' })).toHaveCount(0)
  await shot(page, '52-company-deregistered')
  await logout(page)

  // the portal account is disabled
  const anon = await (await import('@playwright/test')).request.newContext({ baseURL })
  const res = await anon.post('/api/v1/auth/login', { data: { account: company.creditCode, password: '123456' } })
  expect(res.status()).not.toBe(200)
  await anon.dispose()
  await login(page, company.creditCode, '123456')
  await expect(page.locator('[data-test=login-error]')).toBeVisible()
})
