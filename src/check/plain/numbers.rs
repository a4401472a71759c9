//! `plain/numbers`: numbers that make the reader work (PEMAT items 8 and 9; CDC Clear
//! Communication Index: no maths required). Percentages, fractions and decimals are reported
//! (a decimal with a unit, as in a dose "2.5 ml", is clear and left alone), and so are relative
//! risks ("3 times more likely", "doubles the risk", "50% higher"), which only mean something
//! once the reader knows the risk they start from.

use super::{block_span, Lang};
use crate::diagnostic::Diagnostic;
use crate::site::Article;
use regex::Regex;
use std::sync::OnceLock;

/// The rule id.
pub const RULE: &str = "plain/numbers";

/// What kind of number a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A relative risk: the reader must calculate (PEMAT item 9).
    Relative,
    /// A percentage, fraction or decimal: harder to picture (PEMAT item 8).
    Unclear,
}

struct Patterns {
    relative: Regex,
    percent: Regex,
    fraction: Regex,
    decimal: Regex,
}

/// The language's patterns; `None` for a language without them (the rule is skipped).
fn patterns(lang: Lang) -> Option<&'static Patterns> {
    static EN: OnceLock<Patterns> = OnceLock::new();
    let re = |p: &str| Regex::new(p).unwrap_or_else(|_| unreachable!("fixed pattern"));
    match lang {
        Lang::En => Some(EN.get_or_init(|| Patterns {
            relative: re(
                r"(?i)\b(?:(?:\d+(?:\.\d+)?|two|three|four|five|six|ten)\s*(?:times|x)\s+(?:more|less|higher|lower|greater|as)\b|(?:twice|half)\s+as\s+(?:likely|many|much|common|high)\b|(?:doubles?|doubled|doubling|triples?|tripled|halves|halved)\s+(?:the|your|their)\s+(?:risk|chance|odds)\b|\d+(?:\.\d+)?\s?(?:%|per\s?cent)\s+(?:more|less|higher|lower|greater|fewer|increased|reduced)\b|relative\s+risk|odds\s+ratio|hazard\s+ratio)",
            ),
            percent: re(r"(?i)\b\d+(?:\.\d+)?\s?(?:%|per\s?cent\b)"),
            fraction: re(r"\b\d+/\d+(?:/\d+)?\b"),
            decimal: re(
                r"(?i)\b\d+\.\d+\b(?:\s*(?:mg|mcg|µg|g|kg|ml|l|litres?|liters?|cm|mm|m|km|miles?|°|degrees|a\.?m\b|p\.?m\b|kcal|units?|iu|mmol|lbs?|oz|stone|st|seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|times|tablets?|doses?)\b)?",
            ),
        })),
        Lang::Es => None,
    }
}

/// One number the reader may stumble on: byte range in the block text and kind.
fn find(text: &str, lang: Lang) -> Vec<(std::ops::Range<usize>, Kind, &'static str)> {
    let Some(p) = patterns(lang) else {
        return Vec::new();
    };
    let mut found: Vec<(std::ops::Range<usize>, Kind, &'static str)> = p
        .relative
        .find_iter(text)
        .map(|m| (m.range(), Kind::Relative, "give the numbers themselves: \"2 in 100 people who smoke get it, compared with 1 in 100 who do not\""))
        .collect();
    let taken = |r: &std::ops::Range<usize>, f: &[(std::ops::Range<usize>, Kind, &str)]| {
        f.iter().any(|(o, _, _)| o.start < r.end && r.start < o.end)
    };
    for m in p.percent.find_iter(text) {
        if !taken(&m.range(), &found) {
            found.push((
                m.range(),
                Kind::Unclear,
                "use a count the reader can picture: \"1 in 4 people\" rather than \"25%\"",
            ));
        }
    }
    for m in p.fraction.find_iter(text) {
        let everyday = m.as_str() == "24/7" || m.as_str().matches('/').count() == 2;
        if !everyday && !taken(&m.range(), &found) {
            found.push((
                m.range(),
                Kind::Unclear,
                "write the fraction in words (\"half\", \"a third\") or as \"1 in 3\"",
            ));
        }
    }
    for m in p.decimal.find_iter(text) {
        let with_unit = m.as_str().chars().any(char::is_alphabetic) || m.as_str().contains('°');
        if !with_unit && !taken(&m.range(), &found) {
            found.push((
                m.range(),
                Kind::Unclear,
                "round it to a whole number, or say what it measures",
            ));
        }
    }
    found.sort_by_key(|(r, _, _)| r.start);
    found
}

/// The kinds of number findings in an article (for the PEMAT score).
pub fn kinds(article: &Article, lang: Lang) -> Vec<Kind> {
    article
        .rendered
        .prose
        .iter()
        .flat_map(|b| find(&b.text, lang).into_iter().map(|(_, k, _)| k))
        .collect()
}

/// `plain/numbers`: each number that asks the reader to calculate or picture a ratio.
pub fn check(article: &Article, lang: Lang) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for block in &article.rendered.prose {
        for (range, kind, help) in find(&block.text, lang) {
            let found = &block.text[range.clone()];
            let what = match kind {
                Kind::Relative => "a relative risk asks the reader to do arithmetic",
                Kind::Unclear => "numbers like this are hard for many readers to picture",
            };
            out.push(
                Diagnostic::warning(
                    RULE,
                    block_span(article, block, range.start, found),
                    format!("\"{found}\": {what}"),
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

    fn kinds_of(text: &str) -> Vec<(String, Kind)> {
        find(text, Lang::En)
            .into_iter()
            .map(|(r, k, _)| (text[r].to_string(), k))
            .collect()
    }

    #[test]
    fn finds_numbers_that_need_work() {
        assert_eq!(
            kinds_of("Smokers are 3 times more likely to get it; 25% of people do."),
            [
                ("3 times more".to_string(), Kind::Relative),
                ("25%".to_string(), Kind::Unclear)
            ]
        );
        assert_eq!(kinds_of("It doubles the risk.")[0].1, Kind::Relative);
        assert_eq!(kinds_of("A 50% higher risk.").len(), 1);
        assert_eq!(kinds_of("About 2/3 of people.")[0].0, "2/3");
        assert_eq!(kinds_of("The score rose by 1.7.")[0].0, "1.7");
    }

    #[test]
    fn leaves_clear_numbers_alone() {
        for text in [
            "Take 2.5 ml twice a day.",
            "Rest for 1.5 hours.",
            "Come at 8.30 a.m. on 12/03/2026.",
            "Call us 24/7.",
            "About 1 in 4 people get it.",
            "Walk for 10 minutes, 3 times a day.",
        ] {
            assert!(kinds_of(text).is_empty(), "{text}: {:?}", kinds_of(text));
        }
    }
}
