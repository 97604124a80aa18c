//! A new office's first year from an empty install, on real SQLite files and real .xlsx files
//! built here: who the office is, the sheets it brings (stations, terms and units they name are
//! created; a typo is pointed at), the forms it prints and reads back, and its morning reminders.

mod common;

use common::*;
use renda::excel::import::ImportOptions;
use renda::office::OfficeInput;
use renda::roster::model::*;
use rust_xlsxwriter::{Format, Workbook};

fn township() -> TestData {
    let mut t = fresh();
    t.renda.start_blank(Some(&OfficeInput { name: "城关镇人大主席团".into(), level: "乡镇".into() })).unwrap();
    t
}

fn sheet_rows(bytes: &[u8], sheet: usize) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let name = wb.sheet_names()[sheet].clone();
    wb.worksheet_range(&name).unwrap().rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

/// A township roster as offices keep it: merged title, 填报单位 line, mixed date forms, padded
/// names, no 代表层级 column, three stations not yet entered (one of them written two ways).
fn township_roster(bad_rows: bool) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.merge_range(0, 0, 0, 5, "城关镇第十八届人民代表大会代表名册", &Format::new()).unwrap();
    ws.write(1, 0, "填报单位：城关镇人大主席团").unwrap();
    for (i, h) in ["序号", "姓名", "性别", "出生年月", "联系电话", "所属联络站"].iter().enumerate() {
        ws.write(2, i as u16, *h).unwrap();
    }
    let mut rows = vec![
        ("张　三", "男", "1975.3", "13812345601", "城东代表联络站"),
        ("李四", "女", "1980年10月", "13812345602", "城东联络站"),
        ("王五", "男", "1968-01", "13812345603", "河口代表联络站"),
        ("赵六", "女", "1990/5", "13812345604", "新街代表联络站"),
    ];
    if bad_rows {
        rows.push(("钱七", "男", "1979年13月", "13812345605", "城东代表联络站"));
        rows.push(("孙八", "男", "", "", "河口代表联络站"));
    }
    for (r, (n, g, b, p, s)) in rows.iter().enumerate() {
        let r = r as u32 + 3;
        ws.write(r, 0, r - 2).unwrap();
        for (c, v) in [n, g, b, p, s].iter().enumerate() {
            ws.write(r, c as u16 + 1, **v).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn the_office_level_chooses_the_defaults_and_stays_editable() {
    let mut t = township();
    let o = t.renda.office().unwrap();
    assert_eq!((o.name.as_str(), o.level.as_str(), o.deputy_level.as_str()), ("城关镇人大主席团", "乡镇", "乡"));
    assert_eq!(o.id.len(), 36, "a stable office id is made once");
    let s = t.renda.suggestion_settings().unwrap();
    assert_eq!(
        s.review_levels,
        vec!["乡镇人大主席团审查".to_string()],
        "a township's suggestions are reviewed and numbered by its 主席团"
    );
    let e = t.renda.evaluation_preset("majority", 2026).unwrap();
    assert!(e.name.contains("乡镇站所") && !e.groups.iter().any(|g| g.name == "常委会组成人员"), "{e:?}");
    // a county keeps the three levels and its 常委会 evaluation
    let mut c = fresh();
    c.renda.start_blank(Some(&OfficeInput { name: "清河县人大常委会".into(), level: "县".into() })).unwrap();
    assert_eq!(c.renda.suggestion_settings().unwrap().review_levels.len(), 3);
    assert!(c.renda.evaluation_preset("majority", 2026).unwrap().groups.iter().any(|g| g.name == "常委会组成人员"));
    // the id does not change when the office is renamed; a bad level is refused by field
    let id = o.id.clone();
    assert_eq!(t.renda.office_set(&OfficeInput { name: "城关镇人大".into(), level: "镇".into() }).unwrap().id, id);
    let e = t.renda.office_set(&OfficeInput { name: "".into(), level: "省".into() }).unwrap_err();
    assert_eq!(e.field_errors().len(), 2, "{e}");
}

#[test]
fn a_township_roster_on_an_empty_install_creates_its_stations_and_term() {
    let mut t = township();
    let preview = t
        .renda
        .import_deputies(&township_roster(true), "名册.xlsx", &ImportOptions { dry_run: true, ..Default::default() })
        .unwrap();
    assert_eq!(preview.added, 4);
    assert_eq!(preview.errors.len(), 2, "only the rows' own faults: {:?}", preview.errors);
    assert!(preview.errors[0].message.contains("第8行「出生年月」"), "{:?}", preview.errors[0]);
    assert!(
        preview.errors[1].message.contains("第9行") && preview.errors[1].message.contains("缺少出生年月"),
        "{:?}",
        preview.errors[1]
    );
    let stations = preview.created.get("stations").unwrap();
    assert_eq!(
        stations,
        &vec!["城东代表联络站".to_string(), "河口代表联络站".into(), "新街代表联络站".into()],
        "城东联络站 is the same station"
    );
    assert!(
        preview.notes.iter().any(|n| n.starts_with("将新建：联络站 3 个（城东代表联络站、")),
        "{:?}",
        preview.notes
    );
    let d = &preview.defaults[0];
    assert_eq!((d.option.as_str(), d.value.as_str()), ("default_level", "乡"), "a township's roster is of 乡 deputies");

    let done = t
        .renda
        .import_deputies(
            &township_roster(true),
            "名册.xlsx",
            &ImportOptions { skip_invalid: true, ..Default::default() },
        )
        .unwrap();
    assert!(done.committed);
    let list = t.renda.deputy_list(&DeputyQuery { page_size: Some(0), ..Default::default() }).unwrap();
    assert_eq!(list.total, 4);
    assert!(list.items.iter().all(|d| d.levels == vec!["乡".to_string()]));
    let li = list.items.iter().find(|d| d.name == "李四").unwrap();
    assert_eq!((li.birth_month.as_deref(), li.station_name.as_deref()), (Some("1980-10"), Some("城东代表联络站")));
    assert_eq!(t.renda.station_list(&StationQuery::default()).unwrap().total, 3);
    // the same file on a later day changes nothing and creates nothing
    let again = t
        .renda
        .import_deputies(&township_roster(false), "名册.xlsx", &ImportOptions { dry_run: true, ..Default::default() })
        .unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 4));
    assert!(again.created.is_empty());
    // a level asked for applies instead
    let mut c = township();
    let r = c
        .renda
        .import_deputies(
            &township_roster(false),
            "名册.xlsx",
            &ImportOptions { default_level: Some("县".into()), ..Default::default() },
        )
        .unwrap();
    assert!(r.committed);
    assert!(c
        .renda
        .deputy_list(&DeputyQuery::default())
        .unwrap()
        .items
        .iter()
        .all(|d| d.levels == vec!["县".to_string()]));
}

#[test]
fn a_typo_is_pointed_at_not_silently_made_a_new_station() {
    let mut t = township();
    t.renda
        .station_create(&StationInput {
            name: "城东代表联络站".into(),
            kind: "代表联络站".into(),
            ..Default::default()
        })
        .unwrap();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (i, h) in ["姓名", "出生年月", "所属联络站"].iter().enumerate() {
        ws.write(0, i as u16, *h).unwrap();
    }
    ws.write_row(1, 0, ["张三", "1970-01", "城冬代表联络站"]).unwrap();
    let r = t
        .renda
        .import_deputies(
            &wb.save_to_buffer().unwrap(),
            "x.xlsx",
            &ImportOptions { dry_run: true, ..Default::default() },
        )
        .unwrap();
    assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
    assert!(
        r.warnings[0].contains("「城冬代表联络站」") && r.warnings[0].contains("「城东代表联络站」"),
        "{}",
        r.warnings[0]
    );
}

/// A county 汇总表 whose title names a term nobody registered yet.
fn summary_sheet() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.merge_range(0, 0, 0, 6, "城关镇第十八届人民代表大会第五次会议代表建议办理情况汇总表", &Format::new()).unwrap();
    for (i, h) in ["编号", "案由", "领衔代表", "承办单位", "协办单位", "交办日期", "答复日期", "答复类别", "满意度"]
        .iter()
        .enumerate()
    {
        ws.write(1, i as u16, *h).unwrap();
    }
    ws.write_row(
        2,
        0,
        ["1", "关于修缮村道的建议", "张三", "镇交通运输所", "镇财政所", "2026-02-01", "2026-04-01", "A", "满意"],
    )
    .unwrap();
    ws.write_row(3, 0, ["2", "关于增设路灯的建议", "李四", "镇村镇建设办", "", "", "", "", ""]).unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn a_summary_sheet_creates_its_term_session_and_units_and_invents_no_date() {
    let mut t = township();
    t.renda.import_deputies(&township_roster(false), "名册.xlsx", &ImportOptions::default()).unwrap();
    let preview = t
        .renda
        .import_suggestions(
            &summary_sheet(),
            "汇总表.xlsx",
            &ImportOptions { dry_run: true, ..Default::default() },
            None,
        )
        .unwrap();
    assert!(preview.errors.is_empty(), "{:?}", preview.errors);
    assert_eq!(preview.created.get("sessions"), Some(&vec!["乡（镇）第十八届人民代表大会第五次会议".to_string()]));
    assert_eq!(preview.created.get("units").map(|u| u.len()), Some(3));
    assert!(preview.notes.iter().any(|n| n.contains("第4行有主办单位但没有交办日期")), "{:?}", preview.notes);
    let done = t.renda.import_suggestions(&summary_sheet(), "汇总表.xlsx", &ImportOptions::default(), None).unwrap();
    assert!(done.committed);
    let terms = t.renda.term_list().unwrap();
    assert_eq!(
        (terms.len(), terms[0].level.as_str(), terms[0].number, terms[0].sessions.len()),
        (1, "乡", 18, 1),
        "the roster's term is the sheet's"
    );
    let all = t
        .renda
        .suggestion_list(&renda::suggestions::model::SuggestionQuery { page_size: Some(0), ..Default::default() })
        .unwrap();
    let undated = all.items.iter().find(|s| s.number == Some(2)).unwrap();
    assert_eq!(undated.assigned_date, None, "no 交办 date is invented from today's date");
    assert_eq!(undated.due_date, None);
    let again = t.renda.import_suggestions(&summary_sheet(), "汇总表.xlsx", &ImportOptions::default(), None).unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 2), "the same file again changes nothing");
    assert!(again.created.is_empty());
}

#[test]
fn the_printed_tally_sheet_imports_back_and_every_kind_has_a_template() {
    let mut t = township();
    let mut e = t.renda.evaluation_preset("majority", 2026).unwrap();
    e.subjects = vec![
        renda::evaluation::model::Subject {
            name: "周一".into(),
            post: Some("农业站站长".into()),
            ..Default::default()
        },
        renda::evaluation::model::Subject {
            name: "吴二".into(),
            post: Some("财政所所长".into()),
            ..Default::default()
        },
    ];
    let ev = t.renda.evaluation_create(&e).unwrap();
    let forms = t.renda.export_ballot_forms(ev.id).unwrap();
    // the counters fill in the 计票表 (first sheet) by hand, as the office does
    let rows = sheet_rows(&forms, 0);
    let header = rows.iter().position(|r| r.first().map(String::as_str) == Some("对象")).unwrap();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write(r as u32, c as u16, v.as_str()).unwrap();
        }
        if r > header && row.len() > 2 && !row[0].is_empty() && !row[0].starts_with("填写说明") {
            ws.write_row(r as u32, 2, [15, 0, 10, 3, 2, 0]).unwrap();
        }
    }
    let r =
        t.renda.import_ballots(ev.id, &wb.save_to_buffer().unwrap(), "计票表.xlsx", &ImportOptions::default()).unwrap();
    assert!(r.committed, "{:?}", r.errors);
    assert_eq!(r.added, 4, "two subjects × two groups");
    let res = t.renda.evaluation_results(ev.id).unwrap();
    assert!(res.subjects.iter().all(|s| s.satisfied_rate.is_some() && s.basic_rate.is_some()));
    // table 5: 满意率 and 基本满意率, combined and per group
    let table = t.renda.export_evaluation_results(ev.id).unwrap();
    assert!(sheet_rows(&table, 0).iter().any(|r| r.contains(&"基本满意率".to_string())));
    assert_eq!(
        sheet_rows(&table, 1).iter().filter(|r| r.first().is_some_and(|c| c == "周一")).count(),
        2,
        "one line per rater group"
    );

    for kind in renda::api::ImportKind::template_keys() {
        let bytes = t.renda.template(&kind).unwrap_or_else(|e| panic!("{kind}: {e}"));
        assert!(!sheet_rows(&bytes, 0).is_empty(), "{kind}");
    }
}

fn days_ago(n: i64) -> String {
    (chrono::Local::now().date_naive() - chrono::Duration::days(n)).format("%Y-%m-%d").to_string()
}

#[test]
fn the_morning_has_every_kind_and_a_recorded_check_leaves_it() {
    use renda::suggestions::model::{ReplyInput, Step, StepRequest, SuggestionInput};
    let mut t = township();
    let empty = t.renda.morning().unwrap();
    let kinds: Vec<&str> = empty.groups.iter().map(|g| g.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "overdue",
            "due_soon",
            "co_opinion_due",
            "awaiting_rating",
            "unsatisfied",
            "followup_due",
            "recess_unassigned",
            "receptions",
            "feedback_overdue",
            "project_stale",
            "project_late",
            "project_problem_due",
            "oversight_overdue",
            "oversight_due_soon",
            "oversight_awaiting_rating",
            "oversight_unsatisfied"
        ]
    );
    assert!(empty.groups.iter().all(|g| g.total == 0), "an empty install has nothing due");

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
            start_date: Some(days_ago(400)),
            end_date: Some(days_ago(398)),
            ..Default::default()
        })
        .unwrap();
    let lead = t
        .renda
        .deputy_create(&DeputyInput { name: "张三".into(), levels: vec!["乡".into()], ..Default::default() })
        .unwrap()
        .id;
    let unit = |t: &mut TestData, n: &str| {
        t.renda.unit_create(&UnitInput { name: n.into(), kind: "政府部门".into(), ..Default::default() }).unwrap().id
    };
    let (main, co) = (unit(&mut t, "镇交通运输所"), unit(&mut t, "镇财政所"));
    let add = |t: &mut TestData, title: &str, period: &str, received: &str| {
        let input = SuggestionInput {
            period: period.into(),
            session_id: Some(session.id),
            title: title.into(),
            lead_deputy_id: lead,
            received_date: received.into(),
            ..Default::default()
        };
        t.renda.suggestion_create(&input).unwrap().row.id
    };
    let step = |t: &mut TestData, id: i64, date: &str, step: Step| {
        let action = step.action();
        t.renda
            .suggestion_step(&StepRequest { id, date: Some(date.to_string()), step })
            .unwrap_or_else(|e| panic!("{action}: {e}"));
    };
    let assigned = |t: &mut TestData, title: &str, when: &str| {
        let id = add(t, title, "大会", when);
        step(t, id, when, steps::pass());
        step(t, id, when, steps::assign(main, vec![co], false));
        id
    };
    // overdue (due a month ago) and owing a 协办 opinion; due soon (3 months less 3 days ago)
    assigned(&mut t, "关于修缮村道的建议", &days_ago(122));
    assigned(&mut t, "关于增设路灯的建议", &days_ago(89));
    // replied 40 days ago, not rated
    let replied = assigned(&mut t, "关于整治河道的建议", &days_ago(60));
    step(&mut t, replied, &days_ago(40), steps::reply("A"));
    // rated 不满意
    let unhappy = assigned(&mut t, "关于修建菜市场的建议", &days_ago(60));
    step(&mut t, unhappy, &days_ago(30), steps::reply("A"));
    step(&mut t, unhappy, &days_ago(20), steps::rate("不满意", "不满意"));
    // a B reply whose promise fell due: 回头看
    let promised = assigned(&mut t, "关于改造学校操场的建议", &days_ago(100));
    let answer = ReplyInput {
        class: "B".into(),
        planned_items: Some("年内完成改造".into()),
        planned_deadline: Some(days_ago(5)),
        ..Default::default()
    };
    step(&mut t, promised, &days_ago(80), Step::Reply(answer));
    step(&mut t, promised, &days_ago(70), steps::rate("满意", "基本满意"));
    // a 闭会期间 suggestion not yet assigned
    add(&mut t, "关于加强防汛的建议", "闭会", &days_ago(2));
    // a station that receives the day after tomorrow, and a constituent still waiting for an answer
    let day = (chrono::Local::now().date_naive() + chrono::Duration::days(2))
        .format("%d")
        .to_string()
        .parse::<i64>()
        .unwrap();
    let schedule = Schedule { kind: "month_days".into(), days: vec![day], notice_days: 3 };
    let st = t
        .renda
        .station_create(&StationInput {
            name: "城东代表联络站".into(),
            kind: "代表联络站".into(),
            schedule,
            deputy_ids: vec![lead],
            ..Default::default()
        })
        .unwrap();
    let contact = renda::stations::model::EntryInput {
        station_id: st.id,
        book: "contact".into(),
        date: days_ago(30),
        body: Some("东街路灯不亮".into()),
        kind: Some("进站接待".into()),
        handling: Some("转交有关单位".into()),
        transfer_unit: Some("镇村镇建设办".into()),
        deadline: Some(days_ago(10)),
        present_ids: vec![lead],
        ..Default::default()
    };
    t.renda.entry_create(&contact).unwrap();
    // a 民生实事 project past its planned completion, with a 问题 past its 时限 and no progress for 60 days
    let project = t
        .renda
        .project_create(&renda::projects::model::ProjectInput {
            year: 2026,
            name: "村道硬化工程".into(),
            field: "交通".into(),
            start_date: Some(days_ago(200)),
            planned_end: Some(days_ago(1)),
            ..Default::default()
        })
        .unwrap();
    t.renda
        .progress_add(&renda::projects::model::ProgressInput {
            project_id: project.row.id,
            date: days_ago(60),
            percent: Some(50.0),
            ..Default::default()
        })
        .unwrap();
    t.renda
        .problem_add(&renda::projects::model::ProblemInput {
            project_id: project.row.id,
            problem: "路基压实度不足".into(),
            due_date: Some(days_ago(5)),
            ..Default::default()
        })
        .unwrap();

    oversight_for_the_morning(&mut t);

    let m = t.renda.morning().unwrap();
    for g in &m.groups {
        assert!(g.total >= 1 && !g.lines.is_empty(), "{}（{}）has nothing: {m:?}", g.label, g.kind);
    }
    let total =
        |m: &renda::morning::Morning, k: &str| m.groups.iter().find(|g| g.kind == k).map(|g| g.total).unwrap_or(-1);
    assert_eq!(total(&m, "overdue"), 1);
    // the check recorded, the reminder goes
    step(&mut t, promised, &days_ago(0), Step::Followup { kind: None, note: "已完成一半，下月再看".into() });
    assert_eq!(total(&t.renda.morning().unwrap(), "followup_due"), 0);
}

#[test]
fn the_roster_keeps_the_address_and_the_note() {
    let mut t = township();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (i, h) in ["姓名", "出生年月", "代表层级", "通讯地址", "备注"].iter().enumerate() {
        ws.write(0, i as u16, *h).unwrap();
    }
    for (i, v) in ["周补", "1970.5", "乡", "城关镇东关村三组12号", "2023年补选"].iter().enumerate() {
        ws.write(1, i as u16, *v).unwrap();
    }
    let bytes = wb.save_to_buffer().unwrap();
    let report = t.renda.import_deputies(&bytes, "名册.xlsx", &ImportOptions::default()).unwrap();
    assert!(report.ignored_columns.is_empty(), "every column is read: {:?}", report.ignored_columns);
    let id = t.renda.deputy_list(&DeputyQuery::default()).unwrap().items[0].id;
    let d = t.renda.deputy_get(id).unwrap();
    assert_eq!((d.address.as_deref(), d.note.as_deref()), (Some("城关镇东关村三组12号"), Some("2023年补选")));
    let own = sheet_rows(&t.renda.export_deputies(&DeputyQuery::default(), false).unwrap(), 0);
    assert!(own
        .iter()
        .any(|r| r.contains(&"城关镇东关村三组12号".to_string()) && r.contains(&"2023年补选".to_string())));
    let upward = sheet_rows(&t.renda.export_deputies(&DeputyQuery::default(), true).unwrap(), 0);
    assert!(!upward.iter().flatten().any(|c| c.contains("东关村三组12号")), "the address is masked upward");
    // the same file again changes nothing
    let again = t.renda.import_deputies(&bytes, "名册.xlsx", &ImportOptions::default()).unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 1));
}

/// Every kind and action the engine writes to the audit log has its Chinese name in 操作日志: the
/// literals of every `audit(…)` call in the source, and each step of a suggestion.
#[test]
fn every_audit_entry_reads_in_chinese() {
    let mut keys: Vec<(String, String)> = Vec::new();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut dirs = vec![src];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                keys.extend(audit_literals(&std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    assert!(keys.len() > 30, "the audit calls are found ({})", keys.len());
    for (kind, action) in &keys {
        assert_ne!(renda::app::audit_kind_label(kind), "其他", "kind {kind}");
        if !action.is_empty() {
            assert_ne!(renda::app::audit_action_label(action), "其他", "action {action}");
        }
    }
    for (step, _) in renda::suggestions::model::ACTIONS {
        assert!(!renda::app::audit_action_label(step).is_ascii());
    }
    for extra in ["reactivate", "receive", "replace", "import_add", "import_update"] {
        assert_ne!(renda::app::audit_action_label(extra), "其他", "action {extra}");
    }
}

/// (kind, action) of each `audit(tx, "kind", uuid, "action", …)` call; the action empty when it is
/// not a literal (the steps, and the few chosen by a condition, are checked above).
fn audit_literals(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for part in text.split("audit(").skip(1) {
        let args: Vec<&str> = part.splitn(5, ',').map(str::trim).collect();
        let lit = |s: &str| s.strip_prefix('"').and_then(|s| s.strip_suffix('"')).map(str::to_string);
        if let (Some(kind), Some(a)) = (args.get(1).and_then(|s| lit(s)), args.get(3)) {
            out.push((kind, lit(a).unwrap_or_default()));
        }
    }
    out
}

/// 审议意见 for each of the morning's four kinds: one past its limit, one due in a few days, one
/// reported and not yet rated, one rated 不满意 twice.
fn oversight_for_the_morning(t: &mut TestData) {
    use renda::evaluation::oversight::OversightRatingArgs;
    use renda::oversight::model::*;
    let months_ago = |m: u32, plus: i64| {
        let d = chrono::Local::now().date_naive().checked_sub_months(chrono::Months::new(m)).unwrap();
        (d + chrono::Duration::days(plus)).format("%Y-%m-%d").to_string()
    };
    let step = |id: i64, action: OpinionAction, date: String| OpinionStep {
        opinion_id: id,
        action,
        date: Some(date),
        new_due: None,
        approver: None,
        report_no: None,
        committee_view: None,
        submitted: None,
        note: None,
    };
    let mut ids = Vec::new();
    for n in 1..=4 {
        let year = chrono::Datelike::year(&chrono::Local::now().date_naive()) as i64;
        let tp = t
            .renda
            .oversight_topic_create(&TopicInput {
                year,
                title: format!("议题{n}"),
                body: "镇人民政府".into(),
                report_kind: ReportKind::Special,
                ..Default::default()
            })
            .unwrap();
        let m = t
            .renda
            .oversight_meeting_create(&MeetingInput {
                kind: MeetingKind::Standing,
                term: "第十八届".into(),
                number: n,
                date: days_ago(200),
                deputy_ids: vec![],
            })
            .unwrap();
        let o = t
            .renda
            .opinion_create(&OpinionInput {
                topic_id: tp.id,
                meeting_id: m.id,
                doc_no: format!("镇人大发〔2026〕{n}号"),
                ..Default::default()
            })
            .unwrap();
        ids.push(o.row.id);
    }
    // past its limit: assigned four months ago
    t.renda.opinion_step(&step(ids[0], OpinionAction::Assign, months_ago(4, 0))).unwrap();
    // due in a few days: assigned three months less two days ago
    t.renda.opinion_step(&step(ids[1], OpinionAction::Assign, months_ago(3, 2))).unwrap();
    // reported, waiting for its rating
    t.renda.opinion_step(&step(ids[2], OpinionAction::Assign, days_ago(60))).unwrap();
    t.renda.opinion_step(&step(ids[2], OpinionAction::Report, days_ago(5))).unwrap();
    // 不满意 twice
    let rate = |date: String| OversightRatingArgs {
        opinion_id: ids[3],
        date: Some(date),
        expected: 25,
        present: 21,
        satisfied: 5,
        unsatisfied: 16,
        ..Default::default()
    };
    t.renda.opinion_step(&step(ids[3], OpinionAction::Assign, days_ago(150))).unwrap();
    t.renda.opinion_step(&step(ids[3], OpinionAction::Report, days_ago(120))).unwrap();
    t.renda.oversight_rate(&rate(days_ago(110))).unwrap();
    t.renda.opinion_step(&step(ids[3], OpinionAction::Redo, days_ago(100))).unwrap();
    t.renda.opinion_step(&step(ids[3], OpinionAction::Report, days_ago(40))).unwrap();
    t.renda.oversight_rate(&rate(days_ago(30))).unwrap();
}
