//! The engine's floors point down. Every file under `src/` (the CLI in `src/bin/` and the crate
//! root `lib.rs`, which only holds the `Renda` handle every area extends, stand above them) is read
//! for its `crate::…` and `super::…` paths, outside `#[cfg(test)]` code; each path names a
//! top-level module. A module may use modules of its own floor or below, never above, and the
//! top-level modules may not form a cycle. Inside one area, its files may not form a cycle either
//! (the area's `mod.rs` excepted: it is the area's front, whose types and re-exports its files use).
//!
//! The floors are listed here and nowhere else.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Bottom to top. A module may import its own floor and the floors below it.
const FLOORS: &[&[&str]] = &[
    // plain helpers that know no table
    &["error", "text", "names", "fields", "progress", "upload", "readers"],
    // store machinery and the generic Excel plumbing, which know no area
    &["db", "settings", "common", "excel"],
    // the areas, each above the ones it builds on
    &["office"],
    &["roster"],
    &["suggestions"],
    &["stations"],
    &["projects"],
    &["oversight", "hearings"],
    &["evaluation"],
    &["assessment"],
    // what gathers several areas
    &["reports", "demo", "morning", "app"],
    // the command layer: nothing below imports it
    &["api"],
];

/// Items of the crate root that any module may name: the handle every area extends, and the
/// error re-exports (which belong to `error`).
const ROOT_ITEMS: &[(&str, Option<&str>)] =
    &[("Renda", None), ("default_db_path", None), ("Result", Some("error")), ("Error", Some("error"))];

/// Which module owns each table (and view, and search index) of the migrations. Its SQL lives in
/// the owner's `store.rs` (or, for a module without one, anywhere in it). A store of a higher
/// module may read a lower one's tables in its joins; only the owner writes them.
const TABLES: &[(&str, &[&str])] = &[
    ("db", &["audit_log"]),
    ("settings", &["settings"]),
    ("excel", &["import_log"]),
    ("roster", &["deputies", "deputy_levels", "deputy_status_history", "units", "stations", "terms", "sessions"]),
    (
        "suggestions",
        &[
            "suggestions",
            "suggestion_contacts",
            "suggestion_cosigners",
            "suggestion_events",
            "suggestion_ratings",
            "suggestion_replies",
            "suggestion_units",
            "suggestion_search",
            "calendar_days",
        ],
    ),
    (
        "stations",
        &[
            "station_archive",
            "attachments",
            "register_entries",
            "register_deputies",
            "register_day_figures",
            "register_deputy_days",
            "register_search",
            "activity_points",
        ],
    ),
    (
        "projects",
        &[
            "project_proposals",
            "project_candidates",
            "project_subitems",
            "project_votes",
            "project_vote_items",
            "projects",
            "project_years",
            "project_group",
            "project_progress",
            "project_changes",
            "project_visits",
            "project_visit_deputies",
            "project_problems",
        ],
    ),
    (
        "oversight",
        &[
            "oversight_topics",
            "oversight_meetings",
            "oversight_meeting_deputies",
            "oversight_opinions",
            "oversight_rounds",
            "oversight_events",
            "oversight_problems",
            "oversight_progress",
            "oversight_activities",
            "oversight_activity_deputies",
        ],
    ),
    (
        "hearings",
        &[
            "hearing_meetings",
            "hearing_topics",
            "hearing_people",
            "hearing_applications",
            "hearing_events",
            "hearing_opinions",
        ],
    ),
    (
        "evaluation",
        &[
            "evaluations",
            "evaluation_criteria",
            "evaluation_groups",
            "evaluation_subjects",
            "ballot_counts",
            "ballot_scores",
            "attendance",
            "point_adjustments",
            "point_rules",
        ],
    ),
    (
        "assessment",
        &[
            "assessment_templates",
            "assessment_blocks",
            "assessment_items",
            "assessment_self_scores",
            "assessment_townships",
            "assessment_received",
            "assessment_received_items",
            "assessment_scores",
            "assessment_adjustments",
        ],
    ),
    ("reports", &["report_packages", "report_records", "report_sub_offices", "report_counted"]),
];

/// SQL outside a store, on purpose: file, the tables it may name there (none listed: every
/// table), and why.
const SQL_NOT_YET_IN_STORE: &[(&str, &[&str], &str)] = &[
    // the demo data is written in bulk, for speed, straight into the tables it fills
    ("src/demo.rs", &[], "demo data"),
    ("src/suggestions/demo.rs", &[], "demo data"),
    ("src/stations/demo.rs", &[], "demo data"),
    ("src/evaluation/demo.rs", &[], "demo data"),
    ("src/projects/demo.rs", &[], "demo data"),
    ("src/oversight/demo.rs", &[], "demo data"),
    ("src/hearings/demo.rs", &[], "demo data"),
    // the 上报包's sheets are declared as (heading, SQL expression) pairs, so that a heading cannot
    // drift from its column; each is one read-only SELECT over the areas' tables
    (
        "src/reports/package.rs",
        &[
            "suggestions",
            "suggestion_cosigners",
            "suggestion_units",
            "deputies",
            "deputy_levels",
            "sessions",
            "units",
            "stations",
        ],
        "the package's data sheets: one read-only SELECT each, declared with their headings",
    ),
];

#[test]
fn floors_point_down_and_modules_form_no_cycle() {
    let files = read_sources(Path::new(env!("CARGO_MANIFEST_DIR")).join("src").as_path());
    let mut problems = check(&files);
    problems.extend(unlisted_modules(&files));
    assert!(problems.is_empty(), "模块层次有误：\n{}", problems.join("\n"));
}

#[test]
fn each_table_is_written_by_its_owner_and_read_in_stores() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = read_sources(root.join("src").as_path());
    let mut problems = sql_problems(&files);
    problems.extend(unlisted_tables(&root.join("src/db/migrations")));
    assert!(problems.is_empty(), "SQL 不在所属模块的 store 中：\n{}", problems.join("\n"));
}

/// The check catches what it is meant to catch: an upward import (plain, grouped, and through
/// `super::super`), a cycle, and a module nobody listed.
#[test]
fn the_check_catches_an_upward_import_and_a_cycle() {
    let files = vec![
        src("src/db/mod.rs", "use crate::{text::clean, roster::store::unit_list};\n"),
        src("src/db/backup.rs", "fn f() { super::super::api::call(); }\n"),
        src("src/text.rs", "fn f() { crate::names::key(); }\n#[cfg(test)]\nmod tests { use crate::api::x; }\n"),
        src(
            "src/names.rs",
            "// crate::api in a comment is no import\nfn f() { crate::text::clean(\"crate::api\"); }\n",
        ),
        src("src/roster/mod.rs", "pub mod store;\npub mod model;\nfn f() { store::x(); }\n"),
        src("src/roster/store.rs", "use super::{Thing, model::M};\nuse crate::wizard::x;\n"),
        src("src/roster/model.rs", "fn f() { super::store::x(); }\n"),
        src("src/api/mod.rs", "use crate::roster::{store, Thing};\n"),
    ];
    let problems = check(&files).join("\n");
    assert!(problems.contains("src/db/mod.rs:1 db → roster"), "{problems}");
    assert!(problems.contains("src/db/backup.rs:1 db → api"), "{problems}");
    assert!(problems.contains("names → text → names"), "{problems}");
    assert!(problems.contains("roster/model.rs → roster/store.rs → roster/model.rs"), "{problems}");
    assert!(!problems.contains("roster/mod.rs →"), "a file may use its area's mod.rs: {problems}");
    assert!(problems.contains("src/roster/store.rs:2 wizard"), "{problems}");
    assert!(!problems.contains("text.rs:3"), "a #[cfg(test)] module is not read: {problems}");
    assert!(!problems.contains("names.rs:1") && !problems.contains("names.rs:2 names → api"), "{problems}");
    assert!(!problems.contains("src/api"), "api may import any area: {problems}");
}

/// The SQL check catches a write to another area's table, SQL outside a store, and an upward
/// read, and lets a store read a lower area's table in a join.
#[test]
fn the_sql_check_catches_a_table_used_out_of_place() {
    let files = vec![
        src("src/stations/store.rs", "fn f() { c.execute(\"UPDATE deputies SET name = ?1\", []); }\n"),
        src("src/stations/mod.rs", "fn f() { c.query_row(\"SELECT id FROM register_entries\", []); }\n"),
        src("src/roster/store.rs", "fn f() { c.prepare(\"SELECT s.id FROM stations s JOIN register_entries e\"); }\n"),
        src(
            "src/suggestions/store.rs",
            "fn f() { c.prepare(r#\"SELECT s.id FROM suggestions s JOIN deputies d\"#); }\n",
        ),
        src("src/text.rs", "fn f() { let s = \"SELECT FROM 代表\"; }\n"),
    ];
    let problems = sql_problems(&files).join("\n");
    assert!(problems.contains("src/stations/store.rs:1 deputies"), "{problems}");
    assert!(problems.contains("src/stations/mod.rs:1 register_entries"), "{problems}");
    assert!(problems.contains("src/roster/store.rs:1 register_entries"), "{problems}");
    assert!(!problems.contains("suggestions/store.rs"), "a join down is a read: {problems}");
    assert!(!problems.contains("text.rs"), "{problems}");
}

// ---------------------------------------------------------------------------------------------

/// Every table named by SQL out of its place: a write by another module than its owner, SQL
/// outside a store, a read by a store below the owner (or a module without a floor).
fn sql_problems(files: &[Source]) -> Vec<String> {
    let owner_of = |t: &str| TABLES.iter().find(|(_, ts)| ts.contains(&t)).map(|(m, _)| *m);
    let mut problems = Vec::new();
    for file in files {
        let waiting = |table: &str| {
            SQL_NOT_YET_IN_STORE.iter().any(|(f, ts, _)| *f == file.path && (ts.is_empty() || ts.contains(&table)))
        };
        let here = module_path(&file.path);
        let module = here[0].as_str();
        let is_store = here.last().is_some_and(|m| m == "store")
            || !files.iter().any(|f| f.path == format!("src/{module}/store.rs"));
        for (line, text) in scan(&file.text).strings {
            for (table, write) in sql_tables(&text) {
                let Some(owner) = owner_of(&table).filter(|_| !waiting(&table)) else { continue };
                let why = if write && owner != module {
                    Some(format!("由 {owner} 所有，只能由它写入"))
                } else if !is_store
                    && (owner != module
                        || here.len() > 1
                        || files.iter().any(|f| f.path == format!("src/{module}/store.rs")))
                {
                    Some("SQL 应在 store.rs 中".to_string())
                } else if owner != module && floor_of(owner) >= floor_of(module) {
                    Some(format!("由 {owner} 所有，不在本模块之下"))
                } else {
                    None
                };
                if let Some(why) = why {
                    problems.push(format!("{}:{line} {table}：{why}", file.path));
                }
            }
        }
    }
    problems.sort();
    problems.dedup();
    problems
}

/// The tables a string of SQL names after FROM, JOIN, INTO, UPDATE or TABLE, each with whether
/// it is written (INTO, UPDATE, DELETE FROM). Keywords are upper case, as every query here writes them.
fn sql_tables(text: &str) -> Vec<(String, bool)> {
    let words: Vec<&str> =
        text.split(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_')).filter(|w| !w.is_empty()).collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let write = match *w {
            "FROM" => i > 0 && words[i - 1] == "DELETE",
            "JOIN" | "TABLE" => false,
            "INTO" | "UPDATE" => true,
            _ => continue,
        };
        if let Some(t) = words.get(i + 1).filter(|t| t.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_')) {
            out.push((t.to_string(), write));
        }
    }
    out
}

/// Tables and views the migrations create that no module owns.
fn unlisted_tables(migrations: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(migrations).expect("migrations") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("migration");
        let words: Vec<&str> = text.split_whitespace().collect();
        for (i, w) in words.iter().enumerate() {
            if !(*w == "TABLE" || *w == "VIEW") || i == 0 || !matches!(words[i - 1], "CREATE" | "VIRTUAL") {
                continue;
            }
            let name = words[i + 1..].iter().find(|n| !matches!(**n, "IF" | "NOT" | "EXISTS")).copied().unwrap_or("");
            let name = name.trim_end_matches(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_'));
            if !TABLES.iter().any(|(_, ts)| ts.contains(&name)) {
                out.push(format!("表 {name}（迁移中创建）不在 TABLES 中"));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

struct Source {
    /// The path as written in messages, `src/…` with forward slashes.
    path: String,
    text: String,
}

fn src(path: &str, text: &str) -> Source {
    Source { path: path.into(), text: text.into() }
}

/// One path that leaves its file: where it is written and which module it names.
struct Ref {
    line: usize,
    /// Absolute module path inside the crate, first segment the top-level module.
    target: Vec<String>,
}

fn floor_of(module: &str) -> Option<usize> {
    FLOORS.iter().position(|f| f.contains(&module))
}

/// Every problem found in `files`: upward imports, unknown modules, cycles between top-level
/// modules and cycles between the files of one area.
fn check(files: &[Source]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut modules: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut area_files: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let here = module_path(&file.path);
        let from = &here[0];
        for r in references(file) {
            let Some(to) = top_of(&r.target) else { continue };
            if to == *from {
                let target_file = file_of(&r.target, files);
                if target_file != file.path && !target_file.ends_with("/mod.rs") {
                    area_files.entry(file.path.clone()).or_default().insert(target_file);
                }
                continue;
            }
            match (floor_of(from), floor_of(&to)) {
                (_, None) => problems.push(format!("{}:{} {to}：不在 FLOORS 中的模块", file.path, r.line)),
                (Some(a), Some(b)) if b > a => {
                    problems.push(format!("{}:{} {from} → {to}：向上层引用", file.path, r.line))
                }
                _ => {}
            }
            modules.entry(from.clone()).or_default().insert(to);
        }
    }
    problems.extend(cycles(&modules).into_iter().map(|c| format!("模块循环引用：{c}")));
    let shown = |p: &String| p.trim_start_matches("src/").to_string();
    let area_files = area_files
        .into_iter()
        .map(|(k, v)| (shown(&k), v.iter().map(shown).collect()))
        .collect::<BTreeMap<String, BTreeSet<String>>>();
    problems.extend(cycles(&area_files).into_iter().map(|c| format!("同一模块内的文件循环引用：{c}")));
    problems
}

/// Top-level modules that have files but no floor.
fn unlisted_modules(files: &[Source]) -> Vec<String> {
    let tops: BTreeSet<String> = files.iter().map(|f| module_path(&f.path)[0].clone()).collect();
    tops.into_iter().filter(|m| floor_of(m).is_none()).map(|m| format!("src/{m}：不在 FLOORS 中的模块")).collect()
}

/// The top-level module a path names; `None` for crate-root items that belong to no module.
fn top_of(target: &[String]) -> Option<String> {
    let first = target.first()?;
    match ROOT_ITEMS.iter().find(|(name, _)| name == first) {
        Some((_, owner)) => owner.map(String::from),
        // `use super::*` in an inline module of a top file (the command macro's `mod run`) is
        // read as a glob of the crate root: it names no module
        None if first == "*" => None,
        None => Some(first.clone()),
    }
}

/// `src/roster/store.rs` → `[roster, store]`; `src/roster/mod.rs` → `[roster]`; `src/text.rs` → `[text]`.
fn module_path(path: &str) -> Vec<String> {
    let inner = path.trim_start_matches("src/").trim_end_matches(".rs");
    let mut parts: Vec<String> = inner.split('/').map(String::from).collect();
    if parts.len() > 1 && parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The file that defines the deepest module of `target` that has a file of its own.
fn file_of(target: &[String], files: &[Source]) -> String {
    (1..=target.len())
        .rev()
        .map(|n| &target[..n])
        .find_map(|m| files.iter().find(|f| module_path(&f.path) == m).map(|f| f.path.clone()))
        .unwrap_or_default()
}

/// Cycles in a graph, each written `a → b → a`, one per strongly connected group.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let mut found = Vec::new();
    let mut seen_in_cycle: BTreeSet<String> = BTreeSet::new();
    for start in graph.keys() {
        if seen_in_cycle.contains(start) {
            continue;
        }
        if let Some(path) = path_back(graph, start) {
            seen_in_cycle.extend(path.iter().cloned());
            found.push(path.join(" → "));
        }
    }
    found
}

/// A shortest path from `start` back to itself, breadth first.
fn path_back(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut came_from: BTreeMap<String, String> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start.to_string()]);
    while let Some(node) = queue.pop_front() {
        for next in graph.get(&node).into_iter().flatten() {
            if next == start {
                let mut path = vec![start.to_string(), node.clone()];
                while let Some(before) = came_from.get(path.last()?) {
                    path.push(before.clone());
                }
                path.push(start.to_string());
                path.dedup();
                path.reverse();
                return Some(path);
            }
            if !came_from.contains_key(next) && next != start {
                came_from.insert(next.clone(), node.clone());
                queue.push_back(next.clone());
            }
        }
    }
    None
}

// ---- reading the source ---------------------------------------------------------------------

fn read_sources(dir: &Path) -> Vec<Source> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read src") {
            let p = entry.expect("dir entry").path();
            let rel = p.strip_prefix(dir.parent().expect("crate dir")).expect("under crate");
            let rel = rel.to_string_lossy().replace('\\', "/");
            if rel == "src/bin" || rel == "src/lib.rs" {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else if rel.ends_with(".rs") {
                out.push(Source { path: rel, text: std::fs::read_to_string(&p).expect("read file") });
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// A file as the checks read it.
struct Scanned {
    /// The code with comments, string and char literals and `#[cfg(test)]` items blanked
    /// (line breaks kept), so that only real paths are read.
    code: String,
    /// The string literals outside `#[cfg(test)]` items, each with its line.
    strings: Vec<(usize, String)>,
}

fn scan(text: &str) -> Scanned {
    let (code, literals) = blank_comments_and_strings(text);
    let mut code: Vec<char> = code.chars().collect();
    let tests = test_items(&code);
    for r in &tests {
        for ch in &mut code[r.clone()] {
            if *ch != '\n' {
                *ch = ' ';
            }
        }
    }
    let mut line_at = Vec::with_capacity(code.len());
    let mut line = 1;
    for ch in &code {
        line_at.push(line);
        line += usize::from(*ch == '\n');
    }
    let strings = literals
        .into_iter()
        .filter(|(at, _)| !tests.iter().any(|r| r.contains(at)))
        .map(|(at, s)| (line_at.get(at).copied().unwrap_or(line), s))
        .collect();
    Scanned { code: code.into_iter().collect(), strings }
}

/// The text with comments and literals blanked (one blank per character, line breaks kept),
/// and the string literals with the character index they start at.
fn blank_comments_and_strings(text: &str) -> (String, Vec<(usize, String)>) {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut strings = Vec::new();
    let mut i = 0;
    let keep_lines = |out: &mut String, s: &[char]| out.extend(s.iter().map(|&ch| if ch == '\n' { '\n' } else { ' ' }));
    let ident = |ch: char| ch.is_alphanumeric() || ch == '_';
    while i < c.len() {
        let rest = &c[i..];
        let end = if rest.starts_with(&['/', '/']) {
            i + rest.iter().position(|&ch| ch == '\n').unwrap_or(rest.len())
        } else if rest.starts_with(&['/', '*']) {
            i + 2 + find(&rest[2..], &['*', '/']).map_or(rest.len() - 2, |p| p + 2)
        } else if rest[0] == 'r' && (i == 0 || !ident(c[i - 1])) && raw_string_hashes(rest).is_some() {
            let hashes = raw_string_hashes(rest).unwrap_or(0);
            let mut close = vec!['"'];
            close.extend(std::iter::repeat_n('#', hashes));
            let open = 2 + hashes;
            let end = i + open + find(&rest[open..], &close).map_or(rest.len() - open, |p| p + close.len());
            strings.push((i, c[i..end.min(c.len())].iter().collect()));
            end
        } else if rest[0] == '"' {
            let mut j = 1;
            while j < rest.len() && rest[j] != '"' {
                j += if rest[j] == '\\' { 2 } else { 1 };
            }
            let end = i + (j + 1).min(rest.len());
            strings.push((i, c[i..end.min(c.len())].iter().collect()));
            end
        } else if rest[0] == '\'' && rest.len() > 2 && (rest[1] == '\\' || rest[2] == '\'') {
            i + 1 + rest[1..].iter().skip(1).position(|&ch| ch == '\'').map_or(rest.len() - 1, |p| p + 2)
        } else {
            out.push(rest[0]);
            i += 1;
            continue;
        };
        keep_lines(&mut out, &c[i..end.min(c.len())]);
        i = end.min(c.len());
    }
    (out, strings)
}

/// `r"…"` → 0, `r#"…"#` → 1; `None` when `r` starts no raw string.
fn raw_string_hashes(rest: &[char]) -> Option<usize> {
    let hashes = rest[1..].iter().take_while(|&&ch| ch == '#').count();
    (rest.get(1 + hashes) == Some(&'"')).then_some(hashes)
}

fn find(hay: &[char], needle: &[char]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Where the items under `#[cfg(test)]` are: from the attribute to the end of the item (its
/// closing brace, or its semicolon).
fn test_items(code: &[char]) -> Vec<std::ops::Range<usize>> {
    let attr: Vec<char> = "#[cfg(test)]".chars().collect();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = find(&code[from..], &attr) {
        let at = from + p;
        let mut depth = 0usize;
        let mut end = code.len();
        for (k, &ch) in code.iter().enumerate().skip(at + attr.len()) {
            match ch {
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = k + 1;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    end = k + 1;
                    break;
                }
                _ => {}
            }
        }
        out.push(at..end);
        from = end;
    }
    out
}

/// Every path in `file` that starts with `crate::`, `super::` or `self::`, and, in an area's
/// `mod.rs`, every path through one of its files; grouped `{a::x, b::{y, z}}` forms are
/// expanded.
fn references(file: &Source) -> Vec<Ref> {
    let code = scan(&file.text).code;
    let here = module_path(&file.path);
    let chars: Vec<char> = code.chars().collect();
    let mut line_at = Vec::with_capacity(chars.len());
    let mut line = 1;
    for ch in &chars {
        line_at.push(line);
        line += usize::from(*ch == '\n');
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_word = i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_' || chars[i - 1] == ':');
        if !starts_word || !(chars[i].is_alphabetic() || chars[i] == '_') {
            i += 1;
            continue;
        }
        let (paths, end) = parse_tree(&chars, i);
        for p in paths {
            if let Some(target) = resolve(&here, &p) {
                out.push(Ref { line: line_at[i], target });
            }
        }
        i = end.max(i + 1);
    }
    out
}

/// Where `path` (as written) leads, as an absolute module path; `None` for paths that leave
/// nothing of ours (`std::…`, a local type's associated item).
fn resolve(here: &[String], path: &[String]) -> Option<Vec<String>> {
    let first = path.first()?;
    if path.len() < 2 {
        return None;
    }
    let ups = path.iter().take_while(|s| *s == "super").count();
    if first == "crate" {
        return Some(path[1..].to_vec());
    }
    if first == "self" {
        return Some([here, &path[1..]].concat());
    }
    if ups > 0 {
        let base = here.get(..here.len().checked_sub(ups)?)?;
        return Some([base, &path[ups..]].concat());
    }
    // A bare `child::x` in an area's `mod.rs`: an edge to that child file when there is one (a
    // crate such as `rusqlite::` resolves to the file itself and is dropped by the caller).
    (here.len() == 1 && first.chars().all(|c| c.is_lowercase() || c == '_')).then(|| [here, &path[..1]].concat())
}

/// Parses `a::b::{c, d::e}` starting at `i`; returns every full path and where parsing stopped.
fn parse_tree(c: &[char], mut i: usize) -> (Vec<Vec<String>>, usize) {
    let mut prefix = Vec::new();
    loop {
        skip_space(c, &mut i);
        if c.get(i) == Some(&'{') {
            i += 1;
            let mut all = Vec::new();
            loop {
                skip_space(c, &mut i);
                match c.get(i) {
                    Some('}') | None => return (all, i + 1),
                    Some(',') => i += 1,
                    _ => {
                        let (subs, end) = parse_tree(c, i);
                        all.extend(subs.into_iter().map(|s| [prefix.clone(), s].concat()));
                        i = end.max(i + 1);
                    }
                }
            }
        }
        let start = i;
        while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_' || c[i] == '*') {
            i += 1;
        }
        if start == i {
            return (vec![prefix], i);
        }
        prefix.push(c[start..i].iter().collect());
        let mut j = i;
        skip_space(c, &mut j);
        if c.get(j) == Some(&':') && c.get(j + 1) == Some(&':') {
            i = j + 2;
        } else {
            return (vec![prefix], i);
        }
    }
}

fn skip_space(c: &[char], i: &mut usize) {
    while *i < c.len() && c[*i].is_whitespace() {
        *i += 1;
    }
}
