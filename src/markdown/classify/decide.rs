//! The decision from the learned model's probabilities, with the editor's explanation.
//!
//! Takes in a section's cue [`Tally`] and the model's [`Prediction`]; gives out a
//! [`Classification`]. The best topic gets the section if it beats plain and the probability
//! that the section is a topic at all (one minus plain) reaches the model's threshold;
//! otherwise a FAQ heading over `###` headings makes a FAQ, an overview heading an overview,
//! and anything else stays plain, marked uncertain when that probability came within the
//! model's uncertain band.

use super::model::{Model, Prediction, CLASSES};
use super::score::{Place, Tally};
use super::{Classification, DecidedBy};
use crate::markdown::SectionKind;

/// The share of the best topic's probability at which precautions takes a section whose heading
/// names a caution: the model splits "Benefits and risks" between the two. (Without the
/// heading condition, the rule cost three right answers in leave-one-file-out
/// cross-validation; with it, none.)
const SPLIT_TO_PRECAUTIONS: f32 = 0.5;

/// How many of the features that decided are named to the editor.
const REASONS: usize = 3;

/// How [`Prediction::reasons`] names the body-cue features.
const BODY_CUES: &str = "body cues for";

/// The body cues of a kind found in a section, as the editor can find them in the text:
/// `body "must not", "tell us if"`.
fn body_cues(t: &Tally, kind: SectionKind) -> Option<String> {
    let cues: Vec<String> = t
        .evidence(kind)
        .iter()
        .filter(|e| e.place == Place::Body)
        .take(REASONS)
        .map(|e| format!("\"{}\"", e.cue))
        .collect();
    (!cues.is_empty()).then(|| format!("body {}", cues.join(", ")))
}

/// The topic the model would give a section at a low enough threshold, with the model's
/// confidence that the section belongs on a topic page at all: the most probable topic, if it
/// is more probable than plain and the heading names none of the plain cues (clinic details,
/// references, causes). That negative evidence keeps the words a clinic page shares with topic
/// sections ("booking your first appointment", "why it happens") from carrying it onto a topic
/// page; in leave-one-file-out cross-validation it cut the plain sections put on a topic page
/// by a third at the same threshold.
///
/// The confidence is one minus the probability of plain, not the best topic's own probability:
/// a section that reads as a caution about what happens next splits its probability between
/// two topics, and neither half alone reaches a threshold set to keep plain sections off the
/// topic pages. Whether a section is a topic is one question, which topic another; in
/// leave-one-file-out cross-validation on the eleven tuning files, thresholding the first gave
/// the model alone 25 more right answers of 1,783 at the same number of plain sections on a
/// topic page.
pub(super) fn candidate(t: &Tally, p: &Prediction) -> Option<(SectionKind, f32)> {
    let (best, top) = p.best_topic();
    let plain_heading = plain_heading(t).is_some();
    let plain = p.prob(SectionKind::Plain);
    // Safety first: a heading that names a caution beside another topic ("Benefits and
    // risks"), split by the model between the two, goes where a patient must not miss it.
    let names_caution = t
        .evidence(SectionKind::Precautions)
        .iter()
        .any(|e| e.place == Place::Heading && e.strong);
    let cautions = p.prob(SectionKind::Precautions);
    let best = if names_caution && cautions >= top * SPLIT_TO_PRECAUTIONS {
        SectionKind::Precautions
    } else {
        best
    };
    // An introduction ("Overview", "About heat and cold") touches on every topic: it needs its
    // best topic alone to reach the threshold, not the topics together.
    let confidence = if t.overview_heading.is_some() {
        top
    } else {
        1.0 - plain
    };
    (top > plain && !plain_heading).then_some((best, confidence))
}

/// The strong plain cue in the heading ("Contact", "Fees"), other than an overview's, which
/// keeps a section off the topic pages whatever the model says.
fn plain_heading(t: &Tally) -> Option<&str> {
    t.evidence(SectionKind::Plain)
        .iter()
        .find(|e| {
            e.place == Place::Heading && e.strong && Some(&e.cue) != t.overview_heading.as_ref()
        })
        .map(|e| e.cue.as_str())
}

/// The decision from the model's probabilities.
pub(super) fn from_model(
    t: &Tally,
    subheadings: usize,
    model: &Model,
    p: &Prediction,
) -> Classification {
    let scores = CLASSES
        .iter()
        .map(|&k| (k, (p.prob(k) * 100.0).round() / 100.0))
        .collect();
    let (best, top) = p.best_topic();
    let mut out = Classification::undecided(scores);
    // "body cues for precautions" names the cues themselves: the editor can find them.
    let why = |kind: SectionKind| {
        let mut reasons: Vec<String> = Vec::new();
        for r in p.reasons(model, kind, REASONS) {
            let r = match r.strip_prefix(BODY_CUES) {
                Some(_) => body_cues(t, kind).unwrap_or(r),
                None => r,
            };
            if !reasons.contains(&r) {
                reasons.push(r);
            }
        }
        reasons.join(", ")
    };
    // How sure the model is that the section belongs on some topic page.
    let topical = 1.0 - p.prob(SectionKind::Plain);
    if let Some((best, _)) = candidate(t, p).filter(|&(_, c)| c >= model.threshold) {
        out.kind = best;
        out.cue = format!(
            "{} {:.0}%: {}",
            best.label().to_lowercase(),
            p.prob(best) * 100.0,
            why(best)
        );
    } else if let Some(faq) = t.faq_heading.as_ref().filter(|_| subheadings > 0) {
        out.kind = SectionKind::Faq;
        out.cue = format!("heading \"{faq}\"");
    } else if let Some(overview) = &t.overview_heading {
        out.kind = SectionKind::Overview;
        out.cue = format!("heading \"{overview}\"");
    } else if topical >= model.uncertain && top > p.prob(SectionKind::Plain) {
        out.by = DecidedBy::NoCue;
        out.near = Some(best);
        out.cue = match plain_heading(t).filter(|_| topical >= model.threshold) {
            // The model was sure enough: the heading's plain cue is what held the section back.
            Some(plain) => format!(
                "{} {:.1}%, but heading \"{plain}\" names a plain section ({})",
                best.label().to_lowercase(),
                top * 100.0,
                why(best)
            ),
            None => format!(
                "{} {:.1}%, a topic {:.1}%, below {:.0}% ({})",
                best.label().to_lowercase(),
                top * 100.0,
                topical * 100.0,
                model.threshold * 100.0,
                why(best)
            ),
        };
    } else {
        out.by = DecidedBy::NoCue;
        let plain = why(SectionKind::Plain);
        out.cue = if plain.is_empty() {
            "plain: no topic cue".to_string()
        } else {
            format!("plain {:.0}%: {plain}", p.prob(SectionKind::Plain) * 100.0)
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::markdown::{SectionKind, TopicRules};

    /// A heading that names clinic business keeps a cautionary section plain, and the editor is
    /// told that it was the heading, not a low score, that held it back.
    #[test]
    fn a_plain_heading_that_holds_back_a_sure_topic_is_named() {
        let c = TopicRules::defaults().classify_text(
            "Parking after sedation",
            "You must not drive for 24 hours after sedation, so do not park in our car park: \
             ask someone to collect you.",
        );
        assert_eq!(c.kind, SectionKind::Plain);
        assert_eq!(c.near, Some(SectionKind::Precautions));
        assert!(
            c.cue.contains("heading \"parking\" names a plain section"),
            "{}",
            c.cue
        );
    }

    /// A bare "Questions" heading over a single `###` question is a FAQ: one question is too
    /// few to make a FAQ by itself, but the heading says what the section is.
    #[test]
    fn a_questions_heading_over_one_question_is_a_faq() {
        let f = crate::markdown::classify::features::SectionFeatures {
            heading: "Questions".into(),
            body: "Can I drive? After a week.".into(),
            subheadings: 1,
            subheading_texts: vec!["Can I drive?".into()],
            ..Default::default()
        };
        let c = crate::markdown::classify::classify(&f, &TopicRules::defaults());
        assert_eq!(c.kind, SectionKind::Faq, "{}", c.cue);
    }

    /// "Contact" names clinic business only as "contact us" and the like: a section on contact
    /// lenses that says what not to do is a caution.
    #[test]
    fn contact_lenses_are_not_contact_details() {
        let c = TopicRules::defaults().classify_text(
            "Contact lenses",
            "Do not wear your lenses for a week after the operation.",
        );
        assert_eq!(c.kind, SectionKind::Precautions, "{}", c.cue);
    }
}
