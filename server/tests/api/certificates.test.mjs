// 保安员证 (manual §6.3, issue 13): 制证审批 cases of the demo registrations that passed wait in the 待办 of
// 咸阳's 市经办民警 and 市保安处领导 and are approved in batch; the grant issues the certificate (number
// 61 04 YYYY NNNNNN, the 市局 as 发证机关) and the registration moves to certifying; the card PDF at ID-1
// size and the A4 sheet of the print (which moves the registration to certified); 发放登记 writing the
// guard's certificate number; the public verification page (masked name, the photo only with the full
// ID number, rate-limited); 吊销; and the data scope (西安's officer sees none of it).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  activeCompany,
  admin,
  anon,
  assertSchema,
  BASE,
  chinaToday,
  expectError,
  expectFieldError,
  expectStatus,
  login,
  MASKED_ID,
  nextMobile,
  orgId,
  subtreeIds,
} from './lib.mjs';

const PASSWORD = 'Baoan@2026';
const NUMBER = /^6104\d{4}\d{6}$/;
const TOKEN_PATH = /^\/verify\/certificate\/[0-9a-f]{32}$/;
const PUBLIC_BASE = 'http://127.0.0.1:8080';

const work = mkdtempSync(join(tmpdir(), 'baoan-certificates-'));
after(() => rmSync(work, { recursive: true, force: true }));

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

// The MediaBox of every page, in whole points.
function pageSizes(buf) {
  const text = buf.toString('latin1');
  return [...text.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Math.round(+m[1]), Math.round(+m[2])]);
}

async function pdfOf(res, what) {
  expectStatus(res, 200, what);
  assert.match(res.headers.get('content-type'), /^application\/pdf/, what);
  assert.equal(res.buf.subarray(0, 5).toString(), '%PDF-', what);
  return res.buf;
}

async function allCertificates(client, query = {}) {
  const items = [];
  for (let page = 1; ; page++) {
    const res = expectStatus(await client.get('/certificates', { query: { size: 200, page, ...query } }), 200, 'GET /certificates');
    items.push(...res.body.items);
    if (items.length >= res.body.total || res.body.items.length === 0) return items;
  }
}

const verifyPage = async (path, idNo) => {
  const res = idNo === undefined
    ? await fetch(BASE + path)
    : await fetch(BASE + path, { method: 'POST', body: `idNo=${encodeURIComponent(idNo)}`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  return { status: res.status, html: await res.text(), type: res.headers.get('content-type') };
};

let jb; // 王建国, 咸阳 市经办民警
let bac; // 李振华, 咸阳 市保安处领导
let xa; // 韩立军, 西安 市经办民警
let a; // admin (every permission: full ID numbers)
let issued = []; // the certificates this file's batch approval issued (admin's view)

before(async () => {
  [jb, bac, xa, a] = await Promise.all([login('xy_jb', PASSWORD), login('xy_bac', PASSWORD), login('xa_jb', PASSWORD), admin()]);
});

describe('制证审批 in 待办, approved in batch', () => {
  let cases;
  test('the demo candidates who passed wait in 咸阳 市经办民警\'s 待办, not in 西安\'s', async () => {
    const todo = expectStatus(await jb.get('/todo', { query: { businessType: 'certificate_issuance', size: 200 } }), 200).body;
    assert.ok(todo.total >= 3, `${todo.total} 制证审批 cases at xy_jb`);
    cases = todo.items.slice(0, 2);
    for (const c of cases) assert.equal(c.businessType, 'certificate_issuance');
    const other = expectStatus(await xa.get('/todo', { query: { businessType: 'certificate_issuance', size: 200 } }), 200).body;
    assert.equal(other.total, 0, '西安\'s officer has no 咸阳 制证审批 case');
    expectError(await xa.get(`/applications/${cases[0].id}`), 404, 'not_found');
    const types = expectStatus(await jb.get('/business-types'), 200).body;
    const t = (types.items ?? types).find((x) => x.code === 'certificate_issuance');
    assert.ok(t, 'certificate_issuance is a business type');
    assert.equal(t.group, 'exam');
    assert.equal(t.batchable, true);
  });

  test('batch 同意 by 市经办民警 then 市保安处领导 issues the certificates', async () => {
    const ids = cases.map((c) => c.id);
    const first = expectStatus(await jb.post('/applications/batch/approve', { ids, opinion: '考试合格,同意制证' }), 200).body;
    assert.deepEqual(first.approved.sort(), [...ids].sort(), JSON.stringify(first.failed));
    const second = expectStatus(await bac.post('/applications/batch/approve', { ids, opinion: '同意制证' }), 200).body;
    assert.deepEqual(second.approved.sort(), [...ids].sort(), JSON.stringify(second.failed));
    const registrationIds = [];
    for (const id of ids) {
      const c = expectStatus(await a.get(`/applications/${id}`), 200).body;
      assert.equal(c.status, 'granted');
      assert.equal(c.statusName, '准予制证');
      registrationIds.push(c.form.registrationId);
    }
    const all = await allCertificates(a);
    issued = registrationIds.map((r) => all.find((x) => x.registrationId === r));
    const today = chinaToday();
    for (const c of issued) {
      assert.ok(c, 'a certificate for each approved registration');
      assertSchema('Certificate', c);
      assert.match(c.number, NUMBER);
      assert.equal(c.number.length, 14);
      assert.equal(c.number.slice(4, 8), today.slice(0, 4));
      assert.equal(c.issuedAt, today);
      assert.equal(c.issuingOrgName, '咸阳市公安局');
      assert.equal(c.status, 'valid');
      assert.equal(c.registrationStatus, 'certifying');
      assert.match(c.verifyUrl, TOKEN_PATH);
      assert.equal(c.printCount, 0);
    }
    assert.notEqual(issued[0].number, issued[1].number);
    // Numbers are never reused: every number in the list is distinct.
    assert.equal(new Set(all.map((c) => c.number)).size, all.length);
  });

  test('不同意 ends the case as 不予制证 and the registration as rejected', async () => {
    const todo = expectStatus(await jb.get('/todo', { query: { businessType: 'certificate_issuance', size: 200 } }), 200).body;
    const c = todo.items.find((x) => !cases.some((y) => y.id === x.id));
    assert.ok(c, 'a third case waits');
    expectStatus(await jb.post(`/applications/${c.id}/reject`, { reason: '体检证明系伪造', opinion: '不同意制证' }), 200);
    const now = expectStatus(await a.get(`/applications/${c.id}`), 200).body;
    assert.equal(now.status, 'rejected');
    assert.equal(now.statusName, '不予制证');
    const reg = expectStatus(await a.get(`/exam-registrations/${now.form.registrationId}`), 200).body;
    assert.equal(reg.status, 'rejected');
    assert.ok(!(await allCertificates(a)).some((x) => x.registrationId === now.form.registrationId), 'no certificate');
  });

  test('the list masks ID numbers without certificate:pii and filters', async () => {
    const mine = await allCertificates(jb, { name: issued[0].name });
    const seen = mine.find((c) => c.id === issued[0].id);
    assert.ok(seen, 'the 咸阳 officer lists the certificate');
    assert.match(seen.idNo, MASKED_ID);
    assert.doesNotMatch(issued[0].idNo, /\*/, 'admin (certificate:pii) sees the full number');
    const list = expectStatus(await jb.get('/certificates', { query: { name: issued[0].name } }), 200).body;
    assert.ok(typeof list.total === 'number' && Array.isArray(list.items));
    assert.ok((await allCertificates(a, { idNo: issued[0].idNo })).some((c) => c.id === issued[0].id));
    assert.ok((await allCertificates(a, { status: 'valid' })).every((c) => c.status === 'valid'));
    const withPhoto = await allCertificates(a, { hasPhoto: 'true' });
    assert.ok(withPhoto.every((c) => c.hasPhoto === true));
    assert.ok((await allCertificates(a, { hasPhoto: 'false' })).every((c) => c.hasPhoto === false));
    expectFieldError(await jb.get('/certificates', { query: { hasPhoto: 'maybe' } }), 'hasPhoto');
    expectFieldError(await jb.get('/certificates', { query: { status: 'lost' } }), 'status');
    expectFieldError(await jb.get('/certificates', { query: { examId: 'x' } }), 'examId');
  });
});

describe('预览 and 打印', () => {
  test('the document is one page at the card\'s size with the face\'s text and a QR code of the verify URL', async () => {
    const c = issued[0];
    const buf = await pdfOf(await jb.request('GET', `/certificates/${c.id}/document`, undefined, { binary: true }), 'document');
    assert.deepEqual(pageSizes(buf), [[243, 153]]); // 85.6 × 54 mm
    writeFileSync(join(work, 'card.pdf'), buf);
    const text = run('pdftotext', ['-layout', join(work, 'card.pdf'), '-']).replace(/\s+/g, '');
    for (const s of ['保安员证', c.name, c.number, '咸阳市公安局', c.genderName]) assert.ok(text.includes(s), `the card shows ${s}: ${text}`);
    run('pdftoppm', ['-r', '400', '-png', '-singlefile', join(work, 'card.pdf'), join(work, 'card')]);
    assert.equal(run('zbarimg', ['--raw', '-q', join(work, 'card.png')]).trim(), PUBLIC_BASE + c.verifyUrl);
    // A preview records nothing.
    assert.equal(expectStatus(await a.get(`/certificates/${c.id}`), 200).body.printCount, 0);
  });

  test('printing makes one A4 sheet and moves the registrations to certified', async () => {
    const ids = issued.map((c) => c.id);
    const buf = await pdfOf(await jb.request('POST', '/certificates/print', { ids }, { binary: true }), 'print');
    assert.deepEqual(pageSizes(buf), [[595, 842]]);
    for (const c of issued) {
      const now = expectStatus(await a.get(`/certificates/${c.id}`), 200).body;
      assert.equal(now.printCount, 1);
      assert.ok(now.printedAt);
      assert.equal(now.registrationStatus, 'certified');
    }
    expectFieldError(await jb.post('/certificates/print', { ids: [] }), 'ids');
    expectFieldError(await jb.post('/certificates/print', { ids: [ids[0], ids[0]] }), 'ids');
    expectError(await jb.post('/certificates/print', { ids: 'all' }), [400, 422]);
    expectError(await xa.post('/certificates/print', { ids }), 404, 'not_found');
  });
});

describe('发放登记', () => {
  test('records the receiver, the day and the officer, and writes the number on the guard\'s record', async () => {
    const c = issued[0];
    // The holder works as a guard of a company: the registry has their ID number.
    const company = await activeCompany();
    const guard = expectStatus(
      await company.client.post('/portal/guards', { name: c.name, idNo: c.idNo, mobile: nextMobile(), hiredOn: '2025-01-01' }),
      201,
    ).body;
    expectFieldError(await jb.post(`/certificates/${c.id}/handover`, { receiverName: '', at: chinaToday() }), 'receiverName', ['领证人']);
    expectFieldError(await jb.post(`/certificates/${c.id}/handover`, { receiverName: c.name, at: chinaToday(1) }), 'at', ['发放日期']);
    expectFieldError(await jb.post(`/certificates/${c.id}/handover`, { receiverName: c.name, at: '2020-01-01' }), 'at');
    expectError(await xa.post(`/certificates/${c.id}/handover`, { receiverName: c.name, at: chinaToday() }), 404, 'not_found');
    const done = expectStatus(await jb.post(`/certificates/${c.id}/handover`, { receiverName: c.name, at: chinaToday() }), 200).body;
    assert.equal(done.handedOverAt, chinaToday());
    assert.equal(done.receiverName, c.name);
    assert.equal(done.handedOverByName, '王建国');
    assert.equal(done.guardUpdated, true);
    const g = expectStatus(await a.get(`/guards/${guard.id}`), 200).body;
    assert.equal(g.certificateNo, c.number);
    expectError(await jb.post(`/certificates/${c.id}/handover`, { receiverName: c.name, at: chinaToday() }), 409, 'conflict');
  });

  test('a certificate not yet printed cannot be handed over', async () => {
    const waiting = (await allCertificates(a, { status: 'valid' })).find((c) => c.registrationStatus === 'certifying' && !c.printedAt);
    if (!waiting) return;
    expectError(await jb.post(`/certificates/${waiting.id}/handover`, { receiverName: waiting.name, at: chinaToday() }), 409, 'conflict');
  });
});

describe('the public verification page', () => {
  test('says valid, with the number, the name masked, the organ and the date; no photo without the ID number', async () => {
    const c = issued[1];
    const p = await verifyPage(c.verifyUrl);
    assert.equal(p.status, 200);
    assert.match(p.type, /^text\/html/);
    assert.ok(p.html.includes('该保安员证有效'));
    for (const s of [c.number, '咸阳市公安局', c.issuedAt, `${[...c.name][0]}${'*'.repeat([...c.name].length - 1)}`]) assert.ok(p.html.includes(s), s);
    assert.ok(!p.html.includes(c.name), 'the full name is not shown');
    assert.ok(!p.html.includes(c.idNo) && !p.html.includes('<img'), 'no ID number, no photo');
  });

  test('the photo and the full name only when the visitor types the holder\'s full ID number', async () => {
    const c = issued[1];
    const wrong = await verifyPage(c.verifyUrl, c.idNo.slice(0, 17) + (c.idNo.endsWith('1') ? '2' : '1'));
    assert.equal(wrong.status, 200);
    assert.ok(wrong.html.includes('不符'));
    assert.ok(!wrong.html.includes('<img') && !wrong.html.includes(c.name));
    const right = await verifyPage(c.verifyUrl, c.idNo.toLowerCase());
    assert.equal(right.status, 200);
    assert.ok(right.html.includes(c.name));
    assert.ok(c.hasPhoto, 'the demo registrations carry photos');
    assert.match(right.html, /<img alt="持证人照片" src="data:image\/(jpeg|png);base64,/);
    assert.ok(!right.html.includes(c.idNo), 'the page never prints the ID number');
  });

  test('an unknown token finds nothing', async () => {
    const p = await verifyPage(`/verify/certificate/${'0'.repeat(32)}`);
    assert.equal(p.status, 404);
    assert.ok(p.html.includes('未查询到该保安员证'));
    assert.equal((await verifyPage('/verify/certificate/bad')).status, 404);
  });
});

describe('吊销', () => {
  test('needs the decision number, the reason and a past date; then the page says 已吊销 and printing is refused', async () => {
    const c = issued[1];
    const body = { decisionNo: '咸公(治)行罚决字〔2026〕99号', reason: '违反《保安服务管理条例》第四十五条', revokedOn: chinaToday() };
    expectError(await xa.post(`/certificates/${c.id}/revoke`, body), 404, 'not_found');
    expectFieldError(await jb.post(`/certificates/${c.id}/revoke`, { ...body, decisionNo: '' }), 'decisionNo', ['决定书文号']);
    expectFieldError(await jb.post(`/certificates/${c.id}/revoke`, { ...body, reason: '' }), 'reason', ['吊销原因']);
    expectFieldError(await jb.post(`/certificates/${c.id}/revoke`, { ...body, revokedOn: chinaToday(1) }), 'revokedOn', ['吊销日期']);
    const done = expectStatus(await jb.post(`/certificates/${c.id}/revoke`, body), 200).body;
    assert.equal(done.status, 'revoked');
    assert.equal(done.revokedOn, body.revokedOn);
    assert.equal(done.revokeDecisionNo, body.decisionNo);
    expectError(await jb.post(`/certificates/${c.id}/revoke`, body), 409, 'conflict');
    const p = await verifyPage(c.verifyUrl);
    assert.ok(p.html.includes(`该保安员证已吊销(${body.revokedOn})`));
    expectError(await jb.post('/certificates/print', { ids: [c.id] }), 409, 'conflict');
    assert.ok((await allCertificates(a, { status: 'revoked' })).some((x) => x.id === c.id));
  });

  test('a 渭城 officer without certificate:revoke is refused', async () => {
    const wc = await login('wc_jb', PASSWORD);
    expectError(await wc.post(`/certificates/${issued[0].id}/revoke`, {}), 403, 'forbidden');
  });
});

describe('the demo and the data scope', () => {
  test('the demo has certificates certified and handed over, and one revoked', async () => {
    const all = await allCertificates(a);
    assert.ok(all.some((c) => c.registrationStatus === 'certified' && c.handedOverAt), 'one handed over');
    assert.ok(all.some((c) => c.status === 'revoked'), 'one revoked');
    assert.ok(all.some((c) => c.registrationStatus === 'certifying'), 'one waiting to be printed');
  });

  test('西安\'s officer sees none of 咸阳\'s certificates; 渭城分局 only its own', async () => {
    const ids = new Set((await allCertificates(a)).map((c) => c.id));
    assert.ok(ids.size > 0);
    for (const c of await allCertificates(xa)) assert.ok(!ids.has(c.id) || !c.number.startsWith('6104'), `西安 sees ${c.number}`);
    expectError(await xa.get(`/certificates/${issued[0].id}`), 404, 'not_found');
    expectError(await xa.request('GET', `/certificates/${issued[0].id}/document`, undefined, { binary: true }), 404, 'not_found');
    const wc = await login('wc_jb', PASSWORD);
    const wcIds = await subtreeIds('渭城分局');
    for (const c of await allCertificates(wc)) assert.ok(wcIds.has(c.orgId), `渭城 sees org ${c.orgId}`);
    assert.ok(await orgId('渭城分局'));
  });

  // Last: it uses up this address's quota of certificate verifications for a minute.
  test('verification is rate-limited per address', async () => {
    let limited;
    for (let i = 0; i < 40 && !limited; i++) {
      const p = await verifyPage(issued[0].verifyUrl);
      if (p.status === 429) limited = p;
      else assert.equal(p.status, 200);
    }
    assert.ok(limited, 'no 429 after 40 verifications');
    assert.equal(JSON.parse(limited.html).error.code, 'rate_limited');
  });
});

test('an anonymous caller gets 401 on the officers\' routes', async () => {
  expectError(await anon().get('/certificates'), 401, 'unauthenticated');
});
