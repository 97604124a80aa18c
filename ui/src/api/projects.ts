// 民生实事项目票决: 征集, 候选项目, 票决 (rounds, tally, re-vote, confirmation) and the area's lists.
import { call, compact } from './index'
import type { ProposalInput } from '../bindings/ProposalInput'
import type { ProposalQuery } from '../bindings/ProposalQuery'
import type { ProposalDecision } from '../bindings/ProposalDecision'
import type { CandidateInput } from '../bindings/CandidateInput'
import type { VoteInput } from '../bindings/VoteInput'
import type { TallyInput } from '../bindings/TallyInput'
import type { ProjectMeta } from '../bindings/ProjectMeta'

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
