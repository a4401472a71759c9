//! Reading level of the prose a patient reads, per article and per topic page.
//!
//! Only the prose blocks of the Markdown stage are scored (paragraphs, list items, callouts
//! and FAQ answers); front matter, headings, code, tables, URLs and alt text are left out, as
//! health-literacy guidance asks. The formulas live in [`super::readability`]; this module
//! chooses the text, compares the result with the site's `reading_grade_target`, and names
//! the sentences to rewrite first. [`score_article`] is public so the theme can show the
//! numbers too.

use super::readability::{self, Block, HardSentence, Joined, Passage, Scores};
use crate::diagnostic::{Diagnostic, Span};
use crate::markdown::{ProseKind, SectionKind};
use crate::site::{Article, Site};

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

/// Scores the prose of an article.
pub fn score_article(article: &Article) -> Scores {
    readability::score(&passages(&joined(article, None)))
}

/// Scores the prose of one topic page of an article (its sections of that kind).
pub fn score_topic(article: &Article, kind: SectionKind) -> Scores {
    readability::score(&passages(&joined(article, Some(kind))))
}

/// Scores an article and its topic pages; finds the hardest sentences if it is above target.
pub fn read(site: &Site, article: &Article) -> ArticleReading {
    let scores = score_article(article);
    let topics = article
        .topics()
        .into_iter()
        .map(|kind| TopicReading {
            kind,
            path: article.topic_path(kind),
            scores: score_topic(article, kind),
        })
        .collect();
    let hardest = if above(&scores, site.config.reading_grade_target) {
        readability::hardest_sentences(&passages(&joined(article, None)), HARDEST)
    } else {
        Vec::new()
    };
    ArticleReading {
        scores,
        topics,
        hardest,
    }
}

/// Whether scores are above the target, as shown: grades are printed with one decimal, so a
/// grade of 8.04 against a target of 8 passes rather than reading "8.0, above 8".
fn above(s: &Scores, target: f64) -> bool {
    s.words >= MIN_WORDS && (s.flesch_kincaid_grade * 10.0).round() / 10.0 > target
}

/// `readability/grade`: the article, or one of its topic pages, reads above the target.
///
/// A topic page is reported on its own only when the article as a whole is within the
/// target; otherwise the article's warning already names the sentences to fix.
pub fn check_grade(site: &Site, article: &Article, reading: &ArticleReading) -> Vec<Diagnostic> {
    let target = site.config.reading_grade_target;
    let doc = &article.doc;
    if above(&reading.scores, target) {
        let s = &reading.scores;
        let d = Diagnostic::warning(
            "readability/grade",
            Span::at(&doc.path, doc.front.line_of("title"), 1),
            format!(
                "\"{}\" reads at grade {:.1} (Flesch–Kincaid; SMOG {:.1}), above the site's target of {}",
                article.title(),
                s.flesch_kincaid_grade,
                s.smog_grade,
                fmt_target(target)
            ),
        )
        .with_help(rewrite_help(&reading.hardest));
        return vec![d];
    }
    let mut out = Vec::new();
    for t in &reading.topics {
        if !above(&t.scores, target) {
            continue;
        }
        let line = article
            .rendered
            .sections
            .iter()
            .find(|s| s.kind == t.kind)
            .map(|s| s.line)
            .unwrap_or(1);
        let hardest =
            readability::hardest_sentences(&passages(&joined(article, Some(t.kind))), HARDEST);
        out.push(
            Diagnostic::warning(
                "readability/grade",
                Span::at(&doc.path, line, 1),
                format!(
                    "the {} page of \"{}\" (/{}) reads at grade {:.1} (Flesch–Kincaid; SMOG {:.1}), above the site's target of {}",
                    t.kind.label().to_lowercase(),
                    article.title(),
                    t.path,
                    t.scores.flesch_kincaid_grade,
                    t.scores.smog_grade,
                    fmt_target(target)
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
