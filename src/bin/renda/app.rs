//! `renda init`, `demo`, `backup`, `restore`, `check`: the data file itself.

use std::path::Path;

use renda::app::{AppStatus, BackupInfo};
use renda::{Error, Renda};
use serde_json::json;

use crate::{call, print_json, say};

/// A path as the command's JSON carries it.
fn text(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

pub fn init(r: &mut Renda, json: bool) -> Result<(), Error> {
    let st: AppStatus = call(r, "app_status", json!({}))?;
    if json {
        print_json(&st);
    } else {
        say!("数据文件已就绪：{}（数据版本 {}）", st.db_path, st.schema_version);
    }
    Ok(())
}

pub fn demo(r: &mut Renda, scale: &str, json: bool) -> Result<(), Error> {
    let s: renda::demo::DemoSummary = call(r, "app_load_demo", json!({ "scale": scale }))?;
    if json {
        print_json(&s);
    } else {
        say!(
            "已载入示例数据：{} 名代表，{} 个承办单位，{} 个联络站，{} 个届次，{} 次会议，{} 件建议，{} 个民生实事项目。",
            s.deputies,
            s.units,
            s.stations,
            s.terms,
            s.sessions,
            s.suggestions,
            s.projects
        );
    }
    Ok(())
}

pub fn backup(r: &mut Renda, output: &Path, json: bool) -> Result<(), Error> {
    let _: BackupInfo = call(r, "backup_create", json!({ "path": text(output) }))?;
    if json {
        print_json(&serde_json::json!({ "path": output }));
    } else {
        say!("已备份到 {}", output.display());
    }
    Ok(())
}

pub fn restore(r: &mut Renda, file: &Path, json: bool) -> Result<(), Error> {
    let st: AppStatus = call(r, "backup_restore", json!({ "path": text(file) }))?;
    if json {
        print_json(&st);
    } else {
        say!(
            "已从 {} 恢复数据（恢复前的数据已自动备份到 {}）。",
            file.display(),
            renda::db::backups_dir(r.db_path()).display()
        );
    }
    Ok(())
}

pub fn check(r: &mut Renda, json: bool) -> Result<(), Error> {
    let c: renda::db::CheckReport = call(r, "app_check", json!({}))?;
    if json {
        print_json(&c);
    } else {
        say!("完整性检查：{}", if c.integrity.is_empty() { "正常".to_string() } else { c.integrity.join("；") });
        say!(
            "外键检查：{}",
            if c.foreign_key_problems.is_empty() { "正常".to_string() } else { c.foreign_key_problems.join("；") }
        );
        say!("数据版本：{}（本程序：{}）", c.schema_version, c.expected_schema_version);
        say!("数据文件标识：{}", if c.application_id_ok { "正常" } else { "不是人大工作台的数据文件" });
    }
    if !c.ok {
        return Err(Error::invalid("数据检查发现问题，详见上文。请先备份，再从最近的正常备份恢复或联系技术支持。"));
    }
    Ok(())
}
