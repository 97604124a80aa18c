//! 代表建议办理 through the engine: the lifecycle, refused steps, deadlines and the figures,
//! on real SQLite files.

mod common;

use common::*;
use renda::roster::model::*;
use renda::suggestions::model::*;
use renda::Renda;

struct Case {
    t: TestData,
    lead: i64,
    co: i64,
    units: Vec<i64>,
}

fn setup() -> Case {
    let mut t = fresh();
    term_and_session(&mut t);
    let lead = t.renda.deputy_create(&deputy("张三")).unwrap().id;
    let co = t.renda.deputy_create(&deputy("李四")).unwrap().id;
    let units = ["县财政局", "县交通运输局", "县消防救援大队"]
        .iter()
        .map(|n| {
            t.renda
                .unit_create(&UnitInput { name: n.to_string(), kind: "政府部门".into(), ..Default::default() })
                .unwrap()
                .id
        })
        .collect();
    Case { t, lead, co, units }
}

fn session_id(r: &Renda) -> i64 {
    r.term_list().unwrap()[0].sessions[0].id
}

fn register(c: &mut Case, title: &str, received: &str) -> i64 {
    let sid = session_id(&c.t.renda);
    c.t.renda
        .suggestion_create(&SuggestionInput {
            period: "大会".into(),
            session_id: Some(sid),
            title: title.into(),
            body: Some(format!("{title}的具体内容。")),
            category: Some("城建环资".into()),
            lead_deputy_id: c.lead,
            cosigner_ids: vec![c.co],
            received_date: received.into(),
            ..Default::default()
        })
        .unwrap()
        .row
        .id
}

fn step(c: &mut Case, id: i64, date: &str, step: Step) -> Suggestion {
    let action = step.action();
    c.t.renda
        .suggestion_step(&StepRequest { id, date: Some(date.into()), step })
        .unwrap_or_else(|e| panic!("{action}: {e}"))
}

/// The step's request with its day.
fn req(id: i64, date: &str, step: Step) -> StepRequest {
    StepRequest { id, date: Some(date.into()), step }
}

fn file(c: &mut Case, id: i64) -> Suggestion {
    let mut s = c.t.renda.suggestion_get(id).unwrap();
    let received = s.row.received_date.clone();
    while s.row.state == REVIEWING {
        s = step(c, id, &received, steps::pass());
    }
    s
}

fn assign(c: &mut Case, id: i64, date: &str, wide: bool) -> Suggestion {
    let (main, co) = (c.units[0], c.units[1]);
    step(c, id, date, steps::assign(main, vec![co], wide))
}

#[test]
fn the_whole_life_of_a_suggestion_with_one_rehandling() {
    let mut c = setup();
    let id = register(&mut c, "关于加强农村消防安全设施建设的建议", "2024-01-11");
    let s = c.t.renda.suggestion_get(id).unwrap();
    assert_eq!(s.row.state, REVIEWING);
    assert_eq!(s.review_level_name.as_deref(), Some("乡镇人大审查"));
    assert_eq!(s.row.number_text, "未立案");
    let s = step(&mut c, id, "2024-01-12", steps::pass());
    assert_eq!((s.row.state.as_str(), s.review_level_name.as_deref()), (REVIEWING, Some("代表工委审查")));
    let s = step(&mut c, id, "2024-01-12", Step::ReviewReturn { note: "建议内容不够具体".into() });
    assert_eq!(s.row.state, RETURNED);
    let s = step(&mut c, id, "2024-01-13", Step::Resubmit { note: None });
    assert_eq!(s.review_level, 0, "a revised suggestion is reviewed again from the first level");
    let s = file(&mut c, id);
    assert_eq!((s.row.state.as_str(), s.row.number_text.as_str()), (FILED, "第1号"));

    let s = assign(&mut c, id, "2024-01-31", false);
    assert_eq!(s.row.state, HANDLING);
    assert_eq!(s.row.due_date.as_deref(), Some("2024-04-30"), "3 months after 交办, clamped to the month's end");
    assert_eq!(s.row.co_units, ["县交通运输局"]);
    step(&mut c, id, "2024-02-10", Step::Contact { stage: Some("办前沟通".into()), form: "座谈".into(), note: None });
    let answer = ReplyInput {
        class: "B类".into(),
        doc_no: Some("清财函〔2024〕12号".into()),
        planned_items: Some("分两年为各村配备消防器材".into()),
        planned_deadline: Some("2025-06-30".into()),
        ..Default::default()
    };
    step(&mut c, id, "2024-04-20", Step::Reply(answer));
    let s = step(&mut c, id, "2024-05-06", steps::rate("基本满意", "不满意"));
    assert_eq!(s.row.state, UNSATISFIED);
    let s = step(&mut c, id, "2024-05-08", steps::rehandle());
    assert_eq!((s.row.state.as_str(), s.row.round, s.row.due_date.as_deref()), (REHANDLING, 2, Some("2024-06-08")));
    step(&mut c, id, "2024-06-01", steps::reply("A"));
    let rating = RatingInput {
        work_rating: "满意".into(),
        result_rating: "满意".into(),
        adoption: Some("采纳".into()),
        note: None,
    };
    let s = step(&mut c, id, "2024-06-10", Step::Rate(rating));
    assert_eq!(s.row.state, CONCLUDED);
    assert!(s.actions.is_empty());
    // nothing overwritten: both rounds of replies and ratings stay
    assert_eq!(s.replies.iter().map(|r| (r.round, r.class.as_str())).collect::<Vec<_>>(), [(1, "B"), (2, "A")]);
    assert_eq!(s.ratings.iter().map(|r| r.result_rating.as_str()).collect::<Vec<_>>(), ["不满意", "满意"]);
    let kinds: Vec<&str> = s.events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "register",
            "review_pass",
            "review_return",
            "resubmit",
            "review_pass",
            "review_pass",
            "review_pass",
            "assign",
            "contact",
            "reply",
            "rate",
            "rehandle",
            "reply",
            "rate"
        ]
    );

    let f = c.t.renda.suggestion_figures(&FigureQuery::default()).unwrap();
    assert_eq!(
        (
            f.assigned,
            f.replied,
            f.replied_on_time,
            f.rated,
            f.satisfied,
            f.unsatisfied,
            f.rehandled,
            f.face_met,
            f.concluded
        ),
        (1, 1, 1, 1, 1, 0, 1, 1, 1)
    );
    assert_eq!(f.satisfaction_rate, Some(1.0), "满意率 uses the latest round");
    assert_eq!(f.first_satisfaction_rate, Some(0.0), "首次满意率 uses round 1");
    assert_eq!(f.solve_rate, Some(1.0));
    // the search index finds 2- and 4-character terms
    for q in ["消防", "消防安全", "农村 设施"] {
        assert_eq!(
            c.t.renda.suggestion_list(&SuggestionQuery { q: Some(q.into()), ..Default::default() }).unwrap().total,
            1,
            "{q}"
        );
    }
    assert_eq!(
        c.t.renda.suggestion_list(&SuggestionQuery { q: Some("预算".into()), ..Default::default() }).unwrap().total,
        0
    );
}

#[test]
fn refused_steps_change_nothing_and_say_why() {
    let mut c = setup();
    let id = register(&mut c, "关于修缮乡村道路的建议", "2024-01-11");
    let before = c.t.renda.suggestion_get(id).unwrap();
    let e = c.t.renda.suggestion_step(&StepRequest { id, date: None, step: steps::reply("A") }).unwrap_err();
    assert_eq!(e.code(), "not_allowed");
    assert!(e.to_string().contains("当前状态为「审查中」，不能进行「答复」"), "{e}");
    let e = c.t.renda.suggestion_step(&req(id, "2024-01-12", Step::ReviewReturn { note: " ".into() })).unwrap_err();
    assert_eq!(e.field_errors()[0].field, "note");
    let after = c.t.renda.suggestion_get(id).unwrap();
    assert_eq!(after.events.len(), before.events.len());
    file(&mut c, id);
    let e = c.t.renda.suggestion_step(&req(id, "2024-02-01", steps::assign(0, vec![], false))).unwrap_err();
    assert_eq!(e.field_errors()[0].field, "main_unit_id");
    let e =
        c.t.renda
            .suggestion_step(&req(
                id,
                "2024-02-01",
                Step::Assign(Assignment { main_unit_id: c.units[0], key_item: true, ..Default::default() }),
            ))
            .unwrap_err();
    assert_eq!(e.field_errors()[0].field, "supervisor");
    // a form with several problems names them all at once, each beside its field
    let e =
        c.t.renda
            .suggestion_step(&req(
                id,
                "2024-02-01",
                Step::Assign(Assignment { due_date: Some("2024-01-20".into()), key_item: true, ..Default::default() }),
            ))
            .unwrap_err();
    let fields: Vec<&str> = e.field_errors().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["main_unit_id", "due_date", "supervisor"], "{e}");
    assign(&mut c, id, "2024-02-01", false);
    step(&mut c, id, "2024-03-01", steps::reply("A"));
    let e =
        c.t.renda
            .suggestion_step(&req(
                id,
                "2024-03-05",
                Step::Rate(RatingInput {
                    work_rating: "很好".into(),
                    result_rating: String::new(),
                    adoption: Some("大概".into()),
                    note: None,
                }),
            ))
            .unwrap_err();
    let fields: Vec<&str> = e.field_errors().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["result_rating", "work_rating", "adoption"], "{e}");
    assert_eq!(c.t.renda.suggestion_get(id).unwrap().ratings.len(), 0, "a refused rating writes nothing");
    let id = register(&mut c, "关于修缮乡村道路的建议（二）", "2024-01-11");
    file(&mut c, id);
    assign(&mut c, id, "2024-02-01", false);
    let e = c.t.renda.suggestion_step(&req(id, "2024-03-01", steps::reply("E"))).unwrap_err();
    assert!(e.to_string().contains("答复类别「E」无法识别"));
    let e = renda::api::call(&mut c.t.renda, "suggestion_step", serde_json::json!({"id": id, "action": "nonsense"}))
        .unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    // every state refuses every action it does not list
    for state in STATES {
        for (action, _) in ACTIONS {
            assert_eq!(check_allowed(state, action).is_ok(), allowed_actions(state).contains(action));
        }
    }
}

#[test]
fn deadlines_extensions_and_the_six_month_rule() {
    let mut c = setup();
    let a = register(&mut c, "甲", "2024-01-11");
    file(&mut c, a);
    let s = assign(&mut c, a, "2024-08-31", true);
    assert_eq!(s.row.due_date.as_deref(), Some("2025-02-28"), "6 months when 涉及面广、处理难度大");
    let e =
        c.t.renda
            .suggestion_step(&req(
                a,
                "2025-01-10",
                Step::Extend { new_due_date: "2025-02-01".into(), note: "需调研".into() },
            ))
            .unwrap_err();
    assert_eq!(e.field_errors()[0].field, "new_due_date");
    let s = step(
        &mut c,
        a,
        "2025-01-10",
        Step::Extend { new_due_date: "2025-03-31".into(), note: "涉及多个部门，需联合调研".into() },
    );
    assert_eq!(s.row.due_date.as_deref(), Some("2025-03-31"));
    step(&mut c, a, "2025-03-20", steps::reply("A"));
    let f = c.t.renda.suggestion_figures(&FigureQuery::default()).unwrap();
    assert_eq!(f.replied_on_time, 1, "an approved extension moves the due date");

    // a unit may ask to return a mis-assigned item only within 7 working days of 交办
    let b = register(&mut c, "乙", "2025-09-20");
    file(&mut c, b);
    assign(&mut c, b, "2025-09-26", false); // the Friday before the National Day holiday
                                            // 7 working days: 9-28 (a Sunday worked for 调休), 9-29, 9-30, [10-1 … 10-8
                                            // holiday], 10-9,
                                            // 10-10, 10-11 (a Saturday worked), 10-13
    let late =
        c.t.renda.suggestion_step(&req(b, "2025-10-14", Step::ReturnRequest { note: "不属于本单位职责".into() }));
    assert!(late.unwrap_err().to_string().contains("2025-10-13 前"));
    let s = step(&mut c, b, "2025-10-13", Step::ReturnRequest { note: "不属于本单位职责".into() });
    assert_eq!((s.row.state.as_str(), s.row.main_unit.as_deref()), (FILED, None));
}

#[test]
fn class_b_answers_are_followed_up_until_kept() {
    let mut c = setup();
    let id = register(&mut c, "关于建设文化广场的建议", "2024-01-11");
    file(&mut c, id);
    assign(&mut c, id, "2024-02-01", false);
    let answer = ReplyInput { class: "B".into(), planned_deadline: Some("2024-12-31".into()), ..Default::default() };
    step(&mut c, id, "2024-03-01", Step::Reply(answer));
    let s = step(&mut c, id, "2024-03-10", steps::rate("满意", "基本满意"));
    assert_eq!(s.row.state, FOLLOWING);
    // the 征询 line names 跟踪落实, never 办结, which the suggestion is not yet
    let rated = |c: &Case| c.t.renda.suggestion_get(id).unwrap().events.last().unwrap().summary.clone();
    assert!(rated(&c).ends_with("，B类答复转入跟踪落实") && !rated(&c).contains("办结"), "{}", rated(&c));
    // a line stored with the older wording reads the same
    let db = rusqlite::Connection::open(c.t.dir.path().join("renda.db")).unwrap();
    db.execute(
        "UPDATE suggestion_events SET summary = replace(summary, '，B类', '，办结；B类') WHERE suggestion_id = ?1 AND kind = 'rate'",
        [id],
    )
    .unwrap();
    let stored: String = db
        .query_row("SELECT summary FROM suggestion_events WHERE suggestion_id = ?1 AND kind = 'rate'", [id], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(stored.ends_with("基本满意，办结；B类答复转入跟踪落实"), "{stored}");
    assert!(rated(&c).ends_with("基本满意，B类答复转入跟踪落实"), "{}", rated(&c));
    step(&mut c, id, "2024-10-01", Step::Followup { kind: Some("回头看".into()), note: "广场已完成土建".into() });
    let s = step(&mut c, id, "2024-12-20", Step::Complete { note: None });
    assert_eq!(s.row.state, IMPLEMENTED);
    let f = c.t.renda.suggestion_figures(&FigureQuery::default()).unwrap();
    assert_eq!((f.concluded, f.solve_rate), (1, Some(0.0)));
}

#[test]
fn figures_against_hand_computed_values() {
    let mut c = setup();
    // five suggestions: (reply class, first rating, second rating, face to face?, on time?)
    type Case<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>, bool, bool);
    let plan: [Case; 5] = [
        (Some("A"), Some("满意"), None, true, true),
        (Some("B"), Some("基本满意"), None, false, true),
        (Some("C"), Some("不满意"), Some("满意"), true, false),
        (Some("D"), Some("未表态"), None, false, true),
        (None, None, None, false, true),
    ];
    let (u0, u1) = (c.units[0], c.units[1]);
    for (i, (class, r1, r2, face, on_time)) in plan.iter().enumerate() {
        let id = register(&mut c, &format!("建议{i}"), "2024-01-11");
        file(&mut c, id);
        let main = if i < 3 { u0 } else { u1 };
        step(&mut c, id, "2024-02-01", steps::assign(main, if i == 4 { vec![u0] } else { vec![] }, false));
        step(&mut c, id, "2024-02-05", steps::contact(if *face { "上门" } else { "电话" }));
        let Some(class) = class else { continue };
        let reply_date = if *on_time { "2024-04-15" } else { "2024-05-15" };
        step(&mut c, id, reply_date, steps::reply(class));
        if let Some(r) = r1 {
            step(&mut c, id, "2024-05-20", steps::rate(r, r));
        }
        if let Some(r) = r2 {
            step(&mut c, id, "2024-05-21", steps::rehandle());
            step(&mut c, id, "2024-06-10", steps::reply("A"));
            step(&mut c, id, "2024-06-20", steps::rate(r, r));
        }
    }
    let f = c.t.renda.suggestion_figures(&FigureQuery::default()).unwrap();
    assert_eq!(f.assigned, 5);
    assert_eq!(f.replied, 4);
    assert_eq!(f.reply_rate, Some(0.8));
    assert_eq!(f.on_time_rate, Some(0.6), "3 of 5 replied by the due date");
    // latest round: 满意, 基本满意, 满意 (after 重办), 未表态 (not rated) → 3 rated, 3 satisfied
    assert_eq!((f.rated, f.satisfied, f.basically_satisfied), (3, 2, 1));
    assert_eq!(f.satisfaction_rate, Some(1.0));
    // first round: 满意, 基本满意, 不满意 → 2 of 3
    assert_eq!(f.first_satisfaction_rate, Some(2.0 / 3.0));
    assert_eq!(f.rehandled, 1);
    assert_eq!(f.face_rate, Some(0.4));
    // classes of the latest reply: A (1), B, A (after 重办), D → A 2 of 4
    assert_eq!(f.by_class.iter().map(|c| c.count).collect::<Vec<_>>(), [2, 1, 0, 1]);
    assert_eq!(f.solve_rate, Some(0.5));
    assert_eq!(renda::excel::write::pct_text(f.first_satisfaction_rate), "66.7%");

    let units = c.t.renda.unit_figures(&FigureQuery::default()).unwrap();
    let fin = units.iter().find(|u| u.unit == "县财政局").unwrap();
    assert_eq!((fin.figures.main_count, fin.figures.co_count, fin.figures.replied), (3, 1, 3));
    let trans = units.iter().find(|u| u.unit == "县交通运输局").unwrap();
    assert_eq!((trans.figures.main_count, trans.figures.replied, trans.figures.reply_rate), (2, 1, Some(0.5)));
    let none = c.t.renda.suggestion_figures(&FigureQuery { year: Some(1999), ..Default::default() }).unwrap();
    assert_eq!((none.assigned, none.reply_rate), (0, None));
    assert_eq!(renda::excel::write::pct_text(none.reply_rate), "—");
    let cats = c.t.renda.category_counts(&FigureQuery::default()).unwrap();
    assert_eq!(cats.iter().find(|x| x.category == "城建环资").unwrap().count, 5);
}

#[test]
fn reminders_of_the_morning() {
    let mut c = setup();
    let today = renda::suggestions::today();
    let d = |n: i64| (today + chrono::Duration::days(n)).format("%Y-%m-%d").to_string();
    // overdue: assigned long ago with a due date set in the past
    let a = register(&mut c, "逾期的", &d(-200));
    file(&mut c, a);
    let u = c.units[0];
    step(&mut c, a, &d(-100), steps::assign_due(u, &d(-3)));
    let b = register(&mut c, "快到期的", &d(-200));
    file(&mut c, b);
    step(&mut c, b, &d(-80), steps::assign_due(u, &d(3)));
    // 闭会期间, not yet assigned
    let e =
        c.t.renda
            .suggestion_create(&SuggestionInput {
                period: "闭会".into(),
                title: "闭会期间的建议".into(),
                lead_deputy_id: c.lead,
                received_date: d(-10),
                ..Default::default()
            })
            .unwrap();
    let r = c.t.renda.reminders().unwrap();
    assert_eq!(r.overdue.iter().map(|x| x.id).collect::<Vec<_>>(), [a]);
    assert_eq!(r.overdue[0].days, Some(-3));
    assert_eq!(r.due_soon.iter().map(|x| x.id).collect::<Vec<_>>(), [b]);
    assert_eq!(r.recess_unassigned.iter().map(|x| x.id).collect::<Vec<_>>(), [e.row.id]);
    assert!(r.recess_unassigned[0].days.unwrap() < 0, "received 10 days ago: past the 5-working-day limit");
    let overdue =
        c.t.renda.suggestion_list(&SuggestionQuery { due: Some("overdue".into()), ..Default::default() }).unwrap();
    assert_eq!(overdue.total, 1);
    assert!(overdue.items[0].days_left.unwrap() < 0);
}

fn sheet_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let name = wb.sheet_names()[0].clone();
    wb.worksheet_range(&name).unwrap().rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

#[test]
fn the_four_report_tables_and_the_two_forms() {
    let mut c = setup();
    let id = register(&mut c, "关于加强农村消防安全设施建设的建议", "2024-01-11");
    file(&mut c, id);
    assign(&mut c, id, "2024-02-01", false);
    let answer =
        ReplyInput { class: "A".into(), doc_no: Some("清财函〔2024〕12号".into()), ..Default::default() };
    step(&mut c, id, "2024-03-01", Step::Reply(answer));
    step(&mut c, id, "2024-03-10", steps::rate("满意", "满意"));
    let other = register(&mut c, "关于增设城区停车位的建议", "2024-01-11");
    file(&mut c, other);

    let stats = sheet_rows(&c.t.renda.export_unit_stats(&FigureQuery::default()).unwrap());
    let header = stats.iter().find(|r| r[0] == "单位").unwrap();
    assert_eq!(
        header,
        &[
            "单位",
            "主办件",
            "协办件",
            "已答复",
            "按期答复",
            "A",
            "B",
            "C",
            "D",
            "满意",
            "基本满意",
            "不满意",
            "见面率",
            "办复率",
            "满意率"
        ]
    );
    let fin = stats.iter().find(|r| r[0] == "县财政局").unwrap();
    assert_eq!(&fin[1..6], ["1", "0", "1", "1", "1"]);
    let trans = stats.iter().find(|r| r[0] == "县交通运输局").unwrap();
    assert_eq!(&trans[1..4], ["0", "1", "0"], "a 协办件 is counted, the reply figures are the 主办单位's");
    assert!(stats.iter().any(|r| r[0] == "合计"));

    let list = sheet_rows(&c.t.renda.export_assignment_list(&SuggestionQuery::default()).unwrap());
    assert!(list.iter().any(|r| r.starts_with(&["编号".to_string(), "案由".to_string()])));
    assert_eq!(
        list.iter().filter(|r| r[1].starts_with("关于")).count(),
        1,
        "only assigned suggestions are on the 交办清单"
    );
    let ledger = sheet_rows(&c.t.renda.export_ledger(&SuggestionQuery::default()).unwrap());
    assert_eq!(ledger.iter().find(|r| r[0] == "编号").unwrap().len(), 23);
    let row = ledger.iter().find(|r| r[1].contains("消防")).unwrap();
    assert!(row.contains(&"清财函〔2024〕12号".to_string()) && row.contains(&"A类".to_string()));
    let cats = sheet_rows(&c.t.renda.export_category_stats(&FigureQuery::default()).unwrap());
    // table 4 counts what every figure counts: the assigned suggestions (one of the two is not yet)
    assert!(cats.iter().any(|r| r[0] == "城建环资" && r[1] == "1"), "{cats:?}");
    let form = sheet_rows(&c.t.renda.export_suggestion_form(id, "rating").unwrap());
    assert!(form[0][0].contains("征询意见表"));
    assert!(form.iter().any(|r| r[0] == "对办理结果的意见" && r[1].contains("□满意")));
    let hand = sheet_rows(&c.t.renda.export_suggestion_form(id, "handover").unwrap());
    assert!(hand.iter().any(|r| r[0] == "主办单位" && r[1] == "县财政局"));

    // Through the dispatch the window uses: a form is named after its suggestion, so two forms of
    // one day never overwrite each other in the user's folder.
    let number = c.t.renda.suggestion_get(id).unwrap().row.number_text;
    let r = renda::api::call(
        &mut c.t.renda,
        "export_list",
        serde_json::json!({"kind": "handover-form", "query": {"id": id}}),
    )
    .unwrap();
    let name = r["file_name"].as_str().unwrap();
    assert!(name.starts_with(&format!("代表建议交办单-{number}-")) && name.ends_with(".xlsx"), "{name}");
    let r =
        renda::api::call(&mut c.t.renda, "export_list", serde_json::json!({"kind": "ledger", "query": {}})).unwrap();
    assert!(r["file_name"].as_str().unwrap().starts_with("建议办理情况台账-2"), "{r}");
}

#[test]
fn a_messy_county_summary_sheet_imports_once() {
    use renda::excel::import::ImportOptions;
    use rust_xlsxwriter::Workbook;
    let mut c = setup();
    c.t.renda.deputy_create(&deputy("王　五")).unwrap();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.merge_range(
        0,
        0,
        0,
        9,
        "县第十八届人民代表大会第二次会议代表建议办理情况汇总表",
        &rust_xlsxwriter::Format::new(),
    )
    .unwrap();
    ws.write(1, 0, "填报单位：县人大常委会代表工委").unwrap();
    let header = [
        "序号",
        "建议编号",
        "案由",
        "领衔人",
        "附议代表",
        "承办单位",
        "协办",
        "交办日期",
        "答复日期",
        "答复类别",
        "代表满意度",
        "备注",
    ];
    for (i, h) in header.iter().enumerate() {
        ws.write(2, i as u16, *h).unwrap();
    }
    let rows: &[[&str; 12]] = &[
        [
            "1",
            "第1号",
            "关于修缮县道的建议",
            "张三",
            "李四、王五",
            "县交通运输局",
            "县财政局、县发展和改革委员会",
            "2024-02-01",
            "2024-04-10",
            "A类",
            "满意",
            "",
        ],
        [
            "2",
            "002",
            "关于增设路灯的建议",
            "王 五",
            "",
            "县城市管理局",
            "",
            "2024/2/1",
            "2024年4月20日",
            "B",
            "基本满意",
            "新单位",
        ],
        ["3", "3", "关于整治河道的建议", "赵六", "", "县水利局", "", "2024-02-01", "", "", "", ""],
        ["4", "第4号", "关于加强校园安全的建议", "李四", "", "县教育局", "", "2024-02-01", "2024-04-01", "E类", "", ""],
        ["5", "5号", "关于农村饮水的建议", "张三", "", "县水利局", "", "2024-02-01", "2024-03-01", "C", "不满意", ""],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (i, v) in row.iter().enumerate() {
            ws.write(r as u32 + 3, i as u16, *v).unwrap();
        }
    }
    ws.write(8, 0, "合计").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let preview =
        c.t.renda
            .import_suggestions(&bytes, "汇总表.xlsx", &ImportOptions { dry_run: true, ..Default::default() }, None)
            .unwrap();
    let msgs: Vec<&str> = preview.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    assert!(msgs[0].starts_with("第6行「领衔人」「赵六」不在代表名册中"), "{}", msgs[0]);
    assert!(msgs[1].starts_with("第7行「答复类别」无法识别：E类"), "{}", msgs[1]);
    assert!(
        preview.notes.iter().any(|n| n.contains("将新建：会次") && n.contains("第二次会议")),
        "{:?}",
        preview.notes
    );
    assert_eq!(preview.created.get("sessions"), Some(&vec!["县第十八届人民代表大会第二次会议".to_string()]));
    assert!(preview.notes.iter().any(|n| n.contains("县城市管理局")), "unknown units are listed: {:?}", preview.notes);
    assert_eq!(preview.added, 3);

    let done = c
        .t
        .renda
        .import_suggestions(&bytes, "汇总表.xlsx", &ImportOptions { skip_invalid: true, ..Default::default() }, None)
        .unwrap();
    assert!(done.committed);
    let all = c.t.renda.suggestion_list(&SuggestionQuery { page_size: Some(0), ..Default::default() }).unwrap();
    let get = |n: i64| all.items.iter().find(|s| s.number == Some(n)).unwrap();
    assert_eq!(get(1).state, CONCLUDED);
    assert_eq!(get(1).cosigners.len(), 2, "王五 written 王　五 in the roster is found");
    assert_eq!((get(2).state.as_str(), get(2).main_unit.as_deref()), (FOLLOWING, Some("县城市管理局")));
    assert_eq!(get(5).state, UNSATISFIED);
    assert_eq!(get(1).session_name, "县第十八届人民代表大会第二次会议");
    let d = c.t.renda.suggestion_get(get(1).id).unwrap();
    assert_eq!(d.events[0].kind, "import");
    assert_eq!(d.ratings[0].work_rating, "满意", "a single 满意度 column is both ratings");

    // the same file again changes nothing; a corrected file updates in place
    let again = c
        .t
        .renda
        .import_suggestions(&bytes, "汇总表.xlsx", &ImportOptions { skip_invalid: true, ..Default::default() }, None)
        .unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 3));
    // the 协办单位 listed in another order are the same units: nothing changes, nothing is appended
    let reordered =
        rewrite_cells(&bytes, |t| t.replace("县财政局、县发展和改革委员会", "县发展和改革委员会、县财政局"));
    let events = c.t.renda.suggestion_get(get(1).id).unwrap().events.len();
    let again =
        c.t.renda
            .import_suggestions(
                &reordered,
                "汇总表.xlsx",
                &ImportOptions { skip_invalid: true, ..Default::default() },
                None,
            )
            .unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 3));
    assert_eq!(c.t.renda.suggestion_get(get(1).id).unwrap().events.len(), events);
    assert_eq!(c.t.renda.suggestion_list(&SuggestionQuery::default()).unwrap().total, 3);
    let f = c.t.renda.suggestion_figures(&FigureQuery::default()).unwrap();
    assert_eq!((f.assigned, f.replied, f.rated, f.unsatisfied), (3, 3, 3, 1));
}

/// A workbook saved again with every cell's text passed through `edit` (the first sheet only).
fn rewrite_cells(bytes: &[u8], edit: impl Fn(String) -> String) -> Vec<u8> {
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    let mut out = rust_xlsxwriter::Workbook::new();
    let ws = out.add_worksheet();
    for (r, row) in range.rows().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            ws.write(r as u32, c as u16, edit(cell.to_string())).unwrap();
        }
    }
    out.save_to_buffer().unwrap()
}

#[test]
fn settings_and_the_calendar_are_editable() {
    let mut c = setup();
    let mut s = c.t.renda.suggestion_settings().unwrap();
    assert_eq!(s.review_levels.len(), 3);
    s.review_levels = vec!["代表工委审查".into()];
    s.reply_months = 2;
    s.classes.truncate(3);
    c.t.renda.set_suggestion_settings(&s).unwrap();
    let id = register(&mut c, "一级审查的建议", "2025-03-03");
    let f = step(&mut c, id, "2025-03-03", steps::pass());
    assert_eq!(f.row.state, FILED, "one review level configured");
    let a = assign(&mut c, id, "2025-03-05", false);
    assert_eq!(a.row.due_date.as_deref(), Some("2025-05-05"));
    let bad = SuggestionSettings { review_levels: vec![], ..Default::default() };
    assert_eq!(c.t.renda.set_suggestion_settings(&bad).unwrap_err().field_errors()[0].field, "review_levels");
    let bad = SuggestionSettings { reply_months: 0, number_format: "第号".into(), warn_days: -1, ..s.clone() };
    let fields: Vec<String> =
        c.t.renda.set_suggestion_settings(&bad).unwrap_err().field_errors().iter().map(|f| f.field.clone()).collect();
    assert_eq!(fields, ["reply_months", "warn_days", "number_format"], "every problem at once");
    assert_eq!(c.t.renda.suggestion_settings().unwrap().reply_months, 2, "a refused form changes nothing");

    let days = c.t.renda.calendar_list(2025).unwrap();
    assert!(days.iter().any(|d| d.date == "2025-10-01" && d.kind == "holiday" && d.builtin));
    c.t.renda.calendar_set("2025-03-07", "holiday", "县里补休").unwrap();
    assert!(!c.t.renda.calendar().unwrap().is_workday(chrono::NaiveDate::from_ymd_opt(2025, 3, 7).unwrap()));
    assert!(c.t.renda.calendar_list(2025).unwrap().iter().any(|d| d.date == "2025-03-07" && !d.builtin));
    assert_eq!(c.t.renda.calendar_set("2025-03-07", "bogus", "").unwrap_err().code(), "invalid_input");
    c.t.renda.calendar_set("2025-03-07", "normal", "").unwrap();
    assert!(
        c.t.renda.calendar().unwrap().is_workday(chrono::NaiveDate::from_ymd_opt(2025, 3, 7).unwrap()),
        "a user's day is undone"
    );
    // a shipped holiday can be made an ordinary day (a county that works on it), and back
    let oct1 = chrono::NaiveDate::from_ymd_opt(2025, 10, 1).unwrap();
    c.t.renda.calendar_set("2025-10-01", "normal", "本县照常上班").unwrap();
    assert!(c.t.renda.calendar().unwrap().is_workday(oct1));
    assert!(!c.t.renda.calendar_list(2025).unwrap().iter().any(|d| d.date == "2025-10-01"));
    c.t.renda.calendar_set("2025-10-01", "holiday", "国庆节").unwrap();
    assert!(!c.t.renda.calendar().unwrap().is_workday(oct1));
}

#[test]
fn the_ledger_by_number_lists_unnumbered_suggestions_last() {
    let mut c = setup();
    let waiting = register(&mut c, "尚在审查的建议", "2024-01-10");
    let a = register(&mut c, "第一件立案的建议", "2024-01-11");
    file(&mut c, a);
    let b = register(&mut c, "第二件立案的建议", "2024-01-12");
    file(&mut c, b);
    for desc in [false, true] {
        let rows =
            c.t.renda.suggestion_list(&SuggestionQuery { desc: Some(desc), ..Default::default() }).unwrap().items;
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        assert_eq!(ids, if desc { [b, a, waiting] } else { [a, b, waiting] }, "desc = {desc}");
    }
}

/// The facts a suggestion's row holds, as the figures read them.
type Facts = (String, Option<String>, Option<String>, Option<String>, Option<bool>, Option<String>, Option<String>);

fn facts(r: &Renda, id: i64) -> Facts {
    r.conn()
        .query_row(
            "SELECT state, due_date, first_reply_date, reply_class, replied_on_time, latest_result, concluded_date
               FROM suggestions WHERE id = ?1",
            [id],
            |x| Ok((x.get(0)?, x.get(1)?, x.get(2)?, x.get(3)?, x.get(4)?, x.get(5)?, x.get(6)?)),
        )
        .unwrap()
}

#[test]
fn import_step_and_demo_write_the_same_facts() {
    use renda::excel::import::ImportOptions;
    let mut c = setup();
    // (交办, 答复, class, 满意度): late and followed up; on time and 不满意; on time and 办结
    let cases = [
        ("2024-02-01", "2024-05-10", "B", "基本满意"),
        ("2024-02-01", "2024-03-01", "A", "不满意"),
        ("2024-02-01", "2024-04-30", "A", "满意"),
    ];
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write(0, 0, "县第十八届人民代表大会第一次会议建议办理情况汇总表").unwrap();
    for (i, h) in
        ["编号", "案由", "领衔代表", "主办单位", "交办日期", "答复日期", "答复类别", "满意度"].iter().enumerate()
    {
        ws.write(1, i as u16, *h).unwrap();
    }
    for (r, (assigned, replied, class, rating)) in cases.iter().enumerate() {
        let title = format!("导入的建议{r}");
        let row = [&(r + 1).to_string(), &title, "张三", "县财政局", *assigned, *replied, *class, *rating];
        for (i, v) in row.iter().enumerate() {
            ws.write(r as u32 + 2, i as u16, *v).unwrap();
        }
    }
    let bytes = wb.save_to_buffer().unwrap();
    let sid = session_id(&c.t.renda);
    let done = c.t.renda.import_suggestions(&bytes, "汇总表.xlsx", &ImportOptions::default(), Some(sid)).unwrap();
    assert!(done.committed, "{:?}", done.errors);
    let all = c.t.renda.suggestion_list(&SuggestionQuery { page_size: Some(0), ..Default::default() }).unwrap();
    for (r, (assigned, replied, class, rating)) in cases.iter().enumerate() {
        let imported = all.items.iter().find(|s| s.title == format!("导入的建议{r}")).unwrap().id;
        // the same suggestion stepped: the sheet has no date of the 征询, so it is the reply's
        let id = register(&mut c, &format!("登记的建议{r}"), "2024-01-11");
        file(&mut c, id);
        let finance = c.units[0];
        step(&mut c, id, assigned, steps::assign(finance, vec![], false));
        step(&mut c, id, replied, steps::reply(class));
        step(&mut c, id, replied, steps::rate(rating, rating));
        let (a, b) = (facts(&c.t.renda, imported), facts(&c.t.renda, id));
        assert_eq!(a, b, "row {r}: imported vs. stepped");
        // 办结 is dated by the rating that ends it (DOMAIN.md §1.1); 不满意 is not 办结
        let concluded = (*rating != "不满意").then(|| replied.to_string());
        assert_eq!(b.6, concluded, "row {r}");
    }
    assert_eq!(facts(&c.t.renda, all.items[0].id).4, Some(false), "replied after the due date 2024-05-01");
    // the same sheet again: nothing changes, no reply or rating is written twice
    let again = c.t.renda.import_suggestions(&bytes, "汇总表.xlsx", &ImportOptions::default(), Some(sid)).unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 3));
    let s = c.t.renda.suggestion_get(all.items[0].id).unwrap();
    assert_eq!((s.replies.len(), s.ratings.len()), (1, 1));

    // the demo writes through the same writers: its facts follow the same rules
    let mut t = fresh();
    t.renda.load_demo(renda::demo::Scale::Small).unwrap();
    let wrong: i64 = t
        .renda
        .conn()
        .query_row(
            "SELECT count(*) FROM suggestions s WHERE
               (s.state IN ('办结', '跟踪落实', '落实完毕') AND s.concluded_date IS NOT
                  (SELECT r.rated_date FROM suggestion_ratings r WHERE r.suggestion_id = s.id ORDER BY r.id DESC LIMIT 1))
            OR (s.state = '不满意' AND s.concluded_date IS NOT NULL)
            OR (s.round = 1 AND s.first_reply_date IS NOT NULL
                AND s.replied_on_time IS NOT (s.due_date IS NULL OR s.first_reply_date <= s.due_date))",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(wrong, 0, "demo suggestions whose 办结 date or on-time flag breaks the rules");
}

/// The window lists the reminder kinds the engine sends, in its order: every kind names a list of
/// `Reminders`, and `renda reminders` prints the same kinds with the same labels.
#[test]
fn reminder_kinds_are_declared_once_and_name_their_lists() {
    let mut t = fresh();
    t.renda.load_demo(renda::demo::Scale::Small).unwrap();
    let r = &t.renda;
    let rem = r.reminders().unwrap();
    let json = serde_json::to_value(&rem).unwrap();
    let keys: Vec<&str> = rem.kinds.iter().map(|k| k.kind.as_str()).collect();
    assert_eq!(keys.len(), 7);
    for k in &rem.kinds {
        let list = json[&k.kind].as_array().unwrap_or_else(|| panic!("Reminders has no list `{}`", k.kind));
        assert_eq!(list.len(), rem.of(&k.kind).len());
        assert!(!k.label.is_empty() && !k.hint.is_empty());
    }
    let morning = r.morning().unwrap();
    let printed: Vec<(&str, &str)> = morning.groups.iter().map(|g| (g.kind.as_str(), g.label.as_str())).collect();
    let sent: Vec<(&str, &str)> = rem.kinds.iter().map(|k| (k.kind.as_str(), k.label.as_str())).collect();
    assert_eq!(&printed[..sent.len()], &sent[..]);
}

#[test]
fn numbers_are_told_apart_by_session_and_a_freed_one_can_be_chosen() {
    let mut c = setup();
    let ids: Vec<i64> =
        ["甲", "乙", "丙"].iter().map(|t| register(&mut c, &format!("关于{t}的建议"), "2024-01-11")).collect();
    let pass = |number| Step::ReviewPass { note: None, number };
    for id in &ids[..2] {
        file(&mut c, *id);
    }
    // a recess suggestion is 第1号 too: its row says it is the recess's
    let recess =
        c.t.renda
            .suggestion_create(&SuggestionInput {
                period: "闭会".into(),
                title: "关于闭会期间的建议".into(),
                lead_deputy_id: c.lead,
                received_date: "2024-03-01".into(),
                ..Default::default()
            })
            .unwrap()
            .row
            .id;
    file(&mut c, recess);
    let list = c.t.renda.suggestion_list(&SuggestionQuery { page_size: Some(0), ..Default::default() }).unwrap();
    let label = |id: i64| list.items.iter().find(|r| r.id == id).unwrap().session_label.clone();
    assert_eq!(label(recess), "闭会期间");
    assert_eq!(label(ids[0]), "第一次会议");
    // a number freed (the first one corrected to 5): offered, and taken at the review
    c.t.renda.conn().execute("UPDATE suggestions SET number = 5 WHERE id = ?1", [ids[0]]).unwrap();
    assert_eq!(c.t.renda.suggestion_free_numbers(ids[2]).unwrap(), [1, 3, 4]);
    // the last review level gives the number
    let levels = c.t.renda.suggestion_settings().unwrap().review_levels.len() as i64;
    while c.t.renda.suggestion_get(ids[2]).unwrap().review_level + 1 < levels {
        step(&mut c, ids[2], "2024-01-12", pass(None));
    }
    let taken = c.t.renda.suggestion_step(&req(ids[2], "2024-01-12", pass(Some(2))));
    assert!(taken.unwrap_err().to_string().contains("不是空出的编号"), "a number held is refused");
    let s = step(&mut c, ids[2], "2024-01-12", pass(Some(3)));
    assert_eq!(s.row.number, Some(3));
    assert_eq!(c.t.renda.suggestion_free_numbers(ids[2]).unwrap(), [1, 4]);
}
