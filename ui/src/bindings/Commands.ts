// Generated from the command table in src/api/mod.rs by `UPDATE_BINDINGS=1 cargo test --test bindings`.
import type { Activity } from "./Activity";
import type { ActivityInput } from "./ActivityInput";
import type { AdjustmentInput } from "./AdjustmentInput";
import type { AppStatus } from "./AppStatus";
import type { ArchiveInput } from "./ArchiveInput";
import type { ArchiveItem } from "./ArchiveItem";
import type { AssessmentAdjustInput } from "./AssessmentAdjustInput";
import type { AssessmentBlockInput } from "./AssessmentBlockInput";
import type { AssessmentItemInput } from "./AssessmentItemInput";
import type { AssessmentMeta } from "./AssessmentMeta";
import type { AssessmentResults } from "./AssessmentResults";
import type { AssessmentScoreInput } from "./AssessmentScoreInput";
import type { AssessmentSelfScoreInput } from "./AssessmentSelfScoreInput";
import type { AssessmentSelfSheet } from "./AssessmentSelfSheet";
import type { AssessmentSettings } from "./AssessmentSettings";
import type { AssessmentSheetQuery } from "./AssessmentSheetQuery";
import type { AssessmentTemplate } from "./AssessmentTemplate";
import type { AssessmentTownship } from "./AssessmentTownship";
import type { AssessmentTownshipInput } from "./AssessmentTownshipInput";
import type { AssessmentTownshipSheet } from "./AssessmentTownshipSheet";
import type { Attachment } from "./Attachment";
import type { AttachmentArgs } from "./AttachmentArgs";
import type { AttachmentFile } from "./AttachmentFile";
import type { AttendanceArgs } from "./AttendanceArgs";
import type { AttendanceRow } from "./AttendanceRow";
import type { AuditArgs } from "./AuditArgs";
import type { AuditEntry } from "./AuditEntry";
import type { BackupArgs } from "./BackupArgs";
import type { BackupInfo } from "./BackupInfo";
import type { BallotArgs } from "./BallotArgs";
import type { CalendarArgs } from "./CalendarArgs";
import type { CalendarDay } from "./CalendarDay";
import type { CalendarRange } from "./CalendarRange";
import type { Candidate } from "./Candidate";
import type { CandidateInput } from "./CandidateInput";
import type { CandidateQuery } from "./CandidateQuery";
import type { CategoryCount } from "./CategoryCount";
import type { ChangeInput } from "./ChangeInput";
import type { CheckReport } from "./CheckReport";
import type { CopyAnswer } from "./CopyAnswer";
import type { CopyArgs } from "./CopyArgs";
import type { Counts } from "./Counts";
import type { DemoArgs } from "./DemoArgs";
import type { DemoSummary } from "./DemoSummary";
import type { Deputy } from "./Deputy";
import type { DeputyChoice } from "./DeputyChoice";
import type { DeputyFigures } from "./DeputyFigures";
import type { DeputyInput } from "./DeputyInput";
import type { DeputyQuery } from "./DeputyQuery";
import type { DeputyRow } from "./DeputyRow";
import type { DeputySearch } from "./DeputySearch";
import type { Dossier } from "./Dossier";
import type { DossierArgs } from "./DossierArgs";
import type { Entry } from "./Entry";
import type { EntryInput } from "./EntryInput";
import type { EntryQuery } from "./EntryQuery";
import type { Enums } from "./Enums";
import type { Evaluation } from "./Evaluation";
import type { EvaluationInput } from "./EvaluationInput";
import type { EvaluationMeta } from "./EvaluationMeta";
import type { EvaluationResults } from "./EvaluationResults";
import type { EvaluationRow } from "./EvaluationRow";
import type { ExcelMeta } from "./ExcelMeta";
import type { ExportArgs } from "./ExportArgs";
import type { ExportResult } from "./ExportResult";
import type { FieldError } from "./FieldError";
import type { FieldReading } from "./FieldReading";
import type { FigureQuery } from "./FigureQuery";
import type { Figures } from "./Figures";
import type { FiguresQuery } from "./FiguresQuery";
import type { FixProgressInput } from "./FixProgressInput";
import type { GroupArgs } from "./GroupArgs";
import type { HearingApplication } from "./HearingApplication";
import type { HearingApplicationInput } from "./HearingApplicationInput";
import type { HearingDetail } from "./HearingDetail";
import type { HearingDrawCheck } from "./HearingDrawCheck";
import type { HearingDrawCheckArgs } from "./HearingDrawCheckArgs";
import type { HearingFigures } from "./HearingFigures";
import type { HearingMeeting } from "./HearingMeeting";
import type { HearingMeetingInput } from "./HearingMeetingInput";
import type { HearingMeta } from "./HearingMeta";
import type { HearingMoveArgs } from "./HearingMoveArgs";
import type { HearingOpinion } from "./HearingOpinion";
import type { HearingOpinionInput } from "./HearingOpinionInput";
import type { HearingReviewArgs } from "./HearingReviewArgs";
import type { HearingSelectArgs } from "./HearingSelectArgs";
import type { HearingSettings } from "./HearingSettings";
import type { HearingYearArgs } from "./HearingYearArgs";
import type { IdArgs } from "./IdArgs";
import type { ImportArgs } from "./ImportArgs";
import type { ImportLogEntry } from "./ImportLogEntry";
import type { ImportReport } from "./ImportReport";
import type { Meeting } from "./Meeting";
import type { MeetingInput } from "./MeetingInput";
import type { Morning } from "./Morning";
import type { NoArgs } from "./NoArgs";
import type { Office } from "./Office";
import type { OfficeInput } from "./OfficeInput";
import type { Opinion } from "./Opinion";
import type { OpinionInput } from "./OpinionInput";
import type { OpinionQuery } from "./OpinionQuery";
import type { OpinionRow } from "./OpinionRow";
import type { OpinionStep } from "./OpinionStep";
import type { OversightFigures } from "./OversightFigures";
import type { OversightMeta } from "./OversightMeta";
import type { OversightRatingArgs } from "./OversightRatingArgs";
import type { OversightReminders } from "./OversightReminders";
import type { OversightSettings } from "./OversightSettings";
import type { OversightYear } from "./OversightYear";
import type { PackQuery } from "./PackQuery";
import type { PackageMeta } from "./PackageMeta";
import type { Page } from "./Page";
import type { ParseFieldArgs } from "./ParseFieldArgs";
import type { PeriodQuery } from "./PeriodQuery";
import type { PointsQuery } from "./PointsQuery";
import type { PointsTable } from "./PointsTable";
import type { PresetArgs } from "./PresetArgs";
import type { ProblemInput } from "./ProblemInput";
import type { ProblemItem } from "./ProblemItem";
import type { ProblemItemInput } from "./ProblemItemInput";
import type { ProgressInput } from "./ProgressInput";
import type { Project } from "./Project";
import type { ProjectDetail } from "./ProjectDetail";
import type { ProjectFiguresTable } from "./ProjectFiguresTable";
import type { ProjectInput } from "./ProjectInput";
import type { ProjectMeta } from "./ProjectMeta";
import type { ProjectQuery } from "./ProjectQuery";
import type { ProjectRatingArgs } from "./ProjectRatingArgs";
import type { ProjectRow } from "./ProjectRow";
import type { ProjectSettings } from "./ProjectSettings";
import type { Proposal } from "./Proposal";
import type { ProposalDecision } from "./ProposalDecision";
import type { ProposalInput } from "./ProposalInput";
import type { ProposalQuery } from "./ProposalQuery";
import type { PublishArgs } from "./PublishArgs";
import type { Received } from "./Received";
import type { ReceivedPackage } from "./ReceivedPackage";
import type { ReceivedRecords } from "./ReceivedRecords";
import type { ReceptionDay } from "./ReceptionDay";
import type { RecordsQuery } from "./RecordsQuery";
import type { ReminderBlock } from "./ReminderBlock";
import type { Reminders } from "./Reminders";
import type { ReopenArgs } from "./ReopenArgs";
import type { ReorderArgs } from "./ReorderArgs";
import type { ReportImportArgs } from "./ReportImportArgs";
import type { ReportPackArgs } from "./ReportPackArgs";
import type { RestoreArgs } from "./RestoreArgs";
import type { ReviewInput } from "./ReviewInput";
import type { RulesArgs } from "./RulesArgs";
import type { RulesResult } from "./RulesResult";
import type { Session } from "./Session";
import type { SessionInput } from "./SessionInput";
import type { Settings } from "./Settings";
import type { StartBlankArgs } from "./StartBlankArgs";
import type { Station } from "./Station";
import type { StationFiguresResult } from "./StationFiguresResult";
import type { StationInput } from "./StationInput";
import type { StationMeta } from "./StationMeta";
import type { StationQuery } from "./StationQuery";
import type { StationReminders } from "./StationReminders";
import type { StatusArgs } from "./StatusArgs";
import type { StepRequest } from "./StepRequest";
import type { Suggestion } from "./Suggestion";
import type { SuggestionInput } from "./SuggestionInput";
import type { SuggestionMeta } from "./SuggestionMeta";
import type { SuggestionQuery } from "./SuggestionQuery";
import type { SuggestionRow } from "./SuggestionRow";
import type { SuggestionSettings } from "./SuggestionSettings";
import type { Summary } from "./Summary";
import type { TallyInput } from "./TallyInput";
import type { TemplateArgs } from "./TemplateArgs";
import type { Term } from "./Term";
import type { TermInput } from "./TermInput";
import type { ToOpinionArgs } from "./ToOpinionArgs";
import type { ToSuggestionArgs } from "./ToSuggestionArgs";
import type { Topic } from "./Topic";
import type { TopicInput } from "./TopicInput";
import type { Unit } from "./Unit";
import type { UnitFigures } from "./UnitFigures";
import type { UnitInput } from "./UnitInput";
import type { UnitQuery } from "./UnitQuery";
import type { UpdateArgs } from "./UpdateArgs";
import type { VisitInput } from "./VisitInput";
import type { VoteInput } from "./VoteInput";
import type { VoteQuery } from "./VoteQuery";
import type { VoteRound } from "./VoteRound";
import type { VoteRow } from "./VoteRow";
import type { YearArgs } from "./YearArgs";

/** Every engine command: its name → the arguments it takes and the result it answers. */
export type Commands = {
  /**
   * Where the data lives, whether it is set up, the counts the start page shows.
   */
  app_status: { args: NoArgs; result: AppStatus };
  /**
   * First run without the demo: who this office is.
   */
  app_start_blank: { args: StartBlankArgs; result: AppStatus };
  /**
   * This office: its id (made once, when the data file is first opened), name, level and what the level sets by default.
   */
  office_get: { args: NoArgs; result: Office };
  office_set: { args: OfficeInput; result: Office };
  /**
   * 「这是另一个单位吗？」 for a data file copied from another PC or folder (`copied_from`).
   */
  office_confirm_copy: { args: CopyAnswer; result: Office };
  /**
   * Loads the demo data (`small`, the default, or `large`) into empty data.
   */
  app_load_demo: { args: DemoArgs; result: DemoSummary };
  app_check: { args: NoArgs; result: CheckReport };
  /**
   * Every option list of the forms and filters.
   */
  meta_enums: { args: NoArgs; result: Enums };
  /**
   * How the engine reads a typed date, month or phone number (the Excel import's rules).
   */
  parse_field: { args: ParseFieldArgs; result: FieldReading };
  /**
   * A backup into `dir` (default: the data folder's `backups/`), or to exactly `path`.
   */
  backup_create: { args: BackupArgs; result: BackupInfo };
  backup_list: { args: NoArgs; result: Array<BackupInfo> };
  /**
   * From a backup of this computer (`path`), one uploaded in the browser (`upload`) or the window's bytes.
   */
  backup_restore: { args: RestoreArgs; result: AppStatus };
  audit_list: { args: AuditArgs; result: Page<AuditEntry> };
  settings_get: { args: NoArgs; result: Settings };
  settings_set: { args: Settings; result: Settings };
  /**
   * With their `sessions`.
   */
  term_list: { args: NoArgs; result: Array<Term> };
  term_create: { args: TermInput; result: Term };
  term_update: { args: UpdateArgs<TermInput>; result: Term };
  session_create: { args: SessionInput; result: Session };
  session_update: { args: UpdateArgs<SessionInput>; result: Session };
  deputy_list: { args: DeputyQuery; result: Page<DeputyRow> };
  /**
   * A picker's search: at most `limit` deputies by name or pinyin initials, the chosen ones first.
   */
  deputy_search: { args: DeputySearch; result: Array<DeputyChoice> };
  /**
   * The active deputies per level and per 选区, counted by the engine.
   */
  deputy_figures: { args: NoArgs; result: DeputyFigures };
  deputy_get: { args: IdArgs; result: Deputy };
  deputy_create: { args: DeputyInput; result: Deputy };
  deputy_update: { args: UpdateArgs<DeputyInput>; result: Deputy };
  /**
   * Appends to `status_history`.
   */
  deputy_set_status: { args: StatusArgs; result: Deputy };
  deputy_deactivate: { args: IdArgs; result: Deputy };
  deputy_reactivate: { args: IdArgs; result: Deputy };
  unit_list: { args: UnitQuery; result: Page<Unit> };
  unit_get: { args: IdArgs; result: Unit };
  unit_create: { args: UnitInput; result: Unit };
  unit_update: { args: UpdateArgs<UnitInput>; result: Unit };
  unit_deactivate: { args: IdArgs; result: Unit };
  unit_reactivate: { args: IdArgs; result: Unit };
  station_list: { args: StationQuery; result: Page<Station> };
  station_get: { args: IdArgs; result: Station };
  station_create: { args: StationInput; result: Station };
  station_update: { args: UpdateArgs<StationInput>; result: Station };
  station_deactivate: { args: IdArgs; result: Station };
  station_reactivate: { args: IdArgs; result: Station };
  /**
   * A preview when `options.dry_run`, else the write (one transaction, a backup first); `committed` tells whether anything was written, `created` what the sheet's names create, `sheets` every sheet read or skipped with the reason. Reads .xlsx, .xls, .ods and the HTML tables web systems save as .xls; merged cells apply to every cell they cover; headers of one to three rows join.
   */
  import_file: { args: ImportArgs; result: ImportReport };
  import_log: { args: NoArgs; result: Array<ImportLogEntry> };
  /**
   * Every import kind (title, what it needs chosen, its template keys) and export kind (title), as the areas declare them.
   */
  excel_meta: { args: NoArgs; result: ExcelMeta };
  /**
   * The list `kind` exactly as shown (its query: filters, search, sort; every page).
   */
  export_list: { args: ExportArgs; result: ExportResult };
  /**
   * The name `export_list` gives the file, for the window's save dialog.
   */
  export_name: { args: ExportArgs; result: string };
  /**
   * A blank import template with its drop-down lists (a ballots one names its evaluation).
   */
  template_get: { args: TemplateArgs; result: ExportResult };
  /**
   * States, actions with labels, ratings, adoptions, contact stages and forms, periods, and the settings (review levels, classes, categories …).
   */
  suggestion_meta: { args: NoArgs; result: SuggestionMeta };
  suggestion_settings_get: { args: NoArgs; result: SuggestionSettings };
  suggestion_settings_set: { args: SuggestionSettings; result: SuggestionSettings };
  calendar_list: { args: YearArgs; result: Array<CalendarDay> };
  /**
   * `normal` undoes a shipped holiday or 调休 day, or removes the office's own.
   */
  calendar_set: { args: CalendarArgs; result: null };
  /**
   * `q` matches 案由 and text, 领衔代表 and 附议代表 (name or pinyin initials), the number (5, 5号, 第5号) and units; by `due`, undated items come last.
   */
  suggestion_list: { args: SuggestionQuery; result: Page<SuggestionRow> };
  /**
   * The row with its body, history `events`, `replies`, `ratings`, `contacts`, and `actions`: only what the state allows.
   */
  suggestion_get: { args: IdArgs; result: Suggestion };
  /**
   * A new suggestion, 审查中.
   */
  suggestion_create: { args: SuggestionInput; result: Suggestion };
  /**
   * Only while 审查中 · 退回修改 · 已立案.
   */
  suggestion_update: { args: UpdateArgs<SuggestionInput>; result: Suggestion };
  /**
   * One step of the suggestion's handling; a step the state does not allow is refused (`not_allowed`) naming the state.
   */
  suggestion_step: { args: StepRequest; result: Suggestion };
  /**
   * The 立案 numbers freed in the suggestion's session (or recess), offered at its last review.
   */
  suggestion_free_numbers: { args: IdArgs; result: Array<number> };
  /**
   * Counts and rates; a rate over zero items is `null` (shown as —).
   */
  suggestion_figures: { args: FigureQuery; result: Figures };
  /**
   * Per unit (DOMAIN.md §4.2 table 3).
   */
  unit_figures: { args: FigureQuery; result: Array<UnitFigures> };
  category_counts: { args: FigureQuery; result: Array<CategoryCount> };
  reminders: { args: NoArgs; result: Reminders };
  /**
   * Every reminder of 工作台 (suggestions and stations) as text, for `renda reminders`.
   */
  morning: { args: NoArgs; result: Morning };
  /**
   * The workbook: 说明, tables 1–7, data sheets with 记录标识 and 来源单位标识.
   */
  report_pack: { args: ReportPackArgs; result: ExportResult };
  /**
   * What the package of the period holds: office, period, rows per data sheet, checksums.
   */
  report_preview: { args: PackQuery; result: PackageMeta };
  /**
   * Refused: not a package, a changed checksum (naming the sheet), a package from the same or a higher level, rows of an office the package does not name. Waits for the user's choice (`action` older or rename) when not newer than the one held, or when its office id is known under another name.
   */
  report_import: { args: ReportImportArgs; result: Received };
  report_list: { args: NoArgs; result: Array<ReceivedPackage> };
  report_records: { args: RecordsQuery; result: ReceivedRecords };
  /**
   * Each office's figures and station counts; the total counted over all records.
   */
  report_summary: { args: PackQuery; result: Summary };
  /**
   * The year's figures by level: 本级, each office below (from its 上报包), 合计 (DOMAIN.md §5.6).
   */
  project_figures: { args: FiguresQuery; result: ProjectFiguresTable };
  station_meta: { args: NoArgs; result: StationMeta };
  /**
   * A station's archive (`id`: the station), with attachments.
   */
  archive_list: { args: IdArgs; result: Array<ArchiveItem> };
  archive_create: { args: ArchiveInput; result: ArchiveItem };
  archive_update: { args: UpdateArgs<ArchiveInput>; result: ArchiveItem };
  /**
   * Kept, out of the index.
   */
  archive_remove: { args: IdArgs; result: null };
  /**
   * Stored once under its SHA-256.
   */
  attachment_add: { args: AttachmentArgs; result: Attachment };
  /**
   * The file's bytes (a browser download; the window opens `path`).
   */
  attachment_get: { args: IdArgs; result: AttachmentFile };
  /**
   * `link`: where the loop stands; `attachments`: 签到表, photos.
   */
  entry_list: { args: EntryQuery; result: Page<Entry> };
  entry_get: { args: IdArgs; result: Entry };
  entry_create: { args: EntryInput; result: Entry };
  entry_update: { args: UpdateArgs<EntryInput>; result: Entry };
  entry_remove: { args: IdArgs; result: null };
  /**
   * The opinion a contact becomes (`source_id` = the contact).
   */
  contact_to_opinion: { args: ToOpinionArgs; result: Entry };
  /**
   * The prefill of a suggestion from an opinion: 案由, deputies, text with its source, category.
   */
  opinion_suggestion_draft: { args: IdArgs; result: SuggestionInput };
  /**
   * Deputies carried over, linked back.
   */
  opinion_to_suggestion: { args: ToSuggestionArgs; result: Suggestion };
  station_figures: { args: PeriodQuery; result: StationFiguresResult };
  /**
   * Each reception day: 已接待 · 待接待 · 未登记.
   */
  reception_calendar: { args: CalendarRange; result: Array<ReceptionDay> };
  /**
   * Receptions from tomorrow through each station's notice days; feedback overdue.
   */
  station_reminders: { args: NoArgs; result: StationReminders };
  /**
   * Every list of the area: 领域, the negative list, sources, states, modes, pass rules, outcomes.
   */
  project_meta: { args: NoArgs; result: ProjectMeta };
  /**
   * A person's 单位 and 电话 masked.
   */
  proposal_list: { args: ProposalQuery; result: Page<Proposal> };
  proposal_get: { args: IdArgs; result: Proposal };
  /**
   * Refused naming the negative list's word and its reason.
   */
  proposal_create: { args: ProposalInput; result: Proposal };
  proposal_update: { args: UpdateArgs<ProposalInput>; result: Proposal };
  /**
   * 筛选论证: a candidate made from it, or declined with the reason.
   */
  proposal_decide: { args: ProposalDecision; result: Proposal };
  /**
   * A year's candidates in 序号 order, with their 子项目.
   */
  candidate_list: { args: CandidateQuery; result: Array<Candidate> };
  candidate_get: { args: IdArgs; result: Candidate };
  candidate_create: { args: CandidateInput; result: Candidate };
  /**
   * Refused once a counted ballot carried it.
   */
  candidate_update: { args: UpdateArgs<CandidateInput>; result: Candidate };
  candidate_deactivate: { args: IdArgs; result: Candidate };
  candidate_reactivate: { args: IdArgs; result: Candidate };
  candidate_reorder: { args: ReorderArgs; result: Array<Candidate> };
  /**
   * Every round, newest first.
   */
  vote_list: { args: VoteQuery; result: Array<VoteRow> };
  /**
   * The round with its ballot, ranks, outcomes, the result's statements and the adopted of every round.
   */
  vote_get: { args: IdArgs; result: VoteRound };
  /**
   * Empty `candidate_ids`: the year's active candidates in 序号 order.
   */
  vote_create: { args: VoteInput; result: VoteRound };
  /**
   * Only before the count.
   */
  vote_update: { args: UpdateArgs<VoteInput>; result: VoteRound };
  /**
   * Refused with every figure that does not add up.
   */
  vote_count: { args: TallyInput; result: VoteRound };
  /**
   * The figures of a tally being typed that do not add up (nothing is saved).
   */
  vote_check: { args: TallyInput; result: Array<FieldError> };
  /**
   * A new round among the tied at the cut-off, for the places still open.
   */
  vote_revote: { args: IdArgs; result: VoteRound };
  /**
   * The adopted candidates of every round become projects; the rounds lock.
   */
  vote_confirm: { args: IdArgs; result: VoteRound };
  /**
   * Kinds, rules with their text, stages, point kinds with defaults.
   */
  evaluation_meta: { args: NoArgs; result: EvaluationMeta };
  /**
   * Three rater groups; criteria for `score100`.
   */
  evaluation_preset: { args: PresetArgs; result: EvaluationInput };
  evaluation_list: { args: NoArgs; result: Array<EvaluationRow> };
  evaluation_get: { args: IdArgs; result: Evaluation };
  evaluation_create: { args: EvaluationInput; result: Evaluation };
  evaluation_update: { args: UpdateArgs<EvaluationInput>; result: Evaluation };
  evaluation_copy: { args: CopyArgs; result: Evaluation };
  ballots_get: { args: IdArgs; result: BallotArgs };
  /**
   * Refused with every count that does not add up, by name.
   */
  ballots_set: { args: BallotArgs; result: EvaluationResults };
  /**
   * Per subject and group: rates, score, grade; composite, rank.
   */
  evaluation_results: { args: IdArgs; result: EvaluationResults };
  /**
   * Closed = locked.
   */
  evaluation_close: { args: IdArgs; result: Evaluation };
  /**
   * Audited with its reason.
   */
  evaluation_reopen: { args: ReopenArgs; result: Evaluation };
  /**
   * Per deputy: counts and points per kind, adjustments, 履职天数, total, rank, group rank, low.
   */
  points_table: { args: PointsQuery; result: PointsTable };
  point_rules: { args: YearArgs; result: RulesResult };
  point_rules_set: { args: RulesArgs; result: null };
  point_adjust: { args: AdjustmentInput; result: null };
  /**
   * The attendance of one session (`id`: the session).
   */
  attendance_get: { args: IdArgs; result: Array<AttendanceRow> };
  attendance_set: { args: AttendanceArgs; result: null };
  dossier: { args: DossierArgs; result: Dossier };
  /**
   * Fields, statuses, stages, 进度等次, visit kinds, change and reminder kinds, each with label and tone. 进度等次's tolerance (percentage points) and the days before a project without progress is reminded.
   */
  project_settings_get: { args: NoArgs; result: ProjectSettings };
  project_settings_set: { args: ProjectSettings; result: ProjectSettings };
  /**
   * Each row with its latest stage, 完成投资, 进度等次 today and open problems; `year` includes 跨年度 projects.
   */
  project_list: { args: ProjectQuery; result: Page<ProjectRow> };
  /**
   * With yearly targets, group, progress, changes, visits, 问题清单 and the rating result.
   */
  project_get: { args: IdArgs; result: ProjectDetail };
  project_create: { args: ProjectInput; result: Project };
  /**
   * A correction of the facts; a decided change is `project_change`.
   */
  project_update: { args: UpdateArgs<ProjectInput>; result: Project };
  /**
   * The 监督小组: deputies, the leader one of them.
   */
  project_group_set: { args: GroupArgs; result: Project };
  /**
   * Appended; 完工 sets the actual completion. A 完成投资 below an earlier entry's needs `correction`.
   */
  progress_add: { args: ProgressInput; result: Project };
  /**
   * A change (new facts, the old kept) or a cancellation, with 批准机关 and 批准日期.
   */
  project_change: { args: ChangeInput; result: Project };
  /**
   * 视察 / 调研 with the deputies present: 履职积分 once a day per deputy.
   */
  visit_add: { args: VisitInput; result: Project };
  problem_add: { args: ProblemInput; result: Project };
  /**
   * 整改情况, resolved date; every version stays in the audit log.
   */
  problem_update: { args: UpdateArgs<ProblemInput>; result: Project };
  /**
   * Progress not updated, planned completion passed, a 问题 past its 整改时限.
   */
  project_reminders: { args: NoArgs; result: Array<ReminderBlock> };
  /**
   * The year's 民生实事项目测评: an evaluation whose subjects are the year's adopted projects.
   */
  project_rating_create: { args: ProjectRatingArgs; result: Evaluation };
  /**
   * Every list of the area: report kinds, states, actions, 整改状态, activity kinds.
   */
  oversight_meta: { args: NoArgs; result: OversightMeta };
  /**
   * 研究处理时限 by report kind (months from 交办), the rates' decimals, the days 工作台 warns ahead.
   */
  oversight_settings_get: { args: NoArgs; result: OversightSettings };
  oversight_settings_set: { args: OversightSettings; result: OversightSettings };
  /**
   * A 议题 of the year's 监督工作计划.
   */
  oversight_topic_create: { args: TopicInput; result: Topic };
  oversight_topic_list: { args: OversightYear; result: Array<Topic> };
  /**
   * A 常委会 (or 主席团) meeting with its 列席 deputies (履职积分 once a day).
   */
  oversight_meeting_create: { args: MeetingInput; result: Meeting };
  oversight_meeting_list: { args: OversightYear; result: Array<Meeting> };
  oversight_opinion_create: { args: OpinionInput; result: Opinion };
  oversight_opinion_list: { args: OpinionQuery; result: Array<OpinionRow> };
  /**
   * An opinion with its rounds, history, 问题清单, activities, next actions and the two-不满意 warning.
   */
  oversight_opinion_get: { args: IdArgs; result: Opinion };
  /**
   * 交办, 开始研究处理, 延期, 收到报告, 重新研究处理, 跟踪监督, 办结: an illegal step is refused.
   */
  oversight_opinion_step: { args: OpinionStep; result: Opinion };
  /**
   * 公开日期 of an opinion and its handling.
   */
  oversight_opinion_publish: { args: PublishArgs; result: Opinion };
  /**
   * A round's 满意度测评 from its counted ballots (an evaluation of the §2.1 machinery).
   */
  oversight_rate: { args: OversightRatingArgs; result: Opinion };
  oversight_problem_add: { args: ProblemItemInput; result: Opinion };
  /**
   * A dated 推进情况 entry with the 整改状态 after it; the same entry twice adds nothing.
   */
  oversight_progress_add: { args: FixProgressInput; result: Opinion };
  /**
   * 人大复核评价 of a problem.
   */
  oversight_problem_review: { args: ReviewInput; result: Opinion };
  /**
   * The problems of a year's opinions with their 推进情况.
   */
  oversight_problem_list: { args: OversightYear; result: Array<ProblemItem> };
  /**
   * 执法检查 / 视察 / 跟踪检查 / 回头看 on a 议题 with the deputies who took part.
   */
  oversight_activity_add: { args: ActivityInput; result: Array<Activity> };
  /**
   * 件数, 按期报告率, 整改率, 测评满意率: one year, or every year when none is given.
   */
  oversight_figures: { args: OversightYear; result: Array<OversightFigures> };
  /**
   * Time limits passed or near, reports waiting for a rating, opinions rated 不满意 twice.
   */
  oversight_reminders: { args: NoArgs; result: OversightReminders };
  /**
   * Every list of the area: meeting kinds, methods, sources, 推荐单位 kinds, the states with their tones.
   */
  hearing_meta: { args: NoArgs; result: HearingMeta };
  /**
   * Default 名额 by meeting kind, the age and residence rule.
   */
  hearing_settings_get: { args: NoArgs; result: HearingSettings };
  hearing_settings_set: { args: HearingSettings; result: HearingSettings };
  /**
   * The meetings open to citizens of a year (every year without one), latest first.
   */
  hearing_meetings: { args: HearingYearArgs; result: Array<HearingMeeting> };
  /**
   * A meeting with its applications (身份证号, 电话, 住址 masked; what the checks propose) and opinions.
   */
  hearing_get: { args: IdArgs; result: HearingDetail };
  /**
   * The 公告; 名额 empty takes the kind's default from the settings.
   */
  hearing_meeting_create: { args: HearingMeetingInput; result: HearingMeeting };
  /**
   * A correction of the 公告, until the 遴选.
   */
  hearing_meeting_update: { args: UpdateArgs<HearingMeetingInput>; result: HearingMeeting };
  /**
   * 报名: a bad 身份证号, a late one or a second one of the same person to the same meeting is refused.
   */
  hearing_apply: { args: HearingApplicationInput; result: HearingApplication };
  /**
   * 审核通过 (only when the checks find nothing) or 不符合条件 with a reason.
   */
  hearing_review: { args: HearingReviewArgs; result: HearingApplication };
  /**
   * Every application still 申请 reviewed as the checks propose.
   */
  hearing_review_all: { args: IdArgs; result: HearingDetail };
  /**
   * 遴选 by order of application or by a draw from a seed (chosen and kept when not given).
   */
  hearing_select: { args: HearingSelectArgs; result: HearingMeeting };
  /**
   * The draw re-run from a seed (the printed one by default): its list, and whether it is the stored one.
   */
  hearing_draw_check: { args: HearingDrawCheckArgs; result: HearingDrawCheck };
  /**
   * 入选 (within the 名额) / 未入选 corrected by hand, 签到, 缺席.
   */
  hearing_move: { args: HearingMoveArgs; result: HearingApplication };
  /**
   * 旁听证 numbers (年-会次-序号) and seats for every 入选.
   */
  hearing_cards_issue: { args: IdArgs; result: HearingMeeting };
  hearing_opinion_create: { args: HearingOpinionInput; result: HearingOpinion };
  /**
   * 转交单位, 答复 and 采纳 recorded as they come.
   */
  hearing_opinion_update: { args: UpdateArgs<HearingOpinionInput>; result: HearingOpinion };
  /**
   * 旁听人次, 旁听议题数, 意见数, 采纳数 of a year, or of every year that has a meeting.
   */
  hearing_figures: { args: HearingYearArgs; result: Array<HearingFigures> };
  /**
   * Automatic sources with how each is counted, grades, rank bases, 报送 states.
   */
  assessment_meta: { args: NoArgs; result: AssessmentMeta };
  /**
   * The year's template with its blocks and items (none yet: null).
   */
  assessment_template_get: { args: YearArgs; result: AssessmentTemplate | null };
  assessment_template_create: { args: YearArgs; result: AssessmentTemplate };
  /**
   * The latest earlier year's template copied, with new ids.
   */
  assessment_template_copy: { args: YearArgs; result: AssessmentTemplate };
  /**
   * Grade thresholds (on the base score) and the rank basis.
   */
  assessment_settings_set: { args: AssessmentSettings; result: AssessmentTemplate };
  assessment_block_add: { args: AssessmentBlockInput; result: AssessmentTemplate };
  assessment_item_add: { args: AssessmentItemInput; result: AssessmentTemplate };
  assessment_item_update: { args: UpdateArgs<AssessmentItemInput>; result: AssessmentTemplate };
  /**
   * The item leaves the template; its scores stay in the history.
   */
  assessment_item_remove: { args: IdArgs; result: AssessmentTemplate };
  /**
   * The township's 自评 against the imported template, automatic items proposed from its records.
   */
  assessment_self_sheet: { args: YearArgs; result: AssessmentSelfSheet };
  /**
   * Appended; overriding an automatic proposal needs the reason.
   */
  assessment_self_score: { args: AssessmentSelfScoreInput; result: AssessmentSelfSheet };
  assessment_townships: { args: NoArgs; result: Array<AssessmentTownship> };
  assessment_township_add: { args: AssessmentTownshipInput; result: Array<AssessmentTownship> };
  /**
   * Per township: base, bonus, total, grade on the base, rank (ties share), 未报送.
   */
  assessment_results: { args: YearArgs; result: AssessmentResults };
  /**
   * One township's sheet: 自评 beside 考核组, 加减分, every earlier score.
   */
  assessment_sheet: { args: AssessmentSheetQuery; result: AssessmentTownshipSheet };
  /**
   * A 考核组 score, appended; overriding the automatic proposal needs the reason.
   */
  assessment_score: { args: AssessmentScoreInput; result: AssessmentTownshipSheet };
  /**
   * Refused when it would take the item below zero or above its points.
   */
  assessment_adjust: { args: AssessmentAdjustInput; result: AssessmentTownshipSheet };
};
