//! The render stage: turns each page of the site model into HTML with Tera, and writes the
//! machine-readable files (sitemap, feed, robots, brand CSS).
//!
//! Templates receive typed views (see [`views`]), never the model itself, so the theme
//! contract is explicit and the model can change behind it.

mod brand;
mod feeds;
mod qr;
pub mod structured_data;
pub mod theme;
pub mod views;

use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use crate::markdown::SectionKind;
use crate::site::{OutputFile, PageRef, Site, Topic};
use chrono::NaiveDate;
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;
use structured_data as ld;
use tera::{Context, Tera};
pub use theme::Theme;
use views::*;

/// A loaded theme ready to render pages.
pub struct Renderer {
    tera: Tera,
    /// Template name to the file it came from, for error messages.
    origins: HashMap<String, PathBuf>,
    /// The resolved theme (static files to copy).
    pub theme: Theme,
    /// Today's date, for review status.
    pub today: NaiveDate,
    /// Whether article and topic pages get their QR code (`page.qr_svg`). On by default;
    /// `check` may turn it off: a code is a fifth of a page's rendering time and holds no
    /// links or anchors to check.
    pub qr_codes: bool,
}

/// Values computed once per build and shared by every page.
pub struct Shared {
    /// A context holding only `site`, serialised once; each page's context starts as a copy.
    site: Context,
    brand_css: String,
}

/// What one rendering thread keeps from page to page.
///
/// Pages are rendered in the order of [`Site::pages`], so an article's topic pages follow it.
/// Its `article` value (every section's HTML, serialised for Tera) is built once and handed
/// from page to page, with only the parts that depend on the page shown replaced (see
/// [`views::article_parts`]).
#[derive(Default)]
pub struct Scratch {
    /// The HTML of the page last rendered.
    pub html: Vec<u8>,
    /// The last article's `article` value, by index into `Site::articles`.
    article: Option<(usize, Value)>,
}

impl Renderer {
    /// Loads and compiles the templates; every template syntax error is reported.
    pub fn new(theme: Theme, today: NaiveDate) -> Result<Renderer, Diagnostics> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        // Escape only what HTML needs, so URLs in the page source stay readable.
        tera.set_escape_fn(crate::markdown::escape_html);
        let mut origins = HashMap::new();
        let mut latest: Vec<(String, String)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for t in &theme.templates {
            origins.insert(t.name.clone(), t.origin.clone());
            match index.get(&t.name) {
                Some(&i) => latest[i].1 = t.text.clone(),
                None => {
                    index.insert(t.name.clone(), latest.len());
                    latest.push((t.name.clone(), t.text.clone()));
                }
            }
        }
        if let Err(e) = tera.add_raw_templates(latest.clone()) {
            // Tera stops at the first bad template; parse each on its own to report every
            // syntax error. Parsing alone does not resolve `extends`, so a template is not
            // blamed for a parent that is fine.
            let mut diags = Diagnostics::new();
            for (name, text) in &latest {
                if let Err(e) = tera::Template::new(name, None, text) {
                    diags.push(template_error(&origins, name, &e));
                }
            }
            if diags.is_empty() {
                diags.push(template_error(&origins, "", &e));
            }
            return Err(diags);
        }
        let required = [
            "base.html",
            "home.html",
            "article.html",
            "topic.html",
            "hub.html",
            "faq.html",
            "list.html",
            "tags.html",
            "tag.html",
            "page.html",
            "404.html",
        ];
        let mut diags = Diagnostics::new();
        for r in required {
            if !index.contains_key(r) {
                diags.push(
                    Diagnostic::error(
                        "template/missing",
                        Span::file(PathBuf::from("templates").join(r)),
                        format!("the theme has no `{r}` template"),
                    )
                    .with_help("add it to your theme, or remove the override that replaced it"),
                );
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        Ok(Renderer {
            tera,
            origins,
            theme,
            today,
            qr_codes: true,
        })
    }

    /// Computes the values shared by every page; brand colour errors are reported here.
    pub fn prepare(&self, site: &Site, config_text: &str) -> Result<Shared, Diagnostics> {
        let brand_css = brand::brand_css(&site.config, config_text)?;
        let mut site_ctx = Context::new();
        site_ctx.insert("site", &site_view(site));
        Ok(Shared {
            site: site_ctx,
            brand_css,
        })
    }

    /// Renders one page to HTML.
    pub fn render_page(
        &self,
        site: &Site,
        shared: &Shared,
        page: PageRef,
    ) -> Result<String, Diagnostic> {
        let mut scratch = Scratch::default();
        self.render_into(site, shared, page, &mut scratch)?;
        Ok(String::from_utf8(scratch.html).unwrap_or_default())
    }

    /// Renders one page into `scratch.html`, reusing what `scratch` kept from the page before.
    pub fn render_into(
        &self,
        site: &Site,
        shared: &Shared,
        page: PageRef,
        scratch: &mut Scratch,
    ) -> Result<(), Diagnostic> {
        scratch.html.clear();
        if let PageRef::Alias(i) = page {
            let alias = &site.aliases()[i];
            let html = redirect_page(site, &site.articles[alias.article].path);
            scratch.html.extend_from_slice(html.as_bytes());
            return Ok(());
        }
        let (template, mut ctx) = self.context(site, shared, page, scratch);
        let result = self.tera.render_to(template, &ctx, &mut scratch.html);
        if let (PageRef::Article(i) | PageRef::Topic(i, _), Some(v)) = (page, ctx.remove("article"))
        {
            scratch.article = Some((i, v));
        }
        result.map_err(|e| template_error(&self.origins, template, &e))
    }

    /// The `article` value of article `i` as shown on the page of `current` (`None` for the
    /// full article): the one `scratch` kept if it is the same article, with the page-dependent
    /// parts replaced, else built.
    fn article_value(
        &self,
        site: &Site,
        i: usize,
        current: Option<SectionKind>,
        scratch: &mut Scratch,
    ) -> Value {
        let a = &site.articles[i];
        match scratch.article.take() {
            Some((j, mut value)) if j == i => {
                if let Value::Object(map) = &mut value {
                    let (pages, previous, next) = article_parts(site, a, current);
                    let mut set = |key: &str, v: Result<Value, serde_json::Error>| {
                        map.insert(key.to_string(), v.unwrap_or(Value::Null));
                    };
                    set("pages", serde_json::to_value(pages));
                    set("previous", serde_json::to_value(previous));
                    set("next", serde_json::to_value(next));
                }
                value
            }
            _ => serde_json::to_value(article_view(site, a, current, self.today))
                .unwrap_or(Value::Null),
        }
    }

    /// Renders a non-HTML output file.
    pub fn render_file(
        &self,
        site: &Site,
        shared: &Shared,
        file: OutputFile,
        pages: &[PageRef],
    ) -> String {
        match file {
            OutputFile::Sitemap => feeds::sitemap(site, pages),
            OutputFile::Feed => feeds::atom(site),
            OutputFile::Robots => feeds::robots(site),
            OutputFile::BrandCss => shared.brand_css.clone(),
        }
    }

    fn context(
        &self,
        site: &Site,
        shared: &Shared,
        page: PageRef,
        scratch: &mut Scratch,
    ) -> (&'static str, Context) {
        let c = &site.config;
        let mut ctx = shared.site.clone();
        let path = site.page_path(page);
        let home = LinkView {
            title: "Home".into(),
            url: c.url(""),
        };
        let mut pv = PageView {
            kind: "",
            title: String::new(),
            description: c.description.clone(),
            url: c.url(&path),
            permalink: c.permalink(&path),
            breadcrumbs: vec![home.clone()],
            json_ld: Vec::new(),
            noindex: false,
            qr_svg: None,
            og_type: "website",
            image: None,
            has_code: false,
            printable: false,
        };
        let articles_link = LinkView {
            title: "Articles".into(),
            url: c.url("articles/"),
        };
        let template = match page {
            PageRef::Home => {
                pv.kind = "home";
                let h = site.home.as_ref();
                pv.title = h
                    .map(|h| h.doc.front.title.clone())
                    .filter(|t| !t.is_empty())
                    .unwrap_or_else(|| c.title.clone());
                if let Some(d) = h.and_then(|h| h.doc.front.description.clone()) {
                    pv.description = d;
                }
                pv.has_code = h.is_some_and(|h| h.rendered.has_code);
                let view = HomeView {
                    title: h
                        .map(|h| h.doc.front.title.as_str())
                        .filter(|t| !t.is_empty())
                        .unwrap_or(&c.title),
                    intro_html: h.map(|h| h.rendered.full_html()).unwrap_or_default(),
                    articles: site
                        .articles
                        .iter()
                        .map(|a| article_summary(site, a))
                        .collect(),
                };
                ctx.insert("home", &view);
                "home.html"
            }
            PageRef::ArticleIndex => {
                pv.kind = "list";
                pv.title = "Articles".into();
                pv.description = format!(
                    "All {} patient guides from {}.",
                    site.articles.len(),
                    c.title
                );
                pv.breadcrumbs.push(articles_link);
                let list: Vec<ArticleSummary> = site
                    .articles_in_index_order()
                    .into_iter()
                    .map(|a| article_summary(site, a))
                    .collect();
                ctx.insert("articles", &list);
                ctx.insert("order", &c.article_order);
                "list.html"
            }
            PageRef::Article(i) => {
                let a = &site.articles[i];
                pv.kind = "article";
                pv.title = a.title().to_string();
                pv.description = a.doc.front.description.clone().unwrap_or_default();
                pv.noindex = a.doc.front.draft;
                pv.breadcrumbs.push(articles_link);
                pv.breadcrumbs.push(LinkView {
                    title: pv.title.clone(),
                    url: pv.url.clone(),
                });
                pv.json_ld.push(ld::embed(&ld::medical_web_page(
                    site,
                    a,
                    &pv.permalink,
                    a.title(),
                    None,
                )));
                if let Some(faq) = ld::faq_page(
                    &pv.permalink,
                    a.faq()
                        .map(|f| (f.question.as_str(), f.answer_text.as_str())),
                ) {
                    pv.json_ld.push(ld::embed(&faq));
                }
                pv.qr_svg = self.qr_codes.then(|| qr::svg(&pv.permalink)).flatten();
                pv.og_type = "article";
                pv.image = absolute_image(site, a);
                pv.has_code = a.rendered.has_code;
                pv.printable = true;
                let article = self.article_value(site, i, None, scratch);
                insert_value(&mut ctx, "article", article);
                "article.html"
            }
            PageRef::Topic(i, kind) => {
                let a = &site.articles[i];
                let topic = Topic::of(a, kind);
                let tv = topic.as_ref().map(|t| topic_view(site, t));
                pv.kind = "topic";
                pv.title = tv.as_ref().map(|t| t.title.clone()).unwrap_or_default();
                pv.description = topic
                    .as_ref()
                    .map(|t| t.excerpt().to_string())
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| a.doc.front.description.clone().unwrap_or_default());
                pv.noindex = a.doc.front.draft;
                pv.breadcrumbs.push(articles_link);
                pv.breadcrumbs.push(LinkView {
                    title: a.title().to_string(),
                    url: c.url(&a.path),
                });
                pv.breadcrumbs.push(LinkView {
                    title: kind.label().into(),
                    url: pv.url.clone(),
                });
                let name = format!("{}: {}", kind.label(), a.title());
                pv.json_ld.push(ld::embed(&ld::medical_web_page(
                    site,
                    a,
                    &pv.permalink,
                    &name,
                    Some(kind.label()),
                )));
                pv.qr_svg = self.qr_codes.then(|| qr::svg(&pv.permalink)).flatten();
                pv.og_type = "article";
                pv.image = absolute_image(site, a);
                pv.has_code = a.rendered.has_code;
                pv.printable = true;
                let article = self.article_value(site, i, Some(kind), scratch);
                insert_value(&mut ctx, "article", article);
                ctx.insert("topic", &tv);
                "topic.html"
            }
            PageRef::Hub(kind) => {
                pv.kind = "hub";
                pv.title = kind.label().into();
                pv.description = hub_description(kind).into();
                pv.breadcrumbs.push(LinkView {
                    title: pv.title.clone(),
                    url: pv.url.clone(),
                });
                ctx.insert("hub", &hub_view(site, kind));
                "hub.html"
            }
            PageRef::Faq => {
                let view = faq_view(site);
                pv.kind = "faq";
                pv.has_code = site.faq_file.as_ref().is_some_and(|f| f.rendered.has_code)
                    || site.articles.iter().any(|a| a.rendered.has_code);
                pv.title = view.title.to_string();
                if let Some(d) = site
                    .faq_file
                    .as_ref()
                    .and_then(|f| f.doc.front.description.clone())
                {
                    pv.description = d;
                }
                pv.breadcrumbs.push(LinkView {
                    title: pv.title.clone(),
                    url: pv.url.clone(),
                });
                let items = site
                    .faq
                    .iter()
                    .flat_map(|g| g.items.iter())
                    .map(|f| (f.question.as_str(), f.answer_text.as_str()));
                if let Some(faq) = ld::faq_page(&pv.permalink, items) {
                    pv.json_ld.push(ld::embed(&faq));
                }
                ctx.insert("faq", &view);
                "faq.html"
            }
            PageRef::TagIndex => {
                pv.kind = "tags";
                pv.title = "Topics A to Z".into();
                pv.description = "Find patient guides by subject.".into();
                pv.breadcrumbs.push(LinkView {
                    title: pv.title.clone(),
                    url: pv.url.clone(),
                });
                let tags: Vec<TagView> = site
                    .tags
                    .iter()
                    .map(|t| TagView {
                        name: &t.name,
                        slug: &t.slug,
                        url: c.url(&t.path()),
                        count: t.articles.len(),
                        articles: Vec::new(),
                    })
                    .collect();
                ctx.insert("tags", &tags);
                "tags.html"
            }
            PageRef::Tag(i) => {
                let t = &site.tags[i];
                pv.kind = "tag";
                pv.title = t.name.clone();
                pv.description = format!("Patient guides about {}.", t.name);
                pv.breadcrumbs.push(LinkView {
                    title: "Topics A to Z".into(),
                    url: c.url("tags/"),
                });
                pv.breadcrumbs.push(LinkView {
                    title: pv.title.clone(),
                    url: pv.url.clone(),
                });
                let view = TagView {
                    name: &t.name,
                    slug: &t.slug,
                    url: pv.url.clone(),
                    count: t.articles.len(),
                    articles: t
                        .articles
                        .iter()
                        .map(|&i| article_summary(site, &site.articles[i]))
                        .collect(),
                };
                ctx.insert("tag", &view);
                "tag.html"
            }
            PageRef::Page(i) => {
                let p = &site.pages[i];
                pv.kind = "page";
                pv.has_code = p.rendered.has_code;
                pv.title = p.doc.front.title.clone();
                pv.description = p.doc.front.description.clone().unwrap_or_default();
                pv.noindex = p.doc.front.draft;
                pv.breadcrumbs.push(LinkView {
                    title: pv.title.clone(),
                    url: pv.url.clone(),
                });
                ctx.insert(
                    "content",
                    &ContentView {
                        title: &p.doc.front.title,
                        html: p.rendered.full_html(),
                        toc: &p.rendered.toc,
                    },
                );
                "page.html"
            }
            PageRef::NotFound | PageRef::Alias(_) => {
                pv.kind = "404";
                pv.title = "Page not found".into();
                pv.noindex = true;
                pv.breadcrumbs.clear();
                "404.html"
            }
        };
        if pv.breadcrumbs.len() > 1 {
            if let Some(b) = ld::breadcrumbs(site, &pv.breadcrumbs) {
                pv.json_ld.push(ld::embed(&b));
            }
        }
        ctx.insert("page", &pv);
        (template, ctx)
    }
}

/// Puts an already serialised value into a context (`Context::insert` would serialise it again).
fn insert_value(ctx: &mut Context, key: &str, value: Value) {
    let mut map = serde_json::Map::new();
    map.insert(key.to_string(), value);
    if let Ok(c) = Context::from_value(Value::Object(map)) {
        ctx.extend(c);
    }
}

/// The absolute address of an article's lead image, for Open Graph (which needs one).
fn absolute_image(site: &Site, a: &crate::site::Article) -> Option<String> {
    let url = crate::site::image_url(site, a)?;
    if crate::site::is_external_url(&url) {
        return Some(url);
    }
    let path = url.strip_prefix(&site.config.base_path).unwrap_or(&url);
    Some(site.config.permalink(path))
}

/// A redirect page for an old address: works without JavaScript via meta refresh, and tells
/// search engines the canonical address.
fn redirect_page(site: &Site, target_path: &str) -> String {
    let url = site.config.url(target_path);
    let abs = site.config.permalink(target_path);
    let e = |s: &str| feeds::xml_escape(s);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>This page has moved</title>\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{abs}\">\n<meta http-equiv=\"refresh\" content=\"0; url={url}\">\n</head>\n<body>\n<main>\n<h1>This page has moved</h1>\n<p><a href=\"{url}\">Go to the new page</a>.</p>\n</main>\n</body>\n</html>\n",
        lang = e(&site.config.language),
        abs = e(&abs),
        url = e(&url),
    )
}

/// A template error as a diagnostic at the template file, with Tera's whole explanation.
fn template_error(origins: &HashMap<String, PathBuf>, name: &str, e: &tera::Error) -> Diagnostic {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    // Tera names the failing template in its message; prefer that over the page's template.
    let named = origins
        .keys()
        .filter(|n| msg.contains(&format!("'{n}'")))
        .max_by_key(|n| n.len())
        .map(String::as_str)
        .unwrap_or(name);
    let path = origins
        .get(named)
        .cloned()
        .unwrap_or_else(|| PathBuf::from("templates").join(named));
    let (line, col) = position(&msg);
    let span = match line {
        Some(l) => Span::at(path, l, col.unwrap_or(1)),
        None => Span::file(path),
    };
    let msg = msg
        .replace('\n', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Diagnostic::error("template/error", span, msg)
        .with_help("fix the template; the Tera docs describe the syntax (keats.github.io/tera)")
}

/// Finds Tera's `--> L:C` position marker in an error message.
fn position(msg: &str) -> (Option<usize>, Option<usize>) {
    let Some(i) = msg.find("--> ") else {
        return (None, None);
    };
    let rest = &msg[i + 4..];
    let mut parts = rest
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty());
    (
        parts.next().and_then(|s| s.parse().ok()),
        parts.next().and_then(|s| s.parse().ok()),
    )
}
