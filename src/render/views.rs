//! Typed views: what templates see. Each template gets `site` and `page`, plus one object
//! named after its kind (`article`, `topic`, `hub`, `faq`, `tag`, …).
//!
//! These structs are the theme contract; the README's "Theming" section lists them. They
//! borrow from the site model where they can, and dates arrive already formatted (the
//! template engine runs without its date filters), with an `_iso` twin for `<time datetime>`.

use crate::config::{Clinic, Config};
use crate::i18n::Strings;
use crate::markdown::{FaqItem, SectionKind, TocEntry};
use crate::site::{Article, FaqSource, HubEntry, ReviewStatus, Site, Topic};
use chrono::NaiveDate;
use serde::Serialize;

/// A link: text and URL.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// Link text.
    pub title: String,
    /// Root-relative URL (with the base path).
    pub url: String,
}

/// Site-wide values, the same on every page.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView<'a> {
    /// Site title.
    pub title: &'a str,
    /// Site description.
    pub description: &'a str,
    /// Absolute base URL ending in `/`.
    pub base_url: &'a str,
    /// Root-relative prefix of every internal URL, e.g. `/` or `/guides/`.
    pub base_path: &'a str,
    /// The pages' language (BCP 47), for `<html lang>`.
    pub language: &'a str,
    /// Its direction, `ltr` or `rtl`, for `<html dir>`.
    pub dir: &'static str,
    /// Its name in its own script.
    pub language_name: &'a str,
    /// The clinic.
    pub clinic: &'a Clinic,
    /// `tel:` link for the clinic's phone, digits only.
    pub phone_href: Option<String>,
    /// Disclaimer, on every page.
    pub disclaimer: &'a str,
    /// Emergency notice, on every page.
    pub emergency: &'a str,
    /// Logo, if set: `url` and `alt`.
    pub logo: Option<LogoView>,
    /// Footer links from `site.yaml`.
    pub footer_links: Vec<LinkView>,
    /// Main navigation: Home, Articles, the three hubs, FAQ, standalone pages.
    pub nav: Vec<LinkView>,
    /// The three topic hubs: `key`, `title`, `url`, `description`, `count`.
    pub hubs: Vec<HubLinkView>,
    /// Useful addresses: `home`, `articles`, `faq`, `tags`, `feed`, `sitemap`, `brand_css`.
    pub urls: SiteUrls,
    /// Whether `brand.css` carries brand colours (link it after the theme's CSS).
    pub has_brand: bool,
    /// "handout 0.1.0".
    pub generator: String,
}

/// A logo image.
#[derive(Debug, Clone, Serialize)]
pub struct LogoView {
    /// URL of the image.
    pub url: String,
    /// Text alternative.
    pub alt: String,
}

/// Addresses every template may need.
#[derive(Debug, Clone, Serialize)]
pub struct SiteUrls {
    /// Home page.
    pub home: String,
    /// Articles index.
    pub articles: String,
    /// FAQ page.
    pub faq: String,
    /// Tag index.
    pub tags: String,
    /// Atom feed.
    pub feed: String,
    /// Sitemap.
    pub sitemap: String,
    /// Generated brand stylesheet.
    pub brand_css: String,
    /// The search page, unless search is off.
    pub search: Option<String>,
    /// The page that tells, in every language of the site, how to get free language help.
    pub language_help: String,
}

/// A topic hub as linked from navigation and the home page.
#[derive(Debug, Clone, Serialize)]
pub struct HubLinkView {
    /// `benefits`, `what-to-expect` or `precautions`.
    pub key: &'static str,
    /// "Benefits", "What to expect", "Precautions".
    pub title: String,
    /// Hub URL.
    pub url: String,
    /// One sentence on what the hub holds.
    pub description: String,
    /// How many articles it lists.
    pub count: usize,
}

/// Values about the page being rendered.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// `home`, `article`, `topic`, `hub`, `faq`, `list`, `tags`, `tag`, `page` or `404`.
    pub kind: &'static str,
    /// Page title (without the site title).
    pub title: String,
    /// Meta description.
    pub description: String,
    /// Root-relative URL.
    pub url: String,
    /// Absolute URL, for canonical links, Open Graph and print.
    pub permalink: String,
    /// Breadcrumb trail ending with this page.
    pub breadcrumbs: Vec<LinkView>,
    /// JSON-LD blocks, already serialised and safe to put inside `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// Drafts ask search engines not to index them.
    pub noindex: bool,
    /// The address of the page's QR code (an SVG file of `permalink` beside the page), on
    /// article and topic pages, for print.
    pub qr_url: Option<String>,
    /// Open Graph type: `article` for article and topic pages, else `website`.
    pub og_type: &'static str,
    /// Absolute URL of the page's image (an article's lead image), for Open Graph.
    pub image: Option<String>,
    /// Whether the page shows highlighted code, so the theme links `highlight.css` only there.
    pub has_code: bool,
    /// Whether the page is a handout worth printing (article and topic pages): the theme
    /// shows its "Print this page" button and loads `js/print.js` there.
    pub printable: bool,
    /// The page in every language it exists in (itself included), for `hreflang` links and
    /// the language switcher; empty when it exists in one language only.
    pub alternates: Vec<crate::i18n::Alternate>,
    /// Previous/next navigation, on the pages of a list that runs over several.
    pub pager: Option<super::pager::PagerView>,
}

/// A date as shown and as machine-readable.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// "15 March 2026".
    pub text: String,
    /// "2026-03-15".
    pub iso: String,
}

impl DateView {
    pub(crate) fn of(d: NaiveDate, strings: &Strings) -> Self {
        use chrono::Datelike;
        if (0..=9999).contains(&d.year()) {
            DateView {
                text: strings.date(d),
                iso: format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            }
        } else {
            DateView {
                text: strings.date(d),
                iso: d.format("%Y-%m-%d").to_string(),
            }
        }
    }
}

/// A `##` section of an article.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView<'a> {
    /// Plain heading text.
    pub heading: &'a str,
    /// The complete `<h2>` with id and anchor link.
    pub heading_html: &'a str,
    /// Anchor id.
    pub id: &'a str,
    /// Section kind key: `overview`, `benefits`, `what-to-expect`, `precautions`, `faq`, `plain`.
    pub kind: &'static str,
    /// Content HTML after the heading.
    pub html: &'a str,
    /// For faq sections: its questions (show them as `<details>`).
    pub faq: Vec<FaqItemView<'a>>,
    /// URL of this section's topic page, for topic kinds.
    pub topic_url: Option<String>,
}

/// A FAQ question.
#[derive(Debug, Clone, Serialize)]
pub struct FaqItemView<'a> {
    /// Question text.
    pub question: &'a str,
    /// Question as inline HTML.
    pub question_html: &'a str,
    /// Stable anchor id.
    pub id: &'a str,
    /// Answer HTML.
    pub answer_html: &'a str,
}

impl<'a> From<&'a FaqItem> for FaqItemView<'a> {
    fn from(f: &'a FaqItem) -> Self {
        FaqItemView {
            question: &f.question,
            question_html: &f.question_inline_html,
            id: &f.id,
            answer_html: &f.answer_html,
        }
    }
}

/// One of an article's pages, for the navigation between them.
#[derive(Debug, Clone, Serialize)]
pub struct ArticlePageLink {
    /// `article` for the full article, else the topic key.
    pub key: &'static str,
    /// "Full article", "Benefits", …
    pub label: String,
    /// URL.
    pub url: String,
    /// Whether this is the page being shown.
    pub current: bool,
}

/// A tag as a link.
#[derive(Debug, Clone, Serialize)]
pub struct TagLink<'a> {
    /// Tag name.
    pub name: &'a str,
    /// Tag page URL.
    pub url: String,
}

/// Everything about an article that its page and topic pages show.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView<'a> {
    /// Title.
    pub title: &'a str,
    /// Description.
    pub description: Option<&'a str>,
    /// URL of the full article.
    pub url: String,
    /// Absolute URL of the full article.
    pub permalink: String,
    /// Slug.
    pub slug: &'a str,
    /// First published.
    pub date: Option<DateView>,
    /// Last updated.
    pub updated: Option<DateView>,
    /// Last clinical review.
    pub reviewed: Option<DateView>,
    /// Reviewer with credentials.
    pub reviewer: Option<&'a str>,
    /// For a translation: who translated it (`translator:`).
    pub translator: Option<&'a str>,
    /// For a translation: who checked the translation (`translation_reviewer:`).
    pub translation_reviewer: Option<&'a str>,
    /// Next review due.
    pub next_review: Option<DateView>,
    /// Review status, for styling.
    pub review_status: ReviewStatus,
    /// Authors.
    pub authors: &'a [String],
    /// Tags.
    pub tags: Vec<TagLink<'a>>,
    /// Condition it is about.
    pub condition: Option<&'a str>,
    /// Treatment it is about.
    pub treatment: Option<&'a str>,
    /// Cited sources: `title`, `url`, `publisher`, `year`.
    pub references: &'a [crate::content::Reference],
    /// Lead image: `url`, `alt`.
    pub image: Option<LogoView>,
    /// The key points as HTML (a list), from front matter `key_points:` or a `> [!KEY]`
    /// callout; "" when there are none.
    pub key_points_html: String,
    /// The glossary terms marked in the article, in order of first use: what the printout
    /// lists under "Words explained".
    pub terms: Vec<super::aids::TermView<'a>>,
    /// HTML before the first section.
    pub intro_html: &'a str,
    /// The sections.
    pub sections: Vec<SectionView<'a>>,
    /// The notes (`[^1]` footnotes) of the whole article as one `<section class="footnotes">`,
    /// or "" when there are none. Topic pages show them too, so their note links resolve.
    pub footnotes_html: &'a str,
    /// Table of contents (h2 and h3).
    pub toc: &'a [TocEntry],
    /// The article's pages: full article first, then its topic pages.
    pub pages: Vec<ArticlePageLink>,
    /// The part before the one being shown, in `pages` order (none on the full article).
    pub previous: Option<ArticlePageLink>,
    /// The part after the one being shown, in `pages` order.
    pub next: Option<ArticlePageLink>,
    /// The article's own FAQ.
    pub faq: Vec<FaqItemView<'a>>,
    /// Words of prose.
    pub words: usize,
    /// Reading time in minutes.
    pub reading_minutes: u32,
    /// Whether it is a draft.
    pub draft: bool,
}

/// A topic page's own content.
#[derive(Debug, Clone, Serialize)]
pub struct TopicView {
    /// `benefits`, `what-to-expect` or `precautions`.
    pub key: &'static str,
    /// "Benefits", …
    pub label: String,
    /// The page's h1.
    pub title: String,
    /// The section content.
    pub html: String,
    /// This page's URL.
    pub url: String,
    /// The hub for this topic.
    pub hub_url: String,
}

/// An article in a list.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleSummary<'a> {
    /// Title.
    pub title: &'a str,
    /// URL.
    pub url: String,
    /// Description.
    pub description: Option<&'a str>,
    /// Last review.
    pub reviewed: Option<DateView>,
    /// Last update (or review, or publication).
    pub modified: Option<DateView>,
    /// Tags.
    pub tags: Vec<TagLink<'a>>,
    /// Its topic pages.
    pub topics: Vec<LinkView>,
    /// Reading time in minutes.
    pub reading_minutes: u32,
}

/// One line of a hub.
#[derive(Debug, Clone, Serialize)]
pub struct HubEntryView<'a> {
    /// Article title.
    pub title: &'a str,
    /// The section heading.
    pub heading: String,
    /// A short excerpt of the section.
    pub excerpt: &'a str,
    /// The section's urgent-care callouts (emergency, urgent, routine), as HTML: a hub of
    /// precautions shows when to get help without a click.
    pub urgent_html: String,
    /// URL of the topic page.
    pub url: String,
    /// URL of the full article.
    pub article_url: String,
}

/// A topic hub page.
#[derive(Debug, Clone, Serialize)]
pub struct HubView<'a> {
    /// `benefits`, …
    pub key: &'static str,
    /// "Benefits", …
    pub title: String,
    /// One sentence on what the hub holds.
    pub description: String,
    /// The articles with this topic.
    pub entries: Vec<HubEntryView<'a>>,
}

/// A group of questions on the FAQ page.
#[derive(Debug, Clone, Serialize)]
pub struct FaqGroupView<'a> {
    /// Group heading.
    pub title: &'a str,
    /// Anchor id of the group heading.
    pub id: &'a str,
    /// For article groups, the article's URL.
    pub source_url: Option<String>,
    /// The questions.
    pub items: Vec<FaqItemView<'a>>,
}

/// The FAQ page.
#[derive(Debug, Clone, Serialize)]
pub struct FaqView<'a> {
    /// Title (from faq.md or "Frequently asked questions").
    pub title: &'a str,
    /// Intro HTML from faq.md (before its first group).
    pub intro_html: &'a str,
    /// Groups.
    pub groups: Vec<FaqGroupView<'a>>,
}

/// A tag with its articles.
#[derive(Debug, Clone, Serialize)]
pub struct TagView<'a> {
    /// Tag name.
    pub name: &'a str,
    /// Slug.
    pub slug: &'a str,
    /// URL.
    pub url: String,
    /// Number of articles.
    pub count: usize,
    /// The articles (only on the tag's own page; empty on the tag index).
    pub articles: Vec<ArticleSummary<'a>>,
}

/// A standalone page's content.
#[derive(Debug, Clone, Serialize)]
pub struct ContentView<'a> {
    /// Title.
    pub title: &'a str,
    /// Body HTML.
    pub html: String,
    /// Table of contents.
    pub toc: &'a [TocEntry],
}

/// The home page's own content.
#[derive(Debug, Clone, Serialize)]
pub struct HomeView<'a> {
    /// Heading from `_index.md`'s title (or the site title).
    pub title: &'a str,
    /// Intro HTML from `_index.md`.
    pub intro_html: String,
    /// The articles shown: all of a small site's, else the newest.
    pub articles: Vec<ArticleSummary<'a>>,
    /// How many articles the site has.
    pub total: usize,
}

/// What each hub holds, in plain words, in the site's language.
pub(crate) fn hub_description(site: &Site, kind: SectionKind) -> String {
    let key = format!("hub_{}", kind.key().replace('-', "_"));
    site.config.strings.get(&key).to_string()
}

/// A section kind's name ("Benefits") in the site's language.
pub(crate) fn topic_label(site: &Site, kind: SectionKind) -> String {
    let key = format!("topic_{}", kind.key().replace('-', "_"));
    site.config.strings.get(&key).to_string()
}

/// A topic page's heading: the section's own heading when there is one section, otherwise
/// "Label: article title".
pub(crate) fn topic_title(site: &Site, topic: &Topic<'_>) -> String {
    match topic.sections.as_slice() {
        [one] => one.heading.clone(),
        _ => format!(
            "{}: {}",
            topic_label(site, topic.kind),
            topic.article.title()
        ),
    }
}

/// Digits and a leading `+` of a phone number, for a `tel:` link.
pub(crate) fn phone_href(phone: &str) -> Option<String> {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    (digits.len() >= 3).then(|| format!("tel:{digits}"))
}

/// The main navigation: Home, Articles, the hubs, the questions page, standalone pages.
fn nav(site: &Site, hubs: &[HubLinkView]) -> Vec<LinkView> {
    let c = &site.config;
    let t = &c.strings;
    let mut nav = vec![
        LinkView {
            title: t.get("nav_home").into(),
            url: c.url(""),
        },
        LinkView {
            title: t.get("nav_articles").into(),
            url: c.url("articles/"),
        },
    ];
    nav.extend(hubs.iter().map(|h| LinkView {
        title: h.title.clone(),
        url: h.url.clone(),
    }));
    nav.push(LinkView {
        title: t.get("nav_questions").into(),
        url: c.url("faq/"),
    });
    if !site.glossary.terms.is_empty() {
        nav.push(LinkView {
            title: t.get("nav_glossary").into(),
            url: c.url(crate::site::GLOSSARY_PATH),
        });
    }
    nav.extend(site.pages.iter().map(|p| LinkView {
        title: p.doc.front.title.clone(),
        url: c.url(&p.path),
    }));
    nav
}

pub(crate) fn site_view<'a>(site: &'a Site) -> SiteView<'a> {
    let c: &Config = &site.config;
    let hubs: Vec<HubLinkView> = SectionKind::TOPICS
        .into_iter()
        .map(|k| HubLinkView {
            key: k.key(),
            title: topic_label(site, k),
            url: c.url(&format!("{}/", k.key())),
            description: hub_description(site, k),
            count: site
                .articles
                .iter()
                .filter(|a| a.rendered.sections.iter().any(|s| s.kind == k))
                .count(),
        })
        .collect();
    let nav = nav(site, &hubs);
    SiteView {
        title: &c.title,
        description: &c.description,
        base_url: &c.base_url,
        base_path: &c.base_path,
        language: &c.lang.code,
        dir: c.lang.dir,
        language_name: &c.lang.name,
        clinic: &c.clinic,
        phone_href: c.clinic.phone.as_deref().and_then(phone_href),
        disclaimer: &c.disclaimer,
        emergency: &c.emergency,
        logo: c.logo.as_ref().map(|l| LogoView {
            url: if crate::site::is_external_url(&l.src) {
                l.src.clone()
            } else {
                c.asset_url(&l.src)
            },
            alt: l.alt.clone(),
        }),
        footer_links: c
            .footer_links
            .iter()
            .map(|l| LinkView {
                title: l.title.clone(),
                url: if l.url.starts_with('/') {
                    c.asset_url(&l.url)
                } else {
                    l.url.clone()
                },
            })
            .collect(),
        nav,
        hubs,
        urls: SiteUrls {
            home: c.url(""),
            articles: c.url("articles/"),
            faq: c.url("faq/"),
            tags: c.url("tags/"),
            feed: c.url("atom.xml"),
            sitemap: c.url("sitemap.xml"),
            brand_css: c.asset_url("brand.css"),
            language_help: c.url(crate::i18n::LANGUAGE_HELP_PATH),
            search: c.search.enabled.then(|| c.url("search/")),
        },
        has_brand: c.palette.is_set(),
        generator: format!("handout {}", env!("CARGO_PKG_VERSION")),
    }
}

pub(crate) fn tag_links<'a>(site: &'a Site, a: &'a Article) -> Vec<TagLink<'a>> {
    a.doc
        .front
        .tags
        .iter()
        .map(|t| TagLink {
            name: t,
            url: site
                .config
                .url(&format!("tags/{}/", crate::markdown::slugify(t))),
        })
        .collect()
}

pub(crate) fn article_pages(
    site: &Site,
    a: &Article,
    current: Option<SectionKind>,
) -> Vec<ArticlePageLink> {
    let mut out = vec![ArticlePageLink {
        key: "article",
        label: site.config.strings.get("full_article").into(),
        url: site.config.url(&a.path),
        current: current.is_none(),
    }];
    out.extend(a.topics().into_iter().map(|k| ArticlePageLink {
        key: k.key(),
        label: topic_label(site, k),
        url: site.config.url(&a.topic_path(k)),
        current: current == Some(k),
    }));
    out
}

/// The parts of an [`ArticleView`] that depend on the page shown (`current`: `None` for the
/// full article, else the topic page): `pages`, `previous` and `next`.
pub(crate) fn article_parts(
    site: &Site,
    a: &Article,
    current: Option<SectionKind>,
) -> (
    Vec<ArticlePageLink>,
    Option<ArticlePageLink>,
    Option<ArticlePageLink>,
) {
    let pages = article_pages(site, a, current);
    let at = pages.iter().position(|p| p.current).unwrap_or(0);
    // The full article holds every part, so it offers no "next part"; topic pages step
    // through the parts and back to the full article.
    let previous = (current.is_some() && at > 0).then(|| pages[at - 1].clone());
    let next = current.and_then(|_| pages.get(at + 1).cloned());
    (pages, previous, next)
}

pub(crate) fn article_view<'a>(
    site: &'a Site,
    a: &'a Article,
    current: Option<SectionKind>,
) -> ArticleView<'a> {
    let f = &a.doc.front;
    let c = &site.config;
    let sections = a
        .rendered
        .sections
        .iter()
        .map(|s| SectionView {
            heading: &s.heading,
            heading_html: &s.heading_block_html,
            id: &s.id,
            kind: s.kind.key(),
            html: &s.html,
            faq: s.faq.iter().map(FaqItemView::from).collect(),
            topic_url: SectionKind::TOPICS
                .contains(&s.kind)
                .then(|| c.url(&a.topic_path(s.kind))),
        })
        .collect();
    let (pages, previous, next) = article_parts(site, a, current);
    ArticleView {
        title: &f.title,
        description: f.description.as_deref(),
        url: c.url(&a.path),
        permalink: c.permalink(&a.path),
        slug: &a.slug,
        date: f.date.map(|d| DateView::of(d, &c.strings)),
        updated: f.updated.map(|d| DateView::of(d, &c.strings)),
        reviewed: f.reviewed.map(|d| DateView::of(d, &c.strings)),
        reviewer: f.reviewer.as_deref(),
        next_review: a.review.next.map(|d| DateView::of(d, &c.strings)),
        translator: f.translator.as_deref(),
        translation_reviewer: f.translation_reviewer.as_deref(),
        review_status: a.review.status,
        authors: &f.authors,
        tags: tag_links(site, a),
        condition: f.condition.as_deref(),
        treatment: f.treatment.as_deref(),
        references: &f.references,
        image: crate::site::image_url(site, a).map(|url| LogoView {
            url,
            alt: f.image_alt.clone().unwrap_or_default(),
        }),
        key_points_html: super::aids::key_points_html(a),
        terms: super::aids::terms_used(site, a),
        intro_html: &a.rendered.intro_html,
        footnotes_html: &a.rendered.footnotes_html,
        sections,
        toc: &a.rendered.toc,
        pages,
        previous,
        next,
        faq: a.faq().map(FaqItemView::from).collect(),
        words: a.words,
        reading_minutes: a.reading_minutes,
        draft: f.draft,
    }
}

pub(crate) fn article_summary<'a>(site: &'a Site, a: &'a Article) -> ArticleSummary<'a> {
    let c = &site.config;
    ArticleSummary {
        title: a.title(),
        url: c.url(&a.path),
        description: a.doc.front.description.as_deref(),
        reviewed: a.doc.front.reviewed.map(|d| DateView::of(d, &c.strings)),
        modified: a.modified().map(|d| DateView::of(d, &c.strings)),
        tags: tag_links(site, a),
        topics: a
            .topics()
            .into_iter()
            .map(|k| LinkView {
                title: topic_label(site, k),
                url: c.url(&a.topic_path(k)),
            })
            .collect(),
        reading_minutes: a.reading_minutes,
    }
}

pub(crate) fn topic_view(site: &Site, topic: &Topic<'_>) -> TopicView {
    let c = &site.config;
    TopicView {
        key: topic.kind.key(),
        label: topic_label(site, topic.kind),
        title: topic_title(site, topic),
        html: topic.html(),
        url: c.url(&topic.article.topic_path(topic.kind)),
        hub_url: c.url(&format!("{}/", topic.kind.key())),
    }
}

pub(crate) fn hub_view<'a>(site: &'a Site, kind: SectionKind, articles: &[usize]) -> HubView<'a> {
    let c = &site.config;
    HubView {
        key: kind.key(),
        title: topic_label(site, kind),
        description: hub_description(site, kind),
        entries: articles
            .iter()
            .filter_map(|&index| {
                Topic::of(&site.articles[index], kind).map(|topic| HubEntry { index, topic })
            })
            .map(|e| {
                let a = &site.articles[e.index];
                HubEntryView {
                    title: a.title(),
                    heading: topic_title(site, &e.topic),
                    excerpt: e
                        .topic
                        .sections
                        .first()
                        .map(|s| s.excerpt.as_str())
                        .unwrap_or(""),
                    urgent_html: e
                        .topic
                        .sections
                        .iter()
                        .map(|s| super::aids::urgent_callouts(&s.html))
                        .collect(),
                    url: c.url(&a.topic_path(kind)),
                    article_url: c.url(&a.path),
                }
            })
            .collect(),
    }
}

pub(crate) fn faq_view(site: &Site, groups: impl Iterator<Item = usize>) -> FaqView<'_> {
    FaqView {
        title: site
            .faq_file
            .as_ref()
            .map(|f| f.doc.front.title.as_str())
            .filter(|t| !t.is_empty())
            .unwrap_or(site.config.strings.get("faq_title")),
        intro_html: site
            .faq_file
            .as_ref()
            .map(|f| f.rendered.intro_html.as_str())
            .unwrap_or(""),
        groups: groups
            .filter_map(|g| site.faq.get(g))
            .map(|g| FaqGroupView {
                title: match g.title.as_str() {
                    crate::site::GENERAL_QUESTIONS => site.config.strings.get("faq_general"),
                    t => t,
                },
                id: &g.id,
                source_url: match g.source {
                    FaqSource::Site => None,
                    FaqSource::Article(i) => Some(site.config.url(&site.articles[i].path)),
                },
                items: g.items.iter().map(FaqItemView::from).collect(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::DateView;
    use crate::i18n::Strings;
    use chrono::NaiveDate;

    #[test]
    fn dates_are_written_out() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 5).expect("date");
        let v = DateView::of(date, &Strings::default());
        assert_eq!(v.text, "5 March 2026");
        assert_eq!(v.iso, "2026-03-05");
    }
}
