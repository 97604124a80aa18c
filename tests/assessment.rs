//! 乡镇人大工作评价 (DOMAIN.md §8) on real SQLite files and real workbooks: the county's template
//! exported and imported by townships (idempotent, a newer version updates, an older or altered
//! one is refused), the 自评 with an automatic item travelling in real 上报包, a corrected package
//! changing the automatic item, the same package twice changing nothing, the grade on the base
//! only, ties sharing a rank, a deduction below zero refused, a township that sent nothing, and a
//! township listed by name taking the first package from an office of that name.

mod common;

use common::travel::*;
use common::*;
use renda::assessment::model::*;
use renda::excel::import::ImportOptions;
use renda::office::OfficeInput;

/// The county's 2026 template: 代表工作 (建议办复率 automatic, full at 100%; 代表述职),
/// 依法监督 (one item of 80), and a bonus block 加分项目 (宣传, 5). Returns (template, item ids).
fn county_with_template() -> (TestData, Template) {
    let mut c = county();
    c.renda.assessment_template_create(YEAR).unwrap();
    let block = |c: &mut TestData, name: &str, bonus: bool| {
        let t = c.renda.assessment_block_add(&BlockInput { year: YEAR, name: name.into(), bonus }).unwrap();
        t.blocks.iter().find(|b| b.name == name).unwrap().id
    };
    let work = block(&mut c, "代表工作", false);
    let watch = block(&mut c, "依法监督", false);
    let extra = block(&mut c, "加分项目", true);
    let item = |c: &mut TestData, block_id: i64, name: &str, max: f64, auto: Option<(AutoSource, f64)>| {
        c.renda
            .assessment_item_add(&ItemInput {
                block_id,
                name: name.into(),
                max_points: max,
                criterion: "按标准评分".into(),
                evidence: "会议记录".into(),
                auto_source: auto.map(|a| a.0),
                full_at: auto.map(|a| a.1),
            })
            .unwrap()
    };
    item(&mut c, work, "代表建议办复率", 10.0, Some((AutoSource::SuggestionReplyRate, 100.0)));
    item(&mut c, work, "代表述职", 10.0, None);
    item(&mut c, watch, "听取审议专项工作报告", 80.0, None);
    let t = item(&mut c, extra, "人大工作宣传", 5.0, None);
    assert_eq!((t.base_max, t.bonus_max), (100.0, 5.0));
    (c, t)
}

fn import(t: &mut TestData, bytes: &[u8]) -> renda::Result<renda::excel::import::ImportReport> {
    t.renda.import_assessment_template(bytes, "评分表.xlsx", &ImportOptions::default())
}

fn item_id(t: &Template, name: &str) -> i64 {
    t.items().find(|(_, i)| i.name == name).unwrap().1.id
}

fn score(c: &mut TestData, township: i64, item: i64, points: f64) -> renda::Result<TownshipSheet> {
    c.renda.assessment_score(&ScoreInput {
        year: YEAR,
        township_id: township,
        item_id: item,
        points,
        reason: "考核组核定".into(),
    })
}

fn adjust(c: &mut TestData, township: i64, item: i64, delta: f64) -> renda::Result<TownshipSheet> {
    let a = AdjustInput { year: YEAR, township_id: township, item_id: item, delta, reason: "材料不全".into() };
    c.renda.assessment_adjust(&a)
}

#[test]
fn the_template_travels_down_once_and_a_newer_version_replaces_an_older_one_never() {
    let (mut c, t) = county_with_template();
    let v1 = c.renda.export_assessment_template(YEAR).unwrap();
    let mut w = township("城关镇人大主席团", 2);
    let first = import(&mut w, &v1).unwrap();
    assert!(first.committed && first.errors.is_empty(), "{:?}", first.errors);
    assert_eq!(first.added, 4);
    let again = import(&mut w, &v1).unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 4), "the same 评分表 twice adds nothing");
    let got = w.renda.assessment_template(YEAR).unwrap().unwrap();
    assert_eq!((got.uuid.as_str(), got.origin.as_str(), got.version), (t.uuid.as_str(), ORIGIN_IMPORTED, 1));
    assert!(w.renda.assessment_block_add(&BlockInput { year: YEAR, name: "x".into(), bonus: false }).is_err());

    // the county edits after sending it: version 2, which replaces version 1 at the township
    let b = t.blocks[0].id;
    let input = ItemInput {
        block_id: b, name: "代表述职（含联络站）".into(), max_points: 10.0, ..Default::default()
    };
    let t2 = c.renda.assessment_item_update(item_id(&t, "代表述职"), &input).unwrap();
    assert_eq!(t2.version, 2);
    let v2 = c.renda.export_assessment_template(YEAR).unwrap();
    let up = import(&mut w, &v2).unwrap();
    assert_eq!((up.updated, up.added), (4, 0));
    let got = w.renda.assessment_template(YEAR).unwrap().unwrap();
    assert_eq!(got.version, 2);
    assert!(got.items().any(|(_, i)| i.name == "代表述职（含联络站）"));
    let e = import(&mut w, &v1).unwrap_err().to_string();
    assert!(e.contains("第1版") && e.contains("第2版"), "{e}");

    // a 评分表 changed by hand is refused, and so is another county's template of the year
    let mut hand = renda::excel::read::read_workbook(&v2, "评分表.xlsx").unwrap();
    let edited = hand.iter_mut().find(|s| s.name == "评分表").unwrap();
    let cells: Vec<Vec<String>> = edited.rows.iter().map(|(_, r)| r.iter().map(|x| x.display()).collect()).collect();
    let mut cells: Vec<Vec<String>> =
        cells.into_iter().filter(|r| !r.first().is_some_and(|x| x.starts_with("说明"))).collect();
    for row in cells.iter_mut() {
        if row.get(2).is_some_and(|x| x == "听取审议专项工作报告") {
            row[3] = "60".into();
        }
    }
    let about: Vec<Vec<String>> = hand
        .iter()
        .find(|s| s.name == "说明")
        .unwrap()
        .rows
        .iter()
        .map(|(_, r)| r.iter().map(|x| x.display()).collect())
        .collect();
    let forged = common::libreoffice_ods(&[("评分表".into(), cells), ("说明".into(), about)]);
    let e =
        w.renda.import_assessment_template(&forged, "评分表.ods", &ImportOptions::default()).unwrap_err().to_string();
    assert!(e.contains("被改动过"), "{e}");
    let (other, _) = county_with_template();
    let theirs = other.renda.export_assessment_template(YEAR).unwrap();
    let e = import(&mut w, &theirs).unwrap_err().to_string();
    assert!(e.contains("另一份评分表"), "{e}");
}

#[test]
fn the_self_score_travels_in_the_package_and_a_corrected_package_changes_the_automatic_item() {
    let (mut c, t) = county_with_template();
    let v1 = c.renda.export_assessment_template(YEAR).unwrap();
    // two suggestions assigned in 2026, the first replied: 办复率 50% → 5 of 10 points
    let mut w = township("城关镇人大主席团", 2);
    import(&mut w, &v1).unwrap();
    let sheet = w.renda.assessment_self_sheet(YEAR).unwrap();
    let auto = sheet.rows.iter().find(|r| r.item.name == "代表建议办复率").unwrap();
    let a = auto.auto.as_ref().unwrap();
    assert_eq!((a.figure, a.proposed, auto.points), (Some(50.0), Some(5.0), Some(5.0)));
    assert!(a.text.contains("已答复 1 件 ÷ 交办 2 件"), "{}", a.text);
    // taking other points than the proposal needs the reason
    let mine = |item: i64, points: f64, reason: &str| SelfScoreInput {
        item_id: item,
        points,
        note: "全年召开两次".into(),
        evidence: "会议记录".into(),
        reason: reason.into(),
    };
    let auto_id = auto.item.id;
    let e = w.renda.assessment_self_score(&mine(auto_id, 8.0, "")).unwrap_err().to_string();
    assert!(e.contains("请说明理由"), "{e}");
    let watch = sheet.rows.iter().find(|r| r.item.name == "听取审议专项工作报告").unwrap().item.id;
    let s = w.renda.assessment_self_score(&mine(watch, 75.0, "")).unwrap();
    assert_eq!((s.base, s.bonus), (80.0, 0.0));
    assert!(w.renda.assessment_self_score(&mine(watch, 81.0, "")).is_err(), "above the item's points");

    let first = pack(&w);
    assert!(c.renda.report_import(&first, "城关镇1.xlsx", false).unwrap().committed);
    let township_id = c.renda.assessment_townships().unwrap()[0].id;
    let q = SheetQuery { year: YEAR, township_id };
    let row = |c: &TestData| {
        c.renda.assessment_sheet(&q).unwrap().rows.into_iter().find(|r| r.item.name == "代表建议办复率").unwrap()
    };
    let r = row(&c);
    assert_eq!((r.self_points, r.auto.as_ref().unwrap().figure, r.points), (Some(5.0), Some(50.0), Some(5.0)));
    let watch_row =
        c.renda.assessment_sheet(&q).unwrap().rows.into_iter().find(|r| r.item.name == "听取审议专项工作报告").unwrap();
    assert_eq!((watch_row.self_points, watch_row.self_note.as_str()), (Some(75.0), "全年召开两次"));

    // a third suggestion assigned: 33.3% in the corrected package, which replaces the first
    suggestion_on(&mut w, "关于第三件事的建议", "2026-06-01");
    let second = pack(&w);
    let got = c.renda.report_import(&second, "城关镇2.xlsx", false).unwrap();
    assert_eq!(got.action, "replaced");
    let r = row(&c);
    assert_eq!((r.auto.as_ref().unwrap().figure, r.points), (Some(33.3), Some(3.3)));
    // the same package twice changes nothing; the older one is not applied
    let db_before = c.renda.assessment_results(YEAR).unwrap();
    assert_eq!(c.renda.report_import(&second, "城关镇2.xlsx", false).unwrap().action, "unchanged");
    assert_eq!(c.renda.report_import(&first, "城关镇1.xlsx", false).unwrap().action, "older");
    assert_eq!(row(&c).auto.unwrap().figure, Some(33.3));
    let after = c.renda.assessment_results(YEAR).unwrap();
    assert_eq!(format!("{:?}", db_before.rows), format!("{:?}", after.rows));
    let sets: i64 = c.renda.conn().query_row("SELECT count(*) FROM assessment_received", [], |r| r.get(0)).unwrap();
    assert_eq!(sets, 2, "each applied package's 自评 is kept, the latest counts");
    let _ = t;
}

#[test]
fn the_grade_reads_the_base_only_and_ties_share_a_rank() {
    let (mut c, t) = county_with_template();
    for name in ["东岗镇", "西河乡", "南山乡", "北坡镇"] {
        c.renda.assessment_township_add(name).unwrap();
    }
    let ids: Vec<i64> = c.renda.assessment_townships().unwrap().iter().map(|w| w.id).collect();
    let (reply, report, watch, promo) = (
        item_id(&t, "代表建议办复率"),
        item_id(&t, "代表述职"),
        item_id(&t, "听取审议专项工作报告"),
        item_id(&t, "人大工作宣传"),
    );
    // 东岗镇: base 88 + bonus 5 = 93 → 合格 (the bonus never lifts the grade)
    for (item, p) in [(reply, 8.0), (report, 10.0), (watch, 70.0), (promo, 5.0)] {
        score(&mut c, ids[0], item, p).unwrap();
    }
    // 西河乡 and 南山乡: base 90, no bonus → both 优秀, both total 90
    for w in [ids[1], ids[2]] {
        for (item, p) in [(reply, 10.0), (report, 10.0), (watch, 70.0)] {
            score(&mut c, w, item, p).unwrap();
        }
    }
    let res = c.renda.assessment_results(YEAR).unwrap();
    let by = |id: i64| res.rows.iter().find(|r| r.township_id == id).unwrap().clone();
    let d = by(ids[0]);
    assert_eq!(
        (d.base, d.bonus, d.total, d.grade, d.rank),
        (Some(88.0), Some(5.0), Some(93.0), Some(Grade::Pass), Some(1))
    );
    assert_eq!((by(ids[1]).grade, by(ids[1]).rank, by(ids[2]).rank), (Some(Grade::Excellent), Some(2), Some(2)));
    // a township that sent nothing and has no score: 未报送, no grade, no rank, listed last
    let n = by(ids[3]);
    assert_eq!((n.status, n.base, n.grade, n.rank), (SentStatus::NotSent, None, None, None));
    assert_eq!(res.rows.last().unwrap().township_id, ids[3]);
    // ranked by the base instead: 90, 90, 88 → 1, 1, 3
    let s = TemplateSettings { year: YEAR, excellent: 90.0, pass: 80.0, rank_by: RankBy::Base };
    c.renda.assessment_settings_set(&s).unwrap();
    let res = c.renda.assessment_results(YEAR).unwrap();
    let ranks: Vec<Option<i64>> = res.rows.iter().map(|r| r.rank).collect();
    assert_eq!(ranks, vec![Some(1), Some(1), Some(3), None]);
    // the printed 考核结果表 lists them, 未报送 included
    let bytes = c.renda.export_assessment_results(YEAR).unwrap();
    let sheets = renda::excel::read::read_workbook(&bytes, "结果.xlsx").unwrap();
    let text: Vec<String> = sheets[0].rows.iter().flat_map(|(_, r)| r.iter().map(|x| x.display())).collect();
    assert!(
        text.iter().any(|x| x == "未报送") && text.iter().any(|x| x == "合格") && text.iter().any(|x| x == "北坡镇")
    );
}

#[test]
fn a_deduction_below_zero_is_refused_and_history_is_appended() {
    let (mut c, t) = county_with_template();
    let w = c.renda.assessment_township_add("东岗镇").unwrap()[0].id;
    let report = item_id(&t, "代表述职");
    assert!(adjust(&mut c, w, report, -1.0).is_err(), "no 加减分 before the item is scored");
    score(&mut c, w, report, 3.0).unwrap();
    let e = adjust(&mut c, w, report, -3.5).unwrap_err().to_string();
    assert!(e.contains("低于0分") && e.contains("最多还能减3分"), "{e}");
    let sheet = adjust(&mut c, w, report, -2.0).unwrap();
    let row = sheet.rows.iter().find(|r| r.item.id == report).unwrap();
    assert_eq!((row.group, row.points), (Some(3.0), Some(1.0)));
    // a lower 考核组 score that the deduction would take below zero is refused too
    let e = score(&mut c, w, report, 1.0).unwrap_err().to_string();
    assert!(e.contains("超出0到10分"), "{e}");
    assert!(adjust(&mut c, w, report, 12.0).is_err(), "above the item's points");
    let sheet = score(&mut c, w, report, 6.0).unwrap();
    let row = sheet.rows.iter().find(|r| r.item.id == report).unwrap();
    assert_eq!(row.history.iter().map(|h| h.points).collect::<Vec<_>>(), vec![3.0, 6.0], "the earlier score is kept");
    assert_eq!(row.points, Some(4.0));
    assert_eq!(row.adjustments.len(), 1);
    // the township's 评分表 prints the reason
    let bytes = c.renda.export_assessment_sheets(YEAR, Some(w)).unwrap();
    let sheets = renda::excel::read::read_workbook(&bytes, "评分表.xlsx").unwrap();
    let text: Vec<String> = sheets[0].rows.iter().flat_map(|(_, r)| r.iter().map(|x| x.display())).collect();
    assert!(text.iter().any(|x| x.contains("-2分：材料不全")), "{text:?}");
}

#[test]
fn last_years_template_is_copied_in_one_step() {
    let (mut c, t) = county_with_template();
    let copy = c.renda.assessment_template_copy(YEAR + 1).unwrap();
    assert_eq!(copy.year, YEAR + 1);
    assert_ne!(copy.uuid, t.uuid);
    let names = |t: &Template| {
        t.items().map(|(b, i)| (b.name.clone(), b.bonus, i.name.clone(), i.max_points)).collect::<Vec<_>>()
    };
    assert_eq!(names(&copy), names(&t));
    assert!(c.renda.assessment_template_copy(YEAR + 1).is_err(), "a year has one template");
    assert!(c.renda.assessment_template_copy(2000).is_err(), "nothing earlier to copy");
}

#[test]
fn a_township_listed_by_name_takes_the_first_package_from_an_office_of_that_name() {
    // the demo county lists its last township by name only (未报送)
    let mut c = fresh();
    c.renda.start_blank(Some(&OfficeInput { name: "清河县人大常委会".into(), level: "县".into() })).unwrap();
    c.renda.load_demo(renda::demo::Scale::Small).unwrap();
    let waiting = |c: &TestData| {
        let r = c.renda.assessment_results(YEAR).unwrap();
        r.rows.iter().filter(|x| x.received_at.is_none()).map(|x| x.name.clone()).collect::<Vec<_>>()
    };
    assert_eq!(waiting(&c), ["新集镇人大主席团"]);
    let before = c.renda.assessment_townships().unwrap().len();

    // that township's own demo year: the county's template imported, its 自评 filled
    let mut w = fresh();
    w.renda.start_blank(Some(&OfficeInput { name: "新集镇人大主席团".into(), level: "乡镇".into() })).unwrap();
    w.renda.load_demo(renda::demo::Scale::Small).unwrap();
    assert!(c.renda.report_import(&pack(&w), "新集镇.xlsx", false).unwrap().committed);

    // the package takes the listed entry: no second 新集镇, and nothing left 未报送
    let names = c.renda.assessment_townships().unwrap();
    assert_eq!(names.len(), before);
    assert_eq!(names.iter().filter(|t| t.name.starts_with("新集镇")).count(), 1);
    assert!(waiting(&c).is_empty());
    // its items the 考核组 has not scored yet are said on the printed table
    let bytes = c.renda.export_assessment_results(YEAR).unwrap();
    let sheets = renda::excel::read::read_workbook(&bytes, "结果.xlsx").unwrap();
    let row = sheets[0].rows.iter().map(|(_, r)| r.iter().map(|x| x.display()).collect::<Vec<_>>());
    let row = row.into_iter().find(|r| r.iter().any(|x| x == "新集镇人大主席团")).unwrap();
    assert!(row.iter().any(|x| x.starts_with("已报送（") && x.ends_with("项未评）")), "{row:?}");
    let own = names.iter().find(|t| t.name == "新集镇人大主席团").unwrap();
    let sheet = c.renda.assessment_sheet(&SheetQuery { year: YEAR, township_id: own.id }).unwrap();
    assert!(sheet.rows.iter().filter(|r| r.item.auto_source.is_none()).all(|r| r.self_points.is_some()));
}
