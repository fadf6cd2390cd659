// Orgs (机构管理, manual §2.1): tree, list, CRUD, validation, delete rules, data-scope isolation.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  admin,
  assertSchema,
  createOrg,
  createRole,
  createUser,
  expectError,
  expectFieldError,
  expectStatus,
  flattenTree,
  loginDemo,
  orgId,
  orgTree,
  subtreeIds,
  uniqName,
} from './lib.mjs';

const XIANYANG_DISTRICTS = [
  '秦都分局',
  '渭城分局',
  // The 14 分局/县局 of 咸阳市 are seeded; only these two are named by the tests.
];

describe('tree and list', () => {
  test('the province admin sees the whole tree from 陕西省公安厅', async () => {
    const items = await orgTree(await admin());
    assertSchema('OrgTree', { items });
    assert.equal(items.length, 1, 'one root');
    assert.equal(items[0].name, '陕西省公安厅');
    assert.equal(items[0].parentId ?? null, null);
    const all = flattenTree(items);
    const xy = all.find((n) => n.name === '咸阳市公安局');
    assert.ok(xy, '咸阳市公安局 in the tree');
    assert.equal(xy.parentId, items[0].id);
    for (const n of XIANYANG_DISTRICTS) assert.ok(xy.children.some((c) => c.name === n), `${n} under 咸阳市公安局`);
    const bureaus = xy.children.filter((c) => ['district_bureau', 'county_bureau'].includes(c.type));
    assert.equal(bureaus.length, 14, `14 分局/县局 of 咸阳市, got ${bureaus.map((b) => b.name).join(',')}`);
    const zd = xy.children.find((c) => c.name === '治安支队');
    assert.ok(zd?.children.some((c) => c.name === '保安管理科'), '治安支队 → 保安管理科');
    const wc = xy.children.find((c) => c.name === '渭城分局');
    assert.ok(wc.children.some((c) => c.name === '渭城护城河派出所'));
    for (const n of all) for (const ch of n.children) assert.equal(ch.parentId, n.id, `parentId of ${ch.name}`);
  });

  test('a district admin sees only its own subtree, rooted at 渭城分局', async () => {
    const items = await orgTree(await loginDemo('wc_admin'));
    assert.equal(items.length, 1);
    assert.equal(items[0].name, '渭城分局');
    const mine = await subtreeIds('渭城分局');
    for (const n of flattenTree(items)) assert.ok(mine.has(n.id), `${n.name} is outside 渭城分局`);
  });

  test('GET /orgs?parentId= lists the direct children, paged', async () => {
    const a = await admin();
    const xy = await orgId('咸阳市公安局');
    const res = expectStatus(await a.get('/orgs', { query: { parentId: xy, size: 200 } }), 200);
    assertSchema('OrgPage', res.body);
    assert.equal(res.body.page, 1);
    assert.equal(res.body.size, 200);
    const names = res.body.items.map((o) => o.name);
    assert.ok(names.includes('秦都分局') && names.includes('渭城分局') && names.includes('治安支队'));
    assert.ok(!names.includes('渭城护城河派出所'), 'only direct children');
    assert.ok(res.body.items.every((o) => o.parentId === xy));
    assert.equal(res.body.total, res.body.items.length);

    const p1 = expectStatus(await a.get('/orgs', { query: { parentId: xy, page: 1, size: 2 } }), 200).body;
    const p2 = expectStatus(await a.get('/orgs', { query: { parentId: xy, page: 2, size: 2 } }), 200).body;
    assert.equal(p1.items.length, 2);
    assert.equal(p1.size, 2);
    assert.equal(p2.page, 2);
    assert.equal(p1.total, res.body.total);
    assert.ok(!p2.items.some((o) => p1.items.some((x) => x.id === o.id)), 'pages do not overlap');
  });

  test('the page size defaults to 20', async () => {
    const res = expectStatus(await (await admin()).get('/orgs', { query: { parentId: await orgId('咸阳市公安局') } }), 200);
    assert.equal(res.body.size, 20);
    assert.equal(res.body.page, 1);
    assert.ok(res.body.items.length <= 20);
  });

  test('size is capped at 200', async () => {
    const res = expectStatus(await (await admin()).get('/orgs', { query: { size: 1000 } }), 200);
    assert.equal(res.body.size, 200);
    assert.ok(res.body.items.length <= 200, `items ${res.body.items.length}`);
  });

  test('a page or size that is not one is refused with 400 naming it', async () => {
    const a = await admin();
    for (const page of ['0', '-1', 'abc', '2147483648']) {
      const err = expectError(await a.get('/orgs', { query: { page } }), 400, 'bad_request');
      assert.ok(err.fields.page, `page=${page}: ${JSON.stringify(err)}`);
      assert.match(err.message, /页码/);
    }
    for (const size of ['0', '-5', 'x']) {
      const err = expectError(await a.get('/orgs', { query: { size } }), 400, 'bad_request');
      assert.ok(err.fields.size, `size=${size}`);
      assert.match(err.message, /每页条数/);
    }
    // the same rule on every list: a registry, guards and the logs
    for (const path of ['/companies', '/guards', '/audit-logs', '/users']) {
      expectError(await a.get(path, { query: { page: 0 } }), 400, 'bad_request');
    }
  });

  test('GET /orgs?parentId=&name= matches anywhere in the subtree', async () => {
    const a = await admin();
    const res = expectStatus(await a.get('/orgs', { query: { parentId: await orgId('咸阳市公安局'), name: '护城河' } }), 200);
    assert.ok(res.body.items.some((o) => o.name === '渭城护城河派出所'));
    assert.ok(res.body.items.every((o) => o.name.includes('护城河')));
    const none = expectStatus(await a.get('/orgs', { query: { parentId: await orgId('秦都分局'), name: '护城河' } }), 200);
    assert.equal(none.body.total, 0, 'not in 秦都分局');
  });
});

describe('create, read, update, delete', () => {
  let c;
  let wc;
  let org;
  before(async () => {
    c = await loginDemo('wc_admin');
    wc = await orgId('渭城分局');
  });

  test('POST /orgs → 201 with Location and the derived fields', async () => {
    const name = uniqName('渭城测试派出所');
    const res = expectStatus(
      await c.post('/orgs', {
        parentId: wc,
        name,
        regionCode: '610404',
        phone: '029-33211234',
        address: '咸阳市渭城区渭阳西路88号',
        type: 'police_station',
      }),
      201,
    );
    org = res.body;
    assertSchema('Org', org);
    assert.equal(org.name, name);
    assert.equal(org.parentId, wc);
    assert.equal(org.parentName, '渭城分局');
    assert.equal(org.regionCode, '610404');
    assert.ok(org.regionName.endsWith('渭城区'), org.regionName);
    assert.equal(org.type, 'police_station');
    assert.equal(org.typeName, '派出所');
    assert.equal(org.phone, '029-33211234');
    assert.equal(org.address, '咸阳市渭城区渭阳西路88号');
    assert.equal(org.childCount, 0);
    assert.ok(org.path.endsWith(`/${org.id}/`), `path ${org.path}`);
    assert.ok(org.path.includes(`/${wc}/`), `path ${org.path} below 渭城分局`);
    assert.match(res.headers.get('location') ?? '', new RegExp(`/orgs/${org.id}$`));
  });

  test('GET /orgs/{id} reads it; the parent counts it as a child; the tree shows it', async () => {
    const res = expectStatus(await c.get(`/orgs/${org.id}`), 200);
    assert.deepEqual({ ...res.body, updatedAt: 0 }, { ...org, updatedAt: 0 });
    const parent = expectStatus(await c.get(`/orgs/${wc}`), 200).body;
    assert.ok(parent.childCount >= 1);
    assert.equal(org.level, parent.level + 1);
    const tree = flattenTree(await orgTree(c));
    assert.ok(tree.some((n) => n.id === org.id && n.parentId === wc));
  });

  test('PUT /orgs/{id} updates name, region, phone, address, type; the parent stays', async () => {
    const name = uniqName('渭城测试警务室');
    const res = expectStatus(
      await c.put(`/orgs/${org.id}`, {
        name,
        regionCode: '610404',
        phone: '13800138000',
        address: '咸阳市渭城区新址',
        type: 'other',
      }),
      200,
    );
    assertSchema('Org', res.body);
    assert.equal(res.body.name, name);
    assert.equal(res.body.phone, '13800138000');
    assert.equal(res.body.address, '咸阳市渭城区新址');
    assert.equal(res.body.type, 'other');
    assert.equal(res.body.typeName, '其他');
    assert.equal(res.body.parentId, wc);
    const again = expectStatus(await c.get(`/orgs/${org.id}`), 200);
    assert.equal(again.body.name, name);
    org = again.body;
  });

  test('the parent is not editable: a parentId in the PUT body is ignored or refused', async () => {
    const other = await createOrg(c, wc, { type: 'brigade' });
    const res = await c.put(`/orgs/${org.id}`, {
      name: org.name,
      regionCode: '610404',
      phone: org.phone,
      address: org.address,
      type: org.type,
      parentId: other.id,
    });
    // parentId is not part of an update (an org does not move): the rest is saved, the parent stays
    expectStatus(res, 200);
    const again = expectStatus(await c.get(`/orgs/${org.id}`), 200);
    assert.equal(again.body.parentId, wc);
    assert.equal(again.body.path, org.path);
    expectStatus(await c.del(`/orgs/${other.id}`), 204);
  });

  test('DELETE /orgs/{id} → 204, then 404', async () => {
    expectStatus(await c.del(`/orgs/${org.id}`), 204);
    expectError(await c.get(`/orgs/${org.id}`), 404, 'not_found');
    expectError(await c.del(`/orgs/${org.id}`), 404, 'not_found');
    expectError(await c.put(`/orgs/${org.id}`, { name: 'x', regionCode: '610404', type: 'other' }), 404, 'not_found');
  });

  test('unknown ids → 404', async () => {
    expectError(await c.get('/orgs/999999999'), 404, 'not_found');
  });

  test('a non-numeric id → 400 or 404', async () => {
    expectError(await c.get('/orgs/abc'), 404, 'not_found');
  });
});

describe('validation (422 with a Chinese message naming the field)', () => {
  let c;
  let base;
  before(async () => {
    c = await loginDemo('wc_admin');
    base = { parentId: await orgId('渭城分局'), regionCode: '610404', phone: '029-33210000', address: '渭城区', type: 'police_station' };
  });

  test('empty name → fields.name', async () => {
    expectFieldError(await c.post('/orgs', { ...base, name: '' }), 'name', ['名称']);
    expectFieldError(await c.post('/orgs', { ...base, name: '   ' }), 'name', ['名称'], 'blank name');
  });

  test('missing name → fields.name', async () => {
    expectFieldError(await c.post('/orgs', { ...base }), 'name', ['名称']);
  });

  test('an unknown region code → fields.regionCode', async () => {
    expectFieldError(await c.post('/orgs', { ...base, name: uniqName('区域测试'), regionCode: '999999' }), 'regionCode', ['区域', '地区', '行政区']);
    expectFieldError(await c.post('/orgs', { ...base, name: uniqName('区域测试'), regionCode: '' }), 'regionCode', ['区域', '地区', '行政区']);
  });

  test('a bad type → fields.type', async () => {
    expectFieldError(await c.post('/orgs', { ...base, name: uniqName('类型测试'), type: 'castle' }), 'type', ['类型']);
  });

  test('a bad phone → fields.phone', async () => {
    expectFieldError(await c.post('/orgs', { ...base, name: uniqName('电话测试'), phone: 'abc' }), 'phone', ['电话']);
    expectFieldError(await c.post('/orgs', { ...base, name: uniqName('电话测试'), phone: '12' }), 'phone', ['电话']);
  });

  test('the same rules apply on update', async () => {
    const org = (await c.post('/orgs', { ...base, name: uniqName('更新校验') })).body;
    const { parentId, ...upd } = base;
    void parentId;
    expectFieldError(await c.put(`/orgs/${org.id}`, { ...upd, name: '' }), 'name', ['名称']);
    expectFieldError(await c.put(`/orgs/${org.id}`, { ...upd, name: org.name, regionCode: '000000' }), 'regionCode', ['区域', '地区', '行政区']);
    expectFieldError(await c.put(`/orgs/${org.id}`, { ...upd, name: org.name, type: 'nope' }), 'type', ['类型']);
    expectFieldError(await c.put(`/orgs/${org.id}`, { ...upd, name: org.name, phone: '电话' }), 'phone', ['电话']);
    expectStatus(await c.del(`/orgs/${org.id}`), 204);
  });

  test("an org's region lies inside its parent's and contains its children's (editing the root too)", async () => {
    const a = await admin();
    const root = await orgId('陕西省公安厅');
    const rootOrg = expectStatus(await a.get(`/orgs/${root}`), 200).body;
    const { name, phone, address, type } = rootOrg;
    // The province department moved to a town of 渭城 would leave every city bureau outside it.
    const err = expectFieldError(await a.put(`/orgs/${root}`, { name, phone, address, type, regionCode: '610404001000' }), 'regionCode', ['区域']);
    assert.match(err.message, /下级机构/);
    assert.equal(expectStatus(await a.get(`/orgs/${root}`), 200).body.regionCode, rootOrg.regionCode, 'unchanged');
    // A county org with a station below it cannot shrink to another town.
    const county = (await c.post('/orgs', { ...base, name: uniqName('区域包含'), type: 'other' })).body;
    const station = expectStatus(await c.post('/orgs', { ...base, parentId: county.id, name: uniqName('下级站'), regionCode: '610404001000' }), 201).body;
    const upd = { name: county.name, phone: base.phone, address: base.address, type: 'other' };
    expectFieldError(await c.put(`/orgs/${county.id}`, { ...upd, regionCode: '610404002000' }), 'regionCode', ['区域']);
    expectStatus(await c.put(`/orgs/${county.id}`, { ...upd, regionCode: '610404' }), 200);
    expectStatus(await c.del(`/orgs/${station.id}`), 204);
    expectStatus(await c.put(`/orgs/${county.id}`, { ...upd, regionCode: '610404002000' }), 200, 'without children it may narrow');
    expectStatus(await c.del(`/orgs/${county.id}`), 204);
  });

  test('nothing was created by the refused requests', async () => {
    const res = expectStatus(await c.get('/orgs', { query: { parentId: base.parentId, name: '测试' } }), 200);
    for (const o of res.body.items) assert.ok(!/^(区域测试|类型测试|电话测试)/.test(o.name), `created ${o.name}`);
  });
});

describe('delete is refused while the org is in use', () => {
  let c;
  let wc;
  before(async () => {
    c = await loginDemo('wc_admin');
    wc = await orgId('渭城分局');
  });

  test('with child orgs → 409 conflict', async () => {
    const p = await createOrg(c, wc, { type: 'brigade', name: uniqName('测试大队') });
    const ch = await createOrg(c, p.id);
    expectError(await c.del(`/orgs/${p.id}`), 409, 'conflict');
    expectStatus(await c.get(`/orgs/${p.id}`), 200);
    expectStatus(await c.del(`/orgs/${ch.id}`), 204);
    expectStatus(await c.del(`/orgs/${p.id}`), 204);
  });

  test('with roles → 409 conflict', async () => {
    const o = await createOrg(c, wc);
    const r = await createRole(c, o.id, ['org:view'], { kind: 'org' });
    expectError(await c.del(`/orgs/${o.id}`), 409, 'conflict');
    expectStatus(await c.del(`/roles/${r.id}`), 204);
    expectStatus(await c.del(`/orgs/${o.id}`), 204);
  });

  test('with users → 409 conflict', async () => {
    const o = await createOrg(c, wc);
    await createUser(c, o.id, { approvalPosts: { exam_registration: 'station_officer' } });
    expectError(await c.del(`/orgs/${o.id}`), 409, 'conflict');
    expectStatus(await c.get(`/orgs/${o.id}`), 200);
  });
});

describe('data-scope isolation: 渭城分局 admin and 秦都分局', () => {
  let wcc;
  let qd;
  let qdChild;
  let qdIds;
  before(async () => {
    wcc = await loginDemo('wc_admin');
    qd = await orgId('秦都分局');
    qdChild = await createOrg(await loginDemo('qd_admin'), qd, { name: uniqName('秦都隔离测试所'), regionCode: '610402' });
    qdIds = await subtreeIds('秦都分局');
    qdIds.add(qdChild.id);
  });

  test('the tree never contains 秦都分局 orgs', async () => {
    for (const n of flattenTree(await orgTree(wcc))) assert.ok(!qdIds.has(n.id), `${n.name} visible`);
  });

  test('the list never contains them, by name either', async () => {
    const res = expectStatus(await wcc.get('/orgs', { query: { name: '秦都', size: 200 } }), 200);
    for (const o of res.body.items) assert.ok(!qdIds.has(o.id), `${o.name} listed`);
    const res2 = expectStatus(await wcc.get('/orgs', { query: { name: qdChild.name } }), 200);
    assert.equal(res2.body.total, 0);
    // an org outside the scope does not exist for the caller, as a parent either
    expectError(await wcc.get('/orgs', { query: { parentId: qd } }), 404, 'not_found');
  });

  test('reading, updating or deleting a 秦都 org by id → 404', async () => {
    for (const id of [qd, qdChild.id]) {
      expectError(await wcc.get(`/orgs/${id}`), 404, 'not_found', `GET ${id}`);
      expectError(
        await wcc.put(`/orgs/${id}`, { name: '被篡改', regionCode: '610402', phone: '029-1234567', address: 'x', type: 'other' }),
        404,
        'not_found',
        `PUT ${id}`,
      );
      expectError(await wcc.del(`/orgs/${id}`), 404, 'not_found', `DELETE ${id}`);
    }
    const still = expectStatus(await (await admin()).get(`/orgs/${qdChild.id}`), 200);
    assert.equal(still.body.name, qdChild.name);
  });

  test('creating an org under a 秦都 org is refused (404: the parent does not exist for the caller)', async () => {
    const name = uniqName('越权新增所');
    const res = await wcc.post('/orgs', { parentId: qdChild.id, name, regionCode: '610402', type: 'police_station' });
    expectError(res, 404, 'not_found');
    const check = expectStatus(await (await admin()).get('/orgs', { query: { name } }), 200);
    assert.equal(check.body.total, 0);
  });

  test('nor above its own top (咸阳市公安局 is an ancestor, not in scope)', async () => {
    const res = await wcc.post('/orgs', { parentId: await orgId('咸阳市公安局'), name: uniqName('越级新增'), regionCode: '610400', type: 'other' });
    expectError(res, 404, 'not_found');
    expectError(await wcc.get(`/orgs/${await orgId('咸阳市公安局')}`), 404, 'not_found');
  });

  test('the 咸阳市 admin, whose subtree holds both, may create under 秦都分局', async () => {
    const xy = await loginDemo('xy_admin');
    const o = await createOrg(xy, qd, { regionCode: '610402' });
    expectStatus(await xy.del(`/orgs/${o.id}`), 204);
  });
});
