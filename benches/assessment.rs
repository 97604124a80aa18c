//! `cargo bench --bench assessment` — 乡镇人大工作评价 at a large county's size (DOMAIN.md §8): 200
//! townships scored on a template of 50 items (10 automatic, 5 bonus), every township's 自评
//! received, every item scored by the 考核组 twice (the earlier score kept as history) and a
//! 加减分 on one item in ten. Measured: the 考核结果表 of the year (target < 100 ms, an ordinary
//! run) and one township's 评分表, beside a raw baseline — one plain query summing each township's
//! latest scores — and their ratio.

// the shared export baseline is not used here: these figures are not an export
#[allow(dead_code)]
mod common;

use std::time::{Duration, Instant};

use common::{median, report};
use renda::office::OfficeInput;
use renda::Renda;
use rusqlite::params;

const YEAR: i64 = 2026;
const TOWNSHIPS: i64 = 200;
const ITEMS: i64 = 50;

/// The county's year, written in one transaction.
fn fill(r: &Renda) {
    let c = r.conn();
    c.execute_batch("BEGIN").unwrap();
    let now = "2026-12-20 09:00:00";
    c.execute(
        "INSERT INTO assessment_templates (uuid, year, created_at, updated_at) VALUES ('t', ?1, ?2, ?2)",
        params![YEAR, now],
    )
    .unwrap();
    for b in 0..5 {
        c.execute(
            "INSERT INTO assessment_blocks (template_id, position, name, bonus) VALUES (1, ?1, ?2, ?3)",
            params![b, format!("板块{b}"), b == 4],
        )
        .unwrap();
    }
    let mut item = c.prepare("INSERT INTO assessment_items (uuid, template_id, block_id, position, name, max_points, auto_source, full_at) VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7)").unwrap();
    for i in 0..ITEMS {
        let block = if i >= ITEMS - 5 { 5 } else { 1 + i % 4 };
        let auto = (i % 5 == 0 && block != 5).then_some("suggestion_reply_rate");
        let max = if block == 5 { 1.0 } else { 100.0 / 45.0 };
        item.execute(params![format!("i{i}"), block, i, format!("项目{i}"), max, auto, auto.map(|_| 100.0)]).unwrap();
    }
    let mut town =
        c.prepare("INSERT INTO assessment_townships (name, office_id, created_at) VALUES (?1, ?2, ?3)").unwrap();
    let mut set = c.prepare("INSERT INTO assessment_received (township_id, year, serial, template_uuid, template_version, received_at) VALUES (?1, ?2, 1, 't', 1, ?3)").unwrap();
    let mut got = c
        .prepare(
            "INSERT INTO assessment_received_items (received_id, item_uuid, points, figure) VALUES (?1, ?2, ?3, ?4)",
        )
        .unwrap();
    let mut score = c
        .prepare("INSERT INTO assessment_scores (township_id, item_id, points, created_at) VALUES (?1, ?2, ?3, ?4)")
        .unwrap();
    let mut adj = c.prepare("INSERT INTO assessment_adjustments (township_id, item_id, delta, reason, created_at) VALUES (?1, ?2, -0.5, '材料不全', ?3)").unwrap();
    for t in 1..=TOWNSHIPS {
        town.execute(params![format!("乡镇{t}"), format!("o{t}"), now]).unwrap();
        set.execute(params![t, YEAR, now]).unwrap();
        for i in 0..ITEMS {
            got.execute(params![t, format!("i{i}"), 1.0, 80 + (t + i) % 20]).unwrap();
            score.execute(params![t, i + 1, 0.9, now]).unwrap();
            score.execute(params![t, i + 1, 1.0 + ((t * i) % 7) as f64 / 10.0, now]).unwrap();
            if i % 10 == 3 {
                adj.execute(params![t, i + 1, now]).unwrap();
            }
        }
    }
    c.execute_batch("COMMIT; ANALYZE;").unwrap();
}

/// One plain query: each township's latest 考核组 scores plus its 加减分, summed.
fn raw(r: &Renda) -> Vec<(i64, f64)> {
    r.conn()
        .prepare(
            "SELECT s.township_id, sum(s.points) + coalesce((SELECT sum(delta) FROM assessment_adjustments a WHERE a.township_id = s.township_id), 0)
               FROM assessment_scores s
              WHERE s.id = (SELECT max(id) FROM assessment_scores WHERE township_id = s.township_id AND item_id = s.item_id)
              GROUP BY 1",
        )
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = Renda::open(&dir.path().join("renda.db")).unwrap();
    r.start_blank(Some(&OfficeInput { name: "清河县人大常委会".into(), level: "县".into() })).unwrap();
    let t = Instant::now();
    fill(&r);
    let res = r.assessment_results(YEAR).unwrap();
    println!(
        "人大工作台 assessment benchmark — {} townships × {} items, {} scores (filled in {:.1} s)",
        res.rows.len(),
        ITEMS,
        TOWNSHIPS * ITEMS * 2,
        t.elapsed().as_secs_f64()
    );
    assert_eq!(res.rows.len() as i64, TOWNSHIPS);
    assert!(res.rows.iter().all(|x| x.rank.is_some() && x.unscored == 0));
    assert_eq!(raw(&r).len() as i64, TOWNSHIPS);
    let ours = median(|| drop(std::hint::black_box(r.assessment_results(YEAR).unwrap())), 21);
    let base = median(|| drop(std::hint::black_box(raw(&r))), 21);
    let q = renda::assessment::model::SheetQuery { year: YEAR, township_id: 100 };
    let sheet = median(|| drop(std::hint::black_box(r.assessment_sheet(&q).unwrap())), 21);
    let checks: Vec<(&str, f64, (Duration, Duration))> = vec![
        ("考核结果表: 200 townships × 50 items", 100.0, ours),
        ("raw baseline: one plain query", 100.0, base),
        ("one township's 评分表 (with its rank)", 100.0, sheet),
    ];
    report(&checks);
    println!("ratio ours / raw baseline (medians): {:.2}", ours.0.as_secs_f64() / base.0.as_secs_f64());
}
