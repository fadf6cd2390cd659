// 考试安排 and 成绩 (manual §6.2, issue 13): an exam created by the 咸阳 officer, people added from the
// demo registrations waiting for an exam (all or nothing), 考场编排 with too few seats and then enough,
// a seat moved, 准考证 as PDF (read back with pdftotext), the room list as xlsx, 考试通知 once, scores
// one by one and from the template with bad rows, 通知成绩, a change after it that needs a reason, and
// the scope: another city's officer and the 渭城 officer see none of the city's exams.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import {
  admin,
  attachmentName,
  download,
  exceljsXlsx,
  expectError,
  expectFieldError,
  expectStatus,
  login,
  MASKED_ID,
  readXlsx,
  sheetTable,
  sleep,
  uniqName,
  XLSX_TYPE,
} from './lib.mjs';

const TICKET = /^\d{4}6104\d{3}\d{5}$/;
const PASSWORD = 'Baoan@2026';
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
// "2026-12-20 09:00": how tickets and notices print a time (China time).
const chinaTime = (text) => new Date(Date.parse(text) + 8 * 3600e3).toISOString().slice(0, 16).replace('T', ' ');

let xy; // 咸阳 city officer (王建国)
let wc; // 渭城分局 officer
let xa; // 西安 city officer
let examA; // seating, tickets, notify
let examB; // scores: starts a few seconds after the test file does
let bStart;
let bRegs;

function examBody(overrides = {}) {
  const start = Date.now() + 30 * 86400e3;
  return {
    name: uniqName('保安员资格考试'),
    kind: 'theory',
    place: '咸阳市公安局培训中心',
    startAt: iso(start),
    endAt: iso(start + 2 * 3600e3),
    rooms: [{ name: '第一考场', seats: 30 }],
    ...overrides,
  };
}

async function waiting(n) {
  const res = expectStatus(await xy.get(`/exams/${examA.id}/addable`, { query: { size: 200 } }), 200, 'addable');
  assert.ok(res.body.items.length >= n, `the demo has ${res.body.items.length} registrations waiting for an exam in 咸阳, need ${n}`);
  for (const r of res.body.items) {
    assert.equal(r.status, 'pending_exam');
    assert.match(r.idNo, MASKED_ID);
  }
  return res.body.items.slice(0, n).map((r) => r.registrationId);
}

function pdfImages(buf) {
  const dir = mkdtempSync(join(tmpdir(), 'baoan-ticket-'));
  try {
    writeFileSync(join(dir, 't.pdf'), buf);
    const r = spawnSync('pdfimages', ['-list', join(dir, 't.pdf')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.split('\n').slice(2).filter((l) => l.trim()).length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function pdfText(buf) {
  const dir = mkdtempSync(join(tmpdir(), 'baoan-ticket-'));
  try {
    writeFileSync(join(dir, 't.pdf'), buf);
    const r = spawnSync('pdftotext', ['-layout', join(dir, 't.pdf'), '-'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

before(async () => {
  xy = await login('xy_jb', PASSWORD);
  wc = await login('wc_jb', PASSWORD);
  xa = await login('xa_jb', PASSWORD);
  examA = expectStatus(
    await xy.post('/exams', examBody({ rooms: [{ name: '第一考场', seats: 2 }, { name: '第二考场', seats: 2 }] })),
    201,
    'exam A',
  ).body;
  // Exam B starts 15 s from now: its people are added and seated at once, its scores wait for the start.
  bStart = Date.now() + 15000;
  examB = expectStatus(
    await xy.post('/exams', examBody({ kind: 'theory_skills', startAt: iso(bStart), endAt: iso(bStart + 3600e3) })),
    201,
    'exam B',
  ).body;
  bRegs = await waiting(3);
  expectStatus(await xy.post(`/exams/${examB.id}/candidates`, { registrationIds: bRegs }), 200, 'add to B');
  expectStatus(await xy.post(`/exams/${examB.id}/seating`, { order: 'random' }), 200, 'seat B');
});

describe('考试安排', () => {
  test('an exam is created with the pass rule, and refused with every bad field named', async () => {
    assert.equal(examA.status, 'not_started');
    assert.equal(examA.statusName, '未开始');
    assert.equal(examA.passTheory, 60);
    assert.equal(examA.passSkills, null);
    assert.equal(examA.cityCode, '610400');
    assert.equal(examB.passSkills, 60);
    assert.equal(examA.rooms.length, 2);
    const bad = expectError(
      await xy.post('/exams', { name: '', kind: 'written', place: '某地', startAt: iso(Date.now() + 86400e3), endAt: iso(Date.now()), rooms: [{ name: 'A', seats: 0 }] }),
      422,
      'validation_failed',
    );
    for (const f of ['name', 'kind', 'endAt', 'rooms[0].seats']) assert.ok(bad.fields[f], `fields.${f}: ${JSON.stringify(bad)}`);
    expectFieldError(await xy.post('/exams', examBody({ startAt: iso(Date.now() - 3600e3) })), 'startAt', ['开始时间']);
    expectFieldError(await xy.post('/exams', examBody({ passSkills: 70 })), 'passSkills', ['技能']);
    expectFieldError(await xy.post('/exams', examBody({ rooms: [] })), 'rooms', ['考场']);
    expectError(await xy.post('/exams', { ...examBody(), rooms: 'A' }), 400, 'bad_request');
  });

  test('the list searches by name, status and date; the demo has two past exams with scores', async () => {
    const byName = expectStatus(await xy.get('/exams', { query: { name: examA.name } }), 200).body;
    assert.deepEqual(byName.items.map((e) => e.id), [examA.id]);
    const finished = expectStatus(await xy.get('/exams', { query: { status: 'finished', size: 100 } }), 200).body;
    assert.ok(finished.items.length >= 2, 'two past demo exams');
    assert.ok(finished.items.every((e) => e.status === 'finished' && e.orgId));
    let absent = 0;
    let passed = 0;
    let failed = 0;
    for (const e of finished.items) {
      const d = expectStatus(await xy.get(`/exams/${e.id}`), 200).body;
      absent += d.results.absent;
      passed += d.results.passed;
      failed += d.results.failed;
      if (d.candidates.length) assert.ok(d.scoresNotifiedAt, 'past demo exams have their scores announced');
    }
    assert.ok(passed > 0 && failed > 0 && absent === 1, `demo results ${passed}/${failed}/${absent}`);
    const upcoming = expectStatus(await xy.get('/exams', { query: { status: 'not_started', size: 100 } }), 200).body;
    assert.ok(upcoming.items.some((e) => e.seated && e.candidateCount > 0), 'an upcoming demo exam with seats');
    const day = iso(Date.parse(examA.startAt) + 8 * 3600e3).slice(0, 10); // the exam's day in China, as the filter counts
    const byDay = expectStatus(await xy.get('/exams', { query: { from: day, to: day, size: 100 } }), 200).body;
    assert.ok(byDay.items.some((e) => e.id === examA.id));
    expectFieldError(await xy.get('/exams', { query: { status: 'soon' } }), 'status', ['状态']);
  });

  test('people are added all or nothing with a reason per refused id; then the exam cannot be changed', async () => {
    const ids = await waiting(5);
    const refused = expectError(await xy.post(`/exams/${examA.id}/candidates`, { registrationIds: [...ids, bRegs[0], 999999999] }), 422);
    assert.ok(refused.fields[`registrationIds.${bRegs[0]}`], JSON.stringify(refused));
    assert.ok(refused.fields['registrationIds.999999999'], JSON.stringify(refused));
    assert.ok(!refused.fields[`registrationIds.${ids[0]}`]);
    assert.match(refused.message, /999999999/);
    assert.equal(expectStatus(await xy.get(`/exams/${examA.id}`), 200).body.candidateCount, 0, 'nothing added');
    const added = expectStatus(await xy.post(`/exams/${examA.id}/candidates`, { registrationIds: ids }), 200).body;
    assert.equal(added.added, 5);
    const detail = expectStatus(await xy.get(`/exams/${examA.id}`), 200).body;
    assert.equal(detail.candidates.length, 5);
    for (const k of detail.candidates) {
      assert.equal(k.registrationStatus, 'scheduled');
      assert.match(k.idNo, MASKED_ID);
      assert.equal(k.ticketNo, null);
    }
    const still = expectStatus(await xy.get(`/exams/${examA.id}/addable`, { query: { size: 200 } }), 200).body.items;
    assert.ok(!still.some((r) => ids.includes(r.registrationId)), 'added people are no longer addable');
    expectError(await xy.put(`/exams/${examA.id}`, examBody({ name: examA.name })), 409, 'conflict');
    expectError(await xy.del(`/exams/${examA.id}`), 409, 'conflict');
  });

  test('考场编排: too few seats says how many are missing; seats, tickets and a seat move', async () => {
    const tooFew = expectError(await xy.post(`/exams/${examA.id}/seating`, { order: 'id' }), 409, 'conflict');
    assert.match(tooFew.message, /还差 1 个座位/);
    let detail = expectStatus(await xy.get(`/exams/${examA.id}`), 200).body;
    const out = detail.candidates.slice(3).map((k) => k.registrationId);
    for (const r of out) expectStatus(await xy.del(`/exams/${examA.id}/candidates/${r}`), 204);
    const back = expectStatus(await xy.get(`/exams/${examA.id}/addable`, { query: { size: 200 } }), 200).body.items;
    assert.ok(out.every((r) => back.some((x) => x.registrationId === r)), 'removed people wait for an exam again');
    expectFieldError(await xy.post(`/exams/${examA.id}/seating`, { order: 'alphabet' }), 'order', ['编排']);
    detail = expectStatus(await xy.post(`/exams/${examA.id}/seating`, { order: 'id' }), 200).body;
    assert.equal(detail.seated, true);
    const tickets = detail.candidates.map((k) => k.ticketNo);
    assert.equal(new Set(tickets).size, 3);
    for (const t of tickets) assert.match(t, TICKET);
    assert.deepEqual(detail.rooms.map((m) => m.used), [2, 1]);
    const [room1, room2] = detail.rooms;
    const first = detail.candidates.find((k) => k.roomId === room1.id);
    expectError(await xy.put(`/exams/${examA.id}/candidates/${first.registrationId}/seat`, { roomId: room2.id, seat: 1 }), 409, 'conflict');
    expectFieldError(await xy.put(`/exams/${examA.id}/candidates/${first.registrationId}/seat`, { roomId: room2.id, seat: 3 }), 'seat', ['座位']);
    const moved = expectStatus(
      await xy.put(`/exams/${examA.id}/candidates/${first.registrationId}/seat`, { roomId: room2.id, seat: 2 }),
      200,
    ).body.candidates.find((k) => k.registrationId === first.registrationId);
    assert.equal(moved.roomId, room2.id);
    assert.equal(moved.seat, 2);
    assert.equal(moved.ticketNo, first.ticketNo, 'the ticket number stays');
  });

  test('准考证 are PDFs (all, a room, one candidate) and the room list is an xlsx', async () => {
    const detail = expectStatus(await xy.get(`/exams/${examA.id}`), 200).body;
    const all = await xy.request('GET', `/exams/${examA.id}/tickets`, undefined, { binary: true, headers: { Accept: 'application/pdf' } });
    expectStatus(all, 200, 'tickets');
    assert.match(all.contentType, /^application\/pdf/);
    assert.equal(all.buf.subarray(0, 5).toString(), '%PDF-');
    const text = pdfText(all.buf);
    assert.match(text, /准考证/);
    assert.ok(text.includes(chinaTime(examA.startAt)), `the start in China time (${chinaTime(examA.startAt)}) printed`);
    for (const k of detail.candidates) {
      assert.ok(text.includes(k.ticketNo), `ticket ${k.ticketNo} printed`);
      assert.ok(text.includes(k.idNo), `masked ID ${k.idNo} printed`);
    }
    const room = detail.rooms[1];
    const one = await xy.request('GET', `/exams/${examA.id}/tickets`, undefined, { binary: true, query: { room: room.id } });
    expectStatus(one, 200, 'tickets of a room');
    const roomText = pdfText(one.buf);
    for (const k of detail.candidates) assert.equal(roomText.includes(k.ticketNo), k.roomId === room.id, k.ticketNo);
    const single = detail.candidates[0];
    const mine = await xy.request('GET', `/exams/${examA.id}/tickets`, undefined, { binary: true, query: { registrationId: single.registrationId } });
    expectStatus(mine, 200, 'one ticket');
    assert.ok(pdfText(mine.buf).includes(single.ticketNo));
    expectError(await xy.get(`/exams/${examA.id}/tickets`, { query: { room: '不存在的考场' } }), 404, 'not_found');
    // The demo's upcoming exam: its registrations carry photos, printed on every ticket.
    const upcoming = expectStatus(await xy.get('/exams', { query: { status: 'not_started', size: 100 } }), 200).body.items.find(
      (e) => e.seated && e.candidateCount > 0,
    );
    const demo = await xy.request('GET', `/exams/${upcoming.id}/tickets`, undefined, { binary: true });
    expectStatus(demo, 200, 'demo tickets');
    assert.equal(pdfImages(demo.buf), upcoming.candidateCount, 'one photo per ticket');

    const list = await download(xy, `/exams/${examA.id}/candidates/export`, { room: room.id });
    expectStatus(list, 200, 'room list');
    assert.ok(list.contentType.startsWith(XLSX_TYPE));
    assert.match(attachmentName(list.headers), /考场名单/);
    const t = sheetTable((await readXlsx(list.buf)).worksheets[0]);
    assert.deepEqual(t.header.slice(0, 4), ['考场', '座位号', '准考证号', '姓名']);
    assert.equal(t.rows.length, room.used);
  });

  test('考试通知 goes once; again only when confirmed', async () => {
    const sent = expectStatus(await xy.post(`/exams/${examA.id}/notify`, {}), 200).body;
    assert.equal(sent.sent, 3);
    assert.equal(sent.notifyCount, 1);
    const again = expectError(await xy.post(`/exams/${examA.id}/notify`, {}), 409, 'conflict');
    assert.match(again.message, /确认/);
    assert.equal(expectStatus(await xy.post(`/exams/${examA.id}/notify`, { confirm: true }), 200).body.notifyCount, 2);
    const reseat = expectError(await xy.post(`/exams/${examA.id}/seating`, { order: 'random' }), 409, 'conflict');
    assert.match(reseat.message, /准考证号/);
    const detail = expectStatus(await xy.get(`/exams/${examA.id}`), 200).body;
    assert.ok(detail.candidates.every((k) => k.notified));
    const sms = expectStatus(await (await admin()).get('/sms-messages', { query: { size: 200 } }), 200).body.items;
    const notice = sms.find((m) => m.content.includes(examA.name) && m.content.includes(detail.candidates[0].ticketNo));
    assert.ok(notice, 'the SMS names the exam and the ticket');
    assert.ok(notice.content.includes(chinaTime(examA.startAt)), `the SMS gives the start in China time: ${notice.content}`);
  });
});

describe('成绩', () => {
  test('scores wait for the exam to start; then one by one, with the field named when wrong', async () => {
    const r = bRegs[0];
    expectError(await xy.put(`/exams/${examB.id}/scores/${r}`, { theory: 80, skills: 80 }), 409, 'conflict');
    await sleep(Math.max(0, bStart - Date.now() + 500));
    expectFieldError(await xy.put(`/exams/${examB.id}/scores/${r}`, { theory: 101, skills: 80 }), 'theory', ['理论成绩']);
    expectFieldError(await xy.put(`/exams/${examB.id}/scores/${r}`, { theory: 80 }), 'skills', ['技能成绩']);
    expectFieldError(await xy.put(`/exams/${examB.id}/scores/${r}`, { theory: 80, skills: 80, absent: true }), 'theory', ['缺考']);
    expectError(await xy.put(`/exams/${examB.id}/scores/${r}`, { theory: '八十', skills: 80 }), 400, 'bad_request');
    const k = expectStatus(await xy.put(`/exams/${examB.id}/scores/${r}`, { theory: 80, skills: 75, result: 'failed' }), 200).body;
    assert.equal(k.result, 'passed', 'decided by the rule, never typed');
    assert.equal(k.resultName, '合格');
    assert.equal(k.registrationStatus, 'scheduled', 'the registration moves at 通知成绩');
  });

  test('the template lists the candidates; an import with bad rows writes nothing; a good one writes all', async () => {
    const tpl = await download(xy, `/exams/${examB.id}/score-template`);
    expectStatus(tpl, 200, 'template');
    const t = sheetTable((await readXlsx(tpl.buf)).worksheets[0]);
    assert.deepEqual(t.header, ['准考证号', '姓名', '理论成绩', '技能成绩', '缺考']);
    assert.equal(t.rows.length, 3);
    const detail = expectStatus(await xy.get(`/exams/${examB.id}`), 200).body;
    const of = (r) => detail.candidates.find((k) => k.registrationId === r);
    const [, r2, r3] = bRegs;
    const upload = (rows) =>
      exceljsXlsx([['准考证号', '姓名', '理论成绩', '技能成绩', '缺考'], ...rows]).then((buf) =>
        xy.request('POST', `/exams/${examB.id}/scores/import`, undefined, { raw: buf, headers: { 'Content-Type': XLSX_TYPE }, check: false }),
      );
    const bad = await upload([
      [of(r2).ticketNo, of(r2).name, 120, 70, ''],
      ['2026610499999999', '某人', 70, 70, ''],
      [of(r3).ticketNo, '别人', 70, 70, '也许'],
    ]);
    expectStatus(bad, 422, 'bad rows');
    assert.equal(bad.body.imported, 0);
    const where = bad.body.errors.map((e) => `${e.row}:${e.field}`);
    assert.deepEqual(where, ['2:theory', '3:ticketNo', '4:name', '4:absent']);
    assert.ok(bad.body.errors.every((e) => /[\u4e00-\u9fff]/.test(e.message)));
    assert.equal(of(r2).result, null);
    assert.equal(expectStatus(await xy.get(`/exams/${examB.id}`), 200).body.candidates.find((k) => k.registrationId === r2).result, null, 'nothing written');
    const good = await upload([
      [of(r2).ticketNo, of(r2).name, 59, 90, '否'],
      [of(r3).ticketNo, of(r3).name, null, null, '是'],
    ]);
    expectStatus(good, 200, 'good import');
    assert.equal(good.body.imported, 2);
    const after = expectStatus(await xy.get(`/exams/${examB.id}`), 200).body;
    assert.deepEqual(after.results, { passed: 1, failed: 1, absent: 1 });
    const absentOne = after.candidates.find((k) => k.registrationId === r3);
    assert.equal(absentOne.absent, true);
    assert.equal(absentOne.resultName, '缺考');
  });

  test('通知成绩 moves the registrations once; a change after it needs a reason and is logged', async () => {
    const [r1, r2, r3] = bRegs;
    const done = expectStatus(await xy.post(`/exams/${examB.id}/notify-scores`, {}), 200).body;
    assert.ok(done.scoresNotifiedAt);
    const status = (d, r) => d.candidates.find((k) => k.registrationId === r);
    // who passed goes straight on to 制证审批: a case in the city's 待办 (certificates module)
    assert.equal(status(done, r1).registrationStatus, 'pending_certificate');
    assert.equal(status(done, r2).registrationStatus, 'failed');
    assert.equal(status(done, r3).registrationStatus, 'failed');
    assert.equal(status(done, r3).result, 'absent', '缺考 stays apart from 不合格');
    expectError(await xy.post(`/exams/${examB.id}/notify-scores`, {}), 409, 'conflict');
    expectStatus(
      await xy.request('POST', `/exams/${examB.id}/scores/import`, undefined, {
        raw: await exceljsXlsx([['准考证号'], ['1']]),
        headers: { 'Content-Type': XLSX_TYPE },
        check: false,
      }),
      409,
      'no import after the notice',
    );
    expectFieldError(await xy.put(`/exams/${examB.id}/scores/${r2}`, { theory: 61, skills: 90 }), 'reason', ['原因']);
    const changed = expectStatus(await xy.put(`/exams/${examB.id}/scores/${r2}`, { theory: 61, skills: 90, reason: '复核阅卷更正' }), 200).body;
    assert.equal(changed.result, 'passed');
    assert.equal(changed.registrationStatus, 'pending_certificate', 'a change to 合格 after the notice opens its 制证审批 too');
    const detail = expectStatus(await xy.get(`/exams/${examB.id}`), 200).body;
    assert.equal(detail.scoreChanges.length, 1);
    assert.equal(detail.scoreChanges[0].reason, '复核阅卷更正');
    assert.equal(detail.scoreChanges[0].registrationId, r2);
  });
});

describe('scope', () => {
  test("another city's officer and the 渭城 officer see none of the city's exams", async () => {
    for (const other of [xa, wc]) {
      for (const path of [`/exams/${examA.id}`, `/exams/${examA.id}/addable`, `/exams/${examA.id}/score-template`, `/exams/${examA.id}/tickets`])
        expectError(await other.get(path), 404, 'not_found', `${other.account} ${path}`);
      expectError(await other.put(`/exams/${examB.id}/scores/${bRegs[0]}`, { theory: 1, skills: 1, reason: 'x' }), 404, 'not_found');
      expectError(await other.post(`/exams/${examA.id}/notify`, { confirm: true }), 404, 'not_found');
      expectError(await other.del(`/exams/${examA.id}`), 404, 'not_found');
      const list = expectStatus(await other.get('/exams', { query: { size: 200 } }), 200).body.items;
      assert.ok(!list.some((e) => e.id === examA.id || e.id === examB.id), `${other.account} lists none of them`);
    }
  });

  test("a county officer's exam is the county's, seen by the city too", async () => {
    const own = expectStatus(await wc.post('/exams', examBody()), 201).body;
    assert.equal(own.cityCode, '610400');
    assert.equal(own.orgName, '渭城分局');
    expectStatus(await xy.get(`/exams/${own.id}`), 200);
    expectError(await xa.get(`/exams/${own.id}`), 404, 'not_found');
    expectStatus(await wc.put(`/exams/${own.id}`, examBody({ name: own.name, place: '渭城区' })), 200);
    expectStatus(await wc.del(`/exams/${own.id}`), 204);
    expectError(await wc.get(`/exams/${own.id}`), 404, 'not_found');
  });
});
