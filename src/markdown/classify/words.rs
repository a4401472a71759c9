//! Words as the classifier compares them, and phrases made of them.
//!
//! Takes in text (a heading, a section's body, a cue or a site pattern) and a
//! stemmer; gives out word stems and phrases that match runs of stems.
//!
//! Normalising: text is lower-cased and split into runs of letters and
//! digits. An apostrophe inside a word joins it ("don't" is one word), a
//! possessive "'s" or a final "'" is dropped ("patient's" is "patient"), and
//! every word is reduced to its stem by the language's Snowball stemmer, so
//! "helps", "helped" and "helpful" are all "help", and "preparing" and
//! "preparation" are both "prepar". Cues and site patterns go through the
//! same steps, so they are written as plain words and phrases.

use std::cell::RefCell;
use std::collections::HashMap;

use rust_stemmers::Stemmer;

use crate::markdown::anchors::push_lower;

/// Splits `text` into normalised words and calls `push` with each one's stem.
pub(crate) fn for_each_stem(text: &str, stemmer: &Stemmer, mut push: impl FnMut(String)) {
    let mut word = String::new();
    let mut emit = |word: &mut String| {
        if word.is_empty() {
            return;
        }
        let base = strip_apostrophes(word);
        if !base.is_empty() {
            push(cached_stem(&base, stemmer));
        }
        word.clear();
    };
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            push_lower(&mut word, c);
        } else if is_apostrophe(c)
            && !word.is_empty()
            && chars.peek().is_some_and(|n| n.is_alphanumeric())
        {
            word.push('\'');
        } else {
            emit(&mut word);
        }
    }
    emit(&mut word);
}

/// The stem of a word, remembered per thread: the same few thousand words come up in every
/// section, and the Snowball stemmer costs several times a map lookup. The map is keyed by
/// the stemmer's address too, as a thread may stem for more than one language.
fn cached_stem(word: &str, stemmer: &Stemmer) -> String {
    /// Words remembered per thread before the map starts again: a few megabytes at most.
    const LIMIT: usize = 50_000;
    thread_local! {
        static CACHE: RefCell<HashMap<usize, HashMap<String, String>>> =
            RefCell::new(HashMap::new());
    }
    let id = std::ptr::from_ref(stemmer) as usize;
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let words = cache.entry(id).or_default();
        if let Some(stem) = words.get(word) {
            return stem.clone();
        }
        if words.len() >= LIMIT {
            words.clear();
        }
        let stem = stemmer.stem(word).into_owned();
        words.insert(word.to_string(), stem.clone());
        stem
    })
}

/// The stems of `text`, in order.
pub(crate) fn stems(text: &str, stemmer: &Stemmer) -> Vec<String> {
    let mut out = Vec::new();
    for_each_stem(text, stemmer, |s| out.push(s));
    out
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

/// A word without its possessive "'s". The apostrophe of a contraction stays
/// ("don't", "we'll"), so "we'll" is not "well".
fn strip_apostrophes(word: &str) -> String {
    word.strip_suffix("'s").unwrap_or(word).to_string()
}

/// One element of a phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// A stem that must equal one word.
    Word(String),
    /// Some words in between (see [`Phrase::gap`]).
    Any,
}

/// A phrase: stems in order, where `*` stands for some words in between.
#[derive(Debug, Clone)]
pub(crate) struct Phrase {
    tokens: Vec<Token>,
    /// The most words one `*` stands for.
    gap: usize,
    /// The phrase as written, to show editors which cue decided.
    pub(crate) text: String,
}

impl Phrase {
    /// Compiles a phrase; `gap` is the most words a `*` may stand for. The
    /// error says why the phrase cannot be used.
    pub(crate) fn compile(text: &str, stemmer: &Stemmer, gap: usize) -> Result<Phrase, String> {
        if text.trim().is_empty() {
            return Err("the pattern is empty".to_string());
        }
        let mut tokens = Vec::new();
        for (i, part) in text.split('*').enumerate() {
            if i > 0 {
                tokens.push(Token::Any);
            }
            for_each_stem(part, stemmer, |s| tokens.push(Token::Word(s)));
        }
        if !tokens.iter().any(|t| matches!(t, Token::Word(_))) {
            return Err(
                "the pattern has no words (letters or digits), so it would match every heading"
                    .to_string(),
            );
        }
        Ok(Phrase {
            tokens,
            gap,
            text: text.trim().to_string(),
        })
    }

    /// The first stem, for indexing (phrases never start with `*` in
    /// practice; one that does is indexed under "").
    pub(crate) fn first(&self) -> &str {
        match self.tokens.first() {
            Some(Token::Word(w)) => w,
            _ => "",
        }
    }

    /// The phrase's stems with `*` kept, to tell two spellings of one phrase apart from two
    /// phrases.
    pub(crate) fn key(&self) -> String {
        let parts: Vec<&str> = self
            .tokens
            .iter()
            .map(|t| match t {
                Token::Word(w) => w.as_str(),
                Token::Any => "*",
            })
            .collect();
        parts.join(" ")
    }

    /// How many words (not gaps) the phrase names: the more, the more specific it is.
    pub(crate) fn specificity(&self) -> usize {
        self.tokens
            .iter()
            .filter(|t| matches!(t, Token::Word(_)))
            .count()
    }

    /// Whether the phrase occurs anywhere in `words`.
    pub(crate) fn occurs_in(&self, words: &[String]) -> bool {
        (0..words.len()).any(|start| self.matches_at(words, start))
    }

    /// Whether the phrase matches `words` starting at `start`.
    pub(crate) fn matches_at(&self, words: &[String], start: usize) -> bool {
        self.match_len(words, start).is_some()
    }

    /// How many words the phrase covers when it matches `words` at `start`.
    pub(crate) fn match_len(&self, words: &[String], start: usize) -> Option<usize> {
        let rest = words.get(start..)?;
        matches_prefix(&self.tokens, rest, self.gap).map(|left| rest.len() - left)
    }
}

/// Whether `tokens` match a prefix of `words`, and if so how many words are
/// left after it. `Any` tries every length from one word up to `gap`;
/// phrases are a handful of words, so backtracking is cheap.
fn matches_prefix(tokens: &[Token], words: &[String], gap: usize) -> Option<usize> {
    match tokens.split_first() {
        None => Some(words.len()),
        Some((Token::Word(want), rest)) => match words.split_first() {
            Some((got, more)) if want == got => matches_prefix(rest, more, gap),
            _ => None,
        },
        Some((Token::Any, rest)) => (1..=words.len().min(gap))
            .find_map(|n| matches_prefix(rest, words.get(n..).unwrap_or(&[]), gap)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_stemmers::Algorithm;

    fn en() -> Stemmer {
        Stemmer::create(Algorithm::English)
    }

    #[test]
    fn word_forms_share_a_stem() {
        let s = en();
        for group in [
            &["helps", "helped", "helpful", "Help"][..],
            &["risk", "risks", "Risks"],
            &["prepare", "preparing", "preparation"],
            &["patient's", "patients", "patient\u{2019}s"],
        ] {
            let first = stems(group[0], &s);
            for w in &group[1..] {
                assert_eq!(stems(w, &s), first, "{w} vs {}", group[0]);
            }
        }
        assert_eq!(
            stems("Don\u{2019}t lift; it's heavy", &s),
            ["don't", "lift", "it", "heavi"]
        );
        assert_ne!(stems("we'll", &s), stems("well", &s));
        assert_eq!(stems("Side-effects", &s), stems("side effects", &s));
    }

    #[test]
    fn phrases_match_runs_with_bounded_gaps() {
        let s = en();
        let p = Phrase::compile("how * helps", &s, 3).expect("valid");
        assert!(p.occurs_in(&stems("So how does it help?", &s)));
        assert!(!p.occurs_in(&stems("How helps", &s)));
        assert!(!p.occurs_in(&stems("how a b c d helps", &s)));
        let open = Phrase::compile("how * helps", &s, usize::MAX).expect("valid");
        assert!(open.occurs_in(&stems("how a b c d helps", &s)));
        for bad in ["", "  ", "*", "* ?"] {
            assert!(Phrase::compile(bad, &s, 3).is_err(), "{bad:?}");
        }
    }
}
