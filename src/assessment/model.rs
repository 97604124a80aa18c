//! 乡镇人大工作评价 (DOMAIN.md §8): the types of the template, the 自评 and the county's scoring,
//! and the rules as pure functions — the points an automatic figure earns, the grade on the base
//! score, ranks where ties share, and the bounds a 加减分 must keep.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::common::{keyed, KeyLabel, Tone};
use crate::error::{Error, FieldError, Result};

/// The figures an item can take from the records (DOMAIN.md §8.2). A closed list: a new source
/// (a §6 整改率, 主席团 meetings) is one variant here and one arm in `auto.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "AssessmentAutoSource")]
pub enum AutoSource {
    SuggestionReplyRate,
    SuggestionSatisfaction,
    VoterReports,
    StationActivities,
    ProjectDoneRate,
    OversightFixRate,
}

impl AutoSource {
    pub const ALL: [AutoSource; 6] = [
        AutoSource::SuggestionReplyRate,
        AutoSource::SuggestionSatisfaction,
        AutoSource::VoterReports,
        AutoSource::StationActivities,
        AutoSource::ProjectDoneRate,
        AutoSource::OversightFixRate,
    ];

    pub const fn label(self) -> &'static str {
        match self {
            AutoSource::SuggestionReplyRate => "建议办复率",
            AutoSource::SuggestionSatisfaction => "建议满意率",
            AutoSource::VoterReports => "代表述职次数",
            AutoSource::StationActivities => "联络站活动次数",
            AutoSource::ProjectDoneRate => "票决项目完成率",
            AutoSource::OversightFixRate => "审议意见整改率",
        }
    }

    /// How the figure is counted, as the sheet prints it beside the figure.
    pub const fn how(self) -> &'static str {
        match self {
            AutoSource::SuggestionReplyRate => "本年交办的代表建议中已答复的件数 ÷ 交办件数（§1.3）",
            AutoSource::SuggestionSatisfaction => "本年交办建议的代表评价中满意和基本满意 ÷ 已评价件数（§1.3）",
            AutoSource::VoterReports => "本年各联络站述职登记簿的述职次数（§3）",
            AutoSource::StationActivities => "本年各联络站活动登记簿登记的活动次数（§3）",
            AutoSource::ProjectDoneRate => "本年票决的民生实事项目完成数 ÷ 项目数，已取消的不计（§5.6）",
            AutoSource::OversightFixRate => "本年通过的审议意见问题清单中已完成整改的问题数 ÷ 问题数（§6.5）",
        }
    }

    /// A rate is counted in percent (0–100), a count in times.
    pub const fn is_rate(self) -> bool {
        matches!(
            self,
            AutoSource::SuggestionReplyRate
                | AutoSource::SuggestionSatisfaction
                | AutoSource::ProjectDoneRate
                | AutoSource::OversightFixRate
        )
    }

    pub const fn unit(self) -> &'static str {
        if self.is_rate() {
            "%"
        } else {
            "次"
        }
    }

    pub fn key(self) -> String {
        serde_json::to_value(self).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
    }

    pub fn from_key(key: &str) -> Option<AutoSource> {
        AutoSource::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn from_label(label: &str) -> Option<AutoSource> {
        AutoSource::ALL.into_iter().find(|s| s.label() == label.trim())
    }
}

/// The grade of a township, on its base score only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "AssessmentGrade")]
pub enum Grade {
    Excellent,
    Pass,
    Fail,
}

impl Grade {
    pub const ALL: [Grade; 3] = [Grade::Excellent, Grade::Pass, Grade::Fail];
    pub const fn label(self) -> &'static str {
        match self {
            Grade::Excellent => "优秀",
            Grade::Pass => "合格",
            Grade::Fail => "不合格",
        }
    }
    pub const fn tone(self) -> Tone {
        match self {
            Grade::Excellent => Tone::Success,
            Grade::Pass => Tone::Primary,
            Grade::Fail => Tone::Danger,
        }
    }
}

/// What the rank is by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "AssessmentRankBy")]
pub enum RankBy {
    #[default]
    Total,
    Base,
}

impl RankBy {
    pub const ALL: [RankBy; 2] = [RankBy::Total, RankBy::Base];
    pub const fn label(self) -> &'static str {
        match self {
            RankBy::Total => "按总分（基本分＋加分）",
            RankBy::Base => "按基本分",
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            RankBy::Total => "total",
            RankBy::Base => "base",
        }
    }
    pub fn from_key(k: &str) -> RankBy {
        if k == "base" {
            RankBy::Base
        } else {
            RankBy::Total
        }
    }
}

/// Whether a township's 自评 has arrived (in a 上报包).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "AssessmentSentStatus")]
pub enum SentStatus {
    Sent,
    NotSent,
}

impl SentStatus {
    pub const ALL: [SentStatus; 2] = [SentStatus::Sent, SentStatus::NotSent];
    pub const fn label(self) -> &'static str {
        match self {
            SentStatus::Sent => "已报送",
            SentStatus::NotSent => "未报送",
        }
    }
    pub const fn tone(self) -> Tone {
        match self {
            SentStatus::Sent => Tone::Success,
            SentStatus::NotSent => Tone::Warning,
        }
    }
}

/// A template made here or imported from the county's 评分表.
pub const ORIGIN_OWN: &str = "own";
pub const ORIGIN_IMPORTED: &str = "imported";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(rename = "AssessmentItem")]
pub struct Item {
    #[ts(type = "number")]
    pub id: i64,
    pub uuid: String,
    #[ts(type = "number")]
    pub block_id: i64,
    pub position: i64,
    pub name: String,
    pub max_points: f64,
    pub criterion: String,
    pub evidence: String,
    pub auto_source: Option<AutoSource>,
    /// The figure (percent for a rate, times for a count) that earns the full points.
    pub full_at: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(rename = "AssessmentBlock")]
pub struct Block {
    #[ts(type = "number")]
    pub id: i64,
    pub position: i64,
    pub name: String,
    /// 加分项目: kept apart from the base score.
    pub bonus: bool,
    pub items: Vec<Item>,
}

/// The year's template with its blocks and items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(rename = "AssessmentTemplate")]
pub struct Template {
    #[ts(type = "number")]
    pub id: i64,
    pub uuid: String,
    pub year: i64,
    /// own · imported
    pub origin: String,
    /// The office that made an imported template.
    pub issuer: String,
    pub version: i64,
    pub excellent: f64,
    pub pass: f64,
    pub rank_by: RankBy,
    pub blocks: Vec<Block>,
    /// Σ max of the base items and of the bonus items.
    pub base_max: f64,
    pub bonus_max: f64,
}

impl Template {
    pub fn items(&self) -> impl Iterator<Item = (&Block, &Item)> {
        self.blocks.iter().flat_map(|b| b.items.iter().map(move |i| (b, i)))
    }
}

/// The year's rules: grade thresholds and what the rank is by.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(rename = "AssessmentSettings")]
pub struct TemplateSettings {
    pub year: i64,
    pub excellent: f64,
    pub pass: f64,
    pub rank_by: RankBy,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(rename = "AssessmentBlockInput")]
pub struct BlockInput {
    pub year: i64,
    pub name: String,
    pub bonus: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(rename = "AssessmentItemInput")]
pub struct ItemInput {
    #[ts(type = "number")]
    pub block_id: i64,
    pub name: String,
    pub max_points: f64,
    pub criterion: String,
    pub evidence: String,
    #[ts(optional)]
    pub auto_source: Option<AutoSource>,
    #[ts(optional)]
    pub full_at: Option<f64>,
}

fn fe(field: &str, message: &str) -> FieldError {
    FieldError { field: field.into(), message: message.into() }
}

/// An item as the template editor and the CLI save it: every problem at once.
pub fn validate_item(i: &ItemInput) -> Result<ItemInput> {
    let mut errs = vec![];
    let mut out = i.clone();
    out.name = i.name.trim().to_string();
    if out.name.is_empty() {
        errs.push(fe("name", "请填写评分项目名称"));
    }
    if !(i.max_points.is_finite() && i.max_points > 0.0 && i.max_points <= 100.0) {
        errs.push(fe("max_points", "分值应大于0、不超过100分"));
    }
    match (i.auto_source, i.full_at) {
        (Some(s), Some(f)) if f.is_finite() && f > 0.0 && (!s.is_rate() || f <= 100.0) => {}
        (Some(s), _) => errs.push(fe(
            "full_at",
            if s.is_rate() {
                "请填写得满分的比率（大于0、不超过100%）"
            } else {
                "请填写得满分的次数（大于0）"
            },
        )),
        (None, _) => out.full_at = None,
    }
    if errs.is_empty() {
        Ok(out)
    } else {
        Err(Error::fields(errs))
    }
}

pub fn validate_settings(s: &TemplateSettings) -> Result<()> {
    if !(s.pass.is_finite() && s.excellent.is_finite() && 0.0 < s.pass && s.pass < s.excellent && s.excellent <= 1000.0)
    {
        return Err(Error::field("excellent", "优秀分数线应高于合格分数线，且都大于0"));
    }
    Ok(())
}

/// Points to one decimal, as every sheet shows them (0.05 up).
pub fn round1(x: f64) -> f64 {
    (x * 10.0 + 1e-9).round() / 10.0
}

/// The points an automatic figure earns: full at or above `full_at`, proportional below
/// (DOMAIN.md §8.2). No figure (nothing to count) proposes nothing.
pub fn proposed(max: f64, full_at: Option<f64>, figure: Option<f64>) -> Option<f64> {
    let (full, fig) = (full_at.filter(|f| *f > 0.0)?, figure?);
    Some(round1(max * (fig / full).clamp(0.0, 1.0)))
}

/// 优秀 · 合格 · 不合格 on the base score alone.
pub fn grade(base: f64, excellent: f64, pass: f64) -> Grade {
    if base + 1e-9 >= excellent {
        Grade::Excellent
    } else if base + 1e-9 >= pass {
        Grade::Pass
    } else {
        Grade::Fail
    }
}

/// Ranks, highest first, where equal scores share a rank and the next one skips (1, 2, 2, 4);
/// a township without a score has no rank.
pub fn ranks(scores: &[Option<f64>]) -> Vec<Option<i64>> {
    let key = |x: f64| (x * 100.0).round() as i64;
    scores
        .iter()
        .map(|s| s.map(|mine| 1 + scores.iter().flatten().filter(|o| key(**o) > key(mine)).count() as i64))
        .collect()
}

/// A 加减分 keeps the item between 0 and its max: refused, not floored (DOMAIN.md §8.4).
pub fn check_adjust(name: &str, max: f64, scored: Option<f64>, earlier: f64, delta: f64) -> Result<()> {
    let Some(scored) = scored else {
        return Err(Error::field("item_id", format!("「{name}」还没有考核组评分，请先评分再加减分")));
    };
    if !delta.is_finite() || delta == 0.0 {
        return Err(Error::field("delta", "请填写加减的分数（减分填负数）"));
    }
    let after = round1(scored + earlier + delta);
    if after < -1e-9 {
        return Err(Error::field(
            "delta",
            format!(
                "「{name}」现为{}分，减{}分会低于0分：本项最多还能减{}分",
                round1(scored + earlier),
                round1(-delta),
                round1(scored + earlier)
            ),
        ));
    }
    if after > max + 1e-9 {
        return Err(Error::field(
            "delta",
            format!("「{name}」满分{}分，加分后会超过满分：本项最多还能加{}分", max, round1(max - scored - earlier)),
        ));
    }
    Ok(())
}

/// A 考核组 score: within the item's points, and with the 加减分 already given still in bounds.
pub fn check_score(name: &str, max: f64, points: f64, adjusted: f64) -> Result<()> {
    if !(points.is_finite() && (0.0..=max + 1e-9).contains(&points)) {
        return Err(Error::field("points", format!("「{name}」的得分应在0到{max}分之间")));
    }
    let after = round1(points + adjusted);
    if after < -1e-9 || after > max + 1e-9 {
        return Err(Error::field(
            "points",
            format!("「{name}」已有加减分{}分，评{}分后本项会是{}分，超出0到{max}分", round1(adjusted), points, after),
        ));
    }
    Ok(())
}

/// A township's 自评 of an item.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(rename = "AssessmentSelfScoreInput")]
pub struct SelfScoreInput {
    #[ts(type = "number")]
    pub item_id: i64,
    pub points: f64,
    pub note: String,
    pub evidence: String,
    /// Why an automatic proposal is not taken.
    pub reason: String,
}

/// The automatic figure of an item: counted from the records (here, or as the township reported it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(rename = "AssessmentAutoFigure")]
pub struct AutoFigure {
    pub source: AutoSource,
    /// Percent for a rate, times for a count; none when there is nothing to count.
    pub figure: Option<f64>,
    /// The figure and how it was counted, in words.
    pub text: String,
    pub proposed: Option<f64>,
}

/// One row of a township's own 自评 sheet.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(rename = "AssessmentSelfRow")]
pub struct SelfRow {
    pub block: String,
    pub bonus: bool,
    pub item: Item,
    pub auto: Option<AutoFigure>,
    /// The 自评: entered, else the automatic proposal.
    pub points: Option<f64>,
    pub entered: bool,
    pub note: String,
    pub evidence: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(rename = "AssessmentSelfSheet")]
pub struct SelfSheet {
    pub template: Option<Template>,
    pub rows: Vec<SelfRow>,
    pub base: f64,
    pub bonus: f64,
}

/// A township the county lists before it sends anything.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(rename = "AssessmentTownshipInput")]
pub struct TownshipInput {
    pub name: String,
}

/// A township the county scores.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(rename = "AssessmentTownship")]
pub struct Township {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub office_id: String,
}

/// One township in the 考核结果表.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(rename = "AssessmentTownshipResult")]
pub struct TownshipResult {
    #[ts(type = "number")]
    pub township_id: i64,
    pub name: String,
    pub status: SentStatus,
    pub received_at: Option<String>,
    /// The 自评 totals the township sent.
    pub self_base: Option<f64>,
    pub self_bonus: Option<f64>,
    pub base: Option<f64>,
    pub bonus: Option<f64>,
    pub total: Option<f64>,
    pub grade: Option<Grade>,
    pub rank: Option<i64>,
    /// Items without a score yet (no 考核组 score and no automatic proposal).
    pub unscored: i64,
}

impl TownshipResult {
    /// 报送情况 as the table and the command line print it: a received sheet still being scored
    /// says so, so a half-scored table is never read as the final one.
    pub fn sent_text(&self) -> String {
        match (self.status, self.unscored) {
            (SentStatus::Sent, n) if n > 0 => format!("{}（{n}项未评）", self.status.label()),
            _ => self.status.label().to_string(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AssessmentResults {
    pub year: i64,
    pub template: Option<Template>,
    pub rows: Vec<TownshipResult>,
}

/// One entry of an item's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(rename = "AssessmentScoreEntry")]
pub struct ScoreEntry {
    pub points: f64,
    pub reason: String,
    pub at: String,
}

/// One item of a township's 评分表 at the county: 自评 beside 考核组.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(rename = "AssessmentSheetRow")]
pub struct SheetRow {
    pub block: String,
    pub bonus: bool,
    pub item: Item,
    pub self_points: Option<f64>,
    pub self_note: String,
    pub self_evidence: String,
    pub self_reason: String,
    /// The figure the township reported, with the points it earns by this template's rule.
    pub auto: Option<AutoFigure>,
    /// The latest 考核组 score, and every earlier one.
    pub group: Option<f64>,
    pub group_reason: String,
    pub history: Vec<ScoreEntry>,
    pub adjustments: Vec<ScoreEntry>,
    /// 考核组 score (else the automatic proposal) plus the 加减分.
    pub points: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(rename = "AssessmentTownshipSheet")]
pub struct TownshipSheet {
    pub year: i64,
    pub township: Township,
    pub result: TownshipResult,
    pub rows: Vec<SheetRow>,
    /// The 自评 was made on another template or version than this one.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(rename = "AssessmentScoreInput")]
pub struct ScoreInput {
    pub year: i64,
    #[ts(type = "number")]
    pub township_id: i64,
    #[ts(type = "number")]
    pub item_id: i64,
    pub points: f64,
    pub reason: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(rename = "AssessmentAdjustInput")]
pub struct AdjustInput {
    pub year: i64,
    #[ts(type = "number")]
    pub township_id: i64,
    #[ts(type = "number")]
    pub item_id: i64,
    pub delta: f64,
    pub reason: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(rename = "AssessmentSheetQuery")]
pub struct SheetQuery {
    pub year: i64,
    #[ts(type = "number")]
    pub township_id: i64,
}

/// One row of 数据-工作评价: a township's 自评 of one item, as its 上报包 carries it.
#[derive(Debug, Clone, PartialEq)]
pub struct PackRow {
    pub item_uuid: String,
    pub own: String,
    pub year: i64,
    pub template_uuid: String,
    pub version: i64,
    pub block: String,
    pub name: String,
    pub max_points: f64,
    pub auto: String,
    pub figure: Option<f64>,
    pub figure_text: String,
    pub points: Option<f64>,
    pub note: String,
    pub evidence: String,
    pub reason: String,
}

/// Every list of the area, for the window (`assessment_meta`).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AssessmentMeta {
    pub sources: Vec<SourceInfo>,
    pub grades: Vec<KeyLabel>,
    pub rank_by: Vec<KeyLabel>,
    pub statuses: Vec<KeyLabel>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(rename = "AssessmentSourceInfo")]
pub struct SourceInfo {
    pub key: AutoSource,
    pub label: String,
    pub how: String,
    pub unit: String,
    pub rate: bool,
}

impl AssessmentMeta {
    pub fn new() -> AssessmentMeta {
        AssessmentMeta {
            sources: AutoSource::ALL
                .iter()
                .map(|s| SourceInfo {
                    key: *s,
                    label: s.label().into(),
                    how: s.how().into(),
                    unit: s.unit().into(),
                    rate: s.is_rate(),
                })
                .collect(),
            grades: keyed(&Grade::ALL, Grade::label, Some(Grade::tone)),
            rank_by: keyed(&RankBy::ALL, RankBy::label, None),
            statuses: keyed(&SentStatus::ALL, SentStatus::label, Some(SentStatus::tone)),
        }
    }
}

impl Default for AssessmentMeta {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_automatic_figure_earns_full_points_at_its_mark_and_a_share_below() {
        assert_eq!(proposed(10.0, Some(95.0), Some(100.0)), Some(10.0));
        assert_eq!(proposed(10.0, Some(95.0), Some(47.5)), Some(5.0));
        assert_eq!(proposed(10.0, Some(4.0), Some(3.0)), Some(7.5));
        assert_eq!(proposed(10.0, Some(4.0), None), None);
    }

    #[test]
    fn ties_share_a_rank_and_the_next_skips() {
        let r = ranks(&[Some(90.0), Some(95.5), Some(90.0), None, Some(80.0)]);
        assert_eq!(r, vec![Some(2), Some(1), Some(2), None, Some(4)]);
    }

    #[test]
    fn the_grade_reads_the_base_only_and_bounds_hold() {
        assert_eq!(grade(88.0, 90.0, 80.0), Grade::Pass);
        assert_eq!(grade(90.0, 90.0, 80.0), Grade::Excellent);
        assert_eq!(grade(79.9, 90.0, 80.0), Grade::Fail);
        assert!(check_adjust("a", 10.0, Some(3.0), -1.0, -2.0).is_ok());
        let e = check_adjust("a", 10.0, Some(3.0), -1.0, -2.5).unwrap_err().to_string();
        assert!(e.contains("最多还能减2分"), "{e}");
        assert!(check_adjust("a", 10.0, Some(9.0), 0.0, 2.0).is_err());
        assert!(check_adjust("a", 10.0, None, 0.0, 1.0).is_err());
        assert!(check_score("a", 10.0, 1.0, -2.0).is_err());
    }
}
