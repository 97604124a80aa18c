// The window's figures (scripts/measure-window.sh starts Xvfb and tauri-driver and runs this):
// for the app on the demo data (RENDA_DB) and for the floor (`renda-desktop --window-floor`: the
// same shell showing one static page), the time from launch (the WebDriver session request that
// starts the binary) to the rendered page — 工作台 with its deputy count, or the floor's heading —
// and the PSS of all the app's processes (the shell and its WebKit children, from
// /proc/PID/smaps_rollup) once it has settled. Prints figures; fails only when it cannot measure.
import { readFileSync, readdirSync, readlinkSync, realpathSync } from 'node:fs'
import { APP, Session, waitForDriver } from './webdriver.mjs'

const RUNS = Number(process.env.MEASURE_RUNS ?? 3)
const SETTLE_MS = Number(process.env.MEASURE_SETTLE_MS ?? 5000)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

function processes() {
  const all = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      let exe = ''
      try {
        exe = readlinkSync(`/proc/${name}/exe`)
      } catch {}
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      all.push({ pid: Number(name), ppid, exe, comm })
    } catch {}
  }
  return all
}

/** The app's process and all its descendants, with their PSS in KiB. */
function appMemory(appPath) {
  const all = processes()
  const roots = all.filter((p) => p.exe === appPath)
  if (roots.length !== 1) throw new Error(`expected one ${appPath} process, found ${roots.length}`)
  const tree = [roots[0]]
  for (let i = 0; i < tree.length; i++) tree.push(...all.filter((p) => p.ppid === tree[i].pid))
  const parts = tree.map((p) => {
    const rollup = readFileSync(`/proc/${p.pid}/smaps_rollup`, 'utf8')
    const kib = Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? NaN)
    return { name: p.comm, kib }
  })
  if (parts.some((p) => Number.isNaN(p.kib))) throw new Error('no Pss in smaps_rollup')
  return parts
}

/** Waits until no process of the app is left, so the next launch starts alone; fails after 10 s. */
async function gone(appPath) {
  for (const t0 = Date.now(); Date.now() - t0 < 10_000; await sleep(50)) {
    if (!processes().some((p) => p.exe === appPath)) return
  }
  throw new Error(`${appPath} still runs 10 s after its session was closed`)
}

async function once(args, ready) {
  const t0 = Date.now()
  const s = await Session.create(APP, args)
  try {
    const at = await s.waitFor('the page', async () => ((await s.execute(ready)) ? Date.now() : null), {
      timeoutMs: 120_000,
      intervalMs: 50,
    })
    const timeline = await s.execute(TIMELINE)
    await sleep(SETTLE_MS)
    const parts = appMemory(realpathSync(APP))
    return { ms: at - t0, parts, timeline }
  } finally {
    await s.delete()
    await gone(realpathSync(APP))
  }
}

// 工作台 usable: the deputy count, every reminder count and the figure tiles shown, no loading mask.
const HOME_READY = `const home = document.querySelector('[data-testid="page-home"]')
  if (!home) return false
  if (!(parseInt(home.querySelector('[data-testid="count-deputies"]')?.textContent ?? '', 10) > 0)) return false
  if ([...home.querySelectorAll('.rem-count')].some((e) => e.textContent.trim() === '—')) return false
  const masks = [...home.querySelectorAll('.el-loading-mask')]
  if (masks.some((m) => m.offsetParent !== null && getComputedStyle(m).display !== 'none')) return false
  if (!home.querySelectorAll('[data-testid^="fig-"]').length) return false
  window.__readyAt ??= performance.now()
  return true`
// where the time to the page went, in the page's own clock (ms since its navigation started)
const TIMELINE = `const nav = performance.getEntriesByType('navigation')[0]
  const rows = [['页面文档 / document', 0, Math.round(nav?.responseEnd ?? 0)],
    ['DOMContentLoaded', Math.round(nav?.domContentLoadedEventStart ?? 0), Math.round(nav?.domContentLoadedEventEnd ?? 0)]]
  const ready = Math.round(window.__readyAt ?? performance.now())
  rows.push(['工作台可用 / ready', ready, ready])
  return rows`
const FLOOR_READY = `return !!document.getElementById('floor')`

await waitForDriver()
const results = { app: [], floor: [] }
for (let i = 0; i < RUNS; i++) {
  results.floor.push(await once(['--window-floor'], FLOOR_READY))
  results.app.push(await once([], HOME_READY))
}
const mib = (kib) => (kib / 1024).toFixed(0)
const summary = {}
for (const [what, runs] of Object.entries(results)) {
  const totals = runs.map((r) => r.parts.reduce((a, p) => a + p.kib, 0))
  const byName = {}
  for (const p of runs[runs.length - 1].parts) byName[p.name] = (byName[p.name] ?? 0) + p.kib
  summary[what] = { ms: median(runs.map((r) => r.ms)), kib: median(totals), byName, all: runs.map((r) => r.ms) }
}
console.log(
  `\n窗口数据 / window figures (${APP}; median of ${RUNS} launches; PSS ${SETTLE_MS / 1000} s after the page showed)`,
)
for (const [what, label] of [
  ['app', '人大工作台（示例数据的工作台）'],
  ['floor', '空白窗口（底线）/ floor'],
]) {
  const s = summary[what]
  const parts = Object.entries(s.byName)
    .map(([n, k]) => `${n} ${mib(k)}`)
    .join(', ')
  console.log(`  ${label}: ${s.ms} ms 到页面 (runs: ${s.all.join(', ')} ms); PSS ${mib(s.kib)} MiB (${parts})`)
}
console.log('  启动过程（最后一次启动，页面时钟 ms）/ the last launch, in the page clock:')
for (const [name, from, to] of results.app[results.app.length - 1].timeline)
  console.log(`    ${String(from).padStart(5)} → ${String(to).padStart(5)}  ${name}`)
const ratio = summary.app.kib / summary.floor.kib
console.log(
  `  内存为底线的 ${ratio.toFixed(2)} 倍（目标 ≤ 1.5）；到工作台 ${(summary.app.ms / 1000).toFixed(2)} s（目标 ≤ 1.5 s）`,
)
console.log(
  `  memory ${ratio.toFixed(2)}× the floor (target ≤ 1.5×); ${(summary.app.ms / 1000).toFixed(2)} s to a usable 工作台 (target ≤ 1.5 s)`,
)
