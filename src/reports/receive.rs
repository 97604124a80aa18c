//! Receiving a 上报包 from an office below, so that what travels can be trusted:
//! - an office is known by its id and the name it reported under: a package whose id is known
//!   under another name is applied only when the user says it is the same office renamed;
//! - every row must belong to the package's office (or, for a county's package, to an office
//!   below it that the package names), so one office's file never replaces another's records;
//! - packages of one office are ordered by its data file's counter (上报包序号), never by a clock;
//!   an older one is applied only by the user's explicit choice (`force`);
//! - a record is counted once whatever packages carried it (`report_counted` in migration 0011),
//!   and the preview says which received packages overlap this one and what it will replace.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::package::{self, DataSheet, PackageMeta};
use super::store::{self, Held, RecordRow};
use super::{layout, level_rank, PERIOD_KINDS, SOURCE_COLUMN};
use crate::db::audit;
use crate::error::{Error, Result};
use crate::Renda;

/// What the user chose for one package.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ReceiveOptions {
    /// Only say what would happen.
    pub dry_run: bool,
    /// Apply a package although the one held for the same office and period has a higher (or the
    /// same) 上报包序号: the user knows this one is newer.
    pub force: bool,
    /// The office id is known here under another name: apply it as the same office renamed.
    pub rename: bool,
}

/// What receiving one package did (or, in a preview, would do).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Received {
    pub file_name: String,
    pub office_name: String,
    pub office_id: String,
    pub period_label: String,
    /// The sender's 上报包序号 (0: made by an older version).
    pub serial: i64,
    /// new · replaced · unchanged · older (the package held for the same office and period has a
    /// higher serial: applied only with `force`) · rename (the id is known under another name:
    /// applied only with `rename`)
    pub action: String,
    /// Records per data sheet: added (new ids), changed, withdrawn (no longer in the package).
    pub added: i64,
    pub changed: i64,
    pub withdrawn: i64,
    /// The received packages of the same office whose periods overlap this one, and what this
    /// one does to them, one sentence each.
    pub overlaps: Vec<String>,
    /// What the user should know before applying (a name shared with another office's id …).
    pub warnings: Vec<String>,
    pub committed: bool,
    pub message: String,
}

impl Renda {
    /// Receives one package from an office below: `report_receive` without choices.
    pub fn report_import(&mut self, bytes: &[u8], file_name: &str, dry_run: bool) -> Result<Received> {
        self.report_receive(bytes, file_name, &ReceiveOptions { dry_run, ..Default::default() })
    }

    /// Receives one package: refused when it is not a package, was changed, comes from this office,
    /// from the same or a higher level, or holds rows of an office it does not name; otherwise the
    /// plan says what it does, and it is written (one transaction, a backup first) unless the plan
    /// waits for the user's choice (`older`, `rename`) or there is nothing to change.
    pub fn report_receive(&mut self, bytes: &[u8], file_name: &str, opts: &ReceiveOptions) -> Result<Received> {
        let sheets = crate::excel::read::read_workbook(bytes, file_name)?;
        let (meta, data) = package::read(&sheets, &layout())?;
        super::check_figures(&data)?;
        super::projects::check_projects(&data)?;
        super::assessment::check_assessment(&data)?;
        super::oversight::check_oversight(&data)?;
        self.check_sender(&meta)?;
        check_rows(&meta, &data)?;
        let mut out = self.receive_plan(&meta, &data, opts)?;
        out.file_name = file_name.into();
        if opts.dry_run || matches!(out.action.as_str(), "unchanged" | "older" | "rename") {
            return Ok(out);
        }
        self.take_backup_before_import()?;
        self.write(|tx| {
            store_package(tx, &meta, &data, file_name, &out)?;
            super::assessment::store_assessment(tx, &meta, &data, opts.force)
        })?;
        out.committed = true;
        Ok(out)
    }

    /// Refuses this office's own package and one that does not come from below.
    fn check_sender(&self, meta: &PackageMeta) -> Result<()> {
        let own = self.office()?;
        if meta.office_id == own.id || meta.sub_offices.iter().any(|(id, _)| *id == own.id) {
            return Err(Error::BadFile("这是本单位自己生成的上报包（或含有本单位的记录），不能导入到本单位。".into()));
        }
        let own_level = self.office_level()?;
        if level_rank(&meta.level) == 0 || level_rank(&meta.level) >= level_rank(&own_level) {
            return Err(Error::BadFile(format!(
                "「{}」是{}级单位，本单位是{own_level}级：只能导入下级单位的上报包（乡镇 → 县 → 市）。",
                meta.office_name, meta.level
            )));
        }
        if level_rank(&meta.level) == 1 && !meta.sub_offices.is_empty() {
            return Err(Error::BadFile(format!(
                "上报包「{}」自称转报了其他单位的记录，但乡镇没有下级单位：文件被改动过，不能导入。",
                meta.office_name
            )));
        }
        Ok(())
    }

    fn receive_plan(&self, meta: &PackageMeta, data: &[DataSheet], opts: &ReceiveOptions) -> Result<Received> {
        let mut out = Received {
            file_name: String::new(),
            office_name: meta.office_name.clone(),
            office_id: meta.office_id.clone(),
            period_label: meta.period_label.clone(),
            serial: meta.serial,
            action: "new".into(),
            added: data.iter().map(|d| d.rows.len() as i64).sum(),
            changed: 0,
            withdrawn: 0,
            overlaps: self.overlaps(meta, data)?,
            warnings: self.same_name_warnings(meta)?,
            committed: false,
            message: String::new(),
        };
        if let Some(why) = self.renamed(meta)? {
            if !opts.rename {
                out.action = "rename".into();
                out.added = 0;
                out.message = why;
                return Ok(out);
            }
            out.warnings.push(format!("按改名导入：该单位此前收到的上报包也改记为「{}」。", meta.office_name));
        }
        let held = self.held(&meta.office_id, &meta.from, &meta.to)?;
        if let Some(h) = &held {
            self.compare_with(&mut out, h, meta, data, opts)?;
        }
        out.message = message(&out, meta, held.map(|h| h.serial));
        Ok(out)
    }

    /// The plan against the package held for the same office and period.
    fn compare_with(
        &self,
        out: &mut Received,
        h: &Held,
        meta: &PackageMeta,
        data: &[DataSheet],
        opts: &ReceiveOptions,
    ) -> Result<()> {
        if h.sha256 == meta.sha256 {
            out.action = "unchanged".into();
            out.added = 0;
            return Ok(());
        }
        if meta.serial <= h.serial && !opts.force {
            out.action = "older".into();
            out.added = 0;
            return Ok(());
        }
        let mut old = self.rows_of(h.id)?;
        let (mut added, mut changed) = (0, 0);
        for d in data {
            for row in &d.rows {
                match old.remove(&(d.kind.to_string(), row[0].clone())) {
                    None => added += 1,
                    Some(json) if json != row_json(d, row) => changed += 1,
                    Some(_) => {}
                }
            }
        }
        out.action = "replaced".into();
        (out.added, out.changed, out.withdrawn) = (added, changed, old.len() as i64);
        Ok(())
    }

    fn held(&self, office_id: &str, from: &str, to: &str) -> Result<Option<Held>> {
        store::held(self.conn(), office_id, from, to)
    }

    fn rows_of(&self, package_id: i64) -> Result<BTreeMap<(String, String), String>> {
        store::records_of(self.conn(), package_id)
    }

    /// Why the package must wait for the user: its office id (or an office it passes on) is known
    /// here under another name.
    fn renamed(&self, meta: &PackageMeta) -> Result<Option<String>> {
        let offices =
            std::iter::once((meta.office_id.clone(), meta.office_name.clone())).chain(meta.sub_offices.clone());
        for (id, name) in offices {
            let Some(known) = self.known_name(&id)? else { continue };
            if known != name {
                return Ok(Some(format!(
                    "单位标识 {id} 已属于「{known}」，这份上报包却写作「{name}」。如果是该单位改了名称，请选择“确认改名并导入”\
                     （命令行加 --rename）；如果是另一个单位（例如复制了别人的数据文件），请不要导入，\
                     请该单位在自己的电脑上打开人大工作台，对“这是另一个单位吗？”回答“是”，再重新生成上报包。"
                )));
            }
        }
        Ok(None)
    }

    /// The name an office was last received under (directly, or passed on by the office above it).
    fn known_name(&self, office_id: &str) -> Result<Option<String>> {
        store::known_name(self.conn(), office_id)
    }

    /// Another office id already received under this package's name: two data files for one
    /// office (a reinstall) would stand side by side, so the preview says so.
    fn same_name_warnings(&self, meta: &PackageMeta) -> Result<Vec<String>> {
        let others = store::other_ids_named(self.conn(), &meta.office_name, &meta.office_id)?;
        Ok(others
            .into_iter()
            .filter(|id| !meta.former_ids.contains(id))
            .map(|id| {
                format!(
                    "已收到过另一个单位标识（{id}）以「{}」名义报送的上报包：两者会作为两个单位并列统计。\
                     如果该单位换了电脑重新建立了数据，请与其核对。",
                    meta.office_name
                )
            })
            .collect())
    }

    /// The received packages of this office whose periods overlap this one's, each with what this
    /// package does to them.
    fn overlaps(&self, meta: &PackageMeta, data: &[DataSheet]) -> Result<Vec<String>> {
        let held = store::overlapping(self.conn(), &meta.office_id, &meta.from, &meta.to)?;
        // records of their own only: a station's figures of another period are not the same row
        let ids: BTreeSet<(&str, &str)> = data
            .iter()
            .filter(|d| !PERIOD_KINDS.contains(&d.kind))
            .flat_map(|d| d.rows.iter().map(move |r| (d.kind, r[0].as_str())))
            .collect();
        let mut out = Vec::new();
        for h in held {
            let mut theirs = self.rows_of(h.id)?;
            theirs.retain(|(kind, _), _| !PERIOD_KINDS.contains(&kind.as_str()));
            let shared = theirs.keys().filter(|(k, id)| ids.contains(&(k.as_str(), id.as_str()))).count();
            out.push(overlap_sentence(meta, &h, shared, theirs.len()));
        }
        Ok(out)
    }
}

/// One overlapping package, in words: which of the two is newer and what counts from which.
fn overlap_sentence(meta: &PackageMeta, h: &Held, shared: usize, theirs: usize) -> String {
    let this_covers = meta.from <= h.period_from && meta.to >= h.period_to;
    let it_covers = h.period_from <= meta.from && h.period_to >= meta.to;
    let head = format!("与已收到的「{}」上报包（第{}号）期间重叠，两者共有 {shared} 条记录", h.period_label, h.serial);
    if meta.serial == h.serial {
        format!("{head}。两份的序号相同，无法判断先后：共有的记录以后导入的为准，每条只计一次。")
    } else if meta.serial > h.serial {
        if this_covers {
            let gone = theirs - shared;
            format!(
                "{head}。本包较新且包含其整个期间：那份不再计入，共有的记录以本包为准{}。",
                if gone > 0 { format!("，它有而本包没有的 {gone} 条视为已撤回") } else { String::new() }
            )
        } else {
            format!("{head}。本包较新：共有的记录以本包为准，每条只计一次。")
        }
    } else if it_covers {
        format!("{head}。已收到的那份较新且包含本包的整个期间：本包导入后只作留存，不计入汇总。")
    } else {
        format!("{head}。已收到的那份较新：共有的记录仍以它为准，每条只计一次。")
    }
}

fn message(out: &Received, m: &PackageMeta, held: Option<i64>) -> String {
    let who = format!("{}（{}，第{}号）", m.office_name, m.period_label, m.serial);
    match out.action.as_str() {
        "new" => format!("{who}：新收到，共 {} 条记录", out.added),
        "unchanged" => format!("{who}：与已收到的上报包相同，没有变化"),
        "older" => format!(
            "{who}：已收到该单位同一期间的第{}号上报包，这份（第{}号）不比它新，没有导入。\
             如确认这份才是最新的（例如该单位恢复过备份），请选择“强制导入”（命令行加 --force）。",
            held.unwrap_or_default(),
            m.serial
        ),
        _ => format!(
            "{who}：替换已收到的第{}号上报包：新增 {}，修改 {}，撤回 {}",
            held.unwrap_or_default(),
            out.added,
            out.changed,
            out.withdrawn
        ),
    }
}

/// Every row's id is present and unique in its sheet, and every row belongs to the package's
/// office or to an office below that the package names.
fn check_rows(meta: &PackageMeta, data: &[DataSheet]) -> Result<()> {
    let mut allowed: BTreeSet<&str> = meta.sub_offices.iter().map(|(id, _)| id.as_str()).collect();
    allowed.insert(meta.office_id.as_str());
    for d in data {
        let source = d.columns.iter().position(|c| *c == SOURCE_COLUMN);
        let mut seen = BTreeSet::new();
        for (n, row) in d.rows.iter().enumerate() {
            let id = row.first().map(String::as_str).unwrap_or_default();
            if id.is_empty() || !seen.insert(id) {
                return Err(Error::BadFile(format!(
                    "上报包的工作表「{}」第 {} 条记录的记录标识{}：文件被改动过，不能导入。请让{}重新生成上报包。",
                    d.name,
                    n + 1,
                    if id.is_empty() { "是空的" } else { "与前面的记录重复" },
                    meta.office_name
                )));
            }
            let from = source.and_then(|i| row.get(i)).map(String::as_str).unwrap_or_default();
            // a package made before offices below were named (format 1) may pass on any office's rows
            if meta.format >= 2 && !allowed.contains(from) {
                return Err(Error::BadFile(format!(
                    "上报包的工作表「{}」第 {} 条记录属于单位标识 {from}，不是「{}」，也不是它列出的下级单位：\
                     一个单位的上报包不能带有别的单位的记录，不能导入。",
                    d.name,
                    n + 1,
                    meta.office_name
                )));
            }
        }
    }
    Ok(())
}

/// A row as stored: column → text, the id left out (it has its own column).
pub(super) fn row_json(d: &DataSheet, row: &[String]) -> String {
    let map: serde_json::Map<String, serde_json::Value> =
        d.columns.iter().zip(row).skip(1).map(|(c, v)| (c.to_string(), serde_json::Value::String(v.clone()))).collect();
    serde_json::Value::Object(map).to_string()
}

/// Replaces what the office sent for the period with the package, marks again which copy of each
/// record counts, in one transaction, audited.
fn store_package(
    tx: &rusqlite::Connection,
    m: &PackageMeta,
    data: &[DataSheet],
    file_name: &str,
    r: &Received,
) -> Result<()> {
    let records: Vec<RecordRow> = data
        .iter()
        .flat_map(|d| {
            let source = d.columns.iter().position(|c| *c == SOURCE_COLUMN);
            d.rows.iter().map(move |row| RecordRow {
                kind: d.kind,
                uuid: &row[0],
                json: row_json(d, row),
                source: source.and_then(|i| row.get(i)).filter(|s| !s.is_empty()).unwrap_or(&m.office_id),
            })
        })
        .collect();
    let replaced = store::replace_package(tx, m, file_name, &records)?;
    audit_receipt(tx, m, file_name, r, replaced)
}

fn audit_receipt(
    tx: &rusqlite::Connection,
    m: &PackageMeta,
    file_name: &str,
    r: &Received,
    replaced: bool,
) -> Result<()> {
    let year = NaiveDate::parse_from_str(&m.from, "%Y-%m-%d").map(|d| d.year()).unwrap_or_default();
    let mut summary = r.message.clone();
    for o in r.overlaps.iter().chain(&r.warnings) {
        summary.push('；');
        summary.push_str(o);
    }
    audit(
        tx,
        "report",
        Some(&m.office_id),
        if replaced { "replace" } else { "receive" },
        &summary,
        None,
        Some(&serde_json::json!({
            "office": m.office_name, "period": m.period_label, "year": year, "file_name": file_name,
            "sha256": m.sha256, "serial": m.serial, "withdrawn": r.withdrawn,
        })),
    )
}
