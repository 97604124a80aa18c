//! Checks made on a spreadsheet's bytes before calamine parses it, against the budgets of
//! `limits`: calamine trusts the sizes a file declares (it reserves memory for them, and a failed
//! allocation aborts the process, which no `catch_unwind` can stop), so a file whose declared or
//! real size is beyond the budget must be refused before it is opened.

use std::io::{BufReader, Cursor, Read};

use quick_xml::events::Event;

use super::limits::*;

/// What the bytes are, as far as the reader is concerned.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Format {
    Xlsx,
    Ods,
    Xls,
}

type Check<T> = std::result::Result<T, String>;

pub fn damaged(detail: impl std::fmt::Display) -> String {
    // a library's own words are English: the user gets the reason in Chinese instead
    let text = detail.to_string();
    let reason = if text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        crate::fields::quote(&text)
    } else {
        crate::error::sheet_reason(&text).to_string()
    };
    format!("文件已损坏，无法读取（{reason}）。请用 Excel 或 WPS 打开后另存为 .xlsx 再试")
}

/// Recognises the container by its first bytes and checks it against the budgets.
pub fn check(bytes: &[u8]) -> Check<Format> {
    if bytes.is_empty() {
        return Err("文件是空的（0字节）。请确认选择了正确的文件".into());
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!("文件超过{}MB，请拆分后导入", MAX_FILE_BYTES >> 20));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return check_zip(bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        check_xls(bytes)?;
        return Ok(Format::Xls);
    }
    Err(not_a_spreadsheet(bytes))
}

fn not_a_spreadsheet(bytes: &[u8]) -> String {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)])
        .trim_start_matches('\u{FEFF}')
        .trim_start()
        .to_lowercase();
    let what = if head.starts_with('<') {
        "这是网页（HTML/XML）文件，不是可识别的 Excel 表格"
    } else if std::str::from_utf8(&bytes[..bytes.len().min(4096)]).is_ok() {
        "这是纯文本（如 CSV）文件，不是可识别的 Excel 表格"
    } else {
        "它不是可识别的 Excel 表格"
    };
    format!("{what}（支持 .xlsx、.xls、.ods，以及 WPS 保存的这几种格式）。请用 Excel 或 WPS 打开后另存为 .xlsx 再试")
}

/// Entry count, each entry's and the total uncompressed size, the compression ratio; then which
/// of the two zip formats it is (an .ods also gets its cells counted).
fn check_zip(bytes: &[u8]) -> Check<Format> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(format!("文件内部包含{}个部件，超过{}个的上限，可能是伪造的文件", zip.len(), MAX_ZIP_ENTRIES));
    }
    let (mut total, mut packed, mut ods, mut xlsx) = (0u64, 0u64, false, false);
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(damaged)?;
        let name = entry.name().to_string();
        let limit = if name.ends_with("sharedStrings.xml") { MAX_SHARED_STRINGS_BYTES } else { MAX_ENTRY_BYTES };
        if entry.size() > limit {
            return Err(format!(
                "文件中的「{}」解压后有{}MB，超过{}MB的上限，请拆分后导入",
                crate::fields::quote(&name),
                entry.size() >> 20,
                limit >> 20
            ));
        }
        total += entry.size();
        packed += entry.compressed_size();
        xlsx |= name == "xl/workbook.xml" || name == "xl/workbook.bin";
        ods |= name == "content.xml";
    }
    if total > MAX_TOTAL_BYTES || (total > RATIO_CHECK_ABOVE && total / packed.max(1) > MAX_COMPRESSION_RATIO) {
        return Err(format!("文件解压后有{}MB（压缩比过高），可能是恶意构造的压缩包，已拒绝读取", total >> 20));
    }
    check_real_sizes(&mut zip)?;
    if xlsx {
        Ok(Format::Xlsx)
    } else if ods {
        let content = zip.by_name("content.xml").map_err(damaged)?;
        check_ods_content(BufReader::new(content))?;
        Ok(Format::Ods)
    } else {
        Err("这是一个压缩包（如 .zip、.docx），不是 Excel 表格。请选择 .xlsx、.xls 或 .ods 文件".into())
    }
}

/// The sizes above are what the archive declares; calamine, and `check_ods_content` below, read
/// each part until its compressed data ends, whatever was declared. So every part is inflated
/// here first, into a small buffer that is counted and dropped, and refused the moment it passes
/// its declared size: a part that declares a few KB and inflates to gigabytes costs a few KB of
/// work, and from here on every declared size — the budgets above — is an upper bound of the real.
fn check_real_sizes(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Check<()> {
    let mut buf = vec![0u8; 64 << 10];
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(damaged)?;
        let declared = entry.size();
        let mut real = 0u64;
        loop {
            let n = entry.read(&mut buf).map_err(damaged)?;
            if n == 0 {
                break;
            }
            real = real.saturating_add(n as u64);
            if real > declared {
                return Err(format!(
                    "文件中的「{}」解压后超过它声明的大小（{}字节），是伪造或损坏的压缩包，已拒绝读取",
                    crate::fields::quote(entry.name()),
                    declared
                ));
            }
        }
    }
    Ok(())
}

/// An .ods writes repeated cells and rows as counts (`number-columns-repeated="16384"`), which
/// calamine expands: the sheet's real extent is measured here from those counts. Empty rows count
/// only between rows that hold something, as calamine keeps them: LibreOffice ends every sheet it
/// saves with an empty row repeated to the last of its 1,048,576, which holds no cell at all.
fn check_ods_content(input: impl std::io::BufRead) -> Check<()> {
    let mut xml = quick_xml::Reader::from_reader(input);
    let mut buf = Vec::new();
    let mut table = OdsExtent::default();
    let mut total = 0usize;
    let repeat = |e: &quick_xml::events::BytesStart, key: &[u8]| -> usize {
        e.try_get_attribute(key)
            .ok()
            .flatten()
            .and_then(|a| std::str::from_utf8(&a.value).ok()?.parse().ok())
            .unwrap_or(1)
    };
    loop {
        match xml.read_event_into(&mut buf).map_err(damaged)? {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == b"table:table" => table = OdsExtent::default(),
            Event::End(e) if e.name().as_ref() == b"table:table" => total = total.saturating_add(table.cells()),
            Event::Start(e) if e.name().as_ref() == b"table:table-row" => {
                table.start_row(repeat(&e, b"table:number-rows-repeated"))
            }
            Event::Start(e) | Event::Empty(e)
                if matches!(e.name().as_ref(), b"table:table-cell" | b"table:covered-table-cell") =>
            {
                let holds_value = e.try_get_attribute(b"office:value-type").ok().flatten().is_some();
                table.cell(repeat(&e, b"table:number-columns-repeated"), holds_value);
            }
            Event::End(e) if e.name().as_ref() == b"table:table-row" => table.end_row()?,
            _ => {}
        }
        if total.saturating_add(table.cells()) > MAX_CELLS {
            return Err(too_many_cells());
        }
        buf.clear();
    }
    Ok(())
}

/// One .ods table as calamine will hold it: from its first row that holds a value to its last,
/// as wide as its widest such row.
#[derive(Default)]
struct OdsExtent {
    height: usize,
    width: usize,
    /// empty rows since the last row that holds a value (kept only if another such row follows)
    empty_rows: usize,
    row_repeat: usize,
    /// columns so far in this row, and up to its last cell that holds a value
    row_cells: usize,
    row_width: usize,
}

impl OdsExtent {
    fn cells(&self) -> usize {
        self.height.saturating_mul(self.width)
    }

    fn start_row(&mut self, repeat: usize) {
        (self.row_cells, self.row_width, self.row_repeat) = (0, 0, repeat);
    }

    fn cell(&mut self, repeat: usize, holds_value: bool) {
        self.row_cells = self.row_cells.saturating_add(repeat);
        if holds_value {
            self.row_width = self.row_cells;
        }
    }

    fn end_row(&mut self) -> Check<()> {
        if self.row_width == 0 {
            if self.height > 0 {
                self.empty_rows = self.empty_rows.saturating_add(self.row_repeat);
            }
            return Ok(());
        }
        if self.row_width > MAX_COLUMNS {
            return Err(too_many_columns());
        }
        self.height = self.height.saturating_add(self.empty_rows).saturating_add(self.row_repeat);
        self.empty_rows = 0;
        self.width = self.width.max(self.row_width);
        if self.height > MAX_ROWS {
            return Err(too_many_rows());
        }
        Ok(())
    }
}

/// A BIFF (.xls) workbook: the sheets, the declared dimensions (calamine reserves memory for
/// them) and the real extent of each sheet's cells, read from the records.
fn check_xls(bytes: &[u8]) -> Check<()> {
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(damaged)?;
    let name = ["/Workbook", "/Book", "/WORKBOOK", "/BOOK"]
        .into_iter()
        .find(|n| cf.is_stream(n))
        .ok_or_else(|| damaged("缺少工作簿数据流"))?;
    let mut data = Vec::new();
    cf.open_stream(name).map_err(damaged)?.take(MAX_FILE_BYTES as u64).read_to_end(&mut data).map_err(damaged)?;
    let mut scan = XlsScan::default();
    let mut pos = 0;
    while pos + 4 <= data.len() {
        let typ = u16::from_le_bytes([data[pos], data[pos + 1]]);
        let len = u16::from_le_bytes([data[pos + 2], data[pos + 3]]) as usize;
        let rec = data.get(pos + 4..pos + 4 + len).ok_or_else(|| damaged("记录被截断"))?;
        scan.record(typ, rec)?;
        pos += 4 + len;
    }
    Ok(())
}

#[derive(Default)]
struct XlsScan {
    sheets: usize,
    cells: usize,
    extent: Option<(u32, u32, u32, u32)>,
}

impl XlsScan {
    fn record(&mut self, typ: u16, rec: &[u8]) -> Check<()> {
        let u16_at = |i: usize| rec.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]) as u32);
        let u32_at = |i: usize| rec.get(i..i + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        match typ {
            0x0809 => {
                self.sheets += 1;
                self.extent = None;
                if self.sheets > MAX_SHEETS + 1 {
                    return Err(too_many_sheets(self.sheets - 1));
                }
            }
            0x000A => self.end_sheet()?,
            // DIMENSIONS: calamine reserves rows × columns cells from it
            0x0200 => {
                let (rows, cols) = match rec.len() {
                    14 => (
                        u32_at(4).unwrap_or(0).saturating_sub(u32_at(0).unwrap_or(0)),
                        u16_at(10).unwrap_or(0).saturating_sub(u16_at(8).unwrap_or(0)),
                    ),
                    _ => (
                        u16_at(2).unwrap_or(0).saturating_sub(u16_at(0).unwrap_or(0)),
                        u16_at(6).unwrap_or(0).saturating_sub(u16_at(4).unwrap_or(0)),
                    ),
                };
                if (rows as usize).saturating_mul(cols as usize) > MAX_CELLS {
                    return Err(format!("{}（文件声明的范围为{rows}行×{cols}列）", too_many_cells()));
                }
            }
            // SST: calamine reads the declared count of strings
            0x00FC if u32_at(4).unwrap_or(0) as usize > MAX_CELLS => return Err(too_many_cells()),
            // cell records start with (row, column); MULRK ends with its last column (blanks are skipped)
            0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD | 0x0006 | 0x00BD => {
                let (Some(row), Some(first)) = (u16_at(0), u16_at(2)) else {
                    return Err(damaged("单元格记录不完整"));
                };
                let last = if typ == 0x00BD { u16_at(rec.len().saturating_sub(2)).unwrap_or(first) } else { first };
                let (r0, r1, c0, c1) = self.extent.unwrap_or((row, row, first, last));
                self.extent = Some((r0.min(row), r1.max(row), c0.min(first), c1.max(last)));
            }
            _ => {}
        }
        Ok(())
    }

    /// calamine makes one rectangle of each sheet's cells: its area is what memory holds.
    fn end_sheet(&mut self) -> Check<()> {
        if let Some((r0, r1, c0, c1)) = self.extent.take() {
            let (rows, cols) = ((r1 - r0 + 1) as usize, (c1.saturating_sub(c0) + 1) as usize);
            if rows > MAX_ROWS {
                return Err(too_many_rows());
            }
            if c1 as usize >= MAX_COLUMNS {
                return Err(too_many_columns());
            }
            self.cells = self.cells.saturating_add(rows * cols);
            if self.cells > MAX_CELLS {
                return Err(too_many_cells());
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_zip_bomb_is_refused_by_its_ratio() {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opt = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        w.start_file("xl/workbook.xml", opt).unwrap();
        w.write_all(&vec![b' '; 30 << 20]).unwrap();
        let bytes = w.finish().unwrap().into_inner();
        let why = check(&bytes).unwrap_err();
        assert!(why.contains("压缩比过高"), "{why} ({} bytes)", bytes.len());
    }
}
