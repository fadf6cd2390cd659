// GET /health: public, says which database the server uses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { anon, assertSchema, BASE_B, DB_KIND, expectStatus, ISO_TIME } from './lib.mjs';

test('GET /health answers 200 without a session, with the database kind', async () => {
  const res = expectStatus(await anon().get('/health'), 200);
  assert.match(res.contentType, /^application\/json/);
  assertSchema('Health', res.body);
  assert.equal(res.body.status, 'ok');
  assert.equal(res.body.database, DB_KIND);
  assert.equal(typeof res.body.version, 'string');
  assert.match(res.body.time, ISO_TIME);
  assert.match(res.body.time, /\+08:00$/, 'times are shown in Asia/Shanghai');
});

test('the second server on the same database is healthy too', async () => {
  const res = expectStatus(await anon(BASE_B).get('/health'), 200);
  assert.equal(res.body.status, 'ok');
});
