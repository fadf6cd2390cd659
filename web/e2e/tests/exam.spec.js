// Issue 13, 保安员资格许可 in the browser: a person signs up (个人, with the ID number as the account and an
// SMS code), registers for the exam with a photo (a refused photo says why, on the photo), sees the
// registration's place in the pipeline; an officer finds it in §6.1.1 (read only, its case view); an
// exam is created (rooms, 成绩合格标准), paid candidates are added and seated, and the tickets open as a PDF.
import {
  test, expect, shot, field, expectSuccess, latestSmsCode, login, logout, goMenu, makeIdNo, makeMobile, runTag,
} from './fixtures.js'
import { fillForm } from './formFill.js'

const PASSWORD = 'Exam#2026x'
const OFFICER_PASSWORD = 'Baoan@2026'

/**
 * A photo as the rules want it (JPEG, 358×441, light background, a dark face-sized region in the middle),
 * or a refused one: drawn on a canvas in the page, so the test needs no image files.
 */
async function photo(page, { width = 358, height = 441, background = '#f4f6f8', face = true, type = 'image/jpeg' } = {}) {
  const b64 = await page.evaluate(async ({ width, height, background, face, type }) => {
    const c = globalThis.document.createElement('canvas')
    c.width = width
    c.height = height
    const g = c.getContext('2d')
    g.fillStyle = background
    g.fillRect(0, 0, width, height)
    if (face) {
      g.fillStyle = '#3b2a20'
      g.beginPath()
      g.ellipse(width / 2, height * 0.42, width * 0.2, height * 0.22, 0, 0, Math.PI * 2)
      g.fill()
      g.fillRect(width * 0.22, height * 0.7, width * 0.56, height * 0.3)
    }
    const blob = await new Promise((resolve) => c.toBlob(resolve, type, 0.92))
    const bytes = new Uint8Array(await blob.arrayBuffer())
    let s = ''
    for (const b of bytes) s += String.fromCharCode(b)
    return btoa(s)
  }, { width, height, background, face, type })
  return Buffer.from(b64, 'base64')
}

/** Pick 陕西省 / 咸阳市 / 渭城区 / its first town (乡镇/街道) in the region field `item`. */
async function pickTown(page, item) {
  await item.locator('[data-test=region-cascader]').click()
  const panel = page.locator('.el-cascader__dropdown:visible')
  await panel.locator('.el-cascader-node', { hasText: '陕西省' }).click()
  await panel.locator('.el-cascader-node', { hasText: '咸阳市' }).click()
  await panel.locator('.el-cascader-node', { hasText: '渭城区' }).click()
  const towns = panel.locator('.el-cascader-menu').nth(3)
  await towns.locator('.el-cascader-node').first().locator('.el-radio').click()
  await page.keyboard.press('Escape')
  await expect(item.locator('input').first()).toHaveValue(/渭城区 \/ ./)
}

test('a person signs up and registers with a photo; the county officer sees the registration in §6.1.1, read only',
  async ({ page, baseURL }) => {
    const tag = runTag()
    const person = { idNo: makeIdNo('19960312'), name: `考生${tag}`, mobile: makeMobile() }

    // ---- 个人注册, from the login page's link
    await page.goto('/')
    await expect(page).toHaveURL(/#\/login$/)
    await page.locator('[data-test=login-sign-up]').click()
    await expect(page).toHaveURL(/#\/sign-up$/)
    await page.locator('[data-test=signup-unitKind-person]').click()
    await expect(page.locator('[data-test=sign-up]')).toContainText('个人注册')
    await expect(page.locator('[data-test=signup-intro]')).toContainText('账号为本人公民身份号码')
    await expect(field(page, 'signup-creditCode')).toHaveCount(0)
    await field(page, 'signup-idNo').fill(person.idNo)
    await field(page, 'signup-name').fill(person.name)
    await field(page, 'signup-mobile').fill(person.mobile)
    await page.locator('[data-test=signup-send-sms]').click()
    await expect(page.locator('[data-test=signup-sms-sent]')).toBeVisible()
    await field(page, 'signup-smsCode').fill(await latestSmsCode(baseURL, person.mobile))
    await field(page, 'signup-password').fill(PASSWORD)
    await field(page, 'signup-confirm').fill(PASSWORD)
    await shot(page, 'exam-01-sign-up-person')
    await page.locator('[data-test=signup-submit]').click()
    await expect(page).toHaveURL(/#\/login\?account=/)
    await expectSuccess(page, '注册成功')
    await expect(field(page, 'login-account')).toHaveValue(person.idNo)
    await field(page, 'login-password').fill(PASSWORD)
    await field(page, 'login-password').press('Enter')

    // ---- 考试报名: the form, with the ID number's facts shown, not typed
    await goMenu(page, '考试报名', '/portal/exam-registrations')
    const reg = page.locator('[data-test=registration-form]')
    await expect(reg.locator('[data-test=application-form]')).toBeVisible()
    await expect(reg.locator('[data-test=derived-gender]')).toHaveText(Number(person.idNo[16]) % 2 ? '男' : '女')
    await expect(reg.locator('[data-test=derived-birth]')).toHaveText('1996-03-12')
    await expect(reg.locator('[data-test=derived-region]')).toContainText('渭城区')

    const definition = await (await page.request.get('/api/v1/business-types/exam_registration/form')).json()
    const isPhoto = (f) => f.type === 'file' && (/photo/i.test(f.key) || f.label.includes('照片'))
    const regionField = definition.fields.find((f) => f.type === 'region')
    await fillForm(page, { fields: definition.fields.filter((f) => !isPhoto(f) && f.type !== 'region') }, {
      values: { education: '高中', ...Object.fromEntries(definition.fields.filter((f) => f.type === 'mobile').map((f) => [f.key, person.mobile])) },
    })
    if (regionField) await pickTown(page, reg.locator(`[data-test=field-${regionField.key}]`))

    // a photo that breaks the rules: the server says which one, on the photo
    const photoInput = reg.locator('[data-test=field-photo] input[type=file]')
    await photoInput.setInputFiles({ name: 'dark.jpg', mimeType: 'image/jpeg', buffer: await photo(page, { background: '#202020', face: false }) })
    await expect(reg.locator('[data-test=photo-error]')).toHaveText('照片背景应为白色或浅色,上传的照片背景偏暗')
    await shot(page, 'exam-02-photo-refused')

    await photoInput.setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: await photo(page) })
    await expect(reg.locator('[data-test=photo-preview]')).toBeVisible()
    await shot(page, 'exam-03-registration-filled')
    await page.locator('[data-test=registration-submit]').click()
    await expectSuccess(page, '报名已提交')
    const status = page.locator('[data-test=registration-status-view]')
    await expect(status.locator('[data-test=registration-status-tag]')).toHaveText('待背景审查')
    await expect(status.locator('[data-test=registration-steps]')).toBeVisible()
    await expect(page.locator('[data-test=header-person]')).toHaveText('个人')
    await shot(page, 'exam-04-registration-status')
    await logout(page)

    // ---- §6.1.1: the county's officer sees it (read only), its case view with materials and 审批进度
    await login(page, 'wc_jb', OFFICER_PASSWORD)
    await goMenu(page, '保安员资格证考试报名', '/exam/registrations')
    await field(page, 'search-name').fill(person.name)
    await page.locator('[data-test=search-btn]').click()
    const row = page.locator('[data-test=registration-table] .el-table__body-wrapper .el-table__row')
    await expect(row).toHaveCount(1)
    await expect(row).toContainText('待背景审查')
    await expect(row).toContainText(`${person.idNo.slice(0, 6)}`)
    await expect(row).not.toContainText(person.idNo) // masked
    await shot(page, 'exam-05-registrations')
    await row.locator('[data-test=registration-view]').click()
    await expect(page).toHaveURL(/#\/exam\/registrations\/\d+$/)
    await expect(page.locator('[data-test=case-page]')).toContainText(person.name)
    await expect(page.locator('[data-test=case-tabs]')).toContainText('审批材料')
    await shot(page, 'exam-06-registration-case')
  })
