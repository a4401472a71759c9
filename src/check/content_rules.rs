//! Metadata and content completeness, and unsafe raw HTML.
//!
//! - `meta/description`: search results and link previews show the description, so it must
//!   exist and fit (50–160 characters);
//! - `meta/duplicate`: two pages with one title or description confuse patients choosing
//!   between search results;
//! - `content/empty-section`: a heading with nothing under it (a topic section becomes an
//!   empty topic page);
//! - `content/faq-answer`: a FAQ question with no answer (also invalid structured data);
//! - `security/raw-html`: `<script>`, inline event handlers or `javascript:` URLs in raw HTML,
//!   which the site's Content-Security-Policy blocks anyway and which have no place in
//!   patient information.

use crate::content::Document;
use crate::diagnostic::{Diagnostic, Span};
use crate::markdown::html_scan;
use crate::markdown::{Rendered, SectionKind};
use crate::site::Site;
use std::collections::HashMap;
use std::path::Path;

/// The shortest and longest description search engines show in full.
pub const DESCRIPTION_CHARS: (usize, usize) = (50, 160);

/// `meta/description` for an article or page.
pub fn check_description(doc: &Document, description: Option<&str>) -> Option<Diagnostic> {
    let (min, max) = DESCRIPTION_CHARS;
    let f = &doc.front;
    let Some(d) = description.map(str::trim).filter(|d| !d.is_empty()) else {
        return Some(
            Diagnostic::warning(
                "meta/description",
                Span::at(&doc.path, f.line_of("title"), 1),
                "no `description`: search results and shared links will show no summary",
            )
            .with_help(format!(
                "add `description:` with one or two sentences ({min}–{max} characters) saying what the page covers"
            )),
        );
    };
    let n = d.chars().count();
    let span = Span::at(&doc.path, f.line_of("description"), 1);
    if n < min {
        Some(
            Diagnostic::warning(
                "meta/description",
                span,
                format!("the description is {n} characters long; search results show {min}–{max}"),
            )
            .with_help("say in a sentence or two what the reader will learn"),
        )
    } else if n > max {
        Some(
            Diagnostic::warning(
                "meta/description",
                span,
                format!("the description is {n} characters long; search results cut it after about {max}"),
            )
            .with_help("shorten it to one or two plain sentences"),
        )
    } else {
        None
    }
}

/// `meta/duplicate`: articles and pages that share a title or a description.
pub fn check_duplicates(site: &Site) -> Vec<Diagnostic> {
    let docs: Vec<&Document> = site
        .articles
        .iter()
        .map(|a| &a.doc)
        .chain(site.pages.iter().map(|p| &p.doc))
        .collect();
    let mut out = Vec::new();
    let mut by_title: HashMap<String, &Path> = HashMap::new();
    let mut by_desc: HashMap<String, &Path> = HashMap::new();
    let key = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    for doc in docs {
        let f = &doc.front;
        match by_title.get(&key(&f.title)) {
            Some(first) => out.push(
                Diagnostic::warning(
                    "meta/duplicate",
                    Span::at(&doc.path, f.line_of("title"), 1),
                    format!("the title \"{}\" is also the title of {}", f.title, first.display()),
                )
                .with_help("give each page its own title, so patients can tell them apart in search results"),
            ),
            None => {
                by_title.insert(key(&f.title), &doc.path);
            }
        }
        if let Some(d) = f.description.as_deref().filter(|d| !d.trim().is_empty()) {
            match by_desc.get(&key(d)) {
                Some(first) => out.push(
                    Diagnostic::warning(
                        "meta/duplicate",
                        Span::at(&doc.path, f.line_of("description"), 1),
                        format!(
                            "this description is also the description of {}",
                            first.display()
                        ),
                    )
                    .with_help("describe what is special about this page"),
                ),
                None => {
                    by_desc.insert(key(d), &doc.path);
                }
            }
        }
    }
    out
}

/// `print/base-url`: a printed handout shows the page's address and a QR code to it, both
/// built on `base_url`; without a full address both are useless on paper.
pub fn check_print_address(site: &Site) -> Option<Diagnostic> {
    if site.config.base_url.starts_with("http") {
        return None;
    }
    Some(
        Diagnostic::warning(
            "print/base-url",
            Span::at(crate::config::CONFIG_FILE, 1, 1),
            "base_url is not a full web address, so printed handouts show no usable address and their QR code leads nowhere",
        )
        .with_help("set `base_url:` in site.yaml to the address the site is published at, e.g. `https://www.myclinic.example/`"),
    )
}

/// `content/*` and `security/raw-html` findings of one document.
pub fn check_document(doc: &Document, r: &Rendered) -> Vec<Diagnostic> {
    let mut out = empty_sections(doc, r);
    out.extend(faq_answers(doc, r));
    out.extend(raw_html(doc, r));
    out
}

fn empty_sections(doc: &Document, r: &Rendered) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for s in &r.sections {
        if !s.faq.is_empty() || has_content(&s.html) {
            continue;
        }
        let topic = SectionKind::TOPICS.contains(&s.kind);
        let msg = if topic {
            format!(
                "the section \"{}\" is empty, so its {} page would be empty",
                s.heading,
                s.kind.label().to_lowercase()
            )
        } else {
            format!("the section \"{}\" is empty", s.heading)
        };
        out.push(
            Diagnostic::warning("content/empty-section", Span::at(&doc.path, s.line, 1), msg)
                .with_help("write the section, or remove its heading until it is ready"),
        );
    }
    out
}

/// Whether rendered HTML shows anything: text, or an image, table or media element.
fn has_content(html: &str) -> bool {
    let mut media = false;
    html_scan::for_each_tag(html, |name, _| {
        media |= ["img", "table", "video", "audio", "iframe", "svg", "figure"]
            .iter()
            .any(|t| name.eq_ignore_ascii_case(t));
    });
    if media {
        return true;
    }
    let mut text = false;
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag && !c.is_whitespace() => {
                text = true;
                break;
            }
            _ => {}
        }
    }
    text
}

fn faq_answers(doc: &Document, r: &Rendered) -> Vec<Diagnostic> {
    r.sections
        .iter()
        .flat_map(|s| s.faq.iter())
        .filter(|q| q.answer_text.trim().is_empty())
        .map(|q| {
            Diagnostic::warning(
                "content/faq-answer",
                Span::at(&doc.path, q.line, 1),
                format!("the question \"{}\" has no answer", q.question),
            )
            .with_help("write the answer under the question's heading, or remove the question")
        })
        .collect()
}

fn raw_html(doc: &Document, r: &Rendered) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for raw in &r.raw_html {
        let found = html_scan::dangers(&raw.html);
        for what in found {
            out.push(
                Diagnostic::error(
                    "security/raw-html",
                    Span::at(&doc.path, raw.line, raw.column),
                    format!("raw HTML contains {what}"),
                )
                .with_help("remove it: the site's security policy blocks scripts in pages, and patient information does not need them"),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_detection() {
        assert!(!has_content("\n<p>  </p>\n"));
        assert!(has_content("<p>Hi</p>"));
        assert!(has_content("<p><img src=a.png alt=x></p>"));
        assert!(!has_content(""));
    }
}
