import { createRouter, createWebHashHistory } from 'vue-router'
import { engineBusy } from './api'

export const NAV = [
  { key: 'home', path: '/', label: '工作台' },
  { key: 'suggestions', path: '/suggestions', label: '代表建议' },
  { key: 'evaluation', path: '/evaluation', label: '履职评议' },
  { key: 'projects', path: '/projects', label: '民生实事票决' },
  { key: 'oversight', path: '/oversight', label: '审议意见办理' },
  { key: 'hearings', path: '/hearings', label: '公民旁听' },
  { key: 'assessment', path: '/assessment', label: '乡镇工作评价' },
  { key: 'stations', path: '/stations', label: '联络站（一档四簿）' },
  { key: 'deputies', path: '/deputies', label: '代表名册' },
  { key: 'units', path: '/units', label: '承办单位' },
  { key: 'io', path: '/io', label: '导入导出' },
  { key: 'upward', path: '/upward', label: '上报与汇总' },
  { key: 'settings', path: '/settings', label: '设置与备份' },
] as const

// Each page's code, loaded when first visited: the first screen carries the shell and 工作台 only.
const pages = {
  home: () => import('./views/home/Home.vue'),
  suggestions: () => import('./views/suggestions/Suggestions.vue'),
  suggestion: () => import('./views/suggestions/SuggestionDetail.vue'),
  evaluation: () => import('./views/evaluation/Evaluation.vue'),
  evaluationDetail: () => import('./views/evaluation/EvaluationDetail.vue'),
  vote: () => import('./views/projects/VoteDetail.vue'),
  projects: () => import('./views/projects/Projects.vue'),
  project: () => import('./views/projects/ProjectDetail.vue'),
  oversight: () => import('./views/oversight/Oversight.vue'),
  opinion: () => import('./views/oversight/OpinionDetail.vue'),
  hearings: () => import('./views/hearings/Hearings.vue'),
  hearing: () => import('./views/hearings/HearingDetail.vue'),
  assessment: () => import('./views/assessment/Assessment.vue'),
  stations: () => import('./views/stations/Stations.vue'),
  station: () => import('./views/stations/StationDetail.vue'),
  deputies: () => import('./views/deputies/Deputies.vue'),
  units: () => import('./views/units/Units.vue'),
  io: () => import('./views/excel/ImportExport.vue'),
  upward: () => import('./views/upward/Upward.vue'),
  settings: () => import('./views/settings/Settings.vue'),
}

// Hash history: the Tauri window and `renda serve` both serve one index.html.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', component: pages.home, meta: { title: '工作台' } },
    { path: '/suggestions', component: pages.suggestions, meta: { title: '代表建议' } },
    { path: '/suggestions/:id(\\d+)', component: pages.suggestion, meta: { title: '建议详情' } },
    { path: '/evaluation', component: pages.evaluation, meta: { title: '履职评议' } },
    { path: '/evaluation/:id(\\d+)', component: pages.evaluationDetail, meta: { title: '履职评议' } },
    { path: '/projects', component: pages.projects, meta: { title: '民生实事票决' } },
    { path: '/projects/votes/:id(\\d+)', component: pages.vote, meta: { title: '民生实事票决' } },
    { path: '/projects/:id(\\d+)', component: pages.project, meta: { title: '民生实事项目' } },
    { path: '/oversight', component: pages.oversight, meta: { title: '审议意见办理' } },
    { path: '/oversight/:id(\\d+)', component: pages.opinion, meta: { title: '审议意见' } },
    { path: '/hearings', component: pages.hearings, meta: { title: '公民旁听' } },
    { path: '/hearings/:id(\\d+)', component: pages.hearing, meta: { title: '公民旁听' } },
    { path: '/assessment', component: pages.assessment, meta: { title: '乡镇工作评价' } },
    { path: '/stations', component: pages.stations, meta: { title: '联络站（一档四簿）' } },
    { path: '/stations/:id(\\d+)', component: pages.station, meta: { title: '联络站' } },
    { path: '/deputies', component: pages.deputies, meta: { title: '代表名册' } },
    { path: '/units', component: pages.units, meta: { title: '承办单位' } },
    { path: '/io', component: pages.io, meta: { title: '导入导出' } },
    { path: '/upward', component: pages.upward, meta: { title: '上报与汇总' } },
    { path: '/settings', component: pages.settings, meta: { title: '设置与备份' } },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})

// a page being opened and its data go first: prefetching waits while either is under way
let navigating = false
router.beforeEach(() => {
  navigating = true
})
router.afterEach(() => {
  navigating = false
})

/** Loads the other pages' code one by one while the window is idle, so that a page's first visit
 * costs about what its later ones do. The evaluation results page is left to its first visit: it
 * carries ECharts, which would weigh on the window's memory for nothing. */
export async function prefetchPages() {
  for (const [name, load] of Object.entries(pages)) {
    if (name === 'evaluationDetail') continue
    await idle()
    while (navigating || engineBusy()) await idle()
    await load().catch(() => undefined) // a page that fails here fails again, visibly, when visited
  }
}

const idle = () =>
  new Promise<void>((done) =>
    'requestIdleCallback' in window ? requestIdleCallback(() => done(), { timeout: 2000 }) : setTimeout(done, 50),
  )
