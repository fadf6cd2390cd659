import { createRouter, createWebHashHistory } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { usePortalStore } from '@/stores/portal'

const registry = (path, resource, title, permission) => ({
  path: `industry/${path}`,
  name: `industry-${resource}`,
  component: () => import('@/views/industry/RegistryPage.vue'),
  props: { resource },
  meta: { title, group: '行业信息', permission },
})

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
      {
        path: 'system/orgs',
        name: 'system-orgs',
        component: () => import('@/views/system/OrgList.vue'),
        meta: { title: '机构管理', group: '系统管理', permission: 'org:view' },
      },
      {
        path: 'system/roles',
        name: 'system-roles',
        component: () => import('@/views/system/RoleList.vue'),
        meta: { title: '角色管理', group: '系统管理', permission: 'role:view' },
      },
      {
        path: 'system/users',
        name: 'system-users',
        component: () => import('@/views/system/UserList.vue'),
        meta: { title: '用户管理', group: '系统管理', permission: 'user:view' },
      },
      {
        path: 'system/audit-logs',
        name: 'system-audit-logs',
        component: () => import('@/views/system/AuditLogList.vue'),
        meta: { title: '操作日志', group: '系统管理', permission: 'audit_log:view' },
      },
      {
        path: 'system/login-logs',
        name: 'system-login-logs',
        component: () => import('@/views/system/LoginLogList.vue'),
        meta: { title: '登录日志', group: '系统管理', permission: 'login_log:view' },
      },
      {
        path: 'system/sms',
        name: 'system-sms',
        component: () => import('@/views/system/SmsMessageList.vue'),
        meta: { title: '短信记录', group: '系统管理', permission: 'sms_message:view' },
      },
      // 行业信息 (police side): four registries on one generic page, guards and good deeds read only
      registry('associations', 'associations', '保安协会管理', 'association:view'),
      registry('companies', 'companies', '保安服务公司管理', 'company:view'),
      registry('inhouse-units', 'inhouse-units', '自行招用保安员单位管理', 'inhouse_unit:view'),
      registry('training-units', 'training-units', '保安培训单位信息管理', 'training_unit:view'),
      {
        path: 'industry/guards',
        name: 'industry-guards',
        component: () => import('@/views/industry/GuardList.vue'),
        meta: { title: '保安员管理', group: '行业信息', permission: 'guard:view' },
      },
      {
        path: 'industry/good-deeds',
        name: 'industry-good-deeds',
        component: () => import('@/views/industry/GoodDeedList.vue'),
        meta: { title: '好人好事管理', group: '行业信息', permission: 'good_deed:view' },
      },
      // 企业服务 (company accounts only: their implicit portal:* permissions)
      {
        path: 'portal/company',
        name: 'portal-company',
        component: () => import('@/views/portal/CompanyInfo.vue'),
        meta: { title: '企业信息', group: '企业服务', permission: 'portal:company' },
      },
      {
        path: 'portal/guards',
        name: 'portal-guards',
        component: () => import('@/views/portal/PortalGuards.vue'),
        meta: { title: '保安员管理', group: '企业服务', permission: 'portal:guard' },
      },
      {
        path: 'portal/good-deeds',
        name: 'portal-good-deeds',
        component: () => import('@/views/portal/PortalGoodDeeds.vue'),
        meta: { title: '好人好事', group: '企业服务', permission: 'portal:good_deed' },
      },
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
