//! `plain/acronym`: an acronym used before it is spelled out. The first use of each acronym in
//! an article (in reading order) should come with its long form, either way round:
//! "non-steroidal anti-inflammatory drugs (NSAIDs)" or "NSAIDs (non-steroidal …)". Everyday
//! acronyms (`en/acronyms.yaml`) are left alone, as are Roman numerals and words in a run of
//! capitals (shouting is `a11y/all-caps`'s business).

use super::{block_span, words_at, Lang};
use crate::diagnostic::Diagnostic;
use crate::site::Article;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The rule id.
pub const RULE: &str = "plain/acronym";

const EN: &str = include_str!("en/acronyms.yaml");

#[derive(Debug, Default, Deserialize)]
struct Lists {
    everyday: HashSet<String>,
    shouted: HashSet<String>,
    known: HashMap<String, String>,
}

/// The language's lists; `None` for a language without them (the rule is skipped).
fn lists(lang: Lang) -> Option<&'static Lists> {
    static EN_LISTS: OnceLock<Lists> = OnceLock::new();
    match lang {
        Lang::En => Some(EN_LISTS.get_or_init(|| serde_yaml::from_str(EN).unwrap_or_default())),
        Lang::Es => None,
    }
}

/// The acronym part of a word: "NSAIDs" → "NSAID", "COVID-19" → "COVID"; `None` when the word
/// is not one (fewer than two capitals, lowercase inside, a Roman numeral).
fn acronym(word: &str) -> Option<&str> {
    let head = word.split('-').next().unwrap_or(word);
    let core = head.strip_suffix('s').unwrap_or(head);
    let caps = core.chars().filter(char::is_ascii_uppercase).count();
    let ok = caps >= 2
        && core.len() <= 8
        && core
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '&')
        && !core.chars().all(|c| "IVXLCDM".contains(c));
    ok.then_some(core)
}

/// Whether the word at `start..end` of `text` sits in brackets right after its long form, or is
/// followed by its long form in brackets.
fn spelled_out(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end();
    let after = text[end..].trim_start();
    (before.ends_with('(') && before.len() > 1) || after.starts_with('(')
}

/// `plain/acronym`: the first use of each acronym, when it is not spelled out there.
pub fn check(article: &Article, lang: Lang) -> Vec<Diagnostic> {
    let Some(lists) = lists(lang) else {
        return Vec::new();
    };
    let mut seen: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for block in &article.rendered.prose {
        let words = words_at(&block.text);
        for (i, &(at, word)) in words.iter().enumerate() {
            let Some(core) = acronym(word) else { continue };
            let shouting = |j: Option<usize>| {
                j.and_then(|j| words.get(j)).is_some_and(|(_, w)| {
                    w.len() > 1
                        && w.chars().all(|c| !c.is_lowercase())
                        && w.chars().any(char::is_alphabetic)
                })
            };
            if shouting(i.checked_sub(1)) || shouting(Some(i + 1)) {
                continue;
            }
            if lists.everyday.contains(core)
                || lists.everyday.contains(word)
                || lists.shouted.contains(word)
                || !seen.insert(core.to_string())
            {
                continue;
            }
            if spelled_out(&block.text, at, at + word.len()) {
                continue;
            }
            let help = match lists.known.get(word).or_else(|| lists.known.get(core)) {
                Some(long) => format!("the first time, write it out: \"{long} ({word})\"; or use the words alone"),
                None => format!("the first time, write the words out and put \"({word})\" after them; or use the words alone"),
            };
            out.push(
                Diagnostic::warning(
                    RULE,
                    block_span(article, block, at, word),
                    format!("\"{word}\" is used before it is spelled out"),
                )
                .with_help(help),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_counts_as_an_acronym() {
        assert_eq!(acronym("NSAIDs"), Some("NSAID"));
        assert_eq!(acronym("COVID-19"), Some("COVID"));
        assert_eq!(acronym("A&E"), Some("A&E"));
        for w in ["Ice", "I", "II", "IV", "a", "mRNA"] {
            assert_eq!(acronym(w), None, "{w}");
        }
    }

    #[test]
    fn spelled_out_either_way() {
        let t = "Anti-inflammatory drugs (NSAIDs) help.";
        let at = t.find("NSAIDs").unwrap_or(0);
        assert!(spelled_out(t, at, at + 6));
        let t = "NSAIDs (anti-inflammatory drugs) help.";
        assert!(spelled_out(t, 0, 6));
        assert!(!spelled_out("Take NSAIDs.", 5, 11));
    }

    #[test]
    fn the_lists_read() {
        let en = lists(Lang::En).expect("English lists");
        assert!(en.everyday.contains("GP"));
        assert!(en.shouted.contains("STOP"));
        assert!(en.known.contains_key("NSAID"));
        assert!(lists(Lang::Es).is_none());
    }
}
