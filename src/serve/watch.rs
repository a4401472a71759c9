//! Watches the site folder and turns an editor's burst of file events into one batch of
//! classified [`Change`]s.
//!
//! Editors save in many ways: in place, or by writing a temporary file and renaming it over
//! the original (vim, many IDEs), sometimes after moving the original to a backup. A batch
//! therefore carries paths, not events: it ends after a short quiet spell, and the rebuild
//! looks at what is on disk then. Swap, backup and temporary files are dropped by name.

use super::Reporter;
use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecursiveMode, Watcher as _};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// The folders under the site root that affect the build.
pub(crate) const WATCHED_DIRS: [&str; 4] = ["content", "templates", "themes", "static"];
/// A batch ends when no event came for this long. Short, because it is part of the delay
/// between saving and seeing the page; editors finish an atomic save within a few ms.
const QUIET: Duration = Duration::from_millis(25);
/// A batch ends after this long even if events keep coming (a long copy into the folder).
const MAX_WAIT: Duration = Duration::from_millis(500);

/// What kind of file changed, which decides how much to rebuild.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Change {
    /// `site.yaml`: everything depends on it.
    Config,
    /// A template or a theme's `theme.yaml`.
    Template(PathBuf),
    /// A file under `static/` or a theme's `static/` (relative to the root).
    Static(PathBuf),
    /// A file or folder under `content/` (relative to the root).
    Content(PathBuf),
    /// The watcher lost track (event queue overflow) or a watched folder appeared or went:
    /// load everything again.
    Everything,
}

/// Classifies a path relative to the site root; `None` for files that never affect the site.
pub(crate) fn classify(rel: &Path) -> Option<Change> {
    let parts: Vec<&str> = rel
        .components()
        .filter_map(|c| c.as_os_str().to_str())
        .collect();
    if parts.iter().any(|p| is_editor_temp(p)) {
        return None;
    }
    match parts.as_slice() {
        ["site.yaml"] => Some(Change::Config),
        [top] if WATCHED_DIRS.contains(top) => Some(Change::Everything),
        ["content", ..] => Some(Change::Content(rel.to_path_buf())),
        ["templates", ..] => Some(Change::Template(rel.to_path_buf())),
        ["static", ..] => Some(Change::Static(rel.to_path_buf())),
        ["themes", _, "static", ..] => Some(Change::Static(rel.to_path_buf())),
        ["themes", _, "templates", ..] | ["themes", _, "theme.yaml"] => {
            Some(Change::Template(rel.to_path_buf()))
        }
        // A whole theme folder added, removed or renamed.
        ["themes", _] => Some(Change::Template(rel.to_path_buf())),
        _ => None,
    }
}

/// Swap, backup and temporary files that editors write beside the real one.
pub(crate) fn is_editor_temp(name: &str) -> bool {
    crate::content::is_ignored(name)
        // vim's probe file when checking it may write to a folder
        || (!name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()))
        || name.ends_with(".swx")
        || name.ends_with(".swpx")
        || name.ends_with(".kate-swp")
        || name.ends_with(".crswap")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || name.ends_with(".bak")
        || name.ends_with(".orig")
}

/// Whether an event can mean a file's content changed. inotify also reports every open and
/// read, including the preview's own reads while rebuilding, which must never count.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// A running watcher and the stream of batches it produces.
pub(crate) struct Watcher {
    root: PathBuf,
    watcher: notify::RecommendedWatcher,
    rx: Receiver<notify::Result<Event>>,
    /// Changes seen while [`Watcher::quiet_for`] waited, for the next batch.
    early: BTreeSet<Change>,
    /// The watched folders that existed when last looked at.
    watching: BTreeSet<&'static str>,
    reporter: Reporter,
}

impl Watcher {
    /// Starts watching `root` (an absolute path): the root itself for `site.yaml` and new
    /// folders, and each watched folder that exists, recursively.
    pub(crate) fn start(root: &Path, reporter: Reporter) -> notify::Result<Watcher> {
        let (tx, rx) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(tx)?;
        watcher.watch(root, RecursiveMode::NonRecursive)?;
        let mut w = Watcher {
            root: root.to_path_buf(),
            watcher,
            rx,
            early: BTreeSet::new(),
            watching: BTreeSet::new(),
            reporter,
        };
        w.watch_dirs();
        Ok(w)
    }

    /// Adds a recursive watch for each watched folder that exists and is not watched yet.
    fn watch_dirs(&mut self) {
        for dir in WATCHED_DIRS {
            let path = self.root.join(dir);
            if path.is_dir() && !self.watching.contains(dir) {
                if let Err(e) = self.watcher.watch(&path, RecursiveMode::Recursive) {
                    self.reporter
                        .warn(format!("cannot watch {dir}/ for changes: {e}"));
                } else {
                    self.watching.insert(dir);
                }
            } else if !path.is_dir() {
                self.watching.remove(dir);
            }
        }
    }

    /// Waits up to `quiet` for a change, keeping it for the next batch: true when none came,
    /// that is, when edits have paused. Events that are no change (a file read, an editor's
    /// temporary file) do not end the wait.
    pub(crate) fn quiet_for(&mut self, quiet: Duration) -> bool {
        let start = Instant::now();
        while self.early.is_empty() {
            let left = quiet.saturating_sub(start.elapsed());
            if left.is_zero() {
                return true;
            }
            match self.rx.recv_timeout(left) {
                Ok(ev) => {
                    let mut changes = std::mem::take(&mut self.early);
                    self.take(ev, &mut changes);
                    self.early = changes;
                }
                Err(RecvTimeoutError::Timeout) => return true,
                // The next batch finds the watcher stopped.
                Err(RecvTimeoutError::Disconnected) => return false,
            }
        }
        false
    }

    /// Waits for the next batch of changes. Returns `None` when the watcher has stopped.
    pub(crate) fn next_batch(&mut self) -> Option<Vec<Change>> {
        loop {
            let mut changes = std::mem::take(&mut self.early);
            if changes.is_empty() {
                let first = self.rx.recv().ok()?;
                self.take(first, &mut changes);
            }
            let start = Instant::now();
            loop {
                let left = MAX_WAIT.saturating_sub(start.elapsed());
                if left.is_zero() {
                    break;
                }
                match self.rx.recv_timeout(QUIET.min(left)) {
                    Ok(ev) => self.take(ev, &mut changes),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
            }
            if changes.contains(&Change::Everything) {
                // A watched folder may have appeared; watch inside it from now on.
                self.watch_dirs();
            }
            if !changes.is_empty() {
                return Some(changes.into_iter().collect());
            }
        }
    }

    fn take(&self, ev: notify::Result<Event>, changes: &mut BTreeSet<Change>) {
        let ev = match ev {
            Ok(ev) => ev,
            Err(e) => {
                self.reporter.warn(format!(
                    "the file watcher reported a problem ({e}); reloading everything"
                ));
                changes.insert(Change::Everything);
                return;
            }
        };
        if ev.need_rescan() {
            changes.insert(Change::Everything);
            return;
        }
        if !is_change(&ev.kind) {
            return;
        }
        for path in &ev.paths {
            let Ok(rel) = path.strip_prefix(&self.root) else {
                continue;
            };
            if let Some(c) = classify(rel) {
                changes.insert(c);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_paths() {
        let c = |p: &str| classify(Path::new(p));
        assert_eq!(c("site.yaml"), Some(Change::Config));
        assert_eq!(
            c("content/articles/knee.md"),
            Some(Change::Content("content/articles/knee.md".into()))
        );
        assert_eq!(
            c("themes/calm/templates/base.html"),
            Some(Change::Template("themes/calm/templates/base.html".into()))
        );
        assert_eq!(
            c("themes/calm/static/css/x.css"),
            Some(Change::Static("themes/calm/static/css/x.css".into()))
        );
        assert_eq!(c("templates"), Some(Change::Everything));
        assert_eq!(c("public/index.html"), None);
        assert_eq!(c("README.md"), None);
    }

    #[test]
    fn ignores_editor_files() {
        for p in [
            "content/articles/.knee.md.swp",
            "content/articles/knee.md~",
            "content/articles/4913",
            "content/articles/#knee.md#",
            "content/articles/knee.md.tmp",
            "content/.git/index",
            "templates/base.html___jb_tmp___",
        ] {
            assert_eq!(classify(Path::new(p)), None, "{p}");
        }
    }
}
