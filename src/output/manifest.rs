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
//!
//! It also keeps what the last build read and wrote as a whole ([`LastBuild`]), so that a build
//! with nothing changed can stop at once. It is written with postcard behind a header naming
//! the format; a manifest from another version, or a damaged one, is ignored.

use super::listing::Entry;
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
    /// The whole of the last build, when it could be recorded. First, so that it can be read
    /// without the records of every file (see [`Manifest::load_last`]).
    pub last: Option<LastBuild>,
    /// Output files by path.
    pub files: HashMap<String, Record>,
}

/// What the last build read and wrote, for telling that nothing changed since.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LastBuild {
    /// The handout binary and the build's options and date: a change to any of them is a
    /// change to every page.
    pub key: String,
    /// The input files under the site folder, as they were when the build started.
    pub inputs: Vec<Entry>,
    /// The output folder as it was published.
    pub output: Vec<Entry>,
    /// HTML pages written.
    pub pages: usize,
    /// Files written.
    pub files: usize,
    /// The build's warnings, as printed.
    pub warnings: Vec<String>,
}

/// The first bytes of a manifest file: the format and its version.
const HEADER: &[u8] = b"handout-manifest postcard 1\n";

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
        let bytes = std::fs::read(path_of(out)).ok()?;
        postcard::from_bytes(bytes.strip_prefix(HEADER)?).ok()
    }

    /// Only the record of the whole last build into `out`, if there is a readable one: all
    /// that a build with nothing changed needs.
    pub fn load_last(out: &Path) -> Option<LastBuild> {
        let bytes = std::fs::read(path_of(out)).ok()?;
        let (last, _) = postcard::take_from_bytes(bytes.strip_prefix(HEADER)?).ok()?;
        last
    }

    /// Removes the manifest of `out` (before a build that keeps none).
    pub fn remove(out: &Path) {
        let _ = std::fs::remove_file(path_of(out));
    }

    /// Replaces the manifest of `out` with this one.
    pub fn save(&self, out: &Path) -> io::Result<()> {
        let path = path_of(out);
        let tmp = sibling(out, "manifest-new");
        let mut bytes = HEADER.to_vec();
        bytes.extend(postcard::to_stdvec(self).map_err(io::Error::other)?);
        std::fs::write(&tmp, bytes)?;
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
