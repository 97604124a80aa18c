//! 民生实事 正式项目 → 进度 → 监督 → 测评 (DOMAIN.md §5.3–§5.5) on a real SQLite file: yearly targets,
//! status, 进度等次 against hand-computed shares, changes and cancellations with their approval,
//! visit points earned once a day, the three reminders, and the rating's per-project counts.

mod common;

use chrono::{Duration, Local};
use common::*;
use renda::error::Error;
use renda::evaluation::model::*;
use renda::evaluation::projects::ProjectRatingArgs;
use renda::projects::model::Stage;
use renda::projects::model::*;
use renda::roster::model::*;
use renda::stations::model::EntryInput;

fn day(offset: i64) -> String {
    (Local::now().date_naive() + Duration::days(offset)).format("%Y-%m-%d").to_string()
}

fn road(year: i64) -> ProjectInput {
    ProjectInput {
        year,
        name: "村道硬化工程".into(),
        field: "交通".into(),
        content: Some("硬化村道 10 公里".into()),
        lead_unit: Some("镇交通站".into()),
        owner_unit: Some("镇人民政府".into()),
        investment: Some(200.0),
        ..Default::default()
    }
}

fn progress(project_id: i64, date: &str, stage: Stage) -> ProgressInput {
    ProgressInput { project_id, date: date.into(), stage, ..Default::default() }
}

fn fields_of(e: Error) -> Vec<String> {
    e.field_errors().iter().map(|f| f.field.clone()).collect()
}

#[test]
fn a_cross_year_project_has_a_target_per_year_and_counts_in_each() {
    let mut t = fresh();
    let mut p = road(2025);
    p.years = vec![
        ProjectYear { year: 2026, target: Some("完成剩余 4 公里".into()), planned: Some(80.0) },
        ProjectYear { year: 2025, target: Some("硬化 6 公里".into()), planned: Some(120.0) },
    ];
    let made = t.renda.project_create(&p).unwrap();
    assert_eq!(made.years.iter().map(|y| y.year).collect::<Vec<_>>(), vec![2025, 2026]);
    assert_eq!(made.years[1].planned, Some(80.0));
    let of = |t: &TestData, y: i64| {
        t.renda.project_list(&ProjectQuery { year: Some(y), ..Default::default() }).unwrap().total
    };
    assert_eq!((of(&t, 2025), of(&t, 2026), of(&t, 2027)), (1, 1, 0));
    // the same year twice, and a negative plan, are refused by field
    p.years.push(ProjectYear { year: 2025, target: None, planned: Some(-1.0) });
    p.name = "另一个项目".into();
    assert_eq!(fields_of(t.renda.project_create(&p).unwrap_err()), vec!["years", "years"]);
    // a second project of the same name in the same year is refused
    assert!(t.renda.project_create(&road(2025)).is_err());
}

#[test]
fn finished_progress_marks_done_and_a_cancellation_needs_its_approval() {
    let mut t = fresh();
    let a = t.renda.project_create(&road(2025)).unwrap().row.id;
    let mut b_in = road(2025);
    b_in.name = "卫生院改造".into();
    b_in.field = "医疗卫生".into();
    let b = t.renda.project_create(&b_in).unwrap().row.id;

    let done = t
        .renda
        .progress_add(&ProgressInput { invested: Some(200.0), ..progress(a, "2025-10-20", Stage::Finished) })
        .unwrap();
    assert_eq!(done.row.status, ProjectStatus::Done);
    assert_eq!(done.row.actual_end.as_deref(), Some("2025-10-20"));

    // cancel: approver, date and content required, each named
    let bare = ChangeInput { project_id: b, kind: ChangeKind::Cancel, ..Default::default() };
    let mut f = fields_of(t.renda.project_change(&bare).unwrap_err());
    f.sort();
    assert_eq!(f, vec!["approver", "content", "date"]);
    let cancelled = t
        .renda
        .project_change(&ChangeInput {
            date: "2025-06-30".into(),
            approver: "镇人民代表大会主席团".into(),
            content: "选址调整，经主席团会议同意取消".into(),
            ..bare.clone()
        })
        .unwrap();
    assert_eq!(cancelled.row.status, ProjectStatus::Cancelled);
    assert_eq!(cancelled.changes.len(), 1);
    assert_eq!(cancelled.changes[0].approver, "镇人民代表大会主席团");
    assert!(t.renda.progress_add(&progress(b, "2025-07-01", Stage::Building)).is_err(), "no progress once cancelled");
    let of = |t: &TestData, s: ProjectStatus| {
        t.renda.project_list(&ProjectQuery { status: Some(s), ..Default::default() }).unwrap().total
    };
    assert_eq!(
        (of(&t, ProjectStatus::Done), of(&t, ProjectStatus::Cancelled), of(&t, ProjectStatus::Active)),
        (1, 1, 0)
    );
}

#[test]
fn a_change_applies_the_new_facts_and_keeps_the_old() {
    let mut t = fresh();
    let id = t.renda.project_create(&road(2025)).unwrap().row.id;
    let mut new = road(2025);
    new.investment = Some(260.0);
    new.content = Some("硬化村道 13 公里".into());
    let no_approver = ChangeInput {
        project_id: id,
        kind: ChangeKind::Change,
        date: "2025-05-08".into(),
        content: "增加 3 公里".into(),
        project: Some(new.clone()),
        ..Default::default()
    };
    assert_eq!(fields_of(t.renda.project_change(&no_approver).unwrap_err()), vec!["approver"]);
    let p = t.renda.project_change(&ChangeInput { approver: "镇人大主席团".into(), ..no_approver }).unwrap();
    assert_eq!(p.row.investment, Some(260.0));
    assert_eq!(p.row.status, ProjectStatus::Active);
    let before: ProjectInput = serde_json::from_str(p.changes[0].before.as_deref().unwrap()).unwrap();
    assert_eq!(before.investment, Some(200.0));
    assert_eq!(p.changes[0].kind, ChangeKind::Change);
}

#[test]
fn pace_of_the_list_follows_the_linear_schedule_and_the_tolerance() {
    let mut t = fresh();
    // started 50 days ago, due in 50: half the time has passed
    let mut p = road(2025);
    p.start_date = Some(day(-50));
    p.planned_end = Some(day(50));
    let id = t.renda.project_create(&p).unwrap().row.id;
    assert_eq!(t.renda.project_get(id).unwrap().row.pace, None, "no figure yet: —");
    let pace_at = |t: &mut TestData, percent: f64, n: i64| {
        t.renda
            .progress_add(&ProgressInput { percent: Some(percent), ..progress(id, &day(-10 + n), Stage::Building) })
            .unwrap()
            .row
            .pace
    };
    assert_eq!(pace_at(&mut t, 55.0, 0), Some(Pace::OnTime), "exactly 5 points ahead");
    assert_eq!(pace_at(&mut t, 56.0, 1), Some(Pace::Ahead));
    assert_eq!(pace_at(&mut t, 45.0, 2), Some(Pace::OnTime), "exactly 5 points behind");
    assert_eq!(pace_at(&mut t, 44.0, 3), Some(Pace::Behind));
    // the tolerance is a setting: at 10 points, 44 % of 50 % is on time
    t.renda.project_settings_set(&renda::projects::ProjectSettings { pace_tolerance: 10.0, stale_days: 45 }).unwrap();
    assert_eq!(t.renda.project_get(id).unwrap().row.pace, Some(Pace::OnTime));
    // without a percent the share is 完成投资 ÷ 总投资: 60 of 200 = 30 % → 20 points behind
    let mut q = road(2025);
    q.name = "自来水管网".into();
    q.start_date = Some(day(-50));
    q.planned_end = Some(day(50));
    let j = t.renda.project_create(&q).unwrap().row.id;
    let row = t
        .renda
        .progress_add(&ProgressInput { invested: Some(60.0), ..progress(j, &day(0), Stage::Building) })
        .unwrap()
        .row;
    assert_eq!(row.pace, Some(Pace::Behind));
    // no planned completion: no 等次
    let mut r = road(2025);
    r.name = "文化广场".into();
    r.start_date = Some(day(-50));
    let k = t.renda.project_create(&r).unwrap().row.id;
    let row = t
        .renda
        .progress_add(&ProgressInput { percent: Some(10.0), ..progress(k, &day(0), Stage::Building) })
        .unwrap()
        .row;
    assert_eq!(row.pace, None);
}

#[test]
fn progress_is_appended_and_a_lower_investment_needs_a_correction() {
    let mut t = fresh();
    let id = t.renda.project_create(&road(2025)).unwrap().row.id;
    t.renda
        .progress_add(&ProgressInput { invested: Some(80.0), ..progress(id, "2025-04-30", Stage::Building) })
        .unwrap();
    let lower = ProgressInput {
        invested: Some(70.0),
        text: Some("审计核减".into()),
        ..progress(id, "2025-05-31", Stage::Building)
    };
    let e = t.renda.progress_add(&lower).unwrap_err();
    assert!(e.field_errors().iter().map(|f| f.field.as_str()).eq(["invested"]));
    assert!(e.to_string().contains("2025-04-30") && e.to_string().contains("更正说明"), "{e}");
    let p = t.renda.progress_add(&ProgressInput { correction: Some("审计核减 10 万元".into()), ..lower }).unwrap();
    assert_eq!(p.progress.len(), 2, "the earlier entry is kept");
    assert_eq!(p.progress[0].invested, Some(80.0));
    assert!(p.progress[1].text.as_deref().unwrap().contains("更正说明：审计核减 10 万元"));
    assert_eq!(p.row.invested, Some(70.0));
    assert!(t
        .renda
        .progress_add(&ProgressInput { percent: Some(120.0), ..progress(id, "2025-06-30", Stage::Building) })
        .is_err());
}

fn two_deputies(t: &mut TestData) -> (i64, i64) {
    (t.renda.deputy_create(&deputy("张三")).unwrap().id, t.renda.deputy_create(&deputy("李四")).unwrap().id)
}

fn inspection(t: &TestData, deputy: i64, year: i64) -> (f64, f64) {
    let table = t.renda.points_table(&PointsQuery { year, ..Default::default() }).unwrap();
    let row = table.rows.iter().find(|r| r.deputy_id == deputy).unwrap();
    let n = row.kinds.iter().find(|k| k.kind == "inspection").map(|k| k.count).unwrap_or(0.0);
    (n, row.days)
}

#[test]
fn visits_earn_the_inspection_points_once_a_day() {
    let mut t = fresh();
    let (zhang, li) = two_deputies(&mut t);
    let a = t.renda.project_create(&road(2025)).unwrap().row.id;
    let mut other = road(2025);
    other.name = "中心小学运动场".into();
    let b = t.renda.project_create(&other).unwrap().row.id;
    let visit = |project_id: i64, date: &str, ids: Vec<i64>| VisitInput {
        project_id,
        date: date.into(),
        kind: "视察".into(),
        deputy_ids: ids,
        note: None,
    };
    // one day, two projects: once
    t.renda.visit_add(&visit(a, "2025-05-10", vec![zhang, li])).unwrap();
    t.renda.visit_add(&visit(b, "2025-05-10", vec![zhang])).unwrap();
    assert_eq!(inspection(&t, zhang, 2025), (1.0, 1.0));
    assert_eq!(inspection(&t, li, 2025), (1.0, 1.0));
    // another day: a second time
    t.renda.visit_add(&visit(b, "2025-06-02", vec![zhang])).unwrap();
    assert_eq!(inspection(&t, zhang, 2025), (2.0, 2.0));

    // a day the station register already records a 视察 of 李四: nothing more
    let station = t
        .renda
        .station_create(&StationInput {
            name: "中心代表联络站".into(),
            kind: "代表联络站".into(),
            deputy_ids: vec![zhang, li],
            ..Default::default()
        })
        .unwrap()
        .id;
    t.renda
        .entry_create(&EntryInput {
            station_id: station,
            book: "activity".into(),
            date: "2025-07-01".into(),
            kind: Some("视察".into()),
            title: Some("视察村道".into()),
            present_ids: vec![li],
            ..Default::default()
        })
        .unwrap();
    assert_eq!(inspection(&t, li, 2025), (2.0, 2.0));
    t.renda.visit_add(&visit(a, "2025-07-01", vec![li])).unwrap();
    assert_eq!(inspection(&t, li, 2025), (2.0, 2.0), "the register's 视察 that day already counts");
    // the dossier shows every visit, points on the day's first only
    let d = t.renda.dossier(zhang, Some(2025)).unwrap();
    let lines: Vec<_> = d.lines.iter().filter(|l| l.kind == PROJECT_VISIT_LINE).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines.iter().filter(|l| l.points == Some(3.0)).count(), 2);
    // a visit needs deputies, a date and a known kind
    let bad = VisitInput { kind: "参观".into(), deputy_ids: vec![], ..visit(a, "", vec![]) };
    let mut f = fields_of(t.renda.visit_add(&bad).unwrap_err());
    f.sort();
    assert_eq!(f, vec!["date", "deputy_ids", "kind"]);
}

#[test]
fn reminders_name_stale_progress_a_late_project_and_an_overdue_problem() {
    let mut t = fresh();
    let mut late = road(2025);
    late.start_date = Some(day(-200));
    late.planned_end = Some(day(-1));
    let late = t.renda.project_create(&late).unwrap().row.id;
    t.renda.progress_add(&ProgressInput { percent: Some(90.0), ..progress(late, &day(-3), Stage::Building) }).unwrap();

    let mut stale = road(2025);
    stale.name = "卫生院改造".into();
    stale.start_date = Some(day(-100));
    stale.planned_end = Some(day(100));
    let stale = t.renda.project_create(&stale).unwrap().row.id;
    t.renda
        .progress_add(&ProgressInput { percent: Some(20.0), ..progress(stale, &day(-46), Stage::Building) })
        .unwrap();

    let p = t
        .renda
        .problem_add(&ProblemInput {
            project_id: late,
            problem: "路基压实度不足".into(),
            unit: Some("施工单位".into()),
            due_date: Some(day(-2)),
            ..Default::default()
        })
        .unwrap();
    assert!(p.problems[0].overdue);
    assert_eq!(p.row.open_problems, 1);

    let r = t.renda.project_reminders(Some(1)).unwrap();
    assert_eq!(r.iter().map(|b| b.total).collect::<Vec<_>>(), vec![1, 1, 1]);
    let r: Vec<_> = r.into_iter().flat_map(|b| b.items).collect();
    let of = |k: ReminderKind| r.iter().filter(|x| x.kind == k).map(|x| x.project_id).collect::<Vec<_>>();
    assert_eq!(of(ReminderKind::Late), vec![late]);
    assert_eq!(of(ReminderKind::Stale), vec![stale]);
    assert_eq!(of(ReminderKind::ProblemDue), vec![late]);
    assert!(r.iter().any(|x| x.text.contains("路基压实度不足")));
    // the morning list carries them too
    let m = t.renda.morning().unwrap();
    assert_eq!(m.groups.iter().find(|g| g.kind == "project_stale").unwrap().total, 1);

    // resolved, updated progress, a longer stale setting: nothing left but the late project
    let pid = p.problems[0].id;
    t.renda
        .problem_update(
            pid,
            &ProblemInput {
                problem: "路基压实度不足".into(),
                resolved_date: Some(day(0)),
                progress: Some("已返工".into()),
                ..Default::default()
            },
        )
        .unwrap();
    t.renda.project_settings_set(&renda::projects::ProjectSettings { pace_tolerance: 5.0, stale_days: 60 }).unwrap();
    let r = t.renda.project_reminders(None).unwrap();
    let left: Vec<_> = r.iter().filter(|b| b.total > 0).map(|b| (b.kind, b.items.len())).collect();
    assert_eq!(left, vec![(ReminderKind::Late, 1)]);

    // 工作台 shows the first few of each kind with the count of all
    for n in 0..3 {
        let mut more = road(2025);
        more.name = format!("农村公路{n}");
        more.start_date = Some(day(-300));
        more.planned_end = Some(day(-10 - n));
        t.renda.project_create(&more).unwrap();
    }
    let r = t.renda.project_reminders(Some(2)).unwrap();
    let late_block = r.iter().find(|b| b.kind == ReminderKind::Late).unwrap();
    assert_eq!((late_block.total, late_block.items.len()), (4, 2));
    assert_eq!(late_block.items[0].project, "农村公路2", "the longest overdue first");
}

#[test]
fn the_rating_rates_each_project_with_its_own_total_and_shows_in_the_detail() {
    let mut t = fresh();
    let (_zhang, _li) = two_deputies(&mut t);
    for n in ["王五", "赵六", "钱七"] {
        t.renda.deputy_create(&deputy(n)).unwrap();
    }
    let a = t.renda.project_create(&road(2025)).unwrap().row.id;
    let mut other = road(2025);
    other.name = "中心小学运动场".into();
    let b = t.renda.project_create(&other).unwrap().row.id;
    let mut gone = road(2025);
    gone.name = "已取消项目".into();
    let c = t.renda.project_create(&gone).unwrap().row.id;
    t.renda
        .project_change(&ChangeInput {
            project_id: c,
            kind: ChangeKind::Cancel,
            date: "2025-03-01".into(),
            approver: "主席团".into(),
            content: "取消".into(),
            project: None,
        })
        .unwrap();

    let e = t.renda.project_rating_create(&ProjectRatingArgs { year: 2025, ..Default::default() }).unwrap();
    assert_eq!(e.kind, PROJECT_RATING_KIND);
    assert_eq!(e.groups.len(), 1);
    assert_eq!((e.groups[0].name.as_str(), e.groups[0].expected), ("人大代表", 5));
    assert_eq!(e.subjects.iter().map(|s| s.project_id).collect::<Vec<_>>(), vec![Some(a), Some(b)]);
    assert!(
        t.renda.project_rating_create(&ProjectRatingArgs { year: 2025, ..Default::default() }).is_err(),
        "once a year"
    );

    let g = e.groups[0].id;
    let count = |s: usize, present: i64, sat: i64, basic: i64, unsat: i64| BallotCount {
        subject_id: e.subjects[s].id,
        group_id: g,
        present,
        invalid: 0,
        satisfied: sat,
        basic,
        unsatisfied: unsat,
        abstain: 0,
    };
    // a count above 实到 is refused
    let over =
        t.renda.ballots_set(&BallotArgs { evaluation_id: e.id, counts: vec![count(0, 4, 5, 0, 0)], scores: vec![] });
    assert!(over.unwrap_err().to_string().contains("超过实到"));
    // the two projects' totals differ: 5 rate the road, 3 the sports ground
    t.renda
        .ballots_set(&BallotArgs {
            evaluation_id: e.id,
            counts: vec![count(0, 5, 3, 1, 1), count(1, 3, 1, 1, 1)],
            scores: vec![],
        })
        .unwrap();
    let ra = t.renda.project_rating(a).unwrap().unwrap();
    // 满意 3 > half of 应到 5 → 满意; 满意率 3/5, 满意+基本满意 4/5
    assert_eq!(ra.grade.as_deref(), Some("满意"));
    assert_eq!(ra.satisfied_rate, Some(0.6));
    assert_eq!(ra.satisfied_basic_rate, Some(0.8));
    let rb = t.renda.project_rating(b).unwrap().unwrap();
    // 满意 1, 满意+基本满意 2: neither more than half of 5 → 不满意
    assert_eq!(rb.grade.as_deref(), Some("不满意"));
    assert!((rb.satisfied_basic_rate.unwrap() - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(t.renda.project_rating(c).unwrap(), None);
}

#[test]
fn an_office_without_its_roster_rates_its_projects_with_the_deputies_it_gives() {
    let mut t = fresh();
    t.renda.project_create(&road(2025)).unwrap();
    let none = ProjectRatingArgs { year: 2025, ..Default::default() };
    let err = t.renda.project_rating_create(&none).unwrap_err();
    assert_eq!(fields_of(err), vec!["expected"], "no deputies on the roster: 应到 is asked for");
    let too_many = ProjectRatingArgs { year: 2025, expected: Some(MAX_GROUP_SIZE + 1), ..Default::default() };
    assert_eq!(fields_of(t.renda.project_rating_create(&too_many).unwrap_err()), vec!["expected"]);
    let given = ProjectRatingArgs { year: 2025, expected: Some(32), ..Default::default() };
    let e = t.renda.project_rating_create(&given).unwrap();
    assert_eq!((e.groups[0].name.as_str(), e.groups[0].expected), ("人大代表", 32));
    assert_eq!(e.subjects.len(), 1);
}

#[test]
fn the_group_has_its_leader_among_its_deputies() {
    let mut t = fresh();
    let (zhang, li) = two_deputies(&mut t);
    let id = t.renda.project_create(&road(2025)).unwrap().row.id;
    let e = t
        .renda
        .project_group_set(&GroupArgs { project_id: id, deputy_ids: vec![li], leader_id: Some(zhang) })
        .unwrap_err();
    assert_eq!(fields_of(e), vec!["leader_id"]);
    let p = t
        .renda
        .project_group_set(&GroupArgs { project_id: id, deputy_ids: vec![li, zhang], leader_id: Some(zhang) })
        .unwrap();
    assert_eq!(p.group.len(), 2);
    assert!(p.group[0].leader && p.group[0].deputy_id == zhang);
    assert!(t.renda.project_group_set(&GroupArgs { project_id: id, deputy_ids: vec![9999], leader_id: None }).is_err());
}

/// The government's monthly 进度表 as it arrives: a merged title, the six columns, a 形象进度 column,
/// money as numbers and as text, a name with padding, one written close to a project's, one unknown.
fn progress_sheet() -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("5月进度").unwrap();
    ws.merge_range(0, 0, 0, 6, "2025年民生实事项目5月进度表", &Format::new()).unwrap();
    for (i, h) in
        ["序号", "牵头单位", "项目名称", "业主单位", "本月进展", "完成投资（万元）", "形象进度（%）"].iter().enumerate()
    {
        ws.write(1, i as u16, *h).unwrap();
    }
    let rows: &[(&str, &str, &str, f64, &str)] = &[
        ("镇交通站", "村道硬化 工程", "完成路基 6 公里", 120.0, "60"),
        ("镇中心校", "中心小学运动厂", "跑道铺设完成", 45.5, "80%"),
        ("镇水利站", "不存在的项目", "开工", 10.0, ""),
    ];
    for (k, (lead, name, text, money, pct)) in rows.iter().enumerate() {
        let r = k as u32 + 2;
        ws.write(r, 0, (k + 1) as f64).unwrap();
        ws.write(r, 1, *lead).unwrap();
        ws.write(r, 2, *name).unwrap();
        ws.write(r, 3, "镇人民政府").unwrap();
        ws.write(r, 4, *text).unwrap();
        ws.write(r, 5, *money).unwrap();
        ws.write(r, 6, *pct).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn the_progress_sheet_is_matched_by_name_previewed_and_imported_once() {
    use renda::excel::import::ImportOptions;
    let mut t = fresh();
    let road_id = t.renda.project_create(&road(2025)).unwrap().row.id;
    let mut ground = road(2025);
    ground.name = "中心小学运动场".into();
    ground.field = "教育".into();
    ground.investment = Some(60.0);
    let ground_id = t.renda.project_create(&ground).unwrap().row.id;

    let preview = ImportOptions { dry_run: true, ..Default::default() };
    let r = t.renda.import_progress(&progress_sheet(), "5月进度.xlsx", Some("2025-05-31"), &preview).unwrap();
    assert!(!r.committed);
    assert_eq!(r.added, 2);
    // the unknown name is a cell error naming the sheet, the row and the column
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    let e = &r.errors[0];
    assert_eq!((e.sheet.as_str(), e.row, e.column.as_str()), ("5月进度", 5, "项目名称"));
    assert!(e.message.contains("不存在的项目") && e.message.contains("第5行"), "{}", e.message);
    // 运动厂 for 运动场: matched, with a warning
    assert!(
        r.warnings.iter().any(|w| w.contains("中心小学运动厂") && w.contains("中心小学运动场")),
        "{:?}",
        r.warnings
    );
    assert!(t.renda.project_get(road_id).unwrap().progress.is_empty(), "a preview writes nothing");

    let skip = ImportOptions { skip_invalid: true, ..Default::default() };
    let done = t.renda.import_progress(&progress_sheet(), "5月进度.xlsx", Some("2025-05-31"), &skip).unwrap();
    assert!(done.committed);
    assert_eq!(done.added, 2);
    let p = t.renda.project_get(road_id).unwrap();
    assert_eq!(p.progress.len(), 1);
    let e = &p.progress[0];
    assert_eq!(
        (e.date.as_str(), e.invested, e.percent, e.source.as_str()),
        ("2025-05-31", Some(120.0), Some(60.0), "import")
    );
    assert_eq!(e.text.as_deref(), Some("完成路基 6 公里"));
    assert_eq!(t.renda.project_get(ground_id).unwrap().row.percent, Some(80.0));

    // the same file again, even with another date of the same month, adds nothing
    let again = t.renda.import_progress(&progress_sheet(), "5月进度.xlsx", Some("2025-05-30"), &skip).unwrap();
    assert_eq!((again.added, again.unchanged), (0, 2));
    assert_eq!(t.renda.project_get(road_id).unwrap().progress.len(), 1);

    // the printed 进度表 reads back as a 进度表: nothing new
    let printed = t.renda.export_progress(Some(2025)).unwrap();
    let back = t.renda.import_progress(&printed, "进度表.xlsx", Some("2025-05-31"), &preview).unwrap();
    assert!(back.errors.is_empty(), "{:?}", back.errors);
    assert_eq!((back.added, back.unchanged), (0, 2));
}

#[test]
fn a_lower_investment_in_the_sheet_is_a_cell_error() {
    use renda::excel::import::ImportOptions;
    let mut t = fresh();
    let id = t.renda.project_create(&road(2025)).unwrap().row.id;
    let mut ground = road(2025);
    ground.name = "中心小学运动场".into();
    t.renda.project_create(&ground).unwrap();
    t.renda
        .progress_add(&ProgressInput { invested: Some(150.0), ..progress(id, "2025-04-30", Stage::Building) })
        .unwrap();
    let r = t
        .renda
        .import_progress(
            &progress_sheet(),
            "5月进度.xlsx",
            Some("2025-05-31"),
            &ImportOptions { dry_run: true, ..Default::default() },
        )
        .unwrap();
    let e = r.errors.iter().find(|e| e.row == 3).expect("row 3 refused");
    assert_eq!(e.column, "完成投资（万元）");
    assert!(e.message.contains("更正说明"), "{}", e.message);
}
