// The server's dictionaries (GET /dictionaries: {key: [{code, name, tag}]}), read once per session and
// shared by DictTag, the selects and the labels of codes. Until they arrived, lookups find nothing.
import { defineStore } from 'pinia'
import { getDictionaries } from '@/api/reference'
import type { DictItem, Dictionaries } from '@/types/api'

/** A code as the dictionaries spell it: booleans become 'true' / 'false'. */
export const dictCode = (code: string | number | boolean | null | undefined): string =>
  code === null || code === undefined ? '' : String(code)

interface DictState {
  all: Dictionaries
  loaded: boolean
}

export const useDictStore = defineStore('dict', {
  state: (): DictState => ({ all: {}, loaded: false }),
  actions: {
    /** Load once; a failure is shown by the http layer and leaves the lookups empty. */
    async load(): Promise<Dictionaries> {
      if (!this.loaded) {
        const all = await getDictionaries()
        this.all = all
        this.loaded = true
      }
      return this.all
    },
    items(key: string): DictItem[] {
      return this.all[key] || []
    },
    item(key: string, code: string | number | boolean | null | undefined): DictItem | undefined {
      const c = dictCode(code)
      return this.items(key).find((i) => i.code === c)
    },
    /** The name of a code; the code itself when the dictionary does not know it. */
    name(key: string, code: string | number | boolean | null | undefined): string {
      return this.item(key, code)?.name ?? dictCode(code)
    },
  },
})
