//! 数据-工作评价 (DOMAIN.md §8.3): a township's 自评 travels in its 上报包, and the office above
//! hands what it receives to the assessment area's store, in the receipt's transaction.

use super::layout;
use super::package::{self, DataSheet, PackageMeta, ASSESSMENT_KIND};
use crate::error::{Error, Result};
use crate::Renda;

impl Renda {
    /// 数据-工作评价 of a package: the office's own 自评 of the period's year (never passed on:
    /// a township is scored by its own county).
    pub(super) fn pack_assessment(&self, year: i64) -> Result<DataSheet> {
        let (_, name, columns) = layout()
            .into_iter()
            .find(|l| l.0 == ASSESSMENT_KIND)
            .ok_or_else(|| Error::Internal("数据-工作评价".into()))?;
        let rows = self.assessment_pack_rows(year)?.iter().map(|r| package::row_of(package::ASSESSMENT, r)).collect();
        Ok(DataSheet { kind: ASSESSMENT_KIND, name, columns, rows })
    }
}

fn row_value(d: &DataSheet, row: &[String]) -> serde_json::Value {
    let v: serde_json::Map<String, serde_json::Value> =
        d.columns.iter().zip(row).map(|(c, x)| (c.to_string(), serde_json::Value::String(x.clone()))).collect();
    serde_json::Value::Object(v)
}

/// The 数据-工作评价 rows of a package read back: each must be what the package writes.
pub(super) fn check_assessment(data: &[DataSheet]) -> Result<()> {
    for d in data.iter().filter(|d| d.kind == ASSESSMENT_KIND) {
        for (i, row) in d.rows.iter().enumerate() {
            let v = row_value(d, row);
            if let Err(col) = package::assessment_from_row(&v) {
                let cell = v.get(&col).and_then(|x| x.as_str()).unwrap_or_default();
                return Err(Error::BadFile(format!(
                    "上报包的工作表「{}」第{}条记录的「{col}」是「{}」，不是人大工作台生成的内容。请让下级重新生成上报包。",
                    d.name,
                    i + 1,
                    crate::fields::quote(cell)
                )));
            }
        }
    }
    Ok(())
}

/// Gives the package's 自评 to the assessment area (the sender becomes one of its townships).
pub(super) fn store_assessment(
    tx: &rusqlite::Connection,
    m: &PackageMeta,
    data: &[DataSheet],
    force: bool,
) -> Result<()> {
    let rows: Vec<_> = data
        .iter()
        .filter(|d| d.kind == ASSESSMENT_KIND)
        .flat_map(|d| d.rows.iter().filter_map(|r| package::assessment_from_row(&row_value(d, r)).ok()))
        .filter(|r| r.own == m.office_id)
        .collect();
    crate::assessment::receive(tx, &m.office_id, &m.office_name, m.serial, force, &rows)
}
