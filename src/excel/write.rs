//! The report writer every export uses (DOMAIN.md §4.2): a merged title row, a 填报单位 / date line,
//! a bold bordered header that repeats on every printed page, CJK-aware column widths, frozen
//! header, autofilter, page setup, `第 &P 页 共 &N 页` in the footer, typed cells, text never
//! turned into a formula, personal fields masked for upward reports. Big sheets stream.
//!
//! What prints is decided here, the same for every report: 宋体 / 黑体 at Chinese office sizes,
//! the columns fitted to the sheet's paper so that fit-to-width never prints the body under
//! `MIN_PRINTED_PT`, titles, the 填报单位 line and notes merged over the whole printed width and
//! wrapped, and every row's height written for its wrapped text (LibreOffice and WPS do not grow
//! rows to fit, Excel does: written heights print the same everywhere).

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
    /// A column of long text (a 表决票's 主要内容): narrowed to fit the paper, it keeps twice the
    /// width of the other narrowed columns, so its text does not wrap into a thin strip.
    pub wide: bool,
}

impl Column {
    pub fn new(label: &str) -> Column {
        Column { label: label.into(), private: None, choices: vec![], wide: false }
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
    /// The paper the report is printed on; the columns are fitted to it.
    pub paper: Paper,
    /// False for a sheet that is data, not for paper (the 上报包's data sheets): it is hidden,
    /// which every spreadsheet program leaves out of printing.
    pub printed: bool,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Value>>,
    pub footnote: Option<String>,
    /// Mask the columns marked private (upward reports).
    pub mask_private: bool,
    /// Rows with drop-down lists to leave for filling in (templates).
    pub blank_rows: u32,
    /// (row index, lines): rows of a form left for writing by hand, at least this many lines tall.
    pub writing_room: Vec<(usize, u32)>,
}

/// The paper sizes the reports are printed on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Paper {
    A4,
    A3,
}

impl Paper {
    /// Excel's paper size code.
    fn code(self) -> u8 {
        match self {
            Paper::A4 => 9,
            Paper::A3 => 8,
        }
    }
    /// (short side, long side) in points.
    fn size_pt(self) -> (f64, f64) {
        match self {
            Paper::A4 => (595.3, 841.9),
            Paper::A3 => (841.9, 1190.6),
        }
    }
}

impl ReportSheet {
    pub fn new(sheet_name: &str, title: &str, columns: Vec<Column>) -> ReportSheet {
        ReportSheet {
            sheet_name: sheet_name.into(),
            title: title.into(),
            org: String::new(),
            date: chrono::Local::now().date_naive(),
            landscape: true,
            paper: Paper::A4,
            printed: true,
            columns,
            rows: vec![],
            footnote: None,
            mask_private: false,
            blank_rows: 0,
            writing_room: vec![],
        }
    }
}

/// Width of one character in Excel's units at the body size: a CJK character is about two digits wide.
fn char_width(c: char) -> f64 {
    if (c as u32) >= 0x2E80 {
        2.1
    } else {
        1.1
    }
}

/// Display width in Excel's units: of the widest line.
pub fn display_width(s: &str) -> f64 {
    s.lines().map(|l| l.chars().map(char_width).sum::<f64>()).fold(0.0, f64::max)
}

/// How many lines `text` takes, wrapped in a column `width` wide (Excel's units): a CJK character
/// may break anywhere, a run of Latin letters or digits moves whole to the next line unless it is
/// longer than a line. The estimate errs by a character's width to the safe side, so that a row
/// is rather a little tall than cut.
pub fn wrapped_lines(text: &str, width: f64) -> u32 {
    // the cell's padding (a CJK character counts 2.1 where it is 2 wide: the slack for rounding)
    let room = (width - 0.5).max(2.2);
    let lines: usize = text.lines().map(|l| lines_of(l, room)).sum();
    u32::try_from(lines).unwrap_or(u32::MAX).max(1)
}

/// Lines of one paragraph, filled piece by piece: each CJK character and each space is a piece,
/// so is each run of other characters (a word, a number).
fn lines_of(line: &str, room: f64) -> usize {
    let mut fill = Fill { room, lines: 1, used: 0.0 };
    let mut run = 0.0;
    for c in line.chars() {
        if c.is_whitespace() || (c as u32) >= 0x2E80 {
            fill.place(run);
            run = 0.0;
            fill.place(char_width(c));
        } else {
            run += char_width(c);
        }
    }
    fill.place(run);
    fill.lines
}

/// Lines being filled, `used` of the last one.
struct Fill {
    room: f64,
    lines: usize,
    used: f64,
}

impl Fill {
    fn place(&mut self, w: f64) {
        if w <= 0.0 {
            return;
        }
        if self.used > 0.0 && self.used + w > self.room && w <= self.room {
            self.lines += 1;
            self.used = 0.0;
        }
        // a piece longer than a line breaks where the line is full
        let mut left = w;
        while self.used + left > self.room {
            left -= (self.room - self.used).max(0.0);
            self.lines += 1;
            self.used = 0.0;
        }
        self.used += left;
    }
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

/// 宋体 for the text, 黑体 for titles and headers: the fonts of Chinese office documents, on
/// every office PC under these names (Windows as SimSun / SimHei; WPS, 麒麟 and 统信 resolve the
/// Chinese names to their own Song and Hei faces, LibreOffice through fontconfig, e.g. to the Noto
/// CJK fonts). Written with the GB2312 character set, as Excel writes them.
const BODY_FONT: &str = "宋体";
const TITLE_FONT: &str = "黑体";
const GB2312: u8 = 134;
/// 五号, the body size of Chinese office tables; 三号 for titles.
const BODY_PT: f64 = 10.5;
/// The default row and column of a workbook in 宋体 10.5 pt, in pixels (a digit is 7 px wide,
/// as in Calibri 11, so the column units of this module keep their size).
const DEFAULT_ROW_PX: u32 = 18;
const DEFAULT_COLUMN_PX: u32 = 64;
const TITLE_PT: f64 = 16.0;
/// The smallest the body may print: the columns are fitted to the paper so that fit-to-width
/// never scales below this (9 pt, the smallest a person reads at arm's length, with room for
/// the programs' different rounding of column widths: LibreOffice, measuring them in the CJK
/// font that stands in for 宋体, makes them up to about 15% wider than Excel).
const MIN_PRINTED_PT: f64 = 10.8;
/// The height of a line of body text, and of a row's padding, in points: room for the Song faces
/// of every program (LibreOffice's Noto Serif CJK is the tallest, 1.45 em).
const LINE_PT: f64 = 15.5;
const ROW_PAD_PT: f64 = 3.0;

/// A row tall enough for `lines` lines of text at `size` pt.
fn row_height(lines: u32, size: f64) -> f64 {
    f64::from(lines) * LINE_PT * size / BODY_PT + ROW_PAD_PT
}

fn font(f: Format, name: &str, size: f64) -> Format {
    f.set_font_name(name).set_font_charset(GB2312).set_font_size(size)
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
        let body = |f: Format| font(f, BODY_FONT, BODY_PT);
        let cell = || body(Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter));
        Formats {
            title: font(Format::new(), TITLE_FONT, TITLE_PT)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            org: body(Format::new()).set_align(FormatAlign::VerticalCenter).set_text_wrap(),
            org_right: body(Format::new())
                .set_align(FormatAlign::Right)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            head: font(Format::new(), TITLE_FONT, BODY_PT)
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap()
                .set_background_color(Color::RGB(0xE8EEF7)),
            text: cell().set_text_wrap(),
            num: cell(),
            pct: cell().set_num_format("0.0%"),
            date: cell().set_num_format("yyyy-mm-dd"),
            blank: cell(),
            note: body(Format::new()).set_align(FormatAlign::Top).set_text_wrap(),
        }
    }
}

/// Writes the sheets into one workbook and returns its bytes. The rows are moved into the
/// writer: each text is handed over, not copied (and freed as it is written).
pub fn write_workbook(mut sheets: Vec<ReportSheet>) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    // 宋体 as the workbook's own font too: Excel's column units are measured in it, so a PC
    // without Calibri (WPS on 麒麟/统信) lays the columns out as they were sized here
    wb.set_default_format(&font(Format::new(), BODY_FONT, BODY_PT), DEFAULT_ROW_PX, DEFAULT_COLUMN_PX).map_err(xerr)?;
    let f = Formats::new();
    let mut header_rows = Vec::with_capacity(sheets.len());
    for s in &mut sheets {
        let ws: &mut Worksheet = if s.rows.len() > STREAM_ROWS {
            wb.add_worksheet_with_constant_memory().map_err(xerr)?
        } else {
            wb.add_worksheet()
        };
        ws.set_name(&s.sheet_name).map_err(xerr)?;
        let widths = column_widths(s);
        for (i, w) in widths.iter().enumerate() {
            ws.set_column_width(i as u16, *w).map_err(xerr)?;
        }
        let header_row = write_heading(ws, s, &f, &widths)?;
        let end = write_body(ws, s, &f, &widths, header_row + 1)?;
        let last_data = end.saturating_sub(1).max(header_row);
        write_footnote(ws, s, &f, &widths, end)?;
        add_short_choices(ws, s, header_row)?;
        page_setup(ws, s, header_row, last_data)?;
        if !s.printed {
            ws.set_hidden(true);
        }
        header_rows.push(header_row);
    }
    add_choice_sheet(&mut wb, &sheets, &header_rows)?;
    wb.save_to_buffer().map_err(xerr)
}

/// The widest a column is made from its contents; longer text wraps.
const MAX_WIDTH: f64 = 48.0;
/// The narrowest: two CJK characters.
const MIN_WIDTH: f64 = 6.0;
/// A text column narrowed to fit the paper keeps at least four CJK characters a line.
const MIN_TEXT_WIDTH: f64 = 8.5;
/// A run of digits or letters up to this wide (an 18-digit ID number) is never broken.
const MAX_WORD: f64 = 21.0;
/// Page margins in inches: left and right, top and bottom, header and footer.
const MARGIN_SIDE: f64 = 0.5;
const MARGIN_TOP: f64 = 0.6;
const MARGIN_HEADER: f64 = 0.3;

/// Column widths: as the header and (a sample of) the data want them, then fitted to the paper.
fn column_widths(s: &mut ReportSheet) -> Vec<f64> {
    let mut want: Vec<f64> = s.columns.iter().map(|c| display_width(&c.label) + 2.0).collect();
    // headers wrap, and so does text down to MIN_TEXT_WIDTH; numbers and dates do not: their
    // column is never narrower than they are
    let mut least: Vec<f64> = vec![MIN_WIDTH; want.len()];
    for row in s.rows.iter().take(2_000) {
        for (i, v) in row.iter().enumerate().take(want.len()) {
            let w = match v {
                // a column already as wide as it can be needs no more measuring (long texts:
                // most of the characters of a sheet)
                Value::Text(_) if want[i] >= MAX_WIDTH => continue,
                Value::Text(t) => display_width(t),
                Value::Int(n) => int_len(*n) as f64,
                Value::Num(_) => 10.0,
                Value::Date(_) => 11.0,
                Value::Pct(_) => 7.0,
                Value::Empty => 0.0,
            };
            want[i] = want[i].max(w + 2.0);
            let least_here = match v {
                // a phone or document number reads badly broken: kept whole
                Value::Text(t) if w <= MAX_WORD && !t.chars().any(|c| c.is_whitespace() || (c as u32) >= 0x2E80) => {
                    w + 2.0
                }
                Value::Text(_) => (w + 2.0).min(MIN_TEXT_WIDTH),
                _ => w + 2.0,
            };
            least[i] = least[i].max(least_here);
        }
    }
    let want: Vec<f64> = want.into_iter().map(|w| w.clamp(MIN_WIDTH, MAX_WIDTH)).collect();
    // a list whose narrowest columns (numbers, phones, ID numbers kept whole) do not fit A4 at
    // MIN_PRINTED_PT goes on A3, rather than printing smaller than a person reads
    if s.paper == Paper::A4
        && least.iter().sum::<f64>() > units(printed_width_pt(s) * BODY_PT / MIN_PRINTED_PT, least.len())
    {
        s.paper = Paper::A3;
    }
    let wide: Vec<bool> = s.columns.iter().map(|c| c.wide).collect();
    fit_to_paper(want, &least, &wide, printed_width_pt(s))
}

/// `pt` points of paper in Excel's column units, over `columns` columns: a column of width w is
/// w × 7 + 5 pixels (the width of a digit, the padding) at 0.75 pt.
fn units(pt: f64, columns: usize) -> f64 {
    (pt / 0.75 - 5.0 * columns as f64) / 7.0
}

/// The width the paper prints on, in points: the page less its side margins.
fn printed_width_pt(s: &ReportSheet) -> f64 {
    let (short, long) = s.paper.size_pt();
    (if s.landscape { long } else { short }) - 2.0 * MARGIN_SIDE * 72.0
}

/// Columns `want` wide, fitted to `paper_pt`: a narrower table is widened to the whole width
/// (titles and notes get the width of the paper); a wider one has its widest columns narrowed
/// (their text wraps, never below `least`) until fit-to-width prints it at `MIN_PRINTED_PT` or
/// more.
fn fit_to_paper(want: Vec<f64>, least: &[f64], wide: &[bool], paper_pt: f64) -> Vec<f64> {
    let full = units(paper_pt, want.len());
    let room = units(paper_pt * BODY_PT / MIN_PRINTED_PT, want.len());
    let total: f64 = want.iter().sum();
    if total <= 0.0 {
        return want;
    }
    if total < full {
        return want.into_iter().map(|w| w * full / total).collect();
    }
    if total <= room {
        return want;
    }
    // every column at most `cap` wide (a wide one twice that), none below its least: the largest
    // cap that fits
    let capped = |cap: f64| {
        want.iter().zip(least).enumerate().map(move |(i, (w, l))| {
            let cap = if wide.get(i).copied().unwrap_or(false) { 2.0 * cap } else { cap };
            w.min(cap.max(*l))
        })
    };
    let (mut lo, mut hi) = (MIN_WIDTH, MAX_WIDTH);
    for _ in 0..30 {
        let mid = (lo + hi) / 2.0;
        if capped(mid).sum::<f64>() > room {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    capped(lo).collect()
}

/// The characters of an integer as written (sign included), without writing it.
fn int_len(n: i64) -> usize {
    n.unsigned_abs().checked_ilog10().unwrap_or(0) as usize + 1 + usize::from(n < 0)
}

/// Text over columns `first..=last` of row `r` (merged when more than one).
fn merged(ws: &mut Worksheet, r: u32, first: u16, last: u16, text: &str, f: &Format) -> Result<()> {
    if last > first {
        ws.merge_range(r, first, r, last, text, f).map_err(xerr)?;
    } else {
        ws.write_string_with_format(r, first, text, f).map_err(xerr)?;
    }
    Ok(())
}

/// The title, the 填报单位 / date line and the header; returns the header's row.
fn write_heading(ws: &mut Worksheet, s: &ReportSheet, f: &Formats, widths: &[f64]) -> Result<u32> {
    let last = widths.len().max(1) as u16 - 1;
    let total: f64 = widths.iter().sum();
    let mut r: u32 = 0;
    // the title's characters are TITLE_PT / BODY_PT as wide as the body's
    let lines = wrapped_lines(&s.title, total * BODY_PT / TITLE_PT);
    ws.set_row_height(r, row_height(lines, TITLE_PT) + 6.0).map_err(xerr)?;
    merged(ws, r, 0, last, &s.title, &f.title)?;
    r += 1;
    if !s.org.is_empty() {
        let org = format!("填报单位：{}", s.org);
        let date = format!("填报日期：{}", s.date.format("%Y年%-m月%-d日"));
        // side by side when each fits its half, else each on its own line over the whole width
        let split = (widths.len() / 2).max(1);
        let left: f64 = widths.iter().take(split).sum();
        if split < widths.len() && wrapped_lines(&org, left) == 1 && wrapped_lines(&date, total - left) == 1 {
            ws.set_row_height(r, row_height(1, BODY_PT)).map_err(xerr)?;
            merged(ws, r, 0, split as u16 - 1, &org, &f.org)?;
            merged(ws, r, split as u16, last, &date, &f.org_right)?;
            r += 1;
        } else {
            for (text, format) in [(&org, &f.org), (&date, &f.org_right)] {
                ws.set_row_height(r, row_height(wrapped_lines(text, total), BODY_PT)).map_err(xerr)?;
                merged(ws, r, 0, last, text, format)?;
                r += 1;
            }
        }
    }
    let lines = s.columns.iter().zip(widths).map(|(c, w)| wrapped_lines(&c.label, *w)).max().unwrap_or(1);
    ws.set_row_height(r, row_height(lines, BODY_PT)).map_err(xerr)?;
    for (i, c) in s.columns.iter().enumerate() {
        ws.write_string_with_format(r, i as u16, &c.label, &f.head).map_err(xerr)?;
    }
    Ok(r)
}

/// The lines the tallest cell of a row takes in its column.
fn row_lines(row: &[Value], widths: &[f64]) -> u32 {
    row.iter()
        .zip(widths)
        .map(|(v, w)| match v {
            Value::Text(t) => wrapped_lines(t, *w),
            _ => 1,
        })
        .max()
        .unwrap_or(1)
}

/// The data rows from `r` on (taken out of the sheet), each as tall as its wrapped text, then
/// the blank rows to fill in; returns the row after them.
fn write_body(ws: &mut Worksheet, s: &mut ReportSheet, f: &Formats, widths: &[f64], mut r: u32) -> Result<u32> {
    let room: std::collections::HashMap<usize, u32> = s.writing_room.iter().copied().collect();
    for (k, row) in std::mem::take(&mut s.rows).into_iter().enumerate() {
        let lines = row_lines(&row, widths).max(room.get(&k).copied().unwrap_or(1));
        // before the cells: a streamed sheet writes a row's height with its first cell
        ws.set_row_height(r, row_height(lines, BODY_PT)).map_err(xerr)?;
        for (i, v) in row.into_iter().enumerate().take(s.columns.len()) {
            write_cell(ws, r, i as u16, v, if s.mask_private { s.columns[i].private } else { None }, f)?;
        }
        r += 1;
    }
    let ncols = s.columns.len().max(1) as u16;
    for _ in 0..s.blank_rows {
        ws.set_row_height(r, row_height(1, BODY_PT)).map_err(xerr)?;
        for c in 0..ncols {
            ws.write_blank(r, c, &f.blank).map_err(xerr)?;
        }
        r += 1;
    }
    Ok(r)
}

/// One typed cell; text in a column marked `private` is masked.
fn write_cell(ws: &mut Worksheet, r: u32, col: u16, v: Value, private: Option<Private>, f: &Formats) -> Result<()> {
    match v {
        // write_string: a value starting with = + - @ stays text, never a formula
        Value::Text(t) => match private {
            Some(k) => ws.write_string_with_format(r, col, mask(k, &t), &f.text),
            None => ws.write_string_with_format(r, col, t, &f.text),
        },
        Value::Int(n) => ws.write_number_with_format(r, col, n as f64, &f.num),
        Value::Num(n) => ws.write_number_with_format(r, col, n, &f.num),
        Value::Date(d) => ws.write_datetime_with_format(r, col, d, &f.date),
        Value::Pct(Some(p)) if p.is_finite() => ws.write_number_with_format(r, col, p, &f.pct),
        Value::Pct(_) => ws.write_string_with_format(r, col, "—", &f.text),
        Value::Empty => ws.write_blank(r, col, &f.blank),
    }
    .map_err(xerr)?;
    Ok(())
}

/// The footnote, one row below `end`, over the whole width and as tall as its wrapped text.
fn write_footnote(ws: &mut Worksheet, s: &ReportSheet, f: &Formats, widths: &[f64], end: u32) -> Result<()> {
    let Some(note) = &s.footnote else { return Ok(()) };
    let r = end + 1;
    let total: f64 = widths.iter().sum();
    ws.set_row_height(r, row_height(wrapped_lines(note, total), BODY_PT)).map_err(xerr)?;
    merged(ws, r, 0, widths.len().max(1) as u16 - 1, note, &f.note)
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

/// Frozen header, autofilter and the print setup on the sheet's paper.
fn page_setup(ws: &mut Worksheet, s: &ReportSheet, header_row: u32, last_data: u32) -> Result<()> {
    let last = s.columns.len().max(1) as u16 - 1;
    ws.set_freeze_panes(header_row + 1, 0).map_err(xerr)?;
    ws.autofilter(header_row, 0, last_data, last).map_err(xerr)?;
    ws.set_paper_size(s.paper.code());
    if s.landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_margins(MARGIN_SIDE, MARGIN_SIDE, MARGIN_TOP, MARGIN_TOP, MARGIN_HEADER, MARGIN_HEADER);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_repeat_rows(header_row, header_row).map_err(xerr)?;
    ws.set_footer("&C第 &P 页 共 &N 页");
    Ok(())
}

/// Long drop-down lists (e.g. 56 民族) go to one hidden sheet referenced by range.
fn add_choice_sheet(wb: &mut Workbook, sheets: &[ReportSheet], header_rows: &[u32]) -> Result<()> {
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
        let header_row = header_rows.get(*si).copied().unwrap_or(0);
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
    fn wrapped_lines_fill_a_column() {
        // ten CJK characters (21 units) in a column 12 wide: 5 a line (10.5 of 11.5 room)
        assert_eq!(wrapped_lines("一二三四五六七八九十", 12.0), 2);
        assert_eq!(wrapped_lines("一二三", 12.0), 1);
        assert_eq!(wrapped_lines("第一行\n第二行", 40.0), 2);
        // a word moves whole to the next line; one longer than a line breaks where it is full
        assert_eq!(wrapped_lines("abcd efghij", 8.0), 2);
        assert_eq!(wrapped_lines(&"x".repeat(30), 12.0), 3);
        assert_eq!(wrapped_lines("", 10.0), 1);
    }

    #[test]
    fn columns_fit_the_paper() {
        let a4 = Paper::A4.size_pt().1 - 72.0;
        // a narrow table is widened to the paper's width, in proportion
        let w = fit_to_paper(vec![10.0, 20.0], &[6.0, 6.0], &[], a4);
        assert!((w[1] / w[0] - 2.0).abs() < 1e-9 && w.iter().sum::<f64>() > 100.0, "{w:?}");
        // a wide one has its widest columns narrowed, never below their least
        let wide = vec![48.0; 8];
        let least = [20.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0];
        let w = fit_to_paper(wide, &least, &[], a4);
        let px: f64 = w.iter().map(|x| x * 7.0 + 5.0).sum();
        assert!(px * 0.75 * MIN_PRINTED_PT / BODY_PT <= a4 + 1.0, "{w:?}");
        assert!(w[0] >= 20.0 && w.iter().all(|x| *x >= 6.0), "{w:?}");
        // a wide column keeps twice the others' width when both are narrowed
        let mut marked = [false; 8];
        marked[3] = true;
        let w = fit_to_paper(vec![48.0; 8], &[6.0; 8], &marked, a4);
        assert!((w[3] / w[1] - 2.0).abs() < 1e-6 && w[3] < 48.0, "{w:?}");
    }

    #[test]
    fn cjk_is_twice_as_wide() {
        assert!(display_width("代表姓名") > display_width("abcdefg"));
    }
}
