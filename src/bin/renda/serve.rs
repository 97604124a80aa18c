//! Browser mode: the UI and the command dispatch over HTTP on 127.0.0.1 only, guarded by a random
//! token. The opened URL carries the token; loading it sets an HttpOnly cookie so that every later
//! request (assets and API) carries it too. A request with neither is refused.

//!
//! Each connection is a task on a small tokio runtime, so an idle keep-alive connection (Chromium
//! keeps up to 6 per host open) costs no thread and can never starve a new one; the engine's work
//! runs on the blocking pool, one call at a time behind the engine's Mutex.

use std::convert::Infallible;
use std::path::{Component, Path, PathBuf};

mod assets;
mod body;
use assets::Ui;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::header::{HeaderName, HeaderValue};
use hyper::{Method, Request, StatusCode};
use hyper_util::rt::TokioIo;
use rand::Rng;
use renda::{Error, Renda};

type Response = hyper::Response<Full<Bytes>>;

/// A command's JSON arguments. Files never travel in them: the page sends a file by itself first
/// (`POST /upload?for=COMMAND`, capped by that command's limit) and names it by the id it got.
const MAX_JSON_BODY: u64 = 1 << 20;

/// How long a connection may take to send a request's head, or stay silent in the middle of its
/// body, before it is closed: a client that sends half a request and stalls holds nothing for
/// long. `RENDA_SERVE_TIMEOUT` (seconds) sets it, for the tests.
fn stall_timeout() -> std::time::Duration {
    let secs = std::env::var("RENDA_SERVE_TIMEOUT").ok().and_then(|s| s.trim().parse::<f64>().ok());
    std::time::Duration::from_secs_f64(secs.filter(|s| *s > 0.0 && *s < 86_400.0).unwrap_or(30.0))
}

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
    // files uploaded before a restart were never read by a command: nobody will ask for them
    renda::upload::clear(renda.db_path());
    let listener = bind(port)?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::invalid(format!("无法读取服务端口：{}", renda::error::io_reason(&e))))?;
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
    // Long work reports its progress here; the page polls `GET /progress` while it waits, which
    // never needs the engine's lock (held by the import itself).
    let progress: Arc<Mutex<Option<renda::progress::Progress>>> = Arc::default();
    let mut renda = renda;
    let latest = progress.clone();
    renda.set_progress(move |p| *latest.lock().unwrap_or_else(|e| e.into_inner()) = Some(p.clone()));
    let origins = [format!("127.0.0.1:{}", addr.port()), format!("localhost:{}", addr.port())];
    let db_path = renda.db_path().to_path_buf();
    let csp = content_security_policy();
    let timeout = stall_timeout();
    let state = Arc::new(State { renda: Mutex::new(renda), token, ui, progress, origins, csp, db_path, timeout });
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("内部错误（已处理，服务继续运行）：{}（{at}）", renda::api::panic_text(info.payload()));
    }));
    // Two threads answer the connections (the work itself is on the blocking pool): enough for
    // one local user, and light on the machine the engine shares.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("renda-serve")
        .enable_all()
        .build()
        .map_err(|e| Error::invalid(format!("无法启动服务：{}", renda::error::io_reason(&e))))?;
    runtime.block_on(accept(listener, state))
}

/// Our port on 127.0.0.1 only, ready for the runtime (non-blocking).
fn bind(port: u16) -> Result<std::net::TcpListener, Error> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", port)).and_then(|l| l.set_nonblocking(true).map(|()| l));
    listener.map_err(|e| {
        // the usual case (another copy still running) said plainly, not as a generic I/O failure
        let why = match e.kind() {
            std::io::ErrorKind::AddrInUse => "该端口已被其他程序占用",
            _ => renda::error::io_reason(&e),
        };
        Error::invalid(format!(
            "无法在本机端口 {port} 上启动服务：{why}。请换一个端口（--port）或关闭占用该端口的程序。"
        ))
    })
}

/// Accepts connections for good; each one is served on its own task for as long as the browser
/// keeps it open.
async fn accept(listener: std::net::TcpListener, state: Arc<State>) -> Result<(), Error> {
    let listener = tokio::net::TcpListener::from_std(listener)
        .map_err(|e| Error::invalid(format!("无法启动服务：{}", renda::error::io_reason(&e))))?;
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) => {
                // e.g. out of file handles: the open connections go on, and so does the server
                eprintln!("接受连接失败（服务继续运行）：{}", renda::error::io_reason(&e));
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                continue;
            }
        };
        let state = state.clone();
        tokio::spawn(async move {
            // the tests and the page read header names as written here, not lower-cased
            let timeout = state.timeout;
            let service = hyper::service::service_fn(move |rq| answer(state.clone(), rq));
            // a request head that does not arrive in time closes the connection
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(timeout)
                .title_case_headers(true)
                .serve_connection(TokioIo::new(stream), service);
            // a connection the client broke off ends here; nothing to tell anyone
            let _ = conn.await;
        });
    }
}

/// One request, on its own task so that a panic anywhere in it is a 500 for this request only; the
/// security headers go on every response, that one included.
async fn answer(state: Arc<State>, rq: Request<Incoming>) -> Result<Response, Infallible> {
    let handler = state.clone();
    let resp = match tokio::spawn(async move { handler.handle(rq).await }).await {
        Ok(resp) => resp,
        Err(_) => internal_error(),
    };
    Ok(state.secure(resp))
}

/// A panic outside the engine's own guard (which answers for itself): the request is abandoned.
fn internal_error() -> Response {
    let e = Error::Internal("服务处理请求时出错".into());
    json_response(500, &serde_json::json!({"ok": false, "error": e}))
}

struct State {
    renda: Mutex<Renda>,
    token: String,
    ui: Ui,
    progress: Arc<Mutex<Option<renda::progress::Progress>>>,
    /// `127.0.0.1:PORT` and `localhost:PORT`: the only Host (and Origin) this server answers.
    origins: [String; 2],
    csp: String,
    /// The database file: uploads go into `uploads/` beside it.
    db_path: PathBuf,
    /// See `stall_timeout`.
    timeout: std::time::Duration,
}

/// Sets a header; a value that is not a valid header (none of ours should be) is left out rather
/// than failing the response.
fn set_header(resp: &mut Response, name: &'static str, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        resp.headers_mut().insert(HeaderName::from_static(name), v);
    }
}

fn response(status: u16, content_type: &str, body: impl Into<Bytes>) -> Response {
    let mut resp = hyper::Response::new(Full::new(body.into()));
    *resp.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    set_header(&mut resp, "content-type", content_type);
    resp
}

fn error_response(status: u16, code: &str, message: &str) -> Response {
    json_response(
        status,
        &serde_json::json!({"ok": false, "error": {"code": code, "message": message, "field_errors": []}}),
    )
}

fn header_value(rq: &Request<Incoming>, name: &'static str) -> Option<String> {
    rq.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string)
}

fn json_response(status: u16, body: &serde_json::Value) -> Response {
    let mut resp = response(status, "application/json; charset=utf-8", body.to_string());
    set_header(&mut resp, "cache-control", "no-store");
    resp
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
    fn secure(&self, mut resp: Response) -> Response {
        set_header(&mut resp, "content-security-policy", &self.csp);
        set_header(&mut resp, "x-frame-options", "DENY");
        set_header(&mut resp, "x-content-type-options", "nosniff");
        set_header(&mut resp, "referrer-policy", "no-referrer");
        resp
    }

    /// DNS rebinding: a name other than ours that resolves to 127.0.0.1 arrives with its own Host.
    fn foreign_host(&self, rq: &Request<Incoming>) -> bool {
        let host = header_value(rq, "host").unwrap_or_default();
        !self.origins.contains(&host)
    }

    /// CSRF: a page of another local program can make the browser send a write with our cookie,
    /// but with its own Origin. A write must come from our page, or carry the token in a header
    /// (which no other page knows).
    fn foreign_write(&self, rq: &Request<Incoming>) -> bool {
        if matches!(*rq.method(), Method::GET | Method::HEAD) {
            return false;
        }
        match header_value(rq, "origin") {
            Some(o) => !self.origins.iter().any(|ours| o == format!("http://{ours}")),
            None => header_value(rq, "x-renda-token").as_deref() != Some(self.token.as_str()),
        }
    }

    /// The token, from the opened URL, a header (the page's API calls) or the cookie the page got.
    /// `Some(true)` when it came in the URL (the page then gets the cookie), `None` without it.
    fn authorized(&self, rq: &Request<Incoming>) -> Option<bool> {
        let ours = Some(self.token.as_str());
        let query = rq.uri().query().unwrap_or("");
        let by_query = query.split('&').find_map(|kv| kv.strip_prefix("token=")) == ours;
        let by_header = header_value(rq, "x-renda-token").as_deref() == ours;
        let by_cookie = rq
            .headers()
            .get_all("cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .any(|c| c.trim().strip_prefix("renda_token=") == ours);
        (by_query || by_header || by_cookie).then_some(by_query)
    }

    async fn handle(self: Arc<Self>, rq: Request<Incoming>) -> Response {
        if self.foreign_host(&rq) {
            let why =
                "拒绝访问：请求的主机名不是本机地址。请使用启动时显示的地址（http://127.0.0.1:端口）打开人大工作台。";
            return error_response(403, "forbidden", why);
        }
        let Some(by_query) = self.authorized(&rq) else {
            let why = "未授权的访问：请使用启动时显示的完整地址（含 token）打开人大工作台。";
            return error_response(401, "unauthorized", why);
        };
        if self.foreign_write(&rq) {
            let why = "拒绝访问：该请求来自其他网页，不是人大工作台本身。请直接在人大工作台的页面中操作。";
            return error_response(403, "forbidden", why);
        }
        let path = rq.uri().path().to_string();
        if path == "/progress" {
            let latest = self.progress.lock().unwrap_or_else(|e| e.into_inner()).clone();
            return json_response(200, &serde_json::json!({"ok": true, "data": latest}));
        }
        if path == "/upload" {
            if *rq.method() != Method::POST {
                return error_response(405, "invalid_input", "请使用 POST 上传文件");
            }
            return body::upload(rq, &self.db_path, self.timeout).await;
        }
        if let Some(name) = path.strip_prefix("/api/") {
            if *rq.method() != Method::POST {
                return error_response(405, "invalid_input", "请使用 POST 调用接口");
            }
            let name = name.to_string();
            let body = match body::read_capped(rq.into_body(), MAX_JSON_BODY, self.timeout).await {
                Ok(body) => body,
                Err(resp) => return resp,
            };
            // the engine works on the blocking pool: a long import holds one of its threads (and
            // the engine's lock), never the threads that answer `/progress` and the page
            return tokio::task::spawn_blocking(move || self.call(&name, &body))
                .await
                .unwrap_or_else(|_| internal_error());
        }
        tokio::task::spawn_blocking(move || self.serve_file(&path, by_query)).await.unwrap_or_else(|_| internal_error())
    }

    /// Runs one command on the engine, one at a time.
    fn call(&self, name: &str, body: &[u8]) -> Response {
        let args = match std::str::from_utf8(body) {
            Ok(text) if text.trim().is_empty() => Ok(serde_json::Value::Null),
            Ok(text) => serde_json::from_str(text).map_err(|_| ()),
            Err(_) => Err(()),
        };
        let result = match args {
            Ok(args) => {
                let mut r = self.renda.lock().unwrap_or_else(|p| p.into_inner());
                // a new piece of work starts from nothing, not from the last one's end
                *self.progress.lock().unwrap_or_else(|e| e.into_inner()) = None;
                renda::api::call(&mut r, name, args)
            }
            Err(()) => Err(Error::invalid("请求内容不是有效的 JSON，请刷新页面后重试。")),
        };
        match result {
            Ok(data) => json_response(200, &serde_json::json!({"ok": true, "data": data})),
            Err(e) => {
                let status = match e.code() {
                    "unknown_command" | "not_found" => 404,
                    "database" | "io" | "internal" => 500,
                    _ => 422,
                };
                json_response(status, &serde_json::json!({"ok": false, "error": e}))
            }
        }
    }

    fn serve_file(&self, path: &str, set_cookie: bool) -> Response {
        let rel = path.trim_start_matches('/');
        let rel = if rel.is_empty() { "index.html" } else { rel };
        if Path::new(rel).components().any(|c| !matches!(c, Component::Normal(_))) {
            return response(403, "text/plain; charset=utf-8", "禁止访问");
        }
        let Some(asset) = self.ui.get(rel) else {
            return response(404, "text/plain; charset=utf-8", "找不到该文件");
        };
        let mut resp = response(200, content_type(Path::new(&asset.name)), asset.bytes);
        if asset.name == "index.html" {
            set_header(&mut resp, "cache-control", "no-store");
        }
        if set_cookie {
            let cookie = format!("renda_token={}; HttpOnly; SameSite=Strict; Path=/", self.token);
            set_header(&mut resp, "set-cookie", &cookie);
        }
        resp
    }
}
