//! Reading any workbook the office receives (.xlsx, .xls, .ods, WPS-saved) into plain cells,
//! keeping each cell's real Excel row number for error messages.

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Reader};

use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// An Excel date serial (days since 1899-12-30).
    Date(f64),
    Bool(bool),
    Error,
}

impl Cell {
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty() || s.chars().all(|c| c.is_whitespace()),
            _ => false,
        }
    }

    /// The cell as the user sees it, for messages and header matching.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty | Cell::Error => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => number_text(*n),
            Cell::Date(d) => serial_to_date(*d).map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_else(|| number_text(*d)),
            Cell::Bool(b) => if *b { "是" } else { "否" }.into(),
        }
    }
}

/// 13812345678.0 → "13812345678"; 1975.03 → "1975.03".
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n}");
        s
    }
}

pub fn serial_to_date(serial: f64) -> Option<chrono::NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    base.checked_add_signed(chrono::Duration::days(serial.floor() as i64))
}

#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    /// (Excel row number, 1-based; the cells from column A)
    pub rows: Vec<(u32, Vec<Cell>)>,
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => Cell::Date(dt.as_f64()),
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(_) => Cell::Error,
    }
}

/// Reads every sheet of a workbook given as bytes. `file_name` is only for messages.
pub fn read_workbook(bytes: &[u8], file_name: &str) -> Result<Vec<Sheet>> {
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(|e| {
        Error::BadFile(format!(
            "无法读取文件「{file_name}」：它不是可识别的 Excel 表格（支持 .xlsx、.xls、.ods，以及 WPS 保存的这几种格式）。请用 Excel 或 WPS 打开后另存为 .xlsx 再试。（{}）",
            crate::error::sheet_reason(&e)
        ))
    })?;
    let names = wb.sheet_names().to_vec();
    let mut sheets = Vec::new();
    for name in names {
        let range = match wb.worksheet_range(&name) {
            Ok(r) => r,
            Err(_) => continue, // chart sheets and the like hold no table
        };
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let mut rows = Vec::new();
        for (i, r) in range.rows().enumerate() {
            let mut cells = vec![Cell::Empty; col0 as usize];
            cells.extend(r.iter().map(cell));
            rows.push((row0 + i as u32 + 1, cells));
        }
        sheets.push(Sheet { name, rows });
    }
    Ok(sheets)
}

/// Column letters for messages: 0 → A, 27 → AB.
pub fn column_letter(mut i: usize) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, (b'A' + (i % 26) as u8) as char);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s
}
