//! A workbook's contents as every reader hands them on: sheets of plain cells, each row with its
//! real Excel row number for error messages, and how cells are shown in messages.

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
            Cell::Date(d) => serial_to_date(*d).map(|d| d.to_string()).unwrap_or_else(|| number_text(*d)),
            Cell::Bool(b) => if *b { "是" } else { "否" }.into(),
        }
    }

    /// `display`, borrowed when the cell holds text already: an import reads each cell several
    /// times (note and header checks, splitting, parsing).
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Cell::Text(s) => std::borrow::Cow::Borrowed(s),
            other => std::borrow::Cow::Owned(other.display()),
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
    /// Cells (Excel row number, column index) whose value was copied from the top-left cell of
    /// the merged range they belong to: the sheet shows that value there, the file stores it once.
    pub merged: std::collections::HashSet<(u32, usize)>,
}

impl Sheet {
    pub fn new(name: &str, rows: Vec<(u32, Vec<Cell>)>) -> Sheet {
        Sheet { name: name.into(), rows, merged: Default::default() }
    }
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
