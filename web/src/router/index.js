import { createRouter, createWebHashHistory } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { usePortalStore } from '@/stores/portal'

// A page of the main layout: "<area>/<page>" is its path and, with "-", its name; the area is its menu group.
const GROUPS = { system: '系统管理', industry: '行业信息', portal: '企业服务' }
const page = (path, component, title, permission, more = {}) => ({
  path,
  name: path.replace('/', '-'),
  component,
  ...more,
  meta: { title, group: GROUPS[path.split('/')[0]], permission },
})
const registry = (resource, title, permission) =>
  page(`industry/${resource}`, () => import('@/views/industry/RegistryPage.vue'), title, permission, { props: { resource } })

// Every view is lazy-loaded (one chunk each).
const routes = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/Login.vue'),
    meta: { public: true, title: '登录' },
  },
  {
    path: '/change-password',
    name: 'change-password',
    component: () => import('@/views/ForceChangePassword.vue'),
    meta: { title: '修改密码', allowWhileMustChange: true },
  },
  {
    // a company account's first-login guide (after the forced password change, before anything else)
    path: '/portal/guide',
    name: 'portal-guide',
    component: () => import('@/views/portal/CompanyGuide.vue'),
    meta: { title: '企业初始化', permission: 'portal:company', guide: true },
  },
  {
    path: '/',
    component: () => import('@/layout/MainLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('@/views/Home.vue'), meta: { title: '首页' } },
      page('system/orgs', () => import('@/views/system/OrgList.vue'), '机构管理', 'org:view'),
      page('system/roles', () => import('@/views/system/RoleList.vue'), '角色管理', 'role:view'),
      page('system/users', () => import('@/views/system/UserList.vue'), '用户管理', 'user:view'),
      page('system/audit-logs', () => import('@/views/system/AuditLogList.vue'), '操作日志', 'audit_log:view'),
      page('system/login-logs', () => import('@/views/system/LoginLogList.vue'), '登录日志', 'login_log:view'),
      page('system/sms', () => import('@/views/system/SmsMessageList.vue'), '短信记录', 'sms_message:view'),
      // 行业信息 (police side): four registries on one generic page, guards and good deeds read only
      registry('associations', '保安协会管理', 'association:view'),
      registry('companies', '保安服务公司管理', 'company:view'),
      registry('inhouse-units', '自行招用保安员单位管理', 'inhouse_unit:view'),
      registry('training-units', '保安培训单位信息管理', 'training_unit:view'),
      page('industry/guards', () => import('@/views/industry/GuardList.vue'), '保安员管理', 'guard:view'),
      page('industry/good-deeds', () => import('@/views/industry/GoodDeedList.vue'), '好人好事管理', 'good_deed:view'),
      // 企业服务 (company accounts only: their implicit portal:* permissions)
      page('portal/company', () => import('@/views/portal/CompanyInfo.vue'), '企业信息', 'portal:company'),
      page('portal/guards', () => import('@/views/portal/PortalGuards.vue'), '保安员管理', 'portal:guard'),
      page('portal/good-deeds', () => import('@/views/portal/PortalGoodDeeds.vue'), '好人好事', 'portal:good_deed'),
      { path: '403', name: 'forbidden', component: () => import('@/views/error/Forbidden.vue'), meta: { title: '无权访问' } },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('@/views/error/NotFound.vue'), meta: { title: '页面不存在' } },
    ],
  },
]

const router = createRouter({
  history: createWebHashHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})

router.beforeEach(async (to) => {
  const auth = useAuthStore()
  if (to.meta.public) {
    return true
  }
  if (!auth.hasSession) {
    return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  }
  if (!auth.loaded) {
    try {
      await auth.fetchMe({ skipAuthRedirect: true, quiet: true })
    } catch (e) {
      // 401 is routed to the login page by the http layer; anything else: stay on login too
      auth.clear()
      return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
    }
  }
  if (auth.mustChangePassword && !to.meta.allowWhileMustChange) {
    return { name: 'change-password' }
  }
  if (!auth.mustChangePassword && to.name === 'change-password') {
    return { name: 'home' }
  }
  if (to.meta.permission && !auth.hasPerm(to.meta.permission)) {
    return { name: 'forbidden', query: { from: to.fullPath } }
  }
  // a company that has not completed the first-login guide sees nothing else
  if (auth.isCompany && !to.meta.allowWhileMustChange) {
    const portal = usePortalStore()
    try {
      await portal.load()
    } catch (_) {
      /* 401 is routed by the http layer; otherwise let the pages report */
      return to.meta.guide ? { name: 'home' } : true
    }
    if (!portal.initialized && !to.meta.guide) return { name: 'portal-guide' }
    if (portal.initialized && to.meta.guide) return { name: 'home' }
  } else if (to.meta.guide) {
    return { name: 'forbidden', query: { from: to.fullPath } }
  }
  return true
})

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} - 保安服务监管信息系统` : '保安服务监管信息系统'
})

export default router
