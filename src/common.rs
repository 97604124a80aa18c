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

/// How a value looks as a tag in the window (Element Plus's tag types): the engine says which a
/// state or an answer is, so the window never keys its colours on Chinese words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Tone {
    Primary,
    Success,
    Warning,
    Danger,
    Info,
}

/// A value of a list with the tone it is shown in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Tagged {
    pub value: String,
    pub tone: Tone,
}

impl Tagged {
    pub fn new(value: &str, tone: Tone) -> Tagged {
        Tagged { value: value.to_string(), tone }
    }
}

/// A value of an enumeration for the window: its key (the serde name), label and tone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct KeyLabel {
    pub key: String,
    pub label: String,
    pub tone: Option<Tone>,
}

/// Every value of an enumeration as the window lists it, in the order given.
pub fn keyed<T: Serialize + Copy>(
    all: &[T],
    label: fn(T) -> &'static str,
    tone: Option<fn(T) -> Tone>,
) -> Vec<KeyLabel> {
    all.iter()
        .map(|v| KeyLabel {
            key: serde_json::to_value(v).ok().and_then(|k| k.as_str().map(str::to_string)).unwrap_or_default(),
            label: label(*v).to_string(),
            tone: tone.map(|t| t(*v)),
        })
        .collect()
}

/// The three answers of a satisfaction ballot (测评票, 征询意见, a station's 满意度), in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vote {
    Satisfied,
    Basic,
    Unsatisfied,
}

impl Vote {
    pub const ALL: [Vote; 3] = [Vote::Satisfied, Vote::Basic, Vote::Unsatisfied];

    pub const fn label(self) -> &'static str {
        match self {
            Vote::Satisfied => "满意",
            Vote::Basic => "基本满意",
            Vote::Unsatisfied => "不满意",
        }
    }

    /// The heading of its count where 满意 alone would read as the answer (`满意票`).
    pub const fn votes_label(self) -> &'static str {
        match self {
            Vote::Satisfied => "满意票",
            Vote::Basic => "基本满意票",
            Vote::Unsatisfied => "不满意票",
        }
    }

    /// The heading of its share of the valid answers (`满意率`).
    pub const fn rate_label(self) -> &'static str {
        match self {
            Vote::Satisfied => "满意率",
            Vote::Basic => "基本满意率",
            Vote::Unsatisfied => "不满意率",
        }
    }

    /// The count's field in ballots and results (`BallotCount`).
    pub const fn field(self) -> &'static str {
        match self {
            Vote::Satisfied => "satisfied",
            Vote::Basic => "basic",
            Vote::Unsatisfied => "unsatisfied",
        }
    }

    pub const fn tone(self) -> Tone {
        match self {
            Vote::Satisfied => Tone::Success,
            Vote::Basic => Tone::Primary,
            Vote::Unsatisfied => Tone::Danger,
        }
    }
}

/// The three answers' labels, in order: the headings of a table's count columns.
pub fn vote_labels() -> [&'static str; 3] {
    Vote::ALL.map(Vote::label)
}

/// The three answers as boxes to tick on a printed form: `□满意　□基本满意　□不满意`.
pub fn vote_boxes() -> String {
    Vote::ALL.iter().map(|v| format!("□{}", v.label())).collect::<Vec<_>>().join("　")
}

/// The answers of a ballot for the window: field, label and tone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VoteInfo {
    #[ts(type = "\"satisfied\" | \"basic\" | \"unsatisfied\"")]
    pub field: String,
    pub label: String,
    pub tone: Tone,
}

pub fn vote_infos() -> Vec<VoteInfo> {
    Vote::ALL.iter().map(|v| VoteInfo { field: v.field().into(), label: v.label().into(), tone: v.tone() }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_gets_each_vote_once_and_its_headings_are_its_label() {
        let infos = vote_infos();
        assert_eq!(infos.len(), Vote::ALL.len());
        for v in Vote::ALL {
            assert_eq!(infos.iter().filter(|i| i.label == v.label() && i.field == v.field()).count(), 1);
            assert_eq!(v.votes_label(), format!("{}票", v.label()));
            assert_eq!(v.rate_label(), format!("{}率", v.label()));
        }
        assert_eq!(vote_labels(), ["满意", "基本满意", "不满意"]);
        assert_eq!(vote_boxes(), "□满意　□基本满意　□不满意");
    }
}
