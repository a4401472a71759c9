//! Old addresses kept as aliases, so links to the old site keep working, but only where the
//! new site has no page of its own: an alias at a page's address would replace that page and
//! stop the build.

use super::doc::ImportedDoc;
use super::writer::url_path;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Addresses every handout site uses for pages it makes itself.
const SITE_PAGES: &[&str] = &[
    "/",
    "/articles/",
    "/benefits/",
    "/what-to-expect/",
    "/precautions/",
    "/faq/",
    "/404.html",
    "/sitemap.xml",
    "/atom.xml",
    "/robots.txt",
];

/// Drops the aliases that would land on a page of the new site (the site's own pages, a
/// content file already in `root/content/`, an imported document or its topic pages) or
/// that another document already has, and says so in each document's report.
pub(super) fn keep_free_aliases(docs: &mut [(usize, ImportedDoc, PathBuf)], root: &Path) {
    let mut pages: Vec<String> = existing_pages(&root.join("content"));
    pages.extend(docs.iter().map(|(_, _, rel)| url_path(rel)));
    let mut used = HashSet::new();
    for (_, d, _) in docs.iter_mut() {
        let mut dropped = Vec::new();
        d.aliases.retain(|a| {
            let taken = SITE_PAGES.contains(&a.as_str())
                || a.starts_with("/tags/")
                || pages.iter().any(|p| a.starts_with(p.as_str()));
            if taken || !used.insert(a.clone()) {
                dropped.push(format!("old address `{a}` (the new site has a page there)"));
                return false;
            }
            true
        });
        d.dropped.extend(dropped);
    }
}

/// The addresses of the articles and pages already in a site's `content/` folder.
fn existing_pages(content: &Path) -> Vec<String> {
    walkdir::WalkDir::new(content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(content).ok()?.to_path_buf();
            let is_md = rel.extension().is_some_and(|x| x == "md");
            let folder = rel.components().next()?.as_os_str().to_str()?.to_string();
            (is_md && (folder == "articles" || folder == "pages")).then(|| url_path(&rel))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_on_the_new_sites_pages_are_dropped() {
        let mut a = ImportedDoc::new("A");
        a.aliases = vec![
            "/old/a.html".into(),
            "/about/".into(),
            "/articles/b/benefits/".into(),
            "/faq/".into(),
        ];
        let mut b = ImportedDoc::new("B");
        b.aliases = vec!["/old/a.html".into(), "/old/b.html".into()];
        let mut docs = vec![
            (0, a, PathBuf::from("articles/a.md")),
            (0, b, PathBuf::from("articles/b/index.md")),
            (
                0,
                ImportedDoc::new("About"),
                PathBuf::from("pages/about.md"),
            ),
        ];
        keep_free_aliases(&mut docs, Path::new("/nonexistent"));
        assert_eq!(docs[0].1.aliases, ["/old/a.html"]);
        assert_eq!(docs[1].1.aliases, ["/old/b.html"]);
        assert_eq!(docs[0].1.dropped.len(), 3);
    }
}
