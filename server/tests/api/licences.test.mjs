// 保安服务许可证 (manual §5.1, issue 11 "Grant"): the licences the demo seed issued through
// LicenceService::issue — the list in the caller's data scope, the record, the PDF (its text read back
// with pdftotext, its QR code decoded with zbarimg on a pdftoppm rendering), the xlsx export, and the
// public verification page the QR code opens: no session, the status, nothing personal, rate-limited.
// The lifecycle (issue 12): 吊销 / 注销 by an officer with licence:revoke (scope, fields, the history,
// the holder's registry record, the QR page), the demo seed's 换发 (one number, two documents) and its
// revoked licence, and the 保安培训许可证 of the demo training units.
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
  chinaToday,
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
  uploadMaterial,
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
  wcLicence = all.items.find((l) => wcIds.has(l.orgId) && l.holderKind === 'company' && l.holderId && l.status === 'valid');
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
      assert.ok(!numbers.has(l.number), `number ${l.number} given twice (the list shows the documents in force)`);
      numbers.add(l.number);
      assert.match(l.verifyUrl, TOKEN_PATH);
      assert.match(l.issuedAt, /^\d{4}-\d{2}-\d{2}$/);
      if (l.number.slice(4, 8) !== l.issuedAt.slice(0, 4)) {
        // A document issued by 换发 keeps the number of the first issue.
        const history = (await a.get(`/licences/${l.id}`)).body.history;
        assert.deepEqual(history.map((e) => e.kind).slice(0, 2), ['issued', 'replaced'], `${l.number} is numbered in the year it was issued`);
        assert.equal(l.number.slice(4, 8), history[0].date.slice(0, 4));
      }
      assert.ok(['valid', 'revoked'].includes(l.status), l.status);
      assert.equal(l.issuerName, '陕西省公安厅');
      assert.equal(l.businessType, 'company_licence');
    }
    // The demo data: one revoked licence, the others valid.
    assert.equal(all.items.filter((l) => l.status === 'revoked').length, 1);
    for (const l of all.items.filter((x) => x.status === 'valid')) assert.equal(l.statusName, '有效');
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
    const revoked = await a.get('/licences', { query: { status: 'revoked', businessType: 'company_licence' } });
    assert.ok(revoked.body.total >= 1);
    assert.ok(revoked.body.items.every((l) => l.status === 'revoked' && l.statusName === '吊销'));
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

describe('吊销 and 注销 (POST /licences/{id}/revoke)', () => {
  let revoker; // licence:revoke in 渭城分局
  let qdRevoker;
  let toRevoke;
  let toCancel;
  const today = chinaToday();
  before(async () => {
    const wcIds = new Set(await subtreeIds('渭城分局'));
    const others = all.items.filter((l) => wcIds.has(l.orgId) && l.holderKind === 'company' && l.status === 'valid' && l.id !== wcLicence.id);
    assert.ok(others.length >= 2, 'two more licences in 渭城 to revoke and cancel');
    [toRevoke, toCancel] = others.slice(-2);
    const perms = ['licence:view', 'licence:revoke', 'company:view'];
    revoker = (await userWithPermissions(perms, { orgName: '渭城分局' })).client;
    qdRevoker = (await userWithPermissions(perms, { orgName: '秦都分局' })).client;
  });

  const revocation = (o = {}) => ({ kind: 'revoked', decisionNo: '陕公(治)行罚决字〔2026〕101号', reason: '情节严重', date: today, ...o });

  test('an officer without licence:revoke is refused (403); outside the scope it is 404', async () => {
    expectError(await wcOfficer.post(`/licences/${toRevoke.id}/revoke`, revocation()), 403, 'forbidden');
    expectError(await qdRevoker.post(`/licences/${toRevoke.id}/revoke`, revocation()), 404, 'not_found');
    expectError(await qdRevoker.post(`/licences/${toRevoke.id}/revoke`, { kind: 'x' }), 404, 'not_found');
    expectError(await revoker.post('/licences/99999999/revoke', revocation()), 404, 'not_found');
    assert.equal((await a.get(`/licences/${toRevoke.id}`)).body.status, 'valid', 'nothing changed');
  });

  test('bad input is refused naming the field, nothing changes', async () => {
    const r = (o) => revoker.post(`/licences/${toRevoke.id}/revoke`, revocation(o));
    expectFieldError(await r({ kind: 'suspended' }), 'kind', ['类型']);
    expectFieldError(await r({ kind: undefined }), 'kind', ['类型']);
    expectFieldError(await r({ decisionNo: '' }), 'decisionNo', ['决定书文号']);
    expectFieldError(await r({ reason: '  ' }), 'reason', ['原因']);
    expectFieldError(await r({ date: '2026-02-30' }), 'date', ['日期']);
    expectFieldError(await r({ date: '07/12/2026' }), 'date', ['日期']);
    expectFieldError(await r({ date: chinaToday(1) }), 'date', ['日期']);
    expectFieldError(await r({ date: '2009-01-01' }), 'date', ['发证日期']);
    expectFieldError(await r({ reason: 'x'.repeat(501) }), 'reason', ['原因']);
    expectFieldError(await r({ fileId: 'no-such-file' }), 'fileId', ['决定书']);
    expectError(await revoker.post(`/licences/${toRevoke.id}/revoke`, []), [400, 422]);
    const now = (await a.get(`/licences/${toRevoke.id}`)).body;
    assert.equal(now.status, 'valid');
    assert.deepEqual(now.history.map((e) => e.kind), ['issued']);
  });

  test('吊销 with its decision document: the licence, its history, the company record and the QR page follow', async () => {
    const fileId = await uploadMaterial(revoker, '行政处罚决定书.pdf');
    const res = await revoker.post(`/licences/${toRevoke.id}/revoke`, revocation({ fileId }));
    expectStatus(res, 200);
    assertSchema('Licence', res.body);
    assert.equal(res.body.status, 'revoked');
    assert.equal(res.body.statusName, '吊销');
    const last = res.body.history.at(-1);
    assert.deepEqual(
      { kind: last.kind, kindName: last.kindName, decisionNo: last.decisionNo, reason: last.reason, date: last.date, fileId: last.fileId },
      { kind: 'revoked', kindName: '吊销', decisionNo: '陕公(治)行罚决字〔2026〕101号', reason: '情节严重', date: today, fileId },
    );
    assert.equal(last.fileName, '行政处罚决定书.pdf');
    assert.ok(last.byName, 'who recorded it');
    assert.equal(res.body.history[0].kind, 'issued');
    assert.equal(res.body.history[0].kindName, '发证');
    assert.equal(res.body.history[0].date, toRevoke.issuedAt);
    // GET shows the same history; the decision document is readable by whoever sees the licence.
    const got = (await wcOfficer.get(`/licences/${toRevoke.id}`)).body;
    assert.deepEqual(got.history, res.body.history);
    expectStatus(await wcOfficer.request('GET', `/files/${fileId}`, undefined, { binary: true }), 200);
    expectStatus(await qdOfficer.get(`/files/${fileId}`), 404);
    // Once revoked, no further change: 409.
    expectError(await revoker.post(`/licences/${toRevoke.id}/revoke`, revocation({ kind: 'cancelled' })), 409, 'conflict');
    // The company's registry record says so, keeps its licence number, and still lists normally.
    const company = (await revoker.get(`/companies/${toRevoke.holderId}`)).body;
    assert.equal(company.status, 'licence_revoked');
    assert.equal(company.statusName, '许可证已吊销');
    assert.equal(company.licenceNo, toRevoke.number);
    const listed = await revoker.get('/companies', { query: { status: 'licence_revoked', size: 200 } });
    expectStatus(listed, 200);
    assert.ok(listed.body.items.some((x) => x.id === toRevoke.holderId));
    // The list by status.
    const revokedList = await revoker.get('/licences', { query: { status: 'revoked' } });
    assert.ok(revokedList.body.items.some((l) => l.id === toRevoke.id));
    // The QR page: 已吊销 with the day, nothing personal.
    const page = await fetch(BASE + toRevoke.verifyUrl);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.ok(html.includes(`该许可证已吊销(${today})`), html);
    assert.ok(!html.includes(company.legalName));
    assert.ok(!html.includes('该许可证有效'));
    const token = toRevoke.verifyUrl.split('/').pop();
    const v = (await anon().get(`/public/licences/verify/${token}`)).body;
    assert.deepEqual([v.valid, v.status, v.statusName, v.statusDate], [false, 'revoked', '吊销', today]);
  });

  test('注销 needs no decision number; the company record says 许可证已注销', async () => {
    const res = await revoker.post(`/licences/${toCancel.id}/revoke`, { kind: 'cancelled', reason: '公司解散,申请注销', date: today });
    expectStatus(res, 200);
    assert.equal(res.body.status, 'cancelled');
    const last = res.body.history.at(-1);
    assert.deepEqual([last.kind, last.kindName, last.decisionNo, last.fileId], ['cancelled', '注销', null, null]);
    const company = (await revoker.get(`/companies/${toCancel.holderId}`)).body;
    assert.equal(company.status, 'licence_cancelled');
    assert.equal(company.statusName, '许可证已注销');
    const html = await (await fetch(BASE + toCancel.verifyUrl)).text();
    assert.ok(html.includes(`该许可证已注销(${today})`));
    // The company can still be deregistered (注销 of the company itself).
    const dereg = await a.post(`/companies/${toCancel.holderId}/deregister`, { date: today, reason: '公司解散' });
    expectStatus(dereg, 200);
    assert.equal(dereg.body.status, 'deregistered');
  });

  test('the revocation is in the audit log', async () => {
    const res = expectStatus(await a.get('/audit-logs', { query: { targetType: 'licence', size: 200 } }), 200);
    const mine = res.body.items.filter((e) => e.targetId === String(toRevoke.id));
    assert.ok(mine.some((e) => e.summary.includes('吊销') && e.summary.includes(toRevoke.number)), JSON.stringify(mine));
  });
});

describe('换发 (the demo seed replaced one licence)', () => {
  let old;
  let current;
  before(async () => {
    const res = await a.get('/licences', { query: { status: 'replaced' } });
    expectStatus(res, 200);
    // the demo's is the first replaced (licence changes granted by other test files replace more)
    assert.ok(res.body.total >= 1, 'the demo seed replaced one licence');
    old = res.body.items.reduce((x, y) => (y.id < x.id ? y : x));
    const byNumber = await a.get('/licences', { query: { number: old.number } });
    current = byNumber.body.items.find((l) => l.number === old.number);
  });

  test('one number, two documents: the new one valid with its own QR code, the old one 已换发', async () => {
    assert.equal(old.statusName, '换发');
    assert.ok(current, 'the list shows the document in force');
    assert.notEqual(current.id, old.id);
    assert.equal(current.status, 'valid');
    assert.notEqual(current.verifyUrl, old.verifyUrl);
    assert.equal(current.holderId, old.holderId);
    const history = (await a.get(`/licences/${current.id}`)).body.history;
    assert.deepEqual(history.map((e) => e.kindName), ['发证', '换发']);
    assert.equal(history[0].licenceId, old.id);
    assert.equal(history[1].date, current.issuedAt);
    assert.deepEqual((await a.get(`/licences/${old.id}`)).body.history, history);
    const html = await (await fetch(BASE + old.verifyUrl)).text();
    assert.ok(html.includes(`该许可证已换发(${current.issuedAt})`), html);
    assert.ok(html.includes('请以持证单位出示的新证为准'));
    assert.ok(!html.includes(current.verifyUrl), 'the old page does not lead to the new document');
    const fresh = await (await fetch(BASE + current.verifyUrl)).text();
    assert.ok(fresh.includes('该许可证有效'));
  });
});

describe('保安培训许可证', () => {
  let training;
  before(async () => {
    const res = await a.get('/licences', { query: { businessType: 'training_licence', size: 100 } });
    expectStatus(res, 200);
    assertSchema('LicencePage', res.body);
    training = res.body;
  });

  test('GET /licences?businessType=training_licence lists the training units\' licences only', async () => {
    assert.ok(training.total > 0, 'the demo training units hold licences');
    for (const l of training.items) {
      assert.equal(l.businessType, 'training_licence');
      assert.equal(l.businessTypeName, '保安培训许可证');
      assert.match(l.number, /^陕公保培20\d{2}\d{5}$/);
      assert.equal(l.holderKind, 'training_unit');
    }
    assert.ok(!all.items.some((l) => l.businessType === 'training_licence'));
    const unit = (await a.get(`/training-units/${training.items[0].holderId}`)).body;
    assert.equal(unit.licenceNo, training.items[0].number);
  });

  test('the document says 保安培训许可证; the export is named after it', async () => {
    const l = training.items[0];
    const res = await a.request('GET', `/licences/${l.id}/document`, undefined, { binary: true, query: { download: 1 } });
    expectStatus(res, 200);
    assert.equal(attachmentName(res.headers), `保安培训许可证_${l.number}.pdf`);
    writeFileSync(join(work, 'training.pdf'), res.buf);
    const text = run('pdftotext', ['-enc', 'UTF-8', join(work, 'training.pdf'), '-']).replace(/\s+/g, '');
    assert.ok(text.includes('保安培训许可证') && text.includes(l.number) && !text.includes('保安服务许可证'), text);
    const x = await download(a, '/licences/export', { businessType: 'training_licence' });
    assert.match(attachmentName(x.headers), /^保安培训许可证_\d{8}\.xlsx$/);
    const table = sheetTable((await readXlsx(x.buf)).worksheets[0]);
    assert.equal(table.rows.length, training.total);
  });

  test('吊销 of a training licence fills the unit\'s 吊销机关 and 吊销日期', async () => {
    const l = training.items.at(-1);
    const today = chinaToday();
    const res = await a.post(`/licences/${l.id}/revoke`, { kind: 'revoked', decisionNo: '陕公(治)行罚决字〔2026〕7号', reason: '培训弄虚作假', date: today });
    expectStatus(res, 200);
    const unit = (await a.get(`/training-units/${l.holderId}`)).body;
    assert.equal(unit.revokedOn, today);
    assert.ok(unit.revokedBy, 'the revoking organ');
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
