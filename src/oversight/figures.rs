//! The figures of 审议意见办理 (DOMAIN.md §6.5), computed once here: the page, the CLI, the 上报包
//! and the county's 乡镇汇总 all read these.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::{percent, OpinionQuery, OpinionRow};
use super::store::{self, YearCounts};
use crate::common::today;
use crate::error::Result;
use crate::Renda;

/// One year's figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct OversightFigures {
    pub year: i64,
    /// 审议意见件数
    pub opinions: i64,
    /// 已办结
    pub closed: i64,
    /// 应报告 (rounds whose first time limit passed, or reported)
    pub reports_due: i64,
    /// 按期报告
    pub reports_on_time: i64,
    /// 按期报告率, percent
    pub on_time_rate: Option<f64>,
    pub problems: i64,
    pub problems_done: i64,
    /// 整改率, percent
    pub fix_rate: Option<f64>,
    /// 测评次数
    pub rated: i64,
    /// 测评满意次数
    pub rated_satisfied: i64,
    /// 测评满意率, percent
    pub satisfied_rate: Option<f64>,
}

/// The figures of a year from its counts, rates rounded to `decimals` places.
pub fn settle(year: i64, c: &YearCounts, decimals: u32) -> OversightFigures {
    OversightFigures {
        year,
        opinions: c.opinions,
        closed: c.closed,
        reports_due: c.reports_due,
        reports_on_time: c.reports_on_time,
        on_time_rate: percent(c.reports_on_time, c.reports_due, decimals),
        problems: c.problems,
        problems_done: c.problems_done,
        fix_rate: percent(c.problems_done, c.problems, decimals),
        rated: c.rated,
        rated_satisfied: c.rated_satisfied,
        satisfied_rate: percent(c.rated_satisfied, c.rated, decimals),
    }
}

/// The figures of several opinions' counts together (an office's, or 本级 and the offices below):
/// the counts add and the rates are taken over the sums, never averaged.
pub fn figures_of<'a>(year: i64, counts: impl IntoIterator<Item = &'a YearCounts>, decimals: u32) -> OversightFigures {
    let mut sum = YearCounts::default();
    for c in counts {
        sum.add(c);
    }
    settle(year, &sum, decimals)
}

/// One opinion of a year as the 上报包 carries it: its row, its counts by §6.5's rules and its
/// latest rating's grade.
#[derive(Debug, Clone)]
pub struct OpinionFacts {
    pub uuid: String,
    pub row: OpinionRow,
    pub counts: YearCounts,
    pub last_grade: Option<String>,
}

impl Renda {
    /// Every opinion adopted in the year with its own counts (summed, they are the year's figures).
    pub fn oversight_opinion_facts(&self, year: i64) -> Result<Vec<OpinionFacts>> {
        let t = today().format("%Y-%m-%d").to_string();
        let mut rows: std::collections::HashMap<i64, OpinionRow> =
            store::opinion_rows(self.conn(), &OpinionQuery { year: Some(year), ..Default::default() })?
                .into_iter()
                .map(|r| (r.id, r))
                .collect();
        Ok(store::opinion_counts(self.conn(), year, &t)?
            .into_iter()
            .filter_map(|o| {
                let row = rows.remove(&o.id)?;
                Some(OpinionFacts { uuid: o.uuid, row, counts: o.counts, last_grade: o.last_grade })
            })
            .collect())
    }

    /// Every year's figures, newest first.
    pub fn oversight_figures_all(&self) -> Result<Vec<OversightFigures>> {
        let decimals = self.oversight_settings()?.decimals;
        let t = today().format("%Y-%m-%d").to_string();
        let mut out: Vec<OversightFigures> =
            store::year_counts(self.conn(), &t)?.iter().map(|(y, c)| settle(*y, c, decimals)).collect();
        out.sort_by_key(|f| std::cmp::Reverse(f.year));
        Ok(out)
    }

    /// One year's figures (zeros for a year without opinions).
    pub fn oversight_figures(&self, year: i64) -> Result<OversightFigures> {
        let found = self.oversight_figures_all()?.into_iter().find(|f| f.year == year);
        Ok(found.unwrap_or(OversightFigures { year, ..Default::default() }))
    }
}
