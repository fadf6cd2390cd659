// Roles (角色管理, manual §2.2): permissions, data scopes, no privilege escalation, delete rules, scope.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  admin,
  assertSchema,
  flattenTree,
  orgTree,
  userWithPermissions,
  createRole,
  createUser,
  expectError,
  expectFieldError,
  expectStatus,
  loginDemo,
  orgId,
  uniqName,
} from './lib.mjs';

const sorted = (a) => [...a].sort();

describe('create and read', () => {
  let c;
  let wc;
  let station;
  before(async () => {
    c = await loginDemo('wc_admin');
    wc = await orgId('渭城分局');
    station = await orgId('渭城护城河派出所');
  });

  const kinds = [
    ['org_and_below', () => ({ kind: 'org_and_below' })],
    ['org', () => ({ kind: 'org' })],
    ['custom', (ids) => ({ kind: 'custom', orgIds: [ids.station] })],
    ['self', () => ({ kind: 'self' })],
  ];
  for (const [kind, scope] of kinds) {
    test(`data scope ${kind}: 201, read back with the same permissions and scope`, async () => {
      const permissions = ['org:view', 'user:view', 'user:create', 'audit_log:view'];
      const name = uniqName(`角色${kind}`);
      const dataScope = scope({ station });
      const res = expectStatus(await c.post('/roles', { orgId: wc, name, permissions, dataScope }), 201);
      assertSchema('Role', res.body);
      assert.match(res.headers.get('location') ?? '', new RegExp(`/roles/${res.body.id}$`));
      assert.equal(res.body.name, name);
      assert.equal(res.body.orgId, wc);
      assert.equal(res.body.orgName, '渭城分局');
      assert.deepEqual(sorted(res.body.permissions), sorted(permissions));
      assert.equal(res.body.dataScope.kind, kind);
      if (kind === 'custom') assert.deepEqual(res.body.dataScope.orgIds, [station]);
      assert.equal(res.body.userCount, 0);
      const read = expectStatus(await c.get(`/roles/${res.body.id}`), 200);
      assertSchema('Role', read.body);
      assert.deepEqual(sorted(read.body.permissions), sorted(permissions));
      assert.equal(read.body.dataScope.kind, kind);
      if (kind === 'custom') assert.deepEqual(read.body.dataScope.orgIds, [station]);
    });
  }

  test('data scope all (全部数据) can be granted by the province admin', async () => {
    const a = await admin();
    const r = await createRole(a, await orgId('咸阳市公安局'), ['company:view', 'guard:view'], { kind: 'all' });
    assert.equal(r.dataScope.kind, 'all');
    expectStatus(await a.del(`/roles/${r.id}`), 204);
  });

  test('the list shows roles of an org with counts, filtered by name', async () => {
    const r = await createRole(c, wc, ['org:view', 'role:view'], { kind: 'org' });
    const res = expectStatus(await c.get('/roles', { query: { orgId: wc, size: 200 } }), 200);
    assertSchema('RolePage', res.body);
    const item = res.body.items.find((x) => x.id === r.id);
    assert.ok(item, 'the new role is listed');
    assert.equal(item.permissionCount, 2);
    assert.equal(item.userCount, 0);
    assert.equal(item.dataScopeKind, 'org');
    assert.equal(item.orgName, '渭城分局');
    assert.ok(res.body.items.every((x) => x.orgId === wc));
    const byName = expectStatus(await c.get('/roles', { query: { name: r.name } }), 200);
    assert.equal(byName.body.total, 1);
    assert.equal(byName.body.items[0].id, r.id);
  });

  test('PUT /roles/{id} changes name, permissions and scope', async () => {
    const r = await createRole(c, wc, ['org:view'], { kind: 'self' });
    const name = uniqName('改名角色');
    const res = expectStatus(
      await c.put(`/roles/${r.id}`, { name, permissions: ['org:view', 'org:update'], dataScope: { kind: 'org_and_below' } }),
      200,
    );
    assertSchema('Role', res.body);
    assert.equal(res.body.name, name);
    assert.deepEqual(sorted(res.body.permissions), ['org:update', 'org:view']);
    assert.equal(res.body.dataScope.kind, 'org_and_below');
    assert.equal(res.body.orgId, wc);
  });

  test('unknown ids → 404', async () => {
    expectError(await c.get('/roles/999999999'), 404, 'not_found');
    expectError(await c.del('/roles/999999999'), 404, 'not_found');
  });
});

describe('validation', () => {
  let c;
  let wc;
  before(async () => {
    c = await loginDemo('wc_admin');
    wc = await orgId('渭城分局');
  });

  test('empty name → 422 fields.name', async () => {
    expectFieldError(await c.post('/roles', { orgId: wc, name: '', permissions: ['org:view'], dataScope: { kind: 'org' } }), 'name', ['名称']);
  });

  test('custom scope without orgIds → 422 naming dataScope.orgIds', async () => {
    for (const dataScope of [{ kind: 'custom' }, { kind: 'custom', orgIds: [] }]) {
      const res = await c.post('/roles', { orgId: wc, name: uniqName('自定义'), permissions: ['org:view'], dataScope });
      const err = expectError(res, 422, 'validation_failed', JSON.stringify(dataScope));
      assert.ok(Object.keys(err.fields ?? {}).some((k) => k.startsWith('dataScope')), JSON.stringify(err));
    }
  });

  test('an unknown scope kind → 422 naming dataScope', async () => {
    const res = await c.post('/roles', { orgId: wc, name: uniqName('范围'), permissions: ['org:view'], dataScope: { kind: 'everything' } });
    const err = expectError(res, 422, 'validation_failed');
    assert.ok(Object.keys(err.fields ?? {}).some((k) => k.startsWith('dataScope')), JSON.stringify(err));
  });

  test('an unknown permission code is refused (422 naming permissions)', async () => {
    const res = await c.post('/roles', { orgId: wc, name: uniqName('未知权限'), permissions: ['spaceship:fly'], dataScope: { kind: 'org' } });
    assert.ok(expectError(res, 422, 'validation_failed').fields.permissions);
  });
});

describe('no privilege escalation (403 forbidden)', () => {
  let c;
  let wc;
  before(async () => {
    c = await loginDemo('wc_admin');
    wc = await orgId('渭城分局');
  });

  for (const perm of ['company:view', 'guard:pii', 'approval:approve', 'inspection:delete']) {
    test(`the 渭城 admin cannot grant ${perm}, which it lacks`, async () => {
      const name = uniqName('越权角色');
      const res = await c.post('/roles', { orgId: wc, name, permissions: ['org:view', perm], dataScope: { kind: 'org' } });
      expectError(res, 403, 'forbidden');
      const list = expectStatus(await c.get('/roles', { query: { name } }), 200);
      assert.equal(list.body.total, 0, 'nothing created');
    });
  }

  test('cannot grant 全部数据', async () => {
    const res = await c.post('/roles', { orgId: wc, name: uniqName('全部数据'), permissions: ['org:view'], dataScope: { kind: 'all' } });
    expectError(res, 403, 'forbidden');
  });

  test('cannot use custom orgs outside its subtree', async () => {
    for (const name of ['秦都分局', '咸阳市公安局', '陕西省公安厅']) {
      const res = await c.post('/roles', {
        orgId: wc,
        name: uniqName('外部机构'),
        permissions: ['org:view'],
        dataScope: { kind: 'custom', orgIds: [await orgId(name)] },
      });
      expectError(res, 403, 'forbidden', `custom ${name}`);
    }
  });

  test('cannot escalate through an update either', async () => {
    const r = await createRole(c, wc, ['org:view'], { kind: 'org' });
    expectError(await c.put(`/roles/${r.id}`, { name: r.name, permissions: ['org:view', 'company:view'], dataScope: { kind: 'org' } }), 403, 'forbidden');
    expectError(await c.put(`/roles/${r.id}`, { name: r.name, permissions: ['org:view'], dataScope: { kind: 'all' } }), 403, 'forbidden');
    const again = expectStatus(await c.get(`/roles/${r.id}`), 200);
    assert.deepEqual(again.body.permissions, ['org:view']);
    assert.equal(again.body.dataScope.kind, 'org');
  });
});

describe('delete', () => {
  test('refused (409) while users hold the role, allowed afterwards', async () => {
    const c = await loginDemo('wc_admin');
    const wc = await orgId('渭城分局');
    const r = await createRole(c, wc, ['org:view'], { kind: 'org' });
    const u = await createUser(c, wc, { roleIds: [r.id] });
    const listed = expectStatus(await c.get('/roles', { query: { name: r.name } }), 200);
    assert.equal(listed.body.items[0].userCount, 1);
    expectError(await c.del(`/roles/${r.id}`), 409, 'conflict');
    expectStatus(await c.get(`/roles/${r.id}`), 200);
    const { account, ...body } = u.body;
    void account;
    expectStatus(
      await c.put(`/users/${u.user.id}`, { ...body, roleIds: [], approvalPosts: { exam_registration: 'county_handler' } }),
      200,
    );
    expectStatus(await c.del(`/roles/${r.id}`), 204);
    expectError(await c.get(`/roles/${r.id}`), 404, 'not_found');
  });
});

describe('data-scope isolation: 渭城分局 admin and a 秦都分局 role', () => {
  let wcc;
  let qdRole;
  let qd;
  before(async () => {
    wcc = await loginDemo('wc_admin');
    qd = await orgId('秦都分局');
    qdRole = await createRole(await loginDemo('qd_admin'), qd, ['org:view'], { kind: 'org' }, uniqName('秦都隔离角色'));
  });

  test('read, update, delete by id → 404', async () => {
    expectError(await wcc.get(`/roles/${qdRole.id}`), 404, 'not_found');
    expectError(await wcc.put(`/roles/${qdRole.id}`, { name: '被篡改', permissions: ['org:view'], dataScope: { kind: 'org' } }), 404, 'not_found');
    expectError(await wcc.del(`/roles/${qdRole.id}`), 404, 'not_found');
    const still = expectStatus(await (await admin()).get(`/roles/${qdRole.id}`), 200);
    assert.equal(still.body.name, qdRole.name);
  });

  test('the list never contains it', async () => {
    const all = expectStatus(await wcc.get('/roles', { query: { size: 200 } }), 200);
    assert.ok(!all.body.items.some((r) => r.id === qdRole.id));
    assert.ok(all.body.items.every((r) => r.orgName !== '秦都分局'));
    const byName = expectStatus(await wcc.get('/roles', { query: { name: qdRole.name } }), 200);
    assert.equal(byName.body.total, 0);
    expectError(await wcc.get('/roles', { query: { orgId: qd } }), 404, 'not_found');
  });

  test('cannot create a role in a 秦都 org', async () => {
    const name = uniqName('越权角色');
    expectError(await wcc.post('/roles', { orgId: qd, name, permissions: ['org:view'], dataScope: { kind: 'org' } }), 404, 'not_found');
    const check = expectStatus(await (await admin()).get('/roles', { query: { name } }), 200);
    assert.equal(check.body.total, 0);
  });

  test('the 咸阳市 admin sees it (its subtree holds 秦都分局)', async () => {
    expectStatus(await (await loginDemo('xy_admin')).get(`/roles/${qdRole.id}`), 200);
  });
});

describe('what a holder of each scope kind sees (orgs)', () => {
  const names = async (c) => flattenTree(await orgTree(c)).map((n) => n.name);

  test('org_and_below: its org and everything below', async () => {
    const { client } = await userWithPermissions(['org:view'], { dataScope: { kind: 'org_and_below' } });
    const seen = await names(client);
    assert.equal(seen[0], '渭城分局');
    assert.ok(seen.includes('渭城护城河派出所'));
    assert.ok(!seen.includes('秦都分局') && !seen.includes('咸阳市公安局'));
  });

  test('org: its org only', async () => {
    const { client } = await userWithPermissions(['org:view'], { dataScope: { kind: 'org' } });
    assert.deepEqual(await names(client), ['渭城分局']);
    expectError(await client.get(`/orgs/${await orgId('渭城护城河派出所')}`), 404, 'not_found');
    expectStatus(await client.get(`/orgs/${await orgId('渭城分局')}`), 200);
  });

  test('custom: the ticked orgs with their subtrees, not its own org', async () => {
    const station = await orgId('渭城护城河派出所');
    const { client } = await userWithPermissions(['org:view'], { dataScope: { kind: 'custom', orgIds: [station] } });
    const items = await orgTree(client);
    assert.deepEqual(items.map((n) => n.id), [station]);
    expectError(await client.get(`/orgs/${await orgId('渭城分局')}`), 404, 'not_found');
    expectStatus(await client.get(`/orgs/${station}`), 200);
  });

  test('two roles: the union of their scopes', async () => {
    const a = await admin();
    const u = await userWithPermissions(['org:view'], { dataScope: { kind: 'org' } });
    const extra = await createRole(a, await orgId('渭城分局'), ['org:view'], { kind: 'custom', orgIds: [await orgId('秦都分局')] });
    const { account, ...body } = u.body;
    void account;
    expectStatus(await a.put(`/users/${u.user.id}`, { ...body, roleIds: [u.role.id, extra.id] }), 200);
    const seen = await names(u.client);
    assert.ok(seen.includes('渭城分局') && seen.includes('秦都分局'), seen.join(','));
    assert.ok(!seen.includes('渭城护城河派出所'), 'org kind does not reach below 渭城分局');
    const me = expectStatus(await u.client.get('/auth/me'), 200).body;
    assert.equal(me.dataScope.all, false);
    assert.ok(me.dataScope.subtreeOrgIds.includes(await orgId('秦都分局')));
    assert.ok(me.dataScope.orgIds.includes(await orgId('渭城分局')));
  });
});
