// Prints the answers of nearby-guards (every emergency task, several radii) and of the reach preview (at each
// emergency task's place) as JSON lines, with the time of each request: run against two servers and diff the
// answers to check a change to TaskStore::nearbyGuards answers the same (BAOAN_URL, BENCH_DB the served file).
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { admin } from '../../server/tests/api/lib.mjs';

const DB = process.env.BENCH_DB;
const rows = execFileSync('sqlite3', ['-readonly', DB, 'SELECT id, lng, lat FROM emergency_tasks ORDER BY id'], { encoding: 'utf8' })
  .trim().split('\n').map((l) => l.split('|').map(Number));
const client = await admin();
const kms = (process.env.KMS ?? '0.5,2,5,10').split(',');
for (const [id, lng, lat] of rows) {
  for (const km of kms) {
    let t = performance.now();
    const res = await client.get(`/emergency-tasks/${id}/nearby-guards`, { query: { km } });
    const ms = performance.now() - t;
    console.log(JSON.stringify({ id, km, status: res.status, body: res.body }));
    console.error(`nearby ${id} km=${km}: ${res.body.items?.length} in ${ms.toFixed(1)} ms`);
    if (process.env.REACH) {
      t = performance.now();
      const r = await client.get('/emergency-tasks/reach', { query: { lng, lat, radiusKm: km } });
      console.log(JSON.stringify({ reach: id, km, status: r.status, body: r.body }));
      console.error(`reach ${id} km=${km}: ${r.body.guardCount} guards in ${(performance.now() - t).toFixed(1)} ms`);
    }
  }
}
