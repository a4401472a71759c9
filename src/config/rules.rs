//! The rule ids of `handout check`, and the `check.disable` lists that turn them off.
//!
//! The list lives with the settings rather than in check because site.yaml and each file's
//! front matter name rules, and both are validated when they are read: a typo in a
//! `disable` list would otherwise leave the rule on without anyone noticing.

use crate::diagnostic::{did_you_mean, Diagnostic, Span};

/// Every rule id `check` reports, for `check.disable` and the documentation.
pub const RULES: &[&str] = &[
    "readability/grade",
    "review/missing",
    "review/due-soon",
    "review/overdue",
    "review/future-date",
    "links/broken",
    "links/anchor",
    "links/malformed",
    "links/external",
    "a11y/alt-text",
    "a11y/heading-order",
    "a11y/link-text",
    "a11y/table-header",
    "a11y/all-caps",
    "meta/description",
    "meta/duplicate",
    "content/empty-section",
    "content/faq-answer",
    "content/placeholder",
    "security/raw-html",
    "topics/uncertain",
    "topics/missing-risks",
    "topics/none",
    "plain/jargon",
    "plain/passive",
    "plain/third-person",
    "plain/numbers",
    "plain/long-sentence",
    "plain/long-paragraph",
    "plain/acronym",
    "plain/undefined-term",
    "plain/key-points",
    "plain/pemat",
    "translations/stale",
    "translations/missing-source",
    "translations/no-provenance",
];

/// Whether `entry` of a `disable` list covers `rule`: the rule id itself, or a prefix ending
/// at a `/` (`a11y` covers every `a11y/…` rule).
fn covers(entry: &str, rule: &str) -> bool {
    let e = entry.trim().trim_end_matches('/');
    !e.is_empty()
        && (rule == e || (rule.starts_with(e) && rule.as_bytes().get(e.len()) == Some(&b'/')))
}

/// Whether `rule` is turned off by an entry of a `disable` list.
pub fn is_disabled(rule: &str, disable: &[String]) -> bool {
    disable.iter().any(|d| covers(d, rule))
}

/// A warning for each entry of a `disable` list that names no rule, at `span`.
pub fn unknown_entries(disable: &[String], span: &Span) -> Vec<Diagnostic> {
    disable
        .iter()
        .filter(|entry| !RULES.iter().any(|r| covers(entry, r)))
        .map(|entry| unknown_rule(entry, span.clone()))
        .collect()
}

fn unknown_rule(entry: &str, span: Span) -> Diagnostic {
    let groups: Vec<&str> = RULES
        .iter()
        .flat_map(|r| [*r, r.split('/').next().unwrap_or(r)])
        .collect();
    let help = match did_you_mean(entry, &groups) {
        Some(s) => format!("did you mean `{s}`?"),
        None => "rule ids look like `readability/grade` or `a11y` (all a11y rules); see `handout check --help`".into(),
    };
    Diagnostic::warning(
        "check/unknown-rule",
        span,
        format!("`{entry}` in `check.disable` is not a rule of handout check"),
    )
    .with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disable_matches_ids_and_prefixes() {
        let off = vec!["a11y".to_string(), "meta/duplicate".to_string()];
        assert!(is_disabled("a11y/alt-text", &off));
        assert!(is_disabled("meta/duplicate", &off));
        assert!(!is_disabled("meta/description", &off));
        assert!(!is_disabled("a11yx/foo", &off));
        assert!(is_disabled("links/anchor", &["links/".to_string()]));
    }

    #[test]
    fn unknown_entries_suggest_the_closest_rule() {
        let list = vec!["a11y".to_string(), "meta/duplicat".to_string()];
        let found = unknown_entries(&list, &Span::at("site.yaml", 3, 3));
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].help.as_deref(),
            Some("did you mean `meta/duplicate`?")
        );
    }
}
