//! 上报包 between offices, on real SQLite files and real workbooks: three townships pack their
//! year; a county receives them in any order, a corrected package replaces the first, a package
//! edited by hand is refused, and a package only goes upward.

mod common;

use common::*;
use renda::office::OfficeInput;
use renda::reports::PackQuery;
use renda::roster::model::*;
use renda::suggestions::model::SuggestionInput;

use common::travel::*;

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

/// Suggestions the county counts for the year, in total and for the office `id`.
fn counted(c: &TestData, q: PackQuery, id: &str) -> (i64, i64) {
    let sum = c.renda.report_summary(&q).unwrap();
    let own = sum.rows.iter().find(|r| r.office_id == id).map(|r| r.figures.assigned).unwrap_or(-1);
    (sum.total.figures.assigned, own)
}

fn quarter(n: i64) -> PackQuery {
    PackQuery { year: YEAR, quarter: Some(n), ..Default::default() }
}

#[test]
fn a_copied_data_file_asks_whether_it_is_another_office_and_never_replaces_the_first() {
    let a = township("城关镇人大主席团", 3);
    let a_id = a.renda.office().unwrap().id;
    // a neighbour starts from a copy of 城关镇's data folder
    let copy_dir = tempfile::tempdir().unwrap();
    let copy = copy_dir.path().join("renda.db");
    a.renda.backup_to(&copy).unwrap();
    let mut b = TestData { dir: copy_dir, renda: renda::Renda::open(&copy).unwrap() };
    let office = b.renda.office().unwrap();
    assert!(office.copied_from.is_some(), "the copy notices it was copied: {office:?}");
    let e = b.renda.report_pack(&PackQuery { year: YEAR, ..Default::default() }).err().unwrap();
    assert!(e.to_string().contains("这是另一个单位吗"), "no package before the question is answered: {e}");
    let o = b.renda.office_confirm_copy(&renda::office::CopyAnswer { another_office: true }).unwrap();
    assert!(o.copied_from.is_none());
    assert_ne!(o.id, a_id, "another office gets an id of its own");
    assert_eq!(o.former_ids, vec![a_id.clone()], "the old one is kept as 曾用标识");
    b.renda.office_set(&OfficeInput { name: "河口镇人大主席团".into(), level: "乡镇".into() }).unwrap();
    suggestion_on(&mut b, "关于河口镇一件事的建议", "2026-04-01");
    // the county receives both: two townships, side by side, neither replacing the other
    let mut county = county();
    for p in [pack(&a), pack(&b)] {
        let r = county.renda.report_import(&p, "上报包.xlsx", false).unwrap();
        assert_eq!((r.action.as_str(), r.committed), ("new", true), "{r:?}");
    }
    let year = PackQuery { year: YEAR, ..Default::default() };
    assert_eq!(counted(&county, year.clone(), &a_id), (7, 3), "3 of 城关镇 and its 3 copied + 1 of 河口镇");
    assert_eq!(county.renda.report_summary(&year).unwrap().rows.len(), 2);
    // the same office moved to another folder keeps its id
    let moved_dir = tempfile::tempdir().unwrap();
    let moved = moved_dir.path().join("renda.db");
    a.renda.backup_to(&moved).unwrap();
    let mut m = renda::Renda::open(&moved).unwrap();
    let o = m.office_confirm_copy(&renda::office::CopyAnswer { another_office: false }).unwrap();
    assert_eq!((o.id, o.copied_from), (a_id, None));
    assert!(renda::Renda::open(&moved).unwrap().office().unwrap().copied_from.is_none(), "asked once");
}

#[test]
fn a_package_under_a_known_id_with_another_name_waits_for_the_users_choice() {
    let a = township("城关镇人大主席团", 2);
    let mut county = county();
    county.renda.report_import(&pack(&a), "城关镇.xlsx", false).unwrap();
    // a package that claims 城关镇's id under another township's name (a copy never asked, or re-signed)
    let forged = resign(&pack(&a), |m, data| {
        m.office_name = "河口镇人大主席团".into();
        m.serial += 10;
        data[0].rows.truncate(1);
    });
    let r = county.renda.report_import(&forged, "河口镇.xlsx", false).unwrap();
    assert_eq!((r.action.as_str(), r.committed), ("rename", false), "{r:?}");
    assert!(r.message.contains("城关镇人大主席团") && r.message.contains("--rename"), "{}", r.message);
    let year = PackQuery { year: YEAR, ..Default::default() };
    let a_id = a.renda.office().unwrap().id;
    assert_eq!(counted(&county, year.clone(), &a_id), (2, 2), "城关镇's records untouched");
    // the user says it is the same office renamed
    let opts = renda::reports::ReceiveOptions { rename: true, ..Default::default() };
    let r = county.renda.report_receive(&forged, "河口镇.xlsx", &opts).unwrap();
    assert_eq!((r.action.as_str(), r.committed), ("replaced", true), "{r:?}");
    let sum = county.renda.report_summary(&year).unwrap();
    assert_eq!(sum.rows.iter().map(|r| r.office_name.as_str()).collect::<Vec<_>>(), vec!["河口镇人大主席团"]);
}

#[test]
fn rows_of_an_office_the_package_does_not_name_are_refused() {
    let (a, b) = (township("城关镇人大主席团", 2), township("河口镇人大主席团", 1));
    let mut county = county();
    county.renda.report_import(&pack(&b), "河口镇.xlsx", false).unwrap();
    let b_id = b.renda.office().unwrap().id;
    // 城关镇's package re-signed so that one of its rows claims to be 河口镇's record
    let forged = resign(&pack(&a), |_, data| data[0].rows[0][1] = b_id.clone());
    let e = county.renda.report_import(&forged, "城关镇.xlsx", false).unwrap_err();
    assert!(e.to_string().contains("数据-建议") && e.to_string().contains("第 1 条"), "{e}");
    // two rows with one id: never counted twice
    let twice = resign(&pack(&a), |_, data| {
        let first = data[0].rows[0].clone();
        data[0].rows.push(first);
    });
    let e = county.renda.report_import(&twice, "城关镇.xlsx", false).unwrap_err();
    assert!(e.to_string().contains("重复"), "{e}");
    // a township that claims to pass on another office's records
    let claims = resign(&pack(&a), |m, _| m.sub_offices.push((b_id.clone(), "河口镇人大主席团".into())));
    let e = county.renda.report_import(&claims, "城关镇.xlsx", false).unwrap_err();
    assert!(e.to_string().contains("乡镇没有下级单位"), "{e}");
    assert_eq!(counted(&county, PackQuery { year: YEAR, ..Default::default() }, &b_id), (1, 1));
}

#[test]
fn a_quarter_and_the_year_from_one_township_count_each_record_once() {
    let mut a = township("城关镇人大主席团", 3); // assigned in February (Q1)
    suggestion_on(&mut a, "关于第三季度一件事的建议", "2026-08-03");
    let a_id = a.renda.office().unwrap().id;
    let q1 = a.renda.report_pack(&quarter(1)).unwrap().bytes;
    let year = pack(&a);
    let y = PackQuery { year: YEAR, ..Default::default() };
    for order in [[&q1, &year], [&year, &q1]] {
        let mut c = county();
        c.renda.report_import(order[0], "first.xlsx", false).unwrap();
        let preview = c.renda.report_import(order[1], "second.xlsx", true).unwrap();
        assert_eq!(preview.overlaps.len(), 1, "{preview:?}");
        assert!(preview.overlaps[0].contains("共有 4 条记录"), "3 suggestions and the deputy: {:?}", preview.overlaps);
        c.renda.report_import(order[1], "second.xlsx", false).unwrap();
        assert_eq!(counted(&c, y.clone(), &a_id), (4, 4), "each record once, whatever carried it");
        assert_eq!(counted(&c, quarter(1), &a_id), (3, 3));
        let sum = c.renda.report_summary(&y).unwrap();
        assert!(sum.missing.is_empty() && sum.rows[0].covered, "{sum:?}");
    }
    // a year package that no longer holds a Q1 record withdraws it from the quarter too
    let mut c = county();
    c.renda.report_import(&q1, "q1.xlsx", false).unwrap();
    let first = a.renda.suggestion_list(&Default::default()).unwrap().items.iter().map(|s| s.id).min().unwrap();
    a.renda
        .conn()
        .execute(
            "UPDATE suggestions SET received_date = '2025-12-01', assigned_date = '2025-12-02' WHERE id = ?1",
            [first],
        )
        .unwrap();
    let r = c.renda.report_import(&pack(&a), "year.xlsx", false).unwrap();
    assert!(r.overlaps[0].contains("没有的 1 条视为已撤回"), "{:?}", r.overlaps);
    assert_eq!(counted(&c, quarter(1), &a_id), (2, 2));
    // only a quarter sent: the year's summary says so
    let mut c = county();
    c.renda.report_import(&q1, "q1.xlsx", false).unwrap();
    let sum = c.renda.report_summary(&y).unwrap();
    assert_eq!(sum.missing, vec!["城关镇人大主席团（仅部分期间）".to_string()]);
}

#[test]
fn packages_are_ordered_by_the_senders_counter_never_by_its_clock() {
    let mut a = township("城关镇人大主席团", 2);
    // the first package made on a PC whose clock ran ahead (or was forged): 9999
    let ahead = resign(&pack(&a), |m, _| m.generated_at = "9999-12-31 23:59:59.000".into());
    suggestion_on(&mut a, "关于更正后新增一件事的建议", "2026-05-06");
    // the correction made with the clock behind
    let behind = resign(&pack(&a), |m, _| m.generated_at = "2000-01-01 00:00:00.000".into());
    let a_id = a.renda.office().unwrap().id;
    let y = PackQuery { year: YEAR, ..Default::default() };
    let mut county = county();
    county.renda.report_import(&ahead, "ahead.xlsx", false).unwrap();
    let r = county.renda.report_import(&behind, "behind.xlsx", false).unwrap();
    assert_eq!((r.action.as_str(), r.added, r.committed), ("replaced", 1, true), "{r:?}");
    assert_eq!(counted(&county, y.clone(), &a_id), (3, 3));
    // the first package arriving late is refused, naming the version held
    let late = county.renda.report_import(&ahead, "ahead.xlsx", false).unwrap();
    assert_eq!((late.action.as_str(), late.committed), ("older", false));
    assert!(late.message.contains("第2号") && late.message.contains("第1号"), "{}", late.message);
    // the user knows better: forced, it replaces
    let opts = renda::reports::ReceiveOptions { force: true, ..Default::default() };
    let forced = county.renda.report_receive(&ahead, "ahead.xlsx", &opts).unwrap();
    assert_eq!((forced.action.as_str(), forced.withdrawn, forced.committed), ("replaced", 1, true), "{forced:?}");
    assert_eq!(counted(&county, y, &a_id), (2, 2));
    let list = county.renda.report_list().unwrap();
    assert_eq!(list.iter().map(|p| p.serial).collect::<Vec<_>>(), vec![1]);
}

#[test]
fn a_county_package_names_the_townships_it_passes_on() {
    let (a, b) = (township("城关镇人大主席团", 2), township("河口镇人大主席团", 1));
    let mut county = county();
    county.renda.report_import(&pack(&a), "A.xlsx", false).unwrap();
    county.renda.report_import(&pack(&b), "B.xlsx", false).unwrap();
    let up = pack(&county);
    let sheets = renda::excel::read::read_workbook(&up, "县.xlsx").unwrap();
    let (meta, _) = renda::reports::package::read(&sheets, &renda::reports::layout()).unwrap();
    let mut named: Vec<&str> = meta.sub_offices.iter().map(|(_, n)| n.as_str()).collect();
    named.sort();
    assert_eq!(named, vec!["城关镇人大主席团", "河口镇人大主席团"]);
    // a county package that drops a township from its list cannot carry that township's rows
    let a_id = a.renda.office().unwrap().id;
    let dropped = resign(&up, |m, _| m.sub_offices.retain(|(id, _)| *id != a_id));
    let mut city = fresh();
    city.renda.start_blank(Some(&OfficeInput { name: "某市人大常委会".into(), level: "市".into() })).unwrap();
    let e = city.renda.report_import(&dropped, "县.xlsx", false).unwrap_err();
    assert!(e.to_string().contains("不是「清河县人大常委会」"), "{e}");
    assert!(city.renda.report_import(&up, "县.xlsx", false).unwrap().committed);
}

#[test]
fn the_kinds_counted_per_period_are_the_same_in_the_engine_and_its_view() {
    let t = fresh();
    let view: String = t
        .renda
        .conn()
        .query_row("SELECT sql FROM sqlite_master WHERE name = 'report_counted'", [], |r| r.get(0))
        .unwrap();
    let listed = format!(
        "r.kind IN ({})",
        renda::reports::PERIOD_KINDS.iter().map(|k| format!("'{k}'")).collect::<Vec<_>>().join(", ")
    );
    assert_eq!(view.matches(&listed).count(), 2, "{listed} in both places of the view:\n{view}");
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

/// Issue 22, point 8: the station figures the office above adds up came from the file unchecked —
/// two near the largest integer wrapped round in the 乡镇汇总 — and a period of 2026-02-30 was taken
/// as it stood. A package's figures must be whole numbers within bounds, its dates days that exist.
#[test]
fn a_package_with_figures_beyond_any_count_or_a_day_that_does_not_exist_is_refused() {
    let a = township("城关镇人大主席团", 1);
    let good = pack(&a);
    let huge = resign(&good, |_, data| {
        let stations = data.iter_mut().find(|d| d.kind == "stations").unwrap();
        let mut row = vec!["f0a1b2c3-0000-4000-8000-000000000001".to_string(), String::new(), "城关站".into()];
        row.extend(["9223372036854775807", "0", "0", "0", "0", "0", "0"].map(String::from));
        stations.rows.push(row);
    });
    let mut county = county();
    let e = county.renda.report_import(&huge, "上报包.xlsx", false).unwrap_err().to_string();
    assert!(e.contains("「数据-联络站」第1条记录的「活动次数」") && e.contains("9223372036854775807"), "{e}");
    let e = county.renda.report_import(&resign(&good, |m, _| m.to = "2026-02-30".into()), "上报包.xlsx", false);
    let e = e.unwrap_err().to_string();
    assert!(e.contains("期间止「2026-02-30」不是有效的日期"), "{e}");
    assert!(county.renda.report_list().unwrap().is_empty(), "nothing was received");
    // the package as made is received
    assert!(county.renda.report_import(&good, "上报包.xlsx", false).unwrap().committed);
}

#[test]
fn the_summary_counts_the_stations_each_office_sent() {
    let mut a = township("城关镇人大主席团", 1);
    for name in ["城关镇人大代表之家", "城关镇东风村代表联络站"] {
        a.renda
            .station_create(&StationInput {
                name: name.into(),
                kind: "代表联络站".into(),
                schedule: Schedule { kind: "weekdays".into(), days: vec![3], notice_days: 3 },
                ..Default::default()
            })
            .unwrap();
    }
    let b = township("河口镇人大主席团", 1);
    let mut county = county();
    county.renda.report_import(&pack(&a), "城关镇.xlsx", false).unwrap();
    county.renda.report_import(&pack(&b), "河口镇.xlsx", false).unwrap();
    let sum = county.renda.report_summary(&PackQuery { year: YEAR, ..Default::default() }).unwrap();
    let stations = |row: &renda::reports::SummaryRow| {
        row.stations.iter().find(|(k, _)| k == "联络站数").map(|(_, n)| *n).unwrap_or(-1)
    };
    let counts: Vec<(&str, i64)> = sum.rows.iter().map(|r| (r.office_name.as_str(), stations(r))).collect();
    assert_eq!(counts, vec![("城关镇人大主席团", 2), ("河口镇人大主席团", 0)]);
    assert_eq!(stations(&sum.total), 2);
    assert!(sum.total.stations.iter().all(|(k, _)| k != "站名"), "{:?}", sum.total.stations);
}
