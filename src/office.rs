//! 本单位 (DOMAIN.md §0): who this office is — its name (the 填报单位 on every report), its level
//! (乡镇 / 县 / 市) and a stable id made once. The level chooses the defaults a new office starts
//! with: its review chain, its evaluation template and the level of its own deputies (the office
//! as 设置 shows it, with those defaults in words, is assembled in `app.rs`, above the areas).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::settings::{self, OFFICE_HOME, OFFICE_ID, OFFICE_LEVEL};
use crate::Renda;

/// The levels an office can be, from the township up.
pub const OFFICE_LEVELS: &[&str] = &["乡镇", "县", "市"];

/// A level's place in [`OFFICE_LEVELS`] from 1 (乡镇) up; 0 for a word that is no level.
pub fn level_rank(level: &str) -> usize {
    OFFICE_LEVELS.iter().position(|l| *l == level).map_or(0, |i| i + 1)
}

/// An office receives 上报包 when some level lies below its own: a county's and a city's do.
pub fn receives_packages(level: &str) -> bool {
    level_rank(level) > 1
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Office {
    /// Made once when the data file is first opened; identifies this office in upward packages.
    pub id: String,
    /// 填报单位, e.g. 城关镇人大主席团.
    pub name: String,
    /// 乡镇 · 县 · 市; empty until the office says (an older data file is taken as a county's).
    pub level: String,
    /// The level's own deputies: 乡 for a township, 县 for a county, 市 for a city.
    pub deputy_level: String,
    /// Who reviews and numbers suggestions by default, in words, for the first-run page.
    pub defaults_text: String,
    /// Ids this office had before (曾用标识): its file was a copy of another office's.
    pub former_ids: Vec<String>,
    /// Set when this data file was made elsewhere (another PC or another folder): where it was.
    /// Until the user says whether it is another office, no 上报包 is made from it.
    pub copied_from: Option<String>,
}

/// The answer to 「这是另一个单位吗？」 for a data file found to be a copy.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CopyAnswer {
    /// true: another office started from this copy — it gets a new id, the old one kept as 曾用标识;
    /// false: the same office, moved to this PC or folder — it keeps its id.
    pub another_office: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct OfficeInput {
    pub name: String,
    /// 乡镇 · 县 · 市 (乡, 镇, 街道 and 县级 are read as their level).
    pub level: String,
}

/// `乡` / `镇` / `乡镇人大` → 乡镇, `县级` / `区` → 县, `市级` → 市.
pub fn parse_level(text: &str) -> Option<&'static str> {
    let t = crate::text::to_half_width(text.trim());
    let t = t.trim_end_matches('级');
    match t {
        "乡镇" | "乡" | "镇" | "街道" | "乡镇人大" | "乡（镇）" => Some("乡镇"),
        "县" | "区" | "县区" | "县（区）" | "县级市" => Some("县"),
        "市" | "地市" | "设区的市" => Some("市"),
        _ => None,
    }
}

/// The deputies' level (as in 代表层级) an office of this level keeps: its own people's congress.
pub fn deputy_level_for(office_level: &str) -> &'static str {
    match office_level {
        "乡镇" => "乡",
        "市" => "市",
        _ => "县",
    }
}

/// The level a data file without one is taken as: the defaults before offices chose their level.
pub const DEFAULT_LEVEL: &str = "县";

impl Renda {
    /// Where this file lived before, when it has been copied here (another PC or folder).
    pub(crate) fn copied_from(&self) -> Result<Option<String>> {
        let stored = settings::get(self.conn(), OFFICE_HOME)?.unwrap_or_default();
        if stored.is_empty() || stored == self.home() {
            return Ok(None);
        }
        let (install, path) = stored.split_once('|').unwrap_or(("", stored.as_str()));
        Ok(Some(if install == install_marker() {
            format!("本机的 {path}")
        } else {
            format!("另一台电脑的 {path}")
        }))
    }

    /// This install's marker and this file's path: what a copy of the file no longer matches.
    pub(crate) fn home(&self) -> String {
        format!("{}|{}", install_marker(), self.db_path().display())
    }

    /// Records where the file lives the first time it is opened on this install (a file of an
    /// older version adopts the place it is found in).
    pub(crate) fn settle_home(&mut self) -> Result<()> {
        if settings::get(self.conn(), OFFICE_HOME)?.is_none() {
            let home = self.home();
            settings::set(self.conn(), OFFICE_HOME, &home)?;
        }
        Ok(())
    }

    /// The level in force: the one set, else a county's.
    pub fn office_level(&self) -> Result<String> {
        let l = settings::office_level(self.conn())?;
        Ok(if l.is_empty() { DEFAULT_LEVEL.into() } else { l })
    }
}

pub(crate) fn validate_office(input: &OfficeInput) -> Result<(String, &'static str)> {
    let mut errs = Vec::new();
    let name = crate::text::clean(&input.name).unwrap_or_default();
    if name.is_empty() {
        errs.push(crate::error::FieldError {
            field: "name".into(),
            message: "请填写本单位名称，如 城关镇人大主席团".into(),
        });
    } else if let Some(why) = settings::org_name_problem(&name) {
        errs.push(crate::error::FieldError { field: "name".into(), message: format!("本单位{why}") });
    }
    let level = parse_level(&input.level);
    if level.is_none() {
        errs.push(crate::error::FieldError {
            field: "level".into(),
            message: format!("请选择本单位的层级：{}", OFFICE_LEVELS.join("、")),
        });
    }
    match level {
        Some(l) if errs.is_empty() => Ok((name, l)),
        _ => Err(Error::fields(errs)),
    }
}

/// Writes the office inside a use case's transaction (first run, 设置, the CLI).
pub(crate) fn set_office(tx: &rusqlite::Connection, name: &str, level: &str) -> Result<()> {
    settings::set_org_name(tx, name)?;
    settings::set(tx, OFFICE_LEVEL, level)
}

/// This install's marker: a random id kept in the user's settings folder (`RENDA_CONFIG_DIR`
/// overrides it), made on first use. A data file remembers the marker it was opened under, so a
/// file copied from another PC (or folder) is noticed. Empty when the folder cannot be written:
/// then only a change of path is noticed.
pub fn install_marker() -> String {
    static MARKER: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    MARKER.get_or_init(read_or_make_marker).clone()
}

fn read_or_make_marker() -> String {
    let dir = match std::env::var_os("RENDA_CONFIG_DIR").filter(|d| !d.is_empty()) {
        Some(d) => std::path::PathBuf::from(d),
        None => match directories::ProjectDirs::from("cn", "renda", "renda-workbench") {
            Some(d) => d.config_dir().to_path_buf(),
            None => return String::new(),
        },
    };
    let file = dir.join("install-id");
    if let Ok(text) = std::fs::read_to_string(&file) {
        if let Ok(id) = uuid::Uuid::parse_str(text.trim()) {
            return id.to_string();
        }
    }
    let id = uuid::Uuid::new_v4().to_string();
    let written = std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(&file, &id));
    if written.is_ok() {
        id
    } else {
        String::new()
    }
}

/// The office id is made once, the first time a data file is opened by a version that knows it.
pub(crate) fn ensure_office_id(conn: &rusqlite::Connection) -> Result<()> {
    if settings::get(conn, OFFICE_ID)?.is_none() {
        settings::set(conn, OFFICE_ID, &uuid::Uuid::new_v4().to_string())?;
    }
    Ok(())
}
