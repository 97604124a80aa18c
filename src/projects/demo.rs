//! Demo 民生实事项目票决 (DOMAIN.md §5): a year from proposals to the year-end state. A county: 30
//! candidates for 24 places, some with sub-items, one project over two years; a township: 8
//! candidates for 6 places, a tie at the cut-off settled by a re-vote round. Every adopted project
//! has its supervision group, monthly progress, a visit or two, and one 问题清单 item. The rating is
//! added by the evaluation's demo. Vote counts add up as the vote's checks require.

use chrono::{Datelike, NaiveDate};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::Rng;
use rusqlite::{params, Connection};

use crate::error::Result;

/// A kind of project: its name, 领域, 主要内容, 总投资 range in 万元, and the word of its sub-items.
type Kind = (&'static str, &'static str, &'static str, (i64, i64), Option<&'static str>);

const KINDS: &[Kind] = &[
    ("村道硬化", "交通", "硬化村组道路，宽4.5米，配套排水边沟", (150, 600), Some("村道")),
    ("卫生院提升改造", "医疗卫生", "改造门诊楼，添置DR、彩超等设备", (300, 900), None),
    ("农村饮水安全巩固提升", "水利", "新建蓄水池，更换供水管网", (200, 800), Some("供水点")),
    ("中小学校舍维修", "教育", "维修教学楼屋面、更换门窗，改造学生食堂", (120, 500), None),
    ("老旧小区改造", "社会保障", "改造雨污管网、楼道照明，增设休闲设施", (300, 1200), None),
    ("农村生活污水治理", "生态环境", "建设一体化污水处理设施及配套管网", (250, 900), Some("处理站")),
    ("农贸市场改造", "农业农村", "改造市场棚顶、摊位和排水，规范经营区域", (80, 400), None),
    ("文体广场建设", "文化体育", "建设篮球场、健身路径和村民文化广场", (60, 300), Some("广场")),
    ("养老服务中心建设", "社会保障", "建设日间照料中心，配置助餐、康复设施", (150, 600), None),
    ("路灯安装", "交通", "安装太阳能路灯，解决群众夜间出行难", (40, 200), Some("路段")),
    ("小型水利设施修复", "水利", "清淤山塘、修复灌溉渠道", (60, 300), None),
    ("幼儿园扩建", "教育", "扩建普惠性幼儿园，新增学位", (200, 800), None),
    ("垃圾转运站建设", "生态环境", "建设压缩式垃圾转运站，配置转运车辆", (100, 400), None),
    ("便民服务中心改造", "其他", "改造便民服务大厅，推行一窗通办", (50, 200), None),
    ("特色产业基地配套", "农业农村", "建设产业路、灌溉设施和冷库", (150, 700), None),
];

/// One vote as the session counted it (the checks of DOMAIN.md §5: 有效 + 无效 = 收回 ≤ 发出 ≤
/// 实到 ≤ 应到; 赞成 + 反对 + 弃权 ≤ 有效; a 差额 ballot marks at most 应选数 赞成).
struct Ballot {
    seats: i64,
    expected: i64,
    present: i64,
    issued: i64,
    valid: i64,
    invalid: i64,
}

/// The demo's year, its today, and the time the rows are written.
struct When<'a> {
    year: i64,
    today: NaiveDate,
    now: &'a str,
}

/// What the demo office is.
pub struct Level<'a> {
    pub township: bool,
    /// Where its projects are: the county's townships, or the township's villages.
    pub places: &'a [&'a str],
    /// 县 or 乡: the deputies its groups are made of.
    pub deputy_level: &'a str,
}

/// Adds the year's projects; returns how many were adopted.
pub fn add(tx: &Connection, rng: &mut StdRng, year: i64, today: NaiveDate, level: &Level) -> Result<i64> {
    let (n, ballot) = if level.township {
        (8, Ballot { seats: 6, expected: 45, present: 42, issued: 42, valid: 41, invalid: 1 })
    } else {
        (30, Ballot { seats: 24, expected: 180, present: 171, issued: 171, valid: 168, invalid: 2 })
    };
    let candidates = add_candidates(tx, rng, year, n, level)?;
    let adopted = add_votes(tx, year, &candidates, &ballot, level.township)?;
    let units: Vec<String> = tx
        .prepare("SELECT name FROM units WHERE kind IN ('政府部门', '乡镇') ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let deputies: Vec<i64> = tx
        .prepare("SELECT deputy_id FROM deputy_levels WHERE level = ?1 ORDER BY deputy_id")?
        .query_map([level.deputy_level], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let now = crate::db::now_text();
    let when = When { year, today, now: &now };
    for (k, (cand, vote)) in adopted.iter().enumerate() {
        // the county's first project runs over two years
        let multi_year = !level.township && k == 0;
        let id = add_project(tx, rng, &when, (*cand, *vote), &units, multi_year)?;
        let group: Vec<i64> = deputies.choose_multiple(rng, 3).copied().collect();
        add_supervision(tx, rng, &when, id, &group, k)?;
    }
    Ok(adopted.len() as i64)
}

/// Proposals, then the candidates screened from them (with sub-items for some); returns the
/// candidates' ids in list order.
fn add_candidates(tx: &Connection, rng: &mut StdRng, year: i64, n: usize, level: &Level) -> Result<Vec<i64>> {
    let now = crate::db::now_text();
    let mut prop = tx.prepare(
        "INSERT INTO project_proposals (uuid, year, source, proposer, name, field, content, implementer, investment, status, decided_at, created_at, updated_at)
         VALUES (?1, ?2, 'unit', ?3, ?4, ?5, ?6, ?3, ?7, ?8, ?9, ?10, ?10)",
    )?;
    let mut cand = tx.prepare(
        "INSERT INTO project_candidates (uuid, year, proposal_id, position, name, field, investment, content, planned_end, implementer, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
    )?;
    let mut sub = tx.prepare(
        "INSERT INTO project_subitems (candidate_id, position, name, place, investment) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let decided = format!("{}-12-15", year - 1);
    let mut ids = Vec::new();
    for i in 0..n {
        let (kind, field, content, (lo, hi), part) = KINDS[i % KINDS.len()];
        let place = level.places[(i * 7 + 3) % level.places.len()];
        let name = format!("{place}{}{kind}", if level.township { "村" } else { "" });
        let invest = (rng.random_range(lo..=hi) as f64) * if level.township { 0.3 } else { 1.0 };
        let proposer = format!("{place}{}", if level.township { "村民委员会" } else { "人民政府" });
        prop.execute(params![uuid(), year, proposer, name, field, content, invest, "candidate", decided, now])?;
        let proposal = tx.last_insert_rowid();
        // the month's last day: September and November have thirty
        let month = 9 + i % 4;
        let end = format!("{year}-{month:02}-{}", if month == 9 || month == 11 { 30 } else { 31 });
        let row = params![uuid(), year, proposal, i as i64 + 1, name, field, invest, content, end, proposer, now];
        cand.execute(row)?;
        let id = tx.last_insert_rowid();
        // a few of the county's candidates are 「N 条村道」: one sub-item each
        if let Some(word) = part.filter(|_| !level.township && i < KINDS.len()) {
            let parts = rng.random_range(4..=10);
            for p in 0..parts {
                let village = level.places[(i + p) % level.places.len()];
                sub.execute(params![
                    id,
                    p as i64 + 1,
                    format!("{village}{word}{}", p + 1),
                    village,
                    invest / parts as f64
                ])?;
            }
        }
        ids.push(id);
    }
    // two proposals not taken: one on the negative list, one for lack of funds
    let mut declined = tx.prepare(
        "INSERT INTO project_proposals (uuid, year, source, proposer, name, field, investment, status, decision_note, decided_at, created_at, updated_at)
         VALUES (?1, ?2, 'unit', ?3, ?4, '其他', ?5, 'declined', ?6, ?7, ?8, ?8)",
    )?;
    let proposer = format!("{}人民政府", level.places[0]);
    for (name, invest, why) in [
        ("政府办公楼维修", 120.0, "党政机关办公楼建设不属于民生实事"),
        ("全域旅游步道", 800.0, "资金来源未落实，列入下一年度储备"),
    ] {
        declined.execute(params![uuid(), year, proposer, name, invest, why, decided, now])?;
    }
    Ok(ids)
}

fn uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The vote at the session; returns (candidate, vote) of the adopted, in the order of 赞成.
fn add_votes(tx: &Connection, year: i64, cands: &[i64], b: &Ballot, tie: bool) -> Result<Vec<(i64, i64)>> {
    let session: Option<i64> = tx
        .query_row(
            "SELECT id FROM sessions WHERE start_date LIKE ?1 ORDER BY start_date LIMIT 1",
            [format!("{year}-%")],
            |r| r.get(0),
        )
        .ok();
    // 赞成 descending, every one at least 1 below the one before, except the tie at the cut-off;
    // Σ赞成 stays under 有效 × 应选数 (a 差额 ballot marks at most 应选数)
    let seats = b.seats as usize;
    let yes: Vec<i64> = (0..cands.len())
        .map(|i| {
            let step = (b.valid / 2) / cands.len() as i64;
            let i = if tie && i == seats { seats - 1 } else { i } as i64;
            b.valid - 3 - step * i - i
        })
        .collect();
    let first = insert_vote(tx, year, session, None, 1, b)?;
    insert_items(tx, first, cands, &yes, b.valid)?;
    let mut adopted: Vec<(i64, i64)> =
        cands.iter().take(if tie { seats - 1 } else { seats }).map(|c| (*c, first)).collect();
    if tie {
        // the two tied at the cut-off: a re-vote for the last place, one 赞成 a ballot
        let tied = [cands[seats - 1], cands[seats]];
        let again = Ballot { seats: 1, ..*b };
        let round = insert_vote(tx, year, session, Some(first), 2, &again)?;
        let yes = [b.valid * 2 / 3, b.valid - b.valid * 2 / 3 - 1];
        insert_items(tx, round, &tied, &yes, b.valid)?;
        adopted.push((tied[0], round));
    }
    Ok(adopted)
}

fn insert_vote(
    tx: &Connection,
    year: i64,
    session: Option<i64>,
    parent: Option<i64>,
    round: i64,
    b: &Ballot,
) -> Result<i64> {
    let now = crate::db::now_text();
    tx.execute(
        "INSERT INTO project_votes (uuid, year, session_id, parent_id, round, date, mode, pass_rule, seats, expected, present, issued, returned, valid, invalid, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'competitive', 'half_expected', ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'confirmed', ?14, ?14)",
        params![uuid(), year, session, parent, round, format!("{year}-01-1{round}"), b.seats, b.expected, b.present, b.issued, b.valid + b.invalid, b.valid, b.invalid, now],
    )?;
    Ok(tx.last_insert_rowid())
}

fn insert_items(tx: &Connection, vote: i64, cands: &[i64], yes: &[i64], valid: i64) -> Result<()> {
    let mut st = tx.prepare(
        "INSERT INTO project_vote_items (vote_id, candidate_id, position, yes, no, abstain) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, (c, y)) in cands.iter().zip(yes).enumerate() {
        let no = (valid - y) * 2 / 3;
        st.execute(params![vote, c, i as i64 + 1, y, no, valid - y - no])?;
    }
    Ok(())
}

/// The project adopted from a candidate, with its yearly targets when it runs over two years.
fn add_project(
    tx: &Connection,
    rng: &mut StdRng,
    when: &When,
    (cand, vote): (i64, i64),
    units: &[String],
    multi_year: bool,
) -> Result<i64> {
    let (year, now) = (when.year, when.now);
    let (name, field, invest, content, end): (String, String, f64, String, String) = tx.query_row(
        "SELECT name, field, investment, content, planned_end FROM project_candidates WHERE id = ?1",
        [cand],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    let end = if multi_year { format!("{}-10-31", year + 1) } else { end };
    let lead = units.choose(rng).cloned().unwrap_or_default();
    tx.execute(
        "INSERT INTO projects (uuid, year, candidate_id, vote_id, name, field, content, lead_unit, units, owner_unit, investment, start_date, planned_end, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?8, ?9, ?10, ?11, 'active', ?12, ?12)",
        params![uuid(), year, cand, vote, name, field, content, lead, invest, format!("{year}-03-01"), end, now],
    )?;
    let id = tx.last_insert_rowid();
    if multi_year {
        let mut st =
            tx.prepare("INSERT INTO project_years (project_id, year, target, planned) VALUES (?1, ?2, ?3, ?4)")?;
        st.execute(params![id, year, "完成一期主体工程", (invest * 0.6).round()])?;
        st.execute(params![id, year + 1, "完成二期并投入使用", invest - (invest * 0.6).round()])?;
    }
    Ok(id)
}

/// The group, monthly progress to today (finished projects marked done), visits and a problem.
fn add_supervision(tx: &Connection, rng: &mut StdRng, when: &When, id: i64, group: &[i64], k: usize) -> Result<()> {
    let (year, today, now) = (when.year, when.today, when.now);
    let mut g = tx.prepare("INSERT INTO project_group (project_id, deputy_id, leader) VALUES (?1, ?2, ?3)")?;
    for (i, d) in group.iter().enumerate() {
        g.execute(params![id, d, i64::from(i == 0)])?;
    }
    let (invest, multi): (f64, bool) = tx.query_row(
        "SELECT investment, EXISTS (SELECT 1 FROM project_years WHERE project_id = ?1) FROM projects WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    // the month it finishes (a third of them not yet by today); the two-year one is built on
    let finish = if multi || k % 3 == 2 { 13 } else { rng.random_range(8..=11) };
    // months whose end has passed
    let last = if today.year() as i64 > year { 12 } else { today.month().saturating_sub(1) };
    let mut st = tx.prepare(
        "INSERT INTO project_progress (uuid, project_id, date, stage, percent, text, invested, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for m in 3..=last.min(finish) {
        let share = (m as f64 - 2.0) / (finish as f64 - 2.0);
        let (stage, text) = match m {
            3 => ("preparing", "完成立项、规划设计和招标，办理施工许可"),
            _ if m == finish => ("finished", "工程完工，通过竣工验收并交付使用"),
            _ => ("building", "按计划推进主体施工，现场安全文明施工"),
        };
        let date = NaiveDate::from_ymd_opt(year as i32, m, 1)
            .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
            .and_then(|d| d.pred_opt());
        let date = date.map(|d| d.to_string()).unwrap_or_default();
        let planned = if multi { invest * 0.6 } else { invest };
        st.execute(params![
            uuid(),
            id,
            date,
            stage,
            (share * 100.0).round().min(100.0),
            text,
            (planned * share * 0.95).round(),
            now
        ])?;
        if stage == "finished" {
            tx.execute("UPDATE projects SET status = 'done', actual_end = ?2 WHERE id = ?1", params![id, date])?;
        }
        // sub-items finish one a month from June, the rest with the project
        let which = if stage == "finished" {
            ""
        } else {
            "AND position = (SELECT min(s2.position) FROM project_subitems s2 WHERE s2.candidate_id = project_subitems.candidate_id AND s2.done_date IS NULL)"
        };
        if m >= 6 {
            tx.execute(
                &format!("UPDATE project_subitems SET done_date = ?2 WHERE candidate_id = (SELECT candidate_id FROM projects WHERE id = ?1) AND done_date IS NULL {which}"),
                params![id, date],
            )?;
        }
    }
    add_visits(tx, when, id, group, k)
}

/// 视察 by the group (the first two projects) and a 问题清单 item (the third).
fn add_visits(tx: &Connection, when: &When, id: i64, group: &[i64], k: usize) -> Result<()> {
    let (year, today, now) = (when.year, when.today, when.now);
    let date =
        |m: u32, d: u32| NaiveDate::from_ymd_opt(year as i32, m, d).filter(|x| *x <= today).map(|x| x.to_string());
    if k < 2 {
        if let Some(d) = date(6 + k as u32, 18) {
            tx.execute(
                "INSERT INTO project_visits (uuid, project_id, date, kind, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![uuid(), id, d, if k == 0 { "视察" } else { "调研" }, "察看施工现场，听取牵头单位汇报，提出加快进度、确保质量的意见", now],
            )?;
            let visit = tx.last_insert_rowid();
            let mut st = tx.prepare("INSERT INTO project_visit_deputies (visit_id, deputy_id) VALUES (?1, ?2)")?;
            for dep in group {
                st.execute(params![visit, dep])?;
            }
        }
    }
    if k == 2 {
        if let Some(d) = date(7, 20) {
            tx.execute(
                "INSERT INTO project_problems (uuid, project_id, problem, unit, due_date, progress, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                params![uuid(), id, "部分路段征地协调滞后，影响施工进度", "所在乡镇人民政府", d.replace("-07-20", "-09-30"), "已召开协调会，正在逐户做工作", now],
            )?;
        }
    }
    Ok(())
}
