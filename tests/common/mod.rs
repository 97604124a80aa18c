#![allow(dead_code)]
//! Shared helpers: every test gets its own real SQLite file in a temporary folder.

pub mod hostile;
pub mod travel;

use renda::roster::model::*;
use renda::Renda;

pub struct TestData {
    pub dir: tempfile::TempDir,
    pub renda: Renda,
}

pub fn fresh() -> TestData {
    let dir = tempfile::tempdir().unwrap();
    let renda = Renda::open(&dir.path().join("renda.db")).unwrap();
    TestData { dir, renda }
}

/// The 18th 县 term (2024–2029, current) and its first session, opened 2024-01-10.
pub fn term_and_session(t: &mut TestData) -> (Term, Session) {
    let term = t
        .renda
        .term_create(&TermInput {
            level: "县".into(),
            number: 18,
            start_year: 2024,
            end_year: 2029,
            is_current: true,
            ..Default::default()
        })
        .unwrap();
    let session = t
        .renda
        .session_create(&SessionInput {
            term_id: term.id,
            number: 1,
            start_date: Some("2024-01-10".into()),
            ..Default::default()
        })
        .unwrap();
    (term, session)
}

pub fn deputy(name: &str) -> DeputyInput {
    DeputyInput { name: name.into(), levels: vec!["县".into()], ..Default::default() }
}

/// Steps as the tests write them most often.
#[allow(dead_code)]
pub mod steps {
    use renda::suggestions::model::*;

    pub fn pass() -> Step {
        Step::ReviewPass { note: None }
    }
    pub fn assign(main: i64, co: Vec<i64>, wide: bool) -> Step {
        Step::Assign(Assignment { main_unit_id: main, co_unit_ids: co, wide_ranging: wide, ..Default::default() })
    }
    pub fn assign_due(main: i64, due: &str) -> Step {
        Step::Assign(Assignment { main_unit_id: main, due_date: Some(due.into()), ..Default::default() })
    }
    pub fn reply(class: &str) -> Step {
        Step::Reply(ReplyInput { class: class.into(), ..Default::default() })
    }
    pub fn rate(work: &str, result: &str) -> Step {
        Step::Rate(RatingInput { work_rating: work.into(), result_rating: result.into(), ..Default::default() })
    }
    pub fn contact(form: &str) -> Step {
        Step::Contact { stage: None, form: form.into(), note: None }
    }
    pub fn rehandle() -> Step {
        Step::Rehandle { due_date: None, note: None }
    }
}
