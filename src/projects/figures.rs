//! The figures of 民生实事项目 (DOMAIN.md §5.6), counted once: each project of a year becomes its
//! facts (here, from the area's tables; at the office above, from the 上报包 row that carries the
//! same facts), and `count` adds facts up into `ProjectFigures`. The rating's sums come from the
//! evaluation area, which sits above this one, as `Rating` per project.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::{ProjectStatus, Stage};
use crate::suggestions::model::ratio;

/// What one project is in one year: the facts the figures count, and what the 上报包 prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ProjectFacts {
    pub project_id: i64,
    pub uuid: String,
    /// The year it was voted.
    pub voted_year: i64,
    pub name: String,
    pub field: String,
    pub lead_unit: String,
    pub status: ProjectStatus,
    /// 总投资 (万元)
    pub investment: f64,
    /// 年度计划投资 (万元): the year's row of `project_years`, else the total for a one-year project.
    pub planned: f64,
    /// 完成投资 of the year (万元): the latest progress entry's to the year's end, less the previous
    /// year-end's for a project in a later year of its run.
    pub invested: f64,
    /// The stage of the latest progress entry up to the year's end.
    pub stage: Option<Stage>,
    pub latest_date: Option<String>,
    pub latest_text: Option<String>,
    pub actual_end: Option<String>,
    /// Runs over several years (跨年度): `project_years` holds more than one year.
    pub multi_year: bool,
    /// Counted done in this year (DOMAIN.md §5.6's rule).
    pub done: bool,
    /// Counted started (开工) by this year's end.
    pub started: bool,
    pub subitems: i64,
    pub subitems_done: i64,
}

/// The sums of one project's rating (the year's 民生实事测评): votes of every group, 有效 = 实到 − 废票.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Rating {
    pub satisfied: i64,
    pub basic: i64,
    pub unsatisfied: i64,
    pub valid: i64,
}

/// The figures of a set of projects in one year. `projects` counts projects; `subitems` counts
/// their 子项目 (a project without sub-items has none): the two are never mixed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ProjectFigures {
    /// 项目数: adopted, not cancelled
    pub projects: i64,
    /// 子项目数 of those projects
    pub subitems: i64,
    /// 总投资 (万元)
    pub investment: f64,
    /// 年度计划投资 (万元)
    pub planned: f64,
    /// 完成投资 (万元) in the year
    pub invested: f64,
    /// 完成数
    pub done: i64,
    /// 完成率 = 完成数 ÷ 项目数
    pub done_rate: Option<f64>,
    /// 开工数
    pub started: i64,
    /// 开工率 = 开工数 ÷ 项目数
    pub start_rate: Option<f64>,
    /// 投资完成率 = 完成投资 ÷ 年度计划投资
    pub invest_rate: Option<f64>,
    /// 子项目完成数
    pub subitems_done: i64,
    /// Projects with a rating counted.
    pub rated: i64,
    pub satisfied: i64,
    pub basic: i64,
    pub valid: i64,
    /// 满意率 = Σ满意 ÷ Σ有效 over the rated projects
    pub satisfied_rate: Option<f64>,
    /// 满意+基本满意率 = Σ(满意 + 基本满意) ÷ Σ有效
    pub satisfied_or_basic_rate: Option<f64>,
}

/// Adds up the facts of a year's projects (a cancelled project counts nowhere) with their ratings.
pub fn count<'a>(items: impl IntoIterator<Item = (&'a ProjectFacts, Option<&'a Rating>)>) -> ProjectFigures {
    let mut f = ProjectFigures::default();
    for (p, rating) in items.into_iter().filter(|(p, _)| p.status != ProjectStatus::Cancelled) {
        f.projects += 1;
        f.subitems += p.subitems;
        f.subitems_done += p.subitems_done;
        f.investment += p.investment;
        f.planned += p.planned;
        f.invested += p.invested;
        f.done += i64::from(p.done);
        f.started += i64::from(p.started);
        if let Some(r) = rating.filter(|r| r.valid > 0) {
            f.rated += 1;
            f.satisfied += r.satisfied;
            f.basic += r.basic;
            f.valid += r.valid;
        }
    }
    f.done_rate = ratio(f.done, f.projects);
    f.start_rate = ratio(f.started, f.projects);
    f.invest_rate = (f.planned > 0.0).then(|| f.invested / f.planned);
    f.satisfied_rate = ratio(f.satisfied, f.valid);
    f.satisfied_or_basic_rate = ratio(f.satisfied + f.basic, f.valid);
    f
}

/// A project's row as the store reads it for a year, before the year's rules are applied.
pub struct FactRow {
    pub facts: ProjectFacts,
    /// `project_years` rows of the project, and the last year among them.
    pub year_rows: i64,
    pub last_year: Option<i64>,
    /// The year's planned investment from `project_years`, when given.
    pub year_planned: Option<f64>,
    /// 完成投资 to date at the year's end and at the previous year's end.
    pub invested_to_year_end: Option<f64>,
    pub invested_to_prev_end: Option<f64>,
    /// A progress entry at 在建 or 完工 by the year's end.
    pub built: bool,
}

/// The year's rules (DOMAIN.md §5.6) applied to one project's row.
pub fn settle(mut row: FactRow, year: i64) -> ProjectFacts {
    let (first, last) = (format!("{year}-01-01"), format!("{year}-12-31"));
    let p = &mut row.facts;
    p.multi_year = row.year_rows > 1;
    p.planned = match row.year_planned {
        Some(v) => v,
        None if row.year_rows <= 1 => p.investment,
        None => 0.0,
    };
    // a project in a later year of its run: the year's part is what was added since last year's end
    let before = if p.voted_year < year { row.invested_to_prev_end.unwrap_or(0.0) } else { 0.0 };
    p.invested = (row.invested_to_year_end.unwrap_or(0.0) - before).max(0.0);
    let finished = p.status == ProjectStatus::Done && p.actual_end.as_deref().is_none_or(|d| d <= last.as_str());
    // an earlier year of a 跨年度 project is done when the year's latest entry, within it, says 完工
    let year_part_done = p.multi_year
        && row.last_year.is_some_and(|l| l > year)
        && p.stage == Some(Stage::Finished)
        && p.latest_date.as_deref().is_some_and(|d| d >= first.as_str());
    p.done = finished || year_part_done;
    p.started = row.built || p.done;
    row.facts
}

/// Counts the facts of several offices: figures per key, in the order given, and over all.
pub fn count_by<K: Eq + std::hash::Hash + Clone>(
    keys: &[K],
    items: &[(K, ProjectFacts, Option<Rating>)],
) -> (Vec<ProjectFigures>, ProjectFigures) {
    let mut groups: HashMap<K, Vec<(&ProjectFacts, Option<&Rating>)>> = HashMap::new();
    for (k, p, r) in items {
        groups.entry(k.clone()).or_default().push((p, r.as_ref()));
    }
    let by = keys.iter().map(|k| count(groups.remove(k).unwrap_or_default())).collect();
    (by, count(items.iter().map(|(_, p, r)| (p, r.as_ref()))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(status: ProjectStatus) -> ProjectFacts {
        ProjectFacts {
            project_id: 1,
            uuid: "u".into(),
            voted_year: 2026,
            name: "村道硬化".into(),
            field: "交通".into(),
            lead_unit: String::new(),
            status,
            investment: 100.0,
            planned: 0.0,
            invested: 0.0,
            stage: None,
            latest_date: None,
            latest_text: None,
            actual_end: None,
            multi_year: false,
            done: false,
            started: false,
            subitems: 0,
            subitems_done: 0,
        }
    }

    fn row(p: ProjectFacts) -> FactRow {
        FactRow {
            facts: p,
            year_rows: 0,
            last_year: None,
            year_planned: None,
            invested_to_year_end: None,
            invested_to_prev_end: None,
            built: false,
        }
    }

    #[test]
    fn a_one_year_project_is_done_by_its_actual_end_and_plans_its_total() {
        let mut p = facts(ProjectStatus::Done);
        p.actual_end = Some("2027-01-10".into());
        let s = settle(row(p.clone()), 2026);
        assert!(!s.done, "finished after the year's end");
        assert_eq!(s.planned, 100.0);
        p.actual_end = Some("2026-12-31".into());
        assert!(settle(row(p), 2026).done);
    }

    #[test]
    fn an_earlier_year_of_a_multi_year_project_counts_its_year_stage() {
        let mut p = facts(ProjectStatus::Active);
        p.voted_year = 2025;
        p.stage = Some(Stage::Finished);
        p.latest_date = Some("2025-11-30".into());
        let mut r = row(p);
        (r.year_rows, r.last_year, r.year_planned) = (2, Some(2026), Some(40.0));
        (r.invested_to_year_end, r.invested_to_prev_end) = (Some(38.0), None);
        let s = settle(r, 2025);
        assert!(s.done && s.started && s.multi_year);
        assert_eq!((s.planned, s.invested), (40.0, 38.0));
    }

    #[test]
    fn cancelled_projects_count_nowhere_and_rates_divide_sums() {
        let a = facts(ProjectStatus::Done);
        let mut done = a.clone();
        done.done = true;
        let gone = facts(ProjectStatus::Cancelled);
        let r1 = Rating { satisfied: 30, basic: 10, unsatisfied: 0, valid: 40 };
        let r2 = Rating { satisfied: 10, basic: 5, unsatisfied: 5, valid: 20 };
        let f = count([(&done, Some(&r1)), (&a, Some(&r2)), (&gone, Some(&r1))]);
        assert_eq!((f.projects, f.done, f.rated, f.valid), (2, 1, 2, 60));
        assert_eq!(f.done_rate, Some(0.5));
        assert_eq!(f.satisfied_rate, Some(40.0 / 60.0));
        assert_eq!(f.satisfied_or_basic_rate, Some(55.0 / 60.0));
    }
}
