//! Demo 审议意见办理 (DOMAIN.md §6): a year of the 常委会's (or a township 主席团's) supervision —
//! 12 议题 of the 监督工作计划, a meeting a month with deputies attending as 列席, 8 审议意见 with 5
//! problems each and their 推进情况, every stage of the state machine: one closed, one rated
//! 不满意 twice (the warning), one 延期, one waiting for its rating, one under 跟踪, the rest on
//! their way. The ratings come through `rate` (the evaluation's, which stands above this area).

use chrono::{Duration, NaiveDate};
use rand::rngs::StdRng;
use rand::Rng;
use rusqlite::Connection;

use super::model::*;
use super::store::{self, EventRow};
use crate::error::Result;
use crate::suggestions::deadline::{Calendar, KNOWN_DAYS};

const TOPICS: &[(&str, &str, ReportKind)] = &[
    ("关于优化营商环境工作情况的报告", "县人民政府", ReportKind::Special),
    ("关于上半年国民经济和社会发展计划执行情况的报告", "县人民政府", ReportKind::Plan),
    ("关于上半年预算执行情况的报告", "县人民政府", ReportKind::Budget),
    ("关于上一年度本级预算执行和其他财政收支的审计工作报告", "县审计局", ReportKind::Audit),
    ("关于《中华人民共和国食品安全法》贯彻实施情况的报告", "县人民政府", ReportKind::LawCheck),
    ("关于农村人居环境整治工作情况的报告", "县人民政府", ReportKind::Special),
    ("关于行政审判工作情况的报告", "县人民法院", ReportKind::Special),
    ("关于公益诉讼检察工作情况的报告", "县人民检察院", ReportKind::Special),
    ("关于义务教育优质均衡发展工作情况的报告", "县人民政府", ReportKind::Special),
    ("关于整治群众身边不正之风和腐败问题工作情况的报告", "县监察委员会", ReportKind::Special),
    ("关于养老服务体系建设情况的报告", "县人民政府", ReportKind::Special),
    ("关于国有资产管理情况的综合报告", "县人民政府", ReportKind::Other),
];

const PROBLEMS: &[&str] = &[
    "工作推进不平衡，部分乡镇进度滞后",
    "资金保障不足，配套资金到位率低",
    "监管执法力度不够，问题整改不彻底",
    "基层专业人员短缺，队伍结构不合理",
    "信息化建设滞后，数据共享不畅",
    "宣传引导不到位，群众知晓率不高",
    "长效机制不健全，存在反弹风险",
];

const UNITS: &[&str] =
    &["县发展和改革局", "县财政局", "县住房和城乡建设局", "县农业农村局", "县市场监督管理局", "县教育局"];

/// How far each demo opinion has gone (by position).
const PATHS: &[&str] = &["closed", "twice", "extended", "reported", "tracking", "handling", "assigned", "adopted"];

/// The rating the demo office's 常委会 gives: `(opinion, date, satisfied of 实到)`.
pub type Rate<'a> = &'a dyn Fn(&Connection, i64, &str, i64) -> Result<()>;

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn event(
    tx: &Connection,
    opinion: i64,
    round: i64,
    date: &str,
    action: OpinionAction,
    next: OpinionState,
    text: &str,
) -> Result<()> {
    let now = crate::db::now_text();
    store::set_state(tx, opinion, next, (action == OpinionAction::Close).then_some(date), &now)?;
    let a = store::key(action);
    let e = EventRow {
        opinion,
        round: Some(round),
        date,
        action: &a,
        state_after: next,
        text,
        approver: None,
        old_due: None,
        new_due: None,
    };
    store::event_insert(tx, &e, &now)
}

/// A new round from `date`, with the time limit the default settings and the shipped calendar give.
fn assign(
    tx: &Connection,
    opinion: i64,
    round: i64,
    date: NaiveDate,
    kind: ReportKind,
    cal: &Calendar,
) -> Result<NaiveDate> {
    let due = due_date(date, OversightSettings::default().months_for(kind), cal);
    store::round_insert(tx, opinion, round, &iso(date), &iso(due))?;
    let (action, next) = if round == 1 {
        (OpinionAction::Assign, OpinionState::Assigned)
    } else {
        (OpinionAction::Redo, OpinionState::Rehandling)
    };
    event(tx, opinion, round, &iso(date), action, next, &format!("第{round}轮交办，办理时限 {}", iso(due)))?;
    Ok(due)
}

fn report(tx: &Connection, opinion: i64, round: i64, date: NaiveDate) -> Result<()> {
    let s = OpinionStep {
        opinion_id: opinion,
        action: OpinionAction::Report,
        date: None,
        new_due: None,
        approver: None,
        report_no: Some(format!("县政府报〔{}〕{}号", date.format("%Y"), opinion * 3 + round)),
        committee_view: Some("报告基本回应了审议意见，建议提请常委会会议审议".into()),
        submitted: Some(true),
        note: None,
    };
    store::round_report(tx, opinion, round, &s, &iso(date))?;
    event(
        tx,
        opinion,
        round,
        &iso(date),
        OpinionAction::Report,
        OpinionState::Reported,
        &format!("第{round}轮处理情况报告收到"),
    )
}

/// Adds the year; returns how many opinions it made.
pub fn add(tx: &Connection, rng: &mut StdRng, year: i64, today: NaiveDate, township: bool, rate: Rate) -> Result<i64> {
    let now = crate::db::now_text();
    let mut cal = Calendar::default();
    for (d, w, _) in KNOWN_DAYS {
        if let Ok(d) = NaiveDate::parse_from_str(d, "%Y-%m-%d") {
            cal.days.insert(d, *w);
        }
    }
    let deputies: Vec<i64> = tx
        .prepare("SELECT deputy_id FROM deputy_levels WHERE level = ?1 ORDER BY deputy_id LIMIT 60")?
        .query_map([if township { "乡" } else { "县" }], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut topics = Vec::new();
    for (title, body, kind) in TOPICS {
        let body = if township { "镇人民政府" } else { body };
        let t = TopicInput {
            year,
            title: title.to_string(),
            body: body.into(),
            report_kind: *kind,
            planned: None,
            note: None,
        };
        topics.push((store::topic_insert(tx, &t, &uuid::Uuid::new_v4().to_string(), &now)?, *kind));
    }
    // the year's opinions, the first adopted early in the year, each about three weeks after the last
    // (a demo loaded early in the year has some steps dated ahead, as a plan would)
    let start = NaiveDate::from_ymd_opt(year as i32, 1, 12).unwrap_or(today);
    let mut made = 0;
    for (i, path) in PATHS.iter().enumerate() {
        let adopted = start + Duration::days(21 * i as i64);
        let pick: Vec<i64> =
            (0..5).filter_map(|_| deputies.get(rng.random_range(0..deputies.len().max(1))).copied()).collect();
        let kind = if township { MeetingKind::Presidium } else { MeetingKind::Standing };
        let m =
            MeetingInput {
                kind, term: "第十八届".into(), number: 20 + i as i64, date: iso(adopted), deputy_ids: pick
            };
        let meeting = store::meeting_insert(tx, &m, &uuid::Uuid::new_v4().to_string(), &now)?;
        let (topic, rkind) = topics[i];
        let o = OpinionInput {
            topic_id: topic,
            meeting_id: meeting,
            doc_no: format!(
                "{}〔{}〕{}号",
                if township { "镇人大主席团" } else { "县人大常发" },
                adopted.format("%Y"),
                10 + i
            ),
            issues: Some(PROBLEMS[i % PROBLEMS.len()].into()),
            advice: Some("加强统筹协调，压实工作责任，建立长效机制".into()),
            ..Default::default()
        };
        let id = store::opinion_insert(tx, &o, &iso(adopted), &uuid::Uuid::new_v4().to_string(), &now)?;
        for k in 0..5 {
            let p = ProblemItemInput {
                opinion_id: id,
                text: PROBLEMS[(i + k) % PROBLEMS.len()].into(),
                category: if k == 4 { ProblemCategory::Advice } else { ProblemCategory::Problem },
                unit: Some(UNITS[(i + k) % UNITS.len()].into()),
            };
            store::problem_insert(tx, &p, &uuid::Uuid::new_v4().to_string(), &now)?;
        }
        walk(tx, rng, id, path, adopted, rkind, &cal, rate)?;
        made += 1;
    }
    Ok(made)
}

/// Takes an opinion along its path, then gives its problems their 推进情况.
#[allow(clippy::too_many_arguments)]
fn walk(
    tx: &Connection,
    rng: &mut StdRng,
    id: i64,
    path: &str,
    adopted: NaiveDate,
    kind: ReportKind,
    cal: &Calendar,
    rate: Rate,
) -> Result<()> {
    if path == "adopted" {
        return Ok(());
    }
    let d = adopted + Duration::days(7);
    let due = assign(tx, id, 1, d, kind, cal)?;
    let reported = due - Duration::days(10);
    match path {
        "closed" | "tracking" | "reported" => {
            report(tx, id, 1, reported)?;
            if path != "reported" {
                rate(tx, id, &iso(reported + Duration::days(8)), 18)?;
                let t = iso(reported + Duration::days(30));
                event(tx, id, 1, &t, OpinionAction::Follow, OpinionState::Tracking, "跟踪监督：回头看整改落实情况")?;
                if path == "closed" {
                    event(
                        tx,
                        id,
                        1,
                        &iso(reported + Duration::days(40)),
                        OpinionAction::Close,
                        OpinionState::Closed,
                        "办结",
                    )?;
                }
            }
        }
        "twice" => {
            report(tx, id, 1, reported)?;
            rate(tx, id, &iso(reported + Duration::days(5)), 11)?;
            let due2 = assign(tx, id, 2, reported + Duration::days(6), kind, cal)?;
            report(tx, id, 2, due2 - Duration::days(3))?;
            rate(tx, id, &iso(due2 + Duration::days(2)), 10)?;
            assign(tx, id, 3, due2 + Duration::days(3), kind, cal)?;
        }
        "extended" => {
            event(
                tx,
                id,
                1,
                &iso(d + Duration::days(3)),
                OpinionAction::Start,
                OpinionState::Handling,
                "开始研究处理",
            )?;
            let new_due = iso(due + Duration::days(45));
            store::round_extend(tx, id, 1, &new_due)?;
            let text = format!("延期：办理时限由 {} 延至 {new_due}（批准：主任会议）", iso(due));
            let now = crate::db::now_text();
            let e = EventRow {
                opinion: id,
                round: Some(1),
                date: &iso(due - Duration::days(20)),
                action: "extend",
                state_after: OpinionState::Handling,
                text: &text,
                approver: Some("主任会议"),
                old_due: Some(&iso(due)),
                new_due: Some(&new_due),
            };
            store::event_insert(tx, &e, &now)?;
        }
        "handling" => {
            event(
                tx,
                id,
                1,
                &iso(d + Duration::days(5)),
                OpinionAction::Start,
                OpinionState::Handling,
                "开始研究处理",
            )?;
        }
        _ => {}
    }
    for pid in problem_ids(tx, id)? {
        // a closed opinion had every problem put right; the others are on their way
        let step = if path == "closed" { 2 } else { rng.random_range(0..3) };
        for k in 0..step {
            let status = if k == 1 { FixStatus::Done } else { FixStatus::Doing };
            let p = FixProgressInput {
                problem_id: pid,
                date: iso(d + Duration::days(30 * (k + 1))),
                text: if k == 1 {
                    "已完成整改，建立长效机制".into()
                } else {
                    "制定整改方案，明确责任和时限".into()
                },
                status,
            };
            store::progress_insert(tx, &p, "manual", &crate::db::now_text())?;
        }
    }
    Ok(())
}

fn problem_ids(tx: &Connection, opinion: i64) -> Result<Vec<i64>> {
    Ok(store::problems(tx, Some(opinion), None)?.into_iter().map(|p| p.id).collect())
}
