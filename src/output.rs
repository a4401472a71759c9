//! Where rendered files go: a staging folder swapped in atomically, or memory (for serve).
//!
//! A build writes everything into a hidden sibling of the output folder and only renames it
//! into place when the whole build succeeded, so a failed build leaves the previous site
//! exactly as it was. The marker file stops `--out` from ever replacing a folder that handout
//! did not make (a typo such as `--out .` must not delete a clinic's content).

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

/// The file handout leaves in every output folder it makes.
pub const MARKER: &str = ".handout-output";

/// Something rendered files can be written to.
pub trait Output: Sync {
    /// Writes one file at `rel` (a `/`-separated path relative to the site root).
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()>;
}

/// A staging folder beside the final output folder.
#[derive(Debug)]
pub struct Staging {
    target: PathBuf,
    staging: PathBuf,
}

/// Why an output folder cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The folder exists, is not empty and was not made by handout.
    #[error("{0} already exists and was not made by handout; choose a new or empty folder for --out (handout replaces the whole folder on every build)")]
    Foreign(PathBuf),
    /// The output folder would contain the site itself.
    #[error("--out {0} would replace the site folder itself; choose a folder inside it such as `public`")]
    ContainsSite(PathBuf),
    /// A file-system error, with the path.
    #[error("could not {action} {path}: {source}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// On which path.
        path: PathBuf,
        /// The error.
        source: io::Error,
    },
}

fn io_err<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> OutputError + 'a {
    move |source| OutputError::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

impl Staging {
    /// Prepares a fresh staging folder for `target`, after checking it is safe to replace.
    pub fn create(target: &Path, site_root: &Path) -> Result<Staging, OutputError> {
        let abs_target = absolute(target);
        let abs_root = absolute(site_root);
        if abs_root.starts_with(&abs_target) {
            return Err(OutputError::ContainsSite(target.to_path_buf()));
        }
        if target.exists() && !target.join(MARKER).exists() {
            let empty = std::fs::read_dir(target)
                .map_err(io_err("read", target))?
                .next()
                .is_none();
            if !empty {
                return Err(OutputError::Foreign(target.to_path_buf()));
            }
        }
        let staging = sibling(target, "new");
        if staging.exists() {
            std::fs::remove_dir_all(&staging)
                .map_err(io_err("remove the old staging folder", &staging))?;
        }
        std::fs::create_dir_all(&staging).map_err(io_err("create", &staging))?;
        std::fs::write(
            staging.join(MARKER),
            b"This folder is written by `handout build`; it is replaced on every build.\n",
        )
        .map_err(io_err("write", &staging))?;
        Ok(Staging {
            target: target.to_path_buf(),
            staging,
        })
    }

    /// The folder files are being written to.
    pub fn dir(&self) -> &Path {
        &self.staging
    }

    /// Swaps the staging folder in as the output folder.
    pub fn commit(self) -> Result<(), OutputError> {
        let old = sibling(&self.target, "old");
        if old.exists() {
            remove_tree(&old).map_err(io_err("remove", &old))?;
        }
        let had_old = self.target.exists();
        if had_old {
            std::fs::rename(&self.target, &old).map_err(io_err("move aside", &self.target))?;
        }
        if let Err(e) = std::fs::rename(&self.staging, &self.target) {
            // Put the previous site back so nothing is lost.
            if had_old {
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(OutputError::Io {
                action: "move into place",
                path: self.target.clone(),
                source: e,
            });
        }
        if had_old {
            remove_tree(&old).map_err(io_err("remove", &old))?;
        }
        Ok(())
    }

    /// Throws the staging folder away, leaving the output folder untouched.
    pub fn abort(self) {
        let _ = std::fs::remove_dir_all(&self.staging);
    }
}

impl Output for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.staging.join(rel);
        // Almost every page is `…/index.html` in a folder of its own: make the folder first
        // instead of failing to open the file and trying again (40,000 wasted system calls on
        // a 10,000-article site).
        if rel.ends_with("/index.html") {
            if let Some(parent) = path.parent() {
                if let Err(e) = std::fs::create_dir(parent) {
                    if e.kind() == io::ErrorKind::NotFound {
                        std::fs::create_dir_all(parent)?;
                    }
                }
            }
        }
        match std::fs::write(&path, bytes) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(&path, bytes)
            }
            other => other,
        }
    }
}

/// Removes a folder and everything in it, the entries of each folder in parallel: the
/// previous site of a 10,000-article build is 40,000 files, and removing them one by one took
/// a sixth of a rebuild.
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries = std::fs::read_dir(dir)?.collect::<io::Result<Vec<_>>>()?;
    entries.par_iter().try_for_each(|e| {
        // The entry's own type: a link to a folder is removed, not followed.
        if e.file_type()?.is_dir() {
            remove_tree(&e.path())
        } else {
            std::fs::remove_file(e.path())
        }
    })?;
    std::fs::remove_dir(dir)
}

/// `public` -> `.public.handout-new` in the same parent, so the final rename never crosses
/// file systems.
fn sibling(target: &Path, what: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.join(format!(".{name}.handout-{what}"))
}

fn absolute(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| {
        let base = std::env::current_dir().unwrap_or_default();
        crate::site::normalise_path(&base.join(p))
    })
}

/// Rendered files kept in memory, for the live preview.
#[derive(Debug, Default, Clone)]
pub struct Memory {
    files: Arc<RwLock<HashMap<String, Arc<Vec<u8>>>>>,
}

impl Memory {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// The file at `rel`, if there is one.
    pub fn get(&self, rel: &str) -> Option<Arc<Vec<u8>>> {
        self.files.read().ok()?.get(rel).cloned()
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.read().map(|f| f.len()).unwrap_or(0)
    }

    /// Whether it holds no files.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Replaces everything with the contents of `other` (after a successful rebuild).
    pub fn replace_with(&self, other: Memory) {
        let new = other.files.read().map(|f| f.clone()).unwrap_or_default();
        if let Ok(mut f) = self.files.write() {
            *f = new;
        }
    }

    /// Removes one file.
    pub fn remove(&self, rel: &str) {
        if let Ok(mut f) = self.files.write() {
            f.remove(rel);
        }
    }

    /// All paths, sorted.
    pub fn paths(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .files
            .read()
            .map(|f| f.keys().cloned().collect())
            .unwrap_or_default();
        v.sort();
        v
    }
}

impl Output for Memory {
    fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let mut f = self
            .files
            .write()
            .map_err(|_| io::Error::other("memory output poisoned"))?;
        f.insert(rel.to_string(), Arc::new(bytes.to_vec()));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_a_foreign_folder_and_the_site_itself() {
        let tmp = tempfile::tempdir().expect("tmp");
        let site = tmp.path().join("site");
        std::fs::create_dir_all(site.join("docs")).expect("mkdir");
        std::fs::write(site.join("docs/keep.txt"), "x").expect("write");
        assert!(matches!(
            Staging::create(&site.join("docs"), &site),
            Err(OutputError::Foreign(_))
        ));
        assert!(matches!(
            Staging::create(&site, &site),
            Err(OutputError::ContainsSite(_))
        ));
        assert!(site.join("docs/keep.txt").exists());
    }

    #[test]
    fn commit_swaps_and_abort_keeps_the_old_site() {
        let tmp = tempfile::tempdir().expect("tmp");
        let out = tmp.path().join("public");
        let s = Staging::create(&out, tmp.path().join("site").as_path()).expect("stage");
        s.write("a/index.html", b"one").expect("write");
        s.commit().expect("commit");
        assert_eq!(
            std::fs::read(out.join("a/index.html")).expect("read"),
            b"one"
        );
        let s = Staging::create(&out, tmp.path().join("site").as_path()).expect("stage");
        s.write("a/index.html", b"two").expect("write");
        s.abort();
        assert_eq!(
            std::fs::read(out.join("a/index.html")).expect("read"),
            b"one"
        );
    }
}
