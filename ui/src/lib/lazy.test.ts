import { describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { useLazyRef } from './lazy'

describe('useLazyRef', () => {
  it('makes the target at the first use and calls it once mounted', async () => {
    const lazy = useLazyRef<{ open: (n: number) => void }>()
    const opened: number[] = []
    lazy.use((t) => t.open(1))
    expect(lazy.made.value).toBe(true)
    expect(opened).toEqual([])
    lazy.target.value = { open: (n) => opened.push(n) }
    await nextTick()
    expect(opened).toEqual([1])
    lazy.use((t) => t.open(2))
    expect(opened).toEqual([1, 2])
  })
})
