// The portal's bell: unread = messages after the newest one this browser showed on 消息通知, per account.
import { beforeEach, describe, expect, test, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { usePortalMessagesStore } from '@/stores/portalMessages'
import { listPortalMessages, type PortalMessage } from '@/api/portalApplications'

vi.mock('@/api/portalApplications', () => ({ listPortalMessages: vi.fn() }))

const msg = (id: number): PortalMessage => ({ id, applicationId: 1, title: '补正告知', body: '…', createdAt: '2026-12-07T10:00:00+08:00', readAt: null })

describe('portal messages', () => {
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
  })

  test('every message is unread until the page showed them; new ones count again', async () => {
    vi.mocked(listPortalMessages).mockResolvedValue([msg(3), msg(2)])
    const s = usePortalMessagesStore()
    await s.load('91610404MA6X00001K')
    expect(s.unread).toBe(2)
    s.markAllSeen()
    expect(s.unread).toBe(0)
    vi.mocked(listPortalMessages).mockResolvedValue([msg(5), msg(3), msg(2)])
    await s.load('91610404MA6X00001K')
    expect(s.unread).toBe(1)
  })

  test('what was seen is kept per account (another account starts afresh)', async () => {
    vi.mocked(listPortalMessages).mockResolvedValue([msg(7)])
    const s = usePortalMessagesStore()
    await s.load('A')
    s.markAllSeen()
    setActivePinia(createPinia())
    const again = usePortalMessagesStore()
    await again.load('A')
    expect(again.unread).toBe(0)
    await again.load('B')
    expect(again.unread).toBe(1)
  })
})
