//! Scoring a section against the cues: a number per kind, and the cues behind it.
//!
//! Takes in a section's [`SectionFeatures`] and a language's [`CueSet`]; gives out a
//! [`Tally`]: for benefits, what to expect, precautions and plain, the score and the cues that
//! added to it. Heading cues count most (a strong one decides alone, a weak one needs
//! support); body cues add a little each, up to a cap, so a long section cannot win on volume;
//! a numbered list adds to what to expect and a phone number to plain.

use std::collections::HashMap;

use super::cues::{Cue, CueSet, Strength};
use super::features::SectionFeatures;
use super::words::stems;
use crate::markdown::SectionKind;

/// A strong heading cue: enough for a topic on its own.
pub(crate) const HEADING_STRONG: f32 = 3.0;
/// A weak heading cue: needs some support.
pub(crate) const HEADING_WEAK: f32 = 1.5;
/// A heading that introduces the subject ("What is …?", "About …"), for plain: less than a
/// strong topic cue, so "What are the benefits?" is still benefits.
const OVERVIEW: f32 = 2.5;
/// The most heading cues of one kind add up to.
const HEADING_CAP: f32 = 4.5;
/// A strong body cue ("do not", "call 999", "may help").
pub(crate) const BODY_STRONG: f32 = 1.0;
/// A weak body cue ("before", "minutes", "better").
pub(crate) const BODY_WEAK: f32 = 0.5;
/// The most body cues of one kind add up to.
const BODY_CAP: f32 = 3.0;
/// The most weak body cues of one kind add up to.
const BODY_WEAK_CAP: f32 = 1.0;
/// A numbered list in the section (steps), for what to expect.
const NUMBERED_STEPS: f32 = 1.0;
/// A time of day or a length of time in the body, for what to expect.
const TIME: f32 = 0.5;
/// A phone number in the body, for plain (clinic contact details).
const PHONE_NUMBER: f32 = 2.0;

/// The mark on a body cue found in the heading.
pub(crate) const IN_HEADING: &str = " (in the heading)";

/// The kinds a section is scored for, in the order ties are broken: a section that scores
/// the same for precautions and benefits ("Benefits and risks") goes where a patient must not
/// miss it.
pub(crate) const SCORED: [SectionKind; 4] = [
    SectionKind::Precautions,
    SectionKind::WhatToExpect,
    SectionKind::Benefits,
    SectionKind::Plain,
];

/// Where a piece of evidence was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    Heading,
    Body,
    Structure,
}

/// One piece of evidence for a kind.
#[derive(Debug, Clone)]
pub(crate) struct Evidence {
    pub(crate) place: Place,
    pub(crate) weight: f32,
    /// Whether it came from a `strong` list.
    pub(crate) strong: bool,
    /// The cue as written, or a description ("3 numbered steps").
    pub(crate) cue: String,
}

/// The scores of one section.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tally {
    /// Per kind of [`SCORED`]: the score and its evidence, strongest first.
    pub(crate) kinds: Vec<(SectionKind, f32, Vec<Evidence>)>,
    /// The heading cue for a FAQ, if any.
    pub(crate) faq_heading: Option<String>,
    /// The heading cue for an overview, if any.
    pub(crate) overview_heading: Option<String>,
}

impl Tally {
    /// The score of one kind.
    pub(crate) fn score(&self, kind: SectionKind) -> f32 {
        self.kinds
            .iter()
            .find(|(k, _, _)| *k == kind)
            .map_or(0.0, |(_, s, _)| *s)
    }

    /// The evidence for one kind, strongest first.
    pub(crate) fn evidence(&self, kind: SectionKind) -> &[Evidence] {
        self.kinds
            .iter()
            .find(|(k, _, _)| *k == kind)
            .map_or(&[], |(_, _, e)| e.as_slice())
    }

    /// Whether the evidence for a kind holds at least one strong cue (a strong heading or
    /// body cue, or numbered steps): weak cues alone are common words and never decide.
    pub(crate) fn has_strong(&self, kind: SectionKind) -> bool {
        self.evidence(kind).iter().any(|e| e.strong)
    }

    /// The topic with the highest score (ties broken in [`SCORED`] order), and its score.
    pub(crate) fn best_topic(&self) -> (SectionKind, f32) {
        let mut best = (SectionKind::Precautions, f32::MIN);
        for (kind, score, _) in &self.kinds {
            if kind.is_topic() && *score > best.1 {
                best = (*kind, *score);
            }
        }
        best
    }
}

/// Scores a section.
pub(crate) fn tally(f: &SectionFeatures, cues: &CueSet) -> Tally {
    let heading = stems(&f.heading, &cues.stemmer);
    let body = stems(&f.body, &cues.stemmer);
    tally_stems(f, &heading, &body, cues)
}

/// [`tally`] over the heading's and body's stems, for a caller that has them already (the
/// model reads them too, and stemming a long body twice showed in every build's profile).
pub(crate) fn tally_stems(
    f: &SectionFeatures,
    heading: &[String],
    body: &[String],
    cues: &CueSet,
) -> Tally {
    let mut found: Vec<(SectionKind, Evidence)> = Vec::new();
    let mut faq_heading = None;
    let overview_heading = cues
        .overview
        .iter()
        .find(|p| p.occurs_in(heading))
        .map(|p| p.text.clone());
    let mut taken = vec![false; heading.len()];
    for cue in scan(heading, &cues.heading, &cues.heading_index, &mut taken) {
        if cue.kind == SectionKind::Faq {
            faq_heading.get_or_insert_with(|| cue.phrase.text.clone());
            continue;
        }
        found.push((cue.kind, evidence(Place::Heading, cue)));
    }
    // A heading is a summary of its body: the body's strong cues in it ("Easing your
    // symptoms", "Get help straight away") count as they would in the body.
    let body_strong = |c: &&Cue| c.strength == Strength::Strong;
    for cue in scan(heading, &cues.body, &cues.body_index, &mut taken)
        .into_iter()
        .filter(body_strong)
    {
        let mut e = evidence(Place::Body, cue);
        e.cue = format!("{}{IN_HEADING}", e.cue);
        found.push((cue.kind, e));
    }
    let mut taken = vec![false; body.len()];
    for cue in scan(body, &cues.body, &cues.body_index, &mut taken) {
        found.push((cue.kind, evidence(Place::Body, cue)));
    }
    if let Some(overview) = &overview_heading {
        // "About heat and cold", "What is sciatica?": an introduction, whatever it mentions.
        let e = Evidence {
            place: Place::Heading,
            weight: OVERVIEW,
            strong: true,
            cue: overview.clone(),
        };
        found.push((SectionKind::Plain, e));
    }
    if f.numbered_items >= 2 {
        let cue = format!("{} numbered steps", f.numbered_items);
        found.push((
            SectionKind::WhatToExpect,
            structure(NUMBERED_STEPS, true, cue),
        ));
    }
    if let Some(time) = time_expression(body) {
        found.push((SectionKind::WhatToExpect, structure(TIME, false, time)));
    }
    if has_phone_number(&f.body) {
        found.push((
            SectionKind::Plain,
            structure(PHONE_NUMBER, true, "a phone number".into()),
        ));
    }
    let kinds = SCORED
        .iter()
        .map(|&kind| {
            let mut ev: Vec<Evidence> = found
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|(_, e)| e.clone())
                .collect();
            ev.sort_by(|a, b| b.weight.total_cmp(&a.weight));
            (kind, combine(&ev), ev)
        })
        .collect();
    Tally {
        kinds,
        faq_heading,
        overview_heading,
    }
}

/// One kind's score from its evidence.
fn combine(ev: &[Evidence]) -> f32 {
    let sum = |place: Place, strong: bool| {
        ev.iter()
            .filter(|e| e.place == place && e.strong == strong)
            .map(|e| e.weight)
            .sum::<f32>()
    };
    // Weak heading cues are ambiguous words ("warning", "surgery"): they count once, and only
    // when no strong cue names the kind.
    let strong = sum(Place::Heading, true);
    let heading = if strong > 0.0 {
        strong.min(HEADING_CAP)
    } else if ev.iter().any(|e| e.place == Place::Heading) {
        HEADING_WEAK
    } else {
        0.0
    };
    // Weak body cues are common words ("before", "better"): together they add less.
    let body = (sum(Place::Body, true) + sum(Place::Body, false).min(BODY_WEAK_CAP)).min(BODY_CAP);
    heading + body + sum(Place::Structure, true) + sum(Place::Structure, false)
}

/// The cues found in `words`. Where two matches overlap, a strong cue wins over a weak one,
/// then the one naming more words, then the earlier: "tell the nurse if you are" is the strong
/// "tell * if", not the weak "if you are"; "looking after your hip" is "look after your", not
/// "after your"; "can help to" is one cue, not "can help" and "help to". Each cue counts once.
fn scan<'c>(
    words: &[String],
    cues: &'c [Cue],
    index: &HashMap<String, Vec<usize>>,
    taken: &mut [bool],
) -> Vec<&'c Cue> {
    let mut matches: Vec<(usize, usize, usize)> = Vec::new();
    for (start, word) in words.iter().enumerate() {
        for &i in index.get(word).into_iter().flatten() {
            if let Some(len) = cues.get(i).and_then(|c| c.phrase.match_len(words, start)) {
                matches.push((start, len, i));
            }
        }
    }
    let weak = |i: usize| cues.get(i).is_some_and(|c| c.strength == Strength::Weak);
    let words_named = |i: usize| cues.get(i).map_or(0, |c| c.phrase.specificity());
    matches.sort_by_key(|&(start, _, i)| (weak(i), std::cmp::Reverse(words_named(i)), start, i));
    let mut seen = vec![false; cues.len()];
    let mut out: Vec<(usize, &Cue)> = Vec::new();
    for (start, len, i) in matches {
        let span = start..start + len;
        let Some(words_taken) = taken.get_mut(span) else {
            continue;
        };
        if words_taken.iter().any(|&t| t) {
            continue;
        }
        words_taken.iter_mut().for_each(|t| *t = true);
        if !std::mem::replace(&mut seen[i], true) {
            out.extend(cues.get(i).map(|c| (start, c)));
        }
    }
    out.sort_by_key(|&(start, _)| start);
    out.into_iter().map(|(_, c)| c).collect()
}

fn evidence(place: Place, cue: &Cue) -> Evidence {
    let strong = cue.strength == Strength::Strong;
    let weight = match (place, strong) {
        (Place::Heading, true) => HEADING_STRONG,
        (Place::Heading, false) => HEADING_WEAK,
        (_, true) => BODY_STRONG,
        (_, false) => BODY_WEAK,
    };
    Evidence {
        place,
        weight,
        strong,
        cue: cue.phrase.text.clone(),
    }
}

fn structure(weight: f32, strong: bool, cue: String) -> Evidence {
    Evidence {
        place: Place::Structure,
        weight,
        strong,
        cue,
    }
}

/// The first time of day or length of time in the stems ("7am", "15 minutes", "an hour"),
/// as written in the stems.
fn time_expression(words: &[String]) -> Option<String> {
    const UNITS: [&str; 5] = ["minut", "hour", "day", "week", "month"];
    let is_clock = |w: &str| {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        !digits.is_empty()
            && digits.chars().all(|c| c.is_ascii_digit())
            && matches!(&w[digits.len()..], "am" | "pm")
    };
    let is_count = |w: &str| w == "an" || (!w.is_empty() && w.chars().all(|c| c.is_ascii_digit()));
    words.iter().enumerate().find_map(|(i, w)| {
        if is_clock(w) {
            return Some(format!("a time of day ({w})"));
        }
        let next = words.get(i + 1)?;
        (is_count(w) && UNITS.contains(&next.as_str()))
            .then(|| format!("a length of time ({w} {next})"))
    })
}

/// Whether the text holds something shaped like a phone number: seven or more digits in
/// groups separated only by spaces, dots or dashes ("01632 960 123").
fn has_phone_number(text: &str) -> bool {
    let mut digits = 0;
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits += 1;
            if digits >= 7 {
                return true;
            }
        } else if !matches!(c, ' ' | '-' | '.') {
            digits = 0;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_are_digit_groups() {
        assert!(has_phone_number("Call 01632 960 123 today"));
        assert!(has_phone_number("0161-496-0000"));
        assert!(!has_phone_number(
            "Take 2 tablets 3 times a day for 10 days"
        ));
        assert!(!has_phone_number("Samaritans: 116 123"));
    }
}
