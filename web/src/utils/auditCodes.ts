// Chinese labels for the audit log's action and target-type codes.
import type { CodeName } from '@/types/api'

const pairs = (list: [string, string][]): CodeName[] => list.map(([code, name]) => ({ code, name }))

export const AUDIT_ACTIONS = pairs([
  ['create', '新增'],
  ['update', '修改'],
  ['delete', '删除'],
  ['enable', '启用'],
  ['disable', '停用'],
  ['unlock', '解锁'],
  ['reset_password', '重置密码'],
  ['change_password', '修改密码'],
  ['view_pii', '查看完整个人信息'],
  ['import', '导入'],
  ['export', '导出'],
  ['approve', '审批'],
  ['print', '打印'],
  ['end', '结束'],
  ['background_check', '背景审查'],
])

export const AUDIT_TARGETS = pairs([
  ['org', '机构'],
  ['role', '角色'],
  ['user', '用户'],
  ['calendar', '工作日历'],
  ['watch_list', '名单'],
])

const label = (list: CodeName[], code: string | null | undefined) => list.find((x) => x.code === code)?.name || code || ''
export const actionName = (code: string | null | undefined): string => label(AUDIT_ACTIONS, code)
export const targetName = (code: string | null | undefined): string => label(AUDIT_TARGETS, code)
