// The working calendar (系统管理 → 工作日历): GET /calendar?year= for every signed-in user, PUT
// /calendar/{year} replacing a year's holidays and 调休 working days (calendar:update), validated day by
// day with 422 naming days[i].field, audited. The shipped 2025/2026 State Council arrangements are
// there after `baoan migrate` (migration 0010). Writes go to a far year of its own (2090–2099), which
// starts empty and is emptied again, so that no other test's clock changes.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  admin,
  anon,
  assertSchema,
  expectError,
  expectFieldError,
  expectStatus,
  loginDemo,
  userWithPermissions,
} from './lib.mjs';

const YEAR = 2090 + randomInt(10);
// The first Saturday and the first Monday of October of YEAR from day `from` on (the tests also list
// 10-01 to 10-03 as holidays: the Saturday must not be one of those days, or a year whose October
// starts on a Saturday lists one date twice).
function firstOctober(weekday, from = 1) {
  for (let d = from; d < from + 7; d++) {
    const date = new Date(Date.UTC(YEAR, 9, d));
    if (date.getUTCDay() === weekday) return date.toISOString().slice(0, 10);
  }
  throw new Error('unreachable');
}
const SATURDAY = firstOctober(6, 4);
const MONDAY = firstOctober(1);
const chinaYear = () => Number(new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 4));

describe('read', () => {
  test('the shipped 2026 arrangement, for any signed-in user (an officer without calendar permissions)', async () => {
    const officer = await loginDemo('xy_jb');
    const me = expectStatus(await officer.get('/auth/me'), 200).body;
    assert.ok(!me.permissions.some((p) => p.startsWith('calendar:')), 'the officer holds no calendar permission');
    const res = expectStatus(await officer.get('/calendar', { query: { year: 2026 } }), 200);
    assertSchema('CalendarYear', res.body);
    assert.equal(res.body.year, 2026);
    const days = res.body.days;
    assert.equal(days.length, 39);
    assert.deepEqual(days.map((d) => d.date), [...days.map((d) => d.date)].sort(), 'in date order');
    assert.ok(days.every((d) => d.date.startsWith('2026-')));
    const byDate = Object.fromEntries(days.map((d) => [d.date, d]));
    assert.deepEqual(byDate['2026-10-01'], { date: '2026-10-01', kind: 'holiday', name: '国庆节' });
    assert.deepEqual(byDate['2026-10-10'], { date: '2026-10-10', kind: 'workday', name: '国庆节调休' });
    assert.deepEqual(byDate['2026-02-14'], { date: '2026-02-14', kind: 'workday', name: '春节调休' });
    assert.equal(days.filter((d) => d.kind === 'workday').length, 6);
    const y2025 = expectStatus(await officer.get('/calendar', { query: { year: 2025 } }), 200).body;
    assert.equal(y2025.days.length, 33);
    assert.equal(y2025.days.find((d) => d.date === '2025-10-08')?.name, '国庆节、中秋节');
  });

  test('no year: this year in China; a year not entered: no days', async () => {
    const a = await admin();
    assert.equal(expectStatus(await a.get('/calendar'), 200).body.year, chinaYear());
    assert.deepEqual(expectStatus(await a.get('/calendar', { query: { year: 2100 } }), 200).body, { year: 2100, days: [] });
  });

  test('a bad year → 400 naming year', async () => {
    const a = await admin();
    for (const year of ['abc', '1999', '2101', '20260', '-2026', '2026.5', '+2026'])
      assert.ok(expectError(await a.get('/calendar', { query: { year } }), 400, 'bad_request', year).fields.year, year);
  });

  test('without a session → 401', async () => {
    expectError(await anon().get('/calendar', { query: { year: 2026 } }), 401, 'unauthenticated');
  });
});

describe('replace a year', () => {
  let a;
  const day = (date, kind, name) => ({ date, kind, name });
  const put = (client, days, year = YEAR) => client.put(`/calendar/${year}`, { days });
  const stored = async () => expectStatus(await a.get('/calendar', { query: { year: YEAR } }), 200).body.days;
  before(async () => {
    a = await admin();
    assert.deepEqual(await stored(), [], `${YEAR} starts empty`);
  });
  after(async () => {
    expectStatus(await put(a, []), 200);
  });

  test('replaces every entry of the year and answers the year as stored', async () => {
    const first = [day(`${YEAR}-10-03`, 'holiday', '国庆节'), day(`${YEAR}-10-01`, 'holiday', '国庆节'), day(SATURDAY, 'workday', '国庆节调休')];
    const res = expectStatus(await put(a, first), 200);
    assertSchema('CalendarYear', res.body);
    assert.equal(res.body.year, YEAR);
    assert.deepEqual(res.body.days.map((d) => d.date), [`${YEAR}-10-01`, `${YEAR}-10-03`, SATURDAY].sort());
    assert.deepEqual(await stored(), res.body.days);
    // The second list replaces the first: 10-03 goes, 10-02 comes, the name of 10-01 changes.
    const second = [day(`${YEAR}-10-01`, 'holiday', '国庆'), day(`${YEAR}-10-02`, 'holiday', '国庆节')];
    expectStatus(await put(a, second), 200);
    assert.deepEqual(await stored(), second);
    // Other years are untouched.
    assert.equal(expectStatus(await a.get('/calendar', { query: { year: 2026 } }), 200).body.days.length, 39);
    // Names are trimmed.
    expectStatus(await put(a, [day(`${YEAR}-05-01`, 'holiday', '  劳动节 ')]), 200);
    assert.deepEqual(await stored(), [day(`${YEAR}-05-01`, 'holiday', '劳动节')]);
    expectStatus(await put(a, []), 200);
    assert.deepEqual(await stored(), []);
  });

  test('every bad day → 422 naming days[i] and its field; nothing is written', async () => {
    const good = [day(`${YEAR}-10-01`, 'holiday', '国庆节')];
    expectStatus(await put(a, good), 200);
    const cases = [
      [[day(`${YEAR + 1}-01-01`, 'holiday', '元旦')], 'days[0].date', ['日期']],
      [[day(`${YEAR}-02-30`, 'holiday', '春节')], 'days[0].date', ['日期']],
      [[day(`${YEAR}/10/01`, 'holiday', '国庆节')], 'days[0].date', ['日期']],
      [[day('', 'holiday', '国庆节')], 'days[0].date', ['日期']],
      [[day(`${YEAR}-10-01`, 'vacation', '国庆节')], 'days[0].kind', ['类型']],
      [[day(`${YEAR}-10-01`, '', '国庆节')], 'days[0].kind', ['类型']],
      [[day(`${YEAR}-10-01`, 'holiday', '')], 'days[0].name', ['名称']],
      [[day(`${YEAR}-10-01`, 'holiday', '节'.repeat(21))], 'days[0].name', ['名称', '20']],
      [[day(`${YEAR}-10-01`, 'holiday', '国庆\n节')], 'days[0].name', ['名称']],
      [[day(`${YEAR}-10-01`, 'holiday', '国庆节'), day(`${YEAR}-10-01`, 'holiday', '国庆节')], 'days[1].date', ['重复']],
      [[day(MONDAY, 'workday', '调休')], 'days[0].kind', ['周六或周日']],
      [[{ kind: 'holiday', name: '国庆节' }], 'days[0].date', ['日期']],
    ];
    for (const [days, field, labels] of cases) expectFieldError(await put(a, days), field, labels, `${field} ${JSON.stringify(days)}`);
    // Twenty characters are fine.
    expectStatus(await put(a, [day(`${YEAR}-10-01`, 'holiday', '节'.repeat(20))]), 200);
    expectStatus(await put(a, good), 200);
    // All problems of a list at once.
    const err = expectError(
      await put(a, [day(`${YEAR}-10-01`, 'holiday', ''), day(`${YEAR}-13-01`, 'holiday', '国庆节'), day(MONDAY, 'x', '调休')]),
      422,
      'validation_failed',
    );
    for (const f of ['days[0].name', 'days[1].date', 'days[2].kind']) assert.ok(err.fields[f], `${f}: ${JSON.stringify(err.fields)}`);
    assert.deepEqual(await stored(), good, 'a refused list writes nothing');
  });

  test('a malformed body → 400 or 422 naming days', async () => {
    expectFieldError(await a.put(`/calendar/${YEAR}`, {}), 'days', ['日期']);
    for (const days of ['2026-10-01', 5, { date: `${YEAR}-10-01` }])
      assert.ok(expectError(await a.put(`/calendar/${YEAR}`, { days }), 400, 'bad_request', JSON.stringify(days)).fields.days);
    assert.ok(expectError(await put(a, ['国庆节']), 400, 'bad_request').fields['days[0]']);
    assert.ok(expectError(await put(a, [day(`${YEAR}-10-01`, 'holiday', 7)]), 400, 'bad_request').fields['days[0].name']);
    expectError(await a.put(`/calendar/${YEAR}`, [], { raw: '[]' }), 400, 'bad_request');
    for (const year of ['abc', '1999', '2101'])
      assert.ok(expectError(await put(a, [], year), 400, 'bad_request', year).fields.year, year);
  });

  test('calendar:update is needed: 403 for the city administrator, an officer and a calendar:view role', async () => {
    const body = [day(`${YEAR}-10-01`, 'holiday', '国庆节')];
    const xyAdmin = await loginDemo('xy_admin');
    expectStatus(await xyAdmin.get('/calendar', { query: { year: YEAR } }), 200);
    expectError(await put(xyAdmin, body), 403, 'forbidden');
    expectError(await put(await loginDemo('xy_jb'), body), 403, 'forbidden');
    const viewer = await userWithPermissions(['calendar:view']);
    expectError(await put(viewer.client, body), 403, 'forbidden');
    const editor = await userWithPermissions(['calendar:update']);
    expectStatus(await put(editor.client, body), 200);
    assert.deepEqual(await stored(), body);
  });

  test('the menu item 工作日历 shows with calendar:view', async () => {
    const leaves = (me) => me.menus.flatMap((g) => g.children ?? []);
    const adminMe = expectStatus(await a.get('/auth/me'), 200).body;
    const item = leaves(adminMe).find((i) => i.path === '/system/calendar');
    assert.equal(item?.title, '工作日历');
    const xyMe = expectStatus(await (await loginDemo('xy_admin')).get('/auth/me'), 200).body;
    assert.ok(xyMe.permissions.includes('calendar:view') && !xyMe.permissions.includes('calendar:update'));
    assert.ok(leaves(xyMe).some((i) => i.path === '/system/calendar'));
    const officerMe = expectStatus(await (await loginDemo('xy_jb')).get('/auth/me'), 200).body;
    assert.ok(!leaves(officerMe).some((i) => i.path === '/system/calendar'));
  });

  test('each replacement is in the audit log with the changes', async () => {
    expectStatus(await put(a, []), 200);
    expectStatus(await put(a, [day(`${YEAR}-10-01`, 'holiday', '国庆节'), day(SATURDAY, 'workday', '国庆节调休')]), 200);
    expectStatus(await put(a, [day(`${YEAR}-10-01`, 'holiday', '国庆'), day(`${YEAR}-10-02`, 'holiday', '国庆节')]), 200);
    const res = expectStatus(await a.get('/audit-logs', { query: { targetType: 'calendar', size: 200 } }), 200);
    const mine = res.body.items.filter((e) => String(e.targetId) === String(YEAR));
    assert.ok(mine.length >= 3, JSON.stringify(mine));
    const [latest, previous] = mine; // newest first
    assert.equal(latest.account, 'admin');
    assert.equal(latest.action, 'update');
    assert.match(latest.summary, new RegExp(`${YEAR} 年工作日历`));
    assert.match(latest.summary, /节假日 2 天,调休上班 0 天/);
    assert.match(latest.summary, new RegExp(`修改 ${YEAR}-10-01 为 节假日 国庆`));
    assert.match(latest.summary, new RegExp(`新增 ${YEAR}-10-02 节假日 国庆节`));
    assert.match(latest.summary, new RegExp(`删除 ${SATURDAY} 调休上班 国庆节调休`));
    assert.match(previous.summary, new RegExp(`新增 ${SATURDAY} 调休上班 国庆节调休`));
    // A refused list leaves no entry.
    expectFieldError(await put(a, [day(`${YEAR}-10-01`, 'holiday', '')]), 'days[0].name');
    const again = expectStatus(await a.get('/audit-logs', { query: { targetType: 'calendar', size: 200 } }), 200);
    assert.equal(again.body.items.filter((e) => String(e.targetId) === String(YEAR)).length, mine.length);
  });
});
