// Issue 11, the applicant at the end of the road: its 保安服务公司设立许可 was granted (driven through the
// eight steps over the API in the setup — approval-chain.spec.js does the same in the browser), so it
// signs in from the bare address, reads the outcome (the SMS to its legal person, the bell, 消息通知,
// 准予许可 on the case with the licence number) and downloads the licence from the case: a real PDF naming
// the number and the company, whose QR code opens the public verification page without a session.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test, expect, shot, login, goMenu, apiAs, ADMIN } from './fixtures.js'
import { licensedCompany, APPLICANT_PASSWORD } from './applications.js'

const has = (tool, args) => {
  try {
    execFileSync(tool, args, { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
/** The text of the PDF by poppler's pdftotext, and the content of its QR code (pdftoppm + zbarimg); null when the tool is missing. */
function readPdf(bytes) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baoan-licence-'))
  try {
    const file = path.join(dir, 'licence.pdf')
    fs.writeFileSync(file, bytes)
    const text = has('pdftotext', ['-v']) ? execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }) : null
    let qr = null
    if (has('pdftoppm', ['-v']) && has('zbarimg', ['--version'])) {
      execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', file, path.join(dir, 'licence')])
      qr = execFileSync('zbarimg', ['--raw', '-q', path.join(dir, 'licence.png')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    }
    return { text, qr }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

test('a granted applicant reads the outcome on the portal and downloads its licence PDF', async ({ page, browser, baseURL }) => {
  test.setTimeout(60_000)
  const granted = await licensedCompany(baseURL) // signs up, applies, eight steps over the API, first-login guide done
  const { who, caseNo } = granted
  // the number the officers see on 保安服务许可证 (the province's list)
  const province = await apiAs(baseURL, 'st_fcz', 'Baoan@2026')
  const { items: [issued] } = await (await province.get('/api/v1/licences', { params: { holderName: who.name } })).json()
  await province.dispose()
  expect(issued.holderName).toBe(who.name)
  // the outcome's SMS went to the legal person's mobile
  const admin = await apiAs(baseURL, ADMIN.account, ADMIN.password)
  const { items: sms } = await (await admin.get('/api/v1/sms-messages', { params: { mobile: who.legalMobile, page: 1, size: 20 } })).json()
  await admin.dispose()
  expect(sms.map((m) => m.content).join('\n')).toMatch(new RegExp(`${caseNo}.*准予许可`))

  // ---- signs in with the password it chose, now a company account (its home, the company's menu);
  // 业务申请 lists the case as granted, the bell counts the outcomes' messages (受理, 准予许可)
  await login(page, who.creditCode, APPLICANT_PASSWORD)
  await expect(page.locator('[data-test=header-org]')).toHaveText(who.name)
  await goMenu(page, '业务申请', '/portal/applications')
  const row = page.locator('[data-test=application-table] .el-table__row', { hasText: caseNo })
  await expect(row.locator('[data-test=row-status]')).toHaveText('准予许可')
  await expect(page.locator('[data-test=header-messages] .el-badge__content')).toHaveText('2')
  await page.locator('[data-test=header-messages]').click()
  await expect(page).toHaveURL(/#\/portal\/messages$/)
  const message = page.locator('[data-test=message-item]', { hasText: '准予许可' }).first()
  await expect(message).toContainText(caseNo)
  await expect(message).toContainText('已审批通过')
  await shot(page, 'portal-licence-01-messages')

  // ---- the case: 准予许可, the licence number, nobody's internal opinion
  await message.locator('[data-test=message-open]').click()
  await expect(page.locator('[data-test=detail-case-no]')).toHaveText(caseNo)
  await expect(page.locator('[data-test=detail-status]')).toHaveText('准予许可')
  await expect(page.locator('[data-test=detail-licence-no]')).toHaveText(issued.number)
  await expect(page.locator('[data-test=detail-progress]')).toContainText('同意')
  await expect(page.locator('[data-test=application-detail]')).not.toContainText('经审查,同意') // the officers' opinions stay inside
  await shot(page, 'portal-licence-02-granted')

  // ---- 下载许可证: a real PDF with the number and the holder
  const downloading = page.waitForEvent('download')
  await page.locator('[data-test=detail-licence]').click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/\.pdf$/)
  const bytes = fs.readFileSync(await download.path())
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  expect(bytes.length).toBeGreaterThan(10_000) // a licence with CJK fonts and a QR code, not an error page
  const { text, qr } = readPdf(bytes)
  if (text !== null) {
    expect(text).toContain(issued.number)
    expect(text.replace(/\s+/g, '')).toContain(who.name)
  }
  // its QR code opens the public verification page, which needs no session
  if (qr !== null) {
    expect(new URL(qr).pathname).toBe(issued.verifyUrl)
    const visitor = await browser.newContext({ baseURL })
    const anon = await visitor.newPage()
    await anon.goto(issued.verifyUrl)
    await expect(anon.locator('body')).toContainText('该许可证有效')
    await expect(anon.locator('body')).toContainText(issued.number)
    await expect(anon.locator('body')).toContainText(who.name)
    await expect(anon.locator('body')).not.toContainText(who.legalIdNo)
    await visitor.close()
  }
})
