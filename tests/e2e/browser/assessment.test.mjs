// 乡镇人大工作评价 (DOMAIN.md §8) in a real browser against the real engine, from EMPTY data files,
// window only: the county makes its 评分表 (2 blocks, 4 items, 1 bonus item; one item corrected and
// one added by mistake removed) and exports it; two townships (each its own data file and `renda
// serve`) import it — twice, the second changing nothing. 城关镇 first enters its 届次, a deputy, a unit
// and a suggestion carried to its reply, and sees the automatic item proposed from that record; 河口镇
// has no suggestion and sees that said. Both fill their 自评 and save their 上报包; the county
// receives both, enters 考核组 scores and a 加减分 (one below zero refused), sees the ranking and
// the grade on the base only, and downloads the 考核结果表.
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { mkdirSync, writeFileSync } from 'node:fs'
import {
  SCREENS,
  addTermAndSession,
  downloadFrom,
  expectMessage,
  newPage,
  selectOption,
  settled,
  startBlank,
  startServer,
  suite,
  xlsxRows,
} from './harness.mjs'

const YEAR = new Date().getFullYear()
const s = suite('assessment')
const { api } = s
const towns = []

after(async () => {
  for (const t of towns) {
    await t.context?.close()
    await t.server?.stop()
  }
})

async function firstRun(p, name, level, before) {
  await startBlank(p, name, level)
  if (before) await before(p)
  await nav(p, 'assessment')
}

async function nav(p, key) {
  await p.locator(`[data-testid="nav-${key}"]`).click()
  await p.locator(`[data-testid="page-${key}"]`).waitFor()
}

/** A township's first suggestion, window only: its 届次 and 会次, a deputy, a unit, then the
 * suggestion registered, reviewed, assigned and replied to — 办复率 100%. */
async function firstSuggestion(p) {
  const dates = { start: `${YEAR}-01-10`, end: `${YEAR}-01-12` }
  await addTermAndSession(p, { number: 18, from: YEAR - 3, to: YEAR + 2, session: 5, ...dates })

  await nav(p, 'deputies')
  await p.locator('[data-testid="deputy-add"]').click()
  const dlg = p.locator('.el-dialog', {
    has: p.locator('[data-testid="deputy-form-save"]'),
  })
  await p.locator('input[data-testid="deputy-form-name"]').fill('赵六')
  await dlg.locator('label.el-checkbox', { hasText: '乡级' }).click()
  await p.locator('[data-testid="deputy-form-save"]').click()
  await expectMessage(p, '已新增代表「赵六」')
  await dlg.waitFor({ state: 'hidden' })

  await nav(p, 'units')
  await p.locator('[data-testid="unit-add"]').click()
  await p.locator('input[data-testid="unit-form-name"]').fill('镇村镇建设办')
  await p.locator('[data-testid="unit-form-save"]').click()
  await p.locator('[data-testid="unit-dialog"]').waitFor({ state: 'hidden' })

  await nav(p, 'suggestions')
  await p.locator('[data-testid="suggestion-add"]').click()
  await p.locator('input[data-testid="suggestion-form-title"]').fill('关于修建新街农贸市场的建议')
  await selectOption(p, 'suggestion-form-lead', '赵六', 'zl')
  await p.locator('[data-testid="suggestion-form-save"]').click()
  await expectMessage(p, '已登记建议')
  const step = async (action, fill, expected) => {
    await p.locator(`[data-testid="action-${action}"]`).click()
    await p.locator('[data-testid="step-submit"]:visible').waitFor()
    if (fill) await fill()
    await p.locator('[data-testid="step-submit"]:visible').click()
    await p.locator('[data-testid="detail-state"]', { hasText: expected }).waitFor()
  }
  await step('review_pass', null, '已立案')
  await step('assign', () => selectOption(p, 'step-main_unit_id', '镇村镇建设办', '村镇'), '办理中')
  await step('reply', () => selectOption(p, 'step-class', 'A 已解决'), '已答复')
}

async function townShot(p, step) {
  mkdirSync(SCREENS, { recursive: true })
  await settled(p)
  await p.screenshot({
    path: path.join(SCREENS, `browser-assessment-town-${step}.png`),
  })
}

/** Adds an item in the template editor's dialog. */
async function item(p, block, name, max, auto) {
  await p.locator(`[data-testid="item-add-${block}"]`).click()
  await p.locator('input[data-testid="item-name"]').fill(name)
  await p.locator('[data-testid="item-max"] input').fill(String(max))
  await p.locator('[data-testid="item-max"] input').press('Tab')
  if (auto) {
    await selectOption(p, 'item-auto', auto.label)
    await p.locator('[data-testid="item-full"] input').fill(String(auto.full))
    await p.locator('[data-testid="item-full"] input').press('Tab')
  }
  await p.locator('[data-testid="item-save"]').click()
  await p.locator(`[data-testid="block-${block}"]`).getByText(name, { exact: true }).waitFor()
}

async function block(p, name, bonus = false) {
  await p.locator('input[data-testid="block-name"]').fill(name)
  if (bonus) await p.locator('[data-testid="block-bonus"]').click()
  await p.locator('[data-testid="block-add"]').click()
  await p.locator(`[data-testid="block-${name}"]`).waitFor()
}

test('the county makes its 评分表 and exports it', async () => {
  const p = s.page
  await p.goto(s.server.url)
  await firstRun(p, '清河县人大常委会', '县')
  await p.locator('[data-testid="template-create"]').click()
  await block(p, '代表工作')
  await block(p, '依法监督')
  await block(p, '加分项目', true)
  await item(p, '代表工作', '代表建议办复率', 10, {
    label: '建议办复率',
    full: 100,
  })
  await item(p, '代表工作', '代表述职', 8)
  await item(p, '依法监督', '听取审议专项工作报告', 70)
  await item(p, '依法监督', '组织代表视察', 10)
  await item(p, '加分项目', '工作创新', 5)
  await item(p, '依法监督', '误加的项目', 3)
  await p
    .locator('[data-testid="template-summary"]', {
      hasText: '基本分满分 101 分',
    })
    .waitFor()
  // an item corrected in place: 代表述职 is worth 10, not 8
  await p.locator('[data-testid="item-edit-代表述职"]').click()
  assert.equal(await p.locator('input[data-testid="item-name"]').inputValue(), '代表述职')
  await p.locator('[data-testid="item-max"] input').fill('10')
  await p.locator('[data-testid="item-max"] input').press('Tab')
  await p.locator('[data-testid="item-save"]').click()
  await expectMessage(p, '已修改评分项目')
  // an item added by mistake leaves the template after a confirmation
  await p.locator('[data-testid="item-remove-误加的项目"]').click()
  await p.locator('.el-message-box').getByRole('button', { name: '删除' }).click()
  await expectMessage(p, '已删除评分项目「误加的项目」')
  await p.locator('[data-testid="block-依法监督"]').getByText('误加的项目').waitFor({ state: 'detached' })
  await p
    .locator('[data-testid="template-summary"]', {
      hasText: '基本分满分 100 分 · 加分满分 5 分',
    })
    .waitFor()
  await s.screenshot('template')
  const f = await downloadFrom(p, s.dir, p.locator('[data-testid="template-export"]'))
  assert.match(f.name, new RegExp(`${YEAR}年度乡镇人大工作评价评分表`))
  writeFileSync(path.join(s.dir, '评分表.xlsx'), f.bytes)
  const t = await api('assessment_template_get', { year: YEAR })
  assert.equal(t.blocks.length, 3)
  assert.equal(t.blocks.flatMap((b) => b.items).length, 5)
  assert.equal(t.blocks[0].items.find((i) => i.name === '代表述职').max_points, 10)
})

/** A township from an empty data file: imports the 评分表, fills its 自评 and saves its 上报包. */
async function township(name, points, before) {
  const t = { server: await startServer(path.join(s.dir, `${name}.db`)) }
  Object.assign(t, await newPage(s.browser))
  towns.push(t)
  const p = t.page
  await p.goto(t.server.url)
  await firstRun(p, name, '乡镇', before)
  const file = path.join(s.dir, '评分表.xlsx')
  await p.locator('input[data-testid="self-import-file"]').setInputFiles(file)
  await p.locator('[data-testid="self-import-preview"]', { hasText: '新增 5 项' }).waitFor()
  await p.locator('[data-testid="self-import"]').click()
  await p.locator('[data-testid="self-total"]', { hasText: '第1版' }).waitFor()
  // the same 评分表 again changes nothing
  await p.locator('input[data-testid="self-import-file"]').setInputFiles(file)
  await p
    .locator('[data-testid="self-import-preview"]', {
      hasText: '没有变化 5 项',
    })
    .waitFor()
  await p.locator('[data-testid="self-import"]').click()
  await expectMessage(p, '评分表没有变化')
  // the automatic item, counted from the township's own records, is proposed as the 自评
  const auto = p.locator('[data-testid="auto-代表建议办复率"]')
  if (before) {
    assert.match(await auto.textContent(), /已答复 1 件 ÷ 交办 1 件 = 100%，建议 10 分/)
    await p.locator('[data-testid="self-代表建议办复率"]').click()
    assert.equal(await p.locator('[data-testid="self-points"] input').inputValue(), '10')
    // a score other than the proposal needs its reason
    await p.locator('[data-testid="self-points"] input').fill('8')
    await p.locator('[data-testid="self-points"] input').press('Tab')
    await p.locator('[data-testid="self-save"]').click()
    await expectMessage(p, '理由')
    await p.keyboard.press('Escape')
    await p.locator('[data-testid="self-form"]').waitFor({ state: 'hidden' })
  } else assert.match(await auto.textContent(), /本年没有交办的代表建议/)
  for (const [itemName, value] of Object.entries(points)) {
    await p.locator(`[data-testid="self-${itemName}"]`).click()
    await p.locator('[data-testid="self-points"] input').fill(String(value))
    await p.locator('[data-testid="self-points"] input').press('Tab')
    await p.locator('textarea[data-testid="self-note"]').fill('见佐证材料')
    await p.locator('[data-testid="self-save"]').click()
    await p.locator('[data-testid="self-form"]').waitFor({ state: 'hidden' })
  }
  const base = Object.entries(points).reduce((sum, [k, v]) => sum + (k === '工作创新' ? 0 : v), 0)
  await p.locator('[data-testid="self-total"]', { hasText: `自评基本分 ${base}` }).waitFor()
  await townShot(p, name)
  await p.locator('[data-testid="nav-upward"]').click()
  await p.locator('[data-testid="pack-meta"]').waitFor()
  const pkg = await downloadFrom(p, s.dir, p.locator('[data-testid="pack-save"]'))
  const to = path.join(s.dir, pkg.name)
  writeFileSync(to, pkg.bytes)
  return to
}

let packages = []
test('two townships import it, fill their 自评 and pack', async () => {
  packages = [
    await township(
      '城关镇人大主席团',
      {
        代表建议办复率: 10,
        代表述职: 9,
        听取审议专项工作报告: 65,
        组织代表视察: 10,
        工作创新: 5,
      },
      firstSuggestion,
    ),
    await township('河口镇人大主席团', {
      代表建议办复率: 6,
      代表述职: 8,
      听取审议专项工作报告: 60,
      组织代表视察: 8,
    }),
  ]
})

test('the county receives both, scores, and prints the ranking', async () => {
  const p = s.page
  await p.locator('[data-testid="nav-upward"]').click()
  await p.locator('#tab-receive').click()
  await p.locator('input[data-testid="receive-files"]').setInputFiles(packages)
  await p.locator('[data-testid="receive-preview"]').nth(1).waitFor()
  await p.locator('[data-testid="receive-import"]').click()
  await p
    .locator('[data-testid="summary-table"] .el-table__body-wrapper tr', {
      hasText: '河口镇',
    })
    .first()
    .waitFor()

  await p.locator('[data-testid="nav-assessment"]').click()
  await p.locator('#tab-results').click()
  const table = p.locator('[data-testid="results-table"]')
  await table.locator('tr', { hasText: '城关镇人大主席团' }).filter({ hasText: '已报送' }).waitFor()
  // nothing scored by the 考核组 yet: every item still to score, but 城关镇's automatic item, which
  // its package gave a figure for
  let res = await api('assessment_results', { year: YEAR })
  assert.deepEqual(
    res.rows.map((r) => [r.name, r.self_base, r.unscored]),
    [
      ['城关镇人大主席团', 94, 4],
      ['河口镇人大主席团', 82, 5],
    ],
  )

  // 城关镇: base 88, less a 加减分 of 2, + bonus 5 = 91 → 合格 (the bonus never lifts the grade)
  await table.locator('tr', { hasText: '城关镇人大主席团' }).click()
  const sheet = p.locator('[data-testid="sheet-table"]')
  await sheet.locator('tr', { hasText: '听取审议专项工作报告' }).filter({ hasText: '65' }).waitFor()
  // the automatic figure as the township's package reported it
  await sheet
    .locator('tr', { hasText: '代表建议办复率' })
    .filter({ hasText: '已答复 1 件 ÷ 交办 1 件 = 100%' })
    .waitFor()
  const scoreIt = async (itemName, value, kind = 'score', reason = '考核组核定') => {
    await p.locator(`[data-testid="${kind}-${itemName}"]`).click()
    await p.locator('[data-testid="score-points"] input').fill(String(value))
    await p.locator('[data-testid="score-points"] input').press('Tab')
    await p.locator('textarea[data-testid="score-reason"]').fill(reason)
    await p.locator('[data-testid="score-save"]').click()
  }
  const saved = () => p.locator('[data-testid="score-form"]').waitFor({ state: 'hidden' })
  for (const [itemName, value] of [
    ['代表建议办复率', 8],
    ['代表述职', 10],
    ['听取审议专项工作报告', 60],
    ['组织代表视察', 10],
    ['工作创新', 5],
  ]) {
    await scoreIt(itemName, value)
    await saved()
  }
  // a deduction below zero is refused, naming what may still be taken off; one within bounds is kept
  await scoreIt('代表述职', -12, 'adjust', '述职材料不全')
  await expectMessage(p, '最多还能减10分')
  await p.keyboard.press('Escape')
  await saved()
  await scoreIt('代表述职', -2, 'adjust', '述职材料不全')
  await saved()
  await p
    .locator('[data-testid="sheet-total"]', {
      hasText: '基本分 86 · 加分 5 · 总分 91',
    })
    .waitFor()
  await s.screenshot('sheet')

  // 河口镇: base 88, no bonus → 合格 as well, ranked below on the total
  await selectOption(p, 'sheet-township', '河口镇人大主席团')
  for (const [itemName, value] of [
    ['代表建议办复率', 6],
    ['代表述职', 8],
    ['听取审议专项工作报告', 66],
    ['组织代表视察', 8],
  ]) {
    await scoreIt(itemName, value)
    await saved()
  }
  await p.locator('#tab-results').click()
  await table.locator('tr', { hasText: '河口镇人大主席团' }).filter({ hasText: '88' }).waitFor()
  res = await api('assessment_results', { year: YEAR })
  assert.deepEqual(
    res.rows.map((r) => [r.name, r.base, r.bonus, r.total, r.grade, r.rank]),
    [
      ['城关镇人大主席团', 86, 5, 91, 'pass', 1],
      ['河口镇人大主席团', 88, 0, 88, 'pass', 2],
    ],
  )
  const first = await table.locator('.el-table__body-wrapper tr').first().textContent()
  assert.match(first, /^1城关镇人大主席团865\s*91合格/)
  await s.screenshot('results')
  const f = await downloadFrom(p, s.dir, p.locator('[data-testid="results-export"]'))
  assert.match(f.name, new RegExp(`${YEAR}年度乡镇人大工作考核结果表`))
  const rows = xlsxRows(f.bytes).map((r) => r.join('|'))
  assert.ok(
    rows.some((r) => r.includes('城关镇人大主席团') && r.includes('合格')),
    rows.join('\n'),
  )
})
