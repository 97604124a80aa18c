//! 审议意见 figures on their way upward (DOMAIN.md §6.5), on real SQLite files and real workbooks:
//! a township's 主席团 opinions made by engine calls and counted by hand, packed, received by a
//! county twice, corrected, an older package refused, a format-3 package still received, the
//! 乡镇汇总 beside the county's own and the 合计, and the 工作评价's 审议意见整改率.

mod common;

use common::travel::*;
use common::*;
use renda::assessment::model::AutoSource;
use renda::evaluation::oversight::OversightRatingArgs;
use renda::oversight::figures::OversightFigures;
use renda::oversight::model::*;
use renda::reports::PackQuery;

/// An opinion on a new 议题 adopted at a new meeting of `kind`; returns its id.
fn opinion(t: &mut TestData, n: i64, kind: MeetingKind, adopted: &str) -> i64 {
    let topic = t
        .renda
        .oversight_topic_create(&TopicInput {
            year: 2026,
            title: format!("议题{n}"),
            body: "镇人民政府".into(),
            report_kind: ReportKind::Special,
            ..Default::default()
        })
        .unwrap();
    let meeting = t
        .renda
        .oversight_meeting_create(&MeetingInput {
            kind,
            term: "第十八届".into(),
            number: n,
            date: adopted.into(),
            deputy_ids: vec![],
        })
        .unwrap();
    t.renda
        .opinion_create(&OpinionInput {
            topic_id: topic.id,
            meeting_id: meeting.id,
            doc_no: format!("审议意见〔2026〕{n}号"),
            ..Default::default()
        })
        .unwrap()
        .row
        .id
}

fn step(t: &mut TestData, id: i64, action: OpinionAction, date: &str) {
    t.renda
        .opinion_step(&OpinionStep {
            opinion_id: id,
            action,
            date: Some(date.into()),
            new_due: None,
            approver: None,
            report_no: None,
            committee_view: None,
            submitted: None,
            note: None,
        })
        .unwrap();
}

/// 满意 votes of 21 present, 25 expected (the two-level preset: 满意 when more than 12).
fn rate(t: &mut TestData, id: i64, date: &str, satisfied: i64) {
    let args = OversightRatingArgs {
        opinion_id: id,
        date: Some(date.into()),
        expected: 25,
        present: 21,
        satisfied,
        unsatisfied: 21 - satisfied,
        ..Default::default()
    };
    t.renda.oversight_rate(&args).unwrap();
}

/// Problems of an opinion, each with its 整改状态 (None: no 推进情况 yet); returns their ids.
fn problems(t: &mut TestData, id: i64, statuses: &[Option<FixStatus>]) -> Vec<i64> {
    let mut ids = vec![];
    for (i, s) in statuses.iter().enumerate() {
        let o = t
            .renda
            .oversight_problem_add(&ProblemItemInput {
                opinion_id: id,
                text: format!("问题{i}"),
                unit: Some("镇政府办".into()),
                ..Default::default()
            })
            .unwrap();
        let p = o.problems.last().unwrap().id;
        if let Some(status) = s {
            progress(t, p, "2026-09-01", *status);
        }
        ids.push(p);
    }
    ids
}

fn progress(t: &mut TestData, problem: i64, date: &str, status: FixStatus) {
    t.renda
        .oversight_progress_add(&FixProgressInput {
            problem_id: problem,
            date: date.into(),
            text: format!("{}：{}", date, status.label()),
            status,
        })
        .unwrap();
}

/// The township of the hand count, with the id of the problem still 整改中:
/// O1 reported on time, rated 满意, closed, 2 problems both done;
/// O2 reported late, rated 不满意, 3 problems (1 done, 1 整改中, 1 untouched);
/// O3 adopted and not yet assigned, no problem.
fn township_with_opinions() -> (TestData, i64) {
    let mut t = township("城关镇人大主席团", 1);
    let o1 = opinion(&mut t, 1, MeetingKind::Presidium, "2026-03-10");
    step(&mut t, o1, OpinionAction::Assign, "2026-03-16");
    step(&mut t, o1, OpinionAction::Report, "2026-06-01");
    rate(&mut t, o1, "2026-06-20", 15);
    step(&mut t, o1, OpinionAction::Close, "2026-06-30");
    problems(&mut t, o1, &[Some(FixStatus::Done), Some(FixStatus::Done)]);
    let o2 = opinion(&mut t, 2, MeetingKind::Presidium, "2026-04-10");
    step(&mut t, o2, OpinionAction::Assign, "2026-04-15");
    step(&mut t, o2, OpinionAction::Report, "2026-08-03");
    rate(&mut t, o2, "2026-08-20", 10);
    let doing = problems(&mut t, o2, &[Some(FixStatus::Done), Some(FixStatus::Doing), None])[1];
    opinion(&mut t, 3, MeetingKind::Presidium, "2026-05-10");
    (t, doing)
}

/// The county's own: one opinion assigned in February, its report never came (due, late), its
/// one problem put right.
fn county_with_an_opinion() -> TestData {
    let mut c = county();
    let o = opinion(&mut c, 1, MeetingKind::Standing, "2026-02-10");
    step(&mut c, o, OpinionAction::Assign, "2026-02-15");
    problems(&mut c, o, &[Some(FixStatus::Done)]);
    c
}

fn figures(opinions: i64, closed: i64, due: (i64, i64), problems: (i64, i64), rated: (i64, i64)) -> OversightFigures {
    let pct = |a: i64, b: i64| (b > 0).then(|| (a as f64 * 1000.0 / b as f64).round() / 10.0);
    OversightFigures {
        year: YEAR,
        opinions,
        closed,
        reports_due: due.0,
        reports_on_time: due.1,
        on_time_rate: pct(due.1, due.0),
        problems: problems.0,
        problems_done: problems.1,
        fix_rate: pct(problems.1, problems.0),
        rated: rated.0,
        rated_satisfied: rated.1,
        satisfied_rate: pct(rated.1, rated.0),
    }
}

fn counted_rows(c: &TestData) -> i64 {
    c.renda
        .conn()
        .query_row("SELECT count(*) FROM report_records WHERE kind = 'oversight' AND counted = 1", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_townships_opinions_travel_and_count_once_beside_the_countys_own() {
    let (mut t, doing) = township_with_opinions();
    // by hand: 3 opinions, 1 closed; reports due 2 (O1, O2), on time 1; problems 5, done 3; rated 2, 满意 1
    let own = figures(3, 1, (2, 1), (5, 3), (2, 1));
    assert_eq!(t.renda.oversight_figures(YEAR).unwrap(), own);
    let first = pack(&t);

    let mut c = county_with_an_opinion();
    let r = c.renda.report_import(&first, "城关镇.xlsx", false).unwrap();
    assert_eq!((r.action.as_str(), r.committed), ("new", true));
    assert_eq!(counted_rows(&c), 3);
    let again = c.renda.report_import(&first, "城关镇.xlsx", false).unwrap();
    assert_eq!((again.action.as_str(), again.committed), ("unchanged", false));
    assert_eq!(counted_rows(&c), 3, "the same package twice changes nothing");

    let table = c.renda.oversight_level_figures(YEAR).unwrap();
    let names: Vec<&str> = table.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["本级", "城关镇人大主席团", "合计"]);
    assert_eq!(table.rows[0].figures, figures(1, 0, (1, 0), (1, 1), (0, 0)));
    assert_eq!(table.rows[1].figures, own, "the township's row is its own figures");
    // 合计 over the records: 4 opinions, 1 of 3 reports on time (33.3%, not the mean of 0% and 50%)
    let total = figures(4, 1, (3, 1), (6, 4), (2, 1));
    assert_eq!(table.total, total);
    assert_eq!(table.total.on_time_rate, Some(33.3));
    assert_eq!(table.rows[2].figures, total);

    // a correction: the problem 整改中 is put right; the new package replaces the first
    progress(&mut t, doing, "2026-11-02", FixStatus::Done);
    let second = pack(&t);
    let r = c.renda.report_import(&second, "城关镇（更正）.xlsx", false).unwrap();
    assert_eq!((r.action.as_str(), r.changed), ("replaced", 1), "{r:?}");
    let older = c.renda.report_import(&first, "城关镇.xlsx", false).unwrap();
    assert_eq!((older.action.as_str(), older.committed), ("older", false));
    assert_eq!(counted_rows(&c), 3);
    let sum = c.renda.report_summary(&PackQuery { year: YEAR, ..Default::default() }).unwrap();
    assert_eq!(sum.oversight.rows[1].figures, figures(3, 1, (2, 1), (5, 4), (2, 1)));
    assert_eq!(sum.oversight.total.fix_rate, Some(83.3), "5 of 6 problems");

    // on paper too: the 乡镇汇总 workbook's 审议意见统计, its 合计 row counted over the records
    use calamine::Reader;
    let book = c.renda.export_report_summary(&PackQuery { year: YEAR, ..Default::default() }).unwrap();
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(book)).unwrap();
    let sheet = wb.worksheet_range("审议意见统计").unwrap();
    let cells: Vec<Vec<String>> = sheet.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    let total_row = cells.iter().find(|r| r.first().is_some_and(|c| c == "合计")).unwrap();
    assert_eq!(total_row[1..4], ["4", "1", "3"]);
    assert_eq!(total_row[6..8], ["6", "5"]);
}

#[test]
fn a_row_changed_by_hand_is_refused_by_its_column() {
    let (t, _) = township_with_opinions();
    let bytes = resign(&pack(&t), |_, data| {
        let d = data.iter_mut().find(|d| d.kind == "oversight").unwrap();
        let col = d.columns.iter().position(|c| *c == "整改完成数").unwrap();
        d.rows[0][col] = "9".into();
    });
    let mut c = county();
    let e = c.renda.report_import(&bytes, "改过的.xlsx", false).unwrap_err();
    assert!(e.to_string().contains("数据-审议意见") && e.to_string().contains("整改完成数"), "{e}");
    assert!(c.renda.report_list().unwrap().is_empty());
}

#[test]
fn a_format_3_package_without_the_sheet_is_still_received() {
    let (t, _) = township_with_opinions();
    let bytes = resign(&pack(&t), |meta, data| {
        meta.format = 3;
        data.retain(|d| d.kind != "oversight" && d.kind != "assessment");
    });
    let mut c = county_with_an_opinion();
    let r = c.renda.report_import(&bytes, "旧版.xlsx", false).unwrap();
    assert!(r.committed, "{r:?}");
    let table = c.renda.oversight_level_figures(YEAR).unwrap();
    assert_eq!(table.rows[1].figures.opinions, 0);
    assert_eq!(table.total.opinions, 1, "the county's own only");
}

#[test]
fn a_county_passes_its_townships_opinions_on_to_the_city() {
    let (t, _) = township_with_opinions();
    let mut c = county_with_an_opinion();
    c.renda.report_import(&pack(&t), "城关镇.xlsx", false).unwrap();
    let mut city = fresh();
    city.renda
        .start_blank(Some(&renda::office::OfficeInput { name: "贺州市人大常委会".into(), level: "市".into() }))
        .unwrap();
    assert!(city.renda.report_import(&pack(&c), "清河县.xlsx", false).unwrap().committed);
    let table = city.renda.oversight_level_figures(YEAR).unwrap();
    let by: Vec<(&str, i64)> = table.rows.iter().map(|r| (r.name.as_str(), r.figures.opinions)).collect();
    assert_eq!(by, [("本级", 0), ("清河县人大常委会", 1), ("城关镇人大主席团", 3), ("合计", 4)]);
    assert_eq!(table.total, c.renda.oversight_level_figures(YEAR).unwrap().total);
}

#[test]
fn the_assessment_source_counts_the_townships_own_fix_rate() {
    let (t, _) = township_with_opinions();
    let (figure, how) = t.renda.assessment_figure(AutoSource::OversightFixRate, YEAR).unwrap();
    assert_eq!(figure, Some(60.0), "3 of 5 problems");
    assert!(how.contains("整改完成 3 个 ÷ 问题 5 个"), "{how}");
    let (none, why) = t.renda.assessment_figure(AutoSource::OversightFixRate, 2025).unwrap();
    assert_eq!(none, None);
    assert!(why.contains("没有"), "{why}");
}

#[test]
fn the_command_line_summary_lists_the_townships_opinions_beside_the_countys_own() {
    let (t, _) = township_with_opinions();
    let c = county_with_an_opinion();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("城关镇.xlsx");
    std::fs::write(&file, pack(&t)).unwrap();
    // the county's own data file, opened by the command line beside the test's handle
    let db = c.dir.path().join("renda.db");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_renda"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env_remove("RENDA_DB")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    run(&["report", "import", file.to_str().unwrap()]);
    let out = run(&["report", "summary", "--year", "2026"]);
    assert!(out.contains("审议意见（2026年）"), "{out}");
    assert!(
        out.contains("城关镇人大主席团\t审议意见 3 件\t按期报告率 50%（1/2）\t问题 5\t整改完成 3\t整改率 60%"),
        "{out}"
    );
    assert!(out.contains("合计\t审议意见 4 件\t按期报告率 33.3%（1/3）"), "{out}");
}
