/** Something with a name and its pinyin initials (`张三丰` → `zsf`), as the engine sends them. */
export interface Named {
  name: string
  initials?: string | null
}

/** Drops spaces (incl. the full-width padding of `张　三`) and lower-cases. */
export function normalizeQuery(q: string): string {
  return q.replace(/[\s\u3000]/g, '').toLowerCase()
}

/**
 * Local filter for pickers: a query matches the name (any part) or the pinyin initials
 * (prefix or any part), so `zs` finds 张三 and `sf` finds 张三丰.
 */
export function matchesPerson(p: Named, query: string): boolean {
  const q = normalizeQuery(query)
  if (!q) return true
  const name = normalizeQuery(p.name)
  if (name.includes(q)) return true
  const ini = (p.initials ?? '').toLowerCase()
  return ini !== '' && ini.includes(q)
}

export function filterPeople<T extends Named>(list: T[], query: string, limit = 200): T[] {
  const out: T[] = []
  for (const p of list) {
    if (matchesPerson(p, query)) {
      out.push(p)
      if (out.length >= limit) break
    }
  }
  return out
}

/** A list of names cut to fit a card: the first `shown`, then the count (「张三、李四等45人」). */
export function namesShort(names: string[], shown = 2, none = '未设驻站代表'): string {
  if (!names.length) return none
  return names.length <= shown ? names.join('、') : `${names.slice(0, shown).join('、')}等${names.length}人`
}
