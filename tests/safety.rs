//! Data is never lost: restore checks a file fully before anything changes, backups are complete
//! or absent, survive concurrent writers, have unique names and are pruned by kind and age; the
//! audit log keeps personal data masked.

mod common;

use std::path::Path;
use std::time::{Duration, SystemTime};

use common::*;
use renda::Renda;
use rusqlite::Connection;

/// Everything a user could lose, as one comparable text.
fn fingerprint(r: &Renda) -> String {
    let c = r.conn();
    let mut out = String::new();
    for t in ["deputies", "units", "stations", "terms", "sessions", "suggestions", "audit_log"] {
        let n: i64 = c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).unwrap();
        out.push_str(&format!("{t}={n};"));
    }
    let names: String = c.query_row("SELECT group_concat(name || phone, ',') FROM (SELECT name, coalesce(phone, '') AS phone FROM deputies ORDER BY id)", [], |r| r.get::<_, Option<String>>(0)).unwrap().unwrap_or_default();
    out + &names
}

fn with_data() -> TestData {
    let mut t = fresh();
    t.renda.load_demo(renda::demo::Scale::parse("small").unwrap()).unwrap();
    t
}

fn forged(dir: &Path, name: &str, make: impl FnOnce(&Connection)) -> std::path::PathBuf {
    let p = dir.join(name);
    let c = Connection::open(&p).unwrap();
    make(&c);
    p
}

#[test]
fn forged_files_are_refused_and_nothing_changes() {
    let mut t = with_data();
    let dir = tempfile::tempdir().unwrap();
    let version = renda::db::schema_version();
    let id = renda::db::APPLICATION_ID;
    let good = dir.path().join("good.db");
    t.renda.backup_to(&good).unwrap();
    let copy_of_good = |name: &str, sql: &str| {
        let p = dir.path().join(name);
        std::fs::copy(&good, &p).unwrap();
        Connection::open(&p).unwrap().execute_batch(sql).unwrap();
        p
    };
    let files = vec![
        ("right id and version, wrong tables", forged(dir.path(), "a.db", |c| c.execute_batch(&format!("PRAGMA application_id = {id}; PRAGMA user_version = {version}; CREATE TABLE x (y);")).unwrap()), "缺少数据表"),
        ("a table missing", copy_of_good("b.db", "DROP TABLE audit_log;"), "缺少数据表「audit_log」"),
        ("a column missing", copy_of_good("c.db", "ALTER TABLE deputies RENAME COLUMN work_unit TO unit_text;"), "缺少列「work_unit」"),
        ("a newer version", copy_of_good("d.db", &format!("PRAGMA user_version = {};", version + 1)), "更新版本"),
        ("another SQLite app", forged(dir.path(), "e.db", |c| c.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');").unwrap()), "不是人大工作台的数据文件"),
        ("broken references", copy_of_good("f.db", "PRAGMA foreign_keys = OFF; UPDATE deputies SET station_id = 999999 WHERE id = (SELECT min(id) FROM deputies);"), "外键"),
        ("not a database", { let p = dir.path().join("g.db"); std::fs::write(&p, vec![7u8; 10_000]).unwrap(); p }, "不能用于恢复"),
        ("missing", dir.path().join("none.db"), "文件不存在"),
    ];
    let before = fingerprint(&t.renda);
    for (what, file, says) in files {
        let e = t.renda.restore_from(&file).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains(says), "{what}: {msg}");
        assert!(msg.contains("当前数据未被改动"), "{what}: {msg}");
        assert_eq!(fingerprint(&t.renda), before, "{what} changed the data");
        assert!(t.renda.check().unwrap().ok, "{what}");
        let bytes = std::fs::read(&file).unwrap_or_default();
        assert!(t.renda.restore_from_bytes(&bytes).is_err(), "{what} as an upload");
        assert_eq!(fingerprint(&t.renda), before, "{what} (uploaded) changed the data");
    }
    // nothing left behind in backups/ but real backups
    for e in std::fs::read_dir(t.dir.path().join("backups")).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        assert!(!name.ends_with(".part"), "left behind: {name}");
    }
    // and the good file restores, twice in a second without a name collision
    t.renda.deputy_create(&deputy("恢复后消失")).unwrap();
    t.renda.restore_from(&good).unwrap();
    t.renda.restore_from(&good).unwrap();
    assert_eq!(fingerprint(&t.renda).split(';').next(), before.split(';').next());
    let safety = std::fs::read_dir(t.dir.path().join("backups"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("恢复前自动备份-"))
        .count();
    assert_eq!(safety, 2);
}

#[test]
fn a_backup_finishes_while_another_process_keeps_writing() {
    let t = with_data();
    let db = t.dir.path().join("renda.db");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (db, stop) = (db.clone(), stop.clone());
        std::thread::spawn(move || {
            let c = Connection::open(&db).unwrap();
            c.busy_timeout(Duration::from_secs(5)).unwrap();
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                c.execute(
                    "INSERT INTO audit_log (at, kind, action, summary) VALUES ('x', 'test', 'w', ?1)",
                    [format!("{n}{}", "写".repeat(500))],
                )
                .unwrap();
                n += 1;
            }
            n
        })
    };
    std::thread::sleep(Duration::from_millis(100));
    let started = std::time::Instant::now();
    for i in 0..3 {
        let out = t.dir.path().join(format!("copy{i}.db"));
        t.renda.backup_to(&out).unwrap();
        let copy = Renda::open(&out).unwrap();
        assert!(copy.check().unwrap().ok);
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let writes = writer.join().unwrap();
    assert!(writes > 10, "the writer kept writing ({writes} writes)");
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
fn backups_are_pruned_by_kind_and_age() {
    let dir = tempfile::tempdir().unwrap();
    let now = SystemTime::now();
    let day = Duration::from_secs(86_400);
    let make = |name: &str, days_old: u64| {
        let p = dir.path().join(name);
        std::fs::write(&p, b"x").unwrap();
        std::fs::File::options().write(true).open(&p).unwrap().set_modified(now - day * days_old as u32).unwrap();
    };
    for d in 0..20 {
        make(&format!("每日自动备份-d{d:02}.db"), d);
    }
    for d in [1, 40, 41, 42, 43, 44, 45, 46] {
        make(&format!("导入前备份-{d}.db"), d);
    }
    make("恢复前自动备份-old.db", 90);
    make("人大工作台备份-old.db", 400);
    make(".x.db.abc.part", 3);
    renda::db::backup::prune(dir.path(), now);
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let count = |p: &str| left.iter().filter(|n| n.starts_with(p)).count();
    assert_eq!(count("每日自动备份-"), 15, "14 days of daily backups (and today's): {left:?}");
    assert_eq!(count("导入前备份-"), 5, "the newest five, whatever their age: {left:?}");
    assert!(left.contains(&"导入前备份-1.db".to_string()));
    assert_eq!(count("恢复前自动备份-"), 1, "the only one of its kind stays");
    assert_eq!(count("人大工作台备份-"), 1, "the user's own backups are never deleted");
    assert_eq!(count(".x"), 0, "a cut-off temporary file goes");
}

#[test]
fn the_daily_backup_is_complete_and_once_a_day() {
    let t = with_data();
    let made = t.renda.daily_backup().unwrap().expect("made today");
    assert!(Renda::open(&made).unwrap().check().unwrap().ok);
    assert!(t.renda.daily_backup().unwrap().is_none());
}

#[test]
fn the_audit_log_masks_id_numbers_and_phones() {
    let mut t = fresh();
    let mut d = deputy("王某");
    d.id_number = Some("11010519491231002X".into());
    d.phone = Some("13812345678".into());
    d.birth_month = Some("1949-12".into());
    t.renda.deputy_create(&d).unwrap();
    let raw: String = t
        .renda
        .conn()
        .query_row("SELECT after_json FROM audit_log WHERE kind = 'deputy' ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
        .unwrap();
    assert!(!raw.contains("11010519491231002X") && !raw.contains("13812345678"), "{raw}");
    assert!(raw.contains("1101**********002X") && raw.contains("138****5678"), "{raw}");
    let page = t.renda.audit_list(Some("deputy"), None, None).unwrap();
    assert!(!serde_json::to_string(&page.items).unwrap().contains("13812345678"));
}

/// A file of data version `level` as the app's own migrations 1..=level build it.
fn at_level(dir: &Path, level: usize, extra: &str) -> std::path::PathBuf {
    let p = dir.join(format!("level-{level}-{}.db", extra.len()));
    let c = Connection::open(&p).unwrap();
    for (_, sql) in &renda::db::MIGRATIONS[..level] {
        c.execute_batch(sql).unwrap();
    }
    c.pragma_update(None, "application_id", renda::db::APPLICATION_ID).unwrap();
    c.pragma_update(None, "user_version", level as i64).unwrap();
    c.execute_batch(extra).unwrap();
    p
}

/// Issue 22, point 4: a backup with something the app never builds (a trigger that deletes the
/// history and rewrites titles, a view, a table, an index) — or with one of the app's own objects
/// changed or missing — passed every check. Restore now compares the whole schema with the one the
/// app's migrations build for the file's data version, and names what differs.
#[test]
fn a_poisoned_backup_is_refused_naming_what_differs() {
    let mut t = with_data();
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.db");
    t.renda.backup_to(&good).unwrap();
    let poisoned = |name: &str, sql: &str| {
        let p = dir.path().join(name);
        std::fs::copy(&good, &p).unwrap();
        Connection::open(&p).unwrap().execute_batch(sql).unwrap();
        p
    };
    let trigger = "CREATE TRIGGER 清理 AFTER INSERT ON audit_log BEGIN DELETE FROM suggestion_events; UPDATE suggestions SET title = '已处理'; END;";
    let files = vec![
        ("a trigger", poisoned("t.db", trigger), "本软件不会建立的触发器「清理」"),
        ("a view", poisoned("v.db", "CREATE VIEW 名单 AS SELECT name, id_number FROM deputies;"), "本软件不会建立的视图「名单」"),
        ("a table", poisoned("x.db", "CREATE TABLE 外来 (x);"), "本软件不会建立的数据表「外来」"),
        ("an index", poisoned("i.db", "CREATE INDEX 外来索引 ON deputies(phone);"), "本软件不会建立的索引「外来索引」"),
        (
            "one of the app's triggers rewritten",
            poisoned(
                "r.db",
                "DROP TRIGGER register_figures_insert; CREATE TRIGGER register_figures_insert AFTER INSERT ON register_entries BEGIN DELETE FROM audit_log; END;",
            ),
            "触发器「register_figures_insert」的定义与本软件建立的不同",
        ),
        ("an index missing", poisoned("m.db", "DROP INDEX audit_log_kind;"), "缺少索引「audit_log_kind」"),
        ("a table changed", poisoned("c.db", "ALTER TABLE deputies ADD COLUMN 备注 TEXT;"), "数据表「deputies」的定义与本软件建立的不同"),
        // an older data version is compared with what that version's migrations build, before the
        // upgrade runs (whose updates would fire the trigger)
        ("an older version with a trigger", at_level(dir.path(), 3, trigger), "本软件不会建立的触发器「清理」"),
    ];
    let before = fingerprint(&t.renda);
    for (what, file, says) in files {
        let msg = t.renda.restore_from(&file).unwrap_err().to_string();
        assert!(msg.contains(says), "{what}: {msg}");
        assert!(msg.contains("可能被其他工具改动过") && msg.contains("当前数据未被改动"), "{what}: {msg}");
        assert_eq!(fingerprint(&t.renda), before, "{what} changed the data");
        let msg = t.renda.restore_from_bytes(&std::fs::read(&file).unwrap()).unwrap_err().to_string();
        assert!(msg.contains(says), "{what} as an upload: {msg}");
        assert_eq!(fingerprint(&t.renda), before, "{what} (uploaded) changed the data");
        assert!(t.renda.check().unwrap().ok, "{what}");
    }
    // the file SQLite's own statistics were gathered in restores (ANALYZE, PRAGMA optimize)
    t.renda.restore_from(&poisoned("s.db", "ANALYZE;")).unwrap();
    assert_eq!(fingerprint(&t.renda).split(';').next(), before.split(';').next());
}

/// The app's own files of every data version it accepts still restore, and are upgraded after.
#[test]
fn a_backup_of_every_data_version_restores() {
    let mut t = with_data();
    let dir = tempfile::tempdir().unwrap();
    for level in 1..=renda::db::MIGRATIONS.len() {
        let file = at_level(dir.path(), level, "");
        let st = t.renda.restore_from(&file).unwrap_or_else(|e| panic!("level {level}: {e}"));
        assert_eq!(st.schema_version, renda::db::schema_version(), "level {level}");
        assert!(t.renda.check().unwrap().ok, "level {level}");
        t.renda.deputy_create(&deputy("钱七")).unwrap();
    }
    // written by the build of migration level 1 itself
    let level1 = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/level-1.db");
    t.renda.restore_from(Path::new(level1)).unwrap();
    // and a backup of data with statistics gathered, made by this build
    let other = with_data();
    other.renda.conn().execute_batch("ANALYZE; PRAGMA optimize;").unwrap();
    let own = dir.path().join("own.db");
    other.renda.backup_to(&own).unwrap();
    t.renda.restore_from_bytes(&std::fs::read(&own).unwrap()).unwrap();
    assert_eq!(fingerprint(&t.renda).split(';').next(), fingerprint(&other.renda).split(';').next());
    assert!(t.renda.check().unwrap().ok);
}
