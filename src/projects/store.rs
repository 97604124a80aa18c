//! The SQL of 民生实事项目票决: every read and write of the area's tables.

use rusqlite::{params, Connection};
use serde::de::DeserializeOwned;

use super::figures::{FactRow, ProjectFacts};
use super::model::Stage;
use crate::error::Result;

// ── 统计 (DOMAIN.md §5.6): a year's projects with what the figures count ──────────────────────

/// A key as stored (the enumerations' serde keys), back to its value; an unknown key is `None`.
fn from_key<T: DeserializeOwned>(key: Option<String>) -> Option<T> {
    key.and_then(|k| serde_json::from_value(serde_json::Value::String(k)).ok())
}

fn key_of<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v).ok().and_then(|k| k.as_str().map(str::to_string)).unwrap_or_default()
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
        .query_map(params![year, last, prev, key_of(Stage::Building), key_of(Stage::Finished)], |r| {
            Ok(FactRow {
                facts: ProjectFacts {
                    project_id: r.get(0)?,
                    uuid: r.get(1)?,
                    voted_year: r.get(2)?,
                    name: r.get(3)?,
                    field: r.get(4)?,
                    lead_unit: r.get(5)?,
                    investment: r.get(6)?,
                    status: from_key(r.get(7)?).unwrap_or_default(),
                    actual_end: r.get(8)?,
                    planned: 0.0,
                    invested: 0.0,
                    latest_date: r.get(12)?,
                    stage: from_key(r.get(13)?),
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
