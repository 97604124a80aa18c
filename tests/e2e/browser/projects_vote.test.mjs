// 民生实事项目票决, 征集 → 候选项目 → 票决, end to end in a real browser against the real engine
// (`renda serve`, real SQLite), from an EMPTY data file and only through the window: the office and
// its session → a proposal on the negative list refused → 8 candidates (6 from the government's
// 候选项目表, 2 typed) → a 差额 vote for 6 → the blank 表决票 → a tally that does not add up shown as
// typed, then one with a tie at 6th place flagged → the re-vote among the tied → confirmed: 6 projects.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  addTermAndSession,
  preflight,
  startBlank,
  suite,
  expectMessage,
  xlsxRows,
  xlsxWrite,
  downloadFrom,
  selectOption,
} from './harness.mjs'

preflight()

const YEAR = new Date().getMonth() >= 9 ? new Date().getFullYear() + 1 : new Date().getFullYear()
const s = suite('vote')
const { api, settled, screenshot } = s
const IMPORTED = ['村道硬化工程', '村卫生室改造', '农村饮水安全巩固', '中小学校舍维修', '敬老院扩建', '农贸市场改造']
const TYPED = ['文化广场建设', '河道清淤整治']

/** Types a number into an Element Plus number input and leaves it. */
async function num(testid, value) {
  const input = s.page.locator(`[data-testid="${testid}"] input`)
  await input.fill(String(value))
  await input.blur()
}

/** The tally of the round on screen: the six figures, then 赞成 / 反对 / 弃权 per 序号. */
async function enterTally([expected, present, issued, returned, valid, invalid], yes) {
  const figures = { expected, present, issued, returned, valid, invalid }
  for (const [k, v] of Object.entries(figures)) await num(`tally-${k}`, v)
  for (let i = 0; i < yes.length; i++) {
    await num(`tally-${i + 1}-yes`, yes[i])
    await num(`tally-${i + 1}-no`, valid - yes[i])
    await num(`tally-${i + 1}-abstain`, 0)
  }
}

test('a township office from the first run, and its session', async () => {
  const p = s.page
  await p.goto(s.server.url)
  await p.locator('[data-testid="first-run"]').waitFor()
  await startBlank(p, '城关镇人大主席团', '乡镇')
  await addTermAndSession(p, { number: 19, from: YEAR - 1, to: YEAR + 4, session: 2 })
  assert.equal((await api('term_list'))[0].sessions.length, 1)
})

test('征集: the negative list is refused with its reason', async () => {
  const p = s.page
  await p.locator('[data-testid="nav-projects"]').click()
  await p.locator('[data-testid="page-projects"]').waitFor()
  await p.locator('[data-testid="proposal-add"]').click()
  await p.locator('input[data-testid="proposal-proposer"]').fill('镇政府')
  await p.locator('input[data-testid="proposal-name"]').fill('新建镇政府办公楼')
  await selectOption(p, 'proposal-field', '其他')
  await p.locator('[data-testid="proposal-save"]').click()
  await p.locator('.el-form-item__error', { hasText: '党政机关办公楼建设不属于民生实事' }).waitFor()
  s.problems.splice(0, s.problems.length, ...s.problems.filter((m) => !/status of 422/.test(m)))
  await screenshot('negative-list')
  await p.locator('input[data-testid="proposal-name"]').fill('城关镇农贸市场改造')
  await p.locator('[data-testid="proposal-save"]').click()
  await expectMessage(p, '已保存项目征集')
  await p.locator('[data-testid="proposal-table"] .el-table__row', { hasText: '城关镇农贸市场改造' }).waitFor()
  await settled()
  await screenshot('proposals')
})

test('候选项目: six from the government’s 候选项目表 with a preview, two typed', async () => {
  const p = s.page
  await p.locator('#tab-candidates').click()
  const rows = [
    [`${YEAR}年度城关镇民生实事候选项目表`],
    ['序号', '项目名称', '领域', '总投资（万元）', '主要内容', '完成时间', '实施主体'],
    ...IMPORTED.map((n, i) => [
      i + 1,
      n,
      '农业农村',
      100 + i * 10,
      `${n}：具体建设内容`,
      `${YEAR}年${6 + i}月`,
      '镇人民政府',
    ]),
  ]
  const chooser = p.waitForEvent('filechooser')
  await p.locator('[data-testid="candidate-import"]').click()
  await (
    await chooser
  ).setFiles({ name: '候选项目表.xlsx', mimeType: 'application/octet-stream', buffer: xlsxWrite(rows) })
  await p.locator('[data-testid="import-counts"]', { hasText: '新增 6' }).waitFor()
  await screenshot('candidate-preview')
  await p.locator('[data-testid="import-commit"]').click()
  await expectMessage(p, '已导入：新增 6')
  for (const name of TYPED) {
    await p.locator('[data-testid="candidate-add"]').click()
    await p.locator('input[data-testid="candidate-name"]').fill(name)
    await selectOption(p, 'candidate-field', '文化体育')
    await num('candidate-investment', 80)
    await p.locator('textarea[data-testid="candidate-content"]').fill(`${name}的主要内容`)
    await p.locator('input[data-testid="candidate-end"]').fill(`${YEAR}年12月`)
    await p.locator('[data-testid="candidate-save"]').click()
    await expectMessage(p, `已保存候选项目「${name}」`)
  }
  await p.locator('[data-testid="candidate-table"] .el-table__row', { hasText: TYPED[1] }).waitFor()
  const list = await api('candidate_list', { year: YEAR })
  assert.deepEqual(
    list.map((c) => c.name),
    [...IMPORTED, ...TYPED],
  )
  assert.equal(list[0].planned_end_text, `${YEAR}年6月`)
  await settled()
  await screenshot('candidates')
})

test('票决: 差额 for 6, the blank 表决票', async () => {
  const p = s.page
  await p.locator('#tab-votes').click()
  await p.locator('[data-testid="vote-add"]').click()
  await num('vote-seats', 6)
  await p.locator('[data-testid="vote-create"]').click()
  await p.locator('[data-testid="page-vote"]').waitFor()
  await p
    .locator('[data-testid="vote-instruction"]', { hasText: '应选 6 个，赞成不得超过 6 个，超过的为无效票' })
    .waitFor()
  const f = await downloadFrom(p, s.dir, p.locator('[data-testid="vote-ballot"]'))
  assert.match(f.name, new RegExp(`^${YEAR}年度民生实事项目表决票`))
  const rows = xlsxRows(f.bytes)
  assert.equal(rows[0][0], `${YEAR}年度民生实事项目人大代表票决表决票`)
  const header = rows.findIndex((r) => r[0] === '序号')
  assert.deepEqual(rows[header], ['序号', '项目名称', '总投资（万元）', '主要内容', '完成时间', '赞成', '反对', '弃权'])
  assert.equal(rows.filter((r) => r[5] === '□').length, 8)
  await settled()
  await screenshot('vote-open')
})

test('the tally: add-up failures shown as typed; a tie at 6th place flagged; the re-vote decides it', async () => {
  const p = s.page
  // 有效 + 无效 ≠ 收回: the engine's check shows before saving
  await enterTally([50, 48, 48, 48, 46, 1], [44, 42, 40, 38, 35, 28, 28, 20])
  await p.locator('[data-testid="tally-checks"]', { hasText: '有效（46）+ 无效（1）= 47，应等于收回（48）' }).waitFor()
  await screenshot('tally-checks')
  await num('tally-invalid', 2)
  await p.locator('[data-testid="tally-checks"]').waitFor({ state: 'detached' })
  await p.locator('[data-testid="tally-save"]').click()
  await expectMessage(p, '已保存计票结果')
  await p.locator('[data-testid="outcome-6"]', { hasText: '票数相同，需再次投票' }).waitFor()
  await p.locator('[data-testid="outcome-7"]', { hasText: '票数相同，需再次投票' }).waitFor()
  await p.locator('[data-testid="vote-messages"]', { hasText: '第6名票数相同' }).waitFor()
  assert.equal(await p.locator('[data-testid="vote-confirm"]').count(), 0, 'no confirmation while a tie is open')
  await screenshot('tie')

  await p.locator('[data-testid="vote-revote"]').click()
  await p.locator('[data-testid="vote-title"]', { hasText: '第2轮' }).waitFor()
  const round = await api('vote_get', { id: Number(p.url().split('/').pop()) })
  assert.deepEqual(
    round.lines.map((l) => l.name),
    [IMPORTED[5], TYPED[0]],
  )
  assert.equal(round.seats, 1)
  await enterTally([50, 47, 47, 47, 46, 1], [30, 15])
  await p.locator('[data-testid="tally-save"]').click()
  await expectMessage(p, '已保存计票结果')
  await p.locator('[data-testid="outcome-1"]', { hasText: '当选' }).waitFor()
  await p.locator('[data-testid="vote-adopted"]', { hasText: '当选项目（6 个）' }).waitFor()
  await screenshot('revote')
})

test('确认结果: six projects, the vote locked', async () => {
  const p = s.page
  await p.locator('[data-testid="vote-confirm"]').click()
  await p.locator('.el-message-box__btns .el-button--primary').click()
  await expectMessage(p, '已确认票决结果')
  await p.locator('[data-testid="vote-projects"]', { hasText: '6 个项目列为正式项目' }).waitFor()
  const v = await api('vote_get', { id: Number(p.url().split('/').pop()) })
  assert.equal(v.project_ids.length, 6)
  assert.equal(v.status, 'confirmed')
  assert.ok(v.adopted.includes(IMPORTED[5]) && !v.adopted.includes(TYPED[0]))
  assert.equal(await p.locator('[data-testid="tally-save"]').count(), 0, 'a confirmed vote is locked')
  await settled()
  await screenshot('confirmed')
  await p.locator('[data-testid="nav-projects"]').click()
  await p.locator('#tab-votes').click()
  await p.locator('[data-testid="vote-table"] .el-table__row').nth(1).waitFor()
  await settled()
  await screenshot('votes')
  assert.deepEqual(s.problems, [])
})
