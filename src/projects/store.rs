//! The SQL of 民生实事项目票决: every read and write of the area's tables.

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use super::figures::{FactRow, ProjectFacts};
use super::model::*;
use crate::common::{like_contains, number_placeholders, paging, Page};
use std::collections::HashMap;

use crate::error::{Error, Result};

/// The stored key of an enumeration value (its serde name).
pub fn key<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v).ok().and_then(|k| k.as_str().map(str::to_string)).unwrap_or_default()
}

/// A stored enumeration read back; an unknown value (never written by the engine) reads as the default.
fn from_key<T: serde::de::DeserializeOwned + Default>(s: String) -> T {
    serde_json::from_value(serde_json::Value::String(s)).unwrap_or_default()
}

// ================================================================== 征集与候选项目 · 票决
// (DOMAIN.md §5.1–§5.2: proposals, candidates with their sub-items, vote rounds, and the
// projects a confirmed vote adopts)

// ------------------------------------------------------------------ 征集

const PROPOSAL_SQL: &str =
    "SELECT p.id, p.uuid, p.year, p.source, p.proposer, p.proposer_unit, p.phone, p.name, p.field,
        p.content, p.implementer, p.investment, p.funding, p.planned_end, p.status, p.decision_note, p.decided_at,
        (SELECT c.id FROM project_candidates c WHERE c.proposal_id = p.id), p.updated_at
   FROM project_proposals p";

fn proposal_row(r: &Row) -> rusqlite::Result<Proposal> {
    Ok(Proposal {
        id: r.get(0)?,
        uuid: r.get(1)?,
        year: r.get(2)?,
        source: from_key(r.get(3)?),
        proposer: r.get(4)?,
        proposer_unit: r.get(5)?,
        phone: r.get(6)?,
        name: r.get(7)?,
        field: r.get(8)?,
        content: r.get(9)?,
        implementer: r.get(10)?,
        investment: r.get(11)?,
        funding: r.get(12)?,
        planned_end: r.get(13)?,
        status: from_key(r.get(14)?),
        decision_note: r.get(15)?,
        decided_at: r.get(16)?,
        candidate_id: r.get(17)?,
        updated_at: r.get(18)?,
    })
}

pub fn proposal_insert(c: &Connection, p: &ProposalInput, uuid: &str, now: &str) -> Result<i64> {
    c.execute(
        "INSERT INTO project_proposals (uuid, year, source, proposer, proposer_unit, phone, name, field, content,
            implementer, investment, funding, planned_end, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
        params![
            uuid,
            p.year,
            key(p.source),
            p.proposer,
            p.proposer_unit,
            p.phone,
            p.name,
            p.field,
            p.content,
            p.implementer,
            p.investment,
            p.funding,
            p.planned_end,
            now
        ],
    )?;
    Ok(c.last_insert_rowid())
}

pub fn proposal_update(c: &Connection, id: i64, p: &ProposalInput, now: &str) -> Result<()> {
    c.execute(
        "UPDATE project_proposals SET year = ?2, source = ?3, proposer = ?4, proposer_unit = ?5, phone = ?6, name = ?7,
            field = ?8, content = ?9, implementer = ?10, investment = ?11, funding = ?12, planned_end = ?13, updated_at = ?14
          WHERE id = ?1",
        params![
            id,
            p.year,
            key(p.source),
            p.proposer,
            p.proposer_unit,
            p.phone,
            p.name,
            p.field,
            p.content,
            p.implementer,
            p.investment,
            p.funding,
            p.planned_end,
            now
        ],
    )?;
    Ok(())
}

pub fn proposal_decide(c: &Connection, id: i64, status: ProposalStatus, note: Option<&str>, now: &str) -> Result<()> {
    c.execute(
        "UPDATE project_proposals SET status = ?2, decision_note = ?3, decided_at = ?4, updated_at = ?4 WHERE id = ?1",
        params![id, key(status), note, now],
    )?;
    Ok(())
}

pub fn proposal_get(c: &Connection, id: i64) -> Result<Option<Proposal>> {
    Ok(c.query_row(&format!("{PROPOSAL_SQL} WHERE p.id = ?1"), [id], proposal_row).optional()?)
}

pub fn proposal_list(c: &Connection, q: &ProposalQuery) -> Result<Page<Proposal>> {
    let mut clauses: Vec<String> = vec![];
    let mut args: Vec<SqlValue> = vec![];
    if let Some(y) = q.year {
        clauses.push("p.year = ?".into());
        args.push(y.into());
    }
    if let Some(s) = q.status {
        clauses.push("p.status = ?".into());
        args.push(key(s).into());
    }
    if let Some(f) = q.field.as_deref().filter(|f| !f.trim().is_empty()) {
        clauses.push("p.field = ?".into());
        args.push(f.trim().to_string().into());
    }
    if let Some(t) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        clauses.push(
            "(p.name LIKE ?1x ESCAPE '\\' OR p.content LIKE ?1x ESCAPE '\\' OR p.proposer LIKE ?1x ESCAPE '\\')".into(),
        );
        args.push(like_contains(t).into());
    }
    let filter = number_placeholders(&clauses, &args);
    let total: i64 = c.query_row(
        &format!("SELECT count(*) FROM project_proposals p {filter}"),
        params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let (page, size) = paging(q.page, q.page_size);
    let limit = if size == 0 { String::new() } else { format!("LIMIT {size} OFFSET {}", (page - 1) * size) };
    let mut st = c.prepare(&format!("{PROPOSAL_SQL} {filter} ORDER BY p.year DESC, p.id DESC {limit}"))?;
    let items = st.query_map(params_from_iter(args.iter()), proposal_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Page { total, page, page_size: size, items })
}

// ------------------------------------------------------------------ 候选项目

const CANDIDATE_SQL: &str =
    "SELECT id, uuid, year, position, proposal_id, name, field, investment, content, planned_end,
        implementer, note, active FROM project_candidates";

fn candidate_row(r: &Row) -> rusqlite::Result<Candidate> {
    let end: String = r.get(9)?;
    Ok(Candidate {
        id: r.get(0)?,
        uuid: r.get(1)?,
        year: r.get(2)?,
        position: r.get(3)?,
        proposal_id: r.get(4)?,
        name: r.get(5)?,
        field: r.get(6)?,
        investment: r.get(7)?,
        content: r.get(8)?,
        planned_end_text: end_text(&end),
        planned_end: end,
        implementer: r.get(10)?,
        note: r.get(11)?,
        active: r.get(12)?,
        subitems: vec![],
    })
}

fn subitems(c: &Connection, candidate: i64) -> Result<Vec<SubItem>> {
    let mut st = c.prepare_cached(
        "SELECT name, place, investment FROM project_subitems WHERE candidate_id = ?1 ORDER BY position",
    )?;
    let v = st
        .query_map([candidate], |r| Ok(SubItem { name: r.get(0)?, place: r.get(1)?, investment: r.get(2)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

pub fn candidate_get(c: &Connection, id: i64) -> Result<Option<Candidate>> {
    let Some(mut x) = c.query_row(&format!("{CANDIDATE_SQL} WHERE id = ?1"), [id], candidate_row).optional()? else {
        return Ok(None);
    };
    x.subitems = subitems(c, id)?;
    Ok(Some(x))
}

pub fn candidate_list(c: &Connection, year: i64, all: bool) -> Result<Vec<Candidate>> {
    let mut st = c.prepare(&format!(
        "{CANDIDATE_SQL} WHERE year = ?1 AND (?2 OR active = 1) ORDER BY active DESC, position, id"
    ))?;
    let mut v = st.query_map(params![year, all], candidate_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    for x in &mut v {
        x.subitems = subitems(c, x.id)?;
    }
    Ok(v)
}

pub fn candidate_by_name(c: &Connection, year: i64, name: &str) -> Result<Option<i64>> {
    Ok(c.query_row("SELECT id FROM project_candidates WHERE year = ?1 AND name = ?2", params![year, name], |r| {
        r.get(0)
    })
    .optional()?)
}

pub fn candidate_insert(
    c: &Connection,
    x: &CandidateInput,
    proposal_id: Option<i64>,
    position: Option<i64>,
    uuid: &str,
    now: &str,
) -> Result<i64> {
    let next: i64 =
        c.query_row("SELECT coalesce(max(position), 0) + 1 FROM project_candidates WHERE year = ?1", [x.year], |r| {
            r.get(0)
        })?;
    c.execute(
        "INSERT INTO project_candidates (uuid, year, proposal_id, position, name, field, investment, content, planned_end,
            implementer, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params![
            uuid,
            x.year,
            proposal_id,
            position.unwrap_or(next),
            x.name,
            x.field,
            x.investment,
            x.content,
            x.planned_end,
            x.implementer,
            x.note,
            now
        ],
    )?;
    let id = c.last_insert_rowid();
    candidate_set_subitems(c, id, &x.subitems)?;
    Ok(id)
}

pub fn candidate_update(c: &Connection, id: i64, x: &CandidateInput, now: &str) -> Result<()> {
    c.execute(
        "UPDATE project_candidates SET name = ?2, field = ?3, investment = ?4, content = ?5, planned_end = ?6,
            implementer = ?7, note = ?8, updated_at = ?9 WHERE id = ?1",
        params![id, x.name, x.field, x.investment, x.content, x.planned_end, x.implementer, x.note, now],
    )?;
    candidate_set_subitems(c, id, &x.subitems)
}

/// The sub-items belong to the candidate's own form: they are written as the form holds them.
fn candidate_set_subitems(c: &Connection, id: i64, items: &[SubItem]) -> Result<()> {
    c.execute("DELETE FROM project_subitems WHERE candidate_id = ?1", [id])?;
    let mut st = c.prepare_cached(
        "INSERT INTO project_subitems (candidate_id, position, name, place, investment) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, s) in items.iter().enumerate() {
        st.execute(params![id, i as i64 + 1, s.name, s.place, s.investment])?;
    }
    Ok(())
}

pub fn candidate_set_active(c: &Connection, id: i64, active: bool, now: &str) -> Result<()> {
    c.execute("UPDATE project_candidates SET active = ?2, updated_at = ?3 WHERE id = ?1", params![id, active, now])?;
    Ok(())
}

pub fn candidate_set_position(c: &Connection, id: i64, position: i64) -> Result<()> {
    c.execute("UPDATE project_candidates SET position = ?2 WHERE id = ?1", params![id, position])?;
    Ok(())
}

/// Whether the candidate is on the ballot of a round already counted (its facts were voted on).
pub fn candidate_voted(c: &Connection, id: i64) -> Result<bool> {
    Ok(c.query_row(
        "SELECT EXISTS (SELECT 1 FROM project_vote_items i JOIN project_votes v ON v.id = i.vote_id
           WHERE i.candidate_id = ?1 AND v.status <> 'open')",
        [id],
        |r| r.get(0),
    )?)
}

// ------------------------------------------------------------------ 票决

/// A round as stored: its settings, totals and ballot with the counts.
#[derive(Debug, Clone)]
pub struct VoteRecord {
    pub id: i64,
    pub uuid: String,
    pub year: i64,
    pub session_id: Option<i64>,
    pub session_name: Option<String>,
    pub parent_id: Option<i64>,
    pub round: i64,
    pub date: Option<String>,
    pub mode: VoteMode,
    pub pass_rule: PassRule,
    pub seats: i64,
    pub totals: Option<Totals>,
    /// 应到 known before the count
    pub expected: Option<i64>,
    pub status: VoteStatus,
    pub note: Option<String>,
    pub lines: Vec<BallotLine>,
}

/// 「乡（镇）第十九届人民代表大会第二次会议」: a session's name carries its term's.
pub fn session_name(c: &Connection, id: i64) -> Result<Option<String>> {
    Ok(c.query_row("SELECT name FROM sessions WHERE id = ?1", [id], |r| r.get(0)).optional()?)
}

fn vote_lines(c: &Connection, id: i64) -> Result<Vec<BallotLine>> {
    let mut st = c.prepare_cached(
        "SELECT i.candidate_id, i.position, c.name, c.investment, c.content, c.planned_end, c.implementer, i.yes, i.no, i.abstain
           FROM project_vote_items i JOIN project_candidates c ON c.id = i.candidate_id
          WHERE i.vote_id = ?1 ORDER BY i.position",
    )?;
    let v = st
        .query_map([id], |r| {
            let end: String = r.get(5)?;
            Ok(BallotLine {
                candidate_id: r.get(0)?,
                position: r.get(1)?,
                name: r.get(2)?,
                investment: r.get(3)?,
                content: r.get(4)?,
                planned_end_text: end_text(&end),
                implementer: r.get(6)?,
                yes: r.get(7)?,
                no: r.get(8)?,
                abstain: r.get(9)?,
                rank: None,
                outcome: None,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

pub fn vote_get(c: &Connection, id: i64) -> Result<Option<VoteRecord>> {
    let row = c
        .query_row(
            "SELECT id, uuid, year, session_id, parent_id, round, date, mode, pass_rule, seats, expected, present, issued,
                    returned, valid, invalid, status, note
               FROM project_votes WHERE id = ?1",
            [id],
            |r| {
                let counted: Option<i64> = r.get(12)?;
                let totals = match counted {
                    Some(issued) => Some(Totals {
                        expected: r.get::<_, Option<i64>>(10)?.unwrap_or(0),
                        present: r.get::<_, Option<i64>>(11)?.unwrap_or(0),
                        issued,
                        returned: r.get::<_, Option<i64>>(13)?.unwrap_or(0),
                        valid: r.get::<_, Option<i64>>(14)?.unwrap_or(0),
                        invalid: r.get::<_, Option<i64>>(15)?.unwrap_or(0),
                    }),
                    None => None,
                };
                Ok(VoteRecord {
                    id: r.get(0)?,
                    uuid: r.get(1)?,
                    year: r.get(2)?,
                    session_id: r.get(3)?,
                    session_name: None,
                    parent_id: r.get(4)?,
                    round: r.get(5)?,
                    date: r.get(6)?,
                    mode: from_key(r.get(7)?),
                    pass_rule: from_key(r.get(8)?),
                    seats: r.get(9)?,
                    totals,
                    expected: r.get(10)?,
                    status: from_key(r.get(16)?),
                    note: r.get(17)?,
                    lines: vec![],
                })
            },
        )
        .optional()?;
    let Some(mut v) = row else { return Ok(None) };
    v.lines = vote_lines(c, id)?;
    if let Some(s) = v.session_id {
        v.session_name = session_name(c, s)?;
    }
    Ok(Some(v))
}

pub fn vote_insert(
    c: &Connection,
    v: &VoteInput,
    parent: Option<i64>,
    round: i64,
    uuid: &str,
    now: &str,
) -> Result<i64> {
    c.execute(
        "INSERT INTO project_votes (uuid, year, session_id, parent_id, round, date, mode, pass_rule, seats, expected, note,
            created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params![
            uuid,
            v.year,
            v.session_id,
            parent,
            round,
            v.date,
            key(v.mode),
            key(v.pass_rule),
            v.seats,
            v.expected,
            v.note,
            now
        ],
    )?;
    let id = c.last_insert_rowid();
    vote_set_items(c, id, &v.candidate_ids)?;
    Ok(id)
}

pub fn vote_update(c: &Connection, id: i64, v: &VoteInput, now: &str) -> Result<()> {
    c.execute(
        "UPDATE project_votes SET session_id = ?2, date = ?3, mode = ?4, pass_rule = ?5, seats = ?6, expected = ?7,
            note = ?8, updated_at = ?9 WHERE id = ?1",
        params![id, v.session_id, v.date, key(v.mode), key(v.pass_rule), v.seats, v.expected, v.note, now],
    )?;
    vote_set_items(c, id, &v.candidate_ids)
}

/// The ballot of a round not yet counted: its candidates in order.
fn vote_set_items(c: &Connection, id: i64, candidates: &[i64]) -> Result<()> {
    c.execute("DELETE FROM project_vote_items WHERE vote_id = ?1", [id])?;
    let mut st =
        c.prepare_cached("INSERT INTO project_vote_items (vote_id, candidate_id, position) VALUES (?1, ?2, ?3)")?;
    for (i, cand) in candidates.iter().enumerate() {
        st.execute(params![id, cand, i as i64 + 1])?;
    }
    Ok(())
}

pub fn vote_save_tally(c: &Connection, id: i64, t: &Totals, counts: &[Count], now: &str) -> Result<()> {
    c.execute(
        "UPDATE project_votes SET expected = ?2, present = ?3, issued = ?4, returned = ?5, valid = ?6, invalid = ?7,
            status = 'counted', updated_at = ?8 WHERE id = ?1",
        params![id, t.expected, t.present, t.issued, t.returned, t.valid, t.invalid, now],
    )?;
    let mut st = c.prepare_cached(
        "UPDATE project_vote_items SET yes = ?3, no = ?4, abstain = ?5 WHERE vote_id = ?1 AND candidate_id = ?2",
    )?;
    for x in counts {
        st.execute(params![id, x.candidate_id, x.yes, x.no, x.abstain])?;
    }
    Ok(())
}

pub fn vote_set_status(c: &Connection, id: i64, status: VoteStatus, now: &str) -> Result<()> {
    c.execute("UPDATE project_votes SET status = ?2, updated_at = ?3 WHERE id = ?1", params![id, key(status), now])?;
    Ok(())
}

/// The re-vote made from a round, if any.
pub fn vote_child(c: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(c.query_row("SELECT id FROM project_votes WHERE parent_id = ?1 ORDER BY id LIMIT 1", [id], |r| r.get(0))
        .optional()?)
}

pub fn vote_list(c: &Connection, year: Option<i64>) -> Result<Vec<VoteRow>> {
    let mut st = c.prepare(
        "SELECT v.id, v.year, v.round, v.parent_id, v.session_id, v.date, v.mode, v.seats,
                (SELECT count(*) FROM project_vote_items i WHERE i.vote_id = v.id), v.status
           FROM project_votes v WHERE (?1 IS NULL OR v.year = ?1) ORDER BY v.year DESC, v.id DESC",
    )?;
    let rows = st
        .query_map([year], |r| {
            let (year, round): (i64, i64) = (r.get(1)?, r.get(2)?);
            Ok((
                r.get::<_, Option<i64>>(4)?,
                VoteRow {
                    id: r.get(0)?,
                    year,
                    round,
                    parent_id: r.get(3)?,
                    title: vote_title(year, round),
                    session_name: None,
                    date: r.get(5)?,
                    mode: from_key(r.get(6)?),
                    seats: r.get(7)?,
                    candidates: r.get(8)?,
                    status: from_key(r.get(9)?),
                },
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (session, mut row) in rows {
        if let Some(s) = session {
            row.session_name = session_name(c, s)?;
        }
        out.push(row);
    }
    Ok(out)
}

/// An adopted candidate becomes a project (DOMAIN.md §5.2 confirmation); `None` when the
/// candidate already is one.
pub fn project_insert_adopted(c: &Connection, candidate: i64, vote: i64, uuid: &str, now: &str) -> Result<Option<i64>> {
    let n = c.execute(
        "INSERT INTO projects (uuid, year, candidate_id, vote_id, name, field, content, lead_unit, investment, planned_end,
            status, created_at, updated_at)
         SELECT ?1, year, id, ?2, name, field, content, implementer, investment, planned_end, 'active', ?3, ?3
           FROM project_candidates WHERE id = ?4 AND NOT EXISTS (SELECT 1 FROM projects WHERE candidate_id = ?4)",
        params![uuid, vote, now, candidate],
    )?;
    Ok((n > 0).then(|| c.last_insert_rowid()))
}

/// The projects the rounds adopted.
pub fn projects_of_votes(c: &Connection, votes: &[i64]) -> Result<Vec<i64>> {
    let mut out = vec![];
    let mut st = c.prepare_cached("SELECT id FROM projects WHERE vote_id = ?1 ORDER BY id")?;
    for v in votes {
        out.extend(st.query_map([v], |r| r.get::<_, i64>(0))?.collect::<rusqlite::Result<Vec<_>>>()?);
    }
    Ok(out)
}

// ── 统计 (DOMAIN.md §5.6): a year's projects with what the figures count ──────────────────────

/// A key as stored (the enumerations' serde keys), back to its value; an unknown key is `None`.
fn parse_key<T: serde::de::DeserializeOwned>(key: Option<String>) -> Option<T> {
    key.and_then(|k| serde_json::from_value(serde_json::Value::String(k)).ok())
}

/// The projects of a year: voted in it, or running in it by a `project_years` row. One statement:
/// the latest progress entry up to the year's end (and the previous year's) by the index on
/// (project_id, date).
const FACT_ROWS: &str = "
WITH py AS (SELECT project_id, count(*) AS n, max(year) AS last_year,
                   max(CASE WHEN year = ?1 THEN 1 ELSE 0 END) AS this_year,
                   max(CASE WHEN year = ?1 THEN planned END) AS planned
              FROM project_years GROUP BY project_id)
SELECT p.id, p.uuid, p.year, p.name, p.field, coalesce(p.lead_unit, ''), coalesce(p.investment, 0), p.status,
       p.actual_end, coalesce(py.n, 0), py.last_year, py.planned,
       g.date, g.stage, g.text, g.invested,
       (SELECT h.invested FROM project_progress h WHERE h.project_id = p.id AND h.date <= ?3
         ORDER BY h.date DESC, h.id DESC LIMIT 1),
       EXISTS (SELECT 1 FROM project_progress b WHERE b.project_id = p.id AND b.date <= ?2 AND b.stage IN (?4, ?5)),
       (SELECT count(*) FROM project_subitems s WHERE s.candidate_id = p.candidate_id),
       (SELECT count(*) FROM project_subitems s WHERE s.candidate_id = p.candidate_id AND s.done_date <= ?2)
  FROM projects p
  LEFT JOIN py ON py.project_id = p.id
  LEFT JOIN project_progress g ON g.id = (SELECT l.id FROM project_progress l WHERE l.project_id = p.id AND l.date <= ?2
                                           ORDER BY l.date DESC, l.id DESC LIMIT 1)
 WHERE (p.year = ?1 OR py.this_year = 1) AND p.year <= ?1
 ORDER BY p.year, p.id";

/// Every project of the year as read, before the year's rules (`figures::settle`).
pub fn fact_rows(c: &Connection, year: i64) -> Result<Vec<FactRow>> {
    let (last, prev) = (format!("{year}-12-31"), format!("{}-12-31", year - 1));
    let mut st = c.prepare_cached(FACT_ROWS)?;
    let rows = st
        .query_map(params![year, last, prev, key(Stage::Building), key(Stage::Finished)], |r| {
            Ok(FactRow {
                facts: ProjectFacts {
                    project_id: r.get(0)?,
                    uuid: r.get(1)?,
                    voted_year: r.get(2)?,
                    name: r.get(3)?,
                    field: r.get(4)?,
                    lead_unit: r.get(5)?,
                    investment: r.get(6)?,
                    status: parse_key(r.get(7)?).unwrap_or_default(),
                    actual_end: r.get(8)?,
                    planned: 0.0,
                    invested: 0.0,
                    latest_date: r.get(12)?,
                    stage: parse_key(r.get(13)?),
                    latest_text: r.get(14)?,
                    multi_year: false,
                    done: false,
                    started: false,
                    subitems: r.get(18)?,
                    subitems_done: r.get(19)?,
                },
                year_rows: r.get(9)?,
                last_year: r.get(10)?,
                year_planned: r.get(11)?,
                invested_to_year_end: r.get(15)?,
                invested_to_prev_end: r.get(16)?,
                built: r.get(17)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

// ================================================================== 正式项目, progress, supervision

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
        params![id, key(status), actual_end, now],
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
        status: from_key(status),
        stage: stage.map(from_key),
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
        args.push(key(s).into());
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
        uuid, p.project_id, p.date, key(p.stage), p.percent, p.text, p.invested, p.problems, source, now
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
                stage: from_key(stage),
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

/// A project's entries as the 进度表 checks need them: (date, text, 完成投资). A project has a
/// dozen a year, so one indexed read per row serves both checks below.
pub type EntryBrief = (String, Option<String>, Option<f64>);

pub fn progress_brief(c: &Connection, id: i64) -> Result<Vec<EntryBrief>> {
    // kept prepared: the 进度表 import asks it once per row
    let rows = c
        .prepare_cached("SELECT date, text, invested FROM project_progress WHERE project_id = ?1")?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The entries of many projects at once (each asked for is present, empty when it has none): the
/// 进度表 import reads its projects' entries in a few queries instead of one per row.
pub fn progress_briefs(c: &Connection, ids: &[i64]) -> Result<HashMap<i64, Vec<EntryBrief>>> {
    let mut out: HashMap<i64, Vec<EntryBrief>> = ids.iter().map(|id| (*id, Vec::new())).collect();
    let mut ids: Vec<i64> = out.keys().copied().collect();
    ids.sort_unstable();
    // within SQLite's bound on a statement's parameters
    for chunk in ids.chunks(500) {
        let marks = vec!["?"; chunk.len()].join(",");
        let sql =
            format!("SELECT project_id, date, text, invested FROM project_progress WHERE project_id IN ({marks})");
        let mut st = c.prepare(&sql)?;
        let mut rows = st.query(rusqlite::params_from_iter(chunk))?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            out.entry(id).or_default().push((r.get(1)?, r.get(2)?, r.get(3)?));
        }
    }
    Ok(out)
}

/// The highest 完成投资 entered on or before `date`, with its date (the later one of equals): a
/// new entry below it needs a reason.
pub fn highest_invested(entries: &[EntryBrief], date: &str) -> Option<(String, f64)> {
    entries
        .iter()
        .filter(|(d, ..)| d.as_str() <= date)
        .filter_map(|(d, _, i)| i.map(|i| (d.clone(), i)))
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.cmp(&b.0)))
}

pub fn invested_before(c: &Connection, id: i64, date: &str) -> Result<Option<(String, f64)>> {
    Ok(highest_invested(&progress_brief(c, id)?, date))
}

/// Whether the project already has this report of the month (same text and 完成投资), so a 进度表
/// read twice (or reporting what was typed in already) adds nothing.
pub fn already_reported(entries: &[EntryBrief], p: &ProgressInput) -> bool {
    let key = progress_key(p.project_id, &p.date, p.text.as_deref(), p.invested);
    let month = p.date.get(..7);
    entries.iter().any(|(d, t, i)| d.get(..7) == month && progress_key(p.project_id, d, t.as_deref(), *i) == key)
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
        params![ch.project_id, key(ch.kind), ch.date, ch.approver, ch.content, before, now],
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
                kind: from_key(kind),
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

/// How many rows there are in all, and the rows read.
pub type Counted<T> = (i64, Vec<T>);

/// Rows of a reminder and how many there are in all: the window shows a few of each kind, so
/// the count comes with them (`count(*) OVER ()` counts before the LIMIT) and 工作台 costs the
/// same however many projects are behind. `shown` None reads them all.
fn reminder_rows<T>(
    c: &Connection,
    sql: &str,
    date: &str,
    shown: Option<i64>,
    row: impl Fn(&rusqlite::Row) -> rusqlite::Result<T>,
) -> Result<Counted<T>> {
    let sql = format!("SELECT *, count(*) OVER () FROM ({sql}) LIMIT ?2");
    let mut st = c.prepare(&sql)?;
    let mut rows = st.query(params![date, shown.map(|n| n.max(1)).unwrap_or(-1)])?;
    let (mut total, mut out) = (0, Vec::new());
    while let Some(r) = rows.next()? {
        total = r.get(r.as_ref().column_count() - 1)?;
        out.push(row(r)?);
    }
    Ok((total, out))
}

/// Active projects whose last progress entry (else their start, else their entry in the app) is
/// older than `before`: (id, name, that date, whether it is a progress entry's).
pub fn stale_projects(
    c: &Connection,
    before: &str,
    shown: Option<i64>,
) -> Result<Counted<(i64, String, String, bool)>> {
    let sql = "SELECT id, name, coalesce(last, start_date, substr(created_at, 1, 10)), last IS NOT NULL FROM (
                 SELECT p.id, p.name, p.start_date, p.created_at,
                        (SELECT max(date) FROM project_progress g WHERE g.project_id = p.id) AS last
                   FROM projects p WHERE p.status = 'active')
                WHERE coalesce(last, start_date, substr(created_at, 1, 10)) < ?1 ORDER BY 3, id";
    reminder_rows(c, sql, before, shown, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
}

/// Active projects past their planned completion: (id, name, planned_end).
pub fn late_projects(c: &Connection, today: &str, shown: Option<i64>) -> Result<Counted<(i64, String, String)>> {
    let sql = "SELECT id, name, planned_end FROM projects WHERE status = 'active' AND planned_end < ?1
                ORDER BY planned_end, id";
    reminder_rows(c, sql, today, shown, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
}

/// Problems past their 整改时限, not resolved, of projects not cancelled: (project, name, problem, due).
pub fn problems_due(c: &Connection, today: &str, shown: Option<i64>) -> Result<Counted<(i64, String, String, String)>> {
    let sql = "SELECT p.id, p.name, q.problem, q.due_date FROM project_problems q JOIN projects p ON p.id = q.project_id
                WHERE q.resolved_date IS NULL AND q.due_date < ?1 AND p.status <> 'cancelled' ORDER BY q.due_date, q.id";
    reminder_rows(c, sql, today, shown, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
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
