//! `handout serve`: a live preview an editor can leave running all day.
//!
//! Builds the site into memory, serves it on this computer, watches the site folder and
//! rebuilds what each save touched, then tells the open browser tab to reload. A build error
//! is printed in the terminal and shown over the page, while the last good pages keep being
//! served. The pieces:
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
mod routes;
mod search;
mod server;
mod stall;
mod state;
mod update;
mod watch;

use crate::cli::ServeArgs;
use crate::diagnostic::plural;
use state::{Outcome, Shared, State};
use std::convert::Infallible;
use std::io::{ErrorKind, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, ToSocketAddrs};
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How many ports after a busy one to try before giving up.
const PORT_TRIES: u16 = 10;

/// Why the preview could not start, or had to stop.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// `--root` is not a folder.
    #[error("{}: error: this site folder does not exist\n  help: run handout in your site folder, or pass --root PATH", .0.display())]
    NoSiteFolder(PathBuf),
    /// An option has a value that cannot work.
    #[error("error: {0}")]
    Usage(String),
    /// No address or port to listen on.
    #[error("error: {0}")]
    Listen(String),
    /// The HTTP server could not start.
    #[error("error: the preview server stopped: {0}")]
    Server(std::io::Error),
}

/// Runs `handout serve` until the process is stopped, printing the address and each rebuild;
/// returns only why it could not start (all usage problems: exit status 2).
pub fn run(args: &ServeArgs) -> Result<Infallible, ServeError> {
    let client_timeout = Duration::try_from_secs_f64(args.client_timeout)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| {
            ServeError::Usage("--client-timeout must be a positive number of seconds".into())
        })?;
    let root = match std::fs::canonicalize(&args.root) {
        Ok(r) if r.is_dir() => r,
        _ => return Err(ServeError::NoSiteFolder(args.root.clone())),
    };
    let listener = bind(&args.bind, args.port).map_err(ServeError::Listen)?;
    let addr = listener.local_addr().map_err(|_| {
        ServeError::Listen("could not find which port the preview listens on".into())
    })?;

    // Watch before the first build, so an edit made while it runs is not missed.
    let watcher = watch::Watcher::start(&root);
    let shared = Arc::new(Shared::default());
    let mut state = State::new(root.clone(), args.drafts, shared.clone());
    first_build(&mut state, &shared);
    let url = site_url(addr, &state.base_path());
    match watcher {
        Ok(watcher) => {
            let spawned = std::thread::Builder::new()
                .name("handout-watch".into())
                .spawn(move || rebuild_loop(watcher, state));
            if let Err(e) = spawned {
                eprintln!("warning: could not start watching for changes: {e}");
            }
        }
        Err(e) => eprintln!(
            "warning: cannot watch {} for changes ({e}); restart serve to see edits",
            root.display()
        ),
    }
    println!("Serving {url} (press Ctrl-C to stop)");
    let _ = std::io::stdout().flush();
    if !addr.ip().is_loopback() {
        eprintln!(
            "note: listening on {}, so other computers on the network can see this preview",
            addr.ip()
        );
    }

    if args.open {
        open_browser(&url);
    }
    Err(ServeError::Server(server::serve(
        listener,
        shared,
        client_timeout,
    )))
}

/// Loads and renders the site for the first time, and says how that went.
fn first_build(state: &mut State, shared: &Shared) {
    let start = Instant::now();
    let outcome = state.load_and_render();
    crate::diagnostic::eprint_all(&state.all_findings());
    match &outcome {
        Outcome::Failed(errors) => eprintln!(
            "The site has {}; the preview shows them until they are fixed.",
            plural(errors.len(), "error")
        ),
        _ => eprintln!(
            "Built {} files in {:.2} s.",
            shared.files.len(),
            start.elapsed().as_secs_f64()
        ),
    }
}

/// Rebuilds after each batch of changes, for as long as the watcher runs.
fn rebuild_loop(mut watcher: watch::Watcher, mut state: State) {
    while let Some(changes) = watcher.next_batch() {
        let start = Instant::now();
        let before = state.base_path();
        let outcome = apply_guarded(&mut state, &changes);
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let what = describe(&changes);
        match outcome {
            Outcome::Unchanged => {}
            Outcome::Rebuilt {
                files,
                everything,
                warnings,
            } => {
                crate::diagnostic::eprint_all(&warnings);
                let scope = if everything { " (everything)" } else { "" };
                eprintln!(
                    "{what}: rebuilt {}{scope} in {ms:.0} ms",
                    plural(files, "file")
                );
            }
            Outcome::Failed(errors) => {
                crate::diagnostic::eprint_all(&errors);
                eprintln!(
                    "{what}: {}; still serving the last good version",
                    plural(errors.len(), "error")
                );
            }
        }
        let after = state.base_path();
        if after != before {
            eprintln!("note: base_url changed; the site is now served under {after}");
        }
    }
}

/// Applies a batch, surviving a bug: a panic while rebuilding is reported and the site is
/// loaded again from disk, so the preview keeps running (the last good pages stay served).
fn apply_guarded(state: &mut State, changes: &[watch::Change]) -> Outcome {
    let attempt = std::panic::catch_unwind(AssertUnwindSafe(|| state.apply(changes)));
    match attempt {
        Ok(outcome) => outcome,
        Err(_) => {
            eprintln!("error: handout hit a bug while rebuilding (please report it); loading the site again");
            std::panic::catch_unwind(AssertUnwindSafe(|| state.load_and_render()))
                .unwrap_or(Outcome::Unchanged)
        }
    }
}

/// Listens on `bind:port`; a busy port moves on to the next free one, with a note.
fn bind(host: &str, port: u16) -> Result<TcpListener, String> {
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
                    eprintln!("note: port {port} is busy (another preview?), so using port {p}");
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

/// Opens `url` in the default browser; failing to is only worth a note.
fn open_browser(url: &str) {
    let result = if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else if cfg!(windows) {
        std::process::Command::new("cmd")
            .args(["/C", "start", "", url])
            .spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if let Err(e) = result {
        eprintln!("note: could not open a browser ({e}); open {url} yourself");
    }
}
