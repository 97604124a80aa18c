//! 审议意见办理 (DOMAIN.md §6) on a real SQLite file: the time limit across a holiday, 延期 kept in
//! history, two 不满意 rounds and the warning, illegal steps refused, the figures of a hand-counted
//! year, points for 列席 once a day, the 问题清单 import and the 上报包 round trip.

mod common;

use common::*;
use renda::error::Error;
use renda::evaluation::oversight::OversightRatingArgs;
use renda::oversight::model::*;

fn topic(t: &mut TestData, title: &str, kind: ReportKind) -> Topic {
    t.renda
        .oversight_topic_create(&TopicInput {
            year: 2026,
            title: title.into(),
            body: "县人民政府".into(),
            report_kind: kind,
            ..Default::default()
        })
        .unwrap()
}

fn meeting(t: &mut TestData, number: i64, date: &str, deputies: Vec<i64>) -> Meeting {
    t.renda
        .oversight_meeting_create(&MeetingInput {
            kind: MeetingKind::Standing,
            term: "第十八届".into(),
            number,
            date: date.into(),
            deputy_ids: deputies,
        })
        .unwrap()
}

/// An opinion on a new 议题 adopted at a new meeting.
fn opinion(t: &mut TestData, n: i64, kind: ReportKind, adopted: &str) -> Opinion {
    let tp = topic(t, &format!("议题{n}"), kind);
    let m = meeting(t, n, adopted, vec![]);
    t.renda
        .opinion_create(&OpinionInput {
            topic_id: tp.id,
            meeting_id: m.id,
            doc_no: format!("县人大常发〔2026〕{n}号"),
            ..Default::default()
        })
        .unwrap()
}

fn step(id: i64, action: OpinionAction, date: &str) -> OpinionStep {
    OpinionStep {
        opinion_id: id,
        action,
        date: Some(date.into()),
        new_due: None,
        approver: None,
        report_no: None,
        committee_view: None,
        submitted: None,
        note: None,
    }
}

fn rate(id: i64, date: &str, satisfied: i64) -> OversightRatingArgs {
    OversightRatingArgs {
        opinion_id: id,
        date: Some(date.into()),
        expected: 25,
        present: 21,
        satisfied,
        unsatisfied: 21 - satisfied,
        ..Default::default()
    }
}

#[test]
fn the_time_limit_counts_from_assignment_and_skips_the_national_day_holiday() {
    let mut t = fresh();
    let o = opinion(&mut t, 1, ReportKind::Special, "2026-06-26");
    let o = t.renda.opinion_step(&step(o.row.id, OpinionAction::Assign, "2026-07-01")).unwrap();
    // 3 months = 2026-10-01, 国庆; 10-01…10-07 are holidays, so the first working day is 10-08
    assert_eq!(o.row.due_date.as_deref(), Some("2026-10-08"));
    assert_eq!(o.row.state, OpinionState::Assigned);
    // a 预算 opinion has 2 months: 2026-09-01 is a Tuesday, a working day
    let b = opinion(&mut t, 2, ReportKind::Budget, "2026-06-26");
    let b = t.renda.opinion_step(&step(b.row.id, OpinionAction::Assign, "2026-07-01")).unwrap();
    assert_eq!(b.row.due_date.as_deref(), Some("2026-09-01"));
    // the setting changes the months; a weekend limit moves to Monday
    let mut s = t.renda.oversight_settings().unwrap();
    s.months = 1;
    t.renda.oversight_settings_set(&s).unwrap();
    let c = opinion(&mut t, 3, ReportKind::Special, "2026-02-01");
    let c = t.renda.opinion_step(&step(c.row.id, OpinionAction::Assign, "2026-02-07")).unwrap();
    assert_eq!(c.row.due_date.as_deref(), Some("2026-03-09"), "2026-03-07 is a Saturday");
    s.decimals = 3;
    assert!(t.renda.oversight_settings_set(&s).is_err());
}

#[test]
fn an_extension_replaces_the_limit_and_keeps_the_earlier_one_in_history() {
    let mut t = fresh();
    let o = opinion(&mut t, 1, ReportKind::Special, "2026-03-20");
    let id = o.row.id;
    t.renda.opinion_step(&step(id, OpinionAction::Assign, "2026-03-25")).unwrap();
    let mut ext = step(id, OpinionAction::Extend, "2026-06-10");
    ext.new_due = Some("2026-07-31".into());
    // no approver: refused by field
    let e = t.renda.opinion_step(&ext).unwrap_err();
    assert_eq!(e.field_errors()[0].field, "approver");
    ext.approver = Some("主任会议".into());
    let o = t.renda.opinion_step(&ext).unwrap();
    assert_eq!(o.row.due_date.as_deref(), Some("2026-07-31"));
    assert_eq!(o.row.state, OpinionState::Handling);
    let last = o.history.last().unwrap();
    assert_eq!((last.old_due.as_deref(), last.new_due.as_deref()), (Some("2026-06-25"), Some("2026-07-31")));
    assert_eq!(last.approver.as_deref(), Some("主任会议"));
    assert_eq!(o.rounds[0].first_due, "2026-06-25");
    // an earlier date is no extension
    ext.new_due = Some("2026-07-01".into());
    assert_eq!(t.renda.opinion_step(&ext).unwrap_err().field_errors()[0].field, "new_due");
    // reported after the first limit but within the extension: counted late for 按期报告率
    let o = t.renda.opinion_step(&step(id, OpinionAction::Report, "2026-07-20")).unwrap();
    assert_eq!(o.rounds[0].on_time, Some(false));
}

#[test]
fn two_unsatisfied_rounds_are_kept_and_warn_that_the_body_must_explain() {
    let mut t = fresh();
    let o = opinion(&mut t, 1, ReportKind::Special, "2026-01-20");
    let id = o.row.id;
    t.renda.opinion_step(&step(id, OpinionAction::Assign, "2026-01-25")).unwrap();
    t.renda.opinion_step(&step(id, OpinionAction::Report, "2026-04-10")).unwrap();
    // 12 of 25: not more than half of 应到 → 不满意, although 12 of 21 present is a majority
    let o = t.renda.oversight_rate(&rate(id, "2026-04-28", 12)).unwrap();
    assert_eq!(o.row.state, OpinionState::Unsatisfied);
    assert_eq!(o.rounds[0].grade.as_deref(), Some("不满意"));
    assert!(o.warning.is_none());
    let o = t.renda.opinion_step(&step(id, OpinionAction::Redo, "2026-04-30")).unwrap();
    assert_eq!((o.row.state, o.row.round), (OpinionState::Rehandling, 2));
    assert_eq!(o.row.due_date.as_deref(), Some("2026-07-30"));
    t.renda.opinion_step(&step(id, OpinionAction::Report, "2026-07-01")).unwrap();
    let o = t.renda.oversight_rate(&rate(id, "2026-07-20", 10)).unwrap();
    assert_eq!(o.warning.as_deref(), Some(UNSATISFIED_WARNING));
    let r = t.renda.oversight_reminders().unwrap();
    assert_eq!(r.unsatisfied, 1);
    assert!(r.first.iter().any(|l| l.text.contains("作出检查")));
    // the third round: 13 of 25 is more than half → 满意; every round kept with its evaluation
    t.renda.opinion_step(&step(id, OpinionAction::Redo, "2026-07-21")).unwrap();
    t.renda.opinion_step(&step(id, OpinionAction::Report, "2026-09-01")).unwrap();
    let o = t.renda.oversight_rate(&rate(id, "2026-09-20", 13)).unwrap();
    assert_eq!(o.row.state, OpinionState::Satisfied);
    let grades: Vec<_> = o.rounds.iter().map(|r| r.grade.clone().unwrap()).collect();
    assert_eq!(grades, ["不满意", "不满意", "满意"]);
    let evals: std::collections::HashSet<_> = o.rounds.iter().map(|r| r.evaluation_id.unwrap()).collect();
    assert_eq!(evals.len(), 3);
    let res = t.renda.evaluation_results(o.rounds[2].evaluation_id.unwrap()).unwrap();
    assert!(res.locked && res.subjects[0].grade.as_deref() == Some("满意"));
    // a count that does not add up is refused
    let mut bad = rate(id, "2026-09-20", 13);
    bad.present = 30;
    assert!(t.renda.oversight_rate(&bad).is_err());
}

#[test]
fn illegal_steps_are_refused_in_chinese() {
    let mut t = fresh();
    let o = opinion(&mut t, 1, ReportKind::Audit, "2026-03-01");
    let id = o.row.id;
    let refused = |t: &mut TestData, a: OpinionAction| match t.renda.opinion_step(&step(id, a, "2026-05-01")) {
        Err(Error::Conflict(m)) => m,
        other => panic!("{a:?} should be refused, got {other:?}"),
    };
    assert!(refused(&mut t, OpinionAction::Report).contains("现在可以：交办"));
    assert!(refused(&mut t, OpinionAction::Close).contains("已通过"));
    assert!(matches!(t.renda.oversight_rate(&rate(id, "2026-05-01", 20)), Err(Error::Conflict(_))));
    t.renda.opinion_step(&step(id, OpinionAction::Assign, "2026-03-05")).unwrap();
    assert!(refused(&mut t, OpinionAction::Assign).contains("已交办"));
    assert!(refused(&mut t, OpinionAction::Follow).contains("不能「跟踪监督」"));
    // a step dated before the opinion was adopted is refused by field
    let e = t.renda.opinion_step(&step(id, OpinionAction::Report, "2026-02-01")).unwrap_err();
    assert_eq!(e.field_errors()[0].field, "date");
    t.renda.opinion_step(&step(id, OpinionAction::Report, "2026-04-20")).unwrap();
    t.renda.oversight_rate(&rate(id, "2026-04-28", 20)).unwrap();
    assert!(refused(&mut t, OpinionAction::Redo).contains("测评满意"));
    let mut f = step(id, OpinionAction::Follow, "2026-06-01");
    f.note = Some("回头看：整改基本到位".into());
    t.renda.opinion_step(&f).unwrap();
    let o = t.renda.opinion_step(&step(id, OpinionAction::Close, "2026-06-30")).unwrap();
    assert_eq!((o.row.state, o.closed_date.as_deref()), (OpinionState::Closed, Some("2026-06-30")));
    assert!(o.actions.is_empty());
    assert!(refused(&mut t, OpinionAction::Follow).contains("已没有后续操作"));
}

fn problem(t: &mut TestData, opinion: i64, text: &str) -> i64 {
    let o = t
        .renda
        .oversight_problem_add(&ProblemItemInput {
            opinion_id: opinion,
            text: text.into(),
            category: ProblemCategory::Problem,
            unit: Some("县住建局".into()),
        })
        .unwrap();
    o.problems.iter().find(|p| p.text == text).unwrap().id
}

fn fix(t: &mut TestData, problem: i64, date: &str, status: FixStatus) {
    let p = FixProgressInput { problem_id: problem, date: date.into(), text: format!("{date} 推进"), status };
    t.renda.oversight_progress_add(&p).unwrap();
}

#[test]
fn the_figures_of_a_hand_counted_year() {
    let mut t = fresh();
    // 2026: three opinions. A reported on time; B reported late; C assigned 2026-01-10, limit
    // 2026-04-10 passed without a report (today is after it). 2025: one opinion, not counted in 2026.
    let a = opinion(&mut t, 1, ReportKind::Special, "2026-01-05").row.id;
    let b = opinion(&mut t, 2, ReportKind::Special, "2026-01-06").row.id;
    let c = opinion(&mut t, 3, ReportKind::Special, "2026-01-07").row.id;
    for id in [a, b, c] {
        t.renda.opinion_step(&step(id, OpinionAction::Assign, "2026-01-10")).unwrap();
    }
    t.renda.opinion_step(&step(a, OpinionAction::Report, "2026-04-01")).unwrap();
    t.renda.opinion_step(&step(b, OpinionAction::Report, "2026-04-20")).unwrap();
    t.renda.oversight_rate(&rate(a, "2026-04-25", 20)).unwrap();
    t.renda.oversight_rate(&rate(b, "2026-04-25", 5)).unwrap();
    // problems: 4 on A (3 done, one of them only by a later entry), 2 on B (1 done), 1 on C (open)
    let pa: Vec<i64> = (1..=4).map(|i| problem(&mut t, a, &format!("A问题{i}"))).collect();
    let pb: Vec<i64> = (1..=2).map(|i| problem(&mut t, b, &format!("B问题{i}"))).collect();
    problem(&mut t, c, "C问题1");
    fix(&mut t, pa[0], "2026-05-01", FixStatus::Done);
    fix(&mut t, pa[1], "2026-05-01", FixStatus::Doing);
    fix(&mut t, pa[1], "2026-06-01", FixStatus::Done);
    fix(&mut t, pa[2], "2026-05-01", FixStatus::Done);
    fix(&mut t, pa[3], "2026-05-01", FixStatus::Doing);
    fix(&mut t, pb[0], "2026-05-01", FixStatus::Done);
    // an older entry arriving late does not undo the newer 已完成
    fix(&mut t, pa[1], "2026-05-15", FixStatus::Doing);
    let y25 = t.renda.oversight_topic_create(&TopicInput {
        year: 2025,
        title: "旧议题".into(),
        body: "县人民法院".into(),
        ..Default::default()
    });
    let m = meeting(&mut t, 40, "2025-10-10", vec![]);
    t.renda
        .opinion_create(&OpinionInput {
            topic_id: y25.unwrap().id,
            meeting_id: m.id,
            doc_no: "县人大常发〔2025〕9号".into(),
            ..Default::default()
        })
        .unwrap();
    let f = t.renda.oversight_figures(2026).unwrap();
    assert_eq!((f.opinions, f.reports_due, f.reports_on_time), (3, 3, 1));
    assert_eq!(f.on_time_rate, Some(33.3));
    assert_eq!((f.problems, f.problems_done, f.fix_rate), (7, 4, Some(57.1)));
    assert_eq!((f.rated, f.rated_satisfied, f.satisfied_rate), (2, 1, Some(50.0)));
    let mut s = t.renda.oversight_settings().unwrap();
    s.decimals = 2;
    t.renda.oversight_settings_set(&s).unwrap();
    let f = t.renda.oversight_figures(2026).unwrap();
    assert_eq!((f.on_time_rate, f.fix_rate), (Some(33.33), Some(57.14)));
    assert_eq!(t.renda.oversight_figures(2025).unwrap().opinions, 1);
    // the same 推进情况 twice adds nothing
    let before = t.renda.opinion_get(a).unwrap().problems[0].progress.len();
    fix(&mut t, pa[0], "2026-05-01", FixStatus::Done);
    assert_eq!(t.renda.opinion_get(a).unwrap().problems[0].progress.len(), before);
}

#[test]
fn attending_as_lie_xi_or_an_inspection_earns_points_once_a_day_and_shows_in_the_dossier() {
    let mut t = fresh();
    let d = t.renda.deputy_create(&deputy("张明")).unwrap().id;
    let tp = topic(&mut t, "全县食品安全工作", ReportKind::LawCheck);
    meeting(&mut t, 5, "2026-05-20", vec![d]);
    // a 执法检查 on the same day as the meeting counts once; another day counts again
    let act = |date: &str| ActivityInput {
        topic_id: tp.id,
        opinion_id: None,
        date: date.into(),
        kind: "执法检查".into(),
        deputy_ids: vec![d],
        note: None,
    };
    t.renda.oversight_activity_add(&act("2026-05-20")).unwrap();
    t.renda.oversight_activity_add(&act("2026-04-10")).unwrap();
    assert!(t.renda.oversight_activity_add(&ActivityInput { kind: "喝茶".into(), ..act("2026-04-11") }).is_err());
    let table =
        t.renda.points_table(&renda::evaluation::model::PointsQuery { year: 2026, ..Default::default() }).unwrap();
    let row = table.rows.iter().find(|r| r.deputy_id == d).unwrap();
    let inspection = row.kinds.iter().find(|k| k.kind == "inspection").map(|k| k.count).unwrap_or(0.0);
    assert_eq!(inspection, 2.0);
    let dossier = t.renda.dossier(d, Some(2026)).unwrap();
    let lines: Vec<_> = dossier.lines.iter().filter(|l| l.kind == "常委会监督").collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines.iter().filter(|l| l.points.is_some()).count(), 2);
    assert!(lines.iter().any(|l| l.title.contains("列席第十八届常委会第5次会议")));
}

/// The government's 问题清单 as it arrives: a title row, 文号, 问题 (one written close to a known
/// one, one new), 推进情况 with dates and 整改状态, and a row with an unknown 文号.
fn problem_sheet() -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("问题清单").unwrap();
    ws.merge_range(0, 0, 0, 6, "县人大常委会审议意见问题清单整改推进情况", &Format::new()).unwrap();
    for (i, h) in ["序号", "文号", "问题", "牵头单位", "整改情况", "填报日期", "整改状态"].iter().enumerate()
    {
        ws.write(1, i as u16, *h).unwrap();
    }
    let rows: &[(&str, &str, &str, &str, &str)] = &[
        ("县人大常发〔2026〕1号", "老旧小区改造进度滞后", "已完成 12 个小区改造", "2026-06-30", "已完成"),
        ("县人大常发〔2026〕1号", "城区停车位不足。", "新增停车位 300 个", "2026-06-30", "整改中"),
        ("县人大常发〔2026〕1号", "背街小巷照明缺失", "已安装路灯 80 盏", "2026-06-30", "整改中"),
        ("县人大常发〔2026〕99号", "不存在的问题", "开展中", "2026-06-30", "整改中"),
    ];
    for (k, (doc, text, progress, date, status)) in rows.iter().enumerate() {
        let r = k as u32 + 2;
        ws.write(r, 0, (k + 1) as f64).unwrap();
        ws.write(r, 1, *doc).unwrap();
        ws.write(r, 2, *text).unwrap();
        ws.write(r, 3, "县住建局").unwrap();
        ws.write(r, 4, *progress).unwrap();
        ws.write(r, 5, *date).unwrap();
        ws.write(r, 6, *status).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn the_problem_list_import_is_previewed_names_bad_cells_and_adds_nothing_twice() {
    use renda::excel::import::ImportOptions;
    let mut t = fresh();
    let id = opinion(&mut t, 1, ReportKind::Special, "2026-03-01").row.id;
    problem(&mut t, id, "老旧小区改造进度滞后");
    problem(&mut t, id, "城区停车位不足");
    let preview = ImportOptions { dry_run: true, ..Default::default() };
    let r = t.renda.import_oversight_problems(&problem_sheet(), "问题清单.xlsx", &preview).unwrap();
    assert!(!r.committed);
    assert_eq!((r.added, r.updated), (1, 2), "{:?}", r.rows);
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    let e = &r.errors[0];
    assert_eq!((e.sheet.as_str(), e.row, e.column.as_str()), ("问题清单", 6, "文号"));
    assert!(e.message.contains("〔2026〕99号"), "{}", e.message);
    assert!(r.warnings.iter().any(|w| w.contains("城区停车位不足。")), "{:?}", r.warnings);
    assert!(
        t.renda.opinion_get(id).unwrap().problems.iter().all(|p| p.progress.is_empty()),
        "a preview writes nothing"
    );

    let skip = ImportOptions { skip_invalid: true, ..Default::default() };
    let done = t.renda.import_oversight_problems(&problem_sheet(), "问题清单.xlsx", &skip).unwrap();
    assert!(done.committed);
    let o = t.renda.opinion_get(id).unwrap();
    assert_eq!(o.problems.len(), 3);
    assert_eq!(o.problems[0].status, FixStatus::Done);
    assert_eq!(o.problems[0].progress[0].source, "import");
    assert_eq!(o.problems[1].progress[0].text, "新增停车位 300 个");
    assert_eq!(o.row.problems_done, 1);
    // the same file again adds nothing
    let again = t.renda.import_oversight_problems(&problem_sheet(), "问题清单.xlsx", &skip).unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 3));
    let o2 = t.renda.opinion_get(id).unwrap();
    assert_eq!(o2.problems, o.problems);
    // the printed lists and the template are workbooks the reader opens
    for bytes in [
        t.renda.export_oversight_list(Some(2026)).unwrap(),
        t.renda.export_oversight_problems(Some(2026)).unwrap(),
        t.renda.export_oversight_ratings(None).unwrap(),
        t.renda.oversight_problems_template().unwrap(),
    ] {
        assert!(renda::excel::read::read_workbook(&bytes, "x.xlsx").is_ok());
    }
}

#[test]
fn the_demo_has_a_year_of_opinions_at_every_stage() {
    let mut t = fresh();
    t.renda.load_demo(renda::demo::Scale::Small).unwrap();
    let year = chrono::Datelike::year(&chrono::Local::now().date_naive()) as i64;
    assert_eq!(t.renda.oversight_topics(Some(year)).unwrap().len(), 12);
    let rows = t.renda.opinion_list(&OpinionQuery { year: Some(year), ..Default::default() }).unwrap();
    assert_eq!(rows.len(), 8);
    assert_eq!(rows.iter().map(|r| r.problems).sum::<i64>(), 40);
    let states: Vec<_> = rows.iter().map(|r| r.state).collect();
    for s in [OpinionState::Closed, OpinionState::Rehandling, OpinionState::Handling, OpinionState::Reported] {
        assert!(states.contains(&s), "{s:?} in {states:?}");
    }
    let twice = rows.iter().find(|r| r.unsatisfied_rounds == 2).unwrap();
    assert_eq!(t.renda.opinion_get(twice.id).unwrap().warning.as_deref(), Some(UNSATISFIED_WARNING));
    let extended =
        rows.iter().flat_map(|r| t.renda.opinion_get(r.id).unwrap().history).filter(|e| e.action == "extend");
    assert_eq!(extended.count(), 1);
    // every rating is an evaluation whose result is the round's grade
    let o = t.renda.opinion_get(twice.id).unwrap();
    for r in &o.rounds[..2] {
        let res = t.renda.evaluation_results(r.evaluation_id.unwrap()).unwrap();
        assert_eq!(res.subjects[0].grade, r.grade);
    }
    let f = t.renda.oversight_figures(year).unwrap();
    assert_eq!((f.opinions, f.problems), (8, 40));
}
