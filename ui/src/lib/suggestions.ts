// 代表建议: display rules and the step forms, shared by the ledger, the detail page and 工作台.
import type { SuggestionSettings } from '../bindings/SuggestionSettings'

import type { Reminders } from '../bindings/Reminders'
import type { Step } from '../bindings/Step'
import type { StepRequest } from '../bindings/StepRequest'

/** A ratio as DOMAIN.md §1.3 prints it: one decimal, `98.4%`; none (over zero items) → `—`, never NaN. */
export function formatRate(r: number | null | undefined): string {
  if (r === null || r === undefined || !Number.isFinite(r)) return '—'
  return `${(Math.round(r * 1000) / 10).toFixed(1)}%`
}

/** 剩余天数 as words: `剩 5 天`, `今天到期`, `逾期 3 天`; nothing when no reply is awaited. */
export function daysText(days: number | null | undefined): string {
  if (days === null || days === undefined) return '—'
  if (days > 0) return `剩 ${days} 天`
  if (days === 0) return '今天到期'
  return `逾期 ${-days} 天`
}

/** A kind of reminder: the list of `Reminders` that holds it (the engine sends the kinds in order). */
export type ReminderKey = Exclude<keyof Reminders, 'kinds'>

/** What a reminder's date/days mean, per group. */
export function reminderDays(key: ReminderKey, days: number | null): string {
  if (days === null) return ''
  switch (key) {
    case 'awaiting_rating':
      return days < 0 ? `已答复 ${-days} 天` : ''
    case 'followup_due':
    case 'co_opinion_due':
      return days < 0 ? `超期 ${-days} 天` : days === 0 ? '今天' : `${days} 天后`
    default:
      return daysText(days)
  }
}

// ---------------------------------------------------------------- step forms

export type FieldKind = 'text' | 'textarea' | 'date' | 'select' | 'multi' | 'switch' | 'unit' | 'units' | 'suggestion'
/** Where a select's options come from (meta / settings / fixed). */
export type OptionSource = 'classes' | 'ratings' | 'adoptions' | 'stages' | 'forms' | 'followup' | 'numbers'
export type StepAction = Step['action']

/** How a field of a step's form looks; what it must hold is the engine's to say (`Step`). */
export interface StepField {
  key: string
  label: string
  kind: FieldKind
  options?: OptionSource
  placeholder?: string
  /** Shown only when another field is truthy (督办领导 when 重点). */
  showIf?: string
  full?: boolean
}

export interface StepForm {
  /** Label of the step's own date. */
  dateLabel: string
  fields: StepField[]
  /** Dialog width. */
  wide?: boolean
  /** A line under the form; the deadlines in it are the office's settings, as the engine sends them. */
  hint?: string | ((s: SuggestionSettings) => string)
}

const note = (label: string, placeholder = ''): StepField => ({
  key: 'note',
  label,
  kind: 'textarea',
  placeholder,
  full: true,
})

/** The form of each action the engine's `Step` has (a missing one is a type error). */
export const STEP_FORMS: Record<StepAction, StepForm> = {
  review_pass: {
    dateLabel: '审查日期',
    fields: [
      // shown at the last review level when numbers of the session were freed
      { key: 'number', label: '立案编号', kind: 'select', options: 'numbers', placeholder: '按顺序编号' },
      note('审查意见'),
    ],
  },
  review_return: { dateLabel: '退回日期', fields: [note('退回理由', '如 内容过于笼统，请补充具体问题和建议')] },
  resubmit: { dateLabel: '重新提交日期', fields: [note('修改说明')] },
  reject: { dateLabel: '决定日期', fields: [note('不予立案理由', '如 不属于本级人大职权范围，转为来信处理')] },
  merge: {
    dateLabel: '并案日期',
    fields: [
      {
        key: 'target_id',
        label: '并入建议',
        kind: 'suggestion',
        placeholder: '输入编号或案由中的字词查找',
        full: true,
      },
      note('说明'),
    ],
  },
  withdraw: { dateLabel: '撤回日期', fields: [note('撤回说明', '代表书面申请撤回')] },
  assign: {
    dateLabel: '交办日期',
    wide: true,
    hint: (s) =>
      `要求答复日期不填时按规则自动计算：交办后${s.reply_months}个月；涉及面广、处理难度大的${s.wide_reply_months}个月。`,
    fields: [
      { key: 'main_unit_id', label: '主办单位', kind: 'unit', full: true },
      { key: 'co_unit_ids', label: '协办单位', kind: 'units', full: true },
      { key: 'wide_ranging', label: '涉及面广', kind: 'switch' },
      { key: 'key_item', label: '重点督办', kind: 'switch' },
      { key: 'supervisor', label: '督办领导', kind: 'text', showIf: 'key_item' },
      { key: 'due_date', label: '要求答复', kind: 'date', placeholder: '按规则自动计算' },
    ],
  },
  return_request: { dateLabel: '申请日期', fields: [note('退回理由', '如 不属于本单位职责，建议改由××局办理')] },
  contact: {
    dateLabel: '联系日期',
    fields: [
      { key: 'stage', label: '阶段', kind: 'select', options: 'stages' },
      { key: 'form', label: '方式', kind: 'select', options: 'forms' },
      note('沟通情况'),
    ],
  },
  urge: { dateLabel: '催办日期', fields: [note('催办情况')] },
  extend: {
    dateLabel: '批准日期',
    fields: [{ key: 'new_due_date', label: '延至', kind: 'date' }, note('延期理由')],
  },
  reply: {
    dateLabel: '答复日期',
    wide: true,
    fields: [
      { key: 'class', label: '答复类别', kind: 'select', options: 'classes', full: true },
      { key: 'doc_no', label: '答复文号', kind: 'text', placeholder: '如 ×政办函〔2026〕20号' },
      { key: 'signer', label: '签发人', kind: 'text' },
      { key: 'done_items', label: '已落实事项', kind: 'textarea', full: true },
      { key: 'planned_items', label: '计划落实事项', kind: 'textarea', full: true },
      { key: 'planned_deadline', label: '落实时限', kind: 'date' },
      { key: 'not_adopted_reason', label: '未采纳理由', kind: 'text' },
      { key: 'text', label: '答复全文', kind: 'textarea', full: true },
    ],
  },
  rate: {
    dateLabel: '征询日期',
    hint: '办理结果「不满意」时建议转入不满意，可安排重办；B、C类答复满意后转入跟踪落实。',
    fields: [
      { key: 'work_rating', label: '办理工作', kind: 'select', options: 'ratings' },
      { key: 'result_rating', label: '办理结果', kind: 'select', options: 'ratings' },
      { key: 'adoption', label: '采纳情况', kind: 'select', options: 'adoptions' },
      note('代表意见'),
    ],
  },
  rehandle: {
    dateLabel: '重办日期',
    hint: (s) => `要求答复日期不填时按规则自动计算（重办期限${s.rehandle_months}个月）。`,
    fields: [{ key: 'due_date', label: '要求答复', kind: 'date', placeholder: '按规则自动计算' }, note('说明')],
  },
  followup: {
    dateLabel: '检查日期',
    fields: [{ key: 'kind', label: '类型', kind: 'select', options: 'followup' }, note('检查情况')],
  },
  complete: { dateLabel: '落实完毕日期', fields: [note('说明')] },
}

export const FOLLOWUP_KINDS = ['回头看', '二次验收']

export function isStepAction(action: string): action is StepAction {
  return Object.prototype.hasOwnProperty.call(STEP_FORMS, action)
}

/** The form of an action; an action this UI does not know gets a date and a note. */
export function stepForm(action: string): StepForm {
  return isStepAction(action) ? STEP_FORMS[action] : { dateLabel: '日期', fields: [note('说明')] }
}

/** Initial values of a step form (date today, switches off, lists empty). */
export function emptyStepValues(action: string, date: string): Record<string, unknown> {
  const v: Record<string, unknown> = { date }
  for (const f of stepForm(action).fields) {
    if (f.kind === 'switch') v[f.key] = false
    else if (f.kind === 'units' || f.kind === 'multi') v[f.key] = []
    else v[f.key] = f.key === 'kind' && action === 'followup' ? FOLLOWUP_KINDS[0] : null
  }
  return v
}

/** A text as sent: trimmed; a required one is sent empty when not filled, so the engine says so beside it. */
const text = (x: unknown): string => (typeof x === 'string' ? x.trim() : typeof x === 'number' ? String(x) : '')
/** An optional text: left out when empty. */
const opt = (x: unknown): string | undefined => text(x) || undefined
/** A chosen record's id; 0 when none is chosen (the engine asks for one). */
const id = (x: unknown): number => (typeof x === 'number' ? x : 0)
const ids = (x: unknown): number[] => (Array.isArray(x) ? x.filter((n): n is number => typeof n === 'number') : [])

/** The step of a form's values, as the engine's `Step` has it. */
export function buildStep(action: StepAction, v: Record<string, unknown>): Step {
  switch (action) {
    case 'review_pass':
      return { action, note: opt(v.note), number: typeof v.number === 'number' ? v.number : undefined }
    case 'resubmit':
    case 'withdraw':
    case 'urge':
    case 'complete':
      return { action, note: opt(v.note) }
    case 'review_return':
    case 'reject':
    case 'return_request':
      return { action, note: text(v.note) }
    case 'merge':
      return { action, target_id: id(v.target_id), note: opt(v.note) }
    case 'assign':
      return {
        action,
        main_unit_id: id(v.main_unit_id),
        co_unit_ids: ids(v.co_unit_ids),
        wide_ranging: v.wide_ranging === true,
        key_item: v.key_item === true,
        supervisor: v.key_item === true ? opt(v.supervisor) : undefined,
        due_date: opt(v.due_date),
      }
    case 'contact':
      return { action, stage: opt(v.stage), form: text(v.form), note: opt(v.note) }
    case 'extend':
      return { action, new_due_date: text(v.new_due_date), note: text(v.note) }
    case 'reply':
      return {
        action,
        class: text(v.class),
        doc_no: opt(v.doc_no),
        signer: opt(v.signer),
        done_items: opt(v.done_items),
        planned_items: opt(v.planned_items),
        planned_deadline: opt(v.planned_deadline),
        not_adopted_reason: opt(v.not_adopted_reason),
        text: opt(v.text),
      }
    case 'rate':
      return {
        action,
        work_rating: text(v.work_rating),
        result_rating: text(v.result_rating),
        adoption: opt(v.adoption),
        note: opt(v.note),
      }
    case 'rehandle':
      return { action, due_date: opt(v.due_date), note: opt(v.note) }
    case 'followup':
      return { action, kind: opt(v.kind), note: text(v.note) }
  }
}

/** The request of a step: the suggestion, the step's date (the engine takes today when none), the step. */
export function stepRequest(id: number, action: StepAction, v: Record<string, unknown>): StepRequest {
  return { id, date: opt(v.date), ...buildStep(action, v) }
}

/**
 * Axis labels for unit names: when every name starts with the same place name (`清河县…`),
 * that prefix is dropped so the bars get the room; tooltips keep the full name.
 */
export function shortUnitNames(names: string[]): string[] {
  if (names.length < 2) return names
  let p = names[0]
  for (const n of names) while (p && !n.startsWith(p)) p = p.slice(0, -1)
  const cut = p.search(/[县市区]/)
  if (cut < 1) return names
  return names.map((n) => (n.length > cut + 2 ? n.slice(cut + 1) : n))
}

/** `清河县第十八届人民代表大会第三次会议` → `第十八届第三次会议` (fits a form field). */
export function shortSessionName(termName: string, sessionName: string): string {
  const rest = sessionName.startsWith(termName) ? sessionName.slice(termName.length) : sessionName
  const term = /第[一二三四五六七八九十百零〇\d]+届/.exec(termName)?.[0] ?? ''
  return rest === sessionName ? sessionName : `${term}${rest}`
}
