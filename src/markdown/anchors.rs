//! Slugs, unique element ids and the heading markup with its anchor link.
//!
//! Takes in heading text, explicit `{#id}`s and the ids the page template
//! reserves; gives out slugs ([`slugify`]), ids unique within one document
//! ([`IdAllocator`]) and the `<hN>` markup ([`heading_html`]). Also holds
//! the two HTML escapes the module needs, so that every attribute this
//! module writes goes through one place.

use std::collections::HashSet;

/// A URL- and id-safe slug of `text`.
///
/// Letters and digits are kept (Unicode letters lower-cased, so "Café"
/// gives "café"); apostrophes are dropped so "What's new" gives
/// "whats-new" rather than "what-s-new"; every other run of characters
/// becomes one `-`, trimmed at both ends. An empty result becomes
/// "section" so an id is never empty.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            push_lower(&mut slug, c);
        } else if c != '\'' && c != '\u{2019}' {
            dash = true;
        }
    }
    if slug.is_empty() {
        slug.push_str("section");
    }
    slug
}

/// Appends `c` lower-cased, without the Unicode tables for ASCII.
pub(crate) fn push_lower(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        out.extend(c.to_lowercase());
    }
}

/// Hands out element ids that are unique within one document and never one
/// of the ids the page template reserves.
#[derive(Debug)]
pub(crate) struct IdAllocator<'a> {
    used: HashSet<String>,
    /// Explicit ids already given out once.
    claimed: HashSet<String>,
    reserved: &'a [&'a str],
}

impl<'a> IdAllocator<'a> {
    /// An allocator with no ids used yet.
    pub(crate) fn new(reserved: &'a [&'a str]) -> Self {
        IdAllocator {
            used: HashSet::new(),
            claimed: HashSet::new(),
            reserved,
        }
    }

    /// Marks explicit `{#id}`s as taken before any id is generated, so a
    /// generated id earlier in the document cannot steal a later explicit one.
    pub(crate) fn reserve_explicit(&mut self, id: &str) {
        if !self.reserved.contains(&id) {
            self.used.insert(id.to_string());
        }
    }

    /// An explicit id as written, unless it is reserved by the template or
    /// already used by an earlier explicit id: then it gets a suffix too.
    pub(crate) fn explicit(&mut self, id: &str) -> String {
        if !self.reserved.contains(&id) && self.claimed.insert(id.to_string()) {
            self.used.insert(id.to_string());
            return id.to_string();
        }
        self.unique(id)
    }

    /// `base` if it is free, else `base-2`, `base-3`, … (the first free one).
    pub(crate) fn unique(&mut self, base: &str) -> String {
        if !self.taken(base) {
            self.used.insert(base.to_string());
            return base.to_string();
        }
        let mut n = 2u32;
        loop {
            let candidate = format!("{base}-{n}");
            if !self.taken(&candidate) {
                self.used.insert(candidate.clone());
                return candidate;
            }
            n = n.saturating_add(1);
        }
    }

    fn taken(&self, id: &str) -> bool {
        self.used.contains(id) || self.reserved.contains(&id)
    }
}

/// `text` escaped for HTML text or a quoted attribute value (also valid in XML).
///
/// The one escaper of the crate: Markdown output, template values, the serve overlay and the
/// sitemap and feed all use it. Only the five characters HTML needs are escaped, so URLs in
/// the page source stay readable (Tera's own escaper turns every `/` into `&#x2F;`).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(&mut out, text);
    out
}

/// Appends `text` escaped for use in HTML text or a quoted attribute value.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    // Copy the runs between special characters whole: they are ASCII, so every cut is at a
    // character boundary, and prose (an apostrophe in most paragraphs) is not copied char by char.
    let mut done = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[done..i]);
        out.push_str(entity);
        done = i + 1;
    }
    out.push_str(&text[done..]);
}

/// Appends `#id` escaped for an `href`: ids may hold any letter, so the
/// characters that would end or break the attribute are escaped and spaces
/// percent-encoded.
pub(crate) fn fragment_href_into(out: &mut String, id: &str) {
    out.push('#');
    if !id
        .bytes()
        .any(|b| matches!(b, b' ' | b'"' | b'<' | b'>' | b'&'))
    {
        out.push_str(id);
        return;
    }
    for c in id.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '"' => out.push_str("%22"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
}

/// Everything about a heading element except its level.
#[derive(Debug)]
pub(crate) struct HeadingMarkup<'a> {
    /// The element id.
    pub id: &'a str,
    /// Extra attributes, already rendered as ` class="…" data-x="…"`.
    pub attrs: &'a str,
    /// The inline HTML of the heading text.
    pub inner: &'a str,
    /// Whether to wrap `inner` in a link to the heading itself.
    pub anchor: bool,
}

/// Appends `<hN id="…"…>…</hN>`.
///
/// The anchor is the heading text itself (`<a class="heading-link"
/// href="#id">`): it works without JavaScript, is never an empty link, keeps
/// the heading's accessible name equal to its text, and adds no second
/// focusable element. The caller turns it off when the text already holds a
/// link (links must not nest) or is empty.
pub(crate) fn heading_html(out: &mut String, level: u8, h: &HeadingMarkup<'_>) {
    let level = level.clamp(1, 6);
    out.push_str("<h");
    out.push(char::from(b'0' + level));
    out.push_str(" id=\"");
    escape_into(out, h.id);
    out.push('"');
    out.push_str(h.attrs);
    out.push('>');
    if h.anchor {
        out.push_str("<a class=\"heading-link\" href=\"");
        fragment_href_into(out, h.id);
        out.push_str("\">");
        out.push_str(h.inner);
        out.push_str("</a>");
    } else {
        out.push_str(h.inner);
    }
    out.push_str("</h");
    out.push(char::from(b'0' + level));
    out.push_str(">\n");
}

/// Renders heading classes and attributes as HTML attributes.
///
/// Attribute names outside `[A-Za-z0-9_.:-]`, event handlers (`on…`), and
/// `id`/`class` (handled separately) are dropped: `{onclick=…}` on a heading
/// must not become script.
pub(crate) fn heading_attrs<'s>(
    classes: impl Iterator<Item = &'s str>,
    attrs: &[(
        pulldown_cmark::CowStr<'_>,
        Option<pulldown_cmark::CowStr<'_>>,
    )],
) -> String {
    let mut out = String::new();
    let mut first = true;
    for class in classes {
        out.push_str(if first { " class=\"" } else { " " });
        first = false;
        escape_into(&mut out, class);
    }
    if !first {
        out.push('"');
    }
    for (name, value) in attrs {
        let lower = name.to_ascii_lowercase();
        let safe = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'));
        if !safe || lower.starts_with("on") || lower == "id" || lower == "class" {
            continue;
        }
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        if let Some(value) = value {
            escape_into(&mut out, value);
        }
        out.push('"');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        let cases = [
            (
                "Benefits of deep tissue massage",
                "benefits-of-deep-tissue-massage",
            ),
            ("  What's new?  ", "whats-new"),
            ("Heat & cold: how they help", "heat-cold-how-they-help"),
            ("Café au lait", "café-au-lait"),
            ("ÉTÉ", "été"),
            ("C++ / Rust 2024", "c-rust-2024"),
            ("---", "section"),
            ("", "section"),
            ("?!", "section"),
            ("a--b__c", "a-b-c"),
            ("Don’t panic", "dont-panic"),
        ];
        for (text, want) in cases {
            assert_eq!(slugify(text), want, "{text:?}");
        }
    }

    #[test]
    fn unique_and_reserved_ids() {
        let reserved = ["main", "top"];
        let mut ids = IdAllocator::new(&reserved);
        assert_eq!(ids.unique("main"), "main-2");
        assert_eq!(ids.unique("risks"), "risks");
        assert_eq!(ids.unique("risks"), "risks-2");
        assert_eq!(ids.unique("risks"), "risks-3");
        assert_eq!(ids.unique("risks-2"), "risks-2-2");
        ids.reserve_explicit("later");
        assert_eq!(ids.unique("later"), "later-2");
        assert_eq!(ids.explicit("later"), "later");
        assert_eq!(ids.explicit("later"), "later-3");
        assert_eq!(ids.explicit("top"), "top-2");
    }

    #[test]
    fn heading_markup() {
        let mut out = String::new();
        let h = HeadingMarkup {
            id: "a b",
            attrs: " class=\"x\"",
            inner: "<em>Hi</em>",
            anchor: true,
        };
        heading_html(&mut out, 2, &h);
        assert_eq!(
            out,
            "<h2 id=\"a b\" class=\"x\"><a class=\"heading-link\" href=\"#a%20b\"><em>Hi</em></a></h2>\n"
        );
    }

    #[test]
    fn unsafe_attributes_dropped() {
        use pulldown_cmark::CowStr;
        let attrs = vec![
            (CowStr::from("onclick"), Some(CowStr::from("x()"))),
            (CowStr::from("data-x"), Some(CowStr::from("\"q\""))),
            (CowStr::from("a\"b"), None),
            (CowStr::from("lang"), None),
        ];
        let out = heading_attrs(["wide"].into_iter(), &attrs);
        assert_eq!(out, " class=\"wide\" data-x=\"&quot;q&quot;\" lang=\"\"");
    }
}
