// The peer of bench/run.sh: the same two endpoints as baoan, on Fastify + better-sqlite3 (Node 20), on a
// copy of the bench database. GET /api/v1/health makes the same database round trip; GET
// /api/v1/guards?page=&size= does the same session lookup (Bearer token → SHA-256 → sessions and the
// auth epoch → the user's permissions and data scope, cached per user and epoch as baoan does), checks
// guard:view, runs the same SQL as baoan's GuardStore (a deferred join for the page, the kept totals for
// the count) and answers byte-identical JSON (keys sorted, as nlohmann::json writes them). Scopes: all
// and one subtree (org_and_below), the ones the benchmark compares.
//
//   PEER_DB=run-peer.db PEER_PORT=8090 [PEER_WORKERS=2] [PEER_IDLE_SECONDS=86400] node server.mjs
import cluster from 'node:cluster';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import Fastify from 'fastify';

const DB = process.env.PEER_DB;
const PORT = Number(process.env.PEER_PORT ?? 8090);
const WORKERS = Number(process.env.PEER_WORKERS ?? 1);
const IDLE_MS = Number(process.env.PEER_IDLE_SECONDS ?? 86400) * 1000;

if (WORKERS > 1 && cluster.isPrimary) {
  for (let i = 0; i < WORKERS; i++) cluster.fork();
  cluster.on('exit', (w, code) => console.error(`peer worker ${w.process.pid} exited with ${code}`));
} else {
  start();
}

function start() {
  const db = new Database(DB);
  for (const p of ['journal_mode = WAL', 'foreign_keys = ON', 'busy_timeout = 10000', 'synchronous = NORMAL', 'cache_size = -8192'])
    db.pragma(p);

  const columns =
    'g.id, g.id_no, g.name, g.gender, g.birth_date, g.mobile, g.ethnicity, g.education, g.household_address, ' +
    'g.current_address, g.photo_file_id, g.certificate_no, g.certificate_date, g.real_name_verified, g.app_initialized, ' +
    'g.employer_kind, g.employer_id, g.employer_name, g.employed, g.hired_on, g.left_on, g.org_id, o.name AS org_name, ' +
    'g.created_at, g.updated_at';
  const newestFirst = ' ORDER BY g.created_at DESC, g.id DESC';
  // baoan's deferred join. CROSS JOIN keeps the page first: the SQLite that better-sqlite3 12 bundles
  // (3.53) otherwise walks every guard by time and probes the page (2.5 s instead of 0.1 ms); the
  // system's 3.40, which baoan uses, picks the page-first plan on its own.
  const pageSql = (term) =>
    `SELECT ${columns} FROM (SELECT g.id, g.created_at FROM guards g WHERE 1=1${term}${newestFirst} LIMIT ? OFFSET ?) p ` +
    `CROSS JOIN guards g ON g.id = p.id JOIN orgs o ON o.id = g.org_id${newestFirst}`;
  const q = {
    one: db.prepare('SELECT 1').pluck(),
    // §9.3: the police see which guards of the page are 问题人员 (as industry::flaggedGuards)
    flaggedAmong: db.prepare("SELECT guard_id FROM flagged_persons WHERE state <> 'false_positive' AND guard_id IN (SELECT value FROM json_each(?))").pluck(),
    session: db.prepare(
      'SELECT s.user_id, s.csrf_token, s.last_seen_at, e.n FROM sessions s CROSS JOIN auth_epoch e WHERE s.token_hash = ?',
    ),
    user: db.prepare(
      'SELECT u.id, u.org_path, u.must_change_password, u.enabled, u.kind FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.id = ?',
    ),
    permissions: db
      .prepare('SELECT DISTINCT rp.permission FROM user_roles ur JOIN role_permissions rp ON rp.role_id = ur.role_id WHERE ur.user_id = ?')
      .pluck(),
    roles: db.prepare('SELECT r.id, r.scope_kind FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = ?'),
    pageAll: db.prepare(pageSql('')),
    pageLevel: [1, 2, 3, 4, 5].map((n) => db.prepare(pageSql(` AND g.org_l${n} = ?`))),
    totalAll: db.prepare('SELECT CAST(COALESCE(SUM(gc.total), 0) AS BIGINT) FROM guard_counts gc').pluck(),
    totalSubtree: db
      .prepare('SELECT CAST(COALESCE(SUM(gc.total), 0) AS BIGINT) FROM guard_counts gc JOIN orgs o ON o.id = gc.org_id WHERE ((o.path >= ? AND o.path < ?))')
      .pluck(),
  };

  // Principals per user, valid while the auth epoch is unchanged (baoan's PrincipalCache).
  let cacheEpoch = -1;
  const principals = new Map();
  function principal(userId, epoch) {
    if (epoch !== cacheEpoch) {
      principals.clear();
      cacheEpoch = epoch;
    }
    let p = principals.get(userId);
    if (p !== undefined) return p;
    const u = q.user.get(userId);
    p = null;
    if (u && u.enabled) {
      p = { orgPath: u.org_path, mustChange: !!u.must_change_password, permissions: new Set(), all: false, subtrees: new Set(), other: false };
      if (u.kind !== 'company') {
        for (const perm of q.permissions.all(userId)) p.permissions.add(perm);
        for (const r of q.roles.all(userId)) {
          if (r.scope_kind === 'all') p.all = true;
          else if (r.scope_kind === 'org_and_below') p.subtrees.add(u.org_path);
          else p.other = true; // org / custom / self: not compared by the benchmark
        }
      }
    }
    principals.set(userId, p);
    return p;
  }

  function authenticate(req) {
    const h = req.headers.authorization ?? '';
    if (!h.startsWith('Bearer ') || h.length !== 7 + 64) return null;
    const s = q.session.get(createHash('sha256').update(h.slice(7)).digest('hex'));
    if (!s || Date.now() - s.last_seen_at > IDLE_MS) return null;
    return principal(s.user_id, s.n);
  }

  const error = (reply, status, code, message) =>
    reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify({ error: { code, message } }));

  // baoan's core::toIso: seconds, Asia/Shanghai.
  const iso = (ms) => new Date(Math.floor((ms + 8 * 3600e3) / 1000) * 1000).toISOString().slice(0, 19) + '+08:00';
  const ascii = (s) => /^[\x00-\x7f]*$/.test(s);
  const stars = (s) => '*'.repeat([...s].length);
  const maskId = (s) => (s.length <= 10 || !ascii(s) ? stars(s) : s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4));
  const maskMobile = (s) => (s.length < 11 || !ascii(s) ? stars(s) : s.slice(0, 3) + '****' + s.slice(-4));
  const educations = { primary: '小学', junior: '初中', senior: '高中', secondary_vocational: '中专', college: '大专', bachelor: '本科', master: '硕士研究生', doctor: '博士研究生' };
  const text = (v) => (v === null || v === undefined ? null : String(v));

  // Keys in the order nlohmann::json writes them (sorted).
  function guardJson(r, full, flagged) {
    return {
      appInitialized: r.app_initialized !== 0,
      birthDate: text(r.birth_date) ?? '',
      certificateDate: text(r.certificate_date),
      certificateNo: text(r.certificate_no),
      createdAt: iso(r.created_at),
      currentAddress: text(r.current_address),
      education: text(r.education),
      educationName: r.education === null ? null : educations[r.education] ?? r.education,
      employed: r.employed !== 0,
      employerId: r.employer_id,
      employerKind: text(r.employer_kind) ?? '',
      employerName: text(r.employer_name) ?? '',
      ethnicity: text(r.ethnicity),
      flagged: flagged.has(r.id),
      gender: r.gender,
      genderName: r.gender === 'male' ? '男' : '女',
      hiredOn: text(r.hired_on),
      householdAddress: text(r.household_address),
      id: r.id,
      idNo: full ? r.id_no : maskId(r.id_no),
      leftOn: text(r.left_on),
      mobile: full ? r.mobile : maskMobile(r.mobile),
      name: r.name,
      orgId: r.org_id,
      orgName: r.org_name,
      photoFileId: text(r.photo_file_id),
      realNameVerified: r.real_name_verified !== 0,
      updatedAt: iso(r.updated_at),
    };
  }

  const app = Fastify({ logger: false });

  app.get('/api/v1/health', async (req, reply) => {
    q.one.get();
    const body = { database: 'sqlite', status: 'ok', time: iso(Date.now()), version: '0.1.0' };
    reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
  });

  app.get('/api/v1/guards', async (req, reply) => {
    const p = authenticate(req);
    if (!p) return error(reply, 401, 'unauthenticated', '未登录或登录已过期,请重新登录');
    if (p.mustChange) return error(reply, 403, 'password_change_required', '首次登录或密码已重置,请先修改密码');
    if (!p.permissions.has('guard:view')) return error(reply, 403, 'forbidden', '没有执行此操作的权限');
    const page = Number(req.query.page ?? 1);
    const size = Number(req.query.size ?? 20);
    if (!(page >= 1 && size >= 1 && size <= 100)) return error(reply, 400, 'bad_request', '分页参数无效');
    if (p.other || (!p.all && p.subtrees.size !== 1)) return error(reply, 501, 'not_implemented', '对比端只实现全部数据与本级及下级两种数据范围');
    const offset = (page - 1) * size;
    let rows;
    let total;
    if (p.all) {
      rows = q.pageAll.all(size, offset);
    } else {
      const path = [...p.subtrees][0];
      const levels = path.split('/').filter(Boolean).map(Number);
      rows = q.pageLevel[levels.length - 1].all(levels.at(-1), size, offset);
    }
    if (rows.length < size && (rows.length > 0 || offset === 0)) total = offset + rows.length;
    else if (p.all) total = q.totalAll.get();
    else {
      const path = [...p.subtrees][0];
      total = q.totalSubtree.get(path, path.slice(0, -1) + '0');
    }
    const full = p.permissions.has('guard:pii');
    const flagged = new Set(rows.length ? q.flaggedAmong.all(JSON.stringify(rows.map((r) => r.id))) : []);
    const body = { items: rows.map((r) => guardJson(r, full, flagged)), page, size, total };
    reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
  });

  app.listen({ host: '127.0.0.1', port: PORT }).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
