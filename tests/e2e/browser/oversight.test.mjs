// 审议意见办理 end to end in a real browser against the real engine (`renda serve`, real SQLite), from
// an empty install and only through the window: a county's first run → a 监督工作计划 议题 and a
// 常委会 meeting → the 审议意见 with three problems → 交办 and its 办理时限 (holidays skipped) → 延期
// kept in the history → the report → 不满意 → a second round 满意 → the government's 问题清单 imported
// (preview, then once) → 整改率 → the 交办清单 downloaded.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { preflight, suite, expectMessage, selectOption, xlsxRows, xlsxWrite, downloadFrom } from './harness.mjs'

preflight()

const s = suite('ov')
const { api, settled } = s
const YEAR = new Date().getFullYear()
const DOC = `县人大常发〔${YEAR}〕7号`
const TOPIC = '县人民政府关于优化营商环境工作情况的报告'
const PROBLEMS = ['审批事项办理时限过长', '涉企检查频次偏多', '政务服务网办率不高']
const ASSIGNED = `${YEAR}-07-01`

/** A picture of the page once the last step's toasts are gone. */
async function screenshot(step, opts) {
  await s.page.locator('.el-message').first().waitFor({ state: 'detached', timeout: 15_000 })
  return s.screenshot(step, opts)
}
async function fill(testid, value) {
  const input = s.page
    .locator(`[data-testid="${testid}"]`)
    .locator('xpath=descendant-or-self::input | descendant-or-self::textarea')
    .first()
  await input.fill(String(value))
  await input.blur()
}
/** The time limit as the office's calendar makes it: 3 months after 交办, then the next working day. */
async function expectedDue() {
  const days = await api('calendar_list', { year: YEAR })
  const kind = new Map(days.map((d) => [d.date, d.kind]))
  const d = new Date(YEAR, 9, 1) // 07-01 + 3 months
  const iso = () =>
    `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
  const rest = () =>
    kind.get(iso()) === 'holiday' || ((d.getDay() === 0 || d.getDay() === 6) && kind.get(iso()) !== 'workday')
  while (rest()) d.setDate(d.getDate() + 1)
  return iso()
}
/** One step of the opinion through its dialog. */
async function step(action, fields, message = '已办理') {
  const p = s.page
  await p.locator(`[data-testid="od-action-${action}"]`).click()
  for (const [k, v] of Object.entries(fields)) await fill(k, v)
  await p.locator('[data-testid="os-save"]').click()
  await expectMessage(p, message)
}
async function rate(satisfied, date) {
  const p = s.page
  await p.locator('[data-testid="od-rate"]').click()
  await fill('or-date', date)
  for (const [k, v] of [
    ['or-expected', 25],
    ['or-present', 22],
    ['or-satisfied', satisfied],
    ['or-unsatisfied', 22 - satisfied],
  ])
    await fill(k, v)
  await p.locator('[data-testid="or-save"]').click()
  await expectMessage(p, '已录入测评结果')
}

test('a county starts empty and enters a plan item and a meeting', async () => {
  const p = s.page
  await p.goto(s.server.url)
  await p.locator('[data-testid="first-run"]').waitFor()
  await p.locator('input[data-testid="first-run-name"]').fill('某某县人大常委会')
  await p.locator('[data-testid="first-run-level"] .el-radio-button', { hasText: '县' }).click()
  await p.locator('[data-testid="first-run-blank"]').click()
  await p.locator('[data-testid="terms-welcome"]').waitFor()
  await p.locator('[data-testid="nav-oversight"]').click()
  await p.locator('[data-testid="page-oversight"]').waitFor()
  await selectOption(p, 'ov-year', `${YEAR}年`)
  await p.locator('#tab-plan').click()
  await p.locator('[data-testid="ov-topic-new"]').click()
  await fill('ot-title', TOPIC)
  await fill('ot-body', '县人民政府')
  await p.locator('[data-testid="ot-save"]').click()
  await expectMessage(p, '已添加议题')
  await p.locator('[data-testid="ov-topics"] .el-table__row', { hasText: TOPIC }).waitFor()
  await p.locator('[data-testid="ov-meeting-new"]').click()
  await fill('om-term', '第十八届')
  await fill('om-number', 21)
  await fill('om-date', `${YEAR}-06-26`)
  await p.locator('[data-testid="om-save"]').click()
  await expectMessage(p, '已登记会议')
  await p.locator('[data-testid="ov-meetings"] .el-table__row', { hasText: '第十八届常委会第21次会议' }).waitFor()
  await screenshot('plan')
})

test('the 审议意见 with three problems, 交办 and its time limit', async () => {
  const p = s.page
  await p.locator('#tab-opinions').click()
  await p.locator('[data-testid="ov-opinion-new"]').click()
  await selectOption(p, 'oo-topic', TOPIC)
  await selectOption(p, 'oo-meeting', '第21次会议')
  await fill('oo-doc', DOC)
  await p.locator('[data-testid="oo-save"]').click()
  await expectMessage(p, '已登记审议意见')
  await p.locator('[data-testid="od-state"]', { hasText: '已通过' }).waitFor()
  for (const text of PROBLEMS) {
    await p.locator('[data-testid="od-problem-new"]').click()
    await fill('op-text', text)
    await fill('op-unit', '县行政审批局')
    await p.locator('[data-testid="op-save"]').click()
    await expectMessage(p, '已添加问题')
    await p.locator('[data-testid="od-problems"] .el-table__row', { hasText: text }).waitFor()
  }
  await step('assign', { 'os-date': ASSIGNED })
  const due = await expectedDue()
  await p.locator('[data-testid="od-due"]', { hasText: due }).waitFor()
  await p.locator('[data-testid="od-state"]', { hasText: '已交办' }).waitFor()
  const o = (await api('oversight_opinion_list', { year: YEAR }))[0]
  assert.equal(o.due_date, due)
  await settled()
  await screenshot('assigned')
})

test('延期 replaces the time limit and keeps the earlier one in the history; the report; 不满意', async () => {
  const p = s.page
  const first = await expectedDue()
  const later = `${YEAR}-10-30`
  await step('extend', { 'os-date': `${YEAR}-09-20`, 'os-new-due': later, 'os-approver': '主任会议' })
  await p.locator('[data-testid="od-due"]', { hasText: later }).waitFor()
  await p.locator('[data-testid="od-history"]', { hasText: `由 ${first} 延至 ${later}（批准：主任会议）` }).waitFor()
  await step('report', { 'os-date': `${YEAR}-10-20`, 'os-report-no': `县政府〔${YEAR}〕33号` })
  await p.locator('[data-testid="od-state"]', { hasText: '待测评' }).waitFor()
  // 工作台 shows the report waiting for its rating; the line opens the opinion
  await p.locator('[data-testid="nav-home"]').click()
  const block = p.locator('[data-testid="reminder-oversight-awaiting_rating"]')
  await block.locator('li', { hasText: DOC }).waitFor()
  await p.locator('[data-testid="home-oversight-reminders"]').scrollIntoViewIfNeeded()
  await screenshot('home-reminder')
  await block.locator('li', { hasText: DOC }).click()
  await p.locator('[data-testid="od-state"]', { hasText: '待测评' }).waitFor()
  await rate(12, `${YEAR}-10-28`)
  await p.locator('[data-testid="od-state"]', { hasText: '测评不满意' }).waitFor()
  await p.locator('[data-testid="od-rounds"] .el-table__row', { hasText: '不满意' }).waitFor()
})

test('a second round rated 满意, every round kept', async () => {
  const p = s.page
  await step('redo', { 'os-date': `${YEAR}-10-29` })
  await p.locator('[data-testid="od-state"]', { hasText: '重新研究处理中' }).waitFor()
  await step('report', { 'os-date': `${YEAR}-11-20` })
  await rate(18, `${YEAR}-11-28`)
  await p.locator('[data-testid="od-state"]', { hasText: '测评满意' }).waitFor()
  assert.equal(await p.locator('[data-testid="od-rounds"] .el-table__row').count(), 2)
  const o = await api('oversight_opinion_get', { id: (await api('oversight_opinion_list', { year: YEAR }))[0].id })
  assert.deepEqual(
    o.rounds.map((r) => r.grade),
    ['不满意', '满意'],
  )
  await settled()
  await screenshot('rounds', { fullPage: true })
})

test('the government’s 问题清单 imported with its 推进情况: preview, once, and the 整改率', async () => {
  const p = s.page
  await p.locator('[data-testid="nav-oversight"]').click()
  await p.locator('#tab-problems').click()
  await p.locator('[data-testid="ov-problem-table"] .el-table__row', { hasText: PROBLEMS[0] }).waitFor()
  const sheet = xlsxWrite([
    ['序号', '审议意见文号', '问题', '牵头整改单位', '推进情况', '日期', '整改状态'],
    [1, DOC, PROBLEMS[0], '县行政审批局', '承诺时限压减一半', `${YEAR}-12-01`, '已完成'],
    [2, DOC, PROBLEMS[1], '县司法局', '推行综合查一次', `${YEAR}-12-01`, '已完成'],
    [3, DOC, PROBLEMS[2], '县数据局', '新增网办事项 40 项', `${YEAR}-12-01`, '整改中'],
    [4, `县人大常发〔${YEAR}〕99号`, '不存在的问题', '某局', '开展中', `${YEAR}-12-01`, '整改中'],
  ])
  const upload = async () => {
    const chooser = p.waitForEvent('filechooser')
    await p.locator('[data-testid="ov-import"]').click()
    await (await chooser).setFiles({ name: '问题清单.xlsx', mimeType: 'application/octet-stream', buffer: sheet })
  }
  await upload()
  await p.locator('[data-testid="import-counts"]', { hasText: '更新 3' }).waitFor()
  assert.match(await p.locator('[data-testid="import-errors"]').textContent(), /99号/)
  await screenshot('import-preview')
  // a row in error: nothing is written; the file without it imports
  assert.equal(await p.locator('[data-testid="import-commit"]').isDisabled(), true)
  await p.keyboard.press('Escape')
  const good = xlsxWrite(xlsxRows(sheet).slice(0, 4))
  const uploadGood = async () => {
    const chooser = p.waitForEvent('filechooser')
    await p.locator('[data-testid="ov-import"]').click()
    await (await chooser).setFiles({ name: '问题清单.xlsx', mimeType: 'application/octet-stream', buffer: good })
  }
  await uploadGood()
  await p.locator('[data-testid="import-counts"]', { hasText: '更新 3' }).waitFor()
  await p.locator('[data-testid="import-commit"]').click()
  await expectMessage(p, '已导入：新增 0，更新 3')
  await p.locator('[data-testid="ov-fix-rate"]', { hasText: '整改率' }).waitFor()
  const f = (await api('oversight_figures', { year: YEAR }))[0]
  assert.equal(f.problems_done, 2)
  await p.locator('[data-testid="ov-fix-rate"]', { hasText: `${f.fix_rate}%` }).waitFor()
  // the same file again adds nothing
  await uploadGood()
  await p.locator('[data-testid="import-counts"]', { hasText: '未变 3' }).waitFor()
  assert.equal(await p.locator('[data-testid="import-commit"]').isDisabled(), true)
  await p.keyboard.press('Escape')
  await settled()
  await screenshot('problems')
})

test('the 交办清单 downloads with the opinion on it', async () => {
  const p = s.page
  await p.locator('#tab-opinions').click()
  // the list shows the problems the import just settled
  await p
    .locator('[data-testid="ov-opinion-table"] .el-table__row', { hasText: DOC })
    .filter({ hasText: '2/3' })
    .waitFor()
  await settled()
  await screenshot('opinions')
  const f = await downloadFrom(p, s.dir, p.locator('[data-testid="ov-export-list"]'))
  assert.match(f.name, /审议意见交办清单/)
  const rows = xlsxRows(f.bytes)
  const line = rows.find((r) => r.includes(DOC))
  assert.ok(line, JSON.stringify(rows))
  assert.ok(line.includes('县人民政府') && line.includes('测评满意'), JSON.stringify(line))
  await p.locator('#tab-figures').click()
  await p.locator('[data-testid="ov-figure-table"] .el-table__row', { hasText: `${YEAR}年` }).waitFor()
  await settled()
  await screenshot('figures')
})

test('no script errors and no network requests outside the engine', () => {
  assert.deepEqual(s.problems, [])
})
