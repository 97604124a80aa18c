//! 民生实事项目票决, 征集 → 候选项目 → 票决, on a real SQLite file: the pass rule at exactly half,
//! a tie at the cut-off flagged and resolved by a re-vote, void ballots, 逐项 and 等额, places
//! left empty, every add-up refusal, the negative list, the 候选项目表 import and the printed
//! 计票表 read back, the confirmation into projects once.

mod common;

use common::*;
use renda::excel::import::ImportOptions;
use renda::excel::kinds::ExportSet;
use renda::projects::excel::{CandidateExportArgs, ProjectExport};
use renda::projects::model::*;

fn opts(dry_run: bool) -> ImportOptions {
    ImportOptions { dry_run, ..Default::default() }
}

fn candidate(year: i64, name: &str) -> CandidateInput {
    CandidateInput {
        year,
        name: name.into(),
        field: "交通".into(),
        investment: 100.0,
        content: format!("{name}的主要内容"),
        planned_end: "2027年12月".into(),
        implementer: Some("县交通运输局".into()),
        ..Default::default()
    }
}

/// `n` candidates of 2027 and a round over them.
fn vote_of(t: &mut TestData, n: usize, mode: VoteMode, seats: i64) -> VoteRound {
    for i in 1..=n {
        t.renda.candidate_create(&candidate(2027, &format!("项目{i}"))).unwrap();
    }
    let (_, session) = term_and_session(t);
    t.renda
        .vote_create(&VoteInput { year: 2027, session_id: Some(session.id), mode, seats, ..Default::default() })
        .unwrap()
}

fn totals(expected: i64, valid: i64, invalid: i64) -> Totals {
    let returned = valid + invalid;
    Totals { expected, present: returned, issued: returned, returned, valid, invalid }
}

fn tally(v: &VoteRound, t: Totals, yes: &[i64]) -> TallyInput {
    let counts = v
        .lines
        .iter()
        .zip(yes)
        .map(|(l, y)| Count { candidate_id: l.candidate_id, yes: *y, no: t.valid - y, abstain: 0 })
        .collect();
    TallyInput { vote_id: v.id, totals: t, counts }
}

fn outcomes(v: &VoteRound) -> Vec<Option<Outcome>> {
    v.lines.iter().map(|l| l.outcome).collect()
}

#[test]
fn exactly_half_of_expected_fails_and_itemwise_decides_each_alone() {
    let mut t = fresh();
    let v = vote_of(&mut t, 3, VoteMode::Itemwise, 0);
    // 应到 40 (the default base), 实到 36: 20 is exactly half of 应到 → fails; 21 passes
    let r = t.renda.vote_count(&tally(&v, Totals { expected: 40, ..totals(40, 36, 0) }, &[20, 21, 36])).unwrap();
    assert_eq!(outcomes(&r), [Some(Outcome::Failed), Some(Outcome::Adopted), Some(Outcome::Adopted)]);
    assert_eq!(r.messages, ["表决 3 个，通过 2 个"]);
    assert_eq!(r.lines.iter().map(|l| l.rank).collect::<Vec<_>>(), [Some(3), Some(2), Some(1)]);
}

#[test]
fn a_tie_at_the_cut_off_is_flagged_then_decided_by_a_revote_and_confirmed_once() {
    let mut t = fresh();
    let v = vote_of(&mut t, 8, VoteMode::Competitive, 6);
    assert!(v.instruction.contains("应选 6 个，赞成不得超过 6 个，超过的为无效票"));
    // 6th place: 项目6 and 项目7 both 30
    let r = t.renda.vote_count(&tally(&v, totals(50, 48, 2), &[45, 44, 40, 38, 35, 30, 30, 20])).unwrap();
    assert_eq!(r.status, VoteStatus::Counted);
    assert!(r.tie_open);
    assert_eq!(r.open_seats, 1);
    assert_eq!(outcomes(&r)[5..7], [Some(Outcome::Tied), Some(Outcome::Tied)]);
    assert!(r.messages[0].starts_with("第6名票数相同"), "{:?}", r.messages);
    let refused = t.renda.vote_confirm(v.id).unwrap_err().to_string();
    assert!(refused.contains("再次投票"), "{refused}");

    let re = t.renda.vote_revote(v.id).unwrap();
    assert_eq!((re.round, re.parent_id, re.seats), (2, Some(v.id), 1));
    assert_eq!(re.lines.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(), ["项目6", "项目7"]);
    assert!(t.renda.vote_count(&tally(&v, totals(50, 48, 2), &[45; 8])).is_err(), "the first round is settled");
    let done = t.renda.vote_count(&tally(&re, totals(50, 47, 1), &[28, 19])).unwrap();
    assert!(!done.tie_open);
    assert_eq!(done.adopted.len(), 6);
    assert!(done.adopted.contains(&"项目6".to_string()) && !done.adopted.contains(&"项目7".to_string()));

    let confirmed = t.renda.vote_confirm(re.id).unwrap();
    assert_eq!(confirmed.status, VoteStatus::Confirmed);
    assert_eq!(confirmed.project_ids.len(), 6);
    let again = t.renda.vote_confirm(v.id).unwrap_err().to_string();
    assert!(again.contains("不能重复确认"), "{again}");
    let n: i64 = t.renda.conn().query_row("SELECT count(*) FROM projects", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 6, "confirming creates the projects once");
    let lead: String =
        t.renda.conn().query_row("SELECT lead_unit FROM projects WHERE name = '项目1'", [], |r| r.get(0)).unwrap();
    assert_eq!(lead, "县交通运输局");
    let locked = t.renda.vote_count(&tally(&re, totals(50, 47, 1), &[40, 1])).unwrap_err().to_string();
    assert!(locked.contains("已确认"), "{locked}");
}

#[test]
fn void_ballots_are_counted_invalid_and_every_add_up_failure_names_its_figure() {
    let mut t = fresh();
    let v = vote_of(&mut t, 3, VoteMode::Competitive, 2);
    // 3 ballots marked 赞成 on all three: void, in 无效
    let ok = t.renda.vote_count(&tally(&v, totals(40, 35, 3), &[30, 25, 15])).unwrap();
    assert_eq!(ok.totals.unwrap().invalid, 3);
    let mut bad = tally(&v, totals(40, 35, 3), &[30, 25, 15]);
    bad.totals.invalid = 2;
    let e = t.renda.vote_count(&bad).unwrap_err().to_string();
    assert!(e.contains("有效（35）+ 无效（2）= 37，应等于收回（38）"), "{e}");
    // more 赞成 in all than 有效 × 应选数: void ballots were counted as valid
    let e = t.renda.vote_count(&tally(&v, totals(40, 35, 3), &[35, 35, 1])).unwrap_err().to_string();
    assert!(e.contains("赞成票合计（71）多于有效票 × 应选数（35 × 2 = 70）"), "{e}");

    let cases: &[(Totals, &str)] = &[
        (
            Totals { expected: 40, present: 41, issued: 41, returned: 41, valid: 41, invalid: 0 },
            "实到（41）不能多于应到（40）",
        ),
        (
            Totals { expected: 40, present: 38, issued: 39, returned: 39, valid: 39, invalid: 0 },
            "发出票数（39）不能多于实到（38）",
        ),
        (
            Totals { expected: 40, present: 38, issued: 37, returned: 38, valid: 38, invalid: 0 },
            "收回票数（38）不能多于发出（37）",
        ),
        (
            Totals { expected: 40, present: 38, issued: 38, returned: 38, valid: 39, invalid: -1 },
            "无效票数（-1）不能为负数",
        ),
    ];
    for (tot, want) in cases {
        let e = t.renda.vote_count(&tally(&v, *tot, &[10, 10, 10])).unwrap_err();
        assert!(e.to_string().contains(want), "{want}: {e}");
        assert!(!e.field_errors().is_empty());
    }
    let mut over = tally(&v, totals(40, 30, 0), &[10, 10, 10]);
    over.counts[1].no = 25;
    let e = t.renda.vote_count(&over).unwrap_err().to_string();
    assert!(e.contains("「项目2」赞成（10）+ 反对（25）+ 弃权（0）= 35，多于有效票（30）"), "{e}");
}

#[test]
fn equal_mode_all_pass_or_a_place_stays_empty_and_too_few_passing_is_stated() {
    let mut t = fresh();
    let refused = t.renda.vote_create(&VoteInput { year: 2027, mode: VoteMode::Equal, seats: 2, ..Default::default() });
    assert!(refused.unwrap_err().to_string().contains("票上没有候选项目"));
    let v = vote_of(&mut t, 3, VoteMode::Equal, 3);
    let all = t.renda.vote_count(&tally(&v, totals(40, 38, 0), &[30, 29, 21])).unwrap();
    assert_eq!(all.adopted.len(), 3);
    let one = t.renda.vote_count(&tally(&v, totals(40, 38, 0), &[30, 29, 20])).unwrap();
    assert_eq!(outcomes(&one)[2], Some(Outcome::Failed));
    assert_eq!(one.messages, ["应选 3 个，通过 2 个，空缺 1 个"]);
    let wrong = VoteInput { year: 2027, mode: VoteMode::Equal, seats: 2, ..Default::default() };
    assert!(t
        .renda
        .vote_create(&wrong)
        .unwrap_err()
        .to_string()
        .contains("等额票决的候选项目数（3）须等于应选数（2）"));
    let wrong = VoteInput { year: 2027, mode: VoteMode::Competitive, seats: 3, ..Default::default() };
    assert!(t.renda.vote_create(&wrong).unwrap_err().to_string().contains("须多于应选数（3）"));

    let few =
        t.renda.vote_create(&VoteInput { year: 2027, mode: VoteMode::Competitive, seats: 2, ..Default::default() });
    let few = few.unwrap();
    let r = t.renda.vote_count(&tally(&few, totals(40, 38, 0), &[25, 20, 10])).unwrap();
    assert_eq!(r.messages, ["应选 2 个，通过 1 个，空缺 1 个"]);
    assert_eq!(outcomes(&r), [Some(Outcome::Adopted), Some(Outcome::Failed), Some(Outcome::Failed)]);
}

#[test]
fn proposals_refuse_the_negative_list_and_screening_makes_candidates() {
    let mut t = fresh();
    let office = ProposalInput {
        year: 2027,
        source: Source::Unit,
        proposer: "某镇政府".into(),
        name: "新建镇政府办公楼".into(),
        field: "其他".into(),
        ..Default::default()
    };
    let e = t.renda.proposal_create(&office).unwrap_err().to_string();
    assert!(e.contains("「办公楼」") && e.contains("党政机关办公楼建设不属于民生实事"), "{e}");

    let road = ProposalInput {
        source: Source::Person,
        proposer: "张三".into(),
        proposer_unit: Some("城关镇中心小学".into()),
        phone: Some("13812345678".into()),
        name: "城关镇村道硬化".into(),
        field: "交通".into(),
        investment: Some(300.0),
        planned_end: Some("2027-10".into()),
        ..office.clone()
    };
    let p = t.renda.proposal_create(&road).unwrap();
    assert_eq!(p.planned_end.as_deref(), Some("2027-10-31"));
    let listed = t.renda.proposal_list(&ProposalQuery { year: Some(2027), ..Default::default() }).unwrap();
    assert_eq!(listed.items[0].phone.as_deref(), Some("138****5678"), "a person's phone is masked in lists");
    assert_eq!(listed.items[0].proposer_unit.as_deref(), Some("（已隐藏）"));
    assert_eq!(t.renda.proposal_get(p.id).unwrap().phone.as_deref(), Some("13812345678"));

    let no_reason = t.renda.proposal_decide(&ProposalDecision { id: p.id, accept: false, ..Default::default() });
    assert!(no_reason.unwrap_err().to_string().contains("不予采纳须填写理由"));
    let missing = t.renda.proposal_decide(&ProposalDecision { id: p.id, accept: true, ..Default::default() });
    assert!(missing.unwrap_err().to_string().contains("请填写主要内容"), "the ballot's facts the form lacks");
    let d = ProposalDecision {
        id: p.id,
        accept: true,
        note: Some("经论证可行".into()),
        content: Some("硬化村道 10 条共 12 公里".into()),
        ..Default::default()
    };
    let p = t.renda.proposal_decide(&d).unwrap();
    assert_eq!(p.status, ProposalStatus::Candidate);
    let c = t.renda.candidate_get(p.candidate_id.unwrap()).unwrap();
    assert_eq!((c.investment, c.planned_end_text.as_str()), (300.0, "2027年10月"));
    assert!(t.renda.proposal_decide(&d).is_err(), "decided once");

    let mut sub = candidate(2027, "十条村道硬化");
    sub.subitems = vec![
        SubItem { name: "甲村道".into(), place: Some("甲村".into()), investment: Some(60.0) },
        SubItem { name: "乙村道".into(), place: Some("乙村".into()), investment: Some(50.0) },
    ];
    let e = t.renda.candidate_create(&sub).unwrap_err().to_string();
    assert!(e.contains("子项目投资合计 110 万元，超过项目总投资 100 万元"), "{e}");
}

/// A workbook of sheets of rows of text (numbers written as numbers).
fn workbook(sheets: &[(&str, Vec<Vec<String>>)]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                match v.parse::<f64>() {
                    Ok(n) => ws.write(r as u32, c as u16, n).unwrap(),
                    Err(_) => ws.write(r as u32, c as u16, v.as_str()).unwrap(),
                };
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

fn read_sheets(bytes: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    wb.sheet_names()
        .into_iter()
        .map(|n| {
            let rows =
                wb.worksheet_range(&n).unwrap().rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
            (n, rows)
        })
        .collect()
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_candidate_list_imports_with_a_preview_cell_errors_and_idempotence() {
    let mut t = fresh();
    let main = vec![
        row(&["2027年度某镇民生实事候选项目表"]),
        row(&["序号", "项目名称", "领域", "总投资（万元）", "主要内容", "完成时间", "实施主体"]),
        row(&["1", "村道硬化", "交通", "120", "硬化村道 3 条", "2027年12月", "镇政府"]),
        row(&["2", "卫生室改造", "医疗卫生", "80.5", "改造村卫生室 4 个", "2027-06-30", "镇卫生院"]),
        row(&["3", "敬老院扩建", "社会保障", "一百", "新增床位 20 张", "2027年13月", ""]),
    ];
    let subs = vec![
        row(&["所属项目", "子项目名称", "地点", "投资（万元）"]),
        row(&["村道硬化", "甲村道", "甲村", "40"]),
        row(&["村道硬化", "乙村道", "乙村", "50"]),
    ];
    let bytes = workbook(&[("候选项目", main.clone()), ("子项目", subs.clone())]);
    let preview = t.renda.import_candidates(&bytes, "候选项目表.xlsx", &opts(true)).unwrap();
    assert_eq!((preview.added, preview.committed), (2, false));
    let e: Vec<&renda::excel::spec::RowError> = preview.errors.iter().collect();
    assert!(
        e.iter().any(|x| x.row == 5 && x.column == "总投资（万元）" && x.message.contains("第5行「总投资（万元）」")),
        "{e:?}"
    );
    assert!(e.iter().any(|x| x.row == 5 && x.message.contains("2027年13月")), "{e:?}");
    assert!(e.iter().all(|x| x.sheet == "候选项目"));

    let good = workbook(&[("候选项目", main[..4].to_vec()), ("子项目", subs)]);
    let done = t.renda.import_candidates(&good, "候选项目表.xlsx", &opts(false)).unwrap();
    assert_eq!((done.added, done.committed), (2, true));
    let list = t.renda.candidate_list(&CandidateQuery { year: 2027, all: false }).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].subitems.len(), 2);
    assert_eq!(list[0].planned_end, "2027-12-31");
    let again = t.renda.import_candidates(&good, "候选项目表.xlsx", &opts(false)).unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 2), "the same file twice adds nothing");

    // the app's own export reads back as the same candidates
    let exported = ProjectExport::ProjectCandidates(CandidateExportArgs { year: 2027 }).write(&t.renda, false).unwrap();
    let back = t.renda.import_candidates(&exported, "导出.xlsx", &opts(true)).unwrap();
    assert_eq!((back.added, back.updated, back.unchanged), (0, 0, 2), "{:?}", back.errors);
}

#[test]
fn the_printed_tally_filled_in_imports_as_the_same_result() {
    let mut t = fresh();
    let v = vote_of(&mut t, 4, VoteMode::Competitive, 2);
    let ballot = read_sheets(&t.renda.export_ballot(v.id).unwrap());
    assert_eq!(ballot[0].1[0][0], "2027年度民生实事项目人大代表票决表决票");
    assert!(ballot[0].1.iter().any(|r| r.iter().any(|c| c.contains("应选 2 个，赞成不得超过 2 个，超过的为无效票"))));

    let yes = [30, 26, 12, 8];
    let mut sheets = read_sheets(&t.renda.export_tally(v.id).unwrap());
    for r in sheets[0].1.iter_mut() {
        if let Some(i) =
            ["项目1", "项目2", "项目3", "项目4"].iter().position(|n| r.get(1).map(String::as_str) == Some(n))
        {
            r[2] = yes[i].to_string();
            r[3] = (38 - yes[i]).to_string();
            r[4] = "0".into();
        }
    }
    let header = sheets[1].1.iter().position(|r| r.first().map(String::as_str) == Some("应到")).unwrap();
    sheets[1].1[header + 1] = row(&["40", "39", "39", "39", "38", "1"]);
    let named: Vec<(&str, Vec<Vec<String>>)> = sheets.iter().map(|(n, r)| (n.as_str(), r.clone())).collect();
    let bytes = workbook(&named);
    let r = t.renda.import_tally(&bytes, "计票表.xlsx", &opts(false)).unwrap();
    assert!(r.committed && r.errors.is_empty(), "{:?}", r.errors);
    let imported = t.renda.vote_get(v.id).unwrap();
    let mut typed = fresh();
    let w = vote_of(&mut typed, 4, VoteMode::Competitive, 2);
    let direct = typed.renda.vote_count(&tally(&w, totals(40, 38, 1), &yes)).unwrap();
    assert_eq!(outcomes(&imported), outcomes(&direct));
    assert_eq!(imported.totals, direct.totals);
    assert_eq!(imported.adopted, ["项目1", "项目2"]);
    let twice = t.renda.import_tally(&bytes, "计票表.xlsx", &opts(false)).unwrap();
    assert_eq!((twice.added, twice.updated, twice.unchanged), (0, 0, 1), "the same tally twice changes nothing");

    // a tally that does not add up is refused with its row and column
    sheets[1].1[header + 1] = row(&["40", "39", "39", "39", "36", "1"]);
    let named: Vec<(&str, Vec<Vec<String>>)> = sheets.iter().map(|(n, r)| (n.as_str(), r.clone())).collect();
    let bad = t.renda.import_tally(&workbook(&named), "计票表.xlsx", &opts(false)).unwrap();
    assert!(!bad.committed);
    let e = bad.errors.iter().find(|e| e.sheet == "投票情况").unwrap();
    assert_eq!((e.row, e.column.as_str()), (header as i64 + 2, "有效"));
    assert!(e.message.contains("应等于收回（39）"), "{}", e.message);
    let over = bad.errors.iter().find(|e| e.sheet == "计票表").unwrap();
    assert_eq!(over.column, "赞成");
    assert!(over.message.contains("多于有效票（36）"), "{}", over.message);
}
