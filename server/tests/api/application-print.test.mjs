// 打印 of an application (manual §5.1.1, issue 11): the PDF holds the materials themselves after the
// approval log — the pages of an uploaded PDF as text and vectors, an uploaded PNG as an image, each
// page captioned with the material and the file — and a file the server cannot read (the suite's
// placeholder PDFs) prints as 文件无法预览 instead of failing the print. Read with poppler-utils.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { deflateSync } from 'node:zlib';
import { join } from 'node:path';
import {
  expectStatus,
  fullApplicationForm,
  login,
  png,
  serviceScopes,
  signUpApplicant,
} from './lib.mjs';

// A real PDF: one A4 page per line of text, in Helvetica (not embedded).
function textPdf(lines) {
  const objs = [];
  objs[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objs[2] = `<< /Type /Pages /Kids [${lines.map((_, i) => `${4 + 2 * i} 0 R`).join(' ')}] /Count ${lines.length} >>`;
  objs[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
  lines.forEach((line, i) => {
    const content = `BT /F1 20 Tf 72 700 Td (${line}) Tj ET`;
    objs[4 + 2 * i] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + 2 * i} 0 R >>`;
    objs[5 + 2 * i] = `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
  });
  let out = '%PDF-1.4\n';
  const offsets = [];
  for (let k = 1; k < objs.length; k++) {
    offsets[k] = out.length;
    out += `${k} 0 obj\n${objs[k]}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objs.length}\n0000000000 65535 f \n`;
  for (let k = 1; k < objs.length; k++) out += `${String(offsets[k]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function tool(cmd, args) {
  const r = spawnSync(cmd, args, { maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, `${cmd}: ${r.stderr}`);
  return r.stdout.toString('utf8');
}

async function uploadFile(client, name, bytes, contentType) {
  const res = await client.request('POST', '/files', undefined, {
    raw: bytes,
    headers: { 'X-File-Name': encodeURIComponent(name), 'Content-Type': contentType },
  });
  return expectStatus(res, 201, `POST /files ${name}`).body.id;
}

test('打印: a PDF material\'s pages and a PNG material are in the print, captioned; unreadable files say 文件无法预览', async () => {
  const { client, body } = await signUpApplicant();
  const form = await fullApplicationForm(client, body);
  form.serviceScope = (await serviceScopes()).slice(0, 2);
  form.businessLicenceFiles = [await uploadFile(client, '营业执照.pdf',
    textPdf(['BAOAN PRINT MATERIAL 4711 PAGE ONE', 'BAOAN PRINT MATERIAL 4711 PAGE TWO']), 'application/pdf')];
  // 160×100: a red field with a blue band, so that it shows in the rendered page
  const photo = png({ width: 160, height: 100, pixel: (x, y) => (y > 40 && y < 60 ? [30, 60, 200] : [220, 40, 40]) });
  form.facilityFiles = [await uploadFile(client, '场所照片.png', photo, 'image/png')];
  const app = expectStatus(await client.post('/portal/applications', { businessType: 'company_licence', form, submit: true }), 201).body;

  const jb = await login('xy_jb', 'Baoan@2026');
  const printed = expectStatus(await jb.get(`/applications/${app.id}/print`, { binary: true }), 200);
  assert.equal(printed.contentType, 'application/pdf');
  assert.equal(printed.buf.subarray(0, 5).toString('latin1'), '%PDF-');
  const dir = mkdtempSync(join(tmpdir(), 'baoan-print-'));
  const file = join(dir, 'print.pdf');
  writeFileSync(file, printed.buf);
  // BAOAN_PRINT_OUT=path keeps a copy to look at (pdftoppm -png)
  if (process.env.BAOAN_PRINT_OUT) copyFileSync(file, process.env.BAOAN_PRINT_OUT);

  const pages = Number(/^Pages:\s+(\d+)$/m.exec(tool('pdfinfo', [file]))[1]);
  const text = tool('pdftotext', ['-enc', 'UTF-8', file, '-']).split('\f').map((p) => p.replace(/\s+/g, ''));
  const flat = text.join('');
  // the PDF material: both pages, as text, each captioned
  for (const [n, word] of [[1, 'ONE'], [2, 'TWO']]) {
    const page = text.findIndex((p) => p.includes(`BAOANPRINTMATERIAL4711PAGE${word}`));
    assert.ok(page > 0, `page ${n} of the material in ${flat.slice(0, 600)}`);
    assert.ok(text[page].includes(`附件1营业执照:营业执照.pdf(第${n}/2页)`), text[page]);
  }
  // the list of materials says what is printed, and the four placeholder PDFs (no pages) print a line each
  assert.ok(flat.includes('营业执照.pdf附件1,共2页'), flat.slice(0, 1500));
  assert.ok(flat.includes('场所照片.png附件'), flat.slice(0, 1500));
  const unreadable = text.filter((p) => p.includes('文件无法预览(')).length;
  assert.ok(unreadable >= 4, `${unreadable} pages say 文件无法预览`);
  // the approval log is still there, before the attachments
  const firstAttachment = text.findIndex((p) => /^附件\d/.test(p));
  assert.ok(text.slice(0, firstAttachment).join('').includes('三、审批日志'));
  // pages: the application and its log, then 2 PDF pages, 1 image page and one page per unreadable file (4)
  assert.equal(pages, firstAttachment + 2 + 1 + 4, `pages ${pages}, attachments from page ${firstAttachment + 1}`);
  // the PNG as an image of its own size on the page captioned with it
  const images = tool('pdfimages', ['-list', file]).split('\n').slice(2).filter(Boolean).map((l) => l.trim().split(/\s+/));
  const imagePage = text.findIndex((p) => p.includes('场所和设施证明:场所照片.png')) + 1;
  assert.ok(images.some((c) => Number(c[0]) === imagePage && c[2] === 'image' && c[3] === '160' && c[4] === '100'),
    `pdfimages lists the 160×100 PNG on page ${imagePage}: ${JSON.stringify(images)}`);
  rmSync(dir, { recursive: true, force: true });
});

// A 2 KB PDF that declares a 30000×30000 image and draws it 20 times: poppler alone (pdftocairo)
// takes 5.5 GB and almost two minutes on it. The server's trial in a child process with limits
// refuses it; the print still answers, says 文件无法预览, and the server stays up.
function bombPdf() {
  const image = deflateSync(Buffer.alloc(1 << 20));
  const content = Buffer.from('q 500 0 0 700 50 50 cm /Im1 Do Q '.repeat(20), 'latin1');
  const parts = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>'),
    Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`), content, Buffer.from('\nendstream')]),
    Buffer.concat([Buffer.from(`<< /Length ${image.length} /Type /XObject /Subtype /Image /Width 30000 /Height 30000 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode >>\nstream\n`), image, Buffer.from('\nendstream')]),
  ];
  const chunks = [Buffer.from('%PDF-1.4\n')];
  let length = chunks[0].length;
  const offsets = [];
  parts.forEach((p, i) => {
    offsets.push(length);
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), p, Buffer.from('\nendobj\n')]);
    chunks.push(obj);
    length += obj.length;
  });
  let tail = `xref\n0 ${parts.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) tail += `${String(o).padStart(10, '0')} 00000 n \n`;
  tail += `trailer\n<< /Size ${parts.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  chunks.push(Buffer.from(tail));
  return Buffer.concat(chunks);
}

test('打印: a PDF that would take gigabytes to draw is refused by the trial and prints 文件无法预览; the server stays up', async () => {
  const { client, body } = await signUpApplicant();
  const form = await fullApplicationForm(client, body);
  form.serviceScope = (await serviceScopes()).slice(0, 2);
  form.businessLicenceFiles = [await uploadFile(client, '炸弹.pdf', bombPdf(), 'application/pdf')];
  const app = expectStatus(await client.post('/portal/applications', { businessType: 'company_licence', form, submit: true }), 201).body;
  const jb = await login('xy_jb', 'Baoan@2026');
  const started = Date.now();
  // The trial child is stopped after 15 s of CPU or 20 s by the clock: on a machine running other test
  // suites beside this one (CI runs three, each printing this bomb) the answer takes about that long.
  const printed = expectStatus(await jb.get(`/applications/${app.id}/print`, { binary: true, timeout: 120000 }), 200);
  assert.ok(Date.now() - started < 60000, `answered in ${Date.now() - started} ms`);
  const dir = mkdtempSync(join(tmpdir(), 'baoan-print-'));
  const file = join(dir, 'print.pdf');
  writeFileSync(file, printed.buf);
  const text = tool('pdftotext', ['-enc', 'UTF-8', file, '-']).replace(/\s+/g, '');
  assert.ok(text.includes('附件1营业执照:炸弹.pdf文件无法预览(文件已损坏,或内容过于复杂无法绘制)'), text.slice(-800));
  rmSync(dir, { recursive: true, force: true });
  expectStatus(await jb.get('/auth/me'), 200);
});
