//! 审议意见办理 on paper and from the government's Excel (DOMAIN.md §6.8): the 交办清单, the 问题清单
//! with its 推进情况 and the 测评结果表 printed on A4; the government's 问题清单 imported (items
//! matched by 审议意见文号 and 问题, 推进情况 appended, the same entry never twice), with its template.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::*;
use super::store;
use crate::common::today;
use crate::db::{audit_json, now_text};
use crate::error::Result;
use crate::excel::import::{ImportOptions, ImportReport, ImportRequest, PreviewRow};
use crate::excel::kinds::{ExportDecl, ExportSet, ImportDecl, ImportSet, Needs, TemplateChoice};
use crate::excel::names::{clean_name, NameBook};
use crate::excel::spec::{Field, FieldValue, Kind, ParsedRow, ParsedSheet, RowError, TableSpec};
use crate::excel::write::{write_workbook, Column, ReportSheet, Value};
use crate::Renda;

/// What the area brings in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum OversightImport {
    /// the government's 问题清单 with its 推进情况
    OversightProblems,
}

impl ImportSet for OversightImport {
    const KINDS: &'static [(Self, ImportDecl)] = &[(
        OversightImport::OversightProblems,
        ImportDecl { key: "oversight-problems", title: "审议意见问题清单", needs: Needs::Nothing },
    )];

    fn import(self, r: &mut Renda, bytes: &[u8], a: &ImportRequest) -> Result<ImportReport> {
        r.import_oversight_problems(bytes, &a.file_name, &a.options)
    }

    fn template(self, r: &Renda, _: &TemplateChoice) -> Result<(String, Vec<u8>)> {
        Ok(("审议意见问题清单导入模板".into(), r.oversight_problems_template()?))
    }
}

/// What the area writes; each takes a year (every year without one).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "query", rename_all = "kebab-case")]
pub enum OversightExport {
    OversightList(OversightYear),
    OversightProblems(OversightYear),
    OversightRatings(OversightYear),
}

impl ExportSet for OversightExport {
    const KINDS: &'static [ExportDecl] = &[
        ExportDecl { key: "oversight-list", title: "审议意见交办清单" },
        ExportDecl { key: "oversight-problems", title: "审议意见问题清单" },
        ExportDecl { key: "oversight-ratings", title: "审议意见测评结果表" },
    ];

    fn file_title(&self, _: &Renda, _: bool) -> Result<String> {
        let (OversightExport::OversightList(q)
        | OversightExport::OversightProblems(q)
        | OversightExport::OversightRatings(q)) = self;
        Ok(match q.year {
            Some(y) => format!("{y}年{}", self.title()),
            None => self.title().to_string(),
        })
    }

    fn write(&self, r: &Renda, _: bool) -> Result<Vec<u8>> {
        match self {
            OversightExport::OversightList(q) => r.export_oversight_list(q.year),
            OversightExport::OversightProblems(q) => r.export_oversight_problems(q.year),
            OversightExport::OversightRatings(q) => r.export_oversight_ratings(q.year),
        }
    }
}

const STATUS_CHOICES: &[(&str, &[&str])] = &[
    (FixStatus::Open.label(), &["未开始", "待整改", "未完成"]),
    (FixStatus::Doing.label(), &["正在整改", "推进中", "持续整改", "整改推进中"]),
    (FixStatus::Done.label(), &["已整改", "完成", "整改完成", "已办结"]),
];

const CATEGORY_CHOICES: &[(&str, &[&str])] =
    &[(ProblemCategory::Problem.label(), &["突出问题"]), (ProblemCategory::Advice.label(), &["意见建议", "改进意见"])];

/// The government's 问题清单: 审议意见文号 · 问题 · 类别 · 牵头整改单位 · 推进情况 · 日期 · 整改状态.
pub static PROBLEM_SPEC: TableSpec = TableSpec {
    kind: "oversight-problems",
    title: "审议意见问题清单",
    fields: &[
        Field::new("seq", "序号", &["编号"], Kind::Text),
        Field::new("doc_no", "审议意见文号", &["文号", "审议意见", "审议意见编号"], Kind::Text).required(),
        Field::new("text", "问题", &["问题清单", "存在问题", "问题描述", "问题及建议"], Kind::Text).required(),
        Field::new("category", "类别", &["问题类别"], Kind::Choice(CATEGORY_CHOICES)),
        Field::new("unit", "牵头整改单位", &["牵头单位", "责任单位", "整改单位"], Kind::Text),
        Field::new("progress", "推进情况", &["整改情况", "整改进展", "进展情况", "落实情况"], Kind::Text),
        Field::new("date", "日期", &["填报日期", "报送日期", "截止日期"], Kind::Date),
        Field::new("status", "整改状态", &["状态", "整改进度"], Kind::Choice(STATUS_CHOICES)),
    ],
};

/// A row's identity within one file: opinion, 问题, and the entry's date and text.
type RowKey = (i64, String, Option<(String, String)>);

/// One row's plan: the problem (existing, or new with its fields) and the entry to append.
struct Planned {
    opinion_id: i64,
    problem_id: Option<i64>,
    item: ProblemItemInput,
    entry: Option<(String, String, FixStatus)>,
}

fn cell_error(parsed: &ParsedSheet, row: &ParsedRow, key: &str, msg: String) -> RowError {
    let column = parsed.columns.iter().find(|c| c.field == key).map(|c| c.header.clone()).unwrap_or_else(|| {
        PROBLEM_SPEC.fields.iter().find(|f| f.key == key).map(|f| f.label.to_string()).unwrap_or_default()
    });
    RowError {
        sheet: row.sheet.clone(),
        row: row.row as i64,
        message: format!("第{}行「{column}」{msg}", row.row),
        column,
    }
}

impl Renda {
    /// The problem a row names: the same text on that opinion, else the one near text (with a
    /// warning), else none (a new item).
    fn match_problem(
        &self,
        opinion: i64,
        text: &str,
        row: &ParsedRow,
        warnings: &mut Vec<String>,
    ) -> Result<Option<i64>> {
        if let Some(id) = store::problem_by_text(self.conn(), opinion, text)? {
            return Ok(Some(id));
        }
        let texts = store::problem_texts(self.conn(), opinion)?;
        let book = NameBook::new(
            "problems",
            "问题",
            &[],
            texts.iter().enumerate().map(|(i, t)| (i as i64, t.clone())).collect(),
        );
        let near = book.near(&clean_name(text));
        if let [one] = near.as_slice() {
            warnings.push(format!(
                "{}第{}行问题「{text}」与已有问题「{one}」接近，按「{one}」导入：如不是同一问题，请改正表格后重新选择文件",
                row.sheet, row.row
            ));
            return store::problem_by_text(self.conn(), opinion, one);
        }
        Ok(None)
    }

    fn plan_row(
        &self,
        parsed: &ParsedSheet,
        row: &ParsedRow,
        warnings: &mut Vec<String>,
    ) -> Result<std::result::Result<Planned, Vec<RowError>>> {
        let mut errs = row.errors.clone();
        let t =
            |k: &str| row.values.get(k).map(FieldValue::text).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let doc = t("doc_no").unwrap_or_default();
        let opinion = store::opinion_by_doc(self.conn(), &doc)?;
        if opinion.is_none() && !doc.is_empty() {
            errs.push(cell_error(
                parsed,
                row,
                "doc_no",
                format!("「{doc}」不是已登记的审议意见文号，请核对或先登记该审议意见"),
            ));
        }
        let text = t("text").unwrap_or_default();
        let progress = t("progress");
        let date = t("date").unwrap_or_else(|| today().format("%Y-%m-%d").to_string());
        let status = t("status").as_deref().and_then(FixStatus::parse);
        if progress.is_none() && status.is_some() {
            errs.push(cell_error(parsed, row, "progress", "为空：填写了整改状态的行请写明推进情况".into()));
        }
        let (Some(opinion_id), true) = (opinion, errs.is_empty()) else {
            return Ok(Err(errs));
        };
        let problem_id = self.match_problem(opinion_id, &text, row, warnings)?;
        let item = ProblemItemInput {
            opinion_id,
            text,
            category: t("category").as_deref().and_then(ProblemCategory::parse).unwrap_or_default(),
            unit: t("unit"),
        };
        let entry = progress.map(|p| (date, p, status.unwrap_or(FixStatus::Doing)));
        Ok(Ok(Planned { opinion_id, problem_id, item, entry }))
    }

    /// Imports the government's 问题清单: new items added, 推进情况 appended with the 整改状态
    /// after it; an item or entry already there is unchanged (DOMAIN.md §6.8).
    pub fn import_oversight_problems(
        &mut self,
        bytes: &[u8],
        file_name: &str,
        opts: &ImportOptions,
    ) -> Result<ImportReport> {
        let parsed = self.read_import_sheet(&PROBLEM_SPEC, bytes, file_name, opts)?;
        let (mut plan, mut preview, mut errors, mut warnings) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut added, mut updated, mut unchanged) = (0, 0, 0);
        let mut seen: HashSet<RowKey> = HashSet::new();
        for row in &parsed.rows {
            let p = match self.plan_row(&parsed, row, &mut warnings)? {
                Err(errs) => {
                    errors.extend(errs.iter().cloned());
                    let key = row.values.get("text").map(FieldValue::text).unwrap_or_default();
                    preview.push(PreviewRow::of(row, "error", key, vec![], errs));
                    continue;
                }
                Ok(p) => p,
            };
            let entry_new = match (&p.entry, p.problem_id) {
                (Some((d, txt, _)), Some(id)) => !store::progress_exists(self.conn(), id, d, txt)?,
                (Some(_), None) => true,
                (None, _) => false,
            };
            let key = (p.opinion_id, p.item.text.clone(), p.entry.as_ref().map(|e| (e.0.clone(), e.1.clone())));
            let action = if !seen.insert(key) || (p.problem_id.is_some() && !entry_new) {
                unchanged += 1;
                "unchanged"
            } else if p.problem_id.is_none() {
                added += 1;
                "add"
            } else {
                updated += 1;
                "update"
            };
            preview.push(PreviewRow::of(row, action, p.item.text.clone(), vec![], vec![]));
            if action != "unchanged" {
                plan.push(p);
            }
        }
        let report = ImportReport::from_preview(
            (PROBLEM_SPEC.kind, PROBLEM_SPEC.title),
            file_name,
            bytes,
            &parsed,
            preview,
            (added, updated, unchanged),
            errors,
            vec!["表中没有「日期」的推进情况按导入当天登记".into()],
            opts,
        );
        let report = ImportReport { warnings: [report.warnings, warnings].concat(), ..report };
        let nothing = plan.is_empty();
        self.commit_import(report, opts, nothing, |tx| write_problems(tx, &plan))
    }

    /// The blank 问题清单 with its lists.
    pub fn oversight_problems_template(&self) -> Result<Vec<u8>> {
        let columns = PROBLEM_SPEC
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
        let mut sheet = ReportSheet::new("问题清单", "审议意见问题清单导入模板", columns);
        sheet.org = self.org_name()?;
        sheet.blank_rows = 30;
        sheet.footnote = Some("填写说明：审议意见文号须与已登记的审议意见一致；同一问题每次推进写一行（日期、推进情况、整改状态）；同一问题、日期、推进情况再次导入时不重复登记。".into());
        write_workbook(vec![sheet])
    }

    /// 审议意见交办清单: 序号 · 会次 · 议题 · 报告机关 · 文号 · 交办日期 · 办理时限 · 状态.
    pub fn export_oversight_list(&self, year: Option<i64>) -> Result<Vec<u8>> {
        let rows = self.opinion_list(&OpinionQuery { year, ..Default::default() })?;
        let labels = ["序号", "会次", "议题", "报告机关", "文号", "交办日期", "办理时限", "状态"];
        let mut sheet = ReportSheet::new("交办清单", &title(year, "审议意见交办清单"), columns(&labels));
        sheet.org = self.org_name()?;
        for (i, r) in rows.iter().enumerate() {
            sheet.rows.push(vec![
                Value::Int(i as i64 + 1),
                Value::Text(r.meeting.clone()),
                Value::Text(r.topic.clone()),
                Value::Text(r.body.clone()),
                Value::Text(r.doc_no.clone()),
                Value::from(r.assigned_date.clone()),
                Value::from(r.due_date.clone()),
                Value::Text(r.state.label().into()),
            ]);
        }
        let s = self.oversight_settings()?;
        sheet.footnote = Some(format!(
            "注：办理时限自交办之日起计算，研究处理一般 {} 个月，预算、审计 {} 个月；时限逢节假日顺延至下一个工作日；延期的按批准后的时限。",
            s.months, s.months_short
        ));
        write_workbook(vec![sheet])
    }

    /// 问题清单 with every 推进情况 entry, dated.
    pub fn export_oversight_problems(&self, year: Option<i64>) -> Result<Vec<u8>> {
        let items = self.oversight_problems(year)?;
        let labels = ["序号", "审议意见文号", "问题", "类别", "牵头整改单位", "推进情况", "整改状态", "复核评价"];
        let mut sheet = ReportSheet::new("问题清单", &title(year, "审议意见问题清单"), columns(&labels));
        sheet.org = self.org_name()?;
        for (i, p) in items.iter().enumerate() {
            let progress: Vec<String> = p.progress.iter().map(|e| format!("{} {}", e.date, e.text)).collect();
            sheet.rows.push(vec![
                Value::Int(i as i64 + 1),
                Value::Text(p.doc_no.clone()),
                Value::Text(p.text.clone()),
                Value::Text(p.category.label().into()),
                Value::from(p.unit.clone()),
                Value::Text(progress.join("\n")),
                Value::Text(p.status.label().into()),
                Value::from(p.review.clone()),
            ]);
        }
        let f = year.map(|y| self.oversight_figures(y)).transpose()?;
        sheet.footnote = f.map(|f| {
            let rate = f.fix_rate.map_or("—".to_string(), |r| format!("{r}%"));
            format!("注：问题 {} 个，整改完成 {} 个，整改率 {rate}。", f.problems, f.problems_done)
        });
        write_workbook(vec![sheet])
    }

    /// 测评结果表: each round's rating.
    pub fn export_oversight_ratings(&self, year: Option<i64>) -> Result<Vec<u8>> {
        let rows = self.opinion_list(&OpinionQuery { year, ..Default::default() })?;
        let labels = ["序号", "文号", "议题", "报告机关", "轮次", "测评日期", "满意率", "测评结果"];
        let mut sheet = ReportSheet::new("测评结果", &title(year, "审议意见测评结果表"), columns(&labels));
        sheet.org = self.org_name()?;
        let decimals = self.oversight_settings()?.decimals as usize;
        let mut n = 0;
        for r in &rows {
            for round in store::rounds(self.conn(), r.id)?.into_iter().filter(|x| x.grade.is_some()) {
                n += 1;
                let rate = round.satisfied_rate.map(|v| format!("{:.*}%", decimals, v * 100.0));
                sheet.rows.push(vec![
                    Value::Int(n),
                    Value::Text(r.doc_no.clone()),
                    Value::Text(r.topic.clone()),
                    Value::Text(r.body.clone()),
                    Value::Text(format!("第{}轮", round.round)),
                    Value::from(round.rated_date.clone()),
                    Value::from(rate),
                    Value::from(round.grade.clone()),
                ]);
            }
        }
        sheet.footnote = Some("注：满意率为满意票占有效票的比例；测评结果按所选等次规则（默认两级：满意票超过常委会组成人员半数为满意）。".into());
        write_workbook(vec![sheet])
    }
}

fn title(year: Option<i64>, what: &str) -> String {
    year.map_or(what.to_string(), |y| format!("{y}年{what}"))
}

fn columns(labels: &[&str]) -> Vec<Column> {
    labels.iter().map(|l| Column::new(l)).collect()
}

/// Writes an import: new items, then their entries, in one transaction.
fn write_problems(tx: &rusqlite::Transaction, plan: &[Planned]) -> Result<()> {
    let now = now_text();
    for p in plan {
        let id = match p.problem_id {
            Some(id) => id,
            None => match store::problem_by_text(tx, p.opinion_id, &p.item.text)? {
                Some(id) => id,
                None => store::problem_insert(tx, &p.item, &uuid::Uuid::new_v4().to_string(), &now)?,
            },
        };
        if let Some((date, text, status)) = &p.entry {
            let e = FixProgressInput { problem_id: id, date: date.clone(), text: text.clone(), status: *status };
            store::progress_insert(tx, &e, "import", &now)?;
        }
    }
    let what = format!("导入审议意见问题清单 {} 行", plan.len());
    audit_json(tx, "oversight_problem", None, "import", &what, None, None)
}
