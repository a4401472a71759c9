//! Applying one changed file to the model: which changes can be applied in place and which
//! need the site loaded again from disk.

use super::State;
use crate::content::{self, DocKind};
use crate::diagnostic::Diagnostics;
use crate::render::theme::{self, Source};
use crate::render::Renderer;
use crate::serve::update::{self, Stale, UpdateError};
use crate::site::Site;
use std::path::Path;

impl State {
    /// Reloads the theme and its templates into the current model. Returns false when the
    /// site must be loaded again instead (the set of static files changed, which links use).
    pub(super) fn reload_templates(&mut self) -> bool {
        let Some(m) = &mut self.model else {
            return false;
        };
        let confine =
            crate::confine::Confinement::new(&self.root, m.loaded.site.config.allow_links_outside);
        let theme = match theme::load(&self.root, &m.loaded.site.config.theme, &confine) {
            // Warnings about skipped links were shown when the site was loaded.
            Ok((t, _)) => t,
            Err(d) => {
                self.findings.set_site(d);
                return true;
            }
        };
        let old = &m.loaded.renderer.theme.static_files;
        if !theme.static_files.keys().eq(old.keys()) {
            return false;
        }
        match Renderer::new(theme) {
            Ok(r) => {
                m.loaded.renderer = r;
                self.findings.set_site(Diagnostics::new());
                self.pending.stale.insert(Stale::Everything);
            }
            Err(d) => self.findings.set_site(d),
        }
        true
    }

    /// A file under a `static/` folder changed: copy it if it is one the site already has.
    pub(super) fn static_changed(&mut self, rel: &Path) -> bool {
        let Some(m) = &self.model else {
            return false;
        };
        let abs = self.root.join(rel);
        let hit = m
            .loaded
            .renderer
            .theme
            .static_files
            .iter()
            .find(|(_, src)| matches!(src, Source::Disk(p) if *p == abs));
        match hit {
            Some((key, src)) if abs.is_file() => {
                self.pending.copies.insert(key.clone(), src.clone());
                true
            }
            // New, removed or overridden by another layer: let a full load sort it out.
            _ => false,
        }
    }

    /// A file or folder under `content/` changed. Returns false when the site must be
    /// loaded again.
    pub(super) fn content_changed(&mut self, rel: &Path) -> bool {
        let Some(m) = &mut self.model else {
            return false;
        };
        let abs = self.root.join(rel);
        let site = &mut m.loaded.site;
        if rel.extension().is_some_and(|e| e == "md") {
            if in_model(site, rel) {
                if !reappears(&abs) {
                    return false;
                }
                self.touched.push(rel.to_path_buf());
                return match update::update_document(site, &m.links, rel) {
                    Ok(up) => {
                        self.findings.set_file(rel, up.diagnostics);
                        if let Some(a) = up.aliases {
                            self.findings.set_aliases(a);
                        }
                        self.pending.stale.extend(up.stale);
                        self.pending.removed.extend(up.removed);
                        true
                    }
                    Err(UpdateError::Invalid(d)) => {
                        self.findings.set_file(rel, d);
                        true
                    }
                    Err(UpdateError::NeedsFullLoad(_)) => false,
                };
            }
            if m.links.is_unpublished_draft(rel) && abs.is_file() {
                // Not shown, but a full build reads it too, so its errors still count.
                self.touched.push(rel.to_path_buf());
                return match content::load_document(&self.root, rel, doc_kind(rel), None) {
                    Ok((doc, warnings)) if doc.front.draft => {
                        self.findings.set_file(rel, warnings);
                        true
                    }
                    Ok(_) => false,
                    Err(d) => {
                        self.findings.set_file(rel, d);
                        true
                    }
                };
            }
            return false;
        }
        if let Some((_, _, dest)) = site.bundle_assets.iter().find(|(_, src, _)| src == rel) {
            if !abs.is_file() {
                return false;
            }
            self.pending.copies.insert(dest.clone(), Source::Disk(abs));
            return true;
        }
        let in_bundle = rel.components().count() >= 4 && rel.starts_with("content/articles");
        if abs.is_dir() || (in_bundle && abs.is_file()) {
            return false;
        }
        // A removed or renamed folder takes its documents with it.
        let holds_content = site.articles.iter().any(|a| a.doc.path.starts_with(rel))
            || site.pages.iter().any(|p| p.doc.path.starts_with(rel))
            || site
                .bundle_assets
                .iter()
                .any(|(_, src, _)| src.starts_with(rel));
        !holds_content || abs.exists()
    }
}

fn in_model(site: &Site, rel: &Path) -> bool {
    site.articles.iter().any(|a| a.doc.path == rel)
        || site.pages.iter().any(|p| p.doc.path == rel)
        || site.home.as_ref().is_some_and(|h| h.doc.path == rel)
        || site.faq_file.as_ref().is_some_and(|f| f.doc.path == rel)
}

/// What kind of document a content path holds, as the load stage decides it.
fn doc_kind(rel: &Path) -> DocKind {
    let under = rel.strip_prefix(content::CONTENT_DIR).unwrap_or(rel);
    if under == Path::new("_index.md") {
        DocKind::Home
    } else if under == Path::new("faq.md") {
        DocKind::Faq
    } else if under.starts_with("articles") {
        DocKind::Article
    } else {
        DocKind::Page
    }
}

/// Whether a file that is missing now is back within a moment. Editors that save by moving
/// the original aside and writing a new file leave a short gap; a batch that ends inside it
/// must not unpublish the article (a full load without it) only to publish it again.
fn reappears(path: &Path) -> bool {
    for _ in 0..10 {
        if path.is_file() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    path.is_file()
}
