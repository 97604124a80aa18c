//! `renda oversight` — 审议意见办理: the 监督工作计划's 议题, the meetings, the 审议意见 and their steps
//! (交办, 延期, 报告, 测评, 重新研究处理, 跟踪, 办结), the 问题清单 with 推进情况, and the figures. Each
//! goes through `api::call`.

use clap::{Args, Subcommand};
use renda::oversight::figures::OversightFigures;
use renda::oversight::model::*;
use renda::{Error, Renda};
use serde_json::json;

use crate::roster::deputy_id_by_name;
use crate::{call, print_json, say};

#[derive(Subcommand)]
pub enum OversightCmd {
    /// 监督工作计划的议题：添加
    Topic {
        /// 议题
        title: String,
        #[arg(long)]
        year: i64,
        /// 报告机关，如 县人民政府
        #[arg(long)]
        body: String,
        /// 报告类别：special（专项工作报告，默认）/ plan / budget / audit / law_check / other
        #[arg(long, default_value = "special")]
        kind: String,
    },
    /// 列出议题
    Topics {
        #[arg(long)]
        year: Option<i64>,
    },
    /// 登记常委会会议（乡镇用 --presidium 登记主席团会议）与列席代表
    Meeting {
        /// 届次，如 第十八届
        #[arg(long)]
        term: String,
        /// 第几次会议
        #[arg(long)]
        number: i64,
        #[arg(long)]
        date: String,
        /// 主席团会议
        #[arg(long)]
        presidium: bool,
        /// 列席代表姓名，可多次给出
        #[arg(long = "deputy")]
        deputies: Vec<String>,
    },
    /// 登记审议意见
    Opinion(OpinionArgs),
    /// 列出审议意见
    List {
        #[arg(long)]
        year: Option<i64>,
    },
    /// 查看审议意见的各轮办理、历史与问题清单
    Show { id: i64 },
    /// 办理一步：assign（交办）/ start / extend（延期）/ report（收到报告）/ redo（重新研究处理）/ follow / close
    Step(StepArgs),
    /// 满意度测评：录入计票结果（默认两级规则：满意票超过应到人数一半为满意）
    Rate(RateArgs),
    /// 添加问题清单中的问题
    Problem {
        /// 审议意见编号
        id: i64,
        /// 问题
        text: String,
        /// 牵头整改单位
        #[arg(long)]
        unit: Option<String>,
        /// 类别为建议
        #[arg(long)]
        advice: bool,
    },
    /// 登记问题的推进情况（追加，不覆盖）
    Progress {
        /// 问题编号（renda oversight show 可查）
        problem: i64,
        #[arg(long)]
        date: String,
        #[arg(long)]
        text: String,
        /// 整改状态：open / doing（默认）/ done
        #[arg(long, default_value = "doing")]
        status: String,
    },
    /// 登记执法检查、视察、跟踪检查或回头看（参加代表计入履职积分，同一天只计一次）
    Activity {
        /// 议题编号
        topic: i64,
        #[arg(long)]
        date: String,
        /// 执法检查 / 视察 / 调研 / 跟踪检查 / 回头看
        #[arg(long, default_value = "执法检查")]
        kind: String,
        #[arg(long = "deputy", required = true)]
        deputies: Vec<String>,
    },
    /// 统计：件数、按期报告率、整改率、测评满意率
    Figures {
        #[arg(long)]
        year: Option<i64>,
    },
}

#[derive(Args)]
pub struct OpinionArgs {
    /// 议题编号
    #[arg(long)]
    topic: i64,
    /// 会议编号
    #[arg(long)]
    meeting: i64,
    /// 文号
    #[arg(long)]
    doc: String,
    /// 通过日期（默认为会议日期）
    #[arg(long)]
    adopted: Option<String>,
    /// 突出问题
    #[arg(long)]
    issues: Option<String>,
    /// 改进意见
    #[arg(long)]
    advice: Option<String>,
}

#[derive(Args)]
pub struct StepArgs {
    id: i64,
    /// assign / start / extend / report / redo / follow / close
    action: String,
    /// 日期（默认今天）
    #[arg(long)]
    date: Option<String>,
    /// 延期后的办理时限
    #[arg(long)]
    due: Option<String>,
    /// 延期的批准人
    #[arg(long)]
    approver: Option<String>,
    /// 处理情况报告的文号
    #[arg(long)]
    report_no: Option<String>,
    /// 说明（跟踪、回头看的情况等）
    #[arg(long)]
    note: Option<String>,
}

#[derive(Args)]
pub struct RateArgs {
    id: i64,
    #[arg(long)]
    date: Option<String>,
    /// 应到（常委会组成人员总数）
    #[arg(long)]
    expected: i64,
    #[arg(long)]
    present: i64,
    #[arg(long)]
    satisfied: i64,
    #[arg(long, default_value_t = 0)]
    basic: i64,
    #[arg(long, default_value_t = 0)]
    unsatisfied: i64,
    #[arg(long, default_value_t = 0)]
    abstain: i64,
    #[arg(long, default_value_t = 0)]
    invalid: i64,
    /// 等次规则：two_level（默认）/ majority / two_thirds
    #[arg(long)]
    rule: Option<String>,
}

pub fn oversight(r: &mut Renda, cmd: OversightCmd, json: bool) -> Result<(), Error> {
    match cmd {
        OversightCmd::Topic { title, year, body, kind } => {
            let args = json!({ "year": year, "title": title, "body": body, "report_kind": kind });
            let t: Topic = call(r, "oversight_topic_create", args)?;
            out(json, &t, || format!("已添加议题（编号 {}）：{}", t.id, t.title))
        }
        OversightCmd::Topics { year } => {
            let list: Vec<Topic> = call(r, "oversight_topic_list", json!({ "year": year }))?;
            out(json, &list, || {
                let lines: Vec<String> = list
                    .iter()
                    .map(|t| format!("{}\t{}年\t{}\t{}\t{}", t.id, t.year, t.title, t.body, t.report_kind.label()))
                    .collect();
                if lines.is_empty() {
                    "还没有议题".into()
                } else {
                    lines.join("\n")
                }
            })
        }
        OversightCmd::Meeting { term, number, date, presidium, deputies } => {
            let ids = deputies.iter().map(|n| deputy_id_by_name(r, n)).collect::<Result<Vec<_>, _>>()?;
            let kind = if presidium { MeetingKind::Presidium } else { MeetingKind::Standing };
            let m: Meeting =
                call(r, "oversight_meeting_create", MeetingInput { kind, term, number, date, deputy_ids: ids })?;
            out(json, &m, || format!("已登记会议（编号 {}）：{}，列席代表 {} 人", m.id, m.name, m.deputies.len()))
        }
        OversightCmd::Opinion(a) => {
            let input = OpinionInput {
                topic_id: a.topic,
                meeting_id: a.meeting,
                doc_no: a.doc,
                adopted_date: a.adopted,
                issues: a.issues,
                advice: a.advice,
                ..Default::default()
            };
            shown(json, call(r, "oversight_opinion_create", input)?, "已登记审议意见")
        }
        OversightCmd::List { year } => list(r, year, json),
        OversightCmd::Show { id } => shown(json, call(r, "oversight_opinion_get", json!({ "id": id }))?, ""),
        OversightCmd::Step(a) => {
            let args = json!({ "opinion_id": a.id, "action": a.action, "date": a.date, "new_due": a.due,
                "approver": a.approver, "report_no": a.report_no, "note": a.note });
            shown(json, call(r, "oversight_opinion_step", args)?, "已办理")
        }
        OversightCmd::Rate(a) => {
            let args = json!({ "opinion_id": a.id, "date": a.date, "expected": a.expected, "present": a.present,
                "satisfied": a.satisfied, "basic": a.basic, "unsatisfied": a.unsatisfied, "abstain": a.abstain,
                "invalid": a.invalid, "rule": a.rule });
            shown(json, call(r, "oversight_rate", args)?, "已录入测评结果")
        }
        OversightCmd::Problem { id, text, unit, advice } => {
            let category = if advice { ProblemCategory::Advice } else { ProblemCategory::Problem };
            let input = ProblemItemInput { opinion_id: id, text, category, unit };
            shown(json, call(r, "oversight_problem_add", input)?, "已添加问题")
        }
        OversightCmd::Progress { problem, date, text, status } => {
            let args = json!({ "problem_id": problem, "date": date, "text": text, "status": status });
            shown(json, call(r, "oversight_progress_add", args)?, "已登记推进情况")
        }
        OversightCmd::Activity { topic, date, kind, deputies } => {
            let ids = deputies.iter().map(|n| deputy_id_by_name(r, n)).collect::<Result<Vec<_>, _>>()?;
            let input = ActivityInput { topic_id: topic, date, kind, deputy_ids: ids, ..Default::default() };
            let list: Vec<Activity> = call(r, "oversight_activity_add", input)?;
            out(json, &list, || format!("已登记，该议题共有 {} 次检查视察", list.len()))
        }
        OversightCmd::Figures { year } => {
            let f: Vec<OversightFigures> = call(r, "oversight_figures", json!({ "year": year }))?;
            out(json, &f, || f.iter().map(figure_line).collect::<Vec<_>>().join("\n"))
        }
    }
}

fn out<T: serde::Serialize>(json: bool, v: &T, text: impl FnOnce() -> String) -> Result<(), Error> {
    if json {
        print_json(v);
    } else {
        say!("{}", text());
    }
    Ok(())
}

fn rate(v: Option<f64>) -> String {
    v.map_or("—".into(), |r| format!("{r}%"))
}

fn figure_line(f: &OversightFigures) -> String {
    format!(
        "{}年：审议意见 {} 件（办结 {}），按期报告率 {}（{}/{}），问题 {} 个、整改完成 {} 个、整改率 {}，测评 {} 次、满意 {} 次、满意率 {}",
        f.year,
        f.opinions,
        f.closed,
        rate(f.on_time_rate),
        f.reports_on_time,
        f.reports_due,
        f.problems,
        f.problems_done,
        rate(f.fix_rate),
        f.rated,
        f.rated_satisfied,
        rate(f.satisfied_rate)
    )
}

fn list(r: &mut Renda, year: Option<i64>, json: bool) -> Result<(), Error> {
    let rows: Vec<OpinionRow> = call(r, "oversight_opinion_list", json!({ "year": year }))?;
    out(json, &rows, || {
        if rows.is_empty() {
            return "还没有审议意见".into();
        }
        rows.iter()
            .map(|o| {
                let due = o.due_date.as_deref().unwrap_or("—");
                format!("{}\t{}\t{}\t{}\t时限 {due}\t{}", o.id, o.doc_no, o.topic, o.body, o.state.label())
            })
            .collect::<Vec<_>>()
            .join("\n")
    })
}

fn shown(json: bool, o: Opinion, done: &str) -> Result<(), Error> {
    out(json, &o, || {
        let mut lines = vec![];
        if !done.is_empty() {
            lines.push(format!("{done}（编号 {}）", o.row.id));
        }
        let due = o.row.due_date.as_deref().unwrap_or("—");
        lines.push(format!(
            "{}　{}（{}）　{}　办理时限 {due}",
            o.row.doc_no,
            o.row.topic,
            o.row.body,
            o.row.state.label()
        ));
        if let Some(w) = &o.warning {
            lines.push(format!("提醒：{w}"));
        }
        for e in &o.history {
            lines.push(format!("  {}　{}", e.date, e.text));
        }
        for p in &o.problems {
            lines.push(format!(
                "  问题 {}：{}（{}）{}",
                p.id,
                p.text,
                p.unit.as_deref().unwrap_or("—"),
                p.status.label()
            ));
        }
        lines.join("\n")
    })
}
