// Files the user picks, and files the engine writes. Picking a file to READ uses <input type=file>
// in both the window and the browser (it opens a native dialog in the window too); the command gets
// it through `fileSource` — uploaded by itself in the browser, as bytes over the window's IPC. In
// the desktop window the dialog plugin gives native folder / save pickers; in the browser we fall
// back to Blob downloads.
import { isTauri, type FileCommand } from './transport'
import { currentTransport } from './index'
import type { FileSource } from '../bindings/FileSource'

export { bytesToBase64, base64ToBytes } from './base64'

/** The file of command `command`, as its file argument: in browser mode the file goes up by itself
 * first (`POST /upload`, never inside a command's JSON), in the window as bytes. A file is read by
 * one command only: each call sends it again. */
export function fileSource(file: Blob, command: FileCommand): Promise<FileSource> {
  return currentTransport().upload(file, command)
}

/** Asks for one file; null if the user cancelled. */
export function pickFile(accept = ''): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    if (accept) input.accept = accept
    input.style.display = 'none'
    let done = false
    const finish = (v: File | null) => {
      if (done) return
      done = true
      input.remove()
      resolve(v)
    }
    input.addEventListener('change', () => finish(input.files?.[0] ?? null))
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

/** 1536 → "1.5 KB" */
export function formatSize(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '—'
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`
}
