import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus, { ElMessage } from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import * as ElementPlusIconsVue from '@element-plus/icons-vue'
import 'element-plus/dist/index.css'
import './styles/main.css'

import App from './App.vue'
import router from './router'
import { setAuthHandlers } from './api/http'
import { useAuthStore } from './stores/auth'
import { permissionDirective } from './utils/permission'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(router)
app.use(ElementPlus, { locale: zhCn })
for (const [name, comp] of Object.entries(ElementPlusIconsVue)) app.component(name, comp)
app.directive('permission', permissionDirective)

setAuthHandlers({
  unauthenticated() {
    const auth = useAuthStore()
    if (auth.loaded) ElMessage.warning({ message: '登录已失效,请重新登录', grouping: true })
    auth.clear()
    const cur = router.currentRoute.value
    if (cur.name !== 'login') {
      void router.replace({ name: 'login', query: cur.fullPath && cur.fullPath !== '/' ? { redirect: cur.fullPath } : {} })
    }
  },
  passwordChangeRequired() {
    const auth = useAuthStore()
    auth.mustChangePassword = true
    if (router.currentRoute.value.name !== 'change-password') void router.replace({ name: 'change-password' })
  },
})

app.mount('#app')
