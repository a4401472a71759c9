//! Section kinds, and the rules that say which kind a `##` section is.
//!
//! [`SectionKind`] names what a section is about; [`TopicRules`] holds what
//! classifies sections for one site: its own `topics:` patterns from
//! `site.yaml` and the cue lists of its language. The classifier itself is in
//! `classify`.
//!
//! A site pattern matches when its words occur consecutively somewhere in
//! the heading, compared as word stems (so "Side-effects" matches "side
//! effects" and "how * helps" matches "How heat and cold help"); `*` stands
//! for one or more heading words.

use serde::Serialize;

use super::classify::features::SectionFeatures;
use super::classify::{classify, Classification, CueSet, Phrase};

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

/// The most words a `*` in a site pattern stands for: any number, as before cues existed.
const SITE_GAP: usize = usize::MAX;

/// What classifies `##` sections: the site's own `topics:` patterns, tried first, and the cue
/// lists of the site's language.
#[derive(Debug, Clone)]
pub struct TopicRules {
    site: Vec<(SectionKind, Phrase)>,
    cues: &'static CueSet,
}

impl TopicRules {
    /// No site patterns; English cues.
    pub fn defaults() -> Self {
        TopicRules::for_language("en")
    }

    /// No site patterns; the cues of a language (see [`CueSet::for_language`]).
    pub fn for_language(language: &str) -> Self {
        TopicRules {
            site: Vec::new(),
            cues: CueSet::for_language(language),
        }
    }

    /// The cues of a document in `language` on a site whose rules are `site_rules`: the
    /// language's own cues when it has a cue file and differs from the site's (site patterns
    /// are written in the site's language, so they are left out); `None` to use the site's.
    pub fn for_document(site_rules: &TopicRules, language: &str) -> Option<TopicRules> {
        let cues = CueSet::for_language(language);
        let primary = language.split(['-', '_']).next().unwrap_or("");
        let own = cues.language.eq_ignore_ascii_case(primary);
        (own && cues.language != site_rules.cues.language).then(|| TopicRules {
            site: Vec::new(),
            cues,
        })
    }

    /// Site patterns from `site.yaml`, tried in order before the cues of `language`.
    ///
    /// The error names the first bad pattern and why it is bad.
    pub fn with_site_rules(site: &[(SectionKind, String)], language: &str) -> Result<Self, String> {
        let mut rules = TopicRules::for_language(language);
        for (kind, text) in site {
            let phrase = Phrase::compile(text, &rules.cues.stemmer, SITE_GAP)
                .map_err(|why| format!("topic pattern {text:?} for {}: {why}", kind.key()))?;
            rules.site.push((*kind, phrase));
        }
        Ok(rules)
    }

    /// The cue lists in use.
    pub fn cues(&self) -> &'static CueSet {
        self.cues
    }

    /// The first site pattern that occurs in a heading's stems, with its kind.
    pub(crate) fn site_rule(&self, heading: &[String]) -> Option<(SectionKind, &str)> {
        self.site
            .iter()
            .find(|(_, p)| p.occurs_in(heading))
            .map(|(k, p)| (*k, p.text.as_str()))
    }

    /// How a section with this heading and body text would be classified: for tests and
    /// tools; the render stage reads the Markdown itself.
    pub fn classify_text(&self, heading: &str, body: &str) -> Classification {
        let features = SectionFeatures {
            heading: heading.to_string(),
            body: body.to_string(),
            ..SectionFeatures::default()
        };
        classify(&features, self)
    }

    /// The kind of a section with this heading and no body.
    pub fn classify(&self, heading: &str) -> SectionKind {
        self.classify_text(heading, "").kind
    }

    /// Whether a section with this heading becomes a FAQ once its questions are `###`
    /// headings: the importer asks before it turns "Q:" paragraphs into question headings.
    pub fn heading_is_faq(&self, heading: &str) -> bool {
        let features = SectionFeatures {
            heading: heading.to_string(),
            subheadings: 1,
            ..SectionFeatures::default()
        };
        classify(&features, self).kind == SectionKind::Faq
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use SectionKind::*;

    #[test]
    fn headings_alone() {
        let rules = TopicRules::defaults();
        let cases = [
            ("Benefits of deep tissue massage", Benefits),
            ("How heat and cold help", Benefits),
            ("Why have a hip replacement?", Benefits),
            ("What to expect", WhatToExpect),
            ("Before your visit", WhatToExpect),
            ("How should I get ready?", WhatToExpect),
            ("Possible side effects", Precautions),
            ("Side-effects", Precautions),
            ("Who shouldn't have it", Precautions),
            ("Is it safe during pregnancy?", Precautions),
            // Safety first: a mixed heading goes where a patient must not miss it.
            ("Risks and benefits", Precautions),
            ("Benefits and risks", Precautions),
            // Clinic information and facts about the condition stay plain.
            ("Contact us", Plain),
            ("Opening hours", Plain),
            ("References", Plain),
            ("Who is at risk?", Plain),
            ("Living with back pain", Plain),
            ("", Plain),
            ("???", Plain),
            // A FAQ heading without `###` questions has no questions to show.
            ("Frequently asked questions", Plain),
        ];
        for (heading, want) in cases {
            assert_eq!(rules.classify(heading), want, "{heading:?}");
        }
    }

    #[test]
    fn the_body_decides_when_the_heading_says_little() {
        let rules = TopicRules::defaults();
        let c = rules.classify_text(
            "A word on sedation",
            "You must not drive for 24 hours. Call 999 if you have chest pain.",
        );
        assert_eq!(c.kind, Precautions);
        assert!(c.cue.contains("must not"), "{}", c.cue);
        let c = rules.classify_text(
            "Spotting the warning signs",
            "Before a migraine some people see zigzag lines. This usually lasts less than an hour.",
        );
        assert_eq!(c.kind, Plain);
        assert_eq!(c.near, Some(Precautions), "{c:?}");
    }

    #[test]
    fn site_rules_come_first() {
        let site = vec![
            (Plain, "Risks".to_string()),
            (Benefits, "what * gains".to_string()),
        ];
        let rules = TopicRules::with_site_rules(&site, "en").expect("valid rules");
        assert_eq!(rules.classify("Risks"), Plain);
        assert_eq!(rules.classify("What patients gain"), Benefits);
        assert_eq!(rules.classify("Side effects"), Precautions);
        let c = rules.classify_text("Risks", "");
        assert_eq!(c.by, crate::markdown::DecidedBy::SiteRule);
        assert!(c.cue.contains("\"Risks\""), "{}", c.cue);
    }

    #[test]
    fn bad_site_rules_are_named() {
        for bad in ["", "   ", "*", "* ?"] {
            let site = vec![(Benefits, bad.to_string())];
            let err = TopicRules::with_site_rules(&site, "en").expect_err(bad);
            assert!(err.contains(&format!("{bad:?}")), "{err}");
            assert!(err.contains("benefits"), "{err}");
        }
    }

    #[test]
    fn star_needs_at_least_one_word() {
        let site = vec![(Benefits, "how * glows".to_string())];
        let rules = TopicRules::with_site_rules(&site, "en").expect("valid");
        assert_eq!(
            rules.classify_text("How glows", "").by,
            crate::markdown::DecidedBy::NoCue
        );
        assert_eq!(rules.classify("So how does it glow?"), Benefits);
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
