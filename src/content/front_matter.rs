//! Front matter: the YAML block between `---` lines at the top of a Markdown file.
//!
//! Unknown keys are warnings (a typo such as `reviwed` should not stop a clinic's build, but must
//! not pass silently either); a missing title, a bad date or a wrong type is an error. All
//! positions are lines in the file, not in the YAML block.

use super::DocKind;
use crate::config::rules;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity, Span};
use crate::yaml::{self, Schema};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The keys front matter may hold, from the types that read them.
fn schema() -> Schema {
    Schema::of::<RawFrontMatter>()
        .with("references", Schema::of::<Reference>())
        .with("check", Schema::of::<RawCheck>())
}

/// A source the article cites.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct Reference {
    /// Title of the cited page or paper.
    pub title: String,
    /// Its address.
    pub url: Option<String>,
    /// Who published it.
    pub publisher: Option<String>,
    /// Year of publication.
    pub year: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawCheck {
    disable: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawFrontMatter {
    title: Option<String>,
    description: Option<String>,
    date: Option<String>,
    updated: Option<String>,
    reviewed: Option<String>,
    reviewer: Option<String>,
    authors: Vec<String>,
    tags: Vec<String>,
    condition: Option<String>,
    treatment: Option<String>,
    references: Vec<Reference>,
    slug: Option<String>,
    draft: bool,
    aliases: Vec<String>,
    image: Option<String>,
    image_alt: Option<String>,
    key_points: Vec<String>,
    check: RawCheck,
    keywords: Vec<String>,
    translator: Option<String>,
    translation_reviewer: Option<String>,
    reviewed_by: Option<String>,
    source_hash: Option<String>,
}

/// Checked front matter of any content file.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FrontMatter {
    /// Title (required for articles and pages).
    pub title: String,
    /// One or two sentences: meta description, lists and hubs.
    pub description: Option<String>,
    /// First published.
    pub date: Option<NaiveDate>,
    /// Last edited.
    pub updated: Option<NaiveDate>,
    /// Date of the last clinical review.
    pub reviewed: Option<NaiveDate>,
    /// Who reviewed it, with credentials.
    pub reviewer: Option<String>,
    /// Who wrote it.
    pub authors: Vec<String>,
    /// Taxonomy terms.
    pub tags: Vec<String>,
    /// The condition the article is about.
    pub condition: Option<String>,
    /// The treatment the article is about.
    pub treatment: Option<String>,
    /// Cited sources.
    pub references: Vec<Reference>,
    /// URL slug override.
    pub slug: Option<String>,
    /// Drafts are left out unless `--drafts`.
    pub draft: bool,
    /// Old URL paths that redirect here.
    pub aliases: Vec<String>,
    /// Lead image, relative to the file (or `/`-rooted in `static/`).
    pub image: Option<String>,
    /// Text alternative for the lead image.
    pub image_alt: Option<String>,
    /// The few things a reader must take away, shown first on the article, its topic pages
    /// and the printout.
    pub key_points: Vec<String>,
    /// Check rules turned off for this file.
    pub check_disable: Vec<String>,
    /// Words patients may search with that the text does not use (`slipped disc`).
    pub keywords: Vec<String>,
    /// For a translation: who translated it.
    pub translator: Option<String>,
    /// For a translation: who checked it against the source (`translation_reviewer:`, or
    /// `reviewed_by:`).
    pub translation_reviewer: Option<String>,
    /// For a translation: the hash of the source file it was made from (see
    /// [`crate::site::translation_source_hash`]).
    pub source_hash: Option<String>,
    /// 1-based line of each key, for diagnostics about values (e.g. `reviewed`).
    #[serde(skip)]
    pub key_lines: Vec<(String, usize)>,
}

impl FrontMatter {
    /// The line of a key in the file, or of the front matter's start.
    pub fn line_of(&self, key: &str) -> usize {
        self.key_lines
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, l)| *l)
            .unwrap_or(1)
    }
}

/// Splits and parses the front matter of `text`.
///
/// Returns the front matter, the byte offset and 1-based line where the body starts, and any
/// warnings; or every error found.
pub(crate) fn parse(
    text: &str,
    path: &Path,
    kind: DocKind,
) -> Result<(FrontMatter, usize, usize, Diagnostics), Diagnostics> {
    let Some((yaml_text, body_start, body_line)) = split(text) else {
        return without_front_matter(text, path, kind);
    };
    let (raw, value): (RawFrontMatter, _) =
        yaml::parse(yaml_text, path, 2).map_err(Diagnostics::from)?;
    let mut warnings = Diagnostics::new();
    let front_schema = schema();
    warnings.extend(yaml::unknown_keys(
        &value,
        &front_schema,
        yaml_text,
        path,
        2,
        Severity::Warning,
        "front-matter/unknown-key",
    ));
    let key_lines: Vec<(String, usize)> = front_schema
        .keys
        .iter()
        .zip(yaml::find_top_keys(yaml_text, front_schema.keys))
        .filter_map(|(k, l)| l.map(|l| (k.to_string(), l + 1)))
        .collect();
    let line_of = |k: &str| {
        key_lines
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, l)| *l)
            .unwrap_or(1)
    };
    warnings.extend(rules::unknown_entries(
        &raw.check.disable,
        &Span::at(path, line_of("check"), 1),
    ));
    let mut errors = Diagnostics::new();
    let mut date = |key: &str, v: &Option<String>| {
        date_value(key, v.as_deref()?, Span::at(path, line_of(key), 1))
            .map_err(|d| errors.push(d))
            .ok()
    };
    let dates = [
        date("date", &raw.date),
        date("updated", &raw.updated),
        date("reviewed", &raw.reviewed),
    ];
    let title = raw.title.as_deref().map(str::trim).unwrap_or_default();
    if title.is_empty() && matches!(kind, DocKind::Article | DocKind::Page) {
        errors.push(
            Diagnostic::error(
                "front-matter/title",
                Span::at(path, 1, 1),
                "missing `title` in the front matter",
            )
            .with_help(
                "add a line such as `title: Heat therapy for back pain` between the `---` lines",
            ),
        );
    }
    if errors.has_errors() {
        errors.extend(warnings);
        return Err(errors);
    }
    let front = complete(raw, dates, key_lines);
    Ok((front, body_start, body_line, warnings))
}

/// A file without a front-matter block: an error for an article or page (or a block left
/// open), empty front matter for the other documents.
fn without_front_matter(
    text: &str,
    path: &Path,
    kind: DocKind,
) -> Result<(FrontMatter, usize, usize, Diagnostics), Diagnostics> {
    if text.trim_start().starts_with("---") {
        return Err(Diagnostic::error(
            "front-matter/unclosed",
            Span::at(path, 1, 1),
            "the front matter starts with `---` but has no closing `---` line",
        )
        .with_help("add a line with just `---` after the last front-matter key")
        .into());
    }
    if matches!(kind, DocKind::Article | DocKind::Page) {
        return Err(Diagnostic::error(
            "front-matter/title",
            Span::at(path, 1, 1),
            "missing front matter with a title",
        )
        .with_help("start the file with:\n  ---\n  title: Your title\n  ---")
        .into());
    }
    Ok((FrontMatter::default(), 0, 1, Diagnostics::new()))
}

/// The date `key: value` gives (a time after the date is ignored), or the error at `span`.
fn date_value(key: &str, value: &str, span: Span) -> Result<NaiveDate, Diagnostic> {
    let s = value.trim();
    let day = s.get(..10).unwrap_or(s);
    let (problem, help) = match NaiveDate::parse_from_str(day, "%Y-%m-%d") {
        // Dates are of patient information, reviewed every few years: a year far outside
        // that is a typo (9999-12-31 would show a next review in the year 10000).
        Ok(d) if (1900..=2199).contains(&chrono::Datelike::year(&d)) => return Ok(d),
        Ok(_) => (
            "is not a plausible date",
            "write the real date as YYYY-MM-DD, e.g. 2026-03-15",
        ),
        Err(_) => (
            "is not a date",
            "write dates as YYYY-MM-DD, e.g. 2026-03-15",
        ),
    };
    Err(
        Diagnostic::error("front-matter/date", span, format!("`{key}: {s}` {problem}"))
            .with_help(help),
    )
}

/// The front matter from checked values: text trimmed, empty values dropped.
fn complete(
    raw: RawFrontMatter,
    [date, updated, reviewed]: [Option<NaiveDate>; 3],
    key_lines: Vec<(String, usize)>,
) -> FrontMatter {
    let trimmed = |list: Vec<String>| -> Vec<String> {
        list.into_iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect()
    };
    FrontMatter {
        title: raw.title.map(|t| t.trim().to_string()).unwrap_or_default(),
        description: raw
            .description
            .map(|d| d.trim().to_string())
            .filter(|d| !d.is_empty()),
        date,
        updated,
        reviewed,
        reviewer: raw.reviewer.filter(|r| !r.trim().is_empty()),
        authors: raw.authors,
        tags: trimmed(raw.tags),
        condition: raw.condition,
        treatment: raw.treatment,
        references: raw.references,
        slug: raw.slug.filter(|s| !s.trim().is_empty()),
        draft: raw.draft,
        aliases: raw.aliases,
        image: raw.image,
        image_alt: raw.image_alt,
        key_points: trimmed(raw.key_points),
        check_disable: raw.check.disable,
        keywords: raw.keywords,
        translator: nonempty(raw.translator),
        translation_reviewer: nonempty(raw.translation_reviewer).or(nonempty(raw.reviewed_by)),
        source_hash: nonempty(raw.source_hash),
        key_lines,
    }
}

/// A text value, trimmed, unless it is empty.
fn nonempty(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Finds the YAML between an opening `---` on the first line and the next `---` line.
///
/// Returns the YAML text, the byte offset of the body and its 1-based line.
fn split(text: &str) -> Option<(&str, usize, usize)> {
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    let yaml_start = first_end + 1;
    let mut offset = yaml_start;
    for (line, l) in (2..).zip(text[yaml_start..].split_inclusive('\n')) {
        if l.trim_end() == "---" || l.trim_end() == "..." {
            return Some((&text[yaml_start..offset], offset + l.len(), line + 1));
        }
        offset += l.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(t: &str) -> Result<(FrontMatter, usize, usize, Diagnostics), Diagnostics> {
        parse(t, Path::new("a.md"), DocKind::Article)
    }

    #[test]
    fn splits_front_matter_and_body() {
        let (fm, start, line, w) =
            p("---\ntitle: Hi\nreviewed: 2026-01-02\n---\nBody\n").expect("ok");
        assert_eq!(fm.title, "Hi");
        assert_eq!(fm.reviewed, NaiveDate::from_ymd_opt(2026, 1, 2));
        assert_eq!(line, 5);
        assert_eq!(
            &"---\ntitle: Hi\nreviewed: 2026-01-02\n---\nBody\n"[start..],
            "Body\n"
        );
        assert!(w.is_empty());
    }

    #[test]
    fn unknown_keys_warn_with_file_line() {
        let (_, _, _, w) = p("---\ntitle: Hi\nreviwed: 2026-01-02\n---\n").expect("ok");
        let d = w.iter().next().expect("warning");
        assert_eq!(d.severity, Severity::Warning);
        assert_eq!(d.span.line, Some(3));
        assert!(d.help.as_deref().unwrap_or("").contains("reviewed"));
    }

    #[test]
    fn missing_title_is_an_error() {
        let e = p("---\ndescription: x\n---\n").expect_err("no title");
        assert_eq!(e.iter().next().map(|d| d.rule), Some("front-matter/title"));
        let e = p("Just text\n").expect_err("no front matter");
        assert_eq!(e.iter().next().map(|d| d.rule), Some("front-matter/title"));
    }

    #[test]
    fn bad_date_names_its_line() {
        let e = p("---\ntitle: x\n\nreviewed: last spring\n---\n").expect_err("bad date");
        let d = e.iter().next().expect("error");
        assert_eq!(d.span.line, Some(4));
        assert!(d.message.contains("last spring"));
    }

    #[test]
    fn yaml_errors_are_shifted_to_file_lines() {
        let e = p("---\ntitle: x\ntags: [a, b\n---\n").expect_err("bad yaml");
        let d = e.iter().next().expect("error");
        assert_eq!(d.rule, "yaml/syntax");
        assert!(d.span.line.unwrap_or(0) >= 3, "{d}");
    }

    #[test]
    fn unclosed_front_matter() {
        let e = p("---\ntitle: x\n").expect_err("unclosed");
        assert_eq!(
            e.iter().next().map(|d| d.rule),
            Some("front-matter/unclosed")
        );
    }
}
