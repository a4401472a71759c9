//! Plain-language rules of `handout check` and the PEMAT-style score they feed.
//!
//! Each rule reads the prose blocks the Markdown stage records (so code, URLs and alt text are
//! never checked) and splits them with the readability sentence splitter. The files:
//! - [`jargon`]: `plain/jargon`, formal and medical words with everyday alternatives;
//! - [`passive`]: `plain/passive`, too many sentences in the passive voice;
//! - [`person`]: `plain/third-person`, "patients should" where "you should" would do;
//! - [`numbers`]: `plain/numbers`, percentages, fractions, decimals and relative risks;
//! - [`length`]: `plain/long-sentence` and `plain/long-paragraph`;
//! - [`acronym`]: `plain/acronym`, an acronym not spelled out at first use;
//! - [`terms`]: `plain/undefined-term`, a medical word neither the article nor the glossary
//!   explains;
//! - [`key_points`]: `plain/key-points`, an article without key points (any language);
//! - [`pemat`]: the PEMAT-style score and `plain/pemat`; [`pemat_output`] shows it.
//!
//! The word lists are data files per language under `plain/<lang>/`; [`Lang::for_code`] picks
//! them, and a language without lists is not checked (rather than checked as if English).

pub mod acronym;
pub mod jargon;
pub mod key_points;
pub mod length;
pub mod numbers;
pub mod passive;
pub mod pemat;
pub mod pemat_output;
pub mod person;
mod spanish;
pub mod terms;

use super::readability::{split_sentences_in, word_slices, Language};
use crate::diagnostic::{Diagnostic, Span};
use crate::markdown::ProseBlock;
use crate::site::{Article, Site};

/// The languages the plain-language rules have word lists for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English (any region): every rule and the PEMAT-style score.
    En,
    /// Spanish: `plain/jargon` (`es/jargon.yaml`), `plain/third-person` and the length rules;
    /// the rules whose lists are English only (passive, numbers, acronyms) and the PEMAT-style
    /// score, which depends on them, are skipped.
    Es,
}

impl Lang {
    /// The lists for a BCP 47 language code such as `en-GB`; `None` when there are none yet.
    pub fn for_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else if primary.eq_ignore_ascii_case("es") {
            Some(Lang::Es)
        } else {
            None
        }
    }
}

/// One sentence of an article's prose, with where it is and its words.
#[derive(Debug, Clone)]
pub struct Sentence<'a> {
    /// The sentence text.
    pub text: &'a str,
    /// The block it belongs to.
    pub block: &'a ProseBlock,
    /// Byte offset of the sentence in the block's text.
    pub offset: usize,
    /// Its words (as the readability scores count them) with their byte offsets in `text`.
    pub words: Vec<(usize, &'a str)>,
    /// The same words in lowercase, with curly apostrophes made straight: what the word lists
    /// are matched against.
    pub lower: Vec<String>,
}

impl Sentence<'_> {
    /// The source span of byte `at` of the sentence, where `needle` (the words found there)
    /// starts.
    pub fn span(&self, article: &Article, at: usize, needle: &str) -> Span {
        block_span(article, self.block, self.offset + at, needle)
    }
}

/// Every sentence of the article's prose with at least one word, in order, split by the
/// rules of its language.
pub fn sentences(article: &Article, lang: Lang) -> Vec<Sentence<'_>> {
    let language = match lang {
        Lang::En => Language::English,
        Lang::Es => Language::Spanish,
    };
    let mut out = Vec::new();
    for block in &article.rendered.prose {
        for (offset, text) in split_sentences_in(&block.text, language) {
            let words = words_at(text);
            if words.is_empty() {
                continue;
            }
            let lower = words.iter().map(|(_, w)| lowercase(w)).collect();
            out.push(Sentence {
                text,
                block,
                offset,
                words,
                lower,
            });
        }
    }
    out
}

/// A word in lowercase with curly apostrophes made straight.
fn lowercase(word: &str) -> String {
    let lower = word.to_lowercase();
    if lower.contains('\u{2019}') {
        lower.replace('\u{2019}', "'")
    } else {
        lower
    }
}

/// The words of `text` with their byte offsets in it.
pub fn words_at(text: &str) -> Vec<(usize, &str)> {
    let base = text.as_ptr() as usize;
    word_slices(text)
        .map(|w| (w.as_ptr() as usize - base, w))
        .collect()
}

/// The source position of byte `at` of a prose block's text, where `needle` starts. Soft line
/// breaks are kept in the text, so the line is exact; inline markup (`**`, link brackets) is
/// not, so the column counted in the text can fall short: the needle is then looked up in the
/// source line from there on.
pub fn block_span(article: &Article, block: &ProseBlock, at: usize, needle: &str) -> Span {
    let at = floor_char_boundary(&block.text, at);
    let before = &block.text[..at];
    let line = block.line + before.matches('\n').count();
    let source = article
        .doc
        .text
        .lines()
        .nth(line.saturating_sub(1))
        .unwrap_or("");
    let estimate = match before.rfind('\n') {
        // A continuation line: its indentation was dropped with the line break.
        Some(nl) => {
            let indent = source.chars().take_while(|c| c.is_whitespace()).count();
            indent + before[nl + 1..].chars().count() + 1
        }
        None => block.column + before.chars().count(),
    };
    let from = source
        .char_indices()
        .nth(estimate.saturating_sub(1))
        .map_or(source.len(), |(i, _)| i);
    let column = match source[from..].find(needle).filter(|_| !needle.is_empty()) {
        Some(i) => source[..from + i].chars().count() + 1,
        None => estimate,
    };
    Span::at(&article.doc.path, line, column)
}

fn floor_char_boundary(s: &str, mut at: usize) -> usize {
    at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A sentence cut to about `max` characters for a message, whitespace collapsed.
pub fn quote(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{cut}…")
}

/// Runs the plain-language rules on an article in language `code`, adding their findings to
/// `diags`, and scores it; for a language without word lists, only `plain/key-points`.
pub fn check(
    site: &Site,
    article: &Article,
    code: &str,
    diags: &mut Vec<Diagnostic>,
) -> pemat::Pemat {
    diags.extend(key_points::check(article));
    let Some(lang) = Lang::for_code(code) else {
        return pemat::Pemat::default();
    };
    let sentences = sentences(article, lang);
    let glossed = terms::Glossed::new(&site.glossary);
    let mut found = check_article(article, &sentences, lang, &glossed);
    if lang != Lang::En {
        // The term list and the lists PEMAT's items are read from are English only.
        diags.extend(found);
        return pemat::Pemat::default();
    }
    found.extend(terms::check(
        article,
        &sentences,
        lang,
        &site.config.check.terms,
        &glossed,
    ));
    let mut off = site.config.check.disable.clone();
    off.extend(article.doc.front.check_disable.iter().cloned());
    let score = pemat::score(article, &sentences, lang, &found, &off);
    diags.extend(found);
    diags.extend(pemat::check_minimum(
        article,
        &score,
        site.config.check.pemat_minimum,
    ));
    score
}

/// Runs the plain-language rules that need only the article and the glossary.
pub fn check_article(
    article: &Article,
    sentences: &[Sentence],
    lang: Lang,
    glossed: &terms::Glossed,
) -> Vec<Diagnostic> {
    let mut out = jargon::check(article, sentences, lang, glossed);
    out.extend(passive::check(article, sentences, lang));
    out.extend(person::check(article, sentences, lang));
    out.extend(numbers::check(article, lang));
    out.extend(length::check(article, sentences));
    out.extend(acronym::check(article, lang));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_cut_on_a_word() {
        assert_eq!(quote("one two three", 20), "one two three");
        assert_eq!(quote("alpha beta gamma delta", 12), "alpha beta…");
    }
}
