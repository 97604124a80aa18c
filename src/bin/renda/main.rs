//! `renda` — the command line of 人大工作台. Parses arguments, runs each command through the same
//! dispatch as the window (`call`), prints text or JSON. Exit codes: 0 success, 1 refused input or
//! failed work (with the reasons), 2 usage error.

mod app;
mod assessment;
mod evaluation;
mod excel;
mod hearing;
mod oversight;
mod project;
mod project_works;
mod roster;
mod serve;
mod setup;
mod suggestion;

use assessment::AssessmentCmd;
use evaluation::EvaluationCmd;
use hearing::HearingCmd;
use oversight::OversightCmd;
use project::ProjectCmd;
use roster::{DeputyCmd, StationCmd, UnitCmd};
use setup::{ReportCmd, SessionCmd, TermCmd};
use suggestion::SuggestionCmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use renda::{Error, Renda};

#[derive(Parser)]
#[command(name = "renda", version, about = "人大工作台：代表建议办理、履职评议、联络站一档四簿", long_about = None)]
struct Cli {
    /// 数据文件（默认：环境变量 RENDA_DB，或当前用户数据文件夹中的 renda.db）
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// 以 JSON 输出（供程序读取）
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 新建（或升级）数据文件
    Init,
    /// 载入示例数据（仅限空数据）
    Demo {
        /// small：一个县约200名代表；large：5000名代表
        #[arg(long, default_value = "small", value_parser = ["small", "large"])]
        scale: String,
    },
    /// 备份数据到文件
    Backup {
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// 从备份文件恢复（先自动备份当前数据）
    Restore { file: PathBuf },
    /// 检查数据完整性、外键与数据版本
    Check,
    /// 浏览器模式：在本机 127.0.0.1 上提供界面
    Serve {
        /// 端口（0 = 自动选择）
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// 启动后用系统浏览器打开
        #[arg(long)]
        open: bool,
        /// 界面文件所在文件夹（开发用；默认使用程序内置的界面）
        #[arg(long = "static", value_name = "DIR")]
        static_dir: Option<PathBuf>,
    },
    /// 代表名册
    #[command(subcommand)]
    Deputy(DeputyCmd),
    /// 承办单位
    #[command(subcommand)]
    Unit(UnitCmd),
    /// 联络站
    #[command(subcommand)]
    Station(StationCmd),
    /// 本单位：名称（填报单位）与层级（乡镇 / 县 / 市）；不带参数时显示
    Office {
        /// 本单位名称，如 城关镇人大主席团
        #[arg(long)]
        name: Option<String>,
        /// 乡镇 / 县 / 市：决定新单位的默认审查层级、评议模板等
        #[arg(long)]
        level: Option<String>,
        /// 数据文件是从别处复制来的，且这是另一个单位：启用新的单位标识（原标识记为曾用标识）
        #[arg(long, conflicts_with = "same")]
        another: bool,
        /// 数据文件是从别处复制来的，但仍是本单位（换了电脑或文件夹）：单位标识不变
        #[arg(long)]
        same: bool,
    },
    /// 届次
    #[command(subcommand)]
    Term(TermCmd),
    /// 会次（人代会）
    #[command(subcommand)]
    Session(SessionCmd),
    /// 今天的提醒：建议到期、超期、待征询、回头看、协办意见、接待日、群众诉求反馈
    Reminders,
    /// 上报包：生成（乡镇向县、县向市上报）、导入下级的上报包、列出已收到的
    #[command(subcommand)]
    Report(ReportCmd),
    /// 代表建议办理
    #[command(subcommand)]
    Suggestion(SuggestionCmd),
    /// 履职评议：新建、查看结果、列表
    #[command(subcommand)]
    Evaluation(EvaluationCmd),
    /// 民生实事项目票决：征集、候选项目、票决、项目实施（监督小组、进度、视察调研、问题、变更与取消）、年度测评、统计
    #[command(subcommand)]
    Project(ProjectCmd),
    /// 审议意见办理：议题、会议、审议意见、交办、延期、报告、测评、问题清单与推进情况、统计
    #[command(subcommand)]
    Oversight(OversightCmd),
    /// 公民旁听：发布公告、报名、审核、遴选（按报名先后或随机抽签，可用种子复核）、旁听证、签到、意见、统计
    #[command(subcommand)]
    Hearing(HearingCmd),
    /// 乡镇人大工作评价：评分表（新建、复制上年、板块和评分项目）、乡镇自评、考核组评分、加减分、考核结果、导出
    #[command(subcommand)]
    Assessment(AssessmentCmd),
    /// 从 Excel 导入（先预览；有出错行时不写入，除非 --skip-invalid）
    Import(excel::ImportCmd),
    /// 导出为 Excel 报表：代表名册、承办单位、建议交办清单、办理台账、承办单位统计表、分类统计表、交办单、征询意见表
    Export(excel::ExportCmd),
    /// 生成空白导入模板（含下拉选项）
    Template(excel::TemplateCmd),
}

/// `println!` that ends quietly when stdout is closed (`renda deputy list | head`).
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write;
        if writeln!(std::io::stdout(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

/// A progress bar on the terminal for long work; none when piped or printing JSON.
pub(crate) fn terminal_bar(r: &mut Renda, json: bool) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if json || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg:8} [{bar:40}] {pos}/{len}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    let b = bar.clone();
    r.set_progress(move |p| {
        b.set_message(p.stage.clone());
        b.set_length(p.total);
        b.set_position(p.done);
    });
    Some(bar)
}

fn main() -> ExitCode {
    utf8_console();
    let cli = Cli::parse();
    let json = cli.json;
    // a caught panic is logged in one line, not as a backtrace (the answer to the user follows)
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("内部错误（已处理）：{}（{at}）", renda::api::panic_text(info.payload()));
    }));
    // a bug must not end in a backtrace and exit code 101: the user gets a Chinese message
    let outcome = std::panic::catch_unwind(|| run(cli)).unwrap_or_else(|payload| {
        Err((Error::Internal(renda::fields::quote(&renda::api::panic_text(payload.as_ref()))), json))
    });
    match outcome {
        Ok(()) if REPORTED_FAILURE.load(std::sync::atomic::Ordering::Relaxed) => ExitCode::from(1),
        Ok(()) => ExitCode::SUCCESS,
        Err((e, json)) => {
            if json {
                say!("{}", serde_json::json!({ "error": e }));
            } else {
                if e.field_errors().is_empty() {
                    eprintln!("错误：{e}");
                } else {
                    eprintln!("错误：输入有误，请修改以下内容后重试：");
                    for f in e.field_errors() {
                        eprintln!("  - {}", f.message);
                    }
                }
            }
            ExitCode::from(1)
        }
    }
}

/// Set by a command that printed every outcome itself (`--json`) and some of them failed: the
/// exit code still says so, without a second JSON document after the command's own.
pub(crate) static REPORTED_FAILURE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Runs command `name` through the one dispatch the window and browser mode use (`api::call`: the
/// same field rules, audit and panic catch), and reads its result as `T`.
pub(crate) fn call<T: serde::de::DeserializeOwned>(
    r: &mut Renda,
    name: &str,
    args: impl serde::Serialize,
) -> Result<T, Error> {
    let args = serde_json::to_value(args).map_err(|e| Error::Internal(format!("参数无法转换为 JSON：{e}")))?;
    let out = renda::api::call(r, name, args)?;
    serde_json::from_value(out).map_err(|e| Error::Internal(format!("操作「{name}」的结果无法读取：{e}")))
}

/// cmd.exe starts in the system's code page (936, GBK, on a Chinese Windows); the program's text is
/// UTF-8. The screen shows it right either way (the standard library writes to a console as UTF-16),
/// but what is piped or redirected is read in the console's code page, so the console is set to UTF-8.
fn utf8_console() {
    #[cfg(windows)]
    // SAFETY: plain Win32 calls with a constant code page; they fail harmlessly without a console
    unsafe {
        windows_sys::Win32::System::Console::SetConsoleOutputCP(65001);
        windows_sys::Win32::System::Console::SetConsoleCP(65001);
    }
}

pub(crate) fn print_json<T: serde::Serialize>(v: &T) {
    say!("{}", serde_json::to_string_pretty(v).expect("serializable"));
}

fn run(cli: Cli) -> Result<(), (Error, bool)> {
    let json = cli.json;
    let fail = |e: Error| (e, json);
    let path = match &cli.db {
        Some(p) => p.clone(),
        None => renda::default_db_path().map_err(fail)?,
    };
    let mut r = Renda::open(&path).map_err(fail)?;
    if let Command::Serve { port, open, static_dir } = cli.command {
        return serve::run(r, port, open, static_dir).map_err(fail);
    }
    dispatch(&mut r, cli.command, json).map_err(fail)
}

/// Runs one command on the open data file.
fn dispatch(r: &mut Renda, command: Command, json: bool) -> Result<(), Error> {
    match command {
        Command::Serve { .. } => unreachable!("run() serves before it dispatches"),
        Command::Init => app::init(r, json),
        Command::Demo { scale } => app::demo(r, &scale, json),
        Command::Backup { output } => app::backup(r, &output, json),
        Command::Restore { file } => app::restore(r, &file, json),
        Command::Check => app::check(r, json),
        Command::Deputy(cmd) => roster::deputy(r, cmd, json),
        Command::Unit(cmd) => roster::unit(r, cmd, json),
        Command::Station(cmd) => roster::station(r, cmd, json),
        Command::Import(a) => excel::import(r, a, json),
        Command::Export(a) => excel::export(r, a, json),
        Command::Template(a) => excel::template(r, a, json),
        Command::Suggestion(cmd) => suggestion::suggestion(r, cmd, json),
        Command::Evaluation(cmd) => evaluation::evaluation(r, cmd, json),
        Command::Project(cmd) => project::project(r, cmd, json),
        Command::Oversight(cmd) => oversight::oversight(r, cmd, json),
        Command::Hearing(cmd) => hearing::hearing(r, cmd, json),
        Command::Assessment(cmd) => assessment::assessment(r, cmd, json),
        Command::Office { name, level, another, same } => setup::office(r, name, level, (another, same), json),
        Command::Term(cmd) => setup::term(r, cmd, json),
        Command::Session(cmd) => setup::session(r, cmd, json),
        Command::Reminders => setup::reminders(r, json),
        Command::Report(cmd) => setup::report(r, cmd, json),
    }
}
