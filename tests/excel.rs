//! Excel in and out on real files: a corpus of messy sheets the test builds itself, committed
//! .xls fixtures (tests/fixtures/make_xls_fixtures.py), round trips and refusals.

mod common;

use std::io::Read;

use common::*;
use renda::excel::import::ImportOptions;
use renda::roster::model::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const OPTS_PREVIEW: ImportOptions =
    ImportOptions { sheet: None, dry_run: true, skip_invalid: false, default_level: None, excluded_sheets: Vec::new() };
const OPTS_STRICT: ImportOptions = ImportOptions {
    sheet: None,
    dry_run: false,
    skip_invalid: false,
    default_level: None,
    excluded_sheets: Vec::new(),
};
const OPTS_SKIP: ImportOptions =
    ImportOptions { sheet: None, dry_run: false, skip_invalid: true, default_level: None, excluded_sheets: Vec::new() };

/// The messy roster of DOMAIN.md §4.1: merged title, 填报 line, 序号 and 备注 columns, padded names,
/// mixed date forms, phones as numbers, full-width digits, a line break, an empty row in the
/// middle, three bad rows and a 合计 row.
fn messy_roster() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("代表名册").unwrap();
    let bold = Format::new().set_bold();
    ws.merge_range(0, 0, 0, 10, "清河县第十八届人民代表大会代表名册", &bold).unwrap();
    ws.write(1, 0, "填报单位：城关镇人大主席团        填报日期：2026年11月").unwrap();
    let headers = [
        "序号",
        "代表姓名",
        "性别",
        "出生年月",
        "政治面貌",
        "工作单位及职务",
        "代表层级",
        "选区",
        "手机",
        "身份证号",
        "备注",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write(2, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    // row 4 (index 3)
    ws.write(3, 0, 1).unwrap();
    ws.write(3, 1, "刘　洋").unwrap();
    ws.write(3, 2, "男性").unwrap();
    ws.write_datetime_with_format(3, 3, ExcelDateTime::from_ymd(1975, 3, 1).unwrap(), &date).unwrap();
    ws.write(3, 4, "中共党员").unwrap();
    ws.write(3, 5, "城关镇东风村\n党支部书记").unwrap();
    ws.write(3, 6, "县级、乡级").unwrap();
    ws.write(3, 7, "第1选区").unwrap();
    ws.write(3, 8, 13812345601_f64).unwrap();
    // row 5
    let rows: &[(u32, &str, &str, &str, &str, &str)] = &[
        (4, "陈小红", "女", "1979年5月", "县", "13812345602"),
        // row 6 (index 5) stays empty
        (7, " 赵　敏 ", "女", "1968-07", "县", "138-1234-5604"),
        (8, "孙立新", "男", "1972/12", "县、乡", "13812345605"),
        (9, "周　芳", "女", "１９８５年１１月", "乡", "１３８１２３４５６０６"),
        (10, "钱多多", "男", "1979年13月", "县", "13812345607"),
        (11, "吴　用", "男", "1970-01", "县", "12345"),
    ];
    for (r, name, g, birth, level, phone) in rows {
        ws.write(*r, 0, *r as f64 - 2.0).unwrap();
        ws.write(*r, 1, *name).unwrap();
        ws.write(*r, 2, *g).unwrap();
        ws.write(*r, 3, *birth).unwrap();
        ws.write(*r, 6, *level).unwrap();
        ws.write(
            *r,
            7,
            format!(
                "第{}选区",
                match *name {
                    "陈小红" => 2,
                    " 赵　敏 " => 4,
                    "孙立新" => 5,
                    "周　芳" => 6,
                    _ => 9,
                }
            ),
        )
        .unwrap();
        ws.write(*r, 8, *phone).unwrap();
    }
    // row 7 (index 6): 1980.10 typed into a number cell, which Excel keeps as 1980.1
    ws.write(6, 0, 3).unwrap();
    ws.write(6, 1, "王建国").unwrap();
    ws.write(6, 2, "男").unwrap();
    ws.write(6, 3, 1980.1).unwrap();
    ws.write(6, 6, "县级").unwrap();
    ws.write(6, 7, "第3选区").unwrap();
    ws.write(6, 8, 13812345603_f64).unwrap();
    ws.write(6, 10, "新当选").unwrap();
    // row 13 (index 12): an ID number stored as a number has lost its last digits
    ws.write(12, 0, 9).unwrap();
    ws.write(12, 1, "郑成功").unwrap();
    ws.write(12, 3, "1966-02").unwrap();
    ws.write(12, 6, "县").unwrap();
    ws.write(12, 9, 110105194912310000_f64).unwrap();
    // the total row
    ws.write(13, 0, "合计").unwrap();
    ws.write(13, 1, "9人").unwrap();
    wb.save_to_buffer().unwrap()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn a_messy_roster_reports_exactly_the_bad_rows() {
    let mut t = fresh();
    let r = t.renda.import_deputies(&messy_roster(), "名册.xlsx", &OPTS_PREVIEW).unwrap();
    assert_eq!(r.sheet, "代表名册");
    assert_eq!(r.header_row, 3);
    assert!(r.ignored_columns.is_empty(), "备注 is kept: {:?}", r.ignored_columns);
    let msgs: Vec<(i64, &str, &str)> =
        r.errors.iter().map(|e| (e.row, e.column.as_str(), e.message.as_str())).collect();
    assert_eq!(
        msgs,
        [
            (11, "出生年月", "第11行「出生年月」无法识别：1979年13月（月份应为1至12，这里是13）"),
            (12, "手机", "第12行「手机」不是有效的电话号码：12345（手机号应为11位，这里是5位）"),
            (13, "身份证号", "第13行「身份证号」以数字格式保存，末几位已被 Excel 改成 0（110105194912310000），无法还原。请把该列设为“文本”格式后重新填写身份证号"),
        ]
    );
    assert_eq!((r.added, r.updated, r.unchanged), (6, 0, 0));
    assert!(!r.committed);
    let by_row = |n: i64| r.rows.iter().find(|x| x.row == n).unwrap();
    assert_eq!(by_row(4).key, "刘洋（1975-03）");
    assert_eq!(by_row(7).key, "王建国（1980-10）");
    // the preview shows how a cell was understood where it reads differently from what is written
    assert_eq!(
        (by_row(7).values["birth_month"].as_str(), by_row(7).read["birth_month"].as_str()),
        ("1980.1", "1980-10")
    );
    assert_eq!(by_row(7).read.get("name"), None, "a cell read as written gets no second reading");
    assert_eq!(by_row(10).key, "周芳（1985-11）");
    assert!(r.rows.iter().all(|x| x.row != 6 && x.row != 14), "the empty row and the 合计 row are not records");
    assert_eq!(t.renda.deputy_list(&DeputyQuery::default()).unwrap().total, 0, "a preview writes nothing");

    // without 仅导入无误的行, any row in error means nothing is written
    let strict = t.renda.import_deputies(&messy_roster(), "名册.xlsx", &OPTS_STRICT).unwrap();
    assert!(!strict.committed);
    assert_eq!(t.renda.deputy_list(&DeputyQuery::default()).unwrap().total, 0);

    let done = t.renda.import_deputies(&messy_roster(), "名册.xlsx", &OPTS_SKIP).unwrap();
    assert!(done.committed);
    assert_eq!((done.added, done.skipped), (6, 3));
    assert!(std::path::Path::new(done.backup.as_ref().unwrap()).is_file(), "a backup before every import");
    let liu = t.renda.deputy_list(&DeputyQuery { q: Some("ly".into()), ..Default::default() }).unwrap();
    assert_eq!(liu.items[0].name, "刘洋");
    assert_eq!(liu.items[0].levels, ["县", "乡"]);
    assert_eq!(liu.items[0].phone.as_deref(), Some("13812345601"));
    assert_eq!(liu.items[0].work_unit.as_deref(), Some("城关镇东风村 党支部书记"));
    let zhao = t.renda.deputy_list(&DeputyQuery { q: Some("赵敏".into()), ..Default::default() }).unwrap();
    assert_eq!(zhao.items[0].phone.as_deref(), Some("13812345604"));
    let log = renda::excel::import::import_log(t.renda.conn()).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].sha256.len(), 64);
    assert_eq!((log[0].added, log[0].skipped), (6, 3));

    // the same file again changes nothing
    let again = t.renda.import_deputies(&messy_roster(), "名册.xlsx", &OPTS_SKIP).unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 6));

    // the same people saved as .xls (other headers, numbers and date cells) are all unchanged
    let xls = t.renda.import_deputies(&fixture("roster-same-people.xls"), "旧名册.xls", &OPTS_STRICT).unwrap();
    assert!(xls.errors.is_empty(), "{:?}", xls.errors);
    assert_eq!((xls.added, xls.updated, xls.unchanged), (0, 0, 6));
}

#[test]
fn changed_cells_are_updates_with_before_and_after() {
    let mut t = fresh();
    t.renda.import_deputies(&messy_roster(), "名册.xlsx", &OPTS_SKIP).unwrap();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["姓名", "出生年月", "选区", "联系电话"].iter().enumerate() {
        ws.write(0, c as u16, *h).unwrap();
    }
    ws.write(1, 0, "刘洋").unwrap();
    ws.write(1, 1, "1975-03").unwrap();
    ws.write(1, 2, "第8选区").unwrap();
    ws.write(1, 3, "").unwrap(); // an empty cell never clears a value
    let r = t.renda.import_deputies(&wb.save_to_buffer().unwrap(), "改.xlsx", &OPTS_STRICT).unwrap();
    assert_eq!((r.added, r.updated), (0, 1));
    let ch = &r.rows[0].changes;
    assert_eq!(ch.len(), 1);
    assert_eq!((ch[0].label.as_str(), ch[0].before.as_str(), ch[0].after.as_str()), ("选区", "第1选区", "第8选区"));
    let d = &t.renda.deputy_list(&DeputyQuery { q: Some("ly".into()), ..Default::default() }).unwrap().items[0];
    assert_eq!(d.district.as_deref(), Some("第8选区"));
    assert_eq!(d.phone.as_deref(), Some("13812345601"));
    let audit = t.renda.audit_list(Some("deputy"), None, None).unwrap();
    assert_eq!(audit.items[0].action, "import_update");
}

#[test]
fn duplicates_within_a_file_are_errors_and_unknown_stations_are_created() {
    let mut t = fresh();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["姓名", "出生年月", "代表层级", "所属联络站"].iter().enumerate() {
        ws.write(0, c as u16, *h).unwrap();
    }
    for (r, (n, b, s)) in
        [("张三", "1970-01", ""), ("张　三", "1970.01", ""), ("李四", "1971-02", "不存在的站"), ("王五", "", "")]
            .iter()
            .enumerate()
    {
        ws.write(r as u32 + 1, 0, *n).unwrap();
        ws.write(r as u32 + 1, 1, *b).unwrap();
        ws.write(r as u32 + 1, 2, "县").unwrap();
        ws.write(r as u32 + 1, 3, *s).unwrap();
    }
    let r = t.renda.import_deputies(&wb.save_to_buffer().unwrap(), "x.xlsx", &OPTS_PREVIEW).unwrap();
    let msgs: Vec<&str> = r.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    assert!(msgs[0].contains("第3行") && msgs[0].contains("与第2行是同一位代表"), "{}", msgs[0]);
    assert!(msgs[1].contains("第5行") && msgs[1].contains("缺少出生年月"), "{}", msgs[1]);
    // a station the roster names is created with it, not refused row by row
    assert_eq!(r.created.get("stations"), Some(&vec!["不存在的站".to_string()]));
    assert!(r.notes.iter().any(|n| n == "将新建：联络站 1 个（不存在的站）"), "{:?}", r.notes);
}

#[test]
fn files_and_sheets_that_cannot_be_read_are_refused_in_chinese() {
    let mut t = fresh();
    let e = t.renda.import_deputies(b"just text", "a.xlsx", &OPTS_PREVIEW).unwrap_err();
    assert_eq!(e.code(), "bad_file");
    assert!(e.to_string().contains("不是可识别的 Excel 表格"));
    let mut wb = Workbook::new();
    wb.add_worksheet().write(0, 0, "随便写的内容").unwrap();
    let e = t.renda.import_deputies(&wb.save_to_buffer().unwrap(), "b.xlsx", &OPTS_PREVIEW).unwrap_err();
    assert!(e.to_string().contains("找不到代表名册的表头行"), "{e}");
    let opts = ImportOptions { sheet: Some("没有这张表".into()), ..OPTS_PREVIEW };
    let e = t.renda.import_deputies(&messy_roster(), "c.xlsx", &opts).unwrap_err();
    assert!(e.to_string().contains("「代表名册」"), "{e}");
}

#[test]
fn units_from_an_old_xls_with_synonyms() {
    let mut t = fresh();
    let r = t.renda.import_units(&fixture("units.xls"), "units.xls", &OPTS_STRICT).unwrap();
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(r.added, 3);
    let units = t.renda.unit_list(&UnitQuery { page_size: Some(0), ..Default::default() }).unwrap().items;
    let kinds: Vec<(&str, &str)> = units.iter().map(|u| (u.name.as_str(), u.kind.as_str())).collect();
    assert!(
        kinds.contains(&("清河县人民法院", "法院"))
            && kinds.contains(&("城关镇人民政府", "乡镇"))
            && kinds.contains(&("清河县财政局", "政府部门"))
    );
    assert!(units.iter().any(|u| u.contact_person.as_deref() == Some("李会计")));
    let again = t.renda.import_units(&fixture("units.xls"), "units.xls", &OPTS_STRICT).unwrap();
    assert_eq!(again.unchanged, 3);
    let exported = t.renda.export_units(&UnitQuery::default()).unwrap();
    let back = t.renda.import_units(&exported, "export.xlsx", &OPTS_STRICT).unwrap();
    assert_eq!((back.added, back.updated, back.unchanged), (0, 0, 3));
}

fn xml(bytes: &[u8], part: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(part).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// Every text a workbook holds: the shared strings (small sheets) and the first sheet's inline
/// strings (large sheets are streamed with their text inline).
fn texts(bytes: &[u8]) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    if let Ok(mut f) = z.by_name("xl/sharedStrings.xml") {
        f.read_to_string(&mut s).unwrap();
    }
    s + &xml(bytes, "xl/worksheets/sheet1.xml")
}

#[test]
fn an_export_is_a_print_ready_report_and_imports_back_unchanged() {
    let mut t = fresh();
    t.renda.load_demo(renda::demo::Scale::Small).unwrap();
    let mut formula_like = deputy("公式甲");
    formula_like.work_unit = Some("=HYPERLINK(\"x\")".into());
    formula_like.phone = Some("13812345678".into());
    formula_like.birth_month = Some("1970-01".into());
    t.renda.deputy_create(&formula_like).unwrap();

    let q = DeputyQuery { sort: Some("strokes".into()), ..Default::default() };
    let bytes = t.renda.export_deputies(&q, false).unwrap();
    let sheet = xml(&bytes, "xl/worksheets/sheet1.xml");
    let workbook = xml(&bytes, "xl/workbook.xml");
    assert!(sheet.contains("<mergeCell ref=\"A1:P1\"/>"), "merged title over all 16 columns");
    assert!(workbook.contains("_xlnm.Print_Titles") && workbook.contains("$3:$3"), "header row repeated on every page");
    assert!(sheet.contains("<oddFooter>&amp;C第 &amp;P 页 共 &amp;N 页</oddFooter>"));
    // A4, or A3 when the columns kept whole (phones, ID numbers) do not fit A4 at 9 pt
    let a4_or_a3 = sheet.contains("paperSize=\"9\"") || sheet.contains("paperSize=\"8\"");
    assert!(a4_or_a3 && sheet.contains("orientation=\"landscape\""), "A4 or A3 landscape");
    assert!(sheet.contains("<pane ySplit=\"3\""), "frozen header");
    assert!(sheet.contains("<autoFilter"));
    assert!(!sheet.contains("<f>"), "text is never written as a formula");
    let strings = texts(&bytes);
    assert!(strings.contains("=HYPERLINK"));
    assert!(
        strings.contains("清河县人大常委会代表工作委员会代表名册")
            && strings.contains("填报单位：清河县人大常委会代表工作委员会")
    );

    // the export's rows are the list's rows in the list's order
    let list = t.renda.deputy_list(&DeputyQuery { page_size: Some(0), ..q.clone() }).unwrap();
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    use calamine::Reader;
    let range = wb.worksheet_range("代表名册").unwrap();
    let names: Vec<String> = range.rows().skip(3).map(|r| r[0].to_string()).collect();
    assert_eq!(names, list.items.iter().map(|d| d.name.clone()).collect::<Vec<_>>());

    let back = t.renda.import_deputies(&bytes, "export.xlsx", &OPTS_STRICT).unwrap();
    assert!(back.errors.is_empty(), "{:?}", &back.errors[..back.errors.len().min(3)]);
    assert_eq!((back.added, back.updated, back.unchanged), (0, 0, 201));

    // upward: personal fields masked
    let up = t.renda.export_deputies(&DeputyQuery { q: Some("公式甲".into()), ..Default::default() }, true).unwrap();
    let s = texts(&up);
    assert!(s.contains("138****5678") && !s.contains("13812345678"));
    t.renda.set_settings(&renda::api::Settings { org_name: "城关镇人大".into(), mask_upward: false }).unwrap();
    let up = t.renda.export_deputies(&DeputyQuery { q: Some("公式甲".into()), ..Default::default() }, true).unwrap();
    assert!(texts(&up).contains("13812345678"), "masking can be turned off");

    // the 联络站 list exports as shown: a search keeps just the matching stations
    let q = StationQuery { q: Some("胜利村".into()), ..Default::default() };
    let shown = t.renda.station_list(&q).unwrap();
    assert!(shown.total >= 1);
    let bytes = t.renda.export_stations(&q).unwrap();
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let rows: Vec<Vec<String>> =
        wb.worksheet_range("联络站").unwrap().rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(rows[2][..3], ["站名", "类型", "所在乡镇"]);
    let names: Vec<&str> = rows[3..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(names, shown.items.iter().map(|s| s.name.as_str()).collect::<Vec<_>>());
    let first = &shown.items[0];
    assert_eq!(rows[3][8], first.deputies.len().to_string());

    // the 上报 copy gets a file name of its own, so it never overwrites the office's full list
    let r = renda::api::call(
        &mut t.renda,
        "export_list",
        serde_json::json!({"kind": "deputies", "upward": true, "query": {}}),
    )
    .unwrap();
    assert!(r["file_name"].as_str().unwrap().starts_with("代表名册（上报）-"), "{}", r["file_name"]);
}

#[test]
fn templates_have_drop_down_lists_and_import_as_nothing() {
    let mut t = fresh();
    let bytes = t.renda.template("deputies").unwrap();
    let sheet = xml(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<dataValidation") && sheet.contains("\"男,女\""), "gender drop-down");
    assert!(sheet.contains("选项!$"), "long lists (民族) come from the hidden options sheet");
    let r = t.renda.import_deputies(&bytes, "模板.xlsx", &OPTS_STRICT).unwrap();
    assert!(r.errors.is_empty() && r.rows.is_empty(), "the filling note is not a record: {:?}", r.errors);
    assert_eq!(t.renda.template("nope").unwrap_err().code(), "invalid_input");
}

/// A LibreOffice / WPS spreadsheet (.ods), written as the ODF zip it is: a title row above the
/// header, a padded name, a month typed as text, a phone stored as a number, a real date cell.
fn ods_roster() -> Vec<u8> {
    use std::io::Write;
    let cell =
        |v: &str| format!(r#"<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>"#);
    let num = |v: &str| {
        format!(
            r#"<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>"#
        )
    };
    let date = |v: &str| {
        format!(
            r#"<table:table-cell office:value-type="date" office:date-value="{v}"><text:p>{v}</text:p></table:table-cell>"#
        )
    };
    let row = |cells: Vec<String>| format!("<table:table-row>{}</table:table-row>", cells.concat());
    let rows = [
        row(vec![cell("城关镇人大代表名册")]),
        row(vec![cell("序号"), cell("代表姓名"), cell("性别"), cell("出生年月"), cell("层级"), cell("手机")]),
        row(vec![num("1"), cell("张　三"), cell("男性"), cell("1975.03"), cell("县级"), num("13812345601")]),
        row(vec![num("2"), cell("李四"), cell("女"), date("1980-10-01"), cell("县、乡"), cell("138-1234-5602")]),
        row(vec![num("3"), cell("王五"), cell("男"), cell("1979年13月"), cell("县"), cell("13812345603")]),
    ];
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="名册">{}</table:table></office:spreadsheet></office:body></office:document-content>"#,
        rows.concat()
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    z.start_file("mimetype", stored).unwrap();
    z.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    z.start_file("META-INF/manifest.xml", zip::write::SimpleFileOptions::default()).unwrap();
    z.write_all(manifest.as_bytes()).unwrap();
    z.start_file("content.xml", zip::write::SimpleFileOptions::default()).unwrap();
    z.write_all(content.as_bytes()).unwrap();
    z.finish().unwrap().into_inner()
}

#[test]
fn an_ods_roster_imports_like_an_xlsx() {
    let mut t = fresh();
    let r = t.renda.import_deputies(&ods_roster(), "名册.ods", &OPTS_PREVIEW).unwrap();
    assert_eq!((r.sheet.as_str(), r.header_row), ("名册", 2));
    let msgs: Vec<&str> = r.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(msgs, ["第5行「出生年月」无法识别：1979年13月（月份应为1至12，这里是13）"]);
    let keys: Vec<&str> = r.rows.iter().filter(|x| x.action == "add").map(|x| x.key.as_str()).collect();
    assert_eq!(keys, ["张三（1975-03）", "李四（1980-10）"]);

    let done = t.renda.import_deputies(&ods_roster(), "名册.ods", &OPTS_SKIP).unwrap();
    assert!(done.committed && done.added == 2);
    let zs = t.renda.deputy_list(&DeputyQuery { q: Some("zs".into()), ..Default::default() }).unwrap();
    assert_eq!(zs.items.len(), 1);
    let d = t.renda.deputy_get(zs.items[0].id).unwrap();
    assert_eq!((d.gender.as_deref(), d.phone.as_deref()), (Some("男"), Some("13812345601")));
    let again = t.renda.import_deputies(&ods_roster(), "名册.ods", &OPTS_SKIP).unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 2), "the same file again changes nothing");
}
