//! The SQL of 民生实事项目票决: every read and write of the area's tables.

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use super::figures::{FactRow, ProjectFacts};
use super::model::*;
use crate::common::{like_contains, number_placeholders, paging, Page};
use crate::error::Result;

fn key<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v).ok().and_then(|k| k.as_str().map(str::to_string)).unwrap_or_default()
}

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
