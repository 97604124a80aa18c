// 代表名册 end to end in a real browser against the real engine (`renda serve`, real SQLite):
// first run → demo data → add a deputy through the form → find by pinyin initials → edit →
// restart the engine on the same database → the edit is still there; the token guard holds.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { preflight, suite, startServer, newPage, expectMessage, rowsAllMatch } from './harness.mjs'

// A missing binary, ui/dist or Chromium fails the run (preflight throws), never a skip.
preflight()

const s = suite('roster')
const { settled } = s
const screenshot = (_page, step) => s.screenshot(step)
const db = () => path.join(s.dir, 'renda.db')

const table = () => s.page.locator('[data-testid="deputy-table"]')
const rows = () => table().locator('tbody tr.dt-row')

/** Types `q` into the search box and waits for the debounced answer: only rows with `expected`. */
async function searchDeputies(q, expected) {
  await s.page.locator('input[data-testid="deputy-search"]').fill(q)
  await rowsAllMatch(table(), expected)
}

test('an empty data folder opens on the welcome page', async () => {
  await s.page.goto(s.server.url)
  await s.page.locator('[data-testid="first-run"]').waitFor({ timeout: 20_000 })
  assert.equal(await s.page.title(), '人大工作台')
  assert.match(await s.page.locator('[data-testid="first-run"]').textContent(), /欢迎使用人大工作台/)
  assert.equal(await s.page.locator('[data-testid="nav-home"]').count(), 0, 'no navigation before setup')
  await screenshot(s.page, 'welcome')
})

test('载入示例数据 leads to 工作台 with real counts', async () => {
  await s.page.locator('[data-testid="first-run-demo"]').click()
  await s.page.locator('[data-testid="page-home"]').waitFor({ timeout: 120_000 })
  const count = s.page.locator('[data-testid="count-deputies"]')
  await s.page.waitForFunction(() =>
    /^\d+/.test(document.querySelector('[data-testid="count-deputies"]')?.textContent?.trim() ?? ''),
  )
  const n = parseInt(await count.textContent(), 10)
  assert.ok(n > 0, `demo data has deputies (${n})`)
  for (const key of ['home', 'suggestions', 'evaluation', 'stations', 'deputies', 'units', 'io', 'settings']) {
    assert.equal(await s.page.locator(`[data-testid="nav-${key}"]`).count(), 1, `nav-${key}`)
  }
  // 代表分布 by level: its columns add up to the deputy count above
  await s.page.locator('[data-testid="chart-deputies"] .col').first().waitFor({ timeout: 10_000 })
  const columns = await s.page.locator('[data-testid="chart-deputies"] .col .v').allTextContents()
  assert.ok(columns.length > 0 && columns.every((v) => /^\d+$/.test(v.trim())), `代表分布 columns: ${columns}`)
  await screenshot(s.page, 'home')
})

test('代表名册 lists the demo deputies', async () => {
  await s.page.locator('[data-testid="nav-deputies"]').click()
  await s.page.locator('[data-testid="page-deputies"]').waitFor()
  await rows().first().waitFor({ timeout: 15_000 })
  assert.ok((await rows().count()) > 0)
  assert.match(await s.page.locator('[data-testid="deputy-total"]').textContent(), /共 \d+ 人/)
  await settled()
  const headers = await table().locator('thead th').allTextContents()
  for (const h of [
    '姓名',
    '性别',
    '出生年月',
    '政治面貌',
    '工作单位及职务',
    '层级',
    '选区',
    '代表团/小组',
    '联系电话',
    '所属联络站',
    '状态',
  ]) {
    assert.ok(
      headers.some((x) => x.includes(h)),
      `column ${h}`,
    )
  }
  await screenshot(s.page, 'deputies')
})

test('新增代表 through the form, with validation beside the fields', async () => {
  const p = s.page
  await p.locator('[data-testid="deputy-add"]').click()
  const dlg = p.locator('.el-dialog', { has: p.locator('[data-testid="deputy-form-save"]') })
  await dlg.waitFor()
  // Empty name and a bad phone are refused next to the fields.
  await p.locator('input[data-testid="deputy-form-phone"]').fill('12345')
  await p.locator('[data-testid="deputy-form-save"]').click()
  await dlg.locator('.el-form-item__error', { hasText: '请填写代表姓名' }).waitFor()
  // the phone is read by the engine's rule as soon as the field is left
  await dlg.locator('[data-testid="field-problem"]', { hasText: '手机号应为11位' }).waitFor()
  await screenshot(p, 'deputy-form-errors')

  await p.locator('input[data-testid="deputy-form-name"]').fill('张三丰')
  await dlg.locator('label.el-radio', { hasText: '男' }).click()
  await dlg.locator('label.el-checkbox', { hasText: '县级' }).click()
  await p.locator('input[data-testid="deputy-form-phone"]').fill('13912345678')
  await p.locator('input[data-testid="deputy-form-district"]').fill('第9选区')
  await p.locator('input[data-testid="deputy-form-id-number"]').fill('11010519491231002x')
  await p.locator('input[data-testid="deputy-form-work-unit"]').fill('武当镇人民政府镇长')
  const birth = p.locator('[data-testid="deputy-form-birth"] input')
  await birth.fill('1975-03')
  await birth.press('Enter')
  await screenshot(p, 'deputy-form')
  await p.locator('[data-testid="deputy-form-save"]').click()
  await expectMessage(p, '已新增代表「张三丰」')
  await dlg.waitFor({ state: 'hidden' })
})

test('finds the new deputy by pinyin initials zsf', async () => {
  await searchDeputies('zsf', '张三丰')
  const cell = table().locator('[data-testid^="deputy-name-"]', { hasText: '张三丰' })
  await cell.first().waitFor({ timeout: 10_000 })
  const tid = await cell.first().getAttribute('data-testid')
  s.deputyId = Number(tid.replace('deputy-name-', ''))
  assert.ok(s.deputyId > 0)
  const row = rows().filter({ hasText: '张三丰' })
  const text = await row.first().textContent()
  assert.match(text, /13912345678/)
  assert.match(text, /第9选区/)
  assert.match(text, /1975-03/)
  await screenshot(s.page, 'search-zsf')
})

test('edits the deputy (选区) and sees the change in the list and the drawer', async () => {
  const p = s.page
  await p.locator(`[data-testid="deputy-edit-${s.deputyId}"]`).click()
  const dlg = p.locator('.el-dialog', { has: p.locator('[data-testid="deputy-form-save"]') })
  await dlg.waitFor()
  const district = p.locator('input[data-testid="deputy-form-district"]')
  assert.equal(await district.inputValue(), '第9选区')
  await district.fill('第10选区')
  await p.locator('[data-testid="deputy-form-save"]').click()
  await expectMessage(p, '已保存')
  await dlg.waitFor({ state: 'hidden' })
  await rows().filter({ hasText: '第10选区' }).first().waitFor({ timeout: 10_000 })
  // 详情 drawer
  await table().locator(`[data-testid="deputy-name-${s.deputyId}"]`).click()
  const drawer = p.locator('.el-drawer', { hasText: '代表详情：张三丰' })
  await drawer.waitFor()
  assert.match(await drawer.textContent(), /第10选区/)
  assert.match(await drawer.textContent(), /11010519491231002X/)
  await settled()
  await screenshot(p, 'deputy-drawer')
  await p.keyboard.press('Escape')
  await drawer.waitFor({ state: 'hidden' })
})

test('停用 asks first, then 恢复 brings the deputy back', async () => {
  const p = s.page
  await p.locator(`[data-testid="deputy-toggle-${s.deputyId}"]`).click()
  const box = p.locator('.el-message-box', { hasText: '停用代表' })
  await box.waitFor()
  await screenshot(p, 'deactivate-confirm')
  await box.locator('button', { hasText: '停用' }).click()
  // wait for this very message: an earlier toast may still be on screen
  await p.locator('.el-message', { hasText: '已停用「张三丰」' }).first().waitFor({ timeout: 10_000 })
  await rows().filter({ hasText: '张三丰' }).first().waitFor({ state: 'detached', timeout: 10_000 })
  await p.locator('[data-testid="deputy-include-inactive"]').click()
  const row = rows().filter({ hasText: '张三丰' }).first()
  await row.waitFor({ timeout: 10_000 })
  assert.match(await row.textContent(), /已停用/)
  await p.locator(`[data-testid="deputy-toggle-${s.deputyId}"]`).click()
  await p.locator('.el-message-box', { hasText: '恢复代表' }).locator('button', { hasText: '恢复' }).click()
  await p.locator('.el-message', { hasText: '已恢复「张三丰」' }).first().waitFor({ timeout: 10_000 })
  await p.locator('[data-testid="deputy-include-inactive"]').click()
  await rows().filter({ hasText: '张三丰' }).first().waitFor({ timeout: 10_000 })
})

test('the other pages render', async () => {
  const p = s.page
  for (const [key, marker] of [
    ['units', '[data-testid="unit-table"] tbody tr'],
    ['stations', '[data-testid="station-table"] tbody tr'],
    ['settings', '[data-testid="page-settings"]'],
    ['suggestions', '[data-testid="suggestion-table"] tbody tr'],
    ['evaluation', '[data-testid="evaluation-table"] tbody tr'],
  ]) {
    await p.locator(`[data-testid="nav-${key}"]`).click()
    await p.locator(marker).first().waitFor({ timeout: 15_000 })
    await settled()
    await screenshot(p, key)
  }
  // 立即备份 into the default folder shows up in the list and in the audit log.
  await p.locator('[data-testid="nav-settings"]').click()
  const before = await p.locator('[data-testid="backup-table"] tbody tr').count()
  await p.locator('[data-testid="backup-now"]').click()
  await expectMessage(p, '备份完成')
  await p.waitForFunction((n) => document.querySelectorAll('[data-testid="backup-table"] tbody tr').length > n, before)
  await p.locator('[data-testid="audit-table"] tbody tr', { hasText: '备份数据到' }).first().waitFor()
  await settled()
  await screenshot(p, 'settings-after-backup')
  await p.locator('[data-testid="nav-stations"]').click()
  await p.locator('[data-testid="station-add"]').click()
  await p.locator('[data-testid="station-dialog"], .el-dialog', { hasText: '新增联络站' }).first().waitFor()
  await p.locator('.el-dialog label.el-radio', { hasText: '每月固定日' }).click()
  for (const d of ['6', '16', '26'])
    await p.locator('.el-dialog .days label.el-checkbox', { hasText: new RegExp(`^\\s*${d}\\s*$`) }).click()
  await p.locator('.el-dialog', { hasText: '逢六进站' }).first().waitFor()
  // 驻站代表: local pinyin-initial filter over every deputy
  await p.locator('[data-testid="station-form-deputies"]').click()
  await p.keyboard.type('zsf')
  await p.locator('.el-select-dropdown__item:visible', { hasText: '张三丰' }).first().click()
  await p.keyboard.press('Escape')
  await p.locator('.el-dialog .el-select .el-tag', { hasText: '张三丰' }).first().waitFor()
  await screenshot(p, 'station-form')
  await p.keyboard.press('Escape')
})

test('restarting the engine on the same database keeps the edit', async () => {
  // leave the page first, as a user closes the browser: a request still in flight when the
  // engine stops would be reset, which is not what this test is about
  await s.page.goto('about:blank')
  await s.server.stop()
  s.server = await startServer(db())
  await s.page.goto(s.server.url)
  await s.page.locator('[data-testid="page-home"]').waitFor({ timeout: 20_000 })
  assert.equal(await s.page.locator('[data-testid="first-run"]').count(), 0, 'no welcome page after setup')
  await s.page.locator('[data-testid="nav-deputies"]').click()
  await rows().first().waitFor({ timeout: 15_000 })
  await searchDeputies('zsf', '张三丰')
  const row = rows().filter({ hasText: '张三丰' })
  await row.first().waitFor({ timeout: 10_000 })
  assert.match(await row.first().textContent(), /第10选区/)
  await screenshot(s.page, 'after-restart')
})

test('without the token the engine refuses the API and the page', async () => {
  const { origin } = s.server
  const api = await fetch(`${origin}/api/app_status`, { method: 'POST' })
  assert.equal(api.status, 401)
  const body = await api.json()
  assert.equal(body.ok, false)
  assert.equal(body.error.code, 'unauthorized')
  const wrong = await fetch(`${origin}/api/app_status`, { method: 'POST', headers: { 'X-Renda-Token': 'wrong' } })
  assert.equal(wrong.status, 401)
  const ok = await fetch(`${origin}/api/app_status`, { method: 'POST', headers: { 'X-Renda-Token': s.server.token } })
  assert.equal(ok.status, 200)
  // A fresh browser context has no cookie: the page itself is refused.
  const p2 = await newPage(s.browser)
  const resp = await p2.page.goto(`${origin}/`)
  assert.equal(resp.status(), 401)
  await screenshot(p2.page, 'no-token')
  await p2.context.close()
})

test('no script errors and no network requests outside the engine', () => {
  assert.deepEqual(s.problems, [])
})
