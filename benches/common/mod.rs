//! What the page benchmarks share: p95 timing, and an export measured against rust_xlsxwriter
//! writing the same cells alone (the raw baseline of DESIGN.md §6).

use std::io::Cursor;
use std::time::{Duration, Instant};

use calamine::{open_workbook_auto_from_rs, Reader};
use rust_xlsxwriter::{Format, FormatBorder, Workbook};

/// p95 of `runs` calls, after one warming call (a page opened twice finds its data cached).
pub fn p95(mut f: impl FnMut(), runs: usize) -> Duration {
    f();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[(runs * 95 / 100).min(runs - 1)]
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Prints one line per check: what, p95 and its target.
pub fn report(checks: &[(&str, f64, Duration)]) {
    println!("{:<54}{:>10}{:>10}", "", "p95 (ms)", "target");
    for (what, target, d) in checks {
        println!("{what:<54}{:>10.1}{:>10}", ms(*d), format!("< {target}"));
    }
}

/// Our export (best of seven) beside rust_xlsxwriter alone writing the same cells, as a ratio.
pub fn export_vs_baseline(what: &str, mut export: impl FnMut() -> Vec<u8>) {
    let mut best_ours = Duration::MAX;
    let mut bytes = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        bytes = export();
        best_ours = best_ours.min(t.elapsed());
    }
    let cells: Vec<Vec<String>> = {
        let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
        let name = wb.sheet_names()[0].clone();
        wb.worksheet_range(&name).unwrap().rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    };
    let mut best_base = Duration::MAX;
    for _ in 0..7 {
        let t = Instant::now();
        let mut wb = Workbook::new();
        let border = Format::new().set_border(FormatBorder::Thin);
        let ws = wb.add_worksheet_with_constant_memory();
        for (i, row) in cells.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if v.is_empty() {
                    ws.write_blank(i as u32, c as u16, &border).unwrap();
                } else {
                    ws.write_string_with_format(i as u32, c as u16, v, &border).unwrap();
                }
            }
        }
        wb.save_to_buffer().unwrap();
        best_base = best_base.min(t.elapsed());
    }
    println!(
        "{what} ({} rows): ours {:.0} ms, rust_xlsxwriter alone {:.0} ms, ratio {:.2} (target ≤ 1.5)",
        cells.len().saturating_sub(4),
        ms(best_ours),
        ms(best_base),
        best_ours.as_secs_f64() / best_base.as_secs_f64()
    );
}
