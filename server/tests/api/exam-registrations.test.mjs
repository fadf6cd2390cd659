// 保安员资格证考试报名 (issue 13, manual §6.1): a person signs up and registers on the portal, a window
// officer registers a person who came in; the photo is checked at upload; the ID number decides gender,
// birth date and age; 条例 art. 16 and one open registration per person are enforced; the 户籍地派出所
// checks (民警 → 所长), the county runs the 背景审查, and the registration reaches 待缴费; a 不同意 ends it
// as 审查不通过; 取消 and 改派; the scope keeps other districts and cities out.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  APPLICANT_PASSWORD,
  MASKED_ID,
  anon,
  activeCompany,
  birthForAge,
  exceljsXlsx,
  readXlsx,
  sheetTable,
  download,
  expectError,
  expectFieldError,
  expectStatus,
  latestSmsCode,
  login,
  nextMobile,
  png,
  uniqCjk,
  uniqueIdNumber,
  validIdNumber,
} from './lib.mjs';
import { HC_TOWN, act, examForm, newCandidate, officer, photoBytes, postPhoto, postRegistration, throughChecks, uploadPhoto } from './exam_lib.mjs';
import { uploadMaterial } from './lib.mjs';

// A person signs up (SMS code to their mobile) and signs in with their ID number.
async function signUpPerson(idNo = uniqueIdNumber({ birth: '19950620' })) {
  const mobile = nextMobile();
  expectStatus(await anon().post('/portal/sign-up/sms-code', { mobile }), 200, 'sms-code');
  const body = { unitKind: 'person', idNo, name: `李${uniqCjk(2)}`, mobile, smsCode: await latestSmsCode(mobile), password: APPLICANT_PASSWORD };
  const created = expectStatus(await anon().post('/portal/sign-up', body), 201, 'sign-up').body;
  assert.equal(created.account, idNo);
  assert.equal(created.unitKind, 'person');
  const client = await login(idNo, APPLICANT_PASSWORD);
  // The portal knows it serves a person, not an enterprise: unitKind on /auth/me and the menu's title.
  const me = expectStatus(await client.get('/auth/me'), 200).body;
  assert.equal(me.user.unitKind, 'person');
  assert.deepEqual(me.menus.map((m) => m.title), ['个人服务']);
  return { client, body };
}

describe('the registration form and the photo', () => {
  test('the form asks for the person, a town-level 户籍地, the photo and the certificates', async () => {
    const form = expectStatus(await (await officer('hc_mj')).get('/business-types/exam_registration/form'), 200).body;
    const byKey = Object.fromEntries(form.fields.map((f) => [f.key, f]));
    for (const key of ['name', 'idNo', 'ethnicity', 'education', 'householdRegion', 'householdAddress', 'currentAddress', 'mobile', 'photo', 'medicalFiles', 'educationFiles'])
      assert.ok(byKey[key]?.required, `${key} is required`);
    assert.equal(byKey.householdRegion.type, 'region');
    assert.equal(byKey.householdRegion.level, 'town');
    assert.equal(byKey.photo.type, 'file');
    assert.ok(byKey.education.options.some((o) => o.code === 'junior'));
    assert.ok(!('gender' in byKey) && !('birthDate' in byKey), 'gender and birth date come from the ID number');
  });

  test('a photo is checked where it is chosen: each rule names itself, a proper portrait passes', async () => {
    const hc = await officer('hc_mj');
    for (const good of ['portrait.jpg', 'portrait-large.jpg']) expectStatus(await postPhoto(hc, good), 201, good);
    const refusals = {
      'small.jpg': '不小于 358×441',
      'square.jpg': '358:441',
      'dark-background.jpg': '背景',
      'blank.jpg': '人像',
    };
    for (const [file, words] of Object.entries(refusals)) {
      const err = expectFieldError(await postPhoto(hc, file), 'file', [], file);
      assert.ok(err.fields.file.includes(words), `${file}: ${err.fields.file}`);
    }
    const res = await hc.request('POST', '/files', undefined, {
      query: { accept: 'id_photo' },
      raw: png(),
      headers: { 'X-File-Name': 'photo.png', 'Content-Type': 'image/png' },
    });
    assert.match(expectFieldError(res, 'file').fields.file, /JPG/);
  });
});

describe('a person registers on the portal', () => {
  let person;
  let mine;
  before(async () => {
    person = await signUpPerson();
  });

  test('registers themself: gender and birth date come from the ID number, the case waits at the 户籍地派出所', async () => {
    const form = await examForm(person.client, { idNo: person.body.idNo, name: person.body.name });
    mine = expectStatus(await postRegistration(person.client, form), 201).body;
    assert.equal(mine.status, 'background_check');
    assert.equal(mine.attempt, 1);
    assert.match(mine.caseNo, /^BA\d{4}\d+/);
    assert.equal(mine.stationName, '渭城护城河派出所');
    const detail = expectStatus(await person.client.get(`/portal/exam-registrations/${mine.id}`), 200).body;
    assert.equal(detail.idNo, person.body.idNo, 'the person sees their own number');
    assert.equal(detail.birthDate, '1995-06-20');
    assert.equal(detail.gender, Number(person.body.idNo[16]) % 2 ? 'male' : 'female');
    assert.equal(detail.householdRegion, HC_TOWN);
    assert.ok(detail.householdRegionName.includes('新兴路街道'));
    const list = expectStatus(await person.client.get('/portal/exam-registrations'), 200).body;
    assert.deepEqual(list.items.map((i) => i.id), [mine.id]);
    // 待办 of 护城河's officer
    const todo = expectStatus(await (await officer('hc_mj')).get('/todo', { query: { caseNo: mine.caseNo } }), 200).body;
    assert.equal(todo.items.length, 1, 'the case waits for the station officer');
  });

  test('a person registers only themself, and only once at a time', async () => {
    const other = await examForm(person.client);
    expectFieldError(await postRegistration(person.client, other), 'form.idNo', ['本人']);
    const again = await examForm(person.client, { idNo: person.body.idNo, name: person.body.name });
    const err = expectError(await postRegistration(person.client, again), 409, 'conflict');
    assert.ok(err.message.includes(mine.caseNo), err.message);
  });

  test('withdraws before 受理: the registration is cancelled, and the person may register again', async () => {
    const res = expectStatus(await person.client.post(`/portal/exam-registrations/${mine.id}/cancel`, {}), 200).body;
    assert.equal(res.status, 'cancelled');
    assert.equal(res.caseStatus, 'withdrawn');
    const form = await examForm(person.client, { idNo: person.body.idNo, name: person.body.name });
    const again = expectStatus(await postRegistration(person.client, form), 201).body;
    assert.equal(again.attempt, 1, 'a withdrawn registration is no attempt');
  });
});

describe('the rules of 条例 art. 16', () => {
  test('under 18 on the registration day, below 初中, or armed escort without its certificate: refused naming the field', async () => {
    const hc = await officer('hc_mj');
    const young = await examForm(hc, { idNo: validIdNumber('610404', birthForAge(18, 1).replaceAll('-', ''), 321) });
    expectFieldError(await postRegistration(hc, young), 'form.idNo', ['18周岁']);
    expectFieldError(await postRegistration(hc, await examForm(hc, { education: 'primary' })), 'form.education', ['初中']);
    expectFieldError(await postRegistration(hc, await examForm(hc, { armedEscort: 'yes' })), 'form.noCrimeFiles', ['无犯罪记录']);
    expectFieldError(await postRegistration(hc, await examForm(hc, { householdRegion: '610404' })), 'form.householdRegion', ['乡镇']);
  });

  test('18 today is old enough', async () => {
    const hc = await officer('hc_mj');
    const form = await examForm(hc, { idNo: validIdNumber('610404', birthForAge(18).replaceAll('-', ''), 323) });
    expectStatus(await postRegistration(hc, form), 201);
  });

  test('a photo that fails its check is refused at the registration too', async () => {
    const hc = await officer('hc_mj');
    const bad = expectStatus(await hc.request('POST', '/files', undefined, {
      raw: (await import('./exam_lib.mjs')).photoBytes('blank.jpg'), headers: { 'X-File-Name': 'p.jpg', 'Content-Type': 'image/jpeg' },
    }), 201).body.id;
    expectFieldError(await postRegistration(hc, await examForm(hc, { photo: [bad] })), 'form.photo', ['人像']);
  });
});

describe('through the checks', () => {
  test('the station, its chief and the county 背景审查 bring the registration to 待缴费', async () => {
    const c = await newCandidate();
    assert.equal(c.registration.status, 'pending_payment');
    assert.equal(c.registration.statusName, '待缴费');
    assert.equal(c.registration.caseStatus, 'granted');
    const checks = expectStatus(await (await officer('wc_jb')).get(`/applications/${c.applicationId}/background-checks`), 200).body;
    assert.ok(JSON.stringify(checks).includes(c.form.idNo.slice(-4)), 'the checks ran on the person');
  });

  test('a 不同意 ends the registration as 审查不通过; the person may register again', async () => {
    const hc = await officer('hc_mj');
    const form = await examForm(hc);
    const r = expectStatus(await postRegistration(hc, form), 201).body;
    await act('hc_mj', r.applicationId, 'accept', {});
    await act('hc_mj', r.applicationId, 'approve', { opinion: '核查属实' });
    await act('hc_sz', r.applicationId, 'reject', { reason: '户籍地址与户口登记不一致' });
    const after = expectStatus(await (await officer('wc_jb')).get(`/exam-registrations/${r.id}`), 200).body;
    assert.equal(after.status, 'rejected');
    assert.equal(after.caseStatusName, '审查不通过');
    const again = await examForm(hc, { idNo: form.idNo, name: form.name });
    expectStatus(await postRegistration(hc, again), 201);
  });

  test('an officer cancels a registration waiting for payment; once cancelled it cannot be cancelled again', async () => {
    const c = await newCandidate();
    const wc = await officer('wc_jb');
    const res = expectStatus(await wc.post(`/exam-registrations/${c.id}/cancel`, { reason: '本人申请取消' }), 200).body;
    assert.equal(res.status, 'cancelled');
    expectError(await wc.post(`/exam-registrations/${c.id}/cancel`, {}), 409, 'conflict');
  });

  test('after 受理 the applicant cannot take the registration back', async () => {
    const hc = await officer('hc_mj');
    const r = expectStatus(await postRegistration(hc, await examForm(hc)), 201).body;
    await act('hc_mj', r.applicationId, 'accept', {});
    expectError(await hc.post(`/exam-registrations/${r.id}/cancel`, {}), 409, 'conflict');
  });
});

describe('where a registration goes', () => {
  test('改派: the station moves a registration to another station of the city; the chain follows the new station', async () => {
    const hc = await officer('hc_mj');
    const r = expectStatus(await postRegistration(hc, await examForm(hc)), 201).body;
    const qd = await officer('qd_jb');
    const qdStation = expectStatus(await qd.get('/station-routes'), 200).body.items.find((i) => i.countyCode === '610402');
    expectFieldError(await hc.post(`/exam-registrations/${r.id}/reroute`, { stationId: 1 }), 'stationId');
    const moved = expectStatus(await hc.post(`/exam-registrations/${r.id}/reroute`, { stationId: qdStation.stationId }), 200).body;
    assert.equal(moved.stationName, qdStation.stationName);
    // now 秦都's station officer has it, and 护城河 no longer sees it
    const qdTodo = expectStatus(await (await officer('qd_mj')).get('/todo', { query: { caseNo: r.caseNo } }), 200).body;
    assert.equal(qdTodo.items.length, 1);
    expectError(await hc.get(`/exam-registrations/${r.id}`), 404, 'not_found');
    await throughChecks(r.applicationId, { station: 'qd_mj', chief: 'qd_sz', county: 'qd_jb' });
    assert.equal(expectStatus(await qd.get(`/exam-registrations/${r.id}`), 200).body.status, 'pending_payment');
  });

  test("a town without a station goes to the station named for its county; a window officer only registers in the station's area", async () => {
    const wc = await officer('wc_jb');
    const routes = expectStatus(await wc.get('/station-routes'), 200).body.items;
    assert.ok(routes.some((x) => x.countyCode === '610404' && x.stationName === '渭城护城河派出所'));
    const hc = await officer('hc_mj');
    const r = expectStatus(await postRegistration(hc, await examForm(hc, { householdRegion: '610404008000' })), 201).body;
    assert.equal(r.stationName, '渭城护城河派出所');
    expectFieldError(await postRegistration(hc, await examForm(hc, { householdRegion: '610402001000' })), 'form.householdRegion', ['辖区']);
    // a town of a city without any police org in the demo
    expectFieldError(await postRegistration(await officer('qd_jb'), await examForm(await officer('qd_jb'), { householdRegion: '610202001000' })),
      'form.householdRegion');
  });
});

describe('what officers see', () => {
  test('§6.1.1 lists the registrations of the scope with masked ID numbers, filters by status, name and ID', async () => {
    const c = await newCandidate();
    const wc = await officer('wc_jb');
    const list = expectStatus(await wc.get('/exam-registrations', { query: { idNo: c.form.idNo } }), 200).body;
    assert.equal(list.total, 1);
    assert.match(list.items[0].idNo, MASKED_ID);
    assert.equal(list.items[0].status, 'pending_payment');
    const byStatus = expectStatus(await wc.get('/exam-registrations', { query: { status: 'pending_exam', size: 100 } }), 200).body;
    assert.ok(byStatus.total >= 10 && byStatus.items.every((i) => i.status === 'pending_exam'), 'the demo has candidates waiting for an exam');
    const byName = expectStatus(await wc.get('/exam-registrations', { query: { name: c.form.name } }), 200).body;
    assert.ok(byName.items.some((i) => i.id === c.id));
    expectFieldError(await wc.get('/exam-registrations', { query: { status: 'nonsense' } }), 'status');
    const detail = expectStatus(await wc.get(`/exam-registrations/${c.id}`), 200).body;
    assert.ok(detail.materials.length >= 3, 'photo and certificates');
    const photo = await wc.request('GET', detail.photoUrl.replace('/api/v1', ''), undefined, { binary: true });
    expectStatus(photo, 200);
    assert.equal(photo.headers.get('content-type'), 'image/jpeg');
  });

  test("another district's and another city's officers see none of it", async () => {
    const c = await newCandidate();
    const qd = await officer('qd_jb');
    expectError(await qd.get(`/exam-registrations/${c.id}`), 404, 'not_found');
    expectError(await qd.post(`/exam-registrations/${c.id}/cancel`, {}), 404, 'not_found');
    const qdList = expectStatus(await qd.get('/exam-registrations', { query: { idNo: c.form.idNo } }), 200).body;
    assert.equal(qdList.total, 0);
    const xa = await officer('xa_jb');
    const xaList = expectStatus(await xa.get('/exam-registrations', { query: { size: 100 } }), 200);
    assert.equal(xaList.body.total, 0, '西安 sees no registration of 咸阳');
  });
});

describe('批量报名: a company registers its people from an xlsx list', () => {
  let co;
  const HEAD = ['姓名', '公民身份号码', '民族', '文化程度', '户籍地(乡镇街道)', '户籍地址', '现住址', '手机号', '照片文件名', '体检证明文件名', '学历证明文件名'];
  // Uploads one person's files under names the list gives; the row of the list.
  async function personRow(tag, overrides = {}) {
    const photoName = `${tag}.jpg`;
    expectStatus(await co.client.request('POST', '/files', undefined, {
      query: { accept: 'id_photo' }, raw: photoBytes(), headers: { 'X-File-Name': encodeURIComponent(photoName), 'Content-Type': 'image/jpeg' },
    }), 201);
    await uploadMaterial(co.client, `${tag}体检.pdf`);
    await uploadMaterial(co.client, `${tag}学历.pdf`);
    const row = {
      name: `赵${uniqCjk(2)}`, idNo: uniqueIdNumber({ birth: '19900101' }), ethnicity: '汉族', education: '高中',
      town: '陕西省咸阳市渭城区新兴路街道', household: '咸阳市渭城区新兴路3号', current: '咸阳市渭城区文林路5号', mobile: nextMobile(),
      photo: photoName, medical: `${tag}体检.pdf`, edu: `${tag}学历.pdf`, ...overrides,
    };
    return [row.name, row.idNo, row.ethnicity, row.education, row.town, row.household, row.current, row.mobile, row.photo, row.medical, row.edu];
  }
  const columns = HEAD.map(() => ({ numFmt: '@' }));
  before(async () => {
    co = await activeCompany();
  });

  test('the template has the columns, its notes and an example row', async () => {
    const res = await download(co.client, '/portal/exam-registrations/import-template');
    const wb = await readXlsx(res.buf);
    const { header, rows } = sheetTable(wb.worksheets[0]);
    assert.deepEqual(header.slice(0, HEAD.length).map((h) => h.replace(/^\*/, '')), HEAD);
    assert.equal(rows.length, 1, 'one example row');
    assert.ok(wb.worksheets.some((w) => w.name === '填写说明'));
  });

  test('one bad row: nothing is registered, and the report names every bad row and column', async () => {
    const good = await personRow(uniqCjk(3));
    const missingPhoto = await personRow(uniqCjk(3), { photo: '没有上传.jpg' });
    const young = await personRow(uniqCjk(3), { idNo: validIdNumber('610404', birthForAge(17).replaceAll('-', ''), 455) });
    const badTown = await personRow(uniqCjk(3), { town: '陕西省咸阳市' });
    const dup = [...good];
    const xlsx = await exceljsXlsx([HEAD, good, missingPhoto, young, badTown, dup], { columns });
    const res = await co.client.request('POST', '/portal/exam-registrations/import', undefined, {
      raw: xlsx, headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, check: false,
    });
    assert.equal(res.status, 422, res.text);
    const byRow = {};
    for (const e of res.body.errors) (byRow[e.row] ??= []).push(e);
    assert.deepEqual(Object.keys(byRow).map(Number).sort(), [3, 4, 5, 6]);
    assert.equal(byRow[3][0].field, 'photo');
    assert.ok(byRow[3][0].message.includes('没有上传.jpg'));
    assert.equal(byRow[4][0].field, 'idNo');
    assert.ok(byRow[4][0].message.includes('18周岁'));
    assert.equal(byRow[5][0].field, 'householdRegion');
    assert.ok(byRow[6][0].message.includes('第2行重复'));
    const mine = expectStatus(await co.client.get('/portal/exam-registrations'), 200).body;
    assert.equal(mine.total, 0, 'nothing registered');
  });

  test('a good list registers everyone, each case at its 户籍地派出所', async () => {
    const rows = [await personRow(uniqCjk(3)), await personRow(uniqCjk(3), { town: '610402001000' })];
    const xlsx = await exceljsXlsx([HEAD, ...rows], { columns });
    const res = expectStatus(await co.client.request('POST', '/portal/exam-registrations/import', undefined, {
      raw: xlsx, headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    }), 200).body;
    assert.equal(res.imported, 2);
    assert.deepEqual(res.items.map((i) => i.row), [2, 3]);
    assert.equal(res.items[0].stationName, '渭城护城河派出所');
    assert.notEqual(res.items[1].stationName, '渭城护城河派出所');
    const mine = expectStatus(await co.client.get('/portal/exam-registrations'), 200).body;
    assert.equal(mine.total, 2);
    assert.ok(mine.items.every((i) => i.registeredByKind === 'company' && i.status === 'background_check'));
  });

  test('a person cannot import a list', async () => {
    const hc = await officer('hc_mj');
    expectError(await hc.request('POST', '/portal/exam-registrations/import', undefined, { raw: Buffer.from('x') }), 403, 'forbidden');
  });
});
