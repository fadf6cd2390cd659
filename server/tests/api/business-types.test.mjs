// The other business types on the approval engine (issue 12): every type declared with its form and
// chain; who may apply for what (by the kind of unit and whether it holds a licence); a filing routed
// to the city of the branch or of the service; 逾期备案 named, not refused; 批量审批 of filings with
// one case that cannot move; the licence change decided by the city unless the legal person changes.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  admin,
  anon,
  chinaToday,
  expectError,
  expectStatus,
  APPLICANT_PASSWORD,
  latestSmsCode,
  login,
  nextMobile,
  randomCreditCode,
  randomIdNumber,
  serviceScopes,
  signUpApplicant,
  submittedApplication,
  uniqCjk,
  uniqName,
  uploadMaterial,
  validIdNumber,
} from './lib.mjs';

const officer = (account) => login(account, 'Baoan@2026');
const act = async (who, id, verb, body = {}) =>
  expectStatus(await who.post(`/applications/${id}/${verb}`, body), 200, `${who.account} ${verb} ${id}`).body;

// A company that went through the 设立许可 (all eight steps) and now holds a licence; its account
// is the company's.
async function licensedCompany() {
  const { client, body, app } = await submittedApplication('610404');
  const jb = await officer('xy_jb');
  expectStatus(await jb.post(`/applications/${app.id}/background-checks`, {}), 200);
  await act(jb, app.id, 'accept');
  await act(jb, app.id, 'approve', { opinion: '同意' });
  for (const who of ['xy_bac', 'xy_zaj', 'xy_sj']) await act(await officer(who), app.id, 'approve', { opinion: '同意' });
  const kz = await officer('st_kz');
  const cands = expectStatus(await kz.get(`/applications/${app.id}/candidates`, { query: { for: 'assign' } }), 200).body;
  await act(kz, app.id, 'assign', { userId: cands[0].id });
  await act(await officer('st_mj'), app.id, 'approve', { opinion: '同意' });
  await act(kz, app.id, 'approve', { opinion: '同意' });
  const done = await act(await officer('st_fcz'), app.id, 'approve', { opinion: '准予许可' });
  assert.equal(done.status, 'granted');
  const company = await login(body.creditCode, APPLICANT_PASSWORD);
  assert.equal(company.login.user.kind, 'company');
  const licences = expectStatus(await company.get('/portal/licences'), 200).body;
  assert.equal(licences.length, 1);
  return { client: company, body, licence: licences[0] };
}

// A company's own employed guard.
async function hireGuard(company) {
  const res = await company.post('/portal/guards', {
    name: uniqName('保安'), idNo: randomIdNumber(), mobile: nextMobile(), hiredOn: '2025-03-01', ethnicity: '汉族', education: 'senior',
    householdAddress: '陕西省咸阳市渭城区某村1组', currentAddress: '咸阳市渭城区文汇路1号', certificateNo: null, certificateDate: null,
  });
  return expectStatus(res, 201, 'hire').body.id;
}

const person = (name = `李${uniqCjk(2)}`) => ({ name, idNo: validIdNumber('610404', '19800303'), mobile: nextMobile(), role: '负责人' });

// A unit of the given kind signs up (SMS code to its legal person) and signs in.
async function signUpUnit(unitKind, name) {
  const body = {
    creditCode: randomCreditCode('610404'), name, regionCode: '610404', legalName: `孙${uniqCjk(2)}`,
    legalIdNo: validIdNumber('610404', '19750505'), legalMobile: nextMobile(), password: APPLICANT_PASSWORD, unitKind,
  };
  expectStatus(await anon().post('/portal/sign-up/sms-code', { mobile: body.legalMobile }), 200);
  body.smsCode = await latestSmsCode(body.legalMobile);
  const signed = expectStatus(await anon().post('/portal/sign-up', body), 201).body;
  assert.equal(signed.unitKind, unitKind);
  return { client: await login(body.creditCode, APPLICANT_PASSWORD), body };
}

// A training unit's complete application form.
async function trainingForm(client, body) {
  const files = async () => [await uploadMaterial(client)];
  return {
    name: body.name, creditCode: body.creditCode, regionCode: '610404', address: '咸阳市渭城区学府路2号', regCapital: 100,
    trainingKinds: ['basic'], scale: 600, legalPerson: [{ name: body.legalName, idNo: body.legalIdNo, mobile: body.legalMobile }],
    principals: [person()], venue: '教学楼一栋', facilities: '教室6间,训练场1处', teachers: [person()], teachingPlan: '按大纲教学',
    businessLicenceFiles: await files(), resumeFiles: await files(), capitalFiles: await files(), venueFiles: await files(),
    teacherFiles: await files(), planFiles: await files(),
  };
}

let co; // a licensed company of 渭城区
before(async () => {
  co = await licensedCompany();
  // The company has to finish its first-login guide before it hires guards.
  expectStatus(await co.client.post('/portal/company/initialize', { contactName: '刘联系', contactPhone: '029-33218888' }), 200);
});

test('business types: ten declared, each with its group, chain and form; the filings batch, the licences issue a document', async () => {
  const c = await officer('xy_jb');
  const types = expectStatus(await c.get('/business-types'), 200).body;
  assert.equal(types.length, 10);
  const by = Object.fromEntries(types.map((t) => [t.code, t]));
  for (const code of ['branch_filing', 'inhouse_filing', 'cross_region_filing', 'annual_report'])
    assert.equal(by[code].group, 'filing', code);
  assert.deepEqual(types.filter((t) => t.batchable).map((t) => t.code).sort(),
    ['annual_report', 'branch_filing', 'certificate_issuance', 'cross_region_filing', 'inhouse_filing', 'inhouse_revocation']);
  assert.deepEqual(types.filter((t) => t.issuesLicence).map((t) => t.code).sort(), ['company_licence', 'training_licence']);
  assert.deepEqual(types.filter((t) => t.yearlyRounds).map((t) => t.code), ['annual_report'], 'the types with a yearly deadline (报送情况)');
  assert.deepEqual(by.branch_filing.keyField, { key: 'branchName', label: '分公司名称' });
  // the province decides a licence change only when the legal person changes: a condition on the steps
  const change = expectStatus(await (await admin()).get('/workflows/licence_change'), 200).body;
  assert.deepEqual(change.steps.map((s) => s.onlyIf ?? null), [null, null, 'changes:legalName', 'changes:legalName', 'changes:legalName']);
  const kinds = new Set();
  for (const code of ['training_licence', 'branch_filing', 'inhouse_filing', 'cross_region_filing', 'annual_report', 'licence_change', 'inhouse_revocation']) {
    const form = expectStatus(await c.get(`/business-types/${code}/form`), 200, code).body;
    assert.ok(form.fields.length >= 4, code);
    for (const f of form.fields) kinds.add(f.type);
  }
  for (const k of ['licence', 'guards', 'changes']) assert.ok(kinds.has(k), k);
  // the exam registration's form (issue 13) and its chain: the 户籍地派出所, then the county's 背景审查
  const exam = expectStatus(await c.get('/business-types/exam_registration/form'), 200).body;
  assert.ok(exam.fields.some((f) => f.key === 'photo' && f.type === 'file'));
  const examChain = expectStatus(await (await admin()).get('/workflows/exam_registration'), 200).body;
  assert.deepEqual(examChain.steps.map((s) => s.post), ['station_officer', 'station_chief', 'county_handler']);
});

test('who may apply: a training unit, an in-house unit and a licensed company are each offered their own types, the others with a reason', async () => {
  const signUpAs = async (unitKind) => {
    const { client } = await signUpUnit(unitKind, `${uniqCjk(3)}单位`);
    const offered = expectStatus(await client.get('/portal/business-types'), 200).body;
    return { client, allowed: offered.filter((t) => t.allowed).map((t) => t.code).sort(), offered };
  };
  const training = await signUpAs('training_unit');
  assert.deepEqual(training.allowed, ['training_licence']);
  const refused = training.offered.find((t) => t.code === 'company_licence');
  assert.equal(refused.allowed, false);
  assert.equal(refused.reason, '仅保安服务公司可申请');
  const inhouse = await signUpAs('inhouse_unit');
  assert.deepEqual(inhouse.allowed, ['inhouse_filing']);
  assert.match(inhouse.offered.find((t) => t.code === 'inhouse_revocation').reason, /尚未备案/);
  // applying for what is not offered: 422 naming businessType with the same reason
  const no = expectError(await inhouse.client.post('/portal/applications', { businessType: 'company_licence', form: {} }), 422, 'validation_failed');
  assert.equal(no.fields.businessType, '仅保安服务公司可申请');

  const offered = expectStatus(await co.client.get('/portal/business-types'), 200).body;
  assert.deepEqual(offered.filter((t) => t.allowed).map((t) => t.code).sort(),
    ['annual_report', 'branch_filing', 'cross_region_filing', 'licence_change']);
  assert.match(offered.find((t) => t.code === 'company_licence').reason, /已取得许可证/);

  const bad = { creditCode: randomCreditCode('610404'), name: '某单位', regionCode: '610404', legalName: '王五',
    legalIdNo: validIdNumber('610404', '19800101'), legalMobile: nextMobile(), password: APPLICANT_PASSWORD, smsCode: '123456', unitKind: 'bank' };
  const err = expectError(await anon().post('/portal/sign-up', bad), 422, 'validation_failed');
  assert.ok(err.fields.unitKind);
});

test('分公司备案: the licence is picked (not another\'s), a late filing is taken and named, the city acts, the §5 list finds it by 分公司名称', async () => {
  const other = await licensedCompany();
  const branchName = `${co.body.name.replace('保安服务有限公司', '')}秦都分公司${uniqCjk(2)}`;
  const form = {
    licenceId: co.licence.id, branchName, regionCode: '610402', address: '咸阳市秦都区人民路9号',
    setUpOn: chinaToday(-40), head: [person()], serviceScope: (await serviceScopes()).slice(0, 1),
    branchLicenceFiles: [await uploadMaterial(co.client)], headFiles: [await uploadMaterial(co.client)],
  };
  const foreign = expectError(await co.client.post('/portal/applications', { businessType: 'branch_filing', form: { ...form, licenceId: other.licence.id } }),
    422, 'validation_failed');
  assert.ok(foreign.fields['form.licenceId']);
  const app = expectStatus(await co.client.post('/portal/applications', { businessType: 'branch_filing', form, submit: true }), 201).body;
  assert.equal(app.status, 'submitted');
  assert.equal(app.lateFiling, true);
  assert.match(app.lateFilingNote, /^逾期备案:应在分公司设立后15个工作日内备案/);
  const jb = await officer('xy_jb');
  const listed = expectStatus(await jb.get('/applications', { query: { businessType: 'branch_filing', key: branchName.slice(-6) } }), 200).body;
  assert.deepEqual(listed.items.map((x) => x.id), [app.id]);
  assert.equal(listed.items[0].lateFiling, true);
  assert.equal(expectStatus(await jb.get('/todo', { query: { caseNo: app.caseNo } }), 200).body.total, 1);
  expectStatus(await jb.post(`/applications/${app.id}/background-checks`, {}), 200);
  await act(jb, app.id, 'accept');
  await act(jb, app.id, 'approve', { opinion: '材料齐全' });
  const done = await act(await officer('xy_bac'), app.id, 'approve', { opinion: '准予备案' });
  assert.equal(done.status, 'granted');
  assert.equal(done.statusName, '准予备案');
  const seen = expectStatus(await co.client.get(`/portal/applications/${app.id}`), 200).body;
  assert.equal(seen.statusName, '准予备案');
  assert.ok(expectStatus(await co.client.get('/portal/messages'), 200).body.some((m) => m.title === '准予备案'));
});

test('跨区域服务备案: routed to the city where the service is performed, which alone sees and decides it; the guards must be the company\'s own', async () => {
  const xaJb = await officer('xa_jb');
  const xaBac = await officer('xa_bac');

  const guards = [await hireGuard(co.client), await hireGuard(co.client)];
  const form = {
    licenceId: co.licence.id, serviceRegionCode: '610113', clientName: `西安${uniqCjk(3)}科技有限公司`, serviceAddress: '西安市雁塔区科技路1号',
    periodFrom: chinaToday(10), periodTo: chinaToday(200), leader: [person()], guardIds: guards,
    contractFiles: [await uploadMaterial(co.client)],
  };
  const stranger = expectError(await co.client.post('/portal/applications', { businessType: 'cross_region_filing', form: { ...form, guardIds: [...guards, 1] } }),
    422, 'validation_failed');
  assert.match(stranger.fields['form.guardIds'], /不是本单位在职保安员/);
  const app = expectStatus(await co.client.post('/portal/applications', { businessType: 'cross_region_filing', form, submit: true }), 201).body;
  assert.equal(app.lateFiling, false);
  assert.equal(app.regionCode, '610113');
  // 咸阳's handler neither has it in 待办 nor may act on it; 西安's has
  const xyJb = await officer('xy_jb');
  assert.equal(expectStatus(await xyJb.get('/todo', { query: { caseNo: app.caseNo } }), 200).body.total, 0);
  expectError(await xyJb.post(`/applications/${app.id}/accept`, {}), 404, 'not_found');
  assert.equal(expectStatus(await xaJb.get('/todo', { query: { caseNo: app.caseNo } }), 200).body.total, 1);
  await act(xaJb, app.id, 'accept');
  await act(xaJb, app.id, 'approve', { opinion: '同意' });
  const done = await act(xaBac, app.id, 'approve', { opinion: '准予备案' });
  assert.equal(done.status, 'granted');
});

test('批量审批: filings of one step move together with one opinion, each logged on its own; a case that cannot move is named; licences never batch', async () => {
  const report = async (year) => {
    const form = {
      year, operations: '经营正常', guardCount: 120, certifiedCount: 100, training: '全年培训4次', clientCount: 30, violations: '无',
      finance: '营业收入800万元', reportFiles: [await uploadMaterial(co.client)],
    };
    return expectStatus(await co.client.post('/portal/applications', { businessType: 'annual_report', form, submit: true }), 201).body;
  };
  const [r1, r2, r3] = [await report(2023), await report(2024), await report(2025)];
  const jb = await officer('xy_jb');
  await act(jb, r1.id, 'accept');
  await act(jb, r2.id, 'accept');
  // r3 is still waiting for 受理: 同意 is not among its actions
  const res = expectStatus(await jb.post('/applications/batch/approve', { ids: [r1.id, r2.id, r3.id], opinion: '年度报告齐全,同意备案' }), 200).body;
  assert.deepEqual(res.approved.sort(), [r1.id, r2.id].sort());
  assert.equal(res.failed.length, 1);
  assert.equal(res.failed[0].id, r3.id);
  assert.equal(res.failed[0].caseNo, r3.caseNo);
  assert.match(res.failed[0].message, /待受理/);
  for (const r of [r1, r2]) {
    const log = expectStatus(await jb.get(`/applications/${r.id}/log`), 200).body;
    assert.equal(log.filter((e) => e.action === 'approve' && e.opinion === '年度报告齐全,同意备案').length, 1);
    assert.equal(expectStatus(await jb.get(`/applications/${r.id}`), 200).body.stepName, '市保安处领导审核');
  }
  // a licence case in the batch: 400, nothing moves
  const { app: licence } = await submittedApplication('610404');
  const mixed = expectError(await jb.post('/applications/batch/approve', { ids: [r3.id, licence.id], opinion: '同意' }), 400, 'bad_request');
  assert.ok(mixed.fields.ids);
  assert.equal(expectStatus(await jb.get(`/applications/${r3.id}`), 200).body.status, 'submitted');
  expectError(await jb.post('/applications/batch/approve', { ids: [r3.id] }), 422, 'validation_failed');  // the opinion
  expectError(await jb.post('/applications/batch/approve', { ids: 'all', opinion: '同意' }), 400, 'bad_request');
  // a case the officer cannot see: 404, as one case would answer
  const stranger = await signUpApplicant('610404');
  expectError(await stranger.client.post('/applications/batch/approve', { ids: [r3.id], opinion: '同意' }), 403, 'forbidden');
});

test('许可证项目变更: the old values come from the licence; the city decides an address change, the province a change of the legal person', async () => {
  const evidence = async () => [await uploadMaterial(co.client)];
  const apply = async (changes, extra = {}) => expectStatus(await co.client.post('/portal/applications', {
    businessType: 'licence_change',
    form: { licenceId: co.licence.id, changes, reason: '公司搬迁', evidenceFiles: await evidence(), ...extra },
    submit: true,
  }), 201).body;
  const address = await apply([{ item: 'address', newValue: '咸阳市渭城区新址8号', oldValue: '伪造的原值' }]);
  assert.deepEqual(address.form.changes.map((c) => [c.item, c.oldValue, c.newValue]), [['address', '咸阳市渭城区文汇路1号', '咸阳市渭城区新址8号']]);
  const jb = await officer('xy_jb');
  // nobody new to check: the background check has nothing to run and does not hold the case up
  await act(jb, address.id, 'accept');
  await act(jb, address.id, 'approve', { opinion: '同意' });
  const bac = await officer('xy_bac');
  const decided = await act(bac, address.id, 'approve', { opinion: '准予变更' });
  assert.equal(decided.status, 'granted');
  assert.equal(decided.statusName, '准予变更');
  assert.deepEqual(decided.steps.map((s) => s.state), ['done', 'done', 'skipped', 'skipped', 'skipped']);
  // 换发: the picker now offers the new document of the same number
  const [renewed] = expectStatus(await co.client.get('/portal/licences'), 200).body;
  assert.equal(renewed.number, co.licence.number);
  assert.notEqual(renewed.id, co.licence.id);
  co.licence = renewed;

  const legal = await apply([{ item: 'legalName', newValue: '赵新' }], { legalPerson: [person('赵新')] });
  expectStatus(await jb.post(`/applications/${legal.id}/background-checks`, {}), 200);
  await act(jb, legal.id, 'accept');
  await act(jb, legal.id, 'approve', { opinion: '同意' });
  const up = await act(bac, legal.id, 'approve', { opinion: '同意上报' });
  assert.equal(up.status, 'in_review');
  assert.equal(up.stepName, '省厅科长指派');
  // the city's leader does not decide it, and may not extend it (the province decides)
  assert.ok(!expectStatus(await bac.get(`/applications/${legal.id}`), 200).body.actions.includes('extend'));
});

// ---- effects on the registry --------------------------------------------------------------------

// Through a city filing chain (市经办民警 → 市保安处领导) as the city's officers.
async function fileThrough(id, handler = 'xy_jb', leader = 'xy_bac') {
  const jb = await officer(handler);
  const c = expectStatus(await jb.get(`/applications/${id}`), 200).body;
  if (c.steps[0].backgroundCheck) {
    const run = await jb.post(`/applications/${id}/background-checks`, {});
    // a form that names nobody (a change of address) has nothing to check
    if (run.status !== 200) assert.equal(expectError(run, 409, 'conflict').message, '申请中没有需要审查的人员');
  }
  await act(jb, id, 'accept');
  await act(jb, id, 'approve', { opinion: '材料齐全' });
  return act(await officer(leader), id, 'approve', { opinion: '同意' });
}

async function companyRecord(creditCode) {
  const page = expectStatus(await (await admin()).get('/companies', { query: { creditCode } }), 200).body;
  assert.equal(page.total, 1);
  return page.items[0];
}

test('effects: the branch appears under its company, the annual report on its record, the cross-region filing for both cities with the guards\' assignment', async () => {
  const record = await companyRecord(co.body.creditCode);
  const jb = await officer('xy_jb');
  const branchName = `${uniqCjk(2)}分公司`;
  const branch = expectStatus(await co.client.post('/portal/applications', { businessType: 'branch_filing', submit: true, form: {
    licenceId: co.licence.id, branchName, regionCode: '610481', address: '兴平市东城路3号', setUpOn: chinaToday(-2), head: [person()],
    serviceScope: (await serviceScopes()).slice(0, 2), branchLicenceFiles: [await uploadMaterial(co.client)], headFiles: [await uploadMaterial(co.client)],
  } }), 201).body;
  assert.equal(branch.lateFiling, false);
  await fileThrough(branch.id);
  const branches = expectStatus(await jb.get(`/companies/${record.id}/branches`), 200).body;
  const b = branches.items.find((x) => x.name === branchName);
  assert.ok(b, JSON.stringify(branches));
  assert.equal(b.regionCode, '610481');

  const report = expectStatus(await co.client.post('/portal/applications', { businessType: 'annual_report', submit: true, form: {
    year: 2022, operations: '经营正常', guardCount: 80, certifiedCount: 75, training: '培训3次', clientCount: 12, violations: '无',
    finance: '收入300万元', reportFiles: [await uploadMaterial(co.client)],
  } }), 201).body;
  await fileThrough(report.id);
  const reports = expectStatus(await jb.get(`/companies/${record.id}/annual-reports`), 200).body;
  assert.ok(reports.items.some((r) => r.year === 2022 && r.guardCount === 80), JSON.stringify(reports));

  const guard = await hireGuard(co.client);
  const clientName = `西安${uniqCjk(3)}中心`;
  const cross = expectStatus(await co.client.post('/portal/applications', { businessType: 'cross_region_filing', submit: true, form: {
    licenceId: co.licence.id, serviceRegionCode: '610113', clientName, serviceAddress: '西安市雁塔区长安南路5号',
    periodFrom: chinaToday(5), periodTo: chinaToday(90), leader: [person()], guardIds: [guard], contractFiles: [await uploadMaterial(co.client)],
  } }), 201).body;
  await fileThrough(cross.id, 'xa_jb', 'xa_bac');
  const inXian = expectStatus(await (await officer('xa_jb')).get('/cross-region-filings', { query: { size: 100 } }), 200).body;
  assert.ok(inXian.items.some((x) => x.clientName === clientName), 'the service city sees it');
  const ofCompany = expectStatus(await jb.get(`/companies/${record.id}/cross-region-filings`), 200).body;
  assert.ok(ofCompany.items.some((x) => x.clientName === clientName), 'the company\'s city sees it');
  const g = expectStatus(await jb.get(`/guards/${guard}`), 200).body;
  assert.ok(g.crossRegionAssignments.some((x) => x.clientName === clientName), JSON.stringify(g.crossRegionAssignments));
});

test('effects: the licence change updates the record and 换发 the licence (same number, the old document 已换发)', async () => {
  const x = await licensedCompany();
  const app = expectStatus(await x.client.post('/portal/applications', { businessType: 'licence_change', submit: true, form: {
    licenceId: x.licence.id, changes: [{ item: 'address', newValue: '咸阳市渭城区变更后路6号' }], reason: '迁址',
    evidenceFiles: [await uploadMaterial(x.client)],
  } }), 201).body;
  assert.equal((await fileThrough(app.id)).status, 'granted');
  assert.equal((await companyRecord(x.body.creditCode)).regAddress, '咸阳市渭城区变更后路6号');
  const a = await admin();
  // the list shows the document in force; the replaced one is found by its status
  const [now] = expectStatus(await a.get('/licences', { query: { number: x.licence.number } }), 200).body.items;
  assert.equal(now.status, 'valid');
  const old = expectStatus(await a.get('/licences', { query: { number: x.licence.number, status: 'replaced' } }), 200).body.items;
  assert.deepEqual(old.map((d) => d.id), [x.licence.id]);
  assert.equal(now.address, '咸阳市渭城区变更后路6号');
  // the picker offers the new document only
  assert.deepEqual(expectStatus(await x.client.get('/portal/licences'), 200).body.map((l) => l.id), [now.id]);
});

test('effects: a change of 服务范围 is decided by the city, updates the record\'s service scope and 换发 the licence', async () => {
  const x = await licensedCompany();
  const before = await companyRecord(x.body.creditCode);
  const a = await admin();
  const oldScope = expectStatus(await a.get(`/licences/${x.licence.id}`), 200).body.serviceScope;
  assert.ok(oldScope, 'the licence prints a service scope');
  const apply = async (newValue) => x.client.post('/portal/applications', { businessType: 'licence_change', submit: true, form: {
    licenceId: x.licence.id, changes: [{ item: 'serviceScope', newValue }], reason: '增加押运与技防业务',
    evidenceFiles: [await uploadMaterial(x.client)],
  } });
  // a name that is not a service kind is refused, naming the row
  const bad = expectError(await apply('门卫、保洁'), 422, 'validation_failed');
  assert.match(bad.fields['form.changes[0].newValue'], /服务范围「保洁」无效/);
  // names and codes, separated as people type them: kept as the dictionary's names in its order
  const app = expectStatus(await apply('押运，门卫 technical'), 201).body;
  assert.deepEqual(app.form.changes.map((c) => [c.item, c.oldValue, c.newValue]),
    [['serviceScope', oldScope, '门卫、押运、安全技术防范']], 'the old value is the licence\'s');
  const done = await fileThrough(app.id);
  assert.equal(done.status, 'granted');
  assert.deepEqual(done.steps.map((s) => s.state), ['done', 'done', 'skipped', 'skipped', 'skipped'], 'the city decides');
  const after = await companyRecord(x.body.creditCode);
  assert.deepEqual(after.serviceScope, ['door', 'escort', 'technical']);
  assert.equal(after.serviceScopeNames, '门卫、押运、安全技术防范');
  assert.notDeepEqual(before.serviceScope, after.serviceScope);
  assert.equal(after.regAddress, before.regAddress, 'nothing else changed');
  const [now] = expectStatus(await a.get('/licences', { query: { number: x.licence.number } }), 200).body.items;
  assert.notEqual(now.id, x.licence.id);
  assert.equal(now.status, 'valid');
  assert.equal(now.serviceScope, '门卫、押运、安全技术防范');
  const old = expectStatus(await a.get(`/licences/${x.licence.id}`), 200).body;
  assert.equal(old.status, 'replaced');
  const detail = expectStatus(await a.get(`/licences/${now.id}`), 200).body;
  assert.ok(JSON.stringify(detail.history).includes(`服务范围:${oldScope}→门卫、押运、安全技术防范`), JSON.stringify(detail.history));
  assert.deepEqual(expectStatus(await x.client.get('/portal/licences'), 200).body.map((l) => l.id), [now.id], 'the picker offers the new document');
});

test('effects: a training unit signs up, is licensed through the province and appears under 保安培训单位管理 with its licence', async () => {
  const { client: unit, body } = await signUpUnit('training_unit', `咸阳${uniqCjk(3)}保安培训学校`);
  const form = await trainingForm(unit, body);
  const app = expectStatus(await unit.post('/portal/applications', { businessType: 'training_licence', form, submit: true }), 201).body;
  const jb = await officer('xy_jb');
  expectStatus(await jb.post(`/applications/${app.id}/background-checks`, {}), 200);
  await act(jb, app.id, 'accept');
  await act(jb, app.id, 'approve', { opinion: '同意' });
  for (const who of ['xy_bac', 'xy_zaj', 'xy_sj']) await act(await officer(who), app.id, 'approve', { opinion: '同意' });
  const kz = await officer('st_kz');
  const cands = expectStatus(await kz.get(`/applications/${app.id}/candidates`, { query: { for: 'assign' } }), 200).body;
  await act(kz, app.id, 'assign', { userId: cands[0].id });
  await act(await officer('st_mj'), app.id, 'approve', { opinion: '同意' });
  await act(kz, app.id, 'approve', { opinion: '同意' });
  assert.equal((await act(await officer('st_fcz'), app.id, 'approve', { opinion: '准予许可' })).status, 'granted');
  const a = await admin();
  const licence = expectStatus(await a.get('/licences', { query: { businessType: 'training_licence', holderName: body.name } }), 200).body.items[0];
  assert.match(licence.number, /^陕公保培\d{9}$/);
  const units = expectStatus(await a.get('/training-units', { query: { code: body.creditCode } }), 200).body.items;
  assert.equal(units.length, 1);
  assert.equal(units[0].licenceNo, licence.number);
  const again = await login(body.creditCode, APPLICANT_PASSWORD);
  assert.equal(again.login.user.kind, 'training_unit');
  const offered = expectStatus(await again.get('/portal/business-types'), 200).body.filter((t) => t.allowed).map((t) => t.code);
  assert.deepEqual(offered, ['licence_change']);
  assert.deepEqual(expectStatus(await again.get('/portal/licences'), 200).body.map((l) => l.number), [licence.number]);
});

test('effects: an in-house unit files (its guards become its employees, its account the unit\'s), then revokes the filing', async () => {
  const { client: unit, body } = await signUpUnit('inhouse_unit', `咸阳${uniqCjk(3)}商贸有限公司`);
  const files = async () => [await uploadMaterial(unit)];
  const guards = [{ name: `周${uniqCjk(2)}`, idNo: randomIdNumber(), mobile: nextMobile() }, { name: `吴${uniqCjk(2)}`, idNo: randomIdNumber(), mobile: nextMobile() }];
  const app = expectStatus(await unit.post('/portal/applications', { businessType: 'inhouse_filing', submit: true, form: {
    name: body.name, creditCode: body.creditCode, unitType: 'enterprise', regionCode: '610404', address: '咸阳市渭城区商贸街1号',
    startedOn: chinaToday(-45), legalPerson: [{ name: body.legalName, idNo: body.legalIdNo, mobile: body.legalMobile }], principal: [person()],
    guards, businessLicenceFiles: await files(), rulesFiles: await files(), dutyFiles: await files(),
  } }), 201).body;
  assert.match(app.lateFilingNote, /30日内备案/);
  assert.equal((await fileThrough(app.id)).statusName, '准予备案');
  const a = await admin();
  const rec = expectStatus(await a.get('/inhouse-units', { query: { code: body.creditCode } }), 200).body.items[0];
  assert.equal(rec.filingStatus, 'filed');
  assert.match(rec.filingNo, /^陕自招备\d{4}-\d{5}$/);
  const employed = expectStatus(await a.get('/guards', { query: { idNo: guards[0].idNo } }), 200).body.items[0];
  assert.equal(employed.employerName, body.name);

  const filed = await login(body.creditCode, APPLICANT_PASSWORD);
  assert.equal(filed.login.user.kind, 'inhouse_unit');
  const offered = expectStatus(await filed.get('/portal/business-types'), 200).body.filter((t) => t.allowed).map((t) => t.code);
  assert.deepEqual(offered, ['inhouse_revocation']);
  const rev = expectStatus(await filed.post('/portal/applications', { businessType: 'inhouse_revocation', submit: true, form: {
    stoppedOn: chinaToday(-1), reason: '改为购买保安服务', guardsDisposition: '与保安员协商解除劳动合同',
  } }), 201).body;
  await fileThrough(rev.id);
  const after = expectStatus(await a.get(`/inhouse-units/${rec.id}`), 200).body;
  assert.equal(after.filingStatus, 'revoked');
  const released = expectStatus(await a.get('/guards', { query: { idNo: guards[0].idNo } }), 200).body.items[0];
  assert.equal(released.employed, false);
});

test('the training licence turned into a filing by the administrator (2022 amendment): new cases take the short chain at once, running ones keep theirs', async () => {
  const a = await admin();
  const before = expectStatus(await a.get('/workflows/training_licence'), 200).body;
  const signUpSchool = async () => {
    const { client, body } = await signUpUnit('training_unit', `咸阳${uniqCjk(3)}培训学校`);
    const form = await trainingForm(client, body);
    return expectStatus(await client.post('/portal/applications', { businessType: 'training_licence', form, submit: true }), 201).body;
  };
  const running = await signUpSchool();
  const filing = [
    { name: '市经办民警审查', post: 'city_handler', legalDays: 10, promisedDays: 10, backgroundCheck: true },
    { name: '市保安处领导备案', post: 'city_security_leader', legalDays: 5, promisedDays: 5 },
  ];
  const saved = expectStatus(await a.put('/workflows/training_licence', { steps: filing }), 200).body;
  assert.equal(saved.version, before.version + 1);
  try {
    const now = await signUpSchool();
    const jb = await officer('xy_jb');
    assert.equal(expectStatus(await jb.get(`/applications/${running.id}`), 200).body.steps.length, 8);
    assert.equal(expectStatus(await jb.get(`/applications/${now.id}`), 200).body.steps.length, 2);
    expectStatus(await jb.post(`/applications/${now.id}/background-checks`, {}), 200);
    await act(jb, now.id, 'accept');
    await act(jb, now.id, 'approve', { opinion: '同意' });
    assert.equal((await act(await officer('xy_bac'), now.id, 'approve', { opinion: '准予' })).status, 'granted');
    const licence = expectStatus(await a.get('/licences', { query: { businessType: 'training_licence', holderName: now.applicantName } }), 200).body.items[0];
    assert.equal(licence.issuerName, '咸阳市公安局');  // the city decides it now
  } finally {
    expectStatus(await a.put('/workflows/training_licence', { steps: before.steps }), 200);
  }
});
