//! 上报包 at size (`cargo bench --bench upward`): a township's year packed, then 30 townships'
//! packages received by a county, each import beside calamine alone reading the same workbook
//! (the raw baseline; target ≤ 3). Medians of the runs are printed. With `RENDA_BENCH_LARGE=1`
//! the `--scale large` demo is packed as well (it takes minutes to generate).

use std::time::{Duration, Instant};

use calamine::{open_workbook_auto_from_rs, Reader};
use renda::office::OfficeInput;
use renda::reports::PackQuery;
use renda::Renda;

const TOWNSHIPS: usize = 30;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A township: the demo's records under its own office id and name (a copy of the demo's file,
/// answered as another office, as a township starting from a copy would).
fn township(dir: &std::path::Path, i: usize, template: &std::path::Path) -> Renda {
    let path = dir.join(format!("t{i}.db"));
    std::fs::copy(template, &path).expect("copy the demo");
    let mut r = Renda::open(&path).expect("open");
    r.office_confirm_copy(&renda::office::CopyAnswer { another_office: true }).expect("another office");
    r.office_set(&OfficeInput { name: format!("第{i}乡镇人大主席团"), level: "乡镇".into() }).expect("office");
    r
}

fn read_alone(bytes: &[u8]) -> usize {
    let mut wb = open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).expect("xlsx");
    let names = wb.sheet_names().to_vec();
    names.iter().map(|n| wb.worksheet_range(n).map(|r| r.get_size().0).unwrap_or(0)).sum()
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let template = dir.path().join("demo.db");
    let mut demo = Renda::open(&template).expect("open");
    demo.load_demo(renda::demo::Scale::Small).expect("demo");
    drop(demo);
    let year = chrono::Local::now().format("%Y").to_string().parse::<i64>().unwrap_or(2026);
    let q = PackQuery { year, ..Default::default() };

    let mut packs = Vec::new();
    let mut pack_times = Vec::new();
    for i in 0..TOWNSHIPS {
        let t = township(dir.path(), i, &template);
        let start = Instant::now();
        let p = t.report_pack(&q).expect("pack");
        pack_times.push(start.elapsed());
        packs.push(p.bytes);
    }
    let rows: i64 = {
        let t = Renda::open(&dir.path().join("t0.db")).expect("open");
        t.report_preview(&q).expect("preview").counts.iter().map(|c| c.1).sum()
    };
    println!("上报包: {TOWNSHIPS} townships, {rows} data rows and {} KB each", packs[0].len() / 1024);
    println!("{:<48}{:>12}", "pack a township's year (median, ms)", format!("{:.1}", ms(median(pack_times))));

    let mut county = Renda::open(&dir.path().join("county.db")).expect("open");
    county.start_blank(Some(&OfficeInput { name: "清河县人大常委会".into(), level: "县".into() })).expect("county");
    let (mut ours, mut raw, mut reader) = (Vec::new(), Vec::new(), Vec::new());
    let all = Instant::now();
    for (i, p) in packs.iter().enumerate() {
        let start = Instant::now();
        county.report_import(p, &format!("t{i}.xlsx"), false).expect("import");
        ours.push(start.elapsed());
        let start = Instant::now();
        std::hint::black_box(read_alone(p));
        raw.push(start.elapsed());
        let start = Instant::now();
        std::hint::black_box(renda::excel::read::read_workbook(p, "x.xlsx").expect("read"));
        reader.push(start.elapsed());
    }
    let total = all.elapsed();
    let (o, r) = (median(ours), median(raw));
    println!("{:<48}{:>12}", "receive one package (median, ms)", format!("{:.1}", ms(o)));
    println!("{:<48}{:>12}", "calamine alone reading it (median, ms)", format!("{:.1}", ms(r)));
    println!("{:<48}{:>12}", "of which our guarded reader (median, ms)", format!("{:.1}", ms(median(reader))));
    println!("{:<48}{:>12}", "ratio (target ≤ 3)", format!("{:.2}", o.as_secs_f64() / r.as_secs_f64()));
    println!("{:<48}{:>12}", "all 30 received (s)", format!("{:.2}", total.as_secs_f64()));
    let start = Instant::now();
    let s = county.report_summary(&q).expect("summary");
    println!("{:<48}{:>12}", "乡镇汇总 of 30 townships (ms)", format!("{:.1}", ms(start.elapsed())));
    assert_eq!(s.rows.len(), TOWNSHIPS);

    if std::env::var_os("RENDA_BENCH_LARGE").is_some() {
        let path = dir.path().join("large.db");
        let mut big = Renda::open(&path).expect("open");
        big.load_demo(renda::demo::Scale::Large).expect("large demo");
        big.office_set(&OfficeInput { name: "大镇人大主席团".into(), level: "乡镇".into() }).expect("office");
        let start = Instant::now();
        let p = big.report_pack(&q).expect("pack");
        println!("{:<48}{:>12}", "pack the large demo's year (s)", format!("{:.2}", start.elapsed().as_secs_f64()));
        println!("{:<48}{:>12}", "its package (KB)", p.bytes.len() / 1024);
    }
}
