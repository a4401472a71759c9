//! The values of site.yaml checked one by one: numbers in their ranges, the language tag, the
//! site's own topic phrases and the rules `check.disable` names.

use super::{is_language_tag, rules, RawConfig};
use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use crate::markdown::{SectionKind, TopicRules};

/// Months from one clinical review to the next, unless site.yaml says otherwise.
pub(super) const REVIEW_INTERVAL_MONTHS: u32 = 12;
/// The reading grade `check` aims for, unless site.yaml says otherwise.
pub(super) const READING_GRADE_TARGET: f64 = 8.0;

/// The site's topic phrases before the built-in ones; a phrase that cannot be read is an
/// error, and the built-in rules stand in for it.
pub(super) fn topic_rules(
    raw: &RawConfig,
    at: &dyn Fn(&[&str]) -> Span,
    diags: &mut Diagnostics,
) -> TopicRules {
    let mut site_rules = Vec::new();
    for (key, patterns) in &raw.topics {
        // An unknown key is reported by the schema walk.
        if let Some(kind) = SectionKind::from_key(key) {
            site_rules.extend(patterns.iter().map(|p| (kind, p.clone())));
        }
    }
    let cue_language = raw.language.as_deref().unwrap_or("en");
    TopicRules::with_site_rules(&site_rules, cue_language).unwrap_or_else(|msg| {
        diags.push(
            Diagnostic::error("config/topics", at(&["topics"]), msg)
                .with_help("a pattern is a phrase; `*` stands for any words, e.g. `how * helps`"),
        );
        TopicRules::defaults()
    })
}

/// The review interval, the reading grade target and the PEMAT minimum in their ranges, the
/// `check.disable` entries, and the language tag.
pub(super) fn check_values(raw: &RawConfig, at: &dyn Fn(&[&str]) -> Span) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let interval = raw.review_interval_months.unwrap_or(REVIEW_INTERVAL_MONTHS);
    if interval == 0 || interval > 120 {
        diags.push(
            Diagnostic::error(
                "config/review-interval",
                at(&["review_interval_months"]),
                format!("review_interval_months must be between 1 and 120, not {interval}"),
            )
            .with_help("most clinics review patient information every 12 to 36 months"),
        );
    }
    let grade = raw.reading_grade_target.unwrap_or(READING_GRADE_TARGET);
    if !(1.0..=18.0).contains(&grade) {
        diags.push(Diagnostic::error(
            "config/reading-grade",
            at(&["reading_grade_target"]),
            format!("reading_grade_target must be between 1 and 18, not {grade}"),
        ));
    }
    let ease = raw.check.reading_ease_target;
    if !(0.0..=100.0).contains(&ease) {
        diags.push(
            Diagnostic::error(
                "config/reading-ease",
                at(&["check", "reading_ease_target"]),
                format!("check.reading_ease_target is a score from 0 to 100, not {ease}"),
            )
            .with_help("55 is INFLESZ's \"normal\"; 65 is \"bastante fácil\""),
        );
    }
    if let Some(min) = raw
        .check
        .pemat_minimum
        .filter(|m| !(0.0..=100.0).contains(m))
    {
        diags.push(
            Diagnostic::error(
                "config/pemat-minimum",
                at(&["check", "pemat_minimum"]),
                format!("check.pemat_minimum is a percentage from 0 to 100, not {min}"),
            )
            .with_help("PEMAT's customary pass mark is 70"),
        );
    }
    diags.extend(rules::unknown_entries(
        &raw.check.disable,
        &at(&["check", "disable"]),
    ));
    let language = raw.language.as_deref().unwrap_or("en");
    if !is_language_tag(language) {
        diags.push(
            Diagnostic::error(
                "config/language",
                at(&["language"]),
                format!("`{language}` is not a language code"),
            )
            .with_help("use a code such as `en`, `en-GB`, `es` or `fr-CA`"),
        );
    }
    diags
}
