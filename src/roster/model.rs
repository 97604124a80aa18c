//! 代表, 届次/会次, 承办单位, 联络站 (DOMAIN.md §0): types, option lists and the validation rules.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::common::{Choice, Tagged, Tone};
use crate::error::{Error, FieldError, Result};
pub use crate::readers::{normalize_id_number, normalize_phone, parse_month, read_month, read_phone};
use crate::text::{clean_opt, normalize_name, to_half_width};

pub const GENDERS: &[&str] = &["男", "女"];
/// The levels of people's congresses, highest first, with their tones (the higher, the warmer):
/// a deputy's level and a term's level are both one of them.
const LEVELS: [(&str, Tone); 5] =
    [("全国", Tone::Danger), ("省", Tone::Warning), ("市", Tone::Success), ("县", Tone::Primary), ("乡", Tone::Info)];
pub const DEPUTY_LEVELS: &[&str] = &labels(LEVELS);
/// A deputy's statuses with their tones: serving green, suspended orange, gone red.
const STATUSES: [(&str, Tone); 6] = [
    ("在任", Tone::Success),
    ("辞职", Tone::Danger),
    ("罢免", Tone::Danger),
    ("资格终止", Tone::Danger),
    ("暂停执行代表职务", Tone::Warning),
    ("去世", Tone::Danger),
];
pub const DEPUTY_STATUSES: &[&str] = &labels(STATUSES);

const fn labels<const N: usize>(toned: [(&'static str, Tone); N]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = toned[i].0;
        i += 1;
    }
    out
}

fn tagged(toned: &[(&str, Tone)]) -> Vec<Tagged> {
    toned.iter().map(|(v, t)| Tagged::new(v, *t)).collect()
}
pub const UNIT_KINDS: &[&str] = &["政府部门", "法院", "检察院", "乡镇", "其他"];
pub const STATION_KINDS: &[&str] = &["代表之家", "代表联络站", "行业联络站", "立法联系点"];

/// `县第十八届人民代表大会`, `乡（镇）第十八届人民代表大会` when no name is given.
pub fn term_default_name(level: &str, number: i64) -> String {
    let level_word = match level {
        "乡" => "乡（镇）",
        other => other,
    };
    format!("{level_word}第{}届人民代表大会", crate::text::chinese_number(number))
}
pub const POLITICAL: &[&str] = &[
    "中共党员",
    "中共预备党员",
    "共青团员",
    "民革党员",
    "民盟盟员",
    "民建会员",
    "民进会员",
    "农工党党员",
    "致公党党员",
    "九三学社社员",
    "台盟盟员",
    "无党派人士",
    "群众",
];
pub const EDUCATION: &[&str] = &["研究生", "大学", "大专", "中专", "高中", "初中", "小学"];
pub const ETHNICITIES: &[&str] = &[
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
];

/// Every option list the forms and filters need, from the one place that defines them.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Enums {
    pub genders: Vec<String>,
    pub ethnicities: Vec<String>,
    pub political_affiliations: Vec<String>,
    pub education_levels: Vec<String>,
    pub deputy_levels: Vec<Tagged>,
    pub deputy_statuses: Vec<Tagged>,
    pub unit_kinds: Vec<String>,
    pub station_kinds: Vec<String>,
    pub term_levels: Vec<String>,
    pub deputy_sorts: Vec<Choice>,
    /// 乡镇 · 县 · 市
    pub office_levels: Vec<String>,
    /// The levels whose offices receive 上报包 from below (县 · 市).
    pub receiving_levels: Vec<String>,
    /// The level of an office that has not said its own (an older data file).
    pub default_level: String,
    /// The answers of a satisfaction ballot (满意 · 基本满意 · 不满意), for the figures' charts.
    pub votes: Vec<crate::common::VoteInfo>,
}

pub fn enums() -> Enums {
    let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect();
    Enums {
        genders: v(GENDERS),
        ethnicities: v(ETHNICITIES),
        political_affiliations: v(POLITICAL),
        education_levels: v(EDUCATION),
        deputy_levels: tagged(&LEVELS),
        deputy_statuses: tagged(&STATUSES),
        unit_kinds: v(UNIT_KINDS),
        station_kinds: v(STATION_KINDS),
        term_levels: v(DEPUTY_LEVELS),
        deputy_sorts: [
            ("pinyin", "按拼音"),
            ("strokes", "按姓氏笔画"),
            ("district", "按选区"),
            ("birth", "按出生年月"),
            ("updated", "最近修改"),
        ]
        .iter()
        .map(|(v, l)| Choice { value: v.to_string(), label: l.to_string() })
        .collect(),
        office_levels: v(crate::office::OFFICE_LEVELS),
        receiving_levels: crate::office::OFFICE_LEVELS
            .iter()
            .filter(|l| crate::office::receives_packages(l))
            .map(|l| l.to_string())
            .collect(),
        default_level: crate::office::DEFAULT_LEVEL.into(),
        votes: crate::common::vote_infos(),
    }
}

// ---------------------------------------------------------------- 届次 / 会次

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Session {
    pub id: i64,
    pub uuid: String,
    pub term_id: i64,
    pub number: i64,
    pub name: String,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Term {
    pub id: i64,
    pub uuid: String,
    pub level: String,
    pub number: i64,
    pub name: String,
    pub start_year: i64,
    pub end_year: i64,
    pub is_current: bool,
    pub sessions: Vec<Session>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TermInput {
    pub level: String,
    pub number: i64,
    pub name: Option<String>,
    pub start_year: i64,
    pub end_year: i64,
    pub is_current: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SessionInput {
    pub term_id: i64,
    pub number: i64,
    pub name: Option<String>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
}

// ---------------------------------------------------------------- 代表

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StatusChange {
    pub status: String,
    pub date: Option<String>,
    pub note: Option<String>,
    pub recorded_at: String,
}

/// A deputy as a list shows them.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DeputyRow {
    pub id: i64,
    pub uuid: String,
    pub name: String,
    pub gender: Option<String>,
    pub birth_month: Option<String>,
    pub political: Option<String>,
    pub work_unit: Option<String>,
    pub levels: Vec<String>,
    pub district: Option<String>,
    pub delegation: Option<String>,
    pub phone: Option<String>,
    pub station_id: Option<i64>,
    pub station_name: Option<String>,
    pub status: String,
    pub active: bool,
    pub initials: String,
}

/// A deputy with every field and the status history.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Deputy {
    pub id: i64,
    pub uuid: String,
    pub name: String,
    pub gender: Option<String>,
    pub ethnicity: Option<String>,
    pub birth_month: Option<String>,
    pub political: Option<String>,
    pub education: Option<String>,
    pub work_unit: Option<String>,
    pub card_no: Option<String>,
    /// 身份证号 (private: masked in upward exports)
    pub id_number: Option<String>,
    pub levels: Vec<String>,
    pub district: Option<String>,
    pub delegation: Option<String>,
    pub sector_group: Option<String>,
    pub phone: Option<String>,
    /// 通讯地址 (private: masked in upward exports)
    pub address: Option<String>,
    /// 备注, e.g. 「2023年补选」
    pub note: Option<String>,
    pub station_id: Option<i64>,
    pub station_name: Option<String>,
    pub term_id: Option<i64>,
    pub term_name: Option<String>,
    pub status: String,
    pub status_date: Option<String>,
    pub active: bool,
    pub initials: String,
    pub created_at: String,
    pub updated_at: String,
    pub status_history: Vec<StatusChange>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct DeputyInput {
    pub name: String,
    pub gender: Option<String>,
    pub ethnicity: Option<String>,
    /// `YYYY-MM`
    pub birth_month: Option<String>,
    pub political: Option<String>,
    pub education: Option<String>,
    pub work_unit: Option<String>,
    pub card_no: Option<String>,
    /// 身份证号, 18 characters
    pub id_number: Option<String>,
    pub levels: Vec<String>,
    pub district: Option<String>,
    pub delegation: Option<String>,
    pub sector_group: Option<String>,
    pub phone: Option<String>,
    /// 通讯地址
    pub address: Option<String>,
    /// 备注
    pub note: Option<String>,
    pub station_id: Option<i64>,
    pub term_id: Option<i64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct DeputyQuery {
    #[ts(optional)]
    pub q: Option<String>,
    #[ts(optional)]
    pub level: Option<String>,
    #[ts(optional)]
    pub district: Option<String>,
    #[ts(optional)]
    pub delegation: Option<String>,
    #[ts(optional)]
    pub station_id: Option<i64>,
    #[ts(optional)]
    pub status: Option<String>,
    #[ts(optional)]
    pub include_inactive: Option<bool>,
    /// pinyin (default) · strokes · district · birth · updated
    #[ts(optional)]
    pub sort: Option<String>,
    #[ts(optional)]
    pub desc: Option<bool>,
    #[ts(optional)]
    pub page: Option<i64>,
    /// 0 = every row (exports)
    #[ts(optional)]
    pub page_size: Option<i64>,
}

/// A picker's question: deputies whose name or pinyin initials match `q` (at most `limit`, 20 by
/// default, 200 at most), after the deputies `ids` (those already chosen, so their names show).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct DeputySearch {
    #[ts(optional)]
    pub q: Option<String>,
    #[ts(optional)]
    pub limit: Option<i64>,
    #[ts(type = "Array<number>", optional)]
    pub ids: Vec<i64>,
    /// this station's deputies come first (a station's 驻站代表 in its registers)
    #[ts(optional)]
    pub station_id: Option<i64>,
    #[ts(optional)]
    pub include_inactive: Option<bool>,
}

/// One deputy in a picker.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DeputyChoice {
    pub id: i64,
    pub name: String,
    pub initials: String,
    pub delegation: Option<String>,
    pub district: Option<String>,
    pub station_id: Option<i64>,
}

/// A name and how many (deputies per level, per 选区).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NameCount {
    pub name: String,
    pub count: i64,
}

/// The active deputies counted: per level (in the order of [`DEPUTY_LEVELS`], then 未填写) and per
/// 选区 (the 20 largest, then 未填写 if any).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DeputyFigures {
    pub total: i64,
    pub by_level: Vec<NameCount>,
    pub by_district: Vec<NameCount>,
}

/// Validates and normalizes a deputy's input. All field problems are reported together.
pub fn validate_deputy(input: &DeputyInput) -> Result<DeputyInput> {
    let input = &crate::fields::checked(input)?;
    let mut errs = Vec::new();
    let mut e = |field: &str, msg: String| errs.push(FieldError { field: field.into(), message: msg });
    let name = normalize_name(&input.name);
    if name.is_empty() {
        e("name", "请填写代表姓名".into());
    } else if name.chars().count() > 20 {
        e("name", format!("姓名「{name}」超过20个字，请检查是否把其他内容填进了姓名"));
    } else if name.chars().any(|c| c.is_ascii_digit()) {
        e("name", format!("姓名「{name}」中含有数字，请检查"));
    }
    let gender = clean_opt(&input.gender).map(|g| g.trim_end_matches('性').to_string());
    if let Some(g) = &gender {
        if !GENDERS.contains(&g.as_str()) {
            e("gender", format!("性别「{g}」无法识别，请填写“男”或“女”"));
        }
    }
    let birth_month = match clean_opt(&input.birth_month) {
        None => None,
        Some(s) => match read_month(&s) {
            Ok(m) => Some(m),
            Err(why) => {
                e("birth_month", format!("出生年月「{}」无法识别：{why}", crate::fields::quote(&s)));
                None
            }
        },
    };
    let phone = match clean_opt(&input.phone) {
        None => None,
        Some(s) => match read_phone(&s) {
            Ok((p, _)) => Some(p),
            Err(why) => {
                e("phone", format!("联系电话「{s}」{why}"));
                None
            }
        },
    };
    let id_number = match clean_opt(&input.id_number) {
        None => None,
        Some(s) => match normalize_id_number(&s) {
            Ok(v) => Some(v),
            Err(why) => {
                e("id_number", format!("身份证号「{s}」{why}"));
                None
            }
        },
    };
    let mut levels: Vec<String> = Vec::new();
    for l in &input.levels {
        let l = to_half_width(l).trim().trim_end_matches('级').trim_end_matches("人大代表").to_string();
        let l = if l == "乡镇" || l == "镇" { "乡".to_string() } else { l };
        if !DEPUTY_LEVELS.contains(&l.as_str()) {
            e("levels", format!("代表层级「{l}」无法识别，可选：全国、省、市、县、乡"));
        } else if !levels.contains(&l) {
            levels.push(l);
        }
    }
    if input.levels.is_empty() {
        e("levels", "请至少选择一个代表层级（全国、省、市、县、乡）".into());
    }
    levels.sort_by_key(|l| DEPUTY_LEVELS.iter().position(|x| x == l));
    if errs.is_empty() {
        Ok(DeputyInput {
            name,
            gender,
            ethnicity: clean_opt(&input.ethnicity),
            birth_month,
            political: clean_opt(&input.political),
            education: clean_opt(&input.education),
            work_unit: clean_opt(&input.work_unit),
            card_no: clean_opt(&input.card_no).map(|s| s.replace(' ', "")),
            id_number,
            levels,
            district: clean_opt(&input.district),
            delegation: clean_opt(&input.delegation),
            sector_group: clean_opt(&input.sector_group),
            phone,
            address: clean_opt(&input.address),
            note: clean_opt(&input.note),
            station_id: input.station_id,
            term_id: input.term_id,
        })
    } else {
        Err(Error::fields(errs))
    }
}

// ---------------------------------------------------------------- 承办单位

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Unit {
    pub id: i64,
    pub uuid: String,
    pub name: String,
    pub kind: String,
    pub contact_person: Option<String>,
    pub contact_phone: Option<String>,
    pub active: bool,
    pub created_at: String,
    pub updated_at: String,
    /// Pinyin initials of the name (`县教育局` → `xjyj`), for pickers.
    pub initials: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct UnitInput {
    pub name: String,
    pub kind: String,
    pub contact_person: Option<String>,
    pub contact_phone: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct UnitQuery {
    #[ts(optional)]
    pub q: Option<String>,
    #[ts(optional)]
    pub kind: Option<String>,
    #[ts(optional)]
    pub include_inactive: Option<bool>,
    /// name (default, pinyin order) · kind · updated
    #[ts(optional)]
    pub sort: Option<String>,
    #[ts(optional)]
    pub desc: Option<bool>,
    #[ts(optional)]
    pub page: Option<i64>,
    #[ts(optional)]
    pub page_size: Option<i64>,
}

pub fn validate_unit(input: &UnitInput) -> Result<UnitInput> {
    let input = &crate::fields::checked(input)?;
    let mut errs = Vec::new();
    let name = crate::text::clean(&input.name).unwrap_or_default().replace(' ', "");
    if name.is_empty() {
        errs.push(FieldError { field: "name".into(), message: "请填写承办单位名称".into() });
    }
    let kind = crate::text::clean(&input.kind).unwrap_or_else(|| "政府部门".into());
    if !UNIT_KINDS.contains(&kind.as_str()) {
        errs.push(FieldError {
            field: "kind".into(),
            message: format!("单位类别「{kind}」无法识别，可选：{}", UNIT_KINDS.join("、")),
        });
    }
    let contact_phone = match clean_opt(&input.contact_phone) {
        None => None,
        Some(s) => match read_phone(&s) {
            Ok((p, _)) => Some(p),
            Err(why) => {
                errs.push(FieldError { field: "contact_phone".into(), message: format!("联系电话「{s}」{why}") });
                None
            }
        },
    };
    if !errs.is_empty() {
        return Err(Error::fields(errs));
    }
    Ok(UnitInput {
        name,
        kind,
        contact_person: clean_opt(&input.contact_person).map(|s| normalize_name(&s)),
        contact_phone,
    })
}

// ---------------------------------------------------------------- 联络站

/// When deputies receive constituents at a station: fixed days of the month ("逢六进站":
/// 6, 16, 26), fixed weekdays (1 = 星期一 … 7 = 星期日), or no fixed day; announced ahead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Schedule {
    /// month_days · weekdays · none
    pub kind: String,
    pub days: Vec<i64>,
    pub notice_days: i64,
}

impl Default for Schedule {
    fn default() -> Self {
        Schedule { kind: "none".into(), days: vec![], notice_days: 3 }
    }
}

impl Schedule {
    /// The rule in words, as a notice board would say it.
    pub fn describe(&self) -> String {
        const WD: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
        let notice =
            if self.notice_days > 0 { format!("，提前{}天公告", self.notice_days) } else { String::new() };
        match self.kind.as_str() {
            "month_days" if !self.days.is_empty() => {
                let days = self.days.iter().map(|d| format!("{d}日")).collect::<Vec<_>>().join("、");
                let mut s = format!("每月{days}");
                if self.days.len() > 1 {
                    let last = self.days[0] % 10;
                    if self.days.iter().all(|d| d % 10 == last) && last != 0 {
                        s.push_str(&format!("（逢{}进站）", crate::text::chinese_number(last)));
                    }
                }
                s + &notice
            }
            "weekdays" if !self.days.is_empty() => {
                let days = self
                    .days
                    .iter()
                    .map(|d| format!("周{}", WD[(*d as usize).clamp(1, 7) - 1]))
                    .collect::<Vec<_>>()
                    .join("、");
                format!("每{days}") + &notice
            }
            _ => "无固定接待日".into(),
        }
    }

    pub fn validate(&self) -> Result<Schedule> {
        let mut days = self.days.clone();
        days.sort();
        days.dedup();
        match self.kind.as_str() {
            "month_days" => {
                if days.is_empty() || days.iter().any(|d| !(1..=31).contains(d)) {
                    return Err(Error::field("schedule", "每月接待日应在1日到31日之间，至少选一天"));
                }
            }
            "weekdays" => {
                if days.is_empty() || days.iter().any(|d| !(1..=7).contains(d)) {
                    return Err(Error::field("schedule", "每周接待日应在周一到周日之间，至少选一天"));
                }
            }
            "none" => days.clear(),
            other => return Err(Error::field("schedule", format!("接待安排类型「{other}」无法识别"))),
        }
        if !(0..=30).contains(&self.notice_days) {
            return Err(Error::field("schedule", "提前公告天数应在0到30天之间"));
        }
        Ok(Schedule { kind: self.kind.clone(), days, notice_days: self.notice_days })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DeputyRef {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Station {
    pub id: i64,
    pub uuid: String,
    pub name: String,
    pub kind: String,
    pub township: Option<String>,
    pub address: Option<String>,
    pub head: Option<String>,
    pub liaison: Option<String>,
    pub schedule: Schedule,
    pub schedule_text: String,
    pub deputies: Vec<DeputyRef>,
    pub active: bool,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct StationInput {
    pub name: String,
    pub kind: String,
    pub township: Option<String>,
    pub address: Option<String>,
    pub head: Option<String>,
    pub liaison: Option<String>,
    pub schedule: Schedule,
    pub deputy_ids: Vec<i64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct StationQuery {
    #[ts(optional)]
    pub q: Option<String>,
    #[ts(optional)]
    pub kind: Option<String>,
    #[ts(optional)]
    pub township: Option<String>,
    #[ts(optional)]
    pub include_inactive: Option<bool>,
    /// name (default) · township · kind · updated
    #[ts(optional)]
    pub sort: Option<String>,
    #[ts(optional)]
    pub desc: Option<bool>,
    #[ts(optional)]
    pub page: Option<i64>,
    #[ts(optional)]
    pub page_size: Option<i64>,
}

pub fn validate_station(input: &StationInput) -> Result<StationInput> {
    let input = &crate::fields::checked(input)?;
    let mut errs = Vec::new();
    let name = crate::text::clean(&input.name).unwrap_or_default().replace(' ', "");
    if name.is_empty() {
        errs.push(FieldError { field: "name".into(), message: "请填写联络站名称".into() });
    }
    let kind = crate::text::clean(&input.kind).unwrap_or_else(|| "代表联络站".into());
    if !STATION_KINDS.contains(&kind.as_str()) {
        errs.push(FieldError {
            field: "kind".into(),
            message: format!("联络站类型「{kind}」无法识别，可选：{}", STATION_KINDS.join("、")),
        });
    }
    let schedule = match input.schedule.validate() {
        Ok(s) => s,
        Err(e) => {
            errs.extend(e.field_errors().iter().cloned());
            Schedule::default()
        }
    };
    if !errs.is_empty() {
        return Err(Error::fields(errs));
    }
    let mut deputy_ids = input.deputy_ids.clone();
    deputy_ids.sort();
    deputy_ids.dedup();
    Ok(StationInput {
        name,
        kind,
        township: clean_opt(&input.township),
        address: clean_opt(&input.address),
        head: clean_opt(&input.head).map(|s| normalize_name(&s)),
        liaison: clean_opt(&input.liaison).map(|s| normalize_name(&s)),
        schedule,
        deputy_ids,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_gets_each_level_and_status_once_and_the_levels_that_receive_packages() {
        let e = enums();
        assert_eq!(e.receiving_levels, ["县", "市"]);
        let values = |t: &[Tagged]| t.iter().map(|x| x.value.clone()).collect::<Vec<_>>();
        assert_eq!(values(&e.deputy_levels), DEPUTY_LEVELS);
        assert_eq!(values(&e.deputy_statuses), DEPUTY_STATUSES);
        for l in &e.office_levels {
            assert_eq!(e.office_levels.iter().filter(|x| *x == l).count(), 1, "{l}");
        }
        assert_eq!(crate::office::level_rank("乡镇"), 1);
        assert_eq!(crate::office::level_rank("省"), 0);
    }

    #[test]
    fn deputy_validation_reports_every_field() {
        let bad = DeputyInput {
            name: " ".into(),
            phone: Some("123".into()),
            birth_month: Some("1979年13月".into()),
            ..Default::default()
        };
        let err = validate_deputy(&bad).unwrap_err();
        let fields: Vec<_> = err.field_errors().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["name", "birth_month", "phone", "levels"]);
        assert!(err.to_string().contains("1979年13月"));
        let ok = validate_deputy(&DeputyInput {
            name: "张　三".into(),
            gender: Some("男性".into()),
            levels: vec!["县级".into(), "乡镇".into(), "县".into()],
            ..Default::default()
        })
        .unwrap();
        assert_eq!(ok.name, "张三");
        assert_eq!(ok.gender.as_deref(), Some("男"));
        assert_eq!(ok.levels, ["县", "乡"]);
    }

    #[test]
    fn schedules_in_words() {
        let s = Schedule { kind: "month_days".into(), days: vec![6, 16, 26], notice_days: 3 };
        assert_eq!(s.describe(), "每月6日、16日、26日（逢六进站），提前3天公告");
        let w = Schedule { kind: "weekdays".into(), days: vec![2, 4], notice_days: 0 };
        assert_eq!(w.describe(), "每周二、周四");
        assert!(Schedule { kind: "month_days".into(), days: vec![32], notice_days: 3 }.validate().is_err());
    }
}
