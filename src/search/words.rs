//! The words a record's text is indexed under, split as Pagefind's indexer splits them.
//!
//! The browser side stems a query with the same Snowball stemmers and looks the result up in
//! our index, so a token must become the same keys here as it would in Pagefind: punctuation
//! dropped, lowercased, diacritics folded (the written form kept as a variant, so an exact
//! match ranks higher), stemmed; compound tokens (`knee-high`, `COVID19`) also under each
//! part, at a share of the weight.

use convert_case::{Case, Casing};
use pagefind_stem::{Algorithm, Stemmer};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

/// A word's weight in running text: Pagefind's weight 1 on its scale of 24ths.
pub(super) const WEIGHT: u8 = 24;

/// Characters kept inside words besides letters and digits: the Unicode connector
/// punctuation, as Pagefind keeps them (its entry file lists them for the browser).
pub(super) const INCLUDE: [char; 10] = ['_', '‿', '⁀', '⁔', '︳', '︴', '﹍', '﹎', '﹏', '＿'];

/// The longest dotted tail and katakana suffix indexed, in characters (as Pagefind).
const MAX_TAIL: usize = 64;
const MAX_KATAKANA_SUFFIX: usize = 16;

/// One key a token is indexed under.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Indexable {
    /// The normalized, stemmed word: what the index is sorted and searched by.
    pub stem: String,
    /// The token as written, lowercased, when folding diacritics changed it.
    pub original: Option<String>,
    /// Whether this is a part of a compound token rather than the whole of it.
    pub compound: bool,
}

/// Splits tokens of one language.
pub(super) struct Splitter {
    stemmer: Option<Stemmer>,
}

impl Splitter {
    /// A splitter for `lang` (`en`, `es-mx`); a language without a stemmer is not stemmed.
    pub(super) fn new(lang: &str) -> Splitter {
        Splitter {
            stemmer: algorithm(lang).map(Stemmer::create),
        }
    }

    /// The keys of `token` in running text, with their weights.
    pub(super) fn content_words(&self, token: &str) -> Vec<(Indexable, u8)> {
        let mut words = self.words(token);
        words.extend(self.dotted_tails(token, &words));
        let parts = words.iter().filter(|w| w.compound).count();
        // `parts` is small (the words of one token); a share is at least 1.
        let share = (WEIGHT / u8::try_from(parts).unwrap_or(u8::MAX).max(1)).max(1);
        words
            .into_iter()
            .map(|w| {
                let weight = if w.compound { share } else { WEIGHT };
                (w, weight)
            })
            .collect()
    }

    /// The keys of `token`: the whole word, katakana suffixes and compound parts.
    pub(super) fn words(&self, token: &str) -> Vec<Indexable> {
        let mut out = Vec::new();
        let normalized = normalize(token);
        if !normalized.is_empty() {
            out.push(self.stem(&normalized, false));
        }
        for suffix in katakana_suffixes(token) {
            let folded = fold_diacritics(suffix);
            out.push(Indexable {
                original: folded.as_ref().map(|_| suffix.to_string()),
                stem: folded.unwrap_or_else(|| suffix.to_string()),
                compound: true,
            });
        }
        if !maybe_compound(token) {
            return out;
        }
        let parts = token
            .replace(|c: char| c.is_ascii_punctuation(), " ")
            .to_case(Case::Lower);
        let parts = parts.split_whitespace().collect::<Vec<_>>().join(" ");
        // A single part that the whole word already starts with adds nothing.
        let adds = parts.contains(' ') || !normalized.starts_with(&parts);
        if normalized.is_empty() || !adds {
            return out;
        }
        for part in parts.split_whitespace().filter(|p| p.len() > 1) {
            let folded = fold_diacritics(part);
            let base = folded.as_deref().unwrap_or(part);
            let stem = match &self.stemmer {
                Some(s) => s.stem(base).into_owned(),
                None => base.to_string(),
            };
            out.push(Indexable {
                stem,
                original: folded.map(|_| part.to_string()),
                compound: true,
            });
        }
        out
    }

    /// What follows each dot of a dotted token (`sysconfig.is_build` gives `is_build`) when it
    /// is itself compound and not indexed already.
    fn dotted_tails(&self, token: &str, existing: &[Indexable]) -> Vec<Indexable> {
        let mut tails: Vec<Indexable> = Vec::new();
        for (i, _) in token.match_indices('.') {
            let rest = &token[i + 1..];
            let tail = match rest.char_indices().nth(MAX_TAIL) {
                Some((end, _)) => &rest[..end],
                None => rest,
            };
            if !maybe_compound(tail) {
                continue;
            }
            let normalized = normalize(tail);
            if normalized.chars().count() < 2 {
                continue;
            }
            let word = self.stem(&normalized, true);
            let seen = existing.iter().chain(&tails).any(|w| w.stem == word.stem);
            if !seen {
                tails.push(word);
            }
        }
        tails
    }

    fn stem(&self, normalized: &str, compound: bool) -> Indexable {
        let folded = fold_diacritics(normalized);
        let base = folded.as_deref().unwrap_or(normalized);
        let stem = match &self.stemmer {
            Some(s) => s.stem(base).into_owned(),
            None => base.to_string(),
        };
        Indexable {
            stem,
            original: folded.map(|_| normalized.to_string()),
            compound,
        }
    }
}

/// Whether a token may hold several words: punctuation inside, or capitals after the first letter.
fn maybe_compound(token: &str) -> bool {
    token.chars().any(|c| !c.is_alphanumeric()) || token.chars().skip(1).any(char::is_uppercase)
}

/// Letters, digits and [`INCLUDE`]d characters of `token`, lowercased.
fn normalize(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    for c in token.chars() {
        if c.is_alphanumeric() || INCLUDE.contains(&c) {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
    out
}

/// `word` without its combining marks (`café` as `cafe`), or `None` if it has none. Kana
/// voicing marks stay: they tell words apart.
fn fold_diacritics(word: &str) -> Option<String> {
    if word.is_ascii() || !decomposes(word) {
        return None;
    }
    let stripped: String = word
        .nfd()
        .filter(|&c| !is_combining_mark(c) || matches!(c, '\u{3099}' | '\u{309A}'))
        .collect();
    let folded = if stripped
        .chars()
        .any(|c| matches!(c, '\u{3099}' | '\u{309A}'))
    {
        stripped.nfc().collect()
    } else {
        stripped
    };
    (folded != word).then_some(folded)
}

fn decomposes(word: &str) -> bool {
    word.chars().any(|c| {
        let mut changed = is_combining_mark(c);
        decompose_canonical(c, |part| changed |= part != c);
        changed
    })
}

/// Every suffix of an all-katakana token of three or more characters, so a query for part
/// of a long loanword finds it.
fn katakana_suffixes(token: &str) -> Vec<&str> {
    let katakana = |c: char| matches!(c as u32, 0x30A1..=0x30FA | 0x30FC..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F);
    if token.chars().count() < 3 || !token.chars().all(katakana) {
        return Vec::new();
    }
    let mut out: Vec<&str> = Vec::new();
    for (i, _) in token.char_indices().skip(1) {
        let rest = &token[i..];
        let suffix = match rest.char_indices().nth(MAX_KATAKANA_SUFFIX) {
            Some((end, _)) => &rest[..end],
            None => rest,
        };
        if suffix.chars().count() >= 2 && !out.contains(&suffix) {
            out.push(suffix);
        }
    }
    out
}

/// The Snowball stemmer for a language code, as the browser side picks it.
fn algorithm(lang: &str) -> Option<Algorithm> {
    use Algorithm::*;
    Some(match lang.split('-').next().unwrap_or(lang) {
        "ar" => Arabic,
        "hy" => Armenian,
        "eu" => Basque,
        "ca" => Catalan,
        "da" => Danish,
        "nl" => Dutch,
        "en" => English,
        "eo" => Esperanto,
        "et" => Estonian,
        "fi" => Finnish,
        "fr" => French,
        "de" => German,
        "el" => Greek,
        "hi" => Hindi,
        "hu" => Hungarian,
        "id" => Indonesian,
        "ga" => Irish,
        "it" => Italian,
        "lt" => Lithuanian,
        "nb" | "nn" | "no" => Norwegian,
        "ne" => Nepali,
        "pt" => Portuguese,
        "ro" => Romanian,
        "ru" => Russian,
        "sr" => Serbian,
        "pl" => Polish,
        "es" => Spanish,
        "sv" => Swedish,
        "ta" => Tamil,
        "tr" => Turkish,
        "yi" => Yiddish,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(lang: &str, token: &str) -> Vec<String> {
        Splitter::new(lang)
            .words(token)
            .into_iter()
            .map(|w| w.stem)
            .collect()
    }

    #[test]
    fn words_are_lowercased_stemmed_and_stripped_of_punctuation() {
        assert_eq!(stems("en", "Stretching,"), ["stretch"]);
        assert_eq!(stems("es", "rodillas"), ["rodill"]);
        assert_eq!(stems("xx", "Stretching"), ["stretching"]);
    }

    #[test]
    fn compound_tokens_are_also_indexed_by_part_at_a_share_of_the_weight() {
        assert_eq!(stems("en", "knee-high"), ["kneehigh", "knee", "high"]);
        let words = Splitter::new("en").content_words("knee-high");
        let weights: Vec<u8> = words.iter().map(|(_, w)| *w).collect();
        assert_eq!(weights, [WEIGHT, WEIGHT / 2, WEIGHT / 2]);
    }

    #[test]
    fn diacritics_are_folded_and_the_written_form_kept() {
        let words = Splitter::new("fr").words("Fièvre");
        assert_eq!(words[0].original.as_deref(), Some("fièvre"));
        assert!(!words[0].stem.contains('è'), "{:?}", words[0]);
    }
}
