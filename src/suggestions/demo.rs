//! Demo suggestions: the current session's suggestions spread over every state, overdue ones
//! included, and a few 闭会期间 ones — made through the same steps a user takes.

use chrono::{Duration, NaiveDate};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::Rng;

use super::deadline::Calendar;
use super::model::*;
use super::{create_tx, step_tx, store};
use crate::common::Vote;
use crate::error::Result;

const SATISFIED: &str = Vote::Satisfied.label();
const BASIC: &str = Vote::Basic.label();
const UNSATISFIED: &str = Vote::Unsatisfied.label();

const TITLES: &str = include_str!("../../assets/demo/suggestions.txt");

/// Adds `count` suggestions to `session` (received on `opened`) and a few of the recess.
#[allow(clippy::too_many_arguments)]
pub fn add(
    tx: &rusqlite::Connection,
    rng: &mut StdRng,
    settings: &SuggestionSettings,
    cal: &Calendar,
    session: i64,
    opened: NaiveDate,
    today: NaiveDate,
    deputies: &[i64],
    units: &[i64],
    count: usize,
) -> Result<usize> {
    let titles: Vec<(&str, &str)> = TITLES.lines().filter_map(|l| l.split_once('|')).collect();
    let mut ids = Vec::new();
    for i in 0..count {
        let (cat, title) = titles[i % titles.len()];
        let title = if i < titles.len() {
            title.to_string()
        } else {
            title.replace("的建议", &format!("（{}）的建议", i / titles.len() + 1))
        };
        let lead = *deputies.choose(rng).expect("deputies exist");
        let cos: Vec<i64> = (0..rng.random_range(0..3)).filter_map(|_| deputies.choose(rng).copied()).collect();
        let body = format!(
            "{}。当前群众反映较多，存在的主要问题是投入不足、管护不到位。建议有关部门深入调研，制定工作方案，明确责任和时限，切实解决群众的急难愁盼问题。",
            title.trim_start_matches("关于").trim_end_matches("的建议")
        );
        let input = SuggestionInput {
            period: AT_SESSION.into(),
            session_id: Some(session),
            title,
            body: Some(body),
            category: Some(cat.into()),
            lead_deputy_id: lead,
            cosigner_ids: cos,
            received_date: opened.format("%Y-%m-%d").to_string(),
            ..Default::default()
        };
        let (valid, _) = super::check_input(tx, &input, settings)?;
        ids.push(create_tx(tx, settings, &valid)?);
    }
    for (i, id) in ids.iter().copied().enumerate() {
        walk(tx, rng, settings, cal, id, i, opened, today, units)?;
    }
    // 闭会期间: two received last week, not yet assigned
    for (k, (cat, title)) in titles.iter().rev().take(2).enumerate() {
        let input = SuggestionInput {
            period: RECESS.into(),
            title: title.replace("的建议", "（闭会期间）的建议"),
            category: Some(cat.to_string()),
            lead_deputy_id: deputies[k],
            received_date: (today - Duration::days(6 + k as i64)).format("%Y-%m-%d").to_string(),
            ..Default::default()
        };
        let (valid, _) = super::check_input(tx, &input, settings)?;
        create_tx(tx, settings, &valid)?;
    }
    Ok(count + 2)
}

/// One demo suggestion walked through the steps a user takes, so the demo writes the facts as a
/// user's work would.
struct Walker<'a> {
    tx: &'a rusqlite::Connection,
    settings: &'a SuggestionSettings,
    cal: &'a Calendar,
    id: i64,
    today: NaiveDate,
}

impl Walker<'_> {
    fn step(&self, date: NaiveDate, step: Step) -> Result<()> {
        let date = Some(date.min(self.today).format("%Y-%m-%d").to_string());
        step_tx(self.tx, self.settings, self.cal, &StepRequest { id: self.id, date, step })
    }
}

fn note(s: &str) -> Option<String> {
    Some(s.to_string())
}

/// How far the `i`-th demo suggestion got: most are through; a few stay at every earlier state.
#[allow(clippy::too_many_arguments)]
fn walk(
    tx: &rusqlite::Connection,
    rng: &mut StdRng,
    settings: &SuggestionSettings,
    cal: &Calendar,
    id: i64,
    i: usize,
    opened: NaiveDate,
    today: NaiveDate,
    units: &[i64],
) -> Result<()> {
    let w = Walker { tx, settings, cal, id, today };
    let stage = match i % 20 {
        0 => 0,     // in review
        1 => 1,     // returned
        2 => 2,     // rejected
        3 => 3,     // filed, not yet assigned
        4 | 5 => 4, // in handling (some overdue)
        6 => 5,     // replied, awaiting rating
        7 => 6,     // unsatisfied, re-handling
        8 | 9 => 7, // class B: following up
        _ => 8,     // concluded
    };
    let review = opened + Duration::days(2);
    match stage {
        0 => return Ok(()),
        1 => return w.step(review, Step::ReviewReturn { note: "建议内容不够具体，请补充具体地点和诉求".into() }),
        2 => return w.step(review, Step::Reject { note: "属于个人诉求，建议转为来信办理".into() }),
        _ => {}
    }
    for _ in 0..settings.review_levels.len() {
        w.step(review, Step::ReviewPass { note: None, number: None })?;
    }
    if stage == 3 {
        return Ok(());
    }
    // a demo without units leaves its suggestions 已立案
    let Some(&main) = units.choose(rng) else { return Ok(()) };
    let co: Vec<i64> = units.iter().copied().filter(|u| *u != main && rng.random_bool(0.08)).take(2).collect();
    // a few assigned late in the year, so that some are due soon or overdue today
    let assigned = if stage == 4 {
        today - Duration::days(rng.random_range(80..100))
    } else {
        opened + Duration::days(rng.random_range(20..35))
    };
    let key = i.is_multiple_of(9);
    let assignment = Assignment {
        main_unit_id: main,
        co_unit_ids: co,
        wide_ranging: i.is_multiple_of(13),
        key_item: key,
        supervisor: key.then(|| "县人大常委会副主任 王建华".into()),
        due_date: None,
    };
    w.step(assigned, Step::Assign(assignment))?;
    let form = if rng.random_bool(0.6) { "座谈" } else { "电话" };
    let contact = Step::Contact {
        stage: note("办前沟通"), form: form.into(), note: note("与领衔代表面商办理方案")
    };
    w.step(assigned + Duration::days(10), contact)?;
    if stage == 4 {
        if i.is_multiple_of(3) {
            w.step(today - Duration::days(5), Step::Urge { note: note("电话催办，请按期答复") })?;
        }
        return Ok(());
    }
    answered(&w, rng, i, stage, assigned)
}

/// After 交办: the reply, and as far as the stage goes, the rating, re-handling or 回头看.
fn answered(w: &Walker, rng: &mut StdRng, i: usize, stage: i32, assigned: NaiveDate) -> Result<()> {
    let reply = assigned + Duration::days(rng.random_range(40..100));
    let class = match stage {
        7 => "B",
        6 => "C",
        _ => ["A", "A", "A", "B", "D"][i % 5],
    };
    let promise = class == "B" || class == "C";
    let answer = ReplyInput {
        class: class.into(),
        doc_no: Some(format!("清政办函〔{}〕{}号", reply.format("%Y"), 10 + i)),
        signer: note("张局长"),
        done_items: note("已安排专项资金，完成前期调研"),
        planned_items: promise.then(|| "列入明年工作计划，分步实施".into()),
        planned_deadline: promise.then(|| (reply + Duration::days(200)).format("%Y-%m-%d").to_string()),
        ..Default::default()
    };
    w.step(reply, Step::Reply(answer))?;
    if stage == 5 {
        return Ok(());
    }
    let rated = reply + Duration::days(15);
    let rating = |work: &str, result: &str, adoption: &str| {
        Step::Rate(RatingInput {
            work_rating: work.into(),
            result_rating: result.into(),
            adoption: note(adoption),
            note: None,
        })
    };
    if stage == 6 {
        w.step(rated, rating(BASIC, UNSATISFIED, "近期不能落实"))?;
        return w.step(rated + Duration::days(3), Step::Rehandle { due_date: None, note: None });
    }
    let result = if (class == "B" && stage == 8) || i.is_multiple_of(4) { BASIC } else { SATISFIED };
    w.step(rated, rating(SATISFIED, result, if class == "A" { "采纳" } else { "部分采纳" }))?;
    if stage == 7 {
        let finding = "已完成部分建设，剩余工程正在推进".to_string();
        w.step(rated + Duration::days(90), Step::Followup { kind: note("回头看"), note: finding })?;
    }
    Ok(())
}

/// The benchmarks' reference size (a large county over ten years: 100,000 suggestions): `count`
/// suggestions spread over `sessions` (id, term, opening date), as an import of old ledgers would
/// bring them: filed, then each fact written by the store's writers (交办, 答复, 征询, 落实完毕),
/// with the search index.
#[allow(clippy::too_many_arguments)]
pub fn add_bulk(
    tx: &rusqlite::Connection,
    rng: &mut StdRng,
    settings: &SuggestionSettings,
    sessions: &[(i64, i64, NaiveDate)],
    deputies: &[i64],
    units: &[i64],
    count: usize,
) -> Result<usize> {
    let titles: Vec<(&str, &str)> = TITLES.lines().filter_map(|l| l.split_once('|')).collect();
    let places = ["城关镇", "东坝镇", "柳林乡", "石桥镇", "河口乡", "双庙镇", "杨庄乡", "白沙镇", "龙泉乡", "新集镇"];
    let now = crate::db::now_text();
    let mut ins = tx.prepare(
        "INSERT INTO suggestions (uuid, term_id, session_id, period, number, title, body, category, lead_deputy_id,
            received_date, state, review_level, face_met, created_at, updated_at)
         VALUES (?1, ?2, ?3, '大会', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
    )?;
    let mut event_ins = tx.prepare(
        "INSERT INTO suggestion_events (suggestion_id, at, date, kind, state_before, state_after, round, summary) VALUES (?1, ?2, ?3, 'import', NULL, ?4, 1, '示例数据（历年台账）')",
    )?;
    let d = |x: NaiveDate| x.format("%Y-%m-%d").to_string();
    let per = count.div_ceil(sessions.len().max(1));
    let mut made = 0;
    for (si, (session, term, opened)) in sessions.iter().enumerate() {
        for n in 1..=per.min(count - made) {
            let (cat, title) = titles[rng.random_range(0..titles.len())];
            let place = places[(n + si) % places.len()];
            let title = title.replacen("关于", &format!("关于{place}"), 1);
            let body = format!(
                "{place}群众反映：{}。建议有关部门调查研究，尽快解决。",
                title.trim_start_matches("关于").trim_end_matches("的建议")
            );
            let lead = deputies[rng.random_range(0..deputies.len())];
            ins.execute(rusqlite::params![
                uuid::Uuid::new_v4().to_string(),
                term,
                session,
                n as i64,
                title,
                body,
                cat,
                lead,
                d(*opened),
                FILED,
                settings.review_levels.len() as i64,
                rng.random_bool(0.7),
                now
            ])?;
            let id = tx.last_insert_rowid();
            super::store::set_search(tx, id, &title, Some(&body), false)?;
            let state = past_facts(tx, rng, settings, id, n, *opened, units)?;
            event_ins.execute(rusqlite::params![id, now, d(*opened), state])?;
            made += 1;
        }
    }
    Ok(made)
}

/// The facts of one past year's suggestion, through the store's writers; returns its state.
fn past_facts(
    tx: &rusqlite::Connection,
    rng: &mut StdRng,
    settings: &SuggestionSettings,
    id: i64,
    n: usize,
    opened: NaiveDate,
    units: &[i64],
) -> Result<&'static str> {
    let d = |x: NaiveDate| x.format("%Y-%m-%d").to_string();
    let assigned = opened + Duration::days(rng.random_range(20..40));
    let due = super::deadline::add_months(assigned, settings.reply_months);
    let replied = assigned + Duration::days(rng.random_range(30..110));
    let class = ["A", "A", "A", "B", "C", "D"][rng.random_range(0..6)];
    let result = [SATISFIED, SATISFIED, SATISFIED, BASIC, BASIC, UNSATISFIED, NO_OPINION][rng.random_range(0..7)];
    let main = units[rng.random_range(0..units.len())];
    let co: Vec<i64> = rng.random_bool(0.2).then(|| units[rng.random_range(0..units.len())]).into_iter().collect();
    let assignment = store::Assigned {
        main_unit_id: main,
        co_unit_ids: &co,
        date: Some(&d(assigned)),
        due_date: Some(&d(due)),
        key_item: rng.random_bool(0.05),
        ..Default::default()
    };
    store::assign(tx, id, &assignment)?;
    let doc_no = format!("示例函〔{}〕{n}号", replied.format("%Y"));
    store::reply(tx, id, &store::Replied { date: &d(replied), class, doc_no: Some(&doc_no), ..Default::default() })?;
    let rating = store::Rated {
        date: &d(replied + Duration::days(10)),
        work: result,
        result,
        adoption: Some(if class == "A" { "采纳" } else { "部分采纳" }),
        note: None,
    };
    // the promises of past years' B/C replies are kept by now
    Ok(match store::rate(tx, settings, id, &rating)? {
        FOLLOWING => {
            store::complete(tx, id)?;
            IMPLEMENTED
        }
        s => s,
    })
}
