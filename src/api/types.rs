//! Request types that belong to the command layer itself (ids, update envelopes …), and the
//! list of every type whose TypeScript twin is generated into `ui/src/bindings/`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::common::IdArgs;
pub use crate::evaluation::excel::{DossierArgs, PointsExportArgs};
pub use crate::stations::excel::RegisterExportArgs;

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

/// `report_import`: one package file (an upload, a path or the bytes).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ReportImportArgs {
    pub file_name: String,
    #[serde(flatten)]
    pub file: crate::upload::FileSource,
    pub dry_run: bool,
    /// Apply a package not newer (by 上报包序号) than the one held for its office and period.
    pub force: bool,
    /// Apply a package whose office id is known under another name, as the office renamed.
    pub rename: bool,
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
    /// Exactly this file instead (the CLI's `backup -o FILE`).
    #[ts(optional)]
    pub path: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct RestoreArgs {
    /// A backup file of this computer (the list of backups, the window's dialog, the CLI), an
    /// upload or the bytes.
    #[serde(flatten)]
    pub file: crate::upload::FileSource,
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

/// `import_file`: the kind and the request (the file, the options, what it imports into).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ImportArgs {
    pub kind: super::ImportKind,
    #[serde(flatten)]
    pub request: crate::excel::import::ImportRequest,
}

/// `export_list` / `export_name`: which list with the list's own query (filters and sort,
/// exactly as shown), and where to put the file. With `path` (the window's save dialog) the engine
/// writes the file there; without, the bytes come back (browser download).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ExportArgs {
    #[serde(flatten)]
    pub export: super::ExportRequest,
    /// For upward reporting: personal fields masked (unless turned off in 设置).
    #[ts(optional)]
    #[serde(default)]
    pub upward: Option<bool>,
    #[ts(optional)]
    #[serde(default)]
    pub path: Option<String>,
}

/// `template_get`: the blank template of an import kind; a register's names its book, a
/// ballots one may be the 计票表 of an evaluation.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TemplateArgs {
    pub kind: super::ImportKind,
    /// register: activity · contact · report · opinion
    #[ts(optional)]
    #[serde(default)]
    pub book: Option<String>,
    /// ballots: the evaluation whose 计票表 to make
    #[ts(optional)]
    #[serde(default)]
    pub evaluation_id: Option<i64>,
    #[ts(optional)]
    #[serde(default)]
    pub path: Option<String>,
}

/// The arguments of a command that takes none.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct NoArgs {}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ExportResult {
    /// Suggested file name, e.g. `代表名册-20261122.xlsx`.
    pub file_name: String,
    pub path: Option<String>,
    pub bytes_base64: Option<String>,
    pub size: i64,
}

pub use crate::settings::Settings;

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
    pub states: Vec<crate::suggestions::model::StateInfo>,
    pub actions: Vec<crate::common::Choice>,
    pub ratings: Vec<crate::common::Tagged>,
    pub adoptions: Vec<String>,
    pub contact_stages: Vec<String>,
    pub contact_forms: Vec<String>,
    pub periods: Vec<String>,
    /// Which period chooses a 会次 and which a 届次.
    pub period_names: crate::suggestions::model::PeriodNames,
    pub settings: crate::suggestions::model::SuggestionSettings,
}

impl SuggestionMeta {
    pub fn new(settings: &crate::suggestions::model::SuggestionSettings) -> SuggestionMeta {
        use crate::suggestions::model::*;
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect();
        SuggestionMeta {
            states: state_infos(),
            actions: ACTIONS
                .iter()
                .map(|(a, l)| crate::common::Choice { value: a.to_string(), label: l.to_string() })
                .collect(),
            ratings: rating_infos(),
            adoptions: v(ADOPTIONS),
            contact_stages: v(CONTACT_STAGES),
            contact_forms: v(CONTACT_FORMS),
            periods: v(PERIODS),
            period_names: period_names(),
            settings: settings.clone(),
        }
    }
}

/// Writes the TypeScript declaration of every contract type into `dir` (one file per type).
/// Ids and counts are i64 in Rust and `number` in TypeScript (they stay below 2^53).
pub fn export_bindings(dir: &std::path::Path) -> Result<(), ts_rs::ExportError> {
    let cfg = ts_rs::Config::new().with_out_dir(dir).with_large_int("number");
    // The commands' types are written with the command table (`write_commands`); these are the
    // ones no command names: the error any command may answer, progress reports, the queries of
    // export kinds (`ExportArgs.query`), the step a `StepRequest` flattens (the forms build it), and
    // the file source the file commands flatten (the transports make it).
    crate::error::ApiError::export_all(&cfg)?;
    crate::upload::FileSource::export_all(&cfg)?;
    crate::suggestions::model::Step::export_all(&cfg)?;
    crate::progress::Progress::export_all(&cfg)?;
    crate::stations::model::DeputyRegisterEntry::export_all(&cfg)?;
    super::ExportRequest::export_all(&cfg)?;
    PointsExportArgs::export_all(&cfg)?;
    RegisterExportArgs::export_all(&cfg)?;
    write_commands(&cfg, dir)
}

/// `docs/COMMANDS.md`: every command with its argument and result types and what it does, from the
/// command table (the bindings test keeps the file current).
pub fn commands_markdown() -> String {
    let cfg = ts_rs::Config::new().with_large_int("number");
    let mut text = String::from(
        "# Commands\n\nGenerated from the command table in `src/api/mod.rs` (`UPDATE_BINDINGS=1 cargo test --test \
         bindings`); the types are those of `ui/src/bindings/`, the map the window's `call` is typed by is \
         `ui/src/bindings/Commands.ts`.\n\n| command | args | result | |\n|---|---|---|---|\n",
    );
    for c in super::command_types() {
        let cell = |t: String| t.replace('|', "\\|");
        text.push_str(&format!(
            "| `{}` | `{}` | `{}` | {} |\n",
            c.name,
            cell((c.args)(&cfg)),
            cell((c.result)(&cfg)),
            c.doc.trim().replace('|', "\\|")
        ));
    }
    text
}

/// One command's types, taken from the command table (`commands!` in `api/mod.rs`).
pub struct CommandType {
    pub name: &'static str,
    pub doc: &'static str,
    args: fn(&ts_rs::Config) -> String,
    result: fn(&ts_rs::Config) -> String,
    /// Exports the types it names (and theirs) and returns what `Commands.ts` imports.
    export: fn(&ts_rs::Config) -> Result<Vec<ts_rs::Dependency>, ts_rs::ExportError>,
}

impl CommandType {
    pub fn of<A: TS + 'static, R: TS + 'static>(name: &'static str, doc: &'static str) -> CommandType {
        CommandType { name, doc, args: A::name, result: R::name, export: export_pair::<A, R> }
    }
}

/// Exports `A`, `R` and everything they depend on; returns the files `Commands.ts` imports.
fn export_pair<A: TS + 'static, R: TS + 'static>(
    cfg: &ts_rs::Config,
) -> Result<Vec<ts_rs::Dependency>, ts_rs::ExportError> {
    struct Exporter<'a> {
        cfg: &'a ts_rs::Config,
        result: Result<(), ts_rs::ExportError>,
        deps: Vec<ts_rs::Dependency>,
    }
    impl ts_rs::TypeVisitor for Exporter<'_> {
        fn visit<T: TS + 'static + ?Sized>(&mut self) {
            if let Some(d) = ts_rs::Dependency::from_ty::<T>(self.cfg) {
                if self.result.is_ok() {
                    self.result = T::export_all(self.cfg);
                }
                self.deps.push(d);
            }
        }
    }
    let mut e = Exporter { cfg, result: Ok(()), deps: Vec::new() };
    // `Vec<T>` names `T` as a generic, not as a dependency: both are needed
    ts_rs::TypeVisitor::visit::<A>(&mut e);
    A::visit_dependencies(&mut e);
    A::visit_generics(&mut e);
    ts_rs::TypeVisitor::visit::<R>(&mut e);
    R::visit_dependencies(&mut e);
    R::visit_generics(&mut e);
    e.result?;
    Ok(e.deps)
}

/// Writes `Commands.ts`: the map from each command's name to its `args` and `result` types, which
/// types the window's `call`.
fn write_commands(cfg: &ts_rs::Config, dir: &std::path::Path) -> Result<(), ts_rs::ExportError> {
    let mut imports = std::collections::BTreeMap::new();
    let mut lines = Vec::new();
    for c in super::command_types() {
        for d in (c.export)(cfg)? {
            let file = d.output_path.with_extension("").to_string_lossy().replace('\\', "/");
            imports.insert(d.ts_name, file);
        }
        if !c.doc.is_empty() {
            lines.push(format!("  /**\n   * {}\n   */", c.doc.trim()));
        }
        lines.push(format!("  {}: {{ args: {}; result: {} }};", c.name, (c.args)(cfg), (c.result)(cfg)));
    }
    let mut text = String::from(
        "// Generated from the command table in src/api/mod.rs by `UPDATE_BINDINGS=1 cargo test --test bindings`.\n",
    );
    let body = lines.join("\n");
    // only what the map names: a word of the body, not a type nested inside those
    let named = |name: &str| body.split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|w| w == name);
    for (name, file) in imports.iter().filter(|(n, _)| named(n)) {
        text.push_str(&format!("import type {{ {name} }} from \"./{file}\";\n"));
    }
    text.push_str("\n/** Every engine command: its name → the arguments it takes and the result it answers. */\n");
    text.push_str("export type Commands = {\n");
    text.push_str(&body);
    text.push_str("\n};\n");
    std::fs::write(dir.join("Commands.ts"), text)?;
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
    /// The handling that closes a contact at once (当场答复): nothing is left to follow.
    pub on_the_spot: String,
    /// The periods an opinion turned into a suggestion may be made in, by role.
    pub suggestion_periods: crate::suggestions::model::PeriodNames,
    pub opinion_forms: Vec<String>,
    pub ratings: Vec<crate::common::Tagged>,
    /// The answers of a 述职 ballot (`votes_satisfied` …), with their labels.
    pub votes: Vec<crate::common::VoteInfo>,
    /// Where a constituent's problem stands (`LoopState.stage`), with its tone.
    pub loop_stages: Vec<crate::common::Tagged>,
    /// A reception day's status (`ReceptionDay.status`), with its tone.
    pub reception_statuses: Vec<crate::common::Tagged>,
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
            on_the_spot: ON_THE_SPOT.into(),
            suggestion_periods: crate::suggestions::model::period_names(),
            opinion_forms: v(OPINION_FORMS),
            ratings: rating_infos(),
            votes: crate::common::vote_infos(),
            loop_stages: loop_stage_infos(),
            reception_statuses: reception_infos(),
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

/// The option lists of 履职评议 (the engine's constants).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct EvaluationMeta {
    pub kinds: Vec<String>,
    /// (key, 名称, 说明)
    pub rules: Vec<(String, String, String)>,
    pub stages: Vec<String>,
    /// The answers of a ballot (满意 · 基本满意 · 不满意), with their count fields and tones.
    pub votes: Vec<crate::common::VoteInfo>,
    /// (key, 名称, 默认分值, 单位)
    pub point_kinds: Vec<(String, String, f64, String)>,
    /// The kinds of a dossier's lines (`DossierLine.kind`), with their tones.
    pub dossier_kinds: Vec<crate::common::Tagged>,
    /// The kind of the yearly 民生实事项目测评 among `kinds` (DOMAIN.md §5.5).
    pub project_rating_kind: String,
}

impl EvaluationMeta {
    pub fn new() -> EvaluationMeta {
        use crate::evaluation::model::*;
        EvaluationMeta {
            kinds: KINDS.iter().map(|s| s.to_string()).collect(),
            rules: RULES.iter().map(|r| (r.key.to_string(), r.name.to_string(), rule_text(r))).collect(),
            stages: STAGES.iter().map(|s| s.to_string()).collect(),
            votes: crate::common::vote_infos(),
            point_kinds: POINT_KINDS
                .iter()
                .map(|(a, b, c, d)| (a.to_string(), b.to_string(), *c, d.to_string()))
                .collect(),
            dossier_kinds: dossier_kinds(),
            project_rating_kind: PROJECT_RATING_KIND.into(),
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
    /// Each 活动类型 of the activity book and the rule `kind` its deputies present earn (none: no points).
    pub activity_points: Vec<(String, Option<String>)>,
}

/// `project_get`: a project with everything recorded on it, and its rating result if rated.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ProjectDetail {
    pub project: crate::projects::model::Project,
    pub rating: Option<crate::evaluation::model::ProjectRating>,
}
