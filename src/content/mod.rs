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
    /// For a translation (`index.es.md`, `about.es.md`), the language code in its name.
    pub lang: Option<String>,
}

impl Document {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        self.text.get(self.body_start..).unwrap_or("")
    }

    /// The file name without extension, or the bundle folder's name: the default slug.
    pub fn stem(&self) -> String {
        let p = self.bundle.as_deref().unwrap_or(&self.path);
        let stem = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        match (&self.lang, &self.bundle) {
            (Some(code), None) => stem
                .strip_suffix(&format!(".{code}"))
                .map(String::from)
                .unwrap_or(stem),
            _ => stem,
        }
    }

    /// The file this one translates (the path without the language code), or the file
    /// itself when it is not a translation: the key that pairs translations.
    pub fn source_path(&self) -> PathBuf {
        match &self.lang {
            Some(code) => {
                let name = self
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let source = name.replacen(&format!(".{code}.md"), ".md", 1);
                self.path.with_file_name(source)
            }
            None => self.path.clone(),
        }
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
            lang: translation_language(rel),
        },
        warnings,
    ))
}

/// The language code of a translation's file name: `es` for `index.es.md` or `about.es.md`;
/// `None` for any other name.
pub fn translation_language(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".md")?;
    let (base, code) = stem.rsplit_once('.')?;
    (!base.is_empty() && crate::config::is_language_tag(code)).then(|| code.to_string())
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
