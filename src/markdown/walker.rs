//! The event walker: one pass over pulldown-cmark's events for a document.
//!
//! Takes in the body and the render options; gives out the [`Rendered`]
//! document. Events are mapped (headings get ids and anchors, alerts become
//! callouts, code is highlighted, links are resolved, bare URLs become
//! links) and queued; the queue is turned into HTML with
//! `pulldown_cmark::html::push_html` at each heading and written to the
//! current sink: the intro or the current section, plus the section's topic
//! HTML and the open FAQ answer, which receive copies of the same HTML.
//! Headings are written by hand because the topic copy needs them one level
//! higher. Footnote definitions go to their own sink (see `blocks`).
//!
//! This file holds the state and the dispatch; the rest is in `walker/`:
//! `prepass` (what must be known first), `blocks` (block tags), `inline`
//! (text, links, images, prose), `heading` (ids, sections, FAQ questions)
//! and `sink` (where the HTML goes).

mod blocks;
mod heading;
mod inline;
mod prepass;
mod sink;

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Options, Parser};

use self::prepass::{prepass, Prepass, TableMeta};
use super::anchors::IdAllocator;
use super::autolink::url_hints;
use super::blocks::{task_checkbox, Footnotes};
use super::callouts::{self, Custom, Level};
use super::classify::{classify, features, Classification};
use super::location::LineIndex;
use super::prose::{Excerpt, OpenBlock};
use super::{RenderOptions, Rendered};

/// The Markdown extensions handout supports.
fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Parses `source` once and walks its events.
pub(crate) fn render(source: &str, opts: &RenderOptions<'_>) -> Rendered {
    // Text events are not merged (pulldown-cmark splits text only at
    // entities and escapes, which bare URLs seldom hold): merging cost more
    // than a tenth of the render time. The vector is sized for about one
    // event per ten bytes, so it rarely grows.
    let mut events: Vec<(Event<'_>, Range<usize>)> = Vec::with_capacity(source.len() / 10 + 16);
    events.extend(Parser::new_ext(source, parser_options()).into_offset_iter());
    let mut walker = Walker::new(source, opts, &events);
    for (event, range) in events {
        walker.event(event, range);
    }
    walker.finish()
}

/// A heading whose events are held until its end, because its id depends
/// on its text.
#[derive(Debug)]
struct OpenHeading<'a> {
    level: u8,
    explicit_id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    events: Vec<Event<'a>>,
    text: String,
    has_link: bool,
    offset: usize,
    /// Inside a blockquote, list item or footnote: such a heading gets an
    /// id and anchor but never starts a section or a FAQ question.
    nested: bool,
}

/// A code block being collected.
#[derive(Debug)]
struct OpenCode<'a> {
    info: CowStr<'a>,
    text: String,
}

/// The link whose text is being collected.
#[derive(Debug, Clone, Copy)]
struct OpenLink {
    index: usize,
    /// An autolink or bare URL: its text is an address, not prose.
    auto: bool,
}

/// How deep the walker is in each kind of container.
#[derive(Debug, Default)]
struct Depth {
    container: usize,
    alert: usize,
    item: usize,
    list: usize,
    table: usize,
    image: usize,
}

/// The state of one walk.
struct Walker<'a, 'r> {
    src: &'a str,
    opts: &'r RenderOptions<'r>,
    lines: LineIndex<'a>,
    ids: IdAllocator<'r>,
    out: Rendered,
    /// Mapped events not yet turned into HTML.
    pending: Vec<Event<'a>>,
    /// Reused buffer for each flush.
    scratch: String,
    /// The current section; `None` for the intro.
    section: Option<usize>,
    /// The open FAQ item of the current section.
    answer: Option<usize>,
    /// The footnote definition being written, with its body so far.
    footnote: Option<(CowStr<'a>, String)>,
    footnotes: Footnotes,
    depth: Depth,
    heading: Option<OpenHeading<'a>>,
    code: Option<OpenCode<'a>>,
    /// Index into `out.raw_html` of the open HTML block.
    html_block: Option<usize>,
    link: Option<OpenLink>,
    /// Index into `out.images` of the outermost open image.
    image: Option<usize>,
    prose: Option<OpenBlock>,
    excerpt: Excerpt,
    tables: std::vec::IntoIter<TableMeta>,
    /// Where addresses may start (see `autolink::url_hints`).
    url_hints: Vec<usize>,
    /// Source offsets of the `##` headings, to size each section's HTML
    /// up front (growing strings by doubling cost a tenth of the time).
    h2_offsets: Vec<usize>,
    /// How each `##` section is classified, in order (read ahead, because a section's
    /// kind depends on its body and decides how the body is written).
    kinds: std::vec::IntoIter<Classification>,
    /// handout's own callouts (see `callouts`), in order.
    custom: Vec<Custom>,
    /// For each open plain blockquote: the custom callout it is, if any.
    quotes: Vec<Option<Level>>,
    /// The `[!KEY]` callout being written: its body goes to
    /// `out.key_points_html`, not the page.
    key: Option<String>,
    /// Indexes of the glossary terms already marked.
    terms_used: Vec<usize>,
}

impl<'a, 'r> Walker<'a, 'r> {
    /// Sets up the walk, after the pre-pass (see `prepass`).
    fn new(
        src: &'a str,
        opts: &'r RenderOptions<'r>,
        events: &[(Event<'a>, Range<usize>)],
    ) -> Self {
        let Prepass {
            ids,
            tables,
            h2_offsets,
        } = prepass(events, opts.reserved_ids, &opts.callouts.table);
        let kinds: Vec<Classification> = if opts.all_sections_faq {
            Vec::new()
        } else {
            features::gather(events)
                .iter()
                .map(|f| classify(f, opts.rules))
                .collect()
        };
        let intro_len = h2_offsets.first().copied().unwrap_or(src.len());
        let out = Rendered {
            intro_html: String::with_capacity(intro_len * 5 / 4 + 16),
            ..Rendered::default()
        };
        Walker {
            src,
            opts,
            lines: LineIndex::new(src, opts.first_line),
            ids,
            out,
            pending: Vec::with_capacity(64),
            scratch: String::with_capacity(src.len() / 4),
            section: None,
            answer: None,
            footnote: None,
            footnotes: Footnotes::new(opts.callouts),
            depth: Depth::default(),
            heading: None,
            code: None,
            html_block: None,
            link: None,
            image: None,
            prose: None,
            excerpt: Excerpt::default(),
            tables: tables.into_iter(),
            url_hints: url_hints(src),
            h2_offsets,
            kinds: kinds.into_iter(),
            custom: callouts::find(src, events),
            quotes: Vec::new(),
            key: None,
            terms_used: Vec::new(),
        }
    }

    /// Whether the event lies wholly in a custom callout's marker line.
    fn in_marker(&self, range: &Range<usize>) -> bool {
        self.custom
            .iter()
            .any(|c| c.marker.start <= range.start && range.end <= c.marker.end)
    }

    fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        if !self.custom.is_empty() && self.in_marker(&range) {
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, range.start),
            Event::End(end) => self.end(end),
            Event::Text(text) => self.text(text, range),
            Event::Code(code) => {
                self.inline_begin(range.start);
                self.route_text(&code, true);
                self.emit(Event::Code(code));
            }
            Event::Html(html) => self.raw_html(html, range.start, false),
            Event::InlineHtml(html) => {
                self.inline_begin(range.start);
                self.raw_html(html, range.start, true);
            }
            Event::FootnoteReference(label) => {
                self.inline_begin(range.start);
                if let Some(heading) = self.heading.as_mut() {
                    // The reference is a link: the heading cannot be one.
                    heading.has_link = true;
                }
                let markup = self.footnotes.reference(&label, &mut self.ids);
                self.emit(Event::InlineHtml(markup.into()));
            }
            Event::SoftBreak => {
                self.route_break();
                self.emit(Event::SoftBreak);
            }
            Event::HardBreak => {
                self.route_break();
                self.emit(Event::HardBreak);
            }
            Event::TaskListMarker(done) => {
                let html = task_checkbox(done, self.opts.callouts);
                self.emit(Event::InlineHtml(html.into()))
            }
            Event::Rule => {
                self.close_prose();
                self.emit(Event::Rule);
            }
            other => self.emit(other),
        }
    }

    fn finish(mut self) -> Rendered {
        self.close_prose();
        if let Some(heading) = self.heading.take() {
            self.finish_heading(heading);
        }
        self.flush();
        self.finish_excerpt();
        self.out.footnotes_html = std::mem::take(&mut self.footnotes).into_html();
        self.out
    }
}
