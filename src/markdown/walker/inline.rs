//! Inline events for the walker: text, bare URLs, links, images, and the
//! prose blocks that text feeds.
//!
//! Takes in text and inline tags with their byte offsets; records links,
//! images and broken destinations with their file positions, routes each
//! piece of text to where it belongs (heading text, link text, alt text,
//! prose) and queues the mapped events.

use pulldown_cmark::{CowStr, Event, LinkType, Tag};

use super::{OpenLink, Walker};
use crate::markdown::autolink::{find_urls, hint_in, BareUrl};
use crate::markdown::prose::OpenBlock;
use crate::markdown::{
    BrokenLink, ImageInfo, LinkInfo, LinkKind, LinkTarget, ProseBlock, ProseKind,
};

/// A piece of a text event, borrowed from the source when the event was.
fn slice_cow<'a>(text: &CowStr<'a>, start: usize, end: usize) -> CowStr<'a> {
    match text {
        CowStr::Borrowed(s) => {
            let s: &'a str = s;
            CowStr::Borrowed(s.get(start..end).unwrap_or(""))
        }
        other => CowStr::from(other.get(start..end).unwrap_or("").to_string()),
    }
}

impl<'a> Walker<'a, '_> {
    pub(super) fn text(&mut self, text: CowStr<'a>, range: std::ops::Range<usize>) {
        if let Some(code) = self.code.as_mut() {
            code.text.push_str(&text);
            return;
        }
        self.inline_begin(range.start);
        if self.link.is_none()
            && self.image.is_none()
            && hint_in(&self.url_hints, range.start, range.end)
        {
            let urls = find_urls(&text);
            if !urls.is_empty() {
                self.text_with_urls(&text, urls, range);
                return;
            }
        }
        if self.may_mark_terms() {
            self.text_with_terms(text);
            return;
        }
        self.route_text(&text, false);
        self.emit(Event::Text(text));
    }

    /// Whether glossary terms may be marked here: in prose, not in a
    /// heading, link, image text, note or the key points.
    fn may_mark_terms(&self) -> bool {
        !self.opts.glossary.is_empty()
            && self.heading.is_none()
            && self.link.is_none()
            && self.image.is_none()
            && self.footnote.is_none()
            && self.key.is_none()
    }

    /// Splits a text event around the first uses of glossary terms, each
    /// becoming a definition (see `glossary::GlossaryTerms::markup`).
    fn text_with_terms(&mut self, text: CowStr<'a>) {
        let terms = self.opts.glossary;
        let mut at = 0;
        while let Some((found, i)) = terms.find(text.get(at..).unwrap_or(""), &self.terms_used) {
            let (start, end) = (at + found.start, at + found.end);
            if start > at {
                let piece = slice_cow(&text, at, start);
                self.route_text(&piece, false);
                self.emit(Event::Text(piece));
            }
            let written = text.get(start..end).unwrap_or("");
            self.route_text(written, false);
            self.emit(Event::InlineHtml(terms.markup(i, written).into()));
            self.terms_used.push(i);
            self.out.glossary_terms.push(terms.slug(i).to_string());
            at = end;
        }
        if at == 0 {
            self.route_text(&text, false);
            self.emit(Event::Text(text));
        } else if at < text.len() {
            let piece = slice_cow(&text, at, text.len());
            self.route_text(&piece, false);
            self.emit(Event::Text(piece));
        }
    }

    /// Splits a text event around its bare URLs, each becoming a link.
    fn text_with_urls(
        &mut self,
        text: &CowStr<'a>,
        urls: Vec<BareUrl>,
        range: std::ops::Range<usize>,
    ) {
        let mut at = 0;
        for url in urls {
            if url.start > at {
                let piece = slice_cow(text, at, url.start);
                self.route_text(&piece, false);
                self.emit(Event::Text(piece));
            }
            let written = slice_cow(text, url.start, url.end);
            // Find the address in the source for its column; text with
            // escapes may differ from the source, then the event start is
            // the best position there is.
            let offset = self
                .src
                .get(range.clone())
                .and_then(|source| source.find(&*written))
                .map_or(range.start, |i| range.start + i);
            let href = self.add_link(&url.dest, offset, true);
            self.emit(Event::Start(Tag::Link {
                link_type: LinkType::Autolink,
                dest_url: href.map_or_else(|| CowStr::from(url.dest), CowStr::from),
                title: CowStr::Borrowed(""),
                id: CowStr::Borrowed(""),
            }));
            self.route_text(&written, false);
            self.emit(Event::Text(written));
            self.emit(Event::End(pulldown_cmark::TagEnd::Link));
            self.link = None;
            at = url.end;
        }
        if at < text.len() {
            let piece = slice_cow(text, at, text.len());
            self.route_text(&piece, false);
            self.emit(Event::Text(piece));
        }
    }

    pub(super) fn link_start(
        &mut self,
        link_type: LinkType,
        dest: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
        offset: usize,
    ) {
        self.inline_begin(offset);
        // An email autolink's destination is written without "mailto:";
        // the resolver and the checks see the real URL.
        let (dest, out_type) = match link_type {
            LinkType::Email => (CowStr::from(format!("mailto:{dest}")), LinkType::Inline),
            other => (dest, other),
        };
        let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
        let href = self.add_link(&dest, offset, auto);
        self.emit(Event::Start(Tag::Link {
            link_type: out_type,
            dest_url: href.map_or(dest, CowStr::from),
            title,
            id,
        }));
    }

    /// Records a link, opens it for its text and resolves it; returns the
    /// rewritten URL, if any.
    fn add_link(&mut self, dest: &str, offset: usize, auto: bool) -> Option<String> {
        let (href, line, column) = self.resolve(dest, LinkKind::Link, offset);
        self.out.links.push(LinkInfo {
            dest: dest.to_string(),
            href: href.clone().unwrap_or_else(|| dest.to_string()),
            text: String::new(),
            line,
            column,
        });
        self.link = Some(OpenLink {
            index: self.out.links.len() - 1,
            auto,
        });
        if let Some(heading) = self.heading.as_mut() {
            heading.has_link = true;
        }
        href
    }

    pub(super) fn image_start(
        &mut self,
        link_type: LinkType,
        dest: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
        offset: usize,
    ) {
        self.inline_begin(offset);
        let (href, line, column) = self.resolve(&dest, LinkKind::Image, offset);
        self.out.images.push(ImageInfo {
            src: dest.to_string(),
            final_src: href.clone().unwrap_or_else(|| dest.to_string()),
            alt: String::new(),
            line,
            column,
        });
        self.depth.image += 1;
        if self.image.is_none() {
            self.image = Some(self.out.images.len() - 1);
        }
        self.emit(Event::Start(Tag::Image {
            link_type,
            dest_url: href.map_or(dest, CowStr::from),
            title,
            id,
        }));
    }

    /// Asks the site about a destination; records it when broken. Returns
    /// the rewritten URL (if any) and the file position.
    fn resolve(
        &mut self,
        dest: &str,
        kind: LinkKind,
        offset: usize,
    ) -> (Option<String>, usize, usize) {
        let (line, column) = self.lines.locate(offset);
        let href = match self.opts.links.resolve(dest, kind) {
            LinkTarget::Unchanged => None,
            LinkTarget::Rewritten(url) => Some(url),
            LinkTarget::Broken(message) => {
                // The original destination stays in the HTML: the build
                // fails on the recorded error anyway, and `serve` still
                // shows where the link was meant to go.
                self.record_broken(dest, message, kind, false, line, column);
                None
            }
            LinkTarget::Refused(message) => {
                // Never written out, not even in the live preview.
                self.record_broken(dest, message, kind, true, line, column);
                Some("#".to_string())
            }
        };
        (href, line, column)
    }

    fn record_broken(
        &mut self,
        dest: &str,
        message: String,
        kind: LinkKind,
        refused: bool,
        line: usize,
        column: usize,
    ) {
        self.out.broken_links.push(BrokenLink {
            dest: dest.to_string(),
            message,
            kind,
            refused,
            line,
            column,
        });
    }

    /// Sends text where it belongs: alt text, link text, heading text, or
    /// prose (unless it is code or an address).
    pub(super) fn route_text(&mut self, text: &str, is_code: bool) {
        if let Some(image) = self.image.and_then(|i| self.out.images.get_mut(i)) {
            image.alt.push_str(text);
        }
        if let Some(link) = self.link.and_then(|l| self.out.links.get_mut(l.index)) {
            link.text.push_str(text);
        }
        if self.image.is_some() {
            return;
        }
        if let Some(heading) = self.heading.as_mut() {
            heading.text.push_str(text);
            return;
        }
        let Some(block) = self.prose.as_mut() else {
            return;
        };
        if let Some(plain) = block.plain.as_mut() {
            plain.push_str(text);
        }
        if !is_code && !self.link.is_some_and(|l| l.auto) {
            block.text.push_str(text);
        }
    }

    /// A soft or hard line break: a space in one-line texts, a newline in
    /// prose so sentence lines can be computed.
    pub(super) fn route_break(&mut self) {
        if self.code.is_some() {
            return;
        }
        if self.image.is_some() || self.heading.is_some() {
            self.route_text(" ", false);
            return;
        }
        if let Some(link) = self.link.and_then(|l| self.out.links.get_mut(l.index)) {
            link.text.push(' ');
        }
        if let Some(block) = self.prose.as_mut() {
            block.text.push('\n');
            if let Some(plain) = block.plain.as_mut() {
                plain.push(' ');
            }
        }
    }

    /// The first inline content of a tight list item opens its prose block
    /// (a tight item has no paragraph events).
    pub(super) fn inline_begin(&mut self, offset: usize) {
        if self.prose.is_none() && self.depth.item > 0 {
            self.open_prose(offset);
        }
    }

    /// Opens a prose block unless the text here is not prose (headings,
    /// tables, code, footnotes).
    pub(super) fn open_prose(&mut self, offset: usize) {
        if self.heading.is_some()
            || self.depth.table > 0
            || self.footnote.is_some()
            || self.code.is_some()
        {
            return;
        }
        let kind = if self.depth.alert > 0 {
            ProseKind::Callout
        } else if self.answer.is_some() {
            ProseKind::FaqAnswer
        } else if self.depth.item > 0 {
            ProseKind::ListItem
        } else {
            ProseKind::Paragraph
        };
        let wanted = self.excerpt.wants_more() || self.answer.is_some();
        self.prose = Some(OpenBlock {
            text: String::new(),
            plain: wanted.then(String::new),
            offset,
            kind,
        });
    }

    /// Finishes the open prose block: records it, and feeds the excerpt and
    /// the open FAQ answer's text.
    pub(super) fn close_prose(&mut self) {
        let Some(block) = self.prose.take() else {
            return;
        };
        if block.text.trim().is_empty() {
            return;
        }
        let (line, column) = self.lines.locate(block.offset);
        // Only a block the excerpt or an answer still wants carries its
        // plain text; the rest skip the copy.
        if let Some(plain) = block.plain.as_deref() {
            // Breaks were added to `plain` as spaces already.
            let flat = plain.trim();
            self.excerpt.offer(flat, self.depth.item > 0);
            let answer = self
                .section
                .and_then(|s| self.out.sections.get_mut(s))
                .and_then(|s| self.answer.and_then(|a| s.faq.get_mut(a)));
            if let Some(item) = answer {
                if !item.answer_text.is_empty() {
                    item.answer_text.push_str("\n\n");
                }
                item.answer_text.push_str(flat);
            }
        }
        self.out.prose.push(ProseBlock {
            text: block.text,
            line,
            column,
            section: self.section,
            kind: block.kind,
        });
    }
}
