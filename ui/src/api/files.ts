// Files cross the command layer as bytes (DESIGN §3). In the desktop window the dialog plugin
// gives native folder / save pickers; in the browser we fall back to <input type=file> and Blob
// downloads. Picking a file to READ uses <input type=file> in both (it opens a native dialog in
// the window too).
import { isTauri } from './transport'

export interface PickedFile {
  name: string
  bytes: Uint8Array
}

/** Asks for one file and returns its bytes; null if the user cancelled. */
export function pickFileBytes(accept = ''): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    if (accept) input.accept = accept
    input.style.display = 'none'
    let done = false
    const finish = (v: PickedFile | null) => {
      if (done) return
      done = true
      input.remove()
      resolve(v)
    }
    input.addEventListener('change', async () => {
      const f = input.files?.[0]
      if (!f) return finish(null)
      finish({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })
    })
    input.addEventListener('cancel', () => finish(null))
    document.body.appendChild(input)
    input.click()
  })
}

/** Desktop window only: a native folder picker. Returns null in the browser or on cancel. */
export async function pickFolder(title = '选择文件夹'): Promise<string | null> {
  if (!isTauri()) return null
  const { open } = await import('@tauri-apps/plugin-dialog')
  const r = await open({ directory: true, multiple: false, title })
  return typeof r === 'string' ? r : null
}

/** Desktop window only: a native "open file" picker returning a path. */
export async function pickOpenPath(title: string, extensions: string[], filterName = '文件'): Promise<string | null> {
  if (!isTauri()) return null
  const { open } = await import('@tauri-apps/plugin-dialog')
  const r = await open({ multiple: false, directory: false, title, filters: [{ name: filterName, extensions }] })
  return typeof r === 'string' ? r : null
}

/** Desktop window only: a native "save as" picker returning a path. */
export async function pickSavePath(
  title: string,
  defaultName: string,
  extensions: string[],
  filterName = '文件',
): Promise<string | null> {
  if (!isTauri()) return null
  const { save } = await import('@tauri-apps/plugin-dialog')
  return (await save({ title, defaultPath: defaultName, filters: [{ name: filterName, extensions }] })) ?? null
}

/** Browser: offers bytes as a download. */
export function downloadBytes(fileName: string, bytes: Uint8Array, mime = 'application/octet-stream') {
  const blob = new Blob([bytes as BlobPart], { type: mime })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Bytes → base64 without the call-stack limits of String.fromCharCode(...big array). */
export function bytesToBase64(bytes: Uint8Array): string {
  let bin = ''
  const chunk = 0x8000
  for (let i = 0; i < bytes.length; i += chunk) {
    bin += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + chunk)))
  }
  return btoa(bin)
}

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

/** 1536 → "1.5 KB" */
export function formatSize(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '—'
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`
}
