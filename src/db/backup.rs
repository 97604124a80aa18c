//! Backup files: written with SQLite's online backup API in steps, under a temporary name, synced
//! and only then renamed — so a backup cut off by a crash never looks complete; given unique
//! names; and pruned by kind and age. And the checks a file passes before it may replace the data:
//! a file the app did not write (a backup from elsewhere, an upload) may hold anything, so its
//! whole schema must be the one the app itself builds — a foreign trigger or view would run inside
//! the app with the data's full rights.
//!
//! Retention (also in README.md, 「数据在哪里，怎么备份」):
//! - 每日自动备份-…: kept `DAILY_KEEP_DAYS` days;
//! - automatic copies made before an import, a restore or an upgrade, and uploaded backups
//!   (导入前备份-…, 恢复前自动备份-…, 升级前备份-…, 上传的备份-…): kept `SAFETY_KEEP_DAYS` days, and
//!   whatever their age the newest `SAFETY_KEEP_NEWEST` of each kind;
//! - backups the user made (人大工作台备份-…, or any other file): never deleted by the app.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};
use crate::fields::quote;

pub const DAILY_PREFIX: &str = "每日自动备份-";
pub const DAILY_KEEP_DAYS: u64 = 14;
pub const SAFETY_PREFIXES: &[&str] = &["导入前备份-", "恢复前自动备份-", "升级前备份-", "上传的备份-"];
pub const SAFETY_KEEP_DAYS: u64 = 30;
pub const SAFETY_KEEP_NEWEST: usize = 5;

/// Pages copied per step: small enough that a writer waits at most a few milliseconds.
const STEP_PAGES: std::ffi::c_int = 256;
/// The largest database copied in one read rather than in steps: about a decade of a county's
/// records, and memory an office PC spares for a moment.
const WHOLE_COPY_BYTES: i64 = 32 << 20;
/// How long a step may keep finding the database busy before the backup gives up.
const BUSY_PATIENCE: Duration = Duration::from_secs(30);

/// A new file name in `dir`: `{prefix}{stamp}.db`, with `-2`, `-3` … when that exists already
/// (two restores in one second).
pub fn unique_path(dir: &Path, prefix: &str) -> PathBuf {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let first = dir.join(format!("{prefix}{stamp}.db"));
    if !first.exists() {
        return first;
    }
    (2..).map(|n| dir.join(format!("{prefix}{stamp}-{n}.db"))).find(|p| !p.exists()).unwrap_or(first)
}

/// Copies the database behind `src` to `dest` (which must not exist): to a temporary file beside
/// it, then synced and renamed. Up to `WHOLE_COPY_BYTES` it is read at once (one consistent
/// snapshot; in WAL mode a reader never holds up a writer) and written in one go; a larger one is
/// copied in steps, so the memory it takes stays small.
pub fn write_copy(src: &Connection, dest: &Path) -> Result<()> {
    write_copy_upto(src, dest, WHOLE_COPY_BYTES)
}

fn write_copy_upto(src: &Connection, dest: &Path, whole_copy_bytes: i64) -> Result<()> {
    if dest.exists() {
        return Err(Error::Conflict(format!("{} 已存在。为免覆盖已有文件，请换一个文件名。", dest.display())));
    }
    let dir = dest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let size: i64 =
        src.query_row("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()", [], |r| r.get(0))?;
    if size <= whole_copy_bytes {
        let image = src.serialize(rusqlite::MAIN_DB)?;
        return write_beside(dest, |tmp| std::fs::write(tmp, &*image).map_err(|e| Error::io(dest, e)));
    }
    write_beside(dest, |tmp| {
        let mut out = Connection::open(tmp)?;
        // the temporary file is synced once and renamed whole: a journal of its own, and syncs
        // of each step, would only repeat that work
        out.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")?;
        copy_in_steps(src, &mut out)?;
        out.close().map_err(|(_, e)| e)?;
        Ok(())
    })
}

/// Makes `dest` whole or not at all: `write` fills a temporary file beside it, which is flushed and
/// then renamed to `dest`; on any failure the temporary file is removed and `dest` is as it was.
fn write_beside(dest: &Path, write: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let dir = dest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.{}.part",
        dest.file_name().map(|n| n.to_string_lossy()).unwrap_or_default(),
        uuid::Uuid::new_v4().simple()
    ));
    let result = (|| {
        write(&tmp)?;
        sync_file(&tmp)?;
        std::fs::rename(&tmp, dest).map_err(|e| Error::io(dest, held_by_another(dest).unwrap_or(e)))?;
        sync_dir(dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Windows refuses to rename over a file another program holds with 「没有访问权限」 (the same as a
/// file one may not write): asking to open it tells the two apart, as a sharing violation.
fn held_by_another(dest: &Path) -> Option<std::io::Error> {
    if !cfg!(windows) {
        return None;
    }
    std::fs::OpenOptions::new().append(true).open(dest).err().filter(crate::error::is_locked)
}

/// The online backup API in steps, inside one read transaction on the source: the copy is of one
/// moment, and writers in other connections or processes (WAL) neither block it nor restart it.
fn copy_in_steps(src: &Connection, dst: &mut Connection) -> Result<()> {
    let own_snapshot = src.is_autocommit();
    if own_snapshot {
        src.execute_batch("BEGIN DEFERRED")?;
        src.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
    }
    let result = (|| {
        let backup = Backup::new(src, dst)?;
        let mut busy_since = None;
        loop {
            match backup.step(STEP_PAGES)? {
                StepResult::Done => return Ok(()),
                StepResult::More => busy_since = None,
                _ => {
                    let since = *busy_since.get_or_insert_with(std::time::Instant::now);
                    if since.elapsed() > BUSY_PATIENCE {
                        return Err(Error::invalid(
                            "数据库一直被其他程序占用，备份未能完成。请关闭其他正在使用数据的窗口后重试。",
                        ));
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
            }
        }
    })();
    if own_snapshot {
        let _ = src.execute_batch("COMMIT");
    }
    result
}

/// Flushes a file to the disk. Opened for writing: Windows flushes only through a handle that may
/// write (a read-only handle is refused with 「没有访问权限」).
pub(crate) fn sync_file(path: &Path) -> Result<()> {
    std::fs::OpenOptions::new().write(true).open(path).and_then(|f| f.sync_all()).map_err(|e| Error::io(path, e))
}

/// Writes `bytes` to `dest` whole or not at all: into a temporary file beside it, flushed, then
/// renamed over it. A file another program holds (Excel or WPS on Windows) refuses the rename and
/// keeps its old content; the temporary file is removed.
pub fn write_whole(dest: &Path, bytes: &[u8]) -> Result<()> {
    write_beside(dest, |tmp| std::fs::write(tmp, bytes).map_err(|e| Error::io(dest, e)))
}

/// The rename itself is durable only once the folder is synced (POSIX; Windows has no such call).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Once a day: `每日自动备份-YYYY-MM-DD.db` in `backups/`, from a connection of its own (the
/// window calls this on a thread at start), then the retention rule. `None` if today's exists.
pub fn daily(db_path: &Path) -> Result<Option<PathBuf>> {
    let dir = super::backups_dir(db_path);
    let today = dir.join(format!("{DAILY_PREFIX}{}.db", chrono::Local::now().format("%Y-%m-%d")));
    let made = if today.exists() {
        None
    } else {
        let src =
            Connection::open_with_flags(db_path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        src.busy_timeout(Duration::from_secs(5))?;
        write_copy(&src, &today)?;
        Some(today)
    };
    prune(&dir, SystemTime::now());
    Ok(made)
}

/// Applies the retention rule (module comment) to the files in `dir`, as of `now`.
pub fn prune(dir: &Path, now: SystemTime) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<(SystemTime, String, PathBuf)> = entries
        .flatten()
        .filter_map(|e| {
            Some((e.metadata().ok()?.modified().ok()?, e.file_name().to_string_lossy().into_owned(), e.path()))
        })
        .collect();
    files.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1))); // newest first
    let day = Duration::from_secs(86_400);
    let older_than = |t: SystemTime, days: u64| now.duration_since(t).is_ok_and(|age| age > day * days as u32);
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (modified, name, path) in &files {
        let remove = if name.starts_with(DAILY_PREFIX) {
            older_than(*modified, DAILY_KEEP_DAYS)
        } else if let Some(kind) = SAFETY_PREFIXES.iter().find(|p| name.starts_with(**p)) {
            let rank = seen.entry(kind).or_default();
            *rank += 1;
            *rank > SAFETY_KEEP_NEWEST && older_than(*modified, SAFETY_KEEP_DAYS)
        } else {
            // a temporary file left by a crash mid-backup
            name.starts_with('.') && name.ends_with(".part") && older_than(*modified, 1)
        };
        if remove {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// A database's schema as `sqlite_master` holds it: (type, name) → (table, SQL with its
/// whitespace collapsed). SQLite's statistics tables are left out: `ANALYZE` and
/// `PRAGMA optimize` make them, and [`stat_tables_ok`] checks them on their own.
type Schema = BTreeMap<(String, String), (String, Option<String>)>;

const STAT_TABLES: &str = "('sqlite_stat1', 'sqlite_stat2', 'sqlite_stat3', 'sqlite_stat4')";

fn schema_of(c: &Connection) -> Result<Schema> {
    let mut st = c.prepare(&format!(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE NOT (type = 'table' AND name IN {STAT_TABLES})"
    ))?;
    let rows = st.query_map([], |r| {
        let sql: Option<String> = r.get(3)?;
        Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, sql.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")))))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The schema the app's own migrations 1..=`version` build, on a database in memory: every table,
/// index, trigger and view a file of that data version may hold, and nothing else.
fn reference_schema(version: i64) -> Result<(Connection, Schema)> {
    let mem = Connection::open_in_memory()?;
    for (_, sql) in super::MIGRATIONS.iter().take(version.max(0) as usize) {
        mem.execute_batch(sql)?;
    }
    let schema = schema_of(&mem)?;
    Ok((mem, schema))
}

fn kind_name(kind: &str) -> &str {
    match kind {
        "table" => "数据表",
        "index" => "索引",
        "trigger" => "触发器",
        "view" => "视图",
        other => other,
    }
}

/// Compares the schema of `c` with what the app's migrations build for `version`: anything extra
/// (a trigger that rewrites or deletes records), missing or defined differently is named.
fn compare_schema(c: &Connection, version: i64) -> std::result::Result<(), String> {
    let (mem, want) = reference_schema(version).map_err(|e| e.to_string())?;
    let have = schema_of(c).map_err(|_| "文件已损坏".to_string())?;
    let changed = "可能被其他工具改动过";
    // tables first: a table's change shows in its indexes and triggers too, and is the cause
    let tables_first = want.iter().filter(|(k, _)| k.0 == "table").chain(want.iter().filter(|(k, _)| k.0 != "table"));
    for (key, def) in tables_first {
        let (kind, name) = (kind_name(&key.0), quote(&key.1));
        match have.get(key) {
            None => return Err(format!("缺少{kind}「{name}」，{changed}")),
            Some(d) if d != def => {
                let missing = if key.0 == "table" { missing_column(c, &mem, &key.1) } else { None };
                return Err(match missing {
                    Some(col) => format!("{kind}「{name}」缺少列「{}」，{changed}", quote(&col)),
                    None => format!("{kind}「{name}」的定义与本软件建立的不同，{changed}"),
                });
            }
            Some(_) => {}
        }
    }
    if let Some(((kind, name), _)) = have.iter().find(|(k, _)| !want.contains_key(*k)) {
        return Err(format!("文件中有本软件不会建立的{}「{}」，{changed}", kind_name(kind), quote(name)));
    }
    stat_tables_ok(c, &mem)
}

/// The first column of `table` in the reference database that the file's table lacks.
fn missing_column(c: &Connection, reference: &Connection, table: &str) -> Option<String> {
    let columns = |db: &Connection| -> Option<Vec<String>> {
        let mut st = db.prepare("SELECT name FROM pragma_table_info(?1)").ok()?;
        let names = st.query_map([table], |r| r.get::<_, String>(0)).ok()?;
        names.collect::<rusqlite::Result<Vec<_>>>().ok()
    };
    let have = columns(c)?;
    columns(reference)?.into_iter().find(|col| !have.contains(col))
}

/// SQLite's statistics tables, where the file has them, are defined as SQLite itself defines them.
fn stat_tables_ok(c: &Connection, reference: &Connection) -> std::result::Result<(), String> {
    let stats = |db: &Connection| -> rusqlite::Result<BTreeMap<String, Option<String>>> {
        let mut st =
            db.prepare(&format!("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name IN {STAT_TABLES}"))?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect()
    };
    reference.execute_batch("ANALYZE").map_err(|e| e.to_string())?;
    let want = stats(reference).map_err(|e| e.to_string())?;
    for (name, sql) in stats(c).map_err(|_| "文件已损坏".to_string())? {
        if want.get(&name) != Some(&sql) {
            return Err(format!("数据表「{}」的定义与 SQLite 建立的不同，可能被其他工具改动过", quote(&name)));
        }
    }
    Ok(())
}

/// Copies `path` to a temporary file in `dir`, brings the copy up to this version and checks it
/// fully: application id, version, integrity, its schema against the one the app's own migrations
/// build for its data version (every table, index, trigger and view, with its SQL: nothing extra,
/// missing or different), the same again after the upgrade, foreign keys. Returns the
/// checked copy, ready to be swapped in; refuses (changing nothing) a file that fails any check.
pub fn prepare_candidate(path: &Path, dir: &Path) -> Result<PathBuf> {
    let bad = |why: &str| {
        Error::BadFile(format!(
            "{} 不能用于恢复：{why}。当前数据未被改动。请选择由人大工作台生成的备份文件。",
            path.display()
        ))
    };
    if !path.is_file() {
        return Err(bad("文件不存在"));
    }
    let src = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|_| bad("无法打开"))?;
    let app_id: i32 = src.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(|_| bad("不是数据库文件"))?;
    if app_id != super::APPLICATION_ID {
        return Err(bad("不是人大工作台的数据文件（可能是其他软件的数据库）"));
    }
    let version: i64 = src.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|_| bad("文件已损坏"))?;
    if version < 0 {
        return Err(bad(&format!("数据版本 {version} 不正确，文件已损坏")));
    }
    if version > super::schema_version() {
        return Err(bad(&format!(
            "它由更新版本的程序生成（数据版本 {version}，本程序支持到 {}），请先升级程序",
            super::schema_version()
        )));
    }
    let tmp = dir.join(format!(".恢复候选-{}.part", uuid::Uuid::new_v4().simple()));
    write_copy(&src, &tmp).map_err(|_| bad("文件已损坏，无法完整读出"))?;
    drop(src);
    let checked = check_candidate(&tmp, version).map_err(|why| bad(&why));
    if checked.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    checked.map(|()| tmp)
}

fn check_candidate(tmp: &Path, version: i64) -> std::result::Result<(), String> {
    let c = Connection::open(tmp).map_err(|_| "无法打开".to_string())?;
    let ok: String = c.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(|_| "文件已损坏".to_string())?;
    if ok != "ok" {
        return Err("文件已损坏（完整性检查未通过）".into());
    }
    // before anything of the file runs (a migration's UPDATE would fire a foreign trigger)
    compare_schema(&c, version)?;
    super::apply_migrations(&c, version).map_err(|e| format!("无法升级到当前数据版本（{}）", quote(&e.to_string())))?;
    compare_schema(&c, super::schema_version())?;
    let report = super::check(&c).map_err(|e| e.to_string())?;
    if !report.integrity.is_empty() {
        return Err("文件已损坏（完整性检查未通过）".into());
    }
    if !report.foreign_key_problems.is_empty() {
        return Err(format!("其中有{}处记录引用不一致（外键检查未通过）", report.foreign_key_problems.len()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both ways of copying give the same database: the whole image read at once, and the steps
    /// a larger one takes.
    #[test]
    fn the_whole_image_and_the_steps_copy_the_same_data() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| Error::io(Path::new("."), e))?;
        let src = Connection::open(dir.path().join("data.db"))?;
        src.execute_batch(
            "PRAGMA journal_mode = WAL;
             CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
             INSERT INTO t (x) SELECT printf('%.200c', 'x') || i FROM n;",
        )?;
        let (whole, steps) = (dir.path().join("whole.db"), dir.path().join("steps.db"));
        write_copy_upto(&src, &whole, i64::MAX)?;
        write_copy_upto(&src, &steps, 0)?;
        for copy in [whole, steps] {
            let c = Connection::open(&copy)?;
            let ok: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            let rows: (i64, i64) =
                c.query_row("SELECT count(*), sum(length(x)) FROM t", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
            assert_eq!((ok.as_str(), rows.0), ("ok", 3000), "{}", copy.display());
            assert!(rows.1 > 600_000, "{}", copy.display());
        }
        // a file already there is never overwritten
        assert!(write_copy_upto(&src, &dir.path().join("whole.db"), i64::MAX).is_err());
        Ok(())
    }
}
