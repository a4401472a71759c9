//! The live part of the preview: server-sent events that tell open pages to reload, the small
//! script that listens for them, and the build-error overlay.
//!
//! The script and overlay are added to HTML responses as they are served, never to the
//! rendered files, so nothing of the preview can leak into `handout build` output. The script
//! is a same-origin file (`/__handout/live.js`) and the overlay is styled by a same-origin
//! stylesheet, because the theme's Content-Security-Policy allows no inline script or style.

use crate::diagnostic::{Diagnostic, Severity};
use hyper::body::Bytes;
use serde::Serialize;
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};
use tokio::time::{Instant, Interval, MissedTickBehavior};

/// URL prefix of everything the preview itself serves.
pub(crate) const PREFIX: &str = "/__handout/";
/// The listener script.
pub(crate) const LIVE_JS: &str = include_str!("assets/live.js");
/// The overlay's styles.
pub(crate) const LIVE_CSS: &str = include_str!("assets/live.css");
/// How often an idle event stream gets a comment, so dead connections are noticed.
const PING: Duration = Duration::from_secs(15);

/// What the open pages should know about the current build.
#[derive(Debug)]
pub(crate) struct Status {
    /// Counts successful rebuilds; pages compare it to notice a rebuild they missed.
    pub(crate) build: u64,
    /// The errors standing now (empty when the last rebuild succeeded).
    pub(crate) errors: Vec<Diagnostic>,
    /// The overlay HTML for `errors`, made once per rebuild rather than per request.
    pub(crate) overlay: Option<String>,
    /// The site's base path (`/` or `/guides/`), which every page URL starts with.
    pub(crate) base_path: String,
}

impl Default for Status {
    fn default() -> Self {
        Status {
            build: 0,
            errors: Vec::new(),
            overlay: None,
            base_path: "/".into(),
        }
    }
}

impl Status {
    /// Records the errors standing now.
    pub(crate) fn set_errors(&mut self, errors: Vec<Diagnostic>) {
        self.overlay = (!errors.is_empty()).then(|| overlay_html(&errors));
        self.errors = errors;
    }
}

/// One diagnostic as the overlay shows it.
#[derive(Debug, Serialize)]
struct ErrorView<'a> {
    path: String,
    line: Option<usize>,
    column: Option<usize>,
    severity: Severity,
    rule: &'a str,
    message: &'a str,
    help: Option<&'a str>,
}

fn error_views(errors: &[Diagnostic]) -> Vec<ErrorView<'_>> {
    errors
        .iter()
        .map(|d| ErrorView {
            path: d.span.path.to_string_lossy().replace('\\', "/"),
            line: d.span.line,
            column: d.span.column,
            severity: d.severity,
            rule: d.rule,
            message: &d.message,
            help: d.help.as_deref(),
        })
        .collect()
}

/// The `hello` event a page gets when it connects: the build number and any standing errors.
pub(crate) fn hello_event(status: &Status) -> String {
    #[derive(Serialize)]
    struct Hello<'a> {
        build: u64,
        errors: Vec<ErrorView<'a>>,
    }
    event(
        "hello",
        &Hello {
            build: status.build,
            errors: error_views(&status.errors),
        },
    )
}

/// The `reload` event after a successful rebuild.
pub(crate) fn reload_event(build: u64) -> String {
    #[derive(Serialize)]
    struct Reload {
        build: u64,
    }
    event("reload", &Reload { build })
}

/// The `css` event after a rebuild that changed only stylesheets (URL paths).
pub(crate) fn css_event(build: u64, paths: &[String]) -> String {
    #[derive(Serialize)]
    struct Css<'a> {
        build: u64,
        paths: &'a [String],
    }
    event("css", &Css { build, paths })
}

/// The `build-error` event: every standing error with its file, line, column and help.
pub(crate) fn error_event(build: u64, errors: &[Diagnostic]) -> String {
    #[derive(Serialize)]
    struct Errors<'a> {
        build: u64,
        errors: Vec<ErrorView<'a>>,
    }
    event(
        "build-error",
        &Errors {
            build,
            errors: error_views(errors),
        },
    )
}

fn event(name: &str, data: &impl Serialize) -> String {
    // JSON has no raw newlines, so the payload is always a single `data:` line.
    let json = serde_json::to_string(data).unwrap_or_else(|_| "{}".into());
    format!("event: {name}\ndata: {json}\n\n")
}

/// Everyone listening for events: one channel per open page.
#[derive(Debug, Default)]
pub(crate) struct Events {
    listeners: Mutex<Vec<UnboundedSender<Arc<str>>>>,
}

impl Events {
    /// A new listener.
    pub(crate) fn subscribe(&self) -> UnboundedReceiver<Arc<str>> {
        let (tx, rx) = mpsc::unbounded_channel();
        if let Ok(mut l) = self.listeners.lock() {
            l.push(tx);
        }
        rx
    }

    /// Sends one formatted event to every listener, forgetting those that went away. Never
    /// blocks, so the rebuild thread can call it.
    pub(crate) fn broadcast(&self, event: &str) {
        let event: Arc<str> = Arc::from(event);
        if let Ok(mut l) = self.listeners.lock() {
            l.retain(|tx| tx.send(event.clone()).is_ok());
        }
    }

    /// Number of listeners.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.listeners.lock().map(|l| l.len()).unwrap_or(0)
    }
}

/// The body of `/__handout/events` for one open page: the `hello` event, then every event
/// broadcast after it, and a comment when idle, so that a page that went away is noticed
/// (writing to it fails, the connection ends and the listener is forgotten).
#[derive(Debug)]
pub(crate) struct EventStream {
    first: Option<Bytes>,
    rx: UnboundedReceiver<Arc<str>>,
    ping: Interval,
}

impl EventStream {
    /// Subscribes a new page. Call it on the server's runtime, which drives the ping timer.
    pub(crate) fn open(status: &RwLock<Status>, events: &Events) -> EventStream {
        // Subscribe before reading the status so no rebuild can fall between the two.
        let rx = events.subscribe();
        let hello = status.read().map(|s| hello_event(&s)).unwrap_or_default();
        let mut ping = tokio::time::interval_at(Instant::now() + PING, PING);
        ping.set_missed_tick_behavior(MissedTickBehavior::Delay);
        EventStream {
            first: Some(Bytes::from(format!("retry: 1000\n\n{hello}"))),
            rx,
            ping,
        }
    }

    /// The next piece of the stream; `None` only if the events themselves went away.
    pub(crate) fn poll_next(&mut self, cx: &mut Context<'_>) -> Poll<Option<Bytes>> {
        if let Some(first) = self.first.take() {
            return Poll::Ready(Some(first));
        }
        match self.rx.poll_recv(cx) {
            Poll::Ready(Some(event)) => return Poll::Ready(Some(Bytes::from(event.to_string()))),
            Poll::Ready(None) => return Poll::Ready(None),
            Poll::Pending => {}
        }
        match self.ping.poll_tick(cx) {
            Poll::Ready(_) => Poll::Ready(Some(Bytes::from_static(b": ping\n\n"))),
            Poll::Pending => Poll::Pending,
        }
    }
}

/// The tags that load the live script and the overlay styles; `build` lets the script notice
/// a rebuild that happened between serving the page and connecting.
fn head_tags(build: u64) -> String {
    format!(
        "<link rel=\"stylesheet\" href=\"{PREFIX}live.css\"><script src=\"{PREFIX}live.js\" data-build=\"{build}\" defer></script>"
    )
}

/// An HTML page as served: the live script added to its head, and the overlay before
/// `</body>` while errors stand.
pub(crate) fn inject(html: &[u8], build: u64, overlay: Option<&str>) -> Vec<u8> {
    let tags = head_tags(build);
    let mut out = Vec::with_capacity(html.len() + tags.len() + overlay.map_or(0, str::len));
    match find_ascii_ci(html, b"</head>") {
        Some(i) => {
            out.extend_from_slice(&html[..i]);
            out.extend_from_slice(tags.as_bytes());
            out.extend_from_slice(&html[i..]);
        }
        None => {
            out.extend_from_slice(tags.as_bytes());
            out.extend_from_slice(html);
        }
    }
    if let Some(overlay) = overlay {
        match rfind_ascii_ci(&out, b"</body>") {
            Some(i) => {
                out.splice(i..i, overlay.bytes());
            }
            None => out.extend_from_slice(overlay.as_bytes()),
        }
    }
    out
}

fn find_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

fn rfind_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

/// The overlay as HTML, the same markup the script builds, for pages loaded while an error
/// stands (so a reload still shows it).
pub(crate) fn overlay_html(errors: &[Diagnostic]) -> String {
    let n = errors.len();
    let title = if n == 1 {
        "1 build error".to_string()
    } else {
        format!("{n} build errors")
    };
    let mut s = format!(
        "<div id=\"handout-overlay\" class=\"handout-overlay\" role=\"alert\"><div class=\"handout-overlay__box\"><h2 class=\"handout-overlay__title\">{title}</h2><p class=\"handout-overlay__note\">The preview still shows the last good version. Fix the file and save: this message goes away by itself.</p><ol class=\"handout-overlay__list\">"
    );
    for d in errors {
        s.push_str("<li><code class=\"handout-overlay__where\">");
        s.push_str(&crate::markdown::escape_html(&d.span.to_string()));
        s.push_str("</code><span class=\"handout-overlay__message\">");
        s.push_str(&crate::markdown::escape_html(&d.message));
        s.push_str("</span>");
        if let Some(help) = &d.help {
            s.push_str("<span class=\"handout-overlay__help\">help: ");
            s.push_str(&crate::markdown::escape_html(help));
            s.push_str("</span>");
        }
        s.push_str("</li>");
    }
    s.push_str(
        "</ol><button type=\"button\" class=\"handout-overlay__close\">Hide</button></div></div>",
    );
    s
}

/// A page for when there is no good build to show yet: just the overlay and the script, so
/// the page turns into the site by itself once the error is fixed.
pub(crate) fn waiting_page(build: u64, overlay: Option<&str>) -> Vec<u8> {
    let page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>handout preview</title>\n</head>\n<body>\n<main>\n<h1>The site could not be built yet</h1>\n<p>Fix the problem shown in the terminal and save; this page reloads by itself.</p>\n</main>\n</body>\n</html>\n";
    inject(page.as_bytes(), build, overlay)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;

    #[test]
    fn injects_into_head_and_body() {
        let html = b"<html><HEAD><title>x</title></HEAD><body><p>hi</p></body></html>";
        let out = String::from_utf8(inject(html, 7, Some("<div>o</div>"))).expect("utf8");
        assert!(out.contains("data-build=\"7\" defer></script></HEAD>"));
        assert!(out.contains("<p>hi</p><div>o</div></body>"));
        let plain = String::from_utf8(inject(b"<p>no head</p>", 1, None)).expect("utf8");
        assert!(plain.starts_with("<link") && plain.ends_with("<p>no head</p>"));
    }

    #[test]
    fn overlay_escapes_and_events_are_one_line() {
        let d = Diagnostic::error("x", Span::at("content/a.md", 2, 3), "bad <tag>")
            .with_help("fix \"it\"");
        let html = overlay_html(std::slice::from_ref(&d));
        assert!(html.contains("content/a.md:2:3") && html.contains("bad &lt;tag&gt;"));
        let ev = error_event(3, &[d]);
        let data = ev
            .strip_prefix("event: build-error\ndata: ")
            .and_then(|rest| rest.strip_suffix("\n\n"))
            .filter(|data| !data.contains('\n'))
            .unwrap_or_else(|| panic!("not one event with one data line: {ev:?}"));
        let json: serde_json::Value = serde_json::from_str(data).expect("the data is JSON");
        assert_eq!(json["build"], 3);
        let error = &json["errors"][0];
        assert_eq!(error["path"], "content/a.md");
        assert_eq!((&error["line"], &error["column"]), (&2.into(), &3.into()));
        assert_eq!(error["help"], "fix \"it\"");
    }

    #[test]
    fn broadcast_forgets_closed_listeners() {
        let e = Events::default();
        let mut a = e.subscribe();
        drop(e.subscribe());
        e.broadcast("x");
        assert_eq!(e.len(), 1);
        assert_eq!(a.try_recv().as_deref(), Ok("x"));
    }
}
