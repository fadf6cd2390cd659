// 导出 of the §5 case lists (issue 11 leftover, issue 12 §Pages): GET /applications/export with the
// filters of GET /applications → an xlsx of the same cases, in the same order, with the same values,
// in the caller's data scope; `<businessType>:export` needed (403 without), bad filters 400 naming
// the parameter, every export in the audit log. The demo seed's cases (every state, overdue and
// nearly due ones) are the data; the workbook is read with exceljs like the other export tests.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  admin,
  attachmentName,
  chinaToday,
  download,
  expectError,
  expectStatus,
  login,
  readXlsx,
  sheetTable,
  subtreeIds,
  submittedApplication,
  userWithPermissions,
  XLSX_TYPE,
} from './lib.mjs';

const HEADER = ['办件编号', '业务类型', '申请人', '统一社会信用代码', '所属区域', '状态', '当前步骤', '提交时间', '受理时间', '办结时间', '剩余工作日', '预警'];
const WARNING_NAMES = { red: '已超期', yellow: '即将到期', none: '正常' };
const OPEN = new Set(['submitted', 'in_review', 'paused']);

async function listAll(client, query) {
  const items = [];
  for (let page = 1; ; page++) {
    const res = expectStatus(await client.get('/applications', { query: { ...query, page, size: 200 } }), 200, 'GET /applications');
    items.push(...res.body.items);
    if (items.length >= res.body.total || res.body.items.length === 0) return items;
  }
}

async function exported(client, query) {
  const res = await download(client, '/applications/export', query);
  expectStatus(res, 200, 'GET /applications/export');
  assert.ok(res.contentType.startsWith(XLSX_TYPE), res.contentType);
  const table = sheetTable((await readXlsx(res.buf)).worksheets[0]);
  return { res, table };
}

// Each exported row against the list item at the same place: same case, same values.
function sameRows(table, items) {
  assert.deepEqual(table.header, HEADER);
  assert.equal(table.rows.length, items.length, 'as many rows as the list has cases');
  table.rows.forEach((cells, i) => {
    const row = table.byHeader(cells);
    const it = items[i];
    const where = `row ${i + 2} (${it.caseNo})`;
    assert.equal(row['办件编号'].text, it.caseNo ?? '', where);
    assert.equal(row['业务类型'].text, it.businessTypeName, where);
    assert.equal(row['申请人'].text, it.applicantName, where);
    assert.equal(row['统一社会信用代码'].text, it.applicantCode, where);
    assert.equal(row['所属区域'].text, it.regionName, where);
    assert.equal(row['状态'].text, it.statusName, where);
    assert.equal(row['当前步骤'].text, it.stepName ?? '', where);
    for (const [h, key] of [['提交时间', 'submittedAt'], ['受理时间', 'acceptedAt'], ['办结时间', 'decidedAt']]) {
      if (it[key] === null) assert.equal(row[h].value, null, `${where} ${h}`);
      else {
        assert.ok(row[h].value instanceof Date, `${where} ${h} is a date-time cell`);
        assert.equal(row[h].value.toISOString().slice(0, 16), it[key].slice(0, 16), `${where} ${h}`);
      }
    }
    if (it.remainingWorkingDays === null) assert.equal(row['剩余工作日'].value, null, where);
    else assert.equal(row['剩余工作日'].value, it.remainingWorkingDays, `${where} 剩余工作日 is a number`);
    assert.equal(row['预警'].text, OPEN.has(it.status) ? WARNING_NAMES[it.warning] : '', `${where} 预警`);
  });
}

let a;
let jb; // 市经办民警 of 咸阳: the city's supervising role (the seed grants company_licence:export with :view)

before(async () => {
  a = await admin();
  jb = await login('xy_jb', 'Baoan@2026');
  // One more case submitted just now, so that the newest row is known.
  await submittedApplication('610404');
});

describe('GET /applications/export', () => {
  test('the company licence cases in the city: the rows GET /applications lists, in its order, with its values', async () => {
    const query = { businessType: 'company_licence' };
    const items = await listAll(jb, query);
    assert.ok(items.length >= 5, `the demo has cases: ${items.length}`);
    assert.ok(items.some((x) => x.warning === 'red') && items.some((x) => x.status === 'granted'), 'overdue and decided cases among them');
    const { res, table } = await exported(jb, query);
    assert.equal(attachmentName(res.headers), `${items[0].businessTypeName}办件_${chinaToday().replaceAll('-', '')}.xlsx`);
    sameRows(table, items);
  });

  test('filters: status, applicant, case number, dates and 预警 give the list\'s rows', async () => {
    const all = await listAll(jb, { businessType: 'company_licence' });
    const sample = all.find((x) => x.caseNo);
    const day = sample.submittedAt.slice(0, 10);
    for (const extra of [
      { status: 'in_review' },
      { status: 'granted' },
      { applicant: sample.applicantName.slice(0, 2) },
      { caseNo: sample.caseNo },
      { submittedFrom: day, submittedTo: day },
      { warning: 'red' },
      { warning: 'yellow' },
      { status: 'no_such_status' },
    ]) {
      const query = { businessType: 'company_licence', ...extra };
      const items = await listAll(jb, query);
      const { table } = await exported(jb, query);
      sameRows(table, items);
    }
    const red = (await exported(jb, { businessType: 'company_licence', warning: 'red' })).table;
    assert.ok(red.rows.length >= 1 && red.rows.every((c) => red.byHeader(c)['预警'].text === '已超期'));
  });

  test('another business type exports its own cases only (none of the company licence)', async () => {
    const items = await listAll(a, { businessType: 'training_licence' });
    const { res, table } = await exported(a, { businessType: 'training_licence' });
    sameRows(table, items);
    assert.match(attachmentName(res.headers), /办件_\d{8}\.xlsx$/);
    assert.ok(table.rows.every((c) => table.byHeader(c)['业务类型'].text !== '保安服务公司许可证'));
  });

  test('the data scope: a district officer exports the cases of the district only', async () => {
    const { client: wc } = await userWithPermissions(['approval:view', 'company_licence:export'], { orgName: '渭城分局' });
    const query = { businessType: 'company_licence' };
    const mine = await listAll(wc, query);
    const city = await listAll(jb, query);
    const wcIds = new Set(await subtreeIds('渭城分局'));
    assert.ok(mine.length > 0 && mine.every((x) => wcIds.has(x.orgId)));
    assert.ok(mine.length < city.length, 'the district sees fewer cases than the city');
    const { table } = await exported(wc, query);
    sameRows(table, mine);
    const outside = city.filter((x) => !wcIds.has(x.orgId)).map((x) => x.caseNo);
    assert.ok(outside.length > 0);
    assert.ok(table.rows.every((c) => !outside.includes(c[0].text)), 'no case of another district');
    // An org without cases exports a header only.
    const { client: qd } = await userWithPermissions(['approval:view', 'company_licence:export'], { orgName: '秦都分局' });
    const qdItems = await listAll(qd, query);
    sameRows((await exported(qd, query)).table, qdItems);
  });

  test('the type\'s export permission is needed (403), and approval:view', async () => {
    const { client: viewer } = await userWithPermissions(['approval:view', 'company_licence:view']);
    expectError(await download(viewer, '/applications/export', { businessType: 'company_licence' }), 403, 'forbidden');
    const { client: other } = await userWithPermissions(['approval:view', 'branch_filing:export']);
    expectError(await download(other, '/applications/export', { businessType: 'company_licence' }), 403, 'forbidden');
    expectStatus(await download(other, '/applications/export', { businessType: 'branch_filing' }), 200);
    const { client: noView } = await userWithPermissions(['company_licence:export']);
    expectError(await download(noView, '/applications/export', { businessType: 'company_licence' }), 403, 'forbidden');
  });

  test('bad filters are 400 naming the parameter; /applications/export is not taken for a case id', async () => {
    const bad = async (query, field, status = 400) => {
      const err = expectError(await download(jb, '/applications/export', query), status, status === 400 ? 'bad_request' : 'validation_failed');
      assert.ok(err.fields?.[field], `${JSON.stringify(query)}: fields.${field} in ${JSON.stringify(err)}`);
    };
    await bad({}, 'businessType');
    await bad({ businessType: 'no_such_type' }, 'businessType');
    await bad({ businessType: 'company_licence', warning: 'blue' }, 'warning');
    // Malformed dates are refused as GET /applications refuses them (422 naming the parameter).
    await bad({ businessType: 'company_licence', submittedFrom: '2026-13-01' }, 'submittedFrom', 422);
    await bad({ businessType: 'company_licence', submittedTo: 'yesterday' }, 'submittedTo', 422);
    expectError(await jb.get('/applications/export'), 400, 'bad_request');
  });

  test('every export is in the audit log with its row count and conditions', async () => {
    await exported(jb, { businessType: 'company_licence', status: 'granted' });
    const items = await listAll(jb, { businessType: 'company_licence', status: 'granted' });
    const log = expectStatus(await a.get('/audit-logs', { query: { account: 'xy_jb', targetType: 'application', action: 'export', size: 20 } }), 200).body;
    const entry = log.items.find((e) => e.summary.includes('status=granted'));
    assert.ok(entry, JSON.stringify(log.items.map((e) => e.summary)));
    assert.ok(entry.summary.includes(`${items.length} 条`), entry.summary);
  });
});
