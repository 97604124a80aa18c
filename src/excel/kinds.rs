//! How an area declares the Excel files it brings in and writes out. Each area's `excel.rs` lists
//! its kinds once, as an enum implementing `ImportSet` (key, title, what must be chosen, reader,
//! template) or `ExportSet` (key, title, typed query, file name, writer); the command layer
//! (`api::kinds`) joins the areas' enums into the ones the commands, the CLI and the window read.
//! This layer knows no area: it holds the traits and the Chinese refusals they share.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::import::{ImportReport, ImportRequest};
use crate::error::{Error, Result};
use crate::Renda;

/// What an import (and its template) needs chosen besides the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Needs {
    Nothing,
    /// A session may be chosen; else the sheet's title names it, else the current one.
    Session,
    /// A station and one of its books.
    StationBook,
    /// An open evaluation (its template may also be that evaluation's 计票表).
    Evaluation,
    /// The date the report is of, when the sheet has no 日期 column (default: today).
    ReportDate,
}

/// One kind of file an area brings in.
#[derive(Debug)]
pub struct ImportDecl {
    /// The command line's, the commands' and the window's name for it.
    pub key: &'static str,
    /// What the import log, the window and the messages call it.
    pub title: &'static str,
    pub needs: Needs,
}

/// One kind of workbook an area writes.
#[derive(Debug)]
pub struct ExportDecl {
    pub key: &'static str,
    /// The file's name before its date (a kind of one record adds the record's name).
    pub title: &'static str,
}

/// `template_get`'s choices besides the kind.
#[derive(Debug, Clone, Default)]
pub struct TemplateChoice {
    pub book: Option<String>,
    pub evaluation_id: Option<i64>,
}

/// An area's import kinds: the enum whose variants are its kinds, and the table declaring them.
pub trait ImportSet: Copy + PartialEq + 'static {
    /// Every kind of the area, in the order the window offers them.
    const KINDS: &'static [(Self, ImportDecl)];

    fn decl(self) -> &'static ImportDecl {
        // the table holds every variant (the tests check it)
        Self::KINDS.iter().find(|k| k.0 == self).map(|k| &k.1).unwrap_or(&Self::KINDS[0].1)
    }

    /// The keys `renda template` takes for this kind: the kind's own, or one per book.
    fn template_keys(self) -> Vec<String> {
        vec![self.decl().key.to_string()]
    }

    /// What the import log calls an import logged as `logged` (a register is logged with its
    /// book), if it is one of this area's.
    fn logged_title(logged: &str) -> Option<String> {
        Self::KINDS.iter().find(|k| k.1.key == logged).map(|k| k.1.title.to_string())
    }

    /// Reads the file into the area's records (a preview when `dry_run`).
    fn import(self, r: &mut Renda, bytes: &[u8], a: &ImportRequest) -> Result<ImportReport>;

    /// The blank template: its file's title and its bytes.
    fn template(self, r: &Renda, choice: &TemplateChoice) -> Result<(String, Vec<u8>)>;
}

/// An area's export kinds: an enum tagged by key whose variants carry their typed query.
pub trait ExportSet: Serialize + Sized + 'static {
    /// Every kind of the area, in the order they are listed.
    const KINDS: &'static [ExportDecl];

    /// The kind: the serde tag of the variant, as its row of `KINDS` spells it (the command
    /// layer's tests check that every variant has its row).
    fn key(&self) -> &'static str {
        let wire = serde_json::to_value(self).ok();
        let tag = wire.as_ref().and_then(|w| w.get("kind")).and_then(|k| k.as_str());
        Self::KINDS.iter().find(|k| Some(k.key) == tag).map(|k| k.key).unwrap_or("")
    }

    fn title(&self) -> &'static str {
        Self::KINDS.iter().find(|k| k.key == self.key()).map(|k| k.title).unwrap_or("")
    }

    /// The file's name before its date: the title, and what the query adds to keep two files of
    /// one day apart (a record's name, a period, （上报）).
    fn file_title(&self, r: &Renda, upward: bool) -> Result<String>;

    fn write(&self, r: &Renda, upward: bool) -> Result<Vec<u8>>;
}

/// The common file title: a 上报 copy is named apart so it never overwrites the full list.
pub fn plain_title(title: &str, upward: bool) -> String {
    format!("{title}{}", if upward { "（上报）" } else { "" })
}

/// 「代表名册（deputies）、承办单位（units）…」
pub fn choices<'a>(list: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    list.map(|(key, title)| format!("{title}（{key}）")).collect::<Vec<_>>().join("、")
}

/// serde's own refusal of an unknown variant is English; this carries the Chinese one, with the
/// field it belongs to, to the command layer (`api::args` reads it back with `field_refusal`).
const REFUSAL_MARK: char = '\u{1}';

/// A field error as a deserializer's error, for `field_refusal` to read back.
pub fn refuse_in_serde<E: serde::de::Error>(field: &str, e: Error) -> E {
    E::custom(format!("{REFUSAL_MARK}{field}{REFUSAL_MARK}{e}"))
}

/// The field error a kind's deserializer reported, if the serde error text is one.
pub fn field_refusal(serde_text: &str) -> Option<Error> {
    let rest = serde_text.strip_prefix(REFUSAL_MARK)?;
    let (field, message) = rest.split_once(REFUSAL_MARK)?;
    Some(Error::field(field, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_survives_serde() {
        let e: serde_json::Error = refuse_in_serde("kind", Error::field("kind", "不能导出「x」"));
        assert_eq!(field_refusal(&e.to_string()).unwrap().to_string(), "不能导出「x」");
        assert!(field_refusal("missing field `id`").is_none());
        assert_eq!(
            choices([("units", "承办单位"), ("ledger", "台账")].into_iter()),
            "承办单位（units）、台账（ledger）"
        );
    }
}
