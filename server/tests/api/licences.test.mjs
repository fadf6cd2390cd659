// 保安服务许可证 (manual §5.1, issue 11 "Grant"): the licences the demo seed issued through
// LicenceService::issue — the list in the caller's data scope, the record, the PDF (its text read back
// with pdftotext, its QR code decoded with zbarimg on a pdftoppm rendering), the xlsx export, and the
// public verification page the QR code opens: no session, the status, nothing personal, rate-limited.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  activate,
  admin,
  anon,
  assertSchema,
  attachmentName,
  BASE,
  createOrg,
  createRole,
  createUser,
  download,
  expectError,
  expectFieldError,
  expectStatus,
  orgId,
  readXlsx,
  sheetTable,
  subtreeIds,
  userWithPermissions,
  XLSX_TYPE,
} from './lib.mjs';

const NUMBER = /^陕公保服20\d{2}\d{5}$/;
const TOKEN_PATH = /^\/verify\/licence\/[0-9a-f]{32}$/;
// The QR code holds the absolute URL on the configured public base URL (default below).
const PUBLIC_BASE = 'http://127.0.0.1:8080';

const work = mkdtempSync(join(tmpdir(), 'baoan-licences-'));
after(() => rmSync(work, { recursive: true, force: true }));

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

async function allLicences(client, query = {}) {
  const items = [];
  for (let page = 1; ; page++) {
    const res = await client.get('/licences', { query: { businessType: 'company_licence', size: 100, page, ...query } });
    expectStatus(res, 200, 'GET /licences');
    items.push(...res.body.items);
    if (items.length >= res.body.total) return { items, total: res.body.total };
  }
}

let a;
let all;
let wcLicence; // a licence whose holder is supervised inside 渭城分局
let wcOfficer;
let qdOfficer;

before(async () => {
  a = await admin();
  all = await allLicences(a);
  const wcIds = new Set(await subtreeIds('渭城分局'));
  // a demo company's licence (a licence the approval engine granted may not have its registry record yet)
  wcLicence = all.items.find((l) => wcIds.has(l.orgId) && l.holderKind === 'company' && l.holderId);
  assert.ok(wcLicence, 'the demo seed issues licences to companies of 渭城分局');
  wcOfficer = (await userWithPermissions(['licence:view', 'licence:print', 'licence:export'], { orgName: '渭城分局' })).client;
  qdOfficer = (await userWithPermissions(['licence:view', 'licence:print', 'licence:export'], { orgName: '秦都分局' })).client;
});

describe('the list of 保安服务许可证', () => {
  test('the demo companies hold licences with numbers of the province, year and sequence', async () => {
    assert.ok(all.total >= 10, `expected the demo licences, got ${all.total}`);
    const res = await a.get('/licences', { query: { businessType: 'company_licence', size: 5 } });
    assertSchema('LicencePage', res.body);
    const numbers = new Set();
    for (const l of all.items) {
      assert.match(l.number, NUMBER);
      assert.ok(!numbers.has(l.number), `number ${l.number} given twice`);
      numbers.add(l.number);
      assert.match(l.verifyUrl, TOKEN_PATH);
      assert.match(l.issuedAt, /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(l.number.slice(4, 8), l.issuedAt.slice(0, 4), `${l.number} is numbered in the year it was issued`);
      assert.equal(l.status, 'valid');
      assert.equal(l.statusName, '有效');
      assert.equal(l.issuerName, '陕西省公安厅');
      assert.equal(l.businessType, 'company_licence');
    }
    // Latest first.
    const dates = all.items.map((l) => l.issuedAt);
    assert.deepEqual(dates, [...dates].sort().reverse());
  });

  test('the registry record of the holder carries the licence number', async () => {
    const company = await a.get(`/companies/${wcLicence.holderId}`);
    expectStatus(company, 200);
    assert.equal(company.body.licenceNo, wcLicence.number);
    assert.equal(company.body.name, wcLicence.holderName);
  });

  test('filters: number, holder name, status, issue dates; bad values are refused naming the field', async () => {
    const byNumber = await a.get('/licences', { query: { number: wcLicence.number } });
    assert.deepEqual(byNumber.body.items.map((l) => l.id), [wcLicence.id]);
    const byHolder = await a.get('/licences', { query: { holderName: wcLicence.holderName } });
    assert.ok(byHolder.body.items.some((l) => l.id === wcLicence.id));
    assert.ok(byHolder.body.items.every((l) => l.holderName.includes(wcLicence.holderName)));
    const revoked = await a.get('/licences', { query: { status: 'revoked' } });
    assert.equal(revoked.body.total, 0);
    const sameDay = await a.get('/licences', { query: { issuedFrom: wcLicence.issuedAt, issuedTo: wcLicence.issuedAt } });
    assert.ok(sameDay.body.items.some((l) => l.id === wcLicence.id));
    assert.ok(sameDay.body.items.every((l) => l.issuedAt === wcLicence.issuedAt));
    expectFieldError(await a.get('/licences', { query: { status: 'lost' } }), 'status', ['状态']);
    expectFieldError(await a.get('/licences', { query: { issuedFrom: '2026-13-01' } }), 'issuedFrom', ['发证日期']);
    expectFieldError(await a.get('/licences', { query: { businessType: 'guard' } }), 'businessType', ['业务类型']);
  });

  test('an officer sees the licences of their jurisdiction only; another district\'s are 404', async () => {
    const wcIds = new Set(await subtreeIds('渭城分局'));
    const qdIds = new Set(await subtreeIds('秦都分局'));
    const wc = await allLicences(wcOfficer);
    assert.ok(wc.items.length > 0);
    assert.ok(wc.items.every((l) => wcIds.has(l.orgId)), 'every licence 渭城 sees is supervised inside 渭城');
    assert.equal(wc.total, all.items.filter((l) => wcIds.has(l.orgId)).length);
    const qd = await allLicences(qdOfficer);
    assert.ok(qd.items.every((l) => qdIds.has(l.orgId)));
    assert.ok(!qd.items.some((l) => l.id === wcLicence.id));
    expectError(await qdOfficer.get(`/licences/${wcLicence.id}`), 404, 'not_found');
    expectError(await qdOfficer.get(`/licences/${wcLicence.id}/document`), 404, 'not_found');
    const one = await wcOfficer.get(`/licences/${wcLicence.id}`);
    expectStatus(one, 200);
    assertSchema('Licence', one.body);
    assert.equal(one.body.number, wcLicence.number);
  });

  test('an officer of a new org without companies sees none of them', async () => {
    const org = await createOrg(a, await orgId('咸阳市公安局'), { name: `许可测试科${Date.now()}`, type: 'brigade' });
    const role = await createRole(a, org.id, ['licence:view']);
    const u = await createUser(a, org.id, { roleIds: [role.id] });
    const lonely = await activate(u.account, u.mobile);
    const res = await lonely.get('/licences');
    expectStatus(res, 200);
    assert.equal(res.body.total, 0);
    assert.deepEqual(res.body.items, []);
    expectError(await lonely.get(`/licences/${wcLicence.id}`), 404, 'not_found');
  });

  test('without licence:view the list is forbidden; without licence:print the document is', async () => {
    const viewer = (await userWithPermissions(['licence:view'])).client;
    expectError(await viewer.get(`/licences/${wcLicence.id}/document`), 403, 'forbidden');
    const other = (await userWithPermissions(['guard:view'])).client;
    expectError(await other.get('/licences'), 403, 'forbidden');
  });

  test('export: the list in the caller\'s scope as xlsx', async () => {
    const res = await download(wcOfficer, '/licences/export', { businessType: 'company_licence' });
    expectStatus(res, 200);
    assert.ok(res.contentType.startsWith(XLSX_TYPE));
    assert.match(attachmentName(res.headers), /^保安服务许可证_\d{8}\.xlsx$/);
    const table = sheetTable((await readXlsx(res.buf)).worksheets[0]);
    assert.equal(table.header[0], '许可证编号');
    assert.ok(table.header.includes('法定代表人') && table.header.includes('发证日期') && table.header.includes('状态'));
    const numbers = table.rows.map((r) => r[0].text);
    assert.ok(numbers.includes(wcLicence.number));
    const wc = await allLicences(wcOfficer);
    assert.equal(numbers.length, wc.total);
  });
});

describe('the licence document (PDF)', () => {
  let pdf;
  before(async () => {
    const res = await wcOfficer.request('GET', `/licences/${wcLicence.id}/document`, undefined, { binary: true, headers: { Accept: 'application/pdf' } });
    expectStatus(res, 200);
    assert.equal(res.contentType, 'application/pdf');
    assert.match(res.headers.get('content-disposition'), /^inline;/);
    pdf = res.buf;
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    writeFileSync(join(work, 'licence.pdf'), pdf);
  });

  test('?download=1 is an attachment named after the licence', async () => {
    const res = await wcOfficer.request('GET', `/licences/${wcLicence.id}/document`, undefined, { binary: true, query: { download: 1 } });
    assert.match(res.headers.get('content-disposition'), /^attachment;/);
    assert.equal(attachmentName(res.headers), `保安服务许可证_${wcLicence.number}.pdf`);
  });

  test('pdftotext reads the title, number, holder, legal representative, issuer and date', async () => {
    const text = run('pdftotext', ['-enc', 'UTF-8', join(work, 'licence.pdf'), '-']).replace(/\s+/g, '');
    for (const s of ['保安服务许可证', wcLicence.number, wcLicence.holderName, wcLicence.legalName, wcLicence.address.replace(/\s+/g, ''), '陕西省公安厅'])
      assert.ok(text.includes(s), `the PDF text should contain ${s}: ${text}`);
    const [y, m, d] = wcLicence.issuedAt.split('-').map(Number);
    assert.ok(text.includes(`${y}年${m}月${d}日`), `the issue date in Chinese: ${text}`);
    assert.ok(pdf.length < 400_000, `a licence PDF of ${pdf.length} bytes: the fonts should be subset`);
  });

  test('the QR code decodes (zbarimg on a pdftoppm rendering) to the verify URL', async () => {
    run('pdftoppm', ['-r', '150', '-png', '-singlefile', join(work, 'licence.pdf'), join(work, 'licence')]);
    const out = run('zbarimg', ['--raw', '-q', join(work, 'licence.png')]).trim();
    assert.equal(out, PUBLIC_BASE + wcLicence.verifyUrl);
  });
});

describe('public verification', () => {
  let company;
  before(async () => {
    company = (await a.get(`/companies/${wcLicence.holderId}`)).body;
  });

  test('the page answers without a session, says the licence is valid and shows nothing personal', async () => {
    const r = await fetch(BASE + wcLicence.verifyUrl);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^text\/html/);
    const html = await r.text();
    for (const s of ['该许可证有效', wcLicence.number, wcLicence.holderName, '陕西省公安厅', wcLicence.issuedAt, 'viewport'])
      assert.ok(html.includes(s), `the page should show ${s}`);
    for (const s of [company.legalName, company.legalIdNo, company.legalMobile, company.creditCode])
      assert.ok(!html.includes(s), `the page must not show ${s}`);
  });

  test('the JSON variant for the app has the same facts and no person', async () => {
    const token = wcLicence.verifyUrl.split('/').pop();
    const res = await anon().get(`/public/licences/verify/${token}`);
    expectStatus(res, 200);
    assertSchema('LicenceVerification', res.body);
    assert.equal(res.body.number, wcLicence.number);
    assert.equal(res.body.valid, true);
    assert.equal(res.body.statusName, '有效');
    const text = JSON.stringify(res.body);
    for (const s of [company.legalName, company.legalIdNo, company.legalMobile]) assert.ok(!text.includes(s));
  });

  test('an unknown or malformed token finds nothing (404)', async () => {
    const r = await fetch(`${BASE}/verify/licence/${'0'.repeat(32)}`);
    assert.equal(r.status, 404);
    assert.ok((await r.text()).includes('未查询到该许可证'));
    expectError(await anon().get('/public/licences/verify/not-a-token'), 404, 'not_found');
  });

  // Last: it uses up this address's quota on server A for a minute.
  test('verification is rate-limited per address: 429 with the error body', async () => {
    const token = wcLicence.verifyUrl.split('/').pop();
    let limited;
    for (let i = 0; i < 40 && !limited; i++) {
      const res = await anon().get(`/public/licences/verify/${token}`, { check: false });
      if (res.status === 429) limited = res;
      else expectStatus(res, 200);
    }
    assert.ok(limited, 'no 429 after 40 verifications in a row');
    expectError(limited, 429, 'rate_limited');
    const page = await fetch(BASE + wcLicence.verifyUrl);
    assert.equal(page.status, 429);
    assert.equal((await page.json()).error.code, 'rate_limited');
  });
});
