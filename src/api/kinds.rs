//! The Excel kinds the commands take: the union of the kinds each area declares in its
//! `excel.rs`. A kind added to an area appears here by itself; a new area adds one line to each
//! union. Keys, titles and the Chinese refusals all come from the areas' declarations.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::assessment::excel::{AssessmentExport, AssessmentImport};
use crate::error::{Error, Result};
use crate::evaluation::excel::{EvaluationExport, EvaluationImport};
use crate::excel::import::{ImportReport, ImportRequest};
use crate::excel::kinds::{
    choices, refuse_in_serde, ExportDecl, ExportSet, ImportDecl, ImportSet, Needs, TemplateChoice,
};
use crate::hearings::excel::{HearingExport, HearingImport};
use crate::oversight::excel::{OversightExport, OversightImport};
use crate::projects::excel::{ProjectExport, ProjectImport};
use crate::reports::excel::ReportExport;
use crate::roster::excel::{RosterExport, RosterImport};
use crate::stations::excel::{StationExport, StationImport};
use crate::suggestions::excel::{SuggestionExport, SuggestionImport};
use crate::Renda;

macro_rules! import_union {
    ($($area:ident($set:ty)),* $(,)?) => {
        /// A kind of Excel file the office brings in: one of an area's, sent as its key.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
        #[serde(untagged)]
        pub enum ImportKind {
            $($area($set)),*
        }

        impl ImportKind {
            /// Every kind, area by area, each area's in its declared order.
            pub fn all() -> impl Iterator<Item = ImportKind> {
                let mut all = Vec::new();
                $(all.extend(<$set as ImportSet>::KINDS.iter().map(|k| ImportKind::$area(k.0)));)*
                all.into_iter()
            }

            pub fn decl(self) -> &'static ImportDecl {
                match self {
                    $(ImportKind::$area(k) => k.decl()),*
                }
            }

            fn own_template_keys(self) -> Vec<String> {
                match self {
                    $(ImportKind::$area(k) => k.template_keys()),*
                }
            }

            /// What the import log and the window call a logged import (a register by its book).
            pub fn logged_title(logged: &str) -> String {
                None$(.or_else(|| <$set as ImportSet>::logged_title(logged)))*.unwrap_or_else(|| logged.to_string())
            }

            /// Reads the file as this kind: the `import_file` command.
            pub fn import(self, r: &mut Renda, bytes: &[u8], a: &ImportRequest) -> Result<ImportReport> {
                match self {
                    $(ImportKind::$area(k) => k.import(r, bytes, a)),*
                }
            }

            /// This kind's blank template: its file's title and its bytes.
            pub fn template(self, r: &Renda, choice: &TemplateChoice) -> Result<(String, Vec<u8>)> {
                match self {
                    $(ImportKind::$area(k) => k.template(r, choice)),*
                }
            }
        }
    };
}

import_union!(
    Roster(RosterImport),
    Suggestions(SuggestionImport),
    Stations(StationImport),
    Evaluation(EvaluationImport),
    Projects(ProjectImport),
    Oversight(OversightImport),
    Hearings(HearingImport),
    Assessment(AssessmentImport),
);

macro_rules! export_union {
    ($($area:ident($set:ty)),* $(,)?) => {
        /// A workbook to write: an area's kind with its typed query, sent as
        /// `{kind: "ledger", query: SuggestionQuery}`.
        #[derive(Debug, Clone, Serialize, TS)]
        #[serde(untagged)]
        pub enum ExportRequest {
            $($area($set)),*
        }

        impl ExportRequest {
            /// Every kind, area by area, each area's in its declared order.
            pub fn kinds() -> impl Iterator<Item = &'static ExportDecl> {
                std::iter::empty()$(.chain(<$set as ExportSet>::KINDS.iter()))*
            }

            /// The request of kind `key` with its query (`{}` when none is given).
            pub fn read(key: &str, query: Value) -> std::result::Result<ExportRequest, ReadError> {
                let key = key.trim();
                let query = if query.is_null() { Value::Object(Default::default()) } else { query };
                let wire = serde_json::json!({ "kind": key, "query": query });
                $(if <$set as ExportSet>::KINDS.iter().any(|k| k.key == key) {
                    return serde_json::from_value(wire).map(ExportRequest::$area).map_err(ReadError::Query);
                })*
                Err(ReadError::Kind(ExportRequest::refusal(key)))
            }

            fn set(&self) -> &dyn ExportDyn {
                match self {
                    $(ExportRequest::$area(e) => e),*
                }
            }
        }

        $(impl From<$set> for ExportRequest {
            fn from(e: $set) -> ExportRequest {
                ExportRequest::$area(e)
            }
        })*
    };
}

export_union!(
    Roster(RosterExport),
    Stations(StationExport),
    Evaluation(EvaluationExport),
    Projects(ProjectExport),
    Oversight(OversightExport),
    Hearings(HearingExport),
    Assessment(AssessmentExport),
    Suggestions(SuggestionExport),
    Reports(ReportExport),
);

/// `ExportSet` without its table, so that one match reaches any area's request.
trait ExportDyn {
    fn key(&self) -> &'static str;
    fn title(&self) -> &'static str;
    fn file_title(&self, r: &Renda, upward: bool) -> Result<String>;
    fn write(&self, r: &Renda, upward: bool) -> Result<Vec<u8>>;
}

impl<T: ExportSet> ExportDyn for T {
    fn key(&self) -> &'static str {
        ExportSet::key(self)
    }
    fn title(&self) -> &'static str {
        ExportSet::title(self)
    }
    fn file_title(&self, r: &Renda, upward: bool) -> Result<String> {
        ExportSet::file_title(self, r, upward)
    }
    fn write(&self, r: &Renda, upward: bool) -> Result<Vec<u8>> {
        ExportSet::write(self, r, upward)
    }
}

/// Why an export request could not be read: a kind no area declares, or a query that is not
/// the kind's.
#[derive(Debug)]
pub enum ReadError {
    Kind(Error),
    Query(serde_json::Error),
}

impl From<ReadError> for Error {
    fn from(e: ReadError) -> Error {
        match e {
            ReadError::Kind(e) => e,
            ReadError::Query(e) => Error::field("query", format!("导出的查询条件有误：{e}")),
        }
    }
}

impl ExportRequest {
    pub fn key(&self) -> &'static str {
        self.set().key()
    }
    pub fn title(&self) -> &'static str {
        self.set().title()
    }
    /// The file's name before its date (see `ExportSet::file_title`).
    pub fn file_title(&self, r: &Renda, upward: bool) -> Result<String> {
        self.set().file_title(r, upward)
    }
    pub fn write(&self, r: &Renda, upward: bool) -> Result<Vec<u8>> {
        self.set().write(r, upward)
    }

    /// The refusal of a kind that cannot be exported, naming every one that can.
    pub fn refusal(other: &str) -> Error {
        let all = choices(ExportRequest::kinds().map(|k| (k.key, k.title)));
        Error::field("kind", format!("不能导出「{}」，可选：{all}", crate::fields::quote(other)))
    }
}

impl<'de> Deserialize<'de> for ExportRequest {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Wire {
            kind: String,
            #[serde(default)]
            query: Value,
        }
        let w = Wire::deserialize(d)?;
        ExportRequest::read(&w.kind, w.query).map_err(|e| match e {
            ReadError::Kind(e) => refuse_in_serde("kind", e),
            ReadError::Query(e) => serde::de::Error::custom(e),
        })
    }
}

impl ImportKind {
    pub fn key(self) -> &'static str {
        self.decl().key
    }
    pub fn title(self) -> &'static str {
        self.decl().title
    }
    pub fn needs(self) -> Needs {
        self.decl().needs
    }

    /// The refusal of a kind that cannot be imported, naming every one that can.
    pub fn refusal(other: &str) -> Error {
        let all = choices(ImportKind::all().map(|k| (k.key(), k.title())));
        Error::field("kind", format!("不能导入「{}」，可选：{all}", crate::fields::quote(other)))
    }

    /// Every blank template (`renda template KIND`): one per kind, a register one per book.
    pub fn template_keys() -> Vec<String> {
        ImportKind::all().flat_map(ImportKind::own_template_keys).collect()
    }

    /// A template key (`deputies`, `register-contact` …) read as its kind and, for a register,
    /// its book.
    pub fn parse_template(key: &str) -> Result<(ImportKind, TemplateChoice)> {
        let kind = ImportKind::all().find(|k| k.own_template_keys().iter().any(|t| t == key)).ok_or_else(|| {
            Error::field(
                "kind",
                format!("没有「{}」的导入模板，可选：{}", crate::fields::quote(key), Self::template_keys().join("、")),
            )
        })?;
        let book = key.strip_prefix(kind.key()).and_then(|b| b.strip_prefix('-')).map(str::to_string);
        Ok((kind, TemplateChoice { book, evaluation_id: None }))
    }
}

impl FromStr for ImportKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<ImportKind> {
        ImportKind::all().find(|k| k.key() == s.trim()).ok_or_else(|| ImportKind::refusal(s))
    }
}

impl fmt::Display for ImportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl<'de> Deserialize<'de> for ImportKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        String::deserialize(d)?.parse().map_err(|e| refuse_in_serde("kind", e))
    }
}

impl Renda {
    /// A blank import template by its key (`deputies`, `register-contact` …).
    pub fn template(&self, key: &str) -> Result<Vec<u8>> {
        let (kind, choice) = ImportKind::parse_template(key)?;
        Ok(kind.template(self, &choice)?.1)
    }
}

/// An import kind as the window offers it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ImportKindInfo {
    pub key: ImportKind,
    pub title: String,
    pub needs: Needs,
    /// The keys `template_get` (and `renda template`) take for it: its own, or one per book.
    pub template_keys: Vec<String>,
}

/// An export kind: its key and the title its files are named by.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ExportKindInfo {
    pub key: String,
    pub title: String,
}

/// `excel_meta`: every import and export kind, from the areas' declarations, so the window never
/// spells a kind or a title.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ExcelMeta {
    pub imports: Vec<ImportKindInfo>,
    pub exports: Vec<ExportKindInfo>,
}

impl ExcelMeta {
    pub fn new() -> ExcelMeta {
        ExcelMeta {
            imports: ImportKind::all()
                .map(|k| ImportKindInfo {
                    key: k,
                    title: k.title().into(),
                    needs: k.needs(),
                    template_keys: k.own_template_keys(),
                })
                .collect(),
            exports: ExportRequest::kinds()
                .map(|k| ExportKindInfo { key: k.key.into(), title: k.title.into() })
                .collect(),
        }
    }
}

impl Default for ExcelMeta {
    fn default() -> Self {
        ExcelMeta::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_kind_has_a_unique_key_and_title_and_round_trips() {
        let imports: Vec<ImportKind> = ImportKind::all().collect();
        assert_eq!(imports.iter().map(|k| k.key()).collect::<HashSet<_>>().len(), imports.len());
        assert_eq!(imports.iter().map(|k| k.title()).collect::<HashSet<_>>().len(), imports.len());
        for k in &imports {
            let wire = serde_json::to_value(k).unwrap();
            assert_eq!(wire.as_str(), Some(k.key()));
            assert_eq!(serde_json::from_value::<ImportKind>(wire).unwrap(), *k);
            assert_eq!(k.key().parse::<ImportKind>().unwrap(), *k);
        }
        let exports: Vec<&ExportDecl> = ExportRequest::kinds().collect();
        assert_eq!(exports.iter().map(|k| k.key).collect::<HashSet<_>>().len(), exports.len());
        assert_eq!(exports.iter().map(|k| k.title).collect::<HashSet<_>>().len(), exports.len());
        for k in exports {
            // a query of defaults, as `{}` is read: the declared key is the serde tag of its variant
            let Ok(req) = ExportRequest::read(k.key, serde_json::json!({ "id": 1, "deputy_id": 1, "year": 2026 }))
            else {
                panic!("{} is not read", k.key)
            };
            assert_eq!((req.key(), req.title()), (k.key, k.title));
            let wire = serde_json::to_value(&req).unwrap();
            assert_eq!(wire["kind"], k.key);
            let back: ExportRequest = serde_json::from_value(wire).unwrap();
            assert_eq!(back.key(), k.key);
        }
    }

    #[test]
    fn an_unknown_kind_is_refused_naming_them_all() {
        let e = "nope".parse::<ImportKind>().unwrap_err().to_string();
        assert!(
            e.contains("不能导入「nope」") && e.contains("测评票（ballots）") && e.contains("登记簿（register）"),
            "{e}"
        );
        let e = serde_json::from_value::<ExportRequest>(serde_json::json!({"kind": "nope"})).unwrap_err().to_string();
        let e = crate::excel::kinds::field_refusal(&e).unwrap().to_string();
        assert!(e.contains("不能导出「nope」") && e.contains("乡镇汇总表（report-summary）"), "{e}");
        assert_eq!(ImportKind::logged_title("register-contact"), "代表联系群众登记簿");
        assert_eq!(ImportKind::logged_title("ballots"), "测评票");
        assert!(ImportKind::parse_template("register-nope").is_err());
        let (kind, choice) = ImportKind::parse_template("register-report").unwrap();
        assert_eq!((kind.key(), choice.book.as_deref()), ("register", Some("report")));
        assert_eq!(ImportKind::parse_template("deputies").unwrap().1.book, None);
    }
}
