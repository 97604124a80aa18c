//! `renda project`: 民生实事项目票决.

use clap::Subcommand;
use renda::reports::ProjectFiguresTable;
use renda::{Error, Renda};
use serde_json::json;

use crate::{call, print_json, say};

#[derive(Subcommand)]
pub enum ProjectCmd {
    /// 统计：项目数、完成率、开工率、投资完成率、满意率（本级、各乡镇、合计）
    Figures {
        /// 年度，默认今年
        #[arg(long)]
        year: Option<i64>,
    },
}

pub fn project(r: &mut Renda, cmd: ProjectCmd, json: bool) -> Result<(), Error> {
    match cmd {
        ProjectCmd::Figures { year } => figures(r, year, json),
    }
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
