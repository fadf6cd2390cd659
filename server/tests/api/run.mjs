#!/usr/bin/env node
// Runner of the HTTP API tests: fresh database → migrate (twice) → seed --demo (twice, the second must
// fail) → two servers on that database → node --test on every *.test.mjs → graceful shutdown.
//
//   BAOAN_BIN=/path/to/baoan [BAOAN_TEST_DB=sqlite|postgresql] [BAOAN_PG_CONNINFO=...] node run.mjs [name …]
//
// Optional arguments restrict the run to some test files (`node run.mjs auth orgs` → auth.test.mjs,
// orgs.test.mjs). The last line printed is "N passed, N failed".
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const BIN = process.env.BAOAN_BIN ? resolve(process.env.BAOAN_BIN) : '';
const DB_KIND = process.env.BAOAN_TEST_DB || 'sqlite';
const PG_CONNINFO = process.env.BAOAN_PG_CONNINFO || 'host=127.0.0.1 port=5432 user=baoan password=baoan';
const KEEP = process.env.BAOAN_TEST_KEEP === '1'; // keep the temp folder (database, logs)

const servers = [];
const HASH_COST = ['--password-hash-cost', 'minimum'];
let dbUrl;
let pgDb;
let passed = 0;
let failed = 0;
let skipped = 0; // a skipped test is counted and fails the run: none is expected
const failures = [];
const work = mkdtempSync(join(tmpdir(), 'baoan-api-'));
const logPath = join(work, 'servers.log');
const logFd = openSync(logPath, 'a');

function check(name, ok, detail = '') {
  if (ok) {
    passed += 1;
    console.log(`✔ runner: ${name}`);
  } else {
    failed += 1;
    failures.push(name);
    console.log(`✖ runner: ${name}${detail ? `\n    ${detail.split('\n').join('\n    ')}` : ''}`);
  }
  return ok;
}

function finish(code) {
  console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
  if (skipped > 0) console.log('skipped tests fail the run: none is expected');
  if (failed > 0) {
    console.log(`failed: ${failures.join('; ')}`);
    console.log(`server log: ${logPath}`);
  }
  process.exit(code ?? (failed > 0 || skipped > 0 ? 1 : 0));
}

function fatal(msg) {
  failed += 1;
  failures.push(msg);
  console.error(`runner: ${msg}`);
  cleanup();
  finish(1);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 600000, ...opts });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  return { code: r.status, signal: r.signal, out, error: r.error };
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------
if (!BIN || !existsSync(BIN)) fatal(`BAOAN_BIN must name the server binary (got "${process.env.BAOAN_BIN ?? ''}")`);
if (!['sqlite', 'postgresql'].includes(DB_KIND)) fatal(`BAOAN_TEST_DB must be sqlite or postgresql, not ${DB_KIND}`);

if (DB_KIND === 'sqlite') {
  dbUrl = `sqlite3://db=${join(work, 'api.db')}`;
} else {
  pgDb = `baoan_api_${randomBytes(6).toString('hex')}`;
  const r = run('psql', [`${PG_CONNINFO} dbname=postgres`, '-v', 'ON_ERROR_STOP=1', '-qc', `CREATE DATABASE ${pgDb}`]);
  if (r.code !== 0) fatal(`cannot create database ${pgDb}: ${r.error ?? ''} ${r.out}`);
  dbUrl = `postgresql://${PG_CONNINFO} dbname=${pgDb}`;
}
console.log(`database: ${dbUrl.replace(/password=\S+/, 'password=***')}`);
console.log(`server log: ${logPath}`);

function cleanup() {
  for (const s of servers) if (s.exitCode === null && s.signalCode === null) s.kill('SIGKILL');
  try {
    closeSync(logFd);
  } catch {
    /* already closed */
  }
  if (pgDb) {
    const r = run('psql', [`${PG_CONNINFO} dbname=postgres`, '-qc', `DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`]);
    if (r.code !== 0) console.error(`runner: could not drop ${pgDb}: ${r.out}`);
  }
  if (!KEEP && failed === 0) rmSync(work, { recursive: true, force: true });
}

// migrate twice: the second run has nothing to do and must still succeed.
{
  const m1 = run(BIN, ['migrate', '--db', dbUrl]);
  if (!check('migrate on an empty database exits 0', m1.code === 0, m1.out)) fatal('migrate failed');
  const m2 = run(BIN, ['migrate', '--db', dbUrl]);
  check('a second migrate is a no-op and exits 0', m2.code === 0, m2.out);
  // the demo's uploaded materials go where the servers keep their files (never into the checkout)
  const s1 = run(BIN, ['seed', '--demo', '--db', dbUrl, '--data-dir', join(work, 'data'), ...HASH_COST]);
  if (!check('seed --demo exits 0', s1.code === 0, s1.out)) fatal('seed failed');
  const s2 = run(BIN, ['seed', '--demo', '--db', dbUrl, '--data-dir', join(work, 'data')]);
  check('a second seed --demo refuses a database that has data (non-zero exit)', s2.code !== 0 && s2.code !== null, `exit ${s2.code}: ${s2.out}`);
}

async function startServer(label, extra) {
  const port = await freePort();
  // Both servers share one data directory, as processes on one database do (uploaded files, work files).
  // The screening worker of §9.3 (flagged.test.mjs): fast polls and retries.
  const screening = ['--screening-interval-ms', '100', '--screening-retry-ms', '300'];
  const args = ['serve', '--db', dbUrl, '--listen', `127.0.0.1:${port}`, '--data-dir', join(work, 'data'), ...screening, ...extra];
  const child = spawn(BIN, args, { stdio: ['ignore', logFd, logFd] });
  child.label = label;
  servers.push(child);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    try {
      const r = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(2000) });
      if (r.status === 200) return { url, child };
    } catch {
      /* not yet listening */
    }
    await sleep(200);
  }
  fatal(`server ${label} did not answer GET /api/v1/health within 30 s (args: ${args.join(' ')}; log ${logPath})`);
  return undefined;
}

function stopServer(child) {
  return new Promise((res) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      res({ code: child.exitCode, signal: child.signalCode, ms: 0, already: true });
      return;
    }
    const t0 = Date.now();
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, 10000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      res({ code, signal, ms: Date.now() - t0 });
    });
    child.kill('SIGTERM');
  });
}

// Server A hashes new passwords at the minimum argon2id cost: the suite creates and activates thousands
// of accounts, and at the interactive cost (~0.1 s of CPU each) that alone took minutes of CI. Server B
// keeps the deployment's cost, for the tests that depend on it (errors.test.mjs: a malformed body is
// refused before the password is hashed).
const a = await startServer('A', ['--login-rate-per-minute', '10000', ...HASH_COST]);
const b = await startServer('B', ['--session-idle-seconds', '2', '--login-rate-per-minute', '5']);
check('server A answers GET /api/v1/health', true);
check('server B answers GET /api/v1/health', true);

// ---------------------------------------------------------------------------------------------------
const wanted = process.argv.slice(2).map((n) => n.replace(/\.test\.mjs$/, ''));
const files = readdirSync(HERE)
  .filter((f) => f.endsWith('.test.mjs'))
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.test\.mjs$/, '')))
  .sort();
if (files.length === 0) fatal(`no test files match ${wanted.join(' ')}`);

const tapPath = join(work, 'results.tap');
const nodeArgs = [
  '--test',
  '--test-concurrency=1',
  '--test-timeout=600000',  // a whole file; generous for a loaded 2-core CI machine
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=tap',
  `--test-reporter-destination=${tapPath}`,
  ...files,
];
const testEnv = {
  ...process.env,
  BAOAN_URL: a.url,
  BAOAN_URL_B: b.url,
  BAOAN_DB_URL: dbUrl,
  BAOAN_DATA_DIR: join(work, 'data'),
  BAOAN_BIN: BIN,
  BAOAN_TEST_DB: DB_KIND,
};
const testExit = await new Promise((res) => {
  const t = spawn(process.execPath, nodeArgs, { cwd: HERE, env: testEnv, stdio: ['ignore', 'inherit', 'inherit'] });
  t.on('exit', (code, signal) => res({ code, signal }));
});

let tapPass = 0;
let tapFail = 0;
let tapSeen = false;
if (existsSync(tapPath)) {
  const tap = readFileSync(tapPath, 'utf8');
  const p = /^# pass (\d+)$/m.exec(tap);
  const f = /^# fail (\d+)$/m.exec(tap);
  if (p && f) {
    tapSeen = true;
    tapPass = Number(p[1]);
    tapFail = Number(f[1]);
  }
  const c = /^# cancelled (\d+)$/m.exec(tap);
  if (c) tapFail += Number(c[1]);
  for (const re of [/^# skipped (\d+)$/m, /^# todo (\d+)$/m]) {
    const m = re.exec(tap);
    if (m) skipped += Number(m[1]);
  }
  for (const m of tap.matchAll(/^\s*ok \d+ - (.*) # (SKIP|TODO)\b.*$/gm)) console.log(`skipped: ${m[1].trim()}`);
  for (const m of tap.matchAll(/^(\s*)not ok \d+ - (.*)$/gm)) failures.push(m[2].trim());
}
passed += tapPass;
failed += tapFail;
if (!tapSeen) check('node --test produced its summary', false, `exit ${testExit.code ?? testExit.signal}`);
else if (testExit.code !== 0 && tapFail === 0) check('node --test exited 0', false, `exit ${testExit.code ?? testExit.signal}`);

// ---------------------------------------------------------------------------------------------------
for (const s of [a, b]) {
  const label = s.child.label;
  const r = await stopServer(s.child);
  if (r.already) check(`server ${label} was still running at the end`, false, `exited early with ${r.code ?? r.signal}`);
  else check(`server ${label} stops on SIGTERM with exit 0 within 10 s`, r.code === 0, `exit ${r.code ?? r.signal} after ${r.ms} ms`);
}

cleanup();
finish();
