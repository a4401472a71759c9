//! Progress on long work: the stage, the steps done of the total and the time so far, on one
//! line of the terminal that is redrawn in place and cleared at the end.
//!
//! Nothing is shown for work that ends within about a second, when stderr is not a terminal
//! (a log file, CI) or with `--quiet`: the bar is for a person waiting, and must never get
//! into captured output.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// How long work runs before its progress is shown.
const SHOW_AFTER: Duration = Duration::from_secs(1);

/// A handle to report progress through; cheap to clone, and silent when hidden.
#[derive(Debug, Clone)]
pub struct Progress {
    bar: Option<ProgressBar>,
    start: Instant,
}

impl Default for Progress {
    fn default() -> Self {
        Progress::hidden()
    }
}

impl Progress {
    /// Progress that is never shown (tests, serve, library callers).
    pub fn hidden() -> Progress {
        Progress {
            bar: None,
            start: Instant::now(),
        }
    }

    /// Progress for a command run by a person: shown on stderr when it is a terminal and
    /// `quiet` is false.
    pub fn for_terminal(quiet: bool) -> Progress {
        if quiet || !std::io::stderr().is_terminal() {
            return Progress::hidden();
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        let style = ProgressStyle::with_template("{msg:>10} {wide_bar} {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        Progress {
            bar: Some(bar),
            start: Instant::now(),
        }
    }

    /// Starts a stage of `total` steps (0 when the count is not known).
    pub fn stage(&self, name: &'static str, total: u64) {
        if let Some(bar) = &self.bar {
            bar.set_message(name);
            bar.set_length(total);
            bar.set_position(0);
            self.reveal(bar);
        }
    }

    /// Counts `n` steps of the current stage as done.
    pub fn inc(&self, n: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(n);
            self.reveal(bar);
        }
    }

    /// Clears the line: the work is over.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    /// Starts drawing once the work has taken long enough to be worth watching.
    fn reveal(&self, bar: &ProgressBar) {
        if bar.is_hidden() && self.start.elapsed() >= SHOW_AFTER {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            bar.enable_steady_tick(Duration::from_millis(250));
        }
    }
}
