//! The store: migrations, files that are not ours, backup and restore, on real files.

mod common;

use common::*;
use renda::db::{APPLICATION_ID, MIGRATIONS};
use renda::roster::model::*;
use renda::Renda;

#[test]
fn a_level_1_database_opens_in_this_build() {
    // tests/fixtures/level-1.db was written by the build of migration level 1 (see make_level1_db.sh)
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("renda.db");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/level-1.db"), &path).unwrap();
    let r = Renda::open(&path).unwrap();
    assert_eq!(r.status().unwrap().schema_version, renda::db::schema_version());
    let found = r.deputy_list(&DeputyQuery { q: Some("zsf".into()), ..Default::default() }).unwrap();
    assert_eq!(found.items[0].name, "张三丰");
    assert!(r.check().unwrap().ok);
    if renda::db::schema_version() > 1 {
        assert!(renda::db::backups_dir(&path).read_dir().unwrap().count() > 0, "a backup is taken before migrating");
    }
}

#[test]
fn a_database_of_every_earlier_level_migrates() {
    for level in 1..=MIGRATIONS.len() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("renda.db");
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            for (_, sql) in &MIGRATIONS[..level] {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
            conn.pragma_update(None, "user_version", level as i64).unwrap();
        }
        let mut r = Renda::open(&path).unwrap();
        r.deputy_create(&deputy("钱七")).unwrap();
        assert!(r.check().unwrap().ok, "level {level}");
    }
}

#[test]
fn files_that_are_not_ours_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other).unwrap().execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
    let err = Renda::open(&other).err().unwrap();
    assert_eq!(err.code(), "bad_file");
    assert!(err.to_string().contains("不是人大工作台的数据文件"));

    let newer = dir.path().join("newer.db");
    {
        let c = rusqlite::Connection::open(&newer).unwrap();
        c.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
        c.pragma_update(None, "user_version", 999).unwrap();
        c.execute_batch("CREATE TABLE t (x)").unwrap();
    }
    let err = Renda::open(&newer).err().unwrap();
    assert!(err.to_string().contains("更新版本"), "{err}");

    let text = dir.path().join("notes.db");
    std::fs::write(&text, "这不是数据库").unwrap();
    assert!(Renda::open(&text).is_err());
}

#[test]
fn backup_then_restore_brings_back_the_data() {
    let mut t = fresh();
    t.renda.deputy_create(&deputy("孙八")).unwrap();
    let b = t.renda.backup_create(None).unwrap();
    assert!(b.file_name.starts_with("人大工作台备份-"));
    t.renda.deputy_create(&deputy("周九")).unwrap();
    assert_eq!(t.renda.deputy_list(&DeputyQuery::default()).unwrap().total, 2);

    let st = t.renda.restore_from(std::path::Path::new(&b.path)).unwrap();
    assert_eq!(st.counts.deputies, 1);
    let list = t.renda.backup_list().unwrap();
    assert!(list.iter().any(|x| x.file_name.starts_with("恢复前自动备份-")), "the data before the restore was saved");
    assert_eq!(t.renda.audit_list(Some("backup"), None, None).unwrap().items[0].action, "restore");
    // and the engine keeps working on the restored data
    t.renda.deputy_create(&deputy("吴十")).unwrap();
    assert_eq!(t.renda.deputy_list(&DeputyQuery::default()).unwrap().total, 2);
}

#[test]
fn restore_refuses_a_bad_file_and_keeps_the_current_data() {
    let mut t = fresh();
    t.renda.deputy_create(&deputy("郑一")).unwrap();
    let junk = t.dir.path().join("junk.db");
    std::fs::write(&junk, b"not a database at all").unwrap();
    let err = t.renda.restore_from(&junk).unwrap_err();
    assert_eq!(err.code(), "bad_file");
    assert!(err.to_string().contains("当前数据未被改动"));
    let foreign = t.dir.path().join("foreign.db");
    rusqlite::Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE t (x)").unwrap();
    assert_eq!(t.renda.restore_from(&foreign).unwrap_err().code(), "bad_file");
    assert_eq!(t.renda.restore_from_bytes(b"garbage").unwrap_err().code(), "bad_file");
    assert_eq!(t.renda.deputy_list(&DeputyQuery::default()).unwrap().items[0].name, "郑一");
}

#[test]
fn wal_and_foreign_keys_are_on() {
    let t = fresh();
    let mode: String = t.renda.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = t.renda.conn().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 1);
}

#[test]
fn daily_backup_once_a_day() {
    let t = fresh();
    assert!(t.renda.daily_backup().unwrap().is_some());
    assert!(t.renda.daily_backup().unwrap().is_none());
}

#[test]
fn the_dispatch_answers_every_listed_command_and_refuses_unknown_ones() {
    let mut t = fresh();
    let st = renda::api::call(&mut t.renda, "app_status", serde_json::json!({})).unwrap();
    assert_eq!(st["needs_setup"], true);
    let err = renda::api::call(&mut t.renda, "no_such_thing", serde_json::Value::Null).unwrap_err();
    assert_eq!(err.code(), "unknown_command");
    let as_json = serde_json::to_value(&err).unwrap();
    assert!(as_json["message"].as_str().unwrap().contains("no_such_thing"));
    let bad = renda::api::call(&mut t.renda, "deputy_get", serde_json::json!({"id": "x"})).unwrap_err();
    assert_eq!(bad.code(), "invalid_input");
    for name in renda::api::COMMANDS {
        let e = renda::api::call(&mut t.renda, name, serde_json::json!({"id": 1}));
        if let Err(e) = e {
            assert_ne!(e.code(), "unknown_command", "{name} is listed but not dispatched");
        }
    }
}

#[test]
fn a_kind_the_engine_does_not_know_is_refused_naming_every_kind() {
    use serde_json::json;
    let mut t = fresh();
    let e = renda::api::call(
        &mut t.renda,
        "import_file",
        json!({"kind": "bogus", "file_name": "x.xlsx", "bytes_base64": ""}),
    )
    .unwrap_err();
    assert_eq!((e.code(), e.field_errors()[0].field.as_str()), ("invalid_input", "kind"));
    for kind in renda::api::ImportKind::all() {
        assert!(e.to_string().contains(&format!("{}（{}）", kind.title(), kind.key())), "{e}");
    }
    let e = renda::api::call(&mut t.renda, "export_list", json!({"kind": "rating"})).unwrap_err();
    assert!(e.to_string().starts_with("不能导出「rating」，可选：代表名册（deputies）"), "{e}");
    assert!(e.to_string().contains("乡镇汇总表（report-summary）"), "{e}");

    // the window's save dialog offers the name the engine gives the file, quarter included
    let today = chrono::Local::now().format("%Y%m%d");
    let args = json!({"kind": "points", "query": {"year": 2026, "quarter": 2}});
    let name = renda::api::call(&mut t.renda, "export_name", args.clone()).unwrap();
    assert_eq!(name, json!(format!("2026年代表履职积分表（第2季度）-{today}.xlsx")));
    let made = renda::api::call(&mut t.renda, "export_list", args).unwrap();
    assert_eq!(made["file_name"], name);
    let upward = json!({"kind": "deputies", "query": {}, "upward": true});
    assert_eq!(
        renda::api::call(&mut t.renda, "export_name", upward).unwrap(),
        json!(format!("代表名册（上报）-{today}.xlsx"))
    );
    let template = renda::api::call(&mut t.renda, "template_get", json!({"kind": "register", "book": "contact"}));
    assert_eq!(template.unwrap()["file_name"], "代表联系群众登记簿导入模板.xlsx");
}
