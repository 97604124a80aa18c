//! 履职评议 and 履职积分 (DOMAIN.md §2): the records, and every rule as a pure function — a count that
//! does not add up, the grade rules with their boundaries, the composite score, the ranking, the
//! points of a deputy with their caps.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::common::{Tagged, Tone, Vote};
use crate::error::{Error, FieldError, Result};

pub const KINDS: &[&str] =
    &["任命人员履职评议", "专项工作评议", "审议意见落实测评", "民生实事测评", "乡镇人大工作评价"];
/// What a grade's bar counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// 满意票
    Satisfied,
    /// 满意票 + 基本满意票
    SatisfiedOrBasic,
    /// the composite score (0–100, compared on tenths as shown)
    Score,
}

/// What a bar is a share of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// 应到: the group's full membership
    Expected,
    /// 有效票
    Valid,
    /// 100 points
    Hundred,
}

/// One grade of a rule, reached when the measure is above (`strict`) or at least `num/den` of the base.
#[derive(Debug, Clone, Copy)]
pub struct Bar {
    pub grade: &'static str,
    pub tier: &'static str,
    pub measure: Measure,
    pub num: i128,
    pub den: i128,
    pub strict: bool,
}

/// A grade rule: its bars, highest first, and the grade below them all.
#[derive(Debug, Clone, Copy)]
pub struct GradeRule {
    pub key: &'static str,
    pub name: &'static str,
    pub base: Base,
    pub bars: &'static [Bar],
    pub below: &'static str,
}

const fn bar(grade: &'static str, tier: &'static str, measure: Measure, num: i128, den: i128, strict: bool) -> Bar {
    Bar { grade, tier, measure, num, den, strict }
}

/// The two-level preset's key (满意 if 满意 > half of 应到, else 不满意).
pub const TWO_LEVEL_RULE: &str = "two_level";

/// The grade rules: `grade()` applies them and `rule_text()` says them, both from this table.
pub const RULES: &[GradeRule] = &[
    GradeRule {
        key: "majority",
        name: "过半数规则（默认）",
        base: Base::Expected,
        bars: &[
            bar(Vote::Satisfied.label(), "good", Measure::Satisfied, 1, 2, true),
            bar(Vote::Basic.label(), "fair", Measure::SatisfiedOrBasic, 1, 2, true),
        ],
        below: Vote::Unsatisfied.label(),
    },
    // DOMAIN.md §6.4: the 审议意见 rating's preset, 满意 or 不满意 only
    GradeRule {
        key: TWO_LEVEL_RULE,
        name: "两级规则（满意、不满意）",
        base: Base::Expected,
        bars: &[bar(Vote::Satisfied.label(), "good", Measure::Satisfied, 1, 2, true)],
        below: Vote::Unsatisfied.label(),
    },
    GradeRule {
        key: "two_thirds",
        name: "三分之二规则",
        base: Base::Valid,
        bars: &[bar("合格", "good", Measure::SatisfiedOrBasic, 2, 3, true)],
        below: "不合格",
    },
    GradeRule {
        key: "competent",
        name: "称职率规则",
        base: Base::Valid,
        bars: &[
            bar("称职", "good", Measure::Satisfied, 4, 5, false),
            bar("基本称职", "fair", Measure::Satisfied, 1, 2, false),
        ],
        below: "不称职",
    },
    GradeRule {
        key: "score100",
        name: "百分制评分",
        base: Base::Hundred,
        bars: &[bar("优秀", "good", Measure::Score, 9, 10, false), bar("合格", "good", Measure::Score, 4, 5, false)],
        below: "不合格",
    },
];

pub fn grade_rule(rule: &str) -> Result<&'static GradeRule> {
    RULES.iter().find(|r| r.key == rule).ok_or_else(|| {
        let keys: Vec<&str> = RULES.iter().map(|r| r.key).collect();
        Error::field("rule", format!("评定规则「{rule}」无法识别，可选：{}", keys.join("、")))
    })
}

/// The rule in words, as the results page and the printed table say it.
pub fn rule_text(rule: &GradeRule) -> String {
    let (lead, base) = match rule.base {
        Base::Expected => ("", "该组应到人数"),
        Base::Valid => ("", "有效票"),
        Base::Hundred => ("各项评分按权重合成百分制得分：", ""),
    };
    let mut parts: Vec<String> = rule
        .bars
        .iter()
        .map(|b| {
            let what = match b.measure {
                Measure::Satisfied => Vote::Satisfied.votes_label().to_string(),
                Measure::SatisfiedOrBasic => format!("{}与{}之和", Vote::Satisfied.label(), Vote::Basic.votes_label()),
                Measure::Score => "得分".to_string(),
            };
            let reach = match (b.strict, b.measure, b.num, b.den) {
                (true, _, 1, 2) => format!("超过{base}的一半"),
                (true, _, 2, 3) => format!("超过{base}的三分之二"),
                (true, _, n, d) => format!("超过{base}的 {}%", 100 * n / d),
                (false, Measure::Score, n, d) => format!(" {} 分及以上", 100 * n / d),
                (false, _, n, d) => format!("占{base} {}% 及以上", 100 * n / d),
            };
            format!("{what}{reach}为{}", b.grade)
        })
        .collect();
    parts.push(format!("否则为{}", rule.below));
    let strict = if rule.bars.iter().any(|b| b.strict) { "（恰好达到不算超过）" } else { "" };
    format!("{lead}{}{strict}", parts.join("；"))
}

pub const STAGES: &[&str] = &["履职报告", "调查", "案卷评查", "述职", "测评"];
/// Points of a 基本满意 vote in the composite score of a ballot (满意 100, 不满意 and 弃权 0).
pub const BASIC_POINTS: f64 = 60.0;
/// The most people a rater group may have (应到): a county's or a city's congress is a few hundred,
/// the national one about three thousand. Every ballot count is bounded by it, so no tally overflows.
pub const MAX_GROUP_SIZE: i64 = 100_000;

pub fn rule_name(rule: &str) -> Result<&'static str> {
    grade_rule(rule).map(|r| r.name)
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Stage {
    pub name: String,
    pub date: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct RaterGroup {
    /// 0 for a new group
    pub id: i64,
    pub name: String,
    pub weight: f64,
    /// 应到: the group's full membership
    pub expected: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Criterion {
    pub id: i64,
    pub name: String,
    pub weight: f64,
    /// `suggestions`: the 满意率 of the suggestions the subject's unit handled, × 100
    pub auto: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Subject {
    pub id: i64,
    pub name: String,
    /// 职务, or the item evaluated
    pub post: Option<String>,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub appointed: Option<String>,
    /// A 民生实事 rating's subject: the project it stands for (DOMAIN.md §5.5).
    #[ts(optional)]
    pub project_id: Option<i64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct EvaluationInput {
    pub year: i64,
    pub name: String,
    pub kind: String,
    /// majority · two_thirds · competent · score100
    pub rule: String,
    pub stages: Vec<Stage>,
    pub groups: Vec<RaterGroup>,
    pub criteria: Vec<Criterion>,
    pub subjects: Vec<Subject>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct Evaluation {
    pub id: i64,
    pub uuid: String,
    pub year: i64,
    pub name: String,
    pub kind: String,
    pub rule: String,
    pub rule_name: String,
    pub stages: Vec<Stage>,
    pub groups: Vec<RaterGroup>,
    pub criteria: Vec<Criterion>,
    pub subjects: Vec<Subject>,
    /// open · closed
    pub status: String,
    pub closed_at: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct EvaluationRow {
    pub id: i64,
    pub year: i64,
    pub name: String,
    pub kind: String,
    pub rule_name: String,
    pub subjects: i64,
    pub status: String,
}

/// The counted paper ballots of one subject in one group (the usual case: paper, secret).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct BallotCount {
    pub subject_id: i64,
    pub group_id: i64,
    /// 实到
    pub present: i64,
    /// 废票
    pub invalid: i64,
    pub satisfied: i64,
    pub basic: i64,
    pub unsatisfied: i64,
    pub abstain: i64,
}

impl BallotCount {
    /// 有效票 = 实到 − 废票 (counts are checked by [`check_count`] before they are saved; a count
    /// from elsewhere that would overflow saturates instead of wrapping round)
    pub fn valid(&self) -> i64 {
        self.present.saturating_sub(self.invalid)
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ScoreEntry {
    pub subject_id: i64,
    pub group_id: i64,
    pub criterion_id: i64,
    pub score: f64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct BallotArgs {
    pub evaluation_id: i64,
    pub counts: Vec<BallotCount>,
    pub scores: Vec<ScoreEntry>,
}

/// One subject in one group: the figures of DOMAIN.md §2.1.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct GroupResult {
    pub group_id: i64,
    pub group: String,
    pub expected: i64,
    pub counted: bool,
    pub ballot: BallotCount,
    pub valid: i64,
    /// 满意票 / 有效票
    pub satisfied_rate: Option<f64>,
    /// 基本满意票 / 有效票
    pub basic_rate: Option<f64>,
    pub score: Option<f64>,
    pub grade: Option<String>,
    /// good · fair · poor: how the grade reads (the window colours it), from [`grade_tier`]
    pub tier: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct SubjectResult {
    pub subject_id: i64,
    pub name: String,
    pub post: Option<String>,
    pub groups: Vec<GroupResult>,
    /// all groups together
    pub total: BallotCount,
    pub satisfied_rate: Option<f64>,
    pub basic_rate: Option<f64>,
    /// weighted composite score (0–100)
    pub score: Option<f64>,
    pub grade: Option<String>,
    /// good · fair · poor, from [`grade_tier`]
    pub tier: Option<String>,
    /// 1 = best; equal scores share a rank
    pub rank: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct EvaluationResults {
    pub evaluation_id: i64,
    pub rule: String,
    pub rule_text: String,
    /// How 综合得分 is computed under this rule, for the column's help.
    pub score_text: String,
    pub subjects: Vec<SubjectResult>,
    /// every subject has its ballots in every group
    pub complete: bool,
    pub locked: bool,
}

/// Refuses a count that does not add up, naming the subject, the group and the figure.
pub fn check_count(c: &BallotCount, who: &str, group: &str, expected: i64) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut e = |field: &str, m: String| {
        errs.push(FieldError { field: field.into(), message: format!("「{who}」{group}：{m}") })
    };
    for (f, label, v) in [
        ("present", "实到", c.present),
        ("invalid", "废票", c.invalid),
        (Vote::Satisfied.field(), Vote::Satisfied.label(), c.satisfied),
        (Vote::Basic.field(), Vote::Basic.label(), c.basic),
        (Vote::Unsatisfied.field(), Vote::Unsatisfied.label(), c.unsatisfied),
        ("abstain", "弃权", c.abstain),
    ] {
        if v < 0 {
            e(f, format!("{label}票数不能为负数"));
        }
    }
    if c.present > expected {
        e("present", format!("实到 {} 人超过应到 {expected} 人", c.present));
    }
    if c.invalid > c.present {
        e("invalid", format!("废票 {} 张超过实到 {} 人", c.invalid, c.present));
    }
    let figures = [
        (Vote::Satisfied.field(), Vote::Satisfied.label(), c.satisfied),
        (Vote::Basic.field(), Vote::Basic.label(), c.basic),
        (Vote::Unsatisfied.field(), Vote::Unsatisfied.label(), c.unsatisfied),
        ("abstain", "弃权", c.abstain),
    ];
    for (f, label, v) in figures {
        if v > c.present {
            e(f, format!("{label}票 {v} 张超过实到 {} 人", c.present));
        }
    }
    // added with a check: four counts near the largest integer would wrap round to a small total
    let Some(votes) = figures.iter().try_fold(0i64, |sum, (_, _, v)| sum.checked_add(*v)) else {
        e("satisfied", "票数过大，无法合计，请核对各项票数".into());
        return errs;
    };
    if votes > c.present {
        e("satisfied", format!("票数合计 {votes} 张超过实到 {} 人", c.present));
    } else if c.present > 0 && votes != c.valid() {
        e(
            "satisfied",
            format!(
                "{} {} + {} {} + {} {} + 弃权 {} = {votes} 张，与有效票 {} 张（实到 {} − 废票 {}）不符",
                Vote::Satisfied.label(),
                c.satisfied,
                Vote::Basic.label(),
                c.basic,
                Vote::Unsatisfied.label(),
                c.unsatisfied,
                c.abstain,
                c.valid(),
                c.present,
                c.invalid
            ),
        );
    }
    errs
}

fn ratio(n: i64, d: i64) -> Option<f64> {
    (d > 0).then(|| n as f64 / d as f64)
}

/// How 综合得分 is made: from the ballots (满意 100, 基本满意 `BASIC_POINTS`) or, under 百分制, from the
/// criteria's scores; each group's score weighted by the group's weight.
pub fn score_text(rule: &str) -> String {
    let per_group = if rule == "score100" {
        "各组按评分项目的权重合成百分制得分".to_string()
    } else {
        format!("各组得分 =（满意票 × 100 + 基本满意票 × {BASIC_POINTS}）÷ 有效票")
    };
    format!("综合得分：{per_group}，再按各测评组的权重加权合成（0—100 分）")
}

/// The score of one group's ballots: 满意 100, 基本满意 60, 不满意 and 弃权 0, over the valid votes.
pub fn ballot_score(c: &BallotCount) -> Option<f64> {
    let satisfied = (c.valid() > 0).then(|| (100 * i128::from(c.satisfied)) as f64 / c.valid() as f64);
    satisfied.map(|s| s + BASIC_POINTS * ratio(c.basic, c.valid()).unwrap_or(0.0))
}

/// How a grade of any rule reads: `good` (满意, 合格, 称职, 优秀), `fair` (基本满意, 基本称职) or
/// `poor` (the grades below every bar), so the window colours grades without knowing their names.
pub fn grade_tier(grade: Option<&str>) -> Option<String> {
    let grade = grade?;
    let bar = RULES.iter().flat_map(|r| r.bars).find(|b| b.grade == grade);
    Some(bar.map_or("poor", |b| b.tier).to_string())
}

/// The grade of ballots under a rule (the table [`RULES`]). `expected` is the 应到 of the group(s)
/// concerned. "More than half" is strict: exactly half is not more than half (DOMAIN.md §2.1).
pub fn grade(rule: &str, c: &BallotCount, expected: i64, score: Option<f64>) -> Option<String> {
    let rule = grade_rule(rule).ok()?;
    // compared in 128 bits: no count, however large, can wrap round
    let (satisfied, basic) = (i128::from(c.satisfied), i128::from(c.basic));
    // scores carry one decimal: compare on tenths, so 89.95 rounds to 90.0 as shown
    let tenths = score.map(|s| (s * 10.0).round() as i128);
    let base = match rule.base {
        Base::Expected => i128::from(expected),
        Base::Valid => i128::from(c.valid()),
        Base::Hundred => tenths.map(|_| 1000)?,
    };
    if base <= 0 {
        return None;
    }
    let reached = |b: &Bar| {
        let m = match b.measure {
            Measure::Satisfied => satisfied,
            Measure::SatisfiedOrBasic => satisfied + basic,
            Measure::Score => tenths.unwrap_or(0),
        };
        if b.strict {
            m * b.den > b.num * base
        } else {
            m * b.den >= b.num * base
        }
    };
    let g = rule.bars.iter().find(|b| reached(b)).map_or(rule.below, |b| b.grade);
    Some(g.into())
}

/// Σ weight × value / Σ weight over the values present; None when none is.
pub fn weighted(values: &[(f64, Option<f64>)]) -> Option<f64> {
    let (mut sum, mut w) = (0.0, 0.0);
    for (weight, v) in values {
        if let Some(v) = v {
            sum += weight * v;
            w += weight;
        }
    }
    (w > 0.0).then(|| sum / w)
}

/// Ranks by score, best first; equal scores (to one decimal) share a rank: 1, 1, 3.
pub fn rank(results: &mut [SubjectResult]) {
    let key = |s: Option<f64>| s.map(|x| (x * 10.0).round() as i64);
    let mut scores: Vec<i64> = results.iter().filter_map(|r| key(r.score)).collect();
    scores.sort_unstable_by(|a, b| b.cmp(a));
    for r in results.iter_mut() {
        r.rank = key(r.score).map(|k| scores.iter().position(|x| *x == k).unwrap_or(0) as i64 + 1);
    }
}

/// All groups' ballots together (saturating: counts are bounded when saved, see [`check_count`]).
pub fn sum_counts(counts: &[BallotCount]) -> BallotCount {
    counts.iter().fold(BallotCount::default(), |a, c| BallotCount {
        subject_id: c.subject_id,
        group_id: 0,
        present: a.present.saturating_add(c.present),
        invalid: a.invalid.saturating_add(c.invalid),
        satisfied: a.satisfied.saturating_add(c.satisfied),
        basic: a.basic.saturating_add(c.basic),
        unsatisfied: a.unsatisfied.saturating_add(c.unsatisfied),
        abstain: a.abstain.saturating_add(c.abstain),
    })
}

pub fn with_rates(c: &BallotCount) -> (Option<f64>, Option<f64>) {
    (ratio(c.satisfied, c.valid()), ratio(c.basic, c.valid()))
}

/// Checks an evaluation's template: every problem at once, by field.
pub fn validate_evaluation(e: &EvaluationInput) -> Result<EvaluationInput> {
    let e = &crate::fields::checked(e)?;
    let mut errs = Vec::new();
    let mut add = |f: &str, m: String| errs.push(FieldError { field: f.into(), message: m });
    let name = crate::text::clean(&e.name).unwrap_or_default();
    if name.is_empty() {
        add("name", "请填写评议名称，如 2024年度县政府组成部门负责人履职评议".into());
    }
    if !(2000..=2100).contains(&e.year) {
        add("year", "请填写年度（如 2024）".into());
    }
    if !KINDS.contains(&e.kind.as_str()) {
        add("kind", format!("评议类型应为：{}", KINDS.join("、")));
    }
    if rule_name(&e.rule).is_err() {
        add("rule", "请选择评定规则".into());
    }
    if e.groups.is_empty() {
        add("groups", "至少设一个测评组（如 常委会组成人员）".into());
    }
    for g in &e.groups {
        if g.name.trim().is_empty() || g.weight <= 0.0 || g.expected <= 0 {
            add("groups", format!("测评组「{}」须有名称、大于 0 的权重和应到人数", g.name.trim()));
        } else if g.expected > MAX_GROUP_SIZE || !g.weight.is_finite() {
            add("groups", format!("测评组「{}」的应到人数应不超过{MAX_GROUP_SIZE}人，权重应为有限的数", g.name.trim()));
        }
    }
    if e.rule == "score100" && e.criteria.is_empty() {
        add("criteria", "百分制评分须设评分项目（如 依法履职、工作实绩）".into());
    }
    for c in &e.criteria {
        if c.name.trim().is_empty() || c.weight <= 0.0 {
            add("criteria", format!("评分项目「{}」须有名称和大于 0 的权重", c.name.trim()));
        }
    }
    for s in &e.subjects {
        if s.name.trim().is_empty() {
            add("subjects", "被评议对象须有姓名（或项目名称）".into());
        }
    }
    if !errs.is_empty() {
        return Err(Error::fields(errs));
    }
    let mut out = e.clone();
    out.name = name;
    for s in &mut out.subjects {
        s.name = crate::text::normalize_name(s.name.trim());
    }
    Ok(out)
}

// ------------------------------------------------------------------ 履职积分

/// The kinds of the points rule table (DOMAIN.md §2.2) with their defaults: (key, name, points, unit).
pub const POINT_KINDS: &[(&str, &str, f64, &str)] = &[
    ("suggestion", "提出建议", 3.0, "件"),
    ("key_suggestion", "建议被列为重点督办", 2.0, "件"),
    ("inspection", "参加视察、调研、执法检查", 3.0, "次"),
    ("reception", "进站接待选民", 2.0, "次"),
    ("report", "向选民述职", 5.0, "次"),
    ("session_day", "参加人代会", 2.0, "天"),
    ("leave_half_day", "人代会请假", -1.0, "半天"),
    ("absence", "人代会无故缺席", -3.0, "次"),
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PointRule {
    pub kind: String,
    pub name: String,
    pub points: f64,
    /// the most a deputy can earn (or lose) by this kind in a year; None = no cap
    pub cap: Option<f64>,
    pub unit: String,
}

pub fn default_rules() -> Vec<PointRule> {
    POINT_KINDS
        .iter()
        .map(|(k, n, p, u)| PointRule {
            kind: k.to_string(),
            name: n.to_string(),
            points: *p,
            cap: None,
            unit: u.to_string(),
        })
        .collect()
}

/// Points of one kind: count × points, held within the cap (a cap bounds gains and losses alike).
pub fn kind_points(count: f64, rule: &PointRule) -> f64 {
    let p = count * rule.points;
    match rule.cap {
        Some(cap) if p > cap.abs() => cap.abs(),
        Some(cap) if p < -cap.abs() => -cap.abs(),
        _ => p,
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct KindCount {
    pub kind: String,
    pub count: f64,
    pub points: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DeputyPoints {
    pub deputy_id: i64,
    pub name: String,
    /// 代表团 / 代表小组
    pub group: Option<String>,
    pub kinds: Vec<KindCount>,
    pub adjustments: f64,
    /// 履职天数: days at 人代会 plus the days of register activities attended
    pub days: f64,
    pub total: f64,
    pub rank: i64,
    pub group_rank: i64,
    /// below the 约谈 threshold
    pub low: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PointsQuery {
    pub year: i64,
    /// 1–4: points up to the end of that quarter (季度亮分); none = the whole year
    #[ts(optional)]
    pub quarter: Option<i64>,
    #[ts(optional)]
    pub group: Option<String>,
    #[ts(optional)]
    pub q: Option<String>,
    /// 1-based; with `page_size`, the rows of that page only (the ranks stay those of the whole table)
    #[ts(optional)]
    pub page: Option<i64>,
    /// none or 0 = every row (exports, the 上报包)
    #[ts(optional)]
    pub page_size: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PointsTable {
    pub year: i64,
    pub quarter: Option<i64>,
    pub rules: Vec<PointRule>,
    pub rows: Vec<DeputyPoints>,
    /// rows matching the filters, on every page together
    pub total: i64,
    pub low_threshold: f64,
    /// What the table cannot count and why (a session without its dates).
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AdjustmentInput {
    pub deputy_id: i64,
    pub date: String,
    pub points: f64,
    pub reason: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AttendanceRow {
    pub deputy_id: i64,
    #[ts(optional)]
    pub name: Option<String>,
    pub days_present: f64,
    pub half_days_leave: i64,
    pub absences: i64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AttendanceArgs {
    pub session_id: i64,
    pub rows: Vec<AttendanceRow>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct RulesArgs {
    pub year: i64,
    pub rules: Vec<PointRule>,
    #[ts(optional)]
    pub low_threshold: Option<f64>,
}

/// A dossier's line of the congress's sessions attended.
pub const SESSION_LINE: &str = "人代会";
/// A dossier's line of a suggestion the deputy led or joined.
pub const SUGGESTION_LINE: &str = "建议";
/// A dossier's line of points added or taken by hand.
pub const ADJUSTMENT_LINE: &str = "积分调整";
/// A dossier's line of a 民生实事 project visit (DOMAIN.md §5.4).
pub const PROJECT_VISIT_LINE: &str = "项目监督";
/// A dossier's line of a 常委会 meeting attended as 列席, or a 执法检查 / 视察 on a 议题 (DOMAIN.md §6.7).
pub const OVERSIGHT_LINE: &str = "常委会监督";
/// The kind of a 民生实事 rating among `KINDS`.
pub const PROJECT_RATING_KIND: &str = "民生实事测评";

/// The kinds of a dossier's lines with their tones: sessions red, activities blue, contacts
/// green, 述职 orange, the rest grey. A register's line is of its book's short name.
pub fn dossier_kinds() -> Vec<Tagged> {
    let book = crate::stations::model::book_short;
    vec![
        Tagged::new(SESSION_LINE, Tone::Danger),
        Tagged::new(book("activity"), Tone::Primary),
        Tagged::new(book("contact"), Tone::Success),
        Tagged::new(book("report"), Tone::Warning),
        Tagged::new(SUGGESTION_LINE, Tone::Info),
        Tagged::new(book("opinion"), Tone::Info),
        Tagged::new(ADJUSTMENT_LINE, Tone::Info),
        Tagged::new(PROJECT_VISIT_LINE, Tone::Primary),
        Tagged::new(OVERSIGHT_LINE, Tone::Primary),
    ]
}

/// One line of a deputy's 履职档案.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DossierLine {
    pub date: String,
    /// 人代会 · 活动 · 联系群众 · 述职 · 意见 · 建议 · 积分调整
    pub kind: String,
    pub title: String,
    pub detail: String,
    pub points: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Dossier {
    pub deputy_id: i64,
    pub name: String,
    pub from: String,
    pub to: String,
    pub lines: Vec<DossierLine>,
    pub points: Option<DeputyPoints>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rule_is_said_as_it_is_applied() {
        let texts: Vec<String> = RULES.iter().map(rule_text).collect();
        assert_eq!(
            texts,
            [
                "满意票超过该组应到人数的一半为满意；满意与基本满意票之和超过该组应到人数的一半为基本满意；否则为不满意（恰好达到不算超过）",
                "满意票超过该组应到人数的一半为满意；否则为不满意（恰好达到不算超过）",
                "满意与基本满意票之和超过有效票的三分之二为合格；否则为不合格（恰好达到不算超过）",
                "满意票占有效票 80% 及以上为称职；满意票占有效票 50% 及以上为基本称职；否则为不称职",
                "各项评分按权重合成百分制得分：得分 90 分及以上为优秀；得分 80 分及以上为合格；否则为不合格",
            ]
        );
        // every rule once in the window's list, every grade with its tier
        let meta = crate::api::EvaluationMeta::new();
        assert_eq!(meta.rules.len(), RULES.len());
        for r in RULES {
            assert_eq!(meta.rules.iter().filter(|m| m.0 == r.key).count(), 1, "{}", r.key);
            assert_eq!(grade_tier(Some(r.below)).as_deref(), Some("poor"));
        }
    }

    fn c(present: i64, sat: i64, basic: i64, unsat: i64) -> BallotCount {
        BallotCount { present, satisfied: sat, basic, unsatisfied: unsat, ..Default::default() }
    }

    #[test]
    fn majority_counts_against_the_full_membership_and_half_is_not_more() {
        // 应到 40: 20 满意 is exactly half — not more than half
        assert_eq!(grade("majority", &c(36, 20, 10, 6), 40, None).as_deref(), Some("基本满意"));
        assert_eq!(grade("majority", &c(36, 21, 10, 5), 40, None).as_deref(), Some("满意"));
        // 满意 + 基本满意 exactly half of 应到 (not of 实到): 不满意
        assert_eq!(grade("majority", &c(30, 10, 10, 10), 40, None).as_deref(), Some("不满意"));
        assert_eq!(grade("majority", &c(30, 10, 11, 9), 40, None).as_deref(), Some("基本满意"));
    }

    #[test]
    fn two_thirds_of_valid_votes_is_not_more_than_two_thirds() {
        let mut b = c(30, 14, 6, 10); // 20 of 30 = exactly 2/3
        assert_eq!(grade("two_thirds", &b, 40, None).as_deref(), Some("不合格"));
        b.basic = 7;
        b.unsatisfied = 9;
        assert_eq!(grade("two_thirds", &b, 40, None).as_deref(), Some("合格"));
        // 废票 do not count: 31 present, 1 invalid, 21 of 30 valid
        let b = BallotCount { present: 31, invalid: 1, satisfied: 21, basic: 0, unsatisfied: 9, ..Default::default() };
        assert_eq!(grade("two_thirds", &b, 40, None).as_deref(), Some("合格"));
    }

    #[test]
    fn competent_at_exactly_eighty_and_fifty_percent() {
        assert_eq!(grade("competent", &c(50, 40, 5, 5), 50, None).as_deref(), Some("称职"));
        assert_eq!(grade("competent", &c(50, 39, 6, 5), 50, None).as_deref(), Some("基本称职"));
        assert_eq!(grade("competent", &c(50, 25, 10, 15), 50, None).as_deref(), Some("基本称职"));
        assert_eq!(grade("competent", &c(50, 24, 11, 15), 50, None).as_deref(), Some("不称职"));
    }

    #[test]
    fn the_hundred_point_score_at_its_boundaries() {
        assert_eq!(grade("score100", &BallotCount::default(), 0, Some(90.0)).as_deref(), Some("优秀"));
        assert_eq!(grade("score100", &BallotCount::default(), 0, Some(89.94)).as_deref(), Some("合格"));
        assert_eq!(grade("score100", &BallotCount::default(), 0, Some(80.0)).as_deref(), Some("合格"));
        assert_eq!(grade("score100", &BallotCount::default(), 0, Some(79.9)).as_deref(), Some("不合格"));
        assert_eq!(grade("score100", &BallotCount::default(), 0, None), None);
    }

    #[test]
    fn counts_that_do_not_add_up_are_refused_by_name() {
        let ok = BallotCount {
            present: 30,
            invalid: 1,
            satisfied: 20,
            basic: 6,
            unsatisfied: 2,
            abstain: 1,
            ..Default::default()
        };
        assert!(check_count(&ok, "王局长", "人大代表组", 35).is_empty());
        let over = BallotCount { present: 36, ..ok };
        assert!(check_count(&over, "王局长", "人大代表组", 35)[0].message.contains("实到 36 人超过应到 35 人"));
        let wrong = BallotCount { satisfied: 21, ..ok };
        let e = check_count(&wrong, "王局长", "人大代表组", 35);
        assert!(
            e[0].message.starts_with("「王局长」人大代表组：") && e[0].message.contains("与有效票 29 张"),
            "{}",
            e[0].message
        );
        let too_many = BallotCount { satisfied: 40, ..ok };
        assert!(check_count(&too_many, "王局长", "人大代表组", 35)[0].message.contains("超过实到"));
    }

    #[test]
    fn weights_scores_and_shared_ranks() {
        // 满意 100, 基本满意 60: 20 × 100 + 10 × 60 over 30 valid = 86.67
        let s = ballot_score(&c(30, 20, 10, 0)).unwrap();
        assert!((s - 86.666).abs() < 0.01);
        // weights 0.6 / 0.4
        assert!((weighted(&[(0.6, Some(90.0)), (0.4, Some(80.0))]).unwrap() - 86.0).abs() < 1e-9);
        assert_eq!(weighted(&[(0.6, None)]), None);
        let mut rs: Vec<SubjectResult> = [Some(90.0), Some(85.0), Some(90.0), None]
            .iter()
            .map(|s| SubjectResult { score: *s, ..Default::default() })
            .collect();
        rank(&mut rs);
        assert_eq!(rs.iter().map(|r| r.rank).collect::<Vec<_>>(), [Some(1), Some(3), Some(1), None]);
    }

    #[test]
    fn caps_bound_gains_and_losses() {
        let r = PointRule {
            kind: "reception".into(),
            name: String::new(),
            points: 2.0,
            cap: Some(20.0),
            unit: String::new(),
        };
        assert_eq!(kind_points(7.0, &r), 14.0);
        assert_eq!(kind_points(12.0, &r), 20.0);
        let r = PointRule { points: -3.0, cap: Some(6.0), ..r };
        assert_eq!(kind_points(3.0, &r), -6.0);
    }

    #[test]
    fn the_window_gets_each_dossier_kind_once_with_every_book() {
        let kinds = dossier_kinds();
        for k in &kinds {
            assert_eq!(kinds.iter().filter(|x| x.value == k.value).count(), 1, "{}", k.value);
        }
        for (key, _, short) in crate::stations::model::BOOKS {
            assert!(kinds.iter().any(|k| k.value == *short), "{key}");
        }
        let lines = [SESSION_LINE, SUGGESTION_LINE, ADJUSTMENT_LINE, PROJECT_VISIT_LINE, OVERSIGHT_LINE];
        for line in lines {
            assert!(kinds.iter().any(|k| k.value == line), "{line}");
        }
        assert_eq!(kinds.len(), crate::stations::model::BOOKS.len() + lines.len());
    }
}

/// A project's rating result (DOMAIN.md §5.5), from the evaluation whose subject stands for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ProjectRating {
    pub evaluation_id: i64,
    pub evaluation: String,
    pub grade: Option<String>,
    /// good · fair · poor
    pub tier: Option<String>,
    /// 满意票 ÷ 有效票
    pub satisfied_rate: Option<f64>,
    /// (满意 + 基本满意) ÷ 有效票
    pub satisfied_basic_rate: Option<f64>,
    pub counted: bool,
}
