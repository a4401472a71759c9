//! `handout check`: placeholder while the checker is written (issue 4).

use crate::cli::CheckArgs;

/// Runs `handout check`; returns the exit status.
pub fn run(_args: &CheckArgs) -> u8 {
    eprintln!("handout check is not available in this build yet");
    2
}
