// 问题人员 (§9.3, docs/openapi.yaml `/flagged-persons…`, `/screening/status`, `/portal/flagged-guards…`):
// the background screening of every guard change by the server's worker (never in the request), an
// adapter that fails and is retried (the local provider's drill mode: a watch-list entry of source
// 故障演练), hits that become flagged persons, the police opinion (责令辞退 / 继续观察 / 误报) seen on the
// right company's portal only and never with the screening detail, the company's 已辞退 that ends the
// employment, 误报 clearing the flag and a later change screened again, the xlsx export and the
// idempotent import of opinions, the flag on the registry's guard list, the data scope and 403s.
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
  ISO_TIME,
  MASKED_ID,
  nextMobile,
  randomIdNumber,
  readXlsx,
  sheetTable,
  sleep,
  uniqName,
  userWithPermissions,
  XLSX_TYPE,
} from './lib.mjs';

const guardBody = (o = {}) => ({
  name: uniqName('保安'),
  idNo: randomIdNumber(),
  mobile: nextMobile(),
  hiredOn: '2024-03-01',
  ethnicity: '汉族',
  education: 'senior',
  householdAddress: '陕西省咸阳市渭城区某村1组',
  currentAddress: '咸阳市渭城区文汇路1号',
  certificateNo: null,
  certificateDate: null,
  ...o,
});

const FULL = ['flagged_person:view', 'flagged_person:update', 'flagged_person:import', 'flagged_person:export'];
// What the company must never see: the screening detail of the police databases.
const POLICE_ONLY = ['reason', 'database', 'report', 'opinionBy'];

let a; // province admin
let officer; // 渭城分局 officer with the four permissions
let A; // company of 渭城区
let B; // company of 秦都区

async function flaggedOf(client, idNo) {
  const res = expectStatus(await client.get('/flagged-persons', { query: { idNo } }), 200);
  return res.body.items.find((x) => x.guardId !== undefined);
}

async function waitFlagged(client, idNo, { ms = 20000, state } = {}) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const f = await flaggedOf(client, idNo);
    if (f && (!state || f.state === state)) return f;
    await sleep(100);
  }
  assert.fail(`${idNo} was not flagged${state ? ` (${state})` : ''} within ${ms} ms`);
}

async function watch(idNo, name, o = {}) {
  return expectStatus(
    await a.post('/watch-list', { idNo, name, database: 'fugitive', situation: '网上追逃人员', source: '公安部通报', ...o }),
    201,
  ).body;
}

async function hire(co, o = {}) {
  const body = guardBody(o);
  const t0 = Date.now();
  const guard = expectStatus(await co.client.post('/portal/guards', body), 201, `hire ${body.name}`).body;
  return { body, guard, ms: Date.now() - t0 };
}

before(async () => {
  a = await admin();
  officer = (await userWithPermissions([...FULL, 'guard:view'], { orgName: '渭城分局' })).client;
  A = await activeCompany({ regionCode: '610404' });
  B = await activeCompany({ regionCode: '610402' });
});

describe('the demo and the status', () => {
  test('GET /screening/status: pending, done and errors as counts', async () => {
    const res = expectStatus(await a.get('/screening/status'), 200);
    assertSchema('ScreeningStatus', res.body);
    for (const k of ['pending', 'done', 'errors']) assert.ok(Number.isInteger(res.body[k]) && res.body[k] >= 0, k);
  });

  test('done counts every change screened: three guards hired move it by three once they are screened', async () => {
    // done is a counter the worker moves (not a count of the table): it must still count each change once.
    const before = expectStatus(await a.get('/screening/status'), 200).body;
    for (let i = 0; i < 3; i++) await hire(A);
    const deadline = Date.now() + 20000;
    let now = before;
    while (Date.now() < deadline) {
      now = expectStatus(await a.get('/screening/status'), 200).body;
      if (now.pending === 0 && now.done >= before.done + before.pending + 3) break;
      await sleep(50);
    }
    assert.equal(now.pending, 0, JSON.stringify(now));
    assert.ok(now.done >= before.done + before.pending + 3, `${JSON.stringify(before)} → ${JSON.stringify(now)}`);
  });

  test('every demo guard is screened in the background after the start: the seed queues them all for the worker', async () => {
    // The generator's guards have no change of their own: the seed puts one 'create' change per guard in
    // the worker's queue, so the worker of the started server screens the whole registry (before: only the
    // watch-listed ones and the few changes of the other seeds).
    const guards = expectStatus(await a.get('/guards', { query: { size: 1 } }), 200).body.total;
    assert.ok(guards >= 1000, `demo guards: ${guards}`);
    const deadline = Date.now() + 60000;
    let now;
    while (Date.now() < deadline) {
      now = expectStatus(await a.get('/screening/status'), 200).body;
      if (now.pending === 0) break;
      await sleep(100);
    }
    assert.equal(now.pending, 0, JSON.stringify(now));
    assert.equal(now.errors, 0, JSON.stringify(now));
    assert.ok(now.done >= guards, `every guard screened: ${JSON.stringify(now)} for ${guards} guards`);
    // The whole registry screened flags no one besides the watch-listed guards.
    const listed = expectStatus(await a.get('/watch-list', { query: { size: 200 } }), 200).body.items.map((w) => w.idNo);
    const flagged = expectStatus(await a.get('/flagged-persons', { query: { size: 200 } }), 200).body.items;
    for (const f of flagged) assert.ok(listed.includes(f.idNo), `${f.name} flagged but not watch-listed`);
  });

  test('the demo shows flagged persons right after the seed, two of them with an opinion', async () => {
    const res = expectStatus(await a.get('/flagged-persons'), 200);
    assertSchema('FlaggedPersonList', res.body);
    assert.ok(res.body.total >= 5, `total ${res.body.total}`);
    const states = res.body.items.map((x) => x.state);
    assert.ok(states.includes('dismiss') && states.includes('observe') && states.includes('pending'), states.join());
    for (const x of res.body.items) {
      assert.match(x.flaggedAt, ISO_TIME);
      assert.ok(x.reason && x.database && x.companyName, JSON.stringify(x));
    }
  });
});

describe('screening a guard change in the background', () => {
  let hired;
  test('a guard hired with a watch-listed ID number becomes a flagged person without the request waiting', async () => {
    const idNo = randomIdNumber();
    const name = uniqName('追逃');
    await watch(idNo, name);
    // The drill entry makes the first two checks of 全国违法犯罪人员信息库 fail: the create cannot have waited
    // for the screening, which needs two retries (300 ms, then 600 ms) before it can finish.
    await watch(idNo, name, { database: 'criminal', situation: '失败2次', source: '故障演练' });
    hired = await hire(A, { idNo, name });
    assert.equal(await flaggedOf(a, idNo), undefined, 'flagged before the create answered');
    let sawError = false;
    const deadline = Date.now() + 20000;
    let f;
    while (Date.now() < deadline) {
      const s = expectStatus(await a.get('/screening/status'), 200).body;
      if (s.errors > 0) sawError = true;
      f = await flaggedOf(a, idNo);
      if (f) break;
      await sleep(50);
    }
    assert.ok(f, 'flagged within 20 s');
    assert.ok(sawError, 'the failed checks showed as errors in the status while they waited for a retry');
    assert.equal(f.guardId, hired.guard.id);
    assert.equal(f.state, 'pending');
    assert.equal(f.companyName, A.body.name);
    assert.match(f.database, /全国在逃人员信息库/);
    assert.doesNotMatch(f.database, /违法犯罪/, 'the drill entry is no hit');
    assert.match(f.reason, /网上追逃人员/);
    assert.equal(f.idNo, idNo, 'in full with guard:pii (the province administrator)');
    assert.match((await flaggedOf(officer, idNo)).idNo, MASKED_ID, 'masked without guard:pii');
    assert.equal(f.opinion, null);
  });

  test('the detail has the screening report; police see the flag on the guard in the registry', async () => {
    const f = await flaggedOf(a, hired.body.idNo);
    const d = expectStatus(await officer.get(`/flagged-persons/${f.id}`), 200).body;
    assertSchema('FlaggedPerson', d);
    assert.equal(d.report.length, 1);
    assert.equal(d.report[0].database, 'fugitive');
    assert.match(d.report[0].detail, /网上追逃人员/);
    const list = expectStatus(await a.get('/guards', { query: { idNo: hired.body.idNo } }), 200).body;
    assert.equal(list.items[0].flagged, true);
    const g = expectStatus(await a.get(`/guards/${hired.guard.id}`), 200).body;
    assert.equal(g.flagged, true);
    assert.equal(g.flags[0].id, f.id);
    // The company's own list never carries the flag.
    const own = expectStatus(await A.client.get('/portal/guards', { query: { idNo: hired.body.idNo } }), 200).body;
    assert.equal(own.items[0].id, hired.guard.id);
    assert.ok(!('flagged' in own.items[0]));
  });

  test('a pending flag is not shown on the portal', async () => {
    const res = expectStatus(await A.client.get('/portal/flagged-guards'), 200);
    assert.ok(!res.body.items.some((x) => x.guardId === hired.guard.id));
  });

  test('an opinion: 责令辞退 seen on the right company portal only, never with the screening detail', async () => {
    const f = await flaggedOf(officer, hired.body.idNo);
    expectFieldError(await officer.post(`/flagged-persons/${f.id}/opinion`, { action: 'fire' }), 'action', ['处理意见']);
    const r = expectStatus(
      await officer.post(`/flagged-persons/${f.id}/opinion`, { action: 'dismiss', opinion: '依据条例第十七条责令辞退' }),
      200,
    ).body;
    assert.equal(r.state, 'dismiss');
    assert.equal(r.opinion, '依据条例第十七条责令辞退');
    const mine = expectStatus(await A.client.get('/portal/flagged-guards'), 200).body;
    assertSchema('PortalFlaggedGuardList', mine);
    const item = mine.items.find((x) => x.id === f.id);
    assert.ok(item, 'on the portal of the company');
    assert.equal(item.opinion, '依据条例第十七条责令辞退');
    assert.equal(item.state, 'dismiss');
    for (const k of POLICE_ONLY) assert.ok(!(k in item), `the portal sees ${k}`);
    assert.doesNotMatch(JSON.stringify(mine), /网上追逃|全国在逃|故障演练/);
    const other = expectStatus(await B.client.get('/portal/flagged-guards'), 200).body;
    assert.ok(!other.items.some((x) => x.id === f.id), 'not on another company');
    expectError(await B.client.post(`/portal/flagged-guards/${f.id}/confirm`, { action: 'dismissed', on: chinaToday() }), 404, 'not_found');
  });

  test('the company confirms 已辞退 with the date: the employment ends in the registry', async () => {
    const f = await flaggedOf(a, hired.body.idNo);
    expectFieldError(await A.client.post(`/portal/flagged-guards/${f.id}/confirm`, { action: 'dismissed' }), 'on', ['辞退日期']);
    expectFieldError(await A.client.post(`/portal/flagged-guards/${f.id}/confirm`, { action: 'kept', on: chinaToday() }), 'action', ['处理结果']);
    const r = expectStatus(await A.client.post(`/portal/flagged-guards/${f.id}/confirm`, { action: 'dismissed', on: chinaToday() }), 200).body;
    assert.equal(r.confirmation, 'dismissed');
    assert.equal(r.confirmedOn, chinaToday());
    const g = expectStatus(await A.client.get(`/portal/guards/${hired.guard.id}`), 200).body;
    assert.equal(g.employed, false);
    assert.equal(g.leftOn, chinaToday());
  });
});

describe('误报 clears the flag; a later change is screened again', () => {
  test('误报 needs a reason, clears the flag, and the next change of the guard flags it again', async () => {
    const idNo = randomIdNumber();
    const name = uniqName('误报');
    await watch(idNo, name, { database: 'drug', situation: '吸毒史' });
    const { guard, body } = await hire(A, { idNo, name });
    const f = await waitFlagged(a, idNo);
    expectFieldError(await officer.post(`/flagged-persons/${f.id}/opinion`, { action: 'false_positive' }), 'opinion', ['误报']);
    const r = expectStatus(await officer.post(`/flagged-persons/${f.id}/opinion`, { action: 'false_positive', opinion: '同名同号录入错误,已核实' }), 200).body;
    assert.equal(r.state, 'false_positive');
    const list = expectStatus(await a.get('/guards', { query: { idNo } }), 200).body;
    assert.equal(list.items[0].flagged, false, 'the flag is cleared');
    const cleared = expectStatus(await a.get('/flagged-persons', { query: { idNo, state: 'false_positive' } }), 200).body;
    assert.equal(cleared.total, 1);
    // The company edits the guard: the change is screened again and the flag opens again.
    expectStatus(await A.client.put(`/portal/guards/${guard.id}`, { ...body, currentAddress: '咸阳市渭城区新址2号' }), 200);
    const again = await waitFlagged(a, idNo, { state: 'pending' });
    assert.equal(again.id, f.id);
    assert.equal(again.opinion, null);
  });
});

describe('export and the idempotent import of opinions', () => {
  test('export: an xlsx of the persons with their opinions; import twice changes nothing the second time', async () => {
    const idNo = randomIdNumber();
    const name = uniqName('导入');
    await watch(idNo, name, { database: 'key_person', situation: '重点人员' });
    await hire(A, { idNo, name });
    const f = await waitFlagged(a, idNo);
    const res = await download(officer, '/flagged-persons/export', { idNo });
    expectStatus(res, 200);
    assert.ok(res.contentType.startsWith(XLSX_TYPE));
    const t = sheetTable((await readXlsx(res.buf)).worksheets[0]);
    for (const h of ['编号', '姓名', '身份证号', '所属公司', '库', '情形', '处理意见', '意见内容']) assert.ok(t.header.includes(h), h);
    assert.equal(t.rows.length, 1);
    assert.equal(Number(t.byHeader(t.rows[0])['编号'].value), f.id);

    const file = await exceljsXlsx([
      ['编号', '姓名', '处理意见', '意见内容'],
      [f.id, name, '继续观察', '谈话教育,继续观察'],
    ]);
    const post = (buf) => officer.request('POST', '/flagged-persons/opinions/import', undefined, { raw: buf, headers: { 'Content-Type': XLSX_TYPE }, check: false });
    const first = expectStatus(await post(file), 200).body;
    assert.equal(first.imported, 1);
    const after1 = await flaggedOf(officer, idNo);
    assert.equal(after1.state, 'observe');
    assert.equal(after1.opinion, '谈话教育,继续观察');
    // An officer changes it by hand; the same file again changes nothing.
    expectStatus(await officer.post(`/flagged-persons/${f.id}/opinion`, { action: 'dismiss', opinion: '复核后责令辞退' }), 200);
    const second = expectStatus(await post(file), 200).body;
    assert.equal(second.imported, 0);
    assert.equal(second.unchanged, 1);
    const after2 = await flaggedOf(officer, idNo);
    assert.equal(after2.state, 'dismiss');
    assert.equal(after2.opinion, '复核后责令辞退');

    const bad = await exceljsXlsx([
      ['编号', '处理意见', '意见内容'],
      [f.id, '开除', ''],
      [999999999, '继续观察', ''],
      [f.id, '误报', ''],
    ]);
    const r = expectStatus(await post(bad), 422).body;
    assert.equal(r.imported, 0);
    assert.ok(r.errors.length >= 3, JSON.stringify(r.errors));
    assert.equal((await flaggedOf(officer, idNo)).state, 'dismiss', 'nothing imported from a bad file');
  });
});

describe('scope and permissions', () => {
  test('an officer of 秦都 does not see a flagged guard of a 渭城 company', async () => {
    const qd = (await userWithPermissions(FULL, { orgName: '秦都分局' })).client;
    const idNo = randomIdNumber();
    const name = uniqName('范围');
    await watch(idNo, name);
    await hire(A, { idNo, name });
    const f = await waitFlagged(a, idNo);
    assert.equal(expectStatus(await qd.get('/flagged-persons', { query: { idNo } }), 200).body.total, 0);
    expectError(await qd.get(`/flagged-persons/${f.id}`), 404, 'not_found');
    expectError(await qd.post(`/flagged-persons/${f.id}/opinion`, { action: 'observe', opinion: '' }), 404, 'not_found');
    const wcView = expectStatus(await officer.get('/flagged-persons', { query: { idNo } }), 200).body;
    assert.equal(wcView.total, 1);
  });

  test('?companyId= lists the flagged guards of one company (its details page), still within the scope', async () => {
    const hits = [];
    for (const co of [A, B]) {
      const idNo = randomIdNumber();
      const name = uniqName('公司筛');
      await watch(idNo, name);
      await hire(co, { idNo, name });
      hits.push(await waitFlagged(a, idNo));
    }
    const [ofA, ofB] = hits;
    const listA = expectStatus(await a.get('/flagged-persons', { query: { companyId: A.rec.id, size: 200 } }), 200).body;
    assertSchema('FlaggedPersonList', listA);
    assert.ok(listA.items.some((x) => x.id === ofA.id), 'A\'s flagged guard is listed');
    assert.ok(!listA.items.some((x) => x.id === ofB.id), 'B\'s is not');
    for (const x of listA.items) assert.equal(x.companyName, A.body.name);
    assert.equal(listA.total, listA.items.length);
    // The other filters still apply on top.
    const one = expectStatus(await a.get('/flagged-persons', { query: { companyId: A.rec.id, idNo: ofA.idNo } }), 200).body;
    assert.deepEqual(one.items.map((x) => x.id), [ofA.id]);
    // The 渭城 officer sees A's (渭城) but nothing of B (秦都), even when asking for B by id.
    const wcA = expectStatus(await officer.get('/flagged-persons', { query: { companyId: A.rec.id, size: 200 } }), 200).body;
    assert.ok(wcA.items.some((x) => x.id === ofA.id));
    assert.match(wcA.items.find((x) => x.id === ofA.id).idNo, MASKED_ID);
    const wcB = expectStatus(await officer.get('/flagged-persons', { query: { companyId: B.rec.id } }), 200).body;
    assert.equal(wcB.total, 0);
    assert.deepEqual(wcB.items, []);
    expectStatus(await a.get('/flagged-persons', { query: { companyId: 99999999 } }), 200, 'an unknown company: empty');
    expectError(await a.get('/flagged-persons', { query: { companyId: 'x1' } }), 404, 'not_found');
  });

  test('403 without each permission; the portal routes are the companies\' only', async () => {
    const viewOnly = (await userWithPermissions(['flagged_person:view'])).client;
    const f = (await viewOnly.get('/flagged-persons')).body.items[0];
    expectError(await viewOnly.post(`/flagged-persons/${f?.id ?? 1}/opinion`, { action: 'observe' }), 403, 'forbidden');
    expectError(await download(viewOnly, '/flagged-persons/export'), 403, 'forbidden');
    const none = (await userWithPermissions(['guard:view'])).client;
    expectError(await none.get('/flagged-persons'), 403, 'forbidden');
    expectError(await none.get('/screening/status'), 403, 'forbidden');
    expectError(await a.get('/portal/flagged-guards'), 403, 'forbidden');
    expectError(await A.client.get('/flagged-persons'), 403, 'forbidden');
    expectFieldError(await a.get('/flagged-persons', { query: { state: 'closed' } }), 'state', ['状态']);
  });
});
