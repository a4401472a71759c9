//! A WordPress export (the WXR file Tools → Export writes) read into documents: every post
//! becomes an article and every page a page, with title, date, slug, tags and categories,
//! the old permalink as an alias, and drafts marked `draft: true`. Block-editor comments
//! (`<!-- wp:… -->`) and shortcodes are removed; private and trashed posts are skipped.

use super::doc::{parse_date, DocKind, ImportedDoc};
use super::html_clean::{self, LinkTargets};
use super::xml::{self, XmlNode};
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

/// One `<item>` of the export that will be imported.
#[derive(Debug, Clone)]
pub struct Item {
    title: String,
    link: Option<String>,
    kind: DocKind,
    status: String,
    slug: String,
    date: Option<chrono::NaiveDate>,
    tags: Vec<String>,
    content: String,
    excerpt: String,
}

static SHORTCODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[/?[A-Za-z_][\w-]*(?:\s[^\]]*)?/?\]")
        .unwrap_or_else(|_| unreachable!("the pattern is fixed"))
});

/// Whether the text looks like a WordPress export.
pub fn is_wxr(text: &str) -> bool {
    let head = &text[..text.len().min(4000)];
    head.contains("<rss")
        && (head.contains("wordpress.org/export") || text.contains("<wp:post_type"))
}

/// Reads the items of an export; the second value lists the items skipped, for the report.
pub fn items(text: &str) -> Result<(Vec<Item>, Vec<String>), String> {
    let root = xml::parse(text)?;
    let channel = root
        .child("channel")
        .ok_or("not a WordPress export: no <channel>")?;
    let mut items = Vec::new();
    let mut skipped = Vec::new();
    for node in channel.elements().filter(|e| e.name == "item") {
        let field = |name: &str| node.child(name).map(XmlNode::text).unwrap_or_default();
        let title = field("title").trim().to_string();
        let kind = match field("wp:post_type").trim() {
            "post" => DocKind::Article,
            "page" => DocKind::Page,
            // Attachments, menu items, revisions and blocks are not articles.
            _ => continue,
        };
        let status = field("wp:status").trim().to_string();
        if matches!(
            status.as_str(),
            "private" | "trash" | "auto-draft" | "inherit"
        ) {
            skipped.push(format!("\"{title}\" ({status})"));
            continue;
        }
        let tags = node
            .elements()
            .filter(|e| e.name == "category")
            .map(|e| e.text().trim().to_string())
            .filter(|t| !t.is_empty() && !t.eq_ignore_ascii_case("uncategorized"))
            .fold(Vec::<String>::new(), |mut v, t| {
                if !v.contains(&t) {
                    v.push(t);
                }
                v
            });
        let date = parse_date(&field("wp:post_date")).or_else(|| parse_date(&field("pubDate")));
        let link =
            Some(field("link").trim().to_string()).filter(|l| !l.is_empty() && !l.contains('?'));
        items.push(Item {
            title,
            link,
            kind,
            status,
            slug: field("wp:post_name").trim().to_string(),
            date,
            tags,
            content: field("content:encoded"),
            excerpt: field("excerpt:encoded"),
        });
    }
    if items.is_empty() && skipped.is_empty() {
        return Err("the WordPress export has no posts or pages".into());
    }
    Ok((items, skipped))
}

/// The link keys of an item (its old permalink), so other items can link to it.
pub fn link_keys(item: &Item) -> Vec<String> {
    item.link.iter().map(|l| LinkTargets::url_key(l)).collect()
}

/// Converts one item into a document; images are looked for beside the export file.
pub fn convert(item: &Item, export: &Path, targets: &LinkTargets) -> ImportedDoc {
    let mut doc = ImportedDoc::new(if item.title.is_empty() {
        "Untitled"
    } else {
        &item.title
    });
    doc.kind = item.kind;
    doc.date = item.date;
    doc.tags = item.tags.clone();
    doc.draft = item.status != "publish";
    doc.slug = Some(item.slug.clone()).filter(|s| !s.is_empty());
    // The excerpt is plain text the author wrote as a summary; a few themes put HTML in it.
    let excerpt = scraper::Html::parse_fragment(&item.excerpt);
    let excerpt: String = excerpt.root_element().text().collect();
    doc.description =
        Some(excerpt.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|e| !e.is_empty());
    doc.link_keys = link_keys(item);
    if let Some(link) = &item.link {
        let path = LinkTargets::url_key(link);
        doc.aliases
            .push(path.trim_start_matches("url:").to_string());
    }
    let shortcodes = SHORTCODE.find_iter(&item.content).count();
    let content = SHORTCODE.replace_all(&item.content, "");
    if shortcodes > 0 {
        let s = if shortcodes == 1 { "" } else { "s" };
        doc.dropped.push(format!("{shortcodes} shortcode{s}"));
    }
    if item.content.contains("<!-- wp:") {
        doc.dropped.push("block editor comments".into());
    }
    let fragment = scraper::Html::parse_fragment(&autop(&content));
    let base = export.parent().unwrap_or(Path::new("."));
    html_clean::convert(fragment.root_element(), None, base, targets, &mut doc);
    doc
}

/// WordPress stores classic-editor posts without `<p>`: blank lines separate paragraphs.
/// Wraps each such block in `<p>` unless it already starts with a block element.
fn autop(content: &str) -> String {
    const BLOCKS: &[&str] = &[
        "<p",
        "<h1",
        "<h2",
        "<h3",
        "<h4",
        "<h5",
        "<h6",
        "<ul",
        "<ol",
        "<div",
        "<figure",
        "<table",
        "<blockquote",
        "<pre",
        "<!--",
        "<hr",
        "<section",
        "<img",
        "<dl",
    ];
    content
        .replace("\r\n", "\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(|b| {
            if BLOCKS.iter().any(|t| b.starts_with(t)) {
                b.to_string()
            } else {
                format!("<p>{}</p>", b.replace('\n', "<br>"))
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcodes_go_but_text_stays() {
        let s = SHORTCODE.replace_all(
            "[caption id=\"a\"]Knee[/caption] and [gallery ids=\"1,2\"]",
            "",
        );
        assert_eq!(s, "Knee and ");
    }

    #[test]
    fn autop_wraps_loose_paragraphs() {
        assert_eq!(
            autop("One\n\n<h2>Two</h2>\n\nThree\nfour"),
            "<p>One</p>\n<h2>Two</h2>\n<p>Three<br>four</p>"
        );
    }
}
