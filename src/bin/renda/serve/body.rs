//! Request bodies: a command's JSON (small, in memory) and an uploaded file (streamed to disk),
//! each within its cap and each given up when the client falls silent for `timeout`.

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::BodyExt;
use hyper::body::{Body as _, Incoming};
use hyper::Request;

use super::{error_response, json_response, Response};

/// How much of a refused (too large) JSON body is still read and dropped, so that the client,
/// still sending, gets our 413 rather than a reset connection; past this the connection is closed.
const DRAIN_LIMIT: u64 = 16 << 20;

/// The next piece of the body: `Ok(None)` at its end, `Err` with the answer to give when the
/// client breaks off or stays silent for `timeout`.
async fn next_chunk(body: &mut Incoming, timeout: Duration) -> Result<Option<Bytes>, Response> {
    loop {
        let frame = match tokio::time::timeout(timeout, body.frame()).await {
            Err(_) => {
                let why = format!("请求内容在{}秒内没有传完，已中止。请检查后重试。", timeout.as_secs().max(1));
                return Err(error_response(408, "invalid_input", &why));
            }
            Ok(None) => return Ok(None),
            Ok(Some(frame)) => frame,
        };
        match frame.map(|f| f.into_data()) {
            Ok(Ok(data)) => return Ok(Some(data)),
            Ok(Err(_)) => continue, // trailers: nothing of ours
            Err(e) => {
                let why = format!("请求内容无法读取：连接中断或内容不完整（{e}）。请重试。");
                return Err(error_response(400, "invalid_input", &why));
            }
        }
    }
}

/// A command's body, at most `cap` bytes; a larger one is refused with 413 (by its declared
/// length before reading any of it, or once it passes the cap).
pub async fn read_capped(mut body: Incoming, cap: u64, timeout: Duration) -> Result<Bytes, Response> {
    let too_large = || {
        let why = format!("请求内容超过{}MB的上限，已拒绝。请刷新页面后重试。", cap >> 20);
        error_response(413, "invalid_input", &why)
    };
    if body.size_hint().lower() > cap {
        drain(body, DRAIN_LIMIT, timeout).await;
        return Err(too_large());
    }
    let mut out = Vec::new();
    while let Some(data) = next_chunk(&mut body, timeout).await? {
        if (out.len() + data.len()) as u64 > cap {
            drain(body, DRAIN_LIMIT, timeout).await;
            return Err(too_large());
        }
        out.extend_from_slice(&data);
    }
    Ok(Bytes::from(out))
}

/// Reads and drops what the client is still sending (up to `limit`), so that it reads our answer
/// instead of a reset connection.
async fn drain(mut body: Incoming, limit: u64, timeout: Duration) {
    let mut seen = 0u64;
    while let Ok(Some(data)) = next_chunk(&mut body, timeout).await {
        seen += data.len() as u64;
        if seen > limit {
            break;
        }
    }
}

/// `POST /upload?for=COMMAND`: the body is the file, streamed into `uploads/` beside the database
/// within the command's limit. The answer names it: `{"upload": ID, "size": BYTES}`; the command
/// then takes `upload: ID` and removes the file once it has read it.
pub async fn upload(rq: Request<Incoming>, db_path: &Path, timeout: Duration) -> Response {
    let query = rq.uri().query().unwrap_or("");
    let command = query.split('&').find_map(|kv| kv.strip_prefix("for=")).unwrap_or("");
    let Some(limit) = renda::api::upload_limit(command) else {
        let why = "上传的文件不知用于哪项操作，已拒绝。请刷新页面后重试。";
        return error_response(400, "invalid_input", why);
    };
    // a refused file is still read (and dropped) up to a few times the limit, so that the page,
    // still sending, reads our answer naming the limit rather than a reset connection
    let drain_limit = limit.saturating_mul(4);
    let mut body = rq.into_body();
    if body.size_hint().lower() > limit {
        drain(body, drain_limit, timeout).await;
        return refused(413, renda::upload::too_large(limit));
    }
    let dir = renda::upload::dir(db_path);
    let id = renda::upload::new_id();
    let part = dir.join(format!("{id}.part"));
    match save(&mut body, &part, &dir.join(&id), limit, timeout).await {
        Ok(size) => json_response(200, &serde_json::json!({"ok": true, "data": {"upload": id, "size": size}})),
        Err(resp) => {
            let _ = std::fs::remove_file(&part);
            if resp.status() == 413 {
                drain(body, drain_limit, timeout).await;
            }
            resp
        }
    }
}

/// Writes the body into `part`, then names it `done` (a half file never has an upload's name):
/// its size, or the answer that refuses it.
async fn save(body: &mut Incoming, part: &Path, done: &Path, limit: u64, timeout: Duration) -> Result<u64, Response> {
    let io = |e: std::io::Error| refused(500, renda::Error::io(part, e));
    if let Some(dir) = part.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let mut file = std::fs::File::create(part).map_err(io)?;
    let mut size = 0u64;
    while let Some(data) = next_chunk(body, timeout).await? {
        size += data.len() as u64;
        if size > limit {
            return Err(refused(413, renda::upload::too_large(limit)));
        }
        file.write_all(&data).map_err(io)?;
    }
    std::fs::rename(part, done).map_err(io)?;
    Ok(size)
}

fn refused(status: u16, e: renda::Error) -> Response {
    json_response(status, &serde_json::json!({"ok": false, "error": e}))
}
