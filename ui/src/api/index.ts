import { detectTransport, type Transport } from './transport'
import type { Commands } from '../bindings/Commands'
export { ApiError, toApiError, fieldErrorMap } from './errors'

let transport: Transport | null = null

/** For tests, or a shell that wants another transport. */
export function setTransport(t: Transport | null) {
  transport = t
}

export function currentTransport(): Transport {
  if (!transport) transport = detectTransport()
  return transport
}

export type { Commands }
/** A command's name, its arguments and its result, as the engine's command table declares them. */
export type Command = keyof Commands
export type Args<K extends Command> = Commands[K]['args']
export type Result<K extends Command> = Commands[K]['result']

let inFlight = 0
/** Whether an engine command is under way: work in the background (prefetching pages) waits for none. */
export const engineBusy = () => inFlight > 0

/** Runs one engine command; rejects with an ApiError. The name types the arguments and the result. */
export async function call<K extends Command>(name: K, args: Args<K>): Promise<Result<K>> {
  inFlight++
  try {
    return (await currentTransport().call(name, args)) as Result<K>
  } finally {
    inFlight--
  }
}

/** `T` with the fields that may be `undefined` made optional: what `compact` leaves of it. */
export type Compact<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>
}

/** Drops `undefined`, `null` and `''` fields, so a query sends only what the user set (the engine
 * reads a missing field as its default). */
export function compact<T extends object>(q: T): Compact<T> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue
    out[k] = v
  }
  return out as Compact<T>
}
