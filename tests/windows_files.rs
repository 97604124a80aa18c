//! What a secretary meets on Windows, run by the Windows layer of `scripts/test.sh` (the engine
//! cross-built and run under Wine): an export over a file open in Excel or WPS, a backup (written
//! beside, flushed, renamed), paths with Chinese characters and spaces. On other systems this file
//! holds the same checks that do not depend on Windows' file locks.

mod common;

use common::*;

/// A folder whose name has Chinese characters and a space, like 「桌面\代表名册（2024）」.
fn chinese_dir(t: &TestData) -> std::path::PathBuf {
    let d = t.dir.path().join("人大 测试（2024）");
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn an_export_backup_and_restore_in_a_folder_with_chinese_and_spaces() {
    let mut t = fresh();
    t.renda.deputy_create(&deputy("张三")).unwrap();
    let dir = chinese_dir(&t);
    let export = dir.join("代表名册（2024）.xlsx");
    renda::db::backup::write_whole(&export, &t.renda.export_units(&Default::default()).unwrap()).unwrap();
    assert!(std::fs::metadata(&export).unwrap().len() > 0);
    let backup = dir.join("数据 备份.db");
    t.renda.backup_create(Some(&dir)).unwrap();
    t.renda.backup_to(&backup).unwrap();
    t.renda.deputy_create(&deputy("李四")).unwrap();
    t.renda.restore_from(&backup).unwrap();
    assert_eq!(t.renda.deputy_list(&Default::default()).unwrap().total, 1, "restored to the backup's one deputy");
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[cfg(windows)]
#[test]
fn an_export_over_a_file_open_in_another_program_says_so_and_keeps_it() {
    use std::os::windows::fs::OpenOptionsExt;
    let t = fresh();
    let dir = chinese_dir(&t);
    let dest = dir.join("承办单位.xlsx");
    std::fs::write(&dest, b"the file as Excel holds it").unwrap();
    // Excel and WPS open a workbook without sharing it for writing or deleting
    let _held = std::fs::OpenOptions::new().read(true).share_mode(1 /* FILE_SHARE_READ */).open(&dest).unwrap();
    let e = renda::db::backup::write_whole(&dest, b"new").unwrap_err();
    assert!(e.to_string().contains("文件正被其他程序打开，请先关闭"), "{e}");
    drop(_held);
    assert_eq!(std::fs::read(&dest).unwrap(), b"the file as Excel holds it", "nothing half written");
    let parts = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".part"))
        .count();
    assert_eq!(parts, 0);
}

#[test]
fn a_write_that_cannot_finish_leaves_the_old_file_and_no_part() {
    let t = fresh();
    let dest = t.dir.path().join("没有的文件夹").join("x.xlsx");
    assert!(renda::db::backup::write_whole(&dest, b"x").is_err());
    assert!(!dest.exists());
}
