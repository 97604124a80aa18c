//! The readers of what people type and what spreadsheets hold: dates, months (出生年月), phone
//! numbers and 身份证 numbers. Forms and imports read through these same functions, so a value a
//! form accepts is the value an import accepts.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text::to_half_width;

/// How a typed date, month or phone number was understood, before it is saved: the stored form,
/// a note when it reads differently from what was typed (`1986.4 → 1986-04`), and a warning
/// when it is accepted with a reservation (a phone number without area code).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FieldReading {
    pub value: Option<String>,
    pub note: Option<String>,
    pub warning: Option<String>,
    /// Why the text cannot be read (then `value` is `None`).
    pub problem: Option<String>,
}

/// The one reader of dates (`kind` = `date`), months (`month`, 出生年月) and phone numbers
/// (`phone`) typed in a form — the same rules as the Excel import. Empty text reads as no value;
/// `Err` is the reason, in Chinese, that follows the field's name.
pub fn read_field(kind: &str, text: &str) -> std::result::Result<FieldReading, String> {
    let t = to_half_width(text).trim().to_string();
    if t.is_empty() {
        return Ok(FieldReading { value: None, note: None, warning: None, problem: None });
    }
    let (value, warning) = match kind {
        "month" => (read_month(&t).map_err(|why| format!("无法识别：{why}"))?, None),
        "date" => match parse_date(&t) {
            Some(d) => (d, None),
            None => return Err(date_problem(&t)),
        },
        "phone" => read_phone(&t)?,
        other => return Err(format!("不认识的字段类型「{other}」")),
    };
    let note = (value != t).then(|| format!("{t} → {value}"));
    Ok(FieldReading { value: Some(value), note, warning, problem: None })
}

fn numbers_in(t: &str) -> Vec<i64> {
    t.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).filter_map(|p| p.parse().ok()).collect()
}

fn date_problem(t: &str) -> String {
    match numbers_in(t).as_slice() {
        [y, ..] if !(1900..=2100).contains(y) => "无法识别：年份应在1900至2100之间".into(),
        [_, m, ..] if !(1..=12).contains(m) => format!("无法识别：月份应为1至12，这里是{m}"),
        [y, m, d] if chrono::NaiveDate::from_ymd_opt(*y as i32, *m as u32, 1).is_some() => {
            format!("无法识别：{y}年{m}月没有{d}日")
        }
        [_, _] => "无法识别：缺少日，请写全年月日，如 2024-03-05".into(),
        _ => "无法识别：请写年月日，如 2024-03-05、2024.3.5、2024年3月5日".into(),
    }
}

/// `2024-03-05`, `2024/3/5`, `2024.3.5`, `2024年3月5日`, `20240305` → `2024-03-05`.
pub fn parse_date(s: &str) -> Option<String> {
    let s = to_half_width(s);
    let s = s.trim().trim_end_matches('日').trim_end_matches('号');
    if !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let parts: Vec<&str> = s.split(['-', '.', '/', '年', '月']).filter(|p| !p.is_empty()).collect();
    let (y, m, d) = match parts.as_slice() {
        [y, m, d] => (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?),
        [ymd] if ymd.len() == 8 && ymd.bytes().all(|b| b.is_ascii_digit()) => {
            (ymd[..4].parse().ok()?, ymd[4..6].parse().ok()?, ymd[6..].parse().ok()?)
        }
        _ => return None,
    };
    let date = chrono::NaiveDate::from_ymd_opt(y, m, d)?;
    if !(1900..=2100).contains(&y) {
        return None;
    }
    Some(date.to_string())
}

/// `1975-03`, `1975-3`, `1975.03`, `1975/3`, `1975年3月` → `1975-03`; see [`read_month`].
pub fn parse_month(s: &str) -> Option<String> {
    read_month(s).ok()
}

/// The one reader of a month (出生年月): `1975-03`, `1975-3`, `1975.03`, `1975/3`, `1975年3月`,
/// `197503`, or a whole date (`1975年3月8日`, whose day must exist: 2月30日 is refused, not cut to
/// the month) → `1975-03`. A month before 1900 or after the current one is refused. `Err` is the
/// reason, in Chinese, that follows 「无法识别：」.
pub fn read_month(s: &str) -> std::result::Result<String, String> {
    let s = to_half_width(s);
    let unreadable = || "请填写年和月，如 1986.4、1986年4月、1986-04".to_string();
    // 「-1975.03」「不详」: a month starts with its year's digits
    if !s.trim().starts_with(|c: char| c.is_ascii_digit()) {
        return Err(unreadable());
    }
    let parts: Vec<&str> = s
        .trim()
        .trim_end_matches(['日', '号'])
        .trim_end_matches('月')
        .split(['-', '.', '/', '年', '月', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let num = |p: &str| p.parse::<u32>().map_err(|_| unreadable());
    let (y, m, d) = match parts.as_slice() {
        [y, m] => (num(y)?, num(m)?, None),
        [y, m, d] => (num(y)?, num(m)?, Some(num(d)?)),
        [ym] if ym.len() == 6 && ym.bytes().all(|b| b.is_ascii_digit()) => (num(&ym[..4])?, num(&ym[4..])?, None),
        _ => return Err(unreadable()),
    };
    let today = chrono::Local::now().date_naive();
    let (this_year, this_month) = (chrono::Datelike::year(&today) as u32, chrono::Datelike::month(&today));
    if y < 1900 {
        return Err(format!("年份应在1900年至{this_year}年之间"));
    }
    if !(1..=12).contains(&m) {
        return Err(format!("月份应为1至12，这里是{m}"));
    }
    if (y, m) > (this_year, this_month) {
        return Err(format!("是将来的月份，出生年月最晚为本月（{this_year}年{this_month}月）"));
    }
    if let Some(d) = d {
        if chrono::NaiveDate::from_ymd_opt(y as i32, m, d).is_none() {
            return Err(format!("{y}年{m}月没有{d}日"));
        }
    }
    Ok(format!("{y:04}-{m:02}"))
}

/// A completion time (完成时间): a date, or a month (`2027年12月`, `2027-12`, `2027.12`) read as
/// its last day → `YYYY-MM-DD`. Unlike 出生年月, a future month is what it should be.
pub fn read_due(s: &str) -> std::result::Result<String, String> {
    let t = to_half_width(s).trim().to_string();
    if let Some(d) = parse_date(&t) {
        return Ok(d);
    }
    let parts: Vec<&str> =
        t.trim_end_matches(['月', '底', '末']).split(['-', '.', '/', '年', ' ']).filter(|p| !p.is_empty()).collect();
    let month = match parts.as_slice() {
        [y, m] => y.parse::<i32>().ok().zip(m.parse::<u32>().ok()),
        _ => None,
    };
    let first = month
        .filter(|(y, _)| (1900..=2100).contains(y))
        .and_then(|(y, m)| chrono::NaiveDate::from_ymd_opt(y, m, 1))
        .ok_or_else(|| "无法识别：请写年月或年月日，如 2027年12月、2027-12、2027-06-30".to_string())?;
    let next = first.checked_add_months(chrono::Months::new(1)).and_then(|n| n.pred_opt()).unwrap_or(first);
    Ok(next.format("%Y-%m-%d").to_string())
}

/// Checks an 18-character 身份证号 (GB 11643: 17 digits and a check character).
pub fn normalize_id_number(s: &str) -> std::result::Result<String, String> {
    let v: String = to_half_width(s).chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    // checked by characters: a Chinese character at the end must not split a byte slice
    let chars: Vec<char> = v.chars().collect();
    if chars.len() != 18
        || !chars[..17].iter().all(|c| c.is_ascii_digit())
        || !(chars[17].is_ascii_digit() || chars[17] == 'X')
    {
        return Err("应为18位（前17位为数字，末位为数字或X）".into());
    }
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let sum: u32 = v.bytes().take(17).zip(W).map(|(b, w)| (b - b'0') as u32 * w).sum();
    if CHECK[(sum % 11) as usize] != v.as_bytes()[17] {
        return Err("校验位不对，请核对是否抄错".into());
    }
    Ok(v)
}

/// The birth date a checked 身份证号 carries (characters 7–14), or `None` when they are no date.
pub fn id_birth_date(id_number: &str) -> Option<chrono::NaiveDate> {
    let digits: String = id_number.chars().skip(6).take(8).collect();
    if digits.chars().count() != 8 {
        return None;
    }
    chrono::NaiveDate::parse_from_str(&digits, "%Y%m%d").ok()
}

/// The one phone rule, for forms and imports alike: a mobile has 11 digits (1[3-9]…, spaces,
/// dashes or +86 allowed); a landline has its area code (`0745-2812345`, stored with the dash);
/// a 7–8 digit number without area code is accepted as a local one, with a warning to say so.
/// `Ok((number, warning))`, or `Err(reason)` in Chinese.
pub fn read_phone(s: &str) -> std::result::Result<(String, Option<String>), String> {
    let s = to_half_width(s);
    let s = s.trim();
    if s.chars().any(|c| !(c.is_ascii_digit() || matches!(c, '-' | ' ' | '(' | ')' | '+'))) {
        return Err("只能包含数字（可带空格、短横线），应为11位手机号或带区号的固定电话（如 0745-2812345）".into());
    }
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    let digits =
        digits.strip_prefix("86").filter(|d| d.len() == 11 && s.starts_with('+')).map(str::to_string).unwrap_or(digits);
    if digits.starts_with('1') {
        return match digits.len() {
            11 if matches!(digits.as_bytes()[1], b'3'..=b'9') => Ok((digits, None)),
            11 => Err("不是有效的手机号：手机号以13–19开头".into()),
            n => Err(format!("手机号应为11位，这里是{n}位")),
        };
    }
    if digits.starts_with('0') {
        if !(10..=12).contains(&digits.len()) {
            return Err("固定电话应为区号加7–8位号码，如 0745-2812345".into());
        }
        // area codes are 3 digits for 010/02x, else 4
        let area = if digits.starts_with("01") || digits.starts_with("02") { 3 } else { 4 };
        return Ok((format!("{}-{}", &digits[..area], &digits[area..]), None));
    }
    if (7..=8).contains(&digits.len()) {
        return Ok((digits, Some("未带区号，按本地固定电话保存".into())));
    }
    Err("应为11位手机号，或带区号的固定电话（如 0745-2812345）".into())
}

/// [`read_phone`] without its warning: the stored form, or `None` when it is not a phone number.
pub fn normalize_phone(s: &str) -> Option<String> {
    read_phone(s).ok().map(|(p, _)| p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_number_carries_its_birth_date() {
        assert_eq!(id_birth_date("11010519491231002X"), chrono::NaiveDate::from_ymd_opt(1949, 12, 31));
        assert_eq!(id_birth_date("110105194913310028"), None);
    }

    #[test]
    fn dates_in_every_written_form() {
        for s in ["2024-03-05", "2024/3/5", "2024.3.5", "2024年3月5日", "20240305", "２０２４年３月５日"] {
            assert_eq!(parse_date(s).as_deref(), Some("2024-03-05"), "{s}");
        }
        assert_eq!(parse_date("2024年13月5日"), None);
        assert_eq!(parse_date("2024-02-30"), None);
    }

    #[test]
    fn a_form_reads_what_the_import_reads() {
        for (kind, typed, stored) in [
            ("month", "1986.4", "1986-04"),
            ("month", "1986年4月", "1986-04"),
            ("month", "1986-04", "1986-04"),
            ("month", "1986/4", "1986-04"),
            ("month", "198604", "1986-04"),
            ("month", "１９８６．４", "1986-04"),
            ("month", "1986年4月15日", "1986-04"),
            ("date", "2024-03-05", "2024-03-05"),
            ("date", "2024/3/5", "2024-03-05"),
            ("date", "2024.3.5", "2024-03-05"),
            ("date", "2024年3月5日", "2024-03-05"),
            ("date", "20240305", "2024-03-05"),
            ("phone", "0745 2812345", "0745-2812345"),
            ("phone", "138 1234 5678", "13812345678"),
        ] {
            let r = read_field(kind, typed).unwrap_or_else(|e| panic!("{typed}: {e}"));
            assert_eq!(r.value.as_deref(), Some(stored), "{typed}");
            assert_eq!(r.note.is_some(), typed != stored, "{typed}");
        }
        assert_eq!(read_field("month", "1986.4").unwrap().note.as_deref(), Some("1986.4 → 1986-04"));
        assert!(read_field("month", "1986年13月").unwrap_err().contains("1至12"));
        assert!(read_field("month", "八六年").unwrap_err().contains("1986.4"));
        assert!(read_field("date", "2024-02-30").unwrap_err().contains("没有30日"));
        assert!(read_field("date", "2024.3").unwrap_err().contains("缺少日"));
        assert!(read_field("phone", "2812345").unwrap().warning.is_some());
        assert_eq!(read_field("date", "  ").unwrap().value, None);
    }

    #[test]
    fn months_in_every_written_form() {
        for s in [
            "1975-03",
            "1975-3",
            "1975.03",
            "1975/3",
            "1975年3月",
            "197503",
            "１９７５．０３",
            "1975.3",
            "1975年3月8日",
            "1975-03-08",
        ] {
            assert_eq!(parse_month(s).as_deref(), Some("1975-03"), "{s}");
        }
        assert_eq!(parse_month("1979年13月"), None);
        assert_eq!(parse_month("abc"), None);
    }

    #[test]
    fn id_numbers() {
        assert_eq!(normalize_id_number("11010519491231002x").as_deref(), Ok("11010519491231002X"));
        assert!(normalize_id_number("110105194912310021").is_err(), "bad check digit");
        assert!(normalize_id_number("1101051949").is_err());
    }

    #[test]
    fn phones() {
        assert_eq!(normalize_phone("138 1234 5678").as_deref(), Some("13812345678"));
        assert_eq!(normalize_phone("+86 13812345678").as_deref(), Some("13812345678"));
        assert_eq!(normalize_phone("0371-63812345").as_deref(), Some("0371-63812345"));
        assert_eq!(normalize_phone("01062345678").as_deref(), Some("010-62345678"));
        assert_eq!(normalize_phone("1381234567"), None);
        assert_eq!(normalize_phone("电话13812345678"), None);
        assert_eq!(normalize_phone("12812345678"), None, "no mobile starts 12");
        assert_eq!(read_phone("0745-2812345"), Ok(("0745-2812345".into(), None)));
        let (local, warning) = read_phone("2812345").unwrap();
        assert_eq!(local, "2812345");
        assert!(warning.unwrap().contains("区号"));
        assert!(read_phone("138123456789").unwrap_err().contains("11位"));
    }
}
