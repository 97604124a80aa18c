// 导入导出 end to end: a messy roster (.xls, made by fixtures/make_messy_roster_xls.py) through the
// real UI and engine: preview with the bad cells marked, 仅导入无误的行, the people found in 代表名册.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { rmSync } from 'node:fs'
import { preflight, tempDataDir, startServer, launchBrowser, newPage, screenshot } from './harness.mjs'

const missing = preflight()
// A missing binary, ui/dist or Chromium is a failure, never a skip: a skipped e2e proves nothing.
if (missing.length) throw new Error(`端到端测试无法运行，缺少：${missing.join('; ')}`)

const FIXTURE = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures', 'messy-roster.xls')
const s = { dir: '', server: null, browser: null, page: null, problems: [] }

before(async () => {
  s.dir = tempDataDir()
  s.server = await startServer(path.join(s.dir, 'renda.db'))
  s.browser = await launchBrowser()
  const p = await newPage(s.browser)
  Object.assign(s, { page: p.page, problems: p.problems })
})

after(async () => {
  await s.browser?.close().catch(() => {})
  await s.server?.stop()
  if (s.dir && !process.env.KEEP_E2E_DATA) rmSync(s.dir, { recursive: true, force: true })
})

test('a messy roster: preview marks the bad cells, the good rows import, the people are in 代表名册', async () => {
  const p = s.page
  await p.goto(s.server.url)
  await p.locator('[data-testid="first-run-blank"]').click()
  await p.locator('[data-testid="nav-io"]').click()
  await p.locator('[data-testid="page-io"]').waitFor()
  await screenshot(p, 'io-empty')

  const chooser = p.waitForEvent('filechooser')
  await p.locator('[data-testid="io-file"]').click()
  await (await chooser).setFiles(FIXTURE)
  await p.locator('[data-testid="io-preview-table"]').waitFor({ timeout: 15_000 })
  const errors = p.locator('[data-testid="io-errors"] li')
  await errors.first().waitFor()
  assert.equal(await errors.count(), 2)
  assert.match(await errors.nth(0).textContent(), /第7行「出生年月」无法识别：1979年13月/)
  assert.match(await errors.nth(1).textContent(), /第8行「手机」不是有效的电话号码：12345/)
  assert.equal(await p.locator('[data-testid="io-cell-error"]').count(), 2, 'each error is marked on its cell')
  assert.equal(await p.locator('[data-testid="io-import"]').count(), 0, 'with errors only 仅导入无误的行 is offered')
  await screenshot(p, 'io-preview')

  await p.locator('[data-testid="io-import-valid"]').click()
  const result = p.locator('[data-testid="io-result"]')
  await result.waitFor({ timeout: 15_000 })
  assert.match(await result.textContent(), /新增 3，更新 0，未变 0，跳过出错行 2/)
  await screenshot(p, 'io-result')

  await p.locator('[data-testid="nav-deputies"]').click()
  await p.locator('input[data-testid="deputy-search"]').fill('oyx')
  await p.locator('[data-testid="deputy-table"] tbody tr', { hasText: '欧阳雪' }).first().waitFor({ timeout: 10_000 })
  await screenshot(p, 'io-found')
  assert.deepEqual(s.problems, [])
})

test('the same file again changes nothing', async () => {
  const p = s.page
  await p.locator('[data-testid="nav-io"]').click()
  const chooser = p.waitForEvent('filechooser')
  await p.locator('[data-testid="io-file"]').click()
  await (await chooser).setFiles(FIXTURE)
  await p.locator('[data-testid="io-preview-table"]').waitFor({ timeout: 15_000 })
  assert.match(await p.locator('[data-testid="page-io"]').textContent(), /新增 0[\s\S]*未变 3/)
  await p.locator('[data-testid="io-cancel"]').click()
  await p.locator('[data-testid="io-preview-table"]').waitFor({ state: 'detached' })
})
