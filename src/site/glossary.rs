//! The site's glossary: `content/glossary.yaml` read into terms with plain
//! definitions, for the `/glossary/` page and for marking each term's first
//! use in a guide.
//!
//! The file is a list under `terms:`, each item a `term`, its other forms
//! (`also`: plurals, synonyms, the word patients use) and a `definition` of
//! one or two sentences. A missing file means no glossary; a broken one is an
//! error naming the line, and the site is built without it.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::content::CONTENT_DIR;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity, Span};
use crate::markdown::{slugify, GlossaryTerms, TermSpec};
use crate::yaml::{self, Schema};

/// The glossary file, under `content/`.
pub const GLOSSARY_FILE: &str = "glossary.yaml";

/// The keys glossary.yaml may hold, from the types that read them.
fn schema() -> Schema {
    Schema::of::<RawGlossary>().with("terms", Schema::of::<RawTerm>())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawGlossary {
    terms: Vec<RawTerm>,
}

#[derive(Debug, Deserialize)]
struct RawTerm {
    term: String,
    #[serde(default)]
    also: Vec<String>,
    definition: String,
}

/// One glossary entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The term as the glossary page lists it.
    pub term: String,
    /// Its id on the glossary page.
    pub slug: String,
    /// Other forms that count as a use of it.
    pub also: Vec<String>,
    /// The plain definition.
    pub definition: String,
}

/// The site's glossary, sorted A–Z.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    /// The source file, relative to the site root (empty without one).
    pub path: PathBuf,
    /// The terms, sorted by term, case-insensitively.
    pub terms: Vec<Term>,
}

impl Glossary {
    /// The matcher the Markdown stage uses, linking to the page at `page_url`.
    pub fn matcher(&self, page_url: &str) -> GlossaryTerms {
        GlossaryTerms::new(
            page_url,
            self.terms.iter().map(|t| TermSpec {
                slug: &t.slug,
                forms: std::iter::once(t.term.as_str())
                    .chain(t.also.iter().map(String::as_str))
                    .collect(),
                definition: &t.definition,
            }),
        )
    }

    /// The term with a slug.
    pub fn term(&self, slug: &str) -> Option<&Term> {
        self.terms.iter().find(|t| t.slug == slug)
    }
}

/// Reads `content/glossary.yaml` under `root`, if there is one. Problems are returned as
/// diagnostics; on an error the glossary is empty.
pub(crate) fn load(root: &Path, reserved_ids: &[&str]) -> (Glossary, Diagnostics) {
    let rel = Path::new(CONTENT_DIR).join(GLOSSARY_FILE);
    let Ok(text) = std::fs::read_to_string(root.join(&rel)) else {
        return (Glossary::default(), Diagnostics::new());
    };
    match parse(&text, &rel, reserved_ids) {
        Ok((glossary, warnings)) => (glossary, warnings),
        Err(errors) => (Glossary::default(), errors),
    }
}

/// Parses glossary text read from `path`.
pub(crate) fn parse(
    text: &str,
    path: &Path,
    reserved_ids: &[&str],
) -> Result<(Glossary, Diagnostics), Diagnostics> {
    let (raw, value): (RawGlossary, _) = yaml::parse(text, path, 1).map_err(Diagnostics::from)?;
    let mut warnings = Diagnostics::new();
    warnings.extend(yaml::unknown_keys(
        &value,
        &schema(),
        text,
        path,
        1,
        Severity::Warning,
        "glossary/unknown-key",
    ));
    let items = item_lines(text);
    let mut errors = Diagnostics::new();
    let mut terms: Vec<Term> = Vec::with_capacity(raw.terms.len());
    for (n, t) in raw.terms.into_iter().enumerate() {
        let line = items.get(n).copied().unwrap_or(1);
        let term = t.term.trim().to_string();
        let definition = t.definition.trim().to_string();
        if term.is_empty() || definition.is_empty() {
            let what = if term.is_empty() {
                "term"
            } else {
                "definition"
            };
            errors.push(
                Diagnostic::error(
                    "glossary/empty",
                    Span::at(path, line, 1),
                    format!("glossary entry {} has an empty `{what}`", n + 1),
                )
                .with_help(
                    "give each entry a `term:` and a `definition:` of one or two plain sentences",
                ),
            );
            continue;
        }
        let mut slug = slugify(&term);
        if slug.is_empty() || reserved_ids.contains(&slug.as_str()) {
            slug = format!("term-{slug}");
        }
        if let Some(first) = terms.iter().find(|o| o.slug == slug) {
            errors.push(
                Diagnostic::error(
                    "glossary/duplicate",
                    Span::at(path, line, 1),
                    format!(
                        "`{term}` is in the glossary twice (also as `{}`)",
                        first.term
                    ),
                )
                .with_help("keep one entry and list the other spelling under its `also:`"),
            );
            continue;
        }
        terms.push(Term {
            term,
            slug,
            also: t.also.into_iter().map(|a| a.trim().to_string()).collect(),
            definition,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    terms.sort_by_key(|t| t.term.to_lowercase());
    let glossary = Glossary {
        path: path.to_path_buf(),
        terms,
    };
    Ok((glossary, warnings))
}

/// The 1-based line of each list item under `terms:` (the lines starting with `-` at the
/// outermost list's indentation), to point at an entry serde gives no position for.
fn item_lines(text: &str) -> Vec<usize> {
    let dash_indent = |l: &str| {
        let t = l.trim_start();
        t.starts_with('-').then(|| l.len() - t.len())
    };
    let Some(level) = text.lines().filter_map(dash_indent).min() else {
        return Vec::new();
    };
    text.lines()
        .enumerate()
        .filter(|(_, l)| dash_indent(l) == Some(level))
        .map(|(i, _)| i + 1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_terms_and_locates_empty_definitions() {
        let path = Path::new("content/glossary.yaml");
        let (g, _) = parse(
            "terms:\n  - term: Sciatica\n    definition: Leg pain.\n  - term: acute\n    also: [sudden]\n    definition: Sudden.\n",
            path,
            &[],
        )
        .unwrap_or_default();
        let names: Vec<&str> = g.terms.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(names, ["acute", "Sciatica"]);
        let errors = parse(
            "terms:\n  - term: Sciatica\n    definition: Leg pain.\n  - term: acute\n    definition: \"\"\n",
            path,
            &[],
        )
        .err()
        .unwrap_or_default();
        let shown = errors.iter().map(|d| d.to_string()).collect::<String>();
        assert!(shown.contains("content/glossary.yaml:4:1"), "{shown}");
        assert!(shown.contains("empty `definition`"), "{shown}");
    }
}
