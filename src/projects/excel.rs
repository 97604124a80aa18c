//! 民生实事项目票决 on paper (DOMAIN.md §5.1–§5.2): the 候选项目表 (import, template, export with
//! a 子项目 sheet), the blank 表决票, the 票决结果表, and the 计票表 that, filled in by hand,
//! imports as the tally of its round. Every kind of the area is declared here once, the 进度表
//! (`progress_sheet`) among them.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::*;
use super::proposals::{num, validate_candidate};
use super::store;
use crate::common::IdArgs;
use crate::db::{audit_json, now_text};
use crate::error::{Error, Result};
use crate::excel::import::{ImportOptions, ImportReport, ImportRequest, PreviewRow};
use crate::excel::kinds::{plain_title, ExportDecl, ExportSet, ImportDecl, ImportSet, Needs, TemplateChoice};
use crate::excel::spec::{Field, FieldValue, Kind, ParsedRow, ParsedSheet, RowError, TableSpec};
use crate::excel::write::{write_workbook, Column, Paper, ReportSheet, Value};
use crate::Renda;

/// What the area brings in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ProjectImport {
    /// the government's list of candidates for a year
    ProjectCandidates,
    /// a round's 计票表, filled in by hand
    VoteTally,
    /// the government's monthly 进度表
    ProjectProgress,
}

impl ImportSet for ProjectImport {
    const KINDS: &'static [(Self, ImportDecl)] = &[
        (
            ProjectImport::ProjectCandidates,
            ImportDecl { key: "project-candidates", title: "民生实事候选项目表", needs: Needs::Nothing },
        ),
        (
            ProjectImport::VoteTally,
            ImportDecl { key: "vote-tally", title: "民生实事票决计票表", needs: Needs::Nothing },
        ),
        (
            ProjectImport::ProjectProgress,
            ImportDecl { key: "project-progress", title: "民生实事项目进度表", needs: Needs::ReportDate },
        ),
    ];

    /// A 计票表 has no blank template: each is exported from its round (its title names it).
    fn template_keys(self) -> Vec<String> {
        match self {
            ProjectImport::VoteTally => vec![],
            _ => vec![self.decl().key.to_string()],
        }
    }

    fn import(self, r: &mut Renda, bytes: &[u8], a: &ImportRequest) -> Result<ImportReport> {
        match self {
            ProjectImport::ProjectCandidates => r.import_candidates(bytes, &a.file_name, &a.options),
            ProjectImport::VoteTally => r.import_tally(bytes, &a.file_name, &a.options),
            ProjectImport::ProjectProgress => r.import_progress(bytes, &a.file_name, a.date.as_deref(), &a.options),
        }
    }

    fn template(self, r: &Renda, _: &TemplateChoice) -> Result<(String, Vec<u8>)> {
        match self {
            ProjectImport::ProjectCandidates => {
                let year = chrono::Datelike::year(&crate::common::today()) as i64 + 1;
                let title = format!("{year}年度民生实事候选项目表");
                let note = "填写说明：标题写明年度；每个候选项目一行，项目名称、领域、总投资（万元）、主要内容、完成时间（如 2027年12月）必填；有子项目的，在「子项目」工作表逐条填写所属项目、子项目名称、地点、投资。同一年度同名项目再次导入时更新，不重复添加。";
                Ok(("民生实事候选项目表导入模板".into(), r.candidates_workbook(year, &title, note, true)?))
            }
            ProjectImport::VoteTally => {
                Err(Error::NotAllowed("计票表随票决生成：请在票决页点“导出计票表”，填好票数后再导入".into()))
            }
            ProjectImport::ProjectProgress => Ok(("民生实事项目进度表导入模板".into(), r.progress_template()?)),
        }
    }
}

/// `export_list` kind `project-candidates`: a year's candidates.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CandidateExportArgs {
    pub year: i64,
}

/// `export_list` kind `project-progress`: the 进度表 of a year (every year without one).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ProgressExportArgs {
    #[ts(optional)]
    pub year: Option<i64>,
}

/// What the area writes.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "query", rename_all = "kebab-case")]
pub enum ProjectExport {
    ProjectCandidates(CandidateExportArgs),
    VoteBallot(IdArgs),
    VoteResult(IdArgs),
    VoteTally(IdArgs),
    ProjectProgress(ProgressExportArgs),
}

impl ExportSet for ProjectExport {
    const KINDS: &'static [ExportDecl] = &[
        ExportDecl { key: "project-candidates", title: "民生实事候选项目表" },
        ExportDecl { key: "vote-ballot", title: "民生实事项目表决票" },
        ExportDecl { key: "vote-result", title: "民生实事项目票决结果表" },
        ExportDecl { key: "vote-tally", title: "民生实事票决计票表" },
        ExportDecl { key: "project-progress", title: "民生实事项目进度表" },
    ];

    fn file_title(&self, r: &Renda, upward: bool) -> Result<String> {
        Ok(match self {
            ProjectExport::ProjectProgress(ProgressExportArgs { year: Some(y) }) => format!("{}-{y}年", self.title()),
            ProjectExport::ProjectProgress(_) => plain_title(self.title(), upward),
            ProjectExport::ProjectCandidates(q) => format!("{}年度{}", q.year, self.title()),
            ProjectExport::VoteBallot(a) | ProjectExport::VoteResult(a) | ProjectExport::VoteTally(a) => {
                let v = r.vote_get(a.id)?;
                let round = if v.round > 1 { format!("（第{}轮）", v.round) } else { String::new() };
                format!("{}年度{}{round}", v.year, self.title())
            }
        })
    }

    fn write(&self, r: &Renda, _: bool) -> Result<Vec<u8>> {
        match self {
            ProjectExport::ProjectCandidates(q) => {
                let title = format!("{}年度民生实事候选项目表", q.year);
                r.candidates_workbook(q.year, &title, "", false)
            }
            ProjectExport::VoteBallot(a) => r.export_ballot(a.id),
            ProjectExport::VoteResult(a) => r.export_vote_result(a.id),
            ProjectExport::VoteTally(a) => r.export_tally(a.id),
            ProjectExport::ProjectProgress(q) => r.export_progress(q.year),
        }
    }
}

pub static CANDIDATE_SPEC: TableSpec = TableSpec {
    kind: "project-candidates",
    title: "民生实事候选项目表",
    fields: &[
        Field::new(
            "name",
            "项目名称",
            &["项目", "民生实事项目", "民生实事项目名称", "候选项目", "候选项目名称"],
            Kind::Text,
        )
        .required(),
        Field::new("field", "领域", &["类别", "项目类别", "项目领域", "所属领域"], Kind::Text),
        Field::new("investment", "总投资（万元）", &["总投资", "投资", "投资额", "计划投资", "总投资万元"], Kind::Text),
        Field::new("content", "主要内容", &["建设内容", "项目内容", "主要建设内容", "内容"], Kind::Text),
        Field::new("planned_end", "完成时间", &["计划完成时间", "完成时限", "完成期限", "计划完成"], Kind::Text),
        Field::new("implementer", "实施主体", &["实施单位", "牵头单位", "责任单位", "承办单位"], Kind::Text),
        Field::new("year", "年度", &["项目年度"], Kind::Int),
    ],
};

pub static SUBITEM_SPEC: TableSpec = TableSpec {
    kind: "project-subitems",
    title: "子项目",
    fields: &[
        Field::new("project", "所属项目", &["项目名称", "所属候选项目"], Kind::Text).required(),
        Field::new("name", "子项目名称", &["子项目"], Kind::Text).required(),
        Field::new("place", "地点", &["建设地点", "实施地点", "村（社区）"], Kind::Text),
        Field::new("investment", "投资（万元）", &["投资", "子项目投资"], Kind::Text),
    ],
};

pub static TALLY_SPEC: TableSpec = TableSpec {
    kind: "vote-tally",
    title: "计票表",
    fields: &[
        Field::new("name", "项目名称", &["候选项目", "项目"], Kind::Text).required(),
        Field::new("yes", "赞成", &["赞成票"], Kind::Int),
        Field::new("no", "反对", &["反对票"], Kind::Int),
        Field::new("abstain", "弃权", &["弃权票"], Kind::Int),
    ],
};

pub static TOTALS_SPEC: TableSpec = TableSpec {
    kind: "vote-totals",
    title: "投票情况",
    fields: &[
        Field::new("expected", "应到", &["应到人数", "应到代表"], Kind::Int).required(),
        Field::new("present", "实到", &["实到人数", "实到代表"], Kind::Int).required(),
        Field::new("issued", "发出", &["发出票数", "发出选票"], Kind::Int).required(),
        Field::new("returned", "收回", &["收回票数", "收回选票"], Kind::Int).required(),
        Field::new("valid", "有效", &["有效票", "有效票数"], Kind::Int).required(),
        Field::new("invalid", "无效", &["无效票", "无效票数", "废票"], Kind::Int).required(),
    ],
};

/// The sheet names the area writes and reads back.
const SUBITEM_SHEET: &str = "子项目";
const TOTALS_SHEET: &str = "投票情况";
/// How a 计票表 names its round, in its title: read back on import.
const VOTE_MARK: &str = "票决编号";

fn cols(names: &[&str]) -> Vec<Column> {
    names.iter().map(|c| Column::new(c)).collect()
}

fn spec_labels(spec: &TableSpec) -> Vec<&'static str> {
    spec.fields.iter().map(|f| f.label).collect()
}

/// The header a field's column has in the sheet read (else the field's own label).
fn header(spec: &TableSpec, parsed: &ParsedSheet, key: &str) -> String {
    parsed
        .columns
        .iter()
        .find(|c| c.field == key)
        .map(|c| c.header.clone())
        .unwrap_or_else(|| spec.fields.iter().find(|f| f.key == key).map(|f| f.label.to_string()).unwrap_or_default())
}

fn cell_error(spec: &TableSpec, parsed: &ParsedSheet, row: &ParsedRow, key: &str, msg: &str) -> RowError {
    let h = header(spec, parsed, key);
    RowError {
        sheet: row.sheet.clone(),
        row: row.row as i64,
        column: h.clone(),
        message: format!("第{}行「{h}」{msg}", row.row),
    }
}

fn text(row: &ParsedRow, key: &str) -> Option<String> {
    row.values.get(key).map(FieldValue::text).filter(|t| !t.trim().is_empty())
}

fn int(row: &ParsedRow, key: &str) -> i64 {
    match row.values.get(key) {
        Some(FieldValue::Int(i)) => *i,
        _ => 0,
    }
}

/// A sum of 万元 from a cell: `120`, `120.5`, `120万元`.
fn money(s: &str) -> Option<f64> {
    let t = crate::text::to_half_width(s);
    let t = t.trim().trim_end_matches("万元").trim_end_matches('万').replace(',', "");
    t.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The year a sheet's title names (「2027年度民生实事候选项目表」).
fn title_year(title: &str) -> Option<i64> {
    let digits: Vec<&str> = title.split(|c: char| !c.is_ascii_digit()).filter(|p| p.len() == 4).collect();
    digits.iter().filter_map(|d| d.parse::<i64>().ok()).find(|y| (2000..=2100).contains(y))
}

impl Renda {
    /// The 候选项目表 (a year's candidates, 子项目 on their own sheet); with `blank`, the template.
    pub(crate) fn candidates_workbook(&self, year: i64, title: &str, note: &str, blank: bool) -> Result<Vec<u8>> {
        let list = if blank { vec![] } else { store::candidate_list(self.conn(), year, false)? };
        let mut labels = vec!["序号"];
        labels.extend(spec_labels(&CANDIDATE_SPEC).into_iter().filter(|l| *l != "年度"));
        let mut sheet = ReportSheet::new("候选项目", title, cols(&labels));
        sheet.org = self.org_name()?;
        sheet.rows = list
            .iter()
            .enumerate()
            .map(|(i, c)| {
                vec![
                    Value::Int(i as i64 + 1),
                    Value::Text(c.name.clone()),
                    Value::Text(c.field.clone()),
                    Value::Num(c.investment),
                    Value::Text(c.content.clone()),
                    Value::Text(c.planned_end_text.clone()),
                    Value::from(c.implementer.clone()),
                ]
            })
            .collect();
        if blank {
            sheet.blank_rows = 30;
        }
        let total: f64 = list.iter().map(|c| c.investment).sum();
        sheet.footnote = Some(if blank {
            note.to_string()
        } else {
            format!("注：共 {} 个候选项目，总投资 {} 万元。", list.len(), num(total))
        });
        let mut subs =
            ReportSheet::new(SUBITEM_SHEET, &format!("{title}（子项目）"), cols(&spec_labels(&SUBITEM_SPEC)));
        subs.landscape = false;
        subs.org = sheet.org.clone();
        subs.rows = list
            .iter()
            .flat_map(|c| {
                c.subitems.iter().map(|s| {
                    vec![
                        Value::Text(c.name.clone()),
                        Value::Text(s.name.clone()),
                        Value::from(s.place.clone()),
                        s.investment.map(Value::Num).unwrap_or(Value::Empty),
                    ]
                })
            })
            .collect();
        let mut sheets = vec![sheet];
        if blank || !subs.rows.is_empty() {
            subs.blank_rows = if blank { 20 } else { 0 };
            sheets.push(subs);
        }
        write_workbook(sheets)
    }

    /// The blank 表决票 (A4 portrait): the four facts of each candidate and the three boxes.
    pub fn export_ballot(&self, id: i64) -> Result<Vec<u8>> {
        let v = self.vote_get(id)?;
        let title = v.title.replace("票决", "人大代表票决表决票");
        let mut s = ReportSheet::new(
            "表决票",
            &title,
            cols(&["序号", "项目名称", "总投资（万元）", "主要内容", "完成时间", "赞成", "反对", "弃权"]),
        );
        // A4 portrait, as the deputies hold it; 主要内容 wraps in its column, the widest one (the
        // deputies read it to decide)
        if let Some(c) = s.columns.get_mut(3) {
            c.wide = true;
        }
        s.landscape = false;
        s.paper = Paper::A4;
        s.rows = v
            .lines
            .iter()
            .map(|l| {
                vec![
                    Value::Int(l.position),
                    Value::Text(l.name.clone()),
                    Value::Num(l.investment),
                    Value::Text(l.content.clone()),
                    Value::Text(l.planned_end_text.clone()),
                    "□".into(),
                    "□".into(),
                    "□".into(),
                ]
            })
            .collect();
        s.footnote = Some(format!("填票说明：{}多打、不打或无法辨认的，该项视为弃权。本票不记名。", v.instruction));
        write_workbook(vec![s])
    }

    /// The 票决结果表: a sheet per round, each with its totals, rule and statements.
    pub fn export_vote_result(&self, id: i64) -> Result<Vec<u8>> {
        let v = self.vote_get(id)?;
        if v.totals.is_none() || v.status == VoteStatus::Open {
            return Err(Error::NotAllowed("这一轮还没有计票，请先录入计票结果".into()));
        }
        let org = self.org_name()?;
        let mut sheets = vec![];
        for round in &v.chain {
            let r = self.vote_get(*round)?;
            if r.status == VoteStatus::Open {
                continue;
            }
            sheets.push(result_sheet(&r, &org, v.chain.len()));
        }
        write_workbook(sheets)
    }

    /// The 计票表 of a round: the result's layout with the counts to fill in (or as counted),
    /// and the 投票情况 sheet; filled in, it imports as the round's tally.
    pub fn export_tally(&self, id: i64) -> Result<Vec<u8>> {
        let v = self.vote_get(id)?;
        let org = self.org_name()?;
        let mark = format!("（{VOTE_MARK} {}）", v.id);
        let mut s = ReportSheet::new(
            "计票表",
            &format!("{}计票表{mark}", v.title),
            cols(&["序号", "项目名称", "赞成", "反对", "弃权"]),
        );
        s.landscape = false;
        s.org = org.clone();
        let n = |x: Option<i64>| x.map(Value::Int).unwrap_or(Value::Empty);
        s.rows = v
            .lines
            .iter()
            .map(|l| vec![Value::Int(l.position), Value::Text(l.name.clone()), n(l.yes), n(l.no), n(l.abstain)])
            .collect();
        s.footnote = Some(format!(
            "填写说明：{}每个项目的赞成、反对、弃权之和不得多于有效票；在「投票情况」工作表填写应到、实到、发出、收回、有效、无效。填好后在“导入导出”中选“民生实事票决计票表”导入本文件。",
            v.instruction
        ));
        let mut t =
            ReportSheet::new(TOTALS_SHEET, &format!("{}投票情况{mark}", v.title), cols(&spec_labels(&TOTALS_SPEC)));
        t.landscape = false;
        t.org = org;
        let tot = v.totals.unwrap_or_default();
        let counted = v.status != VoteStatus::Open;
        let fig = |x: i64| if counted || x > 0 { Value::Int(x) } else { Value::Empty };
        t.rows = vec![vec![
            fig(tot.expected),
            fig(tot.present),
            fig(tot.issued),
            fig(tot.returned),
            fig(tot.valid),
            fig(tot.invalid),
        ]];
        t.footnote = Some("填写说明：有效 + 无效 应等于收回；差额票决中赞成超过应选数的票为无效票。".into());
        write_workbook(vec![s, t])
    }
}

/// One round's 票决结果表.
fn result_sheet(v: &VoteRound, org: &str, rounds: usize) -> ReportSheet {
    let mut s = ReportSheet::new(
        &format!("第{}轮", v.round),
        &format!("{}结果表", v.title),
        cols(&["序号", "项目名称", "赞成", "反对", "弃权", "排名", "结果"]),
    );
    s.landscape = false;
    s.org = org.to_string();
    s.rows = v
        .lines
        .iter()
        .map(|l| {
            vec![
                Value::Int(l.position),
                Value::Text(l.name.clone()),
                Value::Int(l.yes.unwrap_or(0)),
                Value::Int(l.no.unwrap_or(0)),
                Value::Int(l.abstain.unwrap_or(0)),
                l.rank.map(Value::Int).unwrap_or(Value::Empty),
                Value::Text(l.outcome.map(|o| o.label()).unwrap_or("").into()),
            ]
        })
        .collect();
    let t = v.totals.unwrap_or_default();
    let mut note = format!(
        "注：应到 {}，实到 {}，发出 {}，收回 {}，有效 {}，无效 {}。{}，应选 {} 个；通过规则：{}。",
        t.expected,
        t.present,
        t.issued,
        t.returned,
        t.valid,
        t.invalid,
        v.mode.label(),
        v.seats,
        v.pass_rule.label()
    );
    for m in &v.messages {
        note.push_str(&format!("{m}。"));
    }
    if rounds > 1 && !v.adopted.is_empty() {
        note.push_str(&format!("本次票决共 {rounds} 轮，当选项目：{}。", v.adopted.join("、")));
    }
    s.footnote = Some(note);
    s
}

/// A row of the 候选项目表 planned: its action, the candidate it updates, and what it holds — or
/// its problems.
type RowPlan = std::result::Result<(&'static str, Option<i64>, CandidateInput), Vec<RowError>>;

/// A candidate read from a row, or the row's problems.
type CandidateRead = std::result::Result<CandidateInput, Vec<RowError>>;

impl Renda {
    fn candidate_of_row(&self, parsed: &ParsedSheet, row: &ParsedRow, year: Option<i64>) -> CandidateRead {
        let spec = &CANDIDATE_SPEC;
        let mut errs = row.errors.clone();
        let year = row.values.get("year").map(|_| int(row, "year")).or(year);
        if year.is_none() {
            errs.push(cell_error(
                spec,
                parsed,
                row,
                "year",
                "为空：标题中也没有年度，请在标题写明（如「2027年度民生实事候选项目表」）或填写年度列",
            ));
        }
        let investment = match text(row, "investment") {
            Some(t) => money(&t).unwrap_or_else(|| {
                errs.push(cell_error(spec, parsed, row, "investment", &format!("应为数字（万元）：{t}")));
                0.0
            }),
            None => 0.0,
        };
        let input = CandidateInput {
            year: year.unwrap_or(0),
            name: text(row, "name").unwrap_or_default(),
            field: text(row, "field").unwrap_or_default(),
            investment,
            content: text(row, "content").unwrap_or_default(),
            planned_end: text(row, "planned_end").unwrap_or_default(),
            implementer: text(row, "implementer"),
            note: None,
            subitems: vec![],
        };
        // every problem of the row at once; a cell already refused is not refused again as empty
        let refused: Vec<String> = errs.iter().map(|e| e.column.clone()).collect();
        match validate_candidate(&input) {
            Ok(c) if errs.is_empty() => Ok(c),
            Ok(_) => Err(errs),
            Err(e) => {
                for fe in e.field_errors() {
                    let err = cell_error(spec, parsed, row, &fe.field, &format!("：{}", fe.message));
                    if !refused.contains(&err.column) {
                        errs.push(err);
                    }
                }
                Err(errs)
            }
        }
    }

    /// 子项目 rows by the project they belong to, or their problems.
    fn subitems_of(&self, sheets: &[crate::excel::cells::Sheet]) -> (HashMap<String, Vec<SubItem>>, Vec<RowError>) {
        let mut out: HashMap<String, Vec<SubItem>> = HashMap::new();
        let mut errs = vec![];
        if !sheets.iter().any(|s| s.name == SUBITEM_SHEET) {
            return (out, errs);
        }
        let Ok(parsed) = crate::excel::spec::parse_sheet(&SUBITEM_SPEC, sheets, Some(SUBITEM_SHEET)) else {
            return (out, errs);
        };
        for row in &parsed.rows {
            errs.extend(row.errors.iter().cloned());
            let (Some(project), Some(name)) = (text(row, "project"), text(row, "name")) else { continue };
            let investment = match text(row, "investment") {
                Some(t) => match money(&t) {
                    Some(v) => Some(v),
                    None => {
                        errs.push(cell_error(
                            &SUBITEM_SPEC,
                            &parsed,
                            row,
                            "investment",
                            &format!("应为数字（万元）：{t}"),
                        ));
                        None
                    }
                },
                None => None,
            };
            out.entry(project).or_default().push(SubItem { name, place: text(row, "place"), investment });
        }
        (out, errs)
    }

    /// One row of the 候选项目表 against the stored candidates: add, update, unchanged, or its
    /// errors (a candidate already counted on a ballot keeps the facts voted on).
    fn plan_candidate_row(
        &self,
        parsed: &ParsedSheet,
        row: &ParsedRow,
        year: Option<i64>,
        subs: &mut HashMap<String, Vec<SubItem>>,
    ) -> Result<RowPlan> {
        let err = |key: &str, msg: &str| cell_error(&CANDIDATE_SPEC, parsed, row, key, &format!("：{msg}"));
        let mut c = match self.candidate_of_row(parsed, row, year) {
            Ok(c) => c,
            Err(errs) => return Ok(Err(errs)),
        };
        c.subitems = subs.remove(&c.name).unwrap_or_default();
        // the 子项目 sheet's sums against the row's 总投资
        let c = match validate_candidate(&c) {
            Ok(c) => c,
            Err(e) => return Ok(Err(e.field_errors().iter().map(|fe| err("investment", &fe.message)).collect())),
        };
        let existing = store::candidate_by_name(self.conn(), c.year, &c.name)?;
        let old = existing.map(|id| store::candidate_get(self.conn(), id)).transpose()?.flatten();
        Ok(Ok(match old {
            Some(old) if same_candidate(&old, &c) => ("unchanged", existing, c),
            Some(old) if store::candidate_voted(self.conn(), old.id)? => {
                return Ok(Err(vec![err("name", "这个项目已经票决计票，票上的内容不能再修改")]));
            }
            Some(_) => ("update", existing, c),
            None => ("add", None, c),
        }))
    }

    /// The 候选项目表: preview, cell errors naming sheet, row and column; the same year and
    /// 项目名称 is the same candidate (updated, never duplicated).
    pub fn import_candidates(&mut self, bytes: &[u8], file_name: &str, opts: &ImportOptions) -> Result<ImportReport> {
        let sheets = crate::excel::read::read_workbook(bytes, file_name)?;
        let mut excluded = opts.excluded_sheets.clone();
        excluded.push(SUBITEM_SHEET.into());
        let mut parsed = crate::excel::spec::parse_sheets(&CANDIDATE_SPEC, &sheets, opts.sheet.as_deref(), &excluded)?;
        read_apart(&mut parsed, SUBITEM_SHEET, "子项目，按所属项目读取");
        let year = title_year(&parsed.title_text);
        let (mut subs, mut errors) = self.subitems_of(&sheets);
        let (mut counted, mut preview, mut plan) = ([0i64; 3], vec![], vec![]);
        for row in &parsed.rows {
            let key = text(row, "name").unwrap_or_default();
            match self.plan_candidate_row(&parsed, row, year, &mut subs)? {
                Ok((action, id, c)) => {
                    counted[["add", "update", "unchanged"].iter().position(|a| *a == action).unwrap_or(2)] += 1;
                    if action != "unchanged" {
                        plan.push((id, c));
                    }
                    preview.push(PreviewRow::of(row, action, key, vec![], vec![]));
                }
                Err(errs) => {
                    errors.extend(errs.iter().cloned());
                    preview.push(PreviewRow::of(row, "error", key, vec![], errs));
                }
            }
        }
        let notes: Vec<String> = year.map(|y| format!("年度：{y}（由标题读出）")).into_iter().collect();
        errors.extend(subs.keys().map(|name| RowError {
            sheet: SUBITEM_SHEET.into(),
            row: 0,
            column: "所属项目".into(),
            message: format!("子项目所属的「{name}」不在候选项目表中，请核对项目名称"),
        }));
        let report = ImportReport::from_preview(
            (CANDIDATE_SPEC.kind, ProjectImport::ProjectCandidates.decl().title),
            file_name,
            bytes,
            &parsed,
            preview,
            (counted[0], counted[1], counted[2]),
            errors,
            notes,
            opts,
        );
        let nothing = plan.is_empty();
        self.commit_import(report, opts, nothing, |tx| {
            let now = now_text();
            for (id, c) in &plan {
                match id {
                    Some(id) => store::candidate_update(tx, *id, c, &now)?,
                    None => {
                        store::candidate_insert(tx, c, None, None, &uuid::Uuid::new_v4().to_string(), &now)?;
                    }
                }
            }
            let names: Vec<&str> = plan.iter().map(|p| p.1.name.as_str()).collect();
            let summary = format!("导入候选项目：{}", names.join("、"));
            audit_json(tx, "project_candidate", None, "import", &summary, None, None)
        })
    }
}

fn same_candidate(old: &Candidate, c: &CandidateInput) -> bool {
    old.name == c.name
        && old.field == c.field
        && (old.investment - c.investment).abs() < 1e-9
        && old.content == c.content
        && old.planned_end == c.planned_end
        && old.implementer == c.implementer
        && old.subitems == c.subitems
}

/// A sheet of the workbook read on its own (子项目, 投票情况): the preview says so, rather than
/// calling it unticked.
fn read_apart(parsed: &mut ParsedSheet, sheet: &str, why: &str) {
    for s in parsed.sheets.iter_mut().filter(|s| s.name == sheet) {
        s.reason = why.into();
    }
}

/// The round a 计票表 names in its title (「…（票决编号 12）」).
fn vote_of_title(title: &str) -> Option<i64> {
    let rest = title.split(VOTE_MARK).nth(1)?;
    rest.trim_start().split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
}

/// The 计票表's rows matched to the round's ballot by 项目名称 (a name not on it is an error),
/// and the row each candidate's counts came from.
fn read_counts<'a>(
    v: &store::VoteRecord,
    parsed: &'a ParsedSheet,
    errors: &mut Vec<RowError>,
) -> (Vec<Count>, HashMap<i64, &'a ParsedRow>) {
    let (mut counts, mut rows_of) = (vec![], HashMap::new());
    for row in &parsed.rows {
        let name = text(row, "name").unwrap_or_default();
        errors.extend(row.errors.iter().cloned());
        let Some(l) = v.lines.iter().find(|l| l.name == name) else {
            errors.push(cell_error(&TALLY_SPEC, parsed, row, "name", &format!("「{name}」不在这一轮的表决票上")));
            continue;
        };
        let (yes, no, abstain) = (int(row, "yes"), int(row, "no"), int(row, "abstain"));
        counts.push(Count { candidate_id: l.candidate_id, yes, no, abstain });
        rows_of.insert(l.candidate_id, row);
    }
    for l in v.lines.iter().filter(|l| !rows_of.contains_key(&l.candidate_id)) {
        errors.push(RowError {
            sheet: parsed.sheet.clone(),
            row: 0,
            column: "项目名称".into(),
            message: format!("计票表中缺少「{}」这一行", l.name),
        });
    }
    (counts, rows_of)
}

/// The 投票情况 row: the six figures, or the error of a sheet left empty.
fn read_totals(sheet: &ParsedSheet, errors: &mut Vec<RowError>) -> Totals {
    let Some(r) = sheet.rows.first() else {
        errors.push(RowError {
            sheet: TOTALS_SHEET.into(),
            row: 0,
            column: String::new(),
            message: "「投票情况」工作表没有填写应到、实到、发出、收回、有效、无效".into(),
        });
        return Totals::default();
    };
    errors.extend(r.errors.iter().cloned());
    Totals {
        expected: int(r, "expected"),
        present: int(r, "present"),
        issued: int(r, "issued"),
        returned: int(r, "returned"),
        valid: int(r, "valid"),
        invalid: int(r, "invalid"),
    }
}

/// What importing the tally does to the round: error, unchanged (the same figures again), update
/// or add.
fn tally_action(v: &store::VoteRecord, t: &TallyInput, errors: &[RowError]) -> &'static str {
    let same = v.totals == Some(t.totals)
        && v.lines.iter().all(|l| {
            t.counts.iter().any(|c| {
                c.candidate_id == l.candidate_id
                    && Some(c.yes) == l.yes
                    && Some(c.no) == l.no
                    && Some(c.abstain) == l.abstain
            })
        });
    match () {
        _ if !errors.is_empty() => "error",
        _ if same => "unchanged",
        _ if v.totals.is_some() => "update",
        _ => "add",
    }
}

impl Renda {
    /// A filled 计票表: the round named by its title, one row per candidate on its ballot and the
    /// 投票情况 row; refused with the row and column of every figure that does not add up; the
    /// same tally imported twice changes nothing.
    pub fn import_tally(&mut self, bytes: &[u8], file_name: &str, opts: &ImportOptions) -> Result<ImportReport> {
        let sheets = crate::excel::read::read_workbook(bytes, file_name)?;
        let mut excluded = opts.excluded_sheets.clone();
        excluded.push(TOTALS_SHEET.into());
        let mut parsed = crate::excel::spec::parse_sheets(&TALLY_SPEC, &sheets, opts.sheet.as_deref(), &excluded)?;
        read_apart(&mut parsed, TOTALS_SHEET, "应到、实到等票数，另行读取");
        let id = vote_of_title(&parsed.title_text).ok_or_else(|| {
            Error::BadFile(format!(
                "这不是本程序导出的计票表：标题中没有「{VOTE_MARK}」。请在票决页点“导出计票表”，填好后再导入"
            ))
        })?;
        let v = store::vote_get(self.conn(), id)?
            .ok_or_else(|| Error::BadFile(format!("计票表所属的票决（{VOTE_MARK} {id}）不存在，可能来自另一份数据")))?;
        self.tally_allowed(&v)?;
        let totals_sheet = crate::excel::spec::parse_sheet(&TOTALS_SPEC, &sheets, Some(TOTALS_SHEET))?;
        let mut errors = vec![];
        let (counts, rows_of) = read_counts(&v, &parsed, &mut errors);
        let totals = read_totals(&totals_sheet, &mut errors);
        let tally = TallyInput { vote_id: v.id, totals, counts };
        if errors.is_empty() {
            let named = self.tally_lines(&v, &tally)?;
            for fe in check_tally(v.mode, v.seats, &totals, &named) {
                errors.push(locate(&fe, &parsed, &rows_of, &totals_sheet, totals_sheet.rows.first()));
            }
        }
        let action = tally_action(&v, &tally, &errors);
        let preview = parsed
            .rows
            .iter()
            .map(|row| {
                let mine: Vec<RowError> =
                    errors.iter().filter(|e| e.row == row.row as i64 && e.sheet == row.sheet).cloned().collect();
                let act = match (mine.is_empty(), action) {
                    (false, _) => "error",
                    (true, "error") => "unchanged",
                    (true, a) => a,
                };
                PreviewRow::of(row, act, text(row, "name").unwrap_or_default(), vec![], mine)
            })
            .collect();
        let n = |a: &str| i64::from(action == a);
        let report = ImportReport::from_preview(
            (TALLY_SPEC.kind, ProjectImport::VoteTally.decl().title),
            file_name,
            bytes,
            &parsed,
            preview,
            (n("add"), n("update"), n("unchanged")),
            errors,
            vec![format!("导入到：{}", vote_title(v.year, v.round))],
            opts,
        );
        // a tally is all or nothing: 仅导入无误的行 does not apply
        let opts = ImportOptions { skip_invalid: false, ..opts.clone() };
        self.commit_import(report, &opts, n("add") + n("update") == 0, |tx| {
            store::vote_save_tally(tx, v.id, &tally.totals, &tally.counts, &now_text())?;
            let summary = format!("导入{}计票结果", vote_title(v.year, v.round));
            audit_json(tx, "project_vote", Some(&v.uuid), "count", &summary, None, serde_json::to_string(&tally).ok())
        })
    }
}

/// Where an add-up failure is in the 计票表: a candidate's row, or the 投票情况 cell of the
/// figure it names.
fn locate(
    fe: &crate::error::FieldError,
    parsed: &ParsedSheet,
    rows_of: &HashMap<i64, &ParsedRow>,
    totals: &ParsedSheet,
    totals_row: Option<&ParsedRow>,
) -> RowError {
    let candidate = fe.field.strip_prefix("counts.").and_then(|id| id.parse::<i64>().ok());
    if let Some(row) = candidate.and_then(|c| rows_of.get(&c)) {
        return cell_error(&TALLY_SPEC, parsed, row, "yes", &format!("：{}", fe.message));
    }
    match totals_row {
        Some(row) if fe.field != "counts" => {
            cell_error(&TOTALS_SPEC, totals, row, &fe.field, &format!("：{}", fe.message))
        }
        _ => RowError { sheet: parsed.sheet.clone(), row: 0, column: "赞成".into(), message: fe.message.clone() },
    }
}
