//! Browser mode: the UI and the command dispatch over HTTP on 127.0.0.1 only, guarded by a random
//! token. The opened URL carries the token; loading it sets an HttpOnly cookie so that every later
//! request (assets and API) carries it too. A request with neither is refused.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

mod assets;
use assets::Ui;
use std::sync::{Arc, Mutex};

use rand::Rng;
use renda::{Error, Renda};
use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

/// A command's JSON arguments.
const MAX_JSON_BODY: u64 = 1 << 20;
/// The commands that carry a file as base64 (4 characters per 3 bytes), and their own caps: a
/// spreadsheet or an attachment up to the reader's limit, a backup (a whole county's data) larger.
fn body_cap(command: &str) -> u64 {
    let file = renda::excel::limits::MAX_FILE_BYTES as u64 / 3 * 4 + MAX_JSON_BODY;
    match command {
        "import_file" | "attachment_add" => file,
        "backup_restore" => 512 << 20,
        _ => MAX_JSON_BODY,
    }
}
const WORKERS: usize = 4;

/// The window's content security policy (src-tauri/tauri.conf.json), with `connect-src 'self'`
/// instead of Tauri's IPC: the page talks to this server.
fn content_security_policy() -> String {
    let conf: serde_json::Value =
        serde_json::from_str(include_str!("../../../src-tauri/tauri.conf.json")).unwrap_or_default();
    let mut parts = Vec::new();
    if let Some(csp) = conf["app"]["security"]["csp"].as_object() {
        for (k, v) in csp {
            let v = if k == "connect-src" { "'self'" } else { v.as_str().unwrap_or("'none'") };
            parts.push(format!("{k} {v}"));
        }
    }
    if parts.is_empty() {
        parts.push("default-src 'self'".into());
    }
    parts.join("; ")
}

pub fn run(renda: Renda, port: u16, open: bool, static_dir: Option<PathBuf>) -> Result<(), Error> {
    let ui = Ui::choose(static_dir).map_err(Error::invalid)?;
    if let Err(e) = renda.daily_backup() {
        eprintln!("提示：今日自动备份未能完成：{e}");
    }
    let server = Server::http(("127.0.0.1", port)).map_err(|e| {
        Error::invalid(format!("无法在本机端口 {port} 上启动服务：{e}。请换一个端口（--port）或关闭占用该端口的程序。"))
    })?;
    let addr = server.server_addr().to_ip().expect("listening on an IP address");
    let token: String = rand::rng().sample_iter(rand::distr::Alphanumeric).take(32).map(char::from).collect();
    let url = format!("http://127.0.0.1:{}/?token={token}", addr.port());
    println!("RENDA_URL={url}");
    eprintln!("人大工作台（浏览器模式）已启动：{url}\n请用浏览器打开上面的地址；关闭本窗口或按 Ctrl+C 即停止。");
    eprintln!("界面文件：{}", ui.describe());
    if open {
        if let Err(e) = opener::open_browser(&url) {
            eprintln!("无法自动打开浏览器（{e}），请手动复制上面的地址打开。");
        }
    }
    let server = Arc::new(server);
    // Long work reports its progress here; the page polls `GET /progress` while it waits, which
    // never needs the engine's lock (held by the import itself).
    let progress: Arc<Mutex<Option<renda::progress::Progress>>> = Arc::default();
    let mut renda = renda;
    let latest = progress.clone();
    renda.set_progress(move |p| *latest.lock().unwrap_or_else(|e| e.into_inner()) = Some(p.clone()));
    let origins = [format!("127.0.0.1:{}", addr.port()), format!("localhost:{}", addr.port())];
    let state =
        Arc::new(State { renda: Mutex::new(renda), token, ui, progress, origins, csp: content_security_policy() });
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("内部错误（已处理，服务继续运行）：{}（{at}）", renda::api::panic_text(info.payload()));
    }));
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let server = server.clone();
            let state = state.clone();
            std::thread::spawn(move || {
                for rq in server.incoming_requests() {
                    // a panic outside the dispatch (which catches its own) must not end this worker
                    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| state.handle(rq)));
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
    Ok(())
}

struct State {
    renda: Mutex<Renda>,
    token: String,
    ui: Ui,
    progress: Arc<Mutex<Option<renda::progress::Progress>>>,
    /// `127.0.0.1:PORT` and `localhost:PORT`: the only Host (and Origin) this server answers.
    origins: [String; 2],
    csp: String,
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn error_response(status: u16, code: &str, message: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    json_response(
        status,
        &serde_json::json!({"ok": false, "error": {"code": code, "message": message, "field_errors": []}}),
    )
}

fn header_value(rq: &Request, name: &'static str) -> Option<String> {
    rq.headers().iter().find(|h| h.field.equiv(name)).map(|h| h.value.as_str().to_string())
}

fn json_response(status: u16, body: &serde_json::Value) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(body.to_string().into_bytes())
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", "application/json; charset=utf-8"))
        .with_header(header("Cache-Control", "no-store"))
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        _ => "application/octet-stream",
    }
}

impl State {
    /// Every response carries the page's security headers.
    fn respond<R: Read>(&self, rq: Request, resp: Response<R>) {
        let resp = resp
            .with_header(header("Content-Security-Policy", &self.csp))
            .with_header(header("X-Frame-Options", "DENY"))
            .with_header(header("X-Content-Type-Options", "nosniff"))
            .with_header(header("Referrer-Policy", "no-referrer"));
        let _ = rq.respond(resp);
    }

    /// DNS rebinding: a name other than ours that resolves to 127.0.0.1 arrives with its own Host.
    fn foreign_host(&self, rq: &Request) -> bool {
        let host = header_value(rq, "Host").unwrap_or_default();
        !self.origins.contains(&host)
    }

    /// CSRF: a page of another local program can make the browser send a write with our cookie,
    /// but with its own Origin. A write must come from our page, or carry the token in a header
    /// (which no other page knows).
    fn foreign_write(&self, rq: &Request) -> bool {
        if matches!(rq.method(), Method::Get | Method::Head) {
            return false;
        }
        match header_value(rq, "Origin") {
            Some(o) => !self.origins.iter().any(|ours| o == format!("http://{ours}")),
            None => header_value(rq, "X-Renda-Token").as_deref() != Some(self.token.as_str()),
        }
    }

    fn handle(&self, rq: Request) {
        if self.foreign_host(&rq) {
            let why =
                "拒绝访问：请求的主机名不是本机地址。请使用启动时显示的地址（http://127.0.0.1:端口）打开人大工作台。";
            self.respond(rq, error_response(403, "forbidden", why));
            return;
        }
        self.handle_allowed(rq)
    }

    fn handle_allowed(&self, mut rq: Request) {
        let url = rq.url().to_string();
        let (path, query) = url.split_once('?').unwrap_or((&url, ""));
        let path = path.to_string();
        let query_token = query.split('&').find_map(|kv| kv.strip_prefix("token=")).map(str::to_string);
        let header_token =
            rq.headers().iter().find(|h| h.field.equiv("X-Renda-Token")).map(|h| h.value.as_str().to_string());
        let cookie_token = rq
            .headers()
            .iter()
            .filter(|h| h.field.equiv("Cookie"))
            .flat_map(|h| {
                h.value
                    .as_str()
                    .split(';')
                    .filter_map(|c| c.trim().strip_prefix("renda_token=").map(str::to_string))
                    .collect::<Vec<_>>()
            })
            .next();
        let by_query = query_token.as_deref() == Some(self.token.as_str());
        let authorized = by_query
            || header_token.as_deref() == Some(self.token.as_str())
            || cookie_token.as_deref() == Some(self.token.as_str());
        if !authorized {
            self.respond(
                rq,
                error_response(
                    401,
                    "unauthorized",
                    "未授权的访问：请使用启动时显示的完整地址（含 token）打开人大工作台。",
                ),
            );
            return;
        }
        if self.foreign_write(&rq) {
            let why = "拒绝访问：该请求来自其他网页，不是人大工作台本身。请直接在人大工作台的页面中操作。";
            self.respond(rq, error_response(403, "forbidden", why));
            return;
        }
        if path == "/progress" {
            let latest = self.progress.lock().unwrap_or_else(|e| e.into_inner()).clone();
            self.respond(rq, json_response(200, &serde_json::json!({"ok": true, "data": latest})));
            return;
        }
        if let Some(name) = path.strip_prefix("/api/") {
            if *rq.method() != Method::Post {
                self.respond(rq, error_response(405, "invalid_input", "请使用 POST 调用接口"));
                return;
            }
            let cap = body_cap(name);
            if rq.body_length().is_some_and(|n| n as u64 > cap) {
                self.respond(rq, error_response(413, "invalid_input", &too_large(cap)));
                return;
            }
            let mut body = String::new();
            if let Err(e) = rq.as_reader().take(cap + 1).read_to_string(&mut body) {
                self.respond(
                    rq,
                    error_response(400, "invalid_input", &format!("请求内容无法读取：{}", renda::error::io_reason(&e))),
                );
                return;
            }
            if body.len() as u64 > cap {
                self.respond(rq, error_response(413, "invalid_input", &too_large(cap)));
                return;
            }
            let args = if body.trim().is_empty() { Ok(serde_json::Value::Null) } else { serde_json::from_str(&body) };
            let result = match args {
                Ok(args) => {
                    let mut r = self.renda.lock().unwrap_or_else(|p| p.into_inner());
                    // a new piece of work starts from nothing, not from the last one's end
                    *self.progress.lock().unwrap_or_else(|e| e.into_inner()) = None;
                    renda::api::call(&mut r, name, args)
                }
                Err(_) => Err(Error::invalid("请求内容不是有效的 JSON，请刷新页面后重试。")),
            };
            let resp = match result {
                Ok(data) => json_response(200, &serde_json::json!({"ok": true, "data": data})),
                Err(e) => {
                    let status = match e.code() {
                        "unknown_command" | "not_found" => 404,
                        "database" | "io" | "internal" => 500,
                        _ => 422,
                    };
                    json_response(status, &serde_json::json!({"ok": false, "error": e}))
                }
            };
            self.respond(rq, resp);
            return;
        }
        self.serve_file(rq, &path, by_query);
    }

    fn serve_file(&self, rq: Request, path: &str, set_cookie: bool) {
        let rel = path.trim_start_matches('/');
        let rel = if rel.is_empty() { "index.html" } else { rel };
        let rel_path = Path::new(rel);
        if rel_path.components().any(|c| !matches!(c, Component::Normal(_))) {
            self.respond(rq, Response::from_string("禁止访问").with_status_code(StatusCode(403)));
            return;
        }
        match self.ui.get(rel) {
            Some(asset) => {
                let kind = content_type(Path::new(&asset.name));
                let mut resp = Response::from_data(asset.bytes).with_header(header("Content-Type", kind));
                if asset.name == "index.html" {
                    resp = resp.with_header(header("Cache-Control", "no-store"));
                }
                if set_cookie {
                    resp = resp.with_header(header(
                        "Set-Cookie",
                        &format!("renda_token={}; HttpOnly; SameSite=Strict; Path=/", self.token),
                    ));
                }
                self.respond(rq, resp);
            }
            None => {
                self.respond(
                    rq,
                    Response::from_string("找不到该文件")
                        .with_status_code(StatusCode(404))
                        .with_header(header("Content-Type", "text/plain; charset=utf-8")),
                );
            }
        }
    }
}

fn too_large(cap: u64) -> String {
    format!("请求内容超过{}MB的上限，已拒绝。文件请拆分后再导入；数据备份较大时请在桌面版中恢复。", cap >> 20)
}
