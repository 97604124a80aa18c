// What every list page does the same way: load a page of rows (the latest request wins), go back
// to page 1 when a filter changes, wait for the typing to pause before searching, and 导出Excel
// exactly what is shown.
import { onMounted, ref, watch, type Ref } from 'vue'
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
 * Loads once on mount; `load` reloads (after a save, for instance).
 */
export function useListPage<R>(state: Paging, fetch: () => Promise<Page<R>>, filters: () => unknown[]) {
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
  onMounted(load)
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
