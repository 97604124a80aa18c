// Words and colours of 一档四簿 on screen. Where a loop stands is the engine's (LoopState.stage);
// this only chooses how it looks.

/** 已闭环 green, waiting on the secretary orange, under way blue, just collected grey. */
export function loopTagType(stage: string): 'success' | 'warning' | 'primary' | 'info' | 'danger' {
  switch (stage) {
    case '已闭环':
    case '当场答复':
      return 'success'
    case '待反馈群众':
      return 'warning'
    case '建议办理中':
    case '已转交':
    case '已形成意见':
      return 'primary'
    default:
      return 'info'
  }
}

/** The first and last day of a month, `YYYY-MM-DD`. */
export function monthRange(year: number, month: number): [string, string] {
  const p = (n: number) => String(n).padStart(2, '0')
  const last = new Date(year, month, 0).getDate()
  return [`${year}-${p(month)}-01`, `${year}-${p(month)}-${p(last)}`]
}

/** 2024-02-06 → 2月6日 周二 */
export function dayLabel(date: string): string {
  const d = new Date(`${date}T00:00:00`)
  return `${d.getMonth() + 1}月${d.getDate()}日 周${'日一二三四五六'[d.getDay()]}`
}
