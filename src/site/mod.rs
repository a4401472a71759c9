//! The site model: every article, page and the FAQ with their URLs, rendered Markdown,
//! review dates, topics and tags, assembled once from the loaded documents and then read-only.
//!
//! Render, check, search and serve all read this one model ("parse once, derive many"). It keeps
//! relations as indexes into `articles`, so serve (`serve::update`, the one writer after
//! assembly) can replace one article and re-derive the cheap cross-article parts (tags, hubs,
//! FAQ) without touching the rest.

mod assemble;
mod faq;
mod glossary;
mod links;
mod pages;
mod paginate;
mod review;
mod taxonomy;
mod topics;
mod translations;

pub use assemble::{assemble, image_url, reading_minutes, GLOSSARY_PATH, RESERVED_IDS};
pub(crate) use assemble::{build_article, link_diagnostics, render_doc, sort_articles};
pub(crate) use faq::build_faq;
pub(crate) use faq::GENERAL_QUESTIONS;
pub use faq::{FaqGroup, FaqSource};
pub use glossary::{Glossary, Term, GLOSSARY_FILE};
pub use links::is_external as is_external_url;
pub use links::normalise as normalise_path;
pub(crate) use links::percent_decode;
pub(crate) use links::LinkMap;
pub(crate) use pages::check_aliases;
pub use pages::{Alias, OutputFile, PageRef};
pub use paginate::Listing;
pub use review::{Review, ReviewStatus};
pub(crate) use taxonomy::build_tags;
pub use taxonomy::Tag;
pub use topics::{HubEntry, Topic};
pub use translations::translation_source_hash;

use crate::config::Config;
use crate::content::Document;
use crate::markdown::{FaqItem, Rendered, SectionKind};
use chrono::NaiveDate;
use std::path::PathBuf;

/// How much of each document the model keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Everything: the source text and every fact the checks read (check and serve).
    Full,
    /// What the pages show and no more. A build drops each article's source text, prose,
    /// links, headings and the other facts only checks read as soon as the article is
    /// rendered, so that a large site's model stays small while its pages are written.
    Pages,
}

/// A patient-education article with everything derived from it.
#[derive(Debug, Clone)]
pub struct Article {
    /// The source file.
    pub doc: Document,
    /// URL slug.
    pub slug: String,
    /// Site path without the base path: `articles/SLUG/`.
    pub path: String,
    /// Rendered body, sections and everything found in the Markdown.
    pub rendered: Rendered,
    /// The next clinical review and where the article stands, as of the site's `today`.
    pub review: Review,
    /// Words of prose a patient reads.
    pub words: usize,
    /// Minutes to read at about 200 words a minute.
    pub reading_minutes: u32,
}

impl Article {
    /// The article's title.
    pub fn title(&self) -> &str {
        &self.doc.front.title
    }

    /// The topic kinds this article has a page for, in the fixed order of [`SectionKind::TOPICS`].
    pub fn topics(&self) -> Vec<SectionKind> {
        SectionKind::TOPICS
            .into_iter()
            .filter(|k| self.rendered.sections.iter().any(|s| s.kind == *k))
            .collect()
    }

    /// Site path of one of its topic pages: `articles/SLUG/benefits/`.
    pub fn topic_path(&self, kind: SectionKind) -> String {
        format!("{}{}/", self.path, kind.key())
    }

    /// The article's own FAQ questions (from its faq sections).
    pub fn faq(&self) -> impl Iterator<Item = &FaqItem> {
        self.rendered
            .sections
            .iter()
            .filter(|s| s.kind == SectionKind::Faq)
            .flat_map(|s| s.faq.iter())
    }

    /// Drops what only checks and serve read (see [`Detail::Pages`]).
    pub(crate) fn keep_pages_only(&mut self) {
        self.doc.text = String::new();
        self.doc.body_start = 0;
        self.rendered.keep_pages_only();
    }

    /// The date shown as "updated": `updated`, else `reviewed`, else `date`.
    pub fn modified(&self) -> Option<NaiveDate> {
        let f = &self.doc.front;
        f.updated.or(f.reviewed).or(f.date)
    }
}

/// A standalone page such as About or Contact.
#[derive(Debug, Clone)]
pub struct Page {
    /// The source file.
    pub doc: Document,
    /// URL slug.
    pub slug: String,
    /// Site path: `SLUG/`.
    pub path: String,
    /// Rendered body.
    pub rendered: Rendered,
}

/// A document that is not an article: the home intro or the FAQ file.
#[derive(Debug, Clone)]
pub struct Extra {
    /// The source file.
    pub doc: Document,
    /// Rendered body.
    pub rendered: Rendered,
}

/// The whole site, ready to render or check.
#[derive(Debug, Clone)]
pub struct Site {
    /// The site folder.
    pub root: PathBuf,
    /// Settings.
    pub config: Config,
    /// Articles, sorted by title (then slug) so every listing is stable.
    pub articles: Vec<Article>,
    /// Standalone pages, sorted by title.
    pub pages: Vec<Page>,
    /// `content/_index.md`, if present.
    pub home: Option<Extra>,
    /// `content/faq.md`, if present.
    pub faq_file: Option<Extra>,
    /// FAQ groups: the site FAQ's groups first, then one group per article with questions.
    pub faq: Vec<FaqGroup>,
    /// Tags with the articles that carry them, sorted by name.
    pub tags: Vec<Tag>,
    /// The glossary (`content/glossary.yaml`); empty without one.
    pub glossary: Glossary,
    /// Non-Markdown files in article bundles: (article index, source relative to root, output path).
    pub bundle_assets: Vec<(usize, PathBuf, String)>,
    /// Whether drafts were included.
    pub drafts: bool,
    /// The date the site is built or checked on: review statuses are as of this day.
    pub today: chrono::NaiveDate,
    /// `bundle_assets` by source path, built on first use (see [`Site::bundle_asset`]).
    /// With the length of `bundle_assets` it was built for.
    pub(crate) asset_index: std::sync::OnceLock<(usize, std::collections::HashMap<PathBuf, usize>)>,
}

impl Site {
    /// Articles in the order of the articles index (`article_order`).
    pub fn articles_in_index_order(&self) -> Vec<&Article> {
        let mut list: Vec<&Article> = self.articles.iter().collect();
        if self.config.article_order == crate::config::ArticleOrder::Date {
            list.sort_by(|a, b| {
                b.modified()
                    .cmp(&a.modified())
                    .then(a.title().cmp(b.title()))
            });
        }
        list
    }

    /// The hub entries for one topic: each article that has that section.
    pub fn hub(&self, kind: SectionKind) -> Vec<HubEntry<'_>> {
        topics::hub(self, kind)
    }

    /// The bundle asset published from `src` (a source path relative to the root): its output
    /// path. Every article and topic page asks for its lead image, so this is a map lookup
    /// rather than a scan of every asset.
    pub fn bundle_asset(&self, src: &std::path::Path) -> Option<&str> {
        let (len, index) = self.asset_index.get_or_init(|| {
            let mut m = std::collections::HashMap::new();
            for (i, (_, s, _)) in self.bundle_assets.iter().enumerate() {
                m.entry(s.clone()).or_insert(i);
            }
            (self.bundle_assets.len(), m)
        });
        let found = index.get(src).and_then(|&i| self.bundle_assets.get(i));
        match found {
            Some((_, s, out)) if s == src => Some(out),
            None if *len == self.bundle_assets.len() => None,
            // The list changed since the map was built (serve edits the model): scan it.
            _ => self
                .bundle_assets
                .iter()
                .find(|(_, s, _)| s == src)
                .map(|(_, _, out)| out.as_str()),
        }
    }

    /// Finds the article with a slug.
    pub fn article_by_slug(&self, slug: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.slug == slug)
    }
}
