import { describe, expect, it, vi } from 'vitest'
import {
  httpTransport,
  parseHttpReply,
  resolveToken,
  tauriTransport,
  tokenFromSearch,
  isTauri,
  TOKEN_KEY,
} from './transport'
import { ApiError, fieldErrorMap, toApiError } from './errors'
import { compact } from './index'

function memStorage(init: Record<string, string> = {}) {
  const m = new Map(Object.entries(init))
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m }
}

describe('token', () => {
  it('reads ?token= from the search string', () => {
    expect(tokenFromSearch('?token=abc123')).toBe('abc123')
    expect(tokenFromSearch('?x=1&token=t%2Bz')).toBe('t+z')
    expect(tokenFromSearch('')).toBeNull()
    expect(tokenFromSearch('?token=')).toBeNull()
  })
  it('keeps the URL token in storage and falls back to it on reload', () => {
    const s = memStorage()
    expect(resolveToken('?token=T1', s)).toBe('T1')
    expect(s.m.get(TOKEN_KEY)).toBe('T1')
    expect(resolveToken('', s)).toBe('T1')
    expect(resolveToken('?token=T2', s)).toBe('T2')
    expect(resolveToken('', memStorage())).toBeNull()
    expect(resolveToken('', null)).toBeNull()
  })
  it('survives a storage that throws', () => {
    const bad = {
      getItem: () => {
        throw new Error('denied')
      },
      setItem: () => {
        throw new Error('denied')
      },
    }
    expect(resolveToken('?token=X', bad)).toBe('X')
    expect(resolveToken('', bad)).toBeNull()
  })
})

describe('http transport', () => {
  const reply = (status: number, body: unknown) =>
    Promise.resolve(new Response(typeof body === 'string' ? body : JSON.stringify(body), { status }))

  it('sends a file by itself, never inside a command, and answers the id it got', async () => {
    const f = vi.fn((_u: string, _i?: RequestInit) => reply(200, { ok: true, data: { upload: 'abc', size: 3 } }))
    const file = new Blob([new Uint8Array([1, 2, 3])])
    await expect(httpTransport('TOK', f).upload(file, 'report_import')).resolves.toEqual({ upload: 'abc' })
    const [url, init] = f.mock.calls[0]
    expect(url).toBe('/upload?for=report_import')
    expect(init?.method).toBe('POST')
    expect(init?.body).toBe(file)
    expect((init?.headers as Record<string, string>)['X-Renda-Token']).toBe('TOK')
    const refused = { ok: false, error: { code: 'bad_file', message: '文件超过100MB的上限', field_errors: [] } }
    const big = httpTransport('TOK', () => reply(413, refused)).upload(file, 'import_file')
    await expect(big).rejects.toMatchObject({ code: 'bad_file', message: '文件超过100MB的上限' })
  })

  it('posts JSON args with the token header and returns data', async () => {
    const f = vi.fn((_u: string, _i?: RequestInit) => reply(200, { ok: true, data: { total: 1 } }))
    const t = httpTransport('TOK', f)
    await expect(t.call('deputy_list', { q: 'zs' })).resolves.toEqual({ total: 1 })
    const [url, init] = f.mock.calls[0]
    expect(url).toBe('/api/deputy_list')
    expect(init?.method).toBe('POST')
    expect((init?.headers as Record<string, string>)['X-Renda-Token']).toBe('TOK')
    expect(JSON.parse(init?.body as string)).toEqual({ q: 'zs' })
  })

  it('polls GET /progress while followed, reports each new step once, and stops', async () => {
    vi.useFakeTimers()
    const steps = [
      null,
      { stage: '写入数据', done: 1, total: 3 },
      { stage: '写入数据', done: 1, total: 3 },
      { stage: '写入数据', done: 3, total: 3 },
    ]
    let i = 0
    const f = vi.fn((_u: string, _i?: RequestInit) =>
      reply(200, { ok: true, data: steps[Math.min(i++, steps.length - 1)] }),
    )
    const seen: unknown[] = []
    const stop = httpTransport('TOK', f).onProgress((p) => seen.push(p))
    for (let k = 0; k < 4; k++) await vi.advanceTimersByTimeAsync(250)
    stop()
    const calls = f.mock.calls.length
    await vi.advanceTimersByTimeAsync(1000)
    vi.useRealTimers()
    expect(f.mock.calls[0][0]).toBe('/progress')
    expect((f.mock.calls[0][1]?.headers as Record<string, string>)['X-Renda-Token']).toBe('TOK')
    expect(seen).toEqual([steps[1], steps[3]])
    expect(f.mock.calls.length).toBe(calls)
  })

  it('sends no token header without a token', async () => {
    const f = vi.fn((_u: string, _i?: RequestInit) => reply(200, { ok: true, data: null }))
    await httpTransport(null, f).call('app_status', {})
    expect((f.mock.calls[0][1]?.headers as Record<string, string>)['X-Renda-Token']).toBeUndefined()
  })

  it('maps {ok:false,error} to ApiError with field errors', async () => {
    const err = {
      code: 'invalid_input',
      message: '请填写代表姓名',
      field_errors: [{ field: 'name', message: '请填写代表姓名' }],
    }
    const t = httpTransport('T', () => reply(400, { ok: false, error: err }))
    const e = (await t.call('deputy_create', {}).catch((x: unknown) => x)) as ApiError
    expect(e).toBeInstanceOf(ApiError)
    expect(e.code).toBe('invalid_input')
    expect(e.message).toBe('请填写代表姓名')
    expect(e.fieldMessage('name')).toBe('请填写代表姓名')
    expect(fieldErrorMap(e)).toEqual({ name: '请填写代表姓名' })
  })

  it('maps a bare 401 to unauthorized, in Chinese', () => {
    expect(() => parseHttpReply(401, 'Unauthorized')).toThrowError(/访问凭据/)
    try {
      parseHttpReply(401, '')
    } catch (e) {
      expect((e as ApiError).code).toBe('unauthorized')
    }
  })

  it('maps garbage and network failures to io', async () => {
    expect(() => parseHttpReply(500, '<html>')).toThrowError(/HTTP 500/)
    const t = httpTransport('T', () => Promise.reject(new TypeError('Failed to fetch')))
    const e = (await t.call('app_status', {}).catch((x: unknown) => x)) as ApiError
    expect(e.code).toBe('io')
    expect(e.message).toMatch(/无法连接到数据引擎/)
  })
})

describe('tauri transport', () => {
  it("invokes 'api' with name and args and maps rejections", async () => {
    const inv = vi.fn(async (_c: string, a: Record<string, unknown>) => {
      if (a.name === 'bad') throw { code: 'not_found', message: '找不到该代表', field_errors: [] }
      return { ok: 1 }
    })
    const t = tauriTransport(inv)
    await expect(t.call('deputy_get', { id: 3 })).resolves.toEqual({ ok: 1 })
    expect(inv).toHaveBeenCalledWith('api', { name: 'deputy_get', args: { id: 3 } })
    const e = (await t.call('bad', {}).catch((x: unknown) => x)) as ApiError
    expect(e).toBeInstanceOf(ApiError)
    expect(e.code).toBe('not_found')
  })
  it('detects the Tauri window', () => {
    expect(isTauri({ __TAURI_INTERNALS__: {} })).toBe(true)
    expect(isTauri({})).toBe(false)
    expect(isTauri(undefined)).toBe(false)
  })
})

describe('error mapping', () => {
  it('accepts ApiError-shaped objects, strings and Errors', () => {
    expect(toApiError({ code: 'conflict', message: '重复' }).field_errors).toEqual([])
    expect(
      toApiError({ code: 'x', message: 'm', field_errors: [{ field: 'a' }, { field: 'b', message: 'B' }] })
        .field_errors,
    ).toEqual([{ field: 'b', message: 'B' }])
    expect(toApiError('boom').message).toBe('boom')
    expect(toApiError(42).code).toBe('io')
    const a = new ApiError('c', 'm')
    expect(toApiError(a)).toBe(a)
  })
  it('compact drops unset query fields', () => {
    expect(compact({ q: '', level: undefined, station_id: null, page: 1, include_inactive: false })).toEqual({
      page: 1,
      include_inactive: false,
    })
  })
})
