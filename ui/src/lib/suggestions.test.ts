import { describe, expect, it } from 'vitest'
import {
  daysText,
  emptyStepValues,
  formatRate,
  shortSessionName,
  shortUnitNames,
  STEP_FORMS,
  stepRequest,
} from './suggestions'

describe('figures', () => {
  it('prints ratios with one decimal and never NaN', () => {
    expect(formatRate(0.984)).toBe('98.4%')
    expect(formatRate(1)).toBe('100.0%')
    expect(formatRate(0)).toBe('0.0%')
    expect(formatRate(0.9230769230769231)).toBe('92.3%')
    expect(formatRate(0.0005)).toBe('0.1%')
    expect(formatRate(null)).toBe('—')
    expect(formatRate(undefined)).toBe('—')
    expect(formatRate(NaN)).toBe('—')
  })
  it('says the days left', () => {
    expect(daysText(5)).toBe('剩 5 天')
    expect(daysText(0)).toBe('今天到期')
    expect(daysText(-3)).toBe('逾期 3 天')
    expect(daysText(null)).toBe('—')
  })
})

describe('step forms', () => {
  it('covers every action of the engine', () => {
    for (const a of [
      'review_pass',
      'review_return',
      'resubmit',
      'reject',
      'merge',
      'withdraw',
      'assign',
      'return_request',
      'contact',
      'urge',
      'extend',
      'reply',
      'rate',
      'rehandle',
      'followup',
      'complete',
    ])
      expect(STEP_FORMS[a as keyof typeof STEP_FORMS], a).toBeTruthy()
  })
  it("builds the engine's step: required fields always sent, empty optional ones left out", () => {
    const v = emptyStepValues('reply', '2026-05-02')
    expect(stepRequest(5, 'reply', v)).toEqual({ id: 5, date: '2026-05-02', action: 'reply', class: '' })
    v.class = 'B'
    v.doc_no = '  清政函〔2026〕3号 '
    expect(stepRequest(5, 'reply', v)).toEqual({
      id: 5,
      date: '2026-05-02',
      action: 'reply',
      class: 'B',
      doc_no: '清政函〔2026〕3号',
    })
    expect(stepRequest(2, 'review_return', emptyStepValues('review_return', ''))).toEqual({
      id: 2,
      action: 'review_return',
      note: '',
    })
  })
  it('sends only the fields the action uses', () => {
    const v = emptyStepValues('assign', '2026-02-09')
    Object.assign(v, { main_unit_id: 19, co_unit_ids: [1, 12], supervisor: '  王主任 ', due_date: null })
    expect(stepRequest(7, 'assign', v)).toEqual({
      id: 7,
      action: 'assign',
      date: '2026-02-09',
      main_unit_id: 19,
      co_unit_ids: [1, 12],
      wide_ranging: false,
      key_item: false,
    })
    v.key_item = true
    expect(stepRequest(7, 'assign', v)).toMatchObject({ supervisor: '王主任' })
    expect(stepRequest(3, 'followup', emptyStepValues('followup', '2026-06-01'))).toEqual({
      id: 3,
      action: 'followup',
      date: '2026-06-01',
      kind: '回头看',
      note: '',
    })
    expect(stepRequest(4, 'assign', emptyStepValues('assign', '2026-02-09'))).toMatchObject({ main_unit_id: 0 })
  })
})

describe('unit names on chart axes', () => {
  it('drops the shared county prefix only', () => {
    expect(shortUnitNames(['清河县财政局', '清河县住房和城乡建设局'])).toEqual(['财政局', '住房和城乡建设局'])
    expect(shortUnitNames(['财政局', '教育局'])).toEqual(['财政局', '教育局'])
    expect(shortUnitNames(['清河县财政局'])).toEqual(['清河县财政局'])
    expect(shortUnitNames(['清河县县委', '清河县县医院'])).toEqual(['县委', '县医院'])
  })
})

describe('session names', () => {
  it('shortens a session name under its term', () => {
    expect(shortSessionName('清河县第十八届人民代表大会', '清河县第十八届人民代表大会第三次会议')).toBe(
      '第十八届第三次会议',
    )
    expect(shortSessionName('某届', '独立会议名')).toBe('独立会议名')
  })
})
