//! The office's real sheet shapes: merged cells, headers of two rows under a group
//! title, a sheet per 代表团, HTML tables saved as .xls, combined columns. Each shape states the
//! counts and values it must give, and that nothing is dropped without a word. The .xlsx shapes
//! are built here; the .xls and HTML ones are committed, made by
//! tests/fixtures/make_shape_fixtures.py.

mod common;

use common::*;
use renda::excel::import::{ImportOptions, ImportReport};
use renda::roster::model::*;
use renda::stations::model::*;
use renda::suggestions::model::*;
use rust_xlsxwriter::{Format, Workbook};

fn preview() -> ImportOptions {
    ImportOptions { dry_run: true, ..Default::default() }
}

fn write() -> ImportOptions {
    ImportOptions::default()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/shapes").join(name)).unwrap()
}

/// No message of the report names an internal field.
fn no_internal_names(r: &ImportReport) {
    let text = serde_json::to_string(&(&r.errors, &r.notes, &r.warnings, &r.ignored_columns)).unwrap();
    for key in [
        "reply_date",
        "main_unit",
        "co_units",
        "satisfaction",
        "assigned_date",
        "birth_month",
        "delegation",
        "cosigners",
        "\"lead\"",
        "feedback_date",
    ] {
        assert!(!text.contains(key), "{key} in {text}");
    }
}

fn read_sheets(r: &ImportReport) -> Vec<(String, i64)> {
    r.sheets.iter().filter(|s| s.read).map(|s| (s.name.clone(), s.rows)).collect()
}

// ---------------------------------------------------------------- rosters

/// Shapes 1–3: a roster with a sheet per 代表团 (代表团 merged down its block), a 填表说明 sheet,
/// and a column present in one sheet only.
fn roster_by_delegation() -> Vec<u8> {
    let mut wb = Workbook::new();
    let note = wb.add_worksheet();
    note.set_name("填表说明").unwrap();
    note.write(0, 0, "填表说明：每个代表团一张表，出生年月写到月。").unwrap();
    for (sheet, people, phones) in [
        ("城关代表团", [("刘洋", "男", "1975.03"), ("陈小红", "女", "1979.05"), ("王建国", "男", "1980.10")], true),
        ("河口代表团", [("赵敏", "女", "1968.07"), ("孙立新", "男", "1972.12"), ("周芳", "女", "1985.11")], false),
    ] {
        let ws = wb.add_worksheet();
        ws.set_name(sheet).unwrap();
        ws.merge_range(0, 0, 0, 5, &format!("清河县第十八届人民代表大会代表名册（{sheet}）"), &Format::new()).unwrap();
        let headers: &[&str] = if phones {
            &["序号", "姓名", "性别", "出生年月", "代表团", "联系电话"]
        } else {
            &["序号", "姓名", "性别", "出生年月", "代表团", "民族"]
        };
        for (c, h) in headers.iter().enumerate() {
            ws.write(1, c as u16, *h).unwrap();
        }
        for (i, (name, g, b)) in people.iter().enumerate() {
            let r = 2 + i as u32;
            ws.write(r, 0, i as f64 + 1.0).unwrap();
            ws.write(r, 1, *name).unwrap();
            ws.write(r, 2, *g).unwrap();
            ws.write(r, 3, *b).unwrap();
            ws.write(r, 5, if phones { format!("1381234560{i}") } else { "汉族".into() }).unwrap();
        }
        ws.merge_range(2, 4, 4, 4, sheet, &Format::new()).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn a_roster_with_a_sheet_per_delegation_and_merged_delegation_cells() {
    let mut t = fresh();
    let r = t
        .renda
        .import_deputies(
            &roster_by_delegation(),
            "代表名册.xlsx",
            &ImportOptions { default_level: Some("县".into()), ..preview() },
        )
        .unwrap();
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.added, 6, "both sheets are read");
    assert_eq!(read_sheets(&r), [("城关代表团".to_string(), 3), ("河口代表团".to_string(), 3)]);
    let skipped = r.sheets.iter().find(|s| s.name == "填表说明").unwrap();
    assert_eq!((skipped.read, skipped.reason.as_str()), (false, "说明页"));
    // 代表团 merged down: every row has it, the two below the top marked
    let row = |sheet: &str, n: i64| r.rows.iter().find(|p| p.sheet == sheet && p.row == n).unwrap();
    assert_eq!(row("河口代表团", 5).values["delegation"], "河口代表团");
    assert_eq!(row("河口代表团", 5).notes["delegation"], "由合并单元格补全");
    assert!(!row("河口代表团", 3).notes.contains_key("delegation"), "the top cell holds its own value");
    // a column in one sheet only is read where it is
    assert_eq!(row("城关代表团", 3).values.get("phone").map(String::as_str), Some("13812345600"));
    assert!(r.columns.iter().any(|c| c.field == "ethnicity"));
    no_internal_names(&r);

    // unticking a sheet leaves it out, and says so
    let one = t
        .renda
        .import_deputies(
            &roster_by_delegation(),
            "代表名册.xlsx",
            &ImportOptions {
                default_level: Some("县".into()),
                excluded_sheets: vec!["河口代表团".into()],
                ..preview()
            },
        )
        .unwrap();
    assert_eq!(one.added, 3);
    assert_eq!(one.sheets.iter().find(|s| s.name == "河口代表团").unwrap().reason, "已取消勾选");
    // --sheet still reads one sheet
    let named = t
        .renda
        .import_deputies(
            &roster_by_delegation(),
            "代表名册.xlsx",
            &ImportOptions { default_level: Some("县".into()), sheet: Some("河口代表团".into()), ..preview() },
        )
        .unwrap();
    assert_eq!(named.added, 3);

    let done = t
        .renda
        .import_deputies(
            &roster_by_delegation(),
            "代表名册.xlsx",
            &ImportOptions { default_level: Some("县".into()), ..write() },
        )
        .unwrap();
    assert!(done.committed);
    let all = t.renda.deputy_list(&DeputyQuery { page_size: Some(0), ..Default::default() }).unwrap();
    assert_eq!(all.total, 6);
    assert_eq!(all.items.iter().filter(|d| d.delegation.as_deref() == Some("河口代表团")).count(), 3);
}

#[test]
fn errors_on_several_sheets_name_their_sheet() {
    let mut wb = Workbook::new();
    for sheet in ["一组", "二组"] {
        let ws = wb.add_worksheet();
        ws.set_name(sheet).unwrap();
        for (c, h) in ["姓名", "性别", "出生年月"].iter().enumerate() {
            ws.write(0, c as u16, *h).unwrap();
        }
        ws.write(1, 0, format!("{sheet}甲")).unwrap();
        ws.write(1, 2, "1975.13").unwrap();
    }
    let bytes = wb.save_to_buffer().unwrap();
    let mut t = fresh();
    let r = t
        .renda
        .import_deputies(&bytes, "名册.xlsx", &ImportOptions { default_level: Some("县".into()), ..preview() })
        .unwrap();
    let msgs: Vec<&str> = r.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    assert!(msgs[0].starts_with("「一组」第2行「出生年月」"), "{msgs:?}");
    assert!(msgs[1].starts_with("「二组」第2行「出生年月」"), "{msgs:?}");
    assert_eq!((r.errors[1].sheet.as_str(), r.errors[1].row), ("二组", 2));
}

// ---------------------------------------------------------------- 汇总表

struct Case {
    t: TestData,
}

fn setup() -> Case {
    let mut t = fresh();
    term_and_session(&mut t);
    for n in ["张三", "李四", "王五"] {
        t.renda.deputy_create(&deputy(n)).unwrap();
    }
    for n in ["县财政局", "县交通运输局", "县水利局"] {
        t.renda.unit_create(&UnitInput { name: n.to_string(), kind: "政府部门".into(), ..Default::default() }).unwrap();
    }
    Case { t }
}

const TITLE: &str = "县第十八届人民代表大会第一次会议代表建议办理情况汇总表";
type Sug = (i64, &'static str, &'static str, &'static str, &'static str, &'static str, &'static str, &'static str);
const SUGGESTIONS: [Sug; 6] = [
    (1, "关于修缮县道的建议", "张三", "2024-04-10", "交函〔2024〕1号", "A", "满意", "满意"),
    (2, "关于增设路灯的建议", "李四", "2024-04-12", "交函〔2024〕2号", "B", "满意", "基本满意"),
    (3, "关于整治河道的建议", "王五", "", "", "", "", ""),
    (4, "关于农村饮水的建议", "张三", "2024-04-15", "水函〔2024〕1号", "A", "满意", "基本满意"),
    (5, "关于校园安全的建议", "李四", "", "", "", "", ""),
    (6, "关于垃圾分类的建议", "王五", "2024-04-20", "水函〔2024〕2号", "A", "满意", "满意"),
];

/// Shape 4: the 汇总表 of make_shape_fixtures.py as .xlsx — a title, a two-row header under the
/// group titles 答复情况 and 代表满意度, 主办单位 merged in two blocks, one 交办日期 merged over all,
/// a 合计 row.
fn summary_two_row_header() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("汇总表").unwrap();
    let f = Format::new();
    ws.merge_range(0, 0, 0, 10, TITLE, &f).unwrap();
    ws.write(1, 0, "填报单位：县人大常委会代表工委").unwrap();
    for (c, h) in ["序号", "建议编号", "案由", "领衔代表", "主办单位", "交办日期"].iter().enumerate()
    {
        ws.merge_range(2, c as u16, 3, c as u16, h, &f).unwrap();
    }
    ws.merge_range(2, 6, 2, 8, "答复情况", &f).unwrap();
    ws.merge_range(2, 9, 2, 10, "代表满意度", &f).unwrap();
    for (c, h) in ["答复日期", "答复文号", "答复类别", "办理工作", "办理结果"].iter().enumerate() {
        ws.write(3, 6 + c as u16, *h).unwrap();
    }
    for (i, s) in SUGGESTIONS.iter().enumerate() {
        let r = 4 + i as u32;
        ws.write(r, 0, i as f64 + 1.0).unwrap();
        ws.write(r, 1, s.0 as f64).unwrap();
        ws.write(r, 2, s.1).unwrap();
        ws.write(r, 3, s.2).unwrap();
        for (c, v) in [s.3, s.4, s.5, s.6, s.7].iter().enumerate() {
            if !v.is_empty() {
                ws.write(r, 6 + c as u16, *v).unwrap();
            }
        }
    }
    ws.merge_range(4, 4, 6, 4, "县交通运输局", &f).unwrap();
    ws.merge_range(7, 4, 9, 4, "县水利局", &f).unwrap();
    ws.merge_range(4, 5, 9, 5, "2024-02-01", &f).unwrap();
    ws.write(10, 0, "合计").unwrap();
    ws.write(10, 1, "6件").unwrap();
    wb.save_to_buffer().unwrap()
}

/// What shapes 4–6 must give, whatever the file format.
fn check_summary(bytes: &[u8], file: &str) {
    let mut c = setup();
    let r = c.t.renda.import_suggestions(bytes, file, &preview(), None).unwrap();
    assert!(r.errors.is_empty(), "{file}: {:?}", r.errors);
    assert_eq!(r.added, 6, "{file}: the 合计 row is not a suggestion");
    for key in ["reply_date", "doc_no", "class", "satisfaction", "satisfaction_work", "main_unit", "assigned_date"] {
        assert!(r.columns.iter().any(|col| col.field == key), "{file}: {key} in {:?}", r.columns);
    }
    let reply = r.columns.iter().find(|col| col.field == "reply_date").unwrap();
    assert_eq!(reply.header, "答复情况·答复日期");
    assert!(r.ignored_columns.is_empty(), "{file}: {:?}", r.ignored_columns);
    let row2 = r.rows.iter().find(|p| p.key.contains("路灯")).unwrap();
    assert_eq!(row2.values["main_unit"], "县交通运输局", "{file}");
    assert_eq!(row2.notes["main_unit"], "由合并单元格补全", "{file}");
    assert_eq!(row2.notes["assigned_date"], "由合并单元格补全", "{file}");
    assert!(r.notes.iter().all(|n| !n.contains("没有交办日期")), "{file}: {:?}", r.notes);
    no_internal_names(&r);

    let done = c.t.renda.import_suggestions(bytes, file, &write(), None).unwrap();
    assert!(done.committed, "{file}");
    let all = c.t.renda.suggestion_list(&SuggestionQuery { page_size: Some(0), ..Default::default() }).unwrap();
    assert_eq!(all.total, 6, "{file}");
    let get = |n: i64| all.items.iter().find(|s| s.number == Some(n)).unwrap();
    for n in 1..=3 {
        assert_eq!(get(n).main_unit.as_deref(), Some("县交通运输局"), "{file} #{n}");
    }
    for n in 4..=6 {
        assert_eq!(get(n).main_unit.as_deref(), Some("县水利局"), "{file} #{n}");
    }
    assert_eq!(
        (get(1).state.as_str(), get(2).state.as_str(), get(3).state.as_str()),
        (CONCLUDED, FOLLOWING, HANDLING),
        "{file}"
    );
    let d = c.t.renda.suggestion_get(get(4).id).unwrap();
    assert_eq!(d.row.assigned_date.as_deref(), Some("2024-02-01"), "{file}");
    assert_eq!(
        (d.ratings[0].work_rating.as_str(), d.ratings[0].result_rating.as_str()),
        ("满意", "基本满意"),
        "{file}"
    );
    assert_eq!(d.replies[0].doc_no.as_deref(), Some("水函〔2024〕1号"), "{file}");
}

#[test]
fn a_summary_with_a_two_row_header_merged_units_and_a_total_row() {
    check_summary(&summary_two_row_header(), "汇总表.xlsx");
}

#[test]
fn the_same_summary_as_a_legacy_xls() {
    check_summary(&fixture("汇总表-两行表头-合并.xls"), "汇总表-两行表头-合并.xls");
}

#[test]
fn the_same_summary_as_a_web_platforms_html_xls() {
    check_summary(&fixture("汇总表-网页导出.xls"), "汇总表-网页导出.xls");
}

/// Shape 7: one 承办单位 column naming both roles, a 领衔代表 cell with the 附议 after it, one 满意度
/// cell with both ratings.
fn summary_combined_columns() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write(0, 0, TITLE).unwrap();
    for (c, h) in
        ["编号", "案由", "领衔代表", "承办单位", "交办日期", "答复日期", "答复类别", "满意度"].iter().enumerate()
    {
        ws.write(1, c as u16, *h).unwrap();
    }
    let rows: [[&str; 8]; 3] = [
        [
            "1",
            "关于修缮县道的建议",
            "张三（领衔）、李四、王五",
            "县交通运输局（主办）、县财政局（协办）",
            "2024-02-01",
            "2024-04-10",
            "A",
            "满意（工作）/基本满意（结果）",
        ],
        ["2", "关于农村饮水的建议", "李四", "主办：县水利局；协办：县财政局、县交通运输局", "2024-02-01", "", "", ""],
        ["3", "关于增设路灯的建议", "王五", "县交通运输局", "2024-02-01", "", "", ""],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write(2 + r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn combined_columns_are_split_by_their_labels() {
    let mut c = setup();
    let bytes = summary_combined_columns();
    let r = c.t.renda.import_suggestions(&bytes, "汇总表.xlsx", &preview(), None).unwrap();
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.added, 3);
    assert!(!r.created.contains_key("units"), "no unit is made of a whole combined cell: {:?}", r.created);
    let row1 = r.rows.iter().find(|p| p.row == 3).unwrap();
    assert_eq!((row1.values["main_unit"].as_str(), row1.values["co_units"].as_str()), ("县交通运输局", "县财政局"));
    assert_eq!(row1.notes["co_units"], "由「承办单位」拆分");
    assert_eq!((row1.values["lead"].as_str(), row1.values["cosigners"].as_str()), ("张三", "李四、王五"));
    assert_eq!(row1.notes["cosigners"], "由「领衔代表」拆分");
    assert_eq!((row1.values["satisfaction"].as_str(), row1.values["satisfaction_work"].as_str()), ("基本满意", "满意"));
    no_internal_names(&r);

    c.t.renda.import_suggestions(&bytes, "汇总表.xlsx", &write(), None).unwrap();
    let all = c.t.renda.suggestion_list(&SuggestionQuery { page_size: Some(0), ..Default::default() }).unwrap();
    let get = |n: i64| c.t.renda.suggestion_get(all.items.iter().find(|s| s.number == Some(n)).unwrap().id).unwrap();
    let one = get(1);
    assert_eq!((one.co_unit_ids.len(), one.cosigner_ids.len()), (1, 2));
    assert_eq!((one.ratings[0].work_rating.as_str(), one.ratings[0].result_rating.as_str()), ("满意", "基本满意"));
    let two = get(2);
    assert_eq!((two.row.main_unit.as_deref(), two.co_unit_ids.len()), (Some("县水利局"), 2));
}

/// Shapes 8–9: a 汇总表 with a sheet per 乡镇 代表团, the second without 交办日期.
#[test]
fn a_summary_per_township_with_a_column_missing_in_one_sheet() {
    let mut wb = Workbook::new();
    for (k, sheet) in ["城关镇", "河口镇"].iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(*sheet).unwrap();
        let headers: &[&str] = if k == 0 {
            &["编号", "案由", "领衔代表", "主办单位", "交办日期"]
        } else {
            &["编号", "案由", "领衔代表", "主办单位"]
        };
        for (c, h) in headers.iter().enumerate() {
            ws.write(0, c as u16, *h).unwrap();
        }
        for i in 0..2u32 {
            ws.write(1 + i, 0, (k as u32 * 2 + i + 1) as f64).unwrap();
            ws.write(1 + i, 1, format!("{sheet}建议{i}")).unwrap();
            ws.write(1 + i, 2, "张三").unwrap();
            ws.write(1 + i, 3, "县财政局").unwrap();
            if k == 0 {
                ws.write(1 + i, 4, "2024-02-01").unwrap();
            }
        }
    }
    let bytes = wb.save_to_buffer().unwrap();
    let mut c = setup();
    let r = c.t.renda.import_suggestions(&bytes, "汇总表.xlsx", &preview(), None).unwrap();
    assert_eq!(r.added, 4);
    assert_eq!(read_sheets(&r), [("城关镇".to_string(), 2), ("河口镇".to_string(), 2)]);
    // the dates the second sheet lacks are said, never invented
    assert!(r.notes.iter().any(|n| n.contains("没有交办日期")), "{:?}", r.notes);
    c.t.renda.import_suggestions(&bytes, "汇总表.xlsx", &write(), None).unwrap();
    let all = c.t.renda.suggestion_list(&SuggestionQuery { page_size: Some(0), ..Default::default() }).unwrap();
    assert_eq!(all.items.iter().filter(|s| s.assigned_date.is_none()).count(), 2, "no date from today");
}

// ---------------------------------------------------------------- registers

fn station_case() -> (TestData, i64) {
    let mut t = fresh();
    term_and_session(&mut t);
    let ids: Vec<i64> =
        ["张三", "李四", "王五"].iter().map(|n| t.renda.deputy_create(&deputy(n)).unwrap().id).collect();
    let station = t
        .renda
        .station_create(&StationInput {
            name: "城关镇人大代表之家".into(),
            kind: "代表之家".into(),
            township: Some("城关镇".into()),
            schedule: Schedule { kind: "month_days".into(), days: vec![6, 16, 26], notice_days: 3 },
            deputy_ids: ids,
            ..Default::default()
        })
        .unwrap()
        .id;
    (t, station)
}

/// Shape 10: a 联系群众登记簿 with each date merged over its rows and the result headed 办理情况.
fn contacts_merged_dates() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("联系群众").unwrap();
    for (c, h) in ["日期", "接待方式", "接待代表", "来访人", "反映问题", "办理情况"].iter().enumerate()
    {
        ws.write(0, c as u16, *h).unwrap();
    }
    let rows = [
        ["进站接待", "张三", "赵大妈", "路灯坏了三个月", "已修复"],
        ["进站接待", "张三", "钱大爷", "自来水停水", "已恢复供水"],
        ["电话", "李四", "孙阿姨", "消防通道被占用", "已清理"],
        ["走访", "李四", "周伯", "村道破损", "已列入计划"],
        ["走访", "王五", "吴婶", "垃圾乱堆", "已清运"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write(1 + r as u32, 1 + c as u16, *v).unwrap();
        }
    }
    ws.merge_range(1, 0, 2, 0, "2024-03-06", &Format::new()).unwrap();
    ws.merge_range(3, 0, 5, 0, "2024-03-16", &Format::new()).unwrap();
    wb.save_to_buffer().unwrap()
}

fn check_contacts(bytes: &[u8], file: &str) {
    let (mut t, station) = station_case();
    let r = t.renda.import_register(station, "contact", bytes, file, &preview()).unwrap();
    assert!(r.errors.is_empty(), "{file}: {:?}", r.errors);
    assert_eq!(r.added, 5, "{file}");
    assert!(r.ignored_columns.is_empty(), "{file}: 办理情况 is the result: {:?}", r.ignored_columns);
    let second = r.rows.iter().find(|p| p.values.get("person_name").map(String::as_str) == Some("钱大爷")).unwrap();
    assert_eq!(
        (second.values["date"].as_str(), second.notes["date"].as_str()),
        ("2024-03-06", "由合并单元格补全"),
        "{file}"
    );
    t.renda.import_register(station, "contact", bytes, file, &write()).unwrap();
    let list = t
        .renda
        .entry_list(&EntryQuery {
            station_id: Some(station),
            book: Some("contact".into()),
            desc: Some(false),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(list.total, 5, "{file}");
    assert_eq!(list.items.iter().filter(|e| e.date == "2024-03-16").count(), 3, "{file}");
    assert_eq!(list.items[4].result.as_deref(), Some("已清运"), "{file}");
}

#[test]
fn a_contact_register_with_merged_dates_and_its_result_headed_banli_qingkuang() {
    check_contacts(&contacts_merged_dates(), "联系群众.xlsx");
}

/// Shape 11: the same register exported by a platform as an HTML page in GB18030.
#[test]
fn the_same_register_as_an_html_page() {
    check_contacts(&fixture("联系群众-网页导出.html"), "联系群众-网页导出.html");
}

/// Shape 12: an 活动登记簿 with a three-row header (title of the group, group, field) and a place
/// merged across two activities.
#[test]
fn an_activity_register_with_a_three_row_header_and_a_merged_place() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let f = Format::new();
    ws.merge_range(0, 0, 0, 4, "城关镇人大代表之家活动登记簿", &f).unwrap();
    ws.merge_range(1, 0, 3, 0, "活动时间", &f).unwrap();
    ws.merge_range(1, 1, 3, 1, "活动类型", &f).unwrap();
    ws.merge_range(1, 2, 1, 4, "活动情况", &f).unwrap();
    ws.merge_range(2, 2, 3, 2, "主题", &f).unwrap();
    ws.merge_range(2, 3, 2, 4, "参加情况", &f).unwrap();
    ws.write(3, 3, "地点").unwrap();
    ws.write(3, 4, "参加代表").unwrap();
    ws.write(4, 0, "2024-03-06").unwrap();
    ws.write(4, 1, "座谈").unwrap();
    ws.write(4, 2, "听取群众意见").unwrap();
    ws.merge_range(4, 3, 5, 3, "城关镇代表之家", &f).unwrap();
    ws.write(4, 4, "张三、李四").unwrap();
    ws.write(5, 0, "2024-04-06").unwrap();
    ws.write(5, 1, "视察").unwrap();
    ws.write(5, 2, "视察村道").unwrap();
    ws.write(5, 4, "王五").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let (mut t, station) = station_case();
    let r = t.renda.import_register(station, "activity", &bytes, "活动.xlsx", &preview()).unwrap();
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!((r.added, r.header_row), (2, 4));
    // every header cell is merged down to the last header row: that row alone names the columns
    assert_eq!(r.columns.iter().find(|c| c.field == "place").unwrap().header, "地点");
    let second = r.rows.iter().find(|p| p.row == 6).unwrap();
    assert_eq!(
        (second.values["place"].as_str(), second.notes["place"].as_str()),
        ("城关镇代表之家", "由合并单元格补全")
    );
}

/// Shape 13: a roster as a legacy .xls with 代表团 merged down (xlwt writes MERGEDCELLS).
#[test]
fn a_legacy_xls_roster_with_merged_delegation_cells() {
    let mut t = fresh();
    let r = t
        .renda
        .import_deputies(
            &fixture("名册-代表团合并.xls"),
            "名册-代表团合并.xls",
            &ImportOptions { default_level: Some("县".into()), ..preview() },
        )
        .unwrap();
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.added, 4);
    assert_eq!(
        r.rows.iter().filter(|p| p.values.get("delegation").map(String::as_str) == Some("河口代表团")).count(),
        2
    );
    assert_eq!(r.rows.iter().filter(|p| p.notes.contains_key("delegation")).count(), 2);
}

// ---------------------------------------------------------------- alias tables

/// Every importer's alias table, printed whole for review (`cargo test --test shapes -- --nocapture
/// alias`), and the names offices use that must map where they belong.
#[test]
fn alias_tables_of_every_importer() {
    use renda::excel::spec::TableSpec;
    let specs: [&TableSpec; 8] = [
        &renda::roster::excel::DEPUTY_SPEC,
        &renda::roster::excel::UNIT_SPEC,
        &renda::suggestions::import::SUGGESTION_SPEC,
        &renda::stations::excel::ACTIVITY_SPEC,
        &renda::stations::excel::CONTACT_SPEC,
        &renda::stations::excel::REPORT_SPEC,
        &renda::stations::excel::OPINION_SPEC,
        &renda::evaluation::excel::BALLOT_SPEC,
    ];
    for s in specs {
        println!("{}", s.alias_table());
    }
    let key = |s: &TableSpec, h: &str| s.field_for_header(h).map(|f| f.key).unwrap_or("—");
    let sug = &renda::suggestions::import::SUGGESTION_SPEC;
    for (h, k) in [
        ("答复情况·答复日期", "reply_date"),
        ("代表满意度·办理结果", "satisfaction"),
        ("代表满意度·办理工作", "satisfaction_work"),
        ("承办单位", "main_unit"),
        ("办理结果", "class"),
        ("提出代表", "lead"),
        ("答复情况·答复文号", "doc_no"),
    ] {
        assert_eq!(key(sug, h), k, "{h}");
    }
    let contact = &renda::stations::excel::CONTACT_SPEC;
    for (h, k) in [
        ("办理情况", "result"),
        ("处理结果", "result"),
        ("处理情况", "handling"),
        ("村（组）", "village"),
        ("手机号码", "phone"),
        ("回访时间", "feedback_date"),
        ("来访群众", "person_name"),
    ] {
        assert_eq!(key(contact, h), k, "{h}");
    }
    let activity = &renda::stations::excel::ACTIVITY_SPEC;
    assert_eq!(key(activity, "活动地址"), "place");
    assert_eq!(key(&renda::roster::excel::DEPUTY_SPEC, "手机号码"), "phone");
}

/// A column one sheet has and another lacks: the rows of the other are offered the default, not
/// refused or left without a word.
#[test]
fn a_level_column_in_one_sheet_only_offers_the_default_for_the_other() {
    let mut wb = Workbook::new();
    for (k, sheet) in ["一组", "二组"].iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(*sheet).unwrap();
        let headers: &[&str] = if k == 0 {
            &["姓名", "性别", "出生年月", "代表层级"]
        } else {
            &["姓名", "性别", "出生年月"]
        };
        for (c, h) in headers.iter().enumerate() {
            ws.write(0, c as u16, *h).unwrap();
        }
        ws.write(1, 0, format!("{sheet}代表")).unwrap();
        ws.write(1, 1, "男").unwrap();
        ws.write(1, 2, "1975.03").unwrap();
        if k == 0 {
            ws.write(1, 3, "县").unwrap();
        }
    }
    let bytes = wb.save_to_buffer().unwrap();
    let mut t = fresh();
    let r = t.renda.import_deputies(&bytes, "名册.xlsx", &preview()).unwrap();
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.added, 2);
    assert_eq!(r.defaults.len(), 1, "the default level is offered for the sheet without the column");
}
