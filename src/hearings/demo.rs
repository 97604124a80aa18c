//! Demo 公民旁听 (DOMAIN.md §7): a county year of six 常委会 meetings open to citizens, about forty
//! applications (自主 and 推荐 by 街道, 乡镇, 团体, 党派), one applicant too young and one resident
//! too briefly, one meeting over-subscribed and drawn from a printed seed, cards, 签到 and the
//! opinions of those who came, some adopted. Meetings still ahead are left at 报名.

use chrono::{Datelike, Duration, NaiveDate};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::Rng;
use rusqlite::Connection;

use super::model::*;
use super::store;
use crate::error::Result;

const SURNAMES: &[&str] =
    &["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭"];
const GIVEN: &[&str] = &[
    "建国", "秀英", "志强", "丽华", "海燕", "文军", "春梅", "晓明", "桂兰", "红霞", "国平", "小敏", "德华", "玉兰",
    "振宇", "静",
];
const EMPLOYERS: &[&str] =
    &["县第一中学", "城关镇中心小学", "县人民医院", "个体工商户", "清河农业合作社", "退休", "县供销社", "社区居委会"];
const RECOMMENDERS: &[(&str, HearingRecommender)] = &[
    ("城关街道", HearingRecommender::Street),
    ("河西街道", HearingRecommender::Street),
    ("白沙镇", HearingRecommender::Township),
    ("县妇联", HearingRecommender::Group),
    ("民盟县委", HearingRecommender::Party),
];
const TOPICS: &[&str] = &[
    "县人民政府关于义务教育优质均衡发展情况的报告",
    "县人民政府关于农村人居环境整治情况的报告",
    "县人民法院关于执行工作情况的报告",
    "县人民检察院关于公益诉讼工作情况的报告",
    "县人民政府关于上半年国民经济和社会发展计划执行情况的报告",
    "县人民政府关于养老服务体系建设情况的报告",
    "县人民政府关于食品安全工作情况的报告",
    "县人民政府关于本级预算执行和其他财政收支审计工作报告",
    "县人民政府关于城区交通秩序整治情况的报告",
    "县人民政府关于全县民生实事项目实施情况的报告",
    "县人民政府关于国有资产管理情况的报告",
    "县人民政府关于下一年度民生实事候选项目的报告",
];
const OPINIONS: &[&str] = &[
    "建议增加农村寄宿制学校的生活老师",
    "建议公开执行案件的办理进度，方便当事人查询",
    "建议在城区学校周边增设临时停车位",
    "建议养老服务中心延长助餐时间",
    "建议对农贸市场的食品抽检结果定期公示",
    "建议把村级公益诉讼线索的受理电话印在便民卡上",
];
const UNITS: &[&str] = &["县教育局", "县人民法院", "县公安局交警大队", "县民政局", "县市场监督管理局", "县人民检察院"];

/// A 身份证号 of this county with its check character (GB 11643).
fn id_number(birth: NaiveDate, serial: u32) -> String {
    let body = format!("430725{}{:03}", birth.format("%Y%m%d"), serial % 1000);
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body.chars().zip(W).map(|(c, w)| c.to_digit(10).unwrap_or(0) * w).sum();
    let check = b"10X98765432".get((sum % 11) as usize).copied().unwrap_or(b'0') as char;
    format!("{body}{check}")
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The six meetings of `year` open to citizens; returns the number of applications.
pub fn add(tx: &Connection, rng: &mut StdRng, year: i64, today: NaiveDate) -> Result<i64> {
    let now = format!("{} 09:00:00", iso(today));
    let numbers = ["第二十二次", "第二十三次", "第二十四次", "第二十五次", "第二十六次", "第二十七次"];
    let mut serial = 0u32;
    let mut total = 0;
    for (i, n) in numbers.iter().enumerate() {
        let month = 2 * i as u32 + 2;
        let Some(date) = NaiveDate::from_ymd_opt(year as i32, month, 18) else { continue };
        let topics: Vec<String> = TOPICS.iter().skip(2 * i).take(2).map(|t| t.to_string()).collect();
        let input = HearingMeetingInput {
            kind: HearingKind::Standing,
            name: format!("县人大常委会{n}会议"),
            meeting_date: iso(date),
            notice_date: iso(date - Duration::days(25)),
            deadline: iso(date - Duration::days(8)),
            seats: Some(5),
            // the third meeting has more applicants than seats: drawn from a printed seed
            method: if i == 2 { HearingMethod::Draw } else { HearingMethod::Order },
            place: Some("县人大常委会第一会议室".into()),
            topics,
            ..Default::default()
        };
        let row = store::MeetingRow { input: &input, year: date.year() as i64, seats: 5 };
        let id = store::meeting_insert(tx, &row, &uuid::Uuid::new_v4().to_string(), &now)?;
        let count = if i == 2 { 9 } else { rng.random_range(5..=7) };
        let apps = applications(tx, rng, &input, id, count, &mut serial, &now)?;
        total += apps.len() as i64;
        if date < today {
            hold(tx, rng, id, &apps, i == 2, date.year() as i64, i as i64 + 1, &now)?;
        }
    }
    Ok(total)
}

/// `n` applications to meeting `id`: one in six 推荐; the second of the third meeting under 18,
/// the third of the fourth resident too briefly.
fn applications(
    tx: &Connection,
    rng: &mut StdRng,
    m: &HearingMeetingInput,
    id: i64,
    n: usize,
    serial: &mut u32,
    now: &str,
) -> Result<Vec<(i64, Option<&'static str>)>> {
    let day = NaiveDate::parse_from_str(&m.meeting_date, "%Y-%m-%d").unwrap_or_default();
    let notice = NaiveDate::parse_from_str(&m.notice_date, "%Y-%m-%d").unwrap_or_default();
    let mut out = vec![];
    for k in 0..n {
        *serial += 1;
        let young = m.name.contains("第二十四次") && k == 1;
        let age = if young { 17 } else { rng.random_range(25..=66) };
        let birth = day - Duration::days(age * 365 + rng.random_range(10..300));
        let name = format!("{}{}", SURNAMES.choose(rng).unwrap_or(&"王"), GIVEN.choose(rng).unwrap_or(&"静"));
        let recommended = k % 3 == 2;
        let (rec, kind) = RECOMMENDERS.choose(rng).copied().unwrap_or(("城关街道", HearingRecommender::Street));
        let short = m.name.contains("第二十五次") && k == 2;
        let input = HearingApplicationInput {
            meeting_id: id,
            name: name.clone(),
            id_number: id_number(birth, *serial),
            source: if recommended { HearingSource::Recommended } else { HearingSource::Own },
            recommender_kind: recommended.then_some(kind),
            recommender: recommended.then(|| rec.to_string()),
            local_hukou: !short && k % 4 != 3,
            address: Some(format!("清河县城关镇建设路{}号", rng.random_range(1..200))),
            resident_since: Some(iso(if short { day - Duration::days(200) } else { day - Duration::days(900) })),
            employer: EMPLOYERS.choose(rng).map(|e| e.to_string()),
            phone: Some(format!("139{:08}", rng.random_range(0..100_000_000u32))),
            applied_on: Some(iso(notice + Duration::days(k as i64 + 1))),
        };
        let pid =
            store::person_insert(tx, &input.id_number, &name, &iso(birth), &uuid::Uuid::new_v4().to_string(), now)?;
        let applied = input.applied_on.clone().unwrap_or_default();
        let row = store::ApplicationRow { input: &input, person_id: pid, applied_on: &applied };
        let aid = store::application_insert(tx, &row, &uuid::Uuid::new_v4().to_string(), now)?;
        let reason = if young {
            Some("会议当日未满18周岁")
        } else if short {
            Some("户籍不在本县，且在本县居住不满1年")
        } else {
            None
        };
        out.push((aid, reason));
    }
    Ok(out)
}

/// A meeting already held: reviewed, selected (drawn when `drawn`), cards issued, most signed in,
/// and an opinion or two of those who came.
#[allow(clippy::too_many_arguments)]
fn hold(
    tx: &Connection,
    rng: &mut StdRng,
    id: i64,
    apps: &[(i64, Option<&'static str>)],
    drawn: bool,
    year: i64,
    number: i64,
    now: &str,
) -> Result<()> {
    let mut pool = vec![];
    for (a, reason) in apps {
        if let Some(why) = reason {
            store::set_status(tx, *a, HearingStatus::Applied, HearingStatus::Ineligible, Some(why), now)?;
        } else {
            store::set_status(tx, *a, HearingStatus::Applied, HearingStatus::Approved, None, now)?;
            pool.push(*a);
        }
    }
    let seed = drawn.then(|| rng.random_range(100_000..=999_999_i64));
    let chosen = match seed {
        Some(s) => draw(&pool, 5, s as u64),
        None => pool.iter().take(5).copied().collect(),
    };
    let how = if drawn { "随机抽签" } else { "按报名先后" };
    let mut seat = 0;
    for a in &pool {
        if !chosen.contains(a) {
            store::set_status(tx, *a, HearingStatus::Approved, HearingStatus::NotSelected, Some(how), now)?;
            continue;
        }
        store::set_status(tx, *a, HearingStatus::Approved, HearingStatus::Selected, Some(how), now)?;
        seat += 1;
        store::set_card(tx, *a, &card_number(year, number, seat), seat, now)?;
        let to = if rng.random_bool(0.85) { HearingStatus::Attended } else { HearingStatus::Absent };
        store::set_status(tx, *a, HearingStatus::CardIssued, to, None, now)?;
    }
    store::meeting_set_selection(tx, id, if drawn { HearingMethod::Draw } else { HearingMethod::Order }, seed, now)?;
    let m = store::meeting_get(tx, id)?;
    let attended: Vec<i64> = pool.iter().copied().filter(|a| chosen.contains(a)).collect();
    for k in 0..rng.random_range(1..=2) {
        let (Some(m), Some(by)) = (m.as_ref(), attended.get(k)) else { break };
        let at = rng.random_range(0..OPINIONS.len());
        let adopted = rng.random_bool(0.55);
        let o = HearingOpinionInput {
            meeting_id: id,
            application_id: store::application_get(tx, *by)?
                .filter(|a| a.status == HearingStatus::Attended)
                .map(|a| a.id),
            topic: m.topics.get(k % m.topics.len().max(1)).cloned().unwrap_or_default(),
            content: OPINIONS.get(at).map(|s| s.to_string()).unwrap_or_default(),
            forwarded_to: UNITS.get(at).map(|s| s.to_string()),
            reply: adopted.then(|| "已研究采纳，列入下一阶段工作安排".to_string()),
            adopted: Some(adopted),
        };
        store::opinion_insert(tx, &o, &uuid::Uuid::new_v4().to_string(), now)?;
    }
    Ok(())
}
