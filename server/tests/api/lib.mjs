// Helpers of the HTTP API tests. One server (BAOAN_URL) serves every test file, so everything a test
// creates gets a unique name (uniq(), nextMobile(), …) and tests never rely on ids or counts of the seed.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync, deflateSync } from 'node:zlib';
import { parse as parseYaml } from 'yaml';

export const BASE = process.env.BAOAN_URL ?? 'http://127.0.0.1:8080';
export const BASE_B = process.env.BAOAN_URL_B ?? BASE;
export const DB_KIND = process.env.BAOAN_TEST_DB ?? 'sqlite';
export const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(HERE, '../../..');
export const SPEC_PATH = resolve(REPO, 'docs/openapi.yaml');

export const DEMO = {
  admin: { account: 'admin', password: 'Admin@2026' },
  xy_admin: { account: 'xy_admin', password: 'Baoan@2026' },
  wc_admin: { account: 'wc_admin', password: 'Baoan@2026' },
  qd_admin: { account: 'qd_admin', password: 'Baoan@2026' },
  xy_jb: { account: 'xy_jb', password: 'Baoan@2026' },
};
export const INITIAL_PASSWORD = '123456';

// ---------------------------------------------------------------------------------------------------
// Error bodies. Every 4xx/5xx answer must be {"error":{"code","message"}} with a Chinese message that
// never leaks database details; the client checks this on every response, so every test checks it.
const CJK = /[\u4e00-\u9fff]/;
// Word boundaries: "soci" is the database library, but also part of "association:pii".
const LEAKS = /SQL|sqlite|syntax|constraint|postgres|\bsoci\b|soci::|exception|stack|std::/i;

export function checkErrorBody(res, where = '') {
  const ctx = `${where} → ${res.status} ${res.text?.slice(0, 300)}`;
  assert.ok(res.body && typeof res.body === 'object', `error body is not JSON: ${ctx}`);
  assert.ok(res.body.error && typeof res.body.error === 'object', `error body lacks "error": ${ctx}`);
  const { code, message, fields } = res.body.error;
  assert.equal(typeof code, 'string', `error.code missing: ${ctx}`);
  assert.ok(code.length > 0, `error.code empty: ${ctx}`);
  assert.equal(typeof message, 'string', `error.message missing: ${ctx}`);
  assert.match(message, CJK, `error.message is not Chinese: ${ctx}`);
  assert.doesNotMatch(message, LEAKS, `error.message leaks internals: ${ctx}`);
  if (fields !== undefined) {
    assert.equal(typeof fields, 'object', `error.fields is not an object: ${ctx}`);
    for (const [k, v] of Object.entries(fields)) {
      assert.equal(typeof v, 'string', `error.fields.${k} is not a string: ${ctx}`);
      assert.match(v, CJK, `error.fields.${k} is not Chinese: ${ctx}`);
      assert.doesNotMatch(v, LEAKS, `error.fields.${k} leaks internals: ${ctx}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// HTTP client.
export class Client {
  // auth: {mode:'cookie', cookie, csrf} | {mode:'bearer', token} | {mode:'none'}
  constructor(base = BASE, auth = { mode: 'none' }) {
    this.base = base;
    this.auth = auth;
  }

  url(path) {
    if (/^https?:/.test(path)) return path;
    if (path.startsWith('/api/')) return this.base + path;
    return `${this.base}/api/v1${path}`;
  }

  // opts: {headers, raw (string/Buffer body as is), csrf (false: omit X-CSRF-Token), check (false: no
  // error-body check), query, binary (true: the body's bytes in res.buf), timeout (ms, default 20 000)}
  async request(method, path, body, opts = {}) {
    const headers = { Accept: 'application/json', ...(opts.headers ?? {}) };
    let payload;
    if (opts.raw !== undefined) {
      payload = opts.raw;
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
        headers['Content-Type'] = 'application/json';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['Content-Type'] = 'application/json';
    }
    if (this.auth.mode === 'cookie') {
      headers.Cookie = this.auth.cookie;
      if (method !== 'GET' && method !== 'HEAD' && opts.csrf !== false) headers['X-CSRF-Token'] = this.auth.csrf;
    } else if (this.auth.mode === 'bearer') {
      headers.Authorization = `Bearer ${this.auth.token}`;
    }
    let url = this.url(path);
    if (opts.query) {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(opts.query)) if (v !== undefined && v !== null) q.set(k, String(v));
      const s = q.toString();
      if (s) url += (url.includes('?') ? '&' : '?') + s;
    }
    const r = await fetch(url, { method, headers, body: payload, signal: AbortSignal.timeout(opts.timeout ?? 20000) });
    // opts.binary: keep the bytes (xlsx downloads) in res.buf; text is their UTF-8 reading.
    const buf = opts.binary ? Buffer.from(await r.arrayBuffer()) : undefined;
    const text = buf ? buf.toString('utf8') : await r.text();
    let json;
    const ct = r.headers.get('content-type') ?? '';
    if (text.length > 0) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    const res = { status: r.status, body: json, text, headers: r.headers, contentType: ct, buf };
    if (r.status >= 400 && opts.check !== false) checkErrorBody(res, `${method} ${path}`);
    return res;
  }

  get(path, opts) {
    return this.request('GET', path, undefined, opts);
  }
  post(path, body, opts) {
    return this.request('POST', path, body, opts);
  }
  put(path, body, opts) {
    return this.request('PUT', path, body, opts);
  }
  del(path, opts) {
    return this.request('DELETE', path, undefined, opts);
  }
}

export const anon = (base = BASE) => new Client(base);

export function sessionCookieFrom(headers) {
  const all = typeof headers.getSetCookie === 'function' ? headers.getSetCookie() : [headers.get('set-cookie') ?? ''];
  for (const c of all) {
    const m = /^\s*baoan_session=([^;]*)/.exec(c);
    if (m) return { value: m[1], raw: c };
  }
  return undefined;
}

// POST /auth/login; returns the raw response.
export function loginRaw(account, password, { base = BASE } = {}) {
  return anon(base).post('/auth/login', { account, password });
}

// Logs in and returns a cookie client (cookie + CSRF token); client.login holds the login answer.
export async function login(account, password, { base = BASE, bearer = false } = {}) {
  const res = await loginRaw(account, password, { base });
  assert.equal(res.status, 200, `login ${account}: ${res.status} ${res.text}`);
  assert.equal(typeof res.body.token, 'string');
  assert.equal(typeof res.body.csrfToken, 'string');
  let client;
  if (bearer) {
    client = new Client(base, { mode: 'bearer', token: res.body.token });
  } else {
    const c = sessionCookieFrom(res.headers);
    assert.ok(c, `login ${account}: no baoan_session cookie`);
    client = new Client(base, { mode: 'cookie', cookie: `baoan_session=${c.value}`, csrf: res.body.csrfToken });
  }
  client.login = res.body;
  client.account = account;
  return client;
}

export const bearerLogin = (account, password, opts = {}) => login(account, password, { ...opts, bearer: true });
export const loginDemo = (who, opts) => login(DEMO[who].account, DEMO[who].password, opts);

let adminPromise;
// A cached bearer client of the province admin (all permissions, all data).
export function admin() {
  adminPromise ??= bearerLogin(DEMO.admin.account, DEMO.admin.password);
  return adminPromise;
}

// ---------------------------------------------------------------------------------------------------
// Assertions.
export function expectStatus(res, status, what = '') {
  const ok = Array.isArray(status) ? status.includes(res.status) : res.status === status;
  assert.ok(ok, `${what} expected ${JSON.stringify(status)}, got ${res.status}: ${res.text?.slice(0, 500)}`);
  return res;
}

export function expectError(res, status, code, what = '') {
  expectStatus(res, status, what);
  checkErrorBody(res, what);
  if (code !== undefined) {
    const codes = Array.isArray(code) ? code : [code];
    assert.ok(codes.includes(res.body.error.code), `${what} expected code ${codes.join('|')}, got ${res.body.error.code}`);
  }
  return res.body.error;
}

// 422 naming a field: fields[field] is set and the message mentions one of the Chinese labels.
export function expectFieldError(res, field, labels = [], what = '') {
  const err = expectError(res, 422, 'validation_failed', what);
  assert.ok(err.fields && typeof err.fields === 'object', `${what} 422 without fields: ${res.text}`);
  const keys = Object.keys(err.fields);
  const hit = keys.find((k) => k === field || k.startsWith(`${field}.`) || k.startsWith(`${field}[`));
  assert.ok(hit, `${what} expected fields.${field}, got fields ${JSON.stringify(err.fields)}`);
  if (labels.length) {
    const text = `${err.message} ${err.fields[hit]}`;
    assert.ok(
      labels.some((l) => text.includes(l)),
      `${what} message should name the field (${labels.join('/')}): ${JSON.stringify(err)}`,
    );
  }
  return err;
}

export const MASKED_ID = /^\d{6}\*+[\dX]{4}$/;
export const MASKED_MOBILE = /^1\d{2}\*{4}\d{4}$/;
export const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

// ---------------------------------------------------------------------------------------------------
// Unique values.
const RUN = `${Date.now().toString(36).slice(-4)}${randomInt(36 ** 2).toString(36).padStart(2, '0')}`;
let counter = 0;
export function uniq(prefix = '') {
  counter += 1;
  return `${prefix}${RUN}${counter.toString(36)}`;
}
export const uniqName = (prefix) => `${prefix}${uniq()}`;
export const uniqAccount = (prefix = 't') => uniq(prefix).toLowerCase();

export function nextMobile() {
  return `17${randomInt(3, 10)}${String(randomInt(1e8)).padStart(8, '0')}`;
}
export function nextPoliceNo() {
  return String(randomInt(100000, 1000000));
}

// GB 11643-1999 check character.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
export function idCheckChar(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}
export function validIdNumber(regionCode = '610404', birth = '19900101', seq = randomInt(1000)) {
  const first17 = `${regionCode}${birth}${String(seq).padStart(3, '0')}`;
  assert.equal(first17.length, 17, `bad id parts ${first17}`);
  return first17 + idCheckChar(first17);
}
// A valid ID with a random birth date (1960–1999) and sequence; male: odd sequence.
export function randomIdNumber({ regionCode = '610404', male } = {}) {
  const y = 1960 + randomInt(40);
  const m = 1 + randomInt(12);
  const d = 1 + randomInt(28);
  let seq = randomInt(1000);
  if (male === true && seq % 2 === 0) seq = (seq + 1) % 1000;
  if (male === false && seq % 2 === 1) seq -= 1;
  const birth = `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
  return validIdNumber(regionCode, birth, seq);
}
// The same ID with a wrong check character.
export function breakCheckChar(id) {
  const right = id[17];
  const wrong = ID_CHECK.split('').find((c) => c !== right);
  return id.slice(0, 17) + wrong;
}

// GB 32100-2015 统一社会信用代码: 18 characters of CREDIT_CHARS, check character from weights 3^i mod 31.
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export function creditCheckChar(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARS.indexOf(first17[i]) * CREDIT_WEIGHTS[i];
  return CREDIT_CHARS[(31 - (sum % 31)) % 31];
}
// A valid, random credit code of a company registered by 工商 (91) in the given county.
export function randomCreditCode(regionCode = '610404') {
  let body = `91${regionCode}`;
  while (body.length < 17) body += CREDIT_CHARS[randomInt(CREDIT_CHARS.length)];
  return body + creditCheckChar(body);
}
export function breakCreditCheck(code) {
  const right = code[17];
  const wrong = CREDIT_CHARS.split('').find((c) => c !== right);
  return code.slice(0, 17) + wrong;
}

// Dates in China (+08:00), as the server counts "today".
export function chinaToday(offsetDays = 0) {
  return new Date(Date.now() + 8 * 3600e3 + offsetDays * 86400e3).toISOString().slice(0, 10);
}
// The birth date of a person who turns `years` on China's today + offsetDays (YYYYMMDD).
export function birthForAge(years, offsetDays = 0) {
  const d = chinaToday(offsetDays);
  let y = Number(d.slice(0, 4)) - years;
  let md = d.slice(5, 7) + d.slice(8, 10);
  if (md === '0229') md = '0228';
  return `${y}${md}`;
}
// A run-unique prefix of CJK characters, for names searched by prefix.
export function uniqCjk(n = 2) {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCodePoint(0x5a00 + randomInt(0x1800));
  return s;
}
export const mask = {
  id: (v) => `${v.slice(0, 6)}********${v.slice(14)}`,
  mobile: (v) => `${v.slice(0, 3)}****${v.slice(7)}`,
};

// ---------------------------------------------------------------------------------------------------
// Orgs.
export function flattenTree(items, out = [], parent = null) {
  for (const n of items ?? []) {
    out.push({ ...n, _parent: parent });
    flattenTree(n.children, out, n);
  }
  return out;
}

export async function orgTree(client) {
  const res = expectStatus(await client.get('/orgs/tree'), 200, 'GET /orgs/tree');
  return res.body.items;
}

let orgIndexPromise;
// Name → node of the whole tree, as the province admin sees it.
export function orgIndex() {
  orgIndexPromise ??= (async () => {
    const all = flattenTree(await orgTree(await admin()));
    const byName = new Map();
    for (const n of all) if (!byName.has(n.name)) byName.set(n.name, n);
    return { all, byName };
  })();
  return orgIndexPromise;
}

export async function orgId(name) {
  const { byName } = await orgIndex();
  const n = byName.get(name);
  assert.ok(n, `demo org ${name} not found in the tree`);
  return n.id;
}

// Ids of an org and everything below it (in the admin's tree).
export async function subtreeIds(name) {
  const { byName } = await orgIndex();
  const root = byName.get(name);
  assert.ok(root, `demo org ${name} not found`);
  return new Set(flattenTree([root]).map((n) => n.id));
}

export async function createOrg(client, parentId, overrides = {}) {
  const body = {
    parentId,
    name: uniqName('测试机构'),
    regionCode: '610404',
    phone: '029-33210000',
    address: '咸阳市渭城区测试路1号',
    type: 'police_station',
    ...overrides,
  };
  const res = expectStatus(await client.post('/orgs', body), 201, `POST /orgs ${body.name}`);
  return res.body;
}

// ---------------------------------------------------------------------------------------------------
// Roles and users.
export async function createRole(client, orgIdValue, permissions, dataScope = { kind: 'org_and_below' }, name) {
  const body = { orgId: orgIdValue, name: name ?? uniqName('测试角色'), permissions, dataScope };
  const res = expectStatus(await client.post('/roles', body), 201, `POST /roles ${body.name}`);
  return res.body;
}

export function userBody(orgIdValue, overrides = {}) {
  const isPolice = overrides.isPolice ?? true;
  return {
    name: uniqName('测试'),
    isPolice,
    policeNo: isPolice ? nextPoliceNo() : null,
    idNo: randomIdNumber(),
    orgId: orgIdValue,
    mobile: nextMobile(),
    approvalPosts: {},
    roleIds: [],
    ...overrides,
  };
}

// Creates a user; returns {user, body, account, mobile}.
export async function createUser(client, orgIdValue, overrides = {}) {
  const body = userBody(orgIdValue, overrides);
  if (!body.roleIds?.length && !Object.keys(body.approvalPosts ?? {}).length)
    body.approvalPosts = { exam_registration: 'county_handler' };
  const res = expectStatus(await client.post('/users', body), 201, `POST /users ${body.name}`);
  return { user: res.body, body, account: res.body.account, mobile: body.mobile };
}

// SMS messages sent to a mobile, newest first (read by the province admin).
export async function smsTo(mobile) {
  const res = expectStatus(
    await (await admin()).get('/sms-messages', { query: { mobile, size: 100 } }),
    200,
    'GET /sms-messages',
  );
  return [...res.body.items].sort((a, b) => (a.at === b.at ? b.id - a.id : a.at < b.at ? 1 : -1));
}

// The newest 6-digit verification code sent to a mobile.
export async function latestSmsCode(mobile) {
  // Account messages carry 6-digit accounts and the initial password: only read verification codes.
  for (const m of await smsTo(mobile)) {
    if (!m.content.includes('验证码')) continue;
    const found = /验证码\D{0,8}(\d{6})(?!\d)/.exec(m.content) ?? /(?<!\d)(\d{6})(?!\d)/.exec(m.content);
    if (found) return found[1];
  }
  assert.fail(`no verification code sent to ${mobile}`);
}

export const STRONG_PASSWORD = 'Xianyang#2026';

// Logs in with the initial password, changes it (SMS code read by the admin), logs in again.
export async function activate(account, mobile, newPassword = STRONG_PASSWORD, { base = BASE } = {}) {
  const first = await login(account, INITIAL_PASSWORD, { base });
  assert.equal(first.login.mustChangePassword, true, `${account} should have to change the password`);
  expectStatus(await first.post('/auth/sms-code', { purpose: 'change_password' }), 200, 'POST /auth/sms-code');
  const smsCode = await latestSmsCode(mobile);
  expectStatus(
    await first.post('/auth/change-password', { oldPassword: INITIAL_PASSWORD, newPassword, smsCode }),
    200,
    'POST /auth/change-password',
  );
  const client = await login(account, newPassword, { base });
  assert.equal(client.login.mustChangePassword, false);
  return client;
}

// A ready-to-use user with one role holding exactly `permissions` at `orgName`.
export async function userWithPermissions(permissions, { orgName = '渭城分局', dataScope = { kind: 'org_and_below' } } = {}) {
  const a = await admin();
  const oid = await orgId(orgName);
  const role = await createRole(a, oid, permissions, dataScope);
  const u = await createUser(a, oid, { roleIds: [role.id] });
  const client = await activate(u.account, u.mobile);
  return { client, role, ...u };
}

// ---------------------------------------------------------------------------------------------------
// OpenAPI spec and a small JSON-schema checker for the subset the spec uses (type, required,
// properties, items, enum, const, allOf, $ref, pattern, format date-time/date, minimum, maximum).
let specCache;
export function spec() {
  specCache ??= parseYaml(readFileSync(SPEC_PATH, 'utf8'));
  return specCache;
}

function typeOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (Number.isInteger(v)) return 'integer';
  return typeof v;
}

function resolveRef(ref) {
  assert.ok(ref.startsWith('#/'), `unsupported $ref ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .reduce((o, k) => o?.[k], spec());
}

export function schemaErrors(schema, value, path = '$', errs = []) {
  if (schema.$ref) return schemaErrors(resolveRef(schema.$ref), value, path, errs);
  if (schema.allOf) for (const s of schema.allOf) schemaErrors(s, value, path, errs);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const t = typeOf(value);
    const ok = types.some((x) => x === t || (x === 'number' && t === 'integer'));
    if (!ok) {
      errs.push(`${path}: expected ${types.join('|')}, got ${t} ${JSON.stringify(value)?.slice(0, 80)}`);
      return errs;
    }
  }
  if (schema.const !== undefined && value !== schema.const) errs.push(`${path}: expected ${schema.const}`);
  if (schema.enum && !schema.enum.includes(value)) errs.push(`${path}: ${JSON.stringify(value)} not in ${schema.enum}`);
  if (typeof value === 'string') {
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) errs.push(`${path}: ${value} !~ ${schema.pattern}`);
    if (schema.format === 'date-time' && !ISO_TIME.test(value)) errs.push(`${path}: ${value} is not ISO-8601 with offset`);
    if (schema.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) errs.push(`${path}: ${value} is not a date`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errs.push(`${path}: ${value} < ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) errs.push(`${path}: ${value} > ${schema.maximum}`);
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const r of schema.required ?? []) if (!(r in value)) errs.push(`${path}: missing ${r}`);
    for (const [k, s] of Object.entries(schema.properties ?? {}))
      if (k in value) schemaErrors(s, value[k], `${path}.${k}`, errs);
    if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
      for (const [k, v] of Object.entries(value))
        if (!(k in (schema.properties ?? {}))) schemaErrors(schema.additionalProperties, v, `${path}.${k}`, errs);
  }
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => schemaErrors(schema.items, v, `${path}[${i}]`, errs));
  return errs;
}

// Asserts that a value matches components.schemas[name] of docs/openapi.yaml.
export function assertSchema(name, value) {
  const schema = spec().components.schemas[name];
  assert.ok(schema, `no schema ${name} in the spec`);
  const errs = schemaErrors(schema, value, name);
  assert.deepEqual(errs, [], `response does not match the spec's ${name}:\n  ${errs.slice(0, 20).join('\n  ')}`);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------
// Spreadsheets (exports, the import template, imports).
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// A person's ID number no other test file (nor the demo seed) uses: a province code (63, 青海) no
// one else writes, a county chosen per process, and never the same number twice in this process.
const RUN_REGION = `63${String(randomInt(10000)).padStart(4, '0')}`;
const usedIds = new Set();
export function uniqueIdNumber({ birth, male } = {}) {
  for (;;) {
    const b = birth ?? `${1960 + randomInt(40)}${String(1 + randomInt(12)).padStart(2, '0')}${String(1 + randomInt(28)).padStart(2, '0')}`;
    let seq = randomInt(1000);
    if (male === true && seq % 2 === 0) seq = (seq + 1) % 1000;
    if (male === false && seq % 2 === 1) seq -= 1;
    const id = validIdNumber(RUN_REGION, b, seq);
    if (!usedIds.has(id)) {
      usedIds.add(id);
      return id;
    }
  }
}

// GET of a file: the response with res.buf (the bytes).
export async function download(client, path, query) {
  const res = await client.request('GET', path, undefined, { binary: true, query, headers: { Accept: `${XLSX_TYPE}, application/json` } });
  if (res.contentType.startsWith(XLSX_TYPE)) res.text = `<xlsx, ${res.buf.length} bytes>`; // for assertion messages
  return res;
}

// The UTF-8 file name of Content-Disposition (filename*=UTF-8''…), decoded; undefined when absent.
export function attachmentName(headers) {
  const cd = headers.get('content-disposition') ?? '';
  const m = /filename\*\s*=\s*UTF-8''([^;\s]+)/i.exec(cd);
  return m ? decodeURIComponent(m[1]) : undefined;
}

let excelPromise;
// exceljs, loaded only by the files that read or write spreadsheets.
export function excel() {
  excelPromise ??= import('exceljs').then((m) => m.default ?? m);
  return excelPromise;
}

export async function readXlsx(buf) {
  const ExcelJS = await excel();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf);
  return wb;
}

// A worksheet as {header: [text of row 1], rows: [[ExcelJS cell, …] for every non-empty row below]}
// (cells by column, index 0 = column A), plus byHeader(row) → {header text: cell}.
export function sheetTable(ws) {
  const width = ws.columnCount;
  const header = [];
  for (let c = 1; c <= width; c++) header.push(ws.getRow(1).getCell(c).text);
  const rows = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells = [];
    for (let c = 1; c <= width; c++) cells.push(row.getCell(c));
    if (cells.some((x) => x.value !== null && x.value !== undefined && x.value !== '')) rows.push(cells);
  }
  const byHeader = (cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  return { header, rows, byHeader };
}

// Writes a workbook with exceljs: rows of values (strings stay strings, Date objects are dates,
// numbers are numbers); column formats optional ({numFmt} per column, e.g. '@').
export async function exceljsXlsx(rows, { sheetName = 'Sheet1', columns } = {}) {
  const ExcelJS = await excel();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  if (columns) ws.columns = columns;
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// A UTC-midnight Date for "YYYY-MM-DD" (how exceljs reads and writes date cells).
export const excelDate = (ymd) => new Date(`${ymd}T00:00:00Z`);
export const ymdOf = (d) => d.toISOString().slice(0, 10);

// A minimal zip (deflate), for spreadsheets assembled by hand.
export function zipFiles(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const packed = deflateRawSync(data);
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x21, 12); // date 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    central.writeUInt16LE(20, 6); // needed
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt16LE(0, 30); // extra
    central.writeUInt16LE(0, 32); // comment
    central.writeUInt16LE(0, 34); // disk
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE(0, 38); // external attributes
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, packed);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const xmlEscape = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const colName = (i) => {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};
// Days since 1899-12-30 (Excel's serial date of the 1900 system).
export const excelSerial = (ymd) => (Date.parse(`${ymd}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86400e3;

// An xlsx assembled by hand the way WPS saves it: every text cell an inline string (t="inlineStr"),
// no shared strings. rows: arrays of cells — a string (inline string), a number, {num: '6.1E+17'}
// (a number cell written as that text), {date: 'YYYY-MM-DD'} (a serial number styled as a date,
// numFmtId 14), null/undefined (no cell).
export function handXlsx(rows, { sheetName = 'Sheet1' } = {}) {
  const sheetRows = rows
    .map((cells, r) => {
      const cs = cells
        .map((v, c) => {
          const ref = `${colName(c)}${r + 1}`;
          if (v === null || v === undefined) return '';
          if (typeof v === 'string') return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlEscape(v)}</t></is></c>`;
          if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
          if (v.num !== undefined) return `<c r="${ref}"><v>${v.num}</v></c>`;
          if (v.date !== undefined) return `<c r="${ref}" s="1"><v>${excelSerial(v.date)}</v></c>`;
          throw new Error(`handXlsx: unknown cell ${JSON.stringify(v)}`);
        })
        .join('');
      return `<row r="${r + 1}">${cs}</row>`;
    })
    .join('');
  const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  return zipFiles({
    '[Content_Types].xml':
      `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '</Types>',
    '_rels/.rels':
      `${head}<Relationships xmlns="${PKG}">` +
      `<Relationship Id="rId1" Type="${RNS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml':
      `${head}<workbook xmlns="${NS}" xmlns:r="${RNS}"><sheets>` +
      `<sheet name="${xmlEscape(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels':
      `${head}<Relationships xmlns="${PKG}">` +
      `<Relationship Id="rId1" Type="${RNS}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${RNS}/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml':
      `${head}<styleSheet xmlns="${NS}">` +
      '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
      '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
      '</styleSheet>',
    'xl/worksheets/sheet1.xml': `${head}<worksheet xmlns="${NS}"><sheetData>${sheetRows}</sheetData></worksheet>`,
  });
}

// POST /portal/guards/import with the file as the raw body. The answer is an ImportResult (200/422)
// or an error (400…), so the error-body check is left to the caller.
export function importGuards(client, buf, { timeout } = {}) {
  return client.request('POST', '/portal/guards/import', undefined, {
    raw: buf,
    headers: { 'Content-Type': XLSX_TYPE },
    check: false,
    timeout,
  });
}

// ---------------------------------------------------------------------------------------------------
// Companies with an active portal account.
export function companyBody(o = {}) {
  const regionCode = o.regionCode ?? '610404';
  return {
    name: uniqName('测试保安服务有限公司'),
    creditCode: randomCreditCode(regionCode),
    regAddress: '咸阳市渭城区文汇路8号',
    regionCode,
    regCapital: 500,
    foundedOn: '2016-06-01',
    serviceScope: ['door'],
    legalName: '周法人',
    legalIdNo: randomIdNumber(),
    legalMobile: nextMobile(),
    ...o,
  };
}

// The province admin creates a company; its account signs in with 123456, changes the password with
// the SMS code sent to the legal mobile and signs in again. Returns {body, rec, client}.
export async function activeCompany(overrides = {}) {
  const body = companyBody(overrides);
  const rec = expectStatus(await (await admin()).post('/companies', body), 201, `POST /companies ${body.name}`).body;
  const first = await login(body.creditCode, INITIAL_PASSWORD);
  assert.equal(first.login.mustChangePassword, true);
  expectStatus(await first.post('/auth/sms-code', { purpose: 'change_password' }), 200, 'POST /auth/sms-code');
  const smsCode = await latestSmsCode(body.legalMobile);
  expectStatus(
    await first.post('/auth/change-password', { oldPassword: INITIAL_PASSWORD, newPassword: STRONG_PASSWORD, smsCode }),
    200,
    'POST /auth/change-password',
  );
  const client = await login(body.creditCode, STRONG_PASSWORD);
  return { body, rec, client };
}

// ---------------------------------------------------------------------------------------------------
// A valid PNG made here so the test needs no fixture: 4×4 white unless told a size and each pixel's
// [r, g, b].
export function png({ width = 4, height = 4, pixel = () => [255, 255, 255] } = {}) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.concat(Array.from({ length: height }, (_, y) =>
    Buffer.from([0, ...Array.from({ length: width }, (_, x) => pixel(x, y)).flat()])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}


// ---------------------------------------------------------------------------------------------------
// The approval engine: a unit signs up on the portal and applies for the 保安服务公司许可证.
export const APPLICANT_PASSWORD = 'Shenqing#2026';

export function pdf() {
  return Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
}

export async function uploadMaterial(client, name = '材料.pdf') {
  const res = await client.request('POST', '/files', undefined, {
    raw: pdf(),
    headers: { 'X-File-Name': encodeURIComponent(name), 'Content-Type': 'application/pdf' },
  });
  return expectStatus(res, 201, 'POST /files').body.id;
}

// A unit signs up (SMS code to the legal person's mobile) and signs in with the password it chose.
export async function signUpApplicant(regionCode = '610404') {
  const body = {
    creditCode: randomCreditCode(regionCode),
    name: `咸阳${uniqCjk(3)}保安服务有限公司`,
    regionCode,
    legalName: `张${uniqCjk(2)}`,
    // Unique: approval.test.mjs puts one applicant's legal person on the watch list, and a number drawn
    // from 1 000 (validIdNumber's sequence) once came back as another file's legal person, whose
    // background check then hit (请先完成背景审查 on PostgreSQL, once).
    legalIdNo: uniqueIdNumber({ birth: '19800101' }),
    legalMobile: nextMobile(),
    password: APPLICANT_PASSWORD,
  };
  expectStatus(await anon().post('/portal/sign-up/sms-code', { mobile: body.legalMobile }), 200, 'sms-code');
  body.smsCode = await latestSmsCode(body.legalMobile);
  expectStatus(await anon().post('/portal/sign-up', body), 201, 'sign-up');
  const client = await login(body.creditCode, APPLICANT_PASSWORD);
  assert.equal(client.login.mustChangePassword, false);
  return { client, body };
}

export async function fullApplicationForm(client, who) {
  const file = () => uploadMaterial(client);
  return {
    name: who.name,
    creditCode: who.creditCode,
    regionCode: who.regionCode,
    address: '咸阳市渭城区文汇路1号',
    regCapital: 200,
    serviceScope: ['door_guard', 'patrol'].filter(Boolean),
    legalPerson: [{ name: who.legalName, idNo: who.legalIdNo, mobile: who.legalMobile, role: '法定代表人' }],
    managers: [{ name: '李经理', idNo: validIdNumber('610404', '19850202'), mobile: nextMobile(), role: '总经理' }],
    technicians: [],
    facilities: '办公用房200平方米,监控中心一处',
    organisation: '设总经理办公室、业务部、培训部;制定保安员管理制度',
    businessLicenceFiles: [await file()],
    resumeFiles: [await file()],
    capitalFiles: [await file()],
    facilityFiles: [await file()],
    rulesFiles: [await file()],
    charterFiles: [await file()],
  };
}

export async function serviceScopes() {
  const d = expectStatus(await (await admin()).get('/dictionaries'), 200).body;
  return d.serviceScopes.map((x) => x.code);
}

export async function submittedApplication(regionCode = '610404') {
  const { client, body } = await signUpApplicant(regionCode);
  const form = await fullApplicationForm(client, body);
  form.serviceScope = (await serviceScopes()).slice(0, 2);
  const res = expectStatus(await client.post('/portal/applications', { businessType: 'company_licence', form, submit: true }), 201);
  return { client, body, app: res.body };
}


// ---------------------------------------------------------------------------------------------------
// A server of the test's own on the suite's database (BAOAN_DB_URL), for a test that needs a setting the
// suite's servers do not have; it is killed when the test process ends. Its base URL (without /api/v1).
export async function startExtraServer(args = []) {
  const port = await new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const p = srv.address().port;
      srv.close(() => res(p));
    });
  });
  const child = spawn(process.env.BAOAN_BIN, ['serve', '--db', process.env.BAOAN_DB_URL, '--listen', `127.0.0.1:${port}`,
    '--data-dir', process.env.BAOAN_DATA_DIR, ...args], { stdio: 'ignore' });
  // The test process must not wait for the server: unreferenced, and killed when the process ends.
  child.unref();
  process.once('exit', () => child.kill('SIGKILL'));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/api/v1/health`)).status === 200) return { url, child };
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`extra server (${args.join(' ')}) did not start`);
}
