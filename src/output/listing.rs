//! Listings of a folder's files with what the file system says about each (size, times,
//! inode), to tell cheaply whether anything in a set of folders changed since the last build.
//!
//! A file's modification time can be set by hand (`touch -d`, `tar`, `cp -p`), so a listing
//! also keeps the status-change time (`ctime`), which only the kernel sets and which moves on
//! every write, rename or link. Both are read from the clock at the granularity of the file
//! system (two seconds on FAT): a file written within [`RACY`] of the listing could be written
//! again in the same tick without either time moving, so such a file's content is hashed too,
//! and compared again next time.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fs::Metadata;
use std::io;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How close to the listing a file's times must be for its content to be hashed as well.
pub const RACY: Duration = Duration::from_secs(2);

/// What the file system says about one file (all zero for a folder).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stat {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, ns since 1970.
    pub mtime: i128,
    /// Status-change time, ns since 1970 (0 where the platform has none).
    pub ctime: i128,
    /// Inode number (0 where the platform has none).
    pub ino: u64,
}

/// One listed file or folder: its path (`/`-separated, relative to the listed root), its
/// [`Stat`], and for a file written close to the listing, the SHA-256 of its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Path relative to the root of the listing.
    pub path: String,
    /// Whether it is a folder.
    pub dir: bool,
    /// Its status.
    pub stat: Stat,
    /// The content's hash, for a racy file.
    pub hash: Option<[u8; 32]>,
}

fn nanos(t: std::io::Result<SystemTime>) -> i128 {
    match t.map(|t| t.duration_since(UNIX_EPOCH)) {
        Ok(Ok(d)) => d.as_nanos() as i128,
        Ok(Err(before)) => -(before.duration().as_nanos() as i128),
        Err(_) => 0,
    }
}

/// The [`Stat`] of a file's metadata.
pub fn stat_of(meta: &Metadata) -> Stat {
    if meta.is_dir() {
        return Stat::default();
    }
    #[cfg(unix)]
    let (ctime, ino) = {
        use std::os::unix::fs::MetadataExt;
        (
            i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
            meta.ino(),
        )
    };
    #[cfg(not(unix))]
    let (ctime, ino) = (0, 0);
    Stat {
        size: meta.len(),
        mtime: nanos(meta.modified()),
        ctime,
        ino,
    }
}

/// Folders nested deeper than this (a symbolic link to a folder above itself) make a listing
/// fail rather than run forever.
const MAX_DEPTH: usize = 64;

/// Lists `names` (files or folders, relative to `root`) recursively, sorted by path,
/// following symbolic links when `follow` (as the build does when it reads them). A name that
/// does not exist is left out; any other error gives `None`, for the caller to treat as
/// "changed". The folders are read in parallel, and each entry's status is read through its
/// folder (no walk of the whole path per file): a 10,000-article site's output is 90,000
/// entries.
pub fn list(root: &Path, names: &[&str], follow: bool) -> Option<Vec<Entry>> {
    let mut out = Vec::new();
    for name in names {
        let top = root.join(name);
        let meta = match read_meta(&top, follow) {
            Ok(m) => m,
            // A dangling link is read by nobody, but is not "absent" either.
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                match std::fs::symlink_metadata(&top) {
                    Ok(_) => return None,
                    Err(_) => continue,
                }
            }
            Err(_) => return None,
        };
        if meta.is_dir() {
            out.extend(walk(&top, name, follow, 0)?);
        }
        out.push(entry(name.to_string(), &meta));
    }
    out.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    Some(out)
}

fn read_meta(path: &Path, follow: bool) -> io::Result<Metadata> {
    match follow {
        true => std::fs::metadata(path),
        false => std::fs::symlink_metadata(path),
    }
}

fn entry(path: String, meta: &Metadata) -> Entry {
    Entry {
        path,
        dir: meta.is_dir(),
        stat: stat_of(meta),
        hash: None,
    }
}

/// Everything under the folder `dir`, whose path in the listing is `rel`.
fn walk(dir: &Path, rel: &str, follow: bool, depth: usize) -> Option<Vec<Entry>> {
    if depth > MAX_DEPTH {
        return None;
    }
    let children = std::fs::read_dir(dir)
        .ok()?
        .collect::<io::Result<Vec<_>>>()
        .ok()?;
    children
        .par_iter()
        .try_fold(Vec::new, |mut acc, child| {
            let name = child.file_name();
            let path = match rel {
                "" => name.to_str()?.to_string(),
                _ => format!("{rel}/{}", name.to_str()?),
            };
            // The entry's own status, read through the open folder.
            let mut meta = child.metadata().ok()?;
            if follow && meta.file_type().is_symlink() {
                meta = std::fs::metadata(child.path()).ok()?;
            }
            if meta.is_dir() {
                acc.extend(walk(&child.path(), &path, follow, depth + 1)?);
            }
            acc.push(entry(path, &meta));
            Some(acc)
        })
        .try_reduce(Vec::new, |mut a, b| {
            a.extend(b);
            Some(a)
        })
}

/// Hashes the content of every file of `entries` written within [`RACY`] of `now`: those
/// whose times alone cannot show a later edit. `false` when one cannot be read.
pub fn hash_racy(root: &Path, entries: &mut [Entry], now: SystemTime) -> bool {
    let limit = nanos(Ok(now)) - RACY.as_nanos() as i128;
    entries
        .par_iter_mut()
        .filter(|e| !e.dir && (e.stat.mtime >= limit || e.stat.ctime >= limit))
        .all(|e| {
            e.hash = hash_file(&root.join(&e.path));
            e.hash.is_some()
        })
}

fn hash_file(path: &Path) -> Option<[u8; 32]> {
    let bytes = std::fs::read(path).ok()?;
    Some(Sha256::digest(&bytes).into())
}

/// Whether the files of `recorded` are still there, unchanged, and alone: the same paths with
/// the same status, and for each that was racy when recorded, the same content.
pub fn unchanged(root: &Path, recorded: &[Entry], now: &[Entry]) -> bool {
    if recorded.len() != now.len() {
        return false;
    }
    let same_status = recorded
        .iter()
        .zip(now)
        .all(|(a, b)| a.path == b.path && a.dir == b.dir && a.stat == b.stat);
    same_status
        && recorded
            .par_iter()
            .filter_map(|e| Some((e, e.hash?)))
            .all(|(e, h)| hash_file(&root.join(&e.path)) == Some(h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_that_keeps_size_and_modification_time_is_seen() {
        let tmp = tempfile::tempdir().expect("tmp");
        let file = tmp.path().join("content/a.md");
        std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
        std::fs::write(&file, "one").expect("write");
        let mtime = std::fs::metadata(&file)
            .and_then(|m| m.modified())
            .expect("mtime");
        let mut before = list(tmp.path(), &["content", "site.yaml"], true).expect("list");
        assert!(hash_racy(tmp.path(), &mut before, SystemTime::now()));
        assert!(before.iter().any(|e| e.hash.is_some()), "{before:?}");
        let again = list(tmp.path(), &["content", "site.yaml"], true).expect("list");
        assert!(unchanged(tmp.path(), &before, &again));

        std::fs::write(&file, "two").expect("write");
        let f = std::fs::File::options()
            .write(true)
            .open(&file)
            .expect("open");
        f.set_modified(mtime).expect("set mtime");
        let after = list(tmp.path(), &["content", "site.yaml"], true).expect("list");
        assert!(!unchanged(tmp.path(), &before, &after));

        std::fs::write(tmp.path().join("site.yaml"), "").expect("write");
        let added = list(tmp.path(), &["content", "site.yaml"], true).expect("list");
        assert_eq!(added.len(), before.len() + 1);
        assert!(!unchanged(tmp.path(), &before, &added));
    }
}
