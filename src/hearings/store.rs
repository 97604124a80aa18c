//! The SQL of 公民旁听: every read and write of the area's tables.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::model::*;
use crate::error::Result;

/// The stored key of an enumeration value (its serde name).
pub fn key<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v).ok().and_then(|k| k.as_str().map(str::to_string)).unwrap_or_default()
}

/// A stored enumeration read back; an unknown value (never written by the engine) reads as the default.
fn from_key<T: serde::de::DeserializeOwned + Default>(s: String) -> T {
    serde_json::from_value(serde_json::Value::String(s)).unwrap_or_default()
}

fn opt_key<T: serde::de::DeserializeOwned>(s: Option<String>) -> Option<T> {
    s.and_then(|s| serde_json::from_value(serde_json::Value::String(s)).ok())
}

// ------------------------------------------------------------------ meetings

const MEETING_SQL: &str = "SELECT m.id, m.uuid, m.year, m.kind, m.name, m.meeting_date, m.meeting_end, m.notice_date,
        m.deadline, m.seats, m.method, m.seed, m.selected_at, m.place,
        (SELECT COUNT(*) FROM hearing_meetings o WHERE o.year = m.year
            AND (o.meeting_date < m.meeting_date OR (o.meeting_date = m.meeting_date AND o.id <= m.id))),
        (SELECT COUNT(*) FROM hearing_applications a WHERE a.meeting_id = m.id),
        (SELECT COUNT(*) FROM hearing_applications a WHERE a.meeting_id = m.id AND a.status <> 'applied' AND a.status <> 'ineligible'),
        (SELECT COUNT(*) FROM hearing_applications a WHERE a.meeting_id = m.id
            AND a.status IN ('selected', 'card_issued', 'attended', 'absent')),
        (SELECT COUNT(*) FROM hearing_applications a WHERE a.meeting_id = m.id AND a.status = 'attended'),
        (SELECT COUNT(*) FROM hearing_opinions o WHERE o.meeting_id = m.id)
   FROM hearing_meetings m";

fn meeting_row(r: &Row) -> rusqlite::Result<HearingMeeting> {
    Ok(HearingMeeting {
        id: r.get(0)?,
        uuid: r.get(1)?,
        year: r.get(2)?,
        kind: from_key(r.get(3)?),
        name: r.get(4)?,
        meeting_date: r.get(5)?,
        meeting_end: r.get(6)?,
        notice_date: r.get(7)?,
        deadline: r.get(8)?,
        seats: r.get(9)?,
        method: from_key(r.get(10)?),
        seed: r.get(11)?,
        selected_at: r.get(12)?,
        place: r.get(13)?,
        topics: vec![],
        number: r.get(14)?,
        applications: r.get(15)?,
        approved: r.get(16)?,
        seated: r.get(17)?,
        attended: r.get(18)?,
        opinions: r.get(19)?,
    })
}

fn topics(c: &Connection, meeting: i64) -> Result<Vec<String>> {
    let mut st = c.prepare_cached("SELECT title FROM hearing_topics WHERE meeting_id = ?1 ORDER BY position")?;
    let rows = st.query_map([meeting], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn meeting_get(c: &Connection, id: i64) -> Result<Option<HearingMeeting>> {
    let m = c.query_row(&format!("{MEETING_SQL} WHERE m.id = ?1"), [id], meeting_row).optional()?;
    match m {
        Some(mut m) => {
            m.topics = topics(c, m.id)?;
            Ok(Some(m))
        }
        None => Ok(None),
    }
}

/// The meetings of a year (every year without one), latest first.
pub fn meeting_list(c: &Connection, year: Option<i64>) -> Result<Vec<HearingMeeting>> {
    let sql = format!("{MEETING_SQL} WHERE (?1 IS NULL OR m.year = ?1) ORDER BY m.meeting_date DESC, m.id DESC");
    let mut st = c.prepare(&sql)?;
    let mut out: Vec<HearingMeeting> = st.query_map([year], meeting_row)?.collect::<rusqlite::Result<_>>()?;
    for m in &mut out {
        m.topics = topics(c, m.id)?;
    }
    Ok(out)
}

pub fn meeting_by_name(c: &Connection, name: &str) -> Result<Vec<i64>> {
    let mut st = c.prepare("SELECT id FROM hearing_meetings WHERE name = ?1 ORDER BY meeting_date DESC")?;
    let rows = st.query_map([name], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn meeting_same_name(c: &Connection, year: i64, name: &str, except: Option<i64>) -> Result<bool> {
    Ok(c.query_row(
        "SELECT 1 FROM hearing_meetings WHERE year = ?1 AND name = ?2 AND id IS NOT ?3",
        params![year, name, except],
        |_| Ok(()),
    )
    .optional()?
    .is_some())
}

/// The row of a meeting as stored: its checked input, its year and seats.
pub struct MeetingRow<'a> {
    pub input: &'a HearingMeetingInput,
    pub year: i64,
    pub seats: i64,
}

pub fn meeting_insert(c: &Connection, m: &MeetingRow, uuid: &str, now: &str) -> Result<i64> {
    let i = m.input;
    c.execute(
        "INSERT INTO hearing_meetings (uuid, year, kind, name, meeting_date, meeting_end, notice_date, deadline, seats,
            method, place, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params![
            uuid,
            m.year,
            key(i.kind),
            i.name,
            i.meeting_date,
            i.meeting_end,
            i.notice_date,
            i.deadline,
            m.seats,
            key(i.method),
            i.place,
            now
        ],
    )?;
    let id = c.last_insert_rowid();
    set_topics(c, id, &i.topics)?;
    Ok(id)
}

pub fn meeting_update(c: &Connection, id: i64, m: &MeetingRow, now: &str) -> Result<()> {
    let i = m.input;
    c.execute(
        "UPDATE hearing_meetings SET year = ?2, kind = ?3, name = ?4, meeting_date = ?5, meeting_end = ?6,
            notice_date = ?7, deadline = ?8, seats = ?9, method = ?10, place = ?11, updated_at = ?12 WHERE id = ?1",
        params![
            id,
            m.year,
            key(i.kind),
            i.name,
            i.meeting_date,
            i.meeting_end,
            i.notice_date,
            i.deadline,
            m.seats,
            key(i.method),
            i.place,
            now
        ],
    )?;
    set_topics(c, id, &i.topics)
}

fn set_topics(c: &Connection, id: i64, list: &[String]) -> Result<()> {
    c.execute("DELETE FROM hearing_topics WHERE meeting_id = ?1", [id])?;
    let mut st = c.prepare_cached("INSERT INTO hearing_topics (meeting_id, position, title) VALUES (?1, ?2, ?3)")?;
    for (n, t) in list.iter().enumerate() {
        st.execute(params![id, n as i64 + 1, t])?;
    }
    Ok(())
}

pub fn meeting_set_selection(
    c: &Connection,
    id: i64,
    method: HearingMethod,
    seed: Option<i64>,
    now: &str,
) -> Result<()> {
    c.execute(
        "UPDATE hearing_meetings SET method = ?2, seed = ?3, selected_at = ?4, updated_at = ?4 WHERE id = ?1",
        params![id, key(method), seed, now],
    )?;
    Ok(())
}

// ------------------------------------------------------------------ people and applications

/// A person by 身份证号: (id, name).
pub fn person_by_number(c: &Connection, id_number: &str) -> Result<Option<(i64, String)>> {
    Ok(c.query_row("SELECT id, name FROM hearing_people WHERE id_number = ?1", [id_number], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
    .optional()?)
}

pub fn person_insert(c: &Connection, id_number: &str, name: &str, birth: &str, uuid: &str, now: &str) -> Result<i64> {
    c.prepare_cached(
        "INSERT INTO hearing_people (uuid, id_number, name, birth_date, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
    )?
    .execute(params![uuid, id_number, name, birth, now])?;
    Ok(c.last_insert_rowid())
}

pub fn person_rename(c: &Connection, id: i64, name: &str, now: &str) -> Result<()> {
    c.execute("UPDATE hearing_people SET name = ?2, updated_at = ?3 WHERE id = ?1", params![id, name, now])?;
    Ok(())
}

pub fn application_of(c: &Connection, meeting: i64, person: i64) -> Result<Option<i64>> {
    Ok(c.query_row(
        "SELECT id FROM hearing_applications WHERE meeting_id = ?1 AND person_id = ?2",
        [meeting, person],
        |r| r.get(0),
    )
    .optional()?)
}

/// An application's stored facts, checked and ready to write.
pub struct ApplicationRow<'a> {
    pub input: &'a HearingApplicationInput,
    pub person_id: i64,
    pub applied_on: &'a str,
}

pub fn application_insert(c: &Connection, a: &ApplicationRow, uuid: &str, now: &str) -> Result<i64> {
    let i = a.input;
    let seq: i64 = c.query_row(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM hearing_applications WHERE meeting_id = ?1",
        [i.meeting_id],
        |r| r.get(0),
    )?;
    c.prepare_cached(
        "INSERT INTO hearing_applications (uuid, meeting_id, person_id, seq, source, recommender_kind, recommender,
            local_hukou, address, resident_since, employer, phone, applied_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
    )?
    .execute(params![
        uuid,
        i.meeting_id,
        a.person_id,
        seq,
        key(i.source),
        i.recommender_kind.map(key),
        i.recommender,
        i.local_hukou,
        i.address,
        i.resident_since,
        i.employer,
        i.phone,
        a.applied_on,
        now
    ])?;
    let id = c.last_insert_rowid();
    event_insert(c, id, None, HearingStatus::Applied, None, now)?;
    Ok(id)
}

const APPLICATION_SQL: &str = "SELECT a.id, a.uuid, a.meeting_id, a.seq, p.name, p.id_number, p.birth_date, a.source,
        a.recommender_kind, a.recommender, a.local_hukou, a.address, a.resident_since, a.employer, a.phone,
        a.applied_on, a.status, a.reason, a.card_no, a.seat
   FROM hearing_applications a JOIN hearing_people p ON p.id = a.person_id";

fn application_row(r: &Row) -> rusqlite::Result<HearingApplication> {
    Ok(HearingApplication {
        id: r.get(0)?,
        uuid: r.get(1)?,
        meeting_id: r.get(2)?,
        seq: r.get(3)?,
        name: r.get(4)?,
        id_number: r.get(5)?,
        birth_date: r.get(6)?,
        source: from_key(r.get(7)?),
        recommender_kind: opt_key(r.get(8)?),
        recommender: r.get(9)?,
        local_hukou: r.get(10)?,
        address: r.get(11)?,
        resident_since: r.get(12)?,
        employer: r.get(13)?,
        phone: r.get(14)?,
        applied_on: r.get(15)?,
        status: from_key(r.get(16)?),
        reason: r.get(17)?,
        card_no: r.get(18)?,
        seat: r.get(19)?,
        proposed_reasons: vec![],
    })
}

/// An application with its private fields (the engine's own reads; lists mask them).
pub fn application_get(c: &Connection, id: i64) -> Result<Option<HearingApplication>> {
    Ok(c.query_row(&format!("{APPLICATION_SQL} WHERE a.id = ?1"), [id], application_row).optional()?)
}

/// A meeting's applications in order of application.
pub fn applications(c: &Connection, meeting: i64) -> Result<Vec<HearingApplication>> {
    let mut st = c.prepare_cached(&format!("{APPLICATION_SQL} WHERE a.meeting_id = ?1 ORDER BY a.seq"))?;
    let rows = st.query_map([meeting], application_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn set_status(
    c: &Connection,
    id: i64,
    from: HearingStatus,
    to: HearingStatus,
    note: Option<&str>,
    now: &str,
) -> Result<()> {
    let reason = if to == HearingStatus::Ineligible { note } else { None };
    c.prepare_cached("UPDATE hearing_applications SET status = ?2, reason = ?3, updated_at = ?4 WHERE id = ?1")?
        .execute(params![id, key(to), reason, now])?;
    event_insert(c, id, Some(from), to, note, now)
}

pub fn set_card(c: &Connection, id: i64, card_no: &str, seat: i64, now: &str) -> Result<()> {
    c.execute(
        "UPDATE hearing_applications SET status = 'card_issued', card_no = ?2, seat = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, card_no, seat, now],
    )?;
    event_insert(c, id, Some(HearingStatus::Selected), HearingStatus::CardIssued, Some(card_no), now)
}

fn event_insert(
    c: &Connection,
    id: i64,
    from: Option<HearingStatus>,
    to: HearingStatus,
    note: Option<&str>,
    now: &str,
) -> Result<()> {
    c.prepare_cached(
        "INSERT INTO hearing_events (application_id, at, from_status, to_status, note) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![id, now, from.map(key), key(to), note])?;
    Ok(())
}

/// How many moves an application has had (its history is appended, never rewritten).
pub fn event_count(c: &Connection, id: i64) -> Result<i64> {
    Ok(c.query_row("SELECT COUNT(*) FROM hearing_events WHERE application_id = ?1", [id], |r| r.get(0))?)
}

// ------------------------------------------------------------------ opinions

const OPINION_SQL: &str = "SELECT o.id, o.uuid, o.meeting_id, m.name, o.application_id, p.name, o.topic, o.content,
        o.forwarded_to, o.reply, o.adopted
   FROM hearing_opinions o JOIN hearing_meetings m ON m.id = o.meeting_id
   LEFT JOIN hearing_applications a ON a.id = o.application_id
   LEFT JOIN hearing_people p ON p.id = a.person_id";

fn opinion_row(r: &Row) -> rusqlite::Result<HearingOpinion> {
    Ok(HearingOpinion {
        id: r.get(0)?,
        uuid: r.get(1)?,
        meeting_id: r.get(2)?,
        meeting: r.get(3)?,
        application_id: r.get(4)?,
        person: r.get(5)?,
        topic: r.get(6)?,
        content: r.get(7)?,
        forwarded_to: r.get(8)?,
        reply: r.get(9)?,
        adopted: r.get(10)?,
    })
}

pub fn opinion_insert(c: &Connection, o: &HearingOpinionInput, uuid: &str, now: &str) -> Result<i64> {
    c.execute(
        "INSERT INTO hearing_opinions (uuid, meeting_id, application_id, topic, content, forwarded_to, reply, adopted,
            created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![uuid, o.meeting_id, o.application_id, o.topic, o.content, o.forwarded_to, o.reply, o.adopted, now],
    )?;
    Ok(c.last_insert_rowid())
}

/// The 转交, 答复 and 采纳 of an opinion, recorded as they come.
pub fn opinion_update(c: &Connection, id: i64, o: &HearingOpinionInput, now: &str) -> Result<()> {
    c.execute(
        "UPDATE hearing_opinions SET application_id = ?2, topic = ?3, content = ?4, forwarded_to = ?5, reply = ?6,
            adopted = ?7, updated_at = ?8 WHERE id = ?1",
        params![id, o.application_id, o.topic, o.content, o.forwarded_to, o.reply, o.adopted, now],
    )?;
    Ok(())
}

pub fn opinion_get(c: &Connection, id: i64) -> Result<Option<HearingOpinion>> {
    Ok(c.query_row(&format!("{OPINION_SQL} WHERE o.id = ?1"), [id], opinion_row).optional()?)
}

/// The opinions of a meeting, or of a year's meetings.
pub fn opinions(c: &Connection, meeting: Option<i64>, year: Option<i64>) -> Result<Vec<HearingOpinion>> {
    let sql = format!(
        "{OPINION_SQL} WHERE (?1 IS NULL OR o.meeting_id = ?1) AND (?2 IS NULL OR m.year = ?2)
          ORDER BY m.meeting_date, o.id"
    );
    let mut st = c.prepare(&sql)?;
    let rows = st.query_map(params![meeting, year], opinion_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

// ------------------------------------------------------------------ figures

/// The figures of every year in `from..=to` that has a meeting (DOMAIN.md §7), one query each
/// over the year's meetings.
pub fn figures(c: &Connection, from: i64, to: i64) -> Result<Vec<HearingFigures>> {
    let mut st = c.prepare_cached(
        "WITH m AS (SELECT id, year FROM hearing_meetings WHERE year BETWEEN ?1 AND ?2),
              a AS (SELECT a.meeting_id, COUNT(*) AS n, SUM(a.status = 'attended') AS att
                      FROM hearing_applications a JOIN m ON m.id = a.meeting_id GROUP BY a.meeting_id),
              t AS (SELECT t.meeting_id, COUNT(*) AS n FROM hearing_topics t JOIN m ON m.id = t.meeting_id
                     GROUP BY t.meeting_id),
              o AS (SELECT o.meeting_id, COUNT(*) AS n, SUM(o.adopted = 1) AS ad
                      FROM hearing_opinions o JOIN m ON m.id = o.meeting_id GROUP BY o.meeting_id)
         SELECT m.year, COUNT(*), COALESCE(SUM(a.n), 0), COALESCE(SUM(a.att), 0),
                COALESCE(SUM(CASE WHEN a.att > 0 THEN t.n END), 0), COALESCE(SUM(o.n), 0), COALESCE(SUM(o.ad), 0)
           FROM m LEFT JOIN a ON a.meeting_id = m.id LEFT JOIN t ON t.meeting_id = m.id
           LEFT JOIN o ON o.meeting_id = m.id
          GROUP BY m.year ORDER BY m.year",
    )?;
    let rows = st.query_map([from, to], |r| {
        Ok(HearingFigures {
            year: r.get(0)?,
            meetings: r.get(1)?,
            applications: r.get(2)?,
            attendances: r.get(3)?,
            topics: r.get(4)?,
            opinions: r.get(5)?,
            adopted: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The years that have a meeting, latest first.
pub fn years(c: &Connection) -> Result<Vec<i64>> {
    let mut st = c.prepare("SELECT DISTINCT year FROM hearing_meetings ORDER BY year DESC")?;
    let rows = st.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
