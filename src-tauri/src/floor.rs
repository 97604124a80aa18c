//! `renda-desktop --window-floor`: the same window (size, title) showing one static page, with no
//! engine and no UI. `scripts/measure-window.sh` measures it beside the real app: the memory and
//! start-up time of the shell itself (Tauri + WebKitGTK), the floor the app is compared with.

const PAGE: &str = "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>人大工作台</title></head>\
<body><h1 id=\"floor\">人大工作台</h1></body></html>";

/// True when the command line asks for the floor window.
pub fn wanted() -> bool {
    std::env::args().skip(1).any(|a| a == "--window-floor")
}

pub fn run(context: tauri::Context) {
    let result = tauri::Builder::default()
        // the page comes from a protocol of the shell's own, as the app's pages do
        .register_uri_scheme_protocol("floor", |_ctx, _request| {
            tauri::http::Response::builder()
                .header("Content-Type", "text/html; charset=utf-8")
                .body(PAGE.as_bytes().to_vec())
                .expect("a static response")
        })
        .setup(|app| {
            let url = tauri::Url::parse("floor://localhost/").map_err(|e| e.to_string())?;
            tauri::WebviewWindowBuilder::new(app.handle(), "main", tauri::WebviewUrl::CustomProtocol(url))
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
