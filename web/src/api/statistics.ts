// 统计管理 (manual §8, issue 14): the figures of each page (server/src/modules/statistics). Every
// figure equals the total of the list its 详情 opens with the same filter.
import http from './http'

export interface StatsParams {
  /** YYYY-MM-DD */
  from?: string
  to?: string
  regionCode?: string
  businessType?: string
}

export type Rate = number | null

export interface CaseFigures {
  received: number
  decided: number
  approved: number
  rejected: number
  refused: number
  returned: number
  withdrawn: number
  inProgress: number
  passRate: Rate
  avgWorkingDays: number | null
  maxWorkingDays: number | null
  onTimeRate: Rate
  promisedOnTimeRate: Rate
}
export interface StepFigures {
  stepIndex: number
  name: string
  received: number
  decided: number
  approved: number
  inProgress: number
  avgWorkingDays: number | null
  maxWorkingDays: number | null
  onTimeRate: Rate
  promisedOnTimeRate: Rate
}
export interface ApprovalStats {
  from: string
  to: string
  regionCode: string
  regionName: string
  total: CaseFigures
  types: (CaseFigures & { businessType: string; name: string; steps: StepFigures[] })[]
  regions: (CaseFigures & { regionCode: string; name: string })[]
  months: (CaseFigures & { month: string })[]
}

export interface ExamFigures {
  registered: number
  examined: number
  passed: number
  passRate: Rate
  certified: number
}
export interface ExamRegistrationStats {
  from: string
  to: string
  regionCode: string
  regionName: string
  /** the prefix the registration list takes as householdRegion */
  householdRegion: string
  total: number
  certificatesIssued: number
  summary: ExamFigures
  statuses: { status: string; name: string; count: number }[]
  months: { month: string; registered: number; certificatesIssued: number }[]
  regions: (ExamFigures & { regionCode: string; name: string })[]
}

export interface CompanyInitStats {
  regionCode: string
  regionName: string
  /** the prefix the company list takes as regionCode */
  regionPrefix: string
  total: number
  initialized: number
  notInitialized: number
  initializedRate: Rate
  regions: { regionCode: string; name: string; total: number; initialized: number; notInitialized: number; initializedRate: Rate }[]
}

export interface GuardFigures {
  employed: number
  newHires: number
  leavers: number
  certified: number
  certifiedRate: Rate
  realNameVerified: number
  realNameRate: Rate
  appInitialized: number
  appInitializedRate: Rate
}
export interface GuardAnalysisStats extends GuardFigures {
  from: string
  to: string
  regionCode: string
  regionName: string
  regions: (GuardFigures & { regionCode: string; name: string })[]
  months: { month: string; newHires: number; leavers: number }[]
}

export const getApprovalStats = (p: StatsParams) => http.get<ApprovalStats>('/stats/approvals', { params: p })
export const getExamRegistrationStats = (p: StatsParams) => http.get<ExamRegistrationStats>('/stats/exam-registrations', { params: p })
export const getCompanyInitStats = (p: StatsParams) => http.get<CompanyInitStats>('/stats/companies/initialization', { params: p })
export const getGuardAnalysis = (p: StatsParams) => http.get<GuardAnalysisStats>('/stats/guards/analysis', { params: p })

/** "6104" for 610400: the list filters take a region prefix (the region and everything below it). */
export const regionPrefix = (code: string) => (code.length === 6 ? code.replace(/(00)+$/, '') : code)
/** 0.8333 → "83.3%"; null → "—" */
export const percent = (r: Rate | undefined) => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`)
