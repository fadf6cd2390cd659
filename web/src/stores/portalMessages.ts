// The portal messages of the signed-in account (GET /portal/messages): what the header's bell counts.
// The server keeps no read mark the portal can set, so "unread" is what arrived after the newest
// message this browser showed on 消息通知 (kept per account in localStorage).
import { defineStore } from 'pinia'
import { listPortalMessages, type PortalMessage } from '@/api/portalApplications'

const seenKey = (account: string) => `baoan.messagesSeen.${account}`

interface State {
  items: PortalMessage[]
  account: string
  seenId: number
  loaded: boolean
}

export const usePortalMessagesStore = defineStore('portalMessages', {
  state: (): State => ({ items: [], account: '', seenId: 0, loaded: false }),
  getters: {
    unread: (s): number => s.items.filter((m) => m.id > s.seenId && !m.readAt).length,
  },
  actions: {
    async load(account: string): Promise<PortalMessage[]> {
      if (account !== this.account) {
        this.account = account
        this.seenId = Number(localStorage.getItem(seenKey(account)) || 0)
      }
      this.items = await listPortalMessages({ quiet: true })
      this.loaded = true
      return this.items
    },
    /** Everything listed now counts as read. */
    markAllSeen(): void {
      const newest = this.items.reduce((m, x) => Math.max(m, x.id), 0)
      this.seenId = Math.max(this.seenId, newest)
      if (this.account) localStorage.setItem(seenKey(this.account), String(this.seenId))
    },
  },
})
