//! Counts the syllables of a Spanish word from its spelling.
//!
//! Spanish spelling is close to its sound, so rules do what a dictionary does for English. A
//! syllable has one vowel nucleus; the counter finds the nuclei by these rules of Spanish
//! orthography (Real Academia Española, *Ortografía* 2010, §1.4 on diphthongs, triphthongs and
//! hiatus):
//!
//! - the open vowels are a, e, o (with or without an accent); the closed ones are i, u, ü;
//! - an open vowel next to an unaccented closed one is a diphthong, one nucleus ("cau-sa",
//!   "pie-dra", "cuan-do"); so are two different closed vowels ("ciu-dad", "cui-da-do");
//! - two open vowels are a hiatus, two nuclei ("le-er", "po-e-ta", "ca-í-da");
//! - an accented closed vowel (í, ú) is a nucleus of its own, whatever is next to it
//!   ("dí-a", "ba-úl", "o-í-do", "re-ír"); so is a doubled closed vowel ("chi-i-ta");
//! - closed + open + closed is a triphthong, one nucleus ("U-ru-guay", "es-tu-diáis");
//! - "u" is silent in "que", "qui" and in "gue", "gui" ("que-so", "gui-so"), but not when
//!   written "ü" ("pin-güi-no");
//! - "y" is a vowel when it is the whole word ("y") or ends a word after a vowel, where it
//!   closes a diphthong ("hoy", "muy", "Pa-ra-guay"); elsewhere it is a consonant ("ma-yo");
//! - "h" between two vowels does not part them: they form a diphthong or a hiatus as if it
//!   were not there ("prohi-bir", "ahu-ma-do", but "bú-ho", "al-co-hol").
//!
//! As in the English counter, parts of a hyphenated word are counted apart and added, a part
//! with a digit counts as one, and a dotted abbreviation ("p.ej") or a string of capitals
//! without a vowel ("PCR") is read letter by letter; "OMS" or "TAC" is read as a word.

/// Syllables in one word as the tokenizer yields it; 0 for a string with no letter or digit.
pub fn count(word: &str) -> usize {
    word.split(super::super::syllables::is_hyphen)
        .map(count_part)
        .sum()
}

fn count_part(part: &str) -> usize {
    if part.chars().any(|c| c.is_numeric()) {
        return 1;
    }
    let letters: Vec<char> = part
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    if letters.is_empty() {
        return 0;
    }
    let capitals = part.chars().filter(|c| c.is_uppercase()).count();
    let spelled = part.contains('.')
        || (letters.len() >= 2 && capitals == letters.len() && !letters.iter().any(|&c| vowel(c)));
    if spelled {
        // "p.ej", "DNI" without a vowel: one syllable a letter, as read aloud.
        return letters.len();
    }
    nuclei(&letters).max(1)
}

/// Whether `c` is a written vowel letter (not counting "y").
fn vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'e'
            | 'i'
            | 'o'
            | 'u'
            | 'á'
            | 'é'
            | 'í'
            | 'ó'
            | 'ú'
            | 'ü'
            | 'à'
            | 'è'
            | 'ì'
            | 'ò'
            | 'ù'
            | 'ï'
    )
}

/// Open vowels (a, e, o), accented or not.
fn open(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'o' | 'á' | 'é' | 'ó' | 'à' | 'è' | 'ò')
}

/// A closed vowel written with an accent: always a nucleus of its own.
fn stressed_closed(c: char) -> bool {
    matches!(c, 'í' | 'ú' | 'ì' | 'ù' | 'ï')
}

/// Which letters of the word sound as vowels: silent "u" in "qu" and "gue/gui" is not one,
/// and "y" is one only alone or at the end after a vowel.
fn sounding(w: &[char]) -> Vec<bool> {
    let n = w.len();
    (0..n)
        .map(|i| {
            let c = w[i];
            let prev = i.checked_sub(1).map(|p| w[p]);
            let next = w.get(i + 1).copied();
            match c {
                'u' if prev == Some('q') => false,
                'u' if prev == Some('g') && matches!(next, Some('e' | 'i' | 'é' | 'í')) => false,
                'y' => n == 1 || (i + 1 == n && prev.is_some_and(vowel)),
                _ => vowel(c),
            }
        })
        .collect()
}

/// Whether the vowel `b` right after the vowel `a` starts a new nucleus (a hiatus).
fn hiatus(a: char, b: char) -> bool {
    let (a, b) = (as_vowel(a), as_vowel(b));
    (open(a) && open(b)) || stressed_closed(a) || stressed_closed(b) || a == b
}

/// "y" closing a diphthong behaves as "i".
fn as_vowel(c: char) -> char {
    if c == 'y' {
        'i'
    } else {
        c
    }
}

/// The number of vowel nuclei in a lowercase word.
fn nuclei(w: &[char]) -> usize {
    let is_vowel = sounding(w);
    let mut count = 0;
    // The last sounding vowel of the current run of vowels, if any.
    let mut last: Option<char> = None;
    for (i, &c) in w.iter().enumerate() {
        let silent_h = c == 'h' && last.is_some() && is_vowel.get(i + 1) == Some(&true);
        if silent_h {
            continue;
        }
        if !is_vowel[i] {
            // Consonants, and a silent "u" after "q" or "g", end the run of vowels.
            last = None;
            continue;
        }
        match last {
            Some(a) if !hiatus(a, c) => {}
            _ => count += 1,
        }
        last = Some(c);
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words with their syllable count, split as the RAE's rules split them; see the file's
    /// header for the sources of the counts.
    const WORDS: &str = include_str!("syllables_test.txt");

    fn entries() -> Vec<(&'static str, usize)> {
        WORDS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let (word, split) = l.split_once(' ').expect("word and split");
                (word, split.trim().split('-').count())
            })
            .collect()
    }

    #[test]
    fn word_list_is_large_and_well_formed() {
        let list = entries();
        assert!(list.len() >= 200, "only {} words", list.len());
        for (word, _) in &list {
            assert!(!word.contains('-'), "{word}");
        }
        for line in WORDS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let (word, split) = line.split_once(' ').expect("word and split");
            assert_eq!(
                word,
                split.replace('-', ""),
                "the split spells the word: {line}"
            );
        }
    }

    #[test]
    fn counts_every_listed_word() {
        let wrong: Vec<String> = entries()
            .into_iter()
            .filter(|&(w, n)| count(w) != n)
            .map(|(w, n)| format!("{w}: expected {n}, counted {}", count(w)))
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn capitals_numbers_and_compounds() {
        assert_eq!(count("Murciélago"), 4);
        assert_eq!(count("PCR"), 3);
        assert_eq!(count("OMS"), 1);
        assert_eq!(count("COVID-19"), 3);
        assert_eq!(count("físico-químico"), 6);
        assert_eq!(count("p.ej"), 3);
        assert_eq!(count("2,5"), 1);
        assert_eq!(count("¿"), 0);
        assert_eq!(count("y"), 1);
    }
}
