import { call, compact } from './index'
import type { Deputy } from '../bindings/Deputy'
import type { DeputyInput } from '../bindings/DeputyInput'
import type { DeputyQuery } from '../bindings/DeputyQuery'
import type { DeputyRow } from '../bindings/DeputyRow'
import type { Page } from '../bindings/Page'
import type { DeputyChoice } from '../bindings/DeputyChoice'
import type { DeputyFigures } from '../bindings/DeputyFigures'

export const listDeputies = (q: Partial<DeputyQuery>) => call<Page<DeputyRow>>('deputy_list', compact(q))
export const getDeputy = (id: number) => call<Deputy>('deputy_get', { id })
export const createDeputy = (data: DeputyInput) => call<Deputy>('deputy_create', data)
export const updateDeputy = (id: number, data: DeputyInput) => call<Deputy>('deputy_update', { id, data })
export const setDeputyStatus = (id: number, status: string, date: string, note?: string) =>
  call<Deputy>('deputy_set_status', note ? { id, status, date, note } : { id, status, date })
export const deactivateDeputy = (id: number) => call<Deputy>('deputy_deactivate', { id })
export const reactivateDeputy = (id: number) => call<Deputy>('deputy_reactivate', { id })

/** A picker's search: at most `limit` deputies by name or pinyin initials, after the chosen `ids`. */
export const searchDeputies = (a: { q?: string; limit?: number; ids?: number[]; station_id?: number; include_inactive?: boolean }) =>
  call<DeputyChoice[]>('deputy_search', compact(a))
/** The active deputies per level and per 选区, counted by the engine. */
export const deputyFigures = () => call<DeputyFigures>('deputy_figures')
