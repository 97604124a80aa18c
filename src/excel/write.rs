//! The report writer every export uses (SPEC §4.2): a merged title row, a 填报单位 / date line,
//! a bold bordered header that repeats on every printed page, CJK-aware column widths, frozen
//! header, autofilter, A4 page setup, `第 &P 页 共 &N 页` in the footer, typed cells, text never
//! turned into a formula, personal fields masked for upward reports. Big sheets stream.

use chrono::NaiveDate;
use rust_xlsxwriter::{
    Color, DataValidation, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Int(i64),
    Num(f64),
    Date(NaiveDate),
    /// A ratio shown as a percentage with one decimal; `None` (no items) shows `—`.
    Pct(Option<f64>),
    Empty,
}

impl From<Option<String>> for Value {
    fn from(v: Option<String>) -> Value {
        v.map(Value::Text).unwrap_or(Value::Empty)
    }
}
impl From<String> for Value {
    fn from(v: String) -> Value {
        Value::Text(v)
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Value {
        Value::Text(v.to_string())
    }
}

/// What personal information a column holds, for masking in upward reports.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Private {
    Phone,
    IdNumber,
    Name,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub label: String,
    pub private: Option<Private>,
    /// A drop-down list for templates.
    pub choices: Vec<String>,
}

impl Column {
    pub fn new(label: &str) -> Column {
        Column { label: label.into(), private: None, choices: vec![] }
    }
}

#[derive(Debug, Clone)]
pub struct ReportSheet {
    pub sheet_name: String,
    pub title: String,
    /// 填报单位; the line is left out when empty.
    pub org: String,
    pub date: NaiveDate,
    pub landscape: bool,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Value>>,
    pub footnote: Option<String>,
    /// Mask the columns marked private (upward reports).
    pub mask_private: bool,
    /// Rows with drop-down lists to leave for filling in (templates).
    pub blank_rows: u32,
}

impl ReportSheet {
    pub fn new(sheet_name: &str, title: &str, columns: Vec<Column>) -> ReportSheet {
        ReportSheet {
            sheet_name: sheet_name.into(),
            title: title.into(),
            org: String::new(),
            date: chrono::Local::now().date_naive(),
            landscape: true,
            columns,
            rows: vec![],
            footnote: None,
            mask_private: false,
            blank_rows: 0,
        }
    }
}

/// Display width in Excel's units: a CJK character is about two digits wide.
pub fn display_width(s: &str) -> f64 {
    s.lines().map(|l| l.chars().map(|c| if (c as u32) >= 0x2E80 { 2.1 } else { 1.1 }).sum::<f64>()).fold(0.0, f64::max)
}

pub fn mask(kind: Private, s: &str) -> String {
    match kind {
        Private::Phone => crate::text::mask_phone(s),
        Private::IdNumber => {
            let c: Vec<char> = s.chars().collect();
            if c.len() < 10 {
                "*".repeat(c.len())
            } else {
                c[..6].iter().collect::<String>()
                    + &"*".repeat(c.len() - 10)
                    + &c[c.len() - 4..].iter().collect::<String>()
            }
        }
        Private::Name => {
            let c: Vec<char> = s.chars().collect();
            match c.len() {
                0 => String::new(),
                1 => "*".into(),
                2 => format!("{}*", c[0]),
                n => format!("{}{}{}", c[0], "*".repeat(n - 2), c[n - 1]),
            }
        }
    }
}

pub fn pct_text(v: Option<f64>) -> String {
    match v {
        Some(x) if x.is_finite() => format!("{:.1}%", x * 100.0),
        _ => "—".into(),
    }
}

fn xerr(e: XlsxError) -> Error {
    // the library's own text is English: say what it means for the user
    let why = match e {
        XlsxError::IoError(ref io) => crate::error::io_reason(io),
        XlsxError::MaxStringLengthExceeded => "有单元格的文字超过 Excel 的上限（32767 字）",
        XlsxError::RowColumnLimitError => "行数或列数超过 Excel 的上限",
        _ => "内部错误",
    };
    Error::invalid(format!("生成 Excel 文件失败：{why}。请重试；如反复出现，请联系技术支持。"))
}

/// Sheets with more rows than this stream (constant memory, rows written in order): measured
/// faster from about a thousand cells on, as well as lighter; small forms stay in memory.
const STREAM_ROWS: usize = 200;

/// A drop-down list this long (characters, separators counted) goes to the hidden 选项 sheet:
/// Excel caps an inline list at 255.
const LONG_CHOICES: usize = 200;

fn choices_len(c: &Column) -> usize {
    c.choices.iter().map(|x| x.chars().count() + 1).sum()
}

/// The cell formats, built once per workbook.
struct Formats {
    title: Format,
    org: Format,
    org_right: Format,
    head: Format,
    text: Format,
    num: Format,
    pct: Format,
    date: Format,
    blank: Format,
    note: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            org: Format::new().set_font_size(10),
            org_right: Format::new().set_font_size(10).set_align(FormatAlign::Right),
            head: Format::new()
                .set_bold()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap()
                .set_background_color(Color::RGB(0xE8EEF7)),
            text: Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter).set_text_wrap(),
            num: Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter),
            pct: Format::new()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::VerticalCenter)
                .set_num_format("0.0%"),
            date: Format::new()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::VerticalCenter)
                .set_num_format("yyyy-mm-dd"),
            blank: Format::new().set_border(FormatBorder::Thin),
            note: Format::new().set_font_size(10).set_italic(),
        }
    }
}

/// Writes the sheets into one workbook and returns its bytes. The rows are moved into the
/// writer: each text is handed over, not copied (and freed as it is written).
pub fn write_workbook(mut sheets: Vec<ReportSheet>) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let f = Formats::new();
    for s in &mut sheets {
        let ws: &mut Worksheet =
            if s.rows.len() > STREAM_ROWS { wb.add_worksheet_with_constant_memory() } else { wb.add_worksheet() };
        ws.set_name(&s.sheet_name).map_err(xerr)?;
        set_widths(ws, s)?;
        let header_row = write_heading(ws, s, &f)?;
        let end = write_body(ws, s, &f, header_row + 1)?;
        let last_data = end.saturating_sub(1).max(header_row);
        write_footnote(ws, s, &f, end)?;
        add_short_choices(ws, s, header_row)?;
        page_setup(ws, s, header_row, last_data)?;
    }
    add_choice_sheet(&mut wb, &sheets)?;
    wb.save_to_buffer().map_err(xerr)
}

/// The widest a column is made; longer text wraps.
const MAX_WIDTH: f64 = 48.0;

/// Column widths from the header and (a sample of) the data.
fn set_widths(ws: &mut Worksheet, s: &ReportSheet) -> Result<()> {
    let mut widths: Vec<f64> = s.columns.iter().map(|c| display_width(&c.label) + 2.0).collect();
    for row in s.rows.iter().take(2_000) {
        for (i, v) in row.iter().enumerate().take(widths.len()) {
            // a column already as wide as it can be needs no more measuring (long texts: most
            // of the characters of a sheet)
            if widths[i] >= MAX_WIDTH {
                continue;
            }
            let w = match v {
                Value::Text(t) => display_width(t),
                Value::Int(n) => int_len(*n) as f64,
                Value::Num(_) => 10.0,
                Value::Date(_) => 11.0,
                Value::Pct(_) => 7.0,
                Value::Empty => 0.0,
            };
            widths[i] = widths[i].max(w + 2.0);
        }
    }
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(i as u16, w.clamp(6.0, MAX_WIDTH)).map_err(xerr)?;
    }
    Ok(())
}

/// The characters of an integer as written (sign included), without writing it.
fn int_len(n: i64) -> usize {
    n.unsigned_abs().checked_ilog10().unwrap_or(0) as usize + 1 + usize::from(n < 0)
}

/// The title, the 填报单位 / date line and the header; returns the header's row.
fn write_heading(ws: &mut Worksheet, s: &ReportSheet, f: &Formats) -> Result<u32> {
    let ncols = s.columns.len().max(1) as u16;
    let last = ncols - 1;
    let mut r: u32 = 0;
    ws.set_row_height(r, 30).map_err(xerr)?;
    if ncols > 1 {
        ws.merge_range(r, 0, r, last, &s.title, &f.title).map_err(xerr)?;
    } else {
        ws.write_string_with_format(r, 0, &s.title, &f.title).map_err(xerr)?;
    }
    r += 1;
    let date_text = format!("填报日期：{}", s.date.format("%Y年%-m月%-d日"));
    if !s.org.is_empty() {
        let org_text = format!("填报单位：{}", s.org);
        let split = ncols / 2;
        if ncols >= 2 {
            if split > 1 {
                ws.merge_range(r, 0, r, split - 1, &org_text, &f.org).map_err(xerr)?;
            } else {
                ws.write_string_with_format(r, 0, &org_text, &f.org).map_err(xerr)?;
            }
            if last > split {
                ws.merge_range(r, split, r, last, &date_text, &f.org_right).map_err(xerr)?;
            } else {
                ws.write_string_with_format(r, split, &date_text, &f.org_right).map_err(xerr)?;
            }
        } else {
            ws.write_string_with_format(r, 0, &org_text, &f.org).map_err(xerr)?;
        }
        r += 1;
    }
    for (i, c) in s.columns.iter().enumerate() {
        ws.write_string_with_format(r, i as u16, &c.label, &f.head).map_err(xerr)?;
    }
    Ok(r)
}

/// The data rows from `r` on (taken out of the sheet), then the blank rows to fill in; returns
/// the row after them.
fn write_body(ws: &mut Worksheet, s: &mut ReportSheet, f: &Formats, mut r: u32) -> Result<u32> {
    for row in std::mem::take(&mut s.rows) {
        for (i, v) in row.into_iter().enumerate().take(s.columns.len()) {
            let col = i as u16;
            let private = if s.mask_private { s.columns[i].private } else { None };
            match v {
                // write_string: a value starting with = + - @ stays text, never a formula
                Value::Text(t) => match private {
                    Some(k) => {
                        ws.write_string_with_format(r, col, mask(k, &t), &f.text).map_err(xerr)?;
                    }
                    None => {
                        ws.write_string_with_format(r, col, t, &f.text).map_err(xerr)?;
                    }
                },
                Value::Int(n) => {
                    ws.write_number_with_format(r, col, n as f64, &f.num).map_err(xerr)?;
                }
                Value::Num(n) => {
                    ws.write_number_with_format(r, col, n, &f.num).map_err(xerr)?;
                }
                Value::Date(d) => {
                    ws.write_datetime_with_format(r, col, d, &f.date).map_err(xerr)?;
                }
                Value::Pct(Some(p)) if p.is_finite() => {
                    ws.write_number_with_format(r, col, p, &f.pct).map_err(xerr)?;
                }
                Value::Pct(_) => {
                    ws.write_string_with_format(r, col, "—", &f.text).map_err(xerr)?;
                }
                Value::Empty => {
                    ws.write_blank(r, col, &f.blank).map_err(xerr)?;
                }
            }
        }
        r += 1;
    }
    let ncols = s.columns.len().max(1) as u16;
    for _ in 0..s.blank_rows {
        for c in 0..ncols {
            ws.write_blank(r, c, &f.blank).map_err(xerr)?;
        }
        r += 1;
    }
    Ok(r)
}

/// The footnote, one row below `end`.
fn write_footnote(ws: &mut Worksheet, s: &ReportSheet, f: &Formats, end: u32) -> Result<()> {
    let Some(note) = &s.footnote else { return Ok(()) };
    let r = end + 1;
    let ncols = s.columns.len().max(1) as u16;
    if ncols > 1 {
        ws.merge_range(r, 0, r, ncols - 1, note, &f.note).map_err(xerr)?;
    } else {
        ws.write_string_with_format(r, 0, note, &f.note).map_err(xerr)?;
    }
    Ok(())
}

/// Drop-down lists (templates) short enough to live in the validation itself.
fn add_short_choices(ws: &mut Worksheet, s: &ReportSheet, header_row: u32) -> Result<()> {
    for (i, c) in s.columns.iter().enumerate() {
        // empty lists need none; long ones are added by `add_choice_sheet`
        if c.choices.is_empty() || choices_len(c) >= LONG_CHOICES {
            continue;
        }
        let dv = DataValidation::new()
            .allow_list_strings(&c.choices.iter().map(String::as_str).collect::<Vec<_>>())
            .map_err(xerr)?
            .set_error_title("请从下拉列表中选择")
            .map_err(xerr)?
            .set_error_message(format!("「{}」请从下拉列表中选择。", c.label))
            .map_err(xerr)?;
        ws.add_data_validation(header_row + 1, i as u16, header_row + 1000.max(s.blank_rows), i as u16, &dv)
            .map_err(xerr)?;
    }
    Ok(())
}

/// Frozen header, autofilter and the A4 print setup.
fn page_setup(ws: &mut Worksheet, s: &ReportSheet, header_row: u32, last_data: u32) -> Result<()> {
    let last = s.columns.len().max(1) as u16 - 1;
    ws.set_freeze_panes(header_row + 1, 0).map_err(xerr)?;
    ws.autofilter(header_row, 0, last_data, last).map_err(xerr)?;
    ws.set_paper_size(9); // A4
    if s.landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_repeat_rows(header_row, header_row).map_err(xerr)?;
    ws.set_footer("&C第 &P 页 共 &N 页");
    Ok(())
}

/// Long drop-down lists (e.g. 56 民族) go to one hidden sheet referenced by range.
fn add_choice_sheet(wb: &mut Workbook, sheets: &[ReportSheet]) -> Result<()> {
    let long: Vec<(usize, usize, &Column)> = sheets
        .iter()
        .enumerate()
        .flat_map(|(si, s)| s.columns.iter().enumerate().map(move |(ci, c)| (si, ci, c)))
        .filter(|(_, _, c)| choices_len(c) >= LONG_CHOICES)
        .collect();
    if long.is_empty() {
        return Ok(());
    }
    let opts = wb.add_worksheet();
    opts.set_name("选项").map_err(xerr)?;
    for (k, (_, _, c)) in long.iter().enumerate() {
        opts.write_string(0, k as u16, &c.label).map_err(xerr)?;
        for (j, v) in c.choices.iter().enumerate() {
            opts.write_string(j as u32 + 1, k as u16, v).map_err(xerr)?;
        }
    }
    opts.set_hidden(true);
    for (k, (si, ci, c)) in long.iter().enumerate() {
        let col = crate::excel::read::column_letter(k);
        let formula = Formula::new(format!("=选项!${col}$2:${col}${}", c.choices.len() + 1));
        let dv = DataValidation::new().allow_list_formula(formula);
        let s = &sheets[*si];
        let header_row = if s.org.is_empty() { 1 } else { 2 };
        let ws = wb.worksheet_from_index(*si).map_err(xerr)?;
        ws.add_data_validation(header_row + 1, *ci as u16, header_row + 1000.max(s.blank_rows), *ci as u16, &dv)
            .map_err(xerr)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_and_percentages() {
        assert_eq!(mask(Private::Phone, "13812345678"), "138****5678");
        assert_eq!(mask(Private::IdNumber, "11010519491231002X"), "110105********002X");
        assert_eq!(mask(Private::Name, "张三"), "张*");
        assert_eq!(mask(Private::Name, "欧阳明月"), "欧**月");
        assert_eq!(pct_text(Some(0.9844)), "98.4%");
        assert_eq!(pct_text(None), "—");
        assert_eq!(pct_text(Some(f64::NAN)), "—");
    }

    #[test]
    fn integer_lengths() {
        for n in [0, 7, 10, 99, 100, -1, -10, 123_456, i64::MAX, i64::MIN] {
            assert_eq!(int_len(n), n.to_string().len(), "{n}");
        }
    }

    #[test]
    fn cjk_is_twice_as_wide() {
        assert!(display_width("代表姓名") > display_width("abcdefg"));
    }
}
