//! The 上报包 as data (DOMAIN.md §4.3): a 说明 sheet and data sheets whose rows carry their records'
//! stable ids, with a SHA-256 over the data sheets' canonical content. Written as a report
//! workbook a person can open and print; read back cell for cell (every data cell is text).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::SOURCE_COLUMN;
use crate::assessment::model::{AutoSource, PackRow};
use crate::common::Vote;
use crate::error::{Error, Result};
use crate::evaluation::model::{DeputyPoints, SubjectResult};
use crate::excel::read::Sheet;
use crate::excel::write::{Column, ReportSheet, Value};
use crate::oversight::figures::OpinionFacts;
use crate::oversight::model::OpinionState;
use crate::oversight::store::YearCounts;
use crate::projects::figures::{ProjectFacts, Rating};
use crate::projects::model::{ProjectStatus, Stage};
use crate::stations::model::StationFigures;

/// The name of the sheet that describes the package; the app looks for it to know a package.
pub const META_SHEET: &str = "说明";
/// The first column of every data sheet: the record's stable id.
pub const ID_COLUMN: &str = "记录标识";
/// The column of the station sheet that names the station (counted, not added, in the summary).
pub const STATION_NAME: &str = "站名";
/// The version of the package layout; a newer one is refused by an older app. Format 2 added the
/// sender's counter (上报包序号), its former ids (曾用标识) and the offices whose records a county
/// passes on (下级单位); a format 1 package is still read, and its checksum still checks.
/// Format 3 added 数据-民生实事 ([`PROJECTS_KIND`]); an older package is read without it.
/// Format 4 added 数据-工作评价 ([`ASSESSMENT_KIND`]) and 数据-审议意见 ([`OVERSIGHT_KIND`]); a
/// format 2 or 3 package is read without them.
pub const FORMAT: i64 = 4;

/// The kind of 数据-民生实事, and the format that first carried it.
pub const PROJECTS_KIND: &str = "projects";
const PROJECTS_SINCE: i64 = 3;

/// The kind of 数据-工作评价 (a township's 自评, DOMAIN.md §8.3), and the format that first carried it.
pub const ASSESSMENT_KIND: &str = "assessment";
const ASSESSMENT_SINCE: i64 = 4;

/// The kind of 数据-审议意见 (DOMAIN.md §6.5), and the format that first carried it.
pub const OVERSIGHT_KIND: &str = "oversight";
const OVERSIGHT_SINCE: i64 = 4;

/// The format a data sheet first appeared in (the first sheets: format 1).
fn since(kind: &str) -> i64 {
    match kind {
        PROJECTS_KIND => PROJECTS_SINCE,
        ASSESSMENT_KIND => ASSESSMENT_SINCE,
        OVERSIGHT_KIND => OVERSIGHT_SINCE,
        _ => 1,
    }
}

/// A column of a data sheet filled by SQL: the heading it prints under and the expression that
/// fills it, side by side so that neither can move without the other.
pub struct SqlColumn {
    pub heading: &'static str,
    pub expr: &'static str,
    /// Among the few columns a person reads first on the 乡镇汇总 page (the full row stays in the package).
    pub brief: bool,
}

const fn col(heading: &'static str, expr: &'static str) -> SqlColumn {
    SqlColumn { heading, expr, brief: false }
}

const fn brief(heading: &'static str, expr: &'static str) -> SqlColumn {
    SqlColumn { heading, expr, brief: true }
}

/// A column of a data sheet filled from the engine's own figures: its heading and its cell.
pub type RowColumn<R> = (&'static str, fn(&R) -> String);

/// 数据-建议: `?1`–`?2` the period, `?3` this office's id (`FROM` in [`SUGGESTIONS_FROM`]).
pub const SUGGESTIONS: &[SqlColumn] = &[
    col(ID_COLUMN, "s.uuid"),
    col(SOURCE_COLUMN, "?3"),
    brief("编号", "coalesce(s.number, '')"),
    brief("案由", "s.title"),
    brief("领衔代表", "d.name"),
    col(
        "附议代表",
        "coalesce((SELECT group_concat(d2.name, '、') FROM suggestion_cosigners c JOIN deputies d2 ON d2.id = c.deputy_id WHERE c.suggestion_id = s.id), '')",
    ),
    col("会次", "coalesce(se.name, '')"),
    col("大会/闭会", "s.period"),
    col("类别", "coalesce(s.category, '')"),
    brief("主办单位", "coalesce(u.name, '')"),
    col(
        "协办单位",
        "coalesce((SELECT group_concat(u2.name, '、') FROM suggestion_units su JOIN units u2 ON u2.id = su.unit_id WHERE su.suggestion_id = s.id AND su.role = '协办'), '')",
    ),
    col("收到日期", "s.received_date"),
    brief("交办日期", "coalesce(s.assigned_date, '')"),
    col("要求答复日期", "coalesce(s.due_date, '')"),
    brief("答复日期", "coalesce(s.reply_date, '')"),
    brief("答复类别", "coalesce(s.reply_class, '')"),
    col("按期答复", "CASE s.replied_on_time WHEN 1 THEN '是' WHEN 0 THEN '否' ELSE '' END"),
    col("首轮满意度", "coalesce(s.first_result, '')"),
    col("办理工作满意度", "coalesce(s.latest_work, '')"),
    brief("办理结果满意度", "coalesce(s.latest_result, '')"),
    col("重办", "CASE WHEN s.rehandled > 0 THEN '是' ELSE '否' END"),
    col("当面沟通", "CASE WHEN s.face_met > 0 THEN '是' ELSE '否' END"),
    col("办结日期", "coalesce(s.concluded_date, '')"),
    brief("状态", "s.state"),
];

pub const SUGGESTIONS_FROM: &str = "FROM suggestions s JOIN deputies d ON d.id = s.lead_deputy_id
               LEFT JOIN sessions se ON se.id = s.session_id LEFT JOIN units u ON u.id = s.main_unit_id
              WHERE s.received_date BETWEEN ?1 AND ?2 OR s.assigned_date BETWEEN ?1 AND ?2
              ORDER BY s.session_id, s.number, s.id";

/// The column masked when 设置 says so.
pub const PHONE_COLUMN: &str = "联系电话";

/// 数据-代表: `?1` this office's id (`FROM` in [`DEPUTIES_FROM`]).
pub const DEPUTIES: &[SqlColumn] = &[
    col(ID_COLUMN, "d.uuid"),
    col(SOURCE_COLUMN, "?1"),
    col("姓名", "d.name"),
    col("性别", "coalesce(d.gender, '')"),
    col("出生年月", "coalesce(d.birth_month, '')"),
    col("代表层级", "coalesce((SELECT group_concat(level, '、') FROM deputy_levels l WHERE l.deputy_id = d.id), '')"),
    col("代表团/代表小组", "coalesce(d.delegation, '')"),
    col("选区", "coalesce(d.district, '')"),
    col("所属联络站", "coalesce(s.name, '')"),
    col(PHONE_COLUMN, "coalesce(d.phone, '')"),
];

pub const DEPUTIES_FROM: &str =
    "FROM deputies d LEFT JOIN stations s ON s.id = d.station_id WHERE d.active = 1 ORDER BY d.pinyin_key, d.id";

/// The SELECT of a sheet declared by SQL columns.
pub fn select(columns: &[SqlColumn], from: &str) -> String {
    let exprs: Vec<&str> = columns.iter().map(|c| c.expr).collect();
    format!("SELECT {} {from}", exprs.join(", "))
}

/// One subject's result in one evaluation, as 数据-测评结果 reports it.
pub struct EvaluationRecord {
    pub uuid: String,
    pub own: String,
    pub evaluation: String,
    pub subject: SubjectResult,
}

fn pct(x: Option<f64>) -> String {
    x.map(|v| format!("{:.1}%", v * 100.0)).unwrap_or_default()
}

/// 数据-测评结果 (id: the evaluation's and the subject's).
pub const EVALUATIONS: &[RowColumn<EvaluationRecord>] = &[
    (ID_COLUMN, |r| format!("{}#{}", r.uuid, r.subject.subject_id)),
    (SOURCE_COLUMN, |r| r.own.clone()),
    ("评议", |r| r.evaluation.clone()),
    ("对象", |r| r.subject.name.clone()),
    ("职务", |r| r.subject.post.clone().unwrap_or_default()),
    (Vote::Satisfied.label(), |r| r.subject.total.satisfied.to_string()),
    (Vote::Basic.label(), |r| r.subject.total.basic.to_string()),
    (Vote::Unsatisfied.label(), |r| r.subject.total.unsatisfied.to_string()),
    ("弃权", |r| r.subject.total.abstain.to_string()),
    (Vote::Satisfied.rate_label(), |r| pct(r.subject.satisfied_rate)),
    (Vote::Basic.rate_label(), |r| pct(r.subject.basic_rate)),
    ("综合得分", |r| r.subject.score.map(|x| format!("{x:.1}")).unwrap_or_default()),
    ("等次", |r| r.subject.grade.clone().unwrap_or_default()),
    ("排名", |r| r.subject.rank.map(|r| r.to_string()).unwrap_or_default()),
];

/// One deputy's points, as 数据-履职积分 reports them.
pub struct PointsRecord {
    pub uuid: String,
    pub own: String,
    pub points: DeputyPoints,
}

pub const POINTS: &[RowColumn<PointsRecord>] = &[
    (ID_COLUMN, |r| r.uuid.clone()),
    (SOURCE_COLUMN, |r| r.own.clone()),
    ("代表", |r| r.points.name.clone()),
    ("代表团/代表小组", |r| r.points.group.clone().unwrap_or_default()),
    ("履职天数", |r| format!("{}", r.points.days)),
    ("积分", |r| format!("{}", r.points.total)),
    ("排名", |r| r.points.rank.to_string()),
];

/// One station's figures, as 数据-联络站 reports them.
pub struct StationRecord {
    pub uuid: String,
    pub own: String,
    pub figures: StationFigures,
}

/// 数据-联络站: from the third column on, counts the office above adds up.
pub const STATIONS: &[RowColumn<StationRecord>] = &[
    (ID_COLUMN, |r| r.uuid.clone()),
    (SOURCE_COLUMN, |r| r.own.clone()),
    (STATION_NAME, |r| r.figures.station.clone()),
    ("活动次数", |r| r.figures.activities.to_string()),
    ("进站代表人次", |r| r.figures.deputy_visits.to_string()),
    ("接待群众人次", |r| r.figures.people_received.to_string()),
    ("收集意见", |r| r.figures.opinions.to_string()),
    ("当场答复", |r| r.figures.answered_on_spot.to_string()),
    ("转交", |r| r.figures.transferred.to_string()),
    ("办结/反馈", |r| r.figures.closed.to_string()),
];

/// One project of a year with its rating, as 数据-民生实事 reports it (DOMAIN.md §5.6).
pub struct ProjectRecord {
    pub own: String,
    pub year: i64,
    pub facts: ProjectFacts,
    pub rating: Option<Rating>,
}

/// The headings the office above reads back into a project's facts (the others are for people).
pub mod project_heading {
    pub const YEAR: &str = "年度";
    pub const NAME: &str = "项目名称";
    pub const FIELD: &str = "领域";
    pub const LEAD: &str = "牵头单位";
    pub const INVESTMENT: &str = "总投资（万元）";
    pub const PLANNED: &str = "年度计划投资（万元）";
    pub const INVESTED: &str = "完成投资（万元）";
    pub const STATUS: &str = "状态";
    pub const STAGE: &str = "最新进度阶段";
    pub const LATEST_DATE: &str = "最新进度日期";
    pub const LATEST_TEXT: &str = "最新进展";
    pub const ACTUAL_END: &str = "实际完成日期";
    pub const MULTI_YEAR: &str = "跨年度";
    pub const DONE: &str = "本年完成";
    pub const STARTED: &str = "已开工";
    pub const SUBITEMS: &str = "子项目数";
    pub const SUBITEMS_DONE: &str = "子项目完成数";
    pub const VALID: &str = "测评有效票";
}

fn yes(b: bool) -> String {
    if b { "是" } else { "否" }.to_string()
}

/// 万元 as text: as many decimals as the amount has, up to four.
pub fn money(x: f64) -> String {
    let s = format!("{x:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// 数据-民生实事 (id: the project's and the year's, so each year of a 跨年度 project is its own row).
pub const PROJECTS: &[RowColumn<ProjectRecord>] = {
    use project_heading as h;
    &[
        (ID_COLUMN, |r| format!("{}#{}", r.facts.uuid, r.year)),
        (SOURCE_COLUMN, |r| r.own.clone()),
        (h::YEAR, |r| r.year.to_string()),
        (h::NAME, |r| r.facts.name.clone()),
        (h::FIELD, |r| r.facts.field.clone()),
        (h::LEAD, |r| r.facts.lead_unit.clone()),
        (h::INVESTMENT, |r| money(r.facts.investment)),
        (h::PLANNED, |r| money(r.facts.planned)),
        (h::INVESTED, |r| money(r.facts.invested)),
        (h::STATUS, |r| r.facts.status.label().to_string()),
        (h::STAGE, |r| r.facts.stage.map(|s| s.label().to_string()).unwrap_or_default()),
        (h::LATEST_DATE, |r| r.facts.latest_date.clone().unwrap_or_default()),
        (h::LATEST_TEXT, |r| r.facts.latest_text.clone().unwrap_or_default()),
        (h::ACTUAL_END, |r| r.facts.actual_end.clone().unwrap_or_default()),
        (h::MULTI_YEAR, |r| yes(r.facts.multi_year)),
        (h::DONE, |r| yes(r.facts.done)),
        (h::STARTED, |r| yes(r.facts.started)),
        (h::SUBITEMS, |r| r.facts.subitems.to_string()),
        (h::SUBITEMS_DONE, |r| r.facts.subitems_done.to_string()),
        (Vote::Satisfied.label(), |r| r.rating.map(|x| x.satisfied.to_string()).unwrap_or_default()),
        (Vote::Basic.label(), |r| r.rating.map(|x| x.basic.to_string()).unwrap_or_default()),
        (Vote::Unsatisfied.label(), |r| r.rating.map(|x| x.unsatisfied.to_string()).unwrap_or_default()),
        (h::VALID, |r| r.rating.map(|x| x.valid.to_string()).unwrap_or_default()),
    ]
};

/// A received 数据-民生实事 row (column → text) back into the facts and the rating it carries;
/// `Err` names the column whose cell is not what the package writes.
pub fn project_from_row(v: &serde_json::Value) -> std::result::Result<(i64, ProjectFacts, Option<Rating>), String> {
    use project_heading as h;
    let text = |c: &str| v.get(c).and_then(|x| x.as_str()).unwrap_or_default().to_string();
    let opt = |c: &str| Some(text(c)).filter(|s| !s.is_empty());
    let money = |c: &str| {
        let s = text(c);
        if s.is_empty() {
            return Ok(0.0);
        }
        s.parse::<f64>().ok().filter(|x| x.is_finite() && (0.0..=1e9).contains(x)).ok_or_else(|| c.to_string())
    };
    let count = |c: &str| {
        let s = text(c);
        if s.is_empty() {
            return Ok(None);
        }
        s.parse::<i64>().ok().filter(|n| (0..=MAX_COUNT).contains(n)).map(Some).ok_or_else(|| c.to_string())
    };
    let flag = |c: &str| match text(c).as_str() {
        "是" => Ok(true),
        "否" | "" => Ok(false),
        _ => Err(c.to_string()),
    };
    let year = text(h::YEAR).parse::<i64>().ok().filter(|y| (2000..=2100).contains(y)).ok_or(h::YEAR)?;
    let status = ProjectStatus::ALL.into_iter().find(|s| s.label() == text(h::STATUS)).ok_or(h::STATUS)?;
    let stage = match opt(h::STAGE) {
        None => None,
        Some(l) => Some(Stage::ALL.into_iter().find(|s| s.label() == l).ok_or(h::STAGE)?),
    };
    let facts = ProjectFacts {
        project_id: 0,
        uuid: String::new(),
        voted_year: year,
        name: text(h::NAME),
        field: text(h::FIELD),
        lead_unit: text(h::LEAD),
        status,
        investment: money(h::INVESTMENT)?,
        planned: money(h::PLANNED)?,
        invested: money(h::INVESTED)?,
        stage,
        latest_date: opt(h::LATEST_DATE),
        latest_text: opt(h::LATEST_TEXT),
        actual_end: opt(h::ACTUAL_END),
        multi_year: flag(h::MULTI_YEAR)?,
        done: flag(h::DONE)?,
        started: flag(h::STARTED)?,
        subitems: count(h::SUBITEMS)?.unwrap_or(0),
        subitems_done: count(h::SUBITEMS_DONE)?.unwrap_or(0),
    };
    let votes = [Vote::Satisfied.label(), Vote::Basic.label(), Vote::Unsatisfied.label(), h::VALID];
    let [s, b, u, valid] = [count(votes[0])?, count(votes[1])?, count(votes[2])?, count(votes[3])?];
    let rating = valid.map(|valid| Rating {
        satisfied: s.unwrap_or(0),
        basic: b.unwrap_or(0),
        unsatisfied: u.unwrap_or(0),
        valid,
    });
    Ok((year, facts, rating))
}

/// The headings of 数据-工作评价 the office above reads back.
pub mod assessment_heading {
    pub const YEAR: &str = "年度";
    pub const TEMPLATE: &str = "评分表标识";
    pub const VERSION: &str = "评分表版本";
    pub const BLOCK: &str = "板块";
    pub const NAME: &str = "评分项目";
    pub const MAX: &str = "分值";
    pub const AUTO: &str = "自动计分";
    pub const FIGURE: &str = "自动数值";
    pub const FIGURE_TEXT: &str = "计算说明";
    pub const POINTS: &str = "自评得分";
    pub const NOTE: &str = "自评说明";
    pub const EVIDENCE: &str = "佐证材料";
    pub const REASON: &str = "改动理由";
}

fn opt_num(x: Option<f64>) -> String {
    x.map(money).unwrap_or_default()
}

/// 数据-工作评价 (id: the template item's; the 来源单位标识 tells the townships apart).
pub const ASSESSMENT: &[RowColumn<PackRow>] = {
    use assessment_heading as h;
    &[
        (ID_COLUMN, |r| r.item_uuid.clone()),
        (SOURCE_COLUMN, |r| r.own.clone()),
        (h::YEAR, |r| r.year.to_string()),
        (h::TEMPLATE, |r| r.template_uuid.clone()),
        (h::VERSION, |r| r.version.to_string()),
        (h::BLOCK, |r| r.block.clone()),
        (h::NAME, |r| r.name.clone()),
        (h::MAX, |r| money(r.max_points)),
        (h::AUTO, |r| r.auto.clone()),
        (h::FIGURE, |r| opt_num(r.figure)),
        (h::FIGURE_TEXT, |r| r.figure_text.clone()),
        (h::POINTS, |r| opt_num(r.points)),
        (h::NOTE, |r| r.note.clone()),
        (h::EVIDENCE, |r| r.evidence.clone()),
        (h::REASON, |r| r.reason.clone()),
    ]
};

/// A received 数据-工作评价 row (column → text) back into the 自评 it carries; `Err` names the
/// column whose cell is not what the package writes.
pub fn assessment_from_row(v: &serde_json::Value) -> std::result::Result<PackRow, String> {
    use assessment_heading as h;
    let text = |c: &str| v.get(c).and_then(|x| x.as_str()).unwrap_or_default().to_string();
    let num = |c: &str, most: f64| {
        let s = text(c);
        if s.is_empty() {
            return Ok(None);
        }
        s.parse::<f64>()
            .ok()
            .filter(|x| x.is_finite() && (0.0..=most).contains(x))
            .map(Some)
            .ok_or_else(|| c.to_string())
    };
    let year = text(h::YEAR).parse::<i64>().ok().filter(|y| (2000..=2100).contains(y)).ok_or(h::YEAR)?;
    let version = text(h::VERSION).parse::<i64>().ok().filter(|v| *v > 0).ok_or(h::VERSION)?;
    let max_points = num(h::MAX, 100.0)?.ok_or(h::MAX)?;
    let points = num(h::POINTS, max_points)?;
    let auto = text(h::AUTO);
    if !auto.is_empty() && AutoSource::from_label(&auto).is_none() {
        return Err(h::AUTO.into());
    }
    Ok(PackRow {
        item_uuid: text(ID_COLUMN),
        own: text(SOURCE_COLUMN),
        year,
        template_uuid: text(h::TEMPLATE),
        version,
        block: text(h::BLOCK),
        name: text(h::NAME),
        max_points,
        auto,
        figure: num(h::FIGURE, MAX_COUNT as f64)?,
        figure_text: text(h::FIGURE_TEXT),
        points,
        note: text(h::NOTE),
        evidence: text(h::EVIDENCE),
        reason: text(h::REASON),
    })
}

/// One 审议意见 of the period's year, as 数据-审议意见 reports it.
pub struct OpinionRecord {
    pub own: String,
    pub facts: OpinionFacts,
}

/// The headings of 数据-审议意见 the office above reads back (the others are for people).
pub mod oversight_heading {
    pub const YEAR: &str = "年度";
    pub const STATE: &str = "状态";
    pub const PROBLEMS: &str = "问题数";
    pub const PROBLEMS_DONE: &str = "整改完成数";
    pub const REPORTS_DUE: &str = "应报告次数";
    pub const REPORTS_ON_TIME: &str = "按期报告次数";
    pub const RATED: &str = "测评次数";
    pub const RATED_SATISFIED: &str = "测评满意次数";
}

/// 数据-审议意见 (id: the opinion's): the row the 交办清单 prints and the opinion's counts by §6.5's
/// rules, which the office above adds up (a township's 主席团 opinions count at the county).
pub const OVERSIGHT: &[RowColumn<OpinionRecord>] = {
    use oversight_heading as h;
    &[
        (ID_COLUMN, |r| r.facts.uuid.clone()),
        (SOURCE_COLUMN, |r| r.own.clone()),
        (h::YEAR, |r| r.facts.row.year.to_string()),
        ("会次", |r| r.facts.row.meeting.clone()),
        ("议题", |r| r.facts.row.topic.clone()),
        ("报告机关", |r| r.facts.row.body.clone()),
        ("文号", |r| r.facts.row.doc_no.clone()),
        ("交办日期", |r| r.facts.row.assigned_date.clone().unwrap_or_default()),
        ("办理时限", |r| r.facts.row.due_date.clone().unwrap_or_default()),
        (h::STATE, |r| r.facts.row.state.label().to_string()),
        (h::PROBLEMS, |r| r.facts.counts.problems.to_string()),
        (h::PROBLEMS_DONE, |r| r.facts.counts.problems_done.to_string()),
        (h::REPORTS_DUE, |r| r.facts.counts.reports_due.to_string()),
        (h::REPORTS_ON_TIME, |r| r.facts.counts.reports_on_time.to_string()),
        (h::RATED, |r| r.facts.counts.rated.to_string()),
        (h::RATED_SATISFIED, |r| r.facts.counts.rated_satisfied.to_string()),
        ("最后测评结果", |r| r.facts.last_grade.clone().unwrap_or_default()),
    ]
};

/// A received 数据-审议意见 row (column → text) back into its year and the opinion's counts;
/// `Err` names the column whose cell is not what the package writes (a part above its whole too).
pub fn oversight_from_row(v: &serde_json::Value) -> std::result::Result<(i64, YearCounts), String> {
    use oversight_heading as h;
    let text = |c: &str| v.get(c).and_then(|x| x.as_str()).unwrap_or_default().to_string();
    let count =
        |c: &str| text(c).parse::<i64>().ok().filter(|n| (0..=MAX_COUNT).contains(n)).ok_or_else(|| c.to_string());
    let year = text(h::YEAR).parse::<i64>().ok().filter(|y| (2000..=2100).contains(y)).ok_or(h::YEAR)?;
    let state = OpinionState::ALL.into_iter().find(|s| s.label() == text(h::STATE)).ok_or(h::STATE)?;
    let c = YearCounts {
        opinions: 1,
        closed: i64::from(state == OpinionState::Closed),
        reports_due: count(h::REPORTS_DUE)?,
        reports_on_time: count(h::REPORTS_ON_TIME)?,
        problems: count(h::PROBLEMS)?,
        problems_done: count(h::PROBLEMS_DONE)?,
        rated: count(h::RATED)?,
        rated_satisfied: count(h::RATED_SATISFIED)?,
    };
    if c.problems_done > c.problems {
        return Err(h::PROBLEMS_DONE.into());
    }
    if c.reports_on_time > c.reports_due {
        return Err(h::REPORTS_ON_TIME.into());
    }
    if c.rated_satisfied > c.rated {
        return Err(h::RATED_SATISFIED.into());
    }
    Ok((year, c))
}

/// The most a count of a project row may be (sub-items, votes).
pub const MAX_COUNT: i64 = 1_000_000;

/// A row of a sheet declared by row columns.
pub fn row_of<R>(columns: &[RowColumn<R>], record: &R) -> Vec<String> {
    columns.iter().map(|(_, cell)| cell(record)).collect()
}

fn headings<R>(columns: &[RowColumn<R>]) -> Vec<&'static str> {
    columns.iter().map(|(h, _)| *h).collect()
}

/// The data sheets of a package, in order: kind, sheet name, headings (the first is the id), from
/// the declarations above.
pub fn layout() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    let sql = |c: &[SqlColumn]| c.iter().map(|c| c.heading).collect();
    vec![
        ("suggestions", "数据-建议", sql(SUGGESTIONS)),
        ("deputies", "数据-代表", sql(DEPUTIES)),
        ("evaluations", "数据-测评结果", headings(EVALUATIONS)),
        ("points", "数据-履职积分", headings(POINTS)),
        ("stations", "数据-联络站", headings(STATIONS)),
        (PROJECTS_KIND, "数据-民生实事", headings(PROJECTS)),
        (ASSESSMENT_KIND, "数据-工作评价", headings(ASSESSMENT)),
        (OVERSIGHT_KIND, "数据-审议意见", headings(OVERSIGHT)),
    ]
}

/// One data sheet: its records, each row beginning with the record's id.
#[derive(Debug, Clone, PartialEq)]
pub struct DataSheet {
    /// suggestions · deputies · stations
    pub kind: &'static str,
    /// The sheet's name in the workbook, e.g. 数据-建议.
    pub name: &'static str,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

/// The 说明 of a package: who sent it, for which period, and what it holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PackageMeta {
    pub office_id: String,
    pub office_name: String,
    /// 乡镇 · 县 · 市
    pub level: String,
    /// The period, first and last day (YYYY-MM-DD).
    pub from: String,
    pub to: String,
    /// 2026年 / 2026年第3季度 / 2026-01-01至2026-06-30
    pub period_label: String,
    /// Shown only: packages are ordered by `serial`, never by the clock of the PC that made them.
    pub generated_at: String,
    pub app_version: String,
    pub data_version: i64,
    /// The layout version the package was written in (`FORMAT` for a package made here).
    pub format: i64,
    /// The sender's counter: each package its data file makes has a higher one (0: an older app).
    pub serial: i64,
    /// Ids this office had before its data file was found to be a copy (曾用标识).
    pub former_ids: Vec<String>,
    /// The offices below whose records this package passes on (id, name): a county's townships.
    pub sub_offices: Vec<(String, String)>,
    /// Data sheet name → rows.
    pub counts: Vec<(String, i64)>,
    /// Data sheet name → its own short fingerprint (names the sheet that was changed).
    pub sheet_sums: Vec<(String, String)>,
    pub sha256: String,
}

/// The canonical text of the data sheets the checksum is taken over: each sheet's name, header
/// and rows, cells joined by tabs and rows by newlines, in sheet order.
pub fn canonical(sheets: &[DataSheet]) -> String {
    let mut out = String::new();
    for s in sheets {
        out.push_str(s.name);
        out.push('\n');
        out.push_str(&s.columns.join("\t"));
        out.push('\n');
        for r in &s.rows {
            out.push_str(&r.join("\t"));
            out.push('\n');
        }
    }
    out
}

/// The checksum of a package: its 说明 (every line but the checksum itself) and its data sheets,
/// so that neither who sent it nor what it holds can be changed unnoticed.
pub fn checksum(meta: &PackageMeta, sheets: &[DataSheet]) -> String {
    let mut text = String::new();
    for (k, v) in meta_lines(meta).iter().filter(|(k, _)| *k != "校验码") {
        text.push_str(&format!("{k}\t{v}\n"));
    }
    text.push_str(&canonical(sheets));
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The fields of 说明 as label → value, in the order they print.
fn meta_lines(m: &PackageMeta) -> Vec<(&'static str, String)> {
    let mut v = vec![
        ("填报单位", m.office_name.clone()),
        ("单位标识", m.office_id.clone()),
        ("单位层级", m.level.clone()),
        ("期间", m.period_label.clone()),
        ("期间起", m.from.clone()),
        ("期间止", m.to.clone()),
        ("生成时间", m.generated_at.clone()),
        ("程序版本", m.app_version.clone()),
        ("数据版本", m.data_version.to_string()),
        ("上报包格式", m.format.to_string()),
    ];
    if m.format >= 2 {
        v.push(("上报包序号", m.serial.to_string()));
        v.extend(m.former_ids.iter().map(|id| ("曾用标识", id.clone())));
        v.extend(m.sub_offices.iter().map(|(id, name)| ("下级单位", format!("{id}:{name}"))));
    }
    v.extend(m.counts.iter().map(|(n, c)| ("行数", format!("{n}:{c}"))));
    v.extend(m.sheet_sums.iter().map(|(n, h)| ("分页校验", format!("{n}:{h}"))));
    v.push(("校验码", m.sha256.clone()));
    v
}

/// The workbook: 说明 first, then the report sheets as the office prints them, then the data.
pub fn write(meta: &PackageMeta, reports: Vec<ReportSheet>, data: &[DataSheet]) -> Result<Vec<u8>> {
    let mut sheets = Vec::new();
    let mut about = ReportSheet::new(
        META_SHEET,
        &format!("{}上报包（{}）", meta.office_name, meta.period_label),
        vec![Column::new("项目"), Column::new("内容")],
    );
    about.org = meta.office_name.clone();
    about.landscape = false;
    about.rows = meta_lines(meta).into_iter().map(|(k, v)| vec![Value::Text(k.into()), Value::Text(v)]).collect();
    about.footnote = Some(
        "本文件由人大工作台生成，供上级人大导入汇总。请勿修改“数据-”开头的工作表：改动后校验码不符，上级将拒收。"
            .into(),
    );
    sheets.push(about);
    sheets.extend(reports);
    for d in data {
        let mut s = ReportSheet::new(
            d.name,
            &format!("{}{}", meta.office_name, d.name),
            d.columns.iter().map(|c| Column::new(c)).collect(),
        );
        s.org = meta.office_name.clone();
        // data for the app, not for paper: the 说明 and the report tables print
        s.printed = false;
        s.rows = d
            .rows
            .iter()
            .map(|r| r.iter().map(|c| if c.is_empty() { Value::Empty } else { Value::Text(c.clone()) }).collect())
            .collect();
        sheets.push(s);
    }
    crate::excel::write::write_workbook(sheets)
}

/// A package read back: its 说明 and its data sheets, the checksum checked.
pub fn read(
    sheets: &[Sheet],
    layout: &[(&'static str, &'static str, Vec<&'static str>)],
) -> Result<(PackageMeta, Vec<DataSheet>)> {
    let about = sheets.iter().find(|s| s.name == META_SHEET).ok_or_else(|| {
        Error::BadFile("这不是上报包：文件中没有“说明”工作表。请选择由人大工作台“上报”生成的文件。".into())
    })?;
    let meta = read_meta(about)?;
    let mut data = Vec::new();
    for (kind, name, columns) in layout.iter().filter(|l| meta.format >= since(l.0)) {
        let sheet = sheets
            .iter()
            .find(|s| s.name == *name)
            .ok_or_else(|| Error::BadFile(format!("上报包不完整：缺少工作表「{name}」。请让下级重新生成上报包。")))?;
        data.push(DataSheet { kind, name, columns: columns.clone(), rows: data_rows(sheet, columns)? });
    }
    let sum = checksum(&meta, &data);
    if sum != meta.sha256 {
        let changed = changed_sheet(&meta, &data).unwrap_or_else(|| "说明或数据".into());
        return Err(Error::BadFile(format!(
            "上报包「{}」的校验码不符：工作表「{changed}」在生成后被改动过。请让{}重新生成上报包，不要手工修改“数据-”工作表。",
            meta.period_label, meta.office_name
        )));
    }
    Ok((meta, data))
}

/// The sheet that was changed: the one whose row count differs from what 说明 recorded, else the
/// one whose own content no longer matches its recorded fingerprint.
fn changed_sheet(meta: &PackageMeta, data: &[DataSheet]) -> Option<String> {
    if let Some(d) = data.iter().find(|d| meta.counts.iter().any(|(n, c)| n == d.name && *c != d.rows.len() as i64)) {
        return Some(d.name.to_string());
    }
    data.iter()
        .find(|d| meta.sheet_sums.iter().any(|(n, h)| n == d.name && *h != checksum_of(d)))
        .map(|d| d.name.to_string())
}

/// One data sheet's own fingerprint (short), so that a refusal names the sheet that changed.
pub fn checksum_of(d: &DataSheet) -> String {
    Sha256::digest(canonical(std::slice::from_ref(d)).as_bytes()).iter().take(8).map(|b| format!("{b:02x}")).collect()
}

fn read_meta(about: &Sheet) -> Result<PackageMeta> {
    let bad = || Error::BadFile("上报包的“说明”工作表不完整或被改动过。请让下级重新生成上报包。".into());
    let mut m = PackageMeta {
        office_id: String::new(),
        office_name: String::new(),
        level: String::new(),
        from: String::new(),
        to: String::new(),
        period_label: String::new(),
        generated_at: String::new(),
        app_version: String::new(),
        data_version: 0,
        format: 0,
        serial: 0,
        former_ids: vec![],
        sub_offices: vec![],
        counts: vec![],
        sheet_sums: vec![],
        sha256: String::new(),
    };
    for (_, cells) in &about.rows {
        let (Some(k), Some(v)) = (cells.first().map(|c| c.display()), cells.get(1).map(|c| c.display())) else {
            continue;
        };
        match k.as_str() {
            "填报单位" => m.office_name = v,
            "单位标识" => m.office_id = v,
            "单位层级" => m.level = v,
            "期间" => m.period_label = v,
            "期间起" => m.from = v,
            "期间止" => m.to = v,
            "生成时间" => m.generated_at = v,
            "程序版本" => m.app_version = v,
            "数据版本" => m.data_version = v.parse().map_err(|_| bad())?,
            "上报包格式" => m.format = v.parse().map_err(|_| bad())?,
            "上报包序号" => m.serial = v.parse().ok().filter(|n: &i64| *n > 0).ok_or_else(bad)?,
            "曾用标识" => m.former_ids.push(v),
            "下级单位" => {
                let (id, name) = v.split_once(':').ok_or_else(bad)?;
                m.sub_offices.push((id.to_string(), name.to_string()));
            }
            "行数" => {
                let (n, c) = v.rsplit_once(':').ok_or_else(bad)?;
                m.counts.push((n.to_string(), c.parse().map_err(|_| bad())?));
            }
            "分页校验" => {
                let (n, h) = v.rsplit_once(':').ok_or_else(bad)?;
                m.sheet_sums.push((n.to_string(), h.to_string()));
            }
            "校验码" => m.sha256 = v,
            _ => {}
        }
    }
    if m.format > FORMAT {
        return Err(Error::BadFile("这个上报包由较新版本的人大工作台生成，请先升级本程序再导入。".into()));
    }
    if m.format == 0
        || (m.format >= 2 && m.serial == 0)
        || m.office_id.is_empty()
        || m.sha256.is_empty()
        || m.from.is_empty()
        || m.to.is_empty()
    {
        return Err(bad());
    }
    // dates as the app writes them, days that exist (2026-02-30 is not cut to a month)
    let day = |label: &str, v: &str| {
        let parsed = chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").ok();
        parsed.filter(|d| d.format("%Y-%m-%d").to_string() == v).ok_or_else(|| {
            Error::BadFile(format!(
                "上报包“说明”中的{label}「{}」不是有效的日期。请让下级重新生成上报包。",
                crate::fields::quote(v)
            ))
        })
    };
    if day("期间起", &m.from)? > day("期间止", &m.to)? {
        return Err(bad());
    }
    Ok(m)
}

/// The rows under a data sheet's header (the row that begins with 记录标识), as text.
fn data_rows(sheet: &Sheet, columns: &[&str]) -> Result<Vec<Vec<String>>> {
    let header = sheet
        .rows
        .iter()
        .position(|(_, cells)| cells.first().is_some_and(|c| c.display() == ID_COLUMN))
        .ok_or_else(|| {
            Error::BadFile(format!("上报包的工作表「{}」没有表头（{ID_COLUMN}）。请让下级重新生成上报包。", sheet.name))
        })?;
    let width = columns.len();
    let mut rows = Vec::new();
    for (_, cells) in sheet.rows.iter().skip(header + 1) {
        let mut row: Vec<String> = cells.iter().take(width).map(|c| c.display()).collect();
        if row.iter().all(|c| c.is_empty()) {
            continue;
        }
        row.resize(width, String::new());
        rows.push(row);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sheet_begins_with_the_ids_and_names_each_heading_once() {
        let sheets = layout();
        for (kind, name, headings) in &sheets {
            assert_eq!(sheets.iter().filter(|s| s.0 == *kind || s.1 == *name).count(), 1, "{kind}");
            assert_eq!(headings.get(..2), Some(&[ID_COLUMN, SOURCE_COLUMN][..]), "{name}");
            for h in headings {
                assert_eq!(headings.iter().filter(|x| *x == h).count(), 1, "{name}: {h}");
            }
        }
        // one expression per heading, so the SELECT reads exactly the declared columns
        let sql = select(DEPUTIES, DEPUTIES_FROM);
        assert!(sql.starts_with("SELECT d.uuid, ?1, d.name,"), "{sql}");
        assert!(DEPUTIES.iter().any(|c| c.heading == PHONE_COLUMN));
        assert_eq!(SUGGESTIONS.iter().filter(|c| c.brief).count(), 9);
    }
}
