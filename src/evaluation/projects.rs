//! The year-end rating of 民生实事 projects (DOMAIN.md §5.5): an evaluation with the §2.1
//! machinery whose subjects stand for the year's adopted projects, rated by the deputies; and a
//! project's result read back for its detail page. Built here because evaluation stands above
//! projects.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::*;
use super::store;
use crate::error::{Error, Result};
use crate::Renda;

/// `project_rating_create`'s arguments.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ProjectRatingArgs {
    pub year: i64,
    /// majority (default) · two_thirds · …: the grade rule presets of §2.1
    #[ts(optional)]
    pub rule: Option<String>,
    /// 应到: the deputies who rate; when left out, the office's active deputies
    #[ts(optional)]
    pub expected: Option<i64>,
}

/// The rater group of a project rating: the deputies.
pub const RATING_GROUP: &str = "人大代表";

impl Renda {
    /// The year's 民生实事项目测评: one group 人大代表 (应到 as given, else the office's active
    /// deputies; editable afterwards), one subject per adopted project (active or done) of the year.
    pub fn project_rating_create(&mut self, a: &ProjectRatingArgs) -> Result<Evaluation> {
        if let Some(id) = store::evaluation_of_kind(self.conn(), a.year, PROJECT_RATING_KIND)? {
            return Err(Error::Conflict(format!(
                "{}年的民生实事项目测评已建立（编号 {id}），请在履职评议中打开",
                a.year
            )));
        }
        let projects = crate::projects::store::rating_projects(self.conn(), a.year)?;
        if projects.is_empty() {
            return Err(Error::field("year", format!("{}年没有实施中或已完成的民生实事项目，无法建立测评", a.year)));
        }
        let rule = a.rule.clone().filter(|r| !r.trim().is_empty()).unwrap_or_else(|| "majority".into());
        if rule == "score100" {
            return Err(Error::field("rule", "民生实事项目测评按满意、基本满意、不满意计票，请选择其他等次规则"));
        }
        // an office that has not entered its roster still rates its projects: it gives 应到 itself
        let expected = match a.expected {
            Some(n) => n,
            None => store::active_deputies(self.conn())?.len() as i64,
        };
        if expected <= 0 {
            return Err(Error::field(
                "expected",
                "代表名册中还没有代表：请填写应到代表人数（参加测评的人大代表总数），或先在代表名册中导入代表",
            ));
        }
        if expected > MAX_GROUP_SIZE {
            return Err(Error::field("expected", format!("应到代表人数应不超过{MAX_GROUP_SIZE}人，请核对")));
        }
        let mut e = self.evaluation_preset(&rule, a.year)?;
        e.name = format!("{}年度民生实事项目测评", a.year);
        e.kind = PROJECT_RATING_KIND.into();
        e.groups = vec![RaterGroup { id: 0, name: RATING_GROUP.into(), weight: 1.0, expected }];
        e.criteria = vec![];
        e.subjects = projects
            .into_iter()
            .map(|(id, name, lead)| Subject { name, post: lead, project_id: Some(id), ..Default::default() })
            .collect();
        self.evaluation_create(&e)
    }

    /// A project's latest rating: its grade, 满意率 and 满意+基本满意率, if an evaluation rates it.
    pub fn project_rating(&self, project_id: i64) -> Result<Option<ProjectRating>> {
        let Some((evaluation_id, subject_id)) = store::project_subjects(self.conn(), project_id)?.into_iter().next()
        else {
            return Ok(None);
        };
        let e = self.evaluation_get(evaluation_id)?;
        let results = self.evaluation_results(evaluation_id)?;
        let Some(s) = results.subjects.into_iter().find(|s| s.subject_id == subject_id) else {
            return Ok(None);
        };
        let valid = s.total.valid();
        let both = (valid > 0).then(|| (s.total.satisfied + s.total.basic) as f64 / valid as f64);
        Ok(Some(ProjectRating {
            evaluation_id,
            evaluation: e.name,
            counted: s.groups.iter().all(|g| g.counted),
            grade: s.grade,
            tier: s.tier,
            satisfied_rate: s.satisfied_rate,
            satisfied_basic_rate: both,
        }))
    }
}
