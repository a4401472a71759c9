//! Prints how well the topic classifier does on the labelled corpus: accuracy per half, how
//! many plain sections went to a topic page, and every mistake with the cue that decided it.
//!
//! Run with `cargo run --example topic_accuracy`; pass `tune`, `tune-2` or `measure` to print
//! only those files. The two tuning files together are the tuning half.

#[path = "../tests/it/topic_corpus/eval.rs"]
mod eval;

fn main() {
    let wanted: Vec<String> = std::env::args().skip(1).collect();
    let halves: Vec<&str> = ["tune", "tune-2", "tune-3", "tune-4", "tune-5", "measure"]
        .into_iter()
        .filter(|h| wanted.is_empty() || wanted.iter().any(|w| w == h))
        .collect();
    let scores: Vec<eval::Score> = halves.iter().map(|h| eval::score(h)).collect();
    print!("{}", eval::report(&scores));
}
