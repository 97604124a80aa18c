//! The budgets every spreadsheet is read within — one place, so that a hostile or broken file
//! (a zip bomb, a sheet declaring a million rows, a 100 MB cell) ends in a clear Chinese message
//! instead of exhausting the machine. The figures leave a real county roster room to spare:
//! a 100,000-row, 25-column roster is 2.5 M cells, ~15 MB of xlsx, ~90 MB of sheet XML and
//! ~25 MB of shared strings — half of each budget or less. Peak memory stays under ~300 MB.

/// Largest file accepted at all (bytes as uploaded).
pub const MAX_FILE_BYTES: usize = 100 << 20;

/// Zip containers (.xlsx, .ods): entries in the archive.
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// Zip containers: the uncompressed size of one entry (a sheet's XML).
pub const MAX_ENTRY_BYTES: u64 = 400 << 20;
/// Zip containers: the uncompressed size of the shared strings, which calamine keeps in memory.
pub const MAX_SHARED_STRINGS_BYTES: u64 = 64 << 20;
/// Zip containers: the uncompressed size of all entries together.
pub const MAX_TOTAL_BYTES: u64 = 1 << 30;
/// Zip containers: uncompressed ÷ compressed above this, for an archive above
/// `RATIO_CHECK_ABOVE` bytes, is a zip bomb (real workbooks compress 5–20×; sheets of one
/// repeated value ~100×).
pub const MAX_COMPRESSION_RATIO: u64 = 200;
pub const RATIO_CHECK_ABOVE: u64 = 20 << 20;

/// Worksheets in one workbook.
pub const MAX_SHEETS: usize = 200;
/// Rows of one sheet (counted as rows that really hold a cell, not as declared).
pub const MAX_ROWS: usize = 200_000;
/// Columns: a cell further right than this refuses the sheet.
pub const MAX_COLUMNS: usize = 1_000;
/// Cells held in memory for the whole workbook (blank padding included).
pub const MAX_CELLS: usize = 6_000_000;
/// Characters in a sheet's name (Excel allows 31).
pub const MAX_SHEET_NAME_CHARS: usize = 100;
/// Characters in one cell: Excel's own limit; anything longer was not written by Excel.
pub const MAX_CELL_CHARS: usize = 32_767;

/// The message for a sheet with too many rows, naming the limit.
pub fn too_many_rows() -> String {
    format!("表格超过{}万行，请拆分后导入", MAX_ROWS / 10_000)
}

pub fn too_many_columns() -> String {
    format!("表格超过{MAX_COLUMNS}列，请删去多余的列后再导入")
}

pub fn too_many_sheets(n: usize) -> String {
    format!("工作簿中有{n}个工作表，超过{MAX_SHEETS}个的上限。请只保留要导入的工作表后再导入")
}

pub fn too_many_cells() -> String {
    format!("表格内容过多（超过{}万个单元格），请拆分后导入", MAX_CELLS / 10_000)
}
