//! 民生实事项目票决 (DOMAIN.md §5): the records, their enumerations and the rules as pure
//! functions — the negative list, the vote's add-up checks and outcome, 进度等次.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::common::{Tagged, Tone};

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

/// A value of an enumeration for the window: its key, label and tone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct KeyLabel {
    pub key: String,
    pub label: String,
    pub tone: Option<Tone>,
}

fn keyed<T: Serialize + Copy>(all: &[T], label: fn(T) -> &'static str, tone: Option<fn(T) -> Tone>) -> Vec<KeyLabel> {
    all.iter()
        .map(|v| KeyLabel {
            key: serde_json::to_value(v).ok().and_then(|k| k.as_str().map(str::to_string)).unwrap_or_default(),
            label: label(*v).to_string(),
            tone: tone.map(|t| t(*v)),
        })
        .collect()
}

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
        }
    }
}

impl Default for ProjectMeta {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        ] {
            let keys: std::collections::HashSet<_> = list.iter().map(|k| k.key.as_str()).collect();
            let labels: std::collections::HashSet<_> = list.iter().map(|k| k.label.as_str()).collect();
            assert_eq!(keys.len(), list.len());
            assert_eq!(labels.len(), list.len());
            assert!(list.iter().all(|k| !k.key.is_empty()));
        }
        assert_eq!(m.vote_modes[0].key, "competitive");
    }
}
