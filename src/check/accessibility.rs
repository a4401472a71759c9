//! Content accessibility: the parts of WCAG an author controls in Markdown, checked at the
//! line that needs the fix.
//!
//! The theme takes care of page structure (landmarks, language, skip link); these rules look
//! at what authors write: image alt text (`a11y/alt-text`), heading levels
//! (`a11y/heading-order`), link text that makes sense out of context (`a11y/link-text`),
//! table header rows (`a11y/table-header`) and long runs of capitals, which screen readers
//! may spell out letter by letter and which are harder for everyone to read (`a11y/all-caps`).

use crate::content::Document;
use crate::diagnostic::{Diagnostic, Span};
use crate::markdown::html_scan::{self, attr};
use crate::markdown::Rendered;

/// Every `a11y/*` finding of one document's body.
pub fn check_document(doc: &Document, r: &Rendered) -> Vec<Diagnostic> {
    let mut out = alt_text(doc, r);
    out.extend(heading_order(doc, r));
    out.extend(link_text(doc, r));
    out.extend(table_header(doc, r));
    out.extend(all_caps(doc, r));
    out
}

/// `a11y/alt-text` for an article's lead image (`image:` without `image_alt:`).
pub fn check_lead_image(doc: &Document) -> Option<Diagnostic> {
    let f = &doc.front;
    let image = f.image.as_deref().filter(|i| !i.trim().is_empty())?;
    let alt = f.image_alt.as_deref().unwrap_or("").trim();
    let problem = alt_problem(alt, image)?;
    Some(
        Diagnostic::warning(
            "a11y/alt-text",
            Span::at(&doc.path, f.line_of("image"), 1),
            format!("the lead image `{image}` {problem}"),
        )
        .with_help("add `image_alt:` with a short description of what the image shows"),
    )
}

/// What is wrong with `alt` as a text alternative for `src`, if anything.
fn alt_problem(alt: &str, src: &str) -> Option<&'static str> {
    let a = alt.trim().to_lowercase();
    if a.is_empty() {
        return Some("has no alt text");
    }
    const EXTENSIONS: &[&str] = &[
        ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp", ".tif", ".tiff",
    ];
    let file = src.rsplit('/').next().unwrap_or(src).to_lowercase();
    let stem = file.rsplit_once('.').map(|(s, _)| s).unwrap_or(&file);
    let camera = ["img", "dsc", "dscn", "pxl", "photo", "image", "screenshot"]
        .iter()
        .any(|p| {
            a.strip_prefix(p).is_some_and(|rest| {
                let rest = rest.trim_start_matches(['_', '-', ' ']);
                !rest.is_empty()
                    && rest
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == '_' || c == '-')
            })
        });
    if EXTENSIONS.iter().any(|e| a.ends_with(e)) || a == file || a == stem || camera {
        return Some("has a file name as its alt text");
    }
    if [
        "image", "picture", "photo", "graphic", "diagram", "img", "icon",
    ]
    .contains(&a.as_str())
    {
        return Some("has alt text that does not say what it shows");
    }
    None
}

fn alt_text(doc: &Document, r: &Rendered) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for img in &r.images {
        if let Some(problem) = alt_problem(&img.alt, &img.src) {
            out.push(
                Diagnostic::warning(
                    "a11y/alt-text",
                    Span::at(&doc.path, img.line, img.column),
                    format!("the image `{}` {problem}", img.src),
                )
                .with_help("describe what the image shows in the brackets: `![A heat pack on the lower back](heat.jpg)`"),
            );
        }
    }
    for raw in &r.raw_html {
        html_scan::for_each_tag(&raw.html, |name, attrs| {
            if !name.eq_ignore_ascii_case("img") {
                return;
            }
            let src = attr(attrs, "src").unwrap_or("");
            // `alt=""` on purpose marks a decorative image in HTML; only a missing alt is flagged.
            let problem = match attr(attrs, "alt") {
                None => Some("has no alt attribute"),
                Some("") => None,
                Some(alt) => alt_problem(alt, src),
            };
            if let Some(problem) = problem {
                out.push(
                    Diagnostic::warning(
                        "a11y/alt-text",
                        Span::at(&doc.path, raw.line, raw.column),
                        format!("the image `{src}` {problem}"),
                    )
                    .with_help(
                        "add alt=\"…\" describing the image, or alt=\"\" if it is only decoration",
                    ),
                );
            }
        });
    }
    out
}

fn heading_order(doc: &Document, r: &Rendered) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // The page title is the h1, so the body starts at h2.
    let mut prev = 1u8;
    for h in &r.headings {
        let span = Span::at(&doc.path, h.line, h.column);
        if h.level == 1 {
            out.push(
                Diagnostic::warning(
                    "a11y/heading-order",
                    span,
                    format!("`# {}` is a second page title: the title from the front matter is already the page's h1", h.text),
                )
                .with_help("start the body's headings at `##`"),
            );
        } else if h.level > prev + 1 {
            out.push(
                Diagnostic::warning(
                    "a11y/heading-order",
                    span,
                    format!(
                        "heading level jumps from h{prev} to h{}: \"{}\"",
                        h.level, h.text
                    ),
                )
                .with_help(format!(
                    "use `{}` here; screen-reader users move around a page by heading level",
                    "#".repeat(usize::from(prev) + 1)
                )),
            );
        }
        prev = h.level;
    }
    out
}

/// Link texts that say nothing about where the link goes.
const VAGUE: &[&str] = &[
    "click here",
    "click",
    "here",
    "read more",
    "more",
    "this page",
    "this link",
    "link",
    "learn more",
    "more info",
    "go",
];

fn link_text(doc: &Document, r: &Rendered) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for l in &r.links {
        let text = l.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let norm = text
            .trim_matches(|c: char| c.is_ascii_punctuation() && c != '#')
            .to_lowercase();
        let span = Span::at(&doc.path, l.line, l.column);
        let lower = text.to_lowercase();
        let problem = if norm.is_empty() {
            // A link around an image takes its name from the alt text.
            if r.images.iter().any(|i| i.line == l.line) {
                continue;
            }
            "has no text".to_string()
        } else if VAGUE.contains(&norm.as_str()) {
            format!("text \"{text}\" does not say where it goes")
        } else if lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("www.")
            || text == l.dest
        {
            format!(
                "text is a bare address ({text}), which screen readers read out letter by letter"
            )
        } else {
            continue;
        };
        out.push(
            Diagnostic::warning("a11y/link-text", span, format!("the link {problem}"))
                .with_help("name the destination in the link text, e.g. `read our [guide to heat therapy](heat.md)`"),
        );
    }
    out
}

fn table_header(doc: &Document, r: &Rendered) -> Vec<Diagnostic> {
    let help =
        "give the table a header row that names each column, so screen readers can announce it";
    let mut out: Vec<Diagnostic> = r
        .tables
        .iter()
        .filter(|t| !t.has_header)
        .map(|t| {
            Diagnostic::warning(
                "a11y/table-header",
                Span::at(&doc.path, t.line, t.column),
                "this table has no header row",
            )
            .with_help(help)
        })
        .collect();
    for raw in &r.raw_html {
        let (mut table, mut th) = (false, false);
        html_scan::for_each_tag(&raw.html, |name, _| {
            table |= name.eq_ignore_ascii_case("table");
            th |= name.eq_ignore_ascii_case("th");
        });
        if table && !th {
            out.push(
                Diagnostic::warning(
                    "a11y/table-header",
                    Span::at(&doc.path, raw.line, raw.column),
                    "this HTML table has no header cells (`<th>`)",
                )
                .with_help(help),
            );
        }
    }
    out
}

/// The first run of shouting in `text`: four or more all-caps words, at least one of them
/// four letters or longer, so that runs of short acronyms ("NHS CDC") pass.
pub fn shouting(text: &str) -> Option<String> {
    // Most prose has no two capitals in a row; skip it without splitting into words.
    let b = text.as_bytes();
    let caps_pair = b
        .windows(2)
        .any(|w| w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase());
    if !caps_pair && text.is_ascii() {
        return None;
    }
    let mut run: Vec<&str> = Vec::new();
    let judge = |run: &[&str]| {
        let long = run
            .iter()
            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4);
        (run.len() >= 4 && long).then(|| run.join(" "))
    };
    for w in text.split_whitespace() {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        if letters == 0 {
            continue; // numbers and dashes neither count nor break a run
        }
        let caps = w
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        if caps && letters >= 2 {
            run.push(w);
        } else if caps {
            continue; // "A" and "I"
        } else {
            if let Some(found) = judge(&run) {
                return Some(found);
            }
            run.clear();
        }
    }
    judge(&run)
}

fn all_caps(doc: &Document, r: &Rendered) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut report = |line: usize, column: usize, found: String| {
        out.push(
            Diagnostic::warning(
                "a11y/all-caps",
                Span::at(&doc.path, line, column),
                format!("\"{found}\" is in capitals, which is harder to read and may be spelt out by screen readers"),
            )
            .with_help("write it in normal case; use **bold** or a callout (`> [!WARNING]`) for emphasis"),
        );
    };
    for h in &r.headings {
        if let Some(found) = shouting(&h.text) {
            report(h.line, h.column, found);
        }
    }
    for p in &r.prose {
        if let Some(found) = shouting(&p.text) {
            report(p.line, p.column, found);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_shouting_but_not_acronyms() {
        assert_eq!(
            shouting("Please DO NOT USE HEAT on it.").as_deref(),
            Some("DO NOT USE HEAT")
        );
        assert_eq!(
            shouting("CALL 911 IF YOU CANNOT MOVE").as_deref(),
            Some("CALL IF YOU CANNOT MOVE")
        );
        assert_eq!(shouting("Ask the NHS, CDC or NIH."), None);
        assert_eq!(shouting("NHS CDC AMA NIH"), None);
        assert_eq!(shouting("An MRI or CT scan"), None);
        assert_eq!(shouting("STOP NOW"), None);
    }

    #[test]
    fn alt_text_problems() {
        assert!(alt_problem("", "a.png").is_some());
        assert!(alt_problem("massage-diagram.svg", "massage-diagram.svg").is_some());
        assert!(alt_problem("massage-diagram", "x/massage-diagram.svg").is_some());
        assert!(alt_problem("IMG_2034", "x.jpg").is_some());
        assert!(alt_problem("image", "x.jpg").is_some());
        assert!(alt_problem("Where the therapist presses on the back", "x.svg").is_none());
    }
}
