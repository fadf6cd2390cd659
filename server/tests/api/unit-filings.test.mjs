// The registry records of issue 12's filings, as the demo seed makes them through industry::UnitFilings
// (the effects of the engine's final 同意): a company's branches, cross-region filings and annual
// reports, seen in the caller's data scope — the cross-region filing of a 咸阳 company in 西安 by the
// 西安 bureau too, not by 宝鸡 —, the guard's assignment, the annual report rounds and the companies
// missing a year's report, in-house units with their filing.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  admin,
  assertSchema,
  attachmentName,
  download,
  expectError,
  expectFieldError,
  expectStatus,
  login,
  MASKED_ID,
  readXlsx,
  sheetTable,
  subtreeIds,
  userWithPermissions,
  XLSX_TYPE,
} from './lib.mjs';

const PASSWORD = 'Baoan@2026';
let a; // the province's administrator: sees everything
let xa; // 西安市公安局's supervising officer (the whole city)
let bj; // 宝鸡市公安局's
let xy; // 咸阳市公安局's (xy_jb)
let filing; // the demo cross-region filing (咸阳 company → 西安雁塔区)

before(async () => {
  a = await admin();
  xa = await login('xa_jb', PASSWORD);
  bj = await login('bj_jb', PASSWORD);
  xy = await login('xy_jb', PASSWORD);
  const res = expectStatus(await a.get('/cross-region-filings', { query: { clientName: '西安国际会展中心' } }), 200);
  assert.equal(res.body.total, 1, 'the demo seed made one cross-region filing in 西安');
  filing = res.body.items[0];
});

describe('cross-region filings', () => {
  test('the filing is the company\'s, in 西安雁塔区, with its two guards, as the spec describes it', async () => {
    const res = expectStatus(await a.get('/cross-region-filings', { query: { serviceRegionCode: '610100' } }), 200);
    assertSchema('CrossRegionFilingPage', res.body);
    assert.ok(res.body.items.some((f) => f.id === filing.id), 'found by the service city (610100 = 西安 and its districts)');
    assert.equal(filing.serviceRegionCode, '610113');
    assert.match(filing.serviceRegionName, /西安市雁塔区$/);
    assert.equal(filing.serviceOrgName, '雁塔分局');
    assert.equal(filing.guards.length, 2);
    assert.equal(filing.periodFrom, '2026-03-01');
    const own = expectStatus(await a.get(`/companies/${filing.companyId}/cross-region-filings`), 200);
    assertSchema('CrossRegionFilingPage', own.body);
    assert.deepEqual(own.body.items.map((f) => f.id), [filing.id]);
    const other = expectStatus(await a.get('/cross-region-filings', { query: { serviceRegionCode: '610300' } }), 200);
    assert.ok(!other.body.items.some((f) => f.id === filing.id), 'not found under 宝鸡');
  });

  test('the 西安 officer sees the 咸阳 company\'s filing in 西安 but not the company itself', async () => {
    const res = expectStatus(await xa.get('/cross-region-filings'), 200);
    assert.ok(res.body.items.some((f) => f.id === filing.id), 'the service city sees it');
    const xaIds = await subtreeIds('西安市公安局');
    for (const f of res.body.items) assert.ok(xaIds.has(f.orgId) || xaIds.has(f.serviceOrgId), `filing ${f.id} in 西安's scope`);
    assert.match(res.body.items.find((f) => f.id === filing.id).leaderIdNo, MASKED_ID, 'personal data masked without company:pii');
    expectError(await xa.get(`/companies/${filing.companyId}`), 404, 'not_found', 'the 咸阳 company is outside 西安');
    expectError(await xa.get(`/companies/${filing.companyId}/cross-region-filings`), 404, 'not_found');
  });

  test('the 咸阳 officer sees it through the company; the 宝鸡 officer does not see it at all', async () => {
    const mine = expectStatus(await xy.get('/cross-region-filings'), 200);
    assert.ok(mine.body.items.some((f) => f.id === filing.id));
    const res = expectStatus(await bj.get('/cross-region-filings'), 200);
    assert.equal(res.body.total, 0);
    assert.deepEqual(res.body.items, []);
  });

  test('the guards sent show the assignment in their details', async () => {
    for (const g of filing.guards) {
      const res = expectStatus(await a.get(`/guards/${g.id}`), 200);
      assertSchema('GuardDetail', res.body);
      const mine = res.body.crossRegionAssignments.filter((x) => x.filingId === filing.id);
      assert.equal(mine.length, 1, `guard ${g.id}`);
      assert.equal(mine[0].clientName, '西安国际会展中心');
      assert.match(mine[0].serviceRegionName, /雁塔区$/);
      assert.equal(mine[0].periodTo, '2026-12-31');
    }
  });

  test('a bad region filter is refused naming the field', async () => {
    expectFieldError(await a.get('/cross-region-filings', { query: { serviceRegionCode: '999999' } }), 'serviceRegionCode', ['服务所在地']);
  });
});

describe('branches', () => {
  test('the parent\'s details list its branches, the one in 西安 supervised by 雁塔分局', async () => {
    const companies = expectStatus(await a.get('/companies', { query: { size: 200 } }), 200).body.items;
    const withBranch = [];
    for (const co of companies.slice(-10)) {
      const res = expectStatus(await a.get(`/companies/${co.id}/branches`), 200);
      assertSchema('BranchPage', res.body);
      if (res.body.total > 0) withBranch.push({ co, items: res.body.items });
    }
    assert.ok(withBranch.length >= 1, 'demo companies have branches');
    const all = withBranch.flatMap((w) => w.items);
    const xian = all.find((b) => b.regionCode === '610113');
    assert.ok(xian, 'one branch is in 西安雁塔区');
    assert.equal(xian.orgName, '雁塔分局');
    assert.deepEqual(xian.serviceScope, ['door', 'patrol', 'escort']);
    assert.equal(typeof xian.serviceScopeNames, 'string');
    for (const b of all) assert.ok(withBranch.some((w) => w.co.id === b.companyId));
    // The 咸阳 officer reads the same list, personal data masked.
    const res = expectStatus(await xy.get(`/companies/${xian.companyId}/branches`), 200);
    assert.equal(res.body.total, 2);
    for (const b of res.body.items) assert.match(b.headIdNo, MASKED_ID);
  });

  test('a company outside the caller\'s scope or unknown is 404', async () => {
    const res = expectStatus(await a.get('/cross-region-filings'), 200);
    const co = res.body.items[0].companyId;
    expectError(await bj.get(`/companies/${co}/branches`), 404, 'not_found');
    expectError(await bj.get(`/companies/${co}/annual-reports`), 404, 'not_found');
    for (const path of ['branches', 'cross-region-filings', 'annual-reports'])
      expectError(await a.get(`/companies/99999999/${path}`), 404, 'not_found', path);
  });
});

describe('annual reports and their rounds', () => {
  test('the 2025 round has its deadline; an administrator sets another year\'s, others may not', async () => {
    const rounds = expectStatus(await a.get('/annual-report-rounds'), 200);
    assertSchema('AnnualReportRounds', rounds.body);
    assert.equal(rounds.body.items.find((r) => r.year === 2025)?.deadline, '2026-06-30');
    const put = expectStatus(await a.put('/annual-report-rounds/2024', { deadline: '2025-06-30' }), 200);
    assertSchema('AnnualReportRound', put.body);
    assert.deepEqual([put.body.year, put.body.deadline], [2024, '2025-06-30']);
    const again = expectStatus(await a.put('/annual-report-rounds/2024', { deadline: '2025-07-31' }), 200);
    assert.equal(again.body.deadline, '2025-07-31', 'setting it again replaces it');
    expectError(await xy.put('/annual-report-rounds/2024', { deadline: '2025-06-30' }), 403, 'forbidden');
  });

  test('a bad year or deadline is refused naming the field', async () => {
    expectFieldError(await a.put('/annual-report-rounds/2024', { deadline: '2025-02-30' }), 'deadline', ['截止日期']);
    expectFieldError(await a.put('/annual-report-rounds/2024', { deadline: '2024-06-30' }), 'deadline', ['截止日期']);
    expectFieldError(await a.put('/annual-report-rounds/2024', {}), 'deadline', ['截止日期']);
    expectError(await a.put('/annual-report-rounds/2024', { deadline: 20250630 }), 400, 'bad_request');
    expectFieldError(await a.put('/annual-report-rounds/20x4', { deadline: '2025-06-30' }), 'year', ['年度']);
    expectFieldError(await a.get('/annual-report-rounds/1999/missing'), 'year', ['年度']);
  });

  test('a company\'s reports are on its record; the missing list holds exactly the licensed companies without one', async () => {
    const missing = expectStatus(await a.get('/annual-report-rounds/2025/missing', { query: { size: 200 } }), 200);
    assertSchema('MissingAnnualReportPage', missing.body);
    assert.ok(missing.body.total >= 1, 'some demo companies have not filed');
    assert.equal(missing.body.deadline, '2026-06-30');
    const missingIds = new Set(missing.body.items.map((m) => m.id));
    const companies = expectStatus(await a.get('/companies', { query: { size: 200, status: 'active' } }), 200).body.items;
    let filed = 0;
    for (const co of companies) {
      const res = expectStatus(await a.get(`/companies/${co.id}/annual-reports`), 200);
      assertSchema('AnnualReportPage', res.body);
      const has2025 = res.body.items.some((r) => r.year === 2025);
      if (has2025) filed += 1;
      if (co.licenceNo) assert.equal(missingIds.has(co.id), !has2025, `${co.name}: in the missing list iff it has no 2025 report`);
    }
    assert.ok(filed >= 40, `${filed} companies filed 2025`);
    const one = companies.find((co) => co.licenceNo && !missingIds.has(co.id));
    const report = expectStatus(await a.get(`/companies/${one.id}/annual-reports`), 200).body.items[0];
    assert.equal(report.year, 2025);
    assert.ok(report.certifiedCount <= report.guardCount);
  });

  test('the missing list keeps to the caller\'s scope', async () => {
    const wc = await userWithPermissions(['annual_report:view']);
    const wcIds = await subtreeIds('渭城分局');
    const res = expectStatus(await wc.client.get('/annual-report-rounds/2025/missing', { query: { size: 200 } }), 200);
    for (const m of res.body.items) assert.ok(wcIds.has(m.orgId), `${m.name} in 渭城`);
    const all = expectStatus(await a.get('/annual-report-rounds/2025/missing', { query: { size: 200 } }), 200);
    assert.equal(res.body.total, all.body.items.filter((m) => wcIds.has(m.orgId)).length);
    const xaRes = expectStatus(await xa.get('/annual-report-rounds/2025/missing'), 200);
    assert.equal(xaRes.body.total, 0, 'no company is supervised in 西安');
  });
});

describe('the export of the companies missing a year\'s report', () => {
  const exported = async (client, year) => {
    const res = await download(client, `/annual-report-rounds/${year}/missing/export`);
    expectStatus(res, 200);
    assert.ok(res.contentType.startsWith(XLSX_TYPE));
    assert.match(attachmentName(res.headers) ?? '', new RegExp(`^${year}年度报告未报送公司_\\d{8}\\.xlsx$`));
    return sheetTable((await readXlsx(res.buf)).worksheets[0]);
  };

  test('the xlsx holds exactly the missing list, with its columns', async () => {
    const list = expectStatus(await a.get('/annual-report-rounds/2025/missing', { query: { size: 200 } }), 200).body;
    assert.ok(list.total <= 200 && list.total >= 1, `total ${list.total}`);
    const t = await exported(a, 2025);
    for (const h of ['公司名称', '统一社会信用代码', '许可证编号', '所在区域', '监管单位']) assert.ok(t.header.includes(h), h);
    const codes = t.rows.map((r) => String(t.byHeader(r)['统一社会信用代码'].value));
    assert.deepEqual(codes, list.items.map((m) => m.creditCode), 'the same companies in the same order');
    const first = t.byHeader(t.rows[0]);
    assert.equal(String(first['公司名称'].value), list.items[0].name);
    assert.equal(String(first['监管单位'].value), list.items[0].orgName);
    assert.equal(String(first['所在区域'].value), list.items[0].regionName);
  });

  test('the export keeps to the caller\'s scope and needs annual_report:export', async () => {
    const wc = await userWithPermissions(['annual_report:view', 'annual_report:export']);
    const wcIds = await subtreeIds('渭城分局');
    const all = expectStatus(await a.get('/annual-report-rounds/2025/missing', { query: { size: 200 } }), 200).body;
    const mine = all.items.filter((m) => wcIds.has(m.orgId)).map((m) => m.creditCode);
    const t = await exported(wc.client, 2025);
    assert.deepEqual(t.rows.map((r) => String(t.byHeader(r)['统一社会信用代码'].value)), mine);
    assert.ok(mine.length < all.total, 'a narrower scope exports fewer companies');
    const xaT = await exported(xa, 2025);
    assert.equal(xaT.rows.length, 0, 'no company is supervised in 西安');
    const viewOnly = await userWithPermissions(['annual_report:view']);
    expectError(await download(viewOnly.client, '/annual-report-rounds/2025/missing/export'), 403, 'forbidden');
    expectFieldError(await download(a, '/annual-report-rounds/1999/missing/export'), 'year', ['年度']);
  });
});

describe('in-house units with their filing', () => {
  test('one unit is filed with a number, one revoked; the revoked one is still readable', async () => {
    const res = expectStatus(await a.get('/inhouse-units', { query: { size: 200 } }), 200);
    // the demo's two filings of 2025 (other test files file and revoke units of their own through the engine)
    const filed = res.body.items.filter((u) => u.filingStatus === 'filed' && u.filingNo?.startsWith('陕自招备2025-'));
    const revoked = res.body.items.filter((u) => u.filingStatus === 'revoked' && u.filingNo?.startsWith('陕自招备2025-'));
    assert.equal(filed.length, 1);
    assert.equal(revoked.length, 1);
    assert.match(filed[0].filingNo, /^陕自招备\d{4}-\d{5}$/);
    assert.equal(filed[0].filingStatusName, '已备案');
    assert.equal(revoked[0].filingStatusName, '已撤销');
    assert.equal(revoked[0].revokedOn, '2026-05-31');
    expectStatus(await a.get(`/inhouse-units/${revoked[0].id}`), 200);
    // Its guards were released, the filed unit's employed.
    const guards = expectStatus(await a.get('/guards', { query: { size: 200, companyName: revoked[0].name } }), 200).body.items;
    const its = guards.filter((x) => x.employerKind === 'inhouse' && x.employerId === revoked[0].id);
    for (const g of its) assert.equal(g.employed, false, g.name);
    // The two its filing listed were employed from 2025-10-08 until the stop date.
    const listed = its.filter((g) => g.hiredOn === '2025-10-08');
    assert.equal(listed.length, 2);
    for (const g of listed) assert.equal(g.leftOn, '2026-05-31', g.name);
  });
});

test('/auth/me shows the account kind and, for unit accounts, the unit', async () => {
  const me = expectStatus(await xa.get('/auth/me'), 200);
  assert.equal(me.body.user.kind, 'officer');
  assert.equal(me.body.user.unitId, null);
});
