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

// ---- issue 12: every business type ---------------------------------------------------------------------

export const OFFICER_PASSWORD = 'Baoan@2026'
/** The officers who may hold a case of the demo's 咸阳 chains, city first. */
export const OFFICERS = ['xy_jb', 'xy_bac', 'xy_zaj', 'xy_sj', 'st_kz', 'st_mj', 'st_fcz']

// one signed-in API client per officer for the whole run (the server limits sign-ins per address and minute)
const officerClients = new Map()
export function officerApi(baseURL, account) {
  const key = `${baseURL} ${account}`
  if (!officerClients.has(key)) officerClients.set(key, apiAs(baseURL, account, OFFICER_PASSWORD))
  return officerClients.get(key)
}

/** The account (of OFFICERS) whose 待办 holds the case now, or '' when nobody's does (decided). */
export async function holderOf(baseURL, caseNo) {
  for (const account of OFFICERS) {
    const api = await officerApi(baseURL, account)
    const res = await api.get('/api/v1/todo', { params: { caseNo, page: 1, size: 5 } })
    const { total } = await res.json()
    if (total > 0) return account
  }
  return ''
}

/**
 * One step of a case over the API, by whoever holds it: 背景审查 and 受理 where the step asks for them,
 * 指派 to the first candidate at an assign step, 同意 otherwise (`acceptOnly`: stop after 受理). Resolves to the
 * case as it is afterwards.
 */
export async function actOnce(baseURL, id, caseNo, { acceptOnly = false } = {}) {
  const account = await holderOf(baseURL, caseNo)
  expect(account, `nobody holds ${caseNo}`).toBeTruthy()
  const api = await officerApi(baseURL, account)
  {
    let c = await (await api.get(`/api/v1/applications/${id}`)).json()
    const step = c.stepIndex != null ? c.steps?.[c.stepIndex] : null
    if (step?.backgroundCheck) expect((await api.post(`/api/v1/applications/${id}/background-checks`, { data: {} })).status()).toBe(200)
    if (c.actions.includes('accept')) {
      const res = await api.post(`/api/v1/applications/${id}/accept`, { data: { opinion: '材料齐全,予以受理' } })
      expect(res.status(), await res.text()).toBe(200)
      c = await res.json()
      if (acceptOnly) return c
    }
    if (c.actions.includes('assign')) {
      const [who] = await (await api.get(`/api/v1/applications/${id}/candidates`, { params: { for: 'assign' } })).json()
      const res = await api.post(`/api/v1/applications/${id}/assign`, { data: { userId: who.id, opinion: '' } })
      expect(res.status(), await res.text()).toBe(200)
      return await res.json()
    }
    if (c.actions.includes('approve')) {
      const res = await api.post(`/api/v1/applications/${id}/approve`, { data: { opinion: '经审查,同意' } })
      expect(res.status(), await res.text()).toBe(200)
      return await res.json()
    }
    return c
  }
}

/** Moves a case through its whole chain over the API until it is decided; resolves to its last state. */
export async function approveThroughChain(baseURL, { id, caseNo }) {
  for (let i = 0; i < 12; i++) {
    const c = await actOnce(baseURL, id, caseNo)
    if (c.status === 'granted') return c
  }
  throw new Error(`${caseNo} was not granted after 12 steps`)
}

/**
 * A company with a valid 保安服务许可证 and a portal account that has completed its first-login guide:
 * signs up, applies, and its licence is granted over the API. Resolves to { who, licence, client() }.
 */
export async function licensedCompany(baseURL) {
  const app = await submittedApplication(baseURL)
  await approveThroughChain(baseURL, app)
  const unit = await apiAs(baseURL, app.who.creditCode, APPLICANT_PASSWORD)
  const company = await (await unit.get('/api/v1/portal/company')).json()
  if (!company.initialized) {
    const res = await unit.post('/api/v1/portal/company/initialize', {
      data: { ...company, bizAddress: '陕西省咸阳市渭城区文汇路8号', contactName: '郑经理', contactPhone: '029-33215566' },
    })
    expect(res.status(), await res.text()).toBe(200)
  }
  const licences = await (await unit.get('/api/v1/portal/licences')).json()
  expect(licences.length, JSON.stringify(licences)).toBeGreaterThan(0)
  await unit.dispose()
  return { ...app, licence: licences[0], client: () => apiAs(baseURL, app.who.creditCode, APPLICANT_PASSWORD) }
}

/**
 * A form's values made from its definition alone (any business type): every field filled the way its
 * type wants, files uploaded by `client`, the first of the unit's licences and guards picked.
 * `overrides` wins by key.
 */
export async function formValues(client, definition, overrides = {}) {
  const upload = async (name) => {
    const res = await client.post('/api/v1/files', {
      data: pdf('Test material'), headers: { 'Content-Type': 'application/pdf', 'X-File-Name': encodeURIComponent(`${name}.pdf`) },
    })
    expect(res.status(), await res.text()).toBe(201)
    return (await res.json()).id
  }
  const today = new Date().toISOString().slice(0, 10)
  const out = {}
  for (const f of definition.fields) {
    if (f.key in overrides) continue
    switch (f.type) {
      case 'text': out[f.key] = `测试${f.label}${runTag()}`.slice(0, f.maxLength || 60); break
      case 'textarea': out[f.key] = `${f.label}:测试内容`; break
      case 'number': out[f.key] = Math.max(f.min || 0, 1) + (f.key.toLowerCase().includes('year') ? 2024 : 0); break
      case 'date': out[f.key] = today; break
      case 'region': out[f.key] = '610404'; break
      case 'idNo': out[f.key] = makeIdNo('19850505'); break
      case 'mobile': out[f.key] = makeMobile(); break
      case 'creditCode': out[f.key] = makeCreditCode(); break
      case 'select': out[f.key] = f.options?.[0]?.code ?? null; break
      case 'multiselect': out[f.key] = f.options?.slice(0, 1).map((o) => o.code) ?? []; break
      case 'people': out[f.key] = [{ name: '赵负责', idNo: makeIdNo('19820202'), mobile: makeMobile(), role: '负责人' }]; break
      case 'file': out[f.key] = f.required ? [await upload(f.label)] : []; break
      case 'licence': {
        const [l] = await (await client.get('/api/v1/portal/licences')).json()
        out[f.key] = l?.id ?? null
        break
      }
      case 'guards': {
        const { items } = await (await client.get('/api/v1/portal/guards', { params: { employed: true, page: 1, size: 2 } })).json()
        out[f.key] = items.map((g) => g.id)
        break
      }
      case 'changes': out[f.key] = [{ item: f.options?.[0]?.code, newValue: `变更后${runTag()}` }]; break
      default: out[f.key] = null
    }
  }
  return { ...out, ...overrides }
}

/** A submitted application of `businessType` by `client` (a unit's API context), its form made by formValues. */
export async function submitApplication(client, businessType, overrides = {}) {
  const definition = await (await client.get(`/api/v1/business-types/${businessType}/form`)).json()
  const form = await formValues(client, definition, overrides)
  const res = await client.post('/api/v1/portal/applications', { data: { businessType, form, submit: true } })
  expect(res.status(), await res.text()).toBe(201)
  return res.json()
}
