// 履职评议 end to end in a real browser against the real engine (`renda serve`, real SQLite):
// demo data → 新建评议 from the preset (过半数规则) → two officials → counted ballots per group, a
// count that does not add up refused → grades and ranking → table 5 exported → 积分排名 and a
// deputy's 履职档案.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { preflight, suite, expectMessage, xlsxRows, downloadFrom, rowsAllMatch } from './harness.mjs'

preflight()

const NAME = `${new Date().getFullYear()}年度专项测评（端到端）`
const s = suite('ev')
s.evaluation = null
const { api, settled, screenshot } = s

/** Types one count into the grid: present, invalid, satisfied, basic, unsatisfied, abstain. */
async function fill(subjectId, counts) {
  const fields = ['present', 'invalid', 'satisfied', 'basic', 'unsatisfied', 'abstain']
  for (let i = 0; i < fields.length; i++) {
    const input = s.page.locator(`[data-testid="ballot-${subjectId}-${fields[i]}"] input`)
    await input.fill(String(counts[i]))
    await input.blur()
  }
}

test('demo data, then 新建评议 from the preset rule', async () => {
  const p = s.page
  await p.goto(s.server.url)
  await p.locator('[data-testid="first-run-demo"]').click()
  await p.locator('[data-testid="page-home"]').waitFor({ timeout: 120_000 })
  await p.locator('[data-testid="nav-evaluation"]').click()
  await p.locator('[data-testid="evaluation-table"] .dt-row').first().waitFor()
  await settled()
  await screenshot('list')
  await p.locator('[data-testid="evaluation-add"]').click()
  await p.locator('input[data-testid="evaluation-name"]').fill(NAME)
  await p.locator('[data-testid="evaluation-rule"] .el-radio', { hasText: '过半数规则' }).click()
  await screenshot('new')
  await p.locator('[data-testid="evaluation-create"]').click()
  await p.locator('[data-testid="evaluation-title"]', { hasText: NAME }).waitFor()
  s.evaluation = (await api('evaluation_list')).find((e) => e.name === NAME)
  assert.ok(s.evaluation)
})

test('two officials, counted ballots per group; a count that does not add up is refused', async () => {
  const p = s.page
  for (const [name, post] of [
    ['王建设', '县城管局局长'],
    ['李清水', '县水务局局长'],
  ]) {
    await p.locator('[data-testid="subject-add"]').click()
    await p.locator('input[data-testid="subject-name"]').fill(name)
    await p.locator('input[data-testid="subject-post"]').fill(post)
    await p.locator('[data-testid="subject-save"]').click()
    await p.locator('[data-testid="ballot-grid"] .el-table__row', { hasText: name }).waitFor()
  }
  const e = await api('evaluation_get', { id: s.evaluation.id })
  const [wang, li] = e.subjects
  const groups = e.groups
  // 常委会组成人员 (应到 25): a count over 实到 first
  await fill(wang.id, [22, 0, 20, 2, 1, 0])
  await fill(li.id, [22, 0, 10, 8, 4, 0])
  await p.locator('[data-testid="ballot-save"]').click()
  await p.locator('[data-testid="ballot-errors"]', { hasText: '「王建设」常委会组成人员' }).waitFor()
  assert.match(await p.locator('[data-testid="ballot-errors"]').textContent(), /票数合计 23 张超过实到 22 人/)
  s.problems.splice(0, s.problems.length, ...s.problems.filter((m) => !/status of 422/.test(m)))
  await screenshot('ballot-refused')
  await fill(wang.id, [22, 0, 19, 2, 1, 0])
  await p.locator('[data-testid="ballot-save"]').click()
  await expectMessage(p, '已保存计票')
  // 人大代表 (应到 60) and 服务对象代表 (应到 30)
  const counts = {
    [groups[1].id]: [
      [55, 1, 40, 10, 4, 0],
      [55, 0, 25, 20, 10, 0],
    ],
    [groups[2].id]: [
      [28, 0, 20, 6, 2, 0],
      [28, 0, 12, 8, 8, 0],
    ],
  }
  for (const g of groups.slice(1)) {
    await p.locator('[data-testid="ballot-group"] .el-radio-button', { hasText: g.name }).click()
    await fill(wang.id, counts[g.id][0])
    await fill(li.id, counts[g.id][1])
    await p.locator('[data-testid="ballot-save"]').click()
    await expectMessage(p, '已保存计票')
  }
  await settled()
  await screenshot('ballots', { fullPage: true })
})

test('the grades and the ranking follow the rule', async () => {
  const p = s.page
  const r = await api('evaluation_results', { id: s.evaluation.id })
  const [wang, li] = r.subjects
  // 王建设: 19 + 40 + 20 = 79 满意 of 115 应到 → 满意; 李清水: 47 满意, 47 + 36 = 83 > 57.5 → 基本满意
  assert.equal(wang.grade, '满意')
  assert.equal(li.grade, '基本满意')
  assert.deepEqual([wang.rank, li.rank], [1, 2])
  await p.locator(`[data-testid="grade-${wang.subject_id}"]`, { hasText: '满意' }).waitFor()
  await p.locator(`[data-testid="grade-${li.subject_id}"]`, { hasText: '基本满意' }).waitFor()
  const first = p.locator('[data-testid="results-table"] .el-table__body-wrapper tr.el-table__row').first()
  assert.match(await first.textContent(), /^1王建设/)
  await p.locator('[data-testid="results-chart"] canvas').waitFor()
  await p.locator('[data-testid="results-table"]').scrollIntoViewIfNeeded()
  await screenshot('results')
})

test('table 5 exports with 应到 / 实到 in the footnote', async () => {
  const p = s.page
  const f = await downloadFrom(p, s.dir, p.locator('[data-testid="evaluation-export"]'))
  assert.equal(f.name.replace(/-\d{8}\.xlsx$/, ''), `${NAME}满意度测评结果表`)
  const rows = xlsxRows(f.bytes)
  const header = rows.find((r) => r[0] === '序号')
  assert.deepEqual(header.slice(0, 7), ['序号', '对象', '职务', '满意', '基本满意', '不满意', '弃权'])
  const wang = rows.find((r) => r[1] === '王建设')
  assert.deepEqual(wang.slice(3, 7).map(Number), [79, 18, 7, 0])
  assert.equal(wang[header.indexOf('等次')], '满意')
  assert.match(rows.find((r) => r[0].startsWith('注：'))[0], /常委会组成人员应到 25 人、实到 22 人/)
})

test('逐张录入: each click is one ballot, the totals follow', async () => {
  const p = s.page
  const e = await api('evaluation_get', { id: s.evaluation.id })
  const wang = e.subjects[0]
  await p.locator('[data-testid="ballot-group"] .el-radio-button', { hasText: e.groups[2].name }).click()
  await p.locator('[data-testid="ballot-mode"]').click()
  const sat = p.locator(`[data-testid="tally-${wang.id}-satisfied"]`)
  await sat.waitFor()
  assert.match(await sat.textContent(), /满意\s*20/)
  await sat.click()
  await p.locator(`[data-testid="tally-${wang.id}-invalid"]`).click()
  assert.match(await sat.textContent(), /满意\s*21/)
  const row = p.locator('[data-testid="ballot-grid"] .el-table__row', { hasText: '王建设' })
  assert.match(await row.textContent(), /30\s*$/, '实到 28 + 2 ballots')
  await screenshot('one-by-one')
  // not saved: the engine still holds the counted totals
  const b = await api('ballots_get', { id: s.evaluation.id })
  assert.equal(b.counts.find((c) => c.subject_id === wang.id && c.group_id === e.groups[2].id).satisfied, 20)
})

test("积分排名 ranks every deputy; a deputy's 履职档案 lists what they did", async () => {
  const p = s.page
  await p.locator('[data-testid="nav-evaluation"]').click()
  await p.locator('#tab-points').click()
  await p.locator('[data-testid="points-table"] .dt-row').first().waitFor({ timeout: 20_000 })
  const year = new Date().getFullYear()
  const table = await api('points_table', { year })
  const top = table.rows[0]
  assert.equal(top.rank, 1)
  const firstRow = p.locator('[data-testid="points-table"] tr.dt-row').first()
  assert.match(await firstRow.textContent(), new RegExp(top.name))
  await settled()
  await screenshot('points')
  await p.locator('[data-testid="points-quarter"] .el-radio-button', { hasText: '截至1季度' }).click()
  await settled()

  await p.locator('[data-testid="nav-deputies"]').click()
  await p.locator('input[data-testid="deputy-search"]').fill(top.name)
  const cell = p.locator(`[data-testid="deputy-name-${top.deputy_id}"]`)
  await rowsAllMatch(p.locator('[data-testid="deputy-table"]'), top.name)
  await cell.click()
  await p.locator('[data-testid="deputy-drawer"] #tab-dossier').click()
  await p.locator('[data-testid="dossier-points"]', { hasText: `积分 ${top.total}` }).waitFor({ timeout: 10_000 })
  await settled()
  await screenshot('dossier')
})

test('no script errors and no network requests outside the engine', () => {
  assert.deepEqual(s.problems, [])
})
