//! Demo 乡镇人大工作评价 (DOMAIN.md §8): the year's template (six blocks of base items, 100 points,
//! and two bonus items). A county: every township's 自评 received as if from its 上报包 but the
//! last one's (未报送, listed by name only), the 考核组 scores of those that sent, and a 加减分 for
//! the first three. A township: the
//! template as imported from the county, and its 自评 of the items without an automatic figure.

use rand::rngs::StdRng;
use rand::Rng;
use rusqlite::Connection;

use super::model::*;
use super::store;
use crate::error::Result;

/// (block, bonus, items: name, max, criterion, automatic source and its full mark)
type DemoBlock = (&'static str, bool, &'static [(&'static str, f64, &'static str, Option<(AutoSource, f64)>)]);

const BLOCKS: &[DemoBlock] = &[
    (
        "党委重视",
        false,
        &[
            ("乡镇党委听取人大工作汇报", 5.0, "每年至少两次，有会议记录", None),
            ("人大工作经费列入财政预算", 5.0, "足额列入并保障到位", None),
        ],
    ),
    (
        "开好人代会",
        false,
        &[
            ("依法按期召开人民代表大会", 10.0, "每年至少两次，程序规范", None),
            ("会议材料提前送达代表", 5.0, "会前七日送达", None),
        ],
    ),
    (
        "依法监督",
        false,
        &[
            ("听取审议专项工作报告", 10.0, "每年不少于两项，有审议意见", None),
            ("组织代表视察、执法检查", 10.0, "每年不少于两次，有报告", None),
        ],
    ),
    (
        "代表工作",
        false,
        &[
            (
                "代表建议办复率",
                10.0,
                "办复率达到100%得满分，不足的按比例得分",
                Some((AutoSource::SuggestionReplyRate, 100.0)),
            ),
            (
                "代表建议满意率",
                10.0,
                "满意率达到95%得满分，不足的按比例得分",
                Some((AutoSource::SuggestionSatisfaction, 95.0)),
            ),
            ("代表向选民述职", 10.0, "全年述职10人次得满分，不足的按比例得分", Some((AutoSource::VoterReports, 10.0))),
        ],
    ),
    (
        "联络站建设",
        false,
        &[
            (
                "联络站活动经常化",
                10.0,
                "全年活动12次得满分，不足的按比例得分",
                Some((AutoSource::StationActivities, 12.0)),
            ),
            ("一档四簿规范完整", 5.0, "档案齐全、登记及时", None),
        ],
    ),
    (
        "民生实事票决",
        false,
        &[("票决项目完成率", 10.0, "完成率100%得满分，不足的按比例得分", Some((AutoSource::ProjectDoneRate, 100.0)))],
    ),
    (
        "加分项目",
        true,
        &[
            ("人大工作宣传报道", 3.0, "在市级以上媒体刊发，每篇加1分", None),
            ("工作创新", 2.0, "经验做法被上级推广", None),
        ],
    ),
];

/// The template of a year: made here (a county) or imported from `issuer` (a township).
fn add_template(tx: &Connection, year: i64, issuer: Option<&str>, now: &str) -> Result<Vec<(i64, ItemInput, String)>> {
    let row = store::TemplateRow {
        id: 0,
        uuid: format!("demo-assessment-{year}"),
        year,
        origin: if issuer.is_some() { ORIGIN_IMPORTED } else { ORIGIN_OWN }.into(),
        issuer: issuer.unwrap_or_default().into(),
        version: 1,
        excellent: 90.0,
        pass: 80.0,
        rank_by: RankBy::Total,
    };
    let t = store::template_insert(tx, &row, now)?;
    let mut items = vec![];
    for (n, (block, bonus, list)) in BLOCKS.iter().enumerate() {
        let block_id = store::block_insert(tx, t, block, *bonus)?;
        for (m, (name, max, criterion, auto)) in list.iter().enumerate() {
            let input = ItemInput {
                block_id,
                name: name.to_string(),
                max_points: *max,
                criterion: criterion.to_string(),
                evidence: "会议记录、文件、照片等".into(),
                auto_source: auto.map(|a| a.0),
                full_at: auto.map(|a| a.1),
            };
            let uuid = format!("demo-item-{year}-{n}-{m}");
            let id = store::item_insert(tx, t, &uuid, &input)?;
            items.push((id, input, uuid));
        }
    }
    store::template_exported(tx, t)?;
    Ok(items)
}

/// A township's 自评 as its package would carry it: most items near their points.
fn self_rows(rng: &mut StdRng, items: &[(i64, ItemInput, String)], year: i64, own: &str) -> Vec<PackRow> {
    items
        .iter()
        .map(|(_, i, uuid)| {
            let figure = i.auto_source.map(|s| {
                if s.is_rate() {
                    rng.random_range(70..=100) as f64
                } else {
                    rng.random_range(4..=16) as f64
                }
            });
            let points = match (i.auto_source, figure) {
                (Some(_), f) => proposed(i.max_points, i.full_at, f),
                _ if i.max_points <= 3.0 => Some(rng.random_range(0..=2) as f64),
                _ => Some(round1(i.max_points * rng.random_range(80..=100) as f64 / 100.0)),
            };
            PackRow {
                item_uuid: uuid.clone(),
                own: own.into(),
                year,
                template_uuid: format!("demo-assessment-{year}"),
                version: 1,
                block: String::new(),
                name: i.name.clone(),
                max_points: i.max_points,
                auto: i.auto_source.map(|s| s.label().to_string()).unwrap_or_default(),
                figure,
                figure_text: i
                    .auto_source
                    .map(|s| format!("{}：{}{}", s.label(), figure.unwrap_or(0.0), s.unit()))
                    .unwrap_or_default(),
                points,
                note: String::new(),
                evidence: i.evidence.clone(),
                reason: String::new(),
            }
        })
        .collect()
}

/// The county's year: the template, every township's 自评 but the last one's, a few scored.
pub fn add_county(tx: &Connection, rng: &mut StdRng, year: i64, townships: &[&str]) -> Result<()> {
    let now = "2026-12-20 09:00:00";
    let items = add_template(tx, year, None, now)?;
    for (n, name) in townships.iter().enumerate() {
        let office = format!("demo-township-{n}");
        let name = format!("{name}人大主席团");
        if n + 1 == townships.len() {
            // 未报送: entered by name, as a county lists its townships; the first real package
            // from an office of that name takes this entry instead of standing beside it
            store::township_insert(tx, &name, None, now)?;
            continue;
        }
        let id = store::township_insert(tx, &name, Some(&office), now)?;
        store::received_insert(tx, id, year, 1, false, &self_rows(rng, &items, year, &office), now)?;
        for (item, input, _) in items.iter().filter(|x| x.1.auto_source.is_none()) {
            let points = round1(input.max_points * rng.random_range(70..=100) as f64 / 100.0);
            let s = ScoreInput { year, township_id: id, item_id: *item, points, reason: String::new() };
            store::score_insert(tx, &s, now)?;
        }
        // a 加减分 for the first three
        let first = items.iter().find(|x| x.1.auto_source.is_none() && x.1.max_points >= 5.0).filter(|_| n < 3);
        if let Some((item, input, _)) = first {
            let a = AdjustInput {
                year, township_id: id, item_id: *item, delta: -1.0, reason: "会议记录不完整".into()
            };
            if input.max_points >= 5.0 {
                store::adjustment_insert(tx, &a, now)?;
            }
        }
    }
    Ok(())
}

/// A township's year: the county's template as imported, and its 自评 of the items the records
/// cannot count (the automatic ones stand as proposed).
pub fn add_township(tx: &Connection, rng: &mut StdRng, year: i64, county: &str) -> Result<()> {
    let now = "2026-12-10 09:00:00";
    let items = add_template(tx, year, Some(county), now)?;
    for (item, input, _) in items.iter().filter(|x| x.1.auto_source.is_none()) {
        let points = round1(input.max_points * rng.random_range(80..=100) as f64 / 100.0);
        let s = SelfScoreInput {
            item_id: *item,
            points,
            note: String::new(),
            evidence: input.evidence.clone(),
            reason: String::new(),
        };
        store::self_insert(tx, &s, now)?;
    }
    Ok(())
}
