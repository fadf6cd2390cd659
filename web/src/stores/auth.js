import { defineStore } from 'pinia'
import * as authApi from '@/api/auth'
import { setCsrfToken, getCsrfToken } from '@/api/http'
import { clearReferenceCache } from '@/api/reference'
import { useOrgTreeStore } from './orgTree'
import { usePortalStore } from './portal'
import { clearDictionaries } from '@/api/industry'

export const useAuthStore = defineStore('auth', {
  state: () => ({
    // The CSRF token of the current session (sessionStorage survives a reload, not a new tab). Kept
    // here as state so that `hasSession` follows sign-in and sign-out: a getter that read
    // sessionStorage itself would track nothing and keep its first value for good.
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
    hasSession: (s) => !!s.csrfToken,
    permSet: (s) => new Set(s.permissions || []),
    /** company accounts (企业端) are named after their company; officers after their org */
    isCompany: (s) => !!(s.user && s.user.kind === 'company'),
    orgName: (s) =>
      s.user && s.user.kind === 'company' ? s.user.name || '' : (s.org && s.org.name) || (s.user && s.user.orgName) || '',
    /** flat list of menu leaves: [{key,title,path,permission,group}] */
    menuLeaves: (s) =>
      (s.menus || []).flatMap((g) =>
        g.children && g.children.length
          ? g.children.map((c) => ({ ...c, group: g.title, groupKey: g.key, groupIcon: g.icon }))
          : g.path ? [{ ...g, group: '' }] : [],
      ),
  },
  actions: {
    hasPerm(code) {
      if (!code) return true
      const set = this.permSet
      if (set.has('*') || set.has(code)) return true
      const mod = String(code).split(':')[0]
      return set.has(`${mod}:*`)
    },
    async login(account, password) {
      const res = await authApi.login(account, password)
      setCsrfToken(res.csrfToken)
      this.csrfToken = res.csrfToken || ''
      this.mustChangePassword = !!res.mustChangePassword
      this.user = res.user || null
      this.loaded = false
      clearReferenceCache()
      clearDictionaries()
      usePortalStore().$reset()
      return res
    },
    async fetchMe(opts) {
      const me = await authApi.fetchMe(opts)
      this.user = me.user || null
      this.org = me.org || null
      this.permissions = me.permissions || []
      this.dataScope = me.dataScope || null
      this.menus = me.menus || []
      this.mustChangePassword = !!(me.user && me.user.mustChangePassword)
      this.loaded = true
      return me
    },
    clear() {
      setCsrfToken('')
      this.$reset()
      useOrgTreeStore().$reset()
      usePortalStore().$reset()
      clearReferenceCache()
      clearDictionaries()
    },
    async logout() {
      try {
        await authApi.logout()
      } catch (_) {
        /* the session may already be gone */
      }
      this.clear()
    },
  },
})
