//! `renda project`: 民生实事项目票决 — 征集, 候选项目, 票决 (rounds, count, result, re-vote, confirm).

use clap::{Args, Subcommand};
use renda::common::Page;
use renda::projects::model::*;
use renda::reports::ProjectFiguresTable;
use renda::{Error, Renda};
use serde_json::json;

use crate::project_works::{works, WorksCmd};
use crate::{call, print_json, say};

#[derive(Subcommand)]
pub enum ProjectCmd {
    /// 项目征集：登记、列出、筛选（列为候选或不予采纳）
    #[command(subcommand)]
    Proposal(ProposalCmd),
    /// 候选项目：添加、列出
    #[command(subcommand)]
    Candidate(CandidateCmd),
    /// 票决：新建、录入计票、查看结果、再次投票、确认结果
    #[command(subcommand)]
    Vote(VoteCmd),
    #[command(flatten)]
    Works(WorksCmd),
    /// 统计：项目数、完成率、开工率、投资完成率、满意率（本级、各乡镇、合计）
    Figures {
        /// 年度，默认今年
        #[arg(long)]
        year: Option<i64>,
    },
}

#[derive(Subcommand)]
pub enum ProposalCmd {
    /// 登记一条项目征集
    Add(ProposalAdd),
    /// 列出项目征集（个人的单位、电话已隐去）
    List {
        #[arg(long)]
        year: Option<i64>,
    },
    /// 筛选论证：--accept 列为候选（缺的票面内容在此补齐），--decline 不予采纳（须 --note 写明理由）
    Decide(Decide),
}

#[derive(Args)]
pub struct ProposalAdd {
    #[arg(long)]
    year: i64,
    /// 提出人是个人（默认：单位）
    #[arg(long)]
    person: bool,
    /// 提出单位，或个人姓名
    #[arg(long)]
    proposer: String,
    /// 个人的工作单位
    #[arg(long)]
    unit: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    /// 项目名称
    #[arg(long)]
    name: String,
    /// 领域：教育、医疗卫生、交通、水利、农业农村、社会保障、生态环境、文化体育、其他
    #[arg(long)]
    field: String,
    /// 建设内容
    #[arg(long)]
    content: Option<String>,
    /// 实施主体
    #[arg(long)]
    implementer: Option<String>,
    /// 总投资（万元）
    #[arg(long)]
    investment: Option<f64>,
    /// 计划完成时间，如 2027年12月
    #[arg(long)]
    end: Option<String>,
}

#[derive(Args)]
pub struct Decide {
    id: i64,
    #[arg(long, conflicts_with = "decline")]
    accept: bool,
    #[arg(long)]
    decline: bool,
    /// 论证意见，或不予采纳的理由
    #[arg(long)]
    note: Option<String>,
    #[arg(long)]
    investment: Option<f64>,
    #[arg(long)]
    content: Option<String>,
    #[arg(long)]
    end: Option<String>,
}

#[derive(Subcommand)]
pub enum CandidateCmd {
    /// 添加候选项目（票面四项必填：项目名称、总投资、主要内容、完成时间）
    Add(CandidateAdd),
    /// 列出某年度的候选项目（按序号）
    List {
        #[arg(long)]
        year: i64,
    },
}

#[derive(Args)]
pub struct CandidateAdd {
    #[arg(long)]
    year: i64,
    #[arg(long)]
    name: String,
    #[arg(long)]
    field: String,
    /// 总投资（万元）
    #[arg(long)]
    investment: f64,
    /// 主要内容
    #[arg(long)]
    content: String,
    /// 完成时间，如 2027年12月
    #[arg(long)]
    end: String,
    /// 实施主体
    #[arg(long)]
    implementer: Option<String>,
}

#[derive(Subcommand)]
pub enum VoteCmd {
    /// 新建票决（默认：本年度在列的全部候选项目，差额票决，赞成票超过应到代表的半数为通过）
    Create(VoteCreate),
    /// 列出票决（含再次投票的轮次）
    List {
        #[arg(long)]
        year: Option<i64>,
    },
    /// 录入计票结果；票数对不上时逐项说明
    Count(VoteCount),
    /// 查看结果：赞成、反对、弃权、排名、结果
    Result { id: i64 },
    /// 在票数相同的候选项目中再次投票（新的一轮）
    Revote { id: i64 },
    /// 确认票决结果：当选项目成为正式项目，票决锁定
    Confirm { id: i64 },
}

#[derive(Args)]
pub struct VoteCreate {
    #[arg(long)]
    year: i64,
    /// 会次编号（renda session list 可查）
    #[arg(long)]
    session: Option<i64>,
    /// competitive（差额，默认：赞成超过应选数的票为无效票，计入无效）/ itemwise（逐项表决）/ equal（等额）
    #[arg(long, default_value = "competitive", value_parser = ["competitive", "itemwise", "equal"])]
    mode: String,
    /// half_expected（超过应到半数，默认）/ half_present / half_valid
    #[arg(long, default_value = "half_expected", value_parser = ["half_expected", "half_present", "half_valid"])]
    rule: String,
    /// 应选数
    #[arg(long)]
    seats: i64,
    /// 应到代表人数
    #[arg(long)]
    expected: Option<i64>,
    #[arg(long)]
    date: Option<String>,
}

#[derive(Args)]
pub struct VoteCount {
    id: i64,
    #[arg(long)]
    expected: i64,
    #[arg(long)]
    present: i64,
    #[arg(long)]
    issued: i64,
    #[arg(long)]
    returned: i64,
    #[arg(long)]
    valid: i64,
    #[arg(long)]
    invalid: i64,
    /// 每个候选项目一次：“序号:赞成:反对:弃权”，如 1:40:5:3
    #[arg(long = "count")]
    counts: Vec<String>,
}

pub fn project(r: &mut Renda, cmd: ProjectCmd, json: bool) -> Result<(), Error> {
    match cmd {
        ProjectCmd::Proposal(ProposalCmd::Add(a)) => proposal_add(r, a, json),
        ProjectCmd::Proposal(ProposalCmd::List { year }) => proposal_list(r, year, json),
        ProjectCmd::Proposal(ProposalCmd::Decide(d)) => decide(r, d, json),
        ProjectCmd::Candidate(CandidateCmd::Add(a)) => candidate_add(r, a, json),
        ProjectCmd::Candidate(CandidateCmd::List { year }) => candidate_list(r, year, json),
        ProjectCmd::Vote(VoteCmd::Create(a)) => vote_create(r, a, json),
        ProjectCmd::Vote(VoteCmd::List { year }) => vote_list(r, year, json),
        ProjectCmd::Vote(VoteCmd::Count(a)) => vote_count(r, a, json),
        ProjectCmd::Vote(VoteCmd::Result { id }) => show(call(r, "vote_get", json!({ "id": id }))?, json),
        ProjectCmd::Vote(VoteCmd::Revote { id }) => show(call(r, "vote_revote", json!({ "id": id }))?, json),
        ProjectCmd::Vote(VoteCmd::Confirm { id }) => show(call(r, "vote_confirm", json!({ "id": id }))?, json),
        ProjectCmd::Works(cmd) => works(r, cmd, json),
        ProjectCmd::Figures { year } => figures(r, year, json),
    }
}

fn proposal_add(r: &mut Renda, a: ProposalAdd, json: bool) -> Result<(), Error> {
    let input = ProposalInput {
        year: a.year,
        source: if a.person { Source::Person } else { Source::Unit },
        proposer: a.proposer,
        proposer_unit: a.unit,
        phone: a.phone,
        name: a.name,
        field: a.field,
        content: a.content,
        implementer: a.implementer,
        investment: a.investment,
        funding: None,
        planned_end: a.end,
    };
    let p: Proposal = call(r, "proposal_create", input)?;
    if json {
        print_json(&p);
    } else {
        say!("已登记项目征集（编号 {}）：{}（{}）", p.id, p.name, p.proposer);
    }
    Ok(())
}

fn proposal_list(r: &mut Renda, year: Option<i64>, json: bool) -> Result<(), Error> {
    let page: Page<Proposal> = call(r, "proposal_list", json!({ "year": year, "page_size": 0 }))?;
    if json {
        print_json(&page);
    } else {
        for p in &page.items {
            say!("{}\t{}\t{}\t{}\t{}\t{}", p.id, p.year, p.name, p.field, p.proposer, p.status.label());
        }
    }
    Ok(())
}

fn decide(r: &mut Renda, d: Decide, json: bool) -> Result<(), Error> {
    if d.accept == d.decline {
        return Err(Error::field("accept", "请用 --accept（列为候选）或 --decline（不予采纳）之一"));
    }
    let args = ProposalDecision {
        id: d.id,
        accept: d.accept,
        note: d.note,
        investment: d.investment,
        content: d.content,
        planned_end: d.end,
    };
    let p: Proposal = call(r, "proposal_decide", args)?;
    if json {
        print_json(&p);
    } else {
        say!("「{}」：{}", p.name, p.status.label());
    }
    Ok(())
}

fn candidate_add(r: &mut Renda, a: CandidateAdd, json: bool) -> Result<(), Error> {
    let input = CandidateInput {
        year: a.year,
        name: a.name,
        field: a.field,
        investment: a.investment,
        content: a.content,
        planned_end: a.end,
        implementer: a.implementer,
        note: None,
        subitems: vec![],
    };
    let c: Candidate = call(r, "candidate_create", input)?;
    if json {
        print_json(&c);
    } else {
        say!("已添加候选项目（序号 {}）：{}，{} 万元，{}完成", c.position, c.name, c.investment, c.planned_end_text);
    }
    Ok(())
}

fn candidate_list(r: &mut Renda, year: i64, json: bool) -> Result<(), Error> {
    let list: Vec<Candidate> = call(r, "candidate_list", json!({ "year": year }))?;
    if json {
        print_json(&list);
    } else {
        for c in &list {
            say!("{}\t{}\t{}\t{} 万元\t{}", c.position, c.name, c.field, c.investment, c.planned_end_text);
        }
    }
    Ok(())
}

fn vote_create(r: &mut Renda, a: VoteCreate, json: bool) -> Result<(), Error> {
    let v = json!({
        "year": a.year, "session_id": a.session, "mode": a.mode, "pass_rule": a.rule, "seats": a.seats,
        "expected": a.expected, "date": a.date,
    });
    let v: VoteRound = call(r, "vote_create", v)?;
    show(v, json)
}

fn vote_list(r: &mut Renda, year: Option<i64>, json: bool) -> Result<(), Error> {
    let list: Vec<VoteRow> = call(r, "vote_list", json!({ "year": year }))?;
    if json {
        print_json(&list);
    } else {
        for v in &list {
            say!(
                "{}\t{}\t{}\t应选 {}\t候选 {}\t{}",
                v.id,
                v.title,
                v.mode.label(),
                v.seats,
                v.candidates,
                v.status.label()
            );
        }
    }
    Ok(())
}

fn vote_count(r: &mut Renda, a: VoteCount, json: bool) -> Result<(), Error> {
    let v: VoteRound = call(r, "vote_get", json!({ "id": a.id }))?;
    let mut counts = vec![];
    for c in &a.counts {
        let parts: Vec<&str> = c.split([':', '：']).collect();
        let bad = || Error::field("count", format!("「{c}」应写作“序号:赞成:反对:弃权”，如 1:40:5:3"));
        let [pos, yes, no, abstain] = parts.as_slice() else { return Err(bad()) };
        let n = |s: &str| s.trim().parse::<i64>().map_err(|_| bad());
        let line = v.lines.iter().find(|l| l.position == n(pos).unwrap_or(0)).ok_or_else(|| {
            Error::field("count", format!("本轮表决票上没有序号 {pos}（共 {} 个项目）", v.lines.len()))
        })?;
        counts.push(Count { candidate_id: line.candidate_id, yes: n(yes)?, no: n(no)?, abstain: n(abstain)? });
    }
    let totals = Totals {
        expected: a.expected,
        present: a.present,
        issued: a.issued,
        returned: a.returned,
        valid: a.valid,
        invalid: a.invalid,
    };
    let v: VoteRound = call(r, "vote_count", TallyInput { vote_id: a.id, totals, counts })?;
    show(v, json)
}

fn show(v: VoteRound, json: bool) -> Result<(), Error> {
    if json {
        print_json(&v);
        return Ok(());
    }
    say!("{}（编号 {}，{}，应选 {} 个，{}）", v.title, v.id, v.mode.label(), v.seats, v.status.label());
    say!("{}", v.instruction);
    for l in &v.lines {
        let n = |x: Option<i64>| x.map(|x| x.to_string()).unwrap_or_else(|| "—".into());
        say!(
            "{:>3} {}\t赞成 {} 反对 {} 弃权 {}\t排名 {}\t{}",
            l.position,
            l.name,
            n(l.yes),
            n(l.no),
            n(l.abstain),
            n(l.rank),
            l.outcome.map(|o| o.label()).unwrap_or("")
        );
    }
    for m in &v.messages {
        say!("{m}");
    }
    if !v.adopted.is_empty() {
        say!("当选项目：{}", v.adopted.join("、"));
    }
    if !v.project_ids.is_empty() {
        say!("已确认：{} 个项目列入实施", v.project_ids.len());
    }
    Ok(())
}

fn pct(x: Option<f64>) -> String {
    x.map(|v| format!("{:.1}%", v * 100.0)).unwrap_or_else(|| "—".into())
}

fn figures(r: &mut Renda, year: Option<i64>, json: bool) -> Result<(), Error> {
    let year = year.unwrap_or_else(|| i64::from(chrono::Datelike::year(&renda::common::today())));
    let t: ProjectFiguresTable = call(r, "project_figures", json!({ "year": year }))?;
    if json {
        print_json(&t);
        return Ok(());
    }
    say!("{}年民生实事项目统计（项目数按项目计，子项目另列；已取消的项目不计）", t.year);
    for row in &t.rows {
        let f = &row.figures;
        say!(
            "{}\t项目 {} 个（子项目 {} 个，完成 {} 个）\t总投资 {:.2} 万元\t年度计划投资 {:.2} 万元\t完成投资 {:.2} 万元",
            row.name,
            f.projects,
            f.subitems,
            f.subitems_done,
            f.investment,
            f.planned,
            f.invested
        );
        say!(
            "\t完成 {} 个，完成率 {}\t开工率 {}\t投资完成率 {}\t满意率 {}\t满意+基本满意率 {}",
            f.done,
            pct(f.done_rate),
            pct(f.start_rate),
            pct(f.invest_rate),
            pct(f.satisfied_rate),
            pct(f.satisfied_or_basic_rate)
        );
    }
    Ok(())
}
