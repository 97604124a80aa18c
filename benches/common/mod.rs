//! What the page benchmarks share: the median of several runs (an ordinary run, not the best
//! one), and an export measured against rust_xlsxwriter writing the same cells alone (the raw
//! baseline of DESIGN.md §6), the two run in turns so that both see the same machine.

use std::io::Cursor;
use std::time::{Duration, Instant};

use calamine::{open_workbook_auto_from_rs, Reader};
use rust_xlsxwriter::{Format, FormatBorder, Workbook};

/// The median and p95 of `runs` calls, after one warming call (a page opened twice finds its
/// data cached).
pub fn median(mut f: impl FnMut(), runs: usize) -> (Duration, Duration) {
    f();
    let mut times: Vec<Duration> = (0..runs).map(|_| timed(&mut f)).collect();
    times.sort();
    (times[runs / 2], times[(runs * 95 / 100).min(runs - 1)])
}

fn timed(f: &mut impl FnMut()) -> Duration {
    let t = Instant::now();
    f();
    t.elapsed()
}

pub fn middle(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Prints one line per check: what, its median, its p95 and its target (DESIGN.md §6 sets the
/// pages' targets on the p95, the figures' on an ordinary run).
pub fn report(checks: &[(&str, f64, (Duration, Duration))]) {
    println!("{:<54}{:>12}{:>10}{:>10}", "", "median (ms)", "p95 (ms)", "target");
    for (what, target, (median, p95)) in checks {
        println!("{what:<54}{:>12.1}{:>10.1}{:>10}", ms(*median), ms(*p95), format!("< {target}"));
    }
}

/// Runs of each export and of its baseline (in turns).
const EXPORT_RUNS: usize = 9;

/// Our export beside rust_xlsxwriter alone writing the same cells (read back from our file, one
/// bordered format): medians of runs taken in turns, and their ratio.
pub fn export_vs_baseline(what: &str, mut export: impl FnMut() -> Vec<u8>) {
    let cells: Vec<Vec<String>> = {
        let mut wb = open_workbook_auto_from_rs(Cursor::new(export())).unwrap();
        let name = wb.sheet_names()[0].clone();
        wb.worksheet_range(&name).unwrap().rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    };
    let (mut ours, mut base) = (Vec::new(), Vec::new());
    for _ in 0..EXPORT_RUNS {
        ours.push(timed(&mut || {
            std::hint::black_box(export());
        }));
        base.push(timed(&mut || {
            std::hint::black_box(baseline(&cells));
        }));
    }
    let (ours, base) = (middle(ours), middle(base));
    println!(
        "{what} ({} rows): ours {:.1} ms, rust_xlsxwriter alone {:.1} ms (medians of {EXPORT_RUNS}), ratio {:.2} (target ≤ 1.5)",
        cells.len().saturating_sub(4),
        ms(ours),
        ms(base),
        ours.as_secs_f64() / base.as_secs_f64()
    );
}

/// The raw baseline: the cells written by rust_xlsxwriter directly, streaming, one bordered format.
pub fn baseline(cells: &[Vec<String>]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let border = Format::new().set_border(FormatBorder::Thin);
    let ws = wb.add_worksheet_with_constant_memory().expect("a streamed sheet");
    for (i, row) in cells.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if v.is_empty() {
                ws.write_blank(i as u32, c as u16, &border).unwrap();
            } else {
                ws.write_string_with_format(i as u32, c as u16, v, &border).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}
