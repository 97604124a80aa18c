//! 审议意见 figures by level (DOMAIN.md §6.5): the office's own opinions (本级), each office below
//! from the 数据-审议意见 rows its 上报包 carried (the copy that counts), and all of them together
//! (合计), each counted once with `oversight::figures`' rules: counts add, rates over the sums.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::package::{self, DataSheet, OpinionRecord, OVERSIGHT_KIND};
use super::{layout, store};
use crate::error::{Error, Result};
use crate::excel::write::{Column, ReportSheet, Value};
use crate::oversight::figures::{figures_of, OversightFigures};
use crate::oversight::store::YearCounts;
use crate::Renda;

/// One row of the table: 本级, an office below, or 合计.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct OversightLevelRow {
    /// own · below · total
    pub level: String,
    /// The office below's id (empty for 本级 and 合计).
    pub office_id: String,
    pub name: String,
    pub figures: OversightFigures,
}

/// The 审议意见 figures of a year by level, as the 乡镇汇总 shows them.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct OversightLevelTable {
    pub year: i64,
    /// 本级 first, then each office below by name, then 合计 when there is an office below.
    pub rows: Vec<OversightLevelRow>,
    pub total: OversightFigures,
}

impl Renda {
    /// The opinions of the year the offices below reported: office id → each opinion's counts.
    fn received_opinions(&self, year: i64) -> Result<BTreeMap<String, Vec<YearCounts>>> {
        let mut out: BTreeMap<String, Vec<YearCounts>> = BTreeMap::new();
        for (source, json) in store::counted_oversight_rows(self.conn(), year)? {
            let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
            // checked when received (`check_oversight`): a row that no longer reads is left out
            if let Ok((_, counts)) = package::oversight_from_row(&v) {
                out.entry(source).or_default().push(counts);
            }
        }
        Ok(out)
    }

    /// 审议意见 figures of a year: 本级, each office below, 合计 (DOMAIN.md §6.5).
    pub fn oversight_level_figures(&self, year: i64) -> Result<OversightLevelTable> {
        let decimals = self.oversight_settings()?.decimals;
        let own: Vec<YearCounts> = self.oversight_opinion_facts(year)?.into_iter().map(|o| o.counts).collect();
        let below = self.received_opinions(year)?;
        let mut offices: Vec<(String, String)> =
            store::senders(self.conn())?.into_iter().map(|(id, name, _)| (id, name)).collect();
        let known: BTreeSet<String> = offices.iter().map(|o| o.0.clone()).collect();
        // offices a county passed on to a city: named as that county's package named them
        for id in below.keys().filter(|id| !known.contains(*id)) {
            offices.push((id.clone(), store::any_name(self.conn(), id)?.unwrap_or_else(|| id.clone())));
        }
        let row = |level: &str, office_id: String, name: String, figures| OversightLevelRow {
            level: level.into(),
            office_id,
            name,
            figures,
        };
        let mut rows = vec![row("own", String::new(), "本级".into(), figures_of(year, &own, decimals))];
        for (id, name) in offices {
            let f = figures_of(year, below.get(&id).into_iter().flatten(), decimals);
            rows.push(row("below", id, name, f));
        }
        let total = figures_of(year, own.iter().chain(below.values().flatten()), decimals);
        if rows.len() > 1 {
            rows.push(row("total", String::new(), "合计".into(), total.clone()));
        }
        Ok(OversightLevelTable { year, rows, total })
    }

    /// The figures table as a printed sheet (the 上报包's and the 乡镇汇总's).
    pub fn oversight_level_sheet(&self, year: i64) -> Result<ReportSheet> {
        let t = self.oversight_level_figures(year)?;
        let labels = [
            "单位",
            "审议意见件数",
            "办结",
            "应报告",
            "按期报告",
            "按期报告率",
            "问题数",
            "整改完成",
            "整改率",
            "测评满意率",
        ];
        let mut sheet = ReportSheet::new(
            "审议意见统计",
            &format!("{year}年审议意见办理情况统计表"),
            labels.iter().map(|l| Column::new(l)).collect(),
        );
        sheet.org = self.org_name()?;
        // the figures are percents already (to the setting's decimals); the sheet prints fractions
        let pct = |x: Option<f64>| Value::Pct(x.map(|v| v / 100.0));
        sheet.rows = t
            .rows
            .iter()
            .map(|r| {
                let f = &r.figures;
                vec![
                    Value::Text(r.name.clone()),
                    Value::Int(f.opinions),
                    Value::Int(f.closed),
                    Value::Int(f.reports_due),
                    Value::Int(f.reports_on_time),
                    pct(f.on_time_rate),
                    Value::Int(f.problems),
                    Value::Int(f.problems_done),
                    pct(f.fix_rate),
                    pct(f.satisfied_rate),
                ]
            })
            .collect();
        sheet.footnote = Some(
            "说明：按审议意见通过的年度统计，乡镇为主席团的审议意见；按期报告指在首次办理时限内收到处理情况报告；合计按全部审议意见重新计算，比率不是各行相加。"
                .into(),
        );
        Ok(sheet)
    }

    /// 数据-审议意见 of a package: the office's own opinions of the period's year, then those the
    /// offices below reported, passed on with their source.
    pub(super) fn pack_oversight(&self, year: i64, from: &str, to: &str) -> Result<DataSheet> {
        let (_, name, columns) = layout()
            .into_iter()
            .find(|l| l.0 == OVERSIGHT_KIND)
            .ok_or_else(|| Error::Internal("数据-审议意见".into()))?;
        let own = self.office()?.id;
        let mut rows: Vec<Vec<String>> = self
            .oversight_opinion_facts(year)?
            .into_iter()
            .map(|facts| package::row_of(package::OVERSIGHT, &OpinionRecord { own: own.clone(), facts }))
            .collect();
        rows.extend(self.forwarded(OVERSIGHT_KIND, &columns, from, to)?);
        Ok(DataSheet { kind: OVERSIGHT_KIND, name, columns, rows })
    }
}

/// The 数据-审议意见 rows of a package read back: each must be what the package writes, so that
/// the office above never counts a changed or hand-made cell.
pub(super) fn check_oversight(data: &[DataSheet]) -> Result<()> {
    for d in data.iter().filter(|d| d.kind == OVERSIGHT_KIND) {
        for (i, row) in d.rows.iter().enumerate() {
            let v: serde_json::Map<String, serde_json::Value> =
                d.columns.iter().zip(row).map(|(c, x)| (c.to_string(), serde_json::Value::String(x.clone()))).collect();
            let v = serde_json::Value::Object(v);
            if let Err(col) = package::oversight_from_row(&v) {
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
