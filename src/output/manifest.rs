//! The record an incremental build keeps of the last build: for each output file, the
//! fingerprint of what it was made from and the size and time it was written with.
//!
//! It lives beside the output folder (`.public.handout-manifest`), not in it, so it is never
//! published. A file is carried over from the previous output only when its fingerprint is the
//! same and the file on disk is still the one the record describes (same size and
//! modification time), so a hand-edited or missing output file is rendered again. The manifest
//! is replaced (written aside, then renamed) only after the new output is in place; a build
//! that stops in between leaves a manifest whose records no longer match the new files' times,
//! which costs a re-render and never a stale page.

use super::staging::sibling;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// The fingerprint, size and modification time (ns since 1970) of one output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// What the file was made from.
    pub fingerprint: u64,
    /// Its size in bytes.
    pub size: u64,
    /// Its modification time.
    pub mtime: u128,
}

/// The records of one build's output files, by path relative to the output folder.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// Output files by path.
    pub files: HashMap<String, Record>,
}

/// Where the manifest of the output folder `out` is kept.
fn path_of(out: &Path) -> PathBuf {
    sibling(out, "manifest")
}

/// The size and modification time of a file, as a record with `fingerprint`.
pub fn record(path: &Path, fingerprint: u64) -> io::Result<Record> {
    let meta = std::fs::metadata(path)?;
    let mtime = meta
        .modified()?
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    Ok(Record {
        fingerprint,
        size: meta.len(),
        mtime,
    })
}

impl Manifest {
    /// The manifest of the last build into `out`, if there is a readable one.
    pub fn load(out: &Path) -> Option<Manifest> {
        let text = std::fs::read(path_of(out)).ok()?;
        serde_json::from_slice(&text).ok()
    }

    /// Removes the manifest of `out` (before a build that keeps none).
    pub fn remove(out: &Path) {
        let _ = std::fs::remove_file(path_of(out));
    }

    /// Replaces the manifest of `out` with this one.
    pub fn save(&self, out: &Path) -> io::Result<()> {
        let path = path_of(out);
        let tmp = sibling(out, "manifest-new");
        std::fs::write(&tmp, serde_json::to_vec(self).map_err(io::Error::other)?)?;
        std::fs::rename(&tmp, &path)
    }

    /// Whether the file `rel` of the folder `dir` can be carried over for `fingerprint`: the
    /// record matches and the file is still the one recorded.
    pub fn reusable(&self, dir: &Path, rel: &str, fingerprint: u64) -> Option<Record> {
        let r = self.files.get(rel)?;
        if r.fingerprint != fingerprint {
            return None;
        }
        let now = record(&dir.join(rel), fingerprint).ok()?;
        (now == *r).then_some(now)
    }
}
