//! What the window asks instead of whole lists: a picker's deputy search with a limit, deputies
//! counted per level and 选区, 积分排名 a page at a time, and how each evaluation grade reads.

mod common;

use common::*;
use renda::evaluation::model::{grade_tier, PointsQuery};
use renda::roster::model::*;

#[test]
fn deputy_search_answers_a_few_matches_with_the_chosen_first() {
    let mut t = fresh();
    let names = ["张三", "张三丰", "李四", "王五", "赵六"];
    let ids: Vec<i64> = names.iter().map(|n| t.renda.deputy_create(&deputy(n)).unwrap().id).collect();
    let hits = t.renda.deputy_search(&DeputySearch { q: Some("zs".into()), ..Default::default() }).unwrap();
    assert_eq!(hits.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(), ["张三", "张三丰"]);
    let one =
        t.renda.deputy_search(&DeputySearch { q: Some("张".into()), limit: Some(1), ..Default::default() }).unwrap();
    assert_eq!(one.len(), 1, "the limit holds");
    // the chosen deputies come first, with their names, whatever the query
    let chosen = DeputySearch { q: Some("zs".into()), ids: vec![ids[4]], ..Default::default() };
    let hits = t.renda.deputy_search(&chosen).unwrap();
    assert_eq!(hits[0].name, "赵六");
    assert_eq!(hits.len(), 3);
}

#[test]
fn deputy_figures_count_levels_and_districts_in_the_database() {
    let mut t = fresh();
    for (name, levels, district) in
        [("甲", vec!["县", "乡"], Some("一选区")), ("乙", vec!["县"], Some("一选区")), ("丙", vec!["市"], None)]
    {
        let input = DeputyInput {
            name: name.into(),
            levels: levels.into_iter().map(String::from).collect(),
            district: district.map(String::from),
            ..Default::default()
        };
        t.renda.deputy_create(&input).unwrap();
    }
    let f = t.renda.deputy_figures().unwrap();
    assert_eq!(f.total, 3);
    let level = |n: &str| f.by_level.iter().find(|c| c.name == n).map(|c| c.count);
    assert_eq!((level("县"), level("乡"), level("市"), level("全国")), (Some(2), Some(1), Some(1), Some(0)));
    assert_eq!(level("未填写"), None, "every deputy has a level");
    assert_eq!(f.by_district[0].name, "一选区");
    assert_eq!(f.by_district[0].count, 2);
    assert_eq!(f.by_district.last().map(|c| c.name.as_str()), Some("未填写"));
}

#[test]
fn points_table_pages_keep_the_ranks_of_the_whole_table() {
    let mut t = fresh();
    for name in ["赵一", "钱二", "孙三", "李四", "周五", "吴六", "郑七"] {
        t.renda.deputy_create(&deputy(name)).unwrap();
    }
    let all = t.renda.points_table(&PointsQuery { year: 2024, ..Default::default() }).unwrap();
    assert_eq!((all.total, all.rows.len()), (7, 7));
    let q = PointsQuery { year: 2024, page: Some(2), page_size: Some(3), ..Default::default() };
    let page = t.renda.points_table(&q).unwrap();
    assert_eq!(page.total, 7);
    let ids = |rows: &[renda::evaluation::model::DeputyPoints]| rows.iter().map(|r| r.deputy_id).collect::<Vec<_>>();
    assert_eq!(ids(&page.rows), ids(&all.rows[3..6]));
}

#[test]
fn every_grade_has_a_tier() {
    for (g, tier) in [("满意", "good"), ("优秀", "good"), ("基本称职", "fair"), ("不合格", "poor"), ("不满意", "poor")]
    {
        assert_eq!(grade_tier(Some(g)).as_deref(), Some(tier), "{g}");
    }
    assert_eq!(grade_tier(None), None);
}
