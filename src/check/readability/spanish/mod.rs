//! Readability of Spanish text: the syllable counter, the abbreviations that do not end a
//! sentence, and the two ease formulas made for Spanish.
//!
//! English grade formulas (Flesch–Kincaid, SMOG) were fitted to English and give Spanish text,
//! with its longer words, a grade several years too hard. Spanish has its own adaptations of
//! the Flesch reading ease, both on a 0–100 scale where higher is easier:
//!
//! - Fernández Huerta (1959): 206.84 − 60 × syllables per word − 1.02 × words per sentence
//!   (the form textstat uses; it is often misquoted with "sentences per 100 words");
//! - Szigriszt-Pazos (1993), the "perspicuidad": 206.835 − 62.3 × syllables per word − words
//!   per sentence, read on the INFLESZ scale of Barrio-Cantalejo et al. (2008), which was
//!   validated on Spanish health texts: below 40 muy difícil, 40–55 algo difícil, 55–65
//!   normal, 65–80 bastante fácil, 80 and above muy fácil. INFLESZ counts 55 or more as
//!   acceptable for patient information, which is handout's default target.

pub mod syllables;

use serde::Serialize;

/// Fernández Huerta's reading ease; 0.0 when either count is zero.
pub fn fernandez_huerta(words: usize, sentences: usize, syllables: usize) -> f64 {
    if words == 0 || sentences == 0 {
        return 0.0;
    }
    let (w, s) = (words as f64, sentences as f64);
    206.84 - 60.0 * syllables as f64 / w - 1.02 * w / s
}

/// Szigriszt-Pazos's perspicuity (the score INFLESZ bands); 0.0 when either count is zero.
pub fn szigriszt_pazos(words: usize, sentences: usize, syllables: usize) -> f64 {
    if words == 0 || sentences == 0 {
        return 0.0;
    }
    let (w, s) = (words as f64, sentences as f64);
    206.835 - 62.3 * syllables as f64 / w - w / s
}

/// A band of the INFLESZ scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Inflesz {
    /// Below 40.
    MuyDificil,
    /// 40 to 55.
    AlgoDificil,
    /// 55 to 65.
    Normal,
    /// 65 to 80.
    BastanteFacil,
    /// 80 and above.
    MuyFacil,
}

impl Inflesz {
    /// The band of a Szigriszt-Pazos score.
    pub fn of(score: f64) -> Inflesz {
        match score {
            s if s < 40.0 => Inflesz::MuyDificil,
            s if s < 55.0 => Inflesz::AlgoDificil,
            s if s < 65.0 => Inflesz::Normal,
            s if s < 80.0 => Inflesz::BastanteFacil,
            _ => Inflesz::MuyFacil,
        }
    }

    /// The band's name as INFLESZ writes it, e.g. "algo difícil".
    pub fn label(self) -> &'static str {
        match self {
            Inflesz::MuyDificil => "muy difícil",
            Inflesz::AlgoDificil => "algo difícil",
            Inflesz::Normal => "normal",
            Inflesz::BastanteFacil => "bastante fácil",
            Inflesz::MuyFacil => "muy fácil",
        }
    }
}

/// Abbreviations (lowercase, without the final point) that never end a Spanish sentence:
/// titles, "p. ej.", "aprox.", "vs.".
pub(super) const LEAD_INS: &[&str] = &[
    "dr", "dra", "drs", "dras", "sr", "sra", "sres", "sras", "srta", "d", "dña", "ud", "uds", "vd",
    "vds", "prof", "profa", "lic", "ing", "av", "avda", "p", "ej", "vs", "aprox", "cf", "esp",
    "sto", "sta",
];

/// Spanish abbreviations that do not end a sentence before a number: "núm. 5", "pág. 12",
/// "tel. 900…", and months.
pub(super) const BEFORE_NUMBER: &[&str] = &[
    "núm", "nº", "n", "pág", "págs", "tel", "telf", "ext", "art", "cap", "fig", "vol", "ene",
    "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "sept", "oct", "nov", "dic",
];

/// Spanish abbreviations that end a sentence only before a capital: "etc.", units.
pub(super) const MAY_END: &[&str] = &[
    "etc", "min", "seg", "h", "hrs", "kg", "mg", "ml", "cm", "mm", "máx", "mín", "cía", "sem",
];

/// Titles after which a capital letter and point is an initial ("Dra. M. Ruiz").
pub(super) const TITLES: &[&str] = &[
    "dr", "dra", "sr", "sra", "srta", "d", "dña", "prof", "profa",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_match_their_definitions() {
        // 100 words, 5 sentences, 200 syllables.
        assert!((fernandez_huerta(100, 5, 200) - (206.84 - 120.0 - 20.4)).abs() < 1e-9);
        assert!((szigriszt_pazos(100, 5, 200) - (206.835 - 124.6 - 20.0)).abs() < 1e-9);
        assert_eq!(fernandez_huerta(0, 0, 0), 0.0);
        assert_eq!(szigriszt_pazos(10, 0, 20), 0.0);
    }

    fn spanish(text: &str) -> Vec<&str> {
        crate::check::readability::split_sentences_in(
            text,
            crate::check::readability::Language::Spanish,
        )
        .into_iter()
        .map(|(_, s)| s)
        .collect()
    }

    #[test]
    fn spanish_marks_and_abbreviations() {
        assert_eq!(
            spanish("¿Le duele la rodilla? ¡Llame hoy! Descanse."),
            ["¿Le duele la rodilla?", "¡Llame hoy!", "Descanse."]
        );
        assert_eq!(
            spanish("Si le duele, ¿qué hace? Tome agua."),
            ["Si le duele, ¿qué hace?", "Tome agua."]
        );
        assert_eq!(
            spanish("La Dra. Ruiz y la Sra. Gómez le verán. Traiga, p. ej. una toalla."),
            [
                "La Dra. Ruiz y la Sra. Gómez le verán.",
                "Traiga, p. ej. una toalla."
            ]
        );
        assert_eq!(
            spanish("Lea la pág. 4 y llame al tel. 900 100 200. Gracias."),
            ["Lea la pág. 4 y llame al tel. 900 100 200.", "Gracias."]
        );
        assert_eq!(
            spanish("Traiga ropa, toalla, etc. Nosotros ponemos el resto."),
            ["Traiga ropa, toalla, etc.", "Nosotros ponemos el resto."]
        );
        assert_eq!(
            spanish("Le atiende el Dr. J. Pérez."),
            ["Le atiende el Dr. J. Pérez."]
        );
        // English abbreviations are not Spanish ones: "No." is a whole sentence here.
        assert_eq!(
            spanish("¿Duele? No. Siga así."),
            ["¿Duele?", "No.", "Siga así."]
        );
    }

    #[test]
    fn inflesz_bands() {
        let cases = [
            (12.0, "muy difícil"),
            (40.0, "algo difícil"),
            (54.9, "algo difícil"),
            (55.0, "normal"),
            (70.0, "bastante fácil"),
            (80.0, "muy fácil"),
            (120.0, "muy fácil"),
        ];
        for (score, label) in cases {
            assert_eq!(Inflesz::of(score).label(), label, "{score}");
        }
    }
}
