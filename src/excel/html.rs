//! The ".xls" that web systems export: an HTML page holding one or more `<table>` (served as
//! `application/vnd.ms-excel`; the common "tableToExcel" script and the 建议办理 platforms make
//! them). Read with html5ever's tokenizer — an HTML parser, not patterns — each `<table>` a sheet,
//! `rowspan` / `colspan` expanded like merged cells, `<br>` a line break, within the same
//! budgets as a workbook: size (checked by `guard`), table nesting, rows, columns, cells.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};

use super::cells::{Cell, Sheet};
use super::limits::*;

/// Tables inside tables deeper than this are refused (a page built to exhaust the reader).
pub const MAX_TABLE_DEPTH: usize = 8;

/// Whether the bytes are an HTML page with a table (after a byte-order mark and white space).
pub fn is_html_table(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)])
        .trim_start_matches('\u{FEFF}')
        .trim_start()
        .to_lowercase();
    if !head.starts_with('<') {
        return false;
    }
    let needle = b"<table";
    bytes.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}

/// The page as text: UTF-8 (with or without BOM), else the charset it declares, else GB18030
/// (what Chinese systems write when they write anything else).
fn decode(bytes: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.trim_start_matches('\u{FEFF}').to_string();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_lowercase();
    let label = head.split("charset=").nth(1).map(|r| {
        r.trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect::<String>()
    });
    let enc = label.and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes())).unwrap_or(encoding_rs::GB18030);
    enc.decode(bytes).0.into_owned()
}

/// A cell still spanning rows below the one it was written in.
struct Span {
    col: u32,
    cols: u32,
    /// The last row (0-based, within the table) it covers.
    until: u32,
    value: Cell,
}

#[derive(Default)]
struct Table {
    name: String,
    rows: BTreeMap<u32, Vec<Cell>>,
    merged: HashSet<(u32, usize)>,
    /// The row being written (0-based), `None` before the first `<tr>`.
    row: Option<u32>,
    col: u32,
    spans: Vec<Span>,
    /// The open cell: its text, colspan, rowspan.
    cell: Option<(String, u32, u32)>,
    caption: Option<String>,
}

#[derive(Default)]
struct State {
    stack: Vec<Table>,
    done: Vec<Sheet>,
    budget: usize,
    error: Option<String>,
    count: usize,
}

struct Sink(RefCell<State>);

fn attr(tag: &html5ever::tokenizer::Tag, name: &str) -> Option<u32> {
    tag.attrs.iter().find(|a| &*a.name.local == name).and_then(|a| a.value.trim().parse::<u32>().ok())
}

/// A cell or row outside any table: the tag sequence cannot be read as a table.
fn no_table() -> String {
    "网页表格的结构无法识别（单元格不在表格内），请用 Excel 打开后另存为 .xlsx 再试".into()
}

impl State {
    fn put(&mut self, row: u32, col: u32, value: Cell, merged: bool) -> Result<(), String> {
        if value.is_blank() {
            return Ok(());
        }
        if col as usize >= MAX_COLUMNS {
            return Err(format!("网页表格超过{MAX_COLUMNS}列，文件可能已损坏或被改动"));
        }
        let t = self.stack.last_mut().ok_or_else(no_table)?;
        let cells = t.rows.entry(row).or_default();
        if cells.len() <= col as usize {
            let grow = col as usize + 1 - cells.len();
            self.budget = self
                .budget
                .checked_sub(grow)
                .ok_or_else(|| format!("网页表格超过{MAX_CELLS}个单元格，请拆分后导入"))?;
            cells.resize(col as usize + 1, Cell::Empty);
        }
        cells[col as usize] = value;
        if merged {
            t.merged.insert((row + 1, col as usize));
        }
        if t.rows.len() > MAX_ROWS {
            return Err(format!("网页表格超过{MAX_ROWS}行，请拆分后导入"));
        }
        Ok(())
    }

    /// The columns of the current row taken by cells spanning down from rows above.
    fn skip_spanned(&mut self) {
        let Some(t) = self.stack.last_mut() else { return };
        let Some(r) = t.row else { return };
        loop {
            let col = t.col;
            match t.spans.iter().find(|s| s.until >= r && s.col <= col && col < s.col + s.cols) {
                Some(s) => t.col = s.col + s.cols,
                None => break,
            }
        }
    }

    fn start_row(&mut self) -> Result<(), String> {
        self.end_cell()?;
        let t = self.stack.last_mut().ok_or_else(no_table)?;
        let r = t.row.map_or(0, |r| r + 1);
        t.row = Some(r);
        t.col = 0;
        t.spans.retain(|s| s.until >= r);
        // the cells spanning into this row show their value here too
        let fills: Vec<(u32, u32, Cell)> = t.spans.iter().map(|s| (s.col, s.cols, s.value.clone())).collect();
        for (col, cols, value) in fills {
            for c in col..col.saturating_add(cols) {
                self.put(r, c, value.clone(), true)?;
            }
        }
        Ok(())
    }

    fn start_cell(&mut self, colspan: u32, rowspan: u32) -> Result<(), String> {
        self.end_cell()?;
        if self.stack.last().ok_or_else(no_table)?.row.is_none() {
            self.start_row()?;
        }
        self.skip_spanned();
        let t = self.stack.last_mut().ok_or_else(no_table)?;
        t.cell = Some((String::new(), colspan.clamp(1, MAX_COLUMNS as u32), rowspan.clamp(1, MAX_ROWS as u32)));
        Ok(())
    }

    fn end_cell(&mut self) -> Result<(), String> {
        let t = self.stack.last_mut().ok_or_else(no_table)?;
        let Some((text, cols, rows)) = t.cell.take() else { return Ok(()) };
        let (r, c) = (t.row.unwrap_or(0), t.col);
        let text: String = text
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        let value = if text.is_empty() { Cell::Empty } else { Cell::Text(text) };
        t.col = c.saturating_add(cols);
        if rows > 1 && !value.is_blank() {
            t.spans.push(Span { col: c, cols, until: r + rows - 1, value: value.clone() });
        }
        for k in 0..cols {
            self.put(r, c + k, value.clone(), k > 0)?;
        }
        Ok(())
    }

    fn text(&mut self, s: &str) {
        if let Some(t) = self.stack.last_mut() {
            if let Some((text, ..)) = t.cell.as_mut() {
                if text.len() + s.len() <= MAX_CELL_CHARS * 4 {
                    text.push_str(s);
                }
            } else if let Some(c) = t.caption.as_mut() {
                c.push_str(s);
            }
        }
    }

    fn tag(&mut self, tag: &html5ever::tokenizer::Tag) -> Result<(), String> {
        let name = &*tag.name;
        let start = tag.kind == TagKind::StartTag;
        match (name, start) {
            ("table", true) => {
                if self.stack.len() >= MAX_TABLE_DEPTH {
                    return Err(format!("网页中的表格嵌套超过{MAX_TABLE_DEPTH}层，文件可能已损坏或被改动"));
                }
                self.count += 1;
                if self.count > MAX_SHEETS {
                    return Err(format!("网页中的表格超过{MAX_SHEETS}个，请拆分后导入"));
                }
                let name = format!("表{}", self.count);
                self.stack.push(Table { name, ..Default::default() });
            }
            ("table", false) => self.close_table()?,
            _ if self.stack.is_empty() => {}
            ("tr", true) => self.start_row()?,
            ("tr", false) | ("td", false) | ("th", false) => self.end_cell()?,
            ("td" | "th", true) => {
                self.start_cell(attr(tag, "colspan").unwrap_or(1), attr(tag, "rowspan").unwrap_or(1))?
            }
            ("br", _) | ("p", false) | ("div", false) => self.text("\n"),
            ("caption", true) => self.stack.last_mut().ok_or_else(no_table)?.caption = Some(String::new()),
            _ => {}
        }
        Ok(())
    }

    fn close_table(&mut self) -> Result<(), String> {
        if self.stack.is_empty() {
            return Ok(());
        }
        self.end_cell()?;
        let Some(t) = self.stack.pop() else { return Ok(()) };
        let name = t
            .caption
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty() && c.chars().count() <= 31)
            .map(str::to_string)
            .unwrap_or(t.name);
        let mut sheet = Sheet::new(&name, t.rows.into_iter().map(|(r, cells)| (r + 1, cells)).collect());
        sheet.merged = t.merged;
        if !sheet.rows.is_empty() {
            self.done.push(sheet);
        }
        Ok(())
    }
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut st = self.0.borrow_mut();
        if st.error.is_some() {
            return TokenSinkResult::Continue;
        }
        let outcome = match token {
            Token::TagToken(tag) => st.tag(&tag),
            Token::CharacterTokens(s) => {
                st.text(&s);
                Ok(())
            }
            _ => Ok(()),
        };
        if let Err(e) = outcome {
            st.error = Some(e);
        }
        TokenSinkResult::Continue
    }
}

/// Every `<table>` of the page as a sheet (`表1`, `表2` …, or its caption).
pub fn read_html(bytes: &[u8]) -> Result<Vec<Sheet>, String> {
    // a page with more rows or cells than a workbook may hold is refused before it is parsed
    let (mut rows, mut cells) = (0usize, 0usize);
    for w in bytes.windows(3) {
        if w[0] == b'<' && (w[1] | 0x20) == b't' {
            match w[2] | 0x20 {
                b'r' => rows += 1,
                b'd' | b'h' => cells += 1,
                _ => {}
            }
        }
    }
    if rows > MAX_ROWS {
        return Err(format!("网页表格超过{MAX_ROWS}行，请拆分后导入"));
    }
    if cells > MAX_CELLS {
        return Err(format!("网页表格超过{MAX_CELLS}个单元格，请拆分后导入"));
    }
    let text = decode(bytes);
    let sink = Sink(RefCell::new(State { budget: MAX_CELLS, ..Default::default() }));
    let tok = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(&text));
    let _ = tok.feed(&input);
    tok.end();
    let mut st = tok.sink.0.borrow_mut();
    if let Some(e) = st.error.take() {
        return Err(e);
    }
    while !st.stack.is_empty() {
        st.close_table()?;
    }
    if st.done.is_empty() {
        return Err("网页文件中没有表格内容".into());
    }
    Ok(std::mem::take(&mut st.done))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_fill_like_merged_cells() {
        let page = "<html><body><table><tr><th rowspan=2>序号</th><th rowspan=2>案由</th><th colspan=2>答复情况</th></tr>\
            <tr><th>答复<br>日期</th><th>文号</th></tr><tr><td>1</td><td>修路</td><td>2024-04-01</td><td>交函〔2024〕1号</td></tr></table></body></html>";
        let sheets = read_html(page.as_bytes()).unwrap();
        assert_eq!(sheets.len(), 1);
        let rows: Vec<Vec<String>> =
            sheets[0].rows.iter().map(|(_, c)| c.iter().map(Cell::display).collect()).collect();
        assert_eq!(rows[0], ["序号", "案由", "答复情况", "答复情况"]);
        assert_eq!(rows[1], ["序号", "案由", "答复\n日期", "文号"]);
        assert_eq!(rows[2], ["1", "修路", "2024-04-01", "交函〔2024〕1号"]);
        assert!(sheets[0].merged.contains(&(2, 0)) && sheets[0].merged.contains(&(1, 3)));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let page = "<table><tr><td>".repeat(20);
        assert!(read_html(page.as_bytes()).unwrap_err().contains("嵌套"));
    }
}
