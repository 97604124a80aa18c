// The office's real sheet shapes in the window, against the real engine: a roster with
// a sheet per 代表团 and 代表团 merged down each block (tests/fixtures/shapes, made by
// make_shape_fixtures.py) previews every sheet with its row count, the 填表说明 sheet skipped as
// 说明页, the merged cells marked 「由合并单元格补全」; unticking a sheet leaves its rows out; then
// a legacy .xls roster with merged cells previews the same way.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { preflight, suite } from './harness.mjs'

preflight()

const SHAPES = path.join(path.dirname(new URL(import.meta.url).pathname), '../../fixtures/shapes')
const BY_DELEGATION = path.join(SHAPES, '名册-每个代表团一张表.xlsx')
const XLS = path.join(SHAPES, '名册-代表团合并.xls')

const s = suite('shapes')
const { settled, screenshot } = s

async function choose(file) {
  await s.page.locator('input[data-testid="io-file"]').setInputFiles(file)
  await s.page.locator('[data-testid="io-preview-table"]').waitFor({ timeout: 20_000 })
  await settled()
}

const counts = () => s.page.locator('[data-testid="io-counts"]').textContent()

test('demo data, then 导入导出 for a roster', async () => {
  const p = s.page
  await p.goto(s.server.url)
  await p.locator('[data-testid="first-run-demo"]').click()
  await p.locator('[data-testid="page-home"]').waitFor({ timeout: 120_000 })
  await p.locator('.el-message').first().waitFor({ state: 'detached', timeout: 15_000 })
  await p.locator('[data-testid="nav-io"]').click()
  await p.locator('[data-testid="page-io"]').waitFor()
  await p.locator('[data-testid="io-kind-deputies"]').click()
})

test('a sheet per 代表团: every sheet read, the note sheet skipped, merged cells marked', async () => {
  const p = s.page
  await choose(BY_DELEGATION)
  const sheets = await p.locator('[data-testid="io-sheets"]').textContent()
  assert.match(sheets, /「城关代表团」3 行/)
  assert.match(sheets, /「河口代表团」3 行/)
  assert.match(sheets, /「填表说明」未读取：说明页/)
  assert.match(await counts(), /新增 6\s*·\s*更新 0\s*·\s*未变 0\s*·\s*出错 0/)
  const notes = await p.locator('[data-testid="io-cell-note"]').allTextContents()
  assert.equal(notes.length, 4, 'two cells under each merged 代表团')
  assert.ok(
    notes.every((n) => n.includes('由合并单元格补全')),
    notes.join(),
  )
  const headers = (
    await p.locator('[data-testid="io-preview-table"] .el-table__header-wrapper th').allTextContents()
  ).map((t) => t.trim())
  assert.equal(headers[0], '工作表', 'rows of several sheets say which')
  await screenshot('by-delegation')

  // untick one sheet: its rows are left out; tick it again: back
  const river = p.locator('[data-testid="io-sheet"]').filter({ hasText: '河口代表团' })
  await river.click()
  await settled()
  await p.waitForFunction(
    () => /新增 3/.test(document.querySelector('[data-testid="io-counts"]')?.textContent ?? ''),
    null,
    { timeout: 15_000 },
  )
  assert.match(await p.locator('[data-testid="io-sheets"]').textContent(), /「河口代表团」未读取：已取消勾选/)
  await screenshot('one-sheet-unticked')
  await p.locator('[data-testid="io-sheet"]').filter({ hasText: '河口代表团' }).click()
  await p.waitForFunction(
    () => /新增 6/.test(document.querySelector('[data-testid="io-counts"]')?.textContent ?? ''),
    null,
    { timeout: 15_000 },
  )

  await p.locator('[data-testid="io-import"]').click()
  await p.locator('[data-testid="io-result"]').waitFor({ timeout: 20_000 })
  assert.match(await p.locator('[data-testid="io-result"]').textContent(), /6/)
  const river3 = await s.api('deputy_list', { delegation: '河口代表团', page_size: 0 })
  assert.equal(river3.total, 3, 'the merged 代表团 reached every person of the block')
})

test('a legacy .xls roster with merged 代表团 cells previews them filled and marked', async () => {
  const p = s.page
  await p.locator('[data-testid="io-result"]').getByRole('button', { name: '继续导入' }).click()
  await choose(XLS)
  assert.match(await counts(), /新增 4/)
  assert.equal(await p.locator('[data-testid="io-sheets"]').count(), 0, 'one sheet: no sheet list')
  const notes = await p.locator('[data-testid="io-cell-note"]').allTextContents()
  assert.equal(notes.length, 2)
  await screenshot('legacy-xls')
})

test("a web platform's HTML .xls 汇总表: two-row header joined, merged 主办单位 and 交办日期 marked", async () => {
  const p = s.page
  for (const name of ['张三', '李四', '王五']) await s.api('deputy_create', { name, levels: ['县'] })
  await p.locator('[data-testid="io-cancel"]').click()
  await p.locator('[data-testid="io-kind-suggestions"]').click()
  await settled()
  await choose(path.join(SHAPES, '汇总表-网页导出.xls'))
  assert.match(await counts(), /新增 6\s*·\s*更新 0\s*·\s*未变 0\s*·\s*出错 0/)
  const headers = (
    await p.locator('[data-testid="io-preview-table"] .el-table__header-wrapper th').allTextContents()
  ).map((t) => t.trim())
  assert.ok(headers.includes('答复情况·答复日期'), headers.join())
  assert.ok(headers.includes('代表满意度·办理工作'), headers.join())
  const notes = await p.locator('[data-testid="io-cell-note"]').allTextContents()
  // 主办单位: 2 + 2 cells under the two blocks; 交办日期: 5 under the first
  assert.equal(notes.length, 9, notes.join())
  assert.equal(await p.locator('[data-testid="io-ignored"]').count(), 0, 'every column is read')
  await screenshot('html-xls-summary')
  assert.deepEqual(s.problems, [], 'no console errors')
})
