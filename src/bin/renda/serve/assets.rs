//! The UI that `renda serve` shows: the built `ui/dist` carried inside the binary (embedded by
//! `build.rs` at build time), or a folder on disk given with `--static DIR` (development).

use std::path::{Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/ui_assets.rs"));
}

/// Shown for every page when the binary was built before the UI (`ui/dist` did not exist).
const NOT_BUILT: &str = "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>人大工作台</title>\
</head><body style=\"font-family:sans-serif;max-width:40em;margin:4em auto;line-height:1.8\">\
<h1>界面尚未构建</h1><p>这个 renda 程序在构建时还没有界面文件（ui/dist），所以无法显示人大工作台的页面。</p>\
<p>请在源代码文件夹中先运行 <code>cd ui &amp;&amp; npm run build</code>，再重新构建 renda（<code>cargo build --release --bin renda</code>）；\
或用 <code>renda serve --static 界面文件夹</code> 指定已构建好的界面。</p></body></html>";

pub enum Ui {
    /// The files built into this binary.
    Embedded,
    /// A folder with `index.html` (`--static DIR`, or `ui/dist` found next to a source checkout).
    Dir(PathBuf),
    /// Neither: every page says the UI is not built.
    NotBuilt,
}

/// A file of the UI: its bytes, and the name its content type is judged by.
pub struct Asset {
    pub bytes: Vec<u8>,
    pub name: String,
}

impl Ui {
    /// `--static DIR` when given (it must hold index.html); otherwise the embedded UI; otherwise a
    /// `ui/dist` in the source tree (a binary built before the UI, during development).
    pub fn choose(static_dir: Option<PathBuf>) -> Result<Ui, String> {
        if let Some(dir) = static_dir {
            if !dir.join("index.html").is_file() {
                return Err(format!("{} 中没有 index.html，请先构建界面（cd ui && npm run build）。", dir.display()));
            }
            return Ok(Ui::Dir(dir));
        }
        if embedded_file("index.html").is_some() {
            return Ok(Ui::Embedded);
        }
        Ok(find_ui_dir().map(Ui::Dir).unwrap_or(Ui::NotBuilt))
    }

    pub fn describe(&self) -> String {
        match self {
            Ui::Embedded => "程序内置".into(),
            Ui::Dir(d) => d.display().to_string(),
            Ui::NotBuilt => "无（界面尚未构建）".into(),
        }
    }

    /// `rel` is a relative path already checked to hold only normal components.
    pub fn get(&self, rel: &str) -> Option<Asset> {
        match self {
            Ui::Embedded => embedded_file(rel).map(|b| Asset { bytes: b.to_vec(), name: rel.to_string() }),
            Ui::Dir(d) => std::fs::read(d.join(Path::new(rel))).ok().map(|bytes| Asset { bytes, name: rel.into() }),
            Ui::NotBuilt => Some(Asset { bytes: NOT_BUILT.as_bytes().to_vec(), name: "index.html".into() }),
        }
    }
}

fn embedded_file(rel: &str) -> Option<&'static [u8]> {
    let files = embedded::ASSETS;
    files.binary_search_by(|(p, _)| (*p).cmp(rel)).ok().map(|i| files[i].1)
}

/// `ui/dist` named by `RENDA_UI_DIR`, or in a source tree above the executable or the current folder.
fn find_ui_dir() -> Option<PathBuf> {
    let mut candidates = Vec::new();
    if let Some(d) = std::env::var_os("RENDA_UI_DIR") {
        candidates.push(PathBuf::from(d));
    }
    if let Ok(exe) = std::env::current_exe() {
        for dir in exe.ancestors().skip(1).take(4) {
            candidates.push(dir.join("ui").join("dist"));
        }
    }
    candidates.push(PathBuf::from("ui/dist"));
    candidates.into_iter().find(|d| d.join("index.html").is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_list_is_sorted_and_findable() {
        let files = embedded::ASSETS;
        assert!(files.windows(2).all(|w| w[0].0 < w[1].0));
        for (p, b) in files {
            assert_eq!(embedded_file(p), Some(*b));
        }
        assert!(embedded_file("no/such/file").is_none());
    }

    #[test]
    fn not_built_answers_every_page_in_chinese() {
        let a = Ui::NotBuilt.get("assets/x.js").unwrap();
        assert_eq!(a.name, "index.html");
        assert!(String::from_utf8(a.bytes).unwrap().contains("界面尚未构建"));
    }
}
