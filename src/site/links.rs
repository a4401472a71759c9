//! Resolves the links and images an author writes in Markdown to site URLs.
//!
//! Authors link to other content by its file (`[heat therapy](heat-therapy.md)`), relative to
//! the file they are writing, as they would on GitHub; the site knows where each file ends up.
//! A `.md` link that resolves to no file is a build error, reported at its line and column.

use crate::markdown::{LinkKind, LinkResolver, LinkTarget};
use crate::url_scheme::UrlKind;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// Where every content file is published, for resolving `.md` links.
#[derive(Debug, Default)]
pub(crate) struct LinkMap {
    /// Source path relative to the root (normalised) to the site path (`articles/x/`).
    pub(crate) targets: HashMap<PathBuf, String>,
    /// Drafts left out of this build, to explain why a link to one fails.
    pub(crate) drafts: Vec<PathBuf>,
    /// Files that failed to load: their own errors say what is wrong, so a link to one is
    /// not reported again.
    pub(crate) failed: Vec<PathBuf>,
    /// Asset files inside bundles, relative to the root, to their site path.
    pub(crate) assets: HashMap<PathBuf, String>,
    /// Files under `static/` (site or theme), as site paths without a leading slash.
    pub(crate) static_files: Vec<String>,
    /// The base path every internal URL starts with (`/` or `/guides/`).
    pub(crate) base_path: String,
    /// The glossary's terms, marked at their first use in each document.
    pub(crate) terms: crate::markdown::GlossaryTerms,
}

impl LinkMap {
    /// The one place a link map is built, for a full assembly and for serve's updates alike:
    /// `published` pairs each published document's source path with its site path, `assets`
    /// each bundle file with its output path. Drafts and failed files start empty.
    pub(crate) fn new(
        config: &crate::config::Config,
        glossary: &super::Glossary,
        static_files: Vec<String>,
        published: impl IntoIterator<Item = (PathBuf, String)>,
        assets: impl IntoIterator<Item = (PathBuf, String)>,
    ) -> LinkMap {
        LinkMap {
            targets: published.into_iter().collect(),
            drafts: Vec::new(),
            failed: Vec::new(),
            assets: assets.into_iter().collect(),
            static_files,
            // A translation's links lead to pages in its own language's folder.
            base_path: format!("{}{}", config.base_path, config.lang.prefix),
            terms: glossary.matcher(&config.url(super::GLOSSARY_PATH)),
        }
    }
}

/// Resolves links for one document.
pub(crate) struct DocLinks<'a> {
    /// The site's map.
    pub(crate) map: &'a LinkMap,
    /// Folder of the document, relative to the root.
    pub(crate) dir: &'a Path,
    /// Site path of the page the document becomes (for `#fragment` links).
    pub(crate) page_path: &'a str,
}

impl LinkResolver for DocLinks<'_> {
    fn resolve(&self, dest: &str, kind: LinkKind) -> LinkTarget {
        let dest = dest.trim();
        match crate::url_scheme::classify(dest) {
            UrlKind::Refused(scheme) => {
                return LinkTarget::Refused(crate::url_scheme::refused_message(dest, &scheme))
            }
            UrlKind::Contact if kind == LinkKind::Image => {
                return LinkTarget::Refused(format!("`{dest}` is not an image address"))
            }
            UrlKind::Remote | UrlKind::Contact => return LinkTarget::Unchanged,
            UrlKind::Local => {}
        }
        if dest.is_empty() {
            return LinkTarget::Unchanged;
        }
        if let Some(fragment) = dest.strip_prefix('#') {
            // The same content is shown on the article page and its topic pages, so a bare
            // fragment must name the article page to work from both.
            return match kind {
                LinkKind::Link => LinkTarget::Rewritten(format!(
                    "{}{}#{fragment}",
                    self.map.base_path, self.page_path
                )),
                LinkKind::Image => LinkTarget::Unchanged,
            };
        }
        if let Some(rooted) = dest.strip_prefix('/') {
            // Site-absolute links get the base path so sites under a sub-folder keep working.
            if self.map.base_path != "/" && !dest.starts_with(&self.map.base_path) {
                return LinkTarget::Rewritten(format!("{}{rooted}", self.map.base_path));
            }
            return LinkTarget::Unchanged;
        }
        self.relative(dest, kind)
    }
}

impl DocLinks<'_> {
    /// Resolves a link relative to the document's folder: a content file, a bundle asset or
    /// a static file.
    fn relative(&self, dest: &str, kind: LinkKind) -> LinkTarget {
        let (path_part, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let (path_part, query) = match path_part.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (path_part, None),
        };
        let decoded = percent_decode(path_part);
        let joined = normalise(&self.dir.join(&decoded));
        let suffix = |base: String| {
            let mut s = format!("{}{}", self.map.base_path, base.replace(' ', "%20"));
            if let Some(q) = query {
                s.push('?');
                s.push_str(q);
            }
            if let Some(f) = fragment {
                s.push('#');
                s.push_str(f);
            }
            s
        };
        if path_part.ends_with(".md") {
            if let Some(site_path) = self.map.targets.get(&joined) {
                return LinkTarget::Rewritten(suffix(site_path.clone()));
            }
            if self.map.failed.contains(&joined) {
                return LinkTarget::Unchanged;
            }
            if self.map.drafts.contains(&joined) {
                return LinkTarget::Broken(format!(
                    "`{}` is a draft and is not published in this build (add --drafts to include drafts)",
                    joined.display()
                ));
            }
            return LinkTarget::Broken(format!("no content file at `{}`", joined.display()));
        }
        if let Some(site_path) = self.map.assets.get(&joined) {
            return LinkTarget::Rewritten(suffix(site_path.clone()));
        }
        if let Ok(in_static) = joined.strip_prefix("static") {
            let p = in_static.to_string_lossy().replace('\\', "/");
            if self.map.static_files.contains(&p) {
                return LinkTarget::Rewritten(suffix(p));
            }
        }
        match kind {
            LinkKind::Image => {
                LinkTarget::Broken(format!("no image file at `{}`", joined.display()))
            }
            // Other relative links (e.g. to a folder) are left for `handout check` to verify
            // against the built output.
            LinkKind::Link => LinkTarget::Unchanged,
        }
    }
}

/// Whether a destination points off the site (has a scheme such as `https:` or `mailto:`).
pub fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.')
                && !dest[..i].contains('/')
        }
        None => false,
    }
}

/// Removes `.` and resolves `..` lexically (the files may not exist yet).
pub fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Decodes `%20`-style escapes; a malformed escape is kept as written.
pub(crate) fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> LinkMap {
        let mut m = LinkMap {
            base_path: "/".into(),
            ..Default::default()
        };
        m.targets
            .insert("content/articles/heat.md".into(), "articles/heat/".into());
        m.targets.insert(
            "content/articles/massage/index.md".into(),
            "articles/massage/".into(),
        );
        m.targets
            .insert("content/pages/about.md".into(), "about/".into());
        m.assets.insert(
            "content/articles/massage/a b.svg".into(),
            "articles/massage/a b.svg".into(),
        );
        m
    }

    fn resolve(dir: &str, dest: &str, kind: LinkKind) -> String {
        let m = map();
        let l = DocLinks {
            map: &m,
            dir: Path::new(dir),
            page_path: "articles/massage/",
        };
        match l.resolve(dest, kind) {
            LinkTarget::Unchanged => "=".into(),
            LinkTarget::Rewritten(s) => s,
            LinkTarget::Broken(m) => format!("broken: {m}"),
            LinkTarget::Refused(m) => format!("refused: {m}"),
        }
    }

    #[test]
    fn resolves_relative_md_links() {
        let bundle = "content/articles/massage";
        assert_eq!(
            resolve(bundle, "../heat.md", LinkKind::Link),
            "/articles/heat/"
        );
        assert_eq!(
            resolve(bundle, "../heat.md#risks", LinkKind::Link),
            "/articles/heat/#risks"
        );
        assert_eq!(
            resolve("content/articles", "massage/index.md", LinkKind::Link),
            "/articles/massage/"
        );
        assert_eq!(
            resolve("content/articles", "../pages/about.md", LinkKind::Link),
            "/about/"
        );
        assert!(resolve("content/articles", "nope.md", LinkKind::Link).starts_with("broken"));
    }

    #[test]
    fn leaves_external_links() {
        for d in [
            "https://nhs.uk",
            "mailto:a@b.c",
            "tel:+15551234",
            "//cdn.example/x.js",
        ] {
            assert_eq!(resolve("content/articles", d, LinkKind::Link), "=");
        }
    }

    #[test]
    fn bundle_images_and_fragments() {
        let bundle = "content/articles/massage";
        assert_eq!(
            resolve(bundle, "a%20b.svg", LinkKind::Image),
            "/articles/massage/a%20b.svg"
        );
        assert!(resolve(bundle, "missing.png", LinkKind::Image).starts_with("broken"));
        // A `%` before a multi-byte character is not an escape, and must not panic.
        assert!(resolve(bundle, "%é.png", LinkKind::Image).starts_with("broken"));
        assert_eq!(
            resolve(bundle, "#faq", LinkKind::Link),
            "/articles/massage/#faq"
        );
    }
}
