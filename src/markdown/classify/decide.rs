//! The decision from the learned model's probabilities, with the editor's explanation.
//!
//! Takes in a section's cue [`Tally`] and the model's [`Prediction`]; gives out a
//! [`Classification`]. The best topic gets the section if its probability reaches the model's
//! threshold and beats plain; otherwise a FAQ heading over `###` headings makes a FAQ, an
//! overview heading an overview, and anything else stays plain, marked uncertain when the best
//! topic came within the model's uncertain band.

use super::model::{Model, Prediction, CLASSES};
use super::score::{Place, Tally};
use super::{Classification, DecidedBy};
use crate::markdown::SectionKind;

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

/// The topic the model would give a section at a low enough threshold, with its probability:
/// the most probable topic, if it is more probable than plain and the heading names none of
/// the plain cues (clinic details, references, causes). That negative evidence keeps the
/// words a clinic page shares with topic sections ("booking your first appointment", "why it
/// happens") from carrying it onto a topic page; in leave-one-file-out cross-validation it cut
/// the plain sections put on a topic page by a third at the same threshold.
pub(super) fn candidate(t: &Tally, p: &Prediction) -> Option<(SectionKind, f32)> {
    let (best, top) = p.best_topic();
    let plain_heading = t.evidence(SectionKind::Plain).iter().any(|e| {
        e.place == Place::Heading && e.strong && Some(&e.cue) != t.overview_heading.as_ref()
    });
    (top > p.prob(SectionKind::Plain) && !plain_heading).then_some((best, top))
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
    if let Some((best, top)) = candidate(t, p).filter(|&(_, top)| top >= model.threshold) {
        out.kind = best;
        out.cue = format!(
            "{} {:.0}%: {}",
            best.label().to_lowercase(),
            top * 100.0,
            why(best)
        );
    } else if let Some(faq) = t.faq_heading.as_ref().filter(|_| subheadings > 0) {
        out.kind = SectionKind::Faq;
        out.cue = format!("heading \"{faq}\"");
    } else if let Some(overview) = &t.overview_heading {
        out.kind = SectionKind::Overview;
        out.cue = format!("heading \"{overview}\"");
    } else if top >= model.uncertain {
        out.by = DecidedBy::NoCue;
        out.near = Some(best);
        out.cue = format!(
            "{} {:.1}%, below {:.0}% ({})",
            best.label().to_lowercase(),
            top * 100.0,
            model.threshold * 100.0,
            why(best)
        );
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
