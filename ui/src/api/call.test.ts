import { afterEach, describe, expect, it } from 'vitest'
import { call, setTransport } from './index'
import type { Unit } from '../bindings/Unit'

describe('call', () => {
  afterEach(() => setTransport(null))

  it('sends the command and its arguments as they are', async () => {
    setTransport({
      kind: 'http',
      call: async (name, args) => ({ name, args }),
      upload: async () => ({ upload: 'u' }),
      onProgress: () => () => {},
    })
    expect(await call('deputy_get', { id: 3 })).toEqual({ name: 'deputy_get', args: { id: 3 } })
  })

  it('is typed by the command table: a wrong name, argument or result does not compile', () => {
    // never run: the checks are the type checker's (npm run typecheck)
    const checks = () => {
      // @ts-expect-error an id is a number
      void call('deputy_get', { id: 'x' })
      // @ts-expect-error no such command
      void call('deputy_gett', { id: 1 })
      // @ts-expect-error an export kind the engine does not have
      void call('export_list', { kind: 'rating' })
      // @ts-expect-error `deputy_get` answers a Deputy, not a Unit
      const unit: Promise<Unit> = call('deputy_get', { id: 1 })
      return unit
    }
    expect(typeof checks).toBe('function')
  })
})
