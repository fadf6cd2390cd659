// 名单管理 (docs/openapi.yaml `/watch-list…`): the watch list the local background-check provider
// answers from. CRUD with the form's rules (GB 11643 ID numbers, a configured 库, 422 naming the field
// in Chinese, 409 for a person listed twice in one database), ID numbers masked without
// watch_list:pii, 403 without each permission, the data scope of the org that keeps an entry, the
// xlsx import (template, a good file, bad files: all rows or none with a per-row report) and export,
// the audit log, and the demo seed's entries that hit demo persons.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  admin,
  assertSchema,
  attachmentName,
  breakCheckChar,
  download,
  exceljsXlsx,
  expectError,
  expectFieldError,
  expectStatus,
  loginDemo,
  MASKED_ID,
  mask,
  readXlsx,
  sheetTable,
  uniqName,
  uniqueIdNumber,
  userWithPermissions,
  XLSX_TYPE,
} from './lib.mjs';

const CJK = /[\u4e00-\u9fff]/;
const norm = (s) => String(s ?? '').normalize('NFKC').replace(/\s/g, '').replace(/^\*+/, '');
const DATABASES = [
  { code: 'fugitive', name: '全国在逃人员信息库' },
  { code: 'criminal', name: '全国违法犯罪人员信息库' },
  { code: 'drug', name: '全国吸毒人员信息库' },
  { code: 'key_person', name: '全国重点人员信息库' },
];
const ALL = ['view', 'create', 'update', 'delete', 'import', 'export', 'pii'].map((a) => `watch_list:${a}`);

const entry = (o = {}) => ({ idNo: uniqueIdNumber(), name: uniqName('名单'), database: 'fugitive', situation: '网上追逃人员', source: '公安部通报', ...o });

function importXlsx(client, buf) {
  return client.request('POST', '/watch-list/import', undefined, { raw: buf, headers: { 'Content-Type': XLSX_TYPE }, check: false });
}

async function total(client, query = {}) {
  return expectStatus(await client.get('/watch-list', { query: { ...query, size: 1 } }), 200).body.total;
}

describe('the databases', () => {
  test('GET /watch-list/databases: the four databases of §4.1.1 by their working names', async () => {
    const res = expectStatus(await (await admin()).get('/watch-list/databases'), 200);
    assert.deepEqual(res.body, DATABASES);
  });
});

describe('CRUD by the administrator', () => {
  let a;
  before(async () => {
    a = await admin();
  });

  test('create → 201 with Location, in full for a holder of watch_list:pii; get, search, update, delete', async () => {
    const body = entry({ idNo: uniqueIdNumber().replace(/X$/, 'x'), database: '全国吸毒人员信息库', situation: '吸毒史\n2019年强制隔离戒毒' });
    const res = expectStatus(await a.post('/watch-list', body), 201);
    assertSchema('WatchListEntry', res.body);
    const e = res.body;
    assert.equal(res.headers.get('location'), `/api/v1/watch-list/${e.id}`);
    assert.equal(e.idNo, body.idNo.toUpperCase());
    assert.equal(e.database, 'drug', 'the database given by name is stored by code');
    assert.equal(e.databaseName, '全国吸毒人员信息库');
    assert.equal(e.situation, '吸毒史\n2019年强制隔离戒毒');
    assert.equal(e.orgName, '陕西省公安厅', "kept by the creator's org");

    assert.deepEqual(expectStatus(await a.get(`/watch-list/${e.id}`), 200).body, e);
    const byId = expectStatus(await a.get('/watch-list', { query: { idNo: e.idNo } }), 200).body;
    assertSchema('WatchListPage', byId);
    assert.deepEqual(byId.items.map((x) => x.id), [e.id]);
    const byPart = expectStatus(await a.get('/watch-list', { query: { idNo: e.idNo.slice(4, 14), database: 'drug' } }), 200).body;
    assert.ok(byPart.items.some((x) => x.id === e.id));
    assert.ok(expectStatus(await a.get('/watch-list', { query: { name: body.name.slice(2) } }), 200).body.items.some((x) => x.id === e.id));
    assert.ok(!expectStatus(await a.get('/watch-list', { query: { idNo: e.idNo, database: 'fugitive' } }), 200).body.items.length);

    const upd = expectStatus(await a.put(`/watch-list/${e.id}`, { ...body, database: 'key_person', situation: '重点人员', source: null }), 200).body;
    assert.equal(upd.database, 'key_person');
    assert.equal(upd.source, null);
    assert.ok(upd.updatedAt >= e.updatedAt);

    expectStatus(await a.del(`/watch-list/${e.id}`), 204);
    expectError(await a.get(`/watch-list/${e.id}`), 404, 'not_found');
    expectError(await a.del(`/watch-list/${e.id}`), 404, 'not_found');

    const logs = expectStatus(await a.get('/audit-logs', { query: { targetType: 'watch_list', size: 200 } }), 200).body.items;
    for (const action of ['create', 'update', 'delete', 'view_pii'])
      assert.ok(logs.some((l) => l.action === action && l.targetId === String(e.id)), `audit ${action}`);
    assert.ok(!logs.some((l) => JSON.stringify(l).includes(e.idNo)), 'no ID number in the audit log');
  });

  test('bad input: 422 naming the field in Chinese; wrong types 400; a person twice in one database 409', async () => {
    expectFieldError(await a.post('/watch-list', entry({ idNo: breakCheckChar(uniqueIdNumber()) })), 'idNo', ['身份证号']);
    expectFieldError(await a.post('/watch-list', entry({ idNo: '12345' })), 'idNo', ['身份证号']);
    expectFieldError(await a.post('/watch-list', entry({ database: '全国通缉库' })), 'database', ['库']);
    expectFieldError(await a.post('/watch-list', entry({ situation: '  ' })), 'situation', ['情形']);
    expectFieldError(await a.post('/watch-list', entry({ name: '' })), 'name', ['姓名']);
    expectFieldError(await a.post('/watch-list', entry({ source: 'x'.repeat(101) })), 'source', ['来源']);
    expectFieldError(await a.post('/watch-list', entry({ name: '张\u0000三' })), 'name', ['姓名']);
    const many = await a.post('/watch-list', { idNo: 'x', database: 'nope' });
    const err = expectError(many, 422, 'validation_failed');
    assert.deepEqual(Object.keys(err.fields).sort(), ['database', 'idNo', 'name', 'situation'], 'every problem at once');
    expectError(await a.post('/watch-list', entry({ name: 42 })), 400, 'bad_request');
    expectError(await a.post('/watch-list', []), 400, 'bad_request');

    const first = entry();
    expectStatus(await a.post('/watch-list', first), 201);
    const dup = expectError(await a.post('/watch-list', { ...first, name: '别名' }), 409, 'conflict');
    assert.match(dup.message, /全国在逃人员信息库/);
    expectStatus(await a.post('/watch-list', { ...first, database: 'criminal' }), 201, 'the same person in another database');
    const other = expectStatus(await a.post('/watch-list', entry()), 201).body;
    expectError(await a.put(`/watch-list/${other.id}`, { ...first }), 409, 'conflict');
    expectFieldError(await a.put(`/watch-list/${other.id}`, { ...first, database: 'x' }), 'database', ['库']);
  });

  test('bad query parameters: 422 naming the parameter, bad pages 400', async () => {
    expectFieldError(await a.get('/watch-list', { query: { idNo: "1' OR 1=1" } }), 'idNo', ['身份证号']);
    expectFieldError(await a.get('/watch-list', { query: { database: 'nope' } }), 'database', ['库']);
    expectError(await a.get('/watch-list', { query: { page: '0' } }), 400, 'bad_request');
    expectError(await a.get('/watch-list/abc'), [400, 404]);
  });
});

describe('masking and permissions', () => {
  let viewer; // watch_list:view only (渭城分局)
  let full; // every watch_list permission (渭城分局)
  let e;

  before(async () => {
    viewer = (await userWithPermissions(['watch_list:view'])).client;
    full = (await userWithPermissions(ALL)).client;
    e = expectStatus(await full.post('/watch-list', entry()), 201).body;
  });

  test('without watch_list:pii the ID number is masked in the list, the record and the export', async () => {
    const list = expectStatus(await viewer.get('/watch-list', { query: { idNo: e.idNo } }), 200).body;
    assert.equal(list.items.length, 1, 'a full ID number finds the entry');
    assert.match(list.items[0].idNo, MASKED_ID);
    assert.equal(list.items[0].idNo, mask.id(e.idNo));
    assert.equal(expectStatus(await viewer.get(`/watch-list/${e.id}`), 200).body.idNo, mask.id(e.idNo));
    assert.equal(expectStatus(await full.get(`/watch-list/${e.id}`), 200).body.idNo, e.idNo);
  });

  test('a masked ID number sent back unchanged keeps the stored one', async () => {
    const masker = (await userWithPermissions(['watch_list:view', 'watch_list:update'])).client;
    const shown = expectStatus(await masker.get(`/watch-list/${e.id}`), 200).body;
    const upd = expectStatus(await masker.put(`/watch-list/${e.id}`, { ...shown, situation: '改过的情形' }), 200).body;
    assert.equal(upd.idNo, mask.id(e.idNo));
    assert.equal(expectStatus(await full.get(`/watch-list/${e.id}`), 200).body.idNo, e.idNo);
  });

  test('403 without each permission', async () => {
    expectError(await viewer.post('/watch-list', entry()), 403, 'forbidden');
    expectError(await viewer.put(`/watch-list/${e.id}`, entry()), 403, 'forbidden');
    expectError(await viewer.del(`/watch-list/${e.id}`), 403, 'forbidden');
    expectError(await download(viewer, '/watch-list/export'), 403, 'forbidden');
    expectError(await download(viewer, '/watch-list/import-template'), 403, 'forbidden');
    expectError(await importXlsx(viewer, Buffer.from('x')), 403, 'forbidden');
    const nobody = (await userWithPermissions(['guard:view'])).client;
    expectError(await nobody.get('/watch-list'), 403, 'forbidden');
    expectError(await nobody.get(`/watch-list/${e.id}`), 403, 'forbidden');
    expectError(await nobody.get('/watch-list/databases'), 403, 'forbidden');
    const me = expectStatus(await nobody.get('/auth/me'), 200).body;
    assert.ok(!JSON.stringify(me.menus).includes('/system/watch-list'), 'no menu without watch_list:view');
    const adminMe = expectStatus(await (await admin()).get('/auth/me'), 200).body;
    assert.ok(JSON.stringify(adminMe.menus).includes('名单管理'), '名单管理 under 系统管理 for the administrator');
  });
});

describe('data scope: an entry belongs to the org that keeps it', () => {
  test("渭城分局's entry: 渭城 sees it, 秦都 does not (404 on every route), the province does; another org cannot list the same person again", async () => {
    const wc = await loginDemo('wc_admin');
    const qd = await loginDemo('qd_admin');
    const e = expectStatus(await wc.post('/watch-list', entry()), 201).body;
    assert.equal(e.orgName, '渭城分局');
    assert.ok(expectStatus(await wc.get('/watch-list', { query: { size: 200 } }), 200).body.items.some((x) => x.id === e.id));
    const qdList = expectStatus(await qd.get('/watch-list', { query: { size: 200 } }), 200).body.items;
    assert.ok(!qdList.some((x) => x.id === e.id));
    assert.ok(qdList.every((x) => x.orgName !== '渭城分局'));
    expectError(await qd.get(`/watch-list/${e.id}`), 404, 'not_found');
    expectError(await qd.put(`/watch-list/${e.id}`, entry()), 404, 'not_found');
    expectError(await qd.del(`/watch-list/${e.id}`), 404, 'not_found');
    expectStatus(await (await admin()).get(`/watch-list/${e.id}`), 200);
    // The same person cannot be listed again in that database by another org.
    expectError(await qd.post('/watch-list', { ...entry(), idNo: (await (await admin()).get(`/watch-list/${e.id}`)).body.idNo }), 409, 'conflict');
  });
});

describe('import and export', () => {
  let a;
  before(async () => {
    a = await admin();
  });

  test('the template: the five columns, the required ones marked, one example row, 填写说明; untouched it imports nothing', async () => {
    const res = expectStatus(await download(a, '/watch-list/import-template'), 200);
    assert.ok(res.contentType.startsWith(XLSX_TYPE));
    assert.match(attachmentName(res.headers) ?? '', /名单.*\.xlsx$/);
    const wb = await readXlsx(res.buf);
    const t = sheetTable(wb.worksheets[0]);
    assert.deepEqual(t.header.map(norm), ['身份证号', '姓名', '库', '情形', '来源']);
    assert.deepEqual(t.header.map((h) => /^\s*[*＊]/.test(h)), [true, true, true, true, false]);
    assert.equal(t.rows.length, 1);
    assert.ok(wb.getWorksheet('填写说明'), 'a sheet 填写说明');
    const r = await importXlsx(a, res.buf);
    expectStatus(r, 422);
    assertSchema('ImportResult', r.body);
    assert.equal(r.body.imported, 0);
  });

  test('a good file: every row imported (库 by name or code, example row left in), searchable, audited', async () => {
    const tpl = expectStatus(await download(a, '/watch-list/import-template'), 200).buf;
    const wb = await readXlsx(tpl);
    const ws = wb.worksheets[0];
    const rows = [
      [uniqueIdNumber(), uniqName('导入'), '全国在逃人员信息库', '网上追逃', '公安部'],
      [uniqueIdNumber(), uniqName('导入'), 'drug', '吸毒史', null],
      [uniqueIdNumber(), uniqName('导入'), '全国重点人员信息库', '重点人员', '咸阳市公安局'],
    ];
    for (const r of rows) ws.addRow(r);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const before = await total(a);
    const r = await importXlsx(a, buf);
    expectStatus(r, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body, { imported: 3, errors: [] });
    assert.equal(await total(a), before + 3);
    const found = expectStatus(await a.get('/watch-list', { query: { idNo: rows[1][0] } }), 200).body.items;
    assert.equal(found.length, 1);
    assert.equal(found[0].database, 'drug');
    assert.equal(found[0].source, null);
    const logs = expectStatus(await a.get('/audit-logs', { query: { targetType: 'watch_list', action: 'import', size: 5 } }), 200).body.items;
    assert.ok(logs.some((l) => l.summary.includes('导入名单 3 条')), JSON.stringify(logs));
  });

  test('a bad file: 422 with a row-by-row report naming the column, and nothing imported', async () => {
    const listed = expectStatus(await a.post('/watch-list', entry({ database: 'criminal' })), 201).body;
    const dupId = uniqueIdNumber();
    const buf = await exceljsXlsx(
      [
        ['身份证号', '姓名', '库', '情形', '来源'],
        [uniqueIdNumber(), '好人', 'fugitive', '网上追逃', ''], // row 2: good
        [breakCheckChar(uniqueIdNumber()), '错号', 'fugitive', '网上追逃', ''], // 3
        [uniqueIdNumber(), '错库', '全国通缉库', '网上追逃', ''], // 4
        [uniqueIdNumber(), '无情形', 'drug', '', ''], // 5
        [dupId, '重复甲', 'drug', '吸毒史', ''], // 6
        [dupId, '重复乙', '全国吸毒人员信息库', '吸毒史', ''], // 7: same person and database as row 6
        [listed.idNo, '已列', '全国违法犯罪人员信息库', '犯罪', ''], // 8: listed already
        [dupId, '同人他库', 'key_person', '重点', ''], // 9: the same person in another database is fine
      ],
      { columns: [{ style: { numFmt: '@' } }] },
    );
    const before = await total(a);
    const r = await importXlsx(a, buf);
    expectStatus(r, 422, JSON.stringify(r.body));
    assertSchema('ImportResult', r.body);
    assert.equal(r.body.imported, 0);
    const byRow = Object.fromEntries(r.body.errors.map((e) => [`${e.row}:${e.field}`, e]));
    assert.deepEqual(Object.keys(byRow).sort(), ['3:idNo', '4:database', '5:situation', '7:idNo', '8:idNo'], JSON.stringify(r.body.errors));
    assert.equal(byRow['3:idNo'].column, '身份证号');
    assert.match(byRow['3:idNo'].message, /身份证号/);
    assert.match(byRow['4:database'].message, /库/);
    assert.equal(byRow['4:database'].column, '库');
    assert.match(byRow['5:situation'].message, /情形/);
    assert.match(byRow['7:idNo'].message, /第6行重复/);
    assert.match(byRow['8:idNo'].message, /已在全国违法犯罪人员信息库名单中/);
    for (const e of r.body.errors) assert.match(e.message, CJK);
    assert.equal(await total(a), before, 'nothing written');
  });

  test('an ID number typed as a number, a missing column, and a file that is not xlsx are refused', async () => {
    const asNumber = await exceljsXlsx([
      ['身份证号', '姓名', '库', '情形'],
      [610404199001011234, '数字', 'fugitive', 'x'],
    ]);
    const r1 = await importXlsx(a, asNumber);
    expectStatus(r1, 422);
    assert.match(r1.body.errors[0].message, /文本格式/);
    const noColumn = await exceljsXlsx([
      ['身份证号', '姓名', '情形'],
      [uniqueIdNumber(), '缺列', 'x'],
    ]);
    const r2 = await importXlsx(a, noColumn);
    expectStatus(r2, 422);
    assert.ok(r2.body.errors.some((e) => e.message.includes('库')), JSON.stringify(r2.body));
    expectError(await importXlsx(a, Buffer.from('not a workbook')), 400, 'bad_request');
  });

  test('export: the filtered list, the import columns first, masked without watch_list:pii, audited', async () => {
    const e = expectStatus(await a.post('/watch-list', entry({ database: 'key_person', situation: '导出测试' })), 201).body;
    const res = expectStatus(await download(a, '/watch-list/export', { idNo: e.idNo }), 200);
    assert.match(attachmentName(res.headers) ?? '', /^名单_\d{8}\.xlsx$/);
    const t = sheetTable((await readXlsx(res.buf)).worksheets[0]);
    assert.deepEqual(t.header.slice(0, 5), ['身份证号', '姓名', '库', '情形', '来源']);
    assert.equal(t.rows.length, 1);
    const row = t.byHeader(t.rows[0]);
    assert.equal(row['身份证号'].text, e.idNo);
    assert.equal(row['库'].text, '全国重点人员信息库');
    assert.equal(row['情形'].text, '导出测试');

    const exporter = (await userWithPermissions(['watch_list:view', 'watch_list:export'], { orgName: '陕西省公安厅', dataScope: { kind: 'all' } })).client;
    const masked = sheetTable((await readXlsx(expectStatus(await download(exporter, '/watch-list/export', { idNo: e.idNo }), 200).buf)).worksheets[0]);
    assert.equal(masked.byHeader(masked.rows[0])['身份证号'].text, mask.id(e.idNo));
    const logs = expectStatus(await a.get('/audit-logs', { query: { targetType: 'watch_list', action: 'export', size: 5 } }), 200).body.items;
    assert.ok(logs.length >= 2);
  });
});

describe('the demo seed', () => {
  test('lists a few demo company legal persons and guards, so the demo shows hits', async () => {
    const a = await admin();
    const seeded = expectStatus(await a.get('/watch-list', { query: { size: 200 } }), 200)
      .body.items.filter((x) => x.orgName === '陕西省公安厅' && ['咸阳市公安局', '陕西省公安厅', '咸阳市公安局禁毒支队', '公安部通报', '渭城分局'].includes(x.source));
    assert.ok(seeded.length >= 5, JSON.stringify(seeded.slice(0, 3)));
    const legalIds = new Set();
    for (let page = 1; page <= 20; page++) {
      const res = expectStatus(await a.get('/companies', { query: { page, size: 200 } }), 200).body;
      for (const c of res.items) legalIds.add(c.legalIdNo);
      if (page * 200 >= res.total) break;
    }
    let guards = 0;
    let legal = 0;
    for (const x of seeded) {
      if (expectStatus(await a.get('/guards', { query: { idNo: x.idNo } }), 200).body.total === 1) guards += 1;
      if (legalIds.has(x.idNo)) legal += 1;
    }
    assert.ok(guards >= 3, `${guards} demo guards listed`);
    assert.ok(legal >= 2, `${legal} demo legal persons listed`);
  });
});
