// The spreadsheets as a real spreadsheet program reads and writes them: LibreOffice Calc (`soffice
// --headless`, package libreoffice-calc-nogui, installed by scripts/install-deps.sh --test) stands in
// for Excel and WPS. Every export and the import template are opened by Calc and converted to flat
// ODS, whose cells carry the type Calc gave them (string / float / date); Calc's reading must equal
// exceljs's reading cell by cell, hold as many rows as the list's total, keep ID numbers as 18-character
// text and dates as dates, and mask personal data without <module>:pii. Files that Calc saved — the
// template filled in, the template with the ID column as numbers, an exported roster re-saved — are
// imported back.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  activeCompany,
  admin,
  download,
  excel,
  expectStatus,
  idCheckChar,
  importGuards,
  MASKED_ID,
  MASKED_MOBILE,
  nextMobile,
  readXlsx,
  sheetTable,
  uniqCjk,
  uniqueIdNumber,
  userWithPermissions,
} from './lib.mjs';

const WORK = mkdtempSync(join(tmpdir(), 'baoan-calc-'));
const PROFILE = join(WORK, 'profile'); // a private Calc profile: no clash with a Calc already running

// ---------------------------------------------------------------------------------------------------
// soffice. It exits 0 even when it could not load a file, so every expected output is checked.
function soffice(args, timeoutMs = 180000) {
  return new Promise((resolve, reject) => {
    const child = spawn('soffice', [`-env:UserInstallation=file://${PROFILE}`, '--headless', '--norestore', ...args], {
      detached: true, // its own process group: a hung soffice.bin is killed with it
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      const hint = 'LibreOffice Calc is a test dependency: scripts/install-deps.sh --test installs libreoffice-calc-nogui';
      reject(new Error(e.code === 'ENOENT' ? `soffice not found. ${hint}` : `soffice: ${e.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`soffice ${args.join(' ')} exited ${code ?? signal}: ${out}`));
    });
  });
}

// Converts files (one call, one output format) into outDir; returns the output paths in input order.
async function convert(files, format, outDir) {
  mkdirSync(outDir, { recursive: true });
  const out = await soffice(['--convert-to', format, '--outdir', outDir, ...files]);
  const ext = format.split(':')[0];
  return files.map((f) => {
    const p = join(outDir, `${basename(f).replace(/\.[^.]+$/, '')}.${ext}`);
    assert.ok(existsSync(p), `Calc did not convert ${basename(f)} to ${ext}:\n${out}`);
    return p;
  });
}

// ---------------------------------------------------------------------------------------------------
// Flat ODS (.fods) as Calc writes it → {sheets: [{name, columnStyles, rows}], kindOf(cellStyle)}.
// rows: arrays of cells {type: 'string'|'float'|'date'|… or null (empty), value, text}; repeated rows
// and cells expanded, trailing empty ones dropped. columnStyles: each column's default cell style;
// kindOf: the kind of number format of a cell style ('text', 'date', 'number', … or null).
const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unxml = (s) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e) =>
    e[0] !== '#' ? (ENTITIES[e] ?? m) : String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );
function attrsOf(s) {
  const o = {};
  for (const m of s.matchAll(/([\w:.-]+)="([^"]*)"/g)) o[m[1]] = unxml(m[2]);
  return o;
}
const EMPTY = Object.freeze({ type: null, value: null, text: '' });
const isEmpty = (c) => c.type === null && c.text === '';

function readFods(xml) {
  const dataStyles = new Map();
  for (const m of xml.matchAll(/<number:([\w-]+)-style\s+style:name="([^"]+)"/g)) dataStyles.set(m[2], m[1]);
  const cellStyles = new Map();
  for (const m of xml.matchAll(/<style:style\s([^>]*)>/g)) {
    const a = attrsOf(m[1]);
    if (a['style:family'] === 'table-cell') cellStyles.set(a['style:name'], dataStyles.get(a['style:data-style-name']) ?? null);
  }
  const sheets = [];
  let sheet = null;
  let row = null;
  let rowRepeat = 1;
  let emptyRows = 0;
  let cell = null;
  let cellRepeat = 1;
  let inText = 0;
  const pushCells = (c, n) => {
    for (let i = 0; i < n && row.length < 1024; i++) row.push(c);
  };
  for (const m of xml.matchAll(/<(\/?)([\w:.-]+)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g)) {
    const [, close, name, attrText, selfClose, text] = m;
    if (text !== undefined) {
      if (cell && inText) cell.text += unxml(text);
      continue;
    }
    const a = close ? {} : attrsOf(attrText ?? '');
    if (name === 'table:table') {
      if (close) sheets.push(sheet);
      else sheet = { name: a['table:name'], columnStyles: [], rows: [] };
      emptyRows = 0;
    } else if (name === 'table:table-column' && !close) {
      const n = Number(a['table:number-columns-repeated'] ?? 1);
      for (let i = 0; i < n && sheet.columnStyles.length < 1024; i++) sheet.columnStyles.push(a['table:default-cell-style-name'] ?? null);
    } else if (name === 'table:table-row') {
      if (!close) {
        row = [];
        rowRepeat = Number(a['table:number-rows-repeated'] ?? 1);
      }
      if (close || selfClose) {
        while (row.length && isEmpty(row[row.length - 1])) row.pop();
        if (row.length === 0) emptyRows += rowRepeat;
        else {
          for (; emptyRows > 0; emptyRows--) sheet.rows.push([]);
          for (let i = 0; i < rowRepeat; i++) sheet.rows.push(row);
        }
        row = null;
      }
    } else if (name === 'table:table-cell' || name === 'table:covered-table-cell') {
      if (!close) {
        cell = {
          type: a['office:value-type'] ?? null,
          value: a['office:date-value'] ?? a['office:value'] ?? a['office:boolean-value'] ?? a['office:time-value'] ?? null,
          text: '',
          style: a['table:style-name'] ?? null,
        };
        cellRepeat = Number(a['table:number-columns-repeated'] ?? 1);
      }
      if (close || selfClose) {
        pushCells(isEmpty(cell) ? EMPTY : cell, cellRepeat);
        cell = null;
      }
    } else if (cell && name === 'text:p') {
      if (!close) {
        if (cell.text !== '') cell.text += '\n';
        inText += selfClose ? 0 : 1;
      } else inText -= 1;
    } else if (cell && inText && !close) {
      if (name === 'text:s') cell.text += ' '.repeat(Number(a['text:c'] ?? 1));
      else if (name === 'text:tab') cell.text += '\t';
      else if (name === 'text:line-break') cell.text += '\n';
    }
  }
  return { sheets, kindOf: (style) => (style ? (cellStyles.get(style) ?? null) : null) };
}

const cellAt = (r, i) => r[i] ?? EMPTY;
const norm = (s) => String(s ?? '').replace(/\s/g, '').replace(/^\*+/, '');
function colOf(header, label) {
  const i = header.findIndex((h) => norm(h) === label);
  assert.ok(i >= 0, `Calc finds no column 「${label}」 in ${JSON.stringify(header)}`);
  return i;
}

// Calc's reading of a sheet equals exceljs's reading of the server's file: the same header, the same
// rows, and each cell the same value of the same kind (text ↔ string, number ↔ float, date ↔ date).
async function assertSameAsExceljs(buf, calcSheet, what) {
  const { ValueType: VT } = await excel();
  const wb = await readXlsx(buf);
  const ws = wb.worksheets.find((w) => w.name === calcSheet.name);
  assert.ok(ws, `${what}: exceljs finds the sheet 「${calcSheet.name}」`);
  const t = sheetTable(ws);
  const [calcHeader, ...rest] = calcSheet.rows;
  const calcRows = rest.filter((r) => r.length > 0); // sheetTable() leaves out empty rows too
  assert.ok(calcHeader.length <= t.header.length, `${what}: Calc sees no more columns than exceljs`);
  assert.deepEqual(t.header.map((_, i) => cellAt(calcHeader, i).text), t.header, `${what}: the header row as Calc shows it`);
  assert.equal(calcRows.length, t.rows.length, `${what}: Calc reads as many rows as exceljs`);
  t.rows.forEach((cells, r) =>
    cells.forEach((x, i) => {
      const lo = cellAt(calcRows[r], i);
      const where = `${what}, row ${r + 2}, 「${t.header[i]}」`;
      if (x.value === null || x.value === undefined || x.value === '') {
        assert.ok(isEmpty(lo), `${where}: empty, but Calc has ${JSON.stringify(lo)}`);
      } else if (x.type === VT.String || x.type === VT.RichText) {
        assert.equal(lo.type, 'string', `${where}: a text cell for Calc (${lo.text})`);
        assert.equal(lo.text, x.text, where);
      } else if (x.type === VT.Number) {
        assert.equal(lo.type, 'float', `${where}: a number for Calc (${lo.text})`);
        assert.ok(Math.abs(Number(lo.value) - x.value) < 1e-9, `${where}: ${lo.value} ≠ ${x.value}`);
      } else if (x.type === VT.Date) {
        assert.equal(lo.type, 'date', `${where}: a date for Calc (${lo.text})`);
        // Calc: local wall time without a zone; exceljs: the same wall time as UTC.
        const ms = Date.parse(`${lo.value.length === 10 ? `${lo.value}T00:00:00` : lo.value}Z`);
        assert.ok(Math.abs(ms - x.value.getTime()) < 1000, `${where}: ${lo.value} ≠ ${x.value.toISOString()}`);
      } else assert.fail(`${where}: an exceljs cell of type ${x.type}`);
    }),
  );
}

// ---------------------------------------------------------------------------------------------------
// The police exports. idKey: the JSON key of the export's first ID column (for the order check).
const EXPORTS = {
  associations: 'presidentIdNo',
  companies: 'legalIdNo',
  'inhouse-units': 'legalIdNo',
  'training-units': 'principalIdNo',
  guards: 'idNo',
  'good-deeds': 'idNo',
};
const MODULES = ['association', 'company', 'inhouse_unit', 'training_unit', 'guard', 'good_deed'];
const ID_HEADER = /身份证/;
const MOBILE_HEADER = /手机/;
const DATE_HEADER = /日期$|登记时间/;

const got = {}; // name → {buf (the server's file), client (who downloaded it), fods, calc (readFods of it)}
let co; // a company of this file (activeCompany)

// The template's rows, by the template's column names; dates 'YYYY-MM-DD'.
const FIELDS = {
  姓名: 'name',
  身份证号: 'idNo',
  手机号: 'mobile',
  入职日期: 'hiredOn',
  民族: 'ethnicity',
  学历: 'educationName',
  户籍地址: 'householdAddress',
  现住址: 'currentAddress',
  保安员证编号: 'certificateNo',
  发证日期: 'certificateDate',
};
const DATE_FIELDS = new Set(['hiredOn', 'certificateDate']);
const EDUCATIONS = { 初中: 'junior', 高中: 'senior', 中专: 'secondary_vocational', 大专: 'college', 本科: 'bachelor' };
function guardRow(i, { endsInX = false, noX = false } = {}) {
  let idNo;
  do idNo = uniqueIdNumber();
  while ((endsInX && idNo[17] !== 'X') || (noX && idNo[17] === 'X'));
  return {
    name: `${uniqCjk(2)}${uniqCjk(1)}`,
    idNo,
    mobile: nextMobile(),
    hiredOn: `2025-0${1 + (i % 9)}-1${i % 10}`,
    ethnicity: i % 2 ? '回族' : '汉族',
    educationName: Object.keys(EDUCATIONS)[i % 5],
    householdAddress: '陕西省咸阳市渭城区某村2组',
    currentAddress: i % 3 ? '咸阳市渭城区文汇路2号' : null,
    certificateNo: i % 2 ? `6100${String(1e9 + i)}` : null,
    certificateDate: i % 2 ? '2025-05-20' : null,
  };
}

// The template as Calc read it (.fods) with `rows` typed in below the example row. A cell without a
// style takes its column's default style, as typing into the template does: text where the template
// set text, yyyy-mm-dd where it set dates. opts.cnDates: the date cells of odd rows styled
// 2025年3月1日; opts.numericId: the ID cells are numbers, in a General-formatted cell.
function fillTemplate(fods, rows, { cnDates = false, numericId = false } = {}) {
  const { sheets } = readFods(fods);
  const header = sheets[0].rows[0].map((c) => norm(c.text));
  const styles =
    '<number:date-style style:name="Nbaoancn"><number:year number:style="long"/><number:text>年</number:text><number:month/>' +
    '<number:text>月</number:text><number:day/><number:text>日</number:text></number:date-style>' +
    '<style:style style:name="cebaoancn" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="Nbaoancn"/>' +
    '<style:style style:name="cebaoangen" style:family="table-cell" style:parent-style-name="Default"/>';
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const xml = rows
    .map((g, r) => {
      const cells = header.map((h) => {
        const key = FIELDS[h];
        const v = key ? g[key] : null;
        if (v === null || v === undefined) return '<table:table-cell/>';
        if (DATE_FIELDS.has(key)) {
          const style = cnDates && r % 2 ? ' table:style-name="cebaoancn"' : '';
          return `<table:table-cell${style} office:value-type="date" office:date-value="${v}"><text:p>${v}</text:p></table:table-cell>`;
        }
        if (numericId && key === 'idNo')
          return `<table:table-cell table:style-name="cebaoangen" office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`;
        return `<table:table-cell office:value-type="string"><text:p>${esc(v)}</text:p></table:table-cell>`;
      });
      return `<table:table-row>${cells.join('')}</table:table-row>`;
    })
    .join('');
  let s = fods.replace('</office:automatic-styles>', `${styles}</office:automatic-styles>`);
  assert.notEqual(s, fods, 'the template has automatic styles');
  // After the header and the example row of the first sheet; the empty rows below lose as many.
  const start = s.indexOf('<table:table ');
  let at = start;
  for (let i = 0; i < 2; i++) at = s.indexOf('</table:table-row>', at) + '</table:table-row>'.length;
  assert.ok(at > start + 20, 'the template has a header and an example row');
  const next = /^\s*<table:table-row[^>]*table:number-rows-repeated="(\d+)"/.exec(s.slice(at));
  if (next && Number(next[1]) > rows.length) {
    const fixed = next[0].replace(`"${next[1]}"`, `"${Number(next[1]) - rows.length}"`);
    s = s.slice(0, at) + xml + fixed + s.slice(at + next[0].length);
  } else s = s.slice(0, at) + xml + s.slice(at);
  return s;
}

// The company's guards hired through the API before the roster is exported.
const rosterGuards = [guardRow(10), guardRow(11), guardRow(12), guardRow(13, { endsInX: true })];
const rosterIds = new Map(); // idNo → guard id

async function portalTotal(c, query = {}) {
  return expectStatus(await c.get('/portal/guards', { query: { ...query, size: 1 } }), 200).body.total;
}

async function expectGuard(c, g, what) {
  const x = expectStatus(await c.get('/portal/guards', { query: { idNo: g.idNo } }), 200).body.items[0];
  assert.ok(x, `${what}: ${g.name} (${g.idNo}) imported`);
  for (const k of Object.values(FIELDS)) assert.equal(x[k] ?? null, g[k] ?? null, `${what}: ${g.name} ${k}`);
  assert.equal(x.employed, true, `${what}: ${g.name} employed`);
  return x;
}

// ---------------------------------------------------------------------------------------------------
before(async () => {
  const a = await admin();
  const view = MODULES.map((m) => `${m}:view`);
  const exp = MODULES.map((m) => `${m}:export`);
  const masked = (await userWithPermissions([...view, ...exp], { orgName: '陕西省公安厅' })).client;
  co = await activeCompany();
  for (const g of rosterGuards) {
    const body = { ...g, education: EDUCATIONS[g.educationName] };
    delete body.educationName;
    rosterIds.set(g.idNo, expectStatus(await co.client.post('/portal/guards', body), 201, `hire ${g.name}`).body.id);
  }
  const files = [];
  const fetchFile = async (name, client, path) => {
    const d = expectStatus(await download(client, path), 200, `GET ${path}`);
    const file = join(WORK, 'server', `${name}.xlsx`);
    mkdirSync(join(WORK, 'server'), { recursive: true });
    writeFileSync(file, d.buf);
    files.push(file);
    got[name] = { buf: d.buf, client };
  };
  for (const res of Object.keys(EXPORTS)) {
    await fetchFile(`full-${res}`, a, `/${res}/export`);
    await fetchFile(`masked-${res}`, masked, `/${res}/export`);
  }
  await fetchFile('template', co.client, '/portal/guards/import-template');
  await fetchFile('roster', co.client, '/portal/guards/export');
  const t0 = Date.now();
  const out = await convert(files, 'fods', join(WORK, 'calc'));
  console.log(`Calc opened ${files.length} files in ${Date.now() - t0} ms`);
  out.forEach((p, i) => {
    const name = basename(files[i], '.xlsx');
    got[name].fods = readFileSync(p, 'utf8');
    got[name].calc = readFods(got[name].fods);
  });
});

after(() => rmSync(WORK, { recursive: true, force: true }));

describe('the exports opened in LibreOffice Calc', () => {
  for (const [res, idKey] of Object.entries(EXPORTS)) {
    test(`${res}: Calc reads what exceljs reads, as many rows as the list's total, IDs as 18-character text, dates as dates`, async () => {
      const f = got[`full-${res}`];
      const sheet = f.calc.sheets[0];
      await assertSameAsExceljs(f.buf, sheet, `${res} (full)`);
      const header = sheet.rows[0].map((c) => c.text);
      const rows = sheet.rows.slice(1);
      const list = expectStatus(await f.client.get(`/${res}`, { query: { size: 200 } }), 200).body;
      assert.equal(rows.length, list.total, `${res}: data rows = the list's total`);
      assert.ok(rows.length > 0, `${res}: the demo data has rows`);

      const idCols = header.map((h, i) => (ID_HEADER.test(h) ? i : -1)).filter((i) => i >= 0);
      const mobileCols = header.map((h, i) => (MOBILE_HEADER.test(h) ? i : -1)).filter((i) => i >= 0);
      const dateCols = header.map((h, i) => (DATE_HEADER.test(h) ? i : -1)).filter((i) => i >= 0);
      assert.ok(idCols.length > 0, `${res}: an ID number column in ${JSON.stringify(header)}`);
      for (const r of rows) {
        for (const i of idCols) {
          const c = cellAt(r, i);
          if (isEmpty(c)) continue;
          assert.equal(c.type, 'string', `${res} 「${header[i]}」: text, not ${c.type} (${c.text})`);
          assert.match(c.text, /^\d{17}[\dX]$/, `${res} 「${header[i]}」: all 18 characters`);
          assert.equal(c.text[17], idCheckChar(c.text), `${res} 「${header[i]}」 ${c.text}: the check character survived`);
        }
        for (const i of mobileCols) {
          const c = cellAt(r, i);
          if (!isEmpty(c)) assert.match(c.text, /^1\d{10}$/, `${res} 「${header[i]}」: text of 11 digits (${c.type})`);
          if (!isEmpty(c)) assert.equal(c.type, 'string', `${res} 「${header[i]}」: text`);
        }
        for (const i of dateCols) {
          const c = cellAt(r, i);
          if (!isEmpty(c)) assert.equal(c.type, 'date', `${res} 「${header[i]}」: a date, not ${c.type} (${c.text})`);
        }
      }
      if (dateCols.length) assert.ok(rows.some((r) => dateCols.some((i) => cellAt(r, i).type === 'date')), `${res}: some dates`);
      // The rows are the list's, in its order: the first ID column against the list's first page.
      list.items.forEach((item, n) => assert.equal(cellAt(rows[n], idCols[0]).text, item[idKey] ?? '', `${res} row ${n + 2}`));
    });

    test(`${res}: without pii Calc shows every ID number and mobile masked, still as text`, async () => {
      const f = got[`masked-${res}`];
      const sheet = f.calc.sheets[0];
      await assertSameAsExceljs(f.buf, sheet, `${res} (masked)`);
      const header = sheet.rows[0].map((c) => c.text);
      const rows = sheet.rows.slice(1);
      const total = expectStatus(await f.client.get(`/${res}`, { query: { size: 1 } }), 200).body.total;
      assert.equal(rows.length, total, `${res}: data rows = the list's total`);
      let seen = 0;
      header.forEach((h, i) => {
        const pattern = ID_HEADER.test(h) ? MASKED_ID : MOBILE_HEADER.test(h) ? MASKED_MOBILE : null;
        if (!pattern) return;
        for (const r of rows) {
          const c = cellAt(r, i);
          if (isEmpty(c)) continue;
          seen += 1;
          assert.equal(c.type, 'string', `${res} 「${h}」: text`);
          assert.match(c.text, pattern, `${res} 「${h}」 masked`);
        }
      });
      assert.ok(seen > 0, `${res}: masked cells seen`);
    });
  }
});

describe('the import template in LibreOffice Calc', () => {
  test('two sheets; the header with * on the required columns; ID and mobile columns formatted as text, dates as dates', async () => {
    const f = got.template;
    const [input, help] = f.calc.sheets;
    assert.equal(input.name, '保安员导入');
    assert.equal(help?.name, '填写说明');
    await assertSameAsExceljs(f.buf, input, 'template');
    await assertSameAsExceljs(f.buf, help, 'template 填写说明');
    const header = input.rows[0].map((c) => c.text);
    for (const h of ['姓名', '身份证号', '手机号', '入职日期']) assert.ok(header.includes(`*${h}`), `「*${h}」 in ${JSON.stringify(header)}`);
    for (const h of ['民族', '学历', '户籍地址', '现住址', '保安员证编号', '发证日期']) colOf(header, h);
    // What a user types below the example row takes the column's format.
    for (const h of ['姓名', '身份证号', '手机号', '保安员证编号'])
      assert.equal(f.calc.kindOf(input.columnStyles[colOf(header, h)]), 'text', `「${h}」 is a text column for Calc`);
    for (const h of ['入职日期', '发证日期'])
      assert.equal(f.calc.kindOf(input.columnStyles[colOf(header, h)]), 'date', `「${h}」 is a date column for Calc`);
    const example = input.rows[1];
    assert.equal(cellAt(example, colOf(header, '身份证号')).type, 'string', 'the example ID is text');
    assert.equal(cellAt(example, colOf(header, '入职日期')).type, 'date', 'the example 入职日期 is a date');
    assert.ok(help.rows.some((r) => r.some((c) => /文本/.test(c.text))), '填写说明 asks for text cells');
  });
});

describe('files saved by LibreOffice Calc, imported', () => {
  const good = [guardRow(0, { endsInX: true }), ...[1, 2, 3, 4, 5].map((i) => guardRow(i))];
  let filled;
  let numeric;
  let resavedRoster;
  const numericRows = [guardRow(6, { noX: true }), guardRow(7, { noX: true }), guardRow(8, { noX: true })];

  before(async () => {
    const dir = join(WORK, 'typed');
    mkdirSync(dir, { recursive: true });
    const inputs = [join(dir, 'filled.fods'), join(dir, 'numeric.fods')];
    writeFileSync(inputs[0], fillTemplate(got.template.fods, good, { cnDates: true }));
    writeFileSync(inputs[1], fillTemplate(got.template.fods, numericRows, { numericId: true }));
    inputs.push(join(WORK, 'server', 'roster.xlsx'));
    [filled, numeric, resavedRoster] = (await convert(inputs, 'xlsx', join(WORK, 'saved'))).map((p) => readFileSync(p));
    // They hold what the tests say: text IDs, dates (some 年月日) — or number IDs.
    const { ValueType: VT } = await excel();
    const table = async (buf) => {
      const t = sheetTable((await readXlsx(buf)).worksheets[0]);
      return { t, id: colOf(t.header, '身份证号'), hired: colOf(t.header, '入职日期') };
    };
    const f = await table(filled);
    assert.equal(f.t.rows.length, 1 + good.length, 'the example row and the typed rows');
    f.t.rows.slice(1).forEach((r, i) => {
      assert.equal(r[f.id].type, VT.String, `Calc saved ID ${good[i].idNo} as text`);
      assert.equal(r[f.hired].type, VT.Date, 'Calc saved 入职日期 as a date');
      if (i % 2) assert.match(r[f.hired].numFmt ?? '', /年/, 'a date shown as 年月日');
    });
    const n = await table(numeric);
    for (const r of n.t.rows.slice(1)) assert.equal(r[n.id].type, VT.Number, 'Calc saved the ID as a number');
  });

  test('the template filled in and saved by Calc (IDs as text, one ending in X; dates yyyy-mm-dd and 年月日) → 200, every guard as typed', async () => {
    const count = await portalTotal(co.client);
    const r = await importGuards(co.client, filled);
    expectStatus(r, 200, 'import of the Calc file');
    assert.deepEqual(r.body, { ...r.body, imported: good.length, errors: [] }, JSON.stringify(r.body).slice(0, 800));
    assert.equal(await portalTotal(co.client), count + good.length, 'the example row is not imported');
    for (const g of good) await expectGuard(co.client, g, 'Calc file');
  });

  test('the ID column as numbers in a Calc file → 422 on each such row asking for a text column, nothing written', async () => {
    const count = await portalTotal(co.client);
    const r = await importGuards(co.client, numeric);
    expectStatus(r, 422, 'import of a Calc file with numeric IDs');
    assert.equal(r.body.imported, 0);
    assert.deepEqual(
      r.body.errors.map((e) => [e.row, e.field]),
      numericRows.map((_, i) => [i + 3, 'idNo']),
      `one error per numeric ID (rows 3…): ${JSON.stringify(r.body.errors)}`,
    );
    for (const e of r.body.errors) {
      assert.match(e.message, /身份证号/, e.message);
      assert.match(e.message, /文本/, `asks to format the column as text: ${e.message}`);
    }
    assert.equal(await portalTotal(co.client), count, 'nothing written');
    for (const g of numericRows) assert.equal(await portalTotal(co.client, { idNo: g.idNo }), 0, `${g.idNo} not imported`);
  });

  test('the roster exported, opened in Calc: the guards in full, IDs as text, dates as dates', async () => {
    const f = got.roster;
    const sheet = f.calc.sheets[0];
    await assertSameAsExceljs(f.buf, sheet, 'roster');
    const header = sheet.rows[0].map((c) => c.text);
    const rows = sheet.rows.slice(1);
    assert.equal(rows.length, rosterGuards.length, 'roster rows = the guards of the company then');
    const idCol = colOf(header, '身份证号');
    const hiredCol = colOf(header, '入职日期');
    assert.deepEqual(rows.map((r) => cellAt(r, idCol).text).sort(), rosterGuards.map((g) => g.idNo).sort(), 'the IDs in full');
    for (const r of rows) {
      assert.equal(cellAt(r, idCol).type, 'string', 'ID as text');
      assert.equal(cellAt(r, hiredCol).type, 'date', '入职日期 as a date');
    }
  });

  test('the roster re-saved by Calc: after all leave, the Calc file hires the same guards again', async () => {
    assert.notDeepEqual(resavedRoster, got.roster.buf, 'Calc wrote its own file');
    for (const id of rosterIds.values()) expectStatus(await co.client.post(`/portal/guards/${id}/leave`, {}), 200, 'leave');
    const r = await importGuards(co.client, resavedRoster);
    expectStatus(r, 200, 'import of the roster re-saved by Calc');
    assert.deepEqual(r.body, { ...r.body, imported: rosterGuards.length, errors: [] }, JSON.stringify(r.body).slice(0, 800));
    for (const g of rosterGuards) {
      const x = await expectGuard(co.client, g, 're-saved roster');
      assert.equal(x.id, rosterIds.get(g.idNo), 'the same guard, re-hired');
    }
  });
});
