//! Limits on what is stored: every text field has a maximum length and one character rule, applied
//! in one place to every request's arguments (`api::call`) and every imported cell (`excel::spec`).
//!
//! - Zero-width characters and the byte-order mark are removed silently (they come from copied web
//!   pages and look like nothing);
//! - control characters (other than tab and line breaks, which `text::clean` folds) and the bidi
//!   override/isolate characters (which make a name display reversed) are refused, naming the field;
//! - lengths are counted in characters; a cell of Excel holds at most 32,767, so every limit here
//!   stays well below that and every export keeps working.

use serde_json::Value;

use crate::error::{Error, FieldError, Result};

/// Most fields: names of units, places, titles, one-line answers.
pub const DEFAULT_MAX_CHARS: usize = 200;
/// Free text (notes, replies, minutes of an activity).
pub const LONG_MAX_CHARS: usize = 10_000;
/// A cell that lists many names (附议代表, 实到代表 …) before it is split.
pub const LIST_MAX_CHARS: usize = 2_000;
/// How much of a user's text an error message repeats.
pub const QUOTE_CHARS: usize = 50;

/// (field key, maximum characters, label used in messages). Keys not listed get
/// `DEFAULT_MAX_CHARS` (or `LONG_MAX_CHARS` / `LIST_MAX_CHARS` when in `LONG_FIELDS` / `LIST_FIELDS`).
const LIMITS: &[(&str, usize, &str)] = &[
    ("name", 50, "姓名/名称"),
    ("person_name", 50, "姓名"),
    ("contact_person", 50, "联系人"),
    ("id_number", 40, "身份证号"),
    ("phone", 100, "联系电话"),
    ("contact_phone", 100, "联系电话"),
    ("work_unit", 200, "工作单位"),
    ("title", 300, "标题/案由"),
    ("path", 4096, "文件路径"),
    ("dir", 4096, "文件夹"),
    ("file_name", 255, "文件名"),
    ("q", 200, "搜索内容"),
    ("org_name", 60, "单位名称"),
];

const LONG_FIELDS: &[&str] = &[
    "body",
    "note",
    "text",
    "comments",
    "detail",
    "summary",
    "result",
    "reason",
    "content",
    "handling",
    "planned_items",
    "done_items",
    "not_adopted_reason",
    "latest_work",
    "latest_result",
    "rule_text",
    "schedule_text",
    "reply",
    "feedback",
    "address",
];

/// Arguments that carry a file, not text: never checked here (their own caps apply).
const BINARY_FIELDS: &[&str] = &["bytes_base64"];

const LIST_FIELDS: &[&str] =
    &["present", "absent", "leave", "cosigners", "co_units", "subject", "deputies", "participants"];

pub fn max_chars(key: &str) -> usize {
    if let Some((_, n, _)) = LIMITS.iter().find(|(k, _, _)| *k == key) {
        *n
    } else if LONG_FIELDS.contains(&key) {
        LONG_MAX_CHARS
    } else if LIST_FIELDS.contains(&key) {
        LIST_MAX_CHARS
    } else {
        DEFAULT_MAX_CHARS
    }
}

fn label(key: &str) -> &str {
    LIMITS.iter().find(|(k, _, _)| *k == key).map(|(_, _, l)| *l).unwrap_or("填写的内容")
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

fn is_forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// The character and length rule for one field: the text without invisible characters, or why it
/// is refused (a Chinese reason that names no field: the caller puts the field before it).
pub fn check_text(key: &str, s: &str) -> std::result::Result<String, String> {
    let mut invisible = false;
    for c in s.chars() {
        if is_forbidden(c) {
            return Err(format!("含有不可见的控制字符（U+{:04X}），请删去后重新填写", c as u32));
        }
        invisible |= is_invisible(c);
    }
    // every cell of every import comes through here: most hold nothing to take out
    let out: String = if invisible { s.chars().filter(|c| !is_invisible(*c)).collect() } else { s.to_owned() };
    let max = max_chars(key);
    // a text of no more bytes than the limit has no more characters either
    if out.len() > max {
        let n = out.chars().count();
        if n > max {
            return Err(format!("过长（最多{max}个字，现有{n}个字）：{}", quote(&out)));
        }
    }
    Ok(out)
}

/// `check_text` for a form field: the refusal names the field.
pub fn clean_field(key: &str, s: &str) -> Result<String> {
    check_text(key, s).map_err(|why| Error::field(key, format!("{}{why}", label(key))))
}

/// The rule applied to every text field of a typed input (a form, a CLI command): the input as it
/// will be stored, or all its refusals at once. The engine's validators start with this.
pub fn checked<T: serde::Serialize + serde::de::DeserializeOwned>(input: &T) -> Result<T> {
    let mut v = serde_json::to_value(input).map_err(|e| Error::invalid(format!("输入无法处理：{e}")))?;
    clean_args(&mut v)?;
    serde_json::from_value(v).map_err(|e| Error::invalid(format!("输入无法处理：{e}")))
}

/// Applies the rule to every string inside a request's arguments, in place; the key of the
/// innermost object names the field. All refusals are reported together.
pub fn clean_args(args: &mut Value) -> Result<()> {
    let mut errors = Vec::new();
    walk(args, "", &mut errors);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::fields(errors))
    }
}

fn walk(v: &mut Value, key: &str, errors: &mut Vec<FieldError>) {
    match v {
        Value::String(s) if !BINARY_FIELDS.contains(&key) => match check_text(key, s) {
            Ok(clean) => *s = clean,
            Err(why) => errors.push(FieldError { field: key.to_string(), message: format!("{}{why}", label(key)) }),
        },
        Value::Array(items) => items.iter_mut().for_each(|item| walk(item, key, errors)),
        Value::Object(map) => map.iter_mut().for_each(|(k, item)| walk(item, k, errors)),
        _ => {}
    }
}

/// At most `QUOTE_CHARS` characters of a text, for messages: `很长的内容……（共1000字）`.
pub fn quote(s: &str) -> String {
    let n = s.chars().count();
    if n <= QUOTE_CHARS {
        s.to_string()
    } else {
        format!("{}……（共{n}字）", s.chars().take(QUOTE_CHARS).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_go_and_controls_are_refused() {
        assert_eq!(check_text("name", "张\u{200B}三").unwrap(), "张三");
        assert!(check_text("name", "张\u{202E}三").is_err());
        assert!(check_text("name", "张\u{0007}三").is_err());
        assert!(check_text("note", "第一行\n第二行").is_ok());
    }

    #[test]
    fn lengths_are_counted_in_characters() {
        assert!(check_text("name", &"王".repeat(50)).is_ok());
        let long = check_text("name", &"王".repeat(51)).unwrap_err();
        assert!(long.contains("最多50个字"), "{long}");
        assert!(check_text("work_unit", &"单".repeat(1_000_000)).unwrap_err().chars().count() < 120);
    }

    #[test]
    fn args_are_checked_deeply_and_files_skipped() {
        let mut v = serde_json::json!({"id": 1, "data": {"name": "李\u{FEFF}四", "levels": ["县\u{202E}"]}, "bytes_base64": "\u{0001}"});
        let e = clean_args(&mut v).unwrap_err();
        assert_eq!(e.field_errors().len(), 1);
        assert_eq!(e.field_errors()[0].field, "levels");
        let mut ok = serde_json::json!({"data": {"name": "李\u{FEFF}四"}});
        clean_args(&mut ok).unwrap();
        assert_eq!(ok["data"]["name"], "李四");
    }

    #[test]
    fn quotes_are_short() {
        assert_eq!(quote("短"), "短");
        assert!(quote(&"长".repeat(10_000)).ends_with("（共10000字）"));
    }
}
