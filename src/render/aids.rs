//! What pages show to help a reader take in a guide: its key points, the glossary terms it
//! explains, and the glossary page.
//!
//! Takes in the site and an article; gives out HTML fragments and views the templates place
//! (see the `key_points` and `terms_used` components and `glossary.html`).

use serde::Serialize;

use crate::markdown::escape_html;
use crate::site::{Article, Site, Term, GLOSSARY_PATH};

/// The article's key points as a list: front matter `key_points:` when given (each item
/// escaped), else the body of its `> [!KEY]` callouts as rendered, else "".
pub(crate) fn key_points_html(a: &Article) -> String {
    let points = &a.doc.front.key_points;
    if points.is_empty() {
        return a.rendered.key_points_html.clone();
    }
    let mut html = String::from("<ul>\n");
    for p in points {
        html.push_str("<li>");
        html.push_str(&escape_html(p));
        html.push_str("</li>\n");
    }
    html.push_str("</ul>\n");
    html
}

/// A glossary term as pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct TermView<'a> {
    /// The term.
    pub term: &'a str,
    /// Its id on the glossary page.
    pub slug: &'a str,
    /// Other forms and synonyms.
    pub also: &'a [String],
    /// The plain definition.
    pub definition: &'a str,
    /// Its entry on the glossary page.
    pub url: String,
}

/// The terms under one letter of the glossary page.
#[derive(Debug, Clone, Serialize)]
pub struct LetterView<'a> {
    /// "A", "B", …; "#" for terms that start with anything but a letter.
    pub letter: String,
    /// The heading's id: `letter-a`.
    pub id: String,
    /// The terms, A–Z.
    pub terms: Vec<TermView<'a>>,
}

/// The glossary page's content.
#[derive(Debug, Clone, Serialize)]
pub struct GlossaryView<'a> {
    /// One group per first letter, in order.
    pub letters: Vec<LetterView<'a>>,
}

fn term_view<'a>(site: &Site, t: &'a Term) -> TermView<'a> {
    TermView {
        term: &t.term,
        slug: &t.slug,
        also: &t.also,
        definition: &t.definition,
        url: format!("{}#{}", site.config.url(GLOSSARY_PATH), t.slug),
    }
}

/// The glossary terms marked in an article, in order of first use.
pub(crate) fn terms_used<'a>(site: &'a Site, a: &'a Article) -> Vec<TermView<'a>> {
    a.rendered
        .glossary_terms
        .iter()
        .filter_map(|slug| site.glossary.term(slug))
        .map(|t| term_view(site, t))
        .collect()
}

/// The glossary grouped by first letter (the terms are already sorted A–Z).
pub(crate) fn glossary_view(site: &Site) -> GlossaryView<'_> {
    let mut letters: Vec<LetterView<'_>> = Vec::new();
    for t in &site.glossary.terms {
        let letter = t
            .term
            .chars()
            .next()
            .filter(|c| c.is_alphabetic())
            .map_or_else(|| "#".to_string(), |c| c.to_uppercase().collect());
        if letters.last().is_none_or(|l| l.letter != letter) {
            let id = match letter.as_str() {
                "#" => "letter-other".to_string(),
                l => format!("letter-{}", l.to_lowercase()),
            };
            letters.push(LetterView {
                letter,
                id,
                terms: Vec::new(),
            });
        }
        if let Some(group) = letters.last_mut() {
            group.terms.push(term_view(site, t));
        }
    }
    GlossaryView { letters }
}

/// The urgent-care callouts in a section's HTML, in order, each whole (up to the `</div>`
/// that closes it, counting the `div`s inside).
pub(crate) fn urgent_callouts(html: &str) -> String {
    const OPENINGS: [&str; 3] = [
        "<div class=\"callout callout-emergency\"",
        "<div class=\"callout callout-urgent\"",
        "<div class=\"callout callout-routine\"",
    ];
    let mut out = String::new();
    let mut at = 0;
    while let Some(start) = OPENINGS
        .iter()
        .filter_map(|o| html.get(at..)?.find(o).map(|i| at + i))
        .min()
    {
        let end = div_end(html, start).unwrap_or(html.len());
        out.push_str(html.get(start..end).unwrap_or(""));
        out.push('\n');
        at = end;
    }
    out
}

/// The end of the `div` that opens at `start`: just past its matching `</div>`.
fn div_end(html: &str, start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = start;
    loop {
        let rest = html.get(at..)?;
        let open = rest.find("<div");
        let close = rest.find("</div>")?;
        match open {
            Some(o) if o < close => {
                depth += 1;
                at += o + 4;
            }
            _ => {
                depth = depth.saturating_sub(1);
                at += close + 6;
                if depth == 0 {
                    return Some(at);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urgent_callouts_are_taken_whole_and_others_left() {
        let html = "<p>a</p><div class=\"callout callout-note\" role=\"note\"><p>n</p></div>\
                    <div class=\"callout callout-urgent\" role=\"note\"><div class=\"t\">x</div><p>u</p></div><p>b</p>";
        assert_eq!(
            urgent_callouts(html),
            "<div class=\"callout callout-urgent\" role=\"note\"><div class=\"t\">x</div><p>u</p></div>\n"
        );
        assert_eq!(
            urgent_callouts("<div class=\"callout callout-emergency\"><p>open"),
            "<div class=\"callout callout-emergency\"><p>open\n"
        );
    }
}
