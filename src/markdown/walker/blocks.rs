//! Block-level events for the walker: paragraphs, lists, quotes and
//! callouts, code, HTML blocks, tables and footnote definitions.
//!
//! Takes in `Start`/`End` events of block tags with their byte offsets;
//! keeps the walker's nesting depths, opens and closes prose blocks, records
//! raw HTML and tables with their file positions, and queues the mapped
//! events (callout and table wrappers, highlighted code) for the sink.

use pulldown_cmark::{Alignment, CodeBlockKind, CowStr, Event, Tag, TagEnd};

use super::{OpenCode, OpenHeading, Walker};
use crate::markdown::blocks::{callout_open, table_open, CALLOUT_CLOSE, TABLE_CLOSE};
use crate::markdown::callouts::{open_html, Level};
use crate::markdown::highlight::code_block_html;
use crate::markdown::{RawHtml, TableInfo};

/// Whether inline HTML is an `<a …>` or `</a>` tag: a heading holding one
/// must not be wrapped in its anchor link, and the link-free heading HTML
/// leaves it out.
pub(super) fn is_link_tag(html: &str) -> bool {
    let tag = html.trim_start();
    let name = tag
        .strip_prefix("</")
        .or_else(|| tag.strip_prefix('<'))
        .unwrap_or("");
    let mut chars = name.chars();
    matches!(chars.next(), Some('a' | 'A'))
        && chars
            .next()
            .is_none_or(|c| c.is_whitespace() || c == '>' || c == '/')
}

impl<'a> Walker<'a, '_> {
    pub(super) fn start(&mut self, tag: Tag<'a>, offset: usize) {
        match tag {
            Tag::Heading {
                level,
                id,
                classes,
                attrs,
            } => {
                self.close_prose();
                self.heading = Some(OpenHeading {
                    level: level as u8,
                    explicit_id: id,
                    classes,
                    attrs,
                    events: Vec::new(),
                    text: String::new(),
                    has_link: false,
                    offset,
                    nested: self.depth.container > 0 || self.footnote.is_some(),
                });
            }
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => self.link_start(link_type, dest_url, title, id, offset),
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            } => self.image_start(link_type, dest_url, title, id, offset),
            Tag::Table(alignments) => self.table_start(alignments, offset),
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript => {
                self.inline_begin(offset);
                self.emit(Event::Start(tag));
            }
            other => self.block_start(other, offset),
        }
    }

    /// Starts a block: any text still open before it is finished first.
    fn block_start(&mut self, tag: Tag<'a>, offset: usize) {
        self.close_prose();
        match tag {
            Tag::Paragraph => {
                self.open_prose(offset);
                self.emit(Event::Start(Tag::Paragraph));
            }
            Tag::BlockQuote(Some(kind)) => {
                self.depth.container += 1;
                self.depth.alert += 1;
                self.emit(Event::Html(callout_open(kind).into()));
            }
            Tag::BlockQuote(None) => self.quote_start(tag, offset),
            Tag::CodeBlock(kind) => {
                self.out.has_code = true;
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info,
                    CodeBlockKind::Indented => CowStr::Borrowed(""),
                };
                self.code = Some(OpenCode {
                    info,
                    text: String::new(),
                });
            }
            Tag::HtmlBlock => {
                let (line, column) = self.lines.locate(offset);
                self.out.raw_html.push(RawHtml {
                    html: String::new(),
                    inline: false,
                    line,
                    column,
                });
                self.html_block = Some(self.out.raw_html.len() - 1);
                self.emit(Event::Start(tag));
            }
            Tag::List(_) => {
                self.depth.list += 1;
                self.emit(Event::Start(tag));
            }
            Tag::Item => {
                self.depth.item += 1;
                self.depth.container += 1;
                self.emit(Event::Start(tag));
            }
            Tag::FootnoteDefinition(label) => {
                // What came before belongs to the page; the definition's
                // body goes to its own sink until its end.
                self.flush();
                self.depth.container += 1;
                self.footnote = Some((label, String::new()));
            }
            other => self.emit(Event::Start(other)),
        }
    }

    pub(super) fn end(&mut self, end: TagEnd) {
        match end {
            TagEnd::Heading(_) => {
                if let Some(heading) = self.heading.take() {
                    self.finish_heading(heading);
                }
            }
            TagEnd::Link => {
                self.link = None;
                self.emit(Event::End(end));
            }
            TagEnd::Image => {
                self.depth.image = self.depth.image.saturating_sub(1);
                if self.depth.image == 0 {
                    self.image = None;
                }
                self.emit(Event::End(end));
            }
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    let mut html = String::with_capacity(code.text.len() * 2 + 64);
                    code_block_html(&mut html, &code.info, &code.text);
                    self.emit(Event::Html(html.into()));
                }
            }
            TagEnd::HtmlBlock => {
                self.html_block = None;
                self.emit(Event::End(end));
            }
            TagEnd::Table => {
                self.depth.table = self.depth.table.saturating_sub(1);
                self.emit(Event::End(end));
                self.emit(Event::Html(TABLE_CLOSE.into()));
            }
            other => self.container_end(other),
        }
    }

    /// Ends a paragraph, list, item, quote or footnote definition: the
    /// prose block in it is finished first.
    fn container_end(&mut self, end: TagEnd) {
        self.close_prose();
        let depth = &mut self.depth;
        match end {
            TagEnd::Item => {
                depth.item = depth.item.saturating_sub(1);
                depth.container = depth.container.saturating_sub(1);
            }
            TagEnd::List(_) => {
                depth.list = depth.list.saturating_sub(1);
                if depth.list == 0 {
                    self.excerpt.list_ended();
                }
            }
            TagEnd::BlockQuote(kind) => {
                depth.container = depth.container.saturating_sub(1);
                if kind.is_some() {
                    depth.alert = depth.alert.saturating_sub(1);
                    self.emit(Event::Html(CALLOUT_CLOSE.into()));
                    return;
                }
                if self.quote_end() {
                    return;
                }
            }
            TagEnd::FootnoteDefinition => {
                depth.container = depth.container.saturating_sub(1);
                self.flush();
                if let Some((label, body)) = self.footnote.take() {
                    self.footnotes.define(&label, &body, &mut self.ids);
                }
                return;
            }
            _ => {}
        }
        self.emit(Event::End(end));
    }

    /// Starts a plain blockquote, or one of handout's own callouts.
    fn quote_start(&mut self, tag: Tag<'a>, offset: usize) {
        self.depth.container += 1;
        let level = self
            .custom
            .iter()
            .find(|c| c.start == offset)
            .map(|c| c.level);
        self.quotes.push(level);
        match level {
            None => self.emit(Event::Start(tag)),
            Some(Level::Key) if self.key.is_none() && self.footnote.is_none() => {
                // What came before belongs to the page.
                self.flush();
                self.depth.alert += 1;
                self.key = Some(String::new());
            }
            Some(level) => {
                self.depth.alert += 1;
                let html = open_html(level, self.opts.callouts);
                self.emit(Event::Html(html.into()));
            }
        }
    }

    /// Ends a plain blockquote's custom callout; false for a plain quote.
    fn quote_end(&mut self) -> bool {
        let Some(Some(level)) = self.quotes.pop() else {
            return false;
        };
        self.depth.alert = self.depth.alert.saturating_sub(1);
        if level == Level::Key && self.key.is_some() {
            self.flush();
            if let Some(html) = self.key.take() {
                self.out.key_points_html.push_str(&html);
            }
        } else {
            self.emit(Event::Html(CALLOUT_CLOSE.into()));
        }
        true
    }

    fn table_start(&mut self, alignments: Vec<Alignment>, offset: usize) {
        self.close_prose();
        self.depth.table += 1;
        let meta = self.tables.next().unwrap_or_default();
        let (line, column) = self.lines.locate(offset);
        self.out.tables.push(TableInfo {
            line,
            column,
            has_header: meta.has_header,
        });
        let label = if meta.label.is_empty() {
            "Table"
        } else {
            &meta.label
        };
        self.emit(Event::Html(table_open(label).into()));
        self.emit(Event::Start(Tag::Table(alignments)));
    }

    pub(super) fn raw_html(&mut self, html: CowStr<'a>, offset: usize, inline: bool) {
        if inline && is_link_tag(&html) {
            if let Some(heading) = self.heading.as_mut() {
                heading.has_link = true;
            }
        }
        let block = if inline { None } else { self.html_block };
        match block.and_then(|i| self.out.raw_html.get_mut(i)) {
            Some(raw) => raw.html.push_str(&html),
            None => {
                let (line, column) = self.lines.locate(offset);
                self.out.raw_html.push(RawHtml {
                    html: html.to_string(),
                    inline,
                    line,
                    column,
                });
            }
        }
        self.emit(if inline {
            Event::InlineHtml(html)
        } else {
            Event::Html(html)
        });
    }
}
