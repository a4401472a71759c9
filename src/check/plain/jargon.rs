//! `plain/jargon`: formal and medical words that have an everyday alternative.
//!
//! The list is data (`en/jargon.yaml`: base form → alternative). A word in the text matches a
//! listed word when it is that word or one of its inflected forms, generated when the list is
//! loaded ("utilise" → "utilised", "utilising"; "inflammation" → "inflammations"); a phrase
//! matches word by word. Matching is case-insensitive and runs on the prose blocks, which hold
//! no code and no link addresses.
//!
//! A term the article explains is not reported anywhere in it: one followed by a bracket,
//! "means", or "is"/"are" and a definition ("Range of motion is how far you can bend",
//! "oedema (swelling)", "Oedema is swelling").

use super::terms::Glossed;
use super::{Lang, Sentence};
use crate::diagnostic::Diagnostic;
use crate::site::Article;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// The rule id.
pub const RULE: &str = "plain/jargon";

const EN: &str = include_str!("en/jargon.yaml");
const ES: &str = include_str!("es/jargon.yaml");

/// The words that explain a term right after it, per language.
struct Explaining {
    /// Words that introduce an explanation on their own ("means").
    define: &'static [&'static str],
    /// "is", "are": an explanation when one of `then` follows.
    copula: &'static [&'static str],
    /// Words that start a definition after a copula ("a", "the", "how").
    then: &'static [&'static str],
}

const EN_EXPLAINING: Explaining = Explaining {
    define: &["means ", "refers to"],
    copula: &["is ", "are "],
    then: &[
        "a ", "an ", "the ", "how ", "what ", "when ", "where ", "called ",
    ],
};

const ES_EXPLAINING: Explaining = Explaining {
    define: &["significa ", "quiere decir ", "se refiere a "],
    copula: &["es ", "son "],
    then: &[
        "un ", "una ", "unos ", "unas ", "el ", "la ", "los ", "las ", "lo que ", "cómo ", "como ",
        "cuando ", "donde ", "llamado ", "llamada ",
    ],
};

impl Lang {
    fn explaining(self) -> &'static Explaining {
        match self {
            Lang::En => &EN_EXPLAINING,
            Lang::Es => &ES_EXPLAINING,
        }
    }
}

/// One entry: the words of the term and what to say instead.
#[derive(Debug)]
struct Entry {
    words: Vec<String>,
    term: String,
    plain: String,
}

/// A language's list, ready for matching.
#[derive(Debug, Default)]
struct Lexicon {
    /// Entries by their first word, longest phrase first.
    by_first: HashMap<String, Vec<Entry>>,
    /// Each inflected form of a listed word ("utilised") and the listed words it comes from.
    inflected: HashMap<String, Vec<String>>,
}

impl Lexicon {
    /// Whether the lowercase word `token` is `word` or one of its forms.
    fn is_form(&self, token: &str, word: &str) -> bool {
        token == word
            || self
                .inflected
                .get(token)
                .is_some_and(|bases| bases.iter().any(|b| b == word))
    }

    /// The entries whose first word `token` may be.
    fn starting_with<'a>(&'a self, token: &str) -> impl Iterator<Item = &'a Entry> {
        let own = self.by_first.get(token).into_iter().flatten();
        let via = self
            .inflected
            .get(token)
            .into_iter()
            .flatten()
            .filter_map(|b| self.by_first.get(b))
            .flatten();
        own.chain(via)
    }
}

/// The parsed list of a language.
fn list(lang: Lang) -> &'static Lexicon {
    static EN_LIST: OnceLock<Lexicon> = OnceLock::new();
    static ES_LIST: OnceLock<Lexicon> = OnceLock::new();
    match lang {
        Lang::En => EN_LIST.get_or_init(|| lexicon(EN, inflections)),
        Lang::Es => ES_LIST.get_or_init(|| lexicon(ES, super::spanish::inflections)),
    }
}

/// Builds the lexicon of a list; an unreadable list is empty (a unit test keeps it readable).
fn lexicon(yaml: &str, inflections: fn(&str) -> Vec<String>) -> Lexicon {
    let map: BTreeMap<String, String> = serde_yaml::from_str(yaml).unwrap_or_default();
    let mut lex = Lexicon::default();
    for (term, plain) in map {
        let words: Vec<String> = term.split_whitespace().map(str::to_lowercase).collect();
        let Some(first) = words.first().cloned() else {
            continue;
        };
        for word in &words {
            for form in inflections(word) {
                let bases = lex.inflected.entry(form).or_default();
                if !bases.contains(word) {
                    bases.push(word.clone());
                }
            }
        }
        lex.by_first
            .entry(first)
            .or_default()
            .push(Entry { words, term, plain });
    }
    for entries in lex.by_first.values_mut() {
        entries.sort_by_key(|e| std::cmp::Reverse(e.words.len()));
    }
    lex
}

/// The inflected forms of a base word: plural or third person, past, "-ing", with the usual
/// spelling changes ("utilise" → "utilises", "utilised", "utilising"; "modify" → "modifies",
/// "modified"; "refer" → "referred", "referring"). Some are not words; they never match.
pub(crate) fn inflections(word: &str) -> Vec<String> {
    let mut out = vec![format!("{word}s"), format!("{word}es")];
    if let Some(stem) = word.strip_suffix('e') {
        out.extend([format!("{word}d"), format!("{stem}ing")]);
    } else if let Some(stem) = word.strip_suffix('y') {
        out.extend([
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{word}ed"),
            format!("{word}ing"),
        ]);
    } else {
        out.extend([format!("{word}ed"), format!("{word}ing")]);
        // A doubled final consonant after one vowel: "referred", "omitted".
        if let Some(last) = word.chars().last() {
            if !"aeiouwxy".contains(last) && word.len() >= 3 {
                out.extend([format!("{word}{last}ed"), format!("{word}{last}ing")]);
            }
        }
    }
    out
}

/// Whether `token` is one of [`inflections`] of `word`, without building them: the rules
/// are checked on every word of every article, so this must not allocate.
pub(crate) fn is_inflection(token: &str, word: &str) -> bool {
    let after = |base: &str, ends: &[&str]| {
        token
            .strip_prefix(base)
            .is_some_and(|rest| ends.contains(&rest))
    };
    if after(word, &["s", "es"]) {
        return true;
    }
    if let Some(stem) = word.strip_suffix('e') {
        return after(word, &["d"]) || after(stem, &["ing"]);
    }
    if let Some(stem) = word.strip_suffix('y') {
        return after(stem, &["ies", "ied"]) || after(word, &["ed", "ing"]);
    }
    if after(word, &["ed", "ing"]) {
        return true;
    }
    match word.chars().last() {
        Some(last) if !"aeiouwxy".contains(last) && word.len() >= 3 => token
            .strip_prefix(word)
            .and_then(|rest| rest.strip_prefix(last))
            .is_some_and(|rest| rest == "ed" || rest == "ing"),
        _ => false,
    }
}

/// The listed terms of a language, lowercase.
#[cfg(test)]
pub(crate) fn terms(lang: Lang) -> impl Iterator<Item = String> {
    list(lang)
        .by_first
        .values()
        .flatten()
        .map(|e| e.words.join(" "))
}

/// Whether the language's list has the term with these lowercase words.
pub(crate) fn lists(lang: Lang, words: &[String]) -> bool {
    find(list(lang), words).is_some_and(|(_, len)| len == words.len())
}

/// `plain/jargon`: each jargon word or phrase in the article. A use the site's glossary covers
/// is explained by the definition the page shows with it.
pub fn check(
    article: &Article,
    sentences: &[Sentence],
    lang: Lang,
    glossed: &Glossed,
) -> Vec<Diagnostic> {
    let mut found = matches(list(lang), sentences, lang.explaining());
    found.retain(|m| !glossed.covers(&m.sentence.lower, m.word, m.entry.words.len()));
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
    /// Its first word's index in the sentence.
    word: usize,
    /// Followed by its explanation.
    explained: bool,
}

/// Every use of a listed term in the sentences.
fn matches<'a, 's>(
    lex: &'a Lexicon,
    sentences: &'s [Sentence<'s>],
    explaining: &Explaining,
) -> Vec<Match<'a, 's>> {
    let mut out = Vec::new();
    for s in sentences {
        let words = &s.words;
        let mut i = 0;
        while i < words.len() {
            let Some((entry, len)) = find(lex, &s.lower[i..]) else {
                i += 1;
                continue;
            };
            let (start, _) = words[i];
            let (last_at, last) = words[i + len - 1];
            let end = last_at + last.len();
            let after = s.text[end..].trim_start().to_lowercase();
            let explained = explains(&after, entry, explaining);
            out.push(Match {
                entry,
                sentence: s,
                range: start..end,
                word: i,
                explained,
            });
            i += len;
        }
    }
    out
}

/// Whether the text right after a term (lowercase) explains it: a bracket, "means", "refers
/// to", or "is"/"are" followed by an article, a question word or the plain alternative.
fn explains(after: &str, entry: &Entry, words: &Explaining) -> bool {
    if after.starts_with('(') || words.define.iter().any(|w| after.starts_with(w)) {
        return true;
    }
    let Some(rest) = words.copula.iter().find_map(|c| after.strip_prefix(c)) else {
        return false;
    };
    let plain = entry.plain.split(',').next().unwrap_or("").trim();
    words.then.iter().any(|w| rest.starts_with(w)) || (!plain.is_empty() && rest.starts_with(plain))
}

/// The longest entry that matches the lowercase words at the start of `tokens`, with its
/// length in words.
fn find<'a>(lex: &'a Lexicon, tokens: &[String]) -> Option<(&'a Entry, usize)> {
    let first = tokens.first()?;
    lex.starting_with(first)
        .filter(|e| {
            e.words.len() <= tokens.len()
                && e.words.iter().zip(tokens).all(|(w, t)| lex.is_form(t, w))
        })
        .max_by_key(|e| e.words.len())
        .map(|e| (e, e.words.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_reads_and_is_long_enough() {
        let entries: usize = list(Lang::En).by_first.values().map(Vec::len).sum();
        assert!(entries >= 300, "{entries} entries");
        let spanish: usize = list(Lang::Es).by_first.values().map(Vec::len).sum();
        assert!(spanish >= 100, "{spanish} Spanish entries");
    }

    #[test]
    fn spanish_forms_and_explanations() {
        let lex = list(Lang::Es);
        for (word, base) in [
            ("administre", "administrar"),
            ("realizado", "realizar"),
            ("inflamaciones", "inflamación"),
            ("adecuada", "adecuado"),
        ] {
            assert!(lex.is_form(word, base), "{word}");
        }
        let (entry, _) = find(lex, &["edema".to_string()]).expect("edema is listed");
        assert!(explains(
            "es la hinchazón de una zona",
            entry,
            &ES_EXPLAINING
        ));
        assert!(explains("(hinchazón) en la pierna", entry, &ES_EXPLAINING));
        assert!(!explains("en la pierna", entry, &ES_EXPLAINING));
    }

    #[test]
    fn word_forms() {
        let lex = list(Lang::En);
        for (word, base) in [
            ("utilises", "utilise"),
            ("utilised", "utilise"),
            ("utilising", "utilise"),
            ("commenced", "commence"),
            ("inflammations", "inflammation"),
            ("modifies", "modify"),
            ("modified", "modify"),
            ("administered", "administer"),
        ] {
            assert!(lex.is_form(word, base), "{word}");
        }
        assert!(inflections("refer").contains(&"referring".to_string()));
        for word in ["refer", "use", "carry", "tendon", "ache", "x-ray", "bursa"] {
            for form in inflections(word) {
                assert!(is_inflection(&form, word), "{form} of {word}");
            }
            for other in ["", "s", "ings", "eds", "er"] {
                let token = format!("{word}{other}x");
                assert!(
                    !is_inflection(&token, word),
                    "{token} is not a form of {word}"
                );
            }
        }
        assert!(!lex.is_form("uses", "utilise"));
    }

    #[test]
    fn phrases_match_word_by_word() {
        let tokens: Vec<String> = ["prior", "to", "surgery"].map(String::from).to_vec();
        let (entry, len) = find(list(Lang::En), &tokens).expect("prior to");
        assert_eq!((entry.plain.as_str(), len), ("before", 2));
    }
}
