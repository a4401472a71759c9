//! The search page (`search.html`): a form that works without JavaScript, listing every guide
//! A to Z with its topic pages, and the values the search script filters by.

use super::pages::base;
use super::views::{article_summary, ArticleSummary, PageView};
use crate::markdown::SectionKind;
use crate::site::{PageRef, Site};
use serde::Serialize;

/// The search page's context.
#[derive(Serialize)]
pub struct SearchPage<'a> {
    /// The page.
    pub page: PageView,
    /// Every guide, A to Z, with its topic pages: what the page shows without JavaScript.
    pub guides: Vec<ArticleSummary<'a>>,
    /// The topic keys a result can be filtered by, in page order (`benefits`, …).
    pub topics: Vec<&'static str>,
    /// Tag names to filter by.
    pub tags: Vec<&'a str>,
}

/// Builds the search page.
pub fn page(site: &Site) -> SearchPage<'_> {
    let t = &site.config.strings;
    let mut pv = base(
        site,
        PageRef::Search,
        "search",
        t.get("search_title").into(),
    );
    pv.description = t.fill("search_description", &[("site", &site.config.title)]);
    pv.breadcrumbs.clear();
    let mut guides: Vec<ArticleSummary<'_>> = site
        .articles
        .iter()
        .map(|a| article_summary(site, a))
        .collect();
    // Articles are sorted by title already; sort again so a change there cannot break "A to Z".
    guides.sort_by_cached_key(|g| g.title.to_lowercase());
    SearchPage {
        page: pv,
        guides,
        topics: SectionKind::TOPICS.iter().map(|k| k.key()).collect(),
        tags: site.tags.iter().map(|t| t.name.as_str()).collect(),
    }
}
