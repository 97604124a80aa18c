// 民生实事项目票决: 征集, 候选项目, 票决 (rounds, tally, re-vote, confirmation), the area's lists, and
// the adopted projects: progress, supervision, changes, reminders, the year's rating (DOMAIN.md §5).
import { call, compact } from './index'
import type { ProposalInput } from '../bindings/ProposalInput'
import type { ProposalQuery } from '../bindings/ProposalQuery'
import type { ProposalDecision } from '../bindings/ProposalDecision'
import type { CandidateInput } from '../bindings/CandidateInput'
import type { VoteInput } from '../bindings/VoteInput'
import type { TallyInput } from '../bindings/TallyInput'
import type { ProjectMeta } from '../bindings/ProjectMeta'
import type { ProjectQuery } from '../bindings/ProjectQuery'
import type { ProjectInput } from '../bindings/ProjectInput'
import type { GroupArgs } from '../bindings/GroupArgs'
import type { ProgressInput } from '../bindings/ProgressInput'
import type { ChangeInput } from '../bindings/ChangeInput'
import type { VisitInput } from '../bindings/VisitInput'
import type { ProblemInput } from '../bindings/ProblemInput'
import type { ProjectSettings } from '../bindings/ProjectSettings'

let meta: Promise<ProjectMeta> | null = null
/** The area's lists (领域, modes, rules, outcomes with their tones), asked once. */
export function projectMeta(): Promise<ProjectMeta> {
  meta ??= call('project_meta', {}).catch((e) => {
    meta = null
    throw e
  })
  return meta
}

export const listProposals = (q: ProposalQuery) => call('proposal_list', compact(q))
export const getProposal = (id: number) => call('proposal_get', { id })
export const createProposal = (data: ProposalInput) => call('proposal_create', data)
export const updateProposal = (id: number, data: ProposalInput) => call('proposal_update', { id, data })
export const decideProposal = (d: ProposalDecision) => call('proposal_decide', d)

export const listCandidates = (year: number, all = false) => call('candidate_list', { year, all })
export const createCandidate = (data: CandidateInput) => call('candidate_create', data)
export const updateCandidate = (id: number, data: CandidateInput) => call('candidate_update', { id, data })
export const deactivateCandidate = (id: number) => call('candidate_deactivate', { id })
export const reactivateCandidate = (id: number) => call('candidate_reactivate', { id })
export const reorderCandidates = (year: number, ids: number[]) => call('candidate_reorder', { year, ids })

export const listVotes = (year?: number) => call('vote_list', compact({ year }))
export const getVote = (id: number) => call('vote_get', { id })
export const createVote = (data: VoteInput) => call('vote_create', data)
export const updateVote = (id: number, data: VoteInput) => call('vote_update', { id, data })
export const countVote = (t: TallyInput) => call('vote_count', t)
/** The figures that do not add up, as the engine reports them; nothing is saved. */
export const checkVote = (t: TallyInput) => call('vote_check', t)
export const revote = (id: number) => call('vote_revote', { id })
export const confirmVote = (id: number) => call('vote_confirm', { id })

// 民生实事项目: adopted projects, progress, supervision (group, visits, 问题清单), changes, reminders,
// the year's rating (DOMAIN.md §5.3–§5.5).

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
export const createProjectRating = (year: number, rule?: string, expected?: number) =>
  call('project_rating_create', compact({ year, rule, expected }))
