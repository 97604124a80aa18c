//! The SQL of 审议意见办理: every read and write of the area's tables.

use std::collections::HashMap;

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use super::model::*;
use crate::common::like_contains;
use crate::error::Result;

/// The stored key of an enumeration value (its serde name).
pub fn key<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v).ok().and_then(|k| k.as_str().map(str::to_string)).unwrap_or_default()
}

/// A stored enumeration read back; an unknown value (never written by the engine) reads as the default.
pub fn from_key<T: serde::de::DeserializeOwned + Default>(s: String) -> T {
    serde_json::from_value(serde_json::Value::String(s)).unwrap_or_default()
}

fn rows<T>(
    c: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
    f: fn(&Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    Ok(c.prepare_cached(sql)?.query_map(args, f)?.collect::<rusqlite::Result<_>>()?)
}

// ------------------------------------------------------------------ 议题 · 会议

pub fn topic_insert(c: &Connection, t: &TopicInput, uuid: &str, now: &str) -> Result<i64> {
    c.execute(
        "INSERT INTO oversight_topics (uuid, year, title, body, report_kind, planned, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![uuid, t.year, t.title, t.body, key(t.report_kind), t.planned, t.note, now],
    )?;
    Ok(c.last_insert_rowid())
}

pub fn topic_exists(c: &Connection, year: i64, title: &str) -> Result<bool> {
    Ok(c.query_row("SELECT 1 FROM oversight_topics WHERE year = ?1 AND title = ?2", params![year, title], |_| Ok(()))
        .optional()?
        .is_some())
}

const TOPIC_SQL: &str = "SELECT t.id, t.year, t.title, t.body, t.report_kind, t.planned, t.note,
        (SELECT count(*) FROM oversight_opinions o WHERE o.topic_id = t.id)
   FROM oversight_topics t";

fn topic_row(r: &Row) -> rusqlite::Result<Topic> {
    Ok(Topic {
        id: r.get(0)?,
        year: r.get(1)?,
        title: r.get(2)?,
        body: r.get(3)?,
        report_kind: from_key(r.get(4)?),
        planned: r.get(5)?,
        note: r.get(6)?,
        opinions: r.get(7)?,
    })
}

pub fn topics(c: &Connection, year: Option<i64>) -> Result<Vec<Topic>> {
    rows(c, &format!("{TOPIC_SQL} WHERE ?1 IS NULL OR t.year = ?1 ORDER BY t.year DESC, t.id"), [year], topic_row)
}

pub fn topic_get(c: &Connection, id: i64) -> Result<Option<Topic>> {
    Ok(c.query_row(&format!("{TOPIC_SQL} WHERE t.id = ?1"), [id], topic_row).optional()?)
}

pub fn meeting_insert(c: &Connection, m: &MeetingInput, uuid: &str, now: &str) -> Result<i64> {
    c.execute(
        "INSERT INTO oversight_meetings (uuid, kind, term, number, date, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![uuid, key(m.kind), m.term, m.number, m.date, now],
    )?;
    let id = c.last_insert_rowid();
    let mut st =
        c.prepare_cached("INSERT OR IGNORE INTO oversight_meeting_deputies (meeting_id, deputy_id) VALUES (?1, ?2)")?;
    for d in &m.deputy_ids {
        st.execute(params![id, d])?;
    }
    Ok(id)
}

pub fn meeting_exists(c: &Connection, m: &MeetingInput) -> Result<bool> {
    Ok(c.query_row(
        "SELECT 1 FROM oversight_meetings WHERE kind = ?1 AND term = ?2 AND number = ?3",
        params![key(m.kind), m.term, m.number],
        |_| Ok(()),
    )
    .optional()?
    .is_some())
}

fn meeting_row(r: &Row) -> rusqlite::Result<Meeting> {
    let kind: MeetingKind = from_key(r.get(1)?);
    let term: String = r.get(2)?;
    let number: i64 = r.get(3)?;
    Ok(Meeting { id: r.get(0)?, kind, name: kind.name(&term, number), term, number, date: r.get(4)?, deputies: vec![] })
}

fn meeting_deputies(c: &Connection, id: i64) -> Result<Vec<NamedId>> {
    rows(
        c,
        "SELECT d.id, d.name FROM oversight_meeting_deputies x JOIN deputies d ON d.id = x.deputy_id
          WHERE x.meeting_id = ?1 ORDER BY d.id",
        [id],
        |r| Ok(NamedId { id: r.get(0)?, name: r.get(1)? }),
    )
}

pub fn meetings(c: &Connection, year: Option<i64>) -> Result<Vec<Meeting>> {
    let mut out = rows(
        c,
        "SELECT id, kind, term, number, date FROM oversight_meetings
          WHERE ?1 IS NULL OR substr(date, 1, 4) = CAST(?1 AS TEXT) ORDER BY date DESC, id DESC",
        [year],
        meeting_row,
    )?;
    for m in &mut out {
        m.deputies = meeting_deputies(c, m.id)?;
    }
    Ok(out)
}

pub fn meeting_get(c: &Connection, id: i64) -> Result<Option<Meeting>> {
    let m = c
        .query_row("SELECT id, kind, term, number, date FROM oversight_meetings WHERE id = ?1", [id], meeting_row)
        .optional()?;
    match m {
        Some(mut m) => {
            m.deputies = meeting_deputies(c, id)?;
            Ok(Some(m))
        }
        None => Ok(None),
    }
}

// ------------------------------------------------------------------ 审议意见

pub fn opinion_insert(c: &Connection, o: &OpinionInput, adopted: &str, uuid: &str, now: &str) -> Result<i64> {
    c.execute(
        "INSERT INTO oversight_opinions (uuid, topic_id, meeting_id, doc_no, adopted_date, assessment, issues, advice,
            published_date, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            uuid,
            o.topic_id,
            o.meeting_id,
            o.doc_no,
            adopted,
            o.assessment,
            o.issues,
            o.advice,
            o.published_date,
            now
        ],
    )?;
    Ok(c.last_insert_rowid())
}

pub fn doc_no_taken(c: &Connection, doc_no: &str) -> Result<bool> {
    Ok(c.query_row("SELECT 1 FROM oversight_opinions WHERE doc_no = ?1", [doc_no], |_| Ok(())).optional()?.is_some())
}

/// The opinion's id by its 文号.
pub fn opinion_by_doc(c: &Connection, doc_no: &str) -> Result<Option<i64>> {
    Ok(c.query_row("SELECT id FROM oversight_opinions WHERE doc_no = ?1", [doc_no], |r| r.get(0)).optional()?)
}

pub fn doc_nos(c: &Connection) -> Result<Vec<String>> {
    rows(c, "SELECT doc_no FROM oversight_opinions ORDER BY id", [], |r| r.get(0))
}

const ROW_SQL: &str = "SELECT o.id, CAST(substr(o.adopted_date, 1, 4) AS INTEGER), m.kind, m.term, m.number, t.title,
        t.body, t.report_kind, o.doc_no, o.adopted_date, r.assigned_date, r.due_date, o.state, coalesce(r.round, 0),
        (SELECT count(*) FROM oversight_rounds x WHERE x.opinion_id = o.id AND x.passed = 0),
        (SELECT count(*) FROM oversight_problems p WHERE p.opinion_id = o.id),
        (SELECT count(*) FROM oversight_problems p WHERE p.opinion_id = o.id AND p.status = 'done')
   FROM oversight_opinions o
   JOIN oversight_topics t ON t.id = o.topic_id
   JOIN oversight_meetings m ON m.id = o.meeting_id
   LEFT JOIN oversight_rounds r ON r.opinion_id = o.id
        AND r.round = (SELECT max(round) FROM oversight_rounds y WHERE y.opinion_id = o.id)";

fn opinion_row(r: &Row) -> rusqlite::Result<OpinionRow> {
    let kind: MeetingKind = from_key(r.get(2)?);
    Ok(OpinionRow {
        id: r.get(0)?,
        year: r.get(1)?,
        meeting: kind.name(&r.get::<_, String>(3)?, r.get(4)?),
        topic: r.get(5)?,
        body: r.get(6)?,
        report_kind: from_key(r.get(7)?),
        doc_no: r.get(8)?,
        adopted_date: r.get(9)?,
        assigned_date: r.get(10)?,
        due_date: r.get(11)?,
        state: from_key(r.get(12)?),
        round: r.get(13)?,
        unsatisfied_rounds: r.get(14)?,
        problems: r.get(15)?,
        problems_done: r.get(16)?,
    })
}

pub fn opinion_rows(c: &Connection, q: &OpinionQuery) -> Result<Vec<OpinionRow>> {
    let mut clauses = vec!["1 = 1".to_string()];
    let mut args: Vec<SqlValue> = vec![];
    if let Some(y) = q.year {
        clauses.push("o.adopted_date BETWEEN ? AND ?".into());
        args.push(format!("{y}-01-01").into());
        args.push(format!("{y}-12-31").into());
    }
    if let Some(s) = q.state {
        clauses.push("o.state = ?".into());
        args.push(key(s).into());
    }
    if let Some(t) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        clauses.push("(t.title LIKE ? ESCAPE '\\' OR o.doc_no LIKE ? ESCAPE '\\' OR t.body LIKE ? ESCAPE '\\')".into());
        for _ in 0..3 {
            args.push(like_contains(t).into());
        }
    }
    let sql = format!("{ROW_SQL} WHERE {} ORDER BY o.adopted_date, o.id", clauses.join(" AND "));
    Ok(c.prepare(&sql)?.query_map(params_from_iter(args), opinion_row)?.collect::<rusqlite::Result<_>>()?)
}

pub fn opinion_row_get(c: &Connection, id: i64) -> Result<Option<OpinionRow>> {
    Ok(c.query_row(&format!("{ROW_SQL} WHERE o.id = ?1"), [id], opinion_row).optional()?)
}

/// (topic_id, meeting_id, 总体评价, 突出问题, 改进意见, 公开日期, 办结日期, uuid)
pub type OpinionText =
    (i64, i64, Option<String>, Option<String>, Option<String>, Option<String>, Option<String>, String);

pub fn opinion_text(c: &Connection, id: i64) -> Result<Option<OpinionText>> {
    Ok(c.query_row(
        "SELECT topic_id, meeting_id, assessment, issues, advice, published_date, closed_date, uuid
           FROM oversight_opinions WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)),
    )
    .optional()?)
}

pub fn set_state(c: &Connection, id: i64, s: OpinionState, closed: Option<&str>, now: &str) -> Result<()> {
    c.execute(
        "UPDATE oversight_opinions SET state = ?2, closed_date = coalesce(?3, closed_date), updated_at = ?4 WHERE id = ?1",
        params![id, key(s), closed, now],
    )?;
    Ok(())
}

pub fn set_published(c: &Connection, id: i64, date: &str, now: &str) -> Result<()> {
    c.execute(
        "UPDATE oversight_opinions SET published_date = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, date, now],
    )?;
    Ok(())
}

// ------------------------------------------------------------------ rounds and history

pub fn round_insert(c: &Connection, opinion: i64, round: i64, assigned: &str, due: &str) -> Result<()> {
    c.execute(
        "INSERT INTO oversight_rounds (opinion_id, round, assigned_date, due_date, first_due) VALUES (?1, ?2, ?3, ?4, ?4)",
        params![opinion, round, assigned, due],
    )?;
    Ok(())
}

pub fn round_extend(c: &Connection, opinion: i64, round: i64, due: &str) -> Result<()> {
    c.execute(
        "UPDATE oversight_rounds SET due_date = ?3 WHERE opinion_id = ?1 AND round = ?2",
        params![opinion, round, due],
    )?;
    Ok(())
}

pub fn round_report(c: &Connection, opinion: i64, round: i64, s: &OpinionStep, date: &str) -> Result<()> {
    c.execute(
        "UPDATE oversight_rounds SET report_date = ?3, report_no = ?4, committee_view = ?5, submitted = ?6
          WHERE opinion_id = ?1 AND round = ?2",
        params![opinion, round, date, s.report_no, s.committee_view, s.submitted.unwrap_or(true)],
    )?;
    Ok(())
}

/// The rating's outcome on the round: its evaluation, grade and 满意率.
#[allow(clippy::too_many_arguments)]
pub fn round_rated(
    c: &Connection,
    opinion: i64,
    round: i64,
    evaluation: i64,
    date: &str,
    grade: &str,
    rate: Option<f64>,
    passed: bool,
) -> Result<()> {
    c.execute(
        "UPDATE oversight_rounds SET evaluation_id = ?3, rated_date = ?4, grade = ?5, satisfied_rate = ?6, passed = ?7
          WHERE opinion_id = ?1 AND round = ?2",
        params![opinion, round, evaluation, date, grade, rate, passed],
    )?;
    Ok(())
}

pub fn rounds(c: &Connection, opinion: i64) -> Result<Vec<Round>> {
    rows(
        c,
        "SELECT round, assigned_date, due_date, first_due, report_date, report_no, committee_view, submitted,
                evaluation_id, rated_date, grade, satisfied_rate, passed
           FROM oversight_rounds WHERE opinion_id = ?1 ORDER BY round",
        [opinion],
        |r| {
            let first_due: String = r.get(3)?;
            let report: Option<String> = r.get(4)?;
            Ok(Round {
                round: r.get(0)?,
                assigned_date: r.get(1)?,
                due_date: r.get(2)?,
                on_time: report.as_ref().map(|d| *d <= first_due),
                first_due,
                report_date: report,
                report_no: r.get(5)?,
                committee_view: r.get(6)?,
                submitted: r.get(7)?,
                evaluation_id: r.get(8)?,
                rated_date: r.get(9)?,
                grade: r.get(10)?,
                satisfied_rate: r.get(11)?,
                passed: r.get(12)?,
            })
        },
    )
}

pub struct EventRow<'a> {
    pub opinion: i64,
    pub round: Option<i64>,
    pub date: &'a str,
    pub action: &'a str,
    pub state_after: OpinionState,
    pub text: &'a str,
    pub approver: Option<&'a str>,
    pub old_due: Option<&'a str>,
    pub new_due: Option<&'a str>,
}

pub fn event_insert(c: &Connection, e: &EventRow, now: &str) -> Result<()> {
    c.execute(
        "INSERT INTO oversight_events (opinion_id, round, date, action, state_after, text, approver, old_due, new_due, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![e.opinion, e.round, e.date, e.action, key(e.state_after), e.text, e.approver, e.old_due, e.new_due, now],
    )?;
    Ok(())
}

pub fn events(c: &Connection, opinion: i64) -> Result<Vec<OpinionEvent>> {
    rows(
        c,
        "SELECT round, date, action, state_after, text, approver, old_due, new_due
           FROM oversight_events WHERE opinion_id = ?1 ORDER BY id",
        [opinion],
        |r| {
            let action: String = r.get(2)?;
            let label = OpinionAction::ALL
                .into_iter()
                .find(|a| key(*a) == action)
                .map_or(if action == "create" { "登记" } else { "记录" }, OpinionAction::label);
            Ok(OpinionEvent {
                round: r.get(0)?,
                date: r.get(1)?,
                action_label: label.into(),
                action,
                state_after: from_key(r.get(3)?),
                text: r.get(4)?,
                approver: r.get(5)?,
                old_due: r.get(6)?,
                new_due: r.get(7)?,
            })
        },
    )
}

// ------------------------------------------------------------------ 问题清单 · 推进情况

pub fn problem_insert(c: &Connection, p: &ProblemItemInput, uuid: &str, now: &str) -> Result<i64> {
    c.execute(
        "INSERT INTO oversight_problems (uuid, opinion_id, position, text, category, unit, created_at, updated_at)
         VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM oversight_problems WHERE opinion_id = ?2),
                 ?3, ?4, ?5, ?6, ?6)",
        params![uuid, p.opinion_id, p.text, key(p.category), p.unit, now],
    )?;
    Ok(c.last_insert_rowid())
}

pub fn problem_exists(c: &Connection, opinion: i64, text: &str) -> Result<bool> {
    Ok(problem_by_text(c, opinion, text)?.is_some())
}

pub fn problem_by_text(c: &Connection, opinion: i64, text: &str) -> Result<Option<i64>> {
    Ok(c.query_row(
        "SELECT id FROM oversight_problems WHERE opinion_id = ?1 AND text = ?2",
        params![opinion, text],
        |r| r.get(0),
    )
    .optional()?)
}

/// The texts of an opinion's problems (for the near-name warning of the import).
pub fn problem_texts(c: &Connection, opinion: i64) -> Result<Vec<String>> {
    rows(c, "SELECT text FROM oversight_problems WHERE opinion_id = ?1 ORDER BY position", [opinion], |r| r.get(0))
}

/// (opinion_id, uuid, text) of a problem.
pub fn problem_head(c: &Connection, id: i64) -> Result<Option<(i64, String, String)>> {
    Ok(c.query_row("SELECT opinion_id, uuid, text FROM oversight_problems WHERE id = ?1", [id], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })
    .optional()?)
}

pub fn progress_exists(c: &Connection, problem: i64, date: &str, text: &str) -> Result<bool> {
    Ok(c.query_row(
        "SELECT 1 FROM oversight_progress WHERE problem_id = ?1 AND date = ?2 AND text = ?3",
        params![problem, date, text],
        |_| Ok(()),
    )
    .optional()?
    .is_some())
}

/// Appends a 推进情况 entry and sets the problem's 整改状态; the same entry twice adds nothing.
/// Returns whether it was new.
pub fn progress_insert(c: &Connection, p: &FixProgressInput, source: &str, now: &str) -> Result<bool> {
    let n = c.execute(
        "INSERT OR IGNORE INTO oversight_progress (problem_id, date, text, status, source, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![p.problem_id, p.date, p.text, key(p.status), source, now],
    )?;
    if n == 0 {
        return Ok(false);
    }
    // the latest entry by date decides the status (an old entry imported late does not undo a newer one)
    c.execute(
        "UPDATE oversight_problems SET
            status = (SELECT status FROM oversight_progress WHERE problem_id = ?1 ORDER BY date DESC, id DESC LIMIT 1),
            done_date = (SELECT min(date) FROM oversight_progress WHERE problem_id = ?1 AND status = 'done'),
            updated_at = ?2
          WHERE id = ?1",
        params![p.problem_id, now],
    )?;
    Ok(true)
}

pub fn set_review(c: &Connection, id: i64, review: &str, now: &str) -> Result<()> {
    c.execute("UPDATE oversight_problems SET review = ?2, updated_at = ?3 WHERE id = ?1", params![id, review, now])?;
    Ok(())
}

fn problem_row(r: &Row) -> rusqlite::Result<ProblemItem> {
    Ok(ProblemItem {
        id: r.get(0)?,
        opinion_id: r.get(1)?,
        doc_no: r.get(2)?,
        position: r.get(3)?,
        text: r.get(4)?,
        category: from_key(r.get(5)?),
        unit: r.get(6)?,
        status: from_key(r.get(7)?),
        done_date: r.get(8)?,
        review: r.get(9)?,
        progress: vec![],
    })
}

const PROBLEM_SQL: &str = "SELECT p.id, p.opinion_id, o.doc_no, p.position, p.text, p.category, p.unit, p.status,
        p.done_date, p.review
   FROM oversight_problems p JOIN oversight_opinions o ON o.id = p.opinion_id";

fn progress_of(c: &Connection, problem: i64) -> Result<Vec<FixProgressEntry>> {
    rows(
        c,
        "SELECT date, text, status, source FROM oversight_progress WHERE problem_id = ?1 ORDER BY date, id",
        [problem],
        |r| Ok(FixProgressEntry { date: r.get(0)?, text: r.get(1)?, status: from_key(r.get(2)?), source: r.get(3)? }),
    )
}

/// Problems of one opinion, or of every opinion adopted in `year`, with their 推进情况.
pub fn problems(c: &Connection, opinion: Option<i64>, year: Option<i64>) -> Result<Vec<ProblemItem>> {
    let (from, to) = year.map_or((None, None), |y| (Some(format!("{y}-01-01")), Some(format!("{y}-12-31"))));
    let mut out = rows(
        c,
        &format!(
            "{PROBLEM_SQL} WHERE (?1 IS NULL OR p.opinion_id = ?1) AND (?2 IS NULL OR o.adopted_date BETWEEN ?2 AND ?3)
              ORDER BY o.adopted_date, o.id, p.position"
        ),
        params![opinion, from, to],
        problem_row,
    )?;
    for p in &mut out {
        p.progress = progress_of(c, p.id)?;
    }
    Ok(out)
}

// ------------------------------------------------------------------ activities

pub fn activity_insert(c: &Connection, a: &ActivityInput, uuid: &str, now: &str) -> Result<i64> {
    c.execute(
        "INSERT INTO oversight_activities (uuid, topic_id, opinion_id, date, kind, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![uuid, a.topic_id, a.opinion_id, a.date, a.kind, a.note, now],
    )?;
    let id = c.last_insert_rowid();
    let mut st =
        c.prepare_cached("INSERT OR IGNORE INTO oversight_activity_deputies (activity_id, deputy_id) VALUES (?1, ?2)")?;
    for d in &a.deputy_ids {
        st.execute(params![id, d])?;
    }
    Ok(id)
}

pub fn activities(c: &Connection, topic: i64) -> Result<Vec<Activity>> {
    let mut out = rows(
        c,
        "SELECT id, date, kind, note FROM oversight_activities WHERE topic_id = ?1 ORDER BY date, id",
        [topic],
        |r| Ok(Activity { id: r.get(0)?, date: r.get(1)?, kind: r.get(2)?, note: r.get(3)?, deputies: vec![] }),
    )?;
    for a in &mut out {
        a.deputies = rows(
            c,
            "SELECT d.id, d.name FROM oversight_activity_deputies x JOIN deputies d ON d.id = x.deputy_id
              WHERE x.activity_id = ?1 ORDER BY d.id",
            [a.id],
            |r| Ok(NamedId { id: r.get(0)?, name: r.get(1)? }),
        )?;
    }
    Ok(out)
}

// ------------------------------------------------------------------ points (DOMAIN.md §6.7)

/// Each deputy's days of a period on which they attended a 常委会 meeting as 列席 or took part in
/// an activity recorded here: (inspection-kind days earning points, days adding to 履职天数). A
/// day counts once, and not when the station registers or a 民生实事 visit already count it.
const DEPUTY_DAYS: &str = "SELECT x.deputy_id, m.date, 1 AS inspection FROM oversight_meeting_deputies x
        JOIN oversight_meetings m ON m.id = x.meeting_id WHERE m.kind = 'standing' AND m.date BETWEEN ?1 AND ?2
     UNION SELECT y.deputy_id, a.date, 1 FROM oversight_activity_deputies y
        JOIN oversight_activities a ON a.id = y.activity_id WHERE a.date BETWEEN ?1 AND ?2";

const NOT_COUNTED_ELSEWHERE: &str =
    "NOT EXISTS (SELECT 1 FROM project_visits v JOIN project_visit_deputies w ON w.visit_id = v.id
          WHERE v.date = d.date AND w.deputy_id = d.deputy_id)";

pub fn deputy_day_counts(c: &Connection, from: &str, to: &str) -> Result<HashMap<i64, (i64, i64)>> {
    let sql = format!(
        "SELECT d.deputy_id,
                count(DISTINCT CASE WHEN coalesce(r.inspections, 0) = 0 THEN d.date END),
                count(DISTINCT CASE WHEN coalesce(r.activities, 0) = 0 THEN d.date END)
           FROM ({DEPUTY_DAYS}) d
           LEFT JOIN register_deputy_days r ON r.date = d.date AND r.deputy_id = d.deputy_id
          WHERE {NOT_COUNTED_ELSEWHERE}
          GROUP BY d.deputy_id"
    );
    let out = c
        .prepare_cached(&sql)?
        .query_map(params![from, to], |r| Ok((r.get::<_, i64>(0)?, (r.get(1)?, r.get(2)?))))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(out)
}

/// A deputy's lines for the 履职档案: (date, title, earns points), oldest first; a day's first
/// line earns them unless the registers or a 民生实事 visit count the day already.
pub fn deputy_lines(c: &Connection, deputy: i64, from: &str, to: &str) -> Result<Vec<(String, String, bool)>> {
    let lines: Vec<(String, String)> = rows(
        c,
        "SELECT m.date, '列席' || m.term || '常委会第' || m.number || '次会议' FROM oversight_meeting_deputies x
           JOIN oversight_meetings m ON m.id = x.meeting_id
          WHERE x.deputy_id = ?1 AND m.kind = 'standing' AND m.date BETWEEN ?2 AND ?3
         UNION ALL
         SELECT a.date, '参加' || a.kind || '：' || t.title FROM oversight_activity_deputies y
           JOIN oversight_activities a ON a.id = y.activity_id JOIN oversight_topics t ON t.id = a.topic_id
          WHERE y.deputy_id = ?1 AND a.date BETWEEN ?2 AND ?3
         ORDER BY 1",
        params![deputy, from, to],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (date, title) in lines {
        let elsewhere: bool = c.query_row(
            "SELECT coalesce((SELECT inspections FROM register_deputy_days WHERE date = ?1 AND deputy_id = ?2), 0) > 0
                 OR EXISTS (SELECT 1 FROM project_visits v JOIN project_visit_deputies w ON w.visit_id = v.id
                             WHERE v.date = ?1 AND w.deputy_id = ?2)",
            params![date, deputy],
            |r| r.get(0),
        )?;
        let earns = !elsewhere && seen.insert(date.clone());
        out.push((date, title, earns));
    }
    Ok(out)
}

// ------------------------------------------------------------------ figures (DOMAIN.md §6.5)

/// The counts of one year, straight from the tables.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct YearCounts {
    pub opinions: i64,
    pub closed: i64,
    pub reports_due: i64,
    pub reports_on_time: i64,
    pub problems: i64,
    pub problems_done: i64,
    pub rated: i64,
    pub rated_satisfied: i64,
}

impl YearCounts {
    /// The counts of several opinions (or years) together: counts add, rates are taken after.
    pub fn add(&mut self, o: &YearCounts) {
        self.opinions += o.opinions;
        self.closed += o.closed;
        self.reports_due += o.reports_due;
        self.reports_on_time += o.reports_on_time;
        self.problems += o.problems;
        self.problems_done += o.problems_done;
        self.rated += o.rated;
        self.rated_satisfied += o.rated_satisfied;
    }
}

// The rules of §6.5 over a round `r` (with `?1` today) and a problem `p`, spelled once for the
// year's counts and for each opinion's counts in the 上报包.
const ROUND_DUE: &str = "(r.report_date IS NOT NULL OR r.first_due < ?1)";
const ROUND_ON_TIME: &str = "(r.report_date IS NOT NULL AND r.report_date <= r.first_due)";
const ROUND_RATED: &str = "(r.passed IS NOT NULL)";
const ROUND_SATISFIED: &str = "(r.passed = 1)";
const PROBLEM_DONE: &str = "(p.status = 'done')";

/// One opinion as the 上报包 carries it: its own counts (an opinion's [`YearCounts`]) and its
/// latest rating's grade.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OpinionCounts {
    pub id: i64,
    pub uuid: String,
    pub counts: YearCounts,
    pub last_grade: Option<String>,
}

/// Every opinion adopted in a year with its own counts, by the rules of [`year_counts`].
pub fn opinion_counts(c: &Connection, year: i64, today: &str) -> Result<Vec<OpinionCounts>> {
    let rounds = |cond: &str| format!("(SELECT count(*) FROM oversight_rounds r WHERE r.opinion_id = o.id AND {cond})");
    let problems =
        |cond: &str| format!("(SELECT count(*) FROM oversight_problems p WHERE p.opinion_id = o.id AND {cond})");
    let sql = format!(
        "SELECT o.id, o.uuid, o.state = 'closed', {}, {}, {}, {}, {}, {},
                (SELECT r.grade FROM oversight_rounds r WHERE r.opinion_id = o.id AND {ROUND_RATED}
                  ORDER BY r.round DESC LIMIT 1)
           FROM oversight_opinions o WHERE o.adopted_date BETWEEN ?2 AND ?3 ORDER BY o.adopted_date, o.id",
        rounds(ROUND_DUE),
        rounds(ROUND_ON_TIME),
        rounds(ROUND_RATED),
        rounds(ROUND_SATISFIED),
        problems("1 = 1"),
        problems(PROBLEM_DONE),
    );
    let (from, to) = (format!("{year}-01-01"), format!("{year}-12-31"));
    Ok(c.prepare(&sql)?
        .query_map(params![today, from, to], |r| {
            Ok(OpinionCounts {
                id: r.get(0)?,
                uuid: r.get(1)?,
                counts: YearCounts {
                    opinions: 1,
                    closed: r.get(2)?,
                    reports_due: r.get(3)?,
                    reports_on_time: r.get(4)?,
                    rated: r.get(5)?,
                    rated_satisfied: r.get(6)?,
                    problems: r.get(7)?,
                    problems_done: r.get(8)?,
                },
                last_grade: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Every year's counts at once (by the year the opinion was adopted); `today` decides which
/// reports are due: a round whose first time limit has passed, or whose report came in.
pub fn year_counts(c: &Connection, today: &str) -> Result<HashMap<i64, YearCounts>> {
    let mut out: HashMap<i64, YearCounts> = HashMap::new();
    let y = "CAST(substr(o.adopted_date, 1, 4) AS INTEGER)";
    let mut st = c.prepare_cached(&format!(
        "SELECT {y}, count(*), sum(o.state = 'closed') FROM oversight_opinions o GROUP BY 1"
    ))?;
    for r in st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, Option<i64>>(2)?)))? {
        let (year, n, closed) = r?;
        let e = out.entry(year).or_default();
        e.opinions = n;
        e.closed = closed.unwrap_or(0);
    }
    let mut st = c.prepare_cached(&format!(
        "SELECT {y}, sum({ROUND_DUE}), sum({ROUND_ON_TIME}), sum({ROUND_RATED}), sum({ROUND_SATISFIED})
           FROM oversight_rounds r JOIN oversight_opinions o ON o.id = r.opinion_id GROUP BY 1"
    ))?;
    for r in st.query_map([today], |r| {
        Ok((r.get::<_, i64>(0)?, [r.get::<_, Option<i64>>(1)?, r.get(2)?, r.get(3)?, r.get(4)?]))
    })? {
        let (year, v) = r?;
        let e = out.entry(year).or_default();
        [e.reports_due, e.reports_on_time, e.rated, e.rated_satisfied] = v.map(|x| x.unwrap_or(0));
    }
    let mut st = c.prepare_cached(&format!(
        "SELECT {y}, count(*), sum({PROBLEM_DONE})
           FROM oversight_problems p JOIN oversight_opinions o ON o.id = p.opinion_id GROUP BY 1"
    ))?;
    for r in st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, Option<i64>>(2)?)))? {
        let (year, n, done) = r?;
        let e = out.entry(year).or_default();
        e.problems = n;
        e.problems_done = done.unwrap_or(0);
    }
    Ok(out)
}

// ------------------------------------------------------------------ reminders (DOMAIN.md §6.6)

/// (opinion, 文号, 议题, due date, state) of every opinion waiting for its report.
pub fn waiting_reports(c: &Connection) -> Result<Vec<(i64, String, String, String)>> {
    rows(
        c,
        "SELECT o.id, o.doc_no, t.title, r.due_date FROM oversight_opinions o
           JOIN oversight_topics t ON t.id = o.topic_id
           JOIN oversight_rounds r ON r.opinion_id = o.id
                AND r.round = (SELECT max(round) FROM oversight_rounds y WHERE y.opinion_id = o.id)
          WHERE o.state IN ('assigned', 'handling', 'rehandling') ORDER BY r.due_date, o.id",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
}

/// (opinion, 文号, 议题, state, 不满意 rounds) of every opinion reported and not rated, or rated
/// 不满意 at least `warn` times and not yet closed.
/// (opinion, 文号, 议题, state, 不满意 rounds)
pub type RatingRow = (i64, String, String, String, i64);

pub fn rating_reminders(c: &Connection, warn: i64) -> Result<Vec<RatingRow>> {
    rows(
        c,
        "SELECT o.id, o.doc_no, t.title, o.state,
                (SELECT count(*) FROM oversight_rounds x WHERE x.opinion_id = o.id AND x.passed = 0) AS bad
           FROM oversight_opinions o JOIN oversight_topics t ON t.id = o.topic_id
          WHERE o.state = 'reported'
             OR (o.state IN ('unsatisfied', 'rehandling') AND
                 (SELECT count(*) FROM oversight_rounds x WHERE x.opinion_id = o.id AND x.passed = 0) >= ?1)
          ORDER BY o.adopted_date, o.id",
        [warn],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )
}
