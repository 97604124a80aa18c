// UI benchmark: the main actions of the window, timed in Chromium against `renda serve` (release
// build) on a copy of a large database (`renda demo --scale large`: 5,000 deputies, 100k
// suggestions, 1M register entries, a year of 民生实事项目). Each action is timed from the event
// (navigation, click, last keystroke) to the first animation frame in which its result is in the
// DOM; the median and the maximum over the runs are printed.
//
// After the cold start the bench waits until the window has stopped fetching on its own (no request
// for 500 ms: 工作台's figures and the other pages' code, prefetched while idle), as a user's first
// look at 工作台 would. The worst case, opening 代表建议 in the very frame 工作台 shows its figures,
// is timed in runs of its own.
//
//   npm run bench:ui -- [--db FILE] [--runs N] [--timeout MS] [--dist DIR]
//   env: RENDA_BIN (default target/release/renda), BENCH_DB (default target/bench-large.db, made
//   once with `renda demo --scale large` when missing), CHROMIUM
//
// The database is copied into a temporary folder first: the original is never written to.
import { spawn, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { fileURLToPath } from 'node:url'

const UI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const ROOT = path.resolve(UI, '..')
const { chromium } = createRequire(path.join(UI, 'package.json'))('playwright-core')

const argv = process.argv.slice(2)
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 ? argv[i + 1] : dflt
}
const BIN =
  process.env.RENDA_BIN ?? path.join(process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target'), 'release/renda')
const DB = opt('db', process.env.BENCH_DB ?? path.join(ROOT, 'target', 'bench-large.db'))
const RUNS = Number(opt('runs', '5'))
const DIST = path.resolve(opt('dist', path.join(UI, 'dist')))
const TIMEOUT = Number(opt('timeout', '30000'))
const DEBOUNCE = 300 // the lists wait this long after the last keystroke before they ask the engine
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

for (const [what, p] of [
  ['engine', BIN],
  ['database', DB],
  ['Chromium', CHROMIUM],
  ['built UI', path.join(DIST, 'index.html')],
]) {
  if (!existsSync(p)) {
    console.error(`bench:ui: ${what} not found at ${p}`)
    process.exit(2)
  }
}

function copyDb() {
  if (!existsSync(DB)) {
    console.log(`building the large demo in ${DB} (a few minutes, once)`)
    const made = spawnSync(BIN, ['--db', DB, 'demo', '--scale', 'large'], { stdio: 'inherit' })
    if (made.status !== 0) throw new Error(`renda demo --scale large failed (${made.status})`)
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'renda-bench-ui-'))
  const to = path.join(dir, 'renda.db')
  copyFileSync(DB, to)
  for (const ext of ['-wal', '-shm']) if (existsSync(DB + ext)) copyFileSync(DB + ext, to + ext)
  // the copy is the same office: answered here, so the window does not ask 「这是另一个单位吗？」
  const same = spawnSync(BIN, ['--db', to, 'office', '--same'], { stdio: 'inherit' })
  if (same.status !== 0) throw new Error(`renda office --same failed (${same.status})`)
  return { dir, db: to }
}

function serve(db) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, ['--db', db, 'serve', '--port', '0', '--static', DIST], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let err = ''
    child.stderr.on('data', (d) => (err += d))
    child.on('exit', (code) => reject(new Error(`renda serve exited (${code}): ${err}`)))
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /^RENDA_URL=(\S+)/.exec(line)
      if (m) resolve({ child, url: m[1] })
    })
  })
}

// ---- in the page: wait, frame by frame, until `check` holds; answer that frame's time
const frame = (page, check, arg) =>
  page.waitForFunction(check, arg, { polling: 'raf', timeout: TIMEOUT }).then((h) => h.jsonValue())
const now = (page) => page.evaluate(() => performance.now())
const text = (page, sel) => page.evaluate((s) => document.querySelector(s)?.textContent?.trim() ?? '', sel)

/** True (as the frame's time) once `sel` has table rows and no loading mask is shown in it. */
function rowsShown([sel, not]) {
  const t = document.querySelector(sel)
  if (!t || !t.querySelector(':is(.el-table__row, .dt-row)')) return false
  if (t.querySelector('.el-loading-mask:not([style*="display: none"])')) return false
  if (not !== undefined && t.querySelector(':is(.el-table__row, .dt-row)')?.textContent === not) return false
  return performance.now()
}
/** True (as the frame's time) once the table at `sel` shows rows or its empty text, unmasked. */
function listAnswered([sel]) {
  const t = document.querySelector(sel)
  if (!t || t.querySelector('.el-loading-mask:not([style*="display: none"])')) return false
  return t.querySelector('.el-table__row, .el-table__empty-text') ? performance.now() : false
}
function textShown([sel, re, not]) {
  const el = document.querySelector(sel)
  const s = el?.textContent ?? ''
  return el && new RegExp(re).test(s) && s !== not ? performance.now() : false
}

const PAGES = [
  ['suggestions', 'suggestion-table'],
  ['deputies', 'deputy-table'],
  ['units', 'unit-table'],
  ['stations', 'station-table'],
  ['evaluation', 'evaluation-table'],
  ['io', null],
  ['upward', null],
  ['settings', null],
  ['home', null],
]

async function openPage(page, key, table) {
  const t0 = await now(page)
  await page.locator(`[data-testid="nav-${key}"]`).click()
  const t1 = table
    ? await frame(page, rowsShown, [`[data-testid="${table}"]`])
    : key === 'home'
      ? await frame(page, textShown, ['[data-testid="fig-assigned"] .t-value', '\\d'])
      : await frame(page, ([s]) => (document.querySelector(s) ? performance.now() : false), [
          `[data-testid="page-${key}"]`,
        ])
  return t1 - t0
}

/** Changes a list (the event), then waits for its total or first row to differ from before. */
async function listChange(page, table, total, act) {
  const before = await text(page, `[data-testid="${total}"]`)
  const first = await text(page, `[data-testid="${table}"] :is(.el-table__row, .dt-row)`)
  const t0 = await act()
  const t1 = await frame(
    page,
    ([tb, tt, b, f]) => {
      const row = document.querySelector(`${tb} :is(.el-table__row, .dt-row)`)
      const tot = document.querySelector(tt)?.textContent?.trim() ?? ''
      if (document.querySelector(`${tb} .el-loading-mask:not([style*="display: none"])`)) return false
      return tot !== b || (row && row.textContent.trim() !== f) ? performance.now() : false
    },
    [`[data-testid="${table}"]`, `[data-testid="${total}"]`, before, first],
  )
  return t1 - t0
}

async function typeInto(page, sel, value) {
  await page.locator(sel).fill(value.slice(0, -1))
  await page.locator(sel).focus()
  const t0 = await now(page)
  await page.keyboard.type(value.slice(-1))
  return t0
}

async function oneRun(url, record, hurried) {
  const profile = mkdtempSync(path.join(tmpdir(), 'renda-bench-profile-'))
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
  })
  const page = ctx.pages()[0] ?? (await ctx.newPage())
  const step = async (name, fn) => {
    try {
      record(name, await fn())
      // how many table rows the page holds once the action is shown (a page, never the whole list)
      const rows = await page.evaluate(() => document.querySelectorAll('tr').length)
      domRows.set(name, Math.max(domRows.get(name) ?? 0, rows))
    } catch (e) {
      record(name, null, e.message.split('\n')[0])
      throw e
    }
  }
  try {
    await step('冷启动到工作台数字', async () => {
      await page.goto(url)
      return frame(page, textShown, ['[data-testid="fig-assigned"] .t-value', '\\d'])
    })
    if (hurried) {
      await step('启动后立即打开 suggestions', () => openPage(page, 'suggestions', 'suggestion-table'))
      return
    }
    await page.waitForLoadState('networkidle', { timeout: TIMEOUT })
    for (const [key, table] of PAGES) await step(`打开 ${key}`, () => openPage(page, key, table))

    await page.locator('[data-testid="nav-suggestions"]').click()
    await frame(page, rowsShown, ['[data-testid="suggestion-table"]'])
    await step(
      '建议 搜索「道路」（减去输入延时）',
      async () =>
        (await listChange(page, 'suggestion-table', 'suggestion-total', () =>
          typeInto(page, 'input[data-testid="suggestion-search"]', '道路'),
        )) - DEBOUNCE,
    )
    await step('建议 翻到下一页', () =>
      listChange(page, 'suggestion-table', 'suggestion-total', async () => {
        const t0 = await now(page)
        await page.locator('[data-testid="page-suggestions"] .el-pagination .btn-next').click()
        return t0
      }),
    )
    await step('建议 打开一件', async () => {
      const t0 = await now(page)
      await page.locator('[data-testid="suggestion-table"] :is(.el-table__row, .dt-row) a').first().click()
      return (await frame(page, textShown, ['[data-testid="detail-title"]', '\\S'])) - t0
    })

    await page.locator('[data-testid="nav-deputies"]').click()
    await frame(page, rowsShown, ['[data-testid="deputy-table"]'])
    await step(
      '代表 搜索「zh」（减去输入延时）',
      async () =>
        (await listChange(page, 'deputy-table', 'deputy-total', () =>
          typeInto(page, 'input[data-testid="deputy-search"]', 'zh'),
        )) - DEBOUNCE,
    )

    await step('履职评议 打开', () => openPage(page, 'evaluation', 'evaluation-table'))
    await step('履职评议 积分排名', async () => {
      const t0 = await now(page)
      await page.locator('#tab-points').click()
      return (await frame(page, rowsShown, ['[data-testid="points-table"]'])) - t0
    })

    await page.locator('[data-testid="nav-stations"]').click()
    await frame(page, rowsShown, ['[data-testid="station-table"]'])
    await step('联络站 打开一个站', async () => {
      const t0 = await now(page)
      await page.locator('[data-testid^="station-open-"]').first().click()
      return (await frame(page, textShown, ['[data-testid="station-fig-activities"] .t-value', '\\d'])) - t0
    })
    await step('联络站 登记簿（联系群众）', async () => {
      const t0 = await now(page)
      await page.locator('#tab-contact').click()
      return (await frame(page, rowsShown, ['[data-testid="register-contact-table"]'])) - t0
    })

    await step('民生实事票决 打开', async () => {
      const t0 = await now(page)
      await page.locator('[data-testid="nav-projects"]').click()
      await frame(page, ([s]) => (document.querySelector(s) ? performance.now() : false), [
        '[data-testid="proposal-table"]',
      ])
      // the first tab has answered once its table shows rows or its empty text, unmasked
      return (await frame(page, listAnswered, ['[data-testid="proposal-table"]'])) - t0
    })
    await step('民生实事 项目实施', async () => {
      const t0 = await now(page)
      await page.locator('#tab-works').click()
      return (await frame(page, rowsShown, ['[data-testid="pw-table"]'])) - t0
    })
    await step('民生实事 打开一个项目', async () => {
      const t0 = await now(page)
      await page.locator('[data-testid="pw-table"] .el-table__row td').first().click()
      return (await frame(page, textShown, ['[data-testid="pd-name"]', '\\S'])) - t0
    })
  } finally {
    await ctx.close()
    rmSync(profile, { recursive: true, force: true })
  }
}

const { dir, db } = copyDb()
const server = await serve(db)
const times = new Map()
const domRows = new Map()
const record = (name, ms, err) => {
  if (!times.has(name)) times.set(name, [])
  times.get(name).push(ms === null ? { err } : ms)
}
try {
  console.log(`bench:ui  ${RUNS} runs · ${path.basename(DB)} (copy) · ${BIN}`)
  for (let i = 0; i < RUNS; i++) {
    for (const hurried of [false, true]) {
      await oneRun(server.url, record, hurried).catch((e) =>
        console.log(`  run ${i + 1} stopped: ${e.message.split('\n')[0]}`),
      )
    }
    process.stdout.write(`  run ${i + 1}/${RUNS} done\n`)
  }
} finally {
  server.child.removeAllListeners('exit')
  server.child.kill('SIGTERM')
  rmSync(dir, { recursive: true, force: true })
}
const pad = (s, n) => s + ' '.repeat(Math.max(0, n - [...s].reduce((w, c) => w + (c.charCodeAt(0) > 255 ? 2 : 1), 0)))
console.log(`\n${pad('action', 40)}  median      max   runs  rows in DOM`)
for (const [name, list] of times) {
  const ok = list.filter((x) => typeof x === 'number').sort((a, b) => a - b)
  const failed = list.length - ok.length
  const med = ok.length ? ok[Math.floor((ok.length - 1) / 2)].toFixed(0) : '—'
  const max = ok.length ? ok.at(-1).toFixed(0) : '—'
  const note = failed ? `  (${failed} timed out > ${TIMEOUT} ms)` : ''
  const runs = String(ok.length).padStart(4)
  const rows = String(domRows.get(name) ?? '—').padStart(6)
  console.log(`${pad(name, 40)}  ${med.padStart(6)} ms ${max.padStart(6)} ms  ${runs}  ${rows}${note}`)
}
