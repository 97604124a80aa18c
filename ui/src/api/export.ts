// 导出Excel and templates: the engine writes exactly the rows a list shows (its filters, search and
// sort; every page). In the desktop window the save dialog asks where, and the engine writes the
// file there; in the browser the bytes come back and are offered as a download.
import { call } from './index'
import { isTauri } from './transport'
import { base64ToBytes, downloadBytes, pickSavePath } from './files'
import type { ExportArgs } from '../bindings/ExportArgs'
import type { ExportResult } from '../bindings/ExportResult'

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** `YYYYMMDD` of today, as the engine names its files. */
export function today8(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}`
}

/** Where a saved export ended up: a path (window) or a downloaded file name (browser). */
export interface Saved {
  path: string | null
  fileName: string
}

/**
 * Runs `export_list` / `template_get` and puts the workbook where the user wants it: in the window
 * the save dialog asks for a path and the engine writes there; in the browser the bytes come back
 * and are offered as a download. Resolves to null when the user cancelled the dialog.
 */
export async function saveWorkbook(
  command: 'export_list' | 'template_get',
  args: ExportArgs,
  defaultName: string,
  dialogTitle = '导出到…',
): Promise<Saved | null> {
  if (isTauri()) {
    const path = await pickSavePath(dialogTitle, defaultName, ['xlsx'], 'Excel 工作簿')
    if (!path) return null
    const r = await call<ExportResult>(command, { ...args, path })
    return { path: r.path ?? path, fileName: r.file_name }
  }
  const r = await call<ExportResult>(command, args)
  if (!r.bytes_base64) return { path: r.path, fileName: r.file_name }
  // The engine names the file (a 上报 copy and a one-suggestion form carry their own tag).
  downloadBytes(r.file_name, base64ToBytes(r.bytes_base64), XLSX_MIME)
  return { path: null, fileName: r.file_name }
}

/** Drops paging from a list query: an export holds every matching row, in the list's order. */
export function exportQuery<T extends object>(q: T): Omit<T, 'page' | 'page_size'> {
  const out = { ...q } as T & { page?: unknown; page_size?: unknown }
  delete out.page
  delete out.page_size
  return out
}

/** Export one list (代表名册 / 承办单位 …) exactly as shown. */
export function exportList(kind: string, title: string, query: object, upward = false): Promise<Saved | null> {
  const name = `${title}${upward ? '（上报）' : ''}-${today8()}.xlsx`
  return saveWorkbook('export_list', { kind, query: exportQuery(query), ...(upward ? { upward } : {}) }, name, `导出${title}`)
}

/** The blank import template of a kind, with its drop-down lists. */
export function templateGet(kind: string, title: string, query?: object): Promise<Saved | null> {
  return saveWorkbook('template_get', { kind, ...(query ? { query } : {}) }, `${title}导入模板.xlsx`, '保存导入模板')
}

/** The toast after an export. */
export function savedMessage(s: Saved): string {
  return s.path ? `已导出到 ${s.path}` : `已下载 ${s.fileName}（在浏览器的“下载”中查看）`
}
