//! The shared records through the engine, on real SQLite files.

mod common;

use common::*;
use renda::common::Page;
use renda::roster::model::*;
use renda::Error;

fn names(page: &Page<DeputyRow>) -> Vec<String> {
    page.items.iter().map(|d| d.name.clone()).collect()
}

#[test]
fn create_edit_and_find_a_deputy() {
    let mut t = fresh();
    let station = t
        .renda
        .station_create(&StationInput {
            name: "城关镇人大代表之家".into(),
            kind: "代表之家".into(),
            ..Default::default()
        })
        .unwrap();
    let d = t
        .renda
        .deputy_create(&DeputyInput {
            name: "张　三丰".into(),
            gender: Some("男".into()),
            birth_month: Some("1970.5".into()),
            phone: Some("139 1234 5678".into()),
            levels: vec!["县".into(), "乡".into()],
            district: Some("第1选区".into()),
            station_id: Some(station.id),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(d.name, "张三丰");
    assert_eq!(d.birth_month.as_deref(), Some("1970-05"));
    assert_eq!(d.phone.as_deref(), Some("13912345678"));
    assert_eq!(d.levels, ["县", "乡"]);
    assert_eq!(d.station_name.as_deref(), Some("城关镇人大代表之家"));
    assert_eq!(d.status_history.len(), 1);

    t.renda.deputy_create(&deputy("李四")).unwrap();
    for q in ["zsf", "zs", "zhangsan", "张三", "张　三丰", "三丰", "13912345678"] {
        let found = t.renda.deputy_list(&DeputyQuery { q: Some(q.into()), ..Default::default() }).unwrap();
        assert_eq!(names(&found), ["张三丰"], "query {q}");
    }

    let mut edit = DeputyInput { district: Some("第2选区".into()), ..deputy("张三丰") };
    edit.birth_month = Some("1970-05".into());
    let after = t.renda.deputy_update(d.id, &edit).unwrap();
    assert_eq!(after.district.as_deref(), Some("第2选区"));
    assert_eq!(after.uuid, d.uuid, "the stable id never changes");

    // the station lists its 驻站代表 from the same fact
    let s = t.renda.station_get(station.id).unwrap();
    assert!(s.deputies.is_empty(), "the edit cleared the station, so the station no longer lists him");
}

#[test]
fn same_person_twice_is_refused() {
    let mut t = fresh();
    let mut a = deputy("王五");
    a.birth_month = Some("1980-01".into());
    a.card_no = Some("QH-1".into());
    t.renda.deputy_create(&a).unwrap();
    // padded name, same birth month: the same person
    let mut b = deputy("王　五");
    b.birth_month = Some("1980年1月".into());
    let err = t.renda.deputy_create(&b).unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert!(err.to_string().contains("王五"));
    // same card number
    let mut c = deputy("王六");
    c.card_no = Some("QH-1".into());
    let err = t.renda.deputy_create(&c).unwrap_err();
    assert_eq!(err.field_errors()[0].field, "card_no");
    assert_eq!(t.renda.deputy_list(&DeputyQuery::default()).unwrap().total, 1, "nothing half-written");
}

#[test]
fn bad_input_names_every_field_and_writes_nothing() {
    let mut t = fresh();
    let err = t
        .renda
        .deputy_create(&DeputyInput {
            name: "".into(),
            phone: Some("12345".into()),
            levels: vec!["村".into()],
            ..Default::default()
        })
        .unwrap_err();
    let Error::Invalid { field_errors, .. } = &err else { panic!("{err:?}") };
    let fields: Vec<_> = field_errors.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["name", "phone", "levels"]);
    assert!(field_errors.iter().all(|f| !f.message.is_ascii()), "messages are Chinese");
    assert_eq!(t.renda.audit_list(None, None, None).unwrap().total, 0);
}

#[test]
fn sort_by_pinyin_and_by_surname_strokes() {
    let mut t = fresh();
    for n in ["张伟", "丁一", "王芳", "欧阳明", "李娜", "马丽"] {
        t.renda.deputy_create(&deputy(n)).unwrap();
    }
    let by = |sort: &str| {
        names(&t.renda.deputy_list(&DeputyQuery { sort: Some(sort.into()), ..Default::default() }).unwrap())
    };
    assert_eq!(by("pinyin"), ["丁一", "李娜", "马丽", "欧阳明", "王芳", "张伟"]);
    // 丁 2 strokes, 马 3, 王 4, 李 7, 张 7 (横 before 竖: 张 弓… vs 李 木… by first stroke), 欧 8
    let strokes = by("strokes");
    assert_eq!(&strokes[..3], ["丁一", "马丽", "王芳"]);
    assert_eq!(strokes.last().unwrap(), "欧阳明");
}

#[test]
fn filters_and_paging() {
    let mut t = fresh();
    t.renda.load_demo(renda::demo::Scale::Small).unwrap();
    let all = t.renda.deputy_list(&DeputyQuery { page_size: Some(0), ..Default::default() }).unwrap();
    assert_eq!(all.total as usize, all.items.len());
    let page2 = t.renda.deputy_list(&DeputyQuery { page: Some(2), page_size: Some(20), ..Default::default() }).unwrap();
    assert_eq!(page2.items.len(), 20);
    assert_eq!(names(&page2), names(&all)[20..40].to_vec());
    let township = t
        .renda
        .deputy_list(&DeputyQuery { level: Some("乡".into()), page_size: Some(0), ..Default::default() })
        .unwrap();
    assert!(township.total > 0 && township.total < all.total);
    assert!(township.items.iter().all(|d| d.levels.contains(&"乡".to_string())));
    let d = &all.items[0];
    let by_district = t
        .renda
        .deputy_list(&DeputyQuery { district: d.district.clone(), page_size: Some(0), ..Default::default() })
        .unwrap();
    assert!(by_district.items.iter().all(|x| x.district == d.district));
}

#[test]
fn deactivate_instead_of_delete_with_history() {
    let mut t = fresh();
    let d = t.renda.deputy_create(&deputy("赵六")).unwrap();
    t.renda.deputy_set_status(d.id, "辞职", &Some("2025-06-30".into()), &Some("工作调动".into())).unwrap();
    let d2 = t.renda.deputy_set_active(d.id, false).unwrap();
    assert!(!d2.active);
    assert_eq!(d2.status, "辞职");
    assert_eq!(d2.status_history.iter().map(|s| s.status.as_str()).collect::<Vec<_>>(), ["在任", "辞职"]);
    assert_eq!(t.renda.deputy_list(&DeputyQuery::default()).unwrap().total, 0);
    assert_eq!(
        t.renda.deputy_list(&DeputyQuery { include_inactive: Some(true), ..Default::default() }).unwrap().total,
        1
    );
    assert_eq!(t.renda.deputy_set_active(d.id, false).unwrap_err().code(), "not_allowed");
    t.renda.deputy_set_active(d.id, true).unwrap();
    let bad = t.renda.deputy_set_status(d.id, "退休", &Some("2025-01-01".into()), &None).unwrap_err();
    assert!(bad.to_string().contains("退休"));
}

#[test]
fn every_write_is_audited_with_before_and_after() {
    let mut t = fresh();
    let u = t
        .renda
        .unit_create(&UnitInput { name: "县财政局".into(), kind: "政府部门".into(), ..Default::default() })
        .unwrap();
    t.renda
        .unit_update(
            u.id,
            &UnitInput {
                name: "县财政局".into(),
                kind: "政府部门".into(),
                contact_person: Some("李会计".into()),
                contact_phone: Some("0318-5212345".into()),
            },
        )
        .unwrap();
    t.renda.unit_set_active(u.id, false).unwrap();
    let log = t.renda.audit_list(Some("unit"), None, None).unwrap();
    assert_eq!(log.items.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(), ["deactivate", "update", "create"]);
    let upd = &log.items[1];
    assert_eq!(upd.record_uuid.as_deref(), Some(u.uuid.as_str()));
    assert_eq!(upd.before.as_ref().unwrap()["contact_person"], serde_json::Value::Null);
    assert_eq!(upd.after.as_ref().unwrap()["contact_person"], "李会计");
    let dup = t
        .renda
        .unit_create(&UnitInput { name: " 县财政局 ".into(), kind: "政府部门".into(), ..Default::default() })
        .unwrap_err();
    assert_eq!(dup.field_errors()[0].field, "name");
}

#[test]
fn stations_with_deputies_and_schedule() {
    let mut t = fresh();
    let a = t.renda.deputy_create(&deputy("甲一")).unwrap();
    let b = t.renda.deputy_create(&deputy("乙二")).unwrap();
    let s = t
        .renda
        .station_create(&StationInput {
            name: "东坝镇人大代表之家".into(),
            kind: "代表之家".into(),
            township: Some("东坝镇".into()),
            schedule: Schedule { kind: "month_days".into(), days: vec![26, 6, 16], notice_days: 3 },
            deputy_ids: vec![a.id, b.id],
            ..Default::default()
        })
        .unwrap();
    assert_eq!(s.schedule.days, [6, 16, 26]);
    assert_eq!(s.schedule_text, "每月6日、16日、26日（逢六进站），提前3天公告");
    assert_eq!(s.deputies.len(), 2);
    assert_eq!(t.renda.deputy_get(a.id).unwrap().station_id, Some(s.id));
    let mut input = StationInput {
        name: s.name.clone(),
        kind: s.kind.clone(),
        schedule: s.schedule.clone(),
        deputy_ids: vec![b.id],
        ..Default::default()
    };
    let s2 = t.renda.station_update(s.id, &input).unwrap();
    assert_eq!(s2.deputies.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(), ["乙二"]);
    assert_eq!(t.renda.deputy_get(a.id).unwrap().station_id, None);
    input.deputy_ids = vec![9999];
    let err = t.renda.station_update(s.id, &input).unwrap_err();
    assert_eq!(err.field_errors()[0].field, "deputy_ids");
    assert_eq!(t.renda.station_get(s.id).unwrap().deputies.len(), 1, "the refused update changed nothing");
    let found = t.renda.station_list(&StationQuery { q: Some("dbz".into()), ..Default::default() }).unwrap();
    assert_eq!(found.total, 1);
}

#[test]
fn terms_and_sessions() {
    let mut t = fresh();
    let term = t
        .renda
        .term_create(&TermInput {
            level: "县".into(),
            number: 18,
            start_year: 2021,
            end_year: 2026,
            is_current: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(term.name, "县第十八届人民代表大会");
    let s = t
        .renda
        .session_create(&SessionInput {
            term_id: term.id,
            number: 3,
            start_date: Some("2024-01-10".into()),
            end_date: Some("2024-01-12".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(s.name, "县第十八届人民代表大会第三次会议");
    assert_eq!(
        t.renda.session_create(&SessionInput { term_id: term.id, number: 3, ..Default::default() }).unwrap_err().code(),
        "invalid_input"
    );
    let bad = t
        .renda
        .session_create(&SessionInput {
            term_id: term.id,
            number: 4,
            start_date: Some("2024-02-30".into()),
            ..Default::default()
        })
        .unwrap_err();
    assert!(bad.to_string().contains("2024-02-30"));
    assert_eq!(t.renda.term_list().unwrap()[0].sessions.len(), 1);
    let s2 = t
        .renda
        .session_update(
            s.id,
            &SessionInput {
                term_id: term.id,
                number: 3,
                start_date: Some("2024-01-09".into()),
                end_date: Some("2024-01-12".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(s2.start_date.as_deref(), Some("2024-01-09"));
    let t2 = t
        .renda
        .term_update(
            term.id,
            &TermInput {
                level: "县".into(),
                number: 18,
                start_year: 2021,
                end_year: 2026,
                is_current: true,
                name: Some("清河县第十八届人民代表大会".into()),
            },
        )
        .unwrap();
    assert_eq!(t2.name, "清河县第十八届人民代表大会");
    assert_eq!(t2.uuid, term.uuid);
    assert_eq!(t.renda.audit_list(Some("term"), None, None).unwrap().items[0].action, "update");
}

#[test]
fn demo_fills_once_and_is_consistent() {
    let mut t = fresh();
    assert!(t.renda.status().unwrap().needs_setup);
    let s = t.renda.load_demo(renda::demo::Scale::Small).unwrap();
    assert_eq!(s.deputies, 200);
    let st = t.renda.status().unwrap();
    assert!(!st.needs_setup);
    assert_eq!(st.counts.deputies, 200);
    assert!(t.renda.check().unwrap().ok);
    assert_eq!(t.renda.load_demo(renda::demo::Scale::Small).unwrap_err().code(), "not_allowed");
}
