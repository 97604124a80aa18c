//! `renda serve`: the UI and the dispatch on 127.0.0.1, refused without the token.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

struct Server(Child);
impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn http(port: u16, req: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.write_all(req.as_bytes()).unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let text = String::from_utf8_lossy(&buf).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, head.to_string(), body.to_string())
}

/// Starts `renda serve` on a fresh data folder with a tiny UI; returns the server, its port and token.
fn start(dir: &std::path::Path) -> (Server, u16, String) {
    let ui = dir.join("ui");
    std::fs::create_dir(&ui).unwrap();
    std::fs::write(ui.join("index.html"), "<!doctype html><meta charset=\"utf-8\"><title>人大工作台</title>").unwrap();
    spawn(dir, &["--static", ui.to_str().unwrap()])
}

/// `renda --db DIR/r.db serve --port 0 EXTRA…`, run in DIR (no source tree around it).
fn spawn(dir: &std::path::Path, extra: &[&str]) -> (Server, u16, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_renda"))
        .args(["--db", dir.join("r.db").to_str().unwrap(), "serve", "--port", "0"])
        .args(extra)
        .current_dir(dir)
        .env_remove("RENDA_UI_DIR")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let server = Server(child);
    let url = line.trim().strip_prefix("RENDA_URL=").expect("first line is the URL").to_string();
    assert!(url.starts_with("http://127.0.0.1:"));
    let port: u16 = url["http://127.0.0.1:".len()..].split('/').next().unwrap().parse().unwrap();
    let token = url.split("token=").nth(1).unwrap().to_string();
    (server, port, token)
}

#[test]
fn token_guards_every_request() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, port, token) = start(dir.path());

    let close = "Connection: close\r\n";
    let (status, _, body) = http(port, &format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{close}\r\n"));
    assert_eq!(status, 401);
    assert!(body.contains("未授权"));
    let (status, _, _) = http(
        port,
        &format!("POST /api/app_status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 2\r\n{close}\r\n{{}}"),
    );
    assert_eq!(status, 401);
    let (status, _, _) = http(port, &format!("POST /api/app_status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Renda-Token: wrong\r\nContent-Length: 2\r\n{close}\r\n{{}}"));
    assert_eq!(status, 401);

    let (status, head, body) =
        http(port, &format!("GET /?token={token} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{close}\r\n"));
    assert_eq!(status, 200);
    assert!(body.contains("人大工作台"));
    assert!(head.contains(&format!("renda_token={token}")) && head.contains("HttpOnly"));
    let (status, _, body) = http(port, &format!("POST /api/app_status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\nCookie: renda_token={token}\r\nContent-Length: 2\r\n{close}\r\n{{}}"));
    assert_eq!(status, 200);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["data"]["needs_setup"], true);
    let (status, _, body) = http(port, &format!("POST /api/nope HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Renda-Token: {token}\r\nContent-Length: 2\r\n{close}\r\n{{}}"));
    assert_eq!(status, 404);
    assert!(body.contains("unknown_command"));
    let (status, _, _) = http(
        port,
        &format!("GET /../secret HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Renda-Token: {token}\r\n{close}\r\n"),
    );
    assert!(status == 403 || status == 404);
}

#[test]
fn the_page_can_follow_an_import_while_it_runs() {
    use base64::Engine;
    let dir = tempfile::tempdir().unwrap();
    let (_server, port, token) = start(dir.path());
    let close = "Connection: close\r\n";
    let (status, _, body) = http(port, &format!("GET /progress HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{close}\r\n"));
    assert_eq!(status, 401, "progress is guarded by the token too: {body}");
    let (_, _, body) = http(
        port,
        &format!("GET /progress HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Renda-Token: {token}\r\n{close}\r\n"),
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body).unwrap(),
        serde_json::json!({"ok": true, "data": null})
    );

    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_row(0, 0, ["单位名称", "单位类型"]).unwrap();
    for i in 1..=300u32 {
        ws.write_row(i, 0, [format!("测试单位{i}"), "政府部门".to_string()]).unwrap();
    }
    let bytes = wb.save_to_buffer().unwrap();
    let args = serde_json::json!({"kind": "units", "file_name": "单位.xlsx", "bytes_base64": base64::engine::general_purpose::STANDARD.encode(&bytes), "options": {"dry_run": false}}).to_string();
    let (status, _, body) = http(port, &format!("POST /api/import_file HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Renda-Token: {token}\r\nContent-Length: {}\r\n{close}\r\n{args}", args.len()));
    assert_eq!(status, 200, "{body}");
    let (_, _, body) = http(
        port,
        &format!("GET /progress HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Renda-Token: {token}\r\n{close}\r\n"),
    );
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        v["data"],
        serde_json::json!({"stage": "写入数据", "done": 300, "total": 300}),
        "the last report is the end of the write"
    );
}

#[test]
fn foreign_hosts_origins_and_oversized_bodies_are_refused_and_headers_set() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, port, token) = start(dir.path());
    let close = "Connection: close\r\n";
    let post = |host: &str, extra: &str, body: &str| {
        http(
            port,
            &format!(
                "POST /api/app_status HTTP/1.1\r\nHost: {host}\r\n{extra}Content-Length: {}\r\n{close}\r\n{body}",
                body.len()
            ),
        )
    };
    let ours = format!("127.0.0.1:{port}");
    let cookie = format!("Cookie: renda_token={token}\r\n");
    // DNS rebinding: the right token but another name
    let (status, _, body) = post(&format!("evil.example:{port}"), &format!("X-Renda-Token: {token}\r\n"), "{}");
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("主机名"));
    let (status, _, _) = http(port, &format!("GET /?token={token} HTTP/1.1\r\nHost: 127.0.0.1:1\r\n{close}\r\n"));
    assert_eq!(status, 403);
    // CSRF: another local page posts with our cookie
    let (status, _, body) = post(&ours, &format!("{cookie}Origin: http://127.0.0.1:9999\r\n"), "{}");
    assert_eq!(status, 403, "{body}");
    let (status, _, _) = post(&ours, &format!("{cookie}Origin: null\r\n"), "{}");
    assert_eq!(status, 403);
    let (status, _, _) = post(&ours, &cookie, "{}");
    assert_eq!(status, 403, "a write carried by the cookie alone needs our Origin");
    let (status, _, _) =
        post(&format!("localhost:{port}"), &format!("{cookie}Origin: http://localhost:{port}\r\n"), "{}");
    assert_eq!(status, 200);
    // no token at all
    let (status, _, _) = post(&ours, &format!("Origin: http://{ours}\r\n"), "{}");
    assert_eq!(status, 401);
    // a JSON body above 1 MB; a file command may carry more
    let big = format!("{{\"q\": \"{}\"}}", "x".repeat(1_100_000));
    let (status, _, body) = post(&ours, &format!("X-Renda-Token: {token}\r\n"), &big);
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("上限"));
    let file = format!("{{\"kind\": \"deputies\", \"file_name\": \"a.xlsx\", \"bytes_base64\": \"{}\", \"options\": {{\"dry_run\": true}}}}", "A".repeat(1_500_000));
    let (status, _, body) = http(port, &format!("POST /api/import_file HTTP/1.1\r\nHost: {ours}\r\nX-Renda-Token: {token}\r\nContent-Length: {}\r\n{close}\r\n{file}", file.len()));
    assert_eq!(status, 422, "refused as a spreadsheet, not for its size: {body}");
    // the security headers, on the page and on the API
    let (status, head, _) = http(port, &format!("GET /?token={token} HTTP/1.1\r\nHost: {ours}\r\n{close}\r\n"));
    assert_eq!(status, 200);
    for h in [
        "Content-Security-Policy: ",
        "default-src 'self'",
        "X-Frame-Options: DENY",
        "X-Content-Type-Options: nosniff",
        "Referrer-Policy: no-referrer",
    ] {
        assert!(head.contains(h), "{h} missing in {head}");
    }
    assert!(head.contains("frame-src 'none'") && head.contains("connect-src 'self'"), "{head}");
    let (_, head, _) = post(&ours, &format!("X-Renda-Token: {token}\r\n"), "{}");
    assert!(head.contains("X-Frame-Options: DENY"), "{head}");
}

#[test]
fn a_panic_in_a_command_is_an_internal_error_and_the_server_keeps_running() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, port, token) = start(dir.path());
    let call = |name: &str| {
        http(port, &format!("POST /api/{name} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Renda-Token: {token}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}"))
    };
    for _ in 0..8 {
        let (status, _, body) = call("debug_panic");
        assert_eq!(status, 500, "{body}");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["error"]["code"], "internal");
        assert!(v["error"]["message"].as_str().unwrap().contains("程序内部出错"));
    }
    let (status, _, _) = call("app_status");
    assert_eq!(status, 200, "more panics than workers, and the server still answers");
}

/// Without `--static`, from a folder far from the source tree: the UI built into the binary (the
/// `ui/dist` of the build), or, for a binary built before the UI, a page saying so.
#[test]
fn serves_the_ui_built_into_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, port, token) = spawn(dir.path(), &[]);
    let close = "Connection: close\r\n";
    let (status, head, body) =
        http(port, &format!("GET /?token={token} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{close}\r\n"));
    assert_eq!(status, 200);
    assert!(head.contains("text/html"), "{head}");
    let dist = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/dist");
    match std::fs::read_to_string(dist.join("index.html")) {
        Ok(index) => {
            assert!(body == index, "the embedded index.html is not ui/dist's: {body}");
            // and an asset it names, with its content type
            let asset = index.split("src=\"").nth(1).and_then(|s| s.split('"').next()).expect("a script in index.html");
            let asset = asset.trim_start_matches("./").trim_start_matches('/');
            let (status, head, js) = http(
                port,
                &format!(
                    "GET /{asset} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: renda_token={token}\r\n{close}\r\n"
                ),
            );
            assert_eq!(status, 200, "{asset}");
            assert!(head.contains("text/javascript"), "{head}");
            let file = std::fs::read_to_string(dist.join(asset)).unwrap();
            let start: String = file.chars().take(200).collect();
            assert!(js.contains(&start), "{asset} is not ui/dist's");
        }
        Err(_) => assert!(body.contains("界面尚未构建"), "{body}"),
    }
}

/// A browser opens several connections at once and keeps each open (keep-alive) after its
/// request. Those idle connections must not keep a new one from being answered: with the old
/// server, a burst of them left a connection queued with nobody to serve it, and the page never
/// finished loading.
#[test]
fn idle_keep_alive_connections_never_starve_new_ones() {
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let (_server, port, token) = start(dir.path());
    let request = format!(
        "GET /progress HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Renda-Token: {token}\r\nConnection: keep-alive\r\n\r\n"
    );
    // each round: 8 new connections at once, every one answered, and all of them kept open
    let mut held = Vec::new();
    for round in 0..5 {
        let burst: Vec<_> = (0..8)
            .map(|_| {
                let request = request.clone();
                std::thread::spawn(move || {
                    let started = Instant::now();
                    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
                    // a hang fails the test instead of blocking it
                    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
                    s.write_all(request.as_bytes()).unwrap();
                    let mut status = String::new();
                    let answered = BufReader::new(s.try_clone().unwrap()).read_line(&mut status);
                    (s, answered.map(|_| status), started.elapsed())
                })
            })
            .collect();
        for conn in burst {
            let (s, status, took) = conn.join().unwrap();
            let status = status.unwrap_or_else(|e| {
                panic!("round {round}: no answer after {took:?} with {} connections kept open: {e}", held.len())
            });
            assert!(status.starts_with("HTTP/1.1 200"), "round {round}: {status}");
            held.push(s);
        }
    }
    assert_eq!(held.len(), 40);
}
