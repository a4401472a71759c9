//! Trains the topic classifier's model from the tuning half of the labelled corpus and writes
//! it to `src/markdown/cues/en.model.json`, printing the cross-validation figures.
//!
//! Run with `cargo run --example train_topics` after changing the tuning files, the cue list or
//! the model's features; `-- --check` only says whether the committed model is what training
//! gives. The measured half (`measure.yaml`) is never read here.

#[path = "../tests/it/topic_corpus/eval.rs"]
mod eval;

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let check = std::env::args().any(|a| a == "--check");
    let (json, report) = eval::train("en");
    print!("Leave-one-file-out cross-validation on the tuning files:\n{report}");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/markdown/cues/en.model.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if check {
        if committed == json {
            println!("{} is up to date", path.display());
            return ExitCode::SUCCESS;
        }
        eprintln!(
            "{} differs from what training gives: run `cargo run --example train_topics`",
            path.display()
        );
        return ExitCode::FAILURE;
    }
    if let Err(e) = std::fs::write(&path, &json) {
        eprintln!("cannot write {}: {e}", path.display());
        return ExitCode::FAILURE;
    }
    println!("wrote {} ({} bytes)", path.display(), json.len());
    ExitCode::SUCCESS
}
