//! Prose blocks and excerpts: the plain text a patient reads.
//!
//! Takes in text the walker routes here while a paragraph or list item is
//! open; gives out finished blocks (text plus start offset and kind) and,
//! per section, an excerpt: the first paragraph, or the first list's items,
//! cut to about 30 words.

use super::ProseKind;

/// How many words an excerpt keeps at most.
pub(crate) const EXCERPT_WORDS: usize = 30;

/// A prose block still being filled.
#[derive(Debug)]
pub(crate) struct OpenBlock {
    /// The prose text so far.
    pub text: String,
    /// Everything a reader sees, code and addresses included; kept only
    /// while an excerpt or FAQ answer text still needs this block.
    pub plain: Option<String>,
    /// Byte offset where the block's text starts.
    pub offset: usize,
    /// Its kind.
    pub kind: ProseKind,
}

/// Where the excerpt of the current section (or the intro) stands.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum State {
    /// No prose seen yet.
    #[default]
    Looking,
    /// The first block was a list item: gathering that list's items.
    InList,
    /// Finished.
    Done,
}

/// The excerpt of one section, built from its first prose blocks.
#[derive(Debug, Default)]
pub(crate) struct Excerpt {
    state: State,
    text: String,
    words: usize,
}

impl Excerpt {
    /// Offers a finished prose block. `in_list` says whether it is a list
    /// item; the items of the first list are joined into one excerpt.
    pub(crate) fn offer(&mut self, text: &str, in_list: bool) {
        match self.state {
            State::Done => {}
            State::Looking => {
                self.text.push_str(text);
                // Words are counted only for a list, which may need more
                // items; a paragraph is cut once, in `take`.
                self.state = if in_list {
                    self.words = count_words(text);
                    if self.words < EXCERPT_WORDS {
                        State::InList
                    } else {
                        State::Done
                    }
                } else {
                    State::Done
                };
            }
            State::InList => {
                let sentence_end = self.text.trim_end().ends_with(['.', '!', '?', ':', ';']);
                self.text.push_str(if sentence_end { " " } else { "; " });
                self.text.push_str(text);
                self.words += count_words(text);
                if self.words >= EXCERPT_WORDS {
                    self.state = State::Done;
                }
            }
        }
    }

    /// Whether the next prose block can still become part of the excerpt.
    pub(crate) fn wants_more(&self) -> bool {
        self.state != State::Done
    }

    /// The outermost list ended: an excerpt made of its items is finished.
    pub(crate) fn list_ended(&mut self) {
        if self.state == State::InList {
            self.state = State::Done;
        }
    }

    /// The excerpt, cut, and a fresh state for the next section.
    pub(crate) fn take(&mut self) -> String {
        let cut = cut_words(&self.text, EXCERPT_WORDS);
        *self = Excerpt::default();
        cut
    }
}

/// Words are split at ASCII whitespace only: a no-break space joins words
/// on purpose, and the ASCII split is several times faster.
pub fn count_words(text: &str) -> usize {
    text.split_ascii_whitespace().count()
}

/// `text` with its whitespace collapsed, cut after `max` words with "…"
/// when longer (trailing commas and the like dropped before the "…").
pub(crate) fn cut_words(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(400));
    let mut words = text.split_ascii_whitespace();
    for (i, word) in words.by_ref().take(max).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    if words.next().is_some() {
        let kept = out
            .trim_end_matches([',', ';', ':', '-', '\u{2013}', '\u{2014}', '.'])
            .len();
        out.truncate(kept);
        out.push('\u{2026}');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cutting() {
        let long: Vec<String> = (1..=40).map(|n| format!("w{n}")).collect();
        let long = long.join(" ");
        let cut = cut_words(&long, 30);
        assert!(cut.ends_with("w30\u{2026}"), "{cut}");
        assert_eq!(cut_words("  short\n text ", 30), "short text");
        assert_eq!(cut_words("a, b, c, d", 2), "a, b\u{2026}");
        assert_eq!(cut_words("", 30), "");
    }

    #[test]
    fn excerpt_from_list_items() {
        let mut e = Excerpt::default();
        e.offer("Eases stiffness", true);
        e.offer("Improves sleep.", true);
        e.offer("Lifts mood", true);
        e.list_ended();
        e.offer("A later paragraph.", false);
        assert_eq!(e.take(), "Eases stiffness; Improves sleep. Lifts mood");
        e.offer("First paragraph.", false);
        e.offer("Second.", false);
        assert_eq!(e.take(), "First paragraph.");
    }
}
