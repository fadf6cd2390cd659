// Issue 11, the applicant: a company signs up from the login page (SMS code to the legal person's
// mobile), signs in, lands on 业务申请, fills the 保安服务公司许可证 form with uploaded PDF and PNG
// materials, saves a draft, submits (办件编号, 待受理, time left); the city's handler asks for a
// correction; the applicant reads it (bell, 消息通知, the case), corrects, resubmits and withdraws.
import {
  test, expect, shot, field, expectSuccess, latestSmsCode, apiAs, pickRegion, makeCreditCode, makeIdNo, makeMobile, runTag,
} from './fixtures.js'

// small but real files: the server decides the type by the magic bytes
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
  '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')
const PASSWORD = 'Apply#2026x'

/** Choose files for a file field of the application form and wait until every one is listed. */
async function upload(page, key, files) {
  const box = page.locator(`[data-test=field-${key}]`)
  const before = await box.locator('[data-test=file-item]').count()
  await box.locator('input[type=file]').setInputFiles(files)
  await expect(box.locator('[data-test=file-item]')).toHaveCount(before + files.length)
  for (const f of files) await expect(box.locator('[data-test=file-item]', { hasText: f.name })).toBeVisible()
}

test('an applicant signs up, applies for the company licence with materials, corrects it when asked and withdraws', async ({ page, baseURL }) => {
  const officerApi = await apiAs(baseURL, 'xy_jb', 'Baoan@2026') // 咸阳 市经办民警, the chain's first step
  const tag = runTag()
  const who = {
    creditCode: makeCreditCode(),
    name: `咸阳${tag}保安服务有限公司`,
    legalName: '王立新',
    idNo: makeIdNo('19800101'),
    mobile: makeMobile(),
  }

  // ---- 单位注册, from the login page's link
  await page.goto('/')
  await expect(page).toHaveURL(/#\/login$/)
  await page.locator('[data-test=login-sign-up]').click()
  await expect(page).toHaveURL(/#\/sign-up$/)
  await expect(page.locator('[data-test=sign-up]')).toContainText('单位注册')

  // the client checks with the server's rules before anything is sent
  await field(page, 'signup-creditCode').fill('91610404MA6X00001')
  await field(page, 'signup-legalIdNo').fill(who.idNo.slice(0, 17) + (who.idNo[17] === '0' ? '1' : '0'))
  await field(page, 'signup-legalIdNo').blur()
  await expect(page.locator('.el-form-item', { has: field(page, 'signup-creditCode') }).locator('.el-form-item__error')).toHaveText('统一社会信用代码应为18位')
  await expect(page.locator('.el-form-item', { has: field(page, 'signup-legalIdNo') }).locator('.el-form-item__error')).toHaveText('身份证号校验位错误')
  await shot(page, 'portal-apply-01-sign-up-errors')

  await field(page, 'signup-creditCode').fill(who.creditCode)
  await field(page, 'signup-name').fill(who.name)
  await pickRegion(page, page.locator('[data-test=signup-regionCode]'), '渭城区')
  await field(page, 'signup-legalName').fill(who.legalName)
  await field(page, 'signup-legalIdNo').fill(who.idNo)
  await field(page, 'signup-mobile').fill(who.mobile)
  await page.locator('[data-test=signup-send-sms]').click()
  await expect(page.locator('[data-test=signup-sms-sent]')).toContainText(`${who.mobile.slice(0, 3)}****${who.mobile.slice(7)}`)
  await expect(page.locator('[data-test=signup-send-sms]')).toContainText('秒后重新获取')
  await expect(page.locator('[data-test=signup-send-sms]')).toBeDisabled()
  const code = await latestSmsCode(baseURL, who.mobile)
  // a wrong code: the server's message on the code's field
  const wrong = code === '000000' ? '111111' : '000000'
  await field(page, 'signup-smsCode').fill(wrong)
  await field(page, 'signup-password').fill(PASSWORD)
  await field(page, 'signup-confirm').fill(PASSWORD)
  await shot(page, 'portal-apply-02-sign-up-filled')
  await page.locator('[data-test=signup-submit]').click()
  await expect(page.locator('.el-form-item', { has: field(page, 'signup-smsCode') }).locator('.el-form-item__error'))
    .toHaveText('短信验证码错误或已过期')
  await field(page, 'signup-smsCode').fill(code)
  await page.locator('[data-test=signup-submit]').click()

  // ---- back on the login page with the account filled in
  await expect(page).toHaveURL(/#\/login\?account=/)
  await expectSuccess(page, '注册成功')
  await expect(field(page, 'login-account')).toHaveValue(who.creditCode)
  await field(page, 'login-password').fill(PASSWORD)
  await field(page, 'login-password').press('Enter')

  // ---- an applicant lands on 业务申请; its menu holds nothing else than its applications and messages
  await expect(page).toHaveURL(/#\/portal\/applications$/)
  const menu = page.locator('[data-test=side-menu]')
  await expect(menu).toContainText('业务申请')
  await expect(menu).toContainText('消息通知')
  await expect(menu).not.toContainText('企业信息')
  await expect(menu).not.toContainText('保安员管理')
  await expect(page.locator('[data-test=header-org]')).toHaveText(who.name)
  await expect(page.locator('[data-test=application-table]')).toContainText('暂无数据')
  await shot(page, 'portal-apply-03-applications-empty')

  // ---- 新建申请: the business types; only the company licence is open to an applicant
  await page.locator('[data-test=application-new]').click()
  const dlg = page.locator('[data-test=type-dialog]')
  await expect(dlg.locator('[data-test=type-company_licence]')).toContainText('保安服务公司许可证')
  await expect(dlg.locator('[data-test=type-training_licence]')).toContainText('暂不可申请')
  await shot(page, 'portal-apply-04-new-dialog')
  await dlg.locator('[data-test=type-company_licence-apply]').click()
  await expect(page).toHaveURL(/#\/portal\/applications\/new\/company_licence$/)
  const form = page.locator('[data-test=application-form]')
  await expect(form.locator('[data-test=field-legalPerson]')).toBeVisible()
  // what the account already says is filled in
  await expect(field(form, 'input-name')).toHaveValue(who.name)
  await expect(field(form, 'input-creditCode')).toHaveValue(who.creditCode)
  await expect(form.locator('[data-test=field-regionCode] input')).toHaveValue(/渭城区/)
  await field(form, 'input-name').fill('')
  await field(form, 'input-creditCode').fill('')

  // submitting an empty form: every required field says what it misses, nothing is sent
  await page.locator('[data-test=submit-application]').click()
  await expect(form.locator('[data-test=field-name] .el-form-item__error')).toHaveText('公司名称不能为空')
  await expect(form.locator('[data-test=field-charterFiles] .el-form-item__error')).toHaveText('请上传公司章程')
  await expect(form.locator('[data-test=field-legalPerson]')).toContainText('姓名不能为空')
  await shot(page, 'portal-apply-05-form-required')

  // ---- fill it in
  await field(form, 'input-name').fill(who.name)
  await field(form, 'input-creditCode').fill(who.creditCode)
  await pickRegion(page, form.locator('[data-test=field-regionCode]'), '渭城区')
  await field(form, 'input-address').fill('咸阳市渭城区文汇路18号')
  await field(form, 'input-regCapital').fill('500')
  await field(form, 'input-regCapital').blur()
  await form.locator('[data-test=input-serviceScope]').getByText('门卫', { exact: true }).click()
  await form.locator('[data-test=input-serviceScope]').getByText('巡逻', { exact: true }).click()
  await field(form, 'legalPerson-0-name').fill(who.legalName)
  await field(form, 'legalPerson-0-idNo').fill(who.idNo)
  await field(form, 'legalPerson-0-mobile').fill(who.mobile)
  await field(form, 'legalPerson-0-role').fill('执行董事')
  await expect(form.locator('[data-test=legalPerson-add]')).toBeDisabled() // one legal person
  // a required table starts with one row to fill
  await field(form, 'managers-0-name').fill('李经理')
  await field(form, 'managers-0-idNo').fill(makeIdNo('19850202'))
  await field(form, 'managers-0-role').fill('总经理')
  await form.locator('textarea[data-test=input-facilities]').fill('办公用房200平方米,监控中心一处,器械库一处')
  await form.locator('textarea[data-test=input-organisation]').fill('设总经理办公室、业务部、培训部;制定保安员招用、培训、值勤管理制度')

  await upload(page, 'businessLicenceFiles', [{ name: '营业执照.png', mimeType: 'image/png', buffer: PNG }])
  await upload(page, 'resumeFiles', [
    { name: '法定代表人身份证及履历.pdf', mimeType: 'application/pdf', buffer: PDF },
    { name: '总经理履历.pdf', mimeType: 'application/pdf', buffer: PDF },
  ])
  await upload(page, 'capitalFiles', [{ name: '验资报告.pdf', mimeType: 'application/pdf', buffer: PDF }])
  await upload(page, 'facilityFiles', [{ name: '场所照片.png', mimeType: 'image/png', buffer: PNG }])
  await upload(page, 'rulesFiles', [{ name: '管理制度.pdf', mimeType: 'application/pdf', buffer: PDF }])
  await upload(page, 'charterFiles', [{ name: '公司章程.pdf', mimeType: 'application/pdf', buffer: PDF }])
  // a file of another kind is refused before it is sent
  await form.locator('[data-test=field-charterFiles] input[type=file]')
    .setInputFiles({ name: '章程.docx', mimeType: 'application/msword', buffer: Buffer.from('not a pdf') })
  await expect(page.locator('.el-message--error', { hasText: '不是 PDF、JPG 或 PNG 文件' }).last()).toBeVisible()
  await expect(form.locator('[data-test=field-charterFiles] [data-test=file-item]')).toHaveCount(1)
  // remove one and put it back
  await form.locator('[data-test=field-resumeFiles] [data-test=file-item]', { hasText: '总经理履历.pdf' }).locator('[data-test=file-remove]').click()
  await expect(form.locator('[data-test=field-resumeFiles] [data-test=file-item]')).toHaveCount(1)
  await upload(page, 'resumeFiles', [{ name: '总经理履历.pdf', mimeType: 'application/pdf', buffer: PDF }])
  await shot(page, 'portal-apply-06-form-filled')

  // leaving with unsaved changes asks first; staying keeps everything
  await page.locator('[data-test=side-menu]').getByText('业务申请', { exact: true }).click()
  await page.locator('.el-message-box').getByRole('button', { name: '留在本页' }).click()
  await expect(page).toHaveURL(/#\/portal\/applications\/new\/company_licence$/)
  await expect(form.locator('[data-test=field-charterFiles] [data-test=file-item]')).toHaveCount(1)

  // a 422 of the server lands on the fields it names (form.address, form.managers[0].idNo), the
  // form keeps every value (the server's answer is played once here: its rules are the client's)
  await page.route('**/api/v1/portal/applications', (route) => route.fulfill({
    status: 422,
    contentType: 'application/json',
    body: JSON.stringify({ error: { code: 'validation_failed', message: '住所不能含有控制字符', fields: {
      'form.address': '住所不能含有控制字符', 'form.managers[0].idNo': '主要管理人员第1行:身份证号与第2行重复',
    } } }),
  }), { times: 1 })
  await page.locator('[data-test=save-draft]').click()
  await expect(form.locator('[data-test=field-address] .el-form-item__error')).toHaveText('住所不能含有控制字符')
  await expect(form.locator('[data-test=field-managers]')).toContainText('主要管理人员第1行:身份证号与第2行重复')
  await expect(page).toHaveURL(/#\/portal\/applications\/new\/company_licence$/)
  await shot(page, 'portal-apply-06b-server-errors')

  // ---- 保存草稿: the draft gets its own page; a reload keeps every value and the file names
  await page.locator('[data-test=save-draft]').click()
  await expectSuccess(page, '草稿已保存')
  await expect(page).toHaveURL(/#\/portal\/applications\/\d+\/edit$/)
  await page.reload()
  await expect(field(page.locator('[data-test=application-form]'), 'input-name')).toHaveValue(who.name)
  await expect(page.locator('[data-test=field-resumeFiles] [data-test=file-item]')).toHaveCount(2)
  await expect(page.locator('[data-test=field-businessLicenceFiles]')).toContainText('营业执照.png')
  await expect(page.locator('[data-test=edit-status]')).toHaveText('草稿')
  await shot(page, 'portal-apply-07-draft-reloaded')

  // ---- 提交
  await page.locator('[data-test=submit-application]').click()
  await page.locator('.el-message-box').getByRole('button', { name: '提交' }).click()
  await expect(page).toHaveURL(/#\/portal\/applications\/\d+$/)
  await expect(page.locator('[data-test=detail-case-no]')).toHaveText(/^BA\d{12}$/)
  const caseNo = (await page.locator('[data-test=detail-case-no]').textContent()).trim()
  const caseId = Number(/#\/portal\/applications\/(\d+)$/.exec(page.url())[1])
  await expect(page.locator('[data-test=detail-status]')).toHaveText('待受理')
  await expect(page.locator('[data-test=detail-time-left]')).toContainText('个工作日')
  await expect(page.locator('[data-test=detail-progress]')).toContainText('提交申请')
  // the form read only, the materials still open for preview
  await expect(page.locator('[data-test=application-form] [data-test=file-remove]')).toHaveCount(0)
  await expect(page.locator('[data-test=application-form]')).toContainText('公司章程.pdf')
  await shot(page, 'portal-apply-08-submitted')

  // ---- the list shows it
  await page.locator('[data-test=side-menu]').getByText('业务申请', { exact: true }).click()
  const row = page.locator('[data-test=application-table] .el-table__row', { hasText: caseNo })
  await expect(row.locator('[data-test=row-status]')).toHaveText('待受理')
  await expect(row).toContainText('保安服务公司许可证')
  await expect(row).toContainText('剩余')
  await shot(page, 'portal-apply-09-list')

  // ---- the city's handler (xy_jb) asks for a correction (补正告知, one list; over the API)
  // the case waits in this officer's 待办 under the id the portal has (one id everywhere)
  const todo = await (await officerApi.get('/api/v1/todo', { params: { caseNo } })).json()
  expect(todo.items.map((x) => x.id)).toEqual([caseId])
  const asked = await officerApi.post(`/api/v1/applications/${caseId}/request-correction`, {
    data: { items: ['营业执照请上传加盖公章的彩色扫描件', '主要管理人员履历缺少近三年工作经历'], opinion: '内部意见:材料待补' },
  })
  expect(asked.status(), await asked.text()).toBe(200)

  // the bell counts the message; 消息通知 names the case and opens it
  await page.reload()
  await expect(page.locator('[data-test=header-messages] .el-badge__content')).toHaveText('1')
  await page.locator('[data-test=header-messages]').click()
  await expect(page).toHaveURL(/#\/portal\/messages$/)
  const message = page.locator('[data-test=message-item]').first()
  await expect(message).toContainText('补正告知')
  await expect(message).toContainText(caseNo)
  await shot(page, 'portal-apply-10-messages')
  await message.locator('[data-test=message-open]').click()
  await expect(page.locator('[data-test=detail-status]')).toHaveText('待补正')
  await expect(page.locator('[data-test=detail-correction]')).toContainText('营业执照请上传加盖公章的彩色扫描件')
  await expect(page.locator('[data-test=detail-correction]')).toContainText('主要管理人员履历缺少近三年工作经历')
  await expect(page.locator('body')).not.toContainText('内部意见') // never the officers' opinions
  await shot(page, 'portal-apply-11-correction')

  // ---- correct and resubmit
  await page.locator('[data-test=detail-edit]').click()
  await expect(page).toHaveURL(/#\/portal\/applications\/\d+\/edit$/)
  await expect(page.locator('[data-test=edit-correction]')).toContainText('营业执照请上传加盖公章的彩色扫描件')
  await upload(page, 'businessLicenceFiles', [{ name: '营业执照(盖章).pdf', mimeType: 'application/pdf', buffer: PDF }])
  await page.locator('[data-test=submit-application]').click()
  await page.locator('.el-message-box').getByRole('button', { name: '提交' }).click()
  await expect(page).toHaveURL(/#\/portal\/applications\/\d+$/)
  await expect(page.locator('[data-test=detail-status]')).toHaveText('待受理')
  await expect(page.locator('[data-test=detail-case-no]')).toHaveText(caseNo) // the same case
  await expect(page.locator('[data-test=detail-progress]')).toContainText('重新提交')
  await expect(page.locator('[data-test=application-form] [data-test=field-businessLicenceFiles]')).toContainText('营业执照(盖章).pdf')
  await page.locator('[data-test=side-menu]').getByText('业务申请', { exact: true }).click()

  // ---- 撤回 (before 受理)
  await row.locator('[data-test=row-withdraw]').click()
  await page.locator('.el-message-box').getByRole('button', { name: '撤回' }).click()
  await expectSuccess(page, '申请已撤回')
  await expect(row.locator('[data-test=row-status]')).toHaveText('已撤回')
  await expect(row.locator('[data-test=row-withdraw]')).toHaveCount(0)
  await row.locator('[data-test=row-view]').click()
  await expect(page.locator('[data-test=detail-status]')).toHaveText('已撤回')
  await expect(page.locator('[data-test=detail-progress]')).toContainText('撤回申请')
  await shot(page, 'portal-apply-12-withdrawn')
  await officerApi.dispose()
})
