// hasPerm() and the v-permission directive (removes the element when the
// signed-in user lacks the permission code, e.g. v-permission="'org:create'").
import { useAuthStore } from '@/stores/auth'

export function hasPerm(code) {
  const auth = useAuthStore()
  return auth.hasPerm(code)
}

function apply(el, binding) {
  const codes = Array.isArray(binding.value) ? binding.value : [binding.value]
  const ok = codes.some((c) => hasPerm(c))
  if (!ok) {
    if (!el.__permHidden) {
      el.__permHidden = { display: el.style.display }
      el.style.display = 'none'
    }
  } else if (el.__permHidden) {
    el.style.display = el.__permHidden.display
    el.__permHidden = null
  }
}

export const permissionDirective = {
  mounted: apply,
  updated: apply,
}
