//! `renda import`, `renda export`, `renda template`: Excel in and out. The kinds are the
//! engine's (`renda::excel::kinds`); an export goes through the same dispatch as the window's.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::Args;
use renda::api::{ExportArgs, ExportRequest, ExportResult, IdArgs, ImportArgs, ImportKind, TemplateArgs};
use renda::assessment::excel::{AssessmentExport, AssessmentExportArgs};
use renda::evaluation::excel::{DossierArgs, EvaluationExport, PointsExportArgs};
use renda::excel::import::{ImportOptions, ImportReport, ImportRequest};
use renda::excel::kinds::Needs;
use renda::hearings::excel::{HearingExport, HearingOpinionExportArgs};
use renda::oversight::excel::OversightExport;
use renda::oversight::model::OversightYear;
use renda::projects::excel::{CandidateExportArgs, ProgressExportArgs, ProjectExport};
use renda::reports::excel::ReportExport;
use renda::reports::PackQuery;
use renda::roster::excel::RosterExport;
use renda::roster::model::DeputyQuery;
use renda::stations::excel::{RegisterExportArgs, StationExport};
use renda::stations::model::PeriodQuery;
use renda::suggestions::excel::SuggestionExport;
use renda::suggestions::model::{FigureQuery, SuggestionQuery};
use renda::upload::FileSource;
use renda::{Error, Renda};
use serde_json::json;

use crate::roster::{deputy_id_by_name, station_and_book, unit_id_by_name};
use crate::suggestion::suggestion_id_by_number;
use crate::{call, print_json, say, terminal_bar};

#[derive(Args)]
pub struct ImportCmd {
    #[arg(value_parser = PossibleValuesParser::new(import_choices()))]
    kind: String,
    file: PathBuf,
    /// 建议所属会次编号（默认从表格标题识别，否则为当前会次）
    #[arg(long)]
    session: Option<i64>,
    /// 登记簿所属联络站名称（register）
    #[arg(long)]
    station: Option<String>,
    /// 登记簿：activity（活动）/ contact（联系群众）/ report（述职）/ opinion（意见）
    #[arg(long, value_parser = ["activity", "contact", "report", "opinion"])]
    book: Option<String>,
    /// 测评票所属评议编号（ballots）
    #[arg(long)]
    evaluation: Option<i64>,
    /// 进度表的报送日期（表中没有「日期」列时用，默认今天），如 2025-06-30
    #[arg(long)]
    date: Option<String>,
    /// 工作表名称（默认：第一个有可识别表头的工作表）
    #[arg(long)]
    sheet: Option<String>,
    /// 不读取的工作表（可重复）
    #[arg(long = "exclude-sheet")]
    exclude_sheet: Vec<String>,
    /// 代表名册：表格中没有代表层级时，新代表的层级（默认：本单位代表的层级）
    #[arg(long)]
    level: Option<String>,
    /// 只预览，不写入
    #[arg(long)]
    dry_run: bool,
    /// 仅导入无误的行
    #[arg(long)]
    skip_invalid: bool,
}

#[derive(Args)]
pub struct ExportCmd {
    #[arg(value_parser = PossibleValuesParser::new(export_choices()))]
    kind: String,
    /// 会次编号（建议报表）
    #[arg(long)]
    session: Option<i64>,
    /// 承办单位名称（建议报表）
    #[arg(long)]
    unit: Option<String>,
    /// 建议编号，如 12（交办单、征询意见表；几个会次都有这个编号时，加 --session）；票决编号（表决票、票决结果表、计票表）；旁听会议编号（旁听公告、名单、旁听证）
    #[arg(long)]
    id: Option<i64>,
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: PathBuf,
    /// 上报用：隐去电话、身份证号（可在设置中关闭）
    #[arg(long)]
    upward: bool,
    /// 代表名册排序：pinyin / strokes / district / birth
    #[arg(long, default_value = "pinyin")]
    sort: String,
    /// 只导出该层级的代表
    #[arg(long)]
    level: Option<String>,
    /// 联络站名称（登记簿、档案目录）
    #[arg(long)]
    station: Option<String>,
    /// 登记簿：activity / contact / report / opinion
    #[arg(long, value_parser = ["activity", "contact", "report", "opinion"])]
    book: Option<String>,
    /// 年度（登记簿、联络站运行统计表、履职积分表、履职档案、乡镇汇总表、民生实事进度表）
    #[arg(long)]
    year: Option<i64>,
    /// 评议编号（测评结果表、测评票）
    #[arg(long)]
    evaluation: Option<i64>,
    /// 季度 1–4（履职积分表：截至该季度末；乡镇汇总表：该季度）
    #[arg(long)]
    quarter: Option<i64>,
    /// 代表姓名（履职档案）
    #[arg(long)]
    deputy: Option<String>,
}

#[derive(Args)]
pub struct TemplateCmd {
    #[arg(value_parser = clap::builder::PossibleValuesParser::new(template_keys()))]
    kind: String,
    /// 测评票（ballots）：评议编号，生成该评议的计票表
    #[arg(long)]
    evaluation: Option<i64>,
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: PathBuf,
}

/// The template keys as the `'static` names clap lists; made once per run, so leaking them is
/// the simplest way to give clap what it keeps.
fn template_keys() -> Vec<&'static str> {
    ImportKind::template_keys().into_iter().map(|k| &*Box::leak(k.into_boxed_str())).collect()
}

/// The import kinds clap offers, each with its title as help.
fn import_choices() -> Vec<PossibleValue> {
    ImportKind::all().map(|k| PossibleValue::new(k.key()).help(k.title())).collect()
}

/// The export kinds clap offers, each with its title as help.
fn export_choices() -> Vec<PossibleValue> {
    ExportRequest::kinds().map(|k| PossibleValue::new(k.key).help(k.title)).collect()
}

pub fn import(r: &mut Renda, a: ImportCmd, json: bool) -> Result<(), Error> {
    let name = a.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let kind: ImportKind = a.kind.parse()?;
    let (station_id, book) = match kind.needs() {
        Needs::StationBook => {
            let (station, book) = station_and_book(r, a.station.as_deref(), a.book.as_deref())?;
            (Some(station), Some(book))
        }
        _ => (None, None),
    };
    let evaluation_id = match kind.needs() {
        Needs::Evaluation => Some(a.evaluation.ok_or_else(need_evaluation)?),
        _ => None,
    };
    // the file is read by the engine, within the reader's limit, refused before it is read if larger
    let file = FileSource { path: Some(a.file.to_string_lossy().into_owned()), ..Default::default() };
    let options = ImportOptions {
        sheet: a.sheet.clone(),
        dry_run: a.dry_run,
        skip_invalid: a.skip_invalid,
        default_level: a.level.clone(),
        excluded_sheets: a.exclude_sheet.clone(),
    };
    let date = a.date.clone().filter(|_| kind.needs() == Needs::ReportDate);
    let request =
        ImportRequest { file_name: name, file, options, session_id: a.session, station_id, book, evaluation_id, date };
    let args = ImportArgs { kind, request };
    let bar = terminal_bar(r, json);
    let report: ImportReport = call(r, "import_file", args)?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if json {
        print_json(&report.summary());
    } else {
        print_report(&report, a.dry_run);
    }
    if !report.errors.is_empty() && !a.skip_invalid {
        std::process::exit(1);
    }
    Ok(())
}

fn need_evaluation() -> Error {
    Error::field("evaluation", "请用 --evaluation 指定评议编号（renda evaluation list 可查）")
}

fn print_report(report: &ImportReport, dry_run: bool) {
    say!("文件：{}（工作表「{}」，表头在第{}行）", report.file_name, report.sheet, report.header_row);
    if report.sheets.len() > 1 {
        let read: Vec<String> =
            report.sheets.iter().filter(|s| s.read).map(|s| format!("「{}」{}行", s.name, s.rows)).collect();
        let skipped: Vec<String> =
            report.sheets.iter().filter(|s| !s.read).map(|s| format!("「{}」（{}）", s.name, s.reason)).collect();
        say!(
            "读取的工作表：{}{}",
            read.join("；"),
            if skipped.is_empty() { String::new() } else { format!("；未读取：{}", skipped.join("；")) }
        );
    }
    if !report.ignored_columns.is_empty() {
        say!("未导入的列：{}", report.ignored_columns.join("、"));
    }
    print_guessed(report);
    for n in &report.notes {
        say!("{n}");
    }
    for d in &report.defaults {
        say!("本次导入默认{}：{}（{}）", d.label, d.value, d.note);
    }
    for w in &report.warnings {
        say!("  ! {w}");
    }
    for e in &report.errors {
        say!("  ✗ {}", e.message);
    }
    let verb = if report.committed { "已导入" } else { "预览" };
    say!(
        "{verb}：新增 {}，更新 {}，未变 {}，出错 {} 行{}",
        report.added,
        report.updated,
        report.unchanged,
        report.rows.iter().filter(|r| r.action == "error").count(),
        if report.skipped > 0 && report.committed {
            format!("（已跳过出错行 {} 行）", report.skipped)
        } else {
            String::new()
        }
    );
    if !report.committed && !dry_run {
        say!("有出错的行，未写入任何数据。请修改表格后重新导入，或加 --skip-invalid 仅导入无误的行。");
    }
}

/// Values the file does not hold in their own cell: merged cells, combined columns.
fn print_guessed(report: &ImportReport) {
    let labels: std::collections::HashMap<&str, &str> =
        report.columns.iter().map(|c| (c.field.as_str(), c.label.as_str())).collect();
    let guessed: Vec<String> = report
        .rows
        .iter()
        .flat_map(|row| {
            let many = report.sheets.iter().filter(|s| s.read).count() > 1;
            let place =
                if many { format!("「{}」第{}行", row.sheet, row.row) } else { format!("第{}行", row.row) };
            let labels = &labels;
            row.notes.iter().map(move |(k, n)| {
                format!(
                    "{place}「{}」{}：{n}",
                    labels.get(k.as_str()).copied().unwrap_or(""),
                    row.values.get(k).cloned().unwrap_or_default()
                )
            })
        })
        .collect();
    for g in guessed.iter().take(30) {
        say!("  ~ {g}");
    }
    if guessed.len() > 30 {
        say!("  ~ 另有 {} 处同类补全或拆分", guessed.len() - 30);
    }
}

pub fn export(r: &mut Renda, a: ExportCmd, json: bool) -> Result<(), Error> {
    let export = export_request(r, &a)?;
    let args = ExportArgs { export, upward: Some(a.upward), path: Some(a.output.to_string_lossy().into_owned()) };
    let _: ExportResult = call(r, "export_list", args)?;
    if json {
        print_json(&json!({ "path": a.output }));
    } else {
        say!("已导出到 {}", a.output.display());
    }
    Ok(())
}

/// The export's kind with its typed query, as the window sends it, from the command line's
/// options (names looked up first).
fn export_request(r: &mut Renda, a: &ExportCmd) -> Result<ExportRequest, Error> {
    let this_year = || chrono::Local::now().format("%Y").to_string().parse().unwrap_or(2026_i64);
    let unit_id = match &a.unit {
        Some(u) => Some(unit_id_by_name(r, u)?),
        None => None,
    };
    let station = |r: &mut Renda, book: Option<&str>| station_and_book(r, a.station.as_deref(), book);
    let deputy = |r: &mut Renda| match a.deputy.as_deref() {
        Some(name) => deputy_id_by_name(r, name),
        None => Err(Error::field("deputy", "请用 --deputy 指定代表姓名")),
    };
    let evaluation = || a.evaluation.map(|id| IdArgs { id }).ok_or_else(need_evaluation);
    let vote = || {
        a.id.map(|id| IdArgs { id })
            .ok_or_else(|| Error::field("id", "请用 --id 指定票决编号（renda project vote list 可查）"))
    };
    let meeting = || {
        a.id.map(|id| IdArgs { id })
            .ok_or_else(|| Error::field("id", "请用 --id 指定会议编号（renda hearing meeting list 可查）"))
    };
    let suggestion = |r: &mut Renda| {
        let number = a.id.ok_or_else(|| Error::field("id", "请用 --id 指定建议编号（renda suggestion list 可查）"))?;
        Ok::<_, Error>(IdArgs { id: suggestion_id_by_number(r, number, a.session)? })
    };
    let listed = SuggestionQuery { session_id: a.session, unit_id, ..Default::default() };
    let figures = FigureQuery { session_id: a.session, unit_id, ..Default::default() };
    let pack = || PackQuery { year: a.year.unwrap_or_else(this_year), quarter: a.quarter, ..Default::default() };
    Ok(match a.kind.as_str() {
        "deputies" => {
            let q = DeputyQuery { sort: Some(a.sort.clone()), level: a.level.clone(), ..Default::default() };
            RosterExport::Deputies(q).into()
        }
        "register" => {
            let (station_id, book) = station(r, a.book.as_deref())?;
            let year = a.year.unwrap_or_else(this_year);
            StationExport::Register(RegisterExportArgs { station_id, book, year, ..Default::default() }).into()
        }
        "archive-index" => StationExport::ArchiveIndex(IdArgs { id: station(r, Some(""))?.0 }).into(),
        "station-stats" => StationExport::StationStats(PeriodQuery { year: a.year, ..Default::default() }).into(),
        "evaluation-results" => EvaluationExport::EvaluationResults(evaluation()?).into(),
        "ballot-forms" => EvaluationExport::BallotForms(evaluation()?).into(),
        "points" => {
            let q = PointsExportArgs { year: a.year.unwrap_or_else(this_year), quarter: a.quarter, q: None };
            EvaluationExport::Points(q).into()
        }
        "dossier" => EvaluationExport::Dossier(DossierArgs { deputy_id: deputy(r)?, year: a.year }).into(),
        "assignment-list" => SuggestionExport::AssignmentList(listed).into(),
        "ledger" => SuggestionExport::Ledger(listed).into(),
        "unit-stats" => SuggestionExport::UnitStats(figures).into(),
        "category-stats" => SuggestionExport::CategoryStats(figures).into(),
        "handover-form" => SuggestionExport::HandoverForm(suggestion(r)?).into(),
        "rating-form" => SuggestionExport::RatingForm(suggestion(r)?).into(),
        "report-summary" => ReportExport::ReportSummary(pack()).into(),
        "project-candidates" => {
            ProjectExport::ProjectCandidates(CandidateExportArgs { year: a.year.unwrap_or_else(this_year) }).into()
        }
        "vote-ballot" => ProjectExport::VoteBallot(vote()?).into(),
        "vote-result" => ProjectExport::VoteResult(vote()?).into(),
        "vote-tally" => ProjectExport::VoteTally(vote()?).into(),
        "project-progress" => ProjectExport::ProjectProgress(ProgressExportArgs { year: a.year }).into(),
        "oversight-list" => OversightExport::OversightList(OversightYear { year: a.year }).into(),
        "oversight-problems" => OversightExport::OversightProblems(OversightYear { year: a.year }).into(),
        "oversight-ratings" => OversightExport::OversightRatings(OversightYear { year: a.year }).into(),
        "hearing-notice" => HearingExport::HearingNotice(meeting()?).into(),
        "hearing-roster" => HearingExport::HearingRoster(meeting()?).into(),
        "hearing-cards" => HearingExport::HearingCards(meeting()?).into(),
        "hearing-opinions" => {
            HearingExport::HearingOpinions(HearingOpinionExportArgs { year: a.year.unwrap_or_else(this_year) }).into()
        }
        "assessment-template" | "assessment-results" | "assessment-sheets" => {
            let q = AssessmentExportArgs { year: a.year.unwrap_or_else(this_year), township_id: None };
            match a.kind.as_str() {
                "assessment-template" => AssessmentExport::AssessmentTemplate(q),
                "assessment-results" => AssessmentExport::AssessmentResults(q),
                _ => AssessmentExport::AssessmentSheets(q),
            }
            .into()
        }
        // a kind without options of its own here takes its query's defaults
        other => ExportRequest::read(other, serde_json::Value::Null)?,
    })
}

pub fn template(r: &mut Renda, a: TemplateCmd, json: bool) -> Result<(), Error> {
    let (kind, choice) = ImportKind::parse_template(&a.kind)?;
    let args = TemplateArgs {
        kind,
        book: choice.book,
        evaluation_id: a.evaluation.filter(|_| kind.needs() == Needs::Evaluation),
        path: Some(a.output.to_string_lossy().into_owned()),
    };
    let _: ExportResult = call(r, "template_get", args)?;
    if json {
        print_json(&json!({ "path": a.output }));
    } else {
        say!("已生成导入模板 {}", a.output.display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct ExportLine {
        #[command(flatten)]
        cmd: ExportCmd,
    }

    /// Every export kind the engine declares is one clap offers and one whose typed request the
    /// options build; those found by name or number refuse when the empty office has none.
    #[test]
    fn every_export_kind_is_offered_and_built_from_the_options() {
        let dir = tempfile::tempdir().unwrap();
        let mut r = Renda::open(&dir.path().join("renda.db")).unwrap();
        for k in ExportRequest::kinds() {
            let line = ["renda", k.key, "-o", "x.xlsx", "--evaluation", "1", "--id", "1", "--year", "2026"];
            let cmd = ExportLine::try_parse_from(line).unwrap_or_else(|e| panic!("{}: {e}", k.key)).cmd;
            match export_request(&mut r, &cmd) {
                Ok(req) => assert_eq!(req.key(), k.key),
                Err(e) => {
                    let field = e.field_errors().first().map(|f| f.field.clone()).unwrap_or_default();
                    assert!(["station", "deputy", "id"].contains(&field.as_str()), "{}: {e}", k.key);
                }
            }
        }
        assert!(ExportLine::try_parse_from(["renda", "nope", "-o", "x.xlsx"]).is_err());
    }
}
