//! The 上报包 as data (SPEC §4.3): a 说明 sheet and data sheets whose rows carry their records'
//! stable ids, with a SHA-256 over the data sheets' canonical content. Written as a report
//! workbook a person can open and print; read back cell for cell (every data cell is text).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::excel::read::Sheet;
use crate::excel::write::{Column, ReportSheet, Value};

/// The name of the sheet that describes the package; the app looks for it to know a package.
pub const META_SHEET: &str = "说明";
/// The first column of every data sheet: the record's stable id.
pub const ID_COLUMN: &str = "记录标识";
/// The version of the package layout; a newer one is refused by an older app. Format 2 added the
/// sender's counter (上报包序号), its former ids (曾用标识) and the offices whose records a county
/// passes on (下级单位); a format 1 package is still read, and its checksum still checks.
pub const FORMAT: i64 = 2;

/// One data sheet: its records, each row beginning with the record's id.
#[derive(Debug, Clone, PartialEq)]
pub struct DataSheet {
    /// suggestions · deputies · stations
    pub kind: &'static str,
    /// The sheet's name in the workbook, e.g. 数据-建议.
    pub name: &'static str,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

/// The 说明 of a package: who sent it, for which period, and what it holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PackageMeta {
    pub office_id: String,
    pub office_name: String,
    /// 乡镇 · 县 · 市
    pub level: String,
    /// The period, first and last day (YYYY-MM-DD).
    pub from: String,
    pub to: String,
    /// 2026年 / 2026年第3季度 / 2026-01-01至2026-06-30
    pub period_label: String,
    /// Shown only: packages are ordered by `serial`, never by the clock of the PC that made them.
    pub generated_at: String,
    pub app_version: String,
    pub data_version: i64,
    /// The layout version the package was written in (`FORMAT` for a package made here).
    pub format: i64,
    /// The sender's counter: each package its data file makes has a higher one (0: an older app).
    pub serial: i64,
    /// Ids this office had before its data file was found to be a copy (曾用标识).
    pub former_ids: Vec<String>,
    /// The offices below whose records this package passes on (id, name): a county's townships.
    pub sub_offices: Vec<(String, String)>,
    /// Data sheet name → rows.
    pub counts: Vec<(String, i64)>,
    /// Data sheet name → its own short fingerprint (names the sheet that was changed).
    pub sheet_sums: Vec<(String, String)>,
    pub sha256: String,
}

/// The canonical text of the data sheets the checksum is taken over: each sheet's name, header
/// and rows, cells joined by tabs and rows by newlines, in sheet order.
pub fn canonical(sheets: &[DataSheet]) -> String {
    let mut out = String::new();
    for s in sheets {
        out.push_str(s.name);
        out.push('\n');
        out.push_str(&s.columns.join("\t"));
        out.push('\n');
        for r in &s.rows {
            out.push_str(&r.join("\t"));
            out.push('\n');
        }
    }
    out
}

/// The checksum of a package: its 说明 (every line but the checksum itself) and its data sheets,
/// so that neither who sent it nor what it holds can be changed unnoticed.
pub fn checksum(meta: &PackageMeta, sheets: &[DataSheet]) -> String {
    let mut text = String::new();
    for (k, v) in meta_lines(meta).iter().filter(|(k, _)| *k != "校验码") {
        text.push_str(&format!("{k}\t{v}\n"));
    }
    text.push_str(&canonical(sheets));
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The fields of 说明 as label → value, in the order they print.
fn meta_lines(m: &PackageMeta) -> Vec<(&'static str, String)> {
    let mut v = vec![
        ("填报单位", m.office_name.clone()),
        ("单位标识", m.office_id.clone()),
        ("单位层级", m.level.clone()),
        ("期间", m.period_label.clone()),
        ("期间起", m.from.clone()),
        ("期间止", m.to.clone()),
        ("生成时间", m.generated_at.clone()),
        ("程序版本", m.app_version.clone()),
        ("数据版本", m.data_version.to_string()),
        ("上报包格式", m.format.to_string()),
    ];
    if m.format >= 2 {
        v.push(("上报包序号", m.serial.to_string()));
        v.extend(m.former_ids.iter().map(|id| ("曾用标识", id.clone())));
        v.extend(m.sub_offices.iter().map(|(id, name)| ("下级单位", format!("{id}:{name}"))));
    }
    v.extend(m.counts.iter().map(|(n, c)| ("行数", format!("{n}:{c}"))));
    v.extend(m.sheet_sums.iter().map(|(n, h)| ("分页校验", format!("{n}:{h}"))));
    v.push(("校验码", m.sha256.clone()));
    v
}

/// The workbook: 说明 first, then the report sheets as the office prints them, then the data.
pub fn write(meta: &PackageMeta, reports: Vec<ReportSheet>, data: &[DataSheet]) -> Result<Vec<u8>> {
    let mut sheets = Vec::new();
    let mut about = ReportSheet::new(
        META_SHEET,
        &format!("{}上报包（{}）", meta.office_name, meta.period_label),
        vec![Column::new("项目"), Column::new("内容")],
    );
    about.org = meta.office_name.clone();
    about.landscape = false;
    about.rows = meta_lines(meta).into_iter().map(|(k, v)| vec![Value::Text(k.into()), Value::Text(v)]).collect();
    about.footnote = Some(
        "本文件由人大工作台生成，供上级人大导入汇总。请勿修改“数据-”开头的工作表：改动后校验码不符，上级将拒收。"
            .into(),
    );
    sheets.push(about);
    sheets.extend(reports);
    for d in data {
        let mut s = ReportSheet::new(
            d.name,
            &format!("{}{}", meta.office_name, d.name),
            d.columns.iter().map(|c| Column::new(c)).collect(),
        );
        s.org = meta.office_name.clone();
        // data for the app, not for paper: the 说明 and the report tables print
        s.printed = false;
        s.rows = d
            .rows
            .iter()
            .map(|r| r.iter().map(|c| if c.is_empty() { Value::Empty } else { Value::Text(c.clone()) }).collect())
            .collect();
        sheets.push(s);
    }
    crate::excel::write::write_workbook(sheets)
}

/// A package read back: its 说明 and its data sheets, the checksum checked.
pub fn read(
    sheets: &[Sheet],
    layout: &[(&'static str, &'static str, Vec<&'static str>)],
) -> Result<(PackageMeta, Vec<DataSheet>)> {
    let about = sheets.iter().find(|s| s.name == META_SHEET).ok_or_else(|| {
        Error::BadFile("这不是上报包：文件中没有“说明”工作表。请选择由人大工作台“上报”生成的文件。".into())
    })?;
    let meta = read_meta(about)?;
    let mut data = Vec::new();
    for (kind, name, columns) in layout {
        let sheet = sheets
            .iter()
            .find(|s| s.name == *name)
            .ok_or_else(|| Error::BadFile(format!("上报包不完整：缺少工作表「{name}」。请让下级重新生成上报包。")))?;
        data.push(DataSheet { kind, name, columns: columns.clone(), rows: data_rows(sheet, columns)? });
    }
    let sum = checksum(&meta, &data);
    if sum != meta.sha256 {
        let changed = changed_sheet(&meta, &data).unwrap_or_else(|| "说明或数据".into());
        return Err(Error::BadFile(format!(
            "上报包「{}」的校验码不符：工作表「{changed}」在生成后被改动过。请让{}重新生成上报包，不要手工修改“数据-”工作表。",
            meta.period_label, meta.office_name
        )));
    }
    Ok((meta, data))
}

/// The sheet that was changed: the one whose row count differs from what 说明 recorded, else the
/// one whose own content no longer matches its recorded fingerprint.
fn changed_sheet(meta: &PackageMeta, data: &[DataSheet]) -> Option<String> {
    if let Some(d) = data.iter().find(|d| meta.counts.iter().any(|(n, c)| n == d.name && *c != d.rows.len() as i64)) {
        return Some(d.name.to_string());
    }
    data.iter()
        .find(|d| meta.sheet_sums.iter().any(|(n, h)| n == d.name && *h != checksum_of(d)))
        .map(|d| d.name.to_string())
}

/// One data sheet's own fingerprint (short), so that a refusal names the sheet that changed.
pub fn checksum_of(d: &DataSheet) -> String {
    Sha256::digest(canonical(std::slice::from_ref(d)).as_bytes()).iter().take(8).map(|b| format!("{b:02x}")).collect()
}

fn read_meta(about: &Sheet) -> Result<PackageMeta> {
    let bad = || Error::BadFile("上报包的“说明”工作表不完整或被改动过。请让下级重新生成上报包。".into());
    let mut m = PackageMeta {
        office_id: String::new(),
        office_name: String::new(),
        level: String::new(),
        from: String::new(),
        to: String::new(),
        period_label: String::new(),
        generated_at: String::new(),
        app_version: String::new(),
        data_version: 0,
        format: 0,
        serial: 0,
        former_ids: vec![],
        sub_offices: vec![],
        counts: vec![],
        sheet_sums: vec![],
        sha256: String::new(),
    };
    for (_, cells) in &about.rows {
        let (Some(k), Some(v)) = (cells.first().map(|c| c.display()), cells.get(1).map(|c| c.display())) else {
            continue;
        };
        match k.as_str() {
            "填报单位" => m.office_name = v,
            "单位标识" => m.office_id = v,
            "单位层级" => m.level = v,
            "期间" => m.period_label = v,
            "期间起" => m.from = v,
            "期间止" => m.to = v,
            "生成时间" => m.generated_at = v,
            "程序版本" => m.app_version = v,
            "数据版本" => m.data_version = v.parse().map_err(|_| bad())?,
            "上报包格式" => m.format = v.parse().map_err(|_| bad())?,
            "上报包序号" => m.serial = v.parse().ok().filter(|n: &i64| *n > 0).ok_or_else(bad)?,
            "曾用标识" => m.former_ids.push(v),
            "下级单位" => {
                let (id, name) = v.split_once(':').ok_or_else(bad)?;
                m.sub_offices.push((id.to_string(), name.to_string()));
            }
            "行数" => {
                let (n, c) = v.rsplit_once(':').ok_or_else(bad)?;
                m.counts.push((n.to_string(), c.parse().map_err(|_| bad())?));
            }
            "分页校验" => {
                let (n, h) = v.rsplit_once(':').ok_or_else(bad)?;
                m.sheet_sums.push((n.to_string(), h.to_string()));
            }
            "校验码" => m.sha256 = v,
            _ => {}
        }
    }
    if m.format > FORMAT {
        return Err(Error::BadFile("这个上报包由较新版本的人大工作台生成，请先升级本程序再导入。".into()));
    }
    if m.format == 0
        || (m.format >= 2 && m.serial == 0)
        || m.office_id.is_empty()
        || m.sha256.is_empty()
        || m.from.is_empty()
        || m.to.is_empty()
    {
        return Err(bad());
    }
    // dates as the app writes them, days that exist (2026-02-30 is not cut to a month)
    let day = |label: &str, v: &str| {
        let parsed = chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").ok();
        parsed.filter(|d| d.format("%Y-%m-%d").to_string() == v).ok_or_else(|| {
            Error::BadFile(format!(
                "上报包“说明”中的{label}「{}」不是有效的日期。请让下级重新生成上报包。",
                crate::fields::quote(v)
            ))
        })
    };
    if day("期间起", &m.from)? > day("期间止", &m.to)? {
        return Err(bad());
    }
    Ok(m)
}

/// The rows under a data sheet's header (the row that begins with 记录标识), as text.
fn data_rows(sheet: &Sheet, columns: &[&str]) -> Result<Vec<Vec<String>>> {
    let header = sheet
        .rows
        .iter()
        .position(|(_, cells)| cells.first().is_some_and(|c| c.display() == ID_COLUMN))
        .ok_or_else(|| {
            Error::BadFile(format!("上报包的工作表「{}」没有表头（{ID_COLUMN}）。请让下级重新生成上报包。", sheet.name))
        })?;
    let width = columns.len();
    let mut rows = Vec::new();
    for (_, cells) in sheet.rows.iter().skip(header + 1) {
        let mut row: Vec<String> = cells.iter().take(width).map(|c| c.display()).collect();
        if row.iter().all(|c| c.is_empty()) {
            continue;
        }
        row.resize(width, String::new());
        rows.push(row);
    }
    Ok(rows)
}
