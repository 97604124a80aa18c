//! The settings table: every key this office stores, the one reader and the one writer of the
//! table, and typed getters for the values several areas read. The office's name (填报单位 on
//! every report) and its length limit live here, so 设置 and 本单位 write it the same way.

use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::db::audit;
use crate::error::{Error, Result};
use crate::Renda;
use rusqlite::{Connection, OptionalExtension};

/// The office's name: 填报单位 on every report, 本单位 in the first-run page.
pub const ORG_NAME: &str = "org_name";
/// `0` when phone and ID numbers are shown in upward reports; masked otherwise.
pub const MASK_UPWARD: &str = "mask_upward";
/// 乡镇 · 县 · 市; empty or missing for a data file made before offices chose their level.
pub const OFFICE_LEVEL: &str = "office_level";
/// The stable id of this office in upward packages, made once.
pub const OFFICE_ID: &str = "office_id";
/// Where this data file was last known to live: this install's marker and the file's path.
pub const OFFICE_HOME: &str = "office_home";
/// The ids this office had before (曾用标识), oldest first, one per line.
pub const OFFICE_FORMER_IDS: &str = "office_former_ids";
/// The suggestion rules this office chose (JSON).
pub const SUGGESTION_SETTINGS: &str = "suggestion_settings";
/// The score below which a deputy's 履职积分 is flagged.
pub const POINTS_LOW_THRESHOLD: &str = "points_low_threshold";

/// 进度等次's tolerance in percentage points (DOMAIN.md §5.3); default 5.
pub const PROJECT_PACE_TOLERANCE: &str = "project_pace_tolerance";
/// Days without a project progress entry before 工作台 reminds (DOMAIN.md §5.4); default 45.
pub const PROJECT_STALE_DAYS: &str = "project_stale_days";

/// 审议意见办理's time limits and rounding (DOMAIN.md §6.3), as JSON.
pub const OVERSIGHT_SETTINGS: &str = "oversight_settings";

/// 公民旁听's default 名额 and eligibility rule (JSON, DOMAIN.md §7).
pub const HEARING_SETTINGS: &str = "hearing_settings";

/// When the first-run page was finished (absent until then).
pub const SETUP_DONE: &str = "setup_done";
/// The last 上报包序号 taken.
pub const PACK_SERIAL: &str = "pack_serial";

/// Which rule version wrote the deputies' pinyin and sort keys.
pub const NAME_KEYS: &str = "name_keys";

/// The longest office name a report heading holds.
pub const ORG_NAME_MAX_CHARS: usize = 60;

/// Office-wide settings shown in 设置.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Settings {
    /// 填报单位 printed on every report.
    pub org_name: String,
    /// Mask phone and ID numbers in upward reports.
    pub mask_upward: bool,
}

/// The value stored under `key`, if any.
pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

/// The one writer of the settings table.
pub fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

/// Takes the next number of the counter stored under `key` (one statement: atomic on its own).
pub fn next_serial(conn: &Connection, key: &str) -> Result<i64> {
    Ok(conn.query_row(
        "INSERT INTO settings (key, value) VALUES (?1, '1')
         ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1 RETURNING CAST(value AS INTEGER)",
        [key],
        |r| r.get(0),
    )?)
}

/// 填报单位 shown on reports; empty until the office names itself.
pub fn org_name(conn: &Connection) -> Result<String> {
    Ok(get(conn, ORG_NAME)?.unwrap_or_default())
}

/// Whether upward reports mask phone and ID numbers (the default: yes).
pub fn mask_upward(conn: &Connection) -> Result<bool> {
    Ok(get(conn, MASK_UPWARD)?.as_deref() != Some("0"))
}

/// The office level as stored: empty when none was chosen.
pub fn office_level(conn: &Connection) -> Result<String> {
    Ok(get(conn, OFFICE_LEVEL)?.unwrap_or_default())
}

/// 进度等次's tolerance in percentage points: the stored number, else `default` (a stored value
/// that is not a number from 0 to 100 falls back too).
pub fn project_pace_tolerance(conn: &Connection, default: f64) -> Result<f64> {
    let v = get(conn, PROJECT_PACE_TOLERANCE)?.and_then(|v| v.trim().parse::<f64>().ok());
    Ok(v.filter(|v| (0.0..=100.0).contains(v)).unwrap_or(default))
}

/// Days without a progress entry before a project is reminded: the stored number, else `default`.
pub fn project_stale_days(conn: &Connection, default: i64) -> Result<i64> {
    let v = get(conn, PROJECT_STALE_DAYS)?.and_then(|v| v.trim().parse::<i64>().ok());
    Ok(v.filter(|v| *v > 0).unwrap_or(default))
}

/// Why a (cleaned) office name cannot be kept, following the field's label; `None` when it can.
pub fn org_name_problem(name: &str) -> Option<String> {
    (name.chars().count() > ORG_NAME_MAX_CHARS).then(|| format!("名称过长（最多{ORG_NAME_MAX_CHARS}个字）"))
}

/// The one writer of the office's name, inside a use case's transaction; refuses a name longer
/// than the limit (the forms check it first, with their own field names).
pub fn set_org_name(conn: &Connection, name: &str) -> Result<()> {
    if let Some(why) = org_name_problem(name) {
        return Err(Error::field("org_name", format!("填报单位{why}")));
    }
    set(conn, ORG_NAME, name)
}

impl Renda {
    /// 填报单位 shown on reports: the `org_name` setting, else empty (a placeholder to fill in 设置).
    pub fn org_name(&self) -> Result<String> {
        org_name(self.conn())
    }

    /// Whether upward reports mask phone and ID numbers (the default: yes).
    pub fn mask_upward(&self) -> Result<bool> {
        mask_upward(self.conn())
    }

    pub fn settings(&self) -> Result<Settings> {
        Ok(Settings { org_name: self.org_name()?, mask_upward: self.mask_upward()? })
    }

    pub fn set_settings(&mut self, s: &Settings) -> Result<Settings> {
        let org = crate::text::clean(&s.org_name).unwrap_or_default();
        if let Some(why) = org_name_problem(&org) {
            return Err(Error::field("org_name", format!("填报单位{why}")));
        }
        let before = self.settings()?;
        self.write(|tx| {
            set_org_name(tx, &org)?;
            set(tx, MASK_UPWARD, if s.mask_upward { "1" } else { "0" })?;
            audit(
                tx,
                "settings",
                None,
                "update",
                "修改设置",
                Some(&serde_json::to_value(&before).unwrap_or_default()),
                Some(&json!({"org_name": org, "mask_upward": s.mask_upward})),
            )
        })?;
        self.settings()
    }
}
