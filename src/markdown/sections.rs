//! Section kinds and the keyword rules that classify `##` headings.
//!
//! Takes in the plain text of a `##` heading (and, once per site, the
//! `topics` patterns from `site.yaml`); gives out a [`SectionKind`]. The
//! render stage calls [`TopicRules::classify`] for each `##` heading that has
//! no explicit kind class such as `{.benefits}`.
//!
//! Matching works on words, not characters: the heading and each pattern are
//! lower-cased and split into runs of letters and digits (so "Side-effects"
//! and "side effects" are the same words, and an apostrophe splits "what's"
//! into "what" and "s" on both sides). A pattern matches when its words occur
//! consecutively somewhere in the heading. `*` stands for one or more heading
//! words. A final "s" is ignored on words of four or more letters, on both
//! sides, so "how * helps" matches "How heat and cold help" and "benefits"
//! matches "Benefit", while short words such as "is" and "its" stay apart.

use serde::Serialize;

use super::anchors::push_lower;

/// What a `##` section of an article is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    /// What the treatment or condition is.
    Overview,
    /// How it helps the patient.
    Benefits,
    /// What happens before, during and after a visit.
    WhatToExpect,
    /// Risks, side effects and who should avoid it.
    Precautions,
    /// A group of questions (`###`) with their answers.
    Faq,
    /// Anything else.
    Plain,
}

impl SectionKind {
    /// The kinds that get topic pages and hubs.
    pub const TOPICS: [SectionKind; 3] = [
        SectionKind::Benefits,
        SectionKind::WhatToExpect,
        SectionKind::Precautions,
    ];

    /// Every kind, in declaration order.
    pub const ALL: [SectionKind; 6] = [
        SectionKind::Overview,
        SectionKind::Benefits,
        SectionKind::WhatToExpect,
        SectionKind::Precautions,
        SectionKind::Faq,
        SectionKind::Plain,
    ];

    /// The kebab-case key: the heading class, the `site.yaml` key and the
    /// URL segment of topic pages.
    pub fn key(self) -> &'static str {
        match self {
            SectionKind::Overview => "overview",
            SectionKind::Benefits => "benefits",
            SectionKind::WhatToExpect => "what-to-expect",
            SectionKind::Precautions => "precautions",
            SectionKind::Faq => "faq",
            SectionKind::Plain => "plain",
        }
    }

    /// The inverse of [`SectionKind::key`]; `None` for any other string.
    pub fn from_key(key: &str) -> Option<Self> {
        SectionKind::ALL.into_iter().find(|kind| kind.key() == key)
    }

    /// A short human label, for hubs and navigation.
    pub fn label(self) -> &'static str {
        match self {
            SectionKind::Overview => "Overview",
            SectionKind::Benefits => "Benefits",
            SectionKind::WhatToExpect => "What to expect",
            SectionKind::Precautions => "Precautions",
            SectionKind::Faq => "Questions",
            SectionKind::Plain => "Section",
        }
    }

    /// Whether this kind gets topic pages and hubs.
    pub fn is_topic(self) -> bool {
        SectionKind::TOPICS.contains(&self)
    }
}

/// The built-in patterns, tried in this order after any site patterns.
///
/// The order decides mixed headings. Questions come first: "Common questions
/// about side effects" is a question group whatever it is about. Precautions
/// come next, so "Risks and benefits" and "Benefits and risks" are filed with
/// the safety information a patient must not miss. Overview comes last
/// because its words ("what is", "about") also open many headings that name
/// a more specific topic ("What are the benefits?").
const DEFAULT_PATTERNS: &[(SectionKind, &str)] = &[
    (SectionKind::Faq, "faq"),
    (SectionKind::Faq, "faqs"),
    (SectionKind::Faq, "frequently asked questions"),
    (SectionKind::Faq, "common questions"),
    (SectionKind::Faq, "questions and answers"),
    (SectionKind::Faq, "questions about *"),
    (SectionKind::Faq, "q&a"),
    (SectionKind::Precautions, "precautions"),
    (SectionKind::Precautions, "risks"),
    (SectionKind::Precautions, "side effects"),
    (SectionKind::Precautions, "considerations"),
    (SectionKind::Precautions, "contraindications"),
    (SectionKind::Precautions, "who should not"),
    (SectionKind::Precautions, "who shouldn't"),
    (SectionKind::Precautions, "who should avoid"),
    (SectionKind::Precautions, "when to avoid"),
    (SectionKind::Precautions, "safety"),
    (SectionKind::Precautions, "warnings"),
    (SectionKind::Precautions, "is it safe"),
    (SectionKind::Precautions, "is * safe"),
    (SectionKind::Benefits, "benefits"),
    (SectionKind::Benefits, "how * helps"),
    (SectionKind::Benefits, "why it helps"),
    (SectionKind::Benefits, "advantages"),
    (SectionKind::WhatToExpect, "what to expect"),
    (SectionKind::WhatToExpect, "during your session"),
    (SectionKind::WhatToExpect, "during your visit"),
    (SectionKind::WhatToExpect, "during your appointment"),
    (SectionKind::WhatToExpect, "your first appointment"),
    (SectionKind::WhatToExpect, "your first visit"),
    (SectionKind::WhatToExpect, "your first session"),
    (SectionKind::WhatToExpect, "before your visit"),
    (SectionKind::WhatToExpect, "before your appointment"),
    (SectionKind::WhatToExpect, "before your session"),
    (SectionKind::WhatToExpect, "after your session"),
    (SectionKind::WhatToExpect, "after your visit"),
    (SectionKind::WhatToExpect, "after your appointment"),
    (SectionKind::WhatToExpect, "how it works"),
    (SectionKind::WhatToExpect, "what happens"),
    (SectionKind::Overview, "what is *"),
    (SectionKind::Overview, "what are *"),
    (SectionKind::Overview, "overview"),
    (SectionKind::Overview, "about *"),
    (SectionKind::Overview, "introduction"),
];

/// One element of a compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// A lower-cased word that must match one heading word.
    Word(String),
    /// One or more heading words.
    Any,
}

/// A pattern as written and as compiled.
#[derive(Debug, Clone)]
struct Rule {
    kind: SectionKind,
    tokens: Vec<Token>,
}

/// Keyword rules that classify a `##` heading.
///
/// Site patterns are tried before the built-in ones and the first match in
/// order wins (see the module doc for how a pattern matches).
#[derive(Debug, Clone)]
pub struct TopicRules {
    rules: Vec<Rule>,
}

impl TopicRules {
    /// The built-in rules only.
    pub fn defaults() -> Self {
        let rules = DEFAULT_PATTERNS
            .iter()
            .filter_map(|&(kind, text)| compile(text).ok().map(|tokens| Rule { kind, tokens }))
            .collect();
        TopicRules { rules }
    }

    /// Site rules from `site.yaml`, tried before the defaults.
    ///
    /// The error names the first bad pattern and why it is bad.
    pub fn with_site_rules(site: &[(SectionKind, String)]) -> Result<Self, String> {
        let mut rules = Vec::with_capacity(site.len() + DEFAULT_PATTERNS.len());
        for (kind, text) in site {
            let tokens = compile(text)
                .map_err(|why| format!("topic pattern {text:?} for {}: {why}", kind.key()))?;
            rules.push(Rule {
                kind: *kind,
                tokens,
            });
        }
        rules.extend(TopicRules::defaults().rules);
        Ok(TopicRules { rules })
    }

    /// The kind of a `##` heading with this plain text; `Plain` when no rule
    /// matches.
    pub fn classify(&self, heading: &str) -> SectionKind {
        let mut words = Vec::new();
        split_words(heading, |word| words.push(word));
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        self.rules
            .iter()
            .find(|rule| occurs(&rule.tokens, &words))
            .map_or(SectionKind::Plain, |rule| rule.kind)
    }
}

/// Turns a pattern into tokens, or says why it cannot be used.
fn compile(pattern: &str) -> Result<Vec<Token>, String> {
    if pattern.trim().is_empty() {
        return Err("the pattern is empty".to_string());
    }
    let mut tokens = Vec::new();
    let mut word = String::new();
    for c in pattern.chars() {
        if c.is_alphanumeric() {
            push_lower(&mut word, c);
            continue;
        }
        if !word.is_empty() {
            tokens.push(Token::Word(word_key(std::mem::take(&mut word))));
        }
        if c == '*' {
            tokens.push(Token::Any);
        }
    }
    if !word.is_empty() {
        tokens.push(Token::Word(word_key(word)));
    }
    if !tokens.iter().any(|t| matches!(t, Token::Word(_))) {
        return Err(
            "the pattern has no words (letters or digits), so it would match every heading"
                .to_string(),
        );
    }
    Ok(tokens)
}

/// Calls `push` with the key (see [`word_key`]) of each lower-cased run of
/// letters and digits in `text`.
fn split_words(text: &str, mut push: impl FnMut(String)) {
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            push_lower(&mut word, c);
        } else if !word.is_empty() {
            push(word_key(std::mem::take(&mut word)));
        }
    }
    if !word.is_empty() {
        push(word_key(word));
    }
}

/// The word as compared: without a final "s" when it has four or more
/// letters (plurals and "helps"/"help"), kept whole when shorter ("is").
fn word_key(mut word: String) -> String {
    if word.ends_with('s') && word.chars().count() >= 4 {
        word.pop();
    }
    word
}

/// Whether the pattern matches the heading words starting at any position.
fn occurs(tokens: &[Token], words: &[&str]) -> bool {
    (0..words.len()).any(|start| matches_prefix(tokens, &words[start..]))
}

/// Whether `tokens` match a prefix of `words`. `Any` tries every length from
/// one word up; patterns are a handful of words, so backtracking is cheap.
fn matches_prefix(tokens: &[Token], words: &[&str]) -> bool {
    match tokens.split_first() {
        None => true,
        Some((Token::Word(want), rest)) => match words.split_first() {
            Some((got, more)) => want == got && matches_prefix(rest, more),
            None => false,
        },
        Some((Token::Any, rest)) => (1..=words.len()).any(|n| matches_prefix(rest, &words[n..])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use SectionKind::*;

    #[test]
    fn default_wordings() {
        let rules = TopicRules::defaults();
        let cases = [
            ("What is deep tissue massage?", Overview),
            ("What are trigger points?", Overview),
            ("Overview", Overview),
            ("About acupuncture", Overview),
            ("Introduction", Overview),
            ("Benefits of deep tissue massage", Benefits),
            ("Benefits", Benefits),
            ("Key benefits", Benefits),
            ("How heat and cold help", Benefits),
            ("How massage helps", Benefits),
            ("How stretching can help", Benefits),
            ("Why it helps", Benefits),
            ("Advantages", Benefits),
            ("What to expect", WhatToExpect),
            ("During your session", WhatToExpect),
            ("During your visit", WhatToExpect),
            ("During your appointment", WhatToExpect),
            ("Your first appointment", WhatToExpect),
            ("Your first visit", WhatToExpect),
            ("Your first session", WhatToExpect),
            ("Before your visit", WhatToExpect),
            ("After your session", WhatToExpect),
            ("How it works", WhatToExpect),
            ("What happens next", WhatToExpect),
            ("Precautions", Precautions),
            ("Risks", Precautions),
            ("Possible side effects", Precautions),
            ("Side-effects", Precautions),
            ("Considerations", Precautions),
            ("Who should not have this treatment", Precautions),
            ("Who shouldn't have it", Precautions),
            ("When to avoid massage", Precautions),
            ("Safety", Precautions),
            ("Warnings", Precautions),
            ("Is it safe during pregnancy?", Precautions),
            ("FAQ", Faq),
            ("FAQs", Faq),
            ("Frequently asked questions", Faq),
            ("Common questions", Faq),
            ("Questions and answers", Faq),
            // Mixed headings: see the order note on DEFAULT_PATTERNS.
            ("Risks and benefits", Precautions),
            ("Benefits and risks", Precautions),
            ("What are the benefits?", Benefits),
            ("Common questions about side effects", Faq),
            // A final "s" is ignored on words of four letters or more.
            ("One benefit", Benefits),
            ("The main risk", Precautions),
            ("A FAQ", Faq),
            // Must stay plain.
            ("Living with back pain", Plain),
            ("Exercises", Plain),
            ("", Plain),
            ("???", Plain),
            ("Thistle", Plain),
            ("What I wish I knew", Plain),
        ];
        for (heading, want) in cases {
            assert_eq!(rules.classify(heading), want, "{heading:?}");
        }
    }

    #[test]
    fn site_rules_come_first() {
        let site = vec![
            (Plain, "Risks".to_string()),
            (Benefits, "what * gains".to_string()),
        ];
        let rules = TopicRules::with_site_rules(&site).expect("valid rules");
        assert_eq!(rules.classify("Risks"), Plain);
        assert_eq!(rules.classify("What patients gain"), Benefits);
        assert_eq!(rules.classify("Side effects"), Precautions);
    }

    #[test]
    fn bad_site_rules_are_named() {
        for bad in ["", "   ", "*", "* ?"] {
            let site = vec![(Benefits, bad.to_string())];
            let err = TopicRules::with_site_rules(&site).expect_err(bad);
            assert!(err.contains(&format!("{bad:?}")), "{err}");
            assert!(err.contains("benefits"), "{err}");
        }
    }

    #[test]
    fn star_needs_at_least_one_word() {
        let site = vec![(Benefits, "how * helps".to_string())];
        let rules = TopicRules::with_site_rules(&site).expect("valid");
        assert_eq!(rules.classify("How helps"), Plain);
        assert_eq!(rules.classify("So how does it help?"), Benefits);
    }

    #[test]
    fn keys_round_trip() {
        for kind in SectionKind::ALL {
            assert_eq!(SectionKind::from_key(kind.key()), Some(kind));
            assert!(!kind.label().is_empty());
        }
        assert_eq!(SectionKind::from_key("Benefits"), None);
        assert!(Benefits.is_topic() && !Faq.is_topic());
    }
}
