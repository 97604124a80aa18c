//! Demo 一档四簿: every station with a year of entries in each book — receptions on its schedule
//! days, what constituents said and where it went (some loops closed, some still open), 述职 with
//! their votes, opinions (some become 代表建议) and the archive. `--scale large` adds a million
//! register entries over ten years, inserted in bulk with the search index filled alongside.

use chrono::{Datelike, Duration, NaiveDate};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::Rng;
use rusqlite::{params, Connection};

use super::model::*;
use super::store;
use crate::common::Vote;
use crate::error::Result;

const SATISFIED: &str = Vote::Satisfied.label();
const BASIC: &str = Vote::Basic.label();

/// What constituents bring to a station: (类别, 反映内容). Short words (路灯, 消防) on purpose: the
/// search must find 2-character terms.
const PROBLEMS: &[(&str, &str)] = &[
    ("城乡建设", "村口路灯坏了三个月没人修，晚上出行不安全"),
    ("城乡建设", "通组道路破损严重，雨天泥泞，希望硬化"),
    ("农业农村", "灌溉渠道淤塞，春耕用水困难"),
    ("农业农村", "高标准农田建设后排水不畅，庄稼受淹"),
    ("社会保障", "高龄津贴发放不及时，老人反映多次"),
    ("社会保障", "残疾人两项补贴申请手续复杂"),
    ("教育", "村小学校车接送时间不合理，孩子早起太早"),
    ("医疗卫生", "村卫生室缺少常用药，看病要跑到镇上"),
    ("生态环境", "河道沿岸垃圾乱堆，夏天气味大"),
    ("生态环境", "养殖场粪污直排，周边村民有意见"),
    ("安全生产", "集镇沿街商铺消防通道被占用，存在消防隐患"),
    ("安全生产", "老旧民房电线老化，担心火灾"),
    ("民生保障", "自来水水压不足，高处住户经常停水，饮水安全没有保障"),
    ("交通", "学校门口没有减速带，车速快，存在安全隐患"),
    ("社会治理", "邻里宅基地纠纷调解多次未果"),
    ("就业", "返乡青年希望有技能培训和创业贷款"),
    ("文化", "村文化广场缺少健身器材"),
    ("交通", "城乡公交班次少，赶集不方便"),
];

const ACTIVITY_TOPICS: &[(&str, &str)] = &[
    ("学习培训", "学习代表法和代表履职知识"),
    ("视察", "视察农村饮水安全工程运行情况"),
    ("调研", "调研乡村养老服务设施建设"),
    ("座谈", "与村（社区）干部座谈人居环境整治"),
    ("执法检查", "配合县人大常委会开展消防法执法检查"),
    ("建议督办", "督办代表建议落实情况"),
];

const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN: &str = "秀英 桂英 秀兰 玉兰 建华 建国 志强 国强 永红 海燕 春梅 明 伟 芳 军 勇 杰 磊 静 丽 强 敏 洋 艳 超 平 刚 桂兰 德明 金花";

fn person(rng: &mut StdRng) -> String {
    let s: Vec<char> = SURNAMES.chars().collect();
    let g: Vec<&str> = GIVEN.split_whitespace().collect();
    format!("{}{}", s[rng.random_range(0..s.len())], g[rng.random_range(0..g.len())])
}

fn d(x: NaiveDate) -> String {
    x.format("%Y-%m-%d").to_string()
}

struct StationDemo {
    id: i64,
    name: String,
    township: String,
    schedule: crate::roster::model::Schedule,
    deputies: Vec<i64>,
}

fn stations(tx: &Connection) -> Result<Vec<StationDemo>> {
    let list = crate::roster::store::station_list(
        tx,
        &crate::roster::model::StationQuery { page_size: Some(0), ..Default::default() },
    )?;
    Ok(list
        .items
        .into_iter()
        .map(|s| StationDemo {
            id: s.id,
            township: s.township.clone().unwrap_or_default(),
            name: s.name,
            schedule: s.schedule,
            deputies: s.deputies.iter().map(|x| x.id).collect(),
        })
        .collect())
}

fn pick_some(rng: &mut StdRng, from: &[i64], n: usize) -> Vec<i64> {
    let mut v: Vec<i64> = from.choose_multiple(rng, n.min(from.len())).copied().collect();
    v.sort();
    v
}

/// What a station's demo entries are written with.
struct Writing<'a> {
    st: &'a StationDemo,
    settings: &'a crate::suggestions::model::SuggestionSettings,
    today: NaiveDate,
    now: &'a str,
}

/// A year of entries for every station up to `today`; returns how many register entries it made.
pub fn add(tx: &Connection, rng: &mut StdRng, today: NaiveDate) -> Result<usize> {
    let now = crate::db::now_text();
    let from = today - Duration::days(365);
    let settings = crate::suggestions::model::SuggestionSettings::default();
    let mut made = 0;
    for st in stations(tx)? {
        if st.deputies.is_empty() {
            continue;
        }
        add_archive(tx, &st, from, today, &now)?;
        let w = Writing { st: &st, settings: &settings, today, now: &now };
        made += add_receptions(tx, rng, &w, from)?;
        made += add_activities(tx, rng, &st, from, today, &now)?;
        made += add_reports(tx, rng, &st, from, today, &now)?;
    }
    Ok(made)
}

/// 一档: how the station was built and runs.
fn add_archive(tx: &Connection, st: &StationDemo, from: NaiveDate, today: NaiveDate, now: &str) -> Result<()> {
    // 一档
    let archive = [
        (
            "建设过程",
            format!("{}-03-15", from.year()),
            format!("{}建成并挂牌运行", st.name),
            "阵地面积 80 平方米，设接待室、活动室，统一标识，配备电脑和档案柜。",
        ),
        (
            "驻站代表",
            format!("{}-03-20", from.year()),
            "驻站代表名单及联系方式公示".to_string(),
            "按照“就近就便”原则确定驻站代表，名单在站内和村务公开栏公示。",
        ),
        (
            "制度",
            format!("{}-04-01", from.year()),
            "代表进站接待选民制度".to_string(),
            "每月固定接待日进站，提前三天公告；群众意见当场登记，分类处理，限期反馈。",
        ),
        (
            "年度计划",
            format!("{}-01-10", today.year()),
            format!("{}年代表联络站活动计划", today.year()),
            "全年安排集中活动不少于 6 次，开展视察调研、述职评议和建议督办。",
        ),
        (
            "年度总结",
            format!("{}-12-28", from.year()),
            format!("{}年代表联络站工作总结", from.year()),
            "全年接待群众，收集意见，转交办理，按期反馈。",
        ),
    ];
    for (cat, date, title, body) in archive.iter() {
        let a = ArchiveInput {
            station_id: st.id,
            category: cat.to_string(),
            date: date.clone(),
            title: title.clone(),
            body: Some(body.to_string()),
        };
        store::archive_insert(tx, &a, &uuid::Uuid::new_v4().to_string(), now)?;
    }
    Ok(())
}

/// Receptions on the schedule's days, and what the constituents said there.
fn add_receptions(tx: &Connection, rng: &mut StdRng, w: &Writing, from: NaiveDate) -> Result<usize> {
    let (st, today, now) = (w.st, w.today, w.now);
    let mut made = 0;
    // receptions on the schedule's days, and what the constituents said there
    let days = reception_dates(&st.schedule, from, today - Duration::days(1));
    let mut opinion_no: std::collections::HashMap<i32, i64> = Default::default();
    for (i, day) in days.iter().enumerate() {
        if i % 7 == 6 {
            continue; // a reception not recorded: shows as 未登记 on the calendar
        }
        let n = rng.random_range(1..=2);
        let present = pick_some(rng, &st.deputies, n);
        let people = rng.random_range(2..=6);
        let act = EntryInput {
            station_id: st.id,
            book: "activity".into(),
            date: d(*day),
            title: Some(format!("{}代表进站接待选民", st.township)),
            body: Some(format!("代表进站接待选民 {people} 人次，听取意见建议，现场登记。")),
            kind: Some("接待选民".into()),
            place: Some(st.name.clone()),
            organizer: Some(format!("{}人大主席团", st.township)),
            recorder: Some("联络员".into()),
            public_count: Some(people),
            opinion_count: Some(rng.random_range(0..=2)),
            present_ids: present.clone(),
            ..Default::default()
        };
        store::insert_entry(tx, &act, &uuid::Uuid::new_v4().to_string(), None, now)?;
        made += 1;
        for _ in 0..rng.random_range(1..=3) {
            made += add_problem(tx, rng, w, *day, &present, &mut opinion_no)?;
        }
    }
    Ok(made)
}

/// One problem a constituent raised at a reception: its contact entry, and for some an opinion
/// handed on (a 代表建议 linked to the ledger); returns how many entries it made.
fn add_problem(
    tx: &Connection,
    rng: &mut StdRng,
    w: &Writing,
    day: NaiveDate,
    present: &[i64],
    opinion_no: &mut std::collections::HashMap<i32, i64>,
) -> Result<usize> {
    let (st, today, now, settings) = (w.st, w.today, w.now, w.settings);
    let day = &day;
    let mut made = 0;
    let (cat, words) = PROBLEMS[rng.random_range(0..PROBLEMS.len())];
    let handling =
        ["当场答复", "当场答复", "转交有关单位", "转交有关单位", "转为代表建议", "转信访", "委托上级代表提出"]
            [rng.random_range(0..7)];
    let age = (today - *day).num_days();
    let deadline = (handling != ON_THE_SPOT).then(|| *day + Duration::days(30));
    // most handed-on problems of past months have had their answer; recent ones are open
    let fed_back = handling != ON_THE_SPOT && age > 32 && rng.random_bool(0.96);
    let contact = EntryInput {
        station_id: st.id,
        book: "contact".into(),
        date: d(*day),
        body: Some(words.to_string()),
        kind: Some("进站接待".into()),
        person_name: Some(person(rng)),
        village: Some(format!("{}{}组", st.township.trim_end_matches(['乡', '镇']), rng.random_range(1..=9))),
        phone: Some(format!("13{}{:08}", rng.random_range(0..10), rng.random_range(0..100_000_000u64))),
        category: Some(cat.into()),
        handling: Some(handling.into()),
        transfer_unit: (handling == "转交有关单位").then(|| format!("{}人民政府", st.township)),
        deadline: deadline.map(d),
        result: (handling == ON_THE_SPOT || fed_back).then(|| {
            if handling == ON_THE_SPOT {
                "代表当场解释政策，群众表示理解"
            } else {
                "有关单位已办理并答复"
            }
            .to_string()
        }),
        feedback_date: fed_back.then(|| d(*day + Duration::days(rng.random_range(20..40)))),
        rating: (handling == ON_THE_SPOT || fed_back).then(|| {
            [SATISFIED, SATISFIED, SATISFIED, BASIC, Vote::Unsatisfied.label()][rng.random_range(0..5)].to_string()
        }),
        present_ids: vec![present[0]],
        ..Default::default()
    };
    let cid = store::insert_entry(tx, &contact, &uuid::Uuid::new_v4().to_string(), None, now)?;
    made += 1;
    if handling == "转为代表建议" || (handling == "转交有关单位" && rng.random_bool(0.3)) {
        let year = day.year();
        let n = opinion_no.entry(year).or_insert(0);
        *n += 1;
        let form = if handling == "转为代表建议" { "代表建议" } else { "转交意见" };
        let opinion = EntryInput {
            station_id: st.id,
            book: "opinion".into(),
            date: d(*day + Duration::days(2)),
            title: Some(words.chars().take(20).collect()),
            body: Some(words.to_string()),
            kind: Some(form.into()),
            category: Some(cat.into()),
            transfer_unit: contact.transfer_unit.clone().or(Some("县人大常委会代表工作委员会".into())),
            source_id: Some(cid),
            present_ids: vec![present[0]],
            ..Default::default()
        };
        let oid = store::insert_entry(tx, &opinion, &uuid::Uuid::new_v4().to_string(), Some(*n), now)?;
        made += 1;
        if form == "代表建议" {
            link_suggestion(tx, settings, oid, present[0], &opinion, *day, age < 60)?;
        }
    }
    Ok(made)
}

/// The other activities of the year: every resident deputy is expected.
fn add_activities(
    tx: &Connection,
    rng: &mut StdRng,
    st: &StationDemo,
    from: NaiveDate,
    today: NaiveDate,
    now: &str,
) -> Result<usize> {
    let mut made = 0;
    // the other activities of the year: every resident deputy is expected
    for (k, (kind, topic)) in ACTIVITY_TOPICS.iter().enumerate() {
        let day = from + Duration::days(40 + 50 * k as i64 + rng.random_range(0..10));
        if day >= today {
            continue;
        }
        let leave: Vec<i64> = st.deputies.iter().copied().filter(|_| rng.random_bool(0.12)).collect();
        let absent: Vec<i64> =
            st.deputies.iter().copied().filter(|x| !leave.contains(x) && rng.random_bool(0.04)).collect();
        let present: Vec<i64> =
            st.deputies.iter().copied().filter(|x| !leave.contains(x) && !absent.contains(x)).collect();
        if present.is_empty() {
            continue;
        }
        let act = EntryInput {
            station_id: st.id,
            book: "activity".into(),
            date: d(day),
            title: Some(topic.to_string()),
            body: Some(format!("{}，代表们实地察看并提出意见。", topic)),
            kind: Some(kind.to_string()),
            place: Some(format!("{}辖区", st.township)),
            organizer: Some(format!("{}人大主席团", st.township)),
            recorder: Some("联络员".into()),
            public_count: Some(rng.random_range(0..12)),
            opinion_count: Some(rng.random_range(0..4)),
            present_ids: present,
            leave_ids: leave,
            absent_ids: absent,
            ..Default::default()
        };
        store::insert_entry(tx, &act, &uuid::Uuid::new_v4().to_string(), None, now)?;
        made += 1;
    }
    Ok(made)
}

/// 述职: every resident deputy once, before the voters of the district.
fn add_reports(
    tx: &Connection,
    rng: &mut StdRng,
    st: &StationDemo,
    from: NaiveDate,
    today: NaiveDate,
    now: &str,
) -> Result<usize> {
    let mut made = 0;
    // 述职: every resident deputy once, before the voters of the district
    for (k, dep) in st.deputies.iter().enumerate() {
        let day = from + Duration::days(200 + 7 * k as i64);
        if day >= today {
            continue;
        }
        let voters = rng.random_range(30..=60);
        let sat = rng.random_range(voters * 6 / 10..=voters * 9 / 10);
        let basic = rng.random_range(0..=(voters - sat));
        let unsat = rng.random_range(0..=(voters - sat - basic).min(2));
        let report = EntryInput {
            station_id: st.id,
            book: "report".into(),
            date: d(day),
            body: Some("一年来参加人代会、闭会期间活动，进站接待选民，提出建议的情况".into()),
            district: None,
            voters_present: Some(voters),
            votes_satisfied: Some(sat),
            votes_basic: Some(basic),
            votes_unsatisfied: Some(unsat),
            comments: Some("希望代表多反映群众关心的道路、饮水问题".into()),
            result: Some(if sat * 2 > voters { SATISFIED } else { BASIC }.into()),
            feedback_date: Some(d(day + Duration::days(15))),
            present_ids: vec![*dep],
            ..Default::default()
        };
        store::insert_entry(tx, &report, &uuid::Uuid::new_v4().to_string(), None, now)?;
        made += 1;
    }
    Ok(made)
}

/// An opinion that became a 代表建议: an existing suggestion of the same deputy when there is one
/// (so replies and ratings show on the loop), else — for a recent opinion — a new one in review;
/// an older opinion without one stays an opinion.
#[allow(clippy::too_many_arguments)]
fn link_suggestion(
    tx: &Connection,
    settings: &crate::suggestions::model::SuggestionSettings,
    opinion_id: i64,
    deputy: i64,
    o: &EntryInput,
    day: NaiveDate,
    recent: bool,
) -> Result<()> {
    let existing: Option<i64> = tx
        .query_row(
            "SELECT id FROM suggestions WHERE lead_deputy_id = ?1 AND id NOT IN (SELECT suggestion_id FROM register_entries WHERE suggestion_id IS NOT NULL) LIMIT 1",
            [deputy],
            |r| r.get(0),
        )
        .ok();
    let sid = match existing {
        Some(s) => s,
        None if !recent => return Ok(()),
        None => {
            let input = crate::suggestions::model::SuggestionInput {
                period: crate::suggestions::model::RECESS.into(),
                session_id: None,
                term_id: None,
                title: suggestion_title(o.title.as_deref().unwrap_or_default()),
                body: o.body.clone(),
                category: None,
                lead_deputy_id: deputy,
                cosigner_ids: vec![],
                received_date: d(day + Duration::days(3)),
            };
            let (s, _) = crate::suggestions::check_input(tx, &input, settings)?;
            crate::suggestions::create_tx(tx, settings, &s)?
        }
    };
    tx.execute("UPDATE register_entries SET suggestion_id = ?2 WHERE id = ?1", params![opinion_id, sid])?;
    Ok(())
}

/// One bulk entry at `day`: mostly contacts, then activities, opinions and reports.
fn bulk_entry(rng: &mut StdRng, s: &StationDemo, today: NaiveDate, day: NaiveDate) -> EntryInput {
    let roll = rng.random_range(0..100);
    let (cat, words) = PROBLEMS[rng.random_range(0..PROBLEMS.len())];
    if roll < 70 {
        let handling = ["当场答复", "当场答复", "转交有关单位", "转为代表建议", "转信访"][rng.random_range(0..5)];
        // ten years on, nearly every problem handed on has had its answer; the last weeks' have not
        let done = handling != ON_THE_SPOT && rng.random_bool(if (today - day).num_days() > 60 { 0.99 } else { 0.5 });
        EntryInput {
            book: "contact".into(),
            body: Some(words.into()),
            kind: Some("进站接待".into()),
            person_name: Some(person(rng)),
            village: Some(format!("{}组", rng.random_range(1..=9))),
            phone: Some(format!("139{:08}", rng.random_range(0..100_000_000u64))),
            category: Some(cat.into()),
            handling: Some(handling.into()),
            deadline: (handling != ON_THE_SPOT).then(|| d(day + Duration::days(30))),
            feedback_date: done.then(|| d(day + Duration::days(25))),
            rating: done.then(|| SATISFIED.into()),
            ..Default::default()
        }
    } else if roll < 92 {
        let (kind, topic) = if roll < 85 {
            ("接待选民", "代表进站接待选民")
        } else {
            ACTIVITY_TOPICS[rng.random_range(0..ACTIVITY_TOPICS.len())]
        };
        EntryInput {
            book: "activity".into(),
            title: Some(topic.into()),
            body: Some(format!("{topic}。群众反映：{words}")),
            kind: Some(kind.into()),
            place: Some(s.name.clone()),
            public_count: Some(rng.random_range(1..8)),
            ..Default::default()
        }
    } else if roll < 97 {
        EntryInput {
            book: "opinion".into(),
            title: Some(words.chars().take(20).collect()),
            body: Some(words.into()),
            kind: Some("转交意见".into()),
            category: Some(cat.into()),
            ..Default::default()
        }
    } else {
        EntryInput {
            book: "report".into(), body: Some("代表向选民述职，报告履职情况".into()), ..Default::default()
        }
    }
}

/// `count` register entries over the ten years before `today`, in bulk (the benchmark size).
pub fn add_bulk(tx: &Connection, rng: &mut StdRng, today: NaiveDate, count: usize) -> Result<usize> {
    let st = stations(tx)?;
    let st: Vec<&StationDemo> = st.iter().filter(|s| !s.deputies.is_empty()).collect();
    if st.is_empty() {
        return Ok(0);
    }
    let now = crate::db::now_text();
    let mut ins = tx.prepare(
        "INSERT INTO register_entries (uuid, station_id, book, date, title, body, kind, place, public_count, person_name, village, phone,
            category, handling, transfer_unit, deadline, result, feedback_date, rating, number, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?21)",
    )?;
    let mut dep = tx.prepare("INSERT INTO register_deputies (entry_id, deputy_id, role) VALUES (?1, ?2, 'present')")?;
    let mut search = tx.prepare("INSERT INTO register_search (rowid, pairs) VALUES (?1, ?2)")?;
    let days = 3650;
    let mut pairs = Vec::with_capacity(count);
    for i in 0..count {
        let s = st[i % st.len()];
        let day = today - Duration::days(1 + (i as i64 * 7919) % days);
        let deputy = s.deputies[rng.random_range(0..s.deputies.len())];
        let e = bulk_entry(rng, s, today, day);
        ins.execute(params![
            uuid::Uuid::new_v4().to_string(),
            s.id,
            e.book,
            d(day),
            e.title,
            e.body,
            e.kind,
            e.place,
            e.public_count,
            e.person_name,
            e.village,
            e.phone,
            e.category,
            e.handling,
            e.transfer_unit,
            e.deadline,
            e.result,
            e.feedback_date,
            e.rating,
            (e.book == "opinion").then_some(i as i64 + 1),
            now
        ])?;
        let id = tx.last_insert_rowid();
        dep.execute(params![id, deputy])?;
        pairs.push((id, store::search_pairs(s.id, &e)));
    }
    // the search rows last: see `store::insert_entries`
    for (id, p) in pairs {
        search.execute(params![id, p])?;
    }
    Ok(count)
}
