// One person through the whole guard qualification (issue 13, "Done when"), with the demo officers:
// 个人 sign-up → registration with a photo → the 派出所's checks and the county's 背景审查 → online payment
// → an exam: added, seated, notified → the candidate's own 准考证 → a score, announced → 制证审批 by the
// city's two posts → the certificate printed and handed over → its QR page says 有效. The candidate's
// portal view shows each outcome as it comes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  APPLICANT_PASSWORD,
  BASE_B,
  admin,
  anon,
  chinaToday,
  expectFieldError,
  expectStatus,
  latestSmsCode,
  login,
  nextMobile,
  sleep,
  uniqCjk,
  uniqName,
  uniqueIdNumber,
} from './lib.mjs';
import { examForm, officer, postRegistration, throughChecks } from './exam_lib.mjs';

const iso = (ms) => new Date(ms).toISOString();

test('a person from sign-up to a handed-over certificate whose QR verifies', async () => {
  // 个人 sign-up and registration
  const idNo = uniqueIdNumber({ birth: '19960412' });
  const mobile = nextMobile();
  expectStatus(await anon().post('/portal/sign-up/sms-code', { mobile }), 200);
  const name = `陈${uniqCjk(2)}`;
  expectStatus(await anon().post('/portal/sign-up', {
    unitKind: 'person', idNo, name, mobile, smsCode: await latestSmsCode(mobile), password: APPLICANT_PASSWORD,
  }), 201);
  const person = await login(idNo, APPLICANT_PASSWORD);
  const reg = expectStatus(await postRegistration(person, await examForm(person, { idNo, name, mobile })), 201).body;
  const mine = async () => expectStatus(await person.get(`/portal/exam-registrations/${reg.id}`), 200).body;

  // the station, its chief, the county's background check
  await throughChecks(reg.applicationId);
  assert.equal((await mine()).status, 'pending_payment');

  // online payment (local provider: the candidate pays the order)
  const order = expectStatus(await person.post('/portal/exam-payments', { registrationId: reg.id }), 200).body;
  assert.ok(JSON.stringify(order).includes('12000') || JSON.stringify(order).includes('120.00'), JSON.stringify(order));
  expectStatus(await person.post('/portal/exam-payments/pay', { registrationId: reg.id }), 200);
  assert.equal((await mine()).status, 'pending_exam');

  // an exam of 咸阳: added, seated, notified; the candidate downloads their own ticket
  const xy = await officer('xy_jb');
  const start = Date.now() + 4000;
  const exam = expectStatus(await xy.post('/exams', {
    name: uniqName('保安员资格考试'), kind: 'theory', place: '咸阳市公安局培训中心', startAt: iso(start), endAt: iso(start + 7200e3),
    rooms: [{ name: '第一考场', seats: 30 }], passTheory: 60,
  }), 201).body;
  expectStatus(await xy.post(`/exams/${exam.id}/candidates`, { registrationIds: [reg.id] }), 200);
  expectStatus(await xy.post(`/exams/${exam.id}/seating`, { order: 'id' }), 200);
  expectStatus(await xy.post(`/exams/${exam.id}/notify`, {}), 200);
  const seated = await mine();
  assert.equal(seated.status, 'scheduled');
  assert.equal(seated.exam.id, exam.id);
  assert.match(seated.exam.ticketNo, /^\d{16}$/);
  assert.equal(seated.exam.roomName, '第一考场');
  assert.equal(seated.score, null, 'no score yet');
  const ticket = await person.request('GET', `/portal/exam-registrations/${reg.id}/ticket`, undefined, { binary: true });
  expectStatus(ticket, 200);
  assert.equal(ticket.buf.subarray(0, 5).toString(), '%PDF-');

  // the score, announced: who passed goes on to 制证审批
  await sleep(Math.max(0, start - Date.now() + 500));
  expectStatus(await xy.put(`/exams/${exam.id}/scores/${reg.id}`, { theory: 86 }), 200);
  assert.equal((await mine()).score, null, 'the candidate sees the score once it is announced');
  expectStatus(await xy.post(`/exams/${exam.id}/notify-scores`, {}), 200);
  const scored = await mine();
  assert.equal(scored.score.theory, 86);
  assert.equal(scored.score.passed, true);
  assert.equal(scored.status, 'pending_certificate');

  // 制证审批 in 待办: the city handler, then the city's leader (batch approval, as for filings)
  for (const account of ['xy_jb', 'xy_bac']) {
    const who = await officer(account);
    const todo = expectStatus(await who.get('/todo', { query: { businessType: 'certificate_issuance', applicant: name } }), 200).body;
    assert.equal(todo.items.length, 1, `${account} has the case`);
    const done = expectStatus(await who.post('/applications/batch/approve', { ids: [todo.items[0].id], opinion: '同意制证' }), 200).body;
    assert.deepEqual(done.failed, []);
  }
  const certified = await mine();
  assert.equal(certified.status, 'certifying');
  assert.match(certified.certificate.number, /^6104\d{10}$/);

  // printed and handed over; the QR page answers 有效
  const pdf = await xy.request('POST', '/certificates/print', { ids: [certified.certificate.id] }, { binary: true });
  expectStatus(pdf, 200);
  expectStatus(await xy.post(`/certificates/${certified.certificate.id}/handover`, { receiverName: name, at: iso(Date.now() + 8 * 3600e3).slice(0, 10) /* today in China */ }), 200);
  const done = await mine();
  assert.equal(done.status, 'certified');
  // on server B: the certificates suite spends server A's per-address allowance of the public page
  const page = await fetch(BASE_B + done.certificate.verifyUrl);
  const html = await page.text();
  assert.equal(page.status, 200, html);
  assert.ok(html.includes('有效') && html.includes(done.certificate.number), html.slice(0, 400));
});

test('a revoked certificate bars its holder from registering for three years (条例 art. 17)', async () => {
  const a = await admin();
  const list = expectStatus(await a.get('/certificates', { query: { status: 'valid', size: 50 } }), 200).body.items;
  assert.ok(list.length > 0, 'the demo has valid certificates');
  const cert = expectStatus(await a.get(`/certificates/${list[0].id}`), 200).body;
  assert.match(cert.idNo, /^\d{17}[\dX]$/, 'admin sees the full number');
  expectStatus(await a.post(`/certificates/${cert.id}/revoke`, {
    decisionNo: '咸公(治)行罚决字〔2026〕131号', reason: '违反《保安服务管理条例》第四十五条', revokedOn: chinaToday(),
  }), 200);
  const hc = await officer('hc_mj');
  const err = expectFieldError(await postRegistration(hc, await examForm(hc, { idNo: cert.idNo, name: cert.name })), 'form.idNo', ['第十七条']);
  assert.ok(err.fields['form.idNo'].includes('未满三年'), err.fields['form.idNo']);
});

test('who failed registers again: the registration is the second attempt, and its fee is the free resit (not after an absence)', async () => {
  const hc = await officer('hc_mj');
  const wc = await officer('wc_jb');
  const forms = [await examForm(hc), await examForm(hc)];  // one sits and fails, one is absent
  const firsts = [];
  for (const form of forms) {
    const r = expectStatus(await postRegistration(hc, form), 201).body;
    assert.equal(r.attempt, 1);
    await throughChecks(r.applicationId);
    expectStatus(await wc.post(`/exam-registrations/${r.id}/payments`, { method: 'window', amount: 12000, receiptNo: uniqName('R') }), 200);
    firsts.push(r);
  }
  const xy = await officer('xy_jb');
  const start = Date.now() + 3000;
  const exam = expectStatus(await xy.post('/exams', {
    name: uniqName('保安员资格考试'), kind: 'theory', place: '咸阳市公安局培训中心', startAt: iso(start), endAt: iso(start + 7200e3),
    rooms: [{ name: '第一考场', seats: 30 }], passTheory: 60,
  }), 201).body;
  expectStatus(await xy.post(`/exams/${exam.id}/candidates`, { registrationIds: firsts.map((r) => r.id) }), 200);
  expectStatus(await xy.post(`/exams/${exam.id}/seating`, { order: 'id' }), 200);
  await sleep(Math.max(0, start - Date.now() + 500));
  expectStatus(await xy.put(`/exams/${exam.id}/scores/${firsts[0].id}`, { theory: 41 }), 200);
  expectStatus(await xy.put(`/exams/${exam.id}/scores/${firsts[1].id}`, { absent: true }), 200);
  expectStatus(await xy.post(`/exams/${exam.id}/notify-scores`, {}), 200);
  for (const r of firsts) assert.equal(expectStatus(await wc.get(`/exam-registrations/${r.id}`), 200).body.status, 'failed');

  // 补考: registered again, the second attempt; after the checks the one who sat owes nothing and waits
  // for an exam, the one who was absent pays again
  const agains = [];
  for (const form of forms) {
    const again = expectStatus(await postRegistration(hc, await examForm(hc, { idNo: form.idNo, name: form.name })), 201).body;
    assert.equal(again.attempt, 2);
    await throughChecks(again.applicationId);
    agains.push(again);
  }
  const ordersOf = async (r) => expectStatus(await wc.get(`/exam-registrations/${r.id}/payments`), 200).body.items;
  const [sat, absent] = [await ordersOf(agains[0]), await ordersOf(agains[1])];
  assert.equal(sat.length, 1);
  assert.equal(sat[0].method, 'free', JSON.stringify(sat));
  assert.equal(expectStatus(await wc.get(`/exam-registrations/${agains[0].id}`), 200).body.status, 'pending_exam');
  assert.equal(absent.length, 1);
  assert.equal(absent[0].amount, 12000, JSON.stringify(absent));
  assert.equal(absent[0].status, 'unpaid');
  assert.equal(expectStatus(await wc.get(`/exam-registrations/${agains[1].id}`), 200).body.status, 'pending_payment');
});
