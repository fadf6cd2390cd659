// An application form as the server defines it (GET /business-types/{code}/form,
// server/src/modules/approval/application_form.cpp) and the pure logic the editor needs: the empty
// values, the el-form rules that mirror the server's checks, the body sent back, and the server's
// 422 field names mapped onto the editor's props. Nothing here knows any business type.
import type { FormItemRule } from 'element-plus'
import type { CodeName } from '@/types/api'
import { creditCodeError, idNumberError, mobileError } from '@/utils/validators'

export type FieldType =
  | 'text' | 'textarea' | 'number' | 'date' | 'region' | 'idNo' | 'mobile' | 'creditCode'
  | 'select' | 'multiselect' | 'file' | 'people'
  /** a licence of the applicant, picked (GET /portal/licences): its id */
  | 'licence'
  /** guards of the applicant, picked (GET /portal/guards?employed=true): their ids */
  | 'guards'
  /** the items of a licence that change: rows {item, newValue} (the server adds oldValue) */
  | 'changes'

export interface FormFieldDef {
  key: string
  label: string
  type: FieldType
  required: boolean
  /** select / multiselect: the values; changes: the items, one with `dictionary` takes that dictionary's names joined by 、 */
  options?: (CodeName & { dictionary?: string })[]
  /** text / textarea: the most characters */
  maxLength?: number
  /** people: the most rows (1 for a legal person) */
  maxRows?: number
  /** number: the bounds (max 0 = unbounded) */
  min?: number
  max?: number
  /** optional help text under the field (a later server may send it) */
  help?: string
}

/** A row of a `changes` field: the item (an option's code), its new value and (filled by the server) the old one. */
export interface ChangeRow {
  item: string
  newValue: string
  oldValue?: string | null
}

export const emptyChange = (): ChangeRow => ({ item: '', newValue: '' })

function changeOf(v: unknown): ChangeRow {
  const o = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>
  const row: ChangeRow = { item: typeof o.item === 'string' ? o.item : '', newValue: typeof o.newValue === 'string' ? o.newValue : '' }
  if (typeof o.oldValue === 'string' || o.oldValue === null) row.oldValue = o.oldValue as string | null
  return row
}

/** The ids of a `guards` value (numbers; numeric strings are taken too). */
export function guardIds(v: unknown): number[] {
  return Array.isArray(v) ? v.map(Number).filter((n) => Number.isInteger(n) && n > 0) : []
}

export interface FormDefinition {
  businessType?: string
  fields: FormFieldDef[]
}

export type FormValues = Record<string, unknown>

export interface Person {
  name: string
  idNo: string
  mobile: string
  role: string
}

/** The columns of a `people` field, as the server checks them (name and idNo required). */
export const PERSON_COLUMNS: { key: keyof Person; label: string; required: boolean; maxLength: number }[] = [
  { key: 'name', label: '姓名', required: true, maxLength: 20 },
  { key: 'idNo', label: '身份证号', required: true, maxLength: 18 },
  { key: 'mobile', label: '手机号', required: false, maxLength: 20 },
  { key: 'role', label: '职务', required: false, maxLength: 30 },
]

/** The most files a file field takes (server: 20) and the most bytes of one (10 MB). */
export const MAX_FILES = 20
export const MAX_FILE_BYTES = 10 * 1024 * 1024
export const MATERIAL_TYPES = ['application/pdf', 'image/jpeg', 'image/png']

export const emptyPerson = (): Person => ({ name: '', idNo: '', mobile: '', role: '' })

const isArrayType = (t: FieldType) => t === 'multiselect' || t === 'file' || t === 'people' || t === 'guards' || t === 'changes'

/** The value of a field nobody filled in. */
export function emptyValue(f: FormFieldDef): unknown {
  if (isArrayType(f.type)) return []
  if (f.type === 'number' || f.type === 'licence') return null
  return ''
}

/** Is a value blank (what the server's `required` refuses on submit)? */
export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)
}

function personOf(v: unknown): Person {
  const o = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>
  const s = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : '')
  return { name: s('name'), idNo: s('idNo'), mobile: s('mobile'), role: s('role') }
}

/**
 * The editor's model for a definition: every field present, with `existing` values (a saved draft)
 * where they have the right shape. A `people` field with one allowed row that is required starts with
 * that row, so the legal person's line is there to fill.
 */
export function initialValues(def: FormDefinition, existing: FormValues = {}): FormValues {
  const out: FormValues = {}
  for (const f of def.fields) {
    const v = existing[f.key]
    switch (f.type) {
      case 'people':
        out[f.key] = Array.isArray(v) ? v.map(personOf) : []
        if (f.required && (out[f.key] as Person[]).length === 0) (out[f.key] as Person[]).push(emptyPerson())
        break
      case 'multiselect':
      case 'file':
        out[f.key] = Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []
        break
      case 'number':
      case 'licence':
        out[f.key] = typeof v === 'number' ? v : null
        break
      case 'guards':
        out[f.key] = guardIds(v)
        break
      case 'changes':
        out[f.key] = Array.isArray(v) ? v.map(changeOf) : []
        if (f.required && (out[f.key] as ChangeRow[]).length === 0) (out[f.key] as ChangeRow[]).push(emptyChange())
        break
      default:
        out[f.key] = typeof v === 'string' ? v : ''
    }
  }
  return out
}

const blankPerson = (p: Person) => !p.name.trim() && !p.idNo.trim() && !p.mobile.trim() && !p.role.trim()

/**
 * The `form` object the server takes: texts trimmed (blank → null), people rows trimmed with ID numbers
 * in upper case and wholly blank rows dropped, blank mobiles and roles as null.
 */
export function toPayload(def: FormDefinition, values: FormValues): FormValues {
  const out: FormValues = {}
  for (const f of def.fields) {
    const v = values[f.key]
    switch (f.type) {
      case 'people':
        out[f.key] = (Array.isArray(v) ? v.map(personOf) : []).filter((p) => !blankPerson(p)).map((p) => ({
          name: p.name.trim() || null,
          idNo: p.idNo.trim().toUpperCase() || null,
          mobile: p.mobile.trim() || null,
          role: p.role.trim() || null,
        }))
        break
      case 'multiselect':
      case 'file':
        out[f.key] = Array.isArray(v) ? [...v] : []
        break
      case 'number':
      case 'licence':
        out[f.key] = typeof v === 'number' && Number.isFinite(v) ? v : null
        break
      case 'guards':
        out[f.key] = guardIds(v)
        break
      case 'changes':
        // the old values are the server's to fill in; wholly blank rows are dropped
        out[f.key] = (Array.isArray(v) ? v.map(changeOf) : [])
          .map((r) => ({ item: r.item.trim(), newValue: r.newValue.trim() }))
          .filter((r) => r.item || r.newValue)
          .map((r) => ({ item: r.item || null, newValue: r.newValue || null }))
        break
      default: {
        const s = typeof v === 'string' ? v.trim() : ''
        out[f.key] = s === '' ? null : f.type === 'idNo' || f.type === 'creditCode' ? s.toUpperCase() : s
      }
    }
  }
  return out
}

/** The message of a format check of one value of `type`, in the server's words, or ''. */
export function formatError(type: FieldType, label: string, value: unknown, f?: Pick<FormFieldDef, 'maxLength' | 'min' | 'max' | 'options'>): string {
  if (isBlank(value)) return ''
  switch (type) {
    case 'idNo': {
      const e = idNumberError(String(value).trim().toUpperCase())
      return e ? label + e : ''
    }
    case 'creditCode': {
      const e = creditCodeError(String(value).trim())
      return e ? label + e : ''
    }
    case 'mobile': {
      const e = mobileError(String(value).trim())
      return e ? label + e : ''
    }
    case 'text':
    case 'textarea':
      return f?.maxLength && [...String(value).trim()].length > f.maxLength ? `${label}不能超过${f.maxLength}个字` : ''
    case 'number': {
      const n = Number(value)
      if (!Number.isInteger(n)) return `${label}应为整数`
      if ((f?.min !== undefined && n < f.min) || (f?.max && n > f.max)) return `${label}应在${f?.min ?? 0}到${f?.max}之间`
      return ''
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(String(value)) ? '' : `${label}不是有效日期,应为 YYYY-MM-DD`
    case 'file':
      return Array.isArray(value) && value.length > MAX_FILES ? `${label}最多${MAX_FILES}个文件` : ''
    default:
      return ''
  }
}

/** What `required` says when a field is blank on submit (the server's words). */
export const requiredMessage = (f: Pick<FormFieldDef, 'type' | 'label'>): string =>
  f.type === 'file' ? `请上传${f.label}`
    : f.type === 'people' || f.type === 'changes' ? `请填写${f.label}`
      : f.type === 'licence' || f.type === 'guards' ? `请选择${f.label}` : `${f.label}不能为空`

/**
 * The el-form rules of one field. `strict()` is read when a rule runs: true when submitting (blank
 * required fields are refused), false when saving a draft (only what is filled in is checked).
 */
export function fieldRules(f: FormFieldDef, strict: () => boolean): FormItemRule[] {
  return [{
    trigger: f.type === 'text' || f.type === 'textarea' || f.type === 'idNo' || f.type === 'mobile' || f.type === 'creditCode' ? 'blur' : 'change',
    validator: (_rule, value: unknown, cb: (e?: Error) => void) => {
      if (isBlank(value)) return f.required && strict() ? cb(new Error(requiredMessage(f))) : cb()
      if (f.type === 'people' || f.type === 'guards') {
        const rows = Array.isArray(value) ? value.length : 0
        if (f.maxRows && rows > f.maxRows) return cb(new Error(`${f.label}最多${f.maxRows}人`))
        return cb()
      }
      if (f.type === 'changes') {
        // a required table with only blank rows is blank
        const rows = (Array.isArray(value) ? value.map(changeOf) : []).filter((r) => r.item.trim() || r.newValue.trim())
        if (!rows.length) return f.required && strict() ? cb(new Error(requiredMessage(f))) : cb()
        return cb()
      }
      const msg = formatError(f.type, f.label, value, f)
      return msg ? cb(new Error(msg)) : cb()
    },
  }]
}

/** The rules of one cell of a people table (row `index`; `rows()` for the duplicate check). */
export function personCellRules(column: (typeof PERSON_COLUMNS)[number], index: number, rows: () => Person[]): FormItemRule[] {
  return [{
    trigger: 'blur',
    validator: (_rule, value: unknown, cb: (e?: Error) => void) => {
      const v = String(value ?? '').trim()
      if (!v) return column.required ? cb(new Error(`${column.label}不能为空`)) : cb()
      if ([...v].length > column.maxLength) return cb(new Error(`${column.label}不能超过${column.maxLength}个字`))
      if (column.key === 'idNo') {
        const e = idNumberError(v.toUpperCase())
        if (e) return cb(new Error(`${column.label}${e}`))
        const first = rows().findIndex((p) => p.idNo.trim().toUpperCase() === v.toUpperCase())
        if (first >= 0 && first < index) return cb(new Error(`与第${first + 1}行重复`))
      }
      if (column.key === 'mobile') {
        const e = mobileError(v)
        if (e) return cb(new Error(`${column.label}${e}`))
      }
      return cb()
    },
  }]
}

/** The rules of one cell of a changes table (row `index`; `rows()` for the duplicate check). */
export function changeCellRules(column: 'item' | 'newValue', index: number, rows: () => ChangeRow[], maxLength = 200): FormItemRule[] {
  return [{
    trigger: column === 'item' ? 'change' : 'blur',
    validator: (_rule, value: unknown, cb: (e?: Error) => void) => {
      const row = rows()[index]
      const v = String(value ?? '').trim()
      // a wholly blank row is dropped on save
      if (!v) return row && (row.item.trim() || row.newValue.trim()) ? cb(new Error(column === 'item' ? '请选择变更项' : '新值不能为空')) : cb()
      if (column === 'newValue' && [...v].length > maxLength) return cb(new Error(`新值不能超过${maxLength}个字`))
      if (column === 'item') {
        const first = rows().findIndex((r) => r.item === v)
        if (first >= 0 && first < index) return cb(new Error(`与第${first + 1}行重复`))
      }
      return cb()
    },
  }]
}

/** The el-form prop of a cell: `legalPerson.0.idNo`. */
export const cellProp = (key: string, index: number, column: string) => `${key}.${index}.${column}`

/**
 * The server's 422 `fields` onto the editor's props: `form.legalPerson[0].idNo` → `legalPerson.0.idNo`,
 * `form.regCapital` → `regCapital`. Keys outside the form (businessType …) keep their name.
 */
export function mapServerFields(fields: Record<string, string> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(fields || {})) {
    const key = k.replace(/^form\./, '').replace(/\[(\d+)\]/g, '.$1')
    out[key] = v
  }
  return out
}

/** The field (its key) a mapped server error belongs to: `legalPerson.0.idNo` → `legalPerson`. */
export const fieldOfProp = (prop: string) => prop.split('.')[0]

/** Human-readable size: 532 B, 12.5 KB, 3.2 MB. */
export function formatSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return ''
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** Is a chosen file one the server takes as a material (PDF / JPG / PNG, ≤ 10 MB)? '' or why not. */
export function materialFileError(file: { name: string; type: string; size: number }): string {
  const typeOk = MATERIAL_TYPES.includes(file.type) || (!file.type && /\.(pdf|jpe?g|png)$/i.test(file.name))
  if (!typeOk) return `「${file.name}」不是 PDF、JPG 或 PNG 文件`
  if (file.size === 0) return `「${file.name}」是空文件`
  if (file.size > MAX_FILE_BYTES) return `「${file.name}」超过 10MB`
  return ''
}
