import { computed, reactive } from 'vue'
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

/** The user's pick of the year, shared by every page for as long as the window is open. */
const period = reactive({ chosen: null as number | null })

/** The year every page shows: the engine's default (the latest year that has records, else the
 * session under way) until the user picks another on any page; the pick then holds everywhere. */
export const workYear = computed<number>({
  get: () => period.chosen ?? app.status?.default_year ?? new Date().getFullYear(),
  set: (y) => {
    period.chosen = y
  },
})

/** The years a year selector offers: the six up to this year (or the year shown, if later). */
export const yearOptions = computed(() => {
  const top = Math.max(new Date().getFullYear(), workYear.value)
  return Array.from({ length: 6 }, (_, i) => top - i)
})
