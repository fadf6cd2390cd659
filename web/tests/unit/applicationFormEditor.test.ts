// ApplicationFormEditor rendered from a definition holding every field type of the contract
// (text textarea number date region idNo mobile creditCode select multiselect file people): one form
// item each, the people tables with their limits, read only when disabled. The checks of 提交 vs
// 保存草稿 and the server's 422 on the fields run in Chromium (e2e/tests/portal-apply.spec.js); their
// rules are unit-tested in applicationForm.test.ts.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { defineComponent, ref } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import ApplicationFormEditor from '@/components/application/ApplicationFormEditor.vue'
import { initialValues, type FormDefinition, type FormValues, type Person } from '@/components/application/formDefinition'

vi.mock('@/api/reference', () => ({
  listRegions: vi.fn(async () => ({ items: [{ code: '610000', name: '陕西省', hasChildren: true }] })),
  getRegion: vi.fn(async (code: string) => ({ code, name: '渭城区', path: [{ code: '610000', name: '陕西省' }, { code: '610400', name: '咸阳市' }, { code, name: '渭城区' }] })),
}))

const DEF: FormDefinition = {
  businessType: 'any',
  fields: [
    { key: 'name', label: '名称', type: 'text', required: true, maxLength: 60 },
    { key: 'intro', label: '简介', type: 'textarea', required: false, maxLength: 500 },
    { key: 'capital', label: '注册资本', type: 'number', required: true, min: 100, max: 1000 },
    { key: 'day', label: '成立日期', type: 'date', required: false },
    { key: 'regionCode', label: '所属区域', type: 'region', required: true },
    { key: 'idNo', label: '身份证号', type: 'idNo', required: false },
    { key: 'mobile', label: '联系电话', type: 'mobile', required: false },
    { key: 'creditCode', label: '统一社会信用代码', type: 'creditCode', required: true },
    { key: 'kind', label: '类别', type: 'select', required: false, options: [{ code: 'a', name: '甲' }, { code: 'b', name: '乙' }] },
    { key: 'scope', label: '服务范围', type: 'multiselect', required: true, options: [{ code: 'door', name: '门卫' }, { code: 'patrol', name: '巡逻' }] },
    { key: 'legalPerson', label: '法定代表人', type: 'people', required: true, maxRows: 1 },
    { key: 'staff', label: '人员', type: 'people', required: false, maxRows: 3 },
    { key: 'files', label: '营业执照', type: 'file', required: true },
  ],
}

type Editor = InstanceType<typeof ApplicationFormEditor>

function mountEditor(values: FormValues, disabled = false) {
  const model = ref(values)
  const editor = ref<Editor>()
  const wrapper = mount(defineComponent({
    components: { ApplicationFormEditor },
    setup: () => ({ model, editor, def: DEF, disabled }),
    template: '<ApplicationFormEditor ref="editor" v-model="model" :definition="def" :disabled="disabled" />',
  }), { global: { plugins: [ElementPlus] }, attachTo: document.body })
  return { wrapper, model, editor: () => editor.value as Editor }
}

beforeEach(() => {
  // file names come from the file's headers; none is stored here
  vi.stubGlobal('fetch', vi.fn(async () => new Response('', { status: 404 })))
})
afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

// mounting Element Plus in happy-dom takes a few seconds on a loaded machine
describe('ApplicationFormEditor', { timeout: 30_000 }, () => {
  test('one form item per field, grouped: 申请信息, 人员信息, 申请材料', async () => {
    const { wrapper } = mountEditor(initialValues(DEF))
    await flushPromises()
    for (const f of DEF.fields) expect(wrapper.find(`[data-test=field-${f.key}]`).exists(), f.key).toBe(true)
    expect(wrapper.findAll('.section-title').map((s) => s.text())).toEqual(['申请信息', '人员信息', '申请材料'])
    expect(wrapper.find('[data-test=field-scope]').text()).toContain('门卫')
    expect(wrapper.find('[data-test=field-files]').text()).toContain('上传文件')
    // the required legal person's row is there; one allowed, so no second row can be added
    expect(wrapper.findAll('[data-test=field-legalPerson] tbody tr')).toHaveLength(1)
    expect(wrapper.get('[data-test=legalPerson-add]').attributes('disabled')).toBeDefined()
    expect(wrapper.text()).toContain('限填1人')
    wrapper.unmount()
  })

  test('adding and removing people rows, up to maxRows', async () => {
    const { wrapper, model } = mountEditor(initialValues(DEF))
    await flushPromises()
    for (let i = 0; i < 4; i++) await wrapper.get('[data-test=staff-add]').trigger('click')
    expect((model.value.staff as Person[]).length).toBe(3)
    await wrapper.get('[data-test=staff-1-remove]').trigger('click')
    expect((model.value.staff as Person[]).length).toBe(2)
    wrapper.unmount()
  })

  test('disabled: the same form, read only, without adding, removing or uploading', async () => {
    const values = initialValues(DEF, { name: '甲公司', staff: [{ name: '李四', idNo: '11010519491231002X' }], files: ['f1'] })
    const { wrapper } = mountEditor(values, true)
    await flushPromises()
    expect(wrapper.find('[data-test=staff-add]').exists()).toBe(false)
    expect(wrapper.find('[data-test=file-remove]').exists()).toBe(false)
    expect(wrapper.find('[data-test=field-files-upload]').exists()).toBe(false)
    expect(wrapper.get('[data-test=field-staff]').text()).toContain('李四')
    expect((wrapper.get('[data-test=input-name]').element as HTMLInputElement).disabled).toBe(true)
    wrapper.unmount()
  })
})
