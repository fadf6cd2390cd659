import { defineStore } from 'pinia'
import * as authApi from '@/api/auth'
import { setCsrfToken, getCsrfToken, type RequestOptions } from '@/api/http'
import { clearReferenceCache } from '@/api/reference'
import { menuPath } from '@/utils/menu'
import type { LoginAnswer, Me, MenuGroup, MenuItem, SessionDataScope, SessionOrg, SessionUser } from '@/types/api'
import { useOrgTreeStore } from './orgTree'
import { usePortalStore } from './portal'
import { useDictStore } from './dict'

/** A menu page of the signed-in user, with its group (what the breadcrumbs and the home page show). */
export interface MenuLeaf extends MenuItem {
  group: string
  groupKey?: string
  groupIcon?: string
}

interface AuthState {
  /**
   * The CSRF token of the current session (sessionStorage survives a reload, not a new tab). Kept here
   * as state so that `hasSession` follows sign-in and sign-out: a getter that read sessionStorage
   * itself would track nothing and keep its first value for good.
   */
  csrfToken: string
  loaded: boolean
  user: SessionUser | null
  org: SessionOrg | null
  permissions: string[]
  dataScope: SessionDataScope | null
  menus: MenuGroup[]
  mustChangePassword: boolean
}

/** Does a set of granted codes allow `code`? `*` allows all, `<module>:*` a whole module. */
export function grants(granted: ReadonlySet<string>, code: string | null | undefined): boolean {
  if (!code) return true
  if (granted.has('*') || granted.has(code)) return true
  return granted.has(`${code.split(':')[0]}:*`)
}

export const useAuthStore = defineStore('auth', {
  state: (): AuthState => ({
    csrfToken: getCsrfToken(),
    loaded: false,
    user: null,
    org: null,
    permissions: [],
    dataScope: null,
    menus: [],
    mustChangePassword: false,
  }),
  getters: {
    hasSession: (s): boolean => !!s.csrfToken,
    permSet: (s): Set<string> => new Set(s.permissions),
    /** company accounts (企业端) are named after their company; officers after their org */
    isCompany: (s): boolean => s.user?.kind === 'company',
    /** a company that signed up on the portal and has no licence yet (业务申请 only) */
    isApplicant: (s): boolean => s.user?.kind === 'applicant',
    /** a 个人 account (保安员资格考试报名, issue 13): signed up with unitKind person; its account is the holder's ID number */
    isPerson: (s): boolean => s.user?.unitKind === 'person',
    orgName: (s): string =>
      s.user?.kind === 'company' || s.user?.kind === 'applicant' ? s.user.name || '' : s.org?.name || s.user?.orgName || '',
    /** every menu page of the user, flat, in the server's order */
    menuLeaves: (s): MenuLeaf[] =>
      s.menus.flatMap((g) =>
        g.children && g.children.length
          ? g.children.map((c): MenuLeaf => ({ ...c, group: g.title, groupKey: g.key, groupIcon: g.icon }))
          : g.path
            ? [{ key: g.key, title: g.title, path: g.path, permission: g.permission || '', icon: g.icon, group: '' }]
            : [],
      ),
  },
  actions: {
    hasPerm(code: string | null | undefined): boolean {
      return grants(this.permSet, code)
    },
    /** The menu page at a route path (`/system/orgs`), if the signed-in user has it. */
    menuLeafAt(path: string): MenuLeaf | undefined {
      return this.menuLeaves.find((m) => menuPath(m.path) === path)
    },
    async login(account: string, password: string): Promise<LoginAnswer> {
      const res = await authApi.login(account, password)
      setCsrfToken(res.csrfToken)
      this.csrfToken = res.csrfToken || ''
      this.mustChangePassword = !!res.mustChangePassword
      this.user = res.user || null
      this.loaded = false
      this.forgetCaches()
      return res
    },
    async fetchMe(opts?: RequestOptions): Promise<Me> {
      const me = await authApi.fetchMe(opts)
      this.user = me.user || null
      this.org = me.org || null
      this.permissions = me.permissions || []
      this.dataScope = me.dataScope || null
      this.menus = me.menus || []
      this.mustChangePassword = !!me.user?.mustChangePassword
      this.loaded = true
      return me
    },
    /** What another account must not inherit: the org tree, the portal's company, reference data. */
    forgetCaches(): void {
      useOrgTreeStore().$reset()
      usePortalStore().$reset()
      useDictStore().$reset()
      clearReferenceCache()
    },
    clear(): void {
      setCsrfToken('')
      this.$reset()
      this.forgetCaches()
    },
    async logout(): Promise<void> {
      try {
        await authApi.logout()
      } catch {
        /* the session may already be gone */
      }
      this.clear()
    },
  },
})
