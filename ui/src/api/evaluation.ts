// 履职评议 and 履职积分: evaluations, counted ballots, results; points, rules,
// attendance, adjustments; each deputy's 履职档案.
import { call, compact } from './index'
import type { EvaluationInput } from '../bindings/EvaluationInput'
import type { BallotArgs } from '../bindings/BallotArgs'
import type { PointsQuery } from '../bindings/PointsQuery'
import type { RulesArgs } from '../bindings/RulesArgs'
import type { AdjustmentInput } from '../bindings/AdjustmentInput'
import type { AttendanceRow } from '../bindings/AttendanceRow'

export const evaluationMeta = () => call('evaluation_meta', {})
export const evaluationPreset = (rule: string, year: number) => call('evaluation_preset', { rule, year })
export const listEvaluations = () => call('evaluation_list', {})
export const getEvaluation = (id: number) => call('evaluation_get', { id })
export const createEvaluation = (data: EvaluationInput) => call('evaluation_create', data)
export const updateEvaluation = (id: number, data: EvaluationInput) => call('evaluation_update', { id, data })
export const copyEvaluation = (id: number, year: number) => call('evaluation_copy', { id, year })
export const getBallots = (id: number) => call('ballots_get', { id })
export const setBallots = (a: BallotArgs) => call('ballots_set', a)
export const evaluationResults = (id: number) => call('evaluation_results', { id })
export const closeEvaluation = (id: number) => call('evaluation_close', { id })
export const reopenEvaluation = (id: number, reason: string) => call('evaluation_reopen', { id, reason })

export const pointsTable = (q: PointsQuery) => call('points_table', compact(q))
export const pointRules = (year: number) => call('point_rules', { year })
export const setPointRules = (a: RulesArgs) => call('point_rules_set', a)
export const adjustPoints = (a: AdjustmentInput) => call('point_adjust', a)
export const getAttendance = (sessionId: number) => call('attendance_get', { id: sessionId })
export const setAttendance = (sessionId: number, rows: AttendanceRow[]) =>
  call('attendance_set', { session_id: sessionId, rows })
export const getDossier = (deputyId: number, year?: number) => call('dossier', compact({ deputy_id: deputyId, year }))
