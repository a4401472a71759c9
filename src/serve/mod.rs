//! `handout serve`: placeholder while the live preview is written (issue 5).

use crate::cli::ServeArgs;

/// Runs `handout serve`; returns the exit status.
pub fn run(_args: &ServeArgs) -> u8 {
    eprintln!("handout serve is not available in this build yet");
    2
}
