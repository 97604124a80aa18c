//! Dates of the handling rules: months after 交办 (3, or 6 when wide-ranging), working days
//! counted on a calendar of public holidays and 调休 workdays that the user can edit.

use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate, Weekday};

/// `n` months after `d`; a day that the target month lacks falls on its last day
/// (1月31日 + 1个月 = 2月28日或29日).
pub fn add_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(Months::new(n)).unwrap_or(d)
}

/// The working-day calendar: weekends are rest days unless marked as 调休 workdays; listed
/// public holidays are rest days.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    pub days: HashMap<NaiveDate, bool>, // true = workday (调休上班), false = holiday
}

impl Calendar {
    pub fn is_workday(&self, d: NaiveDate) -> bool {
        match self.days.get(&d) {
            Some(w) => *w,
            None => !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// The date `n` working days after `d` (the day itself not counted).
    pub fn add_working_days(&self, d: NaiveDate, n: u32) -> NaiveDate {
        let mut day = d;
        let mut left = n;
        while left > 0 {
            day = day.succ_opt().expect("date in range");
            if self.is_workday(day) {
                left -= 1;
            }
        }
        day
    }

    /// Working days after `from` up to and including `to` (0 when `to` ≤ `from`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let mut n = 0;
        let mut day = from;
        while day < to {
            day = day.succ_opt().expect("date in range");
            if self.is_workday(day) {
                n += 1;
            }
        }
        n
    }
}

/// The State Council's published holiday arrangements for the years known when this version was
/// made: (date, workday?, name). Later years are added by the user in 设置 (or by an update).
pub const KNOWN_DAYS: &[(&str, bool, &str)] = &[
    // 2025
    ("2025-01-01", false, "元旦"),
    ("2025-01-26", true, "春节调休上班"),
    ("2025-01-28", false, "春节"),
    ("2025-01-29", false, "春节"),
    ("2025-01-30", false, "春节"),
    ("2025-01-31", false, "春节"),
    ("2025-02-01", false, "春节"),
    ("2025-02-02", false, "春节"),
    ("2025-02-03", false, "春节"),
    ("2025-02-04", false, "春节"),
    ("2025-02-08", true, "春节调休上班"),
    ("2025-04-04", false, "清明节"),
    ("2025-04-05", false, "清明节"),
    ("2025-04-06", false, "清明节"),
    ("2025-04-27", true, "劳动节调休上班"),
    ("2025-05-01", false, "劳动节"),
    ("2025-05-02", false, "劳动节"),
    ("2025-05-03", false, "劳动节"),
    ("2025-05-04", false, "劳动节"),
    ("2025-05-05", false, "劳动节"),
    ("2025-05-31", false, "端午节"),
    ("2025-06-01", false, "端午节"),
    ("2025-06-02", false, "端午节"),
    ("2025-09-28", true, "国庆节调休上班"),
    ("2025-10-01", false, "国庆节、中秋节"),
    ("2025-10-02", false, "国庆节、中秋节"),
    ("2025-10-03", false, "国庆节、中秋节"),
    ("2025-10-04", false, "国庆节、中秋节"),
    ("2025-10-05", false, "国庆节、中秋节"),
    ("2025-10-06", false, "国庆节、中秋节"),
    ("2025-10-07", false, "国庆节、中秋节"),
    ("2025-10-08", false, "国庆节、中秋节"),
    ("2025-10-11", true, "国庆节调休上班"),
    // 2026
    ("2026-01-01", false, "元旦"),
    ("2026-01-02", false, "元旦"),
    ("2026-01-03", false, "元旦"),
    ("2026-01-04", true, "元旦调休上班"),
    ("2026-02-14", true, "春节调休上班"),
    ("2026-02-15", false, "春节"),
    ("2026-02-16", false, "春节"),
    ("2026-02-17", false, "春节"),
    ("2026-02-18", false, "春节"),
    ("2026-02-19", false, "春节"),
    ("2026-02-20", false, "春节"),
    ("2026-02-21", false, "春节"),
    ("2026-02-22", false, "春节"),
    ("2026-02-23", false, "春节"),
    ("2026-02-28", true, "春节调休上班"),
    ("2026-04-04", false, "清明节"),
    ("2026-04-05", false, "清明节"),
    ("2026-04-06", false, "清明节"),
    ("2026-05-01", false, "劳动节"),
    ("2026-05-02", false, "劳动节"),
    ("2026-05-03", false, "劳动节"),
    ("2026-05-04", false, "劳动节"),
    ("2026-05-05", false, "劳动节"),
    ("2026-05-09", true, "劳动节调休上班"),
    ("2026-06-19", false, "端午节"),
    ("2026-06-20", false, "端午节"),
    ("2026-06-21", false, "端午节"),
    ("2026-09-20", true, "国庆节调休上班"),
    ("2026-09-25", false, "中秋节"),
    ("2026-09-26", false, "中秋节"),
    ("2026-09-27", false, "中秋节"),
    ("2026-10-01", false, "国庆节"),
    ("2026-10-02", false, "国庆节"),
    ("2026-10-03", false, "国庆节"),
    ("2026-10-04", false, "国庆节"),
    ("2026-10-05", false, "国庆节"),
    ("2026-10-06", false, "国庆节"),
    ("2026-10-07", false, "国庆节"),
    ("2026-10-10", true, "国庆节调休上班"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn month_ends_clamp() {
        assert_eq!(add_months(d("2024-01-31"), 1), d("2024-02-29"));
        assert_eq!(add_months(d("2025-11-30"), 3), d("2026-02-28"));
        assert_eq!(add_months(d("2024-03-05"), 3), d("2024-06-05"));
        assert_eq!(add_months(d("2024-08-31"), 6), d("2025-02-28"));
    }

    #[test]
    fn working_days_skip_weekends_and_holidays_and_count_调休() {
        let mut cal = Calendar::default();
        for (day, work, _) in KNOWN_DAYS {
            cal.days.insert(d(day), *work);
        }
        // Thursday 2025-09-25 + 5 working days: Fri 26, Sun 28 (调休上班), Mon 29, Tue 30, then the
        // national holiday to the 8th, Thu 9th
        assert_eq!(cal.add_working_days(d("2025-09-25"), 5), d("2025-10-09"));
        assert_eq!(cal.add_working_days(d("2025-06-04"), 2), d("2025-06-06"));
        assert_eq!(cal.add_working_days(d("2025-06-06"), 1), d("2025-06-09"), "Friday + 1 = Monday");
        assert!(cal.is_workday(d("2025-10-11")), "a Saturday worked for 调休");
        assert_eq!(cal.working_days_between(d("2025-09-30"), d("2025-10-09")), 1);
    }
}
