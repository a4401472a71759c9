//! Where the walker's HTML goes.
//!
//! Takes in mapped events and hand-written HTML (headings); gives out the
//! HTML of the intro, each section (with its headings as its topic page shows them), the open FAQ answer and
//! the footnote being defined. Events are queued and turned into HTML with
//! `pulldown_cmark::html::push_html` only at headings and footnote
//! boundaries, never inside a table, so pulldown-cmark's own table state
//! stays whole.

use pulldown_cmark::html::push_html;
use pulldown_cmark::Event;

use super::Walker;

impl<'a> Walker<'a, '_> {
    /// A capacity guess for the HTML of the section whose heading starts at
    /// `offset` (or the intro, for 0): its share of the source and a bit.
    pub(super) fn html_capacity(&self, offset: usize) -> usize {
        let i = self.h2_offsets.partition_point(|&o| o <= offset);
        let end = self.h2_offsets.get(i).copied().unwrap_or(self.src.len());
        end.saturating_sub(offset) * 5 / 4 + 64
    }

    /// Queues an event: into the open heading, or for the next flush.
    pub(super) fn emit(&mut self, event: Event<'a>) {
        match self.heading.as_mut() {
            Some(heading) => heading.events.push(event),
            None => self.pending.push(event),
        }
    }

    /// Turns the queued events into HTML and writes it to the current sink.
    pub(super) fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let mut html = std::mem::take(&mut self.scratch);
        html.clear();
        push_html(&mut html, self.pending.drain(..));
        if html.contains(" style=\"text-align: ") {
            html = align_classes(&html);
        }
        self.write_html(&html, &html);
        self.scratch = html;
    }

    /// Writes HTML to the current sink: the footnote being defined, or the
    /// intro, or the current section (`topic` to its topic HTML, `article`
    /// to the rest).
    pub(super) fn write_html(&mut self, article: &str, topic: &str) {
        if let Some(key) = self.key.as_mut() {
            key.push_str(article);
            return;
        }
        if let Some((_, body)) = self.footnote.as_mut() {
            body.push_str(article);
            return;
        }
        let Some(section) = self.section.and_then(|i| self.out.sections.get_mut(i)) else {
            self.out.intro_html.push_str(article);
            return;
        };
        // The topic copy differs only in headings: keep just those, with where they go.
        if section.kind.is_topic() && !std::ptr::eq(article, topic) && article != topic {
            let start = section.html.len();
            section
                .topic_headings
                .push((start..start + article.len(), topic.to_string()));
        }
        section.html.push_str(article);
        if let Some(item) = self.answer.and_then(|i| section.faq.get_mut(i)) {
            item.answer_html.push_str(article);
        }
    }

    /// Stores the excerpt gathered so far in the intro or current section.
    pub(super) fn finish_excerpt(&mut self) {
        let excerpt = self.excerpt.take();
        match self.section.and_then(|i| self.out.sections.get_mut(i)) {
            Some(section) => section.excerpt = excerpt,
            None => self.out.intro_excerpt = excerpt,
        }
    }
}

/// pulldown-cmark aligns table cells with `style` attributes, which the theme's
/// Content-Security-Policy (`style-src 'self'`) blocks; classes keep the alignment.
fn align_classes(html: &str) -> String {
    html.replace(" style=\"text-align: left\"", " class=\"align-left\"")
        .replace(" style=\"text-align: center\"", " class=\"align-center\"")
        .replace(" style=\"text-align: right\"", " class=\"align-right\"")
}
