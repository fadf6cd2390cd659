// The authorisation matrix, generated from the server's own route table (`baoan routes --json`), so
// that every route a module adds is probed without anyone remembering to write a test for it:
//
//   - every non-public route without a session                        → 401 unauthenticated;
//   - every route that needs a permission, by a user holding every
//     other permission of the catalog but not that one                 → 403 forbidden;
//     (portal routes: by an officer; police routes: by a company account)
//   - every route with a record id, by a user whose data scope does
//     not cover the record (渭城分局 vs a record of 秦都 or another city;
//     company A vs company B on the portal)                            → 404 not_found, nothing changed;
//   - every list, by that user: every item lies inside the user's scope.
//
// A new route with a path parameter must be reachable by these rules (a list at its collection path
// whose items carry orgId, or a portal list) or be named in UNSCOPED with the reason; otherwise the
// test fails and says so.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { before, describe, test } from 'node:test';
import {
  activeCompany,
  admin,
  anon,
  createRole,
  createUser,
  activate,
  expectError,
  expectStatus,
  nextMobile,
  orgId,
  png,
  randomIdNumber,
  signUpApplicant,
  sleep,
  submittedApplication,
  subtreeIds,
  uniqName,
} from './lib.mjs';
import { examForm, postRegistration } from './exam_lib.mjs';

// Routes with a path parameter that names no supervised record, and why.
const UNSCOPED = {
  'GET /api/v1/regions/{code}': 'GB/T 2260 reference data, the same for everyone',
  'GET /api/v1/business-types/{code}/form': 'the application form of a business type, the same for everyone',
  'GET /api/v1/workflows/{code}': 'one chain per business type for the whole province',
  'PUT /api/v1/workflows/{code}': 'one chain per business type for the whole province',
  'PUT /api/v1/calendar/{year}': 'the working calendar of a year: one calendar for the whole province, not a supervised record',
  'PUT /api/v1/annual-report-rounds/{year}': "the deadline of a year's annual reports: one for the whole province, not a supervised record",
  'GET /api/v1/annual-report-rounds/{year}/missing':
    "the companies of the caller's scope without the year's report (unit-filings.test: the list keeps to the scope)",
  'GET /api/v1/annual-report-rounds/{year}/missing/export':
    "the same companies as an xlsx (unit-filings.test: the export keeps to the scope)",
  'DELETE /api/v1/opinion-phrases/{id}': "an officer's own 常用语: deleted only by its owner (approval.test: another officer gets 404)",
  'DELETE /api/v1/delegations/{id}': "an officer's own delegation: cancelled only by its owner (approval.test: another officer gets 404)",
  'PUT /api/v1/station-routes/{countyCode}':
    "a county's fallback 派出所 for exam registrations: the station must lie in the caller's scope (exam-registrations.test)",
  'GET /api/v1/geo/{regionCode}': 'the map outline of a region: reference data served from the binary, the same for every signed-in user',
};

// Lists whose items are not records of the caller's scope, and why.
const UNSCOPED_LISTS = {
  'GET /api/v1/roles/assignable': "the roles of the user's org and its ancestors that the caller may grant: a choice list",
  'GET /api/v1/search': "一键搜 needs the text q (422 without it); map.test checks that it never returns a record outside the caller's scope",
};

const routes = JSON.parse(execFileSync(process.env.BAOAN_BIN, ['routes', '--json'], { encoding: 'utf8', timeout: 30000 }));
const key = (r) => `${r.method} ${r.path}`;
const isPortal = (r) => r.path.startsWith('/api/v1/portal/');
const hasParam = (r) => /\{[^}]+\}/.test(r.path);
const fill = (path, value) => path.replace(/\{[^}]+\}/, String(value));
const collectionOf = (r) => r.path.slice(0, r.path.indexOf('/{'));

let catalog; // every permission an officer's role can hold
let officer; // 渭城分局, one role (org_and_below) whose permissions the 403 probes change
let officerRole;
let wcIds; // orgs of 渭城分局's subtree
let companyA;
let companyB;
let foreignFile; // company B's photo of its guard
let applicantA; // units that signed up on the portal: A probes B's applications
let applicantB;

// Records that no list shows: how to find one outside the tester's scope.
const FOREIGN = {
  '/api/v1/files': () => foreignFile,
};

before(async () => {
  const a = await admin();
  catalog = expectStatus(await a.get('/permissions'), 200).body.modules.flatMap((m) => m.actions.map((x) => `${m.code}:${x.code}`));
  const wc = await orgId('渭城分局');
  wcIds = await subtreeIds('渭城分局');
  officerRole = await createRole(a, wc, catalog, { kind: 'org_and_below' }, uniqName('矩阵角色'));
  const u = await createUser(a, wc, { roleIds: [officerRole.id] });
  officer = await activate(u.account, u.mobile);
  companyA = await activeCompany();
  companyB = await activeCompany({ regionCode: '610402' });
  applicantA = (await signUpApplicant('610404')).client;
  // B applied in 秦都: its case is outside 渭城's scope (the police side) and not A's (the portal).
  applicantB = (await submittedApplication('610402')).client;
});

// Portal collections whose records belong to applicants rather than companies.
const portalOwner = (collection) => (collection === '/api/v1/portal/applications' ? applicantB : companyB.client);
const portalProber = (collection) => (collection === '/api/v1/portal/applications' ? applicantA : companyA.client);

test('the route table is read from the server and every route is public, signed-in or one permission', () => {
  assert.ok(routes.length >= 60, `${routes.length} routes`);
  for (const r of routes) assert.match(r.access, /^(public|signed-in|[a-z_]+:[a-z_]+)$/, key(r));
  assert.deepEqual(routes.filter((r) => r.access === 'public').map(key).sort(), [
    'GET /api/v1/health',
    'GET /api/v1/portal/sign-up/regions',
    // 市民投诉建议 (§9.2): the citizen's public page — no account; bounded by per-address and per-mobile
    // rate limits and the SMS code; the lookup needs 查询码 + mobile (feedback.test).
    'GET /api/v1/public/feedback/companies',
    'GET /api/v1/public/feedback/{code}',
    'GET /api/v1/public/licences/verify/{token}',
    'GET /verify/certificate/{token}',
    'GET /verify/licence/{token}',
    'POST /api/v1/auth/login',
    'POST /api/v1/payments/callback',
    'POST /api/v1/portal/sign-up',
    'POST /api/v1/portal/sign-up/sms-code',
    'POST /api/v1/public/feedback',
    'POST /api/v1/public/feedback/photos',
    'POST /api/v1/public/feedback/sms-code',
    'POST /verify/certificate/{token}',
  ]);
});

describe('without a session', () => {
  test('every non-public route answers 401 unauthenticated', async () => {
    const c = anon();
    for (const r of routes.filter((x) => x.access !== 'public')) {
      const res = await c.request(r.method, fill(r.path, 1), r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
      expectError(res, 401, 'unauthenticated', key(r));
    }
  });
});

describe('without the permission', () => {
  test('every police route that needs a permission answers 403 to an officer who holds every other one', async () => {
    const a = await admin();
    const byPermission = new Map();
    for (const r of routes.filter((x) => x.access.includes(':') && !isPortal(x)))
      byPermission.set(r.access, [...(byPermission.get(r.access) ?? []), r]);
    assert.ok(byPermission.size >= 30, `${byPermission.size} permissions`);
    try {
      for (const [permission, list] of byPermission) {
        assert.ok(catalog.includes(permission), `${permission} is in the catalog`);
        expectStatus(
          await a.put(`/roles/${officerRole.id}`, {
            name: officerRole.name,
            permissions: catalog.filter((p) => p !== permission),
            dataScope: { kind: 'org_and_below' },
          }),
          200,
          `role without ${permission}`,
        );
        for (const r of list) {
          const res = await officer.request(r.method, fill(r.path, 1), r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
          expectError(res, 403, 'forbidden', `${key(r)} without ${permission}`);
        }
      }
    } finally {
      expectStatus(
        await a.put(`/roles/${officerRole.id}`, { name: officerRole.name, permissions: catalog, dataScope: { kind: 'org_and_below' } }),
        200,
      );
    }
  });

  test('every portal route answers 403 to an officer (with every permission), every police route 403 to a company account', async () => {
    for (const r of routes.filter((x) => x.access.includes(':'))) {
      const client = isPortal(r) ? officer : companyA.client;
      const res = await client.request(r.method, fill(r.path, 1), r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
      expectError(res, 403, 'forbidden', `${key(r)} as ${isPortal(r) ? 'an officer' : 'a company'}`);
    }
  });
});

// A record of each collection that the 渭城 officer (or company A) must not reach.
async function foreignRecord(r) {
  const collection = collectionOf(r);
  if (FOREIGN[collection]) return FOREIGN[collection]();
  if (isPortal(r)) {
    // Company B's own records, from its portal list.
    const res = expectStatus(await portalOwner(collection).get(collection, { query: { size: 1 } }), 200, `${collection} of company B`);
    return res.body.items[0];
  }
  const list = routes.find((x) => x.method === 'GET' && x.path === collection);
  assert.ok(list, `${key(r)}: no list at ${collection} to find a record outside the tester's scope; name the route in UNSCOPED with the reason`);
  const res = expectStatus(await (await admin()).get(collection, { query: { size: 200 } }), 200, `admin ${collection}`);
  const orgOf = (item) => item.orgId ?? (collection === '/api/v1/orgs' ? item.id : undefined);
  assert.ok(res.body.items.every((i) => orgOf(i) !== undefined), `${collection}: items carry no orgId`);
  return res.body.items.find((i) => !wcIds.has(orgOf(i)));
}

describe('outside the data scope', () => {
  before(async () => {
    const a = await admin();
    // Company B has a guard with a photo and a good deed of its own for company A to try.
    foreignFile = expectStatus(
      await companyB.client.request('POST', '/files', undefined, { raw: png(), headers: { 'X-File-Name': 'photo.png' } }),
      201,
    ).body;
    // §9.3: B's guard is on the watch list, so that the screening flags it (问题人员 of 秦都, with an opinion
    // B's portal shows).
    const guardIdNo = randomIdNumber();
    expectStatus(await a.post('/watch-list', { idNo: guardIdNo, name: '李四', database: 'fugitive', situation: '网上追逃人员' }), 201);
    const guard = expectStatus(
      await companyB.client.post('/portal/guards', {
        name: '李四', idNo: guardIdNo, mobile: nextMobile(), hiredOn: '2025-01-01', photoFileId: foreignFile.id,
      }),
      201,
    ).body;
    let flagged;
    for (let i = 0; i < 200 && !flagged; i++, await sleep(100))
      flagged = expectStatus(await a.get('/flagged-persons', { query: { idNo: guardIdNo } }), 200).body.items[0];
    assert.ok(flagged, 'company B\'s watch-listed guard is flagged by the screening');
    expectStatus(await a.post(`/flagged-persons/${flagged.id}/opinion`, { action: 'observe', opinion: '继续观察' }), 200);
    expectStatus(
      await companyB.client.post('/portal/good-deeds', { guardId: guard.id, title: uniqName('见义勇为'), occurredOn: '2025-03-01', content: '事迹' }),
      201,
    );
    // … and a person it registered for the guard exam.
    expectStatus(await postRegistration(companyB.client, await examForm(companyB.client)), 201, 'company B registers a person');
    // … a service task in 秦都, and an emergency task of the province that asked company B (in 秦都).
    const place = { address: '咸阳市秦都区人民路1号', regionCode: '610402', lng: 108.69, lat: 34.35 };
    const day = 24 * 3600 * 1000;
    expectStatus(
      await companyB.client.post('/portal/tasks', {
        ...place, name: uniqName('门岗值守'), type: 'door', client: '某小区', needed: 1, guardIds: [guard.id],
        startAt: new Date(Date.now() + day).toISOString(), endAt: new Date(Date.now() + 2 * day).toISOString(),
      }),
      201,
      'company B publishes a task',
    );
    expectStatus(
      await (await admin()).post('/emergency-tasks', {
        ...place, title: uniqName('应急值守'), detail: '协助维持秩序', needed: 2, companyIds: [companyB.rec.id],
        startAt: new Date(Date.now() - 3600 * 1000).toISOString(), endAt: new Date(Date.now() + day).toISOString(),
      }),
      201,
      'an emergency task asks company B',
    );
    // … and a 整改通知 of an inspection of 秦都 (§9.1: the police record and company B's portal rectification).
    // (the admin, a, from above)
    const inspector = expectStatus(await a.get('/inspections/inspectors', { query: { name: '系统管理员' } }), 200).body.items[0];
    expectStatus(
      await a.post('/inspections', {
        unitKind: 'company', unitId: companyB.rec.id, unitName: '', inspectedOn: '2026-01-05', inspectorIds: [inspector.id], kind: 'daily',
        items: [], findings: '台账不全', requirement: '补齐台账', deadline: '2026-02-05', conclusion: 'rectify', fileIds: [],
      }),
      201,
      'an inspection of company B',
    );
  });

  test('every route with a record id answers 404 to a user whose scope does not cover the record, and changes nothing', async () => {
    const a = await admin();
    const probed = [];
    for (const r of routes.filter((x) => hasParam(x) && x.access !== 'public')) {
      if (UNSCOPED[key(r)]) continue;
      const record = await foreignRecord(r);
      assert.ok(record, `${key(r)}: found no record outside the tester's scope`);
      const clients = isPortal(r) ? [portalProber(collectionOf(r))] : FOREIGN[collectionOf(r)] ? [companyA.client, officer] : [officer];
      const path = fill(r.path, record.id);
      const body = r.method === 'PUT' || r.method === 'POST' ? structuredClone(record) : undefined;
      for (const client of clients) {
        const res = await client.request(r.method, path, body);
        expectError(res, 404, 'not_found', `${key(r)} on a record outside the scope (${path}) as ${client.account}`);
      }
      probed.push(key(r));
      if (!isPortal(r) && !FOREIGN[collectionOf(r)]) {
        const after = await a.get(fill(`${collectionOf(r)}/{id}`, record.id));
        expectStatus(after, 200, `${path} still there`);
        if (r.method !== 'GET') assert.equal(after.body.updatedAt, record.updatedAt ?? after.body.updatedAt, `${path} unchanged`);
      }
    }
    assert.ok(probed.length >= 20, `${probed.length} routes probed`);
  });

  test('every list gives the 渭城 officer only records inside 渭城分局', async () => {
    let checked = 0;
    // Exports (…/export) answer files, not lists: their scope is checked by their own tests.
    for (const r of routes.filter((x) => x.method === 'GET' && !hasParam(x) && !isPortal(x) && x.access.endsWith(':view') && !x.path.endsWith('/export'))) {
      if (UNSCOPED_LISTS[key(r)]) continue;
      const res = await officer.get(r.path, { query: { size: 200 } });
      expectStatus(res, 200, key(r));
      if (!Array.isArray(res.body?.items)) continue;
      const items = res.body.items;
      const orgOf = (item) => item.orgId ?? (r.path === '/api/v1/orgs' ? item.id : undefined);
      if (!items.some((i) => orgOf(i) !== undefined)) continue;
      // A record seen by two orgs (a cross-region filing: the company's and the service region's) is in
      // scope through either.
      const inScope = (item) => wcIds.has(orgOf(item)) || (item.serviceOrgId !== undefined && wcIds.has(item.serviceOrgId));
      for (const item of items) assert.ok(inScope(item), `${key(r)} gives a record of org ${orgOf(item)}: ${JSON.stringify(item).slice(0, 200)}`);
      checked += 1;
    }
    assert.ok(checked >= 8, `${checked} lists checked`);
  });
});
