//! The Markdown stage: one article body in, HTML and facts about it out.
//!
//! Takes in the Markdown body of a document (the file after its front
//! matter), the line it starts on, the site's topic rules and a link
//! resolver; gives out a [`Rendered`]: the intro and one [`Section`] per
//! `##` heading (classified into a [`SectionKind`], with topic-page HTML
//! and FAQ items where they apply), the table of contents, and everything
//! the checks need with its line and column in the file (headings, links,
//! images, broken links, raw HTML, tables and the prose a patient reads).
//!
//! The body is parsed once with pulldown-cmark; `walker` maps the event
//! stream (anchored headings, callouts, highlighted code, resolved links)
//! and renders it piece by piece with `pulldown_cmark::html::push_html`,
//! splitting at `##` headings. This module depends on nothing else in the
//! crate.

mod anchors;
mod autolink;
mod blocks;
mod callouts;
pub mod classify;
mod glossary;
mod highlight;
pub mod html_scan;
mod location;
mod prose;
mod sections;
mod walker;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_markup;

use serde::Serialize;

pub use anchors::{escape_html, slugify};
pub use callouts::CalloutWording;
pub use classify::{Classification, CueSet, DecidedBy};
pub use glossary::{GlossaryTerms, TermSpec};
pub use highlight::highlight_css;
pub use prose::count_words;
pub use sections::{SectionKind, TopicRules};

/// Whether a destination is a link's or an image's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkKind {
    /// `[text](dest)`, `<https://…>` or a bare URL.
    Link,
    /// `![alt](src)`.
    Image,
}

/// What the site says about a link or image destination as written in
/// Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// Keep the destination as written.
    Unchanged,
    /// Use this URL instead (e.g. `heat.md` → `/articles/heat/`).
    Rewritten(String),
    /// The destination points at nothing; the message says why, e.g. "no
    /// article at content/articles/heat.md".
    Broken(String),
    /// The destination must not be linked to at all (a `javascript:` or
    /// `data:` address); the message says why. It is left out of the HTML.
    Refused(String),
}

/// Resolves link and image destinations for one site.
pub trait LinkResolver: Sync {
    /// What to do with `dest`, exactly as written in the Markdown (an email
    /// autolink arrives as `mailto:…`, a bare `www.` address as
    /// `https://www.…`).
    fn resolve(&self, dest: &str, kind: LinkKind) -> LinkTarget;
}

/// A resolver that keeps every destination as written: for tests and for
/// documents whose links need no rewriting.
#[derive(Debug, Clone, Copy, Default)]
pub struct KeepLinks;

impl LinkResolver for KeepLinks {
    fn resolve(&self, _dest: &str, _kind: LinkKind) -> LinkTarget {
        LinkTarget::Unchanged
    }
}

/// How to render one document.
#[derive(Clone)]
pub struct RenderOptions<'a> {
    /// 1-based line in the file where `source` starts (after front matter).
    pub first_line: usize,
    /// The topic rules that classify `##` headings.
    pub rules: &'a TopicRules,
    /// Resolves every link and image destination.
    pub links: &'a dyn LinkResolver,
    /// Prepended to FAQ question ids, e.g. "deep-tissue-massage-"; "" for
    /// `content/faq.md`.
    pub faq_id_prefix: &'a str,
    /// For `content/faq.md`: every `##` section is a FAQ group (kind `Faq`),
    /// and `###` questions before the first `##` form an untitled group (a
    /// `Section` with an empty heading).
    pub all_sections_faq: bool,
    /// Ids the page template uses ("main", "top", …): never generated.
    pub reserved_ids: &'a [&'a str],
    /// The titles of the urgent-care callouts.
    pub callouts: &'a CalloutWording,
    /// The site's glossary terms, whose first use is marked up.
    pub glossary: &'a GlossaryTerms,
}

impl std::fmt::Debug for RenderOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RenderOptions")
            .field("first_line", &self.first_line)
            .field("faq_id_prefix", &self.faq_id_prefix)
            .field("all_sections_faq", &self.all_sections_faq)
            .field("reserved_ids", &self.reserved_ids)
            .finish_non_exhaustive()
    }
}

/// Renders one document body. Never panics, whatever the input.
pub fn render(source: &str, opts: &RenderOptions<'_>) -> Rendered {
    walker::render(source, opts)
}

/// A rendered document and what the checks need to know about it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Rendered {
    /// Everything before the first `##`.
    pub intro_html: String,
    /// Plain text of the intro's first paragraph, cut like
    /// [`Section::excerpt`]: a fallback when front matter has no description.
    pub intro_excerpt: String,
    /// One per `##` heading, in order.
    pub sections: Vec<Section>,
    /// The notes (`[^1]` footnotes) of the whole document, numbered in order
    /// of first mention: `<section class="footnotes" aria-label="Notes">`,
    /// or "" when there are none. Definitions are taken out of the section
    /// they are written in so every page shows them in one place.
    pub footnotes_html: String,
    /// The content of the `> [!KEY]` callouts (usually a list), taken out
    /// of the body so pages can show it first; "" when there is none.
    pub key_points_html: String,
    /// The slugs of the glossary terms marked in the document, in order of first use.
    pub glossary_terms: Vec<String>,
    /// The top-level h2 and h3 headings in order.
    pub toc: Vec<TocEntry>,
    /// Every heading, any level.
    pub headings: Vec<HeadingInfo>,
    /// Every link, including autolinks and bare URLs.
    pub links: Vec<LinkInfo>,
    /// Every image.
    pub images: Vec<ImageInfo>,
    /// The text a patient reads, for readability checks.
    pub prose: Vec<ProseBlock>,
    /// Destinations the resolver called broken.
    pub broken_links: Vec<BrokenLink>,
    /// Raw HTML blocks and inline tags, as written.
    pub raw_html: Vec<RawHtml>,
    /// Every table.
    pub tables: Vec<TableInfo>,
    /// Whether there is any fenced or indented code block.
    pub has_code: bool,
}

impl Rendered {
    /// Drops the facts only checks read (headings, links, images, prose, raw HTML, tables,
    /// broken links) and returns spare capacity, keeping what pages show.
    pub fn keep_pages_only(&mut self) {
        self.headings = Vec::new();
        self.links = Vec::new();
        self.images = Vec::new();
        self.prose = Vec::new();
        self.broken_links = Vec::new();
        self.raw_html = Vec::new();
        self.tables = Vec::new();
        self.intro_html.shrink_to_fit();
        for s in &mut self.sections {
            s.html.shrink_to_fit();
        }
    }

    /// The whole document as one body: intro, each section's heading and
    /// content, then the notes. For standalone pages and the home intro.
    pub fn full_html(&self) -> String {
        let size = self.intro_html.len()
            + self.footnotes_html.len()
            + self
                .sections
                .iter()
                .map(|s| s.heading_block_html.len() + s.html.len())
                .sum::<usize>();
        let mut html = String::with_capacity(size);
        html.push_str(&self.intro_html);
        for section in &self.sections {
            html.push_str(&section.heading_block_html);
            html.push_str(&section.html);
        }
        html.push_str(&self.footnotes_html);
        html
    }
}

/// One `##` section of a document.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// Plain text of the heading (attributes like `{.benefits}` removed).
    pub heading: String,
    /// Inline HTML of the heading text (emphasis, code), without links.
    pub heading_inline_html: String,
    /// The complete `<h2 id="…">…</h2>` with its anchor link, as the article
    /// page shows it ("" for the untitled FAQ group).
    pub heading_block_html: String,
    /// The heading's element id.
    pub id: String,
    /// What the section is about.
    pub kind: SectionKind,
    /// How `kind` was decided, for `handout check`.
    pub classification: Classification,
    /// File line of the heading.
    pub line: usize,
    /// The content after the heading, as on the article page.
    pub html: String,
    /// For topic kinds only: the headings inside `html` as the topic page
    /// shows them, one level higher, with the byte range of `html` each
    /// replaces (see [`Section::topic_html`]). Kept instead of a second copy
    /// of the content, which would be most of an article again.
    pub topic_headings: Vec<(std::ops::Range<usize>, String)>,
    /// Plain text of the first paragraph (or first list items), cut at a
    /// word boundary to at most 30 words, with "…" if cut.
    pub excerpt: String,
    /// For kind `Faq`: each `###` question with its answer.
    pub faq: Vec<FaqItem>,
}

impl Section {
    /// For topic kinds only (else ""): the content with heading levels raised
    /// by one (h3→h2, …), because on a topic page the section heading is the
    /// page's h1.
    pub fn topic_html(&self) -> String {
        if !self.kind.is_topic() {
            return String::new();
        }
        let mut out = String::with_capacity(self.html.len());
        let mut done = 0;
        for (range, heading) in &self.topic_headings {
            out.push_str(self.html.get(done..range.start).unwrap_or(""));
            out.push_str(heading);
            done = range.end;
        }
        out.push_str(self.html.get(done..).unwrap_or(""));
        out
    }
}

/// A question (`###` in a FAQ section) and its answer.
#[derive(Debug, Clone, Serialize)]
pub struct FaqItem {
    /// Plain text of the question.
    pub question: String,
    /// Inline HTML of the question, without links.
    pub question_inline_html: String,
    /// `faq_id_prefix` + slug of the question (or its explicit `{#id}`),
    /// unique in the document; also the id of its `<h3>`.
    pub id: String,
    /// The answer's HTML (everything up to the next heading of level 3 or
    /// higher).
    pub answer_html: String,
    /// The answer's prose as plain text, paragraphs separated by a blank
    /// line (code and tables left out).
    pub answer_text: String,
    /// File line of the question.
    pub line: usize,
}

/// An entry of the table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    /// 2 or 3.
    pub level: u8,
    /// The heading's element id.
    pub id: String,
    /// Plain text of the heading.
    pub text: String,
}

/// A heading of any level.
#[derive(Debug, Clone, Serialize)]
pub struct HeadingInfo {
    /// 1 to 6.
    pub level: u8,
    /// Plain text.
    pub text: String,
    /// Element id.
    pub id: String,
    /// File line.
    pub line: usize,
    /// Column, in characters.
    pub column: usize,
}

/// A link.
#[derive(Debug, Clone, Serialize)]
pub struct LinkInfo {
    /// The destination as written.
    pub dest: String,
    /// The final `href` after resolution.
    pub href: String,
    /// Plain text of the link (image alt text included).
    pub text: String,
    /// File line.
    pub line: usize,
    /// Column, in characters.
    pub column: usize,
}

/// An image.
#[derive(Debug, Clone, Serialize)]
pub struct ImageInfo {
    /// The source as written.
    pub src: String,
    /// The final `src` after resolution.
    pub final_src: String,
    /// Plain text of the alt text.
    pub alt: String,
    /// File line.
    pub line: usize,
    /// Column, in characters.
    pub column: usize,
}

/// A destination the resolver called broken.
#[derive(Debug, Clone, Serialize)]
pub struct BrokenLink {
    /// The destination as written.
    pub dest: String,
    /// Why it is broken.
    pub message: String,
    /// Refused outright (a forbidden scheme) rather than pointing at nothing.
    pub refused: bool,
    /// Link or image.
    pub kind: LinkKind,
    /// File line.
    pub line: usize,
    /// Column, in characters.
    pub column: usize,
}

/// Raw HTML as written in the Markdown.
#[derive(Debug, Clone, Serialize)]
pub struct RawHtml {
    /// The HTML (a whole block, or one inline tag).
    pub html: String,
    /// Whether it is an inline tag rather than an HTML block.
    pub inline: bool,
    /// File line.
    pub line: usize,
    /// Column, in characters.
    pub column: usize,
}

/// A table.
#[derive(Debug, Clone, Serialize)]
pub struct TableInfo {
    /// File line.
    pub line: usize,
    /// Column, in characters.
    pub column: usize,
    /// False when every header cell is empty.
    pub has_header: bool,
}

/// A block of text a patient reads.
#[derive(Debug, Clone, Serialize)]
pub struct ProseBlock {
    /// The text: link text kept; code, image alt text, URLs, footnote
    /// markers and HTML left out; soft line breaks kept as '\n'.
    pub text: String,
    /// File line where the block's text starts.
    pub line: usize,
    /// Column, in characters.
    pub column: usize,
    /// Index into `sections`; `None` for the intro.
    pub section: Option<usize>,
    /// What kind of block it is.
    pub kind: ProseKind,
}

/// What kind of prose block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProseKind {
    /// A paragraph.
    Paragraph,
    /// A list item's own text (nested lists are separate items).
    ListItem,
    /// A paragraph or list item in a GitHub alert.
    Callout,
    /// A paragraph or list item in a FAQ answer.
    FaqAnswer,
}
