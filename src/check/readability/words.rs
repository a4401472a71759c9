//! Splits a sentence into the words that readability formulas count.
//!
//! A word is a run of letters or digits. A few characters join two runs into
//! one word when nothing but that character separates them, because a reader
//! takes the whole thing in as one word:
//!
//! - an apostrophe between letters: "don't", "patient's" (curly or straight);
//! - a hyphen between letters or digits: "well-being", "COVID-19", "24-hour".
//!   Like textstat, a hyphenated compound is one word; unlike textstat (which
//!   deletes the hyphen and guesses the syllables of "wellbeing"), its
//!   syllables are those of its parts added up (see `syllables.rs`);
//! - a point between digits or between letters: "2.5", "a.m", "e.g";
//! - a comma before three digits, a slash, colon or en dash between digits:
//!   "1,200", "24/7", "10:30", "2–3".
//!
//! Everything else separates words: spaces, other punctuation, em dashes
//! ("pain—especially" is two words, where textstat sees one), slashes between
//! letters ("and/or" is two). Symbols such as "%" or "°" are not words.

/// The words of `text`, in order, as slices of it.
pub(crate) fn words(text: &str) -> Words<'_> {
    Words { text, pos: 0 }
}

/// Iterator over the words of a text; see [`words`].
pub(crate) struct Words<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = &self.text[self.pos..];
        let start = self.pos + rest.find(|c: char| c.is_alphanumeric())?;
        let mut end = start;
        let mut prev = '\0';
        for (offset, c) in self.text[start..].char_indices() {
            if c.is_alphanumeric() {
                end = start + offset + c.len_utf8();
                prev = c;
                continue;
            }
            let after = &self.text[start + offset + c.len_utf8()..];
            let next = after.chars().next().unwrap_or('\0');
            if joins(prev, c, next, after) {
                prev = c;
                continue;
            }
            break;
        }
        self.pos = end;
        Some(&self.text[start..end])
    }
}

/// Whether `c`, between `prev` and `next` (`after` is the text after `c`),
/// keeps one word going.
fn joins(prev: char, c: char, next: char, after: &str) -> bool {
    let letters = prev.is_alphabetic() && next.is_alphabetic();
    let digits = prev.is_numeric() && next.is_numeric();
    match c {
        '\'' | '\u{2019}' | '\u{02bc}' => letters,
        '-' | '\u{2010}' | '\u{2011}' => prev.is_alphanumeric() && next.is_alphanumeric(),
        '.' => letters || digits,
        ',' => digits && thousands(after),
        '/' | ':' | '\u{2013}' => digits,
        _ => false,
    }
}

/// "200" in "1,200": exactly three digits, then no digit.
fn thousands(after: &str) -> bool {
    let mut chars = after.chars();
    (0..3).all(|_| chars.next().is_some_and(|c| c.is_ascii_digit()))
        && !chars.next().is_some_and(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(text: &str) -> Vec<&str> {
        words(text).collect()
    }

    #[test]
    fn plain_words_and_punctuation() {
        assert_eq!(
            list("Rest, then (gently) stretch."),
            ["Rest", "then", "gently", "stretch"]
        );
        assert_eq!(list(""), Vec::<&str>::new());
        assert_eq!(list(" -- ... "), Vec::<&str>::new());
    }

    #[test]
    fn joiners() {
        assert_eq!(
            list("Don\u{2019}t skip the patient's well-being."),
            ["Don\u{2019}t", "skip", "the", "patient's", "well-being"]
        );
        assert_eq!(
            list("Take 2.5 mg, 1,200 times, 24/7 at 10:30 for 2\u{2013}3 days."),
            [
                "Take",
                "2.5",
                "mg",
                "1,200",
                "times",
                "24/7",
                "at",
                "10:30",
                "for",
                "2\u{2013}3",
                "days"
            ]
        );
        assert_eq!(
            list("At 9 a.m. (e.g. today)"),
            ["At", "9", "a.m", "e.g", "today"]
        );
        assert_eq!(
            list("COVID-19 and/or flu"),
            ["COVID-19", "and", "or", "flu"]
        );
    }

    #[test]
    fn separators() {
        assert_eq!(list("pain\u{2014}especially"), ["pain", "especially"]);
        assert_eq!(list("1, 2, 3"), ["1", "2", "3"]);
        assert_eq!(list("50% of 'patients'"), ["50", "of", "patients"]);
        assert_eq!(list("end- of"), ["end", "of"]);
        assert_eq!(list("5,00 12,3456"), ["5", "00", "12", "3456"]);
    }
}
