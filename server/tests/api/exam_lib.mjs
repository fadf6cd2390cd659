// What the exam tests share (issue 13): photos that pass or fail the upload check, a registration form
// filled the way a person fills it, and newCandidate(): a registration driven by the demo officers of
// 渭城 (护城河派出所 孙立新 hc_mj → 所长 马文博 hc_sz → 渭城分局 周海涛 wc_jb with the 背景审查) to 待缴费.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HERE, expectStatus, login, nextMobile, uniqCjk, uniqueIdNumber, uploadMaterial } from './lib.mjs';

export const OFFICER_PASSWORD = 'Baoan@2026';
export const PHOTO_DIR = join(HERE, '..', 'fixtures', 'photos');
export const photoBytes = (name = 'portrait.jpg') => readFileSync(join(PHOTO_DIR, name));
// 渭城区 新兴路街道: the town of 渭城护城河派出所 (hc_mj, hc_sz).
export const HC_TOWN = '610404003000';

const officers = new Map();
// A demo officer's session (kept for the file's tests).
export async function officer(account) {
  if (!officers.has(account)) officers.set(account, await login(account, OFFICER_PASSWORD));
  return officers.get(account);
}

// POST /files?accept=id_photo: the raw response (201 with the file, or 422 naming the failed rule).
export function postPhoto(client, name = 'portrait.jpg') {
  return client.request('POST', '/files', undefined, {
    query: { accept: 'id_photo' },
    raw: photoBytes(name),
    headers: { 'X-File-Name': encodeURIComponent(name), 'Content-Type': 'image/jpeg' },
  });
}

export async function uploadPhoto(client, name = 'portrait.jpg') {
  return expectStatus(await postPhoto(client, name), 201, `POST /files?accept=id_photo ${name}`).body.id;
}

// The registration form of GET /business-types/exam_registration/form, filled for an adult.
export async function examForm(client, overrides = {}) {
  return {
    name: `王${uniqCjk(2)}`,
    idNo: uniqueIdNumber({ birth: '19920315' }),
    ethnicity: '汉族',
    education: 'senior',
    householdRegion: HC_TOWN,
    householdAddress: '咸阳市渭城区新兴路12号',
    currentAddress: '咸阳市渭城区文林路8号',
    mobile: nextMobile(),
    photo: [await uploadPhoto(client)],
    medicalFiles: [await uploadMaterial(client, '体检证明.pdf')],
    educationFiles: [await uploadMaterial(client, '学历证明.pdf')],
    ...overrides,
  };
}

export function postRegistration(client, form) {
  return client.post('/exam-registrations', { form, submit: true });
}

// One case action as the demo officer (POST /applications/{id}/<verb>).
export async function act(account, caseId, verb, body = {}) {
  return expectStatus(await (await officer(account)).post(`/applications/${caseId}/${verb}`, body), 200, `${verb} by ${account}`).body;
}

// The station's two checks and the county's 背景审查 (all four databases), each 同意.
export async function throughChecks(caseId, { station = 'hc_mj', chief = 'hc_sz', county = 'wc_jb' } = {}) {
  await act(station, caseId, 'accept', { opinion: '户籍核实无误' });
  await act(station, caseId, 'approve', { opinion: '核查属实' });
  await act(chief, caseId, 'approve', { opinion: '同意' });
  expectStatus(await (await officer(county)).post(`/applications/${caseId}/background-checks`, {}), 200, 'background checks');
  await act(county, caseId, 'approve', { opinion: '背景审查通过' });
}

// A registration made at the 护城河 window by hc_mj and driven to 待缴费 (pending_payment).
export async function newCandidate(overrides = {}) {
  const hc = await officer('hc_mj');
  const form = await examForm(hc, overrides);
  const created = expectStatus(await postRegistration(hc, form), 201, 'POST /exam-registrations').body;
  await throughChecks(created.applicationId);
  const registration = expectStatus(await (await officer('wc_jb')).get(`/exam-registrations/${created.id}`), 200).body;
  return { ...created, registration, form };
}
