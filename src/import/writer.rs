//! The shared Markdown writer: front matter, a description from the first sentence, heading
//! levels that start at `##`, where each document goes, and links between imported
//! documents made relative `.md` links.

use super::doc::{DocKind, ImportedDoc, LINK_MARKER};
use crate::check::readability::split_sentences;
use crate::markdown::{slugify, SectionKind, TopicRules};
use regex::Regex;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::LazyLock;

/// The longest description search engines show in full.
const MAX_DESCRIPTION: usize = 160;

/// Front matter of an imported document. `reviewed` and `reviewer` are left out on purpose:
/// `handout check` then asks for a clinical review before publishing.
#[derive(Serialize)]
struct Front<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    authors: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    aliases: &'a [String],
    #[serde(skip_serializing_if = "is_false")]
    draft: bool,
}

fn is_false(b: &bool) -> bool {
    !b
}

/// The whole Markdown file of a document whose body already has its links resolved.
pub fn file_text(doc: &ImportedDoc) -> String {
    let front = Front {
        title: &doc.title,
        description: description(doc),
        date: doc.date.map(|d| d.to_string()),
        authors: &doc.authors,
        tags: &doc.tags,
        aliases: &doc.aliases,
        draft: doc.draft,
    };
    let yaml =
        serde_yaml::to_string(&front).unwrap_or_else(|_| format!("title: {:?}\n", doc.title));
    format!("---\n{yaml}---\n\n{}", doc.body.trim_start())
}

/// The description: the source's own when it fits in 160 characters, else the first
/// sentence (of the source's own or of the first paragraph), cut at a word if still longer.
pub fn description(doc: &ImportedDoc) -> Option<String> {
    let own = doc
        .description
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty());
    if let Some(d) = own.filter(|d| d.chars().count() <= MAX_DESCRIPTION) {
        return Some(d.to_string());
    }
    let text = own
        .map(String::from)
        .or_else(|| first_paragraph(&doc.body))?;
    let sentence = split_sentences(&text)
        .first()
        .map(|(_, s)| s.trim())
        .filter(|s| !s.is_empty())
        .unwrap_or(&text)
        .to_string();
    Some(cut(&sentence, MAX_DESCRIPTION)).filter(|s| !s.is_empty())
}

static MD_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"!?\[([^\]]*)\]\([^)]*\)").unwrap_or_else(|_| unreachable!("fixed pattern"))
});

/// The plain text of the first paragraph of Markdown.
fn first_paragraph(body: &str) -> Option<String> {
    let para = body.split("\n\n").map(str::trim).find(|b| {
        !b.is_empty()
            && !b.starts_with(['#', '>', '-', '|', '!', '<'])
            && !b.starts_with(|c: char| c.is_ascii_digit())
    })?;
    let text = MD_LINK.replace_all(para, "$1");
    let text: String = text
        .chars()
        .filter(|c| !matches!(c, '*' | '\\' | '`'))
        .collect();
    Some(text.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|t| !t.is_empty())
}

/// Cuts text to at most `max` characters at a word boundary, with "…" when cut.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 2 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push('…');
    out
}

/// Makes the body's headings start at `##` (the title is the page's only `#`).
pub fn normalise_headings(body: &str) -> String {
    let mut fence = false;
    let level = |l: &str| {
        let n = l.chars().take_while(|c| *c == '#').count();
        ((1..=6).contains(&n) && l[n..].starts_with(' ')).then_some(n)
    };
    let mut min = 7;
    for l in body.lines() {
        if l.starts_with("```") || l.starts_with("~~~") {
            fence = !fence;
        } else if let Some(n) = level(l).filter(|_| !fence) {
            min = min.min(n);
        }
    }
    if min == 2 || min == 7 {
        return body.to_string();
    }
    let mut out = String::with_capacity(body.len() + 16);
    fence = false;
    for l in body.lines() {
        if l.starts_with("```") || l.starts_with("~~~") {
            fence = !fence;
        }
        match level(l).filter(|_| !fence) {
            Some(n) => {
                let new = (n + 2).saturating_sub(min).clamp(2, 6);
                out.push_str(&"#".repeat(new));
                out.push_str(&l[n..]);
            }
            None => out.push_str(l),
        }
        out.push('\n');
    }
    out
}

/// Brings a body read from any format to the shape handout's articles have: bold
/// paragraphs as headings, headings from `##`, FAQ questions as `###`, labelled notes as
/// callouts, and a final newline.
pub fn tidy(d: &mut ImportedDoc, rules: &TopicRules) {
    let body = normalise_headings(&promote_bold_paragraphs(&d.body, rules));
    let (mut body, callouts) = mark_callouts(&mark_faq_questions(&body, rules));
    if callouts > 0 {
        d.needs_person.push(format!(
            "{callouts} note(s) kept as callouts; check they agree with the site's disclaimer"
        ));
    }
    if !body.ends_with('\n') {
        body.push('\n');
    }
    d.body = body;
}

/// Makes a paragraph that is only bold text, short and without closing punctuation, a
/// heading: a section (`##`) when it is the first or names a topic ("Precautions"), else a
/// sub-heading (`###`) under the heading before it. Old
/// editors and many writers make headings that way.
pub fn promote_bold_paragraphs(body: &str, rules: &TopicRules) -> String {
    let mut seen_heading = false;
    let blocks: Vec<String> = body
        .split("\n\n")
        .map(|block| {
            let b = block.trim();
            if b.starts_with('#') {
                seen_heading = true;
            }
            let inner = b
                .strip_prefix("**")
                .and_then(|x| x.strip_suffix("**"))
                .filter(|x| !x.contains("**") && !x.contains('\n'));
            match inner.filter(|x| super::text_lines::is_heading_like(x)) {
                Some(text) => {
                    let question = strip_label(text, &["Q", "Question"]).is_some();
                    let names_topic = !question && rules.classify(text) != SectionKind::Plain;
                    let level = if seen_heading && !names_topic {
                        "###"
                    } else {
                        "##"
                    };
                    seen_heading = true;
                    format!("{level} {text}")
                }
                None => block.to_string(),
            }
        })
        .collect();
    blocks.join("\n\n")
}

/// In a FAQ section (by the site's own classifier), makes each question a `###` heading: a
/// paragraph that is one short question, or one written "Q: …" (whose answer's "A:" goes).
pub fn mark_faq_questions(body: &str, rules: &TopicRules) -> String {
    let mut in_faq = false;
    let blocks: Vec<String> = body
        .split("\n\n")
        .map(|block| {
            let b = block.trim();
            if let Some(h) = b.strip_prefix("## ") {
                in_faq = rules.heading_is_faq(h);
                return block.to_string();
            }
            if !in_faq || b.contains('\n') {
                return block.to_string();
            }
            if let Some(q) = b
                .strip_prefix("### ")
                .and_then(|h| strip_label(h, &["Q", "Question"]))
            {
                return format!("### {q}");
            }
            if b.starts_with('#') {
                return block.to_string();
            }
            let plain = b.trim_matches('*');
            if let Some(q) = strip_label(plain, &["Q", "Question"]) {
                return format!("### {q}");
            }
            if let Some(a) = strip_label(plain, &["A", "Answer"]) {
                return a.to_string();
            }
            if plain.ends_with('?') && super::text_lines::is_heading_like(plain) {
                return format!("### {plain}");
            }
            block.to_string()
        })
        .collect();
    blocks.join("\n\n")
}

/// The text after "Q:" (or another of `labels`, with `:` or `.`), if it starts that way.
fn strip_label<'t>(text: &'t str, labels: &[&str]) -> Option<&'t str> {
    let (label, rest) = text.split_once([':', '.'])?;
    let label = label.trim_matches(|c: char| c == '*' || c.is_whitespace());
    let rest = rest.trim_start_matches('*').trim();
    (labels.iter().any(|l| l.eq_ignore_ascii_case(label)) && !rest.is_empty()).then_some(rest)
}

/// Makes paragraphs that start "Note:", "Disclaimer:", "Warning:", "Important:", "Caution:"
/// or "Tip:" (or that follow a paragraph of just that word) callouts, as plain-text import
/// does. Returns the body and how many callouts were made.
pub fn mark_callouts(body: &str) -> (String, usize) {
    let mut out: Vec<String> = Vec::new();
    let mut made = 0;
    // A paragraph of just "Note" waits for the paragraph it introduces.
    let mut pending: Option<(&'static str, &str)> = None;
    for block in body.split("\n\n") {
        let b = block.trim();
        let word = b.trim_matches('*').trim_end_matches(':').trim();
        if let Some(kind) = callout_kind(word).filter(|_| !b.contains('\n')) {
            if let Some((_, orig)) = pending.replace((kind, block)) {
                out.push(orig.to_string());
            }
            continue;
        }
        let prose = !b.is_empty() && !b.starts_with(['#', '>', '-', '|', '!']);
        let callout = match (pending.take(), labelled(b)) {
            (_, Some(found)) if prose => Some(found),
            (Some((kind, _)), _) if prose => Some((kind, b)),
            (Some((_, orig)), _) => {
                out.push(orig.to_string());
                None
            }
            _ => None,
        };
        match callout {
            Some((kind, text)) => {
                made += 1;
                let quoted: Vec<String> = text.lines().map(|l| format!("> {l}")).collect();
                out.push(format!("> [!{kind}]\n{}", quoted.join("\n")));
            }
            None => out.push(block.to_string()),
        }
    }
    if let Some((_, orig)) = pending {
        out.push(orig.to_string());
    }
    (out.join("\n\n"), made)
}

/// A paragraph that starts "Label: text" with a callout label: the kind and the text to
/// show ("Disclaimer:" is kept, as it says more than the callout's own "Note").
fn labelled(block: &str) -> Option<(&'static str, &str)> {
    let (label, rest) = block.split_once(':')?;
    let label = label.trim_matches(|c: char| c == '*' || c.is_whitespace());
    let kind = callout_kind(label)?;
    let rest = rest.trim_start_matches('*').trim_start();
    if rest.is_empty() {
        return None;
    }
    Some((
        kind,
        if label.eq_ignore_ascii_case("disclaimer") {
            block
        } else {
            rest
        },
    ))
}

/// The callout kind a label names.
fn callout_kind(label: &str) -> Option<&'static str> {
    match label.to_ascii_lowercase().as_str() {
        "note" | "please note" | "disclaimer" => Some("NOTE"),
        "warning" | "caution" => Some("WARNING"),
        "important" => Some("IMPORTANT"),
        "tip" => Some("TIP"),
        _ => None,
    }
}

/// Where a document goes, relative to `content/`: `articles/SLUG.md`, or
/// `articles/SLUG/index.md` when it has images to sit beside it.
pub fn place(doc: &ImportedDoc, taken: &mut Vec<PathBuf>) -> PathBuf {
    let folder = match doc.kind {
        DocKind::Article => "articles",
        DocKind::Page => "pages",
    };
    let base = slugify(doc.slug.as_deref().unwrap_or(&doc.title));
    let mut n = 1;
    loop {
        let slug = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        let rel = if doc.images.is_empty() {
            Path::new(folder).join(format!("{slug}.md"))
        } else {
            Path::new(folder).join(&slug).join("index.md")
        };
        if !taken.contains(&rel) {
            taken.push(rel.clone());
            return rel;
        }
        n += 1;
    }
}

/// The address a content file gets: `articles/x.md` and `articles/x/index.md` give
/// `/articles/x/`, `pages/x.md` gives `/x/`.
pub fn url_path(rel: &Path) -> String {
    let rel = if rel.ends_with("index.md") {
        rel.parent().unwrap_or(rel)
    } else {
        rel
    };
    let slug = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match rel.parent().and_then(|p| p.to_str()) {
        Some("articles") => format!("/articles/{slug}/"),
        _ => format!("/{slug}/"),
    }
}

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\[((?:[^\]\\]|\\.)*)\]\({}([^)\s]+)\)",
        regex::escape(LINK_MARKER)
    ))
    .unwrap_or_else(|_| unreachable!("fixed pattern"))
});

/// Replaces link markers with paths relative to `from` (both relative to `content/`).
pub fn resolve_links(body: &str, from: &Path, places: &HashMap<String, PathBuf>) -> String {
    MARKER
        .replace_all(body, |c: &regex::Captures<'_>| {
            let key = c[2].replace("%20", " ");
            match places.get(&key) {
                Some(to) => format!(
                    "[{}]({})",
                    &c[1],
                    relative(from.parent().unwrap_or(Path::new("")), to)
                ),
                // The target did not import: keep the words, drop the link.
                None => c[1].to_string(),
            }
        })
        .into_owned()
}

/// The path from folder `from` to file `to`, with `/` separators.
fn relative(from: &Path, to: &Path) -> String {
    let a: Vec<Component<'_>> = from.components().collect();
    let b: Vec<Component<'_>> = to.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = vec!["..".to_string(); a.len() - common];
    parts.extend(
        b[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_between_documents() {
        assert_eq!(
            relative(Path::new("articles"), Path::new("articles/b.md")),
            "b.md"
        );
        assert_eq!(
            relative(Path::new("articles/a"), Path::new("articles/b/index.md")),
            "../b/index.md"
        );
        assert_eq!(
            relative(Path::new("articles"), Path::new("pages/c.md")),
            "../pages/c.md"
        );
    }

    #[test]
    fn bold_paragraphs_become_headings() {
        let out = promote_bold_paragraphs(
            "Intro.\n\n**Benefits of rest**\n\nText.\n\n**Sleep better**\n\nMore. **Not** this.\n\n**Precautions**",
            &TopicRules::defaults(),
        );
        assert_eq!(
            out,
            "Intro.\n\n## Benefits of rest\n\nText.\n\n### Sleep better\n\nMore. **Not** this.\n\n## Precautions"
        );
    }

    #[test]
    fn questions_in_faq_sections() {
        let rules = TopicRules::defaults();
        let body = "## Benefits\n\nDoes it work?\n\n## FAQ\n\n### Already a question?\n\nYes.\n\nDoes it hurt?\n\nA little.\n\n**Q: Is it safe?**\n\nA: Yes.";
        let body = promote_bold_paragraphs(body, &rules);
        let body = body.as_str();
        assert_eq!(
            mark_faq_questions(body, &rules),
            "## Benefits\n\nDoes it work?\n\n## FAQ\n\n### Already a question?\n\nYes.\n\n### Does it hurt?\n\nA little.\n\n### Is it safe?\n\nYes."
        );
    }

    #[test]
    fn labelled_paragraphs_become_callouts() {
        let (out, n) = mark_callouts(
            "Text.\n\nNote\n\nThis is general.\n\n**Warning:** Do not.\n\nDisclaimer: not advice.",
        );
        assert_eq!(n, 3);
        assert_eq!(
            out,
            "Text.\n\n> [!NOTE]\n> This is general.\n\n> [!WARNING]\n> Do not.\n\n> [!NOTE]\n> Disclaimer: not advice."
        );
    }

    #[test]
    fn links_between_documents() {
        let places = HashMap::from([("a".to_string(), PathBuf::from("articles/a/index.md"))]);
        let body = "See [the *a* guide](handout-import:a) and [gone](handout-import:b).";
        assert_eq!(
            resolve_links(body, Path::new("articles/c.md"), &places),
            "See [the *a* guide](a/index.md) and gone."
        );
    }

    #[test]
    fn url_paths() {
        assert_eq!(url_path(Path::new("articles/a.md")), "/articles/a/");
        assert_eq!(url_path(Path::new("articles/a/index.md")), "/articles/a/");
        assert_eq!(url_path(Path::new("pages/b.md")), "/b/");
    }

    #[test]
    fn headings_start_at_two() {
        assert_eq!(
            normalise_headings("### A\ntext\n#### B\n"),
            "## A\ntext\n### B\n"
        );
        assert_eq!(normalise_headings("# A\n## B\n"), "## A\n### B\n");
    }

    #[test]
    fn description_is_the_first_sentence() {
        let mut d = ImportedDoc::new("t");
        d.body = "## H\n\nKnee pain is common. It gets better.\n".into();
        d.body = d.body.replacen("## H\n\n", "", 1);
        assert_eq!(description(&d).as_deref(), Some("Knee pain is common."));
        d.body = format!("{} end.", "word ".repeat(60));
        let long = description(&d).unwrap_or_default();
        assert!(long.chars().count() <= 160 && long.ends_with('…'), "{long}");
    }
}
