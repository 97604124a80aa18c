//! SQL of the received 上报包: the packages (`report_packages`), the records they carry
//! (`report_records`, with which copy of each record counts) and the offices below they name
//! (`report_sub_offices`), and the received suggestions as rows the suggestions' figures count.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};

use super::package::PackageMeta;
use super::ReceivedPackage;
use crate::db::now_text;
use crate::error::Result;
use crate::suggestions::model::{Figures, SuggestionSettings};
use crate::suggestions::store::{assigned_between, figures_of_rows, received_figures_empty};

/// A package received before, as a new one is compared against it.
pub struct Held {
    pub id: i64,
    pub sha256: String,
    pub serial: i64,
    pub period_from: String,
    pub period_to: String,
    pub period_label: String,
}

/// One record of a package as it is stored: kind, record id, the row as JSON, the office it
/// comes from.
pub struct RecordRow<'a> {
    pub kind: &'a str,
    pub uuid: &'a str,
    pub json: String,
    pub source: &'a str,
}

/// Whether an office's packages cover the whole period, and when the latest one that overlaps
/// it arrived.
pub struct Sent {
    pub received_at: Option<String>,
    pub covered: bool,
}

const HELD: &str = "SELECT id, sha256, serial, period_from, period_to, period_label FROM report_packages";

fn held_row(r: &rusqlite::Row) -> rusqlite::Result<Held> {
    Ok(Held {
        id: r.get(0)?,
        sha256: r.get(1)?,
        serial: r.get(2)?,
        period_from: r.get(3)?,
        period_to: r.get(4)?,
        period_label: r.get(5)?,
    })
}

/// The package held for exactly this office and period.
pub fn held(c: &Connection, office_id: &str, from: &str, to: &str) -> Result<Option<Held>> {
    let sql = format!("{HELD} WHERE office_id = ?1 AND period_from = ?2 AND period_to = ?3");
    Ok(c.query_row(&sql, params![office_id, from, to], held_row).optional()?)
}

/// The office's other packages whose periods overlap this one, earliest first.
pub fn overlapping(c: &Connection, office_id: &str, from: &str, to: &str) -> Result<Vec<Held>> {
    let sql = format!(
        "{HELD} WHERE office_id = ?1 AND period_from <= ?3 AND period_to >= ?2 AND NOT (period_from = ?2 AND period_to = ?3)
          ORDER BY period_from, period_to"
    );
    Ok(c.prepare(&sql)?.query_map(params![office_id, from, to], held_row)?.collect::<rusqlite::Result<_>>()?)
}

/// A package's records: (kind, record id) → the row as JSON.
pub fn records_of(c: &Connection, package_id: i64) -> Result<BTreeMap<(String, String), String>> {
    let mut out = BTreeMap::new();
    for r in c
        .prepare("SELECT kind, record_uuid, data_json FROM report_records WHERE package_id = ?1")?
        .query_map([package_id], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?
    {
        let (k, v) = r?;
        out.insert(k, v);
    }
    Ok(out)
}

/// The name an office was last received under: in its own packages, else as passed on by the
/// office above it.
pub fn known_name(c: &Connection, office_id: &str) -> Result<Option<String>> {
    let direct: Option<String> = c
        .query_row(
            "SELECT office_name FROM report_packages WHERE office_id = ?1 ORDER BY serial DESC, id DESC LIMIT 1",
            [office_id],
            |r| r.get(0),
        )
        .optional()?;
    if direct.is_some() {
        return Ok(direct);
    }
    Ok(c.query_row(
        "SELECT name FROM report_sub_offices WHERE office_id = ?1 ORDER BY package_id DESC LIMIT 1",
        [office_id],
        |r| r.get(0),
    )
    .optional()?)
}

/// The name an office below was received under, in its own packages or passed on: any one.
pub fn any_name(c: &Connection, office_id: &str) -> Result<Option<String>> {
    Ok(c.query_row(
        "SELECT office_name FROM report_packages WHERE office_id = ?1
         UNION ALL SELECT name FROM report_sub_offices WHERE office_id = ?1 LIMIT 1",
        [office_id],
        |r| r.get(0),
    )
    .optional()?)
}

/// Other office ids already received under this name.
pub fn other_ids_named(c: &Connection, name: &str, office_id: &str) -> Result<Vec<String>> {
    Ok(c.prepare("SELECT DISTINCT office_id FROM report_packages WHERE office_name = ?1 AND office_id <> ?2")?
        .query_map(params![name, office_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Replaces what the office sent for the period with this package, and marks again which copy
/// of each record counts. Runs inside the caller's transaction; true when a package was replaced.
pub fn replace_package(tx: &Connection, m: &PackageMeta, file_name: &str, records: &[RecordRow]) -> Result<bool> {
    let old = held(tx, &m.office_id, &m.from, &m.to)?.map(|h| h.id);
    if let Some(id) = old {
        tx.execute("DELETE FROM report_sub_offices WHERE package_id = ?1", [id])?;
        tx.execute("DELETE FROM report_records WHERE package_id = ?1", [id])?;
        tx.execute("DELETE FROM report_packages WHERE id = ?1", [id])?;
    }
    tx.execute(
        "INSERT INTO report_packages (office_id, office_name, level, period_from, period_to, period_label, generated_at, sha256, file_name, received_at, serial)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![m.office_id, m.office_name, m.level, m.from, m.to, m.period_label, m.generated_at, m.sha256, file_name, now_text(), m.serial],
    )?;
    let pid = tx.last_insert_rowid();
    let mut ins = tx.prepare(
        "INSERT INTO report_records (package_id, kind, record_uuid, data_json, source_office) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for r in records {
        ins.execute(params![pid, r.kind, r.uuid, r.json, r.source])?;
    }
    let mut sub = tx.prepare("INSERT INTO report_sub_offices (package_id, office_id, name) VALUES (?1, ?2, ?3)")?;
    for (id, name) in &m.sub_offices {
        sub.execute(params![pid, id, name])?;
    }
    // the office's earlier packages carry the name it reports under now (a rename the user confirmed)
    tx.execute(
        "UPDATE report_packages SET office_name = ?2 WHERE office_id = ?1",
        params![m.office_id, m.office_name],
    )?;
    tx.execute("UPDATE report_records SET counted = (id IN (SELECT id FROM report_counted))", [])?;
    Ok(old.is_some())
}

/// The received records of a kind for periods within this one: (record id, source office, JSON),
/// the copy that counts first, then the widest period's, the latest.
pub fn forwarded(c: &Connection, kind: &str, from: &str, to: &str) -> Result<Vec<(String, String, String)>> {
    Ok(c.prepare(
        "SELECT r.record_uuid, r.source_office, r.data_json FROM report_records r JOIN report_packages p ON p.id = r.package_id
          WHERE r.kind = ?1 AND p.period_from >= ?2 AND p.period_to <= ?3
          ORDER BY r.counted DESC, julianday(p.period_to) - julianday(p.period_from) DESC, p.serial DESC, p.id DESC, r.id",
    )?
    .query_map(params![kind, from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
    .collect::<rusqlite::Result<_>>()?)
}

/// What was received, newest period first, with each package's record counts by kind.
pub fn received(c: &Connection) -> Result<Vec<ReceivedPackage>> {
    let mut st = c.prepare(
        "SELECT p.id, office_id, office_name, level, period_from, period_to, period_label, generated_at, received_at, file_name, serial,
                (SELECT count(*) FROM report_records r WHERE r.package_id = p.id AND r.counted = 1)
           FROM report_packages p ORDER BY period_to DESC, office_name, period_from DESC",
    )?;
    let rows: Vec<(i64, ReceivedPackage)> = st
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                ReceivedPackage {
                    office_id: r.get(1)?,
                    office_name: r.get(2)?,
                    level: r.get(3)?,
                    period_from: r.get(4)?,
                    period_to: r.get(5)?,
                    period_label: r.get(6)?,
                    generated_at: r.get(7)?,
                    received_at: r.get(8)?,
                    file_name: r.get(9)?,
                    serial: r.get(10)?,
                    counted: r.get(11)?,
                    counts: BTreeMap::new(),
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut counts = c.prepare("SELECT kind, count(*) FROM report_records WHERE package_id = ?1 GROUP BY kind")?;
    rows.into_iter()
        .map(|(id, mut p)| {
            p.counts = counts.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
            Ok(p)
        })
        .collect()
}

/// Every office that has sent a package: its id, its latest name, and its first package's id
/// (the key of the suggestions' received figures), by name.
pub fn senders(c: &Connection) -> Result<Vec<(String, String, i64)>> {
    Ok(c.prepare(
        "SELECT office_id, (SELECT office_name FROM report_packages l WHERE l.office_id = p.office_id
                             ORDER BY serial DESC, id DESC LIMIT 1), min(id)
           FROM report_packages p GROUP BY office_id ORDER BY 2",
    )?
    .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
    .collect::<rusqlite::Result<_>>()?)
}

/// Whether an office's packages cover the whole period, and when the latest overlapping one arrived.
pub fn sent_for(c: &Connection, office_id: &str, from: &str, to: &str) -> Result<Sent> {
    Ok(c.query_row(
        "SELECT max(received_at), coalesce(max(period_from <= ?2 AND period_to >= ?3), 0) FROM report_packages
          WHERE office_id = ?1 AND period_from <= ?3 AND period_to >= ?2",
        params![office_id, from, to],
        |r| Ok(Sent { received_at: r.get(0)?, covered: r.get(1)? }),
    )?)
}

/// The station rows (as JSON) that count, of exactly this period, of one office or of all.
pub fn counted_station_rows(c: &Connection, office_id: Option<&str>, from: &str, to: &str) -> Result<Vec<String>> {
    Ok(c.prepare(
        "SELECT r.data_json FROM report_records r JOIN report_packages p ON p.id = r.package_id
          WHERE r.kind = 'stations' AND r.counted = 1 AND p.period_from = ?1 AND p.period_to = ?2
            AND (?3 IS NULL OR p.office_id = ?3)",
    )?
    .query_map(params![from, to, office_id], |r| r.get(0))?
    .collect::<rusqlite::Result<_>>()?)
}

/// The package of exactly this office and period: its id and the name it came under.
pub fn package_for(c: &Connection, office_id: &str, from: &str, to: &str) -> Result<Option<(i64, String)>> {
    Ok(c.query_row(
        "SELECT id, office_name FROM report_packages WHERE office_id = ?1 AND period_from = ?2 AND period_to = ?3",
        params![office_id, from, to],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?)
}

/// A page of a package's records of one kind (as JSON), in the order received, and their number.
pub fn records_page(
    c: &Connection,
    package_id: i64,
    kind: &str,
    limit: i64,
    offset: i64,
) -> Result<(i64, Vec<String>)> {
    let total: i64 = c.query_row(
        "SELECT count(*) FROM report_records WHERE package_id = ?1 AND kind = ?2",
        params![package_id, kind],
        |r| r.get(0),
    )?;
    let rows = c
        .prepare(
            "SELECT data_json FROM report_records WHERE package_id = ?1 AND kind = ?2 ORDER BY id LIMIT ?3 OFFSET ?4",
        )?
        .query_map(params![package_id, kind, limit, offset], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((total, rows))
}

/// Suggestions received in 上报包 as rows with the figure columns of `suggestions`, so that the
/// office above counts them with the same one definition (`counts` and `finish`).
const RECEIVED_SUGGESTIONS: &str =
    "(SELECT (SELECT min(q.id) FROM report_packages q WHERE q.office_id = p.office_id) AS office_key,
        dense_rank() OVER (ORDER BY json_extract(r.data_json, '$.主办单位')) AS unit_key,
        json_extract(r.data_json, '$.主办单位') AS unit_name,
        nullif(json_extract(r.data_json, '$.交办日期'), '') AS assigned_date,
        nullif(json_extract(r.data_json, '$.答复日期'), '') AS reply_date,
        CASE json_extract(r.data_json, '$.按期答复') WHEN '是' THEN 1 WHEN '否' THEN 0 END AS replied_on_time,
        nullif(json_extract(r.data_json, '$.首轮满意度'), '') AS first_result,
        nullif(json_extract(r.data_json, '$.办理结果满意度'), '') AS latest_result,
        json_extract(r.data_json, '$.重办') = '是' AS rehandled,
        json_extract(r.data_json, '$.当面沟通') = '是' AS face_met,
        nullif(json_extract(r.data_json, '$.办结日期'), '') AS concluded_date,
        nullif(json_extract(r.data_json, '$.答复类别'), '') AS reply_class
      FROM report_records r JOIN report_packages p ON p.id = r.package_id
     WHERE r.kind = 'suggestions' AND r.counted = 1) s";

/// The figures of the suggestions received from each office below for a period (keyed by the
/// office's first package id) and over all of them: each record counted once (`counted`), from
/// the records, never by adding rates.
pub fn received_figures(
    conn: &Connection,
    from: &str,
    to: &str,
    settings: &SuggestionSettings,
) -> Result<(std::collections::HashMap<i64, Figures>, Figures)> {
    let by = figures_of_rows(conn, RECEIVED_SUGGESTIONS, from, to, Some("s.office_key"), settings)?;
    let total = figures_of_rows(conn, RECEIVED_SUGGESTIONS, from, to, None, settings)?
        .remove(&0)
        .unwrap_or_else(|| received_figures_empty(settings));
    Ok((by, total))
}

/// Table 3 over every suggestion received for a period: one row per 主办单位 (by name, as the
/// offices below wrote it), counted with the same definitions; 协办件 counted from the lists.
pub fn received_unit_figures(
    conn: &Connection,
    from: &str,
    to: &str,
    settings: &SuggestionSettings,
) -> Result<Vec<(String, Figures)>> {
    let by = figures_of_rows(conn, RECEIVED_SUGGESTIONS, from, to, Some("s.unit_key"), settings)?;
    let (where_sql, args) = assigned_between(from, to);
    let names: std::collections::HashMap<i64, String> = conn
        .prepare(&format!("SELECT DISTINCT s.unit_key, s.unit_name FROM {RECEIVED_SUGGESTIONS} {where_sql}"))?
        .query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok((r.get(0)?, r.get::<_, Option<String>>(1)?.unwrap_or_default()))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut co: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    let mut st = conn.prepare(
        "SELECT json_extract(r.data_json, '$.协办单位') FROM report_records r
          WHERE r.kind = 'suggestions' AND r.counted = 1 AND nullif(json_extract(r.data_json, '$.交办日期'), '') BETWEEN ?1 AND ?2",
    )?;
    for list in st.query_map([from, to], |r| r.get::<_, Option<String>>(0))? {
        for u in list?.unwrap_or_default().split('、').filter(|u| !u.is_empty()) {
            *co.entry(u.to_string()).or_default() += 1;
        }
    }
    let mut rows: Vec<(String, Figures)> = by
        .into_iter()
        .filter_map(|(k, mut f)| {
            let name = names.get(&k).cloned().filter(|n| !n.is_empty())?;
            f.co_count = co.get(&name).copied().unwrap_or(0);
            Some((name, f))
        })
        .collect();
    rows.sort_by(|a, b| b.1.assigned.cmp(&a.1.assigned).then(a.0.cmp(&b.0)));
    Ok(rows)
}

/// The 数据-民生实事 rows of a year that count: (source office, row as JSON).
pub fn counted_project_rows(c: &Connection, year: i64) -> Result<Vec<(String, String)>> {
    Ok(c.prepare_cached(
        "SELECT r.source_office, r.data_json FROM report_records r
          WHERE r.kind = ?1 AND r.counted = 1 AND json_extract(r.data_json, '$.年度') = ?2 ORDER BY r.id",
    )?
    .query_map(params![super::package::PROJECTS_KIND, year.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?
    .collect::<rusqlite::Result<_>>()?)
}

/// The 数据-审议意见 rows of a year that count: (source office, row as JSON).
pub fn counted_oversight_rows(c: &Connection, year: i64) -> Result<Vec<(String, String)>> {
    Ok(c.prepare_cached(
        "SELECT r.source_office, r.data_json FROM report_records r
          WHERE r.kind = ?1 AND r.counted = 1 AND json_extract(r.data_json, '$.年度') = ?2 ORDER BY r.id",
    )?
    .query_map(params![super::package::OVERSIGHT_KIND, year.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?
    .collect::<rusqlite::Result<_>>()?)
}
