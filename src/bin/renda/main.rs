//! `renda` — the command line of 人大工作台. Parses arguments, calls the engine, prints text or
//! JSON. Exit codes: 0 success, 1 refused input or failed work (with the reasons), 2 usage error.

mod serve;
mod setup;

use setup::{ReportCmd, SessionCmd, TermCmd};

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use renda::roster::model::*;
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
    /// 从 Excel 导入（先预览；有出错行时不写入，除非 --skip-invalid）
    Import {
        /// deputies（代表名册）/ units（承办单位）/ suggestions（建议交办清单、办理情况汇总表）
        #[arg(value_parser = ["deputies", "units", "suggestions", "register", "ballots"])]
        kind: String,
        file: PathBuf,
        /// 建议所属会次编号（默认从表格标题识别，否则为当前会次）
        #[arg(long)]
        session: Option<i64>,
        /// 登记簿所属联络站名称（register）
        #[arg(long)]
        station: Option<String>,
        /// 登记簿：activity（活动）/ contact（联系群众）/ report（述职）/ opinion（意见）
        #[arg(long, value_parser = ["activity", "contact", "report", "opinion"])]
        book: Option<String>,
        /// 测评票所属评议编号（ballots）
        #[arg(long)]
        evaluation: Option<i64>,
        /// 工作表名称（默认：第一个有可识别表头的工作表）
        #[arg(long)]
        sheet: Option<String>,
        /// 不读取的工作表（可重复）
        #[arg(long = "exclude-sheet")]
        exclude_sheet: Vec<String>,
        /// 代表名册：表格中没有代表层级时，新代表的层级（默认：本单位代表的层级）
        #[arg(long)]
        level: Option<String>,
        /// 只预览，不写入
        #[arg(long)]
        dry_run: bool,
        /// 仅导入无误的行
        #[arg(long)]
        skip_invalid: bool,
    },
    /// 导出为 Excel 报表：代表名册、承办单位、建议交办清单、办理台账、承办单位统计表、分类统计表、交办单、征询意见表
    Export {
        #[arg(value_parser = ["deputies", "units", "stations", "register", "archive-index", "station-stats", "evaluation-results", "ballot-forms", "points", "dossier", "assignment-list", "ledger", "unit-stats", "category-stats", "handover-form", "rating-form"])]
        kind: String,
        /// 会次编号（建议报表）
        #[arg(long)]
        session: Option<i64>,
        /// 承办单位名称（建议报表）
        #[arg(long)]
        unit: Option<String>,
        /// 建议编号（交办单、征询意见表）
        #[arg(long)]
        id: Option<i64>,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
        /// 上报用：隐去电话、身份证号（可在设置中关闭）
        #[arg(long)]
        upward: bool,
        /// 代表名册排序：pinyin / strokes / district / birth
        #[arg(long, default_value = "pinyin")]
        sort: String,
        /// 只导出该层级的代表
        #[arg(long)]
        level: Option<String>,
        /// 联络站名称（登记簿、档案目录）
        #[arg(long)]
        station: Option<String>,
        /// 登记簿：activity / contact / report / opinion
        #[arg(long, value_parser = ["activity", "contact", "report", "opinion"])]
        book: Option<String>,
        /// 年度（登记簿、联络站运行统计表、履职积分表、履职档案）
        #[arg(long)]
        year: Option<i64>,
        /// 评议编号（测评结果表、测评票）
        #[arg(long)]
        evaluation: Option<i64>,
        /// 季度 1–4（履职积分表：截至该季度末）
        #[arg(long)]
        quarter: Option<i64>,
        /// 代表姓名（履职档案）
        #[arg(long)]
        deputy: Option<String>,
    },
    /// 生成空白导入模板（含下拉选项）
    Template {
        #[arg(value_parser = clap::builder::PossibleValuesParser::new(renda::roster::excel::TEMPLATE_KINDS))]
        kind: String,
        /// 测评票（ballots）：评议编号，生成该评议的计票表
        #[arg(long)]
        evaluation: Option<i64>,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
}

#[derive(Subcommand)]
enum DeputyCmd {
    /// 新增代表
    Add(Box<DeputyAdd>),
    /// 列出代表
    List {
        /// 按姓名、拼音首字母（如 zs）、单位、电话搜索
        #[arg(long)]
        q: Option<String>,
        /// 层级：全国/省/市/县/乡
        #[arg(long)]
        level: Option<String>,
        #[arg(long)]
        district: Option<String>,
        /// 联络站名称
        #[arg(long)]
        station: Option<String>,
        #[arg(long)]
        status: Option<String>,
        /// pinyin（拼音）/ strokes（姓氏笔画）/ district / birth / updated
        #[arg(long, default_value = "pinyin")]
        sort: String,
        /// 包括已停用的代表
        #[arg(long)]
        all: bool,
    },
}

#[derive(Args)]
struct DeputyAdd {
    #[arg(long)]
    name: String,
    #[arg(long)]
    gender: Option<String>,
    /// 民族
    #[arg(long)]
    ethnicity: Option<String>,
    /// 出生年月，如 1975-03
    #[arg(long)]
    birth: Option<String>,
    /// 政治面貌
    #[arg(long)]
    political: Option<String>,
    /// 文化程度
    #[arg(long)]
    education: Option<String>,
    /// 工作单位及职务
    #[arg(long)]
    work_unit: Option<String>,
    /// 代表证号
    #[arg(long)]
    card_no: Option<String>,
    /// 身份证号
    #[arg(long)]
    id_number: Option<String>,
    /// 层级，可多个：--level 县 --level 乡，或 --level 县,乡
    #[arg(long, value_delimiter = ',', required = true)]
    level: Vec<String>,
    /// 选区
    #[arg(long)]
    district: Option<String>,
    /// 代表团 / 代表小组
    #[arg(long)]
    delegation: Option<String>,
    /// 行业小组
    #[arg(long)]
    sector_group: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    /// 所属联络站名称
    #[arg(long)]
    station: Option<String>,
    /// 届次名称（如 清河县第十八届人民代表大会），默认当前届
    #[arg(long)]
    term: Option<String>,
}

#[derive(Subcommand)]
enum UnitCmd {
    /// 新增承办单位
    Add {
        #[arg(long)]
        name: String,
        /// 政府部门 / 法院 / 检察院 / 乡镇 / 其他
        #[arg(long, default_value = "政府部门")]
        kind: String,
        /// 联系人
        #[arg(long)]
        contact: Option<String>,
        /// 联系电话
        #[arg(long)]
        phone: Option<String>,
    },
    /// 列出承办单位
    List {
        #[arg(long)]
        q: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        all: bool,
    },
}

#[derive(Subcommand)]
enum StationCmd {
    /// 新增联络站
    Add {
        #[arg(long)]
        name: String,
        /// 代表之家 / 代表联络站 / 行业联络站 / 立法联系点
        #[arg(long, default_value = "代表联络站")]
        kind: String,
        /// 所属乡镇
        #[arg(long)]
        township: Option<String>,
        #[arg(long)]
        address: Option<String>,
        /// 站长
        #[arg(long)]
        head: Option<String>,
        /// 联络员
        #[arg(long)]
        liaison: Option<String>,
        /// 每月接待日，如 6,16,26（逢六进站）
        #[arg(long, value_delimiter = ',', conflicts_with = "weekdays")]
        days: Vec<i64>,
        /// 每周接待日，1=周一 … 7=周日，如 2,4
        #[arg(long, value_delimiter = ',')]
        weekdays: Vec<i64>,
        /// 提前几天公告
        #[arg(long, default_value_t = 3)]
        notice_days: i64,
        /// 驻站代表姓名，用顿号或逗号分隔
        #[arg(long)]
        deputies: Option<String>,
    },
    /// 列出联络站
    List {
        #[arg(long)]
        q: Option<String>,
        #[arg(long)]
        township: Option<String>,
        #[arg(long)]
        all: bool,
    },
}

#[derive(Subcommand)]
enum EvaluationCmd {
    /// 新建评议（测评组默认：常委会组成人员、人大代表、服务对象代表）
    Add {
        /// 评议名称
        #[arg(long)]
        name: String,
        #[arg(long)]
        year: i64,
        /// 评定规则：majority（过半数，默认）/ two_thirds / competent / score100
        #[arg(long, default_value = "majority")]
        rule: String,
        /// 评议类型，默认 任命人员履职评议
        #[arg(long)]
        kind: Option<String>,
        /// 评议对象“姓名:职务”，可多次给出
        #[arg(long = "subject")]
        subjects: Vec<String>,
        /// 测评组“名称:权重:应到人数”，可多次给出（给出则替换默认测评组）
        #[arg(long = "group")]
        groups: Vec<String>,
    },
    /// 查看评议的结果（满意率、综合得分、等次、排名）
    Show { id: i64 },
    /// 列出评议
    List,
}

#[derive(Subcommand)]
enum SuggestionCmd {
    /// 登记建议
    Add {
        /// 案由
        #[arg(long)]
        title: String,
        /// 领衔代表姓名
        #[arg(long)]
        lead: String,
        /// 附议代表，用顿号或逗号分隔
        #[arg(long)]
        cosigners: Option<String>,
        /// 会次编号（大会期间）；不填为闭会期间
        #[arg(long)]
        session: Option<i64>,
        #[arg(long)]
        category: Option<String>,
        /// 建议内容
        #[arg(long)]
        body: Option<String>,
        /// 收到日期，默认今天
        #[arg(long)]
        received: Option<String>,
    },
    /// 审查：pass（通过）/ return（退回修改）/ reject（不予立案）/ resubmit（修改后重新提交）/ withdraw（撤回）
    Review {
        id: i64,
        #[arg(value_parser = ["pass", "return", "reject", "resubmit", "withdraw"])]
        decision: String,
        /// 理由
        #[arg(long)]
        reason: Option<String>,
        /// 一次通过所有审查层级，直至立案
        #[arg(long)]
        all: bool,
        #[arg(long)]
        date: Option<String>,
    },
    /// 交办
    Assign {
        id: i64,
        /// 主办单位名称
        #[arg(long)]
        main: String,
        /// 协办单位，用顿号或逗号分隔
        #[arg(long)]
        co: Option<String>,
        /// 涉及面广、处理难度大（6个月）
        #[arg(long)]
        wide: bool,
        /// 重点督办，须同时填 --supervisor
        #[arg(long)]
        key: bool,
        #[arg(long)]
        supervisor: Option<String>,
        #[arg(long)]
        date: Option<String>,
        /// 要求答复日期（默认按规则计算）
        #[arg(long)]
        due: Option<String>,
    },
    /// 答复
    Reply {
        id: i64,
        /// 答复类别：A / B / C / D
        #[arg(long)]
        class: String,
        #[arg(long)]
        doc_no: Option<String>,
        #[arg(long)]
        signer: Option<String>,
        #[arg(long)]
        planned: Option<String>,
        /// 计划落实时限
        #[arg(long)]
        planned_deadline: Option<String>,
        #[arg(long)]
        text: Option<String>,
        #[arg(long)]
        date: Option<String>,
    },
    /// 征询意见：办理工作和办理结果分别评价（满意 / 基本满意 / 不满意 / 未表态）
    Rate {
        id: i64,
        #[arg(long)]
        work: String,
        #[arg(long)]
        result: String,
        /// 采纳 / 部分采纳 / 近期不能落实 / 未采纳
        #[arg(long)]
        adoption: Option<String>,
        #[arg(long)]
        date: Option<String>,
    },
    /// 不满意的建议交承办单位重办
    Rehandle {
        id: i64,
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        due: Option<String>,
    },
    /// 跟踪落实：回头看、二次验收，或 --complete 落实完毕
    Followup {
        id: i64,
        /// 检查发现
        #[arg(long)]
        finding: Option<String>,
        /// 二次验收（默认回头看）
        #[arg(long)]
        acceptance: bool,
        #[arg(long)]
        complete: bool,
        #[arg(long)]
        date: Option<String>,
    },
    /// 任一步骤（如 contact、urge、extend、merge、return_request），参数为 JSON
    Step {
        id: i64,
        action: String,
        /// 其余参数，如 '{"form":"座谈","note":"…"}'
        #[arg(long, default_value = "{}")]
        args: String,
    },
    /// 查看一件建议的全部办理过程
    Show { id: i64 },
    /// 列出建议
    List {
        #[arg(long)]
        q: Option<String>,
        #[arg(long)]
        state: Option<String>,
        #[arg(long)]
        session: Option<i64>,
        /// overdue（已逾期）/ soon（即将到期）
        #[arg(long)]
        due: Option<String>,
    },
    /// 办理情况统计（办复率、满意率……）
    Figures {
        #[arg(long)]
        session: Option<i64>,
        #[arg(long)]
        year: Option<i64>,
    },
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
fn terminal_bar(r: &mut Renda, json: bool) -> Option<indicatif::ProgressBar> {
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
    if let Command::Serve { port, open, static_dir } = cli.command {
        let r = Renda::open(&path).map_err(fail)?;
        return serve::run(r, port, open, static_dir).map_err(fail);
    }
    let mut r = Renda::open(&path).map_err(fail)?;
    match cli.command {
        Command::Serve { .. } => unreachable!("handled above"),
        Command::Init => {
            let st = r.status().map_err(fail)?;
            if json {
                print_json(&st);
            } else {
                say!("数据文件已就绪：{}（数据版本 {}）", st.db_path, st.schema_version);
            }
        }
        Command::Demo { scale } => {
            let s = r.load_demo(renda::demo::Scale::parse(&scale).map_err(fail)?).map_err(fail)?;
            if json {
                print_json(&s);
            } else {
                say!(
                    "已载入示例数据：{} 名代表，{} 个承办单位，{} 个联络站，{} 个届次，{} 次会议，{} 件建议。",
                    s.deputies,
                    s.units,
                    s.stations,
                    s.terms,
                    s.sessions,
                    s.suggestions
                );
            }
        }
        Command::Backup { output } => {
            r.backup_to(&output).map_err(fail)?;
            if json {
                print_json(&serde_json::json!({ "path": output }));
            } else {
                say!("已备份到 {}", output.display());
            }
        }
        Command::Restore { file } => {
            let st = r.restore_from(&file).map_err(fail)?;
            if json {
                print_json(&st);
            } else {
                say!(
                    "已从 {} 恢复数据（恢复前的数据已自动备份到 {}）。",
                    file.display(),
                    renda::db::backups_dir(r.db_path()).display()
                );
            }
        }
        Command::Check => {
            let c = r.check().map_err(fail)?;
            if json {
                print_json(&c);
            } else {
                say!(
                    "完整性检查：{}",
                    if c.integrity.is_empty() { "正常".to_string() } else { c.integrity.join("；") }
                );
                say!(
                    "外键检查：{}",
                    if c.foreign_key_problems.is_empty() {
                        "正常".to_string()
                    } else {
                        c.foreign_key_problems.join("；")
                    }
                );
                say!("数据版本：{}（本程序：{}）", c.schema_version, c.expected_schema_version);
                say!("数据文件标识：{}", if c.application_id_ok { "正常" } else { "不是人大工作台的数据文件" });
            }
            if !c.ok {
                return Err(fail(Error::invalid(
                    "数据检查发现问题，详见上文。请先备份，再从最近的正常备份恢复或联系技术支持。",
                )));
            }
        }
        Command::Deputy(DeputyCmd::Add(a)) => {
            let station_id = match &a.station {
                Some(name) => Some(station_id_by_name(&r, name).map_err(fail)?),
                None => None,
            };
            let term_id = match &a.term {
                Some(name) => {
                    Some(r.term_list().map_err(fail)?.into_iter().find(|t| &t.name == name).map(|t| t.id).ok_or_else(
                        || fail(Error::field("term_id", format!("找不到届次「{name}」，请用 renda term list 查看"))),
                    )?)
                }
                None => r.term_list().map_err(fail)?.into_iter().find(|t| t.is_current).map(|t| t.id),
            };
            let input = DeputyInput {
                name: a.name,
                gender: a.gender,
                ethnicity: a.ethnicity,
                birth_month: a.birth,
                political: a.political,
                education: a.education,
                work_unit: a.work_unit,
                card_no: a.card_no,
                id_number: a.id_number,
                levels: a.level,
                district: a.district,
                delegation: a.delegation,
                sector_group: a.sector_group,
                phone: a.phone,
                station_id,
                term_id,
            };
            let d = r.deputy_create(&input).map_err(fail)?;
            if json {
                print_json(&d);
            } else {
                say!("已新增代表 {}（编号 {}）", d.name, d.id);
            }
        }
        Command::Deputy(DeputyCmd::List { q, level, district, station, status, sort, all }) => {
            let station_id = match &station {
                Some(name) => Some(station_id_by_name(&r, name).map_err(fail)?),
                None => None,
            };
            let page = r
                .deputy_list(&DeputyQuery {
                    q,
                    level,
                    district,
                    station_id,
                    status,
                    include_inactive: Some(all),
                    sort: Some(sort),
                    page_size: Some(0),
                    ..Default::default()
                })
                .map_err(fail)?;
            if json {
                print_json(&page.items);
            } else {
                say!(
                    "{:<8}\t{:<2}\t{:<7}\t{:<8}\t{:<10}\t{:<11}\t工作单位及职务",
                    "姓名",
                    "性别",
                    "出生年月",
                    "层级",
                    "选区",
                    "联系电话"
                );
                for d in &page.items {
                    say!(
                        "{:<8}\t{:<2}\t{:<7}\t{:<8}\t{:<10}\t{:<11}\t{}",
                        d.name,
                        d.gender.as_deref().unwrap_or(""),
                        d.birth_month.as_deref().unwrap_or(""),
                        d.levels.join("、"),
                        d.district.as_deref().unwrap_or(""),
                        d.phone.as_deref().unwrap_or(""),
                        d.work_unit.as_deref().unwrap_or("")
                    );
                }
                say!("共 {} 人", page.total);
            }
        }
        Command::Unit(UnitCmd::Add { name, kind, contact, phone }) => {
            let u = r
                .unit_create(&UnitInput { name, kind, contact_person: contact, contact_phone: phone })
                .map_err(fail)?;
            if json {
                print_json(&u);
            } else {
                say!("已新增承办单位 {}（编号 {}）", u.name, u.id);
            }
        }
        Command::Unit(UnitCmd::List { q, kind, all }) => {
            let page = r
                .unit_list(&UnitQuery {
                    q,
                    kind,
                    include_inactive: Some(all),
                    page_size: Some(0),
                    ..Default::default()
                })
                .map_err(fail)?;
            if json {
                print_json(&page.items);
            } else {
                for u in &page.items {
                    say!(
                        "{}\t{}\t{}\t{}{}",
                        u.name,
                        u.kind,
                        u.contact_person.as_deref().unwrap_or(""),
                        u.contact_phone.as_deref().unwrap_or(""),
                        if u.active { "" } else { "\t（已停用）" }
                    );
                }
                say!("共 {} 个单位", page.total);
            }
        }
        Command::Station(StationCmd::Add {
            name,
            kind,
            township,
            address,
            head,
            liaison,
            days,
            weekdays,
            notice_days,
            deputies,
        }) => {
            let schedule = if !days.is_empty() {
                Schedule { kind: "month_days".into(), days, notice_days }
            } else if !weekdays.is_empty() {
                Schedule { kind: "weekdays".into(), days: weekdays, notice_days }
            } else {
                Schedule { notice_days, ..Schedule::default() }
            };
            let mut deputy_ids = Vec::new();
            for n in deputies
                .iter()
                .flat_map(|s| s.split(['、', ',', '，', ';', '；']))
                .map(renda::text::normalize_name)
                .filter(|n| !n.is_empty())
            {
                let found = r
                    .deputy_list(&DeputyQuery { q: Some(n.clone()), page_size: Some(0), ..Default::default() })
                    .map_err(fail)?;
                let exact: Vec<_> = found.items.iter().filter(|d| d.name == n).collect();
                match exact.as_slice() {
                    [d] => deputy_ids.push(d.id),
                    [] => {
                        return Err(fail(Error::field(
                            "deputy_ids",
                            format!("名册中没有代表「{n}」，请先添加或检查姓名"),
                        )))
                    }
                    _ => {
                        return Err(fail(Error::field(
                            "deputy_ids",
                            format!("名册中有 {} 位代表叫「{n}」，请在界面中选择", exact.len()),
                        )))
                    }
                }
            }
            let s = r
                .station_create(&StationInput { name, kind, township, address, head, liaison, schedule, deputy_ids })
                .map_err(fail)?;
            if json {
                print_json(&s);
            } else {
                say!("已新增联络站 {}（{}）", s.name, s.schedule_text);
            }
        }
        Command::Station(StationCmd::List { q, township, all }) => {
            let page = r
                .station_list(&StationQuery {
                    q,
                    township,
                    include_inactive: Some(all),
                    page_size: Some(0),
                    ..Default::default()
                })
                .map_err(fail)?;
            if json {
                print_json(&page.items);
            } else {
                for s in &page.items {
                    say!(
                        "{}\t{}\t{}\t{}\t驻站代表 {} 人",
                        s.name,
                        s.kind,
                        s.township.as_deref().unwrap_or(""),
                        s.schedule_text,
                        s.deputies.len()
                    );
                }
                say!("共 {} 个联络站", page.total);
            }
        }
        Command::Import {
            kind,
            file,
            session,
            station,
            book,
            evaluation,
            sheet,
            exclude_sheet,
            level,
            dry_run,
            skip_invalid,
        } => {
            // a file beyond the reader's budget is refused before it is read into memory
            let size = std::fs::metadata(&file).map_err(|e| fail(Error::io(&file, e)))?.len();
            if size > renda::excel::limits::MAX_FILE_BYTES as u64 {
                return Err(fail(Error::BadFile(format!(
                    "文件超过{}MB，请拆分后导入。",
                    renda::excel::limits::MAX_FILE_BYTES >> 20
                ))));
            }
            let bytes = std::fs::read(&file).map_err(|e| fail(Error::io(&file, e)))?;
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let opts = renda::excel::import::ImportOptions {
                sheet,
                dry_run,
                skip_invalid,
                default_level: level,
                excluded_sheets: exclude_sheet,
            };
            let bar = terminal_bar(&mut r, json);
            let report = match kind.as_str() {
                "deputies" => r.import_deputies(&bytes, &name, &opts),
                "suggestions" => r.import_suggestions(&bytes, &name, &opts, session),
                "register" => {
                    let (station, book) = station_and_book(&r, station.as_deref(), book.as_deref()).map_err(fail)?;
                    r.import_register(station, &book, &bytes, &name, &opts)
                }
                "ballots" => {
                    let id = evaluation.ok_or_else(|| {
                        fail(Error::field("evaluation", "请用 --evaluation 指定评议编号（renda evaluation list 可查）"))
                    })?;
                    r.import_ballots(id, &bytes, &name, &opts)
                }
                _ => r.import_units(&bytes, &name, &opts),
            }
            .map_err(fail)?;
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
            if json {
                print_json(&report.summary());
            } else {
                say!("文件：{}（工作表「{}」，表头在第{}行）", report.file_name, report.sheet, report.header_row);
                if report.sheets.len() > 1 {
                    let read: Vec<String> = report
                        .sheets
                        .iter()
                        .filter(|s| s.read)
                        .map(|s| format!("「{}」{}行", s.name, s.rows))
                        .collect();
                    let skipped: Vec<String> = report
                        .sheets
                        .iter()
                        .filter(|s| !s.read)
                        .map(|s| format!("「{}」（{}）", s.name, s.reason))
                        .collect();
                    say!(
                        "读取的工作表：{}{}",
                        read.join("；"),
                        if skipped.is_empty() {
                            String::new()
                        } else {
                            format!("；未读取：{}", skipped.join("；"))
                        }
                    );
                }
                if !report.ignored_columns.is_empty() {
                    say!("未导入的列：{}", report.ignored_columns.join("、"));
                }
                // values the file does not hold in their own cell: merged cells, combined columns
                let labels: std::collections::HashMap<&str, &str> =
                    report.columns.iter().map(|c| (c.field.as_str(), c.label.as_str())).collect();
                let guessed: Vec<String> = report
                    .rows
                    .iter()
                    .flat_map(|row| {
                        let many = report.sheets.iter().filter(|s| s.read).count() > 1;
                        let place = if many {
                            format!("「{}」第{}行", row.sheet, row.row)
                        } else {
                            format!("第{}行", row.row)
                        };
                        let labels = &labels;
                        row.notes.iter().map(move |(k, n)| {
                            format!(
                                "{place}「{}」{}：{n}",
                                labels.get(k.as_str()).copied().unwrap_or(""),
                                row.values.get(k).cloned().unwrap_or_default()
                            )
                        })
                    })
                    .collect();
                for g in guessed.iter().take(30) {
                    say!("  ~ {g}");
                }
                if guessed.len() > 30 {
                    say!("  ~ 另有 {} 处同类补全或拆分", guessed.len() - 30);
                }
                for n in &report.notes {
                    say!("{n}");
                }
                for d in &report.defaults {
                    say!("本次导入默认{}：{}（{}）", d.label, d.value, d.note);
                }
                for w in &report.warnings {
                    say!("  ! {w}");
                }
                for e in &report.errors {
                    say!("  ✗ {}", e.message);
                }
                let verb = if report.committed { "已导入" } else { "预览" };
                say!(
                    "{verb}：新增 {}，更新 {}，未变 {}，出错 {} 行{}",
                    report.added,
                    report.updated,
                    report.unchanged,
                    report.rows.iter().filter(|r| r.action == "error").count(),
                    if report.skipped > 0 && report.committed {
                        format!("（已跳过出错行 {} 行）", report.skipped)
                    } else {
                        String::new()
                    }
                );
                if !report.committed && !dry_run {
                    say!("有出错的行，未写入任何数据。请修改表格后重新导入，或加 --skip-invalid 仅导入无误的行。");
                }
            }
            if !report.errors.is_empty() && !skip_invalid {
                std::process::exit(1);
            }
        }
        Command::Export {
            kind,
            session,
            unit,
            id,
            output,
            upward,
            sort,
            level,
            station,
            book,
            year,
            evaluation,
            quarter,
            deputy,
        } => {
            use renda::suggestions::model::{FigureQuery, SuggestionQuery};
            let unit_id = match &unit {
                Some(u) => Some(unit_id_by_name(&r, u).map_err(fail)?),
                None => None,
            };
            let sq = SuggestionQuery { session_id: session, unit_id, ..Default::default() };
            let fq = FigureQuery { session_id: session, unit_id, ..Default::default() };
            let need_id =
                || id.ok_or_else(|| fail(Error::field("id", "请用 --id 指定建议编号（renda suggestion list 可查）")));
            let bytes = match kind.as_str() {
                "deputies" => r.export_deputies(&DeputyQuery { sort: Some(sort), level, ..Default::default() }, upward),
                "units" => r.export_units(&UnitQuery::default()),
                "stations" => r.export_stations(&StationQuery::default()),
                "register" => {
                    let (station, book) = station_and_book(&r, station.as_deref(), book.as_deref()).map_err(fail)?;
                    let year =
                        year.unwrap_or_else(|| chrono::Local::now().format("%Y").to_string().parse().unwrap_or(2026));
                    r.export_register(
                        &renda::api::RegisterExportArgs {
                            station_id: station,
                            book,
                            year,
                            q: None,
                            kind: None,
                            open_only: None,
                        },
                        upward,
                    )
                }
                "archive-index" => {
                    let (station, _) = station_and_book(&r, station.as_deref(), Some("")).map_err(fail)?;
                    r.export_archive_index(station)
                }
                "station-stats" => r.export_station_stats(year),
                "evaluation-results" | "ballot-forms" => {
                    let id = evaluation.ok_or_else(|| {
                        fail(Error::field("evaluation", "请用 --evaluation 指定评议编号（renda evaluation list 可查）"))
                    })?;
                    if kind == "ballot-forms" {
                        r.export_ballot_forms(id)
                    } else {
                        r.export_evaluation_results(id)
                    }
                }
                "points" => r.export_points(year.unwrap_or_else(this_year), quarter, None),
                "dossier" => {
                    let name =
                        deputy.as_deref().ok_or_else(|| fail(Error::field("deputy", "请用 --deputy 指定代表姓名")))?;
                    let id = deputy_id_by_name(&r, name).map_err(fail)?;
                    r.export_dossier(id, year)
                }
                "assignment-list" => r.export_assignment_list(&sq),
                "ledger" => r.export_ledger(&sq),
                "unit-stats" => r.export_unit_stats(&fq),
                "category-stats" => r.export_category_stats(&fq),
                "handover-form" => r.export_suggestion_form(need_id()?, "handover"),
                _ => r.export_suggestion_form(need_id()?, "rating"),
            }
            .map_err(fail)?;
            std::fs::write(&output, bytes).map_err(|e| fail(Error::io(&output, e)))?;
            if json {
                print_json(&serde_json::json!({ "path": output }));
            } else {
                say!("已导出到 {}", output.display());
            }
        }
        Command::Template { kind, output, evaluation } => {
            let bytes = match evaluation.filter(|_| kind == "ballots") {
                Some(id) => r.ballot_count_template(id),
                None => r.template(&kind),
            }
            .map_err(fail)?;
            std::fs::write(&output, bytes).map_err(|e| fail(Error::io(&output, e)))?;
            if json {
                print_json(&serde_json::json!({ "path": output }));
            } else {
                say!("已生成导入模板 {}", output.display());
            }
        }
        Command::Suggestion(cmd) => suggestion(&mut r, cmd, json).map_err(fail)?,
        Command::Evaluation(cmd) => evaluation(&mut r, cmd, json).map_err(fail)?,
        Command::Office { name, level } => setup::office(&mut r, name, level, json).map_err(fail)?,
        Command::Term(cmd) => setup::term(&mut r, cmd, json).map_err(fail)?,
        Command::Session(cmd) => setup::session(&mut r, cmd, json).map_err(fail)?,
        Command::Reminders => setup::reminders(&r, json).map_err(fail)?,
        Command::Report(cmd) => setup::report(&mut r, cmd, json).map_err(fail)?,
    }
    Ok(())
}

fn station_id_by_name(r: &Renda, name: &str) -> Result<i64, Error> {
    let page = r.station_list(&StationQuery {
        q: Some(name.to_string()),
        include_inactive: Some(true),
        page_size: Some(0),
        ..Default::default()
    })?;
    page.items.iter().find(|s| s.name == name.trim()).map(|s| s.id).ok_or_else(|| {
        Error::field("station_id", format!("找不到联络站「{name}」，请用 renda station list 查看准确名称"))
    })
}

fn names_to_ids(r: &Renda, names: &str, deputies: bool) -> Result<Vec<i64>, Error> {
    let mut ids = Vec::new();
    for n in names.split(['、', ',', '，', ';', '；']).map(|x| x.trim()).filter(|x| !x.is_empty()) {
        ids.push(if deputies { deputy_id_by_name(r, n)? } else { unit_id_by_name(r, n)? });
    }
    Ok(ids)
}

fn deputy_id_by_name(r: &Renda, name: &str) -> Result<i64, Error> {
    let n = renda::text::normalize_name(name);
    let found = r.deputy_list(&DeputyQuery { q: Some(n.clone()), page_size: Some(0), ..Default::default() })?;
    let exact: Vec<_> = found.items.iter().filter(|d| d.name == n).collect();
    match exact.as_slice() {
        [d] => Ok(d.id),
        [] => Err(Error::field("lead_deputy_id", format!("名册中没有代表「{n}」"))),
        _ => Err(Error::field("lead_deputy_id", format!("名册中有 {} 位代表叫「{n}」，请在界面中选择", exact.len()))),
    }
}

fn this_year() -> i64 {
    chrono::Local::now().format("%Y").to_string().parse().unwrap_or(2026)
}

fn evaluation(r: &mut Renda, cmd: EvaluationCmd, json: bool) -> Result<(), Error> {
    use renda::evaluation::model::*;
    let pct = |v: Option<f64>| v.map(|x| format!("{:.1}%", x * 100.0)).unwrap_or_else(|| "—".into());
    match cmd {
        EvaluationCmd::Add { name, year, rule, kind, subjects, groups } => {
            let mut e = r.evaluation_preset(&rule, year)?;
            e.name = name;
            if let Some(k) = kind {
                e.kind = k;
            }
            if !groups.is_empty() {
                e.groups = groups
                    .iter()
                    .map(|g| {
                        let p: Vec<&str> = g.split([':', '：']).collect();
                        match p.as_slice() {
                            [n, w, x] => Ok(RaterGroup {
                                id: 0,
                                name: n.to_string(),
                                weight: w.parse().map_err(|_| Error::field("group", format!("权重「{w}」不是数字")))?,
                                expected: x
                                    .parse()
                                    .map_err(|_| Error::field("group", format!("应到人数「{x}」不是整数")))?,
                            }),
                            _ => Err(Error::field(
                                "group",
                                format!("测评组「{g}」应写作“名称:权重:应到人数”，如 常委会组成人员:0.5:25"),
                            )),
                        }
                    })
                    .collect::<Result<_, Error>>()?;
            }
            e.subjects = subjects
                .iter()
                .map(|s| {
                    let (n, post) = s.split_once([':', '：']).unwrap_or((s.as_str(), ""));
                    Subject {
                        name: n.to_string(),
                        post: Some(post.to_string()).filter(|p| !p.is_empty()),
                        ..Default::default()
                    }
                })
                .collect();
            let e = r.evaluation_create(&e)?;
            if json {
                print_json(&e);
            } else {
                say!("已新建评议（编号 {}）：{}，{}，评议对象 {} 人", e.id, e.name, e.rule_name, e.subjects.len());
            }
        }
        EvaluationCmd::Show { id } => {
            let e = r.evaluation_get(id)?;
            let res = r.evaluation_results(id)?;
            if json {
                print_json(&res);
            } else {
                say!("{}（{}，{}）", e.name, e.rule_name, if e.status == "closed" { "已结束" } else { "进行中" });
                let mut ranked: Vec<_> = res.subjects.iter().collect();
                ranked.sort_by_key(|s| (s.rank.unwrap_or(i64::MAX), s.subject_id));
                for s in ranked {
                    say!(
                        "{:>3} {}\t满意 {} 基本满意 {} 不满意 {} 弃权 {}\t满意率 {} 基本满意率 {}\t得分 {}\t{}",
                        s.rank.map(|x| x.to_string()).unwrap_or_else(|| "—".into()),
                        s.name,
                        s.total.satisfied,
                        s.total.basic,
                        s.total.unsatisfied,
                        s.total.abstain,
                        pct(s.satisfied_rate),
                        pct(s.basic_rate),
                        s.score.map(|x| format!("{x:.1}")).unwrap_or_else(|| "—".into()),
                        s.grade.clone().unwrap_or_else(|| "未计票".into())
                    );
                    for g in &s.groups {
                        say!(
                            "      {}：满意率 {} 基本满意率 {}\t{}",
                            g.group,
                            pct(g.satisfied_rate),
                            pct(g.basic_rate),
                            g.grade.clone().unwrap_or_else(|| "未计票".into())
                        );
                    }
                }
            }
        }
        EvaluationCmd::List => {
            let list = r.evaluation_list()?;
            if json {
                print_json(&list);
            } else {
                for e in &list {
                    say!(
                        "{}\t{}\t{}\t{}\t对象 {} 人\t{}",
                        e.id,
                        e.year,
                        e.name,
                        e.rule_name,
                        e.subjects,
                        if e.status == "closed" { "已结束" } else { "进行中" }
                    );
                }
            }
        }
    }
    Ok(())
}

fn station_and_book(r: &Renda, station: Option<&str>, book: Option<&str>) -> Result<(i64, String), Error> {
    let station =
        station.ok_or_else(|| Error::field("station", "请用 --station 指定联络站名称（renda station list 可查）"))?;
    let id = station_id_by_name(r, station)?;
    let book = book.ok_or_else(|| {
        Error::field(
            "book",
            "请用 --book 指定登记簿：activity（活动）、contact（联系群众）、report（述职）、opinion（意见）",
        )
    })?;
    Ok((id, book.to_string()))
}

fn unit_id_by_name(r: &Renda, name: &str) -> Result<i64, Error> {
    let page = r.unit_list(&UnitQuery { q: Some(name.to_string()), page_size: Some(0), ..Default::default() })?;
    page.items.iter().find(|u| u.name == name.trim()).map(|u| u.id).ok_or_else(|| {
        Error::field("main_unit_id", format!("找不到承办单位「{name}」，请用 renda unit list 查看准确名称"))
    })
}

fn suggestion(r: &mut Renda, cmd: SuggestionCmd, json: bool) -> Result<(), Error> {
    use renda::suggestions::model::*;
    let show = |s: &Suggestion| {
        if json {
            print_json(s);
        } else {
            let row = &s.row;
            say!("{}　{}　【{}】", row.number_text, row.title, row.state);
            say!(
                "领衔代表：{}{}",
                row.lead_deputy,
                if row.cosigners.is_empty() {
                    String::new()
                } else {
                    format!("　附议：{}", row.cosigners.join("、"))
                }
            );
            if let Some(u) = &row.main_unit {
                say!(
                    "主办：{u}{}　交办：{}　要求答复：{}",
                    if row.co_units.is_empty() {
                        String::new()
                    } else {
                        format!("　协办：{}", row.co_units.join("、"))
                    },
                    row.assigned_date.as_deref().unwrap_or(""),
                    row.due_date.as_deref().unwrap_or("")
                );
            }
            for e in &s.events {
                say!("  {}　{}　{}", e.date.as_deref().unwrap_or(""), e.kind_label, e.summary);
            }
            let next: Vec<&str> = s.actions.iter().map(|a| a.label.as_str()).collect();
            if !next.is_empty() {
                say!("可进行：{}", next.join("、"));
            }
        }
    };
    let stepped = |r: &mut Renda, a: StepArgs| -> Result<Suggestion, Error> { r.suggestion_step(&a) };
    match cmd {
        SuggestionCmd::Add { title, lead, cosigners, session, category, body, received } => {
            let lead_deputy_id = deputy_id_by_name(r, &lead)?;
            let cosigner_ids = match cosigners {
                Some(c) => names_to_ids(r, &c, true)?,
                None => vec![],
            };
            let s = r.suggestion_create(&SuggestionInput {
                period: if session.is_some() { "大会" } else { "闭会" }.into(),
                session_id: session,
                term_id: None,
                title,
                body,
                category,
                lead_deputy_id,
                cosigner_ids,
                received_date: received.unwrap_or_default(),
            })?;
            show(&s);
        }
        SuggestionCmd::Review { id, decision, reason, all, date } => {
            let action = match decision.as_str() {
                "pass" => "review_pass",
                "return" => "review_return",
                "reject" => "reject",
                "resubmit" => "resubmit",
                _ => "withdraw",
            };
            let mut s = stepped(
                r,
                StepArgs { id, action: action.into(), note: reason.clone(), date: date.clone(), ..Default::default() },
            )?;
            while all && action == "review_pass" && s.row.state == REVIEWING {
                s = stepped(r, StepArgs { id, action: action.into(), date: date.clone(), ..Default::default() })?;
            }
            show(&s);
        }
        SuggestionCmd::Assign { id, main, co, wide, key, supervisor, date, due } => {
            let main_unit_id = Some(unit_id_by_name(r, &main)?);
            let co_unit_ids = Some(match co {
                Some(c) => names_to_ids(r, &c, false)?,
                None => vec![],
            });
            let s = stepped(
                r,
                StepArgs {
                    id,
                    action: "assign".into(),
                    date,
                    main_unit_id,
                    co_unit_ids,
                    wide_ranging: Some(wide),
                    key_item: Some(key),
                    supervisor,
                    due_date: due,
                    ..Default::default()
                },
            )?;
            show(&s);
        }
        SuggestionCmd::Reply { id, class, doc_no, signer, planned, planned_deadline, text, date } => {
            let s = stepped(
                r,
                StepArgs {
                    id,
                    action: "reply".into(),
                    date,
                    class: Some(class),
                    doc_no,
                    signer,
                    planned_items: planned,
                    planned_deadline,
                    text,
                    ..Default::default()
                },
            )?;
            show(&s);
        }
        SuggestionCmd::Rate { id, work, result, adoption, date } => {
            let s = stepped(
                r,
                StepArgs {
                    id,
                    action: "rate".into(),
                    date,
                    work_rating: Some(work),
                    result_rating: Some(result),
                    adoption,
                    ..Default::default()
                },
            )?;
            show(&s);
        }
        SuggestionCmd::Rehandle { id, date, due } => {
            let s = stepped(r, StepArgs { id, action: "rehandle".into(), date, due_date: due, ..Default::default() })?;
            show(&s);
        }
        SuggestionCmd::Followup { id, finding, acceptance, complete, date } => {
            let s = if complete {
                stepped(r, StepArgs { id, action: "complete".into(), date, note: finding, ..Default::default() })?
            } else {
                stepped(
                    r,
                    StepArgs {
                        id,
                        action: "followup".into(),
                        date,
                        note: finding,
                        kind: Some(if acceptance { "二次验收" } else { "回头看" }.into()),
                        ..Default::default()
                    },
                )?
            };
            show(&s);
        }
        SuggestionCmd::Step { id, action, args } => {
            let mut v: serde_json::Value =
                serde_json::from_str(&args).map_err(|e| Error::invalid(format!("--args 不是有效的 JSON：{e}")))?;
            v["id"] = id.into();
            v["action"] = action.into();
            let a: StepArgs = serde_json::from_value(v).map_err(|e| Error::invalid(format!("--args 参数有误：{e}")))?;
            let s = stepped(r, a)?;
            show(&s);
        }
        SuggestionCmd::Show { id } => show(&r.suggestion_get(id)?),
        SuggestionCmd::List { q, state, session, due } => {
            let page = r.suggestion_list(&SuggestionQuery {
                q,
                state,
                session_id: session,
                due,
                page_size: Some(0),
                ..Default::default()
            })?;
            if json {
                print_json(&page.items);
            } else {
                for s in &page.items {
                    say!(
                        "{}\t{}\t{}\t{}\t{}\t{}",
                        s.id,
                        s.number_text,
                        s.state,
                        s.lead_deputy,
                        s.main_unit.as_deref().unwrap_or(""),
                        s.title
                    );
                }
                say!("共 {} 件", page.total);
            }
        }
        SuggestionCmd::Figures { session, year } => {
            let f = r.suggestion_figures(&FigureQuery { session_id: session, year, ..Default::default() })?;
            if json {
                print_json(&f);
            } else {
                let p = renda::excel::write::pct_text;
                say!("交办 {} 件，已答复 {} 件", f.assigned, f.replied);
                say!(
                    "办复率 {}　按期办复率 {}　满意率 {}　首次满意率 {}",
                    p(f.reply_rate),
                    p(f.on_time_rate),
                    p(f.satisfaction_rate),
                    p(f.first_satisfaction_rate)
                );
                say!(
                    "解决率 {}　见面率 {}　办结率 {}　不满意 {} 件　重办 {} 件",
                    p(f.solve_rate),
                    p(f.face_rate),
                    p(f.conclude_rate),
                    f.unsatisfied,
                    f.rehandled
                );
                for c in &f.by_class {
                    say!("  {}类（{}）{} 件 {}", c.code, c.label, c.count, p(c.share));
                }
            }
        }
    }
    Ok(())
}
