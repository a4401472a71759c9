//! Assembles the [`Site`] from loaded documents: assigns URLs, refuses collisions, renders every
//! document's Markdown in parallel with its links resolved, and derives tags and the FAQ.

use super::faq::build_faq;
use super::links::{DocLinks, LinkMap};
use super::taxonomy::build_tags;
use super::{Article, Detail, Extra, Page, Site};
use crate::config::Config;
use crate::content::{Discovered, DocKind, Document};
use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use crate::markdown::{self, slugify, LinkKind, RenderOptions, Rendered};
use crate::url_scheme::UrlKind;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Element ids the default theme's layout uses; headings and FAQ questions never take them.
pub const RESERVED_IDS: &[&str] = &[
    "top",
    "key-points-title",
    "terms-used-title",
    "main",
    "skip",
    "site-header",
    "site-nav",
    "site-footer",
    "emergency",
    "disclaimer",
    "toc",
    "review",
    "page-title",
    "topic-nav",
    "print",
    "references",
    "questions",
    "content",
];

/// The site path of the glossary page.
pub const GLOSSARY_PATH: &str = "glossary/";

/// Top-level site paths the generator owns; a standalone page cannot take them.
const RESERVED_PATHS: &[&str] = &[
    "articles",
    "glossary",
    "tags",
    "faq",
    "benefits",
    "what-to-expect",
    "precautions",
    "static",
    "404",
];

/// Builds the site model. Drafts are left out unless `drafts` is true; `detail` says how much
/// of each document to keep.
///
/// The steps, in order: sort the documents by kind, assign their URLs, match bundle assets to
/// their articles, build the link map, render the Markdown (in parallel), sort, derive the FAQ
/// and tags, and check the aliases against every other output file.
pub fn assemble(
    root: &Path,
    config: Config,
    found: Discovered,
    drafts: bool,
    static_files: Vec<String>,
    detail: Detail,
    today: NaiveDate,
) -> (Site, Diagnostics) {
    let mut diags = Diagnostics::new();
    let (glossary, glossary_diags) = super::glossary::load(root, RESERVED_IDS);
    diags.extend(glossary_diags);
    let docs = ByKind::sort(found.documents, drafts);
    let urls = assign_urls(&docs, &mut diags);
    let mut bundle_assets =
        match_bundle_assets(&docs.articles, &urls.articles, &found.bundle_assets);
    let mut map = LinkMap::new(
        &config,
        &glossary,
        static_files,
        urls.published(&docs),
        bundle_assets
            .iter()
            .map(|(_, src, out)| (src.clone(), out.clone())),
    );
    map.drafts = docs.drafts;
    map.failed = found.failed;

    let articles = render_articles(
        docs.articles,
        urls.articles,
        &map,
        &config,
        detail,
        today,
        &mut diags,
    );
    let mut pages = render_pages(docs.pages, urls.pages, &map, &config, &mut diags);
    let home = docs
        .home
        .map(|doc| render_extra(doc, "", false, &map, &config, &mut diags));
    let faq_file = docs
        .faq
        .map(|doc| render_extra(doc, "faq/", true, &map, &config, &mut diags));

    let articles = sort_articles(articles, &mut bundle_assets);
    pages.sort_by(|a, b| a.doc.front.title.cmp(&b.doc.front.title));
    let faq = build_faq(faq_file.as_ref(), &articles);
    let tags = build_tags(&articles);
    let site = Site {
        root: root.to_path_buf(),
        config,
        articles,
        pages,
        home,
        faq_file,
        faq,
        tags,
        glossary,
        bundle_assets,
        drafts,
        today,
        asset_index: Default::default(),
    };
    diags.extend(super::pages::check_aliases(&site, &map.static_files));
    (site, diags)
}

/// The loaded documents by kind, with the drafts this build leaves out.
struct ByKind {
    articles: Vec<Document>,
    pages: Vec<Document>,
    home: Option<Document>,
    faq: Option<Document>,
    /// Drafts left out, so that a link to one can say why it fails.
    drafts: Vec<PathBuf>,
}

impl ByKind {
    fn sort(documents: Vec<Document>, drafts: bool) -> ByKind {
        let mut by = ByKind {
            articles: Vec::new(),
            pages: Vec::new(),
            home: None,
            faq: None,
            drafts: Vec::new(),
        };
        for doc in documents {
            if doc.front.draft && !drafts {
                by.drafts.push(doc.path.clone());
                continue;
            }
            match doc.kind {
                DocKind::Article => by.articles.push(doc),
                DocKind::Page => by.pages.push(doc),
                DocKind::Home => by.home = Some(doc),
                DocKind::Faq => by.faq = Some(doc),
            }
        }
        by
    }
}

/// The slugs of the articles and pages, in the order of [`ByKind`]'s lists.
struct Urls {
    articles: Vec<String>,
    pages: Vec<String>,
}

impl Urls {
    /// Every published document's source path with its site path.
    fn published(&self, docs: &ByKind) -> Vec<(PathBuf, String)> {
        let articles = (docs.articles.iter().zip(&self.articles))
            .map(|(d, slug)| (d.path.clone(), format!("articles/{slug}/")));
        let pages = (docs.pages.iter().zip(&self.pages))
            .map(|(d, slug)| (d.path.clone(), format!("{slug}/")));
        let home = docs.home.iter().map(|d| (d.path.clone(), String::new()));
        let faq = docs
            .faq
            .iter()
            .map(|d| (d.path.clone(), "faq/".to_string()));
        articles.chain(pages).chain(home).chain(faq).collect()
    }
}

/// Assigns every article and page its slug; duplicates and pages that take an address the
/// site uses are errors.
fn assign_urls(docs: &ByKind, diags: &mut Diagnostics) -> Urls {
    let articles = assign_slugs(&docs.articles, "articles/", diags);
    let pages = assign_slugs(&docs.pages, "", diags);
    for (doc, slug) in docs.pages.iter().zip(&pages) {
        if RESERVED_PATHS.contains(&slug.as_str()) {
            diags.push(
                Diagnostic::error(
                    "urls/reserved",
                    Span::at(&doc.path, doc.front.line_of("title"), 1),
                    format!("a page cannot have the address `/{slug}/`: the site uses it"),
                )
                .with_help("rename the file or set another `slug:` in its front matter"),
            );
        }
    }
    Urls { articles, pages }
}

/// Matches each non-Markdown file in a bundle folder to the article of that bundle:
/// (article index, source path, output path). Files of a bundle without an article are left
/// out.
fn match_bundle_assets(
    articles: &[Document],
    slugs: &[String],
    found: &[(PathBuf, PathBuf)],
) -> Vec<(usize, PathBuf, String)> {
    let mut bundle_index: HashMap<&Path, usize> = HashMap::new();
    for (i, d) in articles.iter().enumerate() {
        if let Some(b) = &d.bundle {
            bundle_index.entry(b.as_path()).or_insert(i);
        }
    }
    let mut out = Vec::new();
    for (bundle, file) in found {
        if let Some(&i) = bundle_index.get(bundle.as_path()) {
            let rest = file
                .strip_prefix(bundle)
                .unwrap_or(file)
                .to_string_lossy()
                .replace('\\', "/");
            out.push((i, file.clone(), format!("articles/{}/{rest}", slugs[i])));
        }
    }
    out
}

/// Renders every article in parallel, keeping its findings.
fn render_articles(
    docs: Vec<Document>,
    slugs: Vec<String>,
    map: &LinkMap,
    config: &Config,
    detail: Detail,
    today: NaiveDate,
    diags: &mut Diagnostics,
) -> Vec<Article> {
    let rendered: Vec<(Article, Diagnostics)> = docs
        .into_par_iter()
        .zip(slugs.into_par_iter())
        .map(|(doc, slug)| {
            let (mut article, d) = build_article(doc, slug, map, config, today);
            if detail == Detail::Pages {
                article.keep_pages_only();
            }
            (article, d)
        })
        .collect();
    let mut articles = Vec::with_capacity(rendered.len());
    for (a, d) in rendered {
        diags.extend(d);
        articles.push(a);
    }
    articles
}

/// Renders every standalone page in parallel, keeping its findings.
fn render_pages(
    docs: Vec<Document>,
    slugs: Vec<String>,
    map: &LinkMap,
    config: &Config,
    diags: &mut Diagnostics,
) -> Vec<Page> {
    let pages: Vec<Page> = docs
        .into_par_iter()
        .zip(slugs.into_par_iter())
        .map(|(doc, slug)| {
            let path = format!("{slug}/");
            let rendered = render_doc(&doc, map, config, &path, "", false);
            Page {
                doc,
                slug,
                path,
                rendered,
            }
        })
        .collect();
    for p in &pages {
        diags.extend(link_diagnostics(&p.doc, &p.rendered, config));
    }
    pages
}

/// Renders the home intro or the FAQ file, published at `path`.
fn render_extra(
    doc: Document,
    path: &str,
    all_faq: bool,
    map: &LinkMap,
    config: &Config,
    diags: &mut Diagnostics,
) -> Extra {
    let rendered = render_doc(&doc, map, config, path, "", all_faq);
    diags.extend(link_diagnostics(&doc, &rendered, config));
    Extra { doc, rendered }
}

/// Renders one document's Markdown, resolving its links against `map`. `page_path` is the site
/// path the document becomes; `faq_prefix` keeps its FAQ ids unique site-wide.
pub(crate) fn render_doc(
    doc: &Document,
    map: &LinkMap,
    config: &Config,
    page_path: &str,
    faq_prefix: &str,
    all_faq: bool,
) -> Rendered {
    let links = DocLinks {
        map,
        dir: doc.dir(),
        page_path,
    };
    // A page in another language is classified with that language's cues, when it has them.
    let own_rules = crate::content::language::declared(doc)
        .and_then(|lang| markdown::TopicRules::for_document(&config.topics, &lang));
    markdown::render(
        doc.body(),
        &RenderOptions {
            first_line: doc.body_line,
            rules: own_rules.as_ref().unwrap_or(&config.topics),
            links: &links,
            faq_id_prefix: faq_prefix,
            all_sections_faq: all_faq,
            reserved_ids: RESERVED_IDS,
            callouts: &config
                .strings
                .callout_wording(config.emergency_number.as_deref()),
            glossary: &map.terms,
        },
    )
}

/// Renders one article and derives what the site shows about it (reading time, next review),
/// with its broken links and a missing lead image as diagnostics. Serve calls this for the one
/// article that changed.
pub(crate) fn build_article(
    doc: Document,
    slug: String,
    map: &LinkMap,
    config: &Config,
    today: NaiveDate,
) -> (Article, Diagnostics) {
    let path = format!("articles/{slug}/");
    let rendered = render_doc(&doc, map, config, &path, &format!("{slug}-"), false);
    let mut d = link_diagnostics(&doc, &rendered, config);
    d.extend(check_image(&doc, map, config));
    d.extend(super::topics::unknown_classes(&doc, &rendered));
    let words: usize = rendered
        .prose
        .iter()
        .map(|p| crate::markdown::count_words(&p.text))
        .sum();
    let review = super::Review::of(
        doc.front.reviewed,
        config.review_interval_months,
        config.check.due_soon_days,
        today,
    );
    let article = Article {
        doc,
        slug,
        path,
        rendered,
        review,
        words,
        reading_minutes: reading_minutes(words),
    };
    (article, d)
}

/// Sorts articles by title (then slug) for stable listings and fixes the bundle asset
/// indexes to the new order.
pub(crate) fn sort_articles(
    articles: Vec<Article>,
    bundle_assets: &mut [(usize, PathBuf, String)],
) -> Vec<Article> {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    // Lower-case each title once, not twice per comparison.
    order.sort_by_cached_key(|&i| (articles[i].title().to_lowercase(), &articles[i].slug));
    let mut new_index = vec![0; articles.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut slots: Vec<Option<Article>> = articles.into_iter().map(Some).collect();
    let sorted: Vec<Article> = order.iter().filter_map(|&i| slots[i].take()).collect();
    for asset in bundle_assets.iter_mut() {
        asset.0 = new_index[asset.0];
    }
    sorted
}

/// Minutes to read `words` at about 200 words a minute, at least one for any text.
pub fn reading_minutes(words: usize) -> u32 {
    if words == 0 {
        0
    } else {
        words.div_ceil(200).max(1) as u32
    }
}

/// Slugs from `slug:` or the file name; two documents with one slug are an error naming both.
fn assign_slugs(docs: &[Document], prefix: &str, diags: &mut Diagnostics) -> Vec<String> {
    let slugs: Vec<String> = docs
        .iter()
        .map(|d| slugify(d.front.slug.as_deref().unwrap_or(&d.stem())))
        .collect();
    let mut seen: HashMap<&str, &Path> = HashMap::new();
    for (doc, slug) in docs.iter().zip(&slugs) {
        if let Some(first) = seen.get(slug.as_str()) {
            let line = if doc.front.slug.is_some() {
                doc.front.line_of("slug")
            } else {
                1
            };
            diags.push(
                Diagnostic::error(
                    "urls/duplicate-slug",
                    Span::at(&doc.path, line, 1),
                    format!(
                        "two files would be published at `/{prefix}{slug}/`: this one and {}",
                        first.display()
                    ),
                )
                .with_help(
                    "give one of them a different `slug:` in its front matter, or rename the file",
                ),
            );
        } else {
            seen.insert(slug, &doc.path);
        }
    }
    slugs
}

/// What the build says about one document's links, images and raw HTML: broken and refused
/// destinations are errors; images from other hosts and raw HTML that would run scripts are
/// warnings (the site's security policy blocks the scripts, so they are dead weight at best).
pub(crate) fn link_diagnostics(
    doc: &Document,
    rendered: &Rendered,
    config: &Config,
) -> Diagnostics {
    let mut d = Diagnostics::new();
    for b in &rendered.broken_links {
        let span = Span::at(&doc.path, b.line, b.column);
        if b.refused {
            d.push(
                Diagnostic::error("links/scheme", span, b.message.clone())
                    .with_help(crate::url_scheme::REFUSED_HELP),
            );
            continue;
        }
        let help = match b.kind {
            LinkKind::Image => "put the image beside the article's index.md (a page bundle) or under static/ and write `/name.jpg`",
            LinkKind::Link => "link to another article by its file, relative to this one, e.g. `[heat therapy](heat-therapy.md)`",
        };
        d.push(
            Diagnostic::error(
                "links/broken",
                span,
                format!("link to `{}` goes nowhere: {}", b.dest, b.message),
            )
            .with_help(help),
        );
    }
    if !config.allow_remote_images {
        for img in &rendered.images {
            if crate::url_scheme::classify(&img.src) == UrlKind::Remote {
                d.push(remote_image(
                    Span::at(&doc.path, img.line, img.column),
                    &img.src,
                ));
            }
        }
    }
    for raw in &rendered.raw_html {
        for what in crate::markdown::html_scan::dangers(&raw.html) {
            d.push(
                Diagnostic::warning(
                    "security/raw-html",
                    Span::at(&doc.path, raw.line, raw.column),
                    format!("raw HTML contains {what}; browsers will not run it on this site"),
                )
                .with_help("remove it: the site's security policy blocks scripts in pages, and patient information does not need them"),
            );
        }
    }
    d
}

/// The warning for an image loaded from another host.
fn remote_image(span: Span, src: &str) -> Diagnostic {
    Diagnostic::warning(
        "images/remote",
        span,
        format!("the image `{src}` is loaded from another site each time a patient opens the page"),
    )
    .with_help("save the image beside the article (or in static/) and link to the file; or set `allow_remote_images: true` in site.yaml")
}

/// The lead image named in front matter must exist.
pub(crate) fn check_image(doc: &Document, map: &LinkMap, config: &Config) -> Option<Diagnostic> {
    let image = doc.front.image.as_deref()?.trim();
    let span = Span::at(&doc.path, doc.front.line_of("image"), 1);
    match crate::url_scheme::classify(image) {
        UrlKind::Local => {}
        UrlKind::Remote if config.allow_remote_images => return None,
        UrlKind::Remote => return Some(remote_image(span, image)),
        UrlKind::Contact | UrlKind::Refused(_) => {
            return Some(
                Diagnostic::error(
                    "links/image",
                    span,
                    format!("`{image}` is not an image address"),
                )
                .with_help("put the image beside the article's index.md (a page bundle) or under static/ and write `/name.jpg`"),
            )
        }
    }
    if image.is_empty() {
        return None;
    }
    let found = match image.strip_prefix('/') {
        Some(rooted) => map.static_files.iter().any(|f| f == rooted),
        None => map
            .assets
            .contains_key(&super::links::normalise(&doc.dir().join(image))),
    };
    (!found).then(|| {
        Diagnostic::error(
            "links/image",
            span,
            format!("the image `{image}` does not exist"),
        )
        .with_help("put the image beside the article's index.md (a page bundle) or under static/ and write `/name.jpg`")
    })
}

/// The lead image's URL for an article, if it has one.
pub fn image_url(site: &Site, article: &Article) -> Option<String> {
    let image = article.doc.front.image.as_deref()?.trim();
    if super::links::is_external(image) {
        return Some(image.to_string());
    }
    Some(match image.strip_prefix('/') {
        Some(rooted) => site.config.url(rooted),
        None => {
            let p: PathBuf = super::links::normalise(&article.doc.dir().join(image));
            site.bundle_asset(&p)
                .map(|out| site.config.url(out))
                .unwrap_or_else(|| site.config.url(&format!("{}{image}", article.path)))
        }
    })
}
