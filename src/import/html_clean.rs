//! HTML content to Markdown: the page furniture is left out (navigation, scripts, forms,
//! comment threads, share buttons), images are copied into the article's bundle, links to
//! other imported pages are marked for the writer, and the cleaned HTML goes through `htmd`.
//!
//! Shared by saved HTML pages and WordPress exports, whose posts are HTML too.

use super::doc::{link_marker, path_key, ImportedDoc, ImportedImage};
use crate::markdown::slugify;
use scraper::{ElementRef, Node};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// Elements that are never content.
const DROP_TAGS: &[(&str, &str)] = &[
    ("script", "scripts and styles"),
    ("style", "scripts and styles"),
    ("noscript", "scripts and styles"),
    ("template", "scripts and styles"),
    ("nav", "navigation"),
    ("form", "forms and buttons"),
    ("button", "forms and buttons"),
    ("input", "forms and buttons"),
    ("select", "forms and buttons"),
    ("textarea", "forms and buttons"),
    ("iframe", "embedded frames"),
    ("object", "embedded frames"),
    ("embed", "embedded frames"),
    ("svg", "decorative graphics"),
    ("canvas", "decorative graphics"),
    ("aside", "sidebar"),
    ("footer", "page footer"),
];

/// Words in a class or id that mark page furniture, and what to call it in the report.
const DROP_WORDS: &[(&str, &str)] = &[
    ("comment", "comment thread"),
    ("comments", "comment thread"),
    ("respond", "comment thread"),
    ("reply", "comment thread"),
    ("share", "share buttons"),
    ("sharing", "share buttons"),
    ("sharedaddy", "share buttons"),
    ("social", "share buttons"),
    ("addtoany", "share buttons"),
    ("related", "related posts"),
    ("relatedposts", "related posts"),
    ("nav", "navigation"),
    ("navigation", "navigation"),
    ("menu", "navigation"),
    ("breadcrumb", "navigation"),
    ("breadcrumbs", "navigation"),
    ("pagination", "navigation"),
    ("sidebar", "sidebar"),
    ("widget", "sidebar"),
    ("cookie", "cookie banner"),
    ("newsletter", "newsletter sign-up"),
    ("subscribe", "newsletter sign-up"),
    ("advert", "advertising"),
    ("ads", "advertising"),
    ("byline", "post details"),
    ("meta", "post details"),
    ("postmetadata", "post details"),
    ("tags", "post details"),
    ("skip", "navigation"),
];

/// What links may point to: the keys of every document in this import.
#[derive(Debug, Default)]
pub struct LinkTargets {
    /// Source paths and old addresses of the imported documents.
    pub keys: HashSet<String>,
}

impl LinkTargets {
    /// The key for an old address: its path, with a final `/` for folders.
    pub fn url_key(url: &str) -> String {
        let rest = url
            .split_once("://")
            .map_or(url, |(_, r)| r.find('/').map_or("/", |i| &r[i..]));
        let path = rest.split(['#', '?']).next().unwrap_or("/");
        let mut key = format!("url:{path}");
        if !key.ends_with('/') && !path.rsplit('/').next().unwrap_or("").contains('.') {
            key.push('/');
        }
        key
    }
}

/// Converts the content of `root` (skipping the element `skip`, the title's `<h1>`) into
/// Markdown in `doc.body`. `base` is the folder relative links and images start from.
pub fn convert<'t>(
    root: ElementRef<'t>,
    skip: Option<ElementRef<'t>>,
    base: &Path,
    targets: &LinkTargets,
    doc: &mut ImportedDoc,
) {
    let mut c = Cleaner {
        html: String::new(),
        base,
        targets,
        skip,
        dropped: BTreeMap::new(),
        doc,
    };
    c.children(root);
    let html = std::mem::take(&mut c.html);
    for (what, n) in std::mem::take(&mut c.dropped) {
        let times = if n == 1 {
            String::new()
        } else {
            format!(" ({n} parts)")
        };
        c.doc.dropped.push(format!("{what}{times}"));
    }
    doc.body = to_markdown(&html);
}

/// Runs `htmd` with the list style handout's own articles use.
fn to_markdown(html: &str) -> String {
    let options = htmd::options::Options {
        bullet_list_marker: htmd::options::BulletListMarker::Dash,
        ul_bullet_spacing: 1,
        ol_number_spacing: 1,
        ..Default::default()
    };
    let converter = htmd::HtmlToMarkdown::builder().options(options).build();
    converter.convert(html).unwrap_or_default()
}

struct Cleaner<'a, 't> {
    html: String,
    base: &'a Path,
    targets: &'a LinkTargets,
    skip: Option<ElementRef<'t>>,
    dropped: BTreeMap<&'static str, usize>,
    doc: &'a mut ImportedDoc,
}

impl<'t> Cleaner<'_, 't> {
    fn children(&mut self, el: ElementRef<'t>) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => self.html.push_str(&escape(t)),
                Node::Element(_) => {
                    if let Some(e) = ElementRef::wrap(child) {
                        self.element(e);
                    }
                }
                // HTML comments (and WordPress block markers) are not content.
                _ => {}
            }
        }
    }

    fn element(&mut self, el: ElementRef<'t>) {
        if Some(el) == self.skip {
            return;
        }
        let name = el.value().name();
        if let Some(reason) = drop_reason(el) {
            *self.dropped.entry(reason).or_default() += 1;
            return;
        }
        match name {
            "img" => self.image(el),
            "a" => self.link(el),
            "br" | "hr" => self.html.push_str(&format!("<{name}>")),
            // A question in an accordion or a definition list stands as its own paragraph,
            // so the writer can make it a FAQ question.
            "summary" | "dt" | "dd" => {
                self.html.push_str("<p>");
                self.children(el);
                self.html.push_str("</p>");
            }
            // Layout wrappers carry no meaning of their own.
            "div" | "section" | "article" | "main" | "span" | "figure" | "font" | "center"
            | "body" | "html" | "details" | "dl" => self.children(el),
            "header" => self.header(el),
            _ => {
                self.html.push_str(&format!("<{name}>"));
                self.children(el);
                self.html.push_str(&format!("</{name}>"));
            }
        }
    }

    /// An article's header holds its title and details about the post (category, byline,
    /// date, reading time): headings are kept, the details are not content.
    fn header(&mut self, el: ElementRef<'t>) {
        let mut details = false;
        for child in el.children().filter_map(ElementRef::wrap) {
            if matches!(
                child.value().name(),
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            ) {
                self.element(child);
            } else if Some(child) != self.skip && child.text().any(|t| !t.trim().is_empty()) {
                details = true;
            }
        }
        if details {
            *self.dropped.entry("post details").or_default() += 1;
        }
    }

    /// Copies the image into the bundle when its file can be found; otherwise leaves it out
    /// and says so.
    fn image(&mut self, el: ElementRef<'_>) {
        let e = el.value();
        let src = e.attr("src").or_else(|| e.attr("data-src")).unwrap_or("");
        let alt = e.attr("alt").unwrap_or("").trim().to_string();
        let Some(file) = find_local(self.base, src) else {
            self.doc.needs_person.push(format!(
                "image `{src}` was not found on this computer and was left out; put the file beside the article and add it back"
            ));
            return;
        };
        let Ok(bytes) = std::fs::read(&file) else {
            self.doc
                .needs_person
                .push(format!("image `{}` could not be read", file.display()));
            return;
        };
        let name = self.image_name(&file);
        if alt.is_empty() {
            self.doc.needs_person.push(format!(
                "image `{name}` has no alt text; describe what it shows"
            ));
        }
        self.html.push_str(&format!(
            "<img src=\"{}\" alt=\"{}\">",
            escape(&name),
            escape(&alt)
        ));
        self.doc.images.push(ImportedImage { name, bytes, alt });
    }

    /// A file name for the image beside the article, unique in this document.
    fn image_name(&self, file: &Path) -> String {
        let stem = slugify(&file.file_stem().unwrap_or_default().to_string_lossy());
        let ext = file
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_else(|| "img".into());
        let mut name = format!("{stem}.{ext}");
        let mut n = 2;
        while self.doc.images.iter().any(|i| i.name == name) {
            name = format!("{stem}-{n}.{ext}");
            n += 1;
        }
        name
    }

    /// Keeps links to other sites, marks links to imported pages, and turns links to pages
    /// that were not imported into plain text (they would lead nowhere on the new site).
    fn link(&mut self, el: ElementRef<'t>) {
        let href = el.value().attr("href").unwrap_or("").trim();
        let dest = self.link_dest(href);
        match dest {
            Some(d) => {
                self.html.push_str(&format!("<a href=\"{}\">", escape(&d)));
                self.children(el);
                self.html.push_str("</a>");
            }
            None => {
                if !href.is_empty() && !href.starts_with('#') {
                    self.doc.dropped.push(format!(
                        "link to `{href}` (not imported; its text was kept)"
                    ));
                }
                self.children(el);
            }
        }
    }

    fn link_dest(&self, href: &str) -> Option<String> {
        if href.is_empty() || href.starts_with('#') || href.starts_with("javascript:") {
            return None;
        }
        if href.starts_with("mailto:") || href.starts_with("tel:") {
            return Some(href.to_string());
        }
        if href.contains("://") || href.starts_with('/') {
            let key = LinkTargets::url_key(href);
            if self.targets.keys.contains(&key) {
                return Some(link_marker(&key));
            }
            return href.contains("://").then(|| href.to_string());
        }
        let path = href.split(['#', '?']).next().unwrap_or("");
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let key = path_key(&self.base.join(decoded.as_ref()));
        self.targets.keys.contains(&key).then(|| link_marker(&key))
    }
}

/// Why an element is page furniture, if it is.
pub fn drop_reason(el: ElementRef<'_>) -> Option<&'static str> {
    let e = el.value();
    if let Some((_, why)) = DROP_TAGS.iter().find(|(t, _)| *t == e.name()) {
        return Some(why);
    }
    if e.attr("role")
        .is_some_and(|r| r == "navigation" || r == "banner" || r == "complementary")
    {
        return Some("navigation");
    }
    let names = e.classes().chain(e.id());
    for name in names {
        for word in name.split(['-', '_']) {
            let word = word.to_ascii_lowercase();
            if let Some((_, why)) = DROP_WORDS.iter().find(|(w, _)| *w == word) {
                return Some(why);
            }
        }
    }
    None
}

/// Finds an image's file: relative to the page, or for an address on the old site, under
/// the page's folder by its path, its WordPress uploads path, or its file name.
fn find_local(base: &Path, src: &str) -> Option<PathBuf> {
    if src.is_empty() || src.starts_with("data:") {
        return None;
    }
    let path = src.split(['?', '#']).next().unwrap_or("");
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let mut candidates = Vec::new();
    let is_remote = path.contains("://") || path.starts_with("//");
    if !is_remote {
        candidates.push(base.join(path.trim_start_matches('/')));
    } else {
        let after_host = path
            .trim_start_matches("//")
            .split_once("://")
            .map_or(path.as_ref(), |(_, r)| r)
            .split_once('/')
            .map_or("", |(_, p)| p);
        candidates.push(base.join(after_host));
        if let Some((_, rest)) = after_host.split_once("wp-content/uploads/") {
            candidates.push(base.join("uploads").join(rest));
        }
    }
    if let Some(name) = path.rsplit('/').next().filter(|n| !n.is_empty()) {
        candidates.push(base.join(name));
    }
    candidates.into_iter().find(|p| p.is_file())
}

/// Escapes text for the HTML handed to `htmd`.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_keys_ignore_host_and_fragment() {
        assert_eq!(
            LinkTargets::url_key("https://x.example/2024/01/knee/#a"),
            "url:/2024/01/knee/"
        );
        assert_eq!(
            LinkTargets::url_key("https://x.example/2024/01/knee"),
            "url:/2024/01/knee/"
        );
        assert_eq!(LinkTargets::url_key("/page.html"), "url:/page.html");
    }

    #[test]
    fn furniture_is_dropped_and_reported() {
        let html = scraper::Html::parse_fragment(
            "<p>Keep <a href=\"https://nhs.example/\">this</a>.</p><nav>Home</nav><div class=\"comments-area\">Nice!</div><ul class=\"share-buttons\"><li>Tweet</li></ul>",
        );
        let mut doc = ImportedDoc::new("t");
        convert(
            html.root_element(),
            None,
            Path::new("."),
            &LinkTargets::default(),
            &mut doc,
        );
        assert_eq!(doc.body.trim(), "Keep [this](https://nhs.example/).");
        assert!(
            doc.dropped.iter().any(|d| d == "navigation"),
            "{:?}",
            doc.dropped
        );
        assert!(
            doc.dropped.iter().any(|d| d == "comment thread"),
            "{:?}",
            doc.dropped
        );
        assert!(
            doc.dropped.iter().any(|d| d == "share buttons"),
            "{:?}",
            doc.dropped
        );
    }
}
