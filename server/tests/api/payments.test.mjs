// 考试缴费 (issue 13 "Payment (adapter)", DOMAIN.md "Exam fee and payment"): the city's fee, 现场缴费 at
// the window, the candidate's online payment with the local provider, scope; and the 统一公共支付平台
// gateway: a second `baoan serve` on the suite's database configured with provider = "gateway" and a
// fake platform run here (node http) that checks our signatures with its own HMAC, answers slowly, with
// a bad signature, or right, and whose callbacks the test sends signed, forged, late, with a wrong amount
// and twice. Registrations in 待缴费 come from exam_lib (the demo officers of 渭城 drive them there).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { examForm, newCandidate, officer, postRegistration, throughChecks } from './exam_lib.mjs';
import {
  anon,
  assertSchema,
  expectError,
  expectFieldError,
  expectStatus,
  latestSmsCode,
  login,
  nextMobile,
  sleep,
  uniq,
  uniqCjk,
  uniqueIdNumber,
} from './lib.mjs';

const BIN = process.env.BAOAN_BIN;
const DB_URL = process.env.BAOAN_DB_URL;
const SECRET = `pay-${randomBytes(16).toString('hex')}`;
const TIMEOUT_MS = 800; // the gateway server's request timeout; "slow" answers after 2 s
const FEE = { theory: 8000, skills: 4000 };
const PERSON_PASSWORD = 'Person@2026';

const sign = (ts, nonce, body, secret = SECRET) => createHmac('sha256', secret).update(`${ts}\n${nonce}\n${body}`).digest('hex');
const nowS = () => Math.floor(Date.now() / 1000);

// ---------------------------------------------------------------------------------------------------
// The fake 统一公共支付平台.
class FakePlatform {
  constructor() {
    this.requests = []; // {path, body, signatureOk, at}
    this.plans = new Map(); // `${path} ${orderNo}` → remaining answers ('slow' | 'badsig' | 'ok'); then 'ok'
    this.paid = new Map(); // orderNo → amount paid at the platform
    this.server = createServer((req, res) => {
      let data = '';
      req.on('data', (d) => (data += d));
      req.on('end', () => this.handle(req, data, res));
    });
  }
  async start() {
    await new Promise((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${this.server.address().port}`;
  }
  stop() {
    this.server.closeAllConnections?.();
    return new Promise((r) => this.server.close(r));
  }
  plan(path, orderNo, steps) {
    this.plans.set(`${path} ${orderNo}`, [...steps]);
  }
  of(path, orderNo) {
    return this.requests.filter((r) => r.path === path && (!orderNo || r.body.orderNo === orderNo));
  }
  handle(req, data, res) {
    const ts = req.headers['x-timestamp'];
    const nonce = req.headers['x-nonce'];
    const signatureOk = Boolean(ts && nonce) && req.headers['x-signature'] === sign(ts, nonce, data);
    const body = JSON.parse(data || '{}');
    this.requests.push({ path: req.url, body, signatureOk, at: Date.now() });
    const steps = this.plans.get(`${req.url} ${body.orderNo}`) ?? [];
    const step = steps.shift() ?? 'ok';
    let answer;
    if (!signatureOk) answer = { code: 'E_SIGN', message: 'bad signature' };
    else if (req.url === '/orders') answer = { code: '0', payUrl: `https://pay.example.gov.cn/c/${body.orderNo}`, tradeNo: `T${body.orderNo}` };
    else if (req.url === '/orders/query')
      answer = this.paid.has(body.orderNo)
        ? { code: '0', status: 'paid', amount: this.paid.get(body.orderNo), tradeNo: `T${body.orderNo}`, paidAt: nowS() }
        : { code: '0', status: 'unpaid' };
    else if (req.url === '/refunds') answer = { code: '0', status: 'done' };
    else answer = { code: 'E_PATH' };
    const text = JSON.stringify(answer);
    const t = String(nowS());
    const n = randomBytes(8).toString('hex');
    const send = () => {
      if (res.destroyed) return;
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'X-Timestamp': t,
        'X-Nonce': n,
        'X-Signature': step === 'badsig' ? sign(t, n, text, 'not-the-shared-secret') : sign(t, n, text),
      });
      res.end(text);
    };
    if (step === 'slow') setTimeout(send, 2000);
    else send();
  }
}

// ---------------------------------------------------------------------------------------------------
// People and registrations.

async function signUpPerson() {
  const body = { unitKind: 'person', idNo: uniqueIdNumber({ birth: '19920315' }), name: `赵${uniqCjk(2)}`, mobile: nextMobile(), password: PERSON_PASSWORD };
  expectStatus(await anon().post('/portal/sign-up/sms-code', { mobile: body.mobile }), 200, 'sms-code');
  body.smsCode = await latestSmsCode(body.mobile);
  expectStatus(await anon().post('/portal/sign-up', body), 201, 'person sign-up');
  return { body, client: await login(body.idNo, PERSON_PASSWORD) };
}

// A person registers on the portal and the demo officers drive the registration to 待缴费.
async function personCandidate() {
  const person = await signUpPerson();
  const form = await examForm(person.client, { name: person.body.name, idNo: person.body.idNo, mobile: person.body.mobile });
  const created = expectStatus(await postRegistration(person.client, form), 201, 'POST /exam-registrations (person)').body;
  await throughChecks(created.applicationId);
  return { ...created, person };
}

async function registrationStatus(id) {
  return expectStatus(await (await officer('wc_jb')).get(`/exam-registrations/${id}`), 200).body.status;
}

// ---------------------------------------------------------------------------------------------------
// The gateway server: the suite's database, provider = "gateway".

const work = mkdtempSync(join(tmpdir(), 'baoan-pay-'));
const platform = new FakePlatform();
let gw; // {child, url, log}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function startGatewayServer() {
  const port = await freePort();
  const q = JSON.stringify;
  const cfg = join(work, 'gateway.toml');
  writeFileSync(
    cfg,
    `db = ${q(DB_URL)}
data_dir = ${q(join(work, 'data'))}
[payment]
provider = "gateway"
callback_window_seconds = 300
reconcile_every_seconds = 1
reconcile_after_seconds = 1
refund_backoff_seconds = [1]
connect_timeout_ms = 500
timeout_ms = ${TIMEOUT_MS}
[payment.gateway]
url = ${q(platform.url)}
secret = ${q(SECRET)}
merchant_id = "M-XY-TEST"
notify_url = ${q(`http://127.0.0.1:${port}/api/v1/payments/callback`)}
`,
    { mode: 0o600 },
  );
  const child = spawn(BIN, ['serve', '--config', cfg, '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  const s = { child, url: `http://127.0.0.1:${port}`, log: [] };
  child.stdout.on('data', (d) => s.log.push(d.toString()));
  child.stderr.on('data', (d) => s.log.push(d.toString()));
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) assert.fail(`baoan serve (gateway) exited ${child.exitCode}: ${s.log.join('')}`);
    try {
      if ((await fetch(`${s.url}/api/v1/health`, { signal: AbortSignal.timeout(1000) })).status === 200) return s;
    } catch {
      /* not yet */
    }
    await sleep(100);
  }
  assert.fail('the gateway server did not start');
}

function stopServer(s) {
  return new Promise((res) => {
    if (!s || s.child.exitCode !== null) return res();
    const timer = setTimeout(() => s.child.kill('SIGKILL'), 10000);
    s.child.once('exit', () => {
      clearTimeout(timer);
      res();
    });
    s.child.kill('SIGTERM');
  });
}

// The platform's notice to the gateway server.
async function callback(body, { nonce = randomBytes(8).toString('hex'), ts = nowS(), secret = SECRET, headers } = {}) {
  const text = JSON.stringify(body);
  const res = await fetch(`${gw.url}/api/v1/payments/callback`, {
    method: 'POST',
    headers: headers ?? { 'Content-Type': 'application/json', 'X-Timestamp': String(ts), 'X-Nonce': nonce, 'X-Signature': sign(ts, nonce, text, secret) },
    body: text,
  });
  return { status: res.status, body: await res.json() };
}

async function waitFor(what, fn, ms = 15000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const v = await fn();
    if (v) return v;
    await sleep(100);
  }
  assert.fail(`timed out waiting for ${what}`);
}

before(async () => {
  assert.ok(BIN, 'BAOAN_BIN is set');
  assert.ok(DB_URL, 'BAOAN_DB_URL is set (run through run.mjs)');
  // The city's fee, as 咸阳's officer sets it.
  expectStatus(await (await officer('xy_jb')).put('/exam-fees', { cityCode: '610400', ...FEE }), 200, 'PUT /exam-fees');
});

after(async () => {
  await stopServer(gw);
  await platform.stop().catch(() => {});
  rmSync(work, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------
describe('the city fee (考试收费标准)', () => {
  test("the city's officer sets it; its counties read it; another city's officer cannot touch it", async () => {
    const xy = await officer('xy_jb');
    const set = expectStatus(await xy.put('/exam-fees', { cityCode: '610400', theory: 8000, skills: 4000 }), 200).body;
    assertSchema('ExamFee', set);
    assert.equal(set.amount, 12000);
    assert.equal(set.amountYuan, '120.00');
    const mine = expectStatus(await xy.get('/exam-fees'), 200).body.items;
    assert.deepEqual(mine.map((i) => i.cityCode), ['610400']);
    assert.equal(mine[0].editable, true);
    // 渭城分局 reads its city's fee and cannot change it (no exam_fee:update).
    const wc = await officer('wc_jb');
    const seen = expectStatus(await wc.get('/exam-fees'), 200).body.items;
    assert.equal(seen.find((i) => i.cityCode === '610400').amount, 12000);
    assert.equal(seen.find((i) => i.cityCode === '610400').editable, false);
    expectError(await wc.put('/exam-fees', { cityCode: '610400', theory: 1, skills: 1 }), 403, 'forbidden');
    // 西安's officer: 咸阳 does not exist for him.
    expectError(await (await officer('xa_jb')).put('/exam-fees', { cityCode: '610400', theory: 1, skills: 1 }), 404, 'not_found');
    assert.equal(expectStatus(await xy.get('/exam-fees'), 200).body.items[0].amount, 12000);
  });

  test('bad amounts are refused naming the field', async () => {
    const xy = await officer('xy_jb');
    expectFieldError(await xy.put('/exam-fees', { cityCode: '610400', theory: -1, skills: 4000 }), 'theory');
    expectError(await xy.put('/exam-fees', { cityCode: '610400', theory: '80', skills: 4000 }), 400, 'bad_request');
    expectFieldError(await xy.put('/exam-fees', { cityCode: '610400', theory: 8000 }), 'skills');
  });
});

describe('现场缴费 at the window', () => {
  let cand;
  before(async () => {
    cand = await newCandidate();
    assert.equal(cand.registration.status, 'pending_payment');
  });

  test("another city's officer cannot record a payment (404), nothing changes", async () => {
    const res = await (await officer('xa_jb')).post(`/exam-registrations/${cand.id}/payments`, { method: 'window', amount: 12000, receiptNo: uniq('R') });
    expectError(res, 404, 'not_found');
    assert.equal(await registrationStatus(cand.id), 'pending_payment');
  });

  test('a wrong amount, a missing receipt and another method are refused naming the field', async () => {
    const wc = await officer('wc_jb');
    const path = `/exam-registrations/${cand.id}/payments`;
    const wrong = expectFieldError(await wc.post(path, { method: 'window', amount: 100, receiptNo: uniq('R') }), 'amount');
    assert.match(wrong.fields.amount, /120\.00/);
    expectFieldError(await wc.post(path, { method: 'window', amount: 12000 }), 'receiptNo');
    expectFieldError(await wc.post(path, { method: 'cash', amount: 12000, receiptNo: uniq('R') }), 'method');
    expectError(await wc.post(path, { method: 'window', amount: '120', receiptNo: uniq('R') }), 400, 'bad_request');
    assert.equal(await registrationStatus(cand.id), 'pending_payment');
  });

  test('the window officer records the payment: paid, and the registration moves to pending_exam', async () => {
    const wc = await officer('wc_jb');
    const receiptNo = uniq('XYKS');
    const paid = expectStatus(await wc.post(`/exam-registrations/${cand.id}/payments`, { method: 'window', amount: 12000, receiptNo }), 200).body;
    assertSchema('PaymentOrder', paid);
    assert.equal(paid.status, 'paid');
    assert.equal(paid.method, 'window');
    assert.equal(paid.receiptNo, receiptNo);
    assert.equal(paid.amount, 12000);
    assert.equal(paid.theory, 8000);
    assert.equal(paid.registrationStatus, 'pending_exam');
    assert.equal(await registrationStatus(cand.id), 'pending_exam');
    // Once only.
    expectError(await wc.post(`/exam-registrations/${cand.id}/payments`, { method: 'window', amount: 12000, receiptNo: uniq('R') }), 409, 'conflict');
    const orders = expectStatus(await wc.get(`/exam-registrations/${cand.id}/payments`), 200).body.items;
    assert.equal(orders.length, 1);
    assert.equal(orders[0].paidBy, '周海涛');
    // The receipt number is unique.
    const other = await newCandidate();
    expectFieldError(await wc.post(`/exam-registrations/${other.id}/payments`, { method: 'window', amount: 12000, receiptNo }), 'receiptNo');
    assert.equal(await registrationStatus(other.id), 'pending_payment');
  });
});

describe('cancellation', () => {
  test('a paid registration that is cancelled is refunded (recorded); an unpaid order is closed', async () => {
    const wc = await officer('wc_jb');
    const paid = await newCandidate();
    expectStatus(await wc.post(`/exam-registrations/${paid.id}/payments`, { method: 'window', amount: 12000, receiptNo: uniq('XYKS') }), 200);
    expectStatus(await wc.post(`/exam-registrations/${paid.id}/cancel`, { reason: '考生本人申请' }), 200, 'cancel');
    const [refunded] = expectStatus(await wc.get(`/exam-registrations/${paid.id}/payments`), 200).body.items;
    assert.equal(refunded.status, 'refunded');
    assert.equal(refunded.refund.state, 'done');
    assert.equal(await registrationStatus(paid.id), 'cancelled');
    // Unpaid: the order the window opened is closed with the registration.
    const unpaid = await newCandidate();
    expectFieldError(await wc.post(`/exam-registrations/${unpaid.id}/payments`, { method: 'window', amount: 1, receiptNo: uniq('R') }), 'amount');
    expectStatus(await wc.post(`/exam-registrations/${unpaid.id}/cancel`, {}), 200, 'cancel');
    const orders = expectStatus(await wc.get(`/exam-registrations/${unpaid.id}/payments`), 200).body.items;
    assert.ok(orders.every((o) => o.status === 'cancelled'), JSON.stringify(orders));
  });
});

describe('online with the local provider', () => {
  test("the candidate opens the order and pays it; someone else's registration does not exist for them", async () => {
    const cand = await personCandidate();
    const me = cand.person.client;
    const stranger = (await signUpPerson()).client;
    expectError(await stranger.post('/portal/exam-payments', { registrationId: cand.id }), 404, 'not_found');
    expectError(await stranger.post('/portal/exam-payments/pay', { registrationId: cand.id }), 404, 'not_found');
    const open = expectStatus(await me.post('/portal/exam-payments', { registrationId: cand.id }), 200).body;
    assertSchema('PortalPayment', open);
    assert.equal(open.provider, 'local');
    assert.equal(open.order.status, 'unpaid');
    assert.equal(open.order.amount, 12000);
    assert.equal(open.order.payUrl, null);
    const paid = expectStatus(await me.post('/portal/exam-payments/pay', { registrationId: cand.id }), 200).body;
    assert.equal(paid.order.status, 'paid');
    assert.equal(paid.order.method, 'online');
    assert.equal(paid.order.id, open.order.id);
    assert.equal(await registrationStatus(cand.id), 'pending_exam');
    expectError(await me.post('/portal/exam-payments/pay', { registrationId: cand.id }), 409, 'conflict');
    assert.equal(expectStatus(await me.get('/portal/exam-payments', { query: { registrationId: cand.id } }), 200).body.order.status, 'paid');
  });

  test('the callback is refused when no payment platform is configured', async () => {
    expectError(await anon().post('/payments/callback', { orderNo: 'KS1-1', amount: 1, status: 'paid' }), 404, 'not_found');
  });
});

describe('the 统一公共支付平台 gateway', () => {
  before(async () => {
    await platform.start();
    gw = await startGatewayServer();
  });

  test('a slow platform is a 503 to try again; then the order is created, signed, with its payUrl', async () => {
    const cand = await personCandidate();
    const me = await login(cand.person.body.idNo, PERSON_PASSWORD, { base: gw.url });
    const first = expectStatus(await me.get('/portal/exam-payments', { query: { registrationId: cand.id } }), 200).body;
    const orderNo = first.order?.orderNo ?? `KS${cand.id}-1`;
    platform.plan('/orders', orderNo, ['slow']);
    const slow = await me.post('/portal/exam-payments', { registrationId: cand.id });
    expectError(slow, 503, 'payment_gateway_unavailable');
    const ok = expectStatus(await me.post('/portal/exam-payments', { registrationId: cand.id }), 200).body;
    assert.equal(ok.provider, 'gateway');
    assert.equal(ok.order.status, 'unpaid');
    assert.equal(ok.order.payUrl, `https://pay.example.gov.cn/c/${ok.order.orderNo}`);
    const sent = platform.of('/orders', ok.order.orderNo);
    assert.ok(sent.length >= 2);
    for (const r of sent) {
      assert.ok(r.signatureOk, 'every request is signed with the shared secret');
      assert.equal(r.body.amount, 12000);
      assert.equal(r.body.merchantId, 'M-XY-TEST');
      assert.match(r.body.notifyUrl, /\/api\/v1\/payments\/callback$/);
    }
  });

  test('the callback: forged, late and wrong-amount notices change nothing; the right one pays once, however often it comes', async () => {
    const cand = await personCandidate();
    const me = await login(cand.person.body.idNo, PERSON_PASSWORD, { base: gw.url });
    const order = expectStatus(await me.post('/portal/exam-payments', { registrationId: cand.id }), 200).body.order;
    const notice = { merchantId: 'M-XY-TEST', orderNo: order.orderNo, tradeNo: `T${order.orderNo}`, amount: 12000, status: 'paid', paidAt: nowS() };

    let r = await callback(notice, { secret: 'forged-secret-0123456789' });
    assert.equal(r.status, 401);
    assert.equal(r.body.error.code, 'invalid_signature');
    r = await callback(notice, { headers: { 'Content-Type': 'application/json' } });
    assert.equal(r.status, 401);
    r = await callback(notice, { ts: nowS() - 3600 });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 'stale');
    r = await callback({ ...notice, amount: 1 });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 'amount_mismatch');
    assert.equal(await registrationStatus(cand.id), 'pending_payment');
    assert.equal(expectStatus(await me.get('/portal/exam-payments', { query: { registrationId: cand.id } }), 200).body.order.status, 'unpaid');

    const nonce = randomBytes(8).toString('hex');
    const ts = nowS();
    r = await callback(notice, { nonce, ts });
    assert.equal(r.status, 200);
    assert.equal(r.body.code, '0');
    assert.equal(await registrationStatus(cand.id), 'pending_exam');
    // The same notice replayed, and notified again with a fresh nonce: acknowledged, paid once.
    r = await callback(notice, { nonce, ts });
    assert.equal(r.status, 200);
    r = await callback(notice);
    assert.equal(r.status, 200);
    const orders = expectStatus(await (await officer('wc_jb')).get(`/exam-registrations/${cand.id}/payments`), 200).body.items;
    assert.equal(orders.length, 1);
    assert.equal(orders[0].status, 'paid');
    assert.equal(orders[0].method, 'online');
    assert.equal(orders[0].tradeNo, `T${order.orderNo}`);
    const audit = expectStatus(await (await officer('xy_admin')).get('/audit-logs', { query: { targetType: 'exam_registration', size: 200 } }), 200);
    const pays = audit.body.items.filter((e) => e.targetId === String(cand.id) && e.action === 'pay');
    assert.equal(pays.length, 1, 'one payment recorded');
  });

  test('reconciliation: a payment the platform never notified is found by asking; a forged answer is not believed', async () => {
    const cand = await personCandidate();
    const me = await login(cand.person.body.idNo, PERSON_PASSWORD, { base: gw.url });
    const order = expectStatus(await me.post('/portal/exam-payments', { registrationId: cand.id }), 200).body.order;
    // Paid at the platform; its first answer to the query carries a bad signature.
    platform.plan('/orders/query', order.orderNo, ['badsig']);
    platform.paid.set(order.orderNo, 12000);
    await waitFor('the order settled by reconciliation', async () => (await registrationStatus(cand.id)) === 'pending_exam');
    const queries = platform.of('/orders/query', order.orderNo);
    assert.ok(queries.length >= 2, `asked ${queries.length} times: the forged answer did not settle it`);
    assert.ok(queries.every((q) => q.signatureOk));
    const orders = expectStatus(await (await officer('wc_jb')).get(`/exam-registrations/${cand.id}/payments`), 200).body.items;
    assert.equal(orders[0].status, 'paid');
  });
  test('a cancelled registration paid online is refunded through the platform, retried after a slow answer', async () => {
    const cand = await personCandidate();
    const me = await login(cand.person.body.idNo, PERSON_PASSWORD, { base: gw.url });
    const order = expectStatus(await me.post('/portal/exam-payments', { registrationId: cand.id }), 200).body.order;
    assert.equal((await callback({ orderNo: order.orderNo, tradeNo: `T${order.orderNo}`, amount: 12000, status: 'paid' })).status, 200);
    assert.equal(await registrationStatus(cand.id), 'pending_exam');
    platform.plan('/refunds', order.orderNo, ['slow']);
    expectStatus(await (await officer('wc_jb')).post(`/exam-registrations/${cand.id}/cancel`, { reason: '考生申请' }), 200, 'cancel');
    const done = await waitFor('the refund confirmed by the platform', async () => {
      const [o] = expectStatus(await (await officer('wc_jb')).get(`/exam-registrations/${cand.id}/payments`), 200).body.items;
      return o.refund?.state === 'done' ? o : null;
    });
    assert.equal(done.status, 'refunded');
    const sent = platform.of('/refunds', order.orderNo);
    assert.ok(sent.length >= 2, `sent ${sent.length} times: the timed-out request was sent again`);
    assert.ok(sent.every((r) => r.signatureOk && r.body.amount === 12000 && r.body.refundNo === sent[0].body.refundNo));
  });
});
