import { call, compact } from './index'
import type { Station } from '../bindings/Station'
import type { StationInput } from '../bindings/StationInput'
import type { StationQuery } from '../bindings/StationQuery'
import type { Page } from '../bindings/Page'

export const listStations = (q: Partial<StationQuery>) => call<Page<Station>>('station_list', compact(q))
export const getStation = (id: number) => call<Station>('station_get', { id })
export const createStation = (data: StationInput) => call<Station>('station_create', data)
export const updateStation = (id: number, data: StationInput) => call<Station>('station_update', { id, data })
export const deactivateStation = (id: number) => call<Station>('station_deactivate', { id })
export const reactivateStation = (id: number) => call<Station>('station_reactivate', { id })
