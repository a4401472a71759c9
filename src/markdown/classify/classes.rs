//! Word classes: groups of words that share a meaning a topic's sections tend to use (danger,
//! gain, time or stage, the patient's own actions, clinic business, facts about the body).
//!
//! Takes in the `classes:` lists of a cue file; gives out, for a run of stems, how many words
//! of each class it holds. The learned model reads these counts as features, apart for the
//! heading and the body, so that a word the tuning files never used still counts for what it
//! means: "Hazards of …" is read as a danger heading because "hazard" is in the danger class,
//! even if no tuning heading said "hazard". The lists are data, one per language, and name
//! general vocabulary, not the wording of any example.

use std::collections::{BTreeMap, HashMap};

use rust_stemmers::Stemmer;

use super::words::Phrase;

/// The most words a `*` in a class entry stands for.
const GAP: usize = 2;

/// The compiled word classes of one language.
#[derive(Debug, Default)]
pub(crate) struct WordClasses {
    /// Class names, in file order (sorted, as the file is read into a sorted map).
    names: Vec<String>,
    /// Each entry with the index of its class in `names`.
    entries: Vec<(usize, Phrase)>,
    /// Indexes into `entries` by the entry's first stem.
    index: HashMap<String, Vec<usize>>,
}

impl WordClasses {
    /// Compiles the `classes:` lists of a cue file; the error names the entry that cannot be
    /// used.
    pub(crate) fn compile(
        raw: &BTreeMap<String, Vec<String>>,
        stemmer: &Stemmer,
    ) -> Result<WordClasses, String> {
        let mut out = WordClasses::default();
        for (name, list) in raw {
            let class = out.names.len();
            out.names.push(name.clone());
            for text in list {
                let phrase = Phrase::compile(text, stemmer, GAP)
                    .map_err(|e| format!("class {name}, entry {text:?}: {e}"))?;
                out.index
                    .entry(phrase.first().to_string())
                    .or_default()
                    .push(out.entries.len());
                out.entries.push((class, phrase));
            }
        }
        Ok(out)
    }

    /// For each class that occurs in `words`, its name and how many words of the run start an
    /// entry of it (a word counts once per class).
    pub(crate) fn count(&self, words: &[String]) -> Vec<(&str, usize)> {
        let mut counts = vec![0usize; self.names.len()];
        for (start, w) in words.iter().enumerate() {
            let mut hit = vec![false; self.names.len()];
            for &i in self.index.get(w.as_str()).into_iter().flatten() {
                let (class, phrase) = &self.entries[i];
                if !hit[*class] && phrase.matches_at(words, start) {
                    hit[*class] = true;
                    counts[*class] += 1;
                }
            }
        }
        self.names
            .iter()
            .zip(counts)
            .filter(|(_, n)| *n > 0)
            .map(|(name, n)| (name.as_str(), n))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::classify::stems;
    use rust_stemmers::Algorithm;

    #[test]
    fn counts_words_of_each_class_in_any_form() {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut raw = BTreeMap::new();
        raw.insert(
            "danger".to_string(),
            vec!["hazard".into(), "side effect".into()],
        );
        raw.insert("gain".to_string(), vec!["ease".into()]);
        let classes = WordClasses::compile(&raw, &stemmer).expect("the classes compile");
        let words = stems("Hazards and side effects of hazardous kits", &stemmer);
        assert_eq!(classes.count(&words), [("danger", 3)]);
        assert!(classes.count(&stems("Opening times", &stemmer)).is_empty());
    }

    #[test]
    fn an_entry_without_words_is_named_in_the_error() {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut raw = BTreeMap::new();
        raw.insert("gain".to_string(), vec!["ease".into(), "*".into()]);
        let err = WordClasses::compile(&raw, &stemmer).expect_err("a bare * is refused");
        assert!(err.starts_with("class gain, entry \"*\""), "{err}");
    }
}
