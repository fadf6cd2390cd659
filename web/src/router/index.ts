import { createRouter, createWebHashHistory, type RouteComponent, type RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { usePortalStore } from '@/stores/portal'

declare module 'vue-router' {
  interface RouteMeta {
    /** reachable without a session */
    public?: boolean
    /** the title of a page that is not in the server's menu catalog (login, errors, the guide) */
    title?: string
    /** reachable while the password must be changed */
    allowWhileMustChange?: boolean
    /** a page of the server's menu catalog: open to a user whose menus hold its path, 403 otherwise */
    menu?: boolean
    /** a page outside the menus that needs a permission */
    permission?: string
    /** the company's first-login guide */
    guide?: boolean
    /** the menu page a page belongs to (its breadcrumbs and the highlighted menu entry) */
    parent?: string
    /** open to a user whose menus hold this path (a page under a menu page: a §5 case's 查看) */
    menuOf?: string
  }
}

interface MenuPage {
  component: () => Promise<RouteComponent>
  props?: Record<string, unknown>
  /** the page has a detail page at <path>/<id> (its rows' 查看), open to whoever may open the list */
  detail?: { component: () => Promise<RouteComponent>; props?: Record<string, unknown> }
  /** a full-screen page outside the main layout (地图可视化, §7: its own header, 管理模式 returns home) */
  bare?: boolean
}

const registry = (resource: string): MenuPage => ({
  component: () => import('@/views/industry/RegistryPage.vue'),
  props: { resource },
})

/**
 * A §5 list of the cases of one business type (许可 / 备案 / 变更: ApplicationCaseList, driven by the type's
 * declaration; its title is the menu entry's) and its case's read-only page at <path>/<id> (CasePage).
 */
const caseList = (businessType: string): MenuPage => ({
  component: () => import('@/views/licensing/ApplicationCaseList.vue'),
  props: { businessType },
  detail: { component: () => import('@/views/approval/CasePage.vue'), props: { viewOnly: true } },
})

/** The issued licences of one licensing business type (LicenceList). */
const licenceList = (businessType: string): MenuPage => ({
  component: () => import('@/views/licensing/LicenceList.vue'),
  props: { businessType },
})

/**
 * The pages of the main layout, by the path the server's menu catalog gives them (GET /auth/me `menus`,
 * server/src/core/catalog.cpp). The SPA keeps no titles or permissions for these: the menu entry of the
 * signed-in user names the page (side menu, breadcrumbs, document title) and a page whose path is not
 * among the user's menus answers 403. Every view is lazy-loaded (one chunk each).
 * A test (server/tests/api/spa.test.mjs) checks that every menu path of the server has a page here.
 */
export const MENU_PAGES: Record<string, MenuPage> = {
  '/system/orgs': { component: () => import('@/views/system/OrgList.vue') },
  '/system/roles': { component: () => import('@/views/system/RoleList.vue') },
  '/system/users': { component: () => import('@/views/system/UserList.vue') },
  '/system/audit-logs': { component: () => import('@/views/system/AuditLogList.vue') },
  '/system/login-logs': { component: () => import('@/views/system/LoginLogList.vue') },
  '/system/sms': { component: () => import('@/views/system/SmsMessageList.vue') },
  '/system/calendar': { component: () => import('@/views/system/CalendarPage.vue') },
  '/system/watch-list': { component: () => import('@/views/system/WatchList.vue') },
  '/system/workflows': { component: () => import('@/views/system/WorkflowList.vue') },
  // 行业信息 (police side): four registries on one generic page, guards and good deeds read only
  '/industry/associations': registry('associations'),
  '/industry/companies': registry('companies'),
  '/industry/inhouse-units': registry('inhouse-units'),
  '/industry/training-units': registry('training-units'),
  '/industry/guards': { component: () => import('@/views/industry/GuardList.vue') },
  '/industry/good-deeds': { component: () => import('@/views/industry/GoodDeedList.vue') },
  // 待办事项 (§4.1)
  '/approval/todo': { component: () => import('@/views/approval/TodoPage.vue') },
  // 许可管理 (§5.1–5.3)
  '/licensing/company-licence-cases': caseList('company_licence'),
  '/licensing/licences': licenceList('company_licence'),
  '/licensing/training-licence-cases': caseList('training_licence'),
  '/licensing/training-licences': licenceList('training_licence'),
  // 备案管理 (§5.4–5.7)
  '/filing/branch-filing-cases': caseList('branch_filing'),
  '/filing/inhouse-filing-cases': caseList('inhouse_filing'),
  '/filing/cross-region-filing-cases': caseList('cross_region_filing'),
  '/filing/annual-report-cases': caseList('annual_report'),
  // 变更管理 (§5.8)
  '/change/licence-change-cases': caseList('licence_change'),
  '/change/inhouse-revocation-cases': caseList('inhouse_revocation'),
  // 保安员资格许可 (§6): 考试报名 (read only; 查看 opens the engine case read only), 考试安排, 保安员资格证
  '/exam/registrations': {
    component: () => import('@/views/qualification/RegistrationList.vue'),
    props: { side: 'police' },
    detail: { component: () => import('@/views/approval/CasePage.vue'), props: { viewOnly: true } },
  },
  '/exam/exams': { component: () => import('@/views/qualification/ExamList.vue') },
  '/exam/certificates': { component: () => import('@/views/qualification/CertificateList.vue') },
  // 建议管理 (§9): 市民意见建议
  '/supervision/feedback': { component: () => import('@/views/supervision/FeedbackList.vue') },
  // 建议管理 (§9)
  '/supervision/flagged-persons': { component: () => import('@/views/supervision/FlaggedPersonList.vue') },
  // 统计管理 (§8): one shared page shape (components/statistics/StatsPage.vue)
  '/stats/approvals': { component: () => import('@/views/statistics/ApprovalAnalysis.vue') },
  '/stats/exam-registrations': { component: () => import('@/views/statistics/ExamRegistrationAnalysis.vue') },
  '/stats/exam-figures': { component: () => import('@/views/statistics/ExamFigures.vue') },
  '/stats/companies': { component: () => import('@/views/statistics/CompanyAnalysis.vue') },
  '/stats/guards': { component: () => import('@/views/statistics/GuardAnalysis.vue') },
  '/stats/company-query': { component: () => import('@/views/statistics/RegistryQuery.vue'), props: { kind: 'companies' } },
  '/stats/guard-query': { component: () => import('@/views/statistics/RegistryQuery.vue'), props: { kind: 'guards' } },
  // 企业服务 (company accounts only: their implicit portal:* permissions)
  // 建议管理 §9.1 监督检查情况管理, and the unit's 整改通知 on the portal
  '/supervision/inspections': { component: () => import('@/views/supervision/InspectionList.vue') },
  '/portal/rectifications': { component: () => import('@/views/portal/PortalRectifications.vue') },
  '/portal/applications': { component: () => import('@/views/portal/PortalApplications.vue') },
  '/portal/company': { component: () => import('@/views/portal/CompanyInfo.vue') },
  '/portal/guards': { component: () => import('@/views/portal/PortalGuards.vue') },
  '/portal/good-deeds': { component: () => import('@/views/portal/PortalGoodDeeds.vue') },
  '/portal/messages': { component: () => import('@/views/portal/PortalMessages.vue') },
  '/portal/flagged-guards': { component: () => import('@/views/portal/PortalFlaggedGuards.vue') },
  // 考试报名 (a person: their own registration; an employer or training unit: the people it registered)
  '/portal/exam-registrations': { component: () => import('@/views/qualification/PortalExamRegistration.vue') },
  // 任务 (issue 14): 企业服务 · 任务管理 and 紧急任务; 地图可视化 · 任务中心 (read only)
  '/portal/tasks': { component: () => import('@/views/tasks/PortalTasks.vue') },
  '/portal/emergency-tasks': { component: () => import('@/views/tasks/PortalEmergencyTasks.vue') },
  '/tasks': { component: () => import('@/views/tasks/TaskCenter.vue') },
  // 地图可视化 (§7): a full-screen view of its own (一键搜, 人员/公司/任务统计, 紧急任务; 管理模式 returns home)
  '/map': { component: () => import('@/views/map/MapScreen.vue'), bare: true },
}

/** The full-screen menu pages, at the top level (outside MainLayout). */
const bareRoutes: RouteRecordRaw[] = Object.entries(MENU_PAGES).filter(([, p]) => p.bare).map(([path, p]) => ({
  path,
  name: path.slice(1).replace('/', '-'),
  component: p.component,
  props: p.props,
  meta: { menu: true },
}))

const menuRoutes: RouteRecordRaw[] = Object.entries(MENU_PAGES).filter(([, p]) => !p.bare).flatMap(([path, p]): RouteRecordRaw[] => [
  {
    path: path.slice(1),
    name: path.slice(1).replace('/', '-'),
    component: p.component,
    props: p.props,
    meta: { menu: true },
  },
  ...(p.detail
    ? [{
      path: `${path.slice(1)}/:id(\\d+)`,
      name: `${path.slice(1).replace('/', '-')}-detail`,
      component: p.detail.component,
      props: p.detail.props,
      meta: { title: '查看', parent: path, menuOf: path },
    }]
    : []),
])

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/LoginPage.vue'),
    meta: { public: true, title: '登录' },
  },
  {
    // 单位注册: a company, training unit or in-house unit signs up for the portal (issues 11, 12)
    path: '/sign-up',
    name: 'sign-up',
    component: () => import('@/views/SignUpPage.vue'),
    meta: { public: true, title: '单位注册' },
  },
  {
    // 市民投诉建议 (§9.2): the citizen's public page (no sign-in), linked from the login page and the portal
    path: '/feedback',
    name: 'feedback',
    component: () => import('@/views/FeedbackPage.vue'),
    meta: { public: true, title: '市民投诉建议' },
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
  ...bareRoutes,
  {
    path: '/',
    component: () => import('@/layout/MainLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('@/views/HomePage.vue'), meta: { title: '首页' } },
      ...menuRoutes,
      // 业务申请: one application (new, edit, view); the applicant's own, checked by the server
      {
        path: 'portal/applications/new/:type',
        name: 'portal-application-new',
        component: () => import('@/views/portal/ApplicationEdit.vue'),
        props: true,
        meta: { title: '填写申请', permission: 'portal:application', parent: '/portal/applications' },
      },
      {
        path: 'portal/applications/:id(\\d+)/edit',
        name: 'portal-application-edit',
        component: () => import('@/views/portal/ApplicationEdit.vue'),
        props: true,
        meta: { title: '修改申请', permission: 'portal:application', parent: '/portal/applications' },
      },
      {
        path: 'portal/applications/:id(\\d+)',
        name: 'portal-application',
        component: () => import('@/views/portal/ApplicationDetail.vue'),
        props: true,
        meta: { title: '办件详情', permission: 'portal:application', parent: '/portal/applications' },
      },
      {
        // 审批 (§4.1.1) of one case, from 待办 / 已办 and (?view=1, without the actions) the §5 lists
        path: 'approval/cases/:id(\\d+)',
        name: 'approval-case',
        component: () => import('@/views/approval/CasePage.vue'),
        meta: { title: '审批', permission: 'approval:view', parent: '/approval/todo' },
      },
      { path: '403', name: 'forbidden', component: () => import('@/views/error/ForbiddenPage.vue'), meta: { title: '无权访问' } },
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
  const toLogin = { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  if (!auth.hasSession) {
    return toLogin
  }
  if (!auth.loaded) {
    try {
      await auth.fetchMe({ skipAuthRedirect: true, quiet: true })
    } catch {
      // the session is gone (401) or the server cannot say who we are: sign in again
      auth.clear()
      return toLogin
    }
  }
  if (auth.mustChangePassword && !to.meta.allowWhileMustChange) {
    return { name: 'change-password' }
  }
  if (!auth.mustChangePassword && to.name === 'change-password') {
    return { name: 'home' }
  }
  const forbidden = { name: 'forbidden', query: { from: to.fullPath } }
  if (to.meta.menu && !auth.menuLeafAt(to.path)) return forbidden
  if (to.meta.menuOf && !auth.menuLeafAt(to.meta.menuOf)) return forbidden
  if (to.meta.permission && !auth.hasPerm(to.meta.permission)) return forbidden
  // a company that has not completed the first-login guide sees nothing else
  if (auth.isCompany && !to.meta.allowWhileMustChange) {
    const portal = usePortalStore()
    try {
      await portal.load()
    } catch {
      /* 401 is routed by the http layer; otherwise let the pages report */
      return to.meta.guide ? { name: 'home' } : true
    }
    if (!portal.initialized && !to.meta.guide) return { name: 'portal-guide' }
    if (portal.initialized && to.meta.guide) return { name: 'home' }
  } else if (to.meta.guide) {
    return forbidden
  }
  return true
})

/** The title of a route: its menu entry's (the server's catalog), else its own. */
export function pageTitle(path: string, own?: string): string {
  return useAuthStore().menuLeafAt(path)?.title || own || ''
}

router.afterEach((to) => {
  const title = pageTitle(to.path, to.meta.title)
  document.title = title ? `${title} - 保安服务监管信息系统` : '保安服务监管信息系统'
})

export default router
