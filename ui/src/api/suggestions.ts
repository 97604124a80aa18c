// 代表建议办理 (issue 4): every command of docs/API.md "issue 4", typed from the bindings.
import { call, compact } from './index'
import type { Page } from '../bindings/Page'
import type { Suggestion } from '../bindings/Suggestion'
import type { SuggestionRow } from '../bindings/SuggestionRow'
import type { SuggestionQuery } from '../bindings/SuggestionQuery'
import type { SuggestionInput } from '../bindings/SuggestionInput'
import type { SuggestionMeta } from '../bindings/SuggestionMeta'
import type { StepRequest } from '../bindings/StepRequest'
import type { Figures } from '../bindings/Figures'
import type { FigureQuery } from '../bindings/FigureQuery'
import type { UnitFigures } from '../bindings/UnitFigures'
import type { CategoryCount } from '../bindings/CategoryCount'
import type { Reminders } from '../bindings/Reminders'
import type { SuggestionSettings } from '../bindings/SuggestionSettings'
import type { CalendarDay } from '../bindings/CalendarDay'
import type { CalendarArgs } from '../bindings/CalendarArgs'

export const suggestionMeta = () => call<SuggestionMeta>('suggestion_meta')
export const listSuggestions = (q: SuggestionQuery) => call<Page<SuggestionRow>>('suggestion_list', compact(q))
export const getSuggestion = (id: number) => call<Suggestion>('suggestion_get', { id })
export const createSuggestion = (data: SuggestionInput) => call<Suggestion>('suggestion_create', data)
export const updateSuggestion = (id: number, data: SuggestionInput) => call<Suggestion>('suggestion_update', { id, data })
export const stepSuggestion = (args: StepRequest) => call<Suggestion>('suggestion_step', args)
export const suggestionFigures = (q: FigureQuery) => call<Figures>('suggestion_figures', compact(q))
export const unitFigures = (q: FigureQuery) => call<UnitFigures[]>('unit_figures', compact(q))
export const categoryCounts = (q: FigureQuery) => call<CategoryCount[]>('category_counts', compact(q))
export const reminders = () => call<Reminders>('reminders')

// 设置 → 建议办理规则 and the working-day calendar (SPEC §1.2)
export const suggestionSettingsGet = () => call<SuggestionSettings>('suggestion_settings_get')
export const suggestionSettingsSet = (s: SuggestionSettings) => call<SuggestionSettings>('suggestion_settings_set', s)
export const calendarList = (year: number) => call<CalendarDay[]>('calendar_list', { year })
export const calendarSet = (a: CalendarArgs) => call<object>('calendar_set', a)
