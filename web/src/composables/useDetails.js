import { ref } from 'vue'

/**
 * State of a read-only details dialog or drawer: open(...args) shows it at once, empty, under a
 * spinner, and fills `data` with `await loader(...args)`; a failed load (shown by the http layer) closes it.
 */
export function useDetails(loader) {
  const visible = ref(false)
  const loading = ref(false)
  const data = ref(null)

  async function open(...args) {
    data.value = null
    visible.value = true
    loading.value = true
    try {
      data.value = await loader(...args)
    } catch (_) {
      visible.value = false
    } finally {
      loading.value = false
    }
  }
  return { visible, loading, data, open }
}
