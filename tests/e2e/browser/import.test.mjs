// 导入导出 end to end in a real browser against the real engine (`renda serve`, real SQLite):
// demo data → a messy township roster (fixtures/messy-roster.xlsx, made by make_messy_roster.py:
// merged title, 填报单位 line, 代表姓名/手机 headers, padded names, four ways of writing 出生年月,
// phones as numbers, an empty row, a 合计 row, two bad rows) → the preview marks exactly the two
// bad cells → 仅导入无误的行 → the result and the import log → the people are in 代表名册 →
// 导出Excel (full and 上报) and 承办单位 导出Excel download .xlsx files → the template downloads →
// the same file again adds nothing → an old .xls previews too → 基本设置 are kept.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { preflight, suite, expectMessage, downloadFrom } from './harness.mjs'

// A missing binary, ui/dist or Chromium fails the run (preflight throws), never a skip.
preflight()

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures')
const XLSX = path.join(FIXTURES, 'messy-roster.xlsx')
const XLS = path.join(FIXTURES, 'messy-roster.xls')

const s = suite('io')
const { api, settled, screenshot } = s

const preview = () => s.page.locator('[data-testid="io-preview"]')

async function choose(file) {
  await s.page.locator('input[data-testid="io-file"]').setInputFiles(file)
  await s.page.locator('[data-testid="io-preview-table"]').waitFor({ timeout: 20_000 })
  await settled()
}

/** Clicks `button` and returns the download it starts, saved into the data folder. */
const download = (button) => downloadFrom(s.page, s.dir, button)

test('demo data, then 导入导出 offers the import', async () => {
  const p = s.page
  await p.goto(s.server.url)
  await p.locator('[data-testid="first-run-demo"]').click()
  await p.locator('[data-testid="page-home"]').waitFor({ timeout: 120_000 })
  // The demo toast goes before the pictures are taken.
  await p.locator('.el-message').first().waitFor({ state: 'detached', timeout: 15_000 })
  await p.locator('[data-testid="nav-io"]').click()
  await p.locator('[data-testid="page-io"]').waitFor()
  assert.equal(await p.locator('[data-testid="io-kind"]').count(), 1)
  await p.locator('[data-testid="io-kind-deputies"]').click()
  assert.match(await p.locator('[data-testid="io-template"]').textContent(), /下载代表名册导入模板/)
  assert.match(await p.locator('[data-testid="io-log"]').textContent(), /还没有导入过/)
  await settled()
  await screenshot('start')
})

test('the messy roster previews with exactly the two bad cells marked', async () => {
  const p = s.page
  await choose(XLSX)
  const head = await preview().locator('.el-card__header').textContent()
  assert.match(head, /messy-roster\.xlsx/)
  assert.match(head, /工作表「代表名册」/)
  assert.match(head, /表头在第 3 行/)
  assert.match(
    await p.locator('[data-testid="io-counts"]').textContent(),
    /新增 6\s*·\s*更新 0\s*·\s*未变 0\s*·\s*出错 2/,
  )
  // 备注 is the deputy's note now: no column is left out
  assert.equal(await p.locator('[data-testid="io-ignored"]').count(), 0)
  assert.ok(
    (await p.locator('[data-testid="io-preview-table"] .el-table__header-wrapper th').allTextContents()).some(
      (t) => t.trim() === '备注',
    ),
    '备注 is previewed',
  )

  // The sheet's own headers, in sheet order, after 行 and 操作.
  const headers = (
    await p.locator('[data-testid="io-preview-table"] .el-table__header-wrapper th').allTextContents()
  ).map((t) => t.trim())
  assert.deepEqual(headers.slice(0, 10), [
    '行',
    '操作',
    '代表姓名',
    '性别',
    '出生年月',
    '政治面貌',
    '工作单位及职务',
    '代表层级',
    '选区',
    '手机',
  ])

  // Errors sit on their cells: two red cells, in the columns the errors name.
  const table = p.locator('[data-testid="io-preview-table"] .el-table__body-wrapper')
  assert.equal(await table.locator('td.io-cell-error').count(), 2, 'two cells are marked red')
  assert.equal(await table.locator('[data-testid="io-cell-error"]').count(), 2)
  const bad = await table.locator('[data-testid="io-cell-error"]').allTextContents()
  assert.deepEqual(
    bad.map((t) => t.trim()),
    ['1979年13月', '12345'],
  )
  assert.equal(await table.locator('tr.io-row-error').count(), 2)
  const bg = await table
    .locator('td.io-cell-error')
    .first()
    .evaluate((td) => getComputedStyle(td).backgroundColor)
  assert.equal(bg, 'rgb(253, 226, 226)', 'the marked cell is red')

  // …and are listed under the table with sheet, row and column.
  const errors = p.locator('[data-testid="io-errors"] li')
  assert.equal(await errors.count(), 2)
  assert.match(await errors.nth(0).textContent(), /代表名册.*第9行.*出生年月.*第\d+行「出生年月」无法识别：1979年13月/)
  assert.match(await errors.nth(1).textContent(), /第11行「手机」不是有效的电话号码：12345/)

  // 导入 is there but off while rows are in error; 仅导入无误的行 is offered.
  assert.equal(await p.locator('[data-testid="io-import"]').isDisabled(), true)
  assert.match(await p.locator('[data-testid="io-import-valid"]').textContent(), /仅导入无误的行（6 条）/)
  await screenshot('preview')

  // The tooltip of a red cell says what is wrong.
  await table.locator('[data-testid="io-cell-error"]').first().hover()
  const tip = p.locator('.el-popper', { hasText: '无法识别：1979年13月' })
  await tip.first().waitFor({ state: 'visible', timeout: 5_000 })
  assert.match(await tip.first().textContent(), /第9行「出生年月」无法识别：1979年13月/)
  await screenshot('preview-tooltip')
  await p.mouse.move(5, 5)

  // 只看出错的行 narrows the table to the two rows to fix.
  await p.locator('[data-testid="io-only-errors"]').click()
  await p.waitForFunction(
    () =>
      document.querySelectorAll('[data-testid="io-preview-table"] .el-table__body-wrapper tr.el-table__row').length ===
      2,
  )
  await p.locator('[data-testid="io-only-errors"]').click()
  await p.waitForFunction(
    () =>
      document.querySelectorAll('[data-testid="io-preview-table"] .el-table__body-wrapper tr.el-table__row').length ===
      8,
  )
})

test('仅导入无误的行 writes the six good rows and logs the import', async () => {
  const p = s.page
  await p.locator('[data-testid="io-import-valid"]').click()
  const result = p.locator('[data-testid="io-result"]')
  await result.waitFor({ timeout: 30_000 })
  assert.match(await result.textContent(), /已导入：新增 6，更新 0，未变 0，跳过出错行 2/)
  assert.match(await result.textContent(), /导入前的数据已备份到：\S+/)
  assert.equal(await preview().count(), 0, 'the preview is gone')
  const log = p.locator('[data-testid="io-log"] .el-table__body-wrapper tr')
  await log.first().waitFor()
  const row = (await log.first().textContent()).replace(/\s+/g, ' ')
  assert.match(row, /代表名册.*messy-roster\.xlsx.*6.*0.*0.*2/)
  await settled()
  await screenshot('result')
})

test('the imported deputies are in 代表名册, cleaned up', async () => {
  const p = s.page
  await p.locator('[data-testid="io-result"] button', { hasText: '去代表名册查看' }).click()
  await p.locator('[data-testid="page-deputies"]').waitFor()
  await p.locator('input[data-testid="deputy-search"]').fill('刘洋')
  const liu = p.locator('[data-testid="deputy-table"] tbody tr', { hasText: '刘洋' })
  await liu.first().waitFor({ timeout: 10_000 })
  const text = (await liu.first().textContent()).replace(/\s+/g, ' ')
  assert.match(text, /1975-03/, '1975.03 → 1975-03')
  assert.match(text, /13800138001/, 'a phone stored as a number')
  // Pinyin initials find a name that came padded with a full-width space.
  await p.locator('input[data-testid="deputy-search"]').fill('oywb')
  await p.locator('[data-testid="deputy-table"] tbody tr', { hasText: '欧阳文博' }).first().waitFor({ timeout: 10_000 })
  assert.match(await p.locator('[data-testid="deputy-table"]').textContent(), /1968-11/, 'a real Excel date cell')
  await settled()
  await screenshot('deputies-found')
})

test('导出Excel on 代表名册 downloads the list as shown; 上报用导出 too', async () => {
  const p = s.page
  const full = await download(p.locator('[data-testid="deputy-export"]'))
  assert.match(full.name, /^代表名册-\d{8}\.xlsx$/)
  assert.equal(full.bytes.subarray(0, 2).toString(), 'PK', 'an .xlsx (zip) file')
  await expectMessage(p, '已下载 代表名册-')

  await p.locator('[data-testid="deputy-export-more"]').click()
  const item = p.locator('[data-testid="deputy-export-upward"]')
  await item.waitFor({ state: 'visible' })
  await screenshot('export-menu')
  const upward = await download(item)
  assert.match(upward.name, /^代表名册（上报）-\d{8}\.xlsx$/)
  assert.equal(upward.bytes.subarray(0, 2).toString(), 'PK')
})

test('导出Excel on 承办单位 downloads too', async () => {
  const p = s.page
  await p.locator('[data-testid="nav-units"]').click()
  await p.locator('[data-testid="page-units"]').waitFor()
  await settled()
  const f = await download(p.locator('[data-testid="unit-export"]'))
  assert.match(f.name, /^承办单位-\d{8}\.xlsx$/)
  assert.equal(f.bytes.subarray(0, 2).toString(), 'PK')
  await screenshot('units-exported')
})

test('下载导入模板 gives the blank template of the chosen kind', async () => {
  const p = s.page
  await p.locator('[data-testid="nav-io"]').click()
  await p.locator('[data-testid="page-io"]').waitFor()
  const dep = await download(p.locator('[data-testid="io-template"]'))
  assert.equal(dep.name, '代表名册导入模板.xlsx')
  assert.equal(dep.bytes.subarray(0, 2).toString(), 'PK')
  await p.locator('[data-testid="io-kind-units"]').click()
  assert.match(await p.locator('[data-testid="io-template"]').textContent(), /下载承办单位导入模板/)
  const unit = await download(p.locator('[data-testid="io-template"]'))
  assert.equal(unit.name, '承办单位导入模板.xlsx')
  await p.locator('[data-testid="io-kind-deputies"]').click()
})

test('the same file again adds nothing; 取消 writes nothing', async () => {
  const p = s.page
  await choose(XLSX)
  assert.match(
    await p.locator('[data-testid="io-counts"]').textContent(),
    /新增 0\s*·\s*更新 0\s*·\s*未变 6\s*·\s*出错 2/,
  )
  assert.equal(await p.locator('[data-testid="io-import-valid"]').isDisabled(), true, 'nothing left to write')
  await p.locator('[data-testid="io-cancel"]').click()
  await p.locator('[data-testid="io-preview-table"]').waitFor({ state: 'detached' })
})

test('a roster chosen as 承办单位 is refused with the reason, not a crash', async () => {
  const p = s.page
  const known = s.problems.length
  await p.locator('[data-testid="io-kind-units"]').click()
  await p.locator('input[data-testid="io-file"]').setInputFiles(XLSX)
  const problem = p.locator('[data-testid="io-problem"]')
  await problem.waitFor({ timeout: 20_000 })
  // The engine answers a refused file with HTTP 422, which Chromium logs; that one is expected.
  const during = s.problems.splice(known)
  s.problems.push(...during.filter((m) => !/status of 422/.test(m)))
  assert.match(await problem.textContent(), /找不到承办单位的表头行/)
  assert.equal(await preview().count(), 0)
  await p.locator('.el-message').first().waitFor({ state: 'detached', timeout: 15_000 })
  await settled()
  await screenshot('wrong-kind')
  // Switching back to 代表名册 checks the same file again as a roster.
  await p.locator('[data-testid="io-kind-deputies"]').click()
  await p.locator('[data-testid="io-preview-table"]').waitFor({ timeout: 20_000 })
  assert.equal(await problem.count(), 0)
  await p.locator('[data-testid="io-cancel"]').click()
})

test('an old .xls roster previews as well', async () => {
  const p = s.page
  await choose(XLS)
  assert.match(await preview().locator('.el-card__header').textContent(), /messy-roster\.xls\b/)
  assert.equal(await p.locator('[data-testid="io-preview-table"] td.io-cell-error').count(), 2)
  const errors = await p.locator('[data-testid="io-errors"] li').allTextContents()
  assert.equal(errors.length, 2)
  assert.match(errors[0], /第7行「出生年月」无法识别：1979年13月/)
  assert.match(errors[1], /第8行「手机」不是有效的电话号码：12345/)
  await p.locator('[data-testid="io-cancel"]').click()
  await p.locator('[data-testid="io-preview-table"]').waitFor({ state: 'detached' })
})

test('基本设置: 填报单位 and masking are kept', async () => {
  const p = s.page
  await p.locator('[data-testid="nav-settings"]').click()
  const org = p.locator('input[data-testid="settings-org-name"]')
  await org.waitFor()
  await p.waitForFunction(() => document.querySelector('input[data-testid="settings-org-name"]')?.value !== '')
  await org.fill('城关镇人大主席团')
  const mask = p.locator('[data-testid="settings-mask-upward"]')
  const wasOn = (await mask.getAttribute('class')).includes('is-checked')
  await mask.click()
  await p.locator('[data-testid="settings-save"]').click()
  await expectMessage(p, '已保存基本设置')
  await p.locator('.el-message').first().waitFor({ state: 'detached', timeout: 15_000 })
  await settled()
  await screenshot('settings')
  await p.reload()
  await p.locator('[data-testid="nav-settings"]').click()
  await p.waitForFunction(
    () => document.querySelector('input[data-testid="settings-org-name"]')?.value === '城关镇人大主席团',
  )
  assert.equal(
    (await p.locator('[data-testid="settings-mask-upward"]').getAttribute('class')).includes('is-checked'),
    !wasOn,
  )
})

test('no script errors and no network requests outside the engine', () => {
  assert.deepEqual(s.problems, [])
})
