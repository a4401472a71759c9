//! Sentences that run across Markdown blocks: a lead-in and the list after it. The Markdown
//! stage gives each paragraph and list item as its own block, and each block ends a sentence;
//! that is right for a list of whole sentences, but a sentence that runs into a list ("people
//! who cannot bathe often, such as:" then "the homeless," "refugees," "people in prison.")
//! would become four short sentences and read as far easier than it is, the dangerous
//! direction for a patient-safety gate.
//!
//! So, before scoring, blocks are joined where the text says the sentence goes on:
//! - a block ending in a colon belongs to the sentence of the first list item after it;
//! - a list item ending in a comma or semicolon, or in "and" / "or", continues into the next;
//! - when no item but the last has final punctuation and the last ends with a full stop, the
//!   whole list is one running sentence with its lead-in;
//! - a lead-in the list must complete (a paragraph that ends with no punctuation, "The most
//!   common symptoms are", or a colon after a word that needs what follows, "causes include:",
//!   "such as:") runs on through every item without a full stop, "?" or "!", and through one
//!   that has one when the list goes on in phrases after it (a stray full stop).
//!
//! After a lead-in that is a whole clause ("Watch for these signs:"), a list of short labels
//! without punctuation stays a list of sentences after the first: each bullet is read on its
//! own, and counting it as part of one long sentence would punish the lists plain-language
//! guides ask for.

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
        let last = if items_end > i + 1 && needs_completing(&b) {
            run_after_lead_in(blocks, i + 1, items_end)
        } else if ends_with(b.text, ':') && items_end > i + 1 {
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

/// Words before a colon that leave the sentence open for the list to complete.
const OPEN_ENDS: &[&str] = &[
    "include",
    "includes",
    "including",
    "included",
    "are",
    "is",
    "were",
    "was",
    "be",
    "as",
    "like",
    "of",
    "to",
    "with",
    "for",
    "from",
    "by",
    "about",
    "on",
    "in",
    "at",
    "than",
    "among",
    "between",
    "especially",
    "contain",
    "contains",
    "involve",
    "involves",
    "namely",
];

/// Whether a block leads in to a list that must complete its sentence: a paragraph that ends
/// with no punctuation at all, or a colon after a word that needs what follows.
fn needs_completing(b: &Block) -> bool {
    if !b.list_item && last_char(b.text).is_some_and(char::is_alphanumeric) {
        return true;
    }
    let Some(head) = b.text.trim_end().strip_suffix(':') else {
        return false;
    };
    let word = head.rsplit(char::is_whitespace).next().unwrap_or("");
    OPEN_ENDS.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether the items after a lead-in read as one sentence: only the last ends with a full stop.
fn running_sentence(items: &[Block]) -> bool {
    let Some((last, rest)) = items.split_last() else {
        return false;
    };
    !rest.is_empty() && ends_sentence(last.text) && rest.iter().all(|b| !ends_sentence(b.text))
}

/// The last block of the sentence a lead-in starts, from the item at `from` up to `end`: items
/// carry it on until one ends a sentence and the next does too (or the list ends).
fn run_after_lead_in(blocks: &[Block], from: usize, end: usize) -> usize {
    let mut last = from;
    while last + 1 < end {
        if ends_sentence(blocks[last].text) && ends_sentence(blocks[last + 1].text) {
            break;
        }
        last += 1;
    }
    last
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
    fn a_list_that_completes_its_lead_in_runs_on() {
        // A lead-in without a colon, and a stray full stop inside a list of phrases.
        assert_eq!(
            joined(&[
                ("The most common signs are", false),
                ("fever", true),
                ("a cough that lasts.", true),
                ("a sore throat", true),
                ("Rest at home.", false),
            ]),
            [
                "The most common signs are fever a cough that lasts. a sore throat",
                "Rest at home."
            ]
        );
        // A colon after a word that needs its object; whole sentences after the phrases close
        // the run, and the next stays apart.
        assert_eq!(
            joined(&[
                ("Common causes of falls include:", false),
                ("balance problems", true),
                ("some medicines", true),
                ("Poor eyesight is a cause too.", true),
                ("Ask us to check.", true),
            ]),
            [
                "Common causes of falls include: balance problems some medicines Poor eyesight is a cause too.",
                "Ask us to check."
            ]
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
