//! The pages of a split list: which entries page N shows, and the previous/next navigation
//! every page of the list carries.
//!
//! The entries of each list are worked out once per build ([`Lists`], kept in
//! [`super::Shared`]): a 1,000-page hub must not sort or filter 100,000 articles per page.

use super::views::LinkView;
use crate::config::ArticleOrder;
use crate::markdown::SectionKind;
use crate::site::{FaqSource, Listing, Site};
use serde::Serialize;
use std::ops::Range;

/// The entries of every list, computed once per build.
pub struct Lists {
    /// Article indexes in the order of the articles index.
    pub articles: Vec<usize>,
    /// Per topic kind (in [`SectionKind::TOPICS`] order), the articles that have it.
    pub hubs: [Vec<usize>; 3],
    /// Indexes into `Site::faq` of the guides' groups of questions.
    pub faq_groups: Vec<usize>,
    /// The articles the home page shows, in its order.
    pub home: Vec<usize>,
}

impl Lists {
    /// Works out every list of `site`.
    pub fn of(site: &Site) -> Lists {
        let articles: Vec<usize> = match site.config.article_order {
            ArticleOrder::Title => (0..site.articles.len()).collect(),
            ArticleOrder::Date => newest_first(site),
        };
        let hubs = SectionKind::TOPICS.map(|k| {
            (0..site.articles.len())
                .filter(|&i| {
                    site.articles[i]
                        .rendered
                        .sections
                        .iter()
                        .any(|s| s.kind == k)
                })
                .collect()
        });
        let faq_groups = (0..site.faq.len())
            .filter(|&g| matches!(site.faq[g].source, FaqSource::Article(_)))
            .collect();
        let limit = site.config.paginate.home;
        // A site that fits shows every guide as it always has; a larger one its newest.
        let home = if site.articles.len() <= limit {
            (0..site.articles.len()).collect()
        } else {
            let mut newest = newest_first(site);
            newest.truncate(limit);
            newest
        };
        Lists {
            articles,
            hubs,
            faq_groups,
            home,
        }
    }

    /// The articles of one hub.
    pub fn hub(&self, kind: SectionKind) -> &[usize] {
        let i = SectionKind::TOPICS
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(0);
        &self.hubs[i]
    }
}

/// Article indexes, most recently changed first (then by title).
pub fn newest_first(site: &Site) -> Vec<usize> {
    let mut list: Vec<usize> = (0..site.articles.len()).collect();
    let a = &site.articles;
    list.sort_by(|&x, &y| {
        a[y].modified()
            .cmp(&a[x].modified())
            .then(a[x].title().cmp(a[y].title()))
    });
    list
}

/// Which entries page `n` (from 1) of a list shows, out of `len`.
pub fn slice(site: &Site, listing: Listing, n: usize, len: usize) -> Range<usize> {
    let per = site.per_page(listing);
    let start = n.saturating_sub(1).saturating_mul(per).min(len);
    start..start.saturating_add(per).min(len)
}

/// Previous/next navigation for a list that runs over several pages.
#[derive(Debug, Clone, Serialize)]
pub struct PagerView {
    /// This page's number, from 1.
    pub current: usize,
    /// How many pages the list has.
    pub total: usize,
    /// The previous page, if any.
    pub prev: Option<String>,
    /// The next page, if any.
    pub next: Option<String>,
    /// Numbered links: the first and last pages and those near this one, in order; `url` is
    /// empty where pages are left out (shown as an ellipsis).
    pub pages: Vec<PageLink>,
    /// For an index in title order: each initial letter and the page where it starts.
    pub letters: Vec<LinkView>,
}

/// One numbered link of a pager.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    /// The page number.
    pub number: usize,
    /// Its address; empty for a gap.
    pub url: String,
    /// Whether it is the page shown.
    pub current: bool,
}

/// The pager of page `n` of a list, or `None` when the list fits on one page.
pub fn pager(site: &Site, lists: &Lists, listing: Listing, n: usize) -> Option<PagerView> {
    let total = site.page_count(listing);
    if total < 2 {
        return None;
    }
    let url = |k: usize| site.config.url(&site.listing_path(listing, k));
    let mut pages = Vec::new();
    let mut last = 0;
    for k in 1..=total {
        if k == 1 || k == total || k.abs_diff(n) <= 2 {
            if k > last + 1 {
                pages.push(PageLink {
                    number: 0,
                    url: String::new(),
                    current: false,
                });
            }
            pages.push(PageLink {
                number: k,
                url: url(k),
                current: k == n,
            });
            last = k;
        }
    }
    let letters = match (listing, site.config.article_order) {
        (Listing::Articles, ArticleOrder::Title) => letters(site, lists, &url),
        _ => Vec::new(),
    };
    Some(PagerView {
        current: n,
        total,
        prev: (n > 1).then(|| url(n - 1)),
        next: (n < total).then(|| url(n + 1)),
        pages,
        letters,
    })
}

/// The A to Z index of a site whose articles index is in title order and runs over several
/// pages: each first letter with the page where it starts. `None` when the index is one page
/// (a list of every guide is short enough to show whole) or in date order.
pub fn title_letters(site: &Site, lists: &Lists) -> Option<Vec<LinkView>> {
    let listing = Listing::Articles;
    if site.config.article_order != ArticleOrder::Title || site.page_count(listing) < 2 {
        return None;
    }
    let url = |k: usize| site.config.url(&site.listing_path(listing, k));
    Some(letters(site, lists, &url))
}

/// The first letter of each title, with the page of the index where that letter starts, so a
/// patient who knows the guide's name goes straight to it.
fn letters(site: &Site, lists: &Lists, url: &dyn Fn(usize) -> String) -> Vec<LinkView> {
    let per = site.per_page(Listing::Articles);
    let mut out: Vec<LinkView> = Vec::new();
    for (pos, &i) in lists.articles.iter().enumerate() {
        let first = site.articles[i]
            .title()
            .chars()
            .find(|c| c.is_alphanumeric());
        let letter = match first {
            Some(c) if c.is_alphabetic() => c.to_uppercase().collect(),
            _ => "#".to_string(),
        };
        if !out.iter().any(|l| l.title == letter) {
            out.push(LinkView {
                title: letter,
                url: url(pos / per + 1),
            });
        }
    }
    out
}
