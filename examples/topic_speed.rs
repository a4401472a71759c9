//! Times the topic classifier: microseconds per `##` section over the labelled corpus.
//!
//! Run with `cargo run --release --example topic_speed`. Each corpus entry is classified from
//! its heading and text many times over; the figure is the mean time per section.

#[path = "../tests/it/topic_corpus/eval.rs"]
mod eval;

use std::time::Instant;

fn main() {
    let rules = handout::markdown::TopicRules::defaults();
    let mut entries = Vec::new();
    for name in ["tune", "tune-2", "tune-3", "tune-4", "tune-5"] {
        entries.extend(eval::load(name));
    }
    const ROUNDS: usize = 50;
    let start = Instant::now();
    let mut topics = 0usize;
    for _ in 0..ROUNDS {
        for e in &entries {
            if rules.classify_text(&e.heading, &e.text).kind.is_topic() {
                topics += 1;
            }
        }
    }
    let per = start.elapsed().as_secs_f64() * 1e6 / (ROUNDS * entries.len()) as f64;
    println!(
        "{} sections x {ROUNDS} rounds: {per:.1} µs per section ({topics} topic results)",
        entries.len()
    );
}
