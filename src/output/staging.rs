//! The staging folder a build writes into, beside the output folder, and the checks that make
//! replacing the output folder safe.
//!
//! The marker file stops `--out` from ever replacing a folder that handout did not make (a
//! typo such as `--out .` must not delete a clinic's content).

use super::lock::{self, LockError, OutputLock};
use super::swap::{self, SwapKind};
use super::Output;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The file handout leaves in every output folder it makes.
pub const MARKER: &str = ".handout-output";

/// Site folders whose files are inputs: an output folder inside one would be read back into
/// the next build (a site under `static/` grows with every build).
const SOURCE_DIRS: &[&str] = &["content", "static", "templates", "themes"];

/// A staging folder beside the final output folder, holding the output folder's lock.
#[derive(Debug)]
pub struct Staging {
    target: PathBuf,
    staging: PathBuf,
    waited: Duration,
    _lock: OutputLock,
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
    /// The output folder is inside a folder the build reads.
    #[error("--out {0} is inside the site's {1}/ folder, whose files are read by every build; choose a folder outside it, such as `public`")]
    InsideSource(PathBuf, &'static str),
    /// The output path is a symbolic link.
    #[error("{0} is a symbolic link; handout replaces the output folder as a whole, so give the real folder it points to as --out")]
    Symlink(PathBuf),
    /// The output path is a file.
    #[error("{0} is a file, not a folder; choose a folder for --out")]
    NotAFolder(PathBuf),
    /// Another build held the lock for the whole wait.
    #[error("another handout build{} has been writing to {path} for {} minutes; let it finish (or stop it) and build again", .pid.map(|p| format!(" (process {p})")).unwrap_or_default(), lock::WAIT.as_secs() / 60)]
    Busy {
        /// The output folder.
        path: PathBuf,
        /// The other build's process id, if known.
        pid: Option<u32>,
    },
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
    /// Checks that `target` is safe to replace, takes its lock (waiting for another build of
    /// it to finish) and prepares a fresh staging folder.
    pub fn create(target: &Path, site_root: &Path) -> Result<Staging, OutputError> {
        check_target(target, site_root)?;
        let parent = parent_of(target);
        std::fs::create_dir_all(parent).map_err(io_err("create", parent))?;
        let lock_path = lock::lock_path(target);
        let (lock, waited) = OutputLock::acquire(&lock_path, lock::WAIT).map_err(|e| match e {
            LockError::Busy(pid) => OutputError::Busy {
                path: target.to_path_buf(),
                pid,
            },
            LockError::Io(source) => OutputError::Io {
                action: "lock",
                path: lock_path.clone(),
                source,
            },
        })?;
        recover_interrupted_swap(target)?;
        let staging = sibling(target, "new");
        swap::remove_entry(&staging).map_err(io_err("remove the old staging folder", &staging))?;
        std::fs::create_dir(&staging).map_err(io_err("create", &staging))?;
        std::fs::write(
            staging.join(MARKER),
            b"This folder is written by `handout build`; it is replaced on every build.\n",
        )
        .map_err(io_err("write", &staging))?;
        Ok(Staging {
            target: target.to_path_buf(),
            staging,
            waited,
            _lock: lock,
        })
    }

    /// The folder files are being written to.
    pub fn dir(&self) -> &Path {
        &self.staging
    }

    /// Puts the file `from` (of the previous output) into the staging folder at `rel`
    /// without reading it: a hard link, or a copy where the file system has none.
    pub fn carry(&self, rel: &str, from: &Path) -> io::Result<()> {
        let to = self.staging.join(rel);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        match std::fs::hard_link(from, &to) {
            Ok(()) => Ok(()),
            Err(_) => std::fs::copy(from, &to).map(|_| ()),
        }
    }

    /// How long this build waited for another build of the same folder.
    pub fn waited(&self) -> Duration {
        self.waited
    }

    /// Puts the staging folder in place of the output folder, then removes the old site.
    pub fn commit(self) -> Result<(), OutputError> {
        let aside = sibling(&self.target, "old");
        let kind = swap::swap_in(&self.staging, &self.target, &aside)
            .map_err(io_err("move into place", &self.target))?;
        let old = match kind {
            SwapKind::Exchange => &self.staging,
            SwapKind::TwoRenames => &aside,
            SwapKind::Rename => return Ok(()),
        };
        swap::remove_entry(old).map_err(io_err("remove", old))
    }

    /// Throws the staging folder away, leaving the output folder untouched.
    pub fn abort(self) {
        let _ = swap::remove_entry(&self.staging);
    }
}

/// Refuses output folders that a build must not replace.
fn check_target(target: &Path, site_root: &Path) -> Result<(), OutputError> {
    let abs_target = absolute(target);
    let abs_root = absolute(site_root);
    if abs_root.starts_with(&abs_target) {
        return Err(OutputError::ContainsSite(target.to_path_buf()));
    }
    if let Some(dir) = SOURCE_DIRS
        .iter()
        .find(|d| abs_target.starts_with(abs_root.join(d)))
    {
        return Err(OutputError::InsideSource(target.to_path_buf(), dir));
    }
    let meta = match std::fs::symlink_metadata(target) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_err("read", target)(e)),
    };
    if meta.file_type().is_symlink() {
        return Err(OutputError::Symlink(target.to_path_buf()));
    }
    if !meta.is_dir() {
        return Err(OutputError::NotAFolder(target.to_path_buf()));
    }
    let marked = std::fs::symlink_metadata(target.join(MARKER)).is_ok_and(|m| m.is_file());
    if !marked {
        let empty = std::fs::read_dir(target)
            .map_err(io_err("read", target))?
            .next()
            .is_none();
        if !empty {
            return Err(OutputError::Foreign(target.to_path_buf()));
        }
    }
    Ok(())
}

/// A two-rename swap interrupted between its renames leaves no output folder and the previous
/// site aside: put it back. Otherwise whatever is at the aside path is a leftover to remove
/// (a link there is removed, never followed).
fn recover_interrupted_swap(target: &Path) -> Result<(), OutputError> {
    let aside = sibling(target, "old");
    let aside_is_site = std::fs::symlink_metadata(&aside).is_ok_and(|m| m.is_dir())
        && std::fs::symlink_metadata(aside.join(MARKER)).is_ok_and(|m| m.is_file());
    if aside_is_site && std::fs::symlink_metadata(target).is_err() {
        return std::fs::rename(&aside, target).map_err(io_err("restore", target));
    }
    swap::remove_entry(&aside).map_err(io_err("remove", &aside))
}

fn parent_of(target: &Path) -> &Path {
    target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
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

/// `public` -> `.public.handout-new` in the same parent, so the final rename never crosses
/// file systems.
pub(super) fn sibling(target: &Path, what: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    parent_of(target).join(format!(".{name}.handout-{what}"))
}

fn absolute(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| {
        let base = std::env::current_dir().unwrap_or_default();
        crate::site::normalise_path(&base.join(p))
    })
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
        assert!(matches!(
            Staging::create(&site.join("static/site"), &site),
            Err(OutputError::InsideSource(_, "static"))
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

    #[test]
    fn a_site_left_aside_by_an_interrupted_swap_is_put_back() {
        let tmp = tempfile::tempdir().expect("tmp");
        let out = tmp.path().join("public");
        let aside = sibling(&out, "old");
        std::fs::create_dir(&aside).expect("mkdir");
        std::fs::write(aside.join(MARKER), "").expect("write");
        std::fs::write(aside.join("index.html"), "previous").expect("write");
        let s = Staging::create(&out, tmp.path().join("site").as_path()).expect("stage");
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).expect("read"),
            "previous"
        );
        s.abort();
        assert!(!aside.exists());
    }
}
