//! 一档四簿 (DOMAIN.md §3): the records, their enumerations, and the rules as pure functions — what an
//! entry of each book must hold, and what the station figures count.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::common::{validate_date, Tagged, Tone, Vote};
use crate::error::{Error, FieldError, Result};
use crate::text::clean_opt;

/// The four registers: key, full name (the printed title), short name (tabs, messages).
pub const BOOKS: &[(&str, &str, &str)] = &[
    ("activity", "代表活动登记簿", "活动"),
    ("contact", "代表联系群众登记簿", "联系群众"),
    ("report", "代表述职登记簿", "述职"),
    ("opinion", "代表提出或反映意见情况登记簿", "意见"),
];
pub const ARCHIVE_CATEGORIES: &[&str] =
    &["建设过程", "驻站代表", "制度", "年度计划", "特色亮点", "年度总结", "检查评比", "其他"];
pub const ACTIVITY_KINDS: &[&str] =
    &["学习培训", "视察", "调研", "座谈", "接待选民", "述职", "执法检查", "建议督办", "其他"];
pub const CONTACT_MODES: &[&str] = &["进站接待", "走访", "座谈", "电话", "微信", "网上"];
pub const HANDLINGS: &[&str] = &["当场答复", "转交有关单位", "转为代表建议", "转信访", "委托上级代表提出"];
pub const OPINION_FORMS: &[&str] = &["代表建议", "社情民意", "转交意见"];
pub const RATINGS: &[&str] = &[Vote::Satisfied.label(), Vote::Basic.label(), Vote::Unsatisfied.label()];
/// Activity kinds that earn 视察·调研·执法检查 points (DOMAIN.md §2.2).
pub const INSPECTION_KINDS: &[&str] = &["视察", "调研", "执法检查"];
pub const ON_THE_SPOT: &str = "当场答复";
/// The 联系群众 方式 of a constituent received at the station: on a reception day it is the
/// reception held, and its deputies are 进站代表.
pub const AT_THE_STATION: &str = "进站接待";
/// The most a count typed into a register may be (群众人数, 意见数, 到会选民, 测评票): far above any
/// one activity, far below where adding the counts of a county's years could overflow.
pub const MAX_COUNT: i64 = 1_000_000;

pub fn book_name(book: &str) -> Result<&'static str> {
    BOOKS.iter().find(|b| b.0 == book).map(|b| b.1).ok_or_else(|| {
        Error::field("book", format!("没有「{book}」这本登记簿，可选：activity（活动）、contact（联系群众）、report（述职）、opinion（意见）"))
    })
}

pub fn book_short(book: &str) -> &'static str {
    BOOKS.iter().find(|b| b.0 == book).map(|b| b.2).unwrap_or("")
}

// ------------------------------------------------------------------ 一档

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ArchiveInput {
    pub station_id: i64,
    pub category: String,
    pub date: String,
    pub title: String,
    pub body: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ArchiveItem {
    pub id: i64,
    pub uuid: String,
    pub station_id: i64,
    pub category: String,
    pub date: String,
    pub title: String,
    pub body: Option<String>,
    pub attachments: Vec<Attachment>,
    pub active: bool,
    pub updated_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Attachment {
    pub id: i64,
    pub file_name: String,
    #[ts(type = "number")]
    pub size: i64,
    pub sha256: String,
    /// Where the file sits in the data folder (for the window to open it with the system viewer).
    pub path: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AttachmentArgs {
    /// archive · register
    pub owner_kind: String,
    pub owner_id: i64,
    pub file_name: String,
    #[serde(flatten)]
    pub file: crate::upload::FileSource,
}

pub fn validate_archive(a: &ArchiveInput) -> Result<ArchiveInput> {
    let a = &crate::fields::checked(a)?;
    let mut errs = Vec::new();
    let mut e = |f: &str, m: String| errs.push(FieldError { field: f.into(), message: m });
    if !ARCHIVE_CATEGORIES.contains(&a.category.trim()) {
        e("category", format!("请选择档案类别：{}", ARCHIVE_CATEGORIES.join("、")));
    }
    let title = crate::text::clean(&a.title).unwrap_or_default();
    if title.is_empty() {
        e("title", "请填写标题".into());
    }
    let date = match validate_date("date", "日期", &Some(a.date.clone())) {
        Ok(Some(d)) => d,
        Ok(None) => {
            e("date", "请填写日期".into());
            String::new()
        }
        Err(err) => {
            errs.extend(err.field_errors().iter().cloned());
            String::new()
        }
    };
    if !errs.is_empty() {
        return Err(Error::fields(errs));
    }
    Ok(ArchiveInput {
        station_id: a.station_id,
        category: a.category.trim().into(),
        date,
        title,
        body: a.body.clone().filter(|b| !b.trim().is_empty()),
    })
}

// ------------------------------------------------------------------ 四簿

/// One entry of any book; each book uses its own fields (DOMAIN.md §3) and leaves the others empty.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct EntryInput {
    pub station_id: i64,
    /// activity · contact · report · opinion
    pub book: String,
    pub date: String,
    /// 活动主题 (activity) · 意见摘要 (opinion)
    pub title: Option<String>,
    /// 主要内容 · 反映内容 · 述职要点 · 意见内容
    pub body: Option<String>,
    /// 活动类型 (activity) · 方式 (contact) · 形式 (opinion)
    pub kind: Option<String>,
    pub place: Option<String>,
    pub organizer: Option<String>,
    pub recorder: Option<String>,
    pub public_count: Option<i64>,
    pub opinion_count: Option<i64>,
    /// contact: 群众姓名, 村组, 电话 — personal information, masked in upward exports
    pub person_name: Option<String>,
    pub village: Option<String>,
    pub phone: Option<String>,
    pub category: Option<String>,
    /// contact: 处理方式
    pub handling: Option<String>,
    /// contact: 转交单位 · opinion: 报送或交办对象
    pub transfer_unit: Option<String>,
    pub deadline: Option<String>,
    /// contact: 办理结果 · report: 结果 · opinion: 答复
    pub result: Option<String>,
    pub feedback_date: Option<String>,
    /// contact: 群众评价 · opinion: 代表和群众满意度
    pub rating: Option<String>,
    pub district: Option<String>,
    pub voters_present: Option<i64>,
    pub votes_satisfied: Option<i64>,
    pub votes_basic: Option<i64>,
    pub votes_unsatisfied: Option<i64>,
    pub comments: Option<String>,
    /// opinion: the 联系群众 entry it came from
    pub source_id: Option<i64>,
    /// 实到 (activity) · the deputy (contact, report, opinion)
    pub present_ids: Vec<i64>,
    /// activity: 请假
    pub leave_ids: Vec<i64>,
    /// activity: 应到 but neither present nor on leave
    pub absent_ids: Vec<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct EntryDeputy {
    pub id: i64,
    pub name: String,
    /// present · leave · absent
    pub role: String,
}

/// Where a constituent's problem went: the opinion it became, the suggestion, its reply and rating.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct LoopState {
    pub opinion_id: Option<i64>,
    pub opinion_number: Option<String>,
    pub suggestion_id: Option<i64>,
    pub suggestion_number: Option<String>,
    pub suggestion_state: Option<String>,
    pub reply_date: Option<String>,
    pub reply_class: Option<String>,
    pub suggestion_rating: Option<String>,
    /// the unit's latest reply (its text, else what it has done): what 反馈群众 offers to tell back
    pub reply_text: Option<String>,
    /// the constituent has been told (反馈日期 set on the contact entry)
    pub closed: bool,
    /// 收集 · 转化 · 办理 · 反馈 · 已闭环 — where the loop stands, in words
    pub stage: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Entry {
    pub id: i64,
    pub uuid: String,
    pub station_id: i64,
    pub station: String,
    pub book: String,
    pub date: String,
    pub title: Option<String>,
    pub body: Option<String>,
    pub kind: Option<String>,
    pub place: Option<String>,
    pub organizer: Option<String>,
    pub recorder: Option<String>,
    pub public_count: Option<i64>,
    pub opinion_count: Option<i64>,
    pub person_name: Option<String>,
    pub village: Option<String>,
    pub phone: Option<String>,
    pub category: Option<String>,
    pub handling: Option<String>,
    pub transfer_unit: Option<String>,
    pub deadline: Option<String>,
    pub result: Option<String>,
    pub feedback_date: Option<String>,
    pub rating: Option<String>,
    pub district: Option<String>,
    pub voters_present: Option<i64>,
    pub votes_satisfied: Option<i64>,
    pub votes_basic: Option<i64>,
    pub votes_unsatisfied: Option<i64>,
    pub comments: Option<String>,
    pub number: Option<i64>,
    pub source_id: Option<i64>,
    pub suggestion_id: Option<i64>,
    pub deputies: Vec<EntryDeputy>,
    /// 签到表, photos, scans kept with the entry
    pub attachments: Vec<Attachment>,
    /// contact and opinion entries: the state of the loop
    pub link: Option<LoopState>,
    pub active: bool,
    pub updated_at: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct EntryQuery {
    #[ts(optional)]
    pub station_id: Option<i64>,
    #[ts(optional)]
    pub book: Option<String>,
    #[ts(optional)]
    pub year: Option<i64>,
    #[ts(optional)]
    pub from: Option<String>,
    #[ts(optional)]
    pub to: Option<String>,
    /// words of the text (2 characters and more through the pair index)
    #[ts(optional)]
    pub q: Option<String>,
    /// 活动类型 / 方式 / 形式
    #[ts(optional)]
    pub kind: Option<String>,
    #[ts(optional)]
    pub deputy_id: Option<i64>,
    /// contact entries whose loop is still open (not answered on the spot, no feedback yet)
    #[ts(optional)]
    pub open_only: Option<bool>,
    /// newest first unless false
    #[ts(optional)]
    pub desc: Option<bool>,
    #[ts(optional)]
    pub page: Option<i64>,
    #[ts(optional)]
    pub page_size: Option<i64>,
}

/// Opinion → 代表建议: what the register does not know yet (the rest is carried over).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ToSuggestionArgs {
    pub opinion_id: i64,
    /// 大会 / 闭会 (default 闭会: opinions arise between sessions)
    #[ts(optional)]
    pub period: Option<String>,
    #[ts(optional)]
    pub session_id: Option<i64>,
    /// 案由 (default: the opinion's summary, as 关于…的建议)
    #[ts(optional)]
    pub title: Option<String>,
    #[ts(optional)]
    pub category: Option<String>,
}

/// Station figures (DOMAIN.md §3) of one station, or the total (station_id 0).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct StationFigures {
    pub station_id: i64,
    pub station: String,
    /// 活动次数: activities registered
    pub activities: i64,
    /// 进站代表人次: deputies present at the activities, and those of 进站接待 contacts on a day
    /// no activity records them
    pub deputy_visits: i64,
    /// 接待群众人次: people at the activities plus the constituents of 联系群众
    pub people_received: i64,
    /// 收集意见数: opinions registered
    pub opinions: i64,
    /// 当场答复数: contacts answered on the spot
    pub answered_on_spot: i64,
    /// 转交数: contacts handed on (to a unit, into a suggestion, to 信访, to a higher deputy)
    pub transferred: i64,
    /// 办结 / 反馈数: contacts handed on whose constituent has had the feedback
    pub closed: i64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PeriodQuery {
    #[ts(optional)]
    pub year: Option<i64>,
    #[ts(optional)]
    pub from: Option<String>,
    #[ts(optional)]
    pub to: Option<String>,
    #[ts(optional)]
    pub station_id: Option<i64>,
}

/// A planned reception day of a station and the record of it, if any.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ReceptionDay {
    pub date: String,
    pub station_id: i64,
    pub station: String,
    /// the 驻站代表 due to receive constituents
    pub deputies: Vec<crate::roster::model::DeputyRef>,
    /// the 接待选民 activity that recorded it
    pub entry_id: Option<i64>,
    /// 已接待 · 待接待 · 未登记
    pub status: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StationReminders {
    /// Receptions to announce: from tomorrow through each station's own notice days (its
    /// schedule's 提前通知天数, 3 by default), soonest first.
    pub upcoming: Vec<ReceptionDay>,
    /// contacts handed on whose 期限 has passed without feedback to the constituent
    pub feedback_overdue: Vec<OverdueContact>,
    pub feedback_overdue_total: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct OverdueContact {
    pub entry: Entry,
    /// days since its 期限
    pub days_overdue: i64,
}

/// Per-deputy counts from the registers, for 履职积分 (DOMAIN.md §2.2).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeputyRegisterCounts {
    /// 视察 · 调研 · 执法检查 activities attended
    pub inspections: i64,
    /// 接待选民 activities attended
    pub receptions: i64,
    /// 述职 entries
    pub reports: i64,
    /// days with an activity attended (履职天数)
    pub days: i64,
}

/// One line of a deputy's 履职档案 from the registers.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DeputyRegisterEntry {
    pub date: String,
    /// 活动 · 联系群众 · 述职 · 意见
    pub book: String,
    pub station: String,
    pub title: String,
    pub detail: String,
    /// The points rule it earns (`activity_points`; a 述职 entry: report), when the deputy was present.
    pub points_kind: Option<String>,
}

fn one_of(
    errs: &mut Vec<FieldError>,
    field: &str,
    label: &str,
    v: &Option<String>,
    options: &[&str],
    required: bool,
) -> Option<String> {
    match clean_opt(v) {
        Some(x) if options.contains(&x.as_str()) => Some(x),
        Some(x) => {
            errs.push(FieldError {
                field: field.into(),
                message: format!("{label}「{x}」无法识别，可选：{}", options.join("、")),
            });
            None
        }
        None if required => {
            errs.push(FieldError { field: field.into(), message: format!("请选择{label}") });
            None
        }
        None => None,
    }
}

fn date_field(errs: &mut Vec<FieldError>, field: &str, label: &str, v: &Option<String>) -> Option<String> {
    match validate_date(field, label, v) {
        Ok(d) => d,
        Err(e) => {
            errs.extend(e.field_errors().iter().cloned());
            None
        }
    }
}

/// Checks an entry of any book and returns it cleaned; every problem at once, by field.
pub fn validate_entry(input: &EntryInput) -> Result<EntryInput> {
    let input = &crate::fields::checked(input)?;
    book_name(&input.book)?;
    let mut errs: Vec<FieldError> = Vec::new();
    let mut e = EntryInput { station_id: input.station_id, book: input.book.clone(), ..Default::default() };
    let txt = |v: &Option<String>| clean_opt(v);
    let long = |v: &Option<String>| v.clone().map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    e.date = match date_field(&mut errs, "date", "日期", &Some(input.date.clone())) {
        Some(d) => d,
        None => {
            if input.date.trim().is_empty() {
                errs.push(FieldError { field: "date".into(), message: "请填写日期".into() });
            }
            String::new()
        }
    };
    e.title = txt(&input.title);
    e.body = long(&input.body);
    e.place = txt(&input.place);
    e.organizer = txt(&input.organizer);
    e.recorder = txt(&input.recorder);
    e.category = txt(&input.category);
    e.comments = long(&input.comments);
    e.result = long(&input.result);
    e.transfer_unit = txt(&input.transfer_unit);
    e.district = txt(&input.district);
    for (field, label, v) in [
        ("public_count", "群众人数", input.public_count),
        ("opinion_count", "形成意见数", input.opinion_count),
        ("voters_present", "到会选民人数", input.voters_present),
        ("votes_satisfied", Vote::Satisfied.votes_label(), input.votes_satisfied),
        ("votes_basic", Vote::Basic.votes_label(), input.votes_basic),
        ("votes_unsatisfied", Vote::Unsatisfied.votes_label(), input.votes_unsatisfied),
    ] {
        if v.is_some_and(|n| n < 0) {
            errs.push(FieldError { field: field.into(), message: format!("{label}不能为负数") });
        } else if v.is_some_and(|n| n > MAX_COUNT) {
            errs.push(FieldError {
                field: field.into(),
                message: format!("{label}不能超过{}万，请核对", MAX_COUNT / 10_000),
            });
        }
    }
    let mut present = input.present_ids.clone();
    present.sort();
    present.dedup();
    let mut leave = input.leave_ids.clone();
    leave.sort();
    leave.dedup();
    let mut absent = input.absent_ids.clone();
    absent.sort();
    absent.dedup();
    if present.iter().any(|d| leave.contains(d) || absent.contains(d)) || leave.iter().any(|d| absent.contains(d)) {
        errs.push(FieldError {
            field: "leave_ids".into(), message: "同一位代表不能既实到又请假或缺席，请检查".into()
        });
    }
    match input.book.as_str() {
        "activity" => {
            e.kind = one_of(&mut errs, "kind", "活动类型", &input.kind, ACTIVITY_KINDS, true);
            if e.title.is_none() {
                errs.push(FieldError { field: "title".into(), message: "请填写活动主题".into() });
            }
            if present.is_empty() {
                errs.push(FieldError {
                    field: "present_ids".into(), message: "请选择实到代表（至少一位）".into()
                });
            }
            e.public_count = input.public_count;
            e.opinion_count = input.opinion_count;
        }
        "contact" => check_contact(input, &mut e, &present, &mut errs),
        "report" => check_report(input, &mut e, &present, &mut errs),
        _ => {
            // opinion
            e.kind = one_of(&mut errs, "kind", "意见形式", &input.kind, OPINION_FORMS, true);
            e.rating = one_of(&mut errs, "rating", "满意度", &input.rating, RATINGS, false);
            if e.body.is_none() {
                errs.push(FieldError { field: "body".into(), message: "请填写意见内容".into() });
            }
            if present.is_empty() {
                errs.push(FieldError {
                    field: "present_ids".into(), message: "请选择提出或反映意见的代表".into()
                });
            }
            e.source_id = input.source_id;
        }
    }
    if !errs.is_empty() {
        return Err(Error::fields(errs));
    }
    e.present_ids = present;
    if input.book == "activity" {
        e.leave_ids = leave;
        e.absent_ids = absent;
    }
    Ok(e)
}

/// A contact with constituents: how, what they said, how it was handled.
fn check_contact(input: &EntryInput, e: &mut EntryInput, present: &[i64], errs: &mut Vec<FieldError>) {
    let txt = |v: &Option<String>| clean_opt(v);
    e.kind = one_of(errs, "kind", "联系方式", &input.kind, CONTACT_MODES, true);
    e.handling = one_of(errs, "handling", "处理方式", &input.handling, HANDLINGS, false);
    e.rating = one_of(errs, "rating", "群众评价", &input.rating, RATINGS, false);
    e.person_name = txt(&input.person_name).map(|n| crate::text::normalize_name(&n));
    e.village = txt(&input.village);
    e.phone = txt(&input.phone);
    if present.is_empty() {
        errs.push(FieldError {
            field: "present_ids".into(), message: "请选择接待或联系群众的代表".into()
        });
    }
    if e.body.is_none() {
        errs.push(FieldError { field: "body".into(), message: "请填写群众反映的内容".into() });
    }
    e.deadline = date_field(errs, "deadline", "办理期限", &input.deadline);
    e.feedback_date = date_field(errs, "feedback_date", "反馈日期", &input.feedback_date);
    if e.handling.as_deref() != Some(ON_THE_SPOT)
        && e.handling.is_some()
        && e.transfer_unit.is_none()
        && e.handling.as_deref() == Some("转交有关单位")
    {
        errs.push(FieldError {
            field: "transfer_unit".into(), message: "转交有关单位时请填写转交单位".into()
        });
    }
}

/// A 述职: one deputy, the points, the voters' ballots adding up.
fn check_report(input: &EntryInput, e: &mut EntryInput, present: &[i64], errs: &mut Vec<FieldError>) {
    if present.len() != 1 {
        errs.push(FieldError { field: "present_ids".into(), message: "请选择述职的代表（一位）".into() });
    }
    if e.body.is_none() {
        errs.push(FieldError { field: "body".into(), message: "请填写述职要点".into() });
    }
    e.voters_present = input.voters_present;
    e.votes_satisfied = input.votes_satisfied;
    e.votes_basic = input.votes_basic;
    e.votes_unsatisfied = input.votes_unsatisfied;
    // saturating: a count beyond MAX_COUNT is refused above, and must not wrap the total round here
    let votes = [input.votes_satisfied, input.votes_basic, input.votes_unsatisfied]
        .iter()
        .fold(0i64, |sum, v| sum.saturating_add(v.unwrap_or(0)));
    match input.voters_present {
        Some(n) if votes > n => errs.push(FieldError {
            field: "votes_satisfied".into(),
            message: format!(
                "测评票合计 {votes} 张（{} {} + {} {} + {} {}），超过到会选民人数 {n}，请核对",
                Vote::Satisfied.label(),
                input.votes_satisfied.unwrap_or(0),
                Vote::Basic.label(),
                input.votes_basic.unwrap_or(0),
                Vote::Unsatisfied.label(),
                input.votes_unsatisfied.unwrap_or(0)
            ),
        }),
        None if votes > 0 => errs
            .push(FieldError {
                field: "voters_present".into(), message: "填写测评票时请同时填写到会选民人数".into()
            }),
        _ => {}
    }
    e.feedback_date = date_field(errs, "feedback_date", "书面反馈日期", &input.feedback_date);
}

/// The 案由 of a suggestion made from an opinion's summary: `关于…的建议`, at most 40 characters
/// of the summary, its trailing punctuation dropped.
pub fn suggestion_title(summary: &str) -> String {
    let t = summary_phrase(summary, 40);
    if t.starts_with("关于") {
        t
    } else {
        format!("关于{t}的建议")
    }
}

/// The opening of a text, at most about `max` characters, never cut inside a word: whole
/// clauses (up to ，。；！？), and when even the first clause is longer, up to its last 、 or
/// the last 和/与/及/并 before the limit; failing that the whole first clause.
pub fn summary_phrase(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let is_stop = |c: char| matches!(c, '，' | '。' | '；' | '！' | '？' | '：' | ',' | '.' | ';' | '!' | '?' | ':');
    let clauses: Vec<&str> = text.split(is_stop).map(str::trim).filter(|c| !c.is_empty()).collect();
    let Some(first) = clauses.first() else { return String::new() };
    let mut out = String::new();
    for c in &clauses {
        let len = out.chars().count() + c.chars().count() + usize::from(!out.is_empty());
        if !out.is_empty() && len > max {
            break;
        }
        if !out.is_empty() {
            out.push('，');
        }
        out.push_str(c);
    }
    if first.chars().count() <= max {
        return out;
    }
    // one long clause: stop at an enumeration mark or before a conjunction
    let chars: Vec<char> = first.chars().collect();
    let cut = (8..=max.min(chars.len() - 1)).rev().find(|&i| matches!(chars[i], '、' | '和' | '与' | '及' | '并'));
    match cut {
        Some(i) => chars[..i].iter().collect(),
        None => first.to_string(),
    }
}

/// Where a constituent's problem stands: the loop from 收集 to 已闭环.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoopStage {
    Collected,
    Transferred,
    OpinionFormed,
    SuggestionHandled,
    AwaitingFeedback,
    OnTheSpot,
    Closed,
}

impl LoopStage {
    pub const ALL: [LoopStage; 7] = [
        LoopStage::Collected,
        LoopStage::Transferred,
        LoopStage::OpinionFormed,
        LoopStage::SuggestionHandled,
        LoopStage::AwaitingFeedback,
        LoopStage::OnTheSpot,
        LoopStage::Closed,
    ];

    pub const fn label(self) -> &'static str {
        match self {
            LoopStage::Collected => "已收集",
            LoopStage::Transferred => "已转交",
            LoopStage::OpinionFormed => "已形成意见",
            LoopStage::SuggestionHandled => "建议办理中",
            LoopStage::AwaitingFeedback => "待反馈群众",
            LoopStage::OnTheSpot => ON_THE_SPOT,
            LoopStage::Closed => "已闭环",
        }
    }

    /// Closed green, waiting on the secretary orange, under way blue, just collected grey.
    pub const fn tone(self) -> Tone {
        match self {
            LoopStage::Closed | LoopStage::OnTheSpot => Tone::Success,
            LoopStage::AwaitingFeedback => Tone::Warning,
            LoopStage::SuggestionHandled | LoopStage::Transferred | LoopStage::OpinionFormed => Tone::Primary,
            LoopStage::Collected => Tone::Info,
        }
    }
}

/// Where a constituent's problem stands, from what the books and the suggestion know.
pub fn loop_stage(
    handling: Option<&str>,
    has_opinion: bool,
    suggestion_state: Option<&str>,
    replied: bool,
    feedback: bool,
) -> &'static str {
    let stage = if feedback {
        LoopStage::Closed
    } else if handling == Some(ON_THE_SPOT) {
        LoopStage::OnTheSpot
    } else if replied {
        LoopStage::AwaitingFeedback
    } else {
        match (has_opinion, suggestion_state) {
            (_, Some(_)) => LoopStage::SuggestionHandled,
            (true, None) => LoopStage::OpinionFormed,
            (false, None) if handling.is_some() => LoopStage::Transferred,
            _ => LoopStage::Collected,
        }
    };
    stage.label()
}

/// A planned reception day as the calendar shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reception {
    /// recorded by a 接待选民 activity
    Received,
    /// today or later, not yet recorded
    Upcoming,
    /// past and never recorded
    Unrecorded,
}

impl Reception {
    pub const ALL: [Reception; 3] = [Reception::Received, Reception::Upcoming, Reception::Unrecorded];

    pub fn of(recorded: bool, day: chrono::NaiveDate, today: chrono::NaiveDate) -> Reception {
        match (recorded, day >= today) {
            (true, _) => Reception::Received,
            (false, true) => Reception::Upcoming,
            (false, false) => Reception::Unrecorded,
        }
    }

    pub const fn label(self) -> &'static str {
        match self {
            Reception::Received => "已接待",
            Reception::Upcoming => "待接待",
            Reception::Unrecorded => "未登记",
        }
    }

    pub const fn tone(self) -> Tone {
        match self {
            Reception::Received => Tone::Success,
            Reception::Upcoming => Tone::Primary,
            Reception::Unrecorded => Tone::Warning,
        }
    }
}

pub fn loop_stage_infos() -> Vec<Tagged> {
    LoopStage::ALL.iter().map(|s| Tagged::new(s.label(), s.tone())).collect()
}

pub fn reception_infos() -> Vec<Tagged> {
    Reception::ALL.iter().map(|s| Tagged::new(s.label(), s.tone())).collect()
}

/// The ratings of a station's 满意度 with their tones.
pub fn rating_infos() -> Vec<Tagged> {
    Vote::ALL.iter().map(|v| Tagged::new(v.label(), v.tone())).collect()
}

/// The reception days of a rule between two dates (inclusive).
pub fn reception_dates(
    schedule: &crate::roster::model::Schedule,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Vec<chrono::NaiveDate> {
    use chrono::Datelike;
    let mut out = Vec::new();
    let mut d = from;
    while d <= to {
        let hit = match schedule.kind.as_str() {
            "month_days" => schedule.days.contains(&(d.day() as i64)),
            "weekdays" => schedule.days.contains(&(d.weekday().number_from_monday() as i64)),
            _ => false,
        };
        if hit {
            out.push(d);
        }
        d = d.succ_opt().expect("dates within range");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(book: &str) -> EntryInput {
        EntryInput {
            station_id: 1,
            book: book.into(),
            date: "2024-03-06".into(),
            present_ids: vec![1],
            ..Default::default()
        }
    }

    #[test]
    fn each_book_asks_for_its_own_fields() {
        let e = validate_entry(&entry("activity")).unwrap_err();
        let fields: Vec<&str> = e.field_errors().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["kind", "title"]);
        let e = validate_entry(&EntryInput { kind: Some("电话".into()), ..entry("contact") }).unwrap_err();
        assert_eq!(e.field_errors()[0].field, "body");
        let ok = validate_entry(&EntryInput {
            kind: Some("进站接待".into()),
            body: Some("村口路灯不亮".into()),
            person_name: Some("王　芳".into()),
            ..entry("contact")
        })
        .unwrap();
        assert_eq!(ok.person_name.as_deref(), Some("王芳"));
        assert!(validate_entry(&EntryInput { book: "diary".into(), ..entry("activity") }).is_err());
    }

    #[test]
    fn report_votes_may_not_exceed_the_voters_present() {
        let base = EntryInput {
            body: Some("一年来履职情况".into()),
            voters_present: Some(40),
            votes_satisfied: Some(30),
            votes_basic: Some(8),
            votes_unsatisfied: Some(2),
            ..entry("report")
        };
        assert!(validate_entry(&base).is_ok(), "exactly the voters present is fine");
        let e = validate_entry(&EntryInput { votes_unsatisfied: Some(3), ..base.clone() }).unwrap_err();
        assert_eq!(e.field_errors()[0].field, "votes_satisfied");
        assert!(e.to_string().contains("测评票合计 41 张") && e.to_string().contains("到会选民人数 40"), "{e}");
        let e = validate_entry(&EntryInput { voters_present: None, ..base }).unwrap_err();
        assert_eq!(e.field_errors()[0].field, "voters_present");
    }

    #[test]
    fn a_suggestion_title_from_an_opinion() {
        assert_eq!(suggestion_title("村口路灯坏了，"), "关于村口路灯坏了的建议");
        assert_eq!(suggestion_title("关于增设路灯的建议"), "关于增设路灯的建议");
        // never cut inside a word: whole clauses, as many as fit
        assert_eq!(
            suggestion_title("自来水水压不足，高处住户经常停水，饮水安全没有保障，群众意见很大"),
            "关于自来水水压不足，高处住户经常停水，饮水安全没有保障，群众意见很大的建议"
        );
        assert_eq!(
            suggestion_title("东关村自来水三天两头停水，老人挑水吃，盼望解决饮水安全问题"),
            "关于东关村自来水三天两头停水，老人挑水吃，盼望解决饮水安全问题的建议"
        );
        let long = "城区老旧小区加装电梯审批手续多资金筹措难业主意见难统一导致推进缓慢和群众出行很不方便问题突出";
        let t = suggestion_title(long);
        assert_eq!(t, "关于城区老旧小区加装电梯审批手续多资金筹措难业主意见难统一导致推进缓慢的建议");
        assert!(!suggestion_title("村口道路坑洼多，雨天出行很不方便").contains("很不的"));
    }

    #[test]
    fn the_loop_in_words() {
        assert_eq!(loop_stage(Some("当场答复"), false, None, false, false), "当场答复");
        assert_eq!(loop_stage(Some("转为代表建议"), true, None, false, false), "已形成意见");
        assert_eq!(loop_stage(Some("转为代表建议"), true, Some("办理中"), false, false), "建议办理中");
        assert_eq!(loop_stage(Some("转为代表建议"), true, Some("已答复"), true, false), "待反馈群众");
        assert_eq!(loop_stage(Some("转为代表建议"), true, Some("办结"), true, true), "已闭环");
    }

    #[test]
    fn the_window_gets_every_stage_and_reception_status_once() {
        let once = |infos: Vec<Tagged>, labels: Vec<&str>| {
            assert_eq!(infos.len(), labels.len());
            for l in labels {
                assert_eq!(infos.iter().filter(|i| i.value == l).count(), 1, "{l}");
            }
        };
        once(loop_stage_infos(), LoopStage::ALL.map(LoopStage::label).to_vec());
        once(reception_infos(), Reception::ALL.map(Reception::label).to_vec());
        once(rating_infos(), RATINGS.to_vec());
        let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 5, d).unwrap_or_default();
        assert_eq!(Reception::of(false, day(4), day(5)).label(), "未登记");
        assert_eq!(Reception::of(false, day(5), day(5)).label(), "待接待");
        assert_eq!(Reception::of(true, day(4), day(5)).label(), "已接待");
    }

    #[test]
    fn reception_days_from_the_rule() {
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let six = crate::roster::model::Schedule { kind: "month_days".into(), days: vec![6, 16, 26], notice_days: 3 };
        assert_eq!(
            reception_dates(&six, d("2024-02-01"), d("2024-02-29")),
            [d("2024-02-06"), d("2024-02-16"), d("2024-02-26")]
        );
        let fri = crate::roster::model::Schedule { kind: "weekdays".into(), days: vec![5], notice_days: 0 };
        assert_eq!(reception_dates(&fri, d("2024-03-01"), d("2024-03-10")), [d("2024-03-01"), d("2024-03-08")]);
    }
}
