//! What can be imported and what can be exported: one enum each, with the key the command line,
//! the command layer and the window use, and the Chinese title files and the log are named by.
//! The tables below are the only list of them; error texts and the CLI's choices come from here.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// A kind of Excel file the office brings in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum ImportKind {
    /// 代表名册
    Deputies,
    /// 承办单位
    Units,
    /// 代表建议（交办清单、办理情况汇总表）
    Suggestions,
    /// 联络站登记簿（须指定联络站和登记簿）
    Register,
    /// 测评票计票表（须指定评议）
    Ballots,
}

/// A kind of Excel report the engine writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum ExportKind {
    /// 代表名册
    Deputies,
    /// 承办单位
    Units,
    /// 代表联络站名单
    Stations,
    /// 联络站登记簿
    Register,
    /// 建设运行档案目录
    ArchiveIndex,
    /// 联络站运行统计表
    StationStats,
    /// 满意度测评结果表
    EvaluationResults,
    /// 测评票
    BallotForms,
    /// 代表履职积分表
    Points,
    /// 代表履职档案
    Dossier,
    /// 建议交办清单
    AssignmentList,
    /// 建议办理情况台账
    Ledger,
    /// 承办单位办理情况统计表
    UnitStats,
    /// 建议分类统计表
    CategoryStats,
    /// 代表建议交办单
    HandoverForm,
    /// 代表建议办理情况征询意见表
    RatingForm,
    /// 乡镇汇总表
    ReportSummary,
}

/// (kind, key, title in the log and in messages, title of its blank template)
const IMPORTS: [(ImportKind, &str, &str, &str); 5] = [
    (ImportKind::Deputies, "deputies", "代表名册", "代表名册导入模板"),
    (ImportKind::Units, "units", "承办单位", "承办单位导入模板"),
    (ImportKind::Suggestions, "suggestions", "代表建议", "代表建议汇总表导入模板"),
    (ImportKind::Register, "register", "登记簿", "登记簿导入模板"),
    (ImportKind::Ballots, "ballots", "测评票", "测评票计票表导入模板"),
];

/// (kind, key, title: the file's name before its date)
const EXPORTS: [(ExportKind, &str, &str); 17] = [
    (ExportKind::Deputies, "deputies", "代表名册"),
    (ExportKind::Units, "units", "承办单位"),
    (ExportKind::Stations, "stations", "代表联络站名单"),
    (ExportKind::Register, "register", "登记簿"),
    (ExportKind::ArchiveIndex, "archive-index", "建设运行档案目录"),
    (ExportKind::StationStats, "station-stats", "联络站运行统计表"),
    (ExportKind::EvaluationResults, "evaluation-results", "满意度测评结果表"),
    (ExportKind::BallotForms, "ballot-forms", "测评票"),
    (ExportKind::Points, "points", "代表履职积分表"),
    (ExportKind::Dossier, "dossier", "代表履职档案"),
    (ExportKind::AssignmentList, "assignment-list", "建议交办清单"),
    (ExportKind::Ledger, "ledger", "建议办理情况台账"),
    (ExportKind::UnitStats, "unit-stats", "承办单位办理情况统计表"),
    (ExportKind::CategoryStats, "category-stats", "建议分类统计表"),
    (ExportKind::HandoverForm, "handover-form", "代表建议交办单"),
    (ExportKind::RatingForm, "rating-form", "代表建议办理情况征询意见表"),
    (ExportKind::ReportSummary, "report-summary", "乡镇汇总表"),
];

fn imported(k: ImportKind) -> &'static (ImportKind, &'static str, &'static str, &'static str) {
    // the table holds every variant (the tests check it), so the search always finds one
    IMPORTS.iter().find(|x| x.0 == k).unwrap_or(&IMPORTS[0])
}

fn exported(k: ExportKind) -> &'static (ExportKind, &'static str, &'static str) {
    EXPORTS.iter().find(|x| x.0 == k).unwrap_or(&EXPORTS[0])
}

/// 「代表名册（deputies）、承办单位（units）…」
fn choices<'a>(list: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    list.map(|(key, title)| format!("{title}（{key}）")).collect::<Vec<_>>().join("、")
}

impl ImportKind {
    pub fn all() -> impl Iterator<Item = ImportKind> {
        IMPORTS.iter().map(|x| x.0)
    }
    pub fn key(self) -> &'static str {
        imported(self).1
    }
    pub fn title(self) -> &'static str {
        imported(self).2
    }
    pub fn template_title(self) -> &'static str {
        imported(self).3
    }

    /// The kind an import was logged under: a register is logged with its book (`register-contact`).
    pub fn of_logged(logged: &str) -> Option<ImportKind> {
        let key = if logged.starts_with("register-") { "register" } else { logged };
        IMPORTS.iter().find(|x| x.1 == key).map(|x| x.0)
    }

    /// What the import log and the window call a logged import: a register by its book's name.
    pub fn logged_title(logged: &str) -> String {
        if let Some(book) = logged.strip_prefix("register-") {
            if let Ok(name) = crate::stations::model::book_name(book) {
                return name.to_string();
            }
        }
        Self::of_logged(logged).map(|k| k.title().to_string()).unwrap_or_else(|| logged.to_string())
    }

    /// The refusal of a kind that cannot be imported, naming every one that can.
    pub fn refusal(other: &str) -> Error {
        let all = choices(IMPORTS.iter().map(|x| (x.1, x.2)));
        Error::field("kind", format!("不能导入「{}」，可选：{all}", crate::fields::quote(other)))
    }

    /// Every blank template (`renda template KIND`): one per kind, a register one per book.
    pub fn template_keys() -> Vec<String> {
        let mut out = Vec::new();
        for k in ImportKind::all() {
            match k {
                ImportKind::Register => {
                    out.extend(crate::stations::model::BOOKS.iter().map(|b| format!("register-{}", b.0)))
                }
                _ => out.push(k.key().to_string()),
            }
        }
        out
    }

    /// A template key (`deputies`, `register-contact` …) read as its kind and, for a register, book.
    pub fn parse_template(key: &str) -> Result<(ImportKind, Option<&str>)> {
        let refuse = || {
            Error::field(
                "kind",
                format!("没有「{}」的导入模板，可选：{}", crate::fields::quote(key), Self::template_keys().join("、")),
            )
        };
        match key.strip_prefix("register-") {
            Some(book) if crate::stations::model::book_name(book).is_ok() => Ok((ImportKind::Register, Some(book))),
            Some(_) => Err(refuse()),
            None => key.parse::<ImportKind>().map(|k| (k, None)).map_err(|_| refuse()),
        }
    }
}

impl ExportKind {
    pub fn all() -> impl Iterator<Item = ExportKind> {
        EXPORTS.iter().map(|x| x.0)
    }
    pub fn key(self) -> &'static str {
        exported(self).1
    }
    pub fn title(self) -> &'static str {
        exported(self).2
    }

    pub fn refusal(other: &str) -> Error {
        let all = choices(EXPORTS.iter().map(|x| (x.1, x.2)));
        Error::field("kind", format!("不能导出「{}」，可选：{all}", crate::fields::quote(other)))
    }
}

impl FromStr for ImportKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<ImportKind> {
        IMPORTS.iter().find(|x| x.1 == s.trim()).map(|x| x.0).ok_or_else(|| ImportKind::refusal(s))
    }
}

impl FromStr for ExportKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<ExportKind> {
        EXPORTS.iter().find(|x| x.1 == s.trim()).map(|x| x.0).ok_or_else(|| ExportKind::refusal(s))
    }
}

impl fmt::Display for ImportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl fmt::Display for ExportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// serde's own refusal of an unknown variant is English; this carries the Chinese one, with the
/// field it belongs to, to the command layer (`api::args` reads it back with `field_refusal`).
const REFUSAL_MARK: char = '\u{1}';

fn deserialize_kind<'de, D: Deserializer<'de>, K: FromStr<Err = Error>>(d: D) -> std::result::Result<K, D::Error> {
    let s = String::deserialize(d)?;
    s.parse::<K>().map_err(|e| serde::de::Error::custom(format!("{REFUSAL_MARK}kind{REFUSAL_MARK}{e}")))
}

/// The field error a kind's deserializer reported, if the serde error text is one.
pub fn field_refusal(serde_text: &str) -> Option<Error> {
    let rest = serde_text.strip_prefix(REFUSAL_MARK)?;
    let (field, message) = rest.split_once(REFUSAL_MARK)?;
    Some(Error::field(field, message))
}

impl<'de> Deserialize<'de> for ImportKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        deserialize_kind(d)
    }
}

impl<'de> Deserialize<'de> for ExportKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        deserialize_kind(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum;

    #[test]
    fn every_kind_has_one_row_and_the_same_key_everywhere() {
        for k in ImportKind::value_variants() {
            assert_eq!(IMPORTS.iter().filter(|x| x.0 == *k).count(), 1, "{k:?}");
            let serde_key = serde_json::to_value(k).unwrap();
            assert_eq!(serde_key.as_str(), Some(k.key()));
            assert_eq!(k.to_possible_value().unwrap().get_name(), k.key());
            assert_eq!(serde_json::from_value::<ImportKind>(serde_key).unwrap(), *k);
        }
        for k in ExportKind::value_variants() {
            assert_eq!(EXPORTS.iter().filter(|x| x.0 == *k).count(), 1, "{k:?}");
            let serde_key = serde_json::to_value(k).unwrap();
            assert_eq!(serde_key.as_str(), Some(k.key()));
            assert_eq!(k.to_possible_value().unwrap().get_name(), k.key());
            assert_eq!(serde_json::from_value::<ExportKind>(serde_key).unwrap(), *k);
        }
    }

    #[test]
    fn an_unknown_kind_is_refused_naming_them_all() {
        let e = "nope".parse::<ImportKind>().unwrap_err().to_string();
        assert!(
            e.contains("不能导入「nope」") && e.contains("测评票（ballots）") && e.contains("登记簿（register）"),
            "{e}"
        );
        let e = serde_json::from_value::<ExportKind>("nope".into()).unwrap_err().to_string();
        let e = field_refusal(&e).unwrap().to_string();
        assert!(e.contains("不能导出「nope」") && e.contains("乡镇汇总表（report-summary）"), "{e}");
        assert_eq!(ImportKind::logged_title("register-contact"), "代表联系群众登记簿");
        assert_eq!(ImportKind::logged_title("ballots"), "测评票");
        assert!(ImportKind::parse_template("register-nope").is_err());
        assert_eq!(ImportKind::parse_template("register-report").unwrap(), (ImportKind::Register, Some("report")));
    }
}
