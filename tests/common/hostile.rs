//! The hostile spreadsheet corpus (see tests/fixtures/hostile/README.md), generated in memory at
//! test time so that no big or dangerous file is committed: zip bombs, declared-huge dimensions,
//! huge shared strings, out-of-range indexes, truncated and forged files, thousands of sheets,
//! files that are not spreadsheets at all — and a few real tables that must still preview.

use std::io::Write;

use zip::write::SimpleFileOptions;

/// (file name, bytes, holds a real table that must preview normally)
pub type Hostile = (String, Vec<u8>, bool);

const CT: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#;
const NS: &str = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

fn zip_of(entries: &[(String, Vec<u8>)], level: Option<i64>) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opt = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(level)
        .large_file(false);
    for (name, data) in entries {
        w.start_file(name.as_str(), opt).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A minimal .xlsx with the given sheet bodies (`<sheetData>…</sheetData>` and anything around it).
pub fn xlsx(sheets: &[String], shared: Option<&str>) -> Vec<u8> {
    xlsx_named(sheets, shared, |n| format!("表{n}"))
}

fn xlsx_named(sheets: &[String], shared: Option<&str>, sheet_name: impl Fn(usize) -> String) -> Vec<u8> {
    let mut wb = format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook {NS}><sheets>"#);
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    let mut entries = vec![("[Content_Types].xml".to_string(), CT.as_bytes().to_vec())];
    for (i, body) in sheets.iter().enumerate() {
        let n = i + 1;
        let name = sheet_name(n);
        wb.push_str(&format!(r#"<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>"#));
        rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#));
        entries.push((
            format!("xl/worksheets/sheet{n}.xml"),
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}>{body}</worksheet>"#).into_bytes(),
        ));
    }
    if let Some(sst) = shared {
        rels.push_str(r#"<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#);
        entries.push((
            "xl/sharedStrings.xml".into(),
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><sst {NS}>{sst}</sst>"#).into_bytes(),
        ));
    }
    wb.push_str("</sheets></workbook>");
    rels.push_str("</Relationships>");
    entries.push(("xl/workbook.xml".into(), wb.into_bytes()));
    entries.push(("xl/_rels/workbook.xml.rels".into(), rels.into_bytes()));
    zip_of(&entries, Some(6))
}

fn inline(r: usize, col: &str, text: &str) -> String {
    format!(r#"<c r="{col}{r}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// A real roster sheet: header and `n` people, as a sheet body.
fn roster_body(n: usize, dimension: &str) -> String {
    let mut s = format!(
        r#"<dimension ref="{dimension}"/><sheetData><row r="1">{}{}</row>"#,
        inline(1, "A", "姓名"),
        inline(1, "B", "代表层级")
    );
    for i in 0..n {
        let r = i + 2;
        s.push_str(&format!(r#"<row r="{r}">{}{}</row>"#, inline(r, "A", &format!("代表{i}")), inline(r, "B", "县级")));
    }
    s + "</sheetData>"
}

fn ods(content_body: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="表1">{content_body}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip_of(
        &[
            ("mimetype".into(), b"application/vnd.oasis.opendocument.spreadsheet".to_vec()),
            ("content.xml".into(), content.into_bytes()),
            ("META-INF/manifest.xml".into(), br#"<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>"#.to_vec()),
        ],
        Some(6),
    )
}

fn ods_cell(text: &str, repeat: u64) -> String {
    format!(
        r#"<table:table-cell table:number-columns-repeated="{repeat}" office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#
    )
}

fn real_xls() -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/roster-same-people.xls")).unwrap()
}

/// Overwrites the first BIFF record of type `typ` found in an .xls with `patch` at `offset` in its data.
fn patch_record(mut xls: Vec<u8>, typ: u16, len: u16, offset: usize, patch: &[u8]) -> Vec<u8> {
    // len 0: any length
    let sig = [typ.to_le_bytes(), len.to_le_bytes()].concat();
    let n = if len == 0 { 2 } else { 4 };
    if let Some(at) = xls.windows(n).position(|w| w == &sig[..n]) {
        let start = at + 4 + offset;
        xls[start..start + patch.len()].copy_from_slice(patch);
    }
    xls
}

/// Pseudo-random bytes from a fixed seed (xorshift): the same corpus on every run.
fn noise(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect()
}

pub fn corpus() -> Vec<Hostile> {
    let mut out: Vec<Hostile> = Vec::new();
    let mut add = |name: &str, bytes: Vec<u8>, real: bool| out.push((name.to_string(), bytes, real));
    let real = xlsx(&[roster_body(100, "A1:B101")], None);
    add("真名册.xlsx", real.clone(), true);
    add("声明A1-XFD1048576.xlsx", xlsx(&[roster_body(3, "A1:XFD1048576")], None), true);
    add("声明一百万行.xlsx", xlsx(&[roster_body(3, "A1:Z1000000")], None), true);
    add(
        "两角各一格.xlsx",
        xlsx(
            &[format!(
                "<sheetData><row r=\"1\">{}</row><row r=\"1048576\">{}</row></sheetData>",
                inline(1, "A", "姓名"),
                inline(1048576, "XFD", "x")
            )],
            None,
        ),
        false,
    );
    let wide: String = (0..16_384).map(|i| format!(r#"<c t="n"><v>{i}</v></c>"#)).collect();
    add("16384列.xlsx", xlsx(&[format!("<sheetData><row r=\"1\">{wide}</row></sheetData>")], None), false);
    let rows: String =
        (1..=1_000_000).map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="n"><v>{r}</v></c></row>"#)).collect();
    add("一百万行.xlsx", xlsx(&[format!("<sheetData>{rows}</sheetData>")], None), false);
    let rows: String =
        (1..=250_000).map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="n"><v>{r}</v></c></row>"#)).collect();
    add("25万行.xlsx", xlsx(&[format!("<sheetData>{rows}</sheetData>")], None), false);
    let sheet_s = |idx: &str| format!(r#"<sheetData><row r="1"><c r="A1" t="s"><v>{idx}</v></c></row></sheetData>"#);
    add(
        "超大共享字符串-重复.xlsx",
        xlsx(&[sheet_s("0")], Some(&format!("<si><t>{}</t></si>", "A".repeat(60_000_000)))),
        false,
    );
    let varied: String = noise(3_000_000, 7).iter().map(|b| char::from(b'a' + b % 26)).collect();
    add("超大共享字符串-300万字.xlsx", xlsx(&[sheet_s("0")], Some(&format!("<si><t>{varied}</t></si>"))), false);
    add("五百万个共享字符串.xlsx", xlsx(&[sheet_s("0")], Some(&"<si><t>x</t></si>".repeat(5_000_000))), false);
    add("共享字符串索引越界.xlsx", xlsx(&[sheet_s("99999")], Some("<si><t>姓名</t></si>")), false);
    add("共享字符串索引为负.xlsx", xlsx(&[sheet_s("-1")], Some("<si><t>姓名</t></si>")), false);
    add("共享字符串索引非数字.xlsx", xlsx(&[sheet_s("abc")], Some("<si><t>姓名</t></si>")), false);
    add(
        "百万字单元格.xlsx",
        xlsx(&[format!("<sheetData><row r=\"1\">{}</row></sheetData>", inline(1, "A", &"单".repeat(1_000_000)))], None),
        false,
    );
    add("截断一半.xlsx", real[..real.len() / 2].to_vec(), false);
    add("截断末尾.xlsx", real[..real.len() - 30].to_vec(), false);
    add("百万字工作表名.xlsx", xlsx_named(&[roster_body(3, "A1:B4")], None, |_| "名".repeat(1_000_000)), false);
    add("2000个工作表.xlsx", xlsx(&vec![roster_body(1, "A1:B2"); 2000], None), false);
    add("工作簿XML损坏.xlsx", zip_of(&[("xl/workbook.xml".into(), b"<workbook><sheets><sheet".to_vec())], None), false);
    add(
        "工作表XML不闭合.xlsx",
        xlsx(&["<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>姓名".into()], None),
        false,
    );
    add(
        "压缩炸弹-1亿个零.xlsx",
        zip_of(
            &[
                ("xl/worksheets/sheet1.xml".into(), vec![0u8; 100 << 20]),
                ("xl/workbook.xml".into(), b"<workbook/>".to_vec()),
            ],
            Some(1),
        ),
        false,
    );
    // whitespace is valid XML: without the ratio check calamine would read all 300 MB
    add("压缩炸弹-3亿个空格.xlsx", xlsx(&[format!("<sheetData>{}</sheetData>", " ".repeat(300 << 20))], None), false);
    let mut forged = real.clone();
    forge_zip_sizes(&mut forged);
    add("压缩包声明超大尺寸.xlsx", forged, false);
    // the reverse: a part that declares 2 KB and inflates to 2.2 GB
    add("部件声明2KB实为2GB.xlsx", lying_xlsx(2_200_000_000), false);
    add("部件声明2KB实为2GB.ods", lying_ods(2_200_000_000), false);
    add(
        "两万个部件.xlsx",
        zip_of(&(0..20_000).map(|i| (format!("x/{i}.xml"), Vec::new())).collect::<Vec<_>>(), Some(1)),
        false,
    );
    add("其实是docx.xlsx", zip_of(&[("word/document.xml".into(), b"<w:document/>".to_vec())], None), false);
    add(
        "ods-重复十亿列.ods",
        ods(&format!("<table:table-row>{}</table:table-row>", ods_cell("x", 1_000_000_000))),
        false,
    );
    add(
        "ods-重复千万行.ods",
        ods(&format!(
            r#"<table:table-row table:number-rows-repeated="10000000">{}</table:table-row>"#,
            ods_cell("x", 1)
        )),
        false,
    );
    add(
        "ods-真表.ods",
        ods(&format!(
            "<table:table-row>{}{}</table:table-row><table:table-row>{}{}</table:table-row>",
            ods_cell("姓名", 1),
            ods_cell("代表层级", 1),
            ods_cell("王某", 1),
            ods_cell("县级", 1)
        )),
        true,
    );
    let xls = real_xls();
    add("真名册.xls", xls.clone(), true);
    add("截断一半.xls", xls[..xls.len() / 2].to_vec(), false);
    add("截断到2KB.xls", xls[..2048.min(xls.len())].to_vec(), false);
    let mut scrambled = xls.clone();
    let mid = scrambled.len() / 2;
    scrambled[mid..mid + 1024.min(xls.len() - mid)].copy_from_slice(&noise(1024.min(xls.len() - mid), 3));
    add("中段乱码.xls", scrambled, false);
    add("声明超大范围.xls", patch_record(xls.clone(), 0x0200, 14, 4, &u32::MAX.to_le_bytes()), false);
    add("共享字符串数量伪造.xls", patch_record(xls.clone(), 0x00FC, 0, 4, &u32::MAX.to_le_bytes()), false);
    add("单元格在最远角.xls", patch_record(xls.clone(), 0x00FD, 10, 0, &[0xFF, 0xFF, 0xFF, 0x00]), false);
    add("CSV改名.xls", "姓名,代表层级\n王某,县级\n".as_bytes().to_vec(), false);
    add(
        "网页无表格.xls",
        "<html><head><meta charset=utf-8></head><body><p>没有表格</p></body></html>".as_bytes().to_vec(),
        false,
    );
    add(
        "网页有表格.xls",
        "<html><body><table><tr><td>姓名</td></tr><tr><td>王某</td></tr></table></body></html>".as_bytes().to_vec(),
        false,
    );
    add(
        "深度嵌套网页.xls",
        format!("<html>{}{}</html>", "<div>".repeat(200_000), "</div>".repeat(200_000)).into_bytes(),
        false,
    );
    add(
        "巨大网页.xls",
        format!("<html><table>{}</table></html>", "<tr><td>王某</td><td>县级</td></tr>".repeat(600_000)).into_bytes(),
        false,
    );
    add("空文件.xlsx", Vec::new(), false);
    add("随机字节.xlsx", noise(1 << 20, 11), false);
    add("PK开头的随机字节.xlsx", [b"PK\x03\x04".as_slice(), &noise(100_000, 5)].concat(), false);
    add(
        "OLE开头的随机字节.xls",
        [[0xD0u8, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1].as_slice(), &noise(100_000, 9)].concat(),
        false,
    );
    add("UTF-16文本.xls", "姓名\t层级\r\n王某\t县级".encode_utf16().flat_map(|u| u.to_le_bytes()).collect(), false);
    out
}

/// Rewrites every size field of a zip's central directory to 4 GB − 1: what a forged archive declares.
fn forge_zip_sizes(zip: &mut [u8]) {
    let mut i = 0;
    while i + 46 <= zip.len() {
        if zip[i..i + 4] == [0x50, 0x4B, 0x01, 0x02] {
            zip[i + 24..i + 28].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
            i += 46;
        } else {
            i += 1;
        }
    }
}

/// CRC-32 (IEEE), for the parts of a hand-made zip.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// Bits as deflate reads them: values least significant bit first, Huffman codes most significant
/// bit first.
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    fn put(&mut self, value: u64, count: u32) {
        self.acc |= value << self.n;
        self.n += count;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }
    fn code(&mut self, code: u64, len: u32) {
        let reversed = (0..len).fold(0, |r, i| r | (((code >> i) & 1) << (len - 1 - i)));
        self.put(reversed, len);
    }
    fn align(&mut self) {
        if self.n > 0 {
            self.put(0, 8 - self.n);
        }
    }
    /// A stored (uncompressed) block.
    fn stored(&mut self, data: &[u8], last: bool) {
        let chunks: Vec<&[u8]> = if data.is_empty() { vec![data] } else { data.chunks(65_535).collect() };
        let n = chunks.len();
        for (i, chunk) in chunks.into_iter().enumerate() {
            self.put(u64::from(last && i + 1 == n), 1);
            self.put(0, 2);
            self.align();
            let len = chunk.len() as u16;
            self.out.extend_from_slice(&len.to_le_bytes());
            self.out.extend_from_slice(&(!len).to_le_bytes());
            self.out.extend_from_slice(chunk);
        }
    }
    /// One dynamic block that inflates to 1 + 258 × `matches` bytes of `a`, at two bits per 258
    /// bytes (deflate's densest): the codes are 'a' = 10, end = 11, length 258 = 0; distance 1 = 0.
    fn run_of_a(&mut self, matches: u64) {
        self.put(0, 1);
        self.put(2, 2);
        self.put(286 - 257, 5);
        self.put(2 - 1, 5);
        self.put(18 - 4, 4);
        // code length code lengths, in deflate's order 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1:
        // 18 (a run of zeros) = 1 bit, 1 and 2 = 2 bits
        for sym in [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1] {
            self.put(
                match sym {
                    18 => 1,
                    1 | 2 => 2,
                    _ => 0,
                },
                3,
            );
        }
        // their codes: 18 = 0, 1 = 10, 2 = 11
        let zeros = |b: &mut Bits, n: u64| {
            b.code(0, 1);
            b.put(n - 11, 7);
        };
        zeros(self, 97); // 0..=96
        self.code(3, 2); // 'a' (97): 2 bits
        zeros(self, 138); // 98..=235
        zeros(self, 20); // 236..=255
        self.code(3, 2); // end of block (256): 2 bits
        zeros(self, 28); // 257..=284
        self.code(2, 2); // length 258 (285): 1 bit
        self.code(2, 2); // distance codes 0 and 1: 1 bit each
        self.code(2, 2);
        self.code(2, 2); // 'a'
        for _ in 0..matches {
            self.put(0, 2);
        }
        self.code(3, 2); // end of block
    }
}

/// A zip made by hand: (name, data stored as is) for the honest parts, and one part whose deflate
/// stream inflates to `prefix`, about `inflated` bytes of `a` and `suffix` while its headers (local
/// and central) declare `declared` bytes — the archive a size check on the headers alone lets by.
fn zip_with_a_lying_part(honest: &[(&str, Vec<u8>)], lying: &str, parts: (&str, u64, &str), declared: u32) -> Vec<u8> {
    let (prefix, inflated, suffix) = parts;
    let mut bits = Bits::default();
    bits.stored(prefix.as_bytes(), false);
    bits.run_of_a(inflated / 258);
    bits.stored(suffix.as_bytes(), true);
    let mut entries: Vec<(&str, u16, u32, Vec<u8>, u32)> =
        honest.iter().map(|(n, d)| (*n, 0u16, crc32(d), d.clone(), d.len() as u32)).collect();
    entries.push((lying, 8, 0, bits.out, declared));
    let (mut out, mut central) = (Vec::new(), Vec::new());
    for (name, method, crc, data, size) in &entries {
        let offset = out.len() as u32;
        let fields = |sig: u32, central: bool| {
            let mut h = sig.to_le_bytes().to_vec();
            if central {
                h.extend_from_slice(&20u16.to_le_bytes());
            }
            for v in [20u16, 0, *method, 0, 0] {
                h.extend_from_slice(&v.to_le_bytes());
            }
            for v in [*crc, data.len() as u32, *size] {
                h.extend_from_slice(&v.to_le_bytes());
            }
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes());
            if central {
                h.extend_from_slice(&[0u8; 10]); // comment length, disk, attributes
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name.as_bytes());
            h
        };
        out.extend(fields(0x0403_4b50, false));
        out.extend_from_slice(data);
        central.extend(fields(0x0201_4b50, true));
    }
    let (at, len, n) = (out.len() as u32, central.len() as u32, entries.len() as u16);
    out.extend(central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0u8; 4]);
    for v in [n, n] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    for v in [len, at] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// An .xlsx whose sheet declares 2 KB and inflates to `inflated` bytes: one cell of `a`s.
pub fn lying_xlsx(inflated: u64) -> Vec<u8> {
    let wb = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook {NS}><sheets><sheet name="名册" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    );
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
    let prefix = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>"#
    );
    zip_with_a_lying_part(
        &[
            ("[Content_Types].xml", CT.as_bytes().to_vec()),
            ("xl/workbook.xml", wb.into_bytes()),
            ("xl/_rels/workbook.xml.rels", rels.as_bytes().to_vec()),
        ],
        "xl/worksheets/sheet1.xml",
        (&prefix, inflated, "</t></is></c></row></sheetData></worksheet>"),
        2048,
    )
}

/// An .ods whose content.xml declares 2 KB and inflates to `inflated` bytes.
pub fn lying_ods(inflated: u64) -> Vec<u8> {
    let prefix = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="名册"><table:table-row><table:table-cell office:value-type="string"><text:p>"#;
    zip_with_a_lying_part(
        &[
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet".to_vec()),
            ("META-INF/manifest.xml", br#"<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>"#.to_vec()),
        ],
        "content.xml",
        (prefix, inflated, "</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"),
        2048,
    )
}
