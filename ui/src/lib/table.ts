/** A column of a `DataTable`. Its cells are the table's slot `cell-<key>` when the page gives one,
 * else the row's field `key` as text. */
export interface Column {
  key: string
  label: string
  /** a fixed width in px; a column without one shares the width left over, `minWidth` at least */
  width?: number
  minWidth?: number
  align?: 'center' | 'right'
  /** kept to one line and cut with …; the whole text shows when the pointer rests on it */
  ellipsis?: boolean
  /** stays in view when the table scrolls sideways (give such a column a `width`) */
  fixed?: 'left' | 'right'
}

/** Each sticky column's offset from its side of the table, in px (`undefined` for the others). */
export function stickyOffsets(columns: readonly Column[]): (number | undefined)[] {
  const out: (number | undefined)[] = columns.map(() => undefined)
  let left = 0
  columns.forEach((c, i) => {
    if (c.fixed !== 'left') return
    out[i] = left
    left += c.width ?? 0
  })
  let right = 0
  for (let i = columns.length - 1; i >= 0; i--) {
    if (columns[i].fixed !== 'right') continue
    out[i] = right
    right += columns[i].width ?? 0
  }
  return out
}

/** The narrowest the table may be before it scrolls sideways. */
export const tableMinWidth = (columns: readonly Column[]) =>
  columns.reduce((w, c) => w + (c.width ?? c.minWidth ?? 80), 0)
