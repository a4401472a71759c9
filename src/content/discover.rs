//! Finds the content files of a site: which Markdown files are articles, pages, the FAQ and
//! the home intro, and which files are bundle assets to copy beside an article.

use super::{load_document, DocKind, Document};
use crate::confine::{self, Confinement};
use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use rayon::prelude::*;
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// The folder under the site root that holds the Markdown.
pub const CONTENT_DIR: &str = "content";

/// Everything the load stage found.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Parsed documents, in path order.
    pub documents: Vec<Document>,
    /// Non-Markdown files inside article bundles: (bundle folder, file), relative to the root.
    pub bundle_assets: Vec<(PathBuf, PathBuf)>,
    /// Content files that exist but could not be loaded (their errors are in the
    /// diagnostics): links to them are not reported a second time as going nowhere.
    pub failed: Vec<PathBuf>,
}

/// Lists and parses every content file under `root/content`, in parallel.
///
/// Returns what could be read, with all problems found; a file that fails is left out and its
/// errors are in the diagnostics.
pub fn discover(root: &Path, confine: &Confinement) -> (Discovered, Diagnostics) {
    let mut diags = Diagnostics::new();
    if !root.join(CONTENT_DIR).is_dir() {
        diags.push(
            Diagnostic::warning("content/missing", Span::file(CONTENT_DIR), "there is no content folder")
                .with_help("create `content/articles/` and put your Markdown articles there (see `handout new`)"),
        );
        return (Discovered::default(), diags);
    }
    let mut files = Files::default();
    for rel in walk(root, confine, &mut diags) {
        files.sort(rel, &mut diags);
    }
    let Files { found, mut assets } = files;
    keep_bundle_assets(&found, &mut assets, &mut diags);
    let results: Vec<_> = found
        .into_par_iter()
        .map(|(rel, kind, bundle)| (load_document(root, &rel, kind, bundle), rel))
        .collect();
    let mut documents = Vec::with_capacity(results.len());
    let mut failed = Vec::new();
    for (r, rel) in results {
        match r {
            Ok((doc, warnings)) => {
                diags.extend(warnings);
                documents.push(doc);
            }
            Err(errors) => {
                diags.extend(errors);
                failed.push(rel);
            }
        }
    }
    (
        Discovered {
            documents,
            bundle_assets: assets,
            failed,
        },
        diags,
    )
}

/// Every file under `content/`, relative to `root`, in name order; links that lead outside
/// the site folder and unreadable entries are reported and skipped.
fn walk(root: &Path, confine: &Confinement, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let skipped_links = RefCell::new(Vec::new());
    let walker = WalkDir::new(root.join(CONTENT_DIR))
        .sort_by_file_name()
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| {
            if is_ignored(e.file_name().to_string_lossy().as_ref()) {
                return false;
            }
            if !e.path_is_symlink() {
                return true;
            }
            let refused = confine.follow(e.path(), &rel_to(root, e.path()));
            refused
                .map_err(|d| skipped_links.borrow_mut().push(*d))
                .is_ok()
        });
    let mut files = Vec::new();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push(rel_to(root, e.path())),
            Ok(_) => {}
            Err(e) => diags.push(walk_error(root, confine, &e)),
        }
    }
    diags.extend(skipped_links.into_inner());
    files
}

/// The content files sorted by what they are.
#[derive(Default)]
struct Files {
    /// Documents: path, kind and the bundle folder of a bundle's `index.md`.
    found: Vec<(PathBuf, DocKind, Option<PathBuf>)>,
    /// Other files in article folders, with their folder: assets if it is a bundle.
    assets: Vec<(PathBuf, PathBuf)>,
}

impl Files {
    /// Files `rel` by where it sits under `content/`; a Markdown file in no place the site
    /// reads is a warning.
    fn sort(&mut self, rel: PathBuf, diags: &mut Diagnostics) {
        let under: Vec<String> = rel
            .strip_prefix(CONTENT_DIR)
            .unwrap_or(&rel)
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let is_md = rel.extension().is_some_and(|e| e == "md");
        let parts: Vec<&str> = under.iter().map(String::as_str).collect();
        match (parts.as_slice(), is_md) {
            (["_index.md"], _) => self.found.push((rel, DocKind::Home, None)),
            (["faq.md"], _) => self.found.push((rel, DocKind::Faq, None)),
            ([name], true) if translation_of(name, "_index") => {
                self.found.push((rel, DocKind::Home, None))
            }
            ([name], true) if translation_of(name, "faq") => {
                self.found.push((rel, DocKind::Faq, None))
            }
            (["articles", _], true) => self.found.push((rel, DocKind::Article, None)),
            (["articles", dir, name], true) if translation_of(name, "index") => {
                let bundle = PathBuf::from(CONTENT_DIR).join("articles").join(dir);
                self.found.push((rel, DocKind::Article, Some(bundle)));
            }
            (["articles", dir, "index.md"], _) => {
                let bundle = PathBuf::from(CONTENT_DIR).join("articles").join(dir);
                self.found.push((rel, DocKind::Article, Some(bundle)));
            }
            (["articles", dir, ..], _) => {
                let bundle = PathBuf::from(CONTENT_DIR).join("articles").join(dir);
                self.assets.push((bundle, rel));
            }
            (["pages", ..], true) => self.found.push((rel, DocKind::Page, None)),
            (_, true) => diags.push(
                Diagnostic::warning(
                    "content/unused",
                    Span::file(&rel),
                    "this file is not part of the site",
                )
                .with_help("articles go in content/articles/, standalone pages in content/pages/"),
            ),
            _ => {}
        }
    }
}

/// Whether the file `name` translates `stem`.md: `stem.CODE.md` with a language code.
fn translation_of(name: &str, stem: &str) -> bool {
    name.strip_prefix(stem)
        .and_then(|r| r.strip_prefix('.'))
        .and_then(|r| r.strip_suffix(".md"))
        .is_some_and(crate::config::is_language_tag)
}

/// Assets only count for folders that really are bundles (have an index.md). A Markdown
/// file in any other folder under articles/ would otherwise vanish without a word.
fn keep_bundle_assets(
    found: &[(PathBuf, DocKind, Option<PathBuf>)],
    assets: &mut Vec<(PathBuf, PathBuf)>,
    diags: &mut Diagnostics,
) {
    let bundles: std::collections::HashSet<&PathBuf> =
        found.iter().filter_map(|(_, _, b)| b.as_ref()).collect();
    assets.retain(|(bundle, file)| {
        let is_bundle = bundles.contains(bundle);
        if !is_bundle && file.extension().is_some_and(|e| e == "md") {
            diags.push(
                Diagnostic::warning(
                    "content/unused",
                    Span::file(file),
                    "this file is not part of the site: its folder has no index.md",
                )
                .with_help(
                    "put articles directly in content/articles/, or name the file index.md to make its folder a page bundle",
                ),
            );
        }
        is_bundle
    });
}

/// Hidden files, editor backups and swap files are never content.
pub(crate) fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || name.starts_with('#')
}

/// A file or folder the walk could not read, with a hint for a link that loops.
/// A link to nothing is skipped with the same warning as any other link the walk does not
/// follow.
pub(crate) fn walk_error(root: &Path, confine: &Confinement, e: &walkdir::Error) -> Diagnostic {
    let p = e
        .path()
        .map(|p| rel_to(root, p))
        .unwrap_or_else(|| PathBuf::from(CONTENT_DIR));
    if let Some(full) = e.path().filter(|_| e.loop_ancestor().is_none()) {
        if std::fs::symlink_metadata(full).is_ok_and(|m| m.file_type().is_symlink()) {
            if let Err(d) = confine.follow(full, &p) {
                return *d;
            }
        }
    }
    let d = Diagnostic::error("io", Span::file(p), format!("could not read: {e}"));
    if e.loop_ancestor().is_some() {
        d.with_help(confine::LOOP_HELP)
    } else {
        d.with_help("check that the file exists and that handout may read it")
    }
}

pub(crate) fn rel_to(root: &Path, p: &Path) -> PathBuf {
    p.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| p.to_path_buf())
}
