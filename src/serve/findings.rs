//! The preview's standing findings, kept by where they came from so that a rebuild can
//! replace exactly the ones it re-examined: a changed file's own findings, the site-wide
//! alias check, the theme and templates, and the last render.

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Findings by source.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    /// From reading and rendering one content file, by its path.
    files: BTreeMap<PathBuf, Vec<Diagnostic>>,
    /// From checking every alias against every page.
    aliases: Vec<Diagnostic>,
    /// From the config, the theme and the templates.
    site: Vec<Diagnostic>,
    /// From the last render.
    render: Vec<Diagnostic>,
}

impl Findings {
    /// Sorts the findings of a full load by source.
    pub(crate) fn from_load(diags: Diagnostics) -> Findings {
        let mut f = Findings::default();
        for d in diags {
            if d.rule == "urls/alias" {
                f.aliases.push(d);
            } else if d.span.path.starts_with(crate::content::CONTENT_DIR) {
                f.files.entry(d.span.path.clone()).or_default().push(d);
            } else {
                f.site.push(d);
            }
        }
        f
    }

    /// Replaces the findings of one content file.
    pub(crate) fn set_file(&mut self, rel: &Path, diags: Diagnostics) {
        let v = diags.into_vec();
        if v.is_empty() {
            self.files.remove(rel);
        } else {
            self.files.insert(rel.to_path_buf(), v);
        }
    }

    /// Replaces the alias findings.
    pub(crate) fn set_aliases(&mut self, diags: Diagnostics) {
        self.aliases = diags.into_vec();
    }

    /// Replaces the theme and template findings.
    pub(crate) fn set_site(&mut self, diags: Diagnostics) {
        self.site = diags.into_vec();
    }

    /// Replaces the findings of the last render.
    pub(crate) fn set_render(&mut self, diags: Diagnostics) {
        self.render = diags.into_vec();
    }

    /// The errors that stop pages from being rendered, in file order. Render errors are
    /// left out: they say why the last render failed, and the next one must still be tried.
    pub(crate) fn blocking_errors(&self) -> Vec<Diagnostic> {
        let all = self
            .files
            .values()
            .flatten()
            .chain(&self.aliases)
            .chain(&self.site);
        errors_of(all)
    }

    /// The errors of the last render.
    pub(crate) fn render_errors(&self) -> Vec<Diagnostic> {
        errors_of(self.render.iter())
    }

    /// The warnings about one file.
    pub(crate) fn warnings_in(&self, rel: &Path) -> Vec<Diagnostic> {
        self.files
            .get(rel)
            .map(|v| {
                v.iter()
                    .filter(|d| d.severity == Severity::Warning)
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Everything, in file order.
    pub(crate) fn all(&self) -> Diagnostics {
        let mut d = Diagnostics::new();
        d.extend(self.files.values().flatten().cloned());
        d.extend(self.aliases.iter().cloned());
        d.extend(self.site.iter().cloned());
        d.extend(self.render.iter().cloned());
        d.sort();
        d
    }
}

fn errors_of<'a>(diags: impl Iterator<Item = &'a Diagnostic>) -> Vec<Diagnostic> {
    let mut d = Diagnostics::new();
    d.extend(diags.filter(|d| d.severity == Severity::Error).cloned());
    d.sort();
    d.into_vec()
}
