//! `cargo bench --bench suggestions` — the 代表建议 pages at the size of DESIGN.md §6
//! (`renda demo --scale large`: 5,000 deputies, 100,000 suggestions over ten sessions):
//! the median and p95 of several runs of the roster's and the ledger's first page (filtered and
//! sorted), full-text search for a 2- and a 4-character term (targets < 50 ms), the unit
//! statistics and the dashboard (< 200 ms), and a session's ledger export beside rust_xlsxwriter
//! writing the same cells alone (target ≤ 1.5).

mod common;

use std::time::{Duration, Instant};

use common::{export_vs_baseline, median, report};

use renda::suggestions::model::{FigureQuery, SuggestionQuery};
use renda::Renda;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = Renda::open(&dir.path().join("renda.db")).unwrap();
    let t = Instant::now();
    let s = r.load_demo(renda::demo::Scale::Large).unwrap();
    println!(
        "人大工作台 suggestions benchmark — {} suggestions, {} deputies (demo built in {:.1} s)",
        s.suggestions,
        s.deputies,
        t.elapsed().as_secs_f64()
    );
    let session = r
        .suggestion_list(&SuggestionQuery { page_size: Some(1), sort: Some("received".into()), ..Default::default() })
        .unwrap()
        .items[0]
        .session_id;

    let checks: Vec<(&str, f64, (Duration, Duration))> = vec![
        (
            "ledger page: state filter, sort by due date",
            50.0,
            median(
                || {
                    r.suggestion_list(&SuggestionQuery {
                        state: Some("办结".into()),
                        sort: Some("due".into()),
                        desc: Some(true),
                        ..Default::default()
                    })
                    .unwrap();
                },
                40,
            ),
        ),
        (
            "ledger page: session + unit filter",
            50.0,
            median(
                || {
                    r.suggestion_list(&SuggestionQuery { session_id: session, unit_id: Some(3), ..Default::default() })
                        .unwrap();
                },
                40,
            ),
        ),
        (
            "ledger page: no filter, by number",
            50.0,
            median(
                || {
                    r.suggestion_list(&SuggestionQuery::default()).unwrap();
                },
                40,
            ),
        ),
        (
            "search 2 characters: 消防",
            50.0,
            median(
                || {
                    r.suggestion_list(&SuggestionQuery { q: Some("消防".into()), ..Default::default() }).unwrap();
                },
                40,
            ),
        ),
        (
            "search 4 characters: 饮水安全",
            50.0,
            median(
                || {
                    r.suggestion_list(&SuggestionQuery { q: Some("饮水安全".into()), ..Default::default() }).unwrap();
                },
                40,
            ),
        ),
        (
            "代表名册 page: pinyin initials zs, by strokes",
            50.0,
            median(
                || {
                    r.deputy_list(&renda::roster::model::DeputyQuery {
                        q: Some("zs".into()),
                        sort: Some("strokes".into()),
                        ..Default::default()
                    })
                    .unwrap();
                },
                40,
            ),
        ),
        (
            "代表名册 page: level 乡, by pinyin",
            50.0,
            median(
                || {
                    r.deputy_list(&renda::roster::model::DeputyQuery {
                        level: Some("乡".into()),
                        ..Default::default()
                    })
                    .unwrap();
                },
                40,
            ),
        ),
        (
            "unit statistics (all units)",
            200.0,
            median(
                || {
                    r.unit_figures(&FigureQuery::default()).unwrap();
                },
                10,
            ),
        ),
        (
            "dashboard: reminders + year figures",
            200.0,
            median(
                || {
                    r.reminders().unwrap();
                    r.suggestion_figures(&FigureQuery { year: Some(2026), ..Default::default() }).unwrap();
                    r.unit_figures(&FigureQuery { year: Some(2026), ..Default::default() }).unwrap();
                },
                10,
            ),
        ),
    ];
    report(&checks);

    // a session's ledger: ours vs the same cells written by rust_xlsxwriter alone
    let q = SuggestionQuery { session_id: session, ..Default::default() };
    export_vs_baseline("ledger export", || r.export_ledger(&q).unwrap());
}
