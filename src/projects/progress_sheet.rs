//! 民生实事 on paper and from the government's Excel (DOMAIN.md §5.3): the monthly 进度表 imported
//! (rows matched to projects by name, appended as progress, the same report never twice) and
//! printed, with its blank template.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use super::model::*;
use super::store;
use super::works::progress_rules;
use crate::common::today;
use crate::db::{audit_json, now_text};
use crate::error::Result;
use crate::excel::import::{ImportOptions, ImportReport, PreviewRow};
use crate::excel::names::{clean_name, NameBook};
use crate::excel::spec::{Field, FieldValue, Kind, ParsedRow, RowError, TableSpec};
use crate::excel::write::{write_workbook, Column, ReportSheet, Value};
use crate::Renda;

const STAGE_CHOICES: &[(&str, &[&str])] = &[
    (Stage::Preparing.label(), &["前期", "前期工作", "未开工", "筹备"]),
    (Stage::Building.label(), &["施工中", "在建中", "已开工", "实施中", "建设中"]),
    (Stage::Finished.label(), &["已完工", "竣工", "已竣工", "完成", "已完成"]),
];

/// The government's monthly 进度表 (DOMAIN.md §5): 序号 · 牵头单位 · 项目名称 · 业主单位 · 本月进展 ·
/// 完成投资, and optionally 形象进度(%), 进度阶段, 存在问题 and 日期.
pub static PROGRESS_SPEC: TableSpec = TableSpec {
    kind: "project-progress",
    title: "民生实事项目进度表",
    fields: &[
        Field::new("seq", "序号", &["编号"], Kind::Text),
        Field::new("lead_unit", "牵头单位", &["责任单位", "牵头责任单位"], Kind::Text),
        Field::new("name", "项目名称", &["项目", "民生实事项目", "实事项目名称"], Kind::Text).required(),
        Field::new("owner_unit", "业主单位", &["实施单位", "建设单位"], Kind::Text),
        Field::new("text", "本月进展", &["进展情况", "工作进展", "本月工作进展", "进度情况"], Kind::Text),
        Field::new(
            "invested",
            "完成投资",
            &["完成投资（万元）", "完成投资(万元)", "累计完成投资", "已完成投资"],
            Kind::Text,
        ),
        Field::new(
            "percent",
            "形象进度(%)",
            &["形象进度（%）", "完成比例", "形象进度%", "进度(%)", "完成百分比"],
            Kind::Text,
        ),
        Field::new("stage", "进度阶段", &["阶段", "项目阶段", "建设阶段"], Kind::Choice(STAGE_CHOICES)),
        Field::new("problems", "存在问题", &["存在的问题", "问题", "困难和问题"], Kind::Text),
        Field::new("date", "日期", &["报送日期", "填报日期", "截止日期"], Kind::Date),
    ],
};

/// A number of a cell (万元 or %), read as written: `120.5`, `120.5万元`, `1,200`, `85%`.
fn number(s: &str) -> Option<std::result::Result<f64, ()>> {
    let t: String = crate::text::to_half_width(s)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect::<String>()
        .trim_end_matches("万元")
        .trim_end_matches('万')
        .trim_end_matches('%')
        .to_string();
    if t.is_empty() {
        return None;
    }
    Some(t.parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0).ok_or(()))
}

fn stage_of(label: &str) -> Option<Stage> {
    Stage::ALL.into_iter().find(|s| s.label() == label)
}

/// A row read as a progress entry: the project matched by name, its figures checked.
struct ProgressReader<'a> {
    parsed: &'a crate::excel::spec::ParsedSheet,
    projects: &'a [(i64, String, i64, String)],
    /// Each cleaned name's project (the latest year's first, cancelled ones left out), so a row's
    /// name is found at once, not by cleaning every project's name again for every row.
    by_name: HashMap<String, (i64, String)>,
    /// The near-name matcher, made at the first name not found as written (most sheets have none).
    book: OnceCell<NameBook>,
    date: &'a str,
    /// The entries of the projects the sheet names exactly, read at once; a project matched
    /// only by a near name is read when its row comes.
    entries: HashMap<i64, Vec<store::EntryBrief>>,
}

impl ProgressReader<'_> {
    fn header(&self, key: &str) -> String {
        self.parsed.columns.iter().find(|c| c.field == key).map(|c| c.header.clone()).unwrap_or_else(|| {
            PROGRESS_SPEC.fields.iter().find(|f| f.key == key).map(|f| f.label.to_string()).unwrap_or_default()
        })
    }

    fn err(&self, row: &ParsedRow, key: &str, msg: String) -> RowError {
        let column = self.header(key);
        RowError {
            sheet: row.sheet.clone(),
            row: row.row as i64,
            message: format!("第{}行「{column}」{msg}", row.row),
            column,
        }
    }

    /// The project a name stands for: the same name (spaces and full-width forms ignored), the
    /// latest year's first; else the one close name, with a warning.
    fn project(
        &self,
        row: &ParsedRow,
        name: &str,
        warnings: &mut Vec<String>,
    ) -> std::result::Result<(i64, String), RowError> {
        let clean = clean_name(name);
        let usable = |s: &str| s != "cancelled";
        if let Some((id, n)) = self.by_name.get(&clean) {
            return Ok((*id, n.clone()));
        }
        let book = self.book.get_or_init(|| {
            let usable = self.projects.iter().filter(|p| usable(&p.3));
            NameBook::new("projects", "民生实事项目", &[], usable.map(|p| (p.0, p.1.clone())).collect())
        });
        let near = book.near(&clean);
        if let [one] = near.as_slice() {
            if let Some((id, n, ..)) = self.projects.iter().find(|(_, n, _, s)| n == one && usable(s)) {
                warnings.push(format!(
                    "{}第{}行项目名称「{name}」与已有项目「{n}」接近，按「{n}」导入：如不是同一项目，请改正表格后重新选择文件",
                    row.sheet, row.row
                ));
                return Ok((*id, n.clone()));
            }
        }
        let hint = if near.is_empty() {
            "请先在「项目实施」中登记该项目，或核对名称".to_string()
        } else {
            format!(
                "相近的项目有：{}，请核对名称",
                near.iter().map(|n| format!("「{n}」")).collect::<Vec<_>>().join("、")
            )
        };
        Err(self.err(row, "name", format!("「{name}」不是已登记的民生实事项目（或已取消）：{hint}")))
    }

    /// The row as an entry of its project, and whether the project already has that report.
    fn entry(
        &self,
        c: &rusqlite::Connection,
        row: &ParsedRow,
        warnings: &mut Vec<String>,
    ) -> std::result::Result<(String, ProgressInput, bool), Vec<RowError>> {
        let mut errs = row.errors.clone();
        let t = |k: &str| row.values.get(k).map(FieldValue::text).filter(|s| !s.trim().is_empty());
        let name = t("name").unwrap_or_default();
        let project = match self.project(row, &name, warnings) {
            Ok(p) => Some(p),
            Err(e) => {
                errs.push(e);
                None
            }
        };
        let mut num = |k: &str, what: &str| match t(k).as_deref().and_then(number) {
            Some(Ok(v)) => Some(v),
            Some(Err(())) => {
                errs.push(self.err(row, k, format!("应为{what}，如 120.5")));
                None
            }
            None => None,
        };
        let invested = num("invested", "不小于 0 的数（万元）");
        // a 形象进度 column holds a percent, or (in some offices' tables) words: those are the text
        let (percent, words) = match t("percent").as_deref().map(|p| (p, number(p))) {
            Some((_, Some(Ok(v)))) => (Some(v), None),
            Some((p, _)) => (None, Some(p.to_string())),
            None => (None, None),
        };
        let text = match (t("text"), words) {
            // two checked cells joined: the whole is held to the text rule's length again
            (Some(a), Some(b)) => match crate::fields::check_text("text", &format!("{a}；{b}")) {
                Ok(joined) => Some(joined),
                Err(why) => {
                    errs.push(self.err(row, "text", format!("与「形象进度」的文字合并后{why}")));
                    None
                }
            },
            (a, b) => a.or(b),
        };
        let date = t("date").unwrap_or_else(|| self.date.to_string());
        let stage = t("stage").as_deref().and_then(stage_of).unwrap_or(if percent == Some(100.0) {
            Stage::Finished
        } else {
            Stage::Building
        });
        let Some((project_id, pname)) = project.filter(|_| errs.is_empty()) else {
            return Err(errs);
        };
        let input = ProgressInput {
            project_id,
            date: date.clone(),
            stage,
            percent,
            text,
            invested,
            problems: t("problems"),
            correction: None,
        };
        let read;
        let entries = match self.entries.get(&project_id) {
            Some(e) => e,
            None => {
                read =
                    store::progress_brief(c, project_id).map_err(|e| vec![self.err(row, "invested", e.to_string())])?;
                &read
            }
        };
        match progress_rules(input, store::highest_invested(entries, &date).as_ref()) {
            Ok(p) => {
                let reported = store::already_reported(entries, &p);
                Ok((pname, p, reported))
            }
            Err(e) => Err(e
                .field_errors()
                .iter()
                .map(|f| self.err(row, if f.field == "date" { "date" } else { f.field.as_str() }, f.message.clone()))
                .collect()),
        }
    }
}

impl Renda {
    /// Imports the government's 进度表: each row appended to its project's progress (source
    /// import); a row already imported (same project, month, text and 完成投资) is unchanged.
    pub fn import_progress(
        &mut self,
        bytes: &[u8],
        file_name: &str,
        date: Option<&str>,
        opts: &ImportOptions,
    ) -> Result<ImportReport> {
        let date = match crate::common::validate_date("date", "报送日期", &date.map(str::to_string))? {
            Some(d) => d,
            None => today().format("%Y-%m-%d").to_string(),
        };
        let parsed = self.read_import_sheet(&PROGRESS_SPEC, bytes, file_name, opts)?;
        let projects = store::project_names(self.conn())?;
        let mut by_name = HashMap::new();
        for (id, n, ..) in projects.iter().filter(|p| p.3 != "cancelled") {
            by_name.entry(clean_name(n)).or_insert_with(|| (*id, n.clone()));
        }
        let named: Vec<i64> = (parsed.rows.iter())
            .filter_map(|r| r.values.get("name").map(FieldValue::text))
            .filter_map(|n| by_name.get(&clean_name(&n)).map(|(id, _)| *id))
            .collect();
        let entries = store::progress_briefs(self.conn(), &named)?;
        let reader = ProgressReader {
            parsed: &parsed,
            projects: &projects,
            by_name,
            book: OnceCell::new(),
            date: &date,
            entries,
        };
        let (mut plan, mut preview, mut errors, mut warnings) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut added, mut unchanged) = (0, 0);
        let mut seen: HashSet<String> = HashSet::new();
        for row in &parsed.rows {
            match reader.entry(self.conn(), row, &mut warnings) {
                Err(errs) => {
                    errors.extend(errs.iter().cloned());
                    let key = row.values.get("name").map(FieldValue::text).unwrap_or_default();
                    preview.push(PreviewRow::of(row, "error", key, vec![], errs));
                }
                Ok((name, p, reported)) => {
                    let key = store::progress_key(p.project_id, &p.date, p.text.as_deref(), p.invested);
                    let action = if reported || !seen.insert(key) {
                        unchanged += 1;
                        "unchanged"
                    } else {
                        added += 1;
                        plan.push((name.clone(), p.clone()));
                        "add"
                    };
                    preview.push(PreviewRow::of(row, action, format!("{name}（{}）", p.date), vec![], vec![]));
                }
            }
        }
        let notes = vec![format!("表中没有「日期」列的行按 {date} 登记")];
        let report = ImportReport::from_preview(
            (PROGRESS_SPEC.kind, PROGRESS_SPEC.title),
            file_name,
            bytes,
            &parsed,
            preview,
            (added, 0, unchanged),
            errors,
            notes,
            opts,
        );
        let report = ImportReport { warnings: [report.warnings, warnings].concat(), ..report };
        let nothing = plan.is_empty();
        self.commit_import(report, opts, nothing, |tx| write_progress(tx, &plan))
    }

    /// The blank 进度表 with the stage list.
    pub fn progress_template(&self) -> Result<Vec<u8>> {
        let columns = PROGRESS_SPEC
            .fields
            .iter()
            .map(|f| {
                let mut c = Column::new(f.label);
                if let Kind::Choice(opts) = f.kind {
                    c.choices = opts.iter().map(|(o, _)| o.to_string()).collect();
                }
                c
            })
            .collect();
        let mut sheet = ReportSheet::new("进度表", "民生实事项目进度表导入模板", columns);
        sheet.org = self.org_name()?;
        sheet.blank_rows = 30;
        sheet.footnote = Some("填写说明：项目名称须与已登记的民生实事项目一致；完成投资填累计数（万元）；形象进度填 0–100 的百分数；没有「日期」列时按导入时选择的日期登记。".into());
        write_workbook(vec![sheet])
    }

    /// The 进度表 of a year (or every year), print-ready: each project's latest entry and 进度等次.
    pub fn export_progress(&self, year: Option<i64>) -> Result<Vec<u8>> {
        let rows = self.project_list(&ProjectQuery { year, page_size: Some(0), ..Default::default() })?.items;
        let mut labels: Vec<&str> = PROGRESS_SPEC.fields.iter().map(|f| f.label).collect();
        labels.insert(labels.len() - 1, "进度等次");
        let columns = labels.iter().map(|l| Column::new(l)).collect();
        let title = match year {
            Some(y) => format!("{y}年民生实事项目进度表"),
            None => "民生实事项目进度表".into(),
        };
        let mut sheet = ReportSheet::new("进度表", &title, columns);
        sheet.org = self.org_name()?;
        let opt = |v: Option<f64>| v.map(Value::Num).unwrap_or(Value::Empty);
        for (i, r) in rows.iter().enumerate() {
            let last = store::progress(self.conn(), r.id)?.pop();
            let stage = match r.status {
                ProjectStatus::Cancelled => ProjectStatus::Cancelled.label(),
                _ => r.stage.map(|s| s.label()).unwrap_or_default(),
            };
            sheet.rows.push(vec![
                Value::Int(i as i64 + 1),
                Value::from(r.lead_unit.clone()),
                Value::Text(r.name.clone()),
                Value::from(r.owner_unit.clone()),
                Value::from(last.as_ref().and_then(|l| l.text.clone())),
                opt(r.invested),
                opt(r.percent),
                Value::Text(stage.into()),
                last.as_ref().and_then(|l| l.problems.clone()).map(Value::Text).unwrap_or(Value::Empty),
                Value::Text(r.pace.map(|p| p.label()).unwrap_or("—").into()),
                Value::from(r.progress_date.clone()),
            ]);
        }
        let tol = self.project_settings()?.pace_tolerance;
        sheet.footnote = Some(format!(
            "注：完成投资为累计数（万元）；进度等次按开工至计划完成的序时进度计算，实际进度（形象进度，未填时为完成投资÷总投资）与序时进度相差不超过 {tol} 个百分点为按序时。"
        ));
        write_workbook(vec![sheet])
    }
}

/// Writes an import's entries; 完工 marks the project done.
fn write_progress(tx: &rusqlite::Transaction, plan: &[(String, ProgressInput)]) -> Result<()> {
    let now = now_text();
    for (_, p) in plan {
        store::progress_insert(tx, p, &uuid::Uuid::new_v4().to_string(), "import", &now)?;
        if p.stage == Stage::Finished {
            store::finish_if_active(tx, p.project_id, &p.date, &now)?;
        }
    }
    let names: Vec<&str> = plan.iter().map(|(n, _)| n.as_str()).collect();
    audit_json(
        tx,
        "project",
        None,
        "import",
        &format!("导入进度表 {} 条：{}", plan.len(), names.join("、")),
        None,
        None,
    )?;
    Ok(())
}
