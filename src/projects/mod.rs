//! 民生实事项目人大代表票决 (DOMAIN.md §5): 「群众提、代表决、政府办、人大督、人民评」 — proposals
//! screened into candidates, the deputies' vote at a session in rounds (a tie at the cut-off goes
//! to a re-vote, never broken silently), adopted projects with yearly targets, a supervision group,
//! dated progress against the linear schedule, changes with their approval, visits and a 问题清单.
//! The year-end rating is an evaluation (DOMAIN.md §2.1), built in `evaluation`.

pub mod demo;
pub mod excel;
pub mod figures;
pub mod model;
pub mod progress_sheet;
pub mod proposals;
pub mod store;
pub mod supervision;
pub mod vote;
pub mod works;

pub use works::ProjectSettings;

use crate::error::Result;
use crate::Renda;

impl Renda {
    /// The office's own projects of a year with their facts (DOMAIN.md §5.6); cancelled ones are
    /// listed, so the 上报包 shows them, and `figures::count` leaves them out.
    pub fn project_facts(&self, year: i64) -> Result<Vec<figures::ProjectFacts>> {
        Ok(store::fact_rows(self.conn(), year)?.into_iter().map(|r| figures::settle(r, year)).collect())
    }
}
