// A small in-memory stand-in for the baoan API (docs/foundation-api.md), for
// front-end development only:  node mock/server.js [port]  (serves dist/ too).
// It is NOT used by the e2e suite, which always runs against the real server.
import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const dist = path.resolve(here, '..', 'dist')
const port = Number(process.argv[2] || process.env.PORT || 18190)

// ---- reference data ---------------------------------------------------------
let regions = [
  ['610000', '陕西省', 'province', ''], ['610100', '西安市', 'city', '610000'], ['610400', '咸阳市', 'city', '610000'],
  ['610402', '秦都区', 'county', '610400'], ['610404', '渭城区', 'county', '610400'], ['610404005000', '渭城街道', 'town', '610404'],
]
const csv = process.env.MOCK_REGIONS || path.resolve(here, '../../../shared/data/regions/shaanxi-gb2260.csv')
if (fs.existsSync(csv)) regions = fs.readFileSync(csv, 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','))
const region = (code) => regions.find((r) => r[0] === code)
const regionJson = (r) => ({ code: r[0], name: r[1], level: r[2], parent: r[3] || null, hasChildren: regions.some((x) => x[3] === r[0]) })

const ACT = { view: '查看', create: '新增', update: '修改', delete: '删除', reset_password: '重置密码', pii: '查看完整个人信息', export: '导出', approve: '审批', import: '导入' }
const MODULES = [
  ['org', '机构管理', '系统管理', ['view', 'create', 'update', 'delete']],
  ['role', '角色管理', '系统管理', ['view', 'create', 'update', 'delete']],
  ['user', '用户管理', '系统管理', ['view', 'create', 'update', 'reset_password', 'pii']],
  ['audit_log', '操作日志', '系统管理', ['view']],
  ['login_log', '登录日志', '系统管理', ['view']],
  ['sms_message', '短信记录', '系统管理', ['view']],
  ['association', '保安协会管理', '行业信息', ['view', 'create', 'update', 'delete', 'export']],
  ['approval', '通用审批', '待办事项', ['view', 'approve', 'import', 'export']],
]
const ALL_PERMS = MODULES.flatMap(([m, , , a]) => a.map((x) => `${m}:${x}`))
const MENU = [{ key: 'system', title: '系统管理', icon: 'Setting', children: [
  ['orgs', '机构管理', '/system/orgs', 'org:view'], ['roles', '角色管理', '/system/roles', 'role:view'],
  ['users', '用户管理', '/system/users', 'user:view'], ['audit-logs', '操作日志', '/system/audit-logs', 'audit_log:view'],
  ['login-logs', '登录日志', '/system/login-logs', 'login_log:view'], ['sms', '短信记录', '/system/sms', 'sms_message:view'],
].map(([key, title, p, permission]) => ({ key, title, path: p, permission })) }]
const ORG_TYPES = { province_dept: '省厅', city_bureau: '市局', district_bureau: '分局', county_bureau: '县局', police_station: '派出所', detachment: '支队/处', brigade: '大队/科', other: '其他' }
const POSTS = [['city_handler', '市经办民警', 'city'], ['city_security_leader', '市保安处领导', 'city'], ['station_officer', '派出所民警', 'station']]
const BTYPES = [['company_licence', '保安服务公司许可证'], ['training_licence', '保安培训单位许可证'], ['exam_registration', '保安员资格证考试报名']]

// ---- state ------------------------------------------------------------------
const now = () => new Date().toISOString().replace('Z', '+00:00')
let seq = 100
const orgs = [
  { id: 1, parentId: null, name: '陕西省公安厅', regionCode: '610000', type: 'province_dept', phone: '029-86160000', address: '西安市' },
  { id: 2, parentId: 1, name: '咸阳市公安局', regionCode: '610400', type: 'city_bureau', phone: '029-33210000', address: '咸阳市' },
  { id: 3, parentId: 2, name: '渭城分局', regionCode: '610404', type: 'district_bureau', phone: '', address: '' },
  { id: 4, parentId: 2, name: '秦都分局', regionCode: '610402', type: 'district_bureau', phone: '', address: '' },
  { id: 5, parentId: 1, name: '西安市公安局', regionCode: '610100', type: 'city_bureau', phone: '', address: '' },
].map((o) => ({ ...o, createdAt: now(), updatedAt: now() }))
const roles = [{ id: 1, orgId: 1, name: '系统管理员', permissions: [...ALL_PERMS], dataScope: { kind: 'all', orgIds: [] }, createdAt: now(), updatedAt: now() }]
const users = [{ id: 1, account: 'admin', name: '系统管理员', isPolice: true, policeNo: '000001', idNo: '61010419800101001X', mobile: '13800000000', orgId: 1,
  enabled: true, locked: false, loginCount: 0, lastLoginAt: null, password: 'Admin@2026', mustChangePassword: false, approvalPosts: {}, roleIds: [1], createdAt: now(), updatedAt: now() }]
const sessions = new Map()
const sms = [], audit = [], logins = []

const mask = (s, a, b) => (s ? s.slice(0, a) + '*'.repeat(Math.max(0, s.length - a - b)) + s.slice(s.length - b) : s)
const orgPath = (id) => { const p = []; let o = orgs.find((x) => x.id === id); while (o) { p.unshift(o.id); o = orgs.find((x) => x.id === o.parentId) } return '/' + p.join('/') + '/' }
const orgJson = (o) => ({ ...o, parentName: (orgs.find((x) => x.id === o.parentId) || {}).name || '', regionName: (region(o.regionCode) || [])[1] || '',
  typeName: ORG_TYPES[o.type] || '', path: orgPath(o.id), level: orgPath(o.id).split('/').length - 2, childCount: orgs.filter((x) => x.parentId === o.id).length })
const tree = (pid) => orgs.filter((o) => o.parentId === pid).map((o) => ({ id: o.id, name: o.name, type: o.type, regionCode: o.regionCode, parentId: o.parentId, children: tree(o.id) }))
const permsOf = (u) => [...new Set(u.roleIds.flatMap((id) => (roles.find((r) => r.id === id) || { permissions: [] }).permissions))]
const userJson = (u, full) => ({ id: u.id, account: u.account, name: u.name, isPolice: u.isPolice, policeNo: u.policeNo, idNo: full ? u.idNo : mask(u.idNo, 6, 4),
  mobile: full ? u.mobile : mask(u.mobile, 3, 4), orgId: u.orgId, orgName: (orgs.find((o) => o.id === u.orgId) || {}).name, enabled: u.enabled, locked: u.locked,
  loginCount: u.loginCount, lastLoginAt: u.lastLoginAt, roleNames: u.roleIds.map((id) => (roles.find((r) => r.id === id) || {}).name),
  ...(full ? { approvalPosts: u.approvalPosts, roleIds: u.roleIds, createdAt: u.createdAt, updatedAt: u.updatedAt } : {}) })
const page = (arr, q) => { const p = Math.max(1, +q.get('page') || 1), s = Math.min(200, +q.get('size') || 20); return { items: arr.slice((p - 1) * s, p * s), total: arr.length, page: p, size: s } }
const sendSms = (mobile, purpose, content) => sms.unshift({ id: ++seq, at: now(), mobile, purpose, content, status: 'sent' })

class E extends Error { constructor(status, code, message, fields) { super(message); Object.assign(this, { status, code, fields }) } }
const ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
function validateUser(b, isNew) {
  const f = {}
  if (!b.name) f.name = '姓名不能为空'
  if (b.isPolice && !b.policeNo) f.policeNo = '民警须填写警号'
  if (!/^\d{17}[\dX]$/.test(b.idNo || '')) f.idNo = '证件号应为18位'
  else { let s = 0; for (let i = 0; i < 17; i++) s += +b.idNo[i] * ID_W[i]; if ('10X98765432'[s % 11] !== b.idNo[17]) f.idNo = '校验位错误' }
  if (!/^1[3-9]\d{9}$/.test(b.mobile || '')) f.mobile = '手机号码格式不正确'
  if (!Object.keys(b.approvalPosts || {}).length && !(b.roleIds || []).length) f.roleIds = '业务审批角色和自定义角色至少选一个'
  if (isNew) { const acct = b.account || (b.isPolice ? b.policeNo : b.mobile); if (users.some((u) => u.account === acct)) throw new E(409, 'conflict', '账号已存在', { account: '账号已存在' }) }
  if (Object.keys(f).length) throw new E(422, 'validation_failed', Object.values(f)[0], f)
}

// ---- routing ----------------------------------------------------------------
async function handle(req, res, url) {
  const send = (status, body, headers = {}) => { res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers }); res.end(body === undefined ? '' : JSON.stringify(body)) }
  const p = url.pathname.replace(/^\/api\/v1/, ''), m = req.method, q = url.searchParams
  let body = {}
  if (m !== 'GET') { const chunks = []; for await (const c of req) chunks.push(c); if (chunks.length) try { body = JSON.parse(Buffer.concat(chunks)) } catch { throw new E(400, 'bad_request', '请求格式错误') } }
  if (p === '/health') return send(200, { status: 'ok', database: 'mock', version: 'mock', time: now() })
  if (p === '/auth/login' && m === 'POST') {
    const f = {}; if (!body.account) f.account = '请输入账号'; if (!body.password) f.password = '请输入密码'
    if (Object.keys(f).length) throw new E(422, 'validation_failed', Object.values(f)[0], f)
    const u = users.find((x) => x.account === body.account)
    logins.unshift({ id: ++seq, at: now(), account: body.account, userId: u && u.id, ip: '127.0.0.1', userAgent: req.headers['user-agent'], success: !!u && u.password === body.password, reason: u && u.password === body.password ? '' : 'bad_password' })
    if (!u || u.password !== body.password) throw new E(401, 'unauthenticated', '账号或密码错误')
    if (!u.enabled) throw new E(403, 'account_disabled', '账号已停用')
    u.loginCount++; u.lastLoginAt = now()
    const token = crypto.randomBytes(16).toString('hex'), csrf = crypto.randomBytes(16).toString('hex')
    sessions.set(token, { userId: u.id, csrf })
    return send(200, { token, csrfToken: csrf, mustChangePassword: u.mustChangePassword, user: userJson(u) }, { 'Set-Cookie': `baoan_session=${token}; HttpOnly; SameSite=Strict; Path=/` })
  }
  // session
  const cookie = /baoan_session=([0-9a-f]+)/.exec(req.headers.cookie || '')
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization || '')
  const token = bearer ? bearer[1] : cookie && cookie[1]
  const sess = token && sessions.get(token)
  if (!sess) throw new E(401, 'unauthenticated', '登录已失效,请重新登录')
  if (!bearer && m !== 'GET' && req.headers['x-csrf-token'] !== sess.csrf) throw new E(403, 'csrf_failed', 'CSRF 校验失败')
  const me = users.find((u) => u.id === sess.userId)
  const perms = permsOf(me)
  const need = (c) => { if (!perms.includes(c)) throw new E(403, 'forbidden', '无权进行此操作') }
  const allowed = ['/auth/me', '/auth/logout', '/auth/sms-code', '/auth/change-password']
  if (me.mustChangePassword && !allowed.includes(p)) throw new E(403, 'password_change_required', '请先修改密码')
  const log = (action, targetType, targetId, summary) => audit.unshift({ id: ++seq, at: now(), userId: me.id, account: me.account, userName: me.name, ip: '127.0.0.1', action, targetType, targetId, summary, requestId: crypto.randomBytes(4).toString('hex') })
  let mm
  if (p === '/auth/logout') { sessions.delete(token); return send(204) }
  if (p === '/auth/me') {
    const org = orgs.find((o) => o.id === me.orgId)
    return send(200, { user: { ...userJson(me), kind: 'police', mustChangePassword: me.mustChangePassword }, org: { id: org.id, name: org.name, type: org.type, regionCode: org.regionCode, path: orgPath(org.id) },
      permissions: perms, dataScope: { all: true, subtreeOrgIds: [], orgIds: [], self: false },
      menus: MENU.map((g) => ({ ...g, children: g.children.filter((c) => perms.includes(c.permission)) })).filter((g) => g.children.length) })
  }
  if (p === '/auth/sms-code') { me.smsCode = String(crypto.randomInt(100000, 999999)); sendSms(me.mobile, 'change_password', `您的修改密码验证码为${me.smsCode},5分钟内有效。`); return send(200, { mobile: mask(me.mobile, 3, 4), expiresInSeconds: 300 }) }
  if (p === '/auth/change-password') {
    const f = {}
    if (body.oldPassword !== me.password) f.oldPassword = '原密码错误'
    if (!body.smsCode || body.smsCode !== me.smsCode) f.smsCode = '验证码错误或已过期'
    if (!body.newPassword || body.newPassword.length < 8 || body.newPassword === '123456') f.newPassword = '密码不符合规则'
    if (Object.keys(f).length) throw new E(422, 'validation_failed', Object.values(f)[0], f)
    me.password = body.newPassword; me.mustChangePassword = false; me.smsCode = null
    return send(200, { changed: true })
  }
  if (p === '/regions') { const parent = q.get('parent'); return send(200, { items: regions.filter((r) => (parent ? r[3] === parent : !r[3])).map(regionJson) }) }
  if ((mm = /^\/regions\/(\d+)$/.exec(p))) { const r = region(mm[1]); if (!r) throw new E(404, 'not_found', '区域不存在'); const path_ = []; let c = r; while (c) { path_.unshift({ code: c[0], name: c[1] }); c = region(c[3]) } return send(200, { ...regionJson(r), path: path_ }) }
  if (p === '/permissions') return send(200, { modules: MODULES.map(([code, name, group, a]) => ({ code, name, group, actions: a.map((x) => ({ code: x, name: ACT[x] })) })) })
  if (p === '/approval-posts') return send(200, { businessTypes: BTYPES.map(([code, name]) => ({ code, name, posts: POSTS.map(([c, n, l]) => ({ code: c, name: n, level: l })) })) })
  if (p === '/org-types') return send(200, { items: Object.entries(ORG_TYPES).map(([code, name]) => ({ code, name })) })
  // orgs
  if (p === '/orgs/tree') { need('org:view'); const all = me.roleIds.some((id) => (roles.find((r) => r.id === id) || { dataScope: {} }).dataScope.kind === 'all')
    if (all) return send(200, { items: tree(null) })
    const o = orgs.find((x) => x.id === me.orgId); return send(200, { items: [{ id: o.id, name: o.name, type: o.type, regionCode: o.regionCode, parentId: o.parentId, children: tree(o.id) }] }) }
  if (p === '/orgs' && m === 'GET') { need('org:view'); const pid = +q.get('parentId'), name = q.get('name'); let arr = name ? orgs.filter((o) => orgPath(o.id).includes(`/${pid}/`) && o.id !== pid && o.name.includes(name)) : orgs.filter((o) => o.parentId === pid); return send(200, page(arr.map(orgJson), q)) }
  if (p === '/orgs' && m === 'POST') { need('org:create'); const f = {}; if (!body.name) f.name = '机构名称不能为空'; if (!body.regionCode) f.regionCode = '请选择所属区域'; if (!ORG_TYPES[body.type]) f.type = '请选择机构类型'; if (Object.keys(f).length) throw new E(422, 'validation_failed', Object.values(f)[0], f)
    const o = { id: ++seq, parentId: body.parentId, name: body.name, regionCode: body.regionCode, type: body.type, phone: body.phone || '', address: body.address || '', createdAt: now(), updatedAt: now() }; orgs.push(o); log('org.create', 'org', o.id, `新增机构 ${o.name}`); return send(201, orgJson(o)) }
  if ((mm = /^\/orgs\/(\d+)$/.exec(p))) {
    const o = orgs.find((x) => x.id === +mm[1]); if (!o) throw new E(404, 'not_found', '机构不存在')
    if (m === 'GET') { need('org:view'); return send(200, orgJson(o)) }
    if (m === 'PUT') { need('org:update'); Object.assign(o, { name: body.name, regionCode: body.regionCode, phone: body.phone, address: body.address, type: body.type, updatedAt: now() }); log('org.update', 'org', o.id, `修改机构 ${o.name}`); return send(200, orgJson(o)) }
    if (m === 'DELETE') { need('org:delete'); if (orgs.some((x) => x.parentId === o.id) || users.some((u) => u.orgId === o.id) || roles.some((r) => r.orgId === o.id)) throw new E(409, 'conflict', '该机构下还有下级机构、用户或角色,不能删除'); orgs.splice(orgs.indexOf(o), 1); log('org.delete', 'org', o.id, `删除机构 ${o.name}`); return send(204) }
  }
  // roles
  const roleJson = (r) => ({ ...r, orgName: (orgs.find((o) => o.id === r.orgId) || {}).name, dataScopeKind: r.dataScope.kind, permissionCount: r.permissions.length, userCount: users.filter((u) => u.roleIds.includes(r.id)).length })
  if (p === '/roles' && m === 'GET') { need('role:view'); const oid = +q.get('orgId'), name = q.get('name') || ''; return send(200, page(roles.filter((r) => (!oid || r.orgId === oid) && r.name.includes(name)).map(roleJson), q)) }
  if (p === '/roles/assignable') { const oid = +q.get('orgId'); const anc = orgPath(oid); return send(200, { items: roles.filter((r) => anc.includes(`/${r.orgId}/`)).map((r) => ({ id: r.id, name: r.name, orgName: roleJson(r).orgName })) }) }
  if (p === '/roles' && m === 'POST') { need('role:create'); if (!body.name) throw new E(422, 'validation_failed', '角色名称不能为空', { name: '角色名称不能为空' }); const r = { id: ++seq, orgId: body.orgId, name: body.name, permissions: body.permissions || [], dataScope: body.dataScope || { kind: 'self', orgIds: [] }, createdAt: now(), updatedAt: now() }; roles.push(r); log('role.create', 'role', r.id, `新增角色 ${r.name}`); return send(201, roleJson(r)) }
  if ((mm = /^\/roles\/(\d+)$/.exec(p))) {
    const r = roles.find((x) => x.id === +mm[1]); if (!r) throw new E(404, 'not_found', '角色不存在')
    if (m === 'GET') { need('role:view'); return send(200, roleJson(r)) }
    if (m === 'PUT') { need('role:update'); Object.assign(r, { name: body.name, permissions: body.permissions, dataScope: body.dataScope, updatedAt: now() }); return send(200, roleJson(r)) }
    if (m === 'DELETE') { need('role:delete'); if (users.some((u) => u.roleIds.includes(r.id))) throw new E(409, 'conflict', '该角色已分配给用户,不能删除'); roles.splice(roles.indexOf(r), 1); return send(204) }
  }
  // users
  if (p === '/users' && m === 'GET') { need('user:view'); const oid = +q.get('orgId'); const inc = q.get('includeChildren') === 'true'; const n = q.get('name') || '', a = q.get('account') || '', mo = q.get('mobile') || ''
    return send(200, page(users.filter((u) => (!oid || (inc ? orgPath(u.orgId).includes(`/${oid}/`) : u.orgId === oid)) && u.name.includes(n) && u.account.includes(a) && u.mobile.includes(mo)).map((u) => userJson(u)), q)) }
  if (p === '/users' && m === 'POST') { need('user:create'); validateUser(body, true)
    const u = { id: ++seq, account: body.account || (body.isPolice ? body.policeNo : body.mobile), name: body.name, isPolice: !!body.isPolice, policeNo: body.policeNo || '', idNo: body.idNo, mobile: body.mobile, orgId: body.orgId, enabled: true, locked: false, loginCount: 0, lastLoginAt: null, password: '123456', mustChangePassword: true, approvalPosts: body.approvalPosts || {}, roleIds: body.roleIds || [], createdAt: now(), updatedAt: now() }
    users.push(u); sendSms(u.mobile, 'account_created', `您的账号${u.account}已开通,初始密码123456,首次登录请修改密码。`); log('user.create', 'user', u.id, `新增用户 ${u.name}`); return send(201, userJson(u, true)) }
  if ((mm = /^\/users\/(\d+)(?:\/([a-z-]+))?$/.exec(p))) {
    const u = users.find((x) => x.id === +mm[1]); if (!u) throw new E(404, 'not_found', '用户不存在')
    const act = mm[2]
    if (!act && m === 'GET') { need('user:view'); return send(200, userJson(u, perms.includes('user:pii'))) }
    if (!act && m === 'PUT') { need('user:update'); validateUser(body, false); Object.assign(u, { name: body.name, isPolice: body.isPolice, policeNo: body.policeNo, idNo: body.idNo, mobile: body.mobile, orgId: body.orgId, approvalPosts: body.approvalPosts, roleIds: body.roleIds, updatedAt: now() }); return send(200, userJson(u, true)) }
    if (act === 'reset-password') { need('user:reset_password'); u.password = '123456'; u.mustChangePassword = true; sendSms(u.mobile, 'password_reset', `您的密码已重置为123456`); return send(200, userJson(u)) }
    if (act === 'enable' || act === 'disable') { need('user:update'); u.enabled = act === 'enable'; return send(200, userJson(u)) }
    if (act === 'unlock') { need('user:update'); u.locked = false; return send(200, userJson(u)) }
  }
  const filt = (arr) => arr.filter((x) => (!q.get('account') || String(x.account).includes(q.get('account'))) && (!q.get('mobile') || x.mobile === q.get('mobile')) && (!q.get('success') || String(x.success) === q.get('success')))
  if (p === '/audit-logs') { need('audit_log:view'); return send(200, page(filt(audit), q)) }
  if (p === '/login-logs') { need('login_log:view'); return send(200, page(filt(logins), q)) }
  if (p === '/sms-messages') { need('sms_message:view'); return send(200, page(filt(sms), q)) }
  throw new E(404, 'not_found', '接口不存在')
}

const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf' }
http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x')
  if (url.pathname.startsWith('/api/')) {
    try { await handle(req, res, url) } catch (e) {
      const status = e.status || 500
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' })
      res.end(JSON.stringify({ error: { code: e.code || 'internal', message: e.status ? e.message : '服务器内部错误', ...(e.fields ? { fields: e.fields } : {}) } }))
      if (!e.status) console.error(e)
    }
    return
  }
  const file = path.join(dist, path.normalize(url.pathname === '/' ? '/index.html' : url.pathname))
  if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); return res.end('not found') }
  res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream' })
  fs.createReadStream(file).pipe(res)
}).listen(port, '127.0.0.1', () => console.log(`mock API + dist on http://127.0.0.1:${port}`))
