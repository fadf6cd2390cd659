// Measures a province exam round (bench/exam.sh, issue 13 targets) against a running server that holds
// CANDIDATES paid registrations of 咸阳 (exam/registrations.sql): as the city's officer (xy_jb) one exam
// with rooms of 30 for all of them — 添加人员 of every candidate, 考场编排 (≤ 2 s), the 准考证 PDF of one
// room of 30 (≤ 1 s, the median of 5), the score import of 5 000 rows (≤ 3 s), 通知成绩, then 制证审批 of
// ten candidates in batch (xy_jb, then xy_bac) and the A4 sheet of their ten certificates (≤ 1 s, median
// of 5). Prints each figure with its target, PASS/MISS and the 1-minute load average.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { exceljsXlsx, login, readXlsx, sheetTable } from '../../server/tests/api/lib.mjs';

const CANDIDATES = Number(process.env.CANDIDATES ?? 20000);
const SCORES = Math.min(5000, CANDIDATES);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const rows = [];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function report(name, ms, target) {
  const ok = ms <= target;
  const load = loadavg()[0].toFixed(2);
  rows.push({ name, ms, target, ok, load });
  console.log(`${name}: ${ms.toFixed(0)} ms (target <= ${target} ms) ${ok ? 'PASS' : 'MISS'} load ${load}`);
}

async function timed(fn, what) {
  const t0 = performance.now();
  const res = await fn();
  const ms = performance.now() - t0;
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${res.text?.slice(0, 300)}`);
  return { ms, res };
}

const xy = await login('xy_jb', 'Baoan@2026');
const bac = await login('xy_bac', 'Baoan@2026');

// The candidates waiting for an exam in the officer's scope.
const ids = [];
for (let page = 1; ids.length < CANDIDATES; page += 1) {
  const res = await xy.get('/exam-registrations', { query: { status: 'pending_exam', page, size: 200 } });
  if (res.status !== 200 || res.body.items.length === 0) break;
  ids.push(...res.body.items.map((i) => i.id));
}
console.log(`candidates waiting for an exam: ${ids.length}`);

// Scores are taken once the exam has started: it starts a little after the arrangement is done.
const LEAD_MS = Number(process.env.BENCH_EXAM_LEAD_SECONDS ?? 90) * 1000;
const start = Date.now() + LEAD_MS;
// An exam has at most 500 rooms: the first room seats 30 (its tickets are measured), the others 41.
const rooms = [{ name: '第1考场', seats: 30 },
  ...Array.from({ length: Math.ceil(Math.max(0, ids.length - 30) / 41) }, (_, i) => ({ name: `第${i + 2}考场`, seats: 41 }))];
const exam = (await timed(() => xy.post('/exams', {
  name: `全省保安员资格考试(基准)${Date.now()}`, kind: 'theory', place: '咸阳市公安局培训中心',
  startAt: new Date(start).toISOString(), endAt: new Date(start + 7200e3).toISOString(), rooms, passTheory: 60,
}), 'create exam')).res.body;

const added = await timed(() => xy.post(`/exams/${exam.id}/candidates`, { registrationIds: ids }), '添加人员');
console.log(`添加人员 of ${ids.length}: ${added.ms.toFixed(0)} ms`);
const seated = await timed(() => xy.post(`/exams/${exam.id}/seating`, { order: 'id' }), '考场编排');
report(`考场编排 of ${ids.length} candidates in ${rooms.length} rooms`, seated.ms, 2000);

const detail = (await timed(() => xy.get(`/exams/${exam.id}`), 'exam')).res.body;
const room = (detail.rooms ?? [])[0];
const ticketTimes = [];
for (let i = 0; i < 6; i += 1) {
  const { ms } = await timed(() => xy.request('GET', `/exams/${exam.id}/tickets`, undefined, { binary: true, query: { room: room.id } }), 'tickets');
  if (i > 0) ticketTimes.push(ms);  // the first warms the fonts
}
report('准考证 PDF of one room of 30 (median of 5)', median(ticketTimes), 1000);

// The score template (every candidate) filled in, imported in files of 5 000 rows (the target is per
// file); 通知成绩 needs every candidate scored.
const wait = start - Date.now() + 1000;
if (wait > 0) {
  console.log(`waiting ${(wait / 1000).toFixed(0)} s for the exam to start (scores are entered after it starts)`);
  await new Promise((r) => setTimeout(r, wait));
}
const tpl = await xy.request('GET', `/exams/${exam.id}/score-template`, undefined, { binary: true });
const sheet = sheetTable((await readXlsx(tpl.buf)).worksheets[0]);
const importTimes = [];
for (let from = 0; from < sheet.rows.length; from += SCORES) {
  const filled = sheet.rows.slice(from, from + SCORES).map((cells, i) => [cells[0].text, cells[1].text, 40 + ((from + i) % 60), null, '否']);
  const xlsx = await exceljsXlsx([['准考证号', '姓名', '理论成绩', '技能成绩', '缺考'], ...filled]);
  const { ms } = await timed(() => xy.request('POST', `/exams/${exam.id}/scores/import`, undefined, { raw: xlsx, headers: { 'Content-Type': XLSX } }), 'score import');
  importTimes.push(ms);
}
report(`score import of ${SCORES} rows (slowest of ${importTimes.length} files)`, Math.max(...importTimes), 3000);
const notified = await timed(() => xy.post(`/exams/${exam.id}/notify-scores`, {}), '通知成绩');
console.log(`通知成绩 of ${ids.length} (opens the 制证审批 of those who passed): ${notified.ms.toFixed(0)} ms`);

// 制证审批 of ten who passed, in batch at both city steps, then their certificates on one sheet.
const todo = async (client) => (await client.get('/todo', { query: { businessType: 'certificate_issuance', size: 10 } })).body.items.map((c) => c.id);
const firstTen = await todo(xy);
await timed(() => xy.post('/applications/batch/approve', { ids: firstTen, opinion: '经审核,符合制证条件。' }), 'batch approve 1');
const atLeader = await todo(bac);
await timed(() => bac.post('/applications/batch/approve', { ids: atLeader, opinion: '同意制证。' }), 'batch approve 2');
const certs = (await timed(() => xy.get('/certificates', { query: { status: 'valid', size: 10 } }), 'certificates')).res.body.items.map((c) => c.id);
const sheetTimes = [];
for (let i = 0; i < 6; i += 1) {
  const { ms } = await timed(() => xy.request('POST', '/certificates/print', { ids: certs }, { binary: true }), 'print');
  if (i > 0) sheetTimes.push(ms);
}
report(`A4 sheet of ${certs.length} certificates (median of 5)`, median(sheetTimes), 1000);

console.log(`\n${rows.filter((r) => r.ok).length} PASS, ${rows.filter((r) => !r.ok).length} MISS`);
