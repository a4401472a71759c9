//! What the preview tells the person running it, as it happens: the address, each rebuild,
//! and what went wrong along the way. The preview hands these to the caller's [`Reporter`]
//! instead of printing, so the command line decides how they look.

use crate::diagnostic::{Diagnostic, Diagnostics};
use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// One thing worth telling.
#[derive(Debug)]
pub enum Notice {
    /// The port asked for was busy, so the preview moved on to the next free one.
    PortBusy {
        /// The port asked for.
        asked: u16,
        /// The port used instead.
        using: u16,
    },
    /// The first build is done and served.
    Built {
        /// Every finding of loading the site.
        findings: Diagnostics,
        /// Files in the served site.
        files: usize,
        /// How long the build took.
        elapsed: Duration,
    },
    /// The first build has errors; the preview shows them until they are fixed.
    BuiltWithErrors {
        /// Every finding of loading the site.
        findings: Diagnostics,
        /// How many of them fail the build.
        errors: usize,
    },
    /// The preview is listening.
    Listening {
        /// The address to open in a browser.
        url: String,
        /// The socket it listens on.
        addr: SocketAddr,
    },
    /// A batch of changes was rebuilt and the open pages reloaded.
    Rebuilt {
        /// The changes, briefly (`content/a.md and 2 more`).
        what: String,
        /// Files rendered or copied.
        files: usize,
        /// Whether every page was rendered.
        everything: bool,
        /// Warnings in the files that changed.
        warnings: Vec<Diagnostic>,
        /// How long the rebuild took.
        elapsed: Duration,
    },
    /// A batch of changes left errors; the last good pages are still served.
    RebuildFailed {
        /// The changes, briefly.
        what: String,
        /// The errors that stand.
        errors: Vec<Diagnostic>,
    },
    /// `base_url` changed, so the site is served under a new path.
    Moved {
        /// The new base path.
        base_path: String,
    },
    /// Rebuilding hit a bug in handout; the site is being loaded again from disk.
    Bug,
    /// Something that works less well than it should (a folder that cannot be watched), as
    /// one sentence.
    Warning(String),
}

/// Where the preview sends its notices; called from the rebuild and server threads.
#[derive(Clone)]
pub struct Reporter(Arc<dyn Fn(Notice) + Send + Sync>);

impl Reporter {
    /// A reporter that hands each notice to `f`.
    pub fn new(f: impl Fn(Notice) + Send + Sync + 'static) -> Reporter {
        Reporter(Arc::new(f))
    }

    /// Tells one notice.
    pub fn tell(&self, notice: Notice) {
        (self.0)(notice);
    }

    /// Tells a [`Notice::Warning`].
    pub fn warn(&self, message: impl Into<String>) {
        self.tell(Notice::Warning(message.into()));
    }
}

impl fmt::Debug for Reporter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Reporter")
    }
}
