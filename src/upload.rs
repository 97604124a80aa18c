//! Files a command reads. In the window a picked file crosses the IPC as bytes; the CLI names a
//! path; in browser mode the page first sends the file by itself (`POST /upload` of `renda serve`,
//! streamed into `uploads/` beside the database) and the command names it by the id it got back —
//! so that a file never travels inside a command's JSON, whatever its size. A command removes the
//! uploaded file once it has read it (`renda serve` clears the folder at start as well).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// The folder beside the database where `renda serve` keeps uploaded files until a command reads them.
pub const UPLOADS_DIR: &str = "uploads";

/// Where a command's file comes from: exactly one of `path`, `upload`, `bytes_base64`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct FileSource {
    /// A file on this computer: the window's open dialog, the CLI.
    #[ts(optional)]
    pub path: Option<String>,
    /// The id `POST /upload` answered (browser mode).
    #[ts(optional)]
    pub upload: Option<String>,
    /// The file's bytes (the window's IPC, which has no size cap of its own).
    #[ts(optional)]
    pub bytes_base64: Option<String>,
}

/// `uploads/` beside the database file.
pub fn dir(db_path: &Path) -> PathBuf {
    db_path.parent().unwrap_or(Path::new(".")).join(UPLOADS_DIR)
}

/// A new upload id: 32 letters and digits, so that it names a file and nothing else.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// The file of upload `id`; an id that is not one of ours is refused, never followed as a path.
pub fn path_of(db_path: &Path, id: &str) -> Result<PathBuf> {
    let id = id.trim();
    if id.is_empty() || id.len() > 64 || !id.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(Error::field("upload", "上传的文件标识无效，请重新选择文件"));
    }
    Ok(dir(db_path).join(id))
}

/// Removes every uploaded file (at the start of `renda serve`: none is in use yet).
pub fn clear(db_path: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir(db_path)) {
        for e in entries.flatten() {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// The refusal of a file larger than `limit` bytes, naming the limit.
pub fn too_large(limit: u64) -> Error {
    Error::BadFile(format!(
        "文件超过{}MB的上限，未读取。请拆分或压缩后再试（表格可分成几个文件分别导入）。",
        limit >> 20
    ))
}

/// A file a command reads; an uploaded one is removed when this is dropped, whatever the outcome.
pub struct LocalFile {
    pub path: PathBuf,
    uploaded: bool,
}

impl Drop for LocalFile {
    fn drop(&mut self) {
        if self.uploaded {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

impl LocalFile {
    /// Its bytes, refused (before reading) when larger than `limit`.
    pub fn read(&self, limit: u64) -> Result<Vec<u8>> {
        let size = std::fs::metadata(&self.path).map_err(|e| Error::io(&self.path, e))?.len();
        if size > limit {
            return Err(too_large(limit));
        }
        std::fs::read(&self.path).map_err(|e| Error::io(&self.path, e))
    }
}

/// The file or the bytes a `FileSource` names.
pub enum Opened {
    File(LocalFile),
    Bytes(Vec<u8>),
}

impl FileSource {
    /// Finds the file (an upload must still be there), or decodes the bytes (within `limit`).
    pub fn open(&self, db_path: &Path, limit: u64) -> Result<Opened> {
        let given = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        if let Some(id) = given(&self.upload) {
            let path = path_of(db_path, &id)?;
            if !path.is_file() {
                let why = "上传的文件已不在（每个文件只能使用一次，程序重新启动时也会清除），请重新选择文件";
                return Err(Error::field("upload", why));
            }
            return Ok(Opened::File(LocalFile { path, uploaded: true }));
        }
        if let Some(p) = given(&self.path) {
            return Ok(Opened::File(LocalFile { path: PathBuf::from(p), uploaded: false }));
        }
        if let Some(b) = self.bytes_base64.as_deref() {
            // 4 characters per 3 bytes: a text this long decodes to more than the limit
            if b.trim().len() as u64 / 4 * 3 > limit + 3 {
                return Err(too_large(limit));
            }
            return Ok(Opened::Bytes(decode_base64(b)?));
        }
        Err(Error::field("path", "请选择文件"))
    }

    /// The file's bytes, within `limit`; an upload is removed once read.
    pub fn read(&self, db_path: &Path, limit: u64) -> Result<Vec<u8>> {
        match self.open(db_path, limit)? {
            Opened::File(f) => f.read(limit),
            Opened::Bytes(b) => Ok(b),
        }
    }
}

/// The bytes of a base64 text, or a Chinese refusal.
pub fn decode_base64(b: &str) -> Result<Vec<u8>> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(b.trim().as_bytes())
        .map_err(|_| Error::BadFile("上传的文件内容无法读取，请重新选择文件。".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upload_id_names_a_file_in_the_folder_and_nothing_else() {
        let db = Path::new("/data/renda.db");
        assert_eq!(path_of(db, "abc123").unwrap(), Path::new("/data/uploads/abc123"));
        for bad in ["", "../renda.db", "a/b", "a.b", &"x".repeat(65)] {
            assert!(path_of(db, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_upload_is_read_once_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("renda.db");
        std::fs::create_dir_all(super::dir(&db)).unwrap();
        let id = new_id();
        std::fs::write(path_of(&db, &id).unwrap(), b"12345").unwrap();
        let src = FileSource { upload: Some(id.clone()), ..Default::default() };
        assert!(src.read(&db, 4).unwrap_err().to_string().contains("上限"), "over the limit");
        assert!(!path_of(&db, &id).unwrap().exists(), "removed even when refused");
        std::fs::write(path_of(&db, &id).unwrap(), b"12345").unwrap();
        assert_eq!(src.read(&db, 5).unwrap(), b"12345");
        let again = src.read(&db, 5).unwrap_err().to_string();
        assert!(again.contains("重新选择文件"), "{again}");
    }
}
