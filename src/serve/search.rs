//! Keeping the preview's search index current without slowing a reload.
//!
//! A full render indexes the site with its pages. After an edit only the stale pages are
//! rendered and the page reloads at once; the index is rebuilt afterwards on a thread of its
//! own, once edits have paused for [`QUIET`], and swapped into the served files when done.

use super::state::Shared;
use crate::search::{self, Record, DIR};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::Duration;

/// How long edits must pause before the index is rebuilt.
pub(crate) const QUIET: Duration = Duration::from_millis(400);

/// One request: the records as of an edit and its number.
type Job = (u64, Vec<Record>);

/// The handle the rebuild thread keeps to ask for a new index.
pub(crate) struct Reindexer {
    jobs: Sender<Job>,
    /// The number of the newest request or full render; older work is dropped.
    latest: Arc<AtomicU64>,
}

impl Reindexer {
    /// Starts the indexing thread, which writes into `shared`'s files.
    pub(crate) fn start(shared: Arc<Shared>) -> Reindexer {
        let (jobs, rx) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let seen = Arc::clone(&latest);
        let reporter = shared.reporter.clone();
        let spawned = std::thread::Builder::new()
            .name("search-index".into())
            .spawn(move || run(rx, &seen, &shared));
        if let Err(e) = spawned {
            reporter.warn(format!(
                "the preview's search index will not follow edits ({e})"
            ));
        }
        Reindexer { jobs, latest }
    }

    /// Asks for an index of `records`.
    pub(crate) fn queue(&self, records: Vec<Record>) {
        let n = self.latest.fetch_add(1, Ordering::SeqCst) + 1;
        // A send fails only if the thread is gone; the last index stays served.
        let _ = self.jobs.send((n, records));
    }

    /// Drops any queued or running work: a full render has just written a newer index.
    pub(crate) fn supersede(&self) {
        self.latest.fetch_add(1, Ordering::SeqCst);
    }
}

fn run(rx: Receiver<Job>, latest: &AtomicU64, shared: &Shared) {
    yield_to_reloads();
    while let Ok(mut job) = rx.recv() {
        // Wait for edits to pause, keeping only the newest request.
        loop {
            match rx.recv_timeout(QUIET) {
                Ok(newer) => job = newer,
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let (n, records) = job;
        if n != latest.load(Ordering::SeqCst) {
            continue;
        }
        match search::index_records(records) {
            Ok(files) if n == latest.load(Ordering::SeqCst) => swap(shared, files),
            Ok(_) => {}
            Err(d) => shared.reporter.warn(d.message),
        }
    }
}

/// Lowers this thread's scheduling priority to the lowest, so that indexing a large site
/// (seconds of work) takes only time the reloads leave over: on a two-core machine an index
/// rebuild at normal priority made the next save's reload several times slower.
///
/// Linux only: there a thread has a priority of its own; elsewhere the call would lower the
/// whole preview server's, so the thread keeps the normal one.
fn yield_to_reloads() {
    #[cfg(target_os = "linux")]
    {
        let tid = rustix::thread::gettid();
        // Failing leaves the normal priority, which is only slower.
        let _ = rustix::process::setpriority_process(Some(tid), 19);
    }
}

/// Replaces the served index: new files first, then the old ones no longer named.
fn swap(shared: &Shared, files: Vec<(String, Vec<u8>)>) {
    use crate::output::Output;
    let prefix = format!("{DIR}/");
    let new: std::collections::HashSet<String> = files.iter().map(|(p, _)| p.clone()).collect();
    for (path, bytes) in &files {
        if let Err(e) = shared.files.write(path, bytes) {
            shared
                .reporter
                .warn(format!("could not update the search index: {e}"));
            return;
        }
    }
    for old in shared.files.paths() {
        if old.starts_with(&prefix) && !new.contains(&old) {
            shared.files.remove(&old);
        }
    }
}
