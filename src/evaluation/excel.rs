//! 履职评议 on paper: table 5 (满意度测评结果表, 应到 / 实到 in the footnote), blank 测评票 per
//! rater group, table 6 (代表履职积分表), each deputy's 履职档案; and counted ballots imported.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::*;
use crate::common::{vote_labels, IdArgs, Vote};
use crate::error::{Error, Result};
use crate::excel::import::{ImportOptions, ImportReport, ImportRequest, PreviewRow};
use crate::excel::kinds::{ExportDecl, ExportSet, ImportDecl, ImportSet, Needs, TemplateChoice};
use crate::excel::spec::{Field, FieldValue, Kind, RowError, TableSpec};
use crate::excel::write::{write_workbook, Column, Paper, ReportSheet, Value};
use crate::Renda;

/// What 履职评议 brings in: counted ballots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum EvaluationImport {
    Ballots,
}

impl ImportSet for EvaluationImport {
    const KINDS: &'static [(Self, ImportDecl)] =
        &[(EvaluationImport::Ballots, ImportDecl { key: "ballots", title: "测评票", needs: Needs::Evaluation })];

    fn import(self, r: &mut Renda, bytes: &[u8], a: &ImportRequest) -> Result<ImportReport> {
        let e = a.evaluation_id.ok_or_else(|| Error::field("evaluation_id", "请选择导入到哪次评议"))?;
        r.import_ballots(e, bytes, &a.file_name, &a.options)
    }

    /// The template of an evaluation is its 计票表, named for it; else the blank one.
    fn template(self, r: &Renda, choice: &TemplateChoice) -> Result<(String, Vec<u8>)> {
        if let Some(id) = choice.evaluation_id {
            return Ok((format!("{}计票表", r.evaluation_get(id)?.name), r.ballot_count_template(id)?));
        }
        let title = "测评票计票表导入模板";
        let note = "填写说明：每个对象、每个测评组一行；对象须与评议中的姓名一致；票数填数字。也可直接填写“打印测评票”所附的计票表后导入。";
        Ok((title.into(), r.blank_template(&BALLOT_SPEC, title, note)?))
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
/// `export_list` kind `dossier` (and the `dossier` command): one deputy, one year or all.
pub struct DossierArgs {
    pub deputy_id: i64,
    #[ts(optional)]
    pub year: Option<i64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
/// `export_list` kind `points`: the year, up to the end of a quarter.
pub struct PointsExportArgs {
    pub year: i64,
    #[ts(optional)]
    pub quarter: Option<i64>,
    /// The 积分排名 page's search, so the file holds the rows shown.
    #[serde(default)]
    #[ts(optional)]
    pub q: Option<String>,
}

/// What 履职评议 writes: an evaluation's results and blank ballots, the points table, a dossier.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "query", rename_all = "kebab-case")]
pub enum EvaluationExport {
    EvaluationResults(IdArgs),
    BallotForms(IdArgs),
    Points(PointsExportArgs),
    Dossier(DossierArgs),
}

impl ExportSet for EvaluationExport {
    const KINDS: &'static [ExportDecl] = &[
        ExportDecl { key: "evaluation-results", title: "满意度测评结果表" },
        ExportDecl { key: "ballot-forms", title: "测评票" },
        ExportDecl { key: "points", title: "代表履职积分表" },
        ExportDecl { key: "dossier", title: "代表履职档案" },
    ];

    fn file_title(&self, r: &Renda, _: bool) -> Result<String> {
        Ok(match self {
            EvaluationExport::EvaluationResults(a) | EvaluationExport::BallotForms(a) => {
                format!("{}{}", r.evaluation_get(a.id)?.name, self.title())
            }
            EvaluationExport::Points(q) => {
                let quarter = q.quarter.map(|x| format!("（第{x}季度）")).unwrap_or_default();
                format!("{}年{}{quarter}", q.year, self.title())
            }
            EvaluationExport::Dossier(q) => {
                let year = q.year.map(|y| format!("（{y}年）")).unwrap_or_default();
                format!("{}{}{year}", r.deputy_get(q.deputy_id)?.name, self.title())
            }
        })
    }

    fn write(&self, r: &Renda, _: bool) -> Result<Vec<u8>> {
        match self {
            EvaluationExport::EvaluationResults(a) => r.export_evaluation_results(a.id),
            EvaluationExport::BallotForms(a) => r.export_ballot_forms(a.id),
            EvaluationExport::Points(q) => r.export_points(q.year, q.quarter, q.q.clone()),
            EvaluationExport::Dossier(q) => r.export_dossier(q.deputy_id, q.year),
        }
    }
}

fn cols(names: &[&str]) -> Vec<Column> {
    names.iter().map(|c| Column::new(c)).collect()
}

pub static BALLOT_SPEC: TableSpec = TableSpec {
    kind: "ballots",
    title: "测评票统计",
    fields: &[
        Field::new("subject", "对象", &["姓名", "被评议人", "评议对象", "测评对象"], Kind::Name).required(),
        Field::new("group", "测评组", &["组别", "测评人员", "参评人员类别"], Kind::Text).required(),
        Field::new("present", "实到", &["实到人数", "参加人数"], Kind::Int).required(),
        Field::new("invalid", "废票", &["无效票"], Kind::Int),
        Field::new("satisfied", Vote::Satisfied.label(), &[Vote::Satisfied.votes_label(), "称职"], Kind::Int)
            .required(),
        Field::new("basic", Vote::Basic.label(), &[Vote::Basic.votes_label(), "基本称职"], Kind::Int),
        Field::new("unsatisfied", Vote::Unsatisfied.label(), &[Vote::Unsatisfied.votes_label(), "不称职"], Kind::Int),
        Field::new("abstain", "弃权", &["弃权票"], Kind::Int),
    ],
};

impl Renda {
    /// Table 5 of DOMAIN.md §4.2: 序号 · 对象 · 满意 · 基本满意 · 不满意 · 弃权 · 等次 (all groups), and
    /// per group 应到 / 实到 in the footnote.
    pub fn export_evaluation_results(&self, id: i64) -> Result<Vec<u8>> {
        write_workbook(self.evaluation_results_sheets(id)?)
    }

    /// Table 5 and its per-group sheet.
    pub fn evaluation_results_sheets(&self, id: i64) -> Result<Vec<ReportSheet>> {
        let e = self.evaluation_get(id)?;
        let r = self.evaluation_results(id)?;
        let mut sheet = ReportSheet::new(
            "测评结果",
            &format!("{}满意度测评结果表", e.name),
            cols(
                &[
                    &["序号", "对象", "职务"][..],
                    &vote_labels(),
                    &["弃权", Vote::Satisfied.rate_label(), Vote::Basic.rate_label(), "综合得分", "等次", "排名"],
                ]
                .concat(),
            ),
        );
        sheet.org = self.org_name()?;
        let mut rows: Vec<&SubjectResult> = r.subjects.iter().collect();
        rows.sort_by_key(|s| s.rank.unwrap_or(i64::MAX));
        sheet.rows = rows
            .iter()
            .enumerate()
            .map(|(i, s)| {
                vec![
                    Value::Int(i as i64 + 1),
                    Value::Text(s.name.clone()),
                    Value::from(s.post.clone()),
                    Value::Int(s.total.satisfied),
                    Value::Int(s.total.basic),
                    Value::Int(s.total.unsatisfied),
                    Value::Int(s.total.abstain),
                    Value::Pct(s.satisfied_rate),
                    Value::Pct(s.basic_rate),
                    s.score.map(|x| Value::Num((x * 10.0).round() / 10.0)).unwrap_or(Value::Empty),
                    Value::from(s.grade.clone()),
                    s.rank.map(Value::Int).unwrap_or(Value::Empty),
                ]
            })
            .collect();
        let attendance: Vec<String> = e
            .groups
            .iter()
            .map(|g| {
                let present = r
                    .subjects
                    .iter()
                    .filter_map(|s| s.groups.iter().find(|x| x.group_id == g.id && x.counted).map(|x| x.ballot.present))
                    .max()
                    .unwrap_or(0);
                format!("{}应到 {} 人、实到 {} 人（权重 {}）", g.name, g.expected, present, g.weight)
            })
            .collect();
        sheet.footnote = Some(format!("注：{}。评定规则：{}。", attendance.join("；"), r.rule_text));
        let by_group = group_results_sheet(&e.name, &self.org_name()?, &rows);
        Ok(vec![sheet, by_group])
    }

    /// Blank paper ballots: one sheet per rater group, every subject with the four boxes.
    pub fn export_ballot_forms(&self, id: i64) -> Result<Vec<u8>> {
        let e = self.evaluation_get(id)?;
        if e.groups.is_empty() || e.subjects.is_empty() {
            return Err(Error::NotAllowed("请先设置测评组和评议对象，再打印测评票".into()));
        }
        let org = self.org_name()?;
        let sheets: Vec<ReportSheet> = e
            .groups
            .iter()
            .map(|g| {
                let mut s = ReportSheet::new(
                    &g.name,
                    &format!("{}测评票（{}）", e.name, g.name),
                    cols(&[&["序号", "对象", "职务"][..], &vote_labels(), &["弃权"]].concat()),
                );
                s.org = org.clone();
                s.landscape = false;
                s.rows = e
                    .subjects
                    .iter()
                    .enumerate()
                    .map(|(i, x)| {
                        vec![
                            Value::Int(i as i64 + 1),
                            Value::Text(x.name.clone()),
                            Value::from(x.post.clone()),
                            "□".into(),
                            "□".into(),
                            "□".into(),
                            "□".into(),
                        ]
                    })
                    .collect();
                s.footnote =
                    Some("填票说明：每位对象只在一个“□”内打“√”；多打、不打或无法辨认的视为弃权。本票不记名。".into());
                s
            })
            .collect();
        // the counters' sheet first: filled in with the totals, the same file imports as it is
        let mut all = vec![ballot_count_sheet(&e, &org)];
        all.extend(sheets);
        write_workbook(all)
    }

    /// The 计票表 of an evaluation alone (`template ballots --evaluation ID`).
    pub fn ballot_count_template(&self, id: i64) -> Result<Vec<u8>> {
        let e = self.evaluation_get(id)?;
        if e.groups.is_empty() || e.subjects.is_empty() {
            return Err(Error::NotAllowed("请先设置测评组和评议对象，再生成计票表".into()));
        }
        write_workbook(vec![ballot_count_sheet(&e, &self.org_name()?)])
    }

    /// Table 6 of DOMAIN.md §4.2, 代表履职积分表: 代表 · 代表小组 · count per kind · 履职天数 · 积分 · 排名.
    pub fn export_points(&self, year: i64, quarter: Option<i64>, q: Option<String>) -> Result<Vec<u8>> {
        write_workbook(vec![self.points_sheet(year, quarter, q)?])
    }

    /// Table 6 as a sheet (the export and the 上报包 print the same).
    pub fn points_sheet(&self, year: i64, quarter: Option<i64>, q: Option<String>) -> Result<ReportSheet> {
        let t = self.points_table(&PointsQuery {
            year,
            quarter,
            q: q.filter(|x| !x.trim().is_empty()),
            ..Default::default()
        })?;
        let mut names: Vec<String> = vec!["代表".into(), "代表团/小组".into()];
        names.extend(t.rules.iter().map(|r| format!("{}（{}）", r.name, r.unit)));
        names.extend(["加减分", "履职天数", "积分", "排名", "小组排名", "备注"].iter().map(|s| s.to_string()));
        let title = match quarter {
            Some(q) => format!("{year}年代表履职积分表（截至第{}季度）", crate::text::chinese_number(q)),
            None => format!("{year}年代表履职积分表"),
        };
        let mut sheet = ReportSheet::new("履职积分", &title, names.iter().map(|n| Column::new(n)).collect());
        // a column per kind of duty (twenty and more): A3 landscape keeps the body at 9 pt or
        // more, where A4 would print it at about 7 pt
        sheet.paper = Paper::A3;
        sheet.org = self.org_name()?;
        sheet.rows = t
            .rows
            .iter()
            .map(|r| {
                let mut v = vec![Value::Text(r.name.clone()), Value::from(r.group.clone())];
                v.extend(r.kinds.iter().map(|k| Value::Num(k.count)));
                v.extend([
                    Value::Num(r.adjustments),
                    Value::Num(r.days),
                    Value::Num(r.total),
                    Value::Int(r.rank),
                    Value::Int(r.group_rank),
                    Value::Text(if r.low { "低于约谈线".into() } else { String::new() }),
                ]);
                v
            })
            .collect();
        let rules: Vec<String> = t
            .rules
            .iter()
            .map(|r| {
                format!(
                    "{}{:+}分/{}{}",
                    r.name,
                    r.points,
                    r.unit,
                    r.cap.map(|c| format!("（年度上限{c}分）")).unwrap_or_default()
                )
            })
            .collect();
        sheet.footnote =
            Some(format!("说明：积分规则 {}；积分低于 {} 分的代表列入约谈。", rules.join("，"), t.low_threshold));
        Ok(sheet)
    }

    /// One deputy's 履职档案 as a printable workbook.
    pub fn export_dossier(&self, deputy_id: i64, year: Option<i64>) -> Result<Vec<u8>> {
        let d = self.dossier(deputy_id, year)?;
        let period = year.map(|y| format!("{y}年")).unwrap_or_else(|| "本届".into());
        let mut sheet = ReportSheet::new(
            "履职档案",
            &format!("{}代表履职档案（{period}）", d.name),
            cols(&["日期", "类别", "事项", "情况", "积分"]),
        );
        sheet.org = self.org_name()?;
        sheet.landscape = false;
        sheet.rows = d
            .lines
            .iter()
            .map(|l| {
                vec![
                    Value::Text(l.date.clone()),
                    Value::Text(l.kind.clone()),
                    Value::Text(l.title.clone()),
                    Value::Text(l.detail.clone()),
                    l.points.map(Value::Num).unwrap_or(Value::Empty),
                ]
            })
            .collect();
        sheet.footnote = Some(match &d.points {
            Some(p) => format!("注：{period}积分 {}，排名第 {} 位；履职天数 {}。", p.total, p.rank, p.days),
            None => format!("注：期间 {} 至 {}。", d.from, d.to),
        });
        write_workbook(vec![sheet])
    }

    /// Imports counted ballots (one row per subject and group) into an open evaluation.
    pub fn import_ballots(
        &mut self,
        evaluation_id: i64,
        bytes: &[u8],
        file_name: &str,
        opts: &ImportOptions,
    ) -> Result<ImportReport> {
        let e = self.evaluation_get(evaluation_id)?;
        if e.status == "closed" {
            return Err(Error::NotAllowed(format!("评议「{}」已结束，结果已锁定，不能再导入测评票", e.name)));
        }
        let parsed = self.read_import_sheet(&BALLOT_SPEC, bytes, file_name, opts)?;
        let existing: HashMap<(i64, i64), BallotCount> =
            self.ballots_get(evaluation_id)?.counts.into_iter().map(|c| ((c.subject_id, c.group_id), c)).collect();
        let (mut added, mut updated, mut unchanged) = (0, 0, 0);
        let mut preview = Vec::new();
        let mut errors = Vec::new();
        let mut plan = Vec::new();
        for row in &parsed.rows {
            let (key, read) = ballot_of_row(&e, &parsed, row);
            let c = match read {
                Ok(c) => c,
                Err(errs) => {
                    errors.extend(errs.iter().cloned());
                    preview.push(PreviewRow::of(row, "error", key, vec![], errs));
                    continue;
                }
            };
            let action = match existing.get(&(c.subject_id, c.group_id)) {
                Some(old) if *old == c => {
                    unchanged += 1;
                    "unchanged"
                }
                Some(_) => {
                    updated += 1;
                    "update"
                }
                None => {
                    added += 1;
                    "add"
                }
            };
            if action != "unchanged" {
                plan.push(c);
            }
            preview.push(PreviewRow::of(row, action, key, vec![], vec![]));
        }
        let report = ImportReport::from_preview(
            (BALLOT_SPEC.kind, EvaluationImport::Ballots.decl().title),
            file_name,
            bytes,
            &parsed,
            preview,
            (added, updated, unchanged),
            errors,
            vec![format!("导入到：{}", e.name)],
            opts,
        );
        let nothing = plan.is_empty();
        self.commit_import(report, opts, nothing, |tx| {
            super::store::write_counts(tx, &plan)?;
            crate::db::audit_json(
                tx,
                "ballots",
                Some(&e.uuid),
                "import",
                &format!("导入测评票：{}（{} 组计票）", e.name, plan.len()),
                None,
                serde_json::to_string(&plan).ok(),
            )?;
            Ok(())
        })
    }
}

/// Table 5's second sheet: each subject's result in each rater group (满意率 and 基本满意率 of
/// the group's valid ballots, and the group's grade), in rank order.
fn group_results_sheet(name: &str, org: &str, rows: &[&SubjectResult]) -> ReportSheet {
    let columns = cols(
        &[
            &["对象", "测评组", "应到", "实到", "有效票"][..],
            &vote_labels(),
            &["弃权", Vote::Satisfied.rate_label(), Vote::Basic.rate_label(), "等次"],
        ]
        .concat(),
    );
    let mut sheet = ReportSheet::new("分组结果", &format!("{name}分组测评结果"), columns);
    sheet.org = org.to_string();
    sheet.rows = rows
        .iter()
        .flat_map(|s| {
            s.groups.iter().map(|g| {
                vec![
                    Value::Text(s.name.clone()),
                    Value::Text(g.group.clone()),
                    Value::Int(g.expected),
                    Value::Int(g.ballot.present),
                    Value::Int(g.valid),
                    Value::Int(g.ballot.satisfied),
                    Value::Int(g.ballot.basic),
                    Value::Int(g.ballot.unsatisfied),
                    Value::Int(g.ballot.abstain),
                    Value::Pct(g.satisfied_rate),
                    Value::Pct(g.basic_rate),
                    Value::from(g.grade.clone()),
                ]
            })
        })
        .collect();
    sheet
}

/// 计票表: a row per subject and rater group with the columns of the ballots import, to fill in
/// with the counted totals; what the app prints, it reads back.
fn ballot_count_sheet(e: &Evaluation, org: &str) -> ReportSheet {
    let labels: Vec<&str> = BALLOT_SPEC.fields.iter().map(|f| f.label).collect();
    let mut s = ReportSheet::new("计票表", &format!("{}计票表", e.name), cols(&labels));
    s.org = org.to_string();
    let blanks = labels.len() - 2;
    s.rows = e
        .groups
        .iter()
        .flat_map(|g| {
            e.subjects.iter().map(move |x| {
                let mut row = vec![Value::Text(x.name.clone()), Value::Text(g.name.clone())];
                row.extend(std::iter::repeat_n(Value::Empty, blanks));
                row
            })
        })
        .collect();
    s.footnote = Some(format!(
        "填写说明：按测评组清点测评票后，逐行填写实到人数和各项票数；{}。填好后在“导入导出”中选“测评票”导入本文件。",
        e.groups.iter().map(|g| format!("{}应到 {} 人", g.name, g.expected)).collect::<Vec<_>>().join("、")
    ));
    s
}

/// A row of counted ballots: its preview key, and the count checked against the evaluation's
/// subjects, groups and rule, or every problem of it.
fn ballot_of_row(
    e: &Evaluation,
    parsed: &crate::excel::spec::ParsedSheet,
    row: &crate::excel::spec::ParsedRow,
) -> (String, std::result::Result<BallotCount, Vec<RowError>>) {
    let header = |key: &str| {
        parsed.columns.iter().find(|c| c.field == key).map(|c| c.header.clone()).unwrap_or_else(|| {
            BALLOT_SPEC.fields.iter().find(|f| f.key == key).map(|f| f.label.to_string()).unwrap_or_default()
        })
    };
    let mut errs = row.errors.clone();
    let err = |key: &str, msg: String| RowError {
        sheet: row.sheet.clone(),
        row: row.row as i64,
        column: header(key),
        message: format!("第{}行「{}」{msg}", row.row, header(key)),
    };
    let t = |k: &str| row.values.get(k).map(|v| v.text());
    let n = |k: &str| match row.values.get(k) {
        Some(FieldValue::Int(i)) => *i,
        _ => 0,
    };
    let subject = t("subject").and_then(|s| e.subjects.iter().find(|x| x.name == s));
    if subject.is_none() && t("subject").is_some() {
        errs.push(err("subject", format!("「{}」不是这次评议的对象，请检查姓名", t("subject").unwrap_or_default())));
    }
    let group =
        t("group").and_then(|g| e.groups.iter().find(|x| x.name == g || x.name.contains(&g) || g.contains(&x.name)));
    if group.is_none() && t("group").is_some() {
        let all = e.groups.iter().map(|g| g.name.as_str()).collect::<Vec<_>>().join("、");
        errs.push(err("group", format!("「{}」不是这次评议的测评组，可选：{all}", t("group").unwrap_or_default())));
    }
    let key = format!("{} {}", t("subject").unwrap_or_default(), t("group").unwrap_or_default());
    let (Some(s), Some(g)) = (subject, group) else {
        return (key, Err(errs));
    };
    let c = BallotCount {
        subject_id: s.id,
        group_id: g.id,
        present: n("present"),
        invalid: n("invalid"),
        satisfied: n("satisfied"),
        basic: n("basic"),
        unsatisfied: n("unsatisfied"),
        abstain: n("abstain"),
    };
    for fe in check_count(&c, &s.name, &g.name, g.expected) {
        errs.push(err(&fe.field, fe.message.split_once('：').map(|x| x.1.to_string()).unwrap_or(fe.message.clone())));
    }
    if errs.is_empty() {
        (key, Ok(c))
    } else {
        (key, Err(errs))
    }
}
