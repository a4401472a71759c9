//! `plain/jargon`: formal and medical words that have an everyday alternative.
//!
//! The list is data (`en/jargon.yaml`: base form → alternative). A word in the text matches an
//! entry when one of its possible base forms does ("utilised" → "utilise", "inflammations" →
//! "inflammation", "referring" → "refer"); a phrase matches word by word. Matching is
//! case-insensitive and runs on the prose blocks, which hold no code and no link addresses.
//!
//! A term the article explains is not reported anywhere in it: one followed by a bracket,
//! "means", or "is"/"are" and a definition ("Range of motion is how far you can bend",
//! "oedema (swelling)", "Oedema is swelling").

use super::{words_at, Lang, Sentence};
use crate::diagnostic::Diagnostic;
use crate::site::Article;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// The rule id.
pub const RULE: &str = "plain/jargon";

const EN: &str = include_str!("en/jargon.yaml");

/// One entry: the words of the term and what to say instead.
#[derive(Debug)]
struct Entry {
    words: Vec<String>,
    term: String,
    plain: String,
}

/// Entries by their first word, longest phrase first.
type Index = HashMap<String, Vec<Entry>>;

/// The parsed list of a language.
fn list(lang: Lang) -> &'static Index {
    static EN_INDEX: OnceLock<Index> = OnceLock::new();
    match lang {
        Lang::En => EN_INDEX.get_or_init(|| index(EN)),
    }
}

/// Builds the index of a list; an unreadable list is empty (a unit test keeps it readable).
fn index(yaml: &str) -> Index {
    let map: BTreeMap<String, String> = serde_yaml::from_str(yaml).unwrap_or_default();
    let mut index: Index = HashMap::new();
    for (term, plain) in map {
        let words: Vec<String> = term.split_whitespace().map(str::to_lowercase).collect();
        let Some(first) = words.first().cloned() else {
            continue;
        };
        index
            .entry(first)
            .or_default()
            .push(Entry { words, term, plain });
    }
    for entries in index.values_mut() {
        entries.sort_by_key(|e| std::cmp::Reverse(e.words.len()));
    }
    index
}

/// The forms `word` (lowercase) may be an inflection of, itself first.
pub(crate) fn base_forms(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    let mut add = |s: String| {
        if s.len() >= 2 && !out.contains(&s) {
            out.push(s);
        }
    };
    for (suffix, replacement) in [
        ("ies", "y"),
        ("ied", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("ing", ""),
        ("ing", "e"),
    ] {
        if let Some(stem) = word.strip_suffix(suffix) {
            add(format!("{stem}{replacement}"));
            // "referred", "referring": a doubled final consonant.
            let b = stem.as_bytes();
            if (suffix == "ed" || suffix == "ing")
                && b.len() >= 3
                && b[b.len() - 1] == b[b.len() - 2]
                && !b"aeiouls".contains(&b[b.len() - 1])
            {
                add(stem[..stem.len() - 1].to_string());
            }
        }
    }
    out
}

/// `plain/jargon`: each jargon word or phrase in the article.
pub fn check(article: &Article, sentences: &[Sentence], lang: Lang) -> Vec<Diagnostic> {
    let index = list(lang);
    let found = matches(index, sentences);
    let defined: Vec<&str> = found
        .iter()
        .filter(|m| m.explained)
        .map(|m| m.entry.term.as_str())
        .collect();
    found
        .into_iter()
        .filter(|m| !defined.contains(&m.entry.term.as_str()))
        .map(|m| {
            let s = m.sentence;
            let found = &s.text[m.range.clone()];
            let first = found.split_whitespace().next().unwrap_or(found);
            Diagnostic::warning(
                RULE,
                s.span(article, m.range.start, first),
                format!("\"{found}\" is a formal or medical word; many readers will not know it"),
            )
            .with_help(format!(
                "say \"{}\" instead of \"{}\", or explain the term where you use it",
                m.entry.plain, m.entry.term
            ))
        })
        .collect()
}

/// One use of a listed term.
struct Match<'a, 's> {
    entry: &'a Entry,
    sentence: &'s Sentence<'s>,
    range: std::ops::Range<usize>,
    /// Followed by its explanation.
    explained: bool,
}

/// Every use of a listed term in the sentences.
fn matches<'a, 's>(index: &'a Index, sentences: &'s [Sentence<'s>]) -> Vec<Match<'a, 's>> {
    let mut out = Vec::new();
    for s in sentences {
        let words = words_at(s.text);
        let forms: Vec<Vec<String>> = words
            .iter()
            .map(|(_, w)| base_forms(&w.to_lowercase()))
            .collect();
        let mut i = 0;
        while i < words.len() {
            let Some((entry, len)) = find(index, &forms[i..]) else {
                i += 1;
                continue;
            };
            let (start, _) = words[i];
            let (last_at, last) = words[i + len - 1];
            let end = last_at + last.len();
            let after = s.text[end..].trim_start().to_lowercase();
            let explained = explains(&after, entry);
            out.push(Match {
                entry,
                sentence: s,
                range: start..end,
                explained,
            });
            i += len;
        }
    }
    out
}

/// Whether the text right after a term (lowercase) explains it: a bracket, "means", "refers
/// to", or "is"/"are" followed by an article, a question word or the plain alternative.
fn explains(after: &str, entry: &Entry) -> bool {
    if after.starts_with('(') || after.starts_with("means ") || after.starts_with("refers to") {
        return true;
    }
    let Some(rest) = after
        .strip_prefix("is ")
        .or_else(|| after.strip_prefix("are "))
    else {
        return false;
    };
    let plain = entry.plain.split(',').next().unwrap_or("").trim();
    [
        "a ", "an ", "the ", "how ", "what ", "when ", "where ", "called ",
    ]
    .iter()
    .any(|w| rest.starts_with(w))
        || (!plain.is_empty() && rest.starts_with(plain))
}

/// The longest entry that matches at the start of `forms`, with its length in words.
fn find<'a>(index: &'a Index, forms: &[Vec<String>]) -> Option<(&'a Entry, usize)> {
    let first = forms.first()?;
    first
        .iter()
        .filter_map(|f| index.get(f))
        .flatten()
        .filter(|e| {
            e.words.len() <= forms.len() && e.words.iter().zip(forms).all(|(w, fs)| fs.contains(w))
        })
        .max_by_key(|e| e.words.len())
        .map(|e| (e, e.words.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_reads_and_is_long_enough() {
        let entries: usize = list(Lang::En).values().map(Vec::len).sum();
        assert!(entries >= 300, "{entries} entries");
    }

    #[test]
    fn word_forms() {
        for (word, base) in [
            ("utilises", "utilise"),
            ("utilised", "utilise"),
            ("utilising", "utilise"),
            ("commenced", "commence"),
            ("inflammations", "inflammation"),
            ("referring", "refer"),
            ("modifies", "modify"),
            ("modified", "modify"),
        ] {
            assert!(base_forms(word).contains(&base.to_string()), "{word}");
        }
    }

    #[test]
    fn phrases_match_word_by_word() {
        let forms: Vec<Vec<String>> = ["prior", "to", "surgery"]
            .iter()
            .map(|w| base_forms(w))
            .collect();
        let (entry, len) = find(list(Lang::En), &forms).expect("prior to");
        assert_eq!((entry.plain.as_str(), len), ("before", 2));
    }
}
