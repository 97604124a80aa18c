// 公民旁听: meetings with their notice, applications, review, the 遴选 (by order or a seeded draw
// and its check), 旁听证, 签到, opinions and the yearly figures (DOMAIN.md §7). Personal numbers
// arrive masked.
import { call, compact } from './index'
import type { HearingMeta } from '../bindings/HearingMeta'
import type { HearingMeetingInput } from '../bindings/HearingMeetingInput'
import type { HearingApplicationInput } from '../bindings/HearingApplicationInput'
import type { HearingReviewArgs } from '../bindings/HearingReviewArgs'
import type { HearingSelectArgs } from '../bindings/HearingSelectArgs'
import type { HearingMoveArgs } from '../bindings/HearingMoveArgs'
import type { HearingOpinionInput } from '../bindings/HearingOpinionInput'
import type { HearingSettings } from '../bindings/HearingSettings'

let meta: Promise<HearingMeta> | null = null
/** The area's lists (kinds, methods, sources, states with their tones), asked once. */
export function hearingMeta(): Promise<HearingMeta> {
  meta ??= call('hearing_meta', {}).catch((e) => {
    meta = null
    throw e
  })
  return meta
}

export const listMeetings = (year?: number) => call('hearing_meetings', compact({ year }))
export const getHearing = (id: number) => call('hearing_get', { id })
export const createMeeting = (data: HearingMeetingInput) => call('hearing_meeting_create', data)
export const applyHearing = (data: HearingApplicationInput) => call('hearing_apply', data)
export const reviewApplication = (a: HearingReviewArgs) => call('hearing_review', a)
export const reviewAll = (id: number) => call('hearing_review_all', { id })
export const selectHearing = (a: HearingSelectArgs) => call('hearing_select', a)
export const drawCheck = (meetingId: number, seed?: number) =>
  call('hearing_draw_check', compact({ meeting_id: meetingId, seed }))
export const moveApplication = (a: HearingMoveArgs) => call('hearing_move', a)
export const issueCards = (id: number) => call('hearing_cards_issue', { id })
export const createOpinion = (data: HearingOpinionInput) => call('hearing_opinion_create', data)
export const updateOpinion = (id: number, data: HearingOpinionInput) => call('hearing_opinion_update', { id, data })
export const hearingFigures = (year?: number) => call('hearing_figures', compact({ year }))
export const getHearingSettings = () => call('hearing_settings_get', {})
export const setHearingSettings = (s: HearingSettings) => call('hearing_settings_set', s)
