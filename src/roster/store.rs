//! SQL of the shared records.

use std::collections::HashMap;

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::model::*;
use crate::common::{like_contains, like_prefix, number_placeholders, paging, Page};
use crate::db::now_text;
use crate::error::{Error, Result};
use crate::names::{self, stroke_key};
use crate::text::{is_pinyin_query, normalize_query, pinyin_forms, pinyin_key};

fn split_levels(s: Option<String>) -> Vec<String> {
    let mut v: Vec<String> = s.unwrap_or_default().split(',').filter(|x| !x.is_empty()).map(str::to_string).collect();
    v.sort_by_key(|l| DEPUTY_LEVELS.iter().position(|x| x == l));
    v
}

const DEPUTY_ROW_SQL: &str = "SELECT d.id, d.uuid, d.name, d.gender, d.birth_month, d.political, d.work_unit,
        (SELECT group_concat(level) FROM deputy_levels l WHERE l.deputy_id = d.id),
        d.district, d.delegation, d.phone, d.station_id, s.name, d.status, d.active, d.initials
   FROM deputies d LEFT JOIN stations s ON s.id = d.station_id";

fn deputy_row(r: &Row) -> rusqlite::Result<DeputyRow> {
    Ok(DeputyRow {
        id: r.get(0)?,
        uuid: r.get(1)?,
        name: r.get(2)?,
        gender: r.get(3)?,
        birth_month: r.get(4)?,
        political: r.get(5)?,
        work_unit: r.get(6)?,
        levels: split_levels(r.get(7)?),
        district: r.get(8)?,
        delegation: r.get(9)?,
        phone: r.get(10)?,
        station_id: r.get(11)?,
        station_name: r.get(12)?,
        status: r.get(13)?,
        active: r.get(14)?,
        initials: r.get(15)?,
    })
}

/// WHERE clause, its values and ORDER BY of a deputy query: shared by the list and the export,
/// so an export holds exactly the rows the list shows, in the same order.
pub fn deputy_filter(q: &DeputyQuery) -> (String, Vec<SqlValue>, String) {
    let mut wh: Vec<String> = Vec::new();
    let mut args: Vec<SqlValue> = Vec::new();
    if !q.include_inactive.unwrap_or(false) {
        wh.push("d.active = 1".into());
    }
    if let Some(text) = q.q.as_deref().map(normalize_query).filter(|s| !s.is_empty()) {
        if is_pinyin_query(&text) {
            // initials and pinyin hold every reading of the name, space-separated (`zw cw`)
            wh.push("(d.initials LIKE ? ESCAPE '\\' OR d.initials LIKE ? ESCAPE '\\' OR d.pinyin LIKE ? ESCAPE '\\' OR d.pinyin LIKE ? ESCAPE '\\')".into());
            for _ in 0..2 {
                args.push(like_prefix(&text).into());
                args.push(format!("% {}", like_prefix(&text)).into());
            }
        } else {
            let pat = like_contains(&text);
            wh.push("(d.name LIKE ?1x ESCAPE '\\' OR d.work_unit LIKE ?1x ESCAPE '\\' OR d.phone LIKE ?1x ESCAPE '\\' OR d.card_no LIKE ?1x ESCAPE '\\')".into());
            args.push(pat.into());
        }
    }
    if let Some(level) = q.level.as_deref().filter(|s| !s.is_empty()) {
        wh.push("EXISTS (SELECT 1 FROM deputy_levels l WHERE l.deputy_id = d.id AND l.level = ?)".into());
        args.push(level.to_string().into());
    }
    for (col, val) in [("d.district", &q.district), ("d.delegation", &q.delegation), ("d.status", &q.status)] {
        if let Some(v) = val.as_deref().filter(|s| !s.is_empty()) {
            wh.push(format!("{col} = ?"));
            args.push(v.to_string().into());
        }
    }
    if let Some(sid) = q.station_id {
        wh.push("d.station_id = ?".into());
        args.push(sid.into());
    }
    // `?1x` marks a parameter used several times: number every placeholder explicitly.
    let where_sql = number_placeholders(&wh, &args);
    let dir = if q.desc.unwrap_or(false) { "DESC" } else { "ASC" };
    let order = match q.sort.as_deref().unwrap_or("pinyin") {
        "strokes" => format!("d.stroke_key {dir}, d.pinyin_key"),
        "district" => format!("d.district IS NULL, d.district {dir}, d.pinyin_key"),
        "birth" => format!("d.birth_month IS NULL, d.birth_month {dir}, d.pinyin_key"),
        "updated" => format!("d.updated_at {}, d.id DESC", if dir == "ASC" { "DESC" } else { "ASC" }),
        _ => format!("d.pinyin_key {dir}"),
    };
    (where_sql, args, order)
}

pub fn deputy_list(conn: &Connection, q: &DeputyQuery) -> Result<Page<DeputyRow>> {
    let (where_sql, args, order) = deputy_filter(q);
    let (page, size) = paging(q.page, q.page_size);
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM deputies d {where_sql}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let limit = if size == 0 { String::new() } else { format!("LIMIT {size} OFFSET {}", (page - 1) * size) };
    let mut st = conn.prepare(&format!("{DEPUTY_ROW_SQL} {where_sql} ORDER BY {order} {limit}"))?;
    let items =
        st.query_map(rusqlite::params_from_iter(args.iter()), deputy_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Page { total, page, page_size: size, items })
}

/// A picker's deputies: the chosen `ids` first, then the station's own deputies, then by pinyin,
/// at most `limit` matches of `q` besides the chosen ones.
pub fn deputy_search(conn: &Connection, a: &DeputySearch) -> Result<Vec<DeputyChoice>> {
    let limit = a.limit.unwrap_or(20).clamp(1, 200);
    let q = DeputyQuery { q: a.q.clone(), include_inactive: a.include_inactive, ..Default::default() };
    let (where_sql, args, _) = deputy_filter(&q);
    let first = a.station_id.unwrap_or(-1);
    let choice = |r: &rusqlite::Row| {
        Ok(DeputyChoice {
            id: r.get(0)?,
            name: r.get(1)?,
            initials: r.get(2)?,
            delegation: r.get(3)?,
            district: r.get(4)?,
            station_id: r.get(5)?,
        })
    };
    const COLS: &str = "SELECT d.id, d.name, d.initials, d.delegation, d.district, d.station_id FROM deputies d";
    let mut out: Vec<DeputyChoice> = Vec::new();
    let mut st = conn.prepare(&format!("{COLS} WHERE d.id = ?1"))?;
    for id in &a.ids {
        if let Some(c) = st.query_row([id], choice).optional()? {
            out.push(c);
        }
    }
    let sql = format!("{COLS} {where_sql} ORDER BY (d.station_id IS {first}) DESC, d.pinyin_key LIMIT {limit}");
    let mut st = conn.prepare(&sql)?;
    for c in st.query_map(rusqlite::params_from_iter(args.iter()), choice)? {
        let c = c?;
        if !a.ids.contains(&c.id) {
            out.push(c);
        }
    }
    Ok(out)
}

/// The active deputies per level and per 选区, counted by the database.
pub fn deputy_figures(conn: &Connection) -> Result<DeputyFigures> {
    let total: i64 = conn.query_row("SELECT count(*) FROM deputies WHERE active = 1", [], |r| r.get(0))?;
    let counts = |sql: &str| -> Result<Vec<NameCount>> {
        let mut st = conn.prepare(sql)?;
        let rows = st.query_map([], |r| Ok(NameCount { name: r.get(0)?, count: r.get(1)? }))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    };
    let per_level = counts(
        "SELECT l.level, count(DISTINCT l.deputy_id) FROM deputy_levels l JOIN deputies d ON d.id = l.deputy_id
          WHERE d.active = 1 GROUP BY l.level",
    )?;
    let mut by_level: Vec<NameCount> = DEPUTY_LEVELS
        .iter()
        .map(|l| NameCount {
            name: l.to_string(),
            count: per_level.iter().find(|c| c.name == *l).map_or(0, |c| c.count),
        })
        .collect();
    let unset: i64 = conn.query_row(
        "SELECT count(*) FROM deputies d WHERE d.active = 1 AND NOT EXISTS (SELECT 1 FROM deputy_levels l WHERE l.deputy_id = d.id)",
        [],
        |r| r.get(0),
    )?;
    if unset > 0 {
        by_level.push(NameCount { name: "未填写".into(), count: unset });
    }
    let mut by_district = counts(
        "SELECT district, count(*) AS n FROM deputies WHERE active = 1 AND district IS NOT NULL AND district <> ''
          GROUP BY district ORDER BY n DESC, district LIMIT 20",
    )?;
    let no_district: i64 = conn.query_row(
        "SELECT count(*) FROM deputies WHERE active = 1 AND (district IS NULL OR district = '')",
        [],
        |r| r.get(0),
    )?;
    if no_district > 0 {
        by_district.push(NameCount { name: "未填写".into(), count: no_district });
    }
    Ok(DeputyFigures { total, by_level, by_district })
}

/// Every field of the deputies a query selects, in its order (exports, import comparison).
pub fn deputy_full_list(conn: &Connection, q: &DeputyQuery) -> Result<Vec<(i64, DeputyInput, String)>> {
    let (where_sql, args, order) = deputy_filter(q);
    let mut st = conn.prepare(&format!(
        "SELECT d.id, d.name, d.gender, d.ethnicity, d.birth_month, d.political, d.education, d.work_unit, d.card_no,
                d.id_number, (SELECT group_concat(level) FROM deputy_levels l WHERE l.deputy_id = d.id), d.district,
                d.delegation, d.sector_group, d.phone, d.station_id, d.term_id, d.status, d.address, d.note
           FROM deputies d {where_sql} ORDER BY {order}"
    ))?;
    let rows = st
        .query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok((
                r.get(0)?,
                DeputyInput {
                    name: r.get(1)?,
                    gender: r.get(2)?,
                    ethnicity: r.get(3)?,
                    birth_month: r.get(4)?,
                    political: r.get(5)?,
                    education: r.get(6)?,
                    work_unit: r.get(7)?,
                    card_no: r.get(8)?,
                    id_number: r.get(9)?,
                    levels: split_levels(r.get(10)?),
                    district: r.get(11)?,
                    delegation: r.get(12)?,
                    sector_group: r.get(13)?,
                    phone: r.get(14)?,
                    address: r.get(18)?,
                    note: r.get(19)?,
                    station_id: r.get(15)?,
                    term_id: r.get(16)?,
                },
                r.get(17)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn deputy_get(conn: &Connection, id: i64) -> Result<Deputy> {
    let d = conn
        .query_row(
            "SELECT d.id, d.uuid, d.name, d.gender, d.ethnicity, d.birth_month, d.political, d.education, d.work_unit,
                    d.card_no, (SELECT group_concat(level) FROM deputy_levels l WHERE l.deputy_id = d.id),
                    d.district, d.delegation, d.sector_group, d.phone, d.station_id, s.name, d.term_id, t.name,
                    d.status, d.status_date, d.active, d.initials, d.created_at, d.updated_at, d.id_number,
                    d.address, d.note
               FROM deputies d LEFT JOIN stations s ON s.id = d.station_id LEFT JOIN terms t ON t.id = d.term_id
              WHERE d.id = ?1",
            [id],
            |r| {
                Ok(Deputy {
                    id: r.get(0)?,
                    uuid: r.get(1)?,
                    name: r.get(2)?,
                    gender: r.get(3)?,
                    ethnicity: r.get(4)?,
                    birth_month: r.get(5)?,
                    political: r.get(6)?,
                    education: r.get(7)?,
                    work_unit: r.get(8)?,
                    card_no: r.get(9)?,
                    id_number: r.get(25)?,
                    levels: split_levels(r.get(10)?),
                    district: r.get(11)?,
                    delegation: r.get(12)?,
                    sector_group: r.get(13)?,
                    phone: r.get(14)?,
                    address: r.get(26)?,
                    note: r.get(27)?,
                    station_id: r.get(15)?,
                    station_name: r.get(16)?,
                    term_id: r.get(17)?,
                    term_name: r.get(18)?,
                    status: r.get(19)?,
                    status_date: r.get(20)?,
                    active: r.get(21)?,
                    initials: r.get(22)?,
                    created_at: r.get(23)?,
                    updated_at: r.get(24)?,
                    status_history: vec![],
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的代表，可能已被其他操作修改，请刷新列表。")))?;
    let mut st = conn.prepare(
        "SELECT status, date, note, recorded_at FROM deputy_status_history WHERE deputy_id = ?1 ORDER BY id",
    )?;
    let history = st
        .query_map([id], |r| {
            Ok(StatusChange { status: r.get(0)?, date: r.get(1)?, note: r.get(2)?, recorded_at: r.get(3)? })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Deputy { status_history: history, ..d })
}

/// Refuses a second record of the same person: same 代表证号, or same name and 出生年月.
pub fn deputy_check_duplicate(conn: &Connection, input: &DeputyInput, except: Option<i64>) -> Result<()> {
    let except = except.unwrap_or(-1);
    if let Some(card) = &input.card_no {
        let other: Option<String> = conn
            .query_row("SELECT name FROM deputies WHERE card_no = ?1 AND id <> ?2", params![card, except], |r| r.get(0))
            .optional()?;
        if let Some(other) = other {
            return Err(Error::Invalid {
                message: format!("代表证号「{card}」已属于代表「{other}」，请检查是否重复录入或证号填错"),
                field_errors: vec![crate::error::FieldError {
                    field: "card_no".into(),
                    message: format!("代表证号已属于「{other}」"),
                }],
            });
        }
    }
    if let Some(idn) = &input.id_number {
        let other: Option<String> = conn
            .query_row("SELECT name FROM deputies WHERE id_number = ?1 AND id <> ?2", params![idn, except], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(other) = other {
            return Err(Error::field(
                "id_number",
                format!("身份证号已属于代表「{other}」，请检查是否重复录入或号码填错"),
            ));
        }
    }
    if let Some(month) = &input.birth_month {
        let same: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM deputies WHERE name = ?1 AND birth_month = ?2 AND id <> ?3)",
            params![input.name, month, except],
            |r| r.get(0),
        )?;
        if same {
            return Err(Error::Conflict(format!(
                "已有姓名为「{}」、出生年月为 {month} 的代表，这很可能是同一个人。请在名册中找到并编辑该代表，不要重复录入。",
                input.name
            )));
        }
    }
    Ok(())
}

pub fn check_station_exists(conn: &Connection, id: Option<i64>) -> Result<()> {
    if let Some(id) = id {
        let ok: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM stations WHERE id = ?1)", [id], |r| r.get(0))?;
        if !ok {
            return Err(Error::field("station_id", "所选联络站不存在，请重新选择"));
        }
    }
    Ok(())
}

pub fn check_term_exists(conn: &Connection, id: Option<i64>) -> Result<()> {
    if let Some(id) = id {
        let ok: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM terms WHERE id = ?1)", [id], |r| r.get(0))?;
        if !ok {
            return Err(Error::field("term_id", "所选届次不存在，请重新选择"));
        }
    }
    Ok(())
}

/// Inserts validated deputies with its statements prepared once: a bulk import adds
/// 100,000 rows through one of these.
pub struct DeputyInserter<'c> {
    insert: rusqlite::Statement<'c>,
    level: rusqlite::Statement<'c>,
    history: rusqlite::Statement<'c>,
    now: String,
}

impl<'c> DeputyInserter<'c> {
    pub fn new(conn: &'c Connection) -> Result<Self> {
        Ok(DeputyInserter {
            insert: conn.prepare(
                "INSERT INTO deputies (uuid, name, gender, ethnicity, birth_month, political, education, work_unit, card_no,
                    district, delegation, sector_group, phone, station_id, term_id, status, active, initials, pinyin,
                    pinyin_key, stroke_key, created_at, updated_at, id_number, address, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, '在任', 1, ?16, ?17, ?18, ?19, ?20, ?20, ?21,
                    ?22, ?23)",
            )?,
            level: conn.prepare("INSERT INTO deputy_levels (deputy_id, level) VALUES (?1, ?2)")?,
            history: conn.prepare(
                "INSERT INTO deputy_status_history (deputy_id, status, date, note, recorded_at) VALUES (?1, '在任', ?2, ?3, ?4)",
            )?,
            now: now_text(),
        })
    }

    /// Inserts one deputy, with the first line of their history ("在任", `note`); returns the id.
    pub fn insert(&mut self, d: &DeputyInput, uuid: &str, since: Option<&str>, note: &str) -> Result<i64> {
        let (initials, pinyin) = names::pinyin_forms(&d.name);
        let id = self.insert.insert(params![
            uuid,
            d.name,
            d.gender,
            d.ethnicity,
            d.birth_month,
            d.political,
            d.education,
            d.work_unit,
            d.card_no,
            d.district,
            d.delegation,
            d.sector_group,
            d.phone,
            d.station_id,
            d.term_id,
            initials,
            pinyin,
            names::pinyin_key(&d.name),
            stroke_key(&d.name),
            self.now,
            d.id_number,
            d.address,
            d.note
        ])?;
        for l in &d.levels {
            self.level.execute(params![id, l])?;
        }
        self.history.execute(params![id, since, note, self.now])?;
        Ok(id)
    }
}

pub fn deputy_update(conn: &Connection, id: i64, d: &DeputyInput) -> Result<()> {
    let (initials, pinyin) = names::pinyin_forms(&d.name);
    conn.execute(
        "UPDATE deputies SET name = ?2, gender = ?3, ethnicity = ?4, birth_month = ?5, political = ?6, education = ?7,
            work_unit = ?8, card_no = ?9, district = ?10, delegation = ?11, sector_group = ?12, phone = ?13,
            station_id = ?14, term_id = ?15, initials = ?16, pinyin = ?17, pinyin_key = ?18, stroke_key = ?19,
            updated_at = ?20, id_number = ?21, address = ?22, note = ?23
          WHERE id = ?1",
        params![
            id,
            d.name,
            d.gender,
            d.ethnicity,
            d.birth_month,
            d.political,
            d.education,
            d.work_unit,
            d.card_no,
            d.district,
            d.delegation,
            d.sector_group,
            d.phone,
            d.station_id,
            d.term_id,
            initials,
            pinyin,
            names::pinyin_key(&d.name),
            stroke_key(&d.name),
            now_text(),
            d.id_number,
            d.address,
            d.note
        ],
    )?;
    set_levels(conn, id, &d.levels)
}

fn set_levels(conn: &Connection, id: i64, levels: &[String]) -> Result<()> {
    conn.prepare_cached("DELETE FROM deputy_levels WHERE deputy_id = ?1")?.execute([id])?;
    let mut st = conn.prepare_cached("INSERT INTO deputy_levels (deputy_id, level) VALUES (?1, ?2)")?;
    for l in levels {
        st.execute(params![id, l])?;
    }
    Ok(())
}

pub fn deputy_add_status(
    conn: &Connection,
    id: i64,
    status: &str,
    date: Option<&str>,
    note: Option<&str>,
) -> Result<()> {
    let now = now_text();
    conn.prepare_cached(
        "INSERT INTO deputy_status_history (deputy_id, status, date, note, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![id, status, date, note, now])?;
    conn.prepare_cached("UPDATE deputies SET status = ?2, status_date = ?3, updated_at = ?4 WHERE id = ?1")?
        .execute(params![id, status, date, now])?;
    Ok(())
}

pub fn set_active(conn: &Connection, table: &str, id: i64, active: bool) -> Result<()> {
    // `table` is one of our own table names, never user input.
    conn.execute(
        &format!("UPDATE {table} SET active = ?2, updated_at = ?3 WHERE id = ?1"),
        params![id, active, now_text()],
    )?;
    Ok(())
}

// ---------------------------------------------------------------- units

const UNIT_SQL: &str =
    "SELECT id, uuid, name, kind, contact_person, contact_phone, active, created_at, updated_at, initials FROM units";

fn unit_row(r: &Row) -> rusqlite::Result<Unit> {
    Ok(Unit {
        id: r.get(0)?,
        uuid: r.get(1)?,
        name: r.get(2)?,
        kind: r.get(3)?,
        contact_person: r.get(4)?,
        contact_phone: r.get(5)?,
        active: r.get(6)?,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
        initials: r.get(9)?,
    })
}

pub fn unit_list(conn: &Connection, q: &UnitQuery) -> Result<Page<Unit>> {
    let mut wh = Vec::new();
    let mut args: Vec<SqlValue> = Vec::new();
    if !q.include_inactive.unwrap_or(false) {
        wh.push("active = 1".to_string());
    }
    if let Some(text) = q.q.as_deref().map(normalize_query).filter(|s| !s.is_empty()) {
        if is_pinyin_query(&text) {
            wh.push("initials LIKE ? ESCAPE '\\'".into());
            args.push(like_contains(&text).into());
        } else {
            wh.push("(name LIKE ?1x ESCAPE '\\' OR contact_person LIKE ?1x ESCAPE '\\')".into());
            args.push(like_contains(&text).into());
        }
    }
    if let Some(kind) = q.kind.as_deref().filter(|s| !s.is_empty()) {
        wh.push("kind = ?".into());
        args.push(kind.to_string().into());
    }
    let where_sql = number_placeholders(&wh, &args);
    let dir = if q.desc.unwrap_or(false) { "DESC" } else { "ASC" };
    let order = match q.sort.as_deref().unwrap_or("name") {
        "kind" => format!("kind {dir}, pinyin_key"),
        "updated" => format!("updated_at {}", if dir == "ASC" { "DESC" } else { "ASC" }),
        _ => format!("pinyin_key {dir}"),
    };
    page_query(conn, UNIT_SQL, "units", &where_sql, &order, &args, q.page, q.page_size, unit_row)
}

#[allow(clippy::too_many_arguments)]
fn page_query<T>(
    conn: &Connection,
    select: &str,
    table: &str,
    where_sql: &str,
    order: &str,
    args: &[SqlValue],
    page: Option<i64>,
    page_size: Option<i64>,
    f: fn(&Row) -> rusqlite::Result<T>,
) -> Result<Page<T>> {
    let (page, size) = paging(page, page_size);
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM {table} {where_sql}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let limit = if size == 0 { String::new() } else { format!("LIMIT {size} OFFSET {}", (page - 1) * size) };
    let mut st = conn.prepare(&format!("{select} {where_sql} ORDER BY {order} {limit}"))?;
    let items = st.query_map(rusqlite::params_from_iter(args.iter()), f)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Page { total, page, page_size: size, items })
}

pub fn unit_get(conn: &Connection, id: i64) -> Result<Unit> {
    conn.query_row(&format!("{UNIT_SQL} WHERE id = ?1"), [id], unit_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的承办单位，请刷新列表。")))
}

pub fn unit_name_taken(conn: &Connection, name: &str, except: Option<i64>) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM units WHERE name = ?1 AND id <> ?2)",
        params![name, except.unwrap_or(-1)],
        |r| r.get(0),
    )?)
}

pub fn unit_insert(conn: &Connection, u: &UnitInput, uuid: &str) -> Result<i64> {
    let now = now_text();
    conn.execute(
        "INSERT INTO units (uuid, name, kind, contact_person, contact_phone, active, initials, pinyin_key, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7, ?8, ?8)",
        params![uuid, u.name, u.kind, u.contact_person, u.contact_phone, pinyin_forms(&u.name).0, pinyin_key(&u.name), now],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn unit_update(conn: &Connection, id: i64, u: &UnitInput) -> Result<()> {
    conn.execute(
        "UPDATE units SET name = ?2, kind = ?3, contact_person = ?4, contact_phone = ?5, initials = ?6, pinyin_key = ?7,
                updated_at = ?8 WHERE id = ?1",
        params![id, u.name, u.kind, u.contact_person, u.contact_phone, pinyin_forms(&u.name).0, pinyin_key(&u.name), now_text()],
    )?;
    Ok(())
}

// ---------------------------------------------------------------- stations

const STATION_SQL: &str = "SELECT id, uuid, name, kind, township, address, head, liaison, schedule_kind, schedule_days,
        notice_days, active, created_at, updated_at FROM stations";

fn station_row(r: &Row) -> rusqlite::Result<Station> {
    let days: String = r.get(9)?;
    let schedule = Schedule {
        kind: r.get(8)?,
        days: days.split(',').filter_map(|d| d.trim().parse().ok()).collect(),
        notice_days: r.get(10)?,
    };
    Ok(Station {
        id: r.get(0)?,
        uuid: r.get(1)?,
        name: r.get(2)?,
        kind: r.get(3)?,
        township: r.get(4)?,
        address: r.get(5)?,
        head: r.get(6)?,
        liaison: r.get(7)?,
        schedule_text: schedule.describe(),
        schedule,
        deputies: vec![],
        active: r.get(11)?,
        created_at: r.get(12)?,
        updated_at: r.get(13)?,
    })
}

fn with_deputies(conn: &Connection, mut s: Station) -> Result<Station> {
    let mut st =
        conn.prepare_cached("SELECT id, name FROM deputies WHERE station_id = ?1 AND active = 1 ORDER BY pinyin_key")?;
    s.deputies =
        st.query_map([s.id], |r| Ok(DeputyRef { id: r.get(0)?, name: r.get(1)? }))?.collect::<rusqlite::Result<_>>()?;
    Ok(s)
}

pub fn station_list(conn: &Connection, q: &StationQuery) -> Result<Page<Station>> {
    let mut wh = Vec::new();
    let mut args: Vec<SqlValue> = Vec::new();
    if !q.include_inactive.unwrap_or(false) {
        wh.push("active = 1".to_string());
    }
    if let Some(text) = q.q.as_deref().map(normalize_query).filter(|s| !s.is_empty()) {
        if is_pinyin_query(&text) {
            wh.push("initials LIKE ? ESCAPE '\\'".into());
            args.push(like_contains(&text).into());
        } else {
            wh.push(
                "(name LIKE ?1x ESCAPE '\\' OR township LIKE ?1x ESCAPE '\\' OR address LIKE ?1x ESCAPE '\\')".into(),
            );
            args.push(like_contains(&text).into());
        }
    }
    for (col, val) in [("kind", &q.kind), ("township", &q.township)] {
        if let Some(v) = val.as_deref().filter(|s| !s.is_empty()) {
            wh.push(format!("{col} = ?"));
            args.push(v.to_string().into());
        }
    }
    let where_sql = number_placeholders(&wh, &args);
    let dir = if q.desc.unwrap_or(false) { "DESC" } else { "ASC" };
    let order = match q.sort.as_deref().unwrap_or("name") {
        "township" => format!("township {dir}, pinyin_key"),
        "kind" => format!("kind {dir}, pinyin_key"),
        "updated" => format!("updated_at {}", if dir == "ASC" { "DESC" } else { "ASC" }),
        _ => format!("pinyin_key {dir}"),
    };
    let page = page_query(conn, STATION_SQL, "stations", &where_sql, &order, &args, q.page, q.page_size, station_row)?;
    let items = page.items.into_iter().map(|s| with_deputies(conn, s)).collect::<Result<Vec<_>>>()?;
    Ok(Page { items, ..page })
}

pub fn station_get(conn: &Connection, id: i64) -> Result<Station> {
    let s = conn
        .query_row(&format!("{STATION_SQL} WHERE id = ?1"), [id], station_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的联络站，请刷新列表。")))?;
    with_deputies(conn, s)
}

pub fn station_name_taken(conn: &Connection, name: &str, except: Option<i64>) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM stations WHERE name = ?1 AND id <> ?2)",
        params![name, except.unwrap_or(-1)],
        |r| r.get(0),
    )?)
}

fn days_text(s: &Schedule) -> String {
    s.days.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(",")
}

pub fn station_insert(conn: &Connection, s: &StationInput, uuid: &str) -> Result<i64> {
    let now = now_text();
    conn.execute(
        "INSERT INTO stations (uuid, name, kind, township, address, head, liaison, schedule_kind, schedule_days, notice_days,
            active, initials, pinyin_key, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1, ?11, ?12, ?13, ?13)",
        params![
            uuid, s.name, s.kind, s.township, s.address, s.head, s.liaison, s.schedule.kind, days_text(&s.schedule),
            s.schedule.notice_days, pinyin_forms(&s.name).0, pinyin_key(&s.name), now
        ],
    )?;
    let id = conn.last_insert_rowid();
    set_station_deputies(conn, id, &s.deputy_ids)?;
    Ok(id)
}

pub fn station_update(conn: &Connection, id: i64, s: &StationInput) -> Result<()> {
    conn.execute(
        "UPDATE stations SET name = ?2, kind = ?3, township = ?4, address = ?5, head = ?6, liaison = ?7, schedule_kind = ?8,
            schedule_days = ?9, notice_days = ?10, initials = ?11, pinyin_key = ?12, updated_at = ?13 WHERE id = ?1",
        params![
            id, s.name, s.kind, s.township, s.address, s.head, s.liaison, s.schedule.kind, days_text(&s.schedule),
            s.schedule.notice_days, pinyin_forms(&s.name).0, pinyin_key(&s.name), now_text()
        ],
    )?;
    set_station_deputies(conn, id, &s.deputy_ids)
}

/// 驻站代表 = the deputies whose 所属联络站 is this station: one fact, kept on the deputy.
fn set_station_deputies(conn: &Connection, station_id: i64, ids: &[i64]) -> Result<()> {
    for id in ids {
        let ok: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM deputies WHERE id = ?1)", [id], |r| r.get(0))?;
        if !ok {
            return Err(Error::field("deputy_ids", format!("编号为 {id} 的代表不存在，请重新选择驻站代表")));
        }
    }
    let list = ids.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(",");
    let now = now_text();
    conn.execute(
        &format!("UPDATE deputies SET station_id = NULL, updated_at = ?2 WHERE station_id = ?1 AND id NOT IN ({list})"),
        params![station_id, now],
    )?;
    if !ids.is_empty() {
        conn.execute(
            &format!(
                "UPDATE deputies SET station_id = ?1, updated_at = ?2 WHERE id IN ({list}) AND station_id IS NOT ?1"
            ),
            params![station_id, now],
        )?;
    }
    Ok(())
}

// ---------------------------------------------------------------- terms and sessions

/// Whether another term of this level already has this number.
pub fn term_number_taken(c: &Connection, level: &str, number: i64, except: Option<i64>) -> Result<bool> {
    Ok(c.query_row(
        "SELECT EXISTS (SELECT 1 FROM terms WHERE level = ?1 AND number = ?2 AND id <> ?3)",
        params![level, number, except.unwrap_or(-1)],
        |r| r.get(0),
    )?)
}

/// No term of this level is the current one any more (another is about to be).
pub fn term_clear_current(tx: &Connection, level: &str) -> Result<()> {
    tx.execute("UPDATE terms SET is_current = 0 WHERE level = ?1", [level])?;
    Ok(())
}

/// A term as the form writes it.
pub struct TermRow<'a> {
    pub level: &'a str,
    pub number: i64,
    pub name: &'a str,
    pub start_year: i64,
    pub end_year: i64,
    pub is_current: bool,
}

pub fn term_update_row(tx: &Connection, id: i64, t: &TermRow) -> Result<()> {
    tx.execute(
        "UPDATE terms SET level = ?2, number = ?3, name = ?4, start_year = ?5, end_year = ?6, is_current = ?7, updated_at = ?8 WHERE id = ?1",
        params![id, t.level, t.number, t.name, t.start_year, t.end_year, t.is_current, now_text()],
    )?;
    Ok(())
}

/// Inserts a term; returns its stable id.
pub fn term_insert_row(tx: &Connection, t: &TermRow) -> Result<String> {
    let uuid = uuid::Uuid::new_v4().to_string();
    tx.execute(
        "INSERT INTO terms (uuid, level, number, name, start_year, end_year, is_current, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![uuid, t.level, t.number, t.name, t.start_year, t.end_year, t.is_current, now_text()],
    )?;
    Ok(uuid)
}

/// A session as the form writes it.
pub struct SessionRow<'a> {
    pub number: i64,
    pub name: &'a str,
    pub start: Option<&'a str>,
    pub end: Option<&'a str>,
}

pub fn session_update_row(tx: &Connection, id: i64, s: &SessionRow) -> Result<()> {
    tx.execute(
        "UPDATE sessions SET number = ?2, name = ?3, start_date = ?4, end_date = ?5, updated_at = ?6 WHERE id = ?1",
        params![id, s.number, s.name, s.start, s.end, now_text()],
    )?;
    Ok(())
}

/// Inserts a session of a term; returns its id and stable id.
pub fn session_insert_row(tx: &Connection, term_id: i64, s: &SessionRow) -> Result<(i64, String)> {
    let uuid = uuid::Uuid::new_v4().to_string();
    tx.execute(
        "INSERT INTO sessions (uuid, term_id, number, name, start_date, end_date, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![uuid, term_id, s.number, s.name, s.start, s.end, now_text()],
    )?;
    Ok((tx.last_insert_rowid(), uuid))
}

pub fn term_list(conn: &Connection) -> Result<Vec<Term>> {
    let mut st = conn.prepare(
        "SELECT id, uuid, level, number, name, start_year, end_year, is_current FROM terms ORDER BY is_current DESC, start_year DESC, id",
    )?;
    let mut terms = st
        .query_map([], |r| {
            Ok(Term {
                id: r.get(0)?,
                uuid: r.get(1)?,
                level: r.get(2)?,
                number: r.get(3)?,
                name: r.get(4)?,
                start_year: r.get(5)?,
                end_year: r.get(6)?,
                is_current: r.get(7)?,
                sessions: vec![],
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut ss = conn.prepare(
        "SELECT id, uuid, term_id, number, name, start_date, end_date FROM sessions WHERE term_id = ?1 ORDER BY number",
    )?;
    for t in &mut terms {
        t.sessions = ss
            .query_map([t.id], |r| {
                Ok(Session {
                    id: r.get(0)?,
                    uuid: r.get(1)?,
                    term_id: r.get(2)?,
                    number: r.get(3)?,
                    name: r.get(4)?,
                    start_date: r.get(5)?,
                    end_date: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(terms)
}

/// The version of the name keys (pinyin with surname readings, 按姓氏笔画 by stroke order) that
/// this build writes. A database whose deputies carry older keys gets them recomputed at open.
pub const NAME_KEYS_VERSION: &str = "2";

/// Recomputes every deputy's initials, pinyin and sort keys when they were written by an older
/// rule (see [`NAME_KEYS_VERSION`]); one transaction, nothing else touched.
pub fn refresh_name_keys(conn: &Connection) -> Result<()> {
    let done = crate::settings::get(conn, crate::settings::NAME_KEYS)?;
    if done.as_deref() == Some(NAME_KEYS_VERSION) {
        return Ok(());
    }
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let run = || -> Result<()> {
        let rows: Vec<(i64, String)> = conn
            .prepare("SELECT id, name FROM deputies")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut up = conn.prepare(
            "UPDATE deputies SET initials = ?2, pinyin = ?3, pinyin_key = ?4, stroke_key = ?5 WHERE id = ?1",
        )?;
        for (id, name) in rows {
            let (initials, pinyin) = names::pinyin_forms(&name);
            up.execute(params![id, initials, pinyin, names::pinyin_key(&name), stroke_key(&name)])?;
        }
        crate::settings::set(conn, crate::settings::NAME_KEYS, NAME_KEYS_VERSION)?;
        Ok(())
    };
    match run() {
        Ok(()) => Ok(conn.execute_batch("COMMIT")?),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

// ---------------------------------------------------------------- records an import creates

/// The kind of a station an import names, read from its name.
pub fn guess_station_kind(name: &str) -> &'static str {
    if name.contains("之家") {
        "代表之家"
    } else if name.contains("立法联系点") {
        "立法联系点"
    } else if name.contains("行业") {
        "行业联络站"
    } else {
        "代表联络站"
    }
}

/// Creates a station a sheet names (no schedule or people yet: the secretary adds them later).
pub fn station_insert_named(tx: &Connection, name: &str, why: &str) -> Result<i64> {
    let input = super::model::validate_station(&StationInput {
        name: name.into(),
        kind: guess_station_kind(name).into(),
        ..Default::default()
    })?;
    let uuid = uuid::Uuid::new_v4().to_string();
    let id = station_insert(tx, &input, &uuid)?;
    crate::db::audit(tx, "station", Some(&uuid), "import_add", &format!("{why}新建联络站 {name}"), None, None)?;
    Ok(id)
}

/// Creates a unit a sheet names, its kind read from its name.
pub fn unit_insert_named(tx: &Connection, name: &str, why: &str) -> Result<i64> {
    let input =
        super::model::validate_unit(&UnitInput { name: name.into(), kind: String::new(), ..Default::default() })?;
    let uuid = uuid::Uuid::new_v4().to_string();
    let id = unit_insert(tx, &input, &uuid)?;
    crate::db::audit(tx, "unit", Some(&uuid), "import_add", &format!("{why}新建承办单位 {name}"), None, None)?;
    Ok(id)
}

/// A term an import will create: its level, number and the years it is taken to span.
#[derive(Debug, Clone, PartialEq)]
pub struct NewTerm {
    pub level: String,
    pub number: i64,
    pub start_year: i64,
}

impl NewTerm {
    pub fn name(&self) -> String {
        super::model::term_default_name(&self.level, self.number)
    }

    /// A term's years when a sheet gives none: five years a term, counted from a known term of
    /// the same level, else from a year the sheet shows.
    pub fn years_from(terms: &[Term], level: &str, number: i64, seen_year: Option<i64>) -> i64 {
        terms
            .iter()
            .filter(|t| t.level == level)
            .min_by_key(|t| (t.number - number).abs())
            .map(|t| t.start_year + 5 * (number - t.number))
            .or(seen_year)
            // nothing to count from: the nationwide elections of 2021 began most current terms
            .unwrap_or(2021 + 5 * (number - 18))
    }
}

/// Inserts a term an import names; the first of its level becomes the current one.
pub fn term_insert(tx: &Connection, t: &NewTerm, why: &str) -> Result<i64> {
    let now = now_text();
    let uuid = uuid::Uuid::new_v4().to_string();
    let has_current = current_terms(tx)?.iter().any(|c| c.level == t.level);
    tx.execute(
        "INSERT INTO terms (uuid, level, number, name, start_year, end_year, is_current, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![uuid, t.level, t.number, t.name(), t.start_year, t.start_year + 5, !has_current, now],
    )?;
    let id = tx.last_insert_rowid();
    crate::db::audit(
        tx,
        "term",
        Some(&uuid),
        "import_add",
        &format!("{why}新建届次 {}（{}—{}年，请核对）", t.name(), t.start_year, t.start_year + 5),
        None,
        None,
    )?;
    Ok(id)
}

/// Inserts a session an import names (its dates are entered afterwards in 设置 → 届次与会次).
pub fn session_insert_named(tx: &Connection, term_id: i64, number: i64, why: &str) -> Result<i64> {
    let term_name: String = tx.query_row("SELECT name FROM terms WHERE id = ?1", [term_id], |r| r.get(0))?;
    let name = format!("{term_name}第{}次会议", crate::text::chinese_number(number));
    let uuid = uuid::Uuid::new_v4().to_string();
    tx.execute(
        "INSERT INTO sessions (uuid, term_id, number, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![uuid, term_id, number, name, now_text()],
    )?;
    let id = tx.last_insert_rowid();
    crate::db::audit(
        tx,
        "session",
        Some(&uuid),
        "import_add",
        &format!("{why}新建会次 {name}（开幕、闭幕日期待填）"),
        None,
        None,
    )?;
    Ok(id)
}

// ---------------------------------------------------------------- lookups the other areas use
// Each fact of the roster that another area needs is read here, once; the other areas call these
// instead of querying the roster's tables.

/// Every deputy by name; a name can be several people.
pub fn deputies_by_name(c: &Connection) -> Result<HashMap<String, Vec<i64>>> {
    let mut deputies: HashMap<String, Vec<i64>> = HashMap::new();
    for r in c.prepare("SELECT id, name FROM deputies")?.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?)))? {
        let (id, name): (i64, String) = r?;
        deputies.entry(name).or_default().push(id);
    }
    Ok(deputies)
}

/// A deputy's name; `None` when there is no such deputy.
pub fn deputy_name(c: &Connection, id: i64) -> Result<Option<String>> {
    Ok(c.query_row("SELECT name FROM deputies WHERE id = ?1", [id], |r| r.get(0)).optional()?)
}

/// A deputy's stable id.
pub fn deputy_uuid(c: &Connection, id: i64) -> Result<String> {
    Ok(c.query_row("SELECT uuid FROM deputies WHERE id = ?1", [id], |r| r.get(0))?)
}

/// Whether a deputy is active; `None` when there is no such deputy.
pub fn deputy_active(c: &Connection, id: i64) -> Result<Option<bool>> {
    Ok(c.query_row("SELECT active FROM deputies WHERE id = ?1", [id], |r| r.get(0)).optional()?)
}

/// Every deputy's stable id by local id (upward packages).
pub fn deputy_uuids(c: &Connection) -> Result<HashMap<i64, String>> {
    Ok(c.prepare("SELECT id, uuid FROM deputies")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Every unit's id and name, oldest first.
pub fn unit_names(c: &Connection) -> Result<Vec<(i64, String)>> {
    Ok(c.prepare("SELECT id, name FROM units ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// A unit's name and whether it is still in use.
pub fn unit_name_active(c: &Connection, unit: i64) -> Result<(String, bool)> {
    Ok(c.query_row("SELECT name, active FROM units WHERE id = ?1", [unit], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// A unit's name; `None` when there is no such unit.
pub fn unit_name(c: &Connection, unit: i64) -> Result<Option<String>> {
    Ok(c.query_row("SELECT name FROM units WHERE id = ?1", [unit], |r| r.get(0)).optional()?)
}

/// A station's name; `None` when there is no such station.
pub fn station_name(c: &Connection, id: i64) -> Result<Option<String>> {
    Ok(c.query_row("SELECT name FROM stations WHERE id = ?1", [id], |r| r.get(0)).optional()?)
}

/// Every station's stable id by local id (upward packages).
pub fn station_uuids(c: &Connection) -> Result<HashMap<i64, String>> {
    Ok(c.prepare("SELECT id, uuid FROM stations")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// How many days ahead each active station announces its reception days.
pub fn station_notice_days(c: &Connection) -> Result<HashMap<i64, i64>> {
    Ok(c.prepare("SELECT id, notice_days FROM stations WHERE active = 1")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// A session's term; `None` when there is no such session.
pub fn session_term(c: &Connection, session: i64) -> Result<Option<i64>> {
    Ok(c.query_row("SELECT term_id FROM sessions WHERE id = ?1", [session], |r| r.get(0)).optional()?)
}

/// A session's name, opening and closing dates.
pub type SessionDates = (String, Option<String>, Option<String>);

/// A session's name and dates; `None` when there is no such session.
pub fn session_dates(c: &Connection, id: i64) -> Result<Option<SessionDates>> {
    Ok(c.query_row("SELECT name, start_date, end_date FROM sessions WHERE id = ?1", [id], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })
    .optional()?)
}

/// A term's first year; `None` when there is no such term.
pub fn term_start_year(c: &Connection, term: i64) -> Result<Option<i64>> {
    Ok(c.query_row("SELECT start_year FROM terms WHERE id = ?1", [term], |r| r.get(0)).optional()?)
}

/// A current term: at most one per level.
pub struct CurrentTerm {
    pub id: i64,
    pub level: String,
    pub start_year: i64,
}

/// The current terms, a county's first: the one reading of "the current term".
pub fn current_terms(c: &Connection) -> Result<Vec<CurrentTerm>> {
    Ok(c.prepare("SELECT id, level, start_year FROM terms WHERE is_current = 1 ORDER BY level = '县' DESC, id")?
        .query_map([], |r| Ok(CurrentTerm { id: r.get(0)?, level: r.get(1)?, start_year: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The current term a 闭会期间 suggestion belongs to (a county's before a township's).
pub fn current_term(c: &Connection) -> Result<Option<i64>> {
    Ok(current_terms(c)?.first().map(|t| t.id))
}

/// The first year of the current terms.
pub fn current_term_start(c: &Connection) -> Result<Option<i64>> {
    Ok(current_terms(c)?.iter().map(|t| t.start_year).min())
}

/// The start of the latest session that has begun by `today`.
pub fn latest_session_start(c: &Connection, today: &str) -> Result<Option<String>> {
    Ok(c.query_row("SELECT max(start_date) FROM sessions WHERE start_date <= ?1", [today], |r| r.get(0))?)
}
