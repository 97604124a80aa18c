//! Reading any workbook the office receives (.xlsx, .xls, .ods, WPS-saved) into plain cells,
//! keeping each cell's real Excel row number for error messages.

use std::io::Cursor;

use std::collections::BTreeMap;

use calamine::{open_workbook_auto_from_rs, Data, DataRef, Reader, Xlsx};

use super::guard;
use super::limits::*;

pub use super::cells::{column_letter, number_text, serial_to_date, Cell, Sheet};
use crate::error::{Error, Result};

/// At most this many merged ranges are applied per sheet (a real sheet has a few hundred).
const MAX_MERGES: usize = 50_000;
/// At most this many cells are looked at to fill merged ranges, over a whole workbook's sheet
/// (a real sheet fills a few thousand): a file whose ranges cover more is refused, quickly.
const MAX_MERGE_FILL: usize = 1_000_000;

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

/// Reads every sheet of a workbook given as bytes, within the budgets of `limits`. `file_name` is
/// only for messages. A panic inside calamine (a forged index, a truncated record) is caught here
/// and reported as a damaged file.
pub fn read_workbook(bytes: &[u8], file_name: &str) -> Result<Vec<Sheet>> {
    let read = std::panic::AssertUnwindSafe(|| -> std::result::Result<Vec<Sheet>, String> {
        match guard::check(bytes) {
            Ok(guard::Format::Xlsx) => read_xlsx(bytes),
            Ok(_) => read_other(bytes),
            // the ".xls" web systems export: an HTML table, within the same size budget
            Err(_) if bytes.len() <= MAX_FILE_BYTES && super::html::is_html_table(bytes) => {
                super::html::read_html(bytes)
            }
            Err(e) => Err(e),
        }
    });
    let outcome =
        std::panic::catch_unwind(read).unwrap_or_else(|p| Err(guard::damaged(crate::error::panic_text(p.as_ref()))));
    outcome.map_err(|why| Error::BadFile(format!("无法读取文件「{}」：{why}。", crate::fields::quote(file_name))))
}

/// One sheet's cells as they arrive, sized by the cells really present (never by the dimension
/// the file declares), refused as soon as a budget is passed.
#[derive(Default)]
struct SheetCells {
    rows: BTreeMap<u32, Vec<Cell>>,
}

impl SheetCells {
    fn put(&mut self, row: u32, col: u32, value: Cell, budget: &mut usize) -> std::result::Result<(), String> {
        // blank cells are not kept: a styled but empty column far to the right is not a column
        if value.is_blank() {
            return Ok(());
        }
        if col as usize >= MAX_COLUMNS {
            return Err(too_many_columns());
        }
        if let Cell::Text(t) = &value {
            if t.len() > MAX_CELL_CHARS && t.chars().count() > MAX_CELL_CHARS {
                return Err(format!(
                    "第{}行{}列的内容超过{MAX_CELL_CHARS}个字（Excel 单元格的上限），文件可能已损坏或被改动",
                    row + 1,
                    column_letter(col as usize)
                ));
            }
        }
        let cells = self.rows.entry(row).or_default();
        if cells.len() <= col as usize {
            let grow = col as usize + 1 - cells.len();
            *budget = budget.checked_sub(grow).ok_or_else(too_many_cells)?;
            cells.resize(col as usize + 1, Cell::Empty);
        }
        cells[col as usize] = value;
        if self.rows.len() > MAX_ROWS {
            return Err(too_many_rows());
        }
        Ok(())
    }

    /// Copies the value of each merged range's top-left cell into the other cells of the range,
    /// as the sheet shows it, within the rows and columns that hold something (a range declared
    /// over the whole sheet costs no more than the cells present) and within the cell budget.
    fn fill_merges(
        &mut self,
        merges: &[(u32, u32, u32, u32)],
        budget: &mut usize,
    ) -> std::result::Result<std::collections::HashSet<(u32, usize)>, String> {
        let mut filled = std::collections::HashSet::new();
        let Some(&last_row) = self.rows.keys().next_back() else { return Ok(filled) };
        let last_col = self.rows.values().map(|c| c.len() as u32).max().unwrap_or(0).saturating_sub(1);
        // cells looked at, over all the ranges: ranges laid over each other many times are refused
        let mut work = MAX_MERGE_FILL;
        for &(r0, c0, r1, c1) in merges.iter().take(MAX_MERGES) {
            let Some(value) = self.rows.get(&r0).and_then(|c| c.get(c0 as usize)).filter(|v| !v.is_blank()).cloned()
            else {
                continue;
            };
            for r in r0..=r1.min(last_row) {
                for c in c0..=c1.min(last_col.max(c0)) {
                    work = work.checked_sub(1).ok_or_else(|| guard::damaged("合并单元格过多或相互重叠"))?;
                    if (r, c) == (r0, c0)
                        || self.rows.get(&r).and_then(|cells| cells.get(c as usize)).is_some_and(|v| !v.is_blank())
                    {
                        continue;
                    }
                    self.put(r, c, value.clone(), budget)?;
                    filled.insert((r + 1, c as usize));
                }
            }
        }
        Ok(filled)
    }

    fn into_sheet(self, name: String, merged: std::collections::HashSet<(u32, usize)>) -> Sheet {
        Sheet { name, rows: self.rows.into_iter().map(|(r, cells)| (r + 1, cells)).collect(), merged }
    }
}

fn cell_ref(d: &DataRef) -> Cell {
    match d {
        DataRef::SharedString(s) => Cell::Text(s.to_string()),
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::Empty => Cell::Empty,
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) if dt.is_datetime() => Cell::Date(dt.as_f64()),
        DataRef::DateTime(dt) => Cell::Number(dt.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(_) => Cell::Error,
    }
}

/// Sheet count, and names no longer than Excel allows (31 characters; a little slack for other
/// programs): every row error repeats its sheet's name.
fn check_sheet_names(names: &[String]) -> std::result::Result<(), String> {
    if names.len() > MAX_SHEETS {
        return Err(too_many_sheets(names.len()));
    }
    match names.iter().find(|n| n.chars().count() > MAX_SHEET_NAME_CHARS) {
        Some(n) => Err(guard::damaged(format!("工作表名称过长：{}", crate::fields::quote(n)))),
        None => Ok(()),
    }
}

/// .xlsx: streamed cell by cell, so that a declared dimension of A1:XFD1048576 costs nothing.
fn read_xlsx(bytes: &[u8]) -> std::result::Result<Vec<Sheet>, String> {
    let mut wb = Xlsx::new(Cursor::new(bytes)).map_err(guard::damaged)?;
    let names = wb.sheet_names().to_vec();
    check_sheet_names(&names)?;
    // a file whose merge list cannot be read is still read, as stored
    let merges_ok = wb.load_merged_regions().is_ok();
    let mut budget = MAX_CELLS;
    let mut sheets = Vec::new();
    for name in names {
        let Ok(mut reader) = wb.worksheet_cells_reader(&name) else {
            continue; // chart sheets and the like hold no table
        };
        let mut cells = SheetCells::default();
        while let Some(c) = reader.next_cell().map_err(guard::damaged)? {
            let (row, col) = c.get_position();
            cells.put(row, col, cell_ref(c.get_value()), &mut budget)?;
        }
        drop(reader);
        let merges: Vec<(u32, u32, u32, u32)> = if merges_ok {
            wb.merged_regions_by_sheet(&name).iter().map(|(_, _, d)| (d.start.0, d.start.1, d.end.0, d.end.1)).collect()
        } else {
            vec![]
        };
        let merged = cells.fill_merges(&merges, &mut budget)?;
        sheets.push(cells.into_sheet(name, merged));
    }
    Ok(sheets)
}

/// .xls and .ods: calamine reads them whole; `guard` has measured them against the budgets first.
fn read_other(bytes: &[u8]) -> std::result::Result<Vec<Sheet>, String> {
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(guard::damaged)?;
    let names = wb.sheet_names().to_vec();
    check_sheet_names(&names)?;
    let mut budget = MAX_CELLS;
    let mut sheets = Vec::new();
    for name in names {
        let Ok(range) = wb.worksheet_range(&name) else { continue };
        let merges: Vec<(u32, u32, u32, u32)> = match &wb {
            calamine::Sheets::Xls(xls) => xls
                .worksheet_merge_cells(&name)
                .unwrap_or_default()
                .iter()
                .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
                .collect(),
            _ => vec![],
        };
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let mut cells = SheetCells::default();
        for (i, r) in range.rows().enumerate() {
            for (j, d) in r.iter().enumerate() {
                cells.put(row0.saturating_add(i as u32), col0.saturating_add(j as u32), cell(d), &mut budget)?;
            }
        }
        let merged = cells.fill_merges(&merges, &mut budget)?;
        sheets.push(cells.into_sheet(name, merged));
    }
    Ok(sheets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_fill_within_the_cells_present_and_the_budget() {
        let mut cells = SheetCells::default();
        let mut budget = MAX_CELLS;
        cells.put(0, 0, Cell::Text("主办".into()), &mut budget).unwrap();
        cells.put(3, 1, Cell::Text("x".into()), &mut budget).unwrap();
        // a range declared over the whole sheet fills only up to the last row and column present
        let filled = cells.fill_merges(&[(0, 0, 1_048_575, 16_383)], &mut budget).unwrap();
        assert_eq!(filled.len(), 4 * 2 - 2);
        assert!(filled.contains(&(4, 0)) && !filled.contains(&(4, 1)));
        // ranges laid over each other a million times end quickly in a refusal
        let many = vec![(0u32, 0u32, 3u32, 1u32); MAX_MERGES];
        let mut big = SheetCells::default();
        let mut budget = MAX_CELLS;
        big.put(0, 0, Cell::Text("a".into()), &mut budget).unwrap();
        big.put(199_999, 999, Cell::Text("b".into()), &mut budget).unwrap();
        // whatever the ranges' area, the work stops at MAX_MERGE_FILL cells looked at or at the cell
        // budget, with a refusal (a count, not a clock, so a loaded machine cannot fail it)
        let wide = vec![(0u32, 0u32, 199_999u32, 999u32); MAX_MERGES];
        assert!(big.fill_merges(&wide, &mut budget).is_err());
        let mut small = SheetCells::default();
        small.put(0, 0, Cell::Text("a".into()), &mut budget).unwrap();
        assert!(small.fill_merges(&many, &mut budget).is_ok());
    }
}
