//! The automatic items (DOMAIN.md §8.2): each `AutoSource` counted from the office's own records
//! by the function of the area that owns the figure, never counted a second way here.

use super::model::{round1, AutoSource};
use super::store;
use crate::error::Result;
use crate::Renda;

fn pct(x: f64) -> f64 {
    round1(x * 100.0)
}

impl Renda {
    /// The figure of a source for a year (percent for a rate, times for a count) and how it was
    /// counted, in words; no figure when there is nothing to count (a rate over nothing).
    pub fn assessment_figure(&self, source: AutoSource, year: i64) -> Result<(Option<f64>, String)> {
        let suggestions = || {
            self.suggestion_figures(&crate::suggestions::model::FigureQuery { year: Some(year), ..Default::default() })
        };
        Ok(match source {
            AutoSource::SuggestionReplyRate => {
                let f = suggestions()?;
                match f.reply_rate {
                    Some(r) => {
                        (Some(pct(r)), format!("已答复 {} 件 ÷ 交办 {} 件 = {}%", f.replied, f.assigned, pct(r)))
                    }
                    None => (None, "本年没有交办的代表建议".into()),
                }
            }
            AutoSource::SuggestionSatisfaction => {
                let f = suggestions()?;
                match f.satisfaction_rate {
                    Some(r) => (
                        Some(pct(r)),
                        format!(
                            "满意 {} 件＋基本满意 {} 件 ÷ 已评价 {} 件 = {}%",
                            f.satisfied,
                            f.basically_satisfied,
                            f.rated,
                            pct(r)
                        ),
                    ),
                    None => (None, "本年交办的建议还没有代表评价".into()),
                }
            }
            AutoSource::VoterReports => {
                let n = store::voter_reports(self.conn(), year)?;
                (Some(n as f64), format!("述职登记簿本年登记 {n} 次"))
            }
            AutoSource::StationActivities => {
                let q = crate::stations::model::PeriodQuery { year: Some(year), ..Default::default() };
                let n = self.station_figures(&q)?.1.activities;
                (Some(n as f64), format!("活动登记簿本年登记 {n} 次"))
            }
            AutoSource::ProjectDoneRate => {
                let facts = self.project_facts(year)?;
                let f = crate::projects::figures::count(facts.iter().map(|p| (p, None)));
                match f.done_rate {
                    Some(r) => (Some(pct(r)), format!("完成 {} 个 ÷ 项目 {} 个 = {}%", f.done, f.projects, pct(r))),
                    None => (None, "本年没有票决的民生实事项目".into()),
                }
            }
            AutoSource::OversightFixRate => {
                // already a percent, to the 审议意见 setting's decimals (§6.5)
                let f = self.oversight_figures(year)?;
                match f.fix_rate {
                    Some(r) => (
                        Some(round1(r)),
                        format!("整改完成 {} 个 ÷ 问题 {} 个 = {}%", f.problems_done, f.problems, round1(r)),
                    ),
                    None => (None, "本年通过的审议意见没有列入问题清单的问题".into()),
                }
            }
        })
    }
}
