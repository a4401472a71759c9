//! `plain/long-sentence` and `plain/long-paragraph`: sentences over 25 words, and paragraphs a
//! reader on a phone scrolls through without a break (more than 5 sentences or 100 words).
//! Words are counted as the readability scores count them.

use super::{quote, Sentence};
use crate::diagnostic::Diagnostic;
use crate::markdown::ProseKind;
use crate::site::Article;

/// The rule id for sentences.
pub const SENTENCE_RULE: &str = "plain/long-sentence";
/// The rule id for paragraphs.
pub const PARAGRAPH_RULE: &str = "plain/long-paragraph";

/// A sentence with more words than this is long.
pub const MAX_SENTENCE_WORDS: usize = 25;
/// A paragraph with more sentences than this is long.
pub const MAX_PARAGRAPH_SENTENCES: usize = 5;
/// A paragraph with more words than this is long.
pub const MAX_PARAGRAPH_WORDS: usize = 100;

/// Both rules over an article's sentences.
pub fn check(article: &Article, sentences: &[Sentence]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for s in sentences {
        let words = s.words.len();
        if words > MAX_SENTENCE_WORDS {
            let first = s.text.split_whitespace().next().unwrap_or("");
            out.push(
                Diagnostic::warning(
                    SENTENCE_RULE,
                    s.span(article, 0, first),
                    format!(
                        "this sentence has {words} words (more than {MAX_SENTENCE_WORDS}): \"{}\"",
                        quote(s.text, 80)
                    ),
                )
                .with_help("split it into two or three sentences, one idea each; a list can carry a series of items"),
            );
        }
    }
    // Sentences are in block order, so each paragraph's sentences are one run.
    let mut i = 0;
    while i < sentences.len() {
        let block = sentences[i].block;
        let run = sentences[i..]
            .iter()
            .take_while(|s| std::ptr::eq(s.block, block))
            .count();
        let paragraph = &sentences[i..i + run];
        i += run;
        if block.kind != ProseKind::Paragraph {
            continue;
        }
        let words: usize = paragraph.iter().map(|s| s.words.len()).sum();
        if run > MAX_PARAGRAPH_SENTENCES || words > MAX_PARAGRAPH_WORDS {
            let first = &paragraph[0];
            out.push(
                Diagnostic::warning(
                    PARAGRAPH_RULE,
                    first.span(article, 0, first.text.split_whitespace().next().unwrap_or("")),
                    format!(
                        "this paragraph has {run} sentences and {words} words (keep to {MAX_PARAGRAPH_SENTENCES} sentences and {MAX_PARAGRAPH_WORDS} words)"
                    ),
                )
                .with_help("break it into shorter paragraphs, or turn a series of points into a list"),
            );
        }
    }
    out
}
