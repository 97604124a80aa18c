//! `cargo bench --bench projects` — 民生实事项目 figures of a county's year (DOMAIN.md §5.6) at
//! 3,000 projects and 60,000 progress entries (a tenth over two years, a third with sub-items,
//! every one rated): the composed figures (target < 100 ms, an ordinary run) beside a raw
//! baseline, one plain query reading each project's latest progress and its ratings, and their ratio.

// the shared export baseline is not used here: these figures are not an export
#[allow(dead_code)]
mod common;

use std::time::{Duration, Instant};

use common::{median, report};
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

fn main() {
    let dir = tempfile::tempdir().unwrap();
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
