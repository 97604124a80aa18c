// Shared machinery for the browser end-to-end tests: the real engine (`renda serve`) on a
// temporary data folder, and Debian's Chromium driven by playwright-core.
import { before, after } from 'node:test'
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { mkdirSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import readline from 'node:readline'
import { crc32, inflateRawSync } from 'node:zlib'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
// the build folder: CARGO_TARGET_DIR when set (scripts/lib.sh sets it), else target/ in the checkout
const TARGET = path.resolve(ROOT, process.env.CARGO_TARGET_DIR ?? 'target')
export const BIN = process.env.RENDA_BIN ?? path.join(TARGET, 'debug/renda')
export const DIST = path.join(ROOT, 'ui/dist')
export const SCREENS = path.join(ROOT, 'target/e2e-screens')

// playwright-core lives in ui/node_modules (one lockfile for the UI and the e2e tests).
const requireFromUi = createRequire(path.join(ROOT, 'ui/package.json'))
function loadPlaywright() {
  try {
    return requireFromUi('playwright-core')
  } catch (e) {
    throw new Error(`端到端测试无法运行：找不到 playwright-core（cd ui && npm ci）。${e.message}`)
  }
}
export const { chromium } = loadPlaywright()

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
]

/**
 * Checks that the engine binary, the built UI and Chromium are there, and THROWS if one is
 * missing: a skipped end-to-end test proves nothing, so a missing tool fails the run with a
 * message saying what to build or install. (Returns the empty list, for older callers.)
 */
export function preflight() {
  const missing = []
  if (!existsSync(BIN)) missing.push(`${BIN}（先运行 cargo build --bin renda）`)
  if (!existsSync(path.join(DIST, 'index.html'))) missing.push(`${DIST}/index.html（先运行 cd ui && npm run build）`)
  if (!existsSync(CHROMIUM)) missing.push(`${CHROMIUM}（apt-get install chromium，或用环境变量 CHROMIUM 指定）`)
  if (missing.length)
    throw new Error(
      `端到端测试无法运行，缺少：\n  - ${missing.join('\n  - ')}\n（测试不会被跳过：缺少工具即判为失败。）`,
    )
  return missing
}

export function tempDataDir(prefix = 'renda-e2e-') {
  return mkdtempSync(path.join(tmpdir(), prefix))
}

/**
 * Starts `renda --db DB serve --port 0 --static ui/dist` and resolves once it printed
 * `RENDA_URL=http://127.0.0.1:PORT/?token=TOKEN`.
 */
export function startServer(db, { timeoutMs = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, ['--db', db, 'serve', '--port', '0', '--static', DIST], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, RUST_BACKTRACE: '1' },
    })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`renda serve printed no RENDA_URL within ${timeoutMs} ms. stderr:\n${stderr}`))
    }, timeoutMs)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`renda serve exited early (code ${code}). stderr:\n${stderr}`))
    })
    const rl = readline.createInterface({ input: child.stdout })
    rl.on('line', (line) => {
      const m = /^RENDA_URL=(http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+))\s*$/.exec(line)
      if (!m) return
      clearTimeout(timer)
      const url = new URL(m[1])
      resolve({
        child,
        url: m[1],
        origin: url.origin,
        port: Number(m[2]),
        token: m[3],
        stderr: () => stderr,
        stop: () => stopChild(child),
      })
    })
  })
}

export function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.removeAllListeners('exit')
    const t = setTimeout(() => child.kill('SIGKILL'), 5000)
    child.once('exit', () => {
      clearTimeout(t)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true })
}

export async function newPage(browser) {
  // reduced motion: the app then skips its transitions and chart animations, so a screenshot shows
  // the finished frame without waiting a guessed time for an animation to end
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    reducedMotion: 'reduce',
  })
  const page = await context.newPage()
  const problems = []
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`)
  })
  // Nothing may be loaded from the network: every request must go to the local engine.
  page.on('request', (r) => {
    const u = r.url()
    if (!/^(http:\/\/127\.0\.0\.1:\d+\/|data:|blob:|about:)/.test(u)) problems.push(`external request: ${u}`)
  })
  return { context, page, problems }
}

let shot = 0
export async function screenshot(page, step) {
  mkdirSync(SCREENS, { recursive: true })
  shot += 1
  const file = path.join(SCREENS, `browser-${String(shot).padStart(2, '0')}-${step}.png`)
  await settled(page)
  await page.screenshot({ path: file, animations: 'disabled' })
  return file
}

/**
 * Waits until no loading mask is visible (one still showing after 10 s fails the test) and the
 * next frame is painted.
 */
export async function settled(page, { timeout = 10_000 } = {}) {
  await page.waitForFunction(
    () => [...document.querySelectorAll('.el-loading-mask')].every((m) => !m.checkVisibility()),
    null,
    { timeout },
  )
  await painted(page)
}

/** Two animation frames: what the DOM holds now is on the screen. */
export async function painted(page) {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
}

/**
 * Waits until every body row of the table `table` (a locator) contains `text` and
 * there is at least one: a debounced search has come back with its answer.
 */
export async function rowsAllMatch(table, text, { timeout = 10_000 } = {}) {
  await table.evaluate(
    (el, { text, timeout }) =>
      new Promise((done, fail) => {
        const until = Date.now() + timeout
        const check = () => {
          const rows = [...el.querySelectorAll('tr.dt-row, .el-table__body-wrapper tbody tr.el-table__row')]
          if (rows.length && rows.every((r) => r.textContent.includes(text))) return done()
          if (Date.now() > until)
            return fail(new Error(`the table never showed only rows with 「${text}」 (${rows.length} rows now)`))
          requestAnimationFrame(check)
        }
        check()
      }),
    { text, timeout },
  )
}

/** The visible Element Plus message text (success or error toast). */
export async function lastMessage(page) {
  const m = page.locator('.el-message').last()
  await m.waitFor({ state: 'visible', timeout: 10_000 })
  return (await m.textContent())?.trim() ?? ''
}

/** Waits for a message toast with this text (an earlier toast may still be on screen). */
export async function expectMessage(page, text) {
  await page.locator('.el-message', { hasText: text }).first().waitFor({ state: 'visible', timeout: 10_000 })
}

/** The entries of a zip file (an .xlsx), each inflated to text. */
function unzipTexts(bytes) {
  const buf = Buffer.from(bytes)
  const files = {}
  let eocd = buf.length - 22
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--
  if (eocd < 0) throw new Error('not a zip file')
  let at = buf.readUInt32LE(eocd + 16)
  for (let n = buf.readUInt16LE(eocd + 10); n > 0; n--) {
    const method = buf.readUInt16LE(at + 10)
    const size = buf.readUInt32LE(at + 20)
    const nameLen = buf.readUInt16LE(at + 28)
    const skip = nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32)
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen)
    const local = buf.readUInt32LE(at + 42)
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
    const data = buf.subarray(start, start + size)
    files[name] = (method === 8 ? inflateRawSync(data) : data).toString('utf8')
    at += 46 + skip
  }
  return files
}

const unescapeXml = (s) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')

/** The rows of one worksheet's XML, as arrays of cell texts. */
function sheetRows(sheet, shared) {
  const texts = (xml) => [...xml.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((m) => unescapeXml(m[1])).join('')
  const column = (ref) =>
    [...(/^[A-Z]+/.exec(ref)?.[0] ?? 'A')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1
  return [...sheet.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)].map((row) => {
    const cells = []
    for (const c of row[1].matchAll(/<c ([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const body = c[2] ?? ''
      const at = column(/r="([A-Z]+)\d+"/.exec(c[1])?.[1] ?? String.fromCharCode(65 + cells.length))
      while (cells.length < at) cells.push('')
      if (/t="s"/.test(c[1])) cells.push(shared[Number(/<v>(.*?)<\/v>/.exec(body)?.[1])] ?? '')
      else if (/t="inlineStr"/.test(c[1])) cells.push(texts(body))
      else cells.push(unescapeXml(/<v>(.*?)<\/v>/.exec(body)?.[1] ?? texts(body)))
    }
    return cells
  })
}

/**
 * Every worksheet of an .xlsx (a zip) in the workbook's order, as `{ name, rows }` with rows of
 * cell texts — enough to check what an export holds without a spreadsheet library: the zip's
 * central directory gives each entry, zlib inflates it, shared and inline strings and numbers are
 * read from the sheet XML.
 */
export function xlsxSheets(bytes) {
  const files = unzipTexts(bytes)
  const texts = (xml) => [...xml.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((m) => unescapeXml(m[1])).join('')
  const shared = [...(files['xl/sharedStrings.xml'] ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1]))
  const rels = Object.fromEntries(
    [...(files['xl/_rels/workbook.xml.rels'] ?? '').matchAll(/<Relationship ([^>]*)>/g)].map((m) => [
      /Id="([^"]*)"/.exec(m[1])?.[1],
      /Target="([^"]*)"/.exec(m[1])?.[1] ?? '',
    ]),
  )
  return [...(files['xl/workbook.xml'] ?? '').matchAll(/<sheet ([^>]*?)\/?>/g)].map((m) => {
    const target = rels[/r:id="([^"]*)"/.exec(m[1])?.[1]] ?? ''
    const file = target.startsWith('/') ? target.slice(1) : `xl/${target}`
    return { name: unescapeXml(/name="([^"]*)"/.exec(m[1])?.[1] ?? ''), rows: sheetRows(files[file] ?? '', shared) }
  })
}

/** The rows of the first worksheet of an .xlsx, as arrays of cell texts. */
export function xlsxRows(bytes) {
  return xlsxSheets(bytes)[0]?.rows ?? []
}

/**
 * Writes rows of texts and numbers as a one-sheet .xlsx (stored zip entries, inline strings) — what
 * a person saves after filling in a printed form, so a test can import it back.
 */
export function xlsxWrite(rows, sheetName = 'Sheet1') {
  return xlsxWriteSheets([{ name: sheetName, rows }])
}

/** Writes several sheets (`{ name, rows }`, in order) as one .xlsx, like `xlsxWrite`. */
export function xlsxWriteSheets(sheets) {
  const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const col = (i) => (i >= 26 ? col(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26))
  const cell = (v, r, c) =>
    v === '' || v === null || v === undefined
      ? ''
      : typeof v === 'number'
        ? `<c r="${col(c)}${r}"><v>${v}</v></c>`
        : `<c r="${col(c)}${r}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`
  const sheetXml = (rows) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows
      .map((row, i) => `<row r="${i + 1}">${row.map((v, c) => cell(v, i + 1, c)).join('')}</row>`)
      .join('')}</sheetData></worksheet>`
  const n = sheets.map((_, i) => i + 1)
  const files = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${n
      .map(
        (i) =>
          `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      )
      .join('')}</Types>`,
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets
      .map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${n
      .map(
        (i) =>
          `<Relationship Id="rId${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i}.xml"/>`,
      )
      .join('')}</Relationships>`,
    ...Object.fromEntries(sheets.map((s, i) => [`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s.rows)])),
  }
  const locals = []
  const central = []
  let offset = 0
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8')
    const nameBuf = Buffer.from(name, 'utf8')
    const crc = crc32(data)
    const head = Buffer.alloc(30)
    head.writeUInt32LE(0x04034b50, 0)
    head.writeUInt16LE(20, 4)
    head.writeUInt16LE(0x0800, 6)
    head.writeUInt32LE(crc, 14)
    head.writeUInt32LE(data.length, 18)
    head.writeUInt32LE(data.length, 22)
    head.writeUInt16LE(nameBuf.length, 26)
    const dir = Buffer.alloc(46)
    dir.writeUInt32LE(0x02014b50, 0)
    dir.writeUInt16LE(20, 4)
    dir.writeUInt16LE(20, 6)
    dir.writeUInt16LE(0x0800, 8)
    dir.writeUInt32LE(crc, 16)
    dir.writeUInt32LE(data.length, 20)
    dir.writeUInt32LE(data.length, 24)
    dir.writeUInt16LE(nameBuf.length, 28)
    dir.writeUInt32LE(offset, 42)
    locals.push(head, nameBuf, data)
    central.push(dir, nameBuf)
    offset += head.length + nameBuf.length + data.length
  }
  const cd = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(files).length, 8)
  end.writeUInt16LE(Object.keys(files).length, 10)
  end.writeUInt32LE(cd.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, end])
}

/** Picks an option of an Element Plus select by its visible text (typing first when filterable). */
export async function selectOption(page, testid, text, type) {
  await page.locator(`[data-testid="${testid}"]`).click()
  if (type) await page.keyboard.type(type)
  await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
  // A single select closes its list; wait until it is gone so the next pick finds the right one.
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.el-select__popper')].every((e) => getComputedStyle(e).display === 'none'),
  )
}

/** The first run of an empty data file, window only: who the office is, then a blank start; waits
 * for 届次与会次's welcome, where a new office lands. */
export async function startBlank(page, name, level) {
  await page.locator('input[data-testid="first-run-name"]').fill(name)
  await page.locator('[data-testid="first-run-level"] .el-radio-button', { hasText: level }).first().click()
  await page.locator('[data-testid="first-run-blank"]').click()
  await page.locator('[data-testid="terms-welcome"]').waitFor()
}

/** On 届次与会次: a 届次 (`number`, its years) and one 会次 of it (`session`, dates optional). */
export async function addTermAndSession(page, { number, from, to, session, start, end }) {
  await page.locator('[data-testid="term-add"]').click()
  await page.locator('[data-testid="term-number"] input').fill(String(number))
  await page.locator('[data-testid="term-start"] input').fill(String(from))
  await page.locator('[data-testid="term-end"] input').fill(String(to))
  await page.locator('[data-testid="term-end"] input').blur()
  await page.locator('[data-testid="term-save"]').click()
  await expectMessage(page, '已保存届次')
  await page.locator(`[data-testid="session-add-${number}"]`).click()
  await page.locator('[data-testid="session-number"] input').fill(String(session))
  if (start) await page.locator('input[data-testid="session-start"]').fill(start)
  if (end) await page.locator('input[data-testid="session-end"]').fill(end)
  await page.locator('[data-testid="session-save"]').click()
  await expectMessage(page, '已保存会次')
}

/** Clicks `button` on `page` and returns the file it downloads (saved into `dir`): name and bytes. */
export async function downloadFrom(page, dir, button) {
  const d = page.waitForEvent('download', { timeout: 20_000 })
  await button.click()
  const file = await d
  const to = path.join(dir, file.suggestedFilename())
  await file.saveAs(to)
  return { name: file.suggestedFilename(), bytes: readFileSync(to) }
}

/**
 * One browser suite against a fresh engine: registers `before` / `after` (a temporary data folder,
 * `renda serve` on it, Chromium at 1366×768) and returns the shared state with its helpers —
 * `screenshot(step)` into target/e2e-screens/browser-<name>-NN-<step>.png, `api(command, args)`
 * straight to the engine for the facts a test checks against, `settled()` after loading masks and
 * transitions.
 */
export function suite(name) {
  const s = { dir: '', server: null, browser: null, context: null, page: null, problems: [] }
  before(async () => {
    s.dir = tempDataDir(`renda-e2e-${name}-`)
    s.server = await startServer(path.join(s.dir, 'renda.db'))
    s.browser = await launchBrowser()
    const p = await newPage(s.browser)
    Object.assign(s, { context: p.context, page: p.page, problems: p.problems })
  })
  after(async () => {
    await s.browser?.close()
    await s.server?.stop()
    if (s.dir && !process.env.KEEP_E2E_DATA) rmSync(s.dir, { recursive: true, force: true })
  })
  let shots = 0
  s.screenshot = async (step, opts = {}) => {
    mkdirSync(SCREENS, { recursive: true })
    shots += 1
    const file = path.join(SCREENS, `browser-${name}-${String(shots).padStart(2, '0')}-${step}.png`)
    await settled(s.page)
    await s.page.screenshot({ path: file, animations: 'disabled', ...opts })
    return file
  }
  s.api = async (command, args = {}) => {
    const r = await fetch(`${s.server.origin}/api/${command}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Renda-Token': s.server.token },
      body: JSON.stringify(args),
    })
    const body = await r.json()
    if (!body.ok) throw new Error(`${command}: ${JSON.stringify(body.error)}`)
    return body.data
  }
  s.settled = () => settled(s.page)
  return s
}
