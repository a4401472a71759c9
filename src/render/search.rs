//! The search page (`search.html`): a form that works without JavaScript, listing every guide
//! A to Z with its topic pages, and the values the search script filters by.
//!
//! A site whose articles index runs over several pages lists no guides here: the page would
//! grow with the site (megabytes at 10,000 guides). It shows the first letters instead, each
//! linking to the page of the A to Z articles index where that letter starts, so every guide
//! is still two links away without JavaScript.

use super::pager::{self, Lists};
use super::pages::base;
use super::views::{article_summary, ArticleSummary, LinkView, PageView};
use crate::markdown::SectionKind;
use crate::site::{PageRef, Site};
use serde::Serialize;

/// The search page's context.
#[derive(Serialize)]
pub struct SearchPage<'a> {
    /// The page.
    pub page: PageView,
    /// Every guide, A to Z, with its topic pages: what the page shows without JavaScript.
    /// Empty when `az` is given.
    pub guides: Vec<ArticleSummary<'a>>,
    /// On a site too large to list here, the A to Z index instead: each first letter and the
    /// page of the articles index where it starts (the shape of a pager's `letters`).
    pub az: Option<LetterIndex>,
    /// The topic keys a result can be filtered by, in page order (`benefits`, …).
    pub topics: Vec<&'static str>,
    /// Tag names to filter by.
    pub tags: Vec<&'a str>,
}

/// The first letters of the guides' titles, each with the page where it starts.
#[derive(Serialize)]
pub struct LetterIndex {
    /// In A to Z order.
    pub letters: Vec<LinkView>,
    /// The first page of the articles index.
    pub all: String,
}

/// Builds the search page.
pub fn page<'a>(site: &'a Site, lists: &Lists) -> SearchPage<'a> {
    let t = &site.config.strings;
    let mut pv = base(
        site,
        PageRef::Search,
        "search",
        t.get("search_title").into(),
    );
    pv.description = t.fill("search_description", &[("site", &site.config.title)]);
    pv.breadcrumbs.clear();
    let az = pager::title_letters(site, lists).map(|letters| LetterIndex {
        letters,
        all: site.config.url("articles/"),
    });
    let guides = match az {
        Some(_) => Vec::new(),
        None => a_to_z(site),
    };
    SearchPage {
        page: pv,
        guides,
        az,
        topics: SectionKind::TOPICS.iter().map(|k| k.key()).collect(),
        tags: site.tags.iter().map(|t| t.name.as_str()).collect(),
    }
}

/// Every guide with its topic pages, A to Z.
fn a_to_z(site: &Site) -> Vec<ArticleSummary<'_>> {
    let mut guides: Vec<ArticleSummary<'_>> = site
        .articles
        .iter()
        .map(|a| article_summary(site, a))
        .collect();
    // Articles are sorted by title already; sort again so a change there cannot break "A to Z".
    guides.sort_by_cached_key(|g| g.title.to_lowercase());
    guides
}
