//! 正式项目 → 进度 → 监督 (DOMAIN.md §5.3–§5.4): projects entered by hand or adopted by the vote,
//! their yearly targets and 监督小组, progress appended (never overwritten) with 进度等次, changes
//! and cancellations with their approval, visits that earn deputies' points once a day, the
//! 问题清单 and 工作台's reminders.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::*;
use super::store;
use crate::common::{today, validate_date, Page};
use crate::db::{audit, audit_json, now_text};
use crate::error::{Error, FieldError, Result};
use crate::settings;
use crate::text::{clean, clean_opt};
use crate::Renda;

/// The settings of 进度等次 and 工作台's reminders.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ProjectSettings {
    /// percentage points either side of the linear schedule still 按序时
    pub pace_tolerance: f64,
    /// days without a progress entry before 工作台 reminds
    pub stale_days: i64,
}

fn iso(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// A required date of a form, as stored (`YYYY-MM-DD`), or its refusal.
fn required_date(field: &str, label: &str, v: &str, errs: &mut Vec<FieldError>) -> String {
    match validate_date(field, label, &Some(v.to_string())) {
        Ok(Some(d)) => d,
        Ok(None) => {
            errs.push(FieldError { field: field.into(), message: format!("请填写{label}") });
            String::new()
        }
        Err(e) => {
            errs.extend(e.field_errors().iter().cloned());
            String::new()
        }
    }
}

fn optional_date(field: &str, label: &str, v: &Option<String>, errs: &mut Vec<FieldError>) -> Option<String> {
    validate_date(field, label, v).unwrap_or_else(|e| {
        errs.extend(e.field_errors().iter().cloned());
        None
    })
}

fn money(field: &str, label: &str, v: Option<f64>, errs: &mut Vec<FieldError>) {
    if v.is_some_and(|x| !x.is_finite() || x < 0.0) {
        errs.push(FieldError { field: field.into(), message: format!("{label}应为不小于 0 的数（万元）") });
    }
}

/// A project's facts as stored, or every refusal at once.
pub fn validate_project(p: &ProjectInput) -> Result<ProjectInput> {
    let p = crate::fields::checked(p)?;
    let mut errs = Vec::new();
    let name = clean(&p.name).unwrap_or_default();
    if name.is_empty() {
        errs.push(FieldError { field: "name".into(), message: "请填写项目名称".into() });
    }
    if !FIELDS.contains(&p.field.trim()) {
        errs.push(FieldError { field: "field".into(), message: format!("请选择领域：{}", FIELDS.join("、")) });
    }
    if !(2000..=2100).contains(&p.year) {
        errs.push(FieldError { field: "year".into(), message: "请填写票决年度（如 2025）".into() });
    }
    money("investment", "总投资", p.investment, &mut errs);
    let start = optional_date("start_date", "开工日期", &p.start_date, &mut errs);
    let end = optional_date("planned_end", "计划完成日期", &p.planned_end, &mut errs);
    if let (Some(s), Some(e)) = (&start, &end) {
        if e < s {
            errs.push(FieldError {
                field: "planned_end".into(), message: "计划完成日期早于开工日期，请核对".into()
            });
        }
    }
    let mut years: Vec<ProjectYear> = Vec::new();
    for y in &p.years {
        if years.iter().any(|x| x.year == y.year) || !(2000..=2100).contains(&y.year) {
            errs.push(FieldError {
                field: "years".into(), message: format!("年度目标的年度「{}」有误或重复", y.year)
            });
        }
        money("years", &format!("{}年度计划投资", y.year), y.planned, &mut errs);
        years.push(ProjectYear { year: y.year, target: clean_opt(&y.target), planned: y.planned });
    }
    years.sort_by_key(|y| y.year);
    if !errs.is_empty() {
        return Err(Error::fields(errs));
    }
    Ok(ProjectInput {
        name,
        field: p.field.trim().into(),
        content: clean_opt(&p.content),
        lead_unit: clean_opt(&p.lead_unit),
        units: clean_opt(&p.units),
        owner_unit: clean_opt(&p.owner_unit),
        start_date: start,
        planned_end: end,
        years,
        ..p
    })
}

impl Renda {
    fn pace_of(&self, r: &ProjectRow, tolerance: f64, on: NaiveDate) -> Option<Pace> {
        if r.status != ProjectStatus::Active {
            return None;
        }
        let expected = match (r.start_date.as_deref().and_then(iso), r.planned_end.as_deref().and_then(iso)) {
            (Some(s), Some(e)) => expected_share(s, e, on),
            _ => None,
        };
        pace(expected, actual_share(r.percent, r.invested, r.investment), tolerance)
    }

    pub fn project_settings(&self) -> Result<ProjectSettings> {
        Ok(ProjectSettings {
            pace_tolerance: settings::project_pace_tolerance(self.conn(), PACE_TOLERANCE_DEFAULT)?,
            stale_days: settings::project_stale_days(self.conn(), STALE_DAYS_DEFAULT)?,
        })
    }

    pub fn project_settings_set(&mut self, s: &ProjectSettings) -> Result<ProjectSettings> {
        let mut errs = Vec::new();
        if !s.pace_tolerance.is_finite() || !(0.0..=100.0).contains(&s.pace_tolerance) {
            errs.push(FieldError {
                field: "pace_tolerance".into(),
                message: "进度等次的容差应为 0 到 100 个百分点".into(),
            });
        }
        if !(1..=3650).contains(&s.stale_days) {
            errs.push(FieldError {
                field: "stale_days".into(), message: "进度提醒天数应为 1 到 3650 天".into()
            });
        }
        if !errs.is_empty() {
            return Err(Error::fields(errs));
        }
        let before = self.project_settings()?;
        self.write(|tx| {
            settings::set(tx, settings::PROJECT_PACE_TOLERANCE, &s.pace_tolerance.to_string())?;
            settings::set(tx, settings::PROJECT_STALE_DAYS, &s.stale_days.to_string())?;
            audit(
                tx,
                "settings",
                None,
                "update",
                "修改民生实事项目设置",
                Some(&serde_json::to_value(&before).unwrap_or_default()),
                Some(&serde_json::to_value(s).unwrap_or_default()),
            )
        })?;
        self.project_settings()
    }

    /// The list, each row with its 进度等次 today.
    pub fn project_list(&self, q: &ProjectQuery) -> Result<Page<ProjectRow>> {
        let tol = self.project_settings()?.pace_tolerance;
        let mut page = store::project_list(self.conn(), q)?;
        for r in &mut page.items {
            r.pace = self.pace_of(r, tol, today());
        }
        Ok(page)
    }

    pub fn project_get(&self, id: i64) -> Result<Project> {
        let c = self.conn();
        let mut row = store::project_row_get(c, id)?;
        row.pace = self.pace_of(&row, self.project_settings()?.pace_tolerance, today());
        let input = store::project_input(c, id)?;
        Ok(Project {
            row,
            content: input.content,
            units: input.units,
            candidate_id: store::project_extra(c, id)?,
            years: input.years,
            group: store::group(c, id)?,
            progress: store::progress(c, id)?,
            changes: store::changes(c, id)?,
            visits: store::visits(c, id)?,
            problems: store::problems(c, id, &today().format("%Y-%m-%d").to_string())?,
        })
    }

    fn project_unique(&self, p: &ProjectInput, except: Option<i64>) -> Result<()> {
        if store::project_same_name(self.conn(), p.year, &p.name, except)?.is_some() {
            return Err(Error::field(
                "name",
                format!("{}年已有名为「{}」的项目，请换一个名称或打开已有项目", p.year, p.name),
            ));
        }
        Ok(())
    }

    /// A project entered by hand: carried from before the app, or typed in from the government's list.
    pub fn project_create(&mut self, input: &ProjectInput) -> Result<Project> {
        let p = validate_project(input)?;
        self.project_unique(&p, None)?;
        let uuid = uuid::Uuid::new_v4().to_string();
        let id = self.write(|tx| {
            let id = store::project_insert(tx, &p, &uuid, None, &now_text())?;
            audit_json(
                tx,
                "project",
                Some(&uuid),
                "create",
                &format!("新建民生实事项目：{}", p.name),
                None,
                serde_json::to_string(&p).ok(),
            )?;
            Ok(id)
        })?;
        self.project_get(id)
    }

    /// Corrects a project's facts (a typing error); a change decided by an approver is `project_change`.
    pub fn project_update(&mut self, id: i64, input: &ProjectInput) -> Result<Project> {
        let before = store::project_input(self.conn(), id)?;
        let row = store::project_row_get(self.conn(), id)?;
        let p = validate_project(input)?;
        self.project_unique(&p, Some(id))?;
        self.write(|tx| {
            store::project_update(tx, id, &p, &now_text())?;
            audit(
                tx,
                "project",
                Some(&row.uuid),
                "update",
                &format!("修改民生实事项目：{}", p.name),
                Some(&serde_json::to_value(&before).unwrap_or_default()),
                Some(&serde_json::to_value(&p).unwrap_or_default()),
            )
        })?;
        self.project_get(id)
    }

    fn deputies_exist(&self, field: &str, ids: &[i64]) -> Result<()> {
        for d in ids {
            if crate::roster::store::deputy_name(self.conn(), *d)?.is_none() {
                return Err(Error::field(field, format!("代表（编号 {d}）不在代表名册中，请重新选择")));
            }
        }
        Ok(())
    }

    /// Sets the 人大代表监督小组: its deputies, the leader one of them.
    pub fn project_group_set(&mut self, a: &GroupArgs) -> Result<Project> {
        let row = store::project_row_get(self.conn(), a.project_id)?;
        self.deputies_exist("deputy_ids", &a.deputy_ids)?;
        if let Some(l) = a.leader_id {
            if !a.deputy_ids.contains(&l) {
                return Err(Error::field("leader_id", "组长应是监督小组的成员，请先把组长加入小组"));
            }
        }
        let before = store::group(self.conn(), a.project_id)?;
        self.write(|tx| {
            store::set_group(tx, a.project_id, &a.deputy_ids, a.leader_id)?;
            audit(
                tx,
                "project",
                Some(&row.uuid),
                "group",
                &format!("设置监督小组：{}（{} 人）", row.name, a.deputy_ids.len()),
                Some(&serde_json::to_value(&before).unwrap_or_default()),
                Some(&serde_json::to_value(a).unwrap_or_default()),
            )
        })?;
        self.project_get(a.project_id)
    }
}

/// A progress entry as stored, or every refusal at once. `earlier`: the highest 完成投资 entered up
/// to its date — a lower figure needs a 更正说明 (核减 or a correction), kept in the entry's text
/// (DOMAIN.md §5.3).
pub fn validate_progress(p: &ProgressInput, earlier: Option<&(String, f64)>) -> Result<ProgressInput> {
    progress_rules(crate::fields::checked(p)?, earlier)
}

/// The rules of a progress entry whose texts have already passed the text rule (`fields::checked`
/// for a form, the cell reader for an imported row, which applies the same rule to every cell).
pub(crate) fn progress_rules(p: ProgressInput, earlier: Option<&(String, f64)>) -> Result<ProgressInput> {
    let mut errs = Vec::new();
    let date = required_date("date", "进度日期", &p.date, &mut errs);
    if p.percent.is_some_and(|x| !x.is_finite() || !(0.0..=100.0).contains(&x)) {
        errs.push(FieldError {
            field: "percent".into(), message: "形象进度应为 0 到 100 之间的百分数".into()
        });
    }
    money("invested", "完成投资", p.invested, &mut errs);
    let correction = clean_opt(&p.correction);
    let mut text = clean_opt(&p.text);
    if let (Some(now), Some((on, high))) = (p.invested, earlier) {
        if now < *high - 1e-9 {
            match &correction {
                None => errs.push(FieldError {
                    field: "invested".into(),
                    message: format!(
                        "完成投资 {now} 万元少于 {on} 已登记的 {high} 万元：如属核减或更正，请填写更正说明"
                    ),
                }),
                Some(c) => text = Some(format!("{}更正说明：{c}", text.map(|t| format!("{t}\n")).unwrap_or_default())),
            }
        }
    }
    if !errs.is_empty() {
        return Err(Error::fields(errs));
    }
    Ok(ProgressInput { date, text, problems: clean_opt(&p.problems), correction, ..p })
}

impl Renda {
    /// Appends a progress entry; 完工 with its date sets the actual completion and the status done.
    pub fn progress_add(&mut self, input: &ProgressInput) -> Result<Project> {
        let row = store::project_row_get(self.conn(), input.project_id)?;
        if row.status == ProjectStatus::Cancelled {
            return Err(Error::NotAllowed(format!("项目「{}」已取消，不能再登记进度", row.name)));
        }
        let date = validate_date("date", "进度日期", &Some(input.date.clone()))?.unwrap_or_default();
        let earlier = store::invested_before(self.conn(), input.project_id, &date)?;
        let p = validate_progress(input, earlier.as_ref())?;
        let uuid = uuid::Uuid::new_v4().to_string();
        self.write(|tx| {
            let now = now_text();
            store::progress_insert(tx, &p, &uuid, "manual", &now)?;
            if p.stage == Stage::Finished && row.status == ProjectStatus::Active {
                store::project_set_status(tx, p.project_id, ProjectStatus::Done, Some(&p.date), &now)?;
            }
            audit_json(
                tx,
                "project",
                Some(&row.uuid),
                "progress",
                &format!("登记进度：{}（{}，{}）", row.name, p.date, p.stage.label()),
                None,
                serde_json::to_string(&p).ok(),
            )
        })?;
        self.project_get(input.project_id)
    }

    /// A change (the new facts applied, the old kept as JSON) or a cancellation (status cancelled),
    /// each with its 批准机关 and 批准日期; both stay in the history.
    pub fn project_change(&mut self, input: &ChangeInput) -> Result<Project> {
        let a = crate::fields::checked(input)?;
        let row = store::project_row_get(self.conn(), a.project_id)?;
        let mut errs = Vec::new();
        let date = required_date("date", "批准日期", &a.date, &mut errs);
        let approver = clean(&a.approver).unwrap_or_default();
        if approver.is_empty() {
            errs.push(FieldError {
                field: "approver".into(),
                message: "请填写批准机关（如 镇人民代表大会主席团）".into(),
            });
        }
        let content = clean(&a.content).unwrap_or_default();
        if content.is_empty() {
            errs.push(FieldError {
                field: "content".into(), message: format!("请填写{}内容和理由", a.kind.label())
            });
        }
        if row.status == ProjectStatus::Cancelled {
            errs.push(FieldError {
                field: "kind".into(), message: format!("项目「{}」已取消，不能再变更", row.name)
            });
        }
        let new = match (a.kind, &a.project) {
            (ChangeKind::Change, Some(p)) => Some(validate_project(p)?),
            (ChangeKind::Change, None) => {
                errs.push(FieldError { field: "project".into(), message: "请填写变更后的项目内容".into() });
                None
            }
            (ChangeKind::Cancel, _) => None,
        };
        if !errs.is_empty() {
            return Err(Error::fields(errs));
        }
        if let Some(p) = &new {
            self.project_unique(p, Some(a.project_id))?;
        }
        let before = serde_json::to_string(&store::project_input(self.conn(), a.project_id)?).ok();
        let ch = ChangeInput { date, approver, content, ..a };
        self.write(|tx| {
            let now = now_text();
            store::change_insert(tx, &ch, before.as_deref(), &now)?;
            match &new {
                Some(p) => store::project_update(tx, ch.project_id, p, &now)?,
                None => store::project_set_status(tx, ch.project_id, ProjectStatus::Cancelled, None, &now)?,
            }
            audit_json(
                tx,
                "project",
                Some(&row.uuid),
                key_name(ch.kind),
                &format!("{}民生实事项目：{}（{}{}批准）", ch.kind.label(), row.name, ch.approver, ch.date),
                before.clone(),
                serde_json::to_string(&ch).ok(),
            )
        })?;
        self.project_get(ch.project_id)
    }
}

fn key_name(k: ChangeKind) -> &'static str {
    match k {
        ChangeKind::Change => "change",
        ChangeKind::Cancel => "cancel",
    }
}

/// The cut-off date of the stale reminder.
pub(crate) fn stale_before(days: i64) -> String {
    (today() - Duration::days(days)).format("%Y-%m-%d").to_string()
}
