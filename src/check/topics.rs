//! Topic pages: how each `##` section of an article was classified, and the rules about it.
//!
//! - `topics/uncertain`: a section that came close to a topic without reaching it, so the
//!   editor can say which it is (`{.precautions}` or `{.plain}`);
//! - `topics/missing-risks`: an article with benefits but no precautions: patients must see
//!   risks beside benefits (CDC Clear Communication Index, item 19);
//! - `topics/none`: an article with no topic sections, so it gets no topic pages at all.
//!
//! `topics/unknown-class` (a mistyped kind such as `{.precaution}`) is found when the site is
//! built, because it is an error; check reports it with the other build errors.

use crate::diagnostic::{Diagnostic, Span};
use crate::markdown::{DecidedBy, SectionKind};
use crate::site::Article;
use serde_json::{json, Value};
use std::fmt::Write as _;

/// How one `##` section was classified, as check shows it.
#[derive(Debug, Clone)]
pub struct SectionClass {
    /// The heading's plain text.
    pub heading: String,
    /// File line of the heading.
    pub line: usize,
    /// The kind.
    pub kind: SectionKind,
    /// What decided it.
    pub by: DecidedBy,
    /// The cue that decided it, in words.
    pub cue: String,
    /// For a plain section: the topic it came close to.
    pub near: Option<SectionKind>,
}

/// The classification of every `##` section of an article, in order.
pub fn sections(a: &Article) -> Vec<SectionClass> {
    a.rendered
        .sections
        .iter()
        .map(|s| SectionClass {
            heading: s.heading.clone(),
            line: s.line,
            kind: s.kind,
            by: s.classification.by,
            cue: s.classification.cue.clone(),
            near: s.classification.near,
        })
        .collect()
}

/// The topic rules for one article.
pub fn check_article(a: &Article) -> Vec<Diagnostic> {
    let doc = &a.doc;
    let sections = &a.rendered.sections;
    let mut out = Vec::new();
    for s in sections {
        let Some(near) = s.classification.near else {
            continue;
        };
        let name = near.label().to_lowercase();
        out.push(
            Diagnostic::warning(
                "topics/uncertain",
                Span::at(&doc.path, s.line, 1),
                format!(
                    "\"{}\" looks like {name} but is not sure enough to go on that page ({})",
                    s.heading, s.classification.cue
                ),
            )
            .with_help(format!(
                "add {{.{}}} to the heading to put it on the {name} page, or {{.plain}} to keep it off",
                near.key()
            )),
        );
    }
    let has = |kind: SectionKind| sections.iter().find(|s| s.kind == kind);
    if let (Some(benefits), None) = (has(SectionKind::Benefits), has(SectionKind::Precautions)) {
        out.push(
            Diagnostic::warning(
                "topics/missing-risks",
                Span::at(&doc.path, benefits.line, 1),
                format!(
                    "\"{}\" tells patients the benefits, but the article has no precautions section",
                    benefits.heading
                ),
            )
            .with_help(
                "patients need the risks beside the benefits (CDC Clear Communication Index, item 19): \
                 add a section such as `## Risks and side effects`, or mark the section that covers them `{.precautions}`",
            ),
        );
    }
    if !sections.iter().any(|s| s.kind.is_topic()) {
        let line = sections
            .first()
            .map_or_else(|| doc.front.line_of("title"), |s| s.line);
        out.push(
            Diagnostic::warning(
                "topics/none",
                Span::at(&doc.path, line, 1),
                "no section is about benefits, what to expect or precautions, so the article has no topic pages",
            )
            .with_help(
                "give those sections `##` headings that say what they cover (`## How it helps`, `## What happens`, \
                 `## Risks`), or mark a heading `{.benefits}`, `{.what-to-expect}` or `{.precautions}`",
            ),
        );
    }
    out
}

/// What decided a section, as a short label.
fn decided_label(c: &SectionClass) -> String {
    match c.by {
        DecidedBy::NoCue => match c.near {
            Some(near) => format!("plain: close to {}, {}", near.key(), c.cue),
            None => "plain: no topic cue".to_string(),
        },
        _ => c.cue.clone(),
    }
}

/// The classification of each article's sections as text: the file, then one line per
/// `##` section with its line, kind, heading and the cue that decided it.
pub fn sections_text(articles: &[super::ArticleSummary]) -> String {
    let mut s = String::new();
    if articles.iter().all(|a| a.sections.is_empty()) {
        return s;
    }
    s.push_str("How each section was classified (kind, heading, deciding cue):\n");
    for a in articles {
        let _ = writeln!(s, "{}", a.path.to_string_lossy().replace('\\', "/"));
        if a.sections.is_empty() {
            s.push_str("  (no ## sections)\n");
        }
        for c in &a.sections {
            let _ = writeln!(
                s,
                "  {:>4}  {:<14}  {}  [{}]",
                c.line,
                c.kind.key(),
                c.heading,
                decided_label(c)
            );
        }
    }
    s.push('\n');
    s
}

/// One article's sections for `--format json`.
pub fn sections_json(sections: &[SectionClass]) -> Vec<Value> {
    sections
        .iter()
        .map(|c| {
            json!({
                "heading": c.heading,
                "line": c.line,
                "kind": c.kind.key(),
                "decided_by": c.by,
                "cue": c.cue,
                "near": c.near.map(|k| k.key()),
            })
        })
        .collect()
}

/// One article's sections for the HTML report: a list with the kind, heading and cue.
pub fn sections_html(s: &mut String, sections: &[SectionClass], esc: impl Fn(&str) -> String) {
    if sections.is_empty() {
        s.push_str("No <code>##</code> sections");
        return;
    }
    s.push_str("<ul class=\"sections\">");
    for c in sections {
        let _ = write!(
            s,
            "<li><span class=\"kind\">{}</span> {} <span class=\"cue\">line {}: {}</span></li>",
            esc(c.kind.key()),
            esc(&c.heading),
            c.line,
            esc(&decided_label(c)),
        );
    }
    s.push_str("</ul>");
}
