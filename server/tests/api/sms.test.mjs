// SMS delivery through real gateways (adapters/sms): this file starts its own `baoan serve` on its own
// database (migrated and seeded here, SQLite or PostgreSQL as BAOAN_TEST_DB says) with a TOML config
// that points the `http` and then the `aliyun` provider at a fake gateway run by the test. The fake
// checks every request's signature with an implementation of its own, and answers as told per mobile
// number: OK, an error, a refusal, or nothing until the client's timeout. What the 短信记录 API shows
// (status, attempts, lastError, sentAt, provider) must follow, and no secret may appear in an API
// answer or in the server's log.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  DB_KIND,
  DEMO,
  assertSchema,
  bearerLogin,
  createUser,
  expectError,
  expectStatus,
  flattenTree,
  orgTree,
  sleep,
} from './lib.mjs';

const BIN = process.env.BAOAN_BIN;
const PG_CONNINFO = process.env.BAOAN_PG_CONNINFO || 'host=127.0.0.1 port=5432 user=baoan password=baoan';

const HTTP_SECRET = `gw-${randomBytes(12).toString('hex')}`;
const ALIYUN_KEY_ID = `LTAI${randomBytes(8).toString('hex')}`;
const ALIYUN_SECRET = `ali+${randomBytes(12).toString('base64url')}/=`;
const SECRETS = [HTTP_SECRET, ALIYUN_SECRET, ALIYUN_KEY_ID];
const TIMEOUT_MS = 800; // the servers' request timeout; the fake's "timeout" answers after 2.5 s
const BACKOFF_S = 1;
const MAX_ATTEMPTS = 3;

const work = mkdtempSync(join(tmpdir(), 'baoan-sms-'));
let dbUrl;
let pgDb;
const servers = []; // {child, url, log: [string]}
const apiTexts = []; // every /sms-messages answer, checked for secrets at the end

// ---------------------------------------------------------------------------------------------------
// The fake gateway: POST /http (the generic JSON gateway) and POST /aliyun/ (SendSms).

const rfc3986 = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

// 阿里云 POP signature v1.0, written here from the published rules, independently of the server's.
function aliyunSignature(method, params, secret) {
  const canonical = Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${rfc3986(k)}=${rfc3986(params[k])}`)
    .join('&');
  const toSign = `${method}&${rfc3986('/')}&${rfc3986(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(toSign).digest('base64');
}

class FakeGateway {
  constructor() {
    this.requests = []; // {kind, at, mobile, signatureOk, headers, body, form, json, step}
    this.plans = new Map(); // mobile → remaining steps; when empty: 'ok'
    this.server = createServer((req, res) => this.handle(req, res));
  }

  async start() {
    await new Promise((res) => this.server.listen(0, '127.0.0.1', res));
    this.url = `http://127.0.0.1:${this.server.address().port}`;
  }

  stop() {
    this.server.closeAllConnections?.();
    return new Promise((res) => this.server.close(res));
  }

  plan(mobile, steps) {
    this.plans.set(mobile, [...steps]);
  }

  of(mobile) {
    return this.requests.filter((r) => r.mobile === mobile);
  }

  handle(req, res) {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const rec = { kind: req.url.startsWith('/aliyun') ? 'aliyun' : 'http', at: Date.now(), headers: req.headers, body };
      let mobile;
      if (rec.kind === 'aliyun') {
        rec.form = Object.fromEntries(new URLSearchParams(body));
        mobile = rec.form.PhoneNumbers;
        rec.signatureOk = rec.form.Signature === aliyunSignature(req.method, rec.form, ALIYUN_SECRET);
      } else {
        rec.json = JSON.parse(body);
        mobile = rec.json.mobile;
        const ts = req.headers['x-timestamp'] ?? '';
        const expected = createHmac('sha256', HTTP_SECRET).update(`${ts}\n${body}`).digest('hex');
        rec.signatureOk = req.headers['x-signature'] === expected && Math.abs(Date.now() / 1000 - Number(ts)) < 300;
      }
      rec.mobile = mobile;
      const steps = this.plans.get(mobile) ?? [];
      rec.step = steps.length ? steps.shift() : 'ok';
      this.requests.push(rec);
      const send = (status, obj) => {
        if (res.destroyed) return;
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(obj));
      };
      if (!rec.signatureOk) {
        if (rec.kind === 'aliyun') send(400, { Code: 'SignatureDoesNotMatch', Message: 'signature mismatch', RequestId: 'R-SIG' });
        else send(401, { code: 'SIGN', message: '签名错误' });
        return;
      }
      const id = `M-${this.requests.length}`;
      const answers = {
        http: {
          ok: () => send(200, { code: '0', data: { msgId: id } }),
          500: () => send(500, { code: 'E500', message: '平台内部错误' }),
          refuse: () => send(200, { code: '1001', message: `号码不在白名单 ${HTTP_SECRET}` }),
          busy: () => send(200, { code: 'BUSY', message: '通道繁忙' }),
        },
        aliyun: {
          ok: () => send(200, { Code: 'OK', Message: 'OK', BizId: `${id}^0`, RequestId: `R-${id}` }),
          throttle: () => send(200, { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控Permits:1', RequestId: 'R-T' }),
          template: () => send(200, { Code: 'isv.SMS_TEMPLATE_ILLEGAL', Message: '模板不合法(不存在或被拉黑)', RequestId: 'R-X' }),
          500: () => send(500, { Code: 'InternalError', Message: 'The request processing has failed due to some unknown error.' }),
        },
      };
      if (rec.step === 'timeout') {
        setTimeout(() => answers[rec.kind].ok(), 2500);
        return;
      }
      answers[rec.kind][rec.step]();
    });
  }
}

const gateway = new FakeGateway();

// ---------------------------------------------------------------------------------------------------
// Our own database and servers.

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 300000, ...opts });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.error ?? ''}${r.stdout}${r.stderr}`);
  return r.stdout;
}

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

function toml(provider, { withAliyunSecret = false } = {}) {
  const q = JSON.stringify; // TOML basic strings accept JSON string syntax for what we write
  return `db = ${q(dbUrl)}
[sms]
provider = ${q(provider)}
max_attempts = ${MAX_ATTEMPTS}
backoff_seconds = [${BACKOFF_S}]
poll_ms = 200
connect_timeout_ms = 500
timeout_ms = ${TIMEOUT_MS}

[sms.http]
url = ${q(`${gateway.url}/http`)}
secret = ${q(HTTP_SECRET)}
app_id = "baoan-test"
extra = { sign = "咸阳公安" }
message_id_field = "data.msgId"
retry_values = ["BUSY"]

[sms.aliyun]
endpoint = ${q(`${gateway.url}/aliyun/`)}
access_key_id = ${q(ALIYUN_KEY_ID)}
${withAliyunSecret ? `access_key_secret = ${q(ALIYUN_SECRET)}` : '# access_key_secret from BAOAN_SMS_ALIYUN_ACCESS_KEY_SECRET'}
sign_name = "咸阳市公安局"

[sms.templates.password_reset]
aliyun = "SMS_RESET_01"
http = "T-RESET"
params = { phone = "{mobile}", kind = "{purpose}" }

[sms.templates."application_准予许可"]
http = "T-GRANT"
params = { caseNo = "{caseNo}", documentName = "{documentName}", documentNo = "{documentNo}" }
`;
}

async function startServer(provider, env = {}) {
  const cfg = join(work, `${provider}-${servers.length}.toml`);
  writeFileSync(cfg, toml(provider), { mode: 0o600 });
  const port = await freePort();
  const child = spawn(BIN, ['serve', '--config', cfg, '--listen', `127.0.0.1:${port}`], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const s = { child, url: `http://127.0.0.1:${port}`, log: [] };
  child.stdout.on('data', (d) => s.log.push(d.toString()));
  child.stderr.on('data', (d) => s.log.push(d.toString()));
  servers.push(s);
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) assert.fail(`baoan serve (${provider}) exited ${child.exitCode}: ${s.log.join('')}`);
    try {
      if ((await fetch(`${s.url}/api/v1/health`, { signal: AbortSignal.timeout(1000) })).status === 200) break;
    } catch {
      /* not yet */
    }
    await sleep(100);
  }
  s.admin = await bearerLogin(DEMO.admin.account, DEMO.admin.password, { base: s.url });
  return s;
}

function stopServer(s) {
  return new Promise((res) => {
    if (s.child.exitCode !== null) return res(s.child.exitCode);
    const timer = setTimeout(() => s.child.kill('SIGKILL'), 10000);
    s.child.once('exit', (code) => {
      clearTimeout(timer);
      res(code);
    });
    s.child.kill('SIGTERM');
  });
}

async function messagesTo(s, mobile, query = {}) {
  const res = expectStatus(await s.admin.get('/sms-messages', { query: { mobile, size: 100, ...query } }), 200);
  apiTexts.push(res.text);
  assertSchema('SmsMessagePage', res.body);
  return res.body.items;
}

async function waitFor(what, fn, ms = 10000) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    last = await fn();
    if (last) return last;
    await sleep(50);
  }
  assert.fail(`timed out waiting for ${what}`);
}

// The password-reset message to a mobile once it reached the given status.
async function resetMessage(s, mobile, status) {
  return waitFor(`a ${status} password_reset SMS to ${mobile}`, async () =>
    (await messagesTo(s, mobile, { purpose: 'password_reset' })).find((m) => m.status === status),
  );
}

let wcOrg;
async function newUser(s) {
  const u = await createUser(s.admin, wcOrg);
  // Its account_created message goes first; wait for it so that the plans below meet the reset.
  await waitFor(`account_created SMS to ${u.mobile}`, async () =>
    (await messagesTo(s, u.mobile, { purpose: 'account_created' })).find((m) => ['sent', 'failed'].includes(m.status)),
  );
  return u;
}

async function resetPassword(s, u) {
  expectStatus(await s.admin.post(`/users/${u.user.id}/reset-password`), 200);
  return Date.now();
}

before(async () => {
  assert.ok(BIN, 'BAOAN_BIN is set');
  if (DB_KIND === 'postgresql') {
    pgDb = `baoan_sms_${randomBytes(6).toString('hex')}`;
    run('psql', [`${PG_CONNINFO} dbname=postgres`, '-v', 'ON_ERROR_STOP=1', '-qc', `CREATE DATABASE ${pgDb}`]);
    dbUrl = `postgresql://${PG_CONNINFO} dbname=${pgDb}`;
  } else {
    dbUrl = `sqlite3://db=${join(work, 'sms.db')}`;
  }
  run(BIN, ['migrate', '--db', dbUrl]);
  run(BIN, ['seed', '--demo', '--db', dbUrl]);
  await gateway.start();
});

after(async () => {
  for (const s of servers) await stopServer(s);
  await gateway.stop();
  if (pgDb) spawnSync('psql', [`${PG_CONNINFO} dbname=postgres`, '-qc', `DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`]);
  rmSync(work, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------
describe('the generic HTTP gateway (政务短信平台)', () => {
  let s;
  before(async () => {
    s = await startServer('http');
    const tree = flattenTree(await orgTree(s.admin));
    wcOrg = tree.find((n) => n.name === '渭城分局').id;
  });

  test('a reset password SMS arrives signed with the configured fields and is recorded sent', async () => {
    const u = await newUser(s);
    const t0 = await resetPassword(s, u);
    const m = await resetMessage(s, u.mobile, 'sent');
    const reqs = gateway.of(u.mobile).filter((r) => r.json.templateId === 'T-RESET');
    assert.equal(reqs.length, 1);
    const r = reqs[0];
    assert.ok(r.signatureOk, 'HMAC-SHA256 of "<timestamp>\\n<body>" under the shared secret');
    assert.ok(r.at - t0 < 2000, `delivered ${r.at - t0} ms after the reset (a queued message wakes the relay)`);
    assert.equal(r.headers['x-app-id'], 'baoan-test');
    assert.equal(r.json.mobile, u.mobile);
    assert.match(r.json.content, /密码已被管理员重置为初始密码123456/);
    assert.deepEqual(r.json.params, { phone: u.mobile, kind: 'password_reset' });
    assert.equal(r.json.requestId, `baoan-sms-${m.id}`);
    assert.equal(r.json.sign, '咸阳公安');
    assert.ok(!r.body.includes(HTTP_SECRET));
    assert.equal(m.provider, 'http');
    assert.equal(m.attempts, 1);
    assert.equal(m.lastError, null);
    assert.ok(m.sentAt >= m.at, `sentAt ${m.sentAt} at ${m.at}`);
  });

  test('a grant (准予许可) sends the applicant the template with the licence\'s documentName and documentNo', async () => {
    // A demo case waiting at the last step of its chain: 省厅保安处副处长 (st_fcz) grants it.
    const fcz = await bearerLogin('st_fcz', 'Baoan@2026', { base: s.url });
    const waiting = expectStatus(await fcz.get('/todo', { query: { businessType: 'company_licence', size: 50 } }), 200).body.items;
    let granted;
    for (const item of waiting) {
      const r = await fcz.post(`/applications/${item.id}/approve`, { opinion: '经审核,符合条件,准予许可。' });
      if (r.status === 200) {
        granted = r.body;
        break;
      }
      expectError(r, 409, 'conflict'); // e.g. the case in 特别程序
    }
    assert.ok(granted, `one of ${waiting.length} cases at the last step was granted`);
    assert.equal(granted.status, 'granted');
    const licences = expectStatus(await fcz.get('/licences', { query: { holderName: granted.applicantName } }), 200).body;
    assert.equal(licences.total, 1);
    const number = licences.items[0].number;
    const mobile = granted.form.legalPerson[0].mobile;
    const m = await waitFor('the 准予许可 SMS sent', async () =>
      (await messagesTo(s, mobile, { purpose: 'application_准予许可' })).find((x) => x.status === 'sent'));
    const reqs = gateway.of(mobile).filter((r) => r.json.templateId === 'T-GRANT');
    assert.equal(reqs.length, 1);
    const r = reqs[0];
    assert.ok(r.signatureOk);
    assert.deepEqual(r.json.params, { caseNo: granted.caseNo, documentName: '保安服务许可证', documentNo: number });
    assert.ok(r.json.content.includes(number), r.json.content);
    assert.equal(r.json.requestId, `baoan-sms-${m.id}`);
  });

  test('an HTTP 500 is retried after the backoff and then sent', async () => {
    const u = await newUser(s);
    gateway.plan(u.mobile, ['500', 'ok']);
    await resetPassword(s, u);
    const m = await resetMessage(s, u.mobile, 'sent');
    const reqs = gateway.of(u.mobile).filter((r) => r.json.templateId === 'T-RESET');
    assert.deepEqual(reqs.map((r) => r.step), ['500', 'ok']);
    assert.equal(reqs[0].json.requestId, reqs[1].json.requestId, 'the same request id on every attempt');
    assert.ok(reqs[1].at - reqs[0].at >= BACKOFF_S * 1000 - 50, `second attempt ${reqs[1].at - reqs[0].at} ms later`);
    assert.equal(m.attempts, 2);
    assert.equal(m.lastError, null, 'a sent message keeps no error');
  });

  test('a gateway that does not answer in time: queued with the error, then sent', async () => {
    const u = await newUser(s);
    gateway.plan(u.mobile, ['timeout', 'ok']);
    await resetPassword(s, u);
    // Attempt 1 is abandoned after the timeout; the message waits for its backoff with the error.
    const waiting = await waitFor('the timed-out attempt recorded', async () =>
      (await messagesTo(s, u.mobile, { purpose: 'password_reset' })).find((m) => m.attempts === 1 && m.status === 'queued'),
    );
    assert.equal(waiting.lastError, '短信网关超时未应答');
    const m = await resetMessage(s, u.mobile, 'sent');
    assert.equal(m.attempts, 2);
  });

  test(`still failing after ${MAX_ATTEMPTS} attempts → failed with the gateway's answer`, async () => {
    const u = await newUser(s);
    gateway.plan(u.mobile, ['500', 'busy', '500']);
    await resetPassword(s, u);
    const m = await resetMessage(s, u.mobile, 'failed');
    assert.equal(m.attempts, MAX_ATTEMPTS);
    assert.equal(m.lastError, '短信网关 HTTP 500 code=E500: 平台内部错误');
    assert.equal(m.sentAt, null);
    assert.equal(gateway.of(u.mobile).filter((r) => r.json.templateId === 'T-RESET').length, MAX_ATTEMPTS);
    const failed = await messagesTo(s, u.mobile, { status: 'failed' });
    assert.deepEqual(failed.map((x) => x.id), [m.id], 'GET /sms-messages?status=failed');
  });

  test('a refusal fails at once, and the secret the gateway echoed is not shown', async () => {
    const u = await newUser(s);
    gateway.plan(u.mobile, ['refuse']);
    await resetPassword(s, u);
    const m = await resetMessage(s, u.mobile, 'failed');
    assert.equal(m.attempts, 1);
    assert.equal(m.lastError, '短信网关 HTTP 200 code=1001: 号码不在白名单 ***');
  });

  test('an unknown status filter → 422 naming status', async () => {
    const err = expectError(await s.admin.get('/sms-messages', { query: { status: 'lost' } }), 422, 'validation_failed');
    assert.match(err.fields.status, /短信状态/);
  });

  test('two servers on one database deliver each message exactly once', async () => {
    const s2 = await startServer('http');
    const users = [];
    for (let i = 0; i < 4; i += 1) users.push(await newUser(i % 2 ? s2 : s));
    await Promise.all(users.map((u, i) => resetPassword(i % 2 ? s : s2, u)));
    await Promise.all(users.flatMap((u) => [resetPassword(s, u), resetPassword(s2, u)]));
    for (const u of users) {
      const msgs = await waitFor(`3 sent resets to ${u.mobile}`, async () => {
        const all = await messagesTo(s, u.mobile, { purpose: 'password_reset' });
        return all.length === 3 && all.every((m) => m.status === 'sent') && all;
      });
      const ids = gateway.of(u.mobile).filter((r) => r.json.templateId === 'T-RESET').map((r) => r.json.requestId);
      assert.deepEqual([...ids].sort(), msgs.map((m) => `baoan-sms-${m.id}`).sort(), 'one request per message');
    }
    assert.equal(await stopServer(s2), 0);
  });

  after(async () => {
    assert.equal(await stopServer(s), 0, 'stops on SIGTERM with exit 0');
  });
});

// ---------------------------------------------------------------------------------------------------
describe('阿里云短信服务 SendSms', () => {
  let s;
  before(async () => {
    // The secret from the environment only (the file has none).
    s = await startServer('aliyun', { BAOAN_SMS_ALIYUN_ACCESS_KEY_SECRET: ALIYUN_SECRET });
  });

  test('a reset password SMS is sent as a signed SendSms with the template and its parameters', async () => {
    const u = await newUser(s);
    await resetPassword(s, u);
    const m = await resetMessage(s, u.mobile, 'sent');
    const reqs = gateway.of(u.mobile).filter((r) => r.kind === 'aliyun');
    assert.equal(reqs.length, 1);
    const f = reqs[0].form;
    assert.ok(reqs[0].signatureOk, 'POP signature (HMAC-SHA1) of the form');
    assert.equal(reqs[0].headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(f.Action, 'SendSms');
    assert.equal(f.Version, '2017-05-25');
    assert.equal(f.SignatureMethod, 'HMAC-SHA1');
    assert.equal(f.SignatureVersion, '1.0');
    assert.equal(f.AccessKeyId, ALIYUN_KEY_ID);
    assert.equal(f.SignName, '咸阳市公安局');
    assert.equal(f.TemplateCode, 'SMS_RESET_01');
    assert.deepEqual(JSON.parse(f.TemplateParam), { phone: u.mobile, kind: 'password_reset' });
    assert.equal(f.OutId, `baoan-sms-${m.id}`);
    assert.match(f.Timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok(!reqs[0].body.includes(ALIYUN_SECRET) && !reqs[0].body.includes(rfc3986(ALIYUN_SECRET)));
    assert.equal(m.provider, 'aliyun');
    assert.equal(m.attempts, 1);
  });

  test('a purpose without an aliyun template fails at once, without a request', async () => {
    const u = await createUser(s.admin, wcOrg);
    const m = await waitFor('the failed account_created SMS', async () =>
      (await messagesTo(s, u.mobile, { purpose: 'account_created' })).find((x) => x.status === 'failed'),
    );
    assert.equal(m.attempts, 1);
    assert.match(m.lastError, /没有为用途 account_created 配置阿里云短信模板/);
    assert.equal(gateway.of(u.mobile).length, 0);
  });

  test('flow control (isv.BUSINESS_LIMIT_CONTROL) is retried, then sent', async () => {
    const u = await newUser(s);
    gateway.plan(u.mobile, ['throttle', 'ok']);
    await resetPassword(s, u);
    const m = await resetMessage(s, u.mobile, 'sent');
    assert.equal(m.attempts, 2);
    assert.deepEqual(gateway.of(u.mobile).map((r) => r.step), ['throttle', 'ok']);
    assert.ok(gateway.of(u.mobile).every((r) => r.signatureOk));
    const nonces = gateway.of(u.mobile).map((r) => r.form.SignatureNonce);
    assert.notEqual(nonces[0], nonces[1], 'a new nonce on every attempt');
  });

  test('an invalid template (isv.SMS_TEMPLATE_ILLEGAL) fails at once with 阿里云\'s answer', async () => {
    const u = await newUser(s);
    gateway.plan(u.mobile, ['template']);
    await resetPassword(s, u);
    const m = await resetMessage(s, u.mobile, 'failed');
    assert.equal(m.attempts, 1);
    assert.equal(m.lastError, '阿里云 isv.SMS_TEMPLATE_ILLEGAL: 模板不合法(不存在或被拉黑) (RequestId R-X)');
  });

  test(`HTTP 500 and timeouts are retried up to ${MAX_ATTEMPTS} attempts, then failed`, async () => {
    const u = await newUser(s);
    gateway.plan(u.mobile, ['500', 'timeout', '500']);
    await resetPassword(s, u);
    const m = await resetMessage(s, u.mobile, 'failed');
    assert.equal(m.attempts, MAX_ATTEMPTS);
    assert.match(m.lastError, /^阿里云 InternalError: /);
  });

  after(async () => {
    assert.equal(await stopServer(s), 0, 'stops on SIGTERM with exit 0');
  });
});

// ---------------------------------------------------------------------------------------------------
describe('secrets', () => {
  test('never in an API answer nor in the servers\' logs; message texts stay out of the log', async () => {
    assert.ok(apiTexts.length > 10);
    for (const text of apiTexts) for (const secret of SECRETS) assert.ok(!text.includes(secret), 'secret in GET /sms-messages');
    const log = servers.map((s) => s.log.join('')).join('\n');
    assert.match(log, /sms \d+: sent via http/, 'the servers logged their deliveries');
    assert.match(log, /sms \d+: failed via aliyun/);
    for (const secret of SECRETS) assert.ok(!log.includes(secret), 'a secret in the server log');
    assert.ok(!log.includes('初始密码'), 'message texts (initial passwords, codes) are not logged');
    assert.doesNotMatch(log, /(?<![\w-])1[3-9]\d{9}(?![\w-])/, 'mobile numbers are masked in the log');
  });
});
