import type { CodeName, ScopeKind } from '@/types/api'

export const SCOPE_KINDS: (CodeName & { code: ScopeKind })[] = [
  { code: 'all', name: '全部数据' },
  { code: 'org_and_below', name: '所在机构及下级机构数据' },
  { code: 'org', name: '所在机构数据' },
  { code: 'custom', name: '指定机构数据' },
  { code: 'self', name: '仅本人数据' },
]
export const scopeName = (code: string | null | undefined): string => SCOPE_KINDS.find((k) => k.code === code)?.name || code || ''
