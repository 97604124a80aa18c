import { call } from './index'
import { fileSource } from './files'
import type { TermInput } from '../bindings/TermInput'
import type { SessionInput } from '../bindings/SessionInput'
import type { OfficeInput } from '../bindings/OfficeInput'

export const appStatus = () => call('app_status', {})
export const appStartBlank = (office: OfficeInput) => call('app_start_blank', { office })
export const officeGet = () => call('office_get', {})
export const officeSet = (o: OfficeInput) => call('office_set', o)
export const appLoadDemo = (scale: 'small' | 'large' = 'small') => call('app_load_demo', { scale })
export const metaEnums = () => call('meta_enums', {})

export const termList = () => call('term_list', {})
export const termCreate = (t: TermInput) => call('term_create', t)
export const termUpdate = (id: number, data: TermInput) => call('term_update', { id, data })
export const sessionCreate = (s: SessionInput) => call('session_create', s)
export const sessionUpdate = (id: number, data: SessionInput) => call('session_update', { id, data })

export const backupCreate = (dir?: string) => call('backup_create', dir ? { dir } : {})
export const backupList = () => call('backup_list', {})
export const backupRestorePath = (path: string) => call('backup_restore', { path })
/** Restores from a backup file the user picked (an upload in the browser, bytes in the window). */
export const backupRestoreFile = async (file: File) => call('backup_restore', await fileSource(file, 'backup_restore'))

export const auditList = (q: { kind?: string; page?: number; page_size?: number }) => call('audit_list', q)

/** How the engine reads a typed date (`date`), month (`month`, 出生年月) or phone number — the
 * same rules as the Excel import; `problem` says why a text cannot be read. */
export const parseField = (kind: 'date' | 'month' | 'phone', text: string) => call('parse_field', { kind, text })
