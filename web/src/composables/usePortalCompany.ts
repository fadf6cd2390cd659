import { onMounted, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { usePortalStore } from '@/stores/portal'
import type { PortalCompany } from '@/types/api'

/**
 * The company's own record for a portal page, read afresh when the page opens (`loading` meanwhile;
 * a failure is shown as a message). `portal` is the store, for pages that update it.
 */
export function usePortalCompany() {
  const portal = usePortalStore()
  const company = ref<PortalCompany | null>(null)
  const loading = ref(false)
  onMounted(async () => {
    loading.value = true
    try {
      company.value = await portal.load(true)
    } catch (e) {
      ElMessage.error(e instanceof Error ? e.message : '企业信息加载失败')
    } finally {
      loading.value = false
    }
  })
  return { portal, company, loading }
}
