//! Links and anchors, checked where they matter: in the built site.
//!
//! The site is rendered into a [`ScanOutput`], which scans each HTML page as the renderer
//! hands it over (on the renderer's own worker threads) and keeps only the page's ids and the
//! URLs it points to. Every internal URL must then name a file of the build, and every
//! `#fragment` an id on the target page. This covers what the Markdown alone cannot show:
//! links into topic pages and FAQ questions, alias redirects, and the theme's own links.
//!
//! A broken URL is reported at the Markdown line that wrote it when one of the page's source
//! documents has a link with that address; otherwise (theme links, raw HTML) at the page.
//! Malformed external addresses are found in the model, at their source line.

use super::DocRef;
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics, LineIndex, Span};
use crate::markdown::html_scan::{self, PageScan, RefKind};
use crate::output::Output;
use crate::site::{is_external_url, percent_decode, PageRef, Site};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// An [`Output`] that keeps a scan of each HTML page instead of its bytes, and the names of
/// all other files.
#[derive(Debug, Default)]
pub struct ScanOutput {
    files: Mutex<HashMap<String, Option<PageScan>>>,
}

impl ScanOutput {
    /// An empty output.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every file written, with the scan of the HTML ones.
    pub fn into_files(self) -> HashMap<String, Option<PageScan>> {
        self.files.into_inner().unwrap_or_default()
    }
}

impl Output for ScanOutput {
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

/// Why an internal URL does not work.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Problem {
    /// No file at that path.
    NoFile { target: String },
    /// The page exists but has no element with that id.
    NoAnchor {
        target: String,
        fragment: String,
        suggestion: Option<String>,
    },
    /// A site-absolute URL that does not start with the base path.
    Outside { base_path: String },
}

impl Problem {
    fn rule(&self) -> &'static str {
        match self {
            Problem::NoAnchor { .. } => "links/anchor",
            _ => "links/broken",
        }
    }

    fn message(&self, url: &str) -> String {
        match self {
            Problem::NoFile { target } => {
                format!("broken link `{url}`: there is no page or file /{target} in the built site")
            }
            Problem::NoAnchor {
                target, fragment, ..
            } => format!("broken anchor `{url}`: /{target} has no `#{fragment}` on it"),
            Problem::Outside { base_path } => {
                format!(
                    "broken link `{url}`: it is outside the site, which lives under `{base_path}`"
                )
            }
        }
    }

    fn help(&self) -> String {
        match self {
            Problem::NoFile { .. } => "link to other content by its file, relative to this one (e.g. `[heat therapy](heat-therapy.md)`), and handout writes the right address".into(),
            Problem::NoAnchor { fragment, .. } if fragment.starts_with("fn-") => {
                let label = &fragment[3..];
                format!("the page does not show the note of the footnote `[^{label}]`: define it with a line `[^{label}]: …`; if it is defined, the theme's template does not print the notes (`footnotes_html`)")
            }
            Problem::NoAnchor {
                suggestion: Some(s),
                ..
            } => format!("did you mean `#{s}`? Anchors are the ids of headings and FAQ questions"),
            Problem::NoAnchor { .. } => "anchors are the ids of headings and FAQ questions: copy the address from the heading's link on the built page".into(),
            Problem::Outside { .. } => "link to other content by its file (e.g. `../heat-therapy.md`) so the address gets the base path".into(),
        }
    }
}

/// Where a URL in a page leads.
enum Target {
    /// Off the site: not checked here.
    External,
    /// A file of the build, with a fragment.
    Internal {
        path: String,
        fragment: Option<String>,
    },
    /// Broken before looking at files.
    Broken(Problem),
}

/// Checks every internal URL and anchor of the built site.
pub fn check_output(site: &Site, files: &HashMap<String, Option<PageScan>>) -> Diagnostics {
    let base_path = site.config.base_path.as_str();
    let base_url = site.config.base_url.as_str();
    let mut pages: Vec<(&String, &PageScan)> = files
        .iter()
        .filter_map(|(p, s)| s.as_ref().map(|s| (p, s)))
        .collect();
    pages.sort_by(|a, b| a.0.cmp(b.0));
    let broken: Vec<(&str, &str, RefKind, Problem)> = pages
        .par_iter()
        .flat_map_iter(|(page, scan)| {
            scan.refs.iter().filter_map(move |r| {
                resolve(files, page, &r.url, base_path, base_url)
                    .map(|p| (page.as_str(), r.url.as_str(), r.kind, p))
            })
        })
        .collect();
    let mut diags = Diagnostics::new();
    if broken.is_empty() {
        return diags;
    }
    let sources = SourceIndex::new(site);
    // The build already reports `.md` links to no file; say it once.
    let reported: HashSet<Span> = super::documents(site)
        .into_iter()
        .flat_map(|(_, doc, r)| {
            r.broken_links
                .iter()
                .map(|b| Span::at(&doc.path, b.line, b.column))
        })
        .collect();
    // One finding per source location (or per theme URL), however many pages show it.
    let mut groups: BTreeMap<(Option<Span>, &str, Problem), Vec<&str>> = BTreeMap::new();
    for (page, url, kind, problem) in broken {
        let spans = sources.locate(site, page, url, kind);
        if spans.is_empty() {
            groups.entry((None, url, problem)).or_default().push(page);
        } else {
            for s in spans.into_iter().filter(|s| !reported.contains(s)) {
                groups
                    .entry((Some(s), url, problem.clone()))
                    .or_default()
                    .push(page);
            }
        }
    }
    for ((span, url, problem), on) in groups {
        let first = on.first().copied().unwrap_or("");
        let span = span.unwrap_or_else(|| Span::file(PathBuf::from("public").join(first)));
        let mut msg = problem.message(url);
        let shown = page_url(first);
        msg.push_str(&match on.len() {
            1 => format!(" (on {shown})"),
            2 => format!(" (on {shown} and 1 other page)"),
            n => format!(" (on {shown} and {} other pages)", n - 1),
        });
        diags.push(Diagnostic::error(problem.rule(), span, msg).with_help(problem.help()));
    }
    diags
}

/// `articles/x/index.html` as the address a reader sees: `/articles/x/`.
fn page_url(output: &str) -> String {
    format!("/{}", output.strip_suffix("index.html").unwrap_or(output))
}

/// Resolves one URL found on `page`; returns the problem if it is broken.
fn resolve(
    files: &HashMap<String, Option<PageScan>>,
    page: &str,
    url: &str,
    base_path: &str,
    base_url: &str,
) -> Option<Problem> {
    let (path, fragment) = match classify(page, url, base_path, base_url) {
        Target::External => return None,
        Target::Broken(p) => return Some(p),
        Target::Internal { path, fragment } => (path, fragment),
    };
    let file = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else if files.contains_key(&path) {
        path.clone()
    } else {
        // A folder address without its slash: servers redirect it to the folder's index.
        format!("{path}/index.html")
    };
    let Some(entry) = files.get(&file) else {
        return Some(Problem::NoFile { target: path });
    };
    let fragment = fragment.filter(|f| !f.is_empty() && !f.eq_ignore_ascii_case("top"))?;
    let scan = entry.as_ref()?;
    if scan.ids.contains(&fragment) {
        return None;
    }
    // FAQ question ids carry the article's slug in front (`walking-how-far`), so an id that
    // ends with the fragment is the likeliest meaning; otherwise the closest spelling.
    let suffix = format!("-{fragment}");
    let mut ids: Vec<&str> = scan.ids.iter().map(String::as_str).collect();
    ids.sort_unstable();
    let suggestion = ids
        .iter()
        .find(|id| id.ends_with(&suffix))
        .copied()
        .or_else(|| did_you_mean(&fragment, &ids))
        .map(str::to_string);
    Some(Problem::NoAnchor {
        target: file.strip_suffix("index.html").unwrap_or(&file).to_string(),
        suggestion,
        fragment,
    })
}

fn classify(page: &str, url: &str, base_path: &str, base_url: &str) -> Target {
    let url = url.trim();
    if url.is_empty() {
        return Target::External;
    }
    let (before_fragment, fragment) = match url.split_once('#') {
        Some((p, f)) => (p, Some(percent_decode(f))),
        None => (url, None),
    };
    let path_part = before_fragment.split('?').next().unwrap_or("");
    let page_dir = match page.rfind('/') {
        Some(i) => &page[..=i],
        None => "",
    };
    let joined = if path_part.is_empty() {
        // `#x` or `?q`: this page.
        page.to_string()
    } else if let Some(rest) = base_url
        .starts_with("http")
        .then(|| path_part.strip_prefix(base_url))
        .flatten()
    {
        // The site's own absolute address (canonical links, feeds): check it as internal.
        rest.to_string()
    } else if is_external_url(path_part) {
        return Target::External;
    } else if let Some(rooted) = path_part.strip_prefix('/') {
        match path_part.strip_prefix(base_path) {
            Some(rest) => rest.to_string(),
            None if base_path == "/" => rooted.to_string(),
            None => {
                return Target::Broken(Problem::Outside {
                    base_path: base_path.to_string(),
                })
            }
        }
    } else {
        format!("{page_dir}{path_part}")
    };
    Target::Internal {
        path: normalise(&percent_decode(&joined)),
        fragment,
    }
}

/// Resolves `.` and `..` segments of a `/`-separated site path (no leading slash in the
/// result), keeping a trailing slash: the site's own path normaliser, on URL paths.
fn normalise(path: &str) -> String {
    let resolved = crate::site::normalise_path(Path::new(path.trim_start_matches('/')));
    let mut out = resolved.to_string_lossy().replace('\\', "/");
    if !out.is_empty() && (path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..")) {
        out.push('/');
    }
    out
}

/// Where each address was written in the Markdown, to report a broken one at its line.
struct SourceIndex<'a> {
    by_url: HashMap<&'a str, Vec<(DocRef, Span)>>,
    pages: HashMap<String, PageRef>,
}

impl<'a> SourceIndex<'a> {
    fn new(site: &'a Site) -> Self {
        let mut by_url: HashMap<&str, Vec<(DocRef, Span)>> = HashMap::new();
        for (doc_ref, doc, rendered) in super::documents(site) {
            for l in &rendered.links {
                by_url
                    .entry(l.href.as_str())
                    .or_default()
                    .push((doc_ref, Span::at(&doc.path, l.line, l.column)));
            }
            for img in &rendered.images {
                by_url
                    .entry(img.final_src.as_str())
                    .or_default()
                    .push((doc_ref, Span::at(&doc.path, img.line, img.column)));
            }
        }
        let pages = site
            .pages()
            .into_iter()
            .map(|p| (site.output_path(p), p))
            .collect();
        SourceIndex { by_url, pages }
    }

    /// The source spans of `url` among the documents shown on `page`.
    fn locate(&self, site: &Site, page: &str, url: &str, kind: RefKind) -> Vec<Span> {
        let owners = page_owners(self.pages.get(page).copied());
        if owners.is_empty() || kind == RefKind::Head {
            return Vec::new();
        }
        let shows = |d: &DocRef| {
            owners.contains(d)
                || (owners.contains(&DocRef::AnyArticle) && matches!(d, DocRef::Article(_)))
        };
        let mut spans: Vec<Span> = self
            .by_url
            .get(url)
            .into_iter()
            .flatten()
            .filter(|(d, _)| shows(d))
            .map(|(_, s)| s.clone())
            .collect();
        if spans.is_empty() {
            // Raw HTML in the Markdown is copied as written: find the block that holds it.
            for (d, doc, rendered) in super::documents(site) {
                if !shows(&d) {
                    continue;
                }
                for raw in &rendered.raw_html {
                    if raw.html.contains(url) {
                        spans.push(Span::at(&doc.path, raw.line, raw.column));
                    }
                }
            }
        }
        if spans.is_empty() {
            // A footnote reference (`[^label]`) links to `#fn-label`: find where it is written.
            if let Some(label) = url.rsplit_once("#fn-").map(|(_, l)| l) {
                let needle = format!("[^{label}]");
                for (d, doc, _) in super::documents(site) {
                    if let Some(off) = shows(&d).then(|| doc.text.find(&needle)).flatten() {
                        let (line, col) = LineIndex::new(&doc.text).locate(&doc.text, off);
                        spans.push(Span::at(&doc.path, line, col));
                    }
                }
            }
        }
        spans.dedup();
        spans
    }
}

/// The source documents whose content is shown on a built page.
fn page_owners(page: Option<PageRef>) -> Vec<DocRef> {
    match page {
        Some(PageRef::Article(i)) | Some(PageRef::Topic(i, _)) => vec![DocRef::Article(i)],
        Some(PageRef::Page(i)) => vec![DocRef::Page(i)],
        Some(PageRef::Home) => vec![DocRef::Home],
        Some(PageRef::Faq) => vec![DocRef::FaqFile, DocRef::AnyArticle],
        Some(PageRef::Hub(_)) => vec![DocRef::AnyArticle],
        Some(PageRef::More(crate::site::Listing::Faq | crate::site::Listing::Hub(_), _)) => {
            vec![DocRef::AnyArticle]
        }
        _ => Vec::new(),
    }
}

/// Why an external address is malformed, if it is.
pub fn malformed_url(dest: &str) -> Option<String> {
    let d = dest.trim();
    let lower = d.to_ascii_lowercase();
    // Addresses that lost their colon or slashes are not external to the parser, so catch
    // them by their look before anything else.
    for (bad, good) in [
        ("http//", "http://"),
        ("https//", "https://"),
        ("http:/", "http://"),
        ("https:/", "https://"),
        ("htp://", "http://"),
        ("htps://", "https://"),
        ("http;//", "http://"),
        ("https;//", "https://"),
    ] {
        if lower.starts_with(bad) && !lower.starts_with(good) {
            return Some(format!("it starts with `{bad}`; write `{good}`"));
        }
    }
    if lower.starts_with("www.") {
        return Some("it has no `https://` in front, so it is read as a file on this site".into());
    }
    if !is_external_url(d) || d.starts_with("//") {
        return None;
    }
    let (scheme, rest) = d.split_once(':')?;
    match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" => {
            let Some(after) = rest.strip_prefix("//") else {
                return Some("an http address needs `//` after the colon".into());
            };
            let authority = after.split(['/', '?', '#']).next().unwrap_or("");
            let host = authority.rsplit('@').next().unwrap_or("");
            let host = match host.rsplit_once(':') {
                Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) => h,
                _ => host,
            };
            if host.is_empty() {
                return Some("it has no host name".into());
            }
            let valid_host = host.starts_with('[')
                || host
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
            if !valid_host || host.starts_with('.') || host.ends_with("..") {
                return Some(format!("`{host}` is not a valid host name"));
            }
            if !host.contains('.') && host != "localhost" && !host.starts_with('[') {
                return Some(format!("`{host}` is not a full host name"));
            }
            if d.chars().any(char::is_whitespace) {
                return Some("it contains a space; write `%20`".into());
            }
            None
        }
        "mailto" => (!rest.contains('@')).then(|| "an email link needs an `@`".into()),
        "tel" | "sms" => (!rest.chars().any(|c| c.is_ascii_digit()))
            .then(|| "a phone link needs a number".into()),
        "javascript" => Some("script links are blocked by the site's security policy".into()),
        "ftp" | "ftps" | "geo" | "data" | "webcal" => None,
        other => Some(format!("`{other}:` is not a known kind of address")),
    }
}

/// Malformed external addresses in every document's links and images, and in article
/// references.
pub fn check_malformed(site: &Site) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let mut report = |span: Span, dest: &str, why: String| {
        diags.push(
            Diagnostic::error(
                "links/malformed",
                span,
                format!("malformed address `{dest}`: {why}"),
            )
            .with_help("copy the address from the browser's address bar, e.g. `https://www.nhs.uk/conditions/back-pain/`"),
        );
    };
    for (_, doc, rendered) in super::documents(site) {
        for l in &rendered.links {
            if let Some(why) = malformed_url(&l.dest) {
                report(Span::at(&doc.path, l.line, l.column), &l.dest, why);
            }
        }
        for i in &rendered.images {
            if let Some(why) = malformed_url(&i.src) {
                report(Span::at(&doc.path, i.line, i.column), &i.src, why);
            }
        }
        for r in &doc.front.references {
            if let Some(url) = &r.url {
                if let Some(why) = malformed_url(url).or_else(|| {
                    (!is_external_url(url)).then(|| "a reference needs a full address".into())
                }) {
                    report(Span::at(&doc.path, reference_line(doc, url), 1), url, why);
                }
            }
        }
    }
    diags
}

/// The line of a reference's URL in the front matter, or of `references:`.
pub(crate) fn reference_line(doc: &crate::content::Document, url: &str) -> usize {
    let fm_end = doc.body_start.min(doc.text.len());
    doc.text[..fm_end]
        .lines()
        .position(|l| l.contains(url))
        .map(|i| i + 1)
        .unwrap_or_else(|| doc.front.line_of("references"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(paths: &[(&str, &[&str])]) -> HashMap<String, Option<PageScan>> {
        paths
            .iter()
            .map(|(p, ids)| {
                let scan = p.ends_with(".html").then(|| PageScan {
                    ids: ids.iter().map(|s| s.to_string()).collect(),
                    refs: Vec::new(),
                });
                (p.to_string(), scan)
            })
            .collect()
    }

    #[test]
    fn resolves_internal_urls() {
        let f = files(&[
            ("index.html", &["main"]),
            ("articles/heat/index.html", &["risks"]),
            ("articles/heat/benefits/index.html", &[]),
            ("old/x.html", &[]),
            ("css/style.css", &[]),
        ]);
        let ok = |page: &str, url: &str| resolve(&f, page, url, "/", "https://x.example/");
        let page = "articles/heat/index.html";
        for good in [
            "/articles/heat/",
            "/articles/heat",
            "#risks",
            "#top",
            "benefits/",
            "../heat/#risks",
            "/css/style.css",
            "/old/x.html",
            "https://x.example/articles/heat/",
            "https://nhs.uk/nope/",
            "mailto:a@b.example",
            "/?q=1",
        ] {
            assert_eq!(ok(page, good), None, "{good}");
        }
        assert!(matches!(
            ok(page, "/articles/cold/"),
            Some(Problem::NoFile { .. })
        ));
        assert!(matches!(
            ok(page, "https://x.example/articles/cold/"),
            Some(Problem::NoFile { .. })
        ));
        assert!(matches!(
            ok(page, "#risk"),
            Some(Problem::NoAnchor { suggestion: Some(s), .. }) if s == "risks"
        ));
        assert!(matches!(
            ok("articles/heat/benefits/index.html", "benefits/"),
            Some(Problem::NoFile { .. })
        ));
    }

    #[test]
    fn base_path_is_required_under_a_folder() {
        let f = files(&[("index.html", &[]), ("a/index.html", &[])]);
        assert_eq!(
            resolve(&f, "index.html", "/guides/a/", "/guides/", "/guides/"),
            None
        );
        assert!(matches!(
            resolve(&f, "index.html", "/a/", "/guides/", "/guides/"),
            Some(Problem::Outside { .. })
        ));
    }

    #[test]
    fn normalises_paths() {
        assert_eq!(normalise("a/b/../c/"), "a/c/");
        assert_eq!(normalise("a/./b"), "a/b");
        assert_eq!(normalise("../../x"), "x");
        assert_eq!(normalise("a/b/.."), "a/");
    }

    #[test]
    fn malformed_addresses() {
        for bad in [
            "https//nhs.uk",
            "http:/nhs.uk",
            "htps://nhs.uk",
            "https://",
            "https://nhs uk/",
            "https://localhost_/",
            "https://nhs/x",
            "mailto:frontdesk",
            "www.nhs.uk",
            "javascript:alert(1)",
        ] {
            assert!(malformed_url(bad).is_some(), "{bad}");
        }
        for good in [
            "https://www.nhs.uk/conditions/back-pain/",
            "http://localhost:8080/x",
            "mailto:a@b.example",
            "tel:+1-360-555-0142",
            "../x.md",
            "#risks",
            "https://user@x.example:8443/a?b#c",
        ] {
            assert_eq!(malformed_url(good), None, "{good}");
        }
    }
}
