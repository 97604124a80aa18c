// 代表建议办理: one typed call per command (the types come from the command table, `Commands`).
import { call, compact } from './index'
import type { SuggestionQuery } from '../bindings/SuggestionQuery'
import type { SuggestionInput } from '../bindings/SuggestionInput'
import type { StepRequest } from '../bindings/StepRequest'
import type { FigureQuery } from '../bindings/FigureQuery'
import type { SuggestionSettings } from '../bindings/SuggestionSettings'
import type { CalendarArgs } from '../bindings/CalendarArgs'

export const suggestionMeta = () => call('suggestion_meta', {})
export const listSuggestions = (q: SuggestionQuery) => call('suggestion_list', compact(q))
export const getSuggestion = (id: number) => call('suggestion_get', { id })
export const createSuggestion = (data: SuggestionInput) => call('suggestion_create', data)
export const updateSuggestion = (id: number, data: SuggestionInput) => call('suggestion_update', { id, data })
export const stepSuggestion = (args: StepRequest) => call('suggestion_step', args)
export const freeNumbers = (id: number) => call('suggestion_free_numbers', { id })
export const suggestionFigures = (q: FigureQuery) => call('suggestion_figures', compact(q))
export const unitFigures = (q: FigureQuery) => call('unit_figures', compact(q))
export const categoryCounts = (q: FigureQuery) => call('category_counts', compact(q))
export const reminders = () => call('reminders', {})

// 设置 → 建议办理规则 and the working-day calendar (DOMAIN.md §1.2)
export const suggestionSettingsGet = () => call('suggestion_settings_get', {})
export const suggestionSettingsSet = (s: SuggestionSettings) => call('suggestion_settings_set', s)
export const calendarList = (year: number) => call('calendar_list', { year })
export const calendarSet = (a: CalendarArgs) => call('calendar_set', a)
