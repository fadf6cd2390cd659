// Chinese labels for the audit log's action and target-type codes.
export const AUDIT_ACTIONS = [
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
].map(([code, name]) => ({ code, name }))

export const AUDIT_TARGETS = [
  ['org', '机构'],
  ['role', '角色'],
  ['user', '用户'],
].map(([code, name]) => ({ code, name }))

const label = (list, code) => (list.find((x) => x.code === code) || {}).name || code || ''
export const actionName = (code) => label(AUDIT_ACTIONS, code)
export const targetName = (code) => label(AUDIT_TARGETS, code)
