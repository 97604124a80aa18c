//! The documents stay true to the code that cites them: every `DOMAIN.md §x` in a comment names a
//! section that `docs/DOMAIN.md` has, no comment cites the domain specification or the design
//! notes this repository does not hold, and every relative link of `README.md` and `docs/*.md` reaches a file.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Where citations are read: the engine, the tests, the UI (its generated bindings included, since
/// they copy the Rust comments), the scripts and the documents.
const CITING: &[&str] = &["src", "tests", "ui/src", "scripts", "docs", "README.md"];
/// The kinds of file that hold comments.
const EXTENSIONS: &[&str] = &["rs", "sql", "ts", "vue", "js", "mjs", "sh", "py", "md"];
/// The sections the code and its history cite: the domain's whole outline.
const OUTLINE: &[&str] = &[
    "0", "1", "1.1", "1.2", "1.3", "1.4", "2", "2.1", "2.2", "2.3", "3", "4", "4.1", "4.2", "4.3", "5", "6", "7", "8",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `path` (or `path` itself) with one of `EXTENSIONS`, build output left out.
fn files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_file() {
        if path.extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.contains(&e)) {
            out.push(path.to_path_buf());
        }
        return;
    }
    let Ok(entries) = fs::read_dir(path) else { return };
    for entry in entries.flatten() {
        let p = entry.path();
        let name = entry.file_name();
        if ["node_modules", "target", "dist", ".git"].iter().any(|skip| name == *skip) {
            continue;
        }
        files(&p, out);
    }
}

fn citing_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in CITING {
        files(&root().join(p), &mut out);
    }
    out.retain(|p| !p.ends_with("docs/DOMAIN.md"));
    out.sort();
    out
}

/// The section numbers of the headings: `## §1.3 Figures` → `1.3`.
fn sections(domain: &str) -> Vec<String> {
    domain
        .lines()
        .filter(|l| l.starts_with('#'))
        .filter_map(|l| l.trim_start_matches('#').trim().strip_prefix('§'))
        .map(|rest| number_at(rest).0)
        .filter(|n| !n.is_empty())
        .collect()
}

/// The section number at the start of `s` (`1.3 table 3` → `1.3`) and what follows it.
fn number_at(s: &str) -> (String, &str) {
    let end = s.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(s.len());
    let (n, rest) = s.split_at(end);
    (n.trim_end_matches('.').to_string(), rest)
}

/// The text with each line's comment marker removed and the lines joined by a space, so that a
/// citation wrapped across two comment lines reads as one; and the line each byte came from.
fn unwrapped(text: &str) -> (String, Vec<usize>) {
    let (mut out, mut line_of) = (String::new(), Vec::new());
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        let t = ["//!", "///", "//", "--", "*", "#"].iter().find_map(|m| t.strip_prefix(m)).unwrap_or(t);
        let t = t.trim();
        out.push_str(t);
        out.push(' ');
        line_of.resize(out.len(), i + 1);
    }
    (out, line_of)
}

/// Every section number cited as `DOMAIN.md §x` or `DOMAIN §x`, with those listed after it
/// (`§0, §2.1 and §2.3`), and the byte where each was found.
fn citations(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for needle in ["DOMAIN.md §", "DOMAIN §"] {
        for (at, _) in text.match_indices(needle) {
            let mut rest = &text[at + needle.len()..];
            loop {
                let (n, after) = number_at(rest);
                // `§x` in prose about citations is not one
                if n.is_empty() {
                    break;
                }
                out.push((at, n));
                let next = after.trim_start_matches([',', ' ', '、', '/', '–', '-']);
                let next = next.strip_prefix("and ").unwrap_or(next);
                match next.strip_prefix('§') {
                    Some(more) => rest = more,
                    None => break,
                }
            }
        }
    }
    out
}

/// Citations of `text` that name no section of `known`, as `line N: §x`.
fn broken_citations(text: &str, known: &BTreeSet<String>) -> Vec<String> {
    let (joined, line_of) = unwrapped(text);
    citations(&joined)
        .into_iter()
        .filter(|(_, n)| !known.contains(n))
        .map(|(at, n)| format!("line {}: §{n}", line_of.get(at).copied().unwrap_or(0)))
        .collect()
}

/// The lines that cite the specification or the design notes this repository does not hold.
fn outside_citations(text: &str) -> Vec<usize> {
    // spelled in pieces, so this file does not cite them itself
    let needles = [["SPEC", " §"].concat(), ["DESIGN", " §"].concat(), ["DESIGN", ".md §"].concat()];
    let (joined, line_of) = unwrapped(text);
    let mut lines: Vec<usize> = needles
        .iter()
        .flat_map(|n| joined.match_indices(n.as_str()).map(|(at, _)| line_of.get(at).copied().unwrap_or(0)))
        .collect();
    lines.sort_unstable();
    lines.dedup();
    lines
}

/// The relative links of a Markdown text (`[text](target)`) whose file does not exist beside `dir`.
fn broken_links(markdown: &str, dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in markdown.match_indices("](") {
        let rest = &markdown[at + 2..];
        let Some(end) = rest.find(')') else { continue };
        let target = rest[..end].split_whitespace().next().unwrap_or("");
        let file = target.split('#').next().unwrap_or("");
        let external = ["http://", "https://", "mailto:"].iter().any(|p| target.starts_with(p));
        if external || file.is_empty() {
            continue;
        }
        if !dir.join(file).exists() {
            out.push(target.to_string());
        }
    }
    out
}

fn domain_sections() -> BTreeSet<String> {
    let domain = fs::read_to_string(root().join("docs/DOMAIN.md")).expect("docs/DOMAIN.md is in the repository");
    sections(&domain).into_iter().collect()
}

#[test]
fn the_domain_has_its_whole_outline_once() {
    let domain = fs::read_to_string(root().join("docs/DOMAIN.md")).expect("docs/DOMAIN.md is in the repository");
    let all = sections(&domain);
    let unique: BTreeSet<String> = all.iter().cloned().collect();
    assert_eq!(all.len(), unique.len(), "a section number heads two sections: {all:?}");
    for s in OUTLINE {
        assert!(unique.contains(*s), "docs/DOMAIN.md has no heading «§{s}»");
    }
}

#[test]
fn every_citation_names_a_section_of_the_domain() {
    let known = domain_sections();
    let mut broken = Vec::new();
    let mut cited = 0;
    for f in citing_files() {
        let Ok(text) = fs::read_to_string(&f) else { continue };
        cited += citations(&unwrapped(&text).0).len();
        for b in broken_citations(&text, &known) {
            broken.push(format!("{}, {b}", f.strip_prefix(root()).unwrap_or(&f).display()));
        }
    }
    assert!(broken.is_empty(), "citations of sections docs/DOMAIN.md does not have:\n{}", broken.join("\n"));
    assert!(cited > 0, "no citation found: the scan reads nothing");
}

#[test]
fn no_comment_cites_a_document_outside_the_repository() {
    let mut found = Vec::new();
    for f in citing_files() {
        let Ok(text) = fs::read_to_string(&f) else { continue };
        for line in outside_citations(&text) {
            found.push(format!("{}:{line}", f.strip_prefix(root()).unwrap_or(&f).display()));
        }
    }
    assert!(found.is_empty(), "cite docs/DOMAIN.md or state the fact instead:\n{}", found.join("\n"));
}

#[test]
fn every_relative_link_of_the_documents_reaches_a_file() {
    let mut docs = vec![root().join("README.md")];
    files(&root().join("docs"), &mut docs);
    let mut broken = Vec::new();
    for f in docs.iter().filter(|f| f.extension().is_some_and(|e| e == "md")) {
        let text = fs::read_to_string(f).expect("a document of the repository reads");
        let dir = f.parent().unwrap_or(Path::new("."));
        for target in broken_links(&text, dir) {
            broken.push(format!("{}: {target}", f.strip_prefix(root()).unwrap_or(f).display()));
        }
    }
    assert!(broken.is_empty(), "links to files that do not exist:\n{}", broken.join("\n"));
}

/// The checks themselves find what they are for: a made-up section, a wrapped citation, a list of
/// sections, the old specification, a link to nowhere.
#[test]
fn the_checks_catch_what_they_are_for() {
    let known: BTreeSet<String> = ["0", "1.3", "2.1"].iter().map(|s| s.to_string()).collect();
    let made_up = format!("// the figures of DOMAIN.md §{}", "9.9");
    assert_eq!(broken_citations(&made_up, &known), vec!["line 1: §9.9"]);
    let wrapped = format!("/// counted as in DOMAIN.md\n/// §{} table 3", "7.7");
    assert_eq!(broken_citations(&wrapped, &known), vec!["line 1: §7.7"]);
    let listed = format!("//! by level (DOMAIN §0, §2.1 and §{}).", "2.4");
    assert_eq!(broken_citations(&listed, &known), vec!["line 1: §2.4"]);
    let fine = format!("// DOMAIN.md §{}: one decimal", "1.3");
    assert!(broken_citations(&fine, &known).is_empty());

    let old = format!("-- a table\n-- of the {}\n-- §3 books", "SPEC");
    assert_eq!(outside_citations(&old), vec![2]);
    assert!(outside_citations("pub static DEPUTY_SPEC: TableSpec").is_empty());
    let design = format!("// the size of {}.md §6\n// fine\n// retried ({} §4)", "DESIGN", "DESIGN");
    assert_eq!(outside_citations(&design), vec![1, 3]);
    assert!(outside_citations("// DESIGNED §4 by hand").is_empty());

    let md = "see [the domain](DOMAIN.md#§1), [gone](nowhere.md) and [web](https://example.org)";
    assert_eq!(broken_links(md, &root().join("docs")), vec!["nowhere.md"]);
}
