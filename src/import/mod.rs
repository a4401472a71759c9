//! `handout import`: a clinic's existing articles (plain text, saved HTML pages, a WordPress
//! export, Word documents) turned into Markdown articles with front matter.
//!
//! Each source file is read by the reader for its format ([`text`], [`html`], [`wxr`],
//! [`docx`]) into [`doc::ImportedDoc`]s; the [`writer`] gives each a place under
//! `content/`, makes links between them relative `.md` links and writes front matter; the
//! [`report`] says what each became. A file that cannot be read is reported with its path
//! and the others still import. Nothing is written outside `ROOT/content/`, nothing on a dry
//! run, and no existing file is replaced without `force`.

mod addresses;
mod decode;
pub mod doc;
pub mod docx;
mod docx_parts;
pub mod html;
pub mod html_clean;
pub mod report;
pub mod text;
mod text_lines;
pub mod writer;
pub mod wxr;
pub mod xml;

use crate::config::{self, Config};
use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use doc::{path_key, ImportedDoc};
use html_clean::LinkTargets;
use report::{DocReport, FileReport, ImportReport};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What to import and how.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Files and folders to import.
    pub paths: Vec<PathBuf>,
    /// Report only; write nothing.
    pub dry_run: bool,
    /// Replace existing files.
    pub force: bool,
}

/// A source file and what was read from it.
struct Source {
    path: PathBuf,
    format: &'static str,
    content: Result<Content, String>,
}

enum Content {
    Text(String),
    Html(String),
    Wxr(Vec<wxr::Item>, Vec<String>),
    Docx(Vec<u8>),
}

/// Imports the files; `Err` when the site itself cannot be used (no folder, bad site.yaml).
pub fn import(opts: &ImportOptions) -> Result<ImportReport, Diagnostics> {
    if !opts.root.is_dir() {
        return Err(Diagnostic::error(
            "import/root",
            Span::file(&opts.root),
            "this site folder does not exist",
        )
        .with_help("start a site with `handout new DIR`, or pass --root PATH")
        .into());
    }
    let (config, _warnings) = config::load(&opts.root)?;
    let sources: Vec<Source> = expand(&opts.paths).into_iter().map(read_source).collect();
    let mut targets = LinkTargets::default();
    for s in &sources {
        match &s.content {
            Ok(Content::Html(_)) => {
                targets.keys.insert(path_key(&s.path));
            }
            Ok(Content::Wxr(items, _)) => {
                targets.keys.extend(items.iter().flat_map(wxr::link_keys))
            }
            _ => {}
        }
    }
    let mut files = Vec::new();
    let mut docs: Vec<(usize, ImportedDoc)> = Vec::new();
    for (i, s) in sources.iter().enumerate() {
        let (found, skipped, error) = match convert(s, &config, &targets) {
            Ok((d, skipped)) => (d, skipped, None),
            Err(e) => (Vec::new(), Vec::new(), Some(e)),
        };
        docs.extend(found.into_iter().map(|d| (i, d)));
        files.push(FileReport {
            source: s.path.clone(),
            format: s.format,
            error,
            skipped,
            documents: Vec::new(),
        });
    }
    place_and_write(docs, &mut files, &config, opts);
    Ok(ImportReport {
        files,
        dry_run: opts.dry_run,
    })
}

/// Gives each document its place, resolves links between them, analyses each and writes it
/// (unless this is a dry run), adding a report to its source file's entry.
fn place_and_write(
    docs: Vec<(usize, ImportedDoc)>,
    files: &mut [FileReport],
    config: &Config,
    opts: &ImportOptions,
) {
    let mut taken = Vec::new();
    let mut places = HashMap::new();
    let mut placed = Vec::new();
    for (i, mut d) in docs {
        writer::tidy(&mut d, &config.topics);
        let rel = writer::place(&d, &mut taken);
        for key in &d.link_keys {
            places.insert(key.clone(), rel.clone());
        }
        placed.push((i, d, rel));
    }
    addresses::keep_free_aliases(&mut placed, &opts.root);
    for (i, mut d, rel) in placed {
        d.body = writer::resolve_links(&d.body, &rel, &places);
        let path = Path::new("content").join(&rel);
        let mut r = DocReport::analyse(&d, path, config);
        if !opts.dry_run {
            match write(&opts.root, &rel, &d, opts.force) {
                Ok(()) => r.written = true,
                Err(e) => r.error = Some(e),
            }
        } else if exists(&opts.root, &rel) && !opts.force {
            r.error = Some(exists_message());
        }
        files[i].documents.push(r);
    }
}

/// Files to import: files as given, and the importable files under each folder, sorted.
fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if !p.is_dir() {
            out.push(p.clone());
            continue;
        }
        let mut found: Vec<PathBuf> = walkdir::WalkDir::new(p)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .filter(|f| {
                let ext = f
                    .extension()
                    .map(|e| e.to_string_lossy().to_ascii_lowercase());
                matches!(
                    ext.as_deref(),
                    Some("txt" | "text" | "html" | "htm" | "xml" | "docx")
                )
            })
            .collect();
        found.sort();
        out.extend(found);
    }
    out
}

/// Reads a file and tells its format from its content and extension.
fn read_source(path: PathBuf) -> Source {
    let (format, content) = detect(&path);
    Source {
        path,
        format,
        content,
    }
}

/// The format of a file and its content, or why it cannot be imported.
fn detect(path: &Path) -> (&'static str, Result<Content, String>) {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return ("", Err(format!("cannot be read: {e}"))),
    };
    if bytes.starts_with(b"PK\x03\x04") || ext == "docx" {
        return ("docx", Ok(Content::Docx(bytes)));
    }
    let Some(text) = decode::decode(&bytes) else {
        return ("", Err("this is not a text file (it holds binary data); import plain text, HTML, a WordPress export (.xml) or a Word document (.docx)".into()));
    };
    if text.trim().is_empty() {
        return ("", Err("the file is empty".into()));
    }
    if wxr::is_wxr(&text) || ext == "xml" {
        let items = wxr::items(&text).map(|(items, skipped)| Content::Wxr(items, skipped));
        return ("wordpress", items);
    }
    let start = text.trim_start();
    let head = start.get(..200).unwrap_or(start).to_ascii_lowercase();
    if matches!(ext.as_str(), "html" | "htm")
        || head.starts_with("<!doctype html")
        || head.starts_with("<html")
    {
        return ("html", Ok(Content::Html(text)));
    }
    ("text", Ok(Content::Text(text)))
}

/// Runs the reader of a source's format.
fn convert(
    s: &Source,
    config: &Config,
    targets: &LinkTargets,
) -> Result<(Vec<ImportedDoc>, Vec<String>), String> {
    let stem = s
        .path
        .file_stem()
        .map(|x| x.to_string_lossy().into_owned())
        .unwrap_or_default();
    let one = |d: ImportedDoc| {
        let mut d = d;
        d.link_keys.push(path_key(&s.path));
        (vec![d], Vec::new())
    };
    match s.content.as_ref().map_err(Clone::clone)? {
        Content::Text(t) => text::read(t, &config.topics).map(one),
        Content::Html(t) => html::read(t, &s.path, targets).map(one),
        Content::Docx(b) => docx::read(b, &stem).map(one),
        Content::Wxr(items, skipped) => {
            let docs = items
                .iter()
                .map(|item| wxr::convert(item, &s.path, targets))
                .collect();
            Ok((docs, skipped.clone()))
        }
    }
}

fn exists_message() -> String {
    "a file is already there; pass --force to replace it".to_string()
}

/// Whether the document's file, or the other layout of the same slug, exists.
fn exists(root: &Path, rel: &Path) -> bool {
    let content = root.join("content");
    let flat = if rel.ends_with("index.md") {
        rel.parent().map(|p| p.with_extension("md"))
    } else {
        Some(rel.with_extension("").join("index.md"))
    };
    content.join(rel).exists() || flat.is_some_and(|f| content.join(f).exists())
}

/// Writes a document (and its images) under `root/content/`.
fn write(root: &Path, rel: &Path, d: &ImportedDoc, force: bool) -> Result<(), String> {
    if !force && exists(root, rel) {
        return Err(exists_message());
    }
    let path = root.join("content").join(rel);
    let folder = path.parent().unwrap_or(root);
    std::fs::create_dir_all(folder)
        .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    std::fs::write(&path, writer::file_text(d))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    for img in &d.images {
        let p = folder.join(&img.name);
        std::fs::write(&p, &img.bytes).map_err(|e| format!("cannot write {}: {e}", p.display()))?;
    }
    Ok(())
}
