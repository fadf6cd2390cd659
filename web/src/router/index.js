import { createRouter, createWebHashHistory } from 'vue-router'
import { useAuthStore } from '@/stores/auth'

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
  return true
})

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} - 保安服务监管信息系统` : '保安服务监管信息系统'
})

export default router
