//! Offices that send 上报包 in the tests: a township with suggestions, a county, a package, and a
//! package re-signed by a hand that changed it (the checksum made again, as a tool could).

use super::*;
use renda::office::OfficeInput;
use renda::reports::package::{self, DataSheet, PackageMeta};
use renda::reports::PackQuery;
use renda::suggestions::model::{Step, StepRequest, SuggestionInput};

pub const YEAR: i64 = 2026;

/// A township with its deputies, units and `n` suggestions assigned (the first one replied and rated).
pub fn township(name: &str, n: usize) -> TestData {
    let mut t = fresh();
    t.renda.start_blank(Some(&OfficeInput { name: name.into(), level: "乡镇".into() })).unwrap();
    let term = t
        .renda
        .term_create(&TermInput {
            level: "乡".into(),
            number: 18,
            start_year: 2021,
            end_year: 2026,
            is_current: true,
            ..Default::default()
        })
        .unwrap();
    let session = t
        .renda
        .session_create(&SessionInput {
            term_id: term.id,
            number: 5,
            start_date: Some("2026-01-10".into()),
            end_date: Some("2026-01-12".into()),
            ..Default::default()
        })
        .unwrap();
    let lead = t
        .renda
        .deputy_create(&DeputyInput {
            name: format!("{}代表", name.chars().take(2).collect::<String>()),
            levels: vec!["乡".into()],
            phone: Some("13812345678".into()),
            ..Default::default()
        })
        .unwrap()
        .id;
    let unit = t
        .renda
        .unit_create(&UnitInput {
            name: "镇交通运输所".into(), kind: "政府部门".into(), ..Default::default()
        })
        .unwrap()
        .id;
    for i in 0..n {
        let input = SuggestionInput {
            period: "大会".into(),
            session_id: Some(session.id),
            title: format!("关于第{i}件事的建议"),
            lead_deputy_id: lead,
            received_date: "2026-01-11".into(),
            ..Default::default()
        };
        let id = t.renda.suggestion_create(&input).unwrap().row.id;
        let step = |t: &mut TestData, date: &str, step: Step| {
            t.renda.suggestion_step(&StepRequest { id, date: Some(date.into()), step }).unwrap();
        };
        step(&mut t, "2026-01-12", steps::pass());
        step(&mut t, "2026-02-01", steps::assign(unit, vec![], false));
        if i == 0 {
            step(&mut t, "2026-03-01", steps::reply("A"));
            step(&mut t, "2026-03-10", steps::rate("满意", "满意"));
        }
    }
    t
}

pub fn county() -> TestData {
    let mut t = fresh();
    t.renda.start_blank(Some(&OfficeInput { name: "清河县人大常委会".into(), level: "县".into() })).unwrap();
    t
}

pub fn pack(t: &TestData) -> Vec<u8> {
    t.renda.report_pack(&PackQuery { year: YEAR, ..Default::default() }).unwrap().bytes
}

/// Adds a suggestion received and assigned on `date` (the township's first deputy and unit).
pub fn suggestion_on(t: &mut TestData, title: &str, date: &str) {
    let lead = t.renda.deputy_list(&DeputyQuery::default()).unwrap().items[0].id;
    let unit = t.renda.unit_list(&Default::default()).unwrap().items[0].id;
    let session = t.renda.term_list().unwrap()[0].sessions[0].id;
    let input = SuggestionInput {
        period: "大会".into(),
        session_id: Some(session),
        title: title.into(),
        lead_deputy_id: lead,
        received_date: date.into(),
        ..Default::default()
    };
    let id = t.renda.suggestion_create(&input).unwrap().row.id;
    t.renda.suggestion_step(&StepRequest { id, date: Some(date.into()), step: steps::pass() }).unwrap();
    t.renda
        .suggestion_step(&StepRequest { id, date: Some(date.into()), step: steps::assign(unit, vec![], false) })
        .unwrap();
}

/// A package read, changed by `edit`, its checksums made again and written back: what a hand
/// with the right tool could send.
pub fn resign(bytes: &[u8], edit: impl FnOnce(&mut PackageMeta, &mut Vec<DataSheet>)) -> Vec<u8> {
    let sheets = renda::excel::read::read_workbook(bytes, "上报包.xlsx").unwrap();
    let (mut meta, mut data) = package::read(&sheets, &renda::reports::layout()).unwrap();
    edit(&mut meta, &mut data);
    meta.counts = data.iter().map(|d| (d.name.to_string(), d.rows.len() as i64)).collect();
    meta.sheet_sums = data.iter().map(|d| (d.name.to_string(), package::checksum_of(d))).collect();
    meta.sha256 = package::checksum(&meta, &data);
    package::write(&meta, vec![], &data).unwrap()
}
