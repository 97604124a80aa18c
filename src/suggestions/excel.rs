//! The suggestion reports of DOMAIN.md §4.2 (tables 1–4) and the two forms of one suggestion
//! (交办单, 征询意见表), all through the report writer.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::*;
use crate::common::{vote_boxes, vote_labels, IdArgs, Vote};
use crate::error::Result;
use crate::excel::kinds::{plain_title, ExportDecl, ExportSet};
use crate::excel::write::{write_workbook, Column, Paper, ReportSheet, Value};
use crate::Renda;

pub use super::import::SuggestionImport;

/// What the suggestions area writes: the lists and tables of DOMAIN.md §4.2 as shown, and the two
/// forms of one suggestion.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "query", rename_all = "kebab-case")]
pub enum SuggestionExport {
    AssignmentList(SuggestionQuery),
    Ledger(SuggestionQuery),
    UnitStats(FigureQuery),
    CategoryStats(FigureQuery),
    HandoverForm(IdArgs),
    RatingForm(IdArgs),
}

impl ExportSet for SuggestionExport {
    const KINDS: &'static [ExportDecl] = &[
        ExportDecl { key: "assignment-list", title: "建议交办清单" },
        ExportDecl { key: "ledger", title: "建议办理情况台账" },
        ExportDecl { key: "unit-stats", title: "承办单位办理情况统计表" },
        ExportDecl { key: "category-stats", title: "建议分类统计表" },
        ExportDecl { key: "handover-form", title: "代表建议交办单" },
        ExportDecl { key: "rating-form", title: "代表建议办理情况征询意见表" },
    ];

    /// A form is named after its suggestion, so two forms of one day never overwrite each other.
    fn file_title(&self, r: &Renda, upward: bool) -> Result<String> {
        match self {
            SuggestionExport::HandoverForm(a) | SuggestionExport::RatingForm(a) => {
                Ok(format!("{}-{}", self.title(), r.suggestion_get(a.id)?.row.number_text))
            }
            _ => Ok(plain_title(self.title(), upward)),
        }
    }

    fn write(&self, r: &Renda, _: bool) -> Result<Vec<u8>> {
        match self {
            SuggestionExport::AssignmentList(q) => r.export_assignment_list(q),
            SuggestionExport::Ledger(q) => r.export_ledger(q),
            SuggestionExport::UnitStats(q) => r.export_unit_stats(q),
            SuggestionExport::CategoryStats(q) => r.export_category_stats(q),
            SuggestionExport::HandoverForm(a) => r.export_suggestion_form(a.id, "handover"),
            SuggestionExport::RatingForm(a) => r.export_suggestion_form(a.id, "rating"),
        }
    }
}

fn cols(labels: &[&str]) -> Vec<Column> {
    labels.iter().map(|l| Column::new(l)).collect()
}

fn date(s: &Option<String>) -> Value {
    s.as_deref().and_then(parse_date).map(Value::Date).unwrap_or(Value::Empty)
}

/// A stored `YYYY-MM-DD` read by hand (an export reads tens of thousands; the general parser
/// costs about ten times as much); anything else goes to that parser.
fn parse_date(d: &str) -> Option<chrono::NaiveDate> {
    let b = d.as_bytes();
    let num = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    match (b.len(), b.get(4), b.get(7)) {
        (10, Some(b'-'), Some(b'-')) => match (num(0..4), num(5..7), num(8..10)) {
            (Some(y), Some(m), Some(day)) => chrono::NaiveDate::from_ymd_opt(y as i32, m, day),
            _ => chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok(),
        },
        _ => chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok(),
    }
}

/// A text cell, moved out of its row; empty is no text.
fn text(s: Option<String>) -> Value {
    s.filter(|x| !x.is_empty()).map(Value::Text).unwrap_or(Value::Empty)
}

fn list(v: &[String]) -> Value {
    if v.is_empty() {
        Value::Empty
    } else {
        Value::Text(v.join("、"))
    }
}

const ASSIGNMENT_COLUMNS: &[&str] = &[
    "编号",
    "案由",
    "领衔代表",
    "附议代表",
    "代表团/选区",
    "大会/闭会",
    "类别",
    "主办单位",
    "协办单位",
    "交办日期",
    "要求答复日期",
    "重点",
    "督办领导",
];
const LEDGER_EXTRA: &[&str] = &[
    "答复日期",
    "答复文号",
    "答复类别",
    "面商形式",
    "满意度（工作）",
    "满意度（结果）",
    "采纳情况",
    "重办",
    "落实情况",
    "备注",
];

/// The cells of 交办清单, moved out of the row (an export reads each row once).
fn assignment_cells(r: &mut SuggestionRow) -> Vec<Value> {
    let take = std::mem::take;
    vec![
        Value::Text(take(&mut r.number_text)),
        Value::Text(take(&mut r.title)),
        Value::Text(take(&mut r.lead_deputy)),
        list(&r.cosigners),
        text(r.delegation.take()),
        Value::Text(format!("{}期间", r.period)),
        text(r.category.take()),
        text(r.main_unit.take()),
        list(&r.co_units),
        date(&r.assigned_date),
        date(&r.due_date),
        Value::Text(if r.key_item { "是" } else { "" }.into()),
        text(r.supervisor.take()),
    ]
}

impl Renda {
    fn session_title(&self, q_session: Option<i64>) -> Result<String> {
        Ok(match q_session {
            Some(id) => self
                .term_list()?
                .into_iter()
                .flat_map(|t| t.sessions)
                .find(|s| s.id == id)
                .map(|s| s.name)
                .unwrap_or_default(),
            None => String::new(),
        })
    }

    /// Table 1, 建议交办清单: the ledger's rows (its filters and order), assigned ones.
    pub fn export_assignment_list(&self, q: &SuggestionQuery) -> Result<Vec<u8>> {
        write_workbook(vec![self.assignment_list_sheet(q)?])
    }

    pub fn assignment_list_sheet(&self, q: &SuggestionQuery) -> Result<ReportSheet> {
        let rows = self.suggestion_list(&SuggestionQuery { page_size: Some(0), page: None, ..q.clone() })?;
        let mut sheet = ReportSheet::new(
            "交办清单",
            &format!("{}代表建议交办清单", self.session_title(q.session_id)?),
            cols(ASSIGNMENT_COLUMNS),
        );
        sheet.org = self.org_name()?;
        sheet.rows = rows
            .items
            .into_iter()
            .filter(|r| r.assigned_date.is_some())
            .map(|mut r| assignment_cells(&mut r))
            .collect();
        Ok(sheet)
    }

    /// Table 2, 建议办理情况台账: every row of the ledger with its handling.
    pub fn export_ledger(&self, q: &SuggestionQuery) -> Result<Vec<u8>> {
        write_workbook(vec![self.ledger_sheet(q)?])
    }

    pub fn ledger_sheet(&self, q: &SuggestionQuery) -> Result<ReportSheet> {
        let rows = self.suggestion_list(&SuggestionQuery { page_size: Some(0), page: None, ..q.clone() })?;
        let c = self.conn();
        // the latest reply's 文号 and the contact forms of just these rows: their ids go in as one
        // JSON array value, not as SQL text (10,000 literals cost more to parse than to look up)
        let ids = format!("[{}]", rows.items.iter().map(|r| r.id.to_string()).collect::<Vec<_>>().join(","));
        let mut doc_no = super::store::latest_doc_nos(c, &ids)?;
        let forms = super::store::contact_forms(c, &ids)?;
        let mut labels: Vec<&str> = ASSIGNMENT_COLUMNS.to_vec();
        labels.extend_from_slice(LEDGER_EXTRA);
        let mut sheet = ReportSheet::new(
            "办理情况台账",
            &format!("{}代表建议办理情况台账", self.session_title(q.session_id)?),
            cols(&labels),
        );
        // 23 columns: on A3 landscape, as offices keep their 台账, the body prints at 9 pt or
        // more with the long texts wrapped; on A4 it would print at about 6 pt
        sheet.paper = Paper::A3;
        sheet.org = self.org_name()?;
        sheet.rows = rows
            .items
            .into_iter()
            .map(|mut r| {
                let mut v = assignment_cells(&mut r);
                let implemented = match r.state.as_str() {
                    FOLLOWING => "跟踪落实中",
                    IMPLEMENTED => "已落实完毕",
                    CONCLUDED => "已办结",
                    REHANDLING => "重办中",
                    _ => "",
                };
                v.extend([
                    date(&r.reply_date),
                    text(doc_no.remove(&r.id).flatten()),
                    r.reply_class.as_ref().map(|c| Value::Text(format!("{c}类"))).unwrap_or(Value::Empty),
                    forms.get(&r.id).map(|f| Value::Text(f.replace(',', "、"))).unwrap_or(Value::Empty),
                    text(r.latest_work.take()),
                    text(r.latest_result.take()),
                    text(r.adoption.take()),
                    Value::Text(if r.rehandled { "是" } else { "" }.into()),
                    Value::Text(implemented.into()),
                    Value::Text(if r.number.is_none() { r.state } else { String::new() }),
                ]);
                v
            })
            .collect();
        Ok(sheet)
    }

    /// Table 3, 承办单位办理情况统计表, with a 合计 row.
    pub fn export_unit_stats(&self, q: &FigureQuery) -> Result<Vec<u8>> {
        write_workbook(vec![self.unit_stats_sheet(q)?])
    }

    /// Table 3 as a sheet (the export and the 上报包 print the same).
    pub fn unit_stats_sheet(&self, q: &FigureQuery) -> Result<ReportSheet> {
        let units: Vec<(String, Figures)> = self.unit_figures(q)?.into_iter().map(|u| (u.unit, u.figures)).collect();
        let total = self.suggestion_figures(q)?;
        self.unit_table(&format!("{}承办单位办理代表建议情况统计表", self.session_title(q.session_id)?), &units, &total)
    }

    /// Table 3's layout over given rows and total: this office's own and the 乡镇汇总's alike.
    pub fn unit_table(&self, title: &str, units: &[(String, Figures)], total: &Figures) -> Result<ReportSheet> {
        let settings = self.suggestion_settings()?;
        let mut labels: Vec<String> =
            ["单位", "主办件", "协办件", "已答复", "按期答复"].iter().map(|s| s.to_string()).collect();
        labels.extend(settings.classes.iter().map(|c| c.value.clone()));
        labels.extend(vote_labels().iter().map(|s| s.to_string()));
        labels.extend(["见面率", "办复率", Vote::Satisfied.rate_label()].iter().map(|s| s.to_string()));
        let columns = labels.iter().map(|l| Column::new(l)).collect();
        let mut sheet = ReportSheet::new("承办单位统计", title, columns);
        sheet.org = self.org_name()?;
        let row = |name: String, f: &Figures, co: i64| -> Vec<Value> {
            let mut v = vec![
                Value::Text(name),
                Value::Int(f.assigned),
                Value::Int(co),
                Value::Int(f.replied),
                Value::Int(f.replied_on_time),
            ];
            v.extend(f.by_class.iter().map(|c| Value::Int(c.count)));
            v.extend([
                Value::Int(f.satisfied),
                Value::Int(f.basically_satisfied),
                Value::Int(f.unsatisfied),
                Value::Pct(f.face_rate),
                Value::Pct(f.reply_rate),
                Value::Pct(f.satisfaction_rate),
            ]);
            v
        };
        sheet.rows = units.iter().map(|(name, f)| row(name.clone(), f, f.co_count)).collect();
        let co_total: i64 = units.iter().map(|u| u.1.co_count).sum();
        sheet.rows.push(row("合计".into(), total, co_total));
        sheet.footnote = Some(format!(
            "说明：已答复、按期答复、答复类别、满意度均按主办件统计；协办件只计件数。{} =（{} + {}）÷ 已表态件数（最近一轮办理结果）。",
            Vote::Satisfied.rate_label(),
            Vote::Satisfied.label(),
            Vote::Basic.label()
        ));
        Ok(sheet)
    }

    /// Table 4, 建议分类统计表, with a 合计 row.
    pub fn export_category_stats(&self, q: &FigureQuery) -> Result<Vec<u8>> {
        write_workbook(vec![self.category_stats_sheet(q)?])
    }

    pub fn category_stats_sheet(&self, q: &FigureQuery) -> Result<ReportSheet> {
        let cats = self.category_counts(q)?;
        let mut sheet = ReportSheet::new(
            "分类统计",
            &format!("{}代表建议分类统计表", self.session_title(q.session_id)?),
            cols(&["类别", "件数", "占比"]),
        );
        sheet.org = self.org_name()?;
        sheet.landscape = false;
        let total: i64 = cats.iter().map(|c| c.count).sum();
        sheet.rows = cats
            .iter()
            .map(|c| vec![Value::Text(c.category.clone()), Value::Int(c.count), Value::Pct(c.share)])
            .collect();
        sheet.rows.push(vec![
            Value::Text("合计".into()),
            Value::Int(total),
            Value::Pct(if total > 0 { Some(1.0) } else { None }),
        ]);
        Ok(sheet)
    }

    /// 交办单 (to the unit) or 征询意见表 (to the deputy) of one suggestion, ready to print.
    pub fn export_suggestion_form(&self, id: i64, form: &str) -> Result<Vec<u8>> {
        let s = self.suggestion_get(id)?;
        let r = &s.row;
        let mut pairs: Vec<(&str, String)> = vec![
            ("建议编号", r.number_text.clone()),
            ("案由", r.title.clone()),
            ("领衔代表", r.lead_deputy.clone()),
            ("附议代表", r.cosigners.join("、")),
            ("提出时间", format!("{}（{}期间）", r.session_name, r.period)),
            ("主办单位", r.main_unit.clone().unwrap_or_default()),
            ("协办单位", r.co_units.join("、")),
            ("交办日期", r.assigned_date.clone().unwrap_or_default()),
            ("要求答复日期", r.due_date.clone().unwrap_or_default()),
        ];
        let title = if form == "rating" {
            let reply = s.replies.last();
            pairs.push(("答复日期", reply.map(|x| x.reply_date.clone()).unwrap_or_default()));
            pairs.push(("答复文号", reply.and_then(|x| x.doc_no.clone()).unwrap_or_default()));
            pairs.push(("答复类别", reply.map(|x| format!("{}类", x.class)).unwrap_or_default()));
            pairs.push(("对办理工作的意见", vote_boxes()));
            pairs.push(("对办理结果的意见", vote_boxes()));
            pairs.push(("采纳情况", "□采纳　□部分采纳　□近期不能落实　□未采纳".into()));
            pairs.push(("具体意见", String::new()));
            pairs.push(("代表签名", String::new()));
            pairs.push(("日期", "　　　年　　月　　日".into()));
            "代表建议办理情况征询意见表"
        } else {
            pairs.push((
                "重点督办",
                if r.key_item {
                    format!("是（督办领导：{}）", r.supervisor.clone().unwrap_or_default())
                } else {
                    "否".into()
                },
            ));
            pairs.push(("建议内容", s.body.clone().unwrap_or_default()));
            pairs.push(("办理要求", "请于要求答复日期前书面答复代表，并抄送县人大常委会代表工作委员会；办理前、办理中与代表沟通联系，听取意见。".into()));
            "代表建议交办单"
        };
        let mut sheet =
            ReportSheet::new(if form == "rating" { "征询意见表" } else { "交办单" }, title, cols(&["项目", "内容"]));
        sheet.org = self.org_name()?;
        sheet.landscape = false;
        // room to write by hand: the deputy's opinion and signature on the 征询意见表
        sheet.writing_room = pairs
            .iter()
            .enumerate()
            .filter_map(|(i, (k, _))| match *k {
                "具体意见" => Some((i, 10)),
                "代表签名" => Some((i, 3)),
                _ => None,
            })
            .collect();
        sheet.rows = pairs
            .into_iter()
            .map(|(k, v)| vec![Value::Text(k.into()), if v.is_empty() { Value::Empty } else { Value::Text(v) }])
            .collect();
        write_workbook(vec![sheet])
    }
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn dates_read_by_hand_as_the_parser_reads_them() {
        for d in [
            "2024-03-06",
            "2024-02-29",
            "2023-02-29",
            "2024-13-01",
            "2024-3-6",
            "2024-03-6x",
            "+024-03-06",
            "",
            "２０２４-03-06",
        ] {
            assert_eq!(parse_date(d), chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok(), "{d}");
        }
    }
}
