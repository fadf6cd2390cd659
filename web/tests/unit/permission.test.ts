// v-permission and hasPerm: an element the signed-in user may not use is hidden, and shown again
// when the permissions change; `*` and `<module>:*` grant wholesale.
import { beforeEach, describe, expect, test } from 'vitest'
import { defineComponent, nextTick, ref } from 'vue'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { useAuthStore, grants } from '@/stores/auth'
import { hasAnyPerm, hasPerm, permissionDirective, type PermissionValue } from '@/utils/permission'

/** A component with one button guarded by v-permission="value". */
function mountGuarded(value: PermissionValue, style = '') {
  const code = ref<PermissionValue>(value)
  const wrapper = mount(
    defineComponent({
      directives: { permission: permissionDirective },
      setup: () => ({ code, style }),
      template: '<div><button v-permission="code" :style="style" data-test="guarded">新增</button></div>',
    }),
  )
  return { wrapper, code, button: () => wrapper.get('[data-test=guarded]').element as HTMLElement }
}

describe('v-permission', () => {
  beforeEach(() => {
    sessionStorage.clear()
    setActivePinia(createPinia())
  })

  test('hides the element without the permission and shows it with it', async () => {
    const auth = useAuthStore()
    auth.permissions = ['org:view']
    const { wrapper, button } = mountGuarded('org:create')
    expect(button().style.display).toBe('none')

    auth.permissions = ['org:view', 'org:create']
    await wrapper.vm.$forceUpdate()
    await nextTick()
    expect(button().style.display).toBe('')
  })

  test('an array means any one of the codes', () => {
    useAuthStore().permissions = ['user:update']
    expect(mountGuarded(['user:reset_password', 'user:update']).button().style.display).toBe('')
    expect(mountGuarded(['user:reset_password', 'user:delete']).button().style.display).toBe('none')
    expect(mountGuarded([]).button().style.display).toBe('none')
  })

  test('restores the display the element had before it was hidden', async () => {
    const auth = useAuthStore()
    const { wrapper, code, button } = mountGuarded('role:create', 'display: inline-flex')
    expect(button().style.display).toBe('none')
    auth.permissions = ['role:create']
    code.value = 'role:create'
    await wrapper.vm.$forceUpdate()
    await nextTick()
    expect(button().style.display).toBe('inline-flex')
  })

  test('follows a changed binding value', async () => {
    useAuthStore().permissions = ['org:view']
    const { code, button } = mountGuarded('org:view')
    expect(button().style.display).toBe('')
    code.value = 'org:delete'
    await nextTick()
    expect(button().style.display).toBe('none')
  })
})

describe('hasPerm', () => {
  beforeEach(() => setActivePinia(createPinia()))

  test('exact codes, module wildcards and the super wildcard', () => {
    const auth = useAuthStore()
    auth.permissions = ['org:view', 'guard:*']
    expect(hasPerm('org:view')).toBe(true)
    expect(hasPerm('org:create')).toBe(false)
    expect(hasPerm('guard:export')).toBe(true)
    expect(hasAnyPerm(['org:create', 'guard:pii'])).toBe(true)
    auth.permissions = ['*']
    expect(hasPerm('anything:at_all')).toBe(true)
  })

  test('no code needs no permission; no permissions grant nothing', () => {
    expect(hasPerm('')).toBe(true)
    expect(hasPerm(null)).toBe(true)
    expect(hasPerm('org:view')).toBe(false)
    expect(grants(new Set(), 'org:view')).toBe(false)
  })
})
