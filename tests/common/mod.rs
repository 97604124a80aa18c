#![allow(dead_code)]
//! Shared helpers: every test gets its own real SQLite file in a temporary folder.

pub mod hostile;

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

pub fn deputy(name: &str) -> DeputyInput {
    DeputyInput { name: name.into(), levels: vec!["县".into()], ..Default::default() }
}
