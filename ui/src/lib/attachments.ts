// Opening an attached file: the window hands its path in the data folder to the system's program
// (the shell's opener plugin, limited to that folder); the browser downloads its bytes.
import type { Attachment } from '../bindings/Attachment'
import { getAttachment } from '../api/registers'
import { base64ToBytes, downloadBytes } from '../api/files'
import { isTauri } from '../api/transport'

export async function openAttachment(a: Attachment): Promise<void> {
  if (isTauri()) {
    const { invoke } = await import('@tauri-apps/api/core')
    await invoke('plugin:opener|open_path', { path: a.path })
    return
  }
  const f = await getAttachment(a.id)
  downloadBytes(f.file_name, base64ToBytes(f.bytes_base64))
}
