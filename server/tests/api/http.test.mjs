// The HTTP layer itself: a request head over 32 KB answers 431, a request line over 8 KB answers 414,
// both with the JSON error body, a log line and a closed connection (they used to get an empty reply
// and a reset, with nothing logged). Requests are written on a raw socket, so that nothing between the
// test and the server shortens or refuses them first.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BASE, checkErrorBody, sleep } from './lib.mjs';

// Sends `head` (and nothing more) and reads until the server closes or `ms` pass. Returns the status,
// headers, parsed body and whether the server closed the connection.
function rawRequest(base, head, ms = 10000) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const sock = connect({ host: hostname, port: Number(port) });
    const chunks = [];
    let closed = false;
    const timer = setTimeout(() => {
      sock.destroy();
      finish();
    }, ms);
    function finish() {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const [rawHead, ...rest] = text.split('\r\n\r\n');
      const lines = (rawHead ?? '').split('\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(lines[0] ?? '')?.[1] ?? 0);
      const headers = {};
      for (const l of lines.slice(1)) {
        const i = l.indexOf(':');
        if (i > 0) headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
      }
      let body;
      try {
        body = JSON.parse(rest.join('\r\n\r\n'));
      } catch {
        body = undefined;
      }
      resolve({ status, headers, body, text, closed });
    }
    sock.on('data', (d) => chunks.push(d));
    sock.on('end', () => {
      closed = true;
      finish();
    });
    sock.on('error', (e) => {
      if (chunks.length) {
        closed = true;
        finish();
      } else {
        clearTimeout(timer);
        reject(e);
      }
    });
    sock.write(head);
  });
}

const host = (base) => new URL(base).host;
const getWith = (base, target, extraHeaders = '') =>
  `GET ${target} HTTP/1.1\r\nHost: ${host(base)}\r\nAccept: application/json\r\n${extraHeaders}\r\n`;

function expectJsonError(res, status, code) {
  assert.equal(res.status, status, res.text.slice(0, 300));
  assert.match(res.headers['content-type'] ?? '', /^application\/json/);
  checkErrorBody({ status: res.status, body: res.body, text: res.text }, `raw ${status}`);
  assert.equal(res.body.error.code, code);
  assert.equal(res.headers.connection, 'close');
  assert.ok(res.closed, 'the server closes the connection after answering');
}

describe('request heads over the limits', () => {
  test('a head of 40 KB (one long cookie) answers 431 header_too_large', async () => {
    const res = await rawRequest(BASE, getWith(BASE, '/api/v1/health', `Cookie: big=${'x'.repeat(40 * 1024)}\r\n`));
    expectJsonError(res, 431, 'header_too_large');
    assert.match(res.body.error.message, /请求头过大/);
  });

  test('many headers adding up to more than 32 KB answer 431 too', async () => {
    let extra = '';
    for (let i = 0; i < 400; i++) extra += `X-Filler-${i}: ${'y'.repeat(100)}\r\n`;
    expectJsonError(await rawRequest(BASE, getWith(BASE, '/api/v1/health', extra)), 431, 'header_too_large');
  });

  test('a target of 9 KB answers 414 uri_too_long', async () => {
    const res = await rawRequest(BASE, getWith(BASE, `/api/v1/guards?name=${'a'.repeat(9 * 1024)}`));
    expectJsonError(res, 414, 'uri_too_long');
    assert.match(res.body.error.message, /请求地址过长/);
  });

  test('a request line of 40 KB (beyond the head limit itself) answers 414', async () => {
    expectJsonError(await rawRequest(BASE, getWith(BASE, `/api/v1/health?q=${'b'.repeat(40 * 1024)}`)), 414, 'uri_too_long');
  });

  test('just under the limits is served as usual, and the server keeps serving', async () => {
    const res = await rawRequest(
      BASE,
      getWith(BASE, `/api/v1/health?q=${'c'.repeat(7 * 1024)}`, `Cookie: big=${'x'.repeat(20 * 1024)}\r\nConnection: close\r\n`),
    );
    assert.equal(res.status, 200, res.text.slice(0, 300));
    assert.equal(res.body.status, 'ok');
    const again = await fetch(`${BASE}/api/v1/health`);
    assert.equal(again.status, 200);
  });
});

// A server of the test's own (its log read, its flags set), on a fresh database; stopped after the describe.
function ownServer(args = []) {
  const BIN = process.env.BAOAN_BIN;
  const work = mkdtempSync(join(tmpdir(), 'baoan-http-'));
  const db = `sqlite3://db=${join(work, 'h.db')}`;
  const own = { url: '', log: '' };
  let child;
  before(async () => {
    const m = spawnSync(BIN, ['migrate', '--db', db], { encoding: 'utf8', timeout: 120000 });
    assert.equal(m.status, 0, m.stdout + m.stderr);
    const port = await new Promise((res) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = s.address().port;
        s.close(() => res(p));
      });
    });
    child = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--data-dir', join(work, 'data'), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d) => (own.log += d));
    child.stderr.on('data', (d) => (own.log += d));
    own.url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 150; i++) {
      try {
        if ((await fetch(`${own.url}/api/v1/health`)).status === 200) return;
      } catch {
        /* not up yet */
      }
      await sleep(100);
    }
    throw new Error(`server did not start: ${own.log}`);
  });
  after(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  });
  return own;
}

describe('the refusal is logged', () => {
  const own = ownServer();

  test('431 and 414 each leave a log line with the status, the start of the request line and the client', async () => {
    const url = own.url;
    expectJsonError(await rawRequest(url, getWith(url, '/api/v1/health', `Cookie: big=${'x'.repeat(40 * 1024)}\r\n`)), 431, 'header_too_large');
    expectJsonError(await rawRequest(url, getWith(url, `/api/v1/orgs?q=${'z'.repeat(9000)}`)), 414, 'uri_too_long');
    for (let i = 0; i < 50 && !(/ 414 /.test(own.log) && / 431 /.test(own.log)); i++) await sleep(20);
    const lines = own.log.split('\n');
    const l431 = lines.find((l) => / 431 /.test(l));
    const l414 = lines.find((l) => / 414 /.test(l));
    assert.ok(l431, `no 431 line in the log:\n${own.log}`);
    assert.match(l431, /GET \/api\/v1\/health/);
    assert.match(l431, /127\.0\.0\.1/);
    assert.match(l431, /request head over 32 KB/);
    assert.ok(l414, `no 414 line in the log:\n${own.log}`);
    assert.match(l414, /GET \/api\/v1\/orgs\?q=zzz/);
    assert.match(l414, /request line over 8 KB/);
    assert.ok(l414.length < 1000, 'the log line holds the start of the target, not all of it');
  });
});

// Opens a connection, sends each of `writes` after its delay, and resolves with what came back and
// after how many ms the server closed the connection (or null when it was still open at `ms`).
function timedConnection(base, writes, ms) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const sock = connect({ host: hostname, port: Number(port) });
    const started = Date.now();
    const chunks = [];
    const timers = [];
    const done = (closedAfter) => {
      timers.forEach(clearTimeout);
      sock.destroy();
      resolve({ text: Buffer.concat(chunks).toString('utf8'), closedAfter });
    };
    sock.on('connect', () => {
      for (const [delay, data] of writes) timers.push(setTimeout(() => sock.writable && sock.write(data), delay));
      timers.push(setTimeout(() => done(null), ms));
    });
    sock.on('data', (d) => chunks.push(d));
    sock.on('end', () => done(Date.now() - started));
    sock.on('error', (e) => (chunks.length ? done(Date.now() - started) : reject(e)));
  });
}

describe('connections that stay idle or send their request too slowly are closed (--keep-alive-seconds 1)', () => {
  const own = ownServer(['--keep-alive-seconds', '1']);
  const health = () => getWith(own.url, '/api/v1/health');

  test('a connection that sends nothing is closed after about a second', async () => {
    const r = await timedConnection(own.url, [], 5000);
    assert.ok(r.closedAfter !== null, 'still open after 5 s');
    assert.ok(r.closedAfter >= 900 && r.closedAfter < 3000, `closed after ${r.closedAfter} ms`);
  });

  test('a request head sent in pieces too slowly (slowloris) is cut off', async () => {
    const piece = 'X-Slow: 1\r\n';
    const writes = [[0, `GET /api/v1/health HTTP/1.1\r\nHost: ${host(own.url)}\r\n`]];
    for (let t = 400; t < 4000; t += 400) writes.push([t, piece]);
    const r = await timedConnection(own.url, writes, 5000);
    assert.ok(r.closedAfter !== null && r.closedAfter < 3000, `closed after ${r.closedAfter} ms`);
    assert.equal(r.text, '', 'no answer to a head never finished');
  });

  test('a keep-alive connection asking every 0.4 s stays open past the limit and gets every answer', async () => {
    const writes = [];
    for (let i = 0; i < 7; i++) writes.push([i * 400, health()]);
    const r = await timedConnection(own.url, writes, 2900);
    assert.equal(r.closedAfter, null, `closed after ${r.closedAfter} ms`);
    assert.equal(r.text.match(/HTTP\/1\.1 200 OK/g)?.length, 7, r.text.slice(0, 300));
  });

  test('the same connection, once quiet, is closed a second after its last answer', async () => {
    const r = await timedConnection(own.url, [[0, health()]], 5000);
    assert.match(r.text, /HTTP\/1\.1 200 OK/);
    assert.ok(r.closedAfter !== null && r.closedAfter >= 900 && r.closedAfter < 3000, `closed after ${r.closedAfter} ms`);
  });
});
