//! `handout serve`: a live preview an editor can leave running all day.
//!
//! Builds the site into memory, serves it on this computer, watches the site folder and
//! rebuilds what each save touched, then tells the open browser tab to reload. A build error
//! is printed in the terminal and shown over the page, while the last good pages keep being
//! served. [`run`] tells a [`Reporter`] what happens; the command line prints it. The pieces:
//!
//! - [`watch`] turns file events into batches of classified changes;
//! - [`state`] keeps the model and the served files and rebuilds incrementally, changing the
//!   model in place through [`update`];
//! - [`server`] speaks HTTP (with hyper) and [`limits`] keeps any one client from taking
//!   every connection; [`routes`] answers each request from memory, in the terms of [`http`];
//! - [`live`] streams reload events and injects the live script and the error overlay.

mod findings;
mod http;
mod limits;
mod live;
mod notice;
mod routes;
mod search;
mod server;
mod stall;
mod state;
mod update;
mod watch;

pub use notice::{Notice, Reporter};

use crate::diagnostic::Diagnostic;
use state::{Outcome, Shared, State};
use std::convert::Infallible;
use std::io::ErrorKind;
use std::net::{IpAddr, SocketAddr, TcpListener, ToSocketAddrs};
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How many ports after a busy one to try before giving up.
const PORT_TRIES: u16 = 10;

/// What to serve, and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The address to listen on.
    pub bind: String,
    /// The port to listen on; a busy one moves on to the next free one. 0 for any.
    pub port: u16,
    /// Include drafts.
    pub drafts: bool,
    /// How long a client may take over a request head, sit idle, or leave an answer unread.
    pub client_timeout: Duration,
}

/// Why the preview could not start, or had to stop.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The site folder does not exist.
    #[error("{0}")]
    NoSiteFolder(Diagnostic),
    /// No address or port to listen on.
    #[error("error: {0}")]
    Listen(String),
    /// The HTTP server could not start.
    #[error("error: the preview server stopped: {0}")]
    Server(std::io::Error),
}

/// Serves the site until the process is stopped, telling `reporter` the address and each
/// rebuild; returns only why it could not start.
pub fn run(opts: &ServeOptions, reporter: Reporter) -> Result<Infallible, ServeError> {
    let root = match std::fs::canonicalize(&opts.root) {
        Ok(r) if r.is_dir() => r,
        _ => {
            return Err(ServeError::NoSiteFolder(Diagnostic::no_site_folder(
                &opts.root,
            )))
        }
    };
    let listener = bind(&opts.bind, opts.port, &reporter).map_err(ServeError::Listen)?;
    let addr = listener.local_addr().map_err(|_| {
        ServeError::Listen("could not find which port the preview listens on".into())
    })?;

    // Watch before the first build, so an edit made while it runs is not missed.
    let watcher = watch::Watcher::start(&root, reporter.clone());
    let shared = Arc::new(Shared::new(reporter.clone()));
    let mut state = State::new(root.clone(), opts.drafts, shared.clone());
    first_build(&mut state, &shared);
    let url = site_url(addr, &state.base_path());
    match watcher {
        Ok(watcher) => {
            let spawned = std::thread::Builder::new()
                .name("handout-watch".into())
                .spawn(move || rebuild_loop(watcher, state));
            if let Err(e) = spawned {
                reporter.warn(format!("could not start watching for changes: {e}"));
            }
        }
        Err(e) => reporter.warn(format!(
            "cannot watch {} for changes ({e}); restart serve to see edits",
            root.display()
        )),
    }
    reporter.tell(Notice::Listening { url, addr });
    Err(ServeError::Server(server::serve(
        listener,
        shared,
        opts.client_timeout,
    )))
}

/// Loads and renders the site for the first time, and says how that went.
fn first_build(state: &mut State, shared: &Shared) {
    let start = Instant::now();
    let outcome = state.load_and_render();
    let findings = state.all_findings();
    shared.reporter.tell(match &outcome {
        Outcome::Failed(errors) => Notice::BuiltWithErrors {
            findings,
            errors: errors.len(),
        },
        _ => Notice::Built {
            findings,
            files: shared.files.len(),
            elapsed: start.elapsed(),
        },
    });
}

/// Rebuilds after each batch of changes, for as long as the watcher runs.
fn rebuild_loop(mut watcher: watch::Watcher, mut state: State) {
    let reporter = state.reporter();
    while let Some(changes) = watcher.next_batch() {
        let start = Instant::now();
        let before = state.base_path();
        let outcome = apply_guarded(&mut state, &changes, &reporter);
        let what = describe(&changes);
        match outcome {
            Outcome::Unchanged => {}
            Outcome::Rebuilt {
                files,
                everything,
                warnings,
            } => reporter.tell(Notice::Rebuilt {
                what,
                files,
                everything,
                warnings,
                elapsed: start.elapsed(),
            }),
            Outcome::Failed(errors) => reporter.tell(Notice::RebuildFailed { what, errors }),
        }
        let after = state.base_path();
        if after != before {
            reporter.tell(Notice::Moved { base_path: after });
        }
        // The search index follows once edits pause, so that gathering its records never
        // delays the reload of the next save.
        if state.reindex_due() && watcher.quiet_for(search::QUIET) {
            state.reindex();
        }
    }
}

/// Applies a batch, surviving a bug: a panic while rebuilding is reported and the site is
/// loaded again from disk, so the preview keeps running (the last good pages stay served).
fn apply_guarded(state: &mut State, changes: &[watch::Change], reporter: &Reporter) -> Outcome {
    let attempt = std::panic::catch_unwind(AssertUnwindSafe(|| state.apply(changes)));
    match attempt {
        Ok(outcome) => outcome,
        Err(_) => {
            reporter.tell(Notice::Bug);
            std::panic::catch_unwind(AssertUnwindSafe(|| state.load_and_render()))
                .unwrap_or(Outcome::Unchanged)
        }
    }
}

/// Listens on `bind:port`; a busy port moves on to the next free one, with a note.
fn bind(host: &str, port: u16, reporter: &Reporter) -> Result<TcpListener, String> {
    let addrs: Vec<SocketAddr> = (host, port)
        .to_socket_addrs()
        .map_err(|e| format!("cannot listen on `{host}`: {e} (try --bind 127.0.0.1)"))?
        .collect();
    let Some(&first) = addrs.first() else {
        return Err(format!(
            "`{host}` is not an address to listen on (try --bind 127.0.0.1)"
        ));
    };
    let tries = if port == 0 { 1 } else { PORT_TRIES + 1 };
    for i in 0..tries {
        let Some(p) = port.checked_add(i) else {
            break;
        };
        let addr = SocketAddr::new(first.ip(), p);
        match TcpListener::bind(addr) {
            Ok(l) => {
                if i > 0 {
                    reporter.tell(Notice::PortBusy {
                        asked: port,
                        using: p,
                    });
                }
                return Ok(l);
            }
            Err(e) if e.kind() == ErrorKind::AddrInUse => continue,
            Err(e) => return Err(format!("cannot listen on {addr}: {e}")),
        }
    }
    Err(format!(
        "ports {port} to {} are all in use; choose another with --port (or --port 0 for any free port)",
        port.saturating_add(PORT_TRIES)
    ))
}

/// The address to open in a browser. An unspecified address (0.0.0.0) is reachable as
/// localhost.
fn site_url(addr: SocketAddr, base_path: &str) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::from([127, 0, 0, 1]),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::from([0, 0, 0, 0, 0, 0, 0, 1]),
        ip => ip,
    };
    let host = match ip {
        IpAddr::V6(v6) => format!("[{v6}]"),
        IpAddr::V4(v4) => v4.to_string(),
    };
    format!("http://{host}:{}{base_path}", addr.port())
}

/// A short description of a batch for the terminal: the first changed path and a count.
fn describe(changes: &[watch::Change]) -> String {
    use watch::Change;
    let name = |c: &Change| -> String {
        match c {
            Change::Config => "site.yaml".into(),
            Change::Template(p) | Change::Static(p) | Change::Content(p) => p.display().to_string(),
            Change::Everything => "the site folder".into(),
        }
    };
    match changes {
        [] => "nothing".into(),
        [one] => name(one),
        [first, rest @ ..] => format!("{} and {} more", name(first), rest.len()),
    }
}
