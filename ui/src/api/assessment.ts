// 乡镇人大工作评价 (DOMAIN.md §8): the county's template, the township's 自评, the county's 考核组
// scores, 加减分 and results.
import { call } from './index'
import type { AssessmentMeta } from '../bindings/AssessmentMeta'
import type { AssessmentBlockInput } from '../bindings/AssessmentBlockInput'
import type { AssessmentItemInput } from '../bindings/AssessmentItemInput'
import type { AssessmentSettings } from '../bindings/AssessmentSettings'
import type { AssessmentSelfScoreInput } from '../bindings/AssessmentSelfScoreInput'
import type { AssessmentScoreInput } from '../bindings/AssessmentScoreInput'
import type { AssessmentAdjustInput } from '../bindings/AssessmentAdjustInput'

let meta: Promise<AssessmentMeta> | null = null
/** The area's lists (automatic sources with how each is counted, grades, states), asked once. */
export function assessmentMeta(): Promise<AssessmentMeta> {
  meta ??= call('assessment_meta', {}).catch((e) => {
    meta = null
    throw e
  })
  return meta
}

export const getTemplate = (year: number) => call('assessment_template_get', { year })
export const createTemplate = (year: number) => call('assessment_template_create', { year })
export const copyTemplate = (year: number) => call('assessment_template_copy', { year })
export const setSettings = (s: AssessmentSettings) => call('assessment_settings_set', s)
export const addBlock = (b: AssessmentBlockInput) => call('assessment_block_add', b)
export const addItem = (i: AssessmentItemInput) => call('assessment_item_add', i)
export const updateItem = (id: number, data: AssessmentItemInput) => call('assessment_item_update', { id, data })
export const removeItem = (id: number) => call('assessment_item_remove', { id })
export const selfSheet = (year: number) => call('assessment_self_sheet', { year })
export const selfScore = (s: AssessmentSelfScoreInput) => call('assessment_self_score', s)
export const listTownships = () => call('assessment_townships', {})
export const addTownship = (name: string) => call('assessment_township_add', { name })
export const results = (year: number) => call('assessment_results', { year })
export const townshipSheet = (year: number, township_id: number) => call('assessment_sheet', { year, township_id })
export const score = (s: AssessmentScoreInput) => call('assessment_score', s)
export const adjust = (a: AssessmentAdjustInput) => call('assessment_adjust', a)
