//! 一档四簿 on paper: each register printed as the station keeps it (A4 landscape, the header on
//! every page, private fields masked unless masking is off), the archive index, table 7 of DOMAIN.md
//! §4.2; and the import of registers kept in Excel, one table spec per book.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::*;
use super::store;
use crate::common::{IdArgs, Vote};
use crate::db::{audit_json, now_text};
use crate::error::{Error, Result};
use crate::excel::import::{ImportOptions, ImportReport, ImportRequest, PreviewRow};
use crate::excel::kinds::{plain_title, ExportDecl, ExportSet, ImportDecl, ImportSet, Needs, TemplateChoice};
use crate::excel::spec::{Field, FieldValue, Kind, ParsedRow, RowError, TableSpec};
use crate::excel::write::{write_workbook, Column, Private, ReportSheet, Value};
use crate::Renda;

/// What a station brings in: one of its four books kept in Excel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum StationImport {
    Register,
}

impl ImportSet for StationImport {
    const KINDS: &'static [(Self, ImportDecl)] =
        &[(StationImport::Register, ImportDecl { key: "register", title: "联络站登记簿", needs: Needs::StationBook })];

    /// One template per book: `register-activity` …
    fn template_keys(self) -> Vec<String> {
        BOOKS.iter().map(|b| format!("{}-{}", self.decl().key, b.0)).collect()
    }

    /// A register is logged with its book (`register-contact`) and named by it.
    fn logged_title(logged: &str) -> Option<String> {
        let book = logged.strip_prefix("register-")?;
        book_name(book).ok().map(str::to_string)
    }

    fn import(self, r: &mut Renda, bytes: &[u8], a: &ImportRequest) -> Result<ImportReport> {
        let book = a.book.as_deref().filter(|b| !b.trim().is_empty());
        let (station, book) = match (a.station_id, book) {
            (Some(s), Some(b)) => (s, b.to_string()),
            _ => r.register_target(bytes, &a.file_name, a.station_id, book)?,
        };
        r.import_register(station, &book, bytes, &a.file_name, &a.options)
    }

    fn template(self, r: &Renda, choice: &TemplateChoice) -> Result<(String, Vec<u8>)> {
        let book = choice.book.as_deref().filter(|b| !b.trim().is_empty()).ok_or_else(|| {
            Error::field("book", "请选择登记簿：activity（活动）、contact（联系群众）、report（述职）、opinion（意见）")
        })?;
        Ok((format!("{}导入模板", book_name(book)?), r.register_template(book)?))
    }
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

/// What the stations area writes: a register, a station's archive index, the yearly figures.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "query", rename_all = "kebab-case")]
pub enum StationExport {
    Register(RegisterExportArgs),
    ArchiveIndex(IdArgs),
    StationStats(PeriodQuery),
}

impl ExportSet for StationExport {
    const KINDS: &'static [ExportDecl] = &[
        ExportDecl { key: "register", title: "联络站登记簿" },
        ExportDecl { key: "archive-index", title: "建设运行档案目录" },
        ExportDecl { key: "station-stats", title: "联络站运行统计表" },
    ];

    fn file_title(&self, r: &Renda, upward: bool) -> Result<String> {
        Ok(match self {
            StationExport::Register(q) => {
                format!("{}{}（{}年）", r.station_get(q.station_id)?.name, book_name(&q.book)?, q.year)
            }
            StationExport::ArchiveIndex(a) => format!("{}{}", r.station_get(a.id)?.name, self.title()),
            StationExport::StationStats(PeriodQuery { year: Some(y), .. }) => format!("{}-{y}年", self.title()),
            StationExport::StationStats(_) => plain_title(self.title(), upward),
        })
    }

    fn write(&self, r: &Renda, upward: bool) -> Result<Vec<u8>> {
        match self {
            StationExport::Register(q) => r.export_register(q, upward),
            StationExport::ArchiveIndex(a) => r.export_archive_index(a.id),
            StationExport::StationStats(q) => r.export_station_stats(q.year),
        }
    }
}

const ACTIVITY_KIND_CHOICES: &[(&str, &[&str])] = &[
    ("学习培训", &["学习", "培训"]),
    ("视察", &[]),
    ("调研", &["调查研究"]),
    ("座谈", &["座谈会"]),
    ("接待选民", &["接待", "接待群众", "进站接待"]),
    ("述职", &[]),
    ("执法检查", &[]),
    ("建议督办", &["督办"]),
    ("其他", &[]),
];
const MODE_CHOICES: &[(&str, &[&str])] = &[
    ("进站接待", &["接待", "来访"]),
    ("走访", &["入户走访"]),
    ("座谈", &[]),
    ("电话", &["来电"]),
    ("微信", &[]),
    ("网上", &["网络", "网上留言"]),
];
const HANDLING_CHOICES: &[(&str, &[&str])] = &[
    ("当场答复", &["当面答复", "现场答复", "已答复"]),
    ("转交有关单位", &["转交", "转办", "交有关部门"]),
    ("转为代表建议", &["转为建议", "形成建议"]),
    ("转信访", &["信访"]),
    ("委托上级代表提出", &["委托上级代表"]),
];
const RATING_CHOICES: &[(&str, &[&str])] =
    &[(Vote::Satisfied.label(), &[]), (Vote::Basic.label(), &["比较满意"]), (Vote::Unsatisfied.label(), &[])];
const FORM_CHOICES: &[(&str, &[&str])] =
    &[("代表建议", &["建议"]), ("社情民意", &["社情民意信息"]), ("转交意见", &["转交"])];

pub static ACTIVITY_SPEC: TableSpec = TableSpec {
    kind: "register-activity",
    title: "代表活动登记簿",
    fields: &[
        Field::new(
            "date",
            "日期",
            &["活动日期", "时间", "活动时间", "开展时间", "开展日期", "活动开展时间"],
            Kind::Date,
        )
        .required(),
        Field::new("kind", "活动类型", &["类型", "活动形式"], Kind::Choice(ACTIVITY_KIND_CHOICES)).required(),
        Field::new("title", "主题", &["活动主题", "活动内容主题", "名称"], Kind::Text).required(),
        Field::new("place", "地点", &["活动地点", "活动场所", "地址", "活动地址"], Kind::Text),
        Field::new("organizer", "组织者", &["组织单位", "组织人"], Kind::Text),
        Field::new(
            "present",
            "实到代表",
            &["参加代表", "出席代表", "实到", "参加人员", "参加代表姓名", "到会代表"],
            Kind::List,
        )
        .required(),
        Field::new("leave", "请假代表", &["请假"], Kind::List),
        Field::new("absent", "缺席代表", &["缺席"], Kind::List),
        Field::new("public_count", "群众人数", &["参加群众", "群众人次"], Kind::Int),
        Field::new("body", "主要内容", &["活动内容", "内容"], Kind::Text),
        Field::new("opinion_count", "形成意见数", &["意见数", "收集意见数"], Kind::Int),
        Field::new("recorder", "记录人", &["记录"], Kind::Text),
    ],
};

pub static CONTACT_SPEC: TableSpec = TableSpec {
    kind: "register-contact",
    title: "代表联系群众登记簿",
    fields: &[
        Field::new(
            "date",
            "日期",
            &["接待日期", "时间", "接待时间", "来访日期", "来访时间", "登记日期", "联系时间", "联系日期"],
            Kind::Date,
        )
        .required(),
        Field::new("kind", "方式", &["联系方式", "接待方式"], Kind::Choice(MODE_CHOICES)).required(),
        Field::new(
            "present",
            "代表",
            &["接待代表", "代表姓名", "联系代表", "接待代表姓名", "值班代表", "进站代表"],
            Kind::List,
        )
        .required(),
        Field::new(
            "person_name",
            "群众姓名",
            &["来访人", "群众", "反映人", "来访群众", "来访人姓名", "反映人姓名", "姓名", "群众姓名"],
            Kind::Name,
        )
        .private(),
        Field::new(
            "village",
            "村组",
            &["住址", "所在村组", "村（组）", "村(社区)", "所在村（社区）", "家庭住址", "地址", "村居", "村社区"],
            Kind::Text,
        )
        .private(),
        Field::new("phone", "电话", &["联系电话", "手机", "手机号码", "联系方式", "电话号码"], Kind::Phone).private(),
        Field::new(
            "body",
            "反映内容",
            &["反映问题", "诉求", "主要内容", "反映的问题", "反映问题及诉求", "意见建议", "群众诉求", "来访事由"],
            Kind::Text,
        )
        .required(),
        Field::new("category", "类别", &["问题类别"], Kind::Text),
        Field::new(
            "handling",
            "处理方式",
            &["处理情况", "处理", "处理方式及去向", "办理方式"],
            Kind::Choice(HANDLING_CHOICES),
        ),
        Field::new("transfer_unit", "转交单位", &["交办单位", "承办单位", "转办单位", "责任单位"], Kind::Text),
        Field::new("deadline", "期限", &["办理期限", "办结时限", "办理时限"], Kind::Date),
        Field::new(
            "result",
            "办理结果",
            &["结果", "办理情况", "处理结果", "办结情况", "落实情况", "答复情况"],
            Kind::Text,
        ),
        Field::new(
            "feedback_date",
            "反馈日期",
            &["反馈时间", "回复日期", "回访日期", "回访时间", "答复日期"],
            Kind::Date,
        ),
        Field::new(
            "rating",
            "群众评价",
            &["评价", "满意度", "群众满意度", "回访情况", "群众意见"],
            Kind::Choice(RATING_CHOICES),
        ),
    ],
};

pub static REPORT_SPEC: TableSpec = TableSpec {
    kind: "register-report",
    title: "代表述职登记簿",
    fields: &[
        Field::new("date", "日期", &["述职日期", "时间", "述职时间"], Kind::Date).required(),
        Field::new("present", "代表", &["述职代表", "代表姓名"], Kind::List).required(),
        Field::new("district", "选区", &[], Kind::Text),
        Field::new("voters_present", "到会选民人数", &["到会人数", "参加选民"], Kind::Int),
        Field::new("body", "述职要点", &["述职内容", "主要内容"], Kind::Text).required(),
        Field::new("comments", "评议意见", &["选民意见"], Kind::Text),
        Field::new("votes_satisfied", Vote::Satisfied.label(), &[Vote::Satisfied.votes_label()], Kind::Int),
        Field::new("votes_basic", Vote::Basic.label(), &[Vote::Basic.votes_label()], Kind::Int),
        Field::new("votes_unsatisfied", Vote::Unsatisfied.label(), &[Vote::Unsatisfied.votes_label()], Kind::Int),
        Field::new("result", "结果", &["测评结果"], Kind::Text),
        Field::new("feedback_date", "书面反馈日期", &["反馈日期"], Kind::Date),
    ],
};

pub static OPINION_SPEC: TableSpec = TableSpec {
    kind: "register-opinion",
    title: "代表提出或反映意见情况登记簿",
    fields: &[
        Field::new("number", "编号", &["序号编号"], Kind::Code),
        Field::new("date", "日期", &["提出日期", "时间", "提出时间", "收集日期"], Kind::Date).required(),
        Field::new("present", "代表", &["提出代表", "代表姓名"], Kind::List).required(),
        Field::new("body", "内容", &["意见内容", "意见建议内容"], Kind::Text).required(),
        Field::new("kind", "形式", &["意见形式"], Kind::Choice(FORM_CHOICES)).required(),
        Field::new("transfer_unit", "报送或交办对象", &["报送对象", "交办对象"], Kind::Text),
        Field::new("result", "答复", &["答复情况", "办理情况", "办理结果", "处理结果", "答复内容"], Kind::Text),
        Field::new("rating", "代表和群众满意度", &["满意度"], Kind::Choice(RATING_CHOICES)),
    ],
};

fn spec(book: &str) -> Result<&'static TableSpec> {
    Ok(match book {
        "activity" => &ACTIVITY_SPEC,
        "contact" => &CONTACT_SPEC,
        "report" => &REPORT_SPEC,
        "opinion" => &OPINION_SPEC,
        other => return Err(Error::field("book", format!("没有「{other}」这本登记簿，可选：activity（活动）、contact（联系群众）、report（述职）、opinion（意见）"))),
    })
}

fn names(e: &Entry, role: &str) -> String {
    e.deputies.iter().filter(|d| d.role == role).map(|d| d.name.as_str()).collect::<Vec<_>>().join("、")
}

/// The printed columns of a book: the spec's labels (so an export imports back), private
/// fields marked; the 意见 book adds where each opinion stands.
fn register_columns(book: &str) -> Result<Vec<Column>> {
    let mut columns: Vec<Column> = spec(book)?
        .fields
        .iter()
        .map(|f| {
            let mut c = Column::new(f.label);
            c.private = match f.key {
                "person_name" => Some(Private::Name),
                "phone" => Some(Private::Phone),
                "village" => Some(Private::Name),
                _ => None,
            };
            c
        })
        .collect();
    if book == "opinion" {
        columns.push(Column::new("办理状态"));
    }
    Ok(columns)
}

/// What a book other than 意见 prints, read straight from its columns: each field of its spec,
/// by key (a list is the deputies in that role).
pub fn print_cells(book: &str) -> Result<Vec<store::PrintCell<'static>>> {
    Ok(spec(book)?
        .fields
        .iter()
        .map(|f| match f.kind {
            Kind::List => store::PrintCell::Names(f.key),
            Kind::Int => store::PrintCell::Int(f.key),
            _ => store::PrintCell::Text(f.key),
        })
        .collect())
}

/// The 意见 book's cells: its number, and the loop of each opinion (the reply it has received).
fn opinion_rows(entries: &[Entry]) -> Vec<Vec<Value>> {
    let t = |v: &Option<String>| Value::from(v.clone());
    entries
        .iter()
        .map(|e| {
            vec![
                e.number.map(|x| Value::Text(format!("第{x}号"))).unwrap_or(Value::Empty),
                Value::Text(e.date.clone()),
                Value::Text(names(e, "present")),
                t(&e.body),
                t(&e.kind),
                t(&e.transfer_unit),
                Value::Text(loop_reply(e)),
                t(&e.rating),
                Value::Text(e.link.as_ref().map(|l| l.stage.clone()).unwrap_or_default()),
            ]
        })
        .collect()
}

/// An opinion's 答复: what was entered, else what the suggestion it became has received.
fn loop_reply(e: &Entry) -> String {
    if let Some(r) = &e.result {
        return r.clone();
    }
    match &e.link {
        Some(l) if l.suggestion_id.is_some() => {
            let mut s = format!(
                "已转为代表建议{}（{}）",
                l.suggestion_number.clone().unwrap_or_default(),
                l.suggestion_state.clone().unwrap_or_default()
            );
            if let Some(d) = &l.reply_date {
                s.push_str(&format!(
                    "，{d}答复{}",
                    l.reply_class.as_deref().map(|c| format!("（{c}类）")).unwrap_or_default()
                ));
            }
            s
        }
        _ => String::new(),
    }
}

impl Renda {
    /// One book of one station for a year, print-ready: `XX代表联络站代表活动登记簿（2024年）`,
    /// with the register page's search and filters. The station's own copy prints in full (the
    /// office follows up from it); only an `upward` copy masks names and phones per 设置.
    pub fn export_register(&self, a: &RegisterExportArgs, upward: bool) -> Result<Vec<u8>> {
        let (station_id, book, year) = (a.station_id, a.book.as_str(), a.year);
        let name = book_name(book)?;
        let station = self.station_get(station_id)?;
        let q = EntryQuery {
            station_id: Some(station_id),
            book: Some(book.into()),
            year: Some(year),
            q: a.q.clone().filter(|x| !x.trim().is_empty()),
            kind: a.kind.clone().filter(|x| !x.trim().is_empty()),
            open_only: a.open_only,
            desc: Some(false),
            page_size: Some(0),
            ..Default::default()
        };
        // opinions print where their suggestion stands, so they need the loop; the other books
        // print what they hold and are read in one pass
        let rows = if book == "opinion" {
            opinion_rows(&self.entry_list(&q)?.items)
        } else {
            store::print_rows(self.conn(), &q, &print_cells(book)?)?
        };
        let (columns, count) = (register_columns(book)?, rows.len());
        let mut sheet = ReportSheet::new(book_short(book), &format!("{}{name}（{year}年）", station.name), columns);
        sheet.org = self.org_name()?;
        sheet.rows = rows;
        sheet.mask_private = upward && self.mask_upward()?;
        let filtered = q.q.is_some() || q.kind.is_some() || q.open_only == Some(true);
        sheet.footnote = Some(if filtered {
            format!("注：按页面上的筛选条件导出，共 {count} 条。")
        } else {
            format!("注：本簿{year}年共登记 {count} 条。")
        });
        write_workbook(vec![sheet])
    }

    /// The archive index of a station (一档目录).
    pub fn export_archive_index(&self, station_id: i64) -> Result<Vec<u8>> {
        let station = self.station_get(station_id)?;
        let items = self.archive_list(station_id)?;
        let columns = ["序号", "类别", "日期", "标题", "内容摘要", "附件"].iter().map(|c| Column::new(c)).collect();
        let mut sheet = ReportSheet::new("档案目录", &format!("{}建设运行档案目录", station.name), columns);
        sheet.org = self.org_name()?;
        sheet.landscape = false;
        let mut sorted = items;
        sorted.sort_by(|a, b| {
            (ARCHIVE_CATEGORIES.iter().position(|c| *c == a.category), &a.date)
                .cmp(&(ARCHIVE_CATEGORIES.iter().position(|c| *c == b.category), &b.date))
        });
        sheet.rows = sorted
            .iter()
            .enumerate()
            .map(|(i, a)| {
                vec![
                    Value::Int(i as i64 + 1),
                    Value::Text(a.category.clone()),
                    Value::Text(a.date.clone()),
                    Value::Text(a.title.clone()),
                    Value::Text(a.body.as_deref().map(|b| b.chars().take(60).collect()).unwrap_or_default()),
                    Value::Text(a.attachments.iter().map(|f| f.file_name.as_str()).collect::<Vec<_>>().join("、")),
                ]
            })
            .collect();
        write_workbook(vec![sheet])
    }

    /// Table 7 of DOMAIN.md §4.2, 联络站运行统计表, for a year (or every year).
    pub fn export_station_stats(&self, year: Option<i64>) -> Result<Vec<u8>> {
        write_workbook(vec![self.station_stats_sheet(&PeriodQuery { year, ..Default::default() })?])
    }

    /// Table 7 as a sheet, for a year or any period (the 上报包 prints the same).
    pub fn station_stats_sheet(&self, q: &PeriodQuery) -> Result<ReportSheet> {
        let year = q.year;
        let (rows, total) = self.station_figures(q)?;
        let columns = ["站", "活动次数", "进站代表人次", "接待群众人次", "收集意见", "当场答复", "转交", "办结/反馈"]
            .iter()
            .map(|c| Column::new(c))
            .collect();
        let title = match (year, &q.from, &q.to) {
            (_, Some(f), Some(t)) => format!("代表联络站运行统计表（{f}至{t}）"),
            (Some(y), _, _) => format!("代表联络站运行统计表（{y}年）"),
            _ => "代表联络站运行统计表".into(),
        };
        let mut sheet = ReportSheet::new("联络站运行统计", &title, columns);
        sheet.org = self.org_name()?;
        let cells = |f: &StationFigures| {
            vec![
                Value::Text(f.station.clone()),
                Value::Int(f.activities),
                Value::Int(f.deputy_visits),
                Value::Int(f.people_received),
                Value::Int(f.opinions),
                Value::Int(f.answered_on_spot),
                Value::Int(f.transferred),
                Value::Int(f.closed),
            ]
        };
        sheet.rows = rows.iter().map(cells).collect();
        sheet.rows.push(cells(&total));
        sheet.footnote = Some("说明：进站代表人次为各次活动实到代表之和；接待群众人次为活动群众人数与联系群众登记条数之和；转交含转交有关单位、转为代表建议、转信访、委托上级代表提出；办结/反馈为转交事项中已向群众反馈的条数。".into());
        Ok(sheet)
    }

    /// A blank register for the station to fill in, with drop-down lists.
    pub fn register_template(&self, book: &str) -> Result<Vec<u8>> {
        let s = spec(book)?;
        let columns = s
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
        let mut sheet = ReportSheet::new(book_short(book), &format!("{}导入模板", book_name(book)?), columns);
        sheet.org = self.org_name()?;
        sheet.blank_rows = 50;
        sheet.footnote = Some("填写说明：日期如 2024-03-06；代表填姓名，多位代表用顿号分隔，须与代表名册一致。".into());
        write_workbook(vec![sheet])
    }

    /// The station and book a register's file names in its title (「白沙镇中心代表联络站代表活动
    ///登记簿（2024年）」), for whichever of the two the user did not choose; the preview says where
    /// it goes, so the user confirms it before anything is written.
    fn register_target(
        &self,
        bytes: &[u8],
        file_name: &str,
        station: Option<i64>,
        book: Option<&str>,
    ) -> Result<(i64, String)> {
        let sheets = crate::excel::read::read_workbook(bytes, file_name)?;
        // the title rows: the text above any table, on the first sheet
        let title: String = sheets
            .first()
            .map(|s| s.rows.iter().take(3).flat_map(|(_, cells)| cells.iter().map(|c| c.display())).collect())
            .unwrap_or_default();
        let title: String = title.chars().filter(|c| !c.is_whitespace()).collect();
        let book = match book {
            Some(b) => b.to_string(),
            None => BOOKS.iter().find(|b| title.contains(b.1)).map(|b| b.0.to_string()).ok_or_else(|| {
                Error::field("book", "请选择导入到哪本登记簿：文件标题中没有写到登记簿的名称（如「代表活动登记簿」）")
            })?,
        };
        let station = match station {
            Some(s) => s,
            None => {
                let all = self
                    .station_list(&crate::roster::model::StationQuery { page_size: Some(0), ..Default::default() })?;
                // the longest name the title holds: 「城东代表联络站」 before 「城东站」
                let named = all.items.iter().filter(|s| title.contains(&s.name)).max_by_key(|s| s.name.chars().count());
                named.map(|s| s.id).ok_or_else(|| {
                    Error::field(
                        "station_id",
                        "请选择导入到哪个联络站：文件标题中没有写到已登记的联络站名称（如「城东代表联络站代表活动登记簿（2024年）」）",
                    )
                })?
            }
        };
        Ok((station, book))
    }

    /// Imports a register kept in Excel into one station's book. Deputies are matched through the
    /// roster by name (`张　三` = `张三`); an entry already there (same date, text and deputies) is
    /// unchanged, so the same file twice adds nothing.
    pub fn import_register(
        &mut self,
        station_id: i64,
        book: &str,
        bytes: &[u8],
        file_name: &str,
        opts: &ImportOptions,
    ) -> Result<ImportReport> {
        let spec = spec(book)?;
        let station = self.station_must_exist(station_id)?;
        let parsed = self.read_import_sheet(spec, bytes, file_name, opts)?;
        let progress = self.progress();
        let deputies = crate::roster::store::deputies_by_name(self.conn())?;
        let existing = self.entry_keys(station_id, book)?;
        let mut plan: Vec<EntryInput> = Vec::new();
        let mut preview = Vec::new();
        let mut errors = Vec::new();
        let (mut added, mut unchanged) = (0, 0);
        let mut seen: HashSet<String> = HashSet::new();
        let n = parsed.rows.len() as u64;
        let read = RowReader { parsed: &parsed, spec, deputies: &deputies, station_id, book };
        for (i, row) in parsed.rows.iter().enumerate() {
            progress.tick("检查数据", i as u64 + 1, n);
            let (key_text, checked) = read.entry(row);
            let e = match checked {
                Ok(e) => e,
                Err(errs) => {
                    errors.extend(errs.iter().cloned());
                    preview.push(PreviewRow::of(row, "error", key_text, vec![], errs));
                    continue;
                }
            };
            let key = input_key(&e);
            let action = if existing.contains(&key) || !seen.insert(key) {
                unchanged += 1;
                "unchanged"
            } else {
                added += 1;
                plan.push(e);
                "add"
            };
            preview.push(PreviewRow::of(row, action, key_text, vec![], vec![]));
        }
        let notes = vec![format!("导入到：{station}{}", book_name(book)?)];
        let report = ImportReport::from_preview(
            (spec.kind, book_name(book)?),
            file_name,
            bytes,
            &parsed,
            preview,
            (added, 0, unchanged),
            errors,
            notes,
            opts,
        );
        let report = ImportReport { station_id: Some(station_id), ..report };
        let nothing = plan.is_empty();
        self.commit_import(report, opts, nothing, |tx| write_entries(tx, &plan, &station, book, &progress))
    }

    /// The keys of the entries already in the station's book.
    fn entry_keys(&self, station_id: i64, book: &str) -> Result<HashSet<String>> {
        let f = self.number_format()?;
        let all = store::list(
            self.conn(),
            &EntryQuery {
                station_id: Some(station_id),
                book: Some(book.into()),
                page_size: Some(0),
                ..Default::default()
            },
            &f,
            self.data_dir(),
        )?;
        Ok(all.items.iter().map(entry_key).collect())
    }
}

/// Writes an import's entries, opinions numbered on from the station's year.
fn write_entries(
    tx: &rusqlite::Transaction,
    plan: &[EntryInput],
    station: &str,
    book: &str,
    progress: &crate::progress::ProgressSink,
) -> Result<()> {
    let now = now_text();
    let total = plan.len() as u64;
    let mut rows = Vec::with_capacity(plan.len());
    // this import's own rows included
    let mut next: HashMap<(i64, &str), i64> = HashMap::new();
    for (i, e) in plan.iter().enumerate() {
        progress.tick("写入数据", i as u64 + 1, total);
        let number = if e.book == "opinion" {
            let year = &e.date[..4];
            let n = match next.get(&(e.station_id, year)) {
                Some(n) => *n,
                None => store::next_opinion_number(tx, e.station_id, year)?,
            };
            next.insert((e.station_id, year), n + 1);
            Some(n)
        } else {
            None
        };
        rows.push((e, uuid::Uuid::new_v4().to_string(), number));
    }
    store::insert_entries(tx, &rows, &now)?;
    audit_json(
        tx,
        "register",
        None,
        "import",
        &format!("导入{station}{} {} 条", book_name(book)?, plan.len()),
        None,
        None,
    )?;
    Ok(())
}

/// Reads one sheet row as an entry of a station's book, deputies matched through the roster.
struct RowReader<'a> {
    parsed: &'a crate::excel::spec::ParsedSheet,
    spec: &'a TableSpec,
    deputies: &'a HashMap<String, Vec<i64>>,
    station_id: i64,
    book: &'a str,
}

impl RowReader<'_> {
    /// The column header a field was read from (its label when the sheet lacks it).
    fn header(&self, key: &str) -> String {
        self.parsed.columns.iter().find(|c| c.field == key).map(|c| c.header.clone()).unwrap_or_else(|| {
            self.spec.fields.iter().find(|f| f.key == key).map(|f| f.label.to_string()).unwrap_or_default()
        })
    }

    fn err(&self, row: &ParsedRow, key: &str, msg: String) -> RowError {
        RowError {
            sheet: row.sheet.clone(),
            row: row.row as i64,
            column: self.header(key),
            message: format!("第{}行「{}」{msg}", row.row, self.header(key)),
        }
    }

    /// The roster ids of the deputies a cell names; a name not there, or not one person, is an error.
    fn deputy_ids(&self, row: &ParsedRow, k: &str, errs: &mut Vec<RowError>) -> Vec<i64> {
        let list = match row.values.get(k) {
            Some(FieldValue::List(l)) => l.clone(),
            Some(v) => vec![v.text()],
            None => vec![],
        };
        list.iter()
            .filter_map(|name| {
                let n = crate::text::normalize_name(name);
                match self.deputies.get(&n).map(|v| v.as_slice()) {
                    Some([id]) => Some(*id),
                    Some(many) if many.len() > 1 => {
                        errs.push(self.err(
                            row,
                            k,
                            format!("「{n}」在代表名册中有 {} 人同名，请在界面中逐条登记", many.len()),
                        ));
                        None
                    }
                    _ => {
                        errs.push(self.err(
                            row,
                            k,
                            format!("「{n}」不在代表名册中，请先在代表名册中添加该代表，或检查姓名是否写错"),
                        ));
                        None
                    }
                }
            })
            .collect()
    }

    /// The row's preview key, and its entry as the engine's rule checks it, or every problem of it.
    fn entry(&self, row: &ParsedRow) -> (String, std::result::Result<EntryInput, Vec<RowError>>) {
        let (station_id, book) = (self.station_id, self.book);
        let mut errs = row.errors.clone();
        let err = |key: &str, msg: String| self.err(row, key, msg);
        let t = |k: &str| row.values.get(k).map(|v| v.text());
        let int = |k: &str| match row.values.get(k) {
            Some(FieldValue::Int(i)) => Some(*i),
            _ => None,
        };
        let input = EntryInput {
            station_id,
            book: book.into(),
            date: t("date").unwrap_or_default(),
            title: t("title"),
            body: t("body"),
            kind: t("kind"),
            place: t("place"),
            organizer: t("organizer"),
            recorder: t("recorder"),
            public_count: int("public_count"),
            opinion_count: int("opinion_count"),
            person_name: t("person_name"),
            village: t("village"),
            phone: t("phone"),
            category: t("category"),
            handling: t("handling"),
            transfer_unit: t("transfer_unit"),
            deadline: t("deadline"),
            result: t("result"),
            feedback_date: t("feedback_date"),
            rating: t("rating"),
            district: t("district"),
            voters_present: int("voters_present"),
            votes_satisfied: int("votes_satisfied"),
            votes_basic: int("votes_basic"),
            votes_unsatisfied: int("votes_unsatisfied"),
            comments: t("comments"),
            present_ids: self.deputy_ids(row, "present", &mut errs),
            leave_ids: self.deputy_ids(row, "leave", &mut errs),
            absent_ids: self.deputy_ids(row, "absent", &mut errs),
            source_id: None,
        };
        // the engine's own rule for an entry, its messages placed on the sheet's columns
        let checked = if errs.is_empty() {
            match validate_entry(&input) {
                Ok(e) => Some(e),
                Err(e) => {
                    for fe in e.field_errors() {
                        let key = match fe.field.as_str() {
                            "present_ids" => "present",
                            "leave_ids" => "leave",
                            f => f,
                        };
                        errs.push(err(key, fe.message.clone()));
                    }
                    None
                }
            }
        } else {
            None
        };
        let key_text = format!(
            "{} {}",
            t("date").unwrap_or_default(),
            t("title").or(t("body")).unwrap_or_default().chars().take(20).collect::<String>()
        );
        match checked.filter(|_| errs.is_empty()) {
            Some(e) => (key_text, Ok(e)),
            None => (key_text, Err(errs)),
        }
    }
}

/// What makes two entries the same record: the date, the text and the deputies.
fn key_of(date: &str, title: &Option<String>, body: &Option<String>, mut deputies: Vec<i64>) -> String {
    deputies.sort();
    let text: String =
        title.clone().or(body.clone()).unwrap_or_default().chars().filter(|c| !c.is_whitespace()).take(40).collect();
    format!("{date}|{text}|{deputies:?}")
}

fn entry_key(e: &Entry) -> String {
    key_of(&e.date, &e.title, &e.body, e.deputies.iter().map(|d| d.id).collect())
}

fn input_key(e: &EntryInput) -> String {
    key_of(&e.date, &e.title, &e.body, e.present_ids.iter().chain(&e.leave_ids).chain(&e.absent_ids).copied().collect())
}
