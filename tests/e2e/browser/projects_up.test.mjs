// 民生实事项目 upward in a real browser against the real engine: a township (its demo year: 6
// projects voted, one tie settled by a second round) packs its year; a county, set up from an empty
// data file in the window, receives the package on 上报与汇总 and sees the township's projects
// beside its own, counted together, and the 工作台 card counts them too. Twice changes nothing.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { BIN, preflight, suite } from './harness.mjs'

preflight()

const YEAR = new Date().getFullYear()
const s = suite('projects-up')
const { api } = s

function cli(db, args) {
  const r = spawnSync(BIN, ['--db', db, ...args], { encoding: 'utf8' })
  assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`)
  return r.stdout
}

/** The percentage the window shows for a rate (one decimal), or — for none. */
const pct = (r) => (r === null ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`)

test('a county sees a township’s projects beside its own, on 上报与汇总 and on 工作台', async () => {
  const town = path.join(s.dir, 'town.db')
  cli(town, ['office', '--name', '城关镇人大主席团', '--level', '乡镇'])
  cli(town, ['demo'])
  const own = JSON.parse(cli(town, ['--json', 'project', 'figures', '--year', String(YEAR)])).total
  assert.equal(own.projects, 6)
  const pkg = path.join(s.dir, 'town.xlsx')
  cli(town, ['report', 'pack', '--year', String(YEAR), '-o', pkg])

  const p = s.page
  await p.goto(s.server.url)
  await p.locator('input[data-testid="first-run-name"]').fill('清河县人大常委会')
  await p.locator('[data-testid="first-run-level"] .el-radio-button', { hasText: '县' }).click()
  await p.locator('[data-testid="first-run-blank"]').click()
  await p.locator('[data-testid="terms-welcome"]').waitFor()
  await p.locator('[data-testid="nav-home"]').click()
  const card = p.locator('[data-testid="home-projects"]')
  await card.locator('[data-testid="proj-projects"]', { hasText: '0' }).waitFor()
  assert.match(await card.locator('[data-testid="proj-satisfied_rate"]').textContent(), /—/)

  await p.locator('[data-testid="nav-upward"]').click()
  await p.locator('#tab-receive').click()
  await p.locator('input[data-testid="receive-files"]').setInputFiles([pkg])
  await p.locator('[data-testid="receive-preview"]', { hasText: '新收到' }).waitFor()
  await p.locator('[data-testid="receive-import"]').click()
  const panel = p.locator('[data-testid="summary-projects"]')
  const row = (name) => panel.locator('.el-table__body-wrapper tr', { hasText: name }).first()
  await row('城关镇人大主席团').waitFor()
  const t = await api('project_figures', { year: YEAR })
  assert.deepEqual(
    t.rows.map((r) => r.name),
    ['本级', '城关镇人大主席团', '合计'],
  )
  assert.deepEqual(t.rows[1].figures, own, 'the township’s row is its own figures')
  assert.equal(t.total.projects, 6)
  const total = await row('合计').textContent()
  assert.match(total, new RegExp(`^合计6`))
  assert.ok(total.includes(pct(t.total.done_rate)) && total.includes(pct(t.total.satisfied_rate)), total)
  await panel.scrollIntoViewIfNeeded()
  await s.screenshot('summary-projects')

  // the same package again: nothing changes
  await p.locator('input[data-testid="receive-files"]').setInputFiles([pkg])
  await p.locator('[data-testid="receive-preview"]', { hasText: '没有变化' }).waitFor()
  assert.equal((await api('project_figures', { year: YEAR })).total.projects, 6)

  // 工作台: the year's card counts the township's projects with the county's own
  await p.locator('[data-testid="nav-home"]').click()
  await card.locator('[data-testid="proj-projects"]', { hasText: '6' }).waitFor()
  assert.match(await card.locator('[data-testid="proj-done_rate"]').textContent(), new RegExp(pct(t.total.done_rate)))
  assert.match(
    await card.locator('[data-testid="proj-invest_rate"]').textContent(),
    new RegExp(pct(t.total.invest_rate)),
  )
  assert.match(
    await card.locator('[data-testid="proj-satisfied_rate"]').textContent(),
    new RegExp(pct(t.total.satisfied_rate)),
  )
  await card.scrollIntoViewIfNeeded()
  await s.screenshot('home-card')
})
