//! The learned part of the classifier: a logistic-regression model over a section's words.
//!
//! Takes in a section's [`SectionFeatures`] with its stems; gives out a
//! [`Prediction`]: the probability of benefits, what to expect, precautions and plain, and
//! the features that pushed the winner most. The model is data, one file per language
//! (`src/markdown/cues/LANG.model.json`), written by `cargo run --example train_topics` from
//! the tuning half of the labelled corpus; it generalises from the words of the examples
//! where the cue lists only know the phrases someone wrote down.
//!
//! Features: the heading's stems and stem pairs (and its first one or two stems, where
//! question forms such as "how", "is it" and "will I" sit), the body's stems and stem pairs
//! and its first stem (an instruction such as "Wear" or "Avoid"), the word classes (see
//! [`WordClasses`]) met in the heading (alone and with its opening word) and in the body, the
//! section's shape (numbered steps, `###` headings, a question mark, a price, a web address, a
//! year, digits), and how many of the *body* cue lists' phrases of each kind the body holds (prohibitions and
//! escalation, outcome verbs, sequence and time words, clinic details). The *heading* cue
//! lists are not features: they were written while reading the tuning files, so on those files
//! they are right every time, and a model trained there learns to trust them far more than
//! they deserve on new wording (tried: 97% in cross-validation, 65% on a fresh file). The body
//! lists are general phrases that decide nothing alone, and carried over to the fresh file.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::classes::WordClasses;
use super::features::SectionFeatures;
use super::score::{Place, Tally, IN_HEADING, SCORED};
use crate::markdown::SectionKind;

/// The value of a body word or word pair, where a heading word counts 1: a body has many more
/// words, each saying less. With the decay of training, it also sets how far the body can
/// outvote a heading that names a subject rather than a topic ("Hot tubs and saunas" over
/// "Stay out of hot tubs in pregnancy"). In leave-one-file-out cross-validation on twelve
/// tuning files, 0.7 gave the whole classifier 20 more right answers of 2,032 than 0.5, with
/// one plain section fewer on a topic page; 0.35 and 1.2 did worse than either.
const BODY_WORD: f32 = 0.7;

/// The classes the model tells apart, in the order of each weight row.
pub(crate) const CLASSES: [SectionKind; 4] = SCORED;

/// A model file as written.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Model {
    /// The language code the model was trained for.
    pub(crate) language: String,
    /// The probability a topic needs to get a section (chosen by cross-validation).
    pub(crate) threshold: f32,
    /// A plain section whose best topic reaches this probability is reported as uncertain.
    pub(crate) uncertain: f32,
    /// One bias per class of [`CLASSES`].
    pub(crate) bias: [f32; 4],
    /// One weight per class of [`CLASSES`], by feature name.
    pub(crate) weights: HashMap<String, [f32; 4]>,
}

/// The model's answer for one section.
#[derive(Debug, Clone)]
pub(crate) struct Prediction {
    /// Probability per class of [`CLASSES`].
    pub(crate) probs: [f32; 4],
    /// Feature names and values, to explain the answer.
    features: Vec<(String, f32)>,
}

impl Prediction {
    /// The probability of one kind (0 for a kind the model does not score).
    pub(crate) fn prob(&self, kind: SectionKind) -> f32 {
        CLASSES
            .iter()
            .position(|&k| k == kind)
            .map_or(0.0, |i| self.probs[i])
    }

    /// The topic with the highest probability, and that probability; ties go to the earlier
    /// kind of [`CLASSES`] (precautions first).
    pub(crate) fn best_topic(&self) -> (SectionKind, f32) {
        let mut best = (SectionKind::Precautions, f32::MIN);
        for (k, p) in CLASSES.iter().zip(self.probs) {
            if k.is_topic() && p > best.1 {
                best = (*k, p);
            }
        }
        best
    }

    /// The features that pushed `kind` most above plain, strongest first, in words.
    pub(crate) fn reasons(&self, model: &Model, kind: SectionKind, most: usize) -> Vec<String> {
        let (Some(k), Some(p)) = (
            CLASSES.iter().position(|&c| c == kind),
            CLASSES.iter().position(|&c| c == SectionKind::Plain),
        ) else {
            return Vec::new();
        };
        let mut pushes: Vec<(f32, &str)> = self
            .features
            .iter()
            .filter_map(|(name, x)| {
                let w = model.weights.get(name)?;
                let push = x * if k == p { w[k] } else { w[k] - w[p] };
                (push > 0.0).then_some((push, name.as_str()))
            })
            .collect();
        pushes.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        let mut out: Vec<String> = Vec::new();
        for (_, name) in pushes {
            let d = describe(name);
            if !out.contains(&d) {
                out.push(d);
            }
            if out.len() == most {
                break;
            }
        }
        out
    }
}

impl Model {
    /// Parses a model file; the error says what is wrong.
    pub(crate) fn parse(text: &str) -> Result<Model, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// The model's answer for a section.
    /// The same prediction as `predict(featurize(..))`, reading only the features the model
    /// has weights for: no string is kept for the many that it has none for.
    pub(crate) fn predict_section(
        &self,
        f: &SectionFeatures,
        heading: &[String],
        body: &[String],
        tally: &Tally,
        classes: &WordClasses,
    ) -> Prediction {
        let mut logits = self.bias;
        let mut features: Vec<(String, f32)> = Vec::new();
        each_feature(f, heading, body, tally, classes, |name, x| {
            let Some((key, w)) = self.weights.get_key_value(name) else {
                return;
            };
            if features.iter().any(|(seen, _)| seen == key) {
                return;
            }
            for (l, w) in logits.iter_mut().zip(w) {
                *l += w * x;
            }
            features.push((key.clone(), x));
        });
        Prediction {
            probs: softmax(logits),
            features,
        }
    }

    pub(crate) fn predict(&self, features: Vec<(String, f32)>) -> Prediction {
        let mut logits = self.bias;
        for (name, x) in &features {
            if let Some(w) = self.weights.get(name) {
                for (l, w) in logits.iter_mut().zip(w) {
                    *l += w * x;
                }
            }
        }
        Prediction {
            probs: softmax(logits),
            features,
        }
    }
}

/// Probabilities from logits.
pub(crate) fn softmax(logits: [f32; 4]) -> [f32; 4] {
    let top = logits.iter().copied().fold(f32::MIN, f32::max);
    let exp = logits.map(|l| (l - top).exp());
    let sum: f32 = exp.iter().sum();
    exp.map(|e| e / sum)
}

/// The features of a section, by name, with their values. Each name occurs once.
pub(crate) fn featurize(
    f: &SectionFeatures,
    heading: &[String],
    body: &[String],
    tally: &Tally,
    classes: &WordClasses,
) -> Vec<(String, f32)> {
    let mut out: Vec<(String, f32)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    each_feature(f, heading, body, tally, classes, |name, x| {
        if seen.insert(name.to_string()) {
            out.push((name.to_string(), x));
        }
    });
    out
}

/// Every feature of a section by name, in a fixed order, for [`featurize`] and
/// [`Model::predict_section`]; a name may come more than once and only its first value counts.
fn each_feature(
    f: &SectionFeatures,
    heading: &[String],
    body: &[String],
    tally: &Tally,
    classes: &WordClasses,
    mut each: impl FnMut(&str, f32),
) {
    // One buffer for every name: a long body has hundreds of word pairs, and most of them
    // are not among the model's features.
    let mut name = String::new();
    let mut push = |args: std::fmt::Arguments, x: f32| {
        name.clear();
        let _ = name.write_fmt(args);
        each(&name, x);
    };
    if let Some(first) = heading.first() {
        push(format_args!("h0:{first}"), 1.0);
        if let Some(second) = heading.get(1) {
            push(format_args!("h01:{first} {second}"), 1.0);
        }
    }
    for (i, w) in heading.iter().enumerate() {
        push(format_args!("h:{w}"), 1.0);
        if let Some(next) = heading.get(i + 1) {
            push(format_args!("h:{w} {next}"), 1.0);
        }
    }
    if let Some(first) = body.first() {
        push(format_args!("b0:{first}"), 1.0);
    }
    for (i, w) in body.iter().enumerate() {
        push(format_args!("b:{w}"), BODY_WORD);
        if let Some(next) = body.get(i + 1) {
            push(format_args!("b:{w} {next}"), BODY_WORD);
        }
    }
    // Word classes, heading and body apart: a danger word in the heading says more than one
    // in passing in the body.
    // With the heading's opening word, as "How … ease" asks for benefits and "What … ease"
    // may not.
    let opening = heading.first().map_or("", String::as_str);
    for (class, _) in classes.count(heading) {
        push(format_args!("hc:{class}"), 1.0);
        push(format_args!("hc:{opening} {class}"), 1.0);
    }
    for (class, n) in classes.count(body) {
        push(format_args!("bc:{class}"), n.min(4) as f32 * 0.5);
    }
    if classes.numbered_time(heading) {
        push(format_args!("s:heading-time"), 1.0);
    }
    for (name, x) in shape(f, heading, body, tally) {
        push(format_args!("{name}"), x);
    }
}

/// Features of a section's shape and of the body cues it holds, which carry over to wording
/// the tuning files never used: a question for a heading, numbered steps, a length of time,
/// a phone number, a price, a year or a web address; and how many of the body cue lists'
/// phrases of each kind the body holds (prohibitions and escalation for precautions, outcome
/// verbs for benefits, sequence words for what to expect, clinic details for plain).
fn shape(
    f: &SectionFeatures,
    heading: &[String],
    body: &[String],
    tally: &Tally,
) -> Vec<(&'static str, f32)> {
    let mut out = Vec::new();
    let mut flag = |name: &'static str, on: bool| {
        if on {
            out.push((name, 1.0));
        }
    };
    let text = f.body.as_str();
    flag("s:steps", f.numbered_items >= 2);
    flag("s:subheadings", f.subheadings > 0);
    flag("s:no-heading", heading.is_empty());
    flag("s:no-body", body.is_empty());
    flag(
        "s:question",
        f.heading.trim_end().ends_with(['?', '\u{ff1f}']),
    );
    flag("s:price", text.contains(['£', '$', '€']));
    flag(
        "s:web",
        text.contains('@') || text.contains("www.") || text.contains("://"),
    );
    flag("s:year", body.iter().any(|w| is_year(w)));
    flag("s:digits", text.chars().any(|c| c.is_ascii_digit()));
    for (kind, _, evidence) in &tally.kinds {
        let body_cues = |strong: bool| {
            evidence
                .iter()
                .filter(|e| e.place == Place::Body && e.strong == strong)
                .filter(|e| !e.cue.ends_with(IN_HEADING))
                .count()
        };
        let names = cue_feature_names(*kind);
        let structure = evidence.iter().filter(|e| e.place == Place::Structure);
        let (strong, weak) = (body_cues(true), body_cues(false));
        if strong > 0 {
            out.push((names[0], strong.min(3) as f32 * 0.5));
        }
        if weak > 0 {
            out.push((names[1], weak.min(3) as f32 * 0.5));
        }
        if structure.count() > 0 {
            out.push((names[2], 1.0));
        }
    }
    out
}

/// The names of the body-cue features of a kind: strong cues, weak cues, structure.
fn cue_feature_names(kind: SectionKind) -> [&'static str; 3] {
    match kind {
        SectionKind::Benefits => ["c:benefits", "c:benefits-weak", "c:benefits-shape"],
        SectionKind::WhatToExpect => ["c:expect", "c:expect-weak", "c:expect-shape"],
        SectionKind::Precautions => ["c:precautions", "c:precautions-weak", "c:precautions-shape"],
        _ => ["c:plain", "c:plain-weak", "c:plain-shape"],
    }
}

/// Whether a word is a year from 1900 to 2099, as references and review dates give them.
fn is_year(w: &str) -> bool {
    w.len() == 4
        && (w.starts_with("19") || w.starts_with("20"))
        && w.chars().all(|c| c.is_ascii_digit())
}

/// A feature name in words, for the editor.
fn describe(name: &str) -> String {
    match name.split_once(':') {
        Some(("h" | "h0", w)) => format!("heading word \"{w}\""),
        Some(("b", w)) => format!("body word \"{w}\""),
        Some(("b0", w)) => format!("body opening \"{w}\""),
        Some(("h01", w)) => format!("heading opening \"{w}\""),
        Some(("c", kind)) => format!("body cues for {kind}"),
        Some(("hc", class)) => match class.split_once(' ') {
            Some((opening, class)) => format!("{class} word in a heading opening \"{opening}\""),
            None => format!("{class} word in the heading"),
        },
        Some(("bc", class)) => format!("{class} words in the body"),
        Some(("s", "steps")) => "numbered steps".into(),
        Some(("s", "subheadings")) => "### headings".into(),
        Some(("s", "heading-time")) => "a numbered time in the heading".into(),
        Some(("s", other)) => other.replace('-', " "),
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::classify::{cues::CueSet, features::gather, score::tally, words::stems};
    use pulldown_cmark::{Options, Parser};

    /// The build's fast path gives exactly what training's path gives, on every section of the
    /// example site's articles.
    #[test]
    fn predict_section_matches_predict_over_featurize() {
        let cues = CueSet::for_language("en");
        let model = cues.model.as_ref().expect("English has a model");
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        for entry in walkdir::WalkDir::new(root.join("content/articles")) {
            let path = entry.expect("readable example folder").into_path();
            if path.extension().is_some_and(|e| e == "md") {
                texts.push(std::fs::read_to_string(&path).expect("readable article"));
            }
        }
        let mut checked = 0;
        for text in &texts {
            let events: Vec<_> = Parser::new_ext(text, Options::ENABLE_HEADING_ATTRIBUTES)
                .into_offset_iter()
                .collect();
            for f in gather(&events) {
                let heading = stems(&f.heading, &cues.stemmer);
                let body = stems(&f.body, &cues.stemmer);
                let t = tally(&f, cues);
                let slow = model.predict(featurize(&f, &heading, &body, &t, &cues.classes));
                let fast = model.predict_section(&f, &heading, &body, &t, &cues.classes);
                assert_eq!(slow.probs, fast.probs, "{}", f.heading);
                for kind in CLASSES {
                    assert_eq!(
                        slow.reasons(model, kind, 5),
                        fast.reasons(model, kind, 5),
                        "{}",
                        f.heading
                    );
                }
                checked += 1;
            }
        }
        assert!(checked >= 20, "only {checked} sections read");
    }
}
