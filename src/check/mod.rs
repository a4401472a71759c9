//! `handout check`: a clinical content quality gate.
//!
//! It loads the site exactly as `build` does (so every build error shows up here too), runs
//! the content rules over the site model and renders the site in memory to check every link
//! and anchor of the built pages. [`run`] returns a [`CheckReport`]: every finding with its
//! location, sorted, and a summary per article; the command line prints it.
//!
//! Each rule is a function over the model that returns [`Diagnostic`]s; the files here are
//! grouped by concern:
//! - [`reading_level`]: readability of the prose a patient reads (`readability/grade`);
//! - [`review`]: the clinical review lifecycle (`review/*`) and the `--due` list;
//! - [`accessibility`]: alt text, heading order, link text, table headers, all caps (`a11y/*`);
//! - [`content_rules`]: descriptions, duplicates, empty sections, FAQ answers, raw HTML
//!   (`meta/*`, `content/*`, `security/*`);
//! - [`topics`]: how each section was classified, and the topic rules (`topics/*`);
//! - [`plain`]: plain-language rules (`plain/*`) and the PEMAT-style score;
//! - [`translations`]: translation provenance (`translations/*`);
//! - [`links`] (with [`crate::markdown::html_scan`]): links and anchors in the built output (`links/*`);
//! - [`external`]: `--external`, external links over HTTP;
//! - [`output`] and [`report_html`]: the report as text, JSON and the HTML inventory.

pub mod accessibility;
pub mod content_rules;
pub mod external;
pub mod links;
pub mod output;
pub mod placeholders;
pub mod plain;
pub mod readability;
pub mod reading_level;
pub mod reading_output;
pub mod report_html;
pub mod review;
mod site_scan;
pub mod topics;
pub mod translations;

use crate::build::{self, Loaded};
use crate::content::Document;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::Rendered;
use crate::progress::Progress;
use crate::site::{Article, Site};
use chrono::NaiveDate;
use rayon::prelude::*;
use reading_level::ArticleReading;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use crate::config::rules::{is_disabled, RULES};

/// What to check.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Include drafts.
    pub drafts: bool,
    /// The date review deadlines are measured from.
    pub today: NaiveDate,
    /// Check external links over HTTP with these settings.
    pub external: Option<external::ExternalOptions>,
    /// Where to show how far the check is.
    pub progress: Progress,
}

/// A source document of the site, as check and the link index name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocRef {
    /// An article (index into `Site::articles`).
    Article(usize),
    /// A standalone page (index into `Site::pages`).
    Page(usize),
    /// `content/_index.md`.
    Home,
    /// `content/faq.md`.
    FaqFile,
    /// Any article (a page that shows parts of every article, such as the FAQ).
    AnyArticle,
}

/// Every Markdown document of the site with its rendered body.
pub fn documents(site: &Site) -> Vec<(DocRef, &Document, &Rendered)> {
    let mut out: Vec<(DocRef, &Document, &Rendered)> = site
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (DocRef::Article(i), &a.doc, &a.rendered))
        .collect();
    out.extend(
        site.pages
            .iter()
            .enumerate()
            .map(|(i, p)| (DocRef::Page(i), &p.doc, &p.rendered)),
    );
    if let Some(h) = &site.home {
        out.push((DocRef::Home, &h.doc, &h.rendered));
    }
    if let Some(f) = &site.faq_file {
        out.push((DocRef::FaqFile, &f.doc, &f.rendered));
    }
    out
}

/// One article's line in the summary, the JSON and the HTML report.
#[derive(Debug, Clone)]
pub struct ArticleSummary {
    /// Source file, relative to the site root.
    pub path: PathBuf,
    /// Site path, e.g. `articles/heat/`.
    pub url: String,
    /// Title.
    pub title: String,
    /// Readability of the article and of each topic page.
    pub reading: ArticleReading,
    /// Minutes to read, as the page shows it.
    pub reading_minutes: u32,
    /// Date of the last clinical review.
    pub reviewed: Option<NaiveDate>,
    /// Who reviewed it.
    pub reviewer: Option<String>,
    /// When the next review is due.
    pub next_review: Option<NaiveDate>,
    /// Days from today to the next review (negative when overdue).
    pub days_left: Option<i64>,
    /// Where the article stands in its review cycle (the site model decides it).
    pub review_status: crate::site::ReviewStatus,
    /// How each `##` section was classified, in order.
    pub sections: Vec<topics::SectionClass>,
    /// The PEMAT-style score; no items when the site's language has no plain-language lists.
    pub pemat: plain::pemat::Pemat,
}

/// Everything a check found.
#[derive(Debug)]
pub struct CheckReport {
    /// One summary per article, in the site's order.
    pub articles: Vec<ArticleSummary>,
    /// Every finding, sorted by file and line, disabled rules removed.
    pub diagnostics: Diagnostics,
    /// HTML pages checked in the built output.
    pub pages: usize,
    /// The site's reading grade target.
    pub target_grade: f64,
    /// The site's reading ease target (Spanish, INFLESZ).
    pub target_ease: f64,
    /// The site's title.
    pub site_title: String,
    /// The date reviews were measured from.
    pub today: NaiveDate,
    /// Wall time.
    pub elapsed: Duration,
    /// Wall time of each stage (load, rules, render, links, external), for benchmarks.
    pub timings: Vec<(&'static str, Duration)>,
}

impl CheckReport {
    /// Whether the check failed: any error, or any warning when `strict`.
    pub fn fails(&self, strict: bool) -> bool {
        self.diagnostics.has_errors() || (strict && self.diagnostics.warning_count() > 0)
    }
}

/// The `--due` list: every article by next review date.
#[derive(Debug)]
pub struct DueReport {
    /// Soonest review first.
    pub entries: Vec<review::DueEntry>,
    /// The findings of loading the site.
    pub diagnostics: Diagnostics,
    /// The date reviews were measured from.
    pub today: NaiveDate,
}

/// Why there is no report.
#[derive(Debug)]
pub enum NotChecked {
    /// The site folder does not exist (a usage error).
    NoSiteFolder(Diagnostic),
    /// site.yaml or the theme did not load: there is no site to check, only these findings.
    NotLoaded(Diagnostics),
}

/// Loads the site at `opts.root` and checks it.
pub fn run(opts: &CheckOptions) -> Result<CheckReport, NotChecked> {
    let start = Instant::now();
    opts.progress.stage("Loading", 0);
    let (mut loaded, load_diags) = load(opts)?;
    let load_time = start.elapsed();
    // QR codes hold no links, and making them is a good part of rendering: skip them here.
    loaded.renderer.qr_codes = false;
    let mut report = check(&loaded, load_diags, opts);
    opts.progress.finish();
    report.timings.insert(0, ("load", load_time));
    report.elapsed = start.elapsed();
    Ok(report)
}

/// Loads the site at `opts.root` and lists its articles by next review date.
pub fn due(opts: &CheckOptions) -> Result<DueReport, NotChecked> {
    let (loaded, diagnostics) = load(opts)?;
    Ok(DueReport {
        entries: review::due_list(&loaded.site),
        diagnostics,
        today: opts.today,
    })
}

fn load(opts: &CheckOptions) -> Result<(Loaded, Diagnostics), NotChecked> {
    if !opts.root.is_dir() {
        return Err(NotChecked::NoSiteFolder(Diagnostic::no_site_folder(
            &opts.root,
        )));
    }
    let (loaded, mut diags) = build::load(&opts.root, None, opts.drafts, opts.today);
    diags.sort();
    match loaded {
        Some(loaded) => Ok((loaded, diags)),
        None => Err(NotChecked::NotLoaded(diags)),
    }
}

/// Checks a loaded site. `load_diags` are the findings of loading it, which are reported too.
pub fn check(loaded: &Loaded, load_diags: Diagnostics, opts: &CheckOptions) -> CheckReport {
    let site = &loaded.site;
    let mut diags = load_diags;
    // The build warns about scripts in raw HTML; check reports the same findings as errors
    // (its own rule below), so the build's copies would only repeat them.
    diags.retain(|d| d.rule != "security/raw-html");
    let mut laps = Laps::start();
    let (articles, found) = check_articles(site, opts.today, &opts.progress);
    diags.extend(found);
    diags.extend(check_documents(site));
    laps.lap("rules");

    // The built site: scan its pages, rendering those it needs, then check every link and
    // anchor.
    opts.progress.stage("Links", 0);
    let (files, pages, render_diags) = site_scan::scan(loaded);
    diags.extend(render_diags);
    laps.lap("render");
    diags.extend(links::check_output(site, &files));
    laps.lap("links");

    if let Some(ext) = &opts.external {
        diags.extend(external::check(site, ext));
        laps.lap("external");
    }
    let mut diags = apply_disable(site, diags);
    diags.sort();
    CheckReport {
        articles,
        diagnostics: diags,
        pages,
        target_grade: site.config.reading_grade_target,
        target_ease: site.config.check.reading_ease_target,
        site_title: site.config.title.clone(),
        today: opts.today,
        elapsed: Duration::ZERO,
        timings: laps.timings,
    }
}

/// Wall time of each stage of a check.
struct Laps {
    timings: Vec<(&'static str, Duration)>,
    lap: Instant,
}

impl Laps {
    fn start() -> Laps {
        Laps {
            timings: Vec::new(),
            lap: Instant::now(),
        }
    }

    fn lap(&mut self, name: &'static str) {
        self.timings.push((name, self.lap.elapsed()));
        self.lap = Instant::now();
    }
}

/// The per-article rules and scores, in parallel: most of the work on a large site.
fn check_articles(
    site: &Site,
    today: NaiveDate,
    progress: &Progress,
) -> (Vec<ArticleSummary>, Vec<Diagnostic>) {
    progress.stage("Checking", site.articles.len() as u64);
    let per_article: Vec<(ArticleSummary, Vec<Diagnostic>)> = site
        .articles
        .par_iter()
        .map(|a| {
            progress.inc(1);
            // Reading its front matter again for each rule that needs it would cost more
            // than some of the rules.
            let code = translations::files::document_language(site, &a.doc);
            let reading = reading_level::read(site, a, &code);
            let mut d = reading_level::check_grade(site, a, &reading);
            d.extend(review::check_review(site, a, today));
            d.extend(content_rules::check_description(
                &a.doc,
                a.doc.front.description.as_deref(),
            ));
            d.extend(accessibility::check_lead_image(&a.doc));
            d.extend(topics::check_article(a));
            let pemat = plain::check(site, a, &code, &mut d);
            (summarize(a, reading, pemat), d)
        })
        .collect();
    let mut articles = Vec::with_capacity(per_article.len());
    let mut diags = Vec::new();
    for (s, d) in per_article {
        articles.push(s);
        diags.extend(d);
    }
    (articles, diags)
}

fn summarize(a: &Article, reading: ArticleReading, pemat: plain::pemat::Pemat) -> ArticleSummary {
    ArticleSummary {
        path: a.doc.path.clone(),
        url: a.path.clone(),
        title: a.title().to_string(),
        reading,
        reading_minutes: a.reading_minutes,
        reviewed: a.doc.front.reviewed,
        reviewer: a.doc.front.reviewer.clone(),
        next_review: a.review.next,
        days_left: a.review.days_left,
        review_status: a.review.status,
        sections: topics::sections(a),
        pemat,
    }
}

/// The rules that apply to every document alike, and those over the whole site.
fn check_documents(site: &Site) -> Vec<Diagnostic> {
    let docs = documents(site);
    let mut diags: Vec<Diagnostic> = docs
        .par_iter()
        .flat_map_iter(|(_, doc, rendered)| {
            let mut d = accessibility::check_document(doc, rendered);
            d.extend(content_rules::check_document(doc, rendered));
            d
        })
        .collect();
    for p in &site.pages {
        diags.extend(content_rules::check_description(
            &p.doc,
            p.doc.front.description.as_deref(),
        ));
    }
    diags.extend(content_rules::check_duplicates(site));
    diags.extend(content_rules::check_print_address(site));
    diags.extend(placeholders::check_placeholders(site));
    diags.extend(links::check_malformed(site));
    diags.extend(translations::check(&site.root));
    diags
}

/// Removes findings of rules turned off in `site.yaml` or in the file's front matter. Only
/// check's own rules can be turned off: a build error fails the build whatever check says.
fn apply_disable(site: &Site, diags: Diagnostics) -> Diagnostics {
    let site_off = &site.config.check.disable;
    let per_file: HashMap<&Path, &[String]> = documents(site)
        .into_iter()
        .filter(|(_, d, _)| !d.front.check_disable.is_empty())
        .map(|(_, d, _)| (d.path.as_path(), d.front.check_disable.as_slice()))
        .collect();
    let mut out = Diagnostics::new();
    out.extend(diags.into_iter().filter(|d| {
        if !RULES.contains(&d.rule) {
            return true;
        }
        if is_disabled(d.rule, site_off) {
            return false;
        }
        !per_file
            .get(d.span.path.as_path())
            .is_some_and(|off| is_disabled(d.rule, off))
    }));
    out
}
