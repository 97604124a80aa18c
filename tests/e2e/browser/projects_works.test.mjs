// 民生实事 正式项目 → 进度 → 监督 → 测评 end to end in a real browser against the real engine
// (`renda serve`, real SQLite), from an empty install and only through the window: a township's
// first run → two deputies from its roster → a project entered by hand → its 监督小组 → a progress
// entry → the government's 进度表 imported → 进度等次 → a visit (points once) and a 问题 → 工作台's
// reminder → the year's rating created and counted on the evaluation page → the grade on the project.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { writeFileSync } from 'node:fs'
import { preflight, suite, expectMessage, selectOption, xlsxWrite } from './harness.mjs'

preflight()

const s = suite('pw')
const { api, settled } = s
const NAME = '村道硬化工程'
const YEAR = new Date().getFullYear()
const day = (offset) => {
  const d = new Date()
  d.setDate(d.getDate() + offset)
  const p = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}
/** A picture of the page once the last step's toasts are gone. */
async function screenshot(step, opts) {
  await s.page.locator('.el-message').first().waitFor({ state: 'detached', timeout: 15_000 })
  return s.screenshot(step, opts)
}
async function nav(key, page) {
  await s.page.locator(`[data-testid="nav-${key}"]`).click()
  await s.page.locator(`[data-testid="page-${page ?? key}"]`).waitFor()
}
/** 导入导出: the kind, the file, the preview, then the import. */
async function importFile(kind, file, check, button = 'io-import') {
  const p = s.page
  await nav('io')
  await p.locator(`[data-testid="io-kind-${kind}"]`).click()
  await p.locator('input[data-testid="io-file"]').setInputFiles(file)
  await p.locator('[data-testid="io-preview-table"]').waitFor({ timeout: 20_000 })
  await settled()
  if (check) await check()
  await p.locator(`[data-testid="${button}"]`).click()
  await p.locator('[data-testid="io-result"]').waitFor({ timeout: 30_000 })
}
/** Picks deputies in a DeputyPicker by pinyin initials. */
async function pick(testid, names) {
  const p = s.page
  await p.locator(`[data-testid="${testid}"]`).click()
  for (const [name, initials] of names) {
    await p.keyboard.type(initials)
    await p.locator('.el-select-dropdown__item:visible', { hasText: name }).first().click()
  }
  await p.keyboard.press('Escape')
}
s.project = null

test('a township starts empty and takes two deputies from its roster', async () => {
  const p = s.page
  await p.goto(s.server.url)
  await p.locator('[data-testid="first-run"]').waitFor()
  await p.locator('input[data-testid="first-run-name"]').fill('城关镇人大主席团')
  await p
    .locator('[data-testid="first-run-level"] .el-radio-button', {
      hasText: '乡镇',
    })
    .click()
  await p.locator('[data-testid="first-run-blank"]').click()
  await p.locator('[data-testid="terms-welcome"]').waitFor()
  const roster = path.join(s.dir, '代表名册.xlsx')
  writeFileSync(
    roster,
    xlsxWrite([
      ['姓名', '性别', '出生年月', '工作单位'],
      ['张三', '男', '1975.03', '东关村党支部书记'],
      ['李四', '女', '1982.10', '镇卫生院医生'],
    ]),
  )
  await importFile('deputies', roster)
  assert.equal((await api('deputy_list', { page_size: 0 })).total, 2)
})

test('a project entered by hand, with its 监督小组', async () => {
  const p = s.page
  await nav('projects')
  // the page opens on its first tab (征集); the projects are on 项目实施
  await p.locator('#tab-works').click()
  await p.locator('[data-testid="projects-works"]').waitFor()
  await settled()
  await screenshot('empty-list')
  await p.locator('[data-testid="pw-new"]').click()
  await p.locator('input[data-testid="pf-name"]').fill(NAME)
  await selectOption(p, 'pf-field', '交通')
  await p.locator('input[data-testid="pf-lead"]').fill('镇交通站')
  await p.locator('input[data-testid="pf-owner"]').fill('镇人民政府')
  await p.locator('[data-testid="pf-investment"] input').fill('200')
  await p.locator('[data-testid="pf-investment"] input').blur()
  await p.locator('input[data-testid="pf-start"]').fill(day(-100))
  await p.locator('input[data-testid="pf-end"]').fill(day(100))
  await p.locator('input[data-testid="pf-end"]').blur()
  await screenshot('new-project')
  await p.locator('[data-testid="pf-save"]').click()
  await p.locator('[data-testid="pd-name"]', { hasText: NAME }).waitFor()
  s.project = (await api('project_list', {})).items.find((x) => x.name === NAME)
  assert.equal(s.project.start_date, day(-100))
  assert.equal(s.project.investment, 200)

  await p.locator('[data-testid="pd-group-edit"]').click()
  await pick('gp-deputies', [
    ['张三', 'zs'],
    ['李四', 'ls'],
  ])
  await selectOption(p, 'gp-leader', '张三')
  await p.locator('[data-testid="gp-save"]').click()
  await expectMessage(p, '已设置监督小组')
  await p.locator('[data-testid="pd-group"]', { hasText: '张三（组长）' }).waitFor()
  assert.match(await p.locator('[data-testid="pd-group"]').textContent(), /李四/)
})

test('a progress entry, then the government’s 进度表 imported: 进度等次 follows', async () => {
  const p = s.page
  await p.locator('[data-testid="pd-progress-add"]').click()
  await p.locator('[data-testid="pg-percent"] input').fill('30')
  await p.locator('[data-testid="pg-invested"] input').fill('50')
  await p.locator('[data-testid="pg-invested"] input').blur()
  await p.locator('textarea[data-testid="pg-text"]').fill('完成清表和路基放样')
  await p.locator('[data-testid="pg-save"]').click()
  await expectMessage(p, '已登记进度')
  await p.locator('[data-testid="pd-progress"]', { hasText: '完成清表和路基放样' }).waitFor()
  // half the time has passed, 30 % done: 20 points behind
  await p.locator('[data-testid="pd-pace"]', { hasText: '慢于序时' }).waitFor()

  const sheet = path.join(s.dir, '民生实事项目进度表.xlsx')
  writeFileSync(
    sheet,
    xlsxWrite([
      [`${YEAR}年民生实事项目进度表`],
      ['序号', '牵头单位', '项目名称', '业主单位', '本月进展', '完成投资（万元）', '形象进度（%）'],
      [1, '镇交通站', '村道硬化 工程', '镇人民政府', '完成路基 6 公里，开始铺设水泥', 120, 60],
      [2, '镇水利站', '不存在的项目', '镇人民政府', '开工', 10, ''],
    ]),
  )
  // the unknown name is a cell error; the project written with a space is matched; the rest imported
  const preview = async () => {
    assert.equal(await p.locator('[data-testid="io-cell-error"]').count(), 1)
    assert.match(await p.locator('[data-testid="io-preview"]').textContent(), /不存在的项目/)
    await screenshot('progress-preview')
  }
  await importFile('project-progress', sheet, preview, 'io-import-valid')
  const d = await api('project_get', { id: s.project.id })
  assert.equal(d.project.progress.length, 2)
  assert.equal(d.project.row.invested, 120)
  assert.equal(d.project.row.pace, 'ahead', '60 % against 50 %: 10 points ahead')

  await nav('projects')
  await p.locator('#tab-works').click()
  const row = p.locator('[data-testid="pw-table"] .el-table__row', {
    hasText: NAME,
  })
  await row.locator('[data-testid="pw-pace"]', { hasText: '提前' }).waitFor()
  await settled()
  await screenshot('list-with-pace')
  // the tolerance is the office's: at 15 points, 10 ahead is 按序时
  const tolerance = async (points, pace) => {
    await p.locator('[data-testid="pw-settings"]').click()
    await p.locator('[data-testid="ps-tolerance"] input').fill(String(points))
    await p.locator('[data-testid="ps-tolerance"] input').blur()
    await p.locator('[data-testid="ps-save"]').click()
    await expectMessage(p, '已保存设置')
    await row.locator('[data-testid="pw-pace"]', { hasText: pace }).waitFor()
  }
  await tolerance(15, '按序时')
  assert.equal((await api('project_settings_get')).pace_tolerance, 15)
  await tolerance(5, '提前')
  await row.click()
  await p.locator('[data-testid="pd-pace"]', { hasText: '提前' }).waitFor()
})

test('a visit by the group earns the points once, and a 问题 past its 时限 is reminded on 工作台', async () => {
  const p = s.page
  await p.locator('[data-testid="pd-visit-add"]').click()
  await p.locator('[data-testid="vs-save"]').click()
  await expectMessage(p, '已登记')
  await p.locator('[data-testid="pd-visit"]', { hasText: '张三' }).waitFor()
  const points = await api('points_table', { year: YEAR })
  for (const r of points.rows) assert.equal(r.kinds.find((k) => k.kind === 'inspection')?.count, 1, r.name)

  await p.locator('[data-testid="pd-problem-add"]').click()
  await p.locator('textarea[data-testid="pb-problem"]').fill('路基压实度不足')
  await p.locator('input[data-testid="pb-unit"]').fill('施工单位')
  await p.locator('input[data-testid="pb-due"]').fill(day(-2))
  await p.locator('input[data-testid="pb-due"]').blur()
  await p.locator('[data-testid="pb-save"]').click()
  await expectMessage(p, '已保存问题')
  await p
    .locator('[data-testid="pd-problems"] .el-table__row', {
      hasText: '路基压实度不足',
    })
    .waitFor()
  await settled()
  await screenshot('detail', { fullPage: true })

  await nav('home')
  const block = p.locator('[data-testid="reminder-project-problem_due"]')
  await block.locator('li', { hasText: NAME }).waitFor()
  assert.match(await block.textContent(), /路基压实度不足/)
  await p.locator('[data-testid="home-project-reminders"]').scrollIntoViewIfNeeded()
  await screenshot('home-reminder')
  await block.locator('li', { hasText: NAME }).click()
  await p.locator('[data-testid="pd-name"]', { hasText: NAME }).waitFor()
})

test('the year’s rating: created in one step, counted on the evaluation page, the grade on the project', async () => {
  const p = s.page
  await nav('projects')
  await p.locator('#tab-rating').click()
  await p.locator('[data-testid="rt-create"]').click()
  await p
    .locator('[data-testid="evaluation-title"]', {
      hasText: `${YEAR}年度民生实事项目测评`,
    })
    .waitFor()
  const e = (await api('evaluation_list')).find((x) => x.name === `${YEAR}年度民生实事项目测评`)
  const ev = await api('evaluation_get', { id: e.id })
  assert.equal(ev.groups[0].expected, 2, '应到: the office’s deputies')
  const subject = ev.subjects[0]
  assert.equal(subject.project_id, s.project.id)
  const fields = ['present', 'invalid', 'satisfied', 'basic', 'unsatisfied', 'abstain']
  const counts = [2, 0, 2, 0, 0, 0]
  for (let i = 0; i < fields.length; i++) {
    const input = p.locator(`[data-testid="ballot-${subject.id}-${fields[i]}"] input`)
    await input.fill(String(counts[i]))
    await input.blur()
  }
  await p.locator('[data-testid="ballot-save"]').click()
  await expectMessage(p, '已保存计票')
  await screenshot('rating-counted')

  await p.goto(`${s.server.url.replace(/#.*$/, '')}#/projects/${s.project.id}`)
  await p.locator('[data-testid="pd-grade"]', { hasText: '满意' }).waitFor()
  assert.match(await p.locator('[data-testid="pd-rating"]').textContent(), /满意率：100\.0%/)
  await settled()
  await screenshot('grade')
})

test('no script errors and no network requests outside the engine', () => {
  assert.deepEqual(s.problems, [])
})
