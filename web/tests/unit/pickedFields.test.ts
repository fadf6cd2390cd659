// The field types of issue 12 — `licence` (a licence picked by id), `guards` (guard ids picked), `changes`
// (rows {item, newValue}; the server adds oldValue) — in the form logic and the officers' read-only view.
import { describe, expect, test, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import type { FormItemRule } from 'element-plus'
import ApplicationFormView from '@/components/application/ApplicationFormView.vue'
import {
  changeCellRules, fieldRules, initialValues, toPayload, type FormDefinition, type FormFieldDef,
} from '@/components/application/formDefinition'

vi.mock('@/api/licences', () => ({
  getLicence: vi.fn(async (id: number) => ({ id, number: '陕公保服20260007', businessTypeName: '保安服务许可证', holderName: '咸阳示例保安', statusName: '有效' })),
}))
vi.mock('@/api/industry', () => ({
  getGuard: vi.fn(async (id: number) => {
    if (id === 9) throw new Error('403')
    return { id, name: `保安${id}`, idNo: `61040419900101${String(id).padStart(4, '0')}`, certificateNo: `ZS${id}` }
  }),
}))

const DEF: FormDefinition = {
  fields: [
    { key: 'licenceId', label: '许可证', type: 'licence', required: true },
    { key: 'guards', label: '派出保安员', type: 'guards', required: true, maxRows: 2 },
    { key: 'changes', label: '变更事项', type: 'changes', required: true,
      options: [{ code: 'name', name: '名称' }, { code: 'legalPerson', name: '法定代表人' }] },
  ],
}
const field = (key: string) => DEF.fields.find((f) => f.key === key) as FormFieldDef
function run(rule: FormItemRule, value: unknown): string {
  let out = ''
  const validator = rule.validator as (r: unknown, v: unknown, cb: (e?: Error) => void) => void
  validator(rule, value, (e?: Error) => { out = e ? e.message : '' })
  return out
}

describe('the form logic', () => {
  test('empty values: no licence, no guards, one blank change row to fill when required', () => {
    expect(initialValues(DEF)).toEqual({ licenceId: null, guards: [], changes: [{ item: '', newValue: '' }] })
  })

  test('a saved form keeps its picks and the old values the server filled in', () => {
    const v = initialValues(DEF, {
      licenceId: 7, guards: [3, '4', 'x'], changes: [{ item: 'name', newValue: '新名称', oldValue: '旧名称' }],
    })
    expect(v).toEqual({ licenceId: 7, guards: [3, 4], changes: [{ item: 'name', newValue: '新名称', oldValue: '旧名称' }] })
  })

  test('the payload: ids as numbers, change rows trimmed without their old values, blank rows dropped', () => {
    const body = toPayload(DEF, {
      licenceId: 7, guards: [3, 4],
      changes: [{ item: 'name', newValue: '  新名称 ', oldValue: '旧名称' }, { item: '', newValue: ' ' }],
    })
    expect(body).toEqual({ licenceId: 7, guards: [3, 4], changes: [{ item: 'name', newValue: '新名称' }] })
  })

  test('required picks are asked for on submit only; guards are bounded by maxRows', () => {
    const strict = fieldRules(field('licenceId'), () => true)[0]
    expect(run(strict, null)).toBe('请选择许可证')
    expect(run(fieldRules(field('licenceId'), () => false)[0], null)).toBe('')
    const guards = fieldRules(field('guards'), () => true)[0]
    expect(run(guards, [])).toBe('请选择派出保安员')
    expect(run(guards, [1, 2, 3])).toBe('派出保安员最多2人')
    const changes = fieldRules(field('changes'), () => true)[0]
    expect(run(changes, [{ item: '', newValue: '' }])).toBe('请填写变更事项')
    expect(run(changes, [{ item: 'name', newValue: '新' }])).toBe('')
  })

  test('a change row needs its item and new value, and an item changes once', () => {
    const rows = [{ item: 'name', newValue: '甲' }, { item: 'name', newValue: '' }, { item: '', newValue: '' }]
    expect(run(changeCellRules('item', 1, () => rows)[0], 'name')).toBe('与第1行重复')
    expect(run(changeCellRules('newValue', 1, () => rows)[0], '')).toBe('新值不能为空')
    // a wholly blank row is dropped on save, not refused
    expect(run(changeCellRules('item', 2, () => rows)[0], '')).toBe('')
  })
})

describe('the read-only view', () => {
  test('a licence by its number, guards by name (an unreadable one by its id), changes as 变更项 / 原值 / 新值', async () => {
    const w = mount(ApplicationFormView, {
      props: {
        fields: DEF.fields,
        values: { licenceId: 7, guards: [3, 9], changes: [{ item: 'legalPerson', oldValue: '韩立明', newValue: '郑明' }] },
      },
      global: { plugins: [ElementPlus] },
    })
    await flushPromises()
    expect(w.get('[data-test=afv-licenceId]').text()).toContain('陕公保服20260007')
    const guards = w.get('[data-test=afv-guards]').text()
    expect(guards).toContain('保安3')
    expect(guards).toContain('ZS3')
    expect(guards).toContain('保安员 #9')
    const changes = w.get('[data-test=afv-changes]').text()
    for (const s of ['变更项', '原值', '新值', '法定代表人', '韩立明', '郑明']) expect(changes).toContain(s)
  })
})
