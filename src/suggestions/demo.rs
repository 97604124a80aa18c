//! Demo suggestions: the current session's suggestions spread over every state, overdue ones
//! included, and a few 闭会期间 ones — made through the same steps a user takes.

use chrono::{Duration, NaiveDate};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::Rng;

use super::deadline::Calendar;
use super::model::*;
use super::{create_tx, step_tx};
use crate::error::Result;

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
        let cos: Vec<i64> = (0..rng.random_range(0..3)).map(|_| *deputies.choose(rng).unwrap()).collect();
        let body = format!(
            "{}。当前群众反映较多，存在的主要问题是投入不足、管护不到位。建议有关部门深入调研，制定工作方案，明确责任和时限，切实解决群众的急难愁盼问题。",
            title.trim_start_matches("关于").trim_end_matches("的建议")
        );
        let input = SuggestionInput {
            period: "大会".into(),
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
    let d = |x: NaiveDate| Some(x.format("%Y-%m-%d").to_string());
    let stepper = |id: i64, action: &str, date: NaiveDate, f: &dyn Fn(&mut StepArgs)| -> Result<()> {
        let mut a = StepArgs { id, action: action.into(), date: d(date.min(today)), ..Default::default() };
        f(&mut a);
        step_tx(tx, settings, cal, &a)
    };
    for (i, id) in ids.iter().copied().enumerate() {
        // how far this one got: most are through; a few stay at every earlier state
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
        if stage == 0 {
            continue;
        }
        if stage == 1 {
            stepper(id, "review_return", review, &|a| a.note = Some("建议内容不够具体，请补充具体地点和诉求".into()))?;
            continue;
        }
        if stage == 2 {
            stepper(id, "reject", review, &|a| a.note = Some("属于个人诉求，建议转为来信办理".into()))?;
            continue;
        }
        for _ in 0..settings.review_levels.len() {
            stepper(id, "review_pass", review, &|_| {})?;
        }
        if stage == 3 {
            continue;
        }
        let main = *units.choose(rng).unwrap();
        let co: Vec<i64> = units.iter().copied().filter(|u| *u != main && rng.random_bool(0.08)).take(2).collect();
        // a few assigned late in the year, so that some are due soon or overdue today
        let assigned = if stage == 4 {
            today - Duration::days(rng.random_range(80..100))
        } else {
            opened + Duration::days(rng.random_range(20..35))
        };
        let key = i % 9 == 0;
        stepper(id, "assign", assigned, &|a| {
            a.main_unit_id = Some(main);
            a.co_unit_ids = Some(co.clone());
            a.wide_ranging = Some(i % 13 == 0);
            a.key_item = Some(key);
            a.supervisor = key.then(|| "县人大常委会副主任 王建华".into());
        })?;
        let form = if rng.random_bool(0.6) { "座谈" } else { "电话" };
        stepper(id, "contact", assigned + Duration::days(10), &|a| {
            a.stage = Some("办前沟通".into());
            a.form = Some(form.into());
            a.note = Some("与领衔代表面商办理方案".into());
        })?;
        if stage == 4 {
            if i % 3 == 0 {
                stepper(id, "urge", today - Duration::days(5), &|a| a.note = Some("电话催办，请按期答复".into()))?;
            }
            continue;
        }
        let reply = assigned + Duration::days(rng.random_range(40..100));
        let class = match stage {
            7 => "B",
            6 => "C",
            _ => ["A", "A", "A", "B", "D"][i % 5],
        };
        stepper(id, "reply", reply, &|a| {
            a.class = Some(class.into());
            a.doc_no = Some(format!("清政办函〔{}〕{}号", reply.format("%Y"), 10 + i));
            a.signer = Some("张局长".into());
            a.done_items = Some("已安排专项资金，完成前期调研".into());
            if class == "B" || class == "C" {
                a.planned_items = Some("列入明年工作计划，分步实施".into());
                a.planned_deadline = Some((reply + Duration::days(200)).format("%Y-%m-%d").to_string());
            }
        })?;
        if stage == 5 {
            continue;
        }
        let rated = reply + Duration::days(15);
        if stage == 6 {
            stepper(id, "rate", rated, &|a| {
                a.work_rating = Some("基本满意".into());
                a.result_rating = Some("不满意".into());
                a.adoption = Some("近期不能落实".into());
            })?;
            stepper(id, "rehandle", rated + Duration::days(3), &|_| {})?;
            continue;
        }
        let (work, result) = if class == "B" && stage == 8 {
            ("满意", "基本满意")
        } else {
            ("满意", if i % 4 == 0 { "基本满意" } else { "满意" })
        };
        stepper(id, "rate", rated, &|a| {
            a.work_rating = Some(work.into());
            a.result_rating = Some(result.into());
            a.adoption = Some(if class == "A" { "采纳" } else { "部分采纳" }.into());
        })?;
        if stage == 7 {
            stepper(id, "followup", rated + Duration::days(90), &|a| {
                a.kind = Some("回头看".into());
                a.note = Some("已完成部分建设，剩余工程正在推进".into());
            })?;
        }
    }
    // 闭会期间: two received last week, not yet assigned
    for (k, (cat, title)) in titles.iter().rev().take(2).enumerate() {
        let input = SuggestionInput {
            period: "闭会".into(),
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

/// The benchmark size of DESIGN.md §6: `count` suggestions spread over `sessions` (id, term,
/// opening date), written straight in their final states (as an import of old ledgers would),
/// with their replies, ratings and search index.
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
        "INSERT INTO suggestions (uuid, term_id, session_id, period, number, title, body, category, lead_deputy_id, received_date, state,
            review_level, main_unit_id, assigned_date, due_date, key_item, round, reply_date, first_reply_date, reply_class, replied_on_time,
            first_result, latest_result, latest_work, adoption, face_met, rehandled, concluded_date, created_at, updated_at)
         VALUES (?1, ?2, ?3, '大会', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, 1, ?16, ?16, ?17, ?18, ?19, ?19, ?19, ?20, ?21, 0, ?22, ?23, ?23)",
    )?;
    let mut unit_ins =
        tx.prepare("INSERT INTO suggestion_units (suggestion_id, unit_id, role, round) VALUES (?1, ?2, ?3, 1)")?;
    let mut reply_ins = tx.prepare("INSERT INTO suggestion_replies (suggestion_id, round, reply_date, doc_no, class, created_at) VALUES (?1, 1, ?2, ?3, ?4, ?5)")?;
    let mut rate_ins = tx.prepare("INSERT INTO suggestion_ratings (suggestion_id, round, rated_date, work_rating, result_rating, adoption, created_at) VALUES (?1, 1, ?2, ?3, ?3, ?4, ?5)")?;
    let mut event_ins = tx.prepare(
        "INSERT INTO suggestion_events (suggestion_id, at, date, kind, state_before, state_after, round, summary) VALUES (?1, ?2, ?3, 'import', NULL, ?4, 1, '示例数据（历年台账）')",
    )?;
    let mut search_ins = tx.prepare("INSERT INTO suggestion_search (rowid, pairs) VALUES (?1, ?2)")?;
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
            let assigned = *opened + chrono::Duration::days(rng.random_range(20..40));
            let due = super::deadline::add_months(assigned, settings.reply_months);
            let replied = assigned + chrono::Duration::days(rng.random_range(30..110));
            let class = ["A", "A", "A", "B", "C", "D"][rng.random_range(0..6)];
            let result = ["满意", "满意", "满意", "基本满意", "基本满意", "不满意", "未表态"][rng.random_range(0..7)];
            let state = if result == "不满意" {
                UNSATISFIED
            } else if class == "B" || class == "C" {
                IMPLEMENTED
            } else {
                CONCLUDED
            };
            let main = units[rng.random_range(0..units.len())];
            let d = |x: NaiveDate| x.format("%Y-%m-%d").to_string();
            ins.execute(rusqlite::params![
                uuid::Uuid::new_v4().to_string(),
                term,
                session,
                n as i64,
                title,
                body,
                cat,
                deputies[rng.random_range(0..deputies.len())],
                d(*opened),
                state,
                settings.review_levels.len() as i64,
                main,
                d(assigned),
                d(due),
                rng.random_bool(0.05),
                d(replied),
                class,
                replied <= due,
                result,
                if class == "A" { "采纳" } else { "部分采纳" },
                rng.random_bool(0.7),
                if state == UNSATISFIED { None } else { Some(d(replied + chrono::Duration::days(10))) },
                now
            ])?;
            let id = tx.last_insert_rowid();
            unit_ins.execute(rusqlite::params![id, main, "主办"])?;
            if rng.random_bool(0.2) {
                let co = units[rng.random_range(0..units.len())];
                if co != main {
                    unit_ins.execute(rusqlite::params![id, co, "协办"])?;
                }
            }
            reply_ins.execute(rusqlite::params![
                id,
                d(replied),
                format!("示例函〔{}〕{n}号", replied.format("%Y")),
                class,
                now
            ])?;
            rate_ins.execute(rusqlite::params![
                id,
                d(replied + chrono::Duration::days(10)),
                result,
                if class == "A" { "采纳" } else { "部分采纳" },
                now
            ])?;
            event_ins.execute(rusqlite::params![id, now, d(assigned), state])?;
            search_ins.execute(rusqlite::params![id, crate::text::char_pairs(&format!("{title} {body}"))])?;
            made += 1;
        }
    }
    Ok(made)
}
