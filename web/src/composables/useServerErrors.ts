import { reactive, nextTick } from 'vue'

/**
 * Per-field messages from a 422 `error.fields`, bound to el-form-item :error.
 * Cleared first and set on the next tick so a repeated identical message still shows.
 */
export function useServerErrors(keys: readonly string[]) {
  const errors = reactive<Record<string, string>>(Object.fromEntries(keys.map((k) => [k, ''])))
  function clear() {
    Object.keys(errors).forEach((k) => (errors[k] = ''))
  }
  async function apply(fields: Record<string, string> | null | undefined) {
    clear()
    if (!fields) return
    await nextTick()
    for (const [k, v] of Object.entries(fields)) errors[k] = String(v)
  }
  return { errors, clear, apply }
}
