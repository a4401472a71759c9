//! One build at a time per output folder.
//!
//! Two builds into the same folder (an editor's `handout build` while a file watcher or CI runs
//! another) would otherwise interleave their staging folders and swaps. Each build holds an
//! exclusive advisory lock on a file beside the output folder for as long as it runs. The lock
//! is the operating system's (`flock` on Unix, `LockFileEx` on Windows), so it is released
//! when the process ends however it ends: a lock file left behind by a crashed build is never
//! stale, and the next build takes it at once. The file holds the holder's process id only so
//! that a waiting build can say who it is waiting for.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a build waits for another build of the same folder before giving up. Long enough
/// for a 100,000-article build, short enough that a stuck CI job fails rather than hangs.
pub(super) const WAIT: Duration = Duration::from_secs(300);

/// An exclusive lock on an output folder, released when dropped.
#[derive(Debug)]
pub(super) struct OutputLock {
    _file: File,
}

/// Why the lock could not be taken.
#[derive(Debug)]
pub(super) enum LockError {
    /// Another build held it for the whole wait; its process id if known.
    Busy(Option<u32>),
    /// The lock file could not be opened (or is a symbolic link).
    Io(std::io::Error),
}

impl OutputLock {
    /// Takes the lock at `path`, waiting up to `wait` for another build to finish. Returns the
    /// lock and how long it waited.
    pub(super) fn acquire(path: &Path, wait: Duration) -> Result<(Self, Duration), LockError> {
        let mut file = open_no_follow(path).map_err(LockError::Io)?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) if start.elapsed() < wait => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(TryLockError::WouldBlock) => return Err(LockError::Busy(holder(&mut file))),
                Err(TryLockError::Error(e)) => return Err(LockError::Io(e)),
            }
        }
        // Only the holder writes, so the id is never torn for another holder.
        let _ = file
            .set_len(0)
            .and_then(|()| writeln!(file, "{}", std::process::id()));
        Ok((OutputLock { _file: file }, start.elapsed()))
    }
}

/// The process id written by the build holding the lock, if readable.
fn holder(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.seek(SeekFrom::Start(0)).ok()?;
    file.read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

/// Opens (creating) the lock file without following a symbolic link at its name: a link
/// committed to a site's repository must not make the build write somewhere else.
fn open_no_follow(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    #[cfg(not(unix))]
    {
        if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(std::io::Error::other("the lock file is a symbolic link"));
        }
    }
    options.open(path)
}

/// `public` -> `.public.handout-lock` beside it.
pub(super) fn lock_path(target: &Path) -> PathBuf {
    super::staging::sibling(target, "lock")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_waits_then_gives_up_naming_the_first() {
        let tmp = tempfile::tempdir().expect("tmp");
        let path = tmp.path().join(".public.handout-lock");
        let (first, waited) = OutputLock::acquire(&path, WAIT).expect("first");
        assert!(waited < Duration::from_secs(1));
        match OutputLock::acquire(&path, Duration::from_millis(120)) {
            Err(LockError::Busy(pid)) => assert_eq!(pid, Some(std::process::id())),
            other => panic!("expected Busy, got {other:?}"),
        }
        drop(first);
        assert!(OutputLock::acquire(&path, Duration::ZERO).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn refuses_a_lock_file_that_is_a_symbolic_link() {
        let tmp = tempfile::tempdir().expect("tmp");
        let victim = tmp.path().join("victim.txt");
        std::fs::write(&victim, "keep me").expect("write");
        let path = tmp.path().join(".public.handout-lock");
        std::os::unix::fs::symlink(&victim, &path).expect("symlink");
        assert!(matches!(
            OutputLock::acquire(&path, WAIT),
            Err(LockError::Io(_))
        ));
        assert_eq!(std::fs::read_to_string(&victim).expect("read"), "keep me");
    }
}
