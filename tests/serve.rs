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
    spawn_with(dir, extra, &[])
}

/// `spawn` with environment variables set for the server.
fn spawn_with(dir: &std::path::Path, extra: &[&str], env: &[(&str, &str)]) -> (Server, u16, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_renda"))
        .args(["--db", dir.join("r.db").to_str().unwrap(), "serve", "--port", "0"])
        .args(extra)
        .current_dir(dir)
        .envs(env.iter().copied())
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
    // a JSON body above 1 MB, a file command's too: files go up by themselves (`POST /upload`)
    let big = format!("{{\"q\": \"{}\"}}", "x".repeat(1_100_000));
    let (status, _, body) = post(&ours, &format!("X-Renda-Token: {token}\r\n"), &big);
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("上限"));
    let file = format!("{{\"kind\": \"deputies\", \"file_name\": \"a.xlsx\", \"bytes_base64\": \"{}\", \"options\": {{\"dry_run\": true}}}}", "A".repeat(1_500_000));
    let (status, _, body) = http(port, &format!("POST /api/import_file HTTP/1.1\r\nHost: {ours}\r\nX-Renda-Token: {token}\r\nContent-Length: {}\r\n{close}\r\n{file}", file.len()));
    assert_eq!(status, 413, "a file inside a command's JSON: {body}");
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

/// `POST /upload?for=COMMAND` with `bytes`, sent on one thread while the answer is read on another
/// (as a browser does: it reads an early answer while still sending).
fn upload(port: u16, token: &str, command: &str, bytes: Vec<u8>) -> (u16, serde_json::Value) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let head = format!(
        "POST /upload?for={command} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\nX-Renda-Token: {token}\r\nContent-Type: application/octet-stream\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        bytes.len()
    );
    let mut w = s.try_clone().unwrap();
    // the server may stop reading a refused file: a broken pipe here is its answer, read below
    let sender = std::thread::spawn(move || {
        let _ = w.write_all(head.as_bytes()).and_then(|()| w.write_all(&bytes));
    });
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    sender.join().unwrap();
    let text = String::from_utf8_lossy(&buf).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, serde_json::from_str(body).unwrap_or(serde_json::Value::Null))
}

/// A command with its JSON arguments, as the page sends it.
fn command(port: u16, token: &str, name: &str, args: serde_json::Value) -> (u16, serde_json::Value) {
    let args = args.to_string();
    let (status, _, body) = http(port, &format!("POST /api/{name} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\nX-Renda-Token: {token}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{args}", args.len()));
    (status, serde_json::from_str(&body).unwrap_or(serde_json::Value::Null))
}

/// Text that deflate cannot shrink much: letters and digits in a fixed pseudo-random order.
fn noise_text(n: usize, seed: &mut u64) -> String {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    (0..n)
        .map(|_| {
            *seed ^= *seed << 13;
            *seed ^= *seed >> 7;
            *seed ^= *seed << 17;
            ABC[(*seed % 64) as usize] as char
        })
        .collect()
}

/// A real 上报包 of more than 2 MB: a township (the demo's data) with 4,000 more suggestions, whose
/// long 案由 are what makes the package large, packed by the engine.
fn township_package(dir: &std::path::Path) -> Vec<u8> {
    let mut r = renda::Renda::open(&dir.join("town.db")).unwrap();
    r.load_demo(renda::demo::Scale::parse("small").unwrap()).unwrap();
    r.office_set(&renda::office::OfficeInput { name: "城关镇人大主席团".into(), level: "乡镇".into() }).unwrap();
    let q = renda::roster::model::DeputyQuery { page_size: Some(1), ..Default::default() };
    let lead = r.deputy_list(&q).unwrap().items[0].name.clone();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_row(0, 0, ["编号", "案由", "领衔代表"]).unwrap();
    let mut seed = 7u64;
    for i in 1..=4_000u32 {
        let title = format!("关于{}的建议", noise_text(280, &mut seed));
        ws.write_row(i, 0, [(1_000 + i).to_string(), title, lead.clone()]).unwrap();
    }
    let sheet = wb.save_to_buffer().unwrap();
    let opts = renda::excel::import::ImportOptions::default();
    let report = r.import_suggestions(&sheet, "建议.xlsx", &opts, None).unwrap();
    assert!(report.committed && report.added == 4_000, "{:?}", report.errors.first());
    // imported into the current session, which the demo dates this year
    let year = chrono::Datelike::year(&chrono::Local::now().date_naive()) as i64;
    r.report_pack(&renda::reports::PackQuery { year, ..Default::default() }).unwrap().bytes
}

/// A units sheet of about 19 MB: 2,000 units, each with a long remark in a column the import does
/// not read (what a real sheet's notes column costs).
fn units_sheet_19mb() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_row(0, 0, ["单位名称", "单位类型", "附加材料"]).unwrap();
    let mut seed = 11u64;
    for i in 1..=2_000u32 {
        ws.write_row(i, 0, [format!("测试单位{i}"), "政府部门".to_string(), noise_text(13_500, &mut seed)]).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

/// Browser mode once capped a package at 1 MB (413) and reset the connection of a 19 MB one: a
/// file now goes up by itself, streamed to the data folder within its command's own limit (100 MB
/// for a spreadsheet or package), and the command names it; the file is removed once read.
#[test]
fn files_go_up_by_themselves_within_their_commands_limit() {
    let dir = tempfile::tempdir().unwrap();
    let package = township_package(dir.path());
    assert!(package.len() >= 2 << 20, "the package is only {} bytes", package.len());
    let (server, port, token) = start(dir.path());
    let uploads = dir.path().join("uploads");
    let held = || std::fs::read_dir(&uploads).map(|d| d.count()).unwrap_or(0);

    let (status, v) = upload(port, &token, "report_import", package.clone());
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["data"]["size"], package.len() as u64);
    let id = v["data"]["upload"].as_str().unwrap().to_string();
    assert_eq!(held(), 1);
    let args = serde_json::json!({"file_name": "城关镇上报包.xlsx", "upload": id, "dry_run": true});
    let (status, v) = command(port, &token, "report_import", args.clone());
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["data"]["action"], "new", "{v}");
    assert_eq!(held(), 0, "the upload is removed once read");
    let (status, v) = command(port, &token, "report_import", args);
    assert_eq!(status, 422, "{v}");
    assert!(v["error"]["message"].as_str().unwrap().contains("重新选择文件"), "{v}");
    let (_, v) = upload(port, &token, "report_import", package);
    let args = serde_json::json!({"file_name": "城关镇上报包.xlsx", "upload": v["data"]["upload"], "dry_run": false});
    let (status, v) = command(port, &token, "report_import", args);
    assert_eq!(status, 200, "{v}");
    let (_, v) = command(port, &token, "report_list", serde_json::json!({}));
    assert_eq!(v["data"].as_array().unwrap().len(), 1, "{v}");

    let sheet = units_sheet_19mb();
    assert!(sheet.len() >= 19 << 20 && sheet.len() < 25 << 20, "{} bytes", sheet.len());
    let (status, v) = upload(port, &token, "import_file", sheet);
    assert_eq!(status, 200, "{v}");
    let args = serde_json::json!({"kind": "units", "file_name": "单位.xlsx", "upload": v["data"]["upload"], "options": {"dry_run": true}});
    let (status, v) = command(port, &token, "import_file", args);
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["data"]["added"], 2_000, "{}", v["data"]["errors"]);

    // past the limit: refused naming it, and nothing of it kept
    let (status, v) = upload(port, &token, "import_file", vec![0u8; (100 << 20) + 1]);
    assert_eq!(status, 413, "{v}");
    assert!(v["error"]["message"].as_str().unwrap().contains("100MB"), "{v}");
    assert_eq!(held(), 0);
    // for no file command, or without the token: refused
    assert_eq!(upload(port, &token, "deputy_list", vec![1, 2, 3]).0, 400);
    assert_eq!(upload(port, "wrong", "import_file", vec![1, 2, 3]).0, 401);
    // a file uploaded and never used is gone after a restart
    assert_eq!(upload(port, &token, "attachment_add", vec![1, 2, 3]).0, 200);
    assert_eq!(held(), 1);
    drop(server);
    let ui = dir.path().join("ui");
    let (_server, port, token) = spawn(dir.path(), &["--static", ui.to_str().unwrap()]);
    assert_eq!(held(), 0, "uploads are cleared at start");
    assert_eq!(command(port, &token, "app_status", serde_json::json!({})).0, 200);
}

/// A client that sends half a request and stalls is closed within the timeout
/// (`RENDA_SERVE_TIMEOUT`, seconds), whether it stalls in the request's head or in its body.
#[test]
fn a_half_sent_request_is_closed_within_the_timeout() {
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let ui = dir.path().join("ui");
    std::fs::create_dir(&ui).unwrap();
    std::fs::write(ui.join("index.html"), "<!doctype html><title>人大工作台</title>").unwrap();
    let (_server, port, token) =
        spawn_with(dir.path(), &["--static", ui.to_str().unwrap()], &[("RENDA_SERVE_TIMEOUT", "1")]);
    let stalled = |sent: String| {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
        s.write_all(sent.as_bytes()).unwrap();
        let started = Instant::now();
        let mut buf = Vec::new();
        let end = s.read_to_end(&mut buf);
        assert!(end.is_ok(), "the server must close the connection, not leave it open: {end:?}");
        (started.elapsed(), String::from_utf8_lossy(&buf).into_owned())
    };
    // half a request line and headers
    let (took, _) = stalled(format!("POST /api/app_status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Renda-To"));
    assert!(took < Duration::from_secs(5), "closed after {took:?}");
    // a whole head and part of the file it announces
    let head = format!("POST /upload?for=import_file HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Renda-Token: {token}\r\nContent-Length: 1000\r\n\r\n0123456789");
    let (took, answer) = stalled(head);
    assert!(took < Duration::from_secs(5), "closed after {took:?}");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("没有传完"), "{answer}");
    assert_eq!(std::fs::read_dir(dir.path().join("uploads")).map(|d| d.count()).unwrap_or(0), 0, "no half file kept");
    // and the server answers as before
    assert_eq!(command(port, &token, "app_status", serde_json::json!({})).0, 200);
}
