// Audit log, login log, SMS log: every write is recorded with who, what and on which object.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  admin,
  assertSchema,
  createOrg,
  createRole,
  createUser,
  expectError,
  expectStatus,
  ISO_TIME,
  loginDemo,
  loginRaw,
  orgId,
  uniqName,
  userWithPermissions,
} from './lib.mjs';

const sameId = (a, b) => a !== null && a !== undefined && String(a) === String(b);

describe('writes appear in the audit log', () => {
  let c;
  let entries;
  const done = {};
  before(async () => {
    c = await loginDemo('xy_admin');
    const xy = await orgId('咸阳市公安局');
    const org = await createOrg(c, xy, { type: 'brigade', regionCode: '610400', name: uniqName('审计测试科') });
    expectStatus(await c.put(`/orgs/${org.id}`, { name: `${org.name}改`, regionCode: '610400', type: 'brigade', phone: '029-33219999', address: '咸阳市' }), 200);
    const role = await createRole(c, org.id, ['org:view'], { kind: 'org' });
    expectStatus(await c.put(`/roles/${role.id}`, { name: `${role.name}改`, permissions: ['org:view'], dataScope: { kind: 'org' } }), 200);
    expectStatus(await c.del(`/roles/${role.id}`), 204);
    const u = await createUser(c, org.id, { approvalPosts: { exam_registration: 'city_handler' } });
    const { account, ...body } = u.body;
    void account;
    expectStatus(await c.put(`/users/${u.user.id}`, { ...body, name: `${body.name}改` }), 200);
    for (const a of ['reset-password', 'disable', 'enable', 'unlock']) expectStatus(await c.post(`/users/${u.user.id}/${a}`), 200, a);
    const org2 = await createOrg(c, xy, { type: 'other', regionCode: '610400' });
    expectStatus(await c.del(`/orgs/${org2.id}`), 204);
    Object.assign(done, { org, org2, role, user: u.user });

    const res = expectStatus(await (await admin()).get('/audit-logs', { query: { account: 'xy_admin', size: 200 } }), 200);
    assertSchema('AuditLogPage', res.body);
    entries = res.body.items;
  });

  const find = (targetType, id, verb) =>
    entries.filter((e) => e.targetType === targetType && sameId(e.targetId, id) && new RegExp(verb, 'i').test(e.action));

  test('every entry names the account, user, address, time and request', () => {
    assert.ok(entries.length >= 13, `only ${entries.length} entries`);
    for (const e of entries) {
      assert.equal(e.account, 'xy_admin');
      assert.match(e.at, ISO_TIME);
      assert.ok(e.action, 'action');
      assert.ok(e.targetType, 'targetType');
      assert.ok(e.ip, 'ip');
    }
    const ats = entries.map((e) => e.at);
    assert.deepEqual(ats, [...ats].sort().reverse(), 'newest first');
  });

  test('org create, update, delete', () => {
    assert.equal(find('org', done.org.id, 'create').length, 1, 'org create');
    assert.equal(find('org', done.org.id, 'update').length, 1, 'org update');
    assert.equal(find('org', done.org2.id, 'create').length, 1, 'org2 create');
    assert.equal(find('org', done.org2.id, 'delete').length, 1, 'org2 delete');
    const summary = find('org', done.org.id, 'create')[0].summary;
    assert.ok(typeof summary === 'string' && summary.length > 0, 'a summary');
  });

  test('role create, update, delete', () => {
    for (const v of ['create', 'update', 'delete']) assert.equal(find('role', done.role.id, v).length, 1, `role ${v}`);
  });

  test('user create, update, reset password, disable, enable, unlock', () => {
    for (const v of ['create', 'update', 'reset', 'disable', 'enable', 'unlock'])
      assert.ok(find('user', done.user.id, v).length >= 1, `user ${v}: ${JSON.stringify(entries.filter((e) => e.targetType === 'user').map((e) => e.action))}`);
  });

  test('filters: action, targetType, account, from/to', async () => {
    const a = await admin();
    const action = find('org', done.org.id, 'create')[0].action;
    const byAction = expectStatus(await a.get('/audit-logs', { query: { action, size: 200 } }), 200);
    assert.ok(byAction.body.total >= 2);
    assert.ok(byAction.body.items.every((e) => e.action === action));
    const byType = expectStatus(await a.get('/audit-logs', { query: { targetType: 'role', size: 200 } }), 200);
    assert.ok(byType.body.total >= 3);
    assert.ok(byType.body.items.every((e) => e.targetType === 'role'));
    const byAccount = expectStatus(await a.get('/audit-logs', { query: { account: 'qd_admin', size: 200 } }), 200);
    assert.ok(byAccount.body.items.every((e) => e.account === 'qd_admin'));
    const future = expectStatus(await a.get('/audit-logs', { query: { from: '2999-01-01T00:00:00+08:00' } }), 200);
    assert.equal(future.body.total, 0);
    const past = expectStatus(await a.get('/audit-logs', { query: { to: '2000-01-01T00:00:00+08:00' } }), 200);
    assert.equal(past.body.total, 0);
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    const since = expectStatus(await a.get('/audit-logs', { query: { account: 'xy_admin', from: `${today}T00:00:00+08:00`, size: 200 } }), 200);
    assert.ok(since.body.total >= entries.length, 'today holds all of them');
  });

  test('a bad from/to is refused with 422 naming it, not a 500', async () => {
    const err = expectError(await (await admin()).get('/audit-logs', { query: { from: 'yesterday' } }), 422, 'validation_failed');
    assert.ok(err.fields?.from, JSON.stringify(err));
  });

  test('the 咸阳市 admin reads the audit log too', async () => {
    const res = expectStatus(await c.get('/audit-logs', { query: { account: 'xy_admin' } }), 200);
    assert.ok(res.body.total >= 1);
  });
});

describe('logs need their permissions', () => {
  let viewer;
  before(async () => {
    viewer = await userWithPermissions(['org:view']);
  });

  test('an officer without audit_log:view → 403', async () => {
    expectError(await viewer.client.get('/audit-logs'), 403, 'forbidden');
  });

  test('without login_log:view → 403; without sms_message:view → 403', async () => {
    expectError(await viewer.client.get('/login-logs'), 403, 'forbidden');
    expectError(await viewer.client.get('/sms-messages'), 403, 'forbidden');
  });

  test('a seeded approval officer without the log permissions → 403', async () => {
    const c = await loginDemo('xy_jb');
    const me = expectStatus(await c.get('/auth/me'), 200).body;
    for (const [perm, path] of [
      ['audit_log:view', '/audit-logs'],
      ['login_log:view', '/login-logs'],
      ['sms_message:view', '/sms-messages'],
    ]) {
      if (me.permissions.includes(perm)) continue;
      expectError(await c.get(path), 403, 'forbidden', path);
    }
  });
});

describe('login log and SMS log', () => {
  test('login log entries carry address and user agent', async () => {
    await loginRaw('qd_admin', 'Baoan@2026');
    const res = expectStatus(await (await admin()).get('/login-logs', { query: { account: 'qd_admin', success: true } }), 200);
    assertSchema('LoginLogPage', res.body);
    const e = res.body.items[0];
    assert.ok(e.ip);
    assert.equal(typeof e.userAgent, 'string');
  });

  test('SMS log entries match the schema and filter by mobile', async () => {
    const u = await createUser(await admin(), await orgId('渭城分局'));
    const res = expectStatus(await (await admin()).get('/sms-messages', { query: { mobile: u.mobile } }), 200);
    assertSchema('SmsMessagePage', res.body);
    assert.ok(res.body.total >= 1);
    assert.ok(res.body.items.every((m) => m.mobile === u.mobile));
  });
});
