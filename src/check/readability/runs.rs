//! Sentences that run across Markdown blocks: a lead-in ending in a colon and the list after
//! it. The Markdown stage gives each paragraph and list item as its own block, and each block
//! ends a sentence; that is right for a list of whole sentences or of short labels, but a
//! sentence that runs into a list ("people who cannot bathe often, such as:" then "the
//! homeless," "refugees," "people in prison.") would become four short sentences and read as
//! far easier than it is, the dangerous direction for a patient-safety gate.
//!
//! So, before scoring, blocks are joined where the text says the sentence goes on:
//! - a block ending in a colon belongs to the sentence of the first list item after it;
//! - a list item ending in a comma or semicolon, or in "and" / "or", continues into the next;
//! - when no item but the last has final punctuation and the last ends with a full stop, the
//!   whole list is one running sentence with its lead-in.
//!
//! A list of short labels without punctuation stays a list of sentences after the first.

use std::borrow::Cow;

/// A prose block as the scorer receives it.
#[derive(Debug, Clone, Copy)]
pub struct Block<'a> {
    /// Its text.
    pub text: &'a str,
    /// The 1-based source line it starts on.
    pub line: usize,
    /// Whether it is a list item.
    pub list_item: bool,
}

/// A passage to score: one block, or blocks joined into one running sentence.
#[derive(Debug, Clone)]
pub struct Joined<'a> {
    /// The text, blocks joined with a space.
    pub text: Cow<'a, str>,
    /// The line of the first block.
    pub line: usize,
}

/// The blocks with runs joined; see the module documentation.
pub fn join_runs<'a>(blocks: &[Block<'a>]) -> Vec<Joined<'a>> {
    let mut out = Vec::with_capacity(blocks.len());
    let mut i = 0;
    while i < blocks.len() {
        let b = blocks[i];
        // The list items that follow this block.
        let items_end = i + 1 + blocks[i + 1..].iter().take_while(|x| x.list_item).count();
        let last = if ends_with(b.text, ':') && items_end > i + 1 {
            if running_sentence(&blocks[i + 1..items_end]) {
                items_end - 1
            } else {
                continue_from(blocks, i + 1, items_end)
            }
        } else if b.list_item {
            continue_from(blocks, i, items_end)
        } else {
            i
        };
        out.push(join(&blocks[i..=last]));
        i = last + 1;
    }
    out
}

/// The last block of the run that starts with the item at `from`: items that end in a comma,
/// a semicolon, "and" or "or" carry the sentence on, up to `end`.
fn continue_from(blocks: &[Block], from: usize, end: usize) -> usize {
    let mut last = from;
    while last + 1 < end && carries_on(blocks[last].text) {
        last += 1;
    }
    last
}

fn join<'a>(blocks: &[Block<'a>]) -> Joined<'a> {
    let line = blocks.first().map_or(1, |b| b.line);
    if let [one] = blocks {
        return Joined {
            text: Cow::Borrowed(one.text),
            line,
        };
    }
    let text: Vec<&str> = blocks.iter().map(|b| b.text.trim()).collect();
    Joined {
        text: Cow::Owned(text.join(" ")),
        line,
    }
}

/// The last character of the text, closing quotes and brackets skipped.
fn last_char(text: &str) -> Option<char> {
    text.trim_end()
        .trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')', ']'])
        .chars()
        .next_back()
}

fn ends_with(text: &str, c: char) -> bool {
    last_char(text) == Some(c)
}

fn ends_sentence(text: &str) -> bool {
    matches!(last_char(text), Some('.' | '!' | '?' | '\u{2026}'))
}

/// Whether a list item leaves its sentence open.
fn carries_on(text: &str) -> bool {
    if matches!(last_char(text), Some(',' | ';')) {
        return true;
    }
    let last_word = text
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    ["and", "or"]
        .iter()
        .any(|w| last_word.eq_ignore_ascii_case(w))
}

/// Whether the items after a lead-in read as one sentence: only the last ends with a full stop.
fn running_sentence(items: &[Block]) -> bool {
    let Some((last, rest)) = items.split_last() else {
        return false;
    };
    !rest.is_empty() && ends_sentence(last.text) && rest.iter().all(|b| !ends_sentence(b.text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(blocks: &[(&'static str, bool)]) -> Vec<String> {
        let blocks: Vec<Block> = blocks
            .iter()
            .enumerate()
            .map(|(i, &(text, list_item))| Block {
                text,
                line: i + 1,
                list_item,
            })
            .collect();
        join_runs(&blocks)
            .into_iter()
            .map(|j| j.text.into_owned())
            .collect()
    }

    #[test]
    fn a_sentence_that_runs_into_a_list_is_one() {
        assert_eq!(
            joined(&[
                ("It spreads among people who cannot bathe, such as:", false),
                ("people who are homeless,", true),
                ("refugees, and", true),
                ("people in crowded places.", true),
                ("Wash often.", false),
            ]),
            [
                "It spreads among people who cannot bathe, such as: people who are homeless, refugees, and people in crowded places.",
                "Wash often."
            ]
        );
        assert_eq!(
            joined(&[
                ("You may feel:", false),
                ("tired", true),
                ("sore", true),
                ("stiff.", true)
            ]),
            ["You may feel: tired sore stiff."]
        );
    }

    #[test]
    fn lists_of_sentences_and_labels_stay_apart() {
        assert_eq!(
            joined(&[
                ("Do this:", false),
                ("Rest your knee.", true),
                ("Use ice.", true)
            ]),
            ["Do this: Rest your knee.", "Use ice."]
        );
        assert_eq!(
            joined(&[("Signs:", false), ("Fever", true), ("Cough", true)]),
            ["Signs: Fever", "Cough"]
        );
        assert_eq!(
            joined(&[
                ("Swelling", true),
                ("Redness", true),
                ("A paragraph.", false)
            ]),
            ["Swelling", "Redness", "A paragraph."]
        );
    }
}
