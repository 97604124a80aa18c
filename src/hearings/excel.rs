//! 公民旁听 on paper (DOMAIN.md §7): the 公告, the 名单 (with the draw's seed), the 旁听证 (several
//! a page), the 意见汇总表, and the 报名表 a 街道 or 乡镇 sends, imported with its preview. Every
//! personal number printed is masked.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::flow::insert_application;
use super::model::*;
use super::{store, validate_application};
use crate::common::IdArgs;
use crate::db::audit_json;
use crate::error::{Error, Result};
use crate::excel::import::{ImportOptions, ImportReport, ImportRequest, PreviewRow};
use crate::excel::kinds::{ExportDecl, ExportSet, ImportDecl, ImportSet, Needs, TemplateChoice};
use crate::excel::spec::{Field, FieldValue, Kind, ParsedRow, ParsedSheet, RowError, TableSpec};
use crate::excel::write::{write_workbook, Column, Paper, ReportSheet, Value};
use crate::Renda;

/// What the area brings in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum HearingImport {
    /// the 报名表 a 街道, 乡镇, 党派 or 团体 sends with the people it recommends
    HearingApplications,
}

impl ImportSet for HearingImport {
    const KINDS: &'static [(Self, ImportDecl)] = &[(
        HearingImport::HearingApplications,
        ImportDecl { key: "hearing-applications", title: "公民旁听报名表", needs: Needs::Nothing },
    )];

    fn import(self, r: &mut Renda, bytes: &[u8], a: &ImportRequest) -> Result<ImportReport> {
        match self {
            HearingImport::HearingApplications => r.import_hearing_applications(bytes, &a.file_name, &a.options),
        }
    }

    fn template(self, r: &Renda, _: &TemplateChoice) -> Result<(String, Vec<u8>)> {
        match self {
            HearingImport::HearingApplications => Ok(("公民旁听报名表导入模板".into(), r.applications_template()?)),
        }
    }
}

/// `export_list` kind `hearing-opinions`: a year's opinions.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct HearingOpinionExportArgs {
    pub year: i64,
}

/// What the area writes.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "query", rename_all = "kebab-case")]
pub enum HearingExport {
    HearingNotice(IdArgs),
    HearingRoster(IdArgs),
    HearingCards(IdArgs),
    HearingOpinions(HearingOpinionExportArgs),
}

impl ExportSet for HearingExport {
    const KINDS: &'static [ExportDecl] = &[
        ExportDecl { key: "hearing-notice", title: "公民旁听公告" },
        ExportDecl { key: "hearing-roster", title: "公民旁听人员名单" },
        ExportDecl { key: "hearing-cards", title: "公民旁听证" },
        ExportDecl { key: "hearing-opinions", title: "公民旁听意见汇总表" },
    ];

    fn file_title(&self, r: &Renda, _: bool) -> Result<String> {
        Ok(match self {
            HearingExport::HearingNotice(a) | HearingExport::HearingRoster(a) | HearingExport::HearingCards(a) => {
                format!("{}{}", r.hearing_meeting_get(a.id)?.name, self.title())
            }
            HearingExport::HearingOpinions(q) => format!("{}年度{}", q.year, self.title()),
        })
    }

    fn write(&self, r: &Renda, _: bool) -> Result<Vec<u8>> {
        match self {
            HearingExport::HearingNotice(a) => r.export_hearing_notice(a.id),
            HearingExport::HearingRoster(a) => r.export_hearing_roster(a.id),
            HearingExport::HearingCards(a) => r.export_hearing_cards(a.id),
            HearingExport::HearingOpinions(q) => r.export_hearing_opinions(q.year),
        }
    }
}

const SOURCES: &[(&str, &[&str])] = &[("自主申请", &["自主", "个人申请", "本人申请", "自荐"]), ("推荐", &["单位推荐"])];
const RECOMMENDERS: &[(&str, &[&str])] =
    &[("党派", &["民主党派"]), ("团体", &["人民团体", "社会团体"]), ("街道", &["街道办事处"]), ("乡镇", &["镇", "乡"])];
const YES_NO: &[(&str, &[&str])] = &[("是", &["本县", "本县户籍", "Y", "√"]), ("否", &["外地", "N"])];

pub static APPLICATION_SPEC: TableSpec = TableSpec {
    kind: "hearing-applications",
    title: "公民旁听报名表",
    fields: &[
        Field::new("meeting", "旁听会议", &["会议", "会议名称", "报名会议", "申请旁听会议"], Kind::Text).required(),
        Field::new("name", "姓名", &["申请人", "申请人姓名"], Kind::Name).required(),
        Field::new("id_number", "身份证号", &["身份证号码", "公民身份号码", "身份证"], Kind::IdNumber).required(),
        Field::new("source", "申请方式", &["报名方式", "申请类别"], Kind::Choice(SOURCES)),
        Field::new("recommender_kind", "推荐单位类别", &["推荐类别"], Kind::Choice(RECOMMENDERS)),
        Field::new("recommender", "推荐单位", &["推荐单位名称"], Kind::Text),
        Field::new("local_hukou", "户籍在本县", &["本县户籍", "是否本县户籍"], Kind::Choice(YES_NO)),
        Field::new("address", "户籍地或居住地", &["住址", "居住地", "户籍地", "地址", "家庭住址"], Kind::Text),
        Field::new("resident_since", "居住起始日期", &["居住起始时间", "何时起居住"], Kind::Date),
        Field::new("employer", "工作单位", &["单位", "工作单位及职务"], Kind::Text),
        Field::new("phone", "联系电话", &["电话", "手机", "手机号码"], Kind::Phone),
        Field::new("applied_on", "报名日期", &["申请日期"], Kind::Date),
    ],
};

fn cols(names: &[&str]) -> Vec<Column> {
    names.iter().map(|c| Column::new(c)).collect()
}

fn text(row: &ParsedRow, key: &str) -> Option<String> {
    row.values.get(key).map(FieldValue::text).filter(|t| !t.trim().is_empty())
}

fn cell_error(parsed: &ParsedSheet, row: &ParsedRow, key: &str, msg: &str) -> RowError {
    let h = parsed
        .columns
        .iter()
        .find(|c| c.field == key)
        .map(|c| c.header.clone())
        .or_else(|| APPLICATION_SPEC.fields.iter().find(|f| f.key == key).map(|f| f.label.to_string()))
        .unwrap_or_default();
    RowError {
        sheet: row.sheet.clone(),
        row: row.row as i64,
        column: h.clone(),
        message: format!("第{}行「{h}」{msg}", row.row),
    }
}

/// A row of the 报名表 planned: the meeting, the checked application with its birth date and
/// date of application; or the row's problems.
type RowPlan = std::result::Result<Option<(HearingMeeting, HearingApplicationInput, String, String)>, Vec<RowError>>;

impl Renda {
    fn plan_application_row(
        &self,
        parsed: &ParsedSheet,
        row: &ParsedRow,
        seen: &mut HashSet<String>,
    ) -> Result<RowPlan> {
        let mut errs = row.errors.clone();
        let name = text(row, "meeting").unwrap_or_default();
        let meeting = match store::meeting_by_name(self.conn(), &name)?.first() {
            Some(id) => Some(self.hearing_meeting_get(*id)?),
            None => {
                errs.push(cell_error(parsed, row, "meeting", &format!("：没有名为「{name}」的旁听会议，请先发布公告")));
                None
            }
        };
        if !errs.is_empty() {
            return Ok(Err(errs));
        }
        let Some(meeting) = meeting else { return Ok(Err(errs)) };
        let recommender = text(row, "recommender");
        let source = match text(row, "source").as_deref() {
            Some("推荐") => HearingSource::Recommended,
            Some(_) => HearingSource::Own,
            None if recommender.is_some() => HearingSource::Recommended,
            None => HearingSource::Own,
        };
        let input = HearingApplicationInput {
            meeting_id: meeting.id,
            name: text(row, "name").unwrap_or_default(),
            id_number: text(row, "id_number").unwrap_or_default(),
            source,
            recommender_kind: text(row, "recommender_kind").and_then(|k| HearingRecommender::from_label(&k)),
            recommender,
            local_hukou: text(row, "local_hukou").as_deref() != Some("否"),
            address: text(row, "address"),
            resident_since: text(row, "resident_since"),
            employer: text(row, "employer"),
            phone: text(row, "phone"),
            applied_on: text(row, "applied_on"),
        };
        let (a, birth, applied) = match validate_application(&input, &meeting.deadline) {
            Ok(v) => v,
            Err(e) => {
                let errs =
                    e.field_errors().iter().map(|f| cell_error(parsed, row, &f.field, &format!("：{}", f.message)));
                return Ok(Err(errs.collect()));
            }
        };
        // the same person and meeting is the same application: in the file, and in the data
        let stored = match store::person_by_number(self.conn(), &a.id_number)? {
            Some((p, _)) => store::application_of(self.conn(), meeting.id, p)?.is_some(),
            None => false,
        };
        if !seen.insert(format!("{}|{}", meeting.id, a.id_number)) || stored {
            return Ok(Ok(None));
        }
        if meeting.selected_at.is_some() {
            return Ok(Err(vec![cell_error(
                parsed,
                row,
                "meeting",
                &format!("：「{}」已遴选，不能再报名", meeting.name),
            )]));
        }
        Ok(Ok(Some((meeting, a, birth, applied))))
    }

    /// The 报名表: preview, cell errors naming sheet, row and column; the same 身份证号 and meeting
    /// is the same application (a second import adds nothing).
    pub fn import_hearing_applications(
        &mut self,
        bytes: &[u8],
        file_name: &str,
        opts: &ImportOptions,
    ) -> Result<ImportReport> {
        let sheets = crate::excel::read::read_workbook(bytes, file_name)?;
        let parsed =
            crate::excel::spec::parse_sheets(&APPLICATION_SPEC, &sheets, opts.sheet.as_deref(), &opts.excluded_sheets)?;
        let (mut added, mut unchanged, mut preview, mut plan, mut errors) = (0, 0, vec![], vec![], vec![]);
        let mut seen = HashSet::new();
        for row in &parsed.rows {
            let key = text(row, "name").unwrap_or_default();
            match self.plan_application_row(&parsed, row, &mut seen)? {
                Ok(Some(p)) => {
                    added += 1;
                    plan.push(p);
                    preview.push(PreviewRow::of(row, "add", key, vec![], vec![]));
                }
                Ok(None) => {
                    unchanged += 1;
                    preview.push(PreviewRow::of(row, "unchanged", key, vec![], vec![]));
                }
                Err(errs) => {
                    errors.extend(errs.iter().cloned());
                    preview.push(PreviewRow::of(row, "error", key, vec![], errs));
                }
            }
        }
        let report = ImportReport::from_preview(
            (APPLICATION_SPEC.kind, HearingImport::HearingApplications.decl().title),
            file_name,
            bytes,
            &parsed,
            preview,
            (added, 0, unchanged),
            errors,
            vec![],
            opts,
        );
        let nothing = plan.is_empty();
        self.commit_import(report, opts, nothing, |tx| {
            for (m, a, birth, applied) in &plan {
                insert_application(tx, a, birth, applied, m)?;
            }
            let summary = format!("导入公民旁听报名表：{} 人", plan.len());
            audit_json(tx, "hearing_application", None, "import", &summary, None, None)
        })
    }

    fn applications_template(&self) -> Result<Vec<u8>> {
        let labels: Vec<&str> = APPLICATION_SPEC.fields.iter().map(|f| f.label).collect();
        let mut s = ReportSheet::new("报名表", "公民旁听报名表", cols(&labels));
        s.org = self.org_name()?;
        s.blank_rows = 30;
        let open: Vec<String> =
            self.hearing_meetings(None)?.into_iter().filter(|m| m.selected_at.is_none()).map(|m| m.name).collect();
        s.footnote = Some(format!(
            "填写说明：每人一行；旁听会议填公告中的会议名称{}；身份证号请设为文本格式；推荐的，填写推荐单位类别（党派、团体、街道、乡镇）和推荐单位；户籍不在本县的，填写居住起始日期。同一人对同一次会议再次导入时不重复添加。",
            if open.is_empty() { String::new() } else { format!("（可填：{}）", open.join("、")) }
        ));
        write_workbook(vec![s])
    }

    /// The 公告 (A4 portrait): the meeting, its 议题, 名额, conditions and how to apply.
    pub fn export_hearing_notice(&self, id: i64) -> Result<Vec<u8>> {
        let m = self.hearing_meeting_get(id)?;
        let s = self.hearing_settings()?;
        let mut sheet = ReportSheet::new("公告", &format!("{}公民旁听公告", m.name), cols(&["事项", "内容"]));
        if let Some(c) = sheet.columns.get_mut(1) {
            c.wide = true;
        }
        sheet.landscape = false;
        sheet.paper = Paper::A4;
        sheet.org = self.org_name()?;
        let when = match &m.meeting_end {
            Some(e) if *e != m.meeting_date => format!("{} 至 {e}", m.meeting_date),
            _ => m.meeting_date.clone(),
        };
        let topics: Vec<String> = m.topics.iter().enumerate().map(|(i, t)| format!("{}. {t}", i + 1)).collect();
        let line = |k: &str, v: String| vec![Value::Text(k.into()), Value::Text(v)];
        sheet.rows = vec![
            line("会议名称", m.name.clone()),
            line("会议时间", when),
            line("会议地点", m.place.clone().unwrap_or_else(|| "另行通知".into())),
            line("旁听议题", topics.join("\n")),
            line("旁听名额", format!("{} 人", m.seats)),
            line(
                "报名条件",
                format!(
                    "会议当日年满{}周岁；户籍在本县，或在本县连续居住满{}年；遵守旁听纪律",
                    s.min_age, s.residence_years
                ),
            ),
            line("报名方式", "本人自主申请，或由党派、团体、街道、乡镇推荐；报名时提供姓名、身份证号、户籍地或居住地、工作单位、联系电话".into()),
            line("报名截止", m.deadline.clone()),
            line(
                "遴选方式",
                format!("报名人数超过名额时{}；结果以名单公布", if m.method == HearingMethod::Draw { "随机抽签，公布随机种子以便复核" } else { "按报名先后确定" }),
            ),
        ];
        sheet.footnote = Some(format!("公告日期：{}", m.notice_date));
        write_workbook(vec![sheet])
    }

    /// The 名单: every application with its result, and the seed when the list was drawn.
    pub fn export_hearing_roster(&self, id: i64) -> Result<Vec<u8>> {
        let d = self.hearing_detail(id)?;
        let m = &d.meeting;
        let mut s = ReportSheet::new(
            "名单",
            &format!("{}公民旁听人员名单", m.name),
            cols(&["序号", "姓名", "身份证号", "申请方式", "推荐单位", "工作单位", "联系电话", "结果", "旁听证号"]),
        );
        s.org = self.org_name()?;
        s.rows = d
            .applications
            .iter()
            .map(|a| {
                let result = match &a.reason {
                    Some(r) if a.status == HearingStatus::Ineligible => format!("{}（{r}）", a.status.label()),
                    _ => a.status.label().to_string(),
                };
                vec![
                    Value::Int(a.seq),
                    Value::Text(a.name.clone()),
                    Value::Text(a.id_number.clone()),
                    Value::Text(a.source.label().into()),
                    Value::from(a.recommender.clone()),
                    Value::from(a.employer.clone()),
                    Value::from(a.phone.clone()),
                    Value::Text(result),
                    Value::from(a.card_no.clone()),
                ]
            })
            .collect();
        let how = match (m.selected_at.as_ref(), m.seed) {
            (None, _) => "尚未遴选".to_string(),
            (Some(_), Some(seed)) => format!("随机抽签，随机种子 {seed}（可用同一种子重新抽签核对）"),
            (Some(_), None) => "按报名先后".to_string(),
        };
        s.footnote = Some(format!(
            "注：报名 {} 人，审核通过 {} 人，名额 {} 人，入选 {} 人。遴选方式：{how}。身份证号、联系电话已隐去部分数字。",
            m.applications, m.approved, m.seats, m.seated
        ));
        write_workbook(vec![s])
    }

    /// The 旁听证: one tall row a card, several a page, to cut apart.
    pub fn export_hearing_cards(&self, id: i64) -> Result<Vec<u8>> {
        let d = self.hearing_detail(id)?;
        let m = &d.meeting;
        let cards: Vec<&HearingApplication> = d.applications.iter().filter(|a| a.card_no.is_some()).collect();
        if cards.is_empty() {
            return Err(Error::NotAllowed(format!("「{}」还没有发放旁听证", m.name)));
        }
        let mut s = ReportSheet::new(
            "旁听证",
            &format!("{}旁听证", m.name),
            cols(&["旁听证号", "姓名", "身份证号", "会议", "会议日期", "座位号"]),
        );
        s.landscape = false;
        s.paper = Paper::A4;
        s.org = self.org_name()?;
        s.rows = cards
            .iter()
            .map(|a| {
                vec![
                    Value::from(a.card_no.clone()),
                    Value::Text(a.name.clone()),
                    Value::Text(a.id_number.clone()),
                    Value::Text(m.name.clone()),
                    Value::Text(m.meeting_date.clone()),
                    a.seat.map(Value::Int).unwrap_or(Value::Empty),
                ]
            })
            .collect();
        s.writing_room = (0..s.rows.len()).map(|i| (i, 4)).collect();
        s.footnote = Some("凭本证和本人身份证入场，按座位号就座，遵守旁听纪律；沿表格线剪开，每人一张。".into());
        write_workbook(vec![s])
    }

    /// The 意见汇总表 of a year, with the year's figures under it.
    pub fn export_hearing_opinions(&self, year: i64) -> Result<Vec<u8>> {
        let list = store::opinions(self.conn(), None, Some(year))?;
        let f = self.hearing_figures(year)?;
        let mut s = ReportSheet::new(
            "意见汇总",
            &format!("{year}年度公民旁听意见汇总表"),
            cols(&["序号", "会议", "议题", "旁听人员", "意见内容", "转交单位", "答复情况", "是否采纳"]),
        );
        if let Some(c) = s.columns.get_mut(4) {
            c.wide = true;
        }
        s.org = self.org_name()?;
        s.rows = list
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let adopted = match o.adopted {
                    Some(true) => "采纳",
                    Some(false) => "未采纳",
                    None => "待定",
                };
                vec![
                    Value::Int(i as i64 + 1),
                    Value::Text(o.meeting.clone()),
                    Value::Text(o.topic.clone()),
                    Value::from(o.person.clone()),
                    Value::Text(o.content.clone()),
                    Value::from(o.forwarded_to.clone()),
                    Value::from(o.reply.clone()),
                    Value::Text(adopted.into()),
                ]
            })
            .collect();
        s.footnote = Some(format!(
            "注：{year}年开放旁听会议 {} 次，旁听 {} 人次，旁听议题 {} 个，提出意见 {} 条，采纳 {} 条。",
            f.meetings, f.attendances, f.topics, f.opinions, f.adopted
        ));
        write_workbook(vec![s])
    }
}
