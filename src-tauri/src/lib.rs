//! 人大工作台 — the desktop shell (Tauri 2).
//!
//! One command, `api`, forwards `{ name, args }` to the engine's dispatch (`renda::api::call`);
//! the shell holds no SQL and no rules (DESIGN §1, docs/API.md). The engine (`renda::Renda`) is
//! `Send` but not `Sync`, so it lives behind a `Mutex` in Tauri's managed state, and every call runs
//! on a blocking thread so that long work (imports, exports, backups) never freezes the window.

mod floor;
#[cfg(windows)]
mod webview2;

use std::sync::Mutex;

use renda::Renda;
use serde_json::Value;
use tauri::{Manager, Runtime};

/// The opened data folder, shared by every `api` call.
pub struct Engine(pub Mutex<Renda>);

impl Engine {
    pub fn new(renda: Renda) -> Engine {
        Engine(Mutex::new(renda))
    }
}

/// `invoke('api', { name, args })` → the engine's reply, or `ApiError {code, message, field_errors}`.
#[tauri::command]
async fn api<R: Runtime>(app: tauri::AppHandle<R>, name: String, args: Value) -> Result<Value, renda::Error> {
    tauri::async_runtime::spawn_blocking(move || {
        let Some(engine) = app.try_state::<Engine>() else {
            return Err(renda::Error::NotAllowed(
                "数据文件尚未打开，无法执行此操作。请关闭程序后重新打开；如反复出现，请检查数据文件夹的位置和权限。"
                    .into(),
            ));
        };
        // A panic inside one call must not lock the user out of every later call: the engine's
        // writes are transactions, so the data is consistent even if an earlier call panicked.
        let mut renda = engine.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        renda::api::call(&mut renda, &name, args)
    })
    .await
    .unwrap_or_else(|e| {
        Err(renda::Error::NotAllowed(format!(
            "程序内部错误，操作未完成（{e}）。数据未被修改；请重试，如反复出现请重新启动程序。"
        )))
    })
}

/// Registers the shell's commands on a builder; shared by the app and the mock-runtime tests.
pub fn commands<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(tauri::generate_handler![api])
}

/// The event that carries the engine's progress reports (`renda::progress::Progress`) to the page.
pub const PROGRESS_EVENT: &str = "renda-progress";

/// Forwards the engine's progress (long imports) to the window as `PROGRESS_EVENT` events.
pub fn forward_progress<R: Runtime>(app: &tauri::AppHandle<R>) {
    use tauri::Emitter;
    if let Some(engine) = app.try_state::<Engine>() {
        let handle = app.clone();
        engine.0.lock().unwrap_or_else(|p| p.into_inner()).set_progress(move |p| {
            let _ = handle.emit(PROGRESS_EVENT, p);
        });
    }
}

/// What the user reads when the data file cannot be opened at start.
pub fn open_failure_message(err: &renda::Error) -> String {
    let reason = err.to_string();
    let place = renda::default_db_path()
        .ok()
        .map(|p| p.display().to_string())
        .filter(|p| !reason.contains(p.as_str()))
        .map(|p| format!("\n\n数据文件位置：{p}"))
        .unwrap_or_default();
    format!("无法打开人大工作台的数据文件，程序将退出。\n\n{reason}{place}")
}

/// WebKitGTK draws the page without its GPU compositor (`WEBKIT_DISABLE_COMPOSITING_MODE`) unless
/// the user has chosen otherwise. Measured here (scripts/measure-window.sh), the compositor's
/// layers cost the window about 120 MiB of its 390 MiB and start-up time, for a page of forms and
/// tables that does not need them; and it is what shows a blank window on the graphics drivers of
/// some office PCs and virtual machines. Set it to 0 to have the compositor back.
fn software_compositing() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // still single-threaded here: nothing else reads the environment yet
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}

/// Starts the app: opens the data folder (`RENDA_DB`, else the per-user data folder), then the window.
pub fn run() {
    // Answered before GTK or WebKit start: the menu entry runs `renda-desktop --version` to learn
    // whether this system can load the window at all (WebKitGTK 4.1, a new enough glibc).
    if std::env::args().skip(1).any(|a| a == "--version") {
        println!("人大工作台 {}", env!("CARGO_PKG_VERSION"));
        return;
    }
    // Windows: no WebView2 runtime, no window; say so in Chinese and offer browser mode (and do
    // not open the data file, which browser mode is about to open).
    #[cfg(windows)]
    if let Err(why) = webview2::runtime_version() {
        eprintln!("人大工作台无法打开桌面窗口：{why}");
        webview2::offer_browser_mode(None);
        std::process::exit(1);
    }
    software_compositing();
    // one copy of the embedded UI in the binary, whichever way the app starts
    let context = tauri::generate_context!();
    if floor::wanted() {
        return floor::run(context);
    }
    let opened = Renda::open_default();

    let builder = tauri::Builder::default().plugin(tauri_plugin_dialog::init()).plugin(tauri_plugin_opener::init());

    if let Ok(r) = &opened {
        // the daily backup the README promises, on a connection of its own so the window opens at once
        let path = r.db_path().to_path_buf();
        std::thread::spawn(move || {
            if let Err(e) = ::renda::db::backup::daily(&path) {
                eprintln!("提示：今日自动备份未能完成：{e}");
            }
        });
    }
    let result = match opened {
        Ok(renda) => commands(builder.manage(Engine::new(renda)))
            .setup(|app| {
                // The window is declared in tauri.conf.json with `create: false` and made here,
                // only once the data is open, so the UI never starts without an engine behind it.
                let config = app
                    .config()
                    .app
                    .windows
                    .iter()
                    .find(|w| w.label == "main")
                    .cloned()
                    .ok_or("tauri.conf.json declares no window labelled \"main\"")?;
                tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?.build()?;
                forward_progress(app.handle());
                Ok(())
            })
            .run(context),
        Err(err) => {
            let message = open_failure_message(&err);
            eprintln!("{message}");
            builder
                .setup(move |app| {
                    use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};
                    let handle = app.handle().clone();
                    app.dialog()
                        .message(message)
                        .title("人大工作台")
                        .kind(MessageDialogKind::Error)
                        .buttons(MessageDialogButtons::OkCustom("退出".into()))
                        .show(move |_| handle.exit(1));
                    Ok(())
                })
                .run(context)
        }
    };

    if let Err(err) = result {
        // Nothing can be shown without a window system; the terminal (if any) gets the reason.
        eprintln!("人大工作台无法启动：{err}");
        // Windows has no terminal behind the window: a message box, with browser mode offered
        #[cfg(windows)]
        webview2::offer_browser_mode(Some(&err.to_string()));
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    //! The command wiring, through Tauri's mock runtime (no display needed): the real engine on a
    //! temporary data file, the real IPC path (`tauri://localhost` is the origin on Linux).
    use super::*;
    use serde_json::json;
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{mock_builder, mock_context, noop_assets, INVOKE_KEY};
    use tauri::webview::InvokeRequest;

    fn app_with_engine(
        dir: &tempfile::TempDir,
    ) -> (tauri::App<tauri::test::MockRuntime>, tauri::WebviewWindow<tauri::test::MockRuntime>) {
        let renda = Renda::open(&dir.path().join("renda.db")).expect("open temp database");
        let app = commands(mock_builder().manage(Engine::new(renda)))
            .build(mock_context(noop_assets()))
            .expect("build mock app");
        let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("mock window");
        (app, window)
    }

    fn invoke(
        window: &tauri::WebviewWindow<tauri::test::MockRuntime>,
        name: &str,
        args: Value,
    ) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: "api".into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(json!({ "name": name, "args": args })),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        tauri::test::get_ipc_response(window, request).map(|body| body.deserialize::<Value>().unwrap())
    }

    #[test]
    fn api_forwards_to_the_engine() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, window) = app_with_engine(&dir);

        let status = invoke(&window, "app_status", json!({})).expect("app_status succeeds");
        assert_eq!(status["needs_setup"], json!(true), "a fresh data file needs setup: {status}");
        assert!(status["db_path"].as_str().unwrap().ends_with("renda.db"), "{status}");
        assert!(status["schema_version"].is_number(), "{status}");
        assert!(status["app_version"].is_string(), "{status}");
        assert_eq!(status["counts"]["deputies"], json!(0), "{status}");
    }

    #[test]
    fn unknown_command_is_an_api_error() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, window) = app_with_engine(&dir);

        let err = invoke(&window, "no_such_command", json!({})).expect_err("must be refused");
        assert_eq!(err["code"], json!("unknown_command"), "{err}");
        assert!(err["message"].as_str().unwrap().contains("no_such_command"), "{err}");
        assert!(err["field_errors"].is_array(), "{err}");
    }

    #[test]
    fn writes_go_through_and_bad_input_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (_app, window) = app_with_engine(&dir);

        invoke(&window, "app_start_blank", json!({})).expect("start blank");
        let status = invoke(&window, "app_status", json!({})).unwrap();
        assert_eq!(status["needs_setup"], json!(false), "{status}");

        let err = invoke(&window, "deputy_get", json!({ "id": "not a number" })).expect_err("bad args");
        assert_eq!(err["code"], json!("invalid_input"), "{err}");
    }

    #[test]
    fn an_import_reports_its_progress_to_the_window() {
        use base64::Engine as _;
        use tauri::Listener;
        let dir = tempfile::tempdir().unwrap();
        let (app, window) = app_with_engine(&dir);
        forward_progress(app.handle());
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::<Value>::new()));
        let s = seen.clone();
        app.listen(PROGRESS_EVENT, move |e| {
            s.lock().unwrap().push(serde_json::from_str(e.payload()).unwrap());
        });

        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_row(0, 0, ["单位名称", "单位类型"]).unwrap();
        ws.write_row(1, 0, ["县财政局", "政府部门"]).unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let args = json!({"kind": "units", "file_name": "单位.xlsx", "options": {"dry_run": false},
            "bytes_base64": base64::engine::general_purpose::STANDARD.encode(&bytes)});
        let report = invoke(&window, "import_file", args).expect("import");
        assert_eq!(report["added"], json!(1), "{report}");
        let seen = seen.lock().unwrap();
        let stages: Vec<&str> = seen.iter().map(|p| p["stage"].as_str().unwrap()).collect();
        assert!(stages.contains(&"读取文件") && stages.contains(&"写入数据"), "{seen:?}");
        assert_eq!(seen.last().unwrap(), &json!({"stage": "写入数据", "done": 1, "total": 1}));
    }
}
