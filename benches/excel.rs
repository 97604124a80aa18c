//! `cargo bench --bench excel` — the Excel import and export at the sizes of DESIGN.md §6,
//! side by side with the raw baselines:
//! - import of a 100,000-row roster vs calamine reading the same sheet + rusqlite inserting the
//!   same rows into the same tables (indexes included) — target ratio ≤ 2.0;
//! - export of 100,000 deputies vs rust_xlsxwriter writing the same cells alone — target ≤ 1.5.
//!
//! Set BENCH_ROWS to change the size.

use std::io::Cursor;
use std::time::{Duration, Instant};

use calamine::{open_workbook_auto_from_rs, Data, Reader};
use renda::excel::import::ImportOptions;
use renda::roster::model::DeputyQuery;
use renda::Renda;
use rust_xlsxwriter::Workbook;

const HEADERS: [&str; 10] = [
    "姓名",
    "性别",
    "出生年月",
    "政治面貌",
    "工作单位及职务",
    "代表证号",
    "代表层级",
    "选区",
    "代表团/代表小组",
    "联系电话",
];
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦";
const GIVEN: &str = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宁健亮俊峰芳娜敏静丽艳娟霞燕玲婷雪慧莉萍红梅琳洁颖";

fn row(i: usize) -> [String; 10] {
    let s: Vec<char> = SURNAMES.chars().collect();
    let g: Vec<char> = GIVEN.chars().collect();
    let name = format!("{}{}{}", s[i % s.len()], g[(i / s.len()) % g.len()], g[(i / 7) % g.len()]);
    [
        name,
        if i.is_multiple_of(3) { "女" } else { "男" }.into(),
        format!("{}-{:02}", 1950 + i % 50, 1 + i % 12),
        if i.is_multiple_of(4) { "群众" } else { "中共党员" }.into(),
        format!("第{}村党支部书记", i % 997),
        format!("QH-{i:06}"),
        if i.is_multiple_of(5) { "县、乡" } else { "县" }.into(),
        format!("第{}选区", 1 + i % 300),
        format!("第{}代表团", 1 + i % 30),
        format!("139{:08}", i),
    ]
}

fn roster_sheet(n: usize) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet_with_constant_memory().expect("a streamed sheet");
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..n {
        for (c, v) in row(i).iter().enumerate() {
            ws.write_string(i as u32 + 1, c as u16, v).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

/// Runs `f` `RUNS` times: the median time (an ordinary run, not the luckiest) and the last output.
const RUNS: usize = 5;
fn median_run<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    timed_median(|| {
        let t = Instant::now();
        let out = f();
        (t.elapsed(), out)
    })
}

/// Like `median_run`, for closures that time their own measured part (set-up left out).
fn timed_median<T>(mut f: impl FnMut() -> (Duration, T)) -> (Duration, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..RUNS {
        let (d, out) = f();
        times.push(d);
        last = Some(out);
    }
    times.sort();
    (times[RUNS / 2], last.expect("RUNS > 0"))
}

/// rust_xlsxwriter alone writing `cells`, streaming, one bordered format (as benches/common does).
fn baseline(cells: &[Vec<String>]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let border = rust_xlsxwriter::Format::new().set_border(rust_xlsxwriter::FormatBorder::Thin);
    let ws = wb.add_worksheet_with_constant_memory().expect("a streamed sheet");
    for (i, r) in cells.iter().enumerate() {
        for (c, v) in r.iter().enumerate() {
            if v.is_empty() {
                ws.write_blank(i as u32, c as u16, &border).unwrap();
            } else {
                ws.write_string_with_format(i as u32, c as u16, v, &border).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn main() {
    let n: usize = std::env::var("BENCH_ROWS").ok().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    println!("人大工作台 Excel benchmark — {n} rows");
    let sheet = roster_sheet(n);
    let dir = tempfile::tempdir().unwrap();

    // baseline import: calamine read + plain inserts of the same rows into the same tables; the
    // columns our import derives (pinyin, sort keys, uuid) are computed before the clock starts
    // (uuid, initials, pinyin, pinyin key, stroke key) of each row
    type Derived = (String, String, String, Vec<u8>, Vec<u8>);
    let derived: Vec<Derived> = (0..n)
        .map(|i| {
            let name = row(i)[0].clone();
            let (ini, py) = renda::text::pinyin_forms(&name);
            (uuid::Uuid::new_v4().to_string(), ini, py, renda::text::pinyin_key(&name), renda::names::stroke_key(&name))
        })
        .collect();
    let mut run = 0;
    let (base_import, _) = timed_median(|| {
        run += 1;
        let base_path = dir.path().join(format!("baseline-{run}.db"));
        drop(Renda::open(&base_path).unwrap()); // the same schema, made before the clock starts
        let t = Instant::now();
        let mut conn = rusqlite::Connection::open(&base_path).unwrap();
        let mut wb = open_workbook_auto_from_rs(Cursor::new(sheet.clone())).unwrap();
        let name = wb.sheet_names()[0].clone();
        let range = wb.worksheet_range(&name).unwrap();
        let tx = conn.transaction().unwrap();
        {
            let mut ins = tx
                .prepare(
                    "INSERT INTO deputies (uuid, name, gender, birth_month, political, work_unit, card_no, district, delegation, phone,
                     status, active, initials, pinyin, pinyin_key, stroke_key, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, '在任', 1, ?11, ?12, ?13, ?14, ?15, ?15)",
                )
                .unwrap();
            let mut lvl = tx.prepare("INSERT INTO deputy_levels (deputy_id, level) VALUES (?1, ?2)").unwrap();
            for (i, r) in range.rows().enumerate().skip(1) {
                let v: Vec<String> = r
                    .iter()
                    .map(|c| match c {
                        Data::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect();
                let (uuid, ini, py, pk, sk) = &derived[i - 1];
                ins.execute(rusqlite::params![
                    uuid,
                    v[0],
                    v[1],
                    v[2],
                    v[3],
                    v[4],
                    v[5],
                    v[7],
                    v[8],
                    v[9],
                    ini,
                    py,
                    pk,
                    sk,
                    "2026-01-01 00:00:00"
                ])
                .unwrap();
                let id = tx.last_insert_rowid();
                for l in v[6].split('、') {
                    lvl.execute(rusqlite::params![id, l]).unwrap();
                }
            }
        }
        tx.commit().unwrap();
        (t.elapsed(), ())
    });

    // our import: the whole pipeline (header finding, parsing, validation, keys, preview, backup,
    // one transaction with history and audit, import log), each run into a new empty database
    let mut r = Renda::open(&dir.path().join("preview.db")).unwrap();
    let (our_preview, _) = median_run(|| {
        let p =
            r.import_deputies(&sheet, "bench.xlsx", &ImportOptions { dry_run: true, ..Default::default() }).unwrap();
        assert_eq!(p.added as usize, n);
    });
    let mut run = 0;
    let (our_import, r) = timed_median(|| {
        run += 1;
        let mut r = Renda::open(&dir.path().join(format!("renda-{run}.db"))).unwrap();
        let t = Instant::now();
        let report = r.import_deputies(&sheet, "bench.xlsx", &ImportOptions::default()).unwrap();
        let d = t.elapsed();
        assert!(
            report.committed && report.added as usize == n,
            "{} added, {} errors",
            report.added,
            report.errors.len()
        );
        (d, r)
    });
    // the baseline writes exactly the cells of our file (read back from it) with one bordered
    // format, as a direct rust_xlsxwriter program making a printable table would; the two run in
    // turns, so that both see the same machine
    let bytes = r.export_deputies(&DeputyQuery::default(), false).unwrap();
    let cells: Vec<Vec<String>> = {
        let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes.clone())).unwrap();
        let name = wb.sheet_names()[0].clone();
        wb.worksheet_range(&name).unwrap().rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    };
    let (mut ours, mut base) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let t = Instant::now();
        std::hint::black_box(r.export_deputies(&DeputyQuery::default(), false).unwrap());
        ours.push(t.elapsed());
        let t = Instant::now();
        std::hint::black_box(baseline(&cells));
        base.push(t.elapsed());
    }
    ours.sort();
    base.sort();
    let (our_export, base_export) = (ours[RUNS / 2], base[RUNS / 2]);

    println!("medians of {RUNS} runs");
    println!("{:<34}{:>10}{:>12}{:>9}{:>9}", "", "ours (s)", "baseline (s)", "ratio", "target");
    let line = |what: &str, ours: Duration, base: Duration, target: f64| {
        let ratio = secs(ours) / secs(base);
        println!("{what:<30}{:>10.2}{:>12.2}{:>9.2}{:>9}", secs(ours), secs(base), ratio, format!("≤ {target}"));
        ratio
    };
    let ri = line("import 代表名册 (xlsx → SQLite)", our_import, base_import, 2.0);
    line("  of which preview (dry run)", our_preview, base_import, 2.0);
    let re = line("export 代表名册 (SQLite → xlsx)", our_export, base_export, 1.5);
    println!("export size: {:.1} MiB", bytes.len() as f64 / 1048576.0);
    println!("import ratio {ri:.2} (target ≤ 2.0), export ratio {re:.2} (target ≤ 1.5)");
}
