//! 上报包 between offices, on real SQLite files and real workbooks: three townships pack their
//! year; a county receives them in any order, a corrected package replaces the first, a package
//! edited by hand is refused, and a package only goes upward.

mod common;

use common::*;
use renda::office::OfficeInput;
use renda::reports::package::{self, DataSheet, PackageMeta};
use renda::reports::PackQuery;
use renda::roster::model::*;
use renda::suggestions::model::{Step, StepRequest, SuggestionInput};

const YEAR: i64 = 2026;

/// A township with its deputies, units and `n` suggestions assigned (the first one replied and rated).
fn township(name: &str, n: usize) -> TestData {
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

fn county() -> TestData {
    let mut t = fresh();
    t.renda.start_blank(Some(&OfficeInput { name: "清河县人大常委会".into(), level: "县".into() })).unwrap();
    t
}

/// A package opened and saved again by a person, every cell text passed through `edit`.
fn resave(bytes: &[u8], edit: impl Fn(&str, String) -> String) -> Vec<u8> {
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut out = rust_xlsxwriter::Workbook::new();
    for name in wb.sheet_names().to_vec() {
        let range = wb.worksheet_range(&name).unwrap();
        let ws = out.add_worksheet();
        ws.set_name(&name).unwrap();
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                ws.write(r as u32, c as u16, edit(&name, cell.to_string())).unwrap();
            }
        }
    }
    out.save_to_buffer().unwrap()
}

fn pack(t: &TestData) -> Vec<u8> {
    t.renda.report_pack(&PackQuery { year: YEAR, ..Default::default() }).unwrap().bytes
}

/// Suggestions received per office, as the county holds them.
fn received(c: &TestData) -> Vec<(String, i64)> {
    let mut v: Vec<(String, i64)> = c
        .renda
        .report_list()
        .unwrap()
        .into_iter()
        .map(|p| (p.office_name, p.counts.get("suggestions").copied().unwrap_or(0)))
        .collect();
    v.sort();
    v
}

#[test]
fn packages_arrive_in_any_order_and_a_correction_replaces_the_first() {
    let (a, b, c) = (township("城关镇人大主席团", 3), township("河口镇人大主席团", 2), township("新街乡人大主席团", 1));
    let (pa, pb, pc) = (pack(&a), pack(&b), pack(&c));
    let expected =
        vec![("城关镇人大主席团".to_string(), 3), ("新街乡人大主席团".into(), 1), ("河口镇人大主席团".into(), 2)];
    for order in [[&pa, &pb, &pc], [&pc, &pb, &pa]] {
        let mut county = county();
        for p in order {
            let r = county.renda.report_import(p, "上报包.xlsx", false).unwrap();
            assert_eq!((r.action.as_str(), r.committed), ("new", true), "{r:?}");
        }
        assert_eq!(received(&county), expected);
        // side by side, each township's figures are its own, figure for figure; the total is
        // counted over the records (a rate is never added up)
        let sum = county.renda.report_summary(&PackQuery { year: YEAR, ..Default::default() }).unwrap();
        for (t, row) in [&a, &b, &c]
            .iter()
            .map(|t| (t, sum.rows.iter().find(|r| r.office_id == t.renda.office().unwrap().id).unwrap()))
        {
            let own = t
                .renda
                .suggestion_figures(&renda::suggestions::model::FigureQuery { year: Some(YEAR), ..Default::default() })
                .unwrap();
            assert_eq!(row.figures, own, "{}", row.office_name);
        }
        let f = &sum.total.figures;
        assert_eq!((f.assigned, f.replied, f.satisfied), (6, 3, 3));
        assert_eq!(f.reply_rate, Some(0.5), "3 replied of 6 assigned, not the mean of 1/3, 1/2 and 1");
        assert!(sum.missing.is_empty());
        // the summary workbook: the side-by-side sheet, and table 3 over every received record
        use calamine::Reader;
        let book = county.renda.export_report_summary(&PackQuery { year: YEAR, ..Default::default() }).unwrap();
        let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(book)).unwrap();
        let units = wb.worksheet_range("承办单位统计（汇总）").unwrap();
        let row: Vec<String> =
            units.rows().find(|r| r[0] == "镇交通运输所").unwrap().iter().map(|c| c.to_string()).collect();
        assert_eq!(row[1], "6", "one row per unit over all townships: {row:?}");
        // the same package twice changes nothing
        let again = county.renda.report_import(&pa, "上报包.xlsx", false).unwrap();
        assert_eq!((again.action.as_str(), again.committed), ("unchanged", false));
        assert_eq!(received(&county), expected);
    }

    // A′: one suggestion withdrawn, one changed, one added
    let mut a2 = a;
    let ids: Vec<i64> = a2.renda.suggestion_list(&Default::default()).unwrap().items.iter().map(|s| s.id).collect();
    a2.renda
        .conn()
        .execute(
            "UPDATE suggestions SET received_date = '2025-12-01', assigned_date = '2025-12-02' WHERE id = ?1",
            [ids[2]],
        )
        .unwrap();
    let mut s = a2.renda.suggestion_get(ids[1]).unwrap();
    s.row.title = "关于第1件事的建议（修改）".into();
    a2.renda
        .conn()
        .execute("UPDATE suggestions SET title = ?2 WHERE id = ?1", rusqlite::params![ids[1], s.row.title])
        .unwrap();
    let lead = a2.renda.deputy_list(&DeputyQuery::default()).unwrap().items[0].id;
    let session = a2.renda.term_list().unwrap()[0].sessions[0].id;
    let input = SuggestionInput {
        period: "大会".into(),
        session_id: Some(session),
        title: "关于新增一件事的建议".into(),
        lead_deputy_id: lead,
        received_date: "2026-05-01".into(),
        ..Default::default()
    };
    a2.renda.suggestion_create(&input).unwrap();
    let pa2 = pack(&a2);

    let mut county = county();
    county.renda.report_import(&pa, "A.xlsx", false).unwrap();
    county.renda.report_import(&pb, "B.xlsx", false).unwrap();
    let r = county.renda.report_import(&pa2, "A更正.xlsx", false).unwrap();
    assert_eq!((r.action.as_str(), r.added, r.changed, r.withdrawn), ("replaced", 1, 1, 1), "{r:?}");
    county.renda.report_import(&pc, "C.xlsx", false).unwrap();
    // the first A arriving late does not undo the correction
    let late = county.renda.report_import(&pa, "A.xlsx", false).unwrap();
    assert_eq!((late.action.as_str(), late.committed), ("older", false));
    assert_eq!(received(&county)[0], ("城关镇人大主席团".to_string(), 3), "one withdrawn, one added");
    let audit = county.renda.audit_list(Some("report"), None, None).unwrap();
    assert!(audit.items.iter().any(|e| e.summary.contains("撤回 1")), "the audit says what was withdrawn");
}

#[test]
fn a_package_edited_by_hand_is_refused_naming_the_sheet() {
    let a = township("城关镇人大主席团", 2);
    let bytes = pack(&a);
    // a person opens the package, changes one cell of the data and saves it
    let edited = resave(&bytes, |sheet, text| {
        if sheet == "数据-建议" && text == "关于第1件事的建议" {
            "关于第1件事的建议（改）".into()
        } else {
            text
        }
    });
    let mut county = county();
    let e = county.renda.report_import(&edited, "改过的.xlsx", false).unwrap_err();
    assert!(e.to_string().contains("校验码不符") && e.to_string().contains("数据-建议"), "{e}");
    assert!(county.renda.report_list().unwrap().is_empty());
    // a file that is not a package says so
    let e =
        county.renda.report_import(&a.renda.export_units(&Default::default()).unwrap(), "名单.xlsx", true).unwrap_err();
    assert!(e.to_string().contains("这不是上报包"), "{e}");
}

#[test]
fn packages_go_upward_only_and_phones_are_masked() {
    let a = township("城关镇人大主席团", 1);
    let county_t = county();
    let mut twp = township("河口镇人大主席团", 1);
    let e = twp.renda.report_import(&pack(&county_t), "县.xlsx", true).unwrap_err();
    assert!(e.to_string().contains("只能导入下级单位的上报包"), "{e}");
    let mut city = fresh();
    city.renda.start_blank(Some(&OfficeInput { name: "某市人大常委会".into(), level: "市".into() })).unwrap();
    let r = city.renda.report_import(&pack(&county_t), "县.xlsx", false).unwrap();
    assert!(r.committed, "a county reports to its city: {r:?}");
    // personal data leaves masked
    let bytes = pack(&a);
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range("数据-代表").unwrap();
    let cells: Vec<String> = range.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    assert!(cells.iter().any(|c| c == "138****5678") && !cells.iter().any(|c| c == "13812345678"));
    let names = wb.sheet_names().to_vec();
    assert_eq!(names.first().map(String::as_str), Some("说明"));
    for sheet in [
        "交办清单",
        "办理情况台账",
        "承办单位统计",
        "分类统计",
        "履职积分",
        "联络站运行统计",
        "数据-建议",
        "数据-代表",
        "数据-测评结果",
        "数据-履职积分",
        "数据-联络站",
    ] {
        assert!(names.iter().any(|n| n == sheet), "{sheet} in {names:?}");
    }
}

#[test]
fn a_county_passes_its_townships_records_upward_with_their_source() {
    let (a, b) = (township("城关镇人大主席团", 2), township("河口镇人大主席团", 1));
    let mut county = county();
    county.renda.report_import(&pack(&a), "A.xlsx", false).unwrap();
    county.renda.report_import(&pack(&b), "B.xlsx", false).unwrap();
    let mut city = fresh();
    city.renda.start_blank(Some(&OfficeInput { name: "某市人大常委会".into(), level: "市".into() })).unwrap();
    let r = city.renda.report_import(&pack(&county), "县.xlsx", false).unwrap();
    assert!(r.committed, "{r:?}");
    let sum = city.renda.report_summary(&PackQuery { year: YEAR, ..Default::default() }).unwrap();
    assert_eq!(sum.rows.len(), 1, "one county");
    assert_eq!(sum.total.figures.assigned, 3, "the county's package carries its townships' suggestions");
    let sources: std::collections::BTreeSet<String> = city
        .renda
        .conn()
        .prepare("SELECT json_extract(data_json, '$.来源单位标识') FROM report_records WHERE kind = 'suggestions'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|x| x.unwrap())
        .collect();
    let expected: std::collections::BTreeSet<String> =
        [a.renda.office().unwrap().id, b.renda.office().unwrap().id].into_iter().collect();
    assert_eq!(sources, expected, "each record keeps the township it came from");
}

#[test]
fn a_package_whose_sender_was_changed_by_hand_is_refused() {
    let a = township("城关镇人大主席团", 1);
    let edited = resave(&pack(&a), |sheet, text| {
        if sheet == "说明" {
            text.replace("城关镇人大主席团", "河口镇人大主席团")
        } else {
            text
        }
    });
    let e = county().renda.report_import(&edited, "改过说明.xlsx", true).unwrap_err();
    assert!(e.to_string().contains("校验码不符"), "{e}");
}

/// A package's cells as text, sheet by sheet, as a person's spreadsheet program holds them.
fn package_cells(bytes: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let names = wb.sheet_names().to_vec();
    names
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).unwrap();
            let rows = range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
            (name, rows)
        })
        .collect()
}

/// Issue 22, point 8: a package opened in LibreOffice and saved as .ods declares 1,048,576 rows on
/// every sheet and was refused as 「超过600万个单元格」; its real cells are few, and it is received.
#[test]
fn a_package_saved_again_as_ods_by_libreoffice_is_received() {
    let a = township("城关镇人大主席团", 3);
    let xlsx = pack(&a);
    let ods = libreoffice_ods(&package_cells(&xlsx));
    let mut county = county();
    let from_xlsx = county.renda.report_import(&xlsx, "上报包.xlsx", true).unwrap();
    let from_ods = county.renda.report_import(&ods, "上报包.ods", true).unwrap();
    assert_eq!((from_ods.action.as_str(), from_ods.added), ("new", from_xlsx.added), "{from_ods:?}");
    assert!(from_ods.added >= 3);
}

/// A package made by hand (its checksums recomputed, as anyone can): `edit` changes its data.
fn forged_package(bytes: &[u8], edit: impl FnOnce(&mut PackageMeta, &mut Vec<DataSheet>)) -> Vec<u8> {
    let sheets = renda::excel::read::read_workbook(bytes, "上报包.xlsx").unwrap();
    let (mut meta, mut data) = package::read(&sheets, &renda::reports::layout()).unwrap();
    edit(&mut meta, &mut data);
    meta.counts = data.iter().map(|d| (d.name.to_string(), d.rows.len() as i64)).collect();
    meta.sheet_sums = data.iter().map(|d| (d.name.to_string(), package::checksum_of(d))).collect();
    meta.sha256 = package::checksum(&meta, &data);
    package::write(&meta, vec![], &data).unwrap()
}

/// Issue 22, point 8: the station figures the office above adds up came from the file unchecked —
/// two near the largest integer wrapped round in the 乡镇汇总 — and a period of 2026-02-30 was taken
/// as it stood. A package's figures must be whole numbers within bounds, its dates days that exist.
#[test]
fn a_package_with_figures_beyond_any_count_or_a_day_that_does_not_exist_is_refused() {
    let a = township("城关镇人大主席团", 1);
    let good = pack(&a);
    let huge = forged_package(&good, |_, data| {
        let stations = data.iter_mut().find(|d| d.kind == "stations").unwrap();
        let mut row = vec!["f0a1b2c3-0000-4000-8000-000000000001".to_string(), String::new(), "城关站".into()];
        row.extend(["9223372036854775807", "0", "0", "0", "0", "0", "0"].map(String::from));
        stations.rows.push(row);
    });
    let mut county = county();
    let e = county.renda.report_import(&huge, "上报包.xlsx", false).unwrap_err().to_string();
    assert!(e.contains("「数据-联络站」第1条记录的「活动次数」") && e.contains("9223372036854775807"), "{e}");
    let e = county.renda.report_import(&forged_package(&good, |m, _| m.to = "2026-02-30".into()), "上报包.xlsx", false);
    let e = e.unwrap_err().to_string();
    assert!(e.contains("期间止「2026-02-30」不是有效的日期"), "{e}");
    assert!(county.renda.report_list().unwrap().is_empty(), "nothing was received");
    // the package as made is received
    assert!(county.renda.report_import(&good, "上报包.xlsx", false).unwrap().committed);
}
