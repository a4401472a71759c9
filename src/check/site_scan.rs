//! What the link check knows of the built site, without rendering all of it.
//!
//! Every output path comes from the model. Pages are rendered and scanned (ids and URLs)
//! except the two kinds a large site has thousands of, article and topic pages, and the alias
//! redirects: of those only the first of each kind is rendered, to check the links the
//! template adds (the chrome). The others are scanned from the Markdown fragments they show,
//! which holds every link an author wrote; the chrome's links come from the same model and the
//! same template as the rendered one's. A fragment that names a page known only from its
//! fragments, and is not among their ids, makes that page render for real before the links are
//! judged, so an anchor is never called broken on a guess. A page of a kind whose first page
//! failed to render is rendered in full, so template errors are counted as a build counts them.

use crate::build::{self, Loaded};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::html_scan::{self, PageScan};
use crate::output::Output;
use crate::render::{Scratch, Shared};
use crate::site::{Article, OutputFile, PageRef, Site, Topic};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::mem::discriminant;
use std::sync::Mutex;

/// Every file of the built site, with a scan of each HTML page.
pub(super) type Files = HashMap<String, Option<PageScan>>;

/// The site's files and page scans, the number of HTML pages and every render error.
pub(super) fn scan(loaded: &Loaded) -> (Files, usize, Diagnostics) {
    let Loaded { site, renderer, .. } = loaded;
    let shared = match renderer.prepare(site) {
        Ok(s) => s,
        Err(e) => return (Files::new(), 0, e),
    };
    let pages = site.pages();
    let mut files: Files = other_files(loaded).map(|p| (p, None)).collect();
    let mut first_of_kind = HashSet::new();
    let (real, fragments): (Vec<PageRef>, Vec<PageRef>) = pages
        .iter()
        .copied()
        .partition(|&p| !is_bulk(p) || first_of_kind.insert(discriminant(&p)));
    let (scans, errors) = render(loaded, &shared, &real);
    let failed_kinds: HashSet<_> = errors.iter().map(|(p, _)| discriminant(p)).collect();
    let mut errs: Vec<Diagnostic> = errors.into_iter().map(|(_, d)| d).collect();
    files.extend(scans);
    // Fragment scans of pages whose kind failed would hide the count of pages it fails.
    let (again, fragments): (Vec<PageRef>, Vec<PageRef>) = fragments
        .into_iter()
        .partition(|p| failed_kinds.contains(&discriminant(p)));
    let known: Vec<(String, PageScan)> = fragments
        .par_iter()
        .map(|&p| (site.output_path(p), fragment_scan(site, p)))
        .collect();
    let mut synthetic: HashMap<String, PageRef> = fragments
        .iter()
        .map(|&p| (site.output_path(p), p))
        .collect();
    files.extend(known.into_iter().map(|(p, s)| (p, Some(s))));
    let mut pending = again;
    loop {
        let (scans, errors) = render(loaded, &shared, &pending);
        errs.extend(errors.into_iter().map(|(_, d)| d));
        files.extend(scans);
        pending = unconfirmed_targets(site, &files, &synthetic);
        if pending.is_empty() {
            break;
        }
        for p in &pending {
            synthetic.remove(&site.output_path(*p));
        }
    }
    let mut diags = Diagnostics::new();
    let collected = Collector::default();
    let (_, listing_errors) = crate::render::write_listing_files(site, &pages, &collected);
    errs.extend(listing_errors);
    // The other languages' pages and the language-help page are few beside the articles of
    // the default language: render them in full, as a build does.
    let extra = crate::i18n::write_extra_pages(site, renderer, &shared, &collected, &mut diags);
    let mut extra_pages = extra;
    for lang in &loaded.languages {
        let mut d = Diagnostics::new();
        let (p, _) = crate::i18n::write_language_site(lang, renderer, &collected, &mut d);
        errs.extend(d);
        extra_pages += p;
    }
    files.extend(collected.into_files());
    let qr = pages.iter().filter_map(|&p| renderer.qr_path(site, p));
    files.extend(qr.map(|p| (p, None)));
    diags.extend(build::dedupe_template_errors(errs));
    (files, pages.len() + extra_pages, diags)
}

/// An [`Output`] that keeps a scan of each HTML page written to it instead of its bytes, and
/// the names of all other files.
#[derive(Debug, Default)]
struct Collector {
    files: Mutex<Files>,
}

impl Collector {
    /// Every file written, with the scan of the HTML ones.
    fn into_files(self) -> Files {
        self.files.into_inner().unwrap_or_default()
    }
}

impl Output for Collector {
    fn write(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
        let scan = rel
            .ends_with(".html")
            .then(|| html_scan::scan(&String::from_utf8_lossy(bytes)));
        let mut files = self
            .files
            .lock()
            .map_err(|_| std::io::Error::other("scan output poisoned"))?;
        files.insert(rel.to_string(), scan);
        Ok(())
    }
}

/// Article pages, topic pages and alias redirects: the kinds a site has one or more of per
/// article.
fn is_bulk(p: PageRef) -> bool {
    matches!(
        p,
        PageRef::Article(_) | PageRef::Topic(..) | PageRef::Alias(_)
    )
}

/// The paths of every file that is not a page: the sitemap, feed and other generated files,
/// static files and bundle assets.
fn other_files(loaded: &Loaded) -> impl Iterator<Item = String> + '_ {
    let generated = OutputFile::ALL
        .into_iter()
        .map(|f| f.output_path().to_string());
    let statics = loaded.renderer.theme.static_files.keys().cloned();
    let assets = (loaded.site.bundle_assets.iter()).map(|(_, _, out)| out.clone());
    generated.chain(statics).chain(assets)
}

/// A page's output path and scan.
type Scanned = (String, Option<PageScan>);

/// A page that failed to render, with the error.
type Failed = (PageRef, Diagnostic);

/// Renders and scans `pages` in parallel: the scans by output path, and each page's error.
fn render(loaded: &Loaded, shared: &Shared, pages: &[PageRef]) -> (Vec<Scanned>, Vec<Failed>) {
    let Loaded { site, renderer, .. } = loaded;
    let results: Vec<Result<Scanned, Failed>> = pages
        .par_iter()
        .map_init(Scratch::default, |scratch, &page| {
            renderer
                .render_into(site, shared, page, scratch)
                .map_err(|d| (page, d))?;
            let scan = html_scan::scan(&String::from_utf8_lossy(&scratch.html));
            if scratch.html.capacity() > 1 << 20 {
                scratch.html = Vec::new();
            }
            Ok((site.output_path(page), Some(scan)))
        })
        .collect();
    results.into_iter().partition_result()
}

/// Splits results into successes and failures.
trait PartitionResult<T, E> {
    fn partition_result(self) -> (Vec<T>, Vec<E>);
}

impl<T, E, I: Iterator<Item = Result<T, E>>> PartitionResult<T, E> for I {
    fn partition_result(self) -> (Vec<T>, Vec<E>) {
        let (mut ok, mut err) = (Vec::new(), Vec::new());
        for r in self {
            match r {
                Ok(t) => ok.push(t),
                Err(e) => err.push(e),
            }
        }
        (ok, err)
    }
}

/// The scan of a page from the Markdown fragments it shows: every URL an author wrote there,
/// and the ids those fragments carry (a subset of the page's ids).
fn fragment_scan(site: &Site, page: PageRef) -> PageScan {
    let mut html = String::new();
    match page {
        PageRef::Article(i) => {
            let a = &site.articles[i];
            key_points(a, &mut html);
            html.push_str(&a.rendered.intro_html);
            for s in &a.rendered.sections {
                html.push_str(&s.heading_block_html);
                if s.faq.is_empty() {
                    html.push_str(&s.html);
                }
                for q in &s.faq {
                    html.push_str(&q.question_inline_html);
                    html.push_str(&q.answer_html);
                }
            }
            html.push_str(&a.rendered.footnotes_html);
        }
        PageRef::Topic(i, kind) => {
            let a = &site.articles[i];
            key_points(a, &mut html);
            if let Some(t) = Topic::of(a, kind) {
                let body = t.html();
                if body.contains("footnote-ref") {
                    html.push_str(&a.rendered.footnotes_html);
                }
                html.push_str(&body);
            }
        }
        _ => {}
    }
    let mut scan = html_scan::scan(&html);
    if let PageRef::Article(i) = page {
        // The template gives each question its id; the fragments give only its text.
        scan.ids
            .extend(site.articles[i].faq().map(|q| q.id.clone()));
    }
    scan
}

/// The key points the page shows from the Markdown (front matter's own are plain text).
fn key_points(a: &Article, html: &mut String) {
    if a.doc.front.key_points.is_empty() {
        html.push_str(&a.rendered.key_points_html);
    }
}

/// Pages known only from their fragments that some URL names with a fragment their ids do
/// not have: these must be rendered to judge the anchor.
fn unconfirmed_targets(
    site: &Site,
    files: &Files,
    synthetic: &HashMap<String, PageRef>,
) -> Vec<PageRef> {
    let base_path = site.config.base_path.as_str();
    let base_url = site.config.base_url.as_str();
    let wanted: HashSet<PageRef> = files
        .par_iter()
        .filter_map(|(page, scan)| scan.as_ref().map(|s| (page, s)))
        .flat_map_iter(|(page, scan)| {
            scan.refs.iter().filter_map(move |r| {
                let (file, fragment) =
                    super::links::target_file(files, page, &r.url, base_path, base_url)?;
                let target = synthetic.get(&file)?;
                let known = files.get(&file)?.as_ref()?;
                (!known.ids.contains(&fragment)).then_some(*target)
            })
        })
        .collect();
    let mut out: Vec<PageRef> = wanted.into_iter().collect();
    out.sort_by_key(|p| site.output_path(*p));
    out
}
