// What the 民生实事 tabs share: the year they show and how a keyed value of the engine's lists
// reads (its label and tone).
import { ref } from 'vue'
import type { KeyLabel } from '../../bindings/KeyLabel'
import type { Tone } from '../../bindings/Tone'
import { toneOf } from '../../lib/util'

/** The year of the projects shown: from October on, the next year's are being prepared. */
const now = new Date()
export const projectYear = ref(now.getMonth() >= 9 ? now.getFullYear() + 1 : now.getFullYear())
export const projectYears = () => Array.from({ length: 6 }, (_, i) => now.getFullYear() + 1 - i)

/** A keyed value's label and tag tone, as the engine's list gives them. */
export function tagOf(
  list: readonly KeyLabel[] | undefined,
  key: string | null | undefined,
): { label: string; tone: Tone } {
  const item = list?.find((x) => x.key === key)
  const tones = (list ?? []).map((x) => ({ value: x.key, tone: x.tone ?? ('info' as Tone) }))
  return { label: item?.label ?? key ?? '', tone: toneOf(tones, key) }
}
