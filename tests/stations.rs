//! 联络站 一档四簿 on a real SQLite file: the loop from a constituent's words to a reply and back,
//! the figures against hand-counted values, a messy register imported, the printed registers.

mod common;

use common::*;
use renda::excel::import::ImportOptions;
use renda::roster::model::*;
use renda::stations::model::*;
use renda::suggestions::model::{StepRequest, SuggestionQuery};
use rust_xlsxwriter::Workbook;

struct Case {
    t: TestData,
    station: i64,
    zhang: i64,
    li: i64,
    wang: i64,
}

fn setup() -> Case {
    let mut t = fresh();
    term_and_session(&mut t);
    let zhang = t.renda.deputy_create(&deputy("张三")).unwrap().id;
    let li = t.renda.deputy_create(&deputy("李四")).unwrap().id;
    let wang = t.renda.deputy_create(&deputy("王五")).unwrap().id;
    t.renda.unit_create(&UnitInput { name: "县水利局".into(), kind: "政府部门".into(), ..Default::default() }).unwrap();
    let station = t
        .renda
        .station_create(&StationInput {
            name: "城关镇人大代表之家".into(),
            kind: "代表之家".into(),
            township: Some("城关镇".into()),
            schedule: Schedule { kind: "month_days".into(), days: vec![6, 16, 26], notice_days: 3 },
            deputy_ids: vec![zhang, li, wang],
            ..Default::default()
        })
        .unwrap()
        .id;
    Case { t, station, zhang, li, wang }
}

fn today() -> String {
    chrono::Local::now().format("%Y-%m-%d").to_string()
}

fn contact(c: &Case, date: &str, handling: &str, body: &str) -> EntryInput {
    EntryInput {
        station_id: c.station,
        book: "contact".into(),
        date: date.into(),
        kind: Some("进站接待".into()),
        body: Some(body.into()),
        person_name: Some("赵　大妈".into()),
        village: Some("东关村三组".into()),
        phone: Some("13812345678".into()),
        handling: Some(handling.into()),
        present_ids: vec![c.zhang],
        ..Default::default()
    }
}

#[test]
fn a_constituents_problem_goes_round_the_loop() {
    let mut c = setup();
    let t = today();
    // a reception: the contact entry, turned into an opinion, turned into a suggestion
    let entry =
        c.t.renda
            .entry_create(&EntryInput {
                deadline: Some(t.clone()),
                ..contact(&c, &t, "转为代表建议", "村里自来水经常停水，饮水安全没有保障")
            })
            .unwrap();
    assert_eq!(entry.person_name.as_deref(), Some("赵大妈"), "a padded name is the same person");
    assert_eq!(entry.link.as_ref().unwrap().stage, "已转交");
    let open =
        c.t.renda
            .entry_list(&EntryQuery { station_id: Some(c.station), open_only: Some(true), ..Default::default() })
            .unwrap();
    assert_eq!(open.total, 1, "an open loop until the constituent is told");

    let opinion = c.t.renda.contact_to_opinion(entry.id, None).unwrap();
    assert_eq!((opinion.book.as_str(), opinion.source_id, opinion.number), ("opinion", Some(entry.id), Some(1)));
    assert_eq!(opinion.deputies.iter().map(|d| d.id).collect::<Vec<_>>(), [c.zhang], "the deputies are carried over");
    assert_eq!(c.t.renda.contact_to_opinion(entry.id, None).unwrap_err().code(), "conflict", "once is enough");

    let s =
        c.t.renda.opinion_to_suggestion(&ToSuggestionArgs { opinion_id: opinion.id, ..Default::default() }).unwrap();
    assert_eq!(s.row.lead_deputy_id, c.zhang);
    assert!(s.row.title.starts_with("关于") && s.row.title.contains("停水"), "{}", s.row.title);
    assert!(s.body.as_deref().unwrap().contains("城关镇人大代表之家"), "the suggestion names its source");
    let on_contact = c.t.renda.entry_get(entry.id).unwrap().link.unwrap();
    assert_eq!(
        (on_contact.suggestion_id, on_contact.suggestion_state.as_deref(), on_contact.stage.as_str()),
        (Some(s.row.id), Some("审查中"), "建议办理中")
    );

    // the suggestion is handled and answered: the reply shows on the opinion and on the contact
    let unit = c.t.renda.unit_list(&UnitQuery::default()).unwrap().items[0].id;
    let mut st = c.t.renda.suggestion_get(s.row.id).unwrap();
    while st.row.state == "审查中" {
        st =
            c.t.renda
                .suggestion_step(&StepRequest { id: s.row.id, date: Some(t.clone()), step: steps::pass() })
                .unwrap();
    }
    c.t.renda
        .suggestion_step(&StepRequest { id: s.row.id, date: Some(t.clone()), step: steps::assign(unit, vec![], false) })
        .unwrap();
    c.t.renda.suggestion_step(&StepRequest { id: s.row.id, date: Some(t.clone()), step: steps::reply("A") }).unwrap();
    let on_opinion = c.t.renda.entry_get(opinion.id).unwrap().link.unwrap();
    assert_eq!((on_opinion.reply_date.as_deref(), on_opinion.reply_class.as_deref()), (Some(t.as_str()), Some("A")));
    let on_contact = c.t.renda.entry_get(entry.id).unwrap().link.unwrap();
    assert_eq!(on_contact.stage, "待反馈群众");
    assert!(!on_contact.closed);

    // the secretary tells the constituent: the loop closes
    let mut fb = contact(&c, &t, "转为代表建议", "村里自来水经常停水，饮水安全没有保障");
    fb.feedback_date = Some(t.clone());
    fb.rating = Some("满意".into());
    fb.result = Some("县水利局已更换加压泵".into());
    let closed = c.t.renda.entry_update(entry.id, &fb).unwrap();
    assert!(closed.link.as_ref().unwrap().closed);
    assert_eq!(closed.link.unwrap().stage, "已闭环");
    assert_eq!(
        c.t.renda
            .entry_list(&EntryQuery { station_id: Some(c.station), open_only: Some(true), ..Default::default() })
            .unwrap()
            .total,
        0
    );
    // the suggestion list knows nothing of stations: one rule per place
    assert_eq!(c.t.renda.suggestion_list(&SuggestionQuery::default()).unwrap().total, 1);
}

#[test]
fn figures_against_hand_counted_values() {
    let mut c = setup();
    let act = |c: &Case, date: &str, kind: &str, present: Vec<i64>, leave: Vec<i64>, people: i64| EntryInput {
        station_id: c.station,
        book: "activity".into(),
        date: date.into(),
        kind: Some(kind.into()),
        title: Some("进站接待选民".into()),
        public_count: Some(people),
        present_ids: present,
        leave_ids: leave,
        ..Default::default()
    };
    c.t.renda.entry_create(&act(&c, "2024-03-06", "接待选民", vec![c.zhang, c.li], vec![], 5)).unwrap();
    c.t.renda.entry_create(&act(&c, "2024-03-16", "视察", vec![c.zhang, c.li], vec![c.wang], 0)).unwrap();
    c.t.renda.entry_create(&act(&c, "2023-12-26", "接待选民", vec![c.wang], vec![], 9)).unwrap(); // another year
    c.t.renda.entry_create(&contact(&c, "2024-03-06", "当场答复", "路灯不亮")).unwrap();
    c.t.renda.entry_create(&contact(&c, "2024-03-06", "转交有关单位", "道路破损")).unwrap_err(); // 转交 needs the unit
    let moved =
        c.t.renda
            .entry_create(&EntryInput {
                transfer_unit: Some("城关镇人民政府".into()),
                ..contact(&c, "2024-03-06", "转交有关单位", "道路破损")
            })
            .unwrap();
    c.t.renda.entry_create(&contact(&c, "2024-03-16", "转信访", "宅基地纠纷")).unwrap();
    c.t.renda
        .entry_update(
            moved.id,
            &EntryInput {
                transfer_unit: Some("城关镇人民政府".into()),
                feedback_date: Some("2024-04-01".into()),
                ..contact(&c, "2024-03-06", "转交有关单位", "道路破损")
            },
        )
        .unwrap();
    c.t.renda.contact_to_opinion(moved.id, Some("转交意见")).unwrap();

    let (rows, total) = c.t.renda.station_figures(&PeriodQuery { year: Some(2024), ..Default::default() }).unwrap();
    let f = rows.iter().find(|f| f.station_id == c.station).unwrap();
    // hand-counted: 2 activities in 2024; 4 deputies present; 5 + 0 people + 3 contacts; the opinion
    // was registered today (this year), so 0 opinions in 2024; 1 on the spot; 2 handed on; 1 told
    assert_eq!(
        (f.activities, f.deputy_visits, f.people_received, f.opinions, f.answered_on_spot, f.transferred, f.closed),
        (2, 4, 8, 0, 1, 2, 1)
    );
    assert_eq!(total.activities, 2);
    let (all, _) = c.t.renda.station_figures(&PeriodQuery::default()).unwrap();
    let f = all.iter().find(|f| f.station_id == c.station).unwrap();
    assert_eq!((f.activities, f.people_received, f.opinions), (3, 17, 1), "every year");

    // the same records, per deputy (for 履职积分)
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let counts = renda::stations::deputy_register_counts(c.t.renda.conn(), d("2024-01-01"), d("2024-12-31")).unwrap();
    assert_eq!(counts[&c.zhang], DeputyRegisterCounts { inspections: 1, receptions: 1, reports: 0, days: 2 });
    // on leave is not attending: nothing counts
    assert_eq!(counts.get(&c.wang).cloned().unwrap_or_default(), DeputyRegisterCounts::default());
    let lines =
        renda::stations::deputy_register_entries(c.t.renda.conn(), c.zhang, d("2024-01-01"), d("2024-12-31")).unwrap();
    assert_eq!(lines.len(), 5);
    assert_eq!((lines[0].book.as_str(), lines[0].station.as_str()), ("活动", "城关镇人大代表之家"));
}

#[test]
fn refused_entries_say_why_and_write_nothing() {
    let mut c = setup();
    let report = EntryInput {
        station_id: c.station,
        book: "report".into(),
        date: "2024-06-01".into(),
        body: Some("一年来履职情况".into()),
        voters_present: Some(35),
        votes_satisfied: Some(30),
        votes_basic: Some(5),
        votes_unsatisfied: Some(1),
        present_ids: vec![c.li],
        ..Default::default()
    };
    let e = c.t.renda.entry_create(&report).unwrap_err();
    assert!(e.to_string().contains("超过到会选民人数 35"), "{e}");
    let e =
        c.t.renda
            .entry_create(&EntryInput { present_ids: vec![999], votes_unsatisfied: Some(0), ..report.clone() })
            .unwrap_err();
    assert!(e.to_string().contains("不在名册"), "{e}");
    let e =
        c.t.renda
            .entry_create(&EntryInput { station_id: 999, votes_unsatisfied: Some(0), ..report.clone() })
            .unwrap_err();
    assert_eq!(e.field_errors()[0].field, "station_id");
    assert_eq!(c.t.renda.entry_list(&EntryQuery::default()).unwrap().total, 0);
    c.t.renda.entry_create(&EntryInput { votes_unsatisfied: Some(0), ..report }).unwrap();
}

#[test]
fn archive_items_keep_their_files_once_under_their_hash() {
    let mut c = setup();
    let item =
        c.t.renda
            .archive_create(&ArchiveInput {
                station_id: c.station,
                category: "制度".into(),
                date: "2024-01-05".into(),
                title: "代表进站接待制度".into(),
                body: None,
            })
            .unwrap();
    let a = c.t.renda.attachment_add("archive", item.id, "制度.pdf", b"%PDF-1.4 demo").unwrap();
    let b = c.t.renda.attachment_add("archive", item.id, "制度（副本）.pdf", b"%PDF-1.4 demo").unwrap();
    assert_eq!(a.sha256, b.sha256);
    assert!(std::path::Path::new(&a.path).starts_with(c.t.dir.path().join("attachments")));
    let files = walk(&c.t.dir.path().join("attachments"));
    assert_eq!(files, 1, "the same content is stored once");
    assert_eq!(c.t.renda.attachment_bytes(b.id).unwrap(), ("制度（副本）.pdf".to_string(), b"%PDF-1.4 demo".to_vec()));
    assert_eq!(c.t.renda.archive_list(c.station).unwrap()[0].attachments.len(), 2);
    assert!(c.t.renda.attachment_add("archive", item.id, "空.pdf", b"").is_err());
    let e =
        c.t.renda
            .archive_create(&ArchiveInput {
                station_id: c.station,
                category: "杂项".into(),
                date: "2024-13-01".into(),
                title: " ".into(),
                body: None,
            })
            .unwrap_err();
    let fields: Vec<&str> = e.field_errors().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["category", "title", "date"]);
    // a register entry keeps its own files (签到表, photos) and shows them
    let act =
        c.t.renda
            .entry_create(&EntryInput {
                station_id: c.station,
                book: "activity".into(),
                date: "2024-03-06".into(),
                kind: Some("接待选民".into()),
                title: Some("进站接待".into()),
                present_ids: vec![c.zhang],
                ..Default::default()
            })
            .unwrap();
    c.t.renda.attachment_add("register", act.id, "签到表.jpg", b"\xFF\xD8 sign-in sheet").unwrap();
    let shown = c.t.renda.entry_get(act.id).unwrap();
    assert_eq!(shown.attachments.iter().map(|a| a.file_name.as_str()).collect::<Vec<_>>(), ["签到表.jpg"]);
    assert_eq!(c.t.renda.attachment_add("register", 9999, "x.jpg", b"x").unwrap_err().code(), "not_found");
    // the index prints
    let rows = sheet_rows(&c.t.renda.export_archive_index(c.station).unwrap());
    assert!(rows[0][0].contains("城关镇人大代表之家建设运行档案目录"));
    assert!(rows.iter().any(|r| r.get(3).map(String::as_str) == Some("代表进站接待制度") && r[5].contains("制度.pdf")));
}

fn walk(p: &std::path::Path) -> usize {
    std::fs::read_dir(p).unwrap().map(|e| e.unwrap().path()).map(|p| if p.is_dir() { walk(&p) } else { 1 }).sum()
}

fn sheet_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let name = wb.sheet_names()[0].clone();
    wb.worksheet_range(&name).unwrap().rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

/// A contact register as a station keeps it: a merged title, a 填报 line, padded names, mixed
/// date forms, phones as numbers, a deputy not on the roster, an empty row and a 合计 row.
fn messy_contacts() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("联系群众").unwrap();
    ws.merge_range(0, 0, 0, 8, "城关镇人大代表之家代表联系群众登记簿（2024年）", &rust_xlsxwriter::Format::new())
        .unwrap();
    ws.write(1, 0, "填报单位：城关镇人大主席团").unwrap();
    for (i, h) in ["序号", "日期", "接待方式", "接待代表", "来访人", "联系电话", "反映问题", "处理情况", "反馈时间"]
        .iter()
        .enumerate()
    {
        ws.write(2, i as u16, *h).unwrap();
    }
    let rows: &[(&str, &str, &str, &str, &str, &str, &str)] = &[
        ("2024.3.6", "进站接待", "张　三", "赵大妈", "路灯坏了三个月", "当场答复", ""),
        ("2024年3月16日", "电话", "李四、王五", "钱大爷", "自来水停水，饮水安全", "转为建议", ""),
        ("2024/3/26", "走访", "张三", "孙阿姨", "消防通道被占用", "信访", "2024-04-20"),
        ("2024-04-06", "进站接待", "赵六", "李婶", "村道破损", "当场答复", ""),
        ("2024-13-06", "进站接待", "张三", "周伯", "垃圾乱堆", "当场答复", ""),
    ];
    let mut r = 3;
    for (k, (date, mode, deps, who, what, how, fb)) in rows.iter().enumerate() {
        if k == 2 {
            r += 1; // an empty row in the middle
        }
        ws.write(r, 0, (k + 1) as f64).unwrap();
        ws.write(r, 1, *date).unwrap();
        ws.write(r, 2, *mode).unwrap();
        ws.write(r, 3, *deps).unwrap();
        ws.write(r, 4, *who).unwrap();
        ws.write(r, 5, 13800000001_f64 + k as f64).unwrap();
        ws.write(r, 6, *what).unwrap();
        ws.write(r, 7, *how).unwrap();
        ws.write(r, 8, *fb).unwrap();
        r += 1;
    }
    ws.write(r, 0, "合计").unwrap();
    ws.write(r, 1, "5条").unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn a_messy_register_imports_with_exactly_the_bad_rows_reported() {
    let mut c = setup();
    let preview = ImportOptions {
        sheet: None,
        dry_run: true,
        skip_invalid: false,
        default_level: None,
        excluded_sheets: Vec::new(),
    };
    let r = c.t.renda.import_register(c.station, "contact", &messy_contacts(), "联系群众.xlsx", &preview).unwrap();
    assert_eq!(r.header_row, 3);
    let msgs: Vec<(i64, &str)> = r.errors.iter().map(|e| (e.row, e.message.as_str())).collect();
    assert_eq!(
        msgs,
        [
            (8, "第8行「接待代表」「赵六」不在代表名册中，请先在代表名册中添加该代表，或检查姓名是否写错"),
            (9, "第9行「日期」无法识别：2024-13-06")
        ]
    );
    assert_eq!(r.added, 3);
    assert_eq!(c.t.renda.entry_list(&EntryQuery::default()).unwrap().total, 0, "a preview writes nothing");

    let skip = ImportOptions {
        sheet: None,
        dry_run: false,
        skip_invalid: true,
        default_level: None,
        excluded_sheets: Vec::new(),
    };
    let done = c.t.renda.import_register(c.station, "contact", &messy_contacts(), "联系群众.xlsx", &skip).unwrap();
    assert!(done.committed && done.backup.is_some());
    let list =
        c.t.renda
            .entry_list(&EntryQuery {
                station_id: Some(c.station),
                book: Some("contact".into()),
                desc: Some(false),
                ..Default::default()
            })
            .unwrap();
    assert_eq!(list.total, 3);
    let second = &list.items[1];
    assert_eq!(
        (second.date.as_str(), second.kind.as_deref(), second.handling.as_deref()),
        ("2024-03-16", Some("电话"), Some("转为代表建议"))
    );
    assert_eq!(second.deputies.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(), ["李四", "王五"]);
    assert_eq!(second.phone.as_deref(), Some("13800000002"), "a phone stored as a number");
    assert_eq!(list.items[2].feedback_date.as_deref(), Some("2024-04-20"));

    let again = c.t.renda.import_register(c.station, "contact", &messy_contacts(), "联系群众.xlsx", &skip).unwrap();
    assert_eq!((again.added, again.unchanged), (0, 3), "the same file twice adds nothing");

    // the station's own register prints in full; an upward copy is masked by default
    let own = renda::api::RegisterExportArgs {
        station_id: c.station,
        book: "contact".into(),
        year: 2024,
        q: None,
        kind: None,
        open_only: None,
    };
    let full_own = c.t.renda.export_register(&own, false).unwrap();
    assert!(
        sheet_rows(&full_own).iter().any(|r| r.contains(&"13800000001".to_string())),
        "the office's own copy is unmasked"
    );
    let searched = renda::api::RegisterExportArgs { q: Some("宅基地".into()), ..own.clone() };
    let n_search = sheet_rows(&c.t.renda.export_register(&searched, false).unwrap())
        .iter()
        .filter(|r| r.iter().any(|c| c.contains("宅基地")))
        .count();
    let n_all =
        c.t.renda
            .entry_list(&EntryQuery {
                station_id: Some(c.station),
                book: Some("contact".into()),
                q: Some("宅基地".into()),
                page_size: Some(0),
                ..Default::default()
            })
            .unwrap()
            .total;
    assert_eq!(n_search as i64, n_all, "the export follows the page's search");
    let bytes = c.t.renda.export_register(&own, true).unwrap();
    let rows = sheet_rows(&bytes);
    assert_eq!(rows[0][0], "城关镇人大代表之家代表联系群众登记簿（2024年）");
    assert!(
        rows.iter().any(|r| r.contains(&"138****0001".to_string()))
            && !rows.iter().any(|r| r.contains(&"13800000001".to_string()))
    );
    let masked = c.t.renda.import_register(c.station, "contact", &bytes, "导出.xlsx", &preview).unwrap();
    assert!(
        masked.errors[0].message.contains("隐去了部分数字"),
        "a masked copy is refused with the reason: {:?}",
        masked.errors[0]
    );
    c.t.renda.set_settings(&renda::api::Settings { org_name: "城关镇人大".into(), mask_upward: false }).unwrap();
    let full = c.t.renda.export_register(&own, true).unwrap();
    let rows = sheet_rows(&full);
    assert!(rows.iter().any(|r| r.contains(&"13800000001".to_string())), "masking can be turned off");
    let back = c.t.renda.import_register(c.station, "contact", &full, "导出.xlsx", &skip).unwrap();
    assert_eq!((back.added, back.unchanged), (0, 3), "an export imports back unchanged: {:?}", back.errors);
    // the header repeats on every printed page, landscape A4
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut wbxml = String::new();
    std::io::Read::read_to_string(&mut z.by_name("xl/workbook.xml").unwrap(), &mut wbxml).unwrap();
    assert!(wbxml.contains("_xlnm.Print_Titles"), "header rows repeat");
    let mut sheet = String::new();
    std::io::Read::read_to_string(&mut z.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut sheet).unwrap();
    assert!(sheet.contains("orientation=\"landscape\"") && sheet.contains("paperSize=\"9\""));
}

#[test]
fn the_reception_calendar_follows_the_rule_and_the_records() {
    let mut c = setup();
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    c.t.renda
        .entry_create(&EntryInput {
            station_id: c.station,
            book: "activity".into(),
            date: "2024-02-06".into(),
            kind: Some("接待选民".into()),
            title: Some("进站接待".into()),
            present_ids: vec![c.zhang],
            ..Default::default()
        })
        .unwrap();
    let days = c.t.renda.reception_calendar(Some(c.station), d("2024-02-01"), d("2024-02-29")).unwrap();
    let seen: Vec<(&str, &str)> = days.iter().map(|x| (x.date.as_str(), x.status.as_str())).collect();
    assert_eq!(seen, [("2024-02-06", "已接待"), ("2024-02-16", "未登记"), ("2024-02-26", "未登记")]);
    assert_eq!(days[0].deputies.len(), 3, "the 驻站代表 are due");
    let r = c.t.renda.station_reminders().unwrap();
    // announced ahead by the station's notice days (3 by default), not only tomorrow
    let notice = c.t.renda.station_get(c.station).unwrap().schedule.notice_days;
    let today = chrono::Local::now().date_naive();
    let expected: Vec<String> = (1..=notice)
        .map(|n| today + chrono::Duration::days(n))
        .filter(|d| [6, 16, 26].contains(&d.format("%d").to_string().parse::<i64>().unwrap()))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .collect();
    assert_eq!(r.upcoming.iter().map(|d| d.date.clone()).collect::<Vec<_>>(), expected);
    // a contact handed on whose deadline passed without feedback is overdue
    c.t.renda
        .entry_create(&EntryInput {
            deadline: Some("2024-02-20".into()),
            ..contact(&c, "2024-02-06", "转信访", "宅基地纠纷")
        })
        .unwrap();
    let r = c.t.renda.station_reminders().unwrap();
    assert_eq!(r.feedback_overdue_total, 1);
    assert_eq!(r.feedback_overdue[0].entry.body.as_deref(), Some("宅基地纠纷"));
    assert_eq!(r.feedback_overdue[0].days_overdue, (chrono::Local::now().date_naive() - d("2024-02-20")).num_days());
}

#[test]
fn search_finds_two_character_terms_in_the_registers() {
    let mut c = setup();
    c.t.renda.entry_create(&contact(&c, "2024-03-06", "当场答复", "集镇商铺占用消防通道")).unwrap();
    c.t.renda.entry_create(&contact(&c, "2024-03-06", "当场答复", "村口路灯不亮")).unwrap();
    let q = |s: &str| c.t.renda.entry_list(&EntryQuery { q: Some(s.into()), ..Default::default() }).unwrap().total;
    assert_eq!((q("消防"), q("路灯"), q("消防通道"), q("停水")), (1, 1, 1, 0));
    assert_eq!(q("赵大妈"), 0, "private fields are not searched");
}

/// Issue 22, point 8: 述职 votes near i64::MAX added up to a small number in a release build
/// (i64::MAX + i64::MAX + 24 wraps to 22) and passed the check against 22 voters. Each count of a
/// register is now bounded and the total cannot wrap round.
#[test]
fn counts_that_would_overflow_are_refused() {
    let mut c = setup();
    let report = EntryInput {
        station_id: c.station,
        book: "report".into(),
        date: "2024-06-01".into(),
        body: Some("一年来履职情况".into()),
        voters_present: Some(22),
        votes_satisfied: Some(i64::MAX),
        votes_basic: Some(i64::MAX),
        votes_unsatisfied: Some(24),
        present_ids: vec![c.li],
        ..Default::default()
    };
    let e = c.t.renda.entry_create(&report).unwrap_err().to_string();
    assert!(e.contains("满意票不能超过100万") && e.contains("超过到会选民人数 22"), "{e}");
    let crowd = EntryInput { book: "activity".into(), public_count: Some(i64::MAX), ..report.clone() };
    let e = c.t.renda.entry_create(&crowd).unwrap_err().to_string();
    assert!(e.contains("群众人数不能超过100万"), "{e}");
    assert_eq!(c.t.renda.entry_list(&EntryQuery::default()).unwrap().total, 0);
}

#[test]
fn the_default_year_follows_the_data() {
    let mut t = fresh();
    let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    assert_eq!(t.renda.status().unwrap().default_year, this_year, "nothing yet: this year");
    let mut c = {
        term_and_session(&mut t);
        let zhang = t.renda.deputy_create(&deputy("张三")).unwrap().id;
        let station = t
            .renda
            .station_create(&StationInput {
                name: "河口代表联络站".into(),
                kind: "代表联络站".into(),
                ..Default::default()
            })
            .unwrap()
            .id;
        Case { t, station, zhang, li: zhang, wang: zhang }
    };
    assert_eq!(c.t.renda.status().unwrap().default_year, 2024, "the session under way");
    // a new office's first import is last year's book: the pages open on it
    c.t.renda.entry_create(&contact(&c, "2023-05-06", "当场答复", "路灯不亮")).unwrap();
    assert_eq!(c.t.renda.status().unwrap().default_year, 2023, "the latest year that has records");
    c.t.renda.entry_create(&contact(&c, "2025-02-06", "当场答复", "沟渠堵塞")).unwrap();
    assert_eq!(c.t.renda.status().unwrap().default_year, 2025);
}

#[test]
fn every_activity_kind_earns_its_points_and_its_opinions_count() {
    let mut c = setup();
    let six: Vec<i64> = ["甲", "乙", "丙", "丁", "戊", "己"]
        .iter()
        .map(|n| c.t.renda.deputy_create(&deputy(&format!("述职{n}"))).unwrap().id)
        .collect();
    let act = |kind: &str, present: Vec<i64>, opinions: i64| EntryInput {
        station_id: c.station,
        book: "activity".into(),
        date: "2024-05-08".into(),
        kind: Some(kind.into()),
        title: Some(format!("{kind}活动")),
        opinion_count: Some(opinions),
        present_ids: present,
        ..Default::default()
    };
    // 述职 before the voters, six deputies: each earns the 向选民述职 points
    let report = act("述职", six.clone(), 4);
    let (talk, watch, study) =
        (act("座谈", vec![c.zhang], 7), act("建议督办", vec![c.li], 0), act("学习培训", vec![c.wang], 0));
    for e in [report, talk, watch, study] {
        c.t.renda.entry_create(&e).unwrap();
    }
    let table =
        c.t.renda.points_table(&renda::evaluation::model::PointsQuery { year: 2024, ..Default::default() }).unwrap();
    let points = |id: i64, kind: &str| {
        let row = table.rows.iter().find(|r| r.deputy_id == id).unwrap();
        row.kinds.iter().find(|k| k.kind == kind).map(|k| k.points).unwrap_or(0.0)
    };
    assert!(six.iter().all(|d| points(*d, "report") == 5.0), "述职 activity: 向选民述职 points for each of the six");
    assert_eq!(points(c.zhang, "reception"), 2.0, "座谈 earns as a reception");
    assert_eq!(points(c.li, "inspection"), 3.0, "建议督办 earns as an inspection");
    let wang = table.rows.iter().find(|r| r.deputy_id == c.wang).unwrap();
    assert!(wang.kinds.iter().all(|k| k.points == 0.0), "学习培训 earns nothing");
    let listed = c.t.renda.activity_points().unwrap();
    assert_eq!(listed.len(), ACTIVITY_KINDS.len(), "every activity kind is listed");
    assert_eq!(listed.iter().filter(|(_, p)| p.is_none()).count(), 2, "学习培训 and 其他 earn nothing, visibly");
    // 收集意见: the activities' 形成意见数 beside the opinion book's entries
    let (_, total) = c.t.renda.station_figures(&PeriodQuery { year: Some(2024), ..Default::default() }).unwrap();
    assert_eq!(total.opinions, 11);
}

#[test]
fn a_reception_at_the_station_holds_the_day() {
    let mut c = setup();
    // the office keeps only the contact book: 张三 received two constituents on the 26th
    c.t.renda.entry_create(&contact(&c, "2024-03-26", "当场答复", "路灯不亮")).unwrap();
    c.t.renda.entry_create(&contact(&c, "2024-03-26", "当场答复", "沟渠堵塞")).unwrap();
    let day = |c: &Case, d: &str| {
        let d = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        c.t.renda.reception_calendar(Some(c.station), d, d).unwrap().remove(0)
    };
    assert_eq!(day(&c, "2024-03-26").status, "已接待");
    assert_eq!(day(&c, "2024-03-16").status, "未登记");
    let visits = |c: &Case| {
        c.t.renda.station_figures(&PeriodQuery { year: Some(2024), ..Default::default() }).unwrap().1.deputy_visits
    };
    assert_eq!(visits(&c), 1, "one deputy at the station that day, however many people he received");
    // an activity recording him present the same day does not count him twice; 李四 there adds one
    c.t.renda
        .entry_create(&EntryInput {
            station_id: c.station,
            book: "activity".into(),
            date: "2024-03-26".into(),
            kind: Some("接待选民".into()),
            title: Some("接待选民".into()),
            present_ids: vec![c.zhang, c.li],
            ..Default::default()
        })
        .unwrap();
    assert_eq!(visits(&c), 2);
    assert_eq!(day(&c, "2024-03-26").status, "已接待");
}

#[test]
fn a_register_goes_where_its_title_says() {
    let mut c = setup();
    let file = |title: &str| {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.write(0, 0, title).unwrap();
        for (i, h) in ["日期", "活动类型", "主题", "实到代表", "形成意见数"].iter().enumerate() {
            ws.write(1, i as u16, *h).unwrap();
        }
        for (i, v) in ["2024-03-06", "座谈", "听取群众意见", "张三", "3"].iter().enumerate() {
            ws.write(2, i as u16, *v).unwrap();
        }
        let path = c.t.dir.path().join(format!("{title}.xlsx"));
        wb.save(&path).unwrap();
        path
    };
    let import = |r: &mut renda::Renda, path: &std::path::Path, dry_run: bool| {
        let args = serde_json::json!({
            "kind": "register", "file_name": "登记簿.xlsx", "path": path.to_string_lossy(),
            "options": { "dry_run": dry_run },
        });
        renda::api::call(r, "import_file", args)
    };
    let named = file("城关镇人大代表之家代表活动登记簿（2024年）");
    let preview = import(&mut c.t.renda, &named, true).unwrap();
    assert_eq!(preview["station_id"], c.station, "the station the title names");
    assert_eq!(preview["kind"], "register-activity", "the book the title names");
    assert!(preview["notes"][0].as_str().unwrap().contains("导入到：城关镇人大代表之家代表活动登记簿"));
    import(&mut c.t.renda, &named, false).unwrap();
    let (_, total) = c.t.renda.station_figures(&PeriodQuery { year: Some(2024), ..Default::default() }).unwrap();
    assert_eq!((total.activities, total.opinions), (1, 3));
    // no station in the title: the field is named, not the columns
    let err = import(&mut c.t.renda, &file("代表活动登记簿（2024年）"), true).unwrap_err();
    assert!(err.to_string().contains("请选择导入到哪个联络站"), "{err}");
}
