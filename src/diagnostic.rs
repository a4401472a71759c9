//! The crate's one error type: a [`Diagnostic`] says what is wrong, where, and how to fix it.
//!
//! Every stage gathers what it finds into [`Diagnostics`] instead of stopping at the first
//! problem, so a build reports all its errors together. Locations are data (path, line,
//! column), not text baked into the message, so `check --format json` and the serve overlay can
//! use them as well as the terminal.

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; does not fail a build.
    Warning,
    /// Fails the build (exit status 1).
    Error,
}

/// `1 error`, `3 errors`: a count with its noun, for summaries and messages.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Prints findings to stderr, one `path:line:col: severity: message` block each.
pub fn eprint_all<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>) {
    use std::io::Write;
    let stderr = std::io::stderr();
    let mut w = stderr.lock();
    for d in diags {
        let _ = writeln!(w, "{d}");
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// Where a finding is: a file relative to the site root, and a 1-based line and column when known.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    /// Path relative to the site root (or as given, for files outside it).
    pub path: PathBuf,
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column, in characters.
    pub column: Option<usize>,
}

impl Span {
    /// A whole file.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Span {
            path: path.into(),
            line: None,
            column: None,
        }
    }

    /// A position in a file.
    pub fn at(path: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Span {
            path: path.into(),
            line: Some(line),
            column: Some(column),
        }
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        Ok(())
    }
}

/// One finding: an error or a warning with its location, message and a hint to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where it is.
    pub span: Span,
    /// A stable rule id such as `config/unknown-key` or `links/broken`, for filtering and JSON.
    pub rule: &'static str,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error.
    pub fn error(rule: &'static str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            span,
            rule,
            message: message.into(),
            help: None,
        }
    }

    /// A warning.
    pub fn warning(rule: &'static str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            span,
            rule,
            message: message.into(),
            help: None,
        }
    }

    /// Adds a hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The usage error for a `--root` that is not a folder.
    pub fn no_site_folder(root: &Path) -> Self {
        Diagnostic::error(
            "usage/root",
            Span::file(root),
            "this site folder does not exist",
        )
        .with_help("run handout in your site folder, or pass --root PATH")
    }

    /// An error for a file that could not be read or written.
    pub fn io(path: &Path, action: &str, err: &std::io::Error) -> Self {
        Diagnostic::error(
            "io",
            Span::file(path),
            format!("could not {action} {}: {err}", path.display()),
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.span, self.severity, self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// A collection of findings, gathered across a stage or a whole build.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(transparent)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Diagnostics(Vec::new())
    }

    /// Adds one finding.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Adds all findings of another collection.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.0
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.0
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// Whether there are no findings at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of findings.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Iterates over the findings.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    /// Keeps only the diagnostics `keep` accepts.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.0.retain(keep);
    }

    /// Sorts by file, line and column so output is stable whatever order stages ran in.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.span, b.severity, a.rule, &a.message)
                .cmp(&(&b.span, a.severity, b.rule, &b.message))
        });
        self.0.dedup();
    }

    /// The findings as a vector.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

/// A line-start table for one text, turning byte offsets into 1-based line and column.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The 1-based (line, column) of a byte offset; the column counts characters.
    pub fn locate(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let col = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        (line + 1, col + 1)
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_offsets() {
        let text = "ab\ncdé\n\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.locate(text, 0), (1, 1));
        assert_eq!(idx.locate(text, 3), (2, 1));
        assert_eq!(idx.locate(text, 7), (2, 4));
        assert_eq!(idx.locate(text, 8), (3, 1));
        assert_eq!(idx.locate(text, 9), (4, 1));
    }

    #[test]
    fn suggests_close_keys() {
        let keys = ["title", "reviewed", "reviewer", "description"];
        assert_eq!(did_you_mean("reviwed", &keys), Some("reviewed"));
        assert_eq!(did_you_mean("titel", &keys), Some("title"));
        assert_eq!(did_you_mean("zzz", &keys), None);
    }

    #[test]
    fn displays_like_a_compiler() {
        let d = Diagnostic::error("x/y", Span::at("a.md", 3, 7), "bad").with_help("fix it");
        assert_eq!(d.to_string(), "a.md:3:7: error: bad\n  help: fix it");
    }
}
