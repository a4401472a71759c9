//! The preview's state: the site model kept in memory, the rendered files the server reads,
//! and the rebuild that follows each batch of changes.
//!
//! A change to one content file updates the model in place ([`site::update_document`]) and
//! re-renders only the pages it made stale; a template change reloads the theme and renders
//! every page from the same model; a static file is copied; anything that moves files around
//! (a new or removed article, a config change) loads the site again from disk.
//!
//! Pages are rendered into a scratch store and copied into the served one only when the whole
//! rebuild succeeded, so a mistake never replaces a good page with a broken one. What still
//! has to be rendered is kept as [`Pending`] until it has been, however many failed rebuilds
//! come in between.

use super::findings::Findings;
use super::live::{self, Events, Status};
use super::watch::Change;
use crate::build::{self, Loaded};
use crate::content::{self, DocKind};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::{Memory, Output};
use crate::render::theme::{self, Source};
use crate::render::{views, Renderer};
use crate::site::{self, OutputFile, Site, SiteLinks, Stale, UpdateError};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

/// What the server threads share with the rebuild thread.
#[derive(Debug, Default)]
pub(crate) struct Shared {
    /// The last good build, as served.
    pub(crate) files: Memory,
    /// The build number and standing errors.
    pub(crate) status: RwLock<Status>,
    /// The open pages listening for rebuilds.
    pub(crate) events: Events,
}

/// How a rebuild went, for the terminal.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// Nothing visible changed (a draft was saved, say).
    Unchanged,
    /// The served site was updated.
    Rebuilt {
        /// Files rendered or copied.
        files: usize,
        /// Whether every page was rendered (not just the stale ones).
        everything: bool,
        /// Warnings in the files that changed.
        warnings: Vec<Diagnostic>,
    },
    /// Errors stand; the last good pages are still served.
    Failed(Vec<Diagnostic>),
}

/// What has changed in the model but is not yet in the served files.
#[derive(Debug, Default)]
struct Pending {
    stale: BTreeSet<Stale>,
    /// Output files to drop.
    removed: BTreeSet<String>,
    /// Files to copy as they are: output path to source.
    copies: BTreeMap<String, Source>,
}

impl Pending {
    fn is_empty(&self) -> bool {
        self.stale.is_empty() && self.removed.is_empty() && self.copies.is_empty()
    }

    fn everything() -> Pending {
        Pending {
            stale: BTreeSet::from([Stale::Everything]),
            ..Default::default()
        }
    }
}

struct Model {
    loaded: Loaded,
    links: SiteLinks,
}

/// The model, the served files and what is left to do.
pub(crate) struct State {
    root: PathBuf,
    drafts: bool,
    model: Option<Model>,
    findings: Findings,
    pending: Pending,
    /// The site-wide template values of the served pages: when they change (a new page in the
    /// navigation, a hub count), every page is stale.
    site_key: Option<String>,
    /// Content files changed in this batch, whose warnings are worth showing.
    touched: Vec<PathBuf>,
    shared: Arc<Shared>,
}

impl State {
    /// A state for the site at `root` (absolute), with nothing loaded yet.
    pub(crate) fn new(root: PathBuf, drafts: bool, shared: Arc<Shared>) -> State {
        State {
            root,
            drafts,
            model: None,
            findings: Findings::default(),
            pending: Pending::default(),
            site_key: None,
            touched: Vec::new(),
            shared,
        }
    }

    /// Loads the site from disk and renders it: the start of serve, and the fallback for
    /// changes that cannot be applied in place.
    pub(crate) fn load_and_render(&mut self) -> Outcome {
        self.load();
        self.flush()
    }

    /// Every finding of the last load, for the terminal at start-up.
    pub(crate) fn all_findings(&self) -> Diagnostics {
        self.findings.all()
    }

    /// The base path pages are served under.
    pub(crate) fn base_path(&self) -> String {
        self.model
            .as_ref()
            .map(|m| m.loaded.site.config.base_path.clone())
            .unwrap_or_else(|| "/".into())
    }

    /// Applies one batch of changes and rebuilds what they made stale.
    pub(crate) fn apply(&mut self, changes: &[Change]) -> Outcome {
        self.touched.clear();
        let mut full = self.model.is_none()
            || changes
                .iter()
                .any(|c| matches!(c, Change::Config | Change::Everything));
        if !full && changes.iter().any(|c| matches!(c, Change::Template(_))) {
            full = !self.reload_templates();
        }
        if !full {
            for c in changes {
                let applied = match c {
                    Change::Static(rel) => self.static_changed(rel),
                    Change::Content(rel) => self.content_changed(rel),
                    _ => true,
                };
                if !applied {
                    full = true;
                    break;
                }
            }
        }
        if full {
            self.load();
        }
        self.flush()
    }

    fn load(&mut self) {
        let (loaded, diags) = build::load(&self.root, None, self.drafts);
        self.findings = Findings::from_load(diags);
        self.model = loaded.map(|loaded| {
            let statics = loaded.renderer.theme.static_files.keys().cloned().collect();
            let links = SiteLinks::new(&loaded.site, statics);
            Model { loaded, links }
        });
        self.pending = Pending::everything();
    }

    /// Reloads the theme and its templates into the current model. Returns false when the
    /// site must be loaded again instead (the set of static files changed, which links use).
    fn reload_templates(&mut self) -> bool {
        let Some(m) = &mut self.model else {
            return false;
        };
        let theme = match theme::load(&self.root, &m.loaded.site.config.theme) {
            Ok(t) => t,
            Err(d) => {
                self.findings.set_site(d);
                return true;
            }
        };
        let old = &m.loaded.renderer.theme.static_files;
        if !theme.static_files.keys().eq(old.keys()) {
            return false;
        }
        let today = chrono::Local::now().date_naive();
        match Renderer::new(theme, today) {
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
    fn static_changed(&mut self, rel: &Path) -> bool {
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
    fn content_changed(&mut self, rel: &Path) -> bool {
        let Some(m) = &mut self.model else {
            return false;
        };
        let abs = self.root.join(rel);
        let site = &mut m.loaded.site;
        if rel.extension().is_some_and(|e| e == "md") {
            if in_model(site, rel) {
                if !abs.is_file() {
                    return false;
                }
                self.touched.push(rel.to_path_buf());
                return match site::update_document(site, &m.links, rel) {
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

    /// Renders what is pending, if nothing stands in the way, and tells the open pages.
    fn flush(&mut self) -> Outcome {
        let blocking = self.findings.blocking_errors();
        if !blocking.is_empty() {
            return self.fail(blocking);
        }
        if self.pending.is_empty() {
            if self.showing_errors() {
                // The error was in a file that shows on no page (a draft): just clear it.
                self.succeed(None);
                return self.rebuilt(0, false);
            }
            return Outcome::Unchanged;
        }
        let everything = self.pending.stale.contains(&Stale::Everything)
            || (!self.pending.stale.is_empty() && self.site_changed());
        let result = if everything {
            self.render_everything()
        } else {
            self.render_stale()
        };
        match result {
            Ok(files) => {
                self.findings.set_render(Diagnostics::new());
                let css = self.css_only();
                self.pending = Pending::default();
                self.succeed(css);
                self.rebuilt(files, everything)
            }
            Err(d) => {
                self.findings.set_render(d);
                let errors = self.findings.render_errors();
                self.fail(errors)
            }
        }
    }

    fn rebuilt(&self, files: usize, everything: bool) -> Outcome {
        let warnings = self
            .touched
            .iter()
            .flat_map(|p| self.findings.warnings_in(p))
            .collect();
        Outcome::Rebuilt {
            files,
            everything,
            warnings,
        }
    }

    fn showing_errors(&self) -> bool {
        self.shared
            .status
            .read()
            .map(|s| !s.errors.is_empty())
            .unwrap_or(false)
    }

    fn fail(&mut self, errors: Vec<Diagnostic>) -> Outcome {
        if let Ok(mut s) = self.shared.status.write() {
            s.set_errors(errors.clone());
            self.shared
                .events
                .broadcast(&live::error_event(s.build, &errors));
        }
        Outcome::Failed(errors)
    }

    fn succeed(&mut self, css: Option<Vec<String>>) {
        let base_path = self.base_path();
        if let Ok(mut s) = self.shared.status.write() {
            s.build += 1;
            s.set_errors(Vec::new());
            s.base_path = base_path;
            let event = match css {
                Some(paths) => live::css_event(s.build, &paths),
                None => live::reload_event(s.build),
            };
            self.shared.events.broadcast(&event);
        }
    }

    /// The URL paths of the stylesheets, if copying stylesheets is all this rebuild does.
    fn css_only(&self) -> Option<Vec<String>> {
        let p = &self.pending;
        let only_css = p.stale.is_empty()
            && p.removed.is_empty()
            && !p.copies.is_empty()
            && p.copies.keys().all(|k| k.ends_with(".css"));
        let base = self.base_path();
        only_css.then(|| p.copies.keys().map(|k| format!("{base}{k}")).collect())
    }

    /// Whether the values every page shows (navigation, hub counts) differ from the served ones.
    fn site_changed(&self) -> bool {
        match (&self.model, &self.site_key) {
            (Some(m), Some(key)) => site_key(&m.loaded.site) != *key,
            _ => true,
        }
    }

    fn render_everything(&mut self) -> Result<usize, Diagnostics> {
        let Some(m) = &self.model else {
            return Ok(0);
        };
        let scratch = Memory::new();
        let (_, files, diags) = build::render_all(&m.loaded, &scratch);
        if diags.has_errors() {
            return Err(diags);
        }
        for (rel, src) in outside_root(&self.root, m) {
            scratch.remove(&rel);
            eprintln!(
                "warning: {} is a link to a file outside the site folder; the preview does not serve it",
                src.display()
            );
        }
        self.shared.files.replace_with(scratch);
        self.site_key = Some(site_key(&m.loaded.site));
        Ok(files)
    }

    fn render_stale(&mut self) -> Result<usize, Diagnostics> {
        let Some(m) = &self.model else {
            return Ok(0);
        };
        let (site, renderer) = (&m.loaded.site, &m.loaded.renderer);
        let shared = renderer.prepare(site, &m.loaded.config_text)?;
        let (pages, feeds) = site::stale_pages(site, &self.pending.stale);
        let scratch = Memory::new();
        let errors = Mutex::new(Diagnostics::new());
        pages.par_iter().for_each(|&page| {
            if let Err(d) = build::write_page(site, renderer, &shared, page, &scratch) {
                if let Ok(mut e) = errors.lock() {
                    e.push(d);
                }
            }
        });
        let mut errors = errors.into_inner().unwrap_or_default();
        if feeds {
            let all = site.pages();
            for f in [OutputFile::Sitemap, OutputFile::Feed] {
                let text = renderer.render_file(site, &shared, f, &all);
                if let Err(e) = scratch.write(f.output_path(), text.as_bytes()) {
                    errors.push(Diagnostic::io(Path::new(f.output_path()), "write", &e));
                }
            }
        }
        for (dest, src) in &self.pending.copies {
            if let Source::Disk(p) = src {
                if !inside(&self.root, p) {
                    continue;
                }
            }
            match src.read() {
                Ok(bytes) => {
                    if let Err(e) = scratch.write(dest, &bytes) {
                        errors.push(Diagnostic::io(Path::new(dest), "write", &e));
                    }
                }
                Err(e) => errors.push(Diagnostic::io(Path::new(dest), "read", &e)),
            }
        }
        if errors.has_errors() {
            return Err(errors);
        }
        let files = &self.shared.files;
        for gone in &self.pending.removed {
            files.remove(gone);
        }
        let written = scratch.paths();
        for path in &written {
            if let Some(bytes) = scratch.get(path) {
                files
                    .write(path, &bytes)
                    .map_err(|e| Diagnostics::from(Diagnostic::io(Path::new(path), "write", &e)))?;
            }
        }
        Ok(written.len())
    }
}

/// The site-wide values every template gets, as text to compare.
fn site_key(site: &Site) -> String {
    serde_json::to_string(&views::site_view(site)).unwrap_or_default()
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

/// Whether `p` really is inside `root` once symbolic links are followed.
fn inside(root: &Path, p: &Path) -> bool {
    match std::fs::canonicalize(p) {
        Ok(real) => real.starts_with(root),
        Err(_) => true, // missing files fail when read, with their own message
    }
}

/// Static files and bundle assets that are links to files outside the site folder: output
/// path and source. The preview never serves them, even if a build would copy them.
fn outside_root(root: &Path, m: &Model) -> Vec<(String, PathBuf)> {
    let theme = &m.loaded.renderer.theme.static_files;
    let statics = theme.iter().filter_map(|(rel, src)| match src {
        Source::Disk(p) => Some((rel.clone(), p.clone())),
        Source::BuiltIn(_) => None,
    });
    let assets = m
        .loaded
        .site
        .bundle_assets
        .iter()
        .map(|(_, src, dest)| (dest.clone(), root.join(src)));
    statics
        .chain(assets)
        .filter(|(_, p)| !inside(root, p))
        .collect()
}
