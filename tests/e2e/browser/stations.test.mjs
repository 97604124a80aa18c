// 联络站 一档四簿 end to end in a real browser against the real engine (`renda serve`, real SQLite):
// demo data → a station's page (figures, reception calendar, open loops) → record a reception in
// 联系群众 (deputy by pinyin initials) → 转为意见 → 转为代表建议 → its state shows on the opinion and
// on the contact → the register exports as a print-ready workbook → 工作台 shows the stations.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { preflight, suite, expectMessage, xlsxRows, downloadFrom } from './harness.mjs'

preflight()

const WORDS = '东关村自来水三天两头停水，老人挑水吃，盼望解决饮水安全'
const s = suite('st')
s.station = null
s.deputy = null
const { api, settled, screenshot } = s

const rows = (book) => s.page.locator(`[data-testid="register-${book}-table"] tbody tr.dt-row`)

test('demo data, then a station page with its figures, calendar and open loops', async () => {
  const p = s.page
  await p.goto(s.server.url)
  await p.locator('[data-testid="first-run-demo"]').click()
  await p.locator('[data-testid="page-home"]').waitFor({ timeout: 120_000 })
  const list = await api('station_list', { page_size: 0 })
  s.station = list.items.find((x) => x.deputies.length >= 2 && x.schedule.kind === 'month_days')
  assert.ok(s.station, 'a demo station with 驻站代表 and 逢六进站')
  const people = await api('deputy_list', { page_size: 0 })
  s.deputy = people.items.find((d) => d.id === s.station.deputies[0].id)

  await p.locator('[data-testid="nav-stations"]').click()
  await p.locator('[data-testid="page-stations"]').waitFor()
  await p.locator('input[data-testid="station-search"]').fill(s.station.name)
  await p.locator(`[data-testid="station-open-${s.station.id}"]`).click()
  await p.locator('[data-testid="station-title"]', { hasText: s.station.name }).waitFor()
  const year = new Date().getFullYear()
  const expected = (await api('station_figures', { year, station_id: s.station.id })).rows[0]
  for (const k of ['activities', 'people_received', 'opinions', 'closed']) {
    await p.locator(`[data-testid="station-fig-${k}"] .t-value`, { hasText: String(expected[k]) }).waitFor()
  }
  await p.locator('[data-testid="reception-calendar"] li').first().waitFor()
  await settled()
  await screenshot('overview')
})

test('record a reception in 联系群众, with the deputy found by pinyin initials', async () => {
  const p = s.page
  await p.locator('#tab-contact').click()
  await p.locator('[data-testid="register-contact-table"]').waitFor()
  await settled()
  const before = Number((await p.locator('[data-testid="register-contact-total"]').textContent()).match(/\d+/)[0])
  await p.locator('[data-testid="register-contact-add"]').click()
  await p.locator('[data-testid="entry-save"]').waitFor()
  // the engine names what is missing, beside its field
  await p.locator('[data-testid="entry-save"]').click()
  await p
    .locator('[data-testid="entry-dialog"] .el-form-item__error', { hasText: '请选择接待或联系群众的代表' })
    .waitFor()
  await p.locator('[data-testid="entry-dialog"] .el-form-item__error', { hasText: '请填写群众反映的内容' }).waitFor()
  s.problems.splice(0, s.problems.length, ...s.problems.filter((m) => !/status of 422/.test(m)))

  await p.locator('[data-testid="entry-present"]').click()
  await p.keyboard.type(s.deputy.initials.split(' ')[0]) // the surname reading first (覃 qin), then any other
  await p.locator('.el-select-dropdown__item:visible', { hasText: s.deputy.name }).first().click()
  await p.keyboard.press('Escape')
  await p.locator('input[data-testid="entry-person"]').fill('刘　大爷')
  await p.locator('[data-testid="entry-handling"]').click()
  await p.locator('.el-select-dropdown__item:visible', { hasText: '转为代表建议' }).click()
  // typed last, as a secretary would, then saved from the keyboard
  await p.locator('textarea[data-testid="entry-body"]').fill(WORDS)
  await screenshot('contact-form')
  await p.keyboard.press('Control+Enter')
  await expectMessage(p, '已登记：代表联系群众登记簿')
  await p.locator('[data-testid="register-contact-total"]', { hasText: `共 ${before + 1} 条` }).waitFor()
  const row = rows('contact')
    .filter({ hasText: WORDS.slice(0, 8) })
    .first()
  await row.waitFor()
  assert.match(await row.textContent(), /刘大爷/, 'a padded name is stored as one person')
  assert.match(await row.textContent(), /已转交/)
})

test('turn it into an opinion, then into a 代表建议: its state shows on both', async () => {
  const p = s.page
  const contact = (await api('entry_list', { station_id: s.station.id, book: 'contact', q: '挑水', page_size: 1 }))
    .items[0]
  await p.locator(`[data-testid="to-opinion-${contact.id}"]`).click()
  await expectMessage(p, '已转为意见')
  await p.locator(`[data-testid="loop-${contact.id}"]`, { hasText: '已形成意见' }).waitFor()

  await p.locator('#tab-opinion').click()
  await p.locator('[data-testid="register-opinion-table"]').waitFor()
  const opinion = (await api('entry_list', { station_id: s.station.id, book: 'opinion', q: '挑水', page_size: 1 }))
    .items[0]
  assert.equal(opinion.source_id, contact.id)
  await p.locator(`[data-testid="to-suggestion-${opinion.id}"]`).click()
  await p.locator('input[data-testid="to-suggestion-title"]').waitFor()
  assert.match(await p.locator('input[data-testid="to-suggestion-title"]').inputValue(), /^关于.*的建议$/)
  await screenshot('to-suggestion')
  await p.locator('[data-testid="to-suggestion-submit"]').click()
  await expectMessage(p, '已登记为代表建议')
  const link = p.locator(`[data-testid="opinion-suggestion-${opinion.id}"]`)
  await link.waitFor()
  assert.match(await link.textContent(), /审查中/)
  await p.locator(`[data-testid="loop-${opinion.id}"]`, { hasText: '建议办理中' }).waitFor()
  await settled()
  await screenshot('opinions')

  // and on the constituent's entry
  await p.locator('#tab-contact').click()
  await p.locator(`[data-testid="loop-${contact.id}"]`, { hasText: '建议办理中' }).waitFor()
  // the suggestion page knows the deputy and its source
  await p.locator('#tab-opinion').click()
  await link.click()
  await p.locator('[data-testid="page-suggestion-detail"]').waitFor()
  await p.locator('[data-testid="detail-state"]', { hasText: '审查中' }).waitFor()
  const sugg = await api('suggestion_get', {
    id: opinion.suggestion_id ?? (await api('entry_get', { id: opinion.id })).suggestion_id,
  })
  assert.equal(sugg.row.lead_deputy, s.deputy.name)
  await p.goBack()
  await p.locator('[data-testid="page-station"]').waitFor()
})

test('the register exports as the printed book of the year', async () => {
  const p = s.page
  await p.locator('#tab-contact').click()
  await p.locator('[data-testid="register-contact-table"]').waitFor()
  await settled()
  const year = new Date().getFullYear()
  const f = await downloadFrom(p, s.dir, p.locator('[data-testid="register-contact-export"]'))
  assert.equal(f.name.replace(/-\d{8}\.xlsx$/, ''), `${s.station.name}代表联系群众登记簿（${year}年）`)
  const sheet = xlsxRows(f.bytes)
  assert.equal(sheet[0][0], `${s.station.name}代表联系群众登记簿（${year}年）`)
  const header = sheet.find((r) => r[0] === '日期')
  assert.deepEqual(header.slice(0, 4), ['日期', '方式', '代表', '群众姓名'])
  const mine = sheet.find((r) => r.includes(WORDS))
  assert.ok(mine, 'the new entry is in the book')
  assert.equal(
    mine[header.indexOf('群众姓名')],
    '刘大爷',
    'the station’s own copy prints in full: the office follows up from it',
  )
})

test('活动: the 签到表 of a reception is attached to its entry', async () => {
  const p = s.page
  await p.locator('#tab-activity').click()
  await p.locator('[data-testid="register-activity-table"] .dt-row').first().waitFor()
  await settled()
  const first = (
    await api('entry_list', {
      station_id: s.station.id,
      book: 'activity',
      year: new Date().getFullYear(),
      page_size: 1,
    })
  ).items[0]
  const chooser = p.waitForEvent('filechooser')
  await p.locator(`[data-testid="attach-${first.id}"]`).click()
  await (
    await chooser
  ).setFiles({ name: '签到表.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0]) })
  await expectMessage(p, '已附上 签到表.jpg')
  await p.locator('[data-testid="register-activity-table"] .dt-row', { hasText: '签到表.jpg' }).first().waitFor()
  assert.deepEqual(
    (await api('entry_get', { id: first.id })).attachments.map((a) => a.file_name),
    ['签到表.jpg'],
  )
  await settled()
  await screenshot('activity')
})

test('一档: an archive item with an attached scan, in the printed index', async () => {
  const p = s.page
  await p.locator('#tab-archive').click()
  await p.locator('[data-testid="archive-table"]').waitFor()
  await p.locator('[data-testid="archive-add"]').click()
  await p.locator('input[data-testid="archive-title"]').fill('代表进站接待选民制度（修订）')
  await p.locator('[data-testid="archive-save"]').click()
  await expectMessage(p, '已保存档案')
  const item = (await api('archive_list', { id: s.station.id })).find((a) => a.title === '代表进站接待选民制度（修订）')
  assert.ok(item)
  const chooser = p.waitForEvent('filechooser')
  await p.locator(`[data-testid="archive-attach-${item.id}"]`).click()
  await (
    await chooser
  ).setFiles({ name: '制度扫描件.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 接待制度') })
  await expectMessage(p, '已附上 制度扫描件.pdf')
  await p.locator('[data-testid="archive-table"] .el-table__row', { hasText: '制度扫描件.pdf' }).waitFor()
  await settled()
  await screenshot('archive')
  const f = await downloadFrom(p, s.dir, p.locator('[data-testid="archive-export"]'))
  const rows = xlsxRows(f.bytes)
  assert.equal(rows[0][0], `${s.station.name}建设运行档案目录`)
  assert.ok(rows.some((r) => r[3] === '代表进站接待选民制度（修订）' && r[5] === '制度扫描件.pdf'))
})

test('工作台 shows the stations: tomorrow, feedback overdue, this year', async () => {
  const p = s.page
  await p.locator('[data-testid="nav-home"]').click()
  await p.locator('[data-testid="home-stations"]').waitFor()
  const r = await api('station_reminders')
  await p.locator('[data-testid="reminder-count-feedback"]', { hasText: String(r.feedback_overdue_total) }).waitFor()
  await p.locator('[data-testid="home-stations"]').scrollIntoViewIfNeeded()
  await settled()
  await screenshot('home-stations')
  const all = await p.locator('[data-testid="page-home"]').textContent()
  assert.ok(!/NaN|undefined/.test(all))
})

test('no script errors and no network requests outside the engine', () => {
  assert.deepEqual(s.problems, [])
})
