//! 代表建议 (DOMAIN.md §1): states, the actions each state allows, settings with their defaults, and
//! the request and response types.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::common::{Choice, Tagged, Tone, Vote};
use crate::error::{Error, Result};

/// A suggestion's state, with what it allows and how it looks; stored as its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Reviewing,
    Returned,
    Rejected,
    Merged,
    Withdrawn,
    Filed,
    Handling,
    Replied,
    Unsatisfied,
    Rehandling,
    Concluded,
    Following,
    Implemented,
}

impl State {
    /// Every state, in the order of the lifecycle (the list filter's order).
    pub const ALL: [State; 13] = [
        State::Reviewing,
        State::Returned,
        State::Rejected,
        State::Merged,
        State::Withdrawn,
        State::Filed,
        State::Handling,
        State::Replied,
        State::Unsatisfied,
        State::Rehandling,
        State::Concluded,
        State::Following,
        State::Implemented,
    ];

    pub const fn label(self) -> &'static str {
        match self {
            State::Reviewing => "审查中",
            State::Returned => "退回修改",
            State::Rejected => "不予立案",
            State::Merged => "并案",
            State::Withdrawn => "撤回",
            State::Filed => "已立案",
            State::Handling => "办理中",
            State::Replied => "已答复",
            State::Unsatisfied => "不满意",
            State::Rehandling => "重办中",
            State::Concluded => "办结",
            State::Following => "跟踪落实",
            State::Implemented => "落实完毕",
        }
    }

    const fn labels() -> [&'static str; 13] {
        let mut out = [""; 13];
        let mut i = 0;
        while i < out.len() {
            out[i] = State::ALL[i].label();
            i += 1;
        }
        out
    }

    pub fn parse(label: &str) -> Option<State> {
        State::ALL.into_iter().find(|s| s.label() == label)
    }

    /// The text may still be edited: until it is handed to the units (交办), whose text is final.
    pub const fn editable(self) -> bool {
        matches!(self, State::Reviewing | State::Returned | State::Filed)
    }

    /// Done green, waiting on the deputy or a promise orange, gone wrong red, under way blue.
    pub const fn tone(self) -> Tone {
        match self {
            State::Concluded | State::Implemented => Tone::Success,
            State::Unsatisfied | State::Rehandling | State::Returned => Tone::Danger,
            State::Replied | State::Following => Tone::Warning,
            State::Handling | State::Filed => Tone::Primary,
            State::Reviewing | State::Rejected | State::Merged | State::Withdrawn => Tone::Info,
        }
    }
}

// the states as stored, for SQL and comparisons
pub const REVIEWING: &str = State::Reviewing.label();
pub const RETURNED: &str = State::Returned.label();
pub const REJECTED: &str = State::Rejected.label();
pub const MERGED: &str = State::Merged.label();
pub const WITHDRAWN: &str = State::Withdrawn.label();
pub const FILED: &str = State::Filed.label();
pub const HANDLING: &str = State::Handling.label();
pub const REPLIED: &str = State::Replied.label();
pub const UNSATISFIED: &str = State::Unsatisfied.label();
pub const REHANDLING: &str = State::Rehandling.label();
pub const CONCLUDED: &str = State::Concluded.label();
pub const FOLLOWING: &str = State::Following.label();
pub const IMPLEMENTED: &str = State::Implemented.label();
pub const STATES: &[&str] = &State::labels();

/// A state for the window: its label, tone, and whether the text may still be edited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StateInfo {
    pub value: String,
    pub tone: Tone,
    pub editable: bool,
}

pub fn state_infos() -> Vec<StateInfo> {
    State::ALL.iter().map(|s| StateInfo { value: s.label().into(), tone: s.tone(), editable: s.editable() }).collect()
}

/// The answer of a deputy who did not say (征询意见 only; a ballot has the three of [`Vote`]).
pub const NO_OPINION: &str = "未表态";
pub const RATINGS: &[&str] = &[Vote::Satisfied.label(), Vote::Basic.label(), Vote::Unsatisfied.label(), NO_OPINION];

/// Every rating with its tone (未表态 grey).
pub fn rating_infos() -> Vec<Tagged> {
    let mut v: Vec<Tagged> = Vote::ALL.iter().map(|x| Tagged::new(x.label(), x.tone())).collect();
    v.push(Tagged::new(NO_OPINION, Tone::Info));
    v
}
pub const ADOPTIONS: &[&str] = &["采纳", "部分采纳", "近期不能落实", "未采纳"];
pub const CONTACT_STAGES: &[&str] = &["办前沟通", "办中联系", "办后反馈"];
pub const CONTACT_FORMS: &[&str] = &["座谈", "上门", "电话", "视察", "书面", "其他"];
/// The contact forms that count as meeting face to face (见面率).
pub const FACE_TO_FACE: &[&str] = &["座谈", "上门"];
/// 大会期间: a suggestion made at a session of the congress, filed under its 会次.
pub const AT_SESSION: &str = "大会";
/// 闭会期间: a suggestion made between the congress's sessions, filed under its 届次.
pub const RECESS: &str = "闭会";
pub const PERIODS: &[&str] = &[AT_SESSION, RECESS];

/// The two periods by role, for the window's forms: a suggestion of `session` chooses a 会次, one
/// of `recess` a 届次.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PeriodNames {
    pub session: String,
    pub recess: String,
}

pub fn period_names() -> PeriodNames {
    PeriodNames { session: AT_SESSION.into(), recess: RECESS.into() }
}

/// Every action a suggestion may undergo, with its Chinese name.
pub const ACTIONS: &[(&str, &str)] = &[
    ("review_pass", "审查通过"),
    ("review_return", "退回修改"),
    ("resubmit", "修改后重新提交"),
    ("reject", "不予立案"),
    ("merge", "并案"),
    ("withdraw", "撤回"),
    ("assign", "交办"),
    ("return_request", "承办单位申请退回"),
    ("contact", "沟通联系"),
    ("urge", "催办"),
    ("extend", "延期"),
    ("reply", "答复"),
    ("rate", "征询意见（满意度）"),
    ("rehandle", "重办"),
    ("followup", "回头看 / 二次验收"),
    ("complete", "落实完毕"),
];

pub fn action_label(a: &str) -> &'static str {
    ACTIONS.iter().find(|(k, _)| *k == a).map(|(_, l)| *l).unwrap_or("操作")
}

/// The state machine in one place: the actions a state allows.
pub fn allowed_actions(state: &str) -> &'static [&'static str] {
    match state {
        REVIEWING => &["review_pass", "review_return", "reject", "merge", "withdraw"],
        RETURNED => &["resubmit", "withdraw"],
        FILED => &["assign", "merge", "withdraw"],
        HANDLING => &["contact", "urge", "extend", "return_request", "reply"],
        REHANDLING => &["contact", "urge", "extend", "reply"],
        REPLIED => &["contact", "rate"],
        UNSATISFIED => &["contact", "rehandle"],
        FOLLOWING => &["followup", "complete"],
        _ => &[],
    }
}

/// B/C answers (promises not yet kept) go to 跟踪落实: every class between the first (solved)
/// and the last (留作参考) of the list.
pub fn needs_followup(settings: &SuggestionSettings, class: Option<&str>) -> bool {
    let n = settings.classes.len();
    match class.and_then(|c| settings.classes.iter().position(|x| x.value == c)) {
        Some(i) => i > 0 && i + 1 < n,
        None => false,
    }
}

/// How a 征询 that leaves the suggestion 跟踪落实 ends its line in the timeline: it names that state
/// only, since the suggestion is not 办结 until its promises are kept (落实完毕).
pub fn following_tail(class: &str) -> String {
    format!("，{class}类答复转入跟踪落实")
}

/// A stored 征询 line written before `following_tail` said 「办结；」 ahead of 跟踪落实; the timeline
/// reads it without that word so no line claims a state the suggestion did not take.
pub fn shown_summary(kind: &str, state_after: &str, summary: String) -> String {
    if kind == "rate" && state_after == FOLLOWING {
        summary.replacen("，办结；", "，", 1)
    } else {
        summary
    }
}

/// The state rule of 征询 (DOMAIN.md §1.1): 不满意 → 不满意 (to be re-handled); else 办结, or 跟踪落实
/// when the reply's class holds promises not yet kept.
pub fn state_after_rating(settings: &SuggestionSettings, reply_class: Option<&str>, result: &str) -> &'static str {
    if result == Vote::Unsatisfied.label() {
        UNSATISFIED
    } else if needs_followup(settings, reply_class) {
        FOLLOWING
    } else {
        CONCLUDED
    }
}

/// Refuses an action the state does not allow, naming the state and what is possible.
pub fn check_allowed(state: &str, action: &str) -> Result<()> {
    if allowed_actions(state).contains(&action) {
        return Ok(());
    }
    let possible: Vec<&str> = allowed_actions(state).iter().map(|a| action_label(a)).collect();
    Err(Error::NotAllowed(format!(
        "这件建议当前状态为「{state}」，不能进行「{}」。{}",
        action_label(action),
        if possible.is_empty() {
            "该状态下已没有后续操作。".to_string()
        } else {
            format!("当前可以：{}。", possible.join("、"))
        }
    )))
}

/// DOMAIN.md §1.2: every rule that varies between provinces is a setting, with these defaults.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SuggestionSettings {
    pub review_levels: Vec<String>,
    pub reply_months: u32,
    pub wide_reply_months: u32,
    pub recess_assign_workdays: u32,
    pub return_workdays: u32,
    pub co_opinion_months: u32,
    pub rehandle_months: u32,
    /// 答复类别: code and meaning; the first class counts as 解决 (解决率).
    pub classes: Vec<Choice>,
    pub categories: Vec<String>,
    pub warn_days: i64,
    /// A reply not yet rated after this many working days is a reminder.
    pub rating_wait_workdays: u32,
    /// 立案 number as shown: `{n}` is the number.
    pub number_format: String,
}

impl Default for SuggestionSettings {
    fn default() -> Self {
        let c = |v: &str, l: &str| Choice { value: v.into(), label: l.into() };
        SuggestionSettings {
            review_levels: vec!["乡镇人大审查".into(), "代表工委审查".into(), "常委会审定".into()],
            reply_months: 3,
            wide_reply_months: 6,
            recess_assign_workdays: 5,
            return_workdays: 7,
            co_opinion_months: 1,
            rehandle_months: 1,
            classes: vec![
                c("A", "已解决或基本解决"),
                c("B", "正在解决或已列入计划逐步解决"),
                c("C", "因条件限制需以后解决"),
                c("D", "留作参考"),
            ],
            categories: ["财政经济", "农业农村", "城建环资", "教科文卫", "社会建设", "内务司法", "其他"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            warn_days: 7,
            rating_wait_workdays: 20,
            number_format: "第{n}号".into(),
        }
    }
}

impl SuggestionSettings {
    /// The defaults an office of this level starts with (DOMAIN.md §0): a township's suggestions are
    /// reviewed and numbered by its 主席团; a county's go through the three levels of DOMAIN.md §1.2.
    pub fn for_level(office_level: &str) -> SuggestionSettings {
        match office_level {
            "乡镇" => {
                SuggestionSettings { review_levels: vec!["乡镇人大主席团审查".into()], ..Default::default() }
            }
            "市" => SuggestionSettings {
                review_levels: vec!["代表工委审查".into(), "常委会审定".into()],
                ..Default::default()
            },
            _ => SuggestionSettings::default(),
        }
    }

    /// Every problem at once, each named by its field, so the 设置 form marks them all.
    pub fn validate(&self) -> Result<()> {
        let mut errs = Vec::new();
        let mut e = |field: &str, message: &str| {
            errs.push(crate::error::FieldError { field: field.into(), message: message.into() })
        };
        if self.review_levels.is_empty() || self.review_levels.iter().any(|l| l.trim().is_empty()) {
            e("review_levels", "审查层级至少一级，名称不能为空");
        }
        let mut codes: Vec<String> = self.classes.iter().map(|c| c.value.trim().to_uppercase()).collect();
        codes.sort();
        codes.dedup();
        if self.classes.is_empty()
            || self.classes.iter().any(|c| c.value.trim().is_empty() || c.label.trim().is_empty())
        {
            e("classes", "答复类别至少一类，代码和含义都不能为空");
        } else if codes.len() < self.classes.len() {
            e("classes", "答复类别的代码不能重复");
        }
        if self.categories.is_empty() || self.categories.iter().any(|c| c.trim().is_empty()) {
            e("categories", "建议分类至少一类，名称不能为空");
        }
        if !(1..=24).contains(&self.reply_months) {
            e("reply_months", "答复期限应在1到24个月之间");
        }
        if !(1..=24).contains(&self.wide_reply_months) || self.wide_reply_months < self.reply_months {
            e("wide_reply_months", "涉及面广、处理难度大的答复期限应在1到24个月之间，且不短于一般期限");
        }
        if !(1..=12).contains(&self.rehandle_months) {
            e("rehandle_months", "重办期限应在1到12个月之间");
        }
        if !(1..=12).contains(&self.co_opinion_months) {
            e("co_opinion_months", "协办意见期限应在1到12个月之间");
        }
        for (field, v, label) in [
            ("recess_assign_workdays", self.recess_assign_workdays, "闭会期间建议交办时限"),
            ("return_workdays", self.return_workdays, "申请退回时限"),
            ("rating_wait_workdays", self.rating_wait_workdays, "答复后等待评价的提醒时限"),
        ] {
            if !(1..=60).contains(&v) {
                e(field, &format!("{label}应在1到60个工作日之间"));
            }
        }
        if !(0..=60).contains(&self.warn_days) {
            e("warn_days", "到期前提醒天数应在0到60天之间");
        }
        if !self.number_format.contains("{n}") {
            e("number_format", "编号格式中须含 {n}（代表编号数字），如 第{n}号");
        }
        if errs.is_empty() {
            Ok(())
        } else {
            Err(Error::fields(errs))
        }
    }

    /// 「闭会期间」 for a recess's suggestion, else its session's name without the term's
    /// (「…人民代表大会第五次会议」 → 「第五次会议」).
    pub fn session_label(period: &str, session_name: &str) -> String {
        if period == "闭会" {
            return "闭会期间".into();
        }
        match session_name.rsplit_once("人民代表大会") {
            Some((_, s)) if !s.is_empty() => s.to_string(),
            _ => session_name.to_string(),
        }
    }

    pub fn format_number(&self, n: i64) -> String {
        self.number_format.replace("{n}", &n.to_string())
    }

    /// `A` / `A类` / `已解决或基本解决` / `已解决` → `A`.
    pub fn class_code(&self, s: &str) -> Option<String> {
        let t = crate::text::to_half_width(s).trim().trim_end_matches('类').to_uppercase();
        self.classes
            .iter()
            .find(|c| {
                c.value.to_uppercase() == t
                    || c.label == s.trim()
                    || (s.trim().chars().count() >= 2 && c.label.starts_with(s.trim()))
            })
            .map(|c| c.value.clone())
    }

    /// The class list as an error message offers it: `A 已解决或基本解决；B …`.
    pub fn class_list_text(&self) -> String {
        self.classes.iter().map(|c| format!("{} {}", c.value, c.label)).collect::<Vec<_>>().join("；")
    }
}

// ------------------------------------------------------------------ records

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SuggestionRow {
    pub id: i64,
    pub uuid: String,
    pub number: Option<i64>,
    pub number_text: String,
    pub session_id: Option<i64>,
    pub session_name: String,
    /// What tells its number apart from the same number elsewhere: 「闭会期间」 or the session
    /// (「第五次会议」).
    pub session_label: String,
    pub period: String,
    pub title: String,
    pub category: Option<String>,
    pub lead_deputy_id: i64,
    pub lead_deputy: String,
    pub cosigners: Vec<String>,
    pub delegation: Option<String>,
    pub state: String,
    pub main_unit: Option<String>,
    pub co_units: Vec<String>,
    pub assigned_date: Option<String>,
    pub due_date: Option<String>,
    pub key_item: bool,
    pub supervisor: Option<String>,
    pub round: i64,
    pub reply_date: Option<String>,
    pub reply_class: Option<String>,
    pub latest_work: Option<String>,
    pub latest_result: Option<String>,
    pub adoption: Option<String>,
    pub rehandled: bool,
    /// Days until the due date (negative: overdue), while a reply is awaited.
    pub days_left: Option<i64>,
    pub received_date: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SuggestionEvent {
    pub id: i64,
    pub at: String,
    pub date: Option<String>,
    pub kind: String,
    pub kind_label: String,
    pub state_before: Option<String>,
    pub state_after: String,
    pub round: i64,
    pub summary: String,
    #[ts(type = "unknown")]
    pub data: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Reply {
    pub id: i64,
    pub round: i64,
    pub reply_date: String,
    pub doc_no: Option<String>,
    pub signer: Option<String>,
    pub class: String,
    pub done_items: Option<String>,
    pub planned_items: Option<String>,
    pub planned_deadline: Option<String>,
    pub not_adopted_reason: Option<String>,
    pub text: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Rating {
    pub id: i64,
    pub round: i64,
    pub rated_date: String,
    pub work_rating: String,
    pub result_rating: String,
    pub adoption: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Contact {
    pub id: i64,
    pub date: String,
    pub stage: String,
    pub form: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ActionChoice {
    pub action: String,
    pub label: String,
}

/// One suggestion with its whole history.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Suggestion {
    pub row: SuggestionRow,
    pub body: Option<String>,
    pub term_id: Option<i64>,
    pub review_level: i64,
    /// The review level now due (e.g. 代表工委审查), while in review.
    pub review_level_name: Option<String>,
    pub merged_into: Option<i64>,
    pub wide_ranging: bool,
    pub main_unit_id: Option<i64>,
    pub co_unit_ids: Vec<i64>,
    pub cosigner_ids: Vec<i64>,
    pub events: Vec<SuggestionEvent>,
    pub replies: Vec<Reply>,
    pub ratings: Vec<Rating>,
    pub contacts: Vec<Contact>,
    /// Only what the current state allows.
    pub actions: Vec<ActionChoice>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SuggestionInput {
    /// 大会 / 闭会
    pub period: String,
    /// The session (大会期间); for 闭会期间 the term is enough.
    pub session_id: Option<i64>,
    pub term_id: Option<i64>,
    pub title: String,
    pub body: Option<String>,
    pub category: Option<String>,
    pub lead_deputy_id: i64,
    pub cosigner_ids: Vec<i64>,
    pub received_date: String,
}

/// The suggestions one deputy put forward as 领衔代表 in a period (履职积分 counts them).
#[derive(Debug, Clone, PartialEq)]
pub struct LedCount {
    pub deputy_id: i64,
    pub count: i64,
    /// Of them, 重点督办.
    pub key_items: i64,
}

/// Suggestions that count as put forward: a refused, withdrawn or merged one does not.
pub const NOT_PUT_FORWARD: &[&str] = &[REJECTED, WITHDRAWN, MERGED];

/// One lifecycle step of one suggestion: which one, the day it happened (default today), and the
/// step with the fields it needs. On the wire: `{ id, date?, action, …fields of the action }`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StepRequest {
    pub id: i64,
    #[ts(optional)]
    #[serde(default)]
    pub date: Option<String>,
    #[serde(flatten)]
    pub step: Step,
}

/// A lifecycle step, by its `action`. Required fields are plain values; their emptiness is still
/// checked by the engine, which says what is missing beside the field.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Step {
    /// `number`: at the last review level, a freed 立案 number to give it (`suggestion_free_numbers`);
    /// none = the next one.
    ReviewPass {
        #[ts(optional)]
        #[serde(default)]
        note: Option<String>,
        #[ts(optional)]
        #[serde(default)]
        number: Option<i64>,
    },
    /// `note`: the reason (required).
    ReviewReturn {
        note: String,
    },
    Resubmit {
        #[ts(optional)]
        #[serde(default)]
        note: Option<String>,
    },
    /// `note`: the reason (required).
    Reject {
        note: String,
    },
    Merge {
        target_id: i64,
        #[ts(optional)]
        #[serde(default)]
        note: Option<String>,
    },
    Withdraw {
        #[ts(optional)]
        #[serde(default)]
        note: Option<String>,
    },
    Assign(Assignment),
    /// `note`: the unit's reason (required).
    ReturnRequest {
        note: String,
    },
    Contact {
        /// 办前沟通 · 办中联系 (default) · 办后反馈
        #[ts(optional)]
        #[serde(default)]
        stage: Option<String>,
        form: String,
        #[ts(optional)]
        #[serde(default)]
        note: Option<String>,
    },
    Urge {
        #[ts(optional)]
        #[serde(default)]
        note: Option<String>,
    },
    /// `note`: the reason (required).
    Extend {
        new_due_date: String,
        note: String,
    },
    Reply(ReplyInput),
    Rate(RatingInput),
    Rehandle {
        /// A due date set by hand (else computed by the rule).
        #[ts(optional)]
        #[serde(default)]
        due_date: Option<String>,
        #[ts(optional)]
        #[serde(default)]
        note: Option<String>,
    },
    /// `kind`: 回头看 (default) or 二次验收; `note`: the finding (required).
    Followup {
        #[ts(optional)]
        #[serde(default)]
        kind: Option<String>,
        note: String,
    },
    Complete {
        #[ts(optional)]
        #[serde(default)]
        note: Option<String>,
    },
}

impl Step {
    /// The action's key, as `ACTIONS` and the history name it.
    pub fn action(&self) -> &'static str {
        match self {
            Step::ReviewPass { .. } => "review_pass",
            Step::ReviewReturn { .. } => "review_return",
            Step::Resubmit { .. } => "resubmit",
            Step::Reject { .. } => "reject",
            Step::Merge { .. } => "merge",
            Step::Withdraw { .. } => "withdraw",
            Step::Assign(_) => "assign",
            Step::ReturnRequest { .. } => "return_request",
            Step::Contact { .. } => "contact",
            Step::Urge { .. } => "urge",
            Step::Extend { .. } => "extend",
            Step::Reply(_) => "reply",
            Step::Rate(_) => "rate",
            Step::Rehandle { .. } => "rehandle",
            Step::Followup { .. } => "followup",
            Step::Complete { .. } => "complete",
        }
    }
}

/// 交办: the units, the due date (else computed by the rule) and 重点督办.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct Assignment {
    pub main_unit_id: i64,
    #[serde(default)]
    pub co_unit_ids: Vec<i64>,
    /// 涉及面广、处理难度大: the longer reply deadline.
    #[serde(default)]
    pub wide_ranging: bool,
    #[serde(default)]
    pub key_item: bool,
    /// 督办领导, required for a 重点 item.
    #[ts(optional)]
    #[serde(default)]
    pub supervisor: Option<String>,
    /// A due date set by hand (else computed by the rule).
    #[ts(optional)]
    #[serde(default)]
    pub due_date: Option<String>,
}

/// 答复: the class (a code or label of the settings' list) and what the reply letter says.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct ReplyInput {
    pub class: String,
    #[ts(optional)]
    #[serde(default)]
    pub doc_no: Option<String>,
    #[ts(optional)]
    #[serde(default)]
    pub signer: Option<String>,
    #[ts(optional)]
    #[serde(default)]
    pub done_items: Option<String>,
    #[ts(optional)]
    #[serde(default)]
    pub planned_items: Option<String>,
    #[ts(optional)]
    #[serde(default)]
    pub planned_deadline: Option<String>,
    #[ts(optional)]
    #[serde(default)]
    pub not_adopted_reason: Option<String>,
    #[ts(optional)]
    #[serde(default)]
    pub text: Option<String>,
}

/// 征询: the lead deputy's two ratings (满意 · 基本满意 · 不满意 · 未表态) and 采纳情况.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct RatingInput {
    pub work_rating: String,
    pub result_rating: String,
    #[ts(optional)]
    #[serde(default)]
    pub adoption: Option<String>,
    #[ts(optional)]
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SuggestionQuery {
    /// Words of 案由 and text (2 characters and more are found through the pair index).
    #[ts(optional)]
    pub q: Option<String>,
    #[ts(optional)]
    pub session_id: Option<i64>,
    #[ts(optional)]
    pub period: Option<String>,
    #[ts(optional)]
    pub state: Option<String>,
    #[ts(optional)]
    pub unit_id: Option<i64>,
    #[ts(optional)]
    pub category: Option<String>,
    #[ts(optional)]
    pub key_item: Option<bool>,
    /// overdue · soon
    #[ts(optional)]
    pub due: Option<String>,
    #[ts(optional)]
    pub deputy_id: Option<i64>,
    /// Only the suggestions this deputy leads (领衔).
    #[ts(optional)]
    pub lead_deputy_id: Option<i64>,
    #[ts(optional)]
    pub year: Option<i64>,
    /// received on or after / on or before (a 上报 period)
    #[ts(optional)]
    pub from: Option<String>,
    #[ts(optional)]
    pub to: Option<String>,
    /// number (default) · due · received · state · unit
    #[ts(optional)]
    pub sort: Option<String>,
    #[ts(optional)]
    pub desc: Option<bool>,
    #[ts(optional)]
    pub page: Option<i64>,
    #[ts(optional)]
    pub page_size: Option<i64>,
}

/// DOMAIN.md §1.3 figures of a set of suggestions; ratios are `None` over zero items (shown `—`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Figures {
    pub assigned: i64,
    /// For a unit: the suggestions it leads (主办) — the reply figures count those.
    pub main_count: i64,
    pub co_count: i64,
    pub replied: i64,
    pub replied_on_time: i64,
    pub rated: i64,
    pub satisfied: i64,
    pub basically_satisfied: i64,
    pub unsatisfied: i64,
    pub first_rated: i64,
    pub first_satisfied: i64,
    pub rehandled: i64,
    pub face_met: i64,
    pub concluded: i64,
    /// Count per 答复类别 code, in the settings' order.
    pub by_class: Vec<ClassCount>,
    pub reply_rate: Option<f64>,
    pub on_time_rate: Option<f64>,
    pub satisfaction_rate: Option<f64>,
    pub first_satisfaction_rate: Option<f64>,
    pub solve_rate: Option<f64>,
    pub face_rate: Option<f64>,
    pub conclude_rate: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ClassCount {
    pub code: String,
    pub label: String,
    pub count: i64,
    pub share: Option<f64>,
}

pub fn ratio(n: i64, d: i64) -> Option<f64> {
    if d == 0 {
        None
    } else {
        Some(n as f64 / d as f64)
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct FigureQuery {
    #[ts(optional)]
    pub session_id: Option<i64>,
    #[ts(optional)]
    pub year: Option<i64>,
    #[ts(optional)]
    pub unit_id: Option<i64>,
    #[ts(optional)]
    pub category: Option<String>,
    #[ts(optional)]
    pub key_item: Option<bool>,
    /// assigned on or after
    #[ts(optional)]
    pub from: Option<String>,
    #[ts(optional)]
    pub to: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct UnitFigures {
    pub unit_id: i64,
    pub unit: String,
    pub figures: Figures,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CategoryCount {
    pub category: String,
    pub count: i64,
    pub share: Option<f64>,
}

/// A day that differs from the usual week: a public holiday or a 调休 workday.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CalendarDay {
    pub date: String,
    /// holiday · workday
    pub kind: String,
    pub name: String,
    /// Shipped with the app (the published arrangement) rather than entered by the user.
    pub builtin: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ReminderItem {
    pub id: i64,
    pub number_text: String,
    pub title: String,
    pub lead_deputy: String,
    pub main_unit: Option<String>,
    pub state: String,
    /// The date that matters for this reminder (due date, reply date …).
    pub date: Option<String>,
    pub days: Option<i64>,
}

/// One kind of the suggestions' reminders: its key (the field of [`Reminders`] that lists it), its
/// label and what it means, as 工作台 and `renda reminders` show them.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ReminderKind {
    pub kind: String,
    pub label: String,
    pub hint: String,
    pub tone: Tone,
    /// The ledger's filter that lists them (查看全部): a field of `SuggestionQuery` and its value.
    pub link: (String, String),
}

/// A reminder kind: key, label, hint, tone, and the ledger's filter that lists them (field, value).
pub type ReminderSpec = (&'static str, &'static str, &'static str, Tone, (&'static str, &'static str));

/// The reminder kinds in the order a secretary reads them.
pub const REMINDER_KINDS: &[ReminderSpec] = &[
    ("overdue", "已逾期", "到期未答复", Tone::Danger, ("due", "overdue")),
    ("due_soon", "即将到期", "临近答复期限", Tone::Warning, ("due", "soon")),
    ("co_opinion_due", "协办意见到期", "协办单位应向主办单位提出意见", Tone::Warning, ("state", HANDLING)),
    ("awaiting_rating", "待征询满意度", "已答复未征询", Tone::Primary, ("state", REPLIED)),
    ("unsatisfied", "不满意重办", "不满意、重办中", Tone::Danger, ("state", REHANDLING)),
    ("followup_due", "回头看到期", "跟踪落实待回头看", Tone::Warning, ("state", FOLLOWING)),
    ("recess_unassigned", "闭会期间待交办", "闭会期间建议未交办", Tone::Info, ("period", RECESS)),
];

/// DOMAIN.md §1.4: the secretary's morning.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Reminders {
    /// The kinds below, in reading order, with their labels.
    pub kinds: Vec<ReminderKind>,
    pub due_soon: Vec<ReminderItem>,
    pub overdue: Vec<ReminderItem>,
    pub awaiting_rating: Vec<ReminderItem>,
    pub unsatisfied: Vec<ReminderItem>,
    pub followup_due: Vec<ReminderItem>,
    pub recess_unassigned: Vec<ReminderItem>,
    /// 协办单位 opinions due to the 主办单位 (date: the opinion's deadline).
    pub co_opinion_due: Vec<ReminderItem>,
}

impl Reminders {
    /// The list of the reminder kind `kind` (a key of [`REMINDER_KINDS`]).
    pub fn of(&self, kind: &str) -> &[ReminderItem] {
        match kind {
            "overdue" => &self.overdue,
            "due_soon" => &self.due_soon,
            "co_opinion_due" => &self.co_opinion_due,
            "awaiting_rating" => &self.awaiting_rating,
            "unsatisfied" => &self.unsatisfied,
            "followup_due" => &self.followup_due,
            "recess_unassigned" => &self.recess_unassigned,
            _ => &[],
        }
    }
}

/// [`REMINDER_KINDS`] as the window receives them.
pub fn reminder_kinds() -> Vec<ReminderKind> {
    REMINDER_KINDS
        .iter()
        .map(|(kind, label, hint, tone, (field, value))| ReminderKind {
            kind: kind.to_string(),
            label: label.to_string(),
            hint: hint.to_string(),
            tone: *tone,
            link: (field.to_string(), value.to_string()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_steps_name_the_state_and_the_choices() {
        let e = check_allowed(REPLIED, "assign").unwrap_err();
        assert_eq!(
            e.to_string(),
            "这件建议当前状态为「已答复」，不能进行「交办」。当前可以：沟通联系、征询意见（满意度）。"
        );
        assert!(check_allowed(CONCLUDED, "reply").unwrap_err().to_string().contains("已没有后续操作"));
        for s in STATES {
            for (a, _) in ACTIONS {
                assert_eq!(check_allowed(s, a).is_ok(), allowed_actions(s).contains(a));
            }
        }
    }

    #[test]
    fn the_window_gets_each_period_once_by_its_role() {
        let p = period_names();
        assert_eq!([p.session.as_str(), p.recess.as_str()], PERIODS);
        assert_ne!(p.session, p.recess);
    }

    #[test]
    fn the_window_gets_every_state_once() {
        let infos = state_infos();
        assert_eq!(infos.len(), State::ALL.len());
        for s in State::ALL {
            assert_eq!(infos.iter().filter(|i| i.value == s.label()).count(), 1, "{}", s.label());
            assert_eq!(State::parse(s.label()), Some(s));
        }
        let editable: Vec<&str> = infos.iter().filter(|i| i.editable).map(|i| i.value.as_str()).collect();
        assert_eq!(editable, ["审查中", "退回修改", "已立案"]);
        let ratings: Vec<String> = rating_infos().into_iter().map(|t| t.value).collect();
        assert_eq!(ratings, RATINGS);
        // a reminder's 查看全部 filters the ledger by a state or a period that exists
        for (kind, _, _, _, (field, value)) in REMINDER_KINDS {
            match *field {
                "state" => assert!(State::parse(value).is_some(), "{kind}"),
                "period" => assert!(PERIODS.contains(value), "{kind}"),
                _ => assert_eq!(*field, "due", "{kind}"),
            }
        }
    }

    #[test]
    fn class_codes_in_every_written_form() {
        let s = SuggestionSettings::default();
        for w in ["A", "a", "A类", "Ａ类", "已解决或基本解决", "已解决"] {
            assert_eq!(s.class_code(w).as_deref(), Some("A"), "{w}");
        }
        assert_eq!(s.class_code("留作参考").as_deref(), Some("D"));
        assert_eq!(s.class_code("E"), None);
        assert_eq!(s.format_number(12), "第12号");
    }
}
