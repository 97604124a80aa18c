//! `renda project` for adopted 民生实事项目 — list, show, add by hand, progress, visits, problems, a change or
//! cancellation, and the year's rating. Each goes through `api::call`.

use clap::{Args, Subcommand};
use renda::api::{ProjectDetail, UpdateArgs};
use renda::common::Page;
use renda::evaluation::model::Evaluation;
use renda::projects::model::*;
use renda::roster::model::DeputyChoice;
use renda::{Error, Renda};
use serde_json::json;

use crate::{call, print_json, say};

#[derive(Subcommand)]
pub enum WorksCmd {
    /// 列出项目（含最新阶段、完成投资、进度等次、未整改问题数）
    List {
        /// 年度（含跨年度项目）
        #[arg(long)]
        year: Option<i64>,
        /// 名称、内容或单位中包含的文字
        #[arg(long)]
        q: Option<String>,
    },
    /// 查看项目的全部情况
    Show { id: i64 },
    /// 补录一个项目（此前票决的，或按政府清单录入）
    Add(AddArgs),
    /// 登记一次进度（追加，不覆盖）
    Progress(ProgressArgs),
    /// 登记一次视察或调研（计入代表履职积分，同一天只计一次）
    Visit {
        id: i64,
        /// 日期，如 2025-05-10
        #[arg(long)]
        date: String,
        /// 视察 / 调研
        #[arg(long, default_value = "视察")]
        kind: String,
        /// 参加代表的姓名，可多次给出
        #[arg(long = "deputy", required = true)]
        deputies: Vec<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// 添加问题清单中的问题
    Problem {
        id: i64,
        /// 问题
        problem: String,
        /// 责任单位
        #[arg(long)]
        unit: Option<String>,
        /// 整改时限
        #[arg(long)]
        due: Option<String>,
    },
    /// 更新问题的整改情况：序号为 show 中问题的序号；只改给出的各项
    ProblemUpdate {
        id: i64,
        /// 问题序号（renda project show 中的「问题N」）
        number: usize,
        /// 整改情况
        #[arg(long)]
        progress: Option<String>,
        /// 整改完成日期
        #[arg(long)]
        resolved: Option<String>,
        /// 整改时限
        #[arg(long)]
        due: Option<String>,
        /// 责任单位
        #[arg(long)]
        unit: Option<String>,
    },
    /// 取消项目（须写明批准机关和批准日期）
    Cancel {
        id: i64,
        /// 批准机关
        #[arg(long)]
        approver: String,
        /// 批准日期
        #[arg(long)]
        date: String,
        /// 取消的内容和理由
        #[arg(long)]
        content: String,
    },
    /// 设置人大代表监督小组（按姓名；组长须是小组成员）
    Group {
        id: i64,
        /// 组长姓名
        #[arg(long)]
        leader: Option<String>,
        /// 成员姓名，可多次给出（组长也要列出）
        #[arg(long = "deputy", required = true)]
        deputies: Vec<String>,
    },
    /// 变更项目（须写明批准机关、批准日期和变更内容；原来的内容留有记录）：只改给出的各项
    Change(ChangeArgs),
    /// 更正项目的登记信息（录入有误、补填开工日期等，不是变更）：只改给出的各项
    Edit(EditArgs),
    /// 建立年度民生实事项目测评（人大代表对每个项目投满意、基本满意、不满意票）
    Rating {
        year: i64,
        /// 等次规则：majority（默认）/ two_thirds / competent
        #[arg(long)]
        rule: Option<String>,
        /// 应到代表人数（默认为代表名册中的在册代表数）
        #[arg(long)]
        expected: Option<i64>,
    },
}

#[derive(Args)]
pub struct ChangeArgs {
    id: i64,
    /// 批准机关
    #[arg(long)]
    approver: String,
    /// 批准日期
    #[arg(long)]
    date: String,
    /// 变更的内容和理由
    #[arg(long)]
    content: String,
    /// 新的项目名称
    #[arg(long)]
    name: Option<String>,
    /// 新的牵头单位
    #[arg(long)]
    lead: Option<String>,
    /// 新的责任单位
    #[arg(long)]
    units: Option<String>,
    /// 新的总投资（万元）
    #[arg(long)]
    investment: Option<f64>,
    /// 新的计划完成日期
    #[arg(long)]
    end: Option<String>,
}

#[derive(Args)]
pub struct EditArgs {
    id: i64,
    #[arg(long)]
    name: Option<String>,
    /// 牵头单位
    #[arg(long)]
    lead: Option<String>,
    /// 业主单位
    #[arg(long)]
    owner: Option<String>,
    /// 总投资（万元）
    #[arg(long)]
    investment: Option<f64>,
    /// 开工日期
    #[arg(long)]
    start: Option<String>,
    /// 计划完成日期
    #[arg(long)]
    end: Option<String>,
    /// 建设内容
    #[arg(long)]
    content: Option<String>,
}

#[derive(Args)]
pub struct AddArgs {
    /// 项目名称
    name: String,
    /// 票决年度
    #[arg(long)]
    year: i64,
    /// 领域：教育、医疗卫生、交通、水利、农业农村、社会保障、生态环境、文化体育、其他
    #[arg(long)]
    field: String,
    #[arg(long)]
    content: Option<String>,
    /// 牵头单位
    #[arg(long)]
    lead: Option<String>,
    /// 业主单位
    #[arg(long)]
    owner: Option<String>,
    /// 总投资（万元）
    #[arg(long)]
    investment: Option<f64>,
    /// 开工日期
    #[arg(long)]
    start: Option<String>,
    /// 计划完成日期
    #[arg(long)]
    end: Option<String>,
}

#[derive(Args)]
pub struct ProgressArgs {
    id: i64,
    /// 日期
    #[arg(long)]
    date: String,
    /// 阶段：preparing（前期手续）/ building（在建，默认）/ finished（完工）
    #[arg(long, default_value = "building")]
    stage: String,
    /// 形象进度（%）
    #[arg(long)]
    percent: Option<f64>,
    /// 累计完成投资（万元）
    #[arg(long)]
    invested: Option<f64>,
    /// 进展情况
    #[arg(long)]
    text: Option<String>,
    /// 完成投资少于此前登记时的更正说明
    #[arg(long)]
    correction: Option<String>,
}

pub fn works(r: &mut Renda, cmd: WorksCmd, json: bool) -> Result<(), Error> {
    match cmd {
        WorksCmd::List { year, q } => list(r, year, q, json),
        WorksCmd::Show { id } => show(r, id, json),
        WorksCmd::Add(a) => {
            let input = ProjectInput {
                year: a.year,
                name: a.name,
                field: a.field,
                content: a.content,
                lead_unit: a.lead,
                owner_unit: a.owner,
                investment: a.investment,
                start_date: a.start,
                planned_end: a.end,
                ..Default::default()
            };
            done(call(r, "project_create", input)?, "已登记项目", json)
        }
        WorksCmd::Progress(a) => {
            let stage = json!(a.stage);
            let input = json!({ "project_id": a.id, "date": a.date, "stage": stage, "percent": a.percent,
                "invested": a.invested, "text": a.text, "correction": a.correction });
            done(call(r, "progress_add", input)?, "已登记进度", json)
        }
        WorksCmd::Visit { id, date, kind, deputies, note } => {
            let ids = deputies.iter().map(|n| deputy_id(r, n)).collect::<Result<Vec<_>, _>>()?;
            let input = VisitInput { project_id: id, date, kind, deputy_ids: ids, note };
            done(call(r, "visit_add", input)?, "已登记", json)
        }
        WorksCmd::Problem { id, problem, unit, due } => {
            let input = ProblemInput { project_id: id, problem, unit, due_date: due, ..Default::default() };
            done(call(r, "problem_add", input)?, "已添加问题", json)
        }
        WorksCmd::ProblemUpdate { id, number, progress, resolved, due, unit } => {
            problem_update(r, id, number, ProblemChanges { progress, resolved, due, unit }, json)
        }
        WorksCmd::Cancel { id, approver, date, content } => {
            let input =
                ChangeInput { project_id: id, kind: ChangeKind::Cancel, date, approver, content, project: None };
            done(call(r, "project_change", input)?, "已取消项目", json)
        }
        WorksCmd::Group { id, leader, deputies } => {
            let ids = deputies.iter().map(|n| deputy_id(r, n)).collect::<Result<Vec<_>, _>>()?;
            let leader_id = leader.map(|n| deputy_id(r, &n)).transpose()?;
            done(
                call(r, "project_group_set", GroupArgs { project_id: id, deputy_ids: ids, leader_id })?,
                "已设置监督小组",
                json,
            )
        }
        WorksCmd::Change(a) => change(r, a, json),
        WorksCmd::Edit(a) => edit(r, a, json),
        WorksCmd::Rating { year, rule, expected } => {
            let args = json!({ "year": year, "rule": rule, "expected": expected });
            let e: Evaluation = call(r, "project_rating_create", args)?;
            if json {
                print_json(&e);
            } else {
                say!(
                    "已建立测评（评议编号 {}）：{}，项目 {} 个；用 renda import ballots 或界面录入票数",
                    e.id,
                    e.name,
                    e.subjects.len()
                );
            }
            Ok(())
        }
    }
}

/// The options `problem-update` was given; what is not given stays as it is.
struct ProblemChanges {
    progress: Option<String>,
    resolved: Option<String>,
    due: Option<String>,
    unit: Option<String>,
}

/// A 问题 by its number in `show`, its 整改 updated.
fn problem_update(r: &mut Renda, id: i64, number: usize, c: ProblemChanges, json: bool) -> Result<(), Error> {
    let d: ProjectDetail = call(r, "project_get", json!({ "id": id }))?;
    let count = d.project.problems.len();
    let q = number.checked_sub(1).and_then(|n| d.project.problems.get(n)).ok_or_else(|| {
        Error::field("number", format!("项目「{}」有 {count} 个问题，请写 1 至 {count} 的序号", d.project.row.name))
    })?;
    let input = ProblemInput {
        project_id: id,
        problem: q.problem.clone(),
        unit: c.unit.or_else(|| q.unit.clone()),
        due_date: c.due.or_else(|| q.due_date.clone()),
        progress: c.progress.or_else(|| q.progress.clone()),
        resolved_date: c.resolved.or_else(|| q.resolved_date.clone()),
    };
    done(call(r, "problem_update", UpdateArgs { id: q.id, data: input })?, "已更新问题", json)
}

/// A correction starts from the project's facts as they are; only the options given replace them.
fn edit(r: &mut Renda, a: EditArgs, json: bool) -> Result<(), Error> {
    let detail: ProjectDetail = call(r, "project_get", json!({ "id": a.id }))?;
    let mut p = detail.project.input();
    p.name = a.name.unwrap_or(p.name);
    p.lead_unit = a.lead.or(p.lead_unit);
    p.owner_unit = a.owner.or(p.owner_unit);
    p.investment = a.investment.or(p.investment);
    p.start_date = a.start.or(p.start_date);
    p.planned_end = a.end.or(p.planned_end);
    p.content = a.content.or(p.content);
    done(call(r, "project_update", UpdateArgs { id: a.id, data: p })?, "已更正项目", json)
}

/// A change starts from the project's facts as they are; only the options given replace them.
fn change(r: &mut Renda, a: ChangeArgs, json: bool) -> Result<(), Error> {
    let detail: ProjectDetail = call(r, "project_get", json!({ "id": a.id }))?;
    let mut p = detail.project.input();
    p.name = a.name.unwrap_or(p.name);
    p.lead_unit = a.lead.or(p.lead_unit);
    p.units = a.units.or(p.units);
    p.investment = a.investment.or(p.investment);
    p.planned_end = a.end.or(p.planned_end);
    let input = ChangeInput {
        project_id: a.id,
        kind: ChangeKind::Change,
        date: a.date,
        approver: a.approver,
        content: a.content,
        project: Some(p),
    };
    done(call(r, "project_change", input)?, "已变更项目", json)
}

/// The one deputy a name stands for in the roster.
fn deputy_id(r: &mut Renda, name: &str) -> Result<i64, Error> {
    let found: Vec<DeputyChoice> = call(r, "deputy_search", json!({ "q": name, "limit": 5 }))?;
    let same: Vec<&DeputyChoice> = found.iter().filter(|d| d.name == renda::text::normalize_name(name)).collect();
    match same.as_slice() {
        [one] => Ok(one.id),
        [] => Err(Error::field("deputy", format!("代表名册中没有「{name}」"))),
        _ => Err(Error::field("deputy", format!("代表名册中有 {} 位「{name}」，请在界面中选择", same.len()))),
    }
}

fn done(p: Project, what: &str, json: bool) -> Result<(), Error> {
    if json {
        print_json(&p);
    } else {
        say!("{what}：{}（编号 {}，{}）", p.row.name, p.row.id, p.row.status.label());
    }
    Ok(())
}

fn list(r: &mut Renda, year: Option<i64>, q: Option<String>, json: bool) -> Result<(), Error> {
    let page: Page<ProjectRow> = call(r, "project_list", json!({ "year": year, "q": q, "page_size": 0 }))?;
    if json {
        print_json(&page);
        return Ok(());
    }
    for p in &page.items {
        say!(
            "{}\t{}\t{}\t{}\t{}\t完成投资 {}\t{}\t问题 {}",
            p.id,
            p.year,
            p.name,
            p.status.label(),
            p.stage.map(|s| s.label()).unwrap_or("未报进度"),
            p.invested.map(|v| format!("{v} 万元")).unwrap_or_else(|| "—".into()),
            p.pace.map(|x| x.label()).unwrap_or("—"),
            p.open_problems
        );
    }
    say!("共 {} 个项目", page.total);
    Ok(())
}

fn show(r: &mut Renda, id: i64, json: bool) -> Result<(), Error> {
    let d: ProjectDetail = call(r, "project_get", json!({ "id": id }))?;
    if json {
        print_json(&d);
        return Ok(());
    }
    let p = &d.project;
    let text = |s: &Option<String>| s.clone().unwrap_or_else(|| "—".into());
    let money = |x: Option<f64>| x.map(|v| format!("{v} 万元")).unwrap_or_else(|| "—".into());
    say!("{}（{}年，{}，{}）", p.row.name, p.row.year, p.row.field, p.row.status.label());
    say!("牵头单位：{}　责任单位：{}　业主单位：{}", text(&p.row.lead_unit), text(&p.units), text(&p.row.owner_unit));
    say!(
        "总投资：{}　开工：{}　计划完成：{}",
        money(p.row.investment),
        text(&p.row.start_date),
        text(&p.row.planned_end)
    );
    for y in &p.years {
        say!("  {}年：目标 {}，计划投资 {}", y.year, text(&y.target), money(y.planned));
    }
    let group: Vec<String> =
        p.group.iter().map(|m| if m.leader { format!("{}（组长）", m.name) } else { m.name.clone() }).collect();
    say!("监督小组：{}", if group.is_empty() { "—".into() } else { group.join("、") });
    say!("进度等次：{}　完成投资：{}", p.row.pace.map(|x| x.label()).unwrap_or("—"), money(p.row.invested));
    for e in &p.progress {
        say!("  进度 {} {} {}", e.date, e.stage.label(), e.text.clone().unwrap_or_default());
    }
    for v in &p.visits {
        let names: Vec<&str> = v.deputies.iter().map(|x| x.name.as_str()).collect();
        say!("  {} {}：{}", v.date, v.kind, names.join("、"));
    }
    for (n, q) in p.problems.iter().enumerate() {
        let done = q.resolved_date.as_ref().map(|d| format!("，{d}整改完成")).unwrap_or_default();
        say!(
            "  问题{}：{}（{}，整改时限 {}）{}{done}",
            n + 1,
            q.problem,
            text(&q.unit),
            text(&q.due_date),
            text(&q.progress)
        );
    }
    for c in &p.changes {
        say!("  {}：{} {}批准，{}", c.kind.label(), c.date, c.approver, c.content);
    }
    if let Some(g) = &d.rating {
        say!("测评：{} {}", g.evaluation, g.grade.clone().unwrap_or_else(|| "未计票".into()));
    }
    Ok(())
}
