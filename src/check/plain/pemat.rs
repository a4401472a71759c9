//! A PEMAT-style score per article: the items of the AHRQ Patient Education Materials
//! Assessment Tool for print (PEMAT-P) that a build can judge, each met, not met or not
//! checked. As in PEMAT, the score of each scale is the share of met items among those judged
//! (items not checked are left out of the count, as PEMAT leaves out "not applicable" ones);
//! 70% is PEMAT's customary pass mark. An item whose rule is turned off is not checked.
//!
//! The items need a person for the rest (is the information distracting, are the headings
//! informative, are the pictures clear); the score is a floor to build on, not a PEMAT rating.

use super::{jargon, key_points, length, numbers, passive, person, Lang, Sentence};
use crate::check::is_disabled;
use crate::diagnostic::{Diagnostic, Span};
use crate::markdown::ProseKind;
use crate::site::Article;
use serde::Serialize;

/// The rule id of a score below `check.pemat_minimum`.
pub const RULE: &str = "plain/pemat";

/// Whether an item is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The article meets it.
    Met,
    /// It does not.
    NotMet,
    /// A build cannot judge it (or its rule is turned off).
    NotChecked,
}

/// Which PEMAT scale an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scale {
    /// Can readers understand it?
    Understandability,
    /// Can readers tell what to do?
    Actionability,
}

/// One PEMAT item.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// PEMAT's item number.
    pub number: u8,
    /// Its scale.
    pub scale: Scale,
    /// What it asks, shortened.
    pub item: &'static str,
    /// Met, not met or not checked.
    pub status: Status,
}

/// The score of one article.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Pemat {
    /// Every PEMAT-P item, in order.
    pub items: Vec<Item>,
}

impl Pemat {
    /// The percentage of judged items of `scale` that are met; `None` when none was judged.
    pub fn percent(&self, scale: Scale) -> Option<f64> {
        let judged: Vec<&Item> = self
            .items
            .iter()
            .filter(|i| i.scale == scale && i.status != Status::NotChecked)
            .collect();
        let met = judged.iter().filter(|i| i.status == Status::Met).count();
        (!judged.is_empty()).then(|| met as f64 * 100.0 / judged.len() as f64)
    }
}

/// What the items are judged on, found in the article.
struct Facts {
    purpose: bool,
    jargon: bool,
    passive: bool,
    unclear_numbers: bool,
    arithmetic: bool,
    short_sections: bool,
    key_points: bool,
    visual_cues: bool,
    you: bool,
    third_person: bool,
    ordered_list: bool,
}

/// `found`: the findings of the plain-language rules on this article.
fn facts(article: &Article, sents: &[Sentence], lang: Lang, found: &[Diagnostic]) -> Facts {
    let has = |rule: &str| found.iter().any(|d| d.rule == rule);
    let prose = &article.rendered.prose;
    let number_kinds = numbers::kinds(article, lang);
    let ordered_list = std::iter::once(article.rendered.intro_html.as_str())
        .chain(article.rendered.sections.iter().map(|s| s.html.as_str()))
        .any(|h| h.contains("<ol"));
    let you = sents.iter().any(|s| {
        s.lower
            .iter()
            .any(|w| matches!(w.as_str(), "you" | "your" | "yours" | "you're" | "you'll"))
    });
    Facts {
        purpose: article.doc.front.description.is_some()
            || prose.first().is_some_and(|b| b.section.is_none()),
        jargon: has(jargon::RULE),
        passive: has(passive::RULE),
        unclear_numbers: number_kinds.contains(&numbers::Kind::Unclear),
        arithmetic: number_kinds.contains(&numbers::Kind::Relative),
        short_sections: !has(length::PARAGRAPH_RULE)
            && (article.rendered.sections.len() >= 2 || article.words < 200),
        key_points: key_points::has(article),
        visual_cues: prose
            .iter()
            .any(|b| matches!(b.kind, ProseKind::ListItem | ProseKind::Callout)),
        you,
        third_person: has(person::RULE),
        ordered_list,
    }
}

/// Who judges an item.
enum Judge {
    /// A fact of the article.
    Fact(fn(&Facts) -> bool),
    /// A fact that comes from a rule: not checked when the rule is off.
    Rule(&'static str, fn(&Facts) -> bool),
    /// A person: not checked here.
    Person,
}

use Judge::{Fact, Person, Rule};
use Scale::{Actionability as A, Understandability as U};

/// The PEMAT-P items (numbers as in PEMAT; 6, 7, 13 and 14 of the audiovisual form left out)
/// and what judges each.
const ITEMS: &[(u8, Scale, &str, Judge)] = &[
    (
        1,
        U,
        "The purpose is evident (a description or an opening paragraph)",
        Fact(|f| f.purpose),
    ),
    (2, U, "No distracting information", Person),
    (
        3,
        U,
        "Common, everyday language",
        Rule(jargon::RULE, |f| !f.jargon),
    ),
    (4, U, "Medical terms are defined where used", Person),
    (5, U, "Active voice", Rule(passive::RULE, |f| !f.passive)),
    (
        8,
        U,
        "Numbers are clear and easy to understand",
        Rule(numbers::RULE, |f| !f.unclear_numbers),
    ),
    (
        9,
        U,
        "No calculations needed",
        Rule(numbers::RULE, |f| !f.arithmetic),
    ),
    (
        10,
        U,
        "Information in short sections",
        Rule(length::PARAGRAPH_RULE, |f| f.short_sections),
    ),
    (11, U, "Sections have informative headings", Person),
    (12, U, "Information in a logical sequence", Person),
    (
        13,
        U,
        "A summary (key points)",
        Rule(key_points::RULE, |f| f.key_points),
    ),
    (
        14,
        U,
        "Visual cues (lists, callouts) for key points",
        Fact(|f| f.visual_cues),
    ),
    (15, U, "Visual aids where they help", Person),
    (16, U, "Visual aids reinforce the text", Person),
    (17, U, "Visual aids have clear titles or captions", Person),
    (18, U, "Clear, uncluttered illustrations", Person),
    (19, U, "Simple tables with clear headings", Person),
    (
        20,
        A,
        "At least one action the reader can take",
        Fact(|f| f.you || f.ordered_list),
    ),
    (
        21,
        A,
        "Addresses the reader directly",
        Rule(person::RULE, |f| f.you && !f.third_person),
    ),
    (
        22,
        A,
        "Actions broken into explicit steps (a numbered list)",
        Fact(|f| f.ordered_list),
    ),
    (23, A, "A tangible tool (checklist, planner)", Person),
    (24, A, "Simple instructions for any calculation", Person),
    (25, A, "Charts and tables are explained", Person),
    (26, A, "Visual aids that make it easier to act", Person),
];

/// Scores an article from its sentences and the findings of the plain-language rules on it
/// (`found`); `off` is
/// the list of rules turned off for it (site and file).
pub fn score(
    article: &Article,
    sentences: &[Sentence],
    lang: Lang,
    found: &[Diagnostic],
    off: &[String],
) -> Pemat {
    let f = facts(article, sentences, lang, found);
    let items = ITEMS
        .iter()
        .map(|(number, scale, item, judge)| Item {
            number: *number,
            scale: *scale,
            item,
            status: match judge {
                Fact(met) => flag(met(&f)),
                Rule(rule, _) if is_disabled(rule, off) => Status::NotChecked,
                Rule(_, met) => flag(met(&f)),
                Person => Status::NotChecked,
            },
        })
        .collect();
    Pemat { items }
}

fn flag(met: bool) -> Status {
    if met {
        Status::Met
    } else {
        Status::NotMet
    }
}

/// `plain/pemat`: a scale below the site's `check.pemat_minimum`, an error (a clinic that sets
/// a minimum uses it as a gate).
pub fn check_minimum(article: &Article, pemat: &Pemat, minimum: Option<f64>) -> Vec<Diagnostic> {
    let Some(min) = minimum else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (scale, name) in [
        (Scale::Understandability, "understandability"),
        (Scale::Actionability, "actionability"),
    ] {
        let Some(p) = pemat.percent(scale) else {
            continue;
        };
        if p + 1e-9 >= min {
            continue;
        }
        let missing: Vec<String> = pemat
            .items
            .iter()
            .filter(|i| i.scale == scale && i.status == Status::NotMet)
            .map(|i| format!("{}. {}", i.number, i.item))
            .collect();
        out.push(
            Diagnostic::error(
                RULE,
                Span::at(&article.doc.path, article.doc.front.line_of("title"), 1),
                format!(
                    "\"{}\" scores {p:.0}% for PEMAT {name}, below the site's minimum of {min:.0}%",
                    article.title()
                ),
            )
            .with_help(format!("items not met:\n{}", missing.join("\n"))),
        );
    }
    out
}
