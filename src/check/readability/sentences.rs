//! Splits a block of prose into sentences.
//!
//! A sentence ends at ".", "?", "!" or an ellipsis, together with any closing
//! quotes or brackets after it, when whitespace or the end of the block
//! follows. That alone keeps decimals ("2.5 mg") and "e.g.," whole. A single
//! "." after an abbreviation is then judged by the abbreviation's kind:
//!
//! - titles and lead-ins never end a sentence: "Dr. Patel", "e.g. rest",
//!   "approx. 5", "St. John's wort", and an initial after a title ("Dr. A. Shah");
//! - abbreviations that stand before a number do not end one before a digit:
//!   "No. 5", "Fig. 2", "Mar. 3";
//! - abbreviations that can close a sentence ("etc.", "a.m.", "min.", "hrs.",
//!   and any dotted abbreviation such as "U.S.") end one only when the next
//!   word starts with a capital letter that is not a day or month: "at 9 a.m.
//!   Bring" splits, "at 9 a.m. on Monday" and "9 a.m. Monday" do not;
//! - an ellipsis ends a sentence only before a capital letter too, since it
//!   more often marks a pause ("wait... then go").
//!
//! A "?" or "!" ends a sentence unless a lowercase word follows, as in
//! dialogue ("\"Sam?\" called a nurse.").
//!
//! The end of the block always ends a sentence, so a list item or heading
//! without a final period is a sentence of its own, as is a line of the block
//! that starts with a list marker. A list marker ("1.", "2)", "-", "•") at the
//! start of the block or of a line is not part of any sentence: it is neither
//! a sentence of its own nor a word.

use super::language::{Abbreviations, Language};

/// Abbreviations (lowercase, without the final point) that never end a sentence.
const LEAD_INS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "mx", "prof", "rev", "st", "mt", "e.g", "i.e", "eg", "ie", "cf", "vs",
    "viz", "approx", "incl", "esp", "ca", "appt",
];

/// Abbreviations that do not end a sentence when a number follows.
const BEFORE_NUMBER: &[&str] = &[
    "no", "nos", "fig", "figs", "vol", "p", "pp", "ch", "tel", "ext", "ref", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Abbreviations that end a sentence only before a capitalised word.
const MAY_END: &[&str] = &[
    "etc", "min", "mins", "hr", "hrs", "sec", "secs", "wk", "wks", "mo", "mos", "yr", "yrs", "jr",
    "sr", "inc", "ltd", "co", "corp", "dept", "oz", "lb", "lbs", "tsp", "tbsp", "al", "max", "avg",
    "am", "pm",
];

/// Titles after which a single capital letter and point is an initial.
const TITLES: &[&str] = &["dr", "mr", "mrs", "ms", "mx", "prof", "rev"];

/// The English abbreviations above, as the splitter takes them.
pub(crate) const ENGLISH: Abbreviations = Abbreviations {
    lead_ins: LEAD_INS,
    before_number: BEFORE_NUMBER,
    may_end: MAY_END,
    titles: TITLES,
    capital_dates: true,
};

/// Closing quotes and brackets that belong to the sentence they follow.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ']' | '}' | '\u{bb}' | '\u{203a}'
    )
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '\u{2026}')
}

/// The sentences of English `text` with their byte offsets, trimmed of
/// surrounding whitespace and leading list markers. Pieces with no letter or
/// digit (a stray "..." or "—") are not sentences and are left out.
pub fn split_sentences(text: &str) -> Vec<(usize, &str)> {
    sentences(text).collect()
}

/// [`split_sentences`] for text in `language`, whose abbreviations differ
/// ("p. ej.", "Sra." in Spanish). Inverted marks ("¿", "¡") open a sentence
/// and never end one, so they need no rule of their own.
pub fn split_sentences_in(text: &str, language: Language) -> Vec<(usize, &str)> {
    sentences_in(text, language).collect()
}

/// Lazy form of [`split_sentences`], used when scoring to avoid a vector per
/// block.
pub(crate) fn sentences(text: &str) -> Sentences<'_> {
    sentences_in(text, Language::English)
}

/// Lazy form of [`split_sentences_in`].
pub(crate) fn sentences_in(text: &str, language: Language) -> Sentences<'_> {
    Sentences {
        text,
        pos: 0,
        abbr: language.abbreviations(),
    }
}

/// Iterator over the sentences of a block; see [`split_sentences`].
pub(crate) struct Sentences<'a> {
    text: &'a str,
    pos: usize,
    abbr: &'static Abbreviations,
}

impl<'a> Iterator for Sentences<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        while self.pos < self.text.len() {
            let start = skip_to_sentence(self.text, self.pos);
            let end = find_end(self.text, start, self.abbr);
            self.pos = end;
            let sentence = self.text[start..end].trim_end();
            if sentence.chars().any(char::is_alphanumeric) {
                return Some((start, sentence));
            }
        }
        None
    }
}

/// Skips whitespace, and a list marker when at the start of a line.
fn skip_to_sentence(text: &str, mut pos: usize) -> usize {
    loop {
        let rest = &text[pos..];
        let trimmed = rest.trim_start();
        pos += rest.len() - trimmed.len();
        let line_start = text[..pos].trim_end_matches([' ', '\t']).ends_with('\n')
            || text[..pos].trim().is_empty();
        match list_marker_len(trimmed) {
            Some(len) if line_start => pos += len,
            _ => return pos,
        }
    }
}

/// Length of a list marker ("12. ", "3) ", "- ", "• ") at the start of `s`,
/// including the space after it.
fn list_marker_len(s: &str) -> Option<usize> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let marker =
        if (1..=3).contains(&digits) && matches!(s.as_bytes().get(digits), Some(b'.' | b')')) {
            digits + 1
        } else {
            s.chars()
                .next()
                .filter(|c| matches!(c, '-' | '*' | '+' | '\u{2022}' | '\u{2013}'))
                .map(char::len_utf8)?
        };
    let space = s[marker..].chars().next().filter(|c| c.is_whitespace())?;
    Some(marker + space.len_utf8())
}

/// Byte offset just past the sentence that starts at `start`.
fn find_end(text: &str, start: usize, abbr: &Abbreviations) -> usize {
    let mut chars = text[start..]
        .char_indices()
        .map(|(i, c)| (start + i, c))
        .peekable();
    while let Some((at, c)) = chars.next() {
        if c == '\n' {
            let after = &text[at + 1..];
            let next_line = after.trim_start_matches([' ', '\t']);
            if next_line.starts_with('\n') || list_marker_len(next_line).is_some() {
                return at;
            }
            continue;
        }
        if !is_terminator(c) {
            continue;
        }
        // The whole run of terminators, then closing quotes and brackets.
        let mut end = at + c.len_utf8();
        let mut run = &text[at..end];
        while let Some(&(i, c)) = chars.peek() {
            if is_terminator(c) {
                end = i + c.len_utf8();
                run = &text[at..end];
            } else if is_closer(c) {
                end = i + c.len_utf8();
            } else {
                break;
            }
            chars.next();
        }
        let after = &text[end..];
        if !after.is_empty() && !after.starts_with(char::is_whitespace) {
            continue; // "2.5", "e.g.,", "U.S.-based"
        }
        if ends_sentence(text, at, run, after, abbr) {
            return end;
        }
    }
    text.len()
}

/// Whether the terminators `run`, found at byte `at`, end the sentence.
fn ends_sentence(text: &str, at: usize, run: &str, after: &str, abbr: &Abbreviations) -> bool {
    let next = after.trim_start().chars().find(|c| c.is_alphanumeric());
    let capital_next = next.is_some_and(char::is_uppercase);
    if run.contains(['?', '!']) {
        // "\"Sam?\" called a nurse": a lowercase word carries the sentence on.
        return !next.is_some_and(char::is_lowercase);
    }
    if run != "." {
        return capital_next || after.trim().is_empty(); // an ellipsis
    }
    let before = &text[..at];
    let token_start = start_of_trailing_run(before, |c| c.is_alphanumeric() || c == '.');
    let token = &before[token_start..];
    let is = |list: &[&str]| list.iter().any(|a| a.eq_ignore_ascii_case(token));
    if is(abbr.lead_ins) {
        return false;
    }
    if is(abbr.before_number) {
        return !after.trim_start().starts_with(|c: char| c.is_ascii_digit());
    }
    if is(abbr.may_end) || (token.contains('.') && token.chars().any(char::is_alphabetic)) {
        return capital_next && !(abbr.capital_dates && day_or_month_next(after));
    }
    let mut letters = token.chars();
    if let (Some(c), None) = (letters.next(), letters.next()) {
        if c.is_uppercase() && follows_title_or_initial(&before[..token_start], abbr.titles) {
            return false;
        }
    }
    true
}

/// Whether the next word names a day or month, as after "9 a.m." or "etc."
/// in a timetable: those are capitalised without starting a sentence.
fn day_or_month_next(after: &str) -> bool {
    const NAMES: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ];
    let rest = after.trim_start();
    let word = &rest[..rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len())];
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(word))
}

/// The byte offset where the run of characters matching `keep` at the end of
/// `text` begins. Works on characters, not bytes: the character before the run
/// may be a no-break space, a curly quote or an emoji, several bytes long.
fn start_of_trailing_run(text: &str, keep: impl Fn(char) -> bool) -> usize {
    text.char_indices()
        .rev()
        .find(|&(_, c)| !keep(c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// Whether `before` ends with a title ("Dr. ") or an initial ("J. ").
fn follows_title_or_initial(before: &str, titles: &[&str]) -> bool {
    let Some(head) = before.trim_end().strip_suffix('.') else {
        return false;
    };
    let word_start = start_of_trailing_run(head, char::is_alphabetic);
    let word = &head[word_start..];
    titles.iter().any(|t| t.eq_ignore_ascii_case(word))
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split_sentences(text).into_iter().map(|(_, s)| s).collect()
    }

    #[test]
    fn basic_terminators() {
        assert_eq!(
            texts("Rest your knee. Does it hurt? Call us!"),
            ["Rest your knee.", "Does it hurt?", "Call us!"]
        );
        assert_eq!(texts("No final period"), ["No final period"]);
        assert_eq!(texts("Really?! Yes."), ["Really?!", "Yes."]);
        assert_eq!(
            texts("\"Sam?\" called a nurse. \"Stop!\" he said."),
            ["\"Sam?\" called a nurse.", "\"Stop!\" he said."]
        );
    }

    #[test]
    fn characters_of_several_bytes_before_a_full_stop() {
        // Text pasted from a word processor: no-break spaces, curly quotes, degrees, pounds,
        // dashes, accents and emoji right before the terminator or the token before it.
        for text in [
            "Keep it at 20\u{a0}°C. Then rest.",
            "It costs £5. Pay at the desk.",
            "Rest \u{2014}really. Then walk.",
            "Ask for \u{201c}Dr.\u{201d} Ortiz. She knows.",
            "See the café. It is open.",
            "You did well 👍. Keep going.",
            "x\u{a0}Dr. Patel will see you.",
            "Ask Mr\u{a0}J. Smith. He helps.",
        ] {
            let parts = split_sentences(text);
            let joined: String = parts.iter().map(|(_, s)| *s).collect::<Vec<_>>().join(" ");
            assert!(!parts.is_empty(), "{text}");
            assert_eq!(
                joined.split_whitespace().count(),
                text.split_whitespace().count()
            );
        }
        assert_eq!(
            texts("It costs £5. Pay at the desk."),
            ["It costs £5.", "Pay at the desk."]
        );
    }

    #[test]
    fn offsets_point_at_the_sentence() {
        let text = "  First one.  Second one.";
        for (offset, sentence) in split_sentences(text) {
            assert_eq!(&text[offset..offset + sentence.len()], sentence);
        }
        assert_eq!(split_sentences(text)[1].0, 14);
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            texts("Dr. Patel and Mrs. Jones will see you."),
            ["Dr. Patel and Mrs. Jones will see you."]
        );
        assert_eq!(
            texts("Take it with food, e.g. toast, i.e. something dry."),
            ["Take it with food, e.g. toast, i.e. something dry."]
        );
        assert_eq!(
            texts("It takes approx. 20 min. and then you rest."),
            ["It takes approx. 20 min. and then you rest."]
        );
        assert_eq!(
            texts("Ice vs. heat: see Fig. 2 and form No. 7 first."),
            ["Ice vs. heat: see Fig. 2 and form No. 7 first."]
        );
        assert_eq!(
            texts("Try St. John's wort with Dr. A. Shah."),
            ["Try St. John's wort with Dr. A. Shah."]
        );
        assert_eq!(
            texts("Come at 9 a.m. on Monday, or 2 p.m. Tuesday."),
            ["Come at 9 a.m. on Monday, or 2 p.m. Tuesday."]
        );
        assert_eq!(
            texts("Open 9 a.m. Monday to Friday."),
            ["Open 9 a.m. Monday to Friday."]
        );
        assert_eq!(
            texts("Shut 2 p.m. Mar. 3, etc. Then rest."),
            ["Shut 2 p.m. Mar. 3, etc.", "Then rest."]
        );
    }

    #[test]
    fn abbreviations_can_still_end_a_sentence() {
        assert_eq!(
            texts("Bring pads, tape, etc. We supply the rest."),
            ["Bring pads, tape, etc.", "We supply the rest."]
        );
        assert_eq!(
            texts("We open at 8 a.m. Please be on time."),
            ["We open at 8 a.m.", "Please be on time."]
        );
        assert_eq!(
            texts("Ice it for 10 min. Then rest."),
            ["Ice it for 10 min.", "Then rest."]
        );
        assert_eq!(
            texts("The answer is no. Then ask again."),
            ["The answer is no.", "Then ask again."]
        );
        assert_eq!(
            texts("Take vitamin D. It helps."),
            ["Take vitamin D.", "It helps."]
        );
    }

    #[test]
    fn decimals_and_numbers() {
        assert_eq!(
            texts("Take 2.5 mg twice a day. Drink 1.5 litres."),
            ["Take 2.5 mg twice a day.", "Drink 1.5 litres."]
        );
        assert_eq!(
            texts("The dose is 5. Do not take more."),
            ["The dose is 5.", "Do not take more."]
        );
    }

    #[test]
    fn numbered_and_bulleted_lists() {
        assert_eq!(texts("1. Rest your knee."), ["Rest your knee."]);
        assert_eq!(texts("12) Lie down"), ["Lie down"]);
        assert_eq!(
            texts("Do this:\n1. Rest\n2. Ice\n- Elevate"),
            ["Do this:", "Rest", "Ice", "Elevate"]
        );
        assert_eq!(split_sentences("2. Ice it")[0], (3, "Ice it"));
        // A number that merely starts a line of a wrapped paragraph stays.
        assert_eq!(texts("Take\n2 tablets."), ["Take\n2 tablets."]);
    }

    #[test]
    fn quotes_brackets_and_ellipses() {
        assert_eq!(
            texts("He said \"stop.\" Then he left."),
            ["He said \"stop.\"", "Then he left."]
        );
        assert_eq!(texts("(See your GP.) Rest."), ["(See your GP.)", "Rest."]);
        assert_eq!(texts("Wait... then stand up."), ["Wait... then stand up."]);
        assert_eq!(
            texts("Wait\u{2026} Then stand up."),
            ["Wait\u{2026}", "Then stand up."]
        );
    }

    #[test]
    fn paragraphs_and_empty_pieces() {
        assert_eq!(
            texts("A line\nthat wraps. Next."),
            ["A line\nthat wraps.", "Next."]
        );
        assert_eq!(texts("One\n\nTwo"), ["One", "Two"]);
        assert!(texts("").is_empty());
        assert!(texts("  ... \u{2014} ").is_empty());
    }
}
