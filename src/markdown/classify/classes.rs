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

    /// Whether an entry of the class `name` starts at `words[start]`.
    pub(crate) fn starts_at(&self, name: &str, words: &[String], start: usize) -> bool {
        let Some(class) = self.names.iter().position(|n| n == name) else {
            return false;
        };
        let Some(word) = words.get(start) else {
            return false;
        };
        self.index
            .get(word.as_str())
            .into_iter()
            .flatten()
            .any(|&i| {
                let (c, phrase) = &self.entries[i];
                *c == class && phrase.matches_at(words, start)
            })
    }

    /// Whether the words name a point or stretch of time by number: a word of the `stage`
    /// class next to a number ("Day 1", "first 48 hours", "Weeks 2 to 6", "Stage 3") or to
    /// a word of the `number` class ("Six weeks on", "The second week"). Clinics head the
    /// steps of a recovery plan this way without any word a topic cue could name.
    pub(crate) fn numbered_time(&self, words: &[String]) -> bool {
        let number = |i: usize| {
            words
                .get(i)
                .is_some_and(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
                || self.starts_at("number", words, i)
        };
        (0..words.len()).any(|i| {
            self.starts_at("stage", words, i) && (number(i + 1) || (i > 0 && number(i - 1)))
        })
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
    fn a_time_word_next_to_a_number_is_a_numbered_time() {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut raw = BTreeMap::new();
        raw.insert(
            "stage".to_string(),
            vec!["day".into(), "week".into(), "hour".into()],
        );
        raw.insert("number".to_string(), vec!["six".into()]);
        let classes = WordClasses::compile(&raw, &stemmer).expect("the classes compile");
        let timed = |h: &str| classes.numbered_time(&stems(h, &stemmer));
        assert!(timed("Day 1 to day 3"));
        assert!(timed("Six weeks on"));
        assert!(timed("The first 48 hours"));
        assert!(!timed("Days ahead"));
        assert!(!timed("Your day"));
        assert!(!timed("Call 999 today"));
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
