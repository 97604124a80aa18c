// 上报包: make one for a period, receive the packages of the offices below, see them side by side.
import { call } from './index'
import { isTauri } from './transport'
import { base64ToBytes, downloadBytes, fileSource, pickSavePath } from './files'
import { XLSX_MIME, type Saved } from './export'
import type { PackQuery } from '../bindings/PackQuery'
import type { RecordsQuery } from '../bindings/RecordsQuery'

export const reportPreview = (q: PackQuery) => call('report_preview', q)
export const reportList = () => call('report_list', {})
export const reportSummary = (q: PackQuery) => call('report_summary', q)
export const reportRecords = (q: RecordsQuery) => call('report_records', q)
/**
 * Receives a package (a preview when `dry_run`); the file goes up again for each call. `force`: the
 * user knows the package is newer; `rename`: the same office under a new name.
 */
export const reportImport = async (file: File, choice: { dry_run: boolean; force?: boolean; rename?: boolean }) =>
  call('report_import', {
    file_name: file.name,
    ...(await fileSource(file, 'report_import')),
    dry_run: choice.dry_run,
    force: choice.force ?? false,
    rename: choice.rename ?? false,
  })

/** Makes the package and puts it where the user wants it (save dialog, or a browser download). */
export async function reportPack(q: PackQuery, defaultName: string): Promise<Saved | null> {
  if (isTauri()) {
    const path = await pickSavePath('保存上报包', defaultName, ['xlsx'], 'Excel 工作簿')
    if (!path) return null
    const r = await call('report_pack', { ...q, path })
    return { path: r.path ?? path, fileName: r.file_name }
  }
  const r = await call('report_pack', q)
  if (r.bytes_base64) downloadBytes(r.file_name, base64ToBytes(r.bytes_base64), XLSX_MIME)
  return { path: null, fileName: r.file_name }
}
/** 民生实事项目 figures of a year: 本级, each office below, 合计 (DOMAIN.md §5.6). */
export const projectFigures = (year: number) => call('project_figures', { year })
