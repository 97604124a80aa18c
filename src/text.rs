//! Text rules shared by every area: normalization of what users and spreadsheets type, pinyin
//! initials for search, and the pinyin order of lists (names.rs, which builds on this, holds the
//! surname readings and the order 按姓氏笔画).

use std::sync::OnceLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{CollatorBorrowed, CollatorPreferences};
use pinyin::ToPinyin;

/// Full-width ASCII (`１２３ＡＢＣ`) to half-width and the ideographic space to a plain space.
pub fn to_half_width(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().map(|c| match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }));
    out
}

/// A full-width digit or Latin letter as its half-width form, the ideographic space as a space.
fn fold_alnum_char(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        _ => c,
    }
}

/// Full-width digits and Latin letters to half-width; Chinese punctuation （，。“”） stays, as
/// official text writes it.
pub fn fold_alnum(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().map(fold_alnum_char));
    out
}

/// Cleans a free-text field: full-width digits and letters half-width, line breaks folded to
/// one space, runs of spaces collapsed, trimmed. Empty becomes `None`. One pass, as every cell of
/// every import goes through it.
pub fn clean(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars().map(fold_alnum_char) {
        if c.is_whitespace() {
            gap = !out.is_empty();
        } else {
            if gap {
                out.push(' ');
                gap = false;
            }
            out.push(c);
        }
    }
    (!out.is_empty()).then_some(out)
}

pub fn clean_opt(s: &Option<String>) -> Option<String> {
    s.as_deref().and_then(clean)
}

/// A person's name as stored and compared: half-width, and with every space removed — official
/// lists pad two-character names (`张　三`), which is the same person as `张三`. The middle dot of
/// minority names (`阿依古丽·买买提`) is kept, normalized to `·`.
pub fn normalize_name(s: &str) -> String {
    to_half_width(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if matches!(c, '•' | '．' | '・' | '‧') { '·' } else { c })
        .collect()
}

/// Pinyin initials (`张三丰` → `zsf`) and full pinyin (`zhangsanfeng`) of a name, for search.
/// Non-Chinese letters and digits are kept in lower case.
pub fn pinyin_forms(s: &str) -> (String, String) {
    let mut initials = String::new();
    let mut full = String::new();
    for (c, p) in s.chars().zip(s.to_pinyin()) {
        match p {
            Some(p) => {
                initials.push_str(p.first_letter());
                full.push_str(p.plain());
            }
            None if c.is_ascii_alphanumeric() => {
                let l = c.to_ascii_lowercase();
                initials.push(l);
                full.push(l);
            }
            None => {}
        }
    }
    (initials, full)
}

/// A search text typed by a user: half-width, lower case, without spaces.
pub fn normalize_query(q: &str) -> String {
    normalize_name(q).to_lowercase()
}

pub fn is_pinyin_query(q: &str) -> bool {
    !q.is_empty() && q.chars().all(|c| c.is_ascii_lowercase())
}

fn collator(order: &'static str) -> &'static CollatorBorrowed<'static> {
    static PINYIN: OnceLock<CollatorBorrowed<'static>> = OnceLock::new();
    static STROKE: OnceLock<CollatorBorrowed<'static>> = OnceLock::new();
    let cell = if order == "stroke" { &STROKE } else { &PINYIN };
    cell.get_or_init(|| {
        let tag = if order == "stroke" { "zh-u-co-stroke" } else { "zh" };
        let locale: icu_locale_core::Locale = tag.parse().expect("valid locale tag");
        let prefs: CollatorPreferences = (&locale).into();
        CollatorBorrowed::try_new(prefs, CollatorOptions::default()).expect("zh collation data is compiled in")
    })
}

/// Sort key in pinyin order (the usual order of lists).
pub fn pinyin_key(s: &str) -> Vec<u8> {
    let mut k = Vec::new();
    let _ = collator("pinyin").write_sort_key_to(s, &mut k);
    k
}

/// 18 → 十八, 3 → 三, 10 → 十, 21 → 二十一 (for 第十八届, 第三次会议).
pub fn chinese_number(n: i64) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", if n % 10 == 0 { "" } else { D[(n % 10) as usize] }),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], if n % 10 == 0 { "" } else { D[(n % 10) as usize] }),
        _ => n.to_string(),
    }
}

/// 十八 → 18, 三 → 3, 二十一 → 21, 12 → 12.
pub fn parse_chinese_number(s: &str) -> Option<i64> {
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    const D: &str = "零一二三四五六七八九";
    let digit = |c: char| D.chars().position(|d| d == c).map(|p| p as i64);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// `清河县第十八届人民代表大会`, `第18届`, `十八届` → 18.
pub fn find_term_number(s: &str) -> Option<i64> {
    let half = to_half_width(s);
    let chars: Vec<char> = half.chars().collect();
    let end = chars.iter().position(|c| *c == '届')?;
    let start = chars.get(..end)?.iter().rposition(|c| *c == '第').map(|i| i + 1).unwrap_or(0);
    let digits: String = chars.get(start..end)?.iter().collect();
    let digits = digits.trim();
    digits.parse::<i64>().ok().or_else(|| parse_chinese_number(digits)).filter(|n| (1..=99).contains(n))
}

/// The level a term's name or a sheet's title shows before 第…届: 县/区 → 县, 乡/镇 → 乡, 市 → 市.
pub fn find_term_level(s: &str) -> Option<&'static str> {
    let chars: Vec<char> = s.chars().collect();
    let at = chars.iter().position(|c| *c == '届')?;
    let di = chars.get(..at)?.iter().rposition(|c| *c == '第')?;
    let before: String = chars.get(..di)?.iter().collect::<String>().trim_end_matches(['）', ')']).to_string();
    match before.chars().last()? {
        '县' | '区' | '旗' => Some("县"),
        '乡' | '镇' => Some("乡"),
        '市' | '州' => Some("市"),
        '省' => Some("省"),
        _ => None,
    }
}

/// `…县第十八届人民代表大会第三次会议…` → (18, 3).
pub fn find_term_session(s: &str) -> Option<(i64, i64)> {
    let a = s.find("届人民代表大会第")?;
    let before = &s[..a];
    let start = before.rfind('第')? + '第'.len_utf8();
    let term = parse_chinese_number(&before[start..])?;
    let rest = &s[a + "届人民代表大会第".len()..];
    let end = rest.find("次会议")?;
    let session = parse_chinese_number(&rest[..end])?;
    Some((term, session))
}

/// Masks a phone number for upward reports: `13812345678` → `138****5678`.
pub fn mask_phone(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() < 7 {
        return "*".repeat(chars.len());
    }
    let keep_tail = 4;
    let head = 3;
    chars[..head].iter().collect::<String>()
        + &"*".repeat(chars.len() - head - keep_tail)
        + &chars[chars.len() - keep_tail..].iter().collect::<String>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_names_are_one_person() {
        assert_eq!(normalize_name("张　三"), "张三");
        assert_eq!(normalize_name(" 张 三 "), "张三");
        assert_eq!(normalize_name("阿依古丽•买买提"), "阿依古丽·买买提");
    }

    #[test]
    fn full_width_is_folded() {
        assert_eq!(to_half_width("１３８１２３４５６７８"), "13812345678");
        assert_eq!(clean("  城关镇\n东风村  "), Some("城关镇 东风村".into()));
        assert_eq!(clean(" \u{3000} "), None);
        assert_eq!(clean("\u{3000}甲\t\t 乙\r\n丙 ").as_deref(), Some("甲 乙 丙"));
        assert_eq!(clean("关于“乡村振兴”（试点）的建议，１２３").as_deref(), Some("关于“乡村振兴”（试点）的建议，123"));
    }

    #[test]
    fn pinyin_initials() {
        assert_eq!(pinyin_forms("张三丰"), ("zsf".into(), "zhangsanfeng".into()));
        assert!(is_pinyin_query("zs"));
        assert!(!is_pinyin_query("张"));
    }

    #[test]
    fn stroke_order_sorts_by_surname_strokes() {
        // 丁 2 strokes, 马 3, 王 4, 刘 6, 张 7, 欧 8
        let mut v = vec!["欧阳明", "张三", "王五", "丁一", "刘德", "马六"];
        v.sort_by_key(|s| crate::names::stroke_key(s));
        assert_eq!(v, ["丁一", "马六", "王五", "刘德", "张三", "欧阳明"]);
        v.sort_by_key(|s| pinyin_key(s));
        assert_eq!(v, ["丁一", "刘德", "马六", "欧阳明", "王五", "张三"]);
    }

    #[test]
    fn term_and_session_from_a_title() {
        assert_eq!(find_term_session("清河县第十八届人民代表大会第三次会议代表建议交办清单"), Some((18, 3)));
        assert_eq!(find_term_session("县第二十一届人民代表大会第十二次会议"), Some((21, 12)));
        assert_eq!(find_term_session("代表建议汇总表"), None);
    }

    #[test]
    fn numbers_and_masks() {
        assert_eq!(chinese_number(18), "十八");
        assert_eq!(chinese_number(3), "三");
        assert_eq!(chinese_number(20), "二十");
        assert_eq!(chinese_number(21), "二十一");
        assert_eq!(mask_phone("13812345678"), "138****5678");
    }
}

/// Overlapping character pairs of a text, for the search index: `消防安全通道` →
/// `消防 防安 安全 全通 通道`. Runs of letters and digits are kept whole; punctuation splits.
/// A 2-character term is then one token, and a longer one a phrase of its pairs.
pub fn char_pairs(s: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let norm = to_half_width(s).to_lowercase();
    let mut run: Vec<char> = Vec::new();
    let flush = |run: &mut Vec<char>, out: &mut Vec<String>| {
        if run.len() == 1 {
            out.push(run[0].to_string());
        }
        for w in run.windows(2) {
            out.push(w.iter().collect());
        }
        run.clear();
    };
    let mut word = String::new();
    for c in norm.chars() {
        if c.is_ascii_alphanumeric() {
            flush(&mut run, &mut out);
            word.push(c);
        } else if c.is_alphanumeric() {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
        }
    }
    flush(&mut run, &mut out);
    if !word.is_empty() {
        out.push(word);
    }
    out.join(" ")
}

/// The FTS5 query for a search text: each word becomes the phrase of its pairs; words must all
/// match. `None` when nothing of two characters or more remains (the caller falls back to LIKE).
pub fn pairs_query(q: &str) -> Option<String> {
    let parts: Vec<String> = to_half_width(q)
        .split_whitespace()
        .map(char_pairs)
        .filter(|p| !p.is_empty() && (p.contains(' ') || p.chars().count() >= 2))
        .map(|p| format!("\"{}\"", p.replace('"', "")))
        .collect();
    if parts.is_empty() {
        None
    } else {
        Some(parts.join(" AND "))
    }
}

#[cfg(test)]
mod pair_tests {
    use super::*;

    #[test]
    fn pairs_of_chinese_text() {
        assert_eq!(char_pairs("消防安全通道"), "消防 防安 安全 全通 通道");
        assert_eq!(char_pairs("关于G105国道，加装路灯"), "关于 g105 国道 加装 装路 路灯");
        assert_eq!(pairs_query("消防").as_deref(), Some("\"消防\""));
        assert_eq!(pairs_query("消防安全").as_deref(), Some("\"消防 防安 安全\""));
        assert_eq!(pairs_query("消"), None);
    }
}
