//! The build pipeline from folder to finished site: load, assemble, render, write.
//!
//! Each stage gathers all its problems; rendering starts only if loading found no error, and
//! the output folder is replaced only if nothing failed at all.

use crate::config::{self, Config};
use crate::confine::Confinement;
use crate::content;
use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use crate::output::manifest::{record, LastBuild};
use crate::output::{Manifest, Output, Staging};
use crate::progress::Progress;
use crate::render::{theme, Renderer, Scratch, Shared};
use crate::site::{self, Detail, OutputFile, PageRef, Site};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod incremental;
mod unchanged;

/// What `handout build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Output folder (default `ROOT/public`).
    pub out: Option<PathBuf>,
    /// Overrides `base_url`.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Render every file, carrying nothing over from the previous output.
    pub clean: bool,
    /// Where to show how far the build is.
    pub progress: Progress,
}

/// How a build went.
#[derive(Debug)]
pub struct BuildReport {
    /// Pages written (HTML).
    pub pages: usize,
    /// All files written.
    pub files: usize,
    /// Every error and warning.
    pub diagnostics: Diagnostics,
    /// Files carried over unchanged from the previous output instead of rendered.
    pub carried: usize,
    /// Wall time.
    pub elapsed: Duration,
    /// The output folder.
    pub out: PathBuf,
    /// A usage problem (bad folder), as opposed to content errors: exit status 2.
    pub usage_error: bool,
    /// Nothing had changed since the last build, so the output was left as it was (`pages`
    /// and `files` are then the last build's).
    pub nothing_changed: bool,
    /// With `nothing_changed`, the last build's warnings as it printed them: they still hold.
    pub earlier_warnings: Vec<String>,
}

/// A site loaded and assembled, with the theme ready: the shared start of build, check and serve.
pub struct Loaded {
    /// The model, in the default language.
    pub site: Site,
    /// The renderer with its theme.
    pub renderer: Renderer,
    /// The site in each other language of `languages:`, in that order.
    pub languages: Vec<Site>,
}

/// Loads config, content and theme as of `today` (which decides review statuses). Returns
/// the loaded site (if no stage failed) and every finding.
pub fn load(
    root: &Path,
    base_url: Option<&str>,
    drafts: bool,
    today: NaiveDate,
) -> (Option<Loaded>, Diagnostics) {
    load_with(root, base_url, drafts, Detail::Full, today)
}

/// [`load`], keeping `detail` of each document.
fn load_with(
    root: &Path,
    base_url: Option<&str>,
    drafts: bool,
    detail: Detail,
    today: NaiveDate,
) -> (Option<Loaded>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let config: Option<Config> = match config::load(root) {
        Ok((mut c, warnings)) => {
            diags.extend(warnings);
            if let Some(u) = base_url {
                c.set_base_url(u);
            }
            Some(c)
        }
        Err(e) => {
            diags.extend(e);
            None
        }
    };
    let theme_name = config
        .as_ref()
        .map(|c| c.theme.clone())
        .unwrap_or_else(|| "default".into());
    let confine = Confinement::new(root, config.as_ref().is_some_and(|c| c.allow_links_outside));
    let theme = match theme::load(root, &theme_name, &confine) {
        Ok((t, warnings)) => {
            diags.extend(warnings);
            Some(t)
        }
        Err(e) => {
            diags.extend(e);
            None
        }
    };
    let (found, d) = content::discover(root, &confine);
    diags.extend(d);
    let (Some(config), Some(theme)) = (config, theme) else {
        return (None, diags);
    };
    let static_files: Vec<String> = theme.static_files.keys().cloned().collect();
    let (site, languages) = assemble_languages(
        root,
        config,
        &theme,
        found,
        (drafts, detail, today),
        static_files,
        &mut diags,
    );
    let renderer = match Renderer::new(theme) {
        Ok(r) => r,
        Err(e) => {
            diags.extend(e);
            return (None, diags);
        }
    };
    let loaded = Loaded {
        site,
        renderer,
        languages,
    };
    (Some(loaded), diags)
}

/// Assembles one site per language (see [`crate::i18n`]): the default language's, returned
/// first, and each other language's, with the theme's words and the index of translations.
fn assemble_languages(
    root: &Path,
    mut config: Config,
    theme: &theme::Theme,
    found: content::Discovered,
    (drafts, detail, today): (bool, Detail, NaiveDate),
    static_files: Vec<String>,
    diags: &mut Diagnostics,
) -> (Site, Vec<Site>) {
    let (strings, d) = crate::i18n::load_strings(root, theme, &config.languages);
    diags.extend(d);
    if let (Some(first), Some(words)) = (config.languages.first_mut(), strings.first()) {
        first.name = words.get("language_name").to_string();
        config.lang = first.clone();
    }
    let (parts, d) = crate::i18n::split_by_language(found, &config.languages);
    diags.extend(d);
    let mut assemble_one = |i: usize, found: content::Discovered| {
        let mut c = match config.languages.get(i) {
            Some(lang) if i > 0 => config.for_language(lang),
            _ => config.clone(),
        };
        let words = strings.get(i).cloned().unwrap_or_default();
        // The built-in notices, where site.yaml gives none, come in the page's language.
        if c.disclaimer == config::DEFAULT_DISCLAIMER {
            c.disclaimer = words.get("default_disclaimer").to_string();
        }
        if c.emergency == config::DEFAULT_EMERGENCY {
            c.emergency = words.get("default_emergency").to_string();
        }
        c.strings = std::sync::Arc::new(words);
        let (site, d) = site::assemble(root, c, found, drafts, static_files.clone(), detail, today);
        // Each language reads the same glossary and settings: say each problem once.
        let seen: std::collections::HashSet<String> = diags.iter().map(|d| d.to_string()).collect();
        diags.extend(d.into_iter().filter(|d| !seen.contains(&d.to_string())));
        site
    };
    let mut parts = parts.into_iter();
    let mut default = assemble_one(0, parts.next().unwrap_or_default());
    let mut others: Vec<Site> = parts
        .enumerate()
        .map(|(i, f)| assemble_one(i + 1, f))
        .collect();
    let index = {
        let mut refs: Vec<&Site> = vec![&default];
        refs.extend(others.iter());
        std::sync::Arc::new(crate::i18n::TranslationIndex::build(&refs, strings.clone()))
    };
    default.config.translations = index.clone();
    for s in &mut others {
        s.config.translations = index.clone();
    }
    (default, others)
}

/// Renders every page and file of a loaded site into `out`. Returns the number of HTML pages
/// and of files written, and every error.
pub fn render_all(loaded: &Loaded, out: &dyn Output) -> (usize, usize, Diagnostics) {
    let r = render_site(loaded, out, None, &Progress::hidden());
    (r.pages, r.files, r.diagnostics)
}

/// The previous output an incremental build may carry files over from.
struct Reuse<'a> {
    /// The staging folder the new output is written to.
    staging: &'a Staging,
    /// The previous output folder.
    old: &'a Path,
    /// Its manifest; without one every file is rendered (and a manifest is still recorded).
    manifest: Option<Manifest>,
}

/// What [`render_site`] did.
struct Written {
    pages: usize,
    files: usize,
    /// Files carried over from the previous output instead of rendered.
    carried: usize,
    diagnostics: Diagnostics,
    /// The records of the files written, when there was something to reuse.
    manifest: Manifest,
}

/// Renders every page and file into `out`; with `reuse`, pages whose fingerprint matches the
/// previous build's are carried over from the previous output instead.
fn render_site(
    loaded: &Loaded,
    out: &dyn Output,
    reuse: Option<&Reuse>,
    progress: &Progress,
) -> Written {
    let Loaded { site, renderer, .. } = loaded;
    let mut w = Written {
        pages: 0,
        files: 0,
        carried: 0,
        diagnostics: Diagnostics::new(),
        manifest: Manifest::default(),
    };
    let shared: Shared = match renderer.prepare(site) {
        Ok(s) => s,
        Err(e) => {
            w.diagnostics = e;
            return w;
        }
    };
    let shared_print = reuse.and_then(|_| renderer.shared_fingerprint(site, &shared));
    let pages = site.pages();
    progress.stage("Rendering", pages.len() as u64);
    // The search index is built from the model, not the pages, so it runs beside them.
    let ((outcomes, errs), (search_count, search_files, search_errors)) = rayon::join(
        || {
            render_pages(
                loaded,
                &shared,
                &pages,
                out,
                reuse.zip(shared_print),
                progress,
            )
        },
        || match site.config.search.enabled {
            true => incremental::search(site, out, reuse),
            false => (0, Vec::new(), Vec::new()),
        },
    );
    w.diagnostics.extend(search_errors);
    let qr_files = match renderer.qr_codes {
        true => pages
            .iter()
            .filter(|p| matches!(p, PageRef::Article(_) | PageRef::Topic(..)))
            .count(),
        false => 0,
    };
    w.files = pages.len() + qr_files + search_count;
    for (path, record, carried) in outcomes.into_iter().chain(search_files) {
        w.carried += usize::from(carried);
        w.manifest.files.insert(path, record);
    }
    let (listing_files, listing_errors) = crate::render::write_listing_files(site, &pages, out);
    w.diagnostics.extend(listing_errors);
    w.files += listing_files;
    for f in [OutputFile::Robots, OutputFile::BrandCss] {
        let text = renderer.render_file(site, &shared, f, &pages);
        if let Err(e) = out.write(f.output_path(), text.as_bytes()) {
            w.diagnostics
                .push(Diagnostic::io(Path::new(f.output_path()), "write", &e));
        }
        w.files += 1;
    }
    w.files += copy_static(site, renderer, out, &mut w.diagnostics);
    let mut errs = errs;
    let (extra_pages, extra_files) =
        write_other_languages(loaded, &shared, out, &mut errs, &mut w.diagnostics);
    w.diagnostics.extend(dedupe_template_errors(errs));
    w.pages = pages.len() + extra_pages;
    w.files += extra_files;
    w
}

/// Writes the language-help page, the notices for untranslated pages and each other
/// language's site. They are always rendered, never carried over: few beside the articles.
/// Returns the pages and files written; template errors go to `errs`, the rest to `diags`.
fn write_other_languages(
    loaded: &Loaded,
    shared: &Shared,
    out: &dyn Output,
    errs: &mut Vec<Diagnostic>,
    diags: &mut Diagnostics,
) -> (usize, usize) {
    let Loaded {
        site,
        renderer,
        languages,
    } = loaded;
    let extra = crate::i18n::write_extra_pages(site, renderer, shared, out, diags);
    let (mut pages, mut files) = (extra, extra);
    for lang in languages {
        let mut d = Diagnostics::new();
        let (p, f) = crate::i18n::write_language_site(lang, renderer, out, &mut d);
        errs.extend(d);
        pages += p;
        // `f` counts the language's pages among its files.
        files += f;
    }
    (pages, files)
}

/// Renders (or carries over) every page in parallel: the manifest record of each file with
/// whether it was carried over, and every error.
fn render_pages(
    loaded: &Loaded,
    shared: &Shared,
    pages: &[PageRef],
    out: &dyn Output,
    reuse: Option<(&Reuse, u64)>,
    progress: &Progress,
) -> (Vec<incremental::Done>, Vec<Diagnostic>) {
    let Loaded { site, renderer, .. } = loaded;
    let results: Vec<Result<Vec<incremental::Done>, Diagnostic>> = pages
        .par_iter()
        .map_init(Scratch::default, |scratch, &page| {
            progress.inc(1);
            let Some((reuse, shared_print)) = reuse else {
                render_and_write(site, renderer, shared, page, out, scratch)?;
                return Ok(Vec::new());
            };
            let print = renderer
                .page_fingerprint(site, shared, page)
                .map(|p| incremental::combine(shared_print, p));
            // A page and its QR code file go together.
            let files: Vec<String> = std::iter::once(site.output_path(page))
                .chain(renderer.qr_path(site, page))
                .collect();
            if let Some(carried) = print.and_then(|f| incremental::carry_all(reuse, &files, f)) {
                return Ok(carried);
            }
            render_and_write(site, renderer, shared, page, out, scratch)?;
            let Some(print) = print else {
                return Ok(Vec::new());
            };
            let dir = reuse.staging.dir();
            Ok(files
                .into_iter()
                .filter_map(|p| Some((record(&dir.join(&p), print).ok()?, p)))
                .map(|(r, p)| (p, r, false))
                .collect())
        })
        .collect();
    let (mut done, mut errs) = (Vec::new(), Vec::new());
    for r in results {
        match r {
            Ok(d) => done.extend(d),
            Err(e) => errs.push(e),
        }
    }
    (done, errs)
}

/// Renders and writes one page.
pub fn write_page(
    site: &Site,
    renderer: &Renderer,
    shared: &Shared,
    page: PageRef,
    out: &dyn Output,
) -> Result<(), Diagnostic> {
    let html = renderer.render_page(site, shared, page)?;
    let path = site.output_path(page);
    out.write(&path, html.as_bytes())
        .map_err(|e| Diagnostic::io(Path::new(&path), "write", &e))?;
    write_qr(site, renderer, page, out)
}

/// Writes the QR code file that goes with a page, if it has one.
fn write_qr(
    site: &Site,
    renderer: &Renderer,
    page: PageRef,
    out: &dyn Output,
) -> Result<(), Diagnostic> {
    match renderer.qr_file(site, page) {
        Some((path, svg)) => out
            .write(&path, svg.as_bytes())
            .map_err(|e| Diagnostic::io(Path::new(&path), "write", &e)),
        None => Ok(()),
    }
}

/// Renders and writes one page, reusing a thread's scratch space.
fn render_and_write(
    site: &Site,
    renderer: &Renderer,
    shared: &Shared,
    page: PageRef,
    out: &dyn Output,
    scratch: &mut Scratch,
) -> Result<(), Diagnostic> {
    renderer.render_into(site, shared, page, scratch)?;
    let path = site.output_path(page);
    let written = out
        .write(&path, &scratch.html)
        .map_err(|e| Diagnostic::io(Path::new(&path), "write", &e));
    // The FAQ and list pages of a large site run to megabytes; don't keep that much buffer
    // for the small pages that follow.
    if scratch.html.capacity() > 1 << 20 {
        scratch.html = Vec::new();
    }
    written?;
    write_qr(site, renderer, page, out)
}

/// One broken template fails every page that uses it; say so once, with the count.
pub(crate) fn dedupe_template_errors(errs: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out: Vec<(Diagnostic, usize)> = Vec::new();
    for d in errs {
        match out
            .iter_mut()
            .find(|(o, _)| o.span == d.span && o.message == d.message)
        {
            Some((_, n)) => *n += 1,
            None => out.push((d, 1)),
        }
    }
    out.into_iter()
        .map(|(mut d, n)| {
            if n > 1 {
                d.message = format!("{} (in {n} pages)", d.message);
            }
            d
        })
        .collect()
}

/// Copies theme and site static files and article bundle assets.
fn copy_static(
    site: &Site,
    renderer: &Renderer,
    out: &dyn Output,
    diags: &mut Diagnostics,
) -> usize {
    let mut n = 0;
    for (rel, src) in &renderer.theme.static_files {
        match src.read() {
            Ok(bytes) => match out.write(rel, &bytes) {
                Ok(()) => n += 1,
                Err(e) => diags.push(Diagnostic::io(Path::new(rel), "write", &e)),
            },
            Err(e) => diags.push(Diagnostic::io(Path::new(rel), "read", &e)),
        }
    }
    for (_, src, dest) in &site.bundle_assets {
        match std::fs::read(site.root.join(src)) {
            Ok(bytes) => match out.write(dest, &bytes) {
                Ok(()) => n += 1,
                Err(e) => diags.push(Diagnostic::io(Path::new(dest), "write", &e)),
            },
            Err(e) => diags.push(Diagnostic::io(src, "read", &e)),
        }
    }
    n
}

/// `handout build`: the whole pipeline, writing into a staging folder that replaces the output
/// folder only when nothing failed.
pub fn build(opts: &BuildOptions) -> BuildReport {
    let start = Instant::now();
    let out = opts.out.clone().unwrap_or_else(|| opts.root.join("public"));
    let mut report = BuildReport {
        pages: 0,
        files: 0,
        carried: 0,
        diagnostics: Diagnostics::new(),
        elapsed: Duration::ZERO,
        out: out.clone(),
        usage_error: false,
        nothing_changed: false,
        earlier_warnings: Vec::new(),
    };
    if let Some(problem) = usage_problem(opts) {
        report.usage_error = true;
        report.diagnostics.push(problem);
        report.elapsed = start.elapsed();
        return finish(report);
    }
    let today = chrono::Local::now().date_naive();
    let key = unchanged::key(opts, &out, today);
    let last = (!opts.clean)
        .then(|| unchanged::last_if_unchanged(&opts.root, &out, &key))
        .flatten();
    if let Some(last) = last {
        report.nothing_changed = true;
        (report.pages, report.files) = (last.pages, last.files);
        report.earlier_warnings = last.warnings;
        report.elapsed = start.elapsed();
        return report;
    }
    // Listed before anything is read, so that an edit made during the build counts as a change.
    let inputs = unchanged::snapshot(&opts.root);
    opts.progress.stage("Loading", 0);
    let (loaded, diags) = load_with(
        &opts.root,
        opts.base_url.as_deref(),
        opts.drafts,
        Detail::Pages,
        today,
    );
    report.diagnostics = diags;
    let Some(loaded) = loaded.filter(|_| !report.diagnostics.has_errors()) else {
        report.elapsed = start.elapsed();
        return finish(report);
    };
    let staging = match Staging::create(&out, &opts.root) {
        Ok(s) => s,
        Err(e) => {
            // The output folder could not be used: nothing about the content is wrong.
            report.usage_error = true;
            report
                .diagnostics
                .push(Diagnostic::error("output", Span::file(&out), e.to_string()));
            report.elapsed = start.elapsed();
            return finish(report);
        }
    };
    if staging.waited() > Duration::from_millis(500) {
        report.diagnostics.push(Diagnostic::warning(
            "output/waited",
            Span::file(&out),
            format!(
                "waited {:.1} s for another handout build of this folder to finish",
                staging.waited().as_secs_f64()
            ),
        ));
    }
    let reuse = Reuse {
        staging: &staging,
        old: &out,
        manifest: (!opts.clean).then(|| Manifest::load(&out)).flatten(),
    };
    let written = render_site(&loaded, &staging, Some(&reuse), &opts.progress);
    opts.progress.finish();
    report.diagnostics.extend(written.diagnostics);
    report.pages = written.pages;
    report.files = written.files;
    report.carried = written.carried;
    let mut manifest = written.manifest;
    let counts = (report.pages, report.files);
    publish(
        staging,
        &mut manifest,
        &out,
        &mut report.diagnostics,
        |diags| unchanged::record(key, inputs, &out, counts, diags),
    );
    report.elapsed = start.elapsed();
    finish(report)
}

/// A problem with the command line rather than the site: no such site folder, or a
/// `--base-url` that is not an address.
fn usage_problem(opts: &BuildOptions) -> Option<Diagnostic> {
    if !opts.root.is_dir() {
        return Some(
            Diagnostic::error(
                "usage/root",
                Span::file(&opts.root),
                "this site folder does not exist",
            )
            .with_help("run handout in your site folder, or pass --root PATH"),
        );
    }
    let u = opts
        .base_url
        .as_deref()
        .filter(|u| !config::is_base_url(u.trim()))?;
    Some(
        Diagnostic::error(
            "usage/base-url",
            Span::file("--base-url"),
            format!("`{u}` is not an http(s) address"),
        )
        .with_help("write the full address, e.g. --base-url https://www.myclinic.example/guides/"),
    )
}

/// Swaps the staging folder in for the output when the build had no error (else drops it),
/// then records what was built (with `last`, the record of the whole build, made once the
/// output is in place) for the next build to reuse.
fn publish(
    staging: Staging,
    manifest: &mut Manifest,
    out: &Path,
    diags: &mut Diagnostics,
    last: impl FnOnce(&Diagnostics) -> Option<LastBuild>,
) {
    if diags.has_errors() {
        staging.abort();
        return;
    }
    if let Err(e) = staging.commit() {
        diags.push(Diagnostic::error("output", Span::file(out), e.to_string()));
        return;
    }
    manifest.last = last(diags);
    if let Err(e) = manifest.save(out) {
        // The site is built; the next build just cannot reuse it.
        diags.push(Diagnostic::warning(
            "output/manifest",
            Span::file(out),
            format!("could not record what was built, so the next build renders every page: {e}"),
        ));
    }
}

fn finish(mut r: BuildReport) -> BuildReport {
    r.diagnostics.sort();
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Memory;

    /// A build keeps less of each document than check and serve do; the pages must not notice.
    #[test]
    fn pages_only_detail_renders_the_same_site() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let render = |detail| {
            let (loaded, diags) =
                load_with(root, None, false, detail, chrono::Local::now().date_naive());
            assert!(!diags.has_errors(), "{diags:?}");
            let out = Memory::new();
            let (pages, _, diags) = render_all(&loaded.expect("loaded"), &out);
            assert!(pages > 0 && !diags.has_errors(), "{diags:?}");
            out
        };
        let (full, lean) = (render(Detail::Full), render(Detail::Pages));
        assert_eq!(full.paths(), lean.paths());
        for p in full.paths() {
            assert!(full.get(&p) == lean.get(&p), "{p} differs");
        }
    }
}
