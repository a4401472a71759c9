//! `paginate:` in site.yaml: how much one list page or machine-readable file holds before the
//! list is split, so that a site of 100,000 guides still has pages a phone can open.

use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use serde::{Deserialize, Serialize};

/// The most URLs one sitemap file may list (the sitemaps.org protocol's limit).
pub const SITEMAP_LIMIT: usize = 50_000;

/// Page and file sizes for large sites. A site smaller than every limit has one page per list,
/// as if there were none.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default)]
pub struct Paginate {
    /// Guides per page of the articles index, a topic hub or a tag page.
    pub per_page: usize,
    /// Guides' groups of questions per page of the site FAQ (the site's own groups are all on
    /// the first page).
    pub faq_groups: usize,
    /// Topics per page of the topics A to Z index.
    pub tags: usize,
    /// Guides on the home page; a site with more shows its newest and links to the rest.
    pub home: usize,
    /// Entries in the Atom feed, newest first.
    pub feed: usize,
    /// Addresses per sitemap file; with more, `sitemap.xml` becomes an index of files.
    pub sitemap: usize,
}

impl Default for Paginate {
    fn default() -> Self {
        Paginate {
            per_page: 100,
            faq_groups: 50,
            tags: 1000,
            home: 24,
            feed: 20,
            sitemap: SITEMAP_LIMIT,
        }
    }
}

impl Paginate {
    /// Every limit must be a positive number; the sitemap's no more than the protocol allows.
    pub(super) fn check(&self, at: &dyn Fn(&[&str]) -> Span) -> Diagnostics {
        let mut diags = Diagnostics::new();
        let limits = [
            ("per_page", self.per_page, 10_000),
            ("faq_groups", self.faq_groups, 10_000),
            ("tags", self.tags, 100_000),
            ("home", self.home, 10_000),
            ("feed", self.feed, 10_000),
            ("sitemap", self.sitemap, SITEMAP_LIMIT),
        ];
        for (key, value, max) in limits {
            if !(1..=max).contains(&value) {
                diags.push(
                    Diagnostic::error(
                        "config/paginate",
                        at(&["paginate", key]),
                        format!("paginate.{key} must be between 1 and {max}, not {value}"),
                    )
                    .with_help("leave the setting out to use the default"),
                );
            }
        }
        diags
    }
}
