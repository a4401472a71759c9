//! The decision from the learned model's probabilities, with the editor's explanation.
//!
//! Takes in a section's cue [`Tally`] and the model's [`Prediction`]; gives out a
//! [`Classification`]. The best topic gets the section if its probability reaches the model's
//! threshold and beats plain; otherwise a FAQ heading over `###` headings makes a FAQ, an
//! overview heading an overview, and anything else stays plain, marked uncertain when the best
//! topic came within the model's uncertain band.

use super::model::{Model, Prediction, CLASSES};
use super::score::Tally;
use super::{Classification, DecidedBy};
use crate::markdown::SectionKind;

/// How many of the features that decided are named to the editor.
const REASONS: usize = 3;

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
    let why = |kind: SectionKind| p.reasons(model, kind, REASONS).join(", ");
    if top >= model.threshold && top > p.prob(SectionKind::Plain) {
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
