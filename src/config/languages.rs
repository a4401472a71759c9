//! The languages a site is published in: `language:` (the default, at the site root) and
//! `languages:` (the others, each under `/CODE/`), checked into [`Language`] values.

use super::is_language_tag;
use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use crate::yaml;
use serde::Deserialize;
use std::path::Path;

/// Language codes (their first subtag) written right to left. A site can say `dir:` for any
/// other.
const RIGHT_TO_LEFT: &[&str] = &[
    "ar", "arc", "ckb", "dv", "fa", "ha-arab", "he", "iw", "ks", "ku-arab", "pa-arab", "ps", "sd",
    "syr", "ug", "ur", "yi",
];

/// One entry of `languages:` as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(super) struct RawLanguage {
    code: String,
    name: Option<String>,
    dir: Option<String>,
    disclaimer: Option<String>,
    emergency: Option<String>,
    emergency_number: Option<String>,
}

/// A language the site is published in, with the texts site.yaml gives for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// BCP 47 code, as written (`es`, `pt-BR`).
    pub code: String,
    /// The language's name in its own script (`Español`, `العربية`).
    pub name: String,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// Where its pages live under the base path: "" for the default language, `CODE/` else.
    pub prefix: String,
    /// The disclaimer in this language, if site.yaml gives one.
    pub disclaimer: Option<String>,
    /// The emergency notice in this language, if site.yaml gives one.
    pub emergency: Option<String>,
    /// The emergency number, if it differs from the site's.
    pub emergency_number: Option<String>,
}

impl Language {
    /// The default language: `code` at the site root.
    pub fn default_for(code: &str) -> Language {
        Language {
            code: code.to_string(),
            name: code.to_string(),
            dir: direction_of(code),
            prefix: String::new(),
            disclaimer: None,
            emergency: None,
            emergency_number: None,
        }
    }

    /// Whether this is the site's default language (published at the root).
    pub fn is_default(&self) -> bool {
        self.prefix.is_empty()
    }
}

/// The direction of a language from its code: `rtl` for the known right-to-left languages.
pub fn direction_of(code: &str) -> &'static str {
    let lower = code.to_ascii_lowercase();
    let first = lower.split('-').next().unwrap_or("");
    let rtl = RIGHT_TO_LEFT
        .iter()
        .any(|r| *r == first || lower.starts_with(&format!("{r}-")) || lower == *r);
    // A script subtag says more than the language: `az-Arab` is right to left, `ku-Latn` not.
    let script_rtl = lower
        .split('-')
        .any(|s| matches!(s, "arab" | "hebr" | "thaa" | "syrc"));
    let script_ltr = lower.split('-').skip(1).any(|s| s == "latn" || s == "cyrl");
    if script_ltr {
        "ltr"
    } else if rtl || script_rtl {
        "rtl"
    } else {
        "ltr"
    }
}

/// Checks `languages:` against the default language `default`; `text` is site.yaml's text,
/// for the line of each problem.
pub(super) fn check(
    raw: &[RawLanguage],
    default: &str,
    text: &str,
    path: &Path,
) -> (Vec<Language>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut out = Vec::new();
    let span_of = |key: &str, value: &str| match yaml::find_value(text, key, value) {
        Some((l, c)) => Span::at(path, l, c),
        None => match yaml::find_key(text, &["languages"]) {
            Some((l, c)) => Span::at(path, l, c),
            None => Span::file(path),
        },
    };
    for l in raw {
        let code = l.code.trim();
        let at = span_of("code", code);
        if code.is_empty() {
            diags.push(
                Diagnostic::error("config/languages", at, "a language has no `code`")
                    .with_help("write its code, e.g. `- code: es` with `name: Español`"),
            );
            continue;
        }
        if !is_language_tag(code) {
            diags.push(
                Diagnostic::error(
                    "config/languages",
                    at,
                    format!("`{code}` is not a language code"),
                )
                .with_help("use a BCP 47 code such as `es`, `ar`, `pt-BR` or `zh-Hant`"),
            );
            continue;
        }
        if let Some(problem) = listed_twice(code, default, &out, &at) {
            diags.push(problem);
            continue;
        }
        let dir = direction(l.dir.as_deref(), code, &span_of, &mut diags);
        let name = match l.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            Some(n) => n.to_string(),
            None => {
                diags.push(
                    Diagnostic::error(
                        "config/languages",
                        at,
                        format!("the language `{code}` has no `name`"),
                    )
                    .with_help("write its name as its readers write it, e.g. `name: Español` or `name: العربية`"),
                );
                continue;
            }
        };
        let text_of = |t: &Option<String>| {
            t.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(String::from)
        };
        out.push(Language {
            code: code.to_string(),
            name,
            dir,
            prefix: format!("{code}/"),
            disclaimer: text_of(&l.disclaimer),
            emergency: text_of(&l.emergency),
            emergency_number: text_of(&l.emergency_number),
        });
    }
    (out, diags)
}

/// The error for a code that is the default language or already listed.
fn listed_twice(code: &str, default: &str, listed: &[Language], at: &Span) -> Option<Diagnostic> {
    let taken = code.eq_ignore_ascii_case(default)
        || listed.iter().any(|o| o.code.eq_ignore_ascii_case(code));
    taken.then(|| {
        Diagnostic::error(
            "config/languages",
            at.clone(),
            format!("the language `{code}` is listed twice"),
        )
        .with_help(
            "`language:` is the default language; list each other language once under `languages:`",
        )
    })
}

/// The direction `dir:` gives, or the one a language's code implies when it is left out; an
/// unknown value is reported and read as left to right.
fn direction(
    dir: Option<&str>,
    code: &str,
    span_of: &dyn Fn(&str, &str) -> Span,
    diags: &mut Diagnostics,
) -> &'static str {
    match dir.map(str::trim) {
        None | Some("") => direction_of(code),
        Some("ltr") => "ltr",
        Some("rtl") => "rtl",
        Some(other) => {
            diags.push(
                Diagnostic::error(
                    "config/languages",
                    span_of("dir", other),
                    format!("`dir: {other}` is not a direction"),
                )
                .with_help("write `dir: rtl` for a language written right to left, or `dir: ltr`"),
            );
            "ltr"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_str(yaml_text: &str) -> (Vec<Language>, Diagnostics) {
        let raw: Vec<RawLanguage> = serde_yaml::from_str(yaml_text).expect("yaml");
        check(&raw, "en", yaml_text, Path::new("site.yaml"))
    }

    #[test]
    fn directions_come_from_the_code() {
        assert_eq!(direction_of("ar"), "rtl");
        assert_eq!(direction_of("he-IL"), "rtl");
        assert_eq!(direction_of("es"), "ltr");
        assert_eq!(direction_of("az-Arab"), "rtl");
        assert_eq!(direction_of("ku-Latn"), "ltr");
    }

    #[test]
    fn languages_get_a_prefix_and_direction() {
        let (langs, diags) =
            check_str("- code: es\n  name: Español\n- code: ar\n  name: العربية\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(langs[0].prefix, "es/");
        assert_eq!(langs[1].dir, "rtl");
    }

    #[test]
    fn problems_name_the_line() {
        let (_, diags) =
            check_str("- code: es\n  name: Español\n- code: en\n  name: English\n- code: bad code\n  name: x\n- code: fr\n  dir: up\n  name: Français\n");
        let msgs: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(
            msgs[0].starts_with("site.yaml:3:3: error: the language `en` is listed twice"),
            "{msgs:?}"
        );
        assert!(msgs[1].starts_with("site.yaml:5:3:"), "{msgs:?}");
        assert!(
            msgs[2].starts_with("site.yaml:8:3: error: `dir: up`"),
            "{msgs:?}"
        );
    }
}
