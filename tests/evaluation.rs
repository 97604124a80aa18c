//! 履职评议 and 履职积分 on a real SQLite file: results against hand-computed values, refused
//! counts, locking, points derived from the records with caps, the printed tables, ballots imported.

mod common;

use common::*;
use renda::evaluation::model::*;
use renda::excel::import::ImportOptions;
use renda::roster::model::*;
use renda::stations::model::EntryInput;
use renda::suggestions::model::{Assignment, Step, StepRequest, SuggestionInput};

fn sheet_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let name = wb.sheet_names()[0].clone();
    wb.worksheet_range(&name).unwrap().rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

fn two_officials(t: &mut TestData, rule: &str) -> Evaluation {
    let mut e = t.renda.evaluation_preset(rule, 2024).unwrap();
    e.groups = vec![
        RaterGroup { id: 0, name: "常委会组成人员".into(), weight: 0.6, expected: 20 },
        RaterGroup { id: 0, name: "人大代表".into(), weight: 0.4, expected: 40 },
    ];
    e.subjects = vec![
        Subject { name: "王　强".into(), post: Some("县水利局局长".into()), ..Default::default() },
        Subject { name: "李梅".into(), post: Some("县教育局局长".into()), ..Default::default() },
    ];
    t.renda.evaluation_create(&e).unwrap()
}

fn count(e: &Evaluation, s: usize, g: usize, present: i64, sat: i64, basic: i64, unsat: i64) -> BallotCount {
    BallotCount {
        subject_id: e.subjects[s].id,
        group_id: e.groups[g].id,
        present,
        invalid: 0,
        satisfied: sat,
        basic,
        unsatisfied: unsat,
        abstain: 0,
    }
}

#[test]
fn results_against_hand_computed_values() {
    let mut t = fresh();
    let e = two_officials(&mut t, "majority");
    assert_eq!(e.subjects[0].name, "王强", "a padded name is one person");
    let r = t
        .renda
        .ballots_set(&BallotArgs {
            evaluation_id: e.id,
            counts: vec![
                count(&e, 0, 0, 18, 12, 4, 2),  // 王强, 常委会 (应到 20): 12 > 10 → 满意
                count(&e, 0, 1, 36, 20, 10, 6), // 王强, 代表 (应到 40): 20 is exactly half → 基本满意
                count(&e, 1, 0, 18, 9, 1, 8),   // 李梅: 9 + 1 = 10 of 20, exactly half → 不满意
                count(&e, 1, 1, 36, 30, 4, 2),
            ],
            scores: vec![],
        })
        .unwrap();
    let wang = &r.subjects[0];
    assert_eq!((wang.groups[0].grade.as_deref(), wang.groups[1].grade.as_deref()), (Some("满意"), Some("基本满意")));
    assert_eq!(r.subjects[1].groups[0].grade.as_deref(), Some("不满意"));
    // 满意率 of the 常委会 group: 12 of 18 valid
    assert!((wang.groups[0].satisfied_rate.unwrap() - 12.0 / 18.0).abs() < 1e-9);
    // composite: group scores (12×100 + 4×60)/18 = 80.0 and (20×100 + 10×60)/36 = 72.22, weighted 0.6 / 0.4
    let expected = 0.6 * 80.0 + 0.4 * (2600.0 / 36.0);
    assert!((wang.score.unwrap() - expected).abs() < 1e-9, "{:?}", wang.score);
    // overall under the majority rule: 32 满意 of 60 应到 (> 30) → 满意
    assert_eq!((wang.total.satisfied, wang.grade.as_deref()), (32, Some("满意")));
    // 李梅: (9×100 + 60)/18 = 53.33 and (30×100 + 4×60)/36 = 90, weighted → 68.0; ranked below 王强 (76.89)
    assert!((r.subjects[1].score.unwrap() - 68.0).abs() < 1e-9);
    assert_eq!((wang.rank, r.subjects[1].rank), (Some(1), Some(2)));
    assert!(r.complete);
}

#[test]
fn counts_that_do_not_add_up_are_refused_and_nothing_is_written() {
    let mut t = fresh();
    let e = two_officials(&mut t, "two_thirds");
    let bad = BallotArgs {
        evaluation_id: e.id,
        counts: vec![count(&e, 0, 0, 21, 15, 4, 2), count(&e, 1, 1, 30, 20, 5, 4)],
        scores: vec![],
    };
    let err = t.renda.ballots_set(&bad).unwrap_err();
    let msgs: Vec<&str> = err.field_errors().iter().map(|f| f.message.as_str()).collect();
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    assert!(msgs[0].contains("「王强」常委会组成人员：实到 21 人超过应到 20 人"));
    assert!(msgs[1].contains("「李梅」人大代表") && msgs[1].contains("与有效票 30 张"), "{}", msgs[1]);
    assert!(t.renda.ballots_get(e.id).unwrap().counts.is_empty(), "all or nothing");
}

#[test]
fn a_closed_evaluation_is_locked_and_a_reopen_is_audited() {
    let mut t = fresh();
    let e = two_officials(&mut t, "competent");
    let first = BallotArgs {
        evaluation_id: e.id,
        counts: vec![count(&e, 0, 0, 20, 16, 2, 2), count(&e, 0, 1, 40, 32, 4, 4)],
        scores: vec![],
    };
    t.renda.ballots_set(&first).unwrap();
    assert_eq!(t.renda.evaluation_close(e.id).unwrap_err().code(), "not_allowed", "every subject counted first");
    let rest = BallotArgs {
        evaluation_id: e.id,
        counts: vec![count(&e, 1, 0, 20, 10, 5, 5), count(&e, 1, 1, 40, 19, 11, 10)],
        scores: vec![],
    };
    let r = t.renda.ballots_set(&rest).unwrap();
    // 称职率: 王强 48 of 60 = 80% exactly → 称职; 李梅 29 of 60 < 50% → 不称职
    assert_eq!(r.subjects[0].grade.as_deref(), Some("称职"));
    assert_eq!(r.subjects[1].grade.as_deref(), Some("不称职"));
    t.renda.evaluation_close(e.id).unwrap();
    assert_eq!(t.renda.ballots_set(&rest).unwrap_err().code(), "not_allowed");
    assert!(t.renda.evaluation_results(e.id).unwrap().locked);
    assert_eq!(t.renda.evaluation_reopen(e.id, " ").unwrap_err().field_errors()[0].field, "reason");
    t.renda.evaluation_reopen(e.id, "计票有误，更正人大代表组票数").unwrap();
    let log = t.renda.audit_list(Some("evaluation"), None, Some(0)).unwrap();
    assert!(log.items.iter().any(|a| a.summary.contains("重新开放") && a.summary.contains("计票有误")));
    // next year's evaluation copied from this one: same template and people, no ballots
    let next = t.renda.evaluation_copy(e.id, 2025).unwrap();
    assert_eq!((next.year, next.groups.len(), next.subjects.len(), next.status.as_str()), (2025, 2, 2, "open"));
    assert!(t.renda.ballots_get(next.id).unwrap().counts.is_empty());
}

#[test]
fn the_hundred_point_score_with_the_automatic_criterion() {
    let mut t = fresh();
    let unit = t
        .renda
        .unit_create(&UnitInput { name: "县水利局".into(), kind: "政府部门".into(), ..Default::default() })
        .unwrap()
        .id;
    let mut e = t.renda.evaluation_preset("score100", 2024).unwrap();
    e.kind = "乡镇人大工作评价".into();
    e.groups = vec![RaterGroup { id: 0, name: "评分组".into(), weight: 1.0, expected: 5 }];
    e.criteria = vec![
        Criterion { id: 0, name: "工作实绩".into(), weight: 0.7, auto: None },
        Criterion { id: 0, name: "建议办理".into(), weight: 0.3, auto: Some("suggestions".into()) },
    ];
    e.subjects = vec![Subject { name: "王强".into(), unit_id: Some(unit), ..Default::default() }];
    let e = t.renda.evaluation_create(&e).unwrap();
    let score = |v: f64| ScoreEntry {
        subject_id: e.subjects[0].id,
        group_id: e.groups[0].id,
        criterion_id: e.criteria[0].id,
        score: v,
    };
    // no suggestions were handled: the automatic criterion has no value and its weight drops out
    let r =
        t.renda.ballots_set(&BallotArgs { evaluation_id: e.id, counts: vec![], scores: vec![score(90.0)] }).unwrap();
    assert_eq!((r.subjects[0].score, r.subjects[0].grade.as_deref()), (Some(90.0), Some("优秀")));
    let r =
        t.renda.ballots_set(&BallotArgs { evaluation_id: e.id, counts: vec![], scores: vec![score(79.9)] }).unwrap();
    assert_eq!(r.subjects[0].grade.as_deref(), Some("不合格"));
    assert!(t
        .renda
        .ballots_set(&BallotArgs { evaluation_id: e.id, counts: vec![], scores: vec![score(120.0)] })
        .is_err());
}

#[test]
fn points_derived_from_the_records_with_caps_and_adjustments() {
    let mut t = fresh();
    let term = t
        .renda
        .term_create(&TermInput {
            level: "县".into(),
            number: 18,
            start_year: 2022,
            end_year: 2027,
            is_current: true,
            ..Default::default()
        })
        .unwrap();
    let session = t
        .renda
        .session_create(&SessionInput {
            term_id: term.id,
            number: 3,
            start_date: Some("2024-01-10".into()),
            end_date: Some("2024-01-12".into()),
            ..Default::default()
        })
        .unwrap();
    let mut a = deputy("张三");
    a.delegation = Some("城关镇代表团".into());
    let zhang = t.renda.deputy_create(&a).unwrap().id;
    let mut b = deputy("李四");
    b.delegation = Some("城关镇代表团".into());
    let li = t.renda.deputy_create(&b).unwrap().id;
    let station = t
        .renda
        .station_create(&StationInput {
            name: "城关镇人大代表之家".into(),
            kind: "代表之家".into(),
            deputy_ids: vec![zhang, li],
            ..Default::default()
        })
        .unwrap()
        .id;
    let unit = t
        .renda
        .unit_create(&UnitInput { name: "县水利局".into(), kind: "政府部门".into(), ..Default::default() })
        .unwrap()
        .id;

    // 张三: two suggestions (one 重点督办), 12 receptions (cap 20 → 24 held to 20), one 视察, one 述职
    for (i, title) in ["关于修缮东关水渠的建议", "关于增设路灯的建议"].iter().enumerate() {
        let s = t
            .renda
            .suggestion_create(&SuggestionInput {
                period: "大会".into(),
                session_id: Some(session.id),
                title: title.to_string(),
                lead_deputy_id: zhang,
                received_date: "2024-01-11".into(),
                ..Default::default()
            })
            .unwrap();
        if i == 0 {
            let mut st = t.renda.suggestion_get(s.row.id).unwrap();
            while st.row.state == "审查中" {
                st = t
                    .renda
                    .suggestion_step(&StepRequest {
                        id: s.row.id,
                        date: Some("2024-01-11".into()),
                        step: steps::pass(),
                    })
                    .unwrap();
            }
            t.renda
                .suggestion_step(&StepRequest {
                    id: s.row.id,
                    date: Some("2024-02-01".into()),
                    step: Step::Assign(Assignment {
                        main_unit_id: unit,
                        key_item: true,
                        supervisor: Some("县人大常委会副主任".into()),
                        ..Default::default()
                    }),
                })
                .unwrap();
        }
    }
    let activity = |date: String, kind: &str, present: Vec<i64>, leave: Vec<i64>| EntryInput {
        station_id: station,
        book: "activity".into(),
        date,
        kind: Some(kind.into()),
        title: Some(kind.into()),
        present_ids: present,
        leave_ids: leave,
        ..Default::default()
    };
    for m in 1..=12 {
        t.renda.entry_create(&activity(format!("2024-{m:02}-06"), "接待选民", vec![zhang], vec![])).unwrap();
    }
    t.renda.entry_create(&activity("2024-05-20".into(), "视察", vec![zhang], vec![li])).unwrap();
    t.renda
        .entry_create(&EntryInput {
            station_id: station,
            book: "report".into(),
            date: "2024-11-10".into(),
            body: Some("述职".into()),
            present_ids: vec![zhang],
            ..Default::default()
        })
        .unwrap();
    // attendance: 张三 all 3 days; 李四 2.5 days and a half day's leave
    t.renda
        .attendance_set(&AttendanceArgs {
            session_id: session.id,
            rows: vec![
                AttendanceRow { deputy_id: zhang, name: None, days_present: 3.0, half_days_leave: 0, absences: 0 },
                AttendanceRow { deputy_id: li, name: None, days_present: 2.5, half_days_leave: 1, absences: 0 },
            ],
        })
        .unwrap();
    assert!(
        t.renda
            .attendance_set(&AttendanceArgs {
                session_id: session.id,
                rows: vec![AttendanceRow {
                    deputy_id: li,
                    name: Some("李四".into()),
                    days_present: 4.0,
                    half_days_leave: 0,
                    absences: 0
                }]
            })
            .is_err(),
        "more days than the session lasts"
    );
    t.renda
        .point_adjust(&AdjustmentInput {
            deputy_id: li,
            date: "2024-06-20".into(),
            points: 4.0,
            reason: "牵头督办民生实事".into(),
        })
        .unwrap();
    assert_eq!(
        t.renda
            .point_adjust(&AdjustmentInput {
                deputy_id: li,
                date: "2024-06-20".into(),
                points: 1.0,
                reason: String::new()
            })
            .unwrap_err()
            .field_errors()[0]
            .field,
        "reason"
    );
    let mut rules = default_rules();
    rules.iter_mut().find(|r| r.kind == "reception").unwrap().cap = Some(20.0);
    t.renda.set_point_rules(&RulesArgs { year: 2024, rules, low_threshold: Some(15.0) }).unwrap();

    let table = t.renda.points_table(&PointsQuery { year: 2024, ..Default::default() }).unwrap();
    let z = table.rows.iter().find(|r| r.deputy_id == zhang).unwrap();
    let got = |k: &str| z.kinds.iter().find(|x| x.kind == k).map(|x| (x.count, x.points)).unwrap();
    assert_eq!(got("suggestion"), (2.0, 6.0));
    assert_eq!(got("key_suggestion"), (1.0, 2.0));
    assert_eq!(got("reception"), (12.0, 20.0), "24 points held to the cap of 20");
    assert_eq!(got("inspection"), (1.0, 3.0));
    assert_eq!(got("report"), (1.0, 5.0));
    assert_eq!(got("session_day"), (3.0, 6.0));
    // 6 + 2 + 20 + 3 + 5 + 6 = 42; 履职天数 = 3 session days + 13 activity days
    assert_eq!((z.total, z.days, z.rank, z.group_rank, z.low), (42.0, 16.0, 1, 1, false));
    let l = table.rows.iter().find(|r| r.deputy_id == li).unwrap();
    // 2.5 × 2 − 1 + 4 = 8, below the 约谈 line of 15
    assert_eq!((l.total, l.rank, l.low), (8.0, 2, true));
    // 季度亮分: up to the end of the first quarter
    let q1 = t.renda.points_table(&PointsQuery { year: 2024, quarter: Some(1), ..Default::default() }).unwrap();
    let z1 = q1.rows.iter().find(|r| r.deputy_id == zhang).unwrap();
    assert_eq!(z1.kinds.iter().find(|x| x.kind == "reception").unwrap().count, 3.0);

    // table 6 and the 履职档案
    let rows = sheet_rows(&t.renda.export_points(2024, None, None).unwrap());
    let header = rows.iter().find(|r| r[0] == "代表").unwrap();
    assert_eq!((header[1].as_str(), header.last().unwrap().as_str()), ("代表团/小组", "备注"));
    let zrow = rows.iter().find(|r| r[0] == "张三").unwrap();
    assert_eq!(zrow[header.iter().position(|h| h == "积分").unwrap()], "42");
    let d = t.renda.dossier(zhang, Some(2024)).unwrap();
    let kinds: Vec<&str> = d.lines.iter().map(|l| l.kind.as_str()).collect();
    for k in ["人代会", "活动", "述职", "建议"] {
        assert!(kinds.contains(&k), "{k} in {kinds:?}");
    }
    let sum: f64 = d.lines.iter().filter_map(|l| l.points).sum();
    assert_eq!(sum, 6.0 + 2.0 + 24.0 + 3.0 + 5.0 + 6.0, "each line shows what it earned (before the cap)");
    let rows = sheet_rows(&t.renda.export_dossier(zhang, Some(2024)).unwrap());
    assert_eq!(rows[0][0], "张三代表履职档案（2024年）");
}

#[test]
fn table_five_and_counted_ballots_from_a_sheet() {
    let mut t = fresh();
    let e = two_officials(&mut t, "majority");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write(0, 0, "2024年度履职评议测评票统计").unwrap();
    for (i, h) in ["序号", "姓名", "测评组", "实到", "废票", "满意", "基本满意", "不满意", "弃权"].iter().enumerate()
    {
        ws.write(1, i as u16, *h).unwrap();
    }
    let rows: &[(&str, &str, [i64; 6])] = &[
        ("王　强", "常委会组成人员", [18, 0, 12, 4, 2, 0]),
        ("王强", "人大代表", [36, 1, 20, 10, 4, 1]),
        ("李梅", "常委会组成人员", [18, 0, 9, 1, 8, 0]),
        ("李梅", "人大代表", [41, 0, 30, 4, 7, 0]),
        ("赵六", "人大代表", [10, 0, 5, 5, 0, 0]),
    ];
    for (r, (name, group, n)) in rows.iter().enumerate() {
        let r = r as u32 + 2;
        ws.write(r, 0, r as f64 - 1.0).unwrap();
        ws.write(r, 1, *name).unwrap();
        ws.write(r, 2, *group).unwrap();
        for (k, v) in n.iter().enumerate() {
            ws.write(r, 3 + k as u16, *v as f64).unwrap();
        }
    }
    let bytes = wb.save_to_buffer().unwrap();
    let preview = ImportOptions {
        sheet: None,
        dry_run: true,
        skip_invalid: false,
        default_level: None,
        excluded_sheets: Vec::new(),
    };
    let r = t.renda.import_ballots(e.id, &bytes, "测评票.xlsx", &preview).unwrap();
    let msgs: Vec<&str> = r.errors.iter().map(|x| x.message.as_str()).collect();
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    assert!(msgs[0].starts_with("第6行「实到」实到 41 人超过应到 40 人"), "{}", msgs[0]);
    assert!(msgs[1].contains("「赵六」不是这次评议的对象"));
    let skip = ImportOptions {
        sheet: None,
        dry_run: false,
        skip_invalid: true,
        default_level: None,
        excluded_sheets: Vec::new(),
    };
    let done = t.renda.import_ballots(e.id, &bytes, "测评票.xlsx", &skip).unwrap();
    assert_eq!((done.added, done.committed), (3, true));
    assert_eq!(
        t.renda.import_ballots(e.id, &bytes, "测评票.xlsx", &skip).unwrap().unchanged,
        3,
        "the same sheet twice changes nothing"
    );

    let sheet = sheet_rows(&t.renda.export_evaluation_results(e.id).unwrap());
    let header = sheet.iter().find(|r| r[0] == "序号").unwrap();
    assert_eq!(&header[..7], ["序号", "对象", "职务", "满意", "基本满意", "不满意", "弃权"]);
    assert!(header.contains(&"等次".to_string()));
    let wang = sheet.iter().find(|r| r[1] == "王强").unwrap();
    assert_eq!(&wang[3..7], ["32", "14", "6", "1"]);
    let note = sheet.iter().find(|r| r[0].starts_with("注：")).unwrap();
    assert!(
        note[0].contains("常委会组成人员应到 20 人、实到 18 人") && note[0].contains("人大代表应到 40 人、实到 36 人"),
        "{}",
        note[0]
    );
    let forms = t.renda.export_ballot_forms(e.id).unwrap();
    use calamine::Reader;
    let wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(forms)).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["计票表", "常委会组成人员", "人大代表"],
        "the counters' sheet, then a blank ballot per group"
    );
}

/// Issue 22, point 8: four counts near the largest integer added up in a release build wrap round
/// (i64::MAX + i64::MAX + 24 = 22) and matched 22 valid ballots. Every count is now bounded by the
/// people present, the sum is checked, and a group's 应到 is bounded.
#[test]
fn tallies_that_would_overflow_are_refused() {
    let mut t = fresh();
    let e = two_officials(&mut t, "majority");
    let mut c = count(&e, 0, 0, 22, i64::MAX, i64::MAX, 24);
    c.abstain = 0;
    let err = t.renda.ballots_set(&BallotArgs { evaluation_id: e.id, counts: vec![c], scores: vec![] }).unwrap_err();
    assert!(err.to_string().contains("满意票 9223372036854775807 张超过实到 22 人"), "{err}");
    assert!(t.renda.ballots_get(e.id).unwrap().counts.is_empty(), "nothing was saved");
    // the sum alone, each count within what was present, cannot overflow: it is checked all the same
    let big = BallotCount { present: i64::MAX, satisfied: i64::MAX, basic: i64::MAX, ..Default::default() };
    let msgs: Vec<String> = check_count(&big, "王强", "代表组", i64::MAX).into_iter().map(|f| f.message).collect();
    assert!(msgs.iter().any(|m| m.contains("票数过大")), "{msgs:?}");
    // and a group of more people than any congress has is refused when the evaluation is made
    let mut huge = t.renda.evaluation_preset("majority", 2024).unwrap();
    huge.groups = vec![RaterGroup { id: 0, name: "人大代表".into(), weight: 1.0, expected: i64::MAX }];
    huge.subjects = vec![Subject { name: "王强".into(), ..Default::default() }];
    let err = t.renda.evaluation_create(&huge).unwrap_err();
    assert!(err.to_string().contains("应到人数应不超过"), "{err}");
    // a stored count beyond every bound (a file from elsewhere) grades without overflowing
    let stored = BallotCount { present: i64::MAX, satisfied: i64::MAX, basic: i64::MAX, ..Default::default() };
    assert_eq!(grade("majority", &stored, i64::MAX, None).as_deref(), Some("满意"));
    assert!(ballot_score(&stored).is_some());
    let total = sum_counts(&[stored, stored]);
    assert_eq!(total.present, i64::MAX);
}
