// 上报 between offices in a real browser against the real engine: a township packs its year on its
// 上报与汇总 page and saves the package; a county (a second database, its own `renda serve`) sets
// itself up, receives two townships' packages and sees them side by side with the total, which
// the engine counts over the records.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { mkdirSync, statSync, writeFileSync } from 'node:fs'
import {
  BIN,
  SCREENS,
  preflight,
  suite,
  startServer,
  downloadFrom,
  newPage,
  selectOption,
  xlsxWrite,
} from './harness.mjs'

preflight()

const YEAR = new Date().getFullYear()
const s = suite('up')
const { api, settled } = s
const town = { server: null, page: null, context: null }

/** A township's data file: the demo's records under a township's name and level. */
function township(db, name) {
  for (const args of [['demo'], ['office', '--name', name, '--level', '乡镇']]) {
    const r = spawnSync(BIN, ['--db', db, ...args], { encoding: 'utf8' })
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`)
  }
}

/** 4,000 more suggestions with long 案由 (letters in a fixed pseudo-random order, which do not
 * compress), so that the township's package passes 2 MB: browser mode once refused anything
 * above 1 MB. */
function enlarge(db, dir) {
  const r = spawnSync(BIN, ['--db', db, '--json', 'deputy', 'list'], { encoding: 'utf8' })
  const lead = JSON.parse(r.stdout)[0].name
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  let seed = 7
  const noise = (n) =>
    Array.from({ length: n }, () => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return abc[seed % abc.length]
    }).join('')
  const rows = [['编号', '案由', '领衔代表']]
  for (let i = 1; i <= 4000; i++) rows.push([String(1000 + i), `关于${noise(280)}的建议`, lead])
  const sheet = path.join(dir, '大量建议.xlsx')
  writeFileSync(sheet, xlsxWrite(rows))
  const imported = spawnSync(BIN, ['--db', db, 'import', 'suggestions', sheet], { encoding: 'utf8' })
  assert.equal(imported.status, 0, imported.stdout + imported.stderr)
}

async function shot(page, step) {
  await page.locator('.el-message').first().waitFor({ state: 'detached', timeout: 15_000 })
  await settled()
  if (page === s.page) return s.screenshot(step)
  mkdirSync(SCREENS, { recursive: true })
  return page.screenshot({ path: path.join(SCREENS, `browser-up-town-${step}.png`) })
}

after(async () => {
  await town.context?.close()
  await town.server?.stop()
})

test('a township packs its year from the 上报与汇总 page', async () => {
  // two townships' data files (the suite's own engine is the county's)
  township(path.join(s.dir, 'a.db'), '城关镇人大主席团')
  township(path.join(s.dir, 'b.db'), '河口镇人大主席团')
  enlarge(path.join(s.dir, 'b.db'), s.dir)
  town.server = await startServer(path.join(s.dir, 'a.db'))
  Object.assign(town, await newPage(s.browser))
  const p = town.page
  await p.goto(town.server.url)
  await p.locator('[data-testid="nav-upward"]').click()
  await p.locator('[data-testid="page-upward"]').waitFor()
  const meta = p.locator('[data-testid="pack-meta"]')
  await meta.waitFor()
  assert.match(await meta.textContent(), new RegExp(`城关镇人大主席团（乡镇）.*${YEAR}年`))
  assert.equal(await p.locator('#tab-receive').count(), 0, 'a township only reports')
  await shot(p, 'pack')
  const f = await downloadFrom(p, s.dir, p.locator('[data-testid="pack-save"]'))
  assert.equal(f.name, `城关镇人大主席团上报包（${YEAR}年）.xlsx`)
  writeFileSync(path.join(s.dir, 'A.xlsx'), f.bytes)
  const r = spawnSync(
    BIN,
    ['--db', path.join(s.dir, 'b.db'), 'report', 'pack', '--year', String(YEAR), '-o', path.join(s.dir, 'B.xlsx')],
    { encoding: 'utf8' },
  )
  assert.equal(r.status, 0, r.stderr)
  assert.ok(statSync(path.join(s.dir, 'B.xlsx')).size >= 2 * 1024 * 1024, 'the second package passes 2 MB')
  // from–to dates, typed as a secretary types them
  await selectOption(p, 'pack-quarter', '自定义起止日期')
  await p.locator('input[data-testid="pack-from"]').fill(`${YEAR}.1.1`)
  await p.locator('input[data-testid="pack-to"]').fill(`${YEAR}年6月30日`)
  await p.locator('input[data-testid="pack-to"]').press('Enter')
  await meta.filter({ hasText: `${YEAR}-01-01至${YEAR}-06-30` }).waitFor()
})

test('a county receives two packages and sees the townships side by side', async () => {
  const p = s.page
  await p.goto(s.server.url)
  await p.locator('input[data-testid="first-run-name"]').fill('清河县人大常委会')
  await p.locator('[data-testid="first-run-level"] .el-radio-button', { hasText: '县' }).click()
  await p.locator('[data-testid="first-run-blank"]').click()
  await p.locator('[data-testid="terms-welcome"]').waitFor()
  assert.doesNotMatch(await p.locator('[data-testid="terms-welcome"]').textContent(), /县里下发/, 'a county’s wording')
  await p.locator('[data-testid="nav-upward"]').click()
  await p.locator('#tab-receive').click()
  // the packages go up by themselves; no command carries a file in its JSON
  const sent = []
  p.on('request', (rq) => sent.push({ url: new URL(rq.url()).pathname + new URL(rq.url()).search, rq }))
  await p
    .locator('input[data-testid="receive-files"]')
    .setInputFiles([path.join(s.dir, 'A.xlsx'), path.join(s.dir, 'B.xlsx')])
  await p.locator('[data-testid="receive-preview"]').nth(1).waitFor()
  assert.match(await p.locator('[data-testid="receive-import"]').textContent(), /导入（2 个）/)
  await shot(p, 'receive-preview')
  await p.locator('[data-testid="receive-import"]').click()
  const table = p.locator('[data-testid="summary-table"]')
  for (const name of ['城关镇人大主席团', '河口镇人大主席团'])
    await table.locator('.el-table__body-wrapper tr', { hasText: name }).first().waitFor()
  const sum = await api('report_summary', { year: YEAR })
  assert.equal(sum.rows.length, 2)
  assert.equal(sum.total.figures.assigned, sum.rows[0].figures.assigned + sum.rows[1].figures.assigned, 'counts add up')
  const totalRow = table.locator('.el-table__body-wrapper tr', { hasText: '合计' }).first()
  assert.match(await totalRow.textContent(), new RegExp(`合计${sum.total.figures.assigned}`))
  await shot(p, 'summary')
  const uploads = sent.filter((x) => x.url === '/upload?for=report_import')
  assert.equal(uploads.length, 4, 'each package sent for its preview and again for its import')
  for (const x of sent.filter((x) => x.url.startsWith('/api/')))
    assert.ok((x.rq.postDataBuffer()?.length ?? 0) < 10_000, `${x.url} carries no file`)
  // a click opens the township's records as it sent them
  await table.locator('.el-table__body-wrapper tr', { hasText: '河口镇人大主席团' }).first().click()
  const drawer = p.locator('[data-testid="records-drawer"]')
  await drawer.locator('[data-testid="records-table"] .el-table__body-wrapper tr').first().waitFor()
  assert.match(await drawer.textContent(), /河口镇人大主席团/)
  const hekou = sum.rows.find((r) => r.office_name === '河口镇人大主席团')
  const recs = await api('report_records', {
    office_id: hekou.office_id,
    kind: 'suggestions',
    year: YEAR,
    page_size: 1,
  })
  assert.ok(recs.total > 0)
  await drawer.locator('.el-pagination', { hasText: `共 ${recs.total} 条` }).waitFor()
  await shot(p, 'records')
  await p.keyboard.press('Escape')
  await drawer.locator('.el-drawer').waitFor({ state: 'hidden' })
  // the same packages again change nothing
  await p.locator('input[data-testid="receive-files"]').setInputFiles([path.join(s.dir, 'A.xlsx')])
  await p.locator('[data-testid="receive-preview"]', { hasText: '没有变化' }).waitFor()
})

test('a copied data file asks whether it is another office, and the county keeps both', async () => {
  // 新街乡 starts from a copy of 城关镇's data file
  const copy = path.join(s.dir, 'c.db')
  const b = spawnSync(BIN, ['--db', path.join(s.dir, 'a.db'), 'backup', '-o', copy], { encoding: 'utf8' })
  assert.equal(b.status, 0, b.stderr)
  const server = await startServer(copy)
  const { context, page } = await newPage(s.browser)
  try {
    await page.goto(server.url)
    const ask = page.locator('[data-testid="copied-file"]')
    await ask.getByText('是复制到这里的').waitFor()
    await shot(page, 'copied-ask')
    await page.locator('[data-testid="copied-another"]').click()
    await ask.getByText('是复制到这里的').waitFor({ state: 'hidden' })
  } finally {
    await context.close()
    await server.stop()
  }
  const cli = (args) => spawnSync(BIN, ['--db', copy, ...args], { encoding: 'utf8' })
  const office = JSON.parse(cli(['--json', 'office', '--name', '新街乡人大主席团']).stdout)
  assert.equal(office.former_ids.length, 1, 'the old id kept as 曾用标识')
  const r = cli(['report', 'pack', '--year', String(YEAR), '-o', path.join(s.dir, 'C.xlsx')])
  assert.equal(r.status, 0, r.stderr)
  const p = s.page
  await p.locator('input[data-testid="receive-files"]').setInputFiles([path.join(s.dir, 'C.xlsx')])
  await p.locator('[data-testid="receive-preview"]', { hasText: '新收到' }).waitFor()
  await p.locator('[data-testid="receive-import"]').click()
  const table = p.locator('[data-testid="summary-table"]')
  await table.locator('.el-table__body-wrapper tr', { hasText: '新街乡人大主席团' }).first().waitFor()
  const sum = await api('report_summary', { year: YEAR })
  assert.deepEqual(sum.rows.map((x) => x.office_name).sort(), [
    '城关镇人大主席团',
    '新街乡人大主席团',
    '河口镇人大主席团',
  ])
})

test('an older package waits for 强制导入, and overlapping periods are named in the preview', async () => {
  const a = path.join(s.dir, 'a.db')
  const pack = (args, out) => {
    const r = spawnSync(BIN, ['--db', a, 'report', 'pack', ...args, '-o', path.join(s.dir, out)], { encoding: 'utf8' })
    assert.equal(r.status, 0, r.stderr)
  }
  pack(['--year', String(YEAR)], 'A2.xlsx') // 第2号, after A.xlsx (第1号)
  pack(['--year', String(YEAR), '--quarter', '1'], 'A-Q1.xlsx')
  const p = s.page
  const files = p.locator('input[data-testid="receive-files"]')
  await files.setInputFiles([path.join(s.dir, 'A2.xlsx')])
  await p.locator('[data-testid="receive-preview"]', { hasText: '替换已收到的第1号' }).waitFor()
  await p.locator('[data-testid="receive-import"]').click()
  await p.locator('[data-testid="receive-preview"] .el-tag', { hasText: '已导入' }).waitFor()
  // the first package arriving again is not newer: it says which one is held and waits
  await files.setInputFiles([path.join(s.dir, 'A.xlsx')])
  const line = p.locator('[data-testid="receive-preview"]', { hasText: '第2号' })
  await line.locator('[data-testid="receive-choice"]', { hasText: '强制导入' }).waitFor()
  await shot(p, 'receive-older')
  await line.locator('[data-testid="receive-choice"]').click()
  await p.locator('[data-testid="receive-preview"] .el-tag', { hasText: '已导入' }).waitFor()
  const held = (await api('report_list', {})).filter((x) => x.office_name === '城关镇人大主席团')
  assert.deepEqual(
    held.map((x) => x.serial),
    [1],
    'forced: the package the user chose is held',
  )
  // a quarter of the same year overlaps the year held: the preview says what counts from which
  await files.setInputFiles([path.join(s.dir, 'A-Q1.xlsx')])
  await p.locator('[data-testid="receive-note"]', { hasText: '期间重叠' }).waitFor()
  const before = await api('report_summary', { year: YEAR })
  await p.locator('[data-testid="receive-import"]').click()
  await p.locator('[data-testid="receive-preview"] .el-tag', { hasText: '已导入' }).waitFor()
  const after = await api('report_summary', { year: YEAR })
  assert.equal(after.total.figures.assigned, before.total.figures.assigned, 'each record counted once')
  await shot(p, 'receive-overlap')
})

test('a package of last year opens the summary on the year just received', async () => {
  const last = YEAR - 1
  const out = path.join(s.dir, 'B-last.xlsx')
  const b = path.join(s.dir, 'b.db')
  const r = spawnSync(BIN, ['--db', b, 'report', 'pack', '--year', String(last), '-o', out], { encoding: 'utf8' })
  assert.equal(r.status, 0, r.stderr)
  const p = s.page
  const year = p.locator('[data-testid="summary-year"]')
  await year.filter({ hasText: `${YEAR}年` }).waitFor()
  await p.locator('input[data-testid="receive-files"]').setInputFiles([out])
  await p.locator('[data-testid="receive-preview"]', { hasText: '新收到' }).waitFor()
  await p.locator('[data-testid="receive-import"]').click()
  await year.filter({ hasText: `${last}年` }).waitFor()
  const table = p.locator('[data-testid="summary-table"]')
  await table.locator('.el-table__body-wrapper tr', { hasText: '河口镇人大主席团' }).first().waitFor()
  const sum = await api('report_summary', { year: last })
  assert.ok(
    sum.rows.some((x) => x.office_name === '河口镇人大主席团'),
    'the package counts in its year',
  )
  assert.ok(!sum.missing.includes('河口镇人大主席团'))
  // at 1366×768 the summary's last column shows without scrolling sideways
  const wrap = table.locator('.el-table__body-wrapper .el-scrollbar__wrap').first()
  const [scroll, client] = await wrap.evaluate((w) => [w.scrollWidth, w.clientWidth])
  assert.ok(scroll <= client + 1, `the summary scrolls sideways (${scroll} > ${client})`)
  await shot(p, 'summary-last-year')
})

test('no script errors and no network requests outside the engine', () => {
  assert.deepEqual([...s.problems, ...town.problems], [])
})
