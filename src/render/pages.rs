//! One builder per page kind, each returning the typed view its template reads.
//!
//! A template's context is its page's view: `page` (what every page has, [`PageView`]) and
//! one value named after the kind (`article`, `topic`, `hub`, `faq`, …). Site-wide values
//! (`site`) are in Tera's global context, set once per build (see [`super::Shared`]). A new
//! page kind is a new struct here, a builder, and one arm in [`super::Renderer::render_into`].

use super::pager::{self, Lists};
use super::structured_data as ld;
use super::views::*;
use crate::config::ArticleOrder;
use crate::markdown::SectionKind;
use crate::site::{Article, FaqSource, Listing, PageRef, Site, Topic};
use serde::Serialize;

/// What page builders need besides the site.
pub struct Inputs {
    /// Whether article and topic pages get a QR code.
    pub qr_codes: bool,
}

/// The home page (`home.html`).
#[derive(Serialize)]
pub struct HomePage<'a> {
    /// The page.
    pub page: PageView,
    /// Its content.
    pub home: HomeView<'a>,
}

/// The articles index (`list.html`).
#[derive(Serialize)]
pub struct ListPage<'a> {
    /// The page.
    pub page: PageView,
    /// The articles on this page, in the index's order.
    pub articles: Vec<ArticleSummary<'a>>,
    /// How many articles the site has.
    pub total: usize,
    /// `title` or `date`.
    pub order: ArticleOrder,
}

/// An article (`article.html`).
#[derive(Serialize)]
pub struct ArticlePage<'a> {
    /// The page.
    pub page: PageView,
    /// The article.
    pub article: ArticleView<'a>,
}

/// One topic of an article on a page of its own (`topic.html`).
#[derive(Serialize)]
pub struct TopicPage<'a> {
    /// The page.
    pub page: PageView,
    /// The whole article, as shown from this topic page.
    pub article: ArticleView<'a>,
    /// The topic.
    pub topic: Option<TopicView>,
}

/// A topic hub (`hub.html`).
#[derive(Serialize)]
pub struct HubPage<'a> {
    /// The page.
    pub page: PageView,
    /// The hub.
    pub hub: HubView<'a>,
}

/// The FAQ page (`faq.html`).
#[derive(Serialize)]
pub struct FaqPage<'a> {
    /// The page.
    pub page: PageView,
    /// Every question.
    pub faq: FaqView<'a>,
}

/// The tag index (`tags.html`).
#[derive(Serialize)]
pub struct TagsPage<'a> {
    /// The page.
    pub page: PageView,
    /// Every tag, without its articles.
    pub tags: Vec<TagView<'a>>,
}

/// One tag's page (`tag.html`).
#[derive(Serialize)]
pub struct TagPage<'a> {
    /// The page.
    pub page: PageView,
    /// The tag and its articles.
    pub tag: TagView<'a>,
}

/// A standalone page (`page.html`).
#[derive(Serialize)]
pub struct ContentPage<'a> {
    /// The page.
    pub page: PageView,
    /// Its content.
    pub content: ContentView<'a>,
}

/// The not-found page (`404.html`).
#[derive(Serialize)]
pub struct NotFoundPage {
    /// The page.
    pub page: PageView,
}

/// The page values every kind starts from: home in the breadcrumbs, the site's description.
pub(super) fn base(site: &Site, page: PageRef, kind: &'static str, title: String) -> PageView {
    let mut pv = base_at(site, &site.page_path(page), kind, title);
    pv.alternates = crate::i18n::alternates(site, crate::i18n::page_key(site, page).as_deref());
    pv
}

/// The page values of a page at the site path `path` (see [`base`]).
pub(crate) fn base_at(site: &Site, path: &str, kind: &'static str, title: String) -> PageView {
    let c = &site.config;
    let path = path.to_string();
    PageView {
        kind,
        title,
        description: c.description.clone(),
        url: c.url(&path),
        permalink: c.permalink(&path),
        breadcrumbs: vec![link(c.strings.get("breadcrumb_home"), c.url(""))],
        json_ld: Vec::new(),
        noindex: false,
        qr_url: None,
        og_type: "website",
        image: None,
        has_code: false,
        printable: false,
        alternates: Vec::new(),
        pager: None,
    }
}

/// Makes `pv` page `n` of a list: its address, "page N of M" in its title, and the pager.
fn paged(site: &Site, lists: &Lists, pv: &mut PageView, listing: Listing, n: usize) {
    pv.pager = pager::pager(site, lists, listing, n);
    if let Some(p) = pv.pager.as_ref().filter(|p| p.current > 1) {
        let path = site.listing_path(listing, n);
        pv.url = site.config.url(&path);
        pv.permalink = site.config.permalink(&path);
        let (n, total) = (p.current.to_string(), p.total.to_string());
        let words = &site.config.strings;
        pv.title = words.fill(
            "pager_title",
            &[("title", &pv.title), ("n", &n), ("total", &total)],
        );
    }
}

fn link(title: impl Into<String>, url: String) -> LinkView {
    LinkView {
        title: title.into(),
        url,
    }
}

/// Ends the breadcrumbs with the page itself.
fn crumb_self(pv: &mut PageView) {
    let own = link(pv.title.clone(), pv.url.clone());
    pv.breadcrumbs.push(own);
}

/// Adds the breadcrumb JSON-LD once the trail is complete.
fn finish(site: &Site, mut pv: PageView) -> PageView {
    if pv.breadcrumbs.len() > 1 {
        if let Some(b) = ld::breadcrumbs(site, &pv.breadcrumbs) {
            pv.json_ld.push(ld::embed(&b));
        }
    }
    pv
}

/// The home page.
pub fn home<'a>(site: &'a Site, lists: &Lists) -> HomePage<'a> {
    let c = &site.config;
    let h = site.home.as_ref();
    let title = h
        .map(|h| h.doc.front.title.as_str())
        .filter(|t| !t.is_empty())
        .unwrap_or(&c.title);
    let mut pv = base(site, PageRef::Home, "home", title.to_string());
    if let Some(d) = h.and_then(|h| h.doc.front.description.clone()) {
        pv.description = d;
    }
    pv.has_code = h.is_some_and(|h| h.rendered.has_code);
    HomePage {
        page: finish(site, pv),
        home: HomeView {
            title,
            intro_html: h.map(|h| h.rendered.full_html()).unwrap_or_default(),
            articles: lists
                .home
                .iter()
                .map(|&i| article_summary(site, &site.articles[i]))
                .collect(),
            total: site.articles.len(),
        },
    }
}

/// The articles index.
pub fn list<'a>(site: &'a Site, lists: &Lists, n: usize) -> ListPage<'a> {
    let c = &site.config;
    let t = &c.strings;
    let mut pv = base(
        site,
        PageRef::ArticleIndex,
        "list",
        t.get("articles_title").into(),
    );
    pv.description = t.fill(
        "articles_description",
        &[("n", &site.articles.len().to_string()), ("site", &c.title)],
    );
    crumb_self(&mut pv);
    paged(site, lists, &mut pv, Listing::Articles, n);
    ListPage {
        page: finish(site, pv),
        articles: lists.articles[pager::slice(site, Listing::Articles, n, lists.articles.len())]
            .iter()
            .map(|&i| article_summary(site, &site.articles[i]))
            .collect(),
        total: site.articles.len(),
        order: c.article_order,
    }
}

/// What article and topic pages share: kind, trail up to the article, image, print extras.
fn article_base(site: &Site, page: PageRef, a: &Article, kind: &'static str) -> PageView {
    let c = &site.config;
    let mut pv = base(site, page, kind, a.title().to_string());
    pv.description = a.doc.front.description.clone().unwrap_or_default();
    pv.noindex = a.doc.front.draft;
    pv.breadcrumbs
        .push(link(c.strings.get("articles_title"), c.url("articles/")));
    pv.breadcrumbs.push(link(a.title(), c.url(&a.path)));
    pv.og_type = "article";
    pv.image = absolute_image(site, a);
    pv.has_code = a.rendered.has_code;
    pv.printable = true;
    pv
}

/// An article's page.
pub fn article<'a>(site: &'a Site, i: usize, inputs: &Inputs) -> ArticlePage<'a> {
    let a = &site.articles[i];
    let mut pv = article_base(site, PageRef::Article(i), a, "article");
    pv.json_ld.push(ld::embed(&ld::medical_web_page(
        site,
        a,
        &pv.permalink,
        a.title(),
        None,
    )));
    let faq = a
        .faq()
        .map(|f| (f.question.as_str(), f.answer_text.as_str()));
    if let Some(faq) = ld::faq_page(&pv.permalink, faq) {
        pv.json_ld.push(ld::embed(&faq));
    }
    pv.qr_url = qr(&pv, inputs);
    ArticlePage {
        page: finish(site, pv),
        article: article_view(site, a, None),
    }
}

/// One topic of an article on its own page.
pub fn topic<'a>(site: &'a Site, i: usize, kind: SectionKind, inputs: &Inputs) -> TopicPage<'a> {
    let a = &site.articles[i];
    let topic = Topic::of(a, kind);
    let tv = topic.as_ref().map(|t| topic_view(site, t));
    let mut pv = article_base(site, PageRef::Topic(i, kind), a, "topic");
    pv.title = tv.as_ref().map(|t| t.title.clone()).unwrap_or_default();
    if let Some(excerpt) = topic.as_ref().map(Topic::excerpt).filter(|s| !s.is_empty()) {
        pv.description = excerpt.to_string();
    }
    let label = topic_label(site, kind);
    pv.breadcrumbs.push(link(label.clone(), pv.url.clone()));
    let name = format!("{label}: {}", a.title());
    pv.json_ld.push(ld::embed(&ld::medical_web_page(
        site,
        a,
        &pv.permalink,
        &name,
        Some(&label),
    )));
    pv.qr_url = qr(&pv, inputs);
    TopicPage {
        page: finish(site, pv),
        article: article_view(site, a, Some(kind)),
        topic: tv,
    }
}

/// A topic hub.
pub fn hub<'a>(site: &'a Site, lists: &Lists, kind: SectionKind, n: usize) -> HubPage<'a> {
    let mut pv = base(site, PageRef::Hub(kind), "hub", topic_label(site, kind));
    pv.description = hub_description(site, kind);
    crumb_self(&mut pv);
    paged(site, lists, &mut pv, Listing::Hub(kind), n);
    let all = lists.hub(kind);
    let shown = &all[pager::slice(site, Listing::Hub(kind), n, all.len())];
    HubPage {
        page: finish(site, pv),
        hub: hub_view(site, kind, shown),
    }
}

/// The FAQ page.
pub fn faq<'a>(site: &'a Site, lists: &Lists, n: usize) -> FaqPage<'a> {
    let own = (0..site.faq.len()).filter(|&g| site.faq[g].source == FaqSource::Site);
    let theirs = &lists.faq_groups[pager::slice(site, Listing::Faq, n, lists.faq_groups.len())];
    let shown: Vec<usize> = match n {
        1 => own.chain(theirs.iter().copied()).collect(),
        _ => theirs.to_vec(),
    };
    let mut view = faq_view(site, shown.iter().copied());
    let mut pv = base(site, PageRef::Faq, "faq", view.title.to_string());
    pv.has_code = site.faq_file.as_ref().is_some_and(|f| f.rendered.has_code)
        || site.articles.iter().any(|a| a.rendered.has_code);
    if let Some(d) = site
        .faq_file
        .as_ref()
        .and_then(|f| f.doc.front.description.clone())
    {
        pv.description = d;
    }
    crumb_self(&mut pv);
    paged(site, lists, &mut pv, Listing::Faq, n);
    if n > 1 {
        // The introduction is the first page's.
        view.intro_html = "";
    }
    let items = shown
        .iter()
        .filter_map(|&g| site.faq.get(g))
        .flat_map(|g| g.items.iter())
        .map(|f| (f.question.as_str(), f.answer_text.as_str()));
    if let Some(faq) = ld::faq_page(&pv.permalink, items) {
        pv.json_ld.push(ld::embed(&faq));
    }
    FaqPage {
        page: finish(site, pv),
        faq: view,
    }
}

/// The glossary page (`glossary.html`).
#[derive(Serialize)]
pub struct GlossaryPage<'a> {
    /// The page.
    pub page: PageView,
    /// The terms, by first letter.
    pub glossary: super::aids::GlossaryView<'a>,
}

/// The glossary, A to Z.
pub fn glossary(site: &Site) -> GlossaryPage<'_> {
    let t = &site.config.strings;
    let mut pv = base(
        site,
        PageRef::Glossary,
        "glossary",
        t.get("glossary_title").into(),
    );
    pv.description = t.get("glossary_description").into();
    crumb_self(&mut pv);
    GlossaryPage {
        page: finish(site, pv),
        glossary: super::aids::glossary_view(site),
    }
}

/// The tag index.
pub fn tags<'a>(site: &'a Site, lists: &Lists, n: usize) -> TagsPage<'a> {
    let c = &site.config;
    let mut pv = base(
        site,
        PageRef::TagIndex,
        "tags",
        c.strings.get("tags_title").into(),
    );
    pv.description = c.strings.get("tags_description").into();
    crumb_self(&mut pv);
    paged(site, lists, &mut pv, Listing::TagIndex, n);
    TagsPage {
        page: finish(site, pv),
        tags: site.tags[pager::slice(site, Listing::TagIndex, n, site.tags.len())]
            .iter()
            .map(|t| TagView {
                name: &t.name,
                slug: &t.slug,
                url: c.url(&t.path()),
                count: t.articles.len(),
                articles: Vec::new(),
            })
            .collect(),
    }
}

/// One tag's page.
pub fn tag<'a>(site: &'a Site, lists: &Lists, i: usize, n: usize) -> TagPage<'a> {
    let t = &site.tags[i];
    let mut pv = base(site, PageRef::Tag(i), "tag", t.name.clone());
    let words = &site.config.strings;
    pv.description = words.fill("tag_description", &[("tag", &t.name)]);
    pv.breadcrumbs
        .push(link(words.get("tags_title"), site.config.url("tags/")));
    crumb_self(&mut pv);
    let url = pv.url.clone();
    paged(site, lists, &mut pv, Listing::Tag(i), n);
    TagPage {
        page: finish(site, pv),
        tag: TagView {
            name: &t.name,
            slug: &t.slug,
            url,
            count: t.articles.len(),
            articles: t.articles[pager::slice(site, Listing::Tag(i), n, t.articles.len())]
                .iter()
                .map(|&i| article_summary(site, &site.articles[i]))
                .collect(),
        },
    }
}

/// A standalone page.
pub fn content(site: &Site, i: usize) -> ContentPage<'_> {
    let p = &site.pages[i];
    let mut pv = base(site, PageRef::Page(i), "page", p.doc.front.title.clone());
    pv.has_code = p.rendered.has_code;
    pv.description = p.doc.front.description.clone().unwrap_or_default();
    pv.noindex = p.doc.front.draft;
    crumb_self(&mut pv);
    ContentPage {
        page: finish(site, pv),
        content: ContentView {
            title: &p.doc.front.title,
            html: p.rendered.full_html(),
            toc: &p.rendered.toc,
        },
    }
}

/// The not-found page.
pub fn not_found(site: &Site) -> NotFoundPage {
    let title = site.config.strings.get("not_found_title").into();
    let mut pv = base(site, PageRef::NotFound, "404", title);
    pv.noindex = true;
    pv.breadcrumbs.clear();
    pv.description = site.config.strings.get("not_found_text").into();
    NotFoundPage { page: pv }
}

/// The address of the page's QR code, where one is wanted (see [`super::Renderer::qr_file`]).
fn qr(pv: &PageView, inputs: &Inputs) -> Option<String> {
    (inputs.qr_codes && pv.permalink.len() <= super::qr::MAX_URL)
        .then(|| format!("{}{}", pv.url, super::qr::FILE))
}

/// The absolute address of an article's lead image, for Open Graph (which needs one).
fn absolute_image(site: &Site, a: &Article) -> Option<String> {
    let url = crate::site::image_url(site, a)?;
    if crate::site::is_external_url(&url) {
        return Some(url);
    }
    let path = url.strip_prefix(&site.config.base_path).unwrap_or(&url);
    Some(site.config.permalink(path))
}
