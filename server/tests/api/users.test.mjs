// Users (用户管理, manual §2.3): create with SMS, validation, masking, reset, disable, unlock, scope.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  activate,
  activeCompany,
  admin,
  assertSchema,
  breakCheckChar,
  createRole,
  createUser,
  expectError,
  expectFieldError,
  expectStatus,
  INITIAL_PASSWORD,
  login,
  loginDemo,
  loginRaw,
  MASKED_ID,
  MASKED_MOBILE,
  nextMobile,
  nextPoliceNo,
  orgId,
  smsTo,
  STRONG_PASSWORD,
  uniqAccount,
  uniqName,
  userBody,
  userWithPermissions,
  validIdNumber,
} from './lib.mjs';

let wcc; // 渭城分局 admin (cookie session)
let wc;
let station;
let wcRole;
before(async () => {
  wcc = await loginDemo('wc_admin');
  wc = await orgId('渭城分局');
  station = await orgId('渭城护城河派出所');
  wcRole = await createRole(wcc, wc, ['org:view', 'user:view'], { kind: 'org' }, uniqName('渭城民警'));
});

const withoutAccount = ({ account, ...rest }) => (void account, rest);

describe('create', () => {
  let created;

  test('a police officer: 201, account = police number, gender and birth date from the ID', async () => {
    const idNo = validIdNumber('610404', '19850317', 123); // odd sequence: male
    const body = userBody(station, {
      name: uniqName('李警官'),
      idNo,
      roleIds: [wcRole.id],
      approvalPosts: { exam_registration: 'station_officer' },
    });
    const res = expectStatus(await wcc.post('/users', body), 201);
    created = { body, user: res.body };
    assertSchema('UserSaved', res.body);
    assert.match(res.headers.get('location') ?? '', new RegExp(`/users/${res.body.id}$`));
    const u = res.body;
    assert.equal(u.account, body.policeNo);
    assert.equal(u.name, body.name);
    assert.equal(u.isPolice, true);
    assert.equal(u.policeNo, body.policeNo);
    assert.equal(u.orgId, station);
    assert.equal(u.orgName, '渭城护城河派出所');
    assert.equal(u.gender, 'male');
    assert.equal(u.enabled, true);
    assert.equal(u.locked, false);
    assert.equal(u.loginCount, 0);
    assert.equal(u.lastLoginAt ?? null, null);
    assert.deepEqual(u.roleIds, [wcRole.id]);
    assert.deepEqual(u.approvalPosts, { exam_registration: 'station_officer' });
    assert.deepEqual(u.roleNames, [wcRole.name]);
    const read = expectStatus(await wcc.get(`/users/${u.id}`), 200);
    assertSchema('User', read.body);
    assert.equal(read.body.gender, 'male');
    assert.equal(read.body.birthDate, '1985-03-17');
    assert.equal(read.body.mustChangePassword, true);
  });

  test('an SMS with the account and the initial password 123456 goes to the mobile', async () => {
    const msgs = await smsTo(created.body.mobile);
    assert.ok(
      msgs.some((m) => m.content.includes(created.user.account) && m.content.includes(INITIAL_PASSWORD)),
      `SMS log: ${JSON.stringify(msgs)}`,
    );
  });

  test('the new user must change the initial password', async () => {
    const res = expectStatus(await loginRaw(created.user.account, INITIAL_PASSWORD), 200);
    assert.equal(res.body.mustChangePassword, true);
  });

  test('a female ID gives gender female', async () => {
    const idNo = validIdNumber('610402', '19920229', 246);
    const { user } = await createUser(wcc, wc, { idNo });
    assert.equal(user.gender, 'female');
    const read = expectStatus(await wcc.get(`/users/${user.id}`), 200);
    assert.equal(read.body.birthDate, '1992-02-29');
  });

  test('not police, no account given: account = mobile', async () => {
    const mobile = nextMobile();
    const { user } = await createUser(wcc, wc, { isPolice: false, policeNo: null, mobile });
    assert.equal(user.account, mobile);
    assert.equal(user.isPolice, false);
  });

  test('an explicit account is kept; a +86 mobile is stored without the prefix', async () => {
    const account = uniqAccount('acc');
    const mobile = nextMobile();
    const { user } = await createUser(wcc, wc, { account, mobile: `+86${mobile}` });
    assert.equal(user.account, account);
    assert.equal(user.mobile, mobile, 'the 渭城 admin holds user:pii: full mobile');
  });

  test('a duplicate account → 409 conflict', async () => {
    const account = uniqAccount('dup');
    await createUser(wcc, wc, { account });
    expectError(await wcc.post('/users', userBody(wc, { account, approvalPosts: { exam_registration: 'county_handler' } })), 409, 'conflict');
    expectError(
      await wcc.post('/users', userBody(wc, { account: 'admin', approvalPosts: { exam_registration: 'county_handler' } })),
      409,
      'conflict',
      'the demo admin account',
    );
  });

  test('a duplicate police number (the default account) → 409 conflict', async () => {
    const policeNo = nextPoliceNo();
    await createUser(wcc, wc, { policeNo });
    expectError(await wcc.post('/users', userBody(wc, { policeNo, approvalPosts: { exam_registration: 'county_handler' } })), 409, 'conflict');
  });
});

describe('validation (422 naming the field)', () => {
  const post = (overrides) =>
    wcc.post('/users', userBody(wc, { approvalPosts: { exam_registration: 'county_handler' }, ...overrides }));

  test('an ID number with a wrong check character → fields.idNo', async () => {
    expectFieldError(await post({ idNo: breakCheckChar(validIdNumber('610404', '19900101', 11)) }), 'idNo', ['身份', '证件']);
  });

  test('an ID number of the wrong length, with letters, or with an impossible birth date → fields.idNo', async () => {
    expectFieldError(await post({ idNo: '61040419900101001' }), 'idNo', ['身份', '证件'], '17 chars');
    expectFieldError(await post({ idNo: '61040419900101A01X' }), 'idNo', ['身份', '证件'], 'letters');
    expectFieldError(await post({ idNo: validIdNumber('610404', '19901331', 1) }), 'idNo', ['身份', '证件'], 'month 13');
    expectFieldError(await post({ idNo: validIdNumber('610404', '19900230', 1) }), 'idNo', ['身份', '证件'], 'Feb 30');
    expectFieldError(await post({ idNo: '' }), 'idNo', ['身份', '证件'], 'empty');
  });

  test('a police officer without a police number → fields.policeNo', async () => {
    expectFieldError(await post({ isPolice: true, policeNo: '' }), 'policeNo', ['警号']);
    expectFieldError(await post({ isPolice: true, policeNo: null }), 'policeNo', ['警号']);
  });

  test('a bad mobile → fields.mobile', async () => {
    for (const mobile of ['12345678901', '1380013800', 'abcdefghijk', ''])
      expectFieldError(await post({ mobile }), 'mobile', ['手机'], `mobile ${mobile}`);
  });

  test('an empty name → fields.name', async () => {
    expectFieldError(await post({ name: '' }), 'name', ['姓名']);
  });

  test('neither a role nor an approval post → 422', async () => {
    const res = await wcc.post('/users', userBody(wc, { roleIds: [], approvalPosts: {} }));
    const err = expectError(res, 422, 'validation_failed');
    assert.ok(/角色/.test(err.message), err.message);
  });

  test('an unknown approval post or business type → 422', async () => {
    expectError(await post({ approvalPosts: { exam_registration: 'emperor' } }), 422, 'validation_failed');
    expectError(await post({ approvalPosts: { moon_landing: 'city_handler' } }), 422, 'validation_failed');
  });

  test('an unknown role → 422 naming roleIds', async () => {
    assert.ok(expectError(await post({ roleIds: [999999999], approvalPosts: {} }), 422, 'validation_failed').fields.roleIds);
  });

  test('an unknown org → 404 (所属单位不存在), as an org outside the scope', async () => {
    const err = expectError(await post({ orgId: 999999999 }), 404, 'not_found');
    assert.match(err.message, /所属单位/);
  });
});

describe('list, read, masking', () => {
  let u;
  let idNo;
  before(async () => {
    idNo = validIdNumber('610404', '19780512', 357);
    u = await createUser(wcc, station, { idNo, name: uniqName('王掩码'), roleIds: [wcRole.id] });
  });

  // Issue 3: personal data is masked in lists and exports unless the role holds the permission to see
  // it in full (user:pii); the 渭城 admin holds it.
  test('lists show the ID number and the mobile in full to a holder of user:pii', async () => {
    const res = expectStatus(await wcc.get('/users', { query: { account: u.account } }), 200);
    assertSchema('UserPage', res.body);
    assert.equal(res.body.total, 1);
    const item = res.body.items[0];
    assert.equal(item.idNo, idNo);
    assert.equal(item.mobile, u.mobile);
    assert.deepEqual(item.roleNames, [wcRole.name]);
    assert.equal(item.orgName, '渭城护城河派出所');
  });

  test('lists mask the ID number and the mobile without user:pii', async () => {
    const viewer = await userWithPermissions(['user:view'], { orgName: '渭城分局' });
    const res = expectStatus(await viewer.client.get('/users', { query: { account: u.account } }), 200);
    assertSchema('UserPage', res.body);
    assert.equal(res.body.total, 1);
    const item = res.body.items[0];
    assert.match(item.idNo, MASKED_ID);
    assert.equal(item.idNo, `${idNo.slice(0, 6)}********${idNo.slice(14)}`);
    assert.match(item.mobile, MASKED_MOBILE);
    assert.equal(item.mobile, `${u.mobile.slice(0, 3)}****${u.mobile.slice(7)}`);
    assert.ok(!res.text.includes(idNo) && !res.text.includes(u.mobile), 'no full value anywhere in the list');
  });

  test('the detail shows them in full with user:pii', async () => {
    const res = expectStatus(await wcc.get(`/users/${u.user.id}`), 200);
    assertSchema('User', res.body);
    assert.equal(res.body.idNo, idNo);
    assert.equal(res.body.mobile, u.mobile);
  });

  test('the detail masks them without user:pii', async () => {
    const viewer = await userWithPermissions(['user:view'], { orgName: '渭城分局' });
    const res = expectStatus(await viewer.client.get(`/users/${u.user.id}`), 200);
    assert.match(res.body.idNo, MASKED_ID);
    assert.match(res.body.mobile, MASKED_MOBILE);
    assert.ok(!res.text.includes(idNo) && !res.text.includes(u.mobile));
  });

  test('filters: name, account, mobile, org with and without children', async () => {
    const byName = expectStatus(await wcc.get('/users', { query: { name: u.body.name } }), 200);
    assert.deepEqual(byName.body.items.map((x) => x.id), [u.user.id]);
    const byMobile = expectStatus(await wcc.get('/users', { query: { mobile: u.mobile } }), 200);
    assert.deepEqual(byMobile.body.items.map((x) => x.id), [u.user.id]);
    const below = expectStatus(await wcc.get('/users', { query: { orgId: wc, includeChildren: true, size: 200, name: u.body.name } }), 200);
    assert.equal(below.body.total, 1, 'in the subtree of 渭城分局');
    const byDefault = expectStatus(await wcc.get('/users', { query: { orgId: wc, name: u.body.name } }), 200);
    assert.equal(byDefault.body.total, 1, 'includeChildren defaults to true');
    const only = expectStatus(await wcc.get('/users', { query: { orgId: wc, includeChildren: false, name: u.body.name } }), 200);
    assert.equal(only.body.total, 0, 'not directly in 渭城分局');
    const st = expectStatus(await wcc.get('/users', { query: { orgId: station, includeChildren: false, size: 200 } }), 200);
    assert.ok(st.body.items.every((x) => x.orgId === station));
  });

  test('unknown id → 404', async () => {
    expectError(await wcc.get('/users/999999999'), 404, 'not_found');
  });
});

describe('update', () => {
  test('PUT changes name, mobile, ID (gender follows), roles and posts; not the account', async () => {
    const u = await createUser(wcc, wc, { roleIds: [wcRole.id] });
    const body = {
      ...withoutAccount(u.body),
      account: uniqAccount('changed'),
      name: uniqName('改名'),
      mobile: nextMobile(),
      idNo: validIdNumber('610404', '20000102', 2),
      roleIds: [],
      approvalPosts: { exam_registration: 'county_handler' },
    };
    const res = expectStatus(await wcc.put(`/users/${u.user.id}`, body), 200);
    assertSchema('UserSaved', res.body);
    assert.equal(res.body.account, u.account, 'account unchanged');
    assert.equal(res.body.name, body.name);
    assert.equal(res.body.mobile, body.mobile);
    assert.equal(res.body.gender, 'female');
    const read = expectStatus(await wcc.get(`/users/${u.user.id}`), 200);
    assert.equal(read.body.birthDate, '2000-01-02');
    assert.deepEqual(res.body.roleIds, []);
    assert.deepEqual(res.body.approvalPosts, body.approvalPosts);
  });

  test('the same validation applies', async () => {
    const u = await createUser(wcc, wc);
    const base = withoutAccount(u.body);
    expectFieldError(await wcc.put(`/users/${u.user.id}`, { ...base, idNo: breakCheckChar(base.idNo) }), 'idNo', ['身份', '证件']);
    expectFieldError(await wcc.put(`/users/${u.user.id}`, { ...base, mobile: '999' }), 'mobile', ['手机']);
    expectFieldError(await wcc.put(`/users/${u.user.id}`, { ...base, isPolice: true, policeNo: '' }), 'policeNo', ['警号']);
    expectError(await wcc.put(`/users/${u.user.id}`, { ...base, roleIds: [], approvalPosts: {} }), 422, 'validation_failed');
  });
});

describe('portal accounts are not edited as officers', () => {
  test("PUT /users/{id} of a company's account: 409, no roles, org or posts given, the account unchanged", async () => {
    const company = await activeCompany();
    const me = expectStatus(await company.client.get('/auth/me'), 200).body;
    const a = await admin();
    const before = expectStatus(await a.get(`/users/${me.user.id}`), 200).body;
    const body = {
      ...withoutAccount(userBody(wc)),
      name: before.name,
      roleIds: [wcRole.id],
      approvalPosts: { exam_registration: 'county_handler' },
    };
    const res = await a.put(`/users/${me.user.id}`, body);
    expectError(res, 409, 'conflict');
    assert.match(res.body.error.message, /门户账号/);
    const after = expectStatus(await a.get(`/users/${me.user.id}`), 200).body;
    assert.deepEqual(after.roleIds, before.roleIds);
    assert.deepEqual(after.approvalPosts, before.approvalPosts);
    assert.equal(after.orgId, before.orgId);
    const again = expectStatus(await company.client.get('/auth/me'), 200).body;
    assert.deepEqual(again.permissions, me.permissions, 'the company holds the same permissions');
  });
});

describe('reset password, disable, enable, unlock', () => {
  test('reset-password: back to 123456 and must change again; SMS sent; login counted', async () => {
    const u = await createUser(wcc, wc);
    await activate(u.account, u.mobile);
    const before = expectStatus(await wcc.get(`/users/${u.user.id}`), 200).body;
    assert.ok(before.loginCount >= 2, `loginCount ${before.loginCount}`);
    assert.ok(before.lastLoginAt, 'lastLoginAt set');
    const smsBefore = (await smsTo(u.mobile)).length;
    const reset = expectStatus(await wcc.post(`/users/${u.user.id}/reset-password`), 200);
    assertSchema('UserActionResult', reset.body);
    const msgs = await smsTo(u.mobile);
    assert.ok(msgs.length > smsBefore, 'an SMS tells the user');
    assert.ok(msgs[0].content.includes(INITIAL_PASSWORD), msgs[0].content);
    expectError(await loginRaw(u.account, STRONG_PASSWORD), 401, 'unauthenticated');
    const res = expectStatus(await loginRaw(u.account, INITIAL_PASSWORD), 200);
    assert.equal(res.body.mustChangePassword, true);
  });

  test('disable ends the sessions and refuses login (403 account_disabled); enable restores', async () => {
    const u = await createUser(wcc, wc);
    const c = await activate(u.account, u.mobile);
    const res = expectStatus(await wcc.post(`/users/${u.user.id}/disable`), 200);
    assertSchema('UserActionResult', res.body);
    assert.equal(res.body.enabled, false);
    expectError(await c.get('/auth/me'), 401, 'unauthenticated');
    expectError(await loginRaw(u.account, STRONG_PASSWORD), 403, 'account_disabled');
    expectError(await loginRaw(u.account, 'Wrong#Password1'), 401, 'unauthenticated', 'a wrong password still says 401');
    const listed = expectStatus(await wcc.get('/users', { query: { account: u.account } }), 200);
    assert.equal(listed.body.items[0].enabled, false);
    const en = expectStatus(await wcc.post(`/users/${u.user.id}/enable`), 200);
    assert.equal(en.body.enabled, true);
    await login(u.account, STRONG_PASSWORD);
  });

  test('unlock lets a locked user log in again', async () => {
    const u = await createUser(wcc, wc);
    for (let i = 0; i < 5; i++) await loginRaw(u.account, `Bad#pass${i}`);
    expectError(await loginRaw(u.account, INITIAL_PASSWORD), 423, 'locked');
    const res = expectStatus(await wcc.post(`/users/${u.user.id}/unlock`), 200);
    assertSchema('UserActionResult', res.body);
    assert.equal(res.body.locked, false);
    expectStatus(await loginRaw(u.account, INITIAL_PASSWORD), 200);
  });

  test('actions on unknown ids → 404', async () => {
    for (const a of ['reset-password', 'disable', 'enable', 'unlock'])
      expectError(await wcc.post(`/users/999999999/${a}`), 404, 'not_found', a);
  });
});

describe('data-scope isolation: 渭城分局 admin and 秦都分局 users', () => {
  let qdc;
  let qd;
  let qu;
  let qdRole;
  let richRole;
  before(async () => {
    qdc = await loginDemo('qd_admin');
    qd = await orgId('秦都分局');
    qu = await createUser(qdc, qd, { name: uniqName('秦都用户') });
    qdRole = await createRole(qdc, qd, ['org:view'], { kind: 'org' });
    // A role inside 渭城分局 that holds more than the 渭城 admin may grant.
    richRole = await createRole(await admin(), wc, ['org:view', 'company:view'], { kind: 'org' }, uniqName('高权限角色'));
  });

  test('cannot list them', async () => {
    const byName = expectStatus(await wcc.get('/users', { query: { name: qu.body.name } }), 200);
    assert.equal(byName.body.total, 0);
    const byAccount = expectStatus(await wcc.get('/users', { query: { account: qu.account } }), 200);
    assert.equal(byAccount.body.total, 0);
    const all = expectStatus(await wcc.get('/users', { query: { size: 200 } }), 200);
    assert.ok(all.body.items.every((x) => x.orgName !== '秦都分局'));
    expectError(await wcc.get('/users', { query: { orgId: qd } }), 404, 'not_found');
  });

  test('cannot read, update, reset, disable, enable or unlock them (404)', async () => {
    const id = qu.user.id;
    expectError(await wcc.get(`/users/${id}`), 404, 'not_found');
    expectError(await wcc.put(`/users/${id}`, { ...withoutAccount(qu.body), name: '被篡改', orgId: wc }), 404, 'not_found');
    for (const a of ['reset-password', 'disable', 'enable', 'unlock'])
      expectError(await wcc.post(`/users/${id}/${a}`), 404, 'not_found', a);
    const still = expectStatus(await (await admin()).get(`/users/${id}`), 200);
    assert.equal(still.body.name, qu.body.name);
    assert.equal(still.body.enabled, true);
    assert.equal(still.body.orgId, qd);
  });

  test('cannot create a user in a 秦都 org', async () => {
    const body = userBody(qd, { approvalPosts: { exam_registration: 'county_handler' } });
    expectError(await wcc.post('/users', body), 404, 'not_found');
    const check = expectStatus(await (await admin()).get('/users', { query: { mobile: body.mobile } }), 200);
    assert.equal(check.body.total, 0);
  });

  test('cannot move a user of its own into a 秦都 org', async () => {
    const u = await createUser(wcc, wc);
    expectError(await wcc.put(`/users/${u.user.id}`, { ...withoutAccount(u.body), orgId: qd }), 404, 'not_found');
  });

  test('cannot give a user a role of 秦都分局', async () => {
    const res = await wcc.post('/users', userBody(wc, { roleIds: [qdRole.id] }));
    assert.ok(expectError(res, 422, 'validation_failed').fields.roleIds, 'a role of another org names roleIds');
  });

  test('cannot give a user a role holding permissions it lacks (403)', async () => {
    expectError(await wcc.post('/users', userBody(wc, { roleIds: [richRole.id] })), 403, 'forbidden');
    const u = await createUser(wcc, wc);
    expectError(await wcc.put(`/users/${u.user.id}`, { ...withoutAccount(u.body), roleIds: [richRole.id] }), 403, 'forbidden');
  });

  test('GET /roles/assignable lists what it may give, and nothing else', async () => {
    const res = expectStatus(await wcc.get('/roles/assignable', { query: { orgId: wc } }), 200);
    assertSchema('AssignableRoleList', res.body);
    const ids = res.body.items.map((r) => r.id);
    assert.ok(ids.includes(wcRole.id), 'its own role');
    assert.ok(!ids.includes(richRole.id), 'not the role with company:view');
    assert.ok(!ids.includes(qdRole.id), 'not a 秦都 role');
    expectError(await wcc.get('/roles/assignable', { query: { orgId: qd } }), 404, 'not_found');
    const adminView = expectStatus(await (await admin()).get('/roles/assignable', { query: { orgId: wc } }), 200);
    assert.ok(adminView.body.items.some((r) => r.id === richRole.id), 'the province admin may give it');
  });
});
