//! The figures' fast paths stay exact: the per-day station figures kept by triggers equal a
//! recount of the registers after every kind of write (forms, edits, removals, an import, raw
//! SQL), and the figure queries read the index they were designed for (EXPLAIN QUERY PLAN).

mod common;

use common::*;
use renda::excel::import::ImportOptions;
use renda::stations::model::*;
use renda::suggestions::model::FigureQuery;

/// (date, station, the eight counts) of every day and station with anything to count.
type Days = Vec<(String, i64, [i64; 8])>;

fn kept(c: &rusqlite::Connection) -> Days {
    let mut st = c
        .prepare(
            "SELECT date, station_id, activities, public_count, deputy_visits, contacts, on_spot, transferred, closed, opinions
               FROM register_day_figures ORDER BY date, station_id",
        )
        .unwrap();
    let rows = st
        .query_map([], |r| {
            let mut n = [0i64; 8];
            for (i, v) in n.iter_mut().enumerate() {
                *v = r.get(i + 2)?;
            }
            Ok((r.get(0)?, r.get(1)?, n))
        })
        .unwrap();
    rows.map(|r| r.unwrap()).filter(|(_, _, n)| n.iter().any(|v| *v != 0)).collect()
}

/// The same counts straight from the entries, by DOMAIN.md §3's definitions (收集意见: opinion entries
/// and the activities' 形成意见数).
fn recount(c: &rusqlite::Connection) -> Days {
    let mut st = c
        .prepare(
            "SELECT e.date, e.station_id,
                    sum(e.book = 'activity'),
                    coalesce(sum(CASE WHEN e.book = 'activity' THEN e.public_count END), 0),
                    (SELECT count(*) FROM register_entries a JOIN register_deputies x ON x.entry_id = a.id
                      WHERE a.book = 'activity' AND a.active = 1 AND x.role = 'present'
                        AND a.date = e.date AND a.station_id = e.station_id),
                    sum(e.book = 'contact'),
                    coalesce(sum(e.book = 'contact' AND e.handling = '当场答复'), 0),
                    sum(e.book = 'contact' AND e.handling IS NOT NULL AND e.handling <> '当场答复'),
                    sum(e.book = 'contact' AND e.handling IS NOT NULL AND e.handling <> '当场答复' AND e.feedback_date IS NOT NULL),
                    sum(e.book = 'opinion') + coalesce(sum(CASE WHEN e.book = 'activity' THEN e.opinion_count END), 0)
               FROM register_entries e WHERE e.active = 1 GROUP BY e.date, e.station_id ORDER BY e.date, e.station_id",
        )
        .unwrap();
    let rows = st
        .query_map([], |r| {
            let mut n = [0i64; 8];
            for (i, v) in n.iter_mut().enumerate() {
                *v = r.get(i + 2)?;
            }
            Ok((r.get(0)?, r.get(1)?, n))
        })
        .unwrap();
    rows.map(|r| r.unwrap()).filter(|(_, _, n)| n.iter().any(|v| *v != 0)).collect()
}

fn assert_exact(r: &renda::Renda, after: &str) {
    let (k, n) = (kept(r.conn()), recount(r.conn()));
    assert!(!n.is_empty(), "{after}: nothing to count");
    assert_eq!(k.len(), n.len(), "{after}: days with figures");
    for (a, b) in k.iter().zip(&n) {
        assert_eq!(a, b, "{after}: kept figures vs a recount");
    }
    let (k, n) = (kept_deputy_days(r.conn()), recount_deputy_days(r));
    assert!(!n.is_empty(), "{after}: no deputy present anywhere");
    assert_eq!(k.len(), n.len(), "{after}: deputy days");
    for (a, b) in k.iter().zip(&n) {
        assert_eq!(a, b, "{after}: kept deputy counts vs a recount");
    }
}

/// (date, deputy, activities, inspections, receptions, reports) of every day a deputy has any.
type DeputyDays = Vec<(String, i64, [i64; 4])>;

fn deputy_days(c: &rusqlite::Connection, sql: &str) -> DeputyDays {
    let mut st = c.prepare(sql).unwrap();
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, [r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?]))).unwrap();
    rows.map(|r| r.unwrap()).filter(|(_, _, n)| n.iter().any(|v| *v != 0)).collect()
}

fn kept_deputy_days(c: &rusqlite::Connection) -> DeputyDays {
    deputy_days(
        c,
        "SELECT date, deputy_id, activities, inspections, receptions, reports FROM register_deputy_days
          ORDER BY date, deputy_id",
    )
}

/// The same from the entries and their deputies, with the points kind of each activity kind as
/// the engine lists it (述职 activities count as the 述职 book's entries do).
fn recount_deputy_days(r: &renda::Renda) -> DeputyDays {
    let points = r.activity_points().unwrap();
    let kinds = |of: &str| {
        let ks: Vec<String> =
            points.iter().filter(|(_, p)| p.as_deref() == Some(of)).map(|(k, _)| format!("'{k}'")).collect();
        ks.join(",")
    };
    let (inspection, reception, report) = (kinds("inspection"), kinds("reception"), kinds("report"));
    deputy_days(
        r.conn(),
        &format!(
            "SELECT e.date, x.deputy_id, sum(e.book = 'activity'), sum(e.book = 'activity' AND e.kind IN ({inspection})),
                    sum(e.book = 'activity' AND e.kind IN ({reception})),
                    sum(e.book = 'report' OR (e.book = 'activity' AND e.kind IN ({report})))
               FROM register_deputies x JOIN register_entries e ON e.id = x.entry_id
              WHERE e.active = 1 AND x.role = 'present' GROUP BY e.date, x.deputy_id ORDER BY e.date, x.deputy_id"
        ),
    )
}

fn plan(c: &rusqlite::Connection, sql: &str, args: &[&dyn rusqlite::ToSql]) -> String {
    let mut st = c.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let rows = st.query_map(args, |r| r.get::<_, String>(3)).unwrap();
    rows.map(|r| r.unwrap()).collect::<Vec<_>>().join("\n")
}

#[test]
fn kept_station_figures_equal_a_recount_after_every_kind_of_write() {
    let mut t = fresh();
    t.renda.load_demo(renda::demo::Scale::Small).unwrap();
    assert_exact(&t.renda, "the demo");
    let c = t.renda.conn();
    let (station, other): (i64, i64) = c
        .query_row("SELECT min(id), max(id) FROM stations WHERE active = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    form_writes(&mut t.renda, station, other);
    let year = import_writes(&mut t.renda, station, other);
    raw_sql_writes(t.renda.conn());
    assert_exact(&t.renda, "raw SQL");
    assert_page_is_the_recount(&t.renda, year);
}

/// Entries added, edited, turned into an opinion and removed through the forms.
fn form_writes(r: &mut renda::Renda, station: i64, other: i64) {
    let deputies: Vec<i64> = r
        .conn()
        .prepare("SELECT id FROM deputies LIMIT 3")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    // a form: an activity with deputies present and on leave, a contact handed on
    let act = EntryInput {
        station_id: station,
        book: "activity".into(),
        date: "2024-03-06".into(),
        kind: Some("接待选民".into()),
        title: Some("接待选民".into()),
        public_count: Some(7),
        present_ids: vec![deputies[0], deputies[1]],
        leave_ids: vec![deputies[2]],
        ..Default::default()
    };
    let a = r.entry_create(&act).unwrap();
    let contact = EntryInput {
        station_id: station,
        book: "contact".into(),
        date: "2024-03-06".into(),
        kind: Some("进站接待".into()),
        body: Some("路灯不亮".into()),
        person_name: Some("赵大妈".into()),
        handling: Some("转交有关单位".into()),
        transfer_unit: Some("县住建局".into()),
        deadline: Some("2024-04-06".into()),
        present_ids: vec![deputies[0]],
        ..Default::default()
    };
    let k = r.entry_create(&contact).unwrap();
    assert_exact(r, "adding entries");

    // edits: the deputies, the day, the station, the people; the contact fed back
    let moved = EntryInput {
        date: "2024-05-16".into(),
        station_id: other,
        public_count: None,
        present_ids: vec![deputies[2]],
        leave_ids: vec![],
        ..act.clone()
    };
    r.entry_update(a.id, &moved).unwrap();
    let fed_back = EntryInput { feedback_date: Some("2024-04-01".into()), result: Some("已修复".into()), ..contact };
    r.entry_update(k.id, &fed_back).unwrap();
    assert_exact(r, "editing entries");

    // an opinion from the contact, then removals
    r.contact_to_opinion(k.id, None).unwrap();
    assert_exact(r, "an opinion from a contact");
    r.entry_remove(a.id).unwrap();
    assert_exact(r, "removing an activity");
}

/// A year of a station's contacts, exported and read back into another station: the year.
fn import_writes(r: &mut renda::Renda, station: i64, other: i64) -> i64 {
    // an import: a year of a station's contacts, exported and read back into another station
    let year: i64 = r
        .conn()
        .query_row(
            "SELECT substr(max(date), 1, 4) FROM register_entries WHERE book = 'contact' AND station_id = ?1",
            [station],
            |r| r.get::<_, String>(0),
        )
        .unwrap()
        .parse()
        .unwrap();
    let args =
        renda::api::RegisterExportArgs { station_id: station, book: "contact".into(), year, ..Default::default() };
    let bytes = r.export_register(&args, false).unwrap();
    let opts = ImportOptions { skip_invalid: true, ..Default::default() };
    let done = r.import_register(other, "contact", &bytes, "联系群众.xlsx", &opts).unwrap();
    assert!(done.committed && done.added > 0, "the import adds rows");
    assert_exact(r, "an import");
    // and a year of activities, with the deputies present, on leave and absent at each
    let args = renda::api::RegisterExportArgs { book: "activity".into(), ..args };
    let bytes = r.export_register(&args, false).unwrap();
    let done = r.import_register(other, "activity", &bytes, "活动.xlsx", &opts).unwrap();
    assert!(done.committed && done.added > 0, "the import adds activities");
    assert_exact(r, "an import of activities");

    year
}

/// Raw SQL, as a repair or a future path might write: deputies off and moved, rows taken back.
fn raw_sql_writes(c: &rusqlite::Connection) {
    c.execute(
        "DELETE FROM register_deputies WHERE entry_id IN (SELECT id FROM register_entries WHERE book = 'activity' LIMIT 5)",
        [],
    )
    .unwrap();
    let n = c
        .execute(
            "UPDATE register_deputies SET role = 'leave' WHERE role = 'present' AND entry_id IN
                (SELECT id FROM register_entries WHERE book = 'activity' AND active = 1 ORDER BY id DESC LIMIT 3)",
            [],
        )
        .unwrap();
    assert!(n > 0, "deputies moved to 请假");
    c.execute("UPDATE register_entries SET active = 0 WHERE id IN (SELECT id FROM register_entries ORDER BY id DESC LIMIT 20)", [])
        .unwrap();
    let n = c
        .execute(
            "UPDATE register_entries SET book = 'contact', handling = '当场答复' WHERE id =
                (SELECT e.id FROM register_entries e JOIN register_deputies x ON x.entry_id = e.id
                  WHERE e.book = 'activity' AND e.active = 1 AND x.role = 'present' LIMIT 1)",
            [],
        )
        .unwrap();
    assert_eq!(n, 1, "an activity with deputies present becomes a contact");
    deputy_edits(c);
    c.execute(
        "DELETE FROM register_search WHERE rowid IN (SELECT id FROM register_entries e WHERE NOT EXISTS
            (SELECT 1 FROM register_deputies x WHERE x.entry_id = e.id) AND e.book = 'opinion' AND e.suggestion_id IS NULL
            AND NOT EXISTS (SELECT 1 FROM register_entries o WHERE o.source_id = e.id) LIMIT 3)",
        [],
    )
    .unwrap();
    c.execute(
        "DELETE FROM register_entries WHERE id IN (SELECT id FROM register_entries e WHERE NOT EXISTS
            (SELECT 1 FROM register_deputies x WHERE x.entry_id = e.id) AND e.book = 'opinion' AND e.suggestion_id IS NULL
            AND NOT EXISTS (SELECT 1 FROM register_entries o WHERE o.source_id = e.id) LIMIT 3)",
        [],
    )
    .unwrap();
}

/// Raw SQL on what the deputies' counts read: an activity's kind and day, a deputy swapped for
/// another, a 述职 turned into another book.
fn deputy_edits(c: &rusqlite::Connection) {
    let with_deputies = "SELECT e.id FROM register_entries e JOIN register_deputies x ON x.entry_id = e.id
                          WHERE e.active = 1 AND x.role = 'present' AND e.book = ?1";
    let n = c
        .execute(
            &format!("UPDATE register_entries SET kind = '视察' WHERE id IN ({with_deputies} LIMIT 2)"),
            ["activity"],
        )
        .unwrap();
    assert!(n > 0, "an activity's kind changed");
    c.execute(
        &format!(
            "UPDATE register_entries SET kind = '接待选民' WHERE id IN ({with_deputies} ORDER BY e.id DESC LIMIT 2)"
        ),
        ["activity"],
    )
    .unwrap();
    let n = c
        .execute(
            &format!("UPDATE register_entries SET date = '2024-02-29' WHERE id IN ({with_deputies} LIMIT 3)"),
            ["activity"],
        )
        .unwrap();
    assert!(n > 0, "an activity moved to another day");
    let n = c
        .execute(
            "UPDATE register_deputies SET deputy_id = (SELECT max(id) FROM deputies)
              WHERE (entry_id, deputy_id) IN (SELECT x.entry_id, x.deputy_id FROM register_deputies x
                      WHERE x.role = 'present' AND NOT EXISTS (SELECT 1 FROM register_deputies y
                            WHERE y.entry_id = x.entry_id AND y.deputy_id = (SELECT max(id) FROM deputies)) LIMIT 4)",
            [],
        )
        .unwrap();
    assert!(n > 0, "a deputy swapped for another");
    let n = c
        .execute(
            &format!("UPDATE register_entries SET book = 'opinion' WHERE id IN ({with_deputies} LIMIT 1)"),
            ["report"],
        )
        .unwrap();
    assert_eq!(n, 1, "a 述职 with its deputy becomes another book");
}

/// (station, day, deputy) of the deputies present at the year's active entries of a book and kind.
fn present(
    c: &rusqlite::Connection,
    year: i64,
    book: &str,
    kind: &str,
) -> std::collections::HashSet<(i64, String, i64)> {
    let mut st = c
        .prepare(
            "SELECT e.station_id, e.date, x.deputy_id FROM register_entries e JOIN register_deputies x ON x.entry_id = e.id
              WHERE e.active = 1 AND x.role = 'present' AND e.book = ?1 AND (?2 = '' OR e.kind = ?2)
                AND substr(e.date, 1, 4) = ?3",
        )
        .unwrap();
    let rows = st.query_map(rusqlite::params![book, kind, year.to_string()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)));
    rows.unwrap().map(|r| r.unwrap()).collect()
}

/// 进站代表 from the contact book, per station: a deputy of a 进站接待 contact on a day no activity
/// of that station records him present, once per day.
fn contact_visits(c: &rusqlite::Connection, year: i64) -> std::collections::HashMap<i64, i64> {
    let at_activities = present(c, year, "activity", "");
    let mut out = std::collections::HashMap::new();
    for v in present(c, year, "contact", AT_THE_STATION).difference(&at_activities) {
        *out.entry(v.0).or_default() += 1;
    }
    out
}

/// The page's figures of a year, station by station, are the recount's sums.
fn assert_page_is_the_recount(r: &renda::Renda, year: i64) {
    let from_contacts = contact_visits(r.conn(), year);
    let (rows, total) = r.station_figures(&PeriodQuery { year: Some(year), ..Default::default() }).unwrap();
    let mut want: std::collections::HashMap<i64, [i64; 8]> = Default::default();
    for (_, s, n) in recount(r.conn()).iter().filter(|(d, _, _)| d.starts_with(&year.to_string())) {
        let w = want.entry(*s).or_default();
        for (a, b) in w.iter_mut().zip(n) {
            *a += b;
        }
    }
    assert!(!want.is_empty(), "a year with entries");
    for f in &rows {
        let n = want.remove(&f.station_id).unwrap_or_default();
        let got =
            [f.activities, f.deputy_visits, f.people_received, f.answered_on_spot, f.transferred, f.closed, f.opinions];
        let visits = n[2] + from_contacts.get(&f.station_id).copied().unwrap_or(0);
        assert_eq!(got, [n[0], visits, n[1] + n[3], n[4], n[5], n[6], n[7]], "{}", f.station);
    }
    assert!(want.is_empty(), "every station with entries is on the page");
    assert_eq!(total.activities, rows.iter().map(|f| f.activities).sum::<i64>());
}

/// A register's export reads its printed columns from `register_book` alone (migration 0010),
/// in date order without a sorter, and each entry's deputies by their key: never a table row.
#[test]
fn a_register_prints_from_its_index_alone() {
    let mut t = fresh();
    t.renda.load_demo(renda::demo::Scale::Small).unwrap();
    let c = t.renda.conn();
    c.execute_batch("ANALYZE").unwrap();
    let station: i64 = c.query_row("SELECT min(id) FROM stations WHERE active = 1", [], |r| r.get(0)).unwrap();
    for book in ["activity", "contact", "report"] {
        let q = EntryQuery {
            station_id: Some(station),
            book: Some(book.into()),
            year: Some(2025),
            desc: Some(false),
            page_size: Some(0),
            ..Default::default()
        };
        let (sql, args) = renda::stations::store::print_sql(&q, &renda::stations::excel::print_cells(book).unwrap());
        let p = plan(c, &sql, &args.iter().map(|v| v as &dyn rusqlite::ToSql).collect::<Vec<_>>());
        assert!(
            p.contains("SEARCH e USING COVERING INDEX register_book (station_id=? AND book=? AND date>? AND date<?)"),
            "{book}: {p}"
        );
        assert!(p.contains("SEARCH x USING PRIMARY KEY (entry_id=?)"), "{book}: {p}");
        assert!(!p.contains("TEMP B-TREE"), "{book}: {p}");
    }
}

#[test]
fn the_figure_queries_read_their_index_not_the_tables() {
    let mut t = fresh();
    t.renda.load_demo(renda::demo::Scale::Small).unwrap();
    let c = t.renda.conn();
    c.execute_batch("ANALYZE").unwrap();

    // station figures of a year: a range of the per-day table's primary key
    let p = plan(c, renda::stations::store::FIGURES_SQL, &[&"2025-01-01", &"2025-12-31", &rusqlite::types::Null]);
    assert!(p.contains("SEARCH register_day_figures USING PRIMARY KEY (date>? AND date<?)"), "{p}");
    assert!(!p.contains("SCAN"), "{p}");

    // 履职积分 of a year: a range of the per-day deputy counts, the suggestions led through a
    // covering index — never the registers or the suggestions' rows
    let p = plan(c, renda::stations::store::DEPUTY_COUNTS_SQL, &[&"2025-01-01", &"2025-12-31"]);
    assert!(p.contains("SEARCH register_deputy_days USING PRIMARY KEY (date>? AND date<?)"), "{p}");
    assert!(!p.contains("SCAN"), "{p}");
    let p = plan(c, &renda::suggestions::store::led_by_deputy_sql(), &[&"2025-01-01", &"2025-12-31"]);
    assert!(
        p.contains("SEARCH suggestions USING COVERING INDEX suggestions_led (received_date>? AND received_date<?)"),
        "{p}"
    );

    // the unit statistics: indexes only, never the suggestions' wide rows — the main units along
    // the covering `suggestions_figures`, the 协办 rows by role, each one's filter by id
    let sqls =
        renda::suggestions::store::unit_figure_sqls(&FigureQuery::default(), &t.renda.suggestion_settings().unwrap());
    let plans: Vec<String> = sqls
        .iter()
        .map(|(sql, args)| plan(c, sql, &args.iter().map(|v| v as &dyn rusqlite::ToSql).collect::<Vec<_>>()))
        .collect();
    assert!(plans[0].contains("SCAN s USING COVERING INDEX suggestions_figures"), "{}", plans[0]);
    assert!(plans[1].contains("SEARCH su USING COVERING INDEX suggestion_units_role (role=?)"), "{}", plans[1]);
    assert!(plans[1].contains("SEARCH s USING COVERING INDEX suggestions_filter (id=?"), "{}", plans[1]);
    for p in &plans {
        let tables = p.lines().filter(|l| l.contains("SCAN") || l.contains("SEARCH"));
        assert!(tables.clone().all(|l| l.contains("COVERING INDEX")), "{p}");
    }
}

#[test]
fn a_broad_search_pages_along_the_ledger_index_in_the_same_order() {
    let mut t = fresh();
    t.renda.load_demo(renda::demo::Scale::Small).unwrap();
    let c = t.renda.conn();
    c.execute_batch("ANALYZE").unwrap();
    let settings = t.renda.suggestion_settings().unwrap();
    // the commonest character pair of the titles: a search that matches many
    let term: String = c
        .query_row(
            "SELECT substr(title, 1, 2) AS p FROM suggestions GROUP BY p ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    for desc in [false, true] {
        let q = renda::suggestions::model::SuggestionQuery {
            q: Some(term.clone()),
            desc: Some(desc),
            ..Default::default()
        };
        let (wh, args, order) = renda::suggestions::store::filter(&q, &settings, "2026-01-01");
        let ids = |hint: &str| -> Vec<i64> {
            let sql = format!("SELECT s.id FROM suggestions s {hint} {wh} ORDER BY {order}");
            let mut st = c.prepare(&sql).unwrap();
            let rows = st.query_map(rusqlite::params_from_iter(args.iter()), |r| r.get(0)).unwrap();
            rows.map(|r| r.unwrap()).collect()
        };
        let (along, fetched) = (ids("INDEXED BY suggestions_ledger"), ids(""));
        assert!(along.len() > 5, "「{term}」 matches several");
        assert_eq!(along, fetched, "desc = {desc}");
        if !desc {
            let sql =
                format!("SELECT s.id FROM suggestions s INDEXED BY suggestions_ledger {wh} ORDER BY {order} LIMIT 20");
            let args: Vec<&dyn rusqlite::ToSql> = args.iter().map(|v| v as &dyn rusqlite::ToSql).collect();
            let p = plan(c, &sql, &args);
            assert!(p.contains("SCAN s USING COVERING INDEX suggestions_ledger"), "{p}");
            assert!(!p.contains("TEMP B-TREE FOR ORDER BY"), "{p}");
        }
    }
}
