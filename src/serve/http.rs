//! The preview's HTTP vocabulary, on top of hyper: request targets turned into safe site
//! paths, content types by file name, and the response bodies and responses the preview sends.
//!
//! hyper parses every request head (answering what does not parse with 400, and a head over
//! the size limit with 431) and frames every response; this module only decides what a
//! target means for the site. Everything from the network is treated as hostile: a target
//! that is not a clean path inside the site is an error value, never a panic.

use super::live::EventStream;
use hyper::body::{Bytes, Frame, SizeHint};
use hyper::header::{HeaderValue, CACHE_CONTROL, CONTENT_TYPE, LOCATION, X_CONTENT_TYPE_OPTIONS};
use hyper::StatusCode;
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

/// The longest request head accepted (request line and headers together).
pub(crate) const MAX_HEAD: usize = 16 * 1024;
/// The most header lines accepted.
pub(crate) const MAX_HEADERS: usize = 100;

/// What a path must have escaped to be a `Location` header: controls, non-ASCII (always
/// escaped), and what would end the path or start an escape.
const LOCATION_ESCAPES: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// A response the preview sends.
pub(crate) type Response = hyper::Response<Body>;

/// Why a request target is not a site path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PathError {
    /// Not a path at all (`*`, a bad percent escape, not UTF-8, a control character).
    Malformed,
    /// Tries to step outside the site (`..`, `.`, a backslash).
    Traversal,
}

/// Turns a request target (its path and query, as hyper parsed them) into a decoded,
/// normalised path starting with `/`: the query and fragment are dropped, percent escapes decoded, and anything that could reach outside the
/// site (`..` or `.` segments, encoded or not, backslashes, NUL) is refused.
pub(crate) fn site_path(target: &str) -> Result<String, PathError> {
    if !target.starts_with('/') {
        return Err(PathError::Malformed);
    }
    let raw = target.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(raw).ok_or(PathError::Malformed)?;
    if decoded.chars().any(|c| c.is_control()) {
        return Err(PathError::Malformed);
    }
    if decoded.contains('\\') {
        return Err(PathError::Traversal);
    }
    if decoded.split('/').any(|seg| seg == ".." || seg == ".") {
        return Err(PathError::Traversal);
    }
    Ok(decoded)
}

/// Strict percent-decoding: a `%` must start a two-digit hex escape, and the result must be
/// UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A response body: a whole file, shared with the in-memory site where possible rather than
/// copied, or the endless event stream of live reload.
#[derive(Debug)]
pub(crate) enum Body {
    /// The whole body, taken when it is sent.
    Full(Option<Bytes>),
    /// Server-sent events, until the page goes away.
    Events(EventStream),
}

impl Body {
    /// Text compiled into the binary.
    pub(crate) fn fixed(bytes: &'static [u8]) -> Body {
        Body::Full(Some(Bytes::from_static(bytes)))
    }

    /// A file of the in-memory site, sent without copying it.
    pub(crate) fn shared(bytes: Arc<Vec<u8>>) -> Body {
        Body::Full(Some(Bytes::from_owner(SharedFile(bytes))))
    }

    /// Bytes made for this response (an HTML page with the live script).
    pub(crate) fn owned(bytes: Vec<u8>) -> Body {
        Body::Full(Some(Bytes::from(bytes)))
    }
}

/// A served file as `Bytes` owner (`Arc<Vec<u8>>` itself is not `AsRef<[u8]>`).
struct SharedFile(Arc<Vec<u8>>);

impl AsRef<[u8]> for SharedFile {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl hyper::body::Body for Body {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            Body::Full(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            Body::Events(events) => events.poll_next(cx).map(|e| e.map(|b| Ok(Frame::data(b)))),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Body::Full(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Body::Full(bytes) => SizeHint::with_exact(bytes.as_ref().map_or(0, |b| b.len() as u64)),
            Body::Events(_) => SizeHint::default(),
        }
    }
}

/// A response with a status, a content type and a body; every response also tells the
/// browser not to cache it (the preview changes under it) nor to guess its type.
pub(crate) fn response(status: u16, content_type: &'static str, body: Body) -> Response {
    let mut r = hyper::Response::new(body);
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let h = r.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    r
}

/// A short plain-text response, for errors.
pub(crate) fn text(status: u16, text: &'static str) -> Response {
    response(
        status,
        "text/plain; charset=utf-8",
        Body::fixed(text.as_bytes()),
    )
}

/// A redirect to `location`, a decoded path of the site, encoded again for the header.
pub(crate) fn redirect(location: &str) -> Response {
    let mut r = text(302, "Moved; follow the Location header.\n");
    let encoded = utf8_percent_encode(location, LOCATION_ESCAPES).to_string();
    match HeaderValue::from_str(&encoded) {
        Ok(v) => {
            r.headers_mut().insert(LOCATION, v);
        }
        Err(_) => *r.status_mut() = StatusCode::NOT_FOUND,
    }
    r
}

/// The content type for a file name, by extension.
pub(crate) fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyper::body::Body as _;

    #[test]
    fn site_paths_cannot_leave_the_site() {
        assert_eq!(site_path("/a%20b/?q#f").as_deref(), Ok("/a b/"));
        for bad in [
            "/../etc/passwd",
            "/a/%2e%2e/b",
            "/%2E%2E/",
            "/a/./b",
            "/a\\..\\b",
            "/a%5c..%5cb",
        ] {
            assert_eq!(site_path(bad), Err(PathError::Traversal), "{bad}");
        }
        for bad in ["*", "a/b", "/%zz", "/%e9", "/%00", "/a%"] {
            assert_eq!(site_path(bad), Err(PathError::Malformed), "{bad}");
        }
    }

    #[test]
    fn redirects_escape_the_path_and_bodies_know_their_size() {
        let r = redirect("/articles/caf\u{e9} 50%/");
        assert_eq!(
            r.headers().get(LOCATION).and_then(|v| v.to_str().ok()),
            Some("/articles/caf%C3%A9%2050%25/")
        );
        let body = Body::shared(Arc::new(b"hello".to_vec()));
        assert_eq!(body.size_hint().exact(), Some(5));
        assert!(!body.is_end_stream());
    }
}
