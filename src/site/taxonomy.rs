//! Tags: the taxonomy of articles, each tag with its own page listing the articles that carry it.

use super::Article;
use crate::markdown::slugify;
use std::collections::BTreeMap;

/// One tag and the articles that carry it.
#[derive(Debug, Clone)]
pub struct Tag {
    /// The tag as first written (e.g. "Back pain").
    pub name: String,
    /// URL slug (`back-pain`).
    pub slug: String,
    /// Indexes into `Site::articles`, in article order.
    pub articles: Vec<usize>,
}

impl Tag {
    /// Site path of the tag's page: `tags/SLUG/`.
    pub fn path(&self) -> String {
        format!("tags/{}/", self.slug)
    }
}

/// Groups articles by tag; tags that differ only in case or punctuation are one tag.
pub(crate) fn build_tags(articles: &[Article]) -> Vec<Tag> {
    let mut by_slug: BTreeMap<String, Tag> = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        for name in &a.doc.front.tags {
            let slug = slugify(name);
            let tag = by_slug.entry(slug.clone()).or_insert_with(|| Tag {
                name: name.clone(),
                slug,
                articles: Vec::new(),
            });
            if tag.articles.last() != Some(&i) {
                tag.articles.push(i);
            }
        }
    }
    let mut tags: Vec<Tag> = by_slug.into_values().collect();
    tags.sort_by_key(|t| t.name.to_lowercase());
    tags
}
