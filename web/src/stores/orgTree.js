// The caller's visible org tree (GET /orgs/tree), shared by the tree panels,
// the org tree-selects and the role data-scope tree.
import { defineStore } from 'pinia'
import { getOrgTree } from '@/api/system'

export const useOrgTreeStore = defineStore('orgTree', {
  state: () => ({ items: [], loaded: false, loading: null }),
  getters: {
    byId: (s) => {
      const map = new Map()
      const walk = (nodes, parent) =>
        (nodes || []).forEach((n) => {
          map.set(n.id, { node: n, parent })
          walk(n.children, n)
        })
      walk(s.items, null)
      return map
    },
  },
  actions: {
    /** `quiet`: no error toast (callers that can do without the tree, e.g. 行业信息 lists). */
    async load(force = false, { quiet = false } = {}) {
      if (this.loaded && !force) return this.items
      if (this.loading && !force) return this.loading
      this.loading = getOrgTree({ quiet })
        .then((res) => {
          this.items = res.items || []
          this.loaded = true
          return this.items
        })
        .finally(() => {
          this.loading = null
        })
      return this.loading
    },
    /** path of names from a root down to id */
    namePath(id) {
      const out = []
      let cur = this.byId.get(id)
      while (cur) {
        out.unshift(cur.node.name)
        cur = cur.parent ? this.byId.get(cur.parent.id) : null
      }
      return out
    },
  },
})
