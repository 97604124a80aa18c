// Pure helpers of the 导入导出 page: where the errors sit, and the sentences shown to the user.
import type { ImportReport } from '../bindings/ImportReport'
import type { PreviewRow } from '../bindings/PreviewRow'

export const ACTION_LABEL: Record<string, string> = { add: '新增', update: '更新', unchanged: '未变', error: '出错' }
export const ACTION_TAG: Record<string, 'success' | 'warning' | 'info' | 'danger'> = {
  add: 'success',
  update: 'warning',
  unchanged: 'info',
  error: 'danger',
}

/** The messages of the errors on this row's cell under `header` ('' when the cell is fine). */
export function cellError(row: Pick<PreviewRow, 'errors'>, header: string): string {
  return row.errors
    .filter((e) => e.column !== '' && e.column === header)
    .map((e) => e.message)
    .join('；')
}

/** Errors of a row that no shown column carries (a whole-row problem, or a column not imported). */
export function rowLevelErrors(row: Pick<PreviewRow, 'errors'>, headers: string[]): string[] {
  return row.errors.filter((e) => e.column === '' || !headers.includes(e.column)).map((e) => e.message)
}

/** Rows in error (a row with several bad cells counts once). */
export function errorRowCount(r: Pick<ImportReport, 'errors' | 'rows'>): number {
  const rows = new Set(r.errors.filter((e) => e.row > 0).map((e) => `${e.sheet}|${e.row}`))
  for (const p of r.rows) if (p.action === 'error') rows.add(`${p.errors[0]?.sheet ?? ''}|${p.row}`)
  return Math.max(rows.size, r.errors.length ? 1 : 0)
}

/** 已导入：新增 6，更新 0，未变 0，跳过出错行 2 */
export function resultLine(r: Pick<ImportReport, 'added' | 'updated' | 'unchanged' | 'skipped'>): string {
  return `已导入：新增 ${r.added}，更新 ${r.updated}，未变 ${r.unchanged}，跳过出错行 ${r.skipped}`
}

/** `第9行`, or `—` for a problem of the whole sheet (row 0). */
export function rowText(row: number): string {
  return row > 0 ? `第${row}行` : '—'
}
