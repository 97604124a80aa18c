//! kill -9 at random (seeded) moments during an import, a restore and a backup: afterwards
//! `renda check` passes and the data is all or nothing — never half an import, never half a
//! restore, never a cut-off backup under its final name.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};
use rusqlite::Connection;

const RUNS: usize = 30;
const SEED: u64 = 20_261_130;

fn renda(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_renda"));
    c.arg("--db")
        .arg(db)
        .env_remove("RENDA_DB")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    c
}

fn deputies(db: &Path) -> i64 {
    Connection::open(db).unwrap().query_row("SELECT count(*) FROM deputies", [], |r| r.get(0)).unwrap()
}

/// A distinct Chinese name for each number (names may not hold digits).
fn name(mut r: u32) -> String {
    let chars: Vec<char> = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土山川田禾风云雨雪霜春夏秋冬东西南北中红黄蓝白青松柏竹梅兰菊桃".chars().collect();
    let mut s = String::from("崔");
    for _ in 0..3 {
        s.push(chars[(r % chars.len() as u32) as usize]);
        r /= chars.len() as u32;
    }
    s
}

fn roster(path: &Path, rows: u32) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["姓名", "代表层级", "出生年月", "工作单位"].iter().enumerate() {
        ws.write(0, c as u16, *h).unwrap();
    }
    for r in 1..=rows {
        ws.write(r, 0, name(r)).unwrap();
        ws.write(r, 1, "县级").unwrap();
        ws.write(r, 2, format!("19{:02}-{:02}", 50 + r % 40, 1 + r % 12)).unwrap();
        ws.write(r, 3, format!("某单位{}", r % 97)).unwrap();
    }
    wb.save(path).unwrap();
}

/// Runs `cmd` to its end and returns how long it took.
fn timed(mut cmd: Command) -> Duration {
    let t = Instant::now();
    let out = cmd.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).output().unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout).chars().take(500).collect::<String>(),
        String::from_utf8_lossy(&out.stderr).chars().take(500).collect::<String>()
    );
    t.elapsed()
}

#[test]
fn kill_9_during_import_restore_and_backup_leaves_the_data_whole() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.db");
    assert!(renda(&base).arg("demo").status().unwrap().success());
    // ~20 MB of history, so that a backup or a restore takes long enough to be cut in the middle
    Connection::open(&base)
        .unwrap()
        .execute_batch(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
             INSERT INTO audit_log (at, kind, action, summary) SELECT '2024-01-01', 'filler', 'x', hex(randomblob(500)) FROM n;",
        )
        .unwrap();
    let file = dir.path().join("roster.xlsx");
    roster(&file, 4_000);
    // the full, uninterrupted outcomes, and how long each operation takes
    let other = dir.path().join("other.db");
    std::fs::copy(&base, &other).unwrap();
    let import_time = timed({
        let mut c = renda(&other);
        c.arg("import").arg("deputies").arg(&file);
        c
    });
    let (before, after) = (deputies(&base), deputies(&other));
    assert!(after > before);
    let restore_time = timed({
        let mut c = renda(&dir.path().join("probe.db"));
        std::fs::copy(&base, dir.path().join("probe.db")).unwrap();
        c.arg("restore").arg(&other);
        c
    });
    let backup_time = timed({
        let mut c = renda(&other);
        c.arg("backup").arg("-o").arg(dir.path().join("probe-backup.db"));
        c
    });

    let mut rng = rand::rngs::StdRng::seed_from_u64(SEED);
    let (mut intact, mut undone, mut done, mut backups_made) = (0, 0, 0, 0);
    for run in 0..RUNS {
        let run_dir = dir.path().join(format!("run{run}"));
        std::fs::create_dir(&run_dir).unwrap();
        let db = run_dir.join("renda.db");
        std::fs::copy(&base, &db).unwrap();
        let out = run_dir.join("backup-out.db");
        let (mut cmd, span, allowed) = match run % 3 {
            0 => (renda(&db), import_time, [before, after]),
            1 => (renda(&db), restore_time, [before, after]),
            _ => (renda(&db), backup_time, [before, before]),
        };
        match run % 3 {
            0 => cmd.arg("import").arg("deputies").arg(&file),
            1 => cmd.arg("restore").arg(&other),
            _ => cmd.arg("backup").arg("-o").arg(&out),
        };
        // up to 1.5× the uninterrupted time: most kills land mid-operation, some after it ended
        let wait = Duration::from_micros(rng.random_range(0..span.as_micros() as u64 * 3 / 2 + 1));
        let mut child = cmd.spawn().unwrap();
        std::thread::sleep(wait);
        let _ = child.kill(); // SIGKILL
        child.wait().unwrap();

        let check = renda(&db).arg("check").status().unwrap();
        assert!(check.success(), "run {run}: renda check failed after kill -9 at {wait:?}");
        let n = deputies(&db);
        assert!(allowed.contains(&n), "run {run}: {n} deputies after kill -9 at {wait:?}, expected one of {allowed:?}");
        if run % 3 != 2 {
            if n == before {
                undone += 1
            } else {
                done += 1
            }
        }
        if out.exists() {
            backups_made += 1;
            assert!(
                renda(&out).arg("check").status().unwrap().success(),
                "run {run}: a backup under its final name is incomplete"
            );
            assert_eq!(deputies(&out), before);
        }
        intact += 1;
    }
    println!("kill -9 runs: {RUNS}, intact: {intact}; imports/restores left undone {undone}, completed {done}; backups complete {backups_made}, absent {} (import {import_time:?}, restore {restore_time:?}, backup {backup_time:?})", RUNS / 3 - backups_made);
}

fn records_of(db: &Path, office: &str) -> (i64, i64) {
    Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT count(DISTINCT p.id), count(r.id) FROM report_packages p LEFT JOIN report_records r ON r.package_id = p.id
              WHERE p.office_id = ?1",
            [office],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

#[test]
fn kill_9_during_a_package_that_replaces_another_leaves_one_or_the_other() {
    use common::travel::*;
    let dir = tempfile::tempdir().unwrap();
    let town = township("城关镇人大主席团", 2);
    let office = town.renda.office().unwrap().id;
    let first = pack(&town);
    // the correction: 20,000 suggestions, so that its import takes long enough to be cut
    let big = resign(&pack(&town), |_, data| {
        let template = data[0].rows[0].clone();
        data[0].rows = (0..20_000)
            .map(|i| {
                let mut row = template.clone();
                row[0] = format!("{:08x}-0000-4000-8000-{i:012}", i);
                row
            })
            .collect();
    });
    let (first_file, big_file) = (dir.path().join("first.xlsx"), dir.path().join("big.xlsx"));
    std::fs::write(&first_file, first).unwrap();
    std::fs::write(&big_file, big).unwrap();
    let base = dir.path().join("county.db");
    let mut setup = renda(&base);
    setup.args(["office", "--name", "清河县人大常委会", "--level", "县"]);
    timed(setup);
    let mut receive = renda(&base);
    receive.arg("report").arg("import").arg(&first_file);
    timed(receive);
    let before = records_of(&base, &office);
    let probe = dir.path().join("probe.db");
    std::fs::copy(&base, &probe).unwrap();
    let span = timed({
        let mut c = renda(&probe);
        c.arg("report").arg("import").arg(&big_file);
        c
    });
    let after = records_of(&probe, &office);
    assert_eq!(after.0, 1, "the correction replaces the first package");
    assert!(after.1 > 20_000 && before.1 < 100, "{before:?} {after:?}");

    let mut rng = rand::rngs::StdRng::seed_from_u64(SEED + 1);
    let (mut undone, mut done) = (0, 0);
    for run in 0..10 {
        let db = dir.path().join(format!("package{run}.db"));
        std::fs::copy(&base, &db).unwrap();
        let mut cmd = renda(&db);
        cmd.arg("report").arg("import").arg(&big_file);
        let wait = Duration::from_micros(rng.random_range(0..span.as_micros() as u64 * 3 / 2 + 1));
        let mut child = cmd.spawn().unwrap();
        std::thread::sleep(wait);
        let _ = child.kill(); // SIGKILL
        child.wait().unwrap();
        assert!(renda(&db).arg("check").status().unwrap().success(), "run {run}: check failed after kill at {wait:?}");
        let now = records_of(&db, &office);
        assert!(
            now == before || now == after,
            "run {run}: {now:?} after kill -9 at {wait:?}, expected {before:?} or {after:?}"
        );
        if now == before {
            undone += 1
        } else {
            done += 1
        }
    }
    println!("kill -9 during a package import: left undone {undone}, completed {done} (import {span:?})");
}
