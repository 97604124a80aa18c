//! 公民旁听 (DOMAIN.md §7) on a real SQLite file: the 身份证 checksum, the age on the meeting day,
//! the residence rule, one application per person and meeting, the state machine, the 名额, the
//! draw reproduced from its seed, the audit log and the exports never holding a full number, the
//! 报名表 import, and the figures of a hand-counted year.

mod common;

use common::*;
use renda::error::Error;
use renda::excel::import::ImportOptions;
use renda::hearings::model::*;
use renda::Renda;

/// A 身份证号 with its GB 11643 check character, computed here on its own.
fn id(area: &str, birth: &str, serial: u32) -> String {
    let body = format!("{area}{birth}{serial:03}");
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body.chars().zip(W).map(|(c, w)| c.to_digit(10).unwrap() * w).sum();
    let check = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][(sum % 11) as usize];
    format!("{body}{check}")
}

fn meeting(r: &mut Renda, name: &str, seats: Option<i64>) -> HearingMeeting {
    r.hearing_meeting_create(&HearingMeetingInput {
        kind: HearingKind::Standing,
        name: name.into(),
        meeting_date: "2027-03-15".into(),
        notice_date: "2027-02-20".into(),
        deadline: "2027-03-05".into(),
        seats,
        method: HearingMethod::Draw,
        topics: vec!["县人民政府关于义务教育工作情况的报告".into(), "县人民法院关于执行工作情况的报告".into()],
        ..Default::default()
    })
    .unwrap()
}

fn person(m: &HearingMeeting, name: &str, id_number: &str) -> HearingApplicationInput {
    HearingApplicationInput {
        meeting_id: m.id,
        name: name.into(),
        id_number: id_number.into(),
        local_hukou: true,
        address: Some("某某县城关镇解放路12号".into()),
        employer: Some("县第一中学".into()),
        phone: Some("13812345678".into()),
        applied_on: Some("2027-02-25".into()),
        ..Default::default()
    }
}

fn apply(r: &mut Renda, m: &HearingMeeting, name: &str, birth: &str, serial: u32) -> HearingApplication {
    r.hearing_apply(&person(m, name, &id("430102", birth, serial))).unwrap()
}

fn fields_of(e: Error) -> Vec<String> {
    e.field_errors().iter().map(|f| f.field.clone()).collect()
}

fn sheet_cells(bytes: &[u8]) -> Vec<String> {
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut out = vec![];
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        out.extend(range.rows().flat_map(|r| r.iter().map(|c| c.to_string())));
    }
    out
}

#[test]
fn the_checksum_is_verified_and_one_digit_off_is_refused() {
    let mut t = fresh();
    let m = meeting(&mut t.renda, "县人大常委会第十次会议", None);
    assert_eq!(m.seats, 5, "a 常委会 meeting's default 名额");
    let good = id("430102", "19800101", 123);
    let a = t.renda.hearing_apply(&person(&m, "张三", &good)).unwrap();
    assert_eq!(a.birth_date, "1980-01-01");
    // one digit changed: the check character no longer fits
    let mut bad: Vec<char> = id("430102", "19800102", 124).chars().collect();
    bad[10] = if bad[10] == '1' { '2' } else { '1' };
    let bad: String = bad.into_iter().collect();
    let e = t.renda.hearing_apply(&person(&m, "李四", &bad)).unwrap_err();
    assert_eq!(fields_of(e), vec!["id_number"]);
    assert_eq!(t.renda.hearing_detail(m.id).unwrap().applications.len(), 1);
}

#[test]
fn turning_eighteen_on_the_meeting_day_is_eligible_and_a_day_later_is_not() {
    let mut t = fresh();
    let m = meeting(&mut t.renda, "县人大常委会第十次会议", None);
    let on_day = apply(&mut t.renda, &m, "满十八", "20090315", 11);
    let day_after = apply(&mut t.renda, &m, "差一天", "20090316", 12);
    assert!(on_day.proposed_reasons.is_empty(), "{:?}", on_day.proposed_reasons);
    assert_eq!(day_after.proposed_reasons, vec!["会议当日未满18周岁".to_string()]);
    let e = t.renda.hearing_review(&HearingReviewArgs { id: day_after.id, approve: true, reason: None }).unwrap_err();
    assert!(e.to_string().contains("未满18周岁"), "{e}");
    let no = t.renda.hearing_review(&HearingReviewArgs { id: day_after.id, approve: false, reason: None }).unwrap();
    assert_eq!((no.status, no.reason.as_deref()), (HearingStatus::Ineligible, Some("会议当日未满18周岁")));
    let yes = t.renda.hearing_review(&HearingReviewArgs { id: on_day.id, approve: true, reason: None }).unwrap();
    assert_eq!(yes.status, HearingStatus::Approved);
}

#[test]
fn a_residence_of_a_year_counts_to_the_meeting_day() {
    let mut t = fresh();
    let m = meeting(&mut t.renda, "县人大常委会第十次会议", None);
    let mut check = |name: &str, serial: u32, since: Option<&str>| {
        let mut p = person(&m, name, &id("430102", "19800101", serial));
        p.local_hukou = false;
        p.resident_since = since.map(str::to_string);
        t.renda.hearing_apply(&p).unwrap().proposed_reasons
    };
    assert!(check("满一年", 21, Some("2026-03-15")).is_empty());
    assert_eq!(check("差一天", 22, Some("2026-03-16")), vec!["户籍不在本县，且在本县居住不满1年".to_string()]);
    assert_eq!(check("没填", 23, None), vec!["户籍不在本县，且未填写居住起始日期".to_string()]);
}

#[test]
fn one_person_applies_to_many_meetings_but_once_to_each() {
    let mut t = fresh();
    let m1 = meeting(&mut t.renda, "县人大常委会第十次会议", None);
    let m2 = meeting(&mut t.renda, "县人大常委会第十一次会议", None);
    let n = id("430102", "19800101", 31);
    t.renda.hearing_apply(&person(&m1, "王五", &n)).unwrap();
    t.renda.hearing_apply(&person(&m2, "王五", &n)).unwrap();
    let e = t.renda.hearing_apply(&person(&m1, "王五", &n)).unwrap_err();
    assert!(matches!(e, Error::Conflict(_)), "{e:?}");
    assert!(!e.to_string().contains(&n), "the refusal masks the number: {e}");
    let people: i64 = t.renda.conn().query_row("SELECT COUNT(*) FROM hearing_people", [], |r| r.get(0)).unwrap();
    assert_eq!(people, 1);
    // after the deadline
    let mut late = person(&m1, "赵六", &id("430102", "19800101", 32));
    late.applied_on = Some("2027-03-06".into());
    assert_eq!(fields_of(t.renda.hearing_apply(&late).unwrap_err()), vec!["applied_on"]);
}

/// A meeting with `n` approved applicants and `seats` 名额.
fn approved(r: &mut Renda, name: &str, n: u32, seats: i64) -> HearingMeeting {
    let m = meeting(r, name, Some(seats));
    for i in 0..n {
        apply(r, &m, &format!("申请人{i:02}"), "19850601", 100 + i);
    }
    r.hearing_review_all(m.id).unwrap();
    m
}

fn seated(r: &Renda, m: i64) -> Vec<String> {
    r.hearing_detail(m).unwrap().applications.into_iter().filter(|a| a.status.holds_seat()).map(|a| a.name).collect()
}

#[test]
fn the_draw_is_reproduced_from_its_seed() {
    let mut t = fresh();
    let m = approved(&mut t.renda, "县人大常委会第十次会议", 8, 3);
    let e =
        t.renda.hearing_select(&HearingSelectArgs { meeting_id: m.id, method: HearingMethod::Draw, seed: Some(-1) });
    assert_eq!(fields_of(e.unwrap_err()), vec!["seed"]);
    let m = t
        .renda
        .hearing_select(&HearingSelectArgs { meeting_id: m.id, method: HearingMethod::Draw, seed: Some(20270315) })
        .unwrap();
    assert_eq!((m.seed, m.seated), (Some(20270315), 3));
    let chosen = seated(&t.renda, m.id);
    let check = t.renda.hearing_draw_check(&HearingDrawCheckArgs { meeting_id: m.id, seed: None }).unwrap();
    assert!(check.matches);
    assert_eq!((check.names.clone(), check.pool, check.seats), (chosen.clone(), 8, 3));
    // the same pool and seed in another office's data: the same list
    let mut other = fresh();
    let m2 = approved(&mut other.renda, "县人大常委会第十次会议", 8, 3);
    let sel = HearingSelectArgs { meeting_id: m2.id, method: HearingMethod::Draw, seed: Some(20270315) };
    other.renda.hearing_select(&sel).unwrap();
    assert_eq!(seated(&other.renda, m2.id), chosen);
    // other seeds may give other lists; at least one of ten does
    let lists: Vec<Vec<String>> = (1..=10)
        .map(|s| t.renda.hearing_draw_check(&HearingDrawCheckArgs { meeting_id: m.id, seed: Some(s) }).unwrap().names)
        .collect();
    assert!(lists.iter().any(|l| *l != chosen));
    // a second 遴选 is refused
    assert!(t.renda.hearing_select(&sel_of(m.id)).is_err());
    // the printed 名单 carries the seed
    let cells = sheet_cells(&t.renda.export_hearing_roster(m.id).unwrap());
    assert!(cells.iter().any(|c| c.contains("随机种子 20270315")));
}

fn sel_of(id: i64) -> HearingSelectArgs {
    HearingSelectArgs { meeting_id: id, method: HearingMethod::Order, seed: None }
}

#[test]
fn by_order_the_first_applicants_are_chosen_and_the_seats_cannot_overflow() {
    let mut t = fresh();
    let m = approved(&mut t.renda, "县人大常委会第十次会议", 5, 3);
    t.renda.hearing_select(&sel_of(m.id)).unwrap();
    assert_eq!(seated(&t.renda, m.id), vec!["申请人00", "申请人01", "申请人02"]);
    let list = t.renda.hearing_detail(m.id).unwrap().applications;
    let out = list.iter().find(|a| a.status == HearingStatus::NotSelected).unwrap().id;
    let mv = |id: i64, to: HearingStatus| HearingMoveArgs { id, to, note: None };
    let e = t.renda.hearing_move(&mv(out, HearingStatus::Selected)).unwrap_err();
    assert!(e.to_string().contains("名额（3 人）已满"), "{e}");
    // swap one out, then in
    t.renda.hearing_move(&mv(list[0].id, HearingStatus::NotSelected)).unwrap();
    t.renda.hearing_move(&mv(out, HearingStatus::Selected)).unwrap();
    assert_eq!(t.renda.hearing_meeting_get(m.id).unwrap().seated, 3);
    let check = t.renda.hearing_draw_check(&HearingDrawCheckArgs { meeting_id: m.id, seed: None });
    assert_eq!(fields_of(check.unwrap_err()), vec!["seed"], "an order selection has no seed");
}

#[test]
fn the_states_move_only_as_the_machine_allows() {
    let mut t = fresh();
    let m = meeting(&mut t.renda, "县人大常委会第十次会议", Some(2));
    let a = apply(&mut t.renda, &m, "钱七", "19700101", 41);
    let b = apply(&mut t.renda, &m, "孙八", "19700101", 42);
    let mv = |id: i64, to: HearingStatus| HearingMoveArgs { id, to, note: None };
    // 申请 cannot skip to 入选, nor be reviewed through a move
    assert!(matches!(t.renda.hearing_move(&mv(a.id, HearingStatus::Selected)), Err(Error::NotAllowed(_))));
    assert!(t.renda.hearing_move(&mv(a.id, HearingStatus::Approved)).is_err());
    // 遴选 waits for every review
    t.renda.hearing_review(&HearingReviewArgs { id: a.id, approve: true, reason: None }).unwrap();
    assert!(t.renda.hearing_select(&sel_of(m.id)).unwrap_err().to_string().contains("1 份申请没有审核"));
    t.renda.hearing_review(&HearingReviewArgs { id: b.id, approve: true, reason: None }).unwrap();
    t.renda.hearing_select(&sel_of(m.id)).unwrap();
    // no application once selected
    assert!(t.renda.hearing_apply(&person(&m, "迟到", &id("430102", "19700101", 43))).is_err());
    // 签到 needs the card first
    assert!(t.renda.hearing_move(&mv(a.id, HearingStatus::Attended)).is_err());
    assert!(t.renda.hearing_move(&mv(a.id, HearingStatus::CardIssued)).is_err());
    t.renda.hearing_issue_cards(m.id).unwrap();
    let list = t.renda.hearing_detail(m.id).unwrap().applications;
    let cards: Vec<_> = list.iter().map(|a| (a.card_no.clone().unwrap(), a.seat.unwrap())).collect();
    assert_eq!(cards, vec![("2027-01-001".to_string(), 1), ("2027-01-002".to_string(), 2)]);
    let att = t.renda.hearing_move(&mv(a.id, HearingStatus::Attended)).unwrap();
    assert_eq!(att.status, HearingStatus::Attended);
    t.renda.hearing_move(&mv(b.id, HearingStatus::Absent)).unwrap();
    // history appended: 申请, 审核通过, 入选, 已发旁听证, 已签到
    let events: i64 = t
        .renda
        .conn()
        .query_row("SELECT COUNT(*) FROM hearing_events WHERE application_id = ?1", [a.id], |r| r.get(0))
        .unwrap();
    assert_eq!(events, 5);
    // an opinion from an attendee, on one of the meeting's 议题
    let mut o = HearingOpinionInput {
        meeting_id: m.id,
        application_id: Some(b.id),
        topic: "县人民法院关于执行工作情况的报告".into(),
        content: "建议公开执行案件进度".into(),
        ..Default::default()
    };
    assert_eq!(fields_of(t.renda.hearing_opinion_create(&o).unwrap_err()), vec!["application_id"]);
    o.application_id = Some(a.id);
    let made = t.renda.hearing_opinion_create(&o).unwrap();
    o.adopted = Some(true);
    o.forwarded_to = Some("县人民法院".into());
    let up = t.renda.hearing_opinion_update(made.id, &o).unwrap();
    assert_eq!((up.adopted, up.person.as_deref()), (Some(true), Some("钱七")));
}

#[test]
fn the_audit_log_and_the_exports_never_hold_a_full_number() {
    let mut t = fresh();
    let m = meeting(&mut t.renda, "县人大常委会第十次会议", Some(2));
    let n = id("430102", "19800101", 51);
    let a = t.renda.hearing_apply(&person(&m, "周九", &n)).unwrap();
    assert_eq!(a.id_number, format!("{}**********{}", &n[..4], &n[14..]));
    assert_eq!(a.phone.as_deref(), Some("138****5678"));
    assert_eq!(a.address.as_deref(), Some("某某县城关镇****"));
    t.renda.hearing_review_all(m.id).unwrap();
    t.renda.hearing_select(&sel_of(m.id)).unwrap();
    t.renda.hearing_issue_cards(m.id).unwrap();
    let logged: Vec<String> = {
        let mut st = t
            .renda
            .conn()
            .prepare(
                "SELECT COALESCE(summary, '') || COALESCE(before_json, '') || COALESCE(after_json, '') FROM audit_log",
            )
            .unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
    };
    assert!(logged.iter().any(|l| l.contains("周九")), "the application is audited");
    for l in &logged {
        assert!(!l.contains(&n) && !l.contains("13812345678") && !l.contains("解放路12号"), "{l}");
    }
    for bytes in [t.renda.export_hearing_roster(m.id).unwrap(), t.renda.export_hearing_cards(m.id).unwrap()] {
        let cells = sheet_cells(&bytes);
        assert!(cells.iter().any(|c| c == &a.id_number), "the masked number is printed");
        assert!(cells.iter().all(|c| !c.contains(&n) && !c.contains("13812345678")));
    }
    let cards = sheet_cells(&t.renda.export_hearing_cards(m.id).unwrap());
    assert!(cards.iter().any(|c| c == "2027-01-001"));
    let notice = sheet_cells(&t.renda.export_hearing_notice(m.id).unwrap());
    assert!(notice.iter().any(|c| c.contains("县人民法院关于执行工作情况的报告")));
}

/// A 报名表 as a 街道 sends it.
fn form(rows: &[[&str; 6]]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write(0, 0, "公民旁听报名表").unwrap();
    for (c, h) in ["旁听会议", "姓名", "身份证号", "推荐单位", "联系电话", "报名日期"].iter().enumerate()
    {
        ws.write(1, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write(r as u32 + 2, c as u16, *v).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn the_application_sheet_imports_with_preview_cell_errors_and_idempotence() {
    let mut t = fresh();
    let m = meeting(&mut t.renda, "县人大常委会第十次会议", None);
    let (a, b) = (id("430102", "19800101", 61), id("430102", "19900101", 62));
    let mut bad: Vec<char> = id("430102", "19950101", 63).chars().collect();
    bad[16] = if bad[16] == '9' { '8' } else { '9' };
    let bad: String = bad.into_iter().collect();
    let meeting_name = m.name.as_str();
    let good = form(&[
        [meeting_name, "吴一", &a, "城关街道", "13900001111", "2027-02-26"],
        [meeting_name, "郑二", &b, "", "", "2027-02-27"],
    ]);
    let preview = t
        .renda
        .import_hearing_applications(&good, "报名表.xlsx", &ImportOptions { dry_run: true, ..Default::default() })
        .unwrap();
    assert_eq!((preview.added, preview.committed), (2, false), "{:?}", preview.errors);
    assert_eq!(t.renda.hearing_detail(m.id).unwrap().applications.len(), 0, "a preview writes nothing");
    let done = t.renda.import_hearing_applications(&good, "报名表.xlsx", &ImportOptions::default()).unwrap();
    assert_eq!(done.added, 2);
    let list = t.renda.hearing_detail(m.id).unwrap().applications;
    assert_eq!(list[0].source, HearingSource::Recommended);
    assert_eq!(list[0].recommender.as_deref(), Some("城关街道"));
    // again: nothing added
    let again = t.renda.import_hearing_applications(&good, "报名表.xlsx", &ImportOptions::default()).unwrap();
    assert_eq!((again.added, again.unchanged), (0, 2));
    assert_eq!(t.renda.hearing_detail(m.id).unwrap().applications.len(), 2);
    // a bad check character: the cell named by sheet, row and column; nothing written
    let wrong = form(&[
        [meeting_name, "王三", &bad, "", "", "2027-02-27"],
        [meeting_name, "王四", &id("430102", "19700101", 64), "", "", ""],
    ]);
    let r = t.renda.import_hearing_applications(&wrong, "报名表.xlsx", &ImportOptions::default()).unwrap();
    assert!(!r.committed);
    let e = r.errors.first().expect("a cell error");
    assert_eq!((e.row, e.column.as_str()), (3, "身份证号"));
    assert!(e.message.contains("校验位"), "{}", e.message);
    assert_eq!(t.renda.hearing_detail(m.id).unwrap().applications.len(), 2);
}

#[test]
fn the_figures_of_a_hand_counted_year() {
    let mut t = fresh();
    // meeting 1 (2 议题): 3 approved, 2 seats, both attend, 3 opinions of which 2 adopted
    let m1 = approved(&mut t.renda, "县人大常委会第十次会议", 3, 2);
    t.renda.hearing_select(&sel_of(m1.id)).unwrap();
    t.renda.hearing_issue_cards(m1.id).unwrap();
    let list = t.renda.hearing_detail(m1.id).unwrap().applications;
    for a in list.iter().filter(|a| a.card_no.is_some()) {
        t.renda.hearing_move(&HearingMoveArgs { id: a.id, to: HearingStatus::Attended, note: None }).unwrap();
    }
    for (i, adopted) in [Some(true), Some(true), Some(false)].into_iter().enumerate() {
        let o = HearingOpinionInput {
            meeting_id: m1.id,
            topic: m1.topics[i % 2].clone(),
            content: format!("意见{i}"),
            adopted,
            ..Default::default()
        };
        t.renda.hearing_opinion_create(&o).unwrap();
    }
    // meeting 2 (2 议题): one card, absent — its 议题 are not counted as heard
    let m2 = approved(&mut t.renda, "县人大常委会第十一次会议", 1, 2);
    t.renda.hearing_select(&sel_of(m2.id)).unwrap();
    t.renda.hearing_issue_cards(m2.id).unwrap();
    let only = t.renda.hearing_detail(m2.id).unwrap().applications[0].id;
    t.renda.hearing_move(&HearingMoveArgs { id: only, to: HearingStatus::Absent, note: None }).unwrap();
    let f = t.renda.hearing_figures(2027).unwrap();
    assert_eq!(
        f,
        HearingFigures { year: 2027, meetings: 2, applications: 4, attendances: 2, topics: 2, opinions: 3, adopted: 2 }
    );
    assert_eq!(t.renda.hearing_figures(2026).unwrap().meetings, 0);
    let sheet = sheet_cells(&t.renda.export_hearing_opinions(2027).unwrap());
    assert!(sheet.iter().any(|c| c.contains("旁听 2 人次，旁听议题 2 个，提出意见 3 条，采纳 2 条")), "{sheet:?}");
}

#[test]
fn the_settings_set_the_default_seats_and_the_rule() {
    let mut t = fresh();
    let bad = HearingSettings { min_age: 5, ..Default::default() };
    assert_eq!(fields_of(t.renda.hearing_settings_set(&bad).unwrap_err()), vec!["min_age"]);
    let s = HearingSettings { seats_standing: 8, seats_congress: 20, min_age: 16, residence_years: 2 };
    assert_eq!(t.renda.hearing_settings_set(&s).unwrap(), s);
    let m = meeting(&mut t.renda, "县人大常委会第十次会议", None);
    assert_eq!(m.seats, 8);
    // sixteen on the meeting day is now enough; a year's residence is not
    assert!(apply(&mut t.renda, &m, "十六岁", "20110315", 71).proposed_reasons.is_empty());
    let mut p = person(&m, "住一年", &id("430102", "19800101", 72));
    p.local_hukou = false;
    p.resident_since = Some("2026-03-15".into());
    assert_eq!(
        t.renda.hearing_apply(&p).unwrap().proposed_reasons,
        vec!["户籍不在本县，且在本县居住不满2年".to_string()]
    );
}
