import { ApiError, toApiError } from './errors'
import { bytesToBase64 } from './base64'
import type { Progress } from '../bindings/Progress'
import type { FileSource } from '../bindings/FileSource'

/** The commands that read a file the user picked (the engine's `api::upload_limit`). */
export type FileCommand = 'import_file' | 'report_import' | 'backup_restore' | 'attachment_add'

/** How a command reaches the engine: Tauri IPC in the desktop window, HTTP in browser mode. */
export interface Transport {
  readonly kind: 'tauri' | 'http'
  call(name: string, args: unknown): Promise<unknown>
  /** Hands a picked file to the engine for one call of `command`; the result is its file argument. */
  upload(file: Blob, command: FileCommand): Promise<FileSource>
  /** Follows the engine's progress reports (long imports) until the returned function is called. */
  onProgress(cb: (p: Progress) => void): () => void
}

/** The Tauri event that carries progress (the shell's `PROGRESS_EVENT`). */
export const PROGRESS_EVENT = 'renda-progress'
/** How often the browser asks `renda serve` for the progress of the running work. */
export const PROGRESS_POLL_MS = 250

export const TOKEN_KEY = 'renda_token'

/** The `token` query parameter of a URL search string (`?token=abc`), or null. */
export function tokenFromSearch(search: string): string | null {
  const t = new URLSearchParams(search).get('token')
  return t && t.trim() ? t.trim() : null
}

interface KV {
  getItem(k: string): string | null
  setItem(k: string, v: string): void
}

/** The token from the page URL (kept in storage for later reloads), else the stored one. */
export function resolveToken(search: string, storage: KV | null): string | null {
  const fromUrl = tokenFromSearch(search)
  if (fromUrl) {
    try {
      storage?.setItem(TOKEN_KEY, fromUrl)
    } catch {
      /* storage may be disabled: the token still works for this page */
    }
    return fromUrl
  }
  try {
    return storage?.getItem(TOKEN_KEY) ?? null
  } catch {
    return null
  }
}

type FetchFn = (input: string, init?: RequestInit) => Promise<Response>

/** `POST /api/<name>` with the JSON args; the reply is `{ok,data}` or `{ok:false,error}`. */
export function httpTransport(
  token: string | null,
  fetchFn: FetchFn = (i, init) => fetch(i, init),
  base = '',
): Transport {
  return {
    kind: 'http',
    async call(name, args) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' }
      if (token) headers['X-Renda-Token'] = token
      let res: Response
      try {
        res = await fetchFn(`${base}/api/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(args ?? {}),
          credentials: 'same-origin',
        })
      } catch (e) {
        throw toApiError(e)
      }
      return parseHttpReply(res.status, await res.text())
    },
    async upload(file, command) {
      // The file goes up by itself, streamed to the data folder within the command's own limit;
      // the command then names it by the id the server gave.
      const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream' }
      if (token) headers['X-Renda-Token'] = token
      let res: Response
      try {
        res = await fetchFn(`${base}/upload?for=${encodeURIComponent(command)}`, {
          method: 'POST',
          headers,
          body: file,
          credentials: 'same-origin',
        })
      } catch (e) {
        throw toApiError(e)
      }
      const data = parseHttpReply(res.status, await res.text()) as { upload?: unknown } | null
      if (typeof data?.upload !== 'string') {
        throw new ApiError('io', '文件上传后没有得到应答，请重新选择文件后重试。')
      }
      return { upload: data.upload }
    },
    onProgress(cb) {
      // The page asks while its import runs: `GET /progress` never waits for the engine.
      const headers: Record<string, string> = token ? { 'X-Renda-Token': token } : {}
      let last = ''
      const timer = setInterval(async () => {
        try {
          const res = await fetchFn(`${base}/progress`, { headers, credentials: 'same-origin' })
          const p = parseHttpReply(res.status, await res.text()) as Progress | null
          const key = p ? `${p.stage}/${p.done}/${p.total}` : ''
          if (p && key !== last) cb(p)
          last = key
        } catch {
          /* a missed report is harmless: the next one comes a moment later */
        }
      }, PROGRESS_POLL_MS)
      return () => clearInterval(timer)
    },
  }
}

/** Reads an HTTP reply body; exported for the unit tests. */
export function parseHttpReply(status: number, text: string): unknown {
  let body: unknown = undefined
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    body = undefined
  }
  if (body && typeof body === 'object' && 'ok' in body) {
    const b = body as { ok: boolean; data?: unknown; error?: unknown }
    if (b.ok) return b.data
    throw toApiError(b.error)
  }
  if (status === 401 || status === 403) {
    throw new ApiError(
      'unauthorized',
      '访问凭据无效或已过期。请从 renda serve 给出的完整地址（含 token）重新打开本页面。',
    )
  }
  throw new ApiError('io', `数据引擎返回了无法识别的应答（HTTP ${status}）。请重新启动程序后重试。`)
}

type InvokeFn = (cmd: string, args: Record<string, unknown>) => Promise<unknown>

/** The desktop window: one Tauri command `api` forwards to the engine's dispatch. */
export function tauriTransport(invokeFn?: InvokeFn): Transport {
  let inv: Promise<InvokeFn> | null = invokeFn ? Promise.resolve(invokeFn) : null
  return {
    kind: 'tauri',
    async call(name, args) {
      if (!inv) inv = import('@tauri-apps/api/core').then((m) => m.invoke as InvokeFn)
      const invoke = await inv
      try {
        return await invoke('api', { name, args: args ?? {} })
      } catch (e) {
        throw toApiError(e)
      }
    },
    async upload(file) {
      // the window's IPC carries the bytes themselves (it has no size cap of its own)
      return { bytes_base64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) }
    },
    onProgress(cb) {
      let stop: (() => void) | null = null
      let stopped = false
      import('@tauri-apps/api/event')
        .then((m) => m.listen<Progress>(PROGRESS_EVENT, (e) => cb(e.payload)))
        .then((un) => (stopped ? un() : (stop = un)))
        // without the event the import still runs; only its progress bar stays empty
        .catch((e) => console.warn('进度事件不可用', e))
      return () => {
        stopped = true
        stop?.()
      }
    },
  }
}

export function isTauri(
  w: { __TAURI_INTERNALS__?: unknown } | undefined = typeof window === 'undefined' ? undefined : window,
): boolean {
  return !!w && w.__TAURI_INTERNALS__ !== undefined
}

/** Chooses the transport for this page. */
export function detectTransport(): Transport {
  if (isTauri()) return tauriTransport()
  let storage: KV | null = null
  try {
    storage = window.sessionStorage
  } catch {
    storage = null
  }
  return httpTransport(resolveToken(window.location.search, storage))
}
