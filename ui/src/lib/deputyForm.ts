import type { Deputy } from '../bindings/Deputy'
import type { DeputyInput } from '../bindings/DeputyInput'
import { blankToNull } from './validate'

export function emptyDeputyInput(): DeputyInput {
  return {
    name: '',
    gender: null,
    ethnicity: null,
    birth_month: null,
    political: null,
    education: null,
    work_unit: null,
    card_no: null,
    id_number: null,
    levels: [],
    district: null,
    delegation: null,
    sector_group: null,
    phone: null,
    address: null,
    note: null,
    station_id: null,
    term_id: null,
  }
}

/** The editable fields of a stored deputy. */
export function deputyToInput(d: Deputy): DeputyInput {
  const e = emptyDeputyInput()
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(e))
    out[k] = (d as unknown as Record<string, unknown>)[k] ?? (k === 'levels' ? [] : k === 'name' ? '' : null)
  out.levels = [...d.levels]
  return out as DeputyInput
}

/** What the form sends: trimmed strings, blanks as null, `name` never null. */
export function cleanDeputyInput(f: DeputyInput): DeputyInput {
  const c = blankToNull(f)
  return { ...c, name: (f.name ?? '').trim(), levels: [...f.levels] }
}
