//! The 满意度测评 of a 审议意见's handling report (DOMAIN.md §6.4): each rating is an evaluation
//! with the §2.1 machinery — one group 常委会组成人员 (应到 = its full membership), one subject, the
//! counted paper ballots — closed as soon as it is counted, and its outcome drives the opinion's
//! state. Built here because evaluation stands above oversight.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::*;
use super::store;
use crate::db::audit_json;
use crate::error::{Error, Result};
use crate::oversight::model::{check_action, OpinionAction, OpinionRow, OpinionState};
use crate::Renda;

/// The kind of the evaluations a 审议意见 rating makes.
pub const OVERSIGHT_RATING_KIND: &str = "审议意见落实测评";
/// Who rates: the 常委会组成人员 (at a township, the 主席团 and the deputies present are entered
/// the same way).
pub const OVERSIGHT_GROUP: &str = "常委会组成人员";

/// `oversight_rate`'s arguments: the counted ballots of one round.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct OversightRatingArgs {
    pub opinion_id: i64,
    /// two_level (default: 满意 / 不满意) · majority · two_thirds · competent
    #[ts(optional)]
    pub rule: Option<String>,
    /// 测评日期; today when left out
    #[ts(optional)]
    pub date: Option<String>,
    /// 应到: the full membership
    pub expected: i64,
    pub present: i64,
    pub invalid: i64,
    pub satisfied: i64,
    pub basic: i64,
    pub unsatisfied: i64,
    pub abstain: i64,
}

impl Renda {
    /// Records a round's rating: the evaluation with its counted ballots, closed, and the outcome
    /// on the opinion (满意 → 跟踪 / 办结; 不满意 → another round), all in one transaction.
    pub fn oversight_rate(&mut self, a: &OversightRatingArgs) -> Result<crate::oversight::model::Opinion> {
        let a = crate::fields::checked(a)?;
        let row = crate::oversight::store::opinion_row_get(self.conn(), a.opinion_id)?
            .ok_or_else(|| Error::NotFound(format!("找不到编号为 {} 的审议意见，请刷新页面。", a.opinion_id)))?;
        check_action(row.state, OpinionAction::Rate)?;
        debug_assert_eq!(row.state, OpinionState::Reported);
        let rule = a.rule.clone().filter(|r| !r.trim().is_empty()).unwrap_or_else(|| TWO_LEVEL_RULE.into());
        if grade_rule(&rule)?.key == "score100" {
            return Err(Error::field("rule", "审议意见测评按满意、不满意计票，请选择其他等次规则"));
        }
        let date = crate::oversight::step_date("date", "测评日期", &a.date)?;
        if !(1..=MAX_GROUP_SIZE).contains(&a.expected) {
            return Err(Error::field("expected", "请填写应到人数（常委会组成人员总数）"));
        }
        let count = BallotCount {
            present: a.present,
            invalid: a.invalid,
            satisfied: a.satisfied,
            basic: a.basic,
            unsatisfied: a.unsatisfied,
            abstain: a.abstain,
            ..Default::default()
        };
        let errs = check_count(&count, &row.doc_no, OVERSIGHT_GROUP, a.expected);
        if !errs.is_empty() {
            return Err(Error::fields(errs));
        }
        self.write(|tx| record_rating(tx, &row, &a, &rule, &date, count))?;
        self.opinion_get(row.id)
    }
}

/// Writes a checked rating: the evaluation with its counted ballots, closed, and the outcome on the
/// opinion. The demo writes its ratings through it too.
pub fn record_rating(
    tx: &rusqlite::Connection,
    row: &OpinionRow,
    a: &OversightRatingArgs,
    rule: &str,
    date: &str,
    count: BallotCount,
) -> Result<()> {
    let grade =
        grade(rule, &count, a.expected, None).unwrap_or_else(|| crate::common::Vote::Unsatisfied.label().into());
    let passed = grade_tier(Some(&grade)).as_deref() != Some("poor");
    let rate = (count.valid() > 0).then(|| count.satisfied as f64 / count.valid() as f64);
    let e = EvaluationInput {
        year: date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(row.year),
        name: format!("审议意见落实情况测评：{}（第{}轮）", row.doc_no, row.round),
        kind: OVERSIGHT_RATING_KIND.into(),
        rule: rule.into(),
        stages: vec![Stage { name: "测评".into(), date: Some(date.into()), note: None }],
        groups: vec![RaterGroup { id: 0, name: OVERSIGHT_GROUP.into(), weight: 1.0, expected: a.expected }],
        criteria: vec![],
        subjects: vec![Subject { name: row.topic.clone(), post: Some(row.body.clone()), ..Default::default() }],
    };
    let e = validate_evaluation(&e)?;
    let uuid = uuid::Uuid::new_v4().to_string();
    let id = store::insert_evaluation(tx, &uuid, &e)?;
    store::save_template(tx, id, &e, &Default::default())?;
    let subject = store::subjects(tx, id)?.first().map(|s| s.id).unwrap_or_default();
    let group = store::groups(tx, id)?.first().map(|g| g.id).unwrap_or_default();
    store::write_counts(tx, &[BallotCount { subject_id: subject, group_id: group, ..count }])?;
    store::set_closed(tx, id, true)?;
    let what = format!("{}：{grade}", e.name);
    audit_json(tx, "evaluation", Some(&uuid), "create", &what, None, serde_json::to_string(a).ok())?;
    crate::oversight::apply_rating(tx, row.id, id, date, &grade, rate, passed)
}

/// The demo's rating of an opinion's current round: 应到 `expected`, 实到 `present`, `satisfied` 满意
/// and the rest 不满意, under the two-level preset.
pub fn demo_rating(
    tx: &rusqlite::Connection,
    opinion: i64,
    date: &str,
    expected: i64,
    present: i64,
    satisfied: i64,
) -> Result<()> {
    let row = crate::oversight::store::opinion_row_get(tx, opinion)?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {opinion} 的审议意见")))?;
    let a = OversightRatingArgs {
        opinion_id: opinion,
        expected,
        present,
        satisfied,
        unsatisfied: present - satisfied,
        ..Default::default()
    };
    let count = BallotCount { present, satisfied, unsatisfied: present - satisfied, ..Default::default() };
    record_rating(tx, &row, &a, TWO_LEVEL_RULE, date, count)
}
