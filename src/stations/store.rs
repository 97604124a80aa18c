//! SQL of 一档四簿: the archive, attachments, the register entries with their deputies and search
//! index, the filters shared by the pages and the exports, and the station figures' one pass.

use std::collections::HashMap;

use chrono::NaiveDate;

use rusqlite::types::{Value as SqlValue, ValueRef as SqlValueRef};
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use super::model::*;
use crate::common::{like_contains, number_placeholders, paging, Page};
use crate::db::now_text;
use crate::error::{Error, Result};
use crate::excel::write::Value;

// ------------------------------------------------------------------ 一档

pub fn archive_insert(c: &Connection, a: &ArchiveInput, uuid: &str, now: &str) -> Result<i64> {
    c.execute(
        "INSERT INTO station_archive (uuid, station_id, category, date, title, body, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![uuid, a.station_id, a.category, a.date, a.title, a.body, now],
    )?;
    Ok(c.last_insert_rowid())
}

pub fn archive_update(c: &Connection, id: i64, a: &ArchiveInput, now: &str) -> Result<()> {
    c.execute(
        "UPDATE station_archive SET category = ?2, date = ?3, title = ?4, body = ?5, updated_at = ?6 WHERE id = ?1",
        params![id, a.category, a.date, a.title, a.body, now],
    )?;
    Ok(())
}

pub fn archive_list(c: &Connection, station_id: i64, data_dir: &std::path::Path) -> Result<Vec<ArchiveItem>> {
    let mut st = c.prepare(
        "SELECT id, uuid, station_id, category, date, title, body, active, updated_at FROM station_archive
          WHERE station_id = ?1 AND active = 1 ORDER BY date DESC, id DESC",
    )?;
    let mut items: Vec<ArchiveItem> = st
        .query_map([station_id], |r| {
            Ok(ArchiveItem {
                id: r.get(0)?,
                uuid: r.get(1)?,
                station_id: r.get(2)?,
                category: r.get(3)?,
                date: r.get(4)?,
                title: r.get(5)?,
                body: r.get(6)?,
                attachments: vec![],
                active: r.get(7)?,
                updated_at: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    for it in &mut items {
        it.attachments = attachments(c, "archive", it.id, data_dir)?;
    }
    Ok(items)
}

pub fn archive_get(c: &Connection, id: i64, data_dir: &std::path::Path) -> Result<ArchiveItem> {
    let station: i64 = c
        .query_row("SELECT station_id FROM station_archive WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的档案，请刷新页面。")))?;
    archive_list(c, station, data_dir)?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| Error::NotFound("这份档案已删除。".into()))
}

pub fn attachments(c: &Connection, kind: &str, owner: i64, data_dir: &std::path::Path) -> Result<Vec<Attachment>> {
    let mut st = c.prepare_cached(
        "SELECT id, file_name, size, sha256 FROM attachments WHERE owner_kind = ?1 AND owner_id = ?2 ORDER BY id",
    )?;
    let rows = st
        .query_map(params![kind, owner], |r| {
            let sha: String = r.get(3)?;
            Ok(Attachment {
                id: r.get(0)?,
                file_name: r.get(1)?,
                size: r.get(2)?,
                path: crate::db::attachment_path(data_dir, &sha).display().to_string(),
                sha256: sha,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

// ------------------------------------------------------------------ 四簿

const ENTRY_SQL: &str = "SELECT e.id, e.uuid, e.station_id, st.name, e.book, e.date, e.title, e.body, e.kind, e.place, e.organizer,
        e.recorder, e.public_count, e.opinion_count, e.person_name, e.village, e.phone, e.category, e.handling, e.transfer_unit,
        e.deadline, e.result, e.feedback_date, e.rating, e.district, e.voters_present, e.votes_satisfied, e.votes_basic,
        e.votes_unsatisfied, e.comments, e.number, e.source_id, e.suggestion_id, e.active, e.updated_at
   FROM register_entries e JOIN stations st ON st.id = e.station_id";

fn entry_row(r: &Row) -> rusqlite::Result<Entry> {
    Ok(Entry {
        id: r.get(0)?,
        uuid: r.get(1)?,
        station_id: r.get(2)?,
        station: r.get(3)?,
        book: r.get(4)?,
        date: r.get(5)?,
        title: r.get(6)?,
        body: r.get(7)?,
        kind: r.get(8)?,
        place: r.get(9)?,
        organizer: r.get(10)?,
        recorder: r.get(11)?,
        public_count: r.get(12)?,
        opinion_count: r.get(13)?,
        person_name: r.get(14)?,
        village: r.get(15)?,
        phone: r.get(16)?,
        category: r.get(17)?,
        handling: r.get(18)?,
        transfer_unit: r.get(19)?,
        deadline: r.get(20)?,
        result: r.get(21)?,
        feedback_date: r.get(22)?,
        rating: r.get(23)?,
        district: r.get(24)?,
        voters_present: r.get(25)?,
        votes_satisfied: r.get(26)?,
        votes_basic: r.get(27)?,
        votes_unsatisfied: r.get(28)?,
        comments: r.get(29)?,
        number: r.get(30)?,
        source_id: r.get(31)?,
        suggestion_id: r.get(32)?,
        active: r.get(33)?,
        updated_at: r.get(34)?,
        deputies: vec![],
        attachments: vec![],
        link: None,
    })
}

pub fn insert_entry(c: &Connection, e: &EntryInput, uuid: &str, number: Option<i64>, now: &str) -> Result<i64> {
    let id = insert_entry_unindexed(c, e, uuid, number, now)?;
    set_search(c, id, e, false)?;
    Ok(id)
}

/// Inserts many entries, then their search rows. Not one by one: every statement on the
/// registers opens a savepoint (the figure triggers of 0008 make it one that may need undoing),
/// and at each savepoint FTS5 writes out what it holds — a one-row segment per entry, merged
/// over and over. Written last, the search rows are flushed once.
pub fn insert_entries(c: &Connection, rows: &[(&EntryInput, String, Option<i64>)], now: &str) -> Result<()> {
    let mut ids = Vec::with_capacity(rows.len());
    for (e, uuid, number) in rows {
        ids.push(insert_entry_unindexed(c, e, uuid, *number, now)?);
    }
    for ((e, _, _), id) in rows.iter().zip(ids) {
        set_search(c, id, e, false)?;
    }
    Ok(())
}

/// The entry and its deputies, without its search row (the caller adds it).
fn insert_entry_unindexed(c: &Connection, e: &EntryInput, uuid: &str, number: Option<i64>, now: &str) -> Result<i64> {
    c.prepare_cached(
        "INSERT INTO register_entries (uuid, station_id, book, date, title, body, kind, place, organizer, recorder, public_count,
            opinion_count, person_name, village, phone, category, handling, transfer_unit, deadline, result, feedback_date, rating,
            district, voters_present, votes_satisfied, votes_basic, votes_unsatisfied, comments, number, source_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25,
            ?26, ?27, ?28, ?29, ?30, ?31, ?31)",
    )?
    .execute(params![
        uuid, e.station_id, e.book, e.date, e.title, e.body, e.kind, e.place, e.organizer, e.recorder, e.public_count, e.opinion_count,
        e.person_name, e.village, e.phone, e.category, e.handling, e.transfer_unit, e.deadline, e.result, e.feedback_date, e.rating,
        e.district, e.voters_present, e.votes_satisfied, e.votes_basic, e.votes_unsatisfied, e.comments, number, e.source_id, now
    ])?;
    let id = c.last_insert_rowid();
    set_deputies(c, id, e, false)?;
    Ok(id)
}

pub fn update_entry(c: &Connection, id: i64, e: &EntryInput, now: &str) -> Result<()> {
    c.execute(
        "UPDATE register_entries SET date = ?2, title = ?3, body = ?4, kind = ?5, place = ?6, organizer = ?7, recorder = ?8,
            public_count = ?9, opinion_count = ?10, person_name = ?11, village = ?12, phone = ?13, category = ?14, handling = ?15,
            transfer_unit = ?16, deadline = ?17, result = ?18, feedback_date = ?19, rating = ?20, district = ?21, voters_present = ?22,
            votes_satisfied = ?23, votes_basic = ?24, votes_unsatisfied = ?25, comments = ?26, updated_at = ?27 WHERE id = ?1",
        params![
            id, e.date, e.title, e.body, e.kind, e.place, e.organizer, e.recorder, e.public_count, e.opinion_count, e.person_name, e.village,
            e.phone, e.category, e.handling, e.transfer_unit, e.deadline, e.result, e.feedback_date, e.rating, e.district, e.voters_present,
            e.votes_satisfied, e.votes_basic, e.votes_unsatisfied, e.comments, now
        ],
    )?;
    set_deputies(c, id, e, true)?;
    set_search(c, id, e, true)?;
    Ok(())
}

fn set_deputies(c: &Connection, id: i64, e: &EntryInput, replace: bool) -> Result<()> {
    if replace {
        c.prepare_cached("DELETE FROM register_deputies WHERE entry_id = ?1")?.execute([id])?;
    }
    let mut ins = c.prepare_cached("INSERT INTO register_deputies (entry_id, deputy_id, role) VALUES (?1, ?2, ?3)")?;
    for (ids, role) in [(&e.present_ids, "present"), (&e.leave_ids, "leave"), (&e.absent_ids, "absent")] {
        for d in ids {
            ins.execute(params![id, d, role])?;
        }
    }
    Ok(())
}

/// The text an entry is found by: its title, text, place, unit and result (never the private fields).
pub fn search_text(e: &EntryInput) -> String {
    [&e.title, &e.body, &e.place, &e.category, &e.transfer_unit, &e.result, &e.comments]
        .iter()
        .filter_map(|v| v.as_deref())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The station's own token, indexed with the text: a search within one station's registers is
/// answered by the index alone (`zst12 AND "路灯"`) instead of by every station's matches.
fn station_token(station_id: i64) -> String {
    format!("zst{station_id}")
}

/// What the search index holds for an entry: its text as character pairs, and its station.
pub fn search_pairs(station_id: i64, e: &EntryInput) -> String {
    format!("{} {}", crate::text::char_pairs(&search_text(e)), station_token(station_id))
}

fn set_search(c: &Connection, id: i64, e: &EntryInput, replace: bool) -> Result<()> {
    if replace {
        c.prepare_cached("DELETE FROM register_search WHERE rowid = ?1")?.execute([id])?;
    }
    c.prepare_cached("INSERT INTO register_search (rowid, pairs) VALUES (?1, ?2)")?
        .execute(params![id, search_pairs(e.station_id, e)])?;
    Ok(())
}

pub fn period(year: Option<i64>, from: &Option<String>, to: &Option<String>) -> (Option<String>, Option<String>) {
    match year {
        Some(y) => (Some(format!("{y}-01-01")), Some(format!("{y}-12-31"))),
        None => (from.clone().filter(|s| !s.is_empty()), to.clone().filter(|s| !s.is_empty())),
    }
}

/// WHERE and values of a register query: one place for the pages and the exports.
pub fn filter(q: &EntryQuery) -> (String, Vec<SqlValue>) {
    let mut wh: Vec<String> = vec!["e.active = 1".into()];
    let mut args: Vec<SqlValue> = Vec::new();
    if let Some(s) = q.station_id {
        wh.push("e.station_id = ?".into());
        args.push(s.into());
    }
    if let Some(b) = q.book.as_deref().filter(|b| !b.is_empty()) {
        wh.push("e.book = ?".into());
        args.push(b.to_string().into());
    }
    let (from, to) = period(q.year, &q.from, &q.to);
    if let Some(f) = from {
        wh.push("e.date >= ?".into());
        args.push(f.into());
    }
    if let Some(t) = to {
        wh.push("e.date <= ?".into());
        args.push(t.into());
    }
    if let Some(k) = q.kind.as_deref().filter(|k| !k.is_empty()) {
        wh.push("e.kind = ?".into());
        args.push(k.to_string().into());
    }
    if let Some(d) = q.deputy_id {
        wh.push("e.id IN (SELECT entry_id FROM register_deputies WHERE deputy_id = ?)".into());
        args.push(d.into());
    }
    if q.open_only.unwrap_or(false) {
        // from the partial index of open loops (a station's few hundred), not by reading each of
        // its ~10,000 contacts to check the handling (~60 ms cold at a large county's size)
        wh.push(format!(
            "e.id IN (SELECT id FROM register_entries INDEXED BY register_open WHERE book = 'contact' AND active = 1
               AND handling IS NOT NULL AND handling <> '{ON_THE_SPOT}' AND feedback_date IS NULL{})",
            if q.station_id.is_some() { " AND station_id = ?" } else { "" }
        ));
        if let Some(s) = q.station_id {
            args.push(s.into());
        }
    }
    if let Some(text) = q.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        match crate::text::pairs_query(text) {
            Some(m) => {
                wh.push("e.id IN (SELECT rowid FROM register_search WHERE register_search MATCH ?)".into());
                args.push(
                    match q.station_id {
                        Some(s) => format!("{} AND {m}", station_token(s)),
                        None => m,
                    }
                    .into(),
                );
            }
            None => {
                wh.push("(e.title LIKE ?1x ESCAPE '\\' OR e.body LIKE ?1x ESCAPE '\\')".into());
                args.push(like_contains(text).into());
            }
        }
    }
    (number_placeholders(&wh, &args), args)
}

pub fn list(
    c: &Connection,
    q: &EntryQuery,
    number_format: &dyn Fn(i64) -> String,
    data_dir: &std::path::Path,
) -> Result<Page<Entry>> {
    let (where_sql, args) = filter(q);
    let (page, size) = paging(q.page, q.page_size);
    let total: i64 = c.query_row(
        &format!("SELECT count(*) FROM register_entries e {where_sql}"),
        params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let dir = if q.desc.unwrap_or(true) { "DESC" } else { "ASC" };
    let limit = if size == 0 { String::new() } else { format!("LIMIT {size} OFFSET {}", (page - 1) * size) };
    let mut st = c.prepare(&format!("{ENTRY_SQL} {where_sql} ORDER BY e.date {dir}, e.id {dir} {limit}"))?;
    let mut items: Vec<Entry> =
        st.query_map(params_from_iter(args.iter()), entry_row)?.collect::<rusqlite::Result<_>>()?;
    complete(c, &mut items, number_format, data_dir)?;
    Ok(Page { total, page, page_size: size, items })
}

/// One printed column of a register: a column of the entry, or its deputies' names in a role.
#[derive(Debug, Clone, Copy)]
pub enum PrintCell<'a> {
    Text(&'a str),
    Int(&'a str),
    Names(&'a str),
}

/// The query of `print_rows` and its values: the entry's id, a deputy's role and id (null for an
/// entry with none), then the printed columns. In the index's date order, from `register_book`
/// alone (migration 0010 carries the printed columns), and an entry's deputies next to each
/// other (the join's inner loop, in the order of their key).
pub fn print_sql(q: &EntryQuery, cells: &[PrintCell]) -> (String, Vec<SqlValue>) {
    let (where_sql, args) = filter(q);
    let columns: Vec<&str> = cells
        .iter()
        .filter_map(|p| match p {
            PrintCell::Text(col) | PrintCell::Int(col) => Some(*col),
            PrintCell::Names(_) => None,
        })
        .collect();
    let sql = format!(
        "SELECT e.id, x.role, x.deputy_id, e.{}
           FROM register_entries e LEFT JOIN register_deputies x ON x.entry_id = e.id {where_sql} ORDER BY e.date",
        columns.join(", e.")
    );
    (sql, args)
}

/// The rows of a query as a register prints them, in date order: only the printed columns,
/// straight into cells (no entry, no copies), the deputies joined in the same pass (one row per
/// deputy, the entry's columns read from its first): no subquery per entry, whose cursor,
/// descent and `group_concat` to parse cost a fifth of the reading. Their names are read once
/// per deputy. The ties of a date by id in Rust (already in order, so one pass), because SQLite
/// would pass every row, text and all, through a sorter for them.
pub fn print_rows(c: &Connection, q: &EntryQuery, cells: &[PrintCell]) -> Result<Vec<Vec<Value>>> {
    let (sql, args) = print_sql(q, cells);
    let date_at = cells.iter().position(|p| matches!(p, PrintCell::Text("date")));
    let mut names = DeputyNames { st: c.prepare("SELECT name FROM deputies WHERE id = ?1")?, known: HashMap::new() };
    let mut st = c.prepare(&sql)?;
    let mut found = st.query(params_from_iter(args.iter()))?;
    let mut rows: Vec<(i64, Vec<Value>)> = Vec::new();
    // where each entry's row is, should a plan ever part an entry's deputies (a sorter by date)
    let mut at: HashMap<i64, usize> = HashMap::new();
    while let Some(r) = found.next()? {
        let id: i64 = r.get(0)?;
        let i = match rows.last() {
            Some((last, _)) if *last == id => rows.len() - 1,
            _ => match at.get(&id) {
                Some(i) => *i,
                None => {
                    at.insert(id, rows.len());
                    rows.push((id, print_row(r, cells)?));
                    rows.len() - 1
                }
            },
        };
        // the role compared as it is stored (no copy)
        if let (SqlValueRef::Text(role), Some(deputy)) = (r.get_ref(1)?, r.get::<_, Option<i64>>(2)?) {
            names.add(&mut rows[i].1, cells, role, deputy)?;
        }
    }
    rows.sort_by(|a, b| print_key(date_at, a).cmp(&print_key(date_at, b)));
    Ok(rows.into_iter().map(|(_, v)| v).collect())
}

/// Deputies' names by id, each read once: a station's register names the same few deputies
/// over and over, and a lookup per entry cost as much as reading the entry.
struct DeputyNames<'c> {
    st: rusqlite::Statement<'c>,
    known: HashMap<i64, Option<String>>,
}

impl DeputyNames<'_> {
    /// Adds the deputy's name to the row's cell of `role`, after a 、 (one not in the roster,
    /// which the keys forbid, is left out).
    fn add(&mut self, row: &mut [Value], cells: &[PrintCell], role: &[u8], id: i64) -> rusqlite::Result<()> {
        let Some(at) = cells.iter().position(|p| matches!(p, PrintCell::Names(r) if r.as_bytes() == role)) else {
            return Ok(());
        };
        if !self.known.contains_key(&id) {
            let name = self.st.query_row([id], |r| r.get(0)).optional()?;
            self.known.insert(id, name);
        }
        if let (Some(Some(name)), Some(Value::Text(out))) = (self.known.get(&id), row.get_mut(at)) {
            if !out.is_empty() {
                out.push('、');
            }
            out.push_str(name);
        }
        Ok(())
    }
}

/// What a printed register is sorted by: the date, then the id.
fn print_key(date_at: Option<usize>, (id, v): &(i64, Vec<Value>)) -> (&str, i64) {
    match date_at.map(|i| &v[i]) {
        Some(Value::Text(d)) => (d, *id),
        _ => ("", *id),
    }
}

/// The cells of one row of `print_rows` (the columns from 3 on), its names left empty for the
/// deputies to fill in.
fn print_row(r: &Row, cells: &[PrintCell]) -> rusqlite::Result<Vec<Value>> {
    let mut at = 3;
    let mut v = Vec::with_capacity(cells.len());
    for cell in cells {
        v.push(match cell {
            PrintCell::Names(_) => Value::Text(String::new()),
            PrintCell::Text(_) => {
                at += 1;
                Value::from(r.get::<_, Option<String>>(at - 1)?)
            }
            PrintCell::Int(_) => {
                at += 1;
                r.get::<_, Option<i64>>(at - 1)?.map(Value::Int).unwrap_or(Value::Empty)
            }
        });
    }
    Ok(v)
}

pub fn get(
    c: &Connection,
    id: i64,
    number_format: &dyn Fn(i64) -> String,
    data_dir: &std::path::Path,
) -> Result<Entry> {
    let e = c
        .query_row(&format!("{ENTRY_SQL} WHERE e.id = ?1"), [id], entry_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的登记，请刷新页面。")))?;
    let mut v = vec![e];
    complete(c, &mut v, number_format, data_dir)?;
    Ok(v.pop().expect("one entry"))
}

/// The deputies of a page of entries, and where each contact / opinion's loop stands.
fn complete(
    c: &Connection,
    items: &mut [Entry],
    number_format: &dyn Fn(i64) -> String,
    data_dir: &std::path::Path,
) -> Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    let ids = items.iter().map(|e| e.id.to_string()).collect::<Vec<_>>().join(",");
    let mut deps = entry_deputies(c, &ids)?;
    let opinion_of = opinions_of(c, &ids)?;
    let sugg_ids: Vec<String> = items
        .iter()
        .filter_map(|e| e.suggestion_id.or_else(|| opinion_of.get(&e.id).and_then(|o| o.2)))
        .map(|i| i.to_string())
        .collect();
    let sugg = suggestions_of(c, &sugg_ids)?;
    let mut files = entry_files(c, &ids, data_dir)?;
    for e in items.iter_mut() {
        e.deputies = deps.remove(&e.id).unwrap_or_default();
        e.attachments = files.remove(&e.id).unwrap_or_default();
        if e.book != "contact" && e.book != "opinion" {
            continue;
        }
        e.link = Some(loop_state(e, &opinion_of, &sugg, number_format));
    }
    Ok(())
}

/// The deputies of the entries `ids` (a comma-separated list), by entry.
fn entry_deputies(c: &Connection, ids: &str) -> Result<HashMap<i64, Vec<EntryDeputy>>> {
    let mut deps: HashMap<i64, Vec<EntryDeputy>> = HashMap::new();
    let mut st = c.prepare(&format!(
        "SELECT x.entry_id, d.id, d.name, x.role FROM register_deputies x JOIN deputies d ON d.id = x.deputy_id
          WHERE x.entry_id IN ({ids}) ORDER BY x.role DESC, d.pinyin_key"
    ))?;
    for r in st
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, EntryDeputy { id: r.get(1)?, name: r.get(2)?, role: r.get(3)? })))?
    {
        let (e, d) = r?;
        deps.entry(e).or_default().push(d);
    }
    Ok(deps)
}

/// An opinion made from an entry: its id, number and suggestion.
type OpinionOf = (i64, Option<i64>, Option<i64>);

/// Contact → its opinion (the first made from it); opinion → its suggestion.
fn opinions_of(c: &Connection, ids: &str) -> Result<HashMap<i64, OpinionOf>> {
    let mut opinion_of: HashMap<i64, OpinionOf> = HashMap::new();
    let mut st = c.prepare(&format!(
        "SELECT source_id, id, number, suggestion_id FROM register_entries WHERE source_id IN ({ids}) AND active = 1 ORDER BY id DESC"
    ))?;
    for r in st.query_map([], |r| Ok((r.get::<_, i64>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))? {
        let (src, o) = r?;
        opinion_of.insert(src, o);
    }
    Ok(opinion_of)
}

/// A suggestion's number, state, reply date, reply class, latest result and latest reply's text.
type Sugg = (Option<i64>, String, Option<String>, Option<String>, Option<String>, Option<String>);

fn suggestions_of(c: &Connection, sugg_ids: &[String]) -> Result<HashMap<i64, Sugg>> {
    let mut sugg: HashMap<i64, Sugg> = HashMap::new();
    if !sugg_ids.is_empty() {
        let mut st = c.prepare(&format!(
            "SELECT s.id, s.number, s.state, s.reply_date, s.reply_class, s.latest_result,
                    (SELECT coalesce(r.text, r.done_items) FROM suggestion_replies r WHERE r.suggestion_id = s.id
                      ORDER BY r.round DESC, r.id DESC LIMIT 1)
               FROM suggestions s WHERE s.id IN ({})",
            sugg_ids.join(",")
        ))?;
        for r in st.query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))
        })? {
            let (id, s) = r?;
            sugg.insert(id, s);
        }
    }
    Ok(sugg)
}

/// The attachments of the entries `ids`, by entry.
fn entry_files(c: &Connection, ids: &str, data_dir: &std::path::Path) -> Result<HashMap<i64, Vec<Attachment>>> {
    let mut files: HashMap<i64, Vec<Attachment>> = HashMap::new();
    let mut st = c.prepare(&format!("SELECT owner_id, id, file_name, size, sha256 FROM attachments WHERE owner_kind = 'register' AND owner_id IN ({ids}) ORDER BY id"))?;
    for r in st.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, String>(4)?,
        ))
    })? {
        let (owner, id, file_name, size, sha) = r?;
        files.entry(owner).or_default().push(Attachment {
            id,
            file_name,
            size,
            path: crate::db::attachment_path(data_dir, &sha).display().to_string(),
            sha256: sha,
        });
    }
    Ok(files)
}

/// Where a contact / opinion's loop stands.
fn loop_state(
    e: &Entry,
    opinion_of: &HashMap<i64, OpinionOf>,
    sugg: &HashMap<i64, Sugg>,
    number_format: &dyn Fn(i64) -> String,
) -> LoopState {
    let (opinion_id, opinion_number, suggestion_id) = match e.book.as_str() {
        "opinion" => (Some(e.id), e.number, e.suggestion_id),
        _ => match opinion_of.get(&e.id) {
            Some((o, n, s)) => (Some(*o), *n, *s),
            None => (None, None, None),
        },
    };
    let s = suggestion_id.and_then(|i| sugg.get(&i));
    let closed = e.book == "contact" && e.feedback_date.is_some();
    let replied = s.is_some_and(|s| s.2.is_some()) || e.result.is_some() && e.book == "contact";
    let stage = if e.book == "opinion" {
        loop_stage(
            None,
            true,
            s.map(|s| s.1.as_str()),
            s.is_some_and(|s| s.2.is_some()),
            e.rating.is_some() && s.is_some_and(|s| s.2.is_some()),
        )
    } else {
        loop_stage(e.handling.as_deref(), opinion_id.is_some(), s.map(|s| s.1.as_str()), replied, closed)
    };
    LoopState {
        opinion_id: if e.book == "contact" { opinion_id } else { None },
        opinion_number: opinion_number.map(|n| format!("第{n}号")),
        suggestion_id,
        suggestion_number: s.map(|s| s.0.map(number_format).unwrap_or_else(|| "未立案".into())),
        suggestion_state: s.map(|s| s.1.clone()),
        reply_date: s.and_then(|s| s.2.clone()),
        reply_class: s.and_then(|s| s.3.clone()),
        suggestion_rating: s.and_then(|s| s.4.clone()),
        reply_text: s.and_then(|s| s.5.clone()),
        closed,
        stage: stage.into(),
    }
}

pub fn next_opinion_number(c: &Connection, station_id: i64, year: &str) -> Result<i64> {
    Ok(c.query_row(
        "SELECT COALESCE(max(number), 0) + 1 FROM register_entries WHERE book = 'opinion' AND station_id = ?1 AND substr(date, 1, 4) = ?2",
        params![station_id, year],
        |r| r.get(0),
    )?)
}

/// Each 活动类型 and the points rule it earns, in the order of the activity book's kinds.
pub fn activity_points(c: &Connection) -> Result<Vec<(String, Option<String>)>> {
    let mut st = c.prepare_cached("SELECT kind, points_kind FROM activity_points")?;
    let mut all: Vec<(String, Option<String>)> =
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    all.sort_by_key(|(k, _)| ACTIVITY_KINDS.iter().position(|x| x == k));
    Ok(all)
}

/// The figures of a period, summed from the per-day rows that migration 0008's triggers keep
/// beside the registers (DOMAIN.md §3 defines what each counts): a range of the table's primary key,
/// never the entries themselves.
pub const FIGURES_SQL: &str =
    "SELECT station_id, sum(activities), sum(public_count), sum(deputy_visits), sum(contacts),
        sum(on_spot), sum(transferred), sum(closed), sum(opinions)
   FROM register_day_figures WHERE date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR station_id = ?3) GROUP BY station_id";

/// Each deputy's register counts of a period, summed from the per-day rows that migration 0009's
/// triggers keep (the deputy present: activities of 视察 · 调研 · 执法检查, 接待选民, 述职, and the
/// days with any activity).
pub const DEPUTY_COUNTS_SQL: &str =
    "SELECT deputy_id, sum(inspections), sum(receptions), sum(reports), sum(activities > 0)
   FROM register_deputy_days WHERE date BETWEEN ?1 AND ?2 GROUP BY deputy_id";

/// The deputies who received constituents at the station (联系群众, 方式 进站接待) on a day when
/// no activity records them present, once per station, day and deputy: the 进站代表人次 that an
/// office keeping only the contact book would otherwise never see. Read along `register_figures`
/// (book, date) for the period's contacts.
const CONTACT_VISITS_SQL: &str = "SELECT e.station_id, count(DISTINCT e.date || '/' || x.deputy_id)
   FROM register_entries e JOIN register_deputies x ON x.entry_id = e.id AND x.role = 'present'
  WHERE e.book = 'contact' AND e.date BETWEEN ?1 AND ?2 AND e.active = 1 AND e.kind = ?4
    AND (?3 IS NULL OR e.station_id = ?3)
    AND NOT EXISTS (SELECT 1 FROM register_entries a JOIN register_deputies y ON y.entry_id = a.id
                     WHERE a.station_id = e.station_id AND a.book = 'activity' AND a.date = e.date AND a.active = 1
                       AND y.deputy_id = x.deputy_id AND y.role = 'present')
  GROUP BY e.station_id";

/// The station figures of a period, one row per station (DOMAIN.md §3).
pub fn figures(
    c: &Connection,
    from: Option<&str>,
    to: Option<&str>,
    station_id: Option<i64>,
) -> Result<Vec<StationFigures>> {
    let from = from.unwrap_or("0000-01-01");
    let to = to.unwrap_or("9999-12-31");
    let mut by: HashMap<i64, StationFigures> = HashMap::new();
    let mut st = c.prepare_cached(FIGURES_SQL)?;
    for r in st.query_map(params![from, to, station_id], |r| {
        let n = |i: usize| r.get::<_, i64>(i);
        let f = StationFigures {
            activities: n(1)?,
            people_received: n(2)? + n(4)?,
            deputy_visits: n(3)?,
            answered_on_spot: n(5)?,
            transferred: n(6)?,
            closed: n(7)?,
            opinions: n(8)?,
            ..Default::default()
        };
        Ok((n(0)?, f))
    })? {
        let (s, f) = r?;
        by.insert(s, f);
    }
    let mut st = c.prepare_cached(CONTACT_VISITS_SQL)?;
    for r in
        st.query_map(params![from, to, station_id, AT_THE_STATION], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
    {
        let (s, n) = r?;
        by.entry(s).or_default().deputy_visits += n;
    }
    // every active station appears, with zeros where nothing happened; an inactive one when it
    // has entries (EXISTS along `register_book`, not a pass over every entry)
    let mut st = c.prepare_cached(
        "SELECT id, name FROM stations s
          WHERE s.active = 1 OR EXISTS (SELECT 1 FROM register_entries e WHERE e.station_id = s.id) ORDER BY pinyin_key",
    )?;
    let mut out = Vec::new();
    for r in st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, name) = r?;
        if station_id.is_some_and(|s| s != id) {
            continue;
        }
        let mut f = by.remove(&id).unwrap_or_default();
        f.station_id = id;
        f.station = name;
        out.push(f);
    }
    Ok(out)
}

pub fn total(rows: &[StationFigures]) -> StationFigures {
    let mut t = StationFigures { station: "合计".into(), ..Default::default() };
    for f in rows {
        t.activities += f.activities;
        t.deputy_visits += f.deputy_visits;
        t.people_received += f.people_received;
        t.opinions += f.opinions;
        t.answered_on_spot += f.answered_on_spot;
        t.transferred += f.transferred;
        t.closed += f.closed;
    }
    t
}

// ------------------------------------------------------------------ what the other floors read and write here

/// Takes an archive item out of the index (it stays in the database, its files in the folder).
pub fn archive_deactivate(tx: &Connection, id: i64) -> Result<()> {
    tx.execute("UPDATE station_archive SET active = 0, updated_at = ?2 WHERE id = ?1", params![id, now_text()])?;
    Ok(())
}

/// The table whose records carry attachments of this kind (`archive`, `register`).
pub fn attachment_owner_table(owner_kind: &str) -> Option<&'static str> {
    match owner_kind {
        "archive" => Some("station_archive"),
        "register" => Some("register_entries"),
        _ => None,
    }
}

/// Whether the record an attachment is to be added to exists.
pub fn attachment_owner_exists(c: &Connection, table: &'static str, id: i64) -> Result<bool> {
    Ok(c.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"), [id], |r| r.get(0))?)
}

/// Links a stored file to its record; returns the attachment's id.
pub fn attachment_insert(
    tx: &Connection,
    owner_kind: &str,
    owner_id: i64,
    sha: &str,
    name: &str,
    size: i64,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO attachments (owner_kind, owner_id, sha256, file_name, size, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![owner_kind, owner_id, sha, name, size, now_text()],
    )?;
    Ok(tx.last_insert_rowid())
}

/// An attachment's file name and content hash; `None` when there is no such attachment.
pub fn attachment_file(c: &Connection, id: i64) -> Result<Option<(String, String)>> {
    Ok(c.query_row("SELECT file_name, sha256 FROM attachments WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// The book an entry is in; `None` when there is no such entry.
pub fn entry_book(c: &Connection, id: i64) -> Result<Option<String>> {
    Ok(c.query_row("SELECT book FROM register_entries WHERE id = ?1", [id], |r| r.get(0)).optional()?)
}

/// Strikes an entry from the register (kept in the database, out of every list and figure).
pub fn entry_deactivate(tx: &Connection, id: i64) -> Result<()> {
    tx.execute("UPDATE register_entries SET active = 0, updated_at = ?2 WHERE id = ?1", params![id, now_text()])?;
    Ok(())
}

/// Marks an opinion as turned into this 代表建议.
pub fn entry_link_suggestion(tx: &Connection, id: i64, suggestion_id: i64) -> Result<()> {
    tx.execute(
        "UPDATE register_entries SET suggestion_id = ?2, kind = '代表建议', updated_at = ?3 WHERE id = ?1",
        params![id, suggestion_id, now_text()],
    )?;
    Ok(())
}

/// The receptions recorded between two dates: (station, date) → the activity entry.
pub fn recorded_receptions(c: &Connection, from: NaiveDate, to: NaiveDate) -> Result<HashMap<(i64, String), i64>> {
    // a 进站接待 contact holds the day too; the 接待选民 activity, when both exist, is the record
    // (read last, so it is the one kept)
    Ok(c.prepare(
        "SELECT station_id, date, id FROM register_entries
          WHERE ((book = 'contact' AND kind = ?3) OR (book = 'activity' AND kind = '接待选民')) AND active = 1
            AND date BETWEEN ?1 AND ?2 ORDER BY book DESC",
    )?
    .query_map(params![from.to_string(), to.to_string(), AT_THE_STATION], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?
    .collect::<rusqlite::Result<_>>()?)
}

/// The contacts whose feedback is overdue on `today`: how many, and the ids of the `limit` that
/// have waited longest.
pub fn overdue_contacts(c: &Connection, today: &str, limit: i64) -> Result<(i64, Vec<i64>)> {
    // the same terms as the partial index `register_open`, so that it answers
    const OVERDUE: &str = "FROM register_entries INDEXED BY register_open WHERE book = 'contact' AND active = 1 AND handling IS NOT NULL AND handling <> '当场答复'
          AND feedback_date IS NULL AND deadline < ?1";
    let total: i64 = c.query_row(&format!("SELECT count(*) {OVERDUE}"), [today], |r| r.get(0))?;
    let ids = c
        .prepare(&format!("SELECT id {OVERDUE} ORDER BY deadline LIMIT ?2"))?
        .query_map(params![today, limit], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((total, ids))
}

/// Per-deputy counts from the registers between two dates (履职积分, DOMAIN.md §2.2), summed from the
/// per-day rows that migration 0009's triggers keep beside the registers: a range of that table's
/// primary key, never the entries and their deputies.
pub fn deputy_register_counts(
    c: &rusqlite::Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<HashMap<i64, DeputyRegisterCounts>> {
    let mut st = c.prepare_cached(DEPUTY_COUNTS_SQL)?;
    let rows = st
        .query_map(params![from.to_string(), to.to_string()], |r| {
            let counts = DeputyRegisterCounts {
                inspections: r.get(1)?,
                receptions: r.get(2)?,
                reports: r.get(3)?,
                days: r.get(4)?,
            };
            Ok((r.get::<_, i64>(0)?, counts))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The lines of a deputy's 履职档案 that come from the registers, oldest first.
pub fn deputy_register_entries(
    c: &rusqlite::Connection,
    deputy_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<DeputyRegisterEntry>> {
    let mut st = c.prepare(
        "SELECT e.date, e.book, st.name, e.title, e.body, e.kind, x.role, e.handling,
                CASE WHEN x.role = 'present' THEN CASE e.book WHEN 'report' THEN 'report'
                     WHEN 'activity' THEN (SELECT points_kind FROM activity_points WHERE kind = e.kind) END END
           FROM register_deputies x JOIN register_entries e ON e.id = x.entry_id JOIN stations st ON st.id = e.station_id
          WHERE x.deputy_id = ?1 AND e.active = 1 AND e.date BETWEEN ?2 AND ?3 ORDER BY e.date, e.id",
    )?;
    let rows = st
        .query_map(params![deputy_id, from.to_string(), to.to_string()], |r| {
            let book: String = r.get(1)?;
            let title: Option<String> = r.get(3)?;
            let body: Option<String> = r.get(4)?;
            let kind: Option<String> = r.get(5)?;
            let role: String = r.get(6)?;
            let handling: Option<String> = r.get(7)?;
            let summary = title.or(body.map(|b| b.chars().take(40).collect())).unwrap_or_default();
            let detail = match book.as_str() {
                "activity" => format!(
                    "{}{}",
                    kind.unwrap_or_default(),
                    if role == "present" {
                        "（实到）"
                    } else if role == "leave" {
                        "（请假）"
                    } else {
                        "（缺席）"
                    }
                ),
                "contact" => {
                    format!("{}{}", kind.unwrap_or_default(), handling.map(|h| format!("，{h}")).unwrap_or_default())
                }
                _ => kind.unwrap_or_default(),
            };
            Ok(DeputyRegisterEntry {
                date: r.get(0)?,
                book: book_short(&book).into(),
                station: r.get(2)?,
                title: summary,
                detail,
                points_kind: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The latest date of any register entry: one end of the (book, date) index per book.
pub fn latest_entry_date(c: &Connection) -> Result<Option<String>> {
    Ok(c.query_row(
        "SELECT max(d) FROM (
            SELECT max(date) AS d FROM register_entries WHERE book = 'activity'
            UNION ALL SELECT max(date) FROM register_entries WHERE book = 'contact'
            UNION ALL SELECT max(date) FROM register_entries WHERE book = 'report'
            UNION ALL SELECT max(date) FROM register_entries WHERE book = 'opinion')",
        [],
        |r| r.get(0),
    )?)
}
