import type { Tagged } from '../bindings/Tagged'
import type { Tone } from '../bindings/Tone'
import { toneOf } from './util'

/** `全国` stays, others get 级: 县 → 县级. */
export function levelLabel(l: string): string {
  return l === '全国' ? '全国' : `${l}级`
}

/** A deputy's status as a tag: the engine's tone (Enums.deputy_statuses); a deactivated deputy grey. */
export function statusTagType(statuses: readonly Tagged[] | undefined, status: string, active: boolean): Tone {
  return active ? toneOf(statuses, status) : 'info'
}
