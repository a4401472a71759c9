//! Any text through `handout check`'s readability: sentence splitting, syllables, scores and
//! the hardest sentences.
#![no_main]
use handout::check::readability::{hardest_sentences, score, split_sentences, Passage};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = split_sentences(text);
    let passages = [Passage { text, line: 1 }];
    let _ = score(&passages);
    let _ = hardest_sentences(&passages, 3);
});
