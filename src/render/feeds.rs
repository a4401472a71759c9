//! Machine-readable outputs: `sitemap.xml`, the Atom feed and `robots.txt`.

use crate::site::{PageRef, Site};
use chrono::NaiveDate;
use std::fmt::Write;

/// Escapes text for XML element content and attribute values (the HTML escaper's output is
/// valid XML too).
pub(crate) fn xml_escape(s: &str) -> String {
    crate::markdown::escape_html(s)
}

/// The last-modified date of a page, where the model knows one.
fn lastmod(site: &Site, page: PageRef) -> Option<NaiveDate> {
    match page {
        PageRef::Article(i) | PageRef::Topic(i, _) => site.articles[i].modified(),
        _ => None,
    }
}

/// The sitemap as `(output path, text)`: one `sitemap.xml` listing every page but redirects
/// and the 404 page, or, when there are more than `paginate.sitemap` addresses, `sitemap.xml`
/// as an index of `sitemap-1.xml`, `sitemap-2.xml`, … of at most that many each.
pub(crate) fn sitemaps(site: &Site, pages: &[PageRef]) -> Vec<(String, String)> {
    let listed: Vec<PageRef> = pages
        .iter()
        .copied()
        .filter(|p| Site::in_sitemap(*p))
        .collect();
    let limit = site.config.paginate.sitemap.max(1);
    // The language-help page is in every language, outside the model's list of pages: it
    // goes at the end of the last file that has room.
    if listed.len() < limit {
        return vec![("sitemap.xml".into(), urlset(site, &listed, true))];
    }
    let chunks: Vec<&[PageRef]> = listed.chunks(limit).collect();
    let room = chunks.last().is_some_and(|c| c.len() < limit);
    let mut files: Vec<(String, String)> = chunks
        .iter()
        .enumerate()
        .map(|(i, chunk)| {
            let help = room && i + 1 == chunks.len();
            (format!("sitemap-{}.xml", i + 1), urlset(site, chunk, help))
        })
        .collect();
    if !room {
        let n = files.len() + 1;
        files.push((format!("sitemap-{n}.xml"), urlset(site, &[], true)));
    }
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (path, _) in &files {
        let loc = site.config.permalink(path);
        let _ = writeln!(
            index,
            "  <sitemap><loc>{}</loc></sitemap>",
            xml_escape(&loc)
        );
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, ("sitemap.xml".into(), index));
    files
}

/// One sitemap file listing `pages`.
fn urlset(site: &Site, pages: &[PageRef], language_help: bool) -> String {
    let mut s = String::with_capacity(pages.len() * 120 + 200);
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for &p in pages {
        let loc = site.config.permalink(&site.page_path(p));
        let _ = write!(s, "  <url><loc>{}</loc>", xml_escape(&loc));
        if let Some(d) = lastmod(site, p) {
            let _ = write!(s, "<lastmod>{}</lastmod>", d.format("%Y-%m-%d"));
        }
        s.push_str("</url>\n");
    }
    if language_help {
        let help = site.config.permalink(crate::i18n::LANGUAGE_HELP_PATH);
        let _ = writeln!(s, "  <url><loc>{}</loc></url>", xml_escape(&help));
    }
    s.push_str("</urlset>\n");
    s
}

/// An Atom feed of the most recently changed articles (at most `paginate.feed`).
pub(crate) fn atom(site: &Site) -> String {
    let c = &site.config;
    let mut newest = super::pager::newest_first(site);
    newest.truncate(c.paginate.feed);
    let list: Vec<_> = newest.into_iter().map(|i| &site.articles[i]).collect();
    let updated = list
        .iter()
        .filter_map(|a| a.modified())
        .max()
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = write!(
        s,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <link href=\"{}\"/>\n  <link rel=\"self\" href=\"{}\"/>\n  <id>{}</id>\n  <updated>{}T00:00:00Z</updated>\n",
        xml_escape(&c.language),
        xml_escape(&c.title),
        xml_escape(&c.permalink("")),
        xml_escape(&c.permalink("atom.xml")),
        xml_escape(&c.permalink("")),
        updated.format("%Y-%m-%d"),
    );
    if let Some(name) = &c.clinic.name {
        let _ = writeln!(s, "  <author><name>{}</name></author>", xml_escape(name));
    } else {
        let _ = writeln!(
            s,
            "  <author><name>{}</name></author>",
            xml_escape(&c.title)
        );
    }
    for a in list {
        let link = c.permalink(&a.path);
        let when = a.modified().unwrap_or(updated).format("%Y-%m-%d");
        let _ = write!(
            s,
            "  <entry>\n    <title>{}</title>\n    <link href=\"{}\"/>\n    <id>{}</id>\n    <updated>{}T00:00:00Z</updated>\n",
            xml_escape(a.title()),
            xml_escape(&link),
            xml_escape(&link),
            when
        );
        if let Some(d) = &a.doc.front.description {
            let _ = writeln!(s, "    <summary>{}</summary>", xml_escape(d));
        }
        s.push_str("  </entry>\n");
    }
    s.push_str("</feed>\n");
    s
}

/// `robots.txt` allowing everything and pointing to the sitemap.
pub(crate) fn robots(site: &Site) -> String {
    let mut out = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.config.permalink("sitemap.xml")
    );
    // Each other language has its own sitemap in its folder.
    for lang in site.config.languages.iter().filter(|l| !l.is_default()) {
        let url = format!("{}{}sitemap.xml", site.config.base_url, lang.prefix);
        out.push_str(&format!("Sitemap: {url}\n"));
    }
    out
}
