//! The learned part of the classifier: a logistic-regression model over a section's words.
//!
//! Takes in a section's [`SectionFeatures`] with its stems; gives out a
//! [`Prediction`]: the probability of benefits, what to expect, precautions and plain, and
//! the features that pushed the winner most. The model is data, one file per language
//! (`src/markdown/cues/LANG.model.json`), written by `cargo run --example train_topics` from
//! the tuning half of the labelled corpus; it generalises from the words of the examples
//! where the cue lists only know the phrases someone wrote down.
//!
//! Features: the heading's stems and stem pairs (and its first stem, where question forms
//! such as "how", "is" and "will" sit), the body's stems and stem pairs, the section's shape
//! (numbered steps, `###` headings, no heading or no body). The cue lists' scores are not
//! features: the lists were written while reading the tuning files, so on those files they
//! are right every time, and a model trained there would learn to trust them far more than
//! they deserve on new wording. They still name FAQ and overview headings the model leaves
//! plain.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::features::SectionFeatures;
use super::score::SCORED;
use crate::markdown::SectionKind;

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
) -> Vec<(String, f32)> {
    let mut out: Vec<(String, f32)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut push = |name: String, x: f32| {
        if seen.insert(name.clone()) {
            out.push((name, x));
        }
    };
    if let Some(first) = heading.first() {
        push(format!("h0:{first}"), 1.0);
    }
    for (i, w) in heading.iter().enumerate() {
        push(format!("h:{w}"), 1.0);
        if let Some(next) = heading.get(i + 1) {
            push(format!("h:{w} {next}"), 1.0);
        }
    }
    for (i, w) in body.iter().enumerate() {
        push(format!("b:{w}"), 0.5);
        if let Some(next) = body.get(i + 1) {
            push(format!("b:{w} {next}"), 0.5);
        }
    }
    if f.numbered_items >= 2 {
        push("s:steps".into(), 1.0);
    }
    if f.subheadings > 0 {
        push("s:subheadings".into(), 1.0);
    }
    if heading.is_empty() {
        push("s:no-heading".into(), 1.0);
    }
    if body.is_empty() {
        push("s:no-body".into(), 1.0);
    }
    out
}

/// A feature name in words, for the editor.
fn describe(name: &str) -> String {
    match name.split_once(':') {
        Some(("h" | "h0", w)) => format!("heading word \"{w}\""),
        Some(("b", w)) => format!("body word \"{w}\""),
        Some(("s", "steps")) => "numbered steps".into(),
        Some(("s", "subheadings")) => "### headings".into(),
        Some(("s", other)) => other.replace('-', " "),
        _ => name.to_string(),
    }
}
