//! 本单位 (SPEC §0): who this office is — its name (the 填报单位 on every report), its level
//! (乡镇 / 县 / 市) and a stable id made once. The level chooses the defaults a new office starts
//! with: its review chain, its evaluation template and the level of its own deputies.

use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::db::{self, audit};
use crate::error::{Error, Result};
use crate::Renda;

/// The levels an office can be, from the township up.
pub const OFFICE_LEVELS: &[&str] = &["乡镇", "县", "市"];

const KEY_NAME: &str = "org_name";
const KEY_LEVEL: &str = "office_level";
const KEY_ID: &str = "office_id";

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

fn defaults_text(level: &str) -> String {
    let s = crate::suggestions::model::SuggestionSettings::for_level(level);
    let e = crate::evaluation::level_preset_words(level);
    format!("建议审查：{}（最后一级审定时编号）；评议模板：{e}。以上均可在“设置”中修改。", s.review_levels.join(" → "))
}

impl Renda {
    pub fn office(&self) -> Result<Office> {
        let c = self.conn();
        let level = db::get_setting(c, KEY_LEVEL)?.unwrap_or_default();
        let effective = if level.is_empty() { DEFAULT_LEVEL } else { level.as_str() };
        Ok(Office {
            id: db::get_setting(c, KEY_ID)?.unwrap_or_default(),
            name: db::get_setting(c, KEY_NAME)?.unwrap_or_default(),
            deputy_level: deputy_level_for(effective).into(),
            defaults_text: defaults_text(effective),
            level,
        })
    }

    /// The level in force: the one set, else a county's.
    pub fn office_level(&self) -> Result<String> {
        let l = db::get_setting(self.conn(), KEY_LEVEL)?.unwrap_or_default();
        Ok(if l.is_empty() { DEFAULT_LEVEL.into() } else { l })
    }

    /// Sets the name and level. The defaults that follow from the level (review chain, numbering)
    /// are stored as this office's settings only where the office has not set its own.
    pub fn office_set(&mut self, input: &OfficeInput) -> Result<Office> {
        let (name, level) = validate_office(input)?;
        let before = self.office()?;
        self.write(|tx| {
            set_office(tx, &name, level)?;
            audit(
                tx,
                "settings",
                None,
                "office",
                &format!("本单位：{name}（{level}级）"),
                Some(&json!({"name": before.name, "level": before.level})),
                Some(&json!({"name": name, "level": level})),
            )
        })?;
        self.office()
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
    } else if name.chars().count() > 60 {
        errs.push(crate::error::FieldError {
            field: "name".into(), message: "本单位名称过长（最多60个字）".into()
        });
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
    db::set_setting(tx, KEY_NAME, name)?;
    db::set_setting(tx, KEY_LEVEL, level)
}

/// The office id is made once, the first time a data file is opened by a version that knows it.
pub(crate) fn ensure_office_id(conn: &rusqlite::Connection) -> Result<()> {
    if db::get_setting(conn, KEY_ID)?.is_none() {
        db::set_setting(conn, KEY_ID, &uuid::Uuid::new_v4().to_string())?;
    }
    Ok(())
}
