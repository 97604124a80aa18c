// 审议意见 upward in a real browser against the real engine: a township (its demo year of 主席团
// 审议意见) packs its year; a county, set up from an empty data file in the window, receives the
// package on 上报与汇总 and sees the township's 审议意见 figures beside its own and the 合计, as the
// engine counts them. The same package twice changes nothing.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { BIN, preflight, suite } from './harness.mjs'

preflight()

const YEAR = new Date().getFullYear()
const s = suite('oversight-up')
const { api } = s

function cli(db, args) {
  const r = spawnSync(BIN, ['--db', db, ...args], { encoding: 'utf8' })
  assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`)
  return r.stdout
}

/** A rate as the window shows it: the engine's percent, or — for none. */
const pct = (r) => (r === null ? '—' : `${r}%`)

test('a county sees a township’s 审议意见 figures beside its own on 上报与汇总', async () => {
  const town = path.join(s.dir, 'town.db')
  cli(town, ['office', '--name', '城关镇人大主席团', '--level', '乡镇'])
  cli(town, ['demo'])
  const [own] = JSON.parse(cli(town, ['--json', 'oversight', 'figures', '--year', String(YEAR)]))
  assert.ok(own.opinions > 0 && own.problems > 0, JSON.stringify(own))
  const pkg = path.join(s.dir, 'town.xlsx')
  cli(town, ['report', 'pack', '--year', String(YEAR), '-o', pkg])

  const p = s.page
  await p.goto(s.server.url)
  await p.locator('input[data-testid="first-run-name"]').fill('清河县人大常委会')
  await p.locator('[data-testid="first-run-level"] .el-radio-button', { hasText: '县' }).click()
  await p.locator('[data-testid="first-run-blank"]').click()
  await p.locator('[data-testid="terms-welcome"]').waitFor()

  await p.locator('[data-testid="nav-upward"]').click()
  await p.locator('#tab-receive').click()
  await p.locator('input[data-testid="receive-files"]').setInputFiles([pkg])
  await p.locator('[data-testid="receive-preview"]', { hasText: '新收到' }).waitFor()
  await p.locator('[data-testid="receive-import"]').click()
  const panel = p.locator('[data-testid="summary-oversight"]')
  const row = (name) => panel.locator('.el-table__body-wrapper tr', { hasText: name }).first()
  await row('城关镇人大主席团').waitFor()

  const t = (await api('report_summary', { year: YEAR })).oversight
  assert.deepEqual(
    t.rows.map((r) => r.name),
    ['本级', '城关镇人大主席团', '合计'],
  )
  assert.deepEqual(t.rows[1].figures, own, 'the township’s row is its own figures')
  assert.equal(t.total.opinions, own.opinions, 'the county has none of its own yet')
  const town_row = await row('城关镇人大主席团').textContent()
  assert.ok(town_row.startsWith(`城关镇人大主席团${own.opinions}`), town_row)
  for (const part of [
    `${pct(own.on_time_rate)}（${own.reports_on_time}/${own.reports_due}）`,
    String(own.problems),
    pct(own.fix_rate),
  ]) {
    assert.ok(town_row.includes(part), `${part} in ${town_row}`)
  }
  assert.match(await row('本级').textContent(), /^本级0—（0\/0）00—$/)
  await panel.scrollIntoViewIfNeeded()
  await s.screenshot('summary-oversight')

  // the same package again: nothing changes
  await p.locator('input[data-testid="receive-files"]').setInputFiles([pkg])
  await p.locator('[data-testid="receive-preview"]', { hasText: '没有变化' }).waitFor()
  assert.deepEqual((await api('report_summary', { year: YEAR })).oversight.total, t.total)
})
