//! `renda assessment`: 乡镇人大工作评价 — the yearly template (new, copied, blocks and items), the
//! township's 自评, the county's 考核组 scores and 加减分, the results and the printed sheets.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use renda::api::{ExportArgs, ExportRequest, ExportResult, IdArgs, UpdateArgs};
use renda::assessment::model::*;
use renda::{Error, Renda};
use serde_json::json;

use crate::{call, print_json, say};

#[derive(Subcommand)]
pub enum AssessmentCmd {
    /// 评分表：新建、复制上年、添加板块，添加、修改、删除评分项目，查看
    #[command(subcommand)]
    Template(TemplateCmd),
    /// 乡镇自评：查看自评表（含按本单位记录自动计算的项目）
    SelfSheet(YearOnly),
    /// 乡镇自评：录入一个评分项目的自评分（与自动计算的分数不同时须 --reason）
    SelfScore(SelfScore),
    /// 县：添加参评乡镇（尚未报送的也列出，显示“未报送”）
    TownshipAdd { name: String },
    /// 县：录入考核组评分（与按报送数据自动计算的分数不同时须 --reason）
    Score(Score),
    /// 县：加减分（须 --reason；减到0分以下的不予录入）
    Adjust(Adjust),
    /// 县：考核结果（基本分、加分、总分、等次、排名）
    Results(YearOnly),
    /// 县：某乡镇的评分表（自评与考核组并列）
    Sheet(SheetArgs),
    /// 导出：template（评分表，发给乡镇导入）/ results（考核结果表）/ sheets（各乡镇考核评分表）
    Export(Export),
}

#[derive(Subcommand)]
pub enum TemplateCmd {
    /// 新建空白评分表（优秀≥90、合格≥80，按总分排名）
    Create(YearOnly),
    /// 复制上年（最近一年）的评分表
    Copy(YearOnly),
    /// 添加板块；--bonus 为加分项目板块
    AddBlock {
        #[arg(long)]
        year: i64,
        #[arg(long)]
        name: String,
        #[arg(long)]
        bonus: bool,
    },
    /// 添加评分项目
    AddItem(AddItem),
    /// 修改评分项目：只改给出的几项
    UpdateItem(UpdateItem),
    /// 删除评分项目（已有的评分记录保留在历史中）
    RemoveItem {
        #[arg(long)]
        year: i64,
        /// 评分项目名称
        #[arg(long)]
        item: String,
    },
    /// 查看评分表
    List(YearOnly),
}

#[derive(Args)]
pub struct YearOnly {
    #[arg(long)]
    year: i64,
}

#[derive(Args)]
pub struct AddItem {
    #[arg(long)]
    year: i64,
    /// 所属板块名称
    #[arg(long)]
    block: String,
    #[arg(long)]
    name: String,
    /// 分值
    #[arg(long)]
    max: f64,
    #[arg(long, default_value = "")]
    criterion: String,
    #[arg(long, default_value = "")]
    evidence: String,
    /// 自动计分的数据来源（如 suggestion_reply_rate 或「建议办复率」）
    #[arg(long, value_parser = auto_source)]
    auto: Option<AutoSource>,
    /// 得满分的数值（比率填百分数，如 95；次数填次数）
    #[arg(long)]
    full_at: Option<f64>,
}

#[derive(Args)]
pub struct UpdateItem {
    #[arg(long)]
    year: i64,
    /// 要修改的评分项目名称
    #[arg(long)]
    item: String,
    /// 新名称
    #[arg(long)]
    name: Option<String>,
    /// 移到这个板块
    #[arg(long)]
    block: Option<String>,
    #[arg(long)]
    max: Option<f64>,
    #[arg(long)]
    criterion: Option<String>,
    #[arg(long)]
    evidence: Option<String>,
    /// 自动计分的数据来源（如 suggestion_reply_rate 或「建议办复率」）
    #[arg(long, value_parser = auto_source, conflicts_with = "manual")]
    auto: Option<AutoSource>,
    #[arg(long)]
    full_at: Option<f64>,
    /// 改为不自动计分
    #[arg(long)]
    manual: bool,
}

/// `--auto`: a source by its key or its Chinese name; a wrong one is answered with every choice.
fn auto_source(s: &str) -> Result<AutoSource, String> {
    AutoSource::from_key(s).or_else(|| AutoSource::from_label(s)).ok_or_else(|| {
        let all = AutoSource::ALL.map(|a| format!("{}（{}）", a.key(), a.label()));
        format!("可选：{}", all.join("、"))
    })
}

#[derive(Args)]
pub struct SelfScore {
    #[arg(long)]
    year: i64,
    /// 评分项目名称
    #[arg(long)]
    item: String,
    #[arg(long)]
    points: f64,
    #[arg(long, default_value = "")]
    note: String,
    #[arg(long, default_value = "")]
    evidence: String,
    #[arg(long, default_value = "")]
    reason: String,
}

#[derive(Args)]
pub struct Score {
    #[arg(long)]
    year: i64,
    /// 乡镇名称
    #[arg(long)]
    township: String,
    #[arg(long)]
    item: String,
    #[arg(long)]
    points: f64,
    #[arg(long, default_value = "")]
    reason: String,
}

#[derive(Args)]
pub struct Adjust {
    #[arg(long)]
    year: i64,
    #[arg(long)]
    township: String,
    #[arg(long)]
    item: String,
    /// 加分为正数，减分为负数（如 --delta=-2）
    #[arg(long, allow_hyphen_values = true)]
    delta: f64,
    #[arg(long, default_value = "")]
    reason: String,
}

#[derive(Args)]
pub struct SheetArgs {
    #[arg(long)]
    year: i64,
    #[arg(long)]
    township: String,
}

#[derive(Args)]
pub struct Export {
    #[arg(value_parser = ["template", "results", "sheets"])]
    what: String,
    #[arg(long)]
    year: i64,
    /// 只导出该乡镇的考核评分表（sheets）
    #[arg(long)]
    township: Option<String>,
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: PathBuf,
}

pub fn assessment(r: &mut Renda, cmd: AssessmentCmd, json: bool) -> Result<(), Error> {
    match cmd {
        AssessmentCmd::Template(TemplateCmd::Create(y)) => {
            template_show(call(r, "assessment_template_create", json!({ "year": y.year }))?, json)
        }
        AssessmentCmd::Template(TemplateCmd::Copy(y)) => {
            template_show(call(r, "assessment_template_copy", json!({ "year": y.year }))?, json)
        }
        AssessmentCmd::Template(TemplateCmd::AddBlock { year, name, bonus }) => {
            template_show(call(r, "assessment_block_add", BlockInput { year, name, bonus })?, json)
        }
        AssessmentCmd::Template(TemplateCmd::AddItem(a)) => add_item(r, a, json),
        AssessmentCmd::Template(TemplateCmd::UpdateItem(a)) => update_item(r, a, json),
        AssessmentCmd::Template(TemplateCmd::RemoveItem { year, item }) => {
            let id = item_id(r, year, &item)?;
            template_show(call(r, "assessment_item_remove", IdArgs { id })?, json)
        }
        AssessmentCmd::Template(TemplateCmd::List(y)) => {
            let t: Option<Template> = call(r, "assessment_template_get", json!({ "year": y.year }))?;
            let t = t.ok_or_else(|| Error::NotFound(format!("{}年度还没有评分表", y.year)))?;
            template_show(t, json)
        }
        AssessmentCmd::SelfSheet(y) => self_sheet(call(r, "assessment_self_sheet", json!({ "year": y.year }))?, json),
        AssessmentCmd::SelfScore(a) => self_score(r, a, json),
        AssessmentCmd::TownshipAdd { name } => {
            let list: Vec<Township> = call(r, "assessment_township_add", TownshipInput { name })?;
            if json {
                print_json(&list);
            } else {
                say!("参评乡镇：{}", list.iter().map(|w| w.name.as_str()).collect::<Vec<_>>().join("、"));
            }
            Ok(())
        }
        AssessmentCmd::Score(a) => score(r, a, json),
        AssessmentCmd::Adjust(a) => adjust(r, a, json),
        AssessmentCmd::Results(y) => results(call(r, "assessment_results", json!({ "year": y.year }))?, json),
        AssessmentCmd::Sheet(a) => {
            let township_id = township_id(r, &a.township)?;
            sheet(call(r, "assessment_sheet", SheetQuery { year: a.year, township_id })?, json)
        }
        AssessmentCmd::Export(a) => export(r, a, json),
    }
}

fn template_of(r: &mut Renda, year: i64) -> Result<Template, Error> {
    let t: Option<Template> = call(r, "assessment_template_get", json!({ "year": year }))?;
    t.ok_or_else(|| Error::NotFound(format!("{year}年度还没有评分表：请先 renda assessment template create 或 copy")))
}

fn item_id(r: &mut Renda, year: i64, name: &str) -> Result<i64, Error> {
    let t = template_of(r, year)?;
    let found = t.items().find(|(_, i)| i.name == name.trim()).map(|(_, i)| i.id);
    found.ok_or_else(|| Error::field("item", format!("{year}年度评分表中没有评分项目「{name}」")))
}

fn township_id(r: &mut Renda, name: &str) -> Result<i64, Error> {
    let list: Vec<Township> = call(r, "assessment_townships", json!({}))?;
    let found = list.iter().find(|w| w.name == name.trim()).map(|w| w.id);
    found.ok_or_else(|| {
        let all = list.iter().map(|w| w.name.as_str()).collect::<Vec<_>>().join("、");
        Error::field("township", format!("没有参评乡镇「{name}」，现有：{all}"))
    })
}

fn block_id(t: &Template, name: &str) -> Result<i64, Error> {
    t.blocks.iter().find(|b| b.name == name.trim()).map(|b| b.id).ok_or_else(|| {
        Error::field("block", format!("评分表中没有板块「{name}」，请先 renda assessment template add-block"))
    })
}

fn update_item(r: &mut Renda, a: UpdateItem, json: bool) -> Result<(), Error> {
    let t = template_of(r, a.year)?;
    let (_, i) = t
        .items()
        .find(|(_, i)| i.name == a.item.trim())
        .ok_or_else(|| Error::field("item", format!("{}年度评分表中没有评分项目「{}」", a.year, a.item)))?;
    let auto_source = match (a.manual, a.auto) {
        (true, _) => None,
        (false, Some(k)) => Some(k),
        (false, None) => i.auto_source,
    };
    let input = ItemInput {
        block_id: a.block.as_deref().map(|b| block_id(&t, b)).transpose()?.unwrap_or(i.block_id),
        name: a.name.unwrap_or_else(|| i.name.clone()),
        max_points: a.max.unwrap_or(i.max_points),
        criterion: a.criterion.unwrap_or_else(|| i.criterion.clone()),
        evidence: a.evidence.unwrap_or_else(|| i.evidence.clone()),
        auto_source,
        full_at: auto_source.and(a.full_at.or(i.full_at)),
    };
    template_show(call(r, "assessment_item_update", UpdateArgs { id: i.id, data: input })?, json)
}

fn add_item(r: &mut Renda, a: AddItem, json: bool) -> Result<(), Error> {
    let t = template_of(r, a.year)?;
    let block_id = block_id(&t, &a.block)?;
    let input = ItemInput {
        block_id,
        name: a.name,
        max_points: a.max,
        criterion: a.criterion,
        evidence: a.evidence,
        auto_source: a.auto,
        full_at: a.full_at,
    };
    template_show(call(r, "assessment_item_add", input)?, json)
}

fn self_score(r: &mut Renda, a: SelfScore, json: bool) -> Result<(), Error> {
    let item_id = item_id(r, a.year, &a.item)?;
    let input = SelfScoreInput { item_id, points: a.points, note: a.note, evidence: a.evidence, reason: a.reason };
    self_sheet(call(r, "assessment_self_score", input)?, json)
}

fn score(r: &mut Renda, a: Score, json: bool) -> Result<(), Error> {
    let (item_id, township_id) = (item_id(r, a.year, &a.item)?, township_id(r, &a.township)?);
    let input = ScoreInput { year: a.year, township_id, item_id, points: a.points, reason: a.reason };
    sheet(call(r, "assessment_score", input)?, json)
}

fn adjust(r: &mut Renda, a: Adjust, json: bool) -> Result<(), Error> {
    let (item_id, township_id) = (item_id(r, a.year, &a.item)?, township_id(r, &a.township)?);
    let input = AdjustInput { year: a.year, township_id, item_id, delta: a.delta, reason: a.reason };
    sheet(call(r, "assessment_adjust", input)?, json)
}

fn export(r: &mut Renda, a: Export, json: bool) -> Result<(), Error> {
    let township_id = a.township.as_deref().map(|n| township_id(r, n)).transpose()?;
    let kind = format!("assessment-{}", a.what);
    let export = ExportRequest::read(&kind, json!({ "year": a.year, "township_id": township_id }))?;
    let args = ExportArgs { export, upward: None, path: Some(a.output.to_string_lossy().into_owned()) };
    let out: ExportResult = call(r, "export_list", args)?;
    if json {
        print_json(&out);
    } else {
        say!("已导出：{}", a.output.display());
    }
    Ok(())
}

fn p(x: Option<f64>) -> String {
    x.map(|v| format!("{v}")).unwrap_or_else(|| "—".into())
}

fn template_show(t: Template, json: bool) -> Result<(), Error> {
    if json {
        print_json(&t);
        return Ok(());
    }
    say!(
        "{}年度评分表（第{}版{}）：基本分{}分，加分{}分；优秀≥{}，合格≥{}（按基本分），{}",
        t.year,
        t.version,
        if t.issuer.is_empty() { String::new() } else { format!("，{}制定", t.issuer) },
        t.base_max,
        t.bonus_max,
        t.excellent,
        t.pass,
        t.rank_by.label()
    );
    for b in &t.blocks {
        say!("【{}{}】", b.name, if b.bonus { "（加分）" } else { "" });
        for i in &b.items {
            let auto = i.auto_source.map(|s| format!("\t自动计分：{}，{}{}得满分", s.label(), p(i.full_at), s.unit()));
            say!("  {}\t{}分\t{}{}", i.name, i.max_points, i.criterion, auto.unwrap_or_default());
        }
    }
    Ok(())
}

fn self_sheet(s: SelfSheet, json: bool) -> Result<(), Error> {
    if json {
        print_json(&s);
        return Ok(());
    }
    let Some(t) = &s.template else {
        say!("还没有评分表：请导入县人大导出的评分表（renda import assessment-template 文件）");
        return Ok(());
    };
    say!("{}年度自评（{}第{}版评分表）：基本分 {}，加分 {}", t.year, t.issuer, t.version, s.base, s.bonus);
    for r in &s.rows {
        let auto =
            r.auto.as_ref().map(|a| format!("\t自动：{}（建议 {} 分）", a.text, p(a.proposed))).unwrap_or_default();
        say!("  {}·{}\t{}分\t自评 {}{}", r.block, r.item.name, r.item.max_points, p(r.points), auto);
    }
    Ok(())
}

fn results(res: AssessmentResults, json: bool) -> Result<(), Error> {
    if json {
        print_json(&res);
        return Ok(());
    }
    say!("{}年度乡镇人大工作考核结果（等次按基本分）", res.year);
    for r in &res.rows {
        say!(
            "{:>3}  {}\t基本分 {}\t加分 {}\t总分 {}\t{}\t{}",
            r.rank.map(|n| n.to_string()).unwrap_or_else(|| "—".into()),
            r.name,
            p(r.base),
            p(r.bonus),
            p(r.total),
            r.grade.map(|g| g.label()).unwrap_or("—"),
            r.sent_text(),
        );
    }
    Ok(())
}

fn sheet(s: TownshipSheet, json: bool) -> Result<(), Error> {
    if json {
        print_json(&s);
        return Ok(());
    }
    let res = &s.result;
    say!(
        "{}年度{}评分表：基本分 {}，加分 {}，总分 {}，{}，{}",
        s.year,
        s.township.name,
        p(res.base),
        p(res.bonus),
        p(res.total),
        res.grade.map(|g| g.label()).unwrap_or("—"),
        res.status.label()
    );
    for w in &s.warnings {
        say!("注意：{w}");
    }
    for r in &s.rows {
        let adj: Vec<String> = r.adjustments.iter().map(|a| format!("{:+}（{}）", a.points, a.reason)).collect();
        say!(
            "  {}·{}\t{}分\t自评 {}\t考核组 {}\t加减分 {}\t得分 {}",
            r.block,
            r.item.name,
            r.item.max_points,
            p(r.self_points),
            p(r.group),
            if adj.is_empty() { "—".into() } else { adj.join(" ") },
            p(r.points)
        );
    }
    Ok(())
}
