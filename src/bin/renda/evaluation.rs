//! `renda evaluation`: 履职评议 — make one, see its results, list them.

use clap::{Args, Subcommand};
use renda::common::Vote;
use renda::evaluation::model::*;
use renda::{Error, Renda};
use serde_json::json;

use crate::{call, print_json, say};

#[derive(Subcommand)]
pub enum EvaluationCmd {
    /// 新建评议（测评组默认：常委会组成人员、人大代表、服务对象代表）
    Add(AddArgs),
    /// 查看评议的结果（满意率、综合得分、等次、排名）
    Show { id: i64 },
    /// 列出评议
    List,
}

pub fn evaluation(r: &mut Renda, cmd: EvaluationCmd, json: bool) -> Result<(), Error> {
    match cmd {
        EvaluationCmd::Add(a) => add(r, a, json),
        EvaluationCmd::Show { id } => show(r, id, json),
        EvaluationCmd::List => list(r, json),
    }
}

#[derive(Args)]
pub struct AddArgs {
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
}

fn add(r: &mut Renda, a: AddArgs, json: bool) -> Result<(), Error> {
    let AddArgs { name, year, rule, kind, subjects, groups } = a;
    let mut e: EvaluationInput = call(r, "evaluation_preset", json!({ "rule": rule, "year": year }))?;
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
                        expected: x.parse().map_err(|_| Error::field("group", format!("应到人数「{x}」不是整数")))?,
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
    let e: Evaluation = call(r, "evaluation_create", e)?;
    if json {
        print_json(&e);
    } else {
        say!("已新建评议（编号 {}）：{}，{}，评议对象 {} 人", e.id, e.name, e.rule_name, e.subjects.len());
    }
    Ok(())
}

fn show(r: &mut Renda, id: i64, json: bool) -> Result<(), Error> {
    let pct = |v: Option<f64>| v.map(|x| format!("{:.1}%", x * 100.0)).unwrap_or_else(|| "—".into());
    let e: Evaluation = call(r, "evaluation_get", json!({ "id": id }))?;
    let res: EvaluationResults = call(r, "evaluation_results", json!({ "id": id }))?;
    if json {
        print_json(&res);
    } else {
        say!("{}（{}，{}）", e.name, e.rule_name, if e.status == "closed" { "已结束" } else { "进行中" });
        let mut ranked: Vec<_> = res.subjects.iter().collect();
        ranked.sort_by_key(|s| (s.rank.unwrap_or(i64::MAX), s.subject_id));
        for s in ranked {
            say!(
                "{:>3} {}\t{} {} {} {} {} {} 弃权 {}\t{} {} {} {}\t得分 {}\t{}",
                s.rank.map(|x| x.to_string()).unwrap_or_else(|| "—".into()),
                s.name,
                Vote::Satisfied.label(),
                s.total.satisfied,
                Vote::Basic.label(),
                s.total.basic,
                Vote::Unsatisfied.label(),
                s.total.unsatisfied,
                s.total.abstain,
                Vote::Satisfied.rate_label(),
                pct(s.satisfied_rate),
                Vote::Basic.rate_label(),
                pct(s.basic_rate),
                s.score.map(|x| format!("{x:.1}")).unwrap_or_else(|| "—".into()),
                s.grade.clone().unwrap_or_else(|| "未计票".into())
            );
            for g in &s.groups {
                say!(
                    "      {}：{} {} {} {}\t{}",
                    g.group,
                    Vote::Satisfied.rate_label(),
                    pct(g.satisfied_rate),
                    Vote::Basic.rate_label(),
                    pct(g.basic_rate),
                    g.grade.clone().unwrap_or_else(|| "未计票".into())
                );
            }
        }
    }
    Ok(())
}

fn list(r: &mut Renda, json: bool) -> Result<(), Error> {
    let list: Vec<EvaluationRow> = call(r, "evaluation_list", json!({}))?;
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
    Ok(())
}
