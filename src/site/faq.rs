//! The site-wide FAQ: the groups of `content/faq.md` followed by each article's own questions.

use super::{Article, Extra};
use crate::markdown::{FaqItem, SectionKind};
use std::collections::HashSet;

/// Where a group of questions comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaqSource {
    /// A `##` group of `content/faq.md`.
    Site,
    /// An article's FAQ section (index into `Site::articles`).
    Article(usize),
}

/// The model's title for faq.md's questions before its first heading; pages show the
/// language's `faq_general` words in its place.
pub(crate) const GENERAL_QUESTIONS: &str = "General questions";

/// A titled group of questions on the FAQ page.
#[derive(Debug, Clone)]
pub struct FaqGroup {
    /// Group heading: the `##` heading of faq.md, or the article's title.
    pub title: String,
    /// Anchor id of the group heading.
    pub id: String,
    /// Where the questions come from.
    pub source: FaqSource,
    /// The questions, each with a stable, unique id.
    pub items: Vec<FaqItem>,
}

/// Gathers the FAQ groups in page order.
pub(crate) fn build_faq(faq_file: Option<&Extra>, articles: &[Article]) -> Vec<FaqGroup> {
    let mut groups = Vec::new();
    if let Some(f) = faq_file {
        for s in &f.rendered.sections {
            if s.kind != SectionKind::Faq || s.faq.is_empty() {
                continue;
            }
            let title = if s.heading.trim().is_empty() {
                GENERAL_QUESTIONS.to_string()
            } else {
                s.heading.clone()
            };
            groups.push(FaqGroup {
                title,
                id: format!("group-{}", s.id),
                source: FaqSource::Site,
                items: s.faq.clone(),
            });
        }
    }
    for (i, a) in articles.iter().enumerate() {
        let items: Vec<FaqItem> = a.faq().cloned().collect();
        if !items.is_empty() {
            groups.push(FaqGroup {
                title: a.title().to_string(),
                id: format!("group-{}", a.slug),
                source: FaqSource::Article(i),
                items,
            });
        }
    }
    make_group_ids_unique(&mut groups);
    groups
}

/// All groups share one page with every question, so a group id must differ from every
/// question id and from the other groups' ids: faq.md's group "Massage" and the article
/// `massage` would both be `group-massage`, and a faq.md question "Group appointments" is
/// `group-appointments`. Question ids are never changed (links point at them); a clashing
/// group id gets a number.
fn make_group_ids_unique(groups: &mut [FaqGroup]) {
    let mut taken: HashSet<String> = groups
        .iter()
        .flat_map(|g| g.items.iter().map(|q| q.id.clone()))
        .collect();
    for g in groups.iter_mut() {
        let mut id = g.id.clone();
        let mut n = 2;
        while taken.contains(&id) {
            id = format!("{}-{n}", g.id);
            n += 1;
        }
        taken.insert(id.clone());
        g.id = id;
    }
}
