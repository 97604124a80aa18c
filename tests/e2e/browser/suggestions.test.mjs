// 代表建议 end to end in a real browser against the real engine (`renda serve`, real SQLite):
// demo data → 登记建议 (validation first) → three review levels → 交办 → 答复 B → 不满意 → 重办 →
// 答复 A → 满意 → 办结; the timeline keeps every step; the search finds 消防; 工作台 shows the
// reminders and this year's figures without NaN; the deputy's drawer lists the suggestion.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { preflight, suite, expectMessage, selectOption, xlsxRows, downloadFrom, rowsAllMatch } from './harness.mjs'

// A missing binary, ui/dist or Chromium fails the run (preflight throws), never a skip.
preflight()

const TITLE = '关于加快乡镇微型消防站点建设的建议'
const s = suite('sug')
s.deputy = null
s.unit = null
s.sugId = 0
const { api, settled } = s
const screenshot = (_page, step, opts) => s.screenshot(step, opts)

/** Clicks `button` and returns the file it downloads: its name and rows. */
async function download(button) {
  const f = await downloadFrom(s.page, s.dir, button)
  return { name: f.name, rows: xlsxRows(f.bytes) }
}

const table = () => s.page.locator('[data-testid="suggestion-table"]')
const rows = () => table().locator('tbody tr.dt-row')
const state = () => s.page.locator('[data-testid="detail-state"]')

const choose = (testid, text, type) => selectOption(s.page, testid, text, type)

/** Runs one lifecycle step through its button and form; returns the state afterwards. */
async function step(action, fill, expectState) {
  const p = s.page
  const before = await state().textContent()
  await p.locator(`[data-testid="action-${action}"]`).click()
  const dlg = p.locator('[data-testid="step-dialog"]').filter({ visible: true })
  await p.locator('[data-testid="step-submit"]:visible').waitFor()
  if (fill) await fill(dlg)
  await p.locator('[data-testid="step-submit"]:visible').click()
  await p.locator('[data-testid="step-submit"]:visible').waitFor({ state: 'hidden', timeout: 10_000 })
  if (expectState)
    await p.locator('[data-testid="detail-state"]', { hasText: expectState }).waitFor({ timeout: 10_000 })
  await settled()
  const after = (await state().textContent()).trim()
  return { before: before.trim(), after }
}

test('demo data, then the 代表建议 ledger', async () => {
  const p = s.page
  await p.goto(s.server.url)
  await p.locator('[data-testid="first-run-demo"]').click()
  await p.locator('[data-testid="page-home"]').waitFor({ timeout: 120_000 })
  const deps = await api('deputy_list', { page_size: 5 })
  s.deputy = deps.items[2]
  const units = await api('unit_list', { page_size: 0 })
  s.unit = units.items.find((u) => /应急管理|消防/.test(u.name)) ?? units.items[0]
  await p.locator('[data-testid="nav-suggestions"]').click()
  await p.locator('[data-testid="page-suggestions"]').waitFor()
  await p.locator('[data-testid="suggestion-total"]').waitFor()
  await settled()
  const headers = await table().locator('thead th').allTextContents()
  for (const h of ['编号', '案由', '领衔代表', '主办单位', '状态', '交办日期', '要求答复', '剩余天数', '满意度']) {
    assert.ok(
      headers.some((x) => x.includes(h)),
      `column ${h}`,
    )
  }
  assert.match(await p.locator('[data-testid="suggestion-total"]').textContent(), /共 \d+ 件/)
  await screenshot(p, 'ledger')
  // a 案由 cut with … shows its whole text when the pointer rests on it; one that fits, none
  const cells = table().locator('tbody tr.dt-row .dt-cut:has(a.title)')
  const cut = await cells.evaluateAll((els) => els.findIndex((e) => e.scrollWidth > e.clientWidth))
  assert.ok(cut >= 0, 'a long 案由 in the first page of the demo ledger')
  await cells.nth(cut).hover()
  assert.equal(await cells.nth(cut).getAttribute('title'), (await cells.nth(cut).textContent()).trim())
  const fits = await cells.evaluateAll((els) => els.findIndex((e) => e.scrollWidth <= e.clientWidth))
  assert.ok(fits >= 0, 'a short 案由 too')
  await cells.nth(fits).hover()
  assert.equal(await cells.nth(fits).getAttribute('title'), '')
  // 逾期 filter: every row shown is overdue
  await choose('suggestion-filter-due', '已逾期')
  await settled()
  const n = await rows().count()
  for (let i = 0; i < n; i++) assert.match(await rows().nth(i).textContent(), /逾期 \d+ 天/)
  if (n) await screenshot(p, 'ledger-overdue')
  await p.locator('.toolbar button', { hasText: '清除筛选' }).click()
  await settled()
})

test('登记建议: validation beside the fields, then save opens the detail', async () => {
  const p = s.page
  await p.locator('[data-testid="suggestion-add"]').click()
  const dlg = p.locator('[data-testid="suggestion-dialog"]').filter({ visible: true })
  await p.locator('[data-testid="suggestion-form-save"]').waitFor()
  await p.locator('[data-testid="suggestion-form-save"]').click()
  await p.locator('.el-form-item__error', { hasText: '请填写案由' }).waitFor()
  await p.locator('.el-form-item__error', { hasText: '领衔代表' }).waitFor()
  await screenshot(p, 'form-errors')

  await p.locator('input[data-testid="suggestion-form-title"]').fill(TITLE)
  // 领衔代表 by pinyin initials
  await choose('suggestion-form-lead', s.deputy.name, s.deputy.initials.split(' ')[0])
  await choose('suggestion-form-category', '城建环资')
  await p
    .locator('textarea[data-testid="suggestion-form-body"]')
    .fill('部分乡镇消防站点覆盖不足，建议统筹规划建设乡镇专职消防队和微型消防站，配齐装备。')
  await screenshot(p, 'form')
  await p.locator('[data-testid="suggestion-form-save"]').click()
  await expectMessage(p, '已登记建议')
  await p.locator('[data-testid="page-suggestion-detail"]').waitFor()
  await state().waitFor()
  assert.equal((await state().textContent()).trim(), '审查中')
  assert.equal((await p.locator('[data-testid="detail-title"]').textContent()).trim(), TITLE)
  s.sugId = Number(/#\/suggestions\/(\d+)/.exec(p.url())[1])
  assert.ok(s.sugId > 0)
  // only what the state allows
  assert.equal(await p.locator('[data-testid="action-reply"]').count(), 0)
  assert.equal(await p.locator('[data-testid="action-review_pass"]').count(), 1)
  await settled()
  await screenshot(p, 'detail-new')
})

test('三审 → 立案 → 交办 → 答复 B → 不满意 → 重办 → 答复 A → 满意 → 办结', async () => {
  const p = s.page
  let levels = 0
  while ((await state().textContent()).trim() === '审查中') {
    await step('review_pass')
    levels += 1
    assert.ok(levels <= 5, 'review levels end')
  }
  assert.equal(levels, 3, 'three review levels by default')
  assert.equal((await state().textContent()).trim(), '已立案')
  assert.match(await p.locator('[data-testid="detail-number"]').textContent(), /第\d+号/)

  await step(
    'assign',
    async () => {
      await choose('step-main_unit_id', s.unit.name, s.unit.name.slice(-4))
    },
    '办理中',
  )
  assert.match(await p.locator('.el-descriptions').textContent(), new RegExp(s.unit.name))

  // 答复 without its class: the engine refuses it (422) and the form shows its message beside the field
  await p.locator('[data-testid="action-reply"]').click()
  await p.locator('[data-testid="step-submit"]:visible').click()
  await p.locator('.el-dialog .el-form-item__error', { hasText: '请选择答复类别' }).waitFor()
  const refused = s.problems.findIndex((m) => m.includes('status of 422'))
  assert.ok(refused >= 0, 'the refusal came from the engine')
  s.problems.splice(refused, 1)
  await screenshot(p, 'step-reply-error')
  await choose('step-class', 'B 正在解决')
  await p.locator('input[data-testid="step-doc_no"]').fill('清应急函〔2026〕8号')
  await p.locator('textarea[data-testid="step-planned_items"]').fill('年内完成两处微型消防站建设')
  await screenshot(p, 'step-reply')
  await p.locator('[data-testid="step-submit"]:visible').click()
  await p.locator('[data-testid="detail-state"]', { hasText: '已答复' }).waitFor({ timeout: 10_000 })

  await step(
    'rate',
    async () => {
      await choose('step-work_rating', '不满意')
      await choose('step-result_rating', '不满意')
      await screenshot(p, 'step-rate')
    },
    '不满意',
  )
  await step('rehandle', null, '重办中')
  await step('reply', async () => choose('step-class', 'A 已解决'), '已答复')
  await step(
    'rate',
    async () => {
      await choose('step-work_rating', /^满意$/)
      await choose('step-result_rating', /^满意$/)
      await choose('step-adoption', /^采纳$/)
    },
    '办结',
  )
  assert.equal((await state().textContent()).trim(), '办结')
  assert.equal(await p.locator('[data-testid^="action-"]').count(), 0, 'no further steps after 办结')
})

test('the timeline shows every step, the tables every round', async () => {
  const p = s.page
  const tl = p.locator('[data-testid="detail-timeline"]')
  const items = tl.locator('.el-timeline-item')
  assert.equal(await items.count(), 10, '登记 + 3 审查 + 交办 + 答复 + 征询 + 重办 + 答复 + 征询')
  const text = await tl.textContent()
  for (const k of ['登记', '审查通过', '交办', '答复', '征询', '重办']) assert.ok(text.includes(k), k)
  assert.equal(await tl.locator('[data-testid="event-review_pass"]').count(), 3)
  assert.equal(await tl.locator('[data-testid="event-reply"]').count(), 2)
  assert.equal(await tl.locator('[data-testid="event-rate"]').count(), 2)
  assert.match(text, /第2轮/)
  assert.equal(await p.locator('[data-testid="detail-replies"] tbody tr').count(), 2)
  assert.equal(await p.locator('[data-testid="detail-ratings"] tbody tr').count(), 2)
  assert.match(await p.locator('[data-testid="detail-replies"]').textContent(), /清应急函〔2026〕8号/)
  await settled()
  await screenshot(p, 'detail-done')
  await screenshot(p, 'detail-done-full', { fullPage: true })
})

test('打印交办单 and 征询意见表 of this suggestion', async () => {
  const p = s.page
  const number = (await p.locator('[data-testid="detail-number"]').textContent()).trim()
  const hand = await download(p.locator('[data-testid="detail-print-handover"]'))
  assert.equal(hand.name.startsWith(`代表建议交办单-${number}-`), true, hand.name)
  assert.match(hand.rows[0][0], /交办单/)
  assert.deepEqual(hand.rows.find((r) => r[0] === '主办单位').slice(0, 2), ['主办单位', s.unit.name])
  const rating = await download(p.locator('[data-testid="detail-print-rating"]'))
  assert.match(rating.rows[0][0], /征询意见表/)
  assert.ok(rating.rows.some((r) => r[0] === '案由' && r[1] === TITLE))
})

test('search 消防 finds it in the ledger', async () => {
  const p = s.page
  await p.locator('[data-testid="nav-suggestions"]').click()
  await p.locator('[data-testid="page-suggestions"]').waitFor()
  const total = p.locator('[data-testid="suggestion-total"]')
  await total.filter({ hasText: /共 \d+ 件/ }).waitFor()
  const everything = (await total.textContent()).trim()
  // at 1366×768 the search hint shows whole; the longer one with its examples is read on hover
  assert.equal(p.viewportSize().width, 1366)
  const search = p.locator('input[data-testid="suggestion-search"]')
  const fit = await search.evaluate((el) => {
    const cs = getComputedStyle(el)
    const ctx = document.createElement('canvas').getContext('2d')
    ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`
    const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight)
    return { need: ctx.measureText(el.placeholder).width, room }
  })
  assert.ok(fit.need <= fit.room, `the search hint needs ${fit.need} px, has ${fit.room}`)
  assert.match(await search.getAttribute('title'), /如 消防、5号/)
  await search.fill('消防')
  await total.filter({ hasNotText: everything }).waitFor()
  const row = rows().filter({ hasText: TITLE })
  await row.first().waitFor({ timeout: 10_000 })
  await settled()
  assert.match(await row.first().textContent(), /办结/)
  assert.match(await row.first().textContent(), /满意/)
  await screenshot(p, 'search-xiaofang')
  // a search that matches nothing says so
  await p.locator('input[data-testid="suggestion-search"]').fill('不存在的案由词语')
  await table().locator('.dt-empty', { hasText: '没有符合条件的建议' }).waitFor({ timeout: 10_000 })
  // the row opens the detail
  await p.locator('input[data-testid="suggestion-search"]').fill('消防')
  await rows().filter({ hasText: TITLE }).first().click()
  await p.locator('[data-testid="detail-title"]', { hasText: TITLE }).waitFor()
})

test("工作台 shows the reminders and this year's figures, no NaN", async () => {
  const p = s.page
  await p.locator('[data-testid="nav-home"]').click()
  await p.locator('[data-testid="page-home"]').waitFor()
  for (const k of ['due_soon', 'overdue', 'awaiting_rating', 'unsatisfied', 'followup_due', 'recess_unassigned']) {
    await p.locator(`[data-testid="reminder-${k}"]`).waitFor()
  }
  await p.locator('[data-testid="reminder-count-overdue"]').filter({ hasText: /^\d+$/ }).waitFor()
  await p.locator('[data-testid="fig-assigned"]').filter({ hasText: /\d/ }).waitFor({ timeout: 10_000 })
  const assigned = parseInt((await p.locator('[data-testid="fig-assigned"] .t-value').textContent()).trim(), 10)
  assert.ok(assigned >= 1, `交办件数 ${assigned}`)
  for (const k of [
    'reply_rate',
    'on_time_rate',
    'satisfaction_rate',
    'first_satisfaction_rate',
    'solve_rate',
    'face_rate',
    'conclude_rate',
  ]) {
    assert.match((await p.locator(`[data-testid="fig-${k}"] .t-value`).textContent()).trim(), /^(\d{1,3}\.\d%|—)$/, k)
  }
  const all = await p.locator('[data-testid="page-home"]').textContent()
  assert.ok(!/NaN|undefined|null/.test(all), 'no NaN / undefined on 工作台')
  // the charts show the same figures as the tiles: the busiest unit's row, both rings' legends
  await p.locator('[data-testid="chart-units"] .row').first().waitFor({ timeout: 10_000 })
  const ring = {}
  for (const li of await p.locator('[data-testid="chart-ratings"] .legend li').allTextContents()) {
    const m = /^\s*([^\d\s]+)\s*(\d+) 件/.exec(li)
    assert.ok(m, `a legend row of the rating ring: ${li}`)
    ring[m[1]] = Number(m[2])
  }
  const tile = await p.locator('[data-testid="fig-satisfaction_rate"] .t-sub').textContent()
  const [, good, rated] = /满意\+基本满意 (\d+) \/ (\d+)/.exec(tile) ?? []
  assert.equal(ring['满意'] + ring['基本满意'], Number(good), `the ring ${JSON.stringify(ring)} and the tile ${tile}`)
  assert.equal(
    ring['满意'] + ring['基本满意'] + ring['不满意'],
    Number(rated),
    'the ring counts every rated suggestion',
  )
  await screenshot(p, 'home')
  await screenshot(p, 'home-full', { fullPage: true })
  await p.locator('[data-testid="page-home"]').evaluate((el) => el.scrollTo(0, el.scrollHeight))
  await screenshot(p, 'home-scrolled')
  await p.locator('[data-testid="page-home"]').evaluate((el) => el.scrollTo(0, 0))
  // one click from a reminder to its suggestion
  const item = p.locator('[data-testid="reminder-overdue"] li, [data-testid="reminder-due_soon"] li').first()
  if (await item.count()) {
    const id = (await item.getAttribute('data-testid')).replace('reminder-item-', '')
    await item.click()
    await p.waitForURL(new RegExp(`#/suggestions/${id}$`))
    await p.locator('[data-testid="detail-state"]').waitFor()
  }
})

test("the exported 统计表 shows the unit's figures, the 台账 the rows of the ledger", async () => {
  const p = s.page
  await p.locator('[data-testid="nav-suggestions"]').click()
  await p.locator('[data-testid="page-suggestions"]').waitFor()
  await settled()
  const exportItem = async (kind) => {
    await p.locator('[data-testid="suggestion-export-button"]').click()
    const item = p.locator(`[data-testid="suggestion-export-${kind}"]`)
    await item.waitFor({ state: 'visible' })
    return item
  }
  await exportItem('unit-stats')
  await screenshot(p, 'export-menu')
  const stats = await download(p.locator('[data-testid="suggestion-export-unit-stats"]'))
  assert.match(stats.name, /^承办单位办理情况统计表-\d{8}\.xlsx$/)
  const header = stats.rows.find((r) => r[0] === '单位')
  assert.deepEqual(header, [
    '单位',
    '主办件',
    '协办件',
    '已答复',
    '按期答复',
    'A',
    'B',
    'C',
    'D',
    '满意',
    '基本满意',
    '不满意',
    '见面率',
    '办复率',
    '满意率',
  ])
  const row = stats.rows.find((r) => r[0] === s.unit.name)
  assert.ok(row, `${s.unit.name} is in the table`)
  const mine = (await api('unit_figures', {})).find((u) => u.unit === s.unit.name).figures
  const col = (name) => Number(row[header.indexOf(name)])
  assert.equal(col('主办件'), mine.main_count)
  assert.equal(col('已答复'), mine.replied)
  assert.equal(col('满意'), mine.satisfied)
  assert.ok(col('满意') >= 1, 'the 满意 of the case just finished is counted')
  assert.equal(col('A'), mine.by_class.find((c) => c.code === 'A').count)

  // the 台账 holds exactly what the ledger shows: search 消防 → the rows on screen
  const everything = (await p.locator('[data-testid="suggestion-total"]').textContent()).trim()
  await p.locator('input[data-testid="suggestion-search"]').fill('消防')
  // the search waits for the typing to pause: the total changes when its answer is shown
  await p.locator('[data-testid="suggestion-total"]').filter({ hasNotText: everything }).waitFor()
  await settled()
  const shown = Number((await p.locator('[data-testid="suggestion-total"]').textContent()).match(/\d+/)[0])
  await exportItem('ledger')
  const ledger = await download(p.locator('[data-testid="suggestion-export-ledger"]'))
  const lh = ledger.rows.findIndex((r) => r[0] === '编号')
  const body = ledger.rows.slice(lh + 1).filter((r) => r[1])
  assert.equal(body.length, shown, "台账 rows = the ledger's rows")
  assert.ok(body.some((r) => r[1] === TITLE))
  await p.locator('input[data-testid="suggestion-search"]').fill('')
})

test('the deputy drawer lists the suggestions the deputy put forward', async () => {
  const p = s.page
  await p.locator('[data-testid="nav-deputies"]').click()
  await p.locator('[data-testid="page-deputies"]').waitFor()
  await p.locator('input[data-testid="deputy-search"]').fill(s.deputy.name)
  const cell = p.locator(`[data-testid="deputy-name-${s.deputy.id}"]`)
  await rowsAllMatch(p.locator('[data-testid="deputy-table"]'), s.deputy.name)
  await cell.click()
  const list = p.locator('[data-testid="deputy-suggestions"]')
  await list.locator('tr', { hasText: TITLE }).waitFor({ timeout: 10_000 })
  await settled()
  await screenshot(p, 'deputy-drawer')
  await list.locator('tr', { hasText: TITLE }).click()
  await p.locator('[data-testid="detail-title"]', { hasText: TITLE }).waitFor()
})

test('设置: 建议办理规则 and 工作日历 are edited in the window and kept by the engine', async () => {
  const p = s.page
  await p.locator('[data-testid="nav-settings"]').click()
  await p.locator('[data-testid="page-settings"]').waitFor()
  await p.locator('#tab-rules').click()
  const rules = p.locator('[data-testid="suggestion-rules"]')
  await rules.waitFor()
  // a format without {n} is refused beside its field, nothing saved (the engine's 422 is expected)
  const known = s.problems.length
  await p.locator('input[data-testid="rules-number-format"]').fill('第号')
  await p.locator('[data-testid="rules-save"]').click()
  await rules.locator('.el-form-item__error', { hasText: '须含 {n}' }).waitFor()
  const during = s.problems.splice(known)
  s.problems.push(...during.filter((m) => !/status of 422/.test(m)))
  await p.locator('input[data-testid="rules-number-format"]').fill('〔2026〕{n}号')
  await p.locator('[data-testid="rules-review-levels-add"]').click()
  await p.locator('input[data-testid="rules-review-levels-3"]').fill('主任会议审定')
  await p.locator('[data-testid="rules-warn-days"] input').fill('10')
  await p.locator('[data-testid="rules-warn-days"] input').blur()
  await settled()
  await screenshot(p, 'settings-rules')
  await p.locator('[data-testid="rules-save"]').click()
  await expectMessage(p, '已保存建议办理规则')
  const saved = await api('suggestion_settings_get')
  assert.equal(saved.number_format, '〔2026〕{n}号')
  assert.deepEqual(saved.review_levels.slice(-1), ['主任会议审定'])
  assert.equal(saved.warn_days, 10)

  await p.locator('#tab-calendar').click()
  await p.locator('[data-testid="calendar-table"]').waitFor()
  const year = new Date().getFullYear()
  const day = `${year}-07-15`
  await p.locator('[data-testid="work-calendar"] input[placeholder="日期"]').fill(day)
  await p.keyboard.press('Enter')
  await p.locator('input[data-testid="calendar-name"]').fill('县庆补休')
  await p.locator('[data-testid="calendar-add"]').click()
  await expectMessage(p, `已将 ${day} 设为放假`)
  const row = p.locator('[data-testid="calendar-table"] tbody tr', { hasText: day })
  await row.waitFor()
  assert.match(await row.textContent(), /县庆补休.*本单位添加/)
  assert.ok((await api('calendar_list', { year })).some((d) => d.date === day && d.kind === 'holiday'))
  await settled()
  await screenshot(p, 'settings-calendar')
  await p.locator(`[data-testid="calendar-undo-${day}"]`).click()
  await p.locator('.el-message-box__btns .el-button--primary').click()
  await expectMessage(p, `已将 ${day} 恢复为平常`)
  await row.waitFor({ state: 'detached' })
  // put the rules back for the tests after this one
  await api('suggestion_settings_set', {
    ...saved,
    number_format: '第{n}号',
    review_levels: saved.review_levels.slice(0, -1),
    warn_days: 7,
  })
})

test('no script errors and no network requests outside the engine', () => {
  assert.deepEqual(s.problems, [])
})
