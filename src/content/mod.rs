//! The load stage: finds the site's Markdown files and reads each into a [`Document`]
//! (front matter checked, body located), gathering every problem instead of stopping.
//!
//! Nothing here knows about URLs or HTML; that is the site and render stages' work.

mod discover;
mod front_matter;
pub mod language;

pub(crate) use discover::is_ignored;
pub use discover::{discover, Discovered, CONTENT_DIR};
pub(crate) use discover::{rel_to, walk_error};
pub use front_matter::{FrontMatter, Reference};

use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use std::path::{Path, PathBuf};

/// What a Markdown file is, by where it lives under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocKind {
    /// `content/articles/*.md` or `content/articles/SLUG/index.md`.
    Article,
    /// `content/pages/*.md`: about, contact and other standalone pages.
    Page,
    /// `content/faq.md`: the site-wide FAQ.
    Faq,
    /// `content/_index.md`: the home page's intro.
    Home,
}

/// One Markdown file, read and split into front matter and body.
#[derive(Debug, Clone)]
pub struct Document {
    /// What it is.
    pub kind: DocKind,
    /// Path relative to the site root, e.g. `content/articles/knee.md`.
    pub path: PathBuf,
    /// For a page bundle (`SLUG/index.md`), the bundle folder relative to the root.
    pub bundle: Option<PathBuf>,
    /// The whole file.
    pub text: String,
    /// Checked front matter.
    pub front: FrontMatter,
    /// Byte offset where the body starts.
    pub body_start: usize,
    /// 1-based line where the body starts.
    pub body_line: usize,
}

impl Document {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        self.text.get(self.body_start..).unwrap_or("")
    }

    /// The file name without extension, or the bundle folder's name: the default slug.
    pub fn stem(&self) -> String {
        let p = self.bundle.as_deref().unwrap_or(&self.path);
        p.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// The folder relative links in this file are relative to.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new(""))
    }
}

/// Reads and parses one file. `rel` is relative to `root`.
pub fn load_document(
    root: &Path,
    rel: &Path,
    kind: DocKind,
    bundle: Option<PathBuf>,
) -> Result<(Document, Diagnostics), Diagnostics> {
    let bytes = std::fs::read(root.join(rel))
        .map_err(|e| Diagnostics::from(Diagnostic::io(rel, "read", &e)))?;
    let text = decode_utf8(bytes, rel)?;
    parse_document(text, rel, kind, bundle)
}

/// Parses the text of one content file (front matter and body) shown as `rel` in messages.
pub fn parse_document(
    text: String,
    rel: &Path,
    kind: DocKind,
    bundle: Option<PathBuf>,
) -> Result<(Document, Diagnostics), Diagnostics> {
    let (front, body_start, body_line, warnings) = front_matter::parse(&text, rel, kind)?;
    Ok((
        Document {
            kind,
            path: rel.to_path_buf(),
            bundle,
            text,
            front,
            body_start,
            body_line,
        },
        warnings,
    ))
}

/// UTF-8 text, or an error at the line and column of the first bad byte.
pub(crate) fn decode_utf8(bytes: Vec<u8>, rel: &Path) -> Result<String, Diagnostics> {
    match String::from_utf8(bytes) {
        Ok(mut t) => {
            // A byte-order mark from some Windows editors is not content.
            if t.starts_with('\u{feff}') {
                t.drain(..3);
            }
            // CommonMark replaces NUL with U+FFFD; do it before any stage sees the text, so no
            // NUL reaches a page, a feed or a message (lines and columns stay the same).
            if t.contains('\0') {
                t = t.replace('\0', "\u{fffd}");
            }
            Ok(t)
        }
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..good]);
            let line = prefix.matches('\n').count() + 1;
            let col = prefix
                .rsplit('\n')
                .next()
                .map(|l| l.chars().count())
                .unwrap_or(0)
                + 1;
            Err(Diagnostic::error(
                "encoding/utf8",
                Span::at(rel, line, col),
                "this file is not UTF-8 text",
            )
            .with_help("re-save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)")
            .into())
        }
    }
}
