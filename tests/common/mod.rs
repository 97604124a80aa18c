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
        Step::ReviewPass { note: None, number: None }
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

/// An .ods as LibreOffice saves one: every cell text, each table declaring 1024 columns and
/// ending with an empty row repeated down to row 1,048,576 — the range it declares, not the one used.
pub fn libreoffice_ods(sheets: &[(String, Vec<Vec<String>>)]) -> Vec<u8> {
    use std::io::Write;
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let mut body = String::new();
    for (name, rows) in sheets {
        body.push_str(&format!(
            r#"<table:table table:name="{}"><table:table-column table:number-columns-repeated="1024"/>"#,
            esc(name)
        ));
        for row in rows {
            body.push_str("<table:table-row>");
            for cell in row {
                if cell.is_empty() {
                    body.push_str("<table:table-cell/>");
                } else {
                    body.push_str(&format!(
                        r#"<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
                        esc(cell)
                    ));
                }
            }
            body.push_str(&format!(
                r#"<table:table-cell table:number-columns-repeated="{}"/></table:table-row>"#,
                1024 - row.len()
            ));
        }
        body.push_str(&format!(
            r#"<table:table-row table:number-rows-repeated="{}"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>"#,
            1_048_576 - rows.len()
        ));
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"#
    );
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    z.start_file("mimetype", stored).unwrap();
    z.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    z.start_file("META-INF/manifest.xml", zip::write::SimpleFileOptions::default()).unwrap();
    z.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    z.start_file("content.xml", zip::write::SimpleFileOptions::default()).unwrap();
    z.write_all(content.as_bytes()).unwrap();
    z.finish().unwrap().into_inner()
}
