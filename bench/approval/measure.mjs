// Measures the approval scenario (bench/approval.sh) against a running server: 待办 first page with
// its total for a city handler and for the province section chief, 同意 actions, and licence PDFs.
// One connection, requests one after another; prints p50/p99 and each target with PASS/MISS.
import { performance } from 'node:perf_hooks';
import { login } from '../../server/tests/api/lib.mjs';

const N = Number(process.env.BENCH_REQUESTS ?? 400);
const WARM = 20;
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const rows = [];
function report(name, times, target) {
  const p50 = pct(times, 50);
  const p99 = pct(times, 99);
  const ok = p99 <= target;
  rows.push({ name, n: times.length, p50, p99, target, ok });
  console.log(`${name}: n=${times.length} p50 ${p50.toFixed(1)} ms p99 ${p99.toFixed(1)} ms (target p99 <= ${target} ms) ${ok ? 'PASS' : 'MISS'}`);
}
async function timed(fn) {
  const t0 = performance.now();
  const res = await fn();
  const ms = performance.now() - t0;
  if (res.status >= 300) throw new Error(`${res.status} ${res.text?.slice(0, 200)}`);
  return { ms, res };
}
async function series(n, fn) {
  const out = [];
  for (let i = 0; i < WARM + n; i += 1) {
    const { ms } = await timed(() => fn(i));
    if (i >= WARM) out.push(ms);
  }
  return out;
}

const password = 'Baoan@2026';
for (const [who, name] of [['xy_jb', '市经办民警 (咸阳市局)'], ['st_kz', '省厅科长']]) {
  const c = await login(who, password);
  const first = await c.get('/todo', { query: { page: 1, size: 20 } });
  console.log(`待办 of ${name}: total ${first.body.total}`);
  report(`待办 first page + total, ${name}`, await series(N, () => c.get('/todo', { query: { page: 1, size: 20 } })), 20);
}

// 同意 by the 市保安处领导 on cases waiting at the second step of the company licence.
const bac = await login('xy_bac', password);
const waiting = [];
for (let page = 1; waiting.length < N + WARM && page <= 50; page += 1) {
  const res = await bac.get('/todo', { query: { businessType: 'company_licence', page, size: 200 } });
  waiting.push(...res.body.items.filter((x) => x.stepIndex === 1 && x.status === 'in_review').map((x) => x.id));
  if (res.body.items.length < 200) break;
}
const approvals = Math.min(N, waiting.length - WARM);
report('同意 (approve)', await series(approvals, (i) => bac.post(`/applications/${waiting[i]}/approve`, { opinion: '同意' })), 30);

// Licence PDFs.
const admin = await login('st_fcz', password);
const licences = (await admin.get('/licences', { query: { size: 50 } })).body.items;
const pdfs = Math.min(100, N);
report('licence PDF', await series(pdfs, (i) => admin.get(`/licences/${licences[i % licences.length].id}/document`, { binary: true })), 150);

console.log('\n| scenario | n | p50 ms | p99 ms | target p99 | |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.name} | ${r.n} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ≤ ${r.target} | ${r.ok ? 'PASS' : 'MISS'} |`);
