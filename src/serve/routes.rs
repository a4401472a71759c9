//! What the preview answers to each request: a page or file of the in-memory site (HTML
//! with the live script added), the preview's own script, stylesheet and event stream, a
//! redirect, the site's 404 page, or an error for a method or path it does not serve.

use super::http::{self, Body, PathError, Response};
use super::live::{self, EventStream, PREFIX};
use super::state::Shared;
use hyper::header::{HeaderValue, ALLOW};
use hyper::{Method, Uri};

/// The target of a request as the client sent it (path and query), or `""` for forms that
/// name no path at all.
pub(crate) fn target(uri: &Uri) -> &str {
    uri.path_and_query().map_or("", |p| p.as_str())
}

/// The response to one request. Only GET and HEAD are answered; hyper leaves the body out
/// of the answer to a HEAD request.
pub(crate) fn respond(method: &Method, target: &str, shared: &Shared) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut r = http::text(405, "The preview only answers GET and HEAD.\n");
        r.headers_mut()
            .insert(ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let path = match http::site_path(target) {
        Ok(p) => p,
        Err(PathError::Malformed) => return http::text(400, "Bad request: bad path.\n"),
        Err(PathError::Traversal) => {
            return http::text(400, "Bad request: the path leaves the site.\n")
        }
    };
    if let Some(own) = path.strip_prefix(PREFIX) {
        return match own {
            "events" if method == Method::GET => {
                // The stream ends only when the page goes away.
                let events = EventStream::open(&shared.status, &shared.events);
                http::response(200, "text/event-stream", Body::Events(events))
            }
            "live.js" => http::response(
                200,
                http::content_type(own),
                Body::fixed(live::LIVE_JS.as_bytes()),
            ),
            "live.css" => http::response(
                200,
                http::content_type(own),
                Body::fixed(live::LIVE_CSS.as_bytes()),
            ),
            _ => http::text(404, "Not found.\n"),
        };
    }
    site_file(&path, shared)
}

/// A path of the site: the file, a folder's `index.html`, a redirect to the folder, or the
/// site's 404 page.
fn site_file(path: &str, shared: &Shared) -> Response {
    let (build, overlay, base_path) = match shared.status.read() {
        Ok(s) => (s.build, s.overlay.clone(), s.base_path.clone()),
        Err(_) => (0, None, "/".into()),
    };
    if shared.files.is_empty() {
        // No good build yet: a page that shows the errors and turns into the site once fixed.
        let body = live::waiting_page(build, overlay.as_deref());
        return http::response(503, "text/html; charset=utf-8", Body::owned(body));
    }
    let page = |status: u16, key: &str| -> Option<Response> {
        let bytes = shared.files.get(key)?;
        let ctype = http::content_type(key);
        let body = if ctype.starts_with("text/html") {
            Body::owned(live::inject(&bytes, build, overlay.as_deref()))
        } else {
            Body::shared(bytes)
        };
        Some(http::response(status, ctype, body))
    };
    let not_found = || page(404, "404.html").unwrap_or_else(|| http::text(404, "Not found.\n"));
    let rel = match path.strip_prefix(base_path.as_str()) {
        Some(rel) => rel,
        // `/guides` for a site under `/guides/`, or `/` itself: send the browser to the site.
        None if format!("{path}/") == base_path || path == "/" => {
            return http::redirect(&base_path)
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
        return http::redirect(&format!("{base_path}{rel}/"));
    }
    not_found()
}
