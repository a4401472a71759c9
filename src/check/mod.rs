//! `handout check`: a clinical content quality gate.
//!
//! It loads the site exactly as `build` does (so every build error shows up here too), runs
//! the content rules over the site model, renders the site in memory to check every link and
//! anchor of the built pages, and prints what it found like a compiler would, followed by a
//! summary per article. Exit status: 0 clean, 1 errors (or warnings with `--strict`), 2 usage.
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
//! - [`links`] (with [`crate::markdown::html_scan`]): links and anchors in the built output (`links/*`);
//! - [`external`]: `--external`, external links over HTTP;
//! - [`output`] and [`report_html`]: text, JSON and the HTML inventory.

pub mod accessibility;
pub mod content_rules;
pub mod external;
pub mod links;
pub mod output;
pub mod placeholders;
pub mod plain;
pub mod readability;
pub mod reading_level;
pub mod report_html;
pub mod review;
mod site_scan;
pub mod topics;

use crate::build::{self, Loaded};
use crate::cli::{CheckArgs, Format};
use crate::content::Document;
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics, Span};
use crate::markdown::Rendered;
use crate::progress::Progress;
use crate::site::Site;
use chrono::NaiveDate;
use rayon::prelude::*;
use reading_level::ArticleReading;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Every rule id `check` reports, for `check.disable` and the documentation.
pub const RULES: &[&str] = &[
    "readability/grade",
    "review/missing",
    "review/due-soon",
    "review/overdue",
    "review/future-date",
    "links/broken",
    "links/anchor",
    "links/malformed",
    "links/external",
    "a11y/alt-text",
    "a11y/heading-order",
    "a11y/link-text",
    "a11y/table-header",
    "a11y/all-caps",
    "meta/description",
    "meta/duplicate",
    "content/empty-section",
    "content/faq-answer",
    "content/placeholder",
    "security/raw-html",
    "topics/uncertain",
    "topics/missing-risks",
    "topics/none",
    "plain/jargon",
    "plain/passive",
    "plain/third-person",
    "plain/numbers",
    "plain/long-sentence",
    "plain/long-paragraph",
    "plain/acronym",
    "plain/pemat",
];

/// What to check, resolved from the command line.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Include drafts.
    pub drafts: bool,
    /// The date review deadlines are measured from.
    pub today: NaiveDate,
    /// Check external links over HTTP with these settings.
    pub external: Option<external::ExternalOptions>,
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
    /// The exit status: 0 clean, 1 errors (or any warning when `strict`).
    pub fn exit_status(&self, strict: bool) -> u8 {
        let fails =
            self.diagnostics.has_errors() || (strict && self.diagnostics.warning_count() > 0);
        u8::from(fails)
    }
}

/// Runs `handout check`; returns the exit status.
pub fn run(args: &CheckArgs) -> u8 {
    if !args.root.is_dir() {
        eprintln!(
            "{}: error: this site folder does not exist\n  help: run handout in your site folder, or pass --root PATH",
            args.root.display()
        );
        return 2;
    }
    let today = args
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let opts = CheckOptions {
        drafts: args.drafts,
        today,
        external: args.external.then(|| external::ExternalOptions {
            timeout: Duration::from_secs_f64(args.timeout.max(0.1)),
            ..Default::default()
        }),
    };
    let start = Instant::now();
    let progress = Progress::for_terminal(args.quiet);
    progress.stage("Loading", 0);
    let (loaded, load_diags) = build::load(&args.root, None, args.drafts, today);
    let Some(mut loaded) = loaded else {
        // Config or theme did not load: there is no site to check, only the errors to show.
        let mut diags = load_diags;
        diags.sort();
        output::print_failed_load(&diags, args.format);
        return 1;
    };
    if args.due {
        let entries = review::due_list(&loaded.site);
        let mut diags = load_diags;
        diags.sort();
        output::print_due(&entries, &diags, args.format, today);
        return u8::from(diags.has_errors());
    }
    let load_time = start.elapsed();
    // QR codes hold no links, and making them is a good part of rendering: skip them here.
    loaded.renderer.qr_codes = false;
    let mut report = check_with(&loaded, load_diags, &opts, &progress);
    progress.finish();
    report.timings.insert(0, ("load", load_time));
    report.elapsed = start.elapsed();
    output::print_report(&report, args.format);
    if let Some(file) = &args.report {
        let html = report_html::render(&report);
        if let Err(e) = std::fs::write(file, html) {
            eprintln!("{}", Diagnostic::io(file, "write", &e));
            return 2;
        }
        if args.format == Format::Text {
            println!("Wrote the content report to {}.", file.display());
        }
    }
    report.exit_status(args.strict)
}

/// Checks a loaded site. `load_diags` are the findings of loading it, which are reported too.
pub fn check(loaded: &Loaded, load_diags: Diagnostics, opts: &CheckOptions) -> CheckReport {
    check_with(loaded, load_diags, opts, &Progress::hidden())
}

/// [`check`], showing how far it is on `progress`.
fn check_with(
    loaded: &Loaded,
    load_diags: Diagnostics,
    opts: &CheckOptions,
    progress: &Progress,
) -> CheckReport {
    let site = &loaded.site;
    let mut diags = load_diags;
    // The build warns about scripts in raw HTML; check reports the same findings as errors
    // (its own rule below), so the build's copies would only repeat them.
    diags.retain(|d| d.rule != "security/raw-html");
    let today = opts.today;
    let mut timings = Vec::new();
    let mut lap = Instant::now();
    let mut stage = |name: &'static str| {
        timings.push((name, lap.elapsed()));
        lap = Instant::now();
    };

    // Per-article rules and scores, in parallel: most of the work on a large site.
    progress.stage("Checking", site.articles.len() as u64);
    let per_article: Vec<(ArticleSummary, Vec<Diagnostic>)> = site
        .articles
        .par_iter()
        .map(|a| {
            progress.inc(1);
            let reading = reading_level::read(site, a);
            let mut d = reading_level::check_grade(site, a, &reading);
            d.extend(review::check_review(site, a, today));
            d.extend(content_rules::check_description(
                &a.doc,
                a.doc.front.description.as_deref(),
            ));
            d.extend(accessibility::check_lead_image(&a.doc));
            d.extend(topics::check_article(a));
            let pemat = plain::check(site, a, &mut d);
            let summary = ArticleSummary {
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
            };
            (summary, d)
        })
        .collect();
    let mut articles = Vec::with_capacity(per_article.len());
    for (s, d) in per_article {
        articles.push(s);
        diags.extend(d);
    }

    // Rules that apply to every document alike.
    let docs = documents(site);
    let per_doc: Vec<Vec<Diagnostic>> = docs
        .par_iter()
        .map(|(_, doc, rendered)| {
            let mut d = accessibility::check_document(doc, rendered);
            d.extend(content_rules::check_document(doc, rendered));
            d
        })
        .collect();
    diags.extend(per_doc.into_iter().flatten());
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
    stage("rules");

    // The built site: scan its pages, rendering those it needs, then check every link and
    // anchor.
    progress.stage("Links", 0);
    let (files, pages, render_diags) = site_scan::scan(loaded);
    diags.extend(render_diags);
    stage("render");
    diags.extend(links::check_output(site, &files));
    stage("links");

    if let Some(ext) = &opts.external {
        diags.extend(external::check(site, ext));
        stage("external");
    }
    diags.extend(check_disable_list(site));

    let mut diags = apply_disable(site, diags);
    diags.sort();
    CheckReport {
        articles,
        diagnostics: diags,
        pages,
        target_grade: site.config.reading_grade_target,
        site_title: site.config.title.clone(),
        today,
        elapsed: Duration::ZERO,
        timings,
    }
}

/// Whether `rule` is turned off by an entry of a `disable` list: the rule id itself, or a
/// prefix ending at a `/` (`a11y` turns off every `a11y/…` rule).
pub fn is_disabled(rule: &str, disable: &[String]) -> bool {
    disable.iter().any(|d| {
        let d = d.trim().trim_end_matches('/');
        !d.is_empty()
            && (rule == d || (rule.starts_with(d) && rule.as_bytes().get(d.len()) == Some(&b'/')))
    })
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

/// Entries of a `disable` list that name no rule are warnings: a typo would otherwise leave
/// the rule on without anyone noticing.
fn check_disable_list(site: &Site) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let known = |entry: &str| {
        let e = entry.trim().trim_end_matches('/');
        RULES
            .iter()
            .any(|r| *r == e || (r.starts_with(e) && r.as_bytes().get(e.len()) == Some(&b'/')))
    };
    let mut report = |span: Span, entry: &str| {
        let groups: Vec<&str> = RULES
            .iter()
            .flat_map(|r| [*r, r.split('/').next().unwrap_or(r)])
            .collect();
        let help = match did_you_mean(entry, &groups) {
            Some(s) => format!("did you mean `{s}`?"),
            None => "rule ids look like `readability/grade` or `a11y` (all a11y rules); see `handout check --help`".into(),
        };
        diags.push(
            Diagnostic::warning(
                "check/unknown-rule",
                span,
                format!("`{entry}` in `check.disable` is not a rule of handout check"),
            )
            .with_help(help),
        );
    };
    for entry in &site.config.check.disable {
        if !known(entry) {
            let span = site.config.positions.span(&["check", "disable"]);
            report(span, entry);
        }
    }
    for (_, doc, _) in documents(site) {
        for entry in &doc.front.check_disable {
            if !known(entry) {
                report(Span::at(&doc.path, doc.front.line_of("check"), 1), entry);
            }
        }
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disable_matches_ids_and_prefixes() {
        let off = vec!["a11y".to_string(), "meta/duplicate".to_string()];
        assert!(is_disabled("a11y/alt-text", &off));
        assert!(is_disabled("meta/duplicate", &off));
        assert!(!is_disabled("meta/description", &off));
        assert!(!is_disabled("a11yx/foo", &off));
        assert!(is_disabled("links/anchor", &["links/".to_string()]));
    }
}
