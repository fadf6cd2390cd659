// Uploaded files (a guard's photo): images only, 2 MiB, readable by the uploader and by officers whose
// scope covers the uploader's org; the portal's guard form takes the photo by id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { login, expectStatus, activeCompany, validIdNumber } from './lib.mjs';

// A tiny valid PNG (4×4, white), made here so the test needs no fixture.
function png() {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.from([0, 0, 0, 4, 0, 0, 0, 4, 8, 2, 0, 0, 0]);
  const raw = Buffer.concat(Array.from({ length: 4 }, () => Buffer.from([0, ...Array(12).fill(255)])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

async function upload(client, body, name = '%E7%85%A7%E7%89%87.png') {
  return client.request('POST', '/files', undefined, { raw: body, headers: { 'X-File-Name': name, 'Content-Type': 'application/octet-stream' } });
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

test('files: only JPEG/PNG, not empty, a name is required; a photo of someone else is refused', async () => {
  const admin = await login('admin', 'Admin@2026');
  const { client: company } = await activeCompany({ regionCode: '610404' });
  const text = await upload(company, Buffer.from('hello'), 'a.txt');
  expectStatus(text, 422);
  assert.match(text.body.error.message, /JPG|PNG/);
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
