//! `cargo bench --bench stations` — 一档四簿 at the size of DESIGN.md §6 (`renda demo --scale large`:
//! 1,000,000 register entries over ten years): the median and p95 of several runs of a register's
//! filtered first page and of a search of its text for a 2-character term (targets < 50 ms), the
//! station figures of a year (< 200 ms), the home page's station part (< 100 ms), and a year's
//! register export beside rust_xlsxwriter writing the same cells alone (target ≤ 1.5).

mod common;

use std::time::{Duration, Instant};

use common::{export_vs_baseline, median, ms, report};

use renda::stations::model::{EntryQuery, PeriodQuery};
use renda::Renda;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("renda.db");
    let t = Instant::now();
    // `RENDA_BENCH_DB`: a large demo built before, copied (opening it may migrate it) instead of
    // built again (minutes)
    let r = match std::env::var_os("RENDA_BENCH_DB") {
        Some(src) => {
            std::fs::copy(&src, &db).unwrap();
            Renda::open(&db).unwrap()
        }
        None => {
            let mut r = Renda::open(&db).unwrap();
            r.load_demo(renda::demo::Scale::Large).unwrap();
            r
        }
    };
    let (entries, stations): (i64, i64) = r
        .conn()
        .query_row("SELECT (SELECT count(*) FROM register_entries), (SELECT count(*) FROM stations)", [], |x| {
            Ok((x.get(0)?, x.get(1)?))
        })
        .unwrap();
    println!(
        "人大工作台 stations benchmark — {entries} register entries, {stations} stations (ready in {:.1} s)",
        t.elapsed().as_secs_f64()
    );
    // the busiest station and the year before this one (a full year of entries)
    let (station, n): (i64, i64) = r
        .conn()
        .query_row(
            "SELECT station_id, count(*) c FROM register_entries GROUP BY station_id ORDER BY c DESC LIMIT 1",
            [],
            |x| Ok((x.get(0)?, x.get(1)?)),
        )
        .unwrap();
    let year: i64 = chrono::Local::now().format("%Y").to_string().parse::<i64>().unwrap() - 1;
    println!("the busiest station holds {n} entries; year {year}");

    let checks: Vec<(&str, f64, (Duration, Duration))> = vec![
        (
            "register page: station + book + year, newest first",
            50.0,
            median(
                || {
                    r.entry_list(&EntryQuery {
                        station_id: Some(station),
                        book: Some("contact".into()),
                        year: Some(year),
                        ..Default::default()
                    })
                    .unwrap();
                },
                40,
            ),
        ),
        (
            "register page: open loops of a station",
            50.0,
            median(
                || {
                    r.entry_list(&EntryQuery {
                        station_id: Some(station),
                        book: Some("contact".into()),
                        open_only: Some(true),
                        ..Default::default()
                    })
                    .unwrap();
                },
                40,
            ),
        ),
        (
            "search 2 characters in a station's registers: 路灯",
            50.0,
            median(
                || {
                    r.entry_list(&EntryQuery {
                        station_id: Some(station),
                        q: Some("路灯".into()),
                        ..Default::default()
                    })
                    .unwrap();
                },
                40,
            ),
        ),
        (
            "search 4 characters in a station's registers: 饮水安全",
            50.0,
            median(
                || {
                    r.entry_list(&EntryQuery {
                        station_id: Some(station),
                        q: Some("饮水安全".into()),
                        ..Default::default()
                    })
                    .unwrap();
                },
                40,
            ),
        ),
        (
            "station figures of a year (all stations)",
            200.0,
            median(
                || {
                    r.station_figures(&PeriodQuery { year: Some(year), ..Default::default() }).unwrap();
                },
                10,
            ),
        ),
        (
            "home: station reminders + this year's figures",
            100.0,
            median(
                || {
                    r.station_reminders().unwrap();
                    r.station_figures(&PeriodQuery { year: Some(year + 1), ..Default::default() }).unwrap();
                },
                10,
            ),
        ),
        (
            // the registers' part from the per-day deputy counts of migration 0009
            "履职积分 of a year: every deputy counted and ranked, a page",
            200.0,
            median(
                || {
                    let q = renda::evaluation::model::PointsQuery { year, page_size: Some(20), ..Default::default() };
                    r.points_table(&q).unwrap();
                },
                10,
            ),
        ),
    ];
    report(&checks);

    let t = Instant::now();
    let year_rows = r
        .entry_list(&EntryQuery {
            station_id: Some(station),
            book: Some("contact".into()),
            year: Some(year),
            page_size: Some(0),
            ..Default::default()
        })
        .unwrap();
    println!("(reading the {} rows of the export: {:.0} ms)", year_rows.total, ms(t.elapsed()));
    // a year of the busiest station's 联系群众 register: ours vs the same cells by rust_xlsxwriter alone
    let args =
        renda::api::RegisterExportArgs { station_id: station, book: "contact".into(), year, ..Default::default() };
    export_vs_baseline("register export", || r.export_register(&args, false).unwrap());
}
