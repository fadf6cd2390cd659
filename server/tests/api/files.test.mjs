// Uploaded files: PDF, JPEG and PNG up to 10 MB, the type decided by the bytes; kept on disk by
// SHA-256; readable by the uploader and, once a record uses the file (a guard's photo), by whoever may
// see that record; served inline for viewing or as an attachment, with the Chinese name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { login, expectStatus, activeCompany, validIdNumber, png } from './lib.mjs';

async function upload(client, body, name = '%E7%85%A7%E7%89%87.png', query = '') {
  return client.request('POST', `/files${query}`, undefined, { raw: body, headers: { 'X-File-Name': name, 'Content-Type': 'application/octet-stream' } });
}

test('files: a company uploads a photo, uses it for a guard; its supervisors can read it, others cannot', async () => {
  const admin = await login('admin', 'Admin@2026');
  const { client: company, rec: co } = await activeCompany({ regionCode: '610404' });
  const image = png();
  const up = await upload(company, image);
  expectStatus(up, 201);
  assert.equal(up.body.name, '照片.png');
  assert.equal(up.body.size, image.length);
  assert.match(up.body.sha256, /^[0-9a-f]{64}$/);
  assert.equal(up.headers.get('location'), `/api/v1/files/${up.body.id}`);

  const hired = await company.post('/portal/guards', {
    name: '照片测试', idNo: validIdNumber('610404', '19900101', 123), mobile: '13900001234', hiredOn: '2025-01-01',
    photoFileId: up.body.id,
  });
  expectStatus(hired, 201);
  assert.equal(hired.body.photoFileId, up.body.id);

  const mine = await company.request('GET', `/files/${up.body.id}`, undefined, { binary: true });
  expectStatus(mine, 200);
  assert.equal(mine.headers.get('content-type'), 'image/png');
  assert.ok(Buffer.from(mine.buf).equals(image));

  const asAdmin = await admin.request('GET', `/files/${up.body.id}`, undefined, { binary: true });
  expectStatus(asAdmin, 200);
  const qd = await login('qd_admin', 'Baoan@2026');
  expectStatus(await qd.get(`/files/${up.body.id}`), 404);  // 秦都 does not oversee a 渭城 company
  assert.ok(co.id > 0);
});

test('files: only PDF, JPEG and PNG by content, not empty, a name is required; a photo of someone else is refused', async () => {
  const admin = await login('admin', 'Admin@2026');
  const { client: company } = await activeCompany({ regionCode: '610404' });
  const text = await upload(company, Buffer.from('hello'), 'a.txt');
  expectStatus(text, 422);
  assert.match(text.body.error.message, /PDF|JPG|PNG/);
  // a program named .pdf is refused by its content, with a message that says so
  const exe = await upload(company, Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]), encodeURIComponent('营业执照.pdf'));
  expectStatus(exe, 422);
  assert.match(exe.body.error.message, /可执行程序/);
  assert.ok(exe.body.error.fields.file);
  expectStatus(await upload(company, Buffer.alloc(0)), 422);
  const noName = await company.request('POST', '/files', undefined, { raw: png(), headers: { 'Content-Type': 'application/octet-stream' } });
  expectStatus(noName, 422);
  assert.ok(noName.body.error.fields.name);

  const other = await upload(admin, png());
  expectStatus(other, 201);
  const hired = await company.post('/portal/guards', {
    name: '照片他人', idNo: validIdNumber('610404', '19910202', 125), mobile: '13900004321', hiredOn: '2025-01-01',
    photoFileId: other.body.id,
  });
  expectStatus(hired, 422);
  assert.ok(hired.body.error.fields.photoFileId);
  expectStatus(await company.get(`/files/${other.body.id}`), 404);
});

// A small but real PDF (one page, "%PDF-1.4 … %%EOF").
function pdf() {
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>'];
  let out = '%PDF-1.4\n';
  const offsets = [];
  objs.forEach((o, i) => { offsets.push(out.length); out += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

test('files: a PDF up to 10 MB is stored once by its SHA-256 and served inline (or as an attachment) with its Chinese name', async () => {
  const { client: company } = await activeCompany({ regionCode: '610404' });
  const name = '营业执照 副本.pdf';
  const body = Buffer.concat([pdf(), Buffer.alloc(9 * 1024 * 1024, 0x20)]);
  const up = expectStatus(await upload(company, body, encodeURIComponent(name)), 201);
  assert.equal(up.body.contentType, 'application/pdf');
  assert.equal(up.body.name, name);
  assert.equal(up.body.size, body.length);
  const view = expectStatus(await company.request('GET', `/files/${up.body.id}`, undefined, { binary: true }), 200);
  assert.equal(view.headers.get('content-type'), 'application/pdf');
  assert.equal(view.headers.get('content-disposition'), `inline; filename="file.pdf"; filename*=UTF-8''${encodeURIComponent(name).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`);
  assert.ok(view.buf.equals(body), 'the same bytes come back');
  const dl = expectStatus(await company.request('GET', `/files/${up.body.id}`, undefined, { binary: true, query: { download: 1 } }), 200);
  assert.match(dl.headers.get('content-disposition'), /^attachment; filename="file\.pdf"; filename\*=UTF-8''/);
  // the bytes are on disk under the data directory by their hash, once
  const { createHash } = await import('node:crypto');
  const sha = createHash('sha256').update(body).digest('hex');
  assert.equal(up.body.sha256, sha);
  const { existsSync, statSync } = await import('node:fs');
  const onDisk = `${process.env.BAOAN_DATA_DIR}/files/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`;
  assert.ok(existsSync(onDisk), onDisk);
  assert.equal(statSync(onDisk).size, body.length);
  const again = expectStatus(await upload(company, body, 'copy.pdf'), 201);
  assert.notEqual(again.body.id, up.body.id);
  assert.equal(again.body.sha256, sha);
  // over 10 MB → 413
  const big = await upload(company, Buffer.concat([pdf(), Buffer.alloc(10 * 1024 * 1024, 0x20)]), 'big.pdf');
  expectStatus(big, 413);
  // a PDF cannot be a guard's photo
  const hired = await company.post('/portal/guards', {
    name: '照片类型', idNo: validIdNumber('610404', '19920303', 127), mobile: '13900005678', hiredOn: '2025-01-01',
    photoFileId: up.body.id,
  });
  expectStatus(hired, 422);
  assert.match(hired.body.error.fields.photoFileId, /JPG|PNG/);
});

test("files: a file another record uses cannot be taken over; a file nobody uses yet is only its uploader's", async () => {
  const { client: a } = await activeCompany({ regionCode: '610404' });
  const { client: b } = await activeCompany({ regionCode: '610404' });
  const up = expectStatus(await upload(a, png()), 201);
  expectStatus(await b.get(`/files/${up.body.id}`), 404);
  const admin = await login('admin', 'Admin@2026');
  expectStatus(await admin.get(`/files/${up.body.id}`), 404, 'not yet used by any record: only the uploader');
  const g = expectStatus(await a.post('/portal/guards', {
    name: '照片归属', idNo: validIdNumber('610404', '19930404', 129), mobile: '13900009876', hiredOn: '2025-01-01', photoFileId: up.body.id,
  }), 201).body;
  expectStatus(await admin.get(`/files/${up.body.id}`), 200, 'the guard is in the admin\'s scope');
  const taken = await b.post('/portal/guards', {
    name: '照片他用', idNo: validIdNumber('610404', '19940505', 131), mobile: '13900008765', hiredOn: '2025-01-01', photoFileId: up.body.id,
  });
  expectStatus(taken, 422);
  expectStatus(await b.get(`/files/${up.body.id}`), 404);
  // editing the guard with its own photo keeps it
  expectStatus(await a.put(`/portal/guards/${g.id}`, { name: '照片归属', mobile: '13900009876', photoFileId: up.body.id }), 200);
});

test('files: a photo field uploads with ?accept=image, which refuses a PDF or a fake picture at once and names the rule', async () => {
  const { client: company } = await activeCompany({ regionCode: '610404' });
  const pdf = await upload(company, Buffer.from('%PDF-1.4\n%fake but a pdf by its magic\n'), encodeURIComponent('证件照.pdf'), '?accept=image');
  expectStatus(pdf, 422);
  assert.match(pdf.body.error.message, /只支持 JPG 或 PNG 格式的图片/);
  assert.ok(pdf.body.error.fields.file);
  const fake = await upload(company, Buffer.from('GIF89a not a png'), encodeURIComponent('假照片.png'), '?accept=image');
  expectStatus(fake, 422);
  assert.match(fake.body.error.message, /只支持 JPG 或 PNG 格式的图片.*假照片\.png/);
  expectStatus(await upload(company, png(), undefined, '?accept=image'), 201);
  // the same PDF without ?accept is a valid material
  expectStatus(await upload(company, Buffer.from('%PDF-1.4\n%fake but a pdf by its magic\n'), 'a.pdf'), 201);
  const bad = await upload(company, png(), undefined, '?accept=video');
  expectStatus(bad, 422);
  assert.ok(bad.body.error.fields.accept);
});
