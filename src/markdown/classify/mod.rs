//! Topic classification: which kind each `##` section of an article is, and why.
//!
//! Takes in what [`features`] gathered of a section and the site's [`TopicRules`]; gives out a
//! [`Classification`]: the kind, what decided it, the cue to show the editor, and the scores.
//! The first of these that applies decides:
//!
//! 1. a kind class on the heading (`## Aftercare {.precautions}`);
//! 2. a `topics:` pattern in `site.yaml`;
//! 3. `###` headings phrased as questions (two or more, and most of them): a FAQ;
//! 4. for a language with a learned model (see [`model`]): the model's best topic if the
//!    probability that the section is a topic at all (one minus plain) reaches the model's
//!    threshold (chosen by cross-validation on the tuning files), the best topic beats plain
//!    and the heading names no plain cue (see [`decide`]); else a strong
//!    heading cue for a topic ("Afterwards", "Precautions") unless the model gives plain
//!    [`SURE_PLAIN`] or more; else a FAQ heading over `###` headings, an overview
//!    heading, or plain;
//! 5. for a language without one, the cue scores (see [`score`]): the best topic if it reaches
//!    [`THRESHOLD`] and beats the evidence for plain; a FAQ heading; an overview; plain.
//!
//! Cues and models are data, one file each per language (see [`cues`] and [`model`]); the
//! model is trained by `cargo run --example train_topics` (see [`train`]).

mod classes;
pub(crate) mod cues;
mod decide;
pub(crate) mod features;
mod model;
mod score;
mod train;
mod words;

use serde::Serialize;

use self::features::SectionFeatures;
use self::model::Model;
use self::score::{tally, Place, Tally};
use super::{SectionKind, TopicRules};

pub use cues::CueSet;
pub(crate) use words::{stems, Phrase};

/// The score a topic needs to get a section: one strong heading cue, or a weak one with
/// support from the body, or plenty of body evidence.
pub const THRESHOLD: f32 = 2.0;

/// The score a topic needs when all its cues are weak ones (common words such as "result" or
/// "better"): a weak heading cue and the most weak body cues can add up to.
pub const WEAK_THRESHOLD: f32 = 2.5;

/// The model's probability of plain at which a strong heading cue no longer overrules it. Low:
/// in leave-one-file-out cross-validation, letting the cues overrule a model up to 80% sure of
/// plain gained four right answers and put nine more plain sections on topic pages ("Why does
/// my jaw click?" on benefits), and that on the very files the cue lists were written from.
pub const SURE_PLAIN: f32 = 0.3;

/// [`SURE_PLAIN`] for a heading that is half its cues or more ("Understanding side effect
/// statistics", "Risks of the scan"): it names a topic, but may be about something else, so
/// it yields when the model leans to plain. In leave-one-file-out cross-validation on sixteen
/// tuning files, 0.5 let the threshold fall from 0.75 to 0.69 for 39 more right answers of
/// 3,176 with one plain section fewer on a topic page than 0.8; 0.4 to 0.5 are within two
/// answers of each other.
pub const SURE_PLAIN_NAMED: f32 = 0.5;

/// [`SURE_PLAIN`] for a heading that is all cue but for a joining word or two
/// ("Precautions", "Risks and side effects", "Afterwards"): it says what the section is,
/// whatever words the body uses.
pub const SURE_PLAIN_TITLED: f32 = 0.8;

/// A plain section whose best topic scored at least this is reported as uncertain.
pub const UNCERTAIN: f32 = 1.25;

/// What decided a section's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DecidedBy {
    /// A kind class on the heading, such as `{.benefits}`.
    Class,
    /// A `topics:` pattern in `site.yaml`.
    SiteRule,
    /// `###` headings phrased as questions.
    Questions,
    /// Cues in the heading and body.
    Cues,
    /// No topic scored enough.
    NoCue,
    /// `content/faq.md`, where every section is a FAQ group.
    FaqFile,
}

/// How a `##` section was classified, for the editor.
#[derive(Debug, Clone, Serialize)]
pub struct Classification {
    /// The kind.
    pub kind: SectionKind,
    /// What decided it.
    pub by: DecidedBy,
    /// The cue that decided, in words: `heading "side effects"`, `class {.benefits}`.
    pub cue: String,
    /// Scores of benefits, what to expect, precautions and plain, rounded to tenths.
    pub scores: Vec<(SectionKind, f32)>,
    /// For a plain section: the topic that came close without reaching the threshold.
    pub near: Option<SectionKind>,
    /// A class on the heading that looks like a mistyped kind, with the kind it is close to.
    pub unknown_class: Option<(String, SectionKind)>,
}

impl Classification {
    /// A plain section with these scores, before a scorer decides otherwise.
    pub(crate) fn undecided(scores: Vec<(SectionKind, f32)>) -> Self {
        Classification {
            kind: SectionKind::Plain,
            by: DecidedBy::Cues,
            cue: String::new(),
            scores,
            near: None,
            unknown_class: None,
        }
    }

    /// The classification of every section of `content/faq.md`.
    pub(crate) fn faq_file() -> Self {
        Classification {
            kind: SectionKind::Faq,
            by: DecidedBy::FaqFile,
            cue: "every section of content/faq.md is a question group".into(),
            scores: Vec::new(),
            near: None,
            unknown_class: None,
        }
    }
}

/// Classifies one section: by the learned model where the language has one, as it carries
/// over to new wording far better than the cue lists (on a development file written after the
/// lists, the lists alone got 64% right, the model 84%). Where the model leaves a section
/// plain for want of evidence, a strong heading cue for a topic still decides ("Afterwards",
/// "Precautions" over a line or two), unless the model leans to plain ([`SURE_PLAIN`]): then
/// the cue is likely a word used in passing ("Reducing risk across the NHS", "Why does my jaw
/// click?").
pub(crate) fn classify(f: &SectionFeatures, rules: &TopicRules) -> Classification {
    classify_by(f, rules, rules.cues().model.as_ref())
}

/// [`classify`] with a given model in place of the language's own (the trainer's held-out
/// models), or none.
pub(crate) fn classify_by(
    f: &SectionFeatures,
    rules: &TopicRules,
    model: Option<&Model>,
) -> Classification {
    let Some(model) = model else {
        return classify_with(f, rules, None);
    };
    let by_model = classify_with(f, rules, Some(model));
    if by_model.kind.is_topic() || by_model.by != DecidedBy::NoCue {
        return by_model;
    }
    let by_cues = classify_with(f, rules, None);
    let t = tally(f, rules.cues());
    let heading_cues: Vec<&str> = t
        .evidence(by_cues.kind)
        .iter()
        .filter(|e| e.place == Place::Heading && e.strong)
        .map(|e| e.cue.as_str())
        .collect();
    // How much of the heading the topic cues, of whatever topic, make up ("Risks and
    // benefits": all of it but the joining word).
    let heading_words = stems(&f.heading, &rules.cues().stemmer).len();
    let cue_words: usize = score::SCORED
        .iter()
        .filter(|k| k.is_topic())
        .flat_map(|&k| t.evidence(k))
        .filter(|e| e.place == Place::Heading && e.strong)
        .map(|e| stems(&e.cue, &rules.cues().stemmer).len())
        .sum();
    let sure = if heading_cues.is_empty() {
        SURE_PLAIN
    } else if cue_words * 4 >= heading_words * 3 {
        SURE_PLAIN_TITLED
    } else if cue_words * 2 >= heading_words {
        SURE_PLAIN_NAMED
    } else {
        SURE_PLAIN
    };
    // With no body the model has only the heading's few words to go on: the cue lists know
    // more headings than the corpus holds ("Who shouldn't have it").
    let sure_plain = !f.body.trim().is_empty()
        && by_model
            .scores
            .iter()
            .any(|&(k, p)| k == SectionKind::Plain && p >= sure);
    let strong_heading = !heading_cues.is_empty();
    // A plain section whose heading cue points to a topic is still worth a word to the editor
    // ("Spotting the warning signs"), however sure the model is.
    let cues_near = by_cues.kind == SectionKind::Plain && by_cues.near.is_some();
    if (by_cues.kind.is_topic() && strong_heading && !sure_plain)
        || (cues_near && by_model.near.is_none())
    {
        by_cues
    } else {
        by_model
    }
}

/// Whether a rule before the scores decides a section without site rules: a kind class or
/// `###` questions. The trainer leaves such sections out, as the model never sees them.
pub(crate) fn decided_before_scores(f: &SectionFeatures, cues: &CueSet) -> bool {
    f.classes.iter().any(|c| SectionKind::from_key(c).is_some())
        || faq_questions(f, cues).is_some()
        || faq_over_questions(f, cues, &tally(f, cues)).is_some()
}

/// The FAQ heading ("Frequently asked questions") of a section with at least one `###`
/// question under it: that says what the section is more plainly than any score.
fn faq_over_questions<'t>(f: &SectionFeatures, cues: &CueSet, t: &'t Tally) -> Option<&'t str> {
    let faq = t.faq_heading.as_deref()?;
    f.subheading_texts
        .iter()
        .any(|h| is_question(h, cues))
        .then_some(faq)
}

/// How many `###` headings are questions, when they make the section a FAQ.
fn faq_questions(f: &SectionFeatures, cues: &CueSet) -> Option<usize> {
    let questions = f
        .subheading_texts
        .iter()
        .filter(|t| is_question(t, cues))
        .count();
    (questions >= 2 && questions * 2 > f.subheadings).then_some(questions)
}

/// Classifies one section with a given model deciding in place of the cue scores, or with the
/// cue scores alone: the trainer judges models alone, as the cue lists were written from the
/// tuning files and are right on every one of them.
pub(crate) fn classify_with(
    f: &SectionFeatures,
    rules: &TopicRules,
    model: Option<&Model>,
) -> Classification {
    let unknown_class = f.classes.iter().find_map(|c| {
        SectionKind::from_key(c)
            .is_none()
            .then(|| mistyped_kind(c).map(|k| (c.clone(), k)))
            .flatten()
    });
    let decided = |kind, by, cue: String| Classification {
        kind,
        by,
        cue,
        scores: Vec::new(),
        near: None,
        unknown_class: unknown_class.clone(),
    };
    if let Some(kind) = f.classes.iter().find_map(|c| SectionKind::from_key(c)) {
        return decided(kind, DecidedBy::Class, format!("class {{.{}}}", kind.key()));
    }
    let cues = rules.cues();
    let heading = stems(&f.heading, &cues.stemmer);
    if let Some((kind, pattern)) = rules.site_rule(&heading) {
        return decided(
            kind,
            DecidedBy::SiteRule,
            format!("site.yaml topics pattern \"{pattern}\""),
        );
    }
    if let Some(questions) = faq_questions(f, cues) {
        let cue = format!("{questions} questions as ### headings");
        return decided(SectionKind::Faq, DecidedBy::Questions, cue);
    }
    let body = stems(&f.body, &cues.stemmer);
    let t = score::tally_stems(f, &heading, &body, cues);
    if let Some(faq) = faq_over_questions(f, cues, &t) {
        let cue = format!("heading \"{faq}\" over ### questions");
        return decided(SectionKind::Faq, DecidedBy::Questions, cue);
    }
    let mut out = match model {
        Some(model) => {
            let prediction = model.predict_section(f, &heading, &body, &t, &cues.classes);
            decide::from_model(&t, f.subheadings, model, &prediction)
        }
        None => from_scores(&t, f.subheadings),
    };
    out.unknown_class = unknown_class;
    out
}

/// The decision from the scores alone. A FAQ heading ("Common questions") makes a FAQ only
/// over `###` headings: without them there are no questions to show.
fn from_scores(t: &Tally, subheadings: usize) -> Classification {
    let scores = score::SCORED
        .iter()
        .map(|&k| (k, (t.score(k) * 10.0).round() / 10.0))
        .collect();
    let (best, top) = t.best_topic();
    let plain = t.score(SectionKind::Plain);
    let mut out = Classification::undecided(scores);
    let enough = if t.has_strong(best) {
        THRESHOLD
    } else {
        WEAK_THRESHOLD
    };
    if top >= enough && top > plain {
        out.kind = best;
        out.cue = describe(t, best);
    } else if let Some(faq) = t.faq_heading.as_ref().filter(|_| subheadings > 0) {
        out.kind = SectionKind::Faq;
        out.cue = format!("heading \"{faq}\"");
    } else if let Some(overview) = &t.overview_heading {
        out.kind = SectionKind::Overview;
        out.cue = format!("heading \"{overview}\"");
    } else if plain >= top && plain > 0.0 {
        out.cue = describe(t, SectionKind::Plain);
    } else {
        out.by = DecidedBy::NoCue;
        // Common body words alone ("first", "day") are too little to ask the editor about.
        let telling =
            t.has_strong(best) || t.evidence(best).iter().any(|e| e.place == Place::Heading);
        out.near = (top >= UNCERTAIN && telling).then_some(best);
        out.cue = match out.near {
            Some(near) if !t.has_strong(near) => format!(
                "only weak cues for {}, scoring {top:.1}, below {WEAK_THRESHOLD:.1} ({})",
                near.label().to_lowercase(),
                describe(t, near)
            ),
            Some(near) => format!(
                "{} scored {top:.1}, below {THRESHOLD:.1} ({})",
                near.label().to_lowercase(),
                describe(t, near)
            ),
            None => "no topic cue".to_string(),
        };
    }
    out
}

/// The evidence behind a kind, strongest first: the heading cue if there is one, then up to
/// three body cues.
fn describe(t: &Tally, kind: SectionKind) -> String {
    let ev = t.evidence(kind);
    let mut parts = Vec::new();
    if let Some(h) = ev.iter().find(|e| e.place == Place::Heading) {
        parts.push(format!("heading \"{}\"", h.cue));
    }
    if let Some(s) = ev.iter().find(|e| e.place == Place::Structure) {
        parts.push(s.cue.clone());
    }
    let body: Vec<String> = ev
        .iter()
        .filter(|e| e.place == Place::Body)
        .take(3)
        .map(|e| format!("\"{}\"", e.cue))
        .collect();
    if !body.is_empty() {
        parts.push(format!("body {}", body.join(", ")));
    }
    parts.join("; ")
}

/// Whether a `###` heading asks something: it ends with a question mark, or opens with a
/// question word ("How long will it take" without the mark).
fn is_question(text: &str, cues: &CueSet) -> bool {
    let text = text.trim();
    if text.ends_with('?') || text.ends_with('\u{ff1f}') {
        return true;
    }
    stems(text, &cues.stemmer)
        .first()
        .is_some_and(|w| cues.question_words.contains(w))
}

/// The kind a class that is not a kind key was probably meant to be: the same letters in
/// another case or without separators (`{.Benefits}`, `{.whattoexpect}`), a singular or plural
/// (`{.precaution}`, `{.faqs}`), or, for the longer keys, a typo of one or two letters
/// (`{.precuations}`). Styling classes such as `{.wide}` are far from every key.
pub(crate) fn mistyped_kind(class: &str) -> Option<SectionKind> {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let c = squash(class);
    SectionKind::ALL.into_iter().find(|kind| {
        let k = squash(kind.key());
        c == k
            || c.strip_suffix('s') == Some(k.as_str())
            || k.strip_suffix('s') == Some(c.as_str())
            || (k.len() >= 7 && strsim::levenshtein(&c, &k) <= 2)
    })
}
