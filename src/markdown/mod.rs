//! TEMPORARY STUB: replaced by the real Markdown stage (being written in parallel).
#![allow(missing_docs, dead_code, unreachable_pub)]
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    Overview,
    Benefits,
    WhatToExpect,
    Precautions,
    Faq,
    Plain,
}
impl SectionKind {
    pub const TOPICS: [SectionKind; 3] = [
        SectionKind::Benefits,
        SectionKind::WhatToExpect,
        SectionKind::Precautions,
    ];
    pub fn key(self) -> &'static str {
        match self {
            Self::Overview => "overview",
            Self::Benefits => "benefits",
            Self::WhatToExpect => "what-to-expect",
            Self::Precautions => "precautions",
            Self::Faq => "faq",
            Self::Plain => "plain",
        }
    }
    pub fn from_key(key: &str) -> Option<Self> {
        [
            Self::Overview,
            Self::Benefits,
            Self::WhatToExpect,
            Self::Precautions,
            Self::Faq,
            Self::Plain,
        ]
        .into_iter()
        .find(|k| k.key() == key)
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Overview => "Overview",
            Self::Benefits => "Benefits",
            Self::WhatToExpect => "What to expect",
            Self::Precautions => "Precautions",
            Self::Faq => "Questions",
            Self::Plain => "Section",
        }
    }
}
#[derive(Debug, Clone, Default)]
pub struct TopicRules {
    site: Vec<(SectionKind, String)>,
}
impl TopicRules {
    pub fn defaults() -> Self {
        Self::default()
    }
    pub fn with_site_rules(site: &[(SectionKind, String)]) -> Result<Self, String> {
        Ok(Self {
            site: site.to_vec(),
        })
    }
    pub fn classify(&self, heading: &str) -> SectionKind {
        let h = heading.to_lowercase();
        for (k, p) in &self.site {
            if h.contains(&p.to_lowercase()) {
                return *k;
            }
        }
        if h.contains("benefit") || h.contains("helps") {
            SectionKind::Benefits
        } else if h.contains("expect")
            || h.contains("during your")
            || h.contains("first appointment")
        {
            SectionKind::WhatToExpect
        } else if h.contains("precaution")
            || h.contains("risk")
            || h.contains("side effect")
            || h.contains("who should not")
            || h.contains("when to avoid")
        {
            SectionKind::Precautions
        } else if h.contains("question") || h.contains("faq") {
            SectionKind::Faq
        } else if h.starts_with("what is") || h.starts_with("what are") {
            SectionKind::Overview
        } else {
            SectionKind::Plain
        }
    }
}
pub enum LinkKind {
    Link,
    Image,
}
pub enum LinkTarget {
    Unchanged,
    Rewritten(String),
    Broken(String),
}
pub trait LinkResolver: Sync {
    fn resolve(&self, dest: &str, kind: LinkKind) -> LinkTarget;
}
pub struct RenderOptions<'a> {
    pub first_line: usize,
    pub rules: &'a TopicRules,
    pub links: &'a dyn LinkResolver,
    pub faq_id_prefix: &'a str,
    pub all_sections_faq: bool,
    pub reserved_ids: &'a [&'a str],
}
#[derive(Debug, Clone, Default, Serialize)]
pub struct Rendered {
    pub intro_html: String,
    pub sections: Vec<Section>,
    pub toc: Vec<TocEntry>,
    pub headings: Vec<HeadingInfo>,
    pub links: Vec<LinkInfo>,
    pub images: Vec<ImageInfo>,
    pub prose: Vec<ProseBlock>,
    pub broken_links: Vec<BrokenLink>,
    pub raw_html: Vec<RawHtml>,
    pub tables: Vec<TableInfo>,
    pub has_code: bool,
}
impl Rendered {
    pub fn full_html(&self) -> String {
        let mut s = self.intro_html.clone();
        for x in &self.sections {
            s.push_str(&x.heading_block_html);
            s.push_str(&x.html);
        }
        s
    }
}
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub heading: String,
    pub heading_inline_html: String,
    pub heading_block_html: String,
    pub id: String,
    pub kind: SectionKind,
    pub line: usize,
    pub html: String,
    pub topic_html: String,
    pub excerpt: String,
    pub faq: Vec<FaqItem>,
}
#[derive(Debug, Clone, Serialize)]
pub struct FaqItem {
    pub question: String,
    pub question_inline_html: String,
    pub id: String,
    pub answer_html: String,
    pub answer_text: String,
    pub line: usize,
}
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
}
#[derive(Debug, Clone, Serialize)]
pub struct HeadingInfo {
    pub level: u8,
    pub text: String,
    pub id: String,
    pub line: usize,
    pub column: usize,
}
#[derive(Debug, Clone, Serialize)]
pub struct LinkInfo {
    pub dest: String,
    pub href: String,
    pub text: String,
    pub line: usize,
    pub column: usize,
}
#[derive(Debug, Clone, Serialize)]
pub struct ImageInfo {
    pub src: String,
    pub final_src: String,
    pub alt: String,
    pub line: usize,
    pub column: usize,
}
#[derive(Debug, Clone, Serialize)]
pub struct ProseBlock {
    pub text: String,
    pub line: usize,
    pub column: usize,
    pub section: Option<usize>,
    pub kind: ProseKind,
}
#[derive(Debug, Clone, Copy, Serialize)]
pub enum ProseKind {
    Paragraph,
    ListItem,
    Callout,
    FaqAnswer,
}
#[derive(Debug, Clone, Serialize)]
pub struct BrokenLink {
    pub dest: String,
    pub message: String,
    pub line: usize,
    pub column: usize,
}
#[derive(Debug, Clone, Serialize)]
pub struct RawHtml {
    pub html: String,
    pub line: usize,
    pub column: usize,
}
#[derive(Debug, Clone, Serialize)]
pub struct TableInfo {
    pub line: usize,
    pub column: usize,
    pub has_header: bool,
}

pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let s = out.trim_matches('-').to_string();
    if s.is_empty() {
        "section".into()
    } else {
        s
    }
}

pub fn render(source: &str, opts: &RenderOptions) -> Rendered {
    use pulldown_cmark::{html, Event, HeadingLevel, Options, Parser, Tag};
    let mut r = Rendered::default();
    let mut cur: Option<(String, Vec<Event>)> = None;
    let mut intro = Vec::new();
    let mut in_h2 = false;
    let mut htext = String::new();
    for ev in Parser::new_ext(source, Options::all()) {
        match &ev {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => {
                in_h2 = true;
                htext.clear();
                if let Some((h, evs)) = cur.take() {
                    push(&mut r, h, evs, opts);
                }
                continue;
            }
            Event::End(pulldown_cmark::TagEnd::Heading(HeadingLevel::H2)) => {
                in_h2 = false;
                cur = Some((htext.clone(), Vec::new()));
                continue;
            }
            Event::Text(t) if in_h2 => {
                htext.push_str(t);
                continue;
            }
            _ if in_h2 => continue,
            _ => {}
        }
        match &mut cur {
            Some((_, evs)) => evs.push(ev),
            None => intro.push(ev),
        }
    }
    if let Some((h, evs)) = cur.take() {
        push(&mut r, h, evs, opts);
    }
    html::push_html(&mut r.intro_html, intro.into_iter());
    fn push(r: &mut Rendered, h: String, evs: Vec<Event>, opts: &RenderOptions) {
        let mut s = String::new();
        html::push_html(&mut s, evs.into_iter());
        let id = slugify(&h);
        let kind = opts.rules.classify(&h);
        r.sections.push(Section {
            heading: h.clone(),
            heading_inline_html: h.clone(),
            heading_block_html: format!("<h2 id=\"{id}\">{h}</h2>"),
            id,
            kind,
            line: 1,
            topic_html: s.clone(),
            html: s.clone(),
            excerpt: h.clone(),
            faq: vec![],
        });
    }
    r
}
