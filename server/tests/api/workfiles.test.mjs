// Files the server works on hold personal data (an export has every full ID number of its rows):
// they are private to the server's own folder and do not outlive a crash. An export killed mid-way
// (kill -9) once left baoan-<hex>.xlsx, mode 0644, in the shared system temp folder for good.
//
// This file runs its own server on its own database with 30 000 guards, so that an export takes long
// enough to be caught while it is being written.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { bearerLogin, DEMO, expectStatus, sleep } from './lib.mjs';

const BIN = process.env.BAOAN_BIN;
const work = mkdtempSync(join(tmpdir(), 'baoan-workfiles-'));
const dataDir = join(work, 'data');
const db = `sqlite3://db=${join(work, 'w.db')}`;
const children = [];

function freePort() {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function startServer() {
  const port = await freePort();
  const child = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--data-dir', dataDir], { stdio: 'ignore' });
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${url}/api/v1/health`)).status === 200) return { url, child };
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  throw new Error('server did not start');
}

const mode = (p) => statSync(p).mode & 0o777;
const systemTempExports = () => new Set(readdirSync(tmpdir()).filter((n) => /^baoan-[0-9a-f]+\.xlsx$/.test(n)));

describe('work files of exports', () => {
  before(() => {
    for (const args of [['migrate', '--db', db], ['seed', '--demo', '--guards', '30000', '--db', db]]) {
      const r = spawnSync(BIN, args, { encoding: 'utf8', timeout: 300000 });
      assert.equal(r.status, 0, `${args[0]}: ${r.stdout}${r.stderr}`);
    }
  });
  after(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  });

  test('an export being written is in <data-dir>/tmp/<pid>/ (0700, file 0600); kill -9 leaves nothing in the system temp folder, and the next start removes it', async () => {
    const tempBefore = systemTempExports();
    const first = await startServer();
    const pidDir = join(dataDir, 'tmp', String(first.child.pid));
    assert.ok(existsSync(pidDir), 'the server made its work folder at start');
    assert.equal(mode(join(dataDir, 'tmp')), 0o700);
    assert.equal(mode(pidDir), 0o700);

    const admin = await bearerLogin(DEMO.admin.account, DEMO.admin.password, { base: first.url });
    const exporting = admin.get('/guards/export', { binary: true, check: false, timeout: 120000 }).catch((e) => e);
    let seen;
    for (let i = 0; i < 2000 && !seen; i++) {
      seen = readdirSync(pidDir).find((n) => n.endsWith('.xlsx'));
      if (!seen) await sleep(5);
    }
    assert.ok(seen, 'the export was written in the work folder');
    assert.equal(mode(join(pidDir, seen)), 0o600, 'only the server may read it');
    first.child.kill('SIGKILL');
    await exporting;
    await new Promise((r) => (first.child.exitCode !== null || first.child.signalCode !== null ? r() : first.child.once('exit', r)));
    assert.ok(existsSync(join(pidDir, seen)), 'the killed export is still there until the next start');
    const tempAfter = [...systemTempExports()].filter((n) => !tempBefore.has(n));
    assert.deepEqual(tempAfter, [], 'no export in the shared temp folder');

    const second = await startServer();
    assert.ok(!existsSync(pidDir), "the dead process's folder is removed at the next start");
    assert.ok(existsSync(join(dataDir, 'tmp', String(second.child.pid))));
    // a finished export leaves nothing behind
    const admin2 = await bearerLogin(DEMO.admin.account, DEMO.admin.password, { base: second.url });
    const res = expectStatus(await admin2.get('/guards/export', { binary: true, timeout: 120000 }), 200);
    assert.ok(res.buf.length > 100000);
    await sleep(200);
    assert.deepEqual(readdirSync(join(dataDir, 'tmp', String(second.child.pid))), []);
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
    assert.ok(!existsSync(join(dataDir, 'tmp', String(second.child.pid))), 'a clean stop removes its folder');
  });
});
