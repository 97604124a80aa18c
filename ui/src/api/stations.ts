import { call, compact } from './index'
import type { StationInput } from '../bindings/StationInput'
import type { StationQuery } from '../bindings/StationQuery'

export const listStations = (q: Partial<StationQuery>) => call('station_list', compact(q))
export const getStation = (id: number) => call('station_get', { id })
export const createStation = (data: StationInput) => call('station_create', data)
export const updateStation = (id: number, data: StationInput) => call('station_update', { id, data })
export const deactivateStation = (id: number) => call('station_deactivate', { id })
export const reactivateStation = (id: number) => call('station_reactivate', { id })
