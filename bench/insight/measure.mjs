// Measures the map's statistics and 一键搜 against a running server (bench/insight.sh starts it):
// p50/p99 over N sequential requests of each, as the province admin and as a 分局 officer.
import { performance } from 'node:perf_hooks';
import { admin, userWithPermissions } from '../../server/tests/api/lib.mjs';

const N = Number(process.env.BENCH_N ?? 100);
const GUARDS = ['region', 'employed', 'certified', 'gender', 'ageBand', 'education', 'employerKind'];
const COMPANIES = ['region', 'licenceStatus', 'capitalBand', 'guardBand', 'initialized'];

function pct(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(client, path, queries) {
  const times = [];
  for (let i = 0; i < N; i++) {
    const query = queries[i % queries.length];
    const t = performance.now();
    const res = await client.get(path, { query });
    times.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`${path} ${JSON.stringify(query)} → ${res.status} ${res.text.slice(0, 200)}`);
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 50), p99: pct(times, 99) };
}

function row(what, r, limit) {
  const verdict = r.p99 <= limit ? 'PASS' : 'MISS';
  console.log(`${what.padEnd(58)} p50 ${r.p50.toFixed(2).padStart(7)} ms  p99 ${r.p99.toFixed(2).padStart(7)} ms  (≤ ${limit})  ${verdict}`);
}

const province = await admin();
const branch = (await userWithPermissions(['quick_search:view', 'personnel_center:view', 'company_center:view', 'guard:view', 'company:view'],
  { orgName: '渭城分局' })).client;
// Warm up (the first request of each shape reads the pages from disk).
for (const c of [province, branch]) for (const g of GUARDS) await c.get('/stats/guards', { query: { groupBy: g } });

for (const [who, client, limit] of [['province (admin)', province, 100], ['分局 (渭城)', branch, 30]]) {
  for (const g of GUARDS) row(`${who} /stats/guards?groupBy=${g}`, await measure(client, '/stats/guards', [{ groupBy: g }]), limit);
  for (const g of GUARDS.slice(0, 3))
    row(`${who} /stats/guards?groupBy=${g}&employed=true&gender=female`,
      await measure(client, '/stats/guards', [{ groupBy: g, employed: 'true', gender: 'female' }]), limit);
  for (const g of COMPANIES) row(`${who} /stats/companies?groupBy=${g}`, await measure(client, '/stats/companies', [{ groupBy: g }]), limit);
}
// 一键搜: a sample of the province's guards and companies, typed whole and in part.
const guards = (await province.get('/guards', { query: { size: 20 } })).body.items;
const companies = (await province.get('/companies', { query: { size: 20 } })).body.items;
const full = (await province.get(`/guards/${guards[0].id}`)).body;
const queries = [
  { q: guards[3].name }, { q: guards[5].name.slice(0, 1) }, { q: full.idNo }, { q: full.idNo.slice(4, 12) }, { q: full.mobile },
  { q: full.mobile.slice(5) }, { q: companies[2].name.slice(0, 4) }, { q: companies[4].creditCode }, { q: '保安' },
];
row('province (admin) /search (names, IDs, mobiles, companies)', await measure(province, '/search', queries), 30);
row('分局 (渭城) /search (the same)', await measure(branch, '/search', queries), 30);
