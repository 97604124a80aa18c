// Pure helpers of the 导入导出 page: where the errors sit, and the sentences shown to the user.
import type { Progress } from '../bindings/Progress'
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

/** The bar's percentage: the stages 读取文件 → 检查数据 → 写入数据 fill it in turn. */
export function progressPercent(p: Pick<Progress, 'stage' | 'done' | 'total'> | null): number | null {
  if (!p || p.total <= 0) return null
  const share = Math.min(1, p.done / p.total)
  const [from, width] = p.stage === '读取文件' ? [0, 10] : p.stage === '检查数据' ? [10, 40] : [50, 50]
  return Math.round(from + share * width)
}

/** `写入数据 1200 / 100000 行` */
export function progressText(p: Pick<Progress, 'stage' | 'done' | 'total'> | null): string {
  if (!p) return '正在处理…'
  return p.stage === '读取文件' ? '正在读取文件…' : `${p.stage} ${p.done} / ${p.total} 行`
}
