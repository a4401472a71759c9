//! A web page saved from a clinic's old site, read into a document.
//!
//! The main content is the `<article>` (the one holding the `<h1>` when there are several),
//! else `<main>`, else the element with the most paragraph text. The `<h1>` is the title,
//! the meta description the description, and a published time the date; the page's
//! canonical address becomes an alias so old links keep working.

use super::doc::{parse_date, ImportedDoc};
use super::html_clean::{self, LinkTargets};
use scraper::{ElementRef, Html, Selector};
use std::path::Path;

/// Reads a saved HTML page; `Err` says why it cannot be an article.
pub fn read(text: &str, path: &Path, targets: &LinkTargets) -> Result<ImportedDoc, String> {
    let page = Html::parse_document(text);
    let main = main_content(&page).ok_or("the page has no text")?;
    let h1 = first(main, "h1").or_else(|| page.select(&sel("h1")).next());
    let title = h1
        .map(text_of)
        .filter(|t| !t.is_empty())
        .or_else(|| {
            page.select(&sel("title"))
                .next()
                .map(|t| strip_site_name(&text_of(t)))
        })
        .filter(|t| !t.is_empty())
        .ok_or("the page has no <h1> or <title> to use as the title")?;
    let mut doc = ImportedDoc::new(title);
    read_facts(&page, main, &mut doc);
    let base = path.parent().unwrap_or(Path::new("."));
    let skip = h1.filter(|h| main.descendants().any(|d| d.id() == h.id()));
    html_clean::convert(main, skip, base, targets, &mut doc);
    let outside = furniture_outside(&page, main);
    if !outside.is_empty() {
        doc.dropped
            .push(format!("outside the main content: {}", outside.join(", ")));
    }
    if doc.body.trim().is_empty() {
        return Err("no text was found in the page's main content".into());
    }
    Ok(doc)
}

/// The description, date, tags and old address the page states about itself.
fn read_facts(page: &Html, main: ElementRef<'_>, doc: &mut ImportedDoc) {
    doc.description = meta(
        page,
        &["meta[name=description]", "meta[property='og:description']"],
    );
    doc.date = meta(
        page,
        &[
            "meta[property='article:published_time']",
            "meta[itemprop=datePublished]",
            "meta[name=date]",
        ],
    )
    .or_else(|| {
        first(main, "time[datetime]").and_then(|t| t.value().attr("datetime").map(String::from))
    })
    .and_then(|d| parse_date(&d));
    doc.tags = page
        .select(&sel("meta[property='article:tag'], a[rel~=tag]"))
        .filter_map(|e| {
            e.value()
                .attr("content")
                .map(String::from)
                .or_else(|| Some(text_of(e)))
        })
        .filter(|t| !t.is_empty())
        .collect();
    doc.tags.dedup();
    let canonical = page
        .select(&sel("link[rel=canonical]"))
        .next()
        .and_then(|l| l.value().attr("href"))
        .or_else(|| {
            page.select(&sel("meta[property='og:url']"))
                .next()
                .and_then(|m| m.value().attr("content"))
        });
    if let Some(url) = canonical {
        let key = LinkTargets::url_key(url);
        doc.aliases.push(key.trim_start_matches("url:").to_string());
    }
}

/// The element holding the page's content.
fn main_content(page: &Html) -> Option<ElementRef<'_>> {
    let articles: Vec<ElementRef<'_>> = page.select(&sel("article")).collect();
    let with_h1 = articles.iter().find(|a| first(**a, "h1").is_some());
    if let Some(a) = with_h1.or(articles.first().filter(|_| articles.len() == 1)) {
        return Some(*a);
    }
    for s in [
        "main",
        "[role=main]",
        "#content",
        ".entry-content",
        ".post-content",
    ] {
        if let Some(e) = page.select(&sel(s)).next() {
            return Some(e);
        }
    }
    // The largest block of paragraphs.
    let p = sel("p");
    page.select(&sel("div, section, td"))
        .map(|e| {
            let own: usize = e
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|c| p.matches(c))
                .map(|c| text_of(c).len())
                .sum();
            (own, e)
        })
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, _)| *n)
        .map(|(_, e)| e)
        .or_else(|| page.select(&sel("body")).next())
}

/// What page furniture (navigation, comments, sidebars) the page has outside its content.
fn furniture_outside(page: &Html, main: ElementRef<'_>) -> Vec<&'static str> {
    let mut found: Vec<&'static str> = page
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.id() != main.id() && !e.ancestors().any(|a| a.id() == main.id()))
        .filter_map(html_clean::drop_reason)
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// The first meta `content` of the selectors, in order.
fn meta(page: &Html, selectors: &[&str]) -> Option<String> {
    selectors.iter().find_map(|s| {
        page.select(&sel(s))
            .find_map(|m| m.value().attr("content"))
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
    })
}

fn first<'a>(el: ElementRef<'a>, s: &str) -> Option<ElementRef<'a>> {
    el.select(&sel(s)).next()
}

/// A selector written in this file; they are all valid, and an invalid one matches nothing.
fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|_| {
        Selector::parse("never-an-element").unwrap_or_else(|_| unreachable!("a tag name parses"))
    })
}

/// The text of an element with whitespace runs made single spaces.
fn text_of(el: ElementRef<'_>) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// "Knee pain | Lakeside Clinic" → "Knee pain".
fn strip_site_name(title: &str) -> String {
    for sep in [" | ", " – ", " — ", " - ", " :: "] {
        if let Some((first, _)) = title.split_once(sep) {
            return first.trim().to_string();
        }
    }
    title.trim().to_string()
}
