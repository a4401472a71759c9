//! Cue lists: the words and phrases that point a section to a topic, per language.
//!
//! The lists are data, kept in `src/markdown/cues/LANG.yaml` (one file per language code) and
//! embedded in the binary. This module parses a file into a [`CueSet`]: each phrase compiled
//! to stems with the file's Snowball stemmer, heading cues with their strength, and body cues
//! indexed by first stem so scanning a long section stays cheap.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use serde::Deserialize;

use super::classes::WordClasses;
use super::model::Model;
use super::words::{stems, Phrase};
use crate::markdown::SectionKind;

/// The cue files and model files, by language code. The first is the fallback for languages
/// without one. A language may have cues and no model yet: its sections are scored by the cues
/// alone.
const FILES: &[(&str, &str, Option<&str>)] = &[
    (
        "en",
        include_str!("../cues/en.yaml"),
        Some(include_str!("../cues/en.model.json")),
    ),
    ("es", include_str!("../cues/es.yaml"), None),
];

/// The most words a `*` in a cue stands for.
const CUE_GAP: usize = 4;

/// A cue file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCues {
    language: String,
    stemmer: Algorithm,
    question_words: Vec<String>,
    // Ordered, so that which of two kinds keeps a phrase both list is the same on every run.
    heading: BTreeMap<String, RawStrengths>,
    body: BTreeMap<String, RawStrengths>,
    /// Word classes for the learned model (see [`WordClasses`]); a language without a model
    /// needs none.
    #[serde(default)]
    classes: BTreeMap<String, Vec<String>>,
}

/// The heading or body cues of one kind.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStrengths {
    #[serde(default)]
    strong: Vec<String>,
    #[serde(default)]
    weak: Vec<String>,
}

/// How much a heading cue counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strength {
    /// Decides a topic on its own.
    Strong,
    /// Needs support from the body or another cue.
    Weak,
}

/// One compiled cue.
#[derive(Debug, Clone)]
pub(crate) struct Cue {
    /// The kind it points to (a topic, `Faq` or `Plain`).
    pub(crate) kind: SectionKind,
    /// How much it counts.
    pub(crate) strength: Strength,
    /// The phrase.
    pub(crate) phrase: Phrase,
}

/// The compiled cues of one language.
pub struct CueSet {
    /// The language code, e.g. `en`.
    pub language: String,
    pub(crate) stemmer: Stemmer,
    pub(crate) question_words: HashSet<String>,
    pub(crate) heading: Vec<Cue>,
    pub(crate) body: Vec<Cue>,
    /// Heading phrases that mark a plain section as an overview.
    pub(crate) overview: Vec<Phrase>,
    /// Indexes into `heading` by the phrase's first stem.
    pub(crate) heading_index: HashMap<String, Vec<usize>>,
    /// Indexes into `body` by the phrase's first stem.
    pub(crate) body_index: HashMap<String, Vec<usize>>,
    /// Word classes, read by the learned model.
    pub(crate) classes: WordClasses,
    /// The learned model, if the language has one.
    pub(crate) model: Option<Model>,
}

impl std::fmt::Debug for CueSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CueSet")
            .field("language", &self.language)
            .field("heading", &self.heading.len())
            .field("body", &self.body.len())
            .finish_non_exhaustive()
    }
}

impl CueSet {
    /// The cues for a language code such as `en` or `en-GB` (the part before `-` picks the
    /// file); English for a language without a file.
    pub fn for_language(code: &str) -> &'static CueSet {
        static SETS: OnceLock<Vec<CueSet>> = OnceLock::new();
        let sets = SETS.get_or_init(|| {
            FILES
                .iter()
                .filter_map(|(_, text, model)| {
                    let mut set = CueSet::parse(text).ok()?;
                    set.model = model.and_then(|m| Model::parse(m).ok());
                    Some(set)
                })
                .collect()
        });
        let primary = code.split(['-', '_']).next().unwrap_or("").to_lowercase();
        sets.iter()
            .find(|s| s.language == primary)
            .or_else(|| sets.first())
            .unwrap_or_else(|| empty_set())
    }

    /// Parses and compiles one cue file; the error names what is wrong.
    pub(crate) fn parse(text: &str) -> Result<CueSet, String> {
        let raw: RawCues = serde_yaml::from_str(text).map_err(|e| e.to_string())?;
        let stemmer = Stemmer::create(raw.stemmer);
        let mut heading = Vec::new();
        let mut overview = Vec::new();
        for (key, lists) in &raw.heading {
            let kind = kind_of(key)?;
            if kind == SectionKind::Overview {
                // Overview cues only name plain sections that introduce the subject; they are
                // kept apart so they take no words from the cues that score.
                for text in lists.strong.iter().chain(&lists.weak) {
                    overview.push(compile(kind, Strength::Strong, text, &stemmer)?.phrase);
                }
                continue;
            }
            for (strength, list) in [
                (Strength::Strong, &lists.strong),
                (Strength::Weak, &lists.weak),
            ] {
                for text in list {
                    heading.push(compile(kind, strength, text, &stemmer)?);
                }
            }
        }
        let mut body = Vec::new();
        for (key, lists) in &raw.body {
            let kind = kind_of(key)?;
            for (strength, list) in [
                (Strength::Strong, &lists.strong),
                (Strength::Weak, &lists.weak),
            ] {
                for text in list {
                    body.push(compile(kind, strength, text, &stemmer)?);
                }
            }
        }
        // Two spellings of one stem ("week", "weeks") are one cue, so it counts once.
        dedup(&mut heading);
        dedup(&mut body);
        // Sorted so that when two cues tie, the one reported is the same on every run.
        heading.sort_by(|a, b| a.phrase.text.cmp(&b.phrase.text));
        body.sort_by(|a, b| a.phrase.text.cmp(&b.phrase.text));
        let heading_index = index(&heading);
        let body_index = index(&body);
        let question_words = raw
            .question_words
            .iter()
            .flat_map(|w| stems(w, &stemmer))
            .collect();
        let classes = WordClasses::compile(&raw.classes, &stemmer)?;
        Ok(CueSet {
            language: raw.language,
            stemmer,
            question_words,
            heading,
            body,
            overview,
            heading_index,
            body_index,
            classes,
            model: None,
        })
    }
}

/// Cue indexes by the phrase's first stem, so a scan looks only at cues that can start at a
/// word.
fn index(cues: &[Cue]) -> HashMap<String, Vec<usize>> {
    let mut index: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, cue) in cues.iter().enumerate() {
        index
            .entry(cue.phrase.first().to_string())
            .or_default()
            .push(i);
    }
    index
}

/// Drops cues whose kind and stems repeat an earlier cue's, keeping the first spelling.
fn dedup(cues: &mut Vec<Cue>) {
    let mut seen = HashSet::new();
    cues.retain(|c| seen.insert((c.kind, c.phrase.key())));
}

fn kind_of(key: &str) -> Result<SectionKind, String> {
    SectionKind::from_key(key).ok_or_else(|| format!("`{key}` is not a section kind"))
}

fn compile(
    kind: SectionKind,
    strength: Strength,
    text: &str,
    stemmer: &Stemmer,
) -> Result<Cue, String> {
    let phrase =
        Phrase::compile(text, stemmer, CUE_GAP).map_err(|e| format!("cue {text:?}: {e}"))?;
    Ok(Cue {
        kind,
        strength,
        phrase,
    })
}

/// A set with no cues: every section stays plain. Only used if no cue file could be read,
/// which the tests rule out.
fn empty_set() -> &'static CueSet {
    static EMPTY: OnceLock<CueSet> = OnceLock::new();
    EMPTY.get_or_init(|| CueSet {
        language: String::new(),
        stemmer: Stemmer::create(Algorithm::English),
        question_words: HashSet::new(),
        heading: Vec::new(),
        body: Vec::new(),
        overview: Vec::new(),
        heading_index: HashMap::new(),
        body_index: HashMap::new(),
        classes: WordClasses::default(),
        model: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cue_file_parses() {
        for (code, text, model) in FILES {
            let set = CueSet::parse(text).unwrap_or_else(|e| panic!("cues/{code}.yaml: {e}"));
            assert_eq!(&set.language, code);
            assert!(!set.heading.is_empty() && !set.body.is_empty());
            if let Some(model) = model {
                let m =
                    Model::parse(model).unwrap_or_else(|e| panic!("cues/{code}.model.json: {e}"));
                assert_eq!(&m.language, code);
                assert!(CueSet::for_language(code).model.is_some());
            }
        }
    }

    #[test]
    fn languages_fall_back_to_english() {
        assert_eq!(CueSet::for_language("en-GB").language, "en");
        assert_eq!(CueSet::for_language("EN").language, "en");
        assert_eq!(CueSet::for_language("xx").language, "en");
        assert_eq!(CueSet::for_language("es-MX").language, "es");
    }

    #[test]
    fn spanish_sections_are_classified_by_spanish_cues() {
        let rules = crate::markdown::TopicRules::for_language("es");
        let cases = [
            (
                "Riesgos",
                "No use calor en una lesión reciente.",
                SectionKind::Precautions,
            ),
            (
                "Cómo le ayuda",
                "Puede aliviar el dolor y mejorar el sueño.",
                SectionKind::Benefits,
            ),
            (
                "Qué esperar",
                "Le pediremos que se tumbe. La sesión dura unos 30 minutos.",
                SectionKind::WhatToExpect,
            ),
            (
                "Cómo llegar",
                "Estamos en la calle Mayor. Hay aparcamiento.",
                SectionKind::Plain,
            ),
        ];
        for (heading, body, kind) in cases {
            let c = rules.classify_text(heading, body);
            assert_eq!(c.kind, kind, "{heading}: {}", c.cue);
        }
    }
}
