//! Demo 履职评议: last year's evaluation of ten officials appointed by the 常委会, closed with its
//! counted ballots, and this year's still open with half of them counted; a year of 人代会
//! attendance and a few manual adjustments for the deputies' points.

use rand::rngs::StdRng;
use rand::Rng;
use rusqlite::{params, Connection};

use super::model::*;
use crate::error::Result;

const OFFICIALS: &[(&str, &str)] = &[
    ("王建华", "县发展和改革局局长"),
    ("李秀英", "县教育局局长"),
    ("张国强", "县公安局局长"),
    ("刘志明", "县财政局局长"),
    ("陈春梅", "县人力资源和社会保障局局长"),
    ("杨德明", "县自然资源局局长"),
    ("赵永红", "县住房和城乡建设局局长"),
    ("黄海燕", "县交通运输局局长"),
    ("周伟", "县水利局局长"),
    ("吴敏", "县卫生健康委员会主任"),
];

fn evaluation(tx: &Connection, rng: &mut StdRng, year: i64, counted: usize, closed: bool) -> Result<()> {
    let g = |name: &str, weight: f64, expected: i64| RaterGroup { id: 0, name: name.into(), weight, expected };
    let units: Vec<(i64, String)> = tx
        .prepare("SELECT id, name FROM units")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let subjects = OFFICIALS
        .iter()
        .map(|(n, post)| {
            let head: String = post.chars().take(4).collect();
            let unit = units.iter().find(|(_, u)| post.starts_with(u.as_str()) || u.contains(&head));
            Subject {
                id: 0,
                name: n.to_string(),
                post: Some(post.to_string()),
                unit_id: unit.map(|u| u.0),
                unit_name: None,
                appointed: Some(format!("{}-03-01", year - 2)),
                project_id: None,
            }
        })
        .collect();
    let e = EvaluationInput {
        year,
        name: format!("{year}年度县人大常委会任命人员履职评议"),
        kind: KINDS[0].into(),
        rule: "majority".into(),
        stages: STAGES
            .iter()
            .enumerate()
            .map(|(i, s)| Stage { name: s.to_string(), date: Some(format!("{year}-{:02}-15", 5 + i)), note: None })
            .collect(),
        groups: vec![g("常委会组成人员", 0.5, 25), g("人大代表", 0.3, 60), g("服务对象代表", 0.2, 30)],
        criteria: vec![],
        subjects,
    };
    let now = crate::db::now_text();
    tx.execute(
        "INSERT INTO evaluations (uuid, year, name, kind, rule, stages, status, closed_at, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![uuid::Uuid::new_v4().to_string(), year, e.name, e.kind, e.rule, serde_json::to_string(&e.stages).expect("serializable"), if closed { "closed" } else { "open" }, closed.then(|| now.clone()), now],
    )?;
    let id = tx.last_insert_rowid();
    super::store::save_template(tx, id, &e, &Default::default())?;
    let groups: Vec<(i64, i64)> = tx
        .prepare("SELECT id, expected FROM evaluation_groups WHERE evaluation_id = ?1 ORDER BY position")?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let subjects: Vec<i64> = tx
        .prepare("SELECT id FROM evaluation_subjects WHERE evaluation_id = ?1 ORDER BY position")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut counts = Vec::new();
    for (k, s) in subjects.iter().enumerate().take(counted) {
        for (gid, expected) in &groups {
            let present = expected - rng.random_range(0..=expected / 8);
            let invalid = rng.random_range(0..=1);
            let valid = present - invalid;
            // most officials are rated well; the last ones of the list less so
            let share = if k < 7 { rng.random_range(60..=90) } else { rng.random_range(35..=55) };
            let satisfied = valid * share / 100;
            let basic = (valid - satisfied) * rng.random_range(40..=80) / 100;
            let abstain = rng.random_range(0..=1).min(valid - satisfied - basic);
            let unsatisfied = valid - satisfied - basic - abstain;
            counts.push(BallotCount {
                subject_id: *s,
                group_id: *gid,
                present,
                invalid,
                satisfied,
                basic,
                unsatisfied,
                abstain,
            });
        }
    }
    super::store::write_counts(tx, &counts)
}

/// The demo evaluations and a year of points for every deputy.
pub fn add(tx: &Connection, rng: &mut StdRng, year: i64) -> Result<()> {
    evaluation(tx, rng, year - 1, OFFICIALS.len(), true)?;
    evaluation(tx, rng, year, OFFICIALS.len() / 2, false)?;
    // 人代会 attendance of every session of the current county term
    let sessions: Vec<(i64, Option<String>, Option<String>)> = tx
        .prepare("SELECT s.id, s.start_date, s.end_date FROM sessions s JOIN terms t ON t.id = s.term_id WHERE t.is_current = 1 AND t.level = '县'")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let deputies: Vec<i64> = tx.prepare("SELECT id FROM deputies WHERE active = 1 AND id IN (SELECT deputy_id FROM deputy_levels WHERE level = '县')")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let mut ins = tx.prepare("INSERT INTO attendance (session_id, deputy_id, days_present, half_days_leave, absences) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for (sid, start, end) in &sessions {
        let days = match (start, end) {
            (Some(s), Some(e)) => {
                (chrono::NaiveDate::parse_from_str(e, "%Y-%m-%d")
                    .map(|e| (e - chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or(e)).num_days() + 1)
                    .unwrap_or(3)) as f64
            }
            _ => 3.0,
        };
        for d in &deputies {
            let roll = rng.random_range(0..100);
            let (present, leave, absent) = if roll < 85 {
                (days, 0, 0)
            } else if roll < 97 {
                (days - 0.5, 1, 0)
            } else {
                (0.0, 0, 1)
            };
            ins.execute(params![sid, d, present, leave, absent])?;
        }
    }
    let mut adj = tx.prepare(
        "INSERT INTO point_adjustments (deputy_id, date, points, reason, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let now = crate::db::now_text();
    for (i, d) in deputies.iter().enumerate().filter(|(i, _)| i % 23 == 0) {
        let (p, why) = if i % 2 == 0 {
            (5.0, "参与重大项目监督成效突出，经主任会议研究加分")
        } else {
            (-2.0, "未按要求参加集中学习，经提醒仍未补学")
        };
        adj.execute(params![d, format!("{year}-06-20"), p, why, now])?;
    }
    Ok(())
}

/// The year-end 民生实事测评 (DOMAIN.md §5.6): every project of the year not cancelled is a subject
/// naming its project, rated by the deputies and by residents' representatives.
pub fn add_project_rating(tx: &Connection, rng: &mut StdRng, year: i64) -> Result<()> {
    let projects: Vec<(i64, String)> = tx
        .prepare("SELECT id, name FROM projects WHERE year = ?1 AND status <> 'cancelled' ORDER BY id")?
        .query_map([year], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if projects.is_empty() {
        return Ok(());
    }
    let g = |name: &str, weight: f64, expected: i64| RaterGroup { id: 0, name: name.into(), weight, expected };
    let subject = |project: i64, name: &String| Subject {
        id: 0,
        project_id: Some(project),
        name: name.clone(),
        post: Some("民生实事项目".into()),
        unit_id: None,
        unit_name: None,
        appointed: None,
    };
    let e = EvaluationInput {
        year,
        name: format!("{year}年度民生实事项目满意度测评"),
        kind: KINDS[3].into(),
        rule: "majority".into(),
        stages: vec![],
        groups: vec![g("人大代表", 0.6, 60), g("群众代表", 0.4, 30)],
        criteria: vec![],
        subjects: projects.iter().map(|(p, n)| subject(*p, n)).collect(),
    };
    let now = crate::db::now_text();
    tx.execute(
        "INSERT INTO evaluations (uuid, year, name, kind, rule, stages, status, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, '[]', 'open', ?6, ?6)",
        params![uuid::Uuid::new_v4().to_string(), year, e.name, e.kind, e.rule, now],
    )?;
    let id = tx.last_insert_rowid();
    super::store::save_template(tx, id, &e, &Default::default())?;
    let groups: Vec<(i64, i64)> = tx
        .prepare("SELECT id, expected FROM evaluation_groups WHERE evaluation_id = ?1 ORDER BY position")?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let subjects: Vec<i64> = tx
        .prepare("SELECT id FROM evaluation_subjects WHERE evaluation_id = ?1 ORDER BY position")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut counts = Vec::new();
    for s in &subjects {
        for (gid, expected) in &groups {
            // not every rater rates every project: the totals differ, none above 实到
            let present = expected - rng.random_range(0..=expected / 6);
            let invalid = rng.random_range(0..=1);
            let valid = present - invalid;
            let satisfied = valid * rng.random_range(65..=92) / 100;
            let basic = (valid - satisfied) * rng.random_range(50..=90) / 100;
            let abstain = rng.random_range(0..=1).min(valid - satisfied - basic);
            let unsatisfied = valid - satisfied - basic - abstain;
            counts.push(BallotCount {
                subject_id: *s,
                group_id: *gid,
                present,
                invalid,
                satisfied,
                basic,
                unsatisfied,
                abstain,
            });
        }
    }
    super::store::write_counts(tx, &counts)
}
