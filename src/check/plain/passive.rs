//! `plain/passive`: an article that uses the passive voice in more than a fifth of its
//! sentences (PEMAT: mostly active voice; plain-language guides ask for 80% active).
//!
//! A heuristic, from the data in `en/passive.yaml`: a form of "be", perhaps a few adverbs, then a
//! past participle (a regular "-ed" word that is not usually an adjective, or an irregular one).
//! It misses passives with "get" and finds the odd adjective, so it reports the share over the
//! whole article rather than each sentence as a fault.

use super::{quote, words_at, Lang, Sentence};
use crate::diagnostic::Diagnostic;
use crate::site::Article;
use serde::Deserialize;
use std::collections::HashSet;
use std::sync::OnceLock;

/// The rule id.
pub const RULE: &str = "plain/passive";

/// Passive sentences above this share of an article's sentences are reported.
pub const MAX_SHARE: f64 = 0.20;

/// Below this many sentences a share means little, so nothing is reported.
pub const MIN_SENTENCES: usize = 5;

/// How many passive sentences the help lists.
const LISTED: usize = 8;

const EN: &str = include_str!("en/passive.yaml");

#[derive(Debug, Default, Deserialize)]
struct Words {
    be: HashSet<String>,
    between: HashSet<String>,
    irregular: HashSet<String>,
    adjectives: HashSet<String>,
}

/// The language's word lists; `None` for a language without them (the rule is skipped).
fn words(lang: Lang) -> Option<&'static Words> {
    static EN_WORDS: OnceLock<Words> = OnceLock::new();
    match lang {
        Lang::En => Some(EN_WORDS.get_or_init(|| serde_yaml::from_str(EN).unwrap_or_default())),
        Lang::Es => None,
    }
}

/// Whether a sentence has a verb in the passive voice.
pub fn is_passive(sentence: &str, lang: Lang) -> bool {
    let tokens: Vec<String> = words_at(sentence)
        .into_iter()
        .map(|(_, w)| w.to_lowercase().replace('\u{2019}', "'"))
        .collect();
    has_passive(&tokens, lang)
}

/// Whether lowercase words have a verb in the passive voice.
fn has_passive(tokens: &[String], lang: Lang) -> bool {
    let Some(list) = words(lang) else {
        return false;
    };
    tokens.iter().enumerate().any(|(i, t)| {
        list.be.contains(t)
            && tokens[i + 1..]
                .iter()
                .take(4)
                .find(|w| !list.between.contains(*w) && !w.ends_with("ly"))
                .is_some_and(|w| is_participle(w, list))
    })
}

fn is_participle(word: &str, list: &Words) -> bool {
    if list.adjectives.contains(word) {
        return false;
    }
    list.irregular.contains(word)
        || (word.len() > 4 && word.ends_with("ed") && word.chars().all(char::is_alphabetic))
}

/// The passive sentences of an article, and how many sentences it has.
pub fn passive_share<'s, 'a>(
    sentences: &'s [Sentence<'a>],
    lang: Lang,
) -> (Vec<&'s Sentence<'a>>, usize) {
    let passive = sentences
        .iter()
        .filter(|s| has_passive(&s.lower, lang))
        .collect();
    (passive, sentences.len())
}

/// Whether `passive` of `total` sentences is too many.
pub fn too_many(passive: usize, total: usize) -> bool {
    total >= MIN_SENTENCES && passive as f64 > MAX_SHARE * total as f64
}

/// `plain/passive`: one finding per article, at its first passive sentence, listing them.
pub fn check(article: &Article, sentences: &[Sentence], lang: Lang) -> Vec<Diagnostic> {
    let (passive, total) = passive_share(sentences, lang);
    if !too_many(passive.len(), total) {
        return Vec::new();
    }
    let first = &passive[0];
    let mut help = String::from(
        "say who does what (\"we will check your wound\", not \"your wound will be checked\"); these sentences are passive:",
    );
    for s in passive.iter().take(LISTED) {
        let span = s.span(article, 0, s.text.split_whitespace().next().unwrap_or(""));
        help.push_str(&format!(
            "\nline {}: \"{}\"",
            span.line.unwrap_or(0),
            quote(s.text, 90)
        ));
    }
    if passive.len() > LISTED {
        help.push_str(&format!("\n… and {} more", passive.len() - LISTED));
    }
    vec![Diagnostic::warning(
        RULE,
        first.span(
            article,
            0,
            first.text.split_whitespace().next().unwrap_or(""),
        ),
        format!(
            "{} of {} sentences ({:.0}%) are in the passive voice; aim for no more than {:.0}%",
            passive.len(),
            total,
            passive.len() as f64 * 100.0 / total as f64,
            MAX_SHARE * 100.0
        ),
    )
    .with_help(help)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_passives_and_spares_adjectives() {
        for s in [
            "Your wound will be checked by a nurse.",
            "The dressing is usually changed every day.",
            "You were given a leaflet.",
            "Ice is not recommended for this.",
        ] {
            assert!(is_passive(s, Lang::En), "{s}");
        }
        for s in [
            "You may be tired after the session.",
            "We will check your wound.",
            "If you are worried, call us.",
            "It is red and warm.",
        ] {
            assert!(!is_passive(s, Lang::En), "{s}");
        }
    }
}
