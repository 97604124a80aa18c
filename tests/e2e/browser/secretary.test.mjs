// A secretary's details end to end in a real browser against the real engine: dates
// typed as offices write them (1986.4, 1986年4月) saved as read; 曾伟 found by 「zw」; a
// 领衔代表's name finds their suggestions; a list keeps page and sort through Back; every page
// fits 1366×768 and 1280×720 (no sideways scroll, no table's last column cut off).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { preflight, suite, expectMessage } from './harness.mjs'

preflight()

const s = suite('sec')
const { api, settled, screenshot } = s

/** Waits until the table's row count line says `共 N …` and the loading mask is gone. */
async function tableSettled(testid) {
  const p = s.page
  await p.locator(`[data-testid="${testid}"] .el-loading-mask`).first().waitFor({ state: 'hidden', timeout: 10_000 })
  await settled()
}

test('demo data', async () => {
  const p = s.page
  await p.goto(s.server.url)
  await p.locator('[data-testid="first-run-demo"]').click()
  await p.locator('[data-testid="page-home"]').waitFor({ timeout: 120_000 })
})

test('出生年月 typed as 1986.4 and as 1986年4月 saves 1986-04, and says how it was read', async () => {
  const p = s.page
  await p.locator('[data-testid="nav-deputies"]').click()
  await p.locator('[data-testid="page-deputies"]').waitFor()
  for (const [name, typed] of [
    ['曾伟', '1986.4'],
    ['单明', '1986年4月'],
  ]) {
    await p.locator('[data-testid="deputy-add"]').click()
    const dlg = p.locator('.el-dialog', {
      has: p.locator('[data-testid="deputy-form-save"]'),
    })
    await dlg.waitFor()
    // nothing is said about a field before the user has left it
    assert.equal(await dlg.locator('.el-form-item__error').count(), 0, 'no errors when the form opens')
    await p.locator('input[data-testid="deputy-form-name"]').fill(name)
    await dlg.locator('label.el-checkbox', { hasText: '县级' }).click()
    const birth = p.locator('[data-testid="deputy-form-birth"] input')
    await birth.fill(typed)
    await birth.press('Tab')
    await dlg.locator('[data-testid="field-note"]', { hasText: `${typed} → 1986-04` }).waitFor()
    assert.equal(await birth.inputValue(), '1986-04')
    await screenshot(`birth-${name}`)
    await p.locator('[data-testid="deputy-form-save"]').click()
    await expectMessage(p, `已新增代表「${name}」`)
    await dlg.waitFor({ state: 'hidden' })
    const found = (await api('deputy_list', { q: name, sort: 'updated' })).items.find((d) => d.name === name)
    assert.ok(found, name)
    assert.equal((await api('deputy_get', { id: found.id })).birth_month, '1986-04', `${typed} saved as 1986-04`)
  }
  // what cannot be read is refused with the reason, under the field
  await p.locator('[data-testid="deputy-add"]').click()
  const dlg = p.locator('.el-dialog', {
    has: p.locator('[data-testid="deputy-form-save"]'),
  })
  const birth = p.locator('[data-testid="deputy-form-birth"] input')
  await birth.fill('1986年13月')
  await birth.press('Tab')
  await dlg.locator('[data-testid="field-problem"]', { hasText: '月份应为1至12' }).waitFor()
  const phone = p.locator('input[data-testid="deputy-form-phone"]')
  await phone.fill('2812345')
  await phone.press('Tab')
  await dlg.locator('[data-testid="field-warning"]', { hasText: '未带区号' }).waitFor()
  await screenshot('field-problems')
  await dlg.locator('.el-dialog__headerbtn').click()
  await dlg.waitFor({ state: 'hidden' })
})

test('「zw」 finds 曾伟 (surname reading), and so does 「cw」', async () => {
  const p = s.page
  for (const q of ['zw', 'cw']) {
    await p.locator('input[data-testid="deputy-search"]').fill(q)
    await p.waitForURL((u) => u.hash.includes(`q=${q}`))
    await p
      .locator('[data-testid="deputy-table"] [data-testid^="deputy-name-"]', {
        hasText: '曾伟',
      })
      .first()
      .waitFor({ timeout: 10_000 })
  }
  await screenshot('zw')
  await p.locator('input[data-testid="deputy-search"]').fill('')
})

test('按姓氏笔画: 4-stroke surnames begin 王, 毛, 文 …', async () => {
  const all = (await api('deputy_list', { sort: 'strokes', page_size: 0 })).items.map((d) => d.name[0])
  const order = ['王', '毛', '文', '方', '孔']
  const seen = order.filter((c) => all.includes(c))
  const pos = seen.map((c) => all.indexOf(c))
  assert.deepEqual(
    [...pos].sort((a, b) => a - b),
    pos,
    `order of ${seen.join('')} in ${all.join('')}`,
  )
  const p = s.page
  await p.evaluate(() => (location.hash = '#/deputies?sort=strokes'))
  await p.locator('[data-testid="page-deputies"]').waitFor()
  await tableSettled('deputy-table')
  await screenshot('roster-strokes')
})

test("a 领衔代表's name finds their suggestions; 「第N号」 finds the number", async () => {
  const p = s.page
  const first = (await api('suggestion_list', { page_size: 1 })).items[0]
  const name = first.lead_deputy
  await p.locator('[data-testid="nav-suggestions"]').click()
  await p.locator('[data-testid="page-suggestions"]').waitFor()
  await p.locator('input[data-testid="suggestion-search"]').fill(name)
  await p.waitForURL((u) => decodeURIComponent(u.hash).includes(`q=${name}`))
  const leads = p.locator('[data-testid="suggestion-table"] .dt-row')
  await leads.filter({ hasText: name }).first().waitFor({ timeout: 10_000 })
  const expected = (await api('suggestion_list', { q: name })).total
  assert.ok(expected >= 1)
  await p
    .locator('[data-testid="suggestion-total"]', {
      hasText: `共 ${expected} 件`,
    })
    .waitFor()
  await screenshot('search-lead')
  if (first.number !== null) {
    const n = (await api('suggestion_list', { q: `第${first.number}号` })).items
    assert.ok(
      n.some((r) => r.id === first.id),
      '第N号 finds the suggestion',
    )
  }
  // the emptied search is answered (after the typing delay) before the next test sorts and pages
  const all = (await api('suggestion_list', { page_size: 1 })).total
  await p.locator('input[data-testid="suggestion-search"]').fill('')
  await p.waitForURL((u) => !u.hash.includes('q='))
  await p.locator('[data-testid="suggestion-total"]', { hasText: `共 ${all} 件` }).waitFor()
})

test('page 3 sorted by unit → open an item → Back → page 3 sorted by unit', async () => {
  const p = s.page
  await p.locator('[data-testid="suggestion-sort"]').click()
  await p.locator('.el-select-dropdown__item:visible', { hasText: '按主办单位' }).click()
  await p.waitForURL((u) => u.hash.includes('sort=unit'))
  await tableSettled('suggestion-table')
  await p.locator('.pager .el-pager li', { hasText: /^3$/ }).click()
  await p.waitForURL((u) => u.hash.includes('page=3'))
  await tableSettled('suggestion-table')
  const row = p.locator('[data-testid="suggestion-table"] .dt-row').first()
  const title = (await row.locator('[data-testid^="suggestion-title-"]').textContent()).trim()
  await row.click()
  await p.locator('[data-testid="page-suggestion-detail"]').waitFor()
  await p.goBack()
  await p.locator('[data-testid="page-suggestions"]').waitFor()
  await p.waitForURL((u) => u.hash.includes('page=3') && u.hash.includes('sort=unit'))
  await p.locator('.pager .el-pager li.is-active', { hasText: /^3$/ }).waitFor()
  assert.equal(
    await p
      .locator('[data-testid="suggestion-sort"] .el-select__selected-item:not(.is-hidden)')
      .first()
      .textContent()
      .then((t) => t.trim()),
    '按主办单位',
  )
  await p
    .locator('[data-testid="suggestion-table"] .dt-row')
    .first()
    .locator('[data-testid^="suggestion-title-"]', { hasText: title })
    .waitFor()
  await screenshot('back-page-3')
  // 返回台账 does the same
  await p.locator('[data-testid="suggestion-table"] .dt-row').first().click()
  await p.locator('[data-testid="page-suggestion-detail"]').waitFor()
  await p
    .locator('[data-testid="page-suggestion-detail"] button', {
      hasText: '返回台账',
    })
    .first()
    .click()
  await p.waitForURL((u) => u.hash.includes('page=3') && u.hash.includes('sort=unit'))
  await p.locator('.pager .el-pager li.is-active', { hasText: /^3$/ }).waitFor()
})

test('a 联系群众 row offers 转为意见 / 转为建议; the 案由 is never cut inside a word', async () => {
  const p = s.page
  const station = (await api('station_list', { page_size: 1 })).items[0]
  await p.evaluate((id) => (location.hash = `#/stations/${id}`), station.id)
  await p.locator('#tab-contact').click()
  const button = p.locator('[data-testid^="contact-to-suggestion-"]').first()
  await button.waitFor({ timeout: 10_000 })
  const row = p.locator('tr.dt-row', { has: p.locator('[data-testid^="to-opinion-"]') }).first()
  assert.ok(await row.count(), 'a row not yet turned into an opinion offers 转为意见')
  await screenshot('contact-actions')
  // the fixed action column is drawn in its own table: find the body text of the same row by id
  const id = (await button.getAttribute('data-testid')).replace('contact-to-suggestion-', '')
  const entry = await api('entry_get', { id: Number(id) })
  await button.click()
  const dlg = p.locator('[data-testid="to-suggestion-dialog"]')
  await dlg.waitFor()
  const title = await p.locator('input[data-testid="to-suggestion-title"]').inputValue()
  await screenshot('contact-to-suggestion')
  const m = /^关于(.*)的建议$/.exec(title)
  assert.ok(m, title)
  const body = entry.body.replace(/\s+/g, ' ')
  assert.ok(body.startsWith(m[1]), `「${m[1]}」 opens 「${body}」`)
  const next = body.slice(m[1].length, m[1].length + 1)
  assert.ok(next === '' || /[，。；！？,.;!?：:、和与及并]/.test(next), `cut before 「${next}」 in 「${body}」`)
  await dlg.locator('.el-dialog__headerbtn').click()
  await dlg.waitFor({ state: 'hidden' })
})

/** What does not fit: the page scrolls sideways, or a table's last column is cut off. */
async function assertFits(where) {
  const problems = await s.page.evaluate(() => {
    const out = []
    const doc = document.scrollingElement
    if (doc.scrollWidth > doc.clientWidth + 1)
      out.push(`page scrolls sideways (${doc.scrollWidth} > ${doc.clientWidth})`)
    for (const el of document.querySelectorAll('.page, .el-main, .el-drawer__body, .el-dialog__body')) {
      if (el.offsetParent === null) continue
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
        out.push(`${el.className.split(' ')[0]} scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`)
    }
    for (const t of document.querySelectorAll('.el-table, .data-table')) {
      if (t.offsetParent === null || t.closest('.el-tab-pane[style*="display: none"]')) continue
      const box = t.getBoundingClientRect()
      if (box.width === 0) continue
      const ths = t.querySelectorAll(
        '.el-table__header-wrapper th:not(.el-table-column--selection), .data-table thead th',
      )
      const last = ths[ths.length - 1]
      if (!last) continue
      const r = last.getBoundingClientRect()
      const name = last.textContent.trim()
      if (r.right > box.right + 1 || r.right > window.innerWidth + 1)
        out.push(
          `table ${t.dataset.testid ?? ''}: last column 「${name}」 cut off (${Math.round(r.right)} > ${Math.round(Math.min(box.right, window.innerWidth))})`,
        )
      const wrap = t.querySelector('.el-table__body-wrapper .el-scrollbar__wrap, .dt-scroll')
      if (wrap && wrap.scrollWidth > wrap.clientWidth + 1)
        out.push(`table ${t.dataset.testid ?? ''} scrolls sideways (${wrap.scrollWidth} > ${wrap.clientWidth})`)
    }
    // a label drawn on two lines (「导入什/么」)
    for (const l of document.querySelectorAll('.el-form-item__label, .kind-line .label')) {
      if (l.offsetParent === null || !l.textContent.trim()) continue
      const lh = parseFloat(getComputedStyle(l).lineHeight) || 32
      if (l.getBoundingClientRect().height > lh * 1.5) out.push(`label 「${l.textContent.trim()}」 wraps`)
    }
    return out
  })
  return problems.map((x) => `${where}: ${x}`)
}

for (const [w, h] of [
  [1366, 768],
  [1280, 720],
]) {
  test(`every page fits ${w}×${h}`, async () => {
    const p = s.page
    await p.setViewportSize({ width: w, height: h })
    const sug =
      (await api('suggestion_list', { page_size: 1, state: '已答复' })).items[0] ??
      (await api('suggestion_list', { page_size: 1 })).items[0]
    const station = (await api('station_list', { page_size: 1 })).items[0]
    const evaluation = (await api('evaluation_list'))[0]
    const misfits = []
    const go = async (hash, testid, step, after) => {
      await p.evaluate((h) => (location.hash = h), hash)
      await p.locator(`[data-testid="${testid}"]`).first().waitFor({ timeout: 20_000 })
      if (after) await after()
      await settled()
      await screenshot(`${w}-${step}`)
      misfits.push(...(await assertFits(`${step} at ${w}×${h}`)))
    }
    await go('#/', 'page-home', 'home', () => p.locator('[data-testid="chart-deputies"] .col').first().waitFor())
    await go('#/', 'page-home', 'home-figures', async () => {
      const tile = p.locator('[data-testid="fig-satisfaction_rate"]')
      await tile.scrollIntoViewIfNeeded()
      await p.locator('[data-testid="chart-ratings"] circle[stroke-dasharray]').first().waitFor()
      await tile.locator('text=满意+基本满意').waitFor()
      await p.locator('[data-testid="chart-units"]').scrollIntoViewIfNeeded()
    })
    await go('#/suggestions', 'page-suggestions', 'suggestions')
    await go(`#/suggestions/${sug.id}`, 'page-suggestion-detail', 'suggestion-detail')
    await go('#/evaluation', 'page-evaluation', 'evaluation')
    await go('#/evaluation', 'page-evaluation', 'points', async () => {
      await p.locator('#tab-points').click()
      await p.locator('[data-testid="points-table"] .dt-row').first().waitFor({ timeout: 20_000 })
    })
    if (evaluation) {
      await go(`#/evaluation/${evaluation.id}`, 'page-evaluation-detail', 'evaluation-results', async () => {
        await p.locator('[data-testid="results-chart"] canvas').waitFor({ timeout: 10_000 })
        await settled()
        await p.locator('[data-testid="results-chart"]').scrollIntoViewIfNeeded()
      })
    }
    await go('#/stations', 'page-stations', 'stations')
    await go(`#/stations/${station.id}`, 'page-station', 'station')
    for (const tab of ['contact', 'opinion', 'activity']) {
      await go(`#/stations/${station.id}`, 'page-station', `station-${tab}`, async () => {
        const t = p.locator(`#tab-${tab}`)
        if (await t.count()) {
          await t.click()
          await p.locator('.el-tab-pane:visible :is(.el-table, .data-table)').first().waitFor({ timeout: 10_000 })
        }
      })
    }
    const vote = (await api('vote_list', {}))[0]
    const project = (await api('project_list', { page_size: 1 })).items[0]
    for (const tab of ['proposals', 'candidates', 'votes', 'works', 'rating']) {
      await go(`#/projects?tab=${tab}`, 'page-projects', `projects-${tab}`, () =>
        p.locator('.el-tab-pane:visible :is(.el-table, .el-card, .data-table)').first().waitFor({ timeout: 10_000 }),
      )
    }
    if (vote) await go(`#/projects/votes/${vote.id}`, 'page-vote', 'projects-vote')
    if (project) await go(`#/projects/${project.id}`, 'page-project', 'projects-project')
    for (const tab of ['plan', 'opinions', 'problems', 'figures']) {
      await go(`#/oversight?tab=${tab}`, 'page-oversight', `oversight-${tab}`, () =>
        p.locator('.el-tab-pane:visible .el-table').first().waitFor({ timeout: 10_000 }),
      )
    }
    const opinion = (await api('oversight_opinion_list', {}))[0]
    if (opinion) await go(`#/oversight/${opinion.id}`, 'page-opinion', 'oversight-opinion')
    await go('#/hearings', 'page-hearings', 'hearings', () =>
      p.locator('[data-testid="hearing-table"] .el-table__row').first().waitFor({ timeout: 10_000 }),
    )
    const hearing = (await api('hearing_meetings', {})).find((m) => m.selected_at)
    for (const tab of ['apply', 'review', 'cards', 'opinions']) {
      await go(`#/hearings/${hearing.id}?tab=${tab}`, 'page-hearing', `hearing-${tab}`, () =>
        p.locator('.el-tab-pane:visible .el-table__row').first().waitFor({ timeout: 10_000 }),
      )
    }
    for (const tab of ['template', 'results', 'sheet']) {
      await go(`#/assessment?tab=${tab}`, 'page-assessment', `assessment-${tab}`, () =>
        p.locator('.el-tab-pane:visible :is(.el-table, .el-card)').first().waitFor({ timeout: 10_000 }),
      )
    }
    await go('#/deputies?sort=strokes', 'page-deputies', 'deputies')
    await go('#/deputies?sort=strokes', 'page-deputies', 'dossier', async () => {
      await p.locator('[data-testid^="deputy-name-"]').first().click()
      await p.locator('[data-testid="deputy-drawer"] #tab-dossier').click()
      await p.locator('[data-testid="dossier-points"]').waitFor({ timeout: 10_000 })
    })
    await p.keyboard.press('Escape')
    await p.locator('[data-testid="deputy-drawer"]').waitFor({ state: 'hidden' })
    await go('#/units', 'page-units', 'units')
    for (const kind of ['deputies', 'suggestions', 'register']) {
      await go('#/io', 'page-io', `io-${kind}`, async () => {
        await p.locator(`[data-testid="io-kind-${kind}"]`).click()
        const label = await p.locator('.kind-line .label').first().boundingBox()
        if (!label || label.height > 30)
          misfits.push(`io ${kind} at ${w}×${h}: 「导入什么」 wraps (${label?.height}px high)`)
        const title = await p.locator('.card-head > span').first().boundingBox()
        const button = (await p.locator('[data-testid="io-template"]').count())
          ? await p.locator('[data-testid="io-template"]').boundingBox()
          : null
        if (title && button && Math.abs(title.y + title.height / 2 - (button.y + button.height / 2)) > 4)
          misfits.push(`io ${kind} at ${w}×${h}: the template button dropped to another line`)
      })
    }
    await go('#/settings', 'page-settings', 'settings')
    // the dialogs a secretary fills most
    const dialog = async (hash, page, open, ready, step) => {
      await go(hash, page, step, async () => {
        await p.locator(`[data-testid="${open}"]`).click()
        await p.locator(`[data-testid="${ready}"]`).waitFor()
      })
      await p.keyboard.press('Escape')
      await p.locator(`[data-testid="${ready}"]`).waitFor({ state: 'hidden' })
    }
    await dialog('#/deputies', 'page-deputies', 'deputy-add', 'deputy-form-save', 'dialog-deputy')
    await dialog('#/suggestions', 'page-suggestions', 'suggestion-add', 'suggestion-form-received', 'dialog-suggestion')
    await dialog('#/units', 'page-units', 'unit-add', 'unit-form-contact-phone', 'dialog-unit')
    await go(`#/stations/${station.id}`, 'page-station', 'dialog-contact', async () => {
      await p.locator('#tab-contact').click()
      await p.locator('[data-testid="register-contact-add"]').click()
      await p.locator('[data-testid="entry-save"]').waitFor()
    })
    await p.keyboard.press('Escape')
    await p.locator('[data-testid="entry-save"]').waitFor({ state: 'hidden' })
    await p.setViewportSize({ width: 1366, height: 768 })
    assert.deepEqual(misfits, [], misfits.join('\n'))
  })
}
