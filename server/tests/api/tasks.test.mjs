// Tasks (issue 14, manual §7.1/§7.4/§7.5): a company publishes its service tasks on the portal (bad
// input refused naming the field, only its own employed guards); the police see them read-only in their
// scope (a 渭城 officer never sees 秦都's); /stats/tasks agrees with /tasks for every group of every
// groupBy; an emergency task goes from creation through the companies' answers and the guards'
// check-ins to 结束, refusing the check-in that is too far, the one after the end and 结束 by another org.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  XLSX_TYPE,
  activeCompany,
  assertSchema,
  download,
  expectError,
  expectFieldError,
  expectStatus,
  login,
  nextMobile,
  randomIdNumber,
  readXlsx,
  sheetTable,
  uniqName,
} from './lib.mjs';

const PASSWORD = 'Baoan@2026';
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const at = (offset) => new Date(Date.now() + offset).toISOString();
// 秦都 and 渭城 places (WGS-84).
const QINDU = { lng: 108.7093, lat: 34.3462 };
const WEICHENG = { lng: 108.7376, lat: 34.3617 };

let companyA; // 渭城
let companyQ; // 秦都
let guardsA;
let guardQ;
let xy; // 咸阳市局 (the whole city)
let wc; // 渭城分局
let qd; // 秦都分局

async function guardOf(company) {
  return expectStatus(
    await company.client.post('/portal/guards', { name: '王保安', idNo: randomIdNumber(), mobile: nextMobile(), hiredOn: '2024-03-01' }),
    201,
    'POST /portal/guards',
  ).body;
}

function taskBody(overrides = {}) {
  return {
    name: uniqName('门岗值守'),
    type: 'door',
    client: '渭城某小区物业',
    address: '咸阳市渭城区文汇路8号',
    regionCode: '610404',
    ...WEICHENG,
    startAt: at(DAY),
    endAt: at(3 * DAY),
    needed: 2,
    guardIds: [],
    ...overrides,
  };
}

before(async () => {
  [companyA, companyQ, xy, wc, qd] = await Promise.all([
    activeCompany(),
    activeCompany({ regionCode: '610402', regAddress: '咸阳市秦都区人民路1号' }),
    login('xy_jb', PASSWORD),
    login('wc_jb', PASSWORD),
    login('qd_jb', PASSWORD),
  ]);
  guardsA = [await guardOf(companyA), await guardOf(companyA)];
  guardQ = await guardOf(companyQ);
});

describe('portal 任务管理', () => {
  test('a company publishes, reads, edits and cancels its task; bad input is refused naming the field', async () => {
    const c = companyA.client;
    const bad = [
      [{ name: '' }, 'name', 422],
      [{ type: 'dance' }, 'type', 422],
      [{ regionCode: '610400' }, 'regionCode', 422], // a city: the place goes down to the county
      [{ regionCode: '999999' }, 'regionCode', 422],
      [{ lng: 0, lat: 0 }, 'lng', 422],
      [{ lng: 116.4, lat: 39.9 }, 'lng', 422], // Beijing: not a Shaanxi place
      [{ lng: 'east' }, 'lng', 400],
      [{ endAt: at(-DAY) }, 'endAt', 422],
      [{ startAt: 'tomorrow' }, 'startAt', 422],
      [{ needed: 0 }, 'needed', 422],
      [{ needed: 1.5 }, 'needed', 400],
      [{ guardIds: [guardQ.id] }, 'guardIds', 422], // another company's guard
      [{ guardIds: [guardsA[0].id, guardsA[1].id], needed: 1 }, 'guardIds', 422],
      [{ guardIds: 'all' }, 'guardIds', 400],
    ];
    for (const [o, field, status] of bad) {
      const res = await c.post('/portal/tasks', taskBody(o));
      if (status === 422) expectFieldError(res, field, [], JSON.stringify(o));
      else {
        // a value of the wrong JSON type: 400, still naming the field
        const err = expectError(res, 400, 'bad_request', JSON.stringify(o));
        assert.ok(err.fields?.[field], `${JSON.stringify(o)}: fields.${field} in ${JSON.stringify(err)}`);
      }
    }

    const body = taskBody({ guardIds: [guardsA[0].id] });
    const created = expectStatus(await c.post('/portal/tasks', body), 201, 'POST /portal/tasks');
    const t = created.body;
    assert.equal(created.headers.get('location'), `/api/v1/portal/tasks/${t.id}`);
    assertSchema('Task', t);
    assert.equal(t.status, 'pending');
    assert.equal(t.statusName, '未开始');
    assert.equal(t.typeName, '门卫');
    assert.equal(t.regionName, '陕西省咸阳市渭城区');
    assert.deepEqual(t.guards.map((g) => g.id), [guardsA[0].id]);
    assert.equal(t.companyId, companyA.rec.id);

    const list = expectStatus(await c.get('/portal/tasks', { query: { name: body.name } }), 200).body;
    assert.equal(list.total, 1);
    assert.equal(list.items[0].id, t.id);
    expectStatus(await c.get(`/portal/tasks/${t.id}`), 200);
    // Another company does not see it.
    expectError(await companyQ.client.get(`/portal/tasks/${t.id}`), 404, 'not_found');
    expectError(await companyQ.client.post(`/portal/tasks/${t.id}/cancel`), 404, 'not_found');

    const edited = expectStatus(
      await c.put(`/portal/tasks/${t.id}`, { ...body, name: `${body.name}(改)`, guardIds: guardsA.map((g) => g.id) }),
      200,
      'PUT',
    ).body;
    assert.equal(edited.name, `${body.name}(改)`);
    assert.equal(edited.guards.length, 2);
    expectFieldError(await c.put(`/portal/tasks/${t.id}`, { ...body, client: '' }), 'client');

    const cancelled = expectStatus(await c.post(`/portal/tasks/${t.id}/cancel`), 200, 'cancel').body;
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.statusName, '已取消');
    expectError(await c.post(`/portal/tasks/${t.id}/cancel`), 409, 'conflict');
    expectError(await c.put(`/portal/tasks/${t.id}`, body), 409, 'conflict');
    const byStatus = expectStatus(await c.get('/portal/tasks', { query: { status: 'cancelled', name: body.name } }), 200).body;
    assert.equal(byStatus.total, 1);
  });

  test('the status follows the dates: 进行中 and 已结束', async () => {
    const c = companyA.client;
    const running = expectStatus(await c.post('/portal/tasks', taskBody({ startAt: at(-HOUR), endAt: at(DAY) })), 201).body;
    const ended = expectStatus(await c.post('/portal/tasks', taskBody({ startAt: at(-3 * DAY), endAt: at(-DAY) })), 201).body;
    assert.equal(running.status, 'running');
    assert.equal(ended.status, 'ended');
    expectError(await c.post(`/portal/tasks/${ended.id}/cancel`), 409, 'conflict');
    const officer = expectStatus(await wc.get(`/tasks/${running.id}`), 200).body;
    assert.equal(officer.statusName, '进行中');
    assert.ok(officer.guards.every((g) => /\*/.test(g.idNo) || g.idNo === undefined));
  });
});

describe('任务中心: the data scope', () => {
  let qTask;
  before(async () => {
    qTask = expectStatus(
      await companyQ.client.post(
        '/portal/tasks',
        taskBody({ regionCode: '610402', address: '咸阳市秦都区人民路1号', ...QINDU, guardIds: [guardQ.id], name: uniqName('秦都巡逻') }),
      ),
      201,
    ).body;
  });

  test("a 渭城 officer never sees 秦都's tasks; 秦都's and the city's do", async () => {
    expectError(await wc.get(`/tasks/${qTask.id}`), 404, 'not_found');
    for (let page = 1; ; page++) {
      const res = expectStatus(await wc.get('/tasks', { query: { size: 200, page } }), 200).body;
      for (const item of res.items) assert.notEqual(item.regionCode, '610402', `渭城 sees ${item.name}`);
      if (page * 200 >= res.total) break;
    }
    const mine = expectStatus(await wc.get('/tasks', { query: { companyId: companyQ.rec.id } }), 200).body;
    assert.equal(mine.total, 0);
    const stats = expectStatus(await wc.get('/stats/tasks', { query: { groupBy: 'region', regionCode: '610402' } }), 200).body;
    assert.equal(stats.total, 0);
    expectStatus(await qd.get(`/tasks/${qTask.id}`), 200);
    const city = expectStatus(await xy.get('/tasks', { query: { name: qTask.name } }), 200).body;
    assert.equal(city.total, 1);
  });

  test('bad filters are refused naming the parameter', async () => {
    expectFieldError(await xy.get('/tasks', { query: { status: 'done' } }), 'status');
    expectFieldError(await xy.get('/tasks', { query: { month: '2026-13' } }), 'month');
    expectFieldError(await xy.get('/tasks', { query: { regionCode: 'x' } }), 'regionCode');
    expectFieldError(await xy.get('/tasks', { query: { type: 'dance' } }), 'type');
    expectFieldError(await xy.get('/stats/tasks', { query: { groupBy: 'colour' } }), 'groupBy');
  });
});

describe('任务统计 agrees with 任务中心', () => {
  const FILTER_OF = { region: 'regionCode', type: 'type', status: 'status', month: 'month' };
  for (const who of ['xy', 'wc']) {
    for (const groupBy of Object.keys(FILTER_OF)) {
      test(`${who}: every ${groupBy} group's count equals the list's total under its filter`, async () => {
        const client = who === 'xy' ? xy : wc;
        for (const base of [{}, { type: 'door' }, { status: 'running' }]) {
          if (base[FILTER_OF[groupBy]]) continue; // the group's own filter would replace the base's
          const stats = expectStatus(await client.get('/stats/tasks', { query: { groupBy, ...base } }), 200).body;
          assertSchema('StatGroups', stats);
          const list = expectStatus(await client.get('/tasks', { query: { size: 1, ...base } }), 200).body;
          assert.equal(stats.total, list.total, `${groupBy} ${JSON.stringify(base)} total`);
          assert.ok(stats.groups.length > 0, `${groupBy} has groups`);
          if (groupBy === 'status' || groupBy === 'type' || groupBy === 'month')
            assert.equal(stats.groups.reduce((n, g) => n + g.count, 0), stats.total, `${groupBy} groups add up`);
          for (const g of stats.groups) {
            const res = expectStatus(
              await client.get('/tasks', { query: { size: 1, ...base, [FILTER_OF[groupBy]]: g.key } }),
              200,
              `${groupBy}=${g.key}`,
            ).body;
            assert.equal(res.total, g.count, `${who} ${groupBy}=${g.key} (${g.label}) ${JSON.stringify(base)}`);
          }
        }
      });
    }
  }

  test('the city officer sees every 咸阳 district and the demo tasks in every state', async () => {
    const byRegion = expectStatus(await xy.get('/stats/tasks', { query: { groupBy: 'region' } }), 200).body;
    assert.ok(byRegion.groups.length >= 10, `${byRegion.groups.length} districts`);
    assert.ok(byRegion.groups.filter((g) => g.count > 0).length >= 3, 'tasks spread over the districts');
    const byStatus = expectStatus(await xy.get('/stats/tasks', { query: { groupBy: 'status' } }), 200).body;
    for (const g of byStatus.groups) assert.ok(g.count > 0, `demo tasks ${g.label}`);
  });
});

describe('紧急任务 from creation to 结束', () => {
  let task;
  const place = { address: '咸阳市秦都区人民路1号', regionCode: '610402', ...QINDU };

  test('the reach preview counts companies and guards within the radius', async () => {
    const reach = expectStatus(await xy.get('/emergency-tasks/reach', { query: { ...QINDU, radiusKm: 3 } }), 200).body;
    assertSchema('EmergencyReach', reach);
    assert.equal(reach.companyCount, reach.companies.length);
    assert.equal(reach.guardCount, reach.companies.reduce((n, c) => n + c.guards, 0));
    assert.ok(reach.companies.every((c) => c.nearestKm <= 3));
    expectFieldError(await xy.get('/emergency-tasks/reach', { query: { ...QINDU, radiusKm: 500 } }), 'radiusKm');
    expectFieldError(await xy.get('/emergency-tasks/reach', { query: { lat: 34 } }), 'lng');
    // Created by radius, the task asks exactly the companies of the preview.
    if (reach.companyCount > 0) {
      const byRadius = expectStatus(
        await xy.post('/emergency-tasks', {
          ...place, title: uniqName('半径通知'), detail: '按范围通知', startAt: at(HOUR), endAt: at(DAY), needed: 3, radiusKm: 3,
        }),
        201,
      ).body;
      assert.equal(byRadius.counts.notified, reach.companyCount);
      expectStatus(await xy.post(`/emergency-tasks/${byRadius.id}/end`, { summary: '测试结束' }), 200);
    }
  });

  test('creation: bad input refused; the named companies are notified', async () => {
    const body = {
      ...place, title: uniqName('大型活动临时安保'), detail: '协助维持现场秩序', startAt: at(-HOUR), endAt: at(DAY), needed: 5,
      companyIds: [companyQ.rec.id, companyA.rec.id],
    };
    expectFieldError(await xy.post('/emergency-tasks', { ...body, title: '' }), 'title');
    expectFieldError(await xy.post('/emergency-tasks', { ...body, companyIds: undefined }), 'companyIds');
    expectFieldError(await xy.post('/emergency-tasks', { ...body, lat: 60 }), 'lat');
    expectFieldError(await xy.post('/emergency-tasks', { ...body, companyIds: [999999999] }), 'companyIds');
    // A 渭城 officer may not ask a 秦都 company (outside the scope).
    expectFieldError(await wc.post('/emergency-tasks', { ...body, companyIds: [companyQ.rec.id] }), 'companyIds');
    const res = expectStatus(await xy.post('/emergency-tasks', body), 201, 'POST /emergency-tasks');
    task = res.body;
    assert.equal(res.headers.get('location'), `/api/v1/emergency-tasks/${task.id}`);
    assertSchema('EmergencyTask', task);
    assert.deepEqual(task.counts, { needed: 5, notified: 2, accepted: 0, assigned: 0, checkedIn: 0 });
    const listed = expectStatus(await companyQ.client.get('/portal/emergency-tasks'), 200).body;
    const mine = listed.items.find((i) => i.id === task.id);
    assert.ok(mine, 'the company sees the task on its portal');
    assert.equal(mine.mine.response, null);
    // 秦都 sees it (the place is theirs), 渭城 does not.
    expectStatus(await qd.get(`/emergency-tasks/${task.id}`), 200);
    expectError(await wc.get(`/emergency-tasks/${task.id}`), 404, 'not_found');
  });

  test('the companies answer and the guards check in; too far is refused', async () => {
    const q = companyQ.client;
    expectFieldError(await q.post(`/portal/emergency-tasks/${task.id}/response`, { accept: true, guardIds: [] }), 'guardIds');
    expectFieldError(await q.post(`/portal/emergency-tasks/${task.id}/response`, { accept: true, guardIds: [guardsA[0].id] }), 'guardIds');
    const accepted = expectStatus(
      await q.post(`/portal/emergency-tasks/${task.id}/response`, { accept: true, guardIds: [guardQ.id] }),
      200,
      'accept',
    ).body;
    assert.equal(accepted.mine.response, 'accepted');
    assert.deepEqual(accepted.mine.guards.map((g) => g.guardId), [guardQ.id]);
    expectStatus(await companyA.client.post(`/portal/emergency-tasks/${task.id}/response`, { accept: false }), 200, 'refuse');
    // A company that was not asked: 404.
    const other = await activeCompany();
    expectError(await other.client.post(`/portal/emergency-tasks/${task.id}/response`, { accept: false }), 404, 'not_found');

    // 5.5 km north of the place: refused with the distance in the message.
    const far = await q.post(`/portal/emergency-tasks/${task.id}/check-ins`, { guardId: guardQ.id, lng: QINDU.lng, lat: QINDU.lat + 0.05 });
    expectError(far, 409, 'conflict');
    assert.match(far.body.error.message, /公里/);
    expectFieldError(
      await companyA.client.post(`/portal/emergency-tasks/${task.id}/check-ins`, { guardId: guardsA[0].id, ...QINDU }),
      'guardId',
    );
    const checked = expectStatus(
      await q.post(`/portal/emergency-tasks/${task.id}/check-ins`, { guardId: guardQ.id, lng: QINDU.lng + 0.001, lat: QINDU.lat }),
      200,
      'check-in',
    ).body;
    assert.ok(checked.mine.guards[0].checkedInAt);
    expectError(await q.post(`/portal/emergency-tasks/${task.id}/check-ins`, { guardId: guardQ.id, ...QINDU }), 409, 'conflict');

    const detail = expectStatus(await xy.get(`/emergency-tasks/${task.id}`), 200).body;
    assert.deepEqual(detail.counts, { needed: 5, notified: 2, accepted: 1, assigned: 1, checkedIn: 1 });
    const answers = Object.fromEntries(detail.companies.map((c) => [c.companyId, c]));
    assert.equal(answers[companyQ.rec.id].response, 'accepted');
    assert.equal(answers[companyA.rec.id].response, 'refused');
    assert.ok(answers[companyQ.rec.id].respondedAt);
    assert.equal(detail.guards[0].guardId, guardQ.id);
    assert.ok(detail.guards[0].distanceKm < 0.2);
    assert.match(detail.guards[0].idNo, /\*/);
    assert.equal(detail.canEnd, true);

    // The checked-in guard is at the place now (the location rule), nearest first.
    const near = expectStatus(await xy.get(`/emergency-tasks/${task.id}/nearby-guards`, { query: { km: 2 } }), 200).body;
    assertSchema('NearbyGuards', near);
    const me = near.items.find((g) => g.id === guardQ.id);
    assert.ok(me, 'the checked-in guard is near the place');
    assert.equal(me.locatedBy, 'check_in');
    for (let i = 1; i < near.items.length; i++) assert.ok(near.items[i - 1].distanceKm <= near.items[i].distanceKm);
    assert.ok(near.items.every((g) => g.distanceKm <= 2));
    expectFieldError(await xy.get(`/emergency-tasks/${task.id}/nearby-guards`, { query: { km: 'far' } }), 'km');
  });

  test('only the creating side ends it; then no more check-ins or answers, and it stays readable', async () => {
    const byQd = await qd.post(`/emergency-tasks/${task.id}/end`, { summary: '秦都结束' });
    expectError(byQd, 403, 'forbidden');
    assert.match(byQd.body.error.message, /创建/);
    expectError(await wc.post(`/emergency-tasks/${task.id}/end`, { summary: 'x' }), 404, 'not_found');
    expectFieldError(await xy.post(`/emergency-tasks/${task.id}/end`, {}), 'summary');
    const ended = expectStatus(await xy.post(`/emergency-tasks/${task.id}/end`, { summary: '活动结束,秩序良好' }), 200).body;
    assert.equal(ended.status, 'ended');
    assert.equal(ended.summary, '活动结束,秩序良好');
    expectError(await xy.post(`/emergency-tasks/${task.id}/end`, { summary: '再次' }), 409, 'conflict');
    const late = await companyA.client.post(`/portal/emergency-tasks/${task.id}/response`, { accept: true, guardIds: [guardsA[0].id] });
    expectError(late, 409, 'conflict');
    const q = companyQ.client;
    const after = await q.post(`/portal/emergency-tasks/${task.id}/check-ins`, { guardId: guardQ.id, ...QINDU });
    expectError(after, 409, 'conflict');
    const read = expectStatus(await xy.get(`/emergency-tasks/${task.id}`), 200).body;
    assert.equal(read.ended, true);
    assert.equal(read.canEnd, false);
    const endedList = expectStatus(await xy.get('/emergency-tasks', { query: { status: 'ended' } }), 200).body;
    assert.ok(endedList.items.some((i) => i.id === task.id));
  });

  test("a 分局 never ends its 市局's task, though it lies in its district; the 市局's own 科 does", async () => {
    // 刘志强, 市局领导, belongs to 咸阳市公安局 itself: 秦都分局 (below it) sees the task in 秦都 but may not end it.
    const leader = await login('xy_sj', PASSWORD);
    const cityTask = expectStatus(await leader.post('/emergency-tasks', {
      ...place, title: uniqName('市局紧急任务'), detail: '市局统一调度', startAt: at(-HOUR), endAt: at(DAY), needed: 2,
      companyIds: [companyQ.rec.id],
    }), 201).body;
    const seenByQd = expectStatus(await qd.get(`/emergency-tasks/${cityTask.id}`), 200).body;
    assert.equal(seenByQd.canEnd, false);
    const byQd = await qd.post(`/emergency-tasks/${cityTask.id}/end`, { summary: '分局结束' });
    expectError(byQd, 403, 'forbidden');
    assert.match(byQd.body.error.message, /咸阳市公安局/);
    // 保安管理科 is a part of the 市局 (not a unit below it): its officer may end the 市局's task.
    assert.equal(expectStatus(await xy.get(`/emergency-tasks/${cityTask.id}`), 200).body.canEnd, true);
    expectStatus(await xy.post(`/emergency-tasks/${cityTask.id}/end`, { summary: '市局结束' }), 200);
    // and the 市局 ends what its 分局 started
    const districtTask = expectStatus(await qd.post('/emergency-tasks', {
      ...place, title: uniqName('分局紧急任务'), detail: '分局调度', startAt: at(-HOUR), endAt: at(DAY), needed: 1,
      companyIds: [companyQ.rec.id],
    }), 201).body;
    assert.equal(expectStatus(await leader.get(`/emergency-tasks/${districtTask.id}`), 200).body.canEnd, true);
    expectStatus(await leader.post(`/emergency-tasks/${districtTask.id}/end`, { summary: '市局结束分局任务' }), 200);
  });

  test('the demo has a running emergency task with answers and check-ins and an ended one', async () => {
    const list = expectStatus(await xy.get('/emergency-tasks', { query: { size: 200 } }), 200).body;
    const demo = list.items.filter((i) => i.title.startsWith('秦都区'));
    const running = demo.find((i) => !i.ended);
    const ended = demo.find((i) => i.ended);
    assert.ok(running && ended, 'two demo emergency tasks');
    assert.ok(running.counts.accepted >= 1 && running.counts.checkedIn >= 1);
    assert.ok(ended.summary);
  });
});

describe('nearby guards follow the location rule (GET /emergency-tasks/{id}/nearby-guards, /emergency-tasks/reach)', () => {
  // A quiet corner of 淳化 (no demo company within 3 km): company N at P with four guards — n1 and n4 stay, n2 is on
  // a running task of N 18 km east, n3 checked in 18 km east on another emergency task; company M 1 km east of P with
  // one guard; company F 18 km east whose guard f1 is on a running task 0.5 km east of P.
  const P = { lng: 108.4, lat: 34.95 };
  const east = (km) => ({ lng: P.lng + km / (111.195 * Math.cos((P.lat * Math.PI) / 180)), lat: P.lat });
  const where = (p) => ({ address: '咸阳市淳化县某地', regionCode: '610430', ...p });
  let n; let m; let f;
  let n1; let n2; let n3; let n4; let m1; let f1;
  let atP;
  let atFar;

  before(async () => {
    [n, m, f] = await Promise.all([
      activeCompany({ regionCode: '610430', ...P }),
      activeCompany({ regionCode: '610430', ...east(1) }),
      activeCompany({ regionCode: '610430', ...east(18) }),
    ]);
    n1 = await guardOf(n);
    n2 = await guardOf(n);
    n3 = await guardOf(n);
    n4 = await guardOf(n);
    m1 = await guardOf(m);
    f1 = await guardOf(f);
    const running = { startAt: at(-HOUR), endAt: at(DAY), needed: 1 };
    expectStatus(await n.client.post('/portal/tasks', taskBody({ ...where(east(18)), ...running, guardIds: [n2.id] })), 201);
    expectStatus(await f.client.post('/portal/tasks', taskBody({ ...where(east(0.5)), ...running, guardIds: [f1.id] })), 201);
    const emergency = { detail: '附近保安员', startAt: at(-HOUR), endAt: at(DAY), needed: 2, companyIds: [n.rec.id] };
    atP = expectStatus(await xy.post('/emergency-tasks', { ...where(P), ...emergency, title: uniqName('附近保安员') }), 201).body;
    atFar = expectStatus(await xy.post('/emergency-tasks', { ...where(east(18)), ...emergency, title: uniqName('远处签到') }), 201).body;
    expectStatus(await n.client.post(`/portal/emergency-tasks/${atFar.id}/response`, { accept: true, guardIds: [n3.id] }), 200);
    expectStatus(await n.client.post(`/portal/emergency-tasks/${atFar.id}/check-ins`, { guardId: n3.id, ...east(18) }), 200);
  });

  test('nearest first, ties by id; a guard on a task or checked in elsewhere is not at the company', async () => {
    const near = expectStatus(await xy.get(`/emergency-tasks/${atP.id}/nearby-guards`, { query: { km: 3 } }), 200).body;
    assertSchema('NearbyGuards', near);
    for (let i = 1; i < near.items.length; i++) {
      const [a, b] = [near.items[i - 1], near.items[i]];
      assert.ok(a.distanceKm < b.distanceKm || (a.distanceKm === b.distanceKm && a.id < b.id), `order at ${i}`);
    }
    assert.ok(near.items.every((g) => g.distanceKm <= 3));
    const mine = new Map([[n1.id, 'n1'], [n2.id, 'n2'], [n3.id, 'n3'], [n4.id, 'n4'], [m1.id, 'm1'], [f1.id, 'f1']]);
    const listed = near.items.filter((g) => mine.has(g.id));
    assert.deepEqual(listed.map((g) => mine.get(g.id)), ['n1', 'n4', 'f1', 'm1']);
    assert.deepEqual(listed.map((g) => g.locatedBy), ['employer', 'employer', 'task', 'employer']);
    assert.deepEqual(listed.map((g) => g.employerId), [n.rec.id, n.rec.id, f.rec.id, m.rec.id]);
    assert.equal(listed[0].distanceKm, 0);
    assert.ok(Math.abs(listed[2].distanceKm - 0.5) < 0.01 && Math.abs(listed[3].distanceKm - 1) < 0.01);

    // Within 0.7 km: M's guard is out; far away, the guards on the task and checked in are there.
    const closer = expectStatus(await xy.get(`/emergency-tasks/${atP.id}/nearby-guards`, { query: { km: 0.7 } }), 200).body;
    assert.deepEqual(closer.items.filter((g) => mine.has(g.id)).map((g) => mine.get(g.id)), ['n1', 'n4', 'f1']);
    const far = expectStatus(await xy.get(`/emergency-tasks/${atFar.id}/nearby-guards`, { query: { km: 1 } }), 200).body;
    const farMine = far.items.filter((g) => mine.has(g.id));
    assert.deepEqual(farMine.map((g) => mine.get(g.id)).sort(), ['n2', 'n3']);
    assert.equal(farMine.find((g) => g.id === n3.id).locatedBy, 'check_in');
    assert.equal(farMine.find((g) => g.id === n2.id).locatedBy, 'task');
  });

  test('the reach preview counts each company by where its guards are', async () => {
    const reach = expectStatus(await xy.get('/emergency-tasks/reach', { query: { ...P, radiusKm: 3 } }), 200).body;
    const byCompany = new Map(reach.companies.map((c) => [c.companyId, c]));
    assert.equal(byCompany.get(n.rec.id).guards, 2);
    assert.equal(byCompany.get(n.rec.id).nearestKm, 0);
    assert.equal(byCompany.get(m.rec.id).guards, 1);
    assert.equal(byCompany.get(f.rec.id).guards, 1, "F's guard on the task near P");
    assert.ok(Math.abs(byCompany.get(f.rec.id).nearestKm - 0.5) < 0.01);
    const ids = reach.companies.map((c) => c.companyId);
    assert.ok(ids.indexOf(n.rec.id) < ids.indexOf(f.rec.id) && ids.indexOf(f.rec.id) < ids.indexOf(m.rec.id), 'nearest first');
    assert.equal(reach.guardCount, reach.companies.reduce((s, c) => s + c.guards, 0));
  });

  after(async () => {
    for (const t of [atP, atFar]) if (t) await xy.post(`/emergency-tasks/${t.id}/end`, { summary: '测试结束' });
  });
});

describe("a guard's current task (GET /guards/{id})", () => {
  const currentOf = async (client, guard) => expectStatus(await client.get(`/guards/${guard.id}`), 200, `GET /guards/${guard.id}`).body.currentTask;
  const asCurrent = (t, kind) => ({ id: t.id, name: t.name ?? t.title, kind, address: t.address, lng: t.lng, lat: t.lat, startAt: t.startAt, endAt: t.endAt });

  test('the running service task; null once it has ended or is cancelled; never for another company\'s guard', async () => {
    const g = await guardOf(companyA);
    const otherCompanys = await guardOf(companyQ);
    assert.equal(await currentOf(xy, g), null, 'no task yet');
    // A task that has not started is not current.
    expectStatus(await companyA.client.post('/portal/tasks', taskBody({ guardIds: [g.id], needed: 1 })), 201);
    assert.equal(await currentOf(xy, g), null, 'a pending task');

    const body = taskBody({ startAt: at(-HOUR), endAt: at(DAY), guardIds: [g.id], needed: 1, name: uniqName('当前任务') });
    const running = expectStatus(await companyA.client.post('/portal/tasks', body), 201).body;
    const detail = expectStatus(await wc.get(`/guards/${g.id}`), 200).body;
    assertSchema('GuardDetail', detail);
    assertSchema('GuardCurrentTask', detail.currentTask);
    assert.deepEqual(detail.currentTask, asCurrent(running, 'task'));
    assert.deepEqual(await currentOf(xy, g), asCurrent(running, 'task'), 'the city sees it too');
    assert.equal(await currentOf(xy, otherCompanys), null, "another company's guard");
    assert.equal(await currentOf(xy, guardQ), null, "another company's guard on its own (not running) task");

    // Ended: the company moves the end before now.
    expectStatus(await companyA.client.put(`/portal/tasks/${running.id}`, { ...body, endAt: at(-60 * 1000) }), 200, 'end it');
    assert.equal(await currentOf(xy, g), null, 'after the end');

    // Cancelled.
    const second = expectStatus(
      await companyA.client.post('/portal/tasks', { ...body, name: uniqName('当前任务') }),
      201,
    ).body;
    assert.equal((await currentOf(xy, g))?.id, second.id);
    expectStatus(await companyA.client.post(`/portal/tasks/${second.id}/cancel`), 200);
    assert.equal(await currentOf(xy, g), null, 'after the cancellation');

    // A guard who left the company is no longer on its running task.
    const leaver = await guardOf(companyA);
    expectStatus(await companyA.client.post('/portal/tasks', { ...body, guardIds: [leaver.id], name: uniqName('当前任务') }), 201);
    assert.equal((await currentOf(xy, leaver))?.kind, 'task');
    expectStatus(await companyA.client.post(`/portal/guards/${leaver.id}/leave`, {}), 200);
    assert.equal(await currentOf(xy, leaver), null, 'after leaving');
  });

  test('else the running emergency task the company sent the guard to, until 结束', async () => {
    const g = await guardOf(companyA);
    const emergency = expectStatus(
      await xy.post('/emergency-tasks', {
        title: uniqName('应急值守'), detail: '协助维持秩序', address: '咸阳市渭城区文汇路8号', regionCode: '610404', ...WEICHENG,
        startAt: at(-HOUR), endAt: at(DAY), needed: 1, companyIds: [companyA.rec.id, companyQ.rec.id],
      }),
      201,
    ).body;
    assert.equal(await currentOf(xy, g), null, 'asked, not yet sent');
    expectStatus(await companyA.client.post(`/portal/emergency-tasks/${emergency.id}/response`, { accept: true, guardIds: [g.id] }), 200);
    assert.deepEqual(await currentOf(wc, g), asCurrent(emergency, 'emergency'));
    assert.equal(await currentOf(xy, guardQ), null, 'the other asked company sent nobody');
    expectStatus(await xy.post(`/emergency-tasks/${emergency.id}/end`, { summary: '结束' }), 200);
    assert.equal(await currentOf(xy, g), null, 'after 结束');
  });
});

describe('任务中心 export (GET /tasks/export)', () => {
  async function exported(client, query) {
    const res = await download(client, '/tasks/export', query);
    expectStatus(res, 200, `export ${JSON.stringify(query)}`);
    assert.ok(res.contentType.startsWith(XLSX_TYPE));
    const wb = await readXlsx(res.buf);
    return sheetTable(wb.worksheets[0]);
  }

  test('as many rows as the list reports under the same filters', async () => {
    for (const [who, client, query] of [
      ['xy', xy, { type: 'door' }],
      ['xy', xy, { status: 'running', regionCode: '610404' }],
      ['wc', wc, {}],
    ]) {
      const list = expectStatus(await client.get('/tasks', { query: { ...query, size: 1 } }), 200).body;
      const t = await exported(client, query);
      assert.equal(t.rows.length, list.total, `${who} ${JSON.stringify(query)}`);
      assert.ok(t.header.includes('任务名称') && t.header.includes('发布公司'), t.header.join(','));
    }
  });

  test("a 渭城 officer's export never holds 秦都's tasks; bad filters refused; the permission is checked", async () => {
    const t = await exported(wc, {});
    const region = t.header.indexOf('所属区域');
    assert.ok(t.rows.length > 0);
    for (const r of t.rows) assert.doesNotMatch(r[region].text, /秦都区/);
    const name = t.header.indexOf('任务名称');
    const qTasks = expectStatus(await qd.get('/tasks', { query: { regionCode: '610402', size: 1 } }), 200).body;
    assert.ok(qTasks.total > 0, '秦都 has tasks');
    assert.ok(!t.rows.some((r) => r[name].text === qTasks.items[0].name && r[region].text.includes('秦都')));
    expectFieldError(await xy.get('/tasks/export', { query: { status: 'done' } }), 'status');
    expectError(await companyA.client.get('/tasks/export'), 403, 'forbidden');
  });
});
