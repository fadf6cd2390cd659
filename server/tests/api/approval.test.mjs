// The approval engine (issue 11): a unit signs up on the portal, applies for the 保安服务公司许可证 with
// uploaded materials, and the case goes through the chain of the demo officers — each only where
// the chain puts it — with 受理, 补正, 同意, 退回, 撤回, 转办, 指派, 不同意 and 不予受理; the applicant never
// reads the officers' opinions; two officers acting at once: one wins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  activate,
  admin,
  anon,
  chinaToday,
  createRole,
  createUser,
  orgId,
  breakCheckChar,
  expectError,
  expectStatus,
  APPLICANT_PASSWORD,
  fullApplicationForm as fullForm,
  latestSmsCode,
  login,
  nextMobile,
  randomCreditCode,
  serviceScopes,
  smsTo,
  signUpApplicant as signUp,
  submittedApplication as submittedCase,
  uploadMaterial as upload,
  userWithPermissions,
  validIdNumber,
} from './lib.mjs';

const officer = (account) => login(account, 'Baoan@2026');

// The text of a PDF (pdftotext), without white space.
function pdfText(buf) {
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: buf, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.replace(/\s+/g, '');
}

test('business types: every type with its chain in force; the company licence has the eight steps of DOMAIN.md', async () => {
  const c = await officer('xy_jb');
  const types = expectStatus(await c.get('/business-types'), 200).body;
  assert.equal(types.length, 10);
  const licence = types.find((t) => t.code === 'company_licence');
  assert.deepEqual(
    licence.steps.map((s) => s.post),
    ['city_handler', 'city_security_leader', 'city_public_order_leader', 'city_bureau_leader', 'province_section_chief',
      'province_officer', 'province_section_chief', 'province_deputy_director'],
  );
  for (const s of licence.steps) assert.ok(s.name && s.postName && ['city', 'province'].includes(s.level));
  const form = expectStatus(await c.get('/business-types/company_licence/form'), 200).body;
  const types11 = new Set(['text', 'textarea', 'number', 'date', 'region', 'idNo', 'mobile', 'creditCode', 'select', 'multiselect', 'file', 'people']);
  for (const f of form.fields) assert.ok(types11.has(f.type), f.type);
  assert.ok(form.fields.some((f) => f.type === 'people' && f.key === 'managers'));
  assert.ok(form.fields.filter((f) => f.type === 'file').length >= 5);
  expectError(await c.get('/business-types/no_such/form'), 404, 'not_found');
});

test('sign-up: a wrong SMS code, a taken credit code and a weak password are refused naming the field', async () => {
  const mobile = nextMobile();
  const base = {
    creditCode: randomCreditCode('610404'), name: '测试注册公司', regionCode: '610404', legalName: '王五',
    legalIdNo: validIdNumber('610404', '19800101'), legalMobile: mobile, password: APPLICANT_PASSWORD,
  };
  expectStatus(await anon().post('/portal/sign-up/sms-code', { mobile }), 200);
  expectError(await anon().post('/portal/sign-up/sms-code', { mobile }), 429, 'rate_limited');
  const wrong = expectError(await anon().post('/portal/sign-up', { ...base, smsCode: '000000' }), 422, 'validation_failed');
  assert.ok(wrong.fields.smsCode);
  const weak = expectError(await anon().post('/portal/sign-up', { ...base, password: '123', smsCode: '123456' }), 422, 'validation_failed');
  assert.ok(weak.fields.password);
  const badCode = expectError(await anon().post('/portal/sign-up', { ...base, creditCode: '91610404MA6XXXXXX1', smsCode: '1' }), 422, 'validation_failed');
  assert.ok(badCode.fields.creditCode);
  // the account exists after one sign-up
  const { body } = await signUp();
  const again = { ...body, legalMobile: nextMobile() };
  expectStatus(await anon().post('/portal/sign-up/sms-code', { mobile: again.legalMobile }), 200);
  again.smsCode = await latestSmsCode(again.legalMobile);
  expectError(await anon().post('/portal/sign-up', again), 409, 'conflict');
  // five wrong guesses use a code up: the right one is refused after them
  const guessed = { ...base, creditCode: randomCreditCode('610404'), legalMobile: nextMobile() };
  expectStatus(await anon().post('/portal/sign-up/sms-code', { mobile: guessed.legalMobile }), 200);
  const right = await latestSmsCode(guessed.legalMobile);
  const wrongCode = right === '000000' ? '111111' : '000000';
  for (let i = 0; i < 5; i += 1)
    expectError(await anon().post('/portal/sign-up', { ...guessed, smsCode: wrongCode }), 422, 'validation_failed');
  const usedUp = expectError(await anon().post('/portal/sign-up', { ...guessed, smsCode: right }), 422, 'validation_failed');
  assert.ok(usedUp.fields.smsCode);
});

test('the applicant drafts, is told what is missing at submit, submits, and gets a case number; a withdrawn case is closed', async () => {
  const { client, body } = await signUp();
  const offered = expectStatus(await client.get('/portal/business-types'), 200).body;
  assert.equal(offered.find((t) => t.code === 'company_licence').available, true);
  assert.equal(offered.find((t) => t.code === 'branch_filing').available, false);

  const draft = expectStatus(await client.post('/portal/applications', { businessType: 'company_licence', form: { name: body.name } }), 201).body;
  assert.equal(draft.status, 'draft');
  assert.equal(draft.caseNo, null);
  const missing = expectError(await client.post(`/portal/applications/${draft.id}/submit`, {}), 422, 'validation_failed');
  assert.ok(missing.fields['form.legalPerson']);
  assert.ok(missing.fields['form.charterFiles']);
  const badPerson = expectError(
    await client.put(`/portal/applications/${draft.id}`, { form: { legalPerson: [{ name: '张三', idNo: breakCheckChar(validIdNumber('610404', '19900101')) }] } }),
    422, 'validation_failed');
  assert.ok(badPerson.fields['form.legalPerson[0].idNo']);

  const form = await fullForm(client, body);
  form.serviceScope = (await serviceScopes()).slice(0, 1);
  const saved = expectStatus(await client.put(`/portal/applications/${draft.id}`, { form, submit: true }), 200).body;
  assert.equal(saved.status, 'submitted');
  assert.match(saved.caseNo, /^BA\d{4}\d{8}$/);
  assert.equal(saved.id, draft.id);

  const withdrawn = expectStatus(await client.post(`/portal/applications/${draft.id}/withdraw`, {}), 200).body;
  assert.equal(withdrawn.status, 'withdrawn');
  expectError(await client.post(`/portal/applications/${draft.id}/submit`, {}), 409, 'conflict');
  // another applicant's case does not exist for this one
  const other = await signUp();
  expectError(await other.client.get(`/portal/applications/${draft.id}`), 404, 'not_found');
  // a material uploaded by someone else cannot be used
  const foreign = await upload(other.client);
  const stolen = expectError(await client.post('/portal/applications', { businessType: 'company_licence', form: { businessLicenceFiles: [foreign] } }), 422, 'validation_failed');
  assert.ok(Object.keys(stolen.fields).length > 0);
});

test('待办: the case waits for the city handler of the applicant\'s city only; others cannot see or act on it', async () => {
  const { app } = await submittedCase();
  const jb = await officer('xy_jb');
  const todo = expectStatus(await jb.get('/todo', { query: { caseNo: app.caseNo } }), 200).body;
  assert.equal(todo.total, 1);
  const item = todo.items[0];
  assert.equal(item.id, app.id);
  assert.equal(item.stepName, '市经办民警审查');
  assert.equal(item.businessType, 'company_licence');
  assert.ok(item.arrivedAt);

  // the next step's holder does not have it yet
  const bac = await officer('xy_bac');
  assert.equal(expectStatus(await bac.get('/todo', { query: { caseNo: app.caseNo } }), 200).body.total, 0);
  expectError(await bac.post(`/applications/${app.id}/accept`, {}), 409, 'conflict');
  // an officer of another district with the same rights: the case does not exist for them
  const { client: qd } = await userWithPermissions(['approval:view', 'approval:approve'], { orgName: '秦都分局' });
  expectError(await qd.get(`/applications/${app.id}`), 404, 'not_found');
  expectError(await qd.post(`/applications/${app.id}/accept`, {}), 404, 'not_found');
  // the province is not the city: st_kz cannot act at a city step
  expectError(await (await officer('st_kz')).post(`/applications/${app.id}/accept`, {}), 409, 'conflict');

  const detail = expectStatus(await jb.get(`/applications/${app.id}`), 200).body;
  assert.deepEqual(detail.actions.sort(), ['accept', 'refuse', 'request-correction', 'transfer'].sort());
  assert.equal(detail.steps[0].state, 'pending');
  assert.equal(detail.steps[1].state, 'todo');
});

test('补正告知 lists every item; the applicant corrects and resubmits; 受理; 同意 needs the background check', async () => {
  const { client, app } = await submittedCase();
  const jb = await officer('xy_jb');
  expectError(await jb.post(`/applications/${app.id}/request-correction`, { items: [] }), 422, 'validation_failed');
  const asked = expectStatus(await jb.post(`/applications/${app.id}/request-correction`, {
    items: ['营业执照复印件不清晰', '章程缺少股东签字页'], opinion: '内部:材料不全',
  }), 200).body;
  assert.equal(asked.status, 'correction');
  const mine = expectStatus(await client.get(`/portal/applications/${app.id}`), 200).body;
  assert.deepEqual(mine.correctionItems, ['营业执照复印件不清晰', '章程缺少股东签字页']);
  assert.ok(!JSON.stringify(mine).includes('内部:材料不全'), 'the applicant never reads an officer\'s opinion');
  const msgs = expectStatus(await client.get('/portal/messages'), 200).body;
  assert.ok(msgs.some((m) => m.applicationId === app.id && m.title === '补正告知'));

  expectStatus(await client.post(`/portal/applications/${app.id}/submit`, {}), 200);
  const accepted = expectStatus(await jb.post(`/applications/${app.id}/accept`, { opinion: '材料齐全,予以受理' }), 200).body;
  assert.equal(accepted.status, 'in_review');
  assert.ok(accepted.acceptedAt);
  assert.ok(accepted.actions.includes('approve'));
  // the default chain asks for the four background checks at this step: none has run
  expectError(await jb.post(`/applications/${app.id}/approve`, { opinion: '同意' }), 409, 'conflict');
  // the applicant can no longer withdraw once accepted
  expectError(await client.post(`/portal/applications/${app.id}/withdraw`, {}), 409, 'conflict');

  const log = expectStatus(await jb.get(`/applications/${app.id}/log`), 200).body;
  assert.deepEqual(log.map((e) => e.action), ['submit', 'request-correction', 'resubmit', 'accept']);
  const acc = log.at(-1);
  assert.equal(acc.userName, '王建国');
  assert.equal(acc.postName, '市经办民警');
  assert.equal(acc.opinion, '材料齐全,予以受理');
});

test('不予受理 ends the case with written reasons and the right to 行政复议; 不同意 returns it for resubmission', async () => {
  const a = await submittedCase();
  const jb = await officer('xy_jb');
  expectError(await jb.post(`/applications/${a.app.id}/refuse`, {}), 422, 'validation_failed');
  const refused = expectStatus(await jb.post(`/applications/${a.app.id}/refuse`, { reason: '申请人不具备设立条件' }), 200).body;
  assert.equal(refused.status, 'refused');
  const seen = expectStatus(await a.client.get(`/portal/applications/${a.app.id}`), 200).body;
  assert.match(seen.publicReason, /申请人不具备设立条件.*行政复议.*行政诉讼/);
  expectError(await jb.post(`/applications/${a.app.id}/accept`, {}), 409, 'conflict');
});

test('a chain edited by the administrator is a new version; running cases keep theirs; the whole chain with 指派, 退回, 撤回, 转办', async (t) => {
  const adm = await admin();
  const before = expectStatus(await adm.get('/workflows/company_licence'), 200).body;
  const running = await submittedCase();
  // invalid chains are refused naming the step
  const bad = expectError(await adm.put('/workflows/company_licence', { steps: [{ name: '', post: 'nobody', legalDays: 0, promisedDays: 5 }] }), 422, 'validation_failed');
  assert.ok(bad.fields['steps[0].post']);
  const lastAssign = expectError(await adm.put('/workflows/company_licence', {
    steps: [{ name: '指派', post: 'province_section_chief', kind: 'assign', legalDays: 2, promisedDays: 2 }],
  }), 422, 'validation_failed');
  assert.ok(lastAssign.fields['steps[0].kind']);
  // the same chain without the background check at the first step (to walk it here)
  const steps = before.steps.map((s) => ({ ...s, backgroundCheck: false }));
  const saved = expectStatus(await adm.put('/workflows/company_licence', { steps }), 200).body;
  assert.equal(saved.version, before.version + 1);
  t.after(async () => {
    // put the default back as the newest version
    expectStatus(await adm.put('/workflows/company_licence', { steps: before.steps }), 200);
  });

  const { client, app, body: signedUp } = await submittedCase();
  const jb = await officer('xy_jb');
  assert.equal(expectStatus(await jb.get(`/applications/${running.app.id}`), 200).body.workflowVersion, before.version);
  assert.equal(expectStatus(await jb.get(`/applications/${app.id}`), 200).body.workflowVersion, saved.version);

  const act = async (who, verb, body = {}) => expectStatus(await who.post(`/applications/${app.id}/${verb}`, body), 200, `${who.account} ${verb}`).body;
  await act(jb, 'accept');
  expectError(await jb.post(`/applications/${app.id}/approve`, {}), 422, 'validation_failed');  // an opinion is required
  let c = await act(jb, 'approve', { opinion: '经审查,材料真实' });
  assert.equal(c.stepName, '市保安处领导审核');
  // 撤回: the officer takes back the approval while the next handler has not acted
  assert.ok(c.actions.includes('recall'));
  c = await act(jb, 'recall', { opinion: '补充意见后再报' });
  assert.equal(c.stepIndex, 0);
  c = await act(jb, 'approve', { opinion: '经审查,材料真实,同意' });
  const bac = await officer('xy_bac');
  c = await act(bac, 'approve', { opinion: '同意' });
  // 退回 to a step already passed, and on again
  const zaj = await officer('xy_zaj');
  expectError(await zaj.post(`/applications/${app.id}/send-back`, { opinion: '请复核', toStep: 2 }), 422, 'validation_failed');
  c = await act(zaj, 'send-back', { opinion: '请复核人员情况', toStep: 0 });
  assert.equal(c.stepIndex, 0);
  // the applicant's own view says only that it was sent back internally
  const applicantView = expectStatus(await client.get(`/portal/applications/${app.id}`), 200).body;
  assert.ok(!JSON.stringify(applicantView).includes('请复核人员情况'));
  await act(jb, 'approve', { opinion: '已复核' });
  await act(bac, 'approve', { opinion: '同意' });
  await act(zaj, 'approve', { opinion: '同意' });
  c = await act(await officer('xy_sj'), 'approve', { opinion: '同意上报省厅' });
  assert.equal(c.stepName, '省厅科长指派');
  // 指派: only a 省厅民警 of the province department
  const kz = await officer('st_kz');
  const cands = expectStatus(await kz.get(`/applications/${app.id}/candidates`, { query: { for: 'assign' } }), 200).body;
  const mj = cands.find((x) => x.name === '陈晓峰');
  assert.ok(mj, JSON.stringify(cands));
  expectError(await kz.post(`/applications/${app.id}/assign`, { userId: 1 }), 422, 'validation_failed');
  c = await act(kz, 'assign', { userId: mj.id });
  assert.equal(c.stepName, '省厅民警审查');
  assert.equal(c.handlerName, '陈晓峰');
  const stmj = await officer('st_mj');
  assert.equal(expectStatus(await stmj.get('/todo', { query: { caseNo: app.caseNo } }), 200).body.total, 1);
  // 转办 needs another holder of the post: the demo has one 省厅民警, so it is refused
  expectError(await stmj.post(`/applications/${app.id}/transfer`, { userId: stmj.login.user?.id ?? 0 }), 422, 'validation_failed');
  await act(stmj, 'approve', { opinion: '审查通过' });
  await act(kz, 'approve', { opinion: '同意' });
  const fcz = await officer('st_fcz');
  // two approvals at once: exactly one wins
  const both = await Promise.all([fcz.post(`/applications/${app.id}/approve`, { opinion: '准予许可' }),
    fcz.post(`/applications/${app.id}/approve`, { opinion: '准予许可' })]);
  assert.deepEqual(both.map((r) => r.status).sort(), [200, 409]);
  const granted = expectStatus(await client.get(`/portal/applications/${app.id}`), 200).body;
  assert.equal(granted.status, 'granted');
  // the final 同意 issued the 保安服务许可证
  const licences = expectStatus(await fcz.get('/licences', { query: { holderName: granted.applicantName } }), 200).body;
  assert.equal(licences.total, 1);
  assert.match(licences.items[0].number, /^陕公保服\d{9}$/);
  const log = expectStatus(await fcz.get(`/applications/${app.id}/log`), 200).body;
  assert.equal(log.filter((e) => e.action === 'approve').length, 10);
  assert.ok(log.some((e) => e.action === 'assign' && /指派给陈晓峰/.test(e.opinion)));
  // the company is in the registry of its 分局 with the licence number, and its account is the company's
  const registered = expectStatus(await jb.get('/companies', { query: { creditCode: signedUp.creditCode } }), 200).body;
  assert.equal(registered.total, 1);
  assert.equal(registered.items[0].licenceNo, licences.items[0].number);
  assert.equal(registered.items[0].name, granted.applicantName);
  const again = await login(signedUp.creditCode, APPLICANT_PASSWORD);
  const me = expectStatus(await again.get('/auth/me'), 200).body;
  assert.equal(me.user.kind, 'company', JSON.stringify(me.user));
  assert.ok(expectStatus(await again.get('/portal/company'), 200).body.licenceNo === licences.items[0].number);
  // the applicant sees its licence and downloads it; nobody else can
  assert.equal(granted.licence.number, licences.items[0].number);
  // the 准予许可 notice names the licence number, on the portal and in the SMS to the legal person
  const number = licences.items[0].number;
  const notice = expectStatus(await client.get('/portal/messages'), 200).body.find((m) => m.applicationId === app.id && m.title === '准予许可');
  assert.ok(notice && notice.body.includes(`保安服务许可证编号:${number}`), JSON.stringify(notice));
  const legalMobile = granted.form.legalPerson[0].mobile;
  const sms = (await smsTo(legalMobile)).find((m) => m.purpose === 'application_准予许可' && m.content.includes(app.caseNo));
  assert.ok(sms && sms.content.includes(`保安服务许可证编号:${number}`), JSON.stringify(sms));
  const pdf = expectStatus(await client.get(`/portal/applications/${app.id}/licence`, { binary: true }), 200);
  assert.equal(pdf.contentType, 'application/pdf');
  const licenceText = pdfText(pdf.buf);
  assert.ok(licenceText.includes(granted.licence.number) && licenceText.includes(granted.applicantName), licenceText);
  const other = await signUp();
  expectError(await other.client.get(`/portal/applications/${app.id}/licence`), 404, 'not_found');
  // 打印 (§5.1.1): the application, its materials and the log as §4.1.2 shows it
  const printed = expectStatus(await jb.get(`/applications/${app.id}/print`, { binary: true }), 200);
  assert.equal(printed.contentType, 'application/pdf');
  assert.match(printed.headers.get('content-disposition'), /^inline; .*filename\*=UTF-8''/);
  const printedText = pdfText(printed.buf);
  for (const expected of [app.caseNo, granted.applicantName, '审批日志', '王建国[市经办民警]', '经审查,材料真实,同意', '指派', '营业执照'])
    assert.ok(printedText.includes(expected.replace(/\s+/g, '')), `${expected} in ${printedText.slice(0, 400)}`);
  const { client: qd } = await userWithPermissions(['approval:view', 'company_licence:print'], { orgName: '秦都分局' });
  expectError(await qd.get(`/applications/${app.id}/print`), 404, 'not_found');
  // 已办 lists it for everyone who acted
  assert.equal(expectStatus(await jb.get('/todo/done', { query: { caseNo: app.caseNo } }), 200).body.total, 1);
  // the §5 list shows it in the city's scope
  const listed = expectStatus(await jb.get('/applications', { query: { businessType: 'company_licence', caseNo: app.caseNo } }), 200).body;
  assert.equal(listed.total, 1);
  assert.equal(listed.items[0].statusName, '准予许可');
});

test('催办 once a day; 延期 and 特别程序 only by the deciding org; malformed actions are 400', async () => {
  const { client, app } = await submittedCase();
  const jb = await officer('xy_jb');
  await jb.post(`/applications/${app.id}/accept`, {});
  const sj = await officer('xy_sj');
  expectStatus(await sj.post(`/applications/${app.id}/urge`, { opinion: '请尽快办理' }), 200);
  expectError(await sj.post(`/applications/${app.id}/urge`, {}), 409, 'conflict');
  // the city handler is not the head of the deciding org
  expectError(await jb.post(`/applications/${app.id}/extend`, { days: 5, reason: '情况复杂' }), 409, 'conflict');
  const fcz = await officer('st_fcz');
  expectError(await fcz.post(`/applications/${app.id}/extend`, { days: 11, reason: '情况复杂' }), 422, 'validation_failed');
  expectError(await fcz.post(`/applications/${app.id}/extend`, { days: 'x', reason: '情况复杂' }), 400, 'bad_request');
  const ext = expectStatus(await fcz.post(`/applications/${app.id}/extend`, { days: 10, reason: '需要实地核查' }), 200).body;
  assert.equal(ext.extensionDays, 10);
  expectError(await fcz.post(`/applications/${app.id}/extend`, { days: 5, reason: '再延' }), 409, 'conflict');
  expectError(await fcz.post(`/applications/${app.id}/pause`, { kind: 'party', reason: 'x' }), 422, 'validation_failed');
  const paused = expectStatus(await fcz.post(`/applications/${app.id}/pause`, { kind: 'expert_review', reason: '组织专家评审' }), 200).body;
  assert.equal(paused.status, 'paused');
  expectError(await jb.post(`/applications/${app.id}/approve`, { opinion: '同意' }), 409, 'conflict');
  const resumed = expectStatus(await fcz.post(`/applications/${app.id}/resume`, {}), 200).body;
  assert.equal(resumed.status, 'in_review');
  const progress = expectStatus(await client.get(`/portal/applications/${app.id}`), 200).body.progress;
  assert.ok(progress.some((p) => /专家评审/.test(p.note ?? '')));
  assert.ok(progress.some((p) => /需要实地核查/.test(p.note ?? '')));
  expectError(await jb.post(`/applications/${app.id}/no-such-verb`, {}), 404, 'not_found');
});

test('背景审查: all four pass for every person before 同意; a watch-list hit blocks it; 待办 shows the deadline and the time left', async () => {
  const { app, body } = await submittedCase();
  const jb = await officer('xy_jb');
  const item = expectStatus(await jb.get('/todo', { query: { caseNo: app.caseNo } }), 200).body.items[0];
  assert.match(item.dueAt, /^\d{4}-\d{2}-\d{2}T/);
  assert.ok(Number.isInteger(item.remainingWorkingDays) && item.remainingWorkingDays >= 4, JSON.stringify(item));
  assert.equal(item.warning, 'none');
  // not before 受理, and not by another post
  expectError(await (await officer('xy_bac')).post(`/applications/${app.id}/background-checks`, {}), 409, 'conflict');
  expectStatus(await jb.post(`/applications/${app.id}/accept`, {}), 200);
  const run = expectStatus(await jb.post(`/applications/${app.id}/background-checks`, {}), 200).body;
  // two persons (法定代表人, 总经理) × four databases, all clear
  assert.equal(run.checks.length, 8);
  assert.ok(run.checks.every((x) => x.result === 'pass'), JSON.stringify(run.checks));
  assert.ok(run.checks.some((x) => x.idNo === body.legalIdNo));
  const c = expectStatus(await jb.post(`/applications/${app.id}/approve`, { opinion: '背景审查通过,同意' }), 200).body;
  assert.equal(c.stepIndex, 1);
  const log = expectStatus(await jb.get(`/applications/${app.id}/log`), 200).body;
  const approved = log.find((e) => e.action === 'approve');
  assert.ok(Number.isInteger(approved.workingDays) && Number.isInteger(approved.naturalDays));

  // A legal person on the watch list: the check says so and 同意 stays refused.
  const other = await submittedCase();
  const adm = await admin();
  expectStatus(await adm.post('/watch-list', {
    idNo: other.body.legalIdNo, name: other.body.legalName, database: 'criminal', situation: '故意犯罪受过刑事处罚', source: '测试',
  }), 201);
  expectStatus(await jb.post(`/applications/${other.app.id}/accept`, {}), 200);
  const hit = expectStatus(await jb.post(`/applications/${other.app.id}/background-checks`, {}), 200).body;
  const mine = hit.checks.filter((x) => x.idNo === other.body.legalIdNo);
  assert.equal(mine.find((x) => x.database === 'criminal').result, 'hit');
  expectError(await jb.post(`/applications/${other.app.id}/approve`, { opinion: '同意' }), 409, 'conflict');
  const latest = expectStatus(await jb.get(`/applications/${other.app.id}/background-checks`), 200).body;
  assert.equal(latest.checks.length, 8);
});

test('常用语: built-in phrases for everyone, each officer keeps their own; only the owner deletes them', async () => {
  const jb = await officer('xy_jb');
  const bac = await officer('xy_bac');
  const builtIn = expectStatus(await jb.get('/opinion-phrases'), 200).body.filter((p) => !p.mine);
  assert.ok(builtIn.length >= 3 && builtIn.every((p) => typeof p.text === 'string' && p.id < 0));
  const text = `经现场核查,场所设施符合要求 ${Date.now()}`;
  const added = expectStatus(await jb.post('/opinion-phrases', { text }), 201).body;
  assert.deepEqual({ text: added.text, mine: added.mine }, { text, mine: true });
  assert.ok(expectStatus(await jb.get('/opinion-phrases'), 200).body.some((p) => p.id === added.id && p.mine));
  assert.ok(!expectStatus(await bac.get('/opinion-phrases'), 200).body.some((p) => p.id === added.id));
  expectError(await jb.post('/opinion-phrases', { text }), 409, 'conflict');
  const empty = expectError(await jb.post('/opinion-phrases', { text: '  ' }), 422, 'validation_failed');
  assert.match(empty.fields.text, /常用语/);
  expectError(await bac.del(`/opinion-phrases/${added.id}`), 404, 'not_found');
  expectStatus(await jb.del(`/opinion-phrases/${added.id}`), 204);
  assert.ok(!expectStatus(await jb.get('/opinion-phrases'), 200).body.some((p) => p.id === added.id));
});

test('委托: cases arriving during the absence go to the deputy (log names both); waiting ones stay with the officer', async () => {
  const a = await admin();
  const qd = await orgId('秦都分局');
  const role = await createRole(a, qd, ['approval:view', 'approval:approve'], { kind: 'org' });
  const u = await createUser(a, qd, { roleIds: [role.id], approvalPosts: { company_licence: 'city_handler' } });
  const deputy = await activate(u.account, u.mobile);
  const jb = await officer('xy_jb');
  const todoHas = async (c, caseNo) => expectStatus(await c.get('/todo', { query: { caseNo } }), 200).body.total === 1;
  // already waiting at 王建国's step before he goes away
  const { app: waiting } = await submittedCase();
  // a city handler of 秦都分局 does not see the 咸阳 city's cases by himself
  assert.equal(await todoHas(deputy, waiting.caseNo), false);
  const candidates = expectStatus(await jb.get('/delegations/candidates'), 200).body;
  const me = candidates.find((x) => x.name === u.user.name);
  assert.ok(me, JSON.stringify(candidates));
  assert.ok(!candidates.some((x) => x.name === '陈晓峰'), 'a 省厅民警 holds no post of the city handler');
  expectError(await jb.post('/delegations', { deputyId: 1, from: chinaToday(), to: chinaToday(2) }), 422, 'validation_failed');
  const backwards = expectError(await jb.post('/delegations', { deputyId: me.id, from: chinaToday(2), to: chinaToday() }), 422, 'validation_failed');
  assert.ok(backwards.fields.to);
  expectError(await jb.post('/delegations', { deputyId: me.id, from: '2026-13-01', to: chinaToday() }), 422, 'validation_failed');
  expectError(await jb.post('/delegations', { deputyId: me.id, from: chinaToday(), to: chinaToday(120) }), 422, 'validation_failed');
  // a delegation that starts tomorrow routes nothing arriving today
  const later = expectStatus(await jb.post('/delegations', { deputyId: me.id, from: chinaToday(10), to: chinaToday(12) }), 201).body;
  assert.equal(later.active, false);
  const { app: beforeAbsence } = await submittedCase();
  assert.equal(await todoHas(jb, beforeAbsence.caseNo), true);
  assert.equal(await todoHas(deputy, beforeAbsence.caseNo), false);
  expectStatus(await jb.del(`/delegations/${later.id}`), 204);

  const d = expectStatus(await jb.post('/delegations', { deputyId: me.id, from: chinaToday(), to: chinaToday(3) }), 201).body;
  assert.equal(d.deputyName, u.user.name);
  assert.equal(d.active, true);
  expectError(await jb.post('/delegations', { deputyId: me.id, from: chinaToday(1), to: chinaToday(5) }), 409, 'conflict');
  assert.ok(expectStatus(await jb.get('/delegations'), 200).body.some((x) => x.id === d.id));
  // what was already waiting stays with the officer: in his 待办, not the deputy's, and only he acts on it
  assert.equal(await todoHas(jb, waiting.caseNo), true);
  assert.equal(await todoHas(deputy, waiting.caseNo), false);
  expectError(await deputy.post(`/applications/${waiting.id}/accept`, { opinion: '代为受理' }), 404, 'not_found');
  // a case arriving now goes to the deputy: in his 待办, no longer in the officer's, and the officer may not act on it
  const { app: arriving } = await submittedCase();
  assert.equal(await todoHas(deputy, arriving.caseNo), true);
  assert.equal(await todoHas(jb, arriving.caseNo), false);
  expectError(await jb.post(`/applications/${arriving.id}/accept`, { opinion: '受理' }), 409, 'conflict');
  expectStatus(await deputy.post(`/applications/${arriving.id}/accept`, { opinion: '代为受理' }), 200);
  const log = expectStatus(await jb.get(`/applications/${arriving.id}/log`), 200).body;
  assert.equal(log.at(-1).action, 'accept');
  assert.equal(log.at(-1).userName, `${u.user.name}(代王建国)`);
  // the officer still handles the one that was waiting, under his own name
  expectStatus(await jb.post(`/applications/${waiting.id}/accept`, { opinion: '受理' }), 200);
  assert.equal(expectStatus(await jb.get(`/applications/${waiting.id}/log`), 200).body.at(-1).userName, '王建国');
  // another arriving case, then the officer cancels: it goes back to him and the deputy can no longer act
  const { app: handedBack } = await submittedCase();
  assert.equal(await todoHas(deputy, handedBack.caseNo), true);
  // 催办 reaches the deputy who holds it
  expectStatus(await (await officer('xy_sj')).post(`/applications/${handedBack.id}/urge`, { opinion: '请尽快办理' }), 200);
  assert.ok((await smsTo(u.mobile)).some((m) => m.purpose === 'approval_urge' && m.content.includes(handedBack.caseNo)));
  expectError(await deputy.del(`/delegations/${d.id}`), 404, 'not_found');
  expectStatus(await jb.del(`/delegations/${d.id}`), 204);
  assert.equal(await todoHas(deputy, handedBack.caseNo), false);
  assert.equal(await todoHas(jb, handedBack.caseNo), true);
  expectError(await deputy.post(`/applications/${handedBack.id}/accept`, { opinion: '代为受理' }), 404, 'not_found');
  // what the deputy handled stays readable in his 已办, but he can no longer act on it
  expectStatus(await deputy.get(`/applications/${arriving.id}`), 200);
  expectError(await deputy.post(`/applications/${arriving.id}/approve`, { opinion: '同意' }), 409, 'conflict');
});

test('待办 预警 filter: red lists only overdue cases, yellow only those near their deadline; anything else is 400', async () => {
  const jb = await officer('xy_jb');
  for (const warning of ['red', 'yellow']) {
    const res = expectStatus(await jb.get('/todo', { query: { warning, size: 50 } }), 200).body;
    assert.ok(res.items.every((x) => x.warning === warning), JSON.stringify(res.items.map((x) => x.warning)));
    assert.equal(res.total >= res.items.length, true);
  }
  const all = expectStatus(await jb.get('/todo', { query: { size: 200 } }), 200).body;
  const reds = expectStatus(await jb.get('/todo', { query: { warning: 'red', size: 200 } }), 200).body;
  assert.equal(reds.total, all.items.filter((x) => x.warning === 'red').length);
  // the demo has overdue and nearly due cases: one waiting for 受理 for the city handler, one at the
  // 市保安处领导's step that is near its deadline
  assert.ok(reds.items.some((x) => x.status === 'submitted'), JSON.stringify(reds.items.map((x) => [x.caseNo, x.status])));
  const bac = await officer('xy_bac');
  assert.ok(expectStatus(await bac.get('/todo', { query: { warning: 'yellow' } }), 200).body.total >= 1);
  // 行政许可法 art. 32: past five working days without a 补正告知, it can no longer be asked for
  const late = reds.items.find((x) => x.status === 'submitted');
  const lateCase = expectStatus(await jb.get(`/applications/${late.id}`), 200).body;
  assert.ok(!lateCase.actions.includes('request-correction') && lateCase.actions.includes('accept'), lateCase.actions.join());
  assert.ok(lateCase.correctionDeadline < chinaToday() + 'T', lateCase.correctionDeadline);
  const refused = expectError(await jb.post(`/applications/${late.id}/request-correction`, { items: ['补充材料'] }), 409, 'conflict');
  assert.match(refused.message, /5个工作日/);
  // … and its 受理 dates the acceptance on the day it arrived (行政许可法 art. 32), not today
  const accepted = expectStatus(await jb.post(`/applications/${late.id}/accept`, { opinion: '予以受理' }), 200).body;
  assert.equal(accepted.acceptedAt, lateCase.arrivedAt);
  const log = expectStatus(await jb.get(`/applications/${late.id}/log`), 200).body;
  assert.equal(log.at(-1).action, 'accept');
  const bad = expectError(await jb.get('/todo', { query: { warning: 'green' } }), 400, 'bad_request');
  assert.ok(bad.fields.warning);
});
