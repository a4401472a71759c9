//! Picks the sentences an editor should rewrite first.
//!
//! Ranking by each sentence's own Flesch–Kincaid grade would put short
//! headings and list items with one long word ("Physiotherapy" alone scores
//! grade 55) above a 40-word sentence, although rewriting the heading barely
//! changes the page. So each sentence is ranked by its share of the page's
//! difficulty: its words times its own grade. Averaged over the page's words,
//! those shares give the page's Flesch–Kincaid grade (except that the
//! sentence-length term uses the mean of squared lengths, which weighs one
//! very long sentence a little more, as a reader would), so the top of the
//! ranking is where rewriting lowers the page's grade most: long sentences
//! and sentences dense with long words. Each result reports the sentence's
//! own grade, for display.
//!
//! Spanish sentences are ranked the same way with Szigriszt-Pazos in place
//! of the grade: words times (206.835 − the sentence's score), which grows
//! with its length and its syllables per word alike.

use super::{flesch_kincaid, sentences, spanish, words, Counts, HardSentence, Language, Passage};

/// Long words quoted in a reason: enough to show the problem, few enough to
/// keep the line short.
const QUOTED_LONG_WORDS: usize = 3;

/// One sentence found in the input.
struct Found<'a> {
    text: &'a str,
    line: usize,
    counts: Counts,
}

/// The `n` hardest sentences of `passages`, hardest first (ties keep source
/// order), each with the line it starts on. Fewer when there are fewer
/// sentences; sentences without words are skipped.
pub fn hardest_sentences(passages: &[Passage], n: usize) -> Vec<HardSentence> {
    hardest_sentences_in(passages, n, Language::English)
}

/// [`hardest_sentences`] of a text in `language`; none for a language
/// without a formula.
pub fn hardest_sentences_in(
    passages: &[Passage],
    n: usize,
    language: Language,
) -> Vec<HardSentence> {
    if n == 0 || language == Language::NotScored {
        return Vec::new();
    }
    let found = collect(passages, language);
    let share = |c: &Counts| c.words as f64 * difficulty(c, language);
    let mut ranked: Vec<(f64, usize)> = found
        .iter()
        .enumerate()
        .map(|(i, f)| (share(&f.counts), i))
        .collect();
    // Stable sort, so equal shares keep source order.
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked
        .into_iter()
        .take(n)
        .map(|(_, i)| describe(&found[i], language))
        .collect()
}

/// How hard one sentence is, higher is harder.
fn difficulty(c: &Counts, language: Language) -> f64 {
    match language {
        Language::Spanish => 206.835 - spanish::szigriszt_pazos(c.words, 1, c.syllables),
        Language::English | Language::NotScored => flesch_kincaid(c.words, 1, c.syllables),
    }
}

fn collect<'a>(passages: &[Passage<'a>], language: Language) -> Vec<Found<'a>> {
    let mut found = Vec::new();
    for passage in passages {
        for (offset, text) in sentences::sentences_in(passage.text, language) {
            let counts = Counts::of(text, language);
            if counts.words == 0 {
                continue;
            }
            let line = passage.line + passage.text[..offset].matches('\n').count();
            found.push(Found { text, line, counts });
        }
    }
    found
}

fn describe(found: &Found, language: Language) -> HardSentence {
    let c = found.counts;
    let grade = match language {
        Language::Spanish => spanish::szigriszt_pazos(c.words, 1, c.syllables),
        Language::English | Language::NotScored => flesch_kincaid(c.words, 1, c.syllables).max(0.0),
    };
    HardSentence {
        text: found.text.split_whitespace().collect::<Vec<_>>().join(" "),
        line: found.line,
        words: c.words,
        long_words: c.polysyllables,
        grade,
        reason: reason(found.text, c, language),
    }
}

/// "32 words; 6 words of 3+ syllables (osteoporosis, inflammation, …)".
fn reason(text: &str, c: Counts, language: Language) -> String {
    let long = language.long_word();
    let mut reason = crate::diagnostic::plural(c.words, "word");
    if c.polysyllables > 0 {
        let mut examples: Vec<&str> = Vec::new();
        for word in words::words(text).filter(|w| language.syllables(w) >= long) {
            if examples.len() < QUOTED_LONG_WORDS
                && !examples.iter().any(|e| e.eq_ignore_ascii_case(word))
            {
                examples.push(word);
            }
        }
        let more = if c.polysyllables > examples.len() {
            ", …"
        } else {
            ""
        };
        reason.push_str(&format!(
            "; {} of {long}+ syllables ({}{more})",
            crate::diagnostic::plural(c.polysyllables, "word"),
            examples.join(", ")
        ));
    }
    reason
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "Rest your knee for a day or two and keep it raised on a pillow.\n\
                        Physiotherapy exercises, anti-inflammatory medication and\n\
                        gradual reintroduction of activity usually reduce inflammation considerably. \
                        Put ice on it for ten minutes at a time.";

    fn page() -> Vec<Passage<'static>> {
        vec![
            Passage { text: "Knee pain", line: 1 },
            Passage { text: PAGE, line: 3 },
            Passage { text: "Walk a little every day, and stop if it hurts more than it did before you started.", line: 7 },
            Passage { text: "Wear shoes that fit well.", line: 9 },
            Passage { text: "Most people feel better in a few weeks.", line: 11 },
            Passage { text: "Physiotherapy", line: 13 },
        ]
    }

    #[test]
    fn ranks_dense_long_sentences_first_with_their_lines() {
        let hard = hardest_sentences(&page(), 2);
        assert_eq!(hard.len(), 2);
        assert!(hard[0].text.starts_with("Physiotherapy exercises"));
        assert_eq!(hard[0].line, 4);
        assert!(!hard[0].text.contains('\n'));
        assert_eq!(hard[1].line, 7);
        assert!(hard[0].grade > hard[1].grade);
        assert_eq!(hard[0].words, 13);
        assert!(hard[0].reason.starts_with("13 words; 10 words of 3+ syllables (Physiotherapy, exercises, anti-inflammatory, …)"), "{}", hard[0].reason);
        assert_eq!(hard[1].reason, "17 words; 1 word of 3+ syllables (every)");
    }

    #[test]
    fn short_headings_do_not_outrank_long_sentences() {
        let hard = hardest_sentences(&page(), 10);
        assert_eq!(hard.len(), 8);
        let heading = hard
            .iter()
            .position(|h| h.text == "Physiotherapy")
            .expect("heading is listed");
        let long = hard
            .iter()
            .position(|h| h.line == 7)
            .expect("long sentence is listed");
        assert!(long < heading);
    }

    #[test]
    fn edge_cases() {
        assert!(hardest_sentences(&[], 3).is_empty());
        assert!(hardest_sentences(
            &[Passage {
                text: "...",
                line: 1
            }],
            3
        )
        .is_empty());
        assert!(hardest_sentences(
            &[Passage {
                text: "Rest.",
                line: 1
            }],
            0
        )
        .is_empty());
        let one = hardest_sentences(
            &[Passage {
                text: "Rest. Rest.",
                line: 5,
            }],
            5,
        );
        assert_eq!(one.len(), 2);
        assert_eq!(
            (one[0].line, one[0].reason.as_str(), one[0].grade),
            (5, "1 word", 0.0)
        );
    }
}
