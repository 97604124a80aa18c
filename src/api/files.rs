//! The commands that move Excel files: `import_file`, `export_list` (and the name it gives the
//! file, `export_name`) and `template_get`. Which kinds exist, and their titles, live in
//! `excel::kinds`; this is the one dispatch from a kind to the engine's work.

use serde_json::Value;

use super::{args, DossierArgs, ExportArgs, ExportResult, IdArgs, PointsExportArgs, RegisterExportArgs, TemplateArgs};
use crate::error::{Error, Result};
use crate::excel::import::{ImportArgs, ImportReport};
use crate::excel::kinds::{ExportKind, ImportKind};
use crate::roster::model::{DeputyQuery, StationQuery, UnitQuery};
use crate::stations::model::{book_name, PeriodQuery};
use crate::suggestions::model::{FigureQuery, SuggestionQuery};
use crate::Renda;

pub(super) fn import_file(r: &mut Renda, a: ImportArgs) -> Result<ImportReport> {
    let bytes = a.file.read(r.db_path(), super::MAX_FILE_BYTES)?;
    let (name, opts) = (a.file_name.as_str(), &a.options);
    match a.kind {
        ImportKind::Deputies => r.import_deputies(&bytes, name, opts),
        ImportKind::Units => r.import_units(&bytes, name, opts),
        ImportKind::Suggestions => r.import_suggestions(&bytes, name, opts, a.session_id),
        ImportKind::Ballots => {
            let e = a.evaluation_id.ok_or_else(|| Error::field("evaluation_id", "请选择导入到哪次评议"))?;
            r.import_ballots(e, &bytes, name, opts)
        }
        ImportKind::Register => {
            let station = a.station_id.ok_or_else(|| Error::field("station_id", "请选择导入到哪个联络站"))?;
            r.import_register(station, a.book.as_deref().unwrap_or(""), &bytes, name, opts)
        }
    }
}

/// A workbook to export: the title its file is named by, and (unless only the name is wanted)
/// its bytes.
struct Workbook {
    title: String,
    bytes: Vec<u8>,
}

/// The one dispatch from an export kind to its query, its title and the work that writes it.
/// With `build` false only the title is worked out (the save dialog's suggested name).
fn workbook(r: &Renda, a: &ExportArgs, build: bool) -> Result<Workbook> {
    let cmd = "export_list";
    let q = a.query.clone().unwrap_or(Value::Null);
    let upward = a.upward.unwrap_or(false);
    let make = |f: &dyn Fn() -> Result<Vec<u8>>| if build { f() } else { Ok(Vec::new()) };
    // A 上报 copy and a one-suggestion form get names of their own, so that they never
    // overwrite the full list of the same day in the user's folder.
    let plain = |tag: String| format!("{}{tag}", a.kind.title());
    let upward_tag = if upward { "（上报）".to_string() } else { String::new() };
    let (title, bytes) = match a.kind {
        ExportKind::Deputies => {
            let q: DeputyQuery = args(cmd, q)?;
            (plain(upward_tag), make(&|| r.export_deputies(&q, upward))?)
        }
        ExportKind::Units => {
            let q: UnitQuery = args(cmd, q)?;
            (plain(upward_tag), make(&|| r.export_units(&q))?)
        }
        ExportKind::Stations => {
            let q: StationQuery = args(cmd, q)?;
            (plain(upward_tag), make(&|| r.export_stations(&q))?)
        }
        ExportKind::AssignmentList | ExportKind::Ledger => {
            let q: SuggestionQuery = args(cmd, q)?;
            let ledger = a.kind == ExportKind::Ledger;
            let f = || if ledger { r.export_ledger(&q) } else { r.export_assignment_list(&q) };
            (plain(upward_tag), make(&f)?)
        }
        ExportKind::UnitStats | ExportKind::CategoryStats => {
            let q: FigureQuery = args(cmd, q)?;
            let units = a.kind == ExportKind::UnitStats;
            let f = || if units { r.export_unit_stats(&q) } else { r.export_category_stats(&q) };
            (plain(upward_tag), make(&f)?)
        }
        ExportKind::Register => {
            let q: RegisterExportArgs = args(cmd, q)?;
            let title = format!("{}{}（{}年）", r.station_get(q.station_id)?.name, book_name(&q.book)?, q.year);
            (title, make(&|| r.export_register(&q, upward))?)
        }
        ExportKind::ArchiveIndex => {
            let id = args::<IdArgs>(cmd, q)?.id;
            (format!("{}{}", r.station_get(id)?.name, a.kind.title()), make(&|| r.export_archive_index(id))?)
        }
        ExportKind::ReportSummary => {
            let q: crate::reports::PackQuery = args(cmd, q)?;
            let title = format!("{}（{}）", a.kind.title(), crate::reports::period(&q)?.2);
            (title, make(&|| r.export_report_summary(&q))?)
        }
        ExportKind::StationStats => {
            let y = args::<PeriodQuery>(cmd, q)?.year;
            let tag = y.map(|y| format!("-{y}年")).unwrap_or(upward_tag);
            (plain(tag), make(&|| r.export_station_stats(y))?)
        }
        ExportKind::EvaluationResults | ExportKind::BallotForms => {
            let id = args::<IdArgs>(cmd, q)?.id;
            let forms = a.kind == ExportKind::BallotForms;
            let f = || if forms { r.export_ballot_forms(id) } else { r.export_evaluation_results(id) };
            (format!("{}{}", r.evaluation_get(id)?.name, a.kind.title()), make(&f)?)
        }
        ExportKind::Points => {
            let q: PointsExportArgs = args(cmd, q)?;
            let quarter = q.quarter.map(|x| format!("（第{x}季度）")).unwrap_or_default();
            let title = format!("{}年{}{quarter}", q.year, a.kind.title());
            (title, make(&|| r.export_points(q.year, q.quarter, q.q.clone()))?)
        }
        ExportKind::Dossier => {
            let q: DossierArgs = args(cmd, q)?;
            let year = q.year.map(|y| format!("（{y}年）")).unwrap_or_default();
            let title = format!("{}{}{year}", r.deputy_get(q.deputy_id)?.name, a.kind.title());
            (title, make(&|| r.export_dossier(q.deputy_id, q.year))?)
        }
        ExportKind::HandoverForm | ExportKind::RatingForm => {
            let id = args::<IdArgs>(cmd, q)?.id;
            let form = if a.kind == ExportKind::RatingForm { "rating" } else { "handover" };
            let tag = format!("-{}", r.suggestion_get(id)?.row.number_text);
            (plain(tag), make(&|| r.export_suggestion_form(id, form))?)
        }
    };
    let today = chrono::Local::now().format("%Y%m%d");
    Ok(Workbook { title: format!("{title}-{today}"), bytes })
}

/// Writes the workbook of `a.kind` (to `a.path`, or back as bytes); the CLI's `export` too.
pub fn export_list(r: &mut Renda, a: ExportArgs) -> Result<ExportResult> {
    let w = workbook(r, &a, true)?;
    deliver(format!("{}.xlsx", w.title), w.bytes, a.path)
}

/// The file name `export_list` gives, without writing the workbook.
pub fn export_name(r: &mut Renda, a: &ExportArgs) -> Result<String> {
    Ok(format!("{}.xlsx", workbook(r, a, false)?.title))
}

pub(super) fn template_get(r: &mut Renda, a: TemplateArgs) -> Result<ExportResult> {
    let (title, bytes) = match (a.kind, a.evaluation_id) {
        // the ballots template of an evaluation is its 计票表, named for it
        (ImportKind::Ballots, Some(id)) => {
            (format!("{}计票表", r.evaluation_get(id)?.name), r.ballot_count_template(id)?)
        }
        (ImportKind::Register, _) => {
            let book = a.book.as_deref().filter(|b| !b.trim().is_empty()).ok_or_else(|| {
                Error::field(
                    "book",
                    "请选择登记簿：activity（活动）、contact（联系群众）、report（述职）、opinion（意见）",
                )
            })?;
            (format!("{}导入模板", book_name(book)?), r.register_template(book)?)
        }
        (kind, _) => (kind.template_title().to_string(), r.template(kind.key())?),
    };
    deliver(format!("{title}.xlsx"), bytes, a.path)
}

/// Writes the file where the window's save dialog chose, or hands the bytes back (a browser
/// download).
pub(super) fn deliver(file_name: String, bytes: Vec<u8>, path: Option<String>) -> Result<ExportResult> {
    let size = bytes.len() as i64;
    match path.filter(|p| !p.trim().is_empty()) {
        Some(p) => {
            crate::db::backup::write_whole(std::path::Path::new(&p), &bytes)?;
            Ok(ExportResult { file_name, path: Some(p), bytes_base64: None, size })
        }
        None => {
            use base64::Engine;
            let b64 = base64::engine::general_purpose::STANDARD.encode(&bytes);
            Ok(ExportResult { file_name, path: None, bytes_base64: Some(b64), size })
        }
    }
}
