// The filters of both service-task lists (企业服务 · 任务管理; 任务中心 adds its own after them).
import type { SearchField } from '@/composables/useListPage'
import { TASK_STATUSES, TASK_TYPES } from '@/api/tasks'

export const TASK_SEARCH: SearchField[] = [
  { key: 'name', label: '任务名称' },
  { key: 'type', label: '任务类型', type: 'select', options: TASK_TYPES },
  { key: 'status', label: '状态', type: 'select', options: TASK_STATUSES },
]
