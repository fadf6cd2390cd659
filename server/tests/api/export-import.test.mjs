// Spreadsheet export and import (docs/industry-api.md, docs/openapi.yaml `/…/export`,
// `/portal/guards/export`, `/portal/guards/import-template`, `/portal/guards/import`): every list
// exported to xlsx with its filters, its data scope and the masking of personal data, audited;
// the import template; the import of guards by a company — all rows or none, with a report of every
// bad row; an exported roster imported again; a file of 2 000 guards.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  activeCompany,
  admin,
  anon,
  assertSchema,
  attachmentName,
  birthForAge,
  breakCheckChar,
  chinaToday,
  download,
  excelDate,
  exceljsXlsx,
  expectError,
  expectStatus,
  handXlsx,
  importGuards,
  mask,
  MASKED_ID,
  MASKED_MOBILE,
  nextMobile,
  orgId,
  randomCreditCode,
  randomIdNumber,
  readXlsx,
  sheetTable,
  uniq,
  uniqCjk,
  uniqueIdNumber,
  userWithPermissions,
  validIdNumber,
  XLSX_TYPE,
  ymdOf,
  zipFiles,
} from './lib.mjs';

const CJK = /[\u4e00-\u9fff]/;
const VT = { Number: 2, String: 3, Date: 4, RichText: 8 }; // ExcelJS.ValueType
const norm = (s) => String(s ?? '').normalize('NFKC').replace(/\s/g, '').replace(/^\*+/, '');
const today8 = () => chinaToday().replace(/-/g, '');

// The index of the column whose header is `label` (or, failing that, contains it).
function col(table, label) {
  const n = norm(label);
  let i = table.header.findIndex((h) => norm(h) === n);
  if (i < 0) i = table.header.findIndex((h) => norm(h).includes(n));
  assert.ok(i >= 0, `no column 「${label}」 in ${JSON.stringify(table.header)}`);
  return i;
}

// Downloads an export and checks what every export shares: 200, the xlsx type, the Chinese file name
// "<title>_YYYYMMDD.xlsx" and a Chinese header row. Returns the first sheet as sheetTable().
async function exportOf(client, path, query, title) {
  const res = expectStatus(await download(client, path, query), 200, `GET ${path} ${JSON.stringify(query)}`);
  assert.ok(res.contentType.startsWith(XLSX_TYPE), `Content-Type ${res.contentType}`);
  const name = attachmentName(res.headers);
  assert.ok(name, `Content-Disposition without a UTF-8 file name: ${res.headers.get('content-disposition')}`);
  assert.match(res.headers.get('content-disposition'), /^attachment/i);
  if (title) assert.equal(name, `${title}_${today8()}.xlsx`);
  const wb = await readXlsx(res.buf);
  const table = sheetTable(wb.worksheets[0]);
  assert.ok(table.header.length > 0, 'a header row');
  for (const h of table.header) assert.match(h, CJK, `header 「${h}」 is Chinese`);
  return table;
}

// Every item of a list (all pages) for the same filters.
async function listAll(client, path, query) {
  const items = [];
  let total;
  for (let page = 1; ; page++) {
    const res = expectStatus(await client.get(path, { query: { ...query, page, size: 200 } }), 200, `GET ${path}`);
    total = res.body.total;
    items.push(...res.body.items);
    if (res.body.items.length < 200) break;
  }
  assert.equal(items.length, total, `${path}: all pages hold total items`);
  return items;
}

const cellText = (c) => (c.value === null || c.value === undefined ? '' : c.text);

// ---------------------------------------------------------------------------------------------------
const TAG = `导出${uniq()}`; // in the name of every registry record and company of this file
const GP = uniqCjk(3); // the name prefix of every guard hired for the export tests

let a; // the province admin (all permissions, full data)
let wc;
let qd;
const off = {}; // officers of 渭城分局: full (view + export + pii), masked (view + export), viewOnly
const recs = {}; // res → {wc: [full records], qd: [full records]}
const co = {}; // companies A (渭城, guards), B (秦都, guards), C (渭城, deregistered)

const MODULES = ['association', 'company', 'inhouse_unit', 'training_unit', 'guard', 'good_deed'];
const PII = ['association:pii', 'company:pii', 'inhouse_unit:pii', 'training_unit:pii', 'guard:pii'];

// What each export must hold. key: the column naming the record (and recKey its JSON key); ids /
// mobiles: personal columns (text cells, masked without pii); texts: other code columns that must be
// text cells; dates: date cells.
const LISTS = {
  associations: {
    registered: true, // a 登记时间 column (createdAt)
    module: 'association',
    title: '保安协会',
    headers: ['协会名称', '会长姓名', '会长身份证号', '成立日期', '联系电话', '所属区域', '地址', '会员单位数', '备注'],
    key: ['协会名称', 'name'],
    ids: { 会长身份证号: 'presidentIdNo' },
    mobiles: {},
    texts: { 联系电话: 'phone' },
    dates: { 成立日期: 'foundedOn' },
    numbers: { 会员单位数: 'memberCount' },
    filter: () => ({ name: TAG }),
  },
  companies: {
    registered: true, // a 登记时间 column (createdAt)
    module: 'company',
    title: '保安服务公司',
    headers: [
      '公司名称', '统一社会信用代码', '注册地址', '所属区域', '经营地址', '注册资本(万元)', '成立日期', '服务范围', '许可证编号',
      '联系人', '联系电话', '经度', '纬度', '法人姓名', '法人身份证号', '法人手机',
    ],
    key: ['公司名称', 'name'],
    ids: { 法人身份证号: 'legalIdNo' },
    mobiles: { 法人手机: 'legalMobile' },
    texts: { 统一社会信用代码: 'creditCode' },
    dates: { 成立日期: 'foundedOn' },
    numbers: { '注册资本(万元)': 'regCapital' },
    filter: () => ({ name: TAG }),
  },
  'inhouse-units': {
    registered: true, // a 登记时间 column (createdAt)
    module: 'inhouse_unit',
    title: '自行招用保安员单位',
    headers: [
      '单位名称', '单位编码', '所属区域', '单位地址', '单位电话', '法人姓名', '法人身份证号', '法人手机', '保安部门名称',
      '保安部门负责人', '保安部门负责人手机', '保安员人数', '单位负责人姓名', '单位负责人身份证号', '单位负责人手机',
    ],
    key: ['单位名称', 'name'],
    ids: { 法人身份证号: 'legalIdNo', 单位负责人身份证号: 'principalIdNo' },
    mobiles: { 法人手机: 'legalMobile', 保安部门负责人手机: 'deptHeadMobile', 单位负责人手机: 'principalMobile' },
    texts: { 单位编码: 'code' },
    dates: {},
    numbers: { 保安员人数: 'guardCount' },
    filter: () => ({ name: TAG }),
  },
  'training-units': {
    registered: true, // a 登记时间 column (createdAt)
    module: 'training_unit',
    title: '保安培训单位',
    headers: [
      '单位名称', '单位编码', '跨区经营市县', '注册地址', '主要负责人手机号', '校长公民身份证号码', '校长姓名', '校长手机号',
      '注册资金(万元)', '保安培训许可证编码', '发证机关编码', '发证机关名称', '颁发日期', '吊销机关', '吊销日期',
    ],
    key: ['单位名称', 'name'],
    ids: { 校长公民身份证号码: 'principalIdNo' },
    mobiles: { 主要负责人手机号: 'leaderMobile', 校长手机号: 'principalMobile' },
    texts: { 单位编码: 'code', 发证机关编码: 'issuerCode' },
    dates: { 颁发日期: 'issuedOn' },
    numbers: { '注册资金(万元)': 'regCapital' },
    filter: () => ({ name: TAG }),
  },
  guards: {
    module: 'guard',
    title: '保安员',
    headers: ['姓名', '性别', '身份证号', '出生日期', '民族', '学历', '手机号', '入职日期', '离职日期', '保安员证编号', '发证日期', '户籍地址', '现住址'],
    key: ['姓名', 'name'],
    ids: { 身份证号: 'idNo' },
    mobiles: { 手机号: 'mobile' },
    texts: { 保安员证编号: 'certificateNo' },
    dates: { 出生日期: 'birthDate', 入职日期: 'hiredOn', 发证日期: 'certificateDate' },
    numbers: {},
    filter: () => ({ name: GP }),
  },
  'good-deeds': {
    module: 'good_deed',
    pii: 'guard:pii', // good_deed has no pii permission: the guard's personal data follows guard:pii
    title: '好人好事',
    headers: ['保安员姓名', '身份证号', '手机号', '所属公司', '事迹标题', '事迹内容', '发生日期', '发生地点'],
    key: ['事迹标题', 'title'],
    ids: { 身份证号: 'idNo' },
    mobiles: { 手机号: 'mobile' },
    texts: {},
    dates: { 发生日期: 'occurredOn' },
    numbers: {},
    filter: () => ({ companyName: TAG }),
  },
};

async function createRec(res, body) {
  return expectStatus(await a.post(`/${res}`, body), 201, `POST /${res}`).body;
}

const bodies = {
  associations: (n, region) => ({
    name: `${TAG}保安协会${n}`,
    presidentName: '张会长',
    presidentIdNo: randomIdNumber(),
    foundedOn: '2010-07-02',
    phone: '029-33210000',
    regionCode: region,
    address: '咸阳市测试路1号',
    memberCount: 12,
    remark: '导出测试',
  }),
  'inhouse-units': (n, region) => ({
    name: `${TAG}自招单位${n}`,
    code: randomCreditCode(region),
    regionCode: region,
    address: '咸阳市测试路2号',
    phone: '029-33212222',
    legalName: '李法人',
    legalIdNo: randomIdNumber(),
    legalMobile: nextMobile(),
    deptName: '保卫处',
    deptHead: '赵部长',
    deptHeadMobile: nextMobile(),
    guardCount: 5,
    principalName: '钱负责',
    principalIdNo: randomIdNumber(),
    principalMobile: nextMobile(),
  }),
  'training-units': (n, region) => ({
    name: `${TAG}保安培训学校${n}`,
    code: uniq('PX'),
    crossRegion: '咸阳市秦都区',
    regAddress: '咸阳市育才路99号',
    leaderMobile: nextMobile(),
    principalIdNo: randomIdNumber(),
    principalName: '孙校长',
    principalMobile: nextMobile(),
    regCapital: 100,
    licenceNo: uniq('PXXK'),
    issuerCode: '610000',
    issuerName: '陕西省公安厅',
    issuedOn: '2017-04-09',
    revokedBy: null,
    revokedOn: null,
    orgId: region === '610404' ? wc : qd, // training units have no region: the org is given
  }),
};

const companyExtras = (n) => ({
  name: `${TAG}保安服务有限公司${n}`,
  bizAddress: '咸阳市测试路9号',
  regCapital: 1000,
  foundedOn: '2015-03-01',
  serviceScope: ['door', 'patrol'],
  licenceNo: uniq('XK'),
  contactName: '陈联系',
  contactPhone: '029-33211111',
  lng: 108.7093,
  lat: 34.3299,
});

const guardBody = (o = {}) => ({
  name: `${GP}${uniqCjk(1)}`,
  idNo: uniqueIdNumber(),
  mobile: nextMobile(),
  hiredOn: '2024-03-01',
  ethnicity: '汉族',
  education: 'senior',
  householdAddress: '陕西省咸阳市渭城区某村1组',
  currentAddress: '咸阳市渭城区文汇路1号',
  certificateNo: uniq('61').replace(/\D/g, '').padEnd(13, '0'),
  certificateDate: '2024-05-20',
  ...o,
});

async function hire(company, overrides) {
  const body = guardBody(overrides);
  return expectStatus(await company.client.post('/portal/guards', body), 201, `hire ${body.name}`).body;
}

before(async () => {
  a = await admin();
  wc = await orgId('渭城分局');
  qd = await orgId('秦都分局');

  for (const res of ['associations', 'inhouse-units', 'training-units']) {
    recs[res] = { wc: [], qd: [] };
    for (const [n, region, side] of [
      ['甲', '610404', 'wc'],
      ['乙', '610404', 'wc'],
      ['丙', '610402', 'qd'],
    ])
      recs[res][side].push(await createRec(res, bodies[res](n, region)));
  }

  co.A = await activeCompany({ ...companyExtras('甲'), regionCode: '610404', creditCode: randomCreditCode('610404') });
  co.B = await activeCompany({ ...companyExtras('乙'), regionCode: '610402', creditCode: randomCreditCode('610402') });
  co.C = await activeCompany({ ...companyExtras('丙'), regionCode: '610404', creditCode: randomCreditCode('610404') });
  expectStatus(await a.post(`/companies/${co.C.rec.id}/deregister`, { date: chinaToday(), reason: '导出测试注销' }), 200);
  const full = async (c) => expectStatus(await a.get(`/companies/${c.rec.id}`), 200).body;
  recs.companies = { wc: [await full(co.A), await full(co.C)], qd: [await full(co.B)] };

  // Guards: three at A (one of whom leaves), two at B; good deeds: two at A, one at B.
  const gA = [
    await hire(co.A, { education: 'college', certificateNo: null, certificateDate: null }),
    await hire(co.A),
    await hire(co.A, { ethnicity: '回族' }),
  ];
  gA[2] = expectStatus(await co.A.client.post(`/portal/guards/${gA[2].id}/leave`, {}), 200).body;
  const gB = [await hire(co.B), await hire(co.B)];
  recs.guards = { wc: gA, qd: gB };
  const deed = async (c, g, n) =>
    expectStatus(
      await c.client.post('/portal/good-deeds', {
        guardId: g.id,
        title: `${TAG}见义勇为${n}`,
        content: '协助民警抓获盗窃嫌疑人',
        occurredOn: '2025-09-10',
        place: '咸阳市人民路',
      }),
      201,
    ).body;
  recs['good-deeds'] = { wc: [await deed(co.A, gA[0], 1), await deed(co.A, gA[1], 2)], qd: [await deed(co.B, gB[0], 3)] };

  const view = MODULES.map((m) => `${m}:view`);
  const exp = MODULES.map((m) => `${m}:export`);
  off.full = await userWithPermissions([...view, ...exp, ...PII], { orgName: '渭城分局' });
  off.masked = await userWithPermissions([...view, ...exp], { orgName: '渭城分局' });
  off.viewOnly = await userWithPermissions(view, { orgName: '渭城分局' });
});

// ---------------------------------------------------------------------------------------------------
for (const [res, L] of Object.entries(LISTS)) {
  describe(`export of ${res}`, () => {
    const path = `/${res}/export`;
    const all = () => [...recs[res].wc, ...recs[res].qd];
    const names = (table) => table.rows.map((r) => cellText(r[col(table, L.key[0])]));

    test(`${res}: 200, xlsx, file name ${L.title}_YYYYMMDD.xlsx, the Chinese header row`, async () => {
      const t = await exportOf(a, path, L.filter(), L.title);
      for (const h of L.headers) col(t, h);
    });

    test(`${res}: the rows are the list with the same filters: as many as its total, in its order (newest first)`, async () => {
      const t = await exportOf(a, path, L.filter(), L.title);
      const items = await listAll(a, `/${res}`, L.filter());
      assert.equal(t.rows.length, items.length, 'data rows = total');
      assert.equal(items.length, all().length, 'the records of this file');
      assert.deepEqual(names(t), items.map((x) => x[L.key[1]]), 'same rows, same order');
    });

    test(`${res}: ?orgId= keeps the filter: only the records supervised by 渭城分局 and below`, async () => {
      const q = { ...L.filter(), orgId: wc };
      const t = await exportOf(a, path, q, L.title);
      const items = await listAll(a, `/${res}`, q);
      assert.equal(t.rows.length, items.length, 'data rows = total of the list with ?orgId=');
      assert.deepEqual(names(t).sort(), recs[res].wc.map((x) => x[L.key[1]]).sort());
    });

    test(`${res}: ID numbers and codes are text cells, dates are date cells; personal data in full with pii`, async () => {
      const t = await exportOf(off.full.client, path, L.filter(), L.title);
      const byName = new Map(t.rows.map((r) => [cellText(r[col(t, L.key[0])]), r]));
      for (const rec of recs[res].wc) {
        const row = byName.get(rec[L.key[1]]);
        assert.ok(row, `${rec[L.key[1]]} is exported`);
        for (const [h, k] of Object.entries({ ...L.ids, ...L.mobiles, ...L.texts })) {
          const c = row[col(t, h)];
          if (rec[k] === null || rec[k] === undefined) continue;
          assert.equal(c.type, VT.String, `${h} is a text cell, not ${c.type} (${c.value})`);
          assert.equal(c.value, rec[k], `${h} in full`);
        }
        for (const [h, k] of Object.entries(L.dates)) {
          const c = row[col(t, h)];
          if (rec[k] === null || rec[k] === undefined) {
            assert.ok(c.value === null || c.value === undefined || c.value === '', `${h} empty`);
            continue;
          }
          assert.equal(c.type, VT.Date, `${h} is a date cell, not ${c.type} (${c.value})`);
          assert.equal(ymdOf(c.value), rec[k], h);
        }
        for (const [h, k] of Object.entries(L.numbers)) {
          const c = row[col(t, h)];
          assert.equal(c.type, VT.Number, `${h} is a number cell`);
          assert.equal(c.value, rec[k], h);
        }
        if (L.registered) {
          // 登记时间: a date-time cell showing Beijing time (exceljs reads it as that wall time in UTC).
          const c = row[col(t, '登记时间')];
          assert.equal(c.type, VT.Date, `登记时间 is a date cell, not ${c.type} (${c.value})`);
          assert.match(rec.createdAt, /\+08:00$/);
          assert.equal(c.value.toISOString().slice(0, 19), rec.createdAt.slice(0, 19), '登记时间');
        }
      }
    });

    test(`${res}: personal data masked without ${L.pii ?? `${L.module}:pii`}`, async () => {
      const t = await exportOf(off.masked.client, path, L.filter(), L.title);
      const byName = new Map(t.rows.map((r) => [cellText(r[col(t, L.key[0])]), r]));
      const secrets = new Set();
      for (const rec of recs[res].wc) {
        const row = byName.get(rec[L.key[1]]);
        assert.ok(row, `${rec[L.key[1]]} is exported`);
        for (const [h, k] of Object.entries(L.ids)) {
          const c = row[col(t, h)];
          assert.equal(c.type, VT.String, `${h} is a text cell`);
          assert.match(c.value, MASKED_ID, h);
          assert.equal(c.value, mask.id(rec[k]), h);
          secrets.add(rec[k]);
        }
        for (const [h, k] of Object.entries(L.mobiles)) {
          const c = row[col(t, h)];
          assert.match(c.value, MASKED_MOBILE, h);
          assert.equal(c.value, mask.mobile(rec[k]), h);
          secrets.add(rec[k]);
        }
      }
      for (const r of t.rows) for (const c of r) assert.ok(!secrets.has(cellText(c)), `full value ${cellText(c)} in a masked export`);
    });

    test(`${res}: scope: an officer of 渭城分局 gets the 渭城 rows, no 秦都 row`, async () => {
      const c = off.masked.client;
      const t = await exportOf(c, path, L.filter(), L.title);
      const items = await listAll(c, `/${res}`, L.filter());
      assert.equal(t.rows.length, items.length, "data rows = the officer's list total");
      const got = names(t);
      assert.deepEqual([...got].sort(), recs[res].wc.map((x) => x[L.key[1]]).sort());
      for (const x of recs[res].qd) assert.ok(!got.includes(x[L.key[1]]), `秦都 row ${x[L.key[1]]} exported to 渭城`);
    });

    test(`${res}: ?orgId= of 秦都分局 (outside the officer's scope) → 404`, async () => {
      expectError(await download(off.masked.client, path, { ...L.filter(), orgId: qd }), 404, 'not_found', `${path}?orgId=秦都分局`);
    });

    test(`${res}: without ${L.module}:export → 403; without a session → 401`, async () => {
      expectError(await download(off.viewOnly.client, path, L.filter()), 403, 'forbidden', path);
      expectError(await download(anon(), path, L.filter()), 401, 'unauthenticated', path);
    });

    test(`${res}: each export writes an audit entry (action export)`, async () => {
      const entries = async () =>
        (await listAll(a, '/audit-logs', { account: off.masked.account, action: 'export', targetType: L.module })).filter(
          (e) => e.account === off.masked.account,
        );
      const before = (await entries()).length;
      await exportOf(off.masked.client, path, L.filter(), L.title);
      const after = await entries();
      assert.equal(after.length, before + 1, `one more export entry: ${JSON.stringify(after.slice(0, 2))}`);
      assert.equal(after[0].action, 'export');
      assert.equal(after[0].targetType, L.module);
    });
  });
}

describe('export filters', () => {
  test('guards ?name=张: as many rows as the list, every name starting with 张', async () => {
    const t = await exportOf(a, '/guards/export', { name: '张' }, '保安员');
    const total = expectStatus(await a.get('/guards', { query: { name: '张', size: 1 } }), 200).body.total;
    assert.ok(total > 0, 'the demo has guards named 张…');
    assert.equal(t.rows.length, total);
    for (const r of t.rows) assert.ok(cellText(r[col(t, '姓名')]).startsWith('张'), cellText(r[col(t, '姓名')]));
  });

  test('guards ?companyName= and ?employed=: the guards of that company, employed or not', async () => {
    const q = { companyName: co.A.body.name };
    const t = await exportOf(a, '/guards/export', q, '保安员');
    const items = await listAll(a, '/guards', q);
    assert.equal(t.rows.length, items.length);
    assert.deepEqual(t.rows.map((r) => cellText(r[col(t, '身份证号')])).sort(), items.map((g) => g.idNo).sort());
    const left = await exportOf(a, '/guards/export', { ...q, employed: false }, '保安员');
    assert.deepEqual(left.rows.map((r) => cellText(r[col(left, '身份证号')])), [recs.guards.wc[2].idNo]);
    assert.equal(cellText(left.rows[0][col(left, '离职日期')]) !== '', true, '离职日期 filled in');
    assert.equal(left.rows[0][col(left, '离职日期')].type, VT.Date);
  });

  test('companies ?status=: deregistered and active apart', async () => {
    for (const [status, expected] of [
      ['deregistered', [co.C.body.name]],
      ['active', [co.A.body.name, co.B.body.name]],
    ]) {
      const q = { name: TAG, status };
      const t = await exportOf(a, '/companies/export', q, '保安服务公司');
      assert.equal(t.rows.length, (await listAll(a, '/companies', q)).length, status);
      assert.deepEqual(t.rows.map((r) => cellText(r[col(t, '公司名称')])).sort(), [...expected].sort(), status);
    }
  });

  test('guards ?idNo= and ?mobile= (part of them): the same rows as the list', async () => {
    const g = recs.guards.wc[1];
    for (const q of [{ idNo: g.idNo }, { idNo: g.idNo.slice(-6) }, { mobile: g.mobile }, { mobile: g.mobile.slice(3) }]) {
      const t = await exportOf(a, '/guards/export', q, '保安员');
      const items = await listAll(a, '/guards', q);
      assert.equal(t.rows.length, items.length, JSON.stringify(q));
      assert.ok(t.rows.some((r) => cellText(r[col(t, '身份证号')]) === g.idNo), JSON.stringify(q));
    }
  });

  test('good deeds ?guardName=: the deeds of that guard', async () => {
    const g = recs.guards.wc[0];
    const t = await exportOf(a, '/good-deeds/export', { guardName: g.name, companyName: TAG }, '好人好事');
    assert.deepEqual(t.rows.map((r) => cellText(r[col(t, '事迹标题')])), [recs['good-deeds'].wc[0].title]);
  });

  test('an invalid filter value → 422 naming it, as on the list', async () => {
    assert.ok(expectError(await download(a, '/guards/export', { employed: 'maybe' }), 422, 'validation_failed').fields.employed);
    assert.ok(expectError(await download(a, '/associations/export', { foundedFrom: '2024-02-30' }), 422, 'validation_failed').fields.foundedFrom);
  });
});

// ---------------------------------------------------------------------------------------------------
describe("a company exports its own roster (GET /portal/guards/export)", () => {
  test('its guards only, in full, with the columns of the import template', async () => {
    const t = await exportOf(co.A.client, '/portal/guards/export', {}, '保安员');
    const mine = await listAll(co.A.client, '/portal/guards', {});
    assert.equal(t.rows.length, mine.length);
    const ids = t.rows.map((r) => r[col(t, '身份证号')]);
    for (const c of ids) assert.equal(c.type, VT.String, 'ID numbers are text');
    assert.deepEqual(ids.map((c) => c.value).sort(), mine.map((g) => g.idNo).sort());
    assert.deepEqual(ids.map((c) => c.value).sort(), recs.guards.wc.map((g) => g.idNo).sort(), "A's guards, in full");
    for (const g of recs.guards.qd) assert.ok(!ids.some((c) => c.value === g.idNo), "no guard of B's");
    for (const r of t.rows) assert.equal(r[col(t, '入职日期')].type, VT.Date, '入职日期 is a date cell');
    const mobiles = t.rows.map((r) => cellText(r[col(t, '手机号')])).sort();
    assert.deepEqual(mobiles, recs.guards.wc.map((g) => g.mobile).sort());
    for (const h of ['姓名', '身份证号', '手机号', '入职日期', '民族', '学历', '户籍地址', '现住址', '保安员证编号', '发证日期'])
      assert.ok(t.header.some((x) => norm(x) === h), `column 「${h}」 of the template: ${JSON.stringify(t.header)}`);
  });

  test('?employed=false: those who left', async () => {
    const t = await exportOf(co.A.client, '/portal/guards/export', { employed: false }, '保安员');
    assert.deepEqual(t.rows.map((r) => cellText(r[col(t, '身份证号')])), [recs.guards.wc[2].idNo]);
  });

  test('officers get 403 on the portal export; a company gets 403 on the police exports', async () => {
    expectError(await download(a, '/portal/guards/export'), 403, 'forbidden');
    expectError(await download(off.full.client, '/portal/guards/export'), 403, 'forbidden');
    for (const p of Object.keys(LISTS)) expectError(await download(co.A.client, `/${p}/export`), 403, 'forbidden', p);
    expectError(await download(a, '/portal/guards/import-template'), 403, 'forbidden');
    expectError(await importGuards(a, Buffer.from('x')), 403, 'forbidden');
  });
});

// ---------------------------------------------------------------------------------------------------
const TEMPLATE_HEADERS = ['姓名', '身份证号', '手机号', '入职日期', '民族', '学历', '户籍地址', '现住址', '保安员证编号', '发证日期'];
const REQUIRED = ['姓名', '身份证号', '手机号', '入职日期'];

describe('the import template', () => {
  let buf;
  let wb;
  before(async () => {
    const res = expectStatus(await download(co.A.client, '/portal/guards/import-template'), 200);
    assert.ok(res.contentType.startsWith(XLSX_TYPE), res.contentType);
    const name = attachmentName(res.headers);
    assert.ok(name && CJK.test(name) && name.endsWith('.xlsx'), `Chinese file name: ${res.headers.get('content-disposition')}`);
    buf = res.buf;
    wb = await readXlsx(buf);
  });

  test('header row: the ten columns in order, the required ones marked with a red *', () => {
    const ws = wb.worksheets[0];
    const t = sheetTable(ws);
    assert.deepEqual(t.header.map(norm), TEMPLATE_HEADERS);
    t.header.forEach((h, i) => {
      const required = REQUIRED.includes(TEMPLATE_HEADERS[i]);
      assert.equal(/^\s*[*＊]/.test(h), required, `「${h}」 ${required ? 'marked' : 'not marked'} required`);
      if (required) {
        const v = ws.getRow(1).getCell(i + 1).value;
        const runs = v?.richText ?? [];
        const star = runs.find((r) => r.text.includes('*'));
        assert.ok(star, `a rich-text run with the * in 「${h}」: ${JSON.stringify(v)}`);
        assert.match(star.font?.color?.argb ?? '', /FF0000$/i, `the * of 「${h}」 is red`);
      }
    });
  });

  test('one example row with valid values', () => {
    const t = sheetTable(wb.worksheets[0]);
    assert.equal(t.rows.length, 1, 'exactly one example row');
    const get = (h) => t.rows[0][col(t, h)];
    assert.match(cellText(get('姓名')), CJK);
    const id = cellText(get('身份证号'));
    assert.match(id, /^\d{17}[\dX]$/);
    assert.equal(get('身份证号').type, VT.String, 'the example ID number is text');
    assert.equal(validIdNumber(id.slice(0, 6), id.slice(6, 14), Number(id.slice(14, 17))), id, 'a valid check digit');
    assert.match(cellText(get('手机号')), /^1\d{10}$/);
    assert.ok(get('入职日期').type === VT.Date || /^\d{4}-\d{2}-\d{2}$/.test(cellText(get('入职日期'))), '入职日期 a date');
  });

  test('a sheet 填写说明 naming every column', () => {
    const ws = wb.getWorksheet('填写说明');
    assert.ok(ws, `sheets: ${wb.worksheets.map((w) => w.name)}`);
    const text = [];
    ws.eachRow((r) => r.eachCell((c) => text.push(c.text)));
    for (const h of TEMPLATE_HEADERS) assert.ok(text.some((x) => norm(x) === h || x.includes(h)), `填写说明 names 「${h}」`);
  });

  test('the untouched template imports nothing: 422 naming no data row', async () => {
    const r = await importGuards(co.A.client, buf);
    expectStatus(r, 422);
    assertSchema('ImportResult', r.body);
    assert.equal(r.body.imported, 0);
    assert.ok(r.body.errors.length >= 1 && r.body.errors.every((e) => CJK.test(e.message)), JSON.stringify(r.body));
  });
});

// ---------------------------------------------------------------------------------------------------
const H = TEMPLATE_HEADERS;
const EDU = { 初中: 'junior', 高中: 'senior', 中专: 'secondary_vocational', 大专: 'college', 本科: 'bachelor' };

async function portalTotal(c, query = {}) {
  return expectStatus(await c.get('/portal/guards', { query: { ...query, size: 1 } }), 200).body.total;
}

function expectImported(r, n) {
  expectStatus(r, 200, 'import');
  assertSchema('ImportResult', r.body);
  assert.deepEqual(r.body, { ...r.body, imported: n, errors: [] }, JSON.stringify(r.body).slice(0, 800));
}

function expectRefused(r) {
  expectStatus(r, 422, 'import');
  assertSchema('ImportResult', r.body);
  assert.equal(r.body.imported, 0);
  for (const e of r.body.errors) {
    assert.match(e.message, CJK, `Chinese message: ${JSON.stringify(e)}`);
    assert.doesNotMatch(e.message, /SQL|sqlite|postgres|exception|std::/i);
  }
  return r.body.errors;
}

describe('guard import by a company', () => {
  let I; // a fresh company of 渭城区
  const good = []; // the rows of the good file: {name, idNo, mobile, hiredOn, ethnicity, edu, …}

  before(async () => {
    I = await activeCompany({ name: `${TAG}导入保安服务有限公司` });
  });

  test('the template filled in (example row left in): 200 {imported: N, errors: []}, gender and birth date derived', async () => {
    const tpl = expectStatus(await download(I.client, '/portal/guards/import-template'), 200).buf;
    const wb = await readXlsx(tpl);
    const ws = wb.worksheets[0];
    const edus = Object.keys(EDU);
    for (let i = 0; i < 5; i++) {
      const male = i % 2 === 0;
      good.push({
        name: `${uniqCjk(2)}${uniqCjk(1)}`,
        idNo: uniqueIdNumber({ male }),
        male,
        mobile: nextMobile(),
        hiredOn: `2024-0${i + 1}-15`,
        ethnicity: i === 3 ? '回族' : '汉族',
        edu: edus[i],
        householdAddress: `陕西省咸阳市渭城区某村${i + 1}组`,
        currentAddress: `咸阳市渭城区文汇路${i + 1}号`,
        certificateNo: i === 0 ? '6100000000123' : null,
        certificateDate: i === 0 ? '2024-06-01' : null,
      });
    }
    good.forEach((g, i) => {
      // Row 2 is the example; the data goes below it. Dates as date cells, the rest as text.
      ws.getRow(3 + i).values = [
        g.name, g.idNo, g.mobile, excelDate(g.hiredOn), g.ethnicity, g.edu, g.householdAddress, g.currentAddress,
        g.certificateNo ?? undefined, g.certificateDate ? excelDate(g.certificateDate) : undefined,
      ];
    });
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    expectImported(await importGuards(I.client, buf), good.length);

    const list = await listAll(I.client, '/portal/guards', {});
    assert.equal(list.length, good.length, 'the example row (张伟) was not imported');
    for (const g of good) {
      const x = list.find((y) => y.idNo === g.idNo);
      assert.ok(x, `${g.name} imported`);
      assertSchema('Guard', x);
      assert.equal(x.name, g.name);
      assert.equal(x.mobile, g.mobile);
      assert.equal(x.gender, g.male ? 'male' : 'female');
      assert.equal(x.genderName, g.male ? '男' : '女');
      assert.equal(x.birthDate, `${g.idNo.slice(6, 10)}-${g.idNo.slice(10, 12)}-${g.idNo.slice(12, 14)}`);
      assert.equal(x.hiredOn, g.hiredOn);
      assert.equal(x.ethnicity, g.ethnicity);
      assert.equal(x.education, EDU[g.edu], `学历 written as 「${g.edu}」`);
      assert.equal(x.educationName, g.edu);
      assert.equal(x.householdAddress, g.householdAddress);
      assert.equal(x.currentAddress, g.currentAddress);
      assert.equal(x.certificateNo, g.certificateNo);
      assert.equal(x.certificateDate, g.certificateDate);
      assert.equal(x.employed, true);
      assert.equal(x.employerId, I.rec.id);
      assert.equal(x.orgId, wc);
    }
  });

  test('a file saved by WPS (inline strings, dates typed as text or as date numbers, no template) imports', async () => {
    let withX;
    do withX = uniqueIdNumber();
    while (withX[17] !== 'X');
    const rows = [
      { name: `${uniqCjk(2)}${uniqCjk(1)}`, idNo: uniqueIdNumber(), mobile: nextMobile(), hiredOn: '2025-03-01' },
      { name: `${uniqCjk(2)}${uniqCjk(1)}`, idNo: withX, mobile: nextMobile(), hiredOn: '2025-03-02' },
    ];
    const before = await portalTotal(I.client);
    const buf = handXlsx([
      ['姓名', '身份证号', '手机号', '入职日期', '学历', '民族'],
      [` ${rows[0].name} `, rows[0].idNo, rows[0].mobile, { date: rows[0].hiredOn }, '本科', '汉族'],
      [rows[1].name, rows[1].idNo.toLowerCase(), rows[1].mobile, rows[1].hiredOn, '中专'],
    ]);
    expectImported(await importGuards(I.client, buf), 2);
    assert.equal(await portalTotal(I.client), before + 2);
    for (const r of rows) {
      const x = expectStatus(await I.client.get('/portal/guards', { query: { idNo: r.idNo } }), 200).body.items[0];
      assert.ok(x, `${r.name} imported`);
      assert.equal(x.name, r.name, 'trimmed');
      assert.equal(x.idNo, r.idNo, 'a lower-case x stored upper-case');
      assert.equal(x.hiredOn, r.hiredOn);
    }
  });

  test('any bad row: 422 {imported: 0, errors}, every bad row reported with its Excel row, nothing written', async () => {
    const ok = () => [`${uniqCjk(2)}${uniqCjk(1)}`, uniqueIdNumber(), nextMobile(), { date: '2024-03-01' }, '汉族', '高中'];
    const dup = uniqueIdNumber();
    const other = recs.guards.qd[0]; // employed by company B
    const rows = [
      H, //                                                                                       row 1
      ok(), //                                                                                    row 2
      ok(), //                                                                                    row 3
      ['王重复', dup, nextMobile(), '2024-03-01', '汉族', '初中'], //                             row 4
      ['李校验', breakCheckChar(uniqueIdNumber()), nextMobile(), '2024-03-01'], //                row 5
      ok(), //                                                                                    row 6
      ['赵手机', uniqueIdNumber(), '12345', '2024-03-01'], //                                     row 7
      ['钱未来', uniqueIdNumber(), nextMobile(), { date: chinaToday(1) }], //                    row 8
      ['孙重复', dup, nextMobile(), '2024-03-01'], //                                             row 9
      ['周数字', { num: '6.10404199001011E+17' }, nextMobile(), '2024-03-01'], //                 row 10
      [other.name, other.idNo, other.mobile, '2024-03-01'], //                                    row 11
      ['吴少年', uniqueIdNumber({ birth: birthForAge(17) }), nextMobile(), '2024-03-01'], //      row 12
      ok(), //                                                                                    row 13
      [good[0].name, good[0].idNo, good[0].mobile, '2024-03-01'], //                              row 14
      ['陈数字', uniqueIdNumber(), { num: '13800138000' }, '2024-03-01'], //                       row 15
      ['褚无效', uniqueIdNumber(), nextMobile(), '2024-02-30'], //                                 row 16
      ['卫小学', uniqueIdNumber(), nextMobile(), '2024-03-01', '汉族', '小学'], //                 row 17
      [null, uniqueIdNumber(), nextMobile(), '2024-03-01'], //                                    row 18
      ['蒋民族', uniqueIdNumber(), nextMobile(), '2024-03-01', '火星族'], //                       row 19
    ];
    const goodIds = [rows[1], rows[2], rows[3], rows[5], rows[12]].map((r) => r[1]);
    const before = await portalTotal(I.client);
    const errors = expectRefused(await importGuards(I.client, handXlsx(rows)));
    assert.deepEqual(
      errors.map((e) => [e.row, e.field]),
      [
        [5, 'idNo'],
        [7, 'mobile'],
        [8, 'hiredOn'],
        [9, 'idNo'],
        [10, 'idNo'],
        [11, 'idNo'],
        [12, 'idNo'],
        [14, 'idNo'],
        [15, 'mobile'],
        [16, 'hiredOn'],
        [17, 'education'],
        [18, 'name'],
        [19, 'ethnicity'],
      ],
      `every bad row, by row: ${JSON.stringify(errors)}`,
    );
    const msg = (row) => errors.find((e) => e.row === row).message;
    assert.match(msg(5), /身份证号/);
    assert.match(msg(5), /校验/);
    assert.match(msg(7), /手机号/);
    assert.match(msg(8), /入职日期/);
    assert.match(msg(9), /第4行/, 'the duplicate names the first row');
    assert.match(msg(10), /文本/, 'a number cell: set the column to text');
    assert.match(msg(10), /身份证号/);
    assert.ok(msg(11).includes(`「${co.B.body.name}」`), `names the employer: ${msg(11)}`);
    assert.match(msg(11), /离职/);
    assert.match(msg(12), /18/);
    assert.match(msg(14), /本公司/);
    assert.match(msg(15), /文本/, 'a mobile typed as a number: set the column to text');
    assert.match(msg(16), /入职日期/);
    assert.match(msg(17), /初中/, '小学 is refused: 初中 or above');
    assert.match(msg(18), /姓名/);
    assert.match(msg(19), /民族/);
    for (const e of errors) if (e.column !== undefined && e.column !== '') assert.ok(H.includes(e.column), e.column);

    assert.equal(await portalTotal(I.client), before, 'nothing written');
    for (const id of goodIds) {
      assert.equal(await portalTotal(I.client, { idNo: id }), 0, `good row ${id} not imported`);
      assert.equal(expectStatus(await a.get('/guards', { query: { idNo: id } }), 200).body.total, 0, `${id} unknown`);
    }
    const still = expectStatus(await a.get('/guards', { query: { idNo: other.idNo } }), 200).body.items[0];
    assert.equal(still.employerId, co.B.rec.id, "B's guard stays at B");
  });

  test('under 18 → 422 on that row; 18 today → imported', async () => {
    const young = uniqueIdNumber({ birth: birthForAge(18, 1) });
    const errors = expectRefused(await importGuards(I.client, handXlsx([H, ['郑差一天', young, nextMobile(), chinaToday()]])));
    assert.deepEqual(errors.map((e) => [e.row, e.field]), [[2, 'idNo']]);
    assert.match(errors[0].message, /18/);
    const adult = uniqueIdNumber({ birth: birthForAge(18) });
    expectImported(await importGuards(I.client, handXlsx([H, ['郑正好', adult, nextMobile(), chinaToday()]])), 1);
    assert.equal(await portalTotal(I.client, { idNo: adult }), 1);
  });

  test('a file without a required column → refused naming the column, nothing written', async () => {
    const before = await portalTotal(I.client);
    const r = await importGuards(I.client, handXlsx([['姓名', '手机号', '入职日期'], ['冯缺列', nextMobile(), '2024-03-01']]));
    expectStatus(r, 422);
    const text = r.body.errors.map((e) => e.message).join(' ');
    assert.match(text, /身份证号/, text);
    assert.equal(await portalTotal(I.client), before);
  });

  test('a body that is not an xlsx file → 400 with a Chinese message', async () => {
    const bodies = {
      text: Buffer.from('姓名,身份证号\n张三,610404199001011234\n'),
      json: Buffer.from('{"rows":[]}'),
      xls: Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]),
      'zip without a workbook': zipFiles({ 'hello.txt': 'hello' }),
      truncated: handXlsx([H, ['冯截断', uniqueIdNumber(), nextMobile(), '2024-03-01']]).subarray(0, 300),
    };
    const before = await portalTotal(I.client);
    for (const [what, body] of Object.entries(bodies)) {
      const r = await importGuards(I.client, body);
      expectError(r, 400, 'bad_request', what);
    }
    assert.equal(await portalTotal(I.client), before);
  });

  test('more than 20 000 rows → refused naming the limit, nothing written', async () => {
    const before = await portalTotal(I.client);
    const row = ['沈超限', uniqueIdNumber(), nextMobile(), '2024-03-01'];
    const rows = [H];
    for (let i = 0; i < 20001; i++) rows.push(row);
    const r = await importGuards(I.client, handXlsx(rows), { timeout: 60000 });
    assert.ok([400, 413, 422].includes(r.status), `refused: ${r.status} ${r.text.slice(0, 300)}`);
    const text = r.status === 422 ? r.body.errors.map((e) => e.message).join(' ') : expectError(r, r.status).message;
    // The reader counts Excel rows (header included): "超过最大行数 20001" is accepted as naming the limit.
    assert.match(text, /20\s?00[01]|20,00[01]/, `the message names the limit: ${text.slice(0, 300)}`);
    assert.equal(await portalTotal(I.client), before);
  });

  test('20 000 rows are within the limit; more than 1 000 bad cells: the first 1 000 listed, errorCount counts all', async () => {
    const before = await portalTotal(I.client);
    const row = ['韩重复', uniqueIdNumber(), nextMobile(), '2024-03-01'];
    const rows = [H];
    for (let i = 0; i < 20000; i++) rows.push(row);
    const r = await importGuards(I.client, handXlsx(rows), { timeout: 60000 });
    const errors = expectRefused(r);
    assert.equal(errors.length, 1000, 'the first 1000 listed');
    assert.deepEqual(errors[0], { ...errors[0], row: 3, field: 'idNo' });
    assert.match(errors[0].message, /第2行/, 'rows 3 … 20 001 repeat row 2');
    assert.equal(errors[999].row, 1002);
    assert.equal(r.body.errorCount, 19999, 'errorCount: every bad cell');
    assert.equal(await portalTotal(I.client), before);
  });

  test('a body over 20 MiB → 413', async () => {
    const r = await importGuards(I.client, Buffer.alloc(20 * 1024 * 1024 + 1024, 0x41), { timeout: 60000 });
    expectError(r, 413, undefined, 'import of 20 MiB + 1 KiB');
  });
});

// ---------------------------------------------------------------------------------------------------
describe('round trip: an exported roster imported again', () => {
  test('export, all leave, the same file imported → 200, the same people re-hired, two employments each', async () => {
    const R = await activeCompany({ name: `${TAG}往返保安服务有限公司` });
    const hired = [
      await hire(R, { education: 'junior', ethnicity: '回族', hiredOn: '2023-05-04' }),
      await hire(R, { education: 'bachelor', certificateNo: null, certificateDate: null }),
      await hire(R, { education: 'secondary_vocational', householdAddress: '陕西省咸阳市秦都区某村3组', currentAddress: null }),
      await hire(R, { education: null, ethnicity: null }),
    ];
    const fields = ['name', 'idNo', 'mobile', 'gender', 'birthDate', 'ethnicity', 'education', 'householdAddress', 'currentAddress', 'certificateNo', 'certificateDate'];

    const file = expectStatus(await download(R.client, '/portal/guards/export'), 200, 'export').buf;
    // While they are employed here, the file is refused row by row.
    const again = expectRefused(await importGuards(R.client, file));
    assert.deepEqual(again.map((e) => [e.row, e.field]), hired.map((_, i) => [i + 2, 'idNo']));
    for (const e of again) assert.match(e.message, /本公司/);
    for (const g of hired) {
      const left = expectStatus(await R.client.post(`/portal/guards/${g.id}/leave`, {}), 200, 'leave').body;
      assert.equal(left.employed, false);
    }
    assert.equal(await portalTotal(R.client, { employed: true }), 0, 'all left');

    expectImported(await importGuards(R.client, file), hired.length);
    const now = await listAll(R.client, '/portal/guards', { employed: true });
    assert.equal(now.length, hired.length);
    for (const g of hired) {
      const x = now.find((y) => y.idNo === g.idNo);
      assert.ok(x, `${g.name} re-hired`);
      assert.equal(x.id, g.id, 'the same guard (one per person)');
      for (const k of fields) assert.deepEqual(x[k], g[k], `${g.name}: ${k}`);
      assert.equal(x.employed, true);
      assert.equal(x.hiredOn, g.hiredOn, 'the 入职日期 of the file');
      const d = expectStatus(await a.get(`/guards/${g.id}`), 200).body;
      assert.equal(d.employments.length, 2, `two employments: ${JSON.stringify(d.employments)}`);
      assert.ok(d.employments.every((e) => e.employerId === R.rec.id && e.employerKind === 'company'));
      assert.equal(d.employments.filter((e) => e.leftOn === null).length, 1, 'one current employment');
      assert.equal(d.employments.filter((e) => e.leftOn === chinaToday()).length, 1, 'one that ended today');
    }
  });

  test('a roster exported after someone left: the rows with a 离职日期 are refused (not hired back), nothing written', async () => {
    const R = await activeCompany({ name: `${TAG}离职名册保安服务有限公司` });
    const stay = await hire(R, {});
    const gone = await hire(R, {});
    expectStatus(await R.client.post(`/portal/guards/${gone.id}/leave`, {}), 200, 'leave');
    expectStatus(await R.client.post(`/portal/guards/${stay.id}/leave`, {}), 200, 'leave');
    const file = expectStatus(await download(R.client, '/portal/guards/export'), 200, 'export').buf;
    const errors = expectRefused(await importGuards(R.client, file));
    assert.deepEqual(errors.map((e) => e.field).sort(), ['leftOn', 'leftOn'], JSON.stringify(errors));
    for (const e of errors) {
      assert.equal(e.column, '离职日期');
      assert.match(e.message, /离职/);
    }
    assert.equal(await portalTotal(R.client, { employed: true }), 0, 'nobody hired back');
  });
});

// ---------------------------------------------------------------------------------------------------
describe('a bigger file', () => {
  test('2 000 guards in one file → 200 {imported: 2000}', async () => {
    const G = await activeCompany({ name: `${TAG}大批保安服务有限公司` });
    const N = 2000;
    const rows = [H];
    for (let i = 0; i < N; i++)
      rows.push([
        `${uniqCjk(2)}${uniqCjk(1)}`,
        uniqueIdNumber(),
        nextMobile(),
        excelDate('2025-06-01'),
        '汉族',
        ['初中', '高中', '大专'][i % 3],
        '陕西省咸阳市渭城区某村',
        '咸阳市渭城区文汇路1号',
      ]);
    const buf = await exceljsXlsx(rows, { sheetName: '保安员导入' });
    const t0 = Date.now();
    const r = await importGuards(G.client, buf, { timeout: 110000 });
    const ms = Date.now() - t0;
    console.log(`import of ${N} guards (${(buf.length / 1024).toFixed(0)} KiB): ${ms} ms on ${process.env.BAOAN_TEST_DB ?? 'sqlite'}`);
    expectImported(r, N);
    assert.equal(await portalTotal(G.client), N);
    const last = rows[N];
    const x = expectStatus(await G.client.get('/portal/guards', { query: { idNo: last[1] } }), 200).body.items[0];
    assert.equal(x.name, last[0]);
    assert.equal(x.hiredOn, '2025-06-01');
  });
});
