//! `plain/key-points`: an article without a summary of its key points.
//!
//! PEMAT (item 13) and the CDC Clear Communication Index (items 2 and 10) ask for the main
//! message up front. An article has one when its front matter lists `key_points:` or its body
//! holds a `> [!KEY]` callout; either is shown at the top of the page and first on the
//! printout. The rule does not depend on the language, so it runs for every article.

use crate::diagnostic::{Diagnostic, Span};
use crate::site::Article;

/// The rule id.
pub const RULE: &str = "plain/key-points";

/// Whether the article has key points: a non-empty `key_points:` list or a `> [!KEY]` callout
/// with content.
pub fn has(article: &Article) -> bool {
    !article.doc.front.key_points.is_empty() || !article.rendered.key_points_html.trim().is_empty()
}

/// A warning on the title line of an article without key points.
pub fn check(article: &Article) -> Option<Diagnostic> {
    (!has(article)).then(|| {
        Diagnostic::warning(
            RULE,
            Span::at(&article.doc.path, article.doc.front.line_of("title"), 1),
            format!(
                "\"{}\" has no key points; readers skim for the main message first",
                article.title()
            ),
        )
        .with_help(
            "list two to five short sentences under `key_points:` in the front matter, or put \
             them in a `> [!KEY]` callout; they are shown at the top of the page",
        )
    })
}
