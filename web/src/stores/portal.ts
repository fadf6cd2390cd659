// The company portal's own company record (GET /portal/company), shared by the router guard (the
// first-login guide), the home page and 企业信息.
import { defineStore } from 'pinia'
import { getPortalCompany } from '@/api/industry'
import type { PortalCompany } from '@/types/api'

interface PortalState {
  company: PortalCompany | null
  loading: Promise<PortalCompany> | null
}

export const usePortalStore = defineStore('portal', {
  state: (): PortalState => ({ company: null, loading: null }),
  getters: {
    initialized: (s): boolean => !!s.company?.initialized,
  },
  actions: {
    async load(force = false): Promise<PortalCompany> {
      if (this.company && !force) return this.company
      if (this.loading && !force) return this.loading
      const loading = getPortalCompany({ quiet: true })
        .then((c) => {
          this.company = c
          return c
        })
        .finally(() => {
          this.loading = null
        })
      this.loading = loading
      return loading
    },
    set(company: PortalCompany): void {
      this.company = company
    },
  },
})
