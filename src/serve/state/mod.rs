//! The preview's state: the site model kept in memory, the rendered files the server reads,
//! and the rebuild that follows each batch of changes.
//!
//! A change to one content file updates the model in place ([`update_document`](super::update::update_document)) and
//! re-renders only the pages it made stale; a template change reloads the theme and renders
//! every page from the same model; a static file is copied; anything that moves files around
//! (a new or removed article, a config change) loads the site again from disk.
//!
//! Pages are rendered into a scratch store and copied into the served one only when the whole
//! rebuild succeeded, so a mistake never replaces a good page with a broken one. What still
//! has to be rendered is kept as [`Pending`] until it has been, however many failed rebuilds
//! come in between.

mod changes;
mod render;

use super::findings::Findings;
use super::live::{self, Events, Status};
use super::search::Reindexer;
use super::update::{SiteLinks, Stale};
use super::watch::Change;
use super::Reporter;
use crate::build::{self, Loaded};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::Memory;
use crate::render::theme::Source;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

/// What the server threads share with the rebuild thread.
#[derive(Debug)]
pub(crate) struct Shared {
    /// The last good build, as served.
    pub(crate) files: Memory,
    /// The build number and standing errors.
    pub(crate) status: RwLock<Status>,
    /// The open pages listening for rebuilds.
    pub(crate) events: Events,
    /// Where to tell what happens.
    pub(crate) reporter: Reporter,
}

impl Shared {
    /// Nothing served yet; notices go to `reporter`.
    pub(crate) fn new(reporter: Reporter) -> Shared {
        Shared {
            files: Memory::default(),
            status: RwLock::default(),
            events: Events::default(),
            reporter,
        }
    }
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
    /// Rebuilds the search index after edits, started with the first one.
    reindexer: Option<Reindexer>,
    /// An edit changed pages but the search index has not been asked for since.
    reindex_due: bool,
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
            reindexer: None,
            reindex_due: false,
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

    /// Where to tell what happens.
    pub(crate) fn reporter(&self) -> Reporter {
        self.shared.reporter.clone()
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
        let (loaded, diags) = build::load(
            &self.root,
            None,
            self.drafts,
            chrono::Local::now().date_naive(),
        );
        self.findings = Findings::from_load(diags);
        self.model = loaded.map(|loaded| {
            let statics = loaded.renderer.theme.static_files.keys().cloned().collect();
            let links = SiteLinks::new(&loaded.site, statics);
            Model { loaded, links }
        });
        self.pending = Pending::everything();
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
        let content_changed = !self.pending.stale.is_empty();
        let result = if everything {
            self.render_everything()
        } else {
            self.render_stale()
        };
        match result {
            Ok(files) => {
                self.findings.set_render(Diagnostics::new());
                if everything {
                    self.reindex_due = false;
                    if let Some(r) = &self.reindexer {
                        r.supersede();
                    }
                }
                let css = self.css_only();
                self.pending = Pending::default();
                self.succeed(css);
                if content_changed && !everything {
                    self.reindex_due = true;
                }
                self.rebuilt(files, everything)
            }
            Err(d) => {
                self.findings.set_render(d);
                let errors = self.findings.render_errors();
                self.fail(errors)
            }
        }
    }

    /// Whether an edit has left the search index behind the pages (see [`State::reindex`]).
    pub(crate) fn reindex_due(&self) -> bool {
        self.reindex_due
    }

    /// Asks for a new search index of the site as it is now (see [`Reindexer`]). Serve calls
    /// this once edits have paused: gathering the records of a large site takes a good part
    /// of a second, and done right after each save it held up the next save's reload.
    pub(crate) fn reindex(&mut self) {
        self.reindex_due = false;
        let Some(m) = &self.model else {
            return;
        };
        let site = &m.loaded.site;
        if !site.config.search.enabled {
            return;
        }
        let records = crate::search::records(site);
        let shared = &self.shared;
        self.reindexer
            .get_or_insert_with(|| Reindexer::start(Arc::clone(shared)))
            .queue(records);
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
            (Some(m), Some(key)) => render::site_key(&m.loaded.site) != *key,
            _ => true,
        }
    }
}
