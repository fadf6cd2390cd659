// Test data for the approval specs: a small PDF and PNG built in code, and a unit that signs up on the
// portal and submits the 保安服务公司许可证 application over the API (its id, 办件编号 and who it is).
import { deflateSync } from 'node:zlib'
import { request } from '@playwright/test'
import { expect, apiAs, latestSmsCode, makeCreditCode, makeIdNo, makeMobile, runTag } from './fixtures.js'

export const APPLICANT_PASSWORD = 'Shenqing#2026'

/** A one-page PDF with a line of text (built here: the test needs no fixture file). */
export function pdf(text) {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  const stream = `BT /F1 28 Tf 72 740 Td (${text}) Tj ET`
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`
  let out = '%PDF-1.4\n'
  const offsets = []
  objects.forEach((o, i) => {
    offsets.push(out.length)
    out += `${i + 1} 0 obj\n${o}\nendobj\n`
  })
  const xref = out.length
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, 'latin1')
}

/** A 16×16 blue PNG (built here). */
export function png() {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf) => {
    let c = 0xffffffff
    for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const td = Buffer.concat([Buffer.from(type), data])
    const c = Buffer.alloc(4)
    c.writeUInt32BE(crc(td))
    return Buffer.concat([len, td, c])
  }
  const size = 16
  const ihdr = Buffer.from([0, 0, 0, size, 0, 0, 0, size, 8, 2, 0, 0, 0])
  const row = Buffer.from([0, ...Array.from({ length: size }, () => [64, 158, 255]).flat()])
  const raw = Buffer.concat(Array.from({ length: size }, () => row))
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}

/** A unit signs up on the portal and submits the company-licence application; its id and 办件编号. */
export async function submittedApplication(baseURL) {
  const tag = runTag()
  const who = {
    creditCode: makeCreditCode(),
    name: `咸阳审批测试${tag}保安服务有限公司`,
    regionCode: '610404',
    legalName: '韩立明',
    legalIdNo: makeIdNo('19800303'),
    legalMobile: makeMobile(),
    password: APPLICANT_PASSWORD,
  }
  const anon = await request.newContext({ baseURL })
  expect((await anon.post('/api/v1/portal/sign-up/sms-code', { data: { mobile: who.legalMobile } })).status()).toBe(200)
  who.smsCode = await latestSmsCode(baseURL, who.legalMobile)
  const signUp = await anon.post('/api/v1/portal/sign-up', { data: who })
  expect(signUp.status(), await signUp.text()).toBe(201)
  await anon.dispose()

  const unit = await apiAs(baseURL, who.creditCode, APPLICANT_PASSWORD)
  const upload = async (name, body, type) => {
    const res = await unit.post('/api/v1/files', { data: body, headers: { 'Content-Type': type, 'X-File-Name': encodeURIComponent(name) } })
    expect(res.status(), await res.text()).toBe(201)
    return (await res.json()).id
  }
  const doc = (name) => upload(`${name}.pdf`, pdf(`${name} - test material`), 'application/pdf')
  const form = {
    name: who.name,
    creditCode: who.creditCode,
    regionCode: who.regionCode,
    address: '咸阳市渭城区文汇路8号',
    regCapital: 300,
    serviceScope: ['door', 'patrol'],
    legalPerson: [{ name: who.legalName, idNo: who.legalIdNo, mobile: who.legalMobile, role: '法定代表人' }],
    managers: [{ name: '郑经理', idNo: makeIdNo('19860606'), mobile: makeMobile(), role: '总经理' }],
    technicians: [],
    facilities: '办公用房260平方米,监控中心一处',
    organisation: '设总经理办公室、业务部、培训部',
    businessLicenceFiles: [await doc('Business licence'), await upload('营业执照照片.png', png(), 'image/png')],
    resumeFiles: [await doc('Resumes')],
    capitalFiles: [await doc('Capital')],
    facilityFiles: [await doc('Facilities')],
    rulesFiles: [await doc('Rules')],
    charterFiles: [await doc('Charter')],
  }
  const res = await unit.post('/api/v1/portal/applications', { data: { businessType: 'company_licence', form, submit: true } })
  expect(res.status(), await res.text()).toBe(201)
  const app = await res.json()
  await unit.dispose()
  expect(app.caseNo).toBeTruthy()
  return { ...app, who }
}
