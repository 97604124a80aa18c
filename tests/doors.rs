//! One door: the same hostile input through each way into the engine — `api::call` (the window's
//! IPC), `renda serve` (browser mode) and the `renda` command line — is refused in the same words,
//! and stores nothing. The CLI once called the engine directly, and `renda suggestion step`
//! stored control characters, U+202E and 30,000-character notes that the window refused.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use serde_json::{json, Value};

struct Server(Child, u16, String);
impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(db: &Path, dir: &Path) -> Server {
    let ui = dir.join("ui");
    std::fs::create_dir_all(&ui).unwrap();
    std::fs::write(ui.join("index.html"), "<!doctype html><title>人大工作台</title>").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_renda"))
        .args(["--db", db.to_str().unwrap(), "serve", "--port", "0", "--static", ui.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let url = line.trim().strip_prefix("RENDA_URL=").unwrap().to_string();
    let port = url["http://127.0.0.1:".len()..].split('/').next().unwrap().parse().unwrap();
    let token = url.split("token=").nth(1).unwrap().to_string();
    Server(child, port, token)
}

/// Browser mode's door: the refusal `renda serve` answers.
fn by_http(server: &Server, name: &str, args: &Value) -> Value {
    let Server(_, port, token) = server;
    let body = args.to_string();
    let mut s = TcpStream::connect(("127.0.0.1", *port)).unwrap();
    write!(s, "POST /api/{name} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\nX-Renda-Token: {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len()).unwrap();
    let mut buf = String::new();
    s.read_to_string(&mut buf).unwrap();
    let reply: Value = serde_json::from_str(buf.split_once("\r\n\r\n").unwrap().1).unwrap();
    assert_eq!(reply["ok"], false, "browser mode accepted {name}: {reply}");
    reply["error"].clone()
}

/// The command line's door: `renda --json …` exits 1 and prints the refusal.
fn by_cli(db: &Path, args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_renda"))
        .args(["--db", db.to_str().unwrap(), "--json"])
        .args(args)
        .env_remove("RENDA_DB")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "the command line accepted {args:?}: {text}");
    serde_json::from_str::<Value>(&text).unwrap()["error"].clone()
}

/// The window's door: the dispatch itself.
fn by_call(r: &mut renda::Renda, name: &str, args: &Value) -> Value {
    let e = renda::api::call(r, name, args.clone()).expect_err("the dispatch accepted it");
    serde_json::to_value(e).unwrap()
}

/// Texts every door must refuse: control characters, bidi overrides, a note three times too long.
fn hostile_texts() -> Vec<(&'static str, String)> {
    vec![
        ("a bell", "座谈\u{0007}记录".into()),
        ("a NUL", "座谈\u{0000}".into()),
        ("an escape sequence", "\u{001B}[31m红字".into()),
        ("a right-to-left override", "王\u{202E}某某".into()),
        ("a bidi isolate", "\u{2066}座谈\u{2069}".into()),
        ("30,000 characters", "长".repeat(30_000)),
    ]
}

/// What the doors may change: the suggestion's history and the audit log.
fn stored(r: &mut renda::Renda, id: i64) -> (usize, i64) {
    let s = renda::api::call(r, "suggestion_get", json!({ "id": id })).unwrap();
    let audit = renda::api::call(r, "audit_list", json!({ "page_size": 1 })).unwrap();
    (s["events"].as_array().unwrap().len(), audit["total"].as_i64().unwrap())
}

#[test]
fn every_door_refuses_the_same_hostile_text_in_the_same_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let mut r = renda::Renda::open(&db).unwrap();
    r.load_demo(renda::demo::Scale::parse("small").unwrap()).unwrap();
    // a suggestion whose next step may be 联系代表 (a note beside it)
    let list = renda::api::call(&mut r, "suggestion_list", json!({ "page_size": 0 })).unwrap();
    let id = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .find(|id| {
            let s = renda::api::call(&mut r, "suggestion_get", json!({ "id": id })).unwrap();
            s["actions"].as_array().unwrap().iter().any(|a| a["action"] == "contact")
        })
        .expect("the demo has a suggestion to contact its deputy about");
    let server = serve(&db, dir.path());
    let before = stored(&mut r, id);

    for (what, text) in hostile_texts() {
        // `renda suggestion step ID contact --args JSON`: the JSON escapes carry even a NUL
        let step = json!({ "form": "座谈", "note": text });
        let args = json!({ "id": id, "action": "contact", "form": "座谈", "note": text });
        let cli = by_cli(&db, &["suggestion", "step", &id.to_string(), "contact", "--args", &step.to_string()]);
        let http = by_http(&server, "suggestion_step", &args);
        let call = by_call(&mut r, "suggestion_step", &args);
        assert_eq!(call["code"], "invalid_input", "{what}: {call}");
        assert_eq!(call["field_errors"][0]["field"], "note", "{what}: {call}");
        assert_eq!(http, call, "{what}: browser mode and the window answer alike");
        assert_eq!(cli, call, "{what}: the command line and the window answer alike");
    }
    // a deputy's name, as the command line's own flags give it (no NUL in a program's arguments)
    for (what, text) in hostile_texts().into_iter().filter(|(_, t)| !t.contains('\u{0}')) {
        let cli = by_cli(&db, &["deputy", "add", "--name", &text, "--level", "县"]);
        let args = json!({ "name": text, "levels": ["县"] });
        let (http, call) = (by_http(&server, "deputy_create", &args), by_call(&mut r, "deputy_create", &args));
        assert_eq!(call["field_errors"][0]["field"], "name", "{what}: {call}");
        assert_eq!((&http, &cli), (&call, &call), "{what}: every door answers alike");
    }
    assert_eq!(stored(&mut r, id), before, "nothing stored, nothing audited");
    let named = renda::api::call(&mut r, "deputy_list", json!({ "q": "座谈", "page_size": 0 })).unwrap();
    assert_eq!(named["total"], 0);
}
