import { ref, watch, type Ref } from 'vue'

/**
 * A dialog or drawer made at its first use rather than with its page (with `defineAsyncComponent`,
 * its code loads then too): bind `target` as its template ref and `made` to its `v-if`; `use(fn)`
 * runs `fn` on it now, or once it is mounted.
 */
export function useLazyRef<T>() {
  const target = ref<T>() as Ref<T | undefined>
  const made = ref(false)
  let pending: ((t: T) => void) | null = null
  watch(target, (t) => {
    const fn = pending
    pending = null
    if (t && fn) fn(t)
  })
  function use(fn: (t: T) => void) {
    if (target.value) return fn(target.value)
    pending = fn
    made.value = true
  }
  return { target, made, use }
}
