//! What every format reader gives back: an imported document, in Markdown, with the facts
//! found about it (title, date, tags, images) and what was left out on the way.

use chrono::NaiveDate;
use std::path::PathBuf;

/// Where an imported document goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// `content/articles/`.
    Article,
    /// `content/pages/` (WordPress pages).
    Page,
}

/// An image to copy beside the article (which then becomes a page bundle).
#[derive(Debug, Clone)]
pub struct ImportedImage {
    /// The file name beside `index.md`, as the Markdown refers to it.
    pub name: String,
    /// The bytes of the image.
    pub bytes: Vec<u8>,
    /// Its alt text; empty when the source had none.
    pub alt: String,
}

/// One document read from a source file (a WordPress export gives many).
#[derive(Debug, Clone)]
pub struct ImportedDoc {
    /// Article or page.
    pub kind: DocKind,
    /// The title.
    pub title: String,
    /// A description found in the source (HTML meta description); else the writer takes the
    /// first sentence of the body.
    pub description: Option<String>,
    /// First published, where known.
    pub date: Option<NaiveDate>,
    /// Tags and categories.
    pub tags: Vec<String>,
    /// Authors named in the source.
    pub authors: Vec<String>,
    /// The slug, where the source names one; else one is made from the title.
    pub slug: Option<String>,
    /// Old addresses (paths) that should redirect to the new page.
    pub aliases: Vec<String>,
    /// A draft in the source.
    pub draft: bool,
    /// The body, in Markdown, without the title.
    pub body: String,
    /// Images the body refers to by [`ImportedImage::name`].
    pub images: Vec<ImportedImage>,
    /// What was left out, one line each (e.g. "navigation", "3 comments").
    pub dropped: Vec<String>,
    /// What a person must look at (e.g. "image `x.jpg` was not found").
    pub needs_person: Vec<String>,
    /// Keys other documents use to link here: source file paths, old permalinks.
    pub link_keys: Vec<String>,
}

impl ImportedDoc {
    /// An empty article with this title.
    pub fn new(title: impl Into<String>) -> Self {
        ImportedDoc {
            kind: DocKind::Article,
            title: title.into(),
            description: None,
            date: None,
            tags: Vec::new(),
            authors: Vec::new(),
            slug: None,
            aliases: Vec::new(),
            draft: false,
            body: String::new(),
            images: Vec::new(),
            dropped: Vec::new(),
            needs_person: Vec::new(),
            link_keys: Vec::new(),
        }
    }
}

/// The prefix of a link destination that points at another imported document; the writer
/// replaces it with a relative `.md` path once every document has its place.
pub const LINK_MARKER: &str = "handout-import:";

/// The marker destination for a link to the document known by `key` (plus a `#fragment`).
pub fn link_marker(key: &str) -> String {
    format!("{LINK_MARKER}{}", key.replace(' ', "%20"))
}

/// A source path as a link key.
pub fn path_key(path: &std::path::Path) -> String {
    let p: PathBuf = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    p.to_string_lossy().into_owned()
}

/// Parses the dates old sites and documents write: ISO (with or without a time), "March 3,
/// 2024", "3 March 2024", "Mar 3, 2024", and RFC 2822 (`Mon, 04 Mar 2024 10:00:00 +0000`).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim().trim_end_matches('.');
    if let Some(d) = t
        .get(..10)
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
    {
        return Some(d);
    }
    if let Ok(d) = chrono::DateTime::parse_from_rfc2822(t) {
        return Some(d.date_naive());
    }
    let cleaned: String = t.replace(',', " ");
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let cleaned = strip_ordinals(&cleaned);
    for f in [
        "%B %d %Y",
        "%d %B %Y",
        "%b %d %Y",
        "%d %b %Y",
        "%A %B %d %Y",
        "%A %d %B %Y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(&cleaned, f) {
            return Some(d);
        }
    }
    None
}

/// "3rd" → "3", so "March 3rd, 2024" parses.
fn strip_ordinals(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let digits = w.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
            if !digits.is_empty()
                && digits.len() < w.len()
                && digits.chars().all(|c| c.is_ascii_digit())
            {
                digits
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_common_shapes() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 4);
        for t in [
            "2024-03-04",
            "2024-03-04 10:00:00",
            "2024-03-04T10:00:00+00:00",
            "March 4, 2024",
            "4 March 2024",
            "Mar 4, 2024",
            "March 4th, 2024",
            "Mon, 04 Mar 2024 10:00:00 +0000",
        ] {
            assert_eq!(parse_date(t), d, "{t}");
        }
        assert_eq!(parse_date("last spring"), None);
    }
}
