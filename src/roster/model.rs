//! 代表, 届次/会次, 承办单位, 联络站 (SPEC §0): types, option lists and the validation rules.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::common::Choice;
use crate::error::{Error, FieldError, Result};
use crate::text::{clean_opt, normalize_name, to_half_width};

pub const GENDERS: &[&str] = &["男", "女"];
pub const DEPUTY_LEVELS: &[&str] = &["全国", "省", "市", "县", "乡"];
pub const DEPUTY_STATUSES: &[&str] = &["在任", "辞职", "罢免", "资格终止", "暂停执行代表职务", "去世"];
pub const UNIT_KINDS: &[&str] = &["政府部门", "法院", "检察院", "乡镇", "其他"];
pub const STATION_KINDS: &[&str] = &["代表之家", "代表联络站", "行业联络站", "立法联系点"];
pub const TERM_LEVELS: &[&str] = &["全国", "省", "市", "县", "乡"];

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
    pub deputy_levels: Vec<String>,
    pub deputy_statuses: Vec<String>,
    pub unit_kinds: Vec<String>,
    pub station_kinds: Vec<String>,
    pub term_levels: Vec<String>,
    pub deputy_sorts: Vec<Choice>,
    /// 乡镇 · 县 · 市
    pub office_levels: Vec<String>,
}

pub fn enums() -> Enums {
    let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect();
    Enums {
        genders: v(GENDERS),
        ethnicities: v(ETHNICITIES),
        political_affiliations: v(POLITICAL),
        education_levels: v(EDUCATION),
        deputy_levels: v(DEPUTY_LEVELS),
        deputy_statuses: v(DEPUTY_STATUSES),
        unit_kinds: v(UNIT_KINDS),
        station_kinds: v(STATION_KINDS),
        term_levels: v(TERM_LEVELS),
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

/// `1975-03`, `1975-3`, `1975.03`, `1975/3`, `1975年3月` → `1975-03`; see [`read_month`].
pub fn parse_month(s: &str) -> Option<String> {
    read_month(s).ok()
}

/// The one reader of a month (出生年月): `1975-03`, `1975-3`, `1975.03`, `1975/3`, `1975年3月`,
/// `197503`, or a whole date (`1975年3月8日`, whose day must exist: 2月30日 is refused, not cut to
/// the month) → `1975-03`. A month before 1900 or after the current one is refused. `Err` is the
/// reason, in Chinese, that follows 「无法识别：」.
pub fn read_month(s: &str) -> std::result::Result<String, String> {
    let s = to_half_width(s);
    let unreadable = || "请填写年和月，如 1986.4、1986年4月、1986-04".to_string();
    // 「-1975.03」「不详」: a month starts with its year's digits
    if !s.trim().starts_with(|c: char| c.is_ascii_digit()) {
        return Err(unreadable());
    }
    let parts: Vec<&str> = s
        .trim()
        .trim_end_matches(['日', '号'])
        .trim_end_matches('月')
        .split(['-', '.', '/', '年', '月', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let num = |p: &str| p.parse::<u32>().map_err(|_| unreadable());
    let (y, m, d) = match parts.as_slice() {
        [y, m] => (num(y)?, num(m)?, None),
        [y, m, d] => (num(y)?, num(m)?, Some(num(d)?)),
        [ym] if ym.len() == 6 && ym.bytes().all(|b| b.is_ascii_digit()) => (num(&ym[..4])?, num(&ym[4..])?, None),
        _ => return Err(unreadable()),
    };
    let today = chrono::Local::now().date_naive();
    let (this_year, this_month) = (chrono::Datelike::year(&today) as u32, chrono::Datelike::month(&today));
    if y < 1900 {
        return Err(format!("年份应在1900年至{this_year}年之间"));
    }
    if !(1..=12).contains(&m) {
        return Err(format!("月份应为1至12，这里是{m}"));
    }
    if (y, m) > (this_year, this_month) {
        return Err(format!("是将来的月份，出生年月最晚为本月（{this_year}年{this_month}月）"));
    }
    if let Some(d) = d {
        if chrono::NaiveDate::from_ymd_opt(y as i32, m, d).is_none() {
            return Err(format!("{y}年{m}月没有{d}日"));
        }
    }
    Ok(format!("{y:04}-{m:02}"))
}

/// Checks an 18-character 身份证号 (GB 11643: 17 digits and a check character).
pub fn normalize_id_number(s: &str) -> std::result::Result<String, String> {
    let v: String = to_half_width(s).chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    // checked by characters: a Chinese character at the end must not split a byte slice
    let chars: Vec<char> = v.chars().collect();
    if chars.len() != 18
        || !chars[..17].iter().all(|c| c.is_ascii_digit())
        || !(chars[17].is_ascii_digit() || chars[17] == 'X')
    {
        return Err("应为18位（前17位为数字，末位为数字或X）".into());
    }
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let sum: u32 = v.bytes().take(17).zip(W).map(|(b, w)| (b - b'0') as u32 * w).sum();
    if CHECK[(sum % 11) as usize] != v.as_bytes()[17] {
        return Err("校验位不对，请核对是否抄错".into());
    }
    Ok(v)
}

/// The one phone rule, for forms and imports alike: a mobile has 11 digits (1[3-9]…, spaces,
/// dashes or +86 allowed); a landline has its area code (`0745-2812345`, stored with the dash);
/// a 7–8 digit number without area code is accepted as a local one, with a warning to say so.
/// `Ok((number, warning))`, or `Err(reason)` in Chinese.
pub fn read_phone(s: &str) -> std::result::Result<(String, Option<String>), String> {
    let s = to_half_width(s);
    let s = s.trim();
    if s.chars().any(|c| !(c.is_ascii_digit() || matches!(c, '-' | ' ' | '(' | ')' | '+'))) {
        return Err("只能包含数字（可带空格、短横线），应为11位手机号或带区号的固定电话（如 0745-2812345）".into());
    }
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    let digits =
        digits.strip_prefix("86").filter(|d| d.len() == 11 && s.starts_with('+')).map(str::to_string).unwrap_or(digits);
    if digits.starts_with('1') {
        return match digits.len() {
            11 if matches!(digits.as_bytes()[1], b'3'..=b'9') => Ok((digits, None)),
            11 => Err("不是有效的手机号：手机号以13–19开头".into()),
            n => Err(format!("手机号应为11位，这里是{n}位")),
        };
    }
    if digits.starts_with('0') {
        if !(10..=12).contains(&digits.len()) {
            return Err("固定电话应为区号加7–8位号码，如 0745-2812345".into());
        }
        // area codes are 3 digits for 010/02x, else 4
        let area = if digits.starts_with("01") || digits.starts_with("02") { 3 } else { 4 };
        return Ok((format!("{}-{}", &digits[..area], &digits[area..]), None));
    }
    if (7..=8).contains(&digits.len()) {
        return Ok((digits, Some("未带区号，按本地固定电话保存".into())));
    }
    Err("应为11位手机号，或带区号的固定电话（如 0745-2812345）".into())
}

/// [`read_phone`] without its warning: the stored form, or `None` when it is not a phone number.
pub fn normalize_phone(s: &str) -> Option<String> {
    read_phone(s).ok().map(|(p, _)| p)
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
    fn months_in_every_written_form() {
        for s in [
            "1975-03",
            "1975-3",
            "1975.03",
            "1975/3",
            "1975年3月",
            "197503",
            "１９７５．０３",
            "1975.3",
            "1975年3月8日",
            "1975-03-08",
        ] {
            assert_eq!(parse_month(s).as_deref(), Some("1975-03"), "{s}");
        }
        assert_eq!(parse_month("1979年13月"), None);
        assert_eq!(parse_month("abc"), None);
    }

    #[test]
    fn id_numbers() {
        assert_eq!(normalize_id_number("11010519491231002x").as_deref(), Ok("11010519491231002X"));
        assert!(normalize_id_number("110105194912310021").is_err(), "bad check digit");
        assert!(normalize_id_number("1101051949").is_err());
    }

    #[test]
    fn phones() {
        assert_eq!(normalize_phone("138 1234 5678").as_deref(), Some("13812345678"));
        assert_eq!(normalize_phone("+86 13812345678").as_deref(), Some("13812345678"));
        assert_eq!(normalize_phone("0371-63812345").as_deref(), Some("0371-63812345"));
        assert_eq!(normalize_phone("01062345678").as_deref(), Some("010-62345678"));
        assert_eq!(normalize_phone("1381234567"), None);
        assert_eq!(normalize_phone("电话13812345678"), None);
        assert_eq!(normalize_phone("12812345678"), None, "no mobile starts 12");
        assert_eq!(read_phone("0745-2812345"), Ok(("0745-2812345".into(), None)));
        let (local, warning) = read_phone("2812345").unwrap();
        assert_eq!(local, "2812345");
        assert!(warning.unwrap().contains("区号"));
        assert!(read_phone("138123456789").unwrap_err().contains("11位"));
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
