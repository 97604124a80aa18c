import { detectTransport, type Transport } from './transport'
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

/** Runs one engine command; rejects with an ApiError. */
export async function call<T>(name: string, args: object = {}): Promise<T> {
  return (await currentTransport().call(name, args)) as T
}

/** Drops `undefined`, `null` and `''` fields, so a query sends only what the user set. */
export function compact<T extends object>(q: T): Partial<T> {
  const out: Partial<T> = {}
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue
    ;(out as Record<string, unknown>)[k] = v
  }
  return out
}
