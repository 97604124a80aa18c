import { call, compact } from './index'
import type { DeputyInput } from '../bindings/DeputyInput'
import type { DeputyQuery } from '../bindings/DeputyQuery'
import type { DeputySearch } from '../bindings/DeputySearch'

export const listDeputies = (q: Partial<DeputyQuery>) => call('deputy_list', compact(q))
export const getDeputy = (id: number) => call('deputy_get', { id })
export const createDeputy = (data: DeputyInput) => call('deputy_create', data)
export const updateDeputy = (id: number, data: DeputyInput) => call('deputy_update', { id, data })
export const setDeputyStatus = (id: number, status: string, date: string, note?: string) =>
  call('deputy_set_status', { id, status, date, note: note || null })
export const deactivateDeputy = (id: number) => call('deputy_deactivate', { id })
export const reactivateDeputy = (id: number) => call('deputy_reactivate', { id })

/** A picker's search: at most `limit` deputies by name or pinyin initials, after the chosen `ids`. */
export const searchDeputies = (a: DeputySearch) => call('deputy_search', compact(a))
/** The active deputies per level and per 选区, counted by the engine. */
export const deputyFigures = () => call('deputy_figures', {})
