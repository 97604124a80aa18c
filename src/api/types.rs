//! Request types that belong to the command layer itself (ids, update envelopes …), and the
//! list of every type whose TypeScript twin is generated into `ui/src/bindings/`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::common::{Choice, Page};
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct IdArgs {
    pub id: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct UpdateArgs<T> {
    pub id: i64,
    pub data: T,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct StatusArgs {
    pub id: i64,
    pub status: String,
    pub date: Option<String>,
    pub note: Option<String>,
}

/// A date, month or phone number typed in a form, to be read as the engine will store it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ParseFieldArgs {
    /// date · month · phone
    pub kind: String,
    pub text: String,
}

/// `report_pack`: the period; with `path` (the window's save dialog) the engine writes the file.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ReportPackArgs {
    #[serde(flatten)]
    pub period: crate::reports::PackQuery,
    #[ts(optional)]
    pub path: Option<String>,
}

/// `report_import`: one package file, as bytes.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ReportImportArgs {
    pub file_name: String,
    pub bytes_base64: String,
    pub dry_run: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct StartBlankArgs {
    /// Who this office is; the first-run page always sends it.
    #[ts(optional)]
    pub office: Option<crate::office::OfficeInput>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct DemoArgs {
    /// small (default) · large
    #[ts(optional)]
    pub scale: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct BackupArgs {
    /// Folder to write into; default the data folder's `backups/`.
    #[ts(optional)]
    pub dir: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct RestoreArgs {
    #[ts(optional)]
    pub path: Option<String>,
    #[ts(optional)]
    pub bytes_base64: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AuditArgs {
    #[ts(optional)]
    pub kind: Option<String>,
    #[ts(optional)]
    pub page: Option<i64>,
    #[ts(optional)]
    pub page_size: Option<i64>,
}

/// `export_list` / `template_get`: which list (deputies · units), the list's own query (filters
/// and sort, exactly as shown), and where to put the file. With `path` (the window's save
/// dialog) the engine writes the file there; without, the bytes come back (browser download).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ExportArgs {
    pub kind: String,
    #[ts(type = "unknown")]
    #[ts(optional)]
    pub query: Option<serde_json::Value>,
    /// For upward reporting: personal fields masked (unless turned off in 设置).
    #[ts(optional)]
    pub upward: Option<bool>,
    #[ts(optional)]
    pub path: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ExportResult {
    /// Suggested file name, e.g. `代表名册-20261122.xlsx`.
    pub file_name: String,
    pub path: Option<String>,
    pub bytes_base64: Option<String>,
    pub size: i64,
}

/// Office-wide settings shown in 设置.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Settings {
    /// 填报单位 printed on every report.
    pub org_name: String,
    /// Mask phone and ID numbers in upward reports.
    pub mask_upward: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct YearArgs {
    pub year: i64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CalendarArgs {
    pub date: String,
    /// holiday · workday · normal
    pub kind: String,
    pub name: String,
}

/// The option lists of the suggestion pages, from the one place that defines them.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SuggestionMeta {
    pub states: Vec<String>,
    pub actions: Vec<crate::common::Choice>,
    pub ratings: Vec<String>,
    pub adoptions: Vec<String>,
    pub contact_stages: Vec<String>,
    pub contact_forms: Vec<String>,
    pub periods: Vec<String>,
    pub settings: crate::suggestions::model::SuggestionSettings,
}

impl SuggestionMeta {
    pub fn new(settings: &crate::suggestions::model::SuggestionSettings) -> SuggestionMeta {
        use crate::suggestions::model::*;
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect();
        SuggestionMeta {
            states: v(STATES),
            actions: ACTIONS
                .iter()
                .map(|(a, l)| crate::common::Choice { value: a.to_string(), label: l.to_string() })
                .collect(),
            ratings: v(RATINGS),
            adoptions: v(ADOPTIONS),
            contact_stages: v(CONTACT_STAGES),
            contact_forms: v(CONTACT_FORMS),
            periods: v(PERIODS),
            settings: settings.clone(),
        }
    }
}

/// Writes the TypeScript declaration of every contract type into `dir` (one file per type).
/// Ids and counts are i64 in Rust and `number` in TypeScript (they stay below 2^53).
pub fn export_bindings(dir: &std::path::Path) -> Result<(), ts_rs::ExportError> {
    use crate::app::*;
    use crate::db::CheckReport;
    use crate::demo::DemoSummary;
    use crate::error::ApiError;
    use crate::roster::model::*;
    let cfg = ts_rs::Config::new().with_out_dir(dir).with_large_int("number");
    macro_rules! export { ($($t:ty),* $(,)?) => { $( <$t>::export_all(&cfg)?; )* } }
    export!(
        ApiError,
        AppStatus,
        Counts,
        BackupInfo,
        AuditEntry,
        CheckReport,
        DemoSummary,
        Enums,
        Choice,
        Term,
        TermInput,
        Session,
        SessionInput,
        Deputy,
        DeputyRow,
        DeputyInput,
        DeputyQuery,
        StatusChange,
        Page<DeputyRow>,
        Unit,
        UnitInput,
        UnitQuery,
        Station,
        StationInput,
        StationQuery,
        Schedule,
        DeputyRef,
        IdArgs,
        UpdateArgs<DeputyInput>,
        UpdateArgs<TermInput>,
        StatusArgs,
        DemoArgs,
        BackupArgs,
        RestoreArgs,
        AuditArgs,
        ExportArgs,
        ExportResult,
        Settings,
        crate::excel::import::ImportArgs,
        crate::excel::import::ImportReport,
        crate::progress::Progress,
        crate::excel::import::ImportLogEntry,
        CalendarArgs,
        YearArgs,
        SuggestionMeta,
        StartBlankArgs,
        ParseFieldArgs,
        crate::excel::spec::FieldReading,
        crate::office::Office,
        crate::office::OfficeInput,
        UpdateArgs<SessionInput>,
        crate::excel::import::ImportDefault,
        crate::morning::Morning,
        crate::morning::ReminderGroup,
        ReportPackArgs,
        ReportImportArgs,
        crate::reports::PackQuery,
        crate::reports::Received,
        crate::reports::ReceivedPackage,
        crate::reports::package::PackageMeta,
        crate::reports::Summary,
        crate::reports::SummaryRow,
        crate::reports::RecordsQuery,
        crate::reports::ReceivedRecords,
    );
    {
        use crate::suggestions::model::*;
        export!(
            SuggestionSettings,
            SuggestionRow,
            Suggestion,
            SuggestionEvent,
            Reply,
            Rating,
            Contact,
            ActionChoice,
            SuggestionInput,
            StepRequest,
            Step,
            Assignment,
            ReplyInput,
            RatingInput,
            SuggestionQuery,
            Figures,
            ClassCount,
            FigureQuery,
            UnitFigures,
            CategoryCount,
            ReminderItem,
            Reminders,
            Page<SuggestionRow>,
            UpdateArgs<SuggestionInput>,
            CalendarDay,
        );
    }
    {
        use crate::stations::model::*;
        export!(
            ArchiveInput,
            ArchiveItem,
            Attachment,
            AttachmentArgs,
            EntryInput,
            EntryDeputy,
            LoopState,
            Entry,
            EntryQuery,
            Page<Entry>,
            ToSuggestionArgs,
            StationFigures,
            PeriodQuery,
            ReceptionDay,
            StationReminders,
            OverdueContact,
            DeputyRegisterEntry,
            UpdateArgs<EntryInput>,
            UpdateArgs<ArchiveInput>,
            StationMeta,
            RegisterExportArgs,
            EvaluationMeta,
            PresetArgs,
            CopyArgs,
            ReopenArgs,
            RulesResult,
            DossierArgs,
            PointsExportArgs,
            UpdateArgs<crate::evaluation::model::EvaluationInput>,
            StationFiguresResult,
            CalendarRange,
            ToOpinionArgs,
            AttachmentFile,
        );
    }
    {
        use crate::evaluation::model::*;
        export!(
            Stage,
            RaterGroup,
            Criterion,
            Subject,
            EvaluationInput,
            Evaluation,
            EvaluationRow,
            BallotCount,
            ScoreEntry,
            BallotArgs,
            GroupResult,
            SubjectResult,
            EvaluationResults,
            PointRule,
            KindCount,
            DeputyPoints,
            PointsQuery,
            PointsTable,
            AdjustmentInput,
            AttendanceRow,
            AttendanceArgs,
            RulesArgs,
            DossierLine,
            Dossier,
        );
    }
    Ok(())
}

/// The option lists of 一档四簿, for forms and filters (the engine's constants, never copied).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StationMeta {
    /// (key, 全称, 简称)
    pub books: Vec<(String, String, String)>,
    pub archive_categories: Vec<String>,
    pub activity_kinds: Vec<String>,
    pub contact_modes: Vec<String>,
    pub handlings: Vec<String>,
    pub opinion_forms: Vec<String>,
    pub ratings: Vec<String>,
}

impl StationMeta {
    pub fn new() -> StationMeta {
        use crate::stations::model::*;
        let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect();
        StationMeta {
            books: BOOKS.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect(),
            archive_categories: v(ARCHIVE_CATEGORIES),
            activity_kinds: v(ACTIVITY_KINDS),
            contact_modes: v(CONTACT_MODES),
            handlings: v(HANDLINGS),
            opinion_forms: v(OPINION_FORMS),
            ratings: v(RATINGS),
        }
    }
}

impl Default for StationMeta {
    fn default() -> Self {
        StationMeta::new()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StationFiguresResult {
    pub rows: Vec<crate::stations::model::StationFigures>,
    pub total: crate::stations::model::StationFigures,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CalendarRange {
    #[ts(optional)]
    pub station_id: Option<i64>,
    /// YYYY-MM-DD
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ToOpinionArgs {
    pub id: i64,
    /// 代表建议 · 社情民意 · 转交意见 (default 代表建议)
    #[ts(optional)]
    pub form: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AttachmentFile {
    pub file_name: String,
    pub bytes_base64: String,
}

/// `export_list` kind `register`: one book of one station for a year.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct RegisterExportArgs {
    pub station_id: i64,
    /// activity · contact · report · opinion
    pub book: String,
    pub year: i64,
    /// The register page's search, kind and open-only filters, so the file holds what is shown.
    #[serde(default)]
    #[ts(optional)]
    pub q: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub kind: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub open_only: Option<bool>,
}

/// The option lists of 履职评议 (the engine's constants).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct EvaluationMeta {
    pub kinds: Vec<String>,
    /// (key, 名称, 说明)
    pub rules: Vec<(String, String, String)>,
    pub stages: Vec<String>,
    /// (key, 名称, 默认分值, 单位)
    pub point_kinds: Vec<(String, String, f64, String)>,
}

impl EvaluationMeta {
    pub fn new() -> EvaluationMeta {
        use crate::evaluation::model::*;
        EvaluationMeta {
            kinds: KINDS.iter().map(|s| s.to_string()).collect(),
            rules: RULES.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect(),
            stages: STAGES.iter().map(|s| s.to_string()).collect(),
            point_kinds: POINT_KINDS
                .iter()
                .map(|(a, b, c, d)| (a.to_string(), b.to_string(), *c, d.to_string()))
                .collect(),
        }
    }
}

impl Default for EvaluationMeta {
    fn default() -> Self {
        EvaluationMeta::new()
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PresetArgs {
    pub rule: String,
    pub year: i64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CopyArgs {
    pub id: i64,
    pub year: i64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ReopenArgs {
    pub id: i64,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RulesResult {
    pub rules: Vec<crate::evaluation::model::PointRule>,
    pub low_threshold: f64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct DossierArgs {
    pub deputy_id: i64,
    #[ts(optional)]
    pub year: Option<i64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PointsExportArgs {
    pub year: i64,
    #[ts(optional)]
    pub quarter: Option<i64>,
    /// The 积分排名 page's search, so the file holds the rows shown.
    #[serde(default)]
    #[ts(optional)]
    pub q: Option<String>,
}
