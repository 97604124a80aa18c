//! SQL of 代表建议: the list and detail rows, the filters shared by the ledger and its exports,
//! the figures' aggregate, and the search index.

use std::collections::HashMap;

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::model::*;
use crate::common::{like_contains, like_prefix, number_placeholders, paging, Page, Vote};
use crate::error::{Error, Result};
pub use crate::roster::store::{current_term, deputy_active, session_term, unit_name_active};

pub const ROW_SQL: &str = "SELECT s.id, s.uuid, s.number, s.session_id,
        COALESCE(se.name, t.name || '闭会期间', '闭会期间'), s.period, s.title, s.category, s.lead_deputy_id, d.name,
        (SELECT group_concat(d2.name, '、') FROM suggestion_cosigners c JOIN deputies d2 ON d2.id = c.deputy_id WHERE c.suggestion_id = s.id),
        d.delegation, s.state, u.name,
        (SELECT group_concat(u2.name, '、') FROM suggestion_units su JOIN units u2 ON u2.id = su.unit_id WHERE su.suggestion_id = s.id AND su.role = '协办'),
        s.assigned_date, s.due_date, s.key_item, s.supervisor, s.round, s.reply_date, s.reply_class, s.latest_work,
        s.latest_result, s.adoption, s.rehandled, s.received_date
   FROM suggestions s JOIN deputies d ON d.id = s.lead_deputy_id
   LEFT JOIN sessions se ON se.id = s.session_id LEFT JOIN terms t ON t.id = s.term_id
   LEFT JOIN units u ON u.id = s.main_unit_id";

fn split(s: Option<String>) -> Vec<String> {
    s.map(|x| x.split('、').map(str::to_string).collect()).unwrap_or_default()
}

pub fn row(r: &Row, settings: &SuggestionSettings, today: chrono::NaiveDate) -> rusqlite::Result<SuggestionRow> {
    let number: Option<i64> = r.get(2)?;
    let state: String = r.get(12)?;
    let due: Option<String> = r.get(16)?;
    let days_left = if state == HANDLING || state == REHANDLING {
        due.as_deref()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map(|d| (d - today).num_days())
    } else {
        None
    };
    Ok(SuggestionRow {
        id: r.get(0)?,
        uuid: r.get(1)?,
        number,
        number_text: number.map(|n| settings.format_number(n)).unwrap_or_else(|| "未立案".into()),
        session_id: r.get(3)?,
        session_label: SuggestionSettings::session_label(&r.get::<_, String>(5)?, &r.get::<_, String>(4)?),
        session_name: r.get(4)?,
        period: r.get(5)?,
        title: r.get(6)?,
        category: r.get(7)?,
        lead_deputy_id: r.get(8)?,
        lead_deputy: r.get(9)?,
        cosigners: split(r.get(10)?),
        delegation: r.get(11)?,
        state,
        main_unit: r.get(13)?,
        co_units: split(r.get(14)?),
        assigned_date: r.get(15)?,
        due_date: due,
        key_item: r.get(17)?,
        supervisor: r.get(18)?,
        round: r.get(19)?,
        reply_date: r.get(20)?,
        reply_class: r.get(21)?,
        latest_work: r.get(22)?,
        latest_result: r.get(23)?,
        adoption: r.get(24)?,
        rehandled: r.get(25)?,
        days_left,
        received_date: r.get(26)?,
    })
}

/// A search text that names a suggestion's number: `5`, `5号`, `第5号`, `第５号`.
pub fn suggestion_number(q: &str) -> Option<i64> {
    let t = crate::text::to_half_width(q);
    let t = t.trim().trim_start_matches('第').trim_end_matches('号').trim_end_matches('件');
    (!t.is_empty() && t.len() <= 6 && t.chars().all(|c| c.is_ascii_digit())).then(|| t.parse().ok()).flatten()
}

/// WHERE, values and ORDER BY of a ledger query: one place for the list and its exports.
pub fn filter(q: &SuggestionQuery, settings: &SuggestionSettings, today: &str) -> (String, Vec<SqlValue>, String) {
    let mut wh: Vec<String> = Vec::new();
    let mut args: Vec<SqlValue> = Vec::new();
    if let Some(text) = q.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        wh.push(text_filter(text, &mut args));
    }
    if let Some(v) = q.lead_deputy_id {
        wh.push("s.lead_deputy_id = ?".into());
        args.push(v.into());
    }
    if let Some(v) = q.session_id {
        wh.push("s.session_id = ?".into());
        args.push(v.into());
    }
    for (col, val) in [("s.period", &q.period), ("s.state", &q.state), ("s.category", &q.category)] {
        if let Some(v) = val.as_deref().filter(|s| !s.is_empty()) {
            wh.push(format!("{col} = ?"));
            args.push(v.to_string().into());
        }
    }
    if let Some(u) = q.unit_id {
        wh.push("(s.main_unit_id = ?1x OR EXISTS (SELECT 1 FROM suggestion_units su WHERE su.suggestion_id = s.id AND su.unit_id = ?1x))".into());
        args.push(u.into());
    }
    if let Some(k) = q.key_item {
        wh.push("s.key_item = ?".into());
        args.push(k.into());
    }
    if let Some(dep) = q.deputy_id {
        wh.push("(s.lead_deputy_id = ?1x OR EXISTS (SELECT 1 FROM suggestion_cosigners c WHERE c.suggestion_id = s.id AND c.deputy_id = ?1x))".into());
        args.push(dep.into());
    }
    if let Some(y) = q.year {
        wh.push("s.received_date >= ? AND s.received_date < ?".into());
        args.push(format!("{y}-01-01").into());
        args.push(format!("{}-01-01", y + 1).into());
    }
    for (op, d) in [(">=", &q.from), ("<=", &q.to)] {
        if let Some(d) = d.as_deref().filter(|d| !d.is_empty()) {
            wh.push(format!("s.received_date {op} ?"));
            args.push(d.to_string().into());
        }
    }
    match q.due.as_deref() {
        Some("overdue") => {
            wh.push(format!("s.state IN ('{HANDLING}', '{REHANDLING}') AND s.due_date < ?"));
            args.push(today.to_string().into());
        }
        Some("soon") => {
            let until = chrono::NaiveDate::parse_from_str(today, "%Y-%m-%d")
                .map(|d| d + chrono::Duration::days(settings.warn_days))
                .unwrap_or_default();
            wh.push(format!("s.state IN ('{HANDLING}', '{REHANDLING}') AND s.due_date >= ? AND s.due_date <= ?"));
            args.push(today.to_string().into());
            args.push(until.format("%Y-%m-%d").to_string().into());
        }
        _ => {}
    }
    let where_sql = number_placeholders(&wh, &args);
    (where_sql, args, order_by(q))
}

/// The ledger's search box: what the row shows — 案由 and text, 领衔代表 and 附议代表, the number
/// (5, 5号, 第5号), units — as one set of ids, each part found through its own index, so the page
/// is still read by id. Every `?` is pushed in the order it appears.
fn text_filter(text: &str, args: &mut Vec<SqlValue>) -> String {
    let mut parts: Vec<String> = Vec::new();
    match crate::text::pairs_query(text) {
        Some(m) => {
            parts.push("SELECT rowid FROM suggestion_search WHERE suggestion_search MATCH ?".into());
            args.push(m.into());
        }
        None => {
            parts.push("SELECT id FROM suggestions WHERE title LIKE ? ESCAPE '\\' OR body LIKE ? ESCAPE '\\'".into());
            args.push(like_contains(text).into());
            args.push(like_contains(text).into());
        }
    }
    let name = crate::text::normalize_query(text);
    let (people, people_args): (&str, Vec<String>) = if crate::text::is_pinyin_query(&name) {
        (
            "SELECT id FROM deputies WHERE initials LIKE ? ESCAPE '\\' OR initials LIKE ? ESCAPE '\\'",
            vec![like_prefix(&name), format!("% {}", like_prefix(&name))],
        )
    } else {
        ("SELECT id FROM deputies WHERE name LIKE ? ESCAPE '\\'", vec![like_contains(&name)])
    };
    parts.push(format!("SELECT id FROM suggestions WHERE lead_deputy_id IN ({people})"));
    parts.push(format!("SELECT suggestion_id FROM suggestion_cosigners WHERE deputy_id IN ({people})"));
    for _ in 0..2 {
        args.extend(people_args.iter().map(|a| SqlValue::from(a.clone())));
    }
    let units = "SELECT id FROM units WHERE name LIKE ? ESCAPE '\\'";
    parts.push(format!("SELECT id FROM suggestions WHERE main_unit_id IN ({units})"));
    parts.push(format!("SELECT suggestion_id FROM suggestion_units WHERE unit_id IN ({units})"));
    args.push(like_contains(&name).into());
    args.push(like_contains(&name).into());
    if let Some(n) = suggestion_number(&name) {
        parts.push("SELECT id FROM suggestions WHERE number = ?".into());
        args.push(n.into());
    }
    format!("s.id IN ({})", parts.join(" UNION "))
}

/// The ledger's order.
fn order_by(q: &SuggestionQuery) -> String {
    let dir = if q.desc.unwrap_or(false) { "DESC" } else { "ASC" };
    match sort_key(q) {
        // undated items (not yet 交办) last, in either direction
        "due" => format!("s.due_date IS NULL, s.due_date {dir}, s.id {dir}"),
        "received" => format!("s.received_date {dir}, s.id {dir}"),
        "state" => format!("s.state {dir}, s.id"),
        "unit" => format!("u.pinyin_key {dir}, s.number"),
        // unnumbered suggestions (not yet 立案) after the numbered ones, in either direction
        _ => format!("s.number IS NULL, s.session_id {dir}, s.number {dir}, s.id {dir}"),
    }
}

fn sort_key(q: &SuggestionQuery) -> &str {
    match q.sort.as_deref() {
        Some(k @ ("due" | "received" | "state" | "unit")) => k,
        _ => "number",
    }
}

/// A search that matches many suggestions, in the ledger's order: the page is read along the
/// index of that order, each id checked against the matches, instead of every match's wide row
/// being fetched to sort them all (道路 at 100k suggestions: 2,837 matches, 240 ms → 17 ms cold).
/// Below a few hundred matches, fetching them is the cheaper way (a whole index pass is ~30 ms).
fn page_index_hint(q: &SuggestionQuery, total: i64) -> &'static str {
    let searched = q.q.as_deref().is_some_and(|t| !t.trim().is_empty());
    if searched && sort_key(q) == "number" && total > 500 {
        "INDEXED BY suggestions_ledger"
    } else {
        ""
    }
}

pub fn list(
    conn: &Connection,
    q: &SuggestionQuery,
    settings: &SuggestionSettings,
    today: chrono::NaiveDate,
) -> Result<Page<SuggestionRow>> {
    let t = today.format("%Y-%m-%d").to_string();
    let (where_sql, args, order) = filter(q, settings, &t);
    let (page, size) = paging(q.page, q.page_size);
    // the filters never use the unit table: counting without the join lets an index answer
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM suggestions s {where_sql}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let limit = if size == 0 { String::new() } else { format!("LIMIT {size} OFFSET {}", (page - 1) * size) };
    if size == 0 {
        // every row (exports): the co-signers and co-units come from two grouped queries
        // instead of two subqueries per row
        let names = |sql: &str| -> Result<std::collections::HashMap<i64, String>> {
            let m = conn
                .prepare(&format!("{sql} WHERE x.suggestion_id IN (SELECT s.id FROM suggestions s {where_sql}) GROUP BY x.suggestion_id"))?
                .query_map(rusqlite::params_from_iter(args.iter()), |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(m)
        };
        let mut cos = names("SELECT x.suggestion_id, group_concat(d.name, '、') FROM suggestion_cosigners x JOIN deputies d ON d.id = x.deputy_id")?;
        let mut co_units = names("SELECT x.suggestion_id, group_concat(u.name, '、') FROM suggestion_units x JOIN units u ON u.id = x.unit_id AND x.role = '协办'")?;
        let light = ROW_SQL
            .replace("(SELECT group_concat(d2.name, '、') FROM suggestion_cosigners c JOIN deputies d2 ON d2.id = c.deputy_id WHERE c.suggestion_id = s.id)", "NULL")
            .replace("(SELECT group_concat(u2.name, '、') FROM suggestion_units su JOIN units u2 ON u2.id = su.unit_id WHERE su.suggestion_id = s.id AND su.role = '协办')", "NULL");
        debug_assert_eq!(light.matches("NULL").count(), 2, "ROW_SQL and its light form agree");
        let mut st = conn.prepare(&format!("{light} {where_sql} ORDER BY {order}"))?;
        let items = st
            .query_map(rusqlite::params_from_iter(args.iter()), |r| row(r, settings, today))?
            .map(|r| {
                r.map(|mut x| {
                    x.cosigners = split(cos.remove(&x.id));
                    x.co_units = split(co_units.remove(&x.id));
                    x
                })
            })
            .collect::<rusqlite::Result<Vec<_>>>()?;
        return Ok(Page { total, page, page_size: size, items });
    }
    // a page: sort the ids on plain columns first, then build only the page's rows (their
    // co-signers and co-units are subqueries that would otherwise run for every matching row)
    let ids: Vec<i64> = conn
        .prepare(&format!(
            "SELECT s.id FROM suggestions s {} {} {where_sql} ORDER BY {order} {limit}",
            page_index_hint(q, total),
            if q.sort.as_deref() == Some("unit") { "LEFT JOIN units u ON u.id = s.main_unit_id" } else { "" }
        ))?
        .query_map(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let list = ids.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(",");
    let mut st = conn.prepare(&format!("{ROW_SQL} WHERE s.id IN ({list})"))?;
    let mut by_id: std::collections::HashMap<i64, SuggestionRow> = st
        .query_map([], |r| row(r, settings, today))?
        .map(|r| r.map(|x| (x.id, x)))
        .collect::<rusqlite::Result<_>>()?;
    let items = ids.iter().filter_map(|i| by_id.remove(i)).collect();
    Ok(Page { total, page, page_size: size, items })
}

pub fn get_row(
    conn: &Connection,
    id: i64,
    settings: &SuggestionSettings,
    today: chrono::NaiveDate,
) -> Result<SuggestionRow> {
    conn.query_row(&format!("{ROW_SQL} WHERE s.id = ?1"), [id], |r| row(r, settings, today))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的建议，请刷新列表。")))
}

/// The working state of one suggestion, as a step needs it.
#[derive(Debug, Clone)]
pub struct Current {
    pub id: i64,
    pub uuid: String,
    pub state: String,
    pub review_level: i64,
    pub round: i64,
    pub period: String,
    pub term_id: Option<i64>,
    pub session_id: Option<i64>,
    pub number: Option<i64>,
    pub due_date: Option<String>,
    pub assigned_date: Option<String>,
    pub first_reply_date: Option<String>,
    pub reply_class: Option<String>,
    pub received_date: String,
    pub title: String,
}

pub fn current(conn: &Connection, id: i64) -> Result<Current> {
    conn.query_row(
        "SELECT id, uuid, state, review_level, round, period, term_id, session_id, number, due_date, assigned_date,
                first_reply_date, reply_class, received_date, title FROM suggestions WHERE id = ?1",
        [id],
        |r| {
            Ok(Current {
                id: r.get(0)?,
                uuid: r.get(1)?,
                state: r.get(2)?,
                review_level: r.get(3)?,
                round: r.get(4)?,
                period: r.get(5)?,
                term_id: r.get(6)?,
                session_id: r.get(7)?,
                number: r.get(8)?,
                due_date: r.get(9)?,
                assigned_date: r.get(10)?,
                first_reply_date: r.get(11)?,
                reply_class: r.get(12)?,
                received_date: r.get(13)?,
                title: r.get(14)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的建议，请刷新列表。")))
}

pub fn set_search(conn: &Connection, id: i64, title: &str, body: Option<&str>, replace: bool) -> Result<()> {
    let pairs = crate::text::char_pairs(&format!("{title} {}", body.unwrap_or("")));
    if replace {
        conn.prepare_cached("DELETE FROM suggestion_search WHERE rowid = ?1")?.execute([id])?;
    }
    conn.prepare_cached("INSERT INTO suggestion_search (rowid, pairs) VALUES (?1, ?2)")?.execute(params![id, pairs])?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub fn add_event(
    conn: &Connection,
    id: i64,
    date: Option<&str>,
    kind: &str,
    before: Option<&str>,
    after: &str,
    round: i64,
    summary: &str,
    data: Option<String>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO suggestion_events (suggestion_id, at, date, kind, state_before, state_after, round, summary, data_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![id, crate::db::now_text(), date, kind, before, after, round, summary, data])?;
    Ok(())
}

/// A suggestion's history: its events, replies, ratings and contacts.
type DetailParts = (Vec<SuggestionEvent>, Vec<Reply>, Vec<Rating>, Vec<Contact>);

pub fn detail_parts(conn: &Connection, id: i64) -> Result<DetailParts> {
    let mut st = conn.prepare("SELECT id, at, date, kind, state_before, state_after, round, summary, data_json FROM suggestion_events WHERE suggestion_id = ?1 ORDER BY id")?;
    let events = st
        .query_map([id], |r| {
            let kind: String = r.get(3)?;
            let data: Option<String> = r.get(8)?;
            let state_after: String = r.get(5)?;
            Ok(SuggestionEvent {
                id: r.get(0)?,
                at: r.get(1)?,
                date: r.get(2)?,
                kind_label: if kind == "register" {
                    "登记".into()
                } else if kind == "import" {
                    "导入".into()
                } else if kind == "edit" {
                    "修改内容".into()
                } else {
                    action_label(&kind).into()
                },
                state_before: r.get(4)?,
                summary: shown_summary(&kind, &state_after, r.get(7)?),
                kind,
                state_after,
                round: r.get(6)?,
                data: data.and_then(|d| serde_json::from_str(&d).ok()),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut st = conn.prepare("SELECT id, round, reply_date, doc_no, signer, class, done_items, planned_items, planned_deadline, not_adopted_reason, text FROM suggestion_replies WHERE suggestion_id = ?1 ORDER BY id")?;
    let replies = st
        .query_map([id], |r| {
            Ok(Reply {
                id: r.get(0)?,
                round: r.get(1)?,
                reply_date: r.get(2)?,
                doc_no: r.get(3)?,
                signer: r.get(4)?,
                class: r.get(5)?,
                done_items: r.get(6)?,
                planned_items: r.get(7)?,
                planned_deadline: r.get(8)?,
                not_adopted_reason: r.get(9)?,
                text: r.get(10)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut st = conn.prepare("SELECT id, round, rated_date, work_rating, result_rating, adoption, note FROM suggestion_ratings WHERE suggestion_id = ?1 ORDER BY id")?;
    let ratings = st
        .query_map([id], |r| {
            Ok(Rating {
                id: r.get(0)?,
                round: r.get(1)?,
                rated_date: r.get(2)?,
                work_rating: r.get(3)?,
                result_rating: r.get(4)?,
                adoption: r.get(5)?,
                note: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut st = conn.prepare(
        "SELECT id, date, stage, form, note FROM suggestion_contacts WHERE suggestion_id = ?1 ORDER BY date, id",
    )?;
    let contacts = st
        .query_map([id], |r| {
            Ok(Contact { id: r.get(0)?, date: r.get(1)?, stage: r.get(2)?, form: r.get(3)?, note: r.get(4)? })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((events, replies, ratings, contacts))
}

/// Suggestions per category for a figure selection (table 4): the same assigned suggestions and
/// year basis as every other figure, and the unit (as 主办) when one is chosen.
pub fn category_counts(conn: &Connection, q: &FigureQuery) -> Result<std::collections::HashMap<String, i64>> {
    let (mut wh, mut args) = figure_where(q);
    if let Some(u) = q.unit_id {
        wh.push_str(&format!(" AND s.main_unit_id = ?{}", args.len() + 1));
        args.push(u.into());
    }
    let mut st =
        conn.prepare(&format!("SELECT coalesce(s.category, '未分类'), count(*) FROM suggestions s {wh} GROUP BY 1"))?;
    let counts = st
        .query_map(rusqlite::params_from_iter(args.iter()), |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(counts)
}

/// The WHERE of a figure selection, over suggestions that were assigned (立案 and 交办).
fn figure_where(q: &FigureQuery) -> (String, Vec<SqlValue>) {
    let mut wh = vec!["s.assigned_date IS NOT NULL".to_string()];
    let mut args: Vec<SqlValue> = Vec::new();
    if let Some(v) = q.session_id {
        wh.push("s.session_id = ?".into());
        args.push(v.into());
    }
    if let Some(y) = q.year {
        wh.push("s.assigned_date >= ? AND s.assigned_date < ?".into());
        args.push(format!("{y}-01-01").into());
        args.push(format!("{}-01-01", y + 1).into());
    }
    if let Some(c) = q.category.as_deref().filter(|s| !s.is_empty()) {
        wh.push("s.category = ?".into());
        args.push(c.to_string().into());
    }
    if let Some(k) = q.key_item {
        wh.push("s.key_item = ?".into());
        args.push(k.into());
    }
    if let Some(f) = q.from.as_deref().filter(|s| !s.is_empty()) {
        wh.push("s.assigned_date >= ?".into());
        args.push(f.to_string().into());
    }
    if let Some(t) = q.to.as_deref().filter(|s| !s.is_empty()) {
        wh.push("s.assigned_date <= ?".into());
        args.push(t.to_string().into());
    }
    let sql = number_placeholders(&wh, &args);
    (sql, args)
}

/// Per group key: the counts of DOMAIN.md §1.3 and the count of each 答复类别.
type GroupCounts = std::collections::HashMap<i64, (Figures, std::collections::HashMap<String, i64>)>;

/// The counts of DOMAIN.md §1.3 for every group of one selection (`group` = a column such as
/// `s.main_unit_id`, or none for the whole selection), in one pass over the suggestions.
fn counts(
    conn: &Connection,
    where_sql: &str,
    args: &[SqlValue],
    group: Option<&str>,
    settings: &SuggestionSettings,
) -> Result<GroupCounts> {
    counts_in(conn, "suggestions s", where_sql, args, group, settings)
}

/// The figures of suggestions given as rows of another source (a subquery aliased `s` with the
/// figure columns of `suggestions`, such as the rows received in 上报包), assigned between two
/// dates: per value of `group` (a column of the source), or over all of them under key 0. The
/// same one definition as the office's own figures (`counts` and `finish`).
pub fn figures_of_rows(
    conn: &Connection,
    source: &str,
    from: &str,
    to: &str,
    group: Option<&str>,
    settings: &SuggestionSettings,
) -> Result<std::collections::HashMap<i64, Figures>> {
    let (where_sql, args) = assigned_between(from, to);
    Ok(counts_in(conn, source, &where_sql, &args, group, settings)?
        .into_iter()
        .map(|(k, (f, c))| (k, finish(f, &c, settings)))
        .collect())
}

/// The WHERE clause of the figures of suggestions assigned between two dates, and its values.
pub fn assigned_between(from: &str, to: &str) -> (String, Vec<SqlValue>) {
    figure_where(&FigureQuery { from: Some(from.into()), to: Some(to.into()), ..Default::default() })
}

/// The figures of nothing received (every rate `—`).
pub fn received_figures_empty(settings: &SuggestionSettings) -> Figures {
    finish(Figures::default(), &Default::default(), settings)
}

/// The one pass of `counts_in`. Each count is a `count(*) FILTER`, and a set of results is
/// spelled as `=` tests: measured with callgrind at 100k suggestions, 729 M instructions with
/// `sum(x IN (…))` (each IN list probes a temporary b-tree per row) and `count(CASE …)`, 470 M
/// like this; the 0/1 columns keep `sum`, which counts them exactly as before.
fn counts_sql(
    source: &str,
    where_sql: &str,
    args: &[SqlValue],
    group: Option<&str>,
    settings: &SuggestionSettings,
) -> (String, Vec<SqlValue>) {
    let g = group.unwrap_or("0");
    // one count per 答复类别 of the settings, in the same pass
    let mut args = args.to_vec();
    let mut class_cols = String::new();
    for c in &settings.classes {
        args.push(c.value.clone().into());
        class_cols.push_str(&format!(", count(*) FILTER (WHERE s.reply_class = ?{})", args.len()));
    }
    // the answers are the engine's own constants, never a user's text
    let is = |col: &str, v: Vote| format!("{col} = '{}'", v.label());
    let rated = |col: &str| Vote::ALL.map(|v| is(col, v)).join(" OR ");
    let (latest, first) = ("s.latest_result", "s.first_result");
    let sql = format!(
        "SELECT {g}, count(*), count(s.reply_date), coalesce(sum(s.replied_on_time), 0),
                count(*) FILTER (WHERE {}),
                count(*) FILTER (WHERE {}), count(*) FILTER (WHERE {}),
                count(*) FILTER (WHERE {}),
                count(*) FILTER (WHERE {}),
                count(*) FILTER (WHERE {} OR {}),
                coalesce(sum(s.rehandled), 0), coalesce(sum(s.face_met), 0), count(s.concluded_date){class_cols}
           FROM {source} {where_sql} GROUP BY 1",
        rated(latest),
        is(latest, Vote::Satisfied),
        is(latest, Vote::Basic),
        is(latest, Vote::Unsatisfied),
        rated(first),
        is(first, Vote::Satisfied),
        is(first, Vote::Basic),
    );
    (sql, args)
}

fn counts_in(
    conn: &Connection,
    source: &str,
    where_sql: &str,
    args: &[SqlValue],
    group: Option<&str>,
    settings: &SuggestionSettings,
) -> Result<GroupCounts> {
    let (sql, args) = counts_sql(source, where_sql, args, group, settings);
    let mut out = std::collections::HashMap::new();
    let mut st = conn.prepare(&sql)?;
    let rows = st.query_map(rusqlite::params_from_iter(args.iter()), |r| {
        let f = Figures {
            assigned: r.get(1)?,
            replied: r.get(2)?,
            replied_on_time: r.get(3)?,
            rated: r.get(4)?,
            satisfied: r.get(5)?,
            basically_satisfied: r.get(6)?,
            unsatisfied: r.get(7)?,
            first_rated: r.get(8)?,
            first_satisfied: r.get(9)?,
            rehandled: r.get(10)?,
            face_met: r.get(11)?,
            concluded: r.get(12)?,
            ..Default::default()
        };
        let mut classes = std::collections::HashMap::new();
        for (i, c) in settings.classes.iter().enumerate() {
            classes.insert(c.value.clone(), r.get::<_, i64>(13 + i)?);
        }
        Ok((r.get::<_, Option<i64>>(0)?.unwrap_or(0), (f, classes)))
    })?;
    for x in rows {
        let (k, v) = x?;
        out.insert(k, v);
    }
    Ok(out)
}

/// The rates of DOMAIN.md §1.3 from the counts: the one place they are defined.
fn finish(mut f: Figures, classes: &std::collections::HashMap<String, i64>, settings: &SuggestionSettings) -> Figures {
    f.by_class = settings
        .classes
        .iter()
        .map(|c| {
            let n = classes.get(&c.value).copied().unwrap_or(0);
            ClassCount { code: c.value.clone(), label: c.label.clone(), count: n, share: ratio(n, f.replied) }
        })
        .collect();
    // 解决率: the first class of the list (A 已解决或基本解决) over the replied
    let solved = f.by_class.first().map(|c| c.count).unwrap_or(0);
    f.reply_rate = ratio(f.replied, f.assigned);
    f.on_time_rate = ratio(f.replied_on_time, f.assigned);
    f.satisfaction_rate = ratio(f.satisfied + f.basically_satisfied, f.rated);
    f.first_satisfaction_rate = ratio(f.first_satisfied, f.first_rated);
    f.solve_rate = ratio(solved, f.replied);
    f.face_rate = ratio(f.face_met, f.assigned);
    f.conclude_rate = ratio(f.concluded, f.assigned);
    f
}

/// DOMAIN.md §1.3, computed once here: every list, dashboard, export and test calls this (or
/// `unit_figures`, the same counts grouped by 主办单位).
pub fn figures(conn: &Connection, q: &FigureQuery, settings: &SuggestionSettings) -> Result<Figures> {
    if let Some(u) = q.unit_id {
        let all = unit_figures(conn, &FigureQuery { unit_id: None, ..q.clone() }, settings)?;
        return Ok(all
            .into_iter()
            .find(|(id, _)| *id == u)
            .map(|(_, f)| f)
            .unwrap_or_else(|| finish(Figures::default(), &Default::default(), settings)));
    }
    let (where_sql, args) = figure_where(q);
    let mut c = counts(conn, &where_sql, &args, None, settings)?;
    let (f, classes) = c.remove(&0).unwrap_or_default();
    Ok(finish(f, &classes, settings))
}

/// The 协办 units' counts: only the 协办 rows (`suggestion_units_role`), each suggestion's filter
/// columns read from the narrow `suggestions_filter` rather than its wide row (0008_figures).
fn co_units_sql(where_sql: &str) -> String {
    format!(
        "SELECT su.unit_id, count(*) FROM suggestion_units su INDEXED BY suggestion_units_role
           JOIN suggestions s INDEXED BY suggestions_filter ON s.id = su.suggestion_id {where_sql} AND su.role = '协办' GROUP BY 1"
    )
}

/// The statements of `unit_figures`, with their values: for the tests of their query plans.
pub fn unit_figure_sqls(q: &FigureQuery, settings: &SuggestionSettings) -> Vec<(String, Vec<SqlValue>)> {
    let (where_sql, args) = figure_where(q);
    vec![
        counts_sql("suggestions s", &where_sql, &args, Some("s.main_unit_id"), settings),
        (co_units_sql(&where_sql), args),
    ]
}

/// Every unit's figures: the reply figures count the suggestions a unit leads (主办件); its
/// 协办件 are counted apart.
pub fn unit_figures(conn: &Connection, q: &FigureQuery, settings: &SuggestionSettings) -> Result<Vec<(i64, Figures)>> {
    let (where_sql, args) = figure_where(q);
    // grouped along the covering index suggestions_figures: no table rows are read
    let mut main = counts(conn, &where_sql, &args, Some("s.main_unit_id"), settings)?;
    let mut co: std::collections::HashMap<i64, i64> = conn
        .prepare(&co_units_sql(&where_sql))?
        .query_map(rusqlite::params_from_iter(args.iter()), |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut ids: Vec<i64> = main.keys().chain(co.keys()).copied().collect();
    ids.sort();
    ids.dedup();
    Ok(ids
        .into_iter()
        .map(|id| {
            let (mut f, classes) = main.remove(&id).unwrap_or_default();
            f.main_count = f.assigned;
            f.co_count = co.remove(&id).unwrap_or(0);
            (id, finish(f, &classes, settings))
        })
        .collect())
}

// ---------------------------------------------------------------- the facts of the lifecycle
//
// Each fact of a suggestion's life is written by one function below. A step, an import and the
// demo all go through them, so a suggestion ends in the same state, with the same dates and the
// same on-time flag, however it got there. Callers check their input first; these only write.

/// 交办 as written: units that exist, dates that parse.
#[derive(Debug, Default)]
pub struct Assigned<'a> {
    pub main_unit_id: i64,
    pub co_unit_ids: &'a [i64],
    /// None when an imported ledger gives no 交办 date: none is invented.
    pub date: Option<&'a str>,
    pub due_date: Option<&'a str>,
    pub wide_ranging: bool,
    pub key_item: bool,
    pub supervisor: Option<&'a str>,
}

/// 交办: the units of the current round replace any earlier ones; the suggestion is 办理中.
pub fn assign(tx: &Connection, id: i64, a: &Assigned) -> Result<()> {
    let round = current(tx, id)?.round;
    tx.prepare_cached("DELETE FROM suggestion_units WHERE suggestion_id = ?1")?.execute([id])?;
    let mut unit = tx.prepare_cached(
        "INSERT OR IGNORE INTO suggestion_units (suggestion_id, unit_id, role, round) VALUES (?1, ?2, ?3, ?4)",
    )?;
    unit.execute(params![id, a.main_unit_id, "主办", round])?;
    for u in a.co_unit_ids.iter().filter(|u| **u != a.main_unit_id) {
        unit.execute(params![id, u, "协办", round])?;
    }
    tx.prepare_cached(
        "UPDATE suggestions SET state = ?2, main_unit_id = ?3, assigned_date = ?4, due_date = ?5, wide_ranging = ?6,
                key_item = ?7, supervisor = ?8, updated_at = ?9 WHERE id = ?1",
    )?
    .execute(params![
        id,
        HANDLING,
        a.main_unit_id,
        a.date,
        a.due_date,
        a.wide_ranging,
        a.key_item,
        a.supervisor,
        crate::db::now_text()
    ])?;
    Ok(())
}

/// 答复 as written: the class is a code of the settings' list.
#[derive(Debug, Default)]
pub struct Replied<'a> {
    pub date: &'a str,
    pub class: &'a str,
    pub doc_no: Option<&'a str>,
    pub signer: Option<&'a str>,
    pub done_items: Option<&'a str>,
    pub planned_items: Option<&'a str>,
    pub planned_deadline: Option<&'a str>,
    pub not_adopted_reason: Option<&'a str>,
    pub text: Option<&'a str>,
}

/// 按期办复 (DOMAIN.md §1.3): replied on or before the due date; without a due date nothing is late.
pub fn replied_on_time(due_date: Option<&str>, reply_date: &str) -> bool {
    due_date.is_none_or(|d| reply_date <= d)
}

/// 答复: appends the reply of the current round (the same reply again is not repeated); the
/// first reply fixes 首次答复日期 and the on-time flag; the suggestion is 已答复.
pub fn reply(tx: &Connection, id: i64, r: &Replied) -> Result<()> {
    let cur = current(tx, id)?;
    let same: bool = tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM suggestion_replies
              WHERE suggestion_id = ?1 AND round = ?2 AND reply_date = ?3 AND class = ?4)",
        )?
        .query_row(params![id, cur.round, r.date, r.class], |x| x.get(0))?;
    let now = crate::db::now_text();
    if !same {
        tx.prepare_cached(
            "INSERT INTO suggestion_replies (suggestion_id, round, reply_date, doc_no, signer, class, done_items,
                    planned_items, planned_deadline, not_adopted_reason, text, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?
        .execute(params![
            id,
            cur.round,
            r.date,
            r.doc_no,
            r.signer,
            r.class,
            r.done_items,
            r.planned_items,
            r.planned_deadline,
            r.not_adopted_reason,
            r.text,
            now
        ])?;
    }
    let on_time = replied_on_time(cur.due_date.as_deref(), r.date);
    tx.prepare_cached(
        "UPDATE suggestions SET state = ?2, reply_date = ?3, reply_class = ?4, first_reply_date = coalesce(first_reply_date, ?3),
                replied_on_time = coalesce(replied_on_time, ?5), updated_at = ?6 WHERE id = ?1",
    )?
    .execute(params![id, REPLIED, r.date, r.class, on_time, now])?;
    Ok(())
}

/// 征询 as written: ratings of `RATINGS`, an adoption of `ADOPTIONS`.
#[derive(Debug, Default)]
pub struct Rated<'a> {
    pub date: &'a str,
    pub work: &'a str,
    pub result: &'a str,
    pub adoption: Option<&'a str>,
    pub note: Option<&'a str>,
}

/// 征询: appends the rating of the current round (the same rating again is not repeated); round 1
/// sets 首次满意度; the state follows `state_after_rating`, and 办结 is dated by the rating (DOMAIN.md
/// §1.1: 满意 or 基本满意 → 办结), cleared while 不满意. Returns the new state.
pub fn rate(tx: &Connection, settings: &SuggestionSettings, id: i64, r: &Rated) -> Result<&'static str> {
    let cur = current(tx, id)?;
    let same: bool = tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM suggestion_ratings WHERE suggestion_id = ?1 AND round = ?2 AND rated_date = ?3
                AND work_rating = ?4 AND result_rating = ?5 AND adoption IS ?6)",
        )?
        .query_row(params![id, cur.round, r.date, r.work, r.result, r.adoption], |x| x.get(0))?;
    let now = crate::db::now_text();
    if !same {
        tx.prepare_cached(
            "INSERT INTO suggestion_ratings (suggestion_id, round, rated_date, work_rating, result_rating, adoption, note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![id, cur.round, r.date, r.work, r.result, r.adoption, r.note, now])?;
    }
    let state = state_after_rating(settings, cur.reply_class.as_deref(), r.result);
    let concluded = (state != UNSATISFIED).then_some(r.date);
    tx.prepare_cached(
        "UPDATE suggestions SET state = ?2, first_result = CASE WHEN round = 1 THEN ?3 ELSE first_result END,
                latest_result = ?3, latest_work = ?4, adoption = ?5, concluded_date = ?6, updated_at = ?7 WHERE id = ?1",
    )?
    .execute(params![id, state, r.result, r.work, r.adoption, concluded, now])?;
    Ok(state)
}

/// 重办 after 不满意: a new round with its own due date; 办结 is undone. Returns the new round.
pub fn rehandle(tx: &Connection, id: i64, due_date: &str) -> Result<i64> {
    let round = current(tx, id)?.round + 1;
    tx.prepare_cached(
        "UPDATE suggestions SET state = ?2, round = ?3, due_date = ?4, rehandled = 1, concluded_date = NULL,
                updated_at = ?5 WHERE id = ?1",
    )?
    .execute(params![id, REHANDLING, round, due_date, crate::db::now_text()])?;
    Ok(round)
}

/// 落实完毕: the promises of a B/C reply are kept.
pub fn complete(tx: &Connection, id: i64) -> Result<()> {
    tx.prepare_cached("UPDATE suggestions SET state = ?2, updated_at = ?3 WHERE id = ?1")?.execute(params![
        id,
        IMPLEMENTED,
        crate::db::now_text()
    ])?;
    Ok(())
}

/// The 立案 numbers below the next one that no suggestion of the same session (or recess) holds:
/// freed by a number typed in, an import, or a record corrected.
pub fn free_numbers(c: &Connection, cur: &Current) -> Result<Vec<i64>> {
    let mut st = c.prepare(
        "SELECT number FROM suggestions WHERE term_id IS ?1 AND session_id IS ?2 AND period = ?3 AND number IS NOT NULL
          ORDER BY number",
    )?;
    let taken: std::collections::BTreeSet<i64> = st
        .query_map(params![cur.term_id, cur.session_id, cur.period], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let top = taken.last().copied().unwrap_or(0);
    Ok((1..top).filter(|n| !taken.contains(n)).collect())
}

/// The next 立案 number of the suggestion's session (or its term's recess).
pub fn next_number(tx: &Connection, cur: &Current) -> Result<i64> {
    Ok(tx.query_row(
        "SELECT coalesce(max(number), 0) + 1 FROM suggestions WHERE term_id IS ?1 AND session_id IS ?2 AND period = ?3",
        params![cur.term_id, cur.session_id, cur.period],
        |r| r.get(0),
    )?)
}

/// A unit's 退回 of a mis-assigned item: back to 已立案, without units or dates.
pub fn unassign(tx: &Connection, id: i64) -> Result<()> {
    tx.execute("DELETE FROM suggestion_units WHERE suggestion_id = ?1", [id])?;
    tx.execute(
        "UPDATE suggestions SET state = ?2, main_unit_id = NULL, due_date = NULL, assigned_date = NULL, updated_at = ?3
          WHERE id = ?1",
        params![id, FILED, crate::db::now_text()],
    )?;
    Ok(())
}

/// A 沟通 record; a face-to-face one counts for 见面率.
pub fn add_contact(tx: &Connection, id: i64, date: &str, stage: &str, form: &str, note: Option<&str>) -> Result<()> {
    let now = crate::db::now_text();
    tx.execute(
        "INSERT INTO suggestion_contacts (suggestion_id, date, stage, form, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, date, stage, form, note, now],
    )?;
    if FACE_TO_FACE.contains(&form) {
        tx.execute("UPDATE suggestions SET face_met = 1 WHERE id = ?1", [id])?;
    }
    Ok(())
}

/// Per 领衔代表, the suggestions received between `from` and `to` that count as put forward (the
/// covering index `suggestions_led` answers it).
pub fn led_by_deputy_sql() -> String {
    let not_counted = NOT_PUT_FORWARD.iter().map(|s| format!("'{s}'")).collect::<Vec<_>>().join(", ");
    format!(
        "SELECT lead_deputy_id, count(*), coalesce(sum(key_item), 0) FROM suggestions
          WHERE received_date BETWEEN ?1 AND ?2 AND state NOT IN ({not_counted}) GROUP BY lead_deputy_id"
    )
}

/// Per 领衔代表, the suggestions received between `from` and `to` that count as put forward.
pub fn led_by_deputy(c: &Connection, from: &str, to: &str) -> Result<Vec<LedCount>> {
    let mut st = c.prepare(&led_by_deputy_sql())?;
    let rows = st
        .query_map(params![from, to], |r| {
            Ok(LedCount { deputy_id: r.get(0)?, count: r.get(1)?, key_items: r.get(2)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

// ---------------------------------------------------------------- reminders

/// The reads of the reminder lists (DOMAIN.md §1.4): each a WHERE over the ledger's rows and the
/// column of the date the list shows.
pub struct ReminderReads<'a> {
    pub conn: &'a Connection,
    pub settings: &'a SuggestionSettings,
    pub today: chrono::NaiveDate,
}

impl ReminderReads<'_> {
    fn pick(&self, wh: &str, args: &[&str], date_col: usize) -> Result<Vec<ReminderItem>> {
        // the ids first, from the state index alone: a list can match ~15,000 rows at a large
        // county's size (不满意 over ten years), and only the 200 shown need their full row
        let ids: Vec<i64> = self
            .conn
            .prepare(&format!("SELECT s.id FROM suggestions s WHERE {wh} ORDER BY s.due_date, s.id LIMIT 200"))?
            .query_map(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let list = ids.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(",");
        let mut st = self.conn.prepare(&format!("{ROW_SQL} WHERE s.id IN ({list}) ORDER BY s.due_date, s.id"))?;
        let rows =
            st.query_map([], |r| Ok((row(r, self.settings, self.today)?, r.get::<_, Option<String>>(date_col)?)))?;
        let mut out = Vec::new();
        for x in rows {
            let (row, date) = x?;
            let days = date
                .as_deref()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .map(|d| (d - self.today).num_days());
            out.push(ReminderItem {
                id: row.id,
                number_text: row.number_text,
                title: row.title,
                lead_deputy: row.lead_deputy,
                main_unit: row.main_unit,
                state: row.state,
                date,
                days,
            });
        }
        Ok(out)
    }

    /// Awaiting a reply, due between `from` and `to` (the due date shown).
    pub fn due_between(&self, from: &str, to: &str) -> Result<Vec<ReminderItem>> {
        let wh = format!("s.state IN ('{HANDLING}', '{REHANDLING}') AND s.due_date >= ?1 AND s.due_date <= ?2");
        self.pick(&wh, &[from, to], 16)
    }

    /// Awaiting a reply, due before `day`.
    pub fn overdue(&self, day: &str) -> Result<Vec<ReminderItem>> {
        self.pick(&format!("s.state IN ('{HANDLING}', '{REHANDLING}') AND s.due_date < ?1"), &[day], 16)
    }

    /// Replied on or before `day` and not rated (the reply date shown).
    pub fn replied_by(&self, day: &str) -> Result<Vec<ReminderItem>> {
        self.pick(&format!("s.state = '{REPLIED}' AND s.reply_date <= ?1"), &[day], 20)
    }

    pub fn unsatisfied(&self) -> Result<Vec<ReminderItem>> {
        self.pick(&format!("s.state IN ('{UNSATISFIED}', '{REHANDLING}')"), &[], 16)
    }

    /// 回头看 due: a promise's deadline is by `until`, and no check is recorded since the reply.
    pub fn followup_due(&self, until: &str) -> Result<Vec<ReminderItem>> {
        let wh = format!(
            "s.state = '{FOLLOWING}' AND EXISTS (SELECT 1 FROM suggestion_replies r WHERE r.suggestion_id = s.id AND r.round = s.round AND r.planned_deadline <= ?1)
             AND NOT EXISTS (SELECT 1 FROM suggestion_events e WHERE e.suggestion_id = s.id AND e.round = s.round AND e.kind = 'followup')"
        );
        self.pick(&wh, &[until], 20)
    }

    /// 闭会期间 suggestions not yet 交办 (the received date shown).
    pub fn recess_unassigned(&self) -> Result<Vec<ReminderItem>> {
        self.pick(&format!("s.period = '闭会' AND s.state IN ('{REVIEWING}', '{RETURNED}', '{FILED}')"), &[], 26)
    }

    /// First-round items with 协办单位, assigned on or before `day` (the 交办 date shown).
    pub fn co_opinion_candidates(&self, day: &str) -> Result<Vec<ReminderItem>> {
        let wh = format!(
            "s.state = '{HANDLING}' AND s.round = 1 AND s.assigned_date <= ?1
             AND EXISTS (SELECT 1 FROM suggestion_units su WHERE su.suggestion_id = s.id AND su.role = '协办')"
        );
        self.pick(&wh, &[day], 15)
    }
}

// ---------------------------------------------------------------- calendar, text, detail

/// The user's calendar entries: (date, holiday · workday · normal).
pub fn calendar_days(c: &Connection) -> Result<Vec<(String, String)>> {
    let mut st = c.prepare("SELECT date, kind FROM calendar_days")?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The user's calendar entries of a year.
pub fn calendar_entries(c: &Connection, year: i64) -> Result<Vec<CalendarDay>> {
    let mut st = c.prepare("SELECT date, kind, name FROM calendar_days WHERE substr(date, 1, 4) = ?1")?;
    let rows = st
        .query_map([year.to_string()], |r| {
            Ok(CalendarDay { date: r.get(0)?, kind: r.get(1)?, name: r.get(2)?, builtin: false })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn calendar_put(tx: &Connection, date: &str, kind: &str, name: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO calendar_days (date, kind, name) VALUES (?1, ?2, ?3)
         ON CONFLICT(date) DO UPDATE SET kind = excluded.kind, name = excluded.name",
        params![date, kind, name],
    )?;
    Ok(())
}

pub fn calendar_remove(tx: &Connection, date: &str) -> Result<()> {
    tx.execute("DELETE FROM calendar_days WHERE date = ?1", [date])?;
    Ok(())
}

/// 登记: a new suggestion in 审查中 with its cosigners and search entry; returns (id, uuid).
pub fn insert(tx: &Connection, s: &SuggestionInput) -> Result<(i64, String)> {
    let uuid = uuid::Uuid::new_v4().to_string();
    tx.execute(
        "INSERT INTO suggestions (uuid, term_id, session_id, period, title, body, category, lead_deputy_id,
                received_date, state, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        params![
            uuid,
            s.term_id,
            s.session_id,
            s.period,
            s.title,
            s.body,
            s.category,
            s.lead_deputy_id,
            s.received_date,
            REVIEWING,
            crate::db::now_text()
        ],
    )?;
    let id = tx.last_insert_rowid();
    set_cosigners(tx, id, &s.cosigner_ids)?;
    set_search(tx, id, &s.title, s.body.as_deref(), false)?;
    Ok((id, uuid))
}

/// The text a deputy may still revise, with its cosigners and search entry.
pub fn update_text(tx: &Connection, id: i64, s: &SuggestionInput) -> Result<()> {
    tx.execute(
        "UPDATE suggestions SET title = ?2, body = ?3, category = ?4, lead_deputy_id = ?5, received_date = ?6, period = ?7,
                session_id = ?8, term_id = ?9, updated_at = ?10 WHERE id = ?1",
        params![
            id,
            s.title,
            s.body,
            s.category,
            s.lead_deputy_id,
            s.received_date,
            s.period,
            s.session_id,
            s.term_id,
            crate::db::now_text()
        ],
    )?;
    set_cosigners(tx, id, &s.cosigner_ids)?;
    set_search(tx, id, &s.title, s.body.as_deref(), true)
}

pub fn set_cosigners(tx: &Connection, id: i64, deputies: &[i64]) -> Result<()> {
    tx.execute("DELETE FROM suggestion_cosigners WHERE suggestion_id = ?1", [id])?;
    for d in deputies {
        tx.execute(
            "INSERT OR IGNORE INTO suggestion_cosigners (suggestion_id, deputy_id) VALUES (?1, ?2)",
            params![id, d],
        )?;
    }
    Ok(())
}

/// The columns of the detail page that the ledger's row does not carry.
pub struct DetailColumns {
    pub body: Option<String>,
    pub term_id: Option<i64>,
    pub review_level: i64,
    pub merged_into: Option<i64>,
    pub wide_ranging: bool,
    pub main_unit_id: Option<i64>,
}

pub fn detail_columns(c: &Connection, id: i64) -> Result<DetailColumns> {
    Ok(c.query_row(
        "SELECT body, term_id, review_level, merged_into, wide_ranging, main_unit_id FROM suggestions WHERE id = ?1",
        [id],
        |r| {
            Ok(DetailColumns {
                body: r.get(0)?,
                term_id: r.get(1)?,
                review_level: r.get(2)?,
                merged_into: r.get(3)?,
                wide_ranging: r.get(4)?,
                main_unit_id: r.get(5)?,
            })
        },
    )?)
}

fn ids_of(c: &Connection, sql: &str, id: i64) -> Result<Vec<i64>> {
    let mut st = c.prepare(sql)?;
    let v = st.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(v)
}

pub fn co_unit_ids(c: &Connection, id: i64) -> Result<Vec<i64>> {
    ids_of(c, "SELECT unit_id FROM suggestion_units WHERE suggestion_id = ?1 AND role = '协办'", id)
}

pub fn cosigner_ids(c: &Connection, id: i64) -> Result<Vec<i64>> {
    ids_of(c, "SELECT deputy_id FROM suggestion_cosigners WHERE suggestion_id = ?1", id)
}

/// A unit's name, whether it is a township's, and its pinyin key.
pub type UnitSortName = (String, bool, Vec<u8>);

/// Every unit's name, whether it is a township's, and its pinyin key: the order of unit tables.
pub fn unit_sort_names(c: &Connection) -> Result<std::collections::HashMap<i64, UnitSortName>> {
    let names = c
        .prepare("SELECT id, name, kind = '乡镇', pinyin_key FROM units")?
        .query_map([], |r| {
            Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get::<_, Option<Vec<u8>>>(3)?.unwrap_or_default())))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

// ---------------------------------------------------------------- what a registration refers to

// ---------------------------------------------------------------- the Excel import

/// The numbered suggestions of a session: number → id.
pub fn numbered_in_session(c: &Connection, session: i64) -> Result<HashMap<i64, i64>> {
    Ok(c.prepare("SELECT number, id FROM suggestions WHERE session_id = ?1 AND number IS NOT NULL")?
        .query_map([session], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// A suggestion an import adds: filed, already past every review level, marked imported.
pub struct Imported<'a> {
    pub term_id: i64,
    pub session_id: i64,
    pub period: &'a str,
    pub number: i64,
    pub title: &'a str,
    pub lead: i64,
    pub received_date: &'a str,
    pub review_level: i64,
}

/// Inserts an imported suggestion with its search text; returns its id.
pub fn insert_imported(tx: &Connection, s: &Imported) -> Result<i64> {
    tx.execute(
        "INSERT INTO suggestions (uuid, term_id, session_id, period, number, title, lead_deputy_id, received_date, state,
                review_level, imported, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1, ?11, ?11)",
        params![
            uuid::Uuid::new_v4().to_string(),
            s.term_id,
            s.session_id,
            s.period,
            s.number,
            s.title,
            s.lead,
            s.received_date,
            FILED,
            s.review_level,
            crate::db::now_text()
        ],
    )?;
    let id = tx.last_insert_rowid();
    set_search(tx, id, s.title, None, false)?;
    Ok(id)
}

/// The title and category an import row gives.
pub fn set_title_category(tx: &Connection, id: i64, title: &str, category: Option<&str>) -> Result<()> {
    tx.execute(
        "UPDATE suggestions SET title = ?2, category = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, title, category, crate::db::now_text()],
    )?;
    Ok(())
}

/// The fields of a stored suggestion as an import row would show them.
pub fn import_display(c: &Connection, id: i64) -> Result<Vec<(&'static str, String)>> {
    Ok(c.query_row(
        "SELECT s.title, coalesce(s.category, ''), coalesce(u.name, ''),
                coalesce((SELECT group_concat(u2.name, '、') FROM suggestion_units su JOIN units u2 ON u2.id = su.unit_id WHERE su.suggestion_id = s.id AND su.role = '协办'), ''),
                coalesce(s.assigned_date, ''), coalesce(s.due_date, ''), CASE s.key_item WHEN 1 THEN '是' ELSE '否' END,
                coalesce(s.reply_date, ''), coalesce(s.reply_class, ''), coalesce(s.latest_result, '')
           FROM suggestions s LEFT JOIN units u ON u.id = s.main_unit_id WHERE s.id = ?1",
        [id],
        |r| {
            Ok(vec![
                ("title", r.get(0)?),
                ("category", r.get(1)?),
                ("main_unit", r.get(2)?),
                ("co_units", r.get(3)?),
                ("assigned_date", r.get(4)?),
                ("due_date", r.get(5)?),
                ("key_item", r.get(6)?),
                ("reply_date", r.get(7)?),
                ("class", r.get(8)?),
                ("satisfaction", r.get(9)?),
            ])
        },
    )?)
}

/// `UPDATE suggestions SET {sql}` of one suggestion, `?3`… being `p` (`?1` its id, `?2` now).
pub fn set_columns(tx: &Connection, id: i64, sql: &str, p: &[&dyn rusqlite::ToSql]) -> Result<()> {
    let now = crate::db::now_text();
    let mut all: Vec<&dyn rusqlite::ToSql> = vec![&id, &now];
    all.extend_from_slice(p);
    tx.execute(&format!("UPDATE suggestions SET updated_at = ?2, {sql} WHERE id = ?1"), all.as_slice())?;
    Ok(())
}

/// The latest reply's 文号 of each suggestion of `ids` (a JSON array: one value, however many).
pub fn latest_doc_nos(c: &Connection, ids: &str) -> Result<HashMap<i64, Option<String>>> {
    Ok(c.prepare(
        "SELECT suggestion_id, doc_no FROM suggestion_replies WHERE id IN (SELECT max(id) FROM suggestion_replies
          WHERE suggestion_id IN (SELECT value FROM json_each(?1)) GROUP BY suggestion_id)",
    )?
    .query_map([ids], |r| Ok((r.get(0)?, r.get(1)?)))?
    .collect::<rusqlite::Result<_>>()?)
}

/// The contact forms used with each suggestion of `ids` (a JSON array), comma-separated.
pub fn contact_forms(c: &Connection, ids: &str) -> Result<HashMap<i64, String>> {
    Ok(c.prepare(
        "SELECT suggestion_id, group_concat(DISTINCT form) FROM suggestion_contacts
          WHERE suggestion_id IN (SELECT value FROM json_each(?1)) GROUP BY suggestion_id",
    )?
    .query_map([ids], |r| Ok((r.get(0)?, r.get(1)?)))?
    .collect::<rusqlite::Result<_>>()?)
}

/// The latest date a suggestion was received (the end of the `received_date` index).
pub fn latest_received_date(c: &Connection) -> Result<Option<String>> {
    Ok(c.query_row("SELECT max(received_date) FROM suggestions", [], |r| r.get(0))?)
}
