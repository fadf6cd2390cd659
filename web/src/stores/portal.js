// The company portal's own company record (GET /portal/company), shared by the router guard (the
// first-login guide), the home page and 企业信息.
import { defineStore } from 'pinia'
import { getPortalCompany } from '@/api/industry'

export const usePortalStore = defineStore('portal', {
  state: () => ({ company: null, loading: null }),
  getters: {
    initialized: (s) => !!(s.company && s.company.initialized),
  },
  actions: {
    async load(force = false) {
      if (this.company && !force) return this.company
      if (this.loading && !force) return this.loading
      this.loading = getPortalCompany({ quiet: true })
        .then((c) => {
          this.company = c
          return c
        })
        .finally(() => {
          this.loading = null
        })
      return this.loading
    },
    set(company) {
      this.company = company
    },
  },
})
