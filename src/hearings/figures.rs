//! The figures of 公民旁听 (DOMAIN.md §7), counted once here for the page, the CLI, the export and
//! the tests: 旁听人次 (applications signed in), 旁听议题数 (the 议题 of meetings at least one citizen
//! attended), 意见数 and 采纳数, by the year of the meeting.

use super::model::HearingFigures;
use super::store;
use crate::error::Result;
use crate::Renda;

impl Renda {
    /// The figures of every year from `from` to `to` that has a meeting, oldest first.
    pub fn hearing_figures_years(&self, from: i64, to: i64) -> Result<Vec<HearingFigures>> {
        store::figures(self.conn(), from, to)
    }

    /// One year's figures (all zero for a year without a meeting).
    pub fn hearing_figures(&self, year: i64) -> Result<HearingFigures> {
        Ok(store::figures(self.conn(), year, year)?
            .into_iter()
            .next()
            .unwrap_or(HearingFigures { year, ..Default::default() }))
    }

    /// The years that have a meeting open to citizens, latest first.
    pub fn hearing_years(&self) -> Result<Vec<i64>> {
        store::years(self.conn())
    }
}
