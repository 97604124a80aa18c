import type { Schedule } from '../bindings/Schedule'

export const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'] as const
const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九']

export function defaultSchedule(): Schedule {
  return { kind: 'none', days: [], notice_days: 3 }
}

/** Sorted, unique, within range for the kind (1..31 days of month, 1..7 weekdays). */
export function normalizeSchedule(s: Schedule): Schedule {
  const max = s.kind === 'month_days' ? 31 : s.kind === 'weekdays' ? 7 : 0
  const days = [...new Set(s.days)].filter((d) => Number.isInteger(d) && d >= 1 && d <= max).sort((a, b) => a - b)
  const notice = Number.isFinite(s.notice_days) ? Math.max(0, Math.round(s.notice_days)) : 3
  return { kind: s.kind, days, notice_days: notice }
}

/**
 * The rule in words, for the form's preview. Mirrors `Schedule::describe` in the engine, which
 * remains the source of `schedule_text` in every list.
 */
export function describeSchedule(s: Schedule): string {
  const n = normalizeSchedule(s)
  const notice = n.notice_days > 0 ? `，提前${n.notice_days}天公告` : ''
  if (n.kind === 'month_days' && n.days.length) {
    let t = '每月' + n.days.map((d) => `${d}日`).join('、')
    if (n.days.length > 1) {
      const last = n.days[0] % 10
      if (last !== 0 && n.days.every((d) => d % 10 === last)) t += `（逢${CN_DIGITS[last]}进站）`
    }
    return t + notice
  }
  if (n.kind === 'weekdays' && n.days.length) {
    return '每' + n.days.map((d) => `周${WEEKDAYS[d - 1]}`).join('、') + notice
  }
  return '无固定接待日'
}

/** A problem the engine would refuse, said the same way; null when fine. */
export function scheduleProblem(s: Schedule): string | null {
  if (s.kind === 'month_days' && (!s.days.length || s.days.some((d) => d < 1 || d > 31)))
    return '每月接待日应在1日到31日之间，至少选一天'
  if (s.kind === 'weekdays' && (!s.days.length || s.days.some((d) => d < 1 || d > 7)))
    return '每周接待日应在周一到周日之间，至少选一天'
  if (!(s.notice_days >= 0 && s.notice_days <= 30)) return '提前公告天数应在0到30天之间'
  return null
}
