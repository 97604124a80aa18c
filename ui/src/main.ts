import { createApp } from 'vue'
import { ElLoading, ElMessage, ElMessageBox, provideGlobalConfig } from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
// The components' own styles come with them (see vite.config.ts); these are the ones called from
// scripts (messages, confirm boxes, v-loading) and the base variables every page uses.
import 'element-plus/theme-chalk/base.css'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import 'element-plus/es/components/loading/style/css'
import './styles.css'
import App from './App.vue'
import { prefetchPages, router } from './router'

const app = createApp(App)
// zh-CN for every component, and for the message boxes opened from scripts (they read the app's config)
provideGlobalConfig({ locale: zhCn }, app, true)
app.use(ElLoading).use(ElMessage).use(ElMessageBox).use(router).mount('#app')
void router.isReady().then(prefetchPages)
