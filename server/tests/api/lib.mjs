// Helpers of the HTTP API tests. One server (BAOAN_URL) serves every test file, so everything a test
// creates gets a unique name (uniq(), nextMobile(), …) and tests never rely on ids or counts of the seed.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  // error-body check), query}
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
    const r = await fetch(url, { method, headers, body: payload, signal: AbortSignal.timeout(20000) });
    const text = await r.text();
    let json;
    const ct = r.headers.get('content-type') ?? '';
    if (text.length > 0) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    const res = { status: r.status, body: json, text, headers: r.headers, contentType: ct };
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
