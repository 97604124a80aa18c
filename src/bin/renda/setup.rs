//! The CLI of what a new office sets up first: who it is (`office`), its 届次 and 会次, and the
//! morning reminders.

use clap::Subcommand;
use renda::office::{Office, OfficeInput};
use renda::roster::model::{Session, SessionInput, Term, TermInput};
use renda::{Error, Renda};
use serde_json::json;

use crate::{call, print_json, say};

#[derive(Subcommand)]
pub enum TermCmd {
    /// 新增届次
    Add {
        /// 县 / 乡 / 市 / 省 / 全国（默认：本单位的层级）
        #[arg(long)]
        level: Option<String>,
        /// 第几届（数字）
        #[arg(long)]
        number: i64,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        start_year: i64,
        #[arg(long)]
        end_year: i64,
        /// 设为当前届
        #[arg(long)]
        current: bool,
    },
    /// 修改届次（只改给出的项）
    Edit {
        /// 届次编号、名称或“第十八届”
        term: String,
        #[arg(long)]
        level: Option<String>,
        #[arg(long)]
        number: Option<i64>,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        start_year: Option<i64>,
        #[arg(long)]
        end_year: Option<i64>,
        /// 设为当前届
        #[arg(long)]
        current: bool,
    },
    /// 列出届次与会次
    List,
}

#[derive(Subcommand)]
pub enum SessionCmd {
    /// 新增会次（人代会）
    Add {
        /// 届次编号、名称或“第十八届”
        #[arg(long)]
        term: String,
        /// 第几次会议（数字）
        #[arg(long)]
        number: i64,
        /// 开幕日期，如 2026-01-12
        #[arg(long)]
        start: Option<String>,
        /// 闭幕日期
        #[arg(long)]
        end: Option<String>,
        #[arg(long)]
        name: Option<String>,
        /// 同时把所属届次设为当前届
        #[arg(long)]
        current: bool,
    },
    /// 修改会次（只改给出的项）
    Edit {
        /// 会次编号
        id: i64,
        #[arg(long)]
        number: Option<i64>,
        #[arg(long)]
        start: Option<String>,
        #[arg(long)]
        end: Option<String>,
        #[arg(long)]
        name: Option<String>,
        /// 同时把所属届次设为当前届
        #[arg(long)]
        current: bool,
    },
    /// 列出会次
    List {
        /// 只列该届次的会次
        #[arg(long)]
        term: Option<String>,
    },
}

/// `renda office [--name --level]`: shows who this office is, or sets it.
pub fn office(
    r: &mut Renda,
    name: Option<String>,
    level: Option<String>,
    (another, same): (bool, bool),
    json: bool,
) -> Result<(), Error> {
    if another || same {
        let _: Office = call(r, "office_confirm_copy", renda::office::CopyAnswer { another_office: another })?;
    }
    let now: Office = call(r, "office_get", json!({}))?;
    let o: Office = if name.is_some() || level.is_some() {
        call(r, "office_set", OfficeInput { name: name.unwrap_or(now.name), level: level.unwrap_or(now.level) })?
    } else {
        now
    };
    if json {
        print_json(&o);
    } else {
        say!("本单位：{}", if o.name.is_empty() { "（未填写）" } else { &o.name });
        say!("层级：{}", if o.level.is_empty() { "（未设置，按县级默认）" } else { &o.level });
        say!("单位标识：{}", o.id);
        if !o.former_ids.is_empty() {
            say!("曾用标识：{}", o.former_ids.join("、"));
        }
        if let Some(from) = &o.copied_from {
            say!("注意：这个数据文件是从{from}复制来的。这是另一个单位吗？是：renda office --another；不是（仍是本单位）：renda office --same");
        }
        say!("{}", o.defaults_text);
    }
    Ok(())
}

fn term_list(r: &mut Renda) -> Result<Vec<Term>, Error> {
    call(r, "term_list", json!({}))
}

/// The level of this office's own deputies (县 unless the office says otherwise).
fn own_level(r: &mut Renda) -> Result<String, Error> {
    let office: Office = call(r, "office_get", json!({}))?;
    Ok(renda::office::deputy_level_for(&office.level).to_string())
}

/// A term by its id, its name or 「第十八届」 (the office's own level first).
fn find_term(r: &mut Renda, text: &str) -> Result<Term, Error> {
    let terms = term_list(r)?;
    let t = text.trim();
    let own = own_level(r)?;
    let by_number = renda::text::find_term_number(t);
    let found = terms
        .iter()
        .find(|x| x.name == t)
        .or_else(|| t.parse::<i64>().ok().and_then(|id| terms.iter().find(|x| x.id == id)))
        .or_else(|| {
            by_number.and_then(|n| {
                terms.iter().find(|x| x.number == n && x.level == own).or_else(|| terms.iter().find(|x| x.number == n))
            })
        });
    found.cloned().ok_or_else(|| {
        Error::field("term", format!("找不到届次「{t}」，请用 renda term list 查看，或先用 renda term add 登记"))
    })
}

pub fn term(r: &mut Renda, cmd: TermCmd, json: bool) -> Result<(), Error> {
    match cmd {
        TermCmd::Add { level, number, name, start_year, end_year, current } => {
            let level = match level {
                Some(l) => l,
                None => own_level(r)?,
            };
            let input = TermInput { level, number, name, start_year, end_year, is_current: current };
            let t: Term = call(r, "term_create", input)?;
            if json {
                print_json(&t);
            } else {
                say!("已新增届次 {}（编号 {}）", t.name, t.id);
            }
        }
        TermCmd::Edit { term, level, number, name, start_year, end_year, current } => {
            let t = find_term(r, &term)?;
            let input = TermInput {
                level: level.unwrap_or(t.level),
                number: number.unwrap_or(t.number),
                name: name.or(Some(t.name)),
                start_year: start_year.unwrap_or(t.start_year),
                end_year: end_year.unwrap_or(t.end_year),
                is_current: current || t.is_current,
            };
            let t: Term = call(r, "term_update", json!({ "id": t.id, "data": input }))?;
            if json {
                print_json(&t);
            } else {
                say!(
                    "已修改届次 {}（{}—{}年）{}",
                    t.name,
                    t.start_year,
                    t.end_year,
                    if t.is_current { "，当前届" } else { "" }
                );
            }
        }
        TermCmd::List => {
            let terms = term_list(r)?;
            if json {
                print_json(&terms);
            } else {
                for t in &terms {
                    say!(
                        "[{}] {}（{}—{}年）{}",
                        t.id,
                        t.name,
                        t.start_year,
                        t.end_year,
                        if t.is_current { " 当前届" } else { "" }
                    );
                    for s in &t.sessions {
                        say!("  [{}] {}\t{}", s.id, s.name, session_dates(s));
                    }
                }
                if terms.is_empty() {
                    say!("还没有登记届次。请用 renda term add --number 18 --start-year 2021 --end-year 2026 --current 登记。");
                }
            }
        }
    }
    Ok(())
}

fn session_dates(s: &renda::roster::model::Session) -> String {
    match (&s.start_date, &s.end_date) {
        (Some(a), Some(b)) => format!("{a} 至 {b}"),
        (Some(a), None) => format!("{a} 开幕"),
        _ => "未填会期（出席人代会的积分按会期计算，请补填）".into(),
    }
}

fn mark_current(r: &mut Renda, term_id: i64) -> Result<(), Error> {
    let t = term_list(r)?.into_iter().find(|t| t.id == term_id).ok_or_else(|| Error::NotFound("届次不存在".into()))?;
    if !t.is_current {
        let input = TermInput {
            level: t.level,
            number: t.number,
            name: Some(t.name),
            start_year: t.start_year,
            end_year: t.end_year,
            is_current: true,
        };
        let _: Term = call(r, "term_update", json!({ "id": t.id, "data": input }))?;
    }
    Ok(())
}

pub fn session(r: &mut Renda, cmd: SessionCmd, json: bool) -> Result<(), Error> {
    match cmd {
        SessionCmd::Add { term, number, start, end, name, current } => {
            let t = find_term(r, &term)?;
            let input = SessionInput { term_id: t.id, number, name, start_date: start, end_date: end };
            let s: Session = call(r, "session_create", input)?;
            if current {
                mark_current(r, t.id)?;
            }
            if json {
                print_json(&s);
            } else {
                say!("已新增会次 {}（编号 {}，{}）", s.name, s.id, session_dates(&s));
            }
        }
        SessionCmd::Edit { id, number, start, end, name, current } => {
            let s =
                term_list(r)?.into_iter().flat_map(|t| t.sessions).find(|s| s.id == id).ok_or_else(|| {
                    Error::NotFound(format!("找不到编号为 {id} 的会次，请用 renda session list 查看"))
                })?;
            let input = SessionInput {
                term_id: s.term_id,
                number: number.unwrap_or(s.number),
                name: name.or(Some(s.name)),
                start_date: start.or(s.start_date),
                end_date: end.or(s.end_date),
            };
            let s: Session = call(r, "session_update", json!({ "id": id, "data": input }))?;
            if current {
                mark_current(r, s.term_id)?;
            }
            if json {
                print_json(&s);
            } else {
                say!("已修改会次 {}（{}）", s.name, session_dates(&s));
            }
        }
        SessionCmd::List { term } => {
            let only = term.map(|t| find_term(r, &t)).transpose()?.map(|t| t.id);
            let sessions: Vec<_> = term_list(r)?
                .into_iter()
                .filter(|t| only.is_none_or(|id| id == t.id))
                .flat_map(|t| t.sessions)
                .collect();
            if json {
                print_json(&sessions);
            } else {
                for s in &sessions {
                    say!("[{}] {}\t{}", s.id, s.name, session_dates(s));
                }
                say!("共 {} 次会议", sessions.len());
            }
        }
    }
    Ok(())
}

/// `renda reminders`: the morning list of 工作台, suggestions and stations alike.
pub fn reminders(r: &mut Renda, json: bool) -> Result<(), Error> {
    let m: renda::morning::Morning = call(r, "morning", json!({}))?;
    if json {
        print_json(&m);
        return Ok(());
    }
    for group in &m.groups {
        say!("{}（{}）", group.label, group.total);
        for line in &group.lines {
            say!("  {line}");
        }
    }
    if m.groups.iter().all(|g| g.total == 0) {
        say!("今天没有需要提醒的事项。");
    }
    Ok(())
}

/// A 上报 period: a year, a quarter of it, or from–to dates.
#[derive(clap::Args)]
pub struct PeriodArgs {
    #[arg(long)]
    year: i64,
    /// 季度 1–4
    #[arg(long)]
    quarter: Option<i64>,
    /// 起始日期（与 --to 一起用）
    #[arg(long)]
    from: Option<String>,
    #[arg(long)]
    to: Option<String>,
}

impl PeriodArgs {
    fn query(self) -> renda::reports::PackQuery {
        renda::reports::PackQuery { year: self.year, quarter: self.quarter, from: self.from, to: self.to }
    }
}

#[derive(Subcommand)]
pub enum ReportCmd {
    /// 生成上报包：本单位一个期间的报表与数据（年度、季度或起止日期）
    Pack {
        #[command(flatten)]
        period: PeriodArgs,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: std::path::PathBuf,
    },
    /// 导入下级单位的上报包（可一次导入多个文件）
    Import {
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
        /// 只预览，不写入
        #[arg(long)]
        dry_run: bool,
        /// 已收到同一单位同一期间序号更高（或相同）的上报包时，仍用这份替换（确认这份才是最新的）
        #[arg(long)]
        force: bool,
        /// 单位标识已以另一个名称收到过时，确认是该单位改了名称，按新名称导入
        #[arg(long)]
        rename: bool,
    },
    /// 列出已收到的上报包
    List,
    /// 乡镇汇总表：各下级单位并列，合计按全部记录计算
    Summary {
        #[command(flatten)]
        period: PeriodArgs,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<std::path::PathBuf>,
    },
}

/// `renda report pack|import|list`.
pub fn report(r: &mut Renda, cmd: ReportCmd, json: bool) -> Result<(), Error> {
    match cmd {
        ReportCmd::Pack { period, output } => {
            let p = r.report_pack(&period.query())?;
            renda::db::backup::write_whole(&output, &p.bytes)?;
            if json {
                print_json(&serde_json::json!({ "path": output, "meta": p.meta }));
            } else {
                say!("已生成上报包 {}（{}，{}）", output.display(), p.meta.office_name, p.meta.period_label);
                for (sheet, n) in &p.meta.counts {
                    say!("  {sheet}：{n} 条");
                }
            }
        }
        ReportCmd::Import { files, dry_run, force, rename } => {
            return import_packages(r, &files, (dry_run, force, rename), json)
        }
        ReportCmd::Summary { period, output } => {
            let q = period.query();
            if let Some(path) = output {
                renda::db::backup::write_whole(&path, &r.export_report_summary(&q)?)?;
                if !json {
                    say!("已导出 {}", path.display());
                }
            }
            let s = r.report_summary(&q)?;
            if json {
                print_json(&s);
            } else {
                for row in s.rows.iter().chain([&s.total]) {
                    let f = &row.figures;
                    let rate = |x: Option<f64>| x.map(|v| format!("{:.1}%", v * 100.0)).unwrap_or_else(|| "—".into());
                    say!(
                        "{}\t交办 {}\t办复率 {}\t满意率 {}\t{}",
                        row.office_name,
                        f.assigned,
                        rate(f.reply_rate),
                        rate(f.satisfaction_rate),
                        row.received_at.as_deref().unwrap_or(if row.office_id.is_empty() { "" } else { "未报送" })
                    );
                }
                summary_oversight(&s.oversight);
            }
        }
        ReportCmd::List => {
            let list = r.report_list()?;
            if json {
                print_json(&list);
            } else {
                for p in &list {
                    let counts = p.counts.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join("，");
                    say!("{}\t{}\t收到于 {}\t{counts}", p.office_name, p.period_label, p.received_at);
                }
                say!("共 {} 个上报包", list.len());
            }
        }
    }
    Ok(())
}

/// The 审议意见 lines of `renda report summary`: 本级, each office below, 合计 (rates in percent).
fn summary_oversight(t: &renda::reports::OversightLevelTable) {
    say!("审议意见（{}年）", t.year);
    let rate = |x: Option<f64>| x.map_or("—".into(), |v| format!("{v}%"));
    for row in &t.rows {
        let f = &row.figures;
        say!(
            "{}	审议意见 {} 件	按期报告率 {}（{}/{}）	问题 {}	整改完成 {}	整改率 {}",
            row.name,
            f.opinions,
            rate(f.on_time_rate),
            f.reports_on_time,
            f.reports_due,
            f.problems,
            f.problems_done,
            rate(f.fix_rate)
        );
    }
}

/// `renda report import`: every file tried, each one's outcome reported (a refused file does not
/// stop the others); fails (exit 1) when any file was refused or waits for a choice.
fn import_packages(
    r: &mut Renda,
    files: &[std::path::PathBuf],
    (dry_run, force, rename): (bool, bool, bool),
    json: bool,
) -> Result<(), Error> {
    let mut outcomes = Vec::new();
    let mut failed = 0;
    for f in files {
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let args = serde_json::json!({
            "file_name": name, "path": f, "dry_run": dry_run, "force": force, "rename": rename,
        });
        let got: Result<renda::reports::Received, Error> = call(r, "report_import", args);
        let waits = got.as_ref().is_ok_and(|x| matches!(x.action.as_str(), "older" | "rename"));
        if got.is_err() || (waits && !dry_run) {
            failed += 1;
        }
        if !json {
            match &got {
                Ok(x) => {
                    say!("{}：{}{}", f.display(), if dry_run { "预览：" } else { "" }, x.message);
                    for line in x.overlaps.iter().chain(&x.warnings) {
                        say!("  {line}");
                    }
                }
                Err(e) => eprintln!("{}：未导入：{e}", f.display()),
            }
        }
        outcomes.push(match got {
            Ok(x) => serde_json::json!({ "file": f, "ok": true, "received": x }),
            Err(e) => serde_json::json!({ "file": f, "ok": false, "error": e }),
        });
    }
    if json {
        print_json(&outcomes);
        if failed > 0 {
            crate::REPORTED_FAILURE.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        return Ok(());
    }
    if failed > 0 {
        return Err(Error::invalid(format!("{} 个文件中有 {failed} 个没有导入，原因见上。", files.len())));
    }
    Ok(())
}
