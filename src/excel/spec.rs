//! Table specs: what a sheet of one kind of record holds — its fields, the header names offices
//! actually use for them, how each cell is parsed, which are required — and the generic pipeline
//! that turns a messy sheet into clean rows or row errors.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::cells::{column_letter, number_text, serial_to_date, Cell, Sheet};
use crate::error::{Error, Result};
use crate::readers::{normalize_id_number, read_month, read_phone};
pub use crate::readers::{parse_date, read_field, FieldReading};
use crate::text::{clean, normalize_name, to_half_width};

#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Text,
    /// A person's name: padding spaces removed (`张　三` = `张三`).
    Name,
    /// Year and month (出生年月).
    Month,
    Date,
    Phone,
    /// 身份证号: refused when stored as a number (Excel keeps 15 digits: the rest are lost).
    IdNumber,
    /// A code that may arrive as a number (代表证号 0012 → "0012" if text, "12" if number).
    Code,
    /// One of a list, with synonyms: (canonical, [synonyms]).
    Choice(&'static [(&'static str, &'static [&'static str])]),
    /// Several values in one cell, separated by 、，,;； or spaces.
    List,
    Int,
}

#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub key: &'static str,
    /// The header this app writes (templates, exports).
    pub label: &'static str,
    /// Other headers that mean the same.
    pub aliases: &'static [&'static str],
    pub kind: Kind,
    pub required: bool,
    /// Personal information: masked in upward exports.
    pub private: bool,
}

impl Field {
    pub const fn new(key: &'static str, label: &'static str, aliases: &'static [&'static str], kind: Kind) -> Field {
        Field { key, label, aliases, kind, required: false, private: false }
    }
    pub const fn required(self) -> Field {
        Field { required: true, ..self }
    }
    pub const fn private(self) -> Field {
        Field { private: true, ..self }
    }
}

pub struct TableSpec {
    /// deputies, units …
    pub kind: &'static str,
    /// 代表名册 …
    pub title: &'static str,
    pub fields: &'static [Field],
}

impl TableSpec {
    /// The whole alias table, one line per field: `label ← alias、alias …` (printed by a test, for
    /// review against how offices head the same column).
    pub fn alias_table(&self) -> String {
        let mut out = format!("{}\n", self.title);
        for f in self.fields {
            out.push_str(&format!(
                "  {}{} ← {}\n",
                f.label,
                if f.required { "（必填）" } else { "" },
                f.aliases.join("、")
            ));
        }
        out
    }

    /// The field a sheet's header (joined or not) is read as.
    pub fn field_for_header(&self, header: &str) -> Option<&'static Field> {
        Labels::of(self).joined(header)
    }
}

/// Headers that are recognised but carry nothing to import.
const SKIPPED_HEADERS: &[&str] = &["序号", "序", "no", "no."];

/// A row whose only cell starts with one of these is a note, not a record.
const NOTE_PREFIXES: &[&str] = &[
    "填写说明",
    "填表说明",
    "说明：",
    "说明:",
    "注：",
    "注:",
    "备注：",
    "备注:",
    "制表人",
    "填表人",
    "审核人",
    "制表：",
    "制表:",
];

#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    Text(String),
    List(Vec<String>),
    Int(i64),
}

impl FieldValue {
    pub fn text(&self) -> String {
        match self {
            FieldValue::Text(s) => s.clone(),
            FieldValue::List(v) => v.join("、"),
            FieldValue::Int(i) => i.to_string(),
        }
    }
}

/// One problem in one cell (or row), located as the user will look for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RowError {
    pub sheet: String,
    /// Excel row number as shown at the left of the sheet (0 when the problem is the sheet itself).
    pub row: i64,
    /// The column's header as written in the sheet ("" when the whole row is concerned).
    pub column: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ImportColumn {
    /// The header as written in the sheet.
    pub header: String,
    /// Column letter (A, B …); empty for a field read by splitting another column.
    pub letter: String,
    pub field: String,
    pub label: String,
}

#[derive(Debug, Clone)]
pub struct ParsedRow {
    pub row: u32,
    /// The sheet it comes from.
    pub sheet: String,
    pub values: BTreeMap<&'static str, FieldValue>,
    pub errors: Vec<RowError>,
    /// Field key → the cell as written, for the preview.
    pub raw: BTreeMap<&'static str, String>,
    /// Field key → how the cell was understood, where that reads differently (`1982.1` → `1982-10`).
    pub read: BTreeMap<&'static str, String>,
    /// Field key → how a value the cell does not hold itself was found: 由合并单元格补全, 由…拆分.
    pub notes: BTreeMap<&'static str, String>,
}

#[derive(Debug, Clone)]
pub struct ParsedSheet {
    pub sheet: String,
    pub header_row: u32,
    pub columns: Vec<ImportColumn>,
    pub ignored: Vec<String>,
    pub rows: Vec<ParsedRow>,
    /// The text above the header row (titles, 填报单位 lines), joined.
    pub title_text: String,
    /// Every sheet of the workbook: read or skipped, and why.
    pub sheets: Vec<SheetRead>,
    /// Fields whose column some of the sheets read have and others lack.
    pub partial: Vec<&'static str>,
}

/// A header cell made comparable: half-width, no spaces or line breaks, no required-marks (*),
/// no notes in brackets (`出生年月（如1975.03）` → `出生年月`), lower case.
pub fn normalize_header(s: &str) -> String {
    let s = to_half_width(s);
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = (depth - 1).max(0),
            _ if depth > 0 => {}
            '*' | '＊' | ':' | '：' | '·' | '・' | '•' => {}
            c if c.is_whitespace() => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The table's labels and aliases, normalized once per read, so that the header search of the
/// first 30 rows looks each cell up instead of normalizing every label again for it. The first
/// field (in the table's order) naming a header wins, as the fields are listed.
struct Labels(HashMap<String, &'static Field>);

impl Labels {
    fn of(spec: &TableSpec) -> Self {
        let mut map = HashMap::new();
        for f in spec.fields {
            for l in std::iter::once(&f.label).chain(f.aliases) {
                map.entry(normalize_header(l)).or_insert(f);
            }
        }
        Labels(map)
    }

    fn field(&self, header: &str) -> Option<&'static Field> {
        let h = normalize_header(header);
        if h.is_empty() {
            return None;
        }
        self.0.get(&h).copied()
    }

    /// A header as written, or the last part of a joined group header (一级·二级).
    fn joined(&self, header: &str) -> Option<&'static Field> {
        self.field(header).or_else(|| header.rsplit_once('·').and_then(|(_, last)| self.field(last)))
    }
}

/// One sheet of the workbook as the import saw it: read (with its rows) or skipped, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SheetRead {
    pub name: String,
    /// Whether its rows are imported.
    pub read: bool,
    /// Data rows read from it.
    pub rows: i64,
    /// The (last) header row; 0 when skipped.
    pub header_row: i64,
    /// Why it is skipped: 未找到表头 · 说明页 · 空白页 · 已取消勾选 · 未选择.
    pub reason: String,
}

/// Note on a cell whose value the sheet shows but the file stores in another cell.
pub const MERGED_NOTE: &str = "由合并单元格补全";

/// Picks the sheet `wanted` (else every sheet with a recognisable header), finds the header row
/// under titles and 填报单位 lines, maps the columns and parses every data row.
pub fn parse_sheet(spec: &TableSpec, sheets: &[Sheet], wanted: Option<&str>) -> Result<ParsedSheet> {
    parse_sheets(spec, sheets, wanted, &[])
}

/// Why a sheet without a header holds no table.
fn skip_reason(sheet: &Sheet) -> &'static str {
    let texts: Vec<String> =
        sheet.rows.iter().flat_map(|(_, c)| c.iter()).filter(|c| !c.is_blank()).map(|c| c.display()).take(3).collect();
    if texts.is_empty() {
        "空白页"
    } else if ["说明", "填表", "填写", "注意事项", "目录"].iter().any(|w| sheet.name.contains(w))
        || texts
            .iter()
            .any(|t| NOTE_PREFIXES.iter().chain(["说明", "填表说明"].iter()).any(|p| t.trim_start().starts_with(p)))
    {
        "说明页"
    } else {
        "未找到表头"
    }
}

/// Every sheet holding the table (one per 代表团 or 乡镇 is usual), except those the user unticked;
/// the rows of all of them, each naming its sheet; the sheets skipped, with the reason.
pub fn parse_sheets(
    spec: &TableSpec,
    sheets: &[Sheet],
    wanted: Option<&str>,
    excluded: &[String],
) -> Result<ParsedSheet> {
    let wanted = wanted.map(str::trim).filter(|w| !w.is_empty());
    if let Some(w) = wanted {
        if !sheets.iter().any(|s| s.name == w) {
            return Err(Error::BadFile(format!(
                "文件中没有名为「{w}」的工作表。文件中的工作表有：{}",
                sheets.iter().map(|s| format!("「{}」", crate::fields::quote(&s.name))).collect::<Vec<_>>().join("、")
            )));
        }
    }
    let (parts, reads, looked) = read_each(spec, sheets, wanted, excluded);
    if parts.is_empty() {
        return Err(no_header(spec, &looked));
    }
    Ok(merge_parts(spec, parts, reads))
}

/// Each sheet read or skipped (and why), and the names of those looked at.
fn read_each(
    spec: &TableSpec,
    sheets: &[Sheet],
    wanted: Option<&str>,
    excluded: &[String],
) -> (Vec<ParsedSheet>, Vec<SheetRead>, Vec<String>) {
    let mut parts: Vec<ParsedSheet> = Vec::new();
    let mut reads: Vec<SheetRead> = Vec::new();
    let mut looked = Vec::new();
    let labels = Labels::of(spec);
    for sheet in sheets {
        let skip = |reason: &str| SheetRead {
            name: sheet.name.clone(),
            read: false,
            rows: 0,
            header_row: 0,
            reason: reason.into(),
        };
        if wanted.is_some_and(|w| w != sheet.name) {
            reads.push(skip("未选择"));
            continue;
        }
        if excluded.iter().any(|e| e.trim() == sheet.name) {
            reads.push(skip("已取消勾选"));
            continue;
        }
        looked.push(sheet.name.clone());
        match find_header(spec, &labels, sheet) {
            Some((first, last, mapping)) => {
                let p = parse_rows(spec, &labels, sheet, first, last, mapping);
                reads.push(SheetRead {
                    name: sheet.name.clone(),
                    read: true,
                    rows: p.rows.len() as i64,
                    header_row: p.header_row as i64,
                    reason: String::new(),
                });
                parts.push(p);
            }
            None => reads.push(skip(skip_reason(sheet))),
        }
    }
    (parts, reads, looked)
}

/// No sheet had the table's header.
fn no_header(spec: &TableSpec, looked: &[String]) -> Error {
    let required: Vec<&str> = spec.fields.iter().filter(|f| f.required).map(|f| f.label).collect();
    Error::BadFile(format!(
        "在{}中找不到{}的表头行。请确认表头包含「{}」等列名（可下载导入模板对照）。",
        if looked.len() == 1 {
            format!("工作表「{}」", crate::fields::quote(&looked[0]))
        } else {
            "所有工作表".into()
        },
        spec.title,
        required.join("」「")
    ))
}

/// The sheets read as one: their rows in order, the columns of any, a field some lack noted.
fn merge_parts(spec: &TableSpec, mut parts: Vec<ParsedSheet>, reads: Vec<SheetRead>) -> ParsedSheet {
    let many = parts.len() > 1;
    let partial: Vec<&'static str> = spec
        .fields
        .iter()
        .filter(|f| {
            let with =
                parts.iter().filter(|p| p.columns.iter().any(|c| c.field == f.key && !c.letter.is_empty())).count();
            with > 0 && with < parts.len()
        })
        .map(|f| f.key)
        .collect();
    let mut all = parts.remove(0);
    all.partial = partial;
    if many {
        all.ignored =
            all.ignored.iter().map(|i| format!("工作表「{}」{i}", crate::fields::quote(&all.sheet))).collect();
    }
    let mut names = vec![all.sheet.clone()];
    for p in parts {
        for c in p.columns {
            if !all.columns.iter().any(|a| a.field == c.field) {
                all.columns.push(c);
            }
        }
        all.ignored.extend(p.ignored.iter().map(|i| format!("工作表「{}」{i}", crate::fields::quote(&p.sheet))));
        all.rows.extend(p.rows);
        names.push(p.sheet);
    }
    all.sheet = names.join("、");
    all.sheets = reads;
    all
}

type Mapping = Vec<(usize, Option<&'static Field>, String)>;

/// The header cells of rows `first..=last` joined column by column (`答复情况·答复日期`): a group
/// title over its sub-columns, a cell merged down over the header rows read once.
fn joined_header(sheet: &Sheet, first: usize, last: usize) -> Vec<String> {
    let width = sheet.rows[first..=last].iter().map(|(_, c)| c.len()).max().unwrap_or(0);
    (0..width)
        .map(|c| {
            let mut parts: Vec<String> = Vec::new();
            for (_, cells) in &sheet.rows[first..=last] {
                let t = cells.get(c).map(|v| clean(&v.display()).unwrap_or_default()).unwrap_or_default();
                let t = t.split_whitespace().collect::<Vec<_>>().join("");
                if !t.is_empty() && parts.last() != Some(&t) {
                    parts.push(t);
                }
            }
            parts.join("·")
        })
        .collect()
}

/// A header, joined or not, matched to a field: the whole (`代表满意度·办理结果`), else its last part
/// (`答复情况·答复日期` → 答复日期).
/// A row that is a title, not a header: one value, or one value merged across.
fn is_title_row(cells: &[Cell]) -> bool {
    let mut values: Vec<String> = cells.iter().filter(|c| !c.is_blank()).map(|c| c.display()).collect();
    values.dedup();
    values.len() <= 1
}

/// The header: among the first 30 rows, one to three rows (a group title row over its
/// sub-columns) that name the most fields (at least two, all required ones included). Returns the
/// first and last header row index and the columns.
fn find_header(spec: &TableSpec, labels: &Labels, sheet: &Sheet) -> Option<(usize, usize, Mapping)> {
    // (hits, last row, -depth) decides; the first found wins a tie
    type Found = ((usize, usize, usize), usize, usize, Mapping);
    let mut best: Option<Found> = None;
    let n = sheet.rows.len().min(30);
    for first in 0..n {
        for depth in 1..=3usize {
            let last = first + depth - 1;
            if last >= sheet.rows.len() || (depth > 1 && is_title_row(&sheet.rows[first].1)) {
                break;
            }
            let mut mapping: Mapping = Vec::new();
            let mut hits = 0;
            let mut seen = std::collections::HashSet::new();
            for (c, text) in joined_header(sheet, first, last).into_iter().enumerate() {
                if text.trim().is_empty() {
                    continue;
                }
                let f = labels.joined(&text).filter(|f| seen.insert(f.key));
                if f.is_some() {
                    hits += 1;
                }
                mapping.push((c, f, text));
            }
            let has_required = spec
                .fields
                .iter()
                .filter(|f| f.required)
                .all(|f| mapping.iter().any(|(_, m, _)| m.is_some_and(|m| m.key == f.key)));
            // more fields; then the header nearest the data; then the fewest rows
            let score = (hits, last, usize::MAX - depth);
            if hits >= 2 && has_required && best.as_ref().is_none_or(|b| score > b.0) {
                best = Some((score, first, last, mapping));
            }
        }
    }
    best.map(|(_, first, last, m)| (first, last, m))
}

fn parse_rows(
    spec: &TableSpec,
    labels: &Labels,
    sheet: &Sheet,
    first: usize,
    header_index: usize,
    mapping: Mapping,
) -> ParsedSheet {
    let header_row = sheet.rows[header_index].0;
    let mut columns = mapped_columns(&mapping);
    let ignored = ignored_columns(labels, &mapping);
    let header_texts: Vec<String> = sheet.rows[header_index].1.iter().map(|c| normalize_header(&c.display())).collect();
    let mut rows = Vec::new();
    for (rownum, cells) in data_rows(sheet, header_index) {
        if is_not_a_record(sheet, *rownum, cells, &header_texts) {
            continue;
        }
        let work = row_cells(spec, sheet, &mapping, *rownum, cells);
        rows.push(parse_row(sheet, *rownum, &work));
    }
    let title_text = sheet.rows[..first]
        .iter()
        .flat_map(|(_, cells)| {
            let mut v: Vec<String> = cells.iter().map(|c| c.display()).filter(|t| !t.is_empty()).collect();
            v.dedup();
            v
        })
        .collect::<Vec<_>>()
        .join(" ");
    // fields found by splitting a combined cell: columns of the preview too
    for f in spec.fields {
        if !columns.iter().any(|c| c.field == f.key) && rows.iter().any(|r: &ParsedRow| r.values.contains_key(f.key)) {
            columns.push(ImportColumn {
                header: f.label.into(),
                letter: String::new(),
                field: f.key.into(),
                label: f.label.into(),
            });
        }
    }
    ParsedSheet {
        sheet: sheet.name.clone(),
        header_row,
        columns,
        ignored,
        rows,
        title_text,
        sheets: vec![],
        partial: vec![],
    }
}

/// The columns read into a field, for the preview.
fn mapped_columns(mapping: &Mapping) -> Vec<ImportColumn> {
    mapping
        .iter()
        .filter_map(|(c, f, h)| {
            f.map(|f| ImportColumn {
                header: h.clone(),
                letter: column_letter(*c),
                field: f.key.into(),
                label: f.label.into(),
            })
        })
        .collect()
}

/// The columns left out, each with why.
fn ignored_columns(labels: &Labels, mapping: &Mapping) -> Vec<String> {
    let mut ignored: Vec<String> = mapping
        .iter()
        .filter(|(_, f, h)| f.is_none() && !SKIPPED_HEADERS.contains(&normalize_header(h).as_str()))
        .map(|(c, _, h)| {
            let why = match labels.joined(h) {
                Some(f) => format!("（与「{}」列重复，只导入第一列）", f.label),
                None => "（本表没有这一项）".into(),
            };
            format!("{}列「{}」{why}", column_letter(*c), crate::fields::quote(h))
        })
        .collect();
    ignored.dedup();
    ignored
}

/// A normalized cell text that starts a 合计 / 总计 / 小计 row.
fn is_total(t: &str) -> bool {
    t.starts_with("合计") || t.starts_with("总计") || t == "小计"
}

/// The non-blank rows under the header, without a 合计 / 总计 row at the bottom.
fn data_rows(sheet: &Sheet, header_index: usize) -> Vec<&(u32, Vec<Cell>)> {
    let mut data: Vec<&(u32, Vec<Cell>)> =
        sheet.rows[header_index + 1..].iter().filter(|(_, cells)| !cells.iter().all(Cell::is_blank)).collect();
    if let Some((_, last)) = data.last() {
        let first: Vec<String> =
            last.iter().filter(|c| !c.is_blank()).take(2).map(|c| normalize_header(&c.display())).collect();
        if first.iter().any(|t| is_total(t)) {
            data.pop();
        }
    }
    data
}

/// A row inside the table that is not a record: a repeated header, a note, a 小计.
fn is_not_a_record(sheet: &Sheet, rownum: u32, cells: &[Cell], header_texts: &[String]) -> bool {
    // a header repeated on every printed page
    // compared cell by cell, so a record stops at its first cell (序号 1 is not 序号)
    if cells.iter().map(|c| normalize_header(&c.text())).eq(header_texts.iter().cloned()) {
        return true;
    }
    // notes under the table: 填写说明…, 注：…, 制表人：… (a note merged across is one note); only
    // the first two filled cells matter, so a record's other cells are not read here
    let mut filled = (cells.iter().enumerate())
        .filter(|(c, v)| !v.is_blank() && !sheet.merged.contains(&(rownum, *c)))
        .map(|(_, c)| c.text());
    let (first, second) = (filled.next(), filled.next());
    if let (Some(only), None) = (&first, &second) {
        if NOTE_PREFIXES.iter().any(|p| only.trim_start().starts_with(p)) {
            return true;
        }
    }
    // a 小计 row under each block (every total word has 计)
    [first, second].iter().flatten().any(|t| t.contains('计') && is_total(&normalize_header(t)))
}

/// A cell of a row with its field, its column's header and a note on how it was read.
type RowCell = (&'static Field, Cell, String, Option<String>);

/// The cells of the row, each with its field; a combined cell gives several.
fn row_cells(spec: &TableSpec, sheet: &Sheet, mapping: &Mapping, rownum: u32, cells: &[Cell]) -> Vec<RowCell> {
    let mut work: Vec<RowCell> = Vec::new();
    for (c, f, header) in mapping {
        let Some(f) = f else { continue };
        let cell = cells.get(*c).cloned().unwrap_or(Cell::Empty);
        let note = sheet.merged.contains(&(rownum, *c)).then(|| MERGED_NOTE.to_string());
        let parts = if cell.is_blank() { None } else { split_combined(spec, f.key, &cell.text()) };
        match parts {
            Some(parts) => {
                let split_note = format!("由「{header}」拆分");
                for (key, text) in parts {
                    let Some(g) = spec.fields.iter().find(|g| g.key == key) else { continue };
                    // a value also in its own column: both kept
                    let text = match work.iter().position(|w| w.0.key == key) {
                        Some(i) if !work[i].1.is_blank() => format!("{}、{text}", work.remove(i).1.display()),
                        Some(i) => {
                            work.remove(i);
                            text
                        }
                        None => text,
                    };
                    work.push((
                        g,
                        Cell::Text(text),
                        header.clone(),
                        Some(note.clone().map_or(split_note.clone(), |n| format!("{n}，{split_note}"))),
                    ));
                }
            }
            None => match work.iter_mut().find(|w| w.0.key == f.key) {
                // a split has already given this field: the column's own cell joins it
                Some(w) if !cell.is_blank() => w.1 = Cell::Text(format!("{}、{}", cell.display(), w.1.display())),
                Some(_) => {}
                None => work.push((f, cell, header.clone(), note)),
            },
        }
    }
    work
}

/// Reads the row's cells into values, keeping what was written and the errors.
fn parse_row(sheet: &Sheet, rownum: u32, work: &[RowCell]) -> ParsedRow {
    let mut pr = ParsedRow {
        row: rownum,
        sheet: sheet.name.clone(),
        values: BTreeMap::new(),
        errors: vec![],
        raw: BTreeMap::new(),
        read: BTreeMap::new(),
        notes: BTreeMap::new(),
    };
    for (f, cell, header, note) in work {
        let f = *f;
        if !cell.is_blank() {
            pr.raw.insert(f.key, cell.display());
            if let Some(n) = note {
                pr.notes.insert(f.key, n.clone());
            }
        }
        match parse_cell(f, cell) {
            Ok(Some(v)) => {
                let text = v.text();
                if pr.raw.get(f.key).is_some_and(|raw| *raw != text) {
                    pr.read.insert(f.key, text);
                }
                pr.values.insert(f.key, v);
            }
            Ok(None) if f.required => pr.errors.push(RowError {
                sheet: sheet.name.clone(),
                row: rownum as i64,
                column: header.clone(),
                message: format!("第{rownum}行「{header}」不能为空"),
            }),
            Ok(None) => {}
            Err(why) => pr.errors.push(RowError {
                sheet: sheet.name.clone(),
                row: rownum as i64,
                column: header.clone(),
                message: format!("第{rownum}行「{header}」{why}"),
            }),
        }
    }
    pr
}

/// A cell that names two things under their labels, as offices write them in one column:
/// 「县交通运输局（主办）、县财政局（协办）」 or 「主办：…；协办：…」 in 承办单位; 「张三（领衔）、李四、王五」 in
/// 领衔代表; 「满意（工作）/基本满意（结果）」 in 满意度. `None` when the cell is a single value (or the
/// table has nowhere to put the parts).
pub fn split_combined(spec: &TableSpec, key: &str, text: &str) -> Option<Vec<(&'static str, String)>> {
    let has = |k: &str| spec.fields.iter().any(|f| f.key == k);
    let t = to_half_width(text);
    let t = t.trim();
    match key {
        "main_unit" if has("co_units") && (t.contains("主办") || t.contains("协办")) => split_units(t),
        "lead" if has("cosigners") && (t.contains("领衔") || combined_items(t).len() > 1) => split_lead(t),
        "satisfaction" if has("satisfaction_work") && (t.contains("工作") || t.contains("结果")) => {
            split_satisfaction(t)
        }
        _ => None,
    }
}

/// An item and its label: 「县财政局(协办)」 → (县财政局, 协办); 「主办:县交通运输局」 → (县交通运输局, 主办).
fn label_of(item: &str) -> (String, Option<String>) {
    let item = item.trim();
    if let Some((name, rest)) = item.split_once('(') {
        return (name.trim().to_string(), Some(rest.trim_end_matches(')').trim().to_string()));
    }
    if let Some((label, name)) = item.split_once(':') {
        return (name.trim().to_string(), Some(label.trim().to_string()));
    }
    (item.to_string(), None)
}

/// The items of a (half-width) cell that lists several.
fn combined_items(t: &str) -> Vec<String> {
    t.split(['、', ',', ';', '，', '；', '\n']).map(str::trim).filter(|p| !p.is_empty()).map(str::to_string).collect()
}

/// 承办单位 as 主办 and 协办; `None` unless exactly one 主办.
fn split_units(t: &str) -> Option<Vec<(&'static str, String)>> {
    let (mut main, mut co) = (Vec::new(), Vec::new());
    // 「主办：A；协办：B、C」: a label applies to the names after it
    let mut current: Option<bool> = None;
    for seg in t.split([';', '；', '\n']) {
        for (i, it) in combined_items(seg).into_iter().enumerate() {
            let (name, label) = label_of(&it);
            let is_main = match label.as_deref() {
                Some(l) if l.contains("主办") || l == "主" || l.contains("牵头") => Some(true),
                Some(l) if l.contains("协办") || l == "协" || l.contains("会办") => Some(false),
                _ => None,
            };
            if i == 0 || is_main.is_some() {
                current = is_main.or(current);
            }
            let name = name.trim_start_matches("主办").trim_start_matches("协办").trim().to_string();
            if name.is_empty() {
                continue;
            }
            match is_main.or(current) {
                Some(false) => co.push(name),
                _ if main.is_empty() => main.push(name),
                _ => co.push(name),
            }
        }
    }
    let mut out = vec![("main_unit", main.join("、"))];
    if !co.is_empty() {
        out.push(("co_units", co.join("、")));
    }
    (main.len() == 1).then_some(out)
}

/// 领衔代表 and the others; the first named leads when none is labelled.
fn split_lead(t: &str) -> Option<Vec<(&'static str, String)>> {
    let names = combined_items(t);
    let mut lead = None;
    let mut others = Vec::new();
    for it in &names {
        let (name, label) = label_of(it);
        if label.is_some_and(|l| l.contains("领衔")) && lead.is_none() {
            lead = Some(name);
        } else {
            others.push(name);
        }
    }
    if lead.is_none() && !others.is_empty() {
        lead = Some(others.remove(0));
    }
    let mut out = vec![("lead", lead?)];
    if !others.is_empty() {
        out.push(("cosigners", others.join("、")));
    }
    Some(out)
}

/// 满意度 of the work and of the result; `None` when a part is not labelled.
fn split_satisfaction(t: &str) -> Option<Vec<(&'static str, String)>> {
    let (mut work, mut result) = (None, None);
    for it in t.split(['/', '、', ',', ';', '，', '；']) {
        let (value, label) = label_of(it);
        match label.as_deref() {
            Some(l) if l.contains("工作") => work = Some(value),
            Some(l) if l.contains("结果") => result = Some(value),
            _ => return None,
        }
    }
    let mut out = vec![];
    if let Some(r) = result {
        out.push(("satisfaction", r));
    }
    if let Some(w) = work {
        out.push(("satisfaction_work", w));
    }
    Some(out)
}

/// Parses one cell for one field. `Ok(None)` = empty; `Err` = a Chinese reason that follows
/// 第N行「列名」 in the message.
pub fn parse_cell(f: &Field, cell: &Cell) -> std::result::Result<Option<FieldValue>, String> {
    if cell.is_blank() {
        return Ok(None);
    }
    if *cell == Cell::Error {
        return Err("是公式错误值（如 #N/A、#REF!），请改为实际内容".into());
    }
    // the same length and character rule as a form field; messages quote at most 50 characters
    let checked = crate::fields::check_text(f.key, &clean(&cell.text()).unwrap_or_default())?;
    let text = || checked.clone();
    let q = || crate::fields::quote(&checked);
    let v = match f.kind {
        Kind::Text => FieldValue::Text(checked),
        Kind::Name => FieldValue::Text(normalize_name(&text())),
        Kind::Code => FieldValue::Text(text().replace(' ', "")),
        Kind::Int => match cell {
            Cell::Number(n) if n.fract() == 0.0 => FieldValue::Int(*n as i64),
            _ => FieldValue::Int(text().parse().map_err(|_| format!("应为整数：{}", q()))?),
        },
        Kind::Month => FieldValue::Text(match cell {
            Cell::Date(d) => {
                let day = serial_to_date(*d).ok_or_else(|| format!("无法识别：{}", q()))?;
                read_month(&day.format("%Y-%m-%d").to_string()).map_err(|why| format!("无法识别：{}（{why}）", q()))?
            }
            // 1975.03 typed into a number cell; 1975.1 is how Excel keeps 1975.10
            Cell::Number(n) if n.fract() != 0.0 => {
                read_month(&format!("{n:.2}")).map_err(|why| format!("无法识别：{}（{why}）", number_text(*n)))?
            }
            _ => read_month(&text()).map_err(|why| format!("无法识别：{}（{why}）", q()))?,
        }),
        Kind::Date => FieldValue::Text(match cell {
            Cell::Date(d) | Cell::Number(d) if *d > 1000.0 && *d < 100_000.0 => {
                serial_to_date(*d).map(|d| d.to_string()).ok_or_else(|| format!("无法识别：{}", q()))?
            }
            _ => parse_date(&text()).ok_or_else(|| format!("无法识别：{}", q()))?,
        }),
        Kind::Phone => {
            let t = match cell {
                Cell::Number(n) => number_text(*n),
                _ => text(),
            };
            if t.contains('*') {
                return Err(format!(
                    "是隐去了部分数字的号码（{t}），无法还原。请用未隐去个人信息的原表导入（“设置”中可关闭导出时隐去）"
                ));
            }
            FieldValue::Text(read_phone(&t).map(|(p, _)| p).map_err(|why| format!("不是有效的电话号码：{t}（{why}）"))?)
        }
        Kind::IdNumber => match cell {
            Cell::Number(n) if n.abs() >= 1e14 => {
                return Err(format!(
                    "以数字格式保存，末几位已被 Excel 改成 0（{}），无法还原。请把该列设为“文本”格式后重新填写身份证号",
                    number_text(*n)
                ))
            }
            _ => FieldValue::Text(normalize_id_number(&text()).map_err(|why| format!("「{}」{why}", q()))?),
        },
        Kind::Choice(options) => {
            let t = text();
            let n = normalize_header(&t);
            let found = options
                .iter()
                .find(|(canon, syn)| normalize_header(canon) == n || syn.iter().any(|s| normalize_header(s) == n));
            match found {
                Some((canon, _)) => FieldValue::Text(canon.to_string()),
                None => {
                    return Err(format!(
                        "无法识别：{}（可填：{}）",
                        crate::fields::quote(&t),
                        options.iter().map(|(c, _)| *c).collect::<Vec<_>>().join("、")
                    ))
                }
            }
        }
        Kind::List => FieldValue::List(split_list(&text())),
    };
    Ok(Some(v))
}

/// `县级、乡级` / `张三，李四; 王五` → items.
/// Spaces separate items too, except inside a padded two-character name (`张　三` is one person):
/// a space-separated piece of a single character means padding, not a list.
pub fn split_list(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in to_half_width(s).split(['、', '，', ',', ';', '；', '/', '|']) {
        let words: Vec<&str> = part.split_whitespace().collect();
        if words.len() > 1 && words.iter().any(|w| w.chars().count() == 1) {
            out.push(words.concat());
        } else {
            out.extend(words.into_iter().map(str::to_string));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_compare_loosely() {
        assert_eq!(normalize_header(" 出生年月\n（如1975.03）* "), "出生年月");
        assert_eq!(normalize_header("姓　名"), "姓名");
    }

    #[test]
    fn numbers_that_lost_digits_are_refused() {
        let f = Field::new("id_number", "身份证号", &[], Kind::IdNumber);
        let err = parse_cell(&f, &Cell::Number(110105194912310000.0)).unwrap_err();
        assert!(err.contains("文本"), "{err}");
        let phone = Field::new("phone", "联系电话", &[], Kind::Phone);
        assert_eq!(
            parse_cell(&phone, &Cell::Number(13812345678.0)).unwrap(),
            Some(FieldValue::Text("13812345678".into()))
        );
        let month = Field::new("m", "出生年月", &[], Kind::Month);
        assert_eq!(parse_cell(&month, &Cell::Number(1975.1)).unwrap(), Some(FieldValue::Text("1975-10".into())));
        assert_eq!(parse_cell(&month, &Cell::Number(1975.03)).unwrap(), Some(FieldValue::Text("1975-03".into())));
        assert_eq!(parse_cell(&month, &Cell::Date(27454.0)).unwrap(), Some(FieldValue::Text("1975-03".into())));
    }

    #[test]
    fn lists_split_on_every_separator() {
        assert_eq!(split_list("县级、乡级"), ["县级", "乡级"]);
        assert_eq!(split_list("张三，李四; 王五　赵六"), ["张三", "李四", "王五", "赵六"]);
        assert_eq!(split_list("张　三、李　四"), ["张三", "李四"], "padded names stay whole");
        assert_eq!(split_list("张　三"), ["张三"]);
    }
}
