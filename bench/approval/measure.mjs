// Measures the approval scenario (bench/approval.sh) against a running server: 待办 first page with
// its total for a city handler and for the province section chief, the §5 list pages of every type
// at city and province scope, 同意 actions, licence PDFs and one xlsx export.
// One connection, requests one after another; prints p50/p99, the 1-minute load average when the
// series ended, and each target with PASS/MISS.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { login } from '../../server/tests/api/lib.mjs';

const N = Number(process.env.BENCH_REQUESTS ?? 400);
const LIST_N = Number(process.env.BENCH_LIST_REQUESTS ?? 200);
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
  const load = loadavg()[0].toFixed(2);
  rows.push({ name, n: times.length, p50, p99, target, ok, load });
  console.log(`${name}: n=${times.length} p50 ${p50.toFixed(1)} ms p99 ${p99.toFixed(1)} ms (target p99 <= ${target} ms) ${ok ? 'PASS' : 'MISS'} load ${load}`);
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

// The §5 list pages (办件查询 of each type): first page with its total, page 2, a deep page and a
// search on the type's key field, for the 咸阳 city handler (the city's subtree) and the province
// section chief (the whole province).
const TYPES = ['company_licence', 'training_licence', 'branch_filing', 'inhouse_filing', 'cross_region_filing', 'annual_report',
  'licence_change', 'inhouse_revocation'];
const KEYS = { branch_filing: '三原', cross_region_filing: '曲江', annual_report: '2025' };
// Cross-region services are filed with the city where they are performed: 西安's handler too.
for (const [who, name, types] of [['xy_jb', '市经办民警 (咸阳市局, city scope)', TYPES], ['st_kz', '省厅科长 (province scope)', TYPES],
  ['xa_jb', '市经办民警 (西安市局, city scope)', ['cross_region_filing']]]) {
  const c = await login(who, password);
  for (const type of types) {
    const first = await c.get('/applications', { query: { businessType: type, page: 1, size: 20 } });
    if (first.status !== 200) throw new Error(`${type}: ${first.status} ${first.text?.slice(0, 200)}`);
    console.log(`${type} list of ${name}: total ${first.body.total}`);
    const pages = [[1, 'first page + total'], [2, 'page 2']];
    if (first.body.total > 50 * 20) pages.push([50, 'page 50']);
    for (const [page, label] of pages)
      report(`list ${type} ${label}, ${name}`, await series(LIST_N, () => c.get('/applications', { query: { businessType: type, page, size: 20 } })), 20);
    if (KEYS[type]) {
      const found = await c.get('/applications', { query: { businessType: type, key: KEYS[type], page: 1, size: 20 } });
      console.log(`${type} key=${KEYS[type]} of ${name}: total ${found.body.total}`);
      report(`list ${type} key=${KEYS[type]}, ${name}`,
        await series(LIST_N, () => c.get('/applications', { query: { businessType: type, key: KEYS[type], page: 1, size: 20 } })), 20);
    }
  }
}

// 同意 by the 市保安处领导 on cases waiting at the second step of the company and training licences
// (not the last step: the 同意 passes the case on).
const bac = await login('xy_bac', password);
const waiting = [];
for (const type of ['company_licence', 'training_licence'])
  for (let page = 1; waiting.length < N + WARM && page <= 50; page += 1) {
    const res = await bac.get('/todo', { query: { businessType: type, page, size: 200 } });
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

// One xlsx export of a type's whole list (办件查询 → 导出), once per scope: the time is printed.
for (const [who, name] of [['xy_jb', '市经办民警 (city scope)'], ['st_kz', '省厅科长 (province scope)']]) {
  const c = await login(who, password);
  const { ms, res } = await timed(() => c.get('/applications/export', { query: { businessType: 'annual_report' }, binary: true, timeout: 120000 }));
  console.log(`export annual_report xlsx, ${name}: ${ms.toFixed(0)} ms, ${(res.buf.length / 1024).toFixed(0)} KiB, load ${loadavg()[0].toFixed(2)}`);
}

console.log('\n| scenario | n | p50 ms | p99 ms | target p99 | | load |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.name} | ${r.n} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ≤ ${r.target} | ${r.ok ? 'PASS' : 'MISS'} | ${r.load} |`);
