//! 民生实事项目人大代表票决 (DOMAIN.md §5): 「群众提、代表决、政府办、人大督、人民评」 — proposals
//! screened into candidates, the deputies' vote at a session in rounds (a tie at the cut-off goes
//! to a re-vote, never broken silently), adopted projects with yearly targets, a supervision group,
//! dated progress against the linear schedule, changes with their approval, visits and a 问题清单.
//! The year-end rating is an evaluation (DOMAIN.md §2.1), built in `evaluation`.

pub mod excel;
pub mod model;
pub mod store;
pub mod supervision;
pub mod works;

pub use works::ProjectSettings;
