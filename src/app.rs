//! The data folder as a whole: first-run state, this office as 设置 shows it (with the defaults
//! its level gives the areas), backups and restore, the audit log, checks.

use std::path::{Path, PathBuf};

use rusqlite::MAIN_DB;
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::common::{paging, Page};
use crate::db::{self, audit, backups_dir, CheckReport};
use crate::error::{Error, Result};
use crate::office::{deputy_level_for, set_office, validate_office, CopyAnswer, Office, OfficeInput, DEFAULT_LEVEL};
use crate::settings::{self, SETUP_DONE};
use crate::Renda;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Counts {
    pub deputies: i64,
    pub units: i64,
    pub stations: i64,
    pub terms: i64,
    /// Active stations without their reception days: the new office's third first step.
    pub stations_unscheduled: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AppStatus {
    pub data_dir: String,
    pub db_path: String,
    /// True on a first start with no data: the UI offers 新建空白数据 or 载入示例数据.
    pub needs_setup: bool,
    pub schema_version: i64,
    pub app_version: String,
    pub counts: Counts,
    pub office: crate::office::Office,
    /// The year every page opens on (`default_year`): the window's one period until the user picks another.
    pub default_year: i32,
    /// The year the 民生实事 proposals and vote are for (`projects::model::vote_year`).
    pub vote_year: i32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BackupInfo {
    pub path: String,
    pub file_name: String,
    pub size: i64,
    pub modified: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub kind: String,
    /// 操作日志's name for the kind of record (`audit_kind_label`)
    pub kind_label: String,
    pub record_uuid: Option<String>,
    pub action: String,
    /// 操作日志's name for the action (`audit_action_label`)
    pub action_label: String,
    pub summary: String,
    #[ts(type = "unknown")]
    pub before: Option<serde_json::Value>,
    #[ts(type = "unknown")]
    pub after: Option<serde_json::Value>,
}

/// The Chinese names 操作日志 shows for the kinds of record the audit log holds.
const AUDIT_KINDS: &[(&str, &str)] = &[
    ("app", "系统"),
    ("archive", "建设运行档案"),
    ("assessment", "乡镇工作评价"),
    ("attachment", "附件"),
    ("attendance", "人代会出席"),
    ("backup", "备份"),
    ("ballots", "测评票"),
    ("calendar", "工作日历"),
    ("deputy", "代表"),
    ("evaluation", "履职评议"),
    ("hearing", "公民旁听会议"),
    ("hearing_application", "公民旁听申请"),
    ("hearing_opinion", "公民旁听意见"),
    ("import", "导入"),
    ("oversight_activity", "执法检查视察"),
    ("oversight_meeting", "常委会会议"),
    ("oversight_opinion", "审议意见"),
    ("oversight_problem", "审议意见问题清单"),
    ("oversight_topic", "监督工作计划议题"),
    ("points", "履职积分"),
    ("project", "民生实事项目"),
    ("project_candidate", "民生实事候选项目"),
    ("project_problem", "项目问题清单"),
    ("project_proposal", "民生实事项目征集"),
    ("project_visit", "项目视察调研"),
    ("project_vote", "民生实事票决"),
    ("register", "登记簿"),
    ("report", "上报包"),
    ("session", "会次"),
    ("settings", "设置"),
    ("station", "联络站"),
    ("suggestion", "代表建议"),
    ("term", "届次"),
    ("unit", "承办单位"),
];

/// The Chinese names of the actions; a suggestion's steps are named by `suggestions::model::ACTIONS`.
const AUDIT_ACTIONS: &[(&str, &str)] = &[
    ("add_subtract", "加减分"),
    ("adjust", "调整积分"),
    ("cancel", "取消"),
    ("change", "变更"),
    ("close", "结束评议"),
    ("confirm", "确认票决结果"),
    ("copy", "复制上年"),
    ("count", "录入计票"),
    ("create", "新增"),
    ("deactivate", "停用"),
    ("decline", "不予采纳"),
    ("delete", "删除"),
    ("demo", "载入示例数据"),
    ("import", "导入"),
    ("hearing_card", "发放旁听证"),
    ("hearing_review", "旁听申请审核"),
    ("hearing_select", "旁听人员遴选"),
    ("import_add", "导入新增"),
    ("import_update", "导入更新"),
    ("office", "修改本单位"),
    ("office_moved", "数据文件换了位置"),
    ("office_new_id", "确认为另一个单位"),
    ("group", "设置监督小组"),
    ("oversight_assign", "交办审议意见"),
    ("oversight_close", "审议意见办结"),
    ("oversight_extend", "审议意见延期"),
    ("oversight_follow", "跟踪监督"),
    ("oversight_rate", "审议意见测评"),
    ("oversight_redo", "重新研究处理"),
    ("oversight_report", "收到处理情况报告"),
    ("oversight_start", "开始研究处理"),
    ("progress", "登记进度"),
    ("reactivate", "恢复"),
    ("receive", "接收上报包"),
    ("reopen", "重新开启评议"),
    ("reorder", "调整序号"),
    ("replace", "替换上报包"),
    ("restore", "恢复备份"),
    ("revote", "发起再次投票"),
    ("score", "考核组评分"),
    ("self_score", "自评"),
    ("setup", "初始化"),
    ("status", "状态变更"),
    ("to_suggestion", "转为代表建议"),
    ("update", "修改"),
];

/// The Chinese name of an audit log's kind of record; one the table misses shows as 「其他」, never in English.
pub fn audit_kind_label(kind: &str) -> &'static str {
    label_in(AUDIT_KINDS.iter(), kind)
}

/// The Chinese name of an audit log's action (a suggestion's step by its own name).
pub fn audit_action_label(action: &str) -> &'static str {
    label_in(AUDIT_ACTIONS.iter().chain(crate::suggestions::model::ACTIONS), action)
}

fn label_in<'a>(mut table: impl Iterator<Item = &'a (&'static str, &'static str)>, key: &str) -> &'static str {
    table.find(|(k, _)| *k == key).map(|(_, l)| *l).unwrap_or("其他")
}

fn backup_info(path: &Path) -> Result<BackupInfo> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    let modified = meta
        .modified()
        .ok()
        .map(|t| chrono::DateTime::<chrono::Local>::from(t).format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_default();
    Ok(BackupInfo {
        path: path.display().to_string(),
        file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        size: meta.len() as i64,
        modified,
    })
}

/// The period a page opens on: the latest year that has records (suggestions, register entries,
/// evaluations), else the year of the session under way, else this year. A new office's first
/// imports are last year's files, and a page reading 0 for them looks like a failed import.
pub fn default_year(c: &rusqlite::Connection) -> Result<i32> {
    // each latest date reads one end of an index, so this stays instant at scale
    let records = [
        crate::suggestions::store::latest_received_date(c)?,
        crate::stations::store::latest_entry_date(c)?,
        crate::evaluation::store::latest_year(c)?.map(|y| y.to_string()),
    ];
    let today = crate::common::today();
    let session = crate::roster::store::latest_session_start(c, &today.to_string())?;
    let latest = records.into_iter().flatten().max().or(session);
    let year = latest.and_then(|d| d.get(..4).and_then(|y| y.parse::<i32>().ok()));
    Ok(year.unwrap_or_else(|| chrono::Datelike::year(&today)))
}

/// What a new office of this level starts with, in words, for the first-run page: it reads the
/// defaults of the areas above the office, which is why it lives here.
fn defaults_text(level: &str) -> String {
    let s = crate::suggestions::model::SuggestionSettings::for_level(level);
    let e = crate::evaluation::level_preset_words(level);
    format!("建议审查：{}（最后一级审定时编号）；评议模板：{e}。以上均可在“设置”中修改。", s.review_levels.join(" → "))
}

impl Renda {
    /// This office as the first-run page and 设置 show it.
    pub fn office(&self) -> Result<Office> {
        let c = self.conn();
        let level = settings::office_level(c)?;
        let effective = if level.is_empty() { DEFAULT_LEVEL } else { level.as_str() };
        Ok(Office {
            id: settings::get(c, settings::OFFICE_ID)?.unwrap_or_default(),
            name: settings::org_name(c)?,
            deputy_level: deputy_level_for(effective).into(),
            defaults_text: defaults_text(effective),
            level,
            former_ids: settings::get(c, settings::OFFICE_FORMER_IDS)?
                .unwrap_or_default()
                .lines()
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
            copied_from: self.copied_from()?,
        })
    }

    /// Answers 「这是另一个单位吗？」 for a copied file: another office gets a new id (the old one
    /// kept as 曾用标识); the same office keeps its id. Either way the file now lives here.
    pub fn office_confirm_copy(&mut self, answer: &CopyAnswer) -> Result<Office> {
        let Some(from) = self.copied_from()? else {
            return Err(Error::invalid("这个数据文件不是复制来的，无需确认。"));
        };
        let before = self.office()?;
        let home = self.home();
        self.write(|tx| {
            settings::set(tx, settings::OFFICE_HOME, &home)?;
            if !answer.another_office {
                let summary = format!("确认本数据文件仍是本单位的（从{from}移到这里），单位标识不变");
                return audit(tx, "settings", None, "office_moved", &summary, None, None);
            }
            let new_id = uuid::Uuid::new_v4().to_string();
            let mut former = before.former_ids.clone();
            former.push(before.id.clone());
            settings::set(tx, settings::OFFICE_ID, &new_id)?;
            settings::set(tx, settings::OFFICE_FORMER_IDS, &former.join("\n"))?;
            audit(
                tx,
                "settings",
                None,
                "office_new_id",
                &format!(
                    "这份数据文件复制自{from}，确认是另一个单位：启用新的单位标识，原标识 {} 记为曾用标识",
                    before.id
                ),
                Some(&json!({"id": before.id})),
                Some(&json!({"id": new_id, "former_ids": former})),
            )
        })?;
        self.office()
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

    pub fn status(&self) -> Result<AppStatus> {
        let c = self.conn();
        let count =
            |t: &str| -> Result<i64> { Ok(c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))?) };
        let counts = Counts {
            deputies: count("deputies")?,
            units: count("units")?,
            stations: count("stations")?,
            terms: count("terms")?,
            stations_unscheduled: count("stations WHERE active = 1 AND schedule_kind = 'none'")?,
        };
        let done = settings::get(c, SETUP_DONE)?.is_some();
        let empty = counts.deputies + counts.units + counts.stations + counts.terms == 0;
        Ok(AppStatus {
            data_dir: self.data_dir().display().to_string(),
            db_path: self.db_path().display().to_string(),
            needs_setup: !done && empty,
            schema_version: c.query_row("PRAGMA user_version", [], |r| r.get(0))?,
            app_version: env!("CARGO_PKG_VERSION").to_string(),
            counts,
            office: self.office()?,
            default_year: default_year(c)?,
            vote_year: crate::projects::model::vote_year(crate::common::today()),
        })
    }

    /// The user chose to start with empty data, saying who this office is (its name and level
    /// choose the defaults it starts with).
    pub fn start_blank(&mut self, office: Option<&crate::office::OfficeInput>) -> Result<AppStatus> {
        let office = office.map(crate::office::validate_office).transpose()?;
        self.write(|tx| {
            settings::set(tx, SETUP_DONE, &db::now_text())?;
            let summary = match &office {
                Some((name, level)) => {
                    crate::office::set_office(tx, name, level)?;
                    format!("新建空白数据：{name}（{level}级）")
                }
                None => "新建空白数据".to_string(),
            };
            audit(tx, "app", None, "setup", &summary, None, None)
        })?;
        self.status()
    }

    pub(crate) fn mark_setup_done(tx: &rusqlite::Connection) -> Result<()> {
        settings::set(tx, SETUP_DONE, &db::now_text())
    }

    /// Copies the whole database (consistent, while in use) into `dir`, default `backups/`.
    pub fn backup_create(&mut self, dir: Option<&Path>) -> Result<BackupInfo> {
        let dir = dir.map(Path::to_path_buf).unwrap_or_else(|| backups_dir(self.db_path()));
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let path = db::backup::unique_path(&dir, "人大工作台备份-");
        self.backup_create_at(&path)
    }

    /// A backup written to exactly `path` (the CLI's `backup -o FILE`), audited like any other.
    pub fn backup_create_at(&mut self, path: &Path) -> Result<BackupInfo> {
        self.backup_to(path)?;
        self.write(|tx| audit(tx, "backup", None, "create", &format!("备份数据到 {}", path.display()), None, None))?;
        backup_info(path)
    }

    /// Writes a consistent copy of the database to exactly `path` (the CLI's `backup -o FILE`):
    /// under a temporary name, synced, then renamed (see `db::backup`).
    pub fn backup_to(&self, path: &Path) -> Result<()> {
        db::backup::write_copy(self.conn(), path)
    }

    /// Backups in the data folder's `backups/`, newest first.
    pub fn backup_list(&self) -> Result<Vec<BackupInfo>> {
        let dir = backups_dir(self.db_path());
        let mut out = Vec::new();
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for e in entries.flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "db") {
                    out.push(backup_info(&p)?);
                }
            }
        }
        out.sort_by(|a, b| b.modified.cmp(&a.modified).then(b.file_name.cmp(&a.file_name)));
        Ok(out)
    }

    /// Once a day, at start: a copy in `backups/`, then the retention rule (`db::backup`).
    pub fn daily_backup(&self) -> Result<Option<PathBuf>> {
        db::backup::daily(self.db_path())
    }

    /// Replaces the current data with a backup file. The file is copied and checked fully first
    /// (`db::backup::prepare_candidate`); then the current data is saved to `backups/` (so a
    /// restore can be undone); then the checked copy is swapped in, in one transaction.
    pub fn restore_from(&mut self, path: &Path) -> Result<AppStatus> {
        let dir = backups_dir(self.db_path());
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let candidate = db::backup::prepare_candidate(path, &dir)?;
        let result = self.swap_in(&candidate, path, &dir);
        let _ = std::fs::remove_file(&candidate);
        result
    }

    fn swap_in(&mut self, candidate: &Path, from: &Path, dir: &Path) -> Result<AppStatus> {
        let safety = db::backup::unique_path(dir, "恢复前自动备份-");
        self.backup_to(&safety)?;
        // the backup API writes the whole file in one transaction: a failure (or a crash) leaves
        // the current data as it was
        if let Err(e) = self.conn_mut().restore(MAIN_DB, candidate, None::<fn(rusqlite::backup::Progress)>) {
            return Err(Error::invalid(format!(
                "恢复未能完成（{e}）。当前数据保持原样，未被修改；恢复前的副本在 {}。",
                safety.display()
            )));
        }
        self.reopen()?;
        let from = from.display().to_string();
        let safety_text = safety.display().to_string();
        self.write(|tx| {
            audit(
                tx,
                "backup",
                None,
                "restore",
                &format!("从 {from} 恢复数据（恢复前的数据已存到 {safety_text}）"),
                None,
                Some(&json!({"from": from, "saved_before": safety_text})),
            )
        })?;
        db::backup::prune(dir, std::time::SystemTime::now());
        self.status()
    }

    /// Restore from the bytes of an uploaded file (browser mode and the window's file picker);
    /// the upload is kept among the backups when it was restored.
    pub fn restore_from_bytes(&mut self, bytes: &[u8]) -> Result<AppStatus> {
        let dir = backups_dir(self.db_path());
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let tmp = dir.join(format!(".上传-{}.part", uuid::Uuid::new_v4().simple()));
        std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, e))?;
        let out = self.restore_from(&tmp);
        if out.is_ok() {
            let kept = db::backup::unique_path(&dir, "上传的备份-");
            if std::fs::rename(&tmp, &kept).is_ok() {
                return out;
            }
        }
        let _ = std::fs::remove_file(&tmp);
        out
    }

    pub fn audit_list(
        &self,
        kind: Option<&str>,
        page: Option<i64>,
        page_size: Option<i64>,
    ) -> Result<Page<AuditEntry>> {
        let (page, size) = paging(page, page_size);
        let c = self.conn();
        let kind = kind.filter(|k| !k.is_empty());
        let total: i64 =
            c.query_row("SELECT count(*) FROM audit_log WHERE ?1 IS NULL OR kind = ?1", [kind], |r| r.get(0))?;
        let limit = if size == 0 { -1 } else { size };
        let mut st = c.prepare(
            "SELECT id, at, kind, record_uuid, action, summary, before_json, after_json FROM audit_log
              WHERE ?1 IS NULL OR kind = ?1 ORDER BY id DESC LIMIT ?2 OFFSET ?3",
        )?;
        // rows written before masking began are masked on the way out
        let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&db::mask_personal(&s)).ok());
        let items = st
            .query_map(rusqlite::params![kind, limit, (page - 1) * size.max(0)], |r| {
                let (kind, action): (String, String) = (r.get(2)?, r.get(4)?);
                Ok(AuditEntry {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    kind_label: audit_kind_label(&kind).into(),
                    kind,
                    record_uuid: r.get(3)?,
                    action_label: audit_action_label(&action).into(),
                    action,
                    summary: r.get(5)?,
                    before: parse(r.get(6)?),
                    after: parse(r.get(7)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Page { total, page, page_size: size, items })
    }

    pub fn check(&self) -> Result<CheckReport> {
        db::check(self.conn())
    }
}
