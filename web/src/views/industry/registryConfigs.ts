// The four registry pages of manual §3 (保安协会, 保安服务公司, 自行招用保安员单位, 保安培训单位) are
// one page component (RegistryPage.vue) driven by these descriptions; the fields mirror
// docs/industry-api.md (the server's EntitySpec of each resource).
//
// The permission codes of each registry are written out (`permissions`), so that a test can check each
// against the server's catalog (server/tests/api/spa.test.mjs).
import type { SearchField } from '@/composables/useListPage'

export type FieldType =
  | 'text' | 'textarea' | 'idNo' | 'mobile' | 'phone' | 'creditCode' | 'date' | 'pastDate' // ≤ today
  | 'integer' | 'decimal' | 'region' /* RegionCascader */ | 'org' /* 监管单位, OrgTreeSelect */ | 'scopes' /* 服务范围 */

export interface RegistryField {
  key: string
  label: string
  type: FieldType
  required?: boolean
  maxlength?: number
  /** of 24 (default 12) */
  span?: number
  placeholder?: string
  hint?: string
  /** ID numbers and mobiles: may come masked; sent back unchanged they are kept */
  personal?: boolean
  /** decimal: the range and the digits after the point */
  min?: number
  max?: number
  precision?: number
}

export interface RegistrySection {
  title: string
  /** `null` is an empty cell (the manual's layout) */
  fields: (RegistryField | null)[]
}

export interface RegistryColumn {
  key: string
  label: string
  width?: number
  minWidth?: number
  align?: 'left' | 'center' | 'right'
  /** shown as a DictTag of this dictionary (GET /dictionaries) */
  dict?: string
}

export interface RegistryConfig {
  resource: string
  title: string
  nameKey: string
  deletable: boolean
  /** the company registry: 重置密码, 注销 and the status tags */
  company?: boolean
  dialogWidth: string
  labelWidth?: string
  /** the supervising org is the one chosen in the tree (the form has no such field) */
  orgFromTree?: boolean
  permissions: { create: string; update: string; delete: string; export: string; resetPassword?: string }
  search: SearchField[]
  columns: RegistryColumn[]
  sections: RegistrySection[]
  /** the server's cross-field rules, checked before sending: {field: message} */
  crossCheck?: (form: Record<string, unknown>) => Record<string, string>
}

const F = (key: string, label: string, type: FieldType = 'text', more: Partial<RegistryField> = {}): RegistryField => ({ key, label, type, ...more })

const REGION = F('regionCode', '所属区域', 'region', { required: true })
// 监管单位: optional; empty → the server derives it from 所属区域 (the 分局/县局 of that county).
const ORG = F('orgId', '监管单位', 'org', { hint: '不选则按所属区域自动确定' })
// the legal person of a company or an in-house unit; `mobile` adds to the mobile field
const LEGAL = (mobile: Partial<RegistryField> = {}): RegistrySection => ({
  title: '法人信息',
  fields: [
    F('legalName', '法人姓名', 'text', { required: true, maxlength: 20 }),
    F('legalIdNo', '法人身份证号', 'idNo', { required: true, personal: true }),
    F('legalMobile', '法人手机', 'mobile', { required: true, personal: true, ...mobile }),
  ],
})

export const REGISTRIES: Record<string, RegistryConfig> = {
  associations: {
    resource: 'associations',
    title: '保安协会',
    permissions: { create: 'association:create', update: 'association:update', delete: 'association:delete', export: 'association:export' },
    nameKey: 'name',
    deletable: true,
    dialogWidth: '900px',
    search: [
      { key: 'name', label: '协会名称', type: 'text' },
      { key: 'presidentIdNo', label: '会长身份证号', type: 'text', placeholder: '18位身份证号' },
      { key: 'founded', label: '成立日期', type: 'daterange', from: 'foundedFrom', to: 'foundedTo' },
    ],
    columns: [
      { key: 'name', label: '协会名称', minWidth: 180 },
      { key: 'presidentName', label: '会长姓名', width: 100 },
      { key: 'presidentIdNo', label: '会长身份证号', width: 175 },
      { key: 'foundedOn', label: '成立日期', width: 110 },
      { key: 'phone', label: '联系电话', width: 130 },
      { key: 'memberCount', label: '会员单位数', width: 100, align: 'center' },
      { key: 'regionCodeName', label: '所属区域', minWidth: 160 },
      { key: 'orgName', label: '监管单位', minWidth: 120 },
    ],
    sections: [
      {
        title: '协会基本信息',
        fields: [
          F('name', '协会名称', 'text', { required: true, maxlength: 60 }),
          F('foundedOn', '成立日期', 'pastDate'),
          REGION,
          ORG,
          F('phone', '联系电话', 'phone', { maxlength: 20 }),
          F('memberCount', '会员单位数', 'integer'),
          F('address', '地址', 'text', { maxlength: 200, span: 24 }),
          F('remark', '备注', 'textarea', { maxlength: 500, span: 24 }),
        ],
      },
      {
        title: '会长信息',
        fields: [
          F('presidentName', '会长姓名', 'text', { required: true, maxlength: 20 }),
          F('presidentIdNo', '会长身份证号', 'idNo', { required: true, personal: true }),
        ],
      },
    ],
  },

  companies: {
    resource: 'companies',
    title: '保安服务公司',
    permissions: {
      create: 'company:create', update: 'company:update', delete: 'company:delete', export: 'company:export',
      resetPassword: 'company:reset_password',
    },
    nameKey: 'name',
    deletable: false, // companies are deregistered (注销), never deleted
    company: true,
    dialogWidth: '960px',
    search: [
      { key: 'name', label: '公司名称', type: 'text' },
      { key: 'creditCode', label: '统一社会信用代码', type: 'text', labelWidth: 130 },
      { key: 'status', label: '状态', type: 'select', dict: 'companyStatuses' },
    ],
    columns: [
      { key: 'name', label: '公司名称', minWidth: 170 },
      { key: 'status', label: '状态', width: 75, align: 'center', dict: 'companyStatuses' },
      { key: 'initialized', label: '初始化', width: 85, align: 'center', dict: 'companyInitStatuses' },
      { key: 'creditCode', label: '统一社会信用代码', width: 170 },
      { key: 'legalName', label: '法人姓名', width: 85 },
      { key: 'guardCount', label: '在职保安员', width: 95, align: 'center' },
      { key: 'legalMobile', label: '法人手机', width: 120 },
      { key: 'regionCodeName', label: '所属区域', minWidth: 150 },
      { key: 'orgName', label: '监管单位', minWidth: 110 },
    ],
    sections: [
      {
        title: '公司基本信息',
        fields: [
          F('name', '公司名称', 'text', { required: true, maxlength: 60 }),
          F('creditCode', '统一社会信用代码', 'creditCode', { required: true, hint: '同时作为企业账号,初始密码123456' }),
          REGION,
          ORG,
          F('regAddress', '注册地址', 'text', { required: true, maxlength: 200, span: 24 }),
          F('bizAddress', '经营地址', 'text', { maxlength: 200, span: 24 }),
          F('foundedOn', '成立日期', 'pastDate'),
          F('regCapital', '注册资本(万元)', 'integer'),
          F('licenceNo', '许可证编号', 'text', { maxlength: 40 }),
          null,
          F('contactName', '联系人', 'text', { maxlength: 20 }),
          F('contactPhone', '联系电话', 'phone', { maxlength: 20 }),
          F('lng', '经度', 'decimal', { min: 73, max: 136, precision: 6 }),
          F('lat', '纬度', 'decimal', { min: 3, max: 54, precision: 6 }),
          F('serviceScope', '服务范围', 'scopes', { span: 24 }),
        ],
      },
      LEGAL({ hint: '企业账号的短信验证码发送至此手机' }),
    ],
  },

  'inhouse-units': {
    resource: 'inhouse-units',
    title: '自行招用保安员单位',
    permissions: { create: 'inhouse_unit:create', update: 'inhouse_unit:update', delete: 'inhouse_unit:delete', export: 'inhouse_unit:export' },
    nameKey: 'name',
    deletable: true,
    dialogWidth: '960px',
    search: [
      { key: 'name', label: '单位名称', type: 'text' },
      { key: 'code', label: '单位编码', type: 'text' },
    ],
    columns: [
      { key: 'name', label: '单位名称', minWidth: 190 },
      { key: 'code', label: '单位编码', width: 175 },
      { key: 'legalName', label: '法人姓名', width: 90 },
      { key: 'phone', label: '单位电话', width: 130 },
      { key: 'deptName', label: '保安部门', width: 120 },
      { key: 'guardCount', label: '保安员人数', width: 95, align: 'center' },
      { key: 'regionCodeName', label: '所属区域', minWidth: 150 },
      { key: 'orgName', label: '监管单位', minWidth: 110 },
    ],
    sections: [
      {
        title: '单位基本信息',
        fields: [
          F('name', '单位名称', 'text', { required: true, maxlength: 60 }),
          F('code', '单位编码', 'creditCode', { required: true, placeholder: '统一社会信用代码' }),
          REGION,
          ORG,
          F('address', '单位地址', 'text', { maxlength: 200 }),
          F('phone', '单位电话', 'phone', { maxlength: 20 }),
        ],
      },
      LEGAL(),
      {
        title: '保安部门基本情况',
        fields: [
          F('deptName', '保安部门名称', 'text', { maxlength: 40 }),
          F('deptHead', '保安部门负责人', 'text', { maxlength: 20 }),
          F('deptHeadMobile', '负责人手机', 'mobile', { personal: true }),
          F('guardCount', '保安员人数', 'integer'),
        ],
      },
      {
        title: '单位负责人信息',
        fields: [
          F('principalName', '单位负责人姓名', 'text', { maxlength: 20 }),
          F('principalIdNo', '单位负责人身份证号', 'idNo', { personal: true }),
          F('principalMobile', '单位负责人手机', 'mobile', { personal: true }),
        ],
      },
    ],
  },

  'training-units': {
    resource: 'training-units',
    title: '保安培训单位',
    permissions: { create: 'training_unit:create', update: 'training_unit:update', delete: 'training_unit:delete', export: 'training_unit:export' },
    nameKey: 'name',
    deletable: true,
    dialogWidth: '1000px',
    labelWidth: '200px',
    // Exactly the form of manual §3.4.1, cell by cell (two columns; `null` is the manual's empty cell).
    // The supervising org is the org chosen in the tree on the left (the form has no such field).
    orgFromTree: true,
    search: [
      { key: 'code', label: '单位编号', type: 'text' },
      { key: 'name', label: '单位名称', type: 'text' },
      { key: 'issued', label: '颁发日期', type: 'daterange', from: 'issuedFrom', to: 'issuedTo' },
    ],
    columns: [
      { key: 'code', label: '单位编码', width: 150 },
      { key: 'name', label: '单位名称', minWidth: 190 },
      { key: 'principalName', label: '校长姓名', width: 90 },
      { key: 'principalMobile', label: '校长手机号', width: 120 },
      { key: 'licenceNo', label: '培训许可证编码', width: 150 },
      { key: 'issuedOn', label: '颁发日期', width: 110 },
      { key: 'regCapital', label: '注册资金(万元)', width: 120, align: 'center' },
      { key: 'orgName', label: '监管单位', minWidth: 110 },
    ],
    sections: [
      {
        title: '',
        fields: [
          F('code', '单位编码', 'text', { required: true, maxlength: 40 }),
          F('name', '单位名称', 'text', { required: true, maxlength: 60 }),
          F('crossRegion', '跨区经营市县', 'text', { maxlength: 200 }),
          F('regAddress', '注册地址', 'text', { maxlength: 200 }),
          null,
          F('leaderMobile', '主要负责人手机号', 'mobile', { personal: true }),
          F('principalIdNo', '校长公民身份证号码', 'idNo', { personal: true }),
          F('principalName', '校长姓名', 'text', { maxlength: 20 }),
          F('principalMobile', '校长手机号', 'mobile', { personal: true }),
          F('regCapital', '注册资金(万元)', 'integer'),
          F('licenceNo', '保安培训许可证编码', 'text', { maxlength: 40 }),
          F('issuerCode', '保安培训许可证发证机关编码', 'text', { maxlength: 40 }),
          F('issuerName', '保安培训许可证发证机关名称', 'text', { maxlength: 60 }),
          F('issuedOn', '保安培训许可证颁发日期', 'pastDate'),
          F('revokedBy', '保安培训许可证吊销机关', 'text', { maxlength: 60 }),
          F('revokedOn', '保安培训许可证吊销日期', 'date'),
        ],
      },
    ],
    // the server's cross-field rules, checked before sending
    crossCheck(form) {
      const out: Record<string, string> = {}
      if (form.revokedOn) {
        if (!form.issuedOn) out.issuedOn = '填写吊销日期时必须填写颁发日期'
        else if (String(form.revokedOn) <= String(form.issuedOn)) out.revokedOn = '吊销日期必须晚于颁发日期'
        if (!form.revokedBy) out.revokedBy = '填写吊销日期时必须填写吊销机关'
      }
      return out
    },
  },
}

/** every field of a registry (no blanks) */
export const fieldsOf = (cfg: RegistryConfig): RegistryField[] =>
  cfg.sections.flatMap((s) => s.fields).filter((f): f is RegistryField => f !== null)
