// 民生实事项目票决, a township's first year and its county, in a real browser against the real engine
// (`renda serve`, real SQLite), from EMPTY data files and only through the window: the office and its
// session → 8 candidates (6 from the government's 候选项目表, 2 typed) → a 差额 vote for 6 → the blank
// 表决票 read back → the 计票表 exported, filled in as a secretary fills it (both sheets) and imported
// on the vote page → the tie at 6th place → the re-vote typed → confirmed: 6 projects → the 进度表
// imported (a name with one wrong character warned) → 进度等次 → the year's rating counted → the
// year's figures on 测评与统计 and 工作台 → the 上报包 saved → a county, set up from its own empty
// data file, enters one project of its own and receives the package: 本级 1, the township 6, 合计 7.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import {
  SCREENS,
  preflight,
  suite,
  expectMessage,
  xlsxSheets,
  xlsxWrite,
  xlsxWriteSheets,
  downloadFrom,
  selectOption,
  settled,
  startServer,
  newPage,
  tempDataDir,
} from './harness.mjs'

preflight()

const YEAR = new Date().getFullYear()
const TOWN = '城关镇人大主席团'
const COUNTY = '清河县人大常委会'
const s = suite('projects-year')
const county = { dir: '', server: null, context: null, page: null, problems: [] }
const IMPORTED = ['村道硬化工程', '村卫生室改造', '农村饮水安全巩固', '中小学校舍维修', '敬老院扩建', '农贸市场改造']
const TYPED = ['文化广场建设', '河道清淤整治']
// the first round's 赞成 per 序号: 6th and 7th tie at 28
const YES = [44, 42, 40, 38, 35, 28, 28, 20]
const ADOPTED = IMPORTED
const OWN = '县城区停车场建设'

after(async () => {
  await county.context?.close()
  await county.server?.stop()
  if (county.dir && !process.env.KEEP_E2E_DATA) rmSync(county.dir, { recursive: true, force: true })
})

/** The date `days` from today, as the window's date fields take it. */
function day(days) {
  const d = new Date(Date.now() + days * 86_400_000)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

let shots = 0
/** A picture of `page` as the secretary sees it, once the last step's toasts are gone. */
async function shot(page, step) {
  await page.locator('.el-message').first().waitFor({ state: 'detached', timeout: 15_000 })
  await settled(page)
  mkdirSync(SCREENS, { recursive: true })
  shots += 1
  const file = path.join(SCREENS, `browser-projects-year-${String(shots).padStart(2, '0')}-${step}.png`)
  await page.screenshot({ path: file, animations: 'disabled' })
}

/** Waits for `locator`, failing with `what` the page should have shown. */
async function see(locator, what, timeout = 15_000) {
  try {
    await locator.waitFor({ timeout })
  } catch {
    throw new Error(`页面没有显示：${what}`)
  }
}

/** Types a number into an Element Plus number input and leaves it. */
async function num(page, testid, value) {
  const input = page.locator(`[data-testid="${testid}"] input`)
  await input.fill(String(value))
  await input.blur()
}

/** First run: the office's name and level, from an empty data file. */
async function firstRun(page, url, name, level) {
  await page.goto(url)
  await see(page.locator('[data-testid="first-run"]'), '首次使用的单位设置')
  await page.locator('input[data-testid="first-run-name"]').fill(name)
  await page.locator('[data-testid="first-run-level"] .el-radio-button', { hasText: level }).click()
  await page.locator('[data-testid="first-run-blank"]').click()
  await see(page.locator('[data-testid="terms-welcome"]'), '届次与会次的欢迎说明')
}

async function nav(page, key, testid = `page-${key}`) {
  await page.locator(`[data-testid="nav-${key}"]`).click()
  await see(page.locator(`[data-testid="${testid}"]`), `${key} 页面`)
}

/** 民生实事 → a tab. */
async function tab(page, name) {
  await nav(page, 'projects')
  await page.locator(`#tab-${name}`).click()
}

/** The row of an Element Plus table holding `text`. */
const rowOf = (page, testid, text) =>
  page.locator(`[data-testid="${testid}"] .el-table__body-wrapper tr.el-table__row`, { hasText: text }).first()

/** Every cell of every sheet of a workbook, as one text. */
const workbookText = (bytes) =>
  xlsxSheets(bytes)
    .flatMap((x) => x.rows.flat())
    .join('\n')

/** A cell as the sheet gave it back, a number where it reads as one. */
const cellValue = (v) => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v)

/**
 * The downloaded 计票表 filled in as a secretary fills it: 赞成 / 反对 / 弃权 on each candidate's
 * row of the counts sheet, and the six figures under the 投票情况 sheet's heading.
 */
function fillTally(bytes, totals, yes) {
  const sheets = xlsxSheets(bytes).map((x) => ({ name: x.name, rows: x.rows.map((r) => r.map(cellValue)) }))
  assert.deepEqual(
    sheets.map((x) => x.name),
    ['计票表', '投票情况'],
    'the 计票表 has the counts sheet and 投票情况',
  )
  const [counts, figures] = sheets
  const valid = totals[4]
  const names = [...IMPORTED, ...TYPED]
  let filled = 0
  for (const r of counts.rows) {
    const i = names.indexOf(r[1])
    if (i < 0) continue
    r.splice(2, 3, yes[i], valid - yes[i], 0)
    filled += 1
  }
  assert.equal(filled, names.length, 'every candidate has its row on the 计票表')
  const head = figures.rows.findIndex((r) => r[0] === '应到')
  assert.ok(head >= 0, `the 投票情况 sheet has its heading: ${JSON.stringify(figures.rows)}`)
  const below = figures.rows[head + 1] ?? []
  assert.ok(
    below.every((v) => v === '' || typeof v === 'number'),
    `the row under the heading is for the figures: ${below}`,
  )
  figures.rows[head + 1] = totals
  return xlsxWriteSheets(sheets)
}

test('a township from an empty data file: its office and its session', async () => {
  const p = s.page
  await firstRun(p, s.server.url, TOWN, '乡镇')
  await p.locator('[data-testid="term-add"]').click()
  await num(p, 'term-number', 19)
  await num(p, 'term-start', YEAR - 1)
  await num(p, 'term-end', YEAR + 4)
  await p.locator('[data-testid="term-save"]').click()
  await expectMessage(p, '已保存届次')
  await p.locator('[data-testid="session-add-19"]').click()
  await num(p, 'session-number', 2)
  await p.locator('[data-testid="session-save"]').click()
  await expectMessage(p, '已保存会次')
  await see(p.locator('[data-testid="term-19"]', { hasText: '第二次会议' }), '第十九届第二次会议')
  await shot(p, 'session')
})

test('8 candidates: 6 from the 候选项目表, 2 typed', async () => {
  const p = s.page
  await tab(p, 'candidates')
  await selectOption(p, 'projects-year', `${YEAR}年度`)
  const sheet = [
    [`${YEAR}年度${TOWN.slice(0, 3)}民生实事候选项目表`],
    ['序号', '项目名称', '领域', '总投资（万元）', '主要内容', '完成时间', '实施主体'],
    ...IMPORTED.map((n, i) => [
      i + 1,
      n,
      '农业农村',
      100 + i * 10,
      `${n}：具体建设内容`,
      `${YEAR}年12月`,
      '镇人民政府',
    ]),
  ]
  const chooser = p.waitForEvent('filechooser')
  await p.locator('[data-testid="candidate-import"]').click()
  await (
    await chooser
  ).setFiles({ name: '候选项目表.xlsx', mimeType: 'application/octet-stream', buffer: xlsxWrite(sheet) })
  await see(p.locator('[data-testid="import-counts"]', { hasText: '新增 6' }), '导入预览：新增 6')
  await shot(p, 'candidate-preview')
  await p.locator('[data-testid="import-commit"]').click()
  await expectMessage(p, '已导入：新增 6')
  for (const name of TYPED) {
    await p.locator('[data-testid="candidate-add"]').click()
    await p.locator('input[data-testid="candidate-name"]').fill(name)
    await selectOption(p, 'candidate-field', '文化体育')
    await num(p, 'candidate-investment', 80)
    await p.locator('textarea[data-testid="candidate-content"]').fill(`${name}的主要内容`)
    await p.locator('input[data-testid="candidate-end"]').fill(`${YEAR}年12月`)
    await p.locator('[data-testid="candidate-save"]').click()
    await expectMessage(p, `已保存候选项目「${name}」`)
  }
  const rows = p.locator('[data-testid="candidate-table"] .el-table__body-wrapper tr.el-table__row')
  await see(rowOf(p, 'candidate-table', TYPED[1]), `候选项目「${TYPED[1]}」`)
  assert.equal(await rows.count(), 8, 'eight candidates listed')
  await shot(p, 'candidates')
})

test('a 差额 vote for 6: the blank 表决票 names the candidates and the rule', async () => {
  const p = s.page
  await p.locator('#tab-votes').click()
  await see(p.getByText(`${YEAR}年度在列候选项目 8 个`), '在列候选项目 8 个')
  await p.locator('[data-testid="vote-add"]').click()
  await p.locator('[data-testid="vote-mode"] .el-radio', { hasText: '差额' }).click()
  await num(p, 'vote-seats', 6)
  await p.locator('[data-testid="vote-create"]').click()
  await see(p.locator('[data-testid="page-vote"]'), '票决页')
  await see(p.locator('[data-testid="vote-instruction"]', { hasText: '应选 6 个' }), '票决说明「应选 6 个」')
  const ballot = await downloadFrom(p, s.dir, p.locator('[data-testid="vote-ballot"]'))
  assert.match(ballot.name, /表决票.*\.xlsx$/)
  const text = workbookText(ballot.bytes)
  for (const name of [...IMPORTED, ...TYPED]) assert.ok(text.includes(name), `the 表决票 names ${name}`)
  assert.ok(text.includes('应选 6 个'), `the 表决票 states the rule 「应选 6 个」:\n${text}`)
  await shot(p, 'vote-open')
})

test('the 计票表 filled in and imported on the vote page: the tie at 6th place, the re-vote typed, confirmed', async () => {
  const p = s.page
  const blank = await downloadFrom(p, s.dir, p.locator('[data-testid="vote-tally-export"]'))
  const filled = fillTally(blank.bytes, [50, 48, 48, 48, 46, 2], YES)
  const chooser = p.waitForEvent('filechooser')
  await p.locator('[data-testid="vote-tally-import"]').click()
  await (await chooser).setFiles({ name: blank.name, mimeType: 'application/octet-stream', buffer: filled })
  await see(p.locator('[data-testid="import-counts"]', { hasText: '出错 0 处' }), '计票表导入预览，没有错误')
  await shot(p, 'tally-preview')
  await p.locator('[data-testid="import-commit"]').click()
  await expectMessage(p, '已导入')
  for (const n of [6, 7])
    await see(p.locator(`[data-testid="outcome-${n}"]`, { hasText: '票数相同，需再次投票' }), `第${n}名标为同票`)
  await see(p.locator('[data-testid="vote-messages"]', { hasText: '第6名票数相同' }), '第6名票数相同的提示')
  assert.equal(await p.locator('[data-testid="vote-confirm"]').count(), 0, 'no confirmation while a tie is open')
  await shot(p, 'tie')

  await p.locator('[data-testid="vote-revote"]').click()
  await see(p.locator('[data-testid="vote-title"]', { hasText: '第2轮' }), '第2轮票决')
  const lines = p.locator('[data-testid="tally-table"] .el-table__body-wrapper tr.el-table__row')
  await see(lines.nth(1), '再次投票的两个同票项目')
  assert.equal(await lines.count(), 2)
  assert.match(await lines.nth(0).textContent(), new RegExp(IMPORTED[5]))
  assert.match(await lines.nth(1).textContent(), new RegExp(TYPED[0]))
  const figures = { expected: 50, present: 47, issued: 47, returned: 47, valid: 46, invalid: 1 }
  for (const [k, v] of Object.entries(figures)) await num(p, `tally-${k}`, v)
  for (const [i, yes] of [30, 15].entries()) {
    await num(p, `tally-${i + 1}-yes`, yes)
    await num(p, `tally-${i + 1}-no`, 46 - yes)
    await num(p, `tally-${i + 1}-abstain`, 0)
  }
  await p.locator('[data-testid="tally-save"]').click()
  await expectMessage(p, '已保存计票结果')
  await see(p.locator('[data-testid="vote-adopted"]', { hasText: '当选项目（6 个）' }), '当选项目（6 个）')
  await shot(p, 'revote')
  await p.locator('[data-testid="vote-confirm"]').click()
  await p.locator('.el-message-box__btns .el-button--primary').click()
  await expectMessage(p, '已确认票决结果')
  await see(p.locator('[data-testid="vote-projects"]', { hasText: '6 个项目列为正式项目' }), '6 个项目列为正式项目')

  await tab(p, 'works')
  const rows = p.locator('[data-testid="pw-table"] .el-table__body-wrapper tr.el-table__row')
  await see(rowOf(p, 'pw-table', ADOPTED[5]), `项目实施列出「${ADOPTED[5]}」`)
  assert.equal(await rows.count(), 6, 'six adopted projects on 项目实施')
  assert.equal(await rowOf(p, 'pw-table', TYPED[0]).count(), 0, 'the one that lost the re-vote is not a project')
  await shot(p, 'projects')
})

test('the 进度表 imported (one name mistyped, warned): 进度等次 on the list', async () => {
  const p = s.page
  // a voted project has no dates yet: the secretary enters 开工 and 计划完成 for two of them
  for (const name of ADOPTED.slice(0, 2)) {
    await tab(p, 'works')
    await rowOf(p, 'pw-table', name).click()
    await see(p.locator('[data-testid="pd-name"]', { hasText: name }), `项目「${name}」`)
    await p.locator('[data-testid="pd-edit"]').click()
    await p.locator('input[data-testid="pf-start"]').fill(day(-100))
    await p.locator('input[data-testid="pf-end"]').fill(day(100))
    await p.locator('input[data-testid="pf-end"]').blur()
    await p.locator('[data-testid="pe-save"]').click()
    await expectMessage(p, '已保存')
    await see(p.locator('.el-descriptions', { hasText: day(-100) }), `开工日期 ${day(-100)}`)
  }
  const file = path.join(s.dir, '民生实事项目进度表.xlsx')
  writeFileSync(
    file,
    xlsxWrite([
      [`${YEAR}年城关镇民生实事项目进度表`],
      ['序号', '牵头单位', '项目名称', '业主单位', '本月进展', '完成投资'],
      [1, '镇交通站', ADOPTED[0], '镇人民政府', '路基完成，开始铺设水泥路面', 80],
      [2, '镇卫生院', ADOPTED[1], '镇人民政府', '完成设计', 20],
      [3, '镇教办', '中小学校舍维护', '镇中心学校', '完成屋面防水', 65],
    ]),
  )
  await nav(p, 'io')
  await p.locator('[data-testid="io-kind-project-progress"]').click()
  await p.locator('input[data-testid="io-file"]').setInputFiles(file)
  await see(p.locator('[data-testid="io-preview-table"]'), '进度表导入预览', 20_000)
  await see(
    p.locator('[data-testid="io-warning"]', { hasText: '「中小学校舍维护」与已有项目「中小学校舍维修」接近' }),
    '名称相近的提醒',
  )
  assert.equal(await p.locator('[data-testid="io-cell-error"]').count(), 0)
  await shot(p, 'progress-preview')
  await p.locator('[data-testid="io-import"]').click()
  await see(p.locator('[data-testid="io-result"]'), '进度表导入结果', 30_000)

  await tab(p, 'works')
  // half the time from 开工 to 计划完成 is past: 80 of 100 is ahead, 20 of 110 behind
  await see(
    rowOf(p, 'pw-table', ADOPTED[0]).locator('[data-testid="pw-pace"]', { hasText: '提前' }),
    '进度等次「提前」',
  )
  await see(
    rowOf(p, 'pw-table', ADOPTED[1]).locator('[data-testid="pw-pace"]', { hasText: '慢于序时' }),
    '进度等次「慢于序时」',
  )
  assert.match(await rowOf(p, 'pw-table', ADOPTED[3]).textContent(), /65/, 'the mistyped row counted for its project')
  await shot(p, 'pace')
})

test('the year’s rating: counted on the evaluation page, the grades, the figures on 测评与统计 and 工作台', async () => {
  const p = s.page
  await tab(p, 'rating')
  // no roster entered: the rating asks for 应到 rather than failing on a group of none
  await p.locator('[data-testid="rt-create"]').click()
  await expectMessage(p, '请填写应到代表人数')
  s.problems.splice(0, s.problems.length, ...s.problems.filter((m) => !/status of 422/.test(m)))
  await num(p, 'rt-expected', 32)
  await p.locator('[data-testid="rt-create"]').click()
  await see(p.locator('[data-testid="evaluation-title"]', { hasText: `${YEAR}年度民生实事项目测评` }), '年度测评')
  await see(p.getByText('人大代表：权重 1，应到 32 人'), '测评组应到 32 人')
  const grid = p.locator('[data-testid="ballot-grid"]')
  await see(rowOf(p, 'ballot-grid', ADOPTED[5]), '测评的各项目')
  assert.equal(await grid.locator('.el-table__body-wrapper tr.el-table__row').count(), 6)
  for (const name of ADOPTED) {
    // one project is rated low; the others all 满意
    const counts =
      name === ADOPTED[1]
        ? { present: 30, invalid: 0, satisfied: 10, basic: 10, unsatisfied: 10, abstain: 0 }
        : { present: 30, invalid: 0, satisfied: 30, basic: 0, unsatisfied: 0, abstain: 0 }
    const row = rowOf(p, 'ballot-grid', name)
    for (const [f, v] of Object.entries(counts)) {
      const input = row.locator(`[data-testid$="-${f}"] input`)
      await input.fill(String(v))
      await input.blur()
    }
  }
  await p.locator('[data-testid="ballot-save"]').click()
  await expectMessage(p, '已保存计票')
  const results = p.locator('[data-testid="results-table"]')
  await see(results.locator('[data-testid^="grade-"]').nth(5), '6 个项目的等次')
  assert.match(await rowOf(p, 'results-table', ADOPTED[0]).locator('[data-testid^="grade-"]').textContent(), /^满意$/)
  assert.match(
    await rowOf(p, 'results-table', ADOPTED[1]).locator('[data-testid^="grade-"]').textContent(),
    /基本满意|不满意/,
  )
  await shot(p, 'rating')

  // 满意率 of the year: 5 × 30 + 10 满意 of 6 × 30 valid = 88.9 %
  await tab(p, 'rating')
  const own = rowOf(p, 'project-figures-table', '本级')
  await see(own, '年度统计的本级一行')
  const cells = (await own.locator('td').allTextContents()).map((t) => t.trim())
  assert.equal(cells[1], '6', `项目数 6: ${cells}`)
  assert.ok(cells.includes('88.9%'), `满意率 88.9%: ${cells}`)
  await shot(p, 'figures')
  await nav(p, 'home')
  const card = p.locator('[data-testid="home-projects"]')
  await see(card.locator('[data-testid="proj-projects"]', { hasText: '6' }), '工作台：民生实事项目 6 个')
  await see(card.locator('[data-testid="proj-satisfied_rate"]', { hasText: '88.9' }), '工作台：满意率 88.9%')
  assert.doesNotMatch(await card.textContent(), /各乡镇/, 'a township’s card is its own projects alone')
  await card.scrollIntoViewIfNeeded()
  await shot(p, 'home-card')
})

test('the township packs its 上报包 and saves the file', async () => {
  const p = s.page
  await nav(p, 'upward')
  await see(p.locator('[data-testid="pack-meta"]', { hasText: `${TOWN}（乡镇）` }), '上报包的单位和期间')
  await shot(p, 'pack')
  const f = await downloadFrom(p, s.dir, p.locator('[data-testid="pack-save"]'))
  assert.equal(f.name, `${TOWN}上报包（${YEAR}年）.xlsx`)
  writeFileSync(path.join(s.dir, 'package.xlsx'), f.bytes)
})

test('a county from its own empty data file: one project of its own, then the township’s package', async () => {
  county.dir = tempDataDir('renda-e2e-projects-year-county-')
  county.server = await startServer(path.join(county.dir, 'renda.db'))
  Object.assign(county, await newPage(s.browser))
  const p = county.page
  await firstRun(p, county.server.url, COUNTY, '县')
  await tab(p, 'works')
  await p.locator('[data-testid="pw-new"]').click()
  await p.locator('input[data-testid="pf-name"]').fill(OWN)
  await selectOption(p, 'pf-field', '交通')
  await p.locator('input[data-testid="pf-lead"]').fill('县住建局')
  await num(p, 'pf-investment', 500)
  await p.locator('input[data-testid="pf-start"]').fill(day(-60))
  await p.locator('input[data-testid="pf-end"]').fill(day(120))
  await p.locator('input[data-testid="pf-end"]').blur()
  await p.locator('[data-testid="pf-save"]').click()
  await see(p.locator('[data-testid="pd-name"]', { hasText: OWN }), `项目「${OWN}」`)
  await shot(p, 'county-own')

  await nav(p, 'upward')
  await p.locator('#tab-receive').click()
  await p.locator('input[data-testid="receive-files"]').setInputFiles([path.join(s.dir, 'package.xlsx')])
  await see(p.locator('[data-testid="receive-preview"]', { hasText: '新收到' }), '上报包预览：新收到')
  await p.locator('[data-testid="receive-import"]').click()
  const panel = p.locator('[data-testid="summary-projects"]')
  const row = (name) => panel.locator('.el-table__body-wrapper tr', { hasText: name }).first()
  await see(row(TOWN), `民生实事汇总中的「${TOWN}」`)
  const first = async (name) => (await row(name).locator('td').allTextContents()).map((t) => t.trim()).slice(0, 2)
  assert.deepEqual(await first('本级'), ['本级', '1'])
  assert.deepEqual(await first(TOWN), [TOWN, '6'])
  assert.deepEqual(await first('合计'), ['合计', '7'])
  // the township's 满意率 came up with its package; the county has not rated its own yet
  assert.ok((await row(TOWN).textContent()).includes('88.9%'), 'the township’s 满意率 88.9%')
  assert.ok((await row('合计').textContent()).includes('88.9%'), '合计: the rated projects’ 满意率')
  await panel.scrollIntoViewIfNeeded()
  await shot(p, 'county-summary')
})

test('no script errors and no network requests outside the engine', () => {
  assert.deepEqual([...s.problems, ...county.problems], [])
})
