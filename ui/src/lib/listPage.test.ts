import { describe, expect, it } from 'vitest'
import { queryFromState, stateFromQuery } from './listPage'

describe('a list in the URL', () => {
  const defaults = {
    q: '',
    sort: 'number',
    unit_id: null as number | null,
    include_inactive: false,
    page: 1,
    page_size: 20,
  }
  it('writes only what differs from the defaults', () => {
    expect(queryFromState(defaults, { ...defaults, page: 3, sort: 'unit', unit_id: 7 })).toEqual({
      page: '3',
      sort: 'unit',
      unit_id: '7',
    })
    expect(queryFromState(defaults, defaults)).toEqual({})
  })
  it('reads it back with the types of the defaults', () => {
    expect(
      stateFromQuery(defaults, { page: '3', sort: 'unit', unit_id: '7', include_inactive: 'true', other: 'x' }),
    ).toEqual({ page: 3, sort: 'unit', unit_id: 7, include_inactive: true })
    expect(stateFromQuery(defaults, { page: 'abc' })).toEqual({})
  })
})
