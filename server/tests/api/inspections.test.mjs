// 监督检查情况管理 (manual §9.1, issue 15): an inspection from its creation through the unit's 整改报告
// on the portal to the officer's 复查 (sent back, reported again, accepted); the per-row report of a
// bad import (nothing written); bad input named in Chinese; no deletion while a rectification is
// under way; the data scope (a 渭城 officer never sees or touches a 秦都 record) and the portal's own
// rectifications only.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  activeCompany,
  admin,
  assertSchema,
  chinaToday,
  download,
  exceljsXlsx,
  expectError,
  expectFieldError,
  expectStatus,
  login,
  orgId,
  png,
  readXlsx,
  sheetTable,
  smsTo,
  uniqName,
  userWithPermissions,
  XLSX_TYPE,
  ymdOf,
} from './lib.mjs';

const ALL = ['view', 'create', 'update', 'delete', 'import', 'export'].map((a) => `inspection:${a}`);
const CJK = /[\u4e00-\u9fff]/;
const cellText = (cell) => (cell?.value instanceof Date ? ymdOf(cell.value) : cell?.text ?? '');

let wc; // 渭城分局 officer
let qd; // 秦都分局 officer
let companyA; // 渭城
let companyB; // 秦都

const items = [
  { code: 'licensed_rate', result: 'fail', remark: '2名保安员未持证' },
  { code: 'rules_ledger', result: 'pass', remark: '' },
  { code: 'equipment', result: 'na', remark: '' },
];

function form(unitId, o = {}) {
  return {
    unitKind: 'company',
    unitId,
    unitName: '',
    inspectedOn: chinaToday(-1),
    inspectorIds: [wc.user.id],
    kind: 'daily',
    items,
    findings: uniqName('持证上岗率不足'),
    requirement: '组织全员持证上岗',
    deadline: chinaToday(10),
    conclusion: 'rectify',
    fileIds: [],
    ...o,
  };
}

async function upload(client, name = '现场照片.png') {
  return expectStatus(
    await client.request('POST', '/files', undefined, { raw: png(), headers: { 'X-File-Name': encodeURIComponent(name) } }),
    201,
    'POST /files',
  ).body;
}

const importXlsx = (client, buf) =>
  client.request('POST', '/inspections/import', undefined, { raw: buf, headers: { 'Content-Type': XLSX_TYPE }, check: false });

before(async () => {
  wc = await userWithPermissions(ALL, { orgName: '渭城分局' });
  qd = await userWithPermissions(ALL, { orgName: '秦都分局' });
  companyA = await activeCompany();
  companyB = await activeCompany({ regionCode: '610402' });
});

describe('the rectification round', () => {
  test('责令整改 → the unit reports → 复查 sends it back → reported again → accepted; the history on the record', async () => {
    const photo = await upload(wc.client);
    const created = expectStatus(await wc.client.post('/inspections', form(companyA.rec.id, { fileIds: [photo.id] })), 201).body;
    assertSchema('Inspection', created);
    assert.equal(created.unitName, companyA.body.name, 'the name comes from the registry');
    assert.equal(created.rectState, 'pending');
    assert.equal(created.overdue, false);
    assert.deepEqual(created.events.map((e) => e.kind), ['ordered']);
    assert.deepEqual(created.files.map((f) => f.name), ['现场照片.png']);
    assert.equal(created.items.find((i) => i.code === 'licensed_rate').name, '持证上岗率');

    // The unit hears of it: a portal message and an SMS to its mobile.
    const msgs = expectStatus(await companyA.client.get('/portal/messages'), 200).body;
    assert.ok(msgs.some((m) => m.title === '整改通知' && m.body.includes(created.deadline)), JSON.stringify(msgs.slice(0, 2)));
    assert.ok((await smsTo(companyA.body.legalMobile)).some((m) => m.content.includes('责令整改')));

    // Its portal lists it (整改通知 with the deadline); the other company's does not.
    const mine = expectStatus(await companyA.client.get('/portal/rectifications'), 200).body;
    const notice = mine.items.find((i) => i.id === created.id);
    assert.ok(notice, 'company A sees its rectification');
    assert.equal(notice.deadline, chinaToday(10));
    assert.equal(notice.rectState, 'pending');
    const theirs = expectStatus(await companyB.client.get('/portal/rectifications'), 200).body;
    assert.ok(!theirs.items.some((i) => i.id === created.id), 'company B does not');
    expectError(await companyB.client.post(`/portal/rectifications/${created.id}/report`, { content: '已整改' }), 404, 'not_found');

    // 复查 before any report: nothing to review.
    expectError(await wc.client.post(`/inspections/${created.id}/review`, { accept: true, opinion: '' }), 409, 'conflict');

    const evidence = await upload(companyA.client, '整改照片.png');
    let r = expectStatus(
      await companyA.client.post(`/portal/rectifications/${created.id}/report`, { content: '已组织全员持证上岗', fileIds: [evidence.id] }),
      200,
    ).body;
    assert.equal(r.rectState, 'reported');
    // A second report while one waits for 复查: refused.
    expectError(await companyA.client.post(`/portal/rectifications/${created.id}/report`, { content: '再报' }), 409, 'conflict');
    // The officer reads the unit's file.
    expectStatus(await wc.client.request('GET', `/files/${evidence.id}`, undefined, { binary: true }), 200, 'the officer reads the report file');

    // Sent back without an opinion: refused, naming 复查意见.
    expectFieldError(await wc.client.post(`/inspections/${created.id}/review`, { accept: false }), 'opinion', ['复查意见']);
    r = expectStatus(await wc.client.post(`/inspections/${created.id}/review`, { accept: false, opinion: '未附培训记录' }), 200).body;
    assert.equal(r.rectState, 'returned');
    const reviewed = expectStatus(await companyA.client.get('/portal/messages'), 200).body;
    assert.ok(reviewed.some((m) => m.title === '整改复查结果' && m.body.includes('未附培训记录')));

    r = expectStatus(await companyA.client.post(`/portal/rectifications/${created.id}/report`, { content: '已补充培训记录', fileIds: [] }), 200).body;
    assert.equal(r.rectState, 'reported');
    r = expectStatus(await wc.client.post(`/inspections/${created.id}/review`, { accept: true, opinion: '整改到位' }), 200).body;
    assert.equal(r.rectState, 'accepted');

    const detail = expectStatus(await wc.client.get(`/inspections/${created.id}`), 200).body;
    assertSchema('Inspection', detail);
    assert.deepEqual(detail.events.map((e) => e.kind), ['ordered', 'reported', 'returned', 'reported', 'accepted']);
    assert.deepEqual(detail.events[1].files.map((f) => f.name), ['整改照片.png']);
    assert.equal(detail.events[2].content, '未附培训记录');

    // The company's details page lists it (companyId), and the audit log has each step.
    const ofCompany = expectStatus(await wc.client.get('/inspections', { query: { companyId: companyA.rec.id } }), 200).body;
    assert.ok(ofCompany.items.some((i) => i.id === created.id));
    const logs = expectStatus(await (await admin()).get('/audit-logs', { query: { targetType: 'inspection', size: 50 } }), 200).body.items;
    assert.ok(logs.filter((l) => l.targetId === String(created.id)).length >= 5, 'create, report ×2, review ×2 audited');

    // Accepted: it may now be deleted.
    expectStatus(await wc.client.del(`/inspections/${created.id}`), 204);
    expectError(await wc.client.get(`/inspections/${created.id}`), 404, 'not_found');
  });

  test('a record whose rectification is under way cannot be deleted nor concluded otherwise (409 with the reason); overdue is marked', async () => {
    const rec = expectStatus(
      await wc.client.post('/inspections', form(companyA.rec.id, { inspectedOn: chinaToday(-20), deadline: chinaToday(-2) })),
      201,
    ).body;
    assert.equal(rec.overdue, true, 'past the deadline and not accepted');
    const err = expectError(await wc.client.del(`/inspections/${rec.id}`), 409, 'conflict');
    assert.match(err.message, /整改/);
    const put = expectError(await wc.client.put(`/inspections/${rec.id}`, form(companyA.rec.id, { conclusion: 'pass', deadline: undefined })), 409, 'conflict');
    assert.match(put.message, /整改/);
    const overdue = expectStatus(await wc.client.get('/inspections', { query: { rectState: 'overdue', size: 200 } }), 200).body;
    assert.ok(overdue.items.some((i) => i.id === rec.id));
    assert.ok(overdue.items.every((i) => i.overdue));
    // Editing the findings keeps the rectification.
    const edited = expectStatus(
      await wc.client.put(`/inspections/${rec.id}`, form(companyA.rec.id, { inspectedOn: chinaToday(-20), deadline: chinaToday(5), findings: '改写的问题' })),
      200,
    ).body;
    assert.equal(edited.rectState, 'pending');
    assert.equal(edited.overdue, false);
    // A record that passed is deleted at once.
    const ok = expectStatus(await wc.client.post('/inspections', form(companyA.rec.id, { conclusion: 'pass', deadline: undefined })), 201).body;
    assert.equal(ok.rectState, null);
    expectStatus(await wc.client.del(`/inspections/${ok.id}`), 204);
  });
});

describe('bad input', () => {
  test('an empty form: 422 naming every required field in Chinese', async () => {
    const res = await wc.client.post('/inspections', {});
    const err = expectError(res, 422, 'validation_failed');
    for (const f of ['unitKind', 'inspectedOn', 'kind', 'inspectorIds', 'conclusion']) {
      assert.ok(err.fields[f], `fields.${f}: ${JSON.stringify(err.fields)}`);
      assert.match(err.fields[f], CJK);
    }
  });

  test('each wrong field is named', async () => {
    const id = companyA.rec.id;
    expectFieldError(await wc.client.post('/inspections', form(id, { deadline: undefined })), 'deadline', ['整改期限']);
    expectFieldError(await wc.client.post('/inspections', form(id, { requirement: '' })), 'requirement', ['整改要求']);
    expectFieldError(await wc.client.post('/inspections', form(id, { inspectedOn: chinaToday(3) })), 'inspectedOn', ['检查日期']);
    expectFieldError(await wc.client.post('/inspections', form(id, { inspectedOn: '2026-02-30' })), 'inspectedOn', ['检查日期']);
    expectFieldError(await wc.client.post('/inspections', form(id, { deadline: '2020-01-01' })), 'deadline', ['整改期限']);
    expectFieldError(await wc.client.post('/inspections', form(id, { kind: 'weekly' })), 'kind', ['检查类型']);
    expectFieldError(await wc.client.post('/inspections', form(id, { conclusion: 'maybe' })), 'conclusion', ['检查结论']);
    expectFieldError(await wc.client.post('/inspections', form(id, { unitKind: 'bank' })), 'unitKind', ['单位类型']);
    expectFieldError(await wc.client.post('/inspections', form(id, { items: [{ code: 'nope', result: 'pass' }] })), 'items', ['检查项目']);
    expectFieldError(await wc.client.post('/inspections', form(id, { items: [{ code: 'equipment', result: 'good' }] })), 'items', ['检查结果']);
    expectFieldError(await wc.client.post('/inspections', form(id, { fileIds: ['no-such-file'] })), 'fileIds', ['附件']);
    expectFieldError(await wc.client.post('/inspections', form(undefined, { unitKind: 'other', unitName: '' })), 'unitName', ['单位名称']);
    // Wrong JSON types: 400.
    expectError(await wc.client.post('/inspections', form(id, { inspectorIds: 'abc' })), 400, 'bad_request');
    expectError(await wc.client.post('/inspections', form(id, { items: 'abc' })), 400, 'bad_request');
    expectError(await wc.client.get('/inspections', { query: { from: '2026-13-01' } }), 400, 'bad_request');
    expectError(await wc.client.get('/inspections', { query: { rectState: 'done' } }), 400, 'bad_request');
    // A unit outside the caller's scope, an inspector of another org.
    expectFieldError(await wc.client.post('/inspections', form(companyB.rec.id)), 'unitId', ['被检查单位']);
    expectFieldError(await wc.client.post('/inspections', form(id, { inspectorIds: [qd.user.id] })), 'inspectorIds', ['检查人']);
    // A unit outside the registry: typed, supervised by the caller's org.
    const other = expectStatus(
      await wc.client.post('/inspections', form(undefined, { unitKind: 'other', unitName: uniqName('某商场'), conclusion: 'refer', deadline: undefined })),
      201,
    ).body;
    assert.equal(other.unitId, null);
    assert.equal(other.orgId, wc.user.orgId);
  });

  test('the portal report: content required, in Chinese', async () => {
    const rec = expectStatus(await wc.client.post('/inspections', form(companyA.rec.id)), 201).body;
    expectFieldError(await companyA.client.post(`/portal/rectifications/${rec.id}/report`, { content: '' }), 'content', ['整改报告']);
    expectError(await companyA.client.post(`/portal/rectifications/${rec.id}/report`, { content: 5 }), 400, 'bad_request');
  });
});

describe('data scope', () => {
  test('a 渭城 officer never sees nor touches a 秦都 record; 秦都 sees its own', async () => {
    const rec = expectStatus(
      await qd.client.post('/inspections', { ...form(companyB.rec.id), inspectorIds: [qd.user.id] }),
      201,
    ).body;
    const list = expectStatus(await wc.client.get('/inspections', { query: { unitName: companyB.body.name } }), 200).body;
    assert.equal(list.total, 0);
    expectError(await wc.client.get(`/inspections/${rec.id}`), 404, 'not_found');
    expectError(await wc.client.put(`/inspections/${rec.id}`, form(companyA.rec.id)), 404, 'not_found');
    expectError(await wc.client.post(`/inspections/${rec.id}/review`, { accept: true }), 404, 'not_found');
    expectError(await wc.client.del(`/inspections/${rec.id}`), 404, 'not_found');
    const own = expectStatus(await qd.client.get('/inspections', { query: { unitName: companyB.body.name } }), 200).body;
    assert.ok(own.items.some((i) => i.id === rec.id));
    // The unit picker keeps to the scope too.
    const units = expectStatus(await wc.client.get('/inspections/units', { query: { kind: 'company', name: companyB.body.name } }), 200).body;
    assert.equal(units.items.length, 0);
    const mine = expectStatus(await wc.client.get('/inspections/units', { query: { kind: 'company', name: companyA.body.name } }), 200).body;
    assert.deepEqual(mine.items.map((u) => u.id), [companyA.rec.id]);
    // The export keeps to it: a 渭城 export has no 秦都 unit.
    const x = expectStatus(await download(wc.client, '/inspections/export', { unitName: companyB.body.name }), 200);
    const t = sheetTable((await readXlsx(x.buf)).worksheets[0]);
    assert.equal(t.rows.length, 0);
  });
});

describe('editing keeps the inspectors on the record', () => {
  test("a 科's officer edits an inspection made with the 支队's leader; a new inspector outside the 科 is still refused", async () => {
    // as the demo's city officers: 李振华 of 治安支队 and 王建国 of its 保安管理科, both over 渭城
    const scope = { kind: 'custom', orgIds: [await orgId('渭城分局')] };
    const leader = await userWithPermissions(ALL, { orgName: '治安支队', dataScope: scope });
    const section = await userWithPermissions(ALL, { orgName: '保安管理科', dataScope: scope });
    const both = [leader.user.id, section.user.id];
    const pass = { conclusion: 'pass', deadline: null };
    const created = expectStatus(await leader.client.post('/inspections', form(companyA.rec.id, { ...pass, inspectorIds: both })), 201).body;
    // saving it with its inspectors unchanged works for the 科's officer (the leader is not in the 科)
    const body = expectStatus(
      await section.client.put(`/inspections/${created.id}`, form(companyA.rec.id, { ...pass, inspectorIds: both, findings: '复核后补充说明' })),
      200,
    ).body;
    assert.deepEqual([...body.inspectorIds].sort(), [...both].sort());
    assert.equal(body.findings, '复核后补充说明');
    // a new inspector outside the 科 (秦都's officer) is refused, naming the field
    expectFieldError(
      await section.client.put(`/inspections/${created.id}`, form(companyA.rec.id, { ...pass, inspectorIds: [...both, qd.user.id] })),
      'inspectorIds',
    );
    // and the leader cannot be added by the 科 to a record that did not have them
    const own = expectStatus(await section.client.post('/inspections', form(companyA.rec.id, { ...pass, inspectorIds: [section.user.id] })), 201).body;
    expectFieldError(await section.client.put(`/inspections/${own.id}`, form(companyA.rec.id, { ...pass, inspectorIds: both })), 'inspectorIds');
  });
});

describe('import and export', () => {
  test('a file with bad rows: 422 with a row-by-row report, nothing written; a good file: every row', async () => {
    const tpl = expectStatus(await download(wc.client, '/inspections/import-template'), 200);
    const header = sheetTable((await readXlsx(tpl.buf)).worksheets[0]).header.map((h) => h.replace(/^\s*[*＊]/, '').trim());
    // The checklist's columns follow, generated from the administrator's template: a result and a remark per item.
    const checklist = expectStatus(await wc.client.get('/inspection-items'), 200).body.items.filter((i) => i.enabled);
    assert.deepEqual(header, [
      '单位类型', '单位名称', '检查日期', '检查类型', '检查人', '发现问题', '整改要求', '整改期限', '检查结论',
      ...checklist.flatMap((i) => [i.name, `${i.name}备注`]),
    ]);
    assert.deepEqual(checklist.slice(0, 2).map((i) => i.name), ['持证上岗率', '制度台账']);
    const findings = uniqName('导入问题');
    // 持证上岗率 不合格 with a remark, 制度台账 合格, the others blank (not recorded).
    const good = ['保安服务公司', companyA.body.name, chinaToday(-2), '日常检查', wc.body.name, findings, '', '', '合格', '不合格', '1人未持证', '合格'];
    const rows = [
      header,
      good,
      ['保安服务公司', companyB.body.name, chinaToday(-2), '日常检查', wc.body.name, findings, '', '', '合格'], // 秦都: out of scope
      ['其他单位', uniqName('某超市'), chinaToday(-2), '周检', wc.body.name, findings, '', '', '合格'], // kind
      ['', companyA.body.name, chinaToday(-2), '专项检查', wc.body.name, findings, '整改', '', '责令整改'], // no deadline
      ['', companyA.body.name, chinaToday(-2), '专项检查', wc.body.name, findings, '', '', '合格', '良好', '', '', '只有备注'], // checklist cells
    ];
    const bad = await importXlsx(wc.client, await exceljsXlsx(rows));
    expectStatus(bad, 422);
    assert.equal(bad.body.imported, 0);
    const byRow = {};
    for (const e of bad.body.errors) (byRow[e.row] ??= []).push(e);
    assert.deepEqual(Object.keys(byRow).map(Number), [3, 4, 5, 6], JSON.stringify(bad.body.errors));
    assert.equal(byRow[3][0].field, 'unitName');
    assert.equal(byRow[4][0].field, 'kind');
    assert.equal(byRow[5][0].field, 'deadline');
    // A bad checklist cell is named by its column: a result other than 合格/不合格/不涉及, a remark without a result.
    assert.deepEqual(byRow[6].map((e) => e.column), ['持证上岗率', '制度台账备注'], JSON.stringify(byRow[6]));
    assert.match(byRow[6][0].message, /合格、不合格、不涉及/);
    for (const e of bad.body.errors) assert.match(e.message, CJK);
    const none = expectStatus(await wc.client.get('/inspections', { query: { content: findings } }), 200).body;
    assert.equal(none.total, 0, 'nothing written');

    const ok = await importXlsx(wc.client, await exceljsXlsx([header, good, ['', companyA.body.name, chinaToday(-1), '专项', wc.body.name, findings, '整改', chinaToday(9), '责令整改']]));
    expectStatus(ok, 200);
    assert.deepEqual(ok.body, { imported: 2, errors: [] });
    const listed = expectStatus(await wc.client.get('/inspections', { query: { content: findings } }), 200).body;
    assert.equal(listed.total, 2);
    assert.deepEqual(listed.items.map((i) => i.conclusion).sort(), ['pass', 'rectify']);
    assert.ok(listed.items.every((i) => i.unitId === companyA.rec.id));
    const recorded = listed.items.find((i) => i.inspectedOn === chinaToday(-2)).items;
    assert.deepEqual(recorded.map((i) => [i.name, i.result, i.remark]), [['持证上岗率', 'fail', '1人未持证'], ['制度台账', 'pass', '']]);

    // The export of that search: the two rows, in Chinese.
    const x = expectStatus(await download(wc.client, '/inspections/export', { content: findings }), 200);
    assert.ok(x.contentType.startsWith(XLSX_TYPE));
    const t = sheetTable((await readXlsx(x.buf)).worksheets[0]);
    assert.equal(t.rows.length, 2);
    const conclusions = t.rows.map((r) => t.byHeader(r)['检查结论'].text).sort();
    assert.deepEqual(conclusions, ['合格', '责令整改']);
    const passed = t.rows.map((r) => t.byHeader(r)).find((r) => r['检查结论'].text === '合格');
    assert.equal(passed['持证上岗率'].text, '不合格');
    assert.equal(passed['持证上岗率备注'].text, '1人未持证');

    // The exported file imports again: the same records, checklist included.
    const again = await importXlsx(wc.client, x.buf);
    expectStatus(again, 200);
    assert.equal(again.body.imported, 2);
    const twice = expectStatus(await wc.client.get('/inspections', { query: { content: findings, size: 10 } }), 200).body.items;
    assert.equal(twice.length, 4);
    const copies = twice.filter((i) => i.inspectedOn === chinaToday(-2));
    assert.equal(copies.length, 2);
    assert.deepEqual(copies[0].items, copies[1].items);
  });

  test('a 分局 officer exports the demo\'s inspections made by 市局 officers and imports the file again: the copies keep their inspectors; a new row may not name them', async () => {
    // The demo's inspections of 秦都 companies were made by the 市局's 王建国 and 李振华; 秦都's 冯国栋 sees them.
    const qd = await login('qd_jb', 'Baoan@2026');
    const finding = '防暴装备(防刺服、橡胶棍)配备不足';
    const x = expectStatus(await download(qd, '/inspections/export', { content: finding }), 200);
    const wb = await readXlsx(x.buf);
    const t = sheetTable(wb.worksheets[0]);
    assert.equal(t.rows.length, 1, 'the demo inspection');
    const row = t.byHeader(t.rows[0]);
    assert.equal(row['检查人'].text, '王建国、李振华');
    const before = expectStatus(await qd.get('/inspections', { query: { content: finding } }), 200).body;
    assert.equal(before.total, 1);
    const original = before.items[0];

    // A row that is no inspection on record (another date) naming a 市局 officer: refused, nothing written.
    const extra = t.header.map((h) => (h === '检查日期' ? chinaToday(-300) : h === '检查人' ? '王建国' : cellText(row[h])));
    wb.worksheets[0].addRow(extra);
    const refused = await importXlsx(qd, Buffer.from(await wb.xlsx.writeBuffer()));
    expectStatus(refused, 422);
    assert.equal(refused.body.imported, 0);
    assert.deepEqual(refused.body.errors.map((e) => [e.row, e.field]), [[3, 'inspectors']], JSON.stringify(refused.body.errors));
    assert.match(refused.body.errors[0].message, /王建国.*不是本单位的民警/);
    assert.equal(expectStatus(await qd.get('/inspections', { query: { content: finding } }), 200).body.total, 1, 'nothing written');

    // The exported file as it is: imported, the copy names the same officers (ids and names).
    const again = await importXlsx(qd, x.buf);
    expectStatus(again, 200);
    assert.deepEqual(again.body, { imported: 1, errors: [] });
    const after = expectStatus(await qd.get('/inspections', { query: { content: finding } }), 200).body.items;
    assert.equal(after.length, 2);
    const copy = after.find((i) => i.id !== original.id);
    assert.equal(copy.inspectorNames, '王建国、李振华');
    assert.deepEqual([...copy.inspectorIds].sort(), [...original.inspectorIds].sort());
    assert.deepEqual([copy.unitId, copy.inspectedOn, copy.kind, copy.conclusion], [original.unitId, original.inspectedOn, original.kind, original.conclusion]);
  });

  test('the checklist template: the demo items, kept by a holder of inspection:manage', async () => {
    const list = expectStatus(await wc.client.get('/inspection-items'), 200).body.items;
    assert.deepEqual(list.filter((i) => i.enabled).map((i) => i.name).slice(0, 5), ['持证上岗率', '制度台账', '装备', '培训记录', '保安员档案']);
    expectError(await wc.client.put('/inspection-items', { items: list }), 403, 'forbidden');
    const a = await admin();
    expectFieldError(await a.put('/inspection-items', { items: [{ code: 'x', name: '' }] }), 'items', ['项目名称']);
    const saved = expectStatus(await a.put('/inspection-items', { items: [...list, { name: '消防器材' }] }), 200).body.items;
    assert.ok(saved.some((i) => i.name === '消防器材' && i.enabled));
    expectStatus(await a.put('/inspection-items', { items: list }), 200);
    const after = expectStatus(await a.get('/inspection-items'), 200).body.items;
    assert.equal(after.find((i) => i.name === '消防器材').enabled, false, 'an item left out is disabled, not deleted');
  });
});
