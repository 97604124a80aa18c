//! The SQL of 民生实事项目票决: every read and write of the area's tables.

use std::collections::HashMap;

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use super::model::*;
use crate::common::{like_contains, number_placeholders, paging, Page};
use crate::error::{Error, Result};

// ================================================================== 正式项目, progress, supervision

/// A stored enumeration read back; an unknown value (never written by the engine) reads as the default.
fn key_of<T: serde::de::DeserializeOwned + Default>(s: &str) -> T {
    serde_json::from_value(serde_json::Value::String(s.to_string())).unwrap_or_default()
}

/// The stored key of an enumeration value.
pub fn key<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|k| k.as_str().map(str::to_string)).unwrap_or_default()
}

pub fn project_insert(
    c: &Connection,
    p: &ProjectInput,
    uuid: &str,
    candidate_id: Option<i64>,
    now: &str,
) -> Result<i64> {
    c.execute(
        "INSERT INTO projects (uuid, year, candidate_id, name, field, content, lead_unit, units, owner_unit, investment,
            start_date, planned_end, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
        params![
            uuid, p.year, candidate_id, p.name, p.field, p.content, p.lead_unit, p.units, p.owner_unit, p.investment,
            p.start_date, p.planned_end, now
        ],
    )?;
    let id = c.last_insert_rowid();
    set_years(c, id, &p.years)?;
    Ok(id)
}

pub fn project_update(c: &Connection, id: i64, p: &ProjectInput, now: &str) -> Result<()> {
    c.execute(
        "UPDATE projects SET year = ?2, name = ?3, field = ?4, content = ?5, lead_unit = ?6, units = ?7, owner_unit = ?8,
            investment = ?9, start_date = ?10, planned_end = ?11, updated_at = ?12 WHERE id = ?1",
        params![
            id, p.year, p.name, p.field, p.content, p.lead_unit, p.units, p.owner_unit, p.investment, p.start_date,
            p.planned_end, now
        ],
    )?;
    set_years(c, id, &p.years)
}

fn set_years(c: &Connection, id: i64, years: &[ProjectYear]) -> Result<()> {
    c.execute("DELETE FROM project_years WHERE project_id = ?1", [id])?;
    for y in years {
        c.execute(
            "INSERT INTO project_years (project_id, year, target, planned) VALUES (?1, ?2, ?3, ?4)",
            params![id, y.year, y.target, y.planned],
        )?;
    }
    Ok(())
}

pub fn project_set_status(
    c: &Connection,
    id: i64,
    status: ProjectStatus,
    actual_end: Option<&str>,
    now: &str,
) -> Result<()> {
    c.execute(
        "UPDATE projects SET status = ?2, actual_end = coalesce(?3, actual_end), updated_at = ?4 WHERE id = ?1",
        params![id, key(&status), actual_end, now],
    )?;
    Ok(())
}

/// 完工 reported: an active project becomes done on that date (a done or cancelled one stays).
pub fn finish_if_active(c: &Connection, id: i64, date: &str, now: &str) -> Result<()> {
    c.execute(
        "UPDATE projects SET status = 'done', actual_end = ?2, updated_at = ?3 WHERE id = ?1 AND status = 'active'",
        params![id, date, now],
    )?;
    Ok(())
}

/// The list's columns: the project and its latest progress entry (by date, then the later entry:
/// a correction of a day is added after it) and its open problems.
const ROW_SQL: &str = "SELECT p.id, p.uuid, p.year, p.name, p.field, p.lead_unit, p.owner_unit, p.investment, p.start_date,
        p.planned_end, p.actual_end, p.status, g.stage, g.date, g.percent, g.invested,
        (SELECT count(*) FROM project_problems q WHERE q.project_id = p.id AND q.resolved_date IS NULL)
   FROM projects p
   LEFT JOIN project_progress g ON g.id = (SELECT id FROM project_progress WHERE project_id = p.id ORDER BY date DESC, id DESC LIMIT 1)";

fn project_row(r: &Row) -> rusqlite::Result<ProjectRow> {
    let status: String = r.get(11)?;
    let stage: Option<String> = r.get(12)?;
    Ok(ProjectRow {
        id: r.get(0)?,
        uuid: r.get(1)?,
        year: r.get(2)?,
        name: r.get(3)?,
        field: r.get(4)?,
        lead_unit: r.get(5)?,
        owner_unit: r.get(6)?,
        investment: r.get(7)?,
        start_date: r.get(8)?,
        planned_end: r.get(9)?,
        actual_end: r.get(10)?,
        status: key_of(&status),
        stage: stage.map(|s| key_of(&s)),
        progress_date: r.get(13)?,
        percent: r.get(14)?,
        invested: r.get(15)?,
        pace: None,
        open_problems: r.get(16)?,
    })
}

pub fn project_list(c: &Connection, q: &ProjectQuery) -> Result<Page<ProjectRow>> {
    let mut clauses: Vec<String> = Vec::new();
    let mut args: Vec<SqlValue> = Vec::new();
    if let Some(y) = q.year {
        // a 跨年度 project belongs to each year it has a target for
        clauses.push("(p.year = ?1x OR p.id IN (SELECT project_id FROM project_years WHERE year = ?1x))".into());
        args.push(y.into());
    }
    if let Some(s) = q.status {
        clauses.push("p.status = ?".into());
        args.push(key(&s).into());
    }
    if let Some(f) = q.field.as_deref().filter(|f| !f.trim().is_empty()) {
        clauses.push("p.field = ?".into());
        args.push(f.trim().to_string().into());
    }
    if let Some(u) = q.lead_unit.as_deref().filter(|u| !u.trim().is_empty()) {
        clauses.push("p.lead_unit LIKE ? ESCAPE '\\'".into());
        args.push(like_contains(u.trim()).into());
    }
    if let Some(t) = q.q.as_deref().filter(|t| !t.trim().is_empty()) {
        clauses.push(
            "(p.name LIKE ?1x ESCAPE '\\' OR p.content LIKE ?1x ESCAPE '\\' OR p.lead_unit LIKE ?1x ESCAPE '\\'
              OR p.units LIKE ?1x ESCAPE '\\' OR p.owner_unit LIKE ?1x ESCAPE '\\')"
                .into(),
        );
        args.push(like_contains(t.trim()).into());
    }
    let filter = number_placeholders(&clauses, &args);
    let total: i64 =
        c.query_row(&format!("SELECT count(*) FROM projects p {filter}"), params_from_iter(args.iter()), |r| r.get(0))?;
    let (page, size) = paging(q.page, q.page_size);
    let limit = if size == 0 { String::new() } else { format!(" LIMIT {size} OFFSET {}", (page - 1) * size) };
    let sql = format!("{ROW_SQL} {filter} ORDER BY p.year DESC, p.id{limit}");
    let items = c
        .prepare(&sql)?
        .query_map(params_from_iter(args.iter()), project_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Page { total, page, page_size: size, items })
}

pub fn project_row_get(c: &Connection, id: i64) -> Result<ProjectRow> {
    c.query_row(&format!("{ROW_SQL} WHERE p.id = ?1"), [id], project_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的民生实事项目，请刷新页面。")))
}

/// The project's facts as an input (the form's, a change's `before`).
pub fn project_input(c: &Connection, id: i64) -> Result<ProjectInput> {
    let mut p = c
        .query_row(
            "SELECT year, name, field, content, lead_unit, units, owner_unit, investment, start_date, planned_end
               FROM projects WHERE id = ?1",
            [id],
            |r| {
                Ok(ProjectInput {
                    year: r.get(0)?,
                    name: r.get(1)?,
                    field: r.get(2)?,
                    content: r.get(3)?,
                    lead_unit: r.get(4)?,
                    units: r.get(5)?,
                    owner_unit: r.get(6)?,
                    investment: r.get(7)?,
                    start_date: r.get(8)?,
                    planned_end: r.get(9)?,
                    years: vec![],
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的民生实事项目，请刷新页面。")))?;
    p.years = years(c, id)?;
    Ok(p)
}

pub fn project_extra(c: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(c.query_row("SELECT candidate_id FROM projects WHERE id = ?1", [id], |r| r.get(0))?)
}

pub fn years(c: &Connection, id: i64) -> Result<Vec<ProjectYear>> {
    let rows = c
        .prepare("SELECT year, target, planned FROM project_years WHERE project_id = ?1 ORDER BY year")?
        .query_map([id], |r| Ok(ProjectYear { year: r.get(0)?, target: r.get(1)?, planned: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A project with the same name in the same year, other than `except`.
pub fn project_same_name(c: &Connection, year: i64, name: &str, except: Option<i64>) -> Result<Option<i64>> {
    Ok(c.query_row(
        "SELECT id FROM projects WHERE year = ?1 AND name = ?2 AND id IS NOT ?3 LIMIT 1",
        params![year, name, except],
        |r| r.get(0),
    )
    .optional()?)
}

// ------------------------------------------------------------------ 监督小组

pub fn group(c: &Connection, id: i64) -> Result<Vec<GroupMember>> {
    let rows = c
        .prepare(
            "SELECT g.deputy_id, d.name, g.leader FROM project_group g JOIN deputies d ON d.id = g.deputy_id
              WHERE g.project_id = ?1 ORDER BY g.leader DESC, d.pinyin_key, d.id",
        )?
        .query_map([id], |r| Ok(GroupMember { deputy_id: r.get(0)?, name: r.get(1)?, leader: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn set_group(c: &Connection, id: i64, deputies: &[i64], leader: Option<i64>) -> Result<()> {
    c.execute("DELETE FROM project_group WHERE project_id = ?1", [id])?;
    for d in deputies {
        c.execute(
            "INSERT OR IGNORE INTO project_group (project_id, deputy_id, leader) VALUES (?1, ?2, ?3)",
            params![id, d, Some(*d) == leader],
        )?;
    }
    Ok(())
}

// ------------------------------------------------------------------ 进度

pub fn progress_insert(c: &Connection, p: &ProgressInput, uuid: &str, source: &str, now: &str) -> Result<i64> {
    c.prepare_cached(
        "INSERT INTO project_progress (uuid, project_id, date, stage, percent, text, invested, problems, source, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        uuid, p.project_id, p.date, key(&p.stage), p.percent, p.text, p.invested, p.problems, source, now
    ])?;
    Ok(c.last_insert_rowid())
}

pub fn progress(c: &Connection, id: i64) -> Result<Vec<ProgressEntry>> {
    let rows = c
        .prepare(
            "SELECT id, date, stage, percent, text, invested, problems, source, created_at FROM project_progress
              WHERE project_id = ?1 ORDER BY date, id",
        )?
        .query_map([id], |r| {
            let stage: String = r.get(2)?;
            Ok(ProgressEntry {
                id: r.get(0)?,
                date: r.get(1)?,
                stage: key_of(&stage),
                percent: r.get(3)?,
                text: r.get(4)?,
                invested: r.get(5)?,
                problems: r.get(6)?,
                source: r.get(7)?,
                created_at: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The highest 完成投资 entered on or before `date`, with its date: a new entry below it needs a reason.
pub fn invested_before(c: &Connection, id: i64, date: &str) -> Result<Option<(String, f64)>> {
    Ok(c.query_row(
        "SELECT date, invested FROM project_progress WHERE project_id = ?1 AND date <= ?2 AND invested IS NOT NULL
          ORDER BY invested DESC, date DESC LIMIT 1",
        params![id, date],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?)
}

/// The keys (project, month, text, 完成投资) of every entry, so a 进度表 read twice (or reporting what
/// was typed in already) adds nothing.
pub fn imported_progress_keys(c: &Connection) -> Result<std::collections::HashSet<String>> {
    let rows = c
        .prepare("SELECT project_id, date, text, invested FROM project_progress")?
        .query_map([], |r| {
            let (p, d, t, i): (i64, String, Option<String>, Option<f64>) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            Ok(progress_key(p, &d, t.as_deref(), i))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// What makes a 进度表 row the same report: the project and the month it reports (the government's
/// table is monthly); a second, different report of the same month is a new entry.
pub fn progress_key(project: i64, date: &str, text: Option<&str>, invested: Option<f64>) -> String {
    let month: String = date.chars().take(7).collect();
    let text: String = text.unwrap_or_default().chars().filter(|c| !c.is_whitespace()).collect();
    format!("{project}|{month}|{text}|{}", invested.map(|i| format!("{i:.4}")).unwrap_or_default())
}

/// Every project's id by name (the 进度表's matching), with its year.
pub fn project_names(c: &Connection) -> Result<Vec<(i64, String, i64, String)>> {
    let rows = c
        .prepare("SELECT id, name, year, status FROM projects ORDER BY year DESC, id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

// ------------------------------------------------------------------ 变更 · 取消

pub fn change_insert(c: &Connection, ch: &ChangeInput, before: Option<&str>, now: &str) -> Result<i64> {
    c.execute(
        "INSERT INTO project_changes (project_id, kind, date, approver, content, before, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![ch.project_id, key(&ch.kind), ch.date, ch.approver, ch.content, before, now],
    )?;
    Ok(c.last_insert_rowid())
}

pub fn changes(c: &Connection, id: i64) -> Result<Vec<ProjectChange>> {
    let rows = c
        .prepare(
            "SELECT id, kind, date, approver, content, before, created_at FROM project_changes
              WHERE project_id = ?1 ORDER BY date, id",
        )?
        .query_map([id], |r| {
            let kind: String = r.get(1)?;
            Ok(ProjectChange {
                id: r.get(0)?,
                kind: key_of(&kind),
                date: r.get(2)?,
                approver: r.get(3)?,
                content: r.get(4)?,
                before: r.get(5)?,
                created_at: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

// ------------------------------------------------------------------ 视察 · 调研

pub fn visit_insert(c: &Connection, v: &VisitInput, uuid: &str, now: &str) -> Result<i64> {
    c.execute(
        "INSERT INTO project_visits (uuid, project_id, date, kind, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![uuid, v.project_id, v.date, v.kind, v.note, now],
    )?;
    let id = c.last_insert_rowid();
    for d in &v.deputy_ids {
        c.execute(
            "INSERT OR IGNORE INTO project_visit_deputies (visit_id, deputy_id) VALUES (?1, ?2)",
            params![id, d],
        )?;
    }
    Ok(id)
}

pub fn visits(c: &Connection, id: i64) -> Result<Vec<Visit>> {
    let mut out: Vec<Visit> = c
        .prepare("SELECT id, date, kind, note FROM project_visits WHERE project_id = ?1 ORDER BY date, id")?
        .query_map([id], |r| {
            Ok(Visit { id: r.get(0)?, date: r.get(1)?, kind: r.get(2)?, note: r.get(3)?, deputies: vec![] })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut st = c.prepare(
        "SELECT x.deputy_id, d.name FROM project_visit_deputies x JOIN deputies d ON d.id = x.deputy_id
          WHERE x.visit_id = ?1 ORDER BY d.pinyin_key, d.id",
    )?;
    for v in &mut out {
        v.deputies = st
            .query_map([v.id], |r| Ok(GroupMember { deputy_id: r.get(0)?, name: r.get(1)?, leader: false }))?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(out)
}

/// Per deputy, the visit days of a period that earn §2.2's 视察/调研 points and the days that add
/// to 履职天数 (DOMAIN.md §5.4): a day counts once however many projects its visits name, and not
/// at all when the station registers already count an inspection-kind activity (resp. any
/// activity) of the deputy that day.
pub fn deputy_visit_counts(c: &Connection, from: &str, to: &str) -> Result<HashMap<i64, (i64, i64)>> {
    let rows = c
        .prepare_cached(
            "SELECT x.deputy_id,
                    count(DISTINCT CASE WHEN coalesce(r.inspections, 0) = 0 THEN v.date END),
                    count(DISTINCT CASE WHEN coalesce(r.activities, 0) = 0 THEN v.date END)
               FROM project_visits v JOIN project_visit_deputies x ON x.visit_id = v.id
               LEFT JOIN register_deputy_days r ON r.date = v.date AND r.deputy_id = x.deputy_id
              WHERE v.date BETWEEN ?1 AND ?2 GROUP BY x.deputy_id",
        )?
        .query_map(params![from, to], |r| Ok((r.get::<_, i64>(0)?, (r.get(1)?, r.get(2)?))))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A deputy's visits of a period for the 履职档案, oldest first: (date, kind, project, earns points).
/// The day's first visit earns them, unless the registers count an inspection that day.
pub fn deputy_visits(
    c: &Connection,
    deputy_id: i64,
    from: &str,
    to: &str,
) -> Result<Vec<(String, String, String, bool)>> {
    let rows = c
        .prepare(
            "SELECT v.date, v.kind, p.name,
                    v.id = (SELECT min(w.id) FROM project_visits w JOIN project_visit_deputies y ON y.visit_id = w.id
                             WHERE y.deputy_id = x.deputy_id AND w.date = v.date)
                    AND coalesce((SELECT inspections FROM register_deputy_days r WHERE r.date = v.date AND r.deputy_id = x.deputy_id), 0) = 0
               FROM project_visits v JOIN project_visit_deputies x ON x.visit_id = v.id JOIN projects p ON p.id = v.project_id
              WHERE x.deputy_id = ?1 AND v.date BETWEEN ?2 AND ?3 ORDER BY v.date, v.id",
        )?
        .query_map(params![deputy_id, from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

// ------------------------------------------------------------------ 问题清单

pub fn problem_insert(c: &Connection, p: &ProblemInput, uuid: &str, now: &str) -> Result<i64> {
    c.execute(
        "INSERT INTO project_problems (uuid, project_id, problem, unit, due_date, progress, resolved_date, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![uuid, p.project_id, p.problem, p.unit, p.due_date, p.progress, p.resolved_date, now],
    )?;
    Ok(c.last_insert_rowid())
}

pub fn problem_update(c: &Connection, id: i64, p: &ProblemInput, now: &str) -> Result<()> {
    c.execute(
        "UPDATE project_problems SET problem = ?2, unit = ?3, due_date = ?4, progress = ?5, resolved_date = ?6, updated_at = ?7
          WHERE id = ?1",
        params![id, p.problem, p.unit, p.due_date, p.progress, p.resolved_date, now],
    )?;
    Ok(())
}

pub fn problems(c: &Connection, id: i64, today: &str) -> Result<Vec<Problem>> {
    let rows = c
        .prepare(
            "SELECT id, uuid, problem, unit, due_date, progress, resolved_date FROM project_problems
              WHERE project_id = ?1 ORDER BY id",
        )?
        .query_map([id], |r| {
            let due: Option<String> = r.get(4)?;
            let resolved: Option<String> = r.get(6)?;
            Ok(Problem {
                id: r.get(0)?,
                uuid: r.get(1)?,
                problem: r.get(2)?,
                unit: r.get(3)?,
                overdue: resolved.is_none() && due.as_deref().is_some_and(|d| d < today),
                due_date: due,
                progress: r.get(5)?,
                resolved_date: resolved,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The project a 问题 belongs to.
pub fn problem_project(c: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(c.query_row("SELECT project_id FROM project_problems WHERE id = ?1", [id], |r| r.get(0)).optional()?)
}

// ------------------------------------------------------------------ 工作台

/// Active projects whose last progress entry (else their start, else their entry in the app) is
/// older than `before`: (id, name, that date, whether it is a progress entry's).
pub fn stale_projects(c: &Connection, before: &str) -> Result<Vec<(i64, String, String, bool)>> {
    let rows = c
        .prepare(
            "SELECT id, name, coalesce(last, start_date, substr(created_at, 1, 10)), last IS NOT NULL FROM (
               SELECT p.id, p.name, p.start_date, p.created_at,
                      (SELECT max(date) FROM project_progress g WHERE g.project_id = p.id) AS last
                 FROM projects p WHERE p.status = 'active')
              WHERE coalesce(last, start_date, substr(created_at, 1, 10)) < ?1 ORDER BY 3, id",
        )?
        .query_map([before], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Active projects past their planned completion: (id, name, planned_end).
pub fn late_projects(c: &Connection, today: &str) -> Result<Vec<(i64, String, String)>> {
    let rows = c
        .prepare(
            "SELECT id, name, planned_end FROM projects WHERE status = 'active' AND planned_end < ?1 ORDER BY planned_end, id",
        )?
        .query_map([today], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Problems past their 整改时限, not resolved, of projects not cancelled: (project, name, problem, due).
pub fn problems_due(c: &Connection, today: &str) -> Result<Vec<(i64, String, String, String)>> {
    let rows = c
        .prepare(
            "SELECT p.id, p.name, q.problem, q.due_date FROM project_problems q JOIN projects p ON p.id = q.project_id
              WHERE q.resolved_date IS NULL AND q.due_date < ?1 AND p.status <> 'cancelled' ORDER BY q.due_date, q.id",
        )?
        .query_map([today], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The year's adopted projects a rating asks about: voted that year (or with a target for it),
/// active or done: (id, name, lead unit).
pub fn rating_projects(c: &Connection, year: i64) -> Result<Vec<(i64, String, Option<String>)>> {
    let rows = c
        .prepare(
            "SELECT id, name, lead_unit FROM projects
              WHERE status IN ('active', 'done')
                AND (year = ?1 OR id IN (SELECT project_id FROM project_years WHERE year = ?1)) ORDER BY id",
        )?
        .query_map([year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
