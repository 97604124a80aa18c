//! `cargo bench --bench oversight` — 审议意见办理 at a large county's size (DOMAIN.md §6.5): the
//! figures of ten years (2,000 审议意见 with 20,000 problems, 3,000 rounds, 20,000 推进情况 entries)
//! — every year at once, and one year — and a year's 上报包 rows and its figures by level, beside a
//! raw baseline (one plain query per table grouped by year, summed in the loop that reads it), and
//! their ratio. Target: < 100 ms (an ordinary run).

#[allow(dead_code)]
mod common;

use std::time::{Duration, Instant};

use common::{median, report};
use renda::office::OfficeInput;
use renda::Renda;
use rusqlite::params;

const FIRST: i64 = 2017;
const YEARS: i64 = 10;
const OPINIONS_A_YEAR: i64 = 200;
const PROBLEMS: i64 = 10;

/// Ten years of the county's opinions, written in one transaction.
fn fill(r: &Renda) {
    let c = r.conn();
    c.execute_batch("BEGIN").unwrap();
    let now = "2026-12-01 09:00:00";
    let mut topic = c.prepare("INSERT INTO oversight_topics (uuid, year, title, body, report_kind, created_at, updated_at) VALUES (?1, ?2, ?3, '县人民政府', 'special', ?4, ?4)").unwrap();
    let mut meeting = c.prepare("INSERT INTO oversight_meetings (uuid, kind, term, number, date, created_at) VALUES (?1, 'standing', ?2, ?3, ?4, ?5)").unwrap();
    let mut opinion = c.prepare("INSERT INTO oversight_opinions (uuid, topic_id, meeting_id, doc_no, adopted_date, state, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)").unwrap();
    let mut round = c.prepare("INSERT INTO oversight_rounds (opinion_id, round, assigned_date, due_date, first_due, report_date, passed) VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6)").unwrap();
    let mut problem = c.prepare("INSERT INTO oversight_problems (uuid, opinion_id, position, text, category, unit, status, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 'problem', '县财政局', ?5, ?6, ?6)").unwrap();
    let mut progress = c.prepare("INSERT INTO oversight_progress (problem_id, date, text, status, created_at) VALUES (?1, ?2, '推进', ?3, ?4)").unwrap();
    let mut n = 0;
    for y in FIRST..FIRST + YEARS {
        for k in 1..=OPINIONS_A_YEAR {
            n += 1;
            let m = k % 12 + 1;
            let date = format!("{y}-{m:02}-10");
            topic.execute(params![format!("t{n}"), y, format!("议题{n}"), now]).unwrap();
            meeting.execute(params![format!("m{n}"), format!("第{y}届"), k, date, now]).unwrap();
            let state = if k % 4 == 0 { "closed" } else { "reported" };
            opinion
                .execute(params![format!("o{n}"), n, n, format!("县人大常发〔{y}〕{k}号"), date, state, now])
                .unwrap();
            let due = format!("{y}-{m:02}-28");
            let late = k % 5 == 0;
            let report = if late { format!("{y}-{m:02}-29") } else { format!("{y}-{m:02}-20") };
            round.execute(params![n, 1, date, due, report, k % 3 != 0]).unwrap();
            if k % 2 == 0 {
                round.execute(params![n, 2, date, due, report, true]).unwrap();
            }
            for p in 1..=PROBLEMS {
                let id = (n - 1) * PROBLEMS + p;
                let status = if p % 3 == 0 { "doing" } else { "done" };
                problem.execute(params![format!("p{id}"), n, p, format!("问题{p}"), status, now]).unwrap();
                progress.execute(params![id, date, status, now]).unwrap();
            }
        }
    }
    drop((topic, meeting, opinion, round, problem, progress));
    c.execute_batch("COMMIT; ANALYZE;").unwrap();
}

/// The raw baseline: the same counts by plain queries, one per table, summed while read.
fn raw(r: &Renda) -> i64 {
    let c = r.conn();
    let mut sum = 0;
    for sql in [
        "SELECT substr(adopted_date, 1, 4), count(*), sum(state = 'closed') FROM oversight_opinions GROUP BY 1",
        "SELECT substr(o.adopted_date, 1, 4), count(*), sum(r.report_date <= r.first_due) FROM oversight_rounds r JOIN oversight_opinions o ON o.id = r.opinion_id GROUP BY 1",
        "SELECT substr(o.adopted_date, 1, 4), count(*), sum(p.status = 'done') FROM oversight_problems p JOIN oversight_opinions o ON o.id = p.opinion_id GROUP BY 1",
    ] {
        let mut st = c.prepare_cached(sql).unwrap();
        let mut rows = st.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            sum += row.get::<_, i64>(1).unwrap() + row.get::<_, Option<i64>>(2).unwrap().unwrap_or(0);
        }
    }
    sum
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = Renda::open(&dir.path().join("renda.db")).unwrap();
    r.start_blank(Some(&OfficeInput { name: "清河县人大常委会".into(), level: "县".into() })).unwrap();
    let t = Instant::now();
    fill(&r);
    let all = r.oversight_figures_all().unwrap();
    let opinions: i64 = all.iter().map(|f| f.opinions).sum();
    let problems: i64 = all.iter().map(|f| f.problems).sum();
    println!(
        "人大工作台 审议意见 benchmark — {opinions} 审议意见 with {problems} problems over {} years (filled in {:.1} s)",
        all.len(),
        t.elapsed().as_secs_f64()
    );
    assert_eq!((opinions, problems), (YEARS * OPINIONS_A_YEAR, YEARS * OPINIONS_A_YEAR * PROBLEMS));
    let every = median(
        || {
            std::hint::black_box(r.oversight_figures_all().unwrap());
        },
        21,
    );
    let one = median(
        || {
            std::hint::black_box(r.oversight_figures(FIRST + 5).unwrap());
        },
        21,
    );
    // the 上报包's 数据-审议意见 rows of a year, and the 乡镇汇总's table by level (DOMAIN.md §6.5)
    let rows = median(
        || {
            std::hint::black_box(r.oversight_opinion_facts(FIRST + 5).unwrap());
        },
        21,
    );
    let levels = median(
        || {
            std::hint::black_box(r.oversight_level_figures(FIRST + 5).unwrap());
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
        ("审议意见 figures of ten years (every year)", 100.0, every),
        ("审议意见 figures of one year", 100.0, one),
        ("one year's 数据-审议意见 rows (200 opinions, their counts)", 100.0, rows),
        ("审议意见 figures by level (本级, offices below, 合计)", 100.0, levels),
        ("raw baseline: one plain query per table", 100.0, base),
    ];
    report(&checks);
    println!("ratio ours / raw baseline (medians): {:.2}", every.0.as_secs_f64() / base.0.as_secs_f64());
    assert!(every.0 < Duration::from_millis(100), "the figures of ten years take {every:?}");
}
