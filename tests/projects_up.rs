//! 民生实事项目 figures and their way upward (DOMAIN.md §5.6), on real SQLite files and real
//! workbooks: a township's year counted by hand (a 跨年度 project, a cancelled one, sub-items,
//! the rating), packed, received by a county twice, corrected, and counted with the county's own.

mod common;

use common::travel::*;
use common::*;
use renda::projects::figures::ProjectFigures;
use renda::reports::{FiguresQuery, PackQuery};
use rusqlite::params;

const NOW: &str = "2026-12-01 09:00:00";

/// A project row; returns its id.
fn project(t: &TestData, name: &str, year: i64, investment: f64, status: &str, end: Option<&str>) -> i64 {
    let c = t.renda.conn();
    c.execute(
        "INSERT INTO projects (uuid, year, name, field, lead_unit, investment, status, actual_end, created_at, updated_at)
         VALUES (?1, ?2, ?3, '交通', '镇交通运输所', ?4, ?5, ?6, ?7, ?7)",
        params![format!("{name}-{}", uuid_tail(t)), year, name, investment, status, end, NOW],
    )
    .unwrap();
    c.last_insert_rowid()
}

fn uuid_tail(t: &TestData) -> String {
    t.renda.office().unwrap().id.chars().take(8).collect()
}

fn progress(t: &TestData, project: i64, date: &str, stage: &str, invested: f64) {
    t.renda
        .conn()
        .execute(
            "INSERT INTO project_progress (uuid, project_id, date, stage, text, invested, created_at)
             VALUES (?1, ?2, ?3, ?4, '按计划推进', ?5, ?6)",
            params![format!("{project}-{date}-{stage}"), project, date, stage, invested, NOW],
        )
        .unwrap();
}

/// P1 with three sub-items (two finished in the year) on its candidate.
fn subitems(t: &TestData, project: i64) {
    let c = t.renda.conn();
    c.execute(
        "INSERT INTO project_candidates (uuid, year, position, name, field, investment, content, planned_end, created_at, updated_at)
         VALUES ('cand-1', 2026, 1, '村道硬化', '交通', 100, '3 条村道', '2026-10-31', ?1, ?1)",
        [NOW],
    )
    .unwrap();
    let cand = c.last_insert_rowid();
    c.execute("UPDATE projects SET candidate_id = ?1 WHERE id = ?2", params![cand, project]).unwrap();
    for (i, done) in [Some("2026-08-01"), Some("2026-11-01"), None].iter().enumerate() {
        c.execute(
            "INSERT INTO project_subitems (candidate_id, position, name, done_date) VALUES (?1, ?2, ?3, ?4)",
            params![cand, i as i64 + 1, format!("第{}条村道", i + 1), done],
        )
        .unwrap();
    }
}

/// The year's 民生实事测评: (project, group, 实到, 废票, 满意, 基本满意, 不满意).
fn rating(t: &TestData, rows: &[(i64, usize, i64, i64, i64, i64, i64)]) {
    let c = t.renda.conn();
    c.execute(
        "INSERT INTO evaluations (uuid, year, name, kind, rule, created_at, updated_at)
         VALUES ('eval-2026', 2026, '2026年度民生实事项目测评', '民生实事测评', 'majority', ?1, ?1)",
        [NOW],
    )
    .unwrap();
    let e = c.last_insert_rowid();
    let mut groups = vec![];
    for (i, g) in ["人大代表", "群众代表"].iter().enumerate() {
        c.execute(
            "INSERT INTO evaluation_groups (evaluation_id, position, name, weight, expected) VALUES (?1, ?2, ?3, 0.5, 40)",
            params![e, i as i64, g],
        )
        .unwrap();
        groups.push(c.last_insert_rowid());
    }
    let mut subjects = std::collections::HashMap::new();
    for (p, g, present, invalid, s, b, u) in rows {
        let subject = *subjects.entry(*p).or_insert_with(|| {
            c.execute(
                "INSERT INTO evaluation_subjects (uuid, evaluation_id, position, name, project_id) VALUES (?1, ?2, ?3, '项目', ?3)",
                params![format!("subject-{p}"), e, p],
            )
            .unwrap();
            c.last_insert_rowid()
        });
        c.execute(
            "INSERT INTO ballot_counts (subject_id, group_id, present, invalid, satisfied, basic, unsatisfied, abstain, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?3 - ?4 - ?5 - ?6 - ?7, ?8)",
            params![subject, groups[*g], present, invalid, s, b, u, NOW],
        )
        .unwrap();
    }
}

/// The township of the hand count: ids of P1 (done, sub-items), P2 (started), P3 (not started),
/// P4 (cancelled), P5 (跨年度 2025–2026), P6 (next year's).
fn township_with_projects() -> (TestData, [i64; 6]) {
    let t = township("城关镇人大主席团", 1);
    let p1 = project(&t, "村道硬化", 2026, 100.0, "done", Some("2026-10-01"));
    progress(&t, p1, "2026-03-31", "building", 30.0);
    progress(&t, p1, "2026-09-30", "finished", 95.0);
    subitems(&t, p1);
    let p2 = project(&t, "卫生院改造", 2026, 50.0, "active", None);
    progress(&t, p2, "2026-05-31", "preparing", 0.0);
    progress(&t, p2, "2026-08-31", "building", 20.0);
    let p3 = project(&t, "农贸市场", 2026, 40.0, "active", None);
    let p4 = project(&t, "文化广场", 2026, 200.0, "cancelled", None);
    progress(&t, p4, "2026-04-30", "building", 10.0);
    let p5 = project(&t, "污水管网", 2025, 300.0, "active", None);
    for (y, planned) in [(2025, 120.0), (2026, 180.0)] {
        t.renda
            .conn()
            .execute(
                "INSERT INTO project_years (project_id, year, target, planned) VALUES (?1, ?2, '一期', ?3)",
                params![p5, y, planned],
            )
            .unwrap();
    }
    progress(&t, p5, "2025-06-30", "building", 50.0);
    progress(&t, p5, "2025-12-20", "finished", 110.0);
    progress(&t, p5, "2026-04-30", "building", 150.0);
    progress(&t, p5, "2026-11-30", "building", 250.0);
    let p6 = project(&t, "明年的项目", 2027, 80.0, "active", None);
    rating(
        &t,
        &[(p1, 0, 30, 2, 20, 6, 2), (p1, 1, 10, 0, 8, 2, 0), (p2, 0, 30, 0, 15, 10, 5), (p4, 0, 30, 0, 1, 1, 28)],
    );
    (t, [p1, p2, p3, p4, p5, p6])
}

fn own(t: &TestData, year: i64) -> ProjectFigures {
    let table = t.renda.project_figures(&FiguresQuery { year }).unwrap();
    assert_eq!(table.rows[0].level, "own");
    table.rows[0].figures.clone()
}

#[test]
fn a_townships_year_counts_as_counted_by_hand() {
    let (t, _) = township_with_projects();
    let f = own(&t, 2026);
    // P1, P2, P3 and the 跨年度 P5; P4 cancelled, P6 next year's
    assert_eq!((f.projects, f.subitems, f.subitems_done), (4, 3, 2));
    assert_eq!(f.investment, 100.0 + 50.0 + 40.0 + 300.0);
    // P5 plans its 2026 row; the one-year projects their total
    assert_eq!(f.planned, 100.0 + 50.0 + 40.0 + 180.0);
    // P5's 2026 part: 250 at the year's end less 110 at last year's
    assert_eq!(f.invested, 95.0 + 20.0 + 0.0 + 140.0);
    assert_eq!(f.invest_rate, Some(255.0 / 370.0));
    // done: P1 only (P5's last year is not finished); started: P1, P2, P5
    assert_eq!((f.done, f.done_rate), (1, Some(0.25)));
    assert_eq!((f.started, f.start_rate), (3, Some(0.75)));
    // rating: P1 (28 + 8 of 28 + 10 valid) and P2 (15 of 30); the cancelled P4 is not counted
    assert_eq!((f.rated, f.satisfied, f.basic, f.valid), (2, 43, 18, 68));
    assert_eq!(f.satisfied_rate, Some(43.0 / 68.0));
    assert_eq!(f.satisfied_or_basic_rate, Some(61.0 / 68.0));
    // a township has no office below: the table is its own row alone, the total the same
    let table = t.renda.project_figures(&FiguresQuery { year: 2026 }).unwrap();
    assert_eq!(table.rows.len(), 1);
    assert_eq!(table.total, f);

    // 2025: P5's first year, whose part was finished in December (完工 within the year)
    let f = own(&t, 2025);
    assert_eq!((f.projects, f.done, f.started), (1, 1, 1));
    assert_eq!((f.planned, f.invested), (120.0, 110.0));
    assert_eq!(f.satisfied_rate, None, "no rating in 2025");
}

#[test]
fn the_figures_command_refuses_a_missing_year_by_name() {
    let (mut t, _) = township_with_projects();
    let e = renda::api::call(&mut t.renda, "project_figures", serde_json::json!({})).unwrap_err();
    assert!(e.to_string().contains("年度"), "{e}");
    let v = renda::api::call(&mut t.renda, "project_figures", serde_json::json!({ "year": 2026 })).unwrap();
    assert_eq!(v["total"]["projects"], 4);
}

/// The county's own: one project of 1000 万元, 400 invested, under construction.
fn county_with_a_project() -> TestData {
    let c = county();
    let p = project(&c, "县城供水", 2026, 1000.0, "active", None);
    progress(&c, p, "2026-06-30", "building", 400.0);
    c
}

#[test]
fn a_county_receives_twice_without_duplicates_and_counts_townships_with_its_own() {
    let (t, [_, _, p3, ..]) = township_with_projects();
    let first = pack(&t);
    let mut c = county_with_a_project();
    let r = c.renda.report_import(&first, "城关镇.xlsx", false).unwrap();
    assert_eq!((r.action.as_str(), r.committed), ("new", true));
    let again = c.renda.report_import(&first, "城关镇.xlsx", false).unwrap();
    assert_eq!(again.action, "unchanged");
    let projects = |c: &TestData| -> i64 {
        c.renda
            .conn()
            .query_row("SELECT count(*) FROM report_records WHERE kind = 'projects' AND counted = 1", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(projects(&c), 5, "P1–P5 (the cancelled one listed too), nothing twice; P6 is next year's");

    let table = c.renda.project_figures(&FiguresQuery { year: YEAR }).unwrap();
    let names: Vec<&str> = table.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["本级", "城关镇人大主席团", "合计"]);
    // the township's row is its own figures, figure for figure
    assert_eq!(table.rows[1].figures, own(&t, YEAR));
    let total = &table.total;
    assert_eq!((total.projects, total.done, total.started), (5, 1, 4));
    assert_eq!(total.investment, 1490.0);
    assert_eq!(total.invest_rate, Some((255.0 + 400.0) / (370.0 + 1000.0)));
    assert_eq!(total.done_rate, Some(0.2), "1 done of 5, not the mean of 0 and 1/4");
    assert_eq!(total.satisfied_rate, Some(43.0 / 68.0));
    assert_eq!(&table.rows[2].figures, total);

    // a correction: P3 starts; the new package replaces the first, the first never comes back
    t.renda.conn().execute("UPDATE projects SET lead_unit = '镇商务办' WHERE id = ?1", [p3]).unwrap();
    progress(&t, p3, "2026-12-10", "building", 5.0);
    let second = pack(&t);
    let r = c.renda.report_import(&second, "城关镇（更正）.xlsx", false).unwrap();
    assert_eq!((r.action.as_str(), r.changed), ("replaced", 1), "{r:?}");
    let older = c.renda.report_import(&first, "城关镇.xlsx", false).unwrap();
    assert_eq!((older.action.as_str(), older.committed), ("older", false));
    assert_eq!(projects(&c), 5);
    let table = c.renda.project_figures(&FiguresQuery { year: YEAR }).unwrap();
    assert_eq!(table.rows[1].figures.started, 4);
    assert_eq!(table.rows[1].figures.invested, 260.0);
    assert_eq!(table.total.started, 5);

    // the 乡镇汇总 carries the same table, on the page and on paper
    let sum = c.renda.report_summary(&PackQuery { year: YEAR, ..Default::default() }).unwrap();
    assert_eq!(sum.projects.total, table.total);
    use calamine::Reader;
    let book = c.renda.export_report_summary(&PackQuery { year: YEAR, ..Default::default() }).unwrap();
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(book)).unwrap();
    let sheet = wb.worksheet_range("民生实事统计").unwrap();
    let cells: Vec<Vec<String>> = sheet.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    let total_row = cells.iter().find(|r| r.first().is_some_and(|c| c == "合计")).unwrap();
    assert_eq!(total_row.get(1).map(String::as_str), Some("5"));
}

#[test]
fn a_project_row_changed_by_hand_is_refused_by_its_column() {
    let (t, _) = township_with_projects();
    let bytes = resign(&pack(&t), |_, data| {
        let d = data.iter_mut().find(|d| d.kind == "projects").unwrap();
        let col = d.columns.iter().position(|c| *c == "完成投资（万元）").unwrap();
        d.rows[0][col] = "很多".into();
    });
    let mut c = county();
    let e = c.renda.report_import(&bytes, "改过的.xlsx", false).unwrap_err();
    assert!(e.to_string().contains("完成投资（万元）") && e.to_string().contains("很多"), "{e}");
    assert!(c.renda.report_list().unwrap().is_empty());
}

#[test]
fn a_package_made_before_projects_travelled_is_still_received() {
    let (t, _) = township_with_projects();
    let bytes = resign(&pack(&t), |meta, data| {
        meta.format = 2;
        data.retain(|d| !["projects", "assessment", "oversight"].contains(&d.kind));
    });
    let mut c = county();
    let r = c.renda.report_import(&bytes, "旧版.xlsx", false).unwrap();
    assert!(r.committed, "{r:?}");
    let table = c.renda.project_figures(&FiguresQuery { year: YEAR }).unwrap();
    assert_eq!(table.rows[1].figures.projects, 0);
}

/// Every demo vote adds up as the vote's checks require, round by round.
fn votes_add_up(t: &TestData) {
    let c = t.renda.conn();
    let bad: i64 = c
        .query_row(
            "SELECT count(*) FROM project_votes v WHERE NOT (valid + invalid = returned AND returned <= issued
                AND issued <= present AND present <= expected)
                OR EXISTS (SELECT 1 FROM project_vote_items i WHERE i.vote_id = v.id AND i.yes + i.no + i.abstain > v.valid)
                OR (SELECT sum(yes) FROM project_vote_items i WHERE i.vote_id = v.id) > v.valid * v.seats",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad, 0);
}

#[test]
fn the_demo_county_votes_thirty_for_twenty_four_places_and_counts_its_year() {
    let mut t = fresh();
    t.renda.load_demo(renda::demo::Scale::Small).unwrap();
    votes_add_up(&t);
    let c = t.renda.conn();
    let (cands, projects, multi): (i64, i64, i64) = c
        .query_row(
            "SELECT (SELECT count(*) FROM project_candidates), (SELECT count(*) FROM projects),
                    (SELECT count(DISTINCT project_id) FROM project_years GROUP BY project_id HAVING count(*) = 2)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((cands, projects, multi), (30, 24, 1));
    let year = c.query_row("SELECT year FROM projects LIMIT 1", [], |r| r.get(0)).unwrap();
    let f = t.renda.project_figures(&FiguresQuery { year }).unwrap().total;
    assert_eq!(f.projects, 24);
    assert!(f.subitems > 0 && f.rated == 24, "{f:?}");
    assert!(f.satisfied_rate.is_some_and(|r| r > 0.5 && r < 1.0), "{f:?}");
}

#[test]
fn the_demo_township_settles_a_tie_at_the_cut_off_by_a_second_round() {
    let mut t = fresh();
    t.renda.office_set(&renda::office::OfficeInput { name: "城关镇人大主席团".into(), level: "乡镇".into() }).unwrap();
    t.renda.load_demo(renda::demo::Scale::Small).unwrap();
    votes_add_up(&t);
    let c = t.renda.conn();
    let rounds: Vec<(i64, Option<i64>, i64)> = c
        .prepare("SELECT round, parent_id, seats FROM project_votes ORDER BY round")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rounds, vec![(1, None, 6), (2, Some(1), 1)]);
    // the 6th and 7th of the first round have the same 赞成; the re-vote is between them alone
    let tied: Vec<i64> = c
        .prepare("SELECT yes FROM project_vote_items WHERE vote_id = 1 ORDER BY yes DESC LIMIT 2 OFFSET 5")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(tied[0], tied[1]);
    let second: i64 =
        c.query_row("SELECT count(*) FROM project_vote_items WHERE vote_id = 2", [], |r| r.get(0)).unwrap();
    assert_eq!(second, 2);
    let (cands, projects): (i64, i64) = c
        .query_row("SELECT (SELECT count(*) FROM project_candidates), (SELECT count(*) FROM projects)", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((cands, projects), (8, 6));
}

#[test]
fn a_county_passes_its_townships_projects_on_to_the_city_with_their_source() {
    let (t, _) = township_with_projects();
    let mut c = county_with_a_project();
    c.renda.report_import(&pack(&t), "城关镇.xlsx", false).unwrap();
    let mut city = fresh();
    city.renda
        .start_blank(Some(&renda::office::OfficeInput { name: "贺州市人大常委会".into(), level: "市".into() }))
        .unwrap();
    let r = city.renda.report_import(&pack(&c), "清河县.xlsx", false).unwrap();
    assert!(r.committed, "{r:?}");
    let table = city.renda.project_figures(&FiguresQuery { year: YEAR }).unwrap();
    let by: Vec<(&str, i64)> = table.rows.iter().map(|r| (r.name.as_str(), r.figures.projects)).collect();
    assert_eq!(by, [("本级", 0), ("清河县人大常委会", 1), ("城关镇人大主席团", 4), ("合计", 5)]);
    assert_eq!(table.total, c.renda.project_figures(&FiguresQuery { year: YEAR }).unwrap().total);
}
