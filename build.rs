//! Embeds the built UI (`ui/dist`) into the `renda` binary, so that `renda serve` works from the
//! binary alone. Writes `$OUT_DIR/ui_assets.rs`: a list of (path, bytes) read with `include_bytes!`.
//! Without `ui/dist` (a fresh checkout before `npm run build`) the list is empty and `renda serve`
//! shows a page saying the UI is not built; cargo then runs this script again on every build until
//! `ui/dist` exists (it watches a missing path), so build the UI first to keep builds incremental.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let dist = root.join("ui").join("dist");
    println!("cargo:rerun-if-changed=ui/dist");
    println!("cargo:rerun-if-changed=build.rs");
    let mut files = Vec::new();
    if dist.join("index.html").is_file() {
        collect(&dist, &dist, &mut files);
    }
    files.sort();
    let mut out = String::from("/// The built UI: (path under ui/dist, contents), sorted by path.\n");
    out.push_str("pub static ASSETS: &[(&str, &[u8])] = &[\n");
    for (rel, abs) in &files {
        writeln!(out, "    ({rel:?}, include_bytes!({abs:?})),").expect("write to a String");
    }
    out.push_str("];\n");
    let target = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo")).join("ui_assets.rs");
    // unchanged contents keep their timestamp, so nothing downstream is rebuilt for nothing
    if std::fs::read_to_string(&target).ok().as_deref() != Some(out.as_str()) {
        std::fs::write(&target, out).expect("write ui_assets.rs");
    }
}

fn collect(base: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(base, &path, files);
        } else if let (Ok(rel), Some(abs)) = (path.strip_prefix(base), path.to_str()) {
            let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            files.push((rel, abs.to_string()));
        }
    }
}
