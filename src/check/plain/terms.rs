//! `plain/undefined-term`: a medical word used in an article that neither the article nor the
//! site's glossary explains.
//!
//! The words come from the language's list (`en/terms.yaml`: words with no everyday word to say
//! instead, so they must be explained) and the site's own list (`check.terms` in site.yaml).
//! Words with a plainer alternative are `plain/jargon`'s, so a word is never reported twice.
//!
//! A word counts as explained when the article explains it at one of its uses ("sciatica (pain
//! down the leg)", "Sciatica means…", "Sciatica is a…", "osteoporosis—a disease that…", "the
//! pancreas, an organ…", "pain down the leg, called sciatica", "swelling (oedema)"), or when a glossary entry (its term or one of its `also:` forms) covers
//! the words where it is used: the page then marks it up with its definition. One warning per
//! word, at its first use.

use super::{jargon, Lang, Sentence};
use crate::diagnostic::Diagnostic;
use crate::site::{Article, Glossary};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The rule id.
pub const RULE: &str = "plain/undefined-term";

const EN: &str = include_str!("en/terms.yaml");

#[derive(Debug, Default, Deserialize)]
struct TermList {
    terms: Vec<String>,
}

/// The words of each term of a list, lowercase.
fn words_of(terms: &[String]) -> Vec<Vec<String>> {
    terms
        .iter()
        .map(|t| t.split_whitespace().map(str::to_lowercase).collect())
        .filter(|w: &Vec<String>| !w.is_empty())
        .collect()
}

/// The language's list of terms, indexed; an unreadable list is empty (a unit test keeps it
/// readable).
fn list(lang: Lang) -> &'static Index {
    static EN_LIST: OnceLock<Index> = OnceLock::new();
    static NONE: OnceLock<Index> = OnceLock::new();
    match lang {
        Lang::En => EN_LIST.get_or_init(|| {
            let list: TermList = serde_yaml::from_str(EN).unwrap_or_default();
            Index::new(words_of(&list.terms))
        }),
        Lang::Es => NONE.get_or_init(|| Index::new(Vec::new())),
    }
}

/// A list of terms with, for each word a term may start with (its first word or one of that
/// word's forms), the terms that start so: the rule looks at every word of every article, and
/// trying each of hundreds of terms there is most of a check's time.
struct Index {
    /// The words of each term, in list order.
    terms: Vec<Vec<String>>,
    /// The first of the terms equal to each term (terms that differ only in case or spacing
    /// count as one).
    canonical: Vec<usize>,
    /// Terms by each form of their first word, in list order.
    by_start: HashMap<String, Vec<usize>>,
}

impl Index {
    fn new(terms: Vec<Vec<String>>) -> Index {
        let canonical = (0..terms.len())
            .map(|n| terms.iter().position(|o| *o == terms[n]).unwrap_or(n))
            .collect();
        let mut by_start: HashMap<String, Vec<usize>> = HashMap::new();
        for (n, t) in terms.iter().enumerate() {
            let first = &t[0];
            let forms = std::iter::once(first.clone()).chain(jargon::inflections(first));
            for form in forms {
                let at = by_start.entry(form).or_default();
                if at.last() != Some(&n) {
                    at.push(n);
                }
            }
        }
        Index {
            terms,
            canonical,
            by_start,
        }
    }

    /// The terms that may start at a word, in list order.
    fn starting_at<'a>(&'a self, token: &str) -> impl Iterator<Item = usize> + 'a {
        self.by_start.get(token).into_iter().flatten().copied()
    }
}

/// Whether a lowercase word of the text is `word` or one of its forms ("tendons", "bursae"
/// aside: the regular plurals and verb forms).
fn same_word(token: &str, word: &str) -> bool {
    token == word || jargon::is_inflection(token, word)
}

/// Whether `phrase` matches the lowercase words at the start of `tokens`.
fn starts_with(tokens: &[String], phrase: &[String]) -> bool {
    phrase.len() <= tokens.len() && phrase.iter().zip(tokens).all(|(w, t)| same_word(t, w))
}

/// The forms of the site's glossary entries, as lowercase words.
pub struct Glossed(Vec<Vec<String>>);

impl Glossed {
    /// Every term and `also:` form of the glossary.
    pub fn new(glossary: &Glossary) -> Glossed {
        let forms: Vec<String> = glossary
            .terms
            .iter()
            .flat_map(|t| std::iter::once(&t.term).chain(&t.also))
            .cloned()
            .collect();
        Glossed(words_of(&forms))
    }

    /// Whether a glossary form covers words `at..at + len` of the sentence's lowercase words.
    pub fn covers(&self, tokens: &[String], at: usize, len: usize) -> bool {
        self.0.iter().any(|form| {
            let first = (at + len).saturating_sub(form.len());
            (first..=at).any(|j| j + form.len() >= at + len && starts_with(&tokens[j..], form))
        })
    }
}

/// One use of a listed term.
struct Use<'s> {
    term: usize,
    sentence: &'s Sentence<'s>,
    word: usize,
    len: usize,
}

/// `plain/undefined-term`: the first use of each listed term the article leaves unexplained.
/// `extra`: the site's own terms.
pub fn check(
    article: &Article,
    sentences: &[Sentence],
    lang: Lang,
    extra: &[String],
    glossed: &Glossed,
) -> Vec<Diagnostic> {
    let listed = list(lang);
    // A site's word that has an everyday alternative is already plain/jargon's.
    let own: Vec<Vec<String>> = words_of(extra)
        .into_iter()
        .filter(|t| !jargon::lists(lang, t))
        .collect();
    let uses = uses(listed, &own, sentences);
    let mut out = Vec::new();
    let mut done: Vec<usize> = Vec::new();
    for u in &uses {
        if done.contains(&u.term) {
            continue;
        }
        done.push(u.term);
        let explained = uses
            .iter()
            .filter(|o| o.term == u.term)
            .any(|o| explained(o) || glossed.covers(&o.sentence.lower, o.word, o.len));
        if !explained {
            out.push(diagnostic(article, u));
        }
    }
    out
}

/// Every use of a term, longest term first where several start at the same word (of those as
/// long, the last in list order). `listed` are the language's terms, `own` the site's, which
/// come after them in the list and are few: they are tried at every word.
fn uses<'s>(listed: &Index, own: &[Vec<String>], sentences: &'s [Sentence<'s>]) -> Vec<Use<'s>> {
    let n = listed.terms.len();
    let term = |k: usize| match k.checked_sub(n) {
        None => &listed.terms[k],
        Some(o) => &own[o],
    };
    let mut out = Vec::new();
    for s in sentences {
        let mut i = 0;
        while i < s.lower.len() {
            let candidates = listed.starting_at(&s.lower[i]).chain(n..n + own.len());
            let found = candidates
                .filter(|&k| starts_with(&s.lower[i..], term(k)))
                .max_by_key(|&k| term(k).len());
            match found {
                Some(k) => {
                    let len = term(k).len();
                    out.push(Use {
                        term: canonical(listed, own, k),
                        sentence: s,
                        word: i,
                        len,
                    });
                    i += len;
                }
                None => i += 1,
            }
        }
    }
    out
}

/// The first term of the whole list (the language's, then the site's) equal to term `k`.
fn canonical(listed: &Index, own: &[Vec<String>], k: usize) -> usize {
    let n = listed.terms.len();
    match k.checked_sub(n) {
        None => listed.canonical[k],
        Some(o) => listed
            .terms
            .iter()
            .position(|t| *t == own[o])
            .or_else(|| own.iter().position(|t| *t == own[o]).map(|p| n + p))
            .unwrap_or(k),
    }
}

/// Whether the text around a use explains it: a bracket, a dash, "means", "refers to", a
/// description set off by a comma (", a …", ", which is …", ", or …"), "is"/"are" and a
/// definition after it; a bracket, "called" or "known as" before it.
fn explained(u: &Use) -> bool {
    let s = u.sentence;
    let (start, _) = s.words[u.word];
    let (last_at, last) = s.words[u.word + u.len - 1];
    let before = s.text[..start].trim_end().to_lowercase();
    let after = s.text[last_at + last.len()..].trim_start().to_lowercase();
    let defined_after = after.starts_with(['(', '\u{2014}', '\u{2013}'])
        || [
            "means ",
            "refers to",
            "is when",
            "are when",
            ", a ",
            ", an ",
            ", which is",
            ", or ",
        ]
        .iter()
        .any(|w| after.starts_with(w))
        || ["is ", "are "]
            .iter()
            .filter_map(|verb| after.strip_prefix(verb))
            .any(defines);
    let defined_before = before.ends_with('(')
        || [" called", " known as", " named"]
            .iter()
            .any(|w| before.ends_with(w) || before == w.trim_start());
    defined_after || defined_before
}

/// Whether the words after "is" or "are" define what comes before: "a …", "the …", "how …",
/// or a few words and then "that", "which" or "caused by" ("pain that runs down the leg").
fn defines(rest: &str) -> bool {
    const OPENERS: &[&str] = &["a", "an", "the", "how", "what", "when", "where", "called"];
    const RELATIVE: &[&str] = &["that", "which", "who", "caused"];
    let words: Vec<&str> = rest
        .split_whitespace()
        .take(4)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    words.first().is_some_and(|w| OPENERS.contains(w))
        || words.iter().skip(1).any(|w| RELATIVE.contains(w))
}

fn diagnostic(article: &Article, u: &Use) -> Diagnostic {
    let s = u.sentence;
    let (start, first) = s.words[u.word];
    let (last_at, last) = s.words[u.word + u.len - 1];
    let found = &s.text[start..last_at + last.len()];
    Diagnostic::warning(
        RULE,
        s.span(article, start, first),
        format!("\"{found}\" is a medical word this article does not explain"),
    )
    .with_help(format!(
        "add \"{found}\" to content/glossary.yaml with a one-line definition, or explain it where \
         you first use it: \"{found} (…)\" or \"{found} is …\""
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn tokens(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_lowercase).collect()
    }

    #[test]
    fn the_list_reads_and_leaves_jargon_to_plain_jargon() {
        let terms = &list(Lang::En).terms;
        assert!(terms.len() >= 100, "{} terms", terms.len());
        let jargon: BTreeSet<String> = jargon::terms(Lang::En).collect();
        for t in terms {
            assert!(!jargon.contains(&t.join(" ")), "{t:?} is in both lists");
        }
    }

    #[test]
    fn definitions_after_is() {
        assert!(defines("pain that runs down the leg"));
        assert!(defines("a cord that joins muscle to bone"));
        assert!(defines("thin, weak bones which break easily"));
        assert!(!defines("common in older people"));
        assert!(!defines("worse when you sit"));
    }

    #[test]
    fn glossary_forms_cover_the_words_they_contain() {
        let glossed = Glossed(vec![tokens("herniated disc"), tokens("sciatica")]);
        let text = tokens("a herniated discs pressing causes sciatica");
        assert!(glossed.covers(&text, 1, 2));
        assert!(glossed.covers(&text, 2, 1));
        assert!(glossed.covers(&text, 5, 1));
        assert!(!glossed.covers(&text, 3, 1));
    }
}
