// 实名认证 and App 初始化 of guards (issue 14 §8): a guard is 实名认证 when a person account (个人, signed up
// on the portal with an SMS-checked mobile) has the guard's ID number and name, and App 初始化 once that
// account has signed in. The guard's record (GET /guards/{id}, the portal's own) and §8.5 保安员分析 show
// it as soon as the event happens; a person of the same ID number under another name is not the guard;
// a guard recorded after the account opened is verified at once; renaming the guard follows the rule.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  activeCompany, admin, anon, APPLICANT_PASSWORD, expectStatus, handXlsx, importGuards, latestSmsCode, login, nextMobile, uniqCjk,
  uniqueIdNumber,
} from './lib.mjs';
import { officer } from './exam_lib.mjs';

const FROM = '2025-01-01';
const TO = '2028-12-31';

const guardBody = (name, idNo) => ({
  name, idNo, mobile: nextMobile(), hiredOn: '2024-03-01', ethnicity: '汉族', education: 'senior',
  householdAddress: '陕西省咸阳市渭城区某村1组', currentAddress: '咸阳市渭城区文汇路1号', certificateNo: null, certificateDate: null,
});

// A person signs up on the portal: the SMS code proves the mobile.
async function signUpPerson(idNo, name) {
  const mobile = nextMobile();
  expectStatus(await anon().post('/portal/sign-up/sms-code', { mobile }), 200, 'sms-code');
  const body = { unitKind: 'person', idNo, name, mobile, smsCode: await latestSmsCode(mobile), password: APPLICANT_PASSWORD };
  return expectStatus(await anon().post('/portal/sign-up', body), 201, 'person sign-up').body;
}

let company; // a company of 渭城区 that hires the guards
let police; // the province admin: the registry's GET /guards/{id}
let xy; // a 咸阳 officer: §8.5 over the city

const state = async (id) => {
  const g = expectStatus(await police.get(`/guards/${id}`), 200, `GET /guards/${id}`).body;
  return { realNameVerified: g.realNameVerified, appInitialized: g.appInitialized };
};
const analysis = async () => {
  const s = expectStatus(await xy.get('/stats/guards/analysis', { query: { from: FROM, to: TO } }), 200).body;
  const wc = s.regions.find((r) => r.regionCode.startsWith('610404'));
  return { realName: s.realNameVerified, app: s.appInitialized, wcRealName: wc?.realNameVerified ?? 0, wcApp: wc?.appInitialized ?? 0 };
};
const hire = async (name, idNo) => expectStatus(await company.client.post('/portal/guards', guardBody(name, idNo)), 201, 'POST /portal/guards').body;

before(async () => {
  company = await activeCompany({ regionCode: '610404' });
  police = await admin();
  xy = await officer('xy_jb');
});

describe('实名认证 follows the person account of the guard\'s ID number and name', () => {
  test('sign-up → 实名认证 on the record and in §8.5; first sign-in → App 初始化', async () => {
    const name = `王${uniqCjk(2)}`;
    const idNo = uniqueIdNumber();
    const guard = await hire(name, idNo);
    assert.equal(guard.realNameVerified, false);
    assert.equal(guard.appInitialized, false);
    const before0 = await analysis();

    await signUpPerson(idNo, name);
    assert.deepEqual(await state(guard.id), { realNameVerified: true, appInitialized: false });
    const afterSignUp = await analysis();
    assert.equal(afterSignUp.realName, before0.realName + 1, '§8.5 实名认证 counts the guard');
    assert.equal(afterSignUp.wcRealName, before0.wcRealName + 1, '… in 渭城区');
    assert.equal(afterSignUp.app, before0.app);

    await login(idNo, APPLICANT_PASSWORD);
    assert.deepEqual(await state(guard.id), { realNameVerified: true, appInitialized: true });
    const afterSignIn = await analysis();
    assert.equal(afterSignIn.app, before0.app + 1, '§8.5 App 初始化 counts the guard');
    assert.equal(afterSignIn.wcApp, before0.wcApp + 1);
    // Signing in again changes nothing; the company sees the same state on its own record.
    await login(idNo, APPLICANT_PASSWORD);
    const own = expectStatus(await company.client.get(`/portal/guards/${guard.id}`), 200).body;
    assert.equal(own.realNameVerified, true);
    assert.equal(own.appInitialized, true);
    assert.equal((await analysis()).app, before0.app + 1);
  });

  test('a person with the guard\'s ID number but another name is not the guard', async () => {
    const idNo = uniqueIdNumber();
    const guard = await hire(`刘${uniqCjk(2)}`, idNo);
    const before0 = await analysis();
    await signUpPerson(idNo, `陈${uniqCjk(2)}`);
    await login(idNo, APPLICANT_PASSWORD);
    assert.deepEqual(await state(guard.id), { realNameVerified: false, appInitialized: false });
    const after = await analysis();
    assert.equal(after.realName, before0.realName);
    assert.equal(after.app, before0.app);
  });

  test('a guard recorded after the person\'s account opened is verified at once; a rename follows the rule', async () => {
    const name = `赵${uniqCjk(2)}`;
    const idNo = uniqueIdNumber();
    await signUpPerson(idNo, name);
    await login(idNo, APPLICANT_PASSWORD);
    const guard = await hire(name, idNo);
    assert.equal(guard.realNameVerified, true, 'verified at creation');
    assert.equal(guard.appInitialized, true, 'the account has signed in already');
    assert.deepEqual(await state(guard.id), { realNameVerified: true, appInitialized: true });

    // The company corrects the name to one the account does not have, then back.
    const put = (n) => company.client.put(`/portal/guards/${guard.id}`, { ...guardBody(n, idNo) });
    expectStatus(await put(`孙${uniqCjk(2)}`), 200, 'rename');
    assert.deepEqual(await state(guard.id), { realNameVerified: false, appInitialized: false });
    expectStatus(await put(name), 200, 'rename back');
    assert.deepEqual(await state(guard.id), { realNameVerified: true, appInitialized: true });
  });

  test('a former guard hired again by another company keeps the account\'s state', async () => {
    const name = `周${uniqCjk(2)}`;
    const idNo = uniqueIdNumber();
    const guard = await hire(name, idNo);
    expectStatus(await company.client.post(`/portal/guards/${guard.id}/leave`, { leftOn: '2025-06-30' }), 200, 'leave');
    await signUpPerson(idNo, name);
    const other = await activeCompany({ regionCode: '610404' });
    const again = expectStatus(await other.client.post('/portal/guards', guardBody(name, idNo)), 201, 'hire again').body;
    assert.equal(again.id, guard.id, 'the same person record');
    assert.equal(again.realNameVerified, true);
    assert.equal(again.appInitialized, false);
  });

  test('guards imported from a spreadsheet take the state of their accounts', async () => {
    const [signedIn, opened, renamed, none] = [0, 1, 2, 3].map(() => ({ name: `吴${uniqCjk(2)}`, idNo: uniqueIdNumber() }));
    await signUpPerson(signedIn.idNo, signedIn.name);
    await login(signedIn.idNo, APPLICANT_PASSWORD);
    await signUpPerson(opened.idNo, opened.name);
    await signUpPerson(renamed.idNo, `郑${uniqCjk(2)}`);
    const rows = [signedIn, opened, renamed, none].map((p) => [p.name, p.idNo, nextMobile(), '2024-05-01']);
    const res = expectStatus(await importGuards(company.client, handXlsx([['姓名', '身份证号', '手机号', '入职日期'], ...rows])), 200, 'import');
    assert.equal(res.body.imported, 4, JSON.stringify(res.body));
    const stateOf = async (p) => {
      const list = expectStatus(await police.get('/guards', { query: { idNo: p.idNo } }), 200).body;
      assert.equal(list.items.length, 1, p.idNo);
      return state(list.items[0].id);
    };
    assert.deepEqual(await stateOf(signedIn), { realNameVerified: true, appInitialized: true });
    assert.deepEqual(await stateOf(opened), { realNameVerified: true, appInitialized: false });
    assert.deepEqual(await stateOf(renamed), { realNameVerified: false, appInitialized: false });
    assert.deepEqual(await stateOf(none), { realNameVerified: false, appInitialized: false });
  });

  test('an officer disabling the person account ends 实名认证 (record, list filter, §8.5); enabling restores it', async () => {
    const name = `岳${uniqCjk(2)}`;
    const idNo = uniqueIdNumber();
    const guard = await hire(name, idNo);
    const account = await signUpPerson(idNo, name);
    await login(idNo, APPLICANT_PASSWORD);
    const listed = async (verified) => expectStatus(await police.get('/guards', { query: { idNo, realNameVerified: verified } }), 200).body.total;
    assert.deepEqual(await state(guard.id), { realNameVerified: true, appInitialized: true });
    assert.equal(await listed('true'), 1);
    const on = await analysis();

    expectStatus(await police.post(`/users/${account.id}/disable`, {}), 200, 'disable the person account');
    assert.deepEqual(await state(guard.id), { realNameVerified: false, appInitialized: false });
    assert.equal(await listed('true'), 0, 'the list filter 实名认证=是 no longer finds the guard');
    assert.equal(await listed('false'), 1, '… 实名认证=否 does');
    const off = await analysis();
    assert.equal(off.realName, on.realName - 1, '§8.5 实名认证 agrees with the list');
    assert.equal(off.wcRealName, on.wcRealName - 1);
    assert.equal(off.app, on.app - 1);

    expectStatus(await police.post(`/users/${account.id}/enable`, {}), 200, 'enable it again');
    assert.deepEqual(await state(guard.id), { realNameVerified: true, appInitialized: true });
    assert.equal(await listed('true'), 1);
    assert.deepEqual(await analysis(), on);
  });
});
