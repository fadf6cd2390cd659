// ApplicationFormView: the read-only renderer of every business type's application form. Each field
// type shows its value the way an officer reads it: option names for select/multiselect, the region's
// full name, a table of persons, the uploaded files by name (their link opens the file, or the
// parent's viewer when it listens to open-file), and — for an empty value.
import { afterEach, describe, expect, test, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import ApplicationFormView from '@/components/application/ApplicationFormView.vue'
import type { FormFieldDef } from '@/api/approval'

vi.mock('@/api/reference', () => ({
  getRegion: vi.fn(async (code: string) => ({
    code,
    name: '渭城区',
    path: [{ code: '610000', name: '陕西省' }, { code: '610400', name: '咸阳市' }, { code, name: '渭城区' }],
  })),
}))

const FIELDS: FormFieldDef[] = [
  { key: 'name', label: '公司名称', type: 'text', required: true },
  { key: 'regionCode', label: '所属区域', type: 'region', required: true },
  { key: 'regCapital', label: '注册资本(万元)', type: 'number', required: true },
  { key: 'kind', label: '类型', type: 'select', required: false, options: [{ code: 'a', name: '甲类' }, { code: 'b', name: '乙类' }] },
  { key: 'serviceScope', label: '服务范围', type: 'multiselect', required: true,
    options: [{ code: 'door', name: '门卫' }, { code: 'patrol', name: '巡逻' }, { code: 'escort', name: '押运' }] },
  { key: 'facilities', label: '场所和设施', type: 'textarea', required: false },
  { key: 'legalPerson', label: '法定代表人', type: 'people', required: true },
  { key: 'technicians', label: '专业技术人员', type: 'people', required: false },
  { key: 'charterFiles', label: '公司章程', type: 'file', required: true },
  { key: 'otherFiles', label: '其他材料', type: 'file', required: false },
  { key: 'foundedOn', label: '成立日期', type: 'date', required: false },
]
const VALUES = {
  name: '咸阳示例保安服务有限公司',
  regionCode: '610404',
  regCapital: 200,
  kind: 'b',
  serviceScope: ['door', 'escort'],
  facilities: '办公用房\n监控中心',
  legalPerson: [{ name: '韩立明', idNo: '610404198003031234', mobile: '13900000000', role: '法定代表人' }],
  technicians: [],
  charterFiles: ['f1', 'f2'],
  otherFiles: null,
  foundedOn: null,
}

function stubFiles() {
  const names: Record<string, [string, string]> = { f1: ['章程.pdf', 'application/pdf'], f2: ['章程附件.png', 'image/png'] }
  vi.stubGlobal('fetch', vi.fn(async (url: string) => {
    const id = decodeURIComponent(String(url).split('/').pop() || '')
    const [name, type] = names[id]
    return new Response('x', {
      status: 200,
      headers: { 'Content-Type': type, 'Content-Disposition': `inline; filename="file"; filename*=UTF-8''${encodeURIComponent(name)}` },
    })
  }))
}

const mountView = (props: Record<string, unknown> = {}) =>
  mount(ApplicationFormView, { props: { fields: FIELDS, values: VALUES, ...props }, global: { plugins: [ElementPlus] } })

describe('ApplicationFormView', () => {
  afterEach(() => vi.unstubAllGlobals())

  test('shows every field of the definition by its label, in order', async () => {
    stubFiles()
    const w = mountView()
    await flushPromises()
    const labels = w.findAll('.afv-label').map((l) => l.text())
    expect(labels).toEqual(FIELDS.map((f) => f.label))
  })

  test('each type reads as an officer expects', async () => {
    stubFiles()
    const w = mountView()
    await flushPromises()
    const cell = (key: string) => w.get(`[data-test=afv-${key}]`)
    expect(cell('name').text()).toBe('咸阳示例保安服务有限公司')
    expect(cell('regionCode').text()).toBe('陕西省 / 咸阳市 / 渭城区')
    expect(cell('regCapital').text()).toBe('200')
    expect(cell('kind').text()).toBe('乙类')
    expect(cell('serviceScope').findAll('.el-tag').map((t) => t.text())).toEqual(['门卫', '押运'])
    expect(cell('facilities').text()).toContain('监控中心')
    expect(cell('legalPerson').text()).toContain('610404198003031234')
    expect(cell('legalPerson').text()).toContain('韩立明')
    expect(cell('technicians').text()).toBe('—')
    expect(cell('foundedOn').text()).toBe('—')
    expect(cell('otherFiles').text()).toBe('未上传')
    const files = cell('charterFiles').findAll('.afv-file-name')
    expect(files.map((f) => f.text())).toEqual(['章程.pdf', '章程附件.png'])
    expect(files[0].attributes('href')).toBe('/api/v1/files/f1')
    expect(cell('charterFiles').findAll('.afv-file-dl')[1].attributes('href')).toBe('/api/v1/files/f2?download=1')
  })

  test('a file opens in the parent viewer when the parent listens to open-file', async () => {
    stubFiles()
    const opened: [string, string][] = []
    const w = mountView({ onOpenFile: (key: string, id: string) => opened.push([key, id]) })
    await flushPromises()
    await w.get('[data-test=afv-file-f2] .afv-file-name').trigger('click')
    expect(opened).toEqual([['charterFiles', 'f2']])
  })
})

describe('ApplicationFormView layout', () => {
  afterEach(() => vi.unstubAllGlobals())

  test('a wide field takes a row of its own; a short one left alone before it (or at the end) fills its row', async () => {
    stubFiles()
    const fields: FormFieldDef[] = [
      { key: 'licenceId', label: '许可证', type: 'licence', required: true },
      { key: 'changes', label: '变更事项', type: 'changes', required: true, options: [{ code: 'address', name: '住所' }] },
      { key: 'name', label: '名称', type: 'text', required: true },
      { key: 'address', label: '住所', type: 'text', required: true },
      { key: 'foundedOn', label: '成立日期', type: 'date', required: false },
    ]
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 404 })))
    const w = mount(ApplicationFormView, { props: { fields, values: {} }, global: { plugins: [ElementPlus] } })
    await flushPromises()
    const colspan = (key: string) => Number(w.get(`[data-test=afv-${key}]`).element.closest('td')?.getAttribute('colspan') || 1)
    expect(colspan('licenceId')).toBe(3) // alone before the wide 变更事项: label + the rest of the row
    expect(colspan('changes')).toBe(3)
    expect(colspan('name')).toBe(1)
    expect(colspan('address')).toBe(1)
    expect(colspan('foundedOn')).toBe(3)
  })
})
