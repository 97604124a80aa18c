// The real desktop window, end to end: the built `renda-desktop` binary (Tauri 2, WebKitGTK)
// driven through tauri-driver, on an empty data folder (RENDA_DB, set by scripts/window-e2e.sh
// before tauri-driver starts, so the app inherits it). Real engine, real SQLite, real UI.
//
//   scripts/window-e2e.sh            # builds nothing; starts Xvfb, tauri-driver, runs this file
//
// Every page visited is saved as target/e2e-screens/window-<step>.png: look at them.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { APP, Session, waitForDriver } from './webdriver.mjs'

let s = null
let step = 0
const shot = (name) => s.screenshot(`${String(++step).padStart(2, '0')}-${name}`)

/** Fails fast with the UI's own message when the app shows its start-up error page. */
async function bootError() {
  const ids = await s.findAll('[data-testid="boot-error"]')
  return ids.length ? await s.text(ids[0]) : null
}

before(async () => {
  assert.ok(existsSync(APP), `${APP} is missing: cargo build -p renda-desktop`)
  assert.ok(process.env.RENDA_DB, 'RENDA_DB must name a fresh data file (scripts/window-e2e.sh sets it)')
  await waitForDriver()
  s = await Session.create(APP)
})

after(async () => {
  if (s) {
    try {
      await s.screenshot('zz-last')
    } catch (e) {
      console.error(`the last screenshot failed: ${e.message}`)
    }
    await s.delete()
  }
})

test('a fresh data folder opens on the welcome page', async () => {
  await s.waitFor(
    'the welcome page (or a start-up error)',
    async () => {
      const err = await bootError()
      if (err) throw new Error(`the app shows a start-up error: ${err}`)
      return (await s.findAll('[data-testid="first-run-demo"]')).length > 0
    },
    { timeoutMs: 60_000 },
  )
  const button = await s.find('[data-testid="first-run-demo"]')
  assert.match(await s.text(button), /载入示例数据/)
  await shot('welcome')
})

test('the window is titled 人大工作台', async () => {
  // The page title (what WebDriver reports) …
  assert.equal(await s.title(), '人大工作台')
  // … and the native window's own title, asked through Tauri's IPC (core:window:allow-title).
  const native = await s.executeAsync(`
    const done = arguments[arguments.length - 1];
    window.__TAURI_INTERNALS__.invoke('plugin:window|title', { label: 'main' })
      .then((t) => done({ ok: t }), (e) => done({ err: String(e) }));
  `)
  assert.deepEqual(native, { ok: '人大工作台' })
})

test('载入示例数据 leads to the home page with deputies counted', async () => {
  await s.click(await s.find('[data-testid="first-run-demo"]'))
  await s.waitForElement('[data-testid="page-home"]', { timeoutMs: 120_000 })
  const count = await s.waitFor(
    'a deputy count above 0',
    async () => {
      const n = parseInt(await s.text(await s.find('[data-testid="count-deputies"]')), 10)
      return n > 0 ? n : null
    },
    { timeoutMs: 30_000 },
  )
  assert.ok(count > 0)
  await shot('home')
  assert.ok(existsSync(process.env.RENDA_DB), `the engine wrote its data file at ${process.env.RENDA_DB}`)
})

test('代表名册 lists the demo deputies', async () => {
  await s.click(await s.find('[data-testid="nav-deputies"]'))
  await s.waitForElement('[data-testid="deputy-table"]')
  const rows = await s.waitFor('rows in the deputy table', async () => {
    const ids = await s.findAll('[data-testid="deputy-table"] .dt-row')
    return ids.length > 0 ? ids : null
  })
  assert.ok(rows.length > 0)
  // Chinese text must arrive as Chinese (a missing CJK font or charset shows as nothing or mojibake
  // in the screenshot; the DOM text at least proves the data crossed IPC intact).
  const first = await s.text(rows[0])
  assert.match(first, /[\u4e00-\u9fff]/, `first row has Chinese text: ${JSON.stringify(first)}`)
  await shot('deputies')
  assert.equal(await s.title(), '人大工作台')
})

test('代表建议 ledger and the 设置 tabs render in the window', async () => {
  await s.click(await s.find('[data-testid="nav-suggestions"]'))
  const rows = await s.waitFor('rows in the suggestion ledger', async () => {
    const ids = await s.findAll('[data-testid="suggestion-table"] .dt-row')
    return ids.length > 0 ? ids : null
  })
  assert.match(await s.text(rows[0]), /建议/)
  assert.match(await s.text(await s.find('[data-testid="suggestion-total"]')), /共 \d+ 件/)
  await s.settle()
  await shot('suggestions')

  await s.click(await s.find('[data-testid="nav-settings"]'))
  await s.waitForElement('[data-testid="page-settings"]')
  await s.click(await s.find('#tab-calendar'))
  await s.waitFor('the shipped holidays in 工作日历', async () => {
    const ids = await s.findAll('[data-testid="calendar-table"] .el-table__row')
    return ids.length > 0 ? ids : null
  })
  await s.settle()
  // (WebKit's WebDriver leaves plain table-cell text out of an element's text: read the DOM)
  const table = await s.execute('return document.querySelector(\'[data-testid="calendar-table"]\').textContent')
  assert.match(table, /\d{4}-\d{2}-\d{2}.*元旦/s, table)
  await shot('settings-calendar')
})

test('联络站 page and 履职评议 render in the window', async () => {
  await s.click(await s.find('[data-testid="nav-stations"]'))
  await s.waitFor('a station to open', async () => {
    const ids = await s.findAll('[data-testid^="station-open-"]')
    return ids.length > 0 ? ids[0] : null
  })
  await s.settle()
  // a table cell's link can sit under the fixed column's shadow: click it as the page would
  await s.execute('document.querySelector(\'[data-testid^="station-open-"]\').click()')
  await s.waitForElement('[data-testid="station-figures"]')
  const figs = await s.execute('return document.querySelector(\'[data-testid="station-figures"]\').textContent')
  assert.match(figs, /活动次数.*\d+/s, figs)
  await s.settle()
  await shot('station')

  await s.click(await s.find('[data-testid="nav-evaluation"]'))
  await s.waitFor('the demo evaluations', async () => {
    const ids = await s.findAll('[data-testid="evaluation-table"] .dt-row')
    return ids.length >= 2 ? ids : null
  })
  const table = await s.execute('return document.querySelector(\'[data-testid="evaluation-table"]\').textContent')
  assert.match(table, /履职评议.*已结束/s, table)
  await s.settle()
  await shot('evaluation')
})

test('民生实事票决: the demo vote, the projects and one project in the window', async () => {
  await s.click(await s.find('[data-testid="nav-projects"]'))
  await s.waitForElement('[data-testid="page-projects"]')
  await s.click(await s.find('#tab-votes'))
  // the demo voted this year's projects; from October the vote tabs open on next year's
  const year = `${new Date().getFullYear()}年度`
  await s.click(await s.find('[data-testid="projects-year"]'))
  await s.waitFor(`the option ${year}`, async () =>
    s.execute(
      `const o = [...document.querySelectorAll('.el-select-dropdown__item')].find((e) => e.textContent.trim() === '${year}')
       if (o) o.click()
       return !!o`,
    ),
  )
  await s.waitFor('the demo vote rounds', async () => {
    const ids = await s.findAll('[data-testid^="vote-open-"]')
    return ids.length > 0 ? ids : null
  })
  const votes = await s.execute('return document.querySelector(\'[data-testid="vote-table"]\').textContent')
  assert.match(votes, /\d{4}年.*票决/s, votes)
  await s.settle()
  await shot('projects-votes')

  await s.click(await s.find('#tab-works'))
  const rows = await s.waitFor('the demo projects', async () => {
    const ids = await s.findAll('[data-testid="pw-table"] .el-table__row')
    return ids.length > 0 ? ids : null
  })
  const list = await s.execute('return document.querySelector(\'[data-testid="pw-table"]\').textContent')
  assert.match(list, /[\u4e00-\u9fff]{4,}/, list)
  await s.settle()
  await shot('projects-works')

  // the row opens the project (a row click, as the page listens for)
  await s.execute('document.querySelector(\'[data-testid="pw-table"] .el-table__row td\').click()')
  const name = await s.waitFor('the project detail', async () => {
    const ids = await s.findAll('[data-testid="pd-name"]')
    return ids.length ? (await s.text(ids[0])).trim() || null : null
  })
  assert.match(name, /[\u4e00-\u9fff]/, name)
  assert.ok(list.includes(name), `the opened project 「${name}」 is one of the list's`)
  await s.waitForElement('[data-testid="pd-progress"]')
  await s.settle()
  await shot('project-detail')
})
