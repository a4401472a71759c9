//! Carrying unchanged files over from the previous output (an incremental build).
//!
//! Each page's fingerprint (see `render::fingerprint`) is combined with the fingerprint of
//! what every page shares; a page whose combined fingerprint is the one the manifest recorded,
//! and whose previous file is untouched, is hard-linked into the staging folder instead of
//! rendered. The search index is one unit: carried over whole when the records it is built
//! from are the same, built again otherwise.

use super::Reuse;
use crate::diagnostic::Diagnostic;
use crate::output::manifest::{record, Record};
use crate::output::Output;
use crate::site::Site;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

/// A file written or carried over: its path, its manifest record and whether it was carried.
pub(super) type Done = (String, Record, bool);

/// One fingerprint from the shared one and a page's own.
pub(super) fn combine(shared: u64, page: u64) -> u64 {
    let mut h = DefaultHasher::new();
    (shared, page).hash(&mut h);
    h.finish()
}

/// Carries `rel` over from the previous output if its record says it was made from
/// `fingerprint` and it is still as recorded.
pub(super) fn carry(reuse: &Reuse, rel: &str, fingerprint: u64) -> Option<Record> {
    let found = reuse
        .manifest
        .as_ref()?
        .reusable(reuse.old, rel, fingerprint)?;
    reuse.staging.carry(rel, &reuse.old.join(rel)).ok()?;
    Some(found)
}

/// Carries `files` over together if every one of them can be; otherwise carries none (so
/// that rendering them cannot write through a link into the previous output).
pub(super) fn carry_all(reuse: &Reuse, files: &[String], fingerprint: u64) -> Option<Vec<Done>> {
    let manifest = reuse.manifest.as_ref()?;
    let found: Vec<Record> = files
        .iter()
        .map(|f| manifest.reusable(reuse.old, f, fingerprint))
        .collect::<Option<_>>()?;
    let mut done = Vec::with_capacity(files.len());
    for (f, r) in files.iter().zip(found) {
        reuse.staging.carry(f, &reuse.old.join(f)).ok()?;
        done.push((f.clone(), r, true));
    }
    Some(done)
}

/// Writes the search index, or carries it over when its records are unchanged. Returns the
/// number of files, their records (with `reuse`) and any error.
pub(super) fn search(
    site: &Site,
    out: &dyn Output,
    reuse: Option<&Reuse>,
) -> (usize, Vec<Done>, Vec<Diagnostic>) {
    let Some(reuse) = reuse else {
        let (n, errors) = crate::search::write(site, out);
        return (n, Vec::new(), errors);
    };
    // The records are made twice (hashed here, indexed below if changed) rather than held.
    let mut h = DefaultHasher::new();
    site.config.language.hash(&mut h);
    crate::search::each_record(site, &mut |r| {
        (&r.url, &r.title, &r.guide, r.part, &r.tags, &r.content).hash(&mut h);
    });
    let print = h.finish();
    let prefix = format!("{}/", crate::search::DIR);
    let old: Vec<&String> = reuse
        .manifest
        .iter()
        .flat_map(|m| m.files.keys())
        .filter(|p| p.starts_with(&prefix))
        .collect();
    if !old.is_empty() {
        let carried: Option<Vec<Done>> = old
            .iter()
            .map(|p| carry(reuse, p, print).map(|r| (p.to_string(), r, true)))
            .collect();
        if let Some(done) = carried {
            return (done.len(), done, Vec::new());
        }
    }
    let (mut done, mut errors) = (Vec::new(), Vec::new());
    let built = crate::search::build(site, &mut |path, bytes| {
        let written = out
            .write(&path, &bytes)
            .and_then(|()| record(&reuse.staging.dir().join(&path), print));
        match written {
            Ok(r) => done.push((path, r, false)),
            Err(e) => errors.push(Diagnostic::io(Path::new(&path), "write", &e)),
        }
    });
    if let Err(d) = built {
        errors.push(d);
    }
    (done.len(), done, errors)
}
