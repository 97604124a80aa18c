// What every list page does the same way: load a page of rows (the latest request wins), go back
// to page 1 when a filter changes, wait for the typing to pause before searching, and 导出Excel
// exactly what is shown.
import { ref, watch, type Ref } from 'vue'
import { useRoute, useRouter, type LocationQuery } from 'vue-router'
import { ElMessage } from 'element-plus'
import { toApiError } from '../api'
import { savedMessage, type Saved } from '../api/export'
import { debounce } from './util'
import type { Page } from '../bindings/Page'

interface Paging {
  q: string
  page: number
  page_size: number
}

/**
 * `fetch` asks the engine for the page `state` describes; `filters` lists what resets to page 1.
 * Loads at once (from the page's setup); `load` reloads (after a save, for instance).
 */
export function useListPage<R>(
  state: Paging,
  fetch: () => Promise<Page<R>>,
  filters: () => unknown[],
  opts: { url?: boolean } = {},
) {
  if (opts.url) keepInUrl(state as unknown as Record<string, unknown>)
  const rows = ref<R[]>([]) as Ref<R[]>
  const total = ref(0)
  const loading = ref(false)
  let seq = 0
  async function load() {
    const my = ++seq
    loading.value = true
    try {
      const page = await fetch()
      if (my !== seq) return // a newer request is on its way: its answer is the one to show
      rows.value = page.items
      total.value = page.total
    } catch (e) {
      ElMessage.error(toApiError(e).message)
    } finally {
      if (my === seq) loading.value = false
    }
  }
  const fromFirst = () => {
    state.page = 1
    load()
  }
  watch(() => state.q, debounce(fromFirst, 300))
  watch(() => [...filters(), state.page_size], fromFirst)
  // asked at once, while the page is still being built, so the engine's answer overlaps the
  // building instead of following it
  void load()
  return { rows, total, loading, load }
}

/** 导出Excel: runs the export, says where the file went; `exporting` drives the button. */
export function useExport(run: (upward: boolean) => Promise<Saved | null>) {
  const exporting = ref(false)
  async function exportExcel(upward = false) {
    exporting.value = true
    try {
      const s = await run(upward)
      if (s) ElMessage.success({ message: savedMessage(s), duration: s.path ? 6000 : 3000 })
    } catch (e) {
      ElMessage.error(toApiError(e).message)
    } finally {
      exporting.value = false
    }
  }
  return { exporting, exportExcel }
}

type Plain = string | number | boolean | null

/**
 * Reads a list's state from a URL query, against its defaults: numbers and booleans keep their
 * type, a `null` default takes a number (an id). Keys that are not in `defaults` are ignored.
 */
export function stateFromQuery(defaults: Record<string, unknown>, query: LocationQuery): Record<string, Plain> {
  const out: Record<string, Plain> = {}
  for (const [k, d] of Object.entries(defaults)) {
    const raw = query[k]
    const v = Array.isArray(raw) ? raw[0] : raw
    if (typeof v !== 'string') continue
    if (typeof d === 'number' || d === null) {
      const n = Number(v)
      if (v !== '' && Number.isFinite(n)) out[k] = n
    } else if (typeof d === 'boolean') out[k] = v === 'true' || v === '1'
    else if (typeof d === 'string') out[k] = v
  }
  return out
}

/** The URL query of a list's state: only what differs from the defaults. */
export function queryFromState(
  defaults: Record<string, unknown>,
  state: Record<string, unknown>,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, d] of Object.entries(defaults)) {
    const v = state[k]
    if (v === d || v === undefined || v === null || v === '' || typeof v === 'object') continue
    out[k] = String(v)
  }
  return out
}

/**
 * Page, sort, filters and search live in the URL, so that 返回 and the browser's Back come back
 * to the same place: the state starts from the query, and every change replaces the query.
 */
function keepInUrl(state: Record<string, unknown>) {
  const route = useRoute()
  const router = useRouter()
  const defaults: Record<string, unknown> = { ...state }
  Object.assign(state, stateFromQuery(defaults, route.query))
  const path = route.path
  const written: string[] = [JSON.stringify(queryFromState(defaults, state))]
  // a link to this list with another query while it is open (查看全部 …): take the query's state
  watch(
    () => route.query,
    (query) => {
      if (route.path !== path) return
      const wanted = { ...defaults, ...stateFromQuery(defaults, query) }
      const key = JSON.stringify(queryFromState(defaults, wanted))
      // our own replace() arriving late (the user typed on meanwhile) is not a new link
      if (written.includes(key)) return
      if (key !== JSON.stringify(queryFromState(defaults, state))) Object.assign(state, wanted)
    },
  )
  watch(
    () => queryFromState(defaults, state),
    (query) => {
      if (router.currentRoute.value.path !== path) return // leaving the page: keep its query as it was
      written.push(JSON.stringify(query))
      if (written.length > 20) written.shift()
      const others = Object.fromEntries(
        Object.entries(router.currentRoute.value.query).filter(([k]) => !(k in defaults)),
      )
      router.replace({ path, query: { ...others, ...query } })
    },
    { deep: true },
  )
}

/**
 * 返回 to a list: the browser's Back when the page was opened from that list (so its page, sort
 * and filters come back), else the list itself.
 */
export function backTo(router: ReturnType<typeof useRouter>, path: string) {
  const back = router.options.history.state.back
  if (typeof back === 'string' && back.split('?')[0] === path) router.back()
  else router.push(path)
}
