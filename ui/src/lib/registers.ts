// Dates of 一档四簿 on screen. Where a loop stands and how it looks are the engine's (LoopState.stage,
// StationMeta.loop_stages).

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
