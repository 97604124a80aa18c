//! `renda-desktop --window-floor`: the same window (size, title) showing one static page, with no
//! engine and no UI. `scripts/measure-window.sh` measures it beside the real app: the memory and
//! start-up time of the shell itself (Tauri + WebKitGTK), the floor the app is compared with.

const PAGE: &str = "data:text/html;charset=utf-8,%3C!doctype%20html%3E%3Chtml%20lang%3D%22zh-CN%22%3E%3Chead%3E\
%3Ctitle%3E%E4%BA%BA%E5%A4%A7%E5%B7%A5%E4%BD%9C%E5%8F%B0%3C%2Ftitle%3E%3C%2Fhead%3E%3Cbody%3E\
%3Ch1%20id%3D%22floor%22%3E%E4%BA%BA%E5%A4%A7%E5%B7%A5%E4%BD%9C%E5%8F%B0%3C%2Fh1%3E%3C%2Fbody%3E%3C%2Fhtml%3E";

/// True when the command line asks for the floor window.
pub fn wanted() -> bool {
    std::env::args().skip(1).any(|a| a == "--window-floor")
}

pub fn run(context: tauri::Context) {
    let result = tauri::Builder::default()
        .setup(|app| {
            let url = tauri::Url::parse(PAGE).map_err(|e| e.to_string())?;
            tauri::WebviewWindowBuilder::new(app.handle(), "main", tauri::WebviewUrl::External(url))
                .title("人大工作台")
                .inner_size(1366.0, 768.0)
                .build()?;
            Ok(())
        })
        .run(context);
    if let Err(err) = result {
        eprintln!("人大工作台无法启动：{err}");
        std::process::exit(1);
    }
}
