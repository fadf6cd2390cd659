// Permissions on every write, unknown routes, oversized and malformed bodies, and the error body shape.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  admin,
  anon,
  checkErrorBody,
  companyBody,
  createUser,
  expectError,
  expectStatus,
  login,
  orgId,
  startExtraServer,
  uniqName,
  userBody,
  userWithPermissions,
} from './lib.mjs';

describe('a user whose role only has org:view', () => {
  let c;
  let wc;
  let someone;
  before(async () => {
    const u = await userWithPermissions(['org:view']);
    c = u.client;
    wc = await orgId('渭城分局');
    someone = await createUser(await admin(), wc);
  });

  test('reads the org tree', async () => {
    expectStatus(await c.get('/orgs/tree'), 200);
    expectStatus(await c.get(`/orgs/${wc}`), 200);
  });

  test('gets 403 forbidden on POST /orgs, /roles, /users', async () => {
    expectError(await c.post('/orgs', { parentId: wc, name: uniqName('无权机构'), regionCode: '610404', type: 'other' }), 403, 'forbidden');
    expectError(await c.post('/roles', { orgId: wc, name: uniqName('无权角色'), permissions: ['org:view'], dataScope: { kind: 'org' } }), 403, 'forbidden');
    expectError(await c.post('/users', userBody(wc, { approvalPosts: { exam_registration: 'county_handler' } })), 403, 'forbidden');
  });

  test('gets 403 on updates, deletes and user actions', async () => {
    expectError(await c.put(`/orgs/${wc}`, { name: '渭城分局', regionCode: '610404', type: 'district_bureau' }), 403, 'forbidden');
    expectError(await c.del(`/orgs/${wc}`), 403, 'forbidden');
    for (const a of ['reset-password', 'disable', 'enable', 'unlock'])
      expectError(await c.post(`/users/${someone.user.id}/${a}`), 403, 'forbidden', a);
  });

  test('gets 403 on the role and user lists', async () => {
    expectError(await c.get('/roles'), 403, 'forbidden');
    expectError(await c.get('/users'), 403, 'forbidden');
    expectError(await c.get(`/users/${someone.user.id}`), 403, 'forbidden');
  });
});

describe('routing and bodies', () => {
  test('an unknown route → 404 with a JSON error body', async () => {
    const a = await admin();
    for (const p of ['/no-such-thing', '/orgs/1/nothing', '/api/v2/orgs', '/api/v1']) {
      const res = expectError(await a.get(p), 404, 'not_found', p);
      assert.ok(res);
    }
    const res = await a.get('/no-such-thing');
    assert.match(res.contentType, /application\/json/);
  });

  test('an unknown route without a session → 404 (no route is there to protect), JSON', async () => {
    expectError(await anon().get('/no-such-thing'), 404, 'not_found');
  });

  test('a known path with an unsupported method → 405, JSON', async () => {
    const a = await admin();
    expectError(await a.request('PATCH', '/orgs/tree', {}), 405, 'method_not_allowed');
    expectError(await a.request('DELETE', '/orgs'), 405, 'method_not_allowed');
  });

  test('a body over 1 MiB on a JSON endpoint → 413 too_large', async () => {
    const a = await admin();
    const body = (kib) => JSON.stringify({ parentId: 1, name: 'x'.repeat(kib * 1024), regionCode: '610404', type: 'other' });
    // Several tries: the 413 must reach the client every time, not a reset connection (the server has
    // to read or drain the rest of the body before it closes).
    for (let i = 1; i <= 20; i++) {
      let res;
      try {
        res = await a.post('/orgs', undefined, { raw: body(i % 2 ? 1100 : 3072) });
      } catch (e) {
        assert.fail(`try ${i}: no 413 answer, the connection failed: ${e.cause?.code ?? e.message}`);
      }
      expectError(res, 413, 'too_large', `try ${i}`);
    }
    const login = JSON.stringify({ account: 'a'.repeat(2 * 1024 * 1024), password: 'x' });
    expectError(await anon().post('/auth/login', undefined, { raw: login }), 413, 'too_large', 'login');
  });

  test('the server still works after an oversized body', async () => {
    expectStatus(await (await admin()).get('/orgs/tree'), 200);
  });

  test('malformed JSON → 400 bad_request with a JSON error body', async () => {
    const a = await admin();
    for (const raw of ['{"name":', '{name: 1}', 'not json', '{"a":1}}', '\u0000'])
      expectError(await a.post('/orgs', undefined, { raw }), 400, 'bad_request', JSON.stringify(raw));
    expectError(await anon().post('/auth/login', undefined, { raw: '{"account":"admin",' }), 400, 'bad_request', 'login');
  });

  test('a JSON value that is not an object → 400', async () => {
    const a = await admin();
    for (const raw of ['[]', '"text"', '42', 'null'])
      expectError(await a.post('/orgs', undefined, { raw }), 400, 'bad_request', raw);
  });

  test('a valid JSON body followed by NUL bytes → 400 (it is not the JSON in front of them)', async () => {
    const a = await admin();
    const body = JSON.stringify({ parentId: await orgId('渭城分局'), name: uniqName('尾随'), regionCode: '610404', type: 'other' });
    for (const tail of ['\u0000\u0000', '\u0000{"x":1}']) {
      const err = expectError(await a.post('/orgs', undefined, { raw: body + tail }), 400, 'bad_request');
      assert.match(err.message, /NUL|JSON/);
    }
    const name = JSON.parse(body).name;
    const found = expectStatus(await a.get('/orgs', { query: { name } }), 200);
    assert.equal(found.body.total, 0, 'nothing was created');
  });

  test('JSON nested deeper than 64 levels or with too many values → 400, and the server stays small', async () => {
    const a = await admin();
    const deep = `{"name":${'['.repeat(65)}${']'.repeat(65)}}`;
    const e1 = expectError(await a.post('/orgs', undefined, { raw: deep }), 400, 'bad_request');
    assert.match(e1.message, /嵌套/);
    expectError(await a.post('/orgs', undefined, { raw: `{"a":${'['.repeat(100000)}` }), 400, 'bad_request');
    const many = `{"name":[${Array(150000).fill('0').join(',')}]}`;
    const e2 = expectError(await a.post('/orgs', undefined, { raw: many }), 400, 'bad_request');
    assert.match(e2.message, /过多/);
    // 64 levels is still JSON the server reads (then refuses as a wrong type, naming the field)
    const ok = `{"parentId":1,"name":${'['.repeat(60)}${']'.repeat(60)},"regionCode":"610404","type":"other"}`;
    const e3 = expectError(await a.post('/orgs', undefined, { raw: ok }), 400, 'bad_request');
    assert.ok(e3.fields?.name, JSON.stringify(e3));
  });

  test('wrong JSON types → 400 bad_request, error.fields naming the field', async () => {
    const a = await admin();
    const wc = await orgId('渭城分局');
    const cases = [
      ['parentId', '/orgs', { parentId: 'abc', name: uniqName('类型'), regionCode: '610404', type: 'other' }],
      ['name', '/orgs', { parentId: wc, name: 123, regionCode: '610404', type: 'other' }],
      ['isPolice', '/users', userBody(wc, { isPolice: 'yes', approvalPosts: { exam_registration: 'county_handler' } })],
      ['roleIds', '/users', userBody(wc, { roleIds: 'all', approvalPosts: { exam_registration: 'county_handler' } })],
      ['permissions', '/roles', { orgId: wc, name: uniqName('类型'), permissions: 'org:view', dataScope: { kind: 'org' } }],
    ];
    for (const [field, path, body] of cases) {
      const err = expectError(await a.post(path, body), 400, 'bad_request', `${path} ${field}`);
      assert.ok(err.fields && field in err.fields, `${path}: error.fields should name ${field}: ${JSON.stringify(err)}`);
    }
  });
});

describe('error bodies never leak internals', () => {
  test('odd inputs get 4xx or empty results, never 500, never SQL in the message', async () => {
    const a = await admin();
    const probes = [
      ['GET', "/orgs?name=' OR 1=1 --"],
      ['GET', '/orgs?name=%25%5F%5C'],
      ['GET', '/orgs?parentId=1;DROP TABLE orgs'],
      ['GET', '/orgs?parentId=-1'],
      ['GET', '/orgs?page=-1'],
      ['GET', '/orgs?size=abc'],
      ['GET', '/orgs?page=99999999999999999999'],
      ['GET', '/orgs/0'],
      ['GET', '/orgs/-5'],
      ['GET', '/orgs/99999999999999999999999'],
      ['GET', "/users?name='); DELETE FROM users; --"],
      ['GET', '/users?mobile=%00'],
      ['GET', '/audit-logs?from=2026-13-45'],
      ['GET', '/login-logs?success=maybe'],
      ['GET', '/regions/abc'],
      ['GET', '/regions?parent=xyz'],
      ['POST', '/orgs', { parentId: 99999999, name: uniqName('幽灵'), regionCode: '610404', type: 'other' }],
      ['POST', '/roles', { orgId: 99999999, name: uniqName('幽灵'), permissions: [], dataScope: { kind: 'org' } }],
      ['PUT', '/roles/99999999', { name: 'x', permissions: [], dataScope: { kind: 'org' } }],
    ];
    for (const [m, p, body] of probes) {
      const res = await a.request(m, p, body, { check: false });
      assert.ok(res.status < 500, `${m} ${p} → ${res.status} ${res.text.slice(0, 200)}`);
      if (res.status >= 400) checkErrorBody(res, `${m} ${p}`);
      assert.doesNotMatch(res.text, /SQL|sqlite|syntax error|constraint failed|violates/i, `${m} ${p} leaks: ${res.text.slice(0, 200)}`);
    }
  });

  test('a SQL-looking name is stored as text', async () => {
    const a = await admin();
    const name = `${uniqName('引号')}'"; --`;
    const res = expectStatus(await a.post('/orgs', { parentId: await orgId('渭城分局'), name, regionCode: '610404', type: 'other' }), 201);
    assert.equal(res.body.name, name);
    const found = expectStatus(await a.get('/orgs', { query: { parentId: await orgId('渭城分局'), name } }), 200);
    assert.equal(found.body.total, 1);
    expectStatus(await a.del(`/orgs/${res.body.id}`), 204);
  });

  test('a duplicate-key conflict says so in Chinese, without the database error', async () => {
    const a = await admin();
    const u = await createUser(a, await orgId('渭城分局'));
    const res = await a.post('/users', userBody(await orgId('渭城分局'), { account: u.account, approvalPosts: { exam_registration: 'county_handler' } }));
    const err = expectError(res, 409, 'conflict');
    assert.match(err.message, /账号/);
  });
});

describe('control characters in what people type', () => {
  const CONTROL = ['ab\u0000cd', 'ab\u0007cd', 'ab\u001bcd', 'ab\u007fcd', 'ab\u0085cd', 'ab\ncd', 'ab\tcd'];

  test('a name with NUL or another control character is refused naming the field (orgs, roles, users)', async () => {
    const a = await admin();
    const wc = await orgId('渭城分局');
    for (const bad of CONTROL) {
      const what = JSON.stringify(bad);
      const org = expectError(await a.post('/orgs', { parentId: wc, name: bad, regionCode: '610404', type: 'other' }), 422,
        'validation_failed', `org ${what}`);
      assert.match(org.fields.name, /控制字符/, what);
      const role = expectError(
        await a.post('/roles', { orgId: wc, name: bad, permissions: ['org:view'], dataScope: { kind: 'org' } }), 422,
        'validation_failed', `role ${what}`);
      assert.ok(role.fields.name, what);
      const user = expectError(await a.post('/users', userBody(wc, { name: bad, approvalPosts: { exam_registration: 'county_handler' } })),
        422, 'validation_failed', `user ${what}`);
      assert.ok(user.fields.name, what);
    }
    const found = expectStatus(await a.get('/orgs', { query: { parentId: wc, name: 'ab' } }), 200).body.items;
    assert.ok(!found.some((o) => /[\u0000-\u001f\u007f-\u009f]/.test(o.name)), 'no org name with a control character');
  });

  test('every registry record refuses them; a multi-line 备注 keeps its line breaks and tabs', async () => {
    const a = await admin();
    const { companyBody } = await import('./lib.mjs');
    const err = expectError(await a.post('/companies', companyBody({ name: 'ab\u0000cd测试公司' })), 422, 'validation_failed');
    assert.ok(err.fields.name);
    const assoc = (o) => ({ name: uniqName('控制字符协会'), presidentName: '王会长', presidentIdNo: '11010519491231002X', regionCode: '610404', ...o });
    expectError(await a.post('/associations', assoc({ presidentName: '王\u0000会长' })), 422, 'validation_failed');
    expectError(await a.post('/associations', assoc({ address: '文汇路\n8号' })), 422, 'validation_failed');
    expectError(await a.post('/associations', assoc({ remark: '第一行\u0000' })), 422, 'validation_failed');
    const made = expectStatus(await a.post('/associations', assoc({ remark: '第一行\n第二行\t备注' })), 201).body;
    assert.equal(made.remark, '第一行\n第二行\t备注');
    expectStatus(await a.del(`/associations/${made.id}`), 204);
  });

  test('a company cannot store them in a guard or a good deed; the sign-in refuses them in the account', async () => {
    const { activeCompany, randomIdNumber, nextMobile } = await import('./lib.mjs');
    const { client } = await activeCompany();
    const guard = { name: '张\u0000三', idNo: randomIdNumber(), mobile: nextMobile(), hiredOn: '2025-01-01' };
    const e1 = expectError(await client.post('/portal/guards', guard), 422, 'validation_failed');
    assert.ok(e1.fields.name);
    const made = expectStatus(await client.post('/portal/guards', { ...guard, name: '张三' }), 201).body;
    const e2 = expectError(await client.post('/portal/good-deeds', { guardId: made.id, title: '拾金\u0007不昧', occurredOn: '2025-02-01', content: '内容' }),
      422, 'validation_failed');
    assert.ok(e2.fields.title);
    expectStatus(await client.post('/portal/good-deeds', { guardId: made.id, title: uniqName('拾金不昧'), occurredOn: '2025-02-01', content: '第一段\n第二段' }), 201);
    const login = expectError(await anon().post('/auth/login', { account: 'admin\u0000', password: 'x' }), 400, 'bad_request');
    assert.ok(login.fields.account);
  });
});

describe('a malformed form is refused before the password is hashed', () => {
  // Creating an account hashes its initial password (argon2id, ~0.1 s of CPU). A body that is not a
  // form must not cost that: a signed-in user could otherwise keep the CPU busy with cheap garbage.
  // Measured against the same number of valid creations on the same server, so that the machine's
  // load does not decide the outcome.
  const timed = async (fn) => {
    const t0 = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };

  // The suite's server A hashes at the minimum cost (run.mjs); these need the deployment's cost: a server
  // of their own on the suite's database.
  let a;
  before(async () => {
    const server = await startExtraServer();
    a = await login('admin', 'Admin@2026', { base: server.url });
  });

  test('POST /users with a wrong type answers 400 at a fraction of the time a valid creation takes', async () => {
    const wc = await orgId('渭城分局');
    const n = 6;
    const bad = await timed(async () => {
      for (let i = 0; i < n; i++)
        expectError(await a.post('/users', userBody(wc, { isPolice: 'yes', approvalPosts: { exam_registration: 'county_handler' } })), 400, 'bad_request');
    });
    const good = await timed(async () => {
      for (let i = 0; i < n; i++)
        expectStatus(await a.post('/users', userBody(wc, { approvalPosts: { exam_registration: 'county_handler' } })), 201);
    });
    assert.ok(bad * 3 < good, `${n} refused bodies took ${bad.toFixed(0)} ms, ${n} creations ${good.toFixed(0)} ms`);
  });

  test('POST /companies with a wrong type (the supervising org) answers 400 at a fraction of the time a creation takes', async () => {
    const n = 6;
    const bad = await timed(async () => {
      for (let i = 0; i < n; i++) expectError(await a.post('/companies', companyBody({ orgId: 'abc' })), 400, 'bad_request');
    });
    const good = await timed(async () => {
      for (let i = 0; i < n; i++) expectStatus(await a.post('/companies', companyBody()), 201);
    });
    assert.ok(bad * 3 < good, `${n} refused bodies took ${bad.toFixed(0)} ms, ${n} creations ${good.toFixed(0)} ms`);
  });
});
