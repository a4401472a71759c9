//! Which page exists in which language: each page has a key its translations share (the
//! source file's path for articles and pages, the page's own path for the pages every
//! language has), and the index maps each key to the page's path in each language.

use crate::site::{PageRef, Site};
use serde::Serialize;
use std::collections::HashMap;

/// Page keys with their path in each language (index into `Config::languages`, site path
/// without the language folder).
#[derive(Debug, Clone, Default)]
pub struct TranslationIndex {
    pages: HashMap<String, Vec<(usize, String)>>,
    /// Every language's words, in the order of `Config::languages`: pages that speak to
    /// readers of every language (the language-help page) read them.
    pub strings: Vec<super::Strings>,
}

impl TranslationIndex {
    /// The index of every page of `sites`, one site per language in the order of
    /// `Config::languages`.
    pub fn build(sites: &[&Site], strings: Vec<super::Strings>) -> TranslationIndex {
        let mut pages: HashMap<String, Vec<(usize, String)>> = HashMap::new();
        for (lang, site) in sites.iter().enumerate() {
            let help = super::LANGUAGE_HELP_PATH.to_string();
            pages.entry(help.clone()).or_default().push((lang, help));
            // A language without content of its own has only notices, which are no
            // translations to link to.
            if lang > 0 && !super::has_content(site) {
                continue;
            }
            for page in site.pages() {
                if let Some(key) = page_key(site, page) {
                    pages
                        .entry(key)
                        .or_default()
                        .push((lang, site.page_path(page)));
                }
            }
        }
        TranslationIndex { pages, strings }
    }

    /// Where the page with `key` is in each language that has it.
    pub fn paths(&self, key: &str) -> &[(usize, String)] {
        self.pages.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Every key with its paths, for finding the pages a language lacks.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[(usize, String)])> {
        self.pages.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }
}

/// The key translations of `page` share, or `None` for a page that has no counterpart in
/// other languages (a tag, whose name differs by language; the not-found page; redirects).
pub fn page_key(site: &Site, page: PageRef) -> Option<String> {
    let source =
        |doc: &crate::content::Document| doc.source_path().to_string_lossy().replace('\\', "/");
    match page {
        PageRef::Article(i) => Some(source(&site.articles[i].doc)),
        PageRef::Topic(i, k) => Some(format!("{}#{}", source(&site.articles[i].doc), k.key())),
        PageRef::Page(i) => Some(source(&site.pages[i].doc)),
        PageRef::Tag(_) | PageRef::NotFound | PageRef::Alias(_) => None,
        other => Some(site.page_path(other)),
    }
}

/// A version of a page in one language, for `hreflang` links and the language switcher.
#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    /// BCP 47 code.
    pub code: String,
    /// The language's name in its own script.
    pub name: String,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// Root-relative URL.
    pub url: String,
    /// Absolute URL, for `hreflang`.
    pub permalink: String,
    /// Whether this is the page being shown.
    pub current: bool,
}

/// Every language version of the page at `key` (the page itself included), in the order
/// of `languages:`; empty when the page exists in one language only.
pub fn alternates(site: &Site, key: Option<&str>) -> Vec<Alternate> {
    let c = &site.config;
    let Some(key) = key else { return Vec::new() };
    let paths = c.translations.paths(key);
    if paths.len() < 2 {
        return Vec::new();
    }
    paths
        .iter()
        .filter_map(|(i, path)| {
            let lang = c.languages.get(*i)?;
            Some(Alternate {
                code: lang.code.clone(),
                name: lang.name.clone(),
                dir: lang.dir,
                url: format!("{}{}{}", c.base_path, lang.prefix, path),
                permalink: format!("{}{}{}", c.base_url, lang.prefix, path),
                current: lang.code == c.lang.code,
            })
        })
        .collect()
}
