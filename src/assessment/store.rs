//! The SQL of 乡镇人大工作评价 (migration 0017). Scores are appended: the latest row of an item
//! counts, the earlier ones are its history.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

use super::model::*;
use crate::error::Result;

/// A template's own row, without its items.
#[derive(Debug, Clone)]
pub struct TemplateRow {
    pub id: i64,
    pub uuid: String,
    pub year: i64,
    pub origin: String,
    pub issuer: String,
    pub version: i64,
    pub excellent: f64,
    pub pass: f64,
    pub rank_by: RankBy,
}

const TEMPLATE_COLS: &str =
    "id, uuid, year, origin, coalesce(issuer, ''), version, excellent, pass, rank_by FROM assessment_templates";

fn template_row(r: &rusqlite::Row) -> rusqlite::Result<TemplateRow> {
    Ok(TemplateRow {
        id: r.get(0)?,
        uuid: r.get(1)?,
        year: r.get(2)?,
        origin: r.get(3)?,
        issuer: r.get(4)?,
        version: r.get(5)?,
        excellent: r.get(6)?,
        pass: r.get(7)?,
        rank_by: RankBy::from_key(&r.get::<_, String>(8)?),
    })
}

pub fn template_row_of(c: &Connection, year: i64) -> Result<Option<TemplateRow>> {
    Ok(c.query_row(&format!("SELECT {TEMPLATE_COLS} WHERE year = ?1"), [year], template_row).optional()?)
}

pub fn template_year(c: &Connection, id: i64) -> Result<i64> {
    Ok(c.query_row("SELECT year FROM assessment_templates WHERE id = ?1", [id], |r| r.get(0))?)
}

/// The latest year before `year` that has a template.
pub fn year_before(c: &Connection, year: i64) -> Result<Option<i64>> {
    Ok(c.query_row("SELECT max(year) FROM assessment_templates WHERE year < ?1", [year], |r| r.get(0))?)
}

/// The template of a year with its blocks and active items, in order.
pub fn template(c: &Connection, year: i64) -> Result<Option<Template>> {
    let Some(t) = template_row_of(c, year)? else { return Ok(None) };
    let mut blocks: Vec<Block> = c
        .prepare("SELECT id, position, name, bonus FROM assessment_blocks WHERE template_id = ?1 ORDER BY bonus, position, id")?
        .query_map([t.id], |r| {
            Ok(Block { id: r.get(0)?, position: r.get(1)?, name: r.get(2)?, bonus: r.get(3)?, items: vec![] })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut st = c.prepare(
        "SELECT id, uuid, block_id, position, name, max_points, coalesce(criterion, ''), coalesce(evidence, ''),
                auto_source, full_at
           FROM assessment_items WHERE template_id = ?1 AND active = 1 ORDER BY position, id",
    )?;
    let items = st.query_map([t.id], |r| {
        Ok(Item {
            id: r.get(0)?,
            uuid: r.get(1)?,
            block_id: r.get(2)?,
            position: r.get(3)?,
            name: r.get(4)?,
            max_points: r.get(5)?,
            criterion: r.get(6)?,
            evidence: r.get(7)?,
            auto_source: r.get::<_, Option<String>>(8)?.as_deref().and_then(AutoSource::from_key),
            full_at: r.get(9)?,
        })
    })?;
    for item in items {
        let item = item?;
        if let Some(b) = blocks.iter_mut().find(|b| b.id == item.block_id) {
            b.items.push(item);
        }
    }
    let sum =
        |bonus: bool| blocks.iter().filter(|b| b.bonus == bonus).flat_map(|b| &b.items).map(|i| i.max_points).sum();
    let (base_max, bonus_max) = (round1(sum(false)), round1(sum(true)));
    Ok(Some(Template {
        id: t.id,
        uuid: t.uuid,
        year: t.year,
        origin: t.origin,
        issuer: t.issuer,
        version: t.version,
        excellent: t.excellent,
        pass: t.pass,
        rank_by: t.rank_by,
        blocks,
        base_max,
        bonus_max,
    }))
}

pub fn template_insert(tx: &Connection, t: &TemplateRow, now: &str) -> Result<i64> {
    tx.execute(
        "INSERT INTO assessment_templates (uuid, year, origin, issuer, version, excellent, pass, rank_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, nullif(?4, ''), ?5, ?6, ?7, ?8, ?9, ?9)",
        params![t.uuid, t.year, t.origin, t.issuer, t.version, t.excellent, t.pass, t.rank_by.key(), now],
    )?;
    Ok(tx.last_insert_rowid())
}

pub fn template_settings_set(tx: &Connection, id: i64, s: &TemplateSettings, now: &str) -> Result<()> {
    tx.execute(
        "UPDATE assessment_templates SET excellent = ?2, pass = ?3, rank_by = ?4, updated_at = ?5 WHERE id = ?1",
        params![id, s.excellent, s.pass, s.rank_by.key(), now],
    )?;
    Ok(())
}

/// An edit of a template that went out makes its next version (DOMAIN.md §8.1).
pub fn template_touch(tx: &Connection, id: i64, now: &str) -> Result<()> {
    tx.execute(
        "UPDATE assessment_templates SET version = version + exported, exported = 0, updated_at = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    Ok(())
}

pub fn template_exported(tx: &Connection, id: i64) -> Result<()> {
    tx.execute("UPDATE assessment_templates SET exported = 1 WHERE id = ?1", [id])?;
    Ok(())
}

/// An imported template's newer version: its number and the county's rules.
pub fn template_version_set(tx: &Connection, id: i64, version: i64, s: &TemplateSettings, now: &str) -> Result<()> {
    tx.execute("UPDATE assessment_templates SET version = ?2 WHERE id = ?1", params![id, version])?;
    template_settings_set(tx, id, s, now)
}

pub fn block_id(c: &Connection, template_id: i64, name: &str) -> Result<Option<(i64, bool)>> {
    Ok(c.query_row(
        "SELECT id, bonus FROM assessment_blocks WHERE template_id = ?1 AND name = ?2",
        params![template_id, name],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?)
}

pub fn block_insert(tx: &Connection, template_id: i64, name: &str, bonus: bool) -> Result<i64> {
    tx.execute(
        "INSERT INTO assessment_blocks (template_id, position, name, bonus)
         VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM assessment_blocks WHERE template_id = ?1), ?2, ?3)",
        params![template_id, name, bonus],
    )?;
    Ok(tx.last_insert_rowid())
}

/// The block's template and whether it is the bonus block.
pub fn block_template(c: &Connection, block_id: i64) -> Result<Option<(i64, bool)>> {
    Ok(c.query_row("SELECT template_id, bonus FROM assessment_blocks WHERE id = ?1", [block_id], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
    .optional()?)
}

pub fn item_insert(tx: &Connection, template_id: i64, uuid: &str, i: &ItemInput) -> Result<i64> {
    tx.execute(
        "INSERT INTO assessment_items (uuid, template_id, block_id, position, name, max_points, criterion, evidence, auto_source, full_at)
         VALUES (?1, ?2, ?3, (SELECT coalesce(max(position), 0) + 1 FROM assessment_items WHERE template_id = ?2),
                 ?4, ?5, nullif(?6, ''), nullif(?7, ''), ?8, ?9)",
        params![
            uuid,
            template_id,
            i.block_id,
            i.name,
            i.max_points,
            i.criterion,
            i.evidence,
            i.auto_source.map(AutoSource::key),
            i.full_at
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

pub fn item_update(tx: &Connection, id: i64, i: &ItemInput) -> Result<()> {
    tx.execute(
        "UPDATE assessment_items SET block_id = ?2, name = ?3, max_points = ?4, criterion = nullif(?5, ''),
                evidence = nullif(?6, ''), auto_source = ?7, full_at = ?8, active = 1 WHERE id = ?1",
        params![
            id,
            i.block_id,
            i.name,
            i.max_points,
            i.criterion,
            i.evidence,
            i.auto_source.map(AutoSource::key),
            i.full_at
        ],
    )?;
    Ok(())
}

pub fn item_position_set(tx: &Connection, id: i64, position: i64) -> Result<()> {
    tx.execute("UPDATE assessment_items SET position = ?2 WHERE id = ?1", params![id, position])?;
    Ok(())
}

pub fn item_deactivate(tx: &Connection, id: i64) -> Result<()> {
    tx.execute("UPDATE assessment_items SET active = 0 WHERE id = ?1", [id])?;
    Ok(())
}

/// An item's id by its stable id, within a template (active or not).
pub fn item_by_uuid(c: &Connection, template_id: i64, uuid: &str) -> Result<Option<i64>> {
    Ok(c.query_row(
        "SELECT id FROM assessment_items WHERE template_id = ?1 AND uuid = ?2",
        params![template_id, uuid],
        |r| r.get(0),
    )
    .optional()?)
}

/// The template's year an item is in, with the item's name and max.
pub fn item_year(c: &Connection, item_id: i64) -> Result<Option<(i64, String, f64)>> {
    Ok(c.query_row(
        "SELECT t.year, i.name, i.max_points FROM assessment_items i JOIN assessment_templates t ON t.id = i.template_id
          WHERE i.id = ?1 AND i.active = 1",
        [item_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()?)
}

/// The latest 自评 of each item of a template: item → (points, note, evidence, reason).
pub fn self_latest(c: &Connection, template_id: i64) -> Result<HashMap<i64, (f64, String, String, String)>> {
    let mut st = c.prepare(
        "SELECT s.item_id, s.points, coalesce(s.note, ''), coalesce(s.evidence, ''), coalesce(s.reason, '')
           FROM assessment_self_scores s JOIN assessment_items i ON i.id = s.item_id
          WHERE i.template_id = ?1 AND s.id = (SELECT max(id) FROM assessment_self_scores WHERE item_id = s.item_id)",
    )?;
    let rows = st.query_map([template_id], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn self_insert(tx: &Connection, s: &SelfScoreInput, now: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO assessment_self_scores (item_id, points, note, evidence, reason, created_at)
         VALUES (?1, ?2, nullif(?3, ''), nullif(?4, ''), nullif(?5, ''), ?6)",
        params![s.item_id, s.points, s.note, s.evidence, s.reason, now],
    )?;
    Ok(())
}

/// 述职 entries of the year, every station (DOMAIN.md §3).
pub fn voter_reports(c: &Connection, year: i64) -> Result<i64> {
    Ok(c.query_row(
        "SELECT count(*) FROM register_entries WHERE book = 'report' AND date >= ?1 AND date <= ?2",
        params![format!("{year}-01-01"), format!("{year}-12-31")],
        |r| r.get(0),
    )?)
}

pub fn townships(c: &Connection) -> Result<Vec<Township>> {
    Ok(c.prepare("SELECT id, name, coalesce(office_id, '') FROM assessment_townships WHERE active = 1 ORDER BY id")?
        .query_map([], |r| Ok(Township { id: r.get(0)?, name: r.get(1)?, office_id: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?)
}

pub fn township(c: &Connection, id: i64) -> Result<Option<Township>> {
    Ok(c.query_row("SELECT id, name, coalesce(office_id, '') FROM assessment_townships WHERE id = ?1", [id], |r| {
        Ok(Township { id: r.get(0)?, name: r.get(1)?, office_id: r.get(2)? })
    })
    .optional()?)
}

pub fn township_by_name(c: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(c.query_row("SELECT id FROM assessment_townships WHERE name = ?1", [name], |r| r.get(0)).optional()?)
}

pub fn township_insert(tx: &Connection, name: &str, office_id: Option<&str>, now: &str) -> Result<i64> {
    tx.execute(
        "INSERT INTO assessment_townships (name, office_id, created_at) VALUES (?1, ?2, ?3)",
        params![name, office_id, now],
    )?;
    Ok(tx.last_insert_rowid())
}

/// The township a package came from: known by its office id, else by its name (a township the
/// county listed before it sent anything), else new. Its name follows the latest package.
pub fn township_of_sender(tx: &Connection, office_id: &str, name: &str, now: &str) -> Result<i64> {
    let by_id: Option<i64> = tx
        .query_row("SELECT id FROM assessment_townships WHERE office_id = ?1", [office_id], |r| r.get(0))
        .optional()?;
    if let Some(id) = by_id {
        // a renamed township keeps its scores; a name another row holds stays with that row
        tx.execute(
            "UPDATE assessment_townships SET name = ?2, active = 1 WHERE id = ?1
               AND NOT EXISTS (SELECT 1 FROM assessment_townships WHERE name = ?2 AND id <> ?1)",
            params![id, name],
        )?;
        return Ok(id);
    }
    let by_name: Option<i64> = tx
        .query_row("SELECT id FROM assessment_townships WHERE name = ?1 AND office_id IS NULL", [name], |r| r.get(0))
        .optional()?;
    if let Some(id) = by_name {
        tx.execute("UPDATE assessment_townships SET office_id = ?2, active = 1 WHERE id = ?1", params![id, office_id])?;
        return Ok(id);
    }
    let free = township_by_name(tx, name)?.is_none();
    let shown = if free { name.to_string() } else { format!("{name}（{office_id}）") };
    township_insert(tx, &shown, Some(office_id), now)
}

/// The 自评 set that counts for each township of a year: township → (set id, serial, template
/// id, version, received at).
/// A counting 自评 set: (set id, serial, template id, version, received at).
pub type ReceivedSet = (i64, i64, String, i64, String);

pub fn received_current(c: &Connection, year: i64) -> Result<HashMap<i64, ReceivedSet>> {
    let mut st = c.prepare(
        "SELECT township_id, id, serial, template_uuid, template_version, received_at
           FROM assessment_received WHERE year = ?1 AND current = 1",
    )?;
    let rows = st.query_map([year], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A received item: (自评, note, evidence, reason, figure, how counted).
pub type ReceivedItem = (Option<f64>, String, String, String, Option<f64>, String);

/// The items of the counting 自评 sets of a year: (township, item uuid) → what it sent.
pub fn received_items(c: &Connection, year: i64) -> Result<HashMap<(i64, String), ReceivedItem>> {
    let mut st = c.prepare(
        "SELECT r.township_id, x.item_uuid, x.points, coalesce(x.note, ''), coalesce(x.evidence, ''),
                coalesce(x.reason, ''), x.figure, coalesce(x.figure_text, '')
           FROM assessment_received r JOIN assessment_received_items x ON x.received_id = r.id
          WHERE r.year = ?1 AND r.current = 1",
    )?;
    let rows = st.query_map([year], |r| {
        Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Stores a township's 自评 of a year as a package carried it. It counts unless the set counting
/// now came in a package with a higher 上报包序号 (an older package of another period arriving
/// late) and the user did not say otherwise; every set is kept. True when it counts.
pub fn received_insert(
    tx: &Connection,
    township_id: i64,
    year: i64,
    serial: i64,
    force: bool,
    rows: &[PackRow],
    now: &str,
) -> Result<bool> {
    let newer: Option<i64> = tx
        .query_row(
            "SELECT serial FROM assessment_received WHERE township_id = ?1 AND year = ?2 AND current = 1",
            params![township_id, year],
            |r| r.get(0),
        )
        .optional()?;
    let counts = force || newer.is_none_or(|s| s <= serial);
    if counts {
        tx.execute(
            "UPDATE assessment_received SET current = 0 WHERE township_id = ?1 AND year = ?2",
            params![township_id, year],
        )?;
    }
    let (t_uuid, version) = rows.first().map(|r| (r.template_uuid.as_str(), r.version)).unwrap_or(("", 0));
    tx.execute(
        "INSERT INTO assessment_received (township_id, year, serial, template_uuid, template_version, current, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![township_id, year, serial, t_uuid, version, counts, now],
    )?;
    let set = tx.last_insert_rowid();
    let mut st = tx.prepare_cached(
        "INSERT OR REPLACE INTO assessment_received_items (received_id, item_uuid, points, note, evidence, reason, figure, figure_text)
         VALUES (?1, ?2, ?3, nullif(?4, ''), nullif(?5, ''), nullif(?6, ''), ?7, nullif(?8, ''))",
    )?;
    for r in rows {
        st.execute(params![set, r.item_uuid, r.points, r.note, r.evidence, r.reason, r.figure, r.figure_text])?;
    }
    Ok(counts)
}

/// The latest 考核组 score of every (township, item) of a template: → (points, reason).
pub fn scores_latest(c: &Connection, template_id: i64) -> Result<HashMap<(i64, i64), (f64, String)>> {
    let mut st = c.prepare(
        "SELECT s.township_id, s.item_id, s.points, coalesce(s.reason, '')
           FROM assessment_scores s JOIN assessment_items i ON i.id = s.item_id
          WHERE i.template_id = ?1
            AND s.id = (SELECT max(id) FROM assessment_scores WHERE township_id = s.township_id AND item_id = s.item_id)",
    )?;
    let rows = st.query_map([template_id], |r| Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, r.get(3)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The sum of the 加减分 of every (township, item) of a template.
pub fn adjusted(c: &Connection, template_id: i64) -> Result<HashMap<(i64, i64), f64>> {
    let mut st = c.prepare(
        "SELECT a.township_id, a.item_id, sum(a.delta) FROM assessment_adjustments a
           JOIN assessment_items i ON i.id = a.item_id WHERE i.template_id = ?1 GROUP BY 1, 2",
    )?;
    let rows = st.query_map([template_id], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every 考核组 score (`scores`) or 加减分 (`adjustments`) of one township, oldest first: item → entries.
pub fn history(c: &Connection, township_id: i64, adjustments: bool) -> Result<HashMap<i64, Vec<ScoreEntry>>> {
    let sql = if adjustments {
        "SELECT item_id, delta, reason, created_at FROM assessment_adjustments WHERE township_id = ?1 ORDER BY id"
    } else {
        "SELECT item_id, points, coalesce(reason, ''), created_at FROM assessment_scores WHERE township_id = ?1 ORDER BY id"
    };
    let mut out: HashMap<i64, Vec<ScoreEntry>> = HashMap::new();
    let mut st = c.prepare(sql)?;
    let rows = st.query_map([township_id], |r| {
        Ok((r.get::<_, i64>(0)?, ScoreEntry { points: r.get(1)?, reason: r.get(2)?, at: r.get(3)? }))
    })?;
    for row in rows {
        let (item, e) = row?;
        out.entry(item).or_default().push(e);
    }
    Ok(out)
}

pub fn score_insert(tx: &Connection, s: &ScoreInput, now: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO assessment_scores (township_id, item_id, points, reason, created_at) VALUES (?1, ?2, ?3, nullif(?4, ''), ?5)",
        params![s.township_id, s.item_id, s.points, s.reason, now],
    )?;
    Ok(())
}

pub fn adjustment_insert(tx: &Connection, a: &AdjustInput, now: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO assessment_adjustments (township_id, item_id, delta, reason, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![a.township_id, a.item_id, a.delta, a.reason, now],
    )?;
    Ok(())
}
