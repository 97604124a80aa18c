// 导出Excel and templates: the engine writes exactly the rows a list shows (its filters, search and
// sort; every page) and names the file. In the desktop window the save dialog asks where (offering
// the engine's name), and the engine writes the file there; in the browser the bytes come back and
// are offered as a download under the engine's name.
import { call } from './index'
import { isTauri } from './transport'
import { base64ToBytes, downloadBytes, pickSavePath } from './files'
import type { ExcelMeta } from '../bindings/ExcelMeta'
import type { ExportRequest } from '../bindings/ExportRequest'
import type { ExportResult } from '../bindings/ExportResult'
import type { ImportKind } from '../bindings/ImportKind'
import type { TemplateArgs } from '../bindings/TemplateArgs'

export type { ExportRequest }

let meta: Promise<ExcelMeta> | null = null
/** Every import and export kind with its title, as the engine's areas declare them (asked once). */
export function excelMeta(): Promise<ExcelMeta> {
  meta ??= call('excel_meta', {}).catch((e) => {
    meta = null
    throw e
  })
  return meta
}

/** The title the engine's files of export kind `kind` are named by. */
export async function exportTitle(kind: ExportRequest['kind']): Promise<string> {
  return (await excelMeta()).exports.find((k) => k.key === kind)?.title ?? kind
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Where a saved export ended up: a path (window) or a downloaded file name (browser). */
export interface Saved {
  path: string | null
  fileName: string
}

/**
 * Puts a workbook where the user wants it. `run` makes it — written to `path` when one is given
 * (the window), else handed back as bytes (the browser, offered as a download). `name` is the
 * engine's file name, asked first in the window for the save dialog. Null when the user cancelled.
 */
async function save(
  dialogTitle: (name: string) => string,
  name: () => Promise<string>,
  run: (path?: string) => Promise<ExportResult>,
): Promise<Saved | null> {
  if (isTauri()) {
    const suggested = await name()
    const path = await pickSavePath(dialogTitle(suggested), suggested, ['xlsx'], 'Excel 工作簿')
    if (!path) return null
    const r = await run(path)
    return { path: r.path ?? path, fileName: r.file_name }
  }
  const r = await run()
  if (!r.bytes_base64) return { path: r.path, fileName: r.file_name }
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

/** Export one list (代表名册 / 承办单位 …) exactly as shown: its kind with the list's query. The
 * save dialog is titled by the engine's file name without its date. */
export function exportList(request: ExportRequest, upward = false): Promise<Saved | null> {
  const args = { ...request, query: exportQuery(request.query), ...(upward ? { upward } : {}) } as ExportRequest & {
    upward?: boolean
  }
  return save(
    (name) => `导出${name.replace(/-\d{8}\.xlsx$/, '')}`,
    () => call('export_name', args),
    (path) => call('export_list', path ? { ...args, path } : args),
  )
}

/** The blank import template of a kind, with its drop-down lists (a register's of one book, a
 * ballots one may be the 计票表 of an evaluation). */
export function templateGet(
  kind: ImportKind,
  opts: { book?: string; evaluationId?: number } = {},
): Promise<Saved | null> {
  const args: TemplateArgs = {
    kind,
    ...(opts.book ? { book: opts.book } : {}),
    ...(opts.evaluationId ? { evaluation_id: opts.evaluationId } : {}),
  }
  return save(
    () => '保存导入模板',
    async () => (await call('template_get', args)).file_name,
    (path) => call('template_get', path ? { ...args, path } : args),
  )
}

/** The toast after an export. */
export function savedMessage(s: Saved): string {
  return s.path ? `已导出到 ${s.path}` : `已下载 ${s.fileName}（在浏览器的“下载”中查看）`
}
