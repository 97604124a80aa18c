//! The commands that move Excel files: `import_file`, `import_log`, `export_list` (and the name it
//! gives the file, `export_name`) and `template_get`. Which kinds exist, their titles and their
//! work are the areas' declarations, joined in `api::kinds`.

use super::{ExportArgs, ExportResult, ImportArgs, TemplateArgs};
use crate::error::Result;
use crate::excel::import::{ImportLogEntry, ImportReport};
use crate::excel::kinds::TemplateChoice;
use crate::Renda;

pub(super) fn import_file(r: &mut Renda, a: ImportArgs) -> Result<ImportReport> {
    let bytes = a.request.file.read(r.db_path(), super::MAX_FILE_BYTES)?;
    a.kind.import(r, &bytes, &a.request)
}

/// The import log, each line named by its kind's declaration.
pub(super) fn import_log(r: &mut Renda) -> Result<Vec<ImportLogEntry>> {
    let mut log = crate::excel::import::import_log(r.conn())?;
    for e in &mut log {
        e.title = super::ImportKind::logged_title(&e.kind);
    }
    Ok(log)
}

/// The file's name: the kind's title with what its query adds, then the day.
fn file_name(r: &Renda, a: &ExportArgs) -> Result<String> {
    let today = chrono::Local::now().format("%Y%m%d");
    Ok(format!("{}-{today}.xlsx", a.export.file_title(r, a.upward.unwrap_or(false))?))
}

/// Writes the workbook of the request (to `a.path`, or back as bytes); the CLI's `export` too.
pub fn export_list(r: &mut Renda, a: ExportArgs) -> Result<ExportResult> {
    let name = file_name(r, &a)?;
    let bytes = a.export.write(r, a.upward.unwrap_or(false))?;
    deliver(name, bytes, a.path)
}

/// The file name `export_list` gives, without writing the workbook.
pub fn export_name(r: &mut Renda, a: &ExportArgs) -> Result<String> {
    file_name(r, a)
}

pub(super) fn template_get(r: &mut Renda, a: TemplateArgs) -> Result<ExportResult> {
    let choice = TemplateChoice { book: a.book, evaluation_id: a.evaluation_id };
    let (title, bytes) = a.kind.template(r, &choice)?;
    deliver(format!("{title}.xlsx"), bytes, a.path)
}

/// Writes the file where the window's save dialog chose, or hands the bytes back (a browser
/// download).
pub(super) fn deliver(file_name: String, bytes: Vec<u8>, path: Option<String>) -> Result<ExportResult> {
    let size = bytes.len() as i64;
    match path.filter(|p| !p.trim().is_empty()) {
        Some(p) => {
            crate::db::backup::write_whole(std::path::Path::new(&p), &bytes)?;
            Ok(ExportResult { file_name, path: Some(p), bytes_base64: None, size })
        }
        None => {
            use base64::Engine;
            let b64 = base64::engine::general_purpose::STANDARD.encode(&bytes);
            Ok(ExportResult { file_name, path: None, bytes_base64: Some(b64), size })
        }
    }
}
