//! `cargo bench --bench hearings` — 公民旁听 at a large county's size (DOMAIN.md §7): the figures
//! of ten years (旁听人次, 旁听议题数, 意见数, 采纳数) over 5,000 applications at 250 meetings with
//! 500 议题 and 1,000 opinions — the engine's figures (target < 100 ms, an ordinary run) beside a raw
//! baseline, one plain query reading every application's year and state and every opinion's, summed
//! in the loop that reads them — and their ratio.

#[allow(dead_code)]
mod common;

use std::time::{Duration, Instant};

use common::{median, report};
use renda::office::OfficeInput;
use renda::Renda;
use rusqlite::params;

const FIRST: i64 = 2017;
const YEARS: i64 = 10;
const MEETINGS_A_YEAR: i64 = 25;
const APPLICATIONS: i64 = 5_000;

/// Ten years of meetings, each with two 议题, twenty applications (most through to 签到) and four
/// opinions, in one transaction.
fn fill(r: &Renda) {
    let c = r.conn();
    c.execute_batch("BEGIN").unwrap();
    let now = "2026-12-01 09:00:00";
    let mut meeting = c.prepare("INSERT INTO hearing_meetings (uuid, year, kind, name, meeting_date, notice_date, deadline, seats, method, created_at, updated_at) VALUES (?1, ?2, 'standing', ?3, ?4, ?4, ?4, 20, 'order', ?5, ?5)").unwrap();
    let mut topic = c.prepare("INSERT INTO hearing_topics (meeting_id, position, title) VALUES (?1, ?2, ?3)").unwrap();
    let mut person = c.prepare("INSERT INTO hearing_people (uuid, id_number, name, birth_date, created_at, updated_at) VALUES (?1, ?2, ?3, '1980-01-01', ?4, ?4)").unwrap();
    let mut app = c.prepare("INSERT INTO hearing_applications (uuid, meeting_id, person_id, seq, source, local_hukou, applied_on, status, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 'self', 1, ?5, ?6, ?7, ?7)").unwrap();
    let mut opinion = c.prepare("INSERT INTO hearing_opinions (uuid, meeting_id, topic, content, adopted, created_at, updated_at) VALUES (?1, ?2, '议题', '意见', ?3, ?4, ?4)").unwrap();
    let per = APPLICATIONS / (YEARS * MEETINGS_A_YEAR);
    let states = ["attended", "attended", "absent", "not_selected", "ineligible"];
    for y in 0..YEARS {
        for k in 0..MEETINGS_A_YEAR {
            let m = y * MEETINGS_A_YEAR + k + 1;
            let date = format!("{}-{:02}-15", FIRST + y, k % 12 + 1);
            meeting.execute(params![format!("m{m}"), FIRST + y, format!("第{m}次会议"), date, now]).unwrap();
            for t in 1..=2 {
                topic.execute(params![m, t, format!("议题{t}")]).unwrap();
            }
            for a in 0..per {
                let n = (m - 1) * per + a + 1;
                person.execute(params![format!("p{n}"), format!("{n:018}"), format!("申请人{n}"), now]).unwrap();
                let state = states[(n % 5) as usize];
                app.execute(params![format!("a{n}"), m, n, a + 1, date, state, now]).unwrap();
            }
            for o in 0..4 {
                opinion.execute(params![format!("o{m}-{o}"), m, o % 2, now]).unwrap();
            }
        }
    }
    drop((meeting, topic, person, app, opinion));
    c.execute_batch("COMMIT; ANALYZE;").unwrap();
}

/// The raw baseline: one plain query over the same rows — each application's year and state, each
/// opinion's year and 采纳 — counted in the loop that reads them.
fn raw(r: &Renda) -> i64 {
    let mut st = r
        .conn()
        .prepare_cached(
            "SELECT m.year, a.status = 'attended', 0 FROM hearing_applications a JOIN hearing_meetings m ON m.id = a.meeting_id
             UNION ALL
             SELECT m.year, 0, o.adopted FROM hearing_opinions o JOIN hearing_meetings m ON m.id = o.meeting_id",
        )
        .unwrap();
    let mut sum = 0;
    let mut rows = st.query([]).unwrap();
    while let Some(row) = rows.next().unwrap() {
        sum += row.get::<_, i64>(0).unwrap() + row.get::<_, i64>(1).unwrap() + row.get::<_, i64>(2).unwrap();
    }
    sum
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = Renda::open(&dir.path().join("renda.db")).unwrap();
    r.start_blank(Some(&OfficeInput { name: "清河县人大常委会".into(), level: "县".into() })).unwrap();
    let t = Instant::now();
    fill(&r);
    let figures = r.hearing_figures_years(FIRST, FIRST + YEARS - 1).unwrap();
    let applications: i64 = figures.iter().map(|f| f.applications).sum();
    println!(
        "人大工作台 公民旁听 benchmark — {} years, {} meetings, {applications} applications (filled in {:.1} s)",
        figures.len(),
        figures.iter().map(|f| f.meetings).sum::<i64>(),
        t.elapsed().as_secs_f64()
    );
    assert_eq!((figures.len() as i64, applications), (YEARS, APPLICATIONS));
    let ours = median(
        || {
            std::hint::black_box(r.hearing_figures_years(FIRST, FIRST + YEARS - 1).unwrap());
        },
        21,
    );
    let base = median(
        || {
            std::hint::black_box(raw(&r));
        },
        21,
    );
    let checks: Vec<(&str, f64, (Duration, Duration))> =
        vec![("公民旁听 figures of ten years", 100.0, ours), ("raw baseline: one plain query", 100.0, base)];
    report(&checks);
    println!("ratio ours / raw baseline (medians): {:.2}", ours.0.as_secs_f64() / base.0.as_secs_f64());
    assert!(ours.0 < Duration::from_millis(100), "the ten years' figures take {:?}", ours.0);
}
