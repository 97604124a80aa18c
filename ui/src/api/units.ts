import { call, compact } from './index'
import type { UnitInput } from '../bindings/UnitInput'
import type { UnitQuery } from '../bindings/UnitQuery'

export const listUnits = (q: Partial<UnitQuery>) => call('unit_list', compact(q))
export const createUnit = (data: UnitInput) => call('unit_create', data)
export const updateUnit = (id: number, data: UnitInput) => call('unit_update', { id, data })
export const deactivateUnit = (id: number) => call('unit_deactivate', { id })
export const reactivateUnit = (id: number) => call('unit_reactivate', { id })
