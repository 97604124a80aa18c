//! The TypeScript types in `ui/src/bindings/` must be exactly what the Rust contract generates.
//! When this fails, run `UPDATE_BINDINGS=1 cargo test --test bindings` and commit the result.

use std::collections::BTreeMap;
use std::path::Path;

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "ts") {
                out.insert(p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    out
}

#[test]
fn typescript_bindings_are_current() {
    let tmp = tempfile::tempdir().unwrap();
    renda::api::export_bindings(tmp.path()).expect("export bindings");
    let generated = read_dir(tmp.path());
    assert!(generated.contains_key("Deputy.ts") && generated.contains_key("ApiError.ts"), "{:?}", generated.keys());
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings");
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/COMMANDS.md");
    let markdown = renda::api::commands_markdown();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        for old in read_dir(&target).keys() {
            std::fs::remove_file(target.join(old)).unwrap();
        }
        std::fs::create_dir_all(&target).unwrap();
        for (name, text) in &generated {
            std::fs::write(target.join(name), text).unwrap();
        }
        std::fs::write(&docs, &markdown).unwrap();
        return;
    }
    let current = std::fs::read_to_string(&docs).unwrap_or_default();
    assert!(current == markdown, "docs/COMMANDS.md is out of date. Run: UPDATE_BINDINGS=1 cargo test --test bindings");
    let committed = read_dir(&target);
    let stale: Vec<_> =
        generated.iter().filter(|(n, t)| committed.get(*n) != Some(t)).map(|(n, _)| n.clone()).collect();
    let extra: Vec<_> = committed.keys().filter(|n| !generated.contains_key(*n)).cloned().collect();
    assert!(
        stale.is_empty() && extra.is_empty(),
        "ui/src/bindings is out of date (changed: {stale:?}, no longer generated: {extra:?}). Run: UPDATE_BINDINGS=1 cargo test --test bindings"
    );
}
