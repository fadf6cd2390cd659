// The shapes of the API answers the SPA reads (docs/openapi.yaml is the authority). Only the fields
// the pages use are listed; the server may send more.

/** A page of a server-paged list. */
export interface Page<T> {
  items: T[]
  total: number
  page?: number
  size?: number
}

export interface Items<T> {
  items: T[]
}

export interface CodeName {
  code: string
  name: string
}

/** Element Plus tag types (a dictionary item's `tag`; '' is the default look). */
export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

export interface DictItem extends CodeName {
  tag: TagType | ''
}

/** GET /dictionaries: every dictionary by key (serviceScopes, companyStatuses, smsStatuses …). */
export type Dictionaries = Record<string, DictItem[]>

// ---- session -------------------------------------------------------------------------------------

/**
 * applicant: a company that signed up for its licence (portal:application only); training_unit /
 * inhouse_unit: units that signed up; person: a 个人 account (保安员资格考试报名, issue 13), signs in with the ID number
 */
export type UserKind = 'officer' | 'company' | 'applicant' | 'training_unit' | 'inhouse_unit' | 'person'

export interface SessionUser {
  id: number
  account: string
  name: string
  kind: UserKind
  /** what a portal account signed up as; null for officers */
  unitKind?: 'company' | 'training_unit' | 'inhouse_unit' | 'person' | null
  isPolice?: boolean
  policeNo?: string | null
  mobile?: string
  orgId?: number
  orgName?: string
  loginCount?: number
  lastLoginAt?: string | null
  mustChangePassword?: boolean
}

export interface SessionOrg {
  id: number
  name: string
  type?: string
  regionCode?: string
  path?: string
}

export interface SessionDataScope {
  all: boolean
  subtreeOrgIds: number[]
  orgIds: number[]
  self: boolean
}

/** A menu entry of GET /auth/me: the server's catalog decides titles, paths and icons. */
export interface MenuItem {
  key: string
  title: string
  path: string
  permission: string
  icon?: string
}

export interface MenuGroup {
  key: string
  title: string
  icon?: string
  path?: string
  permission?: string
  children?: MenuItem[]
}

export interface Me {
  user: SessionUser
  org: SessionOrg | null
  permissions: string[]
  dataScope: SessionDataScope | null
  menus: MenuGroup[]
}

export interface LoginAnswer {
  token?: string
  csrfToken: string
  mustChangePassword: boolean
  user?: SessionUser
}

export interface SmsCodeAnswer {
  mobile: string
  expiresInSeconds: number
}

// ---- reference data ------------------------------------------------------------------------------

export interface Region {
  code: string
  name: string
  level?: string
  parent?: string | null
  hasChildren?: boolean
}

export interface RegionDetail extends Region {
  path?: CodeName[]
}

export interface PermissionModule {
  code: string
  name: string
  group?: string
  actions: CodeName[]
}

export interface PermissionCatalog {
  modules: PermissionModule[]
}

export interface ApprovalPost extends CodeName {
  level?: string
}

export interface BusinessType extends CodeName {
  posts: ApprovalPost[]
}

export interface ApprovalPosts {
  businessTypes: BusinessType[]
}

// ---- 系统管理 -------------------------------------------------------------------------------------

export interface OrgNode {
  id: number
  name: string
  type?: string
  regionCode?: string
  parentId?: number | null
  children?: OrgNode[]
}

export interface Org {
  id: number
  parentId: number | null
  parentName?: string | null
  name: string
  regionCode?: string
  regionName?: string
  phone?: string | null
  address?: string | null
  type?: string
  typeName?: string
}

export interface OrgBody {
  parentId?: number | null
  name: string
  regionCode: string
  phone: string
  address: string
  type: string
}

export type ScopeKind = 'all' | 'org_and_below' | 'org' | 'custom' | 'self'

export interface RoleRow {
  id: number
  orgId: number
  orgName?: string
  name: string
  dataScopeKind?: ScopeKind
  dataScopeName?: string
  permissionCount?: number
  userCount?: number
  createdAt?: string
}

export interface Role extends RoleRow {
  permissions: string[]
  dataScope?: { kind: ScopeKind; orgIds?: number[] }
}

export interface RoleBody {
  orgId?: number | null
  name: string
  permissions: string[]
  dataScope: { kind: ScopeKind; orgIds: number[] }
}

export interface AssignableRole {
  id: number
  name: string
  orgName?: string
}

export interface UserRow {
  id: number
  account: string
  name: string
  isPolice?: boolean
  policeNo?: string | null
  idNo?: string
  mobile?: string
  orgId: number
  orgName?: string
  enabled?: boolean
  locked?: boolean
  loginCount?: number
  lastLoginAt?: string | null
}

export interface User extends UserRow {
  approvalPosts?: Record<string, string>
  roleIds?: number[]
}

export interface UserBody {
  account?: string
  name: string
  isPolice: boolean
  policeNo: string
  idNo: string
  orgId: number | null
  mobile: string
  approvalPosts: Record<string, string>
  roleIds: number[]
}

// ---- logs ----------------------------------------------------------------------------------------

export interface AuditLog {
  id: number
  at: string
  account?: string
  userName?: string
  ip?: string
  action: string
  targetType?: string
  targetId?: string | number | null
  summary?: string
  requestId?: string
}

export interface LoginLog {
  id: number
  at: string
  account: string
  ip?: string
  userAgent?: string
  success: boolean
  reason?: string
}

export interface SmsMessage {
  id: number
  at: string
  mobile: string
  purpose: string
  content: string
  /** queued | sending | sent | failed (dictionary smsStatuses) */
  status: string
  provider: string
  /** what the outbox relay recorded */
  attempts: number
  lastError: string | null
  sentAt: string | null
}

// ---- 行业信息 and the portal ----------------------------------------------------------------------

/** A record of one of the four registries (associations, companies, inhouse-units, training-units). */
export interface RegistryRecord {
  id: number
  orgId?: number | null
  orgName?: string
  status?: string
  statusName?: string
  initialized?: boolean
  initializedAt?: string | null
  deregisteredOn?: string | null
  deregisterReason?: string | null
  guardCount?: number
  creditCode?: string
  createdAt?: string
  updatedAt?: string
  [field: string]: unknown
}

export type RegistryBody = Record<string, unknown>

/** GET /portal/company: the company's own record. */
export interface PortalCompany extends RegistryRecord {
  name: string
  selfEditable?: string[]
}

export interface Employment {
  employerName: string
  employerKind: string
  hiredOn: string
  leftOn?: string | null
}

export interface GuardRow {
  id: number
  name: string
  genderName?: string
  idNo: string
  mobile?: string | null
  employed: boolean
  employerName?: string | null
  hiredOn?: string | null
  leftOn?: string | null
  certificateNo?: string | null
  realNameVerified?: boolean
  appInitialized?: boolean
  photoFileId?: string | null
  ethnicity?: string | null
  educationName?: string | null
}

export interface GuardGoodDeed {
  title: string
  occurredOn: string
  companyName?: string
}

/** The task a guard is on now (GET /guards/{id}): a company's service task or an emergency task. */
export interface GuardCurrentTask {
  id: number
  name: string
  kind: 'task' | 'emergency'
  address: string
  lng: number
  lat: number
  startAt: string
  endAt: string
}

export interface Guard extends GuardRow {
  birthDate?: string | null
  householdAddress?: string | null
  currentAddress?: string | null
  education?: string | null
  certificateDate?: string | null
  employments?: Employment[]
  goodDeeds?: GuardGoodDeed[]
  /** §9.3 问题人员: the open flags of the screening (police side) */
  flags?: { id: number; state: string; reason: string; flaggedAt: string }[]
  flagged?: boolean
  /** police side: the task the guard is on now, null when none */
  currentTask?: GuardCurrentTask | null
}

export type GuardBody = Record<string, string | null>

export interface GoodDeed {
  id: number
  guardId: number
  guardName: string
  idNo: string
  mobile?: string | null
  companyName?: string
  title: string
  content: string
  occurredOn: string
  place?: string | null
  createdAt?: string
}

export interface GoodDeedBody {
  guardId: number | null
  title: string
  content: string
  occurredOn: string
  place: string | null
}

export interface ImportRowError {
  row: number | string
  column?: string
  field?: string
  message: string
}

export interface ImportAnswer {
  imported?: number
  errors?: ImportRowError[]
}

export interface StoredFile {
  id: string
  name: string
  size: number
  sha256?: string
  contentType: string
}

/** An issued licence (GET /licences, docs/openapi.yaml Licence). */
export interface Licence {
  id: number
  number: string
  businessType: string
  businessTypeName: string
  applicationId: number | null
  holderKind: string | null
  holderId: number | null
  holderName: string
  legalName: string
  address: string
  /** 万元 */
  regCapital: number | null
  serviceScope: string
  issuerOrgId: number
  issuerName: string
  issuedOn: string
  issuedAt: string
  /** valid | cancelled | revoked | replaced (dictionary licenceStatuses: the server names and colours them) */
  status: string
  statusName: string
  orgId: number
  orgName: string
  /** the public verification page, a path on the server */
  verifyUrl: string
  createdAt: string
  /** GET /licences/{id}: what happened to it (issued, 换发, 吊销, 注销 …), oldest first */
  history?: LicenceHistoryEntry[]
}

/** One entry of a licence's history. */
export interface LicenceHistoryEntry {
  at: string
  kind: string
  kindName: string
  decisionNo?: string | null
  reason?: string | null
  date?: string | null
  byName?: string | null
  fileId?: string | null
}

/** A licence of the signed-in unit (GET /portal/licences: its valid ones), for the `licence` picker. */
export interface PortalLicence {
  id: number
  number: string
  businessType: string
  businessTypeName: string
  holderName: string
  status: string
}

/** A row of a company's related records (branches, cross-region filings, annual reports): the registry decides the fields. */
export interface CompanyRecordRow {
  id: number
  [field: string]: unknown
}
