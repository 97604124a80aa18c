// What the 民生实事 tabs share: the year they show and how a keyed value of the engine's lists
// reads (its label and tone).
import { computed, ref } from 'vue'
import type { KeyLabel } from '../../bindings/KeyLabel'
import type { Tone } from '../../bindings/Tone'
import { toneOf } from '../../lib/util'
import { app, workYear } from '../../state'

/** The user's pick of the vote's year, kept while the window is open. */
const chosen = ref<number | null>(null)

/** The year the proposals and the vote are for: the engine's (`vote_year`) until the user picks. */
export const projectYear = computed<number>({
  get: () => chosen.value ?? app.status?.vote_year ?? workYear.value,
  set: (y) => {
    chosen.value = y
  },
})

/** The six years up to the vote's year (or the year picked, if later). */
export const projectYears = () => {
  const top = Math.max(app.status?.vote_year ?? workYear.value, projectYear.value)
  return Array.from({ length: 6 }, (_, i) => top - i)
}

/** A keyed value's label and tag tone, as the engine's list gives them. */
export function tagOf(
  list: readonly KeyLabel[] | undefined,
  key: string | null | undefined,
): { label: string; tone: Tone } {
  const item = list?.find((x) => x.key === key)
  const tones = (list ?? []).map((x) => ({ value: x.key, tone: x.tone ?? ('info' as Tone) }))
  return { label: item?.label ?? key ?? '', tone: toneOf(tones, key) }
}
