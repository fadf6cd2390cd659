// The caller's visible org tree (GET /orgs/tree), shared by the tree panels,
// the org tree-selects and the role data-scope tree.
import { defineStore } from 'pinia'
import { getOrgTree } from '@/api/system'
import type { OrgNode } from '@/types/api'

export interface OrgTreeEntry {
  node: OrgNode
  parent: OrgNode | null
}

interface OrgTreeState {
  items: OrgNode[]
  loaded: boolean
  loading: Promise<OrgNode[]> | null
}

export const useOrgTreeStore = defineStore('orgTree', {
  state: (): OrgTreeState => ({ items: [], loaded: false, loading: null }),
  getters: {
    byId: (s): Map<number, OrgTreeEntry> => {
      const map = new Map<number, OrgTreeEntry>()
      const walk = (nodes: OrgNode[] | undefined, parent: OrgNode | null) =>
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
    async load(force = false, { quiet = false }: { quiet?: boolean } = {}): Promise<OrgNode[]> {
      if (this.loaded && !force) return this.items
      if (this.loading && !force) return this.loading
      const loading = getOrgTree({ quiet })
        .then((res) => {
          this.items = res.items || []
          this.loaded = true
          return this.items
        })
        .finally(() => {
          this.loading = null
        })
      this.loading = loading
      return loading
    },
    /** path of names from a root down to id */
    namePath(id: number): string[] {
      const out: string[] = []
      let cur = this.byId.get(id)
      while (cur) {
        out.unshift(cur.node.name)
        cur = cur.parent ? this.byId.get(cur.parent.id) : undefined
      }
      return out
    },
  },
})
