//! What 上报 writes as a plain workbook: the 乡镇汇总表 of the packages received (the package
//! itself is `package.rs`'s).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::PackQuery;
use crate::error::Result;
use crate::excel::kinds::{ExportDecl, ExportSet};
use crate::Renda;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "query", rename_all = "kebab-case")]
pub enum ReportExport {
    ReportSummary(PackQuery),
}

impl ExportSet for ReportExport {
    const KINDS: &'static [ExportDecl] = &[ExportDecl { key: "report-summary", title: "乡镇汇总表" }];

    fn file_title(&self, _: &Renda, _: bool) -> Result<String> {
        match self {
            ReportExport::ReportSummary(q) => Ok(format!("{}（{}）", self.title(), super::period(q)?.2)),
        }
    }

    fn write(&self, r: &Renda, _: bool) -> Result<Vec<u8>> {
        match self {
            ReportExport::ReportSummary(q) => r.export_report_summary(q),
        }
    }
}
