//! 民生实事项目票决 (DOMAIN.md §5): the records, their enumerations and the rules as pure
//! functions — the negative list, the vote's add-up checks and outcome, 进度等次.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::common::{keyed, KeyLabel, Tagged, Tone};

/// 领域: the fixed list a proposal, a candidate and a project choose from.
pub const FIELDS: &[&str] =
    &["教育", "医疗卫生", "交通", "水利", "农业农村", "社会保障", "生态环境", "文化体育", "其他"];

/// The negative list (负面清单): what a 民生实事 may not be, each with the reason it is refused.
/// A proposal whose name or content names one of these words is refused with that reason.
pub const NEGATIVE_LIST: &[(&str, &str)] = &[
    ("办公楼", "党政机关办公楼建设不属于民生实事"),
    ("办公用房", "党政机关办公用房建设不属于民生实事"),
    ("办公设备", "机关办公设备购置不属于民生实事"),
    ("楼堂馆所", "楼堂馆所建设属于负面清单"),
    ("公务用车", "公务用车购置不属于民生实事"),
    ("培训中心", "机关培训中心建设属于负面清单"),
    ("形象工程", "形象工程、政绩工程属于负面清单"),
    ("政绩工程", "形象工程、政绩工程属于负面清单"),
];

/// Who proposed: a unit, or a person (whose 单位 and 电话 are private).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    #[default]
    Unit,
    Person,
}

impl Source {
    pub const ALL: [Source; 2] = [Source::Unit, Source::Person];
    pub const fn label(self) -> &'static str {
        match self {
            Source::Unit => "单位",
            Source::Person => "个人",
        }
    }
}

/// A proposal's state after 筛选论证.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProposalStatus {
    #[default]
    New,
    Candidate,
    Declined,
}

impl ProposalStatus {
    pub const ALL: [ProposalStatus; 3] = [ProposalStatus::New, ProposalStatus::Candidate, ProposalStatus::Declined];
    pub const fn label(self) -> &'static str {
        match self {
            ProposalStatus::New => "待筛选",
            ProposalStatus::Candidate => "列为候选",
            ProposalStatus::Declined => "未采纳",
        }
    }
    pub const fn tone(self) -> Tone {
        match self {
            ProposalStatus::New => Tone::Warning,
            ProposalStatus::Candidate => Tone::Success,
            ProposalStatus::Declined => Tone::Info,
        }
    }
}

/// How a vote picks (a setting per vote).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VoteMode {
    /// 差额: pick 应选数 of more candidates; a ballot marking more 赞成 than 应选数 is void
    #[default]
    Competitive,
    /// 逐项表决: each candidate passes or fails alone
    Itemwise,
    /// 等额: as many candidates as places
    Equal,
}

impl VoteMode {
    pub const ALL: [VoteMode; 3] = [VoteMode::Competitive, VoteMode::Itemwise, VoteMode::Equal];
    pub const fn label(self) -> &'static str {
        match self {
            VoteMode::Competitive => "差额票决",
            VoteMode::Itemwise => "逐项表决",
            VoteMode::Equal => "等额票决",
        }
    }
}

/// What 赞成 must be more than half of to pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PassRule {
    /// 赞成 > half of 应到 (全体代表): the default
    #[default]
    HalfExpected,
    /// 赞成 > half of 实到
    HalfPresent,
    /// 赞成 > half of 有效票
    HalfValid,
}

impl PassRule {
    pub const ALL: [PassRule; 3] = [PassRule::HalfExpected, PassRule::HalfPresent, PassRule::HalfValid];
    pub const fn label(self) -> &'static str {
        match self {
            PassRule::HalfExpected => "赞成票超过应到代表的半数",
            PassRule::HalfPresent => "赞成票超过实到代表的半数",
            PassRule::HalfValid => "赞成票超过有效票的半数",
        }
    }
}

/// A vote round's state: entered, counted (the tally saved and adding up), confirmed (its
/// passed candidates became projects; the round is locked).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VoteStatus {
    #[default]
    Open,
    Counted,
    Confirmed,
}

impl VoteStatus {
    pub const ALL: [VoteStatus; 3] = [VoteStatus::Open, VoteStatus::Counted, VoteStatus::Confirmed];
    pub const fn label(self) -> &'static str {
        match self {
            VoteStatus::Open => "待计票",
            VoteStatus::Counted => "已计票",
            VoteStatus::Confirmed => "结果已确认",
        }
    }
    pub const fn tone(self) -> Tone {
        match self {
            VoteStatus::Open => Tone::Warning,
            VoteStatus::Counted => Tone::Primary,
            VoteStatus::Confirmed => Tone::Success,
        }
    }
}

/// A candidate's result in one round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// 当选 / 通过: becomes a project when the result is confirmed
    Adopted,
    /// passed, but below the cut-off of 应选数 (差额)
    PassedNotChosen,
    /// tied at the cut-off: needs a re-vote among the tied
    Tied,
    /// 赞成 not more than half
    Failed,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [Outcome::Adopted, Outcome::PassedNotChosen, Outcome::Tied, Outcome::Failed];
    pub const fn label(self) -> &'static str {
        match self {
            Outcome::Adopted => "当选",
            Outcome::PassedNotChosen => "未当选",
            Outcome::Tied => "票数相同，需再次投票",
            Outcome::Failed => "未通过",
        }
    }
    pub const fn tone(self) -> Tone {
        match self {
            Outcome::Adopted => Tone::Success,
            Outcome::PassedNotChosen => Tone::Info,
            Outcome::Tied => Tone::Warning,
            Outcome::Failed => Tone::Danger,
        }
    }
}

/// An adopted project's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProjectStatus {
    #[default]
    Active,
    Done,
    Cancelled,
}

impl ProjectStatus {
    pub const ALL: [ProjectStatus; 3] = [ProjectStatus::Active, ProjectStatus::Done, ProjectStatus::Cancelled];
    pub const fn label(self) -> &'static str {
        match self {
            ProjectStatus::Active => "实施中",
            ProjectStatus::Done => "已完成",
            ProjectStatus::Cancelled => "已取消",
        }
    }
    pub const fn tone(self) -> Tone {
        match self {
            ProjectStatus::Active => Tone::Primary,
            ProjectStatus::Done => Tone::Success,
            ProjectStatus::Cancelled => Tone::Info,
        }
    }
}

/// The stage a progress entry reports; 完工 marks the project (or its year's part) done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "ProjectStage")]
pub enum Stage {
    #[default]
    Preparing,
    Building,
    Finished,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Stage::Preparing, Stage::Building, Stage::Finished];
    pub const fn label(self) -> &'static str {
        match self {
            Stage::Preparing => "前期手续",
            Stage::Building => "在建",
            Stage::Finished => "完工",
        }
    }
    pub const fn tone(self) -> Tone {
        match self {
            Stage::Preparing => Tone::Info,
            Stage::Building => Tone::Primary,
            Stage::Finished => Tone::Success,
        }
    }
}

/// 进度等次 against the linear schedule between start and planned completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Pace {
    Ahead,
    OnTime,
    Behind,
}

impl Pace {
    pub const ALL: [Pace; 3] = [Pace::Ahead, Pace::OnTime, Pace::Behind];
    pub const fn label(self) -> &'static str {
        match self {
            Pace::Ahead => "提前",
            Pace::OnTime => "按序时",
            Pace::Behind => "慢于序时",
        }
    }
    pub const fn tone(self) -> Tone {
        match self {
            Pace::Ahead => Tone::Success,
            Pace::OnTime => Tone::Primary,
            Pace::Behind => Tone::Danger,
        }
    }
}

/// The kinds of a supervision visit: deputies' activities that earn §2.2's 视察/调研 points.
pub const VISIT_KINDS: &[&str] = &["视察", "调研"];

// ------------------------------------------------------------------ 征集与候选项目 (DOMAIN.md §5.1)

/// The negative list's reason when the text names one of its words.
pub fn negative_reason(text: &str) -> Option<(&'static str, &'static str)> {
    NEGATIVE_LIST.iter().find(|(w, _)| text.contains(w)).copied()
}

/// A proposal as typed in the form (征集).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ProposalInput {
    pub year: i64,
    pub source: Source,
    /// 单位名称, or the person's 姓名
    pub proposer: String,
    /// a person's 单位 (private)
    #[ts(optional)]
    pub proposer_unit: Option<String>,
    /// private
    #[ts(optional)]
    pub phone: Option<String>,
    pub name: String,
    pub field: String,
    #[ts(optional)]
    pub content: Option<String>,
    #[ts(optional)]
    pub implementer: Option<String>,
    /// 总投资（万元）
    #[ts(optional)]
    pub investment: Option<f64>,
    #[ts(optional)]
    pub funding: Option<String>,
    /// 计划完成时间: a date or a month (`2027年12月`)
    #[ts(optional)]
    pub planned_end: Option<String>,
}

/// A proposal: in lists a person's 单位 and 电话 are masked (`proposal_get` shows them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Proposal {
    pub id: i64,
    pub uuid: String,
    pub year: i64,
    pub source: Source,
    pub proposer: String,
    pub proposer_unit: Option<String>,
    pub phone: Option<String>,
    pub name: String,
    pub field: String,
    pub content: Option<String>,
    pub implementer: Option<String>,
    pub investment: Option<f64>,
    pub funding: Option<String>,
    pub planned_end: Option<String>,
    pub status: ProposalStatus,
    pub decision_note: Option<String>,
    pub decided_at: Option<String>,
    /// the candidate it became
    pub candidate_id: Option<i64>,
    pub updated_at: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ProposalQuery {
    #[ts(optional)]
    pub year: Option<i64>,
    #[ts(optional)]
    pub status: Option<ProposalStatus>,
    #[ts(optional)]
    pub field: Option<String>,
    /// matches 项目名称, 建设内容 and the proposer
    #[ts(optional)]
    pub q: Option<String>,
    #[ts(optional)]
    pub page: Option<i64>,
    #[ts(optional)]
    pub page_size: Option<i64>,
}

/// 筛选论证: make the proposal a candidate (with a note; the four facts the proposal lacks are
/// given here) or decline it (the reason is required).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ProposalDecision {
    pub id: i64,
    /// true: 列为候选; false: 不予采纳
    pub accept: bool,
    #[ts(optional)]
    pub note: Option<String>,
    #[ts(optional)]
    pub investment: Option<f64>,
    #[ts(optional)]
    pub content: Option<String>,
    #[ts(optional)]
    pub planned_end: Option<String>,
}

/// 子项目: one road of 「10 条村道硬化」.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SubItem {
    pub name: String,
    #[ts(optional)]
    pub place: Option<String>,
    /// 万元
    #[ts(optional)]
    pub investment: Option<f64>,
}

/// A candidate as typed: the four facts printed on the ballot are required.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CandidateInput {
    pub year: i64,
    pub name: String,
    pub field: String,
    /// 总投资（万元）
    pub investment: f64,
    /// 主要内容
    pub content: String,
    /// 完成时间: a date, or a month (`2027年12月`, `2027-12`) kept as its last day
    pub planned_end: String,
    /// 实施主体
    #[ts(optional)]
    pub implementer: Option<String>,
    #[ts(optional)]
    pub note: Option<String>,
    pub subitems: Vec<SubItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Candidate {
    pub id: i64,
    pub uuid: String,
    pub year: i64,
    /// 序号 on the list and the ballot
    pub position: i64,
    pub proposal_id: Option<i64>,
    pub name: String,
    pub field: String,
    pub investment: f64,
    pub content: String,
    /// ISO date
    pub planned_end: String,
    /// as printed: 2027年12月 when the date is a month's last day, else 2027年6月15日
    pub planned_end_text: String,
    pub implementer: Option<String>,
    pub note: Option<String>,
    pub active: bool,
    pub subitems: Vec<SubItem>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CandidateQuery {
    pub year: i64,
    /// also the deactivated ones
    pub all: bool,
}

/// The new 序号 order of a year's candidates: their ids, first to last.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ReorderArgs {
    pub year: i64,
    pub ids: Vec<i64>,
}

/// 完成时间 as printed: a month's last day reads as the month.
pub fn end_text(iso: &str) -> String {
    let Ok(d) = chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d") else {
        return iso.to_string();
    };
    if d.succ_opt().is_some_and(|n| n.month() != d.month()) {
        format!("{}年{}月", d.year(), d.month())
    } else {
        format!("{}年{}月{}日", d.year(), d.month(), d.day())
    }
}

// ------------------------------------------------------------------ 票决 (DOMAIN.md §5.2)

/// The counted totals of a round's ballots.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Totals {
    /// 应到
    pub expected: i64,
    /// 实到
    pub present: i64,
    /// 发出
    pub issued: i64,
    /// 收回
    pub returned: i64,
    /// 有效
    pub valid: i64,
    /// 无效 (差额: with the ballots marking more 赞成 than 应选数)
    pub invalid: i64,
}

/// One candidate's counted votes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Count {
    pub candidate_id: i64,
    pub yes: i64,
    pub no: i64,
    pub abstain: i64,
}

/// A round's settings, as created or changed before it is counted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct VoteInput {
    pub year: i64,
    #[ts(optional)]
    pub session_id: Option<i64>,
    #[ts(optional)]
    pub date: Option<String>,
    pub mode: VoteMode,
    pub pass_rule: PassRule,
    /// 应选数 (逐项: may be 0, every passing candidate is adopted)
    pub seats: i64,
    /// the candidates on the ballot, in 序号 order; empty: the year's active candidates
    pub candidate_ids: Vec<i64>,
    /// 应到 known beforehand (全体代表), printed on the result
    #[ts(optional)]
    pub expected: Option<i64>,
    #[ts(optional)]
    pub note: Option<String>,
}

/// The counted tally of a round.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TallyInput {
    pub vote_id: i64,
    pub totals: Totals,
    pub counts: Vec<Count>,
}

/// A candidate on a round's ballot, with its count and result once counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BallotLine {
    pub candidate_id: i64,
    /// 序号 on this ballot
    pub position: i64,
    pub name: String,
    pub investment: f64,
    pub content: String,
    pub planned_end_text: String,
    pub implementer: Option<String>,
    pub yes: Option<i64>,
    pub no: Option<i64>,
    pub abstain: Option<i64>,
    pub rank: Option<i64>,
    pub outcome: Option<Outcome>,
}

/// A round of the vote with its ballot and, once counted, its result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VoteRound {
    pub id: i64,
    pub uuid: String,
    pub year: i64,
    pub session_id: Option<i64>,
    /// 「乡（镇）第十九届人民代表大会第二次会议」
    pub session_name: Option<String>,
    pub parent_id: Option<i64>,
    pub round: i64,
    pub date: Option<String>,
    pub mode: VoteMode,
    pub pass_rule: PassRule,
    pub seats: i64,
    pub totals: Option<Totals>,
    pub status: VoteStatus,
    pub note: Option<String>,
    /// 「2027年度民生实事项目票决（第2轮）」
    pub title: String,
    /// the ballot's instruction, e.g. 「应选 6 个，赞成不得超过 6 个，超过的为无效票」
    pub instruction: String,
    pub lines: Vec<BallotLine>,
    /// the result's statements (空缺, 票数相同 …), once counted
    pub messages: Vec<String>,
    /// a tie at the cut-off awaits a re-vote (and no child round has been made yet)
    pub tie_open: bool,
    /// the places the re-vote fills
    pub open_seats: i64,
    /// the rounds of the same vote, first to last (ids), this one included
    pub chain: Vec<i64>,
    /// every candidate adopted across the rounds so far
    pub adopted: Vec<String>,
    /// the confirmed result's projects (ids), once confirmed
    pub project_ids: Vec<i64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct VoteQuery {
    #[ts(optional)]
    pub year: Option<i64>,
}

/// A round in the list of rounds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VoteRow {
    pub id: i64,
    pub year: i64,
    pub round: i64,
    pub parent_id: Option<i64>,
    pub title: String,
    pub session_name: Option<String>,
    pub date: Option<String>,
    pub mode: VoteMode,
    pub seats: i64,
    pub candidates: i64,
    pub status: VoteStatus,
}

/// A round's title: the year's vote, and which round a re-vote is.
pub fn vote_title(year: i64, round: i64) -> String {
    if round > 1 {
        format!("{year}年度民生实事项目票决（第{round}轮：再次投票）")
    } else {
        format!("{year}年度民生实事项目票决")
    }
}

/// What 赞成 must exceed half of, under a rule.
pub fn pass_base(rule: PassRule, t: &Totals) -> i64 {
    match rule {
        PassRule::HalfExpected => t.expected,
        PassRule::HalfPresent => t.present,
        PassRule::HalfValid => t.valid,
    }
}

/// The ballot's instruction line: the mode's rule as the deputies read it.
pub fn instruction(mode: VoteMode, seats: i64) -> String {
    match mode {
        VoteMode::Competitive => {
            format!("差额票决：应选 {seats} 个，赞成不得超过 {seats} 个，超过的为无效票。每个项目只在一个“□”内打“√”。")
        }
        VoteMode::Equal => format!("等额票决：应选 {seats} 个。每个项目只在一个“□”内打“√”。"),
        VoteMode::Itemwise => "逐项表决：每个项目单独表决，在一个“□”内打“√”。".into(),
    }
}

/// Every way a round's settings fail DOMAIN.md §5.2: 等额 needs as many candidates as places,
/// 差额 more.
pub fn check_settings(mode: VoteMode, seats: i64, candidates: usize) -> Vec<crate::error::FieldError> {
    let fe = |f: &str, m: String| crate::error::FieldError { field: f.into(), message: m };
    let n = candidates as i64;
    let mut out = vec![];
    if n == 0 {
        out.push(fe("candidate_ids", "票上没有候选项目，请先添加本年度的候选项目".into()));
        return out;
    }
    match mode {
        VoteMode::Competitive if seats < 1 => out.push(fe("seats", "差额票决的应选数至少为 1".into())),
        VoteMode::Competitive if n <= seats => {
            out.push(fe("seats", format!("差额票决的候选项目数（{n}）须多于应选数（{seats}）；数目相等请选“等额票决”")))
        }
        VoteMode::Equal if n != seats => {
            out.push(fe("seats", format!("等额票决的候选项目数（{n}）须等于应选数（{seats}）")))
        }
        VoteMode::Itemwise if seats < 0 => out.push(fe("seats", "应选数不能为负数".into())),
        _ => {}
    }
    out
}

/// Every add-up failure of a tally (DOMAIN.md §5.2), each naming its figures; empty when it adds up.
pub fn check_tally(
    mode: VoteMode,
    seats: i64,
    t: &Totals,
    counts: &[(String, Count)],
) -> Vec<crate::error::FieldError> {
    let fe = |f: &str, m: String| crate::error::FieldError { field: f.into(), message: m };
    let mut out = vec![];
    for (f, label, v) in [
        ("expected", "应到", t.expected),
        ("present", "实到", t.present),
        ("issued", "发出", t.issued),
        ("returned", "收回", t.returned),
        ("valid", "有效", t.valid),
        ("invalid", "无效", t.invalid),
    ] {
        if v < 0 {
            out.push(fe(f, format!("{label}票数（{v}）不能为负数")));
        }
    }
    if t.expected <= 0 {
        out.push(fe("expected", "请填写应到代表人数".into()));
    }
    if t.present > t.expected {
        out.push(fe("present", format!("实到（{}）不能多于应到（{}）", t.present, t.expected)));
    }
    if t.issued > t.present {
        out.push(fe("issued", format!("发出票数（{}）不能多于实到（{}）", t.issued, t.present)));
    }
    if t.returned > t.issued {
        out.push(fe("returned", format!("收回票数（{}）不能多于发出（{}）", t.returned, t.issued)));
    }
    if t.valid + t.invalid != t.returned {
        out.push(fe(
            "valid",
            format!(
                "有效（{}）+ 无效（{}）= {}，应等于收回（{}）",
                t.valid,
                t.invalid,
                t.valid + t.invalid,
                t.returned
            ),
        ));
    }
    let mut all_yes = 0;
    for (name, c) in counts {
        let f = format!("counts.{}", c.candidate_id);
        if c.yes < 0 || c.no < 0 || c.abstain < 0 {
            out.push(fe(&f, format!("「{name}」的票数不能为负数")));
        }
        let sum = c.yes + c.no + c.abstain;
        if sum > t.valid {
            out.push(fe(
                &f,
                format!(
                    "「{name}」赞成（{}）+ 反对（{}）+ 弃权（{}）= {sum}，多于有效票（{}）",
                    c.yes, c.no, c.abstain, t.valid
                ),
            ));
        }
        all_yes += c.yes;
    }
    if mode == VoteMode::Competitive && all_yes > t.valid * seats {
        out.push(fe(
            "counts",
            format!(
                "各项目赞成票合计（{all_yes}）多于有效票 × 应选数（{} × {seats} = {}）：赞成超过应选数的票是无效票，应计入无效",
                t.valid,
                t.valid * seats
            ),
        ));
    }
    out
}

/// One candidate's place in a round's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Placed {
    pub candidate_id: i64,
    /// by 赞成, descending; equal 赞成, equal rank
    pub rank: i64,
    pub outcome: Outcome,
}

/// A round's result: each candidate's place, what the result states, and the open places.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VoteOutcome {
    pub placed: Vec<Placed>,
    pub messages: Vec<String>,
    /// places a re-vote among the tied fills (0 when no tie)
    pub tied_seats: i64,
    pub adopted: i64,
    /// places left empty because too few passed
    pub empty: i64,
}

/// The result of a counted round (DOMAIN.md §5.2). Pass: 赞成 more than half of the rule's base
/// (exactly half fails). 逐项: each passes or fails alone. 差额 / 等额: the passed by 赞成
/// descending up to 应选数; a tie at the cut-off flags every tied candidate for a re-vote,
/// never broken silently; too few passing leaves places empty, stated.
pub fn vote_outcome(mode: VoteMode, rule: PassRule, seats: i64, t: &Totals, counts: &[Count]) -> VoteOutcome {
    let base = pass_base(rule, t);
    let passes = |c: &Count| c.yes * 2 > base;
    let rank = |c: &Count| 1 + counts.iter().filter(|o| o.yes > c.yes).count() as i64;
    let passed: Vec<&Count> = counts.iter().filter(|c| passes(c)).collect();
    let mut messages = vec![];
    let (mut tied_seats, mut empty) = (0, 0);
    // None: every passing candidate is adopted (逐项, or not more passed than places);
    // Some((cut, tie)): the 赞成 of the last place, and whether more than the places share it
    let cut_off = if mode == VoteMode::Itemwise {
        None
    } else if passed.len() as i64 <= seats {
        empty = seats - passed.len() as i64;
        None
    } else {
        let mut yes: Vec<i64> = passed.iter().map(|c| c.yes).collect();
        yes.sort_unstable_by(|a, b| b.cmp(a));
        let cut = yes.get(seats.max(1) as usize - 1).copied().unwrap_or(0);
        let above = yes.iter().filter(|y| **y > cut).count() as i64;
        let at_cut = passed.iter().filter(|c| c.yes == cut).count() as i64;
        let tie = seats > 0 && above + at_cut > seats;
        if tie {
            tied_seats = seats - above;
            messages.push(format!(
                "第{}名票数相同（赞成 {cut} 票，{at_cut} 个项目），需在票数相同的候选项目中再次投票，决定剩余 {tied_seats} 个名额",
                above + 1
            ));
        }
        Some((cut, tie))
    };
    let outcome_of = |c: &Count| match cut_off {
        _ if !passes(c) => Outcome::Failed,
        None => Outcome::Adopted,
        Some((cut, _)) if c.yes > cut => Outcome::Adopted,
        Some((cut, true)) if c.yes == cut => Outcome::Tied,
        Some((cut, false)) if c.yes == cut => Outcome::Adopted,
        Some(_) => Outcome::PassedNotChosen,
    };
    let placed: Vec<Placed> =
        counts.iter().map(|c| Placed { candidate_id: c.candidate_id, rank: rank(c), outcome: outcome_of(c) }).collect();
    let adopted = placed.iter().filter(|p| p.outcome == Outcome::Adopted).count() as i64;
    if mode != VoteMode::Itemwise && empty > 0 {
        messages.push(format!("应选 {seats} 个，通过 {adopted} 个，空缺 {empty} 个"));
    }
    if mode == VoteMode::Itemwise {
        messages.push(format!("表决 {} 个，通过 {adopted} 个", counts.len()));
    }
    VoteOutcome { placed, messages, tied_seats, adopted, empty }
}

/// A 变更 or a 取消 of an adopted project, each approved by someone on a date (DOMAIN.md §5.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    #[default]
    Change,
    Cancel,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 2] = [ChangeKind::Change, ChangeKind::Cancel];
    pub const fn label(self) -> &'static str {
        match self {
            ChangeKind::Change => "变更",
            ChangeKind::Cancel => "取消",
        }
    }
    pub const fn tone(self) -> Tone {
        match self {
            ChangeKind::Change => Tone::Warning,
            ChangeKind::Cancel => Tone::Info,
        }
    }
}

/// What 工作台 reminds of a project (DOMAIN.md §5.4 督办).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "ProjectReminderKind")]
pub enum ReminderKind {
    /// no progress entered for the setting's number of days
    Stale,
    /// planned completion passed, not done
    Late,
    /// a 问题 past its 整改时限, not resolved
    ProblemDue,
}

impl ReminderKind {
    pub const ALL: [ReminderKind; 3] = [ReminderKind::Stale, ReminderKind::Late, ReminderKind::ProblemDue];
    pub const fn label(self) -> &'static str {
        match self {
            ReminderKind::Stale => "进度久未更新",
            ReminderKind::Late => "超过计划完成时间",
            ReminderKind::ProblemDue => "问题整改逾期",
        }
    }
    pub const fn tone(self) -> Tone {
        match self {
            ReminderKind::Stale => Tone::Warning,
            ReminderKind::Late => Tone::Danger,
            ReminderKind::ProblemDue => Tone::Danger,
        }
    }
}

/// The default 进度等次 tolerance, in percentage points (a setting).
pub const PACE_TOLERANCE_DEFAULT: f64 = 5.0;
/// The default number of days without a progress entry before 工作台 reminds (a setting).
pub const STALE_DAYS_DEFAULT: i64 = 45;

/// The share of the time between start and planned completion that has passed `on`, 0–1; `None`
/// without a span of at least one day.
pub fn expected_share(start: NaiveDate, planned_end: NaiveDate, on: NaiveDate) -> Option<f64> {
    let total = (planned_end - start).num_days();
    if total <= 0 {
        return None;
    }
    Some(((on - start).num_days() as f64 / total as f64).clamp(0.0, 1.0))
}

/// What share of the work is done: the 形象进度 % when given, else 完成投资 ÷ 总投资.
pub fn actual_share(percent: Option<f64>, invested: Option<f64>, investment: Option<f64>) -> Option<f64> {
    match (percent, invested, investment) {
        (Some(p), _, _) => Some((p / 100.0).clamp(0.0, 1.0)),
        (None, Some(i), Some(t)) if t > 0.0 => Some((i / t).clamp(0.0, 1.0)),
        _ => None,
    }
}

/// 进度等次 (DOMAIN.md §5.3): actual against expected share, in percentage points; a difference
/// of exactly the tolerance is still 按序时. Compared after rounding to a millionth of a point, so
/// that 55 % − 50 % is 5 points and not 5.000000000000004.
pub fn pace(expected: Option<f64>, actual: Option<f64>, tolerance_points: f64) -> Option<Pace> {
    let diff = ((actual? - expected?) * 100.0 * 1e6).round() / 1e6;
    Some(if diff > tolerance_points {
        Pace::Ahead
    } else if -diff > tolerance_points {
        Pace::Behind
    } else {
        Pace::OnTime
    })
}

// ------------------------------------------------------------------ 正式项目 records

/// A 跨年度 project's target and planned investment for one year.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ProjectYear {
    pub year: i64,
    /// 年度目标
    pub target: Option<String>,
    /// 年度计划投资（万元）
    pub planned: Option<f64>,
}

/// An adopted project as entered by hand (carried from before the app, or typed in).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ProjectInput {
    /// the year it was voted
    pub year: i64,
    pub name: String,
    pub field: String,
    pub content: Option<String>,
    /// 牵头单位
    pub lead_unit: Option<String>,
    /// 责任单位
    pub units: Option<String>,
    /// 业主单位
    pub owner_unit: Option<String>,
    /// 总投资（万元）
    pub investment: Option<f64>,
    pub start_date: Option<String>,
    pub planned_end: Option<String>,
    pub years: Vec<ProjectYear>,
}

/// The project list's filters.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ProjectQuery {
    #[ts(optional)]
    pub year: Option<i64>,
    #[ts(optional)]
    pub status: Option<ProjectStatus>,
    #[ts(optional)]
    pub field: Option<String>,
    /// 牵头单位 contains
    #[ts(optional)]
    pub lead_unit: Option<String>,
    /// name, content or a unit contains
    #[ts(optional)]
    pub q: Option<String>,
    #[ts(optional)]
    pub page: Option<i64>,
    #[ts(optional)]
    pub page_size: Option<i64>,
}

/// A project in the list: its facts and where it stands.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ProjectRow {
    pub id: i64,
    pub uuid: String,
    pub year: i64,
    pub name: String,
    pub field: String,
    pub lead_unit: Option<String>,
    pub owner_unit: Option<String>,
    pub investment: Option<f64>,
    pub start_date: Option<String>,
    pub planned_end: Option<String>,
    pub actual_end: Option<String>,
    pub status: ProjectStatus,
    /// the latest progress entry's stage and date
    pub stage: Option<Stage>,
    pub progress_date: Option<String>,
    pub percent: Option<f64>,
    /// 完成投资 to date (the latest entry's)
    pub invested: Option<f64>,
    /// 进度等次 today; `None` (shown —) without start, planned completion or any figure
    pub pace: Option<Pace>,
    /// 问题清单 items not resolved
    pub open_problems: i64,
}

/// A member of the 人大代表监督小组.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct GroupMember {
    pub deputy_id: i64,
    pub name: String,
    pub leader: bool,
}

/// The group as set: its deputies, the leader one of them.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct GroupArgs {
    pub project_id: i64,
    pub deputy_ids: Vec<i64>,
    #[ts(optional)]
    pub leader_id: Option<i64>,
}

/// A progress entry to append.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ProgressInput {
    pub project_id: i64,
    pub date: String,
    pub stage: Stage,
    /// 形象进度 %
    #[ts(optional)]
    pub percent: Option<f64>,
    /// 形象进度 / 本月进展
    #[ts(optional)]
    pub text: Option<String>,
    /// 完成投资 to date（万元）
    #[ts(optional)]
    pub invested: Option<f64>,
    #[ts(optional)]
    pub problems: Option<String>,
    /// Why 完成投资 is lower than an earlier entry's (核减, a correction): required then.
    #[ts(optional)]
    pub correction: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ProgressEntry {
    pub id: i64,
    pub date: String,
    pub stage: Stage,
    pub percent: Option<f64>,
    pub text: Option<String>,
    pub invested: Option<f64>,
    pub problems: Option<String>,
    /// manual · import
    pub source: String,
    pub created_at: String,
}

/// A change (new facts) or a cancellation, with its approval.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ChangeInput {
    pub project_id: i64,
    pub kind: ChangeKind,
    /// 批准日期
    pub date: String,
    /// 批准机关
    pub approver: String,
    pub content: String,
    /// A change's new facts (the project's fields after it); ignored for a cancellation.
    #[ts(optional)]
    pub project: Option<ProjectInput>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ProjectChange {
    pub id: i64,
    pub kind: ChangeKind,
    pub date: String,
    pub approver: String,
    pub content: String,
    /// the facts as they were before (JSON of `ProjectInput`)
    pub before: Option<String>,
    pub created_at: String,
}

/// A 视察 or 调研 by deputies on a project.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct VisitInput {
    pub project_id: i64,
    pub date: String,
    /// one of `VISIT_KINDS`
    pub kind: String,
    pub deputy_ids: Vec<i64>,
    #[ts(optional)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Visit {
    pub id: i64,
    pub date: String,
    pub kind: String,
    pub note: Option<String>,
    pub deputies: Vec<GroupMember>,
}

/// A 问题清单 item, new or updated (整改情况, resolved).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ProblemInput {
    pub project_id: i64,
    pub problem: String,
    /// 责任单位
    #[ts(optional)]
    pub unit: Option<String>,
    /// 整改时限
    #[ts(optional)]
    pub due_date: Option<String>,
    /// 整改情况
    #[ts(optional)]
    pub progress: Option<String>,
    #[ts(optional)]
    pub resolved_date: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Problem {
    pub id: i64,
    pub uuid: String,
    pub problem: String,
    pub unit: Option<String>,
    pub due_date: Option<String>,
    pub progress: Option<String>,
    pub resolved_date: Option<String>,
    /// past its 整改时限 and not resolved
    pub overdue: bool,
}

/// A project with everything recorded on it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Project {
    pub row: ProjectRow,
    pub content: Option<String>,
    pub units: Option<String>,
    /// adopted by a vote (the candidate), or entered by hand
    pub candidate_id: Option<i64>,
    pub years: Vec<ProjectYear>,
    pub group: Vec<GroupMember>,
    /// oldest first: appended, never overwritten
    pub progress: Vec<ProgressEntry>,
    pub changes: Vec<ProjectChange>,
    pub visits: Vec<Visit>,
    pub problems: Vec<Problem>,
}

impl Project {
    /// Its facts as a form holds them: what a change starts from.
    pub fn input(&self) -> ProjectInput {
        let r = &self.row;
        ProjectInput {
            year: r.year,
            name: r.name.clone(),
            field: r.field.clone(),
            content: self.content.clone(),
            lead_unit: r.lead_unit.clone(),
            units: self.units.clone(),
            owner_unit: r.owner_unit.clone(),
            investment: r.investment,
            start_date: r.start_date.clone(),
            planned_end: r.planned_end.clone(),
            years: self.years.clone(),
        }
    }
}

/// One line of 工作台's project block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ProjectReminder {
    pub kind: ReminderKind,
    pub tone: Tone,
    pub project_id: i64,
    pub project: String,
    pub text: String,
}

/// One kind of 工作台's project reminders: how many, and the first few lines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReminderBlock {
    pub kind: ReminderKind,
    pub total: i64,
    pub items: Vec<ProjectReminder>,
}

/// How many lines of each reminder kind 工作台 shows.
pub const REMINDER_LINES: i64 = 5;

/// Every list of the area, for the window (`project_meta`).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ProjectMeta {
    pub fields: Vec<String>,
    pub negative_list: Vec<Tagged>,
    pub sources: Vec<KeyLabel>,
    pub proposal_statuses: Vec<KeyLabel>,
    pub vote_modes: Vec<KeyLabel>,
    pub pass_rules: Vec<KeyLabel>,
    pub vote_statuses: Vec<KeyLabel>,
    pub outcomes: Vec<KeyLabel>,
    pub project_statuses: Vec<KeyLabel>,
    pub stages: Vec<KeyLabel>,
    pub paces: Vec<KeyLabel>,
    pub visit_kinds: Vec<String>,
    pub change_kinds: Vec<KeyLabel>,
    pub reminder_kinds: Vec<KeyLabel>,
}

impl ProjectMeta {
    pub fn new() -> ProjectMeta {
        ProjectMeta {
            fields: FIELDS.iter().map(|s| s.to_string()).collect(),
            negative_list: NEGATIVE_LIST.iter().map(|(w, _)| Tagged::new(w, Tone::Danger)).collect(),
            sources: keyed(&Source::ALL, Source::label, None),
            proposal_statuses: keyed(&ProposalStatus::ALL, ProposalStatus::label, Some(ProposalStatus::tone)),
            vote_modes: keyed(&VoteMode::ALL, VoteMode::label, None),
            pass_rules: keyed(&PassRule::ALL, PassRule::label, None),
            vote_statuses: keyed(&VoteStatus::ALL, VoteStatus::label, Some(VoteStatus::tone)),
            outcomes: keyed(&Outcome::ALL, Outcome::label, Some(Outcome::tone)),
            project_statuses: keyed(&ProjectStatus::ALL, ProjectStatus::label, Some(ProjectStatus::tone)),
            stages: keyed(&Stage::ALL, Stage::label, Some(Stage::tone)),
            paces: keyed(&Pace::ALL, Pace::label, Some(Pace::tone)),
            visit_kinds: VISIT_KINDS.iter().map(|s| s.to_string()).collect(),
            change_kinds: keyed(&ChangeKind::ALL, ChangeKind::label, Some(ChangeKind::tone)),
            reminder_kinds: keyed(&ReminderKind::ALL, ReminderKind::label, Some(ReminderKind::tone)),
        }
    }
}

impl Default for ProjectMeta {
    fn default() -> Self {
        Self::new()
    }
}

/// The year whose projects are being proposed and voted: from October on, the next year's (its
/// 人代会 votes them early in that year), else this year's (DOMAIN.md §5.1).
pub fn vote_year(today: NaiveDate) -> i32 {
    if today.month() >= 10 {
        today.year() + 1
    } else {
        today.year()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vote_year_turns_in_october() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(vote_year(d("2026-09-30")), 2026);
        assert_eq!(vote_year(d("2026-10-01")), 2027);
        assert_eq!(vote_year(d("2026-12-31")), 2027);
        assert_eq!(vote_year(d("2027-01-01")), 2027);
    }

    #[test]
    fn every_list_names_each_value_once_with_its_key() {
        let m = ProjectMeta::new();
        for list in [
            &m.sources,
            &m.proposal_statuses,
            &m.vote_modes,
            &m.pass_rules,
            &m.vote_statuses,
            &m.outcomes,
            &m.project_statuses,
            &m.stages,
            &m.paces,
            &m.change_kinds,
            &m.reminder_kinds,
        ] {
            let keys: std::collections::HashSet<_> = list.iter().map(|k| k.key.as_str()).collect();
            let labels: std::collections::HashSet<_> = list.iter().map(|k| k.label.as_str()).collect();
            assert_eq!(keys.len(), list.len());
            assert_eq!(labels.len(), list.len());
            assert!(list.iter().all(|k| !k.key.is_empty()));
        }
        assert_eq!(m.vote_modes[0].key, "competitive");
    }

    fn counts(yes: &[i64]) -> Vec<Count> {
        yes.iter().enumerate().map(|(i, y)| Count { candidate_id: i as i64 + 1, yes: *y, no: 0, abstain: 0 }).collect()
    }
    fn totals(expected: i64) -> Totals {
        Totals { expected, present: expected, issued: expected, returned: expected, valid: expected, invalid: 0 }
    }
    fn outcomes(o: &VoteOutcome) -> Vec<Outcome> {
        o.placed.iter().map(|p| p.outcome).collect()
    }

    #[test]
    fn exactly_half_fails_and_one_more_passes() {
        let o = vote_outcome(VoteMode::Itemwise, PassRule::HalfExpected, 0, &totals(40), &counts(&[20, 21]));
        assert_eq!(outcomes(&o), [Outcome::Failed, Outcome::Adopted]);
        assert_eq!(o.messages, ["表决 2 个，通过 1 个"]);
    }

    #[test]
    fn a_tie_at_the_cut_off_is_flagged_never_broken() {
        let o = vote_outcome(VoteMode::Competitive, PassRule::HalfExpected, 2, &totals(40), &counts(&[30, 25, 25, 10]));
        assert_eq!(outcomes(&o), [Outcome::Adopted, Outcome::Tied, Outcome::Tied, Outcome::Failed]);
        assert_eq!(o.tied_seats, 1);
        assert!(o.messages[0].starts_with("第2名票数相同"), "{:?}", o.messages);
        assert!(o.messages[0].contains("需在票数相同的候选项目中再次投票"));
        assert_eq!(o.placed.iter().map(|p| p.rank).collect::<Vec<_>>(), [1, 2, 2, 4]);
    }

    #[test]
    fn a_tie_above_the_cut_off_is_no_tie() {
        let o = vote_outcome(VoteMode::Competitive, PassRule::HalfExpected, 3, &totals(40), &counts(&[30, 25, 25, 22]));
        assert_eq!(outcomes(&o), [Outcome::Adopted, Outcome::Adopted, Outcome::Adopted, Outcome::PassedNotChosen]);
        assert!(o.messages.is_empty());
    }

    #[test]
    fn too_few_passing_leaves_places_empty() {
        let o = vote_outcome(VoteMode::Competitive, PassRule::HalfExpected, 3, &totals(40), &counts(&[30, 21, 20, 5]));
        assert_eq!(o.adopted, 2);
        assert_eq!(o.empty, 1);
        assert_eq!(o.messages, ["应选 3 个，通过 2 个，空缺 1 个"]);
    }

    #[test]
    fn the_rule_decides_the_base() {
        let t = Totals { expected: 50, present: 40, issued: 40, returned: 40, valid: 30, invalid: 10 };
        let c = counts(&[21]);
        assert_eq!(vote_outcome(VoteMode::Equal, PassRule::HalfExpected, 1, &t, &c).adopted, 0);
        assert_eq!(vote_outcome(VoteMode::Equal, PassRule::HalfPresent, 1, &t, &c).adopted, 1);
        assert_eq!(vote_outcome(VoteMode::Equal, PassRule::HalfValid, 1, &t, &c).adopted, 1);
    }

    #[test]
    fn a_tally_that_does_not_add_up_names_each_figure() {
        let t = Totals { expected: 10, present: 11, issued: 12, returned: 13, valid: 10, invalid: 1 };
        let named = vec![("甲".to_string(), Count { candidate_id: 1, yes: 9, no: 2, abstain: 0 })];
        let e = check_tally(VoteMode::Competitive, 1, &t, &named);
        let text: Vec<&str> = e.iter().map(|f| f.message.as_str()).collect();
        assert!(text.iter().any(|m| m.contains("实到（11）不能多于应到（10）")), "{text:?}");
        assert!(text.iter().any(|m| m.contains("发出票数（12）不能多于实到（11）")));
        assert!(text.iter().any(|m| m.contains("收回票数（13）不能多于发出（12）")));
        assert!(text.iter().any(|m| m.contains("应等于收回（13）")));
        assert!(text.iter().any(|m| m.contains("= 11，多于有效票（10）")));
        assert!(check_settings(VoteMode::Competitive, 3, 3).iter().any(|f| f.message.contains("须多于应选数")));
        assert!(check_settings(VoteMode::Equal, 3, 4).iter().any(|f| f.message.contains("须等于应选数")));
        assert_eq!(end_text("2027-12-31"), "2027年12月");
        assert_eq!(end_text("2027-06-15"), "2027年6月15日");
        assert_eq!(negative_reason("新建乡政府办公楼").map(|x| x.0), Some("办公楼"));
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn expected_share_is_the_elapsed_part_of_the_span_clamped() {
        // 2024-01-01 → 2024-11-26 is 330 days; 33 days in is 10 %
        assert_eq!(expected_share(d("2024-01-01"), d("2024-11-26"), d("2024-02-03")), Some(0.1));
        assert_eq!(expected_share(d("2024-01-01"), d("2024-11-26"), d("2023-12-01")), Some(0.0));
        assert_eq!(expected_share(d("2024-01-01"), d("2024-11-26"), d("2025-03-01")), Some(1.0));
        assert_eq!(expected_share(d("2024-05-01"), d("2024-05-01"), d("2024-05-01")), None);
        assert_eq!(expected_share(d("2024-05-01"), d("2024-04-01"), d("2024-05-01")), None);
    }

    #[test]
    fn actual_share_prefers_the_percent_then_investment() {
        assert_eq!(actual_share(Some(40.0), Some(90.0), Some(100.0)), Some(0.4));
        assert_eq!(actual_share(None, Some(30.0), Some(120.0)), Some(0.25));
        assert_eq!(actual_share(None, Some(30.0), None), None);
        assert_eq!(actual_share(None, Some(30.0), Some(0.0)), None);
        assert_eq!(actual_share(None, None, Some(100.0)), None);
    }

    #[test]
    fn pace_is_on_time_within_the_tolerance_and_at_it() {
        // expected 50 %: 55 % is exactly 5 points ahead → still 按序时; 55.1 % is 提前
        assert_eq!(pace(Some(0.5), Some(0.55), 5.0), Some(Pace::OnTime));
        assert_eq!(pace(Some(0.5), Some(0.551), 5.0), Some(Pace::Ahead));
        assert_eq!(pace(Some(0.5), Some(0.45), 5.0), Some(Pace::OnTime));
        assert_eq!(pace(Some(0.5), Some(0.449), 5.0), Some(Pace::Behind));
        assert_eq!(pace(Some(0.1), Some(0.1), 5.0), Some(Pace::OnTime));
        // a wider tolerance: 10 points behind is 按序时 at 10, 慢于序时 at 5
        assert_eq!(pace(Some(0.6), Some(0.5), 10.0), Some(Pace::OnTime));
        assert_eq!(pace(Some(0.6), Some(0.5), 5.0), Some(Pace::Behind));
        assert_eq!(pace(None, Some(0.5), 5.0), None);
        assert_eq!(pace(Some(0.5), None, 5.0), None);
    }
}
