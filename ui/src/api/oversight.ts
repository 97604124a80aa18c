// 审议意见办理: 议题 of the 监督工作计划, meetings, 审议意见 and their steps, the rating, the 问题清单
// with 推进情况, activities, figures, reminders and the settings (DOMAIN.md §6).
import { call, compact } from './index'
import type { OversightMeta } from '../bindings/OversightMeta'
import type { TopicInput } from '../bindings/TopicInput'
import type { MeetingInput } from '../bindings/MeetingInput'
import type { OpinionInput } from '../bindings/OpinionInput'
import type { OpinionQuery } from '../bindings/OpinionQuery'
import type { OpinionStep } from '../bindings/OpinionStep'
import type { OversightRatingArgs } from '../bindings/OversightRatingArgs'
import type { ProblemItemInput } from '../bindings/ProblemItemInput'
import type { FixProgressInput } from '../bindings/FixProgressInput'
import type { ReviewInput } from '../bindings/ReviewInput'
import type { ActivityInput } from '../bindings/ActivityInput'
import type { OversightSettings } from '../bindings/OversightSettings'

let meta: Promise<OversightMeta> | null = null
/** The area's lists (report kinds, states, actions, 整改状态 with their tones), asked once. */
export function oversightMeta(): Promise<OversightMeta> {
  meta ??= call('oversight_meta', {}).catch((e) => {
    meta = null
    throw e
  })
  return meta
}

export const getOversightSettings = () => call('oversight_settings_get', {})
export const setOversightSettings = (s: OversightSettings) => call('oversight_settings_set', s)
export const listTopics = (year?: number) => call('oversight_topic_list', compact({ year }))
export const createTopic = (t: TopicInput) => call('oversight_topic_create', t)
export const listMeetings = (year?: number) => call('oversight_meeting_list', compact({ year }))
export const createMeeting = (m: MeetingInput) => call('oversight_meeting_create', m)
export const listOpinions = (q: OpinionQuery) => call('oversight_opinion_list', compact(q))
export const getOpinion = (id: number) => call('oversight_opinion_get', { id })
export const createOpinion = (o: OpinionInput) => call('oversight_opinion_create', o)
export const stepOpinion = (s: OpinionStep) => call('oversight_opinion_step', s)
export const rateOpinion = (a: OversightRatingArgs) => call('oversight_rate', a)
export const addProblem = (p: ProblemItemInput) => call('oversight_problem_add', p)
export const addFixProgress = (p: FixProgressInput) => call('oversight_progress_add', p)
export const reviewProblem = (r: ReviewInput) => call('oversight_problem_review', r)
export const listProblems = (year?: number) => call('oversight_problem_list', compact({ year }))
export const addActivity = (a: ActivityInput) => call('oversight_activity_add', a)
export const oversightFigures = (year?: number) => call('oversight_figures', compact({ year }))
export const oversightReminders = () => call('oversight_reminders', {})
