// docs/openapi.yaml and the server agree on the routes: every route the server registers (as printed
// by `baoan routes`) is in the spec, and every path of the spec is served.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { spec } from './lib.mjs';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

function specRoutes() {
  const doc = spec();
  const server = doc.servers?.[0]?.url ?? '';
  assert.equal(server, '/api/v1', 'servers[0].url is /api/v1');
  const out = new Set();
  for (const [path, item] of Object.entries(doc.paths ?? {}))
    for (const m of Object.keys(item)) if (METHODS.includes(m)) out.add(`${m.toUpperCase()} ${server}${path}`);
  return out;
}

function serverRoutes() {
  const bin = process.env.BAOAN_BIN;
  assert.ok(bin, 'BAOAN_BIN is set');
  const text = execFileSync(bin, ['routes'], { encoding: 'utf8', timeout: 30000 });
  const out = new Set();
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    // "GET /api/v1/orgs org:view": method, path, and who may call it (a permission, signed-in, public)
    const m = /^([A-Z]+)\s+(\/\S*)\s+(public|signed-in|[a-z_]+:[a-z_]+)$/.exec(line);
    assert.ok(m, `unexpected line from "baoan routes": ${line}`);
    // Parameter names may differ between the router and the spec: compare shapes.
    out.add(`${m[1]} ${m[2]}`);
  }
  return out;
}

const shape = (r) => r.replace(/\{[^}]+\}/g, '{}');

test('baoan routes prints the API routes', () => {
  const routes = serverRoutes();
  assert.ok(routes.size >= 30, `only ${routes.size} routes`);
  assert.ok(routes.has('GET /api/v1/health'));
});

test('every server route is described in docs/openapi.yaml', () => {
  const documented = new Set([...specRoutes()].map(shape));
  const missing = [...serverRoutes()].filter((r) => r.includes('/api/') && !documented.has(shape(r))).sort();
  assert.deepEqual(missing, [], `routes the spec lacks:\n  ${missing.join('\n  ')}`);
});

test('every path of docs/openapi.yaml is served', () => {
  const served = new Set([...serverRoutes()].map(shape));
  const extra = [...specRoutes()].filter((r) => !served.has(shape(r))).sort();
  assert.deepEqual(extra, [], `spec operations the server lacks:\n  ${extra.join('\n  ')}`);
});

test('path parameters have the same names as in the server', () => {
  const documented = new Map([...specRoutes()].map((r) => [shape(r), r]));
  const differ = [...serverRoutes()].filter((r) => documented.has(shape(r)) && documented.get(shape(r)) !== r);
  assert.deepEqual(differ, [], `parameter names differ: ${differ.join(', ')}`);
});

test('every operation has an operationId, a summary, a tag and error responses', () => {
  const doc = spec();
  for (const [path, item] of Object.entries(doc.paths))
    for (const [m, op] of Object.entries(item)) {
      if (!METHODS.includes(m)) continue;
      const where = `${m.toUpperCase()} ${path}`;
      assert.ok(op.operationId, `${where} operationId`);
      assert.ok(op.summary, `${where} summary`);
      assert.ok(op.tags?.length, `${where} tags`);
      const codes = Object.keys(op.responses ?? {});
      assert.ok(codes.some((c) => c.startsWith('2')), `${where} success response`);
      assert.ok(codes.some((c) => c.startsWith('4')), `${where} error responses`);
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      if (!isPublic) assert.ok(codes.includes('401'), `${where} documents 401`);
    }
});

test('the spec passes redocly lint with the recommended rules', () => {
  const bin = new URL('./node_modules/.bin/redocly', import.meta.url).pathname;
  let out = '';
  try {
    const config = new URL('./redocly.yaml', import.meta.url).pathname;
    const yaml = new URL('../../../docs/openapi.yaml', import.meta.url).pathname;
    out = execFileSync(bin, ['lint', '--config', config, '--format=stylish', yaml], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120000,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
  } catch (e) {
    assert.fail(`redocly lint failed:\n${e.stdout}\n${e.stderr}`);
  }
  assert.ok(!/warning/i.test(out.replace(/Deprecation warning[^\n]*/g, '')), `lint warnings:\n${out}`);
});
