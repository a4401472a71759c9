//! The classifier against the labelled corpus in `tests/fixtures/topics/corpus/`.
//!
//! Issue 12 sets the targets for the measured half: at least 97% right, at most 2% of plain
//! sections on a topic page. The measured half of round 8 on 2 December 2026 (300 sections, 110
//! plain, written by a helper who saw neither the classifier nor the tuning files, measured
//! once) gave 296 right (98.7%) with no plain section on a topic page; the classifier before
//! that round's training had given 297 and none. The halves before it gave between 94.0% and
//! 98.5%, and 1.8% to 3.6% of plain sections on topic pages: fresh halves swing by a few
//! sections, so a second test also holds the line at what was measured.
//! `cargo run --example topic_accuracy -- measure` prints the figures with every mistake.

pub(crate) mod eval;

/// Right answers needed on the measured half (issue 12).
const ACCURACY: f64 = 0.97;
/// Most plain sections that may go to a topic page, as a share of all plain sections (issue 12).
const PLAIN_ON_TOPIC: f64 = 0.02;
/// What the fresh measured half gave, measured once: 296 of 300 right, none of 110 plain
/// sections on a topic page.
const MEASURED: (usize, usize) = (296, 0);

#[test]
fn the_corpus_is_big_enough_and_well_formed() {
    let files = eval::tuning().into_iter().chain(["measure".to_string()]);
    let mut total = 0;
    let mut plain = 0;
    for f in files {
        let entries = eval::load(&f);
        total += entries.len();
        plain += entries.iter().filter(|e| e.topic == "plain").count();
    }
    let measure = eval::load("measure");
    assert!(total >= 300, "{total} sections");
    assert!(plain >= 60, "{plain} plain sections");
    let measure_plain = measure.iter().filter(|e| e.topic == "plain").count();
    assert!(measure.len() >= 200, "{} measured sections", measure.len());
    assert!(
        measure_plain >= 60,
        "{measure_plain} plain measured sections"
    );
}

#[test]
fn the_measured_half_meets_the_targets() {
    let s = eval::score("measure");
    let report = eval::report(std::slice::from_ref(&s));
    assert!(
        s.accuracy() >= ACCURACY,
        "accuracy {:.1}% is below {:.0}%\n{report}",
        s.accuracy() * 100.0,
        ACCURACY * 100.0
    );
    assert!(
        s.plain_on_topic_rate() <= PLAIN_ON_TOPIC,
        "{} of {} plain sections went to a topic page\n{report}",
        s.plain_on_topic,
        s.plain
    );
}

#[test]
fn the_measured_half_is_no_worse_than_when_last_measured() {
    let s = eval::score("measure");
    let report = eval::report(std::slice::from_ref(&s));
    assert!(
        s.right >= MEASURED.0,
        "{} right, fewer than the {} measured\n{report}",
        s.right,
        MEASURED.0
    );
    assert!(
        s.plain_on_topic <= MEASURED.1,
        "{} plain sections on topic pages, more than the {} measured\n{report}",
        s.plain_on_topic,
        MEASURED.1
    );
}

#[test]
fn the_committed_model_is_what_training_gives() {
    let (json, report) = eval::train("en");
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/markdown/cues/en.model.json");
    let committed = std::fs::read_to_string(&path).expect("the model file is readable");
    assert!(
        committed == json,
        "src/markdown/cues/en.model.json is not what the tuning files give: run \
         `cargo run --example train_topics`\n{report}"
    );
    assert!(report.contains("<- chosen"), "{report}");
}
