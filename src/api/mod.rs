//! The command layer: one dispatch, `call(renda, name, args)`, that every transport uses — the
//! Tauri IPC command, `renda serve`'s HTTP endpoint and the tests. Requests and responses are the
//! typed structs of the engine; their TypeScript twins are generated into `ui/src/bindings/`.
//!
//! Every command is declared once, in the `commands!` table below: its name, its argument type,
//! its result type and what it runs. The table makes the dispatch, `COMMANDS` and the TypeScript
//! map `Commands` (name → args, result) that types the window's `call`.

mod files;
pub mod kinds;
pub mod types;

pub use files::{export_list, export_name};

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

pub use kinds::{ExcelMeta, ExportRequest, ImportKind};
pub use types::*;

use crate::assessment::model as am;
use crate::common::Page;
use crate::error::{Error, Result};
use crate::evaluation::model::*;
use crate::oversight::model::{
    Activity, ActivityInput, FixProgressInput, Meeting, MeetingInput, Opinion, OpinionInput, OpinionQuery, OpinionRow,
    OpinionStep, OversightMeta, OversightReminders, OversightSettings, OversightYear, ProblemItem, ProblemItemInput,
    PublishArgs, ReviewInput, Topic, TopicInput,
};
use crate::projects::model::*;
use crate::projects::model::{
    Candidate, CandidateInput, CandidateQuery, ProjectMeta, Proposal, ProposalDecision, ProposalInput, ProposalQuery,
    ReorderArgs, TallyInput, VoteInput, VoteQuery, VoteRound, VoteRow,
};
use crate::projects::ProjectSettings;
use crate::roster::model::*;
use crate::stations::model::*;
use crate::Renda;

fn args<T: DeserializeOwned>(name: &str, v: Value) -> Result<T> {
    let v = if v.is_null() { Value::Object(Default::default()) } else { v };
    serde_json::from_value(v).map_err(|e| {
        let msg = e.to_string();
        // a kind the engine does not know is refused in Chinese by its own deserializer
        if let Some(refusal) = crate::excel::kinds::field_refusal(&msg) {
            return refusal;
        }
        // serde's own text is English: name the field it tripped on, if any
        let field = msg.split('`').nth(1).map(|f| format!("（字段 {f}）")).unwrap_or_default();
        Error::invalid(format!("操作「{name}」的参数有误{field}。请刷新页面后重试；如仍出错，请联系技术支持。"))
    })
}

fn out<T: Serialize>(v: T) -> Result<Value> {
    serde_json::to_value(v).map_err(|e| Error::Internal(format!("结果无法转换为 JSON：{e}")))
}

/// Runs the command `name` with JSON `args` and returns its JSON result. A panic inside (a bug)
/// is caught here, the one place every transport passes, so the window, `renda serve` and the CLI
/// answer with an internal error instead of dying; the open transaction rolls back as it unwinds.
pub fn call(r: &mut Renda, name: &str, mut a: Value) -> Result<Value> {
    crate::fields::clean_args(&mut a)?;
    let run = std::panic::AssertUnwindSafe(|| {
        // debug builds only: lets the tests prove that a panic is caught at this dispatch
        if name == "debug_panic" && cfg!(debug_assertions) {
            panic!("测试用的内部错误");
        }
        dispatch(r, name, a)
    });
    std::panic::catch_unwind(run).unwrap_or_else(|payload| {
        let what = panic_text(payload.as_ref());
        eprintln!("内部错误：操作「{name}」中断：{what}");
        Err(Error::Internal(format!("操作「{name}」：{}", crate::fields::quote(&what))))
    })
}

pub use crate::error::panic_text;

/// Declares the commands: `fn name(renda, args: Args) -> Result { body }`, each once. Makes one
/// function per command (module `run`), the dispatch by name, `COMMANDS`, and `command_types()`
/// from which the TypeScript map is written.
macro_rules! commands {
    ($( $(#[doc = $doc:literal])* fn $name:ident($r:ident, $a:ident: $args:ty) -> $res:ty $body:block )*) => {
        mod run {
            use super::*;
            $( pub(super) fn $name($r: &mut Renda, $a: $args) -> Result<$res> $body )*
        }

        fn dispatch(r: &mut Renda, name: &str, a: Value) -> Result<Value> {
            match name {
                $( stringify!($name) => out(run::$name(r, args::<$args>(name, a)?)?), )*
                _ => Err(Error::UnknownCommand(name.to_string())),
            }
        }

        /// The names `call` answers, in the order they are declared.
        pub const COMMANDS: &[&str] = &[$( stringify!($name) ),*];

        /// Every command with its argument and result types, for the TypeScript map.
        pub fn command_types() -> Vec<CommandType> {
            vec![$( CommandType::of::<$args, $res>(stringify!($name), concat!($( $doc ),*)) ),*]
        }
    };
}

use crate::suggestions::model::{
    CalendarDay, CategoryCount, FigureQuery, Figures, Reminders, StepRequest, Suggestion, SuggestionInput,
    SuggestionQuery, SuggestionRow, SuggestionSettings, UnitFigures,
};

commands! {
    // ---- the app, the office, settings, backups
    /// Where the data lives, whether it is set up, the counts the start page shows.
    fn app_status(r, _a: NoArgs) -> crate::app::AppStatus { r.status() }
    /// First run without the demo: who this office is.
    fn app_start_blank(r, a: StartBlankArgs) -> crate::app::AppStatus { r.start_blank(a.office.as_ref()) }
    /// This office: its id (made once, when the data file is first opened), name, level and what the level sets by
    /// default.
    fn office_get(r, _a: NoArgs) -> crate::office::Office { r.office() }
    fn office_set(r, a: crate::office::OfficeInput) -> crate::office::Office { r.office_set(&a) }
    /// 「这是另一个单位吗？」 for a data file copied from another PC or folder (`copied_from`).
    fn office_confirm_copy(r, a: crate::office::CopyAnswer) -> crate::office::Office { r.office_confirm_copy(&a) }
    /// Loads the demo data (`small`, the default, or `large`) into empty data.
    fn app_load_demo(r, a: DemoArgs) -> crate::demo::DemoSummary {
        r.load_demo(crate::demo::Scale::parse(a.scale.as_deref().unwrap_or("small"))?)
    }
    fn app_check(r, _a: NoArgs) -> crate::db::CheckReport { r.check() }
    /// Every option list of the forms and filters.
    fn meta_enums(_r, _a: NoArgs) -> Enums { Ok(enums()) }
    /// How the engine reads a typed date, month or phone number (the Excel import's rules).
    fn parse_field(_r, a: ParseFieldArgs) -> crate::excel::spec::FieldReading {
        // a text that cannot be read is an answer, not a refusal: the form shows why under the field
        Ok(crate::excel::spec::read_field(&a.kind, &a.text).unwrap_or_else(|why| crate::excel::spec::FieldReading {
            value: None,
            note: None,
            warning: None,
            problem: Some(why),
        }))
    }
    /// A backup into `dir` (default: the data folder's `backups/`), or to exactly `path`.
    fn backup_create(r, a: BackupArgs) -> crate::app::BackupInfo {
        if let Some(p) = a.path.filter(|p| !p.trim().is_empty()) {
            return r.backup_create_at(std::path::Path::new(&p));
        }
        let dir = a.dir.filter(|d| !d.trim().is_empty()).map(std::path::PathBuf::from);
        r.backup_create(dir.as_deref())
    }
    fn backup_list(r, _a: NoArgs) -> Vec<crate::app::BackupInfo> { r.backup_list() }
    /// From a backup of this computer (`path`), one uploaded in the browser (`upload`) or the
    /// window's bytes.
    fn backup_restore(r, a: RestoreArgs) -> crate::app::AppStatus {
        match a.file.open(r.db_path(), MAX_BACKUP_BYTES)? {
            crate::upload::Opened::File(f) => r.restore_from(&f.path),
            crate::upload::Opened::Bytes(b) => r.restore_from_bytes(&b),
        }
    }
    fn audit_list(r, a: AuditArgs) -> Page<crate::app::AuditEntry> {
        r.audit_list(a.kind.as_deref(), a.page, a.page_size)
    }
    fn settings_get(r, _a: NoArgs) -> Settings { r.settings() }
    fn settings_set(r, a: Settings) -> Settings { r.set_settings(&a) }

    // ---- terms and sessions, the roster
    /// With their `sessions`.
    fn term_list(r, _a: NoArgs) -> Vec<Term> { r.term_list() }
    fn term_create(r, a: TermInput) -> Term { r.term_create(&a) }
    fn term_update(r, a: UpdateArgs<TermInput>) -> Term { r.term_update(a.id, &a.data) }
    fn session_create(r, a: SessionInput) -> Session { r.session_create(&a) }
    fn session_update(r, a: UpdateArgs<SessionInput>) -> Session { r.session_update(a.id, &a.data) }
    fn deputy_list(r, a: DeputyQuery) -> Page<DeputyRow> { r.deputy_list(&a) }
    /// A picker's search: at most `limit` deputies by name or pinyin initials, the chosen ones first.
    fn deputy_search(r, a: DeputySearch) -> Vec<DeputyChoice> { r.deputy_search(&a) }
    /// The active deputies per level and per 选区, counted by the engine.
    fn deputy_figures(r, _a: NoArgs) -> DeputyFigures { r.deputy_figures() }
    fn deputy_get(r, a: IdArgs) -> Deputy { r.deputy_get(a.id) }
    fn deputy_create(r, a: DeputyInput) -> Deputy { r.deputy_create(&a) }
    fn deputy_update(r, a: UpdateArgs<DeputyInput>) -> Deputy { r.deputy_update(a.id, &a.data) }
    /// Appends to `status_history`.
    fn deputy_set_status(r, a: StatusArgs) -> Deputy { r.deputy_set_status(a.id, &a.status, &a.date, &a.note) }
    fn deputy_deactivate(r, a: IdArgs) -> Deputy { r.deputy_set_active(a.id, false) }
    fn deputy_reactivate(r, a: IdArgs) -> Deputy { r.deputy_set_active(a.id, true) }
    fn unit_list(r, a: UnitQuery) -> Page<Unit> { r.unit_list(&a) }
    fn unit_get(r, a: IdArgs) -> Unit { r.unit_get(a.id) }
    fn unit_create(r, a: UnitInput) -> Unit { r.unit_create(&a) }
    fn unit_update(r, a: UpdateArgs<UnitInput>) -> Unit { r.unit_update(a.id, &a.data) }
    fn unit_deactivate(r, a: IdArgs) -> Unit { r.unit_set_active(a.id, false) }
    fn unit_reactivate(r, a: IdArgs) -> Unit { r.unit_set_active(a.id, true) }
    fn station_list(r, a: StationQuery) -> Page<Station> { r.station_list(&a) }
    fn station_get(r, a: IdArgs) -> Station { r.station_get(a.id) }
    fn station_create(r, a: StationInput) -> Station { r.station_create(&a) }
    fn station_update(r, a: UpdateArgs<StationInput>) -> Station { r.station_update(a.id, &a.data) }
    fn station_deactivate(r, a: IdArgs) -> Station { r.station_set_active(a.id, false) }
    fn station_reactivate(r, a: IdArgs) -> Station { r.station_set_active(a.id, true) }

    // ---- Excel in and out (files travel as base64, or are written to the path the window chose)
    /// A preview when `options.dry_run`, else the write (one transaction, a backup first); `committed`
    /// tells whether anything was written, `created` what the sheet's names create, `sheets` every
    /// sheet read or skipped with the reason. Reads .xlsx, .xls, .ods and the HTML tables web systems
    /// save as .xls; merged cells apply to every cell they cover; headers of one to three rows join.
    fn import_file(r, a: ImportArgs) -> crate::excel::import::ImportReport {
        files::import_file(r, a)
    }
    fn import_log(r, _a: NoArgs) -> Vec<crate::excel::import::ImportLogEntry> { files::import_log(r) }
    /// Every import kind (title, what it needs chosen, its template keys) and export kind (title),
    /// as the areas declare them.
    fn excel_meta(_r, _a: NoArgs) -> ExcelMeta { Ok(ExcelMeta::new()) }
    /// The list `kind` exactly as shown (its query: filters, search, sort; every page).
    fn export_list(r, a: ExportArgs) -> ExportResult { files::export_list(r, a) }
    /// The name `export_list` gives the file, for the window's save dialog.
    fn export_name(r, a: ExportArgs) -> String { files::export_name(r, &a) }
    /// A blank import template with its drop-down lists (a ballots one names its evaluation).
    fn template_get(r, a: TemplateArgs) -> ExportResult { files::template_get(r, a) }

    // ---- 代表建议
    /// States, actions with labels, ratings, adoptions, contact stages and forms, periods, and the settings (review
    /// levels, classes, categories …).
    fn suggestion_meta(r, _a: NoArgs) -> SuggestionMeta { Ok(SuggestionMeta::new(&r.suggestion_settings()?)) }
    fn suggestion_settings_get(r, _a: NoArgs) -> SuggestionSettings { r.suggestion_settings() }
    fn suggestion_settings_set(r, a: SuggestionSettings) -> SuggestionSettings { r.set_suggestion_settings(&a) }
    fn calendar_list(r, a: YearArgs) -> Vec<CalendarDay> { r.calendar_list(a.year) }
    /// `normal` undoes a shipped holiday or 调休 day, or removes the office's own.
    fn calendar_set(r, a: CalendarArgs) -> () { r.calendar_set(&a.date, &a.kind, &a.name) }
    /// `q` matches 案由 and text, 领衔代表 and 附议代表 (name or pinyin initials), the number (5, 5号, 第5号) and units; by `due`,
    /// undated items come last.
    fn suggestion_list(r, a: SuggestionQuery) -> Page<SuggestionRow> { r.suggestion_list(&a) }
    /// The row with its body, history `events`, `replies`, `ratings`, `contacts`, and `actions`: only what the state
    /// allows.
    fn suggestion_get(r, a: IdArgs) -> Suggestion { r.suggestion_get(a.id) }
    /// A new suggestion, 审查中.
    fn suggestion_create(r, a: SuggestionInput) -> Suggestion { r.suggestion_create(&a) }
    /// Only while 审查中 · 退回修改 · 已立案.
    fn suggestion_update(r, a: UpdateArgs<SuggestionInput>) -> Suggestion { r.suggestion_update(a.id, &a.data) }
    /// One step of the suggestion's handling; a step the state does not allow is refused (`not_allowed`) naming the
    /// state.
    fn suggestion_step(r, a: StepRequest) -> Suggestion { r.suggestion_step(&a) }
    /// The 立案 numbers freed in the suggestion's session (or recess), offered at its last review.
    fn suggestion_free_numbers(r, a: IdArgs) -> Vec<i64> { r.suggestion_free_numbers(a.id) }
    /// Counts and rates; a rate over zero items is `null` (shown as —).
    fn suggestion_figures(r, a: FigureQuery) -> Figures { r.suggestion_figures(&a) }
    /// Per unit (DOMAIN.md §4.2 table 3).
    fn unit_figures(r, a: FigureQuery) -> Vec<UnitFigures> { r.unit_figures(&a) }
    fn category_counts(r, a: FigureQuery) -> Vec<CategoryCount> { r.category_counts(&a) }
    fn reminders(r, _a: NoArgs) -> Reminders { r.reminders() }
    /// Every reminder of 工作台 (suggestions and stations) as text, for `renda reminders`.
    fn morning(r, _a: NoArgs) -> crate::morning::Morning { r.morning() }

    // ---- 上报包
    /// The workbook: 说明, tables 1–7, data sheets with 记录标识 and 来源单位标识.
    fn report_pack(r, a: ReportPackArgs) -> ExportResult {
        let p = r.report_pack(&a.period)?;
        files::deliver(p.file_name, p.bytes, a.path)
    }
    /// What the package of the period holds: office, period, rows per data sheet, checksums.
    fn report_preview(r, a: crate::reports::PackQuery) -> crate::reports::package::PackageMeta { r.report_preview(&a) }
    /// Refused: not a package, a changed checksum (naming the sheet), a package from the same or a higher level,
    /// rows of an office the package does not name. Waits for the user's choice (`action` older or rename) when
    /// not newer than the one held, or when its office id is known under another name.
    fn report_import(r, a: ReportImportArgs) -> crate::reports::Received {
        let opts = crate::reports::ReceiveOptions { dry_run: a.dry_run, force: a.force, rename: a.rename };
        r.report_receive(&a.file.read(r.db_path(), MAX_FILE_BYTES)?, &a.file_name, &opts)
    }
    fn report_list(r, _a: NoArgs) -> Vec<crate::reports::ReceivedPackage> { r.report_list() }
    fn report_records(r, a: crate::reports::RecordsQuery) -> crate::reports::ReceivedRecords { r.report_records(&a) }
    /// Each office's figures and station counts; the total counted over all records.
    fn report_summary(r, a: crate::reports::PackQuery) -> crate::reports::Summary { r.report_summary(&a) }

    // ---- 民生实事项目票决
    /// The year's figures by level: 本级, each office below (from its 上报包), 合计 (DOMAIN.md §5.6).
    fn project_figures(r, a: crate::reports::FiguresQuery) -> crate::reports::ProjectFiguresTable { r.project_figures(&a) }

    // ---- 联络站 一档四簿
    fn station_meta(_r, _a: NoArgs) -> StationMeta { Ok(StationMeta::new()) }
    /// A station's archive (`id`: the station), with attachments.
    fn archive_list(r, a: IdArgs) -> Vec<ArchiveItem> { r.archive_list(a.id) }
    fn archive_create(r, a: ArchiveInput) -> ArchiveItem { r.archive_create(&a) }
    fn archive_update(r, a: UpdateArgs<ArchiveInput>) -> ArchiveItem { r.archive_update(a.id, &a.data) }
    /// Kept, out of the index.
    fn archive_remove(r, a: IdArgs) -> () { r.archive_remove(a.id) }
    /// Stored once under its SHA-256.
    fn attachment_add(r, a: AttachmentArgs) -> Attachment {
        let bytes = a.file.read(r.db_path(), MAX_FILE_BYTES)?;
        r.attachment_add(&a.owner_kind, a.owner_id, &a.file_name, &bytes)
    }
    /// The file's bytes (a browser download; the window opens `path`).
    fn attachment_get(r, a: IdArgs) -> AttachmentFile {
        use base64::Engine;
        let (file_name, bytes) = r.attachment_bytes(a.id)?;
        Ok(AttachmentFile { file_name, bytes_base64: base64::engine::general_purpose::STANDARD.encode(bytes) })
    }
    /// `link`: where the loop stands; `attachments`: 签到表, photos.
    fn entry_list(r, a: EntryQuery) -> Page<Entry> { r.entry_list(&a) }
    fn entry_get(r, a: IdArgs) -> Entry { r.entry_get(a.id) }
    fn entry_create(r, a: EntryInput) -> Entry { r.entry_create(&a) }
    fn entry_update(r, a: UpdateArgs<EntryInput>) -> Entry { r.entry_update(a.id, &a.data) }
    fn entry_remove(r, a: IdArgs) -> () { r.entry_remove(a.id) }
    /// The opinion a contact becomes (`source_id` = the contact).
    fn contact_to_opinion(r, a: ToOpinionArgs) -> Entry { r.contact_to_opinion(a.id, a.form.as_deref()) }
    /// The prefill of a suggestion from an opinion: 案由, deputies, text with its source, category.
    fn opinion_suggestion_draft(r, a: IdArgs) -> SuggestionInput { r.opinion_suggestion_draft(a.id) }
    /// Deputies carried over, linked back.
    fn opinion_to_suggestion(r, a: ToSuggestionArgs) -> Suggestion { r.opinion_to_suggestion(&a) }
    fn station_figures(r, a: PeriodQuery) -> StationFiguresResult {
        let (rows, total) = r.station_figures(&a)?;
        Ok(StationFiguresResult { rows, total })
    }
    /// Each reception day: 已接待 · 待接待 · 未登记.
    fn reception_calendar(r, a: CalendarRange) -> Vec<ReceptionDay> {
        let day = |f: &str, s: &str| {
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map_err(|_| Error::field(f, format!("日期「{s}」无法识别，请按“2024-03-05”的格式填写")))
        };
        r.reception_calendar(a.station_id, day("from", &a.from)?, day("to", &a.to)?)
    }
    /// Receptions from tomorrow through each station's notice days; feedback overdue.
    fn station_reminders(r, _a: NoArgs) -> StationReminders { r.station_reminders() }

    // ---- 民生实事项目票决: 征集 · 候选项目 · 票决
    /// Every list of the area: 领域, the negative list, sources, states, modes, pass rules, outcomes.
    fn project_meta(_r, _a: NoArgs) -> ProjectMeta { Ok(ProjectMeta::new()) }
    /// A person's 单位 and 电话 masked.
    fn proposal_list(r, a: ProposalQuery) -> Page<Proposal> { r.proposal_list(&a) }
    fn proposal_get(r, a: IdArgs) -> Proposal { r.proposal_get(a.id) }
    /// Refused naming the negative list's word and its reason.
    fn proposal_create(r, a: ProposalInput) -> Proposal { r.proposal_create(&a) }
    fn proposal_update(r, a: UpdateArgs<ProposalInput>) -> Proposal { r.proposal_update(a.id, &a.data) }
    /// 筛选论证: a candidate made from it, or declined with the reason.
    fn proposal_decide(r, a: ProposalDecision) -> Proposal { r.proposal_decide(&a) }
    /// A year's candidates in 序号 order, with their 子项目.
    fn candidate_list(r, a: CandidateQuery) -> Vec<Candidate> { r.candidate_list(&a) }
    fn candidate_get(r, a: IdArgs) -> Candidate { r.candidate_get(a.id) }
    fn candidate_create(r, a: CandidateInput) -> Candidate { r.candidate_create(&a) }
    /// Refused once a counted ballot carried it.
    fn candidate_update(r, a: UpdateArgs<CandidateInput>) -> Candidate { r.candidate_update(a.id, &a.data) }
    fn candidate_deactivate(r, a: IdArgs) -> Candidate { r.candidate_set_active(a.id, false) }
    fn candidate_reactivate(r, a: IdArgs) -> Candidate { r.candidate_set_active(a.id, true) }
    fn candidate_reorder(r, a: ReorderArgs) -> Vec<Candidate> { r.candidate_reorder(&a) }
    /// Every round, newest first.
    fn vote_list(r, a: VoteQuery) -> Vec<VoteRow> { r.vote_list(&a) }
    /// The round with its ballot, ranks, outcomes, the result's statements and the adopted of every round.
    fn vote_get(r, a: IdArgs) -> VoteRound { r.vote_get(a.id) }
    /// Empty `candidate_ids`: the year's active candidates in 序号 order.
    fn vote_create(r, a: VoteInput) -> VoteRound { r.vote_create(&a) }
    /// Only before the count.
    fn vote_update(r, a: UpdateArgs<VoteInput>) -> VoteRound { r.vote_update(a.id, &a.data) }
    /// Refused with every figure that does not add up.
    fn vote_count(r, a: TallyInput) -> VoteRound { r.vote_count(&a) }
    /// The figures of a tally being typed that do not add up (nothing is saved).
    fn vote_check(r, a: TallyInput) -> Vec<crate::error::FieldError> { r.vote_check(&a) }
    /// A new round among the tied at the cut-off, for the places still open.
    fn vote_revote(r, a: IdArgs) -> VoteRound { r.vote_revote(a.id) }
    /// The adopted candidates of every round become projects; the rounds lock.
    fn vote_confirm(r, a: IdArgs) -> VoteRound { r.vote_confirm(a.id) }

    // ---- 履职评议 and 履职积分
    /// Kinds, rules with their text, stages, point kinds with defaults.
    fn evaluation_meta(_r, _a: NoArgs) -> EvaluationMeta { Ok(EvaluationMeta::new()) }
    /// Three rater groups; criteria for `score100`.
    fn evaluation_preset(r, a: PresetArgs) -> EvaluationInput { r.evaluation_preset(&a.rule, a.year) }
    fn evaluation_list(r, _a: NoArgs) -> Vec<EvaluationRow> { r.evaluation_list() }
    fn evaluation_get(r, a: IdArgs) -> Evaluation { r.evaluation_get(a.id) }
    fn evaluation_create(r, a: EvaluationInput) -> Evaluation { r.evaluation_create(&a) }
    fn evaluation_update(r, a: UpdateArgs<EvaluationInput>) -> Evaluation { r.evaluation_update(a.id, &a.data) }
    fn evaluation_copy(r, a: CopyArgs) -> Evaluation { r.evaluation_copy(a.id, a.year) }
    fn ballots_get(r, a: IdArgs) -> BallotArgs { r.ballots_get(a.id) }
    /// Refused with every count that does not add up, by name.
    fn ballots_set(r, a: BallotArgs) -> EvaluationResults { r.ballots_set(&a) }
    /// Per subject and group: rates, score, grade; composite, rank.
    fn evaluation_results(r, a: IdArgs) -> EvaluationResults { r.evaluation_results(a.id) }
    /// Closed = locked.
    fn evaluation_close(r, a: IdArgs) -> Evaluation { r.evaluation_close(a.id) }
    /// Audited with its reason.
    fn evaluation_reopen(r, a: ReopenArgs) -> Evaluation { r.evaluation_reopen(a.id, &a.reason) }
    /// Per deputy: counts and points per kind, adjustments, 履职天数, total, rank, group rank, low.
    fn points_table(r, a: PointsQuery) -> PointsTable { r.points_table(&a) }
    fn point_rules(r, a: YearArgs) -> RulesResult {
        let (rules, low_threshold) = r.point_rules(a.year)?;
        Ok(RulesResult { rules, low_threshold, activity_points: r.activity_points()? })
    }
    fn point_rules_set(r, a: RulesArgs) -> () { r.set_point_rules(&a) }
    fn point_adjust(r, a: AdjustmentInput) -> () { r.point_adjust(&a) }
    /// The attendance of one session (`id`: the session).
    fn attendance_get(r, a: IdArgs) -> Vec<AttendanceRow> { r.attendance_get(a.id) }
    fn attendance_set(r, a: AttendanceArgs) -> () { r.attendance_set(&a) }
    fn dossier(r, a: DossierArgs) -> Dossier { r.dossier(a.deputy_id, a.year) }

    // ---- 民生实事项目: 正式项目, 进度, 监督, 测评 (DOMAIN.md §5.3–§5.5)
    /// Fields, statuses, stages, 进度等次, visit kinds, change and reminder kinds, each with label and tone.
    /// 进度等次's tolerance (percentage points) and the days before a project without progress is reminded.
    fn project_settings_get(r, _a: NoArgs) -> ProjectSettings { r.project_settings() }
    fn project_settings_set(r, a: ProjectSettings) -> ProjectSettings { r.project_settings_set(&a) }
    /// Each row with its latest stage, 完成投资, 进度等次 today and open problems; `year` includes 跨年度 projects.
    fn project_list(r, a: ProjectQuery) -> Page<ProjectRow> { r.project_list(&a) }
    /// With yearly targets, group, progress, changes, visits, 问题清单 and the rating result.
    fn project_get(r, a: IdArgs) -> ProjectDetail {
        Ok(ProjectDetail { project: r.project_get(a.id)?, rating: r.project_rating(a.id)? })
    }
    fn project_create(r, a: ProjectInput) -> Project { r.project_create(&a) }
    /// A correction of the facts; a decided change is `project_change`.
    fn project_update(r, a: UpdateArgs<ProjectInput>) -> Project { r.project_update(a.id, &a.data) }
    /// The 监督小组: deputies, the leader one of them.
    fn project_group_set(r, a: GroupArgs) -> Project { r.project_group_set(&a) }
    /// Appended; 完工 sets the actual completion. A 完成投资 below an earlier entry's needs `correction`.
    fn progress_add(r, a: ProgressInput) -> Project { r.progress_add(&a) }
    /// A change (new facts, the old kept) or a cancellation, with 批准机关 and 批准日期.
    fn project_change(r, a: ChangeInput) -> Project { r.project_change(&a) }
    /// 视察 / 调研 with the deputies present: 履职积分 once a day per deputy.
    fn visit_add(r, a: VisitInput) -> Project { r.visit_add(&a) }
    fn problem_add(r, a: ProblemInput) -> Project { r.problem_add(&a) }
    /// 整改情况, resolved date; every version stays in the audit log.
    fn problem_update(r, a: UpdateArgs<ProblemInput>) -> Project { r.problem_update(a.id, &a.data) }
    /// Progress not updated, planned completion passed, a 问题 past its 整改时限.
    fn project_reminders(r, _a: NoArgs) -> Vec<ReminderBlock> { r.project_reminders(Some(crate::projects::model::REMINDER_LINES)) }
    /// The year's 民生实事项目测评: an evaluation whose subjects are the year's adopted projects.
    fn project_rating_create(r, a: crate::evaluation::projects::ProjectRatingArgs) -> Evaluation {
        r.project_rating_create(&a)
    }

    // ---- 审议意见办理 (DOMAIN.md §6)
    /// Every list of the area: report kinds, states, actions, 整改状态, activity kinds.
    fn oversight_meta(_r, _a: NoArgs) -> OversightMeta { Ok(OversightMeta::new()) }
    /// 研究处理时限 by report kind (months from 交办), the rates' decimals, the days 工作台 warns ahead.
    fn oversight_settings_get(r, _a: NoArgs) -> OversightSettings { r.oversight_settings() }
    fn oversight_settings_set(r, a: OversightSettings) -> OversightSettings { r.oversight_settings_set(&a) }
    /// A 议题 of the year's 监督工作计划.
    fn oversight_topic_create(r, a: TopicInput) -> Topic { r.oversight_topic_create(&a) }
    fn oversight_topic_list(r, a: OversightYear) -> Vec<Topic> { r.oversight_topics(a.year) }
    /// A 常委会 (or 主席团) meeting with its 列席 deputies (履职积分 once a day).
    fn oversight_meeting_create(r, a: MeetingInput) -> Meeting { r.oversight_meeting_create(&a) }
    fn oversight_meeting_list(r, a: OversightYear) -> Vec<Meeting> { r.oversight_meetings(a.year) }
    fn oversight_opinion_create(r, a: OpinionInput) -> Opinion { r.opinion_create(&a) }
    fn oversight_opinion_list(r, a: OpinionQuery) -> Vec<OpinionRow> { r.opinion_list(&a) }
    /// An opinion with its rounds, history, 问题清单, activities, next actions and the two-不满意 warning.
    fn oversight_opinion_get(r, a: IdArgs) -> Opinion { r.opinion_get(a.id) }
    /// 交办, 开始研究处理, 延期, 收到报告, 重新研究处理, 跟踪监督, 办结: an illegal step is refused.
    fn oversight_opinion_step(r, a: OpinionStep) -> Opinion { r.opinion_step(&a) }
    /// 公开日期 of an opinion and its handling.
    fn oversight_opinion_publish(r, a: PublishArgs) -> Opinion { r.opinion_publish(a.id, &a.date) }
    /// A round's 满意度测评 from its counted ballots (an evaluation of the §2.1 machinery).
    fn oversight_rate(r, a: crate::evaluation::oversight::OversightRatingArgs) -> Opinion { r.oversight_rate(&a) }
    fn oversight_problem_add(r, a: ProblemItemInput) -> Opinion { r.oversight_problem_add(&a) }
    /// A dated 推进情况 entry with the 整改状态 after it; the same entry twice adds nothing.
    fn oversight_progress_add(r, a: FixProgressInput) -> Opinion { r.oversight_progress_add(&a) }
    /// 人大复核评价 of a problem.
    fn oversight_problem_review(r, a: ReviewInput) -> Opinion { r.oversight_problem_review(&a) }
    /// The problems of a year's opinions with their 推进情况.
    fn oversight_problem_list(r, a: OversightYear) -> Vec<ProblemItem> { r.oversight_problems(a.year) }
    /// 执法检查 / 视察 / 跟踪检查 / 回头看 on a 议题 with the deputies who took part.
    fn oversight_activity_add(r, a: ActivityInput) -> Vec<Activity> { r.oversight_activity_add(&a) }
    /// 件数, 按期报告率, 整改率, 测评满意率: one year, or every year when none is given.
    fn oversight_figures(r, a: OversightYear) -> Vec<crate::oversight::figures::OversightFigures> {
        match a.year {
            Some(y) => Ok(vec![r.oversight_figures(y)?]),
            None => r.oversight_figures_all(),
        }
    }
    /// Time limits passed or near, reports waiting for a rating, opinions rated 不满意 twice.
    fn oversight_reminders(r, _a: NoArgs) -> OversightReminders { r.oversight_reminders() }
    // ---- 公民旁听 (DOMAIN.md §7): 公告 · 报名 · 审核 · 遴选 · 旁听证 · 签到 · 意见
    /// Every list of the area: meeting kinds, methods, sources, 推荐单位 kinds, the states with their tones.
    fn hearing_meta(_r, _a: NoArgs) -> crate::hearings::model::HearingMeta { Ok(crate::hearings::model::HearingMeta::new()) }
    /// Default 名额 by meeting kind, the age and residence rule.
    fn hearing_settings_get(r, _a: NoArgs) -> crate::hearings::model::HearingSettings { r.hearing_settings() }
    fn hearing_settings_set(r, a: crate::hearings::model::HearingSettings) -> crate::hearings::model::HearingSettings {
        r.hearing_settings_set(&a)
    }
    /// The meetings open to citizens of a year (every year without one), latest first.
    fn hearing_meetings(r, a: crate::hearings::model::HearingYearArgs) -> Vec<crate::hearings::model::HearingMeeting> {
        r.hearing_meetings(a.year)
    }
    /// A meeting with its applications (身份证号, 电话, 住址 masked; what the checks propose) and opinions.
    fn hearing_get(r, a: IdArgs) -> crate::hearings::model::HearingDetail { r.hearing_detail(a.id) }
    /// The 公告; 名额 empty takes the kind's default from the settings.
    fn hearing_meeting_create(r, a: crate::hearings::model::HearingMeetingInput) -> crate::hearings::model::HearingMeeting {
        r.hearing_meeting_create(&a)
    }
    /// A correction of the 公告, until the 遴选.
    fn hearing_meeting_update(r, a: UpdateArgs<crate::hearings::model::HearingMeetingInput>) -> crate::hearings::model::HearingMeeting {
        r.hearing_meeting_update(a.id, &a.data)
    }
    /// 报名: a bad 身份证号, a late one or a second one of the same person to the same meeting is refused.
    fn hearing_apply(r, a: crate::hearings::model::HearingApplicationInput) -> crate::hearings::model::HearingApplication {
        r.hearing_apply(&a)
    }
    /// 审核通过 (only when the checks find nothing) or 不符合条件 with a reason.
    fn hearing_review(r, a: crate::hearings::model::HearingReviewArgs) -> crate::hearings::model::HearingApplication {
        r.hearing_review(&a)
    }
    /// Every application still 申请 reviewed as the checks propose.
    fn hearing_review_all(r, a: IdArgs) -> crate::hearings::model::HearingDetail {
        r.hearing_review_all(a.id)?;
        r.hearing_detail(a.id)
    }
    /// 遴选 by order of application or by a draw from a seed (chosen and kept when not given).
    fn hearing_select(r, a: crate::hearings::model::HearingSelectArgs) -> crate::hearings::model::HearingMeeting {
        r.hearing_select(&a)
    }
    /// The draw re-run from a seed (the printed one by default): its list, and whether it is the stored one.
    fn hearing_draw_check(r, a: crate::hearings::model::HearingDrawCheckArgs) -> crate::hearings::model::HearingDrawCheck {
        r.hearing_draw_check(&a)
    }
    /// 入选 (within the 名额) / 未入选 corrected by hand, 签到, 缺席.
    fn hearing_move(r, a: crate::hearings::model::HearingMoveArgs) -> crate::hearings::model::HearingApplication {
        r.hearing_move(&a)
    }
    /// 旁听证 numbers (年-会次-序号) and seats for every 入选.
    fn hearing_cards_issue(r, a: IdArgs) -> crate::hearings::model::HearingMeeting { r.hearing_issue_cards(a.id) }
    fn hearing_opinion_create(r, a: crate::hearings::model::HearingOpinionInput) -> crate::hearings::model::HearingOpinion {
        r.hearing_opinion_create(&a)
    }
    /// 转交单位, 答复 and 采纳 recorded as they come.
    fn hearing_opinion_update(r, a: UpdateArgs<crate::hearings::model::HearingOpinionInput>) -> crate::hearings::model::HearingOpinion {
        r.hearing_opinion_update(a.id, &a.data)
    }
    /// 旁听人次, 旁听议题数, 意见数, 采纳数 of a year, or of every year that has a meeting.
    fn hearing_figures(r, a: crate::hearings::model::HearingYearArgs) -> Vec<crate::hearings::model::HearingFigures> {
        match a.year {
            Some(y) => Ok(vec![r.hearing_figures(y)?]),
            None => r.hearing_figures_years(0, 9999),
        }
    }

    // ---- 乡镇人大工作评价 (DOMAIN.md §8)
    /// Automatic sources with how each is counted, grades, rank bases, 报送 states.
    fn assessment_meta(_r, _a: NoArgs) -> am::AssessmentMeta { Ok(am::AssessmentMeta::new()) }
    /// The year's template with its blocks and items (none yet: null).
    fn assessment_template_get(r, a: YearArgs) -> Option<am::Template> { r.assessment_template(a.year) }
    fn assessment_template_create(r, a: YearArgs) -> am::Template { r.assessment_template_create(a.year) }
    /// The latest earlier year's template copied, with new ids.
    fn assessment_template_copy(r, a: YearArgs) -> am::Template { r.assessment_template_copy(a.year) }
    /// Grade thresholds (on the base score) and the rank basis.
    fn assessment_settings_set(r, a: am::TemplateSettings) -> am::Template { r.assessment_settings_set(&a) }
    fn assessment_block_add(r, a: am::BlockInput) -> am::Template { r.assessment_block_add(&a) }
    fn assessment_item_add(r, a: am::ItemInput) -> am::Template { r.assessment_item_add(&a) }
    fn assessment_item_update(r, a: UpdateArgs<am::ItemInput>) -> am::Template { r.assessment_item_update(a.id, &a.data) }
    /// The item leaves the template; its scores stay in the history.
    fn assessment_item_remove(r, a: IdArgs) -> am::Template { r.assessment_item_remove(a.id) }
    /// The township's 自评 against the imported template, automatic items proposed from its records.
    fn assessment_self_sheet(r, a: YearArgs) -> am::SelfSheet { r.assessment_self_sheet(a.year) }
    /// Appended; overriding an automatic proposal needs the reason.
    fn assessment_self_score(r, a: am::SelfScoreInput) -> am::SelfSheet { r.assessment_self_score(&a) }
    fn assessment_townships(r, _a: NoArgs) -> Vec<am::Township> { r.assessment_townships() }
    fn assessment_township_add(r, a: am::TownshipInput) -> Vec<am::Township> { r.assessment_township_add(&a.name) }
    /// Per township: base, bonus, total, grade on the base, rank (ties share), 未报送.
    fn assessment_results(r, a: YearArgs) -> am::AssessmentResults { r.assessment_results(a.year) }
    /// One township's sheet: 自评 beside 考核组, 加减分, every earlier score.
    fn assessment_sheet(r, a: am::SheetQuery) -> am::TownshipSheet { r.assessment_sheet(&a) }
    /// A 考核组 score, appended; overriding the automatic proposal needs the reason.
    fn assessment_score(r, a: am::ScoreInput) -> am::TownshipSheet { r.assessment_score(&a) }
    /// Refused when it would take the item below zero or above its points.
    fn assessment_adjust(r, a: am::AdjustInput) -> am::TownshipSheet { r.assessment_adjust(&a) }
}

/// A spreadsheet, a package or an attachment: the reader's limit (`excel::limits`).
pub const MAX_FILE_BYTES: u64 = crate::excel::limits::MAX_FILE_BYTES as u64;
/// A backup to restore: a whole county's data.
pub const MAX_BACKUP_BYTES: u64 = 512 << 20;

/// The largest file command `name` reads, for the commands that read one (`renda serve` caps
/// an upload for the command by it); `None` for every other command.
pub fn upload_limit(name: &str) -> Option<u64> {
    match name {
        "import_file" | "report_import" | "attachment_add" => Some(MAX_FILE_BYTES),
        "backup_restore" => Some(MAX_BACKUP_BYTES),
        _ => None,
    }
}
