// 民生实事项目: adopted projects, progress, supervision (group, visits, 问题清单), changes, reminders,
// the year's rating (DOMAIN.md §5.3–§5.5).
import { call, compact } from './index'
import type { ProjectQuery } from '../bindings/ProjectQuery'
import type { ProjectInput } from '../bindings/ProjectInput'
import type { GroupArgs } from '../bindings/GroupArgs'
import type { ProgressInput } from '../bindings/ProgressInput'
import type { ChangeInput } from '../bindings/ChangeInput'
import type { VisitInput } from '../bindings/VisitInput'
import type { ProblemInput } from '../bindings/ProblemInput'
import type { KeyLabel } from '../bindings/KeyLabel'
import type { Tone } from '../bindings/Tone'
import type { ProjectSettings } from '../bindings/ProjectSettings'

export const projectMeta = () => call('project_meta', {})
export const getProjectSettings = () => call('project_settings_get', {})
export const setProjectSettings = (s: ProjectSettings) => call('project_settings_set', s)
export const listProjects = (q: ProjectQuery) => call('project_list', compact(q))
export const getProject = (id: number) => call('project_get', { id })
export const createProject = (data: ProjectInput) => call('project_create', data)
export const updateProject = (id: number, data: ProjectInput) => call('project_update', { id, data })
export const setGroup = (a: GroupArgs) => call('project_group_set', a)
export const addProgress = (a: ProgressInput) => call('progress_add', a)
export const changeProject = (a: ChangeInput) => call('project_change', a)
export const addVisit = (a: VisitInput) => call('visit_add', a)
export const addProblem = (a: ProblemInput) => call('problem_add', a)
export const updateProblem = (id: number, data: ProblemInput) => call('problem_update', { id, data })
export const projectReminders = () => call('project_reminders', {})
export const createProjectRating = (year: number, rule?: string) =>
  call('project_rating_create', compact({ year, rule }))

/** The label and tone of an enumeration's value, as the engine's meta list gives them. */
export function tagOf(list: readonly KeyLabel[] | undefined, key: string | null | undefined) {
  const k = list?.find((x) => x.key === key)
  return { label: k?.label ?? '—', tone: (k?.tone ?? 'info') as Tone }
}

/** A meta list in the shape `toneOf` reads. */
export const toned = (list: readonly KeyLabel[] | undefined) =>
  (list ?? []).map((k) => ({ value: k.key, tone: (k.tone ?? 'info') as Tone }))
