import { onMounted, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { usePortalStore } from '@/stores/portal'

/**
 * The company's own record for a portal page, read afresh when the page opens (`loading` meanwhile;
 * a failure is shown as a message). `portal` is the store, for pages that update it.
 */
export function usePortalCompany() {
  const portal = usePortalStore()
  const company = ref(null)
  const loading = ref(false)
  onMounted(async () => {
    loading.value = true
    try {
      company.value = await portal.load(true)
    } catch (e) {
      ElMessage.error(e.message)
    } finally {
      loading.value = false
    }
  })
  return { portal, company, loading }
}
