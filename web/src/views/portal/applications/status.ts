// How the portal shows an application's state: the status tag, the time left, what the applicant may do.
import type { TagType } from '@/types/api'
import { formatTime } from '@/utils/time'

export const STATUS_OPTIONS = [
  { code: 'draft', name: '草稿' },
  { code: 'submitted', name: '待受理' },
  { code: 'correction', name: '待补正' },
  { code: 'in_review', name: '审查中' },
  { code: 'paused', name: '特别程序中' },
  { code: 'returned', name: '已退回' },
  { code: 'refused', name: '不予受理' },
  { code: 'withdrawn', name: '已撤回' },
  { code: 'granted', name: '准予许可' },
]

const TAGS: Record<string, TagType | ''> = {
  draft: 'info',
  submitted: 'primary',
  correction: 'warning',
  in_review: 'primary',
  paused: 'warning',
  returned: 'danger',
  refused: 'danger',
  withdrawn: 'info',
  granted: 'success',
}
export const statusTag = (status: string): TagType | undefined => TAGS[status] || undefined

/** The applicant may change the form: a draft, a case asked for 补正, a case returned (不同意). */
export const canEdit = (status: string): boolean => status === 'draft' || status === 'correction' || status === 'returned'
/** Submitting sends the saved form (a draft, or a corrected / returned case). */
export const canSubmit = canEdit
/** Before 受理 the applicant may take the application back (a draft is simply left). */
export const canWithdraw = (status: string): boolean => status === 'submitted' || status === 'correction' || status === 'returned'
export const isGranted = (status: string): boolean => status === 'granted'

export interface TimeLeft {
  text: string
  /** without the date: what a list column shows (the date in its tooltip) */
  short: string
  /** '' normal, warning (less than 20 % left), danger (overdue) */
  tone: '' | 'warning' | 'danger'
}

/**
 * The time left on a running case: "剩余 3 个工作日(12月14日前)", "今日到期", "已超期 2 个工作日";
 * null when the clock does not run (draft, decided, paused …: the server sends no dueAt).
 */
export function timeLeft(c: { dueAt: string | null; remainingWorkingDays: number | null; warning?: string }): TimeLeft | null {
  if (c.remainingWorkingDays === null || c.remainingWorkingDays === undefined || !c.dueAt) return null
  const n = c.remainingWorkingDays
  const tone = c.warning === 'red' || n < 0 ? 'danger' : c.warning === 'yellow' ? 'warning' : ''
  const due = formatTime(c.dueAt, 'M月D日')
  if (n < 0) return { text: `已超期 ${-n} 个工作日`, short: `已超期 ${-n} 个工作日`, tone }
  if (n === 0) return { text: `今日到期(${due})`, short: '今日到期', tone }
  return { text: `剩余 ${n} 个工作日(${due}前)`, short: `剩余 ${n} 个工作日`, tone }
}
