//! Putting a finished staging folder in place of the output folder, and removing folders
//! without ever following a symbolic link.
//!
//! On Linux the two folders trade places in one `renameat2(RENAME_EXCHANGE)` call: at every
//! instant the output path holds either the whole old site or the whole new one, even if the
//! machine loses power mid-swap. Elsewhere (macOS, Windows, the BSDs, and Linux file systems
//! that refuse the flag) the old folder is renamed aside and the new one renamed in: two
//! renames, with a moment between them when the output folder does not exist; a crash in that
//! moment leaves the previous site in `.NAME.handout-old`, and the next build puts it back
//! before anything else.

use std::io;
use std::path::Path;

/// How the swap was done; tests and messages may want to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SwapKind {
    /// One atomic exchange.
    Exchange,
    /// There was no previous folder: one rename.
    Rename,
    /// Two renames (no atomic exchange on this platform or file system).
    TwoRenames,
}

/// Moves `staging` to `target`. The previous `target`, if any, ends up at `staging` (after an
/// exchange) or at `aside` (after two renames); the caller removes it.
pub(super) fn swap_in(staging: &Path, target: &Path, aside: &Path) -> io::Result<SwapKind> {
    let target_exists = std::fs::symlink_metadata(target).is_ok();
    if !target_exists {
        std::fs::rename(staging, target)?;
        return Ok(SwapKind::Rename);
    }
    if exchange(staging, target)? {
        return Ok(SwapKind::Exchange);
    }
    std::fs::rename(target, aside)?;
    if let Err(e) = std::fs::rename(staging, target) {
        // Put the previous site back so nothing is lost.
        let _ = std::fs::rename(aside, target);
        return Err(e);
    }
    Ok(SwapKind::TwoRenames)
}

/// Exchanges two paths atomically. `Ok(false)` where the platform or file system cannot.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

/// Removes `path`: a folder with everything in it, or, if `path` is a symbolic link or a file,
/// only that entry. Links met inside are removed, never followed, so a link planted where a
/// build keeps its scratch folders cannot make it delete files elsewhere.
pub(super) fn remove_entry(path: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
        Ok(m) if m.is_dir() => remove_tree(path),
        Ok(_) => std::fs::remove_file(path),
    }
}

/// Removes a real folder and everything in it, the entries of each folder in parallel: the
/// previous site of a 10,000-article build is 40,000 files, and removing them one by one took
/// a sixth of a rebuild.
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries = std::fs::read_dir(dir)?.collect::<io::Result<Vec<_>>>()?;
    entries.par_iter().try_for_each(|e| {
        // The entry's own type (`DirEntry::file_type` does not follow links).
        if e.file_type()?.is_dir() {
            remove_tree(&e.path())
        } else {
            std::fs::remove_file(e.path())
        }
    })?;
    std::fs::remove_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swap_replaces_the_folder_and_keeps_the_old_one_for_removal() {
        let tmp = tempfile::tempdir().expect("tmp");
        let (staging, target, aside) = (
            tmp.path().join("new"),
            tmp.path().join("public"),
            tmp.path().join("old"),
        );
        for (dir, text) in [(&staging, "new"), (&target, "old")] {
            std::fs::create_dir(dir).expect("mkdir");
            std::fs::write(dir.join("index.html"), text).expect("write");
        }
        let kind = swap_in(&staging, &target, &aside).expect("swap");
        assert_eq!(
            std::fs::read_to_string(target.join("index.html")).expect("read"),
            "new"
        );
        let old = if kind == SwapKind::Exchange {
            &staging
        } else {
            &aside
        };
        assert_eq!(
            std::fs::read_to_string(old.join("index.html")).expect("read"),
            "old"
        );
        #[cfg(target_os = "linux")]
        assert_eq!(kind, SwapKind::Exchange);
    }

    #[cfg(unix)]
    #[test]
    fn removing_a_link_removes_only_the_link() {
        let tmp = tempfile::tempdir().expect("tmp");
        let precious = tmp.path().join("precious");
        std::fs::create_dir(&precious).expect("mkdir");
        std::fs::write(precious.join("notes.txt"), "keep").expect("write");
        let link = tmp.path().join(".public.handout-old");
        std::os::unix::fs::symlink(&precious, &link).expect("symlink");
        let inside = tmp.path().join("tree");
        std::fs::create_dir(&inside).expect("mkdir");
        std::os::unix::fs::symlink(&precious, inside.join("link")).expect("symlink");
        remove_entry(&link).expect("remove link");
        remove_entry(&inside).expect("remove tree");
        assert!(!link.exists() && !inside.exists());
        assert_eq!(
            std::fs::read_to_string(precious.join("notes.txt")).expect("read"),
            "keep"
        );
    }
}
