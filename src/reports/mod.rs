//! 上报 (SPEC §4.3): a township (or county) packs a period's records into one workbook; the office
//! above receives packages from the offices below. A package's records keep their stable ids and
//! their source office, so the same package twice changes nothing and a corrected package for the
//! same office and period replaces what that office sent for it, whatever order they arrive in.

pub mod package;

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::{audit, now_text};
use crate::error::{Error, Result};
use crate::Renda;
use package::{DataSheet, PackageMeta, ID_COLUMN};

/// The period of a package: a year, a quarter of it, or from–to dates.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PackQuery {
    pub year: i64,
    #[ts(optional)]
    pub quarter: Option<i64>,
    #[ts(optional)]
    pub from: Option<String>,
    #[ts(optional)]
    pub to: Option<String>,
}

/// A package made: its 说明 and the workbook.
pub struct Packed {
    pub meta: PackageMeta,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// What receiving one package did.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Received {
    pub file_name: String,
    pub office_name: String,
    pub office_id: String,
    pub period_label: String,
    /// new · replaced · unchanged · older (a newer package of the same office and period is here)
    pub action: String,
    /// Records per data sheet: added (new ids), changed, withdrawn (no longer in the package).
    pub added: i64,
    pub changed: i64,
    pub withdrawn: i64,
    pub committed: bool,
    pub message: String,
}

/// A package received, for `renda report list` and the 乡镇汇总 page.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ReceivedPackage {
    pub office_id: String,
    pub office_name: String,
    pub level: String,
    pub period_from: String,
    pub period_to: String,
    pub period_label: String,
    pub generated_at: String,
    pub received_at: String,
    pub file_name: String,
    /// Data sheet kind → records.
    pub counts: BTreeMap<String, i64>,
}

/// The second column of every data sheet: the office the record belongs to (a county's package
/// carries its townships' records with their source, so that a city merges counties the same way).
pub const SOURCE_COLUMN: &str = "来源单位标识";

/// The data sheets of a package, in order: kind, sheet name, columns (the first is the id).
pub fn layout() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    vec![
        (
            "suggestions",
            "数据-建议",
            vec![
                ID_COLUMN,
                SOURCE_COLUMN,
                "编号",
                "案由",
                "领衔代表",
                "附议代表",
                "会次",
                "大会/闭会",
                "类别",
                "主办单位",
                "协办单位",
                "收到日期",
                "交办日期",
                "要求答复日期",
                "答复日期",
                "答复类别",
                "按期答复",
                "首轮满意度",
                "办理工作满意度",
                "办理结果满意度",
                "重办",
                "当面沟通",
                "办结日期",
                "状态",
            ],
        ),
        (
            "deputies",
            "数据-代表",
            vec![
                ID_COLUMN,
                SOURCE_COLUMN,
                "姓名",
                "性别",
                "出生年月",
                "代表层级",
                "代表团/代表小组",
                "选区",
                "所属联络站",
                "联系电话",
            ],
        ),
        (
            "evaluations",
            "数据-测评结果",
            vec![
                ID_COLUMN,
                SOURCE_COLUMN,
                "评议",
                "对象",
                "职务",
                "满意",
                "基本满意",
                "不满意",
                "弃权",
                "满意率",
                "基本满意率",
                "综合得分",
                "等次",
                "排名",
            ],
        ),
        (
            "points",
            "数据-履职积分",
            vec![ID_COLUMN, SOURCE_COLUMN, "代表", "代表团/代表小组", "履职天数", "积分", "排名"],
        ),
        (
            "stations",
            "数据-联络站",
            vec![
                ID_COLUMN,
                SOURCE_COLUMN,
                "站名",
                "活动次数",
                "进站代表人次",
                "接待群众人次",
                "收集意见",
                "当场答复",
                "转交",
                "办结/反馈",
            ],
        ),
    ]
}

/// The most a station figure of one package row may be: far above any station's year, far below
/// where adding up every row of every office could overflow.
pub const MAX_FIGURE: i64 = 1_000_000_000;

/// The station figures of a package are counts the office above adds up: each must be a whole
/// number from 0 to [`MAX_FIGURE`]. (The checksum tells a changed package from the one made, not a
/// package made by hand.)
fn check_figures(data: &[DataSheet]) -> Result<()> {
    for d in data.iter().filter(|d| d.kind == "stations") {
        for (i, row) in d.rows.iter().enumerate() {
            for (col, v) in d.columns.iter().zip(row).skip(3) {
                if v.is_empty() || v.parse::<i64>().is_ok_and(|n| (0..=MAX_FIGURE).contains(&n)) {
                    continue;
                }
                return Err(Error::BadFile(format!(
                    "上报包的工作表「{}」第{}条记录的「{col}」是「{}」，应为0至{MAX_FIGURE}之间的整数。请让下级重新生成上报包。",
                    d.name,
                    i + 1,
                    crate::fields::quote(v)
                )));
            }
        }
    }
    Ok(())
}

fn level_rank(level: &str) -> i32 {
    match level {
        "乡镇" => 1,
        "县" => 2,
        "市" => 3,
        _ => 0,
    }
}

/// (first day, last day, label) of a period.
pub fn period(q: &PackQuery) -> Result<(NaiveDate, NaiveDate, String)> {
    let day = |f: &str, s: &str| {
        crate::excel::spec::parse_date(s)
            .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
            .ok_or_else(|| Error::field(f, format!("日期「{s}」无法识别，请按“2026-03-05”的格式填写")))
    };
    if let (Some(f), Some(t)) =
        (q.from.as_deref().filter(|s| !s.trim().is_empty()), q.to.as_deref().filter(|s| !s.trim().is_empty()))
    {
        let (a, b) = (day("from", f)?, day("to", t)?);
        if b < a {
            return Err(Error::field("to", "期间的结束日期不能早于开始日期"));
        }
        return Ok((a, b, format!("{a}至{b}")));
    }
    if !(2000..=2100).contains(&q.year) {
        return Err(Error::field("year", "请选择上报的年度"));
    }
    let ymd =
        |m: u32, d: u32| NaiveDate::from_ymd_opt(q.year as i32, m, d).ok_or_else(|| Error::field("year", "年度不正确"));
    match q.quarter {
        None => Ok((ymd(1, 1)?, ymd(12, 31)?, format!("{}年", q.year))),
        Some(n @ 1..=4) => {
            let first = ymd(3 * n as u32 - 2, 1)?;
            let last = if n == 4 { ymd(12, 31)? } else { ymd(3 * n as u32 + 1, 1)?.pred_opt().unwrap_or(first) };
            Ok((first, last, format!("{}年第{}季度", q.year, crate::text::chinese_number(n))))
        }
        Some(_) => Err(Error::field("quarter", "季度应为1到4")),
    }
}

impl Renda {
    /// What a package of the period holds (its 说明), without writing it: the 上报 page shows it
    /// before the user saves.
    pub fn report_preview(&self, q: &PackQuery) -> Result<PackageMeta> {
        Ok(self.report_data(q)?.0)
    }

    fn report_data(&self, q: &PackQuery) -> Result<(PackageMeta, Vec<DataSheet>)> {
        let (from, to, label) = period(q)?;
        let office = self.office()?;
        if office.name.trim().is_empty() {
            return Err(Error::field("name", "请先在“设置”中填写本单位名称（填报单位），再生成上报包"));
        }
        let (f, t) = (from.to_string(), to.to_string());
        let data = vec![
            self.pack_suggestions(&f, &t)?,
            self.pack_deputies(&f, &t)?,
            self.pack_evaluations(q, &f, &t)?,
            self.pack_points(q, &f, &t)?,
            self.pack_stations(&f, &t)?,
        ];
        let mut meta = PackageMeta {
            office_id: office.id.clone(),
            office_name: office.name.clone(),
            level: self.office_level()?,
            from: f,
            to: t,
            period_label: label,
            generated_at: chrono::Local::now().format("%Y-%m-%d %H:%M:%S%.3f").to_string(),
            app_version: env!("CARGO_PKG_VERSION").into(),
            data_version: crate::db::schema_version(),
            counts: data.iter().map(|d| (d.name.to_string(), d.rows.len() as i64)).collect(),
            sheet_sums: data.iter().map(|d| (d.name.to_string(), package::checksum_of(d))).collect(),
            sha256: String::new(),
        };
        meta.sha256 = package::checksum(&meta, &data);
        Ok((meta, data))
    }

    /// The package of a period: 说明, tables 3, 4 and 7 as printed, and the data sheets.
    pub fn report_pack(&self, q: &PackQuery) -> Result<Packed> {
        let (meta, data) = self.report_data(q)?;
        let (f, t, label) = (meta.from.clone(), meta.to.clone(), meta.period_label.clone());
        let reports = self.report_sheets(q, &f, &t)?;
        let bytes = package::write(&meta, reports, &data)?;
        let file_name = format!("{}上报包（{label}）.xlsx", meta.office_name);
        Ok(Packed { meta, file_name, bytes })
    }

    /// Tables 1–7 of SPEC §4.2 for the period, as the office prints them.
    fn report_sheets(&self, q: &PackQuery, f: &str, t: &str) -> Result<Vec<crate::excel::write::ReportSheet>> {
        let list = crate::suggestions::model::SuggestionQuery {
            from: Some(f.into()),
            to: Some(t.into()),
            ..Default::default()
        };
        let figures =
            crate::suggestions::model::FigureQuery { from: Some(f.into()), to: Some(t.into()), ..Default::default() };
        let mut sheets = vec![
            self.assignment_list_sheet(&list)?,
            self.ledger_sheet(&list)?,
            self.unit_stats_sheet(&figures)?,
            self.category_stats_sheet(&figures)?,
        ];
        // table 5: the evaluations of the period's year, each its own sheet
        let year = f.get(..4).and_then(|y| y.parse::<i64>().ok()).unwrap_or(q.year);
        let evaluations: Vec<i64> =
            self.evaluation_list()?.into_iter().filter(|e| e.year == year).map(|e| e.id).collect();
        for (n, id) in evaluations.iter().enumerate() {
            if let Some(mut s) = self.evaluation_results_sheets(*id)?.into_iter().next() {
                s.sheet_name = format!("测评结果{}", n + 1);
                sheets.push(s);
            }
        }
        sheets.push(self.points_sheet(year, q.quarter.filter(|_| q.from.is_none()), None)?);
        sheets.push(self.station_stats_sheet(&crate::stations::model::PeriodQuery {
            from: Some(f.into()),
            to: Some(t.into()),
            ..Default::default()
        })?);
        Ok(sheets)
    }

    fn pack_suggestions(&self, from: &str, to: &str) -> Result<DataSheet> {
        let (_, name, columns) = layout().swap_remove(0);
        let mut st = self.conn().prepare(
            "SELECT s.uuid, ?3, coalesce(s.number, ''), s.title, d.name,
                    coalesce((SELECT group_concat(d2.name, '、') FROM suggestion_cosigners c JOIN deputies d2 ON d2.id = c.deputy_id WHERE c.suggestion_id = s.id), ''),
                    coalesce(se.name, ''), s.period, coalesce(s.category, ''), coalesce(u.name, ''),
                    coalesce((SELECT group_concat(u2.name, '、') FROM suggestion_units su JOIN units u2 ON u2.id = su.unit_id WHERE su.suggestion_id = s.id AND su.role = '协办'), ''),
                    s.received_date, coalesce(s.assigned_date, ''), coalesce(s.due_date, ''), coalesce(s.reply_date, ''), coalesce(s.reply_class, ''),
                    CASE s.replied_on_time WHEN 1 THEN '是' WHEN 0 THEN '否' ELSE '' END, coalesce(s.first_result, ''), coalesce(s.latest_work, ''),
                    coalesce(s.latest_result, ''), CASE WHEN s.rehandled > 0 THEN '是' ELSE '否' END, CASE WHEN s.face_met > 0 THEN '是' ELSE '否' END,
                    coalesce(s.concluded_date, ''), s.state
               FROM suggestions s JOIN deputies d ON d.id = s.lead_deputy_id
               LEFT JOIN sessions se ON se.id = s.session_id LEFT JOIN units u ON u.id = s.main_unit_id
              WHERE s.received_date BETWEEN ?1 AND ?2 OR s.assigned_date BETWEEN ?1 AND ?2
              ORDER BY s.session_id, s.number, s.id",
        )?;
        let n = columns.len();
        let own = self.office()?.id;
        let mut rows: Vec<Vec<String>> = st
            .query_map(params![from, to, own], |r| {
                (0..n)
                    .map(|i| r.get::<_, rusqlite::types::Value>(i).map(text_of))
                    .collect::<rusqlite::Result<Vec<String>>>()
            })?
            .collect::<rusqlite::Result<_>>()?;
        rows.extend(self.forwarded("suggestions", &columns, from, to)?);
        Ok(DataSheet { kind: "suggestions", name, columns, rows })
    }

    /// The roster as reported upward: phones masked as 设置 says.
    fn pack_deputies(&self, from: &str, to: &str) -> Result<DataSheet> {
        let (_, name, columns) = layout().swap_remove(1);
        let mask = self.mask_upward()?;
        let mut st = self.conn().prepare(
            "SELECT d.uuid, ?1, d.name, coalesce(d.gender, ''), coalesce(d.birth_month, ''),
                    coalesce((SELECT group_concat(level, '、') FROM deputy_levels l WHERE l.deputy_id = d.id), ''),
                    coalesce(d.delegation, ''), coalesce(d.district, ''), coalesce(s.name, ''), coalesce(d.phone, '')
               FROM deputies d LEFT JOIN stations s ON s.id = d.station_id WHERE d.active = 1 ORDER BY d.pinyin_key, d.id",
        )?;
        let own = self.office()?.id;
        let n = columns.len();
        let mut rows: Vec<Vec<String>> = st
            .query_map([&own], |r| {
                let mut row = (0..n).map(|i| r.get::<_, String>(i)).collect::<rusqlite::Result<Vec<String>>>()?;
                if let Some(phone) = row.last_mut().filter(|_| mask) {
                    *phone = crate::text::mask_phone(phone);
                }
                Ok(row)
            })?
            .collect::<rusqlite::Result<_>>()?;
        rows.extend(self.forwarded("deputies", &columns, from, to)?);
        Ok(DataSheet { kind: "deputies", name, columns, rows })
    }

    /// Every subject's result in the evaluations of the period's year (id: the evaluation's and
    /// the subject's).
    fn pack_evaluations(&self, q: &PackQuery, from: &str, to: &str) -> Result<DataSheet> {
        let (_, name, columns) = layout().swap_remove(2);
        let year = from.get(..4).and_then(|y| y.parse::<i64>().ok()).unwrap_or(q.year);
        let own = self.office()?.id;
        let pct = |x: Option<f64>| x.map(|v| format!("{:.1}%", v * 100.0)).unwrap_or_default();
        let mut rows = Vec::new();
        for e in self.evaluation_list()?.into_iter().filter(|e| e.year == year) {
            let full = self.evaluation_get(e.id)?;
            for s in self.evaluation_results(e.id)?.subjects {
                rows.push(vec![
                    format!("{}#{}", full.uuid, s.subject_id),
                    own.clone(),
                    full.name.clone(),
                    s.name.clone(),
                    s.post.clone().unwrap_or_default(),
                    s.total.satisfied.to_string(),
                    s.total.basic.to_string(),
                    s.total.unsatisfied.to_string(),
                    s.total.abstain.to_string(),
                    pct(s.satisfied_rate),
                    pct(s.basic_rate),
                    s.score.map(|x| format!("{x:.1}")).unwrap_or_default(),
                    s.grade.clone().unwrap_or_default(),
                    s.rank.map(|r| r.to_string()).unwrap_or_default(),
                ]);
            }
        }
        rows.extend(self.forwarded("evaluations", &columns, from, to)?);
        Ok(DataSheet { kind: "evaluations", name, columns, rows })
    }

    /// Every deputy's 履职积分 of the period's year (to its quarter's end for a quarter).
    fn pack_points(&self, q: &PackQuery, from: &str, to: &str) -> Result<DataSheet> {
        let (_, name, columns) = layout().swap_remove(3);
        let year = from.get(..4).and_then(|y| y.parse::<i64>().ok()).unwrap_or(q.year);
        let own = self.office()?.id;
        let table = self.points_table(&crate::evaluation::model::PointsQuery {
            year,
            quarter: q.quarter.filter(|_| q.from.is_none()),
            ..Default::default()
        })?;
        let mut uuids = std::collections::HashMap::new();
        for r in self
            .conn()
            .prepare("SELECT id, uuid FROM deputies")?
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
        {
            let (id, uuid) = r?;
            uuids.insert(id, uuid);
        }
        let mut rows: Vec<Vec<String>> = table
            .rows
            .iter()
            .map(|d| {
                vec![
                    uuids.get(&d.deputy_id).cloned().unwrap_or_default(),
                    own.clone(),
                    d.name.clone(),
                    d.group.clone().unwrap_or_default(),
                    format!("{}", d.days),
                    format!("{}", d.total),
                    d.rank.to_string(),
                ]
            })
            .collect();
        rows.extend(self.forwarded("points", &columns, from, to)?);
        Ok(DataSheet { kind: "points", name, columns, rows })
    }

    fn pack_stations(&self, from: &str, to: &str) -> Result<DataSheet> {
        let (_, name, columns) = layout().swap_remove(4);
        let (figures, _) = self.station_figures(&crate::stations::model::PeriodQuery {
            from: Some(from.into()),
            to: Some(to.into()),
            ..Default::default()
        })?;
        let mut uuids = std::collections::HashMap::new();
        for r in self
            .conn()
            .prepare("SELECT id, uuid FROM stations")?
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
        {
            let (id, uuid) = r?;
            uuids.insert(id, uuid);
        }
        let own = self.office()?.id;
        let mut rows: Vec<Vec<String>> = figures
            .iter()
            .map(|f| {
                let n = |v: i64| v.to_string();
                vec![
                    uuids.get(&f.station_id).cloned().unwrap_or_default(),
                    own.clone(),
                    f.station.clone(),
                    n(f.activities),
                    n(f.deputy_visits),
                    n(f.people_received),
                    n(f.opinions),
                    n(f.answered_on_spot),
                    n(f.transferred),
                    n(f.closed),
                ]
            })
            .collect();
        rows.extend(self.forwarded("stations", &columns, from, to)?);
        Ok(DataSheet { kind: "stations", name, columns, rows })
    }

    /// The records the offices below reported for periods within this one, passed on upward with
    /// their source. A record in several packages (a quarter's and the year's) is passed on once,
    /// from the package of the widest period, the latest made.
    fn forwarded(&self, kind: &str, columns: &[&str], from: &str, to: &str) -> Result<Vec<Vec<String>>> {
        let mut st = self.conn().prepare(
            "SELECT r.record_uuid, p.office_id, r.data_json FROM report_records r JOIN report_packages p ON p.id = r.package_id
              WHERE r.kind = ?1 AND p.period_from >= ?2 AND p.period_to <= ?3
              ORDER BY julianday(p.period_to) - julianday(p.period_from) DESC, p.generated_at DESC, r.id",
        )?;
        let mut seen = std::collections::HashSet::new();
        let rows = st.query_map(params![kind, from, to], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })?;
        let mut out = Vec::new();
        for x in rows {
            let (uuid, office, json) = x?;
            if !seen.insert(uuid.clone()) {
                continue;
            }
            let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
            let cell = |c: &str| v.get(c).and_then(|x| x.as_str()).unwrap_or_default().to_string();
            let mut row = vec![uuid];
            row.extend(columns.iter().skip(1).map(|c| {
                if *c == SOURCE_COLUMN && cell(c).is_empty() {
                    office.clone()
                } else {
                    cell(c)
                }
            }));
            out.push(row);
        }
        Ok(out)
    }

    /// Receives one package from an office below. `dry_run` only says what would happen.
    pub fn report_import(&mut self, bytes: &[u8], file_name: &str, dry_run: bool) -> Result<Received> {
        let sheets = crate::excel::read::read_workbook(bytes, file_name)?;
        let (meta, data) = package::read(&sheets, &layout())?;
        check_figures(&data)?;
        let own = self.office()?;
        if meta.office_id == own.id {
            return Err(Error::BadFile("这是本单位自己生成的上报包，不能导入到本单位。".into()));
        }
        let own_level = self.office_level()?;
        if level_rank(&meta.level) == 0 || level_rank(&meta.level) >= level_rank(&own_level) {
            return Err(Error::BadFile(format!(
                "「{}」是{}级单位，本单位是{own_level}级：只能导入下级单位的上报包（乡镇 → 县 → 市）。",
                meta.office_name, meta.level
            )));
        }
        let plan = self.receive_plan(&meta, &data)?;
        let mut out = Received {
            file_name: file_name.into(),
            office_name: meta.office_name.clone(),
            office_id: meta.office_id.clone(),
            period_label: meta.period_label.clone(),
            action: plan.action.into(),
            added: plan.added,
            changed: plan.changed,
            withdrawn: plan.withdrawn,
            committed: false,
            message: plan.message(&meta),
        };
        if dry_run || matches!(plan.action, "unchanged" | "older") {
            return Ok(out);
        }
        self.write(|tx| store_package(tx, &meta, &data, file_name, &out))?;
        out.committed = true;
        Ok(out)
    }

    fn receive_plan(&self, meta: &PackageMeta, data: &[DataSheet]) -> Result<Plan> {
        let c = self.conn();
        let before: Option<(i64, String, String)> = c
            .query_row(
                "SELECT id, sha256, generated_at FROM report_packages WHERE office_id = ?1 AND period_from = ?2 AND period_to = ?3",
                params![meta.office_id, meta.from, meta.to],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((id, sha, generated)) = before else {
            let added = data.iter().map(|d| d.rows.len() as i64).sum();
            return Ok(Plan { action: "new", added, changed: 0, withdrawn: 0 });
        };
        if sha == meta.sha256 {
            return Ok(Plan { action: "unchanged", added: 0, changed: 0, withdrawn: 0 });
        }
        // packages may arrive in any order: an older one never replaces a newer one
        if generated > meta.generated_at {
            return Ok(Plan { action: "older", added: 0, changed: 0, withdrawn: 0 });
        }
        let mut old: BTreeMap<(String, String), String> = BTreeMap::new();
        for r in c
            .prepare("SELECT kind, record_uuid, data_json FROM report_records WHERE package_id = ?1")?
            .query_map([id], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?
        {
            let (k, v) = r?;
            old.insert(k, v);
        }
        let (mut added, mut changed) = (0, 0);
        for d in data {
            for row in &d.rows {
                match old.remove(&(d.kind.to_string(), row[0].clone())) {
                    None => added += 1,
                    Some(json) if json != row_json(d, row) => changed += 1,
                    Some(_) => {}
                }
            }
        }
        Ok(Plan { action: "replaced", added, changed, withdrawn: old.len() as i64 })
    }

    /// What was received, newest period first.
    pub fn report_list(&self) -> Result<Vec<ReceivedPackage>> {
        let c = self.conn();
        let mut st = c.prepare(
            "SELECT p.id, office_id, office_name, level, period_from, period_to, period_label, generated_at, received_at, file_name FROM report_packages p
              ORDER BY period_to DESC, office_name",
        )?;
        let rows: Vec<(i64, ReceivedPackage)> = st
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    ReceivedPackage {
                        office_id: r.get(1)?,
                        office_name: r.get(2)?,
                        level: r.get(3)?,
                        period_from: r.get(4)?,
                        period_to: r.get(5)?,
                        period_label: r.get(6)?,
                        generated_at: r.get(7)?,
                        received_at: r.get(8)?,
                        file_name: r.get(9)?,
                        counts: BTreeMap::new(),
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut counts = c.prepare("SELECT kind, count(*) FROM report_records WHERE package_id = ?1 GROUP BY kind")?;
        rows.into_iter()
            .map(|(id, mut p)| {
                p.counts = counts.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
                Ok(p)
            })
            .collect()
    }
}

/// One office below, side by side with the others for a period (the 乡镇汇总 page and sheet).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SummaryRow {
    pub office_id: String,
    pub office_name: String,
    /// When its package for the period arrived; none = not yet sent.
    pub received_at: Option<String>,
    pub figures: crate::suggestions::model::Figures,
    /// Station figures (table 7), summed over the office's stations: counts, so they add up.
    pub stations: Vec<(String, i64)>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Summary {
    pub period_label: String,
    pub from: String,
    pub to: String,
    /// Every office that has ever sent a package, those without one for this period last.
    pub rows: Vec<SummaryRow>,
    /// Counted over every received record (never by adding the rows' rates).
    pub total: SummaryRow,
    pub missing: Vec<String>,
}

impl Renda {
    /// The offices below side by side for a period, with the total over all their records.
    pub fn report_summary(&self, q: &PackQuery) -> Result<Summary> {
        let (from, to, label) = period(q)?;
        let (f, t) = (from.to_string(), to.to_string());
        let settings = self.suggestion_settings()?;
        let c = self.conn();
        let (by_package, total_figures) = crate::suggestions::store::received_figures(c, &f, &t, &settings)?;
        let empty = || crate::suggestions::store::received_figures_empty(&settings);
        let station_cols: Vec<&str> = layout()
            .into_iter()
            .find(|l| l.0 == "stations")
            .map(|l| l.2)
            .unwrap_or_default()
            .into_iter()
            .skip(2)
            .collect();
        let station_sums = |pid: Option<i64>| -> Result<Vec<(String, i64)>> {
            let mut sums = vec![0i64; station_cols.len()];
            let mut st = c.prepare("SELECT data_json FROM report_records r JOIN report_packages p ON p.id = r.package_id
                                     WHERE r.kind = 'stations' AND p.period_from = ?1 AND p.period_to = ?2 AND (?3 IS NULL OR p.id = ?3)")?;
            for j in st.query_map(params![f, t, pid], |r| r.get::<_, String>(0))? {
                let v: serde_json::Value = serde_json::from_str(&j?).unwrap_or_default();
                for (sum, col) in sums.iter_mut().zip(&station_cols) {
                    let n = v.get(*col).and_then(|x| x.as_str()).and_then(|x| x.parse::<i64>().ok()).unwrap_or(0);
                    *sum = sum.checked_add(n).ok_or_else(|| {
                        Error::invalid(format!(
                            "联络站的「{col}」合计超出可计算的范围，收到的上报包中有异常大的数字，请检查后重新导入"
                        ))
                    })?;
                }
            }
            Ok(station_cols.iter().map(|c| c.to_string()).zip(sums).collect())
        };
        let offices: Vec<(String, String)> = c
            .prepare("SELECT office_id, max(office_name) FROM report_packages GROUP BY office_id ORDER BY 2")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut rows = Vec::new();
        let mut missing = Vec::new();
        for (id, name) in offices {
            let sent: Option<(i64, String)> = c
                .query_row("SELECT id, received_at FROM report_packages WHERE office_id = ?1 AND period_from = ?2 AND period_to = ?3", params![id, f, t], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            match sent {
                Some((pid, at)) => rows.push(SummaryRow {
                    office_id: id,
                    office_name: name,
                    received_at: Some(at),
                    figures: by_package.get(&pid).cloned().unwrap_or_else(empty),
                    stations: station_sums(Some(pid))?,
                }),
                None => {
                    missing.push(name.clone());
                    rows.push(SummaryRow {
                        office_id: id,
                        office_name: name,
                        received_at: None,
                        figures: empty(),
                        stations: station_sums(Some(-1))?,
                    });
                }
            }
        }
        let total = SummaryRow {
            office_id: String::new(),
            office_name: "合计".into(),
            received_at: None,
            figures: total_figures,
            stations: station_sums(None)?,
        };
        Ok(Summary { period_label: label, from: f, to: t, rows, total, missing })
    }

    /// The 乡镇汇总 sheet: every office below side by side, the total counted over the records.
    pub fn export_report_summary(&self, q: &PackQuery) -> Result<Vec<u8>> {
        use crate::excel::write::{Column, ReportSheet, Value};
        let s = self.report_summary(q)?;
        let mut labels: Vec<String> = [
            "单位",
            "收到时间",
            "交办件数",
            "已答复",
            "按期答复",
            "办复率",
            "按期办复率",
            "满意率",
            "首次满意率",
            "不满意",
            "重办",
        ]
        .iter()
        .map(|x| x.to_string())
        .collect();
        labels.extend(s.total.stations.iter().map(|(k, _)| k.clone()));
        let mut sheet = ReportSheet::new(
            "乡镇汇总",
            &format!("各乡镇代表建议办理和联络站运行情况汇总表（{}）", s.period_label),
            labels.iter().map(|l| Column::new(l)).collect(),
        );
        sheet.org = self.org_name()?;
        let row = |r: &SummaryRow| {
            let f = &r.figures;
            let mut v = vec![
                Value::Text(r.office_name.clone()),
                Value::Text(r.received_at.clone().unwrap_or_else(|| {
                    if r.office_id.is_empty() {
                        String::new()
                    } else {
                        "未报送".into()
                    }
                })),
                Value::Int(f.assigned),
                Value::Int(f.replied),
                Value::Int(f.replied_on_time),
                Value::Pct(f.reply_rate),
                Value::Pct(f.on_time_rate),
                Value::Pct(f.satisfaction_rate),
                Value::Pct(f.first_satisfaction_rate),
                Value::Int(f.unsatisfied),
                Value::Int(f.rehandled),
            ];
            v.extend(r.stations.iter().map(|(_, n)| Value::Int(*n)));
            v
        };
        sheet.rows = s.rows.iter().map(row).collect();
        sheet.rows.push(row(&s.total));
        sheet.footnote = Some(format!(
            "说明：合计按全部上报记录重新计算（比率不是各行相加）。{}",
            if s.missing.is_empty() {
                "各单位均已报送。".to_string()
            } else {
                format!("未报送：{}。", s.missing.join("、"))
            }
        ));
        // table 3 over every received record, one row per 主办单位
        let settings = self.suggestion_settings()?;
        let units = crate::suggestions::store::received_unit_figures(self.conn(), &s.from, &s.to, &settings)?;
        let mut by_unit = self.unit_table(
            &format!("各乡镇承办单位办理代表建议情况统计表（{}）", s.period_label),
            &units,
            &s.total.figures,
        )?;
        by_unit.sheet_name = "承办单位统计（汇总）".into();
        crate::excel::write::write_workbook(vec![sheet, by_unit])
    }
}

/// One office's received records of a kind, as sent (the 乡镇汇总 page opens them).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct RecordsQuery {
    pub office_id: String,
    /// suggestions · deputies · stations
    pub kind: String,
    #[ts(optional)]
    pub year: Option<i64>,
    #[ts(optional)]
    pub quarter: Option<i64>,
    #[ts(optional)]
    pub page: Option<i64>,
    #[ts(optional)]
    pub page_size: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ReceivedRecords {
    pub office_name: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub total: i64,
}

impl Renda {
    /// A page of one office's records of a kind for a period, read-only, with the sheet's columns.
    pub fn report_records(&self, q: &RecordsQuery) -> Result<ReceivedRecords> {
        let (from, to, _) =
            period(&PackQuery { year: q.year.unwrap_or_default(), quarter: q.quarter, ..Default::default() })?;
        let (_, _, columns) = layout()
            .into_iter()
            .find(|(k, _, _)| *k == q.kind)
            .ok_or_else(|| Error::field("kind", "没有这类上报记录"))?;
        let (page, size) = crate::common::paging(q.page, q.page_size);
        let c = self.conn();
        let (pid, office_name): (i64, String) = c
            .query_row(
                "SELECT id, office_name FROM report_packages WHERE office_id = ?1 AND period_from = ?2 AND period_to = ?3",
                params![q.office_id, from.to_string(), to.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound("该单位本期还没有报送上报包".into()))?;
        let total: i64 = c.query_row(
            "SELECT count(*) FROM report_records WHERE package_id = ?1 AND kind = ?2",
            params![pid, q.kind],
            |r| r.get(0),
        )?;
        let limit = if size == 0 { -1 } else { size };
        let mut st = c.prepare(
            "SELECT data_json FROM report_records WHERE package_id = ?1 AND kind = ?2 ORDER BY id LIMIT ?3 OFFSET ?4",
        )?;
        // the columns a person reads first (the full rows stay in the package)
        let shown: Vec<&str> = match q.kind.as_str() {
            "suggestions" => vec![
                "编号",
                "案由",
                "领衔代表",
                "主办单位",
                "交办日期",
                "答复日期",
                "答复类别",
                "办理结果满意度",
                "状态",
            ],
            _ => columns.iter().skip(2).copied().collect(),
        };
        let rows = st
            .query_map(params![pid, q.kind, limit, (page - 1) * size.max(0)], |r| r.get::<_, String>(0))?
            .map(|j| {
                let v: serde_json::Value = serde_json::from_str(&j?).unwrap_or_default();
                Ok(shown
                    .iter()
                    .map(|col| v.get(*col).and_then(|x| x.as_str()).unwrap_or_default().to_string())
                    .collect())
            })
            .collect::<rusqlite::Result<_>>()?;
        Ok(ReceivedRecords { office_name, columns: shown.iter().map(|c| c.to_string()).collect(), rows, total })
    }
}

struct Plan {
    action: &'static str,
    added: i64,
    changed: i64,
    withdrawn: i64,
}

impl Plan {
    fn message(&self, m: &PackageMeta) -> String {
        match self.action {
            "new" => format!("{}（{}）：新收到，共 {} 条记录", m.office_name, m.period_label, self.added),
            "unchanged" => format!("{}（{}）：与已收到的上报包相同，没有变化", m.office_name, m.period_label),
            "older" => {
                format!("{}（{}）：已收到该单位同一期间更新的上报包，这份较早的不再导入", m.office_name, m.period_label)
            }
            _ => format!(
                "{}（{}）：更正的上报包，替换原来的：新增 {}，修改 {}，撤回 {}",
                m.office_name, m.period_label, self.added, self.changed, self.withdrawn
            ),
        }
    }
}

/// A row as stored: column → text, the id left out (it has its own column).
fn row_json(d: &DataSheet, row: &[String]) -> String {
    let map: serde_json::Map<String, serde_json::Value> =
        d.columns.iter().zip(row).skip(1).map(|(c, v)| (c.to_string(), serde_json::Value::String(v.clone()))).collect();
    serde_json::Value::Object(map).to_string()
}

fn text_of(v: rusqlite::types::Value) -> String {
    match v {
        rusqlite::types::Value::Null => String::new(),
        rusqlite::types::Value::Integer(i) => i.to_string(),
        rusqlite::types::Value::Real(f) => f.to_string(),
        rusqlite::types::Value::Text(s) => s,
        rusqlite::types::Value::Blob(_) => String::new(),
    }
}

/// Replaces what the office sent for the period with the package, in one transaction, audited.
fn store_package(
    tx: &rusqlite::Connection,
    m: &PackageMeta,
    data: &[DataSheet],
    file_name: &str,
    r: &Received,
) -> Result<()> {
    let now = now_text();
    let old: Option<i64> = tx
        .query_row(
            "SELECT id FROM report_packages WHERE office_id = ?1 AND period_from = ?2 AND period_to = ?3",
            params![m.office_id, m.from, m.to],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = old {
        tx.execute("DELETE FROM report_records WHERE package_id = ?1", [id])?;
        tx.execute("DELETE FROM report_packages WHERE id = ?1", [id])?;
    }
    tx.execute(
        "INSERT INTO report_packages (office_id, office_name, level, period_from, period_to, period_label, generated_at, sha256, file_name, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![m.office_id, m.office_name, m.level, m.from, m.to, m.period_label, m.generated_at, m.sha256, file_name, now],
    )?;
    let pid = tx.last_insert_rowid();
    let mut ins = tx.prepare(
        "INSERT OR REPLACE INTO report_records (package_id, kind, record_uuid, data_json) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for d in data {
        for row in &d.rows {
            ins.execute(params![pid, d.kind, row[0], row_json(d, row)])?;
        }
    }
    let year = NaiveDate::parse_from_str(&m.from, "%Y-%m-%d").map(|d| d.year()).unwrap_or_default();
    audit(
        tx,
        "report",
        Some(&m.office_id),
        if old.is_some() { "replace" } else { "receive" },
        &r.message,
        None,
        Some(
            &serde_json::json!({"office": m.office_name, "period": m.period_label, "year": year, "file_name": file_name, "sha256": m.sha256, "withdrawn": r.withdrawn}),
        ),
    )
}
