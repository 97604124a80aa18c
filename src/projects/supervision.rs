//! 监督 (DOMAIN.md §5.4): the group's 视察 / 调研 (deputies' activities, earning points once a day,
//! counted by `evaluation`), the 问题清单, and the reminders 工作台 shows.

use super::model::*;
use super::store;
use super::works::stale_before;
use crate::common::{today, validate_date};
use crate::db::{audit, audit_json, now_text};
use crate::error::{Error, FieldError, Result};
use crate::text::{clean, clean_opt};
use crate::Renda;

impl Renda {
    /// Records a visit on a project with the deputies present.
    pub fn visit_add(&mut self, input: &VisitInput) -> Result<Project> {
        let v = crate::fields::checked(input)?;
        let row = store::project_row_get(self.conn(), v.project_id)?;
        let mut errs = Vec::new();
        let date = match validate_date("date", "日期", &Some(v.date.clone())) {
            Ok(Some(d)) => d,
            Ok(None) => {
                errs.push(FieldError { field: "date".into(), message: "请填写视察或调研的日期".into() });
                String::new()
            }
            Err(e) => {
                errs.extend(e.field_errors().iter().cloned());
                String::new()
            }
        };
        if !VISIT_KINDS.contains(&v.kind.trim()) {
            errs.push(FieldError {
                field: "kind".into(), message: format!("请选择方式：{}", VISIT_KINDS.join("、"))
            });
        }
        if v.deputy_ids.is_empty() {
            errs.push(FieldError { field: "deputy_ids".into(), message: "请选择参加的代表".into() });
        }
        if !errs.is_empty() {
            return Err(Error::fields(errs));
        }
        for d in &v.deputy_ids {
            if crate::roster::store::deputy_name(self.conn(), *d)?.is_none() {
                return Err(Error::field("deputy_ids", format!("代表（编号 {d}）不在代表名册中，请重新选择")));
            }
        }
        let v = VisitInput { date, kind: v.kind.trim().into(), note: clean_opt(&v.note), ..v };
        let uuid = uuid::Uuid::new_v4().to_string();
        self.write(|tx| {
            store::visit_insert(tx, &v, &uuid, &now_text())?;
            audit_json(
                tx,
                "project_visit",
                Some(&uuid),
                "create",
                &format!("{}{}：{}（{} 位代表）", v.date, v.kind, row.name, v.deputy_ids.len()),
                None,
                serde_json::to_string(&v).ok(),
            )
        })?;
        self.project_get(v.project_id)
    }

    fn check_problem(input: &ProblemInput) -> Result<ProblemInput> {
        let p = crate::fields::checked(input)?;
        let mut errs = Vec::new();
        let problem = clean(&p.problem).unwrap_or_default();
        if problem.is_empty() {
            errs.push(FieldError { field: "problem".into(), message: "请填写问题".into() });
        }
        let mut date = |f: &str, label: &str, v: &Option<String>| {
            validate_date(f, label, v).unwrap_or_else(|e| {
                errs.extend(e.field_errors().iter().cloned());
                None
            })
        };
        let due = date("due_date", "整改时限", &p.due_date);
        let resolved = date("resolved_date", "整改完成日期", &p.resolved_date);
        if !errs.is_empty() {
            return Err(Error::fields(errs));
        }
        Ok(ProblemInput {
            problem,
            unit: clean_opt(&p.unit),
            progress: clean_opt(&p.progress),
            due_date: due,
            resolved_date: resolved,
            ..p
        })
    }

    pub fn problem_add(&mut self, input: &ProblemInput) -> Result<Project> {
        let p = Self::check_problem(input)?;
        let row = store::project_row_get(self.conn(), p.project_id)?;
        let uuid = uuid::Uuid::new_v4().to_string();
        self.write(|tx| {
            store::problem_insert(tx, &p, &uuid, &now_text())?;
            audit_json(
                tx,
                "project_problem",
                Some(&uuid),
                "create",
                &format!("问题清单：{}——{}", row.name, p.problem),
                None,
                serde_json::to_string(&p).ok(),
            )
        })?;
        self.project_get(p.project_id)
    }

    /// Updates a 问题 (整改情况, resolved); each version stays in the audit log.
    pub fn problem_update(&mut self, id: i64, input: &ProblemInput) -> Result<Project> {
        let project = store::problem_project(self.conn(), id)?
            .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的问题，请刷新页面。")))?;
        let p = Self::check_problem(&ProblemInput { project_id: project, ..input.clone() })?;
        let t = today().format("%Y-%m-%d").to_string();
        let before = store::problems(self.conn(), project, &t)?.into_iter().find(|x| x.id == id);
        self.write(|tx| {
            store::problem_update(tx, id, &p, &now_text())?;
            audit(
                tx,
                "project_problem",
                before.as_ref().map(|b| b.uuid.as_str()),
                "update",
                &format!("更新问题整改情况：{}", p.problem),
                before.as_ref().and_then(|b| serde_json::to_value(b).ok()).as_ref(),
                serde_json::to_value(&p).ok().as_ref(),
            )
        })?;
        self.project_get(project)
    }

    /// 工作台's project reminders, each kind with its count and its first `shown` lines (all when
    /// None): progress not updated for the setting's days, planned completion passed, a 问题 past
    /// its 整改时限 (DOMAIN.md §5.4).
    pub fn project_reminders(&self, shown: Option<i64>) -> Result<Vec<ReminderBlock>> {
        let c = self.conn();
        let t = today().format("%Y-%m-%d").to_string();
        let days = self.project_settings()?.stale_days;
        let block = |kind: ReminderKind, (total, lines): (i64, Vec<(i64, String, String)>)| ReminderBlock {
            kind,
            total,
            items: (lines.into_iter())
                .map(|(project_id, project, text)| ProjectReminder {
                    kind,
                    tone: kind.tone(),
                    project_id,
                    project,
                    text,
                })
                .collect(),
        };
        let (n, late) = store::late_projects(c, &t, shown)?;
        let late = late.into_iter().map(|(id, name, end)| (id, name, format!("计划 {end} 完成，尚未完工")));
        let (n_due, due) = store::problems_due(c, &t, shown)?;
        let due = (due.into_iter())
            .map(|(id, name, problem, due)| (id, name, format!("「{problem}」整改时限 {due} 已过，尚未整改完成")));
        let (n_stale, stale) = store::stale_projects(c, &stale_before(days), shown)?;
        let stale = stale.into_iter().map(|(id, name, last, entered)| {
            let text = if entered {
                format!("最近一次进度为 {last}，已超过 {days} 天未更新")
            } else {
                format!("自 {last} 起未登记进度，已超过 {days} 天")
            };
            (id, name, text)
        });
        let mut blocks = vec![
            block(ReminderKind::Late, (n, late.collect())),
            block(ReminderKind::ProblemDue, (n_due, due.collect())),
            block(ReminderKind::Stale, (n_stale, stale.collect())),
        ];
        // in the order the kinds are declared, as 工作台 and the morning list show them
        blocks.sort_by_key(|b| ReminderKind::ALL.iter().position(|k| *k == b.kind));
        Ok(blocks)
    }
}
