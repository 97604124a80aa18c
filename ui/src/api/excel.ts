// Excel in: import with a preview first, the import log, and the office
// settings printed on every report. The file reaches the engine through `fileSource` (an upload in
// the browser, bytes in the window). Exports and templates: ./export.ts.
import { call, currentTransport } from './index'
import type { Progress } from '../bindings/Progress'
import { fileSource } from './files'
import type { Settings } from '../bindings/Settings'
import type { ImportKind } from '../bindings/ImportKind'

export type { ImportKind }

export const settingsGet = () => call('settings_get', {})
export const settingsSet = (s: Settings) => call('settings_set', s)
export const importLog = () => call('import_log', {})

/** `import_file`: a preview when `dryRun`, else the write (one transaction, backup first). */
export async function importFile(
  kind: ImportKind,
  file: File,
  opts: {
    dryRun: boolean
    skipInvalid?: boolean
    stationId?: number
    book?: string
    sessionId?: number
    evaluationId?: number
    /** a dated report (进度表): the date of rows without a 日期 column */
    date?: string
    defaultLevel?: string
    excludedSheets?: string[]
  },
) {
  return call('import_file', {
    kind,
    file_name: file.name,
    ...(await fileSource(file, 'import_file')),
    options: {
      dry_run: opts.dryRun,
      skip_invalid: !!opts.skipInvalid,
      ...(opts.defaultLevel ? { default_level: opts.defaultLevel } : {}),
      excluded_sheets: opts.excludedSheets ?? [],
    },
    // what the kind needs (`excel_meta`): the page sends only what it asked for
    ...(opts.stationId !== undefined ? { station_id: opts.stationId, book: opts.book } : {}),
    ...(opts.sessionId ? { session_id: opts.sessionId } : {}),
    ...(opts.evaluationId !== undefined ? { evaluation_id: opts.evaluationId } : {}),
    ...(opts.date ? { date: opts.date } : {}),
  })
}

/** Follows the engine's progress while a long import runs; call the result to stop. */
export function followProgress(cb: (p: Progress) => void): () => void {
  return currentTransport().onProgress(cb)
}
