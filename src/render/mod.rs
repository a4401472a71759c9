//! The render stage: turns each page of the site model into HTML with Tera, and writes the
//! machine-readable files (sitemap, feed, robots, brand CSS).
//!
//! Templates receive typed views (see [`views`]), never the model itself, so the theme
//! contract is explicit and the model can change behind it.

mod aids;
mod brand;
mod compact;
mod engine;
mod feeds;
mod fingerprint;
pub mod pager;
pub mod pages;
mod qr;
mod recursion;
pub mod search;
pub mod structured_data;
mod template_errors;
pub mod theme;
pub mod views;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::site::{Listing, OutputFile, PageRef, Site};
use serde::Serialize;
pub use template_errors::Templates;
use tera::{Context, Tera};
pub use theme::Theme;
use views::SiteView;

/// A loaded theme ready to render pages.
pub struct Renderer {
    /// The compiled templates, without site values (see [`Shared`]).
    tera: Tera,
    /// The templates by name, with the files they came from, for error messages.
    templates: Templates,
    /// The resolved theme (static files to copy).
    pub theme: Theme,
    /// Whether article and topic pages get their QR code (`page.qr_url`). On by default;
    /// `check` may turn it off: a code is a fifth of a page's rendering time and holds no
    /// links or anchors to check.
    pub qr_codes: bool,
}

/// What Tera's global context holds: the values that are the same on every page. Per-language
/// strings belong here too when the site has them.
#[derive(Serialize)]
struct Globals<'a> {
    site: SiteView<'a>,
}

/// Values computed once per build and shared by every page.
pub struct Shared {
    /// The templates with the site's values in Tera's global context, serialised once.
    tera: Tera,
    brand_css: String,
    /// The entries of every list, in order.
    lists: pager::Lists,
}

/// What one rendering thread keeps from page to page.
#[derive(Default)]
pub struct Scratch {
    /// The HTML of the page last rendered.
    pub html: Vec<u8>,
}

impl Renderer {
    /// Loads and compiles the templates; every template syntax error is reported.
    pub fn new(theme: Theme) -> Result<Renderer, Diagnostics> {
        let (tera, templates) = engine::compile(&theme)?;
        Ok(Renderer {
            tera,
            templates,
            theme,
            qr_codes: true,
        })
    }

    /// Computes the values shared by every page: the global template context and the brand
    /// stylesheet.
    pub fn prepare(&self, site: &Site) -> Result<Shared, Diagnostics> {
        let brand_css = brand::brand_css(&site.config.palette);
        let mut tera = self.tera.clone();
        let globals = Globals {
            site: views::site_view(site),
        };
        let globals = Context::from_serialize(&globals).map_err(|e| {
            Diagnostics::from(template_errors::template_error(&self.templates, "", &e))
        })?;
        tera.global_context().extend(globals);
        engine::words_function(&mut tera, site.config.strings.clone());
        Ok(Shared {
            tera,
            brand_css,
            lists: pager::Lists::of(site),
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

    /// Renders one page into `scratch.html`.
    pub fn render_into(
        &self,
        site: &Site,
        shared: &Shared,
        page: PageRef,
        scratch: &mut Scratch,
    ) -> Result<(), Diagnostic> {
        scratch.html.clear();
        self.render_html(site, shared, page, &mut scratch.html)?;
        compact::compact(&mut scratch.html);
        Ok(())
    }

    /// Renders one page into `out` with its template, as the template writes it.
    fn render_html(
        &self,
        site: &Site,
        shared: &Shared,
        page: PageRef,
        out: &mut Vec<u8>,
    ) -> Result<(), Diagnostic> {
        let inputs = pages::Inputs {
            qr_codes: self.qr_codes,
        };
        let t = &shared.tera;
        match page {
            PageRef::Home => self.render(t, "home.html", &pages::home(site, &shared.lists), out),
            PageRef::Article(i) => {
                let view = pages::article(site, i, &inputs);
                self.render(t, "article.html", &view, out)
            }
            PageRef::Topic(i, kind) => {
                let view = pages::topic(site, i, kind, &inputs);
                self.render(t, "topic.html", &view, out)
            }
            PageRef::Glossary => self.render(t, "glossary.html", &pages::glossary(site), out),
            PageRef::Page(i) => self.render(t, "page.html", &pages::content(site, i), out),
            PageRef::Search => {
                self.render(t, "search.html", &search::page(site, &shared.lists), out)
            }
            PageRef::NotFound => self.render(t, "404.html", &pages::not_found(site), out),
            PageRef::ArticleIndex
            | PageRef::Hub(_)
            | PageRef::Faq
            | PageRef::TagIndex
            | PageRef::Tag(_)
            | PageRef::More(..) => self.render_list(site, shared, page, out),
            PageRef::Alias(i) => {
                let alias = &site.aliases()[i];
                let html = redirect_page(site, &site.articles[alias.article].path);
                out.extend_from_slice(html.as_bytes());
                Ok(())
            }
        }
    }

    /// Renders `template` with `view` as its context, for pages outside the site model's
    /// list (the language pages).
    pub fn render_view(
        &self,
        shared: &Shared,
        template: &str,
        view: &impl Serialize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::new();
        self.render(&shared.tera, template, view, &mut out)?;
        Ok(out)
    }

    /// Renders one page of a list (the first page of a short list is the whole list).
    fn render_list(
        &self,
        site: &Site,
        shared: &Shared,
        page: PageRef,
        out: &mut Vec<u8>,
    ) -> Result<(), Diagnostic> {
        let (t, lists) = (&shared.tera, &shared.lists);
        let Some((listing, n)) = Listing::of(page) else {
            return Ok(());
        };
        match listing {
            Listing::Articles => self.render(t, "list.html", &pages::list(site, lists, n), out),
            Listing::Hub(k) => self.render(t, "hub.html", &pages::hub(site, lists, k, n), out),
            Listing::Faq => self.render(t, "faq.html", &pages::faq(site, lists, n), out),
            Listing::TagIndex => self.render(t, "tags.html", &pages::tags(site, lists, n), out),
            Listing::Tag(i) => self.render(t, "tag.html", &pages::tag(site, lists, i, n), out),
        }
    }

    /// Renders `template` with a page's view as its context.
    fn render(
        &self,
        tera: &Tera,
        template: &str,
        view: &impl Serialize,
        out: &mut Vec<u8>,
    ) -> Result<(), Diagnostic> {
        let error = |e: tera::Error| template_errors::template_error(&self.templates, template, &e);
        let ctx = Context::from_serialize(view).map_err(error)?;
        tera.render_to(template, &ctx, out).map_err(error)
    }

    /// The QR code file that goes with a page, as `(output path, SVG)`: article and topic
    /// pages have one (see [`qr`]), unless QR codes are off or the address is too long.
    pub fn qr_file(&self, site: &Site, page: PageRef) -> Option<(String, String)> {
        if !self.qr_codes || !matches!(page, PageRef::Article(_) | PageRef::Topic(..)) {
            return None;
        }
        let path = site.page_path(page);
        let svg = qr::svg(&site.config.permalink(&path))?;
        Some((format!("{path}{}", qr::FILE), svg))
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
            OutputFile::Sitemap => feeds::sitemaps(site, pages)
                .into_iter()
                .next()
                .map(|(_, text)| text)
                .unwrap_or_default(),
            OutputFile::Feed => feeds::atom(site),
            OutputFile::Robots => feeds::robots(site),
            OutputFile::BrandCss => shared.brand_css.clone(),
        }
    }
}

/// Writes the files that list the site's pages: the sitemap (one file, or an index and its
/// files) and the Atom feed. Build and serve both write them through here, so they cannot
/// drift apart. Returns the number of files written and any write errors.
pub fn write_listing_files(
    site: &Site,
    pages: &[PageRef],
    out: &dyn crate::output::Output,
) -> (usize, Vec<Diagnostic>) {
    let mut files = feeds::sitemaps(site, pages);
    files.push((OutputFile::Feed.output_path().into(), feeds::atom(site)));
    let errors = files
        .iter()
        .filter_map(|(path, text)| {
            out.write(path, text.as_bytes())
                .err()
                .map(|e| Diagnostic::io(std::path::Path::new(path), "write", &e))
        })
        .collect();
    (files.len(), errors)
}

/// A redirect page for an old address: works without JavaScript via meta refresh, and tells
/// search engines the canonical address.
fn redirect_page(site: &Site, target_path: &str) -> String {
    let url = site.config.url(target_path);
    let abs = site.config.permalink(target_path);
    let e = |s: &str| feeds::xml_escape(s);
    let t = &site.config.strings;
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{abs}\">\n<meta http-equiv=\"refresh\" content=\"0; url={url}\">\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n<p><a href=\"{url}\">{link}</a>.</p>\n</main>\n</body>\n</html>\n",
        lang = e(&site.config.lang.code),
        dir = site.config.lang.dir,
        title = e(t.get("moved_title")),
        link = e(t.get("moved_link")),
        abs = e(&abs),
        url = e(&url),
    )
}
