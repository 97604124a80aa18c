//! `renda suggestion`: 代表建议办理 — register, review, assign, reply, rate, follow up, list.

use clap::Subcommand;
use renda::common::Page;
use renda::suggestions::model::*;
use renda::{Error, Renda};
use serde_json::json;

use crate::roster::{deputy_id_by_name, names_to_ids, unit_id_by_name};
use crate::{call, print_json, say};

#[derive(Subcommand)]
pub enum SuggestionCmd {
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

pub fn suggestion(r: &mut Renda, cmd: SuggestionCmd, json: bool) -> Result<(), Error> {
    match cmd {
        SuggestionCmd::Show { id } => show(&call(r, "suggestion_get", json!({ "id": id }))?, json),
        SuggestionCmd::List { q, state, session, due } => list(
            r,
            SuggestionQuery { q, state, session_id: session, due, page_size: Some(0), ..Default::default() },
            json,
        )?,
        SuggestionCmd::Figures { session, year } => figures(r, session, year, json)?,
        SuggestionCmd::Add { title, lead, cosigners, session, category, body, received } => {
            let lead_deputy_id = deputy_id_by_name(r, &lead)?;
            let cosigner_ids = match cosigners {
                Some(c) => names_to_ids(r, &c, true)?,
                None => vec![],
            };
            let input = SuggestionInput {
                period: if session.is_some() { AT_SESSION } else { RECESS }.into(),
                session_id: session,
                term_id: None,
                title,
                body,
                category,
                lead_deputy_id,
                cosigner_ids,
                received_date: received.unwrap_or_default(),
            };
            let s: Suggestion = call(r, "suggestion_create", input)?;
            show(&s, json);
        }
        c @ (SuggestionCmd::Review { .. } | SuggestionCmd::Assign { .. } | SuggestionCmd::Reply { .. }) => {
            show(&handling_step(r, c)?, json)
        }
        c => show(&closing_step(r, c)?, json),
    }
    Ok(())
}

fn stepped(r: &mut Renda, id: i64, date: Option<String>, step: Step) -> Result<Suggestion, Error> {
    call(r, "suggestion_step", StepRequest { id, date, step })
}

/// 审查, 交办, 答复.
fn handling_step(r: &mut Renda, cmd: SuggestionCmd) -> Result<Suggestion, Error> {
    match cmd {
        SuggestionCmd::Review { id, decision, reason, all, date } => {
            let why = || reason.clone().unwrap_or_default();
            let step = match decision.as_str() {
                "pass" => Step::ReviewPass { note: reason.clone(), number: None },
                "return" => Step::ReviewReturn { note: why() },
                "reject" => Step::Reject { note: why() },
                "resubmit" => Step::Resubmit { note: reason.clone() },
                _ => Step::Withdraw { note: reason.clone() },
            };
            let mut s = stepped(r, id, date.clone(), step)?;
            while all && decision == "pass" && s.row.state == REVIEWING {
                s = stepped(r, id, date.clone(), Step::ReviewPass { note: None, number: None })?;
            }
            Ok(s)
        }
        SuggestionCmd::Assign { id, main, co, wide, key, supervisor, date, due } => {
            let main_unit_id = unit_id_by_name(r, &main)?;
            let co_unit_ids = match co {
                Some(c) => names_to_ids(r, &c, false)?,
                None => vec![],
            };
            let a =
                Assignment { main_unit_id, co_unit_ids, wide_ranging: wide, key_item: key, supervisor, due_date: due };
            stepped(r, id, date, Step::Assign(a))
        }
        SuggestionCmd::Reply { id, class, doc_no, signer, planned, planned_deadline, text, date } => {
            let a = ReplyInput {
                class,
                doc_no,
                signer,
                planned_items: planned,
                planned_deadline,
                text,
                ..Default::default()
            };
            stepped(r, id, date, Step::Reply(a))
        }
        _ => unreachable!("suggestion() routes only these steps here"),
    }
}

/// 征询意见, 重办, 跟踪落实, and any step given as JSON.
fn closing_step(r: &mut Renda, cmd: SuggestionCmd) -> Result<Suggestion, Error> {
    match cmd {
        SuggestionCmd::Rate { id, work, result, adoption, date } => {
            let a = RatingInput { work_rating: work, result_rating: result, adoption, note: None };
            stepped(r, id, date, Step::Rate(a))
        }
        SuggestionCmd::Rehandle { id, date, due } => stepped(r, id, date, Step::Rehandle { due_date: due, note: None }),
        SuggestionCmd::Followup { id, finding, acceptance, complete, date } => {
            let step = if complete {
                Step::Complete { note: finding }
            } else {
                let kind = Some(if acceptance { "二次验收" } else { "回头看" }.into());
                Step::Followup { kind, note: finding.unwrap_or_default() }
            };
            stepped(r, id, date, step)
        }
        SuggestionCmd::Step { id, action, args } => {
            let not_json = |why: String| Error::field("args", format!("--args 不是有效的 JSON 对象：{why}"));
            let v: serde_json::Value = serde_json::from_str(&args).map_err(|e| not_json(e.to_string()))?;
            let serde_json::Value::Object(mut v) = v else {
                return Err(not_json("应写作 '{\"note\":\"…\"}'".into()));
            };
            v.insert("id".into(), id.into());
            v.insert("action".into(), action.into());
            // read by the dispatch itself: the same refusals, in the same words, as the window's
            call(r, "suggestion_step", v)
        }
        _ => unreachable!("suggestion() routes only these steps here"),
    }
}

fn show(s: &Suggestion, json: bool) {
    if json {
        print_json(s);
    } else {
        let row = &s.row;
        say!("{}　{}　【{}】", row.number_text, row.title, row.state);
        say!(
            "领衔代表：{}{}",
            row.lead_deputy,
            if row.cosigners.is_empty() { String::new() } else { format!("　附议：{}", row.cosigners.join("、")) }
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
}

fn list(r: &mut Renda, q: SuggestionQuery, json: bool) -> Result<(), Error> {
    let page: Page<SuggestionRow> = call(r, "suggestion_list", q)?;
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
    Ok(())
}

fn figures(r: &mut Renda, session: Option<i64>, year: Option<i64>, json: bool) -> Result<(), Error> {
    let f: Figures = call(r, "suggestion_figures", FigureQuery { session_id: session, year, ..Default::default() })?;
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
    Ok(())
}

/// The suggestion a person names by its 建议编号 (第12号 → 12), within `session` when given: the
/// number is counted per session, so a number found in several asks for the session.
pub fn suggestion_id_by_number(r: &mut Renda, number: i64, session: Option<i64>) -> Result<i64, Error> {
    let q = SuggestionQuery { session_id: session, page_size: Some(0), ..Default::default() };
    let page: Page<SuggestionRow> = call(r, "suggestion_list", q)?;
    let found: Vec<&SuggestionRow> = page.items.iter().filter(|s| s.number == Some(number)).collect();
    match found.as_slice() {
        [s] => Ok(s.id),
        [] => Err(Error::field("id", format!("没有编号为 {number} 的建议（renda suggestion list 可查编号）"))),
        many => {
            let places: Vec<String> = many
                .iter()
                .map(|s| {
                    format!("{}{}", if s.session_name.is_empty() { &s.period } else { &s.session_name }, s.number_text)
                })
                .collect();
            Err(Error::field(
                "id",
                format!("编号 {number} 有 {} 件：{}。请用 --session 指定会次编号", many.len(), places.join("、")),
            ))
        }
    }
}
