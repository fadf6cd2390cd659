// 地图可视化 (manual §7, issue 14): the map outlines served from the binary, 一键搜 and the guard and
// company statistics. The key contract: for every group of GET /stats/guards and /stats/companies, the
// registry list (GET /guards, GET /companies) with the group's filter added reports a total equal to
// the group's count — checked by a test generated over every groupBy, with and without another filter.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  MASKED_ID,
  MASKED_MOBILE,
  activeCompany,
  admin,
  birthForAge,
  download,
  expectError,
  expectFieldError,
  expectStatus,
  login,
  nextMobile,
  randomCreditCode,
  readXlsx,
  sheetTable,
  uniqCjk,
  uniqueIdNumber,
  userWithPermissions,
} from './lib.mjs';
import { OFFICER_PASSWORD } from './exam_lib.mjs';

const GUARD_DIMENSIONS = ['region', 'employed', 'certified', 'gender', 'ageBand', 'education', 'employerKind', 'employer'];
const COMPANY_DIMENSIONS = ['region', 'licenceStatus', 'capitalBand', 'guardBand', 'initialized', 'hasRunningTask'];
const paramOf = (groupBy) => (groupBy === 'region' ? 'regionCode' : groupBy);

let adminClient;
let wcOfficer; // 渭城分局, org_and_below, no guard:pii
let wcCompany; // 渭城 (610404)
let qdCompany; // 秦都 (610402)
const family = uniqCjk(2); // the run's guards' family name
const qdGuard = {};
const wcGuards = [];

async function hire(company, overrides) {
  const idNo = overrides.idNo ?? uniqueIdNumber({ birth: overrides.birth });
  const body = { name: overrides.name, idNo, mobile: nextMobile(), hiredOn: '2024-03-01', education: overrides.education, certificateNo: overrides.certificateNo };
  const g = expectStatus(await company.client.post('/portal/guards', body), 201, `hire ${overrides.name}`).body;
  return { ...g, idNo, mobile: body.mobile };
}

before(async () => {
  adminClient = await admin();
  wcCompany = await activeCompany({ regionCode: '610404', regCapital: 80 });
  qdCompany = await activeCompany({ regionCode: '610402', regCapital: 1200 });
  wcGuards.push(await hire(wcCompany, { name: `${family}甲`, birth: birthForAge(24), education: 'senior', certificateNo: `T${Date.now()}` }));
  wcGuards.push(await hire(wcCompany, { name: `${family}甲乙`, birth: birthForAge(40), education: 'junior' }));
  wcGuards.push(await hire(wcCompany, { name: `${family}丙`, birth: birthForAge(58) }));
  Object.assign(qdGuard, await hire(qdCompany, { name: `${family}秦`, birth: birthForAge(30) }));
  // The last of 渭城 leaves: 离职 has a member.
  expectStatus(await wcCompany.client.post(`/portal/guards/${wcGuards[2].id}/leave`, {}), 200);
  wcOfficer = (await userWithPermissions(['quick_search:view', 'personnel_center:view', 'company_center:view', 'guard:view', 'company:view'])).client;
});

// Each group's count equals the list's total with the group's filter added; the groups' counts never
// exceed the total.
async function checkGroups(client, stats, list, dimensions, extras, who) {
  for (const groupBy of dimensions) {
    for (const extra of extras) {
      const res = expectStatus(await client.get(stats, { query: { groupBy, ...extra } }), 200, `${who} ${stats} ${groupBy} ${JSON.stringify(extra)}`);
      const { total, groups } = res.body;
      assert.ok(Array.isArray(groups) && groups.length > 0, `${groupBy}: groups`);
      // The dimension's own filter gives way to its groups (a region filter stays: it is the chart's base).
      const base = { ...extra };
      if (groupBy !== 'region') delete base[paramOf(groupBy)];
      const listed = expectStatus(await client.get(list, { query: { ...base, size: 1 } }), 200).body.total;
      assert.equal(total, listed, `${who} ${groupBy} ${JSON.stringify(extra)}: total ${total} vs the list's ${listed}`);
      let sum = 0;
      for (const g of groups) {
        assert.equal(typeof g.key, 'string');
        assert.match(g.label, /[\u4e00-\u9fff]/, `${groupBy} ${g.key}: a Chinese label`);
        const query = { ...extra, [paramOf(groupBy)]: g.key, size: 1 };
        const n = expectStatus(await client.get(list, { query }), 200, `${list} ${JSON.stringify(query)}`).body.total;
        assert.equal(g.count, n, `${who} ${stats}?groupBy=${groupBy} ${JSON.stringify(extra)}: group ${g.key} (${g.label}) counts ${g.count}, the list ${n}`);
        sum += g.count;
      }
      if (groupBy !== 'region') assert.equal(sum, total, `${who} ${groupBy}: the groups add up to the total`);
      else assert.ok(sum <= total);
    }
  }
}

describe('statistics agree with the lists they drill into', () => {
  test('guards: every groupBy, with and without another filter, as the admin and as a 渭城 officer', async () => {
    const extras = [{}, { employed: 'true' }, { gender: 'male', education: 'junior' }, { regionCode: '610400' },
      { hiredFrom: '2024-01-01', hiredTo: '2024-12-31' }];
    await checkGroups(adminClient, '/stats/guards', '/guards', GUARD_DIMENSIONS, extras, 'admin');
    await checkGroups(wcOfficer, '/stats/guards', '/guards', GUARD_DIMENSIONS, [{}, { ageBand: '36to45' }, { hiredTo: '2024-03-01' }], 'wc officer');
  });

  test('companies: every groupBy, with and without another filter, as the admin and as a 渭城 officer', async () => {
    const extras = [{}, { initialized: 'false' }, { capitalBand: 'to100', regionCode: '610400' }];
    await checkGroups(adminClient, '/stats/companies', '/companies', COMPANY_DIMENSIONS, extras, 'admin');
    await checkGroups(wcOfficer, '/stats/companies', '/companies', COMPANY_DIMENSIONS, [{}, { licenceStatus: 'none' }], 'wc officer');
  });

  test("the run's own guards land in their bands", async () => {
    const byAge = expectStatus(await adminClient.get('/stats/guards', { query: { groupBy: 'ageBand', name: family } }), 200).body;
    const count = Object.fromEntries(byAge.groups.map((g) => [g.key, g.count]));
    assert.equal(byAge.total, 4);
    assert.deepEqual(count, { to25: 1, '26to35': 1, '36to45': 1, '46to55': 0, '56to60': 1, over60: 0 });
    const byCert = expectStatus(await adminClient.get('/stats/guards', { query: { groupBy: 'certified', name: family } }), 200).body;
    assert.deepEqual(byCert.groups.map((g) => [g.key, g.label, g.count]), [['true', '持证', 1], ['false', '未持证', 3]]);
    const byRegion = expectStatus(await adminClient.get('/stats/guards', { query: { groupBy: 'region', name: family, regionCode: '610400' } }), 200).body;
    const regions = Object.fromEntries(byRegion.groups.map((g) => [g.key, g.count]));
    assert.equal(regions['610404'], 3);
    assert.equal(regions['610402'], 1);
    const capital = expectStatus(await adminClient.get('/stats/companies', { query: { groupBy: 'capitalBand', name: qdCompany.body.name } }), 200).body;
    assert.equal(capital.groups.find((g) => g.key === 'from1000').count, 1);
  });

  test('入职日期: an inclusive range of China dates, the same in the statistics, the list and the export', async () => {
    // The run's four guards were hired on 2024-03-01.
    const count = async (query) => expectStatus(await adminClient.get('/stats/guards', { query: { groupBy: 'gender', name: family, ...query } }), 200).body.total;
    assert.equal(await count({ hiredFrom: '2024-03-01', hiredTo: '2024-03-01' }), 4, 'both ends inclusive');
    assert.equal(await count({ hiredFrom: '2024-03-02' }), 0);
    assert.equal(await count({ hiredTo: '2024-02-29' }), 0);
    assert.equal(await count({ hiredFrom: '2024-01-01', regionCode: '610402' }), 1);
    const list = expectStatus(await adminClient.get('/guards', { query: { name: family, hiredFrom: '2024-03-01', employed: 'true' } }), 200).body;
    assert.equal(list.total, 3);
    const file = await download(adminClient, '/guards/export', { name: family, hiredFrom: '2024-03-01', hiredTo: '2024-03-31', employed: 'true' });
    expectStatus(file, 200, 'export');
    assert.equal(sheetTable((await readXlsx(file.buf)).worksheets[0]).rows.length, 3);
    for (const [query, field] of [[{ hiredFrom: '2024-3-1' }, 'hiredFrom'], [{ hiredTo: '2024-02-30' }, 'hiredTo'],
      [{ hiredFrom: '2024-05-01', hiredTo: '2024-04-01' }, 'hiredTo']]) {
      for (const path of ['/guards', '/stats/guards', '/guards/export']) {
        // 422 naming the field, as the other filters' bad values (API.md: field rules)
        expectFieldError(await adminClient.get(path, { query }), field, ['入职日期'], `${path} ${JSON.stringify(query)}`);
      }
    }
  });

  test('用工单位: the top ten employers by guards and 其他, each bar the list it opens', async () => {
    // The run's guards: three of the 渭城 company, one of the 秦都 one; the keys are the list's `employer` filter.
    const mine = expectStatus(await adminClient.get('/stats/guards', { query: { groupBy: 'employer', name: family } }), 200).body;
    assert.equal(mine.total, 4);
    assert.deepEqual(mine.groups, [
      { key: `company:${wcCompany.rec.id}`, label: wcCompany.body.name, count: 3 },
      { key: `company:${qdCompany.rec.id}`, label: qdCompany.body.name, count: 1 },
    ]);
    const listed = expectStatus(await adminClient.get('/guards', { query: { employer: `company:${wcCompany.rec.id}` } }), 200).body;
    assert.ok(listed.items.every((g) => g.employerId === wcCompany.rec.id), 'the bar opens that employer\'s guards');
    // The whole province (the demo's companies): ten bars, most guards first, and 其他 holding the rest.
    const all = expectStatus(await adminClient.get('/stats/guards', { query: { groupBy: 'employer' } }), 200).body;
    assert.equal(all.groups.length, 11, JSON.stringify(all.groups.map((g) => g.key)));
    assert.deepEqual(all.groups.at(-1).key, 'other');
    assert.equal(all.groups.at(-1).label, '其他');
    const top = all.groups.slice(0, 10).map((g) => g.count);
    assert.deepEqual(top, [...top].sort((a, b) => b - a), 'most guards first');
    assert.ok(all.groups.at(-1).count > 0);
    // 其他 with a 单位类型 filter that excludes every company: no guard.
    const inhouseOther = expectStatus(await adminClient.get('/guards', { query: { employer: `company:${wcCompany.rec.id}`, employerKind: 'inhouse', size: 1 } }), 200).body;
    assert.equal(inhouseOther.total, 0);
    for (const employer of ['company', 'company:', 'firm:1', 'company:x1', 'others']) {
      for (const path of ['/guards', '/stats/guards', '/guards/export'])
        expectFieldError(await adminClient.get(path, { query: { employer } }), 'employer', ['用工单位'], `${path} ${employer}`);
    }
  });

  test('有进行中任务: the companies with a task running now (not one not yet started, ended or cancelled)', async () => {
    const hour = 3600 * 1000;
    const at = (offset) => new Date(Date.now() + offset).toISOString();
    const task = (overrides) => ({ name: `${family}任务${Math.random().toString(36).slice(2, 6)}`, type: 'door', client: '某物业', address: '咸阳市渭城区文汇路8号',
      regionCode: '610404', lng: 108.7376, lat: 34.3617, startAt: at(-hour), endAt: at(24 * hour), needed: 1, guardIds: [], ...overrides });
    const running = expectStatus(await wcCompany.client.post('/portal/tasks', task({})), 201).body;
    expectStatus(await qdCompany.client.post('/portal/tasks', task({ regionCode: '610402', lng: 108.7093, lat: 34.3462, startAt: at(24 * hour), endAt: at(48 * hour) })), 201);
    const hasRunning = async (company, value) =>
      expectStatus(await adminClient.get('/companies', { query: { name: company.body.name, hasRunningTask: value, size: 1 } }), 200).body.total;
    assert.equal(await hasRunning(wcCompany, 'true'), 1);
    assert.equal(await hasRunning(wcCompany, 'false'), 0);
    assert.equal(await hasRunning(qdCompany, 'true'), 0, 'a task not yet started is not running');
    assert.equal(await hasRunning(qdCompany, 'false'), 1);
    const byRunning = expectStatus(await adminClient.get('/stats/companies', { query: { groupBy: 'hasRunningTask', name: wcCompany.body.name } }), 200).body;
    assert.deepEqual(byRunning.groups.map((g) => [g.key, g.label, g.count]), [['true', '有进行中任务', 1], ['false', '无进行中任务', 0]]);
    // Cancelled: no longer running.
    expectStatus(await wcCompany.client.post(`/portal/tasks/${running.id}/cancel`), 200);
    assert.equal(await hasRunning(wcCompany, 'true'), 0);
    for (const value of ['yes', '1', 'TRUE']) {
      for (const path of ['/companies', '/stats/companies'])
        expectFieldError(await adminClient.get(path, { query: { hasRunningTask: value, groupBy: 'region' } }), 'hasRunningTask', ['进行中任务'], `${path} ${value}`);
    }
  });

  test('bad values are refused naming the field', async () => {
    expectFieldError(await adminClient.get('/stats/guards', { query: { groupBy: 'colour' } }), 'groupBy');
    expectFieldError(await adminClient.get('/stats/guards', { query: { groupBy: 'gender', ageBand: '1to2' } }), 'ageBand');
    expectFieldError(await adminClient.get('/guards', { query: { regionCode: '999999' } }), 'regionCode');
    expectFieldError(await adminClient.get('/stats/companies', { query: { groupBy: 'gender' } }), 'groupBy');
    expectFieldError(await adminClient.get('/companies', { query: { guardBand: 'many' } }), 'guardBand');
  });
});

describe('scope: a 渭城 officer never counts or finds 秦都', () => {
  test('statistics', async () => {
    const mine = expectStatus(await wcOfficer.get('/stats/guards', { query: { groupBy: 'region', name: family } }), 200).body;
    assert.equal(mine.total, 3, 'the three of 渭城, not the one of 秦都');
    assert.deepEqual(mine.groups.map((g) => g.key), ['610404']);
    const qd = expectStatus(await wcOfficer.get('/stats/guards', { query: { groupBy: 'gender', regionCode: '610402' } }), 200).body;
    assert.equal(qd.total, 0);
    assert.ok(qd.groups.every((g) => g.count === 0));
    const companies = expectStatus(await wcOfficer.get('/stats/companies', { query: { groupBy: 'initialized', regionCode: '610402' } }), 200).body;
    assert.equal(companies.total, 0);
    const admins = expectStatus(await adminClient.get('/stats/guards', { query: { groupBy: 'gender', regionCode: '610402', name: family } }), 200).body;
    assert.equal(admins.total, 1);
  });

  test("a 派出所 officer's chart by region: the one bar of its county holds the station's total", async () => {
    const hc = await login('hc_mj', OFFICER_PASSWORD);
    for (const [stats, dims] of [['/stats/guards', {}], ['/stats/companies', {}]]) {
      const body = expectStatus(await hc.get(stats, { query: { groupBy: 'region', ...dims } }), 200).body;
      assert.deepEqual(body.groups.map((g) => g.key), ['610404'], stats);
      assert.equal(body.groups[0].count, body.total, `${stats}: the bar is the station's whole count`);
    }
    const guards = expectStatus(await hc.get('/stats/guards', { query: { groupBy: 'region' } }), 200).body;
    assert.ok(guards.total > 0, 'the demo station supervises guards');
    const list = expectStatus(await hc.get('/guards', { query: { size: 1 } }), 200).body;
    assert.equal(guards.total, list.total, 'the figure is the list');
  });

  test('search', async () => {
    const mine = expectStatus(await wcOfficer.get('/search', { query: { q: family } }), 200).body;
    assert.deepEqual(mine.guards.map((g) => g.id).sort(), wcGuards.map((g) => g.id).sort());
    for (const q of [qdGuard.idNo, qdGuard.mobile, qdCompany.body.name, qdCompany.body.creditCode]) {
      const res = expectStatus(await wcOfficer.get('/search', { query: { q } }), 200).body;
      assert.ok(!res.guards.some((g) => g.id === qdGuard.id), `${q}: 秦都's guard`);
      assert.ok(!res.companies.some((c) => c.id === qdCompany.rec.id), `${q}: 秦都's company`);
    }
    const all = expectStatus(await adminClient.get('/search', { query: { q: qdGuard.idNo } }), 200).body;
    assert.equal(all.guards[0].id, qdGuard.id);
  });

  test('tasks and emergency tasks by name or place, in scope', async () => {
    const day = 24 * 3600 * 1000;
    const when = { startAt: new Date(Date.now() + day).toISOString(), endAt: new Date(Date.now() + 2 * day).toISOString() };
    const publish = async (company, guard, regionCode, lng, lat) =>
      expectStatus(await company.client.post('/portal/tasks', {
        name: `${family}${regionCode}门岗`, type: 'door', client: '某小区', address: `${family}路${regionCode}号`, regionCode, lng, lat,
        needed: 1, guardIds: [guard.id], ...when,
      }), 201, `task of ${regionCode}`).body;
    const wcTask = await publish(wcCompany, wcGuards[0], '610404', 108.72, 34.33);
    const qdTask = await publish(qdCompany, qdGuard, '610402', 108.69, 34.35);
    const title = `${family}应急值守`;
    const emergency = expectStatus(await adminClient.post('/emergency-tasks', {
      title, detail: '协助维持秩序', address: '咸阳市渭城区文林路1号', regionCode: '610404', lng: 108.72, lat: 34.33, needed: 2,
      companyIds: [wcCompany.rec.id], ...when,
    }), 201).body;
    const hits = async (client, q) => expectStatus(await client.get('/search', { query: { q } }), 200).body.tasks;
    const byAdmin = await hits(adminClient, family);
    for (const [t, kind] of [[wcTask, 'task'], [qdTask, 'task'], [emergency, 'emergency']])
      assert.ok(byAdmin.some((h) => h.id === t.id && h.kind === kind), `the admin finds ${kind} ${t.id}: ${JSON.stringify(byAdmin)}`);
    assert.equal((await hits(adminClient, `${family}路610402号`)).find((h) => h.kind === 'task')?.id, qdTask.id, 'by place');
    assert.equal((await hits(adminClient, title))[0].id, emergency.id, 'the exact title first');
    const byWc = await hits(wcOfficer, family);
    assert.ok(byWc.some((h) => h.id === wcTask.id && h.kind === 'task'), '渭城 finds its own task');
    assert.ok(byWc.some((h) => h.id === emergency.id && h.kind === 'emergency'), '渭城 finds the emergency task placed in 渭城');
    assert.ok(!byWc.some((h) => h.kind === 'task' && h.id === qdTask.id), '渭城 never finds 秦都\'s task');
  });
});

describe('一键搜', () => {
  test('a guard by ID number, mobile or part of them, masked as in the list', async () => {
    const g = wcGuards[0];
    for (const q of [g.idNo, g.mobile, g.idNo.slice(4, 16), g.mobile.slice(3)]) {
      const res = expectStatus(await wcOfficer.get('/search', { query: { q, size: 50 } }), 200).body;
      const hit = res.guards.find((x) => x.id === g.id);
      assert.ok(hit, `${q} finds the guard`);
      assert.match(hit.idNo, MASKED_ID);
      assert.match(hit.mobile, MASKED_MOBILE);
      assert.equal(hit.employerName, wcCompany.body.name);
      assert.deepEqual(Object.keys(res).sort(), ['companies', 'guards', 'tasks']);
    }
    const exact = expectStatus(await wcOfficer.get('/search', { query: { q: g.idNo } }), 200).body;
    assert.equal(exact.guards[0].id, g.id, 'the exact ID first');
    // The admin holds guard:pii: in full, as the list shows it.
    const full = expectStatus(await adminClient.get('/search', { query: { q: g.idNo } }), 200).body;
    assert.equal(full.guards[0].idNo, g.idNo);
  });

  test('ranked: exact name before prefix; exact credit code before names containing it', async () => {
    const res = expectStatus(await wcOfficer.get('/search', { query: { q: `${family}甲` } }), 200).body;
    assert.deepEqual(res.guards.map((g) => g.name), [`${family}甲`, `${family}甲乙`]);
    const code = randomCreditCode('610404');
    const named = await activeCompany({ regionCode: '610404', name: `${code}名下保安服务有限公司`.slice(0, 60) });
    const exact = await activeCompany({ regionCode: '610404', creditCode: code, regAddress: `咸阳市渭城区${family}路1号` });
    const hits = expectStatus(await wcOfficer.get('/search', { query: { q: code.toLowerCase() } }), 200).body.companies;
    assert.deepEqual(hits.map((c) => c.id), [exact.rec.id, named.rec.id]);
    assert.equal(hits[0].creditCode, code);
    assert.equal(hits[0].address, exact.body.regAddress);
    const byAddress = expectStatus(await wcOfficer.get('/search', { query: { q: `${family}路1号` } }), 200).body.companies;
    assert.deepEqual(byAddress.map((c) => c.id), [exact.rec.id]);
  });

  test('a 问题人员 carries the flag in the hits (§9.3), the others do not', async () => {
    const flaggedPersons = expectStatus(await adminClient.get('/flagged-persons', { query: { size: 50 } }), 200).body.items;
    const open = flaggedPersons.find((f) => f.state !== 'false_positive');
    assert.ok(open, 'a demo 问题人员');
    const guard = expectStatus(await adminClient.get(`/guards/${open.guardId}`), 200).body;
    const hits = expectStatus(await adminClient.get('/search', { query: { q: guard.idNo } }), 200).body.guards;
    assert.equal(hits[0].id, guard.id);
    assert.equal(hits[0].flagged, true);
    const plain = expectStatus(await wcOfficer.get('/search', { query: { q: wcGuards[0].idNo } }), 200).body.guards;
    assert.equal(plain[0].id, wcGuards[0].id);
    assert.equal(plain[0].flagged, false);
  });

  test('bad input and permissions', async () => {
    expectFieldError(await wcOfficer.get('/search', { query: { q: '  ' } }), 'q');
    expectFieldError(await wcOfficer.get('/search', { query: { q: '张', size: 0 } }), 'size');
    expectFieldError(await wcOfficer.get('/search', { query: { q: '张', size: 'x' } }), 'size');
    expectError(await wcCompany.client.get('/search', { query: { q: '张' } }), 403, 'forbidden');
  });
});

describe('GET /geo/{regionCode}', () => {
  test('the province by city, a city by county, a county on its own; cached with an ETag', async () => {
    const province = expectStatus(await wcOfficer.get('/geo/610000'), 200);
    assert.equal(province.body.type, 'FeatureCollection');
    assert.equal(province.body.features.length, 10);
    const etag = province.headers.get('etag');
    assert.match(etag, /^"[0-9a-f]{16}"$/);
    assert.match(province.headers.get('cache-control'), /max-age=\d+/);
    const again = await wcOfficer.get('/geo/610000', { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
    assert.equal(again.text, '');
    const city = expectStatus(await wcOfficer.get('/geo/610400'), 200).body;
    assert.equal(city.features.length, 14);
    const county = expectStatus(await wcOfficer.get('/geo/610404'), 200).body;
    assert.deepEqual(county.features.map((f) => f.properties.name), ['渭城区']);
    expectError(await wcOfficer.get('/geo/620000'), 404, 'not_found');
    expectError(await wcOfficer.get('/geo/abc'), 404, 'not_found');
  });
});
