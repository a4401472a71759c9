//! Training the learned part of the classifier (see [`model`](super::model)) from labelled
//! sections, and choosing its threshold by cross-validation.
//!
//! Takes in labelled sections (heading, text, kind and the file each came from); gives out
//! the model file as JSON and a report of the cross-validation figures. Training is plain
//! stochastic gradient descent on the log loss with L2 decay, in a fixed order, so the same
//! corpus gives the same file on every run. The threshold is chosen by leave-one-file-out
//! cross-validation: each tuning file was written as a fresh set, so a held-out file is the
//! nearest thing to articles the model has not seen.

use std::collections::{BTreeMap, HashMap};

use pulldown_cmark::{Options, Parser};

use super::cues::CueSet;
use super::features::{gather, SectionFeatures};
use super::model::{featurize, softmax, Model, CLASSES};
use super::words::stems;
use crate::markdown::{SectionKind, TopicRules};

/// Passes over the training sections.
const EPOCHS: usize = 30;
/// The first step size; it shrinks as 1 / (1 + epoch / 4).
const STEP: f32 = 0.2;
/// L2 decay per step: keeps rare words from carrying a section alone. In leave-one-file-out
/// cross-validation on the thirteen tuning files (with body words at 0.7, see the model), 0.03
/// gave the whole classifier 7 more right answers of 2,316 than 0.05, with the same number of
/// plain sections on topic pages; 0.03 to 0.04 are within a few answers of each other.
const DECAY: f32 = 0.03;
/// Feature seen in fewer training sections than this are left out: a word met once says
/// more about that one section than about its kind.
const MIN_COUNT: usize = 2;
/// Thresholds tried, in hundredths.
const THRESHOLDS: std::ops::RangeInclusive<u32> = 30..=90;
/// The most plain sections put on a topic page, as a share, a threshold may give in
/// cross-validation: issue 12's target. (Half of it cost nine points of accuracy for two
/// sections in 369 once the word classes were in.)
const PLAIN_ON_TOPIC: f64 = 0.02;
/// How far below the threshold a topic still makes a plain section uncertain.
const UNCERTAIN_BAND: f32 = 0.15;

/// One labelled section, read.
struct Example {
    group: usize,
    kind: SectionKind,
    features: SectionFeatures,
}

impl CueSet {
    /// Trains this language's model on labelled sections: `(file, kind, heading, text)`, where
    /// `file` numbers the file a section came from (the cross-validation folds). Returns the
    /// model file (JSON) and a report of the cross-validation figures.
    pub fn train_model(
        &self,
        sections: &[(usize, SectionKind, String, String)],
    ) -> (String, String) {
        let examples = read(sections);
        let rules = TopicRules::for_language(&self.language);
        let mut groups: Vec<usize> = examples.iter().map(|e| e.group).collect();
        groups.sort_unstable();
        groups.dedup();
        // For each threshold: right answers, plain sections on a topic page.
        let mut tally_by_threshold: BTreeMap<u32, (usize, usize)> = BTreeMap::new();
        let mut report = String::new();
        // For each threshold: the held-out sections it got wrong, to show after the figures.
        let mut wrong_by_threshold: BTreeMap<u32, Vec<String>> = BTreeMap::new();
        // Each fold's model, to judge the whole classifier at the chosen threshold.
        let mut folds: Vec<(usize, Model)> = Vec::new();
        for &g in &groups {
            let train: Vec<&Example> = examples.iter().filter(|e| e.group != g).collect();
            let mut model = fit(self, &train);
            let held: Vec<&Example> = examples.iter().filter(|e| e.group == g).collect();
            let answers = answers(self, &rules, &mut model, &held);
            folds.push((g, model));
            for t in THRESHOLDS {
                let (right, plain_on_topic, wrong) = evaluate(&answers, t as f32 / 100.0);
                let sum = tally_by_threshold.entry(t).or_default();
                sum.0 += right;
                sum.1 += plain_on_topic;
                wrong_by_threshold.entry(t).or_default().extend(wrong);
            }
        }
        let total = examples.len();
        let plain = examples
            .iter()
            .filter(|e| e.kind == SectionKind::Plain)
            .count();
        // The whole classifier (the model, then the heading cues where it leaves a section
        // plain) at each threshold: that is what a site gets, and what the targets are about.
        // The heading cues only ever add topic pages to the model's, so a threshold where the
        // model alone puts too many plain sections on them cannot be chosen: it is not run.
        let allowed = (plain as f64 * PLAIN_ON_TOPIC).floor() as usize;
        let whole: BTreeMap<u32, Whole> = tally_by_threshold
            .iter()
            .filter(|(_, (_, p))| *p <= allowed)
            .map(|(&t, _)| {
                (
                    t,
                    whole_classifier(&rules, &mut folds, &examples, t as f32 / 100.0),
                )
            })
            .collect();
        // The threshold with the most right answers within the plain limit; the higher of equals.
        let best = whole
            .iter()
            .filter(|(_, w)| w.plain_on_topic <= allowed)
            .max_by_key(|(t, w)| (w.right, **t))
            .map_or(50, |(t, _)| *t);
        let share = |n: usize| n as f64 * 100.0 / total.max(1) as f64;
        for (t, (right, p)) in &tally_by_threshold {
            if t % 5 == 0 || *t == best {
                let whole = whole.get(t).map_or_else(
                    || "not run, over the plain limit".to_string(),
                    |w| {
                        format!(
                            "{}/{total} ({:.1}%), {}/{plain}",
                            w.right,
                            share(w.right),
                            w.plain_on_topic
                        )
                    },
                );
                report.push_str(&format!(
                    "threshold {:.2}: the model alone {right}/{total} right ({:.1}%), {p}/{plain} \
                     plain on a topic page; the whole classifier {whole}{}\n",
                    *t as f32 / 100.0,
                    share(*right),
                    if *t == best { "  <- chosen" } else { "" }
                ));
            }
        }
        report.push_str(
            "Held-out sections the whole classifier got wrong at the chosen threshold (heading \
             cues decide where the model leaves a section plain; the cue lists were written from \
             these files):\n",
        );
        for line in whole.get(&best).into_iter().flat_map(|w| &w.wrong) {
            report.push_str(&format!("  {line}\n"));
        }
        report.push_str("Held-out sections wrong at the chosen threshold (the model alone):\n");
        for line in wrong_by_threshold.get(&best).into_iter().flatten() {
            report.push_str(&format!("  {line}\n"));
        }
        let all: Vec<&Example> = examples.iter().collect();
        let mut model = fit(self, &all);
        model.threshold = best as f32 / 100.0;
        model.uncertain = (model.threshold - UNCERTAIN_BAND).max(0.2);
        (to_json(&model), report)
    }
}

/// What the model answers for one held-out section, whatever the threshold.
struct Answer<'e> {
    example: &'e Example,
    /// The best topic and its probability, when the model decides the section.
    topic: Option<(SectionKind, f32)>,
    /// The kind when the topic does not reach the threshold (or when a rule before the model
    /// decides).
    otherwise: SectionKind,
}

/// The model's answers for `held`: the prediction once per section, so that every threshold
/// can be tried without classifying again.
fn answers<'e>(
    cues: &CueSet,
    rules: &TopicRules,
    model: &mut Model,
    held: &[&'e Example],
) -> Vec<Answer<'e>> {
    model.threshold = f32::INFINITY;
    held.iter()
        .map(|e| {
            let otherwise = super::classify_with(&e.features, rules, Some(model)).kind;
            let topic = section_features(cues, &e.features).and_then(|fs| {
                let t = super::score::tally(&e.features, cues);
                super::decide::candidate(&t, &model.predict(fs))
            });
            Answer {
                example: e,
                topic,
                otherwise,
            }
        })
        .collect()
}

/// Reads labelled sections as the classifier reads a document's.
fn read(sections: &[(usize, SectionKind, String, String)]) -> Vec<Example> {
    sections
        .iter()
        .filter_map(|(group, kind, heading, text)| {
            let src = format!("## {heading}\n\n{text}\n");
            let events: Vec<_> = Parser::new_ext(&src, Options::all())
                .into_offset_iter()
                .collect();
            let features = gather(&events).into_iter().next()?;
            Some(Example {
                group: *group,
                kind: *kind,
                features,
            })
        })
        .collect()
}

/// The whole classifier's figures at one threshold.
struct Whole {
    right: usize,
    plain_on_topic: usize,
    /// The sections it got wrong, in words.
    wrong: Vec<String>,
}

/// The figures of the whole classifier (the model, then the heading cues where it leaves a
/// section plain) at one threshold, each section judged by the model of the fold that held it
/// out.
fn whole_classifier(
    rules: &TopicRules,
    folds: &mut [(usize, Model)],
    examples: &[Example],
    threshold: f32,
) -> Whole {
    let (mut right, mut plain_on_topic, mut wrong) = (0, 0, Vec::new());
    for (g, model) in folds.iter_mut() {
        model.threshold = threshold;
        model.uncertain = (threshold - UNCERTAIN_BAND).max(0.2);
        for e in examples.iter().filter(|e| e.group == *g) {
            let got = match super::classify_by(&e.features, rules, Some(model)).kind {
                SectionKind::Overview => SectionKind::Plain,
                k => k,
            };
            tally(e, got, &mut right, &mut plain_on_topic, &mut wrong);
        }
    }
    Whole {
        right,
        plain_on_topic,
        wrong,
    }
}

/// Counts one answer: right, or a plain section put on a topic page, or a mistake to list.
fn tally(
    e: &Example,
    got: SectionKind,
    right: &mut usize,
    plain_on_topic: &mut usize,
    wrong: &mut Vec<String>,
) {
    *right += usize::from(got == e.kind);
    *plain_on_topic += usize::from(e.kind == SectionKind::Plain && got.is_topic());
    if got != e.kind {
        wrong.push(format!(
            "{:?}: expected {}, got {}",
            e.features.heading,
            e.kind.key(),
            got.key()
        ));
    }
}

/// Right answers and plain sections on a topic page at one threshold, and the sections it got
/// wrong (heading, expected, got).
fn evaluate(answers: &[Answer], threshold: f32) -> (usize, usize, Vec<String>) {
    let mut right = 0;
    let mut plain_on_topic = 0;
    let mut wrong = Vec::new();
    for a in answers {
        let got = match a.topic {
            Some((best, top)) if top >= threshold => best,
            _ => a.otherwise,
        };
        let got = if got == SectionKind::Overview {
            SectionKind::Plain
        } else {
            got
        };
        let e = a.example;
        tally(e, got, &mut right, &mut plain_on_topic, &mut wrong);
    }
    (right, plain_on_topic, wrong)
}

/// The features of an example, or `None` when a rule before the model decides it (a class,
/// `###` questions) or its kind is not one the model tells apart (a FAQ).
fn model_features(cues: &CueSet, e: &Example) -> Option<(usize, Vec<(String, f32)>)> {
    let class = CLASSES.iter().position(|&k| k == e.kind)?;
    Some((class, section_features(cues, &e.features)?))
}

/// The model's features of a section, or `None` when a rule before the model decides it.
fn section_features(cues: &CueSet, f: &SectionFeatures) -> Option<Vec<(String, f32)>> {
    if super::decided_before_scores(f, cues) {
        return None;
    }
    let heading = stems(&f.heading, &cues.stemmer);
    let body = stems(&f.body, &cues.stemmer);
    let tally = super::score::tally(f, cues);
    Some(featurize(f, &heading, &body, &tally, &cues.classes))
}

/// Fits a model to `examples`; the threshold is left at 0.5.
fn fit(cues: &CueSet, examples: &[&Example]) -> Model {
    let data: Vec<(usize, Vec<(String, f32)>)> = examples
        .iter()
        .filter_map(|e| model_features(cues, e))
        .collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (_, fs) in &data {
        for (name, _) in fs {
            *counts.entry(name.as_str()).or_default() += 1;
        }
    }
    let mut names: Vec<&str> = counts
        .iter()
        .filter(|(_, &n)| n >= MIN_COUNT)
        .map(|(&name, _)| name)
        .collect();
    names.sort_unstable();
    let index: HashMap<&str, usize> = names.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let rows: Vec<(usize, Vec<(usize, f32)>)> = data
        .iter()
        .map(|(c, fs)| {
            let xs = fs
                .iter()
                .filter_map(|(n, x)| index.get(n.as_str()).map(|&i| (i, *x)))
                .collect();
            (*c, xs)
        })
        .collect();
    let mut w = vec![[0f32; 4]; names.len()];
    let mut bias = [0f32; 4];
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let mut seed: u64 = 0x5eed;
    for epoch in 0..EPOCHS {
        shuffle(&mut order, &mut seed);
        let step = STEP / (1.0 + epoch as f32 / 4.0);
        for &r in &order {
            let (class, xs) = &rows[r];
            let mut logits = bias;
            for &(i, x) in xs {
                for (l, w) in logits.iter_mut().zip(w[i]) {
                    *l += w * x;
                }
            }
            let probs = softmax(logits);
            for (c, p) in probs.iter().enumerate() {
                let g = p - f32::from(u8::from(c == *class));
                bias[c] -= step * g;
                for &(i, x) in xs {
                    w[i][c] -= step * (g * x + DECAY * w[i][c]);
                }
            }
        }
    }
    let weights = names
        .iter()
        .zip(w)
        .map(|(n, ws)| (n.to_string(), ws.map(round)))
        .filter(|(_, ws)| ws.iter().any(|&x| x != 0.0))
        .collect();
    Model {
        language: cues.language.clone(),
        threshold: 0.5,
        uncertain: 0.3,
        bias: bias.map(round),
        weights,
    }
}

/// A Fisher–Yates shuffle driven by a fixed linear congruential generator, so training is the
/// same on every run.
fn shuffle(order: &mut [usize], seed: &mut u64) {
    for i in (1..order.len()).rev() {
        *seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let j = ((*seed >> 33) % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
}

/// Weights kept to three decimals: enough for the answers, small enough to read a diff.
fn round(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

/// The model as JSON, one feature a line, sorted, so the file is the same on every run and a
/// retrained model reads as a diff.
fn to_json(model: &Model) -> String {
    let weights: BTreeMap<&String, &[f32; 4]> = model.weights.iter().collect();
    let mut s = String::from("{\n");
    s.push_str(&format!("  \"language\": {},\n", json(&model.language)));
    s.push_str(&format!("  \"threshold\": {},\n", json(&model.threshold)));
    s.push_str(&format!("  \"uncertain\": {},\n", json(&model.uncertain)));
    s.push_str(&format!("  \"bias\": {},\n", json(&model.bias)));
    s.push_str("  \"weights\": {");
    for (i, (name, w)) in weights.iter().enumerate() {
        let sep = if i == 0 { "\n" } else { ",\n" };
        s.push_str(&format!("{sep}    {}: {}", json(name), json(w)));
    }
    s.push_str("\n  }\n}\n");
    s
}

/// A value as compact JSON.
fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}
