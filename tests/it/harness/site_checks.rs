//! Whole-site checks on an output folder: internal links resolve, ids are unique, the sitemap
//! lists exactly the pages written.

use super::xml::sitemap_locs;
use super::{files_under, html_files, page_at};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Checks that every internal reference in every HTML file of `out` resolves to a file there:
/// `a[href]`, `link[href]`, `img[src]`, `script[src]`, and the URL of a meta refresh.
///
/// `base_url` is the site's absolute base (`https://x.example/guides/`); root-relative URLs must
/// start with its path, and absolute URLs under it count as internal. A `#fragment` must name
/// an id on the target page. Returns every failure as "page: url (why)".
pub(crate) fn broken_internal_links(out: &Path, base_url: &str) -> Vec<String> {
    let base_path = match base_url.split_once("://") {
        Some((_, rest)) => rest.find('/').map(|i| &rest[i..]).unwrap_or("/"),
        None => base_url,
    };
    let files: BTreeSet<String> = files_under(out).into_iter().collect();
    let mut ids_cache: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut ids_of = |file: &str| -> BTreeSet<String> {
        ids_cache
            .entry(file.to_string())
            .or_insert_with(|| page_at(out, file).ids().into_iter().collect())
            .clone()
    };
    let mut failures = Vec::new();
    for file in html_files(out) {
        let page = page_at(out, &file);
        let mut urls: Vec<String> = Vec::new();
        for (sel, attr) in [
            ("a[href]", "href"),
            ("link[href]", "href"),
            ("img[src]", "src"),
            ("script[src]", "src"),
        ] {
            urls.extend(page.attrs(sel, attr));
        }
        for refresh in page.attrs(r#"meta[http-equiv="refresh"]"#, "content") {
            if let Some((_, url)) = refresh.split_once("url=") {
                urls.push(url.trim().to_string());
            }
        }
        let dir = match file.rfind('/') {
            Some(i) => &file[..=i],
            None => "",
        };
        for url in urls {
            let (path, fragment) = match url.split_once('#') {
                Some((p, f)) => (p.to_string(), Some(f.to_string())),
                None => (url.clone(), None),
            };
            let path = path.split('?').next().unwrap_or("").to_string();
            // Resolve to a path relative to the output folder.
            let rel = if path.is_empty() {
                Some(file.clone())
            } else if let Some(local) = path.strip_prefix(base_url) {
                Some(local.to_string())
            } else if path.contains("://") || path.starts_with("//") || path.contains(':') {
                None // external, mailto:, tel:
            } else if path.starts_with('/') {
                match path.strip_prefix(base_path) {
                    Some(local) => Some(local.to_string()),
                    None => {
                        failures.push(format!("{file}: {url} (outside the base path {base_path})"));
                        continue;
                    }
                }
            } else {
                Some(normalise(&format!("{dir}{path}")))
            };
            let Some(rel) = rel else { continue };
            let rel = percent_decode(&rel);
            let target = if rel.is_empty() || rel.ends_with('/') {
                format!("{rel}index.html")
            } else if files.contains(&rel) {
                rel.clone()
            } else {
                format!("{rel}/index.html")
            };
            if !files.contains(&target) {
                failures.push(format!("{file}: {url} (no file {target})"));
                continue;
            }
            if let Some(f) = fragment.filter(|f| !f.is_empty()) {
                if target.ends_with(".html") && !ids_of(&target).contains(&percent_decode(&f)) {
                    failures.push(format!("{file}: {url} (no id {f:?} in {target})"));
                }
            }
        }
    }
    failures
}

/// Asserts that every internal reference in `out` resolves (see [`broken_internal_links`]).
#[track_caller]
pub(crate) fn assert_internal_links_resolve(out: &Path, base_url: &str) {
    let broken = broken_internal_links(out, base_url);
    assert!(
        broken.is_empty(),
        "{} broken internal links:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

/// Asserts that no HTML page of `out` uses one id twice (anchors would go to the first).
#[track_caller]
pub(crate) fn assert_ids_unique(out: &Path) {
    let mut dups = Vec::new();
    for f in html_files(out) {
        let mut seen = BTreeSet::new();
        for id in page_at(out, &f).ids() {
            if !seen.insert(id.clone()) {
                dups.push(format!("{f}: #{id}"));
            }
        }
    }
    assert!(dups.is_empty(), "ids used twice:\n{}", dups.join("\n"));
}

/// Checks that the sitemap of `out` lists exactly the HTML pages written, except the 404 page
/// and redirects, as absolute URLs under `base_url`.
#[track_caller]
pub(crate) fn assert_sitemap_lists_every_page(out: &Path, base_url: &str) {
    // Each language folder with its own sitemap (`es/sitemap.xml`) lists that folder's pages;
    // a page that only says it is not translated yet is in no sitemap.
    let sitemap_of = |f: &str| -> String {
        match f.split_once('/') {
            Some((dir, _)) if out.join(dir).join("sitemap.xml").is_file() => format!("{dir}/"),
            _ => String::new(),
        }
    };
    let mut expected: BTreeSet<String> = BTreeSet::new();
    let mut folders: BTreeSet<String> = BTreeSet::new();
    folders.insert(String::new());
    for f in html_files(out) {
        let page = page_at(out, &f);
        let untranslated = !page.attrs("body.page-untranslated", "class").is_empty();
        if f.ends_with("404.html") || page.is_redirect() || untranslated {
            continue;
        }
        folders.insert(sitemap_of(&f));
        let url_path = f.strip_suffix("index.html").unwrap_or(&f).to_string();
        expected.insert(format!("{base_url}{url_path}"));
    }
    let mut files: Vec<String> = Vec::new();
    for dir in folders {
        let xml = std::fs::read_to_string(out.join(&dir).join("sitemap.xml")).expect("sitemap.xml");
        let root = super::parse_xml(&xml);
        // A large site's sitemap.xml is an index of sitemap files on the same site.
        match root.name.as_str() {
            "sitemapindex" => {
                files.extend(root.all("sitemap").filter_map(|s| s.first("loc")).map(|l| {
                    let loc = l.text.trim();
                    let rel = loc.strip_prefix(base_url);
                    let rel =
                        rel.unwrap_or_else(|| panic!("sitemap file {loc} is not under {base_url}"));
                    std::fs::read_to_string(out.join(rel)).expect("sitemap file")
                }))
            }
            _ => files.push(xml),
        }
    }
    let listed: BTreeSet<String> = files.iter().flat_map(|x| sitemap_locs(x)).collect();
    let missing: Vec<&String> = expected.difference(&listed).collect();
    let extra: Vec<&String> = listed.difference(&expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "sitemap differs from the pages written\nnot listed: {missing:#?}\nlisted but not written (or a redirect/404): {extra:#?}"
    );
}

fn normalise(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "." => {}
            ".." => {
                out.pop();
            }
            s => out.push(s),
        }
    }
    out.join("/")
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
