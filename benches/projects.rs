//! `cargo bench --bench projects` — 民生实事项目 at a county's size (DOMAIN.md §5):
//! - the figures of a year (§5.6) at 3,000 projects and 60,000 progress entries (a tenth over two
//!   years, a third with sub-items, every one rated): the composed figures (target < 100 ms, an
//!   ordinary run) beside a raw baseline, one plain query reading each project's latest progress
//!   and its ratings, and their ratio;
//! - the import of a 500-row 进度表 (§5.3) matched by name to 500 projects with three earlier entries
//!   each, beside calamine reading the same file + the same progress INSERTs in one transaction —
//!   target ratio ≤ 2.0. As in `benches/excel.rs`, the import is the call that writes (it reads
//!   the file again, checks every row, takes the backup, writes rows, audit and log); the preview
//!   the window shows before it is its own call, timed and compared apart.

// the shared export baseline is not used here: these figures are not an export
#[allow(dead_code)]
mod common;

use std::collections::HashMap;
use std::io::Cursor;
use std::time::{Duration, Instant};

use calamine::{open_workbook_auto_from_rs, Data, DataType, Reader};
use common::{median, middle, report};
use renda::excel::import::ImportOptions;
use renda::office::OfficeInput;
use renda::reports::FiguresQuery;
use renda::Renda;
use rusqlite::params;

const YEAR: i64 = 2026;
const PROJECTS: i64 = 3_000;
const ENTRIES: i64 = 20;

/// The county's year, written in one transaction.
fn fill(r: &Renda) {
    let c = r.conn();
    c.execute_batch("BEGIN").unwrap();
    let now = "2026-12-01 09:00:00";
    c.execute(
        "INSERT INTO evaluations (uuid, year, name, kind, rule, created_at, updated_at) VALUES ('e', ?1, '测评', '民生实事测评', 'majority', ?2, ?2)",
        params![YEAR, now],
    )
    .unwrap();
    c.execute("INSERT INTO evaluation_groups (evaluation_id, position, name, weight, expected) VALUES (1, 1, '人大代表', 1, 180)", []).unwrap();
    let mut cand = c.prepare("INSERT INTO project_candidates (uuid, year, position, name, field, investment, content, planned_end, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, '交通', 100, '内容', '2026-10-31', ?5, ?5)").unwrap();
    let mut sub = c
        .prepare("INSERT INTO project_subitems (candidate_id, position, name, done_date) VALUES (?1, ?2, ?3, ?4)")
        .unwrap();
    let mut proj = c.prepare("INSERT INTO projects (uuid, year, candidate_id, name, field, investment, status, actual_end, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, '交通', ?5, ?6, ?7, ?8, ?8)").unwrap();
    let mut years = c.prepare("INSERT INTO project_years (project_id, year, planned) VALUES (?1, ?2, ?3)").unwrap();
    let mut prog = c.prepare("INSERT INTO project_progress (uuid, project_id, date, stage, invested, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)").unwrap();
    let mut subj = c.prepare("INSERT INTO evaluation_subjects (uuid, evaluation_id, position, name, project_id) VALUES (?1, 1, ?2, ?3, ?2)").unwrap();
    let mut ballot = c.prepare("INSERT INTO ballot_counts (subject_id, group_id, present, invalid, satisfied, basic, unsatisfied, abstain, updated_at) VALUES (?1, 1, 170, 2, 120, 40, 8, 0, ?2)").unwrap();
    for i in 1..=PROJECTS {
        let name = format!("项目{i}");
        cand.execute(params![format!("c{i}"), YEAR, i, name, now]).unwrap();
        let multi = i % 10 == 0;
        let year = if multi { YEAR - 1 } else { YEAR };
        let (status, end) = if i % 3 == 0 { ("done", Some("2026-10-31")) } else { ("active", None) };
        proj.execute(params![format!("p{i}"), year, i, name, 100.0 + i as f64, status, end, now]).unwrap();
        if multi {
            years.execute(params![i, YEAR - 1, 40.0]).unwrap();
            years.execute(params![i, YEAR, 60.0]).unwrap();
        }
        if i % 3 == 1 {
            for s in 1..=5 {
                sub.execute(params![i, s, format!("子项目{s}"), (s < 3).then_some("2026-08-01")]).unwrap();
            }
        }
        // twenty entries a project: monthly over the project's months (last year's too for the two-year ones)
        for e in 0..ENTRIES {
            let (y, m) = if multi { (YEAR - 1 + e / 12, e % 12 + 1) } else { (YEAR, (e % 12) + 1) };
            let stage = if e == 0 {
                "preparing"
            } else if e == ENTRIES - 1 && status == "done" {
                "finished"
            } else {
                "building"
            };
            prog.execute(params![
                format!("g{i}-{e}"),
                i,
                format!("{y}-{m:02}-{:02}", 10 + e / 12),
                stage,
                5.0 * e as f64,
                now
            ])
            .unwrap();
        }
        subj.execute(params![format!("s{i}"), i, name]).unwrap();
        ballot.execute(params![i, now]).unwrap();
    }
    drop((cand, sub, proj, years, prog, subj, ballot));
    c.execute_batch("COMMIT; ANALYZE;").unwrap();
}

/// The raw baseline: one plain query over the same rows — each project of the year, its latest
/// progress entry to the year's end and its rating sums — summed in the loop that reads it.
fn raw(r: &Renda) -> f64 {
    let mut st = r
        .conn()
        .prepare_cached(
            "SELECT p.investment,
                    (SELECT invested FROM project_progress g WHERE g.project_id = p.id AND g.date <= '2026-12-31' ORDER BY g.date DESC LIMIT 1),
                    (SELECT sum(b.satisfied) FROM evaluation_subjects s JOIN ballot_counts b ON b.subject_id = s.id WHERE s.project_id = p.id)
               FROM projects p WHERE p.year = ?1 OR p.id IN (SELECT project_id FROM project_years WHERE year = ?1)",
        )
        .unwrap();
    let mut sum = 0.0;
    let mut rows = st.query([YEAR]).unwrap();
    while let Some(row) = rows.next().unwrap() {
        sum += row.get::<_, f64>(0).unwrap() + row.get::<_, Option<f64>>(1).unwrap().unwrap_or(0.0);
        sum += row.get::<_, Option<i64>>(2).unwrap().unwrap_or(0) as f64;
    }
    sum
}

const SHEET_ROWS: i64 = 500;
const EARLIER: i64 = 3;
const SHEET_HEADERS: [&str; 8] =
    ["序号", "牵头单位", "项目名称", "业主单位", "本月进展", "完成投资", "形象进度(%)", "日期"];

/// 500 projects of the year, each with three monthly entries already (so the idempotence keys and
/// the 完成投资 check have rows to look through), in one transaction.
fn fill_for_import(r: &Renda) {
    let c = r.conn();
    c.execute_batch("BEGIN").unwrap();
    let now = "2026-11-01 09:00:00";
    let mut proj = c.prepare("INSERT INTO projects (uuid, year, name, field, investment, lead_unit, owner_unit, start_date, planned_end, status, created_at, updated_at) VALUES (?1, ?2, ?3, '交通', 500, '县交通运输局', '县公路事务中心', '2026-03-01', '2026-12-31', 'active', ?4, ?4)").unwrap();
    let mut prog = c.prepare("INSERT INTO project_progress (uuid, project_id, date, stage, percent, text, invested, source, created_at) VALUES (?1, ?2, ?3, 'building', ?4, ?5, ?6, 'import', ?7)").unwrap();
    for i in 1..=SHEET_ROWS {
        proj.execute(params![format!("p{i}"), YEAR, format!("民生实事项目{i}"), now]).unwrap();
        for e in 1..=EARLIER {
            let m = 7 + e;
            let text = format!("第{m}月完成路基{e}0%");
            prog.execute(params![
                format!("g{i}-{e}"),
                i,
                format!("2026-{m:02}-28"),
                20.0 * e as f64,
                text,
                50.0 * e as f64,
                now
            ])
            .unwrap();
        }
    }
    drop((proj, prog));
    c.execute_batch("COMMIT; ANALYZE;").unwrap();
}

/// The government's 11月 进度表: one row per project, as the 县政府督查室 sends it.
fn progress_sheet() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in SHEET_HEADERS.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for i in 1..=SHEET_ROWS {
        let r = i as u32;
        ws.write_number(r, 0, i as f64).unwrap();
        ws.write_string(r, 1, "县交通运输局").unwrap();
        ws.write_string(r, 2, format!("民生实事项目{i}")).unwrap();
        ws.write_string(r, 3, "县公路事务中心").unwrap();
        ws.write_string(r, 4, format!("路面铺设完成{}公里，附属设施同步施工", i % 9 + 1)).unwrap();
        ws.write_number(r, 5, 200.0 + (i % 50) as f64).unwrap();
        ws.write_number(r, 6, 80.0).unwrap();
        ws.write_string(r, 7, "2026-11-30").unwrap();
    }
    wb.save_to_buffer().unwrap()
}

/// A database with the 500 projects, made before the clock starts.
fn import_db(path: &std::path::Path) -> Renda {
    let mut r = Renda::open(path).unwrap();
    r.start_blank(Some(&OfficeInput { name: "清河县人大常委会".into(), level: "县".into() })).unwrap();
    fill_for_import(&r);
    r
}

/// The raw baseline: calamine reads the sheet, one query maps names to ids, and the same
/// progress rows are inserted in one transaction.
fn raw_import(path: &std::path::Path, sheet: &[u8]) {
    let mut conn = rusqlite::Connection::open(path).unwrap();
    let mut wb = open_workbook_auto_from_rs(Cursor::new(sheet.to_vec())).unwrap();
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).unwrap();
    let ids: HashMap<String, i64> = conn
        .prepare("SELECT name, id FROM projects")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut ins = tx.prepare("INSERT INTO project_progress (uuid, project_id, date, stage, percent, text, invested, source, created_at) VALUES (?1, ?2, ?3, 'building', ?4, ?5, ?6, 'import', ?7)").unwrap();
        for row in range.rows().skip(1) {
            let text = |c: usize| match row.get(c) {
                Some(Data::String(s)) => s.clone(),
                Some(other) => other.to_string(),
                None => String::new(),
            };
            let num = |c: usize| row.get(c).and_then(|d| d.as_f64());
            let id = ids[&text(2)];
            let uuid = uuid::Uuid::new_v4().to_string();
            ins.execute(params![uuid, id, text(7), num(6), text(4), num(5), "2026-12-01 09:00:00"]).unwrap();
        }
    }
    tx.commit().unwrap();
}

/// Our import against the raw baseline, each run into a new copy of the 500 projects, the two in
/// turns so that both see the same machine: their medians.
fn import_vs_raw(dir: &std::path::Path) -> (Duration, Duration, Duration) {
    let sheet = progress_sheet();
    let (mut ours, mut base, mut previews) = (Vec::new(), Vec::new(), Vec::new());
    for run in 0..9 {
        let mut r = import_db(&dir.join(format!("import-{run}.db")));
        let t = Instant::now();
        let preview = r
            .import_progress(&sheet, "进度表.xlsx", None, &ImportOptions { dry_run: true, ..Default::default() })
            .unwrap();
        previews.push(t.elapsed());
        let t = Instant::now();
        let report = r.import_progress(&sheet, "进度表.xlsx", None, &ImportOptions::default()).unwrap();
        ours.push(t.elapsed());
        assert_eq!((preview.added, preview.errors.len()), (SHEET_ROWS, 0), "{:?}", preview.errors.first());
        assert!(report.committed && report.added == SHEET_ROWS);
        drop(r);
        let path = dir.join(format!("raw-{run}.db"));
        drop(import_db(&path));
        let t = Instant::now();
        raw_import(&path, &sheet);
        base.push(t.elapsed());
        let n: i64 = rusqlite::Connection::open(&path)
            .unwrap()
            .query_row("SELECT count(*) FROM project_progress", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, SHEET_ROWS * (EARLIER + 1));
    }
    (middle(ours), middle(previews), middle(base))
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let (ours, preview, base) = import_vs_raw(dir.path());
    println!("人大工作台 进度表 import — {SHEET_ROWS} rows onto {SHEET_ROWS} projects with {EARLIER} entries each (medians of 9 runs)");
    println!("{:<54}{:>12}", "", "median (ms)");
    println!("{:<54}{:>12.1}", "import 进度表 (xlsx → SQLite, backup, log)", common::ms(ours));
    println!("{:<54}{:>12.1}", "preview before it (dry run, nothing written)", common::ms(preview));
    println!("{:<54}{:>12.1}", "raw baseline: calamine + the same INSERTs", common::ms(base));
    let ratio = |d: Duration| d.as_secs_f64() / base.as_secs_f64();
    println!("import ratio ours / raw baseline (medians): {:.2} (target ≤ 2.0)", ratio(ours));
    println!("preview ratio ours / raw baseline (medians): {:.2}", ratio(preview));

    let mut r = Renda::open(&dir.path().join("renda.db")).unwrap();
    r.start_blank(Some(&OfficeInput { name: "清河县人大常委会".into(), level: "县".into() })).unwrap();
    let t = Instant::now();
    fill(&r);
    let f = r.project_figures(&FiguresQuery { year: YEAR }).unwrap().total;
    println!(
        "人大工作台 projects benchmark — {} projects of {YEAR} ({} sub-items), {} progress entries (filled in {:.1} s)",
        f.projects,
        f.subitems,
        PROJECTS * ENTRIES,
        t.elapsed().as_secs_f64()
    );
    assert_eq!(f.projects, PROJECTS);
    let ours = median(
        || {
            std::hint::black_box(r.project_figures(&FiguresQuery { year: YEAR }).unwrap());
        },
        21,
    );
    let base = median(
        || {
            std::hint::black_box(raw(&r));
        },
        21,
    );
    let checks: Vec<(&str, f64, (Duration, Duration))> = vec![
        ("民生实事 figures of a county year (本级 + 合计)", 100.0, ours),
        ("raw baseline: one plain query", 100.0, base),
    ];
    report(&checks);
    println!("ratio ours / raw baseline (medians): {:.2}", ours.0.as_secs_f64() / base.0.as_secs_f64());
}
