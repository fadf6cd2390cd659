// The guard search of 行业信息 · 保安员管理 and 企业服务 · 保安员管理 (ListSearch fields):
// 姓名, 身份证号, 手机号, (所在公司: the police side also searches by employer name,) 在职状态.
import type { SearchField } from '@/composables/useListPage'

export const guardSearch = ({ withCompany = false } = {}): SearchField[] => [
  { key: 'name', label: '姓名' },
  { key: 'idNo', label: '身份证号' },
  { key: 'mobile', label: '手机号' },
  ...(withCompany ? [{ key: 'companyName', label: '所在公司', placeholder: '请输入公司名称' }] : []),
  { key: 'employed', label: '在职状态', type: 'select', dict: 'employmentStatuses' },
]
