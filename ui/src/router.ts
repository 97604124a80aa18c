import { createRouter, createWebHashHistory } from 'vue-router'
import Home from './views/Home.vue'
import Deputies from './views/Deputies.vue'
import Units from './views/Units.vue'
import Stations from './views/Stations.vue'
import StationDetail from './views/StationDetail.vue'
import Settings from './views/Settings.vue'
import Evaluation from './views/Evaluation.vue'
import EvaluationDetail from './views/EvaluationDetail.vue'
import Suggestions from './views/Suggestions.vue'
import SuggestionDetail from './views/SuggestionDetail.vue'
import ImportExport from './views/ImportExport.vue'
import Upward from './views/Upward.vue'

export const NAV = [
  { key: 'home', path: '/', label: '工作台' },
  { key: 'suggestions', path: '/suggestions', label: '代表建议' },
  { key: 'evaluation', path: '/evaluation', label: '履职评议' },
  { key: 'stations', path: '/stations', label: '联络站（一档四簿）' },
  { key: 'deputies', path: '/deputies', label: '代表名册' },
  { key: 'units', path: '/units', label: '承办单位' },
  { key: 'io', path: '/io', label: '导入导出' },
  { key: 'upward', path: '/upward', label: '上报与汇总' },
  { key: 'settings', path: '/settings', label: '设置与备份' },
] as const

// Hash history: the Tauri window and `renda serve` both serve one index.html.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', component: Home, meta: { title: '工作台' } },
    { path: '/suggestions', component: Suggestions, meta: { title: '代表建议' } },
    { path: '/suggestions/:id(\\d+)', component: SuggestionDetail, meta: { title: '建议详情' } },
    { path: '/evaluation', component: Evaluation, meta: { title: '履职评议' } },
    { path: '/evaluation/:id(\\d+)', component: EvaluationDetail, meta: { title: '履职评议' } },
    { path: '/stations', component: Stations, meta: { title: '联络站（一档四簿）' } },
    { path: '/stations/:id(\\d+)', component: StationDetail, meta: { title: '联络站' } },
    { path: '/deputies', component: Deputies, meta: { title: '代表名册' } },
    { path: '/units', component: Units, meta: { title: '承办单位' } },
    { path: '/io', component: ImportExport, meta: { title: '导入导出' } },
    { path: '/upward', component: Upward, meta: { title: '上报与汇总' } },
    { path: '/settings', component: Settings, meta: { title: '设置与备份' } },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})
