//! The derive-pages stage: the complete list of files a build writes, computed from the model.
//!
//! Render walks this list; serve uses it to know which pages an edit touches; check and the
//! sitemap use it to know what exists. Keeping it in one place means no page can be rendered
//! that the sitemap does not list, or the other way round.

use super::{Listing, Site};
use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use crate::markdown::SectionKind;
use std::collections::HashMap;
use std::path::Path;

/// One HTML page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageRef {
    /// `/`.
    Home,
    /// `/articles/`.
    ArticleIndex,
    /// `/articles/SLUG/` (index into `Site::articles`).
    Article(usize),
    /// `/articles/SLUG/TOPIC/`.
    Topic(usize, SectionKind),
    /// `/benefits/`, `/what-to-expect/`, `/precautions/`.
    Hub(SectionKind),
    /// `/faq/`.
    Faq,
    /// `/glossary/`, when the site has a glossary.
    Glossary,
    /// `/tags/`.
    TagIndex,
    /// `/tags/SLUG/` (index into `Site::tags`).
    Tag(usize),
    /// `/SLUG/` (index into `Site::pages`).
    Page(usize),
    /// `/search/` (when search is on).
    Search,
    /// `/404.html`.
    NotFound,
    /// A redirect from an old address (index into the alias list of an article, see [`Site::aliases`]).
    Alias(usize),
    /// Page N (2 or more) of a list that runs over several pages: `/articles/page/N/`.
    More(Listing, usize),
}

/// A non-HTML file the build writes from the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutputFile {
    /// `sitemap.xml`.
    Sitemap,
    /// `atom.xml`.
    Feed,
    /// `robots.txt`.
    Robots,
    /// `brand.css`: brand colours from `site.yaml` as CSS custom properties.
    BrandCss,
}

impl OutputFile {
    /// All of them.
    pub const ALL: [OutputFile; 4] = [
        OutputFile::Sitemap,
        OutputFile::Feed,
        OutputFile::Robots,
        OutputFile::BrandCss,
    ];

    /// Output path relative to the output folder.
    pub fn output_path(self) -> &'static str {
        match self {
            OutputFile::Sitemap => "sitemap.xml",
            OutputFile::Feed => "atom.xml",
            OutputFile::Robots => "robots.txt",
            OutputFile::BrandCss => "brand.css",
        }
    }
}

/// A redirect from an old address to an article.
#[derive(Debug, Clone)]
pub struct Alias {
    /// Output file, e.g. `old/deep-tissue.html` or `old/massage/index.html`.
    pub output: String,
    /// The article it points to.
    pub article: usize,
}

impl Site {
    /// Every HTML page, in a fixed order.
    pub fn pages(&self) -> Vec<PageRef> {
        let mut out = vec![PageRef::Home];
        out.extend(self.listing_pages(Listing::Articles));
        for (i, a) in self.articles.iter().enumerate() {
            out.push(PageRef::Article(i));
            out.extend(a.topics().into_iter().map(|k| PageRef::Topic(i, k)));
        }
        for kind in SectionKind::TOPICS {
            out.extend(self.listing_pages(Listing::Hub(kind)));
        }
        out.extend(self.listing_pages(Listing::Faq));
        if !self.glossary.terms.is_empty() {
            out.push(PageRef::Glossary);
        }
        out.extend(self.listing_pages(Listing::TagIndex));
        for i in 0..self.tags.len() {
            out.extend(self.listing_pages(Listing::Tag(i)));
        }
        out.extend((0..self.pages.len()).map(PageRef::Page));
        if self.config.search.enabled {
            out.push(PageRef::Search);
        }
        out.push(PageRef::NotFound);
        out.extend((0..self.aliases().len()).map(PageRef::Alias));
        out
    }

    /// The site path of a page (no base path, no leading slash): `articles/x/`, `404.html`.
    pub fn page_path(&self, page: PageRef) -> String {
        match page {
            PageRef::Home => String::new(),
            PageRef::ArticleIndex => "articles/".into(),
            PageRef::Article(i) => self.articles[i].path.clone(),
            PageRef::Topic(i, k) => self.articles[i].topic_path(k),
            PageRef::Hub(k) => format!("{}/", k.key()),
            PageRef::Faq => "faq/".into(),
            PageRef::Glossary => super::GLOSSARY_PATH.into(),
            PageRef::TagIndex => "tags/".into(),
            PageRef::Tag(i) => self.tags[i].path(),
            PageRef::Page(i) => self.pages[i].path.clone(),
            PageRef::Search => "search/".into(),
            PageRef::NotFound => "404.html".into(),
            PageRef::Alias(i) => self.aliases()[i].output.clone(),
            PageRef::More(l, n) => self.listing_path(l, n),
        }
    }

    /// The file a page is written to, relative to the output folder.
    pub fn output_path(&self, page: PageRef) -> String {
        let p = self.page_path(page);
        if p.is_empty() || p.ends_with('/') {
            format!("{p}index.html")
        } else {
            p
        }
    }

    /// Whether a page belongs in the sitemap (redirects and the 404 page do not).
    pub fn in_sitemap(page: PageRef) -> bool {
        !matches!(page, PageRef::NotFound | PageRef::Alias(_))
    }

    /// Every alias redirect, in article order.
    pub fn aliases(&self) -> Vec<Alias> {
        let mut out = Vec::new();
        for (i, a) in self.articles.iter().enumerate() {
            for alias in &a.doc.front.aliases {
                if let Some(output) = alias_output(alias) {
                    out.push(Alias { output, article: i });
                }
            }
        }
        out
    }
}

/// The output file for an alias path: `/old/x.html` stays, `/old/x/` or `/old/x` gets `index.html`.
fn alias_output(alias: &str) -> Option<String> {
    let trimmed = alias.trim().trim_start_matches('/');
    if trimmed.is_empty()
        || trimmed.split('/').any(|seg| seg == ".." || seg == ".")
        || trimmed.contains('\\')
        || trimmed.contains("://")
    {
        return None;
    }
    Some(if trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else if trimmed
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
    {
        trimmed.to_string()
    } else {
        format!("{trimmed}/index.html")
    })
}

/// Aliases that are malformed or would overwrite another page are errors.
pub(crate) fn check_aliases(site: &Site, static_files: &[String]) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let mut taken: HashMap<String, String> = HashMap::new();
    for page in site.pages() {
        if !matches!(page, PageRef::Alias(_)) {
            taken.insert(
                site.output_path(page),
                format!("the page /{}", site.page_path(page)),
            );
        }
    }
    // Files written after the pages would silently replace a redirect at the same path.
    for f in OutputFile::ALL {
        taken.insert(
            f.output_path().into(),
            format!("the generated /{}", f.output_path()),
        );
    }
    for (_, src, out) in &site.bundle_assets {
        taken.insert(out.clone(), format!("the file {}", src.display()));
    }
    for a in &site.articles {
        for alias in &a.doc.front.aliases {
            let span = Span::at(&a.doc.path, a.doc.front.line_of("aliases"), 1);
            match alias_output(alias) {
                None => diags.push(
                    Diagnostic::error(
                        "urls/alias",
                        span,
                        format!("`{alias}` is not a path on this site"),
                    )
                    .with_help("write old addresses as paths such as `/old/deep-tissue.html`"),
                ),
                Some(out) => {
                    let in_static = Path::new("static").join(&out);
                    let owner = taken.get(&out).cloned().or_else(|| {
                        if site.root.join(&in_static).is_file() {
                            Some(format!("the file {}", in_static.display()))
                        } else {
                            // A theme file, such as the stylesheet every page loads.
                            static_files
                                .contains(&out)
                                .then(|| format!("the theme's file /{out}"))
                        }
                    });
                    if let Some(owner) = owner {
                        diags.push(
                            Diagnostic::error(
                                "urls/alias",
                                span,
                                format!("the alias `{alias}` would replace {owner}"),
                            )
                            .with_help("remove the alias or choose another old address"),
                        );
                    } else {
                        taken.insert(out, format!("an alias of {}", a.doc.path.display()));
                    }
                }
            }
        }
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::alias_output;

    #[test]
    fn alias_paths() {
        assert_eq!(alias_output("/old/x.html").as_deref(), Some("old/x.html"));
        assert_eq!(alias_output("/old/x/").as_deref(), Some("old/x/index.html"));
        assert_eq!(alias_output("old/x").as_deref(), Some("old/x/index.html"));
        assert_eq!(alias_output("/../etc/passwd"), None);
        assert_eq!(alias_output("https://x.example/a"), None);
    }
}
