//! Headings for the walker: ids, anchors, sections and FAQ questions.
//!
//! Takes in a finished heading (its held events, text, classes and
//! position); gives out its id and markup, records it in the headings and
//! table of contents, and decides what it starts: a `##` section, a FAQ
//! question (`###` in a FAQ section), or nothing (any other heading, which
//! is written into the current section, one level higher in topic HTML).

use pulldown_cmark::html::push_html;
use pulldown_cmark::{Event, Tag, TagEnd};

use super::blocks::is_link_tag;
use super::{OpenHeading, Walker};
use crate::markdown::anchors::{heading_attrs, heading_html, slugify, HeadingMarkup};
use crate::markdown::blocks::FOOTNOTE_REF_START;
use crate::markdown::classify::DecidedBy;
use crate::markdown::{Classification, FaqItem, HeadingInfo, Section, SectionKind, TocEntry};

/// What a heading starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Section,
    Question,
    Other,
}

/// A heading's text and markup, ready to be placed.
struct Placed<'m> {
    text: String,
    inline_html: String,
    id: String,
    line: usize,
    offset: usize,
    markup: HeadingMarkup<'m>,
}

/// `text` trimmed, with each run of whitespace made one space (headings
/// seldom need it, so the common case is a plain copy).
fn one_spaced(text: &str) -> String {
    let text = text.trim();
    let mut prev_space = false;
    let tidy = text.chars().all(|c| {
        let bad = c.is_whitespace() && (c != ' ' || prev_space);
        prev_space = c.is_whitespace();
        !bad
    });
    if tidy {
        text.to_string()
    } else {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// The heading's inner HTML as written, and (when asked) the same without
/// links, for places that wrap it in their own link.
fn inner_html(events: Vec<Event<'_>>, has_link: bool, want_inline: bool) -> (String, String) {
    let mut inline = String::new();
    if has_link && want_inline {
        let unlinked = events
            .iter()
            .filter(|e| match e {
                Event::Start(Tag::Link { .. }) | Event::End(TagEnd::Link) => false,
                Event::InlineHtml(html) => {
                    !is_link_tag(html) && !html.starts_with(FOOTNOTE_REF_START)
                }
                _ => true,
            })
            .cloned();
        push_html(&mut inline, unlinked);
    }
    let mut inner = String::new();
    push_html(&mut inner, events.into_iter());
    if !has_link && want_inline {
        inline.clone_from(&inner);
    }
    (inner, inline)
}

impl Walker<'_, '_> {
    fn role_of(&self, heading: &OpenHeading<'_>) -> Role {
        if heading.nested {
            return Role::Other;
        }
        let in_faq = self
            .section
            .and_then(|i| self.out.sections.get(i))
            .is_some_and(|s| s.kind == SectionKind::Faq);
        match heading.level {
            2 => Role::Section,
            3 if in_faq || (self.opts.all_sections_faq && self.section.is_none()) => Role::Question,
            _ => Role::Other,
        }
    }

    /// The heading's id: its explicit `{#id}`, else its slug (with the FAQ
    /// prefix for a question), made unique.
    fn heading_id(&mut self, explicit: Option<&str>, text: &str, role: Role) -> String {
        match (explicit.filter(|id| !id.is_empty()), role) {
            (Some(explicit), _) => self.ids.explicit(explicit),
            (None, Role::Question) => {
                let base = format!("{}{}", self.opts.faq_id_prefix, slugify(text));
                self.ids.unique(&base)
            }
            (None, _) => self.ids.unique(&slugify(text)),
        }
    }

    /// Records the heading in `headings` and, at the top level, the
    /// table of contents.
    fn record_heading(&mut self, heading: &OpenHeading<'_>, text: &str, id: &str) -> usize {
        let (line, column) = self.lines.locate(heading.offset);
        let level = heading.level;
        self.out.headings.push(HeadingInfo {
            level,
            text: text.to_string(),
            id: id.to_string(),
            line,
            column,
        });
        if !heading.nested && (level == 2 || level == 3) {
            self.out.toc.push(TocEntry {
                level,
                id: id.to_string(),
                text: text.to_string(),
            });
        }
        line
    }

    pub(super) fn finish_heading(&mut self, heading: OpenHeading<'_>) {
        let role = self.role_of(&heading);
        let text = one_spaced(&heading.text);
        let id = self.heading_id(heading.explicit_id.as_deref(), &text, role);
        let line = self.record_heading(&heading, &text, &id);
        // A kind class decides the kind and is not written on the element.
        let kind_class = heading
            .classes
            .iter()
            .find_map(|c| SectionKind::from_key(c));
        let other_classes = heading.classes.iter().map(|c| c.as_ref());
        let attrs = heading_attrs(
            other_classes.filter(|c| SectionKind::from_key(c).is_none()),
            &heading.attrs,
        );
        let (level, nested, offset) = (heading.level, heading.nested, heading.offset);
        let anchor = (2..=4).contains(&level) && !heading.has_link && !text.is_empty();
        let (inner, inline_html) =
            inner_html(heading.events, heading.has_link, role != Role::Other);
        // Everything queued so far belongs before this heading.
        self.flush();
        let placed = Placed {
            markup: HeadingMarkup {
                id: &id,
                attrs: &attrs,
                inner: &inner,
                anchor,
            },
            text,
            inline_html,
            id: id.clone(),
            line,
            offset,
        };
        match role {
            Role::Section => self.start_section(placed, kind_class),
            Role::Question => self.start_question(placed),
            Role::Other => self.write_heading(level, &placed.markup, !nested),
        }
    }

    /// A heading that starts nothing: written where it stands.
    fn write_heading(&mut self, level: u8, markup: &HeadingMarkup<'_>, structural: bool) {
        if structural && level <= 3 {
            // A top-level h1 or h3 ends the FAQ answer before it.
            self.answer = None;
        }
        let mut article = String::with_capacity(markup.inner.len() + 96);
        heading_html(&mut article, level, markup);
        let in_topic = self.footnote.is_none()
            && self
                .section
                .and_then(|i| self.out.sections.get(i))
                .is_some_and(|s| s.kind.is_topic());
        let mut topic = String::new();
        if in_topic {
            heading_html(&mut topic, level.saturating_sub(1).max(1), markup);
        }
        self.write_html(&article, &topic);
    }

    fn start_section(&mut self, placed: Placed<'_>, kind_class: Option<SectionKind>) {
        self.answer = None;
        self.finish_excerpt();
        let classification = if self.opts.all_sections_faq {
            Classification::faq_file()
        } else {
            // The read-ahead saw the same `##` headings; it can only run short on input the
            // parser splits differently, and then the kind class or plain is the safe answer.
            self.kinds
                .next()
                .unwrap_or_else(|| fallback(kind_class.unwrap_or(SectionKind::Plain)))
        };
        let kind = classification.kind;
        let mut block = String::with_capacity(placed.markup.inner.len() + 96);
        heading_html(&mut block, 2, &placed.markup);
        let capacity = self.html_capacity(placed.offset);
        self.out.sections.push(Section {
            heading: placed.text,
            heading_inline_html: placed.inline_html,
            heading_block_html: block,
            id: placed.id,
            kind,
            classification,
            line: placed.line,
            html: String::with_capacity(capacity),
            topic_headings: Vec::new(),
            excerpt: String::new(),
            faq: Vec::new(),
        });
        self.section = Some(self.out.sections.len() - 1);
    }

    fn start_question(&mut self, placed: Placed<'_>) {
        if self.section.is_none() {
            // content/faq.md: questions before the first `##` form an
            // untitled group. It still gets an id, so a template that
            // writes `id="{{ section.id }}"` never writes an empty one.
            self.finish_excerpt();
            let id = self.ids.unique("questions");
            self.out.sections.push(Section {
                heading: String::new(),
                heading_inline_html: String::new(),
                heading_block_html: String::new(),
                id,
                kind: SectionKind::Faq,
                classification: Classification::faq_file(),
                line: placed.line,
                html: String::new(),
                topic_headings: Vec::new(),
                excerpt: String::new(),
                faq: Vec::new(),
            });
            self.section = Some(self.out.sections.len() - 1);
        }
        self.answer = None;
        let mut block = String::with_capacity(placed.markup.inner.len() + 96);
        heading_html(&mut block, 3, &placed.markup);
        self.write_html(&block, &block);
        if let Some(section) = self.section.and_then(|i| self.out.sections.get_mut(i)) {
            section.faq.push(FaqItem {
                question: placed.text,
                question_inline_html: placed.inline_html,
                id: placed.id,
                answer_html: String::new(),
                answer_text: String::new(),
                line: placed.line,
            });
            self.answer = Some(section.faq.len() - 1);
        }
    }
}

/// A classification when the read-ahead has none for a section.
fn fallback(kind: SectionKind) -> Classification {
    Classification {
        kind,
        by: DecidedBy::NoCue,
        cue: String::new(),
        scores: Vec::new(),
        near: None,
        unknown_class: None,
    }
}
