import { ref, type Ref } from 'vue'

/**
 * State of a read-only details dialog or drawer: open(...args) shows it at once, empty, under a
 * spinner, and fills `data` with `await loader(...args)`; a failed load (shown by the http layer) closes it.
 */
export function useDetails<T, A extends unknown[]>(loader: (...args: A) => Promise<T>) {
  const visible = ref(false)
  const loading = ref(false)
  const data = ref(null) as Ref<T | null>

  async function open(...args: A) {
    data.value = null
    visible.value = true
    loading.value = true
    try {
      data.value = await loader(...args)
    } catch {
      visible.value = false
    } finally {
      loading.value = false
    }
  }
  return { visible, loading, data, open }
}
