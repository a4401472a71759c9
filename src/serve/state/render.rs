//! Rendering what is pending into a scratch store and, only if all of it succeeded, into the
//! served files.

use super::{Model, State};
use crate::build;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::{Memory, Output};
use crate::render::theme::Source;
use crate::render::views;
use crate::site::Site;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

impl State {
    pub(super) fn render_everything(&mut self) -> Result<usize, Diagnostics> {
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
            self.shared.reporter.warn(format!(
                "{} is a link to a file outside the site folder; the preview does not serve it",
                src.display()
            ));
        }
        self.shared.files.replace_with(scratch);
        self.site_key = Some(site_key(&m.loaded.site));
        Ok(files)
    }

    pub(super) fn render_stale(&mut self) -> Result<usize, Diagnostics> {
        let Some(m) = &self.model else {
            return Ok(0);
        };
        let (site, renderer) = (&m.loaded.site, &m.loaded.renderer);
        let shared = renderer.prepare(site)?;
        let (pages, feeds) = crate::serve::update::stale_pages(site, &self.pending.stale);
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
            let (_, failed) = crate::render::write_listing_files(site, &site.pages(), &scratch);
            errors.extend(failed);
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
pub(super) fn site_key(site: &Site) -> String {
    serde_json::to_string(&views::site_view(site)).unwrap_or_default()
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
