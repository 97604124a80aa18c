//! The local store: one SQLite file, its pragmas, numbered migrations (with a backup before any
//! runs), the audit log and backup / restore through SQLite's online backup API.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde_json::Value;

use crate::error::{Error, Result};

pub mod backup;

/// `PRAGMA application_id` of every database this app writes ("REND"): how `restore` and `open`
/// tell our files from any other SQLite file.
pub const APPLICATION_ID: i32 = 0x5245_4E44;

/// The numbered migrations, in order. `PRAGMA user_version` = how many have run.
/// Never edit a released file: add the next number.
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("migrations/0001_init.sql")),
    ("0002_imports", include_str!("migrations/0002_imports.sql")),
    ("0003_suggestions", include_str!("migrations/0003_suggestions.sql")),
    ("0004_stations", include_str!("migrations/0004_stations.sql")),
    ("0005_evaluation", include_str!("migrations/0005_evaluation.sql")),
    ("0006_ledger_order", include_str!("migrations/0006_ledger_order.sql")),
    ("0007_reports", include_str!("migrations/0007_reports.sql")),
    ("0008_figures", include_str!("migrations/0008_figures.sql")),
    ("0009_deputy_figures", include_str!("migrations/0009_deputy_figures.sql")),
    ("0010_register_print", include_str!("migrations/0010_register_print.sql")),
    ("0011_report_trust", include_str!("migrations/0011_report_trust.sql")),
    ("0012_activity_counts", include_str!("migrations/0012_activity_counts.sql")),
    ("0013_deputy_address", include_str!("migrations/0013_deputy_address.sql")),
    ("0014_projects", include_str!("migrations/0014_projects.sql")),
    ("0015_oversight", include_str!("migrations/0015_oversight.sql")),
    ("0016_hearings", include_str!("migrations/0016_hearings.sql")),
    ("0017_assessment", include_str!("migrations/0017_assessment.sql")),
];

pub fn schema_version() -> i64 {
    MIGRATIONS.len() as i64
}

pub fn now_text() -> String {
    chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

/// Opens (creating if needed) the database at `path`, sets the pragmas and brings the schema up
/// to date. A file made by a newer version of the app, or a file that is not ours, is refused.
pub fn open(path: &Path) -> Result<Connection> {
    if let Some(dir) = path.parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
    }
    let existed = path.exists() && std::fs::metadata(path).map(|m| m.len() > 0).unwrap_or(false);
    let conn = Connection::open(path).map_err(|e| {
        Error::BadFile(format!(
            "无法打开数据文件 {}：{}。请检查文件是否存在、是否被其他程序占用。",
            path.display(),
            crate::error::db_reason(&e)
        ))
    })?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    check_ours(&conn, path, existed)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // 64 MiB of page cache (the default is 2 MiB): the indexes of a county's ten years stay in
    // memory, which bulk imports and the statistics pages need
    conn.pragma_update(None, "cache_size", -65536)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    migrate(&conn, path, existed)?;
    // keep the planner's statistics fresh (cheap: a bounded sample, only tables that changed), so
    // that it keeps choosing the indexes the pages were designed for as the data grows
    conn.execute_batch("PRAGMA analysis_limit = 400; PRAGMA optimize = 0x10002;")?;
    Ok(conn)
}

/// Refuses files that are not databases of this app (another program's SQLite file, a text file …).
fn check_ours(conn: &Connection, path: &Path, existed: bool) -> Result<()> {
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(|_| {
        Error::BadFile(format!("{} 不是有效的数据库文件。请选择人大工作台的数据文件（.db）。", path.display()))
    })?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    if existed && app_id != APPLICATION_ID && tables > 0 {
        return Err(Error::BadFile(format!(
            "{} 不是人大工作台的数据文件（可能是其他软件的数据库）。请选择本软件的数据文件或备份。",
            path.display()
        )));
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > schema_version() {
        return Err(Error::BadFile(format!(
            "数据文件 {} 由更新版本的人大工作台创建（数据版本 {version}，本程序支持到 {}）。请安装新版本后再打开，以免数据损坏。",
            path.display(),
            schema_version()
        )));
    }
    Ok(())
}

/// Runs the pending migrations in one `BEGIN IMMEDIATE` transaction, after copying the existing
/// file into `backups/` so that a failed or unwanted upgrade can be undone.
fn migrate(conn: &Connection, path: &Path, existed: bool) -> Result<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version >= schema_version() {
        return Ok(());
    }
    if existed && version > 0 {
        let dir = backups_dir(path);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let file = backup::unique_path(&dir, &format!("升级前备份-v{version}-"));
        backup::write_copy(conn, &file)?;
    }
    apply_migrations(conn, version)
}

/// Runs the migrations after `version` in one `BEGIN IMMEDIATE` transaction (all or none).
pub(crate) fn apply_migrations(conn: &Connection, version: i64) -> Result<()> {
    if version >= schema_version() {
        return Ok(());
    }
    let pending = usize::try_from(version)
        .ok()
        .and_then(|v| MIGRATIONS.get(v..))
        .ok_or_else(|| Error::BadFile(format!("数据版本 {version} 不正确，数据文件已损坏。")))?;
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let run = || -> Result<()> {
        for (_, sql) in pending {
            conn.execute_batch(sql)?;
        }
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        conn.pragma_update(None, "user_version", schema_version())?;
        Ok(())
    };
    match run() {
        Ok(()) => {
            conn.execute_batch("COMMIT")?;
            Ok(())
        }
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

pub fn backups_dir(db_path: &Path) -> PathBuf {
    db_path.parent().unwrap_or(Path::new(".")).join("backups")
}

/// Attachments live beside the database in `attachments/<first two hex>/<sha256>`, once per content.
pub fn attachment_path(data_dir: &Path, sha256: &str) -> PathBuf {
    data_dir.join("attachments").join(&sha256[..2]).join(sha256)
}

/// Appends one line to the audit log. Called inside the transaction of the write it records.
pub fn audit(
    conn: &Connection,
    kind: &str,
    record_uuid: Option<&str>,
    action: &str,
    summary: &str,
    before: Option<&Value>,
    after: Option<&Value>,
) -> Result<()> {
    audit_json(conn, kind, record_uuid, action, summary, before.map(|v| v.to_string()), after.map(|v| v.to_string()))
}

/// `audit` with the record already serialized (bulk imports skip the JSON tree).
pub fn audit_json(
    conn: &Connection,
    kind: &str,
    record_uuid: Option<&str>,
    action: &str,
    summary: &str,
    before: Option<String>,
    after: Option<String>,
) -> Result<()> {
    let (before, after) = (before.map(|s| mask_personal(&s)), after.map(|s| mask_personal(&s)));
    conn.prepare_cached(
        "INSERT INTO audit_log (at, kind, record_uuid, action, summary, before_json, after_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(rusqlite::params![now_text(), kind, record_uuid, action, summary, before, after,])?;
    Ok(())
}

/// What `renda check` and a restore look at.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct CheckReport {
    pub ok: bool,
    pub integrity: Vec<String>,
    pub foreign_key_problems: Vec<String>,
    pub schema_version: i64,
    pub expected_schema_version: i64,
    pub application_id_ok: bool,
}

pub fn check(conn: &Connection) -> Result<CheckReport> {
    let mut integrity = Vec::new();
    {
        let mut st = conn.prepare("PRAGMA integrity_check")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        for r in rows {
            let line = r?;
            if line != "ok" {
                integrity.push(line);
            }
        }
    }
    let mut fk = Vec::new();
    {
        let mut st = conn.prepare("PRAGMA foreign_key_check")?;
        let rows = st.query_map([], |r| {
            Ok(format!(
                "表 {} 第 {} 行引用了 {} 中不存在的记录",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?.unwrap_or(0),
                r.get::<_, String>(2)?
            ))
        })?;
        for r in rows {
            fk.push(r?);
        }
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let application_id_ok = app_id == APPLICATION_ID;
    Ok(CheckReport {
        ok: integrity.is_empty() && fk.is_empty() && version == schema_version() && application_id_ok,
        integrity,
        foreign_key_problems: fk,
        schema_version: version,
        expected_schema_version: schema_version(),
        application_id_ok,
    })
}

/// Fields of personal data that the audit log keeps only masked.
const PERSONAL_KEYS: &[&str] = &["id_number", "phone", "contact_phone", "mobile"];

/// The audit log keeps personal data masked, like the roster shown upward, but with enough left to
/// tell records apart: 身份证号 `4301**********1234`, phones `138****5678`. Bulk imports write a
/// line per row, so the compact JSON is masked in place; a value with escapes goes the slow way.
pub fn mask_personal(json: &str) -> String {
    let mut out = json.to_string();
    for key in PERSONAL_KEYS {
        let pattern = format!("\"{key}\":\"");
        let mut from = 0;
        while let Some(i) = out[from..].find(&pattern) {
            let start = from + i + pattern.len();
            let Some(len) = out[start..].find('"') else { break };
            let value = &out[start..start + len];
            if value.contains('\\') {
                return mask_by_parsing(json);
            }
            let masked = if *key == "id_number" { mask_id_number(value) } else { crate::text::mask_phone(value) };
            out.replace_range(start..start + len, &masked);
            from = start + masked.len();
        }
    }
    out
}

fn mask_by_parsing(json: &str) -> String {
    let Ok(mut v) = serde_json::from_str::<Value>(json) else { return json.to_string() };
    mask_value(&mut v, "");
    v.to_string()
}

fn mask_value(v: &mut Value, key: &str) {
    match v {
        Value::String(s) if key == "id_number" => *s = mask_id_number(s),
        Value::String(s) if PERSONAL_KEYS.contains(&key) => *s = crate::text::mask_phone(s),
        Value::Array(items) => items.iter_mut().for_each(|i| mask_value(i, key)),
        Value::Object(map) => map.iter_mut().for_each(|(k, i)| mask_value(i, k)),
        _ => {}
    }
}

pub fn mask_id_number(s: &str) -> String {
    let c: Vec<char> = s.chars().collect();
    if c.len() < 9 {
        return "*".repeat(c.len());
    }
    c[..4].iter().collect::<String>() + &"*".repeat(c.len() - 8) + &c[c.len() - 4..].iter().collect::<String>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_data_is_masked_in_the_audit_json() {
        let j = serde_json::json!({"name": "王某", "id_number": "430101197503011234", "phone": "13812345678", "units": [{"contact_phone": "0731-84561234"}]}).to_string();
        let m: Value = serde_json::from_str(&mask_personal(&j)).unwrap();
        assert_eq!(m["id_number"], "4301**********1234");
        assert_eq!(m["phone"], "138****5678");
        assert_eq!(m["units"][0]["contact_phone"], "073******1234");
        assert_eq!(m["name"], "王某");
        assert_eq!(mask_personal("{\"name\":\"x\"}"), "{\"name\":\"x\"}");
        let escaped: Value = serde_json::from_str(&mask_personal(r#"{"phone":"138\u00301234567"}"#)).unwrap();
        assert_eq!(escaped["phone"], "138****4567");
    }
}
