// The web app (web/src) against the server's catalogs: every permission code the SPA checks exists on
// the server, and the SPA's menu pages are the server's menu catalog (titles and paths come from
// GET /auth/me `menus`; web/src/router/index.ts only maps those paths to components).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { before, describe, test } from 'node:test';
import { activeCompany, admin, expectStatus, REPO } from './lib.mjs';

const WEB_SRC = resolve(REPO, 'web/src');
const ROUTER = ['index.ts', 'index.js'].map((f) => join(WEB_SRC, 'router', f)).find(existsSync) ?? join(WEB_SRC, 'router/index.ts');

/** Every .ts, .js and .vue file under web/src, with the text that can hold code (no <style> blocks). */
function sources(dir = WEB_SRC) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (/\.(ts|js|vue)$/.test(e.name))
      out.push({ file: relative(REPO, p), text: readFileSync(p, 'utf8').replace(/<style[\s\S]*?<\/style>/g, '') });
  }
  return out;
}

// A permission code is `<module>:<action>` (GET /permissions) or `<module>:*`; in the SPA it is always
// written as a string literal: in v-permission values, hasPerm('…') calls, route meta `permission`
// and the registry configs' `permissions`.
const CODE_LITERAL = /(['"`])([a-z][a-z_]*:(?:[a-z_]+|\*))\1/g;

/** {code → [files]} of every permission-code literal in web/src. */
function codesInSpa() {
  const found = new Map();
  for (const { file, text } of sources())
    for (const m of text.matchAll(CODE_LITERAL)) found.set(m[2], [...(found.get(m[2]) ?? []), file]);
  return found;
}

/** The paths of MENU_PAGES in web/src/router/index.ts (its keys: '/system/orgs': …). */
function spaMenuPages() {
  const text = readFileSync(ROUTER, 'utf8');
  const block = /export const MENU_PAGES[^=]*=\s*\{([\s\S]*?)\n\}/.exec(text);
  assert.ok(block, `${relative(REPO, ROUTER)} has no MENU_PAGES object`);
  return [...block[1].matchAll(/^\s*'(\/[^']+)':/gm)].map((m) => m[1]);
}

const leaves = (menus) => menus.flatMap((g) => (g.children?.length ? g.children : g.path ? [g] : []));
const routePath = (p) => `/${String(p).replace(/^#?\/*/, '')}`;

let catalog; // every code of GET /permissions
let adminMe; // GET /auth/me of the province admin
let companyMe; // GET /auth/me of a company account

before(async () => {
  const a = await admin();
  const perms = expectStatus(await a.get('/permissions'), 200).body;
  catalog = new Set(perms.modules.flatMap((m) => m.actions.map((x) => (x.code.includes(':') ? x.code : `${m.code}:${x.code}`))));
  adminMe = expectStatus(await a.get('/auth/me'), 200).body;
  const { client } = await activeCompany();
  companyMe = expectStatus(await client.get('/auth/me'), 200).body;
  assert.equal(companyMe.user.kind, 'company');
});

describe('permission codes of the SPA', () => {
  test('the scan finds the codes of every kind of use (v-permission, route meta, registry configs)', () => {
    const found = codesInSpa();
    for (const code of ['org:create', 'role:delete', 'user:reset_password', 'user:update', 'portal:company', 'association:create', 'company:reset_password'])
      assert.ok(found.has(code), `expected the scan to find ${code} in web/src; found ${[...found.keys()].join(', ')}`);
  });

  test('every code the SPA checks is in GET /permissions, or granted to company accounts (GET /auth/me)', () => {
    // company accounts hold the portal:* codes implicitly: they are not in the role catalog
    const portal = new Set(companyMe.permissions);
    assert.ok([...portal].every((c) => c.startsWith('portal:')), `company permissions: ${[...portal].join(', ')}`);
    const unknown = [...codesInSpa()].filter(([code]) => !catalog.has(code) && !portal.has(code));
    assert.deepEqual(
      unknown.map(([code, files]) => `${code} (${[...new Set(files)].join(', ')})`),
      [],
      'permission codes the server does not know',
    );
  });

  test('no permission check is built from pieces (a code must be a literal this test can see)', () => {
    const dynamic = [];
    for (const { file, text } of sources()) {
      for (const m of text.matchAll(/v-permission="([^"]*)"/g)) if (/[`+]/.test(m[1])) dynamic.push(`${file}: v-permission="${m[1]}"`);
      for (const m of text.matchAll(/hasPerm\(\s*`/g)) dynamic.push(`${file}: ${text.slice(m.index, m.index + 40)}`);
      for (const m of text.matchAll(/permission:\s*`/g)) dynamic.push(`${file}: ${text.slice(m.index, m.index + 40)}`);
    }
    assert.deepEqual(dynamic, []);
  });
});

describe('menus and page titles come from the server', () => {
  test('the admin sees every police-side menu group of the catalog', () => {
    assert.deepEqual(adminMe.menus.map((g) => g.key), ['system', 'industry', 'todo', 'licensing', 'filing', 'change', 'exam', 'map', 'stats', 'supervision']);
    assert.ok(leaves(adminMe.menus).length >= 12, JSON.stringify(adminMe.menus));
  });

  test("every menu path of the admin and of a company account has a page in the SPA's router", () => {
    const pages = new Set(spaMenuPages());
    for (const [who, me] of [['admin', adminMe], ['company', companyMe]]) {
      const menuPaths = leaves(me.menus).map((m) => routePath(m.path));
      assert.ok(menuPaths.length > 0, `${who} has no menus`);
      const missing = menuPaths.filter((p) => !pages.has(p));
      assert.deepEqual(missing, [], `${who}'s menu paths without a page in web/src/router/index.ts MENU_PAGES`);
    }
  });

  test('every menu page of the SPA is a menu entry of the server (no page outside the catalog)', () => {
    const served = new Set([...leaves(adminMe.menus), ...leaves(companyMe.menus)].map((m) => routePath(m.path)));
    assert.deepEqual(spaMenuPages().filter((p) => !served.has(p)), []);
  });

  test('the router keeps no second copy of the menu titles or their permissions', () => {
    const text = readFileSync(ROUTER, 'utf8');
    const titles = [...adminMe.menus, ...companyMe.menus].flatMap((g) => [g.title, ...(g.children ?? []).map((c) => c.title)]);
    assert.deepEqual(titles.filter((t) => text.includes(`'${t}'`)), [], 'menu titles written in the router');
    const menuPerms = [...leaves(adminMe.menus), ...leaves(companyMe.menus)].map((m) => m.permission);
    // the first-login guide is the one route outside the menus that names a permission of its own
    const block = /export const MENU_PAGES[^=]*=\s*\{([\s\S]*?)\n\}/.exec(text)[1];
    assert.deepEqual(menuPerms.filter((p) => block.includes(`'${p}'`)), [], 'menu permissions written in MENU_PAGES');
  });
});
