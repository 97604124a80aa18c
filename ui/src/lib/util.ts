import type { Tone } from '../bindings/Tone'

/**
 * The tag type of a value from a list the engine sends with each value's tone (a state, a
 * rating, a loop stage …); a value the list lacks (or before the list is loaded) is grey.
 */
export function toneOf(
  list: readonly { value: string; tone: Tone }[] | null | undefined,
  value: string | null | undefined,
): Tone {
  return list?.find((x) => x.value === value)?.tone ?? 'info'
}

/** Calls `fn` once the calls have paused for `ms`. */
export function debounce<A extends unknown[]>(fn: (...a: A) => void, ms = 300) {
  let t: ReturnType<typeof setTimeout> | null = null
  const d = (...a: A) => {
    if (t) clearTimeout(t)
    t = setTimeout(() => {
      t = null
      fn(...a)
    }, ms)
  }
  d.cancel = () => {
    if (t) clearTimeout(t)
    t = null
  }
  return d
}

/**
 * Counts rows by a key; a row may give several keys (a deputy holding 县 and 乡 levels counts in
 * both). Empty keys go under `other`. Order: `order` first (if given), then by count desc.
 */
export function countBy<T>(
  rows: T[],
  key: (r: T) => string | string[] | null | undefined,
  other = '未填写',
  order?: readonly string[],
): { name: string; value: number }[] {
  const m = new Map<string, number>()
  for (const r of rows) {
    const k = key(r)
    const ks = Array.isArray(k) ? (k.length ? k : [other]) : [k && k.trim() ? k.trim() : other]
    for (const x of ks) m.set(x, (m.get(x) ?? 0) + 1)
  }
  const out = [...m.entries()].map(([name, value]) => ({ name, value }))
  const pos = (n: string) => (order ? (order.indexOf(n) === -1 ? order.length : order.indexOf(n)) : 0)
  out.sort((a, b) => pos(a.name) - pos(b.name) || b.value - a.value || a.name.localeCompare(b.name, 'zh-CN'))
  return out
}

/** `2024-03-05T08:01:02…` → `2024-03-05 08:01` */
export function formatDateTime(s: string | null | undefined): string {
  if (!s) return '—'
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(s)
  return m ? `${m[1]} ${m[2]}` : s
}

export function today(): string {
  const d = new Date()
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}
