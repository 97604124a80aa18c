// 联络站 一档四簿: the archive, the four registers, the loop, figures, calendar.
import { call, compact } from './index'
import { fileSource } from './files'
import type { EntryInput } from '../bindings/EntryInput'
import type { EntryQuery } from '../bindings/EntryQuery'
import type { ArchiveInput } from '../bindings/ArchiveInput'
import type { PeriodQuery } from '../bindings/PeriodQuery'
import type { ToSuggestionArgs } from '../bindings/ToSuggestionArgs'

export type Book = 'activity' | 'contact' | 'report' | 'opinion'

export const stationMeta = () => call('station_meta', {})
export const listEntries = (q: EntryQuery) => call('entry_list', compact(q))
export const getEntry = (id: number) => call('entry_get', { id })
export const createEntry = (data: EntryInput) => call('entry_create', data)
export const updateEntry = (id: number, data: EntryInput) => call('entry_update', { id, data })
export const removeEntry = (id: number) => call('entry_remove', { id })
export const contactToOpinion = (id: number, form?: string) => call('contact_to_opinion', compact({ id, form }))
export const opinionSuggestionDraft = (opinionId: number) => call('opinion_suggestion_draft', { id: opinionId })
export const opinionToSuggestion = (a: ToSuggestionArgs) => call('opinion_to_suggestion', compact(a))
export const stationFigures = (q: PeriodQuery) => call('station_figures', compact(q))
export const receptionCalendar = (from: string, to: string, stationId?: number) =>
  call('reception_calendar', compact({ station_id: stationId, from, to }))
export const stationReminders = () => call('station_reminders', {})

export const listArchive = (stationId: number) => call('archive_list', { id: stationId })
export const createArchive = (data: ArchiveInput) => call('archive_create', data)
export const updateArchive = (id: number, data: ArchiveInput) => call('archive_update', { id, data })
export const removeArchive = (id: number) => call('archive_remove', { id })
export const addAttachment = async (ownerKind: 'archive' | 'register', ownerId: number, file: File) =>
  call('attachment_add', {
    owner_kind: ownerKind,
    owner_id: ownerId,
    file_name: file.name,
    ...(await fileSource(file, 'attachment_add')),
  })
export const getAttachment = (id: number) => call('attachment_get', { id })
