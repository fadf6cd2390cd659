// 统计管理 (issue 14 §8, manual §8): every figure equals the total of the list its 详情 opens under the
// same filter (cases: GET /applications; registrations: GET /exam-registrations; companies:
// GET /companies?initialized=), figures stay inside the caller's jurisdiction (a 渭城 officer never
// counts 秦都's records), and a bad date or a region outside the jurisdiction is refused in Chinese.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkErrorBody, download, expectStatus, MASKED_ID, MASKED_MOBILE, subtreeIds, userWithPermissions } from './lib.mjs';
import { officer } from './exam_lib.mjs';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// The whole demo history (12 months) and the days after it.
const FROM = '2025-01-01';
const TO = '2028-12-31';
const prefixOf = (code) => (code.length === 6 ? code.replace(/(00)+$/, '') : code);
const total = async (client, path, query) => expectStatus(await client.get(path, { query: { ...query, size: 1 } }), 200, `${path} ${JSON.stringify(query)}`).body.total;

describe('审批统计: the figures are the case lists\' totals', () => {
  test('per type: received = the list in the period and region, approved = its 准予 cases, each status = its list', async () => {
    const xy = await officer('xy_jb');
    const s = expectStatus(await xy.get('/stats/approvals', { query: { from: FROM, to: TO } }), 200).body;
    assert.equal(s.regionCode, '610400');
    const base = { submittedFrom: FROM, submittedTo: TO, regionCode: prefixOf(s.regionCode) };
    let counted = 0;
    for (const t of s.types) {
      assert.ok(t.name && t.businessType, 'type named');
      if (t.received === 0) continue;
      counted += t.received;
      assert.equal(await total(xy, '/applications', { ...base, businessType: t.businessType }), t.received, `${t.name} received`);
      assert.equal(await total(xy, '/applications', { ...base, businessType: t.businessType, status: 'granted' }), t.approved, `${t.name} approved`);
      assert.equal(await total(xy, '/applications', { ...base, businessType: t.businessType, status: 'withdrawn' }), t.withdrawn, `${t.name} withdrawn`);
      assert.equal(t.received >= t.decided && t.decided >= t.approved, true);
      if (t.decided > 0) assert.equal(t.passRate, Math.round((t.approved / t.decided) * 10000) / 10000);
      const inSteps = t.steps.reduce((n, st) => n + st.inProgress, 0);
      assert.ok(inSteps <= t.inProgress, `${t.name}: in progress by step ≤ in progress`);
    }
    assert.ok(counted > 0, 'the demo has cases');
    assert.equal(s.total.received, counted);
    // By region and by month: the parts add up to the whole, and a region's figure is its list's.
    assert.equal(s.regions.reduce((n, r) => n + r.received, 0), s.total.received);
    assert.equal(s.months.reduce((n, m) => n + m.received, 0), s.total.received);
    for (const r of s.regions.slice(0, 4))
      assert.equal(await total(xy, '/applications', { ...base, regionCode: r.regionCode }), r.received, `region ${r.name}`);
    for (const m of s.months) assert.match(m.month, /^\d{4}-\d{2}$/);
  });

  test('the demo: 承诺时限 shorter than 法定 for several types (the two on-time rates differ), and 制证审批 takes working days', async () => {
    const adm = await officer('xy_jb');
    const chain = expectStatus(await adm.get('/stats/approvals', { query: { from: FROM, to: TO } }), 200).body;
    const differ = chain.types.filter((t) => t.onTimeRate !== null && t.promisedOnTimeRate !== null && t.onTimeRate !== t.promisedOnTimeRate);
    assert.ok(differ.length >= 2, `types whose 法定 and 承诺 on-time rates differ: ${differ.map((t) => t.name).join('、')}`);
    for (const t of chain.types)
      if (t.onTimeRate !== null && t.promisedOnTimeRate !== null) assert.ok(t.promisedOnTimeRate <= t.onTimeRate, `${t.name}: 承诺 is the shorter limit`);
    const cert = chain.types.find((t) => t.businessType === 'certificate_issuance');
    assert.ok(cert.decided > 0, '制证审批 decided in the demo');
    assert.ok(cert.avgWorkingDays > 0, `制证审批 average ${cert.avgWorkingDays} working days`);
    for (const st of cert.steps.filter((x) => x.decided > 0)) assert.ok(st.avgWorkingDays > 0, `${st.name}: ${st.avgWorkingDays} working days`);
  });

  test('a 渭城 officer\'s figures never count 秦都\'s cases; 秦都 is outside their jurisdiction', async () => {
    const wc = await officer('wc_jb');
    const s = expectStatus(await wc.get('/stats/approvals', { query: { from: FROM, to: TO } }), 200).body;
    assert.equal(s.regionCode, '610404');
    for (const r of s.regions) assert.ok(r.regionCode.startsWith('610404'), `渭城 only: ${r.regionCode}`);
    assert.equal(await total(wc, '/applications', { submittedFrom: FROM, submittedTo: TO, regionCode: '610404' }), s.total.received);
    const res = await wc.get('/stats/approvals', { query: { regionCode: '610402' } });
    assert.equal(res.status, 403);
    checkErrorBody(res);
    assert.match(res.body.error.message, /管辖范围/);
  });
});

describe('考试报名统计: the figures are the registration list\'s totals', () => {
  test('per status and per region: the §6.1.1 list with the same region and dates', async () => {
    for (const who of ['xy_jb', 'wc_jb', 'qd_jb']) {
      const client = await officer(who);
      const s = expectStatus(await client.get('/stats/exam-registrations', { query: { from: FROM, to: TO } }), 200).body;
      const base = { householdRegion: s.householdRegion, createdFrom: FROM, createdTo: TO };
      assert.equal(await total(client, '/exam-registrations', base), s.total, `${who} total`);
      assert.equal(s.statuses.reduce((n, x) => n + x.count, 0), s.total);
      for (const x of s.statuses.filter((x) => x.count > 0))
        assert.equal(await total(client, '/exam-registrations', { ...base, status: x.status }), x.count, `${who} ${x.name}`);
      assert.equal(s.regions.reduce((n, r) => n + r.registered, 0), s.summary.registered);
      assert.equal(s.months.reduce((n, m) => n + m.registered, 0), s.total);
      for (const r of s.regions) {
        assert.ok(r.passed <= r.examined && r.certified <= r.passed, `${r.name}: certified ≤ passed ≤ examined`);
        if (r.examined > 0) assert.equal(r.passRate, Math.round((r.passed / r.examined) * 10000) / 10000);
      }
      if (who === 'wc_jb') for (const r of s.regions) assert.ok(r.regionCode.startsWith('610404'), `渭城 only: ${r.regionCode}`);
      if (who === 'qd_jb') for (const r of s.regions) assert.ok(r.regionCode.startsWith('610402'), `秦都 only: ${r.regionCode}`);
    }
  });
});

describe('企业统计', () => {
  test('8.4: initialised and not = the company list with initialized=true|false, per region', async () => {
    const xy = await officer('xy_jb');
    const s = expectStatus(await xy.get('/stats/companies/initialization'), 200).body;
    assert.ok(s.total > 0);
    assert.equal(s.initialized + s.notInitialized, s.total);
    // the company list's region filter takes the region's code and counts every region within it
    assert.equal(await total(xy, '/companies', { regionCode: s.regionCode }), s.total);
    assert.equal(await total(xy, '/companies', { regionCode: s.regionCode, initialized: 'true' }), s.initialized);
    assert.equal(await total(xy, '/companies', { regionCode: s.regionCode, initialized: 'false' }), s.notInitialized);
    // a district: it and all within it; the city's own row: exactly its code (regionExact)
    for (const r of s.regions.slice(0, 4)) {
      const region = r.regionCode === s.regionCode ? { regionExact: r.regionCode } : { regionCode: r.regionCode };
      assert.equal(await total(xy, '/companies', { ...region, initialized: 'true' }), r.initialized, r.name);
      assert.equal(await total(xy, '/companies', region), r.total, r.name);
    }
    const wc = await officer('wc_jb');
    const w = expectStatus(await wc.get('/stats/companies/initialization'), 200).body;
    for (const r of w.regions) assert.ok(r.regionCode.startsWith('610404'), `渭城 only: ${r.regionCode}`);
    assert.equal(await total(wc, '/companies', { regionCode: w.regionCode }), w.total);
  });

  test('8.5: guards — new hires, leavers, certificate and real-name ratios add up by region', async () => {
    const xy = await officer('xy_jb');
    const s = expectStatus(await xy.get('/stats/guards/analysis', { query: { from: FROM, to: TO } }), 200).body;
    assert.ok(s.employed > 0);
    // 详情 over the whole jurisdiction: the guard list's employed guards.
    assert.equal(await total(xy, '/guards', { employed: 'true' }), s.employed);
    for (const k of ['employed', 'newHires', 'leavers', 'certified', 'realNameVerified', 'appInitialized'])
      assert.equal(s.regions.reduce((n, r) => n + r[k], 0), s[k], k);
    for (const k of ['certifiedRate', 'realNameRate', 'appInitializedRate']) assert.ok(s[k] >= 0 && s[k] <= 1, k);
    assert.equal(s.months.reduce((n, m) => n + m.newHires, 0), s.newHires);
    assert.equal(s.months.reduce((n, m) => n + m.leavers, 0), s.leavers);
    // The database counts them (GROUP BY over an index): still the guard list's totals under the same filter.
    assert.equal(await total(xy, '/guards', { employed: 'true', certified: 'true' }), s.certified, 'certified');
    assert.equal(await total(xy, '/guards', { hiredFrom: FROM, hiredTo: TO }), s.newHires, 'hired in the period');
    const y = expectStatus(await xy.get('/stats/guards/analysis', { query: { from: '2026-01-01', to: '2026-06-30' } }), 200).body;
    assert.equal(await total(xy, '/guards', { hiredFrom: '2026-01-01', hiredTo: '2026-06-30' }), y.newHires, 'hired in the half year');
    assert.equal(y.employed, s.employed, 'the period does not change who is employed');
    assert.deepEqual(y.months.map((m) => m.month), ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    // A 渭城 officer: 渭城's guards only, the same list totals in their scope.
    const wc = await officer('wc_jb');
    const w = expectStatus(await wc.get('/stats/guards/analysis', { query: { from: FROM, to: TO } }), 200).body;
    for (const r of w.regions) assert.ok(r.regionCode.startsWith('610404'), `渭城 only: ${r.regionCode}`);
    assert.equal(await total(wc, '/guards', { employed: 'true' }), w.employed);
    assert.equal(await total(wc, '/guards', { hiredFrom: FROM, hiredTo: TO }), w.newHires);
    assert.ok(w.employed < s.employed, '渭城 is part of 咸阳');
  });

  test('8.5: every figure is the total of the guard list its 详情 opens (new hires, leavers, certified, real-name, app), per region', async () => {
    const xy = await officer('xy_jb');
    const s = expectStatus(await xy.get('/stats/guards/analysis', { query: { from: FROM, to: TO } }), 200).body;
    const lists = {
      employed: { employed: 'true' },
      newHires: { hiredFrom: FROM, hiredTo: TO },
      leavers: { leftFrom: FROM, leftTo: TO },
      certified: { employed: 'true', certified: 'true' },
      realNameVerified: { employed: 'true', realNameVerified: 'true' },
      appInitialized: { employed: 'true', appInitialized: 'true' },
    };
    assert.ok(s.leavers > 0 && s.realNameVerified > 0 && s.appInitialized > 0, 'the demo has leavers, real-name and app guards');
    for (const [k, query] of Object.entries(lists)) assert.equal(await total(xy, '/guards', query), s[k], k);
    for (const r of s.regions.filter((x) => x.employed > 0).slice(0, 3))
      for (const [k, query] of Object.entries(lists)) assert.equal(await total(xy, '/guards', { ...query, regionCode: r.regionCode }), r[k], `${r.name} ${k}`);
    // the other side of each flag, and a leaver window that ends before the period counts nobody who left in it
    assert.equal(await total(xy, '/guards', { employed: 'true', realNameVerified: 'false' }), s.employed - s.realNameVerified);
    assert.equal(await total(xy, '/guards', { employed: 'true', appInitialized: 'false' }), s.employed - s.appInitialized);
    assert.equal(await total(xy, '/guards', { leftFrom: '2000-01-01', leftTo: '2000-12-31' }), 0);
  });

  test('the guard list\'s 8.5 filters: a bad date, an inverted range or a bad flag is 422 naming the field in Chinese', async () => {
    const xy = await officer('xy_jb');
    const cases = [
      ['/guards', { leftFrom: '2026-02-30' }, 'leftFrom'],
      ['/guards', { leftFrom: '2026-05-01', leftTo: '2026-04-01' }, 'leftTo'],
      ['/guards', { realNameVerified: 'yes' }, 'realNameVerified'],
      ['/guards/export', { appInitialized: '1' }, 'appInitialized'],
      ['/stats/guards', { groupBy: 'region', leftTo: 'today' }, 'leftTo'],
    ];
    for (const [path, query, field] of cases) {
      const res = await xy.get(path, { query });
      assert.equal(res.status, 422, `${path} ${JSON.stringify(query)}`);
      checkErrorBody(res);
      assert.match(res.body.error.fields?.[field] || '', /[\u4e00-\u9fa5]/, `names ${field} in Chinese`);
    }
  });
});

describe('exports and bad input', () => {
  test('each page\'s table exports to xlsx', async () => {
    const xy = await officer('xy_jb');
    for (const path of ['/stats/approvals/export', '/stats/exam-registrations/export', '/stats/companies/initialization/export', '/stats/guards/analysis/export']) {
      const res = await download(xy, path, { from: FROM, to: TO });
      assert.equal(res.status, 200, path);
      assert.ok(res.contentType.startsWith(XLSX), path);
      assert.equal(res.buf.subarray(0, 2).toString(), 'PK');
    }
  });

  test('bad dates, a region that does not exist, an unknown business type: 422 naming the field in Chinese', async () => {
    const xy = await officer('xy_jb');
    const cases = [
      ['/stats/approvals', { from: '2026-13-01' }, 'from'],
      ['/stats/approvals', { from: '2026-05-01', to: '2026-04-01' }, 'to'],
      ['/stats/exam-registrations', { to: 'yesterday' }, 'to'],
      ['/stats/guards/analysis', { regionCode: '999999' }, 'regionCode'],
      ['/stats/approvals', { businessType: 'nothing' }, 'businessType'],
    ];
    for (const [path, query, field] of cases) {
      const res = await xy.get(path, { query });
      assert.equal(res.status, 422, `${path} ${JSON.stringify(query)}`);
      checkErrorBody(res);
      assert.ok(res.body.error.fields?.[field], `names ${field}`);
    }
    const outside = await xy.get('/stats/companies/initialization', { query: { regionCode: '610100' } });
    assert.equal(outside.status, 403);
    checkErrorBody(outside);
  });
});

describe('8.6 / 8.7 数据查询: the registry lists, with their own permission, scope and masking', () => {
  const menuKeys = async (client) =>
    expectStatus(await client.get('/auth/me'), 200).body.menus.flatMap((g) => g.children.map((c) => c.key));

  test('the statistics permission alone opens §8.5 but neither the lists nor their pages', async () => {
    const { client } = await userWithPermissions(['stats_company:view']);
    expectStatus(await client.get('/stats/guards/analysis'), 200);
    for (const path of ['/guards', '/companies']) {
      const res = await client.get(path);
      assert.equal(res.status, 403, path);
      checkErrorBody(res);
    }
    const keys = await menuKeys(client);
    assert.ok(keys.includes('stats-guards'));
    assert.ok(!keys.includes('stats-guard-query') && !keys.includes('stats-company-query'), 'no 数据查询 page without the registry view');
  });

  test('with the registry view too: the pages, only the jurisdiction\'s rows, ID and mobile masked', async () => {
    const { client } = await userWithPermissions(['stats_company:view', 'guard:view', 'company:view']);
    const keys = await menuKeys(client);
    assert.ok(keys.includes('stats-guard-query') && keys.includes('stats-company-query'));
    const wc = new Set(await subtreeIds('渭城分局'));
    const guards = expectStatus(await client.get('/guards', { query: { size: 50 } }), 200).body;
    assert.ok(guards.items.length > 0);
    for (const g of guards.items) {
      assert.ok(wc.has(g.orgId), `guard ${g.id} inside 渭城`);
      assert.match(g.idNo, MASKED_ID);
      assert.match(g.mobile, MASKED_MOBILE);
      assert.equal(typeof g.realNameVerified, 'boolean');
      assert.equal(typeof g.appInitialized, 'boolean');
    }
    const companies = expectStatus(await client.get('/companies', { query: { size: 50 } }), 200).body;
    assert.ok(companies.items.length > 0);
    for (const c of companies.items) assert.ok(wc.has(c.orgId), `company ${c.id} inside 渭城`);
  });
});
