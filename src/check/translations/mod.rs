//! Translation provenance rules of `handout check` (issue 15): a translation must have a source,
//! say who translated it and which version of the source it was made from, and not fall behind
//! the source without anyone noticing.
//!
//! - `translations/missing-source` (error): `X.es.md` exists but `X.md` does not;
//! - `translations/no-provenance` (warning): no `translator` or no `source_hash` in the front
//!   matter; the message gives the source's current hash to copy in;
//! - `translations/stale` (warning): the source's current hash differs from the translation's
//!   `source_hash`; the message says when the source changed and which `##` sections differ.
//!
//! [`files`] finds the translations and reads their front matter, [`hash`] computes the hash
//! and [`history`] works out what changed.

pub mod files;
pub mod hash;
pub mod history;

use std::path::Path;

use crate::diagnostic::{Diagnostic, Span};
use files::{line_of, Provenance, Translation};
use history::Change;

/// Every rule id of this module.
pub const RULES: &[&str] = &[
    "translations/stale",
    "translations/missing-source",
    "translations/no-provenance",
];

/// Runs the translation rules over the site at `root`.
pub fn check(root: &Path) -> Vec<Diagnostic> {
    files::find(root)
        .iter()
        .flat_map(|t| check_one(root, t))
        .collect()
}

/// The findings for one translation.
fn check_one(root: &Path, t: &Translation) -> Vec<Diagnostic> {
    let Ok(source_text) = std::fs::read_to_string(root.join(&t.source)) else {
        return vec![missing_source(t)];
    };
    let current = hash::source_hash(&source_text);
    let p = Provenance::of(&t.text);
    let mut out = Vec::new();
    match &p.source_hash {
        None => out.push(no_provenance(t, &p, &current)),
        Some(recorded) if !hash::matches(recorded, &current) => {
            if p.translator.is_none() {
                out.push(no_provenance(t, &p, &current));
            }
            let change = history::change(root, &t.source, &source_text, recorded);
            out.push(stale(t, recorded, &current, &change));
        }
        Some(_) if p.translator.is_none() => out.push(no_provenance(t, &p, &current)),
        Some(_) => {}
    }
    out
}

fn missing_source(t: &Translation) -> Diagnostic {
    Diagnostic::error(
        "translations/missing-source",
        Span::at(&t.path, 1, 1),
        format!(
            "this translation ({}) has no source: {} does not exist",
            t.language,
            t.source.display()
        ),
    )
    .with_help(format!(
        "a translation is named after the file it translates plus a language code; rename it to match its source, add {}, or remove the translation",
        t.source.display()
    ))
}

fn no_provenance(t: &Translation, p: &Provenance, current: &str) -> Diagnostic {
    let missing: Vec<&str> = [
        ("translator", p.translator.is_none()),
        ("source_hash", p.source_hash.is_none()),
    ]
    .into_iter()
    .filter_map(|(k, absent)| absent.then_some(k))
    .collect();
    Diagnostic::warning(
        "translations/no-provenance",
        Span::at(&t.path, 1, 1),
        format!(
            "this translation of {} does not record {}",
            t.source.display(),
            missing
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        ),
    )
    .with_help(format!(
        "add to its front matter who translated it and the hash of the source it was made from, for example:\n  translator: Name of the translator\n  translation_reviewer: Name of who checked it\n  source_hash: {current}\n({current} is the hash of {} as it is now: record it only if the translation matches this version)",
        t.source.display()
    ))
}

fn stale(t: &Translation, recorded: &str, current: &str, change: &Change) -> Diagnostic {
    let when = match change.date {
        Some((date, how)) => format!(", which changed on {date} ({how})"),
        None => String::new(),
    };
    let what = match &change.sections {
        Some(s) if s.is_empty() => "only its front matter changed".to_string(),
        Some(s) => format!(
            "changed since: {}",
            s.iter()
                .map(|c| match c.heading.as_str() {
                    "" => format!("the introduction ({})", c.how),
                    h => format!("\"{h}\" ({})", c.how),
                })
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None => format!(
            "the version with hash {} is not in git history, so compare the files by hand",
            recorded.trim()
        ),
    };
    Diagnostic::warning(
        "translations/stale",
        Span::at(&t.path, line_of(&t.text, "source_hash"), 1),
        format!(
            "this translation was made from an older version of {}{when}",
            t.source.display()
        ),
    )
    .with_help(format!(
        "{what}; update the translation, then set `source_hash: {current}`"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_known_to_check_disable() {
        for rule in RULES {
            assert!(crate::config::rules::RULES.contains(rule), "{rule}");
        }
    }
}
