//! `handout serve` on the command line: options into [`ServeOptions`], and each [`Notice`]
//! of the running preview printed as it happens (the address on standard output, the rest on
//! standard error).

use super::ServeArgs;
use crate::diagnostic::{eprint_all, plural};
use crate::serve::{self, Notice, Reporter, ServeOptions};
use std::io::Write as _;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

/// Runs `handout serve` until the process is stopped; returns 2 if the preview could not
/// start.
pub fn run(args: &ServeArgs) -> ExitCode {
    let Some(client_timeout) = Duration::try_from_secs_f64(args.client_timeout)
        .ok()
        .filter(|d| !d.is_zero())
    else {
        eprintln!("error: --client-timeout must be a positive number of seconds");
        return ExitCode::from(2);
    };
    let opts = ServeOptions {
        root: args.root.clone(),
        bind: args.bind.clone(),
        port: args.port,
        drafts: args.drafts,
        client_timeout,
    };
    let open = args.open;
    let Err(e) = serve::run(&opts, Reporter::new(move |n| print(n, open)));
    eprintln!("{e}");
    ExitCode::from(2)
}

fn print(notice: Notice, open: bool) {
    match notice {
        Notice::PortBusy { asked, using } => {
            eprintln!("note: port {asked} is busy (another preview?), so using port {using}");
        }
        Notice::Built {
            findings,
            files,
            elapsed,
        } => {
            eprint_all(&findings);
            eprintln!("Built {files} files in {:.2} s.", elapsed.as_secs_f64());
        }
        Notice::BuiltWithErrors { findings, errors } => {
            eprint_all(&findings);
            eprintln!(
                "The site has {}; the preview shows them until they are fixed.",
                plural(errors, "error")
            );
        }
        Notice::Listening { url, addr } => listening(&url, addr, open),
        Notice::Rebuilt {
            what,
            files,
            everything,
            warnings,
            elapsed,
        } => {
            eprint_all(&warnings);
            let scope = if everything { " (everything)" } else { "" };
            let ms = elapsed.as_secs_f64() * 1000.0;
            eprintln!(
                "{what}: rebuilt {}{scope} in {ms:.0} ms",
                plural(files, "file")
            );
        }
        Notice::RebuildFailed { what, errors } => {
            eprint_all(&errors);
            eprintln!(
                "{what}: {}; still serving the last good version",
                plural(errors.len(), "error")
            );
        }
        Notice::Moved { base_path } => {
            eprintln!("note: base_url changed; the site is now served under {base_path}");
        }
        Notice::Bug => eprintln!(
            "error: handout hit a bug while rebuilding (please report it); loading the site again"
        ),
        Notice::Warning(message) => eprintln!("warning: {message}"),
    }
}

/// The address on standard output (tests and scripts read it there), a note when other
/// computers can reach the preview, and the browser if asked for.
fn listening(url: &str, addr: SocketAddr, open: bool) {
    println!("Serving {url} (press Ctrl-C to stop)");
    let _ = std::io::stdout().flush();
    if !addr.ip().is_loopback() {
        eprintln!(
            "note: listening on {}, so other computers on the network can see this preview",
            addr.ip()
        );
    }
    if open {
        open_browser(url);
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
