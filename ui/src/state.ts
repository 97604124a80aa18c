import { reactive } from 'vue'
import type { AppStatus } from './bindings/AppStatus'
import type { Enums } from './bindings/Enums'
import { appStatus, metaEnums } from './api/app'

/** What every page shares: the engine's status and the option lists. */
export const app = reactive({
  status: null as AppStatus | null,
  enums: null as Enums | null,
  error: '' as string,
  /** Bumped after a restore or demo load, so open pages reload their data. */
  generation: 0,
})

export async function refreshStatus() {
  app.status = await appStatus()
  return app.status
}

export async function loadEnums() {
  if (!app.enums) app.enums = await metaEnums()
  return app.enums
}

export async function reloadAll() {
  await refreshStatus()
  app.generation++
}
