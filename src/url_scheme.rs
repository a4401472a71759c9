//! Which addresses a site may link to and load, decided in one place for site.yaml and
//! Markdown alike.
//!
//! Patient pages link to web pages, email addresses and phone numbers; nothing else. A
//! `javascript:` or `data:` address in a link runs code or shows content the clinic never
//! reviewed when a patient taps it, so those and every other scheme are refused at build time.
//! Images are loaded by the browser without a click: one from another host is a request the
//! patient did not choose (and tells that host who reads which guide), so it is reported
//! unless the site allows remote images.

/// What an address is, as far as the site is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlKind {
    /// A path on this site (relative, rooted or a fragment).
    Local,
    /// `http:` or `https:` (or protocol-relative `//host`) on another host.
    Remote,
    /// `mailto:` or `tel:`.
    Contact,
    /// Any other scheme, lower-cased (`javascript`, `data`, `file`, ...).
    Refused(String),
}

/// Classifies `url` as written (surrounding white space ignored; browsers ignore it too).
pub fn classify(url: &str) -> UrlKind {
    let url = url.trim();
    if url.starts_with("//") {
        return UrlKind::Remote;
    }
    let Some(colon) = url.find(':') else {
        return UrlKind::Local;
    };
    let scheme = &url[..colon];
    // A colon after a `/`, `?` or `#` is part of a path, not a scheme.
    if scheme.is_empty() || scheme.contains(['/', '?', '#']) {
        return UrlKind::Local;
    }
    // Browsers drop tabs and newlines inside a scheme (`java\tscript:`) before reading it.
    let scheme: String = scheme
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match scheme.as_str() {
        "http" | "https" => UrlKind::Remote,
        "mailto" | "tel" => UrlKind::Contact,
        _ => UrlKind::Refused(scheme),
    }
}

/// The message for a refused scheme, shared by site.yaml and Markdown errors.
pub fn refused_message(url: &str, scheme: &str) -> String {
    let shown: String = url.chars().take(60).collect();
    format!("`{shown}` uses the `{scheme}:` scheme, which a patient page must not link to")
}

/// The help for a refused scheme.
pub const REFUSED_HELP: &str =
    "link to a web page (https://…), an email address (mailto:…), a phone number (tel:…) or a page of this site";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes() {
        for local in ["heat.md", "/about/", "#top", "a/b:c", "?q=1", "../x.md", ""] {
            assert_eq!(classify(local), UrlKind::Local, "{local}");
        }
        for remote in [
            "https://nhs.uk",
            "HTTP://x",
            "//cdn.example/x.js",
            " https://a",
        ] {
            assert_eq!(classify(remote), UrlKind::Remote, "{remote}");
        }
        assert_eq!(classify("tel:+441234"), UrlKind::Contact);
        assert_eq!(classify("MailTo:a@b"), UrlKind::Contact);
        for (bad, scheme) in [
            ("javascript:alert(1)", "javascript"),
            (" JavaScript:alert(1)", "javascript"),
            ("java\tscript:alert(1)", "javascript"),
            ("data:text/html,<script>", "data"),
            ("file:///etc/passwd", "file"),
            ("vbscript:x", "vbscript"),
        ] {
            assert_eq!(classify(bad), UrlKind::Refused(scheme.into()), "{bad}");
        }
    }
}
