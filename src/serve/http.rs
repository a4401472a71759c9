//! Just enough HTTP/1.1 for a local preview: reads one request head at a time from a
//! connection, turns its target into a safe site path, and writes responses.
//!
//! Everything that comes off the network is treated as hostile: heads have a size limit,
//! anything that does not parse is an error value (answered with 400 by the server, never a
//! panic), and request bodies are never read; a request that announces one gets its answer
//! and the connection is closed, so the body can't be mistaken for the next request.

use std::io::{self, BufRead, Read, Write};
use std::sync::Arc;

/// The longest request head accepted (request line and headers together).
pub(crate) const MAX_HEAD: usize = 16 * 1024;
/// The most header lines accepted.
const MAX_HEADERS: usize = 100;

/// The request methods the preview tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    /// GET.
    Get,
    /// HEAD: as GET, without the body.
    Head,
    /// Anything else (answered with 405).
    Other,
}

/// One parsed request head.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    /// The method.
    pub(crate) method: Method,
    /// The request target as sent, e.g. `/articles/knee/?x=1`.
    pub(crate) target: String,
    /// Whether the client wants the connection kept open for another request.
    pub(crate) keep_alive: bool,
    /// Whether the request announced a body (which is never read).
    pub(crate) has_body: bool,
}

/// Why no request could be read.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// The client closed the connection between requests (or timed out while idle).
    Closed,
    /// The head is not valid HTTP/1.x; the reason is for the 400 response.
    Malformed(&'static str),
    /// The head is longer than [`MAX_HEAD`] or has too many headers.
    TooLarge,
}

/// Reads one request head. Blank lines before the request line are skipped, as RFC 9112 asks.
pub(crate) fn read_request(r: &mut impl BufRead) -> Result<Request, ReadError> {
    let mut budget = MAX_HEAD;
    let mut line = Vec::new();
    let request_line = loop {
        line.clear();
        let n = read_line(r, &mut line, &mut budget)?;
        if n == 0 {
            return Err(ReadError::Closed);
        }
        let text = trim_eol(&line);
        if !text.is_empty() {
            break text.to_vec();
        }
    };
    let request_line =
        std::str::from_utf8(&request_line).map_err(|_| ReadError::Malformed("not ASCII"))?;
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ReadError::Malformed(
            "the request line is not `METHOD TARGET VERSION`",
        ));
    };
    if method.is_empty() || !method.bytes().all(is_token_byte) {
        return Err(ReadError::Malformed("bad method"));
    }
    if target.is_empty() || target.bytes().any(|b| b <= b' ' || b == 0x7f) {
        return Err(ReadError::Malformed("bad request target"));
    }
    let mut keep_alive = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        _ => {
            return Err(ReadError::Malformed(
                "only HTTP/1.0 and HTTP/1.1 are spoken here",
            ))
        }
    };
    let mut has_body = false;
    let mut headers = 0;
    loop {
        line.clear();
        if read_line(r, &mut line, &mut budget)? == 0 {
            return Err(ReadError::Malformed("the head ended early"));
        }
        let text = trim_eol(&line);
        if text.is_empty() {
            break;
        }
        headers += 1;
        if headers > MAX_HEADERS {
            return Err(ReadError::TooLarge);
        }
        let Some(colon) = text.iter().position(|&b| b == b':') else {
            return Err(ReadError::Malformed("a header line has no colon"));
        };
        let name = &text[..colon];
        if name.is_empty() || !name.iter().copied().all(is_token_byte) {
            // Also refuses obsolete line folding (a line starting with a space).
            return Err(ReadError::Malformed("bad header name"));
        }
        let value = String::from_utf8_lossy(&text[colon + 1..]);
        let value = value.trim();
        let name = String::from_utf8_lossy(name).to_ascii_lowercase();
        match name.as_str() {
            "connection" => {
                for token in value.split(',').map(str::trim) {
                    if token.eq_ignore_ascii_case("close") {
                        keep_alive = false;
                    } else if token.eq_ignore_ascii_case("keep-alive") {
                        keep_alive = true;
                    }
                }
            }
            "content-length" => match value.parse::<u64>() {
                Ok(0) => {}
                Ok(_) => has_body = true,
                Err(_) => return Err(ReadError::Malformed("bad Content-Length")),
            },
            "transfer-encoding" => has_body = true,
            _ => {}
        }
    }
    let method = match method {
        "GET" => Method::Get,
        "HEAD" => Method::Head,
        _ => Method::Other,
    };
    Ok(Request {
        method,
        target: target.to_string(),
        keep_alive,
        has_body,
    })
}

/// Reads up to and including `\n`, charging the bytes to `budget`.
fn read_line(
    r: &mut impl BufRead,
    buf: &mut Vec<u8>,
    budget: &mut usize,
) -> Result<usize, ReadError> {
    let limit = (*budget as u64) + 1;
    // `read_until` retries interrupted reads itself; any other error (a timeout, a reset) is
    // the client going away, not a malformed request.
    let n = r
        .by_ref()
        .take(limit)
        .read_until(b'\n', buf)
        .map_err(|_| ReadError::Closed)?;
    if n > *budget {
        return Err(ReadError::TooLarge);
    }
    *budget -= n;
    if n > 0 && buf.last() != Some(&b'\n') {
        return Err(ReadError::Malformed("the head ended early"));
    }
    Ok(n)
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// RFC 9110 `tchar`.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// Why a request target is not a site path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PathError {
    /// Not a path at all (`*`, a bad percent escape, not UTF-8, a control character).
    Malformed,
    /// Tries to step outside the site (`..`, `.`, a backslash).
    Traversal,
}

/// Turns a request target into a decoded, normalised path starting with `/`: the query and
/// fragment are dropped, percent escapes decoded, and anything that could reach outside the
/// site (`..` or `.` segments, encoded or not, backslashes, NUL) is refused.
pub(crate) fn site_path(target: &str) -> Result<String, PathError> {
    // Absolute form (`GET http://host/x HTTP/1.1`), which proxies send: keep only the path.
    let target = match target.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => {
            rest.find('/').map(|i| &rest[i..]).unwrap_or("/")
        }
        _ => target,
    };
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

/// A response body, shared with the in-memory site where possible rather than copied.
#[derive(Debug, Clone)]
pub(crate) enum Body {
    /// Text compiled into the binary.
    Static(&'static [u8]),
    /// A file of the in-memory site.
    Shared(Arc<Vec<u8>>),
    /// Made for this response (an HTML page with the live script).
    Owned(Vec<u8>),
}

impl Body {
    fn bytes(&self) -> &[u8] {
        match self {
            Body::Static(b) => b,
            Body::Shared(b) => b,
            Body::Owned(b) => b,
        }
    }
}

/// A response to send.
#[derive(Debug, Clone)]
pub(crate) struct Response {
    /// Status code.
    pub(crate) status: u16,
    /// Headers other than Content-Length and Connection, which are added when writing.
    pub(crate) headers: Vec<(&'static str, String)>,
    /// The body.
    pub(crate) body: Body,
}

impl Response {
    /// A response with a content type.
    pub(crate) fn new(status: u16, content_type: &str, body: Body) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", content_type.to_string())],
            body,
        }
    }

    /// A short plain-text response, for errors.
    pub(crate) fn text(status: u16, text: &'static str) -> Response {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            Body::Static(text.as_bytes()),
        )
    }

    /// A redirect to `location`.
    pub(crate) fn redirect(location: String) -> Response {
        let mut r = Response::text(302, "Moved; follow the Location header.\n");
        r.headers.push(("Location", location));
        r
    }

    /// Adds a header.
    pub(crate) fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
}

/// Writes `resp`; `head_only` leaves out the body (for HEAD).
pub(crate) fn write_response(
    w: &mut impl Write,
    resp: &Response,
    head_only: bool,
    keep_alive: bool,
) -> io::Result<()> {
    let body = resp.body.bytes();
    let mut head = format!("HTTP/1.1 {} {}\r\n", resp.status, reason(resp.status));
    for (name, value) in &resp.headers {
        head.push_str(name);
        head.push_str(": ");
        head.push_str(value);
        head.push_str("\r\n");
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: {}\r\n\r\n",
        body.len(),
        if keep_alive { "keep-alive" } else { "close" }
    ));
    if head_only || body.is_empty() {
        w.write_all(head.as_bytes())?;
    } else if body.len() <= 64 * 1024 {
        // One write for the usual page: fewer packets, and no Nagle delay between head and body.
        let mut all = head.into_bytes();
        all.extend_from_slice(body);
        w.write_all(&all)?;
    } else {
        w.write_all(head.as_bytes())?;
        w.write_all(body)?;
    }
    w.flush()
}

/// The reason phrase of the status codes the preview sends.
pub(crate) fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
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

    fn parse(raw: &str) -> Result<Request, ReadError> {
        read_request(&mut io::BufReader::new(raw.as_bytes()))
    }

    #[test]
    fn reads_a_request_and_its_connection_wishes() {
        let r = parse("GET /a/?x=1 HTTP/1.1\r\nHost: x\r\n\r\n").expect("parses");
        assert_eq!(
            (r.method, r.target.as_str(), r.keep_alive),
            (Method::Get, "/a/?x=1", true)
        );
        let r = parse("\r\nHEAD / HTTP/1.0\nConnection: keep-alive\n\n").expect("parses");
        assert_eq!((r.method, r.keep_alive), (Method::Head, true));
        let r = parse("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello").expect("parses");
        assert_eq!((r.method, r.has_body), (Method::Other, true));
    }

    #[test]
    fn refuses_malformed_heads() {
        for raw in [
            "GET /\r\n\r\n",
            "GET / HTTP/2.0\r\n\r\n",
            "GET  / HTTP/1.1\r\n\r\n",
            "G(T / HTTP/1.1\r\n\r\n",
            "GET / HTTP/1.1\r\nno colon\r\n\r\n",
            "GET / HTTP/1.1\r\n folded: x\r\n\r\n",
            "GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\n",
            "\u{ff}\u{fe} / HTTP/1.1\r\n\r\n",
        ] {
            assert!(
                matches!(parse(raw), Err(ReadError::Malformed(_))),
                "{raw:?}"
            );
        }
        assert!(matches!(parse(""), Err(ReadError::Closed)));
        let huge = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_HEAD));
        assert!(matches!(parse(&huge), Err(ReadError::TooLarge)));
        let many = format!(
            "GET / HTTP/1.1\r\n{}\r\n",
            "A: b\r\n".repeat(MAX_HEADERS + 1)
        );
        assert!(matches!(parse(&many), Err(ReadError::TooLarge)));
    }

    #[test]
    fn site_paths_cannot_leave_the_site() {
        assert_eq!(site_path("/a%20b/?q#f").as_deref(), Ok("/a b/"));
        assert_eq!(site_path("http://localhost:1/x").as_deref(), Ok("/x"));
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
    fn writes_head_and_body() {
        let mut out = Vec::new();
        let r = Response::text(404, "nope");
        write_response(&mut out, &r, false, true).expect("write");
        let s = String::from_utf8(out).expect("utf8");
        assert!(s.starts_with("HTTP/1.1 404 Not Found\r\n"));
        assert!(s.contains("Content-Length: 4\r\n") && s.ends_with("\r\n\r\nnope"));
        let mut out = Vec::new();
        write_response(&mut out, &r, true, false).expect("write");
        assert!(String::from_utf8(out)
            .expect("utf8")
            .ends_with("Connection: close\r\n\r\n"));
    }
}
