// Reference data: regions (GB/T 2260), the permission catalog, approval posts, org types.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { admin, anon, assertSchema, expectError, expectStatus } from './lib.mjs';

let a;
before(async () => {
  a = await admin();
});

test('reference data needs a session', async () => {
  for (const p of ['/regions', '/permissions', '/approval-posts', '/org-types'])
    expectError(await anon().get(p), 401, 'unauthenticated', p);
});

test('the sign-up form reads the same regions without a session (GET /portal/sign-up/regions)', async () => {
  const root = expectStatus(await anon().get('/portal/sign-up/regions'), 200);
  assertSchema('RegionList', root.body);
  assert.deepEqual(root.body, expectStatus(await a.get('/regions'), 200).body);
  const xianyang = expectStatus(await anon().get('/portal/sign-up/regions', { query: { parent: '610400' } }), 200);
  assert.deepEqual(xianyang.body, expectStatus(await a.get('/regions', { query: { parent: '610400' } }), 200).body);
  expectError(await anon().get('/portal/sign-up/regions', { query: { parent: '999999' } }), 404, 'not_found');
});

test('GET /regions without parent → [陕西省]', async () => {
  const res = expectStatus(await a.get('/regions'), 200);
  assertSchema('RegionList', res.body);
  assert.equal(res.body.items.length, 1);
  assert.equal(res.body.items[0].code, '610000');
  assert.equal(res.body.items[0].name, '陕西省');
  assert.equal(res.body.items[0].hasChildren, true);
});

test('GET /regions?parent=610400 → the 14 districts and counties of 咸阳市', async () => {
  const res = expectStatus(await a.get('/regions', { query: { parent: '610400' } }), 200);
  assertSchema('RegionList', res.body);
  const byCode = Object.fromEntries(res.body.items.map((r) => [r.code, r]));
  assert.equal(res.body.items.length, 14);
  assert.equal(byCode['610404'].name, '渭城区');
  assert.equal(byCode['610402'].name, '秦都区');
  assert.equal(byCode['610482'].name, '彬州市');
  assert.ok(res.body.items.every((r) => r.parent === '610400' && r.level === 'county'));
});

test('GET /regions/610404 → 渭城区 with its path', async () => {
  const res = expectStatus(await a.get('/regions/610404'), 200);
  assertSchema('RegionDetail', res.body);
  assert.equal(res.body.name, '渭城区');
  assert.equal(res.body.parent, '610400');
  assert.deepEqual(
    res.body.path.map((p) => p.name),
    ['陕西省', '咸阳市', '渭城区'],
  );
});

test('an unknown region → 404', async () => {
  expectError(await a.get('/regions/999999'), 404, 'not_found');
});

test('GET /permissions → the catalog with 系统管理 modules', async () => {
  const res = expectStatus(await a.get('/permissions'), 200);
  assertSchema('PermissionCatalog', res.body);
  const mod = Object.fromEntries(res.body.modules.map((m) => [m.code, m]));
  assert.deepEqual(mod.org.actions.map((x) => x.code).sort(), ['create', 'delete', 'update', 'view']);
  for (const code of ['role', 'user', 'audit_log', 'login_log', 'sms_message', 'company', 'approval', 'quick_search'])
    assert.ok(mod[code], `module ${code}`);
  assert.ok(mod.user.actions.some((x) => x.code === 'pii'));
  assert.ok(mod.user.actions.some((x) => x.code === 'reset_password'));
  assert.equal(mod.org.name, '机构管理');
});

test('GET /approval-posts → business types with their posts', async () => {
  const res = expectStatus(await a.get('/approval-posts'), 200);
  assertSchema('ApprovalPostCatalog', res.body);
  const bt = Object.fromEntries(res.body.businessTypes.map((b) => [b.code, b]));
  for (const code of ['company_licence', 'training_licence', 'exam_registration', 'licence_change', 'inhouse_filing', 'annual_report'])
    assert.ok(bt[code], `business type ${code}`);
  assert.equal(bt.company_licence.name, '保安服务公司许可证');
  assert.ok(bt.company_licence.posts.some((p) => p.name === '市经办民警'));
  assert.ok(bt.company_licence.posts.some((p) => p.name === '省厅科长'));
});

test('GET /org-types → the 8 org types', async () => {
  const res = expectStatus(await a.get('/org-types'), 200);
  assertSchema('OrgTypeList', res.body);
  const types = Object.fromEntries(res.body.items.map((t) => [t.code, t.name]));
  assert.deepEqual(types, {
    province_dept: '省厅',
    city_bureau: '市局',
    district_bureau: '分局',
    county_bureau: '县局',
    police_station: '派出所',
    detachment: '支队/处',
    brigade: '大队/科',
    other: '其他',
  });
});
