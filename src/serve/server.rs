//! The network side of the preview: accepts connections and speaks HTTP/1.1 on them with
//! hyper, on a small tokio runtime of its own.
//!
//! Why hyper rather than a hand-written server or a framework: hyper is the HTTP
//! implementation most of the Rust ecosystem runs on (axum, and so Zola's `serve`, sit on
//! it), it parses request heads strictly and answers malformed or oversized ones itself, and
//! its HTTP/1 server has a deadline for a whole request head (`header_read_timeout`), which a
//! per-read timeout cannot give: a client that sends one header line every few seconds would
//! never trip one. A framework would add routing and middleware the preview does not need
//! (it answers GET and HEAD on one tree of files); tiny_http offers no deadline for a whole
//! head and reads each connection on a pool thread, the design that let slow clients starve
//! the old server. (hyper ignores the head deadline unless a timer is set, as below; the
//! slow-client tests would catch that.)
//!
//! Connections are cheap tasks, so event streams of open pages cost no thread, and a
//! connection that dribbles its head costs only its socket until the deadline or until
//! [`limits`](super::limits) closes it for a newer one. The same client timeout bounds the
//! whole head, an idle kept-alive connection, and (see [`stall`](super::stall)) a client
//! that stops reading its answer.

use super::http::{MAX_HEAD, MAX_HEADERS};
use super::limits::{Connections, Ticket, Tracked, PER_CLIENT, TOTAL};
use super::routes;
use super::stall;
use super::state::Shared;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::Request;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::io;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};

/// How long to wait after the listener fails to accept (usually out of file descriptors for
/// a moment) before trying again, instead of spinning.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);

/// How long a refused connection is read from before it is closed.
const REFUSAL_DRAIN: Duration = Duration::from_millis(200);
/// What a connection refused for lack of room is told.
const TOO_BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 36\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nThe preview is too busy; try again.\n";

/// Serves `listener` until the process is stopped, with `timeout` as the client timeout;
/// returns only the error that kept the server from starting.
pub(crate) fn serve(
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
    timeout: Duration,
) -> io::Error {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_io()
        .enable_time()
        .thread_name("handout-http")
        .build();
    match runtime {
        Ok(runtime) => runtime.block_on(accept_loop(listener, shared, timeout)),
        Err(e) => e,
    }
}

async fn accept_loop(
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
    timeout: Duration,
) -> io::Error {
    let listener = match listener
        .set_nonblocking(true)
        .and_then(|()| TcpListener::from_std(listener))
    {
        Ok(l) => l,
        Err(e) => return e,
    };
    let connections = Connections::new(PER_CLIENT, TOTAL);
    let http = Arc::new(http_config(timeout));
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(e) => {
                shared
                    .reporter
                    .warn(format!("could not accept a connection: {e}"));
                tokio::time::sleep(ACCEPT_BACKOFF).await;
                continue;
            }
        };
        match connections.admit(peer.ip()) {
            Some(ticket) => {
                let (shared, http) = (shared.clone(), http.clone());
                tokio::spawn(serve_connection(stream, ticket, shared, http, timeout));
            }
            None => {
                tokio::spawn(refuse(stream));
            }
        }
    }
}

/// Tells a connection there is no room for it, and closes it.
async fn refuse(stream: TcpStream) {
    // The answer is far smaller than a fresh socket's send buffer, so one try sends it.
    let _ = stream.try_write(TOO_BUSY);
    // Closing with the request unread would reset the connection, and the client could lose
    // the answer: read what it sends for a moment first.
    let drain = async {
        let mut buf = [0u8; 4096];
        while stream.readable().await.is_ok() {
            match stream.try_read(&mut buf) {
                Ok(0) => break,
                Err(e) if e.kind() != io::ErrorKind::WouldBlock => break,
                _ => {}
            }
        }
    };
    let _ = tokio::time::timeout(REFUSAL_DRAIN, drain).await;
}

/// HTTP/1.1 as the preview speaks it: a deadline for each whole request head, which also
/// closes a kept-alive connection idle for as long; and the same head limits as before.
fn http_config(timeout: Duration) -> http1::Builder {
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(timeout)
        .max_header_size(MAX_HEAD)
        .max_headers(MAX_HEADERS);
    http
}

/// Answers requests on one connection until it ends, fails, or is closed to make room.
async fn serve_connection(
    stream: TcpStream,
    ticket: Ticket,
    shared: Arc<Shared>,
    http: Arc<http1::Builder>,
    timeout: Duration,
) {
    // Pages are sent whole; waiting to fill a packet only adds delay on loopback.
    let _ = stream.set_nodelay(true);
    let slot = ticket.slot();
    let service = service_fn(move |req: Request<Incoming>| {
        let busy = slot.busy();
        let response = routes::respond(req.method(), routes::target(req.uri()), &shared);
        std::future::ready(Ok::<_, Infallible>(
            response.map(|body| Tracked::new(body, busy)),
        ))
    });
    let stream = stall::Stream::new(stream, timeout);
    let connection = http.serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        // An error here is the client's doing (a reset, a head too slow or malformed, which
        // hyper has answered where it could): nothing to report.
        _ = connection => {}
        () = ticket.closed() => {}
    }
}
