// 市民投诉建议 (manual §9.2, issue 15): the public page's API — an SMS code proves the mobile, the
// feedback is received by the bureau of its region and answers with a 查询码, the citizen reads the
// state and the reply with 查询码 + mobile (a wrong mobile reveals nothing); its limits (no code, a wrong
// code, one mobile 20 times → 429, a 50 MB body → 413) — and the police side: the list in scope
// (渭城's officer never sees 秦都's; the 市局 sees its districts'), 分派 down the tree, 回复, 办结, the
// handling limit setting and the marks; 转检查: an inspection opened from a complaint, linked both ways.
import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, test } from 'node:test';
import {
  activeCompany,
  admin,
  anon,
  assertSchema,
  BASE,
  chinaToday,
  expectError,
  expectFieldError,
  expectStatus,
  latestSmsCode,
  login,
  nextMobile,
  orgIndex,
  png,
} from './lib.mjs';

const PASSWORD = 'Baoan@2026';
const officers = new Map();
async function officer(account) {
  if (!officers.has(account)) officers.set(account, await login(account, PASSWORD));
  return officers.get(account);
}

const pub = anon();

// A code for a fresh mobile, read from the SMS log as the citizen reads their phone.
async function codeFor(mobile) {
  expectStatus(await pub.post('/public/feedback/sms-code', { mobile }), 200, 'POST /public/feedback/sms-code');
  return latestSmsCode(mobile);
}

async function file(overrides = {}) {
  const mobile = overrides.mobile ?? nextMobile();
  const smsCode = await codeFor(mobile);
  const body = { type: 'complaint', content: '保安员值勤时态度粗暴。', regionCode: '610402', name: '市民甲', mobile, smsCode, ...overrides };
  const res = expectStatus(await pub.post('/public/feedback', body), 201, 'POST /public/feedback');
  assert.match(res.body.code, /^\d{12}$/);
  return { code: res.body.code, mobile };
}

async function findByCode(client, code) {
  const list = expectStatus(await client.get('/feedback', { query: { size: 200 } }), 200, 'GET /feedback');
  return list.body.items.find((f) => f.code === code);
}

describe('public feedback: the proof of a person and the limits', () => {
  test('without an SMS code, or with a wrong one, nothing is filed (422 naming smsCode)', async () => {
    const mobile = nextMobile();
    const body = { type: 'suggestion', content: '建议公开投诉电话。', regionCode: '610404', mobile };
    expectFieldError(await pub.post('/public/feedback', body), 'smsCode');
    const code = await codeFor(mobile);
    const wrong = code === '000000' ? '111111' : '000000';
    expectFieldError(await pub.post('/public/feedback', { ...body, smsCode: wrong }), 'smsCode');
    // The right code still works after one wrong guess; used once, it is spent.
    expectStatus(await pub.post('/public/feedback', { ...body, smsCode: code }), 201);
    expectFieldError(await pub.post('/public/feedback', { ...body, smsCode: code }), 'smsCode');
  });

  test('bad fields are named in Chinese (type, content, regionCode, mobile)', async () => {
    const res = expectStatus(await pub.post('/public/feedback', { type: 'praise', content: '', regionCode: '610000', mobile: '123', smsCode: '123456' }), 422);
    for (const f of ['type', 'content', 'regionCode', 'mobile']) assert.ok(res.body.error.fields?.[f], `field ${f}: ${res.text}`);
  });

  test('the same mobile 20 times in a minute → 429 (a second code within 60 s too)', async () => {
    const mobile = nextMobile();
    await codeFor(mobile);
    expectError(await pub.post('/public/feedback/sms-code', { mobile }), 429, 'rate_limited');
    const statuses = [];
    for (let i = 0; i < 20; i++) {
      const res = await pub.post('/public/feedback', { type: 'inquiry', content: '咨询', regionCode: '610404', mobile, smsCode: '999999' });
      statuses.push(res.status);
    }
    assert.ok(statuses.slice(0, 5).every((s) => s === 422), `first tries refused as wrong codes: ${statuses}`);
    assert.equal(statuses.at(-1), 429, `statuses: ${statuses}`);
    const limited = await pub.post('/public/feedback', { type: 'inquiry', content: '咨询', regionCode: '610404', mobile, smsCode: '999999' });
    expectError(limited, 429, 'rate_limited');
    assert.match(limited.body.error.message, /频繁/);
  });

  test('a 50 MB body is refused early with 413 and a Chinese message', async () => {
    const size = 50 * 1024 * 1024;
    const res = await new Promise((resolve, reject) => {
      const req = http.request(`${BASE}/api/v1/public/feedback`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': size },
      });
      req.on('response', (r) => {
        let text = '';
        r.on('data', (d) => (text += d));
        r.on('end', () => resolve({ status: r.statusCode, text }));
      });
      req.on('error', reject);
      // Only the first megabyte is written: the answer must come without the rest.
      req.write(Buffer.alloc(1024 * 1024, 0x20));
    });
    assert.equal(res.status, 413);
    const body = JSON.parse(res.text);
    assert.equal(body.error.code, 'too_large');
    assert.match(body.error.message, /[\u4e00-\u9fff]/);
  });

  test('photos: JPEG/PNG only, at most 3, attached to the feedback and seen by the officer', async () => {
    const up = (bytes, name) =>
      pub.request('POST', '/public/feedback/photos', undefined, { raw: bytes, headers: { 'X-File-Name': encodeURIComponent(name), 'Content-Type': 'application/octet-stream' } });
    expectFieldError(await up(Buffer.from('%PDF-1.4 not a photo'), '材料.pdf'), 'file');
    const photo = expectStatus(await up(png(), '现场.png'), 201).body;
    const { code } = await file({ fileIds: [photo.id] });
    const f = await findByCode(await officer('qd_jb'), code);
    const detail = expectStatus(await (await officer('qd_jb')).get(`/feedback/${f.id}`), 200).body;
    assert.deepEqual(detail.files.map((x) => x.name), ['现场.png']);
    expectStatus(await (await officer('qd_jb')).get(`/files/${photo.id}`), 200);
    expectStatus(await (await officer('wc_jb')).get(`/files/${photo.id}`), 404);
    const mobile = nextMobile();
    const many = ['a', 'b', 'c', 'd'].map((x) => `${x}`);
    expectFieldError(await pub.post('/public/feedback', { type: 'complaint', content: '多图', regionCode: '610402', mobile, smsCode: await codeFor(mobile), fileIds: many }), 'fileIds');
  });
});

describe('public feedback: 查询码 lookup', () => {
  test('a wrong mobile reveals nothing: the same 404 as an unknown code', async () => {
    const { code, mobile } = await file({ type: 'inquiry', regionCode: '610404' });
    const ok = expectStatus(await pub.get(`/public/feedback/${code}`, { query: { mobile } }), 200).body;
    assert.equal(ok.state, 'received');
    assert.equal(ok.stateName, '受理');
    assert.equal(ok.reply, null);
    assert.deepEqual(Object.keys(ok).sort(), ['closedAt', 'code', 'history', 'receivedAt', 'repliedAt', 'reply', 'state', 'stateName', 'type', 'typeName']);
    assert.deepEqual(ok.history.map((h) => [h.action, h.detail]), [['收到', '由渭城分局受理']]);
    const wrongMobile = await pub.get(`/public/feedback/${code}`, { query: { mobile: nextMobile() } });
    const unknown = await pub.get('/public/feedback/999999999999', { query: { mobile } });
    expectError(wrongMobile, 404, 'not_found');
    expectError(unknown, 404, 'not_found');
    assert.equal(wrongMobile.body.error.message, unknown.body.error.message);
    expectError(await pub.get(`/public/feedback/${code}`), 404, 'not_found');
  });

  test('the company search of the form: active companies, id and name only', async () => {
    const res = expectStatus(await pub.get('/public/feedback/companies', { query: { name: '保安' } }), 200).body;
    assert.ok(res.items.length > 0 && res.items.length <= 10);
    for (const c of res.items) assert.deepEqual(Object.keys(c).sort(), ['id', 'name']);
  });
});

describe('police side: routing, scope and the handling round', () => {
  test('received by the bureau of the region: the county\'s 分局, a city-level place the 市局', async () => {
    const { byName } = await orgIndex();
    const wc = await file({ regionCode: '610404' });
    const qd = await file({ regionCode: '610402' });
    const city = await file({ regionCode: '610400' });
    const xy = await officer('xy_jb');
    assert.equal((await findByCode(xy, wc.code))?.orgName, '渭城分局');
    assert.equal((await findByCode(xy, qd.code))?.orgName, '秦都分局');
    const cityRow = await findByCode(xy, city.code);
    assert.ok(cityRow, 'the 市局 sees what its districts and itself received');
    assert.equal(byName.get(cityRow.orgName)?.type, 'city_bureau');
  });

  test('渭城\'s officer never sees 秦都\'s: not in the list, 404 on read and on every action', async () => {
    const { code } = await file({ regionCode: '610402' });
    const qd = await officer('qd_jb');
    const row = await findByCode(qd, code);
    assert.ok(row, '秦都 sees its own');
    const wc = await officer('wc_jb');
    assert.equal(await findByCode(wc, code), undefined);
    expectError(await wc.get(`/feedback/${row.id}`), 404, 'not_found');
    expectError(await wc.post(`/feedback/${row.id}/reply`, { content: '越权回复' }), 404, 'not_found');
    expectError(await wc.post(`/feedback/${row.id}/assign`, { orgId: row.orgId }), 404, 'not_found');
    expectError(await wc.post(`/feedback/${row.id}/close`), 404, 'not_found');
  });

  test('分派 to a station below, 回复 (the citizen sees it), 办结; marks and filters', async () => {
    const { all, byName } = await orgIndex();
    const qdBureau = byName.get('秦都分局');
    const station = all.find((n) => n.parentId === qdBureau.id && n.type === 'police_station');
    assert.ok(station, 'a 秦都 派出所');
    const wcStation = byName.get('渭城护城河派出所');
    const { code, mobile } = await file({ regionCode: '610402', guardName: '张某' });
    const qd = await officer('qd_jb');
    const row = await findByCode(qd, code);
    assert.equal(row.state, 'received');
    assert.equal(row.mark, 'none');
    assert.equal(row.limitDays, (await qd.get('/feedback/settings')).body.limitDays);
    // Down the tree only, and inside the caller's scope.
    // an org outside the caller's scope, or none at all, is a bad value of orgId (422), not a missing feedback
    expectFieldError(await qd.post(`/feedback/${row.id}/assign`, { orgId: wcStation.id }), 'orgId', ['分派机构']);
    expectFieldError(await qd.post(`/feedback/${row.id}/assign`, { orgId: 99999999 }), 'orgId');
    expectFieldError(await qd.post(`/feedback/${row.id}/assign`, { orgId: qdBureau.id }), 'orgId');
    expectFieldError(await qd.post(`/feedback/${row.id}/assign`, {}), 'orgId');
    expectError(await qd.post(`/feedback/${row.id}/close`), 409, 'conflict');
    const assigned = expectStatus(await qd.post(`/feedback/${row.id}/assign`, { orgId: station.id }), 200).body;
    assert.equal(assigned.state, 'assigned');
    assert.equal(assigned.orgId, station.id);
    assert.equal((await pub.get(`/public/feedback/${code}`, { query: { mobile } })).body.stateName, '已分派');
    // Filters: type and state.
    const byState = expectStatus(await qd.get('/feedback', { query: { state: 'assigned', type: 'complaint', size: 200 } }), 200).body;
    assert.ok(byState.items.some((f) => f.code === code));
    assert.ok(byState.items.every((f) => f.state === 'assigned' && f.type === 'complaint'));
    expectFieldError(await qd.get('/feedback', { query: { state: 'lost' } }), 'state');
    // 回复 and the citizen's view.
    expectFieldError(await qd.post(`/feedback/${row.id}/reply`, { content: '' }), 'content');
    const replied = expectStatus(await qd.post(`/feedback/${row.id}/reply`, { content: '已责令公司整改,感谢监督。' }), 200).body;
    assert.equal(replied.state, 'replied');
    const seen = expectStatus(await pub.get(`/public/feedback/${code}`, { query: { mobile } }), 200).body;
    assert.equal(seen.state, 'replied');
    assert.equal(seen.reply, '已责令公司整改,感谢监督。');
    expectError(await qd.post(`/feedback/${row.id}/assign`, { orgId: station.id }), 409, 'conflict');
    const closed = expectStatus(await qd.post(`/feedback/${row.id}/close`), 200).body;
    assert.equal(closed.state, 'closed');
    assert.ok(closed.closedAt);
    expectError(await qd.post(`/feedback/${row.id}/close`), 409, 'conflict');
    assert.equal((await pub.get(`/public/feedback/${code}`, { query: { mobile } })).body.stateName, '已办结');
  });

  test('the 处理记录 is stored: 市局 → 分局 → 派出所 keeps both 分派 with their orgs and officers; 收到 names the first org; the citizen sees the steps without officers', async () => {
    const { all, byName } = await orgIndex();
    const qdBureau = byName.get('秦都分局');
    const station = all.find((n) => n.parentId === qdBureau.id && n.type === 'police_station');
    const { code, mobile } = await file({ regionCode: '610400' }); // a city-level place: the 市局 receives it
    const xy = await officer('xy_jb');
    const qd = await officer('qd_jb');
    const row = await findByCode(xy, code);
    const cityName = row.orgName;
    assert.equal(byName.get(cityName)?.type, 'city_bureau');
    const xyMe = expectStatus(await xy.get('/auth/me'), 200).body.user;
    const qdMe = expectStatus(await qd.get('/auth/me'), 200).body.user;
    expectStatus(await xy.post(`/feedback/${row.id}/assign`, { orgId: qdBureau.id }), 200);
    expectStatus(await qd.post(`/feedback/${row.id}/assign`, { orgId: station.id }), 200);
    expectStatus(await qd.post(`/feedback/${row.id}/reply`, { content: '已核实,正在处理。' }), 200);
    expectStatus(await qd.post(`/feedback/${row.id}/reply`, { content: '已责令公司整改。' }), 200);
    const closed = expectStatus(await qd.post(`/feedback/${row.id}/close`), 200).body;
    assertSchema('Feedback', closed);
    assert.equal(closed.orgName, station.name, 'held by the station now');
    const h = closed.history;
    assert.deepEqual(h.map((s) => s.action), ['收到', '分派', '分派', '回复', '回复', '办结']);
    assert.equal(h[0].orgName, cityName, '收到 names the org that received it, not the current holder');
    assert.match(h[0].detail, new RegExp(cityName));
    assert.deepEqual([h[1].fromOrgName, h[1].orgName, h[1].byName], [cityName, '秦都分局', xyMe.name]);
    assert.deepEqual([h[2].fromOrgName, h[2].orgName, h[2].byName], ['秦都分局', station.name, qdMe.name]);
    assert.match(h[1].detail, /分派至秦都分局/);
    assert.match(h[2].detail, new RegExp(`分派至${station.name}`));
    assert.deepEqual(h.filter((s) => s.action === '回复').map((s) => s.byName), [qdMe.name, qdMe.name]);
    assert.match(h[3].detail, /已核实/, 'the first reply stays in the record');
    for (let i = 1; i < h.length; ++i) assert.ok(h[i - 1].at <= h[i].at, 'oldest first');
    // The same record read again (GET) and by the 市局, which sees its districts.
    assert.deepEqual(expectStatus(await xy.get(`/feedback/${row.id}`), 200).body.history, h);

    // The citizen: the stored steps with the public bodies, no officer's name anywhere.
    const seen = expectStatus(await pub.get(`/public/feedback/${code}`, { query: { mobile } }), 200).body;
    assertSchema('FeedbackLookup', seen);
    assert.deepEqual(seen.history.map((s) => [s.action, s.detail]), [
      ['收到', `由${cityName}受理`],
      ['分派', '转由秦都分局办理'],
      ['分派', `转由${station.name}办理`],
      ['回复', '公安机关已回复'],
      ['回复', '公安机关已回复'],
      ['办结', '已办结'],
    ]);
    const text = JSON.stringify(seen);
    for (const name of [xyMe.name, qdMe.name]) assert.ok(!text.includes(name), `the citizen never sees ${name}`);
    for (const s of seen.history) assert.deepEqual(Object.keys(s).sort(), ['action', 'at', 'detail']);
  });

  test('the demo\'s handling records are stored events: 收到 by the receiving bureau, 分派 with an officer', async () => {
    const a = await admin();
    const items = expectStatus(await a.get('/feedback', { query: { state: 'assigned', size: 200 } }), 200).body.items;
    const demo = items.find((f) => f.code.startsWith('614') && f.mobile.startsWith('1390910'));
    assert.ok(demo, 'an assigned demo feedback');
    const h = expectStatus(await a.get(`/feedback/${demo.id}`), 200).body.history;
    assert.equal(h[0].action, '收到');
    assert.notEqual(h[0].orgName, demo.orgName, 'received by the bureau, held by its station');
    const step = h.find((s) => s.action === '分派');
    assert.deepEqual([step.fromOrgName, step.orgName], [h[0].orgName, demo.orgName]);
    assert.ok(step.byName, 'the demo names the officer who assigned it');
  });

  test('complaints about a company are listed by companyId; the demo has yellow and red marks', async () => {
    const a = await admin();
    const companies = expectStatus(await pub.get('/public/feedback/companies', { query: { name: '保安' } }), 200).body.items;
    const company = companies[0];
    const { code } = await file({ companyId: company.id, regionCode: '610404' });
    const rows = expectStatus(await a.get('/feedback', { query: { companyId: company.id, size: 200 } }), 200).body.items;
    assert.ok(rows.some((f) => f.code === code && f.companyName === company.name));
    assert.ok(rows.every((f) => f.companyId === company.id));
    const marks = new Set(expectStatus(await a.get('/feedback', { query: { size: 200 } }), 200).body.items.map((f) => f.mark));
    assert.ok(marks.has('red') && marks.has('yellow') && marks.has('none'), `marks: ${[...marks]}`);
  });

  test('the handling limit: read by officers, set by the administrator only (1–365 working days)', async () => {
    const a = await admin();
    const qd = await officer('qd_jb');
    const before = expectStatus(await qd.get('/feedback/settings'), 200).body.limitDays;
    expectError(await qd.put('/feedback/settings', { limitDays: 20 }), 403, 'forbidden');
    expectFieldError(await a.put('/feedback/settings', { limitDays: 0 }), 'limitDays');
    expectFieldError(await a.put('/feedback/settings', { limitDays: '15' }), 'limitDays');
    assert.equal(expectStatus(await a.put('/feedback/settings', { limitDays: 20 }), 200).body.limitDays, 20);
    assert.equal((await qd.get('/feedback/settings')).body.limitDays, 20);
    expectStatus(await a.put('/feedback/settings', { limitDays: before }), 200);
  });
});

describe('转检查: an inspection opened from a complaint', () => {
  test('stored on the inspection, listed on the complaint (已转检查 in its history); 投诉核查 only; another city\'s complaint refused', async () => {
    const company = await activeCompany(); // 渭城
    const wc = await officer('wc_jb');
    const me = expectStatus(await wc.get('/inspections/inspectors'), 200).body.items[0];
    const { code } = await file({ companyId: company.rec.id, regionCode: '610404' });
    const complaint = await findByCode(wc, code);
    assert.ok(complaint, '渭城 received it');
    const body = {
      unitKind: 'company',
      unitId: company.rec.id,
      inspectedOn: chinaToday(0),
      inspectorIds: [me.id],
      kind: 'complaint_check',
      items: [{ code: 'licensed_rate', result: 'fail', remark: '涉事保安员未持证' }],
      findings: '投诉属实:值勤保安员态度粗暴',
      requirement: '开展文明执勤教育',
      deadline: chinaToday(7),
      conclusion: 'rectify',
      fileIds: [],
      feedbackId: complaint.id,
    };
    // A complaint is checked as 投诉核查.
    expectFieldError(await wc.post('/inspections', { ...body, kind: 'daily' }), 'kind', ['投诉核查']);

    const created = expectStatus(await wc.post('/inspections', body), 201).body;
    assertSchema('Inspection', created);
    assert.equal(created.feedbackId, complaint.id);
    assert.deepEqual(created.feedback, { id: complaint.id, code, type: 'complaint', typeName: '投诉' });
    const read = expectStatus(await wc.get(`/inspections/${created.id}`), 200).body;
    assert.equal(read.feedback.code, code);
    const listed = expectStatus(await wc.get('/inspections', { query: { feedbackId: complaint.id } }), 200).body;
    assert.deepEqual(listed.items.map((i) => i.id), [created.id]);

    // The complaint's side: the inspection, and 已转检查 in its handling history.
    const detail = expectStatus(await wc.get(`/feedback/${complaint.id}`), 200).body;
    assertSchema('Feedback', detail);
    assert.deepEqual(detail.inspections.map((i) => [i.id, i.unitName, i.conclusion]), [[created.id, company.body.name, 'rectify']]);
    const step = detail.history.find((h) => h.action === '已转检查');
    assert.ok(step, JSON.stringify(detail.history));
    assert.equal(step.inspectionId, created.id);
    assert.match(step.detail, /责令整改/);
    assert.equal(detail.history[0].action, '收到');

    // An edit that does not name the complaint keeps the link; another kind is then refused.
    const { feedbackId, ...edit } = body;
    assert.equal(expectStatus(await wc.put(`/inspections/${created.id}`, edit), 200).body.feedbackId, feedbackId);
    expectFieldError(await wc.put(`/inspections/${created.id}`, { ...edit, kind: 'special' }), 'kind');

    // Another city's complaint (西安 新城分局) is outside 渭城's scope; a suggestion is no complaint; nor is an unknown id.
    const xa = await file({ companyId: company.rec.id, regionCode: '610102' });
    const other = await findByCode(await admin(), xa.code);
    assert.ok(other, 'the administrator sees it');
    expectFieldError(await wc.post('/inspections', { ...body, feedbackId: other.id }), 'feedbackId', ['关联投诉']);
    const suggestion = await findByCode(wc, (await file({ type: 'suggestion', regionCode: '610404' })).code);
    expectFieldError(await wc.post('/inspections', { ...body, feedbackId: suggestion.id }), 'feedbackId', ['投诉']);
    expectFieldError(await wc.post('/inspections', { ...body, feedbackId: 987654321 }), 'feedbackId', ['关联投诉']);
    const none = expectStatus(await (await admin()).get(`/feedback/${other.id}`), 200).body;
    assert.deepEqual(none.inspections, [], 'nothing was opened from it');
  });
});
