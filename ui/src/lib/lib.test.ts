import { describe, expect, it } from 'vitest'
import { describeSchedule, normalizeSchedule, scheduleProblem, defaultSchedule } from './schedule'
import { blankToNull, toHalfWidth, idNumberProblem } from './validate'
import { filterPeople, matchesPerson, namesShort } from './people'
import { countBy, formatDateTime, toneOf } from './util'
import { dayLabel, monthRange } from './registers'
import { cleanDeputyInput, deputyToInput, emptyDeputyInput } from './deputyForm'
import { bytesToBase64, base64ToBytes, formatSize } from '../api/files'
import type { Deputy } from '../bindings/Deputy'

describe('schedule', () => {
  it('says the rule as the engine does', () => {
    expect(describeSchedule({ kind: 'month_days', days: [26, 6, 16], notice_days: 3 })).toBe(
      '每月6日、16日、26日（逢六进站），提前3天公告',
    )
    expect(describeSchedule({ kind: 'weekdays', days: [4, 2], notice_days: 0 })).toBe('每周二、周四')
    expect(describeSchedule({ kind: 'month_days', days: [10, 20], notice_days: 3 })).toBe('每月10日、20日，提前3天公告')
    expect(describeSchedule({ kind: 'month_days', days: [], notice_days: 3 })).toBe('无固定接待日')
    expect(describeSchedule(defaultSchedule())).toBe('无固定接待日')
  })
  it('normalizes and checks', () => {
    expect(normalizeSchedule({ kind: 'weekdays', days: [3, 3, 9, 1], notice_days: 2 }).days).toEqual([1, 3])
    expect(scheduleProblem({ kind: 'month_days', days: [], notice_days: 3 })).toMatch(/至少选一天/)
    expect(scheduleProblem({ kind: 'none', days: [], notice_days: 31 })).toMatch(/0到30/)
    expect(scheduleProblem({ kind: 'weekdays', days: [7], notice_days: 3 })).toBeNull()
  })
})

describe('身份证号', () => {
  it('身份证号 with its check digit, like the engine', () => {
    expect(idNumberProblem('11010519491231002x')).toBeNull()
    expect(idNumberProblem('')).toBeNull()
    expect(idNumberProblem('110105194912310021')).toMatch(/校验位/)
    expect(idNumberProblem('1101051949')).toMatch(/18位/)
  })
  it('half-width and blanks', () => {
    expect(toHalfWidth('０３７１－１２')).toBe('0371-12')
    expect(blankToNull({ a: ' x ', b: '  ', c: 3, d: null })).toEqual({ a: 'x', b: null, c: 3, d: null })
  })
})

describe('pinyin-initial filter', () => {
  const people = [
    { id: 1, name: '张三', initials: 'zs' },
    { id: 2, name: '张三丰', initials: 'zsf' },
    { id: 3, name: '李　四', initials: 'ls' },
    { id: 4, name: '王五', initials: 'ww' },
  ]
  it('matches initials, names and padded names', () => {
    expect(filterPeople(people, 'zs').map((p) => p.id)).toEqual([1, 2])
    expect(filterPeople(people, 'ZSF').map((p) => p.id)).toEqual([2])
    expect(filterPeople(people, '三丰').map((p) => p.id)).toEqual([2])
    expect(filterPeople(people, '李四').map((p) => p.id)).toEqual([3])
    expect(filterPeople(people, ' ').length).toBe(4)
    expect(filterPeople(people, '', 2).length).toBe(2)
    expect(matchesPerson({ name: '赵六', initials: null }, 'zl')).toBe(false)
  })
})

describe('helpers', () => {
  it('counts with several keys per row, in a given order', () => {
    const rows = [{ l: ['县', '乡'] }, { l: ['乡'] }, { l: [] as string[] }, { l: ['全国'] }]
    expect(countBy(rows, (r) => r.l, '未填写', ['全国', '省', '市', '县', '乡'])).toEqual([
      { name: '全国', value: 1 },
      { name: '县', value: 1 },
      { name: '乡', value: 2 },
      { name: '未填写', value: 1 },
    ])
    expect(countBy([{ d: '一' }, { d: null }, { d: '一' }], (r) => r.d)).toEqual([
      { name: '一', value: 2 },
      { name: '未填写', value: 1 },
    ])
  })
  it('formats', () => {
    expect(formatDateTime('2024-03-05T08:01:02Z')).toBe('2024-03-05 08:01')
    expect(formatDateTime(null)).toBe('—')
    expect(formatSize(1536)).toBe('1.5 KB')
    expect(formatSize(10)).toBe('10 B')
  })
  it('base64 round-trips large byte arrays', () => {
    const b = new Uint8Array(100_000).map((_, i) => i % 256)
    const s = bytesToBase64(b)
    expect(base64ToBytes(s)).toEqual(b)
    expect(bytesToBase64(new TextEncoder().encode('SQLite format 3\0'))).toBe('U1FMaXRlIGZvcm1hdCAzAA==')
  })
  it('deputy form ↔ record', () => {
    const d = {
      ...emptyDeputyInput(),
      id: 5,
      uuid: 'u',
      name: '张三',
      levels: ['县'],
      phone: '13912345678',
      station_name: 'x',
      status: '在任',
      active: true,
      initials: 'zs',
      created_at: '',
      updated_at: '',
      status_history: [],
      term_name: null,
      status_date: null,
    } as unknown as Deputy
    const i = deputyToInput(d)
    expect(Object.keys(i).sort()).toEqual(Object.keys(emptyDeputyInput()).sort())
    expect(i.name).toBe('张三')
    expect(cleanDeputyInput({ ...i, district: '  ', work_unit: ' 镇政府 ' })).toMatchObject({
      district: null,
      work_unit: '镇政府',
      levels: ['县'],
    })
  })
})

describe('registers', () => {
  it('colours a value by the tone the engine sends with it', () => {
    const stages = [
      { value: '已闭环', tone: 'success' as const },
      { value: '待反馈群众', tone: 'warning' as const },
    ]
    expect(toneOf(stages, '待反馈群众')).toBe('warning')
    expect(toneOf(stages, '已收集')).toBe('info')
    expect(toneOf(null, '已闭环')).toBe('info')
  })
  it('gives a month its days and a date its words', () => {
    expect(monthRange(2024, 2)).toEqual(['2024-02-01', '2024-02-29'])
    expect(monthRange(2026, 12)).toEqual(['2026-12-01', '2026-12-31'])
    expect(dayLabel('2024-02-06')).toBe('2月6日 周二')
  })
})

describe('namesShort', () => {
  it('cuts a long list of names with 等N人 so it fits a card', () => {
    const names = Array.from({ length: 45 }, (_, i) => `代表${i + 1}`)
    expect(namesShort(names)).toBe('代表1、代表2等45人')
    expect(namesShort(names.slice(0, 2))).toBe('代表1、代表2')
    expect(namesShort([], 2, '未设')).toBe('未设')
  })
})
