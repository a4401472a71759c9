//! Which readability measures fit a text's language.
//!
//! Each language with a formula brings its syllable counter and its sentence-ending
//! abbreviations; a language without one is counted (words, sentences) but not scored, so a
//! Spanish or Polish page is never given an English grade.

use serde::Serialize;

use super::{count_syllables, spanish};

/// The readability formulas a text is scored with, chosen by its language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Language {
    /// English: Flesch–Kincaid, SMOG, Flesch reading ease, ARI.
    #[default]
    English,
    /// Spanish: Fernández Huerta and Szigriszt-Pazos with its INFLESZ band.
    Spanish,
    /// A language handout has no formula for: counted, not scored.
    NotScored,
}

/// Abbreviations that change where a sentence ends, by how they behave.
#[derive(Debug)]
pub(crate) struct Abbreviations {
    /// Never end a sentence ("Dr.", "e.g.").
    pub(crate) lead_ins: &'static [&'static str],
    /// Do not end one before a number ("No. 5").
    pub(crate) before_number: &'static [&'static str],
    /// End one only before a capital ("etc.").
    pub(crate) may_end: &'static [&'static str],
    /// Titles after which a capital and a point is an initial ("Dr. A. Shah").
    pub(crate) titles: &'static [&'static str],
    /// Whether capitalised day and month names follow abbreviations mid-sentence (English).
    pub(crate) capital_dates: bool,
}

const SPANISH: Abbreviations = Abbreviations {
    lead_ins: spanish::LEAD_INS,
    before_number: spanish::BEFORE_NUMBER,
    may_end: spanish::MAY_END,
    titles: spanish::TITLES,
    capital_dates: false,
};

impl Language {
    /// The formulas for a BCP 47 code such as `en-GB` or `es-419` (the part before `-` decides).
    pub fn for_code(code: &str) -> Language {
        let primary = code.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("en") {
            Language::English
        } else if primary.eq_ignore_ascii_case("es") {
            Language::Spanish
        } else {
            Language::NotScored
        }
    }

    /// Syllables in a word as the tokenizer yields it. Languages without a counter use the
    /// English one: their counts are shown nowhere, since their text is not scored.
    pub fn syllables(self, word: &str) -> usize {
        match self {
            Language::Spanish => spanish::syllables::count(word),
            Language::English | Language::NotScored => count_syllables(word),
        }
    }

    /// Syllables from which a word counts as long in this language: 3 in English (as SMOG
    /// counts them), 4 in Spanish, whose everyday words are longer ("me-di-ci-na").
    pub fn long_word(self) -> usize {
        match self {
            Language::Spanish => 4,
            Language::English | Language::NotScored => 3,
        }
    }

    /// The abbreviations of the language's sentences.
    pub(crate) fn abbreviations(self) -> &'static Abbreviations {
        match self {
            Language::Spanish => &SPANISH,
            Language::English | Language::NotScored => &super::sentences::ENGLISH,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_pick_formulas() {
        assert_eq!(Language::for_code("en"), Language::English);
        assert_eq!(Language::for_code("en-GB"), Language::English);
        assert_eq!(Language::for_code("ES-419"), Language::Spanish);
        assert_eq!(Language::for_code("es_MX"), Language::Spanish);
        assert_eq!(Language::for_code("pl"), Language::NotScored);
        assert_eq!(Language::for_code(""), Language::NotScored);
    }
}
