//! Readability scores for `handout check`: how hard a page's prose
//! is to read, and which sentences make it so.
//!
//! Patient materials should read at about school grade 6 to 8 (AMA, NIH, CDC),
//! so the checker reports several standard measures, because tools disagree
//! by up to two grades: Flesch–Kincaid grade, SMOG grade (the one most
//! recommended for health text), Flesch Reading Ease, and the Automated
//! Readability Index as a syllable-free cross-check. The formulas are the
//! published ones, unclamped, with 0.0 for empty input.
//!
//! The input is a list of [`Passage`]s (paragraphs, list items, FAQ answers),
//! already stripped of Markdown; each ends a sentence at its end. The pieces:
//!
//! - `sentences.rs` splits a passage into sentences, surviving abbreviations,
//!   decimals, list markers and ellipses;
//! - `words.rs` splits a sentence into words (hyphenated compounds and
//!   numbers count as one word each);
//! - `syllables.rs` counts syllables from an embedded part of the CMU
//!   Pronouncing Dictionary, falling back to the spelling rules of `rules.rs`;
//! - `hardest.rs` ranks sentences for an editor to rewrite;
//! - `runs.rs` joins a lead-in and the list items a sentence runs across, before scoring;
//! - `language.rs` picks the formulas, syllable counter and abbreviations of a language, and
//!   `spanish/` holds those of Spanish (Fernández Huerta, Szigriszt-Pazos and INFLESZ). A
//!   language without a formula is counted but "not scored", never given an English grade.
//!
//! Accuracy is checked against the Python package textstat on the fixture
//! texts in `tests/fixtures/readability/` (see the README there for where the
//! two differ and why).
//!
//! SMOG was normed on samples of 30 sentences, so on a short page it moves a
//! lot with one sentence; callers decide how short is too short to judge.
//!
//! Nothing here depends on the rest of the crate, and nothing allocates per
//! word: a release build scores about 11 million words a second on one core
//! (0.1 ms for a 1,200-word article; `readability::throughput` in the
//! integration tests measures it).

mod hardest;
mod language;
mod rules;
mod runs;
mod sentences;
pub mod spanish;
mod syllables;
mod words;

use serde::Serialize;

pub use hardest::{hardest_sentences, hardest_sentences_in};
pub use language::Language;
pub use runs::{join_runs, Block, Joined};
pub use sentences::{split_sentences, split_sentences_in};
pub use spanish::Inflesz;
pub use syllables::count_syllables;
pub(crate) use words::words as word_slices;

/// One block of prose a patient reads (a paragraph, a list item, a FAQ
/// answer, a callout paragraph), already stripped of Markdown syntax, code,
/// URLs and image alt text. Each block ends a sentence at its end even
/// without final punctuation (a list item without a period counts as a
/// sentence). `text` may contain newlines (a paragraph spanning lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Passage<'a> {
    /// The prose itself.
    pub text: &'a str,
    /// The 1-based line in the source file where the block starts.
    pub line: usize,
}

/// Scores for a body of prose. All zero for input without words. Only the
/// measures of [`Scores::language`] are filled in; the others stay 0.0.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Which formulas apply (the text's language).
    pub language: Language,
    /// Words, numbers included; a hyphenated compound is one word.
    pub words: usize,
    /// Sentences, each block ending at least one.
    pub sentences: usize,
    /// Syllables in all words.
    pub syllables: usize,
    /// Words of three or more syllables, counted every time they occur.
    pub polysyllables: usize,
    /// Letters and digits in words (for the Automated Readability Index).
    pub characters: usize,
    /// 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
    pub flesch_kincaid_grade: f64,
    /// 1.0430 × √(polysyllables × 30 / sentences) + 3.1291.
    pub smog_grade: f64,
    /// 206.835 − 1.015 × words per sentence − 84.6 × syllables per word;
    /// higher is easier, and very dense text goes below 0.
    pub flesch_reading_ease: f64,
    /// 4.71 × characters per word + 0.5 × words per sentence − 21.43.
    pub automated_readability_index: f64,
    /// Minutes to read at about 200 words a minute, rounded up; at least 1
    /// when there are words.
    pub reading_minutes: u32,
    /// Spanish: 206.84 − 60 × syllables per word − 1.02 × words per sentence.
    pub fernandez_huerta: f64,
    /// Spanish: 206.835 − 62.3 × syllables per word − words per sentence,
    /// banded by INFLESZ.
    pub szigriszt_pazos: f64,
}

impl Scores {
    /// The INFLESZ band of a Spanish text; `None` for other languages.
    pub fn inflesz(&self) -> Option<Inflesz> {
        (self.language == Language::Spanish).then(|| Inflesz::of(self.szigriszt_pazos))
    }
}

/// A sentence that makes the text hard, for an editor to rewrite.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HardSentence {
    /// The sentence, with runs of whitespace (line breaks) made single spaces.
    pub text: String,
    /// The 1-based source line the sentence starts on.
    pub line: usize,
    /// Words in the sentence.
    pub words: usize,
    /// Words of three or more syllables in the sentence.
    pub long_words: usize,
    /// How hard the sentence is on its own: its Flesch–Kincaid grade (at
    /// least 0) in English, its Szigriszt-Pazos score in Spanish.
    pub grade: f64,
    /// Why it is hard, e.g. "32 words; 6 words of 3+ syllables (osteoporosis,
    /// inflammation, physiotherapy)".
    pub reason: String,
}

/// Words per minute for [`Scores::reading_minutes`]: a common figure for
/// adults reading plain English on a screen.
const WORDS_PER_MINUTE: usize = 200;

/// Word, syllable and character totals of some text.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Counts {
    pub(crate) words: usize,
    pub(crate) syllables: usize,
    pub(crate) polysyllables: usize,
    pub(crate) characters: usize,
}

impl Counts {
    /// Counts the words of one sentence in `language`; a long word is one of
    /// [`Language::long_word`] syllables or more.
    pub(crate) fn of(sentence: &str, language: Language) -> Counts {
        let mut counts = Counts::default();
        let long = language.long_word();
        for word in words::words(sentence) {
            let syllables = language.syllables(word);
            counts.words += 1;
            counts.syllables += syllables;
            counts.polysyllables += usize::from(syllables >= long);
            counts.characters += word.chars().filter(|c| c.is_alphanumeric()).count();
        }
        counts
    }

    pub(crate) fn add(&mut self, other: Counts) {
        self.words += other.words;
        self.syllables += other.syllables;
        self.polysyllables += other.polysyllables;
        self.characters += other.characters;
    }
}

/// Flesch–Kincaid grade of `words` in `sentences` with `syllables`; 0.0 when
/// either count is zero.
pub(crate) fn flesch_kincaid(words: usize, sentences: usize, syllables: usize) -> f64 {
    if words == 0 || sentences == 0 {
        return 0.0;
    }
    let (asl, asw) = (
        words as f64 / sentences as f64,
        syllables as f64 / words as f64,
    );
    0.39 * asl + 11.8 * asw - 15.59
}

/// Scores the prose of `passages` as one English text.
pub fn score(passages: &[Passage]) -> Scores {
    score_in(passages, Language::English)
}

/// Scores the prose of `passages` as one text in `language`.
pub fn score_in(passages: &[Passage], language: Language) -> Scores {
    let mut total = Tally::default();
    for passage in passages {
        total.add(Tally::of(passage.text, language));
    }
    total.scores(language)
}

/// What passages add to a text's scores: their counts and sentences. Tallies add up, so a
/// passage shown on several pages (an article and its topic page) is counted once.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tally {
    counts: Counts,
    sentences: usize,
}

impl Tally {
    /// Counts one passage in `language`.
    pub fn of(text: &str, language: Language) -> Tally {
        let mut tally = Tally::default();
        for (_, sentence) in sentences::sentences_in(text, language) {
            let counts = Counts::of(sentence, language);
            // A "sentence" of symbols only has no words and is not one.
            if counts.words > 0 {
                tally.sentences += 1;
                tally.counts.add(counts);
            }
        }
        tally
    }

    /// Adds another tally to this one.
    pub fn add(&mut self, other: Tally) {
        self.counts.add(other.counts);
        self.sentences += other.sentences;
    }

    /// The scores of the text tallied.
    pub fn scores(self, language: Language) -> Scores {
        scores_from(self.counts, self.sentences, language)
    }
}

fn scores_from(c: Counts, sentences: usize, language: Language) -> Scores {
    let mut scores = Scores {
        language,
        words: c.words,
        sentences,
        syllables: c.syllables,
        polysyllables: c.polysyllables,
        characters: c.characters,
        ..Scores::default()
    };
    if c.words == 0 || sentences == 0 {
        return scores;
    }
    let minutes = c.words.div_ceil(WORDS_PER_MINUTE);
    scores.reading_minutes = u32::try_from(minutes).unwrap_or(u32::MAX);
    match language {
        Language::English => english(&mut scores, c, sentences),
        Language::Spanish => {
            scores.fernandez_huerta = spanish::fernandez_huerta(c.words, sentences, c.syllables);
            scores.szigriszt_pazos = spanish::szigriszt_pazos(c.words, sentences, c.syllables);
        }
        Language::NotScored => {}
    }
    scores
}

/// Fills in the English measures.
fn english(scores: &mut Scores, c: Counts, sentences: usize) {
    let (w, s) = (c.words as f64, sentences as f64);
    let (asl, asw) = (w / s, c.syllables as f64 / w);
    scores.flesch_kincaid_grade = flesch_kincaid(c.words, sentences, c.syllables);
    scores.smog_grade = 1.0430 * (c.polysyllables as f64 * 30.0 / s).sqrt() + 3.1291;
    scores.flesch_reading_ease = 206.835 - 1.015 * asl - 84.6 * asw;
    scores.automated_readability_index = 4.71 * c.characters as f64 / w + 0.5 * asl - 21.43;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Scores {
        score(&[Passage { text, line: 1 }])
    }

    #[test]
    fn empty_input_scores_zero() {
        for scores in [score(&[]), one(""), one("   \n "), one("... \u{2014} !")] {
            assert_eq!(scores, Scores::default());
            assert!(scores.flesch_reading_ease.is_finite());
        }
    }

    #[test]
    fn counts_and_formulas() {
        // 2 sentences, 8 words, 11 syllables, 1 polysyllable (physio = 3).
        let s = one("See your physio today. Walk a bit more.");
        assert_eq!(
            (s.sentences, s.words, s.syllables, s.polysyllables),
            (2, 8, 11, 1)
        );
        let fk = 0.39 * 4.0 + 11.8 * 11.0 / 8.0 - 15.59;
        assert!((s.flesch_kincaid_grade - fk).abs() < 1e-9);
        let smog = 1.0430 * (30.0f64 / 2.0).sqrt() + 3.1291;
        assert!((s.smog_grade - smog).abs() < 1e-9);
        assert!((s.flesch_reading_ease - (206.835 - 1.015 * 4.0 - 84.6 * 11.0 / 8.0)).abs() < 1e-9);
        assert_eq!(s.characters, 30);
        assert_eq!(s.reading_minutes, 1);
    }

    #[test]
    fn each_passage_ends_a_sentence() {
        let passages = [
            Passage {
                text: "Swelling",
                line: 3,
            },
            Passage {
                text: "Redness and heat",
                line: 4,
            },
        ];
        assert_eq!(score(&passages).sentences, 2);
    }

    #[test]
    fn reading_time_rounds_up() {
        let text = "word ".repeat(201);
        assert_eq!(one(&text).reading_minutes, 2);
        assert_eq!(one("One word").reading_minutes, 1);
    }
}
