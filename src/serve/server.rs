//! The HTTP side of the preview: accepts connections, answers each request from the
//! in-memory site, and keeps event streams open for live reload.
//!
//! Each connection gets its own thread, up to [`MAX_CONNECTIONS`]: event streams stay open
//! for as long as a page does, so a small fixed pool would let a few open tabs starve
//! everything else. Idle keep-alive connections are closed after [`IDLE`].

use super::http::{self, Body, Method, PathError, ReadError, Request, Response};
use super::live::{self, PREFIX};
use super::state::Shared;
use std::io::{BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The most connections served at once; more get 503 and are closed.
pub(crate) const MAX_CONNECTIONS: usize = 512;
/// How long a connection may sit idle (or dribble a request head) before it is closed.
const IDLE: Duration = Duration::from_secs(10);

/// Accepts connections until the listener fails for good.
pub(crate) fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let stream = match stream {
            Ok(s) => s,
            Err(e) => {
                // Usually out of file descriptors for a moment: back off instead of spinning.
                eprintln!("warning: could not accept a connection: {e}");
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            refuse(stream);
            continue;
        }
        let (shared, slot) = (shared.clone(), Slot(open.clone()));
        let spawned = std::thread::Builder::new()
            .name("handout-http".into())
            .spawn(move || {
                let _slot = slot;
                serve_connection(stream, &shared);
            });
        if let Err(e) = spawned {
            eprintln!("warning: could not start a thread for a connection: {e}");
        }
    }
}

/// One of the [`MAX_CONNECTIONS`], given back when the connection's thread ends, even by a
/// panic.
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn refuse(mut stream: TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let resp = Response::text(503, "The preview is too busy; try again.\n");
    let _ = http::write_response(&mut stream, &resp, false, false);
}

/// Answers requests on one connection until it closes, errs or asks to close.
fn serve_connection(stream: TcpStream, shared: &Shared) {
    let _ = stream.set_nodelay(true);
    let _ = stream.set_read_timeout(Some(IDLE));
    let _ = stream.set_write_timeout(Some(IDLE));
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(read_half);
    let mut writer = stream;
    loop {
        let req = match http::read_request(&mut reader) {
            Ok(r) => r,
            Err(ReadError::Closed) => return,
            Err(ReadError::Malformed(why)) => {
                let resp = Response::new(
                    400,
                    "text/plain; charset=utf-8",
                    Body::Owned(format!("Bad request: {why}.\n").into_bytes()),
                );
                let _ = http::write_response(&mut writer, &resp, false, false);
                return;
            }
            Err(ReadError::TooLarge) => {
                let resp = Response::text(431, "The request head is too large.\n");
                let _ = http::write_response(&mut writer, &resp, false, false);
                return;
            }
        };
        if req.method == Method::Get && events_path(&req.target) {
            // The stream ends only when the page goes away.
            let _ = live::stream_events(&mut writer, &shared.status, &shared.events);
            return;
        }
        let resp = respond(&req, shared);
        // A body is never read, so after one the connection can't be trusted to line up; and
        // a client that sent a bad request is best started afresh.
        let keep_alive = req.keep_alive && !req.has_body && resp.status != 400;
        let head_only = req.method == Method::Head;
        if http::write_response(&mut writer, &resp, head_only, keep_alive).is_err() || !keep_alive {
            let _ = writer.flush();
            return;
        }
    }
}

fn events_path(target: &str) -> bool {
    http::site_path(target).is_ok_and(|p| p == format!("{PREFIX}events"))
}

/// The response to one request.
pub(crate) fn respond(req: &Request, shared: &Shared) -> Response {
    if req.method == Method::Other {
        return Response::text(405, "The preview only answers GET and HEAD.\n")
            .with_header("Allow", "GET, HEAD");
    }
    let path = match http::site_path(&req.target) {
        Ok(p) => p,
        Err(PathError::Malformed) => return Response::text(400, "Bad request: bad path.\n"),
        Err(PathError::Traversal) => {
            return Response::text(400, "Bad request: the path leaves the site.\n")
        }
    };
    if let Some(own) = path.strip_prefix(PREFIX) {
        return match own {
            "live.js" => Response::new(
                200,
                http::content_type(own),
                Body::Static(live::LIVE_JS.as_bytes()),
            ),
            "live.css" => Response::new(
                200,
                http::content_type(own),
                Body::Static(live::LIVE_CSS.as_bytes()),
            ),
            _ => Response::text(404, "Not found.\n"),
        };
    }
    let (build, overlay, base_path) = match shared.status.read() {
        Ok(s) => (s.build, s.overlay.clone(), s.base_path.clone()),
        Err(_) => (0, None, "/".into()),
    };
    if shared.files.is_empty() {
        // No good build yet: a page that shows the errors and turns into the site once fixed.
        let body = live::waiting_page(build, overlay.as_deref());
        return Response::new(503, "text/html; charset=utf-8", Body::Owned(body));
    }
    let page = |status: u16, key: &str| -> Option<Response> {
        let bytes = shared.files.get(key)?;
        let ctype = http::content_type(key);
        let body = if ctype.starts_with("text/html") {
            Body::Owned(live::inject(&bytes, build, overlay.as_deref()))
        } else {
            Body::Shared(bytes)
        };
        Some(Response::new(status, ctype, body))
    };
    let not_found = || page(404, "404.html").unwrap_or_else(|| Response::text(404, "Not found.\n"));
    let rel = match path.strip_prefix(base_path.as_str()) {
        Some(rel) => rel,
        // `/guides` for a site under `/guides/`, or `/` itself: send the browser to the site.
        None if format!("{path}/") == base_path || path == "/" => {
            return Response::redirect(base_path)
        }
        None => return not_found(),
    };
    if rel.is_empty() || rel.ends_with('/') {
        return page(200, &format!("{rel}index.html")).unwrap_or_else(not_found);
    }
    if let Some(r) = page(200, rel) {
        return r;
    }
    if shared.files.get(&format!("{rel}/index.html")).is_some() {
        return Response::redirect(format!("{base_path}{rel}/"));
    }
    not_found()
}
