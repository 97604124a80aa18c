//! SQL of 履职评议 and 履职积分: evaluations with their template, counted ballots and scores,
//! point rules, attendance and adjustments.

use rusqlite::{params, Connection, OptionalExtension};

use super::model::*;
use crate::db::now_text;
use crate::error::Result;
pub use crate::roster::store::{current_term_start, deputy_name, session_dates, unit_name};

/// The evaluations, newest first; `rule_name` holds the rule's key (the caller names it).
pub fn evaluation_rows(c: &Connection) -> Result<Vec<EvaluationRow>> {
    let mut st = c.prepare(
        "SELECT e.id, e.year, e.name, e.kind, e.rule, (SELECT count(*) FROM evaluation_subjects s WHERE s.evaluation_id = e.id), e.status
           FROM evaluations e ORDER BY e.year DESC, e.id DESC",
    )?;
    let rows = st
        .query_map([], |r| {
            Ok(EvaluationRow {
                id: r.get(0)?,
                year: r.get(1)?,
                name: r.get(2)?,
                kind: r.get(3)?,
                rule_name: r.get(4)?,
                subjects: r.get(5)?,
                status: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// An evaluation's own columns.
pub struct EvaluationHead {
    pub uuid: String,
    pub year: i64,
    pub name: String,
    pub kind: String,
    pub rule: String,
    /// The stages as stored (JSON).
    pub stages: String,
    pub status: String,
    pub closed_at: Option<String>,
}

pub fn evaluation_head(c: &Connection, id: i64) -> Result<Option<EvaluationHead>> {
    Ok(c.query_row(
        "SELECT uuid, year, name, kind, rule, stages, status, closed_at FROM evaluations WHERE id = ?1",
        [id],
        |r| {
            Ok(EvaluationHead {
                uuid: r.get(0)?,
                year: r.get(1)?,
                name: r.get(2)?,
                kind: r.get(3)?,
                rule: r.get(4)?,
                stages: r.get(5)?,
                status: r.get(6)?,
                closed_at: r.get(7)?,
            })
        },
    )
    .optional()?)
}

pub fn groups(c: &Connection, id: i64) -> Result<Vec<RaterGroup>> {
    let rows = c
        .prepare("SELECT id, name, weight, expected FROM evaluation_groups WHERE evaluation_id = ?1 ORDER BY position")?
        .query_map([id], |r| Ok(RaterGroup { id: r.get(0)?, name: r.get(1)?, weight: r.get(2)?, expected: r.get(3)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn criteria(c: &Connection, id: i64) -> Result<Vec<Criterion>> {
    let rows = c
        .prepare("SELECT id, name, weight, auto FROM evaluation_criteria WHERE evaluation_id = ?1 ORDER BY position")?
        .query_map([id], |r| Ok(Criterion { id: r.get(0)?, name: r.get(1)?, weight: r.get(2)?, auto: r.get(3)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn subjects(c: &Connection, id: i64) -> Result<Vec<Subject>> {
    let rows = c
        .prepare(
            "SELECT id, name, post, unit_id, unit_name, appointed, project_id FROM evaluation_subjects
              WHERE evaluation_id = ?1 ORDER BY position",
        )?
        .query_map([id], |r| {
            Ok(Subject {
                id: r.get(0)?,
                name: r.get(1)?,
                post: r.get(2)?,
                unit_id: r.get(3)?,
                unit_name: r.get(4)?,
                appointed: r.get(5)?,
                project_id: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn stages_json(e: &EvaluationInput) -> String {
    serde_json::to_string(&e.stages).unwrap_or_else(|_| "[]".into())
}

pub fn insert_evaluation(tx: &Connection, uuid: &str, e: &EvaluationInput) -> Result<i64> {
    tx.execute(
        "INSERT INTO evaluations (uuid, year, name, kind, rule, stages, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![uuid, e.year, e.name, e.kind, e.rule, stages_json(e), now_text()],
    )?;
    Ok(tx.last_insert_rowid())
}

pub fn update_evaluation(tx: &Connection, id: i64, e: &EvaluationInput) -> Result<()> {
    tx.execute(
        "UPDATE evaluations SET year = ?2, name = ?3, kind = ?4, rule = ?5, stages = ?6, updated_at = ?7 WHERE id = ?1",
        params![id, e.year, e.name, e.kind, e.rule, stages_json(e), now_text()],
    )?;
    Ok(())
}

/// Closes (results locked) or reopens an evaluation.
pub fn set_closed(tx: &Connection, id: i64, closed: bool) -> Result<()> {
    let sql = if closed {
        "UPDATE evaluations SET status = 'closed', closed_at = ?2, updated_at = ?2 WHERE id = ?1"
    } else {
        "UPDATE evaluations SET status = 'open', closed_at = NULL, updated_at = ?2 WHERE id = ?1"
    };
    tx.execute(sql, params![id, now_text()])?;
    Ok(())
}

pub fn ballot_counts(c: &Connection, id: i64) -> Result<Vec<BallotCount>> {
    let rows = c
        .prepare(
            "SELECT b.subject_id, b.group_id, b.present, b.invalid, b.satisfied, b.basic, b.unsatisfied, b.abstain
               FROM ballot_counts b JOIN evaluation_subjects s ON s.id = b.subject_id WHERE s.evaluation_id = ?1",
        )?
        .query_map([id], |r| {
            Ok(BallotCount {
                subject_id: r.get(0)?,
                group_id: r.get(1)?,
                present: r.get(2)?,
                invalid: r.get(3)?,
                satisfied: r.get(4)?,
                basic: r.get(5)?,
                unsatisfied: r.get(6)?,
                abstain: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn ballot_scores(c: &Connection, id: i64) -> Result<Vec<ScoreEntry>> {
    let rows = c
        .prepare(
            "SELECT b.subject_id, b.group_id, b.criterion_id, b.score
               FROM ballot_scores b JOIN evaluation_subjects s ON s.id = b.subject_id WHERE s.evaluation_id = ?1",
        )?
        .query_map([id], |r| {
            Ok(ScoreEntry { subject_id: r.get(0)?, group_id: r.get(1)?, criterion_id: r.get(2)?, score: r.get(3)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Writes scores (a new score of the same subject, group and criterion replaces it; the audit log
/// keeps every version).
pub fn write_scores(tx: &Connection, scores: &[ScoreEntry]) -> Result<()> {
    for s in scores {
        tx.execute(
            "INSERT INTO ballot_scores (subject_id, group_id, criterion_id, score) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (subject_id, group_id, criterion_id) DO UPDATE SET score = excluded.score",
            params![s.subject_id, s.group_id, s.criterion_id, s.score],
        )?;
    }
    Ok(())
}

/// Writes counted ballots (a recount replaces the count; the audit log keeps every version).
pub fn write_counts(tx: &Connection, counts: &[BallotCount]) -> Result<()> {
    let now = now_text();
    for c in counts {
        tx.execute(
            "INSERT INTO ballot_counts (subject_id, group_id, present, invalid, satisfied, basic, unsatisfied, abstain, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (subject_id, group_id) DO UPDATE SET present = excluded.present, invalid = excluded.invalid, satisfied = excluded.satisfied,
                basic = excluded.basic, unsatisfied = excluded.unsatisfied, abstain = excluded.abstain, updated_at = excluded.updated_at",
            params![c.subject_id, c.group_id, c.present, c.invalid, c.satisfied, c.basic, c.unsatisfied, c.abstain, now],
        )?;
    }
    Ok(())
}

/// Writes groups, criteria and subjects: rows with an id are updated, new ones inserted, and the
/// ones no longer listed removed (the caller has made sure none of them has ballots).
pub fn save_template(tx: &Connection, id: i64, e: &EvaluationInput, before: &Evaluation) -> Result<()> {
    let keep_g: Vec<i64> = e.groups.iter().map(|g| g.id).filter(|x| *x > 0).collect();
    for g in before.groups.iter().filter(|g| !keep_g.contains(&g.id)) {
        tx.execute("DELETE FROM ballot_scores WHERE group_id = ?1", [g.id])?;
        tx.execute("DELETE FROM evaluation_groups WHERE id = ?1", [g.id])?;
    }
    for (i, g) in e.groups.iter().enumerate() {
        if g.id > 0 {
            tx.execute("UPDATE evaluation_groups SET position = ?2, name = ?3, weight = ?4, expected = ?5 WHERE id = ?1 AND evaluation_id = ?6", params![g.id, i as i64, g.name.trim(), g.weight, g.expected, id])?;
        } else {
            tx.execute("INSERT INTO evaluation_groups (evaluation_id, position, name, weight, expected) VALUES (?1, ?2, ?3, ?4, ?5)", params![id, i as i64, g.name.trim(), g.weight, g.expected])?;
        }
    }
    let keep_c: Vec<i64> = e.criteria.iter().map(|c| c.id).filter(|x| *x > 0).collect();
    for c in before.criteria.iter().filter(|c| !keep_c.contains(&c.id)) {
        tx.execute("DELETE FROM ballot_scores WHERE criterion_id = ?1", [c.id])?;
        tx.execute("DELETE FROM evaluation_criteria WHERE id = ?1", [c.id])?;
    }
    for (i, c) in e.criteria.iter().enumerate() {
        if c.id > 0 {
            tx.execute("UPDATE evaluation_criteria SET position = ?2, name = ?3, weight = ?4, auto = ?5 WHERE id = ?1 AND evaluation_id = ?6", params![c.id, i as i64, c.name.trim(), c.weight, c.auto, id])?;
        } else {
            tx.execute("INSERT INTO evaluation_criteria (evaluation_id, position, name, weight, auto) VALUES (?1, ?2, ?3, ?4, ?5)", params![id, i as i64, c.name.trim(), c.weight, c.auto])?;
        }
    }
    let keep_s: Vec<i64> = e.subjects.iter().map(|s| s.id).filter(|x| *x > 0).collect();
    for s in before.subjects.iter().filter(|s| !keep_s.contains(&s.id)) {
        tx.execute("DELETE FROM evaluation_subjects WHERE id = ?1", [s.id])?;
    }
    for (i, s) in e.subjects.iter().enumerate() {
        let unit_name = match s.unit_id {
            Some(u) => unit_name(tx, u)?.or(s.unit_name.clone()),
            None => s.unit_name.clone(),
        };
        if s.id > 0 {
            tx.execute(
                "UPDATE evaluation_subjects SET position = ?2, name = ?3, post = ?4, unit_id = ?5, unit_name = ?6, appointed = ?7, project_id = ?9 WHERE id = ?1 AND evaluation_id = ?8",
                params![s.id, i as i64, s.name, s.post, s.unit_id, unit_name, s.appointed, id, s.project_id],
            )?;
        } else {
            tx.execute(
                "INSERT INTO evaluation_subjects (uuid, evaluation_id, position, name, post, unit_id, unit_name, appointed, project_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![uuid::Uuid::new_v4().to_string(), id, i as i64, s.name, s.post, s.unit_id, unit_name, s.appointed, s.project_id],
            )?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- 履职积分

/// A year's own rules: (kind, points, cap).
pub fn point_rules(c: &Connection, year: i64) -> Result<Vec<(String, f64, Option<f64>)>> {
    let rows = c
        .prepare("SELECT kind, points, cap FROM point_rules WHERE year = ?1")?
        .query_map([year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn write_point_rules(tx: &Connection, year: i64, rules: &[PointRule]) -> Result<()> {
    for r in rules {
        tx.execute(
            "INSERT INTO point_rules (year, kind, points, cap) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (year, kind) DO UPDATE SET points = excluded.points, cap = excluded.cap",
            params![year, r.kind, r.points, r.cap],
        )?;
    }
    Ok(())
}

/// Every active deputy with their attendance at a session (none recorded → zeros).
pub fn attendance(c: &Connection, session_id: i64) -> Result<Vec<AttendanceRow>> {
    let mut st = c.prepare(
        "SELECT d.id, d.name, COALESCE(a.days_present, 0), COALESCE(a.half_days_leave, 0), COALESCE(a.absences, 0)
           FROM deputies d LEFT JOIN attendance a ON a.deputy_id = d.id AND a.session_id = ?1
          WHERE d.active = 1 ORDER BY d.pinyin_key",
    )?;
    let rows = st
        .query_map([session_id], |r| {
            Ok(AttendanceRow {
                deputy_id: r.get(0)?,
                name: r.get(1)?,
                days_present: r.get(2)?,
                half_days_leave: r.get(3)?,
                absences: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn write_attendance(tx: &Connection, session_id: i64, rows: &[AttendanceRow]) -> Result<()> {
    for r in rows {
        tx.execute(
            "INSERT INTO attendance (session_id, deputy_id, days_present, half_days_leave, absences) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (session_id, deputy_id) DO UPDATE SET days_present = excluded.days_present,
                half_days_leave = excluded.half_days_leave, absences = excluded.absences",
            params![session_id, r.deputy_id, r.days_present, r.half_days_leave, r.absences],
        )?;
    }
    Ok(())
}

/// A manual adjustment, appended.
pub fn add_adjustment(tx: &Connection, deputy_id: i64, date: &str, points: f64, reason: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO point_adjustments (deputy_id, date, points, reason, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![deputy_id, date, points, reason, now_text()],
    )?;
    Ok(())
}

/// Active deputies: (id, name, 代表团).
pub fn active_deputies(c: &Connection) -> Result<Vec<(i64, String, Option<String>)>> {
    let rows = c
        .prepare("SELECT id, name, delegation FROM deputies WHERE active = 1 ORDER BY pinyin_key")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Sessions with attendance recorded but no dates: their attendance counts in no period.
pub fn undated_sessions_with_attendance(c: &Connection) -> Result<Vec<String>> {
    let rows = c
        .prepare(
            "SELECT s.name FROM sessions s WHERE s.start_date IS NULL
                AND EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id) ORDER BY s.id",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Each deputy's adjustments summed over a period.
pub fn adjustment_sums(c: &Connection, from: &str, to: &str) -> Result<std::collections::HashMap<i64, f64>> {
    let rows = c
        .prepare(
            "SELECT deputy_id, sum(points) FROM point_adjustments WHERE date BETWEEN ?1 AND ?2 GROUP BY deputy_id",
        )?
        .query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Each deputy's attendance at the sessions opened in a period: (deputy, days, half days of
/// leave, absences).
pub fn attendance_sums(c: &Connection, from: &str, to: &str) -> Result<Vec<(i64, f64, f64, f64)>> {
    let rows = c
        .prepare(
            "SELECT a.deputy_id, sum(a.days_present), sum(a.half_days_leave), sum(a.absences)
               FROM attendance a JOIN sessions s ON s.id = a.session_id
              WHERE s.start_date BETWEEN ?1 AND ?2 GROUP BY a.deputy_id",
        )?
        .query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A deputy's attendance at a session: (opening, session, days, half days of leave, absences).
pub type SessionAttendance = (String, String, f64, i64, i64);

/// A deputy's attendance at each session opened in a period.
pub fn deputy_attendance(c: &Connection, deputy_id: i64, from: &str, to: &str) -> Result<Vec<SessionAttendance>> {
    let rows = c
        .prepare(
            "SELECT s.start_date, s.name, a.days_present, a.half_days_leave, a.absences
               FROM attendance a JOIN sessions s ON s.id = a.session_id
              WHERE a.deputy_id = ?1 AND s.start_date BETWEEN ?2 AND ?3 ORDER BY s.start_date",
        )?
        .query_map(params![deputy_id, from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A deputy's adjustments in a period: (date, points, reason).
pub fn deputy_adjustments(c: &Connection, deputy_id: i64, from: &str, to: &str) -> Result<Vec<(String, f64, String)>> {
    let rows = c
        .prepare(
            "SELECT date, points, reason FROM point_adjustments
              WHERE deputy_id = ?1 AND date BETWEEN ?2 AND ?3 ORDER BY date",
        )?
        .query_map(params![deputy_id, from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The latest year an evaluation was held.
pub fn latest_year(c: &Connection) -> Result<Option<i64>> {
    Ok(c.query_row("SELECT max(year) FROM evaluations", [], |r| r.get(0))?)
}

/// The year's ratings of 民生实事项目 (DOMAIN.md §5.6): per project, the sums over every group of
/// the ballots of the subjects that name it, in the year's evaluations; 有效 = 实到 − 废票.
pub fn project_ratings(
    c: &Connection,
    year: i64,
) -> Result<std::collections::HashMap<i64, crate::projects::figures::Rating>> {
    let mut st = c.prepare_cached(
        "SELECT s.project_id, sum(b.satisfied), sum(b.basic), sum(b.unsatisfied), sum(b.present - b.invalid)
           FROM evaluation_subjects s JOIN evaluations e ON e.id = s.evaluation_id
           JOIN ballot_counts b ON b.subject_id = s.id
          WHERE e.year = ?1 AND s.project_id IS NOT NULL GROUP BY s.project_id",
    )?;
    let rows = st
        .query_map([year], |r| {
            Ok((
                r.get(0)?,
                crate::projects::figures::Rating {
                    satisfied: r.get(1)?,
                    basic: r.get(2)?,
                    unsatisfied: r.get(3)?,
                    valid: r.get(4)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The evaluations whose subjects stand for a project, newest first: (evaluation, subject).
pub fn project_subjects(c: &Connection, project_id: i64) -> Result<Vec<(i64, i64)>> {
    let rows = c
        .prepare(
            "SELECT s.evaluation_id, s.id FROM evaluation_subjects s JOIN evaluations e ON e.id = s.evaluation_id
              WHERE s.project_id = ?1 ORDER BY e.year DESC, e.id DESC",
        )?
        .query_map([project_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// An evaluation of `kind` for `year` already there, if any.
pub fn evaluation_of_kind(c: &Connection, year: i64, kind: &str) -> Result<Option<i64>> {
    Ok(c.query_row(
        "SELECT id FROM evaluations WHERE year = ?1 AND kind = ?2 ORDER BY id LIMIT 1",
        params![year, kind],
        |r| r.get(0),
    )
    .optional()?)
}
