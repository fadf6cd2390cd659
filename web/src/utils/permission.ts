// hasPerm() and the v-permission directive (hides the element when the signed-in user lacks the
// permission code, e.g. v-permission="'org:create'"; an array means any one of them).
// Codes are `<module>:<action>` of the server's catalog (GET /permissions); a test checks every code used here.
import type { Directive, DirectiveBinding } from 'vue'
import { useAuthStore } from '@/stores/auth'

export type PermissionValue = string | readonly string[]

export function hasPerm(code: string | null | undefined): boolean {
  return useAuthStore().hasPerm(code)
}

/** Whether any of the codes is granted (an empty list grants nothing). */
export function hasAnyPerm(value: PermissionValue): boolean {
  const codes = typeof value === 'string' ? [value] : value
  return codes.some((c) => hasPerm(c))
}

type PermElement = HTMLElement & { __permHidden?: { display: string } | null }

function apply(el: PermElement, binding: DirectiveBinding<PermissionValue>): void {
  if (!hasAnyPerm(binding.value)) {
    if (!el.__permHidden) {
      el.__permHidden = { display: el.style.display }
      el.style.display = 'none'
    }
  } else if (el.__permHidden) {
    el.style.display = el.__permHidden.display
    el.__permHidden = null
  }
}

export const permissionDirective: Directive<PermElement, PermissionValue> = {
  mounted: apply,
  updated: apply,
}
