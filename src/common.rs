//! What every area shares: a page of a list and its bounds, an option of a list, LIKE patterns
//! and WHERE clauses, the dates of forms, and today.

use chrono::NaiveDate;
use rusqlite::types::Value as SqlValue;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::text::clean_opt;

/// Today on this computer's clock: deadlines and reminders count from it.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// One record by its id: the arguments of many commands, the query of a one-record export.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct IdArgs {
    pub id: i64,
}

/// An option of a list: the value stored and the label shown.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// A page of a list: `total` rows match, `items` are the rows of page `page`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Page<T> {
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
    pub items: Vec<T>,
}

/// Page number and size from a query, with the defaults and bounds every list shares.
pub fn paging(page: Option<i64>, page_size: Option<i64>) -> (i64, i64) {
    let size = match page_size {
        Some(0) => 0,
        Some(n) => n.clamp(1, 500),
        None => 20,
    };
    (page.unwrap_or(1).max(1), size)
}

/// A form's date in any form the Excel import reads, stored as `YYYY-MM-DD`; empty → `None`.
pub fn validate_date(field: &str, label: &str, s: &Option<String>) -> Result<Option<String>> {
    match clean_opt(s) {
        None => Ok(None),
        // the forms the Excel import reads (2024-03-05, 2024.3.5, 2024年3月5日 …): one parser
        Some(v) => match crate::readers::read_field("date", &v) {
            Ok(r) => Ok(r.value),
            Err(why) => Err(Error::field(field, format!("{label}「{v}」{why}"))),
        },
    }
}

/// `%text%` for LIKE, with the wildcards of the text itself escaped (ESCAPE '\').
pub fn like_contains(s: &str) -> String {
    format!("%{}%", s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"))
}

pub fn like_prefix(s: &str) -> String {
    format!("{}%", s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"))
}

/// Joins WHERE clauses, turning each `?` into `?N` and each `?1x` (one value used several times
/// in one clause) into the same `?N`, in the order of `args`.
pub fn number_placeholders(clauses: &[String], args: &[SqlValue]) -> String {
    if clauses.is_empty() {
        return String::new();
    }
    let mut n = 0;
    let mut out = Vec::new();
    for c in clauses {
        let mut s = String::new();
        let mut chars = c.chars().peekable();
        let mut repeated: Option<usize> = None;
        while let Some(ch) = chars.next() {
            if ch == '?' {
                if chars.peek() == Some(&'1') {
                    chars.next();
                    if chars.peek() == Some(&'x') {
                        chars.next();
                        let k = *repeated.get_or_insert_with(|| {
                            n += 1;
                            n
                        });
                        s.push_str(&format!("?{k}"));
                        continue;
                    }
                    s.push_str("?1");
                    continue;
                }
                n += 1;
                s.push_str(&format!("?{n}"));
            } else {
                s.push(ch);
            }
        }
        out.push(s);
    }
    debug_assert_eq!(n, args.len());
    format!("WHERE {}", out.join(" AND "))
}
