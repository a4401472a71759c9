//! What the classifier reads of each `##` section, gathered in one pass over the events.
//!
//! Takes in the document's events (the walker's parse); gives out one [`SectionFeatures`] per
//! top-level `##` heading, in order: the heading's text and classes, the first words of its
//! body, how many numbered-list items it has, and how many of its `###` headings are phrased
//! as questions. Headings inside lists, quotes and footnotes start no section, as in the
//! walker.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

/// How many words of a section's body are read: about an opening paragraph, where clinics say
/// what a section is about. Reading more lets a long self-care section ("Living with …")
/// gather stray cues ("can help", "each week") until it outscores its own heading.
pub(crate) const BODY_WORDS: usize = 60;

/// What the classifier reads of one `##` section.
#[derive(Debug, Clone, Default)]
pub(crate) struct SectionFeatures {
    /// Plain text of the heading.
    pub(crate) heading: String,
    /// The heading's classes (`{.benefits .wide}` → `benefits`, `wide`).
    pub(crate) classes: Vec<String>,
    /// The first [`BODY_WORDS`] words of the body: paragraphs, list items and sub-headings.
    pub(crate) body: String,
    /// Items of numbered lists directly in the section.
    pub(crate) numbered_items: usize,
    /// `###` headings directly in the section.
    pub(crate) subheadings: usize,
    /// Their plain text, to tell which are questions.
    pub(crate) subheading_texts: Vec<String>,
}

/// Where the text of an event goes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Target {
    #[default]
    Nowhere,
    Heading,
    Subheading,
    Body,
}

/// Gathers the features of every `##` section.
pub(crate) fn gather(events: &[(Event<'_>, Range<usize>)]) -> Vec<SectionFeatures> {
    let mut g = Gatherer::default();
    for (event, _) in events {
        g.take(event);
    }
    let mut out = g.out;
    for s in &mut out {
        s.heading = s.heading.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    out
}

/// The sections so far, and where in the document the pass is.
#[derive(Default)]
struct Gatherer {
    out: Vec<SectionFeatures>,
    /// Open lists, quotes, footnotes and items, inside which a heading starts no section.
    containers: usize,
    /// Open lists: whether each is numbered.
    lists: Vec<bool>,
    target: Target,
    in_code: bool,
    /// Words of the current section's body so far.
    words: usize,
}

impl Gatherer {
    fn take(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(Tag::Heading { level, classes, .. }) if self.containers == 0 => {
                self.heading_start(*level, classes);
            }
            Event::End(TagEnd::Heading(_)) if self.target != Target::Body => {
                self.target = if self.out.is_empty() {
                    Target::Nowhere
                } else {
                    Target::Body
                };
                self.space();
            }
            Event::Start(Tag::BlockQuote(_) | Tag::FootnoteDefinition(_)) => self.containers += 1,
            Event::Start(Tag::Item) => {
                self.containers += 1;
                if self.lists.len() == 1 && self.lists[0] {
                    if let Some(s) = self.out.last_mut() {
                        s.numbered_items += 1;
                    }
                }
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition | TagEnd::Item) => {
                self.containers = self.containers.saturating_sub(1);
                self.space();
            }
            Event::End(TagEnd::TableCell | TagEnd::Heading(_) | TagEnd::Paragraph)
            | Event::SoftBreak
            | Event::HardBreak => self.space(),
            Event::Start(Tag::List(first)) => self.lists.push(first.is_some()),
            Event::End(TagEnd::List(_)) => {
                self.lists.pop();
            }
            Event::Start(Tag::CodeBlock(_)) => self.in_code = true,
            Event::End(TagEnd::CodeBlock) => self.in_code = false,
            Event::Text(text) | Event::Code(text) if !self.in_code => self.text(text),
            _ => {}
        }
    }

    /// A `##` heading starts a section; a `###` one counts in the current section.
    fn heading_start(&mut self, level: HeadingLevel, classes: &[pulldown_cmark::CowStr<'_>]) {
        if level == HeadingLevel::H2 {
            self.out.push(SectionFeatures {
                classes: classes.iter().map(|c| c.to_string()).collect(),
                ..SectionFeatures::default()
            });
            self.words = 0;
            self.target = Target::Heading;
        } else if let (HeadingLevel::H3, Some(s)) = (level, self.out.last_mut()) {
            s.subheadings += 1;
            s.subheading_texts.push(String::new());
            self.target = Target::Subheading;
        }
    }

    fn text(&mut self, text: &str) {
        let Some(s) = self.out.last_mut() else {
            return;
        };
        match self.target {
            Target::Heading => s.heading.push_str(text),
            Target::Subheading => {
                if let Some(t) = s.subheading_texts.last_mut() {
                    t.push_str(text);
                }
                append_words(&mut s.body, text, &mut self.words);
            }
            Target::Body => append_words(&mut s.body, text, &mut self.words),
            Target::Nowhere => {}
        }
    }

    /// Ends a word at a block boundary.
    fn space(&mut self) {
        if let Some(s) = self.out.last_mut() {
            add_space(&mut s.body);
        }
    }
}

fn add_space(body: &mut String) {
    if !body.is_empty() && !body.ends_with(' ') {
        body.push(' ');
    }
}

/// Appends `text` to `body` until the body holds [`BODY_WORDS`] words.
fn append_words(body: &mut String, text: &str, words: &mut usize) {
    if *words >= BODY_WORDS {
        return;
    }
    let n = text.split_whitespace().count();
    if *words + n <= BODY_WORDS {
        body.push_str(text);
        *words += n;
        return;
    }
    for w in text.split_whitespace().take(BODY_WORDS - *words) {
        add_space(body);
        body.push_str(w);
    }
    *words = BODY_WORDS;
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser};

    fn features(src: &str) -> Vec<SectionFeatures> {
        let events: Vec<_> = Parser::new_ext(src, Options::ENABLE_HEADING_ATTRIBUTES)
            .into_offset_iter()
            .collect();
        gather(&events)
    }

    #[test]
    fn reads_heading_body_lists_and_questions() {
        let f = features(
            "Intro.\n\n## Before *your* scan {.wide}\n\nEat a light\nmeal.\n\n1. One\n2. Two\n\n\
             - Not numbered\n\n### Can I drive?\n\nYes.\n\n### Parking\n\n> ## Quoted\n\n## Next\n\n```\ncode words\n```\n",
        );
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].heading, "Before your scan");
        assert_eq!(f[0].classes, ["wide"]);
        assert_eq!(f[0].numbered_items, 2);
        assert_eq!(f[0].subheadings, 2);
        assert_eq!(f[0].subheading_texts, ["Can I drive?", "Parking"]);
        assert!(
            f[0].body
                .starts_with("Eat a light meal. One Two Not numbered Can I drive? Yes."),
            "{}",
            f[0].body
        );
        assert!(f[0].body.contains("Quoted"));
        assert_eq!(f[1].body, "");
    }

    #[test]
    fn reads_only_the_first_words() {
        let long = "word ".repeat(BODY_WORDS * 2);
        let f = features(&format!("## Long\n\n{long}\n"));
        assert_eq!(f[0].body.split_whitespace().count(), BODY_WORDS);
    }
}
