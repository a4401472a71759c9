//! Scores the topic classifier on the labelled corpus in `tests/fixtures/topics/corpus/`.
//!
//! Shared by the corpus test (`tests/it/topic_corpus/mod.rs`) and the example that prints the
//! figures (`cargo run --example topic_accuracy`). Each entry becomes a one-section Markdown
//! document, `## heading` and its text, rendered by the real Markdown stage with the built-in
//! rules, so the figures are what a site would get.

#![allow(dead_code)]

use handout::markdown::{self, KeepLinks, RenderOptions, SectionKind, TopicRules};
use serde::Deserialize;
use std::path::Path;

/// One labelled section.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Entry {
    /// The expected kind's key: `benefits`, `what-to-expect`, `precautions`, `faq` or `plain`.
    pub(crate) topic: String,
    /// The `##` heading.
    pub(crate) heading: String,
    /// The first paragraph (or `###` questions with answers, for a FAQ).
    pub(crate) text: String,
}

/// A section the classifier got wrong.
#[derive(Debug)]
pub(crate) struct Mistake {
    pub(crate) heading: String,
    pub(crate) expected: String,
    pub(crate) got: String,
    pub(crate) cue: String,
    pub(crate) scores: String,
}

/// The figures for one half.
#[derive(Debug)]
pub(crate) struct Score {
    pub(crate) name: String,
    pub(crate) total: usize,
    pub(crate) right: usize,
    pub(crate) plain: usize,
    /// Plain sections that were put on a topic page.
    pub(crate) plain_on_topic: usize,
    pub(crate) mistakes: Vec<Mistake>,
}

impl Score {
    pub(crate) fn accuracy(&self) -> f64 {
        self.right as f64 / self.total.max(1) as f64
    }

    pub(crate) fn plain_on_topic_rate(&self) -> f64 {
        self.plain_on_topic as f64 / self.plain.max(1) as f64
    }
}

/// The corpus folder.
pub(crate) fn corpus_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/topics/corpus")
}

/// Reads one half (`tune` or `measure`).
pub(crate) fn load(name: &str) -> Vec<Entry> {
    let path = corpus_dir().join(format!("{name}.yaml"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The tuning files, `tune*.yaml` in the corpus folder, by name: the model is trained on
/// these, and only these. Found rather than listed, so a measured half moved to tuning (or a
/// new training file) is read without a code change.
pub(crate) fn tuning() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(corpus_dir())
        .expect("readable corpus folder")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            let stem = name.strip_suffix(".yaml")?;
            stem.starts_with("tune").then(|| stem.to_string())
        })
        .collect();
    // tune, tune-2, …, tune-10: by number, so the folds keep their order as files are added.
    names.sort_by_key(|n| {
        let number = n.strip_prefix("tune-").and_then(|d| d.parse::<u32>().ok());
        (number.unwrap_or(1), n.clone())
    });
    names
}

/// Trains a language's model on the tuning files: the model file (JSON) and the
/// cross-validation report.
pub(crate) fn train(language: &str) -> (String, String) {
    let mut sections = Vec::new();
    for (i, name) in tuning().iter().enumerate() {
        for e in load(name) {
            let kind = SectionKind::from_key(&e.topic)
                .unwrap_or_else(|| panic!("{name}: unknown topic {:?}", e.topic));
            sections.push((i, kind, e.heading, e.text));
        }
    }
    TopicRules::for_language(language)
        .cues()
        .train_model(&sections)
}

/// The key a classified section is scored as: an overview is plain content.
fn scored_key(kind: SectionKind) -> &'static str {
    match kind {
        SectionKind::Overview => SectionKind::Plain.key(),
        k => k.key(),
    }
}

/// Classifies every entry of one half.
pub(crate) fn score(name: &str) -> Score {
    score_entries(name, load(name))
}

/// Classifies the entries of one half whose heading no tuning file has (compared without case
/// and punctuation), as `NAME-new`: clinics reuse headings such as "Side effects", and a
/// heading the model was trained on says less about new wording than one it has never seen.
pub(crate) fn score_new_headings(name: &str) -> Score {
    let key = |h: &str| -> String {
        h.chars()
            .filter(|c| c.is_alphanumeric() || c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let seen: std::collections::HashSet<String> = tuning()
        .iter()
        .flat_map(|t| load(t))
        .map(|e| key(&e.heading))
        .collect();
    let entries = load(name)
        .into_iter()
        .filter(|e| !seen.contains(&key(&e.heading)))
        .collect();
    score_entries(&format!("{name}-new"), entries)
}

/// Classifies the given entries of a half.
fn score_entries(name: &str, entries: Vec<Entry>) -> Score {
    let rules = TopicRules::defaults();
    let mut s = Score {
        name: name.to_string(),
        total: entries.len(),
        right: 0,
        plain: 0,
        plain_on_topic: 0,
        mistakes: Vec::new(),
    };
    for e in entries {
        assert!(
            SectionKind::from_key(&e.topic).is_some(),
            "{name}: unknown topic {:?} for {:?}",
            e.topic,
            e.heading
        );
        let source = format!("## {}\n\n{}\n", e.heading, e.text);
        let opts = RenderOptions {
            first_line: 1,
            rules: &rules,
            links: &KeepLinks,
            faq_id_prefix: "",
            all_sections_faq: false,
            reserved_ids: &[],
            callouts: &markdown::CalloutWording::default(),
            glossary: &markdown::GlossaryTerms::default(),
        };
        let out = markdown::render(&source, &opts);
        let section = out
            .sections
            .first()
            .unwrap_or_else(|| panic!("{name}: no section for {:?}", e.heading));
        let got = scored_key(section.kind);
        if e.topic == "plain" {
            s.plain += 1;
            if section.kind.is_topic() {
                s.plain_on_topic += 1;
            }
        }
        if got == e.topic {
            s.right += 1;
        } else {
            s.mistakes.push(Mistake {
                heading: e.heading,
                expected: e.topic,
                got: got.to_string(),
                cue: section.classification.cue.clone(),
                scores: section
                    .classification
                    .scores
                    .iter()
                    .map(|(k, v)| format!("{} {v}", k.key()))
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
    }
    s
}

/// The figures as a table, then each mistake.
pub(crate) fn report(scores: &[Score]) -> String {
    let mut out = format!(
        "{:<12} {:>8} {:>6} {:>9} {:>6} {:>14}\n",
        "half", "sections", "right", "accuracy", "plain", "plain on topic"
    );
    for s in scores {
        out.push_str(&format!(
            "{:<12} {:>8} {:>6} {:>8.1}% {:>6} {:>5} ({:.1}%)\n",
            s.name,
            s.total,
            s.right,
            s.accuracy() * 100.0,
            s.plain,
            s.plain_on_topic,
            s.plain_on_topic_rate() * 100.0
        ));
    }
    for s in scores {
        out.push_str(&format!("\nMistakes on the {} half:\n", s.name));
        if s.mistakes.is_empty() {
            out.push_str("  none\n");
        }
        for m in &s.mistakes {
            out.push_str(&format!(
                "  {:?}: expected {}, got {} ({})\n      scores: {}\n",
                m.heading, m.expected, m.got, m.cue, m.scores
            ));
        }
    }
    out
}
