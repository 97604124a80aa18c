import { createRouter, createWebHashHistory } from 'vue-router'

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

// Pages load when first visited: the first screen carries the shell and 工作台 only.
// Hash history: the Tauri window and `renda serve` both serve one index.html.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', component: () => import('./views/home/Home.vue'), meta: { title: '工作台' } },
    {
      path: '/suggestions',
      component: () => import('./views/suggestions/Suggestions.vue'),
      meta: { title: '代表建议' },
    },
    {
      path: '/suggestions/:id(\\d+)',
      component: () => import('./views/suggestions/SuggestionDetail.vue'),
      meta: { title: '建议详情' },
    },
    { path: '/evaluation', component: () => import('./views/evaluation/Evaluation.vue'), meta: { title: '履职评议' } },
    {
      path: '/evaluation/:id(\\d+)',
      component: () => import('./views/evaluation/EvaluationDetail.vue'),
      meta: { title: '履职评议' },
    },
    {
      path: '/stations',
      component: () => import('./views/stations/Stations.vue'),
      meta: { title: '联络站（一档四簿）' },
    },
    {
      path: '/stations/:id(\\d+)',
      component: () => import('./views/stations/StationDetail.vue'),
      meta: { title: '联络站' },
    },
    { path: '/deputies', component: () => import('./views/deputies/Deputies.vue'), meta: { title: '代表名册' } },
    { path: '/units', component: () => import('./views/units/Units.vue'), meta: { title: '承办单位' } },
    { path: '/io', component: () => import('./views/excel/ImportExport.vue'), meta: { title: '导入导出' } },
    { path: '/upward', component: () => import('./views/upward/Upward.vue'), meta: { title: '上报与汇总' } },
    { path: '/settings', component: () => import('./views/settings/Settings.vue'), meta: { title: '设置与备份' } },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})
