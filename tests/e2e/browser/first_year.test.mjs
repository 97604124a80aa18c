// A township office's first year, from an empty install and only through the window, in a real
// browser against the real engine (`renda serve`, real SQLite): who the office is → its 届次 and
// 会次 → its own roster (three stations not yet entered, two bad rows, no 代表层级 column) → the
// county's 汇总表 → register, review, assign, reply and rate a suggestion → a constituent's problem
// carried to a suggestion → the station's own register printed in full, the roster upward masked →
// ballots counted on the printed 计票表 and imported back → the morning's reminders.
// Files: fixtures/first-year-*.xlsx, made by fixtures/make_first_year.py.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { preflight, suite, expectMessage, selectOption, xlsxRows, xlsxWrite, downloadFrom } from './harness.mjs'

preflight()

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures')
const OFFICE = '城关镇人大主席团'
const s = suite('year')
const { api, settled } = s
/** A picture of the page as the secretary sees it, once the last step's toasts are gone. */
async function screenshot(step, opts) {
  await s.page.locator('.el-message').first().waitFor({ state: 'detached', timeout: 15_000 })
  return s.screenshot(step, opts)
}

const choose = (testid, text, type) => selectOption(s.page, testid, text, type)

async function nav(key, page) {
  await s.page.locator(`[data-testid="nav-${key}"]`).click()
  await s.page.locator(`[data-testid="page-${page ?? key}"]`).waitFor()
}

/** 导入导出: choose the kind, the file, see the preview. */
async function previewImport(kind, file, before) {
  const p = s.page
  await nav('io')
  await p.locator(`[data-testid="io-kind-${kind}"]`).click()
  if (before) await before()
  await p.locator('input[data-testid="io-file"]').setInputFiles(file)
  await p.locator('[data-testid="io-preview-table"]').waitFor({ timeout: 20_000 })
  await settled()
}

async function commitImport(button = 'io-import') {
  const p = s.page
  await p.locator(`[data-testid="${button}"]`).click()
  await p.locator('[data-testid="io-result"]').waitFor({ timeout: 30_000 })
}

test('first run asks who the office is, then leads to 届次与会次', async () => {
  const p = s.page
  await p.goto(s.server.url)
  await p.locator('[data-testid="first-run"]').waitFor()
  // nothing chosen: the engine names both fields
  await p.locator('[data-testid="first-run-blank"]').click()
  await p.locator('.el-form-item__error', { hasText: '请填写本单位名称' }).waitFor()
  await p.locator('.el-form-item__error', { hasText: '请选择本单位的层级' }).waitFor()
  s.problems.splice(0, s.problems.length, ...s.problems.filter((m) => !/status of 422/.test(m)))
  await p.locator('input[data-testid="first-run-name"]').fill(OFFICE)
  await p.locator('[data-testid="first-run-level"] .el-radio-button', { hasText: '乡镇' }).click()
  await screenshot('first-run')
  await p.locator('[data-testid="first-run-blank"]').click()
  await p.locator('[data-testid="terms-welcome"]').waitFor()
  const office = await api('office_get')
  assert.equal(office.name, OFFICE)
  assert.equal(office.level, '乡镇')
  assert.deepEqual(
    (await api('suggestion_settings_get')).review_levels,
    ['乡镇人大主席团审查'],
    'a township reviews by its 主席团',
  )
  await settled()
  await screenshot('terms-empty')
})

test('届次 and 会次 with its dates, through the window', async () => {
  const p = s.page
  await p.locator('[data-testid="term-add"]').click()
  await p.locator('[data-testid="term-save"]').waitFor()
  await p.locator('[data-testid="term-number"] input').fill('18')
  await p.locator('[data-testid="term-start"] input').fill('2021')
  await p.locator('[data-testid="term-end"] input').fill('2026')
  await p.locator('[data-testid="term-end"] input').blur()
  await p.locator('[data-testid="term-save"]').click()
  await expectMessage(p, '已保存届次')
  const card = p.locator('[data-testid="term-18"]')
  await card.waitFor()
  assert.match(await card.textContent(), /乡（镇）第十八届人民代表大会/)
  assert.match(await card.textContent(), /当前届/)

  await p.locator('[data-testid="session-add-18"]').click()
  await p.locator('[data-testid="session-save"]').waitFor()
  await p.locator('[data-testid="session-number"] input').fill('5')
  // dates as a secretary types them; the engine reads every form the Excel import reads
  await p.locator('input[data-testid="session-start"]').fill('2026.1.10')
  await p.locator('input[data-testid="session-end"]').fill('2026年1月12日')
  await p.locator('[data-testid="session-save"]').click()
  await expectMessage(p, '已保存会次')
  await card.locator('tr', { hasText: '2026-01-10 至 2026-01-12' }).waitFor()
  const terms = await api('term_list')
  assert.equal(terms[0].level, '乡')
  assert.equal(terms[0].sessions[0].start_date, '2026-01-10')
  await settled()
  await screenshot('terms')
})

test('the roster creates its stations, takes 乡 as the level, and refuses only its own bad rows', async () => {
  const p = s.page
  await previewImport('deputies', path.join(FIXTURES, 'first-year-roster.xlsx'))
  const created = p.locator('[data-testid="io-created"]')
  await created.waitFor()
  assert.match(await created.textContent(), /将新建：联络站 3 个（城东代表联络站、河口代表联络站、新街代表联络站）/)
  assert.match(await p.locator('[data-testid="io-default"]').textContent(), /本次导入默认代表层级/)
  assert.match(await p.locator('[data-testid="io-counts"]').textContent(), /新增 4.*出错 2/s)
  assert.equal(await p.locator('[data-testid="io-cell-error"]').count(), 2)
  await screenshot('roster-preview')
  await commitImport('io-import-valid')
  const people = await api('deputy_list', { page_size: 0 })
  assert.equal(people.total, 4)
  assert.ok(people.items.every((d) => d.levels.join() === '乡'))
  assert.equal((await api('station_list', { page_size: 0 })).total, 3)
  await settled()
  await screenshot('roster-done')
  await nav('deputies')
  await p.locator('[data-testid="deputy-table"] .dt-row', { hasText: '张三' }).first().waitFor()
  await settled()
  await screenshot('deputies')
})

test('the county 汇总表 imports into the session its title names, creating its units', async () => {
  const p = s.page
  await previewImport('suggestions', path.join(FIXTURES, 'first-year-summary.xlsx'))
  assert.match(
    await p.locator('[data-testid="io-preview"]').textContent(),
    /导入到：乡（镇）第十八届人民代表大会第五次会议/,
  )
  assert.match(await p.locator('[data-testid="io-created"]').textContent(), /将新建：承办单位 3 个/)
  await screenshot('summary-preview')
  await commitImport()
  const list = await api('suggestion_list', { page_size: 0 })
  assert.equal(list.total, 2)
  assert.ok(list.items.every((x) => x.session_name === '乡（镇）第十八届人民代表大会第五次会议'))
})

test('register, review, assign, reply and rate a suggestion', async () => {
  const p = s.page
  await nav('suggestions')
  await p.locator('[data-testid="suggestion-add"]').click()
  await p.locator('[data-testid="suggestion-form-save"]').waitFor()
  await p.locator('input[data-testid="suggestion-form-title"]').fill('关于修建新街农贸市场的建议')
  await choose('suggestion-form-lead', '赵六', 'zl')
  await p.locator('[data-testid="suggestion-form-save"]').click()
  await expectMessage(p, '已登记建议')
  const state = p.locator('[data-testid="detail-state"]')
  await state.waitFor()
  const step = async (action, fill, expected) => {
    await p.locator(`[data-testid="action-${action}"]`).click()
    await p.locator('[data-testid="step-submit"]:visible').waitFor()
    if (fill) await fill()
    await p.locator('[data-testid="step-submit"]:visible').click()
    await p.locator('[data-testid="detail-state"]', { hasText: expected }).waitFor({ timeout: 10_000 })
  }
  // one review level at a township: the 主席团 reviews and numbers it
  await step('review_pass', null, '已立案')
  await step('assign', () => choose('step-main_unit_id', '镇村镇建设办', '村镇'), '办理中')
  await step('reply', () => choose('step-class', 'A 已解决'), '已答复')
  await step(
    'rate',
    async () => {
      await choose('step-work_rating', /^满意$/)
      await choose('step-result_rating', /^满意$/)
    },
    '办结',
  )
  await settled()
  await screenshot('suggestion-done')
})

test('a constituent’s problem becomes a suggestion; the station’s own register prints in full', async () => {
  const p = s.page
  const station = (await api('station_list', { page_size: 0 })).items.find((x) => x.name === '城东代表联络站')
  await nav('stations')
  await p.locator(`[data-testid="station-open-${station.id}"]`).click()
  await p.locator('[data-testid="station-title"]', { hasText: station.name }).waitFor()
  await p.locator('#tab-contact').click()
  await p.locator('[data-testid="register-contact-add"]').click()
  await p.locator('[data-testid="entry-save"]').waitFor()
  await p.locator('[data-testid="entry-present"]').click()
  await p.keyboard.type('zs')
  await p.locator('.el-select-dropdown__item:visible', { hasText: '张三' }).first().click()
  await p.keyboard.press('Escape')
  await p.locator('input[data-testid="entry-person"]').fill('刘大爷')
  await p.locator('input[data-testid="entry-phone"]').fill('13900001111')
  await p.locator('[data-testid="entry-handling"]').click()
  await p.locator('.el-select-dropdown__item:visible', { hasText: '转为代表建议' }).click()
  await p.locator('textarea[data-testid="entry-body"]').fill('东街路口没有路灯，夜里老人出行不便')
  await p.locator('[data-testid="entry-save"]').click()
  await expectMessage(p, '已登记：代表联系群众登记簿')
  const contact = (await api('entry_list', { station_id: station.id, book: 'contact', page_size: 1 })).items[0]
  await p.locator(`[data-testid="to-opinion-${contact.id}"]`).click()
  await expectMessage(p, '已转为意见')
  await p.locator('#tab-opinion').click()
  const opinion = (await api('entry_list', { station_id: station.id, book: 'opinion', page_size: 1 })).items[0]
  await p.locator(`[data-testid="to-suggestion-${opinion.id}"]`).click()
  await p.locator('[data-testid="to-suggestion-submit"]').click()
  await expectMessage(p, '已登记为代表建议')
  await p.locator(`[data-testid="loop-${opinion.id}"]`, { hasText: '建议办理中' }).waitFor()
  await settled()
  await screenshot('station-opinions')

  await p.locator('#tab-contact').click()
  await p.locator('[data-testid="register-contact-table"]').waitFor()
  await settled()
  const own = xlsxRows((await downloadFrom(p, s.dir, p.locator('[data-testid="register-contact-export"]'))).bytes)
  assert.ok(
    own.some((r) => r.includes('刘大爷') && r.includes('13900001111')),
    'the office’s own register is unmasked',
  )
  const upward = xlsxRows(
    (await downloadFrom(p, s.dir, p.locator('[data-testid="register-contact-export-upward"]'))).bytes,
  )
  assert.ok(
    upward.some((r) => r.includes('刘*爷')) && !upward.some((r) => r.includes('13900001111')),
    'an upward copy is masked',
  )
  await screenshot('station-contact')
})

test('the roster upward is masked, the office’s list is not', async () => {
  const p = s.page
  await nav('deputies')
  await p.locator('[data-testid="deputy-table"] .dt-row', { hasText: '张三' }).first().waitFor()
  const full = xlsxRows((await downloadFrom(p, s.dir, p.locator('[data-testid="deputy-export"]'))).bytes)
  assert.ok(full.some((r) => r.includes('13812345601')))
  await p.locator('[data-testid="deputy-export-more"]').click()
  const up = xlsxRows((await downloadFrom(p, s.dir, p.locator('[data-testid="deputy-export-upward"]'))).bytes)
  assert.ok(up.some((r) => r.includes('138****5601')) && !up.some((r) => r.includes('13812345601')))
})

test('ballots counted on the printed 计票表 import back', async () => {
  const p = s.page
  await nav('evaluation')
  await p.locator('[data-testid="evaluation-add"]').click()
  const name = await p.locator('input[data-testid="evaluation-name"]').inputValue()
  assert.match(name, /乡镇站所/, 'a township’s evaluation template')
  await p.locator('[data-testid="evaluation-create"]').click()
  await p.locator('[data-testid="evaluation-title"]', { hasText: name }).waitFor()
  for (const [who, post] of [
    ['周农', '农业服务中心主任'],
    ['吴财', '财政所所长'],
  ]) {
    await p.locator('[data-testid="subject-add"]').click()
    await p.locator('input[data-testid="subject-name"]').fill(who)
    await p.locator('input[data-testid="subject-post"]').fill(post)
    await p.locator('[data-testid="subject-save"]').click()
    await p.locator('[data-testid="ballot-grid"] .el-table__row', { hasText: who }).waitFor()
  }
  const forms = await downloadFrom(p, s.dir, p.locator('[data-testid="evaluation-ballot-forms"]'))
  const rows = xlsxRows(forms.bytes)
  const header = rows.findIndex((r) => r[0] === '对象')
  assert.deepEqual(rows[header].slice(0, 4), ['对象', '测评组', '实到', '废票'])
  // the counters write their totals into the blank cells, as on paper
  const filled = rows.map((r, i) =>
    i > header && r[0] && !r[0].startsWith('填写说明') ? [r[0], r[1], 15, 0, 10, 3, 2, 0] : r,
  )
  const file = path.join(s.dir, '计票表（已填）.xlsx')
  const { writeFileSync } = await import('node:fs')
  writeFileSync(file, xlsxWrite(filled, '计票表'))
  const evaluation = (await api('evaluation_list')).find((e) => e.name === name)
  await previewImport('ballots', file, () => choose('io-evaluation', name))
  assert.match(await p.locator('[data-testid="io-counts"]').textContent(), /新增 4/)
  await commitImport()
  const r = await api('evaluation_results', { id: evaluation.id })
  assert.ok(r.subjects.every((x) => x.grade && x.basic_rate !== null))
  await p.goto(`${s.server.origin}/#/evaluation/${evaluation.id}`)
  await p.locator('[data-testid="results-table"] .el-table__row').first().waitFor()
  // each subject opens onto its result in each rater group: 满意率 and 基本满意率 beside the grade
  await p.locator('[data-testid="results-table"] .el-table__expand-icon').first().click()
  const groups = p.locator('[data-testid="group-rates"]').first()
  await groups.waitFor()
  assert.match(await groups.textContent(), /乡镇人大代表.*66\.7%.*20\.0%/s)
  await settled()
  await screenshot('evaluation-results')
})

test('the morning: 工作台 shows what is due, the same as the engine', async () => {
  const p = s.page
  await nav('home')
  const rem = await api('reminders')
  assert.ok(
    rem.overdue.length >= 1 && rem.co_opinion_due.length >= 1,
    'the imported suggestion is overdue and owes a 协办 opinion',
  )
  for (const k of ['overdue', 'co_opinion_due', 'awaiting_rating', 'followup_due']) {
    await p.locator(`[data-testid="reminder-count-${k}"]`, { hasText: String(rem[k].length) }).waitFor()
  }
  const st = await api('station_reminders')
  await p.locator('[data-testid="reminder-count-reception"]', { hasText: String(st.upcoming.length) }).waitFor()
  await settled()
  await screenshot('home')
})

test('no script errors and no network requests outside the engine', () => {
  assert.deepEqual(s.problems, [])
})
