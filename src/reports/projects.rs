//! 民生实事项目 figures by level (DOMAIN.md §5.6): the office's own projects (本级), each office
//! below from the 数据-民生实事 rows its 上报包 carried (the copy that counts, as for suggestions),
//! and all of them together (合计). The one composition the 工作台 card, the 上报包, the 乡镇汇总,
//! the CLI and the window read.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::package::{self, DataSheet, ProjectRecord, PROJECTS_KIND};
use super::{layout, store};
use crate::error::{Error, Result};
use crate::excel::write::{Column, ReportSheet, Value};
use crate::projects::figures::{count_by, ProjectFacts, ProjectFigures, Rating};
use crate::Renda;

/// The year of the figures.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct FiguresQuery {
    pub year: i64,
}

/// One row of the table: 本级, an office below, or 合计.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ProjectFiguresRow {
    /// own · below · total
    pub level: String,
    /// The office below's id (empty for 本级 and 合计).
    pub office_id: String,
    pub name: String,
    pub figures: ProjectFigures,
}

/// The figures of a year by level. `total` is what the 工作台 card shows: the office's own and
/// every office below's projects counted together.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ProjectFiguresTable {
    pub year: i64,
    /// 本级 first, then each office below by name, then 合计 when there is an office below.
    pub rows: Vec<ProjectFiguresRow>,
    pub total: ProjectFigures,
}

fn check_year(year: i64) -> Result<i64> {
    if (2000..=2100).contains(&year) {
        Ok(year)
    } else {
        Err(Error::field("year", "请选择统计的年度（2000—2100 年）"))
    }
}

impl Renda {
    /// The office's own projects of the year with their ratings.
    fn own_projects(&self, year: i64) -> Result<Vec<(ProjectFacts, Option<Rating>)>> {
        let mut ratings = crate::evaluation::store::project_ratings(self.conn(), year)?;
        Ok(self
            .project_facts(year)?
            .into_iter()
            .map(|p| {
                let r = ratings.remove(&p.project_id);
                (p, r)
            })
            .collect())
    }

    /// The projects of the year the offices below reported: (office id, facts, rating), the copy of
    /// each row that counts.
    fn received_projects(&self, year: i64) -> Result<Vec<(String, ProjectFacts, Option<Rating>)>> {
        let mut out = Vec::new();
        for (source, json) in store::counted_project_rows(self.conn(), year)? {
            let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
            // checked when received (`check_projects`): a row that no longer reads is left out
            if let Ok((_, facts, rating)) = package::project_from_row(&v) {
                out.push((source, facts, rating));
            }
        }
        Ok(out)
    }

    /// 民生实事项目 figures of a year: 本级, each office below, 合计 (DOMAIN.md §5.6).
    pub fn project_figures(&self, q: &FiguresQuery) -> Result<ProjectFiguresTable> {
        let year = check_year(q.year)?;
        let own = String::new();
        let mut items: Vec<(String, ProjectFacts, Option<Rating>)> =
            self.own_projects(year)?.into_iter().map(|(p, r)| (own.clone(), p, r)).collect();
        let below = self.received_projects(year)?;
        let mut offices: Vec<(String, String)> =
            store::senders(self.conn())?.into_iter().map(|(id, name, _)| (id, name)).collect();
        let known: BTreeSet<String> = offices.iter().map(|o| o.0.clone()).collect();
        // offices a county passed on to a city: named as that county's package named them
        for id in below.iter().map(|b| b.0.clone()).collect::<BTreeSet<_>>().difference(&known) {
            offices.push((id.clone(), store::any_name(self.conn(), id)?.unwrap_or_else(|| id.clone())));
        }
        items.extend(below);
        let mut keys = vec![own];
        keys.extend(offices.iter().map(|o| o.0.clone()));
        let (by, total) = count_by(&keys, &items);
        let mut by = by.into_iter();
        let row = |level: &str, office_id: String, name: String, figures| ProjectFiguresRow {
            level: level.into(),
            office_id,
            name,
            figures,
        };
        let mut rows = vec![row("own", String::new(), "本级".into(), by.next().unwrap_or_default())];
        for ((id, name), f) in offices.into_iter().zip(by) {
            rows.push(row("below", id, name, f));
        }
        if rows.len() > 1 {
            rows.push(row("total", String::new(), "合计".into(), total.clone()));
        }
        Ok(ProjectFiguresTable { year, rows, total })
    }

    /// 数据-民生实事 of a package: the office's own projects of the period's year (each with its
    /// rating), then those the offices below reported, passed on with their source.
    pub(super) fn pack_projects(&self, year: i64, from: &str, to: &str) -> Result<DataSheet> {
        let (_, name, columns) = layout()
            .into_iter()
            .find(|l| l.0 == PROJECTS_KIND)
            .ok_or_else(|| Error::Internal("数据-民生实事".into()))?;
        let own = self.office()?.id;
        let mut rows: Vec<Vec<String>> = self
            .own_projects(year)?
            .into_iter()
            .map(|(facts, rating)| {
                let r = ProjectRecord { own: own.clone(), year, facts, rating };
                package::row_of(package::PROJECTS, &r)
            })
            .collect();
        rows.extend(self.forwarded(PROJECTS_KIND, &columns, from, to)?);
        Ok(DataSheet { kind: PROJECTS_KIND, name, columns, rows })
    }

    /// The figures table as a printed sheet (the 上报包's and the 乡镇汇总's).
    pub fn project_figures_sheet(&self, year: i64) -> Result<ReportSheet> {
        let t = self.project_figures(&FiguresQuery { year })?;
        let labels = [
            "单位",
            "项目数",
            "子项目数",
            "总投资",
            "年度计划投资",
            "完成投资",
            "完成数",
            "完成率",
            "开工率",
            "投资完成率",
            "子项目完成数",
            "满意率",
            "满意+基本满意率",
        ];
        let mut sheet = ReportSheet::new(
            "民生实事统计",
            &format!("{year}年民生实事项目统计表（金额单位：万元）"),
            labels.iter().map(|l| Column::new(l)).collect(),
        );
        sheet.org = self.org_name()?;
        let money = |x: f64| Value::Num((x * 100.0).round() / 100.0);
        sheet.rows = t
            .rows
            .iter()
            .map(|r| {
                let f = &r.figures;
                vec![
                    Value::Text(r.name.clone()),
                    Value::Int(f.projects),
                    Value::Int(f.subitems),
                    money(f.investment),
                    money(f.planned),
                    money(f.invested),
                    Value::Int(f.done),
                    Value::Pct(f.done_rate),
                    Value::Pct(f.start_rate),
                    Value::Pct(f.invest_rate),
                    Value::Int(f.subitems_done),
                    Value::Pct(f.satisfied_rate),
                    Value::Pct(f.satisfied_or_basic_rate),
                ]
            })
            .collect();
        sheet.footnote = Some(
            "说明：项目数、完成数、开工率按项目计（已取消的项目不计），子项目另列；合计按各项目重新计算，比率不是各行相加。".into(),
        );
        Ok(sheet)
    }
}

/// The 数据-民生实事 rows of a package read back: each must be what the package writes, so that
/// the office above never counts a changed or hand-made cell.
pub(super) fn check_projects(data: &[DataSheet]) -> Result<()> {
    for d in data.iter().filter(|d| d.kind == PROJECTS_KIND) {
        for (i, row) in d.rows.iter().enumerate() {
            let v: serde_json::Map<String, serde_json::Value> =
                d.columns.iter().zip(row).map(|(c, x)| (c.to_string(), serde_json::Value::String(x.clone()))).collect();
            let v = serde_json::Value::Object(v);
            if let Err(col) = package::project_from_row(&v) {
                let cell = v.get(&col).and_then(|x| x.as_str()).unwrap_or_default();
                return Err(Error::BadFile(format!(
                    "上报包的工作表「{}」第{}条记录的「{col}」是「{}」，不是人大工作台生成的内容。请让下级重新生成上报包。",
                    d.name,
                    i + 1,
                    crate::fields::quote(cell)
                )));
            }
        }
    }
    Ok(())
}
