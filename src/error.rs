//! The engine's one error type. Every message is Chinese, says what is wrong and what to do,
//! and every variant has a stable code that the UI and the CLI can rely on.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use ts_rs::TS;

/// A problem with one form field, shown beside that field in the UI.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input the user can fix; `field_errors` name the fields.
    #[error("{message}")]
    Invalid { message: String, field_errors: Vec<FieldError> },
    #[error("{0}")]
    NotFound(String),
    /// The record would duplicate another one.
    #[error("{0}")]
    Conflict(String),
    /// The action is not allowed in the record's current state.
    #[error("{0}")]
    NotAllowed(String),
    #[error("没有名为「{0}」的操作。请确认程序版本一致（界面与引擎需同一版本）。")]
    UnknownCommand(String),
    /// A file that is not what it should be (not a database of this app, not a spreadsheet …).
    #[error("{0}")]
    BadFile(String),
    #[error("读写文件失败（{path}）：{}", io_advice(.source))]
    Io { path: String, source: std::io::Error },
    #[error("数据库操作失败：{}。数据未被修改；如反复出现，请在「设置与备份」中备份后运行数据检查。", db_reason(.0))]
    Database(#[from] rusqlite::Error),
    /// A fault in the program itself (a caught panic): the work was abandoned, nothing was saved.
    #[error("程序内部出错（{0}），本次操作已取消，数据未被修改。请重试；如反复出现，请把这段文字告诉技术支持。")]
    Internal(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid_input",
            Error::NotFound(_) => "not_found",
            Error::Conflict(_) => "conflict",
            Error::NotAllowed(_) => "not_allowed",
            Error::UnknownCommand(_) => "unknown_command",
            Error::BadFile(_) => "bad_file",
            Error::Io { .. } => "io",
            Error::Database(_) => "database",
            Error::Internal(_) => "internal",
        }
    }

    /// A refusal of one field: `Error::field("phone", "联系电话应为…")`.
    pub fn field(field: &str, message: impl Into<String>) -> Error {
        let message = message.into();
        Error::Invalid { message: message.clone(), field_errors: vec![FieldError { field: field.into(), message }] }
    }

    /// A refusal of several fields at once; the summary lists them all.
    pub fn fields(errors: Vec<FieldError>) -> Error {
        let message = errors.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join("；");
        Error::Invalid { message, field_errors: errors }
    }

    pub fn invalid(message: impl Into<String>) -> Error {
        Error::Invalid { message: message.into(), field_errors: vec![] }
    }

    pub fn io(path: impl AsRef<std::path::Path>, source: std::io::Error) -> Error {
        Error::Io { path: path.as_ref().display().to_string(), source }
    }

    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Error::Invalid { field_errors, .. } => field_errors,
            _ => &[],
        }
    }
}

/// Serialized as the contract's `ApiError`: `{code, message, field_errors}`.
impl Serialize for Error {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("ApiError", 3)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("message", &self.to_string())?;
        st.serialize_field("field_errors", self.field_errors())?;
        st.end()
    }
}

/// The TypeScript shape of a serialized `Error`.
#[derive(Debug, Serialize, TS)]
pub struct ApiError {
    pub code: String,
    pub message: String,
    pub field_errors: Vec<FieldError>,
}

/// What went wrong with a file, in the user's words (the system's own text is English).
pub fn io_reason(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "找不到该文件或文件夹",
        PermissionDenied => "没有访问权限",
        AlreadyExists => "同名文件已存在",
        StorageFull => "磁盘已满",
        ReadOnlyFilesystem => "该位置只读",
        InvalidData | InvalidInput => "文件内容无法识别",
        UnexpectedEof => "文件不完整",
        _ => "系统拒绝了这次读写",
    }
}

/// The reason and what to do about it. A file open in Excel or WPS is locked on Windows (a sharing
/// or lock violation): saying so is the one advice that helps.
pub fn io_advice(e: &std::io::Error) -> String {
    if is_locked(e) {
        return "文件正被其他程序打开，请先关闭（例如在 Excel 或 WPS 中打开着的这个文件），再重试。原文件没有被改动。"
            .into();
    }
    format!("{}。请检查该位置是否存在、是否有写入权限、磁盘是否已满。", io_reason(e))
}

/// Windows' ERROR_SHARING_VIOLATION (32) and ERROR_LOCK_VIOLATION (33): another program holds the file.
pub fn is_locked(e: &std::io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33))
}

/// What the database refused, in the user's words.
pub fn db_reason(e: &rusqlite::Error) -> &'static str {
    use rusqlite::ErrorCode::*;
    match e.sqlite_error_code() {
        Some(DatabaseBusy | DatabaseLocked) => "数据文件正被其他程序或窗口占用",
        Some(DiskFull) => "磁盘已满",
        // the file went away under the program: most often a U 盘 pulled out while the data was open
        Some(SystemIoFailure) => "读写数据文件失败（数据文件在 U 盘或网络位置上时，请检查它是否已被拔出或断开）",
        Some(ReadOnly) => "数据文件只读",
        Some(DatabaseCorrupt | NotADatabase) => "数据文件已损坏",
        Some(ConstraintViolation) => "与已有记录冲突或引用的记录不存在",
        Some(CannotOpen | PermissionDenied) => "无法打开数据文件",
        _ => "内部错误",
    }
}

/// The reason a spreadsheet could not be opened, in the user's words (calamine's is English).
pub fn sheet_reason(e: &impl std::fmt::Display) -> &'static str {
    let t = e.to_string().to_lowercase();
    if t.contains("password") || t.contains("encrypt") {
        "文件设置了打开密码，请去掉密码后再导入"
    } else if t.contains("detect") || t.contains("format") || t.contains("invalid") {
        "无法判断文件格式"
    } else if t.contains("zip") || t.contains("eof") || t.contains("end of") {
        "文件已损坏或不完整"
    } else {
        "文件内容无法读取"
    }
}

/// The message a panic carried (`panic!("…")` gives a `&str` or a `String`).
pub fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "未知错误".into())
}
