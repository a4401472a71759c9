//! The fast path of an incremental build: when nothing the build reads has changed since the
//! last build, and the published output is still exactly as that build left it, the build
//! stops at once and leaves the site alone.
//!
//! "Nothing the build reads" is every file under `site.yaml`, `content/`, `templates/`,
//! `themes/`, `static/` and `i18n/` (see [`listing`] for how a change is told: size, times,
//! inode, and the content of files written just before the last build), plus the handout
//! binary itself and the build's options and date (review statuses depend on the day). The
//! inputs are listed before the build reads them, so an edit made while a build runs is
//! always seen by the next one.

use super::BuildOptions;
use crate::diagnostic::Diagnostics;
use crate::output::listing::{self, Entry};
use crate::output::manifest::LastBuild;
use crate::output::Manifest;
use chrono::NaiveDate;
use std::path::Path;
use std::time::SystemTime;

/// What a build reads under the site folder. Anything else there (notes, drafts folders,
/// the output) does not change the site.
const INPUTS: &[&str] = &[
    "site.yaml",
    "content",
    "templates",
    "themes",
    "static",
    "i18n",
];

/// The things besides the input files that decide the output: the handout binary (its
/// version, and its size and time, so a rebuilt binary counts as a new one), the options and
/// the date.
pub(super) fn key(opts: &BuildOptions, out: &Path, today: NaiveDate) -> String {
    let binary = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| listing::stat_of(&m))
        .unwrap_or_default();
    format!(
        "handout {} {:?} out={:?} base_url={:?} drafts={} today={today}",
        env!("CARGO_PKG_VERSION"),
        (binary.size, binary.mtime),
        out,
        opts.base_url,
        opts.drafts,
    )
}

/// The input files as they are now, hashing those written too recently for their times to
/// show a later edit. `None` when they cannot all be read (then nothing is recorded).
pub(super) fn snapshot(root: &Path) -> Option<Vec<Entry>> {
    let now = SystemTime::now();
    let mut entries = listing::list(root, INPUTS, true)?;
    listing::hash_racy(root, &mut entries, now).then_some(entries)
}

/// The last build into `out`, if nothing has changed since it: same key, same input files,
/// and the output folder as it was published.
pub(super) fn last_if_unchanged(root: &Path, out: &Path, key: &str) -> Option<LastBuild> {
    let last = Manifest::load_last(out)?;
    if last.key != key {
        return None;
    }
    let inputs = listing::list(root, INPUTS, true)?;
    if !listing::unchanged(root, &last.inputs, &inputs) {
        return None;
    }
    let output = listing::list(out, &[""], false)?;
    listing::unchanged(out, &last.output, &output).then_some(last)
}

/// The record of a build that has just been published into `out`; `None` if the inputs
/// could not be listed at the start or the output cannot be listed now.
pub(super) fn record(
    key: String,
    inputs: Option<Vec<Entry>>,
    out: &Path,
    (pages, files): (usize, usize),
    diags: &Diagnostics,
) -> Option<LastBuild> {
    let mut sorted = diags.clone();
    sorted.sort();
    Some(LastBuild {
        key,
        inputs: inputs?,
        output: listing::list(out, &[""], false)?,
        pages,
        files,
        warnings: sorted.iter().map(|d| d.to_string()).collect(),
    })
}
