//! Long lists split into numbered pages: which lists there are, how many pages each has and
//! where each page lives (`articles/`, `articles/page/2/`, …).
//!
//! The first page of a list keeps its old address and [`PageRef`] variant, so a small site
//! (every list on one page) is exactly what it was; pages 2 and on are [`PageRef::More`].

use super::{FaqSource, PageRef, Site};
use crate::markdown::SectionKind;

/// A list that may run over several pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Listing {
    /// The articles index.
    Articles,
    /// A topic hub.
    Hub(SectionKind),
    /// The site FAQ (its article groups are what is split).
    Faq,
    /// The topics A to Z index.
    TagIndex,
    /// One tag's guides (index into `Site::tags`).
    Tag(usize),
}

impl Listing {
    /// The page of this list a page is, if it is one: `(listing, page number from 1)`.
    pub fn of(page: PageRef) -> Option<(Listing, usize)> {
        Some(match page {
            PageRef::ArticleIndex => (Listing::Articles, 1),
            PageRef::Hub(k) => (Listing::Hub(k), 1),
            PageRef::Faq => (Listing::Faq, 1),
            PageRef::TagIndex => (Listing::TagIndex, 1),
            PageRef::Tag(i) => (Listing::Tag(i), 1),
            PageRef::More(l, n) => (l, n),
            _ => return None,
        })
    }

    /// Page `n` (from 1) of this list.
    pub fn page(self, n: usize) -> PageRef {
        match (self, n) {
            (_, n) if n > 1 => PageRef::More(self, n),
            (Listing::Articles, _) => PageRef::ArticleIndex,
            (Listing::Hub(k), _) => PageRef::Hub(k),
            (Listing::Faq, _) => PageRef::Faq,
            (Listing::TagIndex, _) => PageRef::TagIndex,
            (Listing::Tag(i), _) => PageRef::Tag(i),
        }
    }
}

impl Site {
    /// Every list the site has, in page order.
    pub fn listings(&self) -> Vec<Listing> {
        let mut out = vec![Listing::Articles];
        out.extend(SectionKind::TOPICS.map(Listing::Hub));
        out.push(Listing::Faq);
        out.push(Listing::TagIndex);
        out.extend((0..self.tags.len()).map(Listing::Tag));
        out
    }

    /// How many entries a list page holds.
    pub fn per_page(&self, listing: Listing) -> usize {
        let p = &self.config.paginate;
        match listing {
            Listing::Faq => p.faq_groups,
            Listing::TagIndex => p.tags,
            _ => p.per_page,
        }
        .max(1)
    }

    /// How many entries a list has (for the FAQ, the guides' groups of questions).
    pub fn listing_len(&self, listing: Listing) -> usize {
        match listing {
            Listing::Articles => self.articles.len(),
            Listing::Hub(k) => self
                .articles
                .iter()
                .filter(|a| a.rendered.sections.iter().any(|s| s.kind == k))
                .count(),
            Listing::Faq => self
                .faq
                .iter()
                .filter(|g| matches!(g.source, FaqSource::Article(_)))
                .count(),
            Listing::TagIndex => self.tags.len(),
            Listing::Tag(i) => self.tags.get(i).map_or(0, |t| t.articles.len()),
        }
    }

    /// How many pages a list has: at least one, even when it is empty.
    pub fn page_count(&self, listing: Listing) -> usize {
        self.listing_len(listing)
            .div_ceil(self.per_page(listing))
            .max(1)
    }

    /// Every page of a list, first to last.
    pub fn listing_pages(&self, listing: Listing) -> Vec<PageRef> {
        (1..=self.page_count(listing))
            .map(|n| listing.page(n))
            .collect()
    }

    /// The site path of page `n` of a list: the list's own path, then `page/N/`.
    pub fn listing_path(&self, listing: Listing, n: usize) -> String {
        let first = match listing {
            Listing::Articles => "articles/".to_string(),
            Listing::Hub(k) => format!("{}/", k.key()),
            Listing::Faq => "faq/".into(),
            Listing::TagIndex => "tags/".into(),
            Listing::Tag(i) => self.tags.get(i).map(|t| t.path()).unwrap_or_default(),
        };
        match n {
            0 | 1 => first,
            n => format!("{first}page/{n}/"),
        }
    }

    /// The number of the FAQ page that shows each group of `Site::faq`, in order: the site's
    /// own groups are on the first page, the guides' groups in pages of `paginate.faq_groups`.
    pub fn faq_group_pages(&self) -> Vec<usize> {
        let per = self.per_page(Listing::Faq);
        let mut theirs = 0;
        self.faq
            .iter()
            .map(|g| match g.source {
                FaqSource::Site => 1,
                FaqSource::Article(_) => {
                    theirs += 1;
                    (theirs - 1) / per + 1
                }
            })
            .collect()
    }
}
