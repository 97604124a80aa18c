//! 审议意见办理 (DOMAIN.md §6): the records, their enumerations, the one state machine of an
//! opinion and the due-date rule, as pure functions.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::common::{keyed, KeyLabel, Tone};
use crate::error::{Error, Result};
use crate::suggestions::deadline::{add_months, Calendar};

/// 报告类别: what the 常委会 heard; it sets the 研究处理 time limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// 专项工作报告
    #[default]
    Special,
    /// 计划执行情况报告
    Plan,
    /// 预算执行情况报告
    Budget,
    /// 审计工作报告
    Audit,
    /// 执法检查报告
    LawCheck,
    Other,
}

impl ReportKind {
    pub const ALL: [ReportKind; 6] = [
        ReportKind::Special,
        ReportKind::Plan,
        ReportKind::Budget,
        ReportKind::Audit,
        ReportKind::LawCheck,
        ReportKind::Other,
    ];
    pub const fn label(self) -> &'static str {
        match self {
            ReportKind::Special => "专项工作报告",
            ReportKind::Plan => "计划",
            ReportKind::Budget => "预算",
            ReportKind::Audit => "审计",
            ReportKind::LawCheck => "执法检查",
            ReportKind::Other => "其他",
        }
    }
    /// 预算 and 审计 opinions have the short time limit (DOMAIN.md §6.3).
    pub const fn short_limit(self) -> bool {
        matches!(self, ReportKind::Budget | ReportKind::Audit)
    }
}

/// Which body met: the county's 常委会 or a township's 主席团.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    #[default]
    Standing,
    Presidium,
}

impl MeetingKind {
    pub const ALL: [MeetingKind; 2] = [MeetingKind::Standing, MeetingKind::Presidium];
    pub const fn label(self) -> &'static str {
        match self {
            MeetingKind::Standing => "常委会会议",
            MeetingKind::Presidium => "主席团会议",
        }
    }
    /// 「第十八届常委会第12次会议」
    pub fn name(self, term: &str, number: i64) -> String {
        match self {
            MeetingKind::Standing => format!("{term}常委会第{number}次会议"),
            MeetingKind::Presidium => format!("{term}主席团第{number}次会议"),
        }
    }
}

/// 问题清单's 类别.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProblemCategory {
    #[default]
    Problem,
    Advice,
}

impl ProblemCategory {
    pub const ALL: [ProblemCategory; 2] = [ProblemCategory::Problem, ProblemCategory::Advice];
    pub const fn label(self) -> &'static str {
        match self {
            ProblemCategory::Problem => "问题",
            ProblemCategory::Advice => "建议",
        }
    }
    pub fn parse(s: &str) -> Option<ProblemCategory> {
        Self::ALL.into_iter().find(|c| c.label() == s.trim())
    }
}

/// 整改状态.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FixStatus {
    #[default]
    Open,
    Doing,
    Done,
}

impl FixStatus {
    pub const ALL: [FixStatus; 3] = [FixStatus::Open, FixStatus::Doing, FixStatus::Done];
    pub const fn label(self) -> &'static str {
        match self {
            FixStatus::Open => "未整改",
            FixStatus::Doing => "整改中",
            FixStatus::Done => "已完成",
        }
    }
    pub const fn tone(self) -> Tone {
        match self {
            FixStatus::Open => Tone::Danger,
            FixStatus::Doing => Tone::Warning,
            FixStatus::Done => Tone::Success,
        }
    }
    pub fn parse(s: &str) -> Option<FixStatus> {
        let s = s.trim();
        Self::ALL.into_iter().find(|c| c.label() == s).or(match s {
            "已整改" | "完成" | "整改完成" | "已办结" => Some(FixStatus::Done),
            "正在整改" | "推进中" | "持续整改" => Some(FixStatus::Doing),
            _ => None,
        })
    }
}

/// The kinds of activity recorded on a 议题; deputies taking part earn points (DOMAIN.md §6.7).
pub const ACTIVITY_KINDS: &[&str] = &["执法检查", "视察", "调研", "跟踪检查", "回头看"];

/// An opinion's state (DOMAIN.md §6.2). One machine: [`next_state`] says which action leads where.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OpinionState {
    #[default]
    Adopted,
    Assigned,
    Handling,
    Reported,
    Satisfied,
    Unsatisfied,
    Rehandling,
    Tracking,
    Closed,
}

impl OpinionState {
    pub const ALL: [OpinionState; 9] = [
        OpinionState::Adopted,
        OpinionState::Assigned,
        OpinionState::Handling,
        OpinionState::Reported,
        OpinionState::Satisfied,
        OpinionState::Unsatisfied,
        OpinionState::Rehandling,
        OpinionState::Tracking,
        OpinionState::Closed,
    ];
    pub const fn label(self) -> &'static str {
        match self {
            OpinionState::Adopted => "已通过",
            OpinionState::Assigned => "已交办",
            OpinionState::Handling => "研究处理中",
            OpinionState::Reported => "报告已收，待测评",
            OpinionState::Satisfied => "测评满意",
            OpinionState::Unsatisfied => "测评不满意",
            OpinionState::Rehandling => "重新研究处理中",
            OpinionState::Tracking => "跟踪监督中",
            OpinionState::Closed => "已办结",
        }
    }
    pub const fn tone(self) -> Tone {
        match self {
            OpinionState::Adopted => Tone::Info,
            OpinionState::Assigned | OpinionState::Handling | OpinionState::Rehandling => Tone::Primary,
            OpinionState::Reported => Tone::Warning,
            OpinionState::Satisfied | OpinionState::Tracking => Tone::Success,
            OpinionState::Unsatisfied => Tone::Danger,
            OpinionState::Closed => Tone::Info,
        }
    }
    /// Waiting for the reporting body: its time limit runs.
    pub const fn waits_for_report(self) -> bool {
        matches!(self, OpinionState::Assigned | OpinionState::Handling | OpinionState::Rehandling)
    }
}

/// The steps of an opinion, each a transition of the machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OpinionAction {
    /// 交办 (主任会议 / 主席团)
    Assign,
    /// 报告机关开始研究处理
    Start,
    /// 延期, with 批准人 and the new date
    Extend,
    /// 处理情况报告收到
    Report,
    /// 满意度测评 (the outcome decides the next state)
    Rate,
    /// 不满意: 重新研究处理, a new round
    Redo,
    /// 跟踪监督 / 回头看
    Follow,
    /// 办结
    Close,
}

impl OpinionAction {
    pub const ALL: [OpinionAction; 8] = [
        OpinionAction::Assign,
        OpinionAction::Start,
        OpinionAction::Extend,
        OpinionAction::Report,
        OpinionAction::Rate,
        OpinionAction::Redo,
        OpinionAction::Follow,
        OpinionAction::Close,
    ];
    pub const fn label(self) -> &'static str {
        match self {
            OpinionAction::Assign => "交办",
            OpinionAction::Start => "开始研究处理",
            OpinionAction::Extend => "延期",
            OpinionAction::Report => "收到处理情况报告",
            OpinionAction::Rate => "满意度测评",
            OpinionAction::Redo => "重新研究处理",
            OpinionAction::Follow => "跟踪监督",
            OpinionAction::Close => "办结",
        }
    }
}

/// The state an action leads to from `s`, or `None` when the action is not allowed there.
/// `passed` is the rating's outcome (only read by `Rate`).
pub fn next_state(s: OpinionState, a: OpinionAction, passed: bool) -> Option<OpinionState> {
    use OpinionAction as A;
    use OpinionState as S;
    match (s, a) {
        (S::Adopted, A::Assign) => Some(S::Assigned),
        (S::Assigned, A::Start) => Some(S::Handling),
        (S::Assigned | S::Handling, A::Extend) => Some(S::Handling),
        (S::Rehandling, A::Extend) => Some(S::Rehandling),
        (S::Assigned | S::Handling | S::Rehandling, A::Report) => Some(S::Reported),
        (S::Reported, A::Rate) => Some(if passed { S::Satisfied } else { S::Unsatisfied }),
        (S::Unsatisfied, A::Redo) => Some(S::Rehandling),
        (S::Satisfied | S::Tracking, A::Follow) => Some(S::Tracking),
        (S::Satisfied | S::Tracking, A::Close) => Some(S::Closed),
        _ => None,
    }
}

/// The actions allowed in a state, in the order the window offers them.
pub fn allowed(s: OpinionState) -> Vec<OpinionAction> {
    OpinionAction::ALL.into_iter().filter(|a| next_state(s, *a, true).is_some()).collect()
}

/// Refuses an action the state does not allow, saying what can be done instead.
pub fn check_action(s: OpinionState, a: OpinionAction) -> Result<()> {
    if next_state(s, a, true).is_some() {
        return Ok(());
    }
    let can: Vec<&str> = allowed(s).into_iter().map(OpinionAction::label).collect();
    let then = if can.is_empty() {
        "已没有后续操作".to_string()
    } else {
        format!("现在可以：{}", can.join("、"))
    };
    Err(Error::Conflict(format!("审议意见「{}」时不能「{}」；{then}", s.label(), a.label())))
}

/// After this many 不满意 rounds the body must 作出检查 (DOMAIN.md §6.2).
pub const UNSATISFIED_WARNING_ROUNDS: i64 = 2;
pub const UNSATISFIED_WARNING: &str = "已两次测评不满意，应要求报告机关作出检查";

/// The time limit settings (DOMAIN.md §6.3), and how 满意率 is rounded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct OversightSettings {
    /// 研究处理时限, months from 交办
    pub months: u32,
    /// 预算 / 审计 opinions
    pub months_short: u32,
    /// 满意率 and the other rates: 1 or 2 decimals (percent)
    pub decimals: u32,
    /// 工作台 warns this many days before a time limit
    pub soon_days: i64,
}

impl Default for OversightSettings {
    fn default() -> Self {
        OversightSettings { months: 3, months_short: 2, decimals: 1, soon_days: 15 }
    }
}

impl OversightSettings {
    pub fn months_for(&self, kind: ReportKind) -> u32 {
        if kind.short_limit() {
            self.months_short
        } else {
            self.months
        }
    }
}

/// The time limit: `months` after 交办; a limit on a rest day moves to the next working day of the
/// office's calendar (DOMAIN.md §6.3).
pub fn due_date(assigned: NaiveDate, months: u32, cal: &Calendar) -> NaiveDate {
    let mut d = add_months(assigned, months);
    // a year of rest days in a row cannot happen; the bound keeps a broken calendar from looping
    for _ in 0..366 {
        if cal.is_workday(d) {
            break;
        }
        d = d.succ_opt().unwrap_or(d);
    }
    d
}

/// A rate in percent rounded to `decimals` places; `None` when nothing was counted.
pub fn percent(part: i64, whole: i64, decimals: u32) -> Option<f64> {
    if whole <= 0 {
        return None;
    }
    let f = 10f64.powi(decimals.min(4) as i32);
    Some((part as f64 * 100.0 / whole as f64 * f).round() / f)
}

// ------------------------------------------------------------------ records

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TopicInput {
    pub year: i64,
    pub title: String,
    /// 报告机关
    pub body: String,
    pub report_kind: ReportKind,
    #[ts(optional)]
    pub planned: Option<String>,
    #[ts(optional)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Topic {
    pub id: i64,
    pub year: i64,
    pub title: String,
    pub body: String,
    pub report_kind: ReportKind,
    pub planned: Option<String>,
    pub note: Option<String>,
    /// the opinions adopted on it
    pub opinions: i64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct MeetingInput {
    pub kind: MeetingKind,
    /// 届次, e.g. 第十八届
    pub term: String,
    pub number: i64,
    pub date: String,
    /// deputies attending as 列席
    pub deputy_ids: Vec<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Meeting {
    pub id: i64,
    pub kind: MeetingKind,
    pub term: String,
    pub number: i64,
    pub date: String,
    /// 「第十八届常委会第12次会议」
    pub name: String,
    pub deputies: Vec<NamedId>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct NamedId {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct OpinionInput {
    pub topic_id: i64,
    pub meeting_id: i64,
    /// 文号
    pub doc_no: String,
    /// 通过日期; the meeting's date when left out
    #[ts(optional)]
    pub adopted_date: Option<String>,
    /// 总体评价
    #[ts(optional)]
    pub assessment: Option<String>,
    /// 突出问题
    #[ts(optional)]
    pub issues: Option<String>,
    /// 改进意见
    #[ts(optional)]
    pub advice: Option<String>,
    #[ts(optional)]
    pub published_date: Option<String>,
}

/// One step of an opinion: `action` with the fields it needs (DOMAIN.md §6.2).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct OpinionStep {
    pub opinion_id: i64,
    pub action: OpinionAction,
    /// the day it happened (交办日期, 收到日期, 批准日期, …); today when left out
    #[ts(optional)]
    pub date: Option<String>,
    /// 延期: the new time limit
    #[ts(optional)]
    pub new_due: Option<String>,
    /// 延期: 批准人
    #[ts(optional)]
    pub approver: Option<String>,
    /// 报告: 文号
    #[ts(optional)]
    pub report_no: Option<String>,
    /// 报告: 专委意见
    #[ts(optional)]
    pub committee_view: Option<String>,
    /// 报告: 提请常委会审议
    #[ts(optional)]
    pub submitted: Option<bool>,
    /// a note for the history (跟踪 / 回头看 findings, the reason of a 延期, …)
    #[ts(optional)]
    pub note: Option<String>,
}

/// A round of 研究处理 and its report and rating.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Round {
    pub round: i64,
    pub assigned_date: String,
    pub due_date: String,
    pub first_due: String,
    pub report_date: Option<String>,
    pub report_no: Option<String>,
    pub committee_view: Option<String>,
    pub submitted: bool,
    pub evaluation_id: Option<i64>,
    pub rated_date: Option<String>,
    pub grade: Option<String>,
    /// 满意票 / 有效票
    pub satisfied_rate: Option<f64>,
    pub passed: Option<bool>,
    /// reported by its (first) time limit
    pub on_time: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct OpinionEvent {
    pub round: Option<i64>,
    pub date: String,
    pub action: String,
    pub action_label: String,
    pub state_after: OpinionState,
    pub text: String,
    pub approver: Option<String>,
    pub old_due: Option<String>,
    pub new_due: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ProblemItemInput {
    pub opinion_id: i64,
    /// 问题
    pub text: String,
    pub category: ProblemCategory,
    /// 牵头整改单位
    #[ts(optional)]
    pub unit: Option<String>,
}

/// A 推进情况 entry; `status` is the 整改状态 after it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct FixProgressInput {
    pub problem_id: i64,
    pub date: String,
    pub text: String,
    pub status: FixStatus,
}

/// 人大复核评价 of a problem.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ReviewInput {
    pub problem_id: i64,
    pub review: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct FixProgressEntry {
    pub date: String,
    pub text: String,
    pub status: FixStatus,
    pub source: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ProblemItem {
    pub id: i64,
    pub opinion_id: i64,
    pub doc_no: String,
    pub position: i64,
    pub text: String,
    pub category: ProblemCategory,
    pub unit: Option<String>,
    pub status: FixStatus,
    pub done_date: Option<String>,
    pub review: Option<String>,
    pub progress: Vec<FixProgressEntry>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ActivityInput {
    pub topic_id: i64,
    #[ts(optional)]
    pub opinion_id: Option<i64>,
    pub date: String,
    /// one of `ACTIVITY_KINDS`
    pub kind: String,
    pub deputy_ids: Vec<i64>,
    #[ts(optional)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Activity {
    pub id: i64,
    pub date: String,
    pub kind: String,
    pub note: Option<String>,
    pub deputies: Vec<NamedId>,
}

/// A row of the opinions list (and of the 交办清单).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct OpinionRow {
    pub id: i64,
    pub year: i64,
    pub meeting: String,
    pub topic: String,
    pub body: String,
    pub report_kind: ReportKind,
    pub doc_no: String,
    pub adopted_date: String,
    pub assigned_date: Option<String>,
    pub due_date: Option<String>,
    pub state: OpinionState,
    pub round: i64,
    pub unsatisfied_rounds: i64,
    pub problems: i64,
    pub problems_done: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Opinion {
    pub row: OpinionRow,
    pub topic_id: i64,
    pub meeting_id: i64,
    pub assessment: Option<String>,
    pub issues: Option<String>,
    pub advice: Option<String>,
    pub published_date: Option<String>,
    pub closed_date: Option<String>,
    pub rounds: Vec<Round>,
    pub history: Vec<OpinionEvent>,
    pub problems: Vec<ProblemItem>,
    pub activities: Vec<Activity>,
    pub actions: Vec<OpinionAction>,
    /// 「已两次测评不满意……」 when it applies
    pub warning: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct OpinionQuery {
    #[ts(optional)]
    pub year: Option<i64>,
    #[ts(optional)]
    pub state: Option<OpinionState>,
    #[ts(optional)]
    pub q: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct OversightYear {
    #[ts(optional)]
    pub year: Option<i64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PublishArgs {
    pub id: i64,
    #[ts(optional)]
    pub date: Option<String>,
}

/// A reminder on 工作台 (DOMAIN.md §6.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OversightReminderKind {
    Overdue,
    DueSoon,
    AwaitingRating,
    Unsatisfied,
}

impl OversightReminderKind {
    pub const ALL: [OversightReminderKind; 4] = [
        OversightReminderKind::Overdue,
        OversightReminderKind::DueSoon,
        OversightReminderKind::AwaitingRating,
        OversightReminderKind::Unsatisfied,
    ];
    pub const fn label(self) -> &'static str {
        match self {
            OversightReminderKind::Overdue => "已超过办理时限",
            OversightReminderKind::DueSoon => "办理时限将到",
            OversightReminderKind::AwaitingRating => "报告已收，待测评",
            OversightReminderKind::Unsatisfied => "两次测评不满意",
        }
    }
    pub const fn tone(self) -> Tone {
        match self {
            OversightReminderKind::Overdue | OversightReminderKind::Unsatisfied => Tone::Danger,
            OversightReminderKind::DueSoon | OversightReminderKind::AwaitingRating => Tone::Warning,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OversightReminder {
    pub kind: OversightReminderKind,
    pub tone: Tone,
    pub opinion_id: i64,
    pub doc_no: String,
    pub topic: String,
    pub text: String,
}

/// Counts of each kind and the first few lines (工作台 shows these, not every row).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct OversightReminders {
    pub overdue: i64,
    pub due_soon: i64,
    pub awaiting_rating: i64,
    pub unsatisfied: i64,
    pub first: Vec<OversightReminder>,
}

/// Every list of the area, for the window (`oversight_meta`).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct OversightMeta {
    pub report_kinds: Vec<KeyLabel>,
    pub meeting_kinds: Vec<KeyLabel>,
    pub categories: Vec<KeyLabel>,
    pub fix_statuses: Vec<KeyLabel>,
    pub states: Vec<KeyLabel>,
    pub actions: Vec<KeyLabel>,
    pub activity_kinds: Vec<String>,
    pub reminder_kinds: Vec<KeyLabel>,
}

impl OversightMeta {
    pub fn new() -> OversightMeta {
        OversightMeta {
            report_kinds: keyed(&ReportKind::ALL, ReportKind::label, None),
            meeting_kinds: keyed(&MeetingKind::ALL, MeetingKind::label, None),
            categories: keyed(&ProblemCategory::ALL, ProblemCategory::label, None),
            fix_statuses: keyed(&FixStatus::ALL, FixStatus::label, Some(FixStatus::tone)),
            states: keyed(&OpinionState::ALL, OpinionState::label, Some(OpinionState::tone)),
            actions: keyed(&OpinionAction::ALL, OpinionAction::label, None),
            activity_kinds: ACTIVITY_KINDS.iter().map(|s| s.to_string()).collect(),
            reminder_kinds: keyed(
                &OversightReminderKind::ALL,
                OversightReminderKind::label,
                Some(OversightReminderKind::tone),
            ),
        }
    }
}

impl Default for OversightMeta {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn every_state_has_a_way_on_but_closed() {
        for s in OpinionState::ALL {
            assert_eq!(allowed(s).is_empty(), s == OpinionState::Closed, "{s:?}");
        }
        assert_eq!(next_state(OpinionState::Reported, OpinionAction::Rate, false), Some(OpinionState::Unsatisfied));
        assert!(check_action(OpinionState::Adopted, OpinionAction::Report).unwrap_err().to_string().contains("交办"));
    }

    #[test]
    fn a_limit_on_a_weekend_moves_to_monday() {
        // 2026-05-09 is a Saturday; weekends are rest days on an empty calendar
        let cal = Calendar::default();
        assert_eq!(due_date(d("2026-02-09"), 3, &cal), d("2026-05-11"));
        assert_eq!(due_date(d("2026-02-10"), 3, &cal), d("2026-05-11"));
        assert_eq!(due_date(d("2026-02-11"), 3, &cal), d("2026-05-11"));
    }

    #[test]
    fn rates_round_to_the_setting() {
        assert_eq!(percent(2, 3, 1), Some(66.7));
        assert_eq!(percent(2, 3, 2), Some(66.67));
        assert_eq!(percent(1, 0, 1), None);
    }
}
