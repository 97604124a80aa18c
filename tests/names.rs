//! Issue 13 in the engine: names read and ordered as offices expect (surname readings, 按姓氏笔画
//! by stroke order, old keys recomputed at open), and a ledger search that finds what the row shows.

mod common;

use common::*;
use renda::demo::Scale;
use renda::roster::model::DeputyQuery;
use renda::suggestions::model::SuggestionQuery;
use renda::Renda;

fn names(r: &Renda, q: DeputyQuery) -> Vec<String> {
    r.deputy_list(&DeputyQuery { page_size: Some(0), ..q }).unwrap().items.into_iter().map(|d| d.name).collect()
}

#[test]
fn surnames_are_found_by_either_reading_and_sorted_by_the_surname_one() {
    let mut t = fresh();
    for n in ["曾伟", "曹明", "张三", "单明", "邓华"] {
        t.renda.deputy_create(&deputy(n)).unwrap();
    }
    for (q, who) in [("zw", "曾伟"), ("cw", "曾伟"), ("zengwei", "曾伟"), ("sm", "单明"), ("dm", "单明")] {
        assert_eq!(names(&t.renda, DeputyQuery { q: Some(q.into()), ..Default::default() }), [who], "{q}");
    }
    assert_eq!(
        names(&t.renda, DeputyQuery::default()),
        ["曹明", "邓华", "单明", "曾伟", "张三"],
        "单 as shan, 曾 as zeng"
    );
    assert_eq!(
        names(&t.renda, DeputyQuery { sort: Some("strokes".into()), ..Default::default() }),
        ["邓华", "张三", "单明", "曹明", "曾伟"]
    );
}

#[test]
fn a_database_with_the_old_keys_gets_the_new_ones_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("renda.db");
    {
        let mut r = Renda::open(&path).unwrap();
        r.deputy_create(&deputy("曾伟")).unwrap();
        r.deputy_create(&deputy("王五")).unwrap();
        // what an earlier version stored: the everyday reading, and keys of the old collation
        r.conn()
            .execute_batch(
                "UPDATE deputies SET initials = 'cw', pinyin = 'cengwei', pinyin_key = x'00', stroke_key = x'00' WHERE name = '曾伟';
                 DELETE FROM settings WHERE key = 'name_keys';",
            )
            .unwrap();
        assert!(names(&r, DeputyQuery { q: Some("zw".into()), ..Default::default() }).is_empty());
    }
    let r = Renda::open(&path).unwrap();
    assert_eq!(names(&r, DeputyQuery { q: Some("zw".into()), ..Default::default() }), ["曾伟"]);
    assert_eq!(names(&r, DeputyQuery { sort: Some("strokes".into()), ..Default::default() }), ["王五", "曾伟"]);
}

#[test]
fn the_ledger_search_finds_what_the_row_shows() {
    let mut t = fresh();
    t.renda.load_demo(Scale::Small).unwrap();
    let list =
        |q: SuggestionQuery| t.renda.suggestion_list(&SuggestionQuery { page_size: Some(0), ..q }).unwrap().items;
    let all = list(SuggestionQuery::default());
    let row = all.iter().find(|r| r.number.is_some() && r.main_unit.is_some()).unwrap();
    let by = |q: &str| list(SuggestionQuery { q: Some(q.into()), ..Default::default() });
    // 领衔代表
    let lead = by(&row.lead_deputy);
    assert!(lead.iter().any(|r| r.id == row.id));
    assert!(lead.iter().all(|r| r.lead_deputy == row.lead_deputy || !r.title.is_empty()));
    // the number, written three ways
    let n = row.number.unwrap();
    for q in [format!("{n}"), format!("{n}号"), format!("第{n}号")] {
        assert!(by(&q).iter().any(|r| r.id == row.id), "{q}");
    }
    // the unit
    assert!(by(row.main_unit.as_deref().unwrap()).iter().any(|r| r.id == row.id));
    // the 领衔代表 filter
    let only = list(SuggestionQuery { lead_deputy_id: Some(row.lead_deputy_id), ..Default::default() });
    assert!(!only.is_empty() && only.iter().all(|r| r.lead_deputy_id == row.lead_deputy_id));
    // 按要求答复日期: undated last, in either direction
    for desc in [false, true] {
        let rows = list(SuggestionQuery { sort: Some("due".into()), desc: Some(desc), ..Default::default() });
        let first_undated = rows.iter().position(|r| r.due_date.is_none()).unwrap_or(rows.len());
        assert!(rows[first_undated..].iter().all(|r| r.due_date.is_none()), "desc={desc}");
    }
}
