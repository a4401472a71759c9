//! What the index holds: one record per piece of text a patient can land on.
//!
//! An article's text appears on its own page and again, split up, on its topic pages. Each
//! piece is indexed once, where it is most useful: a topic section on its topic page, the
//! rest (intro, overview, other sections) on the article page, and its questions on the FAQ
//! page next to their answers. Standalone pages are one record each.

use super::text::{plain, synonyms_for};
use crate::markdown::{Section, SectionKind};
use crate::site::{Article, Site};

/// Which part of the guide a record is, as the `part` filter and meta value.
pub(crate) const PART_GUIDE: &str = "guide";
/// The `part` of a question with its answer.
pub(crate) const PART_QUESTIONS: &str = "questions";
/// The `part` of a standalone page.
pub(crate) const PART_PAGE: &str = "page";

/// One search record.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Record {
    /// Root-relative address a result opens.
    pub url: String,
    /// What the result is called: the article, question or page title.
    pub title: String,
    /// The guide it belongs to (empty for pages and site questions).
    pub guide: String,
    /// `guide`, a topic key (`precautions`), `questions` or `page`.
    pub part: &'static str,
    /// The article's tags.
    pub tags: Vec<String>,
    /// The searchable text, with keywords and synonyms at the end.
    pub content: String,
    /// The language of its page, lowercase (`en`, `es-mx`): Pagefind writes one index per
    /// language, and the browser loads the one that matches the page's `<html lang>`.
    pub lang: String,
}

/// Every record of the site.
pub(crate) fn records(site: &Site) -> Vec<Record> {
    let mut out = Vec::new();
    each(site, &mut |r| out.push(r));
    out
}

/// Hands every record of the site to `out` as it is made, so an index can be built without
/// holding the text of all of them.
pub(crate) fn each(site: &Site, out: &mut dyn FnMut(Record)) {
    // Pages have no language of their own yet: every record has the site's.
    let lang = site.config.language.to_lowercase();
    // Filter by the tag names the tag pages show (`Back pain`, not each article's spelling).
    let mut tags = vec![Vec::new(); site.articles.len()];
    for t in &site.tags {
        for &i in &t.articles {
            if let Some(list) = tags.get_mut(i) {
                list.push(t.name.clone());
            }
        }
    }
    for (a, tags) in site.articles.iter().zip(tags) {
        article_records(site, a, tags, &lang, out);
    }
    let faq_pages = site.faq_group_pages();
    for (g, page) in site.faq.iter().zip(faq_pages) {
        let faq_path = site.listing_path(crate::site::Listing::Faq, page);
        for q in &g.items {
            let mut content = q.answer_text.clone();
            add_synonyms(site, &q.question, &mut content);
            out(Record {
                url: site.config.url(&format!("{faq_path}#{}", q.id)),
                title: q.question.clone(),
                guide: g.title.clone(),
                part: PART_QUESTIONS,
                tags: Vec::new(),
                content,
                lang: lang.clone(),
            });
        }
    }
    for p in &site.pages {
        let mut content = String::new();
        plain(&p.rendered.full_html(), &mut content);
        add_synonyms(site, &p.doc.front.title, &mut content);
        out(Record {
            url: site.config.url(&p.path),
            title: p.doc.front.title.clone(),
            guide: String::new(),
            part: PART_PAGE,
            tags: Vec::new(),
            content,
            lang: lang.clone(),
        });
    }
}

/// The article's own record and one per topic page.
fn article_records(
    site: &Site,
    a: &Article,
    tags: Vec<String>,
    lang: &str,
    out: &mut dyn FnMut(Record),
) {
    let front = &a.doc.front;
    let record = |url: String, part: &'static str, content: String| Record {
        url,
        title: a.title().to_string(),
        guide: a.title().to_string(),
        part,
        tags: tags.clone(),
        content,
        lang: lang.to_string(),
    };
    let mut main = String::new();
    if let Some(d) = &front.description {
        main.push_str(d);
        main.push(' ');
    }
    for t in [&front.condition, &front.treatment].into_iter().flatten() {
        main.push_str(t);
        main.push(' ');
    }
    plain(&a.rendered.intro_html, &mut main);
    for s in &a.rendered.sections {
        match s.kind {
            k if k.is_topic() => {
                let mut text = section_text(s);
                add_synonyms(site, a.title(), &mut text);
                out(record(site.config.url(&a.topic_path(k)), k.key(), text));
            }
            // Questions are indexed with their answers on the FAQ page.
            SectionKind::Faq => {}
            _ => main.push_str(&section_text(s)),
        }
    }
    for k in &front.keywords {
        main.push(' ');
        main.push_str(k);
    }
    add_synonyms(site, a.title(), &mut main);
    out(record(site.config.url(&a.path), PART_GUIDE, main));
}

/// A section's heading and text.
fn section_text(s: &Section) -> String {
    let mut text = String::with_capacity(s.html.len() / 2);
    text.push_str(&s.heading);
    text.push_str(". ");
    plain(&s.html, &mut text);
    text
}

/// Appends the site's synonyms for words in the title or text.
fn add_synonyms(site: &Site, title: &str, content: &mut String) {
    let groups = &site.config.search.synonyms;
    if groups.is_empty() {
        return;
    }
    let words = synonyms_for(&format!("{title} {content}"), groups);
    for w in words {
        content.push(' ');
        content.push_str(&w);
    }
}
