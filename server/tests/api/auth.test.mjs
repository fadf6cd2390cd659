// Login, sessions, CSRF, idle timeout, rate limit, lockout, forced password change (manual §1).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  activate,
  admin,
  anon,
  assertSchema,
  BASE_B,
  bearerLogin,
  Client,
  createUser,
  DEMO,
  expectError,
  expectFieldError,
  expectStatus,
  INITIAL_PASSWORD,
  latestSmsCode,
  login,
  loginDemo,
  loginRaw,
  MASKED_MOBILE,
  orgId,
  sessionCookieFrom,
  sleep,
  smsTo,
  STRONG_PASSWORD,
  uniqName,
  userWithPermissions,
} from './lib.mjs';

describe('login', () => {
  test('the province admin logs in: token, CSRF token, HttpOnly SameSite=Strict cookie, user', async () => {
    const res = expectStatus(await loginRaw('admin', 'Admin@2026'), 200);
    assertSchema('LoginResponse', res.body);
    assert.equal(res.body.mustChangePassword, false);
    assert.equal(res.body.user.account, 'admin');
    assert.ok(res.body.token.length >= 16, 'token looks too short to be random');
    assert.ok(res.body.csrfToken.length >= 16, 'CSRF token looks too short to be random');
    assert.notEqual(res.body.token, res.body.csrfToken);
    const cookie = sessionCookieFrom(res.headers);
    assert.ok(cookie, 'sets the baoan_session cookie');
    assert.match(cookie.raw, /HttpOnly/i);
    assert.match(cookie.raw, /SameSite=Strict/i);
    assert.match(cookie.raw, /Path=\//i);
  });

  test('two logins get two different sessions', async () => {
    const a = await loginRaw('admin', 'Admin@2026');
    const b = await loginRaw('admin', 'Admin@2026');
    assert.notEqual(a.body.token, b.body.token);
  });

  test('a wrong password and an unknown account get the same 401 and the same message', async () => {
    const wrong = expectError(await loginRaw('xy_jb', 'Wrong@2026x'), 401, 'unauthenticated');
    const unknown = expectError(await loginRaw(uniqName('nobody_'), 'Wrong@2026x'), 401, 'unauthenticated');
    assert.equal(wrong.message, '账号或密码错误');
    assert.equal(unknown.message, wrong.message);
    assert.deepEqual(Object.keys(unknown).sort(), Object.keys(wrong).sort());
  });

  test('empty account → 422 naming fields.account', async () => {
    expectFieldError(await loginRaw('', 'Admin@2026'), 'account', ['账号', '用户名']);
  });

  test('empty password → 422 naming fields.password', async () => {
    expectFieldError(await loginRaw('admin', ''), 'password', ['密码']);
  });

  describe('lockout after 5 wrong passwords', () => {
    let u;
    before(async () => {
      u = await createUser(await admin(), await orgId('渭城分局'));
    });

    test('the first wrong passwords answer 401', async () => {
      for (let i = 1; i <= 4; i++) expectError(await loginRaw(u.account, `Wrong@${i}abc`), 401, 'unauthenticated', `attempt ${i}`);
      // the fifth wrong password locks the account at once: 423, not a fifth 401
      expectError(await loginRaw(u.account, 'Wrong@5abc'), 423, 'locked', 'attempt 5');
    });

    test('then even the right password answers 423 locked', async () => {
      expectError(await loginRaw(u.account, INITIAL_PASSWORD), 423, 'locked');
    });

    test('the user list shows the account as locked', async () => {
      const res = expectStatus(await (await admin()).get(`/users/${u.user.id}`), 200);
      assert.equal(res.body.locked, true);
    });

    test('the login log records each attempt, failed ones with a reason', async () => {
      const res = expectStatus(await (await admin()).get('/login-logs', { query: { account: u.account, size: 50 } }), 200);
      assertSchema('LoginLogPage', res.body);
      const items = res.body.items;
      assert.ok(items.length >= 6, `expected ≥ 6 attempts, got ${items.length}`);
      assert.ok(items.every((e) => e.account === u.account), 'filter by account');
      assert.ok(items.every((e) => e.success === false), 'all attempts failed');
      assert.ok(items.every((e) => typeof e.reason === 'string' && e.reason.length > 0), 'failed attempts have a reason');
      assert.ok(items.every((e) => e.userId === u.user.id), 'attempts on a known account carry its user id');
      assert.ok(items.every((e) => e.ip), 'the client address is recorded');
    });
  });

  test('the login log records unknown accounts and successes, and filters by success', async () => {
    const nobody = uniqName('ghost_');
    await loginRaw(nobody, 'Whatever@1');
    const a = await admin();
    const res = expectStatus(await a.get('/login-logs', { query: { account: nobody } }), 200);
    assert.equal(res.body.total, 1);
    assert.equal(res.body.items[0].success, false);
    assert.equal(res.body.items[0].userId ?? null, null);

    await loginRaw('xy_jb', DEMO.xy_jb.password);
    const ok = expectStatus(await a.get('/login-logs', { query: { account: 'xy_jb', success: true } }), 200);
    assert.ok(ok.body.total >= 1);
    assert.ok(ok.body.items.every((e) => e.success === true && e.account === 'xy_jb'));
    const bad = expectStatus(await a.get('/login-logs', { query: { account: 'xy_jb', success: false } }), 200);
    assert.ok(bad.body.total >= 1, 'the wrong password of xy_jb above was logged');
    assert.ok(bad.body.items.every((e) => e.success === false));
  });
});

describe('sessions', () => {
  test('no session → 401 unauthenticated', async () => {
    expectError(await anon().get('/auth/me'), 401, 'unauthenticated');
    expectError(await anon().get('/orgs/tree'), 401, 'unauthenticated');
    expectError(await new Client(undefined, { mode: 'bearer', token: 'not-a-token' }).get('/auth/me'), 401, 'unauthenticated');
    expectError(
      await new Client(undefined, { mode: 'cookie', cookie: 'baoan_session=forged', csrf: 'x' }).get('/auth/me'),
      401,
      'unauthenticated',
    );
  });

  test('GET /auth/me of the province admin: all permissions, all data, menus', async () => {
    const c = await loginDemo('admin');
    const res = expectStatus(await c.get('/auth/me'), 200);
    assertSchema('Me', res.body);
    const me = res.body;
    assert.equal(me.user.account, 'admin');
    assert.equal(me.org.name, '陕西省公安厅');
    assert.equal(me.org.type, 'province_dept');
    assert.equal(me.dataScope.all, true);
    for (const p of ['org:view', 'org:create', 'role:create', 'user:create', 'user:pii', 'audit_log:view', 'company:view'])
      assert.ok(me.permissions.includes(p), `admin lacks ${p}`);
    const system = me.menus.find((m) => m.children.some((i) => i.path && i.title === '机构管理'));
    assert.ok(system, 'a menu with 机构管理');
    if (me.user.mobile) assert.match(me.user.mobile, MASKED_MOBILE);
  });

  test('GET /auth/me of a district admin: 系统管理 permissions, its own subtree', async () => {
    const c = await loginDemo('wc_admin');
    const me = expectStatus(await c.get('/auth/me'), 200).body;
    assertSchema('Me', me);
    assert.equal(me.org.name, '渭城分局');
    assert.equal(me.dataScope.all, false);
    assert.ok(me.dataScope.subtreeOrgIds.includes(await orgId('渭城分局')));
    assert.ok(!me.dataScope.subtreeOrgIds.includes(await orgId('秦都分局')));
    for (const p of ['org:view', 'org:create', 'org:update', 'org:delete', 'role:create', 'user:create', 'user:pii', 'user:reset_password'])
      assert.ok(me.permissions.includes(p), `wc_admin lacks ${p}`);
    assert.ok(!me.permissions.includes('company:view'));
  });

  test('logout ends the session server-side (bearer token)', async () => {
    const c = await bearerLogin('xy_admin', DEMO.xy_admin.password);
    expectStatus(await c.get('/auth/me'), 200);
    expectStatus(await c.post('/auth/logout'), 204);
    expectError(await c.get('/auth/me'), 401, 'unauthenticated');
  });

  test('logout ends the session server-side (cookie)', async () => {
    const c = await loginDemo('xy_admin');
    expectStatus(await c.post('/auth/logout'), 204);
    expectError(await c.get('/auth/me'), 401, 'unauthenticated');
    // The same token as bearer does not work either.
    const bearer = new Client(undefined, { mode: 'bearer', token: c.login.token });
    expectError(await bearer.get('/auth/me'), 401, 'unauthenticated');
  });

  test('bearer authentication needs no CSRF token', async () => {
    const c = await bearerLogin('wc_admin', DEMO.wc_admin.password);
    const parentId = await orgId('渭城分局');
    const res = expectStatus(
      await c.post('/orgs', { parentId, name: uniqName('令牌测试所'), regionCode: '610404', type: 'police_station' }),
      201,
    );
    expectStatus(await c.del(`/orgs/${res.body.id}`), 204);
  });

  test('cookie authentication: a write without X-CSRF-Token → 403 csrf_failed, with a wrong one too', async () => {
    const c = await loginDemo('wc_admin');
    const parentId = await orgId('渭城分局');
    const body = { parentId, name: uniqName('跨站测试所'), regionCode: '610404', type: 'police_station' };
    expectError(await c.post('/orgs', body, { csrf: false }), 403, 'csrf_failed');
    expectError(await c.post('/orgs', body, { csrf: false, headers: { 'X-CSRF-Token': 'forged' } }), 403, 'csrf_failed');
    const other = await loginDemo('wc_admin');
    expectError(
      await c.post('/orgs', body, { csrf: false, headers: { 'X-CSRF-Token': other.login.csrfToken } }),
      403,
      'csrf_failed',
      "another session's CSRF token",
    );
    // Nothing was created by the refused requests.
    const list = expectStatus(await c.get('/orgs', { query: { name: body.name } }), 200);
    assert.equal(list.body.total, 0);
    const created = expectStatus(await c.post('/orgs', body), 201);
    expectError(await c.put(`/orgs/${created.body.id}`, { ...body, name: `${body.name}改` }, { csrf: false }), 403, 'csrf_failed');
    expectError(await c.del(`/orgs/${created.body.id}`, { csrf: false }), 403, 'csrf_failed');
    expectError(await c.post('/auth/logout', undefined, { csrf: false }), 403, 'csrf_failed');
    expectStatus(await c.del(`/orgs/${created.body.id}`), 204);
    // Reads need no CSRF token.
    expectStatus(await c.get('/orgs/tree'), 200);
  });

  test('idle timeout: a session idle longer than --session-idle-seconds ends (server B, 2 s)', async () => {
    const onA = await loginDemo('xy_admin');
    const onB = new Client(BASE_B, onA.auth);
    expectStatus(await onB.get('/auth/me'), 200, 'a session made on A works on B (sessions live in the database)');
    await sleep(3000);
    expectError(await onB.get('/auth/me'), 401, 'unauthenticated', 'after 3 s idle on B');
  });

  test('login rate limit: the 6th login within a minute on server B → 429 rate_limited', async () => {
    for (let i = 1; i <= 5; i++) expectStatus(await loginRaw('xy_admin', DEMO.xy_admin.password, { base: BASE_B }), 200, `login ${i} on B`);
    const res = await loginRaw('xy_admin', DEMO.xy_admin.password, { base: BASE_B });
    expectError(res, 429, 'rate_limited');
  });
});

describe('what a signed-in user may do follows every change at once, on every server', () => {
  test('a role losing and regaining a permission, a narrower scope, a disabled account: the next request on A and on B', async () => {
    const a = await admin();
    const u = await userWithPermissions(['guard:view', 'company:view']);
    const onA = u.client;
    const onB = new Client(BASE_B, onA.auth);
    const perms = async (c) => expectStatus(await c.get('/auth/me'), 200).body.permissions;
    for (const c of [onA, onB]) {
      expectStatus(await c.get('/guards'), 200, 'guard:view granted');
      assert.ok((await perms(c)).includes('guard:view'));
    }
    const role = (body) => ({ name: u.role.name, ...body });
    expectStatus(await a.put(`/roles/${u.role.id}`, role({ permissions: ['company:view'], dataScope: { kind: 'org_and_below' } })), 200);
    for (const c of [onA, onB]) {
      expectError(await c.get('/guards'), 403, 'forbidden', 'guard:view removed from the role');
      assert.ok(!(await perms(c)).includes('guard:view'));
      expectStatus(await c.get('/companies'), 200);
    }
    // Back, with the scope of its own org only: the 派出所 below it drop out of what it sees.
    const wide = expectStatus(await onA.get('/companies', { query: { size: 100 } }), 200).body.total;
    expectStatus(await a.put(`/roles/${u.role.id}`, role({ permissions: ['guard:view', 'company:view'], dataScope: { kind: 'org' } })), 200);
    for (const c of [onA, onB]) {
      expectStatus(await c.get('/guards'), 200, 'guard:view granted again');
      const narrow = expectStatus(await c.get('/companies', { query: { size: 100 } }), 200).body;
      assert.ok(narrow.total <= wide, `${narrow.total} ≤ ${wide}`);
      assert.ok(narrow.items.every((x) => x.orgName === '渭城分局'), JSON.stringify(narrow.items.map((x) => x.orgName)));
    }
    expectStatus(await a.post(`/users/${u.user.id}/disable`), 200);
    for (const c of [onA, onB]) expectError(await c.get('/auth/me'), 401, 'unauthenticated', 'disabled');
  });
});

describe('forced password change', () => {
  let u;
  let c; // logged in with the initial password
  const account = uniqName('Pw').replace(/[^A-Za-z0-9]/g, '') + 'x9';

  before(async () => {
    u = await createUser(await admin(), await orgId('渭城分局'), { account });
    assert.equal(u.account, account);
  });

  test('a new user logs in with 123456 and must change the password', async () => {
    const res = expectStatus(await loginRaw(account, INITIAL_PASSWORD), 200);
    assert.equal(res.body.mustChangePassword, true);
    c = await login(account, INITIAL_PASSWORD);
    const me = expectStatus(await c.get('/auth/me'), 200);
    assert.equal(me.body.user.mustChangePassword, true);
  });

  test('every endpoint but me/logout/sms-code/change-password answers 403 password_change_required', async () => {
    const calls = [
      ['GET', '/orgs/tree'],
      ['GET', '/orgs'],
      ['GET', '/roles'],
      ['GET', '/users'],
      ['GET', '/regions'],
      ['GET', '/permissions'],
      ['GET', '/approval-posts'],
      ['GET', '/org-types'],
      ['GET', '/audit-logs'],
      ['POST', '/orgs', { parentId: 1, name: 'x', regionCode: '610404', type: 'other' }],
      ['POST', '/roles', { orgId: 1, name: 'x', permissions: [], dataScope: { kind: 'self' } }],
      ['POST', '/users', {}],
      ['PUT', `/users/${u.user.id}`, {}],
    ];
    for (const [m, p, body] of calls)
      expectError(await c.request(m, p, body), 403, 'password_change_required', `${m} ${p}`);
  });

  test('POST /auth/sms-code sends a code to the masked mobile; again within 60 s → 429', async () => {
    const res = expectStatus(await c.post('/auth/sms-code', { purpose: 'change_password' }), 200);
    assertSchema('SmsCodeResponse', res.body);
    assert.match(res.body.mobile, MASKED_MOBILE);
    assert.equal(res.body.mobile, `${u.mobile.slice(0, 3)}****${u.mobile.slice(7)}`);
    assert.equal(res.body.expiresInSeconds, 300);
    const code = await latestSmsCode(u.mobile);
    assert.match(code, /^\d{6}$/);
    expectError(await c.post('/auth/sms-code', { purpose: 'change_password' }), 429, 'rate_limited');
  });

  test('a wrong old password → 422 fields.oldPassword 原密码错误', async () => {
    const smsCode = await latestSmsCode(u.mobile);
    const res = await c.post('/auth/change-password', { oldPassword: 'Nope@12345', newPassword: STRONG_PASSWORD, smsCode });
    const err = expectFieldError(res, 'oldPassword', ['原密码']);
    assert.equal(err.fields.oldPassword, '原密码错误');
  });

  test('a wrong SMS code → 422 fields.smsCode 验证码错误或已过期', async () => {
    const right = await latestSmsCode(u.mobile);
    const wrong = right === '000000' ? '111111' : '000000';
    const res = await c.post('/auth/change-password', { oldPassword: INITIAL_PASSWORD, newPassword: STRONG_PASSWORD, smsCode: wrong });
    const err = expectFieldError(res, 'smsCode', ['验证码']);
    assert.equal(err.fields.smsCode, '验证码错误或已过期');
  });

  const weak = [
    ['shorter than 8 characters', 'Ab1!xyz'],
    ['only lower case and digits', 'abcdefgh123'],
    ['only lower and upper case', 'abcdEFGHijk'],
    ['only digits and symbols', '12345678!@#'],
    ['equal to the account', null],
    ['123456', '123456'],
  ];
  for (const [rule, pw] of weak) {
    test(`a weak new password (${rule}) → 422 fields.newPassword`, async () => {
      const smsCode = await latestSmsCode(u.mobile);
      const newPassword = pw ?? account;
      const res = await c.post('/auth/change-password', { oldPassword: INITIAL_PASSWORD, newPassword, smsCode });
      expectFieldError(res, 'newPassword', ['密码']);
    });
  }

  test('empty fields → 422 naming them', async () => {
    const res = await c.post('/auth/change-password', { oldPassword: '', newPassword: '', smsCode: '' });
    const err = expectError(res, 422, 'validation_failed');
    assert.ok(err.fields?.oldPassword || err.fields?.newPassword || err.fields?.smsCode, JSON.stringify(err));
  });

  test('the right old password, a strong new one and the SMS code → 200 {changed:true}', async () => {
    const smsCode = await latestSmsCode(u.mobile);
    const res = expectStatus(
      await c.post('/auth/change-password', { oldPassword: INITIAL_PASSWORD, newPassword: STRONG_PASSWORD, smsCode }),
      200,
    );
    assert.deepEqual(res.body, { changed: true });
  });

  test('then the old password fails and the new one logs in without mustChangePassword', async () => {
    expectError(await loginRaw(account, INITIAL_PASSWORD), 401, 'unauthenticated');
    const fresh = await login(account, STRONG_PASSWORD);
    assert.equal(fresh.login.mustChangePassword, false);
    const me = expectStatus(await fresh.get('/auth/me'), 200);
    assert.equal(me.body.user.mustChangePassword, false);
    expectStatus(await fresh.get('/regions'), 200, 'ordinary endpoints are open now');
  });

  test('the SMS code cannot be used twice', async () => {
    const fresh = await login(account, STRONG_PASSWORD);
    const smsCode = await latestSmsCode(u.mobile);
    const res = await fresh.post('/auth/change-password', { oldPassword: STRONG_PASSWORD, newPassword: 'Another#2027', smsCode });
    expectFieldError(res, 'smsCode', ['验证码']);
  });

  test('the SMS log holds the verification code message', async () => {
    const msgs = await smsTo(u.mobile);
    assert.ok(msgs.some((m) => m.content.includes('验证码')), JSON.stringify(msgs.map((m) => m.content)));
  });

  test('logout is allowed while the password must be changed', async () => {
    const other = await createUser(await admin(), await orgId('渭城分局'));
    const oc = await login(other.account, INITIAL_PASSWORD);
    expectStatus(await oc.post('/auth/logout'), 204);
    expectError(await oc.get('/auth/me'), 401, 'unauthenticated');
  });
});

test('activate() helper sanity: a fresh user ends up with a normal session', async () => {
  const u = await createUser(await admin(), await orgId('渭城分局'));
  const c = await activate(u.account, u.mobile);
  expectStatus(await c.get('/auth/me'), 200);
});
