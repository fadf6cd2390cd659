// The application form's pure logic (components/application/formDefinition.ts) on a definition shaped
// like the server's (GET /business-types/{code}/form): model, payload, rules and the server's field names.
import { describe, expect, test } from 'vitest'
import type { FormItemRule } from 'element-plus'
import {
  fieldRules, formatError, formatSize, initialValues, isBlank, mapServerFields, materialFileError, personCellRules, PERSON_COLUMNS,
  toPayload, type FormDefinition, type FormFieldDef, type Person,
} from '@/components/application/formDefinition'
import { canEdit, canWithdraw, timeLeft } from '@/views/portal/applications/status'

const DEF: FormDefinition = {
  businessType: 'some_type',
  fields: [
    { key: 'name', label: '公司名称', type: 'text', required: true, maxLength: 10 },
    { key: 'creditCode', label: '统一社会信用代码', type: 'creditCode', required: true },
    { key: 'capital', label: '注册资本(万元)', type: 'number', required: true, min: 100, max: 1000 },
    { key: 'scope', label: '服务范围', type: 'multiselect', required: true, options: [{ code: 'door', name: '门卫' }] },
    { key: 'legalPerson', label: '法定代表人', type: 'people', required: true, maxRows: 1 },
    { key: 'staff', label: '专业技术人员', type: 'people', required: false, maxRows: 50 },
    { key: 'note', label: '说明', type: 'textarea', required: false, maxLength: 100 },
    { key: 'files', label: '营业执照', type: 'file', required: true },
  ],
}
const field = (key: string) => DEF.fields.find((f) => f.key === key) as FormFieldDef

/** Run an el-form rule's validator: the message, or '' when it passes. */
function run(rule: FormItemRule, value: unknown): string {
  let out = ''
  const validator = rule.validator as (r: unknown, v: unknown, cb: (e?: Error) => void) => void
  validator(rule, value, (e?: Error) => { out = e ? e.message : '' })
  return out
}

describe('initialValues', () => {
  test('every field present with its empty value; a required one-person table starts with its row', () => {
    const v = initialValues(DEF)
    expect(v).toEqual({
      name: '', creditCode: '', capital: null, scope: [], note: '', files: [],
      legalPerson: [{ name: '', idNo: '', mobile: '', role: '' }], staff: [],
    })
  })
  test('a saved draft is taken where its values have the right shape, and only there', () => {
    const v = initialValues(DEF, {
      name: '甲公司', capital: '200', scope: ['door', 3], files: ['abc'], note: null,
      legalPerson: [{ name: '张三', idNo: '11010519491231002X', mobile: null, role: '法定代表人' }], unknown: 'x',
    })
    expect(v.name).toBe('甲公司')
    expect(v.capital).toBeNull() // a string is not a number
    expect(v.scope).toEqual(['door'])
    expect(v.files).toEqual(['abc'])
    expect(v.note).toBe('')
    expect(v.legalPerson).toEqual([{ name: '张三', idNo: '11010519491231002X', mobile: '', role: '法定代表人' }])
    expect('unknown' in v).toBe(false)
  })
})

describe('toPayload', () => {
  test('texts trimmed, blanks as null, codes upper case, blank people rows dropped', () => {
    const v = initialValues(DEF)
    v.name = '  甲公司 '
    v.creditCode = '91610404mA6x00001k'
    v.capital = 200
    v.note = '   '
    ;(v.legalPerson as Person[])[0] = { name: ' 张三 ', idNo: '11010519491231002x', mobile: '', role: '' }
    ;(v.staff as Person[]).push({ name: '', idNo: '', mobile: '', role: '' })
    const p = toPayload(DEF, v)
    expect(p.name).toBe('甲公司')
    expect(p.creditCode).toBe('91610404MA6X00001K')
    expect(p.capital).toBe(200)
    expect(p.note).toBeNull()
    expect(p.legalPerson).toEqual([{ name: '张三', idNo: '11010519491231002X', mobile: null, role: null }])
    expect(p.staff).toEqual([])
    expect(p.files).toEqual([])
  })
})

describe('fieldRules', () => {
  test('a blank required field passes for a draft and is refused on submit, in the server words', () => {
    let strict = false
    const [rule] = fieldRules(field('name'), () => strict)
    expect(run(rule, '')).toBe('')
    strict = true
    expect(run(rule, '')).toBe('公司名称不能为空')
    const [files] = fieldRules(field('files'), () => true)
    expect(run(files, [])).toBe('请上传营业执照')
    const [people] = fieldRules(field('legalPerson'), () => true)
    expect(run(people, [])).toBe('请填写法定代表人')
  })
  test('what is filled in is checked even in a draft', () => {
    const never = () => false
    expect(run(fieldRules(field('creditCode'), never)[0], '91610404MA6X00001')).toBe('统一社会信用代码应为18位')
    expect(run(fieldRules(field('capital'), never)[0], 50)).toBe('注册资本(万元)应在100到1000之间')
    expect(run(fieldRules(field('capital'), never)[0], 12.5)).toBe('注册资本(万元)应为整数')
    expect(run(fieldRules(field('name'), never)[0], '一二三四五六七八九十十')).toBe('公司名称不能超过10个字')
    expect(run(fieldRules(field('legalPerson'), never)[0], [{}, {}])).toBe('法定代表人最多1人')
    expect(run(fieldRules(field('capital'), never)[0], 100)).toBe('')
  })
  test('format checks of the typed fields', () => {
    expect(formatError('idNo', '身份证号', '110105194912310021')).toBe('身份证号校验位错误')
    expect(formatError('idNo', '身份证号', '11010519491231002x')).toBe('')
    expect(formatError('mobile', '手机号', '1380013800')).toBe('手机号应为11位')
    expect(formatError('date', '日期', '2026-1-1')).toBe('日期不是有效日期,应为 YYYY-MM-DD')
    expect(formatError('select', '类别', 'x')).toBe('')
  })
  test('people cells: required name and ID, valid mobile, no ID twice', () => {
    const rows: Person[] = [
      { name: '张三', idNo: '11010519491231002X', mobile: '', role: '' },
      { name: '', idNo: '11010519491231002x', mobile: '123', role: '' },
    ]
    const col = (k: string) => PERSON_COLUMNS.find((c) => c.key === k)!
    expect(run(personCellRules(col('name'), 1, () => rows)[0], '')).toBe('姓名不能为空')
    expect(run(personCellRules(col('idNo'), 0, () => rows)[0], rows[0].idNo)).toBe('')
    expect(run(personCellRules(col('idNo'), 1, () => rows)[0], rows[1].idNo)).toBe('与第1行重复')
    expect(run(personCellRules(col('mobile'), 1, () => rows)[0], '123')).toBe('手机号应为11位')
    expect(run(personCellRules(col('mobile'), 0, () => rows)[0], '')).toBe('')
  })
})

describe('the server side', () => {
  test('422 field names land on the editor props', () => {
    expect(mapServerFields({
      'form.legalPerson[0].idNo': '法定代表人第1行:身份证号应为18位',
      'form.regCapital': '注册资本(万元)应在100到10000000之间',
      businessType: '业务类型不存在',
    })).toEqual({
      'legalPerson.0.idNo': '法定代表人第1行:身份证号应为18位',
      regCapital: '注册资本(万元)应在100到10000000之间',
      businessType: '业务类型不存在',
    })
  })
  test('materials: PDF, JPG or PNG up to 10 MB', () => {
    expect(materialFileError({ name: 'a.pdf', type: 'application/pdf', size: 1000 })).toBe('')
    expect(materialFileError({ name: 'a.PNG', type: '', size: 1000 })).toBe('')
    expect(materialFileError({ name: 'a.docx', type: 'application/msword', size: 1000 })).toBe('「a.docx」不是 PDF、JPG 或 PNG 文件')
    expect(materialFileError({ name: 'a.pdf', type: 'application/pdf', size: 10 * 1024 * 1024 + 1 })).toBe('「a.pdf」超过 10MB')
    expect(materialFileError({ name: 'a.pdf', type: 'application/pdf', size: 0 })).toBe('「a.pdf」是空文件')
    expect(formatSize(532)).toBe('532 B')
    expect(formatSize(12800)).toBe('12.5 KB')
    expect(formatSize(3355443)).toBe('3.2 MB')
    expect(isBlank('  ')).toBe(true)
    expect(isBlank(0)).toBe(false)
  })
})

describe('application status', () => {
  test('what the applicant may do', () => {
    expect(['draft', 'correction', 'returned'].every(canEdit)).toBe(true)
    expect(['submitted', 'in_review', 'granted', 'refused', 'withdrawn'].some(canEdit)).toBe(false)
    expect(['submitted', 'correction', 'returned'].every(canWithdraw)).toBe(true)
    expect(['draft', 'in_review', 'paused', 'granted'].some(canWithdraw)).toBe(false)
  })
  test('time left', () => {
    expect(timeLeft({ dueAt: null, remainingWorkingDays: null })).toBeNull()
    expect(timeLeft({ dueAt: '2026-12-14T23:59:59+08:00', remainingWorkingDays: 5, warning: 'none' }))
      .toEqual({ text: '剩余 5 个工作日(12月14日前)', short: '剩余 5 个工作日', tone: '' })
    expect(timeLeft({ dueAt: '2026-12-14T23:59:59+08:00', remainingWorkingDays: 1, warning: 'yellow' })?.tone).toBe('warning')
    expect(timeLeft({ dueAt: '2026-12-14T23:59:59+08:00', remainingWorkingDays: 0, warning: 'yellow' })?.text).toBe('今日到期(12月14日)')
    expect(timeLeft({ dueAt: '2026-12-14T23:59:59+08:00', remainingWorkingDays: -2, warning: 'red' }))
      .toEqual({ text: '已超期 2 个工作日', short: '已超期 2 个工作日', tone: 'danger' })
  })
})
