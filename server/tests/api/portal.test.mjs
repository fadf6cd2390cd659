// The company portal (企业服务, docs/industry-api.md): first sign-in with the credit code, the forced
// password change and the first-login guide; the company's own record; hiring, editing and releasing
// guards; good deeds; isolation between companies; what the police see of it (GET /guards,
// /good-deeds) and the guard search.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  admin,
  anon,
  assertSchema,
  birthForAge,
  breakCheckChar,
  chinaToday,
  expectError,
  expectFieldError,
  expectStatus,
  INITIAL_PASSWORD,
  ISO_TIME,
  latestSmsCode,
  login,
  loginRaw,
  mask,
  MASKED_ID,
  MASKED_MOBILE,
  nextMobile,
  orgId,
  randomCreditCode,
  randomIdNumber,
  STRONG_PASSWORD,
  uniqCjk,
  uniqName,
  userWithPermissions,
  validIdNumber,
} from './lib.mjs';

const SELF_EDITABLE = ['bizAddress', 'contactName', 'contactPhone', 'serviceScope', 'lng', 'lat'];

const companyBody = (o = {}) => ({
  name: uniqName('门户测试保安服务有限公司'),
  creditCode: randomCreditCode(o.regionCode ?? '610404'),
  regAddress: '咸阳市渭城区文汇路8号',
  regionCode: '610404',
  regCapital: 500,
  foundedOn: '2016-06-01',
  serviceScope: ['door'],
  legalName: '周法人',
  legalIdNo: randomIdNumber(),
  legalMobile: nextMobile(),
  ...o,
});

const guardBody = (o = {}) => ({
  name: uniqName('保安'),
  idNo: randomIdNumber(),
  mobile: nextMobile(),
  hiredOn: '2024-03-01',
  ethnicity: '汉族',
  education: 'senior',
  householdAddress: '陕西省咸阳市渭城区某村1组',
  currentAddress: '咸阳市渭城区文汇路1号',
  certificateNo: null,
  certificateDate: null,
  ...o,
});

let a; // province admin
let wc;
let qd;
const A = {}; // company A of 渭城区: {body, rec, client}
const B = {}; // company B of 秦都区

// Signs a company in for the first time and changes its password (the SMS code is read by the admin).
async function activateCompany(co, newPassword = STRONG_PASSWORD) {
  const first = await login(co.body.creditCode, INITIAL_PASSWORD);
  assert.equal(first.login.mustChangePassword, true);
  expectStatus(await first.post('/auth/sms-code', { purpose: 'change_password' }), 200);
  const smsCode = await latestSmsCode(co.body.legalMobile);
  expectStatus(await first.post('/auth/change-password', { oldPassword: INITIAL_PASSWORD, newPassword, smsCode }), 200);
  return login(co.body.creditCode, newPassword);
}

async function hire(co, overrides = {}) {
  const body = guardBody(overrides);
  const res = expectStatus(await co.client.post('/portal/guards', body), 201, `hire ${body.name}`);
  return { body, guard: res.body, res };
}

before(async () => {
  a = await admin();
  wc = await orgId('渭城分局');
  qd = await orgId('秦都分局');
  for (const [co, region] of [
    [A, '610404'],
    [B, '610402'],
  ]) {
    co.body = companyBody({ regionCode: region, creditCode: randomCreditCode(region) });
    co.rec = expectStatus(await a.post('/companies', co.body), 201, 'POST /companies').body;
  }
});

// ---------------------------------------------------------------------------------------------------
describe('first sign-in of a company', () => {
  let first;

  test('signs in with its credit code and 123456; must change the password', async () => {
    first = await login(A.body.creditCode, INITIAL_PASSWORD);
    assert.equal(first.login.mustChangePassword, true);
    assert.equal(first.login.user.kind, 'company');
    assert.equal(first.login.user.account, A.body.creditCode);
  });

  test('until then the portal answers 403 password_change_required', async () => {
    for (const p of ['/portal/company', '/portal/guards', '/portal/good-deeds'])
      expectError(await first.get(p), 403, 'password_change_required', p);
    expectError(await first.post('/portal/company/initialize', {}), 403, 'password_change_required');
    expectError(await first.post('/portal/guards', guardBody()), 403, 'password_change_required');
    expectStatus(await first.get('/auth/me'), 200);
  });

  test('changes it with the SMS code sent to the legal mobile, then signs in normally', async () => {
    const sent = expectStatus(await first.post('/auth/sms-code', { purpose: 'change_password' }), 200);
    assert.equal(sent.body.mobile, mask.mobile(A.body.legalMobile));
    const smsCode = await latestSmsCode(A.body.legalMobile);
    expectStatus(await first.post('/auth/change-password', { oldPassword: INITIAL_PASSWORD, newPassword: STRONG_PASSWORD, smsCode }), 200);
    A.client = await login(A.body.creditCode, STRONG_PASSWORD);
    assert.equal(A.client.login.mustChangePassword, false);
    B.client = await activateCompany(B);
  });

  test('/auth/me: kind company, the portal permissions and the menu group 企业服务', async () => {
    const me = expectStatus(await A.client.get('/auth/me'), 200).body;
    assert.equal(me.user.kind, 'company');
    assert.equal(me.user.unitKind, 'company');
    assert.deepEqual([...me.permissions].sort(), [
      'portal:application', 'portal:company', 'portal:emergency_task', 'portal:exam_registration', 'portal:flagged_guard', 'portal:good_deed',
      'portal:guard', 'portal:rectification', 'portal:task',
    ]);
    const group = me.menus.find((m) => m.title === '企业服务');
    assert.ok(group, `menu group 企业服务: ${JSON.stringify(me.menus)}`);
    const items = Object.fromEntries(group.children.map((c) => [c.path, c.title]));
    assert.deepEqual(items, {
      '/portal/applications': '业务申请', '/portal/company': '企业信息', '/portal/guards': '保安员管理', '/portal/good-deeds': '好人好事',
      '/portal/exam-registrations': '考试报名', '/portal/messages': '消息通知', '/portal/tasks': '任务管理', '/portal/emergency-tasks': '紧急任务',
      '/portal/rectifications': '整改通知', '/portal/flagged-guards': '问题人员',
    });
    assert.equal(me.menus.length, 1, 'no police menus');
  });
});

// ---------------------------------------------------------------------------------------------------
describe('the company record and the first-login guide', () => {
  test('GET /portal/company: its own record, personal data in full, selfEditable, not initialized', async () => {
    const res = expectStatus(await A.client.get('/portal/company'), 200);
    assertSchema('PortalCompany', res.body);
    const c = res.body;
    assert.equal(c.id, A.rec.id);
    assert.equal(c.name, A.body.name);
    assert.equal(c.creditCode, A.body.creditCode);
    assert.equal(c.legalIdNo, A.body.legalIdNo);
    assert.equal(c.legalMobile, A.body.legalMobile);
    assert.deepEqual([...c.selfEditable].sort(), [...SELF_EDITABLE].sort());
    assert.equal(c.initialized, false);
    assert.equal(c.initializedAt, null);
  });

  test('PUT before initialization → 409', async () => {
    expectError(await A.client.put('/portal/company', { contactName: '早了' }), 409, 'conflict');
  });

  test('initialize sets the fields given and initialized: true', async () => {
    const body = {
      bizAddress: '咸阳市渭城区渭阳西路18号',
      contactName: '刘联系',
      contactPhone: '029-33218888',
      serviceScope: ['door', 'patrol', 'escort'],
      lng: 108.71,
      lat: 34.33,
    };
    const res = expectStatus(await A.client.post('/portal/company/initialize', body), 200);
    assertSchema('PortalCompany', res.body);
    assert.equal(res.body.initialized, true);
    assert.match(res.body.initializedAt, ISO_TIME);
    for (const [k, v] of Object.entries(body)) assert.deepEqual(res.body[k], v, k);
    assert.equal(res.body.name, A.body.name);
    const police = expectStatus(await a.get(`/companies/${A.rec.id}`), 200).body;
    assert.equal(police.initialized, true);
    assert.equal(police.contactName, '刘联系');
  });

  test('a second initialize → 409', async () => {
    expectError(await A.client.post('/portal/company/initialize', { contactName: '再来' }), 409, 'conflict');
  });

  test('PUT changes the selfEditable fields', async () => {
    const res = expectStatus(await A.client.put('/portal/company', { contactName: '吴联系', serviceScope: ['guarding'], lng: 108.8 }), 200);
    assert.equal(res.body.contactName, '吴联系');
    assert.deepEqual(res.body.serviceScope, ['guarding']);
    assert.equal(res.body.lng, 108.8);
    assert.equal(res.body.bizAddress, '咸阳市渭城区渭阳西路18号', 'absent fields keep their values');
  });

  test('PUT cannot change the name, the credit code, the legal person or the region', async () => {
    const res = await A.client.put('/portal/company', {
      contactName: '郑联系',
      name: '改名保安服务有限公司',
      creditCode: randomCreditCode(),
      legalName: '冒名',
      legalIdNo: randomIdNumber(),
      legalMobile: nextMobile(),
      regionCode: '610402',
      orgId: qd,
    });
    // the fields a company may not change are ignored, the others saved
    assert.equal(expectStatus(res, 200).body.contactName, '郑联系');
    const c = expectStatus(await A.client.get('/portal/company'), 200).body;
    assert.equal(c.name, A.body.name);
    assert.equal(c.creditCode, A.body.creditCode);
    assert.equal(c.legalName, A.body.legalName);
    assert.equal(c.legalIdNo, A.body.legalIdNo);
    assert.equal(c.legalMobile, A.body.legalMobile);
    assert.equal(c.regionCode, A.body.regionCode);
    assert.equal(c.orgId, wc);
  });

  test('PUT validates like the registry: coordinates, phone, service scope', async () => {
    expectFieldError(await A.client.put('/portal/company', { lng: 200 }), 'lng', ['经度']);
    expectFieldError(await A.client.put('/portal/company', { lat: 60 }), 'lat', ['纬度']);
    expectFieldError(await A.client.put('/portal/company', { contactPhone: 'abc' }), 'contactPhone', ['联系电话']);
    expectFieldError(await A.client.put('/portal/company', { serviceScope: ['cooking'] }), 'serviceScope', ['服务范围']);
  });

  test('company B initializes too (needed below)', async () => {
    expectStatus(await B.client.post('/portal/company/initialize', { contactName: '秦联系' }), 200);
  });
});

// ---------------------------------------------------------------------------------------------------
describe('guards: hire, edit, leave, re-hire elsewhere', () => {
  const g1 = {};

  test('hire: 201 with Location; gender and birth date derived from the ID; employer and org of the company', async () => {
    const idNo = validIdNumber('610404', '19900315', 357); // odd sequence: male
    const { body, guard, res } = await hire(A, { idNo, hiredOn: '2024-03-01' });
    Object.assign(g1, { body, guard });
    assertSchema('Guard', guard);
    assert.match(res.headers.get('location') ?? '', new RegExp(`/portal/guards/${guard.id}$`));
    assert.equal(guard.idNo, idNo);
    assert.equal(guard.mobile, body.mobile);
    assert.equal(guard.name, body.name);
    assert.equal(guard.gender, 'male');
    assert.equal(guard.genderName, '男');
    assert.equal(guard.birthDate, '1990-03-15');
    assert.equal(guard.employed, true);
    assert.equal(guard.employerKind, 'company');
    assert.equal(guard.employerId, A.rec.id);
    assert.equal(guard.employerName, A.body.name);
    assert.equal(guard.hiredOn, '2024-03-01');
    assert.equal(guard.leftOn, null);
    assert.equal(guard.orgId, wc);
    assert.equal(guard.education, 'senior');
    assert.equal(guard.educationName, '高中');
    assert.equal(guard.ethnicity, '汉族');
    const read = expectStatus(await A.client.get(`/portal/guards/${guard.id}`), 200);
    assertSchema('Guard', read.body);
    assert.equal(read.body.idNo, idNo);
  });

  test('a female ID gives gender female; a lower-case x is stored upper-case', async () => {
    const { guard } = await hire(A, { idNo: validIdNumber('610402', '19880808', 246) });
    assert.equal(guard.gender, 'female');
    assert.equal(guard.genderName, '女');
    let id;
    do id = randomIdNumber();
    while (id[17] !== 'X');
    const { guard: gx } = await hire(A, { idNo: id.toLowerCase() });
    assert.equal(gx.idNo, id);
  });

  test('a person who turns 18 today may be hired', async () => {
    const { guard } = await hire(A, { idNo: validIdNumber('610404', birthForAge(18), 111), hiredOn: chinaToday() });
    assert.equal(guard.hiredOn, chinaToday());
  });

  test('under 18 → 422 fields.idNo', async () => {
    for (const birth of [birthForAge(18, 1), birthForAge(16)]) {
      const err = expectFieldError(await A.client.post('/portal/guards', guardBody({ idNo: validIdNumber('610404', birth, 111) })), 'idNo', ['18'], birth);
      assert.match(err.fields.idNo, /18/);
    }
  });

  test('education 小学 → 422 fields.education; unknown codes → 422', async () => {
    expectFieldError(await A.client.post('/portal/guards', guardBody({ education: 'primary' })), 'education', ['初中', '学历']);
    expectFieldError(await A.client.post('/portal/guards', guardBody({ education: 'phd' })), 'education', ['学历']);
    expectFieldError(await A.client.post('/portal/guards', guardBody({ ethnicity: '火星族' })), 'ethnicity', ['民族']);
  });

  test('required fields, ID check digit, mobile and dates → 422 naming the field', async () => {
    for (const [k, label] of [
      ['name', '姓名'],
      ['idNo', '身份证号'],
      ['mobile', '手机号'],
      ['hiredOn', '入职日期'],
    ]) {
      const body = guardBody();
      delete body[k];
      expectFieldError(await A.client.post('/portal/guards', body), k, [label], `without ${k}`);
    }
    const id = randomIdNumber();
    expectFieldError(await A.client.post('/portal/guards', guardBody({ idNo: breakCheckChar(id) })), 'idNo', ['身份证号'], 'check');
    expectFieldError(await A.client.post('/portal/guards', guardBody({ mobile: '12345678901' })), 'mobile', ['手机号'], 'mobile');
    expectFieldError(await A.client.post('/portal/guards', guardBody({ hiredOn: chinaToday(1) })), 'hiredOn', ['入职日期'], 'hiredOn future');
    expectFieldError(await A.client.post('/portal/guards', guardBody({ hiredOn: '2024-02-30' })), 'hiredOn', ['入职日期'], 'hiredOn invalid');
    expectFieldError(
      await A.client.post('/portal/guards', guardBody({ certificateNo: '6100000000001', certificateDate: chinaToday(1) })),
      'certificateDate',
      ['发证日期'],
      'certificateDate future',
    );
    const err = expectError(await A.client.post('/portal/guards', guardBody({ name: 42 })), 400, 'bad_request');
    assert.ok(err.fields && 'name' in err.fields, JSON.stringify(err));
  });

  test('the same person again in the same company → 409 fields.idNo', async () => {
    const err = expectError(await A.client.post('/portal/guards', guardBody({ idNo: g1.body.idNo })), 409, 'conflict');
    assert.ok(err.fields && 'idNo' in err.fields, JSON.stringify(err));
  });

  test('company B cannot hire a guard employed at A → 409 naming company A', async () => {
    const err = expectError(await B.client.post('/portal/guards', guardBody({ idNo: g1.body.idNo })), 409, 'conflict');
    assert.ok(err.message.includes(`「${A.body.name}」`), `message names the employer: ${err.message}`);
    assert.match(err.message, /离职/);
  });

  test('the company lists its guards with filters', async () => {
    const list = async (q) => expectStatus(await A.client.get('/portal/guards', { query: { size: 200, ...q } }), 200);
    const all = await list({});
    assertSchema('GuardPage', all.body);
    assert.ok(all.body.items.some((g) => g.id === g1.guard.id));
    assert.ok(all.body.items.every((g) => g.employerId === A.rec.id), 'only its own guards');
    const item = all.body.items.find((g) => g.id === g1.guard.id);
    assert.equal(item.idNo, g1.body.idNo, 'full ID for the employer');
    assert.equal(item.mobile, g1.body.mobile);
    assert.deepEqual((await list({ idNo: g1.body.idNo })).body.items.map((g) => g.id), [g1.guard.id]);
    assert.deepEqual((await list({ mobile: g1.body.mobile })).body.items.map((g) => g.id), [g1.guard.id]);
    assert.deepEqual((await list({ name: g1.body.name })).body.items.map((g) => g.id), [g1.guard.id]);
  });

  test('PUT edits the person but never the ID number or the hire date', async () => {
    const mobile = nextMobile();
    const res = expectStatus(
      await A.client.put(`/portal/guards/${g1.guard.id}`, {
        ...g1.body,
        mobile,
        education: 'college',
        idNo: randomIdNumber(),
        hiredOn: '2020-01-01',
      }),
      200,
    );
    assertSchema('Guard', res.body);
    assert.equal(res.body.mobile, mobile);
    assert.equal(res.body.education, 'college');
    assert.equal(res.body.educationName, '大专');
    assert.equal(res.body.idNo, g1.body.idNo);
    assert.equal(res.body.birthDate, '1990-03-15');
    assert.equal(res.body.hiredOn, '2024-03-01');
    g1.body.mobile = mobile;
    expectFieldError(await A.client.put(`/portal/guards/${g1.guard.id}`, { ...g1.body, education: 'primary' }), 'education', ['初中', '学历']);
    expectFieldError(await A.client.put(`/portal/guards/${g1.guard.id}`, { ...g1.body, mobile: '1' }), 'mobile', ['手机号']);
  });

  test('leave: not before the hire date, not in the future; then employed false', async () => {
    expectFieldError(await A.client.post(`/portal/guards/${g1.guard.id}/leave`, { leftOn: '2024-02-29' }), 'leftOn', ['离职日期']);
    expectFieldError(await A.client.post(`/portal/guards/${g1.guard.id}/leave`, { leftOn: chinaToday(1) }), 'leftOn', ['离职日期']);
    const res = expectStatus(await A.client.post(`/portal/guards/${g1.guard.id}/leave`, {}), 200);
    assertSchema('Guard', res.body);
    assert.equal(res.body.employed, false);
    assert.equal(res.body.leftOn, chinaToday(), 'leftOn defaults to today');
  });

  test('leaving again → 409; editing a guard who has left → 409', async () => {
    expectError(await A.client.post(`/portal/guards/${g1.guard.id}/leave`, {}), 409, 'conflict');
    expectError(await A.client.put(`/portal/guards/${g1.guard.id}`, g1.body), 409, 'conflict');
  });

  test('employed=false lists those who have left, employed=true the others', async () => {
    const ids = async (employed) =>
      expectStatus(await A.client.get('/portal/guards', { query: { employed, size: 200 } }), 200).body.items.map((g) => g.id);
    assert.ok((await ids(false)).includes(g1.guard.id));
    assert.ok(!(await ids(true)).includes(g1.guard.id));
  });

  test('company B may now hire the same person: the same guard, a new employment', async () => {
    const { guard } = await hire(B, { idNo: g1.body.idNo, name: g1.body.name, hiredOn: chinaToday() });
    assert.equal(guard.id, g1.guard.id, 'one guard per person');
    assert.equal(guard.employed, true);
    assert.equal(guard.employerId, B.rec.id);
    assert.equal(guard.employerName, B.body.name);
    assert.equal(guard.orgId, qd, 'the supervising org follows the employer');
    assert.equal(guard.leftOn, null);
  });

  test('the history shows both employments, the latest first', async () => {
    const d = expectStatus(await a.get(`/guards/${g1.guard.id}`), 200).body;
    assertSchema('GuardDetail', d);
    const hist = d.employments.map((e) => [e.employerId, e.hiredOn, e.leftOn]);
    assert.deepEqual(hist, [
      [B.rec.id, chinaToday(), null],
      [A.rec.id, '2024-03-01', chinaToday()],
    ]);
    assert.equal(d.employments[1].employerName, A.body.name);
    assert.ok(d.employments.every((e) => e.employerKind === 'company'));
  });

  test('company A no longer sees the guard it released and B hired (404, not in its lists)', async () => {
    expectError(await A.client.get(`/portal/guards/${g1.guard.id}`), 404, 'not_found');
    const list = expectStatus(await A.client.get('/portal/guards', { query: { idNo: g1.body.idNo } }), 200);
    assert.equal(list.body.total, 0);
    expectStatus(await B.client.get(`/portal/guards/${g1.guard.id}`), 200);
  });

  test('unknown ids → 404', async () => {
    expectError(await A.client.get('/portal/guards/999999999'), 404, 'not_found');
    expectError(await A.client.put('/portal/guards/999999999', guardBody()), 404, 'not_found');
    expectError(await A.client.post('/portal/guards/999999999/leave', {}), 404, 'not_found');
  });
});

// ---------------------------------------------------------------------------------------------------
describe("a company never sees another company's guards or good deeds", () => {
  let gA;
  let gB;
  let deedB;
  before(async () => {
    gA = await hire(A);
    gB = await hire(B);
    deedB = expectStatus(
      await B.client.post('/portal/good-deeds', { guardId: gB.guard.id, title: uniqName('拾金不昧'), content: '归还失主钱包', occurredOn: '2025-10-01' }),
      201,
    ).body;
  });

  test("B's guard: 404 for A on read, update and leave", async () => {
    expectError(await A.client.get(`/portal/guards/${gB.guard.id}`), 404, 'not_found');
    expectError(await A.client.put(`/portal/guards/${gB.guard.id}`, gB.body), 404, 'not_found');
    expectError(await A.client.post(`/portal/guards/${gB.guard.id}/leave`, {}), 404, 'not_found');
    const still = expectStatus(await B.client.get(`/portal/guards/${gB.guard.id}`), 200).body;
    assert.equal(still.employed, true);
    assert.equal(still.name, gB.body.name);
  });

  test("B's guard is absent from A's lists, even when searched by its ID number, mobile or name", async () => {
    for (const q of [{ idNo: gB.body.idNo }, { mobile: gB.body.mobile }, { name: gB.body.name }, { size: 200 }]) {
      const res = expectStatus(await A.client.get('/portal/guards', { query: q }), 200);
      assert.ok(!res.body.items.some((g) => g.id === gB.guard.id), JSON.stringify(q));
    }
    const mine = expectStatus(await B.client.get('/portal/guards', { query: { size: 200 } }), 200);
    assert.ok(!mine.body.items.some((g) => g.id === gA.guard.id), "A's guard is not in B's list");
  });

  test("B's good deed: 404 for A on read and update; absent from A's list", async () => {
    expectError(await A.client.get(`/portal/good-deeds/${deedB.id}`), 404, 'not_found');
    expectError(
      await A.client.put(`/portal/good-deeds/${deedB.id}`, { guardId: gA.guard.id, title: '篡改', content: '篡改', occurredOn: '2025-10-01' }),
      404,
      'not_found',
    );
    const list = expectStatus(await A.client.get('/portal/good-deeds', { query: { size: 200 } }), 200);
    assert.ok(!list.body.items.some((d) => d.id === deedB.id));
    assert.ok(list.body.items.every((d) => d.companyId === A.rec.id));
    assert.equal(expectStatus(await B.client.get(`/portal/good-deeds/${deedB.id}`), 200).body.title, deedB.title);
  });
});

// ---------------------------------------------------------------------------------------------------
describe('good deeds', () => {
  let g3; // A's guard
  let former; // a guard who left A
  let gB; // B's guard
  let deed;
  const deedBody = (o = {}) => ({ guardId: g3.guard.id, title: uniqName('见义勇为'), content: '协助民警抓获盗窃嫌疑人', occurredOn: '2025-09-10', place: '咸阳市渭城区人民路', ...o });

  before(async () => {
    g3 = await hire(A);
    former = await hire(A);
    expectStatus(await A.client.post(`/portal/guards/${former.guard.id}/leave`, {}), 200);
    gB = await hire(B);
  });

  test('create: 201 with Location, the guard and the company named, personal data in full', async () => {
    const body = deedBody();
    const res = expectStatus(await A.client.post('/portal/good-deeds', body), 201);
    deed = res.body;
    assertSchema('GoodDeed', deed);
    assert.match(res.headers.get('location') ?? '', new RegExp(`/portal/good-deeds/${deed.id}$`));
    assert.equal(deed.guardId, g3.guard.id);
    assert.equal(deed.guardName, g3.body.name);
    assert.equal(deed.idNo, g3.body.idNo);
    assert.equal(deed.mobile, g3.body.mobile);
    assert.equal(deed.companyId, A.rec.id);
    assert.equal(deed.companyName, A.body.name);
    for (const k of ['title', 'content', 'occurredOn', 'place']) assert.equal(deed[k], body[k], k);
    const read = expectStatus(await A.client.get(`/portal/good-deeds/${deed.id}`), 200);
    assertSchema('GoodDeed', read.body);
  });

  test('a guard who has left the company may still be named', async () => {
    expectStatus(await A.client.post('/portal/good-deeds', deedBody({ guardId: former.guard.id })), 201);
  });

  test("a guard of another company → 422 fields.guardId, on create and on update", async () => {
    expectFieldError(await A.client.post('/portal/good-deeds', deedBody({ guardId: gB.guard.id })), 'guardId', ['保安员']);
    expectFieldError(await A.client.put(`/portal/good-deeds/${deed.id}`, deedBody({ guardId: gB.guard.id })), 'guardId', ['保安员']);
    const r = await A.client.post('/portal/good-deeds', deedBody({ guardId: 999999999 }));
    assert.ok(expectError(r, 422, 'validation_failed').fields.guardId, 'a guard that does not exist names guardId');
    assert.equal(expectStatus(await A.client.get(`/portal/good-deeds/${deed.id}`), 200).body.guardId, g3.guard.id);
  });

  test('required fields and a date in the future → 422 naming the field', async () => {
    for (const [k, label] of [
      ['guardId', '保安员'],
      ['title', '标题'],
      ['content', '内容'],
      ['occurredOn', '日期'],
    ]) {
      const body = deedBody();
      delete body[k];
      expectFieldError(await A.client.post('/portal/good-deeds', body), k, [label], `without ${k}`);
    }
    expectFieldError(await A.client.post('/portal/good-deeds', deedBody({ occurredOn: chinaToday(1) })), 'occurredOn', ['日期']);
  });

  test('update → 200; the list finds it by guard name, ID number, mobile', async () => {
    const res = expectStatus(await A.client.put(`/portal/good-deeds/${deed.id}`, deedBody({ title: `${deed.title}(更新)`, place: null })), 200);
    assert.equal(res.body.title, `${deed.title}(更新)`);
    assert.equal(res.body.place, null);
    deed = res.body;
    for (const q of [{ guardName: g3.body.name }, { idNo: g3.body.idNo }, { mobile: g3.body.mobile }]) {
      const list = expectStatus(await A.client.get('/portal/good-deeds', { query: q }), 200);
      assertSchema('GoodDeedPage', list.body);
      assert.ok(list.body.items.some((d) => d.id === deed.id), JSON.stringify(q));
    }
  });

  describe('the police side', () => {
    let wcOff;
    let qdOff;
    before(async () => {
      wcOff = await userWithPermissions(['guard:view', 'good_deed:view'], { orgName: '渭城分局' });
      qdOff = await userWithPermissions(['guard:view', 'good_deed:view'], { orgName: '秦都分局' });
    });

    test("the officer of the company's 分局 sees the guard, masked, with employments and good deeds", async () => {
      const list = expectStatus(await wcOff.client.get('/guards', { query: { idNo: g3.body.idNo } }), 200);
      assertSchema('GuardPage', list.body);
      assert.deepEqual(list.body.items.map((g) => g.id), [g3.guard.id]);
      const item = list.body.items[0];
      assert.match(item.idNo, MASKED_ID);
      assert.match(item.mobile, MASKED_MOBILE);
      assert.equal(item.employerName, A.body.name);
      assert.equal(item.orgName, '渭城分局');
      const d = expectStatus(await wcOff.client.get(`/guards/${g3.guard.id}`), 200);
      assertSchema('GuardDetail', d.body);
      assert.equal(d.body.idNo, mask.id(g3.body.idNo));
      assert.ok(!d.text.includes(g3.body.idNo) && !d.text.includes(g3.body.mobile), 'no full value without guard:pii');
      assert.deepEqual(d.body.employments.map((e) => [e.employerId, e.employerName, e.leftOn]), [[A.rec.id, A.body.name, null]]);
      assert.ok(
        d.body.goodDeeds.some((x) => x.id === deed.id && x.title === deed.title && x.companyName === A.body.name && x.occurredOn === deed.occurredOn),
        JSON.stringify(d.body.goodDeeds),
      );
      assert.deepEqual(d.body.flags, []);
    });

    test("it sees the company's good deeds", async () => {
      const one = expectStatus(await wcOff.client.get(`/good-deeds/${deed.id}`), 200);
      assertSchema('GoodDeed', one.body);
      assert.equal(one.body.companyName, A.body.name);
      assert.match(one.body.idNo, MASKED_ID);
      const list = expectStatus(await wcOff.client.get('/good-deeds', { query: { companyName: A.body.name } }), 200);
      assertSchema('GoodDeedPage', list.body);
      assert.ok(list.body.items.some((x) => x.id === deed.id));
      const byGuard = expectStatus(await wcOff.client.get('/good-deeds', { query: { guardName: g3.body.name } }), 200);
      assert.ok(byGuard.body.items.some((x) => x.id === deed.id));
    });

    test('with guard:pii the details are in full and the view is audited (view_pii)', async () => {
      const full = await userWithPermissions(['guard:view', 'guard:pii'], { orgName: '渭城分局' });
      const list = expectStatus(await full.client.get('/guards', { query: { idNo: g3.body.idNo } }), 200);
      assert.equal(list.body.items[0].idNo, g3.body.idNo, 'lists in full with guard:pii');
      assert.equal(list.body.items[0].mobile, g3.body.mobile);
      const d = expectStatus(await full.client.get(`/guards/${g3.guard.id}`), 200);
      assert.equal(d.body.idNo, g3.body.idNo);
      assert.equal(d.body.mobile, g3.body.mobile);
      const log = expectStatus(await a.get('/audit-logs', { query: { account: full.account, action: 'view_pii' } }), 200).body.items;
      assert.ok(
        log.some((e) => e.targetType === 'guard' && String(e.targetId) === String(g3.guard.id)),
        `view_pii entry: ${JSON.stringify(log)}`,
      );
    });

    test('an officer of another 分局 sees neither the guard nor its good deeds', async () => {
      const list = expectStatus(await qdOff.client.get('/guards', { query: { idNo: g3.body.idNo } }), 200);
      assert.equal(list.body.total, 0);
      const byName = expectStatus(await qdOff.client.get('/guards', { query: { companyName: A.body.name } }), 200);
      assert.equal(byName.body.total, 0);
      expectError(await qdOff.client.get(`/guards/${g3.guard.id}`), 404, 'not_found');
      expectError(await qdOff.client.get(`/good-deeds/${deed.id}`), 404, 'not_found');
      const deeds = expectStatus(await qdOff.client.get('/good-deeds', { query: { companyName: A.body.name } }), 200);
      assert.equal(deeds.body.total, 0);
      expectError(await qdOff.client.get('/guards', { query: { orgId: wc } }), 404, 'not_found');
    });

    test("…but sees the guards of its own companies (B's guard, 秦都分局)", async () => {
      const list = expectStatus(await qdOff.client.get('/guards', { query: { idNo: gB.body.idNo } }), 200);
      assert.deepEqual(list.body.items.map((g) => g.id), [gB.guard.id]);
      assert.equal(list.body.items[0].orgName, '秦都分局');
      expectError(await wcOff.client.get(`/guards/${gB.guard.id}`), 404, 'not_found');
    });

    test('an officer of 咸阳市公安局 (org_and_below) sees both', async () => {
      // Not the demo xy_jb: it sits in 保安管理科, and org_and_below is the subtree of the user's own org.
      const city = await userWithPermissions(['guard:view', 'good_deed:view'], { orgName: '咸阳市公安局' });
      expectStatus(await city.client.get(`/guards/${g3.guard.id}`), 200);
      expectStatus(await city.client.get(`/guards/${gB.guard.id}`), 200);
      expectStatus(await city.client.get(`/good-deeds/${deed.id}`), 200);
    });

    test('?orgId= narrows the guard list to an org of the scope', async () => {
      const inWc = expectStatus(await a.get('/guards', { query: { orgId: wc, idNo: g3.body.idNo } }), 200);
      assert.equal(inWc.body.total, 1);
      const inQd = expectStatus(await a.get('/guards', { query: { orgId: qd, idNo: g3.body.idNo } }), 200);
      assert.equal(inQd.body.total, 0);
    });
  });
});

// ---------------------------------------------------------------------------------------------------
describe('guard search (police side)', () => {
  const P = uniqCjk(2); // a 2-character name prefix nobody else has
  const names = { two: P, three: `${P}${uniqCjk(1)}` };
  names.four = `${names.three}${uniqCjk(1)}`;
  names.inside = `${uniqCjk(1)}${P}`; // P, but not at the start
  const g = {};
  before(async () => {
    for (const k of ['two', 'three', 'four', 'inside']) g[k] = await hire(A, { name: names[k] });
    g.other = await hire(B, { name: `${P}${uniqCjk(1)}` });
  });

  const search = async (q) => {
    const res = expectStatus(await a.get('/guards', { query: { size: 200, ...q } }), 200);
    assertSchema('GuardPage', res.body);
    return res.body.items.map((x) => x.id);
  };

  test('a 2-character name prefix finds every name starting with it, newest first, and no other', async () => {
    const ids = await search({ name: names.two });
    const expected = [g.other, g.four, g.three, g.two].map((x) => x.guard.id);
    assert.deepEqual(ids, expected, 'prefix match, sorted newest first');
    assert.ok(!ids.includes(g.inside.guard.id), 'not a contains match');
  });

  test('a 3-character name finds that name and the longer ones starting with it', async () => {
    assert.deepEqual(await search({ name: names.three }), [g.four.guard.id, g.three.guard.id]);
    assert.deepEqual(await search({ name: names.four }), [g.four.guard.id]);
  });

  test('the full ID number finds exactly that guard; part of it finds it too', async () => {
    assert.deepEqual(await search({ idNo: g.three.body.idNo }), [g.three.guard.id]);
    assert.deepEqual(await search({ idNo: g.three.body.idNo.toLowerCase() }), [g.three.guard.id], 'case of the X');
    assert.ok((await search({ idNo: g.three.body.idNo.slice(3, 15) })).includes(g.three.guard.id), 'a middle part');
    assert.ok((await search({ idNo: g.three.body.idNo.slice(-6) })).includes(g.three.guard.id), 'the last 6');
  });

  test('the full mobile finds exactly that guard; part of it finds it too', async () => {
    assert.deepEqual(await search({ mobile: g.four.body.mobile }), [g.four.guard.id]);
    assert.ok((await search({ mobile: g.four.body.mobile.slice(3) })).includes(g.four.guard.id), 'the last 8 digits');
    assert.ok((await search({ mobile: g.four.body.mobile.slice(0, 7) })).includes(g.four.guard.id), 'the first 7 digits');
  });

  test('companyName (part of it) finds the guards of that company only', async () => {
    const ids = await search({ companyName: A.body.name.slice(4), name: names.two });
    assert.deepEqual(ids, [g.four, g.three, g.two].map((x) => x.guard.id));
    const ids2 = await search({ companyName: B.body.name, name: names.two });
    assert.deepEqual(ids2, [g.other.guard.id]);
  });

  test('filters combine; employed=true|false; an invalid employed → 422 naming it', async () => {
    assert.deepEqual(await search({ name: names.two, mobile: g.two.body.mobile }), [g.two.guard.id]);
    assert.deepEqual(await search({ name: names.three, idNo: g.two.body.idNo }), []);
    assert.ok((await search({ name: names.two, employed: true })).includes(g.two.guard.id));
    assert.deepEqual(await search({ name: names.two, employed: false }), []);
    assert.ok(expectError(await a.get('/guards', { query: { employed: 'maybe' } }), 422, 'validation_failed').fields.employed);
  });

  test('the portal search of a company works the same on its own guards', async () => {
    const res = expectStatus(await A.client.get('/portal/guards', { query: { name: names.two } }), 200);
    assert.deepEqual(res.body.items.map((x) => x.id), [g.four, g.three, g.two].map((x) => x.guard.id));
  });
});

// ---------------------------------------------------------------------------------------------------
describe('who may call what', () => {
  test('a company account gets 403 on the police endpoints', async () => {
    const g = await hire(A);
    for (const p of ['/guards', `/guards/${g.guard.id}`, '/companies', `/companies/${A.rec.id}`, '/users', '/good-deeds', '/associations', '/audit-logs', '/roles'])
      expectError(await A.client.get(p), 403, 'forbidden', p);
    expectError(await A.client.post('/companies', companyBody()), 403, 'forbidden', 'POST /companies');
    expectError(await A.client.post(`/companies/${A.rec.id}/reset-password`), 403, 'forbidden', 'reset-password');
  });

  test('an officer gets 403 on /portal/*, even the province admin', async () => {
    const off = await userWithPermissions(['guard:view', 'good_deed:view', 'company:view']);
    for (const c of [off.client, a]) {
      for (const p of ['/portal/company', '/portal/guards', '/portal/good-deeds', '/portal/guards/1', '/portal/good-deeds/1'])
        expectError(await c.get(p), 403, 'forbidden', p);
      expectError(await c.post('/portal/guards', guardBody()), 403, 'forbidden', 'POST /portal/guards');
      expectError(await c.put('/portal/company', { contactName: 'x' }), 403, 'forbidden', 'PUT /portal/company');
      expectError(await c.post('/portal/company/initialize', {}), 403, 'forbidden', 'initialize');
      expectError(await c.post('/portal/good-deeds', { guardId: 1, title: 'x', content: 'x', occurredOn: '2025-01-01' }), 403, 'forbidden');
    }
  });

  test('a company account reads the dictionaries (the forms need them)', async () => {
    const d = expectStatus(await A.client.get('/dictionaries'), 200);
    assertSchema('Dictionaries', d.body);
  });

  test('without a session → 401', async () => {
    for (const p of ['/portal/company', '/portal/guards', '/guards', '/good-deeds']) expectError(await anon().get(p), 401, 'unauthenticated', p);
  });

  test('a deregistered company can no longer sign in', async () => {
    const co = { body: companyBody() };
    co.rec = expectStatus(await a.post('/companies', co.body), 201).body;
    const client = await activateCompany(co, 'Portal#2026x');
    expectStatus(await client.get('/portal/company'), 200);
    expectStatus(await a.post(`/companies/${co.rec.id}/deregister`, { date: chinaToday(), reason: '测试注销' }), 200);
    expectError(await client.get('/portal/company'), 401, 'unauthenticated');
    expectError(await loginRaw(co.body.creditCode, 'Portal#2026x'), 403, 'account_disabled');
  });
});

test('guard search: ID numbers and mobiles take only their own characters (422 naming the field)', async () => {
  const admin = await login('admin', 'Admin@2026');
  const badId = await admin.get('/guards', { query: { idNo: '1990%' } });
  expectStatus(badId, 422);
  assert.ok(badId.body.error.fields.idNo);
  const badMobile = await admin.get('/guards', { query: { mobile: '138 00' } });
  expectStatus(badMobile, 422);
  assert.ok(badMobile.body.error.fields.mobile);
  // Lower-case x is the same character as X in an ID number.
  expectStatus(await admin.get('/guards', { query: { idNo: '002x' } }), 200);
});

describe('an edited company takes its guards and good deeds along', () => {
  const C = {};
  let g; // C's guard
  let left; // a guard who left C
  let deed;
  let wcOff;
  let qdOff;
  const totals = async (off) => expectStatus(await off.client.get('/guards', { query: { size: 10 } }), 200).body.total;

  before(async () => {
    C.body = companyBody();
    C.rec = expectStatus(await a.post('/companies', C.body), 201).body;
    C.client = await activateCompany(C, 'Portal#2026c');
    expectStatus(await C.client.post('/portal/company/initialize', {}), 200);
    g = await hire(C);
    left = await hire(C);
    expectStatus(await C.client.post(`/portal/guards/${left.guard.id}/leave`, {}), 200);
    deed = expectStatus(
      await C.client.post('/portal/good-deeds', { guardId: g.guard.id, title: uniqName('拾金不昧'), content: '归还失物', occurredOn: '2025-10-01' }),
      201,
    ).body;
    wcOff = await userWithPermissions(['guard:view', 'good_deed:view'], { orgName: '渭城分局' });
    qdOff = await userWithPermissions(['guard:view', 'good_deed:view'], { orgName: '秦都分局' });
  });

  test('moved to 秦都分局 and renamed: the guards (current and former) and the good deed move with it; totals follow', async () => {
    const before = { wc: await totals(wcOff), qd: await totals(qdOff) };
    expectStatus(await wcOff.client.get(`/guards/${g.guard.id}`), 200);
    const current = expectStatus(await a.get(`/companies/${C.rec.id}`), 200).body;
    const renamed = uniqName('迁移测试保安服务有限公司');
    const moved = expectStatus(await a.put(`/companies/${C.rec.id}`, { ...current, name: renamed, orgId: qd }), 200).body;
    assert.equal(moved.orgId, qd);

    for (const x of [g, left]) {
      expectError(await wcOff.client.get(`/guards/${x.guard.id}`), 404, 'not_found');
      const d = expectStatus(await qdOff.client.get(`/guards/${x.guard.id}`), 200).body;
      assert.equal(d.orgName, '秦都分局');
      assert.equal(d.employerName, renamed);
    }
    assert.deepEqual(await totals(wcOff), before.wc - 2, '渭城 has two guards fewer');
    assert.deepEqual(await totals(qdOff), before.qd + 2, '秦都 has two more');
    const byCompany = expectStatus(await qdOff.client.get('/guards', { query: { companyName: renamed } }), 200).body;
    assert.deepEqual(byCompany.items.map((x) => x.id).sort(), [g.guard.id, left.guard.id].sort());
    expectError(await wcOff.client.get(`/good-deeds/${deed.id}`), 404, 'not_found');
    expectStatus(await qdOff.client.get(`/good-deeds/${deed.id}`), 200);
    // The employment history keeps the name the company had when the guard was hired.
    const hist = expectStatus(await qdOff.client.get(`/guards/${g.guard.id}`), 200).body.employments;
    assert.deepEqual(hist.map((e) => e.employerName), [C.body.name]);
    // The company still sees and manages its guards.
    expectStatus(await C.client.put(`/portal/guards/${g.guard.id}`, { ...g.body, mobile: nextMobile() }), 200);
  });
});
