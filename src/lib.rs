//! 人大工作台 — the engine. `Renda` opens one data folder and exposes every use case; the CLI,
//! `renda serve` and the desktop shell all go through `api::call`, which calls these methods.

pub mod api;
pub mod app;
pub mod assessment;
pub mod common;
pub mod db;
pub mod demo;
pub mod error;
pub mod evaluation;
pub mod excel;
pub mod fields;
pub mod hearings;
pub mod morning;
pub mod names;
pub mod office;
pub mod oversight;
pub mod progress;
pub mod projects;
pub mod readers;
pub mod reports;
pub mod roster;
pub mod settings;
pub mod stations;
pub mod suggestions;
pub mod text;
pub mod upload;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use error::{Error, Result};

/// One office's data: the SQLite file and the folders beside it (`attachments/`, `backups/`).
pub struct Renda {
    conn: Connection,
    db_path: PathBuf,
    progress: progress::ProgressSink,
}

impl Renda {
    /// Opens (creating if needed) the database file at `path` and migrates it to this version.
    pub fn open(path: &Path) -> Result<Renda> {
        let conn = open_connection(path)?;
        office::ensure_office_id(&conn)?;
        let db_path = dunce::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let mut renda = Renda { conn, db_path, progress: Default::default() };
        renda.settle_home()?;
        Ok(renda)
    }

    /// Opens the database named by `RENDA_DB`, else `renda.db` in the OS per-user data folder.
    pub fn open_default() -> Result<Renda> {
        Renda::open(&default_db_path()?)
    }

    pub fn db_path(&self) -> &Path {
        &self.db_path
    }

    pub fn data_dir(&self) -> &Path {
        self.db_path.parent().unwrap_or(Path::new("."))
    }

    /// Read access for queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs one use case that writes, in one `BEGIN IMMEDIATE` transaction: all or nothing.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Where long work reports its progress (the shell's bar); nothing listens until one is set.
    pub fn set_progress(&mut self, listener: impl FnMut(&progress::Progress) + Send + 'static) {
        self.progress.set(listener)
    }

    pub(crate) fn progress(&self) -> progress::ProgressSink {
        self.progress.clone()
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Opens this data file again (after a restore replaced its contents).
    pub(crate) fn reopen(&mut self) -> Result<()> {
        self.conn = open_connection(&self.db_path)?;
        Ok(())
    }
}

/// The database at `path`, migrated, with the deputies' name keys brought up to this build's
/// rules (which the roster owns, so the database layer below it does not call it).
fn open_connection(path: &Path) -> Result<Connection> {
    let conn = db::open(path)?;
    roster::store::refresh_name_keys(&conn)?;
    Ok(conn)
}

/// `RENDA_DB` when set, else `<per-user data folder>/renda.db`
/// (Linux `~/.local/share/renda-workbench`, Windows `%APPDATA%\renda\renda-workbench\data`).
pub fn default_db_path() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("RENDA_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let dirs = directories::ProjectDirs::from("cn", "renda", "renda-workbench").ok_or_else(|| {
        Error::invalid("找不到当前用户的数据文件夹。请用 --db 参数或 RENDA_DB 环境变量指定数据文件位置。")
    })?;
    Ok(dirs.data_dir().join("renda.db"))
}
