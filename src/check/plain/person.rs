//! `plain/third-person`: advice written about "the patient" or "patients" rather than to the
//! reader ("the patient should rest" → "you should rest"). PEMAT asks that actions address the
//! reader directly.

use super::{Lang, Sentence};
use crate::diagnostic::Diagnostic;
use crate::site::Article;
use regex::Regex;
use std::sync::OnceLock;

/// The rule id.
pub const RULE: &str = "plain/third-person";

fn pattern(lang: Lang) -> &'static Regex {
    static EN: OnceLock<Regex> = OnceLock::new();
    static ES: OnceLock<Regex> = OnceLock::new();
    match lang {
        Lang::Es => ES.get_or_init(|| {
            Regex::new(super::spanish::THIRD_PERSON)
                .unwrap_or_else(|_| unreachable!("fixed pattern"))
        }),
        Lang::En => EN.get_or_init(|| {
            Regex::new(
                r"(?i)\b(?:(?:the|a|each|every|all|most|many|some|our|any)\s+)?(?:patient|client|service\s+user|individual)s?\s+(?:should|must|shall|will\s+need\s+to|needs?\s+to|ought\s+to|ha(?:s|ve)\s+to|(?:is|are)\s+(?:advised|asked|encouraged|expected|required|instructed)\s+to|(?:may|can|will)\s+(?:want|wish)\s+to)\b",
            )
            .unwrap_or_else(|_| unreachable!("fixed pattern"))
        }),
    }
}

/// `plain/third-person`: each place the reader is talked about instead of to.
pub fn check(article: &Article, sentences: &[Sentence], lang: Lang) -> Vec<Diagnostic> {
    let re = pattern(lang);
    let mut out = Vec::new();
    for s in sentences {
        for m in re.find_iter(s.text) {
            let found = m.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
            let help = match lang {
                Lang::En => format!(
                    "address the reader as \"you\": \"you {}\"; write about other people only when the advice is for them (a carer, a parent)",
                    verb_part(&found)
                ),
                Lang::Es => "address the reader directly, with \"usted\" or an instruction (\"usted debe descansar\", \"descanse\"); write about other people only when the advice is for them".to_string(),
            };
            out.push(
                Diagnostic::warning(
                    RULE,
                    s.span(article, m.start(), m.as_str()),
                    format!("\"{found}\" talks about the reader instead of to them"),
                )
                .with_help(help),
            );
        }
    }
    out
}

/// The words after the noun: "must" in "patients must", "are advised to" → "are advised to".
fn verb_part(found: &str) -> String {
    let lower = found.to_lowercase();
    let nouns = [
        "patients",
        "patient",
        "clients",
        "client",
        "service users",
        "service user",
        "individuals",
        "individual",
    ];
    let after = nouns
        .iter()
        .find_map(|n| lower.find(n).map(|i| &found[i + n.len()..]))
        .unwrap_or("")
        .trim();
    after
        .replace("needs to", "need to")
        .replace("has to", "have to")
        .replace("is ", "are ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_talk_about_the_reader() {
        let re = pattern(Lang::En);
        for s in [
            "The patient should rest for a day.",
            "Patients must bring their card.",
            "Each patient needs to sign the form.",
            "Patients are advised to fast.",
        ] {
            assert!(re.is_match(s), "{s}");
        }
        for s in [
            "You should rest for a day.",
            "Our patients say the room is warm.",
        ] {
            assert!(!re.is_match(s), "{s}");
        }
        assert_eq!(verb_part("Each patient needs to"), "need to");
    }
}
