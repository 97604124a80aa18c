//! Demo data: a realistic (fictional) county, 清河县, with its deputies, handling units and
//! stations, so a new user can try every page. Deterministic: the same scale gives the same data.
//! Later areas add their records here too.

use std::collections::HashSet;

use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::audit;
use crate::error::{Error, Result};
use crate::roster::model::*;
use crate::roster::store;
use crate::text::chinese_number;
use crate::Renda;

const SURNAMES: &str = include_str!("../assets/demo/surnames.txt");
const GIVEN_MALE: &str = include_str!("../assets/demo/given_male.txt");
const GIVEN_FEMALE: &str = include_str!("../assets/demo/given_female.txt");
const TOWNSHIPS: &str = include_str!("../assets/demo/townships.txt");
const VILLAGES: &str = include_str!("../assets/demo/villages.txt");
const UNITS: &str = include_str!("../assets/demo/units.txt");

pub const COUNTY: &str = "清河县";

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DemoSummary {
    pub deputies: i64,
    pub units: i64,
    pub stations: i64,
    pub terms: i64,
    pub sessions: i64,
    pub suggestions: i64,
    /// entries of the stations' four registers
    pub register_entries: i64,
    /// 民生实事项目 adopted this year
    pub projects: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// One county's current term: about 200 deputies.
    Small,
    /// A large county over ten years: 5,000 deputies, the benchmarks' reference size.
    Large,
}

impl Scale {
    pub fn parse(s: &str) -> Result<Scale> {
        match s {
            "small" | "" => Ok(Scale::Small),
            "large" => Ok(Scale::Large),
            other => Err(Error::field(
                "scale",
                format!("示例数据规模「{other}」无法识别，可选 small（一个县）或 large（5000名代表）"),
            )),
        }
    }
}

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

impl Renda {
    /// Fills an empty data folder with the demo county. Refuses when there is data already, so
    /// demo records never mix with real ones.
    pub fn load_demo(&mut self, scale: Scale) -> Result<DemoSummary> {
        let st = self.status()?;
        if st.counts.deputies + st.counts.units + st.counts.stations + st.counts.terms > 0 {
            return Err(Error::NotAllowed(
                "当前已有数据，不能再载入示例数据（以免示例与真实数据混在一起）。如需体验示例，请用新的数据文件（--db 指定）。".into(),
            ));
        }
        self.write(|tx| {
            let summary = generate(tx, scale)?;
            // statistics for the planner after the bulk load
            tx.execute_batch("PRAGMA analysis_limit = 400; ANALYZE;")?;
            Renda::mark_setup_done(tx)?;
            if crate::settings::get(tx, crate::settings::ORG_NAME)?.is_none() {
                crate::settings::set_org_name(tx, &format!("{COUNTY}人大常委会代表工作委员会"))?;
            }
            if crate::settings::get(tx, crate::settings::OFFICE_LEVEL)?.is_none() {
                crate::settings::set(tx, crate::settings::OFFICE_LEVEL, "县")?;
            }
            audit(
                tx,
                "app",
                None,
                "demo",
                &format!(
                    "载入示例数据：{} 名代表、{} 个承办单位、{} 个联络站、{} 件建议、{} 个民生实事项目",
                    summary.deputies, summary.units, summary.stations, summary.suggestions, summary.projects
                ),
                None,
                None,
            )?;
            Ok(summary)
        })
    }
}

fn generate(tx: &rusqlite::Connection, scale: Scale) -> Result<DemoSummary> {
    let mut rng = StdRng::seed_from_u64(if scale == Scale::Small { 18 } else { 5000 });
    let all_townships = words(TOWNSHIPS);
    let townships: Vec<&str> = if scale == Scale::Small { all_townships[..10].to_vec() } else { all_townships.clone() };
    let villages = words(VILLAGES);
    let now_year: i64 = chrono::Local::now().format("%Y").to_string().parse().unwrap_or(2026);
    let start = now_year - 2;
    let (county_term, terms, sessions) = add_terms(tx, scale, &townships, start)?;
    let units = add_units(tx, &mut rng, &townships)?;
    let station_ids = add_stations(tx, &mut rng, &townships, &villages)?;
    let place = Place { townships: &townships, villages: &villages, stations: &station_ids, county_term, now_year };
    let deputies = add_deputies(tx, &mut rng, scale, &place)?;
    let (suggestions, today) = add_suggestions(tx, &mut rng, scale, county_term)?;
    // 一档四簿: a year of every station's registers; the large scale adds ten years in bulk
    let mut register_entries = crate::stations::demo::add(tx, &mut rng, today)? as i64;
    if scale == Scale::Large {
        register_entries += crate::stations::demo::add_bulk(tx, &mut rng, today, 1_000_000)? as i64;
    }
    // 履职评议: last year's evaluation closed, this year's open; attendance and adjustments for the points
    crate::evaluation::demo::add(tx, &mut rng, now_year)?;
    // 民生实事项目票决: the year's vote, projects and their supervision, the year-end rating
    let projects = add_projects(tx, &mut rng, &townships, &villages, now_year, today)?;
    // 公民旁听: six 常委会 meetings open to citizens, one drawn from a seed
    crate::hearings::demo::add(tx, &mut rng, now_year, today)?;
    // 乡镇人大工作评价: the county's template and its townships' 自评, or a township's own 自评
    if crate::settings::get(tx, crate::settings::OFFICE_LEVEL)?.as_deref() == Some("乡镇") {
        crate::assessment::demo::add_township(tx, &mut rng, now_year, &format!("{COUNTY}人大常委会"))?;
    } else {
        crate::assessment::demo::add_county(tx, &mut rng, now_year, &townships)?;
    }
    Ok(DemoSummary {
        deputies,
        units,
        stations: station_ids.len() as i64,
        terms,
        sessions,
        suggestions,
        register_entries,
        projects,
    })
}

/// The year's 民生实事项目: a township's vote when the office is a township, else the county's.
fn add_projects(
    tx: &rusqlite::Connection,
    rng: &mut StdRng,
    townships: &[&str],
    villages: &[&str],
    year: i64,
    today: chrono::NaiveDate,
) -> Result<i64> {
    let township = crate::settings::get(tx, crate::settings::OFFICE_LEVEL)?.as_deref() == Some("乡镇");
    let level = if township {
        crate::projects::demo::Level { township, places: villages, deputy_level: "乡" }
    } else {
        crate::projects::demo::Level { township, places: townships, deputy_level: "县" }
    };
    let n = crate::projects::demo::add(tx, rng, year, today, &level)?;
    crate::evaluation::demo::add_project_rating(tx, rng, year)?;
    // 审议意见办理: the year's 议题, meetings and opinions, rated by the evaluation's machinery
    let rate = |tx: &rusqlite::Connection, id: i64, date: &str, satisfied: i64| {
        crate::evaluation::oversight::demo_rating(tx, id, date, 25, 22, satisfied)
    };
    crate::oversight::demo::add(tx, rng, year, today, township, &rate)?;
    Ok(n)
}

/// 届次 and 会次: returns the county term, the number of terms and of sessions.
fn add_terms(tx: &rusqlite::Connection, scale: Scale, townships: &[&str], start: i64) -> Result<(i64, i64, i64)> {
    // 届次 and 会次: the county's 18th congress, elected two years ago, one session a year.
    let mut sessions = 0;
    let county_term = insert_term(tx, "县", 18, &format!("{COUNTY}第十八届人民代表大会"), start, start + 5, true)?;
    for n in 1..=3 {
        let year = start + n - 1;
        let date = format!("{year}-01-{:02}", 8 + n);
        let end = format!("{year}-01-{:02}", 10 + n);
        insert_session(
            tx,
            county_term,
            n,
            &format!("{COUNTY}第十八届人民代表大会第{}次会议", chinese_number(n)),
            &date,
            &end,
        )?;
        sessions += 1;
    }
    let township_term =
        insert_term(tx, "乡", 19, &format!("{}第十九届人民代表大会", townships[0]), start, start + 5, true)?;
    for n in 1..=2 {
        let year = start + n - 1;
        insert_session(
            tx,
            township_term,
            n,
            &format!("{}第十九届人民代表大会第{}次会议", townships[0], chinese_number(n)),
            &format!("{year}-01-05"),
            &format!("{year}-01-06"),
        )?;
        sessions += 1;
    }
    let mut terms = 2;
    if scale == Scale::Large {
        // earlier terms, for the ten-year span of the benchmark sizes
        for (i, n) in [17, 16].iter().enumerate() {
            let s = start - 5 * (i as i64 + 1);
            let t =
                insert_term(tx, "县", *n, &format!("{COUNTY}第{}届人民代表大会", chinese_number(*n)), s, s + 5, false)?;
            terms += 1;
            for k in 1..=5 {
                let year = s + k - 1;
                insert_session(
                    tx,
                    t,
                    k,
                    &format!("{COUNTY}第{}届人民代表大会第{}次会议", chinese_number(*n), chinese_number(k)),
                    &format!("{year}-01-10"),
                    &format!("{year}-01-12"),
                )?;
                sessions += 1;
            }
        }
    }

    Ok((county_term, terms, sessions))
}

/// 承办单位: the county's departments and every township's government.
fn add_units(tx: &rusqlite::Connection, rng: &mut StdRng, townships: &[&str]) -> Result<i64> {
    // 承办单位
    let mut units = 0;
    let mut kind = "政府部门";
    for w in words(UNITS) {
        if UNIT_KINDS.contains(&w) {
            kind = w;
            continue;
        }
        let male = rng.random_bool(0.6);
        let (person, phone) = (person_name(rng, male), landline(rng));
        let u = UnitInput {
            name: format!("{COUNTY}{}", w.trim_start_matches('县')),
            kind: kind.into(),
            contact_person: Some(person),
            contact_phone: Some(phone),
        };
        let u = validate_unit(&u)?;
        store::unit_insert(tx, &u, &uuid::Uuid::new_v4().to_string())?;
        units += 1;
    }
    for t in townships {
        let u = UnitInput {
            name: format!("{t}人民政府"),
            kind: "乡镇".into(),
            contact_person: Some(person_name(rng, true)),
            contact_phone: Some(landline(rng)),
        };
        store::unit_insert(tx, &validate_unit(&u)?, &uuid::Uuid::new_v4().to_string())?;
        units += 1;
    }

    Ok(units)
}

/// The stations; returns each one's id and township.
fn add_stations(
    tx: &rusqlite::Connection,
    rng: &mut StdRng,
    townships: &[&str],
    villages: &[&str],
) -> Result<Vec<(i64, String)>> {
    // 联络站: a 代表之家 in every township and a 代表联络站 in one of its villages, plus a
    // 行业联络站 and the 基层立法联系点.
    let mut station_ids: Vec<(i64, String)> = Vec::new();
    for (i, t) in townships.iter().enumerate() {
        let v = villages[i % villages.len()];
        let home = StationInput {
            name: format!("{t}人大代表之家"),
            kind: "代表之家".into(),
            township: Some(t.to_string()),
            address: Some(format!("{COUNTY}{t}人民政府院内")),
            head: Some(person_name(rng, true)),
            liaison: Some(person_name(rng, false)),
            schedule: Schedule { kind: "month_days".into(), days: vec![6, 16, 26], notice_days: 3 },
            deputy_ids: vec![],
        };
        let id = store::station_insert(tx, &validate_station(&home)?, &uuid::Uuid::new_v4().to_string())?;
        station_ids.push((id, t.to_string()));
        let post = StationInput {
            name: format!("{t}{v}村代表联络站"),
            kind: "代表联络站".into(),
            township: Some(t.to_string()),
            address: Some(format!("{t}{v}村党群服务中心")),
            head: Some(person_name(rng, true)),
            liaison: Some({
                let m = rng.random_bool(0.5);
                person_name(rng, m)
            }),
            schedule: Schedule { kind: "weekdays".into(), days: vec![(i as i64 % 5) + 1], notice_days: 3 },
            deputy_ids: vec![],
        };
        let id = store::station_insert(tx, &validate_station(&post)?, &uuid::Uuid::new_v4().to_string())?;
        station_ids.push((id, t.to_string()));
    }
    for (name, kind, addr) in [
        (format!("{COUNTY}工业园区行业代表联络站"), "行业联络站", format!("{COUNTY}工业园区管委会")),
        (format!("{COUNTY}人大常委会基层立法联系点"), "立法联系点", format!("{COUNTY}{}社区服务中心", townships[0])),
    ] {
        let s = StationInput {
            name,
            kind: kind.into(),
            township: Some(townships[0].to_string()),
            address: Some(addr),
            head: Some(person_name(rng, true)),
            liaison: Some(person_name(rng, false)),
            schedule: Schedule::default(),
            deputy_ids: vec![],
        };
        let id = store::station_insert(tx, &validate_station(&s)?, &uuid::Uuid::new_v4().to_string())?;
        station_ids.push((id, townships[0].to_string()));
    }

    Ok(station_ids)
}

/// Where the demo deputies live and serve.
struct Place<'a> {
    townships: &'a [&'a str],
    villages: &'a [&'a str],
    stations: &'a [(i64, String)],
    county_term: i64,
    now_year: i64,
}

fn add_deputies(tx: &rusqlite::Connection, rng: &mut StdRng, scale: Scale, place: &Place) -> Result<i64> {
    let start = place.now_year - 2;
    let count = if scale == Scale::Small { 200 } else { 5000 };
    let mut seen: HashSet<(String, String)> = HashSet::new();
    let mut deputies = 0;
    let mut inserter = store::DeputyInserter::new(tx)?;
    for i in 0..count {
        let input = deputy_input(rng, place, i, &mut seen);
        let d = validate_deputy(&input)?;
        let id = inserter.insert(&d, &uuid::Uuid::new_v4().to_string(), Some(&format!("{start}-01-01")), "当选")?;
        deputies += 1;
        if i % 97 == 5 {
            store::deputy_add_status(
                tx,
                id,
                "辞职",
                Some(&format!("{}-06-30", place.now_year - 1)),
                Some("因工作调动辞去代表职务"),
            )?;
        }
    }
    Ok(deputies)
}

/// The `i`-th demo deputy, a name and birth month not yet `seen`.
fn deputy_input(rng: &mut StdRng, place: &Place, i: usize, seen: &mut HashSet<(String, String)>) -> DeputyInput {
    let political = [
        ("中共党员", 62),
        ("群众", 20),
        ("民盟盟员", 3),
        ("民建会员", 2),
        ("九三学社社员", 2),
        ("农工党党员", 2),
        ("无党派人士", 6),
        ("中共预备党员", 3),
    ];
    let education = [("大学", 40), ("大专", 25), ("研究生", 8), ("高中", 15), ("中专", 8), ("初中", 4)];
    let sectors = ["农业农村组", "财政经济组", "教科文卫组", "社会建设组", "城建环资组", "法制组"];
    let (townships, villages, station_ids, county_term, now_year) =
        (place.townships, place.villages, place.stations, place.county_term, place.now_year);
    let male = rng.random_bool(0.72);
    let birth = format!("{}-{:02}", rng.random_range(now_year - 66..=now_year - 26), rng.random_range(1..=12));
    let mut name = person_name(rng, male);
    while !seen.insert((name.clone(), birth.clone())) {
        name = person_name(rng, male);
    }
    let ti = i % townships.len();
    let t = townships[ti];
    let v = villages[rng.random_range(0..villages.len())];
    let work_unit = match rng.random_range(0..10) {
        0..=2 => format!("{t}{v}村党支部书记、村委会主任"),
        3 => format!("{t}中心学校教师"),
        4 => format!("{COUNTY}人民医院{}科主任", ["内", "外", "儿", "妇产"].choose(rng).unwrap()),
        5 => format!(
            "{COUNTY}{}有限公司董事长",
            ["宏达农业", "清河食品", "永兴建材", "绿源生态", "鑫源纺织"].choose(rng).unwrap()
        ),
        6 => format!("{t}党委书记"),
        7 => format!("{t}{v}村村民"),
        8 => format!("{t}{}种植专业合作社理事长", ["果蔬", "粮食", "食用菌", "茶叶"].choose(rng).unwrap()),
        _ => {
            format!("{COUNTY}{}局局长", ["农业农村", "教育", "交通运输", "水利", "财政"].choose(rng).unwrap())
        }
    };
    let mut levels = vec!["县".to_string()];
    if rng.random_bool(0.3) {
        levels.push("乡".into());
    }
    if i.is_multiple_of(40) {
        levels.insert(0, "市".into());
    }
    if i == 7 {
        levels.insert(0, "省".into());
    }
    // roughly a third of deputies are stationed at their township's stations
    let station = if rng.random_bool(0.4) {
        station_ids.iter().filter(|(_, tn)| tn == t).map(|(id, _)| *id).collect::<Vec<_>>().choose(rng).copied()
    } else {
        None
    };
    let input = DeputyInput {
        name,
        gender: Some(if male { "男" } else { "女" }.into()),
        ethnicity: Some(
            if rng.random_bool(0.93) {
                "汉族"
            } else {
                ["回族", "满族", "蒙古族", "壮族"].choose(rng).unwrap()
            }
            .to_string(),
        ),
        birth_month: Some(birth),
        political: Some(weighted(rng, &political).into()),
        education: Some(weighted(rng, &education).into()),
        work_unit: Some(work_unit),
        card_no: Some(format!("QH18-{:04}", i + 1)),
        id_number: None,
        address: None,
        note: None,
        levels,
        district: Some(format!("第{}选区", ti * 6 + rng.random_range(1..=6))),
        delegation: Some(format!("{t}代表团")),
        sector_group: Some(sectors[rng.random_range(0..sectors.len())].into()),
        phone: Some(
            format!(
                "1{}{:09}",
                ["38", "39", "50", "58", "87", "35", "36", "59"].choose(rng).unwrap(),
                rng.random_range(0..1_000_000_000u64)
            )[..11]
                .to_string(),
        ),
        station_id: station,
        term_id: Some(county_term),
    };
    input
}

/// 代表建议 of this year's session (the third of the term), and of ten past years at the large
/// scale; returns their number and today.
fn add_suggestions(
    tx: &rusqlite::Connection,
    rng: &mut StdRng,
    scale: Scale,
    county_term: i64,
) -> Result<(i64, chrono::NaiveDate)> {
    let settings = crate::suggestions::model::SuggestionSettings::default();
    let mut cal = crate::suggestions::deadline::Calendar::default();
    for (d, w, _) in crate::suggestions::deadline::KNOWN_DAYS {
        cal.days.insert(chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("valid"), *w);
    }
    let (session, opened): (i64, String) = tx.query_row(
        "SELECT id, start_date FROM sessions WHERE term_id = ?1 ORDER BY number DESC LIMIT 1",
        [county_term],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let deputy_ids: Vec<i64> = tx
        .prepare("SELECT id FROM deputies ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let unit_ids: Vec<i64> = tx
        .prepare("SELECT id FROM units WHERE kind <> '乡镇' ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let today = crate::common::today();
    let opened = chrono::NaiveDate::parse_from_str(&opened, "%Y-%m-%d").expect("demo dates are valid");
    let mut suggestions = crate::suggestions::demo::add(
        tx,
        rng,
        &settings,
        &cal,
        session,
        opened,
        today,
        &deputy_ids,
        &unit_ids,
        if scale == Scale::Small { 120 } else { 400 },
    )? as i64;
    if scale == Scale::Large {
        // the ten sessions before this year's: 100,000 suggestions of past years
        let past: Vec<(i64, i64, chrono::NaiveDate)> = tx
            .prepare("SELECT id, term_id, start_date FROM sessions WHERE id <> ?1 AND start_date IS NOT NULL ORDER BY start_date DESC LIMIT 10")?
            .query_map([session], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .map(|(a, b, d)| (a, b, chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").expect("demo dates are valid")))
            .collect();
        suggestions +=
            crate::suggestions::demo::add_bulk(tx, rng, &settings, &past, &deputy_ids, &unit_ids, 100_000)? as i64;
    }
    Ok((suggestions, today))
}

fn insert_term(
    tx: &rusqlite::Connection,
    level: &str,
    number: i64,
    name: &str,
    start: i64,
    end: i64,
    current: bool,
) -> Result<i64> {
    let now = crate::db::now_text();
    tx.execute(
        "INSERT INTO terms (uuid, level, number, name, start_year, end_year, is_current, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        rusqlite::params![uuid::Uuid::new_v4().to_string(), level, number, name, start, end, current, now],
    )?;
    Ok(tx.last_insert_rowid())
}

fn insert_session(tx: &rusqlite::Connection, term: i64, number: i64, name: &str, start: &str, end: &str) -> Result<()> {
    let now = crate::db::now_text();
    tx.execute(
        "INSERT INTO sessions (uuid, term_id, number, name, start_date, end_date, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        rusqlite::params![uuid::Uuid::new_v4().to_string(), term, number, name, start, end, now],
    )?;
    Ok(())
}

fn person_name(rng: &mut StdRng, male: bool) -> String {
    let surname = *words(SURNAMES).choose(rng).unwrap();
    let given = *words(if male { GIVEN_MALE } else { GIVEN_FEMALE }).choose(rng).unwrap();
    format!("{surname}{given}")
}

fn landline(rng: &mut StdRng) -> String {
    format!("0318-{}", rng.random_range(5_200_000..5_299_999))
}

fn weighted<'a>(rng: &mut StdRng, items: &[(&'a str, u32)]) -> &'a str {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut pick = rng.random_range(0..total);
    for (item, w) in items {
        if pick < *w {
            return item;
        }
        pick -= w;
    }
    items[0].0
}
