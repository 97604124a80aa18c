//! 上报 (DOMAIN.md §4.3): a township (or county) packs a period's records into one workbook; the office
//! above receives packages from the offices below. A package's records keep their stable ids and
//! their source office, so the same package twice changes nothing and a corrected package for the
//! same office and period replaces what that office sent for it, whatever order they arrive in.

mod assessment;
pub mod excel;
mod oversight;
pub mod package;
mod projects;
mod receive;
mod store;

pub use oversight::{OversightLevelRow, OversightLevelTable};
pub use projects::{FiguresQuery, ProjectFiguresRow, ProjectFiguresTable};
pub use receive::{ReceiveOptions, Received};

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::office::level_rank;
use crate::settings::{self, PACK_SERIAL};
use crate::Renda;
pub use package::layout;
use package::{DataSheet, PackageMeta, STATION_NAME};

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
    /// The sender's 上报包序号 (0: made by an older version).
    pub serial: i64,
    /// Records of this package that the figures count (the rest are carried by a later package
    /// of the same office, or withdrawn by one that covers this period).
    pub counted: i64,
    /// Data sheet kind → records.
    pub counts: BTreeMap<String, i64>,
}

/// The second column of every data sheet: the office the record belongs to (a county's package
/// carries its townships' records with their source, so that a city merges counties the same way).
pub const SOURCE_COLUMN: &str = "来源单位标识";

/// The data sheets whose rows are figures of their package's period (a station's, a deputy's
/// points), not records of their own: the same id in a quarter's and the year's package is two
/// rows. The view `report_counted` (migration 0011) spells the same list; a test holds them equal.
pub const PERIOD_KINDS: &[&str] = &["stations", "points"];

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

/// (first day, last day, label) of a period.
pub fn period(q: &PackQuery) -> Result<(NaiveDate, NaiveDate, String)> {
    let day = |f: &str, s: &str| {
        crate::readers::parse_date(s)
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
        let serial = settings::get(self.conn(), PACK_SERIAL)?.and_then(|n| n.parse::<i64>().ok()).unwrap_or(0);
        Ok(self.report_data(q, serial + 1)?.0)
    }

    fn report_data(&self, q: &PackQuery, serial: i64) -> Result<(PackageMeta, Vec<DataSheet>)> {
        let (from, to, label) = period(q)?;
        let office = self.office()?;
        if office.name.trim().is_empty() {
            return Err(Error::field("name", "请先在“设置”中填写本单位名称（填报单位），再生成上报包"));
        }
        if let Some(from) = &office.copied_from {
            return Err(Error::invalid(format!(
                "这个数据文件是从{from}复制来的。生成上报包之前，请先在“设置 → 本单位”回答“这是另一个单位吗？”\
                 （命令行：renda office --another 或 --same），以免两个单位用同一个单位标识上报、互相覆盖。"
            )));
        }
        let (f, t) = (from.to_string(), to.to_string());
        let data = vec![
            self.pack_suggestions(&f, &t)?,
            self.pack_deputies(&f, &t)?,
            self.pack_evaluations(q, &f, &t)?,
            self.pack_points(q, &f, &t)?,
            self.pack_stations(&f, &t)?,
            self.pack_projects(from.year() as i64, &f, &t)?,
            self.pack_assessment(from.year() as i64)?,
            self.pack_oversight(from.year() as i64, &f, &t)?,
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
            format: package::FORMAT,
            serial,
            former_ids: office.former_ids.clone(),
            sub_offices: self.sub_offices(&data, &office.id)?,
            counts: data.iter().map(|d| (d.name.to_string(), d.rows.len() as i64)).collect(),
            sheet_sums: data.iter().map(|d| (d.name.to_string(), package::checksum_of(d))).collect(),
            sha256: String::new(),
        };
        meta.sha256 = package::checksum(&meta, &data);
        Ok((meta, data))
    }

    /// The package of a period: 说明, tables 1–7 as printed (table 5 once per evaluation of the
    /// period's year), and the data sheets.
    pub fn report_pack(&self, q: &PackQuery) -> Result<Packed> {
        let (meta, data) = self.report_data(q, self.next_pack_serial()?)?;
        let (f, t, label) = (meta.from.clone(), meta.to.clone(), meta.period_label.clone());
        let reports = self.report_sheets(q, &f, &t)?;
        let bytes = package::write(&meta, reports, &data)?;
        let file_name = format!("{}上报包（{label}）.xlsx", meta.office_name);
        Ok(Packed { meta, file_name, bytes })
    }

    /// The next 上报包序号 of this data file, taken (one statement: atomic on its own). Packages are
    /// ordered by it at the office above, so a PC's clock never decides which one is newer.
    fn next_pack_serial(&self) -> Result<i64> {
        settings::next_serial(self.conn(), PACK_SERIAL)
    }

    /// The offices below whose records the data sheets pass on, with the name each was received under.
    fn sub_offices(&self, data: &[DataSheet], own: &str) -> Result<Vec<(String, String)>> {
        let mut ids = std::collections::BTreeSet::new();
        for d in data {
            let Some(i) = d.columns.iter().position(|c| *c == SOURCE_COLUMN) else { continue };
            ids.extend(d.rows.iter().filter_map(|r| r.get(i)).filter(|s| s.as_str() != own).cloned());
        }
        let mut out = Vec::new();
        for id in ids {
            let name = store::any_name(self.conn(), &id)?;
            out.push((id, name.unwrap_or_default()));
        }
        Ok(out)
    }

    /// Tables 1–7 of DOMAIN.md §4.2 for the period, as the office prints them.
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
        sheets.push(self.project_figures_sheet(year)?);
        sheets.push(self.oversight_level_sheet(year)?);
        Ok(sheets)
    }

    fn pack_suggestions(&self, from: &str, to: &str) -> Result<DataSheet> {
        let (_, name, columns) = layout().swap_remove(0);
        let mut st = self.conn().prepare(&package::select(package::SUGGESTIONS, package::SUGGESTIONS_FROM))?;
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
        let mut st = self.conn().prepare(&package::select(package::DEPUTIES, package::DEPUTIES_FROM))?;
        let phone = columns.iter().position(|c| *c == package::PHONE_COLUMN);
        let own = self.office()?.id;
        let n = columns.len();
        let mut rows: Vec<Vec<String>> = st
            .query_map([&own], |r| {
                let mut row = (0..n).map(|i| r.get::<_, String>(i)).collect::<rusqlite::Result<Vec<String>>>()?;
                if let Some(p) = phone.and_then(|i| row.get_mut(i)).filter(|_| mask) {
                    *p = crate::text::mask_phone(p);
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
        let mut rows = Vec::new();
        for e in self.evaluation_list()?.into_iter().filter(|e| e.year == year) {
            let full = self.evaluation_get(e.id)?;
            for subject in self.evaluation_results(e.id)?.subjects {
                let (uuid, own, evaluation) = (full.uuid.clone(), own.clone(), full.name.clone());
                let r = package::EvaluationRecord { uuid, own, evaluation, subject };
                rows.push(package::row_of(package::EVALUATIONS, &r));
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
        let uuids = crate::roster::store::deputy_uuids(self.conn())?;
        let mut rows: Vec<Vec<String>> = table
            .rows
            .into_iter()
            .map(|points| {
                let uuid = uuids.get(&points.deputy_id).cloned().unwrap_or_default();
                package::row_of(package::POINTS, &package::PointsRecord { uuid, own: own.clone(), points })
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
        let uuids = crate::roster::store::station_uuids(self.conn())?;
        let own = self.office()?.id;
        let mut rows: Vec<Vec<String>> = figures
            .into_iter()
            .map(|figures| {
                let uuid = uuids.get(&figures.station_id).cloned().unwrap_or_default();
                package::row_of(package::STATIONS, &package::StationRecord { uuid, own: own.clone(), figures })
            })
            .collect();
        rows.extend(self.forwarded("stations", &columns, from, to)?);
        Ok(DataSheet { kind: "stations", name, columns, rows })
    }

    /// The records the offices below reported for periods within this one, passed on upward with
    /// their source. A record in several packages (a quarter's and the year's) is passed on once:
    /// the copy that counts here (`report_counted`), else the one of the widest period, the latest.
    fn forwarded(&self, kind: &str, columns: &[&str], from: &str, to: &str) -> Result<Vec<Vec<String>>> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for (uuid, office, json) in store::forwarded(self.conn(), kind, from, to)? {
            if !seen.insert((office.clone(), uuid.clone())) {
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

    /// What was received, newest period first.
    pub fn report_list(&self) -> Result<Vec<ReceivedPackage>> {
        store::received(self.conn())
    }
}

/// One office below, side by side with the others for a period (the 乡镇汇总 page and sheet).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SummaryRow {
    pub office_id: String,
    pub office_name: String,
    /// When its latest package overlapping the period arrived; none = nothing sent for it.
    pub received_at: Option<String>,
    /// Its packages cover the whole period (false: nothing, or only part of it, was sent).
    pub covered: bool,
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
    /// 民生实事项目 of the period's year: 本级, each office below, 合计 (DOMAIN.md §5.6).
    pub projects: ProjectFiguresTable,
    /// 审议意见 of the period's year: 本级, each office below, 合计 (DOMAIN.md §6.5).
    pub oversight: OversightLevelTable,
}

impl Renda {
    /// The offices below side by side for a period, with the total over all their records: each
    /// record counted once, whatever packages carried it (a quarter's and the year's).
    pub fn report_summary(&self, q: &PackQuery) -> Result<Summary> {
        let (from, to, label) = period(q)?;
        let (f, t) = (from.to_string(), to.to_string());
        let settings = self.suggestion_settings()?;
        let c = self.conn();
        let (by_office, total_figures) = store::received_figures(c, &f, &t, &settings)?;
        let empty = || crate::suggestions::store::received_figures_empty(&settings);
        // the office's latest name, and its first package's id (the key of `received_figures`)
        let offices = store::senders(c)?;
        let mut rows = Vec::new();
        let mut missing = Vec::new();
        for (id, name, key) in offices {
            let sent = store::sent_for(c, &id, &f, &t)?;
            if !sent.covered {
                missing.push(if sent.received_at.is_some() {
                    format!("{name}（仅部分期间）")
                } else {
                    name.clone()
                });
            }
            rows.push(SummaryRow {
                figures: by_office.get(&key).cloned().unwrap_or_else(empty),
                stations: self.station_sums(Some(&id), &f, &t)?,
                office_id: id,
                office_name: name,
                received_at: sent.received_at,
                covered: sent.covered,
            });
        }
        let total = SummaryRow {
            office_id: String::new(),
            office_name: "合计".into(),
            received_at: None,
            covered: true,
            figures: total_figures,
            stations: self.station_sums(None, &f, &t)?,
        };
        let projects = self.project_figures(&FiguresQuery { year: i64::from(from.year()) })?;
        let oversight = self.oversight_level_figures(i64::from(from.year()))?;
        Ok(Summary { period_label: label, from: f, to: t, rows, total, missing, projects, oversight })
    }

    /// Station figures (table 7) of exactly this period, summed over one office's stations (or
    /// every office's): the rows that count, so a station passed on twice adds once. The 站名
    /// column becomes 联络站数, the number of stations sent.
    fn station_sums(&self, office_id: Option<&str>, from: &str, to: &str) -> Result<Vec<(String, i64)>> {
        let cols: Vec<&str> = layout()
            .into_iter()
            .find(|l| l.0 == "stations")
            .map(|l| l.2)
            .unwrap_or_default()
            .into_iter()
            .skip(2)
            .collect();
        let mut sums = vec![0i64; cols.len()];
        for j in store::counted_station_rows(self.conn(), office_id, from, to)? {
            let v: serde_json::Value = serde_json::from_str(&j).unwrap_or_default();
            for (sum, col) in sums.iter_mut().zip(&cols) {
                let cell = v.get(*col).and_then(|x| x.as_str()).unwrap_or("");
                // a station's name counts the station; the other columns are figures to add
                let n =
                    if *col == STATION_NAME { i64::from(!cell.is_empty()) } else { cell.parse::<i64>().unwrap_or(0) };
                *sum = sum.checked_add(n).ok_or_else(|| {
                    Error::BadFile(format!("收到的联络站统计「{col}」合计超出了可计算的范围，请检查上报包。"))
                })?;
            }
        }
        let label = |c: &&str| if *c == STATION_NAME { "联络站数".to_string() } else { c.to_string() };
        Ok(cols.iter().map(label).zip(sums).collect())
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
        let units = store::received_unit_figures(self.conn(), &s.from, &s.to, &settings)?;
        let mut by_unit = self.unit_table(
            &format!("各乡镇承办单位办理代表建议情况统计表（{}）", s.period_label),
            &units,
            &s.total.figures,
        )?;
        by_unit.sheet_name = "承办单位统计（汇总）".into();
        let projects = self.project_figures_sheet(s.projects.year)?;
        let oversight = self.oversight_level_sheet(s.oversight.year)?;
        crate::excel::write::write_workbook(vec![sheet, by_unit, projects, oversight])
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
        let (pid, office_name) = store::package_for(c, &q.office_id, &from.to_string(), &to.to_string())?
            .ok_or_else(|| Error::NotFound("该单位本期还没有报送上报包".into()))?;
        let limit = if size == 0 { -1 } else { size };
        let (total, found) = store::records_page(c, pid, &q.kind, limit, (page - 1) * size.max(0))?;
        // the columns a person reads first (the full rows stay in the package)
        let shown: Vec<&str> = match q.kind.as_str() {
            "suggestions" => package::SUGGESTIONS.iter().filter(|c| c.brief).map(|c| c.heading).collect(),
            _ => columns.iter().skip(2).copied().collect(),
        };
        let rows = found
            .iter()
            .map(|j| {
                let v: serde_json::Value = serde_json::from_str(j).unwrap_or_default();
                shown.iter().map(|col| v.get(*col).and_then(|x| x.as_str()).unwrap_or_default().to_string()).collect()
            })
            .collect();
        Ok(ReceivedRecords { office_name, columns: shown.iter().map(|c| c.to_string()).collect(), rows, total })
    }
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
