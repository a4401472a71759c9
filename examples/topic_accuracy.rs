//! Prints how well the topic classifier does on the labelled corpus: accuracy per half, how
//! many plain sections went to a topic page, and every mistake with the cue that decided it.
//!
//! Run with `cargo run --example topic_accuracy` for the tuning files; pass `tune`, `tune-2` or
//! `measure` to print only those files. The measured half is scored only when named, so that
//! looking at the tuning figures never shows its mistakes. `--section HEADING TEXT` shows how
//! one section is classified.

#[path = "../tests/it/topic_corpus/eval.rs"]
mod eval;

fn main() {
    let wanted: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, heading, text] = wanted.as_slice() {
        if flag == "--section" {
            // One section: `--section HEADING TEXT` prints its classification.
            let c = handout::markdown::TopicRules::defaults().classify_text(heading, text);
            println!("{c:#?}");
            return;
        }
    }
    let halves: Vec<String> = eval::tuning()
        .into_iter()
        .chain(["measure".to_string()])
        .filter(|h| {
            if wanted.is_empty() {
                h != "measure"
            } else {
                wanted.iter().any(|w| w == h)
            }
        })
        .collect();
    let mut scores: Vec<eval::Score> = halves.iter().map(|h| eval::score(h)).collect();
    if halves.iter().any(|h| h == "measure") {
        scores.push(eval::score_new_headings("measure"));
    }
    print!("{}", eval::report(&scores));
}
