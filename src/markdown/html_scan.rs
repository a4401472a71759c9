//! A small, fast scanner over built HTML pages: the element ids a page offers as link
//! targets, and the URLs it points to.
//!
//! The link check reads every page of the built site, which for a large clinic is tens of
//! thousands of pages, so this does not build a DOM. It walks the text once, from `<` to `<`,
//! reads tag names and attributes, skips comments and the bodies of `script` and `style`, and
//! keeps only what the link check needs. The pages are ours (rendered by the theme), so it
//! does not need the full HTML5 error recovery a browser has; unquoted and oddly cased
//! attributes are still handled because authors can put raw HTML in their Markdown.

use std::collections::HashSet;

/// What in a piece of raw HTML would run code in the reader's browser: `<script>` elements,
/// inline event handlers (`onclick=`) and addresses with a refused scheme (`javascript:`).
/// Each entry describes one finding for a message.
pub fn dangers(html: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for_each_tag(html, |name, attrs| {
        if name.eq_ignore_ascii_case("script") {
            found.push("a `<script>` element".into());
        }
        for (a, _) in attrs {
            let lower = a.to_ascii_lowercase();
            if lower.len() > 2
                && lower.starts_with("on")
                && lower[2..].chars().all(|c| c.is_ascii_alphabetic())
            {
                found.push(format!("an inline event handler `{a}=` on `<{name}>`"));
            }
        }
        for url_attr in ["href", "src", "action", "formaction"] {
            if let Some(v) = attr(attrs, url_attr) {
                let v = decode_entities(v);
                if let crate::url_scheme::UrlKind::Refused(scheme) = crate::url_scheme::classify(&v)
                {
                    found.push(format!("a `{scheme}:` address in `{url_attr}`"));
                }
            }
        }
    });
    found
}

/// What one HTML page offers and points to.
#[derive(Debug, Default, Clone)]
pub struct PageScan {
    /// Every `id` attribute, and `name` on `<a>`: the page's fragment targets.
    pub ids: HashSet<String>,
    /// Every URL the page refers to, in document order.
    pub refs: Vec<Reference>,
}

/// One URL in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The URL with HTML character references decoded.
    pub url: String,
    /// Where it was found.
    pub kind: RefKind,
}

/// The element and attribute a URL came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    /// `<a href>` or `<area href>`.
    Link,
    /// `<img src>`, `<source src>` and other embedded media.
    Image,
    /// `<link href>` (stylesheets, canonical, feeds).
    Head,
    /// `<script src>`.
    Script,
    /// `<meta http-equiv="refresh" content="0; url=…">`: an alias redirect.
    Refresh,
}

/// Scans one page.
pub fn scan(html: &str) -> PageScan {
    let mut out = PageScan::default();
    for_each_tag(html, |name, attrs| record(name, attrs, &mut out));
    out
}

/// Calls `f` with the name and attributes (name, raw value) of every start tag in `html`,
/// skipping comments and the text inside `script`, `style`, `textarea` and `title`.
pub fn for_each_tag<'h>(html: &'h str, mut f: impl FnMut(&'h str, &[Attr<'h>])) {
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off + 1;
        let rest = &bytes[i..];
        if rest.starts_with(b"!--") {
            i = match html[i + 3..].find("-->") {
                Some(e) => i + 3 + e + 3,
                None => bytes.len(),
            };
            continue;
        }
        match rest.first() {
            Some(c) if c.is_ascii_alphabetic() => {}
            // End tags, doctype, processing instructions and stray `<` carry nothing we need.
            _ => continue,
        }
        let name_end = rest
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'-' || *c == b':'))
            .unwrap_or(rest.len());
        let name = &html[i..i + name_end];
        i += name_end;
        let (attrs, after) = attributes(html, i);
        i = after;
        f(name, &attrs);
        // The bodies of these elements are text, not markup: a `<` inside a script must not
        // be read as a tag.
        for raw in ["script", "style", "textarea", "title"] {
            if name.eq_ignore_ascii_case(raw) {
                i = skip_raw_text(html, i, raw);
            }
        }
    }
}

/// One attribute: the name as written and the raw (undecoded) value.
pub type Attr<'a> = (&'a str, &'a str);

/// Reads attributes from `i` (just after the tag name) to the closing `>`. Returns them and
/// the offset after the tag.
fn attributes(html: &str, mut i: usize) -> (Vec<Attr<'_>>, usize) {
    let b = html.as_bytes();
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return (attrs, i);
        }
        if b[i] == b'>' {
            return (attrs, i + 1);
        }
        let start = i;
        while i < b.len() && !(b[i].is_ascii_whitespace() || matches!(b[i], b'=' | b'>' | b'/')) {
            i += 1;
        }
        let name = &html[start..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let value = match b.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let vstart = i + 1;
                    let vend = html[vstart..]
                        .find(q as char)
                        .map(|e| vstart + e)
                        .unwrap_or(b.len());
                    i = (vend + 1).min(b.len());
                    &html[vstart..vend]
                }
                _ => {
                    let vstart = i;
                    while i < b.len() && !(b[i].is_ascii_whitespace() || b[i] == b'>') {
                        i += 1;
                    }
                    &html[vstart..i]
                }
            };
            attrs.push((name, value));
        } else if !name.is_empty() {
            attrs.push((name, ""));
        } else {
            // A lone `=` or similar junk: step over it so the loop always advances.
            i += 1;
        }
    }
}

/// The raw value of the attribute `name` (case-insensitive), if present.
pub fn attr<'a>(attrs: &[Attr<'a>], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| *v)
}

fn record(tag: &str, attrs: &[Attr<'_>], out: &mut PageScan) {
    if let Some(id) = attr(attrs, "id") {
        out.ids.insert(decode_entities(id));
    }
    let is = |t: &str| tag.eq_ignore_ascii_case(t);
    let mut push = |url: &str, kind| {
        out.refs.push(Reference {
            url: decode_entities(url.trim()),
            kind,
        })
    };
    if is("a") || is("area") {
        if is("a") {
            if let Some(n) = attr(attrs, "name") {
                out.ids.insert(decode_entities(n));
            }
        }
        if let Some(h) = attr(attrs, "href") {
            push(h, RefKind::Link);
        }
    } else if is("img") || is("source") || is("video") || is("audio") || is("iframe") {
        if let Some(s) = attr(attrs, "src") {
            push(s, RefKind::Image);
        }
    } else if is("link") {
        if let Some(h) = attr(attrs, "href") {
            push(h, RefKind::Head);
        }
    } else if is("script") {
        if let Some(s) = attr(attrs, "src") {
            push(s, RefKind::Script);
        }
    } else if is("meta")
        && attr(attrs, "http-equiv").is_some_and(|v| v.eq_ignore_ascii_case("refresh"))
    {
        if let Some(url) = attr(attrs, "content").and_then(refresh_url) {
            push(url, RefKind::Refresh);
        }
    }
}

/// The URL of a refresh `content` value such as `0; url=/articles/x/`.
fn refresh_url(content: &str) -> Option<&str> {
    let (_, rest) = content.split_once(';')?;
    let rest = rest.trim_start();
    let eq = rest.find('=')?;
    if !rest[..eq].trim().eq_ignore_ascii_case("url") {
        return None;
    }
    Some(
        rest[eq + 1..]
            .trim()
            .trim_matches(|c| c == '\'' || c == '"'),
    )
}

/// Skips to just after `</name`'s closing `>` (case-insensitive), or to the end.
fn skip_raw_text(html: &str, from: usize, name: &str) -> usize {
    let b = html.as_bytes();
    let mut i = from;
    while let Some(off) = html[i..].find("</") {
        let at = i + off + 2;
        if b.len() >= at + name.len()
            && b[at..at + name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            return html[at..].find('>').map(|e| at + e + 1).unwrap_or(b.len());
        }
        i = at;
    }
    b.len()
}

/// Decodes the character references that appear in attribute values (`&amp;`, `&quot;`,
/// numeric ones). Unknown named references are left as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let body = &rest[1..e];
            let c = match body {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => body.strip_prefix('#').and_then(|n| {
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => n.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ids_and_urls() {
        let s = scan(
            r##"<!DOCTYPE html><html><head><link rel="stylesheet" href="/css/a.css">
<meta http-equiv="refresh" content="0; url=/articles/x/"></head>
<body><a class=x href=/a/?q=1&amp;r=2 id=top>t</a><h2 id="risks">R</h2>
<!-- <a href="/commented/"> --><A NAME='old'>o</A><img alt="" src="p&#x20;q.png">
<script>if (a<b) { x = "<a href='/in-script/'>"; }</script><p id='after'>x</p></body>"##,
        );
        let urls: Vec<&str> = s.refs.iter().map(|r| r.url.as_str()).collect();
        assert_eq!(
            urls,
            ["/css/a.css", "/articles/x/", "/a/?q=1&r=2", "p q.png"]
        );
        assert_eq!(s.refs[1].kind, RefKind::Refresh);
        for id in ["top", "risks", "old", "after"] {
            assert!(s.ids.contains(id), "{id}");
        }
    }

    #[test]
    fn broken_markup_keeps_what_came_before_it() {
        // Authors can put raw HTML in their Markdown, so a page may end in a cut-off tag, an
        // unclosed comment or script: the links and ids before it are still found.
        for broken in [
            "<a href=",
            "<a href='x",
            "<",
            "<!--",
            "<script>",
            "<a =x>",
            "<p id>",
        ] {
            let s = scan(&format!("<h2 id=risks>R</h2><a href=/a/>a</a>{broken}"));
            let urls: Vec<&str> = s.refs.iter().map(|r| r.url.as_str()).collect();
            assert_eq!(urls.first(), Some(&"/a/"), "{broken}: {urls:?}");
            assert!(s.ids.contains("risks"), "{broken}");
        }
    }

    #[test]
    fn a_stray_angle_bracket_does_not_hide_what_follows() {
        for stray in ["<", "a < b", "<a =x>", "<p id>", "< p>"] {
            let s = scan(&format!("<p>{stray}</p><a href=/b/ id=after>b</a>"));
            let urls: Vec<&str> = s.refs.iter().map(|r| r.url.as_str()).collect();
            assert_eq!(urls, ["/b/"], "{stray}");
            assert!(s.ids.contains("after"), "{stray}");
        }
    }

    #[test]
    fn decodes_references() {
        assert_eq!(
            decode_entities("a&amp;b&#35;c&#x41;&bogus;&"),
            "a&b#cA&bogus;&"
        );
    }
}
