//! Reading level of the prose a patient reads, per article and per topic page.
//!
//! Only the prose blocks of the Markdown stage are scored (paragraphs, list items, callouts
//! and FAQ answers); front matter, headings, code, tables, URLs and alt text are left out, as
//! health-literacy guidance asks. The formulas live in [`super::readability`]; this module
//! chooses the text, compares the result with the site's `reading_grade_target`, and names
//! the sentences to rewrite first. [`score_article`] is public so the theme can show the
//! numbers too.
//!
//! The formulas follow the article's language (see [`readability::Language`]): English pages
//! are held to `reading_grade_target`, Spanish ones to `check.reading_ease_target` on the
//! Szigriszt-Pazos/INFLESZ scale, and a language without a formula is "not scored".

use super::readability::{self, Block, HardSentence, Joined, Language, Passage, Scores, Tally};
use super::translations::files::document_language;
use crate::diagnostic::{Diagnostic, Span};
use crate::markdown::{ProseKind, SectionKind};
use crate::site::{Article, Site};
use std::collections::HashMap;

/// Below this many words the formulas swing on one sentence, so no warning is given.
pub const MIN_WORDS: usize = 40;

/// How many hard sentences a warning lists.
const HARDEST: usize = 3;

/// The readability of one article and of each of its topic pages.
#[derive(Debug, Clone)]
pub struct ArticleReading {
    /// The whole article.
    pub scores: Scores,
    /// Each topic page (benefits, what to expect, precautions) the article has.
    pub topics: Vec<TopicReading>,
    /// The hardest sentences, filled in when the article is above the target.
    pub hardest: Vec<HardSentence>,
}

/// The readability of one topic page.
#[derive(Debug, Clone)]
pub struct TopicReading {
    /// Which topic.
    pub kind: SectionKind,
    /// Its site path, e.g. `articles/heat/benefits/`.
    pub path: String,
    /// Its scores.
    pub scores: Scores,
}

/// The prose of an article, optionally only that of sections of one kind, with a sentence
/// that runs into a list joined into one passage (see [`readability::join_runs`]).
fn joined(article: &Article, kind: Option<SectionKind>) -> Vec<Joined<'_>> {
    let sections = &article.rendered.sections;
    let blocks: Vec<Block> = article
        .rendered
        .prose
        .iter()
        .filter(|p| match kind {
            None => true,
            Some(k) => p
                .section
                .and_then(|i| sections.get(i))
                .is_some_and(|s| s.kind == k),
        })
        .map(|p| Block {
            text: &p.text,
            line: p.line,
            list_item: p.kind == ProseKind::ListItem,
        })
        .collect();
    readability::join_runs(&blocks)
}

/// Borrowed passages of joined blocks.
fn passages<'a>(joined: &'a [Joined<'a>]) -> Vec<Passage<'a>> {
    joined
        .iter()
        .map(|j| Passage {
            text: &j.text,
            line: j.line,
        })
        .collect()
}

/// The readability formulas for an article's language.
pub fn language(site: &Site, article: &Article) -> Language {
    Language::for_code(&document_language(site, &article.doc))
}

/// Scores the prose of an article in `language`.
pub fn score_article(article: &Article, language: Language) -> Scores {
    readability::score_in(&passages(&joined(article, None)), language)
}

/// Scores the prose of one topic page of an article (its sections of that kind).
pub fn score_topic(article: &Article, kind: SectionKind, language: Language) -> Scores {
    readability::score_in(&passages(&joined(article, Some(kind))), language)
}

/// Scores an article and its topic pages; finds the hardest sentences if it is above target.
/// `code` is the article's language (see [`document_language`]).
pub fn read(site: &Site, article: &Article, code: &str) -> ArticleReading {
    let language = Language::for_code(code);
    let all = joined(article, None);
    // A topic page shows passages of the article: count each passage once, not per page.
    let tallies: HashMap<&str, Tally> = all
        .iter()
        .map(|j| (j.text.as_ref(), Tally::of(&j.text, language)))
        .collect();
    let tally_of = |text: &str| {
        tallies
            .get(text)
            .copied()
            .unwrap_or_else(|| Tally::of(text, language))
    };
    let sum = |joined: &[Joined]| {
        let mut total = Tally::default();
        for j in joined {
            total.add(tally_of(&j.text));
        }
        total.scores(language)
    };
    let scores = sum(&all);
    let topics = article
        .topics()
        .into_iter()
        .map(|kind| TopicReading {
            kind,
            path: article.topic_path(kind),
            scores: sum(&joined(article, Some(kind))),
        })
        .collect();
    let hardest = if above(&scores, &Targets::of(site)) {
        readability::hardest_sentences_in(&passages(&all), HARDEST, language)
    } else {
        Vec::new()
    };
    ArticleReading {
        scores,
        topics,
        hardest,
    }
}

/// The site's targets: a grade for English, an ease score for Spanish.
#[derive(Debug, Clone, Copy)]
pub struct Targets {
    /// Flesch–Kincaid grade at or below which English text passes.
    pub grade: f64,
    /// Szigriszt-Pazos score at or above which Spanish text passes.
    pub ease: f64,
}

impl Targets {
    /// The targets of `site.yaml`.
    pub fn of(site: &Site) -> Targets {
        Targets {
            grade: site.config.reading_grade_target,
            ease: site.config.check.reading_ease_target,
        }
    }
}

/// Whether scores miss the target of their language, as shown: scores are printed with one
/// decimal, so a grade of 8.04 against a target of 8 passes rather than reading "8.0, above 8".
/// Text in a language without a formula never misses.
pub fn above(s: &Scores, targets: &Targets) -> bool {
    let shown = |x: f64| (x * 10.0).round() / 10.0;
    s.words >= MIN_WORDS
        && match s.language {
            Language::English => shown(s.flesch_kincaid_grade) > targets.grade,
            Language::Spanish => shown(s.szigriszt_pazos) < targets.ease,
            Language::NotScored => false,
        }
}

/// "reads at grade 9.2 (Flesch–Kincaid; SMOG 10.1), above the site's target of 8", or the
/// Spanish equivalent on the INFLESZ scale.
fn verdict(s: &Scores, targets: &Targets) -> String {
    match s.inflesz() {
        Some(band) => format!(
            "reads as \"{}\" (INFLESZ {:.1}, Szigriszt-Pazos; Fernández Huerta {:.1}), below the site's target of {}",
            band.label(),
            s.szigriszt_pazos,
            s.fernandez_huerta,
            fmt_target(targets.ease)
        ),
        None => format!(
            "reads at grade {:.1} (Flesch–Kincaid; SMOG {:.1}), above the site's target of {}",
            s.flesch_kincaid_grade,
            s.smog_grade,
            fmt_target(targets.grade)
        ),
    }
}

/// `readability/grade`: the article, or one of its topic pages, misses the target.
///
/// A topic page is reported on its own only when the article as a whole is within the
/// target; otherwise the article's warning already names the sentences to fix.
pub fn check_grade(site: &Site, article: &Article, reading: &ArticleReading) -> Vec<Diagnostic> {
    let targets = Targets::of(site);
    let doc = &article.doc;
    if above(&reading.scores, &targets) {
        let d = Diagnostic::warning(
            "readability/grade",
            Span::at(&doc.path, doc.front.line_of("title"), 1),
            format!(
                "\"{}\" {}",
                article.title(),
                verdict(&reading.scores, &targets)
            ),
        )
        .with_help(rewrite_help(&reading.hardest));
        return vec![d];
    }
    let language = reading.scores.language;
    let mut out = Vec::new();
    for t in &reading.topics {
        if !above(&t.scores, &targets) {
            continue;
        }
        let line = article
            .rendered
            .sections
            .iter()
            .find(|s| s.kind == t.kind)
            .map(|s| s.line)
            .unwrap_or(1);
        let hardest = readability::hardest_sentences_in(
            &passages(&joined(article, Some(t.kind))),
            HARDEST,
            language,
        );
        out.push(
            Diagnostic::warning(
                "readability/grade",
                Span::at(&doc.path, line, 1),
                format!(
                    "the {} page of \"{}\" (/{}) {}",
                    t.kind.label().to_lowercase(),
                    article.title(),
                    t.path,
                    verdict(&t.scores, &targets)
                ),
            )
            .with_help(rewrite_help(&hardest)),
        );
    }
    out
}

fn fmt_target(t: f64) -> String {
    if t.fract() == 0.0 {
        format!("{t:.0}")
    } else {
        format!("{t:.1}")
    }
}

/// "Rewrite these first:" and one line per hard sentence.
fn rewrite_help(hardest: &[HardSentence]) -> String {
    let mut s = String::from("use shorter sentences and everyday words; start with these:");
    for h in hardest {
        s.push_str(&format!(
            "\nline {}: \"{}\" ({})",
            h.line,
            crate::check::plain::quote(&h.text, 90),
            h.reason
        ));
    }
    s
}
