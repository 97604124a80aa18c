//! Names a sheet refers to (联络站, 承办单位 …) matched against the records already there. A name
//! that differs only by spaces, full-width forms or a usual suffix (「联络站」/「代表联络站」) is the
//! same record, and the preview says so; a name not there yet is created by the import, and when
//! it is close to an existing one (a homophone, a shortened form, one wrong character) the preview
//! asks whether it is a typo, so that a typo does not become a new station or unit.

use std::collections::{BTreeMap, HashMap};

/// One kind of named record as an import sees it.
pub struct NameBook {
    /// Key of `ImportReport.created`: stations · units · terms · sessions.
    kind: &'static str,
    /// 联络站 · 承办单位 …
    label: &'static str,
    /// Endings that do not tell two records apart, longest first.
    suffixes: &'static [&'static str],
    existing: Vec<(i64, String)>,
    by_key: HashMap<String, i64>,
    /// Names to create, in the order the sheet first names them.
    new: Vec<String>,
    /// Written → existing name, for the preview.
    matched: BTreeMap<String, String>,
}

/// What a name in a sheet is.
#[derive(Debug, Clone, PartialEq)]
pub enum Named {
    Existing(i64),
    /// Created by the import, under this (cleaned) name.
    New(String),
}

pub const STATION_SUFFIXES: &[&str] = &["人大代表联络站", "代表联络站", "人大代表之家", "代表之家", "联络站", "工作站"];
pub const UNIT_SUFFIXES: &[&str] = &[];

impl NameBook {
    pub fn new(
        kind: &'static str,
        label: &'static str,
        suffixes: &'static [&'static str],
        existing: Vec<(i64, String)>,
    ) -> NameBook {
        let mut by_key = HashMap::new();
        for (id, name) in &existing {
            by_key.entry(key(name, suffixes)).or_insert(*id);
        }
        NameBook { kind, label, suffixes, existing, by_key, new: vec![], matched: BTreeMap::new() }
    }

    /// The record a sheet's name stands for; a name not there is planned for creation.
    pub fn resolve(&mut self, written: &str) -> Named {
        let clean = clean_name(written);
        if let Some((id, _)) = self.existing.iter().find(|(_, n)| *n == clean) {
            return Named::Existing(*id);
        }
        let k = key(&clean, self.suffixes);
        if let Some(id) = self.by_key.get(&k) {
            if let Some((_, name)) = self.existing.iter().find(|(i, _)| i == id) {
                self.matched.insert(written.trim().to_string(), name.clone());
            }
            return Named::Existing(*id);
        }
        // the same new name written two ways is one new record
        if let Some(n) = self.new.iter().find(|n| key(n, self.suffixes) == k) {
            return Named::New(n.clone());
        }
        self.new.push(clean.clone());
        Named::New(clean)
    }

    /// The stored name of the existing record a sheet's name stands for (the name itself when new).
    pub fn existing_name(&self, written: &str) -> String {
        let k = key(written, self.suffixes);
        self.by_key
            .get(&k)
            .and_then(|id| self.existing.iter().find(|(i, _)| i == id))
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| clean_name(written))
    }

    /// Names the import will create, for `ImportReport.created`.
    pub fn created(&self) -> Option<(String, Vec<String>)> {
        (!self.new.is_empty()).then(|| (self.kind.to_string(), self.new.clone()))
    }

    /// 「将新建：联络站 3 个（…）」 and 「「城东联络站」即已有的「城东代表联络站」」.
    pub fn notes(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.new.is_empty() {
            out.push(format!("将新建：{} {} 个（{}）", self.label, self.new.len(), self.new.join("、")));
        }
        for (written, name) in &self.matched {
            out.push(format!("{}「{written}」即已有的「{name}」，按已有{}导入", self.label, self.label));
        }
        out
    }

    /// A new name that is close to an existing one: probably a typo.
    pub fn warnings(&self) -> Vec<String> {
        self.new
            .iter()
            .filter_map(|n| {
                let near = self.near(n);
                (!near.is_empty()).then(|| {
                    let list = near.iter().map(|c| format!("「{c}」")).collect::<Vec<_>>().join("或");
                    format!("{}「{n}」将新建，但与已有的{list}很接近：如是写错，请改正表格后重新选择文件", self.label)
                })
            })
            .collect()
    }

    /// Existing names closest to `name`, at most three.
    pub fn near(&self, name: &str) -> Vec<String> {
        let k = key(name, self.suffixes);
        self.existing
            .iter()
            .filter(|(_, n)| is_near(&k, &key(n, self.suffixes)))
            .map(|(_, n)| n.clone())
            .take(3)
            .collect()
    }
}

/// A name as stored: half-width, without spaces inside.
pub fn clean_name(s: &str) -> String {
    crate::text::to_half_width(s).chars().filter(|c| !c.is_whitespace()).collect()
}

/// What tells two names apart: the cleaned name without a usual ending.
fn key(name: &str, suffixes: &[&str]) -> String {
    let clean = clean_name(name);
    for s in suffixes {
        if let Some(stem) = clean.strip_suffix(s) {
            if !stem.is_empty() {
                return stem.to_string();
            }
        }
    }
    clean
}

/// Two keys that a person would likely have meant as one: the same sound (城冬 / 城东), one the
/// other with characters left out (县交通局 / 县交通运输局), or one wrong character in a long name.
fn is_near(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la >= 2 && lb >= 2 && crate::text::pinyin_forms(a).1 == crate::text::pinyin_forms(b).1 {
        return true;
    }
    let (short, long, ls, ll) = if la <= lb { (a, b, la, lb) } else { (b, a, lb, la) };
    if ls >= 3 && ls * 3 >= ll * 2 && is_subsequence(short, long) {
        return true;
    }
    ls >= 5 && strsim::levenshtein(a, b) == 1
}

fn is_subsequence(short: &str, long: &str) -> bool {
    let mut it = long.chars();
    short.chars().all(|c| it.any(|x| x == c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> NameBook {
        NameBook::new(
            "stations",
            "联络站",
            STATION_SUFFIXES,
            vec![(1, "城东代表联络站".into()), (2, "城西代表联络站".into())],
        )
    }

    #[test]
    fn same_station_written_otherwise_is_matched() {
        let mut b = book();
        assert_eq!(b.resolve("城东联络站"), Named::Existing(1));
        assert_eq!(b.resolve(" 城东代表联络站 "), Named::Existing(1));
        assert_eq!(b.resolve("城 东 代表联络站"), Named::Existing(1));
        assert!(b.created().is_none());
        assert_eq!(b.notes(), vec!["联络站「城东联络站」即已有的「城东代表联络站」，按已有联络站导入".to_string()]);
    }

    #[test]
    fn a_new_name_is_created_once_and_a_typo_is_pointed_at() {
        let mut b = book();
        assert_eq!(b.resolve("城冬代表联络站"), Named::New("城冬代表联络站".into()));
        assert_eq!(b.resolve("城冬联络站"), Named::New("城冬代表联络站".into()));
        assert_eq!(b.resolve("河口代表联络站"), Named::New("河口代表联络站".into()));
        assert_eq!(b.created(), Some(("stations".into(), vec!["城冬代表联络站".into(), "河口代表联络站".into()])));
        let w = b.warnings();
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("「城东代表联络站」"), "{w:?}");
    }

    #[test]
    fn units_shortened_or_mistyped_are_near_but_different_units_are_not() {
        let b = NameBook::new(
            "units",
            "承办单位",
            UNIT_SUFFIXES,
            vec![(1, "县交通运输局".into()), (2, "县财政局".into()), (3, "县自然资源局".into())],
        );
        assert_eq!(b.near("县交通局"), vec!["县交通运输局".to_string()]);
        assert_eq!(b.near("县自然资原局"), vec!["县自然资源局".to_string()]);
        assert!(b.near("县民政局").is_empty());
        assert!(b.near("县教育局").is_empty());
    }
}
