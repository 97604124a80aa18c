//! What every import reports and how it is committed: preview first (rows to add, to update with
//! their changed fields, unchanged, in error), then one transaction after a backup, then a line
//! in the import log. Each area supplies the spec and the row → record step.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::spec::{ImportColumn, RowError};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct FieldChange {
    pub field: String,
    pub label: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PreviewRow {
    /// Excel row number.
    pub row: i64,
    /// The sheet the row is on.
    pub sheet: String,
    /// add · update · unchanged · error
    pub action: String,
    /// Who or what the row is, e.g. `张三（1975-03）`.
    pub key: String,
    /// Field key → the cell as written.
    pub values: std::collections::BTreeMap<String, String>,
    /// Field key → how the cell was understood, where that reads differently from what is written
    /// (`1982.1` → `1982-10`, `男性` → `男`), so the user sees what will be saved.
    pub read: std::collections::BTreeMap<String, String>,
    pub changes: Vec<FieldChange>,
    pub errors: Vec<RowError>,
    /// Field key → how a value the cell does not hold itself was found (由合并单元格补全, 由…拆分).
    pub notes: std::collections::BTreeMap<String, String>,
}

impl PreviewRow {
    /// The preview line of one parsed row: the cells as written and as understood.
    pub fn of(
        row: &super::spec::ParsedRow,
        action: &str,
        key: String,
        changes: Vec<FieldChange>,
        errors: Vec<RowError>,
    ) -> PreviewRow {
        let strings = |m: &std::collections::BTreeMap<&'static str, String>| {
            m.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
        };
        PreviewRow {
            row: row.row as i64,
            sheet: row.sheet.clone(),
            action: action.into(),
            key,
            values: strings(&row.raw),
            read: strings(&row.read),
            changes,
            errors,
            notes: strings(&row.notes),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ImportReport {
    /// The kind as logged: an import kind, a register with its book (`register-contact`).
    pub kind: String,
    /// What the window and the log call it (代表名册, 代表联系群众登记簿 …).
    pub title: String,
    pub file_name: String,
    pub sha256: String,
    pub sheet: String,
    pub header_row: i64,
    pub columns: Vec<ImportColumn>,
    /// Columns of the sheet that no field takes, as `F列「备注」`.
    pub ignored_columns: Vec<String>,
    /// Every sheet of the workbook: read (with its rows) or skipped, with the reason.
    pub sheets: Vec<super::spec::SheetRead>,
    /// Rows in error first, then the others, up to `PREVIEW_ROWS`.
    pub rows: Vec<PreviewRow>,
    pub rows_truncated: bool,
    pub added: i64,
    pub updated: i64,
    pub unchanged: i64,
    pub errors: Vec<RowError>,
    /// Whether anything was written.
    pub committed: bool,
    /// Rows in error left out by 仅导入无误的行.
    pub skipped: i64,
    /// The backup taken just before writing.
    pub backup: Option<String>,
    /// Things the user should know (e.g. what will be created, names matched to existing ones).
    pub notes: Vec<String>,
    /// Records the import creates because the sheet names them: stations · units · terms ·
    /// sessions → their names.
    pub created: std::collections::BTreeMap<String, Vec<String>>,
    /// What may be a mistake though nothing refuses it (a new name close to an existing one).
    pub warnings: Vec<String>,
    /// Values the sheet lacks that apply to every row, stated once (本次导入默认…).
    pub defaults: Vec<ImportDefault>,
    /// A register: the station it goes into (chosen, or read from the file's title); its book is in `kind`.
    pub station_id: Option<i64>,
}

/// A column the sheet lacks that the office states once for the whole import, e.g. 代表层级 for
/// a township roster: the preview shows it as 「本次导入默认…」 and the user may change it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ImportDefault {
    /// The `ImportOptions` field that sets it: default_level · session_id.
    pub option: String,
    pub label: String,
    /// The value in force, as shown.
    pub value: String,
    pub choices: Vec<crate::common::Choice>,
    pub note: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ImportOptions {
    #[ts(optional)]
    pub sheet: Option<String>,
    /// Only report what would happen.
    pub dry_run: bool,
    /// Write the good rows even when some rows are in error (仅导入无误的行).
    pub skip_invalid: bool,
    /// 代表层级 for rows that have none (a township roster without the column).
    #[ts(optional)]
    pub default_level: Option<String>,
    /// Sheets the user unticked in the preview: not read.
    pub excluded_sheets: Vec<String>,
}

/// The request of the `import_file` command but its kind (`api::ImportArgs` adds the kind): the
/// file is named by `file` (an upload, a path or bytes).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct ImportRequest {
    #[serde(default)]
    pub file_name: String,
    /// The file: an upload (browser mode), a path (CLI) or the bytes (the window).
    #[serde(flatten)]
    pub file: crate::upload::FileSource,
    #[serde(default)]
    pub options: ImportOptions,
    /// suggestions: the session they belong to (else read from the sheet's title, else the current one)
    #[ts(optional)]
    #[serde(default)]
    pub session_id: Option<i64>,
    /// register: the station whose book it is (else the one the file's title names)
    #[ts(optional)]
    #[serde(default)]
    pub station_id: Option<i64>,
    /// register: activity · contact · report · opinion (else the one the file's title names)
    #[ts(optional)]
    #[serde(default)]
    pub book: Option<String>,
    /// ballots: the evaluation they are counted for
    #[ts(optional)]
    #[serde(default)]
    pub evaluation_id: Option<i64>,
    /// a dated report (a 进度表): the date of rows without a 日期 column (default: today)
    #[ts(optional)]
    #[serde(default)]
    pub date: Option<String>,
}

/// The JSON the CLI prints with `--json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImportSummary {
    pub added: i64,
    pub updated: i64,
    pub unchanged: i64,
    pub errors: Vec<RowError>,
    pub committed: bool,
    /// stations · units · terms · sessions → the names created (or, in a preview, to create).
    pub created: std::collections::BTreeMap<String, Vec<String>>,
    pub warnings: Vec<String>,
    pub notes: Vec<String>,
}

impl ImportReport {
    /// The report of a parsed sheet once each row is classified: the one place that counts,
    /// orders the preview and decides what 仅导入无误的行 leaves out.
    #[allow(clippy::too_many_arguments)]
    pub fn from_preview(
        (kind, title): (&str, &str),
        file_name: &str,
        bytes: &[u8],
        parsed: &super::spec::ParsedSheet,
        preview: Vec<PreviewRow>,
        (added, updated, unchanged): (i64, i64, i64),
        errors: Vec<RowError>,
        notes: Vec<String>,
        opts: &ImportOptions,
    ) -> ImportReport {
        let error_rows =
            errors.iter().map(|e| (e.sheet.clone(), e.row)).collect::<std::collections::HashSet<_>>().len() as i64;
        // rows of several sheets: each message names its sheet
        let many = parsed.sheets.iter().filter(|s| s.read).count() > 1;
        let name = |e: RowError| {
            if many && !e.sheet.is_empty() && !e.message.starts_with('「') {
                RowError { message: format!("「{}」{}", crate::fields::quote(&e.sheet), e.message), ..e }
            } else {
                e
            }
        };
        let errors: Vec<RowError> = errors.into_iter().map(name).collect();
        let preview: Vec<PreviewRow> =
            preview.into_iter().map(|r| PreviewRow { errors: r.errors.into_iter().map(name).collect(), ..r }).collect();
        let shown_ok = preview.iter().filter(|r| r.action != "error").count() as i64;
        let truncated_early = shown_ok < added + updated + unchanged;
        let (rows, truncated) = preview_rows(preview);
        ImportReport {
            kind: kind.into(),
            title: title.into(),
            file_name: file_name.into(),
            sha256: sha256_hex(bytes),
            sheet: parsed.sheet.clone(),
            header_row: parsed.header_row as i64,
            columns: parsed.columns.clone(),
            ignored_columns: parsed.ignored.clone(),
            sheets: parsed.sheets.clone(),
            rows,
            rows_truncated: truncated || truncated_early,
            added,
            updated,
            unchanged,
            errors,
            committed: false,
            skipped: if opts.skip_invalid { error_rows } else { 0 },
            backup: None,
            notes,
            created: Default::default(),
            warnings: vec![],
            defaults: vec![],
            station_id: None,
        }
    }

    /// Adds what a sheet's names will create or matched (see `NameBook`).
    pub fn add_names(&mut self, book: &super::names::NameBook) {
        if let Some((kind, names)) = book.created() {
            self.created.insert(kind, names);
        }
        self.notes.extend(book.notes());
        self.warnings.extend(book.warnings());
    }

    /// Whether the import goes on to write: not a preview, and no row in error unless the user
    /// chose 仅导入无误的行.
    pub fn should_write(&self, opts: &ImportOptions) -> bool {
        !opts.dry_run && (self.errors.is_empty() || opts.skip_invalid)
    }

    pub fn summary(&self) -> ImportSummary {
        ImportSummary {
            added: self.added,
            updated: self.updated,
            unchanged: self.unchanged,
            errors: self.errors.clone(),
            committed: self.committed,
            created: self.created.clone(),
            warnings: self.warnings.clone(),
            notes: self.notes.clone(),
        }
    }
}

pub const PREVIEW_ROWS: usize = 500;

pub fn sha256_hex(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// Orders preview rows (errors first) and cuts them to `PREVIEW_ROWS`.
pub fn preview_rows(rows: Vec<PreviewRow>) -> (Vec<PreviewRow>, bool) {
    // sheets in the workbook's order, rows in the sheet's
    let mut order: Vec<String> = Vec::new();
    for r in &rows {
        if !order.contains(&r.sheet) {
            order.push(r.sheet.clone());
        }
    }
    let mut rows: Vec<(usize, PreviewRow)> =
        rows.into_iter().map(|r| (order.iter().position(|s| *s == r.sheet).unwrap_or(0), r)).collect();
    rows.sort_by_key(|(s, r)| (r.action != "error", *s, r.row));
    let truncated = rows.len() > PREVIEW_ROWS;
    rows.truncate(PREVIEW_ROWS);
    rows.sort_by_key(|(s, r)| (*s, r.row));
    (rows.into_iter().map(|(_, r)| r).collect(), truncated)
}

/// Appends the import to the log (inside the import's transaction).
pub fn log_import(conn: &rusqlite::Connection, r: &ImportReport) -> crate::Result<()> {
    conn.execute(
        "INSERT INTO import_log (at, kind, file_name, sha256, sheet, added, updated, unchanged, skipped, backup)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        rusqlite::params![
            crate::db::now_text(),
            r.kind,
            r.file_name,
            r.sha256,
            r.sheet,
            r.added,
            r.updated,
            r.unchanged,
            r.skipped,
            r.backup
        ],
    )?;
    crate::db::audit(
        conn,
        "import",
        None,
        "import",
        &format!(
            "导入{}「{}」：新增 {}，更新 {}，未变 {}，跳过出错行 {}",
            r.title, r.file_name, r.added, r.updated, r.unchanged, r.skipped
        ),
        None,
        Some(
            &serde_json::json!({"file_name": r.file_name, "sha256": r.sha256, "added": r.added, "updated": r.updated, "unchanged": r.unchanged, "skipped": r.skipped}),
        ),
    )
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ImportLogEntry {
    pub id: i64,
    pub at: String,
    pub kind: String,
    /// What the kind is called (see `ImportReport::title`); the command layer names it
    /// (`api::kinds::ImportKind::logged_title`), this layer knowing no area's kinds.
    pub title: String,
    pub file_name: String,
    pub sha256: String,
    pub added: i64,
    pub updated: i64,
    pub unchanged: i64,
    pub skipped: i64,
}

pub fn import_log(conn: &rusqlite::Connection) -> crate::Result<Vec<ImportLogEntry>> {
    let mut st = conn.prepare("SELECT id, at, kind, file_name, sha256, added, updated, unchanged, skipped FROM import_log ORDER BY id DESC LIMIT 200")?;
    let v = st
        .query_map([], |r| {
            Ok(ImportLogEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                kind: r.get(2)?,
                title: r.get(2)?,
                file_name: r.get(3)?,
                sha256: r.get(4)?,
                added: r.get(5)?,
                updated: r.get(6)?,
                unchanged: r.get(7)?,
                skipped: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(v)
}

impl crate::Renda {
    /// Reads the sheet an import works on (the one asked for, else the first with a recognizable
    /// header), telling the progress bar what is happening while a big file is read.
    pub(crate) fn read_import_sheet(
        &self,
        spec: &super::spec::TableSpec,
        bytes: &[u8],
        file_name: &str,
        opts: &ImportOptions,
    ) -> crate::Result<super::spec::ParsedSheet> {
        let progress = self.progress();
        progress.tick("读取文件", 0, 1);
        let sheets = super::read::read_workbook(bytes, file_name)?;
        let parsed = super::spec::parse_sheets(spec, &sheets, opts.sheet.as_deref(), &opts.excluded_sheets)?;
        progress.tick("读取文件", 1, 1);
        Ok(parsed)
    }

    /// The end of every import: nothing is written unless the user asked and no row is in error
    /// (or chose 仅导入无误的行); nothing to write is a success; else a backup, then the rows and
    /// the import log in one transaction.
    pub(crate) fn commit_import(
        &mut self,
        mut report: ImportReport,
        opts: &ImportOptions,
        nothing_to_write: bool,
        write: impl FnOnce(&rusqlite::Transaction) -> crate::Result<()>,
    ) -> crate::Result<ImportReport> {
        if !report.should_write(opts) {
            return Ok(report);
        }
        report.committed = true;
        if nothing_to_write {
            return Ok(report);
        }
        report.backup = Some(self.take_backup_before_import()?);
        self.write(|tx| {
            write(tx)?;
            log_import(tx, &report)
        })?;
        Ok(report)
    }

    /// The copy of the data taken before every import writes (DOMAIN.md §4.1), named by the time.
    pub(crate) fn take_backup_before_import(&self) -> crate::Result<String> {
        let path = crate::db::backups_dir(self.db_path())
            .join(format!("导入前备份-{}.db", chrono::Local::now().format("%Y%m%d-%H%M%S%.3f")));
        self.backup_to(&path)?;
        Ok(path.display().to_string())
    }
}
